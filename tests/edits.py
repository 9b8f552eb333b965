"""Edits of a dataset for Hypothesis: one value of one record changed, or two records swapped.

Any text, any reference to another record (to another existing one), any country, any
count, the order of any list: the edits that tests of incremental builds (the site's input
keys, its RDF files made from the previous build's) must survive. Edited datasets are not
validated as a whole: an edit may break a rule across records (a unit that is not part of
its agency) that no page or file cares about.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st

from coopgraph.dates import DateSpan, PartialDate
from coopgraph.models import Dataset

SECTIONS = {
    "agencies": "agency",
    "agreements": "agreement",
    "events": "event",
    "fields": "field",
    "sources": "source",
}
#: Fields that name another record, and the section of the records they may name.
REFERENCES = {
    "agency": "agencies",
    "unit": "agencies",
    "source": "sources",
    "via": "sources",
    "event": "events",
    "part_of": "events",  # an event's (an agency's names its parents by their "agency")
    "fields": "fields",
}
#: Fields whose values come from a closed list (not free text): left as they are, but for
#: countries, which are drawn from these.
CLOSED = {"id", "type", "status", "kind", "qualifier", "currency", "role"}
#: Fields that hold a language tag: drawn from these (a source's is an IRI of its own in
#: the RDF, described once per export).
LANGUAGES = ["en", "ko", "ja", "de"]
COUNTRIES = ["KR", "US", "JP", "DE", "IN"]
#: Fields that hold an address or an identifier written into an IRI: edited without spaces.
ADDRESSES = {"url", "wikidata", "ror"}


# --- edits: one value anywhere in the data ---------------------------------------------------

Path_ = tuple[Any, ...]


def leaves(value: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every editable place in a record: ``(path, value)``, the path of field names, list
    positions and dict keys; lists themselves too (their order can change)."""
    found: list[tuple[Path_, Any]] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, DateSpan | PartialDate):
        for f in dataclasses.fields(value):
            found += leaves(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, list):
        if len(value) > 1:
            found.append((path, value))
        for i, item in enumerate(value):
            found += leaves(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.append(((*path, key), item))
    elif isinstance(value, str | int) and not isinstance(value, bool):
        found.append((path, value))
    return found


def field_name(path: Path_) -> str:
    """The name of the field a path ends in (a list item's: its list's)."""
    return next((p for p in reversed(path) if isinstance(p, str) and p not in ("en", "ko")), "")


def set_at(value: Any, path: Path_, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        return [set_at(v, rest, new) if i == head else v for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: set_at(v, rest, new) if k == head else v for k, v in value.items()}
    changed = set_at(getattr(value, head), rest, new)
    copy = object.__new__(type(value))  # no validation: an edit may break a rule, not a page
    for f in dataclasses.fields(value):
        object.__setattr__(copy, f.name, changed if f.name == head else getattr(value, f.name))
    return copy


@st.composite
def edits(draw: st.DrawFn, dataset: Dataset) -> tuple[str, Dataset]:
    """One value of one record changed, or two records of a section swapped."""
    section = draw(st.sampled_from(sorted(SECTIONS)))
    records = list(getattr(dataset, section))
    if draw(st.integers(0, 9)) == 0 and len(records) > 1:  # the order of the records
        i, j = draw(st.lists(st.integers(0, len(records) - 1), min_size=2, max_size=2, unique=True))
        records[i], records[j] = records[j], records[i]
        return f"{section}: swapped {i} and {j}", with_section(dataset, section, records)
    position = draw(st.integers(0, len(records) - 1))
    record = records[position]
    places = [(p, v) for p, v in leaves(record) if p and p[0] != "id"]
    path, old = draw(st.sampled_from(places))
    name = field_name(path)
    if isinstance(old, list):
        new: Any = list(reversed(old))
    elif name == "broader" or name in CLOSED:
        new = old  # a closed list's value, or a cycle in the field tree: not this edit
    elif name in ("lang", "language"):
        new = draw(st.sampled_from([tag for tag in LANGUAGES if tag != old]))
    elif name == "country":
        new = draw(st.sampled_from([c for c in COUNTRIES if c != old]))
    elif name in REFERENCES:
        others = [r.id for r in getattr(dataset, REFERENCES[name]) if r.id != old]
        new = draw(st.sampled_from(others)) if others else old
    elif isinstance(old, int):
        new = old + 1
    elif name in ADDRESSES:
        new = old + "0"  # still an address
    else:
        new = old + draw(st.sampled_from([" (edited)", "·", " 편집"]))
    records[position] = set_at(record, path, new)
    described = f"{section}[{position}] {record.id} {path}: {old!r} -> {new!r}"
    return described, with_section(dataset, section, records)


def with_section(dataset: Dataset, section: str, records: list[Any]) -> Dataset:
    """The dataset with one section replaced, not validated as a whole (an edit may break a
    rule across records, such as a unit that is not part of its agency: no page's concern)."""
    sections = {name: getattr(dataset, name) for name in SECTIONS}
    return Dataset.unchecked(**{**sections, section: records})
