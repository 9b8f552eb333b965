"""Input keys: a page whose inputs did not change did not change.

A rebuild links every unit of pages whose input key (:mod:`coopgraph.site.inputs`) is the
previous build's without working it out, so an input key that misses something a page
shows leaves that page stale. These tests edit the bundled data anywhere, one value at a
time (any text, any reference to another record, any country, any count, the order of
any list), and check the promise on every unit: if its input key is unchanged, each of
its pages says exactly what it said (same path, same content key), in both languages.
The edits are drawn by Hypothesis from every value of every record, so a page that starts
to show a new field fails here until the inputs read it too.

The same promise through the files and the manifest (a rebuild after edits is the fresh
build of the edited data, file for file) is tested in ``tests/test_site.py``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset
from coopgraph.site.build import _Twins
from coopgraph.site.facts import Facts
from coopgraph.site.inputs import Inputs, Unit, units
from coopgraph.site.pages import RECORD_KINDS, unit_pages
from coopgraph.site.render import Renderer
from coopgraph.site.views import Views
from edits import edits

LANGS = ("en", "ko")
BASE = "https://w3id.org/coopgraph/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(Path(__file__).resolve().parent.parent / "data" / "agreements.yaml")


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
