"""When a record enters an analysis: the one rule every analytics command follows.

Expected days worked out by hand from data/agreements.yaml and the sources' dates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coopgraph.analytics.timing import dated_by, known_since
from coopgraph.index import Index
from coopgraph.load import load_dataset


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_dataset())


def _record(index: Index, record_id: str):  # type: ignore[no-untyped-def]
    return index.agreements.get(record_id) or index.events[record_id]


@pytest.mark.parametrize(
    ("record_id", "day", "by"),
    [
        # signed 2024-01-29: that day
        ("kriss-nist-quantum-mou-2024", dt.date(2024, 1, 29), "own"),
        # "January 2024" (the edaily article): certain only on the month's last day, as
        # --as-of 2024-01-15 leaves it out of the listings
        ("kriss-aist-mou-2024", dt.date(2024, 1, 31), "own"),
        # "September 1994"
        ("kriss-nist-mou-1994", dt.date(1994, 9, 30), "own"),
        # undated: from the article that reports it (2023-12-09)
        ("pnnl-rist-ess-partnership", dt.date(2023, 12, 9), "sources"),
        # an event of 8-9 December 2023 counts once it has begun
        ("kr-us-cet-dialogue-2023", dt.date(2023, 12, 8), "own"),
        # an event known to the month (April 2017) counts from the month's first day
        ("ktag-meeting-2017", dt.date(2017, 4, 1), "own"),
    ],
)
def test_the_day_a_record_counts_from(index: Index, record_id: str, day: dt.date, by: str) -> None:
    record = _record(index, record_id)
    assert known_since(index, record) == day
    assert dated_by(index, record) == by
