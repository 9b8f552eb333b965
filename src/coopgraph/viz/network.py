"""The agency network that pictures show: agencies as nodes, agreements as edges.

Each named party of an agreement is a node; each agreement links every pair of its named
parties with an edge (its own id, ``<record>:<a>:<b>``; ``record`` names the agreement) that
carries the agreement's type (``agreement_type``: GEXF reserves
``type`` for edge direction; for event links it holds the event type), date, status, fields and the
quoted source that names the parties. With ``include_events``, agencies that took part in
the same event are linked too (an edge per event). Options choose the part to draw:
around an agency to a depth, in a field (narrower fields included), since a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from coopgraph.filters import Filter
from coopgraph.index import Index
from coopgraph.models import Agreement, Event
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

    def link(record: Agreement | Event, pairs: Iterable[tuple[str, str]]) -> None:
        """Edges for one agreement or event between each pair of its agencies."""
        is_agreement = isinstance(record, Agreement)
        refs = source_refs(
            index, record.citations_for("parties" if is_agreement else "participants")
        )
        attributes = {
            "kind": "agreement" if is_agreement else "event",
            "record": record.id,
            "title": title_of(record, lang),
            "agreement_type": record.type,
            "status": record.status if is_agreement else None,
            "date": str(record.date) if record.date else None,
            "year": record.date.earliest().year if record.date else None,
            "fields": list(record.fields),
            "field_paths": _field_paths(index, list(record.fields)),
            # not "source": node-link and Cytoscape.js JSON use that name for the endpoint
            "citation": refs[0].label if refs else None,
            "quote": refs[0].quote if refs else None,
            "where": refs[0].where if refs else None,
        }
        for a, b in pairs:
            add_agency(a)
            add_agency(b)
            # one edge per pair, each with its own id: a trilateral agreement gives three
            graph.add_edge(a, b, key=f"{record.id}:{a}:{b}", **attributes)
            if is_agreement:
                partners.setdefault(a, set()).add(b)
                partners.setdefault(b, set()).add(a)

    for agreement in index.dataset.agreements:
        if where.keeps_agreement(index, agreement):
            link(agreement, combinations(sorted(set(agreement.agency_ids())), 2))
    if selection.include_events:
        for event in index.dataset.events:
            if where.keeps_event(index, event):
                link(event, combinations(sorted(event.agency_ids()), 2))
    for node in graph.nodes:
        graph.nodes[node]["partners"] = len(partners.get(node, ()))
    published = [s.published.latest() for s in index.dataset.sources if s.published]
    # the data's own date, so that files written from the same data are the same bytes
    graph.graph["modified"] = max(published).isoformat() if published else None
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
