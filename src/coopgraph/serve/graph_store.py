"""``coopgraph push``: replace one named graph of a triplestore with the export.

One HTTP ``PUT`` of the SPARQL 1.1 Graph Store HTTP Protocol to ``URL?graph=IRI``: the
protocol defines PUT as "replace the graph with this content", so pushing twice leaves
exactly one copy (never twice the triples, as a POST would), and other graphs of the store
are untouched. Every Graph Store speaks it: Oxigraph (``/store``), Virtuoso
(``/sparql-graph-crud-auth``), Fuseki (``/DATASET/data``), GraphDB
(``/repositories/REPO/rdf-graphs/service``).

The body is ``coopgraph export``'s RDF in N-Triples (the default: every engine reads it
line by line, without prefixes to resolve) or Turtle (smaller: prefixes shorten every IRI).
Blank nodes (names, parties, citations) get fresh identities in the store at each push,
which is why the graph is replaced whole rather than patched.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopgraph.serve.http import Login, request

__all__ = ["CONTENT_TYPES", "PushReport", "graph_url", "push"]

CONTENT_TYPES = {
    "ntriples": "application/n-triples",
    "turtle": "text/turtle",
}


@dataclass(frozen=True)
class PushReport:
    """What was pushed where: ``coopgraph push`` prints it, ``--format json`` gives it."""

    url: str
    graph: str
    triples: int
    bytes: int
    format: str
    status: int  # 0: not sent (a dry run)

    def to_data(self) -> Any:
        return vars(self)

    def table(self) -> Any:
        from coopgraph.render import Table

        done = "Would replace (dry run)" if self.status == 0 else "Replaced"
        return Table(
            ["graph", "triples", "MB", "format", "HTTP"],
            [[self.graph, self.triples, f"{self.bytes / 1e6:.2f}", self.format, self.status]],
            title=f"{done} graph <{self.graph}> at {self.url}",
        )


def graph_url(url: str, graph: str) -> str:
    """``url`` naming ``graph`` indirectly (``?graph=IRI``), after any query it has."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if k not in {"graph", "default"}] + [("graph", graph)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def push(
    url: str,
    data: Path | None,
    base: str,
    *,
    graph: str | None = None,
    fmt: str = "ntriples",
    login: Login | None = None,
    timeout: float | None = 300,
    use_store: bool = True,
    dry_run: bool = False,
) -> PushReport:
    """Replace ``graph`` (default: ``base``) at the Graph Store ``url`` with the data's RDF.

    ``dry_run`` prepares everything but sends nothing (the report's status is 0).
    """
    from coopgraph.rdf.export import dataset_triples, serialize
    from coopgraph.store import open_index

    target = graph or base
    index = open_index(data, use_store=use_store)
    body = serialize(dataset_triples(index.dataset, base=base), fmt)
    assert body is not None
    triples = _count(body) if fmt == "ntriples" else _count_parsed(body, fmt)
    if dry_run:
        return PushReport(url, target, triples, len(body), fmt, 0)
    answer = request(
        "PUT",
        graph_url(url, target),
        data=body,
        headers={"Content-Type": f"{CONTENT_TYPES[fmt]}; charset=utf-8"},
        timeout=timeout,
        login=login,
        what="the graph store",
        shown=url,
    )
    return PushReport(url, target, triples, len(body), fmt, answer.status)


def _count(ntriples: bytes) -> int:
    """Triples in N-Triples as Oxigraph writes it: one a line, no comments or blank lines."""
    return ntriples.count(b"\n")


def _count_parsed(body: bytes, fmt: str) -> int:
    import pyoxigraph as ox

    kinds = {"turtle": ox.RdfFormat.TURTLE}
    return sum(1 for _ in ox.parse(body, kinds[fmt]))
