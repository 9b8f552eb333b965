"""Brokers and opportunities at 100,000 agreements (2,000 agencies), and betweenness side by side.

Measures, on the synthetic data of ``generate.py`` opened from the persistent store:

1. the library calls: the network table built from the records (cold) or read from the
   store's ``memo/`` (warm), the graph, ``brokers``, ``opportunities`` (pairs, both
   scores, and trilaterals);
2. whole commands as processes, cold (the analytics table not yet kept) and warm, with
   peak memory from ``/usr/bin/time -v``;
3. betweenness computed four ways on the same graph: exact networkx (the reference),
   networkx sampling k pivots, igraph (exact, C), and nx-parallel if it imports; accuracy
   as Spearman's rank correlation over all agencies and the overlap of the top 20;
4. the pair scores: one numpy matrix product against networkx over every open triad.

    python benchmarks/bench_analytics_network.py --data /tmp/bs100/data-100000.yaml \
        --cache /tmp/bs100/cache              # writes benchmarks/results-analytics-network.md
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def spearman(first: dict[str, float], second: dict[str, float]) -> float:
    """Spearman's rank correlation (average ranks for ties) over the same keys."""
    import numpy as np

    keys = sorted(first)

    def ranks(values: list[float]) -> Any:
        array = np.asarray(values)
        order = array.argsort(kind="stable")
        ranked = np.empty(len(array))
        ranked[order] = np.arange(len(array))
        for value in np.unique(array):  # ties share their mean rank
            where = array == value
            ranked[where] = ranked[where].mean()
        return ranked

    a, b = ranks([first[k] for k in keys]), ranks([second[k] for k in keys])
    return float(np.corrcoef(a, b)[0, 1])


def top_overlap(first: dict[str, float], second: dict[str, float], k: int = 20) -> int:
    def best(scores: dict[str, float]) -> set[str]:
        return set(sorted(scores, key=lambda n: (-scores[n], n))[:k])

    return len(best(first) & best(second))


