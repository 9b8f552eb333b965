"""Versions of the store: found by key, built whole, updated file by file, published atomically.

A version is a directory that appears by one ``rename`` when it is complete and never
changes afterwards (but for results added beside it, each written atomically). Builds run
under one lock per data path and work in a ``.tmp-*`` directory; a build killed half-way
leaves only such a directory, which no reader looks at and the next build deletes.

A new version of data built before from the same path starts from the previous version:
the files whose bytes changed are parsed and validated on their own, the rules across
files are checked again (:func:`_check_across_files`), and their records and triples are
replaced in a copy of the previous version. Anything unexpected on that path (a changed
file with errors, most files changed, a removed agency) falls back to a full build, which
also gives the located error messages.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from coopgraph.errors import DamagedStoreError
from coopgraph.load import (
    Loaded,
    data_files,
    load_contents,
    load_unchecked,
    parse_records,
    paused_gc,
    raw_digest,
    read_files,
)
from coopgraph.models import SECTIONS, Dataset
from coopgraph.store import snapshot
from coopgraph.store.location import (
    FORMAT,
    code_key,
    file_digest,
    location_key,
    locked,
    version_key,
)
from coopgraph.store.progress import Reporter

__all__ = ["DataFiles", "Version", "Versions"]

SNAPSHOT = "records.sqlite"
MANIFEST = "manifest.json"
IN_USE = "in-use"
#: Above this share of changed files, a full build is cheaper than an update.
_UPDATE_LIMIT = 0.5


#: A file's state as ``stat`` gives it: size, modification and change times, inode.
FileState = tuple[int, int, int, int]
#: A file changed this close (ns) before its state was recorded may change again unseen
#: within the clock's resolution: its recorded digest is not trusted ("racily clean").
_RACY_NS = 2_000_000_000


class DataFiles:
    """The data files of one path: names and states first, bytes and digests when needed.

    A command on an unchanged version reads no data at all: when every file's state
    (size, times, inode; stat'ed before any read) matches what was recorded when its
    digest was computed, that digest is taken as is (:meth:`Versions.ensure`). Any write
    to a file moves its change time, which no tool can set back, so a changed file is
    always read and hashed again. Otherwise the bytes are read once and kept for the build.
    """

    def __init__(self, path: Path, files: list[Path], states: list[FileState]) -> None:
        self.path, self.files, self.states = path, files, states
        self.names = [f.name for f in files]
        self._contents: list[tuple[Path, bytes]] | None = None
        self._digests: list[str] | None = None

    @classmethod
    def scan(cls, path: Path) -> DataFiles:
        """The files and their states; nothing is read yet."""
        files = data_files(path)
        states = []
        for file in files:
            try:
                status = file.stat()
            except OSError as error:
                from coopgraph.errors import DataError, Issue

                message = f"cannot read the file: {error.strerror}"
                raise DataError([Issue(str(file), message)]) from None
            states.append((status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
        return cls(path, files, states)

    @classmethod
    def read(cls, path: Path) -> DataFiles:
        data = cls.scan(path)
        data.digests  # noqa: B018 - read and hash now
        return data

    @property
    def contents(self) -> list[tuple[Path, bytes]]:
        if self._contents is None:
            self._contents = read_files(self.files)
        return self._contents

    @property
    def digests(self) -> list[str]:
        if self._digests is None:
            self._digests = [file_digest(data) for _, data in self.contents]
        return self._digests

    def assume(self, digests: list[str]) -> None:
        """Take recorded digests for files whose state has not changed since."""
        self._digests = digests

    def verify(self) -> None:
        """Forget assumed digests: read and hash the files (before building from them)."""
        if self._contents is None:
            self._digests = None

    @property
    def stored_names(self) -> dict[str, str]:
        """Each file's name as :mod:`coopgraph.load` reports it (its path) -> as stored."""
        return {str(f): n for f, n in zip(self.files, self.names, strict=True)}

    @property
    def listing(self) -> list[tuple[str, str]]:
        return list(zip(self.names, self.digests, strict=True))

    @property
    def size(self) -> int:
        return sum(state[0] for state in self.states)


@dataclass
class Version:
    key: str
    directory: Path
    manifest: dict[str, Any] = field(repr=False)
    #: The records, validated, when this process has just built the version from the data
    #: (not kept on disk: a caller that reads every record need not read them back).
    built: Dataset | None = field(default=None, repr=False, compare=False)

    @property
    def snapshot(self) -> Path:
        return self.directory / SNAPSHOT

    def rdf(self, base: str) -> Path:
        return rdf_folder(self.directory, base)

    def rdf_bases(self) -> dict[str, Path]:
        """The Oxigraph stores of this version, by their base IRI."""
        found = {}
        for entry in self.directory.glob("rdf-*"):
            with suppress(OSError):
                found[(entry / "base.txt").read_text(encoding="utf-8")] = entry
        return found

    def hold(self) -> IO[bytes]:
        """A shared lock, kept while the handle is open, that keeps clean-ups away.

        Raises FileNotFoundError if the version was removed since it was found.
        """
        import fcntl

        handle = (self.directory / IN_USE).open("rb")
        fcntl.flock(handle, fcntl.LOCK_SH)
        if not self.snapshot.is_file():
            handle.close()
            raise FileNotFoundError(self.snapshot)
        return handle


def rdf_folder(directory: Path, base: str) -> Path:
    """Where a version in ``directory`` keeps its Oxigraph store for ``base``."""
    return directory / f"rdf-{file_digest(base.encode())[:12]}"


def _by_file(loaded: Loaded, stored_names: dict[str, str]) -> dict[str, dict[str, list[Any]]]:
    """Records grouped by file (in file order), then by section, in data order.

    ``stored_names`` maps a file as :mod:`coopgraph.load` names it (its path) to the name
    the store keeps (its name in the data folder).
    """
    files = {s: [stored_names.get(f, f) for f in loaded.files[s]] for s in SECTIONS}
    return _grouped(loaded.dataset, files)


def _grouped(dataset: Dataset, files: dict[str, list[str]]) -> dict[str, dict[str, list[Any]]]:
    """Records grouped by file (in file order), then by section, in data order."""
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for section in SECTIONS:
        for record, name in zip(getattr(dataset, section), files[section], strict=True):
            grouped[name][section].append(record)
    return {name: grouped[name] for name in sorted(grouped)}


def _raws(loaded: Loaded) -> dict[tuple[str, str], str]:
    """Each record's digest as parsed, by ``(section, id)``."""
    return {
        (section, record.id): raw
        for section in SECTIONS
        for record, raw in zip(getattr(loaded.dataset, section), loaded.raws[section], strict=True)
    }


def _positioned(
    by_file: dict[str, dict[str, list[Any]]], section: str
) -> list[tuple[str, int, Any]]:
    return [
        (name, position, record)
        for name, sections in by_file.items()
        for position, record in enumerate(sections.get(section, []))
    ]


class Versions:
    """The versions kept in one cache directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / "versions"
        self.locations = root / "locations"

    # --- finding -------------------------------------------------------------------------

    def key_for(self, data: DataFiles) -> str:
        return version_key(code_key(), data.listing)

    def find(self, key: str) -> Version | None:
        """A complete version of this key built by this code, or None."""
        directory = self.versions / key
        try:
            manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict) or not (directory / IN_USE).is_file():
            return None
        if manifest.get("format") != FORMAT or manifest.get("code") != code_key():
            return None
        try:  # a snapshot cut short (a damaged disk, a hand-made copy) is not this version
            if (directory / SNAPSHOT).stat().st_size != manifest.get("snapshot_bytes"):
                return None
        except OSError:
            return None
        return Version(key, directory, manifest)

    def all(self) -> list[Version]:
        found = []
        with suppress(OSError):
            for entry in sorted(self.versions.iterdir()):
                if not entry.name.startswith(".") and (version := self.find(entry.name)):
                    found.append(version)
        return found

    # --- building ------------------------------------------------------------------------

    @contextmanager
    def _building(self, data_path: Path, reporter: Reporter) -> Iterator[None]:
        """One build per data path at a time (other data build meanwhile); says if it waits."""
        self.versions.mkdir(parents=True, exist_ok=True)
        self.locations.mkdir(parents=True, exist_ok=True)
        locks = self.root / "locks"
        locks.mkdir(exist_ok=True)
        lock = locks / f"{location_key(data_path)}.lock"
        with locked(lock, wait=False) as free:
            if free is not None:
                self._remove_leftovers()
                yield
                return
        print(
            f"coopgraph: waiting for another coopgraph process building the store for {data_path}",
            file=sys.stderr,
            flush=True,
        )
        with locked(lock):
            self._remove_leftovers()
            yield

    @contextmanager
    def _publishing(self) -> Iterator[None]:
        """Short: renaming a version into place, pointing at it, removing old ones, clearing."""
        with locked(self.root / "publish.lock"):
            yield

    @contextmanager
    def _temporary(self, path: Path) -> Iterator[Path]:
        """A working directory, marked as alive by a lock its builder holds until it ends.

        On failure it is removed; a builder killed with ``kill -9`` releases the lock with
        its life, and the next build removes the directory (:meth:`_remove_leftovers`).
        """
        path.mkdir()
        with locked(path / ".building"):
            try:
                yield path
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise

    def _remove_leftovers(self) -> None:
        """Working directories whose builder died: nobody holds their ``.building`` lock."""
        for entry in [*self.versions.glob(".tmp-*"), *self.versions.glob("*/.tmp-*")]:
            with suppress(OSError), locked(entry / ".building", wait=False) as free:
                if free is not None:
                    shutil.rmtree(entry, ignore_errors=True)

    def ensure(
        self,
        data: DataFiles,
        reporter: Reporter,
        *,
        memos: bool = False,
        rdf_base: str | None = None,
    ) -> Version:
        """The version of ``data``, built or updated first if needed.

        ``rdf_base``: a new version also gets its Oxigraph store for that base, loaded while
        the snapshot is written (cheaper than adding it afterwards).
        """
        known = self._known_digests(data)
        if known is not None:
            data.assume(known)
            version = self.find(self.key_for(data))
            if version is not None:
                return version
            data.verify()
        key = self.key_for(data)
        version = self.find(key)
        if version is not None:
            self._refresh_pointer(data, key)
            return version
        with self._building(data.path, reporter):
            version = self.find(key)
            if version is None:
                version = self._make(key, data, reporter, memos=memos, rdf_base=rdf_base)
        return version

    def _refresh_pointer(self, data: DataFiles, key: str) -> None:
        """Point this data path at ``key`` with the files' current states (best effort).

        Data changed back to an earlier version then points at it, so the other version
        can go; files touched but unchanged get their new states, so the next command
        need not read them.
        """
        pointer = self._pointer_record(data)
        if (
            pointer
            and pointer.get("version") == key
            and [tuple(state) for state in pointer.get("states", [])] == data.states
            and not _racy(pointer, data)
        ):
            return
        with suppress(OSError), self._publishing():  # a read-only store is still read
            self._point(data, key)

    def _known_digests(self, data: DataFiles) -> list[str] | None:
        """The digests recorded for these files, if none has changed since (by its state)."""
        pointer = self._pointer_record(data)
        if not pointer or pointer.get("names") != data.names:
            return None
        states = [tuple(state) for state in pointer.get("states", [])]
        if states != data.states or _racy(pointer, data):
            return None
        digests = pointer.get("digests")
        return list(digests) if isinstance(digests, list) else None

    def ensure_rdf(self, version: Version, base: str, reporter: Reporter) -> Path:
        """The Oxigraph store of ``version`` for ``base``, built from the snapshot if missing."""
        target = version.rdf(base)
        if (target / "base.txt").is_file():
            return target
        with self._building(Path(version.manifest["data"]), reporter):
            if not (target / "base.txt").is_file():
                if target.exists():  # cut short or damaged: set aside, then made again
                    self._discard(target)
                with reporter.phase("read the snapshot", unit="records") as tick:
                    sections, files = snapshot.read_all(version.snapshot)
                    tick(sum(len(r) for r in sections.values()))
                by_file = _grouped(Dataset.unchecked(**sections), files)
                folder = version.directory / f".tmp-{target.name}-{os.getpid()}"
                with self._temporary(folder):
                    self._write_rdf(folder / "store", by_file, base, reporter).wait()
                    (folder / "store").rename(target)
                shutil.rmtree(folder, ignore_errors=True)
        return target

    def _make(
        self, key: str, data: DataFiles, reporter: Reporter, *, memos: bool, rdf_base: str | None
    ) -> Version:
        previous = self._previous(data)
        started = time.perf_counter()
        with self._temporary(self.versions / f".tmp-{key}-{os.getpid()}") as work:
            made = work / "version"

            def fresh() -> Path:
                shutil.rmtree(made, ignore_errors=True)
                made.mkdir()
                (made / IN_USE).touch()
                return made

            made_from, dataset = None, None
            counts = self._update(previous, data, fresh(), reporter) if previous else None
            if counts is not None:
                made_from = previous.key if previous else None
            else:
                dataset = self._build(data, fresh(), reporter, rdf_base)
                counts = {s: len(getattr(dataset, s)) for s in SECTIONS}
                if memos:
                    self._compute_memos(dataset, made, reporter)
            manifest = self._manifest(data, counts, made_from, time.perf_counter() - started)
            manifest["snapshot_bytes"] = (made / SNAPSHOT).stat().st_size
            (made / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            with self._publishing():
                if (self.versions / key).exists():  # not ours (find() refused it): set aside
                    self._discard(self.versions / key)
                made.rename(self.versions / key)
                self._point(data, key)
        shutil.rmtree(work, ignore_errors=True)
        return Version(key, self.versions / key, manifest, built=dataset)

    def _build(
        self, data: DataFiles, target: Path, reporter: Reporter, rdf_base: str | None
    ) -> Dataset:
        reporter.note(
            f"building the store for {data.path} ({len(data.names)} file(s), "
            f"{data.size / 1e6:.1f} MB): once per version of the data"
        )
        with reporter.phase("parse and validate", unit="records") as tick:
            loaded = load_contents(data.contents)
            tick(sum(len(getattr(loaded.dataset, s)) for s in SECTIONS))
        by_file = _by_file(loaded, data.stored_names)
        with paused_gc():  # millions of short-lived objects, no cycles worth collecting
            self._write(data, target, by_file, _raws(loaded), reporter, rdf_base)
        return loaded.dataset

    def _write(
        self,
        data: DataFiles,
        target: Path,
        by_file: dict[str, dict[str, list[Any]]],
        raws: dict[tuple[str, str], str],
        reporter: Reporter,
        rdf_base: str | None,
    ) -> None:
        """The snapshot and, if asked, the RDF store of a full build (loaded meanwhile)."""
        loading = None
        if rdf_base is not None:
            loading = self._write_rdf(rdf_folder(target, rdf_base), by_file, rdf_base, reporter)
        try:
            with reporter.phase("write the snapshot", unit="records") as tick:
                connection = snapshot.create(target / SNAPSHOT, data.listing)
                for section in SECTIONS:
                    items = _positioned(by_file, section)
                    for start in range(0, len(items), 10_000):
                        chunk = items[start : start + 10_000]
                        tick(snapshot.add_records(connection, section, chunk, raws))
                snapshot.finish(connection, indexed=False)
        except BaseException:
            if loading is not None:
                loading.abandon()
            raise
        if loading is not None:
            loading.wait()

    def _update(
        self, previous: Version, data: DataFiles, target: Path, reporter: Reporter
    ) -> dict[str, int] | None:
        """Make ``target`` from ``previous`` by replacing the changed files.

        Returns the new record counts, or None when a full build must decide (it also
        locates every problem).
        """
        before = {f["name"]: f["digest"] for f in previous.manifest["files"]}
        changed = [i for i, n in enumerate(data.names) if before.get(n) != data.digests[i]]
        removed = sorted(set(before) - set(data.names))
        if changed and set(before) == set(data.names):
            counts = self._update_records(previous, data, target, reporter, changed)
            if counts is not None:
                return counts
        if len(changed) + len(removed) > _UPDATE_LIMIT * max(len(data.names), 1):
            return None
        reporter.note(
            f"updating the store for {data.path}: {len(changed)} changed and "
            f"{len(removed)} removed of {len(data.names)} file(s)"
        )
        with reporter.phase("parse and validate the changed files", unit="records") as tick:
            fresh = load_unchecked([data.contents[i] for i in changed])
            if fresh is None:
                return None  # the full build reports every problem with its place
            tick(sum(len(getattr(fresh.dataset, s)) for s in SECTIONS))
        replaced = sorted({data.names[i] for i in changed} | set(removed))
        new_by_file = _by_file(fresh, data.stored_names)
        try:
            previous_records = snapshot.Previous(previous.snapshot, replaced)
            try:
                with reporter.phase("check references across files", unit="records") as tick:
                    counts = _check_across_files(previous_records, new_by_file, fresh.dataset)
                    if counts is None:
                        return None
                    tick(sum(counts.values()))
                old_ids = {s: previous_records.ids(s, replaced=True) for s in SECTIONS}
            finally:
                previous_records.close()
        except DamagedStoreError:
            return None  # the previous version cannot be trusted: build anew
        with reporter.phase("update the snapshot", unit="records") as tick:
            shutil.copyfile(previous.snapshot, target / SNAPSHOT)
            connection = snapshot.replace_files(
                target / SNAPSHOT,
                data.listing,
                replaced,
                {s: _positioned(new_by_file, s) for s in SECTIONS},
                _raws(fresh),
            )
            snapshot.finish(connection, indexed=True)
            tick(sum(len(_positioned(new_by_file, s)) for s in SECTIONS))
        from coopgraph.rdf.export import Terms
        from coopgraph.store import rdf

        for base, directory in previous.rdf_bases().items():
            copy = target / directory.name
            terms = Terms(base)
            old = [terms.record(snapshot.KIND[s], i) for s in SECTIONS for i in sorted(old_ids[s])]
            try:
                rdf.clone(directory, copy)
                self._write_rdf(copy, new_by_file, base, reporter, remove=old).wait()
            except (OSError, RuntimeError):  # the previous store is damaged: SPARQL rebuilds it
                shutil.rmtree(copy, ignore_errors=True)
        return counts

    def _update_records(
        self,
        previous: Version,
        data: DataFiles,
        target: Path,
        reporter: Reporter,
        changed: list[int],
    ) -> dict[str, int] | None:
        """Make ``target`` from ``previous`` when the changed files hold the same records in
        the same places (the same ids in the same order): only the records whose text
        changed (:func:`~coopgraph.load.raw_digest`) are validated and stored again.

        The everyday edit (a title, a quote, a status, in one file of 10,000 agreements)
        then costs a parse of that file and the edited record: 0.5 s instead of a full
        build's 2 s at 10,000 agreements. The rules across records are checked as a
        file-by-file update checks them (:func:`_check_across_files`): every agency, field
        and source with the edited agreements and events, the other ids as known. Anything
        else returns None and the file-by-file update or the full build decides: a record
        added, removed or moved; an agency given another parent (a kept party's unit may
        no longer be part of its agency); a record that does not validate (the full build
        says where); a version with an Oxigraph store, whose blank nodes are counted per
        file.
        """
        if previous.rdf_bases():
            return None
        with reporter.phase("compare the changed files record by record", unit="records") as tick:
            parsed = parse_records([data.contents[i] for i in changed])
            if parsed is None:
                return None
            try:
                stored = snapshot.records_of_files(
                    previous.snapshot, [data.names[i] for i in changed]
                )
            except DamagedStoreError:
                return None
            edits = _edited_records(parsed, stored, data.stored_names)
            if edits is None:
                return None
            tick(len(stored))
        if edits and not _check_edited(previous, edits):
            return None
        with reporter.phase("update the snapshot", unit="records") as tick:
            shutil.copyfile(previous.snapshot, target / SNAPSHOT)
            connection = snapshot.replace_records(target / SNAPSHOT, data.listing, edits)
            snapshot.finish(connection, indexed=True)
            tick(len(edits))
        reporter.note(
            f"updated the store for {data.path}: {len(edits)} record(s) changed in "
            f"{len(changed)} file(s)"
        )
        return dict(previous.manifest["counts"])

    def _write_rdf(
        self,
        target: Path,
        by_file: dict[str, dict[str, list[Any]]],
        base: str,
        reporter: Reporter,
        *,
        remove: Sequence[Any] = (),
    ) -> _Loading:
        """Make the quads of ``by_file``; a thread bulk-loads them into ``target`` meanwhile.

        A new store (no ``remove``) also gets the vocabulary graph and its ``base.txt``.
        Returns at once after the triples are made: the caller writes the snapshot while
        the loader catches up, then calls ``wait()``.
        """
        from coopgraph.store import rdf

        spool = target.parent / f".tmp-spool-{target.name}-{os.getpid()}"
        total = sum(len(r) for sections in by_file.values() for r in sections.values())
        spool.mkdir()
        try:
            loader = rdf.Loader(target, remove=remove)
        except BaseException:
            shutil.rmtree(spool, ignore_errors=True)
            raise
        try:
            with reporter.phase("make the triples", total=total, unit="records") as tick:
                data = rdf.pieces(base, by_file, vocabulary=not remove, progress=tick)
                for number, piece in enumerate(data):
                    path = spool / f"{number:06d}.nq"
                    path.write_bytes(piece)
                    loader.add(path)
        except BaseException:
            loader.abandon()
            shutil.rmtree(spool, ignore_errors=True)
            raise

        def finish() -> None:
            try:
                loader.wait()
            finally:
                shutil.rmtree(spool, ignore_errors=True)
            if not remove:
                (target / "base.txt").write_text(base, encoding="utf-8")

        def abandon() -> None:
            loader.abandon()
            shutil.rmtree(spool, ignore_errors=True)

        return _Loading(finish, abandon, reporter)

    def _compute_memos(self, dataset: Dataset, target: Path, reporter: Reporter) -> None:
        from coopgraph.index import Index

        with reporter.phase("count and rank (stats, fields, analytics tables)"):
            index = Index(dataset)
            compute_memos(index)
            for name, value in index.memos().items():
                snapshot.keep_memo(target / "memo" / f"{name}.pickle", value)

    def _manifest(
        self, data: DataFiles, counts: dict[str, int], made_from: str | None, seconds: float
    ) -> dict[str, Any]:
        from coopgraph import __version__

        return {
            "format": FORMAT,
            "code": code_key(),
            "coopgraph": __version__,
            "data": str(data.path.resolve()),
            "files": [{"name": n, "digest": d} for n, d in data.listing],
            "bytes": data.size,
            "counts": counts,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "seconds": round(seconds, 3),
            "updated_from": made_from,
        }

    # --- locations and clean-up ----------------------------------------------------------

    def _location_file(self, data: DataFiles) -> Path:
        return self.locations / f"{location_key(data.path)}.json"

    def problems(self, version: Version) -> str | None:
        """What is wrong with a stored version, by reading all of it; None if nothing.

        Commands trust a version whose manifest and snapshot size match; ``coopgraph build``
        looks deeper, so that a store damaged on disk is rebuilt rather than kept.
        """
        found = snapshot.check(version.snapshot)
        if found is not None:
            return f"records.sqlite: {found}"
        for base, directory in version.rdf_bases().items():
            from coopgraph.store import rdf

            try:
                store = rdf.open_read_only(directory)
                list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
                del store
            except (OSError, RuntimeError, ValueError) as error:
                return f"{directory.name} ({base}): {error}"
        return None

    def set_aside(self, directory: Path) -> None:
        """Take a damaged version (or part) out of use; the next command builds it again."""
        with suppress(OSError), self._publishing():
            if directory.exists():
                self._discard(directory)

    def _pointer_record(self, data: DataFiles) -> dict[str, Any] | None:
        """What was recorded for this data path: its latest version, files and states."""
        try:
            pointer = json.loads(self._location_file(data).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return pointer if isinstance(pointer, dict) else None

    def _pointer(self, data: DataFiles) -> str | None:
        """The key of the latest version built from this data path, if any."""
        pointer = self._pointer_record(data)
        return str(pointer.get("version")) if pointer else None

    def _previous(self, data: DataFiles) -> Version | None:
        key = self._pointer(data)
        return self.find(key) if key else None

    def _point(self, data: DataFiles, key: str) -> None:
        """Record ``key`` as the latest of this data path; drop the version it replaces.

        Called while publishing (:meth:`_publishing`).
        """
        from coopgraph.atomic import write_atomically

        pointer = json.dumps(
            {
                "path": str(data.path.resolve()),
                "version": key,
                "names": data.names,
                "digests": data.digests,
                "states": data.states,  # stat'ed before the files were read
                "recorded_ns": time.time_ns(),
            }
        ).encode()
        write_atomically(self._location_file(data), lambda handle: handle.write(pointer))
        self._collect()

    def _pointed_at(self) -> set[str]:
        keys = set()
        for pointer in self.locations.glob("*.json"):
            with suppress(OSError, ValueError):
                keys.add(json.loads(pointer.read_text(encoding="utf-8")).get("version"))
        return keys

    def _collect(self) -> None:
        """Remove the versions no data path points at any more, unless a reader holds them.

        A version replaced while a command was reading it is removed by a later build.
        """
        latest = self._pointed_at()
        for entry in self.versions.iterdir():
            if entry.name.startswith(".") or entry.name in latest:
                continue
            if (entry / MANIFEST).is_file():  # this code's, or another coopgraph's
                self.remove(Version(entry.name, entry, {}))

    def _discard(self, directory: Path) -> None:
        doomed = self.versions / f".tmp-removed-{directory.name}-{os.getpid()}"
        directory.rename(doomed)  # gone for readers at once, deleted after
        shutil.rmtree(doomed, ignore_errors=True)

    def remove(self, version: Version) -> bool:
        """Delete a version unless a reader holds it; True if it is gone."""
        if not (version.directory / IN_USE).exists():  # not a version this code made
            self._discard(version.directory)
            return True
        with locked(version.directory / IN_USE, wait=False) as free:
            if free is None:
                return False
            self._discard(version.directory)
        return True

    def clear(self) -> tuple[list[str], list[str]]:
        """Remove every version not in use, this code's or not; returns the keys (removed, kept)."""
        removed: list[str] = []
        kept: list[str] = []
        if not self.versions.is_dir():
            return removed, kept
        with self._publishing():
            for entry in sorted(self.versions.iterdir()):
                if entry.name.startswith(".") or not (entry / MANIFEST).is_file():
                    continue  # a build at work, or not a version: not ours to delete
                version = Version(entry.name, entry, {})
                (removed if self.remove(version) else kept).append(entry.name)
            for pointer in self.locations.glob("*.json"):
                with suppress(OSError, ValueError):
                    key = json.loads(pointer.read_text(encoding="utf-8")).get("version")
                    if key not in kept:
                        pointer.unlink()
        return removed, kept


def _racy(pointer: dict[str, Any], data: DataFiles) -> bool:
    """Whether a file changed so shortly before its state was recorded that a change right
    after could have left the same state (times have a resolution): then it is read again,
    and recorded again once the moment has passed."""
    recorded = pointer.get("recorded_ns", 0)
    return any(state[2] >= recorded - _RACY_NS for state in data.states)


class _Loading:
    """The end of a bulk load that runs in a thread: ``wait`` finishes it, as a phase."""

    def __init__(self, finish: Any, abandon: Any, reporter: Reporter) -> None:
        self._finish, self._abandon, self._reporter = finish, abandon, reporter

    def wait(self) -> None:
        with self._reporter.phase("finish loading the RDF store (Oxigraph)"):
            self._finish()

    def abandon(self) -> None:
        """Stop the loader: the build failed elsewhere and its directory goes."""
        self._abandon()


def _edited_records(
    parsed: dict[str, list[Any]],
    stored: list[tuple[int, str, str, str, str]],
    stored_names: dict[str, str],
) -> list[tuple[int, str, Any, str]] | None:
    """The records of the changed files whose text changed, validated, as
    ``(rid, section, record, raw digest)``; None if the files do not hold the stored
    records in the same places, or an edited record does not validate."""
    from pydantic import ValidationError

    from coopgraph.models import validate_record

    was: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for rid, section, record_id, file, raw in stored:
        was[section].append((rid, record_id, file, raw))
    edits = []
    for section in SECTIONS:
        now = sorted(
            ((stored_names.get(f, f), position, raw) for f, position, raw in parsed[section]),
            key=lambda item: (item[0], item[1]),
        )
        if len(now) != len(was[section]):
            return None
        for (file, _, raw), (rid, record_id, stored_file, digest) in zip(
            now, was[section], strict=True
        ):
            if file != stored_file or not isinstance(raw, dict) or raw.get("id") != record_id:
                return None
            now_digest = raw_digest(raw)
            if now_digest == digest:
                continue
            try:
                edits.append((rid, section, validate_record(section, raw), now_digest))
            except (ValidationError, ValueError, TypeError):
                return None
    return edits


def _check_edited(previous: Version, edits: list[tuple[int, str, Any, str]]) -> bool:
    """Whether the rules across records hold after ``edits`` (see
    :meth:`Versions._update_records`); False also when they are left to the full check."""
    from coopgraph.models import reference_problems

    new = {(section, record.id): record for _, section, record, _ in edits}
    try:
        kept = snapshot.Previous(previous.snapshot, [])
        try:
            merged: dict[str, list[Any]] = {}
            for section in ("agencies", "fields", "sources"):
                old = [record for _, record in kept.records(section, replaced=False)]
                merged[section] = [new.get((section, r.id), r) for r in old]
                if section == "agencies" and any(
                    (section, r.id) in new and new[(section, r.id)].part_of != r.part_of
                    for r in old
                ):
                    return False
            known = {s: kept.ids(s, replaced=False) for s in ("agreements", "events")}
        finally:
            kept.close()
    except DamagedStoreError:
        return False
    for section in ("agreements", "events"):
        merged[section] = [record for (s, _), record in new.items() if s == section]
    partial = Dataset.unchecked(**merged)
    return next(iter(reference_problems(partial, also_known=known)), None) is None


def _check_across_files(
    previous: snapshot.Previous, new_by_file: dict[str, dict[str, list[Any]]], fresh: Dataset
) -> dict[str, int] | None:
    """The whole-dataset rules after replacing some files, reading only what they can touch.

    :func:`~coopgraph.models.reference_problems` runs on the new records with every
    agency, field and source (few, and what unit and cycle checks need) and the ids of the
    kept agreements and events. What it cannot see from there is asked of the previous
    snapshot: an agreement or event id also used in a kept file, and a kept record linking
    to an event that is gone. A removed agency, field or source, or a changed parent of an
    agency (which can break a kept party's unit), is left to the full check. Returns the
    new counts per section, or None if anything is wrong or left to the full check.
    """
    from coopgraph.models import reference_problems

    merged: dict[str, list[Any]] = {}
    for section in ("agencies", "fields", "sources"):
        old = previous.records(section, replaced=True)
        new = {r.id: r for sections in new_by_file.values() for r in sections.get(section, [])}
        if {r.id for _, r in old} - set(new):
            return None  # gone: kept records may cite it
        if section == "agencies" and any(r.part_of != new[r.id].part_of for _, r in old):
            return None
        outside = previous.records(section, replaced=False)
        files = sorted({f for f, _ in outside} | set(new_by_file))
        by_name: dict[str, list[Any]] = {f: [] for f in files}
        for file, record in outside:
            by_name[file].append(record)
        for file, sections in new_by_file.items():
            by_name[file].extend(sections.get(section, []))
        merged[section] = [r for f in files for r in by_name[f]]
    kept_ids = {s: previous.ids(s, replaced=False) for s in ("agreements", "events")}
    for section in ("agreements", "events"):
        new_ids = [r.id for r in getattr(fresh, section)]
        if kept_ids[section].intersection(new_ids):
            return None  # an id in two files
        merged[section] = getattr(fresh, section)
    partial = Dataset.unchecked(**merged)
    if next(iter(reference_problems(partial, also_known=kept_ids)), None) is not None:
        return None
    new_events = {e.id for e in fresh.events}
    gone_events = previous.ids("events", replaced=True) - new_events
    if previous.linked_from_kept("event", gone_events) or previous.linked_from_kept(
        "part", gone_events
    ):
        return None
    return {
        s: len(merged[s])
        if s in ("agencies", "fields", "sources")
        else len(kept_ids[s]) + len(merged[s])
        for s in SECTIONS
    }


#: The whole-dataset results ``coopgraph build`` keeps, by memo name: a version lacking one
#: gets it when built or completed, so the first command after a build is as fast as the next.
MEMO_NAMES = ("stats", "field-counts", "analytics-timetable", "analytics-network-1")


def compute_memos(index: Any) -> None:
    """Compute every result of :data:`MEMO_NAMES` into ``index``'s memos.

    The analytics tables (when each record enters an analysis; the agency network's
    columns) take reading every record once, 6 to 9 s at 100,000 agreements: done here,
    from the records already in memory, it costs about a second more.
    """
    from coopgraph.analytics.network import links
    from coopgraph.analytics.timetable import timetable
    from coopgraph.graph import stats
    from coopgraph.queries import fields

    stats(index)
    fields(index)
    timetable(index)
    links(index)


def directory_size(path: Path) -> int:
    total = 0
    for entry in path.rglob("*"):
        with suppress(OSError):
            if entry.is_file():
                total += entry.stat().st_size
    return total
