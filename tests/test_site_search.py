"""The site's search: the documents written for the bundled data, and the search page at work.

Expected answers are read off data/agreements.yaml by hand: KRISS's short name 표준연,
AIST's Japanese short name 産総研, NIST's Korean names, the four agreements with
"quantum" in their English title. The page is tried in the headless Chromium the other
browser tests use, on a small site written into a temporary directory and opened from
``file://``: the index scripts, the vendored MiniSearch, search.js and the rendered page,
at the paths the real site gives them.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.site import search as site_search
from coopgraph.site.layout import page_path
from coopgraph.site.search import manifest_path, search_documents, search_files
from coopgraph.viz.browser import CHROMIUM, launch

SITE = Path(site_search.__file__).parent
STATIC = SITE / "static"
NODE_MODULES = Path(__file__).parent / "js" / "node_modules"
LANGS = ("en", "ko")


def docs_by_url(index: Index, lang: str) -> dict[str, dict[str, Any]]:
    return {doc["u"]: doc for doc in search_documents(index, lang, LANGS)}


def words(doc: dict[str, Any]) -> list[str]:
    return [*doc["n"], *doc["a"], *doc.get("o", [])]


def shard_docs(files: dict[str, bytes], path: str) -> tuple[int, list[dict[str, Any]]]:
    """The shard number and documents of ``coopgraphSearch.add(n, [...]);``."""
    text = files[path].decode()
    prefix, suffix = "coopgraphSearch.add(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    n, docs = json.loads(f"[{text[len(prefix) : -len(suffix)]}]")
    return n, docs


def manifest_of(files: dict[str, bytes], lang: str) -> dict[str, Any]:
    text = files[manifest_path(lang)].decode()
    prefix, suffix = "coopgraphSearch.manifest(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(text[len(prefix) : -len(suffix)])


# --- the documents ------------------------------------------------------------------------


def test_an_agency_is_found_by_every_name(index: Index) -> None:
    docs = docs_by_url(index, "en")
    kriss = docs["agency/KRISS/index.html"]
    assert {"표준연", "한국표준과학연구원", "KRISS"} <= set(words(kriss))
    assert "Korea Research Institute of Standards and Science" in words(kriss)
    nist = docs["agency/NIST/index.html"]
    assert {"국립표준기술연구소", "미국립표준기술연구소", "NIST"} <= set(words(nist))
    aist = docs["agency/AIST/index.html"]
    assert {"産総研", "産業技術総合研究所", "일본산업기술종합연구소"} <= set(words(aist))
    # a former name stays findable: MOTIE's Korean name until September 2025
    assert "산업통상자원부" in words(docs["agency/MOTIE/index.html"])
    # each page's words are its own: NIST is not found by KRISS's short name
    assert "표준연" not in words(nist)


def test_titles_are_in_the_page_language_with_a_fallback(index: Index) -> None:
    ko = docs_by_url(index, "ko")
    en = docs_by_url(index, "en")
    kriss = ko["ko/agency/KRISS/index.html"]
    assert (kriss["t"], kriss.get("l")) == ("한국표준과학연구원", None)
    assert kriss["d"] == "대한민국 · 측정표준기관"
    assert en["agency/KRISS/index.html"]["t"] == "Korea Research Institute of Standards and Science"
    # NMIJ has no Korean name: the Korean page shows the English one, marked as English
    nmij = ko["ko/agency/NMIJ/index.html"]
    assert (nmij["t"], nmij["l"]) == ("National Metrology Institute of Japan", "en")
    # the name in use today, not the former one
    assert ko["ko/agency/MOTIE/index.html"]["t"] == "산업통상부"
    quantum = ko["ko/agreement/kriss-nist-quantum-mou-2024/index.html"]
    assert quantum["t"] == "표준연-NIST 초전도 양자컴퓨팅 연구협력 협약"
    assert quantum["d"] == "양해각서 · 2024-01-29"
    for docs in (ko, en):
        assert all(doc["t"].strip() for doc in docs.values())


def test_countries_and_pairs_by_their_names(index: Index) -> None:
    ko = docs_by_url(index, "ko")
    korea = ko["ko/country/KR/index.html"]
    assert korea["t"] == "대한민국"
    assert {"South Korea", "대한민국", "KR"} <= set(words(korea))
    pair = ko["ko/country-pair/KR-US/index.html"]
    assert pair["t"] == "대한민국 – 미국"
    assert {"대한민국", "미국", "South Korea", "United States"} <= set(words(pair))
    assert docs_by_url(index, "en")["country-pair/KR-US/index.html"]["t"] == (
        "South Korea – United States"
    )
    # one page per pair, in sorted order: no US-KR, and no pair no agreement ties
    assert "ko/country-pair/US-KR/index.html" not in ko
    assert "ko/country-pair/GB-JP/index.html" not in ko
    assert "ko/country-pair/JP-KR/index.html" in ko


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_is_the_page_of_one_record(index: Index, lang: str) -> None:
    docs = search_documents(index, lang, LANGS)
    urls = [doc["u"] for doc in docs]
    assert len(urls) == len(set(urls))
    records = {
        "agency": index.agencies,
        "agreement": index.agreements,
        "event": index.events,
        "field": index.fields,
        "source": index.sources,
    }
    for kind, records_of_kind in records.items():
        pages = {page_path(kind, key, lang, LANGS) for key in records_of_kind}
        assert {doc["u"] for doc in docs if doc["k"] == kind} == pages
    for doc in docs:
        kind, key = doc["u"].removeprefix("ko/").split("/")[:2]
        assert doc["k"] == kind and doc["u"] == page_path(kind, key, lang, LANGS)
        assert key in doc["a"]  # found by its id too


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_site_is_searchable(index: Index, lang: str) -> None:
    """The documents are the site's pages: each record's, each country's and each pair's."""
    from coopgraph.site.facts import Facts
    from coopgraph.site.pages import pages

    built = {page.path for page in pages(Facts.of(index), lang, LANGS)}
    assert {doc["u"] for doc in search_documents(index, lang, LANGS)} == built


def test_shards_are_bounded_deterministic_and_agencies_first(index: Index) -> None:
    files = search_files(index, "ko", LANGS, shard_size=10)
    assert files == search_files(index, "ko", LANGS, shard_size=10)
    assert list(files) == sorted(files)
    manifest = manifest_of(files, "ko")
    assert manifest["lang"] == "ko"
    assert set(files) == {manifest_path("ko"), *manifest["shards"]}
    shards = [shard_docs(files, path) for path in manifest["shards"]]
    assert [n for n, _ in shards] == list(range(len(shards)))
    assert all(1 <= len(docs) <= 10 for _, docs in shards)
    every = [doc for _, docs in shards for doc in docs]
    assert len(every) == manifest["docs"] == len(search_documents(index, "ko", LANGS))
    kinds = [doc["k"] for doc in every]
    assert kinds[: len(index.agencies)] == ["agency"] * len(index.agencies)
    assert "agency" not in kinds[len(index.agencies) :]
    # the default bound keeps the bundled data in one shard
    assert list(search_files(index, "en", LANGS)) == ["search/en/0.js", "search/en/manifest.js"]


def test_a_changed_title_rewrites_only_its_shard(dataset) -> None:
    before = search_files(Index(dataset), "en", LANGS, shard_size=10)
    agreements = [
        replace(a, title={**a.title, "en": "Renamed"}) if a.id == "kriss-aist-mou-2024" else a
        for a in dataset.agreements
    ]
    after = search_files(Index(replace(dataset, agreements=agreements)), "en", LANGS, shard_size=10)
    changed = [path for path in before if before[path] != after[path]]
    assert len(changed) == 1 and changed[0] != manifest_path("en")
    assert "Renamed" in after[changed[0]].decode()


# --- the page -----------------------------------------------------------------------------


def messages(lang: str) -> dict[str, str]:
    return yaml.safe_load((SITE / "messages" / lang / "search.yaml").read_text("utf-8"))


def test_the_messages_are_complete_in_both_languages() -> None:
    en, ko = messages("en"), messages("ko")
    assert set(en) == set(ko)
    assert all(key.startswith("search_") for key in en)
    template = (SITE / "templates" / "search.html.j2").read_text("utf-8")
    used = set(re.findall(r"\{\{ t\.(\w+) \}\}", template))
    assert len(used) > 10
    assert used <= set(en), used - set(en)


BASE_STRINGS = {
    "site_name": "coopgraph",
    "skip_to_content": "Skip to content",
    "search_label": "Search",
    "search_placeholder": "Name or acronym",
    "search": "Search",
    "language": "Language",
    "footer_data": "Data",
    "how_to_cite": "Cite",
    "downloads": "Downloads",
}


def render_search_page(lang: str) -> str:
    """The search page as the site builder renders it, at ``search/`` or ``ko/search/``."""
    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=True)
    env.filters.setdefault("script_json", json.dumps)
    page = f"{'' if lang == LANGS[0] else lang + '/'}search/index.html"
    root = "../" * page.count("/")
    context = {
        "lang": lang,
        "root": root,
        "lang_root": "../",
        "t": {**BASE_STRINGS, **messages(lang)},
        "languages": [],
        "search_manifest": manifest_path(lang),
    }
    return env.get_template("search.html.j2").render(context)


def test_the_search_page_renders() -> None:
    html = render_search_page("ko")
    assert 'data-manifest="../../search/ko/manifest.js"' in html
    assert 'href="../../static/site.css"' in html
    assert '<script src="../../static/minisearch.min.js"></script>' in html
    assert '<script src="../../static/search.js"></script>' in html
    assert 'data-msg-none="“{query}”에 대한 검색 결과가 없습니다."' in html
    assert 'role="status"' in html and '<ol id="search-results"' in html
    assert "<title>검색 · coopgraph</title>" in html
    # no inline script: the security policy allows only the site's own files
    assert html.count("<script") == html.count("<script src=")
    en = render_search_page("en")
    assert 'data-manifest="../search/en/manifest.js"' in en and 'src="../static/search.js"' in en


def test_the_vendored_minisearch_is_the_npm_release() -> None:
    package = NODE_MODULES / "minisearch"
    if not package.exists():
        pytest.skip("tests/js/node_modules is not installed (npm ci in tests/js)")
    assert json.loads((package / "package.json").read_text())["version"] == "7.2.0"
    vendored = (STATIC / "minisearch.min.js").read_bytes()
    assert vendored == (package / "dist" / "umd" / "index.js").read_bytes()
    assert "Luca Ongaro" in (STATIC / "LICENSES" / "minisearch.txt").read_text("utf-8")


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search pages as the site renders them, with their index and static files."""
    from coopgraph.site.render import Renderer

    root = tmp_path_factory.mktemp("site")
    index = Index(load_dataset(None))
    renderer = Renderer(LANGS, None)
    for lang in LANGS:
        for path, data in search_files(index, lang, LANGS).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(data)
        page = f"{'' if lang == LANGS[0] else lang + '/'}search/index.html"
        html = renderer.render_plain(
            "search.html.j2", page, lang, search_manifest=manifest_path(lang)
        )
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_bytes(html)
    (root / "static").mkdir()
    for name in ("minisearch.min.js", "search.js", "site.css"):
        shutil.copy(STATIC / name, root / "static" / name)
    return root


