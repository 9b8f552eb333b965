"""Push and remote queries against real triplestores on this machine: Oxigraph and Virtuoso.

Each server is started once for the module on free ports of 127.0.0.1, with its data in a
temporary directory, and stopped afterwards: the Oxigraph server read-write (``oxigraph
serve``, from PyPI) and Virtuoso 7 (``virtuoso-t`` from Debian's
``virtuoso-opensource-7-bin``, with an ini file of its own; its Graph Store endpoint asks
for Digest authentication, as the default ``dba`` account). A round trip for both: push,
then every named query's example asked by ``--endpoint`` answers what it answers locally.
Without a server program the tests skip, and fail in CI (``CI=1``).
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import shutil
import signal
import subprocess
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
import rdflib
from rdflib.compare import isomorphic as _isomorphic

from test_serve_remote import EXAMPLES, answers, example_args
from test_serve_support import (
    count_triples,
    free_port,
    missing,
    oxigraph_program,
    select,
    wait_for_port,
)
from test_serve_support import (
    http as send,
)

GRAPH = "https://w3id.org/coopgraph/"
OTHER = "http://example.org/other-graph"


@dataclass
class Store:
    """A running triplestore: where to query, where to push, and the login it needs."""

    name: str
    query: str
    graph_store: str
    update: str
    user: str | None = None
    password: str | None = None


@contextlib.contextmanager
def _running(args: list[str], port: int, cwd: Path, seconds: float = 60) -> Iterator[None]:
    log = (cwd / "server.log").open("wb")
    process = subprocess.Popen(args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, seconds)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    program = oxigraph_program()
    if program is None:
        missing("the Oxigraph server (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    args = [program, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"]
    with _running(args, port, folder):
        base = f"http://127.0.0.1:{port}"
        yield Store("oxigraph", f"{base}/query", f"{base}/store", f"{base}/update")


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    program = shutil.which("virtuoso-t")
    if program is None:
        missing("Virtuoso 7 (apt-get install virtuoso-opensource-7-bin)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    with _running([program, "-f", "-c", str(ini)], http_port, folder, seconds=120):
        base = f"http://127.0.0.1:{http_port}"
        yield Store(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            f"{base}/sparql-auth",
            "dba",
            "dba",
        )


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(request.param)


def push(run: Callable[..., Any], store: Store, monkeypatch: Any, *more: str) -> Any:
    args = ["push", store.graph_store, *more]
    if store.user:
        monkeypatch.setenv("COOPGRAPH_PASSWORD", store.password)
        args += ["--user", store.user]
    return run(*args)


def test_pushing_twice_leaves_one_copy_and_other_graphs_alone(
    store: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pushed = push(run, store, monkeypatch, "--graph", OTHER)  # a graph to leave alone
    assert pushed.code == 0, pushed.err
    others = count_triples(store.query, OTHER)
    assert others > 1000
    first = push(run, store, monkeypatch, "--format", "json")
    assert first.code == 0, first.err
    report = json.loads(first.out)
    assert report["graph"] == GRAPH
    assert count_triples(store.query, GRAPH) == report["triples"]
    again = push(run, store, monkeypatch, "--rdf-format", "turtle", "--format", "json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["triples"] == report["triples"]
    assert count_triples(store.query, GRAPH) == report["triples"]
    assert count_triples(store.query, OTHER) == others


def _pushed_graph(store: Store, graph: str) -> rdflib.Graph:
    """The graph as the store holds it, read back through a SELECT of every triple."""
    rows = select(store.query, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    found = rdflib.Graph()
    for row in rows:
        found.add(tuple(_term(row[name]) for name in ("s", "p", "o")))  # type: ignore[arg-type]
    return found


def _term(cell: dict[str, str]) -> rdflib.term.Node:
    if cell["type"] == "uri":
        return rdflib.URIRef(cell["value"])
    if cell["type"] == "bnode":
        return rdflib.BNode(cell["value"])
    datatype = cell.get("datatype")
    if datatype == str(rdflib.XSD.string):
        datatype = None  # Virtuoso writes plain literals with the type, Oxigraph without
    return rdflib.Literal(cell["value"], lang=cell.get("xml:lang"), datatype=datatype)


def _staging_graphs(store: Store) -> list[str]:
    rows = select(
        store.query,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER (STRSTARTS(STR(?g), "urn:coopgraph:push:")) }',
    )
    return [row["g"]["value"] for row in rows]


def test_a_push_in_chunks_gives_the_graph_one_push_gives(
    store: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Many requests through a staging graph, one MOVE: the same graph, other graphs kept."""
    assert push(run, store, monkeypatch, "--graph", OTHER).code == 0
    others = count_triples(store.query, OTHER)
    chunked = push(
        run, store, monkeypatch, "--chunk", "300", "--update", store.update, "--format", "json"
    )
    assert chunked.code == 0, chunked.err
    report = json.loads(chunked.out)
    # 4,771 triples at most 300 a request: at least 16 requests, and the MOVE
    assert report["requests"] >= 17
    exported = tmp_path / "graph.nt"
    assert run("export", "--format", "ntriples", "-o", str(exported)).code == 0
    local = rdflib.Graph().parse(exported, format="nt")
    assert report["triples"] == len(local) == count_triples(store.query, GRAPH)
    assert _isomorphic(_pushed_graph(store, GRAPH), local)
    assert count_triples(store.query, OTHER) == others
    assert _staging_graphs(store) == []
    again = push(run, store, monkeypatch, "--chunk", "1000", "--update", store.update)
    assert again.code == 0, again.err
    assert count_triples(store.query, GRAPH) == len(local)


