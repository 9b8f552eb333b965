"""``coopgraph sparql`` on what people actually type: every query answered or refused in a line.

SERVICE decided on the parsed query, a time limit and Ctrl-C that stop a runaway query,
ASK in every format, UPDATE refused as read-only, syntax errors located in the file with
a few expected tokens, and odd files and names refused without "Internal error".
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coopgraph.sparql import uses_service
from signals import signal_a_helper_thread

#: Four copies of every triple joined with each other: longer than anyone waits.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\n"


def query_file(tmp_path: Path, text: str | bytes, name: str = "q.rq") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- SERVICE ---------------------------------------------------------------------------------

BLINDED = (
    "PREFIX x: <http://example.org/>\n"
    "SELECT * WHERE { ?s x:a\\' ?o . SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } "
    "FILTER (?o != 'x') }\n"
)


def test_an_escaped_quote_in_a_name_does_not_hide_a_service_call(run, tmp_path: Path) -> None:
    """``x:a\\'`` is a prefixed name (PN_LOCAL_ESC), not the start of a string."""
    assert uses_service(BLINDED)
    outcome = run("sparql", query_file(tmp_path, BLINDED))
    assert outcome.code == 2 and "calls another endpoint (SERVICE)" in outcome.err
    assert "--allow-service" in outcome.err


@pytest.mark.parametrize("status", [500, None], ids=["http-500", "nobody-listening"])
def test_a_service_endpoint_that_fails_is_one_line(run, tmp_path: Path, status: int | None) -> None:
    """Allowed, a SERVICE call to an endpoint answering 500 (or to a closed port) was an
    internal error, and pyoxigraph then panicked dropping its answer in the wrong thread."""
    import http.server
    import threading

    class Failing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status or 500)
            self.end_headers()

        def do_POST(self) -> None:
            self.do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Failing)
    port = server.server_address[1]
    if status is None:
        server.server_close()  # the port is free again: nobody answers
    else:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}\n"
        outcome = run("sparql", query_file(tmp_path, text), "--allow-service")
    finally:
        if status is not None:
            server.shutdown()
            server.server_close()
    assert outcome.code == 1 and outcome.out == ""
    assert "a SERVICE call failed" in outcome.err
    assert "Internal error" not in outcome.err and "unsendable" not in outcome.err


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { optional { select * { service silent ?e { ?s ?p ?o } } } }", True),
        ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),
        ("ASK { SERVICE <http://x/> { } }", True),
        ('SELECT ?s WHERE { ?s ?p "SERVICE" } # SERVICE in a comment', False),
        ("SELECT ?s WHERE { ?s <http://x/SERVICE> ?o }", False),
        ("PREFIX service: <http://x/> SELECT ?s WHERE { ?s service:p ?o }", False),
        ("SELECT ?service WHERE { ?service ?p ?o }", False),
    ],
    ids=["plain", "nested-silent", "escaped", "ask", "string-comment", "iri", "prefix", "var"],
)
def test_service_is_found_in_the_parsed_query(text: str, calls: bool) -> None:
    assert uses_service(text) is calls


# --- time limit and Ctrl-C -----------------------------------------------------------------


Start = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    """``start(*args)``: ``coopgraph *args`` as a process with its own cache; whatever is
    still running when the test ends (a failed one) is killed, not left spinning."""
    started: list[subprocess.Popen[str]] = []
    env = {**os.environ, "COOPGRAPH_CACHE": str(tmp_path / "cache")}

    def start_(*args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "coopgraph", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        started.append(process)
        return process

    yield start_
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_a_query_past_its_time_limit_stops_in_one_line(start: Start, tmp_path: Path) -> None:
    cross = query_file(tmp_path, CROSS_JOIN)
    started = time.monotonic()
    process = start("sparql", str(cross), "--timeout", "1", "--no-cache")
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - started < 30
    assert (process.returncode, out) == (1, "")
    assert err.splitlines() == ["Error: query timed out after 1 s (--timeout sets the limit)"]


def _running_query(start: Start, tmp_path: Path) -> subprocess.Popen[str]:
    """A query without time limit that runs for ever, over a store already built (so that
    the query, not the store, is what a Ctrl-C stops)."""
    cross = query_file(tmp_path, CROSS_JOIN)
    assert start("build").wait(timeout=120) == 0
    process = start("sparql", str(cross), "--timeout", "0")
    time.sleep(3)
    assert process.poll() is None, process.communicate()
    return process


def test_ctrl_c_stops_a_running_query(start: Start, tmp_path: Path) -> None:
    process = _running_query(start, tmp_path)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert (process.returncode, out) == (130, "")
    assert err == "Error: query stopped (Ctrl-C)\n"


def test_ctrl_c_handed_to_another_thread_still_stops_a_running_query(
    start: Start, tmp_path: Path
) -> None:
    """The query runs in a thread of its own, beside RocksDB's: a Ctrl-C the kernel hands
    to one of them must still stop the wait in the main thread."""
    process = _running_query(start, tmp_path)
    signal_a_helper_thread(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert (process.returncode, out) == (130, "")
    assert err == "Error: query stopped (Ctrl-C)\n"


# --- ASK, UPDATE, empty answers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "answer\n------\ntrue\n"),
        ("csv", "answer\ntrue\n"),
        ("json", '{\n  "query": "q",\n  "boolean": true\n}\n'),
        ("sparql-json", '{\n  "head": {},\n  "boolean": true\n}\n'),
    ],
    ids=["table", "csv", "json", "sparql-json"],
)
def test_ask_answers_in_every_format(run, tmp_path: Path, fmt: str, expected: str) -> None:
    query = query_file(tmp_path, "PREFIX coop: <https://w3id.org/coopgraph/ns#>\n"
                                 "ASK { ?agreement coop:party ?agency }\n")  # fmt: skip
    outcome = run("sparql", query, "--format", fmt)
    assert outcome.code == 0, outcome.err
    assert outcome.out.endswith(expected)


