"""Named SPARQL queries with bound parameters, run on Oxigraph or sent anywhere as text.

The query library is a folder of ``.rq`` files (``queries/`` in the repository, shipped
inside the package). Each starts with a comment header::

    # title: Partners of an agency
    # Co-parties of the agency's agreements, with the agreements that link them.
    # param: agency (agency) - the agency, by id or any name: NIST, 표준연
    # param: since (date, optional) - only agreements dated from then (YYYY[-MM[-DD]])
    # example: coopgraph sparql partners --param agency=NIST

and is plain, standalone SPARQL 1.1 after it: it declares its own ``PREFIX`` lines and
relies on no engine's defaults or extensions, so the file can be sent as it is to any
engine (the tests run every query in rdflib and Oxigraph and compare the answers).

Parameters are bound as RDF terms, never pasted into the query as text: an agency name is
resolved to its IRI, a country is a literal, a date a typed literal, each checked and
written in SPARQL syntax (:func:`sparql_term`) into a ``VALUES`` block that becomes the
first element of the query's top-level ``WHERE`` group (:func:`query_text`). Every SPARQL
1.1 engine understands that, unlike Oxigraph's substitutions (SEP-0007), and FILTERs in
the group see the values, unlike a ``VALUES`` clause after ``ORDER BY``, which is joined
after the filters ran. An optional parameter that is not given is left out (or ``UNDEF``):
the queries test ``BOUND`` before using one. The text :func:`query_text` returns is what
:func:`run` gives Oxigraph, and what a remote endpoint can be sent.

``SERVICE`` calls to other endpoints are refused unless explicitly allowed. Queries run on
Oxigraph: for aggregates over 10,000 agreements it was 50 times faster than rdflib's
in-memory SPARQL (rdflib is only used by the tests, to check that answers agree).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.errors import CoopgraphError, NotFoundError, UsageError
from coopgraph.filters import parse_partial
from coopgraph.index import Index
from coopgraph.rdf.export import Terms, dataset_triples
from coopgraph.rdf.namespace import DEFAULT_BASE, PREFIXES, XSD
from coopgraph.render import Table
from coopgraph.waiting import join_thread

__all__ = [
    "Bindings",
    "NamedQuery",
    "Parameter",
    "QueryList",
    "SparqlResult",
    "Term",
    "bind",
    "build_store",
    "library",
    "load_query",
    "query_dir",
    "query_text",
    "run",
    "sparql_iri",
    "sparql_term",
    "values_block",
    "with_values",
]

Term = ox.NamedNode | ox.Literal
"""What a parameter is bound to: an IRI or a literal (never a blank node, which would
name nothing outside one store)."""

Bindings = Mapping[ox.Variable, Term | None] | Mapping[str, Term | None]
"""Parameter values by variable (or its name without ``?``); ``None`` binds ``UNDEF``."""

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
    """A named query from the library, or any ``.rq`` file by path.

    What cannot be a file (a name too long for the file system) is looked up as a name; a
    file that is not UTF-8 is refused with the line and column of its first bad byte.
    """
    path = Path(name_or_path)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name longer than the system allows, a NUL
        is_file = False
    if path.suffix == ".rq" or is_file:
        if not is_file:
            raise UsageError(f"no query file {shorten(name_or_path)!r}")
        return parse_header(path.stem, _read_query(path), str(path))
    queries = library(directory)
    if name_or_path not in queries:
        import difflib

        close = difflib.get_close_matches(name_or_path[:200], list(queries), n=2, cutoff=0.5)
        raise NotFoundError("query", shorten(name_or_path), close)
    return queries[name_or_path]


def shorten(text: str, most: int = 80) -> str:
    """``text`` cut to ``most`` characters, saying how long it was: fit for a message."""
    return text if len(text) <= most else f"{text[:most]}... ({len(text):,} characters)"


def _read_query(path: Path) -> str:
    """A query file's text; not UTF-8 is a usage error located at the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise UsageError(
            f"{path}:{line}:{column}: not UTF-8: byte 0x{data[error.start]:02x}; "
            "save the query as UTF-8"
        ) from None


