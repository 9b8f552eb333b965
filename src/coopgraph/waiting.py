"""Waits that Ctrl-C and SIGTERM always cut short, whichever thread the kernel hands them to.

Python runs signal handlers in the main thread only. A signal sent to the process may be
delivered to any thread that does not block it: one of ours, or one that a library starts
(RocksDB, under Oxigraph, keeps background threads for the life of the process). The C
handler in that thread only sets a flag, and a main thread blocked without end in
``waitpid`` or a lock is not woken: Ctrl-C to ``coopgraph serve`` would wait for the
server to end by itself. The main thread therefore waits in short steps; between two
steps it runs the handler, which raises ``KeyboardInterrupt`` (or the CLI's
``SystemExit`` for SIGTERM).
"""

from __future__ import annotations

import subprocess
import threading
import time
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the package is imported by commands that never wait on a future
    from concurrent.futures import Future

__all__ = ["STEP_SECONDS", "join_thread", "result_of", "wait_for_process"]

#: The longest a stop signal delivered to another thread waits to be seen.
STEP_SECONDS = 0.2

T = TypeVar("T")


def wait_for_process(child: subprocess.Popen[bytes] | subprocess.Popen[str]) -> int:
    """``child.wait()``, without end, in steps."""
    while True:
        try:
            return child.wait(STEP_SECONDS)
        except subprocess.TimeoutExpired:
            continue


def join_thread(thread: threading.Thread, timeout: float | None = None) -> bool:
    """``thread.join(timeout)`` in steps (``None``: without end); whether it has ended."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while thread.is_alive():
        left = STEP_SECONDS if deadline is None else min(STEP_SECONDS, deadline - time.monotonic())
        if left <= 0:
            return False
        thread.join(left)
    return True


def result_of(future: Future[T]) -> T:
    """``future.result()``, without end, in steps."""
    while True:
        try:
            return future.result(timeout=STEP_SECONDS)
        except TimeoutError:
            continue
