"""Pydantic's validation errors, rewritten for the people who edit the data.

Shared by the YAML loader and the RDF reader, so a problem reads the same wherever the
data came from: "'ministri' is not one of ...; did you mean 'ministry'?" rather than
pydantic's "Input should be ...".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from coopgraph.models import REFERENCE_ERROR

__all__ = ["describe", "kind_of"]


def kind_of(value: Any) -> str:
    """What a parsed YAML value is, in words: "a boolean", "text", "a mapping"."""
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "a boolean",
        type(None): "nothing",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def describe(detail: Any) -> str:
    """One pydantic error detail as a sentence about the data, with a hint where one helps."""
    kind, message = detail["type"], detail["msg"]
    given = detail.get("input")
    if kind in {"missing", "missing_keyword_argument"}:
        return "required field is missing"
    if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
        return "unknown field (check its spelling)"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        hint = _close(given, options)
        return f"{given!r} is not one of {expected}{hint}"
    if kind in {"too_short", "too_long"}:
        ctx = detail.get("ctx", {})
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        plural = "s" if bound != 1 else ""
        return f"needs {word} {bound} item{plural}, found {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in {
        "model_type",
        "model_attributes_type",
        "dict_type",
        "dataclass_type",
        "dataclass_args_type",
    }:
        return f"expected a mapping, found {kind_of(given)}"
    if kind in {"string_type", "int_type", "float_type", "list_type", "bool_type"}:
        found = kind_of(given)
        hint = ""
        if isinstance(given, bool):
            hint = " (YAML reads yes/no/on/off as booleans in some tools; quote the value)"
        elif kind == "string_type" and isinstance(given, int | float):
            hint = " (YAML reads 0E0, 1_000 or 12:30 as numbers; quote the value)"
        return f"{message.replace('Input should be', 'expected')}, found {found}{hint}"
    if kind in {"coopgraph", REFERENCE_ERROR}:
        return message
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid value here ({message.lower()})"
    return message


def _close(given: Any, options: Sequence[str]) -> str:
    if not isinstance(given, str):
        return ""
    close = difflib.get_close_matches(given, list(options), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""
