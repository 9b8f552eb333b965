"""The knowledge graph in an on-disk Oxigraph store: one named graph per data file.

Each data file's records go into a graph of their own (``<base>graph/file/agencies.yaml``)
and the vocabulary into ``<base>graph/vocabulary``; queries see the union of all graphs as
their default graph. A changed file then costs one ``remove_graph`` and one load of that
file's triples, instead of a new store.

Triples are made by the exporter (:mod:`coopgraph.rdf.export`), written as N-Triples by
Oxigraph and bulk-loaded, in pieces of whole records (a blank node never spans two pieces).
Oxigraph's bulk loader releases the GIL, so one thread loads a piece while the next is made.
Positions (``coop:position``) count within each file: the store answers queries, and the
lossless, whole-dataset export remains ``coopgraph export``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from queue import Queue
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from coopgraph.models import SECTIONS, Dataset
from coopgraph.rdf.export import Terms, record_triples, serialize, vocabulary_triples

__all__ = ["RECORDS_PER_PIECE", "build", "clone", "file_graph", "open_read_only", "update"]

#: Records per bulk load: big enough to keep Oxigraph busy, small enough to bound memory.
RECORDS_PER_PIECE = 10_000

Progress = Callable[[int], None]


def file_graph(base: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base}graph/file/{quote(name, safe='')}")


def vocabulary_graph(base: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base}graph/vocabulary")


def _pieces(
    base: str, by_file: Mapping[str, Mapping[str, Sequence[Any]]]
) -> Iterator[tuple[ox.NamedNode, bytes, int]]:
    """``(graph, N-Triples, record count)`` per piece, file by file, section by section."""
    yield vocabulary_graph(base), _ntriples(vocabulary_triples(base)), 0
    for name, sections in by_file.items():
        terms = Terms(base)  # one per file: blank-node labels unique within the file
        for section in SECTIONS:
            records = sections.get(section, [])
            for start in range(0, len(records), RECORDS_PER_PIECE):
                piece = Dataset.unchecked(**{section: records[start : start + RECORDS_PER_PIECE]})
                triples = record_triples(piece, terms, offset=start)
                yield file_graph(base, name), _ntriples(triples), len(piece_records(piece))


def piece_records(piece: Dataset) -> list[Any]:
    return [r for section in SECTIONS for r in getattr(piece, section)]


def _ntriples(triples: Any) -> bytes:
    data = serialize(triples, "ntriples")
    assert data is not None
    return data


def _load(
    store: ox.Store, pieces: Iterator[tuple[ox.NamedNode, bytes, int]], progress: Progress
) -> None:
    """Bulk-load pieces in a second thread while this one makes the next piece."""
    queue: Queue[tuple[ox.NamedNode, bytes, int] | None] = Queue(maxsize=1)
    failure: list[BaseException] = []

    def loader() -> None:
        while (item := queue.get()) is not None:
            if failure:
                continue  # drain: the producer stops at the next put
            graph, data, count = item
            try:
                store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            except BaseException as error:  # reported in the main thread
                failure.append(error)
            progress(count)

    thread = threading.Thread(target=loader, name="coopgraph-bulk-load", daemon=True)
    thread.start()
    try:
        for piece in pieces:
            if failure:
                break
            queue.put(piece)
    finally:
        queue.put(None)
        thread.join()
    if failure:
        raise failure[0]


def build(
    directory: Path,
    by_file: Mapping[str, Mapping[str, Sequence[Any]]],
    base: str,
    progress: Progress = lambda n: None,
) -> None:
    """A new store at ``directory`` holding every file's records in its own graph."""
    store = ox.Store(str(directory))
    _load(store, _pieces(base, by_file), progress)
    store.flush()
    del store


def update(
    directory: Path,
    by_file: Mapping[str, Mapping[str, Sequence[Any]]],
    removed: Sequence[str],
    base: str,
    progress: Progress = lambda n: None,
) -> None:
    """Replace the graphs of changed files (``by_file``) and drop those of ``removed`` ones."""
    store = ox.Store(str(directory))
    for name in [*by_file, *removed]:
        graph = file_graph(base, name)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    pieces = ((g, data, n) for g, data, n in _pieces(base, by_file) if g != vocabulary_graph(base))
    _load(store, pieces, progress)
    store.flush()
    del store


def clone(source: Path, target: Path) -> None:
    """Copy a closed store cheaply: its table files are immutable, so they are hard-linked.

    This is what RocksDB's own checkpoints do; the copy then changes without touching the
    original, which readers may have open. Where links are impossible, files are copied.
    """
    target.mkdir()
    for entry in os.scandir(source):
        if entry.name == "LOCK" or not entry.is_file():
            continue
        destination = target / entry.name
        if entry.name.endswith(".sst"):
            try:
                os.link(entry.path, destination)
                continue
            except OSError:
                pass
        shutil.copy2(entry.path, destination)


def open_read_only(directory: Path) -> ox.Store:
    return ox.Store.read_only(str(directory))
