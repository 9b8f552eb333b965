"""``coopgraph site``: what the pages say, where they are, and how a bad request is refused.

Expected answers come from data/agreements.yaml read by hand: 35 agencies, 26 agreements,
20 events, 45 fields, 25 sources; agencies in four countries (GB, JP, KR, US), India as an
unnamed party to an event, and agreements between four pairs (GB-KR, JP-KR, JP-US,
KR-US). The browser tests (test_site_browser.py), the link check (test_site_links.py), the
twins and the search have their own files.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from coopgraph.dates import DateSpan
from coopgraph.errors import CoopgraphError, UsageError
from coopgraph.index import Index
from coopgraph.models import Dataset
from coopgraph.site import build_site
from coopgraph.site.layout import (
    check_base_url,
    page_path,
    parse_languages,
    relative,
    root_of,
    twin_path,
)
from coopgraph.site.output import MANIFEST
from coopgraph.site.pages import LISTED

SITE_PACKAGE = Path(__file__).parents[1] / "src" / "coopgraph" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's site, built once for the read-only tests of this module."""
    from coopgraph.load import load_dataset

    target = tmp_path_factory.mktemp("site") / "site"
    build_site(Index(load_dataset()), target)
    return target


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "the page has no h1"
    return re.sub(r"<[^>]+>", "", found[1]).strip()


# --- where pages are -----------------------------------------------------------------------


def test_a_page_path_mirrors_its_iri_and_other_languages_sit_under_their_tag() -> None:
    langs = ("en", "ko")
    assert page_path("agency", "KRISS", "en", langs) == "agency/KRISS/index.html"
    assert page_path("agency", "KRISS", "ko", langs) == "ko/agency/KRISS/index.html"
    assert page_path("agency", "KRISS", "ko", ("ko", "en")) == "agency/KRISS/index.html"
    assert twin_path("agreement", "kats-nist-mou-2024") == "agreement/kats-nist-mou-2024/index.ttl"
    assert relative("ko/agency/KRISS/index.html", "agency/KRISS/index.ttl") == (
        "../../../agency/KRISS/index.ttl"
    )
    assert root_of("index.html") == ""
    assert root_of("ko/agency/KRISS/index.html") == "../../../"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/coopgraph", "/coopgraph/"),
        ("/", "/"),
        ("https://example.org/coop/", "https://example.org/coop/"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/"),
    ],
)
def test_a_base_url_is_a_url_path_or_an_http_address(given: str, expected: str) -> None:
    assert check_base_url(given) == expected


@pytest.mark.parametrize(
    "given",
    ["coopgraph", "/a/../b/", "javascript:alert(1)", "/a b/", "//evil.example/", "ftp://x/"],
)
def test_anything_else_is_refused_as_a_base_url(given: str) -> None:
    with pytest.raises(UsageError, match="is not a URL path"):
        check_base_url(given)


def test_languages_are_english_and_korean_the_first_at_the_root() -> None:
    assert parse_languages("ko, en") == ("ko", "en")
    assert parse_languages("en,en") == ("en",)
    with pytest.raises(UsageError, match="fr is not one of en, ko"):
        parse_languages("en,fr")
    with pytest.raises(UsageError):
        parse_languages(" , ")


# --- what the site holds -------------------------------------------------------------------


def test_every_record_and_place_has_a_page_in_both_languages(site: Path) -> None:
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    english = [p for p in manifest if p.endswith("index.html") and not p.startswith("ko/")]
    counts: dict[str, int] = {}
    for path in english:
        kind = path.split("/")[0] if "/" in path else "home"
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {
        "home": 1,
        "search": 1,
        "agency": 35,
        "agreement": 26,
        "event": 20,
        "field": 45,
        "source": 25,
        "country": 5,  # GB, JP, KR, US and IN (India takes part in an event, has no agency)
        "country-pair": 4,
    }
    korean = {p.removeprefix("ko/") for p in manifest if p.startswith("ko/")}
    assert korean == set(english)
    twins = [p for p in manifest if p.endswith("index.ttl")]
    assert len(twins) == 35 + 26 + 20 + 45 + 25  # one per record, not per language
    pairs = sorted(p.split("/")[1] for p in english if p.startswith("country-pair/"))
    assert pairs == ["GB-KR", "JP-KR", "JP-US", "KR-US"]


