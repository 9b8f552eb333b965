"""Share the graph: serve it read-only, ask any endpoint the named queries, push it to a store.

Everything here goes through existing engines and standard protocols, never a home-made
server: the Oxigraph server for :func:`serve` (SPARQL 1.1 Protocol), any SPARQL 1.1
endpoint for :func:`remote_query`, and any store speaking the SPARQL 1.1 Graph Store HTTP
Protocol (Oxigraph, Virtuoso, Fuseki, GraphDB) for :func:`push`.

This module is the entry point the CLI imports (inside its commands, so that
``coopgraph --help`` never loads it); the modules beside it are its parts:
:mod:`~coopgraph.serve.server` (the server process), :mod:`~coopgraph.serve.remote` (the
query client), :mod:`~coopgraph.serve.graph_store` (the Graph Store push) and
:mod:`~coopgraph.serve.http` (requests, authentication, one-line errors).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from coopgraph.serve.graph_store import PushReport, push
from coopgraph.serve.http import Login, RemoteError, login_for
from coopgraph.serve.remote import remote_query
from coopgraph.serve.server import PortInUseError, ServerOptions, is_local

__all__ = [
    "Login",
    "PortInUseError",
    "PushReport",
    "RemoteError",
    "ServerOptions",
    "is_local",
    "login_for",
    "push",
    "remote_query",
    "serve",
]


def serve(
    data: Path | None,
    base: str,
    options: ServerOptions,
    *,
    use_store: bool = True,
    ready: Callable[[str], None] | None = None,
    announce_json: bool = False,
) -> int:
    """Serve the data read-only on ``options``'s address until stopped (Ctrl-C, SIGTERM).

    The store is found or built first (as ``coopgraph sparql`` does), then the Oxigraph
    server is started on it; ``ready`` gets the query URL once it answers (by default it
    is printed as the first line of stdout, for scripts to read; with ``announce_json``, a
    one-line JSON object with the URL, the store served and the limits).
    """
    from coopgraph.serve.server import run_server, served_store

    with served_store(data, base, use_store=use_store) as store:
        if ready is None:
            ready = partial(_announce, store=store, options=options, as_json=announce_json)
        return run_server(store, options, ready=ready)


def _announce(url: str, *, store: Path, options: ServerOptions, as_json: bool) -> None:
    if as_json:
        import json

        described = {
            "query": url,
            "read_only": True,
            "store": str(store),
            "timeout": options.timeout or None,
            "cors": options.cors,
        }
        print(json.dumps(described), flush=True)
    else:
        print(url, flush=True)
    print(
        f"coopgraph: serving the graph read-only at {url} (SPARQL 1.1 Protocol); Ctrl-C stops it",
        file=sys.stderr,
        flush=True,
    )
