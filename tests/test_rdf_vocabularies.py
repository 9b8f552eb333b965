"""The export speaks the vocabularies it reuses as their specifications define them.

An independent audit read the export with pySHACL's schema.org and Dublin Core shapes and
found strings where agents belong, an organisation "derived from" an article, concept
codes in ``skos:note``. Each test here reads the export with rdflib (not the code that
wrote it) and asks what a user of that vocabulary would ask.
"""

from __future__ import annotations

import rdflib
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from builders import agency, agreement, dataset_dict
from coopgraph.models import Dataset, validate_dataset
from coopgraph.partners import partners
from coopgraph.rdf.export import to_rdflib

BASE = "https://w3id.org/coopgraph/"
SCHEMA = rdflib.Namespace("https://schema.org/")
LOC = "http://id.loc.gov/vocabulary/iso639-1/"


def source(graph: rdflib.Graph, source_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{BASE}source/{source_id}")


def test_publisher_and_author_are_agents_with_names(dataset: Dataset) -> None:
    """fnnews-2023-12-09: publisher 파이낸셜뉴스, author 김윤호 (seed 003's byline)."""
    graph = to_rdflib(dataset)
    article = source(graph, "fnnews-2023-12-09")
    for predicate, name in ((DCTERMS.publisher, "파이낸셜뉴스"), (DCTERMS.creator, "김윤호")):
        (agent,) = graph.objects(article, predicate)
        assert not isinstance(agent, rdflib.Literal)
        assert (agent, RDF.type, DCTERMS.Agent) in graph
        assert [str(n) for n in graph.objects(agent, FOAF.name)] == [name]


def test_language_is_a_linguistic_system_iri(dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    assert list(graph.objects(source(graph, "ebn-2024-01-29"), DCTERMS.language)) == [
        rdflib.URIRef(LOC + "ko")
    ]
    assert list(graph.objects(source(graph, "govconexec-2024-01"), DCTERMS.language)) == [
        rdflib.URIRef(LOC + "en")
    ]
    assert (rdflib.URIRef(LOC + "ko"), RDF.type, DCTERMS.LinguisticSystem) in graph
    assert not [o for o in graph.objects(None, DCTERMS.language) if isinstance(o, rdflib.Literal)]


def test_records_cite_sources_with_dct_source_not_provenance(dataset: Dataset) -> None:
    """An agency is not derived from an article; the record is documented by it."""
    graph = to_rdflib(dataset)
    assert not list(graph.triples((None, PROV.wasDerivedFrom, None)))
    kriss = rdflib.URIRef(f"{BASE}agency/KRISS")
    assert set(graph.objects(kriss, DCTERMS.source)) == {
        source(graph, "ror-records"),
        source(graph, "edaily-2024-08-02"),
    }


def test_organisers_are_schema_organizations(dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    organisers = set(graph.objects(None, SCHEMA.organizer))
    assert rdflib.URIRef(f"{BASE}agency/MOTIE") in organisers
    assert all((o, RDF.type, SCHEMA.Organization) in graph for o in organisers)


def test_vocabulary_codes_are_notations_and_fields_form_a_scheme(dataset: Dataset) -> None:
    graph = to_rdflib(dataset)
    signed = rdflib.URIRef(f"{BASE}vocab/status/signed")
    assert list(graph.objects(signed, SKOS.notation)) == [rdflib.Literal("signed")]
    assert not list(graph.objects(signed, SKOS.note))
    fields = rdflib.URIRef(f"{BASE}vocab/fields")
    assert (fields, RDF.type, SKOS.ConceptScheme) in graph
    tops = set(graph.subjects(SKOS.topConceptOf, fields))
    assert rdflib.URIRef(f"{BASE}field/quantum") in tops
    assert rdflib.URIRef(f"{BASE}field/quantum-computing") not in tops  # under quantum


def _moved_unit() -> Dataset:
    """LAB moved from OLD to NEW at the end of 2024: OLD's membership has ended."""
    return validate_dataset(
        dataset_dict(
            [
                agency("OLD"),
                agency("NEW"),
                agency(
                    "LAB",
                    part_of=[
                        {"agency": "OLD", "valid_until": "2024-12-31"},
                        {"agency": "NEW", "valid_from": "2025-01-01"},
                    ],
                ),
                agency("FAR", country="KR"),
            ],
            [agreement("lab-far", "LAB", "FAR")],
        )
    )


def test_an_ended_membership_is_history_not_a_sub_organisation() -> None:
    graph = to_rdflib(_moved_unit())
    lab = rdflib.URIRef(f"{BASE}agency/LAB")
    assert set(graph.objects(lab, ORG.subOrganizationOf)) == {rdflib.URIRef(f"{BASE}agency/NEW")}


def test_an_ended_membership_does_not_roll_up_partners() -> None:
    data = _moved_unit()
    assert partners(data, "OLD", include_subunits=True).to_data()["partners"] == []
    found = partners(data, "NEW", include_subunits=True).to_data()["partners"]
    assert [p["id"] for p in found] == ["FAR"]
