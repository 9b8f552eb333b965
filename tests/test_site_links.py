"""Every page of the built site, read as files: links, languages, headings, JSON-LD; rebuilds.

The whole site is built once for the session from the bundled data and every HTML page is
parsed with the standard library's ``html.parser``: each relative link and asset must name
a file of the site (and a fragment an id of that page), the only absolute addresses are
links to external originals, each page says its language as its folder does and switches
language on the same record, and each embedded JSON-LD block is that record's.

The rebuild tests write into folders of their own. Which pages show kats-nist-mou-2024 is
read off data/agreements.yaml by hand (see the test of a changed title).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset
from coopgraph.site.build import build_site

LANGS = ("en", "ko")
RECORD_KINDS = ("agency", "agreement", "event", "field", "source")
IRI_BASE = "https://w3id.org/coopgraph/"
#: Attributes that make the browser fetch or go somewhere.
URL_ATTRIBUTES = ("href", "src", "action", "srcset", "poster", "data", "formaction")
ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")

# rdflib's JSON-LD parser warns of its own use of ConjunctiveGraph, once per page
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@dataclass
class Parsed:
    """What the link check needs of one page."""

    lang: str | None = None
    title: str = ""
    h1: int = 0
    ids: set[str] = field(default_factory=set)
    #: (tag, attribute, value) of every URL-valued attribute
    urls: list[tuple[str, str, str]] = field(default_factory=list)
    turtle: list[str] = field(default_factory=list)
    switches: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)
    jsonld: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Parsed()
        self._in_title = False
        self._in_jsonld = False
        self._in_languages = False
        self._jsonld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        page = self.page
        if "id" in a:
            page.ids.add(a["id"])
        for name in URL_ATTRIBUTES:
            if name in a:
                page.urls.append((tag, name, a[name]))
        if tag == "html":
            page.lang = a.get("lang")
        elif tag == "title" and not page.title:
            self._in_title = True
        elif tag == "h1":
            page.h1 += 1
        elif tag == "link" and a.get("rel") == "alternate" and a.get("type") == "text/turtle":
            page.turtle.append(a.get("href", ""))
        elif tag == "nav" and "languages" in a.get("class", "").split():
            self._in_languages = True
        elif tag == "a" and self._in_languages:
            page.switches.append((a.get("hreflang", ""), a.get("href", "")))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self._jsonld = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "nav":
            self._in_languages = False
        elif tag == "script" and self._in_jsonld:
            self.page.jsonld.append("".join(self._jsonld))
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
        elif self._in_jsonld:
            self._jsonld.append(data)


def parse(path: Path) -> Parsed:
    parser = PageParser()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser.page


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site for the bundled data, built once for the session."""
    root = tmp_path_factory.mktemp("linked") / "site"
    build_site(Index(load_dataset(None)), root)
    return root


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[str, Parsed]:
    """Every HTML page of the site by its path from the site root."""
    return {path.relative_to(site).as_posix(): parse(path) for path in sorted(site.rglob("*.html"))}


def resolve(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) that a relative ``href`` on ``page`` names."""
    href, _, fragment = href.partition("#")
    href = href.partition("?")[0]
    if not href:
        return page, fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)), fragment


def record_of(path: str) -> tuple[str, str] | None:
    """(kind, id) of a record's page, else None."""
    parts = path.removeprefix("ko/").split("/")
    if len(parts) == 3 and parts[0] in RECORD_KINDS and parts[2] == "index.html":
        return parts[0], parts[1]
    return None


def report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems[:30])


# --- every page ----------------------------------------------------------------------------


def test_the_site_has_every_record_in_both_languages(pages: dict[str, Parsed]) -> None:
    index = Index(load_dataset(None))
    for kind, records in (
        ("agency", index.agencies),
        ("agreement", index.agreements),
        ("event", index.events),
        ("field", index.fields),
        ("source", index.sources),
    ):
        for key in records:
            assert f"{kind}/{key}/index.html" in pages
            assert f"ko/{kind}/{key}/index.html" in pages
    for path in ("index.html", "ko/index.html", "search/index.html", "ko/search/index.html"):
        assert path in pages
    assert "country-pair/KR-US/index.html" in pages and "country/KR/index.html" in pages


