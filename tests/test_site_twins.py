"""The site's machine-readable twins and downloads, checked against the export another way.

Each record's twin is compared with that record's part of the full Turtle export as rdflib
reads it (its concise bounded description), parsed by a second parser (Raptor's rapper) and,
as JSON-LD, by rdflib's JSON-LD parser; the downloads are read back by the tools their users
open them with (rdflib, networkx, igraph, the csv module) and compared with what the CLI
writes. Expected counts are worked out from data/agreements.yaml by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

from coopgraph.index import Index
from coopgraph.models import Dataset
from coopgraph.rdf.export import (
    Terms,
    dataset_triples,
    record_part,
    serialize,
    to_rdflib_term,
    vocabulary_triples,
)
from coopgraph.rdf.namespace import DEFAULT_BASE
from coopgraph.site.downloads import dataset_date, downloads
from coopgraph.site.twins import record_twin, twins

COOP = rdflib.Namespace("https://w3id.org/coopgraph/ns#")
KRISS = rdflib.URIRef(f"{DEFAULT_BASE}agency/KRISS")

# Counted in data/agreements.yaml: the `- id:` / `- {id:` lines of each top-level section.
AGENCIES, FIELDS, SOURCES, EVENTS, AGREEMENTS = 35, 45, 25, 20, 26

# The agencies named as parties of the 26 agreements (each `parties:` list, read one by one;
# units are not nodes: the network links the parties themselves). 20 agreements name two
# parties (20 edges), one names four (6 edges, one per pair), five name fewer than two.
PARTIES = {
    "AIST", "ARPA-E", "ASTC", "DOC", "DOE", "KATS", "KESCO", "KIAT", "KRISS", "MOHW", "MOTIE",
    "MSIT", "NIH", "NIST", "NSF", "NSO", "NSTC", "PNNL", "RIST", "SNL", "WH-NSA",
}  # fmt: skip
NETWORK_EDGES = 26


def _export(dataset: Dataset) -> rdflib.Graph:
    """The full export as rdflib reads its Turtle: the reference the twins are checked on."""
    return rdflib.Graph().parse(data=serialize(dataset_triples(dataset), "turtle"), format="turtle")


def _same_graph(one: rdflib.Graph, other: rdflib.Graph) -> bool:
    """Whether two whole-dataset graphs are isomorphic, by Oxigraph's RDFC-1.0 canonical form.

    rdflib's ``isomorphic`` takes 10-15 s on the whole export (thousands of blank nodes);
    the graphs are still rdflib's, passed over as N-Triples.
    """
    canonical = []
    for graph in (one, other):
        quads = ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
        found = ox.Dataset(quads)
        found.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        canonical.append(found)
    return len(one) == len(other) and canonical[0] == canonical[1]


def _turtle(data: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format="turtle")


def test_every_turtle_twin_is_its_records_description_in_the_export(dataset: Dataset) -> None:
    """Each twin is the concise bounded description of its IRI in the full export (rdflib's
    ``Graph.cbd``: its own triples and, recursively, those of its blank nodes; pyoxigraph's
    ``DESCRIBE`` gives the same graphs), plus, for a source, the typing of its language IRI
    (``<iso639-1/ko> a dct:LinguisticSystem``), which a CBD leaves out as another IRI's
    triple: the export writes it once, inside the first source in that language, and a twin
    stands alone, so every source's twin carries it. No other record has such a triple.
    """
    full = _export(dataset)
    found = list(twins(dataset))
    assert len(found) == AGENCIES + FIELDS + SOURCES + EVENTS + AGREEMENTS
    mismatched = []
    for twin in found:
        iri = rdflib.URIRef(twin.iri)
        expected = full.cbd(iri)
        if twin.kind == "source":
            for language in full.objects(iri, DCTERMS.language):
                if isinstance(language, rdflib.URIRef):
                    expected.add((language, RDF.type, DCTERMS.LinguisticSystem))
        got = _turtle(twin.turtle)
        assert (iri, None, None) in got, twin.iri
        if not isomorphic(got, expected):
            mismatched.append(twin.iri)
    assert mismatched == []


def test_twins_name_their_record_and_keep_its_position(dataset: Dataset) -> None:
    """KRISS is the 13th agency of the data (position 12); the first agreement is
    kiat-nist-loi-2022 (position 0)."""
    by_key = {(t.kind, t.key): t for t in twins(dataset)}
    kriss = by_key["agency", "KRISS"]
    assert kriss.iri == "https://w3id.org/coopgraph/agency/KRISS"
    assert (KRISS, COOP.position, rdflib.Literal(12)) in _turtle(kriss.turtle)
    first = by_key["agreement", "kiat-nist-loi-2022"]
    first_iri = rdflib.URIRef(f"{DEFAULT_BASE}agreement/kiat-nist-loi-2022")
    assert (first_iri, COOP.position, rdflib.Literal(0)) in _turtle(first.turtle)
    assert set(by_key) >= {("source", "seed-2017-04-14"), ("field", "quantum")}


def test_korean_survives_in_both_twins(dataset: Dataset) -> None:
    """표준연 is one of KRISS's names in the data: as a Korean label, written as itself."""
    kriss = next(t for t in twins(dataset) if t.key == "KRISS")
    label = rdflib.Literal("표준연", lang="ko")
    assert "표준연".encode() in kriss.turtle
    assert "표준연" in kriss.jsonld
    assert (KRISS, SKOS.altLabel, label) in _turtle(kriss.turtle)
    assert (KRISS, SKOS.altLabel, label) in rdflib.Graph().parse(
        data=kriss.jsonld, format="json-ld"
    )


