"""What each page of the site says: one function per kind of page, returning plain data.

A :class:`Page` is a path, a template and its content. The content is everything the page
shows, already localised (:mod:`coopgraph.site.views`), so that the writer can tell an
unchanged page by hashing it, without rendering it. Records have a page each (agency,
agreement, event, field, source); places have theirs (a country, a pair of countries).
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from coopgraph.models import Agency, Agreement, Citation, Event, Source, TechField
from coopgraph.site.facts import Facts, country_name
from coopgraph.site.inputs import Unit, units
from coopgraph.site.layout import lang_root, page_path
from coopgraph.site.views import View, Views, when
from coopgraph.vocabulary import (
    AGENCY_KINDS,
    AGREEMENT_STATUSES,
    AGREEMENT_TYPES,
    EVENT_STATUSES,
    EVENT_TYPES,
    NAME_KINDS,
    SOURCE_KINDS,
)

__all__ = ["RECORD_KINDS", "Page", "home_page", "pages", "unit_pages"]

#: Kinds of page that stand for a record, and so have a Turtle twin and JSON-LD.
RECORD_KINDS = ("agency", "agreement", "event", "field", "source")

#: Agreements a field or country-pair page lists itself; longer lists get a page per year.
LISTED = 100

#: Partners drawn around an agency in its picture; the rest are listed, not drawn.
PICTURE_PARTNERS = 16


@dataclass(frozen=True)
class Page:
    """One HTML file: where it goes, which template draws it, and what it says."""

    path: str
    template: str
    lang: str
    kind: str
    key: str
    title: str
    content: dict[str, Any]


def pages(facts: Facts, lang: str, langs: Sequence[str]) -> Iterator[Page]:
    """Every page of one language but the home page, which also shows the downloads and is
    drawn once they are made (:func:`home_page`)."""
    views = Views(facts.index, lang, langs)
    for unit in units(facts):
        yield from unit_pages(facts, views, unit)


def unit_pages(facts: Facts, views: Views, unit: Unit) -> list[Page]:
    """The pages one unit draws: a record's or a country's page, or a field's or a country
    pair's with its year pages (:mod:`coopgraph.site.inputs` says what each reads)."""
    index = facts.index
    if unit.kind == "agency":
        return [agency_page(facts, views, index.agencies[unit.key])]
    if unit.kind == "agreement":
        return [agreement_page(facts, views, index.agreements[unit.key])]
    if unit.kind == "event":
        return [event_page(facts, views, index.events[unit.key])]
    if unit.kind == "field":
        return field_pages(facts, views, index.fields[unit.key])
    if unit.kind == "source":
        return [source_page(facts, views, index.sources[unit.key])]
    if unit.kind == "country":
        return [country_page(facts, views, unit.key)]
    if unit.kind == "country-pair" and unit.pair is not None:
        return pair_pages(facts, views, unit.pair)
    raise ValueError(f"no pages for {unit}")


def _page(views: Views, kind: str, key: str, title: str, **content: Any) -> Page:
    return Page(
        path=page_path(kind, key, views.lang, views.langs),
        template=f"{kind}.html.j2",
        lang=views.lang,
        kind=kind,
        key=key,
        title=title,
        content=content,
    )


# --- agencies ------------------------------------------------------------------------------


def _about_parties(citations: Sequence[Citation]) -> list[Citation]:
    """The quotes that name an agreement's parties: those supporting ``parties``, or all."""
    chosen = [c for c in citations if not c.supports or "parties" in c.supports]
    return chosen or list(citations)


def _partners(facts: Facts, views: Views, agency: Agency) -> list[View]:
    """Co-parties of the agency's agreements, each with the agreements and their quotes."""
    index = facts.index
    groups: dict[str, View] = {}
    for agreement in index.agreements_of.get(agency.id, []):
        for party in agreement.parties:
            if party.agency is not None and agency.id in (party.agency, party.unit):
                continue
            key = party.agency or f"unnamed:{views.text(party.description)}"
            group = groups.get(key)
            if group is None:  # the partner as a whole; its unit and role belong to each link
                whole = dataclasses.replace(party, unit=None, role=None)
                group = groups[key] = {"party": views.party(whole), "via": []}
            group["via"].append(
                {
                    **views.record("agreement", agreement),
                    "type": views.label(AGREEMENT_TYPES, agreement.type),
                    "status": views.label(AGREEMENT_STATUSES, agreement.status),
                    "unit": views.agency(party.unit) if party.unit else None,
                    "role": party.role,
                    "quotes": views.citations(_about_parties(agreement.sources)),
                }
            )
    return sorted(groups.values(), key=lambda g: (-len(g["via"]), g["party"]["agency"] is None))


