"""Hypothesis strategies: datasets as the plain data a YAML file holds."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

COUNTRIES = ["KR", "US", "JP", "GB", "NO", "DE", "IN"]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and s != "" and not {"\ufffe", "\uffff"} & set(s))
IDS = st.from_regex(r"[A-Z][A-Z0-9-]{0,6}", fullmatch=True)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1950, 2025))  # not after today: the model refuses that
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(IDS, min_size=2, max_size=8, unique=True))
    cite = [{"source": "s1", "quote": draw(TEXT)}]
    agencies = [
        {
            "id": agency_id,
            "names": [{"text": draw(TEXT), "lang": draw(st.sampled_from(["en", "ko", "ja"]))}],
            "country": draw(st.sampled_from(COUNTRIES)),
            "kind": draw(st.sampled_from(["ministry", "metrology-institute", "laboratory"])),
            "sources": cite,
        }
        for agency_id in ids
    ]
    agreements = []
    for number in range(draw(st.integers(0, 10))):
        parties = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        item: dict[str, Any] = {
            "id": f"ag-{number}",
            "type": draw(st.sampled_from(["loi", "mou", "partnership", "dialogue"])),
            "title": {"en": draw(TEXT), "ko": draw(TEXT)},
            "parties": parties,
            "status": draw(st.sampled_from(["proposed", "planned", "signed", "active", "ended"])),
            "sources": cite,
        }
        if draw(st.booleans()):
            item["date"] = draw(partial_dates())
        if draw(st.booleans()):
            item["fields"] = ["f1"]
        agreements.append(item)
    source = {
        "id": "s1",
        "kind": "news",
        "title": draw(TEXT),
        # ISO 639-1 and 639-2 codes become Library of Congress IRIs; a tag with a subtag
        # cannot, and takes another path through the RDF
        "language": draw(st.sampled_from(["ko", "en", "kok", "en-GB"])),
    }
    for key in ("publisher", "author"):
        if draw(st.booleans()):
            source[key] = draw(TEXT)
    return {
        "sources": [source],
        "fields": [
            {"id": "f0", "label": {"en": "top"}},
            {"id": "f1", "label": {"en": "low"}, "broader": "f0"},
        ],
        "agencies": agencies,
        "agreements": agreements,
    }
