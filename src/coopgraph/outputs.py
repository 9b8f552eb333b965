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

import json
from collections.abc import Iterable
from pathlib import Path

from coopgraph.errors import UsageError

__all__ = ["check_target", "remember"]

REGISTRY = "outputs.json"


def check_target(target: Path, inputs: Iterable[Path], *, force: bool = False) -> None:
    """Raise UsageError if writing ``target`` could lose data; ``inputs`` are files read."""
    for path in inputs:
        if _same_file(path, target):  # by device and inode: any spelling, symlink, hard link
            raise UsageError(
                f"refusing to write {target}: this command reads it ({path}); "
                "choose another output file"
            )
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a directory; name a file")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: the directory {target.parent} does not exist")
    if target.exists() and not force and not _written_by_us(target.resolve()):
        raise UsageError(
            f"{target} exists and coopgraph did not write it (or it changed since); "
            "use --force to replace it"
        )


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
