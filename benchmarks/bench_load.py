"""Load speed and memory against the plain baseline, and the CLI's cold start.

For M agreements (default 1,000 / 10,000 / 100,000; N = M/50 agencies, at least 200),
each measurement runs in a fresh Python process so peak memory (ru_maxrss) is its own:

* coopgraph   - ``load_dataset`` (Rust YAML parser, GC paused) + Index + NetworkX graph
* cached      - every record read back from the store's snapshot (built by a first run)
* baseline    - pure-Python ``yaml.safe_load`` + ``Dataset.model_validate`` + the same graph

Cold start compares ``coopgraph partners NIST`` on the bundled data (cache warm) with a
bare typer command that does nothing, over repeated runs (median).

    python benchmarks/bench_load.py                 # all sizes, writes benchmarks/results.md
    python benchmarks/bench_load.py --sizes 1000 --skip-baseline-above 0
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

STEP = r"""
import gc, json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if mode == "baseline":
    import yaml
    from coopgraph.models import validate_dataset
    with open(path, encoding="utf-8") as handle:
        dataset = validate_dataset(yaml.safe_load(handle))
elif mode == "cached":
    from coopgraph.store import open_index
    dataset = open_index(path).dataset
else:
    from coopgraph.load import load_dataset
    dataset = load_dataset(path)
t1 = time.perf_counter()
from coopgraph.graph import build_graph
from coopgraph.index import Index
graph = build_graph(Index(dataset))
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "graph": t2 - t1, "total": t2 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}))
"""

NOOP = """
import typer
app = typer.Typer()
@app.command()
def main(name: str) -> None:
    pass
app()
"""


def measure(path: Path, mode: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", STEP, str(path), mode],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def median_runtime(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``command``; with hyperfine installed, hyperfine's median."""
    import shutil

    if shutil.which("hyperfine"):
        report = Path(tempfile.mkdtemp()) / "hyperfine.json"
        subprocess.run(
            [
                "hyperfine",
                "-N",
                "-w",
                "3",
                "-r",
                str(runs),
                "--export-json",
                str(report),
                subprocess.list2cmdline(command),
            ],
            capture_output=True,
            env=env,
            check=True,
        )
        return json.loads(report.read_text())["results"][0]["median"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="coopgraph load and start-up benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--skip-baseline-above",
        type=int,
        default=10**9,
        help="do not run the (slow) baseline above this many agreements",
    )
    parser.add_argument("--runs", type=int, default=15, help="runs per cold-start command")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="coopgraph-bench-"))
    env = dict(os.environ, COOPGRAPH_CACHE=str(work / "cache"))
    lines = [
        "| agreements | MB of YAML | coopgraph load s | cached load s | baseline load s | "
        "load speed-up | graph s | coopgraph peak MB | baseline peak MB | graph nodes / edges |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in args.sizes:
        path = work / f"synthetic-{size}.yaml"
        path.write_text(generate(max(200, size // 50), size), encoding="utf-8")
        ours = measure(path, "coopgraph", env)
        measure(path, "cached", env)  # fills the cache
        cached = measure(path, "cached", env)
        base = measure(path, "baseline", env) if size <= args.skip_baseline_above else None
        baseline_load = f"{base['load']:.2f}" if base else "not run"
        speedup = f"{base['load'] / ours['load']:.1f}x" if base else "—"
        baseline_rss = f"{base['rss_mb']:.0f}" if base else "—"
        lines.append(
            f"| {size:,} | {path.stat().st_size / 1e6:.1f} | {ours['load']:.2f} | "
            f"{cached['load']:.2f} | {baseline_load} | {speedup} | {ours['graph']:.2f} | "
            f"{ours['rss_mb']:.0f} | {baseline_rss} | {ours['nodes']:,} / {ours['edges']:,} |"
        )
        print(lines[-1], flush=True)

    noop = work / "noop.py"
    noop.write_text(NOOP)
    script = Path(sys.executable).parent / "coopgraph"  # the installed console script
    command = [str(script)] if script.exists() else [sys.executable, "-m", "coopgraph"]
    coopgraph = [*command, "partners", "NIST"]
    subprocess.run(coopgraph, capture_output=True, env=env, check=True)  # warm the cache
    ours_start = median_runtime(coopgraph, args.runs, env)
    noop_start = median_runtime([sys.executable, str(noop), "x"], args.runs, env)
    start = [
        "",
        f"| cold start (median of {args.runs}) | seconds |",
        "|---|---:|",
        f"| `coopgraph partners NIST` | {ours_start:.3f} |",
        f"| bare typer no-op | {noop_start:.3f} |",
        f"| ratio | {ours_start / noop_start:.2f}x |",
    ]
    print("\n".join(start))
    args.output.write_text(
        "# Benchmark results\n\nProduced by `python benchmarks/bench_load.py` on "
        f"{time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.\n\n"
        + "\n".join(lines + start)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
