"""What each page reads: the records whose change can change it, digested as its input key.

A page's content key (:meth:`~coopgraph.site.render.Renderer.key`) digests what the page
says, so it needs the page's content: localised links, rows and quotes, most of the work of
drawing the page. After a change to one record that is 26,000 pages worked out to find the
twenty that changed. An *input key* digests instead the records the page reads, found
through the same lookups the page uses, without localising anything: when a page's input
key is the previous build's, so is its content, and its files are linked without being
worked out (:mod:`coopgraph.site.build`). When the input key changed, the content key still
decides, so a page whose inputs changed but whose words did not is still linked, not
rewritten.

The inputs of each kind of page mirror :mod:`coopgraph.site.pages`: a record read there
and missing here would leave a stale page, so every lookup a page function makes has its
counterpart below (a record of a link: its names or title; a table row: its parties'
agencies too; a quote: its sources). Reading more than the page does is safe, only slower.
``tests/test_site_inputs.py`` checks the two against each other: every edit of the bundled
data that changes a page's content changes its input key, and a rebuild after random edits
is the fresh build of the edited data, file for file.

A *unit* is what one page function draws: a record's page, a country's, or a field's or a
country pair's page with its year pages (their paths depend on the years, which the inputs
cover). Units are language-free: each language's pages of a unit share its key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from coopgraph.index import Index
from coopgraph.models import Agency, Agreement, Citation, Event, Party, Source, TechField
from coopgraph.site.facts import Facts

__all__ = ["Inputs", "Unit", "package_fingerprint", "record_digest", "units"]

#: A record named by its IRI path segment and id: ``("agency", "KRISS")``.
Ref = tuple[str, str]


@dataclass(frozen=True)
class Unit:
    """What one page function draws: ``kind`` is the page's, ``key`` the record's id, the
    country code or ``KR-US``; ``pair`` is set for a country pair."""

    kind: str
    key: str
    pair: tuple[str, str] | None = None

    @property
    def name(self) -> str:
        """How the manifest names the unit: ``agency/KRISS``."""
        return f"{self.kind}/{self.key}"


def units(facts: Facts) -> Iterator[Unit]:
    """Every unit of the site but the home page, in the order the pages are drawn."""
    dataset = facts.index.dataset
    yield from (Unit("agency", a.id) for a in dataset.agencies)
    yield from (Unit("agreement", a.id) for a in dataset.agreements)
    yield from (Unit("event", e.id) for e in dataset.events)
    yield from (Unit("field", f.id) for f in dataset.fields)
    yield from (Unit("source", s.id) for s in dataset.sources)
    yield from (Unit("country", code) for code in facts.countries)
    for pair in sorted(facts.agreements_of_pair):
        yield Unit("country-pair", f"{pair[0]}-{pair[1]}", pair)


def value_digest(*parts: Any) -> str:
    """A digest of plain values; records enter by their ``repr`` (a dataclass's names all
    its fields), as pickle's bytes depend on which equal strings are the same object."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def record_digest(kind: str, record: Any) -> str:
    """A digest of one record as it stands, without its place in the data."""
    return value_digest(kind, record)


@cache
def package_fingerprint() -> str:
    """A digest of all of coopgraph's code and words, and of the country names' catalogue.

    Part of every input key: the pages read the vocabulary's labels, the core's naming
    rules (:func:`coopgraph.views.display_name`) and pycountry's names, none of which is
    data, so a new release of any of them must work every page out again (the content keys
    then tell which pages really changed).
    """
    from importlib import metadata, resources

    import coopgraph
    from coopgraph.site.words import files_under

    digest = hashlib.blake2b(digest_size=16)
    for path, entry in files_under(resources.files(coopgraph), "coopgraph"):
        digest.update(path.encode())
        digest.update(entry.read_bytes())
    digest.update(metadata.version("pycountry").encode())
    return digest.hexdigest()


