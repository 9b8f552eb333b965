"""The NetworkX projection of a dataset, and the queries that need graph algorithms.

:func:`build_graph` turns every record into a typed node (``agency:KRISS``,
``agreement:kiat-nist-loi-2022``, ``event:...``, ``field:...``, ``source:...``,
``country:KR``) and every reference into a typed edge (``party_of``, ``organiser_of``,
``participant_in``, ``about``, ``broader``, ``part_of``, ``located_in``, ``agreed_at``,
``announced_at``, ``derived_from``). It adds no facts: each edge is a field of some record.

:func:`connections` answers "how is KRISS connected to AIST?" with shortest paths over
agencies, agreements, sub-unit links and (optionally) events, reading only what the search
reaches; :func:`stats` counts. networkx is imported by this module only, so commands that
do not need it start faster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import combinations, islice
from typing import Any

import networkx as nx

from coopgraph.index import Index, as_index
from coopgraph.models import Dataset
from coopgraph.render import Table, to_data
from coopgraph.resolve import Resolver
from coopgraph.views import display_name, title_of

__all__ = ["PathResult", "StatsResult", "build_graph", "connections", "node_id", "stats"]


def node_id(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def build_graph(data: Index | Dataset) -> nx.MultiDiGraph:
    """Every record as a node and every reference as an edge keyed by its relation."""
    index = as_index(data)
    ds = index.dataset
    graph = nx.MultiDiGraph()
    for agency in ds.agencies:
        names = {n.lang: agency.name(n.lang) for n in agency.names if n.lang}
        graph.add_node(
            node_id("agency", agency.id),
            kind="agency",
            label=display_name(agency, "en"),
            label_ko=names.get("ko"),
            country=agency.country,
            agency_kind=agency.kind,
        )
        graph.add_node(node_id("country", agency.country), kind="country", label=agency.country)
        graph.add_edge(
            node_id("agency", agency.id),
            node_id("country", agency.country),
            key="located_in",
            relation="located_in",
        )
        for parent in agency.part_of:
            graph.add_edge(
                node_id("agency", agency.id),
                node_id("agency", parent.agency),
                key="part_of",
                relation="part_of",
            )
    for field in ds.fields:
        graph.add_node(
            node_id("field", field.id),
            kind="field",
            label=field.label.get("en", field.id),
            label_ko=field.label.get("ko"),
        )
        if field.broader:
            graph.add_edge(
                node_id("field", field.id),
                node_id("field", field.broader),
                key="broader",
                relation="broader",
            )
    for source in ds.sources:
        graph.add_node(
            node_id("source", source.id),
            kind="source",
            label=source.title or source.id,
            published=str(source.published) if source.published else None,
        )
    for agreement in ds.agreements:
        here = node_id("agreement", agreement.id)
        graph.add_node(
            here,
            kind="agreement",
            label=title_of(agreement, "en"),
            type=agreement.type,
            status=agreement.status,
            date=str(agreement.date) if agreement.date else None,
            fields=list(agreement.fields),
        )
        for party in agreement.parties:
            if party.agency:
                graph.add_edge(
                    node_id("agency", party.agency),
                    here,
                    key="party_of",
                    relation="party_of",
                    unit=party.unit,
                    role=party.role,
                )
        _link_common(graph, here, agreement.fields, agreement.sources)
        if agreement.event:
            graph.add_edge(
                here, node_id("event", agreement.event), key="agreed_at", relation="agreed_at"
            )
        for change in agreement.history:
            if change.event and change.event != agreement.event:
                graph.add_edge(
                    here,
                    node_id("event", change.event),
                    key="announced_at",
                    relation="announced_at",
                    status=change.status,
                )
    for event in ds.events:
        here = node_id("event", event.id)
        graph.add_node(
            here,
            kind="event",
            label=title_of(event, "en"),
            type=event.type,
            date=str(event.date) if event.date else None,
        )
        for relation, parties in (
            ("organiser_of", event.organisers),
            ("participant_in", event.participants),
        ):
            for party in parties:
                if party.agency:
                    graph.add_edge(
                        node_id("agency", party.agency),
                        here,
                        key=relation,
                        relation=relation,
                        unit=party.unit,
                    )
        _link_common(graph, here, event.fields, event.sources)
    return graph


def _link_common(graph: nx.MultiDiGraph, here: str, fields: list[str], sources: list[Any]) -> None:
    for field_id in fields:
        graph.add_edge(here, node_id("field", field_id), key="about", relation="about")
    for citation in sources:
        graph.add_edge(
            here,
            node_id("source", citation.source),
            key=f"derived_from:{citation.quote}",
            relation="derived_from",
            quote=citation.quote,
        )


# --- paths -------------------------------------------------------------------------------

_CONNECTING = {"party_of", "part_of"}
_CONNECTING_WITH_EVENTS = _CONNECTING | {"organiser_of", "participant_in"}


@dataclass(frozen=True)
class Step:
    kind: str
    id: str
    label: str


@dataclass(frozen=True)
class PathResult:
    source: str
    target: str
    length: int | None  # edges in each shortest path; None when there is no connection
    paths: list[list[Step]]

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows = [
            [number, position, step.kind, step.id, step.label]
            for number, path in enumerate(self.paths, start=1)
            for position, step in enumerate(path)
        ]
        title = (
            f"No connection between {self.source} and {self.target}"
            if not self.paths
            else f"{self.source} → {self.target}: {len(self.paths)} shortest path(s) "
            f"of {self.length} edge(s)"
        )
        return Table(["path", "step", "kind", "id", "label"], rows, title=title, wide=("label",))


def connections(
    data: Index | Dataset,
    source: str,
    target: str,
    *,
    include_events: bool = False,
    limit: int = 10,
) -> PathResult:
    """The shortest ways ``source`` reaches ``target`` through agreements and sub-units.

    Agencies connect through agreements they are parties to and through ``part_of``
    (NMIJ is part of AIST); with ``include_events``, also through events both attended.
    The search grows from both ends at once, always on the smaller side, and asks the
    index only for the records it reaches: a path between two agencies reads their
    agreements and their partners', not the whole graph.
    """
    index = as_index(data)
    resolver = Resolver(index)
    a, b = resolver.agency(source), resolver.agency(target)
    start, end = node_id("agency", a.id), node_id("agency", b.id)
    if a.id == b.id:
        return PathResult(a.id, b.id, 0, [[_step(index, start)]])
    links = _Links(index, include_events)
    found = _shortest_paths(links, start, end, limit)
    if not found:
        return PathResult(a.id, b.id, None, [])
    return PathResult(
        a.id, b.id, len(found[0]) - 1, [[_step(index, node) for node in path] for path in found]
    )


class _Links:
    """The connecting edges around a node, read from the index on demand (undirected)."""

    def __init__(self, index: Index, include_events: bool) -> None:
        self.index, self.include_events = index, include_events
        self._seen: dict[str, list[str]] = {}

    def __call__(self, node: str) -> list[str]:
        if node not in self._seen:
            self._seen[node] = list(dict.fromkeys(self._neighbours(node)))
        return self._seen[node]

    def _neighbours(self, node: str) -> Iterator[str]:
        kind, _, record_id = node.partition(":")
        index = self.index
        if kind == "agency":
            agency = index.agencies[record_id]
            for parent in agency.part_of:
                yield node_id("agency", parent.agency)
            for child, _membership in index.memberships.get(record_id, []):
                yield node_id("agency", child)
            for agreement in index.agreements_of.get(record_id, []):
                if any(p.agency == record_id for p in agreement.parties):
                    yield node_id("agreement", agreement.id)
            if self.include_events:
                for event in index.events_of.get(record_id, []):
                    if record_id in event.agency_ids():
                        yield node_id("event", event.id)
        elif kind == "agreement":
            for agency_id in index.agreements[record_id].agency_ids():
                yield node_id("agency", agency_id)
        elif kind == "event":
            for agency_id in index.events[record_id].agency_ids():
                yield node_id("agency", agency_id)


def _shortest_paths(
    links: Callable[[str], list[str]], start: str, end: str, limit: int
) -> list[list[str]]:
    """All shortest paths (up to ``limit``, in a stable order) by bidirectional search.

    Each side keeps, for every node it reached, the nodes one step nearer its own end.
    The side with the smaller frontier grows by one whole level at a time; once the two
    sides meet, every shortest path runs through a node both reached in that level.
    """
    before: list[dict[str, list[str]]] = [{start: []}, {end: []}]
    frontiers: list[list[str]] = [[start], [end]]
    while frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        reached, other = before[side], before[1 - side]
        level: dict[str, list[str]] = {}
        for node in frontiers[side]:
            for neighbour in links(node):
                if neighbour not in reached:
                    level.setdefault(neighbour, []).append(node)
        reached.update(level)
        frontiers[side] = list(level)
        meeting = sorted(n for n in level if n in other)
        if meeting:
            return list(islice(_join(before, meeting, start, end), limit))
    return []


def _join(
    before: list[dict[str, list[str]]], meeting: list[str], start: str, end: str
) -> Iterator[list[str]]:
    def walk(node: str, steps: dict[str, list[str]], goal: str) -> Iterator[list[str]]:
        if node == goal:
            yield [node]
            return
        for nearer in steps[node]:
            for rest in walk(nearer, steps, goal):
                yield [node, *rest]

    for node in meeting:
        for head in walk(node, before[0], start):
            for tail in walk(node, before[1], end):
                yield [*reversed(head), *tail[1:]]


def _step(index: Index, node: str) -> Step:
    kind, _, record_id = node.partition(":")
    if kind == "agency":
        label = display_name(index.agencies[record_id], "en")
    elif kind == "agreement":
        label = title_of(index.agreements[record_id], "en")
    else:
        label = title_of(index.events[record_id], "en")
    return Step(kind, record_id, label)


# --- stats -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsResult:
    counts: dict[str, int]
    agreements_by_type: dict[str, int]
    agreements_by_status: dict[str, int]
    agencies_by_country: dict[str, int]
    country_pairs: dict[str, int]
    most_connected: list[dict[str, Any]]

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows: list[list[Any]] = [["records", k, v] for k, v in self.counts.items()]
        rows += [["agreement type", k, v] for k, v in self.agreements_by_type.items()]
        rows += [["agreement status", k, v] for k, v in self.agreements_by_status.items()]
        rows += [["agencies in", k, v] for k, v in self.agencies_by_country.items()]
        rows += [["country pair", k, v] for k, v in self.country_pairs.items()]
        rows += [
            [
                "most connected",
                f"{m['id']} ({m['country']})",
                f"{m['partners']} partners, centrality {m['centrality']}",
            ]
            for m in self.most_connected
        ]
        return Table(["group", "key", "value"], rows, title="coopgraph statistics")


def stats(data: Index | Dataset, *, top: int = 10) -> StatsResult:
    """Counts, agreements per country pair, and the agencies with most partners.

    The whole-dataset figures are computed once per version of the data (a store keeps
    them), with every agency ranked; ``top`` only cuts the ranking.
    """
    index = as_index(data)
    full = index.memoized("stats", lambda: _whole_stats(index))
    return replace(full, most_connected=full.most_connected[:top])


def _whole_stats(index: Index) -> StatsResult:
    ds = index.dataset
    partners_graph = nx.Graph()
    pairs: Counter[str] = Counter()
    for agreement in ds.agreements:
        named = sorted(set(agreement.agency_ids()))
        partners_graph.add_nodes_from(named)
        partners_graph.add_edges_from(combinations(named, 2))
        countries = sorted(
            {index.country_of(i) for i in named}
            | {p.country for p in agreement.parties if p.agency is None and p.country}
        )
        pairs.update("–".join(pair) for pair in combinations(countries, 2))
    centrality = nx.degree_centrality(partners_graph) if len(partners_graph) > 1 else {}
    ranked = sorted(partners_graph.degree, key=lambda item: (-item[1], item[0]))
    citations = sum(
        len(r.sources) for group in (ds.agencies, ds.agreements, ds.events) for r in group
    )
    return StatsResult(
        counts={
            "agencies": len(ds.agencies),
            "agreements": len(ds.agreements),
            "events": len(ds.events),
            "fields": len(ds.fields),
            "sources": len(ds.sources),
            "citations": citations,
            "countries": len({a.country for a in ds.agencies}),
        },
        agreements_by_type=dict(Counter(a.type for a in ds.agreements).most_common()),
        agreements_by_status=dict(Counter(a.status for a in ds.agreements).most_common()),
        agencies_by_country=dict(Counter(a.country for a in ds.agencies).most_common()),
        country_pairs=dict(pairs.most_common()),
        most_connected=[
            {
                "id": agency_id,
                "country": index.country_of(agency_id),
                "partners": degree,
                "centrality": round(centrality.get(agency_id, 0), 3),
            }
            for agency_id, degree in ranked
        ],
    )
