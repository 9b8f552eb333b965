"""``coopgraph site``: the graph as a static, bilingual, searchable website.

For the people who never open a terminal. One folder of HTML, CSS and a little JavaScript
that works from ``file://``, from any static host and offline:

- a page per record (agency, agreement, event, field, source) at the path of its IRI
  (``<base>agency/KRISS`` → ``agency/KRISS/index.html``), and per country and country
  pair; every statement carries its quote and a link to its source;
- English at the root and Korean under ``ko/`` (:mod:`~coopgraph.site.layout`), with a
  switch on every page that stays on the same record;
- each record's machine-readable twin: JSON-LD embedded in its page and Turtle beside it
  (:mod:`~coopgraph.site.twins`), the whole dataset downloadable (:mod:`~coopgraph.site.downloads`);
- a search box on every page, answered in the browser by MiniSearch over shards loaded only
  when someone searches (:mod:`~coopgraph.site.search`).

The data flows: index → :mod:`~coopgraph.site.facts` (inverse lookups, one pass) →
:mod:`~coopgraph.site.pages` (what each page says, as plain data) →
:mod:`~coopgraph.site.render` (Jinja2 templates) → :mod:`~coopgraph.site.output` (a staging
folder swapped into place; unchanged files linked from the previous build, not rewritten).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from coopgraph.index import Index
from coopgraph.rdf.namespace import DEFAULT_BASE
from coopgraph.site.layout import lang_root, twin_path

__all__ = ["SiteReport", "build_site"]


@dataclass(frozen=True)
class SiteReport:
    """What a build did, for the command's closing line and the benchmarks."""

    target: str
    languages: list[str]
    pages: int
    files: int
    written: int
    kept: int
    bytes: int
    seconds: float

    def summary(self) -> str:
        return (
            f"wrote {self.target}: {self.pages:,} pages in {', '.join(self.languages)}, "
            f"{self.files:,} files ({self.written:,} written, {self.kept:,} unchanged), "
            f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s"
        )


def _static_files() -> Iterable[tuple[str, bytes]]:
    """The stylesheet, scripts and licences, under ``static/``."""
    root = resources.files("coopgraph.site") / "static"
    stack = [(root, "static")]
    while stack:
        folder, prefix = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                stack.append((entry, f"{prefix}/{entry.name}"))
            elif not entry.name.startswith("."):
                yield f"{prefix}/{entry.name}", entry.read_bytes()


def build_site(
    index: Index,
    target: Path,
    *,
    langs: Sequence[str] = ("en", "ko"),
    base_url: str | None = None,
    base_iri: str = DEFAULT_BASE,
    force: bool = False,
    keep_out: Iterable[Path] = (),
) -> SiteReport:
    """Write the site for ``index`` into ``target`` (swapped in whole; see :mod:`.output`).

    ``langs`` lists the languages, the first at the root; ``base_url`` is the public
    address (for canonical links and the sitemap; pages link relatively and need none);
    ``keep_out`` are paths the target must not contain (the data files).
    """
    from coopgraph.site.downloads import dataset_date, downloads
    from coopgraph.site.facts import Facts
    from coopgraph.site.output import SiteWriter
    from coopgraph.site.pages import pages
    from coopgraph.site.render import Renderer
    from coopgraph.site.search import search_files
    from coopgraph.site.twins import twins

    started = time.perf_counter()
    memory = index if type(index) is Index else Index(index.dataset)
    facts = Facts.of(memory)
    renderer = Renderer(langs, base_url)
    count = 0
    with SiteWriter(target, force=force, keep_out=keep_out) as writer:
        jsonld: dict[tuple[str, str], str] = {}
        for twin in twins(memory.dataset, base=base_iri):
            writer.put_bytes(twin_path(twin.kind, twin.key), twin.turtle)
            jsonld[(twin.kind, twin.key)] = twin.jsonld
        files = downloads(memory, base=base_iri)
        for download in files:
            writer.put_bytes(download.path, download.data)
        home_extra = {
            "downloads": [
                {
                    "href": d.path,
                    "label": d.label,
                    "size": len(d.data),
                    "media_type": d.media_type,
                }
                for d in files
            ],
            "data_date": dataset_date(memory),
            "base_url": base_url,
            "base_iri": base_iri,
        }
        for lang in langs:
            for page in pages(facts, lang, langs):
                if page.kind == "home":
                    page = dataclasses.replace(page, content={**page.content, **home_extra})
                twin = jsonld.get((page.kind, page.key))
                key = renderer.key(page, twin)
                writer.put(page.path, key, lambda p=page, j=twin: renderer.render(p, j))
                count += 1
            for path, data in sorted(search_files(memory, lang, langs).items()):
                writer.put_bytes(path, data)
            search_page = f"{lang_root(lang, langs)}search/index.html"
            writer.put_bytes(
                search_page,
                renderer.render_plain(
                    "search.html.j2",
                    search_page,
                    lang,
                    search_manifest=f"search/{lang}/manifest.js",
                ),
            )
            count += 1
        for path, data in _static_files():
            writer.put_bytes(path, data)
        if base_url is not None:
            writer.put_bytes("sitemap.xml", _sitemap(base_url, writer.files))
    return SiteReport(
        target=str(target),
        languages=list(langs),
        pages=count,
        files=len(writer.files) + 1,
        written=writer.written,
        kept=writer.kept,
        bytes=writer.bytes,
        seconds=time.perf_counter() - started,
    )


def _sitemap(base_url: str, files: dict[str, Any]) -> bytes:
    """Every page's address, for search engines (only with ``--base-url``)."""
    from xml.sax.saxutils import escape

    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for path in sorted(files):
        if path.endswith("index.html"):
            address = escape(base_url + path.removesuffix("index.html"))
            lines.append(f"<url><loc>{address}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
