"""Pictures of the graph, checked as a person would see them and as other tools read them.

The HTML view is opened in a real headless Chromium (Debian's, driven by Playwright with
``executable_path``; no browser is downloaded). A screenshot is left in
``build/screenshots/`` for developers to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from coopgraph.filters import Filter
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.viz.browser import CHROMIUM, launch, wait_until_drawn
from coopgraph.viz.formats import render_graph
from coopgraph.viz.network import Selection, agency_network, flat_attributes

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def need(tool: str, package: str) -> None:
    if shutil.which(tool) is None and not Path(tool).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (Debian {package}) is not installed on CI")
        pytest.skip(f"{tool} (Debian {package}) is not installed")


# --- the network and its selections -------------------------------------------------------


def test_network_mirrors_the_agreements(index: Index) -> None:
    graph = agency_network(index)
    expected = {
        (a.id, tuple(sorted(set(a.agency_ids()))))
        for a in index.dataset.agreements
        if len(set(a.agency_ids())) >= 2
    }
    assert {record for _u, _v, record in graph.edges(data="record")} == {aid for aid, _ in expected}
    # one edge per pair of parties, each with an id of its own
    keys = [key for _u, _v, key in graph.edges(keys=True)]
    assert len(keys) == len(set(keys)) == sum(len(p) * (len(p) - 1) // 2 for _a, p in expected)
    nist = graph.nodes["NIST"]
    assert (nist["country"], nist["partners"], nist["name_ko"]) == ("US", 4, "국립표준기술연구소")
    edge = graph.edges["KIAT", "NIST", "kiat-nist-loi-2022:KIAT:NIST"]
    assert (edge["agreement_type"], edge["date"], edge["status"]) == ("loi", "2022-12-07", "signed")
    assert "협력의향서(LOI)를 체결했다" in edge["quote"]


def test_around_an_agency_to_a_depth(index: Index) -> None:
    one = agency_network(index, selection=Selection(around="NIST", depth=1))
    assert set(one) == {"NIST", "KIAT", "KRISS", "KATS", "AIST"}
    two = agency_network(index, selection=Selection(around="국립표준기술연구소", depth=2))
    assert set(two) == set(one)  # NIST's partners have no other partners


def test_field_and_date_selections(index: Index) -> None:
    quantum = agency_network(index, Filter.create(index, fields=["quantum"]))
    assert {record for _u, _v, record in quantum.edges(data="record")} == {
        "kriss-nist-quantum-mou-2024",
        "kriss-aist-mou-2024",
        "kriss-gquat-quantum-cooperation-2024",
        "kr-us-quantum-workshop-plan",
        "kr-us-cet-dialogue",
    }
    recent = agency_network(index, Filter.create(index, since="2024-06"))
    assert all(d["year"] >= 2024 for _u, _v, d in recent.edges(data=True))


def test_events_add_links(index: Index) -> None:
    with_events = agency_network(index, selection=Selection(include_events=True))
    assert with_events.has_edge("BEIS", "MOTIE", "kr-uk-tech-outlook-conference-2017:BEIS:MOTIE")
    assert not agency_network(index).has_node("BEIS")


# --- files for other tools -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_graphml_and_gexf_back(index: Index, tmp_path: Path, fmt: str) -> None:
    graph = agency_network(index, selection=Selection(include_events=True))
    path = tmp_path / f"coop.{fmt}"
    path.write_bytes(render_graph(graph, fmt))
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        read = back.nodes[node]
        for key, value in flat_attributes(data).items():
            if key in read:
                assert str(read[key]) == str(value), (node, key)
        assert read.get("country") == data["country"]
    edges = {
        (k, d.get("record"), d.get("agreement_type"), d.get("date"))
        for *_e, k, d in back.edges(keys=True, data=True)
    }
    assert ("kiat-nist-loi-2022:KIAT:NIST", "kiat-nist-loi-2022", "loi", "2022-12-07") in edges


@pytest.mark.parametrize("fmt", ["cytoscape", "nodelink"])
def test_json_formats_read_back(index: Index, fmt: str) -> None:
    graph = agency_network(index)
    data = json.loads(render_graph(graph, fmt))
    back = (
        nx.cytoscape_graph(data) if fmt == "cytoscape" else nx.node_link_graph(data, edges="links")
    )
    assert set(back.nodes) == set(graph.nodes) and back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["KRISS"]["aliases"] == graph.nodes["KRISS"]["aliases"]


def test_graphviz_renders_the_dot_file(index: Index, tmp_path: Path) -> None:
    need("dot", "graphviz")
    dot_file = tmp_path / "coop.dot"
    dot_file.write_bytes(render_graph(agency_network(index), "dot"))
    done = subprocess.run(["dot", "-Tsvg", str(dot_file)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert b"<svg" in done.stdout and b"KRISS" in done.stdout


#: Agencies in an agreement or event of their own. Not drawn: MCEE, NST and WH (in none) and the
#: units that only act for their parent (NIST-CTL for NIST, NMIJ and G-QuAT for AIST).
DRAWN = {
    "AIST", "ARPA-E", "ASTC", "BEIS", "DOC", "DOE", "DOS", "KATS", "KEIT", "KESCO", "KETEP",
    "KIAT", "KRISS", "KSEA-UK", "MOFA", "MOHW", "MOTIE", "MSIT", "NIH", "NIST", "NSF",
    "NSO", "NSTC", "OPPR", "OSTP", "PNNL", "RIST", "SNL", "WH-NSA",
}  # fmt: skip


def test_static_pictures(run, tmp_path: Path) -> None:
    """The SVG labels every agency drawn and no other; the PNG is the same drawing."""
    need("neato", "graphviz")
    svg, png = tmp_path / "coop.svg", tmp_path / "coop.png"
    for fmt, target in (("svg", svg), ("png", png)):
        assert run("export", "--format", fmt, "-o", target, "--include-events").code == 0
    root = ElementTree.parse(svg).getroot()
    labels = [text.text for text in root.iter("{http://www.w3.org/2000/svg}text")]
    assert sorted(labels) == sorted(DRAWN)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    points = [float(root.get(side, "0").removesuffix("pt")) for side in ("width", "height")]
    # Graphviz draws SVG in points (72 per inch) and PNG in pixels at 96 dpi
    assert abs(width - points[0] * 96 / 72) <= 1 and abs(height - points[1] * 96 / 72) <= 1


def test_picture_options_are_refused_for_rdf(run) -> None:
    outcome = run("export", "--format", "turtle", "--around", "NIST")
    assert outcome.code == 2 and "choose what a picture shows" in outcome.err


# --- the HTML view in a real browser ----------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM, "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


class Page:
    """An opened view, with what the browser reported while loading it."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        wait_until_drawn(self.page)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def click_node(self, node: str) -> None:
        point = self.js(
            "(n) => { const p = coopgraph.network.getPositions([n])[n];"
            " const d = coopgraph.network.canvasToDOM(p);"
            " const r = document.getElementById('graph').getBoundingClientRect();"
            " return [d.x + r.left, d.y + r.top]; }",
            node,
        )
        self.page.mouse.click(*point)

    def click_edge(self, a: str, b: str) -> None:
        point = self.js(
            "([a, b]) => { const p = coopgraph.network.getPositions([a, b]);"
            " const d = coopgraph.network.canvasToDOM({x: (p[a].x + p[b].x) / 2,"
            " y: (p[a].y + p[b].y) / 2});"
            " const r = document.getElementById('graph').getBoundingClientRect();"
            " return [d.x + r.left, d.y + r.top]; }",
            [a, b],
        )
        self.page.mouse.click(*point)


