"""Cooperation year by year: country pair x year and field x year, each number with its records.

What counts, and when (the rules the ``trends`` command's help states):

- **Signed agreements.** An agreement counts once, in the year it first reached a status in
  which it is in place: ``signed`` or ``active`` (:data:`~coopgraph.vocabulary.IN_PLACE_STATUSES`;
  a standing dialogue becomes ``active`` at its first round without being "signed"). Its
  history counts: the KATS-NIST MOU, planned in December 2023 and signed in June 2024,
  counts in 2024. ``proposed`` and ``planned`` are intentions, not agreements in place; an
  agreement known only as ``ended``, with no step that put it in place, is not counted (its
  signing is undated). Other statuses can be asked for (``status=["planned"]``: agreements
  in the year they were first planned).
- **Events** count in the year they took place: ``held``, or with no status (the sources
  report them after the fact); ``planned`` and ``cancelled`` ones are left out unless asked for.
- **The year** comes from the shared rule (:mod:`coopgraph.analytics.timing`): the record's
  own date for that step, else the latest publication date of its sources. Records placed
  by their sources are listed in every row (``placed_by_sources``) so the reader sees which
  counts rest on a publication date. A record with neither is not counted and is listed in
  ``not_placed``.
- **Country pairs** are unordered and written in sorted order (``KR-US``); the countries are
  the parties' (a named agency's country, an unnamed party's described country). An
  agreement of three countries counts once for each of its three pairs; one whose parties
  are all of one country counts for none.
- **Fields** count with their broader fields (``broader=True``, the default, as the
  ``fields`` command does): an agreement on ``quantum-computing`` counts under
  ``quantum-computing`` and under ``quantum``, once each. With ``broader=False`` a record
  counts only under the fields it names.

Answers are read from the :mod:`~coopgraph.analytics.timetable` the store keeps, so a
command on unchanged data reads no record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from coopgraph.analytics.timetable import Timetable, timetable, window
from coopgraph.errors import UsageError
from coopgraph.filters import check_countries, field_id
from coopgraph.index import Index
from coopgraph.render import Table, to_data
from coopgraph.suggest import check_vocabulary
from coopgraph.vocabulary import AGREEMENT_STATUSES, EVENT_STATUSES, IN_PLACE_STATUSES

__all__ = [
    "BY",
    "KINDS",
    "TrendRow",
    "TrendsMatrix",
    "TrendsResult",
    "default_statuses",
    "trends",
]

By = Literal["country-pair", "field"]
Kind = Literal["agreements", "events"]
BY: tuple[By, ...] = ("country-pair", "field")
KINDS: tuple[Kind, ...] = ("agreements", "events")

#: What an event with no status in the data counts as: the sources report it as past.
_UNSTATED_EVENT = "held"


def default_statuses(kind: Kind) -> frozenset[str]:
    """Signed or active agreements (in place); events held (or reported without a status)."""
    return IN_PLACE_STATUSES if kind == "agreements" else frozenset({"held"})


@dataclass(frozen=True)
class TrendRow:
    """One count: records of one country pair or field in one year, with their ids."""

    key: str
    label: str | None
    year: int
    count: int
    agreements: list[str]
    events: list[str]
    #: the ids above placed in the year by their sources' publication date (no own date)
    placed_by_sources: list[str]


@dataclass(frozen=True)
class TrendsResult:
    by: By
    kind: Kind
    statuses: list[str]
    since: str | None
    until: str | None
    countries: list[str]
    fields: list[str]
    broader: bool
    years: list[int]
    rows: list[TrendRow]
    #: records of the asked statuses that neither their own date nor their sources place
    not_placed: list[str]
    lang: str = field(default="en", repr=False)

    def to_data(self) -> Any:
        data = to_data(self)
        del data["lang"]
        return data

    def totals(self) -> Counter[str]:
        """Records per country pair or field over all the years shown."""
        found: Counter[str] = Counter()
        for row in self.rows:
            found[row.key] += row.count
        return found

    def _what(self) -> str:
        if self.kind == "agreements":
            if set(self.statuses) == IN_PLACE_STATUSES:
                return "Signed agreements (signed or active)"
            return f"Agreements ({', '.join(self.statuses)})"
        if self.statuses == ["held"]:
            return "Events held"
        return f"Events ({', '.join(self.statuses)})"

    def _notes(self) -> str:
        notes = []
        if self.kind == "agreements":
            notes.append(
                "An agreement counts in the year it first reached "
                + " or ".join(self.statuses)
                + " (its history included)."
            )
        else:
            notes.append("An event counts in the year it took place.")
        notes.append(
            "A record without a date of its own counts in the year its sources were "
            "published: those are listed under 'placed by sources'."
        )
        if self.by == "field":
            notes.append(
                "A field counts the records of its narrower fields too."
                if self.broader
                else "A record counts only under the fields it names."
            )
        else:
            notes.append("A record of three countries counts once for each pair.")
        if self.not_placed:
            notes.append(
                f"Not placed in time (no date, no dated source), so not counted: "
                f"{', '.join(self.not_placed)}."
            )
        return " ".join(notes)

    def table(self) -> Table:
        """One row per country pair or field and year, with the records it counts."""
        ids = "agreements" if self.kind == "agreements" else "events"
        head = ["country pair"] if self.by == "country-pair" else ["field", "label"]
        rows = [
            [
                row.key,
                *([] if self.by == "country-pair" else [row.label]),
                row.year,
                row.count,
                row.placed_by_sources,
                getattr(row, ids),
            ]
            for row in self.rows
        ]
        return Table(
            [*head, "year", ids, "placed by sources", "ids"],
            rows,
            title=f"{self._what()} per {self.by.replace('-', ' ')} and year",
            caption=self._notes(),
            wide=("ids",),
        )

    def wide(self) -> TrendsMatrix:
        """The same answer shown as a grid (``table()``) and given as counts per year."""
        return TrendsMatrix(self)

    def matrix(self) -> Table:
        """The same counts as a grid: one row per pair or field, one column per year.

        Rows are ordered by their total, largest first; years without a record show 0.
        """
        counts = {(row.key, row.year): row.count for row in self.rows}
        labels = {row.key: row.label for row in self.rows}
        totals = self.totals()
        keys = sorted(totals, key=lambda k: (-totals[k], k))
        head = ["country pair"] if self.by == "country-pair" else ["field"]
        rows = [
            [key, *(counts.get((key, year), 0) for year in self.years), totals[key]] for key in keys
        ]
        if self.by == "field":
            head.append("label")
            rows = [[r[0], labels[r[0]], *r[1:]] for r in rows]
        return Table(
            [*head, *(str(year) for year in self.years), "total"],
            rows,
            title=f"{self._what()} per {self.by.replace('-', ' ')} and year",
            caption=self._notes(),
        )


@dataclass(frozen=True)
class TrendsMatrix:
    """A :class:`TrendsResult` as a grid: rows of pairs or fields, a column per year."""

    result: TrendsResult

    def table(self) -> Table:
        return self.result.matrix()

    def to_data(self) -> Any:
        """Counts per year for each pair or field (every year, 0 included), with the ids."""
        data = self.result.to_data()
        grid: dict[str, dict[str, Any]] = {}
        for row in self.result.rows:
            entry = grid.setdefault(
                row.key,
                {"key": row.key, "label": row.label, "counts": dict.fromkeys(self.result.years, 0)},
            )
            entry["counts"][row.year] = row.count
        totals = self.result.totals()
        data["matrix"] = [
            {**entry, "counts": {str(y): n for y, n in entry["counts"].items()}, "total": totals[k]}
            for k, entry in sorted(grid.items(), key=lambda item: (-totals[item[0]], item[0]))
        ]
        return data


def trends(
    index: Index,
    *,
    by: By = "country-pair",
    kind: Kind = "agreements",
    since: str | None = None,
    until: str | None = None,
    status: Iterable[str] | None = None,
    countries: Iterable[str] = (),
    fields: Iterable[str] = (),
    broader: bool = True,
    lang: str = "en",
) -> TrendsResult:
    """Counts per country pair (or field) and year, each with the ids of what it counts.

    ``since``/``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep the records whose
    counted step falls between them. ``countries``: with one country, the pairs that
    include it; with several, the pairs among them; for fields, the records with a party
    from each. ``fields`` keeps the records in those fields or narrower ones (and, by
    field, only those rows). Unknown values are usage errors naming the nearest ones.
    """
    if by not in BY:
        raise UsageError(f"--by {by!r} is not one of {', '.join(BY)}")
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r} is not one of {', '.join(KINDS)}")
    table = timetable(index)
    span = window(table, since, until)
    vocabulary = AGREEMENT_STATUSES if kind == "agreements" else EVENT_STATUSES
    statuses = (
        check_vocabulary(status, vocabulary, "status" if kind == "agreements" else "event status")
        if status
        else default_statuses(kind)
    )
    wanted_countries = check_countries(index, countries)
    field_ids = [field_id(index, name) for name in fields]
    wanted_fields = frozenset(index.field_and_narrower(field_ids))
    if by == "country-pair":
        groups, keys_of = table.countries, _pairs_of(wanted_countries)
    else:
        groups, keys_of = table.fields, _fields_of(table, broader, wanted_fields)
    known: dict[tuple[str, ...], list[str]] = {}  # records share few distinct groups

    low, high = span.low, span.high
    year_of: dict[int, int] = {}  # day ordinal -> year, computed once per day
    cells: dict[tuple[str, int], list[tuple[int, str]]] = {}
    not_placed: list[int] = []
    starts, step_status, step_day, step_by = (
        table.starts,
        table.step_status,
        table.step_day,
        table.step_by,
    )
    for i in table.rows("agreement" if kind == "agreements" else "event"):
        for j in range(starts[i], starts[i + 1]):
            if (step_status[j] or _UNSTATED_EVENT) in statuses:
                break
        else:
            if (table.status[i] or _UNSTATED_EVENT) in statuses:
                not_placed.append(i)
            continue
        day = step_day[j]
        if not low <= day <= high:
            continue
        if wanted_fields and wanted_fields.isdisjoint(table.fields[i]):
            continue
        if by == "field" and wanted_countries and not wanted_countries.issubset(table.countries[i]):
            continue
        group = groups[i]
        keys = known.get(group)
        if keys is None:
            keys = known[group] = keys_of(group)
        year = year_of.get(day) or year_of.setdefault(day, dt.date.fromordinal(day).year)
        for key in keys:
            cells.setdefault((key, year), []).append((i, step_by[j]))

    rows = [_row(table, key, year, found, kind, by, lang) for (key, year), found in cells.items()]
    rows.sort(key=lambda row: (row.key, row.year))
    years = sorted({row.year for row in rows})
    return TrendsResult(
        by=by,
        kind=kind,
        statuses=[s for s in vocabulary if s in statuses],  # in the vocabulary's order
        since=str(span.since) if span.since else None,
        until=str(span.until) if span.until else None,
        countries=sorted(wanted_countries),
        fields=field_ids,
        broader=broader,
        years=list(range(years[0], years[-1] + 1)) if years else [],
        rows=rows,
        not_placed=[table.ids[i] for i in not_placed],
        lang=lang,
    )


def _pairs_of(wanted: frozenset[str]) -> Callable[[tuple[str, ...]], list[str]]:
    """The country pairs of a record's countries that an answer about ``wanted`` shows."""

    def pairs(countries: tuple[str, ...]) -> list[str]:
        found = combinations(countries, 2)  # sorted already: "KR-US", not "US-KR"
        if len(wanted) == 1:
            return [f"{a}-{b}" for a, b in found if a in wanted or b in wanted]
        if wanted:
            return [f"{a}-{b}" for a, b in found if a in wanted and b in wanted]
        return [f"{a}-{b}" for a, b in found]

    return pairs


