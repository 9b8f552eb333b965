"""Brokers: the agencies through which countries' cooperation passes.

On the agency network (:mod:`coopgraph.analytics.network`) each agency gets

- **betweenness**: the share of shortest paths between other agencies that pass through it
  (normalised as networkx does: 1.0 would be the centre of a star);
- **Burt's constraint**: how much its partners are tied to one another (low: its partners
  reach each other only through it, a broker's position; high: a closed clique);
- **effective size**: its number of partners less their redundancy (Burt, as networkx
  computes it for unweighted ties);

and the country pairs it **bridges**: pairs of its partners in two different countries
that have no tie of their own, with the agreements (and events) that tie the broker to
them, so every row can be traced to its records. Only agencies that bridge at least one
country pair are brokers; they are ranked by betweenness, then effective size, then id.

Filters: ``as_of`` takes the network as of a day (the rule of
:mod:`coopgraph.analytics.network`); ``field`` builds it from the records about those
fields (narrower ones included); ``country`` keeps the brokers located there (their
scores are still those of the whole network).

Which betweenness (measured in ``benchmarks/results-analytics-network.md``, 100,000
agreements, 2,000 agencies, 114,529 ties, 2 cores): exact betweenness in plain networkx
takes minutes; networkx sampling ``k`` pivots costs about k/2,000 of that and its top 20
only partly agrees with the exact one; nx-parallel splits the same work over the cores.
igraph computes the exact answer in C in about a second, so it is the default
(``method="igraph"``); ``"networkx"`` (exact) and ``"sampled"`` (``samples`` pivots,
seeded) stay available to check it. Constraint and effective size come from igraph too
(networkx needs over a minute for constraint at that size); tests check that all agree with
networkx on the bundled data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from coopgraph.analytics.network import (
    Links,
    as_of_day,
    graph_of,
    links,
    require_cross_country,
)
from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.render import Table, to_data

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["METHODS", "Bridge", "BrokerRow", "BrokersResult", "betweenness", "brokers"]

Method = Literal["igraph", "networkx", "sampled"]
METHODS: tuple[Method, ...] = ("igraph", "networkx", "sampled")

#: Example agency pairs shown per bridged country pair (all are counted).
EXAMPLES = 3


@dataclass(frozen=True)
class Bridge:
    """A country pair a broker bridges: partners on both sides with no tie of their own."""

    countries: tuple[str, str]
    #: how many pairs of its partners (one in each country) have no tie of their own
    pairs: int
    #: a few of those pairs, in id order
    examples: list[tuple[str, str]]
    #: the agreements and events tying the broker to the partners in those pairs
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class BrokerRow:
    rank: int
    agency: str
    name: str
    country: str
    betweenness: float
    #: Burt's constraint (None for an agency with no partner)
    constraint: float | None
    effective_size: float | None
    partners: int
    #: countries of its partners, with how many partners in each
    partner_countries: dict[str, int]
    bridges: list[Bridge]
    #: every agreement and event behind its bridges
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class BrokersResult:
    as_of: str | None
    countries: list[str]
    fields: list[str]
    events_included: bool
    method: str
    #: agencies and ties in the network the scores were computed on
    agencies: int
    ties: int
    #: agencies (in ``countries``, if given) that bridge at least one country pair
    candidates: int
    rows: list[BrokerRow]

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows = [
            [
                r.rank,
                r.agency,
                r.country,
                f"{r.betweenness:.4f}",
                "" if r.constraint is None else f"{r.constraint:.3f}",
                "" if r.effective_size is None else f"{r.effective_size:.1f}",
                r.partners,
                "; ".join(
                    f"{'-'.join(b.countries)} {b.pairs}"
                    for b in sorted(r.bridges, key=lambda b: (-b.pairs, b.countries))[:4]
                )
                + (f"; +{len(r.bridges) - 4} more" if len(r.bridges) > 4 else ""),
                len(r.agreements) + len(r.events),
            ]
            for r in self.rows
        ]
        scope = f" as of {self.as_of}" if self.as_of else ""
        if self.fields:
            scope += f" in {', '.join(self.fields)}"
        where = f" in {', '.join(self.countries)}" if self.countries else ""
        title = (
            f"Brokers{where} in the agency network{scope}: {len(self.rows)} of "
            f"{self.candidates} agencies that bridge countries ({self.agencies} agencies, "
            f"{self.ties} ties)"
        )
        return Table(
            [
                "rank",
                "agency",
                "country",
                "betweenness",
                "constraint",
                "effective size",
                "partners",
                "bridges (country pair: partner pairs with no tie)",
                "records",
            ],
            rows,
            title=title,
            caption=f"Betweenness: {_METHOD_TEXT[self.method]}. Records: agreements"
            + (" and events" if self.events_included else "")
            + " tying each broker to the partners it bridges (--format json lists them).",
            wide=("bridges (country pair: partner pairs with no tie)",),
        )


_METHOD_TEXT = {
    "igraph": "exact (igraph)",
    "networkx": "exact (networkx)",
    "sampled": "estimated from sampled pivots (networkx, k)",
}


def brokers(
    index: Index,
    *,
    as_of: str | dt.date | None = None,
    country: str | Iterable[str] | None = None,
    field: str | Iterable[str] | None = None,
    top: int = 20,
    method: Method = "igraph",
    events: bool = False,
    samples: int = 200,
    seed: int = 0,
    lang: str = "en",
) -> BrokersResult:
    """The agencies that bridge countries, best placed first (see the module's docstring).

    Raises :class:`UsageError` for an unknown country, field or method, an ``as_of``
    outside the data, ``top`` below 1; :class:`NoCrossCountryLinkError` when no tie in the
    network crosses a border.
    """
    from coopgraph.filters import check_countries, field_id

    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    if method not in METHODS:
        raise UsageError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    countries = sorted(check_countries(index, _many(country)))
    named_fields = [field_id(index, name) for name in _many(field)]
    fields = frozenset(index.field_and_narrower(named_fields))
    table = links(index)
    checked = as_of_day(table, as_of)
    day = checked.day if checked else None
    graph = graph_of(table, day, events=events, fields=fields, index=index)
    require_cross_country(graph, _network_text(checked and checked.text, named_fields))
    scores = betweenness(graph, method=method, samples=samples, seed=seed)
    constraint, effective = structural_holes(graph)
    wanted = set(countries)
    ranked = sorted(
        (
            node
            for node in graph
            if (not wanted or graph.nodes[node]["country"] in wanted) and _bridges_any(graph, node)
        ),
        key=lambda n: (-scores[n], -(effective[n] or 0.0), n),
    )
    rows = [
        _row(table, graph, node, rank, scores, constraint, effective, lang)
        for rank, node in enumerate(ranked[:top], start=1)
    ]
    return BrokersResult(
        as_of=checked.text if checked else None,
        countries=countries,
        fields=sorted(named_fields),
        events_included=events,
        method=method if method != "sampled" else f"sampled (k={min(samples, len(graph))})",
        agencies=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        candidates=len(ranked),
        rows=rows,
    )


def _many(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _network_text(as_of: str | None, fields: list[str]) -> str:
    text = "the agency network"
    if as_of:
        text += f" as of {as_of}"
    if fields:
        text += f" in {', '.join(fields)}"
    return text


# --- the scores -----------------------------------------------------------------------------


def betweenness(
    graph: nx.Graph, *, method: Method = "igraph", samples: int = 200, seed: int = 0
) -> dict[str, float]:
    """Normalised betweenness of every agency (as ``networkx.betweenness_centrality``)."""
    import networkx as nx

    if method == "networkx":
        return dict(nx.betweenness_centrality(graph))
    if method == "sampled":
        k = min(samples, len(graph))
        return dict(nx.betweenness_centrality(graph, k=k, seed=seed))
    nodes, g = _igraph(graph)
    n = len(nodes)
    raw = g.betweenness(directed=False) if n else []
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: value * scale for node, value in zip(nodes, raw, strict=True)}


def structural_holes(
    graph: nx.Graph,
) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Burt's constraint and effective size of every agency (igraph; as networkx's).

    Effective size of an unweighted tie network is ``n - 2t/n`` (n partners, t ties among
    them; Borgatti 1997), with t from igraph's local clustering coefficient.
    """
    nodes, g = _igraph(graph)
    if not nodes:
        return {}, {}
    constraint = g.constraint()
    clustering = g.transitivity_local_undirected(mode="zero")
    degrees = g.degree()
    holes: dict[str, float | None] = {}
    sizes: dict[str, float | None] = {}
    for node, c, cc, n in zip(nodes, constraint, clustering, degrees, strict=True):
        holes[node] = None if n == 0 or math.isnan(c) else c
        ties_among = round(cc * n * (n - 1) / 2)
        sizes[node] = None if n == 0 else n - 2 * ties_among / n
    return holes, sizes


def _igraph(graph: nx.Graph) -> tuple[list[str], Any]:
    import igraph

    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    edges = [(position[a], position[b]) for a, b in graph.edges]
    return nodes, igraph.Graph(n=len(nodes), edges=edges)


# --- what a broker bridges --------------------------------------------------------------------


def _by_country(graph: nx.Graph, node: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for partner in sorted(graph[node]):
        found.setdefault(graph.nodes[partner]["country"], []).append(partner)
    return found


def _bridges_any(graph: nx.Graph, node: str) -> bool:
    """Whether two partners in different countries lack a tie of their own."""
    groups = _by_country(graph, node)
    for first, second in combinations(groups, 2):
        others = set(groups[second])
        if any(len(others.intersection(graph._adj[a])) < len(others) for a in groups[first]):
            return True
    return False


def _bridges(graph: nx.Graph, node: str) -> list[Bridge]:
    groups = _by_country(graph, node)
    found = []
    for first, second in combinations(sorted(groups), 2):
        left, right = groups[first], groups[second]
        left_set, right_set = set(left), set(right)
        pairs = 0
        examples: list[tuple[str, str]] = []
        sides: set[str] = set()
        for a in left:
            linked = right_set.intersection(graph._adj[a])  # in C: keys() & set is not
            if len(linked) == len(right):
                continue
            pairs += len(right) - len(linked)
            sides.add(a)
            for c in right:
                if len(examples) < EXAMPLES and c not in linked:
                    examples.append((a, c))
        if not pairs:
            continue
        sides.update(c for c in right if len(left_set.intersection(graph._adj[c])) < len(left))
        agreements = sorted({i for p in sides for i in graph[node][p]["agreements"]})
        events = sorted({i for p in sides for i in graph[node][p]["events"]})
        found.append(Bridge((first, second), pairs, examples, agreements, events))
    return found


def _row(
    table: Links,
    graph: nx.Graph,
    node: str,
    rank: int,
    scores: dict[str, float],
    constraint: dict[str, float | None],
    effective: dict[str, float | None],
    lang: str,
) -> BrokerRow:
    bridges = _bridges(graph, node)
    groups = _by_country(graph, node)
    return BrokerRow(
        rank=rank,
        agency=node,
        name=table.name(node, lang),
        country=table.country(node),
        betweenness=round(scores[node], 12),
        constraint=None if constraint[node] is None else round(constraint[node], 12),
        effective_size=None if effective[node] is None else round(effective[node], 12),
        partners=graph.degree(node),
        partner_countries={c: len(p) for c, p in sorted(groups.items())},
        bridges=bridges,
        agreements=sorted({i for b in bridges for i in b.agreements}),
        events=sorted({i for b in bridges for i in b.events}),
    )