def _picture(views: Views, agency: Agency, partners: list[View]) -> View | None:
    """The agency in the middle, its named partners around it: positions for an inline SVG."""
    named = [p for p in partners if p["party"]["agency"] is not None][:PICTURE_PARTNERS]
    if not named:
        return None
    width, height, radius = 560, 360, 135
    nodes = []
    for i, partner in enumerate(named):
        angle = 2 * math.pi * i / len(named) - math.pi / 2
        target = partner["party"]["agency"]
        nodes.append(
            {
                "x": round(width / 2 + radius * 1.45 * math.cos(angle), 1),
                "y": round(height / 2 + radius * math.sin(angle), 1),
                "label": target["id"],
                "name": target["label"],
                "href": target["href"],
                "weight": len(partner["via"]),
            }
        )
    return {
        "width": width,
        "height": height,
        "center": {"x": width / 2, "y": height / 2, "label": agency.id},
        "nodes": nodes,
        "more": len([p for p in partners if p["party"]["agency"] is not None]) - len(named),
    }


def _timeline(views: Views, agreements: list[Agreement], events: list[Event]) -> list[View]:
    """Dated steps of the agreements and the events, by year, oldest first."""
    steps: list[tuple[str, View]] = []
    for agreement in agreements:
        link = views.record("agreement", agreement)
        for change in agreement.history:
            status = views.label(AGREEMENT_STATUSES, change.status)
            steps.append((str(change.date), {**link, "date": when(change.date), "what": status}))
        if agreement.date is not None:
            status = views.label(AGREEMENT_STATUSES, agreement.status)
            steps.append((str(agreement.date), {**link, "what": status}))
    for event in events:
        if event.date is not None:
            what = views.label(EVENT_TYPES, event.type)
            steps.append((str(event.date), {**views.record("event", event), "what": what}))
    years: dict[str, list[View]] = defaultdict(list)
    for day, step in sorted(steps, key=lambda s: s[0]):
        years[day[:4]].append(step)
    return [{"year": year, "steps": items} for year, items in years.items()]


def agency_page(facts: Facts, views: Views, agency: Agency) -> Page:
    index = facts.index
    partners = _partners(facts, views, agency)
    agreements = index.agreements_of.get(agency.id, [])
    events = index.events_of.get(agency.id, [])
    parents = [
        {
            **views.agency(parent.agency),
            "valid_from": when(parent.valid_from),
            "valid_until": when(parent.valid_until),
        }
        for parent in agency.part_of
    ]
    units = [
        {
            **views.agency(child),
            "valid_from": when(membership.valid_from),
            "valid_until": when(membership.valid_until),
        }
        for child, membership in index.memberships.get(agency.id, [])
    ]
    names = views.names(agency)
    for name in names:
        name["kind"] = views.label(NAME_KINDS, name["kind"])
    return _page(
        views,
        "agency",
        agency.id,
        views.agency(agency.id)["label"],
        title_lang=views.agency(agency.id)["lang"],
        id=agency.id,
        names=names,
        country=views.country(agency.country),
        kind_label=views.label(AGENCY_KINDS, agency.kind),
        parents=parents,
        units=units,
        wikidata=agency.wikidata,
        ror=agency.ror,
        note=agency.note,
        partners=partners,
        picture=_picture(views, agency, partners),
        events=[
            {**views.record("event", e), "type": views.label(EVENT_TYPES, e.type)} for e in events
        ],
        timeline=_timeline(views, agreements, events),
        quotes=views.citations(agency.sources),
    )


# --- agreements and events -----------------------------------------------------------------


def agreement_page(facts: Facts, views: Views, agreement: Agreement) -> Page:
    funding = agreement.funding
    history = [
        {
            "status": views.label(AGREEMENT_STATUSES, change.status),
            "date": when(change.date),
            "event": views.record("event", facts.index.events[change.event])
            if change.event
            else None,
            "quotes": views.citations(change.sources),
        }
        for change in agreement.history
    ]
    return _page(
        views,
        "agreement",
        agreement.id,
        views.text(agreement.title),
        title_lang=views.record("agreement", agreement)["lang"],
        id=agreement.id,
        titles=dict(agreement.title),
        type=views.label(AGREEMENT_TYPES, agreement.type),
        status=views.label(AGREEMENT_STATUSES, agreement.status),
        date=when(agreement.date),
        ended=when(agreement.ended),
        history=history,
        parties=[views.party(p) for p in agreement.parties],
        place=views.place(agreement.place),
        fields=[views.field(f) for f in agreement.fields],
        scope=[views.text(item) for item in agreement.scope],
        funding={
            "amount": f"{funding.amount:,}",
            "currency": funding.currency,
            "qualifier": funding.qualifier,
            "period": funding.period,
        }
        if funding
        else None,
        signatories=[views.person(p) for p in agreement.signatories],
        event=views.record("event", facts.index.events[agreement.event])
        if agreement.event
        else None,
        note=agreement.note,
        quotes=views.citations(agreement.sources),
    )


