"""SPARQL: ``queries`` lists the named queries, ``sparql`` runs one (or a ``.rq`` file)."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.base import Options, command, flag_option, format_option
from coopgraph.cli.formats import ReadFormat

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
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="Stop a query running longer (exit 1); 0 for no limit. Ctrl-C stops it too.",
        ),
    ] = 30,
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
    if rdf is not None:
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
