"""SHACL validation of coopgraph's RDF (or any RDF) with the shapes shipped beside this module.

The shapes state the model's rules for RDF: two or more parties, every party an
organisation, a source for every agreement, event and agency, vocabulary links into the
right concept scheme, dates typed by precision and in order. ``coopgraph validate --shacl``
runs pySHACL with them on the export of the data, or on any RDF file, and reports each
validation result as a row: focus node, the record it belongs to, path, value, message.

Results are counted as SHACL engines count them (pySHACL, Jena, rdf-validate-shacl): one row
per ``sh:result`` of the report, none merged, none dropped. ``sh:equals`` gives two results
for one wrong value (the value missing on each side), and both are shown: a count that
differs from another engine's would make the two reports impossible to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopgraph.render import Table, to_data

if TYPE_CHECKING:
    import rdflib

__all__ = ["SHAPES", "ShaclReport", "Violation", "path_text", "term_text", "validate_graph"]

SHAPES = Path(__file__).with_name("shapes.ttl")

#: Prefixes for the terms people read in a report (focus nodes keep their full IRI).
_PREFIXES = (
    ("https://w3id.org/coopgraph/ns#", "coop:"),
    ("https://w3id.org/coopgraph/shapes#", "coopsh:"),
    ("http://www.w3.org/ns/shacl#", "sh:"),
    ("http://purl.org/dc/terms/", "dct:"),
    ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://www.w3.org/ns/org#", "org:"),
    ("https://schema.org/", "schema:"),
    ("http://xmlns.com/foaf/0.1/", "foaf:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
    ("http://www.w3.org/2001/XMLSchema#", "xsd:"),
)


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, as text.

    ``focus`` is an IRI or ``_:label``; ``record`` is the record a blank focus node (a party
    role, a citation, a status change) belongs to, so that a reader can find it; ``shape``
    and ``component`` name the rule broken (``coopsh:AgreementParties``,
    ``sh:MinCountConstraintComponent``).
    """

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str | None = None
    component: str | None = None
    record: str | None = None


@dataclass(frozen=True)
class ShaclReport:
    """The engine's verdict and every one of its results (none merged)."""

    conforms: bool
    violations: list[Violation]

    @property
    def valid(self) -> bool:
        return self.conforms

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        if not self.violations:
            return Table(["result"], [["conforms to the coopgraph shapes"]])
        rows = [
            [v.severity, v.focus, v.record, v.path, v.value, v.message, v.shape]
            for v in self.violations
        ]
        verdict = "conforms" if self.conforms else "does not conform"
        return Table(
            ["severity", "focus", "record", "path", "value", "message", "shape"],
            rows,
            title=f"{len(rows)} SHACL result(s); the data {verdict}",
            wide=("message",),
        )


def validate_graph(data: rdflib.Graph, shapes: Path | None = None) -> ShaclReport:
    """Check ``data`` against the shapes (coopgraph's own unless others are given).

    Only the report's own results (``sh:result``) are read: nested results an engine may
    attach as ``sh:detail`` explain a result, they are not more of them.
    """
    import rdflib
    from pyshacl import validate
    from rdflib.namespace import SH

    shape_graph = rdflib.Graph().parse(shapes or SHAPES, format="turtle")
    conforms, results, _text = validate(
        data, shacl_graph=shape_graph, inference="none", allow_warnings=True, advanced=True
    )
    violations = []
    for report in results.subjects(rdflib.RDF.type, SH.ValidationReport):
        for result in results.objects(report, SH.result):
            message = results.value(result, SH.resultMessage)
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            violations.append(
                Violation(
                    focus=term_text(focus, compact=False) or "",
                    path=path_text(results, path) if path is not None else None,
                    value=term_text(results.value(result, SH.value)),
                    message=str(message) if message is not None else "violates a shape",
                    severity=_severity(results.value(result, SH.resultSeverity)),
                    shape=term_text(results.value(result, SH.sourceShape)),
                    component=term_text(results.value(result, SH.sourceConstraintComponent)),
                    record=_record(data, focus),
                )
            )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ShaclReport(bool(conforms), violations)


def term_text(term: Any, *, compact: bool = True) -> str | None:
    """A term as people read it: ``coop:partyRole``, ``_:p12``, a literal's text."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    text = str(term)
    if compact and isinstance(term, rdflib.URIRef):
        for namespace, prefix in _PREFIXES:
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
    return text


def path_text(graph: rdflib.Graph, path: Any) -> str:
    """A SHACL property path in SPARQL's syntax: ``coop:membership/coop:parent``, ``^dct:source``.

    A path other than a predicate is a structure of blank nodes, whose labels differ from
    one parse to the next; its SPARQL text is the same wherever it was read.
    """
    return _path(graph, path, top=True)


def _path(graph: rdflib.Graph, path: Any, *, top: bool = False) -> str:
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    if isinstance(path, rdflib.URIRef):
        return term_text(path) or ""
    steps, separator = None, ""
    if graph.value(path, rdflib.RDF.first) is not None:
        steps, separator = list(Collection(graph, path)), "/"
    elif (alternatives := graph.value(path, SH.alternativePath)) is not None:
        steps, separator = list(Collection(graph, alternatives)), "|"
    if steps is not None:
        text = separator.join(_path(graph, step) for step in steps)
        return text if top else f"({text})"
    for predicate, operator in (
        (SH.inversePath, "^"),
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            text = _path(graph, inner)
            return operator + text if operator == "^" else text + operator
    return term_text(path) or ""


def _severity(term: Any) -> str:
    text = term_text(term)
    return text.removeprefix("sh:") if text else "Violation"


def _record(data: rdflib.Graph, focus: Any) -> str | None:
    """The IRI of the record a blank focus node (a part of a record) belongs to."""
    import rdflib

    node, seen = focus, set()
    while isinstance(node, rdflib.BNode) and node not in seen:
        seen.add(node)
        node = min(data.subjects(None, node), default=None)
    return str(node) if isinstance(node, rdflib.URIRef) and node is not focus else None
