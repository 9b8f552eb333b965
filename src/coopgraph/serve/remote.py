"""Named queries against any SPARQL 1.1 endpoint (SPARQL 1.1 Protocol, JSON results).

The text sent is exactly :func:`coopgraph.sparql.query_text`: the library's portable
SPARQL with its parameters in a ``VALUES`` block of checked RDF terms (names resolved to
IRIs here, before the query leaves), so what answers locally answers the same on
Oxigraph, Virtuoso, Fuseki or GraphDB. It goes as a form POST (``query=...``), which every
endpoint takes and which has no URL length limit, asking for
``application/sparql-results+json``; the answer becomes the same :class:`SparqlResult` a
local query gives, so every ``--format`` renders it alike.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pyoxigraph as ox

from coopgraph.serve.http import Login, RemoteError, request
from coopgraph.sparql import Bindings, NamedQuery, SparqlResult, query_text, refuse_service

__all__ = ["parse_results", "remote_query"]

RESULTS_JSON = "application/sparql-results+json"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def remote_query(
    endpoint: str,
    query: NamedQuery,
    bindings: Bindings | None = None,
    *,
    default_graph: str | None = None,
    timeout: float | None = 30,
    login: Login | None = None,
    allow_service: bool = False,
) -> SparqlResult:
    """Run ``query`` at ``endpoint``; ``default_graph`` names the graph it asks (the
    protocol's ``default-graph-uri``), for a store holding the data in a named graph.

    The text sent is :func:`coopgraph.sparql.query_text` (parameters in a ``VALUES`` block
    of RDF terms, names already resolved to IRIs), refused as locally if it calls another
    endpoint; failures are one-line :class:`RemoteError` naming the endpoint.
    """
    refuse_service(query, allow_service)
    fields = [("query", query_text(query, bindings))]
    if default_graph:
        fields.append(("default-graph-uri", default_graph))
    answer = request(
        "POST",
        endpoint,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={
            "Accept": f"{RESULTS_JSON}, application/json;q=0.9",
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        },
        timeout=timeout,
        login=login,
    )
    try:
        variables, rows, boolean = parse_results(answer.body)
    except ValueError as error:
        kind = answer.content_type.split(";")[0].strip() or "no content type"
        raise RemoteError(
            f"the endpoint {endpoint} did not answer with SPARQL results ({kind}: {error})"
        ) from None
    return SparqlResult(query.name, variables, rows, boolean)


def parse_results(
    body: bytes,
) -> tuple[list[str], list[list[Any]], bool | None]:
    """SPARQL 1.1 Query Results JSON as (variables, rows of pyoxigraph terms, boolean).

    Raises ``ValueError`` for anything else (an HTML page, a JSON that is not results).
    Virtuoso's older ``typed-literal`` type is read as a literal; blank nodes get labels
    of their own (an endpoint's labels, such as ``nodeID://b10``, need not be valid ones).
    """
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not JSON") from None
    if not isinstance(document, dict) or "head" not in document:
        raise ValueError("JSON without a 'head'")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise ValueError("'boolean' is not true or false")
        return [], [], document["boolean"]
    try:
        variables = [str(v) for v in document["head"].get("vars", [])]
        bindings = document["results"]["bindings"]
    except (KeyError, TypeError, AttributeError):
        raise ValueError("JSON without results") from None
    blanks: dict[str, ox.BlankNode] = {}
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError("a result that is not an object")
        rows.append([_term(binding.get(v), blanks) for v in variables])
    return variables, rows, None


def _term(cell: Any, blanks: dict[str, ox.BlankNode]) -> Any:
    if cell is None:
        return None
    try:
        kind, value = cell["type"], cell["value"]
        if kind == "uri":
            return ox.NamedNode(value)
        if kind == "bnode":
            return blanks.setdefault(value, ox.BlankNode())
        if kind in {"literal", "typed-literal"}:
            if cell.get("xml:lang"):
                return ox.Literal(value, language=cell["xml:lang"])
            datatype = cell.get("datatype")
            if datatype and datatype != _XSD_STRING:
                return ox.Literal(value, datatype=ox.NamedNode(datatype))
            return ox.Literal(value)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"a term that cannot be read ({error})") from None
    raise ValueError(f"a term of unknown type {kind!r}")
