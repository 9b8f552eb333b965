"""Files written whole or not at all: a temporary file beside the target, renamed into place.

Exports, the YAML written by ``import`` and the cache all go through here, so a failure
half-way (a full disk, an interrupted command) leaves the previous file untouched and no
temporary file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["write_atomically"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a binary file handle, then rename the file to ``path``.

    A file replaced keeps its permissions (a private 0600 file stays private); a new one
    gets the umask's. A symlink is written through: the file it points to is replaced and
    the link stays a link.
    """
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # mkstemp makes files private; new exports are not
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        Path(temporary).chmod(mode)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
