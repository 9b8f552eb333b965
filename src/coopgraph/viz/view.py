"""Pictures of the graph as bytes: the HTML view or a network format, for one selection."""

from __future__ import annotations

from coopgraph.filters import Filter
from coopgraph.index import Index
from coopgraph.viz.formats import GRAPH_FORMATS, render_graph
from coopgraph.viz.network import Selection, agency_network

__all__ = ["VIEW_FORMATS", "render_view"]

VIEW_FORMATS = ("html", *GRAPH_FORMATS)


def render_view(
    index: Index, fmt: str, *, where: Filter | None = None, selection: Selection | None = None
) -> bytes:
    """The agency network chosen by ``where`` and ``selection``, rendered as ``fmt``."""
    selection = selection or Selection()
    graph = agency_network(index, where, selection)
    if fmt == "html":
        from coopgraph.viz.html import render_html

        return render_html(index, graph, lang=selection.lang)
    return render_graph(graph, fmt)
