"""Every agreement's and event's steps in time, in one compact table the store keeps.

Trends and ``diff`` ask the same few things of every record: when it reached each status
(placed by :mod:`coopgraph.analytics.timing`), between which countries, in which fields,
with which agencies, on which sources. Reading 100,000 records for that takes seconds;
reading this table, which :meth:`Index.memoized` keeps in the store's ``memo/`` folder
beside the snapshot, takes a fraction of one. The table is columns of plain tuples, strings
and dates (one object, not one per record), so it unpickles at C speed and stays small.

It is derived from one version of the data and carries everything the two commands show,
agency names, source titles and addresses and field labels included: an answer from the
store reads no record at all.

A step is ``(status, day, date as written, dated by, source ids)``:

- an agreement's history steps, oldest first, each on its own date;
- its latest state (``status`` and ``date``), on its own date or, without one, on the
  latest publication date of its sources (the shared rule), or left out when neither
  exists;
- its end (``ended``) as a step with status ``ended``;
- an event's one step: its status (``""`` when the sources give none) on its date.

``day`` is the first day the step counts, as :func:`~coopgraph.analytics.timing.known_since`
says: the earliest day of an own date (``2024`` counts from 2024-01-01), the last day of a
publication date (a source of ``2023-12`` proves the record by 31 December).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from coopgraph.analytics.timing import placed_date
from coopgraph.dates import PartialDate
from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.models import Agreement, Citation, Event, Party

__all__ = ["MEMO", "Step", "Timetable", "Window", "timetable", "window"]

#: The name the table is kept under in the store (``memo/analytics-timetable.pickle``).
MEMO = "analytics-timetable"

#: ``(status, first day it counts, the date as written, "own" or "sources", source ids)``
Step = tuple[str, dt.date, str, str, tuple[str, ...]]
RecordKind = Literal["agreement", "event"]


@dataclass(frozen=True)
class Timetable:
    """Records as parallel columns, agreements first, each in data order.

    ``status`` is a record's latest status (``""`` for an event without one), kept even
    when none of its steps can be placed in time, so that answers can say what they left out.
    """

    kinds: list[RecordKind] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    steps: list[tuple[Step, ...]] = field(default_factory=list)
    countries: list[tuple[str, ...]] = field(default_factory=list)
    fields: list[tuple[str, ...]] = field(default_factory=list)
    agencies: list[tuple[str, ...]] = field(default_factory=list)
    #: agency id -> (English name, country)
    agency_info: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: source id -> (title, url, publication date as written), each possibly empty
    source_info: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: field id -> (broader field or "", labels by language)
    field_info: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    #: the first and the last day any step counts from (``None``: nothing is placed)
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    def rows(self, kind: RecordKind) -> range:
        """Positions of one kind's records (agreements come first)."""
        agreements = self.kinds.count("agreement")
        return range(agreements) if kind == "agreement" else range(agreements, len(self.ids))


def timetable(index: Index) -> Timetable:
    """The table for ``index``'s data: from the store when it has it, else built and kept."""
    return index.memoized(MEMO, lambda: _build(index))


