"""One renderer for every tabular answer: ``--format table|json|csv``.

Query functions return result objects with ``table()`` (flat rows for people and
spreadsheets) and ``to_data()`` (the nested structure, for programs). This module writes
either to a stream. Tables are aligned by terminal columns, in which Hangul and Kanji take
two; into a pipe or a file no cell is wrapped, so each record stays on one line.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TextIO

__all__ = ["Format", "Renderable", "Table", "prune", "render", "to_data"]


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass(frozen=True)
class Table:
    """Flat rows under named columns, with an optional title and footnote."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str | None = None
    caption: str | None = None
    wide: Sequence[str] = field(default_factory=tuple)  # columns allowed to wrap widely


class Renderable(Protocol):
    def table(self) -> Table: ...

    def to_data(self) -> Any: ...


def to_data(value: Any) -> Any:
    """Plain JSON-ready data from dataclasses, lists and dicts (dates become text)."""
    if getattr(type(value), "as_text", False):  # values written as text (dates)
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_data(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def prune(value: Any) -> Any:
    """Plain data without empty values (None, [], {}), as people write it in YAML."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Characters a terminal acts on instead of showing (colours, cursor moves, bells).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _spreadsheet_safe(text: str) -> str:
    """A cell Excel or LibreOffice shows as text: a leading ``'`` before a formula start.

    Names come from sources and RDF files anyone can write; ``=HYPERLINK(...)`` in a name
    must not become a live formula in an analyst's spreadsheet.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _visible(text: str) -> str:
    """Control characters written as ``\\x1b`` escapes, so a table cannot drive the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", text)


def render(result: Renderable, fmt: Format | str, out: TextIO) -> None:
    fmt = Format(fmt)
    if fmt is Format.json:
        json.dump(result.to_data(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    table = result.table()
    if fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([_spreadsheet_safe(_cell(v)) for v in row] for row in table.rows)
        return
    _draw(table, out)


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: Hangul, Kanji and other wide characters take two."""
    if text.isascii():  # most cells: ids, dates, English names (and no combining marks)
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _wrap(text: str, width: int) -> list[str]:
    """Split ``text`` into lines of at most ``width`` columns, at spaces where possible."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _width(word) > width:  # a word longer than the column is cut
            cut = next(i for i in range(1, len(word) + 1) if _width(word[:i]) > width) - 1
            lines.append(word[: max(cut, 1)])
            word = word[max(cut, 1) :]
        line = word
    return [*lines, line]


def _draw(table: Table, out: TextIO) -> None:
    """An aligned plain-text table; on a terminal, wide columns wrap to fit its width.

    Written by hand rather than with rich: rich's import and layout cost about 35 ms, a
    tenth of a cold start, for what is a few columns of padded text.
    """
    cells = [[_visible(_cell(v).replace("\n", " ")) for v in row] for row in table.rows]
    header = [_visible(column) for column in table.columns]
    widths = [max([_width(h), *(_width(r[i]) for r in cells)]) for i, h in enumerate(header)]
    if out.isatty():
        total = shutil.get_terminal_size().columns
        wide = [i for i, h in enumerate(header) if h in table.wide]
        fixed = sum(w for i, w in enumerate(widths) if i not in wide) + 2 * len(widths)
        for i in wide:
            widths[i] = max(12, min(widths[i], (total - fixed) // max(len(wide), 1)))
    if table.title:
        out.write(_visible(table.title) + "\n\n")
    if not header:  # rows with nothing in them (SELECT * WHERE {}): say so, not blank lines
        count = len(table.rows)
        out.write(f"({count} row{'s' if count != 1 else ''}, no columns)\n" if count else "")
        out.write("(no results)\n" if not count else "")
        if table.caption:
            out.write("\n" + table.caption + "\n")
        return
    out.write("  ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        wrapped = [
            _wrap(text, w) if _width(text) > w else [text]
            for text, w in zip(row, widths, strict=True)
        ]
        for line in range(max((len(parts) for parts in wrapped), default=1)):
            parts = [p[line] if line < len(p) else "" for p in wrapped]
            out.write("  ".join(_pad(p, w) for p, w in zip(parts, widths, strict=True)).rstrip())
            out.write("\n")
    if not table.rows:
        out.write("(no results)\n")
    if table.caption:
        out.write("\n" + table.caption + "\n")
