"""Each record's machine-readable twin: its part of the RDF export, as Turtle and JSON-LD.

A page embeds its record as JSON-LD and links the Turtle beside it
(``agency/KRISS/index.ttl``); both hold the triples the full export writes for that record
(:func:`coopgraph.rdf.export.record_part`, the same ``coop:position``), so a twin is that
record's part of ``coopgraph export`` and the union of all twins with the vocabulary is the
export itself. Each twin is built with a fresh :class:`~coopgraph.rdf.export.Terms`: its
blank nodes are labelled ``_:p1``, ``_:p2``... within the record only, and an outside IRI
the record introduces (a source's ``dct:language``) is typed in every twin that uses it,
where the export types it once.

Serialised by Oxigraph, as the export is; the JSON-LD's IRIs are then shortened with the
export's prefixes (a ``@context`` of those it uses), and the Turtle declares the same ones.
About 2.3 s for the 11,748 records of 10,000 agreements (benchmarks/results-site-twins.md),
of which building the triples, which the export does anyway, is about half.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from coopgraph.models import Dataset
from coopgraph.rdf.export import Terms, record_part, records_in_order
from coopgraph.rdf.namespace import DEFAULT_BASE, PREFIXES

__all__ = ["Twin", "record_twin", "twins"]

#: Characters that could end a ``<script>`` element or open a comment inside it, and their
#: escapes: inside a JSON string ``\u003c`` means ``<`` exactly, so the text is the same
#: JSON-LD. (``bytes.replace``: ``str.translate`` took half the time of all twins.)
_SCRIPT_SAFE = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"))

#: The prefix of record IRIs in a twin's JSON-LD context (``cg:agency/KRISS``).
_BASE_PREFIX = "cg"


@dataclass(frozen=True)
class Twin:
    """One record in RDF: ``turtle`` for its ``index.ttl``, ``jsonld`` for its pages."""

    kind: str  # the IRI path segment: agency, field, source, event, agreement
    key: str  # the record's id, the last IRI segment
    iri: str
    turtle: bytes  # UTF-8, with those of the export's prefixes it uses
    jsonld: str  # safe verbatim inside <script type="application/ld+json">


def record_twin(kind: str, record: Any, position: int, *, base: str = DEFAULT_BASE) -> Twin:
    """The twin of ``record``, the ``position``-th of its kind in the dataset (0-based).

    ``position`` is the record's index in its list (``dataset.agencies``...): the export
    writes it as ``coop:position``, and a twin that gave another would not be the record's
    part of the export.
    """
    triples = _grouped(record_part(Terms(base), kind, record, position))
    jsonld = ox.serialize(triples, None, ox.RdfFormat.JSON_LD)
    assert jsonld is not None  # no output stream: the bytes come back
    for character, escape in _SCRIPT_SAFE:
        jsonld = jsonld.replace(character, escape)
    jsonld, context = _compact_iris(jsonld, base)
    # The namespaces the JSON-LD shortened are those of the triples' IRIs: the Turtle needs
    # no other (all twelve declarations would be a third of all twins' Turtle at 10,000).
    # Declaring one too few could not break it: Oxigraph writes an IRI in full then.
    prefixes = {name: iri for name, iri in PREFIXES.items() if name in context}
    turtle = ox.serialize(triples, None, ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert turtle is not None
    return Twin(
        kind=kind,
        key=record.id,
        iri=f"{base}{kind}/{record.id}",
        turtle=turtle,
        jsonld=jsonld.decode("utf-8"),
    )


def twins(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[Twin]:
    """Every record's twin, in the export's order: agencies, fields, sources, events,
    agreements, each kind in the data's order."""
    for kind, position, record in records_in_order(dataset):
        yield record_twin(kind, record, position, base=base)


def _compact_iris(jsonld: bytes, base: str) -> tuple[bytes, dict[str, str]]:
    """Oxigraph's expanded JSON-LD with prefixed IRIs and a context declaring them.

    Each page carries its record's JSON-LD, once per language: written out, full IRIs are
    about 40% of it (36 of 22 MB at 10,000 agreements). Only the IRIs of keys
    (``"coop:position"``), of ``@type`` and of ``@id`` are shortened, by plain replacement:
    those places begin with ``{"``, ``,"``, ``"@type":"`` or ``"@id":"``, which the text of
    a literal cannot hold (its quotes are escaped). Namespaces are tried longest first, so
    one inside another (the base in ``coop:``'s) never takes the other's IRIs. The base is a
    prefix term rather than ``@base``: relative references do not resolve under a base
    ending in ``#``, and a prefix needs no resolution. Returns the text and its context.
    """
    namespaces = sorted([*PREFIXES.items(), (_BASE_PREFIX, base)], key=lambda item: -len(item[1]))
    context: dict[str, str] = {}
    for name, iri in namespaces:
        long, short = f'"{iri}'.encode(), f'"{name}:'.encode()
        if long not in jsonld or len(short) >= len(long):  # most twins use 8 of the 13
            continue
        size = len(jsonld)  # shorter after a replacement, whichever opening it was at
        for opening in (b"{", b",", b'"@type":', b'"@id":'):
            jsonld = jsonld.replace(opening + long, opening + short)
        if len(jsonld) != size:
            context[name] = iri
    head = json.dumps(dict(sorted(context.items())), ensure_ascii=False, separators=(",", ":"))
    for character, escape in _SCRIPT_SAFE:
        head = head.replace(character.decode(), escape.decode())
    return b'{"@context":' + head.encode() + b',"@graph":' + jsonld + b"}", context


def _grouped(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The same triples, each subject's and each predicate's together (a stable sort).

    The export lists a name's ``coop:nameEntry`` beside its ``skos:prefLabel``; Oxigraph's
    streaming JSON-LD writer opens a new node object whenever a predicate comes back, which
    repeats the record's ``@id`` once per name. Grouped, each node is written once, in the
    order of first appearance, and the Turtle gets shorter too.
    """
    subjects: dict[Any, int] = {}
    predicates: dict[tuple[Any, Any], int] = {}
    keys = [
        (
            subjects.setdefault(t.subject, len(subjects)),
            predicates.setdefault((t.subject, t.predicate), len(predicates)),
        )
        for t in triples
    ]
    order = sorted(range(len(triples)), key=keys.__getitem__)
    return [triples[i] for i in order]
