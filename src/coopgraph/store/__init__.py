"""The persistent store: the expensive work once per version of the data, cheap questions after.

The YAML files stay the one source of truth; the store is an index derived from them, keyed
by their content, rebuilt or updated when they change and never edited by hand. Per version
it holds a SQLite snapshot of the validated records with their lookups (what the listing
commands read, one record at a time) and, once SPARQL is first asked for, an Oxigraph store
updated record by record when a file changes. See :mod:`coopgraph.store.location` for the layout.

This module is the entry point: the CLI and other subsystems ask it for an index or an RDF
store and never reach into the modules beside it. A cache that cannot be used (read-only,
full, removed while in use, damaged) never stops a command: it warns once on stderr and
answers from the data in memory, as without a store.
"""

from __future__ import annotations

import pickle
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopgraph.errors import CoopgraphError, DamagedStoreError
from coopgraph.index import Index
from coopgraph.load import default_data_path, load_contents
from coopgraph.render import Table
from coopgraph.store.location import cache_root, enabled, private_root
from coopgraph.store.progress import Reporter, silent
from coopgraph.store.versions import DataFiles, Version, Versions, directory_size

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "BuildReport",
    "CacheInfo",
    "ClearReport",
    "DamagedStoreError",
    "build",
    "cache_info",
    "clear_cache",
    "open_index",
    "open_rdf_folder",
    "open_rdf_store",
    "reading",
    "set_aside",
]

#: What a cache that cannot be used raises; anything else is a bug and is not hidden.
CACHE_FAULTS: tuple[type[BaseException], ...] = (
    OSError,
    sqlite3.Error,
    pickle.UnpicklingError,
    EOFError,
    UnicodeError,  # a file name that is not UTF-8 cannot be stored as SQLite text
)


def _versions() -> Versions:
    return Versions(private_root(cache_root()))


def _warn(error: BaseException) -> None:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    print(
        f"coopgraph: warning: the store in {cache_root()} cannot be used ({reason}); "
        "answering from the data in memory",
        file=sys.stderr,
    )


def _data(path: Path | str | None) -> DataFiles:
    return DataFiles.scan(Path(path) if path is not None else default_data_path())


#: Data this small builds in well under a second: no need to say so on stderr.
_QUIET_BELOW = 5_000_000


def _on_demand(data: DataFiles, reporter: Reporter | None) -> Reporter:
    """How a command that builds the store on first use reports it: only when it takes a while."""
    if reporter is not None:
        return reporter
    return Reporter() if data.size >= _QUIET_BELOW else silent()


def _open_version(
    data: DataFiles, reporter: Reporter, rdf_base: str | None = None
) -> tuple[Versions, Version, Any]:
    """The version of ``data`` and a shared hold on it; retried once if removed meanwhile."""
    versions = _versions()
    for attempt in (1, 2):
        version = versions.ensure(data, reporter, rdf_base=rdf_base)
        try:
            return versions, version, version.hold()
        except FileNotFoundError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def open_index(
    path: Path | str | None = None,
    *,
    use_store: bool = True,
    reporter: Reporter | None = None,
    whole: bool = False,
) -> Index:
    """An index over the data at ``path``: from the store, built first if needed.

    Without the store (``use_store=False``, ``COOPGRAPH_CACHE=off``) or when it cannot be
    used, the data are parsed and validated in memory. ``whole`` is for a caller that
    reads every record (the site): if this call had to build the store's version, it
    gets the records just validated, in memory, rather than reading them back from it.
    """
    data = _data(path)
    if use_store and enabled():
        try:
            from coopgraph.store.snapshot import SnapshotIndex

            _, version, hold = _open_version(data, _on_demand(data, reporter))
            if whole and version.built is not None:
                hold.close()
                return Index(version.built)
            return SnapshotIndex(version.snapshot, version.directory / "memo", keep_open=hold)
        except CACHE_FAULTS as error:
            _warn(error)
    return Index(load_contents(data.contents).dataset)


def open_rdf_store(
    path: Path | str | None, base: str, *, use_store: bool = True, reporter: Reporter | None = None
) -> tuple[Index, ox.Store]:
    """An index and an Oxigraph store of the data (default graph), opened read-only."""
    index, directory = _rdf_version(path, base, use_store, reporter)
    if directory is not None:
        return index, _opened(directory)
    from coopgraph.sparql import dataset_store

    return index, dataset_store(index, base)


