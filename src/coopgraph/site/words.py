"""The site's own words (headings, labels) in each language, kept as YAML beside the templates.

``messages/<lang>/*.yaml`` hold one flat mapping each and are merged, so the search's
words and the pages' words live in separate files; translators edit YAML, not templates.
A test keeps every language's keys the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["files_under", "messages", "package_files"]


def package_files() -> Any:
    """The site package's folder (templates, messages, static files)."""
    return resources.files("coopgraph.site")


def files_under(folder: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """``(path, file)`` for every file under a package folder, in a fixed order; hidden
    files and Python's caches left out. ``path`` starts with ``prefix``."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in ("__pycache__",):
            continue
        path = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from files_under(entry, path)
        elif not entry.name.endswith(".pyc"):
            yield path, entry


@cache
def messages(lang: str) -> dict[str, str]:
    """The site's words in ``lang``: every ``messages/<lang>/*.yaml`` merged."""
    merged: dict[str, str] = {}
    folder = package_files() / "messages" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            merged.update(yaml.safe_load(entry.read_text(encoding="utf-8")) or {})
    return merged
