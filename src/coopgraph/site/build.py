"""The build: which files the site has, which changed, and who writes them.

Every file gets a content key: a page's key digests what it says
(:mod:`~coopgraph.site.pages`) with the templates and code that draw it; a twin's key
digests its record and position; the downloads' key digests every twin key. A file whose
key is in the previous site's manifest is linked, not produced (:mod:`~coopgraph.site.output`).

Working out what a page says is most of the work of drawing it, so pages are first told
apart by their input keys (:mod:`~coopgraph.site.inputs`), which digest the records a page
reads: a unit of pages whose input key is the previous build's is linked as it was, and
only the others are worked out and compared by content key. After a change to one record,
a few dozen of 26,000 pages are worked out.

For a large site the work is shared by forked worker processes, one per core: drawing
pages is pure Python, so processes, not threads, use the second core. The tasks are the
downloads in three groups (:data:`~coopgraph.site.downloads.GROUPS`), each language's
pages, and the twins' Turtle files (with the root language's pages in a first build, with
the RDF files in a rebuild: see :class:`_Job`). A worker inherits the index and the
lookups, writes into the shared staging folder and sends back the manifest entries; the
parent then draws the home pages, which show the downloads' sizes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coopgraph.errors import CoopgraphError
from coopgraph.index import Index
from coopgraph.rdf.export import records_in_order
from coopgraph.site.facts import Facts
from coopgraph.site.inputs import Inputs, Unit, record_digest, units, value_digest
from coopgraph.site.layout import lang_root, page_path, twin_path
from coopgraph.site.output import SiteWriter
from coopgraph.site.pages import RECORD_KINDS, Page, home_page, unit_pages
from coopgraph.site.rdf_files import FILES, JSONLD, TURTLE, Parts
from coopgraph.site.render import Renderer, code_fingerprint
from coopgraph.site.views import Views
from coopgraph.site.words import files_under, package_files
from coopgraph.waiting import result_of

__all__ = ["SiteReport", "build_site"]

#: Records times languages from which workers draw the site: at 1,000 agreements in two
#: languages (about 2,400) both ways took 3.3 s (with the fresh test suite running beside).
PARALLEL_FROM = 4_000


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
    #: Seconds of each step, as the parent saw them (the benchmarks report them).
    steps: dict[str, float] = field(default_factory=dict)
    #: Names the user had added at the top of the earlier site, kept (a CNAME...).
    carried: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"wrote {self.target}: {self.pages:,} pages in {', '.join(self.languages)}, "
            f"{self.files:,} files ({self.written:,} written, {self.kept:,} unchanged), "
            f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s"
        )


class _Twins:
    """Each record's digest and twin key, and its twin (Turtle, JSON-LD) made on first need."""

    def __init__(self, index: Index, base: str) -> None:
        self.base = base
        self.records: dict[tuple[str, str], tuple[Any, int]] = {}
        #: each record as it stands (:func:`~coopgraph.site.inputs.record_digest`)
        self.digests: dict[tuple[str, str], str] = {}
        self.keys: dict[tuple[str, str], str] = {}
        self._made: dict[tuple[str, str], Any] = {}
        code = code_fingerprint()
        for kind, position, record in records_in_order(index.dataset):
            ref = (kind, record.id)
            self.records[ref] = (record, position)
            self.digests[ref] = digest = record_digest(kind, record)
            self.keys[ref] = value_digest(code, base, kind, position, digest)

    def twin(self, kind: str, key: str) -> Any:
        from coopgraph.site.twins import record_twin

        found = self._made.get((kind, key))
        if found is None:
            record, position = self.records[(kind, key)]
            found = self._made[(kind, key)] = record_twin(kind, record, position, base=self.base)
        return found

    def jsonld(self, kind: str, key: str) -> str | None:
        return self.twin(kind, key).jsonld if (kind, key) in self.records else None

    def dataset_key(self) -> str:
        return value_digest(sorted(self.keys.items()))


@dataclass
class _Job:
    """What a language's worker needs; set before forking, inherited by the workers."""

    facts: Facts
    renderer: Renderer
    twins: _Twins
    writer: SiteWriter
    langs: tuple[str, ...]
    #: every unit of pages with its input key, the same in every language
    units: list[tuple[Unit, str]]
    #: the task that writes the twins' Turtle: the root language's in a first build, which
    #: makes every twin for its pages' JSON-LD anyway; in a rebuild, where most twins are
    #: linked, the RDF files' (the lightest task then: the languages' links balance out)
    twins_with: str


