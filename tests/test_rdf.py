"""The RDF export: lossless, deterministic, standard, parsed by independent tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from rdflib.compare import isomorphic, to_isomorphic

from coopgraph.models import Dataset, validate_dataset
from coopgraph.rdf import export
from coopgraph.rdf.export import FORMATS, dataset_triples, serialize, to_rdflib
from coopgraph.rdf.namespace import COOP, XSD
from coopgraph.rdf.read import dataset_from_triples, read
from strategies import datasets

ONTOLOGY = Path(export.__file__).with_name("ontology.ttl")
KRISS = "https://w3id.org/coopgraph/agency/KRISS"


def turtle(dataset: Dataset, **options: str) -> bytes:
    data = serialize(dataset_triples(dataset, **options), "turtle")
    assert data is not None
    return data


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reads_back_into_an_equal_dataset(dataset: Dataset, fmt: str) -> None:
    data = serialize(dataset_triples(dataset), fmt)
    back = dataset_from_triples(ox.parse(data, format=FORMATS[fmt]))
    assert back == dataset


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_output_is_deterministic(dataset: Dataset, fmt: str) -> None:
    first = serialize(dataset_triples(dataset), fmt)
    assert serialize(dataset_triples(dataset), fmt) == first


def test_turtle_export_is_isomorphic_to_the_rdflib_graph(dataset: Dataset) -> None:
    parsed = rdflib.Graph().parse(data=turtle(dataset), format="turtle")
    built = to_rdflib(dataset)
    assert isomorphic(parsed, built), "the rdflib API graph differs from the export"
    again = to_rdflib(read(_write(turtle(dataset))))
    assert to_isomorphic(again) == to_isomorphic(built)


def _write(data: bytes) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "coop.ttl"
    path.write_bytes(data)
    return path


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=datasets())
def test_round_trip_is_lossless_for_generated_datasets(data) -> None:
    original = validate_dataset(data)
    for fmt in ("turtle", "ntriples", "jsonld"):
        text = serialize(dataset_triples(original), fmt)
        graph_back = dataset_from_triples(ox.parse(text, format=FORMATS[fmt]))
        assert graph_back == original
    rebuilt = rdflib.Graph().parse(data=turtle(graph_back), format="turtle")
    assert isomorphic(rebuilt, to_rdflib(original))


def test_base_iri_is_a_setting(dataset: Dataset) -> None:
    text = turtle(dataset, base="http://example.org/kg/").decode()
    assert "<http://example.org/kg/agency/KRISS>" in text
    assert "w3id.org/coopgraph/agency" not in text
    back = dataset_from_triples(
        ox.parse(text, format=ox.RdfFormat.TURTLE), base="http://example.org/kg/"
    )
    assert back == dataset


def test_every_agreement_links_directly_to_each_named_party(dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    party = rdflib.URIRef(COOP.party)
    for agreement in dataset.agreements:
        subject = rdflib.URIRef(f"https://w3id.org/coopgraph/agreement/{agreement.id}")
        linked = {str(o).rsplit("/", 1)[-1] for o in graph.objects(subject, party)}
        assert linked == set(agreement.agency_ids()), agreement.id


def test_names_carry_language_tags_and_dates_their_precision(dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    kriss = rdflib.URIRef(KRISS)
    labels = set(graph.objects(kriss, rdflib.SKOS.altLabel)) | set(
        graph.objects(kriss, rdflib.SKOS.prefLabel)
    )
    assert rdflib.Literal("표준연", lang="ko") in labels
    assert rdflib.Literal("KRISS") in set(graph.objects(kriss, rdflib.URIRef(COOP.acronym)))
    aist = rdflib.URIRef("https://w3id.org/coopgraph/agency/AIST")
    assert rdflib.Literal("産業技術総合研究所", lang="ja") in set(
        graph.objects(aist, rdflib.SKOS.prefLabel)
    )

    def start(agreement_id: str) -> rdflib.Literal:
        subject = rdflib.URIRef(f"https://w3id.org/coopgraph/agreement/{agreement_id}")
        return graph.value(subject, rdflib.URIRef(COOP.startDate))

    assert start("kriss-aist-mou-2024").datatype == rdflib.URIRef(XSD.gYearMonth)
    assert start("kriss-nist-quantum-mou-2024").datatype == rdflib.URIRef(XSD.date)
    assert start("kiat-uk-matching-fund-programme-2017") == rdflib.Literal(
        "2017-04-12", datatype=rdflib.XSD.date
    )
    assert (
        rdflib.URIRef(KRISS),
        rdflib.OWL.sameAs,
        rdflib.URIRef("http://www.wikidata.org/entity/Q6431706"),
    ) in graph


def test_namespace_refuses_unknown_terms() -> None:
    assert COOP.party == "https://w3id.org/coopgraph/ns#party"
    with pytest.raises(AttributeError, match="'partie' is not a term"):
        _ = COOP.partie


def test_every_term_is_documented_in_the_ontology() -> None:
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    documented = {
        str(s)
        for s in graph.subjects(rdflib.RDFS.label, None)
        if str(s).startswith(COOP.uri) and str(s) != COOP.uri
    }
    assert documented == set(COOP.all())
    for term in COOP.all():
        subject = rdflib.URIRef(term)
        assert graph.value(subject, rdflib.RDFS.comment), term


def test_export_uses_only_defined_coop_terms(dataset: Dataset) -> None:
    used = {t.predicate.value for t in dataset_triples(dataset)} | {
        t.object.value for t in dataset_triples(dataset) if t.predicate.value.endswith("#type")
    }
    assert {u for u in used if u.startswith(COOP.uri)} <= set(COOP.all())


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("turtle", "turtle"), ("ntriples", "ntriples"), ("rdfxml", "rdfxml"), ("trig", "trig")],
)
def test_rapper_parses_the_export(run, tmp_path: Path, fmt: str, parser: str) -> None:
    if shutil.which("rapper") is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian raptor2-utils) is not installed on CI")
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    target = tmp_path / f"coop.{fmt}"
    assert run("export", "--format", fmt, "-o", target).code == 0
    done = subprocess.run(
        ["rapper", "-i", parser, "-c", str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    count = int(re.search(r"returned (\d+) triples", done.stderr)[1])
    assert count == len(list(ox.parse(path=str(target), format=FORMATS[fmt])))


def test_export_and_import_on_the_command_line(run, tmp_path: Path, dataset: Dataset) -> None:
    ttl, yml = tmp_path / "coop.ttl", tmp_path / "coop.yaml"
    assert run("export", "-o", ttl).code == 0
    outcome = run("import", ttl, "-o", yml)
    assert outcome.code == 0 and f"wrote {yml}" in outcome.err
    assert run("validate", "--data", yml).code == 0
    from coopgraph.load import load_dataset

    assert load_dataset(yml) == dataset
    streamed = run("export", "--format", "ntriples")
    assert streamed.out.count("\n") == len(list(dataset_triples(dataset)))


def test_failed_export_leaves_nothing_half_written(run, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "coop.ttl"
    target.write_text("previous content")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "serialize", broken)
    outcome = run("export", "-o", target, "--force")
    assert outcome.code == 1 and "disk full" in outcome.err
    assert target.read_text() == "previous content"
    assert [p.name for p in tmp_path.iterdir()] == ["coop.ttl"]


def test_import_reports_broken_rdf_with_its_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix coop: <https://w3id.org/coopgraph/ns#> .\n<a> coop:party <b> ;\n  oops .\n"
    )
    outcome = run("import", bad)
    assert outcome.code == 1 and "Traceback" not in outcome.err
    assert "not valid turtle" in outcome.err and f"{bad}:" in outcome.err


def test_import_applies_the_model_rules(run, tmp_path: Path, dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    subject = rdflib.URIRef("https://w3id.org/coopgraph/agreement/kiat-nist-loi-2022")
    graph.remove((subject, rdflib.URIRef(COOP.partyRole), None))
    path = tmp_path / "fewer-parties.ttl"
    graph.serialize(path, format="turtle")
    outcome = run("import", path)
    assert outcome.code == 1
    assert "needs at least 2 items, found 0" in outcome.err


def test_vocabulary_concepts_carry_their_labels(dataset: Dataset) -> None:
    """What an RDF user reads for a type, status or kind: the terms the sources use.

    Seed 001 writes 협력의향서(LOI), seed 003 양해각서(MOU); the others are the usual terms.
    """
    graph = rdflib.Graph().parse(data=turtle(dataset), format="turtle")
    rows = graph.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
        " SELECT ?scheme ?key ?label"
        " WHERE { ?c skos:inScheme ?scheme ; skos:notation ?key ; skos:prefLabel ?label }"
    )
    labels = {
        (str(scheme).rsplit("/", 1)[-1], str(key), label.language): str(label)
        for scheme, key, label in rows
    }
    expected = {
        ("agreement-type", "mou", "en"): "memorandum of understanding",
        ("agreement-type", "mou", "ko"): "양해각서",
        ("agreement-type", "loi", "en"): "letter of intent",
        ("agreement-type", "loi", "ko"): "협력의향서",
        ("status", "active", "ko"): "진행 중",
        ("agency-kind", "metrology-institute", "en"): "national metrology institute",
        ("agency-kind", "metrology-institute", "ko"): "측정표준기관",
        ("event-type", "summit", "ko"): "정상회의",
        ("event-status", "held", "en"): "held",
    }
    assert {key: labels.get(key) for key in expected} == expected
    per_scheme: dict[str, int] = {}
    for scheme, _key, lang in labels:
        if lang == "en":
            per_scheme[scheme] = per_scheme.get(scheme, 0) + 1
    assert per_scheme == {
        "agreement-type": 10,
        "status": 5,
        "agency-kind": 11,
        "event-type": 8,
        "event-status": 3,
        "name-kind": 4,
        "source-kind": 4,
    }