def test_the_kriss_page_lists_its_partners_with_the_quotes_and_not_others(site: Path) -> None:
    html = page(site, "agency/KRISS/index.html")
    assert h1(html) == "Korea Research Institute of Standards and Science KRISS"
    partners = html[html.index('id="partners"') : html.index('id="events"')]
    assert 'href="../../agency/NIST/index.html"' in partners
    assert 'href="../../agency/AIST/index.html"' in partners
    assert "agency/KIAT/" not in partners  # KIAT's LOI is with NIST, not with KRISS
    nist = (
        '<h3><a href="../../agency/NIST/index.html">National Institute of Standards and '
        'Technology</a> · <a href="../../country/US/index.html">United States</a> '
        '<span class="code">(US)</span></h3>'
    )
    assert nist in partners  # a link, its country: markup, not escaped text
    assert "&lt;a href" not in html
    # the edaily sentence behind the 2024 KRISS-NIST agreement, with its source's page
    assert (
        "한국표준과학연구원은 지난1월 미국립표준기술연구소와 연구협력 협약을 체결했다." in partners
    )
    assert 'href="../../source/edaily-2024-08-02/index.html"' in partners
    # G-QuAT acts for AIST in the 2024 MOU: shown on that link, not as AIST's own name
    assert 'acting unit: <a href="../../agency/G-QuAT/index.html">G-QuAT</a>' in partners
    for name in ("표준연", "한국표준과학연구원", "KRISS"):
        assert name in html[html.index('id="main"') : html.index('id="partners"')]
    assert 'href="https://ror.org/01az7b475"' in html
    assert 'href="https://www.wikidata.org/wiki/Q6431706"' in html
    assert '<link rel="alternate" type="text/turtle" href="../../agency/KRISS/index.ttl">' in html


def test_the_korean_page_names_records_in_korean_and_falls_back_to_english(site: Path) -> None:
    assert h1(page(site, "ko/agency/KRISS/index.html")) == "한국표준과학연구원 KRISS"
    assert h1(page(site, "ko/agency/NIST/index.html")) == "국립표준기술연구소 NIST"
    # NMIJ has an English and a Japanese name only: the Korean page shows the English one
    nmij = page(site, "ko/agency/NMIJ/index.html")
    assert h1(nmij) == "National Metrology Institute of Japan NMIJ"
    # marked as English, so that a screen reader does not read it as Korean
    assert '<h1><span lang="en">National Metrology Institute of Japan</span>' in nmij
    aist = page(site, "ko/agency/AIST/index.html")  # AIST's units: NMIJ, named in English
    assert 'href="../../../ko/agency/NMIJ/index.html" lang="en">National Metrology' in aist
    assert "<h1>산업기술종합연구소" in aist  # a Korean name on a Korean page: no mark
    for path in (site / "ko" / "agency").glob("*/index.html"):
        assert h1(path.read_text(encoding="utf-8")).split(" ")[0], f"{path}: an empty name"
    korean = page(site, "ko/agency/KRISS/index.html")
    assert 'href="../../../agency/KRISS/index.html" hreflang="en"' in korean
    assert "협력 기관" in korean and "출처" in korean


