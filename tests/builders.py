"""Small builders for hand-made datasets in tests (raw dicts, as YAML would give)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

MINIMAL_SOURCE = {"id": "s1", "kind": "news", "title": "A", "language": "en"}


def agency(agency_id: str, country: str = "US", **extra: object) -> dict[str, object]:
    return {
        "id": agency_id,
        "names": [{"text": f"{agency_id} agency", "lang": "en"}],
        "country": country,
        "kind": "research-institute",
        "sources": [{"source": "s1", "quote": "q"}],
        **extra,
    }


def agreement(agreement_id: str, *parties: object, **extra: object) -> dict[str, object]:
    return {
        "id": agreement_id,
        "type": "mou",
        "title": {"en": agreement_id},
        "parties": list(parties),
        "status": "signed",
        "sources": [{"source": "s1", "quote": "q"}],
        **extra,
    }


def dataset_dict(agencies: list[Any], agreements: list[Any] = (), **extra: Any) -> dict[str, Any]:
    return {
        "sources": [MINIMAL_SOURCE],
        "agencies": agencies,
        "agreements": list(agreements),
        **extra,
    }


class _QuotingDumper(yaml.SafeDumper):
    """Double-quotes every string.

    PyYAML writes YAML 1.1 and leaves ``0E0`` unquoted (not a number in 1.1), while
    coopgraph reads YAML 1.2, where it is a float; hypothesis found this. Quoting every
    string makes generated files mean the same in both versions.
    """


_QuotingDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def write_yaml(path: Path, data: Any) -> Path:
    text = yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def ascii_id(text: str) -> str:
    """A test id for ``text`` that tools can pass back to pytest: printable ASCII only.

    Each run of non-ASCII letters becomes the name of its script (``표준연`` -> ``hangul``,
    ``産総研`` -> ``cjk``), spaces become ``_``: ids stay readable and distinct enough.
    """

    def script(match: re.Match[str]) -> str:
        name = unicodedata.name(match[0][0], "other").split()[0].lower()
        return {"hangul": "hangul", "cjk": "cjk", "hiragana": "kana", "katakana": "kana"}.get(
            name, "u"
        )

    return re.sub(r"[^\x21-\x7e]+", script, re.sub(r"\s+", "_", text.strip()))