def test_a_failed_swap_leaves_the_graph_as_it_was(
    oxigraph: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update endpoint refuses the MOVE (the read-only query endpoint is given): the
    target keeps its old triples and the staging graph is not left behind... unless it
    cannot be dropped either, which the message then says."""
    assert push(run, oxigraph, monkeypatch, "--graph", OTHER).code == 0
    before = count_triples(oxigraph.query, OTHER)
    failed = push(
        run, oxigraph, monkeypatch, "--graph", OTHER, "--chunk", "500", "--update", oxigraph.query
    )
    assert failed.code == 1
    (line,) = failed.err.strip().splitlines()
    assert line.startswith(f"Error: the update endpoint {oxigraph.query} answered HTTP")
    assert f"graph <{OTHER}> left as it was" in line
    assert "Traceback" not in failed.err
    assert count_triples(oxigraph.query, OTHER) == before
    (staging,) = _staging_graphs(oxigraph)  # the query endpoint could not drop it either
    assert f"the staging graph <{staging}> could not be dropped" in line
    send(
        oxigraph.update,
        urllib.parse.urlencode({"update": f"DROP GRAPH <{staging}>"}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )


def test_a_store_that_cannot_be_reached_gets_no_word_of_a_staging_graph(
    run: Callable[..., Any],
) -> None:
    """Nothing was created, so nothing is said to be left behind."""
    outcome = run(
        "push", "http://127.0.0.1:9/store", "--chunk", "500", "--update", "http://127.0.0.1:9/u"
    )
    assert outcome.code == 1
    assert outcome.err.strip().splitlines() == [
        "Error: the graph store http://127.0.0.1:9/store cannot be reached: Connection refused "
        "(graph <https://w3id.org/coopgraph/> left as it was)"
    ]


def test_a_push_in_chunks_needs_the_update_endpoint(run: Callable[..., Any]) -> None:
    outcome = run("push", "http://127.0.0.1:9/store", "--chunk", "100")
    assert outcome.code == 2
    assert "--update URL" in outcome.err
    dry = run("push", "http://127.0.0.1:9/store", "--chunk", "1000", "--dry-run", "-f", "json")
    assert dry.code == 0, dry.err
    assert json.loads(dry.out)["requests"] >= 5  # 4,771 triples, 1,000 a request, and the MOVE


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_answers_the_same_after_a_push(
    name: str, store: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    if count_triples(store.query, GRAPH) == 0:
        assert push(run, store, monkeypatch).code == 0
    args = [*example_args(name), "--format", "sparql-json"]
    local = run(*args)
    assert local.code == 0, local.err
    remote = run(*args, "--endpoint", store.query, "--graph", GRAPH)
    assert remote.code == 0, remote.err
    assert answers(json.loads(remote.out)) == answers(json.loads(local.out))


def test_a_wrong_password_is_one_line_and_never_shown(
    virtuoso: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "not-the-password-4711"
    monkeypatch.setenv("COOPGRAPH_PASSWORD", secret)
    outcome = run("push", virtuoso.graph_store, "--user", "dba")
    assert outcome.code == 1
    assert outcome.err.strip().splitlines() == [
        f"Error: the graph store {virtuoso.graph_store} answered HTTP 401 digest auth failed "
        "(wrong user or password?)"
    ]
    assert secret not in outcome.out + outcome.err


def test_no_login_is_refused_by_virtuoso(
    virtuoso: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COOPGRAPH_PASSWORD", raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")
    monkeypatch.delenv("NETRC", raising=False)
    outcome = run("push", virtuoso.graph_store)
    assert outcome.code == 1
    assert "HTTP 401" in outcome.err and "--user NAME" in outcome.err


def test_the_password_can_come_from_netrc(
    virtuoso: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login dba password dba\n")
    netrc.chmod(0o600)
    monkeypatch.delenv("COOPGRAPH_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(netrc))
    outcome = run("push", virtuoso.graph_store, "--format", "json")  # the login too
    assert outcome.code == 0, outcome.err
    assert "dba" not in outcome.err
    assert count_triples(virtuoso.query, GRAPH) == json.loads(outcome.out)["triples"]


def test_a_user_without_a_password_is_a_usage_error(
    run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("COOPGRAPH_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    outcome = run("push", "http://127.0.0.1:9/store", "--user", "someone")
    assert outcome.code == 2
    assert "COOPGRAPH_PASSWORD" in outcome.err


class _BasicStore(http.server.BaseHTTPRequestHandler):
    """A Graph Store asking for Basic authentication: it keeps what was PUT."""

    received: ClassVar[list[tuple[str, bytes]]] = []

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "Basic " + base64.b64encode(b"alice:s3cret").decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.received.append((self.path, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_basic_authentication(run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _BasicStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("COOPGRAPH_PASSWORD", "s3cret")
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        outcome = run("push", url, "--user", "alice", "--graph", "http://example.org/g")
        assert outcome.code == 0, outcome.err
        ((path, body),) = _BasicStore.received
        assert path == "/store?graph=http%3A%2F%2Fexample.org%2Fg"
        assert body.count(b"\n") > 1000
    finally:
        server.shutdown()
        server.server_close()


def test_the_served_answer_matches_what_was_pushed(oxigraph: Store) -> None:
    rows = select(
        oxigraph.query,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        default_graph=GRAPH,
    )
    assert int(rows[0]["n"]["value"]) == count_triples(oxigraph.query, GRAPH)


def test_a_query_can_log_in(
    virtuoso: Store, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Virtuoso's /sparql-auth asks for Digest: the same login as push."""
    assert push(run, virtuoso, monkeypatch).code == 0
    endpoint = virtuoso.query + "-auth"
    args = ["sparql", "country-pairs", "--endpoint", endpoint, "--graph", GRAPH, "-f", "json"]
    monkeypatch.delenv("COOPGRAPH_PASSWORD")
    monkeypatch.setenv("NETRC", "/nonexistent")
    refused = run(*args)
    assert refused.code == 1
    assert "HTTP 401" in refused.err
    monkeypatch.setenv("COOPGRAPH_PASSWORD", "dba")
    answered = run(*args, "--user", "dba")
    assert answered.code == 0, answered.err
    assert json.loads(answered.out) == json.loads(run("sparql", "country-pairs", "-f", "json").out)
