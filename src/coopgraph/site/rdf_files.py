"""The Turtle and JSON-LD downloads, made record by record, reusing the previous build's.

``coopgraph export`` writes the vocabulary's triples, then each record's
(:func:`~coopgraph.rdf.export.record_part`). Oxigraph's Turtle and JSON-LD writers give
each record's triples a stretch of their own, since no subject is shared by two records: the
whole Turtle file is the prefixes and the stretches one after the other, the whole JSON-LD
the stretches between ``[`` and ``]``, joined by commas; each stretch is what Oxigraph
writes for that record alone. ``tests/test_site_twins.py`` holds the result to
``coopgraph export`` byte for byte.

A record's stretch depends on the record, its position, the base IRI and the export's
code, and on what the records before it leave behind: how many blank nodes are labelled
(``_:p17``) and which outside IRIs (a language) are described already. A stretch whose
inputs are all those of a stretch of the previous build is read from the previous build's
file, at the offsets its manifest kept (:class:`Parts`); the others are made. After a
change to one record's text, one record is serialised instead of 11,748 (at 10,000
agreements); after one that adds a blank node (a quote, a party) the records after it are
made again, as their labels moved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coopgraph.models import Dataset
from coopgraph.rdf.export import Terms, record_part, records_in_order, serialize, vocabulary_part
from coopgraph.site.inputs import record_digest, value_digest
from coopgraph.site.output import content_key
from coopgraph.site.render import code_fingerprint

__all__ = ["FILES", "Parts", "rdf_files"]

TURTLE, JSONLD = "turtle", "jsonld"
#: Where the site offers the two files (``site/downloads.py`` writes them there).
FILES = {TURTLE: "downloads/coopgraph.ttl", JSONLD: "downloads/coopgraph.jsonld"}


@dataclass
class Parts:
    """Where each record's stretches are in the previous build's files, and in this one's.

    ``previous`` and ``made`` map a stretch's key to ``[turtle offset, turtle length,
    JSON-LD offset, JSON-LD length, blank nodes labelled, outside IRIs described]``;
    ``files`` holds the previous build's two files (both or neither).
    """

    previous: Mapping[str, list[Any]] = field(default_factory=dict)
    files: Mapping[str, bytes] = field(default_factory=dict)
    made: dict[str, list[Any]] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def restored(cls, kept: Any, read: Callable[[str], bytes | None]) -> Parts:
        """The previous build's stretches, from what its manifest kept (:meth:`kept`) and its
        two files, read by ``read(path)``: none if either file or the table is not what that
        build wrote (checked by digest: the files are read at the table's offsets)."""
        if not isinstance(kept, dict) or not isinstance(kept.get("records"), dict):
            return cls()
        if content_key(_canonical(kept["records"])) != kept.get("digest"):
            return cls()  # a manifest edited by hand
        files = {}
        for fmt, path in FILES.items():
            data = read(path)
            if data is None or content_key(data) != (kept.get("files") or {}).get(fmt):
                return cls()
            files[fmt] = data
        return cls(previous=kept["records"], files=files)

    def kept(self, turtle: bytes, jsonld: bytes) -> dict[str, Any]:
        """What the next build needs to reuse this one's stretches (for the manifest)."""
        return {
            "files": {TURTLE: content_key(turtle), JSONLD: content_key(jsonld)},
            "records": self.made,
            "digest": content_key(_canonical(self.made)),
        }

    def read(self, key: str) -> tuple[bytes, bytes, int, list[str]] | None:
        """The stretches kept under ``key`` and what the record leaves behind, if any."""
        found = self.previous.get(key)
        if not _well_formed(found) or len(self.files) != 2:
            return None  # unknown, or a manifest not as a build writes it: made afresh
        turtle_at, turtle_size, jsonld_at, jsonld_size, blanks, described = found
        turtle = self.files[TURTLE][turtle_at : turtle_at + turtle_size]
        jsonld = self.files[JSONLD][jsonld_at : jsonld_at + jsonld_size]
        if len(turtle) != turtle_size or len(jsonld) != jsonld_size:
            return None
        self.reused += 1
        return turtle, jsonld, blanks, described


def _canonical(records: Any) -> bytes:
    return json.dumps(records, sort_keys=True, separators=(",", ":")).encode()


def _well_formed(found: Any) -> bool:
    """Whether a manifest's entry is ``[4 offsets and sizes, blank nodes, [IRIs]]``."""
    return (
        isinstance(found, list)
        and len(found) == 6
        and all(type(n) is int and n >= 0 for n in found[:5])
        and isinstance(found[5], list)
        and all(isinstance(iri, str) for iri in found[5])
    )


def rdf_files(
    dataset: Dataset,
    *,
    base: str,
    digests: Mapping[tuple[str, str], str] | None = None,
    parts: Parts | None = None,
) -> tuple[bytes, bytes]:
    """The whole export as Turtle and as JSON-LD, as ``coopgraph export`` writes them.

    ``digests`` are the records' :func:`~coopgraph.site.inputs.record_digest` (made here
    if not given); ``parts`` lends the previous build's stretches and keeps this one's.
    """
    parts = parts if parts is not None else Parts()
    terms = Terms(base)
    vocabulary = vocabulary_part(terms)
    prefixes, first = _split_turtle(_serialized(vocabulary, TURTLE))
    turtle, jsonld = [prefixes, first], [_serialized(vocabulary, JSONLD)[1:-1]]
    turtle_at, jsonld_at = len(prefixes) + len(first), 1 + len(jsonld[0])
    context = repr((code_fingerprint(), base))
    for kind, position, record in records_in_order(dataset):
        blanks, described = terms.state
        digest = digests[(kind, record.id)] if digests else record_digest(kind, record)
        key = _key(context, kind, position, digest, blanks, described)
        found = parts.read(key)
        if found is not None:
            text, jsonld_text, more, added = found
            terms.advance(more, added)
        else:
            triples = record_part(terms, kind, record, position)
            head, text = _split_turtle(_serialized(triples, TURTLE))
            if head != prefixes:  # Oxigraph writes every prefix, used or not, before any triple
                raise AssertionError("a record's Turtle declares other prefixes")
            jsonld_text = _serialized(triples, JSONLD)[1:-1]
            more, added = terms.state[0] - blanks, sorted(terms.described - described)
        jsonld_at += 1  # the comma before each record
        parts.made[key] = [turtle_at, len(text), jsonld_at, len(jsonld_text), more, added]
        turtle.append(text)
        jsonld.append(jsonld_text)
        turtle_at += len(text)
        jsonld_at += len(jsonld_text)
    return b"".join(turtle), b"[" + b",".join(jsonld) + b"]"


def _key(
    context: str, kind: str, position: int, digest: str, blanks: int, described: frozenset[str]
) -> str:
    return value_digest(context, kind, position, digest, blanks, sorted(described))


def _serialized(triples: list[Any], fmt: str) -> bytes:
    data = serialize(triples, fmt)
    assert data is not None  # no output stream: the bytes come back
    return data


def _split_turtle(text: bytes) -> tuple[bytes, bytes]:
    """Oxigraph's Turtle for some triples: its ``@prefix`` lines, and the triples."""
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return text[:at], text[at:]
