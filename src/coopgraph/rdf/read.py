"""RDF written by coopgraph, read back into an equal :class:`~coopgraph.models.Dataset`.

The reader walks the lossless structure of the export (records with ``coop:position``,
their parts) and ignores the convenience links that the export derives from it
(``coop:party``, ``skos:prefLabel``, the records' ``dct:source``, ...). What it rebuilds is
plain data, validated by the same model as YAML, so RDF edited by hand gets the same
checks and the same messages.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from coopgraph.errors import DataError, Issue, UsageError
from coopgraph.models import SECTIONS, Dataset, validate_dataset
from coopgraph.rdf.export import FORMATS, VOCABULARIES
from coopgraph.rdf.namespace import (
    COOP,
    DCTERMS,
    DEFAULT_BASE,
    FOAF,
    ISO639_1,
    ISO639_2,
    OWL,
    RDF,
    ROR,
    SCHEMA,
    SKOS,
    WIKIDATA,
)

__all__ = [
    "dataset_from_triples",
    "guess_format",
    "parse_file",
    "parse_rdflib",
    "read",
    "read_file",
]

_SUFFIXES = {
    ".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig",
    ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "rdfxml", ".xml": "rdfxml", ".owl": "rdfxml",
}  # fmt: skip


#: What is read, for messages: every format's name and the suffixes that tell it.
_READ = ", ".join(
    f"{name} ({' '.join(s for s, f in _SUFFIXES.items() if f == name)})" for name in FORMATS
)

#: Nesting deeper than this is refused before Oxigraph parses: its JSON-LD parser crashes
#: the process (a stack overflow) between 1,000 and 5,000 levels, and its RDF/XML parser
#: takes time growing with the cube of the depth (4 s at 20,000 levels, 150 bytes a level).
#: coopgraph's own exports nest fewer than 10 levels.
_MAX_DEPTH = 256

#: An RDF/XML document type with an internal subset (``<!DOCTYPE rdf:RDF [ ... ]>``) or an
#: entity declaration: entities that refer to entities grow 1 KB into gigabytes.
_DTD = re.compile(r"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)

#: What opens and closes nesting: JSON objects and arrays outside strings; XML elements
#: (but empty ones) outside comments, CDATA sections, processing instructions and
#: declarations, with quoted attribute values that may hold a '>'.
_JSON_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|([\[{])|[\]}]', re.DOTALL)
_XML_OTHER = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>", re.DOTALL)
_TAG_BODY = rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""  # quoted values may hold '>'
_XML_NESTING = re.compile(_XML_OTHER.pattern + rb"|<(/?)" + _TAG_BODY + rb">", re.DOTALL)


def guess_format(path: Path | str) -> str:
    """The RDF format a file's suffix tells (``.ttl``: turtle); a ValueError if none."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ValueError(
            f"cannot tell the RDF format of {str(path)!r} from its name; name the format "
            f"with --rdf-format. Formats read: {_READ}"
        )
    return _SUFFIXES[suffix]


def read(
    source: Path | str | IO[bytes], fmt: str | None = None, *, base: str = DEFAULT_BASE
) -> Dataset:
    """Parse an RDF file written by coopgraph and rebuild the dataset.

    ``fmt`` names the format (``"turtle"``, ...); by default a file's suffix tells it, and
    a stream needs it. A stream gets the checks a file gets (size, UTF-8, DTD entities,
    nesting) before Oxigraph sees it. Raises ``pydantic.ValidationError`` if the rebuilt
    data breaks the model's rules.
    """
    if isinstance(source, Path | str):
        return dataset_from_triples(parse_file(Path(source), fmt), base=base)
    if fmt is None:
        raise ValueError("the format of a stream must be given")
    chosen = _known_format(fmt)
    from coopgraph.load import MAX_FILE_BYTES

    data = source.read(MAX_FILE_BYTES + 1)
    name = str(getattr(source, "name", "the stream"))
    if len(data) > MAX_FILE_BYTES:
        megabytes = MAX_FILE_BYTES // (1024 * 1024)
        raise DataError([Issue(name, f"larger than {megabytes} MB, the most RDF read")])
    return dataset_from_triples(_parse_bytes(name, data, chosen), base=base)