def bind(
    query: NamedQuery, values: Mapping[str, str], index: Index | None, base: str = DEFAULT_BASE
) -> dict[ox.Variable, Term]:
    """Check the given parameters against the header and turn them into RDF terms.

    Only the given parameters are bound; an optional one that is not given stays unbound,
    which the queries test with ``BOUND``. Each term is checked to be writable as SPARQL
    here, so a value that is not (an id with a space, given with ``--rdf``) is a usage
    error that names the parameter, not a failure deep inside the query.
    """
    declared = {p.name: p for p in query.parameters}
    for name in values:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(f"query {query.name!r} has no parameter {name!r} (it takes: {known})")
    missing = [p.name for p in query.parameters if not p.optional and p.name not in values]
    if missing:
        raise UsageError(f"query {query.name!r} needs --param {missing[0]}=...")
    terms = Terms(base)
    bound: dict[ox.Variable, Term] = {}
    for name, raw in values.items():
        try:
            term = _term(declared[name], raw, index, terms)
            sparql_term(term)
        except ValueError as error:
            raise UsageError(f"--param {name}: {raw!r} cannot be a value: {error}") from None
        bound[ox.Variable(name)] = term
    return bound


def _term(parameter: Parameter, raw: str, index: Index | None, terms: Terms) -> Term:
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
        # Typed as the data's dates are (xsd:date, xsd:gYearMonth or xsd:gYear), so the value
        # says its precision in any engine; the queries compare the text of dates.
        return terms.date(parse_partial(raw, f"--param {parameter.name}"))
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise UsageError(f"--param {parameter.name}: {raw!r} is not an integer")
        return ox.Literal(raw, datatype=ox.NamedNode(XSD.integer))
    return ox.Literal(raw)


# IRIREF of the SPARQL grammar: no control characters, space or <>"{}|^`\ inside <...>;
# absolute (a scheme first), so no engine resolves it against a base of its own.
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\\x7f]*')
_LANGUAGE = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING = ox.NamedNode(XSD.string)


def sparql_term(term: Term) -> str:
    """One RDF term written as SPARQL: ``<iri>``, ``"text"@lang`` or ``"text"^^<datatype>``.

    Raises ``ValueError`` for anything that could not stay one term in any engine's reading:
    a blank node, an IRI with a character IRIs cannot hold (or a relative one), a bad
    language tag. A literal's text is escaped (:func:`_literal_text`) so that it reads
    back as the same text in every engine.
    """
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if not isinstance(term, ox.Literal):
        raise ValueError(f"{term!r} is not an IRI or a literal")
    text = _literal_text(term.value)
    if term.language:
        if not _LANGUAGE.fullmatch(term.language):
            raise ValueError(f"{term.language!r} is not a language tag")
        return f'"{text}"@{term.language}'
    if term.datatype == _STRING:  # a simple literal: rdflib tells it apart from ^^xsd:string
        return f'"{text}"'
    return f'"{text}"^^{sparql_iri(term.datatype.value)}'


def _literal_text(value: str) -> str:
    r"""The inside of a ``"..."`` literal: the same text whether or not ``\u`` is expanded first.

    Quotes, backslashes, line breaks and tabs take the short escapes (``\"``, ``\\``, ``\n``).
    SPARQL 1.1 expands ``\u`` escapes anywhere in the query before parsing it (rdflib does;
    Oxigraph expands them only inside strings), so a ``u`` after a backslash of the value
    must not reach the text as ``\\u0022``: rdflib would expand that to ``\"``, a quote.
    Such a ``u`` and the control characters are written as eight-digit ``\U`` escapes,
    which both readings decode to the same character, and which rdflib cannot run on into
    the next hex digits (it reads ``\u0007abcd`` as one escape).
    """
    out: list[str] = []
    after_backslash = False
    for char in value:
        if char in _ECHAR:  # a line break expanded from \U would end the string in rdflib
            out.append(_ECHAR[char])
        elif (char in "uU" and after_backslash) or _control(char):
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(char)
        after_backslash = char == "\\"
    return "".join(out)


