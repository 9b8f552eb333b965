"""Where the store lives, what it is keyed by, and the locks that keep builds whole.

The cache directory is ``$COOPGRAPH_CACHE`` if set (``off``, ``0``, ``no`` or ``false``
switch the store off), else ``$XDG_CACHE_HOME/coopgraph``, else ``~/.cache/coopgraph``.
Inside it::

    versions/<key>/          one complete, immutable version of one data set
        manifest.json        what it was built from (files and their digests, versions)
        records.sqlite       the snapshot the listing commands read
        rdf-<base>/          the Oxigraph store for SPARQL, added when first needed
        memo/                whole-dataset results, added when first computed
        in-use               readers hold a shared lock on it; clearing needs it free
    versions/.tmp-*/         a build at work; its builder holds .building locked
    locations/<hash>.json    per data path: latest version, file names, digests, states
    locks/<hash>.lock        one build or update per data path at a time
    publish.lock             renaming into place, pointing, removing old versions, clearing

A version's key hashes the data files (names and bytes) with everything that shapes what
is stored: every source file of coopgraph, the installed files of the packages that parse,
validate, count and store, and the Python and SQLite versions. A store made by other code
has another key and is never opened.
"""

from __future__ import annotations

import errno
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
    "private_root",
    "sources",
    "version_key",
]

CACHE_ENV = "COOPGRAPH_CACHE"
#: Bumped whenever the layout of a version directory changes (2: links of announced steps).
FORMAT = 3  # 3: each record's digest as parsed (updates record by record)
_OFF = {"0", "off", "no", "false"}
#: Installed packages whose code shapes what is stored (records, results, triples).
_PACKAGES_IN_KEY = ("pyoxigraph", "yaml_rs", "pydantic", "pydantic_core", "networkx", "pycountry")


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "").strip().lower() not in _OFF


def cache_root() -> Path:
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coopgraph"


def private_root(root: Path) -> Path:
    """The cache directory, made if missing, owned by this user and closed to others (0700).

    What the store holds is read back as trusted records, and copies of data files may be
    private: a directory another user owns (who could plant files there) is refused with
    PermissionError, which a command answers from the data in memory; one this user owns
    but others can read or enter is closed.
    """
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = root.stat()
    if info.st_uid != os.getuid():
        raise PermissionError(errno.EPERM, "the cache directory belongs to another user", str(root))
    if info.st_mode & 0o077:
        root.chmod(0o700)
    return root


def code_key() -> str:
    """What, besides the data, decides the content of a stored version.

    Every source file of coopgraph (a change to a rule, a record, a memoised result or an
    exporter must never let an old store answer), and each package that parses, validates,
    counts or stores, by its installed files: their size and time change on every upgrade.
    Reading and hashing them costs about a millisecond; nothing is imported.
    """
    import sqlite3

    from coopgraph import __version__

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {FORMAT}; coopgraph {__version__}; python {sys.version}".encode())
    digest.update(f"sqlite {sqlite3.sqlite_version}".encode())
    package = Path(__file__).resolve().parents[1]
    for module in sources():
        digest.update(module.relative_to(package).as_posix().encode() + b"\0")
        digest.update(module.read_bytes())
    for name in _PACKAGES_IN_KEY:
        digest.update(f"{name} {_installed(name)}".encode())
    return digest.hexdigest()


def sources() -> list[Path]:
    """coopgraph's own source files, all of which count in the key."""
    return sorted(Path(__file__).resolve().parents[1].rglob("*.py"))


def _installed(name: str) -> str:
    """An installed package's identity, read without importing it (start-up stays light)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return "absent"
    if spec is None or spec.origin is None:
        return "absent"
    places = [Path(spec.origin)]
    places += [Path(p) for p in spec.submodule_search_locations or []]
    found = []
    for place in places:
        try:
            status = place.stat()
        except OSError:
            continue
        found.append(f"{place}:{status.st_size}:{status.st_mtime_ns}")
    # The compiled part of a package (pyoxigraph's, pydantic_core's) sits beside __init__.py.
    if spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for native in sorted(Path(folder).glob("*.so")):
                status = native.stat()
                found.append(f"{native.name}:{status.st_size}:{status.st_mtime_ns}")
    return ";".join(found)


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
