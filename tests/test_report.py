"""``coopgraph report``: one offline page whose every number opens the agreements it counts.

Opened in the real headless Chromium the other view tests use (Debian's, through
Playwright): no console error, no request but the file itself, charts drawn, a click on a
number or a bar shows its agreements, Korean drawn with a CJK font. Expected answers are
worked out by hand from ``data/agreements.yaml``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from coopgraph.analytics.charts import Bar, draw_bars
from coopgraph.analytics.report import (
    agreements_by_year,
    build_report,
    render_html,
    render_report,
    row_evidence,
)
from coopgraph.errors import CoopgraphError, UsageError
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.render import Table
from coopgraph.viz.browser import CHROMIUM, launch

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def need_chromium() -> None:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium (Debian chromium) is not installed on CI")
        pytest.skip("chromium (Debian chromium) is not installed")


def need_cjk_font() -> None:
    fonts = subprocess.run(
        ["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False
    ).stdout
    if "Noto Sans CJK" not in fonts:
        if os.environ.get("CI"):
            pytest.fail("no CJK font (Debian fonts-noto-cjk) on CI: Korean would be tofu")
        pytest.skip("no CJK font (Debian fonts-noto-cjk)")


# --- the library: what each section counts -----------------------------------------------------


def years(result) -> dict[int, list[str]]:
    return {row.year: row.agreements for row in result.years}


def test_agreements_by_year(index: Index) -> None:
    found = years(agreements_by_year(index))
    assert {year: len(ids) for year, ids in found.items()} == {
        1994: 1, 2000: 1, 2017: 1, 2022: 1, 2023: 11, 2024: 11,
    }  # fmt: skip
    assert found[2022] == ["kiat-nist-loi-2022"]
    assert found[2017] == ["kiat-uk-matching-fund-programme-2017"]  # planned counts too
    # undated: counted in the year of their (latest) source, the 2023-12-09 and 2024-08-02 news
    assert "pnnl-rist-ess-partnership" in found[2023]
    assert "motie-doc-supply-chain-industry-dialogue" in found[2023]
    assert "aist-nist-cooperation" in found[2024]


def test_agreements_by_year_as_of_and_window(index: Index) -> None:
    import datetime as dt

    in_place = years(agreements_by_year(index, as_of=dt.date(2023, 6, 1)))
    # signed before mid-2023; the 2017 matching fund was only planned
    assert in_place == {
        1994: ["kriss-nist-mou-1994"],
        2000: ["nist-kats-mou-2000"],
        2022: ["kiat-nist-loi-2022"],
    }
    window = years(agreements_by_year(index, since="2023-12", until="2023-12"))
    assert set(window) == {2023}
    assert "kr-us-jp-quantum-cooperation-proposal" not in window[2023]  # November 2023
    assert "kr-us-cet-dialogue" in window[2023]  # 8-9 December 2023


@dataclass(frozen=True)
class _Listed:
    """A result whose table lists each row's agreements in a column."""

    def table(self) -> Table:
        return Table(["pair", "n", "agreements"], [["KR-US", 2, ["a1", "a2"]], ["JP-KR", 0, []]])

    def to_data(self) -> Any:
        return {}


@dataclass(frozen=True)
class _Nested:
    """A result whose ``to_data()`` rows carry the ids, as analytics results do."""

    def table(self) -> Table:
        return Table(["field", "year", "events"], [["quantum", 2024, 1]])

    def to_data(self) -> Any:
        return {"kind": "events", "years": [2024], "rows": [{"events": ["e1"], "agreements": []}]}


@dataclass(frozen=True)
class _Bare:
    def table(self) -> Table:
        return Table(["n"], [[3]])

    def to_data(self) -> Any:
        return {"rows": [{"n": 3}]}


def test_each_row_leads_to_its_records() -> None:
    assert row_evidence(_Listed()) == [(("a1", "a2"), ()), ((), ())]
    assert row_evidence(_Nested()) == [((), ("e1",))]
    with pytest.raises(CoopgraphError, match="carries no agreement ids"):
        row_evidence(_Bare())  # a number that leads nowhere cannot be in the report


def test_dates_are_checked(index: Index) -> None:
    with pytest.raises(UsageError, match="--as-of"):
        build_report(index, as_of="2024-13")
    with pytest.raises(UsageError, match="before --since"):
        build_report(index, since="2024", until="2023")


# --- the page as text -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_html() -> str:
    return render_html(build_report(Index(load_dataset()), since="1994"))


