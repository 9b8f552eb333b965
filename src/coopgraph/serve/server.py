"""``coopgraph serve``: the real Oxigraph server, read-only, over the store built for the data.

No home-made HTTP server: ``oxigraph serve-read-only`` (the ``oxigraph`` package on PyPI,
the same Oxigraph as pyoxigraph) speaks the SPARQL 1.1 Protocol and refuses updates. This
module finds its program, finds (or builds) the on-disk store of the data, starts the
server, waits until it answers, prints the query URL, and stops the server with itself.

Why it is safe to serve the store while commands read it: a published version's Oxigraph
store is never written again (a change of the data makes a new version beside it, by
copy and rename), and Oxigraph's read-only mode, which both ``coopgraph sparql`` and the
server use, takes no lock, so any number of readers share it. While it runs, the server
holds the version's shared lock (through the index kept open), so ``coopgraph cache
clear`` keeps that version. Without a usable store (``--no-cache``, ``COOPGRAPH_CACHE=off``)
the data are written to a temporary Oxigraph store, removed when the server stops.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from coopgraph.errors import CoopgraphError, UsageError
from coopgraph.waiting import wait_for_process

__all__ = ["PortInUseError", "ServerOptions", "find_oxigraph", "run_server", "served_store"]

#: Hosts that only this machine reaches: anything else needs ``--public``.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
#: How long the server may take to start listening (opening a large store included).
START_SECONDS = 60.0
#: How long a stopped server may take to end before it is killed.
STOP_SECONDS = 5.0


class PortInUseError(UsageError):
    """The port is taken: a usage problem (choose another ``--port``), exit code 2."""


@dataclass(frozen=True)
class ServerOptions:
    """What ``coopgraph serve`` was asked: where to listen, how long queries may run, CORS."""

    port: int = 7878
    bind: str = "127.0.0.1"
    timeout: float = 30.0
    cors: bool = False
    #: Start, ask the endpoint one query, stop: a check that serving works here.
    check: bool = False

    @property
    def address(self) -> str:
        """``host:port`` as Oxigraph's ``--bind`` takes it (IPv6 hosts in brackets)."""
        return f"{_bracketed(self.bind)}:{self.port}"

    @property
    def url(self) -> str:
        """The query endpoint (SPARQL 1.1 Protocol) a client is given."""
        return f"http://{_bracketed(self.bind)}:{self.port}/query"


def _bracketed(host: str) -> str:
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host