def test_an_agreement_page_shows_its_status_history_with_the_quotes(site: Path) -> None:
    html = page(site, "agreement/kats-nist-mou-2024/index.html")
    history = html[html.index('id="history"') : html.index('id="sources"')]
    planned, signed = history.index("2023-12-09"), history.index("2024-06-27")
    assert planned < signed
    assert "agreed to be set up" in history[planned:signed]
    assert 'href="../../event/kr-us-cet-dialogue-2023/index.html"' in history
    assert "국가기술표준원(KATS)과 NIST 간 MOU를 체결하고" in history
    assert "Washington, D.C." in html
    assert "cooperation in international standards bodies" in html  # scope
    korean = page(site, "ko/agreement/kats-nist-mou-2024/index.html")
    assert h1(korean) == "국가기술표준원-NIST 양해각서"
    assert "국제표준화기구 협력" in korean


def test_a_source_page_lists_what_it_supports(site: Path) -> None:
    html = page(site, "source/fnnews-2023-12-09/index.html")
    supports = html[html.index('id="supports"') :]
    assert 'href="../../agreement/kats-nist-mou-2024/index.html"' in supports
    assert 'href="../../agreement/kr-us-ai-working-group/index.html"' in supports
    assert "agreement/kriss-nist-mou-1994/" not in supports  # a NIST news release's


def test_a_field_page_counts_its_narrower_fields(site: Path) -> None:
    html = page(site, "field/quantum/index.html")
    assert 'href="../../field/quantum-computing/index.html"' in html
    # kriss-nist-quantum-mou-2024 is filed under quantum-computing, a narrower field
    assert 'href="../../agreement/kriss-nist-quantum-mou-2024/index.html"' in html
    assert "agreement/kats-nist-mou-2024/" not in html


def test_a_country_pair_lists_its_agreements_by_year(site: Path) -> None:
    html = page(site, "country-pair/JP-KR/index.html")
    assert h1(html) == "Japan – South Korea"
    assert 'href="../../agreement/kriss-aist-mou-2024/index.html"' in html
    assert "agreement/kats-nist-mou-2024/" not in html  # a KR-US agreement
    assert h1(page(site, "ko/country-pair/JP-KR/index.html")) == "일본 – 대한민국"


def test_the_home_page_offers_the_downloads_with_their_size_and_the_data_date(
    site: Path,
) -> None:
    html = page(site, "index.html")
    for name in ("coopgraph.ttl", "coopgraph.jsonld", "coopgraph.graphml", "agreements.csv"):
        assert f'href="downloads/{name}" download' in html
        assert (site / "downloads" / name).stat().st_size > 0
    assert "Data as of 2024-08-02" in html  # the edaily article, the latest source
    assert "https://w3id.org/coopgraph/agency/KRISS" in html  # how to cite
    assert len(html.encode()) < 500_000


def test_every_field_a_quote_can_support_is_named_in_both_languages() -> None:
    import yaml

    from coopgraph.models import Agency, Agreement, Event, TechField

    names = {f.name for record in (Agency, Agreement, Event, TechField) for f in fields(record)}
    for lang in ("en", "ko"):
        text = (SITE_PACKAGE / "messages" / lang / "site.yaml").read_text(encoding="utf-8")
        words = yaml.safe_load(text)
        assert {n for n in names if f"field_{n}" not in words} == set(), lang


def test_what_a_quote_supports_is_said_in_the_page_language(site: Path) -> None:
    # kats-nist-mou-2024: a citation supports [status, date, place] (kept sorted)
    korean = page(site, "ko/agreement/kats-nist-mou-2024/index.html")
    assert "근거 항목: 날짜, 장소, 상태" in korean
    assert "supports: date, place, status" in page(site, "agreement/kats-nist-mou-2024/index.html")


def test_words_exist_in_both_languages_for_every_key_a_template_uses() -> None:
    import yaml

    words = {}
    for lang in ("en", "ko"):
        words[lang] = {}
        for file in sorted((SITE_PACKAGE / "messages" / lang).glob("*.yaml")):
            words[lang].update(yaml.safe_load(file.read_text(encoding="utf-8")))
    assert words["en"].keys() == words["ko"].keys()
    used = set()
    for template in (SITE_PACKAGE / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z_]+)", text))
        for prefix in re.findall(r't\["([a-z_]+)" ~', text):  # t["count_" ~ name]
            assert any(key.startswith(prefix) for key in words["en"]), prefix
    assert used - words["en"].keys() == set()


