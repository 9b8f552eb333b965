"""Matching what people type against names and codes, and the nearest ones when nothing matches.

Analysts type ``LOI`` and ``MOU`` as the sources write them, ``Signed`` or ``양해각서``; a
vocabulary value matches by its code, its English or Korean label, or the initials of its
English label, whatever the case. When nothing matches, the two or three nearest values are
suggested (rapidfuzz's weighted ratio), not the whole vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coopgraph.errors import NotFoundError
from coopgraph.resolve import normalize

__all__ = ["check_vocabulary", "nearest", "vocabulary_keys"]


def nearest(typed: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 55) -> list[str]:
    """Up to ``limit`` choices nearest to ``typed`` (rapidfuzz's ratio, 0-100), best first,
    each scoring ``cutoff`` or more: more than half alike."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        typed, list(choices), scorer=fuzz.ratio, processor=utils.default_process, limit=limit
    )
    return [choice for choice, score, _i in found if score >= cutoff]


def _initials(label: str) -> str:
    """``memorandum of understanding`` -> ``mou``; a one-word label has none."""
    words = label.replace("-", " ").split()
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def vocabulary_keys(labels: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Every way to write each code (normalised), mapped to the code.

    The code, its labels in every language and the initials of its English label (``letter
    of intent`` gives ``loi``). An abbreviation two codes share is left out rather than
    guessed.
    """
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for code, texts in labels.items():
        forms = {code, *texts.values(), _initials(texts.get("en", ""))}
        for form in filter(None, map(normalize, forms)):
            if keys.get(form, code) != code:
                shared.add(form)
            keys[form] = code
    for form in shared:
        if form not in {normalize(code) for code in labels}:
            del keys[form]
    return keys


def check_vocabulary(
    values: Iterable[str], labels: Mapping[str, Mapping[str, str]], what: str
) -> frozenset[str]:
    """The codes the values name, or NotFoundError with the nearest codes for the first
    value that names none."""
    keys = vocabulary_keys(labels)
    codes = []
    for value in values:
        code = keys.get(normalize(value))
        if code is None:
            raise NotFoundError(what, value, _suggestions(value, labels))
        codes.append(code)
    return frozenset(codes)


def _suggestions(value: str, labels: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The two or three codes nearest to ``value`` by their code or labels (initials are
    for typing, not for suggesting); a vocabulary of five or fewer is listed whole when
    nothing is near, since it is short enough to read."""
    names = {
        normalize(text): code for code, texts in labels.items() for text in (code, *texts.values())
    }
    close = [names[name] for name in nearest(normalize(value), names, limit=10)]
    found = list(dict.fromkeys(close))[:3]
    return found or (list(labels) if len(labels) <= 5 else [])