@pytest.fixture(scope="module")
def view(browser, tmp_path_factory) -> Page:
    path = tmp_path_factory.mktemp("view") / "coop.html"
    from coopgraph.viz.view import render_view

    index = Index(load_dataset())
    path.write_bytes(render_view(index, "html", selection=Selection(include_events=True)))
    return Page(browser, path)


def test_the_page_is_self_contained(index: Index) -> None:
    from coopgraph.viz.view import render_view

    page = render_view(index, "html").decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page


def test_page_loads_offline_without_errors(view: Page) -> None:
    assert view.errors == []
    assert all(url.startswith("file://") for url in view.requests), view.requests
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.page.screenshot(path=str(SCREENSHOTS / "coop-view.png"))


def test_rendered_nodes_match_the_data(view: Page, index: Index) -> None:
    graph = agency_network(index, selection=Selection(include_events=True))
    drawn = set(view.js("() => coopgraph.nodeView.getIds()"))
    assert drawn == set(graph.nodes)
    assert view.js("() => coopgraph.edgeView.length") == graph.number_of_edges()
    assert view.js("() => Object.keys(coopgraph.network.getPositions()).length") == len(drawn)


def test_clicking_a_link_shows_its_source(view: Page) -> None:
    view.click_edge("KIAT", "NIST")
    details = view.page.inner_text("#details")
    assert "KIAT-NIST letter of intent" in details
    assert "협력의향서(LOI)를 체결했다" in details  # the quoted sentence
    assert "sources/001_7257b5aa37c3b2f3.txt" in details


