"""The NetworkX projection: typed nodes and edges that mirror the dataset and add nothing."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from coopgraph.graph import build_graph, connections, node_id, stats
from coopgraph.index import Index


def test_nodes_are_typed_records_and_countries(index: Index) -> None:
    graph = build_graph(index)
    kinds = Counter(kind for _node, kind in graph.nodes(data="kind"))
    ds = index.dataset
    assert kinds == {
        "agency": len(ds.agencies),
        "agreement": len(ds.agreements),
        "event": len(ds.events),
        "field": len(ds.fields),
        "source": len(ds.sources),
        "country": len({a.country for a in ds.agencies}),
    }
    assert graph.nodes[node_id("agency", "KRISS")]["country"] == "KR"


def test_every_edge_is_a_field_of_some_record(index: Index) -> None:
    graph = build_graph(index)
    party_edges = {(u, v) for u, v, rel in graph.edges(data="relation") if rel == "party_of"}
    expected = {
        (node_id("agency", agency_id), node_id("agreement", a.id))
        for a in index.dataset.agreements
        for agency_id in a.agency_ids()
    }
    assert party_edges == expected
    relations = {rel for _u, _v, rel in graph.edges(data="relation")}
    assert relations == {
        "party_of",
        "organiser_of",
        "participant_in",
        "about",
        "broader",
        "part_of",
        "located_in",
        "agreed_at",
        "announced_at",
        "derived_from",
    }
    assert graph.has_edge(node_id("agency", "NMIJ"), node_id("agency", "AIST"), key="part_of")
    # Seed 003 announced the KATS-NIST MOU at the December dialogue; it was signed in June
    announced = {(u, v) for u, v, rel in graph.edges(data="relation") if rel == "announced_at"}
    dialogue = node_id("event", "kr-us-cet-dialogue-2023")
    assert announced == {
        (node_id("agreement", "kats-nist-mou-2024"), dialogue),
        (node_id("agreement", "kriss-nist-quantum-mou-2024"), dialogue),
    }


def test_unrelated_agencies_have_no_path(index: Index) -> None:
    result = connections(index, "KSEA-UK", "NIST")
    assert result.paths == [] and result.length is None
    with_events = connections(index, "KSEA-UK", "NIST", include_events=True)
    assert with_events.paths, "the 2017 conference links KSEA-UK to MOTIE and onwards"


def test_stats_count_country_pairs(index: Index) -> None:
    result = stats(index)
    assert result.counts["agreements"] == len(index.dataset.agreements)
    assert result.country_pairs["JP–KR"] >= 3
    assert result.most_connected[0]["partners"] >= 3


def test_partners_does_not_import_what_it_does_not_use(tmp_path) -> None:
    """Reading the store, ``partners`` needs no YAML parser, networkx, Oxigraph or rdflib.

    (pydantic itself is imported by typer 0.29's parameter adapters, whatever we do.)
    """
    script = (
        "import io, sys\n"
        "from coopgraph.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "main(['partners', 'NIST'])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {"COOPGRAPH_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def imported() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        return set(done.stdout.split())

    first = imported()  # parses the YAML and builds the store
    assert "yaml_rs" in first
    heavy = {
        "networkx",
        "yaml",
        "yaml_rs",
        "pycountry",
        "rich",
        "rdflib",
        "pyoxigraph",
        "pyshacl",
    }
    assert heavy.isdisjoint(imported())
