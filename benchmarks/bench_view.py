"""How long the HTML view takes to draw in headless Chromium, at 500 and 5,000 agencies.

Synthetic data (N agencies, 2N agreements, preferential attachment); the page is written
by ``render_view`` and opened from a file in Debian's Chromium through Playwright. The time
is the page's own ``performance.now()`` when vis-network first draws the stabilised graph,
i.e. from navigation start to a usable picture. Median of ``--runs`` openings.

    python benchmarks/bench_view.py                 # writes benchmarks/results-view.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def draw_time(browser, page_path: Path) -> float:  # type: ignore[no-untyped-def]
    from coopgraph.viz.browser import wait_until_drawn

    page = browser.new_page(viewport={"width": 1400, "height": 850})
    page.goto(page_path.as_uri())
    drawn = wait_until_drawn(page, timeout=600)
    page.close()
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description="HTML view drawing time")
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 5_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results-view.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from coopgraph.index import Index
    from coopgraph.load import load_dataset
    from coopgraph.viz.browser import launch
    from coopgraph.viz.network import agency_network
    from coopgraph.viz.view import render_view

    work = Path(tempfile.mkdtemp(prefix="coopgraph-view-bench-"))
    os.environ["COOPGRAPH_CACHE"] = str(work / "cache")
    lines = [
        "| agencies drawn | links | page MB | drawn after s (median) | runs |",
        "|---:|---:|---:|---:|---:|",
    ]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for nodes in args.nodes:
            data = work / f"synthetic-{nodes}.yaml"
            data.write_text(generate(nodes, nodes * 2), encoding="utf-8")
            index = Index(load_dataset(data))
            graph = agency_network(index)
            page = work / f"view-{nodes}.html"
            page.write_bytes(render_view(index, "html"))
            times = [draw_time(browser, page) for _ in range(args.runs)]
            lines.append(
                f"| {graph.number_of_nodes():,} | {graph.number_of_edges():,} | "
                f"{page.stat().st_size / 1e6:.1f} | {statistics.median(times):.2f} | "
                f"{args.runs} |"
            )
            print(lines[-1], flush=True)
        browser.close()
    args.output.write_text(
        "# HTML view benchmark\n\nProduced by `python benchmarks/bench_view.py` on "
        f"{time.strftime('%Y-%m-%d')} in Debian's headless Chromium, {os.cpu_count()} CPUs.\n\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