@pytest.fixture(scope="module")
def browser():
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        pytest.skip("chromium (Debian chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


class SearchPage:
    """The search page opened from file://, with what the browser reported."""

    def __init__(self, browser, site: Path, lang: str = "en", query: str | None = None) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        path = site / f"{'' if lang == 'en' else lang + '/'}search/index.html"
        url = path.as_uri() + ("" if query is None else "?q=" + query)
        self.page.goto(url)

    def wait(self, query: str, timeout: float = 60.0) -> None:
        """Until the list shows ``query`` with the whole index loaded (polled: no eval)."""
        deadline = time.monotonic() + timeout
        check = (
            "(q) => { const l = document.getElementById('search-results');"
            " return l.dataset.query === q && l.dataset.complete === 'true'; }"
        )
        while not self.page.evaluate(check, query):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no results shown for {query!r} within {timeout:.0f} s")
            time.sleep(0.05)

    def results(self) -> list[tuple[str, str]]:
        """(page path from the site root, link text) of every result, in order."""
        found = self.page.evaluate(
            "() => Array.from(document.querySelectorAll('#search-results a'),"
            " a => [a.getAttribute('href').replace(/^(\\.\\.\\/)+/, ''), a.textContent])"
        )
        return [tuple(pair) for pair in found]

    def status(self) -> str:
        return self.page.evaluate("() => document.getElementById('search-status').textContent")


@pytest.fixture
def open_page(browser, site: Path):
    opened: list[SearchPage] = []

    def opener(query: str | None = None, lang: str = "en") -> SearchPage:
        page = SearchPage(browser, site, lang, query)
        opened.append(page)
        return page

    yield opener
    for page in opened:
        assert page.errors == []
        assert all(url.startswith("file://") for url in page.requests), page.requests
        page.page.close()


def test_the_short_korean_name_finds_kriss_first(open_page) -> None:
    page = open_page("표준연")
    page.wait("표준연")
    found = page.results()
    assert found[0] == (
        "agency/KRISS/index.html",
        "Korea Research Institute of Standards and Science",
    )
    urls = [url for url, _ in found]
    # agreements titled 표준연-... follow; NIST, whose names only share 표준, is not found
    assert "agreement/kriss-aist-mou-2024/index.html" in urls
    assert "agency/NIST/index.html" not in urls
    assert page.page.input_value("#site-search") == "표준연"


def test_the_japanese_short_name_finds_aist(open_page) -> None:
    page = open_page("産総研")
    page.wait("産総研")
    assert page.results()[0][0] == "agency/AIST/index.html"


def test_words_of_a_name_find_nist(open_page) -> None:
    page = open_page("national institute of standards")
    page.wait("national institute of standards")
    urls = [url for url, _ in page.results()]
    assert "agency/NIST/index.html" in urls[:3]
    # every word must match: KRISS's name has no "national"
    assert "agency/KRISS/index.html" not in urls


def test_an_acronym_finds_its_agency_before_its_units(open_page) -> None:
    page = open_page("nist")
    page.wait("nist")
    urls = [url for url, _ in page.results()]
    assert urls[0] == "agency/NIST/index.html"
    assert "agency/NIST-CTL/index.html" in urls


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("표준과학", "agency/KRISS/index.html"),  # inside 한국표준과학연구원: pairs, not words
        ("総合研究所", "agency/AIST/index.html"),  # inside 産業技術総合研究所
        ("kats", "agency/KATS/index.html"),  # before the KATS-NIST agreements
        ("standrds korean", "agency/KATS/index.html"),  # a typo in a long word is forgiven
        ("korea united", "country-pair/KR-US/index.html"),
    ],
    ids=["hangul-part", "han-part", "acronym", "typo", "pair"],
)
def test_first_result(open_page, query: str, first: str) -> None:
    page = open_page(query)
    page.wait(query)
    assert page.results()[0][0] == first


