"""Sharing: ``serve`` the graph read-only over SPARQL, ``push`` it into a triplestore.

The serve subsystem is imported inside the commands, so ``coopgraph --help`` and every
other command never load it.
"""

import sys
from typing import Annotated

import typer

from coopgraph.cli.base import (
    Options,
    QueryTimeout,
    User,
    check_address,
    command,
    format_option,
    one_of,
)

Announce = format_option(
    "How the endpoint is announced on stdout: table (its URL) or json (one line: URL, store, "
    "limits).",
    "table",
    "json",
)


@command("base", "data", "no_cache")
def serve(
    port: Annotated[
        int,
        typer.Option(
            "--port", min=0, max=65535, metavar="PORT", help="Port to listen on; 0: any free one."
        ),
    ] = 7878,
    bind: Annotated[
        str,
        typer.Option(
            "--bind",
            metavar="HOST",
            help="Address to listen on; other than this machine's needs --public.",
        ),
    ] = "127.0.0.1",
    public: Annotated[
        bool,
        typer.Option("--public", help="Allow --bind on an address other machines can reach."),
    ] = False,
    timeout: QueryTimeout = 30,
    cors: Annotated[
        bool, typer.Option("--cors", help="Allow queries from web pages of other origins.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Start, answer one query, stop: check that serving works."),
    ] = False,
    fmt: Announce = "table",
    *,
    opts: Options,
) -> None:
    """Serve the graph read-only as a SPARQL 1.1 endpoint (the Oxigraph server) until Ctrl-C.

    The first line printed is the query URL. Updates are refused. Port in use: exit 2.

    \b
    Example: coopgraph serve --port 0 --check
    """
    from coopgraph.serve import ServerOptions, is_local
    from coopgraph.serve import serve as run

    if not is_local(bind):
        if not public:
            raise typer.BadParameter(
                f"{bind!r} can be reached from other machines; add --public to mean it",
                param_hint="--bind",
            )
        print(
            f"coopgraph: warning: serving on {bind}: anyone who reaches this machine can "
            "query the graph",
            file=sys.stderr,
        )
    options = ServerOptions(port=port, bind=bind, timeout=timeout, cors=cors, check=check)
    code = run(
        opts.data,
        opts.base_iri(),
        options,
        use_store=not opts.no_cache,
        announce_json=fmt == "json",
    )
    raise typer.Exit(code)


@command("base", "data", "fmt", "no_cache")
def push(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL",
            help="The store's SPARQL 1.1 Graph Store endpoint (Oxigraph: http://HOST:7878/store).",
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph", metavar="IRI", help="The named graph to replace. Default: the base IRI."
        ),
    ] = None,
    user: User = None,
    rdf_format: Annotated[
        str,
        typer.Option(
            "--rdf-format",
            metavar="FORMAT",
            help="What is sent: ntriples or turtle.",
            callback=one_of("ntriples", "turtle"),
        ),
    ] = "ntriples",
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0, metavar="SECONDS", help="Give up on a silent store; 0: wait."
        ),
    ] = 300,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Prepare and count what would be sent; send nothing.")
    ] = False,
    chunk: Annotated[
        int | None,
        typer.Option(
            "--chunk",
            min=1,
            metavar="TRIPLES",
            help="Send at most TRIPLES triples a request (whole records) into a staging "
            "graph, then swap it in with one SPARQL MOVE (needs --update).",
        ),
    ] = None,
    update: Annotated[
        str | None,
        typer.Option(
            "--update",
            metavar="URL",
            help="The store's SPARQL 1.1 Update endpoint, for --chunk "
            "(Oxigraph: http://HOST:7878/update; Virtuoso: http://HOST:8890/sparql-auth).",
        ),
    ] = None,
    *,
    opts: Options,
) -> None:
    """Replace one named graph of a triplestore with the graph (Graph Store Protocol, HTTP PUT).

    Pushing again replaces, never adds. Basic and Digest logins; the password is never
    taken from the command line. A large graph can go in chunks with --chunk: the target
    keeps its old triples until the final swap, and a failure leaves it as it was.

    \b
    Example: coopgraph push http://localhost:7878/store --dry-run
    Example: coopgraph push http://db/store --chunk 500000 --update http://db/update --dry-run
    """
    from coopgraph.serve import login_for
    from coopgraph.serve import push as put

    check_address(url, "URL", graph)
    if update is not None:
        check_address(update, "--update")
    report = put(
        url,
        opts.data,
        opts.base_iri(),
        graph=graph,
        fmt=rdf_format,
        login=login_for(url, user),
        timeout=timeout,
        use_store=not opts.no_cache,
        dry_run=dry_run,
        chunk=chunk,
        update=update,
    )
    opts.emit(report)
