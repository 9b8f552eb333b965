"""Lookups over a dataset: records by id, an agency's agreements, sub-units, narrower fields.

The :class:`~coopgraph.models.Dataset` is a plain list of records; queries need to go from
an id to its record and from an agency to what it takes part in. :class:`Index` builds
those maps once per dataset (in linear time) so each query is proportional to its answer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from functools import cached_property

from coopgraph.dates import PartialDate
from coopgraph.models import Agency, Agreement, Dataset, Event, Source, Status, TechField

__all__ = ["Index", "as_index"]


class Index:
    """Maps over one dataset; build it once and share it between queries."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.agencies: dict[str, Agency] = {a.id: a for a in dataset.agencies}
        self.agreements: dict[str, Agreement] = {a.id: a for a in dataset.agreements}
        self.events: dict[str, Event] = {e.id: e for e in dataset.events}
        self.fields: dict[str, TechField] = {f.id: f for f in dataset.fields}
        self.sources: dict[str, Source] = {s.id: s for s in dataset.sources}

    @cached_property
    def agreements_of(self) -> dict[str, list[Agreement]]:
        """Agreements per agency, counting an agency named as the acting unit of a party."""
        found: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in self.dataset.agreements:
            for party in agreement.parties:
                for agency_id in dict.fromkeys(filter(None, (party.agency, party.unit))):
                    found[agency_id].append(agreement)
        return found

    @cached_property
    def events_of(self) -> dict[str, list[Event]]:
        found: dict[str, list[Event]] = defaultdict(list)
        for event in self.dataset.events:
            parties = [*event.organisers, *event.participants]
            ids = dict.fromkeys(i for p in parties for i in (p.agency, p.unit) if i)
            for agency_id in ids:  # organiser and participant at once counts once
                found[agency_id].append(event)
        return found

    @cached_property
    def agreements_at(self) -> dict[str, list[Agreement]]:
        """Agreements per event where they were agreed or announced."""
        found: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in self.dataset.agreements:
            if agreement.event is not None:
                found[agreement.event].append(agreement)
        return found

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Direct sub-units of each agency."""
        found: dict[str, list[str]] = defaultdict(list)
        for agency in self.dataset.agencies:
            for parent in agency.part_of:
                found[parent.agency].append(agency.id)
        return found

    def subunits(self, agency_id: str) -> list[str]:
        """Every agency that is part of ``agency_id``, directly or not, nearest first."""
        order: list[str] = []
        seen = {agency_id}
        queue = deque(self.children.get(agency_id, []))
        while queue:
            current = queue.popleft()
            if current not in seen:
                seen.add(current)
                order.append(current)
                queue.extend(self.children.get(current, []))
        return order

    @cached_property
    def narrower(self) -> dict[str, list[str]]:
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
