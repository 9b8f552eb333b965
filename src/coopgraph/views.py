"""Small read-only views that answers are made of: names, citations, agreement summaries.

Answers must be traceable: every link between agencies carries :class:`SourceRef` values
with the quoted sentence. These helpers turn model records into the plain dataclasses the
renderer prints and serialises, in one place, so every command shows them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopgraph.index import Index
from coopgraph.models import Agency, Agreement, Citation, Event, Party

__all__ = [
    "PartyView",
    "SourceRef",
    "agency_names",
    "display_name",
    "party_label",
    "party_view",
    "source_label",
    "source_refs",
    "title_of",
]


@dataclass(frozen=True)
class SourceRef:
    """A citation as shown to users: which source, where to find it, and the quote."""

    source: str
    label: str
    quote: str
    supports: list[str]
    via: str | None
    where: str | None


def display_name(agency: Agency, lang: str) -> str:
    """The official name in ``lang``, else in English, else any official name."""
    for language in (lang, "en"):
        name = agency.name(language)
        if name != agency.id:
            return name
    official = [n.text for n in agency.names if n.kind == "official"]
    return official[0] if official else agency.id


def agency_names(agency: Agency) -> dict[str, str]:
    """Current official names by language (``{"en": ..., "ko": ...}``)."""
    languages = dict.fromkeys(n.lang for n in agency.names if n.kind == "official" and n.lang)
    return {lang: agency.name(lang) for lang in languages if lang}


@dataclass(frozen=True)
class PartyView:
    """A party as JSON carries it: the structure, and the display text (``label``) apart.

    ``"AIST (G-QuAT)"`` is what a table shows; a program reading JSON wants ``agency`` AIST
    acting through ``unit`` G-QuAT, with its ``role`` and ``country``.
    """

    label: str
    agency: str | None
    unit: str | None
    role: str | None
    country: str | None

    def __str__(self) -> str:  # what tables and CSV show
        return self.label


def party_view(index: Index, party: Party, lang: str) -> PartyView:
    country = index.country_of(party.agency) if party.agency else party.country
    return PartyView(party_label(party, lang), party.agency, party.unit, party.role, country)


def party_label(party: Party, lang: str) -> str:
    """An agency id (with its acting unit), or an unnamed party's description."""
    if party.agency is None:
        description = party.description or {}
        return description.get(lang) or description.get("en") or next(iter(description.values()))
    label = party.agency
    if party.unit:
        label += f" ({party.unit})"
    return label


def source_label(index: Index, source_id: str) -> str:
    source = index.sources.get(source_id)
    if source is None:
        return source_id
    who = source.publisher or source.title or source.id
    return f"{who}, {source.published}" if source.published else who


def source_refs(index: Index, citations: list[Citation]) -> list[SourceRef]:
    refs = []
    for citation in citations:
        source = index.sources.get(citation.source)
        where = (source.url or source.file) if source else None
        refs.append(
            SourceRef(
                source=citation.source,
                label=source_label(index, citation.source),
                quote=citation.quote,
                supports=list(citation.supports),
                via=citation.via,
                where=where,
            )
        )
    return refs


def title_of(record: Agreement | Event, lang: str) -> str:
    return record.title.get(lang) or record.title.get("en") or next(iter(record.title.values()))