_JOB: _Job | None = None


def _page_key(job: _Job, page: Page) -> str:
    twin = job.twins.keys.get((page.kind, page.key)) if page.kind in RECORD_KINDS else None
    return job.renderer.key(page, twin)


def _draw(job: _Job, page: Page) -> bytes:
    jsonld = job.twins.jsonld(page.kind, page.key) if page.kind in RECORD_KINDS else None
    return job.renderer.render(page, jsonld)


@dataclass
class _Done:
    """What a task wrote into the staging folder, sent back to the parent."""

    files: dict[str, str]
    written: int
    kept: int
    bytes: int
    pages: int = 0
    listed: list[dict[str, Any]] | None = None  # the downloads, for the home pages
    seconds: float = 0.0
    #: a language's units: their input keys and the paths of their pages
    units: dict[str, list[str]] | None = None
    #: what the task adds to the manifest's extra part for the next build
    extra: dict[str, Any] = field(default_factory=dict)


#: The tasks' names for the groups of downloads (the others are languages).
_DOWNLOADS = {"downloads:rdf": "rdf", "downloads:network": "network", "downloads:tables": "tables"}


def _task(name: str) -> _Done:
    """A group of downloads or a language's pages, into the staging folder (in a worker, or
    here)."""
    job = _JOB
    assert job is not None
    started = time.perf_counter()
    part = job.writer.part()
    listed, count, drawn = None, 0, None
    if name in _DOWNLOADS:
        listed = _downloads(part, job.facts.index, job.twins, _DOWNLOADS[name])
    else:
        count, drawn = _language(job, part, name)
    if name == job.twins_with:
        _twin_files(job, part)
    seconds = time.perf_counter() - started
    return _Done(
        part.files, part.written, part.kept, part.bytes, count, listed, seconds, drawn, part.extra
    )


def _language(job: _Job, part: SiteWriter, lang: str) -> tuple[int, dict[str, list[str]]]:
    """Every page of one language but the home page, and its search files; the page count
    and each unit's input key and paths (for the manifest)."""
    from coopgraph.site.search import search_files

    views = Views(job.facts.index, lang, job.langs)
    previous = _previous_units(part, lang)
    drawn: dict[str, list[str]] = {}
    count = 0
    for unit, key in job.units:
        before = previous.get(unit.name)
        unchanged = before is not None and before[0] == key
        if unchanged and _own(unit, before[1:], lang, job.langs) and part.keep(before[1:]):
            drawn[unit.name] = before
            count += len(before) - 1
            continue
        made = unit_pages(job.facts, views, unit)
        for page in made:
            part.put(page.path, _page_key(job, page), lambda p=page: _draw(job, p))
        drawn[unit.name] = [key, *(page.path for page in made)]
        count += len(made)
    found = search_files(job.facts.index, lang, job.langs, facts=job.facts)
    for path, data in sorted(found.items()):
        part.put_bytes(path, data)
    search_page = f"{lang_root(lang, job.langs)}search/index.html"
    part.put_bytes(
        search_page,
        job.renderer.render_plain(
            "search.html.j2", search_page, lang, search_manifest=f"search/{lang}/manifest.js"
        ),
    )
    return count + 1, drawn


def _twin_files(job: _Job, part: SiteWriter) -> None:
    """Each record's Turtle, beside its page in the root language (``agency/KRISS/``)."""
    for (kind, key), twin_key in job.twins.keys.items():
        produce = lambda k=kind, i=key: job.twins.twin(k, i).turtle  # noqa: E731
        part.put(twin_path(kind, key), twin_key, produce)


def _previous_units(writer: SiteWriter, lang: str) -> dict[str, list[str]]:
    """The previous build's units in ``lang``, as its manifest lists them (nothing, if that
    part of the manifest is not what a build writes: the pages are then worked out)."""
    found = writer.previous_extra.get("units")
    found = found.get(lang) if isinstance(found, dict) else None
    if not isinstance(found, dict):
        return {}
    return {
        name: entry
        for name, entry in found.items()
        if isinstance(entry, list) and len(entry) > 1 and all(isinstance(e, str) for e in entry)
    }