def test_clicking_an_agency_shows_its_names(view: Page) -> None:
    view.click_node("KRISS")
    details = view.page.inner_text("#details")
    assert "Korea Research Institute of Standards and Science" in details and "표준연" in details


def test_filters_hide_what_they_should(view: Page) -> None:
    before = view.js("() => coopgraph.edgeView.length")
    view.page.uncheck("input[data-type='mou']")
    hidden = view.js(
        "() => coopgraph.edgeView.get().filter(e => e.rid === 'kriss-aist-mou-2024').length"
    )
    assert hidden == 0 and view.js("() => coopgraph.edgeView.length") < before
    view.page.check("input[data-type='mou']")
    view.page.uncheck("input[data-country='JP']")
    assert "AIST" not in view.js("() => coopgraph.nodeView.getIds()")
    view.page.check("input[data-country='JP']")
    view.page.select_option("#field", "quantum")
    shown = set(view.js("() => coopgraph.edgeView.get().map(e => e.rid)"))
    assert "kriss-aist-mou-2024" in shown and "kiat-nist-loi-2022" not in shown
    assert "KIAT" not in view.js("() => coopgraph.nodeView.getIds()")
    view.page.select_option("#field", "")
    view.page.fill("#year-from", "2024")
    years = view.js("() => coopgraph.edgeView.get().map(e => e.id)")
    assert years and all("2017" not in e for e in years)
    view.page.fill("#year-from", "")
    assert view.js("() => coopgraph.edgeView.length") == before


def test_search_finds_an_agency_by_any_name(view: Page) -> None:
    for name, expected in (
        ("표준연", "KRISS"),
        ("産総研", "AIST"),
        ("national institute of standards", "NIST"),
    ):
        view.page.fill("#search", name)
        assert view.js("() => coopgraph.network.getSelectedNodes()") == [expected], name
    view.page.fill("#search", "")


def test_korean_labels(browser, index: Index, tmp_path: Path) -> None:
    from coopgraph.viz.view import render_view

    path = tmp_path / "ko.html"
    path.write_bytes(render_view(index, "html", selection=Selection(lang="ko")))
    page = Page(browser, path)
    assert page.js("() => coopgraph.nodes.get('KRISS').title") == "한국표준과학연구원"
    assert page.js("() => document.getElementById('lang-ko').checked")
    page.page.close()


HOSTILE_NAMES = {
    "H1": "<!--<script>",
    "H2": "__VIS_JS__ and __DATA__",
    "H3": "</script><script>document.title='owned'</script>",
    "H4": "R&D <b>bold</b>",
}


def test_names_cannot_change_the_page(browser, tmp_path: Path) -> None:
    """Names that spell HTML, comments or the template's placeholders stay names."""
    from builders import agency, agreement, dataset_dict
    from coopgraph.models import validate_dataset
    from coopgraph.viz.view import render_view

    agencies = [agency("HOME", country="KR")] + [
        agency(agency_id, names=[{"text": text, "lang": "en"}])
        for agency_id, text in HOSTILE_NAMES.items()
    ]
    agreements = [agreement(f"a-{i}", "HOME", i) for i in HOSTILE_NAMES]
    index = Index(validate_dataset(dataset_dict(agencies, agreements)))
    plain = render_view(Index(validate_dataset(dataset_dict(agencies[:2], agreements[:1]))), "html")
    page_bytes = render_view(index, "html")
    assert len(page_bytes) < 1.2 * len(plain)  # the vis-network library is in once
    path = tmp_path / "hostile.html"
    path.write_bytes(page_bytes)
    page = Page(browser, path)  # waits until the graph is drawn
    assert page.errors == []
    titles = {i: page.js("(n) => coopgraph.nodes.get(n).title", i) for i in HOSTILE_NAMES}
    assert titles == HOSTILE_NAMES
    assert page.js("() => document.title") != "owned"
    # the template's own three: the data, vis-network, the view's code
    assert page.js("() => document.querySelectorAll('script').length") == 3
    page.page.close()


# --- whole in the tools people open them in ------------------------------------------------


