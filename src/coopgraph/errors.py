"""One exception family, and problems in data as values with a location.

Every error coopgraph raises on purpose derives from :class:`CoopgraphError`; the CLI turns
those into one-line messages and exit codes, and anything else into an internal error.
A problem in the data is an :class:`Issue` - file, line, column, path in the document and
message - so that a load can report all of them at once, not only the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as PathLike

__all__ = [
    "AmbiguousNameError",
    "CoopgraphError",
    "DamagedStoreError",
    "DataError",
    "Issue",
    "NotFoundError",
    "UsageError",
    "format_path",
]

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a document path as ``agreements[3].parties[1]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a data file."""

    file: str
    message: str
    path: Path = ()
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """``file:line:col: path: message`` on one line, as editors and CI read compiler output.

        The same shape as ruff's, mypy's and yamllint's parsable output, so a problem in the
        data is a clickable link in an editor's terminal and an annotation in CI.
        """
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        location = format_path(self.path)
        message = " ".join(part.strip() for part in self.message.splitlines())  # one a line
        return f"{where}: {location}: {message}" if location else f"{where}: {message}"


class CoopgraphError(Exception):
    """Base of every error coopgraph raises on purpose."""

    exit_code = 1


class DamagedStoreError(CoopgraphError):
    """A stored version of the data turned out unreadable while a command used it.

    Raised by :mod:`coopgraph.store`; the CLI sets the version aside (the next command
    builds it anew) and answers again from the data in memory.
    """

    def __init__(self, path: PathLike, reason: str) -> None:
        super().__init__(f"the store at {path} is damaged: {reason}")
        self.path, self.reason = path, reason


class DataError(CoopgraphError):
    """The data files cannot be read or do not satisfy the model; carries every issue."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: list[Issue] = sorted(
            issues, key=lambda i: (i.file, i.line or 0, i.column or 0, format_path(i.path))
        )
        count = len(self.issues)
        #: "3 problems in the data": what the CLI says after listing them, one a line.
        self.summary = f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__(self.summary + "\n" + "\n".join(str(issue) for issue in self.issues))


class UsageError(CoopgraphError):
    """The command was called with arguments that cannot work."""

    exit_code = 2


class NotFoundError(UsageError):
    """A name matches nothing; ``suggestions`` holds near matches."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind, self.name, self.suggestions = kind, name, list(suggestions)
        message = f"unknown {kind} {name!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class AmbiguousNameError(UsageError):
    """A name matches more than one thing; ``candidates`` lists them as ``id (label)``."""

    def __init__(self, kind: str, name: str, candidates: Sequence[str]) -> None:
        self.kind, self.name, self.candidates = kind, name, list(candidates)
        super().__init__(
            f"{name!r} could be more than one {kind}: "
            + ", ".join(self.candidates)
            + "; use the id"
        )
