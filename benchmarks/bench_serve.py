"""Bounded load on ``coopgraph serve``, beside ``oxigraph serve-read-only`` on the same store.

What a team sharing one endpoint would see: a mix of the library's interactive named
queries (partners of an agency, the evidence of an agreement, agreements between two
countries, in a field, agencies of a country, a timeline), with parameters drawn at random
and bound as ``coopgraph sparql --endpoint`` binds them (the same ``VALUES`` text), sent by
the SPARQL 1.1 Protocol over keep-alive connections at concurrency 1, 8 and 32. Each level
sends a fixed number of requests and stops; everything goes to 127.0.0.1 only.

The ceiling is the Oxigraph server started by hand (``oxigraph serve-read-only --location``)
on the very store ``coopgraph serve`` serves: coopgraph adds nothing between client and
server, so the two should match, and a gap would be a cost of ours.

    python benchmarks/bench_serve.py --agreements 10000 --requests 2000
    python benchmarks/bench_serve.py --agreements 100000 --requests 10000 --work /tmp/bench

Writes ``benchmarks/results-serve.md`` (``-o`` elsewhere). The load generator is Python
threads on the same machine: at high concurrency on few cores it competes with the server
for the CPU, so throughput there is a lower bound.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

#: The mix: query name and its share of requests.
MIX = [
    ("partners", 40),
    ("evidence", 20),
    ("agreements-between-countries", 15),
    ("agreements-in-field", 10),
    ("agencies-by-country", 10),
    ("timeline", 5),
]
COUNTRIES = ["KR", "US", "JP", "GB", "DE", "FR", "IN", "CA", "AU", "NO", "SG", "IL"]
HOST = "127.0.0.1"


@dataclass
class Level:
    """One concurrency level against one server."""

    server: str
    concurrency: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)

    def all(self) -> list[float]:
        return sorted(x for v in self.latencies.values() for x in v)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def prepare(work: Path, agencies: int, agreements: int) -> tuple[Path, dict[str, str]]:
    """The synthetic data and the environment whose cache holds its built store."""
    data = work / f"data-{agreements}.yaml"
    if not data.is_file():
        log(f"generating {agreements:,} agreements")
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--agencies",
                str(agencies),
                "--agreements",
                str(agreements),
                "-o",
                str(data),
            ],
            check=True,
        )
    env = dict(os.environ, COOPGRAPH_CACHE=str(work / "cache"), PYTHONPATH=str(ROOT / "src"))
    log("building the store (once per version of the data)")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coopgraph", "build", "--data", str(data)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log(f"built in {time.perf_counter() - started:.1f} s")
    return data, env


def texts(
    data: Path,
    env: dict[str, str],
    count: int,
    seed: int = 11,
    mix: list[tuple[str, int]] = MIX,
) -> list[tuple[str, str]]:
    """``count`` (query name, final query text) pairs of the mix, parameters drawn at random."""
    os.environ["COOPGRAPH_CACHE"] = env["COOPGRAPH_CACHE"]
    from coopgraph.sparql import bind, load_query, query_text
    from coopgraph.store import open_index

    index = open_index(data)
    rng = random.Random(seed)
    agencies = sorted(index.agencies)
    agreement_ids = sorted(index.agreements)
    field_ids = sorted(index.fields)
    names = [name for name, _ in mix]
    weights = [weight for _, weight in mix]
    out = []
    for _ in range(count):
        name = rng.choices(names, weights)[0]
        query = load_query(name)
        if name == "partners":
            # hubs are asked more often than the rest, as people ask about big agencies
            pool = agencies[:20] if rng.random() < 0.5 else agencies
            values = {"agency": rng.choice(pool)}
        elif name == "evidence":
            values = {"agreement": rng.choice(agreement_ids)}
        elif name == "agreements-between-countries":
            first, second = rng.sample(COUNTRIES[:6], 2)
            values = {"country1": first, "country2": second}
        elif name == "agreements-in-field":
            values = {"field": rng.choice(field_ids)}
        elif name == "agencies-by-country":
            values = {"country": rng.choice(COUNTRIES)}
        else:
            values = {"since": str(rng.randint(2018, 2025))}
        out.append((name, query_text(query, bind(query, values, index))))
    return out


def served_folder(data: Path, env: dict[str, str]) -> Path:
    """The store folder ``coopgraph serve`` serves for ``data`` (the same lookup it makes)."""
    os.environ["COOPGRAPH_CACHE"] = env["COOPGRAPH_CACHE"]
    from coopgraph.rdf.namespace import DEFAULT_BASE
    from coopgraph.store import open_rdf_folder

    _, folder = open_rdf_folder(data, DEFAULT_BASE)
    assert folder is not None, "the store is switched off"
    return folder


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_coopgraph(data: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "serve", "--data", str(data), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.endswith("/query"), url
    return process, port


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen[str], int]:
    from coopgraph.serve.server import find_oxigraph

    port = free_port()
    process = subprocess.Popen(
        [find_oxigraph(), "serve-read-only", "--location", str(folder), "--bind", f"{HOST}:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=1)
            connection.request("GET", "/")
            connection.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("oxigraph serve-read-only did not start")


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def load(
    server: str, port: int, work: list[tuple[str, str]], concurrency: int, timeout: float
) -> Level:
    """Send every request of ``work`` with ``concurrency`` keep-alive clients; time each."""
    level = Level(server, concurrency, 0.0)
    lock = threading.Lock()
    position = iter(range(len(work)))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        while True:
            with lock:
                i = next(position, None)
            if i is None:
                break
            name, text = work[i]
            body = urllib.parse.urlencode({"query": text})
            started = time.perf_counter()
            try:
                connection.request("POST", "/query", body, headers)
                answer = connection.getresponse()
                answer.read()
                ok = answer.status == 200
                problem = f"HTTP {answer.status}"
            except (OSError, http.client.HTTPException) as error:
                ok, problem = False, type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            took = time.perf_counter() - started
            with lock:
                if ok:
                    level.latencies[name].append(took)
                else:
                    level.errors.append(f"{name}: {problem}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.seconds = time.perf_counter() - started
    return level


def ms(value: float) -> str:
    return f"{value * 1000:.1f}"


def report(
    levels: list[Level],
    args: argparse.Namespace,
    meta: dict[str, str],
    mix: list[tuple[str, int]] = MIX,
) -> str:
    lines = [
        "# Serve benchmark: bounded load on the SPARQL endpoint",
        "",
        f"Produced by `python benchmarks/bench_serve.py {' '.join(sys.argv[1:])}` on "
        f"{time.strftime('%Y-%m-%d (UTC %H:%M)', time.gmtime())}.",
        "",
        f"Machine: {meta['machine']}. Data: {args.agreements:,} synthetic agreements, "
        f"{args.agencies:,} agencies (`benchmarks/generate.py`, seed 7), {meta['triples']} "
        "triples in the store.",
        "",
        f"Each level sends {args.requests:,} requests of the mix "
        + ", ".join(f"{name} {weight}%" for name, weight in mix)
        + " (parameters drawn at random, the same sequence for both servers) over keep-alive "
        "connections, from Python threads on the same machine, to 127.0.0.1. `coopgraph "
        "serve` runs `oxigraph serve-read-only` on the store coopgraph built; the ceiling is "
        "`oxigraph serve-read-only --location` started by hand on that same store.",
        "",
        "| server | concurrency | requests | errors | throughput (req/s) | p50 (ms) | "
        "p99 (ms) | partners p50 (ms) | partners p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for level in levels:
        every = level.all()
        partners = level.latencies.get("partners", [])
        lines.append(
            f"| {level.server} | {level.concurrency} | {level.requests:,} | {len(level.errors)} "
            f"| {level.requests / level.seconds:,.0f} | {ms(percentile(every, 50))} "
            f"| {ms(percentile(every, 99))} | {ms(percentile(partners, 50))} "
            f"| {ms(percentile(partners, 99))} |"
        )
    lines += [
        "",
        "Per query at concurrency 8 (`coopgraph serve`): p50 / p99 in ms.",
        "",
        "| query | requests | p50 | p99 |",
        "|---|---:|---:|---:|",
    ]
    for level in levels:
        if level.server == "coopgraph serve" and level.concurrency == 8:
            for name, _ in mix:
                values = level.latencies.get(name, [])
                lines.append(
                    f"| {name} | {len(values)} | {ms(percentile(values, 50))} "
                    f"| {ms(percentile(values, 99))} |"
                )
    errors = sorted({e for level in levels for e in level.errors})
    if errors:
        lines += ["", "Errors seen: " + "; ".join(errors[:10])]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=2_000, help="per level and server")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a request may take")
    parser.add_argument("--work", type=Path, default=Path("/tmp/coopgraph-bench-serve"))
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results-serve.md")
    parser.add_argument(
        "--only",
        choices=[name for name, _ in MIX],
        help="one query of the mix alone: what it costs without its neighbours",
    )
    args = parser.parse_args()
    mix = [(args.only, 100)] if args.only else MIX
    args.work.mkdir(parents=True, exist_ok=True)
    data, env = prepare(args.work, args.agencies, args.agreements)
    work = texts(data, env, args.requests, mix=mix)
    folder = served_folder(data, env)
    levels = [int(c) for c in args.concurrency.split(",")]
    results: list[Level] = []
    for server in ("coopgraph serve", "oxigraph serve-read-only (by hand)"):
        if server == "coopgraph serve":
            process, port = start_coopgraph(data, env)
        else:
            process, port = start_oxigraph(folder)
        try:
            load(server, port, work[:50], 4, args.timeout)  # warm the caches
            for concurrency in levels:
                log(f"{server}: concurrency {concurrency}, {len(work):,} requests")
                level = load(server, port, work, concurrency, args.timeout)
                log(
                    f"  {level.requests / level.seconds:,.0f} req/s, p50 "
                    f"{ms(percentile(level.all(), 50))} ms, p99 "
                    f"{ms(percentile(level.all(), 99))} ms, {len(level.errors)} errors"
                )
                results.append(level)
        finally:
            stop(process)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    meta = {
        "machine": f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}",
        "triples": f"{len(store):,}",
    }
    args.output.write_text(report(results, args, meta, mix), encoding="utf-8")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
