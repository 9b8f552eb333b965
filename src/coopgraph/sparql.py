"""Named SPARQL queries with bound parameters, run on Oxigraph.

The query library is a folder of ``.rq`` files (``queries/`` in the repository, shipped
inside the package). Each starts with a comment header::

    # title: Partners of an agency
    # Co-parties of the agency's agreements, with the agreements that link them.
    # param: agency (agency) - the agency, by id or any name: NIST, 표준연
    # param: since (date, optional) - only agreements dated from then (YYYY[-MM[-DD]])
    # example: coopgraph sparql partners --param agency=NIST

Parameters are bound as RDF terms through Oxigraph's substitutions (SEP-0007), never pasted
into the query text: an agency name is resolved to its IRI, a country is a literal, so a
value cannot change what the query does. Oxigraph substitutes only variables the query
selects, so each query selects its parameters; answers leave those columns out.
``SERVICE`` calls to other endpoints are refused unless explicitly allowed. Queries run on
Oxigraph: for aggregates over 10,000 agreements it was 50 times faster than rdflib's
in-memory SPARQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.errors import NotFoundError, UsageError
from coopgraph.filters import parse_partial
from coopgraph.index import Index
from coopgraph.rdf.export import Terms, dataset_triples
from coopgraph.rdf.namespace import DEFAULT_BASE, PREFIXES
from coopgraph.render import Table

__all__ = [
    "NamedQuery",
    "Parameter",
    "QueryList",
    "SparqlResult",
    "bind",
    "build_store",
    "library",
    "load_query",
    "query_dir",
    "run",
]

PARAMETER_KINDS = ("agency", "field", "agreement", "country", "date", "text", "integer")
_PARAM = re.compile(
    r"#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<kind>[a-z]+)(?P<optional>,\s*optional)?\)"
    r"\s*(?:[-–—]\s*(?P<description>.*))?$"
)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: list[Parameter]
    example: str | None
    text: str = field(repr=False)
    path: str | None = None


def query_dir() -> Path:
    """The query library: shipped in the package, or ``queries/`` of a source checkout."""
    packaged = Path(__file__).parent / "queries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "queries"


def parse_header(name: str, text: str, path: str | None = None) -> NamedQuery:
    """Read the comment header of a query file: title, description, parameters, example."""
    title, example = name, None
    description: list[str] = []
    parameters: list[Parameter] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if match := _PARAM.match(stripped):
            kind = match["kind"]
            if kind not in PARAMETER_KINDS:
                raise UsageError(
                    f"{path or name}: parameter {match['name']!r} has unknown kind {kind!r}"
                )
            parameters.append(
                Parameter(
                    match["name"],
                    kind,
                    bool(match["optional"]),
                    (match["description"] or "").strip(),
                )
            )
            continue
        body = stripped.lstrip("#").strip()
        if body.lower().startswith("title:"):
            title = body[6:].strip()
        elif body.lower().startswith("example:"):
            example = body[8:].strip()
        elif body:
            description.append(body)
    return NamedQuery(name, title, " ".join(description), parameters, example, text, path)


def library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries, by name (the file name without ``.rq``)."""
    folder = directory or query_dir()
    return {
        path.stem: parse_header(path.stem, path.read_text(encoding="utf-8"), str(path))
        for path in sorted(folder.glob("*.rq"))
    }


