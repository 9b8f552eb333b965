"""What the ingest tests share: the test articles (our own words, in ``tests/articles``)
and a candidate read as a tuple that an expectation worked out by hand can be compared
with."""

from __future__ import annotations

from pathlib import Path

from coopgraph.index import Index
from coopgraph.ingest import ingest

ARTICLES = Path(__file__).parent / "articles"


def read(index: Index, name: str) -> list[tuple]:
    """Each candidate of the article ``name`` as (type, status, date, [(agency or name,
    country), ...])."""
    return [
        (a["type"], a["status"], a["date"],
         [(p["agency"] or p["name"], p["country"]) for p in a["parties"]])
        for a in ingest([ARTICLES / name], index).agreements
    ]  # fmt: skip