def _build(index: Index) -> Timetable:
    dataset = index.dataset
    # Placing reads sources by id for every record: on a store's snapshot each lookup is a
    # query, so place against the same records held in memory.
    local = index if type(index) is Index else Index(dataset)
    table = Timetable(
        agency_info={a.id: (a.name("en"), a.country) for a in dataset.agencies},
        source_info={
            s.id: (s.title or "", s.url or "", str(s.published) if s.published else "")
            for s in dataset.sources
        },
        field_info={f.id: (f.broader or "", dict(f.label)) for f in dataset.fields},
    )
    strings: dict[str, str] = {}  # one object per repeated text: a smaller, faster pickle

    def shared(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(strings.setdefault(v, v) for v in values)

    records: list[tuple[RecordKind, Agreement | Event]] = [
        *(("agreement", a) for a in dataset.agreements),
        *(("event", e) for e in dataset.events),
    ]
    for kind, record in records:
        if isinstance(record, Agreement):
            steps = _agreement_steps(local, record)
            parties = record.parties
            status: str = record.status
        else:
            steps = _event_steps(local, record)
            parties = [*record.organisers, *record.participants]
            status = record.status or ""
        table.kinds.append(kind)
        table.ids.append(record.id)
        table.titles.append(record.title.get("en") or next(iter(record.title.values())))
        table.status.append(strings.setdefault(status, status))
        table.steps.append(
            tuple((strings.setdefault(s, s), d, t, b, shared(c)) for s, d, t, b, c in steps)
        )
        table.countries.append(shared(sorted(_countries(table, parties))))
        table.fields.append(shared(record.fields))
        named = dict.fromkeys(i for p in parties for i in (p.agency, p.unit) if i)
        table.agencies.append(shared(list(named)))
    days = [step[1] for steps in table.steps for step in steps]
    return replace(table, first_day=min(days, default=None), last_day=max(days, default=None))


def _countries(table: Timetable, parties: list[Party]) -> set[str]:
    """Countries of the parties: a named agency's own, an unnamed party's if described."""
    found = set()
    for party in parties:
        country = table.agency_info[party.agency][1] if party.agency else party.country
        if country:
            found.add(country)
    return found


def _cited(citations: list[Citation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in citations))


def _agreement_steps(index: Index, agreement: Agreement) -> list[Step]:
    steps: list[Step] = [
        (
            change.status,
            change.date.earliest(),
            str(change.date),
            "own",
            _cited(change.sources or agreement.citations_for("history")),
        )
        for change in agreement.history
    ]
    latest = _latest_step(index, agreement, agreement.status)
    if latest is not None:
        steps.append(latest)
    ended = agreement.ended
    if ended is not None and not (agreement.status == "ended" and agreement.date == ended):
        steps.append(
            ("ended", ended.earliest(), str(ended), "own", _cited(agreement.citations_for("ended")))
        )
    return steps


def _event_steps(index: Index, event: Event) -> list[Step]:
    latest = _latest_step(index, event, event.status or "")
    return [] if latest is None else [latest]


def _latest_step(index: Index, record: Agreement | Event, status: str) -> Step | None:
    """The record's latest state, placed by the shared rule (own date, else its sources')."""
    placed = placed_date(index, record)
    if placed is None:
        return None
    date, by = placed
    if by == "own":
        assert record.date is not None
        return (
            status,
            date.earliest(),
            str(record.date),
            "own",
            _cited(record.citations_for("date")),
        )
    # Placed by the sources that say it latest: those are the ones to read.
    latest = [
        c
        for c in record.sources
        if (source := index.sources.get(c.source)) is not None and source.published == date
    ]
    return status, date.latest(), str(date), "sources", _cited(latest)


# --- a window of days, checked against the data's own range ---------------------------------


@dataclass(frozen=True)
class Window:
    """The days an answer covers: from the first day of ``since`` to the last of ``until``.

    Either end may be open. Dates keep the precision they were typed with (``2024`` is the
    whole year), as ``--since``/``--until`` do in the listings.
    """

    since: PartialDate | None = None
    until: PartialDate | None = None

    @property
    def start(self) -> dt.date | None:
        return self.since.earliest() if self.since else None

    @property
    def end(self) -> dt.date | None:
        return self.until.latest() if self.until else None

    def holds(self, day: dt.date) -> bool:
        start, end = self.start, self.end
        return (start is None or start <= day) and (end is None or day <= end)


def window(
    table: Timetable,
    since: str | PartialDate | None,
    until: str | PartialDate | None,
) -> Window:
    """``since`` and ``until`` read and checked: in order, and overlapping the data's days.

    A window wholly before the first dated record or after the last is a usage error that
    gives the data's range, rather than an empty answer that looks like "nothing happened".
    """
    found = Window(_partial(since, "--since"), _partial(until, "--until"))
    if found.start and found.end and found.end < found.start:
        raise UsageError(f"--until {found.until} is before --since {found.since}")
    first, last = table.first_day, table.last_day
    if first is None or last is None:
        if found.since or found.until:
            raise UsageError("no agreement or event in the data is placed in time")
        return found
    span = f"the data run from {first} to {last} (the days records count from)"
    if found.start and found.start > last:
        raise UsageError(f"--since {found.since} is after the last dated record: {span}")
    if found.end and found.end < first:
        raise UsageError(f"--until {found.until} is before the first dated record: {span}")
    return found


def _partial(value: str | PartialDate | None, option: str) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None
