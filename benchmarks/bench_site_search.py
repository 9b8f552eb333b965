"""The site's search index: time to write it, its size, and its loading in Chromium.

    python benchmarks/bench_site_search.py [DATA.yaml ...]

For each data file (the bundled data when none is given): documents, shards, bytes and
the seconds ``search_files`` takes per language; then the seconds headless Chromium takes
from opening the English search page with ``?q=agency`` from file:// until every shard is
loaded and indexed and the results are shown (the page polled every 50 ms).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.site.search import manifest_path, search_files

LANGS = ("en", "ko")
STATIC = Path(__file__).resolve().parents[1] / "src" / "coopgraph" / "site" / "static"


def measure(data: str) -> None:
    started = time.perf_counter()
    index = Index(load_dataset(data or None))
    print(
        f"## {data or 'bundled data'}\n\nload and index {time.perf_counter() - started:.2f} s; "
        f"{len(index.agencies)} agencies, {len(index.agreements)} agreements, "
        f"{len(index.events)} events, {len(index.sources)} sources\n"
    )
    print("| lang | docs | shards | total bytes | largest shard | seconds |")
    print("|---|---|---|---|---|---|")
    site = Path(tempfile.mkdtemp(prefix="search-bench-"))
    for lang in LANGS:
        started = time.perf_counter()
        files = search_files(index, lang, LANGS)
        took = time.perf_counter() - started
        manifest = files[manifest_path(lang)].decode()
        docs = json.loads(manifest[len("coopgraphSearch.manifest(") : -3])["docs"]
        shards = [len(v) for k, v in files.items() if k != manifest_path(lang)]
        total = sum(len(v) for v in files.values())
        print(f"| {lang} | {docs} | {len(shards)} | {total:,} | {max(shards):,} | {took:.2f} |")
        for path, data_ in files.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(data_)
    print(f"\nChromium, search page to all shards indexed: {in_browser(site):.2f} s\n")
    shutil.rmtree(site)


def in_browser(site: Path) -> float:
    from jinja2 import Environment, FileSystemLoader
    from playwright.sync_api import sync_playwright

    from coopgraph.viz.browser import launch

    (site / "static").mkdir()
    for name in ("minisearch.min.js", "search.js"):
        shutil.copy(STATIC / name, site / "static" / name)
    (site / "static" / "site.css").write_text("")
    env = Environment(loader=FileSystemLoader(STATIC.parent / "templates"), autoescape=True)
    messages = {}
    for file in sorted((STATIC.parent / "messages" / "en").glob("*.yaml")):
        messages.update(yaml.safe_load(file.read_text("utf-8")))
    page_file = site / "search" / "index.html"
    page_file.write_text(
        env.get_template("search.html.j2").render(
            lang="en",
            root="../",
            lang_root="../",
            t=messages,
            languages=[],
            search_manifest=manifest_path("en"),
        ),
        "utf-8",
    )
    done = (
        "() => { const l = document.getElementById('search-results');"
        " return l.dataset.complete === 'true'; }"
    )
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(page_file.as_uri() + "?q=agency")
        while not page.evaluate(done):
            time.sleep(0.05)
        took = time.perf_counter() - started
        browser.close()
    return took


if __name__ == "__main__":
    for data in sys.argv[1:] or [""]:
        measure(data)