def event_page(facts: Facts, views: Views, event: Event) -> Page:
    index = facts.index
    attendance = event.attendance
    return _page(
        views,
        "event",
        event.id,
        views.text(event.title),
        title_lang=views.record("event", event)["lang"],
        id=event.id,
        titles=dict(event.title),
        type=views.label(EVENT_TYPES, event.type),
        status=views.label(EVENT_STATUSES, event.status),
        date=when(event.date),
        place=views.place(event.place),
        organisers=[views.party(p) for p in event.organisers],
        participants=[views.party(p) for p in event.participants],
        people=[views.person(p) for p in event.people],
        fields=[views.field(f) for f in event.fields],
        attendance={"count": attendance.count, "qualifier": attendance.qualifier}
        if attendance
        else None,
        part_of=views.record("event", index.events[event.part_of]) if event.part_of else None,
        parts=[views.record("event", e) for e in facts.event_parts.get(event.id, [])],
        agreements=[
            {**views.record("agreement", a), "type": views.label(AGREEMENT_TYPES, a.type)}
            for a in index.agreements_at.get(event.id, [])
        ],
        notes=[views.text(note) for note in event.notes],
        quotes=views.citations(event.sources),
    )


# --- fields and sources --------------------------------------------------------------------


def _tree(facts: Facts, views: Views, field_id: str) -> View:
    return {
        **views.field(field_id),
        "count": len(facts.in_field_tree(field_id)),
        "narrower": [_tree(facts, views, n) for n in facts.index.narrower.get(field_id, [])],
    }


def _agreement_rows(views: Views, agreements: Sequence[Agreement]) -> list[View]:
    """Table rows; an agreement listed under its fields, pair and year is made into one once."""
    return [views.memo(("row", a.id), lambda a=a: _agreement_row(views, a)) for a in agreements]


def _agreement_row(views: Views, agreement: Agreement) -> View:
    return {
        **views.record("agreement", agreement),
        "type": views.label(AGREEMENT_TYPES, agreement.type),
        "status": views.label(AGREEMENT_STATUSES, agreement.status),
        "parties": [views.party(p) for p in agreement.parties],
    }


def field_pages(facts: Facts, views: Views, concept: TechField) -> list[Page]:
    """The page of a field (its tree, its agreements by year), and year pages if many."""
    broader = []
    current = concept.broader
    while current is not None:
        broader.insert(0, views.field(current))
        current = facts.index.fields[current].broader
    title = views.text(concept.label)
    agreements = facts.in_field_tree(concept.id)
    years, subpages = _by_year(views, "field", concept.id, title, agreements)
    page = _page(
        views,
        "field",
        concept.id,
        title,
        title_lang=views.field(concept.id)["lang"],
        id=concept.id,
        labels=dict(concept.label),
        broader=broader,
        tree=_tree(facts, views, concept.id),
        count=len(agreements),
        years=years,
        events=[views.record("event", e) for e in facts.events_in_field.get(concept.id, [])],
        quotes=views.citations(concept.sources),
    )
    return [page, *subpages]


def source_page(facts: Facts, views: Views, source: Source) -> Page:
    supports = []
    for kind, record in facts.citing.get(source.id, []):
        citations: list[Citation] = list(record.sources)
        if isinstance(record, Agreement):
            citations += [c for h in record.history for c in h.sources]
        mine = [c for c in citations if source.id in (c.source, c.via)]
        link = views.agency(record.id) if kind == "agency" else views.record(kind, record)
        supports.append({"kind": kind, "record": link, "quotes": views.citations(mine)})
    return _page(
        views,
        "source",
        source.id,
        views.source_link(source.id)["label"],
        id=source.id,
        source_title=source.title,
        publisher=source.publisher,
        author=source.author,
        published=when(source.published),
        url=source.url,
        file=source.file,
        language=source.language,
        kind_label=views.label(SOURCE_KINDS, source.kind),
        supports=supports,
    )


# --- places --------------------------------------------------------------------------------


