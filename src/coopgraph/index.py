"""Lookups over a dataset: records by id, an agency's agreements, sub-units, names.

The :class:`~coopgraph.models.Dataset` is a plain list of records; queries need to go from
an id to its record and from an agency to what it takes part in. :class:`Index` is the one
interface every query asks: mappings (records by id, agreements per agency, agencies per
normalised name, ...) and a few ordered lookups. This class builds them in memory from a
dataset, once, in linear time; :mod:`coopgraph.store` answers the same interface from an
on-disk snapshot, reading only the records a question touches. Queries never scan
``dataset`` for what a lookup here can answer, so both stay fast at any size.

Lists are always in the data's own order (files in name order, records as written), so a
query gives the same answer whichever implementation serves it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from coopgraph.dates import PartialDate
from coopgraph.models import (
    Agency,
    Agreement,
    Dataset,
    Event,
    PartOf,
    Source,
    Status,
    TechField,
)

if TYPE_CHECKING:
    from coopgraph.filters import Filter

__all__ = ["Index", "RecordKind", "as_index", "name_keys"]

RecordKind = Literal["agency", "agreement", "event", "field", "source"]
T = TypeVar("T")


def name_keys(record: Any) -> list[str]:
    """The texts a record can be found by: its id, and its names, titles or labels.

    Agencies by id and every name; agreements and events by title; fields by label;
    sources by title. Resolution compares them normalised (:func:`coopgraph.resolve.normalize`).
    """
    if isinstance(record, Agency):
        return [record.id, *(name.text for name in record.names)]
    if isinstance(record, Agreement | Event):
        return [record.id, *record.title.values()]
    if isinstance(record, TechField):
        return [record.id, *record.label.values()]
    return [record.id, *([record.title] if record.title else [])]


class Index:
    """Maps over one dataset; build it once and share it between queries."""

    agencies: Mapping[str, Agency]
    agreements: Mapping[str, Agreement]
    events: Mapping[str, Event]
    fields: Mapping[str, TechField]
    sources: Mapping[str, Source]

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.agencies = {a.id: a for a in dataset.agencies}
        self.agreements = {a.id: a for a in dataset.agreements}
        self.events = {e.id: e for e in dataset.events}
        self.fields = {f.id: f for f in dataset.fields}
        self.sources = {s.id: s for s in dataset.sources}
        self._memo: dict[str, Any] = {}

    # --- names -------------------------------------------------------------------------

    @cached_property
    def agency_keys(self) -> Mapping[str, set[str]]:
        """Agency ids per normalised name (id, official names, acronyms, aliases)."""
        from coopgraph.resolve import normalize

        keys: dict[str, set[str]] = defaultdict(set)
        for agency in self.dataset.agencies:
            for text in name_keys(agency):
                if key := normalize(text):
                    keys[key].add(agency.id)
        return keys

    @cached_property
    def record_keys(self) -> Mapping[str, set[tuple[RecordKind, str]]]:
        """Agreements, events, fields and sources per normalised id, title or label."""
        from coopgraph.resolve import normalize

        keys: dict[str, set[tuple[RecordKind, str]]] = defaultdict(set)
        groups: list[tuple[RecordKind, list[Any]]] = [
            ("agreement", self.dataset.agreements),
            ("event", self.dataset.events),
            ("field", self.dataset.fields),
            ("source", self.dataset.sources),
        ]
        for kind, records in groups:
            for record in records:
                for text in name_keys(record):
                    if key := normalize(text):
                        keys[key].add((kind, record.id))
        return keys

    # --- ordered lookups -----------------------------------------------------------------

    def agreements_in_fields(self, field_ids: set[str] | frozenset[str]) -> list[Agreement]:
        """Agreements about any of these fields (exactly these: widen them first)."""
        return [a for a in self.dataset.agreements if not field_ids.isdisjoint(a.fields)]

    def agreements_in_countries(self, countries: frozenset[str]) -> list[Agreement]:
        """Agreements with a party (named, or unnamed with a country) in any of ``countries``."""
        return [
            a
            for a in self.dataset.agreements
            if any(
                (self.agencies[p.agency].country if p.agency else p.country) in countries
                for p in a.parties
            )
        ]

    def agreement_count(self, agency_id: str) -> int:
        """``len(agreements_of[agency_id])``, without reading the agreements."""
        return len(self.agreements_of.get(agency_id, []))

    def citing(self, source_id: str) -> list[tuple[RecordKind, Agency | Agreement | Event]]:
        """Agencies, agreements and events with a citation of ``source_id`` (or via it)."""
        found: list[tuple[RecordKind, Agency | Agreement | Event]] = []
        groups: list[tuple[RecordKind, list[Any]]] = [
            ("agency", self.dataset.agencies),
            ("agreement", self.dataset.agreements),
            ("event", self.dataset.events),
        ]
        for kind, records in groups:
            for record in records:
                if any(c.source == source_id or c.via == source_id for c in record.sources):
                    found.append((kind, record))
        return found

    def event_parts(self, event_id: str) -> list[Event]:
        """Events that are part of ``event_id`` (the sessions of a forum)."""
        return [e for e in self.dataset.events if e.part_of == event_id]

    def candidate_agreements(self, where: Filter) -> Iterable[Agreement]:
        """Agreements that may pass ``where``, in data order; the filter still decides.

        Narrowed by the least-connected party asked for, else by fields, else by countries,
        so that a question about one agency reads that agency's agreements, not all of them.
        """
        if where.parties:
            return min((self.agreements_of.get(p, []) for p in where.parties), key=len)
        if where.fields:
            return self.agreements_in_fields(where.fields)
        if where.countries:
            return self.agreements_in_countries(where.countries)
        return self.dataset.agreements

    def candidate_events(self, where: Filter) -> Iterable[Event]:
        """Events that may pass ``where``, in data order; the filter still decides."""
        if where.parties:
            return min((self.events_of.get(p, []) for p in where.parties), key=len)
        return self.dataset.events

    def memoized(self, name: str, compute: Callable[[], T]) -> T:
        """A whole-dataset result, computed once (a snapshot keeps it for later commands)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]  # type: ignore[no-any-return]

    def memos(self) -> dict[str, Any]:
        """The whole-dataset results computed so far, by name (for a store to keep)."""
        return dict(self._memo)

    # --- links ---------------------------------------------------------------------------

    @cached_property
    def agreements_of(self) -> Mapping[str, list[Agreement]]:
        """Agreements per agency, counting an agency named as the acting unit of a party."""
        found: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in self.dataset.agreements:
            for party in agreement.parties:
                for agency_id in dict.fromkeys(filter(None, (party.agency, party.unit))):
                    found[agency_id].append(agreement)
        return found

    @cached_property
    def events_of(self) -> Mapping[str, list[Event]]:
        found: dict[str, list[Event]] = defaultdict(list)
        for event in self.dataset.events:
            parties = [*event.organisers, *event.participants]
            ids = dict.fromkeys(i for p in parties for i in (p.agency, p.unit) if i)
            for agency_id in ids:  # organiser and participant at once counts once
                found[agency_id].append(event)
        return found

    @cached_property
    def agreements_at(self) -> Mapping[str, list[Agreement]]:
        """Agreements per event where they were agreed, or where a step of them was announced."""
        found: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in self.dataset.agreements:
            for event_id in agreement.event_ids():
                found[event_id].append(agreement)
        return found

    @cached_property
    def memberships(self) -> Mapping[str, list[tuple[str, PartOf]]]:
        """Direct sub-units of each agency, with the membership (and its validity)."""
        found: dict[str, list[tuple[str, PartOf]]] = defaultdict(list)
        for agency in self.dataset.agencies:
            for parent in agency.part_of:
                found[parent.agency].append((agency.id, parent))
        return found

    def subunits(self, agency_id: str, on: dt.date | None = None) -> list[str]:
        """Every agency that is part of ``agency_id`` on the day, directly or not, nearest first.

        A membership counts while it is in force: from ``valid_from`` (if known) through
        ``valid_until``; without a day, today. An agency that has moved to another parent
        (MOTIE's energy agencies in 2025) no longer rolls up into the old one.
        """
        day = on or dt.date.today()
        order: list[str] = []
        seen = {agency_id}
        queue = deque([agency_id])
        while queue:
            for child, membership in self.memberships.get(queue.popleft(), []):
                if child not in seen and membership.in_force(day):
                    seen.add(child)
                    order.append(child)
                    queue.append(child)
        return order

    @cached_property
    def narrower(self) -> Mapping[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for field in self.dataset.fields:
            if field.broader is not None:
                found[field.broader].append(field.id)
        return found

    def field_and_narrower(self, field_ids: Iterable[str]) -> set[str]:
        """The fields and all fields below them: ``quantum`` includes ``quantum-computing``."""
        found: set[str] = set()
        stack = list(field_ids)
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.narrower.get(current, []))
        return found

    def country_of(self, agency_id: str) -> str:
        return self.agencies[agency_id].country

    def reported_on(self, record: Agreement | Event) -> PartialDate | None:
        """The latest publication date among a record's sources: when its status was known."""
        dates = [
            published
            for citation in record.sources
            if (source := self.sources.get(citation.source)) is not None
            and (published := source.published) is not None
        ]
        return max(dates, key=lambda d: d.latest()) if dates else None

    def status_on(self, agreement: Agreement, day: dt.date) -> Status | None:
        """The agreement's status on ``day`` as far as the sources show.

        An agreement with no date of its own counts from when its sources reported it
        (the PNNL-RIST partnership is known to be active from the December 2023 article).
        """
        status = agreement.status_on(day)
        if status is None and agreement.date is None:
            reported = self.reported_on(agreement)
            if reported is not None and reported.latest() <= day:
                return agreement.status
        return status


def as_index(data: Index | Dataset) -> Index:
    """Accept a dataset or an index wherever a query needs an index."""
    return data if isinstance(data, Index) else Index(data)
