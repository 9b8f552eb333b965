"""Backtest: would the opportunity scores have foreseen the ties that came later?

Hide everything first known after a cutoff day (:func:`~coopgraph.analytics.timing.known_since`:
a record's own date, else the latest publication date of its sources; records with
neither are left out), build the agency network of what was known by then (every
agreement whatever its status, as :func:`~coopgraph.analytics.opportunities.opportunities`
does without ``--as-of``), and rank every pair that could become a new cross-country tie:
two agencies both known by the cutoff, of different countries, not tied yet, neither part
of the other. The hidden **new links** are those pairs tied by a record known after the
cutoff.

Each score ranks all those pairs: pairs with a shared partner by their score, ties and the
pairs with no shared partner (score 0) in a random order; the **random** ranking orders all
of them at random. Both use one seeded generator, so a run is repeatable and the baseline
is drawn in the same run. Reported per ranking: hits@k (new links among the first k) and
the mean reciprocal rank (1/rank, averaged over the new links). Where a score does not
beat random, the structure it looks for (closing triangles) is not how that data grew.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coopgraph.analytics.network import Links, edge_records, links
from coopgraph.analytics.opportunities import SCORES, pair_candidates, score_pairs
from coopgraph.dates import PartialDate
from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.render import Table, to_data

__all__ = ["BacktestResult", "HiddenLink", "RankingRow", "backtest"]

RANDOM = "random"


@dataclass(frozen=True)
class HiddenLink:
    """A new cross-country tie after the cutoff, the records that made it, and its ranks."""

    agency1: str
    agency2: str
    countries: tuple[str, str]
    agreements: list[str]
    events: list[str]
    #: rank of the pair in each ranking (1 is first)
    ranks: dict[str, int]


@dataclass(frozen=True)
class RankingRow:
    ranking: str
    #: k -> hidden new links among the first k
    hits: dict[int, int]
    mean_reciprocal_rank: float
    #: the new links found within the largest k, and the records behind them
    found: list[tuple[str, str]]
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class BacktestResult:
    cutoff: str
    seed: int
    events_included: bool
    #: agencies and ties known by the cutoff
    agencies: int
    ties: int
    #: pairs ranked (every possible new cross-country tie among known agencies)
    pairs: int
    #: new cross-country ties after the cutoff between agencies known by then
    new_links: int
    #: new cross-country ties after the cutoff with an agency unknown by then (not rankable)
    new_agency_links: int
    ks: list[int]
    rankings: list[RankingRow]
    links: list[HiddenLink]

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows = [
            [
                r.ranking,
                *(r.hits[k] for k in self.ks),
                f"{r.mean_reciprocal_rank:.4f}",
                "; ".join(f"{a}-{c}" for a, c in r.found),
            ]
            for r in self.rankings
        ]
        title = (
            f"Backtest at {self.cutoff}: {self.new_links} new cross-country ties after it "
            f"among {self.agencies} agencies known by then ({self.pairs} pairs ranked; "
            f"{self.new_agency_links} more with a new agency, not rankable)"
        )
        return Table(
            ["ranking", *(f"hits@{k}" for k in self.ks), "MRR", f"found in top {max(self.ks)}"],
            rows,
            title=title,
            caption=f"Random: all pairs in a random order (seed {self.seed}), drawn in the "
            "same run. --format json lists each new tie with its records and ranks.",
            wide=(f"found in top {max(self.ks)}",),
        )


def backtest(
    index: Index,
    *,
    cutoff: str | dt.date,
    ks: Sequence[int] = (5, 10, 20),
    seed: int = 0,
    events: bool = False,
    scores: Iterable[str] = SCORES,
) -> BacktestResult:
    """Rank the possible new ties as known at ``cutoff`` and check them against what came.

    Raises :class:`UsageError` for a cutoff that leaves nothing before or after it, a k
    below 1, an unknown score.
    """
    table = links(index)
    day, text = _cutoff(table, cutoff)
    ks = sorted(set(ks))
    if not ks or ks[0] < 1:
        raise UsageError("each k must be at least 1")
    wanted = list(scores)
    for name in wanted:
        if name not in SCORES:
            raise UsageError(f"unknown score {name!r}: use {' or '.join(SCORES)}")
    past, nodes = edge_records(
        table,
        events=events,
        agreements=_known(table.agreement_known, lambda d: d <= day),
        event_positions=_known(table.event_known, lambda d: d <= day),
    )
    later, _ = edge_records(
        table,
        events=events,
        agreements=_known(table.agreement_known, lambda d: d > day),
        event_positions=_known(table.event_known, lambda d: d > day),
    )
    graph = _graph(table, past, nodes)
    hidden: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    with_new_agency = 0
    for (a, c), records in sorted(later.items()):
        if table.country(a) == table.country(c) or (a, c) in past:
            continue
        if a in nodes and c in nodes:
            hidden[a, c] = records
        else:
            with_new_agency += 1
    total = _possible_pairs(graph, table)
    rng = random.Random(seed)
    ranks: dict[str, dict[tuple[str, str], int]] = {}
    for name in wanted:
        scored = score_pairs(graph, pair_candidates(graph, table), name)  # type: ignore[arg-type]
        order = sorted(scored, key=lambda pair: (-scored[pair], rng.random()))
        position = {pair: i for i, pair in enumerate(order, start=1)}
        unscored = [pair for pair in hidden if pair not in position]
        tail = rng.sample(range(total - len(order)), len(unscored))
        ranks[name] = {
            **{pair: position[pair] for pair in hidden if pair in position},
            **{pair: len(order) + 1 + t for pair, t in zip(unscored, tail, strict=True)},
        }
    drawn = rng.sample(range(total), len(hidden))
    ranks[RANDOM] = {pair: 1 + t for pair, t in zip(hidden, drawn, strict=True)}
    rankings = [_ranking(name, ranks[name], hidden, ks) for name in [*wanted, RANDOM]]
    hidden_links = [
        HiddenLink(
            a,
            c,
            (table.country(a), table.country(c)),
            list(records[0]),
            list(records[1]),
            {name: ranks[name][a, c] for name in ranks},
        )
        for (a, c), records in hidden.items()
    ]
    return BacktestResult(
        cutoff=text,
        seed=seed,
        events_included=events,
        agencies=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        pairs=total,
        new_links=len(hidden),
        new_agency_links=with_new_agency,
        ks=ks,
        rankings=rankings,
        links=hidden_links,
    )


def _cutoff(table: Links, value: str | dt.date) -> tuple[dt.date, str]:
    """The cutoff's last day; refused when nothing is known by then or nothing after."""
    try:
        partial = PartialDate.parse(value if isinstance(value, str) else value.isoformat())
    except ValueError as error:
        raise UsageError(f"--cutoff: {error}") from None
    day = partial.latest()
    known = [d for d in (*table.agreement_known, *table.event_known) if d is not None]
    if not known:
        raise UsageError("--cutoff: no agreement or event in the data is placed in time")
    first, last = min(known), max(known)
    span = f"records are first known from {first} to {last}"
    if day < first:
        raise UsageError(f"--cutoff {partial} is before anything was known: {span}")
    if day >= last:
        raise UsageError(f"--cutoff {partial} leaves nothing after it to predict: {span}")
    return day, str(partial)


