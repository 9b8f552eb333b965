"""Opportunities: cooperation one agreement away, with the ties that make it plausible.

Two kinds, on the agency network (:mod:`coopgraph.analytics.network`):

- **pairs**: open triads across countries. A and C each have a tie with B, have none with
  each other, and are in different countries (NIST works with KIAT and with AIST; KIAT and
  AIST have no agreement). Ranked by a link-prediction score of networkx: Adamic-Adar
  (each shared partner B counts 1/log(partners of B): a shared partner with few partners
  says more) or resource allocation (1/partners of B, which punishes hubs harder). Each row
  gives the shared partners (the paths A-B-C) and the agreements and events on those ties.
- **trilaterals**: three agencies of three countries, each pair tied, that share no
  agreement or event of their own: a trilateral one agreement away. The seed article on
  KRISS and AIST (Edaily, 2 August 2024) says exactly this of KRISS, AIST and NIST. Ranked
  by the weakest side (most records behind it first), then all records, then ids.

With an agency, only its own opportunities. Unnamed parties are no agencies; two agencies of
which one is part of the other are never a pair.

Speed at 100,000 agreements (2,000 agencies): enumerating every open triad in Python is
about 31 million steps (6 s for resource allocation alone), so without an agency the scores
of all pairs come from one numpy matrix product (both scores are a weighted count of shared
partners), the best are then scored again by networkx, whose values are the ones shown.
Trilaterals are found from the strongest ties down, stopping once the best ``top`` are
certain, so only a small part of the triangles is ever looked at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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

__all__ = [
    "KINDS",
    "SCORES",
    "OpportunitiesResult",
    "PairRow",
    "TrilateralRow",
    "opportunities",
    "pair_candidates",
    "score_pairs",
]

Kind = Literal["pair", "trilateral"]
Score = Literal["adamic-adar", "resource-allocation"]
KINDS: tuple[Kind, ...] = ("pair", "trilateral")
SCORES: tuple[Score, ...] = ("adamic-adar", "resource-allocation")

#: Above this many agencies the dense matrix (8 bytes per pair) gives way to networkx.
DENSE_LIMIT = 6_000


@dataclass(frozen=True)
class PairRow:
    rank: int
    agency1: str
    agency2: str
    country1: str
    country2: str
    score: float
    #: the shared partners B of the paths agency1-B-agency2, strongest evidence first
    via: list[str]
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class Side:
    agencies: tuple[str, str]
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class TrilateralRow:
    rank: int
    agencies: tuple[str, str, str]
    countries: tuple[str, str, str]
    sides: list[Side]
    agreements: list[str]
    events: list[str]


@dataclass(frozen=True)
class OpportunitiesResult:
    kind: str
    agency: str | None
    as_of: str | None
    score: str | None
    events_included: bool
    #: how many candidates there are (None: more than ``top``, not all counted)
    candidates: int | None
    pairs: list[PairRow]
    trilaterals: list[TrilateralRow]

    def to_data(self) -> Any:
        return to_data(self)

    @property
    def shown(self) -> int:
        return len(self.pairs) + len(self.trilaterals)

    def table(self) -> Table:
        scope = f" for {self.agency}" if self.agency else ""
        scope += f" as of {self.as_of}" if self.as_of else ""
        records = "agreements" + (" and events" if self.events_included else "")
        if self.kind == "pair":
            title = (
                f"Open triads across countries{scope}: {len(self.pairs)} of "
                f"{self.candidates} pairs with a shared partner, by {self.score}"
            )
            rows = [
                [
                    r.rank,
                    r.agency1,
                    r.agency2,
                    f"{r.country1}-{r.country2}",
                    f"{r.score:.3f}",
                    _paths(r),
                    len(r.agreements) + len(r.events),
                ]
                for r in self.pairs
            ]
            return Table(
                ["rank", "agency 1", "agency 2", "countries", "score", "paths", records],
                rows,
                title=title,
                caption=f"A pair has no tie yet; each path goes through a shared partner. "
                f"{records.capitalize()}: those on the paths (--format json lists them).",
                wide=("paths",),
            )
        counted = "" if self.candidates is None else f" of {self.candidates}"
        title = (
            f"Trilaterals one agreement away{scope}: {len(self.trilaterals)}{counted} "
            "triangles of three countries sharing no agreement or event"
        )
        rows = [
            [
                r.rank,
                " - ".join(r.agencies),
                "-".join(r.countries),
                "; ".join(
                    f"{'-'.join(s.agencies)}: {', '.join([*s.agreements, *s.events])}"
                    for s in r.sides
                ),
            ]
            for r in self.trilaterals
        ]
        return Table(
            ["rank", "agencies", "countries", f"ties ({records})"],
            rows,
            title=title,
            wide=(f"ties ({records})",),
        )


def _paths(row: PairRow) -> str:
    shown = [f"{row.agency1} - {b} - {row.agency2}" for b in row.via[:2]]
    more = len(row.via) - len(shown)
    return "; ".join(shown) + (f"; +{more} more" if more else "")


def opportunities(
    index: Index,
    agency: str | None = None,
    *,
    as_of: str | dt.date | None = None,
    kind: Kind = "pair",
    top: int = 20,
    score: Score = "adamic-adar",
    events: bool = False,
) -> OpportunitiesResult:
    """Pairs (open triads across countries) or trilaterals, best first; see the module doc.

    ``agency`` is any of its names (Korean too), resolved with
    :class:`~coopgraph.resolve.Resolver`: an unknown name is a ``NotFoundError`` with the
    nearest names. Raises :class:`UsageError` for a bad kind, score, top or ``as_of``,
    :class:`NoCrossCountryLinkError` when no tie crosses a border.
    """
    from coopgraph.resolve import Resolver

    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}: use pair or trilateral")
    if score not in SCORES:
        raise UsageError(f"unknown score {score!r}: use {' or '.join(SCORES)}")
    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    agency_id = Resolver(index).agency(agency).id if agency is not None else None
    table = links(index)
    checked = as_of_day(table, as_of)
    day = checked.day if checked else None
    graph = graph_of(table, day, events=events, index=index)
    network = "the agency network" + (f" as of {checked.text}" if checked else "")
    require_cross_country(graph, network)
    if kind == "pair":
        candidates, rows = _pairs(graph, table, agency_id, top, score)
        return OpportunitiesResult(
            "pair", agency_id, checked and checked.text, score, events, candidates, rows, []
        )
    count, triangles = _trilaterals(graph, table, day, agency_id, top)
    return OpportunitiesResult(
        "trilateral", agency_id, checked and checked.text, None, events, count, [], triangles
    )


# --- pairs ------------------------------------------------------------------------------------


def pair_candidates(graph: nx.Graph, table: Links, agency: str | None = None) -> Iterator[tuple]:
    """Every open triad's ends across countries, once each as ``(a, c)`` with ``a < c``.

    With ``agency``, only pairs that include it (in id order all the same).
    """
    starts = [agency] if agency is not None else sorted(graph)
    for a in starts:
        if a not in graph:
            continue
        country = graph.nodes[a]["country"]
        mine = graph[a]
        seen: set[str] = set()
        for b in mine:
            for c in graph[b]:
                if c == a or c in mine or c in seen:
                    continue
                seen.add(c)
                if agency is None and c < a:
                    continue  # found from c's side
                if graph.nodes[c]["country"] != country and not table.related(a, c):
                    yield (a, c) if a < c else (c, a)


def score_pairs(graph: nx.Graph, pairs: Iterable[tuple[str, str]], score: Score) -> dict:
    """The networkx link-prediction score of each pair.

    The pairs are listed first: networkx reads ``ebunch`` twice (once to check the nodes),
    so a generator would score nothing.
    """
    import networkx as nx

    function = nx.adamic_adar_index if score == "adamic-adar" else nx.resource_allocation_index
    return {(a, c): value for a, c, value in function(graph, list(pairs))}


def _pairs(
    graph: nx.Graph, table: Links, agency: str | None, top: int, score: Score
) -> tuple[int, list[PairRow]]:
    if agency is None and len(graph) <= DENSE_LIMIT:
        count, chosen = _best_by_matrix(graph, table, top, score)
        scores = score_pairs(graph, chosen, score)
    else:
        scores = score_pairs(graph, pair_candidates(graph, table, agency), score)
        count = len(scores)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    rows = []
    for rank, ((a, c), value) in enumerate(ranked, start=1):
        if agency is not None and c == agency:
            a, c = c, a  # the agency asked about first
        via = sorted(
            set(graph[a]) & set(graph[c]), key=lambda b: (graph.degree(b), b)
        )  # fewest partners first: the strongest evidence for both scores
        ties = [graph[x][b] for b in via for x in (a, c)]
        rows.append(
            PairRow(
                rank=rank,
                agency1=a,
                agency2=c,
                country1=graph.nodes[a]["country"],
                country2=graph.nodes[c]["country"],
                score=round(value, 12),
                via=via,
                agreements=sorted({i for tie in ties for i in tie["agreements"]}),
                events=sorted({i for tie in ties for i in tie["events"]}),
            )
        )
    return count, rows


def _best_by_matrix(
    graph: nx.Graph, table: Links, top: int, score: Score
) -> tuple[int, list[tuple[str, str]]]:
    """How many candidate pairs there are, and those that may be among the best ``top``.

    S = A W A (A the adjacency matrix, W the weights of shared partners on its diagonal)
    holds both scores of every pair at once; pairs already tied, in one country, or of
    which one is part of the other are masked. A margin of 1e-9 keeps every pair whose
    networkx score could tie the ``top``-th, so rounding here never changes the ranking.
    """
    import numpy as np

    nodes = sorted(graph)
    n = len(nodes)
    if n < 3:
        return 0, []
    position = {node: i for i, node in enumerate(nodes)}
    adjacency = np.zeros((n, n), dtype=np.float64)
    for a, b in graph.edges:
        adjacency[position[a], position[b]] = adjacency[position[b], position[a]] = 1.0
    degree = adjacency.sum(axis=1)
    with np.errstate(divide="ignore"):
        if score == "adamic-adar":
            weight = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
        else:
            weight = np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0)
    scores = (adjacency * weight) @ adjacency
    countries = np.array([graph.nodes[node]["country"] for node in nodes])
    keep = np.triu(np.ones((n, n), dtype=bool), k=1)
    keep &= adjacency == 0
    keep &= countries[:, None] != countries[None, :]
    keep &= scores > 0
    for child, parents in table.ancestors.items():
        for parent in parents:
            if child in position and parent in position:
                i, j = sorted((position[child], position[parent]))
                keep[i, j] = False
    values = scores[keep]
    count = int(values.size)
    if count == 0:
        return 0, []
    if count > top:
        kth = np.partition(values, count - top)[count - top]
        keep &= scores >= kth - 1e-9 * max(1.0, abs(kth))
    rows, cols = np.nonzero(keep)
    return count, [(nodes[i], nodes[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]


# --- trilaterals ------------------------------------------------------------------------------


def _trilaterals(
    graph: nx.Graph, table: Links, day: dt.date | None, agency: str | None, top: int
) -> tuple[int | None, list[TrilateralRow]]:
    """Triangles of three countries with no common record, strongest weakest side first.

    Ties are added from the strongest (most records) down: a triangle appears when its
    weakest tie is added, so triangles come out weakest side first, and the search stops
    once ``top`` are found and the next tie is weaker than the ``top``-th's weakest side.
    Without stopping early the number of candidates is known; else it is ``None``.
    """
    held = _events_by_agency(table, day)
    countries = graph.nodes

    def weight(a: str, b: str) -> int:
        tie = graph[a][b]
        return len(tie["agreements"]) + len(tie["events"])

    def common(a: str, b: str, c: str) -> bool:
        ab, bc, ca = graph[a][b], graph[b][c], graph[c][a]
        shared = set(ab["agreements"]) & set(bc["agreements"]) & set(ca["agreements"])
        return bool(shared) or bool(held.get(a, set()) & held.get(b, set()) & held.get(c, set()))

    if agency is not None:
        edges = [(a, b) for a in graph[agency] for b in graph[agency] if a < b and b in graph[a]]
        edges = [(agency, a) for a in graph[agency]] + edges
    else:
        edges = list(graph.edges)
    edges.sort(key=lambda e: (-weight(*e), *sorted(e)))
    neighbours: dict[str, set[str]] = {}
    found: list[tuple[int, int, tuple[str, str, str]]] = []
    complete = True
    for u, v in edges:
        w = weight(u, v)
        if len(found) >= top and w < -found[top - 1][0]:  # found in order of weakest side
            complete = False
            break
        for x in neighbours.get(u, set()) & neighbours.get(v, set()):
            trio = tuple(sorted((u, v, x)))
            if agency is not None and agency not in trio:
                continue
            if len({countries[m]["country"] for m in trio}) < 3 or common(*trio):
                continue
            total = weight(trio[0], trio[1]) + weight(trio[1], trio[2]) + weight(trio[0], trio[2])
            found.append((-w, -total, trio))  # type: ignore[arg-type]
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)
    found.sort()
    rows = []
    for rank, (_w, _t, trio) in enumerate(found[:top], start=1):
        a, b, c = trio
        sides = [
            Side((x, y), list(graph[x][y]["agreements"]), list(graph[x][y]["events"]))
            for x, y in ((a, b), (b, c), (a, c))
        ]
        rows.append(
            TrilateralRow(
                rank=rank,
                agencies=trio,
                countries=tuple(countries[m]["country"] for m in trio),  # type: ignore[arg-type]
                sides=sides,
                agreements=sorted({i for s in sides for i in s.agreements}),
                events=sorted({i for s in sides for i in s.events}),
            )
        )
    return (len(found) if complete else None), rows


def _events_by_agency(table: Links, day: dt.date | None) -> dict[str, set[str]]:
    """The events each agency took part in (held, and begun by ``day``), whether or not the
    network counts events: three agencies that met together share a record of their own."""
    found: dict[str, set[str]] = {}
    for i, event_id in enumerate(table.event_ids):
        if table.event_on(i, day):
            for agency in table.event_agencies[i]:
                found.setdefault(agency, set()).add(event_id)
    return found