def load_query(name_or_path: str, directory: Path | None = None) -> NamedQuery:
    """A named query from the library, or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise UsageError(f"no query file {name_or_path!r}")
        return parse_header(path.stem, path.read_text(encoding="utf-8"), str(path))
    queries = library(directory)
    if name_or_path not in queries:
        import difflib

        close = difflib.get_close_matches(name_or_path, list(queries), n=2, cutoff=0.5)
        raise NotFoundError("query", name_or_path, close)
    return queries[name_or_path]


def bind(
    query: NamedQuery, values: Mapping[str, str], index: Index | None, base: str = DEFAULT_BASE
) -> dict[ox.Variable, Any]:
    """Check the given parameters against the header and turn them into RDF terms."""
    declared = {p.name: p for p in query.parameters}
    for name in values:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(f"query {query.name!r} has no parameter {name!r} (it takes: {known})")
    missing = [p.name for p in query.parameters if not p.optional and p.name not in values]
    if missing:
        raise UsageError(f"query {query.name!r} needs --param {missing[0]}=...")
    terms = Terms(base)
    bound: dict[ox.Variable, Any] = {}
    for name, raw in values.items():
        bound[ox.Variable(name)] = _term(declared[name], raw, index, terms)
    return bound


def _term(parameter: Parameter, raw: str, index: Index | None, terms: Terms) -> Any:
    kind = parameter.kind
    if kind in {"agency", "field", "agreement"}:
        if index is None:  # querying an RDF file: take the id as given
            return terms.record(kind, raw)
        if kind == "agency":
            from coopgraph.resolve import Resolver

            return terms.record("agency", Resolver(index).agency(raw).id)
        if kind == "field":
            from coopgraph.filters import field_id

            return terms.record("field", field_id(index, raw))
        if raw not in index.agreements:
            raise NotFoundError("agreement", raw)
        return terms.record("agreement", raw)
    if kind == "country":
        if not re.fullmatch(r"[A-Za-z]{2}", raw):
            raise UsageError(f"--param {parameter.name}: {raw!r} is not a two-letter country code")
        return ox.Literal(raw.upper())
    if kind == "date":
        return ox.Literal(str(parse_partial(raw, f"--param {parameter.name}")))
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise UsageError(f"--param {parameter.name}: {raw!r} is not an integer")
        return ox.Literal(raw, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(raw)


def build_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """An in-memory Oxigraph store holding the triples (bulk-loaded)."""
    store = ox.Store()
    graph = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return store


def dataset_store(index: Index, base: str = DEFAULT_BASE) -> ox.Store:
    """The dataset in a store: written as N-Triples by Oxigraph and bulk-loaded by it.

    Inserting the Python term objects directly is 1.7 times slower (3.6 s against 2.1 s
    for 10,000 agreements): the round trip through bytes stays in Rust.
    """
    from coopgraph.rdf.export import serialize

    store = ox.Store()
    data = serialize(dataset_triples(index.dataset, base=base), "ntriples")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def file_store(path: Path) -> ox.Store:
    """Any RDF file in a store (its format told by its name), parsed by Oxigraph."""
    from coopgraph.rdf.read import parse_file

    return build_store(parse_file(path))


_SKIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)


def uses_service(text: str) -> bool:
    """Whether the query calls another endpoint (``SERVICE``), outside strings and IRIs."""
    return re.search(r"\bSERVICE\b", _SKIP.sub(" ", text), re.IGNORECASE) is not None


@dataclass(frozen=True)
class QueryList:
    """The query library as a listing for ``coopgraph queries``."""

    queries: list[NamedQuery]

    def to_data(self) -> Any:
        return [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "parameters": [vars(p) for p in q.parameters],
                "example": q.example,
            }
            for q in self.queries
        ]

    def table(self) -> Table:
        rows = [
            [
                q.name,
                q.title,
                ", ".join(
                    f"{p.name} ({p.kind}{', optional' if p.optional else ''})" for p in q.parameters
                ),
                q.example,
            ]
            for q in self.queries
        ]
        return Table(
            ["query", "answers", "parameters", "example"],
            rows,
            title=f"Named queries: {len(rows)}",
            wide=("answers",),
        )


@dataclass(frozen=True)
class SparqlResult:
    """The variables and rows of a SELECT (or the answer of an ASK)."""

    query: str
    variables: list[str]
    rows: list[list[Any]]  # pyoxigraph terms or None
    boolean: bool | None = None

    def to_data(self) -> Any:
        if self.boolean is not None:
            return {"query": self.query, "boolean": self.boolean}
        return [
            {v: _plain(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def table(self) -> Table:
        if self.boolean is not None:
            return Table(["answer"], [[str(self.boolean).lower()]], title=self.query)
        rows = [[_display(t) for t in row] for row in self.rows]
        return Table(self.variables, rows, title=f"{self.query}: {len(rows)} row(s)")

    def to_sparql_json(self) -> dict[str, Any]:
        """The W3C SPARQL 1.1 Query Results JSON Format."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [
            {v: _json_term(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}


def _plain(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.endswith("#integer"):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double")):
            return float(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
    return term.value


def _display(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        match = re.match(r"https?://.*/(agency|agreement|event|field|source)/([^/]+)$", term.value)
        return match[2] if match else term.value
    return term.value


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        found["datatype"] = term.datatype.value
    return found


def run(
    query: NamedQuery,
    store: ox.Store,
    substitutions: Mapping[ox.Variable, Any] | None = None,
    *,
    allow_service: bool = False,
) -> SparqlResult:
    """Run a SELECT or ASK query; CONSTRUCT and DESCRIBE are refused (they return graphs)."""
    if uses_service(query.text) and not allow_service:
        raise UsageError(
            f"query {query.name!r} calls another endpoint (SERVICE); "
            "that is refused unless --allow-service is given"
        )
    try:
        answer = store.query(
            query.text,
            prefixes=PREFIXES,
            substitutions=dict(substitutions or {}),
        )
    except SyntaxError as error:
        raise UsageError(f"query {query.name!r} is not valid SPARQL: {error}") from None
    if isinstance(answer, bool):
        return SparqlResult(query.name, [], [], answer)
    if not isinstance(answer, ox.QuerySolutions):
        raise UsageError(f"query {query.name!r} returns a graph; use SELECT or ASK")
    # Oxigraph substitutes only projected variables, so queries select their parameters;
    # the answer leaves those columns out: they hold what the user passed in.
    parameters = {p.name for p in query.parameters}
    variables = [v.value for v in answer.variables if v.value not in parameters]
    rows = [[solution[v] for v in variables] for solution in answer]
    return SparqlResult(query.name, variables, rows)
