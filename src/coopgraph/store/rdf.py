"""The knowledge graph in an on-disk Oxigraph store, updated record by record.

Every triple sits in the default graph, so any SPARQL engine or server (``oxigraph
serve-read-only``) sees the whole graph without options. A changed file costs the removal
of its old records' triples and one load of the new ones, not a new store: each triple of
the export has a record's IRI as subject or hangs from it through blank nodes (a record's
parts: names, parties, citations), so a record's triples are exactly its IRI's Concise
Bounded Description (:func:`remove_records`). Named graphs per file were the first design:
Oxigraph indexes named-graph quads six ways against three for the default graph, which
made loading 1.5 times slower (27.8 s against 18.8 s at 100,000 agreements) and the store
twice as large.

Triples are made by the exporter (:mod:`coopgraph.rdf.export`) and serialised by Oxigraph
ten thousand records at a time to files that a second thread bulk-loads while the main
thread goes on (the loader releases the GIL). Measured at 100,000 agreements (4M triples):
one load of everything took 15.8 s and 1.5 GB, eleven loads of a tenth 18.8 s and 350 MB;
a Python stream read by the loader took 40 s and 2.2 GB; and making triples in a second
Python thread while the main one wrote the snapshot made both twice as slow (each thread
waits for the GIL at every SQLite row), so all Python work stays in the main thread.
Positions (``coop:position``) count within each file: the store answers queries, and the
lossless, whole-dataset export remains ``coopgraph export``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from queue import Queue
from typing import Any

import pyoxigraph as ox

from coopgraph.models import SECTIONS, Dataset
from coopgraph.rdf.export import Terms, record_triples, vocabulary_triples
from coopgraph.waiting import join_thread

__all__ = ["Loader", "clone", "open_read_only", "pieces", "remove_records"]

#: Records serialised at a time: the stream's memory is one piece.
RECORDS_PER_PIECE = 10_000

Progress = Callable[[int], None]
ByFile = Mapping[str, Mapping[str, Sequence[Any]]]


def pieces(
    base: str, by_file: ByFile, *, vocabulary: bool, progress: Progress = lambda n: None
) -> Iterator[bytes]:
    """N-Triples, ten thousand whole records at a time, file by file, section by section."""
    if vocabulary:
        yield _ntriples(vocabulary_triples(base))
    for sections in by_file.values():
        terms = Terms(base)  # one per file: blank-node labels are unique within the file
        for section in SECTIONS:
            records = sections.get(section, [])
            for start in range(0, len(records), RECORDS_PER_PIECE):
                chunk = records[start : start + RECORDS_PER_PIECE]
                piece = Dataset.unchecked(**{section: chunk})
                yield _ntriples(record_triples(piece, terms, offset=start))
                progress(len(chunk))


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    data = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


def remove_records(store: ox.Store, iris: Iterable[ox.NamedNode]) -> int:
    """Remove each record's triples: those of its IRI and, recursively, of its blank nodes."""
    removed = 0
    default = ox.DefaultGraph()
    for iri in iris:
        stack: list[ox.NamedNode | ox.BlankNode] = [iri]
        while stack:
            subject = stack.pop()
            for quad in list(store.quads_for_pattern(subject, None, None, default)):
                store.remove(quad)
                removed += 1
                if isinstance(quad.object, ox.BlankNode):
                    stack.append(quad.object)
    return removed


class Loader:
    """Bulk-loads N-Triples files into the store at ``directory`` in a thread, in order.

    The caller writes pieces to files and hands them over with :meth:`add`, goes on with
    other work, and calls :meth:`wait`. The loader releases the GIL, so the two overlap;
    the pieces wait on disk, not in memory, when the loader is behind. Records in ``remove``
    (IRIs: a changed file's old records) lose their triples first.
    """

    def __init__(self, directory: Path, *, remove: Sequence[ox.NamedNode] = ()) -> None:
        self._store = ox.Store(str(directory))
        remove_records(self._store, remove)
        self._queue: Queue[Path | None] = Queue()
        self._failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, name="coopgraph-bulk-load")
        self._thread.start()

    def _run(self) -> None:
        while (piece := self._queue.get()) is not None:
            try:
                if not self._failure:
                    self._store.bulk_load(path=str(piece), format=ox.RdfFormat.N_TRIPLES)
            except BaseException as error:  # re-raised by wait(), in the caller's thread
                self._failure.append(error)
            finally:
                piece.unlink(missing_ok=True)

    def add(self, piece: Path) -> None:
        if self._failure:
            raise self._failure[0]
        self._queue.put(piece)

    def wait(self) -> None:
        """Wait for every piece; raise what the loader raised; flush."""
        self._queue.put(None)
        join_thread(self._thread)
        if self._failure:
            raise self._failure[0]
        self._store.flush()
        del self._store

    def abandon(self) -> None:
        """Stop after the current piece (the build failed elsewhere)."""
        self._failure.append(RuntimeError("abandoned"))
        self._queue.put(None)
        self._thread.join()


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