def _own(unit: Unit, paths: list[str], lang: str, langs: Sequence[str]) -> bool:
    """Whether ``paths`` are pages the unit can draw: its own page and pages under it (the
    manifest names them, and a file it names is linked into the new site)."""
    own = page_path(unit.kind, unit.key, lang, langs)
    folder = own.removesuffix("index.html")
    return paths[0] == own and all(
        path.startswith(folder) and path.endswith("/index.html") and ".." not in path.split("/")
        for path in paths
    )


def _run(tasks: Sequence[str], parallel: bool) -> Iterator[_Done]:
    """Run the tasks, longest expected first, on as many forked workers as there are cores
    (or here, one after the other)."""
    if not parallel:
        yield from (_task(name) for name in tasks)
        return
    context = multiprocessing.get_context("fork")
    workers = max(1, min(len(tasks), os.cpu_count() or 1))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_as_worker
    ) as pool:
        futures = [pool.submit(_task, name) for name in tasks]
        try:
            yield from (result_of(future) for future in futures)
        except BrokenProcessPool:
            raise CoopgraphError(
                "a worker of the site build stopped before its end (killed, or out of "
                "memory?); nothing was changed"
            ) from None
        except BaseException:
            _stop_workers(pool)  # Ctrl-C, SIGTERM, an error: do not wait for their pages
            raise


def _as_worker() -> None:
    """Signals in a worker: SIGTERM ends it at once (the parent's handler, inherited by the
    fork, would turn it into an exception the pool reports and survives); Ctrl-C, which the
    terminal sends to every process of the command, is the parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now, before the staging folder they write into is removed (the
    pool's own shutdown would wait for their tasks to finish)."""
    stop = getattr(pool, "terminate_workers", None)  # Python 3.14
    if stop is not None:
        stop()
    else:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)
    pool.shutdown(wait=False, cancel_futures=True)


def _static_files() -> Iterable[tuple[str, bytes]]:
    """The stylesheet, scripts and licences, under ``static/``."""
    for path, entry in files_under(package_files() / "static", "static"):
        yield path, entry.read_bytes()


def _downloads(writer: SiteWriter, index: Index, twins: _Twins, group: str) -> list[dict[str, Any]]:
    """One group of the whole dataset's files, made again only when a record changed (the
    RDF files from the previous build's records where they are unchanged)."""
    from coopgraph.site.downloads import downloads

    key = twins.dataset_key()
    listed = [d for d in writer.previous_extra.get("downloads") or [] if d.get("group") == group]
    unchanged = listed and all(writer.unchanged(d["href"], key) for d in listed)
    if unchanged and writer.keep([d["href"] for d in listed]):
        if group == "rdf" and "rdf_parts" in writer.previous_extra:
            writer.extra["rdf_parts"] = writer.previous_extra["rdf_parts"]
        return list(listed)
    parts = None
    if group == "rdf":  # only these are read back (60 MB at 10,000 agreements)
        parts = Parts.restored(writer.previous_extra.get("rdf_parts"), writer.previous_file)
    listed = []
    made = downloads(index, base=twins.base, group=group, parts=parts, digests=twins.digests)
    for download in made:
        writer.put(download.path, key, lambda d=download: d.data)
        listed.append(
            {
                "href": download.path,
                "group": group,
                "label": download.label,
                "size": len(download.data),
                "media_type": download.media_type,
            }
        )
    if parts is not None:
        files = {d.path: d.data for d in made}
        writer.extra["rdf_parts"] = parts.kept(files[FILES[TURTLE]], files[FILES[JSONLD]])
    return listed


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector kept from walking the dataset again and again.

    The build makes millions of short-lived objects (triples, page contents), and every
    700 of them Python's collector starts a pass; a full pass walks every object alive,
    the dataset's too. Frozen, the objects alive now (the dataset, its lookups: none of
    them garbage) are left out of every pass, and passes come every 50,000 new objects:
    at 10,000 agreements the export's triples, the GraphML and the CSVs took 4.4 s instead
    of 7.9 s in one process. The forked workers inherit both. Reference counting, which
    frees nearly everything, is not affected.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


