"""Every agreement's and event's steps in time, in one compact table the store keeps.

Trends and ``diff`` ask the same few things of every record: when it reached each status
(placed by :mod:`coopgraph.analytics.timing`), between which countries, in which fields,
with which agencies, on which sources. Reading 100,000 records for that takes seconds;
reading this table, which :meth:`Index.memoized` keeps in the store's ``memo/`` folder
beside the snapshot, takes a fraction of one. The table is columns of plain tuples, strings
and numbers (one object, not one per record), so it unpickles at C speed and stays small.

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

``day`` is the day a step is placed at in a year or a window: the earliest day of an own
date (``2024-01`` on 1 January: trends and ``diff`` ask when something began, so a month
is counted where it starts), the last day of a publication date (a source of ``2023-12``
proves the record by 31 December), as :func:`~coopgraph.analytics.timing.placed_date`
chooses between them. ``--as-of`` asks another question, what was certain by a day, and
counts an agreement's month from its last day (:func:`~coopgraph.analytics.timing.known_since`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import Literal

from coopgraph.analytics.timing import placed_date
from coopgraph.dates import PartialDate
from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.load import paused_gc
from coopgraph.models import Agreement, Citation, Event

__all__ = ["MEMO", "Step", "Timetable", "Window", "timetable", "window"]

#: The name the table is kept under in the store (``memo/analytics-timetable.pickle``).
MEMO = "analytics-timetable"

#: ``(status, first day it counts as a proleptic ordinal, the date as written,
#: "own" or "sources", source ids)``. Days are ``date.toordinal()`` numbers: an int
#: unpickles and compares several times faster than a ``date``.
Step = tuple[str, int, str, str, tuple[str, ...]]
RecordKind = Literal["agreement", "event"]


@dataclass(frozen=True)
class Timetable:
    """Records as parallel columns, agreements first, then events, each in data order.

    ``status`` is a record's latest status (``""`` for an event without one), kept even
    when none of its steps can be placed in time, so that answers can say what they left
    out; ``first`` is the earliest day of its steps (``0``: not placed).
    """

    agreement_count: int
    ids: list[str]
    titles: list[str]
    status: list[str]
    #: record ``i``'s steps are positions ``starts[i]`` to ``starts[i + 1]`` of the
    #: ``step_*`` columns: flat lists of strings and ints unpickle several times faster
    #: than a tuple per step (0.23 s for 100,000 records' tuples, against 0.05 s)
    starts: list[int]
    step_status: list[str]
    step_day: list[int]
    step_text: list[str]
    step_by: list[str]
    step_sources: list[tuple[str, ...]]
    first: list[int]
    countries: list[tuple[str, ...]]
    fields: list[tuple[str, ...]]
    agencies: list[tuple[str, ...]]
    #: agency id -> (English name, country)
    agency_info: dict[str, tuple[str, str]]
    #: source id -> (title, url, publication date as written), each possibly empty
    source_info: dict[str, tuple[str, str, str]]
    #: field id -> (broader field or "", labels by language)
    field_info: dict[str, tuple[str, dict[str, str]]]
    #: the first and the last day any step counts from (``None``: nothing is placed)
    first_day: dt.date | None
    last_day: dt.date | None

    def rows(self, kind: RecordKind) -> range:
        """Positions of one kind's records (agreements come first)."""
        if kind == "agreement":
            return range(self.agreement_count)
        return range(self.agreement_count, len(self.ids))

    def kind(self, i: int) -> RecordKind:
        return "agreement" if i < self.agreement_count else "event"

    def step(self, j: int) -> Step:
        return (
            self.step_status[j],
            self.step_day[j],
            self.step_text[j],
            self.step_by[j],
            self.step_sources[j],
        )

    def steps(self, i: int) -> list[Step]:
        """Record ``i``'s steps, oldest first (none: it is not placed in time)."""
        return [self.step(j) for j in range(self.starts[i], self.starts[i + 1])]


def timetable(index: Index) -> Timetable:
    """The table for ``index``'s data: from the store when it has it, else built and kept.

    The collector is paused while the table is read back or built: a million objects and no
    cycles (reading takes half the time, building 1.0 s instead of 1.6 s at 100,000).
    """
    with paused_gc():
        return index.memoized(MEMO, lambda: _build(index))


def _build(index: Index) -> Timetable:
    with paused_gc():
        return _columns(index)