def test_every_relative_link_and_asset_resolves(site: Path, pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    checked = 0
    for path, page in pages.items():
        for tag, attribute, value in page.urls:
            if attribute == "srcset":
                values = [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                values = [value]
            for url in values:
                if ABSOLUTE.match(url):
                    continue
                target, fragment = resolve(path, url)
                checked += 1
                where = f"{path}: <{tag} {attribute}={url!r}>"
                if target.startswith("../") or target == "..":
                    problems.append(f"{where} leaves the site")
                elif not (site / target).is_file():
                    problems.append(f"{where}: no file {target}")
                elif fragment and target.endswith(".html") and fragment not in pages[target].ids:
                    problems.append(f"{where}: no id {fragment!r} in {target}")
    assert problems == [], report(problems)
    assert checked > 10 * len(pages)  # the check saw the links


def test_absolute_addresses_are_only_links_to_originals(pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    external = 0
    for path, page in pages.items():
        for tag, attribute, value in page.urls:
            if not ABSOLUTE.match(value):
                continue
            if (tag, attribute) == ("a", "href") and value.startswith(("https://", "http://")):
                external += 1
                continue
            problems.append(f"{path}: <{tag} {attribute}={value!r}>")
    assert problems == [], report(problems)
    # the KRISS page links its Wikidata and ROR entries
    kriss = {value for _t, _a, value in pages["agency/KRISS/index.html"].urls}
    assert {"https://www.wikidata.org/wiki/Q6431706", "https://ror.org/01az7b475"} <= kriss
    assert external > 0


def test_every_record_page_links_its_turtle_twin(site: Path, pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    for path, page in pages.items():
        record = record_of(path)
        expected = [] if record is None else [f"{record[0]}/{record[1]}/index.ttl"]
        found = [resolve(path, href)[0] for href in page.turtle]
        if found != expected:
            problems.append(f"{path}: turtle {found}, expected {expected}")
        problems += [f"{path}: no file {twin}" for twin in found if not (site / twin).is_file()]
    assert problems == [], report(problems)


def test_every_page_has_one_h1_a_title_and_its_folder_language(pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    for path, page in pages.items():
        lang = "ko" if path.startswith("ko/") else "en"
        if page.lang != lang:
            problems.append(f"{path}: <html lang={page.lang!r}>, expected {lang!r}")
        if page.h1 != 1:
            problems.append(f"{path}: {page.h1} h1")
        if not page.title.strip():
            problems.append(f"{path}: no title")
    assert problems == [], report(problems)
    assert pages["ko/agency/NIST/index.html"].title.startswith("국립표준기술연구소")


def test_the_language_switch_keeps_the_record(pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    for path, page in pages.items():
        if path.startswith("ko/"):
            other_lang, other = "en", path.removeprefix("ko/")
        else:
            other_lang, other = "ko", f"ko/{path}"
        found = [(hreflang, resolve(path, href)[0]) for hreflang, href in page.switches]
        if found != [(other_lang, other)]:
            problems.append(f"{path}: switch {found}, expected {[(other_lang, other)]}")
    assert problems == [], report(problems)


def expand(term: str, context: dict[str, object]) -> str:
    """A compact IRI ``prefix:suffix`` with the prefixes of a JSON-LD ``@context``."""
    prefix, colon, suffix = term.partition(":")
    namespace = context.get(prefix)
    if colon and isinstance(namespace, str) and not suffix.startswith("//"):
        return namespace + suffix
    return term


def ids_in(node: object, context: dict[str, object]) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@id" and isinstance(value, str):
                yield expand(value, context)
            elif key != "@context":
                yield from ids_in(value, context)
    elif isinstance(node, list):
        for item in node:
            yield from ids_in(item, context)


def test_every_jsonld_block_parses_and_names_its_record(pages: dict[str, Parsed]) -> None:
    problems: list[str] = []
    blocks = 0
    for path, page in pages.items():
        record = record_of(path)
        if record is not None and not page.jsonld:
            problems.append(f"{path}: no JSON-LD")
        for text in page.jsonld:
            blocks += 1
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                problems.append(f"{path}: JSON-LD is not JSON: {error}")
                continue
            try:
                graph = rdflib.Graph().parse(data=text, format="json-ld")
            except Exception as error:  # any parser failure is the finding
                problems.append(f"{path}: rdflib cannot read the JSON-LD: {error}")
                continue
            if record is None:
                continue
            iri = f"{IRI_BASE}{record[0]}/{record[1]}"
            context = data.get("@context", {}) if isinstance(data, dict) else {}
            if iri not in set(ids_in(data, context if isinstance(context, dict) else {})):
                problems.append(f"{path}: @id {iri} is not in its JSON-LD")
            if (rdflib.URIRef(iri), None, None) not in graph:
                problems.append(f"{path}: no statement about {iri} in its JSON-LD")
    assert problems == [], report(problems)
    assert blocks >= sum(1 for path in pages if record_of(path))


# --- rebuilds --------------------------------------------------------------------------------


def page_inodes(root: Path) -> dict[str, int]:
    """Inode of every page, twin, script and download of a built site."""
    return {
        path.relative_to(root).as_posix(): path.stat().st_ino
        for path in root.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.fixture
def rebuilt(tmp_path: Path) -> tuple[Path, Dataset]:
    """A site of the bundled data in a folder of its own, for a test to build over."""
    root = tmp_path / "site"
    data = load_dataset(None)
    build_site(Index(data), root)
    return root, data


def test_a_second_build_of_the_same_data_writes_nothing(
    rebuilt: tuple[Path, Dataset],
) -> None:
    root, data = rebuilt
    before = page_inodes(root)
    again = build_site(Index(data), root)
    assert again.written == 0
    assert again.kept > 400
    after = page_inodes(root)
    assert after == before


def test_a_changed_title_rewrites_the_pages_that_show_it(rebuilt: tuple[Path, Dataset]) -> None:
    """kats-nist-mou-2024 (KATS and NIST, signed 2024-06-27, fields ai-standards and
    standards, planned at event kr-us-cet-dialogue-2023, quoted from kats-2024-06-press and
    news1-5462001 via ref-facts and from fnnews-2023-12-09) gets a new English title."""
    root, data = rebuilt
    before = page_inodes(root)
    agreements = [
        replace(a, title={**a.title, "en": "Renamed standards MOU"})
        if a.id == "kats-nist-mou-2024"
        else a
        for a in data.agreements
    ]
    changed = build_site(Index(replace(data, agreements=agreements)), root)
    after = page_inodes(root)
    assert set(after) == set(before)
    rewritten = {path for path in before if after[path] != before[path]}
    assert changed.written == len(rewritten)
    pages_rewritten = {
        path
        for path in rewritten
        if path.endswith((".html", ".ttl")) and not path.startswith("downloads/")
    }
    assert pages_rewritten == {
        # its page, its Korean page (which shows the English title beside the Korean
        # one) and its twin
        "agreement/kats-nist-mou-2024/index.html",
        "ko/agreement/kats-nist-mou-2024/index.html",
        "agreement/kats-nist-mou-2024/index.ttl",
        # its parties, its country pair, its fields, the event of its history
        "agency/KATS/index.html",
        "agency/NIST/index.html",
        "country-pair/KR-US/index.html",
        "field/ai-standards/index.html",
        "field/standards/index.html",
        "event/kr-us-cet-dialogue-2023/index.html",
        # the sources it quotes, and ref-facts through which two of them came
        "source/kats-2024-06-press/index.html",
        "source/news1-5462001/index.html",
        "source/fnnews-2023-12-09/index.html",
        "source/ref-facts/index.html",
        # the home page lists it among the latest agreements; both home pages show the
        # downloads' sizes, which the new title changes
        "index.html",
        "ko/index.html",
    }
    assert "Renamed standards MOU" in (root / "agency/KATS/index.html").read_text("utf-8")
    assert "Renamed standards MOU" in (root / "index.html").read_text("utf-8")
    # left alone: KRISS and KIAT, NIST's partners, whose pages show their own agreements
    # only; the Korean party pages, which show the unchanged Korean title; NIST and KATS's
    # other MOU; the countries, whose pages list agencies
    for path in (
        "agency/KRISS/index.html",
        "agency/KIAT/index.html",
        "ko/agency/KATS/index.html",
        "ko/agency/NIST/index.html",
        "agreement/nist-kats-mou-2000/index.html",
        "country/KR/index.html",
        "static/site.css",
    ):
        assert after[path] == before[path], path
    # the English search index finds it by its new title
    assert "search/en/0.js" in rewritten
    assert "Renamed standards MOU" in (root / "search/en/0.js").read_text("utf-8")
