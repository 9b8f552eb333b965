"""Each record's machine-readable twin: its part of the RDF export, as Turtle and JSON-LD.

A page embeds its record as JSON-LD and links the Turtle beside it
(``agency/KRISS/index.ttl``); both hold the triples the full export writes for that record
(:func:`coopgraph.rdf.export.record_part`, the same ``coop:position``), so a twin is that
record's part of ``coopgraph export`` and the union of all twins with the vocabulary is the
export itself. Each twin is built with a fresh :class:`~coopgraph.rdf.export.Terms`: its
blank nodes are labelled ``_:p1``, ``_:p2``... within the record only, and an outside IRI
the record introduces (a source's ``dct:language``) is typed in every twin that uses it,
where the export types it once.

Serialised by Oxigraph, as the export is: Python's work per record is building the triples,
which the export does anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from coopgraph.models import Dataset
from coopgraph.rdf.export import Terms, record_part
from coopgraph.rdf.namespace import DEFAULT_BASE, PREFIXES

__all__ = ["Twin", "record_twin", "twins"]

#: Characters that could end a ``<script>`` element or open a comment inside it, and their
#: escapes: inside a JSON string ``\u003c`` means ``<`` exactly, so the text is the same
#: JSON-LD. (``bytes.replace``: ``str.translate`` took half the time of all twins.)
_SCRIPT_SAFE = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"))

#: A prefixed name's prefix in Oxigraph's Turtle (after a space, tab, ``^^`` or a line start).
_USED_PREFIX = re.compile(
    rb"(?:^|(?<=[\s^(\[,;]))(" + b"|".join(re.escape(p.encode()) for p in PREFIXES) + rb"):",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Twin:
    """One record in RDF: ``turtle`` for its ``index.ttl``, ``jsonld`` for its pages."""

    kind: str  # the IRI path segment: agency, field, source, event, agreement
    key: str  # the record's id, the last IRI segment
    iri: str
    turtle: bytes  # UTF-8, with the export's prefixes
    jsonld: str  # expanded JSON-LD; safe verbatim inside <script type="application/ld+json">


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
    return Twin(
        kind=kind,
        key=record.id,
        iri=f"{base}{kind}/{record.id}",
        turtle=_turtle(triples),
        jsonld=jsonld.decode("utf-8"),
    )


def twins(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[Twin]:
    """Every record's twin, in the export's order: agencies, fields, sources, events,
    agreements, each kind in the data's order."""
    for kind, records in (
        ("agency", dataset.agencies),
        ("field", dataset.fields),
        ("source", dataset.sources),
        ("event", dataset.events),
        ("agreement", dataset.agreements),
    ):
        for position, record in enumerate(records):
            yield record_twin(kind, record, position, base=base)


def _turtle(triples: list[ox.Triple]) -> bytes:
    """Turtle declaring only the export's prefixes it uses.

    All twelve declarations take about 560 bytes, a third of all twins' bytes at 10,000
    agreements. The used ones are found in a first serialisation with every prefix; a name
    that only looks like one (``coop:`` inside a quote) keeps a declaration, which is harmless.
    """
    text = ox.serialize(triples, None, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert text is not None
    start = 0
    for _ in PREFIXES:  # Oxigraph writes one ``@prefix`` line each, first
        start = text.index(b"\n", start) + 1
    used = {m.decode() for m in _USED_PREFIX.findall(text, start)}
    prefixes = {name: iri for name, iri in PREFIXES.items() if name in used}
    if len(prefixes) == len(PREFIXES):
        return text
    again = ox.serialize(triples, None, ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert again is not None
    return again


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