def open_rdf_folder(
    path: Path | str | None, base: str, *, use_store: bool = True, reporter: Reporter | None = None
) -> tuple[Index, Path | None]:
    """An index and the folder of the data's on-disk Oxigraph store (built first if needed),
    for another program to open (``oxigraph serve-read-only``); ``None`` without a usable
    store, the index then parsed in memory.

    The folder is opened once here, so that damage is reported as for any command
    (:class:`DamagedStoreError`) rather than by the other program. It is never written
    again once published (a change of the data makes a new version beside it), and it
    stays on disk while the index is open: the index holds the version's shared lock,
    which ``coopgraph cache clear`` respects. Keep the index as long as the folder is used.
    """
    index, directory = _rdf_version(path, base, use_store, reporter)
    if directory is not None:
        _opened(directory)  # dropped at once, which closes it: the check is what counts
    return index, directory


def _rdf_version(
    path: Path | str | None, base: str, use_store: bool, reporter: Reporter | None
) -> tuple[Index, Path | None]:
    data = _data(path)
    if use_store and enabled():
        try:
            from coopgraph.store.snapshot import SnapshotIndex

            reporter = _on_demand(data, reporter)
            versions, version, hold = _open_version(data, reporter, rdf_base=base)
            directory = versions.ensure_rdf(version, base, reporter)
            index = SnapshotIndex(version.snapshot, version.directory / "memo", keep_open=hold)
            return index, directory
        except CACHE_FAULTS as error:
            _warn(error)
    return Index(load_contents(data.contents).dataset), None


def _opened(directory: Path) -> ox.Store:
    from coopgraph.store import rdf

    try:
        return rdf.open_read_only(directory)
    except RuntimeError as error:  # how Oxigraph reports a damaged store
        raise DamagedStoreError(directory, str(error)) from error


@contextmanager
def reading(index: Index) -> Iterator[None]:
    """Around queries on a store from :func:`open_rdf_store`: damage found while Oxigraph
    reads (it raises RuntimeError) becomes :class:`DamagedStoreError`, which the CLI
    answers without the store. Stores held in memory raise as they are."""
    from coopgraph.store.snapshot import SnapshotIndex

    try:
        yield
    except RuntimeError as error:
        if isinstance(index, SnapshotIndex):
            raise DamagedStoreError(index.path.parent, str(error)) from error
        raise


def set_aside(error: DamagedStoreError) -> None:
    """Take the version a command found damaged out of use (best effort), and say so once."""
    print(
        f"coopgraph: warning: {error}; answering from the data in memory "
        "(the next command builds the store again)",
        file=sys.stderr,
    )
    directory = error.path if error.path.is_dir() else error.path.parent
    with suppress(OSError):  # best effort: the answer comes from memory anyway
        versions = _versions()
        if directory.parent == versions.versions or directory.parent.parent == versions.versions:
            versions.set_aside(directory)


# --- coopgraph build ------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildReport:
    """What ``coopgraph build`` did: the version, its counts, and each phase's time."""

    key: str
    directory: str
    data: str
    counts: dict[str, int]
    updated_from: str | None
    phases: list[dict[str, Any]]
    seconds: float

    def to_data(self) -> Any:
        return vars(self)

    def table(self) -> Table:
        rows = [[p["phase"], p["count"], f"{p['seconds']:.2f}"] for p in self.phases]
        rows.append(["total", sum(self.counts.values()), f"{self.seconds:.2f}"])
        title = f"Store {self.key[:12]} for {self.data}: " + ", ".join(
            f"{n} {s}" for s, n in self.counts.items()
        )
        return Table(["phase", "count", "seconds"], rows, title=title, caption=self.directory)