def test_a_pair_is_found_by_either_country(open_page) -> None:
    page = open_page("일본", lang="ko")
    page.wait("일본")
    urls = [url for url, _ in page.results()]
    assert {"ko/country/JP/index.html", "ko/country-pair/JP-KR/index.html"} <= set(urls)
    assert "ko/country-pair/KR-US/index.html" not in urls


def test_a_field_word_finds_agreements_by_title(open_page) -> None:
    page = open_page("quantum")
    page.wait("quantum")
    urls = {url for url, _ in page.results()}
    quantum_titled = {
        "agreement/kriss-nist-quantum-mou-2024/index.html",
        "agreement/kriss-aist-mou-2024/index.html",
        "agreement/kriss-gquat-quantum-cooperation-2024/index.html",
        "agreement/kr-us-jp-quantum-cooperation-proposal/index.html",
    }
    assert quantum_titled <= urls
    assert "field/quantum/index.html" in urls
    # an agreement in no quantum title is left out
    assert "agreement/kiat-nist-loi-2022/index.html" not in urls


def test_nothing_found_says_so(open_page) -> None:
    page = open_page("zzxqv")
    page.wait("zzxqv")
    assert page.results() == []
    assert page.status() == "Nothing found for “zzxqv”."


def test_korean_page_in_korean(open_page) -> None:
    page = open_page("NIST", lang="ko")
    page.wait("NIST")
    url, text = page.results()[0]
    assert (url, text) == ("ko/agency/NIST/index.html", "국립표준기술연구소")
    assert page.status().startswith("검색 결과 ")
    # a title with no Korean is marked as English for screen readers
    page.page.fill("#site-search", "NMIJ")
    page.wait("NMIJ")
    lang = page.page.get_attribute("#search-results li:first-child a", "lang")
    assert (page.results()[0][1], lang) == ("National Metrology Institute of Japan", "en")