def _control(char: str) -> bool:
    """C0 and C1 control characters and DEL: legal in a literal, but unsafe to show or send."""
    return char < " " or "\x7f" <= char <= "\x9f"


def sparql_iri(value: str) -> str:
    """An absolute IRI written as SPARQL ``<...>``; ``ValueError`` if it cannot be one.

    pyoxigraph already refuses such IRIs when a term is made; this check keeps the query
    text safe whatever made the value (a remote endpoint's graph name, a future caller).
    """
    if not _IRI.fullmatch(value):
        raise ValueError(f"{value!r} is not an absolute IRI that SPARQL can write as <...>")
    return f"<{value}>"


def values_block(bindings: Bindings) -> str:
    """``VALUES (?a ?b) { (term term) }`` for the bindings (``None`` as ``UNDEF``).

    Empty bindings give an empty string: nothing to add to the query.
    """
    if not bindings:
        return ""
    names: list[str] = []
    cells: list[str] = []
    for variable, term in bindings.items():
        name = variable.value if isinstance(variable, ox.Variable) else variable
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"{name!r} is not a variable name")
        names.append(f"?{name}")
        cells.append("UNDEF" if term is None else sparql_term(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(cells)}) }}"


# The tokens that find the top-level WHERE group once strings, IRIs and comments are
# blanked out: the keywords (not a ?where variable or a where: prefix) and the braces.
_GROUP_TOKEN = re.compile(r"(?<![\w?$:.-])(WHERE|CONSTRUCT)(?![\w:-])|[{}]", re.IGNORECASE)


def with_values(text: str, bindings: Bindings) -> str:
    """The query text with the bindings' ``VALUES`` block first in its top-level WHERE group.

    There, the values join the rest of the group and every FILTER of the group sees them;
    a ``VALUES`` clause after the query (after ``ORDER BY``) is joined only after the
    filters ran, so a FILTER on a parameter would see it unbound. (A sub-SELECT is
    evaluated on its own and does not see them either.) The rest of the text is left as it
    is, comments included. Raises ``ValueError`` if the query has no such group
    (``DESCRIBE <iri>``) or is a ``CONSTRUCT WHERE`` whose group is its template too.
    """
    block = values_block(bindings)
    if not block:
        return text
    at = _where_group(text)
    return f"{text[:at]} {block}{text[at:]}"


def _where_group(text: str) -> int:
    """Where the top-level WHERE group's content starts (just after its ``{``)."""
    masked = _SKIP.sub(lambda m: " " * len(m[0]), text)
    depth = 0
    construct = where = template = False
    for token in _GROUP_TOKEN.finditer(masked):
        word = token[0].upper()
        if word == "{":
            if depth == 0:
                if construct and not template and not where:
                    template = True  # CONSTRUCT's template comes first: the group follows
                elif construct and not template:
                    raise ValueError(
                        "a CONSTRUCT WHERE query's group is its template too and cannot "
                        "take VALUES; write the template out"
                    )
                else:
                    return token.end()
            depth += 1
        elif word == "}":
            depth -= 1
        elif depth == 0:
            construct = construct or word == "CONSTRUCT"
            where = where or word == "WHERE"
    raise ValueError("the query has no WHERE group to bind parameters in")


def query_text(query: NamedQuery, bindings: Bindings | None = None) -> str:
    """The final text of a query with its parameters bound: what :func:`run` gives Oxigraph.

    Standalone SPARQL 1.1 for any engine or endpoint (Fuseki, Virtuoso, GraphDB): the file's
    own text with one ``VALUES`` block added (:func:`with_values`).
    """
    try:
        return with_values(query.text, bindings or {})
    except ValueError as error:
        raise UsageError(f"query {query.name!r}: {error}") from None


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