def _columns(index: Index) -> Timetable:
    dataset = index.dataset
    # Placing reads sources by id for every record: on a store's snapshot each lookup is a
    # query, so place against the same records held in memory.
    local = index if type(index) is Index else Index(dataset)
    agency_info = {a.id: (a.name("en"), a.country) for a in dataset.agencies}
    country = {agency_id: info[1] for agency_id, info in agency_info.items()}
    # Equal texts and tuples become one object each: pickle then writes each once.
    intern = sys.intern
    same: dict[tuple[str, ...], tuple[str, ...]] = {}
    columns: dict[str, list[object]] = {
        name: []
        for name in (
            *("ids", "titles", "status", "starts", "first", "countries", "fields", "agencies"),
            *("step_status", "step_day", "step_text", "step_by", "step_sources"),
        )
    }
    ids, titles, statuses = columns["ids"], columns["titles"], columns["status"]
    starts, firsts = columns["starts"], columns["first"]
    step_status, step_day, step_text = (
        columns[c] for c in ("step_status", "step_day", "step_text")
    )
    step_by, step_sources = columns["step_by"], columns["step_sources"]
    countries, fields, agencies = columns["countries"], columns["fields"], columns["agencies"]
    for record in [*dataset.agreements, *dataset.events]:
        if isinstance(record, Agreement):
            steps = _agreement_steps(local, record)
            parties = record.parties
            status: str = record.status
        else:
            steps = _latest_steps(local, record, record.status or "")
            parties = [*record.organisers, *record.participants]
            status = record.status or ""
        ids.append(record.id)
        titles.append(record.title.get("en") or next(iter(record.title.values())))
        statuses.append(intern(status))
        starts.append(len(step_day))
        for status_reached, day, text, by, cited in steps:
            step_status.append(intern(status_reached))
            step_day.append(day)
            step_text.append(intern(text))
            step_by.append(by)
            step_sources.append(same.setdefault(cited, cited))
        firsts.append(min((step[1] for step in steps), default=0))
        found = {country[p.agency] if p.agency else p.country for p in parties} - {None}
        named = tuple(sorted(found))  # type: ignore[type-var]
        countries.append(same.setdefault(named, named))
        own = tuple(record.fields)
        fields.append(same.setdefault(own, own))
        acting = dict.fromkeys(i for p in parties for i in (p.agency, p.unit) if i)
        agencies.append(tuple(map(intern, acting)))
    starts.append(len(step_day))
    days: list[int] = step_day  # type: ignore[assignment]
    return Timetable(
        agreement_count=len(dataset.agreements),
        **columns,  # type: ignore[arg-type]
        agency_info=agency_info,
        source_info={
            s.id: (s.title or "", s.url or "", str(s.published) if s.published else "")
            for s in dataset.sources
        },
        field_info={f.id: (f.broader or "", dict(f.label)) for f in dataset.fields},
        first_day=dt.date.fromordinal(min(days)) if days else None,
        last_day=dt.date.fromordinal(max(days)) if days else None,
    )


def _cited(citations: list[Citation], supporting: str | None = None) -> tuple[str, ...]:
    """Source ids of the citations that support ``supporting`` (or all, if none does)."""
    chosen = [c.source for c in citations if supporting in c.supports] if supporting else []
    ids = chosen or [c.source for c in citations]
    return tuple(dict.fromkeys(ids)) if len(ids) > 1 else tuple(ids)


def _agreement_steps(index: Index, agreement: Agreement) -> list[Step]:
    steps: list[Step] = [
        (
            change.status,
            change.date.earliest().toordinal(),
            str(change.date),
            "own",
            _cited(change.sources) if change.sources else _cited(agreement.sources, "history"),
        )
        for change in agreement.history
    ]
    steps += _latest_steps(index, agreement, agreement.status)
    ended = agreement.ended
    if ended is not None and not (agreement.status == "ended" and agreement.date == ended):
        cited = _cited(agreement.sources, "ended")
        steps.append(("ended", ended.earliest().toordinal(), str(ended), "own", cited))
    return steps


def _latest_steps(index: Index, record: Agreement | Event, status: str) -> list[Step]:
    """The record's latest state, placed by the shared rule (own date, else its sources')."""
    placed = placed_date(index, record)
    if placed is None:
        return []
    date, by = placed
    if by == "own":
        assert record.date is not None
        day = date.earliest().toordinal()
        return [(status, day, str(record.date), "own", _cited(record.sources, "date"))]
    # Placed by the sources that say it latest: those are the ones to read.
    latest = [
        c
        for c in record.sources
        if (source := index.sources.get(c.source)) is not None and source.published == date
    ]
    return [(status, date.latest().toordinal(), str(date), "sources", _cited(latest))]


# --- a window of days, checked against the data's own range ---------------------------------


@dataclass(frozen=True)
class Window:
    """The days an answer covers: from the first day of ``since`` to the last of ``until``.

    Either end may be open. Dates keep the precision they were typed with (``2024`` is the
    whole year), as ``--since``/``--until`` do in the listings. ``low`` and ``high`` are
    the ends as day ordinals, open ends as the widest ones, for the loops over every record.
    """

    since: PartialDate | None = None
    until: PartialDate | None = None

    @property
    def start(self) -> dt.date | None:
        return self.since.earliest() if self.since else None

    @property
    def end(self) -> dt.date | None:
        return self.until.latest() if self.until else None

    @property
    def low(self) -> int:
        return self.since.earliest().toordinal() if self.since else 0

    @property
    def high(self) -> int:
        return self.until.latest().toordinal() if self.until else dt.date.max.toordinal()


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