def _by_year(
    views: Views, kind: str, key: str, title: str, agreements: Sequence[Agreement]
) -> tuple[list[View], list[Page]]:
    """Agreements grouped by year, and, for a long list, a page per year.

    Up to :data:`LISTED` agreements are listed on the page itself; beyond, the page shows
    the count per year and each year gets its own page (``field/quantum/2024/``), so that a
    field with 4,000 agreements is not one 2 MB page.
    """
    years: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in agreements:
        years[str(agreement.date)[:4] if agreement.date else "undated"].append(agreement)
    paged = len(agreements) > LISTED
    biggest = max((len(v) for v in years.values()), default=1)
    rows, subpages = [], []
    for year, items in sorted(years.items(), key=lambda kv: kv[0]):
        listed = _agreement_rows(views, items)
        row: View = {
            "year": None if year == "undated" else year,
            "count": len(items),
            "share": round(100 * len(items) / biggest),
            "agreements": [] if paged else listed,
            "href": None,
        }
        if paged:
            path = page_path(kind, f"{key}/{year}", views.lang, views.langs)
            row["href"] = path
            label = row["year"] or views.messages["undated"]
            subpages.append(
                Page(
                    path=path,
                    template="year.html.j2",
                    lang=views.lang,
                    kind="year",
                    key=f"{kind}/{key}/{year}",
                    title=f"{title} · {label}",
                    content={
                        "up": {
                            "label": title,
                            "href": page_path(kind, key, views.lang, views.langs),
                        },
                        "year": row["year"],
                        "agreements": listed,
                    },
                )
            )
        rows.append(row)
    return rows, subpages


def country_page(facts: Facts, views: Views, country: str) -> Page:
    pairs = [
        {
            "other": views.country(b if a == country else a),
            "href": views.href("country-pair", f"{a}-{b}"),
            "count": len(facts.agreements_of_pair[(a, b)]),
        }
        for a, b in facts.pairs_of(country)
    ]
    pairs.sort(key=lambda p: (-p["count"], p["other"]["code"]))
    return _page(
        views,
        "country",
        country,
        country_name(country, views.lang),
        code=country,
        agencies=[
            {**views.agency(a.id), "kind": views.label(AGENCY_KINDS, a.kind)}
            for a in facts.agencies_in.get(country, [])
        ],
        pairs=pairs,
    )


def pair_pages(facts: Facts, views: Views, pair: tuple[str, str]) -> list[Page]:
    """The page of a country pair (agreements by year), and its year pages if it has many."""
    first, second = pair
    agreements = facts.agreements_of_pair[pair]
    key = f"{first}-{second}"
    title = f"{country_name(first, views.lang)} – {country_name(second, views.lang)}"
    years, subpages = _by_year(views, "country-pair", key, title, agreements)
    page = _page(
        views,
        "country-pair",
        key,
        title,
        countries=[views.country(first), views.country(second)],
        count=len(agreements),
        years=years,
    )
    return [page, *subpages]


# --- home ----------------------------------------------------------------------------------


def _latest(facts: Facts, views: Views, count: int = 12) -> list[View]:
    dated = [a for a in facts.index.dataset.agreements if a.date is not None]
    dated.sort(key=lambda a: (a.date.latest(), a.id), reverse=True)  # type: ignore[union-attr]
    return _agreement_rows(views, dated[:count])


def home_page(facts: Facts, views: Views) -> Page:
    dataset = facts.index.dataset
    roots = [f.id for f in dataset.fields if f.broader is None]
    countries = [
        {
            **views.country(code),  # type: ignore[dict-item]
            "agencies": len(facts.agencies_in.get(code, [])),
            "agreements": sum(len(facts.agreements_of_pair[p]) for p in facts.pairs_of(code)),
        }
        for code in facts.countries
    ]
    pairs = sorted(facts.agreements_of_pair.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return Page(
        path=f"{lang_root(views.lang, views.langs)}index.html",
        template="home.html.j2",
        lang=views.lang,
        kind="home",
        key="",
        title="",
        content={
            "counts": {
                "agencies": len(dataset.agencies),
                "agreements": len(dataset.agreements),
                "events": len(dataset.events),
                "fields": len(dataset.fields),
                "sources": len(dataset.sources),
                "countries": len(facts.countries),
            },
            "latest": _latest(facts, views),
            "countries": countries,
            "pairs": [
                {
                    "countries": [views.country(a), views.country(b)],
                    "href": views.href("country-pair", f"{a}-{b}"),
                    "count": len(items),
                }
                for (a, b), items in pairs[:20]
            ],
            "fields": [_tree(facts, views, f) for f in roots],
        },
    )
