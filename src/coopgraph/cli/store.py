"""The store of built versions of the data: ``build`` it up front, ``cache info|clear``."""

from typing import Annotated

import typer

from coopgraph.cli.base import Options, app, command

cache_app = typer.Typer(
    name="cache",
    help="The store of built versions of the data: where it is, what it holds, clearing it."
    "\n\n\b\nExample: coopgraph cache info",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@command("base", "data", "fmt")
def build(
    no_rdf: Annotated[
        bool, typer.Option("--no-rdf", help="Only the snapshot the listings read, no SPARQL store.")
    ] = False,
    *,
    opts: Options,
) -> None:
    """Build the store for the data up front (every command otherwise builds it on first use).

    Reports each phase with its count and time: a progress bar on a terminal, plain lines
    otherwise, on stderr. A changed file of a directory updates the store file by file.

    \b
    Example: coopgraph build --no-rdf
    """
    from coopgraph.store import build as build_store

    opts.emit(build_store(opts.data, base=opts.base_iri(), rdf=not no_rdf))


@command("fmt", name="info", group=cache_app)
def cache_info(*, opts: Options) -> None:
    """List the stored versions: their data, size, and whether SPARQL is built.

    \b
    Example: coopgraph cache info
    """
    from coopgraph.store import cache_info as info

    opts.emit(info())


@command("fmt", name="clear", group=cache_app)
def cache_clear(*, opts: Options) -> None:
    """Remove every stored version (those a running command is reading are kept).

    \b
    Example: coopgraph cache clear
    """
    from coopgraph.store import clear_cache

    opts.emit(clear_cache())
