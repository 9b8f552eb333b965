"""SPARQL: ``queries`` lists the named queries, ``sparql`` runs one (or a ``.rq`` file)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coopgraph.cli.base import (
    Options,
    QueryTimeout,
    User,
    check_address,
    command,
    flag_option,
    format_option,
)
from coopgraph.cli.formats import ReadFormat

if TYPE_CHECKING:
    from coopgraph.sparql import NamedQuery, SparqlResult

AllowService = flag_option("--allow-service", "Allow SERVICE calls to other endpoints.")
SparqlFormat = format_option(
    "table, json, csv or sparql-json (W3C results).", "table", "json", "csv", "sparql-json"
)


@command("fmt")
def queries(*, opts: Options) -> None:
    """List the named SPARQL queries, with what they answer and their parameters.

    \b
    Example: coopgraph queries
    """
    from coopgraph.sparql import QueryList, library

    opts.emit(QueryList(list(library().values())))


@command("base", "data", "no_cache")
def sparql(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY", help="A named query (see: coopgraph queries) or a .rq file."
        ),
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", metavar="KEY=VALUE", help="A parameter; repeatable."),
    ] = None,
    rdf: Annotated[
        Path | None,
        typer.Option("--rdf", metavar="FILE", help="Query this RDF file instead of the data."),
    ] = None,
    rdf_format: ReadFormat = None,
    allow_service: AllowService = False,
    fmt: SparqlFormat = "table",
    timeout: QueryTimeout = 30,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            metavar="URL",
            help="Ask this SPARQL 1.1 endpoint instead (names are resolved here first).",
        ),
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            metavar="IRI",
            help="With --endpoint: the named graph holding the data (default-graph-uri).",
        ),
    ] = None,
    user: User = None,
    *,
    opts: Options,
) -> None:
    """Run a SPARQL query on the knowledge graph, with parameters bound as RDF terms.

    \b
    Example: coopgraph sparql partners --param agency=NIST
    """
    import json

    from coopgraph.sparql import bind, file_store, load_query, run

    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        if key.strip() in values:
            raise typer.BadParameter(
                f"{key.strip()!r} is given twice; a parameter takes one value",
                param_hint="--param",
            )
        values[key.strip()] = value
    named = load_query(query)
    base = opts.base_iri()
    if rdf_format is not None and rdf is None:
        raise typer.BadParameter("only goes with --rdf FILE", param_hint="--rdf-format")
    for given, hint in ((graph, "--graph"), (user, "--user")):
        if given is not None and endpoint is None:
            raise typer.BadParameter("only goes with --endpoint URL", param_hint=hint)
    if endpoint is not None:
        where = (endpoint, graph, user)
        result = _remote(named, values, where, base, allow_service, timeout, opts, rdf)
    elif rdf is not None:
        from coopgraph.cli.formats import rdf_format as rdf_format_of

        store = file_store(rdf, rdf_format_of(rdf_format, rdf, "--rdf-format"))
        bound = bind(named, values, None, base)
        result = run(named, store, bound, allow_service=allow_service, timeout=timeout)
    else:
        from coopgraph.store import open_rdf_store, reading

        index, store = open_rdf_store(opts.data, base, use_store=not opts.no_cache)
        bound = bind(named, values, index, base)
        with reading(index):
            result = run(named, store, bound, allow_service=allow_service, timeout=timeout)
    if fmt == "sparql-json":
        json.dump(result.to_sparql_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        opts.emit(result, fmt)


def _remote(
    named: "NamedQuery",
    values: dict[str, str],
    where: tuple[str, str | None, str | None],
    base: str,
    allow_service: bool,
    timeout: float,
    opts: Options,
    rdf: Path | None,
) -> "SparqlResult":
    """The query at the endpoint of ``where`` (URL, graph, user): names resolved here (the
    local index), then sent as text."""
    from coopgraph.serve import login_for, remote_query
    from coopgraph.sparql import bind, refuse_service

    endpoint, graph, user = where
    if rdf is not None:
        raise typer.BadParameter("asks another endpoint; leave out --rdf", param_hint="--endpoint")
    refuse_service(named, allow_service)  # before any name is resolved or address checked
    check_address(endpoint, "--endpoint", graph)
    kinds = {p.name: p.kind for p in named.parameters}
    needs_names = any(kinds.get(k) in {"agency", "field", "agreement"} for k in values)
    index = opts.index() if needs_names else None
    bound = bind(named, values, index, base)
    login = login_for(endpoint, user)
    return remote_query(
        endpoint,
        named,
        bound,
        default_graph=graph,
        timeout=timeout,
        login=login,
        allow_service=allow_service,
    )
