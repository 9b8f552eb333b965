"""Where the store lives, what it is keyed by, and the locks that keep builds whole.

The cache directory is ``$COOPGRAPH_CACHE`` if set (``off``, ``0``, ``no`` or ``false``
switch the store off), else ``$XDG_CACHE_HOME/coopgraph``, else ``~/.cache/coopgraph``.
Inside it::

    versions/<key>/          one complete, immutable version of one data set
        manifest.json        what it was built from (files and their digests, versions)
        records.sqlite       the snapshot the listing commands read
        rdf-<base>/          the Oxigraph store for SPARQL, added when first needed
        in-use               readers hold a shared lock on it; clearing needs it free
    locations/<hash>.json    the latest version built from one data path
    build.lock               one build, update or clear at a time

A version's key hashes the data files (names and bytes) with everything that shapes what
is stored: coopgraph's version and the source of the modules that define records, index
rows and triples, pyoxigraph's and SQLite's versions and Python's. A store from another
version of any of these has another key and is never opened.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = [
    "CACHE_ENV",
    "FORMAT",
    "cache_root",
    "code_key",
    "enabled",
    "file_digest",
    "location_key",
    "locked",
    "version_key",
]

CACHE_ENV = "COOPGRAPH_CACHE"
#: Bumped whenever the layout of a version directory changes.
FORMAT = 1
_OFF = {"0", "off", "no", "false"}
#: Modules whose source decides what a stored version holds.
_MODULES_IN_KEY = (
    "models.py",
    "dates.py",
    "constraints.py",
    "vocabulary.py",
    "index.py",
    "resolve.py",
    "rdf/export.py",
    "rdf/namespace.py",
    "store/snapshot.py",
    "store/rdf.py",
)


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "").strip().lower() not in _OFF


def cache_root() -> Path:
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coopgraph"


def code_key() -> str:
    """What, besides the data, decides the content of a stored version."""
    import sqlite3

    from coopgraph import __version__

    digest = hashlib.blake2b(digest_size=16)
    for part in (
        f"format {FORMAT}",
        f"coopgraph {__version__}",
        f"python {sys.version_info[:2]}",
        f"sqlite {sqlite3.sqlite_version}",
        f"pyoxigraph {_pyoxigraph_version()}",
    ):
        digest.update(part.encode() + b"\0")
    package = Path(__file__).resolve().parents[1]
    for module in _MODULES_IN_KEY:
        digest.update((package / module).read_bytes())
    return digest.hexdigest()


def _pyoxigraph_version() -> str:
    """The installed pyoxigraph's version, read without importing it (start-up stays light)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyoxigraph")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return "none"


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def version_key(code: str, files: Sequence[tuple[str, str]]) -> str:
    """The key of one version: the code key and each file's name and digest."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(code.encode() + b"\0")
    for name, file_hash in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + file_hash.encode() + b"\0")
    return digest.hexdigest()


def location_key(path: Path) -> str:
    """Which data path a version was built from, so a changed file updates its version."""
    where = str(path.resolve()).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(where, digest_size=12).hexdigest()


@contextmanager
def locked(path: Path, *, shared: bool = False, wait: bool = True) -> Iterator[IO[bytes] | None]:
    """Hold an advisory lock on ``path`` (created if needed); None if ``wait`` is off and busy.

    Locks are released by the kernel when their process dies, so a build killed with
    ``kill -9`` never leaves a lock behind.
    """
    handle = path.open("a+b")
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(handle, mode if wait else mode | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        yield handle
    finally:
        handle.close()
