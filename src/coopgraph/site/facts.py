"""The lookups the whole site needs, built in one pass over the dataset.

A page for each source, field and country pair asks "which records cite this source",
"which agreements are in this field", "which agreements tie these two countries". The
core :class:`~coopgraph.index.Index` answers those by scanning (fine for one question, not
for 10,000 pages: that is 10,000 scans). This module inverts them once, so building every
page costs one pass plus the pages themselves.
"""

from __future__ import annotations

import gettext
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from coopgraph.index import Index
from coopgraph.models import Agency, Agreement, Citation, Event, Party

__all__ = ["Facts", "country_aliases", "country_name", "country_names", "party_countries"]


def party_countries(index: Index, parties: list[Party]) -> list[str]:
    """The countries of the parties, named or unnamed, in order, each once."""
    found = (index.agencies[p.agency].country if p.agency else p.country for p in parties)
    return list(dict.fromkeys(c for c in found if c))


@cache
def country_names(code: str) -> dict[str, str]:
    """``{"en": "South Korea", "ko": "대한민국"}``: the ISO 3166 name (its common form where
    there is one) and its translations in Debian's iso-codes catalogues, from pycountry."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return {}
    names = {"en": getattr(country, "common_name", None) or country.name}
    for lang in ("ko",):
        catalogue = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        translated = catalogue.gettext(country.name)
        if translated and translated != country.name:
            names[lang] = translated
    return names


@cache
def country_aliases(code: str) -> list[str]:
    """Every name a country is searched by: English common, short and official, the
    translations, and the code."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return [code]
    english = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    found = [*(e for e in english if e), *country_names(code).values()]
    return list(dict.fromkeys(found))


def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang``, else in English, else its code."""
    names = country_names(code)
    return names.get(lang) or names.get("en") or code


def _cited(citations: list[Citation]) -> set[str]:
    return {c.source for c in citations} | {c.via for c in citations if c.via}


@dataclass
class Facts:
    """Inverse lookups over one index: built once per site build."""

    index: Index
    citing: dict[str, list[tuple[str, Agency | Agreement | Event]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    agreements_in_field: dict[str, list[Agreement]] = field(
        default_factory=lambda: defaultdict(list)
    )
    events_in_field: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    agreements_of_pair: dict[tuple[str, str], list[Agreement]] = field(
        default_factory=lambda: defaultdict(list)
    )
    agencies_in: dict[str, list[Agency]] = field(default_factory=lambda: defaultdict(list))
    #: Every country a page names (agencies', unnamed parties', places'): each gets a page.
    named_countries: set[str] = field(default_factory=set)
    #: The events that are part of each event (``Index.event_parts`` scans them all: once
    #: per event page, that is quadratic).
    event_parts: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    _in_tree: dict[str, list[Agreement]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, index: Index) -> Facts:
        facts = cls(index)
        dataset = index.dataset
        for agency in dataset.agencies:
            facts.agencies_in[agency.country].append(agency)
            for source_id in _cited(agency.sources):
                facts.citing[source_id].append(("agency", agency))
        for agreement in dataset.agreements:
            citations = [*agreement.sources, *(c for h in agreement.history for c in h.sources)]
            for source_id in _cited(citations):
                facts.citing[source_id].append(("agreement", agreement))
            for field_id in agreement.fields:
                facts.agreements_in_field[field_id].append(agreement)
            countries = sorted(party_countries(index, list(agreement.parties)))
            facts.named_countries.update(countries)
            if agreement.place is not None and agreement.place.country:
                facts.named_countries.add(agreement.place.country)
            for pair in itertools.combinations(countries, 2):
                facts.agreements_of_pair[pair].append(agreement)
        for event in dataset.events:
            parties = [*event.organisers, *event.participants]
            facts.named_countries.update(party_countries(index, parties))
            if event.place is not None and event.place.country:
                facts.named_countries.add(event.place.country)
            for source_id in _cited(event.sources):
                facts.citing[source_id].append(("event", event))
            for field_id in event.fields:
                facts.events_in_field[field_id].append(event)
            if event.part_of is not None:
                facts.event_parts[event.part_of].append(event)
        return facts

    @cached_property
    def countries(self) -> list[str]:
        """Every country a page names, sorted by code."""
        return sorted(set(self.agencies_in) | self.named_countries)

    def pairs_of(self, country: str) -> list[tuple[str, str]]:
        return [pair for pair in self.agreements_of_pair if country in pair]

    def in_field_tree(self, field_id: str) -> list[Agreement]:
        """Agreements in the field or a narrower one, in data order, each once (asked for
        once per field above it: kept)."""
        found = self._in_tree.get(field_id)
        if found is None:
            found = self._in_tree[field_id] = self._collect_field_tree(field_id)
        return found

    def _collect_field_tree(self, field_id: str) -> list[Agreement]:
        wanted = self.index.field_and_narrower([field_id])
        seen: dict[str, Agreement] = {}
        for member in wanted:
            for agreement in self.agreements_in_field.get(member, []):
                seen.setdefault(agreement.id, agreement)
        order = self.positions
        return sorted(seen.values(), key=lambda a: order[a.id])

    @cached_property
    def positions(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.index.dataset.agreements)}