def test_the_page_needs_nothing_else(page_html: str) -> None:
    assert "default-src 'none'" in page_html
    assert "<script" not in page_html  # clicking works by anchors alone
    assert not re.search(r"\ssrc\s*=", page_html)  # no image, frame or script to load
    assert not re.search(r"<link\b", page_html)
    # the only other addresses are the sources', as links to follow, never loaded
    import html

    sources = {s.url for s in load_dataset().sources if s.url}
    addresses = {html.unescape(a) for a in re.findall(r"""href\s*=\s*["']([^"']*)""", page_html)}
    assert {a for a in addresses if not a.startswith("#")} <= sources


def test_every_number_links_to_a_list_on_the_page(page_html: str) -> None:
    anchors = set(re.findall(r'\sid="([^"]+)"', page_html))
    numbers = re.findall(r'<td class="number"><a href="#([^"]+)">', page_html)
    bars = re.findall(r'<a xlink:href="#([^"]+)"', page_html)
    assert len(numbers) > 20 and len(bars) > 10
    assert set(numbers) | set(bars) <= anchors
    listed = re.findall(r'<li><a href="#((?:agreement|event)-[^"]+)"', page_html)
    assert set(listed) <= anchors  # and every list entry has its entry below
    # a number without a link is a zero (nothing to list) or not a count (a year)
    unlinked = re.findall(r'<td class="number">([^<]*)</td>', page_html)
    assert set(unlinked) <= {"0"}


def test_the_same_data_gives_the_same_page(index: Index, page_html: str) -> None:
    assert render_html(build_report(index, since="1994")) == page_html


def test_sections_agree_with_the_analytics(index: Index) -> None:
    from coopgraph.analytics.trends import trends

    report = build_report(index)
    pairs = next(s for s in report.sections if s.key == "pairs")
    expected = trends(index, by="country-pair", kind="agreements").table()
    assert [[c.text for c in row] for row in pairs.rows] == [
        [str(v) for v in row[:3]] for row in expected.rows
    ]
    # KR-US in 2023, by hand: the two standing dialogues and the PNNL-RIST partnership,
    # active from December 2023 (the last two undated, known from the 2023-12-09 article)
    row = next(r for r in pairs.rows if [c.text for c in r[:2]] == ["KR-US", "2023"])
    listed = next(e for e in pairs.evidence if e.anchor == row[2].link)
    assert row[2].text == "3"
    assert set(listed.agreements) == {
        "kr-us-cet-dialogue",
        "motie-doc-supply-chain-industry-dialogue",
        "pnnl-rist-ess-partnership",
    }
    assert [s.key for s in report.sections] == [
        "by-year", "pairs", "fields", "event-pairs", "brokers", "opportunities", "trilaterals",
    ]  # fmt: skip
    with_since = build_report(index, since="2024-06")
    assert with_since.sections[-1].key == "changes"  # what changed needs a start


def test_the_seed_trilateral_and_its_agreements(index: Index) -> None:
    """The 2024 article on KRISS and AIST says KRISS-AIST-NIST is one agreement away."""
    section = next(s for s in build_report(index).sections if s.key == "trilaterals")
    row = next(r for r in section.rows if r[1].text == "AIST - KRISS - NIST")
    assert row[0].number and row[0].link  # its rank opens the agreements of its three sides
    listed = next(e for e in section.evidence if e.anchor == row[0].link)
    assert {"kriss-aist-mou-2024", "kriss-nist-quantum-mou-2024", "aist-nist-cooperation"} <= set(
        listed.agreements
    )
    assert "kiat-nist-loi-2022" not in listed.agreements  # KIAT is no side of it


def test_no_tie_across_a_border_is_said_not_failed() -> None:
    from builders import agency, agreement, dataset_dict
    from coopgraph.models import validate_dataset

    data = dataset_dict(
        [agency("A1", country="KR"), agency("A2", country="KR")],
        [agreement("a-1", "A1", "A2", date="2024-01-02")],
    )
    report = build_report(Index(validate_dataset(data)))
    brokers = next(s for s in report.sections if s.key == "brokers")
    assert brokers.rows == () and brokers.chart is None
    assert any("countr" in note for note in brokers.notes), brokers.notes
    by_year = report.sections[0]
    assert [[c.text for c in row] for row in by_year.rows] == [["2024", "1"]]


def test_names_are_never_markup(tmp_path: Path) -> None:
    """Titles and names that spell HTML stay text; chart labels stay text in the SVG."""
    from builders import agency, agreement, dataset_dict
    from coopgraph.models import validate_dataset

    hostile = "</svg></style><script>document.title='owned'</script><b>x</b>"
    data = dataset_dict(
        [agency("HOME", country="KR"), agency("AWAY", names=[{"text": hostile, "lang": "en"}])],
        [agreement("a-1", "HOME", "AWAY", date="2024-01-02", title={"en": hostile, "ko": hostile})],
    )
    page = render_html(build_report(Index(validate_dataset(data))))
    assert "<script" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;" in page
    svg = draw_bars([Bar(hostile, None, 2, "#x")], ranking=True, y_label="n", other_label="o")
    root = ElementTree.fromstring(svg)  # well-formed: the name did not close anything
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert hostile in texts
    links = [
        a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter() if a.tag.endswith("}a")
    ]
    assert links == ["#x"]  # and it stays in the page: no target="_blank", no base URL
    assert "_blank" not in svg


