"""The built site in a real browser, used as a reader would use it.

The whole site is built once for the session from the bundled data (``build_site``) and
opened from ``file://`` in the headless Chromium the other browser tests use, with the
pages' own Content-Security-Policy in force: type 표준연 in the search box and reach KRISS,
see NIST among its partners with the quoted sentence, follow it, switch language on the
same record and back, read an agreement's history and sources. Every page visited must
log no console error and request nothing outside the site's folder.

Expected answers are read off data/agreements.yaml by hand:
- KRISS's agreements are kriss-nist-mou-1994 and kriss-nist-quantum-mou-2024 with NIST
  and three with AIST (kriss-aist-mou-2024, kriss-aist-metrology-cooperation-2024,
  kriss-gquat-quantum-cooperation-2024): its partners are exactly AIST and NIST. KIAT's only
  partner is NIST (kiat-nist-loi-2022), so KIAT is no partner of KRISS.
- kriss-nist-quantum-mou-2024 cites edaily-2024-08-02: "한국표준과학연구원은 지난1월
  미국립표준기술연구소와 연구협력 협약을 체결했다."
- NIST's Korean official name is 국립표준기술연구소.
- kats-nist-mou-2024: parties KATS and NIST, planned on 2023-12-09 (the site's English
  word for "planned" is "agreed to be set up", coopgraph.vocabulary), signed 2024-06-27;
  news1-5462001 is quoted by this agreement only.
- site.css gives ``header.site`` the background ``--soft: #f6f8fa``.

Accessibility is checked with axe-core from tests/js (npm), injected into the page.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.site.build import build_site
from coopgraph.viz.browser import CHROMIUM, launch

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"

KRISS_NAME = "Korea Research Institute of Standards and Science"
NIST_NAME = "National Institute of Standards and Technology"
NIST_QUOTE = "한국표준과학연구원은 지난1월 미국립표준기술연구소와 연구협력 협약을 체결했다."


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site for the bundled data, built once for the session."""
    root = tmp_path_factory.mktemp("browsed") / "site"
    build_site(Index(load_dataset(None)), root)
    return root


