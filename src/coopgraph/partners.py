"""``partners NAME``: who cooperates with an agency, through what, according to whom.

"Partners" of an agency are its co-parties in agreements. Options widen or narrow that:
filters on the agreements (type, field, status, dates, in place on a date), sub-units
(partners of the Department of Commerce include NIST's), and events (co-participants from
other countries). Every link carries the citations that name the parties.

Kept apart from the other listings so that the most used command imports the least.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from coopgraph.filters import Filter
from coopgraph.index import Index, as_index
from coopgraph.models import Agreement, Dataset, Event, Party
from coopgraph.render import Table, to_data
from coopgraph.resolve import Resolver
from coopgraph.views import (
    SourceRef,
    agency_names,
    display_name,
    party_label,
    source_refs,
    title_of,
)

__all__ = ["Link", "Partner", "PartnersResult", "partners"]


@dataclass(frozen=True)
class Link:
    """One agreement (or event) that ties the asked-about agency to a partner."""

    kind: Literal["agreement", "event"]
    id: str
    title: str
    type: str
    date: str | None
    status: str | None
    fields: list[str]
    via: str | None
    partner_unit: str | None
    sources: list[SourceRef]


@dataclass(frozen=True)
class Partner:
    id: str | None
    name: str
    names: dict[str, str]
    country: str | None
    kind: str | None
    links: list[Link]


@dataclass(frozen=True)
class PartnersResult:
    agency: str
    name: str
    considered: list[str]
    partners: list[Partner]
    lang: str = field(default="en", repr=False)

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows = [
            [
                partner.id or "—",
                partner.name,
                partner.country,
                link.id,
                link.type,
                link.date,
                link.status,
                link.fields,
                [ref.source for ref in link.sources],
            ]
            for partner in self.partners
            for link in partner.links
        ]
        scope = (
            f" and its parts ({', '.join(self.considered[1:])})" if len(self.considered) > 1 else ""
        )
        return Table(
            columns=[
                "partner",
                "name",
                "country",
                "via",
                "type",
                "date",
                "status",
                "fields",
                "sources",
            ],
            rows=rows,
            title=f"Partners of {self.agency} — {self.name}{scope}: {len(self.partners)}",
            caption="Quotes behind each link: coopgraph show <via>, or --format json.",
            wide=("name",),
        )


def partners(
    data: Index | Dataset,
    name: str,
    *,
    where: Filter | None = None,
    include_events: bool = False,
    include_subunits: bool = False,
    lang: str = "en",
) -> PartnersResult:
    """Co-parties of the agency's agreements, each with the agreements that link them.

    ``include_subunits`` widens the agency to its parts (the Department of Commerce with
    NIST); ``include_events`` adds co-participants from other countries in events.
    Unnamed counterparts appear with no id, under the description the source gives.
    """
    index = as_index(data)
    where = where or Filter()
    agency = Resolver(index).agency(name)
    considered = [agency.id, *(index.subunits(agency.id, where.as_of) if include_subunits else [])]
    ours = set(considered)
    found: dict[str, tuple[Party, list[Link]]] = {}

    def add(party: Party, link: Link) -> None:
        # unnamed counterparts are told apart by country and every description they have
        key = party.agency or f"unnamed:{sorted((party.description or {}).items())}|{party.country}"
        if key not in found:
            found[key] = (party, [])
        if link.id not in {existing.id for existing in found[key][1]}:
            found[key][1].append(link)

    for member in considered:
        for agreement in index.agreements_of.get(member, []):
            if not where.keeps_agreement(index, agreement):
                continue
            mine = [p for p in agreement.parties if {p.agency, p.unit} & ours]
            via = next(
                (p.unit or p.agency for p in mine if (p.unit or p.agency) != agency.id), None
            )
            for party in agreement.parties:
                if party in mine or party.agency in ours:
                    continue
                add(party, _link(index, agreement, party, via, lang))
        if include_events:
            for event in index.events_of.get(member, []):
                if not where.keeps_event(index, event):
                    continue
                for party in [*event.organisers, *event.participants]:
                    if party.agency in ours or party.agency is None:
                        continue
                    if index.country_of(party.agency) == agency.country:
                        continue
                    via = member if member != agency.id else None
                    add(party, _link(index, event, party, via, lang))

    result = [_partner(index, party, links, lang) for party, links in found.values()]
    result.sort(key=lambda p: (-len(p.links), p.id is None, p.id or p.name))
    return PartnersResult(agency.id, display_name(agency, lang), considered, result, lang)


def _link(
    index: Index, record: Agreement | Event, party: Party, via: str | None, lang: str
) -> Link:
    """How ``record`` (an agreement, or an event) ties the agency to ``party``."""
    is_agreement = isinstance(record, Agreement)
    citations = record.citations_for("parties" if is_agreement else "participants")
    return Link(
        kind="agreement" if is_agreement else "event",
        id=record.id,
        title=title_of(record, lang),
        type=record.type,
        date=str(record.date) if record.date else None,
        status=record.status if is_agreement else None,
        fields=list(record.fields),
        via=via,
        partner_unit=party.unit,
        sources=source_refs(index, citations),
    )


def _partner(index: Index, party: Party, links: list[Link], lang: str) -> Partner:
    links = sorted(links, key=lambda link: (link.date or "", link.id))
    if party.agency is None:
        return Partner(
            None,
            party_label(party, lang),
            dict(party.description or {}),
            party.country,
            None,
            links,
        )
    agency = index.agencies[party.agency]
    return Partner(
        agency.id,
        display_name(agency, lang),
        agency_names(agency),
        agency.country,
        agency.kind,
        links,
    )
