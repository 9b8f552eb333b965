"""Input keys: a page whose inputs did not change did not change.

A rebuild links every unit of pages whose input key (:mod:`coopgraph.site.inputs`) is the
previous build's without working it out, so an input key that misses something a page
shows leaves that page stale. These tests edit the bundled data anywhere, one value at a
time (any text, any reference to another record, any country, any count, the order of
any list), and check the promise on every unit: if its input key is unchanged, each of
its pages says exactly what it said (same path, same content key), in both languages.
The edits are drawn by Hypothesis from every value of every record, so a page that starts
to show a new field fails here until the inputs read it too.

A last test builds a site, edits the data, rebuilds, and compares with a fresh build of
the edited data, file for file: the same promise, through the files and the manifest.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgraph.dates import DateSpan, PartialDate
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset
from coopgraph.site.build import _Twins, build_site
from coopgraph.site.facts import Facts
from coopgraph.site.inputs import Inputs, Unit, units
from coopgraph.site.pages import RECORD_KINDS, unit_pages
from coopgraph.site.render import Renderer
from coopgraph.site.views import Views

LANGS = ("en", "ko")
BASE = "https://w3id.org/coopgraph/"
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
CLOSED = {"id", "type", "status", "kind", "qualifier", "currency", "lang", "language", "role"}
COUNTRIES = ["KR", "US", "JP", "DE", "IN"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(Path(__file__).resolve().parent.parent / "data" / "agreements.yaml")


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
    elif name == "country":
        new = draw(st.sampled_from([c for c in COUNTRIES if c != old]))
    elif name in REFERENCES:
        others = [r.id for r in getattr(dataset, REFERENCES[name]) if r.id != old]
        new = draw(st.sampled_from(others)) if others else old
    elif isinstance(old, int):
        new = old + 1
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


# --- what a build would see of each unit ------------------------------------------------------


def survey(dataset: Dataset) -> dict[str, tuple[str, dict[str, list[tuple[str, str]]]]]:
    """Each unit's input key and, per language, its pages' paths and content keys."""
    index = Index(dataset)
    facts = Facts.of(index)
    twins = _Twins(index, BASE)
    inputs = Inputs(facts, twins.digests, (LANGS, None, BASE))
    renderer = Renderer(LANGS, None)
    views = {lang: Views(index, lang, LANGS) for lang in LANGS}
    found = {}
    for unit in units(facts):
        twin = twins.keys.get((unit.kind, unit.key)) if unit.kind in RECORD_KINDS else None
        pages = {
            lang: [(p.path, renderer.key(p, twin)) for p in unit_pages(facts, views[lang], unit)]
            for lang in LANGS
        }
        found[unit.name] = (inputs.key(unit, twin), pages)
    return found


@pytest.fixture(scope="module")
def before(dataset: Dataset) -> dict[str, tuple[str, dict[str, list[tuple[str, str]]]]]:
    return survey(dataset)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_unit_whose_inputs_are_unchanged_says_what_it_said(
    dataset: Dataset, before: dict[str, Any], data: st.DataObject
) -> None:
    described, edited = data.draw(edits(dataset))
    after = survey(edited)
    for name, (key, pages) in after.items():
        if name in before and before[name][0] == key:
            assert pages == before[name][1], f"{name} is stale after {described}"


def test_an_edit_changes_the_input_keys_of_the_pages_that_show_it(
    dataset: Dataset, before: dict[str, Any]
) -> None:
    """NIST's English name, changed: which units must be worked out again, read off
    data/agreements.yaml by hand."""
    agencies = [
        dataclasses.replace(a, names=[dataclasses.replace(a.names[0], text="NIST, renamed")])
        if a.id == "NIST"
        else a
        for a in dataset.agencies
    ]
    after = survey(dataclasses.replace(dataset, agencies=agencies))
    expected = {
        "agency/NIST",
        # its partners (KRISS, KATS, KIAT, AIST), its unit (NIST-CTL), its parent (DOC)
        *("agency/KRISS", "agency/KATS", "agency/KIAT", "agency/AIST"),
        *("agency/NIST-CTL", "agency/DOC"),
        # its six agreements, and the forum it took part in
        *("agreement/kriss-nist-mou-1994", "agreement/kriss-nist-quantum-mou-2024"),
        *("agreement/kats-nist-mou-2024", "agreement/nist-kats-mou-2000"),
        *("agreement/kiat-nist-loi-2022", "agreement/aist-nist-cooperation"),
        "event/kr-us-industrial-tech-forum-2022",
        # its country, the pairs and the fields that list its agreements with their parties
        *("country/US", "country-pair/KR-US", "country-pair/JP-US"),
        *("field/standards", "field/measurement-standards", "field/ai-standards"),
        *("field/quantum", "field/quantum-computing", "field/quantum-metrology"),
        # the sources its own record cites (each lists NIST among what it supports)
        *("source/edaily-2024-08-02", "source/digicert-nist-faq"),
        *("source/ref-identifiers", "source/ror-records"),
    }
    changed = {name for name, (key, _) in after.items() if before[name][0] != key}
    shown = {name for name, (_, pages) in after.items() if pages != before[name][1]}
    assert changed == expected
    assert shown == expected  # here no unit is worked out again for nothing


def test_units_are_every_page_but_the_home_page(dataset: Dataset) -> None:
    facts = Facts.of(Index(dataset))
    found = list(units(facts))
    assert Unit("agency", "KRISS") in found
    assert Unit("country-pair", "KR-US", ("KR", "US")) in found
    assert len({u.name for u in found}) == len(found)


def test_a_rebuild_after_edits_is_the_site_a_fresh_build_writes(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Through the files: a build, edits that reach many units, a rebuild, a fresh build."""
    build_site(Index(dataset), tmp_path / "again")
    agencies = [
        dataclasses.replace(a, country="JP") if a.id == "NIST" else a for a in dataset.agencies
    ]
    agreements = list(reversed(dataset.agreements))
    edited = dataclasses.replace(dataset, agencies=agencies, agreements=agreements)
    report = build_site(Index(edited), tmp_path / "again")
    build_site(Index(edited), tmp_path / "fresh")
    again = {p.relative_to(tmp_path / "again"): p for p in (tmp_path / "again").rglob("*")}
    fresh = {p.relative_to(tmp_path / "fresh"): p for p in (tmp_path / "fresh").rglob("*")}
    assert again.keys() == fresh.keys()
    for path, file in fresh.items():
        if file.is_file():
            assert again[path].read_bytes() == file.read_bytes(), path
    assert 0 < report.written < report.files