# --- the page in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


class Opened:
    """A report opened from its file, with what the browser reported while loading it."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")

    def visible(self, selector: str) -> bool:
        return self.page.locator(selector).first.is_visible()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(render_report(build_report(Index(load_dataset()), since="1994"), "html"))
    return path


@pytest.fixture
def opened(browser, report_file: Path):
    page = Opened(browser, report_file)
    yield page
    page.page.close()


def test_opens_offline_without_errors(opened: Opened, report_file: Path) -> None:
    assert opened.errors == []
    assert opened.requests == [report_file.as_uri()]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / "report.png"))


def test_charts_are_drawn(opened: Opened) -> None:
    from PIL import Image

    charts = opened.page.locator("svg.chart")
    # by year, pairs, fields, events, brokers, pairs to be, what changed (trilaterals: a table)
    assert charts.count() == 7
    # the by-year chart: one linked bar for each of the six years with agreements
    assert opened.page.locator("#by-year svg.chart a").count() == 6
    shot = Image.open(io.BytesIO(charts.first.screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 2  # not a blank box
    bar_blue = (0x1F, 0x77, 0xB4)
    assert sum(n for n, rgb in colours if rgb == bar_blue) > 200  # the bars are painted


def test_a_click_on_a_number_shows_its_agreements(opened: Opened) -> None:
    row = opened.page.locator("#by-year tr", has_text="2022")
    link = row.locator("a")
    target = link.get_attribute("href")
    assert target and not opened.visible(target)  # hidden until asked for
    link.click()
    assert opened.visible(target)
    shown = opened.page.locator(target).inner_text()
    assert "KIAT-NIST letter of intent on joint R&D" in shown and "kiat-nist-loi-2022" in shown
    assert "First KRISS-NIST MOU" not in shown
    # then the agreement itself: titles, parties, status and the quoted sentence with its source
    opened.page.locator(target).get_by_role("link", name="KIAT-NIST letter of intent").click()
    entry = opened.page.locator("#agreement-kiat-nist-loi-2022")
    assert opened.page.evaluate("() => location.hash") == "#agreement-kiat-nist-loi-2022"
    text = entry.inner_text()
    assert "KIAT-NIST 협력의향서" in text  # the Korean title beside the English one
    assert "KIAT — Korea Institute for Advancement of Technology (KR)" in text
    assert "2022-12-07" in text and "signed" in text
    assert "협력의향서(LOI)를 체결했다" in text  # the quote


def test_a_click_on_a_bar_shows_its_agreements(opened: Opened) -> None:
    first_bar = opened.page.locator("#by-year svg.chart a").first  # 1994
    target = first_bar.get_attribute("xlink:href") or first_bar.get_attribute("href")
    assert target
    assert not opened.visible(target)
    first_bar.click()
    assert opened.visible(target)
    assert "First KRISS-NIST MOU" in opened.page.locator(target).inner_text()


def test_korean_is_drawn_with_a_cjk_font(browser, tmp_path: Path) -> None:
    need_cjk_font()
    path = tmp_path / "ko.html"
    path.write_bytes(render_report(build_report(Index(load_dataset()), lang="ko"), "html"))
    opened = Opened(browser, path)
    assert opened.errors == []
    assert opened.page.locator("h1").inner_text() == "협력 보고서"
    # which fonts Chromium drew the heading's glyphs with (DevTools protocol): a CJK font,
    # not a fallback box
    session = opened.page.context.new_cdp_session(opened.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    heading = session.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    drawn = {f["familyName"]: f["glyphCount"] for f in fonts}
    assert any("CJK" in name and count >= 5 for name, count in drawn.items()), drawn
    # the chart's axis title, Korean too, is text in the SVG drawn by the page's fonts
    assert opened.page.locator("#by-year svg.chart text", has_text="협정").count() >= 1
    opened.page.close()


# --- PDF and PNG, and the command ----------------------------------------------------------------


def coopgraph(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command as a process: Playwright's sync API cannot start inside the browser
    fixture's running loop, and a user runs it so anyway."""
    return subprocess.run(
        [sys.executable, "-m", "coopgraph", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_pdf_and_png(tmp_path: Path) -> None:
    need_chromium()
    from PIL import Image

    pdf, png = tmp_path / "report.pdf", tmp_path / "report.png"
    for args in (["-o", pdf, "--lang", "ko"], ["-o", png]):
        done = coopgraph("report", *args)
        assert done.returncode == 0, done.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert b"NotoSansCJK" in content  # Korean embedded in a CJK font
    assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 2
    # every list is printed, so the agreements' own entries are reachable as in-file links
    assert b"/Dest" in content or b"/GoTo" in content
    image = Image.open(png)
    assert image.format == "PNG" and image.width >= 1000 and image.height > 3000
    small = image.convert("L").resize((50, 400))
    low, high = small.getextrema()
    assert high - low > 100  # text and bars on a white page


def test_the_command_writes_what_the_library_makes(run, index: Index, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run("report", "-o", target, "--since", "2024", "--lang", "ko").code == 0
    expected = render_report(build_report(index, since="2024", lang="ko"), "html")
    assert target.read_bytes() == expected


def test_event_counts_read_as_events(page_html: str) -> None:
    # KR-US events in 2024, by the events' own dates: a list of events, not "0 agreements"
    assert re.search(r"<h3>KR-US · 2024: [0-9]+ event\(s\)</h3>", page_html)
    assert not re.search(r"\D0 agreement\(s\)", page_html)
    assert "None" not in page_html  # a chart's merged bar is named by its category alone


def test_writes_html_to_the_file_named(run, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    outcome = run("report", "-o", target, "--as-of", "2023-06-01")
    assert outcome.code == 0 and f"wrote {target}" in outcome.err and outcome.out == ""
    page = target.read_text(encoding="utf-8")
    assert "As of 2023-06-01" in page
    assert 'id="agreement-kiat-nist-loi-2022"' in page  # in place by then
    assert 'id="agreement-kats-nist-mou-2024"' not in page  # signed in 2024


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/missing/r.html"], "the directory {tmp}/missing does not exist"),
        (["-o", "{tmp}"], "it is a directory"),
        (["-o", "{tmp}/"], "it names a directory"),
        (["-o", "{tmp}/r.html", "--format", "svg"], "'svg' is not one of html, pdf, png"),
        (["-o", "{tmp}/r.png", "--format", "pdf"], "pdf does not match the name"),
        (["-o", "{tmp}/r.html", "--as-of", "2024-13"], "--as-of"),
        (["-o", "{tmp}/r.html", "--lang", "fr"], "'fr' is not one of en, ko"),
        (["-o", "{tmp}/r.html", "--listed", "0"], "--listed"),
    ],
    ids=[
        "no-dir",
        "dir",
        "dir-slash",
        "format",
        "contradiction",
        "bad-date",
        "lang",
        "listed",
    ],
)
def test_bad_input(run, tmp_path: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    outcome = run("report", *[a.format(tmp=tmp_path) for a in args])
    assert outcome.code == 2, outcome.err
    assert message.format(tmp=tmp_path) in outcome.err
    assert "Traceback" not in outcome.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, no temp file


def test_without_a_file_the_page_goes_to_stdout_but_not_to_a_terminal(run, monkeypatch) -> None:
    piped = run("report", "--since", "2024-06")
    assert piped.code == 0 and piped.out.startswith("<!DOCTYPE html>")
    assert "What changed since 2024-06" in piped.out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    outcome = run("report")
    assert outcome.code == 2 and "give the file to write with -o" in outcome.err


def test_a_failure_while_drawing_leaves_no_file(run, tmp_path: Path, monkeypatch) -> None:
    import coopgraph.analytics.report as report

    def broken(*_args: object, **_kw: object) -> bytes:
        raise CoopgraphError("Chromium could not draw the page: gone")

    monkeypatch.setattr(report, "render_report", broken)
    outcome = run("report", "-o", tmp_path / "r.pdf")
    assert outcome.code == 1 and "could not draw" in outcome.err
    assert list(tmp_path.iterdir()) == []


def test_long_lists_are_cut_with_the_command_for_all(index: Index) -> None:
    """At any size a page stays readable: a number lists its first records and says how
    to get them all; its count stays the whole count."""
    built = build_report(index, rows=3, listed=2)
    by_year = built.sections[0]
    assert [[c.text for c in row] for row in by_year.rows] == [
        ["1994", "1"], ["2000", "1"], ["2017", "1"],
    ]  # fmt: skip
    listed = next(e for e in by_year.evidence if e.label == "2023")  # a bar still opens it
    assert listed.counts == (11, 0) and len(listed.agreements) == 2 and listed.cut
    page = render_html(built)
    assert "2023: 11 agreement(s)" in page
    assert "The first 2 are listed; coopgraph agreements --format csv gives them all." in page
    assert "The first 3 of 6 rows" in page
