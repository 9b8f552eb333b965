"""Brokers on the bundled data, worked out by hand from data/agreements.yaml.

The whole agency network (every agreement, any status) has two brokers across borders:
KRISS, tied to NIST and its CTL (US) and to AIST, G-QuAT and NMIJ (JP), of which only
AIST-NIST are tied themselves (aist-nist-cooperation); and NIST, tied to KIAT, KATS and
KRISS (KR) and AIST (JP), where only KRISS-AIST are tied.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import yaml

from builders import agency, agreement, dataset_dict
from coopgraph.analytics.brokers import betweenness, brokers, structural_holes
from coopgraph.analytics.network import NoCrossCountryLinkError, agency_network
from coopgraph.errors import NotFoundError, UsageError
from coopgraph.index import Index


def bridges(result, agency_id: str) -> dict[tuple[str, str], int]:
    row = next(r for r in result.rows if r.agency == agency_id)
    return {b.countries: b.pairs for b in row.bridges}


def test_the_brokers_of_the_whole_network(index: Index) -> None:
    result = brokers(index)
    assert [r.agency for r in result.rows] == ["KRISS", "NIST"]
    kriss, nist = result.rows
    # KRISS: 3 JP partners x 2 US partners, less AIST-NIST, which are tied
    assert bridges(result, "KRISS") == {("JP", "US"): 5}
    assert ("AIST", "NIST") not in kriss.bridges[0].examples
    assert kriss.bridges[0].examples == [
        ("AIST", "NIST-CTL"),
        ("G-QuAT", "NIST"),
        ("G-QuAT", "NIST-CTL"),
    ]
    # NIST: AIST with KIAT and with KATS (AIST-KRISS are tied)
    assert bridges(result, "NIST") == {("JP", "KR"): 2}
    assert nist.bridges[0].examples == [("AIST", "KATS"), ("AIST", "KIAT")]
    assert nist.agreements == [
        "aist-nist-cooperation",
        "kats-nist-mou-2024",
        "kiat-nist-loi-2022",
        "nist-kats-mou-2000",
    ]
    assert kriss.partner_countries == {"JP": 3, "US": 2}
    assert (kriss.partners, nist.partners) == (5, 4)


def test_nobody_bridges_korea_and_the_us_without_events_and_nist_does_with_them(
    index: Index,
) -> None:
    """Which agencies bridge KR and US? Through agreements alone, none: every KR-US tie
    is a pair of agencies whose other partners are on their own side or already tied.
    With events, NIST does: the 2022 industrial technology forum put it with NSF and NIH,
    who never met KATS or KRISS (4 pairs); KIAT met both there."""
    plain = brokers(index)
    assert not [r for r in plain.rows if ("KR", "US") in bridges(plain, r.agency)]
    met = brokers(index, events=True)
    nist = next(r for r in met.rows if r.agency == "NIST")
    kr_us = next(b for b in nist.bridges if b.countries == ("KR", "US"))
    assert kr_us.pairs == 4
    assert kr_us.examples == [("KATS", "NIH"), ("KATS", "NSF"), ("KRISS", "NIH")]
    assert "kr-us-industrial-tech-forum-2022" in kr_us.events


def test_as_of_the_end_of_2023_there_is_no_broker(index: Index) -> None:
    """On 2024-01-01 NIST's partners are all Korean (KIAT, KATS, KRISS): nothing to bridge;
    the KRISS-AIST MOU counts from 31 January 2024."""
    result = brokers(index, as_of="2024-01-01")
    assert result.rows == [] and result.candidates == 0
    assert result.ties >= 3


def test_as_of_the_seed_article_day(index: Index) -> None:
    """On 2024-08-02 the planned KRISS-NMIJ cooperation does not count: KRISS bridges AIST
    and G-QuAT with NIST-CTL, and G-QuAT with NIST (AIST-NIST are tied by then)."""
    result = brokers(index, as_of="2024-08-02")
    assert bridges(result, "KRISS") == {("JP", "US"): 3}


def test_country_keeps_the_brokers_located_there(index: Index) -> None:
    assert [r.agency for r in brokers(index, country="US").rows] == ["NIST"]
    assert [r.agency for r in brokers(index, country=["kr"]).rows] == ["KRISS"]
    assert brokers(index, country="JP").rows == []
    with pytest.raises(NotFoundError, match="unknown country 'XX'"):
        brokers(index, country="XX")


def test_field_builds_the_network_from_that_field(index: Index) -> None:
    """Quantum agreements (narrower fields included): KRISS with NIST and its CTL, with
    AIST and its G-QuAT; aist-nist-cooperation names no field, so all 4 pairs are open."""
    result = brokers(index, field="양자과학기술")
    assert [r.agency for r in result.rows] == ["KRISS"]
    assert bridges(result, "KRISS") == {("JP", "US"): 4}
    assert result.fields == ["quantum"]
    with pytest.raises(NotFoundError):
        brokers(index, field="quantum-gravity")


def test_top_cuts_the_rows_and_counts_all_candidates(index: Index) -> None:
    result = brokers(index, top=1)
    assert [r.agency for r in result.rows] == ["KRISS"] and result.candidates == 2
    with pytest.raises(UsageError):
        brokers(index, top=0)


@pytest.mark.parametrize("events", [False, True], ids=["agreements", "events"])
def test_igraph_gives_networkx_answers(index: Index, events: bool) -> None:
    graph = agency_network(index, events=events)
    exact = nx.betweenness_centrality(graph)
    fast = betweenness(graph, method="igraph")
    assert fast == pytest.approx(exact, abs=1e-12)
    assert betweenness(graph, method="sampled", samples=len(graph)) == pytest.approx(exact)
    constraint, effective = structural_holes(graph)
    for node, value in nx.constraint(graph).items():
        assert (
            (constraint[node] is None)
            if value != value
            else constraint[node] == pytest.approx(value)
        )
    for node, value in nx.effective_size(graph).items():
        assert (
            (effective[node] is None) if value != value else effective[node] == pytest.approx(value)
        )


def test_the_methods_agree_on_the_ranking(index: Index) -> None:
    by = {
        m: [r.agency for r in brokers(index, events=True, method=m).rows]
        for m in ("igraph", "networkx")
    }
    assert by["igraph"] == by["networkx"]
    with pytest.raises(UsageError, match="unknown method"):
        brokers(index, method="pagerank")  # type: ignore[arg-type]


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_network_with_no_cross_country_tie_is_a_clear_error(run, tmp_path: Path) -> None:
    data = dataset_dict(
        [agency("A", "KR"), agency("B", "KR"), agency("C", "US")],
        [agreement("ab", "A", "B", date="2020-01-01")],
    )
    path = write(tmp_path, data)
    outcome = run("brokers", "--data", path)
    assert outcome.code == 1
    assert outcome.err.startswith("Error: no tie in the agency network links agencies of two")
    assert "Traceback" not in outcome.err and outcome.out == ""
    from coopgraph.load import load_dataset

    with pytest.raises(NoCrossCountryLinkError):
        brokers(Index(load_dataset(path)))


def test_the_cli_answers_what_the_library_does(run, index: Index) -> None:
    outcome = run("brokers", "--format", "json", "--events")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out) == brokers(index, events=True).to_data()


def test_the_cli_says_when_there_are_fewer_brokers_than_top(run) -> None:
    outcome = run("brokers", "--top", "5")
    assert outcome.code == 0
    assert outcome.err == "coopgraph: only 2 brokers to show (--top 5)\n"
    table = run("brokers", "--top", "2")
    assert table.err == "" and "KRISS" in table.out and "JP-US 5" in table.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "1990"], "--as-of 1990 is before the first dated record"),
        (["--as-of", "2030-01-01"], "--as-of 2030-01-01 is after the last dated record"),
        (["--method", "fast"], "'fast' is not one of igraph, networkx, sampled"),
        (["--top", "0"], "--top"),
        (["--country", "XX"], "unknown country 'XX'"),
    ],
    ids=["early", "late", "method", "top", "country"],
)
def test_bad_input_is_one_line_and_exit_2(run, args: list[str], message: str) -> None:
    outcome = run("brokers", *args)
    assert outcome.code == 2
    assert message in outcome.err and "Traceback" not in outcome.err
    assert outcome.out == ""


def test_the_as_of_help_states_the_timing_rule(run) -> None:
    text = " ".join(run("brokers", "--help").out.split())
    assert "latest publication date of its sources" in text
    assert "from that period's last day" in text
    assert "Without it, every agreement counts whatever its status" in text
