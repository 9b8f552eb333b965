"""The agency network as of a day: who has cooperated with whom, with the records behind each tie.

Brokers, opportunities and the backtest all ask one graph: agencies as nodes (with their
country), an edge between two agencies that are parties of the same agreement, each edge
carrying the ids of the agreements (and, with ``events=True``, of the held events whose
organisers or participants both were) behind it. Rules:

- a party is its agency and, when the party names one, its acting unit (NIST and NIST's
  Communications Technology Laboratory for the KRISS quantum MOU), as
  :attr:`Index.agreements_of` counts them; an unnamed party ("Korean research institutes",
  a country alone) is not an agency and is left out;
- two agencies of which one is part of the other (``part_of``, at any depth and at any
  time) are never linked: AIST and its G-QuAT acting together are one party, not a tie;
- as of a day, an agreement counts while :class:`~coopgraph.filters.Filter` with
  ``as_of`` keeps it (signed or active by then, a month or year counting from its last
  day, an undated agreement from the latest publication date of its sources); an event
  counts once it has begun, unless planned or cancelled. Without a day every agreement
  counts whatever its status (proposed and planned ones too: a documented intention is a
  tie), and every event that is not planned or cancelled.

Speed: reading 100,000 agreements from the store takes about 4 s, so the few columns the
graph needs (parties, fields, the days an agreement enters and leaves "in place") are kept
as one compact :class:`Links` table in the store's ``memo/`` folder (:meth:`Index.memoized`),
read in a fraction of a second; the whole-data edge list is kept the same way. networkx
objects are not kept: the store unpickles coopgraph's own classes only.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from coopgraph.analytics.timing import known_since
from coopgraph.dates import PartialDate
from coopgraph.errors import CoopgraphError, UsageError
from coopgraph.index import Index
from coopgraph.vocabulary import IN_PLACE_STATUSES

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "MEMO",
    "AsOf",
    "Links",
    "NoCrossCountryLinkError",
    "agency_network",
    "as_of_day",
    "edge_records",
    "links",
]

#: The name the table is kept under in the store (``memo/analytics-network-1.pickle``).
MEMO = "analytics-network-1"  # the number changes with the shape of Links

#: A pair of agency ids in sorted order, and the agreement and event ids behind its tie.
Pair = tuple[str, str]
EdgeRecords = dict[Pair, tuple[tuple[str, ...], tuple[str, ...]]]

#: Event statuses that mean the event did not take place (yet).
_NOT_HELD = frozenset({"planned", "cancelled"})


class NoCrossCountryLinkError(CoopgraphError):
    """The network asked for links no two agencies of different countries: nothing to bridge."""


@dataclass(frozen=True)
class Links:
    """What the network is made of, as parallel columns (one object per column, not per record).

    ``in_place`` holds, per agreement, the days on which its "in place" state changes, as
    ``(day, in place from that day on)``, oldest first; before the first it is not in place.
    """

    agreement_ids: list[str] = field(default_factory=list)
    agreement_agencies: list[tuple[str, ...]] = field(default_factory=list)
    agreement_fields: list[tuple[str, ...]] = field(default_factory=list)
    in_place: list[tuple[tuple[dt.date, bool], ...]] = field(default_factory=list)
    #: the day each agreement is first known (:func:`~coopgraph.analytics.timing.known_since`)
    agreement_known: list[dt.date | None] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    event_agencies: list[tuple[str, ...]] = field(default_factory=list)
    event_fields: list[tuple[str, ...]] = field(default_factory=list)
    #: the first day of an event, None when undated
    event_start: list[dt.date | None] = field(default_factory=list)
    event_held: list[bool] = field(default_factory=list)
    event_known: list[dt.date | None] = field(default_factory=list)
    #: agency id -> (country, English name, Korean name or "")
    agencies: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: agency id -> every agency it is part of, directly or not, at any time
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the first and last day the network changes (``None``: nothing is placed in time)
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    def agreement_in_place(self, position: int, day: dt.date) -> bool:
        """Whether agreement ``position`` is in place on ``day`` (``Filter(as_of=day)``)."""
        steps = self.in_place[position]
        at = bisect.bisect_right(steps, (day, True))
        return at > 0 and steps[at - 1][1]

    def event_on(self, position: int, day: dt.date | None) -> bool:
        """Whether event ``position`` counts (held, and begun by ``day`` when one is given)."""
        if not self.event_held[position]:
            return False
        if day is None:
            return True
        start = self.event_start[position]
        return start is not None and start <= day

    def related(self, a: str, b: str) -> bool:
        """Whether one of two agencies is part of the other: no tie between them."""
        return a in self.ancestors.get(b, ()) or b in self.ancestors.get(a, ())

    def country(self, agency_id: str) -> str:
        return self.agencies[agency_id][0]

    def name(self, agency_id: str, lang: str = "en") -> str:
        _country, english, korean = self.agencies[agency_id]
        return (korean or english) if lang == "ko" else english


def links(index: Index) -> Links:
    """The table for ``index``'s data: from the store when it has it, else built and kept."""
    return index.memoized(MEMO, lambda: _build(index))


