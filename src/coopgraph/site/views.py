"""Records turned into what a page shows: localised labels, links and citations, as plain data.

Every value here is a string, number, list or dict, so a page's content can be hashed
(the site rewrites only pages whose content changed) and a template stays a dumb layout.
Links are paths from the site root (``ko/agency/KRISS/index.html``); a template puts the
page's own ``root`` in front, so the same content is right at any depth.

Names never come out empty: a text missing in the page's language falls back to English,
then to any language the record has, then to the id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coopgraph.dates import DateSpan, PartialDate
from coopgraph.index import Index
from coopgraph.models import Agency, Citation, Party, Person, Place
from coopgraph.site.facts import country_name
from coopgraph.site.layout import page_path
from coopgraph.site.words import messages
from coopgraph.views import display_name, source_label

__all__ = ["Views"]

View = dict[str, Any]


def pick(texts: Mapping[str, str] | None, lang: str) -> str:
    """The text in ``lang``, else English, else the first there is, else ``""``."""
    return pick_with_language(texts, lang)[0]


def pick_with_language(texts: Mapping[str, str] | None, lang: str) -> tuple[str, str | None]:
    """:func:`pick`, and the language of the text picked when it is not ``lang`` (for a
    ``lang`` attribute: a screen reader reads an English fallback as English)."""
    if not texts:
        return "", None
    for candidate in (lang, "en"):
        if texts.get(candidate):
            return texts[candidate], None if candidate == lang else candidate
    first = next(iter(texts))
    return texts[first], None if first == lang else first


def when(value: DateSpan | PartialDate | None) -> str | None:
    """A date at its own precision (``2024-01``, ``2024-07-30 – 2024-07-31``)."""
    return None if value is None else str(value).replace("/", " – ")


class Views:
    """Labels and links in one language, for one site (its languages fix the paths)."""

    def __init__(self, index: Index, lang: str, langs: Sequence[str]) -> None:
        self.index, self.lang, self.langs = index, lang, tuple(langs)
        self.messages = messages(lang)
        # A link to KRISS is drawn on hundreds of pages: each view is made once per build.
        # Views are shared, never changed: pages copy them (``{**view, ...}``) to add to them.
        self._views: dict[tuple[Any, ...], Any] = {}

    def memo(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """The view stored under ``key``, made by ``make`` the first time it is asked for."""
        found = self._views.get(key)
        if found is None:
            found = self._views[key] = make()
        return found

    # --- labels ------------------------------------------------------------------------

    def label(self, vocabulary: Mapping[str, Mapping[str, str]], key: str | None) -> str | None:
        return None if key is None else pick(vocabulary.get(key), self.lang) or key

    def text(self, texts: Mapping[str, str] | None) -> str:
        return pick(texts, self.lang)

    def country(self, code: str | None) -> View | None:
        if code is None:
            return None
        return self.memo(
            ("country", code),
            lambda: {
                "code": code,
                "name": country_name(code, self.lang),
                "href": self.href("country", code),
            },
        )

    # --- links ---------------------------------------------------------------------------

    def href(self, kind: str, key: str) -> str:
        return page_path(kind, key, self.lang, self.langs)

    def agency(self, agency_id: str) -> View:
        return self.memo(("agency", agency_id), lambda: self._agency(agency_id))

    def _agency(self, agency_id: str) -> View:
        agency = self.index.agencies[agency_id]
        label = display_name(agency, self.lang)
        return {
            "id": agency.id,
            "label": label,
            "lang": self._language_of(agency, label),
            "href": self.href("agency", agency.id),
            "country": agency.country,
        }

    def _language_of(self, agency: Agency, label: str) -> str | None:
        """The language of the name shown for an agency, if not the page's (None: the
        page's own, or a name in no language such as an acronym)."""
        for name in agency.names:
            if name.text == label and name.lang:
                return None if name.lang == self.lang else name.lang
        return None

    def record(self, kind: str, record: Any) -> View:
        """A link to an agreement or event, titled in the page's language."""
        return self.memo((kind, record.id), lambda: self._record(kind, record))

    def _record(self, kind: str, record: Any) -> View:
        label, lang = pick_with_language(record.title, self.lang)
        return {
            "id": record.id,
            "label": label,
            "lang": lang,
            "href": self.href(kind, record.id),
            "date": when(record.date),
        }

    def field(self, field_id: str) -> View:
        concept = self.index.fields.get(field_id)
        label, lang = pick_with_language(concept.label, self.lang) if concept else (field_id, None)
        return {"id": field_id, "label": label, "lang": lang, "href": self.href("field", field_id)}

    def party(self, party: Party) -> View:
        """A named party links to its agency (and acting unit); an unnamed one is described."""
        description = tuple(party.description.items()) if party.description else None
        key = ("party", party.agency, party.unit, party.role, party.country, description)
        return self.memo(key, lambda: self._party(party))

    def _party(self, party: Party) -> View:
        view: View = {"role": party.role}
        if party.agency is not None:
            view["agency"] = self.agency(party.agency)
            view["unit"] = self.agency(party.unit) if party.unit else None
            view["country"] = self.country(self.index.agencies[party.agency].country)
        else:
            view["agency"] = None
            view["unit"] = None
            view["description"] = self.text(party.description)
            view["country"] = self.country(party.country)
        return view

    def person(self, person: Person) -> View:
        return {
            "name": self.text(person.name),
            "role": self.text(person.role) or None,
            "agency": self.agency(person.agency) if person.agency else None,
        }

    def place(self, place: Place | None) -> View | None:
        if place is None:
            return None
        parts = [self.text(place.venue), self.text(place.city)]
        return {"text": ", ".join(p for p in parts if p), "country": self.country(place.country)}

    # --- citations -----------------------------------------------------------------------

    def source_link(self, source_id: str) -> View:
        return self.memo(("source", source_id), lambda: self._source_link(source_id))

    def _source_link(self, source_id: str) -> View:
        source = self.index.sources.get(source_id)
        if source is None:
            return {"id": source_id, "label": source_id, "href": None, "url": None}
        return {
            "id": source.id,
            "label": source_label(self.index, source_id),  # as the command line names it
            "title": source.title,
            "href": self.href("source", source.id),
            "url": source.url,
        }

    def citations(self, citations: Sequence[Citation]) -> list[View]:
        """Each quote with its source (a page of the site, and the source's own address)."""
        return [
            {
                "quote": citation.quote,
                "source": self.source_link(citation.source),
                "via": self.source_link(citation.via) if citation.via else None,
                "supports": list(citation.supports),
            }
            for citation in citations
        ]

    def names(self, agency: Agency) -> list[View]:
        return [
            {
                "text": name.text,
                "lang": name.lang,
                "kind": name.kind,
                "valid_from": when(name.valid_from),
                "valid_until": when(name.valid_until),
            }
            for name in agency.names
        ]