def parse_file(path: Path, fmt: str | None = None) -> list[Any]:
    """All triples of an RDF file; unreadable or invalid RDF is a DataError with its line.

    ``fmt`` names the format; by default the file's suffix tells it. Only a regular file
    is read (a directory, a device or a named pipe is a UsageError, and a pipe is never
    opened), at most 256 MB of it, as UTF-8; RDF/XML with DTD entities and nesting deeper
    than :data:`_MAX_DEPTH` are refused before Oxigraph parses them.
    """
    from coopgraph.load import read_regular_file, require_regular_file

    require_regular_file(path, "give an RDF file")
    if fmt is None:
        try:
            fmt = guess_format(path)
        except ValueError as error:
            raise UsageError(str(error)) from None
    chosen = _known_format(fmt)
    return _parse_bytes(str(path), read_regular_file(path, "give an RDF file", "RDF"), chosen)


def _known_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(
            f"unknown RDF format {fmt!r}; name the format with --rdf-format. Formats read: {_READ}"
        )
    return fmt


def _parse_bytes(name: str, data: bytes, fmt: str) -> list[Any]:
    """The triples of RDF text in ``fmt``, after the checks that keep Oxigraph safe."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]  # Notepad's mark: Oxigraph's Turtle refuses it
    _check_text(name, data, fmt)
    try:
        return list(ox.parse(data, format=FORMATS[fmt]))
    except SyntaxError as error:
        if "LoadDocumentCallback" in str(error) or "remote context" in str(error):
            raise DataError([Issue(name, _remote_context_message(data))]) from None
        line = error.lineno if isinstance(error.lineno, int) else None
        message = f"not valid {fmt}: {error.msg or error}"
        raise DataError([Issue(name, message, (), line)]) from None


def _check_text(name: str, data: bytes, fmt: str) -> None:
    """Refuse what would make Oxigraph read wrongly, crash or run away; a located DataError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        problem = (
            "not UTF-8 but UTF-16 (it starts with UTF-16's byte-order mark)"
            if utf16
            else f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded"
        )
        message = (
            f"{problem}; coopgraph reads RDF as UTF-8 (save the file as UTF-8). "
            f"Formats read: {_READ}"
        )
        raise DataError([Issue(name, message, (), line, column)]) from None
    if fmt == "rdfxml" and (found := _DTD.search(text)):
        line, column = _position(text, found.start())
        message = (
            "RDF/XML with a DTD (an entity declaration or an internal subset) is not read: "
            "entities can expand a small file without bound or bring in other files; write "
            "the entities' text out (or convert the file to Turtle)"
        )
        raise DataError([Issue(name, message, (), line, column)])
    if fmt in {"jsonld", "rdfxml"} and (deep := _too_deep(data, fmt)) is not None:
        line, column = _position(data, deep)
        message = f"nested more than {_MAX_DEPTH} levels deep; coopgraph's RDF nests fewer"
        raise DataError([Issue(name, message, (), line, column)])


def _too_deep(data: bytes, fmt: str) -> int | None:
    """Where nesting first goes deeper than :data:`_MAX_DEPTH` (a byte offset), or None.

    RDF/XML is walked tag by tag (about 10 ms a MB). JSON-LD is measured in C, 2.5 times
    faster: escapes and strings are cut out, each bracket becomes the byte +1 or -1, all
    else is deleted, and the deepest point is the largest running sum; only a file found
    too deep is walked token by token, to find the place.
    """
    if fmt != "jsonld":
        return _deepest(data, _XML_NESTING, fmt) if data.count(b"<") > _MAX_DEPTH else None
    if data.count(b"{") + data.count(b"[") <= _MAX_DEPTH:
        return None
    from array import array
    from itertools import accumulate

    bare = _JSON_ESCAPE.sub(b"", data) if b"\\" in data else data
    bare = bare.translate(None, _NOT_JSON_SYNTAX)  # quotes and brackets
    steps = _JSON_STRING.sub(b"", bare).translate(_JSON_STEPS)
    if not steps or max(accumulate(array("b", steps))) <= _MAX_DEPTH:
        return None
    return _deepest(data, _JSON_NESTING, fmt)


