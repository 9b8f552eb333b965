"""The site's own words (headings, labels) in each language, kept as YAML beside the templates.

``messages/<lang>/*.yaml`` hold one flat mapping each and are merged, so the search's
words and the pages' words live in separate files; translators edit YAML, not templates.
A test keeps every language's keys the same.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["messages", "package_files"]


def package_files() -> Any:
    """The site package's folder (templates, messages, static files)."""
    return resources.files("coopgraph.site")


@cache
def messages(lang: str) -> dict[str, str]:
    """The site's words in ``lang``: every ``messages/<lang>/*.yaml`` merged."""
    merged: dict[str, str] = {}
    folder = package_files() / "messages" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            merged.update(yaml.safe_load(entry.read_text(encoding="utf-8")) or {})
    return merged
