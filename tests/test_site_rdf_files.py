"""The RDF downloads made record by record are ``coopgraph export``'s files, byte for byte,
also when most records are read from the previous build's files.

The export itself (:func:`coopgraph.rdf.export.serialize` over every triple) is the
reference: the site's Turtle and JSON-LD must be the bytes the command line writes. After
an edit, a file assembled from the previous build's stretches must be the edited data's
export too, whether the edit kept every blank node's label (a changed text: one record is
made again) or moved them (a quote more or fewer: every record after it is).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from coopgraph.load import load_dataset
from coopgraph.models import Citation, Dataset
from coopgraph.rdf.export import dataset_triples, serialize
from coopgraph.site.rdf_files import Parts, rdf_files
from edits import edits

BASE = "https://w3id.org/coopgraph/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(Path(__file__).resolve().parent.parent / "data" / "agreements.yaml")


def exported(dataset: Dataset) -> tuple[bytes, bytes]:
    """What ``coopgraph export`` writes as Turtle and as JSON-LD."""
    triples = list(dataset_triples(dataset, base=BASE))
    return serialize(triples, "turtle") or b"", serialize(triples, "jsonld") or b""


def built(dataset: Dataset, before: Parts | None = None) -> tuple[bytes, bytes, Parts]:
    """The two files made with the stretches of ``before`` (the files it was made with)."""
    parts = Parts()
    if before is not None:
        parts = Parts(previous=before.made, files=before.files)
    turtle, jsonld = rdf_files(dataset, base=BASE, parts=parts)
    parts.files = {"turtle": turtle, "jsonld": jsonld}
    return turtle, jsonld, parts


@pytest.fixture(scope="module")
def first(dataset: Dataset) -> tuple[bytes, bytes, Parts]:
    return built(dataset)


def test_made_record_by_record_the_files_are_the_exports(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    turtle, jsonld, _ = first
    assert (turtle, jsonld) == exported(dataset)


def test_the_files_parse_as_the_same_graph_in_rdflib(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    """A second, independent reader: rdflib reads both files as one graph."""
    turtle, jsonld, _ = first
    from_turtle = rdflib.Graph().parse(data=turtle, format="turtle")
    from_jsonld = rdflib.Graph().parse(data=jsonld, format="json-ld")
    assert len(from_turtle) > 1000
    assert isomorphic(from_turtle, from_jsonld)


def test_a_changed_title_makes_one_record_again(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    agreements = [
        dataclasses.replace(a, title={**a.title, "en": "Renamed"})
        if a.id == "kats-nist-mou-2024"
        else a
        for a in dataset.agreements
    ]
    edited = dataclasses.replace(dataset, agreements=agreements)
    turtle, jsonld, parts = built(edited, first[2])
    assert (turtle, jsonld) == exported(edited)
    assert b'"Renamed"@en' in turtle and b'"Renamed"@en' not in first[0]
    records = len(first[2].made)
    assert parts.reused == records - 1


def test_a_quote_more_moves_the_blank_nodes_of_the_records_after_it(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    """A citation is a blank node (_:p...): the records after it get other labels."""
    where = next(i for i, a in enumerate(dataset.agreements) if a.id == "kats-nist-mou-2024")
    agreement = dataset.agreements[where]
    quote = Citation(source=agreement.sources[0].source, quote="A second sentence.")
    agreements = list(dataset.agreements)
    agreements[where] = dataclasses.replace(agreement, sources=[*agreement.sources, quote])
    edited = dataclasses.replace(dataset, agreements=agreements)
    turtle, jsonld, parts = built(edited, first[2])
    assert (turtle, jsonld) == exported(edited)
    before = len(dataset.agencies) + len(dataset.fields) + len(dataset.sources)
    before += len(dataset.events) + where  # the records the export writes before it
    assert parts.reused == before


def test_a_language_described_earlier_is_not_described_again(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    """The export types a source's language (``dct:LinguisticSystem``) at its first use
    only: the first source now in the language that a later one introduced takes that
    over, and the later one must not be read as it was."""
    sources = list(dataset.sources)
    other = next(s.language for s in sources if s.language != sources[0].language)
    sources[0] = dataclasses.replace(sources[0], language=other)
    edited = dataclasses.replace(dataset, sources=sources)
    turtle, jsonld, parts = built(edited, first[2])
    assert (turtle, jsonld) == exported(edited)
    assert parts.reused < len(first[2].made) - 1


def test_files_that_do_not_match_their_stretches_are_not_read(
    dataset: Dataset, first: tuple[bytes, bytes, Parts]
) -> None:
    """Stretches are read only from the two files they were made with, both present."""
    parts = Parts(previous=first[2].made, files={"turtle": first[0]})
    assert rdf_files(dataset, base=BASE, parts=parts) == exported(dataset)
    assert parts.reused == 0


DAMAGED = [None, "text", [0, 1], [0, -5, 0, 1, 0, []], [0, 1, 0, 1, 0, [3]], [0, 1, 0, 1, 0, "x"]]


@pytest.mark.parametrize("entry", DAMAGED)
def test_a_damaged_entry_is_made_afresh_not_read(
    dataset: Dataset, first: tuple[bytes, bytes, Parts], entry: object
) -> None:
    """The offsets come from the manifest in the site folder: whatever it says, the files
    are the export (an entry that is not what a build writes is not read)."""
    damaged = {key: entry for key in first[2].made}
    parts = Parts(previous=damaged, files={"turtle": first[0], "jsonld": first[1]})
    assert rdf_files(dataset, base=BASE, parts=parts) == exported(dataset)
    assert parts.reused == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_after_any_edit_the_files_are_the_edited_exports(
    dataset: Dataset, first: tuple[bytes, bytes, Parts], data: st.DataObject
) -> None:
    described, edited = data.draw(edits(dataset))
    turtle, jsonld, _ = built(edited, first[2])
    assert (turtle, jsonld) == exported(edited), described


def test_a_site_whose_manifest_was_edited_by_hand_still_offers_the_export(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Through a build: offsets moved in the site's manifest are not read (its table's
    digest no longer matches), so the rebuilt download is still the export."""
    import json

    from coopgraph.index import Index
    from coopgraph.site.build import build_site
    from coopgraph.site.output import MANIFEST

    site = tmp_path / "site"
    build_site(Index(dataset), site, base_iri=BASE)
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["extra"]["rdf_parts"]["records"].values():
        entry[0] += 1  # every Turtle stretch one byte later
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    edited = dataclasses.replace(
        dataset,
        sources=[dataclasses.replace(dataset.sources[0], title="Retitled"), *dataset.sources[1:]],
    )
    build_site(Index(edited), site, base_iri=BASE)
    assert (site / "downloads" / "coopgraph.ttl").read_bytes() == exported(edited)[0]