def is_local(host: str) -> bool:
    """Whether only this machine can reach a server listening on ``host``."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def find_oxigraph() -> str:
    """The ``oxigraph`` program: beside this Python first (a virtual environment that is not
    activated still has it there), then on ``PATH``."""
    here = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise CoopgraphError(
            "the Oxigraph server program 'oxigraph' is not installed; "
            "pip install oxigraph (a dependency of coopgraph)"
        )
    return found


@contextlib.contextmanager
def served_store(data: Path | None, base: str, *, use_store: bool) -> Iterator[Path]:
    """The directory of an on-disk Oxigraph store of the data, for the server to open.

    The store subsystem's own store when it can be used (built first if needed), held
    for as long as the context lasts; otherwise a temporary one, removed afterwards.
    """
    from coopgraph.store import open_rdf_folder

    index, folder = open_rdf_folder(data, base, use_store=use_store)
    if folder is not None:
        yield folder  # the index, kept until the context ends, holds the version
        del index
        return
    with tempfile.TemporaryDirectory(prefix="coopgraph-serve-") as scratch:
        yield _temporary_store(index, base, Path(scratch) / "store")


def _temporary_store(index: Any, base: str, folder: Path) -> Path:
    import pyoxigraph as ox

    from coopgraph.rdf.export import dataset_triples, serialize

    store = ox.Store(str(folder))
    data = serialize(dataset_triples(index.dataset, base=base), "ntriples")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store  # closed before the server opens it
    return folder


def check_port_free(options: ServerOptions) -> None:
    """Refuse a port another program listens on, before starting anything.

    Bound the way the server binds (``SO_REUSEADDR``, as Rust's listeners do), so a port
    that only lingers in TIME_WAIT is not refused. The server's own failure to bind is
    still caught (:func:`run_server`), for a port taken in between.
    """
    try:
        infos = socket.getaddrinfo(options.bind, options.port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UsageError(f"--bind {options.bind!r}: unknown host ({error.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise _bind_error(options, error.strerror or str(error)) from None


def _bind_error(options: ServerOptions, reason: str) -> UsageError:
    if "in use" in reason.lower():
        return PortInUseError(
            f"port {options.port} on {options.bind} is already in use; choose another with --port"
        )
    return UsageError(f"cannot listen on {options.address}: {reason}")


def command_line(program: str, store: Path, options: ServerOptions) -> list[str]:
    """The server's arguments: read-only, the store, the address, the time limit, CORS."""
    args = [program, "serve-read-only", "--location", str(store), "--bind", options.address]
    if options.timeout > 0:  # Oxigraph takes whole seconds; 0 means no limit here
        args += ["--timeout-s", str(max(1, round(options.timeout)))]
    if options.cors:
        args.append("--cors")
    return args


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM if coopgraph dies (even by SIGKILL),
    so no server is left orphaned holding the port."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def run_server(
    store: Path,
    options: ServerOptions,
    *,
    ready: Callable[[str], None],
    program: str | None = None,
) -> int:
    """Run ``oxigraph serve-read-only`` on ``store`` until it ends or this process is stopped.

    ``ready`` is called with the query URL once the server accepts connections. Ctrl-C
    (KeyboardInterrupt) and SIGTERM (the CLI turns it into SystemExit) stop the server:
    it gets SIGTERM, then SIGKILL if it lingers, and is waited for, so no process is left.
    Returns 0 after such a stop; a server that ends by itself is an error.
    """
    if options.port == 0:
        options = replace(options, port=_free_port(options.bind))
    check_port_free(options)
    args = command_line(program or find_oxigraph(), store, options)
    child = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # Its own session: a Ctrl-C at the terminal reaches coopgraph only, which then
        # stops the server itself, so the two never race to end
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    errors: list[str] = []
    reader = threading.Thread(target=_collect, args=(child.stderr, errors), daemon=True)
    reader.start()
    try:
        _wait_until_listening(child, options, errors)
        ready(options.url)
        if options.check:
            _ask(options.url)
            return 0
        code = wait_for_process(child)
        reader.join(1)
        raise CoopgraphError(f"the Oxigraph server stopped by itself: {_reason(errors, code)}")
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        _stop(child)


def _free_port(host: str) -> int:
    """A port free now on ``host`` (``--port 0``): the system's choice, given to the server."""
    infos = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.bind(address)
        return int(probe.getsockname()[1])


def _ask(url: str) -> None:
    """One query over HTTP, as a client sends it: ``--check`` proves the endpoint answers."""
    import json
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            found = json.loads(answer.read())["boolean"]
    except (OSError, ValueError, KeyError) as error:
        raise CoopgraphError(f"the endpoint {url} does not answer queries: {error}") from None
    print(f"coopgraph: {url} answers ({'some' if found else 'no'} triples)", file=sys.stderr)


def _collect(stream: IO[bytes] | None, lines: list[str]) -> None:
    """Keep the server's stderr (its error, if it fails) without letting the pipe fill up."""
    if stream is None:
        return
    for raw in stream:
        line = raw.decode("utf-8", "replace").strip()
        if line and len(lines) < 50:
            lines.append(line)


def _reason(errors: list[str], code: int | None) -> str:
    """The server's one-line error (Oxigraph prints ``Error: ...`` then a backtrace)."""
    for line in errors:
        if line.startswith("Error:"):
            return line[6:].strip()
    return errors[0] if errors else f"exit code {code}"


def _wait_until_listening(
    child: subprocess.Popen[bytes], options: ServerOptions, errors: list[str]
) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        code = child.poll()
        if code is not None:
            time.sleep(0.05)  # let the reader take the last lines
            reason = _reason(errors, code)
            if "in use" in reason.lower():
                raise _bind_error(options, reason)
            raise CoopgraphError(f"the Oxigraph server did not start: {reason}")
        try:
            with socket.create_connection((options.bind, options.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise CoopgraphError(
        f"the Oxigraph server did not answer on {options.address} within {START_SECONDS:g} s"
    )


def _stop(child: subprocess.Popen[bytes]) -> None:
    """End the server and wait for it: SIGTERM, then SIGKILL after :data:`STOP_SECONDS`.

    A second Ctrl-C or SIGTERM while it ends is ignored, so the wait is never cut short
    (which would leave the server running without its parent).
    """
    with _signals_ignored():
        _end(child)
    if child.stderr is not None:
        child.stderr.close()


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    previous: dict[int, Any] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread: nothing to do
            previous[number] = signal.signal(number, signal.SIG_IGN)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _end(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            child.terminate()
        try:
            child.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