def test_every_jsonld_twin_is_the_same_graph_as_its_turtle(dataset: Dataset) -> None:
    mismatched = []
    for twin in twins(dataset):
        from_jsonld = rdflib.Graph().parse(data=twin.jsonld, format="json-ld")
        if len(from_jsonld) == 0 or not isomorphic(from_jsonld, _turtle(twin.turtle)):
            mismatched.append(twin.iri)
    assert mismatched == []


def test_jsonld_twin_cannot_end_its_script_element(dataset: Dataset) -> None:
    """A note with ``</script>`` (data anyone can write in RDF or YAML) stays text in the
    page: the JSON-LD has no ``<``, ``>`` or ``&`` and still reads back to the same note."""
    agency = next(a for a in dataset.agencies if a.id == "KRISS")
    note = "</script><script>alert(1)</script> & <!-- KRISS"
    twin = record_twin("agency", replace(agency, note=note), 12)
    assert not {"<", ">", "&"} & set(twin.jsonld)
    graph = rdflib.Graph().parse(data=twin.jsonld, format="json-ld")
    assert (KRISS, SKOS.note, rdflib.Literal(note)) in graph
    assert (KRISS, SKOS.note, rdflib.Literal(note)) in _turtle(twin.turtle)
    assert json.loads(twin.jsonld)  # still plain JSON


@pytest.mark.parametrize(
    "note",
    [
        "https://schema.org/Organization",
        '{"http://purl.org/dc/terms/title":[{"@id":"https://w3id.org/coopgraph/agency/NIST"}]}',
        "see coop: and dct:title",
    ],
    ids=["an-iri", "json-ld-text", "prefix-like"],
)
@pytest.mark.parametrize(
    "base", [DEFAULT_BASE, "https://example.org/data#", "http://x/"], ids=["w3id", "hash", "short"]
)
def test_iris_in_literals_stay_whole_in_jsonld(dataset: Dataset, note: str, base: str) -> None:
    """The JSON-LD's IRIs are shortened with prefixes; text that looks like them is not,
    whatever the base (one ending in ``#`` too)."""
    agency = next(a for a in dataset.agencies if a.id == "KRISS")
    twin = record_twin("agency", replace(agency, note=note), 12, base=base)
    graph = rdflib.Graph().parse(data=twin.jsonld, format="json-ld")
    iri = rdflib.URIRef(f"{base}agency/KRISS")
    assert (iri, SKOS.note, rdflib.Literal(note)) in graph
    assert isomorphic(graph, _turtle(twin.turtle))


