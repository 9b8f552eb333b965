"""Sharing: ``serve`` the graph read-only over SPARQL, ``push`` it into a triplestore.

The serve subsystem is imported inside the commands, so ``coopgraph --help`` and every
other command never load it.
"""

import sys
from typing import Annotated

import typer

from coopgraph.cli.base import Options, command


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
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="Stop a query running longer (whole seconds); 0 for no limit.",
        ),
    ] = 30,
    cors: Annotated[
        bool, typer.Option("--cors", help="Allow queries from web pages of other origins.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Start, answer one query, stop: check that serving works."),
    ] = False,
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
    raise typer.Exit(run(opts.data, opts.base_iri(), options, use_store=not opts.no_cache))
