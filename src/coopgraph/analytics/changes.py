"""What changed in a window of days: agreements signed, planned, renewed or ended, new
agencies and new country pairs, each with its date, where the date comes from, and sources.

A briefing asks "what happened since the last one?". The answer is read from each
agreement's steps (its history, its latest state, its end), placed in time by the shared
rule of :mod:`coopgraph.analytics.timing`: a step on its own date, or, for a latest state
without one, on the latest publication date of the record's sources (``dated_by`` says
which).

What each change means:

- **signed**: the agreement was first in place (``signed``, or ``active`` for a standing
  dialogue that is never "signed": its first round);
- **renewed**: ``signed`` again after it had been in place, or in place again after it had
  ended. The vocabularies have no renewal type or status, so a renewal is a history step:
  ``history: [{status: signed, date: "2019"}]`` then ``status: signed, date: "2024"``;
- **active**: an agreement already signed recorded as active from that date;
- **proposed**, **planned**: an intention recorded on that date;
- **ended**: the agreement's ``ended`` date, or its status becoming ``ended``;
- **new agency**: an agency whose first appearance in any agreement or event (as a party,
  acting unit, organiser or participant) falls in the window; the records it first
  appears in are listed;
- **new country pair**: two countries first linked by an agreement (at any status: a
  planned one already links them) in the window. Events do not link countries here, as
  in ``stats``.

Records that neither their own date nor their sources place in time are in no window; the
answer lists them (``not_placed``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any, TypeVar

from coopgraph.analytics.timetable import Step, Timetable, Window, timetable, window
from coopgraph.dates import PartialDate
from coopgraph.index import Index
from coopgraph.render import Table
from coopgraph.vocabulary import IN_PLACE_STATUSES

__all__ = ["CHANGES", "Change", "DiffResult", "SourceRef", "diff"]

K = TypeVar("K")

#: Every kind of change, in the order an answer lists them.
CHANGES = (
    "signed",
    "renewed",
    "ended",
    "active",
    "planned",
    "proposed",
    "new agency",
    "new country pair",
)


@dataclass(frozen=True)
class SourceRef:
    """A source an answer rests on: enough to find and cite it."""

    id: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class Change:
    """One thing that happened in the window, with the records and sources behind it."""

    change: str
    #: the agreement's id, the agency's id or the country pair (``KR-US``)
    subject: str
    #: the agreement's title, the agency's name, or the pair's countries
    title: str
    #: the date as the data give it (``2024-01``, ``2023-12-08/2023-12-09``)
    date: str
    #: ``own``: the record's date for that step; ``sources``: its sources' publication date
    dated_by: str
    #: the status the agreement reached (agreements only)
    status: str | None
    countries: list[str]
    agreements: list[str]
    events: list[str]
    sources: list[SourceRef]


@dataclass(frozen=True)
class DiffResult:
    since: str
    until: str | None
    #: the days the window covers, first and last (the last is open without ``until``)
    first_day: str
    last_day: str | None
    changes: list[Change]
    #: agreements and events that no date places in time, so in no window
    not_placed: list[str]

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(CHANGES, 0)
        for change in self.changes:
            found[change.change] += 1
        return found

    def to_data(self) -> Any:
        """The changes, each naming its sources by id; ``sources`` describes each once.

        A source behind thousands of changes (one article reporting a whole dialogue) is
        written once, not once per change: at 100,000 agreements a five-year window has
        19,000 changes and 2,000 sources.
        """
        sources: dict[str, Any] = {}
        changes = []
        for c in self.changes:
            for source in c.sources:
                if source.id not in sources:
                    sources[source.id] = {
                        "title": source.title,
                        "url": source.url,
                        "published": source.published,
                    }
            changes.append(
                {
                    "change": c.change,
                    "subject": c.subject,
                    "title": c.title,
                    "date": c.date,
                    "dated_by": c.dated_by,
                    "status": c.status,
                    "countries": c.countries,
                    "agreements": c.agreements,
                    "events": c.events,
                    "sources": [source.id for source in c.sources],
                }
            )
        return {
            "since": self.since,
            "until": self.until,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "counts": self.counts(),
            "changes": changes,
            "sources": dict(sorted(sources.items())),
            "not_placed": self.not_placed,
        }

    def table(self) -> Table:
        rows = [
            [
                c.change,
                c.subject,
                c.title,
                c.date,
                c.dated_by,
                "-".join(c.countries) if c.change == "new country pair" else c.countries,
                [*c.agreements, *c.events],
                [_cite(s) for s in c.sources],
            ]
            for c in self.changes
        ]
        until = f" to {self.until}" if self.until else ""
        counts = ", ".join(f"{kind}: {n}" for kind, n in self.counts().items() if n)
        caption = (
            f"From {self.first_day} to {self.last_day or 'now'}: {counts or 'no change'}. "
            "'dated by' says whether a date is the record's own or its sources' publication "
            "date."
        )
        if self.not_placed:
            caption += f" Not placed in time, so in no window: {', '.join(self.not_placed)}."
        return Table(
            ["change", "what", "title", "date", "dated by", "countries", "records", "sources"],
            rows,
            title=f"What changed since {self.since}{until}",
            caption=caption,
            wide=("title", "sources"),
        )


def _cite(source: SourceRef) -> str:
    where = source.url or source.title
    return f"{source.id} ({where})" if where else source.id


def diff(
    index: Index,
    *,
    since: str | PartialDate,
    until: str | PartialDate | None = None,
) -> DiffResult:
    """What changed from the first day of ``since`` to the last day of ``until`` (or now).

    Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a window wholly outside the data's
    dates, or ``until`` before ``since``, is a usage error that says the data's range.
    """
    table = timetable(index)
    span = window(table, since, until)
    assert span.since is not None and span.start is not None
    changes = [
        *_agreement_changes(table, span),
        *_new_agencies(table, span),
        *_new_pairs(table, span),
    ]
    order = {kind: n for n, kind in enumerate(CHANGES)}
    changes.sort(key=lambda c: (order[c.change], _first_day(c.date), c.subject))
    return DiffResult(
        since=str(span.since),
        until=str(span.until) if span.until else None,
        first_day=span.start.isoformat(),
        last_day=span.end.isoformat() if span.end else None,
        changes=changes,
        not_placed=[table.ids[i] for i, first in enumerate(table.first) if not first],
    )


def _first_day(date: str) -> str:
    """The sortable first day of a date as written (``2024-01`` sorts as 2024-01-01)."""
    return date.split("/")[0]


def _sources(table: Timetable, ids: tuple[str, ...] | list[str]) -> list[SourceRef]:
    return [_source(table, source_id) for source_id in dict.fromkeys(ids)]


def _source(table: Timetable, source_id: str) -> SourceRef:
    title, url, published = table.source_info.get(source_id, ("", "", ""))
    return SourceRef(source_id, title or None, url or None, published or None)


def _agreement_changes(table: Timetable, span: Window) -> list[Change]:
    low, high = span.low, span.high
    found = []
    for i in table.rows("agreement"):
        in_place = ended = False
        for j in range(table.starts[i], table.starts[i + 1]):
            status = table.step_status[j]
            if status in IN_PLACE_STATUSES:
                if ended or (in_place and status == "signed"):
                    change = "renewed"
                else:
                    change = "active" if in_place else "signed"
                in_place, ended = True, False
            elif status == "ended":
                if ended:
                    continue  # the status and the end date say the same thing
                change, ended = "ended", True
            else:
                change = status
            if low <= table.step_day[j] <= high:
                found.append(_agreement_change(table, i, table.step(j), change))
    return found


def _agreement_change(table: Timetable, i: int, step: Step, change: str) -> Change:
    return Change(
        change=change,
        subject=table.ids[i],
        title=table.titles[i],
        date=step[2],
        dated_by=step[3],
        status=step[0],
        countries=list(table.countries[i]),
        agreements=[table.ids[i]],
        events=[],
        sources=_sources(table, step[4]),
    )


def _firsts(
    table: Timetable, keys: Callable[[int], Iterable[K]], rows: Iterable[int]
) -> dict[K, tuple[int, list[int]]]:
    """For each key (an agency, a country pair), its first day and the records of that day."""
    first: dict[K, tuple[int, list[int]]] = {}
    for i in rows:
        day = table.first[i]
        if not day:
            continue  # not placed in time
        for key in keys(i):
            known = first.get(key)
            if known is None or day < known[0]:
                first[key] = (day, [i])
            elif day == known[0]:
                known[1].append(i)
    return first


def _new_agencies(table: Timetable, span: Window) -> list[Change]:
    """Agencies whose first day in any placed record falls in the window."""
    low, high = span.low, span.high
    first = _firsts(table, table.agencies.__getitem__, range(len(table.ids)))
    found = []
    for agency, (day, records) in first.items():
        if low <= day <= high:
            name, country = table.agency_info.get(agency, (agency, ""))
            found.append(_first_seen(table, "new agency", agency, name, [country], records))
    return found


def _new_pairs(table: Timetable, span: Window) -> list[Change]:
    """Country pairs whose first agreement (at any status) falls in the window."""
    low, high = span.low, span.high

    def pairs(i: int) -> Iterable[tuple[str, str]]:
        return combinations(table.countries[i], 2)

    first = _firsts(table, pairs, table.rows("agreement"))
    found = []
    for pair, (day, records) in first.items():
        if low <= day <= high:
            title = " and ".join(pair)
            found.append(
                _first_seen(table, "new country pair", "-".join(pair), title, list(pair), records)
            )
    return found


def _first_seen(
    table: Timetable,
    change: str,
    subject: str,
    title: str,
    countries: list[str],
    records: list[int],
) -> Change:
    """A first appearance, dated and sourced by the records' earliest steps."""
    steps = [min(table.steps(i), key=lambda step: step[1]) for i in records]
    own = [step for step in steps if step[3] == "own"]
    date = (own or steps)[0][2]
    return Change(
        change=change,
        subject=subject,
        title=title,
        date=date,
        dated_by="own" if own else "sources",
        status=None,
        countries=[c for c in countries if c],
        agreements=[table.ids[i] for i in records if table.kind(i) == "agreement"],
        events=[table.ids[i] for i in records if table.kind(i) == "event"],
        sources=_sources(table, [s for step in steps for s in step[4]]),
    )
