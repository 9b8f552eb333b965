"""One renderer for every tabular answer: ``--format table|json|csv``.

Query functions return result objects with ``table()`` (flat rows for people and
spreadsheets) and ``to_data()`` (the nested structure, for programs). This module writes
either to a stream. Tables are drawn with rich, which knows that Hangul and Kanji take two
terminal columns; it is imported only when a table is actually drawn.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TextIO

__all__ = ["Format", "Renderable", "Table", "render", "to_data"]


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


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
        writer.writerows([_cell(v) for v in row] for row in table.rows)
        return
    _draw(table, out)


def _draw(table: Table, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    # On a terminal, fit its width (wide columns fold); into a pipe or file, never wrap.
    terminal = out.isatty()
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=None if terminal else 100_000,
        force_terminal=False,
        soft_wrap=False,
        highlight=False,
        emoji=False,
        markup=False,
    )
    if terminal:
        console.size = Console(file=out).size
    drawn = RichTable(
        title=table.title,
        caption=table.caption,
        box=box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
        caption_justify="left",
    )
    for column in table.columns:
        if column in table.wide:
            drawn.add_column(column, overflow="fold")
        else:
            drawn.add_column(column, no_wrap=True)
    for row in table.rows:
        drawn.add_row(*(_cell(v) for v in row))
    if not table.rows:
        drawn.caption = (table.caption + "\n" if table.caption else "") + "(no results)"
    console.print(drawn)
    out.writelines(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
