"""Synthetic cooperation data with planted triadic closure, for the backtest and benchmarks.

Agencies are spread over a few countries. Before ``cutoff_year`` agreements tie random
pairs of agencies of different countries; from then on each new agreement closes an open
triad across countries (A-B and B-C tied, A and C of different countries and not tied)
of the network as it stood at the cutoff with probability ``closure``, and ties a random
cross-country pair otherwise. A score
that looks for open triads should foresee most later ties; a random ranking few.
"""

from __future__ import annotations

import random
from typing import Any

from coopgraph.models import Dataset, validate_dataset

__all__ = ["planted_dataset"]

COUNTRIES = ("KR", "US", "JP", "DE")


def planted_dataset(
    *,
    agencies: int = 60,
    before: int = 90,
    after: int = 40,
    closure: float = 0.9,
    cutoff_year: int = 2015,
    seed: int = 1,
) -> Dataset:
    """A dataset whose agreements after ``cutoff_year`` mostly close open triads."""
    rng = random.Random(seed)
    ids = [f"AG{i:03d}" for i in range(agencies)]
    country = {agency: COUNTRIES[i % len(COUNTRIES)] for i, agency in enumerate(ids)}
    ties: set[tuple[str, str]] = set()
    partners: dict[str, set[str]] = {agency: set() for agency in ids}

    def tie(a: str, c: str) -> tuple[str, str]:
        pair = (min(a, c), max(a, c))
        ties.add(pair)
        partners[a].add(c)
        partners[c].add(a)
        return pair

    def random_pair() -> tuple[str, str]:
        while True:
            a, c = rng.sample(ids, 2)
            if country[a] != country[c] and (min(a, c), max(a, c)) not in ties:
                return tie(a, c)

    open_triads: list[tuple[str, str]] = []

    def closing_pair() -> tuple[str, str] | None:
        while open_triads:
            a, c = open_triads.pop(rng.randrange(len(open_triads)))
            if c not in partners[a]:
                return tie(a, c)
        return None

    agreements: list[dict[str, Any]] = []
    for number in range(before + after):
        later = number >= before
        if number == before:  # the open triads across countries at the cutoff
            open_triads = sorted(
                {
                    (a, c)
                    for b in ids
                    for a in partners[b]
                    for c in partners[b]
                    if a < c and country[a] != country[c] and c not in partners[a]
                }
            )
        pair = (closing_pair() if rng.random() < closure else None) if later else None
        pair = pair or random_pair()
        year = cutoff_year + 1 + (number - before) // 10 if later else 2000 + number // 10
        agreements.append(
            {
                "id": f"agr-{number}",
                "type": "mou",
                "title": {"en": f"Agreement {number}"},
                "parties": list(pair),
                "status": "signed",
                "date": f"{year}-06-15",
                "sources": [{"source": "s1", "quote": f"Agreement {number}."}],
            }
        )
    return validate_dataset(
        {
            "sources": [{"id": "s1", "kind": "news", "title": "Synthetic", "language": "en"}],
            "agencies": [
                {
                    "id": agency,
                    "names": [{"text": f"Agency {agency}", "lang": "en"}],
                    "country": country[agency],
                    "kind": "research-institute",
                    "sources": [{"source": "s1", "quote": "q"}],
                }
                for agency in ids
            ],
            "agreements": agreements,
        }
    )
