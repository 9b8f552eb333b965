"""What a build says while it works: a progress bar on a terminal, plain lines elsewhere.

Everything goes to stderr, so a command's answer on stdout is never mixed with it. Each
phase ends with one line giving its count and its time, so a log of ``coopgraph build``
run by a scheduler shows where the time went.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = ["Phase", "Reporter", "silent"]


@dataclass
class Phase:
    label: str
    count: int = 0
    seconds: float = 0.0


@dataclass
class Reporter:
    """Reports phases of a build; ``live`` draws a bar (rich), else one line per phase."""

    stream: IO[str] | None = field(default_factory=lambda: sys.stderr)
    live: bool = False
    phases: list[Phase] = field(default_factory=list)

    @classmethod
    def for_terminal(cls, stream: IO[str] | None = None) -> Reporter:
        stream = stream or sys.stderr
        return cls(stream, live=stream.isatty())

    def note(self, text: str) -> None:
        """One line on stderr; if nobody reads it any more (``| head``), the build goes on."""
        if self.stream is None:
            return
        try:
            print(f"coopgraph: {text}", file=self.stream, flush=True)
        except OSError:  # BrokenPipeError and the like: stop reporting, not building
            self.stream = None

    @contextmanager
    def phase(
        self, label: str, total: int | None = None, unit: str = ""
    ) -> Iterator[Callable[[int], None]]:
        """Time a phase; the yielded function adds to its count (and moves the bar)."""
        current = Phase(label)
        bar: Any = None
        if self.live and self.stream is not None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            bar = Progress(
                f"[bold]{label}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=total)

        def advance(n: int) -> None:
            current.count += n
            if bar is not None:
                bar.update(task, advance=n)

        started = time.perf_counter()
        try:
            yield advance
        finally:
            if bar is not None:
                bar.stop()
        current.seconds = time.perf_counter() - started
        self.phases.append(current)
        counted = f"{current.count:,} {unit}, " if unit else ""
        self.note(f"{label}: {counted}{current.seconds:.2f} s")


def silent() -> Reporter:
    return Reporter(stream=None)