def file_store(path: Path, fmt: str | None = None) -> ox.Store:
    """Any RDF file in a store, parsed by Oxigraph in ``fmt`` (default: told by its name)."""
    from coopgraph.rdf.read import parse_file

    return build_store(parse_file(path, fmt))


_SKIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)


def uses_service(text: str) -> bool:
    """Whether the query may call another endpoint (``SERVICE``): see :func:`service_refusal`."""
    return service_refusal(text) is not None


def refuse_service(query: NamedQuery, allow_service: bool) -> None:
    """UsageError if ``query`` calls another endpoint and that is not allowed: the one gate
    for queries run here and for those sent to a remote endpoint."""
    if not allow_service and (reason := service_refusal(query.text)):
        raise UsageError(
            f"query {query.name!r} {reason}; that is refused unless --allow-service is given"
        )


def service_refusal(text: str) -> str | None:
    """Why the query cannot run without ``--allow-service``, or ``None`` if it calls no endpoint.

    Decided on the parsed query, not on its text: a pattern over the text can be blinded
    (a prefixed name ``x:a\\'`` with an escaped quote reads as the start of a string and
    hides what follows). Only a query that mentions ``service`` at all, in any case or
    through ``\\u`` escapes, is parsed, by rdflib's SPARQL grammar (170 ms to load, so
    the usual query does not pay for it). One rdflib cannot read is refused as well: a
    call cannot be ruled out.
    """
    if not _mentions_service(text):
        return None
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        tree = parseQuery(text)
    except Exception as error:  # pyparsing's ParseException, or anything rdflib trips on
        reason = shorten(" ".join(str(error).split()), 160)
        return f"mentions SERVICE and could not be read to rule out a call ({reason})"
    return "calls another endpoint (SERVICE)" if _has_service(tree) else None


def _mentions_service(text: str) -> bool:
    def expand(match: re.Match[str]) -> str:
        try:
            return chr(int(match[1] or match[2], 16))
        except ValueError:
            return match[0]

    unescaped = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", expand, text)
    return "service" in text.lower() or "service" in unescaped.lower()