def _known(days: list[dt.date | None], keep: Any) -> list[int]:
    return [i for i, d in enumerate(days) if d is not None and keep(d)]


def _graph(table: Links, edges: dict, nodes: set[str]) -> Any:
    import networkx as nx

    graph = nx.Graph()
    for node in sorted(nodes):
        graph.add_node(node, country=table.country(node))
    for (a, c), (agreements, events) in edges.items():
        graph.add_edge(a, c, agreements=list(agreements), events=list(events))
    return graph


def _possible_pairs(graph: Any, table: Links) -> int:
    """Pairs of known agencies in two countries, not tied, neither part of the other."""
    per_country: dict[str, int] = {}
    for node in graph:
        country = graph.nodes[node]["country"]
        per_country[country] = per_country.get(country, 0) + 1
    n = len(graph)
    across = (n * n - sum(v * v for v in per_country.values())) // 2
    tied = sum(1 for a, c in graph.edges if table.country(a) != table.country(c))
    related = sum(
        1
        for child, parents in table.ancestors.items()
        if child in graph
        for parent in parents
        if parent in graph
        and table.country(child) != table.country(parent)
        and not graph.has_edge(child, parent)
    )
    return across - tied - related


def _ranking(
    name: str,
    ranks: dict[tuple[str, str], int],
    hidden: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]],
    ks: list[int],
) -> RankingRow:
    found = sorted((pair for pair, rank in ranks.items() if rank <= ks[-1]), key=ranks.__getitem__)
    return RankingRow(
        ranking=name,
        hits={k: sum(1 for rank in ranks.values() if rank <= k) for k in ks},
        mean_reciprocal_rank=(
            round(sum(1 / rank for rank in ranks.values()) / len(ranks), 12) if ranks else 0.0
        ),
        found=found,
        agreements=sorted({i for pair in found for i in hidden[pair][0]}),
        events=sorted({i for pair in found for i in hidden[pair][1]}),
    )