# --- escaping ------------------------------------------------------------------------------


def hostile(dataset: Dataset) -> Dataset:
    """The first agreement with markup in its titles; kr-us-ai-working-group's first
    (unnamed) party with markup in its description."""
    agreement = dataset.agreements[0]
    title = {"en": "<script>alert(1)</script> & </script><!--", "ko": "<b>굵게</b>"}
    agreements = [dataclasses.replace(agreement, title=title), *dataset.agreements[1:]]
    for i, other in enumerate(agreements):
        if other.id == "kr-us-ai-working-group":
            unnamed = dataclasses.replace(other.parties[0], description={"en": "<i>Gov</i>"})
            parties = [unnamed, *other.parties[1:]]
            agreements[i] = dataclasses.replace(other, parties=parties)
    return dataclasses.replace(dataset, agreements=agreements)


def test_names_are_text_never_markup_even_inside_json_ld(dataset: Dataset, tmp_path: Path) -> None:
    data = hostile(dataset)
    build_site(Index(data), tmp_path / "site", langs=("en", "ko"))
    agreement = data.agreements[0]
    html = page(tmp_path / "site", f"agreement/{agreement.id}/index.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/script&gt;&lt;!--" in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1  # the title's </script> did not end the element early
    assert "<" not in scripts[0]
    parsed = json.loads(scripts[0])
    assert "<script>alert(1)</script> & </script><!--" in json.dumps(parsed, ensure_ascii=False)
    korean = page(tmp_path / "site", f"ko/agreement/{agreement.id}/index.html")
    assert "&lt;b&gt;굵게&lt;/b&gt;" in korean
    # and wherever else the title is shown: as a link on its parties' pages, in tables
    party = agreement.parties[0].agency
    assert "&lt;script&gt;alert(1)" in page(tmp_path / "site", f"agency/{party}/index.html")
    for path in (tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
        assert "<b>굵게</b>" not in text, path
        assert "<i>Gov</i>" not in text, path
    unnamed = page(tmp_path / "site", "agreement/kr-us-ai-working-group/index.html")
    assert '<span class="unnamed">&lt;i&gt;Gov&lt;/i&gt;</span>' in unnamed


# --- rebuilding ----------------------------------------------------------------------------


def inserted(data: Dataset) -> Dataset:
    """A new agreement first: every agreement after it moves one place (coop:position)."""
    first = dataclasses.replace(data.agreements[3], id="aaa-new-first")
    return dataclasses.replace(data, agreements=[first, *data.agreements])


def removed(data: Dataset) -> Dataset:
    return dataclasses.replace(data, agreements=data.agreements[1:])


def agency_renamed(data: Dataset) -> Dataset:
    agencies = []
    for agency in data.agencies:
        if agency.id == "KRISS":
            names = [
                dataclasses.replace(n, text="Korea Research Institute of Standards (renamed)")
                if n.lang == "en"
                else n
                for n in agency.names
            ]
            agency = dataclasses.replace(agency, names=names)
        agencies.append(agency)
    return dataclasses.replace(data, agencies=agencies)


def source_retitled(data: Dataset) -> Dataset:
    sources = [
        dataclasses.replace(s, title="A new title") if s.id == "edaily-2024-08-02" else s
        for s in data.sources
    ]
    return dataclasses.replace(data, sources=sources)


def field_relabelled(data: Dataset) -> Dataset:
    fields_ = [
        dataclasses.replace(f, label={**f.label, "en": "Quantum science"})
        if f.id == "quantum"
        else f
        for f in data.fields
    ]
    return dataclasses.replace(data, fields=fields_)


def moved_and_reordered(data: Dataset) -> Dataset:
    """NIST in another country and every agreement in the reverse order: edits that reach
    many pages through their inputs (tests/test_site_inputs.py) and every record's place."""
    agencies = [
        dataclasses.replace(a, country="JP") if a.id == "NIST" else a for a in data.agencies
    ]
    return dataclasses.replace(data, agencies=agencies, agreements=list(reversed(data.agreements)))


@pytest.mark.parametrize(
    "change",
    [inserted, removed, agency_renamed, source_retitled, field_relabelled, moved_and_reordered],
)
def test_a_rebuild_after_a_change_is_the_site_a_fresh_build_writes(
    dataset: Dataset, tmp_path: Path, change: Callable[[Dataset], Dataset]
) -> None:
    """What the content keys promise: reusing unchanged files never leaves a stale one."""
    build_site(Index(dataset), tmp_path / "again")
    changed = change(dataset)
    report = build_site(Index(changed), tmp_path / "again")
    build_site(Index(changed), tmp_path / "fresh")
    again = {p.relative_to(tmp_path / "again"): p for p in (tmp_path / "again").rglob("*")}
    fresh = {p.relative_to(tmp_path / "fresh"): p for p in (tmp_path / "fresh").rglob("*")}
    assert again.keys() == fresh.keys()
    for path, file in fresh.items():
        if file.is_file():
            assert again[path].read_bytes() == file.read_bytes(), path
    assert 0 < report.written < report.files  # some files were reused, some made anew


# --- long lists ----------------------------------------------------------------------------


def many(dataset: Dataset, count: int) -> Dataset:
    """The bundled data plus ``count`` copies of the KATS-NIST MOU over four years."""
    original = next(a for a in dataset.agreements if a.id == "kats-nist-mou-2024")
    copies = [
        dataclasses.replace(
            original,
            id=f"copy-{i}",
            date=DateSpan.parse(f"{2020 + i % 4}-05-01"),
            history=[],
            event=None,
        )
        for i in range(count)
    ]
    return dataclasses.replace(dataset, agreements=[*dataset.agreements, *copies])


def test_a_long_list_gets_a_page_per_year(dataset: Dataset, tmp_path: Path) -> None:
    data = many(dataset, LISTED + 20)
    build_site(Index(data), tmp_path / "site", langs=("en",))
    html = page(tmp_path / "site", "country-pair/KR-US/index.html")
    assert 'href="../../country-pair/KR-US/2021/index.html"' in html
    assert "agreement/copy-1/" not in html  # listed on the year page, not here
    year = page(tmp_path / "site", "country-pair/KR-US/2021/index.html")
    assert 'href="../../../agreement/copy-1/index.html"' in year  # 2020 + 1 % 4
    assert "agreement/copy-0/" not in year  # 2020
    assert 'href="../../../country-pair/KR-US/index.html"' in year  # up
    # the JP-KR pair is short: still listed on its page
    assert 'href="../../agreement/kriss-aist-mou-2024/index.html"' in page(
        tmp_path / "site", "country-pair/JP-KR/index.html"
    )


def test_workers_draw_the_same_site_as_one_process(dataset: Dataset, tmp_path: Path) -> None:
    index = Index(dataset)
    build_site(index, tmp_path / "one", parallel=False)
    build_site(index, tmp_path / "two", parallel=True)
    one = json.loads((tmp_path / "one" / MANIFEST).read_text(encoding="utf-8"))
    two = json.loads((tmp_path / "two" / MANIFEST).read_text(encoding="utf-8"))
    assert one == two
    for path in ("agency/KRISS/index.html", "ko/index.html", "search/ko/manifest.js"):
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


def test_a_base_url_gives_canonical_links_and_a_sitemap(index: Index, tmp_path: Path) -> None:
    build_site(index, tmp_path / "site", base_url="https://example.org/coop/")
    html = page(tmp_path / "site", "ko/agency/KRISS/index.html")
    assert '<link rel="canonical" href="https://example.org/coop/ko/agency/KRISS/">' in html
    sitemap = page(tmp_path / "site", "sitemap.xml")
    assert "<loc>https://example.org/coop/agency/KRISS/</loc>" in sitemap
    assert "<loc>https://example.org/coop/ko/</loc>" in sitemap


# --- all or nothing ------------------------------------------------------------------------


def test_a_failure_mid_build_leaves_the_previous_site_and_no_scraps(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    build_site(index, target)
    before = (target / MANIFEST).read_bytes()
    kriss = (target / "agency/KRISS/index.html").stat().st_ino
    from coopgraph.site.render import Renderer

    drawn = 0
    real = Renderer.render

    def failing(self: Renderer, *args: object) -> bytes:
        nonlocal drawn
        drawn += 1
        if drawn == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "render", failing)
    changed = hostile(index.dataset)  # its pages and those listing it are drawn again
    with pytest.raises(OSError, match="No space left"):
        build_site(Index(changed), target, parallel=False)
    assert (target / MANIFEST).read_bytes() == before
    assert (target / "agency/KRISS/index.html").stat().st_ino == kriss
    assert beside(tmp_path) == ["site"]


def test_a_worker_that_dies_leaves_the_previous_site(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coopgraph.site.build as build

    target = tmp_path / "site"
    build_site(Index(dataset), target)
    before = (target / MANIFEST).read_bytes()
    real = build._language

    def dying(job: object, part: object, lang: str) -> object:
        if lang == "ko":
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return real(job, part, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_language", dying)  # the workers are forked after this
    with pytest.raises(CoopgraphError, match="a worker of the site build stopped"):
        build_site(Index(hostile(dataset)), target, parallel=True)
    assert (target / MANIFEST).read_bytes() == before
    assert beside(tmp_path) == ["site"]


def beside(folder: Path) -> list[str]:
    """What a folder holds but the sites' lock files (which stay, empty, by design)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_a_build_cleans_up_after_a_killed_one_and_refuses_to_run_twice_at_once(
    index: Index, tmp_path: Path
) -> None:
    import fcntl

    (tmp_path / ".site.k2j3h4").mkdir()  # the staging folder of a build that was killed
    (tmp_path / ".site.k2j3h4" / ".coopgraph-build").touch()  # the mark a build leaves
    (tmp_path / ".site.k2j3h4" / "index.html").write_text("half", encoding="utf-8")
    build_site(index, tmp_path / "site")
    assert beside(tmp_path) == ["site"]
    with (tmp_path / ".site.lock").open("ab") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a build running in another process does
        with pytest.raises(UsageError, match="another coopgraph site is writing it"):
            build_site(index, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").exists()


# --- the command ---------------------------------------------------------------------------


def test_the_command_writes_the_site_and_says_so(run: Callable, tmp_path: Path) -> None:
    outcome = run("site", "-o", tmp_path / "site", "--lang", "ko")
    assert outcome.code == 0, outcome.err
    assert outcome.out == ""
    assert re.search(r"wrote .*site: \d+ pages in ko, [\d,]+ files", outcome.err)
    assert h1(page(tmp_path / "site", "agency/KRISS/index.html")) == "한국표준과학연구원 KRISS"
    assert not (tmp_path / "site" / "ko").exists()


def test_a_folder_with_other_files_is_refused_unless_forced(run: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    outcome = run("site", "-o", folder)
    assert outcome.code == 2
    assert "is not empty and is not a site coopgraph wrote" in outcome.err
    assert "Traceback" not in outcome.err
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    assert beside(tmp_path) == ["notes"]  # no staging left
    forced = run("site", "-o", folder, "--force")
    assert forced.code == 0, forced.err
    assert not (folder / "mine.txt").exists()
    assert (folder / "index.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "not a path"], "--base-url: 'not a path' is not a URL path"),
        (["--base-url", "../up/"], "is not a URL path"),
        (["--lang", "fr"], "--lang: fr is not one of en, ko"),
    ],
    ids=["base-url-words", "base-url-dots", "lang"],
)
def test_bad_options_are_refused_before_any_work(
    run: Callable, tmp_path: Path, args: list[str], message: str
) -> None:
    outcome = run("site", "-o", tmp_path / "site", *args)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.err
    assert beside(tmp_path) == []


def test_a_place_that_cannot_hold_a_folder_is_refused(run: Callable, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    outcome = run("site", "-o", blocker)
    assert outcome.code == 2
    assert "exists and is not a folder" in outcome.err
    inside = run("site", "-o", blocker / "site")
    assert inside.code == 2
    assert "cannot write the site there" in inside.err
    assert "Traceback" not in inside.err + outcome.err


def test_a_folder_holding_the_data_is_refused(run: Callable, tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "data" / "agreements.yaml", tmp_path / "data.yaml")
    (tmp_path / MANIFEST).write_text('{"format": "coopgraph-site/1", "files": {}}', "utf-8")
    outcome = run("site", "--data", tmp_path / "data.yaml", "-o", tmp_path, "--force")
    assert outcome.code == 2
    assert "the site replaces the whole folder" in outcome.err
    assert (tmp_path / "data.yaml").exists()


def test_the_library_never_replaces_the_folder_it_is_run_from(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(index, tmp_path / "site", langs=("en",))
    monkeypatch.chdir(tmp_path / "site" / "agency")  # a user looking at the pages
    with pytest.raises(UsageError, match="the site replaces the whole folder"):
        build_site(index, tmp_path / "site", langs=("en",), force=True)
    assert (tmp_path / "site" / "agency" / "KRISS" / "index.html").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_command_as_a_process_ends_with_its_summary_and_the_site_in_place(
    tmp_path: Path,
) -> None:
    """The process ends without the interpreter's teardown (``end_without_teardown``):
    what it printed must still be there, flushed, and its exit code 0."""
    env = {**os.environ, "COOPGRAPH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "coopgraph", "site", "-o", str(tmp_path / "site"), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.startswith(f"wrote {tmp_path / 'site'}: ")
    assert done.stderr.endswith("\n") and len(done.stderr.splitlines()) == 1
    assert (tmp_path / "site" / "agency" / "KRISS" / "index.html").is_file()
    assert not [p for p in tmp_path.glob(".site*") if p.is_dir()]  # no staging folder left


def test_the_replaced_site_is_removed_in_the_background(tmp_path: Path) -> None:
    """The command leaves the old site to a process of its own (the user does not wait for
    70,000 files to go); it goes all the same, and the new site is whole meanwhile."""
    env = {**os.environ, "COOPGRAPH_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "coopgraph", "site", "-o", str(tmp_path / "site")]
    for _ in range(2):
        done = subprocess.run([*command, "--lang", "en"], capture_output=True, text=True,
                              env=env, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "agency" / "KRISS" / "index.html").is_file()
    deadline = time.monotonic() + 60  # a bound on waiting, not a speed being measured
    while [p for p in tmp_path.glob(".site.old.*")] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not list(tmp_path.glob(".site.old.*"))


def test_serve_previews_the_site_on_loopback_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "COOPGRAPH_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "coopgraph", "site", "-o", str(tmp_path / "site")]
    server = subprocess.Popen(
        [*command, "--serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        address = server.stdout.readline().strip()
        assert address == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(address + "agency/KRISS/", timeout=10) as response:
            assert "Korea Research Institute of Standards and Science" in response.read().decode()
        with urllib.request.urlopen(address + "agency/KRISS/index.ttl", timeout=10) as response:
            assert response.headers["Content-Type"].startswith("text/turtle")
        second = [sys.executable, "-m", "coopgraph", "site", "-o", str(tmp_path / "other")]
        busy = subprocess.run(
            [*second, "--serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert busy.returncode == 2
        assert f"cannot serve on 127.0.0.1:{port}" in busy.stderr
        assert "Traceback" not in busy.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")
    with socket.socket() as probe:  # stopped cleanly: nothing listens on the port any more
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
        probe.bind(("127.0.0.1", port))
