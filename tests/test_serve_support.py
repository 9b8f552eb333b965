"""Helpers shared by the serve tests (no tests here): free ports, ``coopgraph serve``, HTTP.

Servers run as real processes on 127.0.0.1, started and stopped by the tests; a server
program that is missing skips its tests locally and fails them in CI (``CI=1``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def missing(what: str) -> None:
    """Skip (locally) or fail (in CI) a test that needs a program this machine lacks."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is needed by this test in CI")
    pytest.skip(f"{what} is not installed")


def coopgraph_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ, COOPGRAPH_CACHE=str(cache), PYTHONPATH=str(SRC))
    env.pop("COOPGRAPH_DATA", None)
    return env


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux: from /proc)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(n) for n in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str


@contextlib.contextmanager
def coopgraph_serve(cache: Path, *args: str) -> Iterator[Served]:
    """``coopgraph serve`` on a free port of 127.0.0.1 until the block ends (SIGTERM)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=coopgraph_env(cache),
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url:
            raise AssertionError(f"coopgraph serve printed no URL: {process.stderr.read()}")
        yield Served(process, url)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(15)
        if process.poll() is None:
            process.kill()
            process.wait()


def http(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def select(url: str, query: str, default_graph: str | None = None) -> list[dict[str, Any]]:
    """The bindings of a SELECT sent by the SPARQL 1.1 Protocol (form POST)."""
    fields = {"query": query}
    if default_graph:
        fields["default-graph-uri"] = default_graph
    status, body = http(
        url,
        urllib.parse.urlencode(fields).encode(),
        {
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert status == 200, body[:300]
    return json.loads(body)["results"]["bindings"]


def count_triples(url: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    rows = select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"]["value"])


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server ended with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


def oxigraph_program() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")
