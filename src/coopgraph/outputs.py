"""Where a command may write its output without losing anything.

``export`` and ``import`` write files named by the user, and a mistyped ``-o`` must not
turn someone's data or notes into an RDF file. So a command never replaces a file it
reads (whatever the spelling or symlink that names it), and replaces an existing file
only if coopgraph wrote it there last and nobody changed it since, or if ``--force`` says
so. What coopgraph wrote is remembered in the cache folder (``outputs.json``: the file's
device, inode, size and modification time); with the cache switched off, every existing
file needs ``--force``.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coopgraph.errors import CoopgraphError, UsageError

__all__ = ["check_target", "output_path", "remember", "writing"]

REGISTRY = "outputs.json"


def output_path(given: str) -> Path | None:
    """The file ``-o`` names (``None`` for ``-``, stdout); what cannot name a file is refused.

    ``Path("")`` is ``.`` and ``Path("out/")`` is ``out``: without this check ``-o ""``
    would be reported as the current directory, and ``-o out/`` would write a file ``out``.
    """
    if given == "-":
        return None
    if not given.strip():
        raise UsageError(f"-o {given!r} names no file; give a file name, or - for stdout")
    if given.endswith(("/", os.sep)):
        raise UsageError(f"cannot write {given}: it names a directory; name a file in it")
    return Path(given)


def check_target(
    target: Path, inputs: Iterable[Path], *, force: bool = False, shown: str | None = None
) -> None:
    """Raise UsageError if writing ``target`` could lose data; ``inputs`` are files read.

    Messages name the target as the user wrote it (``shown``), never a temporary file.
    """
    name = shown if shown is not None else str(target)
    try:
        _check(target, inputs, force=force, name=name)
    except OSError as error:  # a name too long, a loop of links: the system's own words
        reason = (error.strerror or type(error).__name__).lower()
        raise UsageError(f"cannot write {name}: {reason}") from None


def _check(target: Path, inputs: Iterable[Path], *, force: bool, name: str) -> None:
    for path in inputs:
        if _same_file(path, target):  # by device and inode: any spelling, symlink, hard link
            raise UsageError(
                f"refusing to write {name}: this command reads it ({path}); "
                "choose another output file"
            )
    if target.is_dir():
        raise UsageError(f"cannot write {name}: it is a directory; name a file")
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise UsageError(f"cannot write {name}: {parent} is not a directory")
    if not parent.is_dir():
        raise UsageError(f"cannot write {name}: the directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {name}: the directory {parent} is not writable")
    if target.exists() and not force and not _written_by_us(target.resolve()):
        raise UsageError(
            f"{name} exists and coopgraph did not write it (or it changed since); "
            "use --force to replace it"
        )


#: Failures that say the target cannot be used (a usage error, exit 2); any other failure
#: while writing (a full disk, an I/O error) is exit 1.
_UNUSABLE = {
    errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EISDIR,
    errno.ENAMETOOLONG, errno.ELOOP,
}  # fmt: skip


@contextmanager
def writing(shown: str) -> Iterator[None]:
    """Turn a failure to write the output into a message naming it as the user gave it.

    Files are written through a hidden temporary file beside them
    (:mod:`coopgraph.atomic`): the operating system's message names that file
    (``.coop.ttl.x1y2.tmp``), which the user never asked for and cannot find.
    """
    try:
        yield
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        message = f"cannot write {shown}: {reason}"
        if error.errno in _UNUSABLE:
            raise UsageError(message) from None
        raise CoopgraphError(message) from None


def remember(target: Path) -> None:
    """Record that coopgraph just wrote ``target``, so that a later run may replace it."""
    registry = _registry_path()
    if registry is None:
        return
    try:
        known = _read(registry)
        known[str(target.resolve())] = _fingerprint(target.resolve())
        from coopgraph.atomic import write_atomically

        registry.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(known, indent=0, sort_keys=True).encode("utf-8")
        write_atomically(registry, lambda handle: handle.write(text))
    except OSError:
        pass  # a cache that cannot be written only means --force next time


def _written_by_us(resolved: Path) -> bool:
    registry = _registry_path()
    if registry is None:
        return False
    try:
        return _read(registry).get(str(resolved)) == _fingerprint(resolved)
    except OSError:
        return False


def _fingerprint(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _read(registry: Path) -> dict[str, list[int]]:
    try:
        data = json.loads(registry.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        return {}  # a damaged registry is an empty one: existing files then need --force
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list)}


def _registry_path() -> Path | None:
    from coopgraph.store.location import cache_root, enabled

    return cache_root() / REGISTRY if enabled() else None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
