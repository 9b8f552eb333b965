"""SHACL validation of coopgraph's RDF (or any RDF) with the shapes shipped beside this module.

The shapes state the model's rules for RDF: two or more parties, every party an
organisation, a source for every agreement, event and agency, dates typed by precision.
``coopgraph validate --shacl`` runs pySHACL with them on the export of the data, or on any
RDF file, and reports each violation as a row: focus node, path, value, message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopgraph.render import Table, to_data

if TYPE_CHECKING:
    import rdflib

__all__ = ["SHAPES", "ShaclReport", "Violation", "validate_graph"]

SHAPES = Path(__file__).with_name("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    violations: list[Violation]

    @property
    def valid(self) -> bool:
        return self.conforms

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        if self.conforms:
            return Table(["result"], [["conforms to the coopgraph shapes"]])
        rows = [[v.severity, v.focus, v.path, v.value, v.message] for v in self.violations]
        return Table(
            ["severity", "focus", "path", "value", "message"],
            rows,
            title=f"{len(rows)} SHACL violation(s)",
            wide=("message",),
        )


def validate_graph(data: rdflib.Graph, shapes: Path | None = None) -> ShaclReport:
    """Check ``data`` against the shapes (coopgraph's own unless others are given)."""
    import rdflib
    from pyshacl import validate
    from rdflib.namespace import SH

    shape_graph = rdflib.Graph().parse(shapes or SHAPES, format="turtle")
    conforms, results, _text = validate(
        data, shacl_graph=shape_graph, inference="none", allow_warnings=True, advanced=True
    )
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        violations.append(
            Violation(
                focus=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                value=_short(results.value(result, SH.value)),
                message=str(message) if message is not None else "violates a shape",
                severity=_short(results.value(result, SH.resultSeverity)) or "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ShaclReport(bool(conforms), violations)


def _short(term: Any) -> str | None:
    if term is None:
        return None
    text = str(term)
    for prefix, short in (
        ("https://w3id.org/coopgraph/ns#", "coop:"),
        ("http://www.w3.org/ns/shacl#", ""),
        ("http://purl.org/dc/terms/", "dct:"),
    ):
        if text.startswith(prefix):
            return short + text[len(prefix) :]
    return text