def test_ask_can_be_false(run, tmp_path: Path) -> None:
    query = query_file(tmp_path, "ASK { <http://example.org/none> ?p ?o }\n")
    outcome = run("sparql", query, "--format", "sparql-json")
    assert json.loads(outcome.out) == {"head": {}, "boolean": False}


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://a/> <http://b/> <http://c/> }",
        "PREFIX x: <http://x/#>\n# wipe\nDELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
    ids=["insert", "delete", "clear", "load"],
)
def test_an_update_is_refused_as_read_only(run, tmp_path: Path, text: str) -> None:
    outcome = run("sparql", query_file(tmp_path, text))
    assert outcome.code == 2
    assert "is a SPARQL UPDATE" in outcome.err and "read-only" in outcome.err
    assert "expected CONSTRUCT" not in outcome.err


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "q: 1 row(s)\n\n(1 row, no columns)\n"),
        ("csv", "\n\n"),
        ("json", "[\n  {}\n]\n"),
        ("sparql-json", '{\n  "head": {\n    "vars": []\n  },\n  "results": {\n'
                        '    "bindings": [\n      {}\n    ]\n  }\n}\n'),
    ],
    ids=["table", "csv", "json", "sparql-json"],
)  # fmt: skip
def test_a_query_selecting_nothing_answers_in_every_format(run, tmp_path, fmt, expected) -> None:
    outcome = run("sparql", query_file(tmp_path, "SELECT * WHERE {}\n"), "--format", fmt)
    assert (outcome.code, outcome.out, outcome.err) == (0, expected, "")


# --- syntax errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o\n", "2:1", "expected '}', '.' or ';'"),
        ("PREFIX x: <http://x/>\nSELEC * WHERE { }\n", "2:1", "expected 'SELECT', 'ASK' or"),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER (?o > 3 }\n", "4:1", "expected ')'"),
        (
            "SELECT * WHERE { ?s ?p ?o . ?s ?p2 }",
            "1:",
            "expected ",
        ),  # whatever Oxigraph expects, three at most
    ],
    ids=["unclosed", "not-a-query", "unclosed-filter", "missing-object"],
)
def test_a_syntax_error_is_located_with_few_expected_tokens(run, tmp_path, text, where, expected):
    path = query_file(tmp_path, text)
    outcome = run("sparql", path)
    assert outcome.code == 2
    (line,) = outcome.err.splitlines()
    assert line.startswith(f"Error: {path}:{where}") and expected in line, line
    assert len(line) < 200 and "[" not in line.split("expected", 1)[1]
    tokens = line.split("expected", 1)[1]
    assert tokens.count("'") <= 6  # three tokens at most


def test_the_column_is_the_files_not_the_bound_querys(run, tmp_path: Path) -> None:
    """The VALUES block for a parameter goes onto the error's line: columns stay the file's."""
    path = query_file(
        tmp_path,
        "# param: agency (agency, optional) - an agency\n"
        "SELECT * WHERE { ?agency ?p ?o . ?agency ?q }\n",
    )
    bare = run("sparql", path).err
    bound = run("sparql", path, "-p", "agency=NIST").err
    assert f"{path}:2:" in bare and bare == bound


# --- files and names that are not queries ----------------------------------------------------


def test_a_query_file_that_is_not_utf8_is_located(run, tmp_path: Path) -> None:
    path = query_file(tmp_path, b"# title: caf\xe9\nSELECT * WHERE {}\n", "latin1.rq")
    outcome = run("sparql", path)
    assert outcome.code == 2
    assert outcome.err == f"Error: {path}:1:13: not UTF-8: byte 0xe9; save the query as UTF-8\n"


@pytest.mark.parametrize("suffix", ["", ".rq"])
def test_a_name_too_long_for_a_file_is_an_unknown_query(run, suffix: str) -> None:
    outcome = run("sparql", "q" * 128 * 1024 + suffix)
    assert outcome.code == 2 and "Internal error" not in outcome.err
    assert "131,072 characters" in outcome.err or "131,075 characters" in outcome.err
    assert len(outcome.err) < 300


@pytest.mark.parametrize(
    "args",
    [
        ["path", "KIAT", "AIST", "--limit", "99999999999999999999999"],
        ["sparql", "partners", "-p", "agency=NIST", "--timeout", "-1"],
        ["sparql", "partners", "-p", "agency=NIST", "--timeout", "1e999999"],
        ["sparql", "partners", "-p", "agency=NIST", "--timeout", "1e300"],
        ["sparql", "partners", "-p", "agency=NIST", "--timeout", "nan"],
    ],
    ids=["path-limit", "negative-timeout", "infinite-timeout", "huge-timeout", "nan-timeout"],
)
def test_numbers_out_of_range_are_usage_errors_or_answers(run, args: list[str]) -> None:
    outcome = run(*args)
    assert outcome.code in (0, 2) and "Internal error" not in outcome.err, outcome.err


def test_the_library_refuses_service_for_remote_queries_too() -> None:
    """The gate is in the library, not only the CLI: a program calling remote_query gets it."""
    from coopgraph.errors import UsageError
    from coopgraph.serve import remote_query
    from coopgraph.sparql import parse_header

    query = parse_header("q", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(UsageError, match="--allow-service"):
        remote_query("http://127.0.0.1:9/sparql", query)  # refused before any request