def test_results_appear_as_you_type_and_nothing_loads_before(open_page) -> None:
    page = open_page()
    page.page.wait_for_selector("#search-status:not(:empty)")
    assert page.status() == "Type a name, an acronym or part of a title."
    assert not [url for url in page.requests if "/search/en/" in url]
    page.page.type("#site-search", "kriss")
    page.wait("kriss")
    assert page.results()[0][0] == "agency/KRISS/index.html"
    assert [url for url in page.requests if url.endswith("/search/en/0.js")]
    # Enter on the search page searches in place
    page.page.fill("#site-search", "産総研")
    page.page.press("#site-search", "Enter")
    page.wait("産総研")
    assert page.results()[0][0] == "agency/AIST/index.html"


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("표준연", ["표준", "준연"]),
        ("産総研", ["産総", "総研"]),
        ("Café NIST-CTL", ["cafe", "nist", "ctl"]),
        ("AI국제표준", ["ai", "국제", "제표", "표준"]),
        ("한·미", ["한", "미"]),
        ("ＫＲＩＳＳ 2024", ["kriss", "2024"]),
    ],
    ids=["hangul", "han", "latin", "mixed", "single", "fullwidth"],
)
def test_the_tokenizer(open_page, text: str, terms: list[str]) -> None:
    page = open_page()
    assert page.page.evaluate("(t) => coopgraphSearch.tokenize(t)", text) == terms
