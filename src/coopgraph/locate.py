"""Line and column numbers for places in a YAML document, found only when needed.

The fast parser (:mod:`yaml_rs`) gives plain Python values without positions. When
something is wrong, this module re-reads the text with PyYAML's composer, which keeps a
mark on every node, and answers "where is ``agreements[3].parties[1]``?". It also finds
what the fast parser reports without a position: duplicate keys and unsafe tags.
Composing builds nodes but constructs no objects, so it is safe on untrusted input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml

__all__ = ["Located", "Locator", "YamlSyntaxError"]

try:  # libyaml's composer is several times faster; the pure-Python one is the fallback
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)


@dataclass(frozen=True, slots=True)
class Located:
    """A 1-based line and column, and a message, for something found in the text."""

    line: int
    column: int
    message: str
    path: tuple[str | int, ...] = ()


class YamlSyntaxError(Exception):
    """PyYAML could not read the text; carries the position of the problem."""

    def __init__(self, located: Located) -> None:
        self.located = located
        super().__init__(located.message)


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class Locator:
    """The node tree of one YAML text, for looking up positions by document path."""

    def __init__(self, text: str) -> None:
        try:
            self.root: yaml.Node | None = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            line, column = _position(error.problem_mark or error.context_mark)
            parts = [error.context, error.problem]
            message = "; ".join(p for p in parts if p) or "not valid YAML"
            raise YamlSyntaxError(Located(line, column, f"not valid YAML: {message}")) from None
        except yaml.YAMLError as error:
            raise YamlSyntaxError(Located(1, 1, f"not valid YAML: {error}")) from None

    def position(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Where ``path`` is written: the key of a mapping entry, or the item of a list.

        If the path goes further than the document (a missing field), the position of the
        deepest node that exists is returned: the record the field is missing from.
        """
        node = self.root
        if node is None:
            return None
        mark = node.start_mark
        for part in path:
            if isinstance(node, yaml.MappingNode):
                entry = next(
                    (
                        (k, v)
                        for k, v in node.value
                        if isinstance(k, yaml.ScalarNode) and k.value == str(part)
                    ),
                    None,
                )
                if entry is None:
                    break
                mark, node = entry[0].start_mark, entry[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return _position(mark)

    def duplicate_keys(self) -> Iterator[Located]:
        """Every key written twice in the same mapping (the fast parser only says that one was)."""
        for path, node in self._walk(self.root, ()):
            if not isinstance(node, yaml.MappingNode):
                continue
            first: dict[str, yaml.Mark] = {}
            for key, _value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                if key.value in first:
                    line, column = _position(key.start_mark)
                    earlier = first[key.value].line + 1
                    yield Located(
                        line,
                        column,
                        f"duplicate key {key.value!r} (first on line {earlier})",
                        (*path, key.value),
                    )
                else:
                    first[key.value] = key.start_mark

    def unsafe_tags(self) -> Iterator[Located]:
        """Nodes with tags beyond plain YAML (``!!python/object`` and the like)."""
        for path, node in self._walk(self.root, ()):
            if node.tag and node.tag not in _PLAIN_TAGS:
                line, column = _position(node.start_mark)
                yield Located(
                    line,
                    column,
                    f"tag {node.tag!r} is not allowed: data files are plain YAML",
                    path,
                )

    def _walk(
        self, node: yaml.Node | None, path: tuple[str | int, ...]
    ) -> Iterator[tuple[tuple[str | int, ...], yaml.Node]]:
        if node is None:
            return
        stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [(path, node)]
        seen: set[int] = set()
        while stack:
            here, current = stack.pop()
            if id(current) in seen:  # aliases share nodes; visit each once
                continue
            seen.add(id(current))
            yield here, current
            if isinstance(current, yaml.MappingNode):
                for key, value in reversed(current.value):
                    stack.append(((*here, str(key.value)), value))
            elif isinstance(current, yaml.SequenceNode):
                for index in reversed(range(len(current.value))):
                    stack.append(((*here, index), current.value[index]))
