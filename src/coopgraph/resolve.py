"""Names to records: ids, acronyms, English, Korean and Japanese names and aliases.

Analysts type what they read: ``표준연``, ``Korea Research Institute of Standards and
Science``, ``産総研``, ``nist``. Matching ignores case, spaces and punctuation (after
Unicode NFKC normalisation, so full-width letters match too). An exact id wins; a name
shared by several agencies is reported with the candidates; an unknown name gets near
matches as suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping

from coopgraph.errors import AmbiguousNameError, NotFoundError
from coopgraph.index import Index, RecordKind
from coopgraph.models import Agency, Agreement, Event, Source, TechField

__all__ = ["RecordKind", "Resolver", "normalize"]

Record = Agency | Agreement | Event | TechField | Source

_IGNORED = re.compile(r"[\s.,·・'’\"()\-_/&]+")


def normalize(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces and punctuation.

    >>> normalize("U.S. National Science Foundation") == normalize("us national science foundation")
    True
    >>> normalize("ＮＩＳＴ")
    'nist'
    """
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())


class Resolver:
    """Finds agencies (and other records) by any of their names."""

    def __init__(self, index: Index) -> None:
        self.index = index

    @property
    def _agency_keys(self) -> Mapping[str, set[str]]:
        return self.index.agency_keys

    @property
    def _other_keys(self) -> Mapping[str, set[tuple[RecordKind, str]]]:
        return self.index.record_keys

    def agency(self, name: str, *, partial: bool = True) -> Agency:
        """The one agency called ``name``; raises NotFoundError or AmbiguousNameError.

        A whole name (or id, acronym, alias) wins; failing that, with ``partial``, a part of
        a name: ``national institute of standards`` finds NIST. Several agencies holding
        the part is an AmbiguousNameError listing them, nearest first.
        """
        if name in self.index.agencies:
            return self.index.agencies[name]
        matches = self.matching(name, partial=partial)
        if len(matches) == 1:
            return self.index.agencies[next(iter(matches))]
        if matches:
            ranked = [self._label(i) for i in self._ranked(name, matches)]
            shown = ranked[:5] + ([f"{len(ranked) - 5} more"] if len(ranked) > 5 else [])
            raise AmbiguousNameError("agency", name, shown)
        raise NotFoundError("agency", name, self._suggest(name))

    def matching(self, name: str, *, partial: bool = True) -> set[str]:
        """The ids of the agencies ``name`` finds, as :meth:`agency` finds them, without an
        error's suggestions: for callers that try many names and want only a match (news
        read by ``ingest`` names many organisations the data does not hold)."""
        if name in self.index.agencies:
            return {name}
        key = normalize(name)
        matches = self._agency_keys.get(key, set())
        if not matches and partial:
            matches = self._containing(key)
        return set(matches)

    def _containing(self, key: str) -> set[str]:
        """Agencies with a name that contains ``key`` (three characters at least, or two
        outside the Latin alphabet: 표준 is a word, ab is not)."""
        if len(key) < (2 if not key.isascii() else 3):
            return set()
        return {i for name, ids in self._agency_keys.items() if key in name for i in ids}

    def _ranked(self, name: str, ids: set[str]) -> list[str]:
        """``ids`` ordered by how near their nearest name is to ``name`` (ties by id)."""
        from rapidfuzz import fuzz

        key = normalize(name)
        score = {
            i: max(fuzz.ratio(key, k) for k, v in self._agency_keys.items() if i in v) for i in ids
        }
        return sorted(ids, key=lambda i: (-score[i], i))

    def any(self, name: str) -> tuple[RecordKind, Record]:
        """Any record called ``name``: agencies first, then agreements, events, fields, sources."""
        try:
            return "agency", self.agency(name, partial=False)
        except NotFoundError:
            pass
        matches = self._other_keys.get(normalize(name), set())
        exact = {(kind, rid) for kind, rid in matches if rid == name}
        matches = exact or matches
        if len(matches) == 1:
            kind, record_id = next(iter(matches))
            return kind, self._record(kind, record_id)
        if matches:
            raise AmbiguousNameError("record", name, [f"{k} {i}" for k, i in sorted(matches)])
        partly = self._containing(normalize(name))
        if partly:  # no record has that whole name: an agency with it as part of one
            return "agency", self.agency(name)
        suggestions = dict.fromkeys(self._suggest(name) + self._suggest_other(name))
        raise NotFoundError("name", name, list(suggestions)[:3])

    def _record(self, kind: RecordKind, record_id: str) -> Record:
        tables: dict[RecordKind, dict[str, Record]] = {
            "agreement": self.index.agreements,  # type: ignore[dict-item]
            "event": self.index.events,  # type: ignore[dict-item]
            "field": self.index.fields,  # type: ignore[dict-item]
            "source": self.index.sources,  # type: ignore[dict-item]
        }
        return tables[kind][record_id]

    def _label(self, agency_id: str) -> str:
        agency = self.index.agencies[agency_id]
        return f"{agency_id} ({agency.name('en')}, {agency.country})"

    def _suggest(self, name: str) -> list[str]:
        """Near matches by spelling, then names that contain what was typed."""
        key = normalize(name)
        close = difflib.get_close_matches(key, list(self._agency_keys), n=3, cutoff=0.6)
        ids = [agency_id for match in close for agency_id in sorted(self._agency_keys[match])]
        if len(key) >= 2:
            ids += [i for k, v in self._agency_keys.items() if key in k for i in sorted(v)]
        return list(dict.fromkeys(ids))[:3]

    def _suggest_other(self, name: str) -> list[str]:
        """Records whose id, title or label is spelt nearly like ``name`` (one may match twice)."""
        key = normalize(name)
        close = difflib.get_close_matches(key, list(self._other_keys), n=3, cutoff=0.6)
        return [rid for match in close for _kind, rid in sorted(self._other_keys[match])]