def missing(what: str) -> None:
    """Skip on a developer's machine, fail on CI (.ci/run installs everything), as
    tests/test_viz.py does."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed on CI")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        missing("chromium (Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


class Reader:
    """One tab on the site, with everything the browser reported while it was used."""

    def __init__(self, browser: Any, site: Path, *, bypass_csp: bool = False) -> None:
        self.site = site
        self.prefix = site.as_uri() + "/"
        self.context = browser.new_context(bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.visited: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "framenavigated",
            lambda frame: self.visited.append(frame.url) if frame == self.page.main_frame else None,
        )

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console error on {self.page.url}: {message.text}")

    def url(self, path: str) -> str:
        return (self.site / path).as_uri()

    def open(self, path: str) -> None:
        self.page.goto(self.url(path))

    def at(self, path: str) -> None:
        """Wait until the tab shows ``path`` (a click's navigation has landed)."""
        self.page.wait_for_url(self.url(path))
        assert self.page.url == self.url(path)

    def h1(self) -> str:
        return " ".join(self.page.locator("h1").inner_text().split())

    def wait_for_results(self, query: str, timeout: float = 60.0) -> None:
        """Until the result list shows ``query`` with the whole index loaded.

        Polled with ``evaluate``: the page's security policy forbids the ``eval`` that
        Playwright's ``wait_for_function`` relies on.
        """
        deadline = time.monotonic() + timeout
        check = (
            "(q) => { const l = document.getElementById('search-results');"
            " return !!l && l.dataset.query === q && l.dataset.complete === 'true'; }"
        )
        while not self.page.evaluate(check, query):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no results shown for {query!r} within {timeout:.0f} s")
            time.sleep(0.05)

    def check(self) -> None:
        """No console error and no request outside the site folder, on every page visited."""
        assert self.visited, "no page was opened"
        assert self.requests, "no request was seen"
        assert self.errors == [], "\n".join(self.errors)
        outside = [url for url in self.requests if not url.startswith(self.prefix)]
        assert outside == [], f"requests outside {self.prefix}: {outside}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser: Any, site: Path) -> Iterator[Reader]:
    """A tab with the pages' Content-Security-Policy in force, as a reader has it."""
    opened = Reader(browser, site)
    yield opened
    opened.close()


def partners(reader: Reader) -> list[dict[str, Any]]:
    """Each partner listed on an agency page: its link, name and quoted sentences."""
    return reader.page.evaluate(
        """() => Array.from(document.querySelectorAll('ul.partners > li.partner'), li => {
            const a = li.querySelector('h3 > a');
            return {
                href: a.getAttribute('href'),
                name: a.textContent.trim(),
                quotes: Array.from(li.querySelectorAll('blockquote'), q => q.textContent.trim()),
                sources: Array.from(li.querySelectorAll('p.cite a'), s => s.getAttribute('href')),
            };
        })"""
    )


# --- as a reader ----------------------------------------------------------------------------


def test_search_kriss_by_its_short_korean_name_and_follow_its_partners(reader: Reader) -> None:
    reader.open("index.html")
    box = reader.page.locator("#site-search")
    box.click()
    box.press_sequentially("표준연")
    box.press("Enter")
    reader.page.wait_for_url(f"{reader.url('search/index.html')}?q=*")
    reader.wait_for_results("표준연")
    results = reader.page.locator("#search-results a")
    assert results.count() > 1
    assert " ".join(results.first.inner_text().split()) == KRISS_NAME
    results.first.click()
    reader.at("agency/KRISS/index.html")
    assert reader.h1() == f"{KRISS_NAME} KRISS"

    listed = {p["href"]: p for p in partners(reader)}
    assert set(listed) == {"../../agency/AIST/index.html", "../../agency/NIST/index.html"}
    nist = listed["../../agency/NIST/index.html"]
    assert nist["name"] == NIST_NAME
    assert NIST_QUOTE in nist["quotes"]
    assert "../../source/edaily-2024-08-02/index.html" in nist["sources"]
    # KIAT has agreements with NIST only: no partner of KRISS, named nowhere on its page
    assert reader.page.locator('a[href*="agency/KIAT/"]').count() == 0
    assert "Korea Institute for Advancement of Technology" not in reader.page.inner_text("main")

    reader.page.locator("ul.partners h3 > a", has_text=NIST_NAME).click()
    reader.at("agency/NIST/index.html")
    assert reader.h1() == f"{NIST_NAME} NIST"
    assert reader.page.locator("html").get_attribute("lang") == "en"

    reader.page.locator("nav.languages a", has_text="한국어").click()
    reader.at("ko/agency/NIST/index.html")
    assert reader.h1() == "국립표준기술연구소 NIST"
    assert reader.page.locator("html").get_attribute("lang") == "ko"

    reader.page.locator("nav.languages a", has_text="English").click()
    reader.at("agency/NIST/index.html")
    assert reader.h1() == f"{NIST_NAME} NIST"
    reader.check()


def test_an_agreement_its_history_and_a_source(reader: Reader) -> None:
    reader.open("agreement/kats-nist-mou-2024/index.html")
    assert reader.h1() == "KATS-NIST MOU on standards cooperation"
    parties = reader.page.evaluate(
        "() => Array.from(document.querySelectorAll('ul.parties > li > a:first-child'),"
        " a => a.getAttribute('href'))"
    )
    assert parties == ["../../agency/KATS/index.html", "../../agency/NIST/index.html"]
    history = [
        " ".join(text.split()) for text in reader.page.locator("ol.history > li").all_inner_texts()
    ]
    assert len(history) == 2
    assert history[0].startswith("2023-12-09 agreed to be set up")
    assert "국가기술표준원(KATS)과 NIST 간 MOU를 체결하고" in history[0]
    assert history[1] == "2024-06-27 signed (current)"

    sources = reader.page.locator("section[aria-labelledby=sources]")
    assert sources.locator("blockquote").count() == 3
    cited = reader.page.evaluate(
        "() => Array.from(document.querySelectorAll("
        "'section[aria-labelledby=sources] ul.quotes > li'),"
        " li => li.querySelector('p.cite a').getAttribute('href'))"
    )
    assert cited == [
        "../../source/kats-2024-06-press/index.html",
        "../../source/news1-5462001/index.html",
        "../../source/fnnews-2023-12-09/index.html",
    ]
    quote = sources.locator("li", has_text="not AI standards alone")
    link = quote.locator('p.cite a[href$="source/news1-5462001/index.html"]')
    assert link.inner_text() == "News1"
    link.click()
    reader.at("source/news1-5462001/index.html")
    supports = reader.page.evaluate(
        "() => Array.from(document.querySelectorAll('ul.supports > li > a'),"
        " a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert supports == [
        ["../../agreement/kats-nist-mou-2024/index.html", "KATS-NIST MOU on standards cooperation"]
    ]
    reader.check()


def test_the_security_policy_lets_the_stylesheet_and_scripts_work(reader: Reader) -> None:
    reader.open("index.html")
    policy = reader.page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "script-src 'self'" in policy.get_attribute("content")
    background = reader.page.evaluate(
        "() => getComputedStyle(document.querySelector('header.site')).backgroundColor"
    )
    assert background == "rgb(246, 248, 250)"  # --soft in static/site.css
    # a search typed on the Korean home page runs on the Korean search page
    reader.open("ko/index.html")
    reader.page.fill("#site-search", "産総研")
    reader.page.press("#site-search", "Enter")
    reader.page.wait_for_url(f"{reader.url('ko/search/index.html')}?q=*")
    reader.wait_for_results("産総研")
    first = reader.page.locator("#search-results a").first
    assert first.get_attribute("href").endswith("ko/agency/AIST/index.html")
    assert "산업기술종합연구소" in first.inner_text()
    reader.check()


# --- accessibility ----------------------------------------------------------------------------

AXE_PAGES = [
    ("index.html", None),
    ("agency/KRISS/index.html", None),
    ("agreement/kats-nist-mou-2024/index.html", None),
    ("search/index.html", "표준연"),
    ("ko/index.html", None),
]


@pytest.mark.parametrize(
    ("path", "query"), AXE_PAGES, ids=["home", "agency", "agreement", "search", "home-ko"]
)
def test_no_serious_accessibility_violation(
    browser: Any, site: Path, path: str, query: str | None
) -> None:
    if not AXE.exists():
        missing("axe-core (cd tests/js && npm ci)")
    # The pages allow only the site's own scripts (script-src 'self'), and add_script_tag
    # with a path injects axe's text as an inline script, which that policy blocks: this
    # tab bypasses the policy for axe only (the other tests keep it in force).
    reader = Reader(browser, site, bypass_csp=True)
    try:
        url = reader.url(path) + ("" if query is None else f"?q={query}")
        reader.page.goto(url)
        if query is not None:
            reader.wait_for_results(query)
        reader.check()  # the page itself, before axe adds its own requests
        reader.page.add_script_tag(path=str(AXE))
        # preload: false, as axe would fetch the stylesheets again with XMLHttpRequest,
        # which Chromium refuses for file:// (only its css-orientation-lock rule needs them)
        result = reader.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'], preload: false})"
        )
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(
                f"    {node['target']}: {node['html'][:160]}\n      {node['failureSummary']}"
                for node in v["nodes"][:8]
            )
            for v in serious
        )
        assert reader.errors == [], reader.errors
    finally:
        reader.close()