def command(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one ``coopgraph`` process."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "coopgraph", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and rss, done.stderr[-2000:]
    hours, minutes, seconds = wall.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    return total, int(rss.group(1)) / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/bs100/data-100000.yaml"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bs100/cache"))
    parser.add_argument("--samples", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--no-exact-networkx", action="store_true", help="skip the slow one")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results-analytics-network.md")
    args = parser.parse_args()
    os.environ["COOPGRAPH_CACHE"] = str(args.cache)
    env = {**os.environ, "COOPGRAPH_CACHE": str(args.cache)}

    import networkx as nx

    from coopgraph.analytics.brokers import betweenness, brokers
    from coopgraph.analytics.network import MEMO, graph_of, links
    from coopgraph.analytics.opportunities import opportunities, pair_candidates, score_pairs
    from coopgraph.store import open_index

    lines = [
        "# Brokers and opportunities at 100,000 agreements",
        "",
        f"Data: `{args.data}` (`python benchmarks/generate.py --agencies 2000 --agreements "
        "100000`), store in `COOPGRAPH_CACHE`. Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"networkx {nx.__version__}.",
        "",
        "Command: `python benchmarks/bench_analytics_network.py --data "
        f"{args.data} --cache {args.cache}`",
        "",
    ]
    index = open_index(args.data)
    memo = Path(index._memo_dir)  # type: ignore[attr-defined]
    for stale in memo.glob(f"{MEMO}*.pickle"):  # this benchmark's own files: measure cold
        stale.unlink()

    # --- 1. library calls ------------------------------------------------------------------
    cold_table, table = timed(lambda: links(index))
    warm_index = open_index(args.data)
    warm_table, _ = timed(lambda: links(warm_index))
    graph_cold, graph = timed(lambda: graph_of(table, None, index=index))
    fresh = open_index(args.data)
    graph_warm, _ = timed(lambda: graph_of(links(fresh), None, index=fresh))
    lines += [
        "## Library calls",
        "",
        f"Network: {graph.number_of_nodes():,} agencies, {graph.number_of_edges():,} ties.",
        "",
        "| step | seconds |",
        "|---|---:|",
        f"| network table from the records (cold: reads every record) | {cold_table:.2f} |",
        f"| network table read from the store's memo (warm) | {warm_table:.2f} |",
        f"| whole-data graph, edge list computed and kept | {graph_cold:.2f} |",
        f"| whole-data graph, from the kept table and edge list | {graph_warm:.2f} |",
    ]
    for label, call in [
        ("brokers (igraph, top 20)", lambda: brokers(index)),
        ("brokers --as-of 2015-06-30", lambda: brokers(index, as_of="2015-06-30")),
        ("opportunities (pairs, Adamic-Adar)", lambda: opportunities(index)),
        (
            "opportunities (pairs, resource allocation)",
            lambda: opportunities(index, score="resource-allocation"),
        ),
        ("opportunities AG00000 (one agency)", lambda: opportunities(index, "AG00000")),
        ("opportunities --kind trilateral", lambda: opportunities(index, kind="trilateral")),
    ]:
        seconds, _ = timed(call)
        lines.append(f"| {label} | {seconds:.2f} |")
    lines.append("")

    # --- 2. whole commands -----------------------------------------------------------------
    lines += [
        "## Whole commands (one process each)",
        "",
        "Cold: the store is built but the analytics table and edge list are not kept yet "
        "(removed first); warm: the next run. `/usr/bin/time -v`.",
        "",
        "| command | cold s | cold peak MB | warm s | warm peak MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for words in (
        ["brokers"],
        ["opportunities"],
        ["opportunities", "--kind", "trilateral"],
        ["brokers", "--as-of", "2015-06-30"],
    ):
        for stale in memo.glob(f"{MEMO}*.pickle"):
            stale.unlink()
        full = [*words, "--data", str(args.data), "--format", "json"]
        cold = command(full, env)
        warm = command(full, env)
        assert cold[2] == warm[2] == 0, (words, cold, warm)
        lines.append(
            f"| `coopgraph {' '.join(words)}` | {cold[0]:.2f} | {cold[1]:.0f} | "
            f"{warm[0]:.2f} | {warm[1]:.0f} |"
        )
    lines.append("")

    # --- 3. betweenness side by side ------------------------------------------------------
    lines += [
        "## Betweenness, four ways, on the same graph",
        "",
        "Accuracy against exact networkx: Spearman's rank correlation over all agencies, and "
        "how many of its top 20 each method also ranks in its top 20.",
        "",
        "| method | seconds | Spearman | top-20 overlap |",
        "|---|---:|---:|---:|",
    ]
    ig_seconds, fast = timed(lambda: betweenness(graph, method="igraph"))
    if args.no_exact_networkx:
        reference, label = fast, "igraph"
        lines.append("| networkx exact | (skipped) | | |")
    else:
        nx_seconds, reference = timed(lambda: betweenness(graph, method="networkx"))
        label = "networkx exact"
        lines.append(f"| networkx exact | {nx_seconds:.1f} | 1.000 | 20 |")
    lines.append(
        f"| igraph exact | {ig_seconds:.2f} | {spearman(reference, fast):.4f} | "
        f"{top_overlap(reference, fast)} |"
    )
    for k in args.samples:
        seconds, sampled = timed(
            lambda k=k: betweenness(graph, method="sampled", samples=k, seed=1)
        )
        lines.append(
            f"| networkx sampled k={k} | {seconds:.1f} | {spearman(reference, sampled):.4f} | "
            f"{top_overlap(reference, sampled)} |"
        )
    try:
        import nx_parallel  # noqa: F401

        seconds, parallel = timed(lambda: nx.betweenness_centrality(graph, backend="parallel"))
        lines.append(
            f"| nx-parallel ({os.cpu_count()} cores) | {seconds:.1f} | "
            f"{spearman(reference, parallel):.4f} | {top_overlap(reference, parallel)} |"
        )
    except Exception as error:  # not installed, or installed but broken
        lines.append(f"| nx-parallel | not run: {type(error).__name__}: {error} | | |")
    lines += ["", f"Reference for accuracy: {label}.", ""]

    # --- 4. pair scores --------------------------------------------------------------------
    seconds_py, scored = timed(
        lambda: score_pairs(graph, pair_candidates(graph, table), "resource-allocation")
    )
    lines += [
        "## Pair scores",
        "",
        "| way | seconds | pairs scored |",
        "|---|---:|---:|",
        f"| networkx over every open triad across countries | {seconds_py:.1f} | {len(scored):,} |",
    ]
    seconds_np, result = timed(lambda: opportunities(index, score="resource-allocation"))
    lines.append(
        f"| numpy matrix product, top 20 re-scored by networkx | {seconds_np:.2f} | "
        f"{result.candidates:,} (counted) |"
    )
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:20]
    same = [pair for pair, _ in best] == [(r.agency1, r.agency2) for r in result.pairs]
    lines += ["", f"Same top 20, same order: {'yes' if same else 'NO'}.", ""]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