@_fewer_collections()
def build_site(
    index: Index,
    target: Path,
    *,
    langs: Sequence[str] = ("en", "ko"),
    base_url: str | None = None,
    base_iri: str | None = None,
    force: bool = False,
    keep_out: Iterable[Path] = (),
    parallel: bool | None = None,
    clean_in_background: bool = False,
) -> SiteReport:
    """Write the site for ``index`` into ``target`` (swapped in whole; see :mod:`.output`).

    ``langs`` lists the languages, the first at the root; ``base_url`` is the public
    address (for canonical links and the sitemap; pages link relatively and need none);
    ``keep_out`` are paths the target must not contain (the data files); ``parallel``
    draws the languages in worker processes (default: for a large site);
    ``clean_in_background`` deletes the replaced site in a detached process (the command
    does; a library caller may want the folder gone when the call returns). The garbage
    collector is held back meanwhile (:func:`_fewer_collections`).
    """
    global _JOB
    from coopgraph.rdf.namespace import DEFAULT_BASE

    started = time.perf_counter()
    steps: dict[str, float] = {}

    last = started

    def step(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        steps[name] = round(now - last, 3)
        last = now

    memory = index if type(index) is Index else Index(index.dataset)
    facts = Facts.of(memory)
    renderer = Renderer(langs, base_url)
    twins = _Twins(memory, base_iri or DEFAULT_BASE)
    inputs = Inputs(facts, twins.digests, (tuple(langs), base_url, twins.base))
    unit_keys = [
        (unit, inputs.key(unit, twins.keys.get((unit.kind, unit.key)))) for unit in units(facts)
    ]
    step("keys")
    with SiteWriter(
        target, force=force, keep_out=keep_out, clean_in_background=clean_in_background
    ) as writer:
        if parallel is None:
            parallel = len(twins.keys) * len(langs) >= PARALLEL_FROM
        twins_with = "downloads:rdf" if writer.earlier_site else langs[0]
        _JOB = _Job(facts, renderer, twins, writer, tuple(langs), unit_keys, twins_with)
        # What the workers inherit (the records read from the store, the lookups, the keys)
        # is frozen too, not only what was alive when the build began: a collection in a
        # worker would otherwise write to those objects' headers, and the kernel copy
        # their pages into that worker.
        gc.freeze()
        listed: dict[str, list[dict[str, Any]]] = {}
        drawn: dict[str, dict[str, list[str]]] = {}
        count = 0
        try:
            # Longest first, as far as it is known: the network and the tables are made
            # whole every time a record changes; the RDF files only where records changed.
            tasks = ["downloads:network", *langs, "downloads:rdf", "downloads:tables"]
            for name, done in zip(tasks, _run(tasks, parallel), strict=True):
                writer.absorb(done.files, done.written, done.kept, done.bytes)
                count += done.pages
                if done.listed is not None:
                    listed[name] = done.listed
                if done.units is not None:
                    drawn[name] = done.units
                writer.extra.update(done.extra)
                steps[f"{name} (worker)"] = round(done.seconds, 3)
        finally:
            _JOB = None
        for path, data in _static_files():
            writer.put_bytes(path, data)
        step("pages")
        downloads = [d for name in _DOWNLOADS for d in listed[name]]
        writer.extra["downloads"] = downloads
        writer.extra["units"] = drawn
        home_extra = {
            "downloads": downloads,
            "data_date": _data_date(memory),
            "base_url": base_url,
            "base_iri": twins.base,
        }
        for lang in langs:
            page = home_page(facts, Views(memory, lang, langs))
            home = replace(page, content={**page.content, **home_extra})
            writer.put(home.path, renderer.key(home, None), lambda h=home: renderer.render(h, None))
            count += 1
        if base_url is not None and base_url.startswith(("http://", "https://")):
            # a sitemap's addresses must be whole (sitemaps.org): none for a path-only base
            writer.put_bytes("sitemap.xml", _sitemap(base_url, writer.files))
        step("home")
    step("swap")
    return SiteReport(
        target=str(target),
        languages=list(langs),
        pages=count,
        files=len(writer.files) + 1,
        written=writer.written,
        kept=writer.kept,
        bytes=writer.bytes,
        seconds=time.perf_counter() - started,
        steps=steps,
        carried=writer.carried,
    )


def _data_date(index: Index) -> str | None:
    from coopgraph.site.downloads import dataset_date

    return dataset_date(index)


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