def build(
    path: Path | str | None = None,
    *,
    base: str,
    rdf: bool = True,
    reporter: Reporter | None = None,
) -> BuildReport:
    """Build (or update) the store for the data at ``path`` up front: snapshot, RDF, results.

    Unlike the other entry points, a cache that cannot be used is an error here: building
    it is what was asked.
    """
    import time

    if not enabled():
        raise CoopgraphError("the store is switched off (COOPGRAPH_CACHE=off)")
    reporter = reporter or Reporter.for_terminal()
    started = time.perf_counter()
    data = _data(path)
    try:
        versions = _versions()
        found = versions.find(versions.key_for(data))
        if found is not None and (problem := versions.problems(found)) is not None:
            reporter.note(f"the stored version is damaged ({problem}): building it again")
            versions.set_aside(found.directory)
        version = versions.ensure(data, reporter, memos=True, rdf_base=base if rdf else None)
        _, version, hold = _open_version(data, silent())
        if rdf:
            versions.ensure_rdf(version, base, reporter)
        _complete_memos(version, reporter)
        hold.close()
    except CACHE_FAULTS as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CoopgraphError(f"cannot build the store in {cache_root()}: {reason}") from None
    return BuildReport(
        version.key,
        str(version.directory),
        str(data.path),
        version.manifest["counts"],
        version.manifest.get("updated_from"),
        [
            {"phase": p.label, "count": p.count, "seconds": round(p.seconds, 3)}
            for p in reporter.phases
        ],
        round(time.perf_counter() - started, 3),
    )


def _complete_memos(version: Version, reporter: Reporter) -> None:
    """Whole-dataset results a version found ready-made may still lack: compute them now."""
    from coopgraph.store.snapshot import SnapshotIndex
    from coopgraph.store.versions import MEMO_NAMES, compute_memos

    memo = version.directory / "memo"
    if all((memo / f"{name}.pickle").is_file() for name in MEMO_NAMES):
        return
    with reporter.phase("count and rank (stats, fields, analytics tables)"):
        compute_memos(SnapshotIndex(version.snapshot, memo))


# --- coopgraph cache info | clear ------------------------------------------------------------


@dataclass(frozen=True)
class CacheInfo:
    root: str
    enabled: bool
    versions: list[dict[str, Any]]

    def to_data(self) -> Any:
        return vars(self)

    def table(self) -> Table:
        rows = [
            [
                v["key"][:12],
                v["data"],
                v["files"],
                v["agreements"],
                "yes" if v["rdf"] else "no",
                f"{v['bytes'] / 1e6:.1f}",
                v["built"],
            ]
            for v in self.versions
        ]
        state = "" if self.enabled else " (switched off by COOPGRAPH_CACHE)"
        return Table(
            ["version", "data", "files", "agreements", "rdf", "MB", "built"],
            rows,
            title=f"Store in {self.root}{state}: {len(rows)} version(s)",
            wide=("data",),
        )


def cache_info() -> CacheInfo:
    versions = []
    for version in Versions(cache_root()).all():  # only reads manifests: nothing to secure
        manifest = version.manifest
        versions.append(
            {
                "key": version.key,
                "directory": str(version.directory),
                "data": manifest.get("data"),
                "files": len(manifest.get("files", [])),
                "agreements": manifest.get("counts", {}).get("agreements"),
                "rdf": sorted(version.rdf_bases()),
                "bytes": directory_size(version.directory),
                "built": manifest.get("built"),
                "updated_from": manifest.get("updated_from"),
            }
        )
    return CacheInfo(str(cache_root()), enabled(), versions)


@dataclass(frozen=True)
class ClearReport:
    root: str
    removed: list[str]
    in_use: list[str]

    def to_data(self) -> Any:
        return vars(self)

    def table(self) -> Table:
        rows = [[key[:12], "removed"] for key in self.removed]
        rows += [[key[:12], "kept: in use by a running command"] for key in self.in_use]
        return Table(["version", "result"], rows, title=f"Store in {self.root}")


def clear_cache() -> ClearReport:
    """Remove every stored version (those in use by a running command are kept).

    Only folders that are versions (they hold a manifest) are removed, nothing else that
    ``$COOPGRAPH_CACHE`` may point at.
    """
    if not enabled():
        raise CoopgraphError("the store is switched off (COOPGRAPH_CACHE=off): nothing to clear")
    try:
        versions = _versions()
        removed, kept = versions.clear()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CoopgraphError(f"cannot clear the store in {cache_root()}: {reason}") from None
    return ClearReport(str(versions.root), removed, kept)
