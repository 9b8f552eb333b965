"""``validate``: the outcome of loading the data, as a report rather than an exception.

Loading raises :class:`~coopgraph.errors.DataError` with every issue; for ``validate``
that is the expected answer, so it becomes data: valid or not, record counts, and each
issue with its file, line, column, path and message (also as JSON for other tools).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coopgraph.errors import DataError, Issue, format_path
from coopgraph.models import Dataset
from coopgraph.render import Table, to_data

__all__ = ["ValidationReport", "report_for"]


@dataclass(frozen=True)
class ValidationReport:
    valid: bool
    counts: dict[str, int]
    issues: list[Issue]

    def to_data(self) -> Any:
        data = to_data(self)
        data["issues"] = [
            {
                "file": i.file,
                "line": i.line,
                "column": i.column,
                "path": format_path(i.path),
                "message": i.message,
            }
            for i in self.issues
        ]
        return data

    def table(self) -> Table:
        if self.valid:
            counts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
            return Table(["result", "records"], [["valid", counts]])
        rows = [[i.file, i.line, i.column, format_path(i.path), i.message] for i in self.issues]
        return Table(
            ["file", "line", "column", "path", "problem"],
            rows,
            title=f"{len(self.issues)} problem(s) in the data",
            wide=("problem",),
        )


def report_for(load: Callable[[], Dataset]) -> ValidationReport:
    """Run ``load`` and describe the outcome."""
    try:
        dataset = load()
    except DataError as error:
        return ValidationReport(False, {}, error.issues)
    counts = {
        section: len(getattr(dataset, section))
        for section in ("agencies", "agreements", "events", "fields", "sources")
    }
    return ValidationReport(True, counts, [])
