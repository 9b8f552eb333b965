"""Opportunities on the bundled data, worked out by hand from data/agreements.yaml.

Whole network: NIST's partners are KIAT, KATS, KRISS (KR) and AIST (JP); KRISS's are NIST,
NIST-CTL (US), AIST, G-QuAT, NMIJ (JP). Open triads across countries: AIST with KATS and
KIAT through NIST; and through KRISS every JP-US pair but AIST-NIST (tied by
aist-nist-cooperation) and those of an agency with its own part.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import ClassVar

import networkx as nx
import pytest
import yaml

from builders import agency, agreement, dataset_dict
from coopgraph.analytics.network import agency_network, links
from coopgraph.analytics.opportunities import (
    _pairs,
    opportunities,
    pair_candidates,
    score_pairs,
)
from coopgraph.errors import AmbiguousNameError, NotFoundError, UsageError
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset
from coopgraph.sparql import build_store, load_query, run

WHOLE = {
    ("AIST", "KATS"),
    ("AIST", "KIAT"),
    ("AIST", "NIST-CTL"),
    ("G-QuAT", "NIST"),
    ("G-QuAT", "NIST-CTL"),
    ("NIST", "NMIJ"),
    ("NIST-CTL", "NMIJ"),
}


def pairs(result) -> set[tuple[str, str]]:
    return {(r.agency1, r.agency2) for r in result.pairs}


def test_the_open_triads_across_countries_of_the_whole_data(index: Index) -> None:
    result = opportunities(index)
    assert pairs(result) == WHOLE and result.candidates == 7
    first = result.pairs[0]
    # NIST has 4 partners: Adamic-Adar 1/ln 4 for AIST-KATS and AIST-KIAT, the best two;
    # KRISS has 5: 1/ln 5 for the others
    assert (first.agency1, first.agency2, first.via) == ("AIST", "KATS", ["NIST"])
    assert first.score == pytest.approx(1 / math.log(4))
    assert result.pairs[2].score == pytest.approx(1 / math.log(5))
    assert first.agreements == ["aist-nist-cooperation", "kats-nist-mou-2024", "nist-kats-mou-2000"]
    # same-country pairs (KIAT-KATS through NIST) and parts of one agency are no candidates
    assert ("KATS", "KIAT") not in pairs(result) and ("AIST", "NMIJ") not in pairs(result)


def test_resource_allocation_counts_one_over_the_partners(index: Index) -> None:
    result = opportunities(index, score="resource-allocation", top=3)
    assert [r.score for r in result.pairs] == pytest.approx([1 / 4, 1 / 4, 1 / 5])


def test_open_triads_as_of_a_day(index: Index) -> None:
    """On 2024-01-01 AIST has no tie yet (the KRISS MOU counts from 31 January, the NIST
    cooperation from the 2 August article) and NIST's partners are all Korean: nothing.
    On 2024-08-02 the planned KRISS-NMIJ cooperation does not count, so NMIJ drops out."""
    assert opportunities(index, as_of="2024-01-01").pairs == []
    assert pairs(opportunities(index, as_of="2024-08-02")) == WHOLE - {
        ("NIST", "NMIJ"),
        ("NIST-CTL", "NMIJ"),
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AIST", [("AIST", "KATS"), ("AIST", "KIAT"), ("AIST", "NIST-CTL")]),
        ("産総研", [("AIST", "KATS"), ("AIST", "KIAT"), ("AIST", "NIST-CTL")]),
        ("국립표준기술연구소", [("NIST", "G-QuAT"), ("NIST", "NMIJ")]),
        # every partner of its partners is Korean or tied to it already
        ("표준연", []),
    ],
    ids=["AIST", "AIST-ja", "NIST-ko", "KRISS-ko"],
)
def test_an_agencys_own_opportunities(index: Index, name: str, expected: list) -> None:
    result = opportunities(index, name)
    assert [(r.agency1, r.agency2) for r in result.pairs] == expected
    assert result.candidates == len(expected)


def test_an_unknown_agency_gets_the_nearest_names(index: Index, run) -> None:
    with pytest.raises(NotFoundError) as error:
        opportunities(index, "KRSS")
    assert "KRISS" in error.value.suggestions
    outcome = run("opportunities", "NISTT")
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith("Error: unknown agency 'NISTT'; did you mean 'NIST'")


def test_the_metrology_triangle_is_a_trilateral_one_agreement_away(index: Index) -> None:
    """Seed 004 (Edaily, 2024-08-02): "표준연과 AIST는 각각 미국립표준기술연구소(NIST)와 협력을
    하고 있어 3각 체제로 연결될 가능성이 크기 때문이다." KRISS and AIST each cooperate with
    NIST, so the three may well be joined as a triangle: tied pairwise, no agreement of
    the three."""
    for as_of in (None, "2024-08-02"):
        result = opportunities(index, kind="trilateral", as_of=as_of)
        assert [r.agencies for r in result.trilaterals] == [("AIST", "KRISS", "NIST")]
        row = result.trilaterals[0]
        assert row.countries == ("JP", "KR", "US")
        assert {s.agencies: s.agreements for s in row.sides}[("AIST", "NIST")] == [
            "aist-nist-cooperation"
        ]
    # before the article, AIST-NIST was not known: no triangle
    assert opportunities(index, kind="trilateral", as_of="2024-08-01").trilaterals == []
    assert [r.agencies for r in opportunities(index, "NIST", kind="trilateral").trilaterals] == [
        ("AIST", "KRISS", "NIST")
    ]
    assert opportunities(index, "KIAT", kind="trilateral").trilaterals == []


def meeting(status: str | None) -> dict:
    found = {
        "id": "abc-meeting",
        "type": "meeting",
        "title": {"en": "A, B and C meet"},
        "date": "2021-05-01",
        "participants": ["A", "B", "C"],
        "sources": [{"source": "s1", "quote": "q"}],
    }
    return found | ({"status": status} if status else {})


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({}, 1),
        # an agreement of the three: they already act together
        ({"agreements": [agreement("abc", "A", "B", "C", date="2022-01-01")]}, 0),
        # a meeting of the three, held: a record of their own
        ({"events": [meeting(None)]}, 0),
        ({"events": [meeting("held")]}, 0),
        # a meeting only planned (or cancelled) is not one
        ({"events": [meeting("planned")]}, 1),
        ({"events": [meeting("cancelled")]}, 1),
    ],
    ids=["pairwise", "trilateral-agreement", "met", "held", "planned", "cancelled"],
)
def test_a_trilateral_shares_no_record_of_its_own(change: dict, found: int) -> None:
    data = dataset_dict(
        [agency("A", "KR"), agency("B", "US"), agency("C", "JP")],
        [
            agreement("ab", "A", "B", date="2020-01-01"),
            agreement("bc", "B", "C", date="2020-01-01"),
            agreement("ca", "C", "A", date="2020-01-01"),
            *change.get("agreements", []),
        ],
        events=change.get("events", []),
    )
    from coopgraph.models import validate_dataset

    dataset = validate_dataset(data)
    index = Index(dataset)
    assert len(opportunities(index, kind="trilateral").trilaterals) == found
    # the named query agrees, on the same data
    store = build_store_for(dataset)
    query = load_query("trilaterals-one-agreement-away")
    assert len(run(query, store, {}).rows) == found


def build_store_for(dataset: Dataset):
    from coopgraph.rdf.export import dataset_triples

    return build_store(dataset_triples(dataset))


def test_the_named_queries_answer_what_the_functions_do(index: Index) -> None:
    store = build_store_for(index.dataset)

    def local(term) -> str:
        return term.value.rsplit("/", 1)[-1]

    rows = run(load_query("open-triads-across-countries"), store, {}).rows
    from_sparql: dict[tuple[str, str], set[str]] = {}
    for a, c, via, _ca, _cc in rows:
        from_sparql.setdefault((local(a), local(c)), set()).add(local(via))
    result = opportunities(index, top=100)
    assert from_sparql == {(r.agency1, r.agency2): set(r.via) for r in result.pairs}
    triangles = {
        tuple(local(t) for t in row[:3])
        for row in run(load_query("trilaterals-one-agreement-away"), store, {}).rows
    }
    assert triangles == {
        r.agencies for r in opportunities(index, kind="trilateral", top=100).trilaterals
    }
    # the older query lists every triangle of three countries; on this data the same one
    old = {
        tuple(sorted(local(t) for t in row[:3]))
        for row in run(load_query("trilateral-triangles"), store, {}).rows
    }
    assert old == triangles == {("AIST", "KRISS", "NIST")}


def random_graph(seed: int) -> tuple[nx.Graph, object]:
    """A random agency network over four countries, and a table with its countries."""
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(60, 160, seed=seed)
    graph = nx.relabel_nodes(graph, {n: f"AG{n:03d}" for n in graph})
    for node in graph:
        graph.nodes[node]["country"] = rng.choice(["KR", "US", "JP", "DE"])
    for a, b in graph.edges:
        graph.edges[a, b]["agreements"], graph.edges[a, b]["events"] = [f"{a}-{b}"], []

    class Table:
        ancestors: ClassVar[dict[str, frozenset[str]]] = {}

        @staticmethod
        def related(a: str, b: str) -> bool:
            return False

    return graph, Table()


@pytest.mark.parametrize("score", ["adamic-adar", "resource-allocation"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_matrix_shortcut_ranks_as_networkx_over_every_candidate(seed: int, score) -> None:
    graph, table = random_graph(seed)
    count, rows = _pairs(graph, table, None, 15, score)
    every = score_pairs(graph, pair_candidates(graph, table), score)
    assert count == len(every)
    best = sorted(every.items(), key=lambda item: (-item[1], item[0]))[:15]
    assert [((r.agency1, r.agency2), r.score) for r in rows] == [
        (pair, pytest.approx(value)) for pair, value in best
    ]
    assert {(a, c) for a, c in every} == {
        (a, c)
        for a in graph
        for c in graph
        if a < c
        and not graph.has_edge(a, c)
        and graph.nodes[a]["country"] != graph.nodes[c]["country"]
        and set(graph[a]) & set(graph[c])
    }


def test_the_cli_answers_what_the_library_does(run, index: Index) -> None:
    outcome = run("opportunities", "AIST", "--format", "json")
    assert json.loads(outcome.out) == opportunities(index, "AIST").to_data()
    outcome = run("opportunities", "--kind", "trilateral", "--format", "json")
    assert json.loads(outcome.out) == opportunities(index, kind="trilateral").to_data()


def test_top_larger_than_the_candidates_is_said_on_stderr(run) -> None:
    outcome = run("opportunities", "--top", "50")
    assert outcome.code == 0 and outcome.err == "coopgraph: only 7 pairs to show (--top 50)\n"
    assert outcome.out.count(" - ") >= 7
    enough = run("opportunities", "--top", "7")
    assert enough.code == 0 and enough.err == ""
    one = run("opportunities", "--kind", "trilateral")
    assert one.err == "coopgraph: only 1 trilateral to show (--top 20)\n"
    assert "AIST - KRISS - NIST" in one.out


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_no_cross_country_tie_is_one_line_exit_1(run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        dataset_dict(
            [agency("A", "KR"), agency("B", "KR")],
            [agreement("ab", "A", "B", date="2020-01-01")],
        ),
    )
    for kind in ("pair", "trilateral"):
        outcome = run("opportunities", "--kind", kind, "--data", path)
        assert outcome.code == 1 and outcome.out == ""
        assert "no tie in the agency network links agencies of two different countries" in (
            outcome.err
        )
    assert "Traceback" not in outcome.err
    assert len(agency_network(Index(load_dataset(path))).edges) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "1993-12"], "--as-of 1993-12 is before the first dated record"),
        (["--as-of", "2031"], "--as-of 2031 is after the last dated record"),
        (["--kind", "quad"], "'quad' is not one of pair, trilateral"),
        (["--score", "jaccard"], "'jaccard' is not one of adamic-adar, resource-allocation"),
        (["--top", "0"], "--top"),
    ],
    ids=["early", "late", "kind", "score", "top"],
)
def test_bad_options_are_one_line_and_exit_2(run, args: list[str], message: str) -> None:
    outcome = run("opportunities", *args)
    assert outcome.code == 2 and outcome.out == ""
    assert message in outcome.err and "Traceback" not in outcome.err


def test_the_library_refuses_what_the_cli_cannot_send(index: Index) -> None:
    with pytest.raises(UsageError):
        opportunities(index, kind="quad")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        opportunities(index, top=0)
    with pytest.raises((NotFoundError, AmbiguousNameError)):
        opportunities(index, "")
    assert links(index).first_day is not None