def _fields_of(
    table: Timetable, broader: bool, wanted: frozenset[str]
) -> Callable[[tuple[str, ...]], list[str]]:
    """A record's fields, with every broader field above them when ``broader``; only the
    ``wanted`` ones if any are."""

    def upwards(field_id: str) -> list[str]:
        chain, current = [], field_id
        while current and current not in chain:  # the data has no cycles; be safe anyway
            chain.append(current)
            current = table.field_info.get(current, ("", {}))[0]
        return chain if broader else chain[:1]

    def fields(own: tuple[str, ...]) -> list[str]:
        found = dict.fromkeys(f for own_field in own for f in upwards(own_field))
        return [f for f in found if not wanted or f in wanted]

    return fields


def _row(
    table: Timetable,
    key: str,
    year: int,
    found: list[tuple[int, str]],
    kind: Kind,
    by: By,
    lang: str,
) -> TrendRow:
    ids = [table.ids[i] for i, _by in found]
    by_sources = [table.ids[i] for i, dated_by in found if dated_by == "sources"]
    label = None
    if by == "field":
        labels = table.field_info.get(key, ("", {}))[1]
        label = labels.get(lang) or labels.get("en") or key
    return TrendRow(
        key=key,
        label=label,
        year=year,
        count=len(ids),
        agreements=ids if kind == "agreements" else [],
        events=ids if kind == "events" else [],
        placed_by_sources=by_sources,
    )
