"""The questions users ask, as plain functions: partners, listings, timeline, stats.

Each function takes an :class:`~coopgraph.index.Index` (or a dataset), returns a result
dataclass with ``table()`` and ``to_data()``, and is what the CLI command of the same
name calls. None of them needs networkx, so they stay fast to start; graph algorithms
(paths, centrality) live in :mod:`coopgraph.graph`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from coopgraph.filters import Filter, check_countries
from coopgraph.index import Index, as_index
from coopgraph.models import Agency, Agreement, Dataset, Event, Party
from coopgraph.render import Table, to_data
from coopgraph.suggest import check_vocabulary
from coopgraph.views import (
    PartyView,
    SourceRef,
    agency_names,
    display_name,
    party_view,
    source_refs,
    title_of,
)
from coopgraph.vocabulary import AGENCY_KINDS

__all__ = [
    "AgenciesResult",
    "AgreementsResult",
    "EventsResult",
    "FieldsResult",
    "TimelineResult",
    "agencies",
    "agreements",
    "events",
    "fields",
    "timeline",
]


class _Result:
    """Shared behaviour: JSON data is the dataclass itself, made plain."""

    def to_data(self) -> Any:
        return to_data(self)


# --- agreements and events ---------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    id: str
    type: str
    title: str
    parties: list[PartyView]
    countries: list[str]
    date: str | None
    status: str
    fields: list[str]
    event: str | None
    funding: str | None
    sources: list[SourceRef]


@dataclass(frozen=True)
class AgreementsResult(_Result):
    agreements: list[AgreementRow]

    def table(self) -> Table:
        return Table(
            columns=["id", "type", "date", "status", "parties", "fields", "title", "sources"],
            rows=[
                [
                    a.id,
                    a.type,
                    a.date,
                    a.status,
                    a.parties,
                    a.fields,
                    a.title,
                    sorted({s.source for s in a.sources}),
                ]
                for a in self.agreements
            ],
            title=f"Agreements: {len(self.agreements)}",
            wide=("title",),
        )


def _countries(index: Index, parties: list[Party]) -> list[str]:
    found = [index.country_of(p.agency) if p.agency else p.country for p in parties]
    return sorted({c for c in found if c})


def _date_key(record: Agreement | Event) -> tuple[int, str, str]:
    if record.date is None:
        return (1, "", record.id)
    return (0, record.date.earliest().isoformat(), record.id)


def agreements(
    data: Index | Dataset, *, where: Filter | None = None, lang: str = "en"
) -> AgreementsResult:
    """Agreements that pass the filter, oldest first (undated ones last)."""
    index = as_index(data)
    where = where or Filter()
    candidates = index.candidate_agreements(where)
    kept = sorted((a for a in candidates if where.keeps_agreement(index, a)), key=_date_key)
    return AgreementsResult([_agreement_row(index, a, lang) for a in kept])


def _agreement_row(index: Index, agreement: Agreement, lang: str) -> AgreementRow:
    funding = None
    if agreement.funding is not None:
        f = agreement.funding
        qualifier = "" if f.qualifier == "exact" else f"{f.qualifier} "
        funding = f"{qualifier}{f.amount:,} {f.currency}" + (f" ({f.period})" if f.period else "")
    return AgreementRow(
        id=agreement.id,
        type=agreement.type,
        title=title_of(agreement, lang),
        parties=[party_view(index, p, lang) for p in agreement.parties],
        countries=_countries(index, agreement.parties),
        date=str(agreement.date) if agreement.date else None,
        status=agreement.status,
        fields=list(agreement.fields),
        event=agreement.event,
        funding=funding,
        sources=source_refs(index, list(agreement.sources)),
    )


@dataclass(frozen=True)
class EventRow:
    id: str
    type: str
    status: str | None  # planned, held, cancelled; None when the sources only report it
    title: str
    date: str | None
    place: str | None
    organisers: list[PartyView]
    participants: list[PartyView]
    fields: list[str]
    agreements: list[str]
    sources: list[SourceRef]


@dataclass(frozen=True)
class EventsResult(_Result):
    events: list[EventRow]

    def table(self) -> Table:
        return Table(
            columns=[
                "id",
                "type",
                "status",
                "date",
                "place",
                "organisers",
                "participants",
                "agreements",
                "title",
            ],
            rows=[
                [
                    e.id,
                    e.type,
                    e.status,
                    e.date,
                    e.place,
                    e.organisers,
                    e.participants,
                    e.agreements,
                    e.title,
                ]
                for e in self.events
            ],
            title=f"Events: {len(self.events)}",
            wide=("title",),
        )


def events(data: Index | Dataset, *, where: Filter | None = None, lang: str = "en") -> EventsResult:
    """Events that pass the filter, oldest first, with the agreements they produced."""
    index = as_index(data)
    where = where or Filter()
    candidates = index.candidate_events(where)
    kept = sorted((e for e in candidates if where.keeps_event(index, e)), key=_date_key)
    return EventsResult([_event_row(index, e, lang) for e in kept])


def _event_row(index: Index, event: Event, lang: str) -> EventRow:
    place = None
    if event.place is not None:
        parts = [
            (event.place.venue or {}).get(lang) or (event.place.venue or {}).get("en"),
            (event.place.city or {}).get(lang) or (event.place.city or {}).get("en"),
            event.place.country,
        ]
        place = ", ".join(p for p in parts if p) or None
    return EventRow(
        id=event.id,
        type=event.type,
        status=event.status,
        title=title_of(event, lang),
        date=str(event.date) if event.date else None,
        place=place,
        organisers=[party_view(index, p, lang) for p in event.organisers],
        participants=[party_view(index, p, lang) for p in event.participants],
        fields=list(event.fields),
        agreements=[a.id for a in index.agreements_at.get(event.id, [])],
        sources=source_refs(index, list(event.sources)),
    )


# --- agencies and fields -----------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRow:
    id: str
    name: str
    names: dict[str, str]
    aliases: list[str]
    country: str
    kind: str
    part_of: list[str]
    agreements: int
    wikidata: str | None
    ror: str | None


@dataclass(frozen=True)
class AgenciesResult(_Result):
    agencies: list[AgencyRow]

    def table(self) -> Table:
        return Table(
            columns=[
                "id",
                "name",
                "ko",
                "country",
                "kind",
                "part of",
                "agreements",
                "wikidata",
                "ror",
            ],
            rows=[
                [
                    a.id,
                    a.name,
                    a.names.get("ko"),
                    a.country,
                    a.kind,
                    a.part_of,
                    a.agreements,
                    a.wikidata,
                    a.ror,
                ]
                for a in self.agencies
            ],
            title=f"Agencies: {len(self.agencies)}",
            wide=("name",),
        )


def agencies(
    data: Index | Dataset,
    *,
    countries: list[str] | tuple[str, ...] = (),
    kinds: list[str] | tuple[str, ...] = (),
    lang: str = "en",
) -> AgenciesResult:
    """Agencies by country and kind, sorted by country then id."""
    index = as_index(data)
    wanted_kinds = check_vocabulary(kinds, AGENCY_KINDS, "agency kind")
    wanted_countries = check_countries(index, countries)
    rows = [
        _agency_row(index, agency, lang)
        for agency in sorted(index.agencies.values(), key=lambda a: (a.country, a.id))
        if (not wanted_countries or agency.country in wanted_countries)
        and (not wanted_kinds or agency.kind in wanted_kinds)
    ]
    return AgenciesResult(rows)


def _agency_row(index: Index, agency: Agency, lang: str) -> AgencyRow:
    official = set(agency_names(agency).values())
    return AgencyRow(
        id=agency.id,
        name=display_name(agency, lang),
        names=agency_names(agency),
        aliases=[n.text for n in agency.names if n.text not in official and n.text != agency.id],
        country=agency.country,
        kind=agency.kind,
        part_of=[p.agency for p in agency.part_of],
        agreements=index.agreement_count(agency.id),
        wikidata=agency.wikidata,
        ror=agency.ror,
    )


@dataclass(frozen=True)
class FieldNode:
    id: str
    labels: dict[str, str]
    agreements: int
    narrower: list[FieldNode]


@dataclass(frozen=True)
class FieldsResult(_Result):
    fields: list[FieldNode]
    lang: str = field(default="en", repr=False)

    def table(self) -> Table:
        rows: list[list[Any]] = []

        def walk(node: FieldNode, depth: int) -> None:
            label = node.labels.get(self.lang) or node.labels.get("en") or node.id
            rows.append(["  " * depth + node.id, label, node.labels.get("ko"), node.agreements])
            for child in node.narrower:
                walk(child, depth + 1)

        for root in self.fields:
            walk(root, 0)
        return Table(["field", "label", "ko", "agreements"], rows, title="Technology fields")


def fields(data: Index | Dataset, *, lang: str = "en") -> FieldsResult:
    """The field hierarchy as a tree; counts include agreements in narrower fields."""
    index = as_index(data)
    counts = index.memoized("field-counts", lambda: _field_counts(index))

    def node(field_id: str) -> FieldNode:
        children = [node(child) for child in sorted(index.narrower.get(field_id, []))]
        return FieldNode(field_id, dict(index.fields[field_id].label), counts[field_id], children)

    roots = sorted(f.id for f in index.fields.values() if f.broader is None)
    return FieldsResult([node(r) for r in roots], lang)


def _field_counts(index: Index) -> Counter[str]:
    """Agreements per field, each counted once in its field and every broader one."""
    broader = {f.id: f.broader for f in index.fields.values()}
    counts: Counter[str] = Counter()
    for agreement in index.dataset.agreements:
        reached: set[str] = set()
        for field_id in agreement.fields:
            current: str | None = field_id
            while current is not None and current not in reached:
                reached.add(current)
                current = broader.get(current)
        counts.update(reached)
    return counts


# --- timeline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: Literal["agreement", "event", "status"]
    id: str
    type: str
    status: str | None
    title: str
    parties: list[PartyView]


@dataclass(frozen=True)
class TimelineResult(_Result):
    entries: list[TimelineEntry]

    def table(self) -> Table:
        return Table(
            columns=["date", "kind", "id", "type", "status", "parties", "title"],
            rows=[
                [e.date, e.kind, e.id, e.type, e.status, e.parties, e.title] for e in self.entries
            ],
            title=f"Timeline: {len(self.entries)} entries",
            wide=("title",),
        )


def timeline(
    data: Index | Dataset,
    *,
    where: Filter | None = None,
    include_events: bool = True,
    lang: str = "en",
) -> TimelineResult:
    """Dated agreements, their earlier steps (planned, proposed) and events, in order."""
    index = as_index(data)
    where = where or Filter()
    dated: list[tuple[tuple[Any, ...], TimelineEntry]] = []
    for agreement in index.candidate_agreements(where):
        if not where.keeps_agreement(index, agreement):
            continue
        parties = [party_view(index, p, lang) for p in agreement.parties]
        title = title_of(agreement, lang)
        steps = [(change.date, change.status, "status") for change in agreement.history]
        if agreement.date is not None:
            steps.append((agreement.date, agreement.status, "agreement"))
        for when, status, kind in steps:
            entry = TimelineEntry(
                str(when), kind, agreement.id, agreement.type, status, title, parties
            )  # type: ignore[arg-type]
            dated.append(((when.earliest(), when.latest(), agreement.id), entry))
    if include_events:
        for event in index.candidate_events(where):
            if event.date is None or not where.keeps_event(index, event):
                continue
            parties = [party_view(index, p, lang) for p in [*event.organisers, *event.participants]]
            entry = TimelineEntry(
                str(event.date), "event", event.id, event.type, None, title_of(event, lang), parties
            )
            dated.append(((event.date.earliest(), event.date.latest(), event.id), entry))
    dated.sort(key=lambda pair: pair[0])
    return TimelineResult([entry for _key, entry in dated])
