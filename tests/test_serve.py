"""``coopgraph serve``: the real Oxigraph server, read-only, over the store of the data.

One server is started for the module (a real process on a free port of 127.0.0.1) and
asked over plain HTTP, as any SPARQL client would.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from signals import signal_a_helper_thread
from test_serve_support import (
    Served,
    alive,
    children,
    coopgraph_env,
    coopgraph_serve,
    count_triples,
    free_port,
    http,
    missing,
    oxigraph_program,
    select,
)

NIST = "https://w3id.org/coopgraph/agency/NIST"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve-cache")


@pytest.fixture(scope="module")
def served(cache: Path) -> Iterator[Served]:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    with coopgraph_serve(cache) as server:
        yield server


def test_the_first_line_is_the_query_url_and_it_answers_sparql(served: Served) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert served.url.endswith("/query")
    rows = select(
        served.url,
        "PREFIX org: <http://www.w3.org/ns/org#> "
        f"SELECT ?type WHERE {{ <{NIST}> a ?type }} ORDER BY ?type",
    )
    assert {"type": "uri", "value": "http://www.w3.org/ns/org#Organization"} in [
        row["type"] for row in rows
    ]


def test_updates_are_refused_and_the_data_unchanged(served: Served) -> None:
    before = count_triples(served.url)
    assert before > 1000
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    base = served.url.rsplit("/", 1)[0]
    # The SPARQL 1.1 update protocol: a form POST and a direct POST, both refused.
    status, _ = http(
        f"{base}/update",
        urllib.parse.urlencode({"update": insert}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    status, _ = http(
        f"{base}/update", insert.encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 403
    # The Graph Store protocol: replacing the default graph is refused too.
    status, _ = http(
        f"{base}/store?default",
        b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .",
        {"Content-Type": "application/n-triples"},
        method="PUT",
    )
    assert status in {403, 405}
    assert count_triples(served.url) == before
    assert not select(served.url, "SELECT * WHERE { <http://example.org/a> ?p ?o }")


def test_commands_read_the_store_while_it_is_served(served: Served, cache: Path) -> None:
    answer = subprocess.run(
        [sys.executable, "-m", "coopgraph", "sparql", "partners", "-p", "agency=NIST", "-f", "csv"],
        capture_output=True,
        text=True,
        env=coopgraph_env(cache),
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert "KRISS" in answer.stdout


def test_sigterm_stops_the_server_and_its_child(cache: Path) -> None:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    with coopgraph_serve(cache) as server:
        (child,) = children(server.process.pid)
        assert alive(child)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(15) == 0
        deadline = time.monotonic() + 5
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child)
        port = int(server.url.split(":")[2].split("/")[0])
        with socket.socket() as probe:  # the port is free again
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))


def test_ctrl_c_stops_the_server_and_its_child(cache: Path) -> None:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    with coopgraph_serve(cache) as server:
        (child,) = children(server.process.pid)
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(15) == 0
        deadline = time.monotonic() + 5
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child)


def test_ctrl_c_handed_to_another_thread_still_stops_the_server(cache: Path) -> None:
    """The kernel may give a Ctrl-C to any thread of coopgraph (its stderr reader,
    RocksDB's); the main thread, waiting for the server, must still see it (CI once
    waited 15 s in vain)."""
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    with coopgraph_serve(cache) as server:
        (child,) = children(server.process.pid)
        signal_a_helper_thread(server.process.pid, signal.SIGINT)
        assert server.process.wait(15) == 0
        deadline = time.monotonic() + 5
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child)


def test_a_port_in_use_is_one_line_and_exit_2(cache: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        answer = subprocess.run(
            [sys.executable, "-m", "coopgraph", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=coopgraph_env(cache),
            timeout=120,
        )
    assert answer.returncode == 2
    assert answer.stdout == ""
    assert answer.stderr.strip().splitlines() == [
        f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port"
    ]


def test_another_address_needs_public(run) -> None:
    refused = run("serve", "--bind", "0.0.0.0", "--port", str(free_port()))
    assert refused.code == 2
    assert "--public" in refused.err


def test_the_server_gets_the_time_limit_and_cors(tmp_path: Path) -> None:
    from coopgraph.serve.server import ServerOptions, command_line

    args = command_line("oxigraph", tmp_path, ServerOptions(port=8000, timeout=2.5, cors=True))
    assert args == [
        "oxigraph",
        "serve-read-only",
        "--location",
        str(tmp_path),
        "--bind",
        "127.0.0.1:8000",
        "--timeout-s",
        "2",
        "--cors",
    ]
    no_limit = command_line("oxigraph", tmp_path, ServerOptions(timeout=0, bind="::1"))
    assert "--timeout-s" not in no_limit
    assert "[::1]:7878" in no_limit


def test_help_does_not_import_the_serve_subsystem() -> None:
    answer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom coopgraph.cli import main\nmain(['--help'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('coopgraph.serve')))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.stdout.strip().splitlines()[-1] == "[]"
    assert "serve" in answer.stdout and "push" in answer.stdout


@pytest.mark.parametrize("switch", ["--no-cache", "COOPGRAPH_CACHE=off"])
def test_without_the_store_a_temporary_one_is_served(switch: str, tmp_path: Path) -> None:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    env = coopgraph_env(tmp_path / "cache")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env["TMPDIR"] = str(scratch)
    args = [sys.executable, "-m", "coopgraph", "serve", "--port", "0", "--check"]
    if switch.startswith("--"):
        args.append(switch)
    else:
        env["COOPGRAPH_CACHE"] = "off"
    answer = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith("http://127.0.0.1:")
    assert "answers (some triples)" in answer.stderr
    assert list(scratch.iterdir()) == []  # the temporary store is gone


def test_json_announces_the_endpoint_in_one_line(tmp_path: Path) -> None:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    answer = subprocess.run(
        [sys.executable, "-m", "coopgraph", "serve", "--port", "0", "--check", "-f", "json"],
        capture_output=True,
        text=True,
        env=coopgraph_env(tmp_path / "cache"),
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    described = json.loads(answer.stdout.splitlines()[0])
    assert described["query"].startswith("http://127.0.0.1:")
    assert described["read_only"] is True
    assert described["timeout"] == 30
    assert Path(described["store"], "base.txt").is_file()


def test_cache_clear_keeps_the_version_being_served(served: Served, cache: Path) -> None:
    answer = subprocess.run(
        [sys.executable, "-m", "coopgraph", "cache", "clear", "-f", "json"],
        capture_output=True,
        text=True,
        env=coopgraph_env(cache),
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["in_use"]  # kept: the server reads it
    assert count_triples(served.url) > 1000
