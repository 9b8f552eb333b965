"""One self-contained HTML page showing the agency network, for a browser with no network.

The page inlines vis-network (the JavaScript and CSS shipped in the ``pyvis`` package) and
the graph's data as JSON, and forbids every request by its Content-Security-Policy: it
opens from a file, an e-mail attachment or a USB stick. In the page: agencies coloured by
country and sized by partners, links coloured by agreement type and dashed when not (yet)
in place, a legend, details and quoted sources on click, filters by field, type, country
and years, a search box that knows every name, and English or Korean labels.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from coopgraph.errors import CoopgraphError
from coopgraph.index import Index
from coopgraph.viz.style import EVENT_COLOUR, country_colour, edge_colour, is_in_place
from coopgraph.vocabulary import AGREEMENT_TYPES

__all__ = ["page_data", "render_html"]

TEMPLATE = Path(__file__).with_name("template.html")


def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the installed pyvis package."""
    try:
        library = resources.files("pyvis") / "lib" / "vis-9.1.2"
        script = (library / "vis-network.min.js").read_text(encoding="utf-8")
        style = (library / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise CoopgraphError(
            "the HTML view needs vis-network from the pyvis package: pip install 'coopgraph[viz]'"
        ) from error
    return script, style


def page_data(index: Index, graph: nx.MultiGraph, lang: str) -> dict[str, Any]:
    """What the page shows, as JSON-ready data."""
    nodes = [
        {
            "id": node,
            "label_en": data.get("name_en", node),
            "name_ko": data.get("name_ko"),
            "country": data["country"],
            "kind": data["agency_kind"],
            "partners": data["partners"],
            "aliases": data["aliases"],
            "color": country_colour(data["country"]),
        }
        for node, data in sorted(graph.nodes(data=True))
    ]
    edges = [
        {
            "id": key,  # unique: <record>:<a>:<b>
            "from": u,
            "to": v,
            "kind": data["kind"],
            "rid": data["record"],
            "title": data["title"],
            "type": data["agreement_type"],
            "status": data["status"],
            "date": data["date"],
            "year": data["year"],
            "fields": data["fields"],
            "field_paths": data["field_paths"],
            "source": data["citation"],
            "quote": data["quote"],
            "where": data["where"],
            "dashed": data["kind"] == "agreement" and not is_in_place(data["status"]),
            "color": edge_colour(data["kind"], data["agreement_type"]),
        }
        for u, v, key, data in sorted(
            graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])
        )
    ]
    used_fields = {f for e in edges for f in e["field_paths"]}
    years = [e["year"] for e in edges if e["year"] is not None]
    types = sorted({e["type"] for e in edges if e["kind"] == "agreement"})
    countries = sorted({n["country"] for n in nodes})
    return {
        "lang": lang,
        "nodes": nodes,
        "edges": edges,
        "fields": [
            {"id": f.id, "label": f.label.get(lang) or f.label.get("en") or f.id}
            for f in index.dataset.fields
            if f.id in used_fields
        ],
        "types": types,
        "countries": countries,
        "years": [min(years), max(years)] if years else [None, None],
        "type_colours": {t: edge_colour("agreement", t) for t in types},
        "country_colours": {c: country_colour(c) for c in countries},
        "labels": {key: labels.get(lang, labels["en"]) for key, labels in AGREEMENT_TYPES.items()},
    }


def render_html(
    index: Index,
    graph: nx.MultiGraph,
    *,
    lang: str = "en",
    title: str = "coopgraph: international R&D cooperation",
) -> bytes:
    import html
    import re

    script, style = _vis_assets()
    values = {
        "__TITLE__": html.escape(title),
        "__LANG__": html.escape(lang),
        "__EVENT_COLOUR__": EVENT_COLOUR,
        "__VIS_CSS__": style,
        "__DATA__": _script_json(page_data(index, graph, lang)),
        "__VIS_JS__": script,
    }
    # one pass: text put in is never searched again, so a name that spells a placeholder
    # stays a name
    page = re.sub("|".join(values), lambda m: values[m[0]], TEMPLATE.read_text(encoding="utf-8"))
    return page.encode("utf-8")


def _script_json(data: object) -> str:
    """JSON to embed in a ``<script>`` element whatever the names in it say.

    ``<``, ``>`` and ``&`` are written as JSON escapes: no name can close the element or
    open an HTML comment (``<!--<script>``) that would swallow the scripts after it.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