def _edge_ids(fmt: str, data: bytes) -> list[str]:
    from xml.etree import ElementTree as ET

    root = ET.fromstring(data)
    return [e.get("id") for e in root.iter() if e.tag.endswith("}edge")]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_edge_has_its_own_id(index: Index, fmt: str) -> None:
    """The 2023 semiconductor plan has four parties: six edges, six ids (Gephi and
    cytoscape.js drop edges that share an id)."""
    graph = agency_network(index, selection=Selection(include_events=True))
    ids = _edge_ids(fmt, render_graph(graph, fmt))
    assert len(ids) == len(set(ids)) == graph.number_of_edges()
    semiconductor = sorted(i for i in ids if i.startswith("semiconductor-rd-collaboration-2023:"))
    assert semiconductor == [
        "semiconductor-rd-collaboration-2023:ASTC:DOC",
        "semiconductor-rd-collaboration-2023:ASTC:MOTIE",
        "semiconductor-rd-collaboration-2023:ASTC:NSTC",
        "semiconductor-rd-collaboration-2023:DOC:MOTIE",
        "semiconductor-rd-collaboration-2023:DOC:NSTC",
        "semiconductor-rd-collaboration-2023:MOTIE:NSTC",
    ]


def test_graphml_declares_no_id_data_key(index: Index) -> None:
    """An edge's ``id`` attribute and a data key named ``id`` collide in igraph."""
    data = render_graph(agency_network(index), "graphml")
    assert b'attr.name="id"' not in data and b'attr.name="record"' in data


def test_graphml_is_utf8_text_a_reader_can_search(index: Index) -> None:
    """Korean names as written, not numeric character references (``&#54364;…``): an
    analyst greps the file or opens it in an editor."""
    data = render_graph(agency_network(index), "graphml")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<graphml ")
    assert b'<data key="d' in data and b"&#" not in data
    assert "국립표준기술연구소".encode() in data and "한국산업기술진흥원".encode() in data
    assert data.endswith(b"</graphml>\n")


def test_igraph_reads_the_graphml_whole(index: Index, tmp_path: Path) -> None:
    """A second GraphML reader, as analysts use it: every edge, no warning."""
    import warnings

    import igraph

    graph = agency_network(index, selection=Selection(include_events=True))
    path = tmp_path / "coop.graphml"
    path.write_bytes(render_graph(graph, "graphml"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    loi = [e for e in read.es if e["record"] == "kiat-nist-loi-2022"]
    assert [(read.vs[e.source]["id"], read.vs[e.target]["id"]) for e in loi] == [("KIAT", "NIST")]


@pytest.mark.parametrize("fmt", ["cytoscape", "nodelink"])
def test_json_edges_keep_their_citation_and_endpoints(index: Index, fmt: str) -> None:
    data = json.loads(render_graph(agency_network(index), fmt))
    if fmt == "cytoscape":
        edges = [e["data"] for e in data["elements"]["edges"]]
        assert len({e["id"] for e in edges}) == len(edges)
    else:
        edges = data["links"]
    (loi,) = [e for e in edges if e["record"] == "kiat-nist-loi-2022"]
    assert (loi["source"], loi["target"]) == ("KIAT", "NIST")
    assert loi["citation"] == "한·미 산업기술 협력 강화…KAIT·NIST 공동R&D 등 협력, 2022-12-09"
    assert "협력의향서(LOI)를 체결했다" in loi["quote"]


def test_gexf_is_the_same_bytes_from_the_same_data(index: Index) -> None:
    """Dated by the data (its latest source, seed 004 of 2024-08-02), not by the clock."""
    first = render_graph(agency_network(index), "gexf")
    assert first == render_graph(agency_network(Index(index.dataset)), "gexf")
    assert b'lastmodifieddate="2024-08-02"' in first


CYTOSCAPE_JS = (
    Path(__file__).parent / "js" / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
)


@pytest.mark.parametrize("include_events", [False, True], ids=["agreements", "with-events"])
def test_cytoscape_js_keeps_every_edge(browser, index: Index, include_events: bool) -> None:
    """The real cytoscape.js (npm, pinned in tests/js) in Chromium: it kept 21 of 26 edges,
    33 of 120 with events, while edges shared their agreement's id."""
    if not CYTOSCAPE_JS.is_file():
        if os.environ.get("CI"):
            pytest.fail("cytoscape.js is not installed on CI (cd tests/js && npm ci)")
        pytest.skip("cytoscape.js is not installed (cd tests/js && npm ci)")
    graph = agency_network(index, selection=Selection(include_events=include_events))
    data = json.loads(render_graph(graph, "cytoscape"))
    page = browser.new_page()
    try:
        page.add_script_tag(path=str(CYTOSCAPE_JS))
        counts = page.evaluate(
            "(data) => { const cy = cytoscape({ headless: true, elements: data.elements });"
            " return [cy.nodes().length, cy.edges().length,"
            " cy.edges('[record = \"semiconductor-rd-collaboration-2023\"]').length]; }",
            data,
        )
    finally:
        page.close()
    assert counts == [graph.number_of_nodes(), graph.number_of_edges(), 6]
