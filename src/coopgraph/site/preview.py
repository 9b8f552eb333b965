"""``coopgraph site --serve``: look at the built site in a browser, from this machine only.

The standard library's static file server, bound to 127.0.0.1 by default: the site is
static, so a preview needs nothing more, and nothing here is meant for the public (use any
static host for that). The site also opens from ``file://``; the preview shows it as a
host will serve it.
"""

from __future__ import annotations

import functools
import http.server
import sys
from pathlib import Path
from typing import Any

from coopgraph.errors import UsageError

__all__ = ["serve_site"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; logs requests to stderr (stdout carries only the address)."""

    extensions_map = {  # noqa: RUF012 - the base class declares it as a plain dict
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ttl": "text/turtle; charset=utf-8",
        ".jsonld": "application/ld+json",
        ".graphml": "application/graphml+xml",
        ".js": "text/javascript; charset=utf-8",
        ".csv": "text/csv; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.address_string()} - {format % args}\n")


def serve_site(folder: Path, *, port: int = 8000, bind: str = "127.0.0.1") -> None:
    """Serve ``folder`` until Ctrl-C; the first line on stdout is the site's address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer((bind, port), handler)
    except OSError as error:
        raise UsageError(
            f"cannot serve on {bind}:{port}: {error.strerror or error}; choose another --port"
        ) from None
    host, actual = server.server_address[:2]
    print(f"http://{host}:{actual}/", flush=True)
    print("Ctrl-C stops the preview.", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
