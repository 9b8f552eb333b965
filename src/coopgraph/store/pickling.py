"""Pickles that can only rebuild coopgraph's own records: a planted file runs no code.

The store keeps each validated record as a pickle (the fastest way back to a frozen
dataclass). The cache directory is at a path anyone can compute, so a file planted there
must not be able to run code: plain :func:`pickle.loads` calls any importable function a
pickle names (``os.system``). Here every class a pickle names must come from coopgraph's
own modules or the few standard types records hold, as the Python documentation's
"Restricting Globals" recipe does; anything else is :class:`pickle.UnpicklingError`, which
the store treats like damage (the command answers from the data and the store is rebuilt).
"""

from __future__ import annotations

import io
import pickle
from typing import Any

__all__ = ["dumps", "loads"]

#: Standard classes records and memoised results are made of.
_STANDARD = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "complex"),
    ("datetime", "date"),
    ("collections", "Counter"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
}


class _CoopgraphOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module.startswith("coopgraph.") or (module, name) in _STANDARD) and "." not in name:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the store holds {module}.{name}, which no record uses")


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes, expected: type | tuple[type, ...] | None = None) -> Any:
    """The value pickled in ``blob``, refusing any class outside coopgraph's records.

    With ``expected``, a value of another type (a planted pickle of a list where a record
    belongs) is refused too, instead of failing later as an internal error.
    """
    value = _CoopgraphOnly(io.BytesIO(blob)).load()
    if expected is not None and not isinstance(value, expected):
        raise pickle.UnpicklingError(
            f"the store holds a {type(value).__name__} where a record belongs"
        )
    return value