class Inputs:
    """The input key of every unit, for one dataset, from its records' digests."""

    def __init__(self, facts: Facts, digests: dict[Ref, str], context: Any) -> None:
        """``digests`` has every record's :func:`record_digest` by ``(kind, id)``;
        ``context`` is what else every page depends on (languages, address, twin base)."""
        self.facts = facts
        self.index: Index = facts.index
        self.digests = digests
        self.context = repr((package_fingerprint(), context))
        self._rows: dict[str, str] = {}

    def key(self, unit: Unit, twin_key: str | None) -> str:
        """The unit's input key; ``twin_key`` is its record's (the JSON-LD in its pages)."""
        found = self.digests.get
        parts = [self.context, unit.name, twin_key or "-"]
        for item in getattr(self, "_" + unit.kind.replace("-", "_"))(unit):
            # a record by its digest (a missing one: "-"), a count or a name as itself
            parts.append(found(item, "-") if type(item) is tuple else str(item))
        return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()

    # --- what a link, a row and a quote read ---------------------------------------------

    @staticmethod
    def _parties(parties: Iterable[Party]) -> Iterator[Ref]:
        """A party's agency (its names and country) and acting unit; an unnamed party is
        described in the record that names it."""
        for party in parties:
            if party.agency is not None:
                yield ("agency", party.agency)
            if party.unit is not None:
                yield ("agency", party.unit)

    @staticmethod
    def _sources(citations: Iterable[Citation]) -> Iterator[Ref]:
        for citation in citations:
            yield ("source", citation.source)
            if citation.via is not None:
                yield ("source", citation.via)

    def _row(self, agreement: Agreement) -> Iterator[str]:
        """An agreement in a table: its title, date, type, status and parties (the same row
        is on its parties', fields' and country pair's pages: its digests are joined once)."""
        found = self._rows.get(agreement.id)
        if found is None:
            refs = [("agreement", agreement.id), *self._parties(agreement.parties)]
            found = self._rows[agreement.id] = ",".join(self.digests.get(r, "-") for r in refs)
        yield found

    def _all_citations(self, agreement: Agreement) -> list[Citation]:
        return [*agreement.sources, *(c for h in agreement.history for c in h.sources)]

    # --- each kind of page -----------------------------------------------------------------

    def _agency(self, unit: Unit) -> Iterator[Ref | str]:
        index = self.index
        agency: Agency = index.agencies[unit.key]
        yield ("agency", agency.id)
        yield from self._sources(agency.sources)
        yield from (("agency", parent.agency) for parent in agency.part_of)
        yield from (("agency", child) for child, _ in index.memberships.get(agency.id, []))
        for agreement in index.agreements_of.get(agency.id, []):  # partners and timeline
            yield from self._row(agreement)
            yield from self._sources(agreement.sources)
        yield from (("event", e.id) for e in index.events_of.get(agency.id, []))

    def _agreement(self, unit: Unit) -> Iterator[Ref | str]:
        agreement: Agreement = self.index.agreements[unit.key]
        yield from self._row(agreement)
        yield from (("event", event_id) for event_id in agreement.event_ids())
        yield from (("field", field_id) for field_id in agreement.fields)
        yield from (("agency", p.agency) for p in agreement.signatories if p.agency)
        yield from self._sources(self._all_citations(agreement))

    def _event(self, unit: Unit) -> Iterator[Ref]:
        index = self.index
        event: Event = index.events[unit.key]
        yield ("event", event.id)
        yield from self._parties([*event.organisers, *event.participants])
        yield from (("agency", p.agency) for p in event.people if p.agency)
        yield from (("field", field_id) for field_id in event.fields)
        if event.part_of is not None:
            yield ("event", event.part_of)
        yield from (("event", part.id) for part in self.facts.event_parts.get(event.id, []))
        yield from (("agreement", a.id) for a in index.agreements_at.get(event.id, []))
        yield from self._sources(event.sources)

    def _field(self, unit: Unit) -> Iterator[Ref | str | int]:
        facts, index = self.facts, self.index
        concept: TechField = index.fields[unit.key]
        yield ("field", concept.id)
        current = concept.broader
        while current is not None:  # the path up to the root
            yield ("field", current)
            current = index.fields[current].broader
        yield from self._tree(concept.id)
        for agreement in facts.in_field_tree(concept.id):  # by year, or a page per year
            yield from self._row(agreement)
        yield from (("event", e.id) for e in facts.events_in_field.get(concept.id, []))
        yield from self._sources(concept.sources)

    def _tree(self, field_id: str) -> Iterator[Ref | int]:
        """The field and those below it, in the page's order, each with its count."""
        yield ("field", field_id)
        yield len(self.facts.in_field_tree(field_id))
        for narrower in self.index.narrower.get(field_id, []):
            yield from self._tree(narrower)

    def _source(self, unit: Unit) -> Iterator[Ref]:
        source: Source = self.index.sources[unit.key]
        yield ("source", source.id)
        for kind, record in self.facts.citing.get(source.id, []):
            yield (kind, record.id)
            citations = (
                self._all_citations(record) if isinstance(record, Agreement) else record.sources
            )
            yield from self._sources(citations)

    def _country(self, unit: Unit) -> Iterator[Ref | str | int]:
        facts = self.facts
        yield from (("agency", a.id) for a in facts.agencies_in.get(unit.key, []))
        for pair in facts.pairs_of(unit.key):
            yield "-".join(pair)
            yield len(facts.agreements_of_pair[pair])

    def _country_pair(self, unit: Unit) -> Iterator[str]:
        assert unit.pair is not None
        for agreement in self.facts.agreements_of_pair[unit.pair]:
            yield from self._row(agreement)