_JSON_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_JSON_SYNTAX = bytes(c for c in range(256) if c not in b'"{}[]')
_JSON_STRING = re.compile(rb'"[^"]*"')
_JSON_STEPS = bytes.maketrans(b"{[}]", b"\x01\x01\xff\xff")


def _deepest(data: bytes, pattern: re.Pattern[bytes], fmt: str) -> int | None:
    """Where nesting first goes deeper than :data:`_MAX_DEPTH`, token by token."""
    depth = 0
    for token in pattern.finditer(data):
        if fmt == "jsonld":
            if token[1] is not None:
                depth += 1
            elif token[0][:1] != b'"':
                depth -= 1
        elif token[1] is not None and not token[0].endswith(b"/>"):  # not an empty element
            depth += -1 if token[1] == b"/" else 1
        if depth > _MAX_DEPTH:
            return token.start()
    return None


def _position(text: bytes | str, offset: int) -> tuple[int, int]:
    """1-based line and column (counted in units of ``text``) of ``offset``."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]


def _remote_context_message(data: bytes) -> str:
    """Which contexts a JSON-LD document would fetch, for the message that refuses it."""
    import json

    urls: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"@context", "@import"}:
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str) and item not in urls:
                            urls.append(item)
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    with contextlib.suppress(ValueError, RecursionError):  # then the message names none
        collect(json.loads(data))
    named = ", ".join(urls[:3]) + (" ..." if len(urls) > 3 else "")
    contexts = f"contexts {named} are" if len(urls) > 1 else f"context {named} is"
    if not urls:
        contexts = "contexts are"
    return (
        f"remote JSON-LD {contexts} not fetched: coopgraph reads nothing from the network; "
        "put the context itself in the file (coopgraph export writes JSON-LD that needs none)"
    )


def read_file(path: Path, fmt: str | None = None, *, base: str = DEFAULT_BASE) -> Dataset:
    """:func:`read` for the command line, with readable errors.

    Every model error becomes an issue naming the resource (IRI) and the field, in the
    words the YAML loader uses. RDF without a single coopgraph record is refused: read
    back, it would become an empty data file.
    """
    from pydantic import ValidationError

    from coopgraph.errors import format_path
    from coopgraph.load import with_ascii_dates
    from coopgraph.messages import describe

    def issue(loc: tuple[Any, ...], message: str) -> Issue:
        section, index, *rest = loc
        record = data[str(section)][int(index)]
        kind = {"agencies": "agency", "fields": "field"}.get(str(section), str(section)[:-1])
        where = f"<{base}{kind}/{record.get('id', '?')}>"
        field = format_path(tuple(p for p in rest if isinstance(p, int | str)))
        return Issue(str(path), f"{where} {field}: {message}")

    try:
        data = plain_data(parse_file(path, fmt), base=base)
        if digits := [issue(loc, message) for loc, message in with_ascii_dates(data)]:
            raise DataError(digits)
        dataset = validate_dataset(data)
    except ValidationError as error:
        raise DataError(
            [issue(detail["loc"], describe(detail)) for detail in error.errors(include_url=False)]
        ) from None
    except ValueError as error:
        raise DataError([Issue(str(path), str(error))]) from None
    if not any(getattr(dataset, section) for section in SECTIONS):
        message = "holds no coopgraph records (agencies, agreements, events, fields or sources)"
        raise DataError([Issue(str(path), message + ": nothing to import")])
    return dataset


def parse_rdflib(path: Path, fmt: str | None = None) -> Any:
    """An ``rdflib.Graph`` of any RDF file, for SHACL validation with pySHACL.

    ``fmt`` names the format; by default the file's suffix tells it.
    """
    import rdflib

    from coopgraph.rdf.export import to_rdflib_term

    graph = rdflib.Graph()
    for triple in parse_file(path, fmt):
        graph.add(
            (
                to_rdflib_term(triple.subject),
                rdflib.URIRef(triple.predicate.value),
                to_rdflib_term(triple.object),
            )
        )
    return graph


class _Graph:
    """Subjects to predicates to objects, for walking a parsed graph."""

    def __init__(self, triples: Iterable[Any]) -> None:
        self.index: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for triple in triples:
            self.index[triple.subject.value][triple.predicate.value].append(triple.object)

    def subjects_of_type(self, kind: str) -> list[str]:
        found = [
            s for s, p in self.index.items() if any(o.value == kind for o in p.get(RDF.type, []))
        ]
        return sorted(found, key=self.position)

    def objects(self, subject: str, predicate: str) -> list[Any]:
        return self.index.get(subject, {}).get(predicate, [])

    def one(self, subject: str, predicate: str) -> Any | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def text(self, subject: str, predicate: str) -> str | None:
        found = self.one(subject, predicate)
        return found.value if found is not None else None

    def position(self, subject: str) -> int:
        found = self.one(subject, COOP.position)
        return int(found.value) if found is not None else 0

    def parts(self, subject: str, predicate: str) -> list[str]:
        return sorted((o.value for o in self.objects(subject, predicate)), key=self.position)

    def localized(self, subject: str, predicate: str) -> dict[str, str] | None:
        found = {o.language or "": o.value for o in self.objects(subject, predicate)}
        return found or None


class _Reader:
    def __init__(self, graph: _Graph, base: str) -> None:
        self.graph, self.base = graph, base

    def local(self, iri: str | None, kind: str) -> str | None:
        """``<base>agency/KRISS`` → ``KRISS``."""
        if iri is None:
            return None
        prefix = f"{self.base}{kind}/"
        if not iri.startswith(prefix):
            raise ValueError(f"{iri} is not a coopgraph {kind} IRI under {self.base}")
        return iri[len(prefix) :]

    def agent_name(self, subject: str, predicate: str) -> str | None:
        """The name of a ``dct:Agent`` node (or a plain string, as other tools write it)."""
        found = self.graph.one(subject, predicate)
        if isinstance(found, ox.Literal) or found is None:
            return found.value if found is not None else None
        return self.graph.text(found.value, FOAF.name)

    def language(self, subject: str) -> str | None:
        """The tag of a ``dct:language``: an ISO 639 IRI's code, a node's ``rdf:value``, or text."""
        found = self.graph.one(subject, DCTERMS.language)
        if found is None or isinstance(found, ox.Literal):
            return found.value if found is not None else None
        for namespace in (ISO639_1, ISO639_2):
            if found.value.startswith(namespace):
                return found.value[len(namespace) :]
        return self.graph.text(found.value, RDF.value) or found.value

    def ref(self, subject: str, predicate: str, kind: str) -> str | None:
        found = self.graph.one(subject, predicate)
        return self.local(found.value, kind) if found is not None else None

    def concept(self, subject: str, predicate: str, scheme: str) -> str | None:
        found = self.graph.one(subject, predicate)
        if found is None:
            return None
        key = found.value.rsplit("/", 1)[-1]
        return key if key in VOCABULARIES[scheme] else found.value

    def when(self, subject: str) -> str | None:
        start = self.graph.text(subject, COOP.startDate)
        end = self.graph.text(subject, COOP.endDate)
        if start is None:
            return None
        return f"{start}/{end}" if end else start

    def citations(self, subject: str) -> list[dict[str, Any]]:
        cited = []
        for node in self.graph.parts(subject, COOP.citation):
            item: dict[str, Any] = {
                "source": self.ref(node, DCTERMS.source, "source"),
                "quote": self.graph.text(node, COOP.quote),
            }
            supports = sorted(o.value for o in self.graph.objects(node, COOP.supports))
            if supports:
                item["supports"] = supports
            if (via := self.ref(node, COOP.via, "source")) is not None:
                item["via"] = via
            cited.append(item)
        return cited

    def party(self, node: str) -> dict[str, Any]:
        return _compact(
            {
                "agency": self.ref(node, COOP.agency, "agency"),
                "unit": self.ref(node, COOP.unit, "agency"),
                "role": self.graph.text(node, COOP.role),
                "description": self.graph.localized(node, DCTERMS.description),
                "country": self.graph.text(node, COOP.country),
            }
        )

    def person(self, node: str) -> dict[str, Any]:
        return _compact(
            {
                "name": self.graph.localized(node, SCHEMA.name),
                "role": self.graph.localized(node, COOP.roleTitle),
                "agency": self.ref(node, COOP.agency, "agency"),
            }
        )

    def place(self, subject: str) -> dict[str, Any] | None:
        nodes = self.graph.parts(subject, COOP.place)
        if not nodes:
            return None
        node = nodes[0]
        return _compact(
            {
                "venue": self.graph.localized(node, SCHEMA.name),
                "city": self.graph.localized(node, COOP.city),
                "country": self.graph.text(node, COOP.country),
            }
        )

    def text_items(self, subject: str, predicate: str) -> list[dict[str, str]]:
        return [
            self.graph.localized(n, RDF.value) or {} for n in self.graph.parts(subject, predicate)
        ]

    def agency(self, subject: str) -> dict[str, Any]:
        g = self.graph
        names = []
        for node in g.parts(subject, COOP.nameEntry):
            text = g.one(node, COOP.text)
            names.append(
                _compact(
                    {
                        "text": text.value if text is not None else None,
                        "lang": text.language if text is not None and text.language else None,
                        "kind": self.concept(node, COOP.nameKind, "name-kind"),
                        "valid_from": g.text(node, COOP.validFrom),
                        "valid_until": g.text(node, COOP.validUntil),
                    }
                )
            )
        part_of = [
            _compact(
                {
                    "agency": self.ref(node, COOP.parent, "agency"),
                    "valid_from": g.text(node, COOP.validFrom),
                    "valid_until": g.text(node, COOP.validUntil),
                }
            )
            for node in g.parts(subject, COOP.membership)
        ]
        same = [o.value for o in g.objects(subject, OWL.sameAs)]
        return _compact(
            {
                "id": self.local(subject, "agency"),
                "names": names,
                "country": g.text(subject, COOP.country),
                "kind": self.concept(subject, COOP.agencyKind, "agency-kind"),
                "sources": self.citations(subject),
                "part_of": part_of,
                "wikidata": next(
                    (i[len(WIKIDATA) :] for i in same if i.startswith(WIKIDATA)), None
                ),
                "ror": next((i[len(ROR) :] for i in same if i.startswith(ROR)), None),
                "note": g.text(subject, SKOS.note),
            }
        )

    def field(self, subject: str) -> dict[str, Any]:
        return _compact(
            {
                "id": self.local(subject, "field"),
                "label": self.graph.localized(subject, SKOS.prefLabel),
                "broader": self.ref(subject, SKOS.broader, "field"),
                "sources": self.citations(subject),
            }
        )

    def source(self, subject: str) -> dict[str, Any]:
        g = self.graph
        return _compact(
            {
                "id": self.local(subject, "source"),
                "kind": self.concept(subject, COOP.sourceKind, "source-kind"),
                "language": self.language(subject),
                "title": g.text(subject, DCTERMS.title),
                "publisher": self.agent_name(subject, DCTERMS.publisher),
                "author": self.agent_name(subject, DCTERMS.creator),
                "published": g.text(subject, DCTERMS.issued),
                "url": g.text(subject, SCHEMA.url),
                "file": g.text(subject, COOP.file),
            }
        )

    def fields_of(self, subject: str) -> list[str]:
        return sorted(
            self.local(o.value, "field") or "" for o in self.graph.objects(subject, DCTERMS.subject)
        )

    def event(self, subject: str) -> dict[str, Any]:
        g = self.graph
        attendance = None
        if nodes := g.parts(subject, COOP.attendance):
            attendance = {
                "count": int(g.text(nodes[0], COOP.count) or 0),
                "qualifier": g.text(nodes[0], COOP.qualifier),
            }
        return _compact(
            {
                "id": self.local(subject, "event"),
                "type": self.concept(subject, COOP.eventType, "event-type"),
                "status": self.concept(subject, COOP.status, "event-status"),
                "title": g.localized(subject, DCTERMS.title),
                "sources": self.citations(subject),
                "date": self.when(subject),
                "place": self.place(subject),
                "organisers": [self.party(n) for n in g.parts(subject, COOP.organiserRole)],
                "participants": [self.party(n) for n in g.parts(subject, COOP.participantRole)],
                "people": [self.person(n) for n in g.parts(subject, COOP.person)],
                "fields": self.fields_of(subject),
                "attendance": attendance,
                "part_of": self.ref(subject, DCTERMS.isPartOf, "event"),
                "notes": self.text_items(subject, COOP.noteItem),
            }
        )

    def agreement(self, subject: str) -> dict[str, Any]:
        g = self.graph
        funding = None
        if nodes := g.parts(subject, COOP.funding):
            node = nodes[0]
            amount = g.one(node, COOP.amount)
            number: int | float | None = None
            if amount is not None:
                number = (
                    int(amount.value)
                    if amount.datatype.value.endswith("#integer")
                    else float(amount.value)
                )
            funding = _compact(
                {
                    "amount": number,
                    "currency": g.text(node, COOP.currency),
                    "qualifier": g.text(node, COOP.qualifier),
                    "period": g.text(node, COOP.period),
                }
            )
        ended = g.parts(subject, COOP.ended)
        return _compact(
            {
                "id": self.local(subject, "agreement"),
                "type": self.concept(subject, COOP.agreementType, "agreement-type"),
                "title": g.localized(subject, DCTERMS.title),
                "parties": [self.party(n) for n in g.parts(subject, COOP.partyRole)],
                "status": self.concept(subject, COOP.status, "status"),
                "sources": self.citations(subject),
                "date": self.when(subject),
                "history": [
                    _compact(
                        {
                            "status": self.concept(n, COOP.status, "status"),
                            "date": self.when(n),
                            "sources": self.citations(n),
                            "event": self.ref(n, COOP.announcedAt, "event"),
                        }
                    )
                    for n in g.parts(subject, COOP.statusChange)
                ],
                "ended": self.when(ended[0]) if ended else None,
                "place": self.place(subject),
                "fields": self.fields_of(subject),
                "scope": self.text_items(subject, COOP.scopeItem),
                "funding": funding,
                "signatories": [self.person(n) for n in g.parts(subject, COOP.signatory)],
                "event": self.ref(subject, COOP.agreedAt, "event"),
                "note": g.text(subject, SKOS.note),
            }
        )


#: Lists the model requires: kept even when empty, so the error says what is missing.
_REQUIRED_LISTS = {"names", "parties", "sources"}


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is absent, so the model's defaults apply as they do for YAML."""
    return {
        k: v
        for k, v in record.items()
        if v is not None and (v not in ([], {}) or k in _REQUIRED_LISTS)
    }


def dataset_from_triples(triples: Iterable[Any], *, base: str = DEFAULT_BASE) -> Dataset:
    """Rebuild and validate a dataset from the triples of a coopgraph export."""
    return validate_dataset(plain_data(triples, base=base))


def plain_data(triples: Iterable[Any], *, base: str = DEFAULT_BASE) -> dict[str, list[Any]]:
    """The dataset as plain data (what YAML would give), before validation."""
    reader = _Reader(_Graph(triples), base)
    g = reader.graph
    data = {
        "agencies": [reader.agency(s) for s in g.subjects_of_type(COOP.Agency)],
        "fields": [
            reader.field(s)
            for s in g.subjects_of_type(SKOS.Concept)
            if s.startswith(f"{base}field/")
        ],
        "sources": [reader.source(s) for s in g.subjects_of_type(COOP.Source)],
        "events": [reader.event(s) for s in g.subjects_of_type(COOP.Event)],
        "agreements": [reader.agreement(s) for s in g.subjects_of_type(COOP.Agreement)],
    }
    return data
