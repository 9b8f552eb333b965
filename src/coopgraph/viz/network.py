"""The agency network that pictures show: agencies as nodes, agreements as edges.

Each named party of an agreement is a node; each agreement links every pair of its named
parties with an edge that carries the agreement's type (``agreement_type``: GEXF reserves
``type`` for edge direction; for event links it holds the event type), date, status, fields and the
quoted source that names the parties. With ``include_events``, agencies that took part in
the same event are linked too (an edge per event). Options choose the part to draw:
around an agency to a depth, in a field (narrower fields included), since a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from coopgraph.filters import Filter
from coopgraph.index import Index
from coopgraph.resolve import Resolver
from coopgraph.views import agency_names, display_name, source_refs, title_of

__all__ = ["Selection", "agency_network"]


@dataclass(frozen=True)
class Selection:
    """Which part of the graph to draw."""

    around: str | None = None
    depth: int = 1
    include_events: bool = False
    lang: str = "en"


def _field_paths(index: Index, field_ids: list[str]) -> list[str]:
    """The fields and every broader field above them (for filtering by any level)."""
    found: list[str] = []
    for field_id in field_ids:
        current: str | None = field_id
        while current is not None and current not in found:
            found.append(current)
            current = index.fields[current].broader if current in index.fields else None
    return found


def agency_network(
    index: Index, where: Filter | None = None, selection: Selection | None = None
) -> nx.MultiGraph:
    """Agencies and the agreements (and, optionally, events) between them."""
    where = where or Filter()
    selection = selection or Selection()
    lang = selection.lang
    graph = nx.MultiGraph(name="coopgraph agency network")
    partners: dict[str, set[str]] = {}

    def add_agency(agency_id: str) -> None:
        if agency_id in graph:
            return
        agency = index.agencies[agency_id]
        names = agency_names(agency)
        graph.add_node(
            agency_id,
            kind="agency",
            label=display_name(agency, lang),
            name_en=names.get("en", agency_id),
            name_ko=names.get("ko"),
            country=agency.country,
            agency_kind=agency.kind,
            aliases=[n.text for n in agency.names],
            wikidata=agency.wikidata,
            ror=agency.ror,
        )

    for agreement in index.dataset.agreements:
        if not where.keeps_agreement(index, agreement):
            continue
        ids = sorted(set(agreement.agency_ids()))
        refs = source_refs(index, agreement.citations_for("parties"))
        for a, b in combinations(ids, 2):
            add_agency(a)
            add_agency(b)
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
            graph.add_edge(
                a,
                b,
                key=agreement.id,
                kind="agreement",
                id=agreement.id,
                title=title_of(agreement, lang),
                agreement_type=agreement.type,
                status=agreement.status,
                date=str(agreement.date) if agreement.date else None,
                year=agreement.date.earliest().year if agreement.date else None,
                fields=list(agreement.fields),
                field_paths=_field_paths(index, list(agreement.fields)),
                source=refs[0].label if refs else None,
                quote=refs[0].quote if refs else None,
                where=refs[0].where if refs else None,
            )
    if selection.include_events:
        for event in index.dataset.events:
            if not where.keeps_event(index, event):
                continue
            refs = source_refs(index, event.citations_for("participants"))
            for a, b in combinations(sorted(event.agency_ids()), 2):
                add_agency(a)
                add_agency(b)
                graph.add_edge(
                    a,
                    b,
                    key=event.id,
                    kind="event",
                    id=event.id,
                    title=title_of(event, lang),
                    agreement_type=event.type,
                    status=None,
                    date=str(event.date) if event.date else None,
                    year=event.date.earliest().year if event.date else None,
                    fields=list(event.fields),
                    field_paths=_field_paths(index, list(event.fields)),
                    source=refs[0].label if refs else None,
                    quote=refs[0].quote if refs else None,
                    where=refs[0].where if refs else None,
                )
    for node in graph.nodes:
        graph.nodes[node]["partners"] = len(partners.get(node, ()))
    if selection.around is not None:
        centre = Resolver(index).agency(selection.around).id
        if centre not in graph:
            add_agency(centre)
            graph.nodes[centre]["partners"] = 0
        keep = nx.single_source_shortest_path_length(graph, centre, cutoff=selection.depth)
        graph = graph.subgraph(keep).copy()
    return graph


def flat_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes as GraphML and GEXF can hold them: scalars only, lists joined, no None."""
    flat: dict[str, Any] = {}
    for key, value in attributes.items():
        if value is None:
            continue
        flat[key] = "; ".join(map(str, value)) if isinstance(value, list | tuple) else value
    return flat
