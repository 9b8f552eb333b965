"""Validation markers for ``Annotated`` fields that cost nothing until validation runs.

The records in :mod:`coopgraph.models` are plain frozen dataclasses, so that reading a
cached dataset (the common case for every command) needs neither pydantic nor its ~100 ms
of import and schema building. Pydantic validates them when data is loaded from YAML: it
asks each marker below for its part of the schema through ``__get_pydantic_core_schema__``,
and only then is ``pydantic_core`` imported.

Each marker raises ``ValueError`` with a message written for the people editing the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sized
from typing import Any

__all__ = [
    "After",
    "Before",
    "MinItems",
    "Parse",
    "Pattern",
    "SetOf",
    "StrictNumber",
    "Trimmed",
]


class _Marker:
    def _wrap(self, handler: Any, source: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return self._wrap(handler, source)


class After(_Marker):
    """Run ``check`` on the value after the type itself has been validated."""

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def _wrap(self, handler: Any, source: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Before(_Marker):
    """Rewrite the raw value before validation (``"KIAT"`` → ``{"agency": "KIAT"}``)."""

    def __init__(self, rewrite: Callable[[Any], Any]) -> None:
        self.rewrite = rewrite

    def _wrap(self, handler: Any, source: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.rewrite, handler(source))


class Parse(_Marker):
    """Replace validation by ``parse`` and serialise the value back with ``str``."""

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        self.parse = parse

    def _wrap(self, handler: Any, source: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            self.parse, serialization=core_schema.to_string_ser_schema()
        )


class Pattern(After):
    """Text matching a regular expression, with a description of what is expected."""

    def __init__(self, regex: str, expected: str) -> None:
        compiled = re.compile(regex)

        def check(value: str) -> str:
            if not compiled.fullmatch(value):
                raise ValueError(f"{value!r} is not {expected}")
            return value

        super().__init__(check)


#: What no text in the data may hold: control characters but tab and line breaks, lone
#: surrogates and the noncharacters U+FFFE/U+FFFF. YAML's escapes (``"\x01"``,
#: ``"\ud800"``) can write them where raw bytes are refused, and XML exports (GraphML,
#: GEXF, SVG, RDF/XML), Graphviz and terminals then fail or misbehave.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class Trimmed(After):
    """Text without surrounding whitespace, not empty, and with nothing XML cannot hold."""

    def __init__(self) -> None:
        def check(value: str) -> str:
            value = value.strip()
            if not value:
                raise ValueError("must not be empty")
            if found := _UNWRITABLE.search(value):
                raise ValueError(
                    f"contains the character U+{ord(found[0]):04X} at position {found.start() + 1},"
                    " which text in the data may not hold (a control character or a surrogate)"
                )
            return value

        super().__init__(check)


class MinItems(After):
    """A list or mapping with at least ``count`` entries."""

    def __init__(self, count: int) -> None:
        def check(value: Sized) -> Sized:
            if len(value) < count:
                plural = "s" if count != 1 else ""
                raise ValueError(f"needs at least {count} item{plural}, found {len(value)}")
            return value

        super().__init__(check)


class StrictNumber(Before):
    """A number as written: the text ``"10"`` and the boolean ``true`` are refused."""

    def __init__(self) -> None:
        def check(value: Any) -> Any:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"expected a number, found {value!r}")
            return value

        super().__init__(check)


class SetOf(After):
    """A list that is really a set (fields of an agreement): no repeats, kept sorted.

    Sorting gives every set one written form, so exports that do not keep order (RDF)
    read back equal.
    """

    def __init__(self) -> None:
        def check(values: list[str]) -> list[str]:
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"listed more than once: {', '.join(repeated)}")
            return sorted(values)

        super().__init__(check)
