"""``coopgraph sparql --endpoint URL``: the query library against a remote SPARQL endpoint.

Every named query's example is asked of ``coopgraph serve`` (a real Oxigraph server on a
free port) and must answer what the same query answers locally; failures of the remote
(nobody listening, an HTML page, an HTTP error, a server that never answers) are one line
naming the URL, exit 1.
"""

from __future__ import annotations

import http.server
import json
import shlex
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coopgraph.sparql import library
from test_serve_support import Served, coopgraph_serve, free_port, missing, oxigraph_program

EXAMPLES = {name: query.example for name, query in library().items()}

#: Datatypes engines are free to choose between for the same number.
_INTEGERS = {"integer", "int", "long", "short", "decimal", "nonNegativeInteger"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def normalised(cell: dict[str, str]) -> tuple[str, str, str]:
    """A term of SPARQL JSON results as (kind, value, datatype or @lang), engine quirks
    smoothed: ``typed-literal`` is a literal, ``xsd:string`` is no datatype, and integers
    compare as numbers whatever integer type the engine gave them."""
    kind = "literal" if cell["type"] == "typed-literal" else cell["type"]
    value = cell["value"]
    if "xml:lang" in cell:
        return kind, value, "@" + cell["xml:lang"].lower()
    datatype = cell.get("datatype", "")
    if datatype == XSD + "string":
        datatype = ""
    if datatype.startswith(XSD) and datatype[len(XSD) :] in _INTEGERS and "." not in value:
        return kind, str(int(value)), "integer"
    return kind, value, datatype


def answers(document: dict[str, Any]) -> Any:
    """The answer as a multiset of rows of normalised terms (or the ASK boolean)."""
    if "boolean" in document:
        return document["boolean"]
    variables = document["head"]["vars"]
    rows = document["results"]["bindings"]
    return Counter(
        tuple(normalised(row[v]) if v in row else None for v in variables) for row in rows
    )


def example_args(name: str) -> list[str]:
    example = EXAMPLES[name]
    assert example is not None, f"query {name} has no example"
    words = shlex.split(example)
    assert words[:2] == ["coopgraph", "sparql"]
    return words[1:]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if oxigraph_program() is None:
        missing("the Oxigraph server (pip install oxigraph)")
    with coopgraph_serve(tmp_path_factory.mktemp("served-cache")) as server:
        yield server


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_answers_the_same_from_the_served_endpoint(
    name: str, served: Served, run: Callable[..., Any]
) -> None:
    args = [*example_args(name), "--format", "sparql-json"]
    local = run(*args)
    assert local.code == 0, local.err
    remote = run(*args, "--endpoint", served.url)
    assert remote.code == 0, remote.err
    expected = answers(json.loads(local.out))
    assert answers(json.loads(remote.out)) == expected
    assert expected  # each example answers something


def test_every_format_renders_a_remote_answer_as_a_local_one(
    served: Served, run: Callable[..., Any]
) -> None:
    for fmt in ("table", "json", "csv"):
        args = ["partners", "--param", "agency=표준연", "--format", fmt]
        assert run(*args, "--endpoint", served.url).out == run(*args).out


def test_names_are_resolved_before_the_query_leaves(
    served: Served, run: Callable[..., Any]
) -> None:
    unknown = run("sparql", "partners", "-p", "agency=NIZT", "--endpoint", served.url)
    assert unknown.code == 2
    assert "NIST" in unknown.err  # the suggestion comes from the local data


class _Page(http.server.BaseHTTPRequestHandler):
    """A web server that answers every request with an HTML page, or an error."""

    status = 200

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"<html><body>Welcome</body></html>"
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Broken(_Page):
    status = 500


@pytest.fixture
def web_page() -> Iterator[Callable[[type[_Page]], str]]:
    servers: list[http.server.HTTPServer] = []

    def start(handler: type[_Page]) -> str:
        server = http.server.HTTPServer(("127.0.0.1", 0), handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _one_line_error(outcome: Any, url: str) -> str:
    assert outcome.code == 1, outcome
    assert outcome.out == ""
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1, outcome.err
    assert url in lines[0]
    assert "Traceback" not in outcome.err
    return lines[0]


def test_a_web_page_is_not_a_sparql_answer(web_page: Any, run: Callable[..., Any]) -> None:
    url = web_page(_Page)
    line = _one_line_error(run("sparql", "country-pairs", "--endpoint", url), url)
    assert "did not answer with SPARQL results (text/html" in line


def test_an_http_error_is_one_line(web_page: Any, run: Callable[..., Any]) -> None:
    url = web_page(_Broken)
    line = _one_line_error(run("sparql", "country-pairs", "--endpoint", url), url)
    assert "HTTP 500" in line


def test_nobody_listening_is_one_line(run: Callable[..., Any]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    line = _one_line_error(run("sparql", "country-pairs", "--endpoint", url), url)
    assert "cannot be reached" in line


def test_an_unknown_host_is_one_line(run: Callable[..., Any]) -> None:
    url = "http://no-such-host.invalid/sparql"
    line = _one_line_error(run("sparql", "country-pairs", "--endpoint", url), url)
    assert "cannot be reached" in line


def test_a_server_that_never_answers_times_out(run: Callable[..., Any]) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/sparql"
        outcome = run("sparql", "country-pairs", "--endpoint", url, "--timeout", "0.5")
    line = _one_line_error(outcome, url)
    assert "did not answer within 0.5 s" in line


def test_graph_and_rdf_need_the_right_company(run: Callable[..., Any], tmp_path: Path) -> None:
    assert run("sparql", "country-pairs", "--graph", "http://example.org/g").code == 2
    url = "http://127.0.0.1:9/query"
    both = run("sparql", "country-pairs", "--endpoint", url, "--rdf", str(tmp_path / "x.ttl"))
    assert both.code == 2
    assert run("sparql", "country-pairs", "--endpoint", "ftp://example.org/").code == 2