def test_twins_declare_the_prefixes_they_use(dataset: Dataset) -> None:
    """A page's Turtle without a dozen unused declarations, and with the prefixes it needs."""
    by_key = {t.key: t for t in twins(dataset)}
    kriss, source = by_key["KRISS"].turtle, by_key["seed-2017-04-14"].turtle
    assert b"@prefix prov:" not in kriss and b"@prefix foaf:" not in kriss
    assert b"@prefix skos:" in kriss and b"skos:altLabel" in kriss
    assert b'dct:issued "2017-04-14"^^xsd:date' in source


def test_turtle_twins_parse_with_rapper(dataset: Dataset, tmp_path: Path) -> None:
    """Raptor, a second Turtle parser, reads every twin and counts the triples rdflib does."""
    if shutil.which("rapper") is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian raptor2-utils) is not installed on CI")
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    failures = []
    for i, twin in enumerate(twins(dataset)):
        path = tmp_path / f"{i}.ttl"
        path.write_bytes(twin.turtle)
        done = subprocess.run(
            ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False
        )
        expected = f"returned {len(_turtle(twin.turtle))} triples"
        if done.returncode != 0 or expected not in done.stderr:
            failures.append((twin.iri, done.stderr.strip()[-300:]))
    assert failures == []


def test_all_twins_and_the_vocabulary_are_the_export(dataset: Dataset) -> None:
    """Nothing lost, nothing added. Blank nodes are renamed per twin first: every twin
    labels its own ``_:p1``, and those are different nodes."""
    union = rdflib.Graph()
    for triple in vocabulary_triples():
        union.add(tuple(to_rdflib_term(term) for term in triple))  # type: ignore[arg-type]
    for twin in twins(dataset):
        renamed: dict[rdflib.BNode, rdflib.BNode] = {}
        for triple in _turtle(twin.turtle):
            union.add(
                tuple(  # type: ignore[arg-type]
                    renamed.setdefault(term, rdflib.BNode())
                    if isinstance(term, rdflib.BNode)
                    else term
                    for term in triple
                )
            )
    full = _export(dataset)
    assert len(union) == len(full)
    assert _same_graph(union, full)
    union.remove((KRISS, SKOS.altLabel, rdflib.Literal("표준연", lang="ko")))
    union.add((KRISS, SKOS.altLabel, rdflib.Literal("표준연")))  # the language tag lost
    assert not _same_graph(union, full)  # the comparison can fail


def test_a_twin_with_another_position_is_not_its_part_of_the_export(dataset: Dataset) -> None:
    """The comparison above can fail: the position is part of the record's triples."""
    full = _export(dataset)
    agency = next(a for a in dataset.agencies if a.id == "KRISS")
    assert isomorphic(_turtle(record_twin("agency", agency, 12).turtle), full.cbd(KRISS))
    assert not isomorphic(_turtle(record_twin("agency", agency, 13).turtle), full.cbd(KRISS))


def test_twins_follow_the_base_iri(dataset: Dataset) -> None:
    base = "https://example.org/coop/"
    twin = next(twins(dataset, base=base))
    assert twin.iri == f"{base}agency/{dataset.agencies[0].id}"
    assert (rdflib.URIRef(twin.iri), None, None) in _turtle(twin.turtle)
    for kind in ("agency", "source", "vocab"):  # coop: itself is the ontology's, not the base's
        assert f"{DEFAULT_BASE}{kind}/".encode() not in twin.turtle


def test_twins_are_the_same_bytes_for_the_same_data(dataset: Dataset) -> None:
    assert list(twins(dataset)) == list(twins(dataset))


