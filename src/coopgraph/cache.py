"""A content-keyed cache of validated datasets, so repeated commands do not parse again.

The key is a hash of the coopgraph version, the model's source code and every data file's
name and bytes: any change to any of them is a different key, so a stale entry is never
read. Entries are pickles in the user's cache directory (``$COOPGRAPH_CACHE_DIR``, else
``$XDG_CACHE_HOME/coopgraph``, else ``~/.cache/coopgraph``); set ``COOPGRAPH_CACHE=0`` to
switch the cache off. A cache that cannot be read or written is skipped, never fatal.
Pickles execute code when read, so the cache trusts its own directory and nothing else.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopgraph.models import Dataset

__all__ = ["cache_dir", "enabled", "key_for", "read", "write"]

_MODULES_IN_KEY = ("models.py", "dates.py")


def enabled() -> bool:
    return os.environ.get("COOPGRAPH_CACHE", "1").lower() not in {"0", "false", "no", "off"}


def cache_dir() -> Path:
    explicit = os.environ.get("COOPGRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coopgraph"


def key_for(files: Sequence[tuple[str, bytes]]) -> str | None:
    """The cache key of these files' contents, or None when the cache is off."""
    if not enabled():
        return None
    from coopgraph import __version__

    digest = hashlib.blake2b(digest_size=20)
    digest.update(__version__.encode())
    here = Path(__file__).parent
    for module in _MODULES_IN_KEY:
        digest.update((here / module).read_bytes())
    for name, data in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def read(key: str) -> Dataset | None:
    try:
        with (cache_dir() / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write(key: str, dataset: Dataset) -> None:
    """Store atomically: write a temporary file, then rename it into place."""
    from coopgraph.atomic import write_atomically

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(
            directory / f"{key}.pickle",
            lambda handle: pickle.dump(dataset, handle, protocol=pickle.HIGHEST_PROTOCOL),
        )
    except OSError:
        return
