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

A large graph can go in chunks (``chunk`` triples at a time, cut between records so that no
blank node is split): the first chunk PUT into a staging graph, the others POSTed into it
(the protocol's "merge"), and one SPARQL 1.1 Update ``MOVE`` at the end swaps the staging
graph in for the target (``update``: the store's update endpoint; Oxigraph ``/update``,
Virtuoso ``/sparql-auth``). Readers see the old graph until the swap and the new one
after it, never half of one; the request bodies stay small (one PUT of 100,000 agreements
is 435 MB held in memory); and a failure on the way leaves the target as it was (the
staging graph is dropped). The answer is the same graph as one PUT gives.
"""

from __future__ import annotations

import itertools
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopgraph.errors import UsageError
from coopgraph.serve.http import Login, RemoteError, request

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
    requests: int = 1  # to the graph store and the update endpoint

    def to_data(self) -> Any:
        return vars(self)

    def table(self) -> Any:
        from coopgraph.render import Table

        done = "Would replace (dry run)" if self.status == 0 else "Replaced"
        return Table(
            ["graph", "triples", "MB", "format", "requests", "HTTP"],
            [
                [
                    self.graph,
                    self.triples,
                    f"{self.bytes / 1e6:.2f}",
                    self.format,
                    self.requests,
                    self.status,
                ]
            ],
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
    chunk: int | None = None,
    update: str | None = None,
) -> PushReport:
    """Replace ``graph`` (default: ``base``) at the Graph Store ``url`` with the data's RDF.

    ``chunk``: at most that many triples a request (whole records), through a staging
    graph swapped in by a ``MOVE`` sent to the SPARQL Update endpoint ``update``.
    ``dry_run`` prepares everything but sends nothing (the report's status is 0).
    """
    from coopgraph.store import open_index

    if chunk is not None and chunk < 1:
        raise UsageError(f"--chunk must be at least 1 triple, not {chunk}")
    if chunk is not None and update is None and not dry_run:
        raise UsageError(
            "a push in chunks needs the store's SPARQL Update endpoint for the final swap: "
            "--update URL (Oxigraph: http://HOST:PORT/update; Virtuoso: http://HOST:PORT/sparql-auth)"
        )
    target = graph or base
    index = open_index(data, use_store=use_store)
    bodies = _bodies(index.dataset, base, fmt, chunk)
    sender = _Sender(url, target, fmt, login, timeout, update, dry_run)
    first = next(bodies)
    following = next(bodies, None)
    if following is None:  # it all fits in one request: replace the target directly
        sender.put(target, first)
    else:
        sender.in_chunks(itertools.chain([first, following], bodies))
    return PushReport(
        url, target, sender.triples, sender.bytes, fmt, sender.status, sender.requests
    )


def _bodies(dataset: Any, base: str, fmt: str, chunk: int | None) -> Iterator[bytes]:
    """The export serialised in ``fmt``: whole, or in bodies of at most ``chunk`` triples
    (a record larger than that goes alone), never splitting a record.

    Each body is serialised from a generator, as the whole export is: a list of half a
    million triples kept per chunk made the push twice as slow (the garbage collector
    walks every object held) for no gain.
    """
    from coopgraph.rdf.export import dataset_parts, dataset_triples, serialize

    if chunk is None:
        body = serialize(dataset_triples(dataset, base=base), fmt)
        assert body is not None
        yield body
        return
    parts = dataset_parts(dataset, base=base)
    pending = next(parts, None)

    def one_chunk() -> Iterator[Any]:
        nonlocal pending
        taken = 0
        while pending is not None and (taken == 0 or taken + len(pending) <= chunk):
            yield from pending
            taken += len(pending)
            pending = next(parts, None)

    while pending is not None:
        body = serialize(one_chunk(), fmt)
        assert body is not None
        yield body


class _Sender:
    """The requests of one push, and what they sent (a dry run only counts)."""

    def __init__(
        self,
        url: str,
        target: str,
        fmt: str,
        login: Login | None,
        timeout: float | None,
        update: str | None,
        dry_run: bool,
    ) -> None:
        self.url, self.target, self.fmt, self.login = url, target, fmt, login
        self.timeout, self.update, self.dry_run = timeout, update, dry_run
        self.triples = self.bytes = self.requests = self.status = 0

    def put(self, graph: str, body: bytes) -> None:
        self._send("PUT", graph, body)

    def in_chunks(self, bodies: Iterator[bytes]) -> None:
        """PUT the first body into a fresh staging graph, POST the rest, MOVE it in place."""
        staging = f"urn:coopgraph:push:{uuid.uuid4()}"
        started = False  # the store holds a staging graph once its first PUT was accepted
        try:
            for number, body in enumerate(bodies):
                self._send("PUT" if number == 0 else "POST", staging, body)
                started = True
            self._update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{self.target}>")
        except RemoteError as error:
            kept = f"graph <{self.target}> left as it was"
            if started:
                try:
                    self._update(f"DROP SILENT GRAPH <{staging}>")
                except RemoteError:
                    kept += f"; the staging graph <{staging}> could not be dropped"
            raise RemoteError(f"{error} ({kept})") from None

    def _send(self, method: str, graph: str, body: bytes) -> None:
        self.triples += _count(body) if self.fmt == "ntriples" else _count_parsed(body, self.fmt)
        self.bytes += len(body)
        self.requests += 1
        if self.dry_run:
            return
        answer = request(
            method,
            graph_url(self.url, graph),
            data=body,
            headers={"Content-Type": f"{CONTENT_TYPES[self.fmt]}; charset=utf-8"},
            timeout=self.timeout,
            login=self.login,
            what="the graph store",
            shown=self.url,
        )
        self.status = answer.status

    def _update(self, operation: str) -> None:
        """One SPARQL 1.1 Update operation, sent as the protocol's form POST."""
        self.requests += 1
        if self.dry_run or self.update is None:
            return
        answer = request(
            "POST",
            self.update,
            data=urllib.parse.urlencode({"update": operation}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            timeout=self.timeout,
            login=self.login,
            what="the update endpoint",
        )
        self.status = answer.status


def _count(ntriples: bytes) -> int:
    """Triples in N-Triples as Oxigraph writes it: one a line, no comments or blank lines."""
    return ntriples.count(b"\n")


def _count_parsed(body: bytes, fmt: str) -> int:
    import pyoxigraph as ox

    kinds = {"turtle": ox.RdfFormat.TURTLE}
    return sum(1 for _ in ox.parse(body, kinds[fmt]))
