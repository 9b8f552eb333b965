"""A stop signal handed to one thread of a process that is not its main thread.

The kernel may deliver a signal sent to a process to any thread that does not block it
(ours, or RocksDB's under Oxigraph); ``tgkill`` makes that choice on purpose, so the
tests see what a user sees when it falls that way.
"""

from __future__ import annotations

import ctypes
import os
import signal
from pathlib import Path

import pytest


def blocks(pid: int, tid: int, number: int) -> bool:
    """Whether thread ``tid`` of ``pid`` blocks signal ``number`` (SigBlk in /proc)."""
    for line in Path(f"/proc/{pid}/task/{tid}/status").read_text().splitlines():
        if line.startswith("SigBlk:"):
            return bool(int(line.split()[1], 16) >> (number - 1) & 1)
    return False


def signal_a_helper_thread(pid: int, number: int = signal.SIGINT) -> int:
    """Send ``number`` to one thread of ``pid`` other than its main one; that thread's id.

    Skips where /proc or glibc's ``tgkill`` is missing, and where no other thread would
    take the signal (then the kernel can only pick the main thread).
    """
    try:
        threads = sorted(int(task.name) for task in Path(f"/proc/{pid}/task").iterdir())
        tgkill = ctypes.CDLL(None, use_errno=True).tgkill
    except (OSError, AttributeError):
        pytest.skip("needs Linux's /proc and glibc's tgkill")
    helpers = [tid for tid in threads if tid != pid and not blocks(pid, tid, number)]
    if not helpers:
        pytest.skip(f"process {pid} has no other thread that takes signal {number}")
    if tgkill(pid, helpers[0], number) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return helpers[0]