def test_record_part_refuses_an_unknown_kind(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown record kind 'country'"):
        record_part(Terms(), "country", dataset.agencies[0], 0)


# --- downloads -------------------------------------------------------------------------------


def _download(index: Index, path: str) -> bytes:
    found = {d.path: d for d in downloads(index)}
    return found[f"downloads/{path}"].data


def test_downloads_are_the_five_files_of_the_home_page(index: Index) -> None:
    found = downloads(index)
    assert [d.path for d in found] == [
        "downloads/coopgraph.ttl",
        "downloads/coopgraph.jsonld",
        "downloads/coopgraph.graphml",
        "downloads/agreements.csv",
        "downloads/agencies.csv",
    ]
    assert [d.media_type for d in found] == [
        "text/turtle",
        "application/ld+json",
        "application/graphml+xml",
        "text/csv",
        "text/csv",
    ]
    assert all(set(d.label) == {"en", "ko"} and all(d.label.values()) for d in found)
    assert all(d.data for d in found)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_rdf_downloads_are_the_export(index: Index, dataset: Dataset, fmt: str) -> None:
    name = {"turtle": "coopgraph.ttl", "json-ld": "coopgraph.jsonld"}[fmt]
    graph = rdflib.Graph().parse(data=_download(index, name), format=fmt)
    assert (KRISS, SKOS.altLabel, rdflib.Literal("표준연", lang="ko")) in graph
    assert _same_graph(graph, _export(dataset))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("coopgraph.ttl", ["export", "-o", "{out}"]),
        ("coopgraph.jsonld", ["export", "-o", "{out}"]),
        ("coopgraph.graphml", ["export", "-o", "{out}"]),
        ("agreements.csv", ["agreements", "--format", "csv"]),
        ("agencies.csv", ["agencies", "--format", "csv"]),
    ],
)
def test_each_download_is_what_the_cli_writes(
    index: Index, run: Callable[..., object], tmp_path: Path, name: str, args: list[str]
) -> None:
    out = tmp_path / name
    outcome = run(*(a.format(out=out) for a in args))
    assert outcome.code == 0, outcome.err  # type: ignore[attr-defined]
    written = out.read_bytes() if out.exists() else outcome.out.encode()  # type: ignore[attr-defined]
    assert _download(index, name) == written


def test_graphml_reads_in_networkx_and_igraph(index: Index, tmp_path: Path) -> None:
    data = _download(index, "coopgraph.graphml")
    path = tmp_path / "coopgraph.graphml"
    path.write_bytes(data)
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == PARTIES
    assert graph.number_of_edges() == NETWORK_EDGES
    assert {graph.nodes[n]["kind"] for n in graph} == {"agency"}
    assert graph.nodes["KRISS"]["name_ko"] == "한국표준과학연구원"
    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == len(PARTIES)
    assert set(other.vs["id"]) == PARTIES
    assert other.ecount() == NETWORK_EDGES


def test_agreements_csv_has_one_row_per_agreement(index: Index) -> None:
    rows = list(csv.reader(io.StringIO(_download(index, "agreements.csv").decode("utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "id"
    assert len(body) == AGREEMENTS
    ids = {row[0] for row in body}
    assert len(ids) == AGREEMENTS
    assert {"kiat-nist-loi-2022", "kiat-uk-matching-fund-programme-2017"} <= ids


def test_agencies_csv_has_one_row_per_agency(index: Index) -> None:
    text = _download(index, "agencies.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == AGENCIES
    assert {row["id"] for row in rows} >= {"KRISS", "NIST", "NST"}


def test_downloads_are_the_same_bytes_for_the_same_data(index: Index) -> None:
    assert downloads(index) == downloads(index)


def test_dataset_date_is_the_latest_publication(index: Index) -> None:
    """``grep 'published:' data/agreements.yaml | sort``: the last is "2024-08-02"."""
    assert dataset_date(index) == "2024-08-02"


def test_dataset_date_of_undated_sources_is_none(dataset: Dataset) -> None:
    undated = replace(dataset, sources=[replace(s, published=None) for s in dataset.sources])
    assert dataset_date(Index(undated)) is None


def test_dataset_date_prefers_the_day_to_its_month(dataset: Dataset) -> None:
    """A source dated "2024-08" and one dated "2024-08-31" both end on the 31st."""
    from coopgraph.dates import PartialDate

    sources = list(dataset.sources)
    sources[0] = replace(sources[0], published=PartialDate.parse("2024-08"))
    sources[1] = replace(sources[1], published=PartialDate.parse("2024-08-31"))
    assert dataset_date(Index(replace(dataset, sources=sources))) == "2024-08-31"
