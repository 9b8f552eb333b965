"""Benchmark ``coopgraph trends`` and ``coopgraph diff`` at 100,000 agreements.

What the issue asks: each command under 10 s as a whole process, and under 1 s when the
data has not changed since the last command (answered from the store's kept timetable),
with peak memory, beside the plain alternative (the data parsed in memory, ``--no-cache``).

Every figure is a whole process started by GNU ``/usr/bin/time`` (wall, user + system CPU,
peak RSS), except the in-process breakdown at the end. Runs:

- **build**: ``coopgraph build`` once, if the store lacks this version (code and data);
- **cold**: the first command after a store that lacks the timetable (``coopgraph build``
  keeps it, so ``memo/analytics-timetable.pickle`` is removed before each cold run): the
  command reads every record from the snapshot, builds the table and keeps it;
- **warm**: the same command again: the table is read back from the store;
- **plain**: ``--no-cache``: YAML parsed and validated in memory, the table built, nothing
  kept.

The code is a frozen copy (``git archive`` of ``--code``, default HEAD): the store's key
hashes coopgraph's sources, and other people editing the working tree mid-run would turn a
warm store cold. The data file is hard-linked into the work directory, so that this
benchmark's version of the store has a data path of its own and does not replace (and so
remove) the version other commands keep for the original path in the same cache.

    python benchmarks/bench_trends.py --data /tmp/bs100/data-100000.yaml \\
        --cache /tmp/bs100/cache --work /tmp/trends_work/bench -o benchmarks/results-trends.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import Run, Series, freeze_code, spread  # noqa: E402
from bench_store import run_once as timed_run  # noqa: E402


def run_once(command: list[str], env: dict[str, str], keep_output: bool = False) -> Run:
    """One fresh process timed from outside (bench_store's harness); a failure stops the run."""
    run = timed_run(command, env, keep_output=keep_output)
    if run.code != 0:
        raise SystemExit(f"failed (exit {run.code}): {' '.join(command)}\n{run.stderr[-2000:]}")
    return run


def load() -> float:
    return os.getloadavg()[0]


def freeze(revision: str, work: Path) -> tuple[str, Path]:
    """A copy of ``revision`` to measure (others may edit ``src`` meanwhile): its ``src``."""
    commit = freeze_code(revision, work)
    return commit, work / f"code-{commit[:12]}" / "src"


def version_directory(coopgraph: list[str], env: dict[str, str], build_output: str) -> Path:
    """The version ``coopgraph build`` printed ("Store <key> for ..."), found in the cache.

    Matched by key, not by data path: a version is shared by every path with the same data
    and code, and records the path that built it first.
    """
    match = re.search(r"^Store ([0-9a-f]+) for ", build_output, re.MULTILINE)
    if match is None:
        raise SystemExit(f"coopgraph build did not name its store:\n{build_output}")
    info = subprocess.run(
        [*coopgraph, "cache", "info", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for version in json.loads(info.stdout)["versions"]:
        if version["key"].startswith(match[1]):
            return Path(version["directory"])
    raise SystemExit(f"no version {match[1]} in the cache")


def in_process(env: dict[str, str], directory: Path) -> dict[str, float]:
    """Where a warm command's time goes: read the table back, count, render."""
    script = f"""
import io, json, time
from pathlib import Path
t0 = time.perf_counter()
from coopgraph.store.snapshot import SnapshotIndex
from coopgraph.analytics.trends import trends
from coopgraph.analytics.changes import diff
from coopgraph.analytics.timetable import timetable, _build
from coopgraph.render import render
t1 = time.perf_counter()
snapshot = Path({str(directory / "records.sqlite")!r})
index = SnapshotIndex(snapshot, snapshot.parent / "memo")
timetable(index)
t2 = time.perf_counter()
found = trends(index)
t3 = time.perf_counter()
render(found, "table", io.StringIO())
t4 = time.perf_counter()
render(found, "json", io.StringIO())
t5 = time.perf_counter()
changed = diff(index, since="2024-01", until="2024-06")
t6 = time.perf_counter()
render(changed, "table", io.StringIO())
t7 = time.perf_counter()
index.dataset
t8 = time.perf_counter()
_build(index)
t9 = time.perf_counter()
print(json.dumps({{
    "import the analytics": t1 - t0,
    "read the kept timetable": t2 - t1,
    "count trends (country pairs)": t3 - t2,
    "render trends as a table": t4 - t3,
    "render trends as JSON": t5 - t4,
    "diff 2024-01 to 2024-06": t6 - t5,
    "render diff as a table": t7 - t6,
    "cold: read every record from the snapshot": t8 - t7,
    "cold: build the timetable": t9 - t8,
    "diff rows": len(changed.changes),
    "trends rows": len(found.rows),
}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/bs100/data-100000.yaml"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bs100/cache"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/trends_work/bench"))
    parser.add_argument("--code", default="HEAD", help="git revision to measure")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command")
    parser.add_argument("--cold-runs", type=int, default=2)
    parser.add_argument("--plain-runs", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results-trends.md")
    args = parser.parse_args()

    started = time.perf_counter()
    commit, src = freeze(args.code, args.work)
    data = args.work / "data" / args.data.name
    data.parent.mkdir(parents=True, exist_ok=True)
    if not data.exists():
        os.link(args.data, data)
    env = dict(os.environ, COOPGRAPH_CACHE=str(args.cache), PYTHONPATH=str(src))
    env.pop("COOPGRAPH_DATA", None)
    coopgraph = [sys.executable, "-m", "coopgraph"]
    loads: list[float] = [load()]

    build = Series([*coopgraph, "build", "--data", str(data)])
    build.runs.append(run_once(build.command, env, keep_output=True))
    directory = version_directory(coopgraph, env, build.runs[0].stderr)
    memo = directory / "memo" / "analytics-timetable.pickle"

    noop = Series([*coopgraph, "--help"])
    commands = {
        "trends": ["trends"],
        "trends --by field": ["trends", "--by", "field"],
        "trends --format json": ["trends", "--format", "json"],
        "trends --country JP --since 2020": ["trends", "--country", "JP", "--since", "2020"],
        "diff --since 2024-01 --until 2024-06": [
            "diff",
            "--since",
            "2024-01",
            "--until",
            "2024-06",
        ],
        "diff --since 2020 --format json": ["diff", "--since", "2020", "--format", "json"],
    }
    results: dict[str, dict[str, Series]] = {}
    for name, words in commands.items():
        command = [*coopgraph, *words, "--data", str(data)]
        found = results[name] = {
            "cold": Series(command),
            "warm": Series(command),
            "plain": Series([*command, "--no-cache"]),
        }
        print(f"[{time.strftime('%H:%M:%S')}] {name}", file=sys.stderr, flush=True)
        for _ in range(
            args.cold_runs if name in ("trends", "diff --since 2024-01 --until 2024-06") else 0
        ):
            memo.unlink(missing_ok=True)
            found["cold"].runs.append(run_once(command, env))
            loads.append(load())
        run_once(command, env)  # the table is kept now (uncounted)
        for _ in range(args.runs):
            found["warm"].runs.append(run_once(command, env))
            noop.runs.append(run_once(noop.command, env))
            loads.append(load())
        if name in ("trends", "diff --since 2024-01 --until 2024-06"):
            for _ in range(args.plain_runs):
                found["plain"].runs.append(run_once(found["plain"].command, env))
                loads.append(load())
    breakdown = in_process(env, directory)
    memo_mb = memo.stat().st_size / 1e6

    lines = [
        "# trends and diff at 100,000 agreements",
        "",
        f"Produced by `python benchmarks/bench_trends.py --data {args.data} --cache {args.cache} "
        f"--work {args.work} --runs {args.runs}` on {time.strftime('%Y-%m-%d %H:%M %Z')} "
        f"({(time.perf_counter() - started) / 60:.0f} min).",
        "",
        f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Code: git {commit[:12]} (a frozen copy). Data: "
        f"{args.data} ({args.data.stat().st_size / 1e6:.1f} MB of YAML: 100,000 agreements, "
        "2,000 agencies, 5,000 events; `benchmarks/generate.py --agencies 2000 --agreements "
        "100000`).",
        "",
        f"Machine load (1-minute average) while measuring: median {statistics.median(loads):.1f}, "
        f"max {max(loads):.1f} on 2 cores; other sessions shared the machine, so the times "
        "are upper bounds.",
        "",
        "Seconds are whole processes (start-up, imports, opening the store, answer, output to "
        "/dev/null): median (min-max). Peak MB is the largest resident set of the runs.",
        "",
        "| command | cold s (timetable not kept) | cold peak MB | warm s | warm peak MB | "
        "plain `--no-cache` s | plain peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, found in results.items():
        cells = []
        for kind in ("cold", "warm", "plain"):
            s = found[kind]
            cells += [spread(s), f"{s.peak_mb:.0f}"] if s.runs else ["", ""]
        lines.append(f"| `coopgraph {name}` | " + " | ".join(cells) + " |")
    lines += [
        f"| start-up yardstick: `coopgraph --help` | | | {spread(noop)} | {noop.peak_mb:.0f} | | |",
        "",
        f"`coopgraph build` (once, before): {spread(build)} s, peak {build.peak_mb:.0f} MB "
        "(it keeps the timetable, which the cold runs remove first).",
        f"The kept timetable: {memo_mb:.1f} MB (`memo/analytics-timetable.pickle`).",
        "",
        "## Where a command's time goes (in one process, seconds)",
        "",
        "| step | s |",
        "|---|---:|",
    ]
    for step, value in breakdown.items():
        shown = f"{value:.3f}" if isinstance(value, float) else f"{value:,}"
        lines.append(f"| {step} | {shown} |")
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(args.work / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
