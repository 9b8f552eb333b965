"""Datasets written back as YAML, in the layout of ``data/agreements.yaml``.

Used by ``coopgraph import`` (RDF to YAML). Strings are double-quoted where YAML 1.1 and
1.2 could read them differently (``NO``, ``0E0``, ``2024-01-29``), so the file means the same
to every YAML tool, and reads back into an equal dataset.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from coopgraph.atomic import write_atomically
from coopgraph.models import Dataset
from coopgraph.render import prune, to_data

__all__ = ["dataset_to_yaml", "write_yaml"]

# What YAML 1.2's core schema reads as something other than text (coopgraph reads YAML 1.2).
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|"
)
_TEXT = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    """Quote text that either YAML version would read as a number, boolean, date or null."""
    yaml11 = dumper.resolve(yaml.ScalarNode, text, (True, False))
    ambiguous = yaml11 != _TEXT or _YAML12_NOT_TEXT.fullmatch(text) is not None
    return dumper.represent_scalar(_TEXT, text, style='"' if ambiguous else None)


_Dumper.add_representer(str, _represent_text)


def dataset_to_yaml(dataset: Dataset) -> str:
    data = prune(to_data(dataset))
    header = "# Written by coopgraph. Validate with `coopgraph validate --data FILE`.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_yaml(dataset: Dataset, path: Path) -> None:
    """Write atomically: a temporary file renamed into place."""
    text = dataset_to_yaml(dataset).encode("utf-8")
    write_atomically(path, lambda handle: handle.write(text))
