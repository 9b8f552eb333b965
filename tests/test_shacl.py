"""SHACL shapes state the model's rules: what the models reject, the shapes reject."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from coopgraph.models import Dataset
from coopgraph.rdf.export import to_rdflib
from coopgraph.rdf.namespace import COOP, ORG
from coopgraph.rdf.shapes import validate_graph

BASE = "https://w3id.org/coopgraph/"
LOI = rdflib.URIRef(BASE + "agreement/kiat-nist-loi-2022")


def test_the_export_conforms(dataset: Dataset) -> None:
    report = validate_graph(to_rdflib(dataset))
    assert report.conforms and report.violations == []


def _one_party(graph: rdflib.Graph) -> None:
    roles = sorted(graph.objects(LOI, rdflib.URIRef(COOP.partyRole)))
    graph.remove((LOI, rdflib.URIRef(COOP.partyRole), roles[0]))


def _no_sources(graph: rdflib.Graph) -> None:
    graph.remove((LOI, rdflib.URIRef(COOP.citation), None))


def _untyped_date(graph: rdflib.Graph) -> None:
    graph.set((LOI, rdflib.URIRef(COOP.startDate), rdflib.Literal("December 2022")))


def _party_not_an_organisation(graph: rdflib.Graph) -> None:
    nist = rdflib.URIRef(BASE + "agency/NIST")
    graph.remove((nist, rdflib.RDF.type, rdflib.URIRef(ORG.Organization)))


def _bad_country(graph: rdflib.Graph) -> None:
    graph.set(
        (rdflib.URIRef(BASE + "agency/KRISS"), rdflib.URIRef(COOP.country), rdflib.Literal("Korea"))
    )


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (_one_party, "coop:partyRole", "at least two parties"),
        (_no_sources, "coop:citation", "cites at least one source"),
        (_untyped_date, "coop:startDate", "dates are typed"),
        (_party_not_an_organisation, "coop:party", "is an organisation"),
        (_bad_country, "coop:country", "ISO 3166-1 alpha-2"),
    ],
)
def test_shapes_reject_what_the_models_reject(dataset: Dataset, mutate, path, message) -> None:
    graph = to_rdflib(dataset)
    mutate(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert any(v.path == path and message in v.message for v in report.violations), (
        report.violations
    )


def test_validate_shacl_on_the_command_line(run, tmp_path: Path, dataset: Dataset) -> None:
    assert run("validate", "--shacl").code == 0
    graph = to_rdflib(dataset)
    _no_sources(graph)
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    outcome = run("validate", "--shacl", broken, "--format", "json")
    assert outcome.code == 1
    assert '"conforms": false' in outcome.out and "cites at least one source" in outcome.out
    assert run("validate", broken).code == 2  # a file is checked with --shacl only
