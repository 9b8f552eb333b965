"""The agency network in the formats network tools read.

GraphML and GEXF (Gephi, Cytoscape desktop) through networkx's writers, Cytoscape.js JSON
and node-link JSON through networkx's converters, DOT through pydot, and a static SVG or
PNG drawn by Graphviz (``neato``). Node and edge attributes (type, country, names, dates,
fields, source) travel with every format; lists are joined with "; " where the format
holds only scalars.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import networkx as nx

from coopgraph.errors import CoopgraphError
from coopgraph.viz.network import flat_attributes
from coopgraph.viz.style import country_colour, edge_colour, is_in_place

__all__ = ["GRAPH_FORMATS", "render_graph"]

GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "svg", "png")


def _flat(graph: nx.MultiGraph, *, edge_ids: bool = False) -> nx.MultiGraph:
    """Scalar attributes only; with ``edge_ids``, each edge's key as its ``id`` (GEXF's
    writer numbers edges otherwise, while GraphML's takes the key itself)."""
    flat = nx.MultiGraph()
    flat.add_nodes_from((n, flat_attributes(d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from(
        (u, v, k, {**flat_attributes(d), **({"id": k} if edge_ids else {})})
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return flat


def _lines(writer: Any, graph: nx.MultiGraph) -> bytes:
    return "\n".join(writer(graph)).encode("utf-8") + b"\n"


def to_dot(graph: nx.MultiGraph, *, with_attributes: bool = True) -> str:
    """DOT with the view's styling: country colours, agreement-type colours, dashed plans.

    With ``with_attributes`` every node and edge attribute is written too (for tools that read DOT);
    Graphviz itself gets only what it draws.
    """
    import pydot

    dot = pydot.Dot(
        "coopgraph",
        graph_type="graph",
        overlap="false",
        splines="true",
        fontname="Helvetica",
        outputorder="edgesfirst",
    )
    for node, data in sorted(graph.nodes(data=True)):
        size = 0.45 + 0.12 * data.get("partners", 0)
        attributes = (
            {k: str(v) for k, v in flat_attributes(data).items()} if with_attributes else {}
        )
        attributes.update(
            label=str(node),
            style="filled",
            shape="circle",
            fixedsize="shape",
            fillcolor=country_colour(data.get("country")),
            fontcolor="white",
            fontsize="9",
            width=f"{size:.2f}",
            tooltip=str(data.get("label", node)),
        )
        dot.add_node(pydot.Node(_quote(node), **{k: _quote(v) for k, v in attributes.items()}))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True)):
        colour = edge_colour(data.get("kind"), data.get("agreement_type"))
        attributes = (
            {k: str(v) for k, v in flat_attributes(data).items()} if with_attributes else {}
        )
        attributes.update(
            key=str(key),
            color=colour,
            style="solid" if is_in_place(data.get("status")) else "dashed",
            tooltip=str(data.get("title", key)),
        )
        dot.add_edge(
            pydot.Edge(_quote(u), _quote(v), **{k: _quote(x) for k, x in attributes.items()})
        )
    return dot.to_string()


def _quote(value: Any) -> str:
    """DOT identifiers are always double-quoted, with quotes and backslashes escaped."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _graphviz(dot: str, fmt: str) -> bytes:
    engine = shutil.which("neato")
    if engine is None:
        raise CoopgraphError("drawing SVG or PNG needs Graphviz (Debian package 'graphviz')")
    done = subprocess.run(
        [engine, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True, check=False
    )
    if done.returncode != 0:
        raise CoopgraphError(f"Graphviz failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _dated_gexf(gexf: bytes, modified: str | None) -> bytes:
    """GEXF whose ``lastmodifieddate`` is the data's date, not the day it was written."""
    stamp = b'lastmodifieddate="' + (modified or "1970-01-01").encode() + b'"'
    return re.sub(rb'lastmodifieddate="[0-9-]*"', stamp, gexf, count=1)


def _graphml(graph: nx.MultiGraph) -> bytes:
    """GraphML written by networkx's lxml writer: UTF-8 text as it is (표준연, not
    ``&#54364;&#51456;&#50672;``) and twice as fast as its ElementTree writer, which the site
    feels (the network is made again after every change). lxml is a dependency, so the
    bytes do not depend on what else is installed."""
    import io

    from networkx.readwrite.graphml import GraphMLWriterLxml

    buffer = io.BytesIO()
    GraphMLWriterLxml(buffer, graph=graph, prettyprint=True).dump()
    written = buffer.getvalue()
    return written if written.endswith(b"\n") else written + b"\n"


def render_graph(graph: nx.MultiGraph, fmt: str) -> bytes:
    """The network as bytes in ``fmt`` (one of :data:`GRAPH_FORMATS`)."""
    if fmt == "graphml":
        return _graphml(_flat(graph))
    if fmt == "gexf":
        gexf = _lines(nx.generate_gexf, _flat(graph, edge_ids=True))
        return _dated_gexf(gexf, graph.graph.get("modified"))
    if fmt == "cytoscape":
        data = nx.cytoscape_data(graph)
        for edge in data["elements"]["edges"]:
            edge["data"]["id"] = edge["data"]["key"]  # cytoscape.js keeps one edge per id
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "nodelink":
        data = nx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "dot":
        return to_dot(graph).encode("utf-8")
    if fmt in {"svg", "png"}:
        return _graphviz(to_dot(graph, with_attributes=False), fmt)
    raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