def _build(index: Index) -> Links:
    dataset = index.dataset
    # Placing reads sources by id for every record: on a store's snapshot each lookup is a
    # query, so place against the same records held in memory.
    local = index if type(index) is Index else Index(dataset)
    strings: dict[str, str] = {}

    def shared(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(strings.setdefault(v, v) for v in values)

    parents = {a.id: [p.agency for p in a.part_of] for a in dataset.agencies}
    table = Links(
        agencies={
            a.id: (a.country, a.name("en"), a.name("ko") if a.name("ko") != a.name("en") else "")
            for a in dataset.agencies
        },
        ancestors={a: frozenset(_ancestors(parents, a)) for a in parents if parents[a]},
    )
    days: list[dt.date] = []
    for agreement in dataset.agreements:
        steps = _in_place_steps(local, agreement)
        table.agreement_ids.append(agreement.id)
        table.agreement_agencies.append(shared(_named(agreement.parties)))
        table.agreement_fields.append(shared(agreement.fields))
        table.in_place.append(steps)
        table.agreement_known.append(known_since(local, agreement))
        days.extend(day for day, _ in steps)
    for event in dataset.events:
        start = event.date.earliest() if event.date is not None else None
        table.event_ids.append(event.id)
        table.event_agencies.append(shared(_named([*event.organisers, *event.participants])))
        table.event_fields.append(shared(event.fields))
        table.event_start.append(start)
        table.event_held.append(event.status not in _NOT_HELD)
        table.event_known.append(known_since(local, event))
        if start is not None and event.status not in _NOT_HELD:
            days.append(start)
    return Links(
        **{**vars(table), "first_day": min(days, default=None), "last_day": max(days, default=None)}
    )


def _named(parties: Iterable[object]) -> list[str]:
    """Agency and acting-unit ids of the parties, once each; unnamed parties have none."""
    ids = (i for p in parties for i in (p.agency, p.unit) if i)  # type: ignore[attr-defined]
    return list(dict.fromkeys(ids))


def _ancestors(parents: dict[str, list[str]], agency_id: str) -> set[str]:
    found: set[str] = set()
    stack = list(parents.get(agency_id, []))
    while stack:
        parent = stack.pop()
        if parent not in found:
            found.add(parent)
            stack.extend(parents.get(parent, []))
    return found


def _in_place_steps(index: Index, agreement: object) -> tuple[tuple[dt.date, bool], ...]:
    """The days the agreement's "in place" state changes, evaluated with ``status_on``.

    ``Index.status_on`` only changes on the last day of a history step, of the agreement's
    own date, of its end, or (undated) of its latest source's publication: evaluating it on
    each of those days gives the whole step function, so the answer is the filter's own.
    """
    from coopgraph.models import Agreement

    assert isinstance(agreement, Agreement)
    candidates = {change.date.latest() for change in agreement.history}
    for when in (agreement.date, agreement.ended):
        if when is not None:
            candidates.add(when.latest())
    if agreement.date is None and (reported := index.reported_on(agreement)) is not None:
        candidates.add(reported.latest())
    steps: list[tuple[dt.date, bool]] = []
    state = False
    for day in sorted(candidates):
        now = index.status_on(agreement, day) in IN_PLACE_STATUSES
        if now != state:
            steps.append((day, now))
            state = now
    return tuple(steps)


# --- as of a day ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AsOf:
    """A checked ``--as-of``: the day the network is taken on, and the date as typed."""

    day: dt.date
    text: str


def as_of_day(table: Links, value: str | dt.date | None, option: str = "--as-of") -> AsOf | None:
    """Read ``--as-of`` and check it against the data's range of days.

    A month or a year means its last day (what was in place by then), as in the listings.
    A date wholly before the first day anything is in place, or wholly after the last day
    anything changes, is a usage error giving the range: an empty or final-state answer
    would look like an answer about that day.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        partial = PartialDate.parse(value.isoformat())
    else:
        try:
            partial = PartialDate.parse(value)
        except ValueError as error:
            raise UsageError(f"{option}: {error}") from None
    first, last = table.first_day, table.last_day
    if first is None or last is None:
        raise UsageError(f"{option}: no agreement or event in the data is placed in time")
    span = (
        f"the data run from {first} to {last} (the first day an agreement is in place or an "
        "event held, and the last day one changes)"
    )
    if partial.latest() < first:
        raise UsageError(f"{option} {partial} is before the first dated record: {span}")
    if partial.earliest() > last:
        raise UsageError(
            f"{option} {partial} is after the last dated record: {span}; "
            f"use --as-of {last} for the latest state"
        )
    return AsOf(partial.latest(), str(partial))


# --- the graph ------------------------------------------------------------------------------


def edge_records(
    table: Links,
    *,
    day: dt.date | None = None,
    events: bool = False,
    fields: frozenset[str] = frozenset(),
    agreements: Iterable[int] | None = None,
    event_positions: Iterable[int] | None = None,
) -> tuple[EdgeRecords, set[str]]:
    """Each tie's agreement and event ids, and every agency of a counted record.

    ``fields`` (already widened to narrower fields) keeps only records about them;
    ``agreements`` and ``event_positions`` limit the records to those positions (the
    backtest's past).
    """
    found: dict[Pair, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    nodes: set[str] = set()
    positions = range(len(table.agreement_ids)) if agreements is None else agreements
    for i in positions:
        if day is not None and not table.agreement_in_place(i, day):
            continue
        if fields and fields.isdisjoint(table.agreement_fields[i]):
            continue
        agencies = table.agreement_agencies[i]
        nodes.update(agencies)
        for a, b in combinations(sorted(agencies), 2):
            if not table.related(a, b):
                found[a, b][0].append(table.agreement_ids[i])
    if events:
        kept = range(len(table.event_ids)) if event_positions is None else event_positions
        for i in kept:
            if not table.event_on(i, day):
                continue
            if fields and fields.isdisjoint(table.event_fields[i]):
                continue
            agencies = table.event_agencies[i]
            nodes.update(agencies)
            for a, b in combinations(sorted(agencies), 2):
                if not table.related(a, b):
                    found[a, b][1].append(table.event_ids[i])
    return {pair: (tuple(a), tuple(e)) for pair, (a, e) in found.items()}, nodes


def agency_network(
    index: Index,
    *,
    as_of: str | dt.date | None = None,
    events: bool = False,
    fields: frozenset[str] = frozenset(),
) -> nx.Graph:
    """The undirected agency network, as of a day or over the whole data.

    Nodes carry ``country`` and ``name``; edges ``agreements`` and ``events`` (id lists,
    data order). ``fields`` (widened already) keeps only records about those fields.
    """
    table = links(index)
    checked = as_of_day(table, as_of)
    day = checked.day if checked else None
    return graph_of(table, day, events=events, fields=fields, index=index)


def graph_of(
    table: Links,
    day: dt.date | None,
    *,
    events: bool = False,
    fields: frozenset[str] = frozenset(),
    index: Index | None = None,
) -> nx.Graph:
    """The graph from a table; the whole-data edge list is memoized on ``index`` when given."""
    import networkx as nx

    if day is None and not fields and index is not None:
        name = f"{MEMO}-edges{'-events' if events else ''}"
        edges, nodes = index.memoized(name, lambda: edge_records(table, events=events))
    else:
        edges, nodes = edge_records(table, day=day, events=events, fields=fields)
    graph = nx.Graph()
    for node in sorted(nodes):
        country, name_en, _ = table.agencies[node]
        graph.add_node(node, country=country, name=name_en)
    for (a, b), (agreement_ids, event_ids) in edges.items():
        graph.add_edge(a, b, agreements=list(agreement_ids), events=list(event_ids))
    return graph


def cross_country_links(graph: nx.Graph) -> int:
    """How many ties join agencies of two different countries."""
    countries = graph.nodes
    return sum(1 for a, b in graph.edges if countries[a]["country"] != countries[b]["country"])


def require_cross_country(graph: nx.Graph, network: str) -> None:
    """A :class:`NoCrossCountryLinkError` when no tie crosses a border (nothing to answer).

    ``network`` says which network was asked for ("the agency network as of 1995-01-01").
    """
    if not cross_country_links(graph):
        raise NoCrossCountryLinkError(
            f"no tie in {network} links agencies of two different countries "
            f"({graph.number_of_nodes()} agencies, {graph.number_of_edges()} ties): there is "
            "nothing to bridge or to close"
        )