def _has_service(tree: Any) -> bool:
    """Whether rdflib's parse tree holds a ``SERVICE`` pattern anywhere (sub-queries too)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
    return False


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


#: The name of the thread a query runs in: :func:`abandoned` looks for it.
QUERY_THREAD = "coopgraph-query"


class QueryTimeoutError(CoopgraphError):
    """A query ran longer than its time limit (exit code 1: the query was valid)."""


class QueryInterruptedError(CoopgraphError):
    """Ctrl-C stopped the wait for a query (exit code 130, as for any command Ctrl-C ends)."""

    exit_code = 130


def run(
    query: NamedQuery,
    store: ox.Store,
    bindings: Bindings | None = None,
    *,
    allow_service: bool = False,
    timeout: float | None = None,
) -> SparqlResult:
    """Run a SELECT or ASK query; CONSTRUCT and DESCRIBE are refused (they return graphs).

    Oxigraph gets exactly :func:`query_text`: no prefixes or substitutions on the side, so
    what answers here answers the same on any other engine given that text. The query runs
    in a worker thread, so that a time limit (``timeout`` seconds) and Ctrl-C can stop the
    wait: Oxigraph cannot be interrupted, and a cross join would otherwise run on for
    hours deaf to the keyboard. A worker left behind is abandoned (see :func:`abandoned`).
    """
    refuse_service(query, allow_service)
    text = query_text(query, bindings)
    try:
        answer = _evaluate(store, text, timeout)
    except SyntaxError as error:
        raise UsageError(_syntax_message(query, text, str(error))) from None
    except OSError as error:  # how Oxigraph reports a SERVICE endpoint that fails
        reason = " ".join(str(error).split())
        raise CoopgraphError(f"query {query.name!r}: a SERVICE call failed: {reason}") from None
    if isinstance(answer, bool):
        return SparqlResult(query.name, [], [], answer)
    if answer is None:
        raise UsageError(f"query {query.name!r} returns a graph; use SELECT or ASK")
    variables, rows = answer
    return SparqlResult(query.name, variables, rows)


def _evaluate(
    store: ox.Store, text: str, timeout: float | None
) -> bool | tuple[list[str], list[list[Any]]] | None:
    """The query's answer, computed in a worker thread: a boolean, (variables, rows), or
    ``None`` for a graph. The wait ends at ``timeout`` seconds or on Ctrl-C, whichever first.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            answer = store.query(text)
            if isinstance(answer, bool | _QUERY_BOOLEAN):  # pyoxigraph 0.5: QueryBoolean
                outcome["answer"] = bool(answer)
            elif isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                outcome["answer"] = (variables, [[s[v] for v in variables] for s in answer])
            else:
                outcome["answer"] = None
        except BaseException as error:  # handed to the waiting thread, raised there
            # without its frames: they hold Oxigraph's answer, which may only be dropped
            # in the thread that made it (pyoxigraph panics otherwise)
            outcome["error"] = error.with_traceback(None)

    worker = threading.Thread(target=work, name=QUERY_THREAD, daemon=True)
    worker.start()
    try:
        join_thread(worker, _seconds(timeout))  # Ctrl-C stops the wait, not the worker
    except KeyboardInterrupt:
        raise QueryInterruptedError("query stopped (Ctrl-C)") from None
    if worker.is_alive():
        raise QueryTimeoutError(f"query timed out after {timeout:g} s (--timeout sets the limit)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


_QUERY_BOOLEAN: type = getattr(ox, "QueryBoolean", bool)


def _seconds(timeout: float | None) -> float | None:
    """A wait the thread library takes: none for 0, infinity or more than it can count."""
    if not timeout or not math.isfinite(timeout) or timeout >= threading.TIMEOUT_MAX:
        return None
    return timeout


def abandoned() -> bool:
    """Whether a query thread is still running: stopped by a time limit or Ctrl-C.

    Such a thread cannot be stopped, and at interpreter shutdown it can crash the process
    or hold it; the command line ends the process at once instead (``os._exit``).
    """
    return any(t.name == QUERY_THREAD and t.is_alive() for t in threading.enumerate())


#: The prologue (PREFIX and BASE declarations) of a query whose strings, IRIs and
#: comments are blanked (:func:`_blank`); what follows it says what kind of request it is.
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s*[\w.-]*:|BASE)\s*<\s*>\s*)*", re.IGNORECASE)
_UPDATE = re.compile(
    _PROLOGUE.pattern + r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_CLOSING = {"(": ")", "{": "}", "[": "]"}
#: Expected tokens in the order a writer most likely missed them: closing brackets and
#: separators first, then what starts a pattern or a clause; character classes never.
_LIKELY = ["}", ")", "]", ".", ";", ",", "{", "(", "*", "?", "WHERE", "SELECT", "ASK", "PREFIX"]


def _syntax_message(query: NamedQuery, text: str, message: str) -> str:
    """Oxigraph's syntax error as ``file:line:col``, with at most three expected tokens.

    Oxigraph lists every token its parser could have taken, up to a kilobyte of character
    classes; the line and column are those of the query file, before the VALUES block
    that binds its parameters was added.
    """
    name = query.name
    undeclared = _undeclared_prefixes(query.text)
    if undeclared:  # the expected-token list would not say what is wrong
        return f"query {name!r} uses prefixes it does not declare; add: " + "; ".join(undeclared)
    masked = _SKIP.sub(_blank, query.text)
    if update := _UPDATE.match(masked):
        return (
            f"query {name!r} is a SPARQL UPDATE ({update[1].upper()}); coopgraph's SPARQL is "
            "read-only: ask with SELECT or ASK"
        )
    found = re.match(r"error at (\d+):(\d+): (?:expected (?:one of )?)?(.*)", message, re.DOTALL)
    if not found:
        return f"query {name!r} is not valid SPARQL: {shorten(' '.join(message.split()), 200)}"
    line, column = _in_the_file(query.text, text, int(found[1]), int(found[2]))
    expected = _likeliest(found[3], _bracket_to_close(query.text))
    form = _PROLOGUE.match(masked)
    if form and not re.match(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked[form.end() :], re.I):
        before = query.text[: form.end()]  # the query does not start as a query does
        line, column = before.count("\n") + 1, form.end() - before.rfind("\n")
        expected = "'SELECT', 'ASK' or 'CONSTRUCT'"
    where = f"{query.path or name}:{line}:{column}"
    return f"{where}: query {name!r} is not valid SPARQL" + (
        f": expected {expected}" if expected else ""
    )


def _blank(match: re.Match[str]) -> str:
    """A string, IRI or comment as spaces of the same length (an IRI keeps its ``<>``)."""
    text = match[0]
    return f"<{' ' * (len(text) - 2)}>" if text.startswith("<") else " " * len(text)


def _in_the_file(original: str, sent: str, line: int, column: int) -> tuple[int, int]:
    """Line and column in ``original`` of a position in ``sent`` (``original`` + VALUES)."""
    lines = sent.split("\n")
    offset = sum(len(part) + 1 for part in lines[: line - 1]) + column - 1
    added = len(sent) - len(original)
    if added:
        at = next(
            (i for i, (a, b) in enumerate(zip(sent, original, strict=False)) if a != b),
            len(original),
        )
        offset = offset - added if offset >= at + added else min(offset, at)
    before = original[: max(0, min(offset, len(original)))]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _bracket_to_close(text: str) -> str | None:
    """The bracket the query leaves open where it closes another, or at its end."""
    stack: list[str] = []
    for char in _SKIP.sub(_blank, text):
        if char in _CLOSING:
            stack.append(char)
        elif char in ")}]":
            if stack and _CLOSING[stack[-1]] == char:
                stack.pop()
            else:
                return _CLOSING[stack[-1]] if stack else None
    return _CLOSING[stack[-1]] if stack else None


_EXPECTED = re.compile(r'"((?:\\.|[^"\\])*)"|\[(?:\'(?:\\.|[^\'\\])*\'|[^\]\'])*\]|([A-Za-z_]\w*)')


def _likeliest(expected: str, to_close: str | None) -> str:
    """At most three of Oxigraph's expected tokens, likeliest first: ``'}', '.' or ';'``."""
    tokens: list[str] = []
    for match in _EXPECTED.finditer(expected):
        if match[1] is not None:
            tokens.append(re.sub(r"\\(.)", r"\1", match[1]))
        elif match[2] is not None:
            tokens.append(match[2])
    if to_close:
        tokens.insert(0, to_close)
    rank = {token: i for i, token in enumerate(_LIKELY)}
    ordered = sorted(dict.fromkeys(tokens), key=lambda t: (t != to_close, rank.get(t, 99)))
    shown = [f"'{t}'" for t in ordered[:3]]
    if len(shown) < 2:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def _undeclared_prefixes(text: str) -> list[str]:
    """The PREFIX lines a query lacks for the well-known prefixes it uses.

    Queries are sent as they are, with no prefixes supplied on the side (that would work
    here and fail elsewhere), so a file written for a tool that adds them needs its own.
    """
    masked = _SKIP.sub(" ", text)
    declared = {m[1] for m in re.finditer(r"PREFIX\s+([\w.-]*):", masked, re.IGNORECASE)}
    used = {m[1] for m in re.finditer(r"(?<![\w?$:])([A-Za-z][\w.-]*):", masked)}
    return [
        f"PREFIX {name}: <{PREFIXES[name]}>" for name in sorted(used - declared) if name in PREFIXES
    ]
