"""One page an analyst can hand on: charts and tables whose every number opens its agreements.

``coopgraph report -o report.html`` writes a single HTML file that needs nothing else: the
charts are inline SVG (drawn by matplotlib, see :mod:`coopgraph.analytics.charts` for why
not Altair), the styles are inline, and there is no script at all. Its
Content-Security-Policy (``default-src 'none'``) forbids every request, so the page opens
from a file, a mail attachment or a USB stick and never reaches the network.

Every number is a link. A number in a table opens the list of the agreements (and events)
its row counts; a bar in a chart opens the list of the agreements it stands for; each
entry of such a list links to the agreement's own entry at the end of the page, with its
title in English and Korean, parties, date, status, and the quoted sentences with the
title and address of their source. Lists open with CSS's ``:target`` (an in-page anchor),
so clicking works with scripts forbidden; in a PDF or a PNG every list is shown.

Sections are generic. A section is any result with ``table()`` and ``to_data()`` (the
protocol of :mod:`coopgraph.render`) whose rows carry the ids of the agreements (and
events) behind them, plus a :class:`~coopgraph.analytics.charts.ChartSpec` naming the
columns to draw. Adding a question to the report is one :class:`Section` in
:func:`sections_for`.

``--format pdf`` and ``png`` open the page in the headless Chromium the project already
drives (:mod:`coopgraph.viz.browser`, Debian's ``chromium`` through Playwright) and print
it or take a full-page screenshot. Korean needs a CJK font on the machine (Debian's
``fonts-noto-cjk``, which ``.ci/run`` installs); the page asks for Noto Sans CJK first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from coopgraph.analytics.charts import Bar, ChartSpec, draw_bars, font_families
from coopgraph.analytics.timing import dated_by, placed_date
from coopgraph.errors import CoopgraphError, UsageError
from coopgraph.filters import Filter, parse_day, parse_partial
from coopgraph.index import Index
from coopgraph.models import Agreement, Event
from coopgraph.render import Renderable, Table
from coopgraph.views import display_name, party_label, source_refs, title_of

__all__ = [
    "REPORT_FORMATS",
    "AgreementsByYear",
    "ChartSpec",
    "Report",
    "Section",
    "agreements_by_year",
    "build_report",
    "render_html",
    "render_report",
    "sections_for",
]

ReportFormat = Literal["html", "pdf", "png"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("html", "pdf", "png")

#: The page's fixed words, by language; names and titles come from the data.
WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Cooperation report",
        "contents": "Contents",
        "made": "Made by coopgraph from",
        "records": "{agreements} agreements, {events} events, {agencies} agencies",
        "as_of": "As of",
        "window": "Dates from {since} to {until}",
        "any": "any",
        "how": "Every number is a link: click it to see the agreements it counts, then an "
        "agreement for its sources and the sentences they say it in.",
        "agreements_behind": "Agreements behind the numbers",
        "events_behind": "Events behind the numbers",
        "counts": "{label}: {n} agreement(s)",
        "counts_events": "{n} event(s)",
        "other": "other",
        "rows_shown": "The first {shown} of {total} rows; the full table: {command}.",
        "type": "Type",
        "parties": "Parties",
        "date": "Date",
        "status": "Status",
        "fields": "Fields",
        "sources": "Sources",
        "undated": "no date",
        "dated_by_sources": "undated; counted from its sources, published {date}",
        "organisers": "Organisers",
        "participants": "Participants",
        "by_year": "Agreements by year",
        "by_year_intro": "Agreements counted in the year they were signed or first "
        "announced; an agreement the sources leave undated counts in the year its latest "
        "source was published.",
        "by_year_left_out": "{n} agreement(s) with no date and no dated source are not counted.",
        "year": "year",
        "agreements": "agreements",
        "no_rows": "Nothing to show for these dates.",
        "listed_first": "The first {shown} are listed; {command} gives them all.",
        "pairs": "Signed agreements by country pair and year",
        "pairs_intro": "Which countries cooperate, and how that grew year by year.",
        "field_trend": "Signed agreements by field and year",
        "field_trend_intro": "Which technology fields agreements are about, year by year.",
        "event_trend": "Events by country pair and year",
        "event_trend_intro": "Meetings, forums and dialogue rounds that brought two "
        "countries together, year by year.",
        "changes": "What changed since {since}",
        "changes_intro": "Agreements signed, planned, renewed or ended, new agencies and new "
        "country pairs in the window, with their dates and sources.",
        "changes_axis": "changes",
        "brokers": "Brokers: agencies that bridge countries",
        "brokers_intro": "Agencies on the paths between partners of different countries that "
        "have no tie of their own (betweenness on the agency network, Burt's constraint and "
        "effective size), with the country pairs each bridges.",
        "pairs_open": "Opportunities: pairs one partner apart",
        "pairs_open_intro": "Agencies of different countries with no tie yet but partners in "
        "common (open triads), ranked by a link-prediction score.",
        "trilaterals": "Opportunities: trilaterals one agreement away",
        "trilaterals_intro": "Three agencies of three countries linked pairwise that share no "
        "agreement or event of their own.",
    },
    "ko": {
        "title": "협력 보고서",
        "contents": "목차",
        "made": "coopgraph가 만든 보고서:",
        "records": "협정 {agreements}건, 행사 {events}건, 기관 {agencies}곳",
        "as_of": "기준일",
        "window": "기간 {since} ~ {until}",
        "any": "전체",
        "how": "모든 숫자는 링크입니다. 누르면 그 숫자가 센 협정이 보이고, 협정을 누르면 "
        "출처와 인용문이 보입니다.",
        "agreements_behind": "숫자 뒤의 협정",
        "events_behind": "숫자 뒤의 행사",
        "counts": "{label}: 협정 {n}건",
        "counts_events": "행사 {n}건",
        "other": "기타",
        "rows_shown": "전체 {total}행 중 처음 {shown}행; 전체 표: {command}.",
        "type": "유형",
        "parties": "당사자",
        "date": "날짜",
        "status": "상태",
        "fields": "분야",
        "sources": "출처",
        "undated": "날짜 없음",
        "dated_by_sources": "날짜 없음; 출처 게재일 {date} 기준",
        "organisers": "주최",
        "participants": "참가",
        "by_year": "연도별 협정",
        "by_year_intro": "협정은 체결되었거나 처음 발표된 해에 셉니다. 출처에 날짜가 없는 "
        "협정은 가장 늦은 출처의 게재 연도에 셉니다.",
        "by_year_left_out": "날짜도 날짜 있는 출처도 없는 협정 {n}건은 세지 않았습니다.",
        "year": "연도",
        "agreements": "협정",
        "no_rows": "이 기간에는 보일 것이 없습니다.",
        "listed_first": "처음 {shown}건만 보입니다. 전체: {command}.",
        "pairs": "국가 쌍별·연도별 체결 협정",
        "pairs_intro": "어느 나라들이 협력하는지, 해마다 어떻게 늘었는지.",
        "field_trend": "분야별·연도별 체결 협정",
        "field_trend_intro": "협정이 다루는 기술 분야, 연도별.",
        "event_trend": "국가 쌍별·연도별 행사",
        "event_trend_intro": "두 나라를 한자리에 모은 회의, 포럼, 대화, 연도별.",
        "changes": "{since} 이후 달라진 것",
        "changes_intro": "기간 중 체결·계획·갱신·종료된 협정, 새 기관, 새 국가 쌍과 그 날짜, 출처.",
        "changes_axis": "변화",
        "brokers": "중개 기관: 나라와 나라를 잇는 기관",
        "brokers_intro": "서로 연결되지 않은 여러 나라의 협력 기관 사이 경로에 있는 기관"
        "(기관 네트워크의 매개 중심성, Burt의 제약, 유효 크기)과 각 기관이 잇는 국가 쌍.",
        "pairs_open": "기회: 협력 기관 하나를 사이에 둔 쌍",
        "pairs_open_intro": "아직 연결되지 않았지만 공통 협력 기관이 있는 다른 나라 기관 쌍"
        "(열린 삼각형), 링크 예측 점수 순.",
        "trilaterals": "기회: 협정 하나면 되는 3자 협력",
        "trilaterals_intro": "서로 짝지어 연결되었지만 셋이 함께한 협정이나 행사는 없는 "
        "세 나라의 세 기관.",
    },
}

#: Agencies, pairs and triangles the network sections rank.
TOP = 20
#: Rows of a table shown in the page (by default); the caption gives the command for all.
MAX_ROWS = 100
#: Agreements (and events) listed behind one number (by default); the list gives the
#: command for all. With both limits a page stays readable and small at any size of data:
#: at 100,000 agreements an uncut page took 139 MB (80 s, 1.5 GB of memory to write), the
#: page with these limits 11 MB (5 s, 250 MB).
MAX_LISTED = 20


# --- what the report shows -------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One question in the report: a result, how to draw it, and what to say about it.

    ``result`` is any :class:`~coopgraph.render.Renderable` whose rows carry the ids of
    their agreements (see :func:`row_evidence`); ``command`` is the CLI command that prints
    the whole table, named in the caption when the page shows only its first rows.
    """

    key: str
    title: str
    result: Renderable
    intro: str = ""
    chart: ChartSpec | None = None
    command: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """The agreements and events behind one number, listed under an anchor of the page.

    ``agreements`` and ``events`` are the ones listed (by default at most
    :data:`MAX_LISTED` of each);
    ``counts`` how many there are in all.
    """

    anchor: str
    label: str
    agreements: tuple[str, ...]
    events: tuple[str, ...] = ()
    counts: tuple[int, int] = (0, 0)

    @classmethod
    def of(
        cls,
        anchor: str,
        label: str,
        agreements: Sequence[str],
        events: Sequence[str],
        limit: int = MAX_LISTED,
    ) -> Evidence:
        return cls(
            anchor,
            label,
            tuple(agreements[:limit]),
            tuple(events[:limit]),
            (len(agreements), len(events)),
        )

    @property
    def cut(self) -> bool:
        """Whether some records are not listed (see the section's command for all)."""
        return self.counts != (len(self.agreements), len(self.events))


@dataclass(frozen=True)
class Cell:
    text: str
    link: str | None = None  # the anchor of an :class:`Evidence` list
    number: bool = False


@dataclass(frozen=True)
class ShownSection:
    """A section as the template draws it: cells with their links, the chart, the lists."""

    key: str
    title: str
    intro: str
    notes: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str
    chart: str | None
    evidence: tuple[Evidence, ...]
    command: str = ""


@dataclass(frozen=True)
class Report:
    """Everything the page shows, ready for the template (see :func:`render_html`)."""

    lang: str
    summary: str
    conditions: tuple[str, ...]
    sections: tuple[ShownSection, ...]
    agreements: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    fonts: tuple[str, ...] = field(default_factory=tuple)


# --- a section from the core queries: agreements by year --------------------------------------


@dataclass(frozen=True)
class YearCount:
    year: int
    agreements: list[str]


@dataclass(frozen=True)
class AgreementsByYear:
    """Agreements per year, each year with the ids it counts (``undated``: left out)."""

    years: list[YearCount]
    undated: list[str]
    lang: str = "en"

    def table(self) -> Table:
        words = WORDS[self.lang]
        return Table(
            columns=[words["year"], words["agreements"]],
            rows=[[y.year, len(y.agreements)] for y in self.years],
            title=words["by_year"],
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "years": [{"year": y.year, "agreements": list(y.agreements)} for y in self.years],
            "undated": list(self.undated),
        }


def agreements_by_year(
    index: Index,
    *,
    as_of: dt.date | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str = "en",
) -> AgreementsByYear:
    """Agreements counted in the year :func:`~coopgraph.analytics.timing.placed_date` gives.

    ``as_of`` keeps those in place on that day (the listings' ``--as-of``); ``since`` and
    ``until`` keep those placed in the window. Years with none are not rows (the chart
    still shows them, as gaps on a continuous axis).
    """
    since_date = parse_partial(since, "--since") if since else None
    until_date = parse_partial(until, "--until") if until else None
    first = since_date.earliest().toordinal() if since_date else None
    last = until_date.latest().toordinal() if until_date else None
    in_place = None
    if as_of is not None:  # the listings' rule, record by record
        keeps = Filter(as_of=as_of)
        in_place = {a.id for a in index.agreements.values() if keeps.keeps_agreement(index, a)}
    years: dict[int, list[str]] = defaultdict(list)
    undated = []
    for agreement_id, year, earliest, latest in _placed(index):
        if in_place is not None and agreement_id not in in_place:
            continue
        if not year:
            if first is None and last is None:
                undated.append(agreement_id)
            continue
        if (first is not None and latest < first) or (last is not None and earliest > last):
            continue
        years[year].append(agreement_id)
    rows = [YearCount(year, sorted(ids)) for year, ids in sorted(years.items())]
    return AgreementsByYear(rows, sorted(undated), lang)


#: The name the store keeps every agreement's placed date under (see :func:`_placed`).
PLACED_MEMO = "report-placed-dates"


def _placed(index: Index) -> list[tuple[str, int, int, int]]:
    """``(id, year, first day, last day)`` of every agreement's placed date (days as
    ordinals; ``0`` when it is not placed), kept in the store: at 100,000 agreements
    reading the records for it takes seconds, reading this list a fraction of one."""

    def compute() -> list[tuple[str, int, int, int]]:
        # placing looks sources up for every record: in memory, not one query each
        local = index if type(index) is Index else Index(index.dataset)
        found = []
        for agreement in local.dataset.agreements:
            placed = placed_date(local, agreement)
            if placed is None:
                found.append((agreement.id, 0, 0, 0))
            else:
                date = placed[0]
                first, last = date.earliest().toordinal(), date.latest().toordinal()
                found.append((agreement.id, date.year, first, last))
        return found

    return index.memoized(PLACED_MEMO, compute)


# --- which sections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """What the report is asked: the options of ``coopgraph report``."""

    as_of: dt.date | None = None
    since: str | None = None
    until: str | None = None
    lang: str = "en"
    as_of_text: str | None = None  # as given, for the analytics' own checks and messages


@dataclass(frozen=True)
class Unanswered:
    """A section's question with no answer on this data (no tie crosses a border): the
    section says why instead of the report failing."""

    def table(self) -> Table:
        return Table([], [])

    def to_data(self) -> Any:
        return {}


def sections_for(index: Index, question: Question) -> list[Section]:
    """The sections of the report, in order. Each is one analytics call and a chart spec."""
    words = WORDS[question.lang]
    by_year = agreements_by_year(
        index,
        as_of=question.as_of,
        since=question.since,
        until=question.until,
        lang=question.lang,
    )
    notes = (words["by_year_left_out"].format(n=len(by_year.undated)),) if by_year.undated else ()
    sections = [
        Section(
            key="by-year",
            title=words["by_year"],
            intro=words["by_year_intro"],
            result=by_year,
            chart=ChartSpec(x=words["year"], y=words["agreements"]),
            command="coopgraph agreements --format csv",
            notes=notes,
        ),
    ]
    from coopgraph.analytics.trends import trends

    # trends count what happened up to a day: "as of" a day is "until" it
    until = question.until or (question.as_of.isoformat() if question.as_of else None)
    window = {"since": question.since, "until": until, "lang": question.lang}
    sections += [
        Section(
            key="pairs",
            title=words["pairs"],
            intro=words["pairs_intro"],
            result=trends(index, by="country-pair", kind="agreements", **window),
            chart=ChartSpec(x="year", y="agreements", series="country pair"),
            command="coopgraph trends --format csv",
        ),
        Section(
            key="fields",
            title=words["field_trend"],
            intro=words["field_trend_intro"],
            result=trends(index, by="field", kind="agreements", **window),
            chart=ChartSpec(x="year", y="agreements", series="field"),
            command="coopgraph trends --by field --format csv",
        ),
        Section(
            key="event-pairs",
            title=words["event_trend"],
            intro=words["event_trend_intro"],
            result=trends(index, by="country-pair", kind="events", **window),
            chart=ChartSpec(x="year", y="events", series="country pair"),
            command="coopgraph trends --kind events --format csv",
        ),
    ]
    from coopgraph.analytics.brokers import brokers
    from coopgraph.analytics.network import NoCrossCountryLinkError
    from coopgraph.analytics.opportunities import opportunities

    def network_section(key: str, compute: Callable[[], Renderable], **more: Any) -> Section:
        """A section on the agency network; on data with no tie across a border it says so."""
        try:
            return Section(key=key, result=compute(), **more)
        except NoCrossCountryLinkError as error:
            return Section(key=key, result=Unanswered(), **{**more, "chart": None},
                           notes=(str(error),))  # fmt: skip

    as_of = {"as_of": question.as_of_text}
    sections += [
        network_section(
            "brokers",
            lambda: brokers(index, top=TOP, lang=question.lang, **as_of),
            title=words["brokers"],
            intro=words["brokers_intro"],
            chart=ChartSpec(x="agency", y="betweenness", ranking=True, limit=TOP),
            command="coopgraph brokers --format json",
        ),
        network_section(
            "opportunities",
            lambda: opportunities(index, kind="pair", top=TOP, **as_of),
            title=words["pairs_open"],
            intro=words["pairs_open_intro"],
            chart=ChartSpec(x=("agency 1", "agency 2"), y="score", ranking=True, limit=TOP),
            command="coopgraph opportunities --format json",
        ),
        network_section(
            "trilaterals",
            lambda: opportunities(index, kind="trilateral", top=TOP, **as_of),
            title=words["trilaterals"],
            intro=words["trilaterals_intro"],
            command="coopgraph opportunities --kind trilateral --format json",
        ),
    ]
    if question.since:  # "what changed" needs a start
        from coopgraph.analytics.changes import diff

        sections.append(
            Section(
                key="changes",
                title=words["changes"].format(since=question.since),
                intro=words["changes_intro"],
                result=diff(index, since=question.since, until=question.until),
                chart=ChartSpec(x="change", y=None, axis=words["changes_axis"]),
                command=f"coopgraph diff --since {question.since} --format csv",
            )
        )
    return sections


# --- from results to what the page shows ------------------------------------------------------


def row_evidence(result: Renderable) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The agreement and event ids behind each row of ``result.table()``, in row order.

    Found, in this order: a table column named ``agreements`` (and ``events``) holding
    lists of ids; else the first list in ``result.to_data()`` (at its top or one level
    down) with one mapping per table row, each with an ``agreements`` list (and maybe
    ``events``). A result that carries neither cannot be in the report: every number must
    lead to its agreements.
    """
    table = result.table()
    if not table.rows:
        return []
    columns = list(table.columns)
    if "agreements" in columns and all(
        isinstance(row[columns.index("agreements")], list | tuple) for row in table.rows
    ):
        a = columns.index("agreements")
        e = columns.index("events") if "events" in columns else None
        return [
            (tuple(row[a]), tuple(row[e]) if e is not None and row[e] else ()) for row in table.rows
        ]
    for rows in _lists_in(result.to_data()):
        if len(rows) == len(table.rows) and all(
            isinstance(r, Mapping) and isinstance(r.get("agreements", []), list) for r in rows
        ):
            if rows and not any("agreements" in r or "events" in r for r in rows):
                continue
            return [(tuple(r.get("agreements") or ()), tuple(r.get("events") or ())) for r in rows]
    raise CoopgraphError(
        f"{type(result).__name__} carries no agreement ids per row; it cannot be in the report"
    )


def _lists_row_ids(
    rows: Sequence[Sequence[Any]],
    column: int,
    evidence: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
) -> bool:
    """Whether a column only lists ids of its row's own records (then the page shows them as
    the list behind the row's number, with titles, instead of as text)."""
    return bool(rows) and all(
        isinstance(row[column], list | tuple)
        and {str(v) for v in row[column]} <= {*agreements, *events}
        for row, (agreements, events) in zip(rows, evidence, strict=True)
    )


def _lists_in(data: Any) -> Iterable[list[Any]]:
    if isinstance(data, list):
        yield data
    elif isinstance(data, Mapping):
        for value in data.values():
            if isinstance(value, list):
                yield value
        for value in data.values():
            if isinstance(value, Mapping):
                yield from (v for v in value.values() if isinstance(v, list))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


#: A number written as text by a result's ``table()`` (``f"{score:.3f}"``).
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _is_number(value: Any) -> bool:
    if isinstance(value, str):
        return _NUMBER_TEXT.fullmatch(value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


def show_section(
    section: Section, lang: str, *, rows: int = MAX_ROWS, listed: int = MAX_LISTED
) -> ShownSection:
    """Cells with links, evidence lists and the chart of one section: the first ``rows`` rows
    of its table, and the first ``listed`` records behind each number."""
    words = WORDS[lang]
    table = section.result.table()
    evidence = row_evidence(section.result)
    keep = [
        i
        for i in range(len(table.columns))
        if not _lists_row_ids(table.rows, i, evidence)  # shown as the list behind the number
    ]
    categories = _names(section.chart.x) if section.chart else ()  # a year is a label
    numeric = [
        i
        for i in keep
        if table.columns[i] not in categories and any(_is_number(r[i]) for r in table.rows)
    ]
    labels = [i for i in keep if i not in numeric]

    lists: dict[int, Evidence] = {}

    def row_link(i: int) -> str | None:
        """The anchor of row ``i``'s list, made when a number or a bar first links to it."""
        agreements, events = evidence[i]
        if not agreements and not events:
            return None  # a zero counts nothing: no list to open
        if i not in lists:
            row = table.rows[i]
            label = " · ".join(_text(row[c]) for c in labels) or _text(row[keep[0]])
            lists[i] = Evidence.of(f"{section.key}-{i + 1}", label, agreements, events, listed)
        return lists[i].anchor

    shown_rows = []
    for number, row in enumerate(table.rows[:rows]):
        anchor = row_link(number)
        counted = any(i in numeric and _is_number(row[i]) for i in keep)
        cells = []
        for position, i in enumerate(keep):
            value = row[i]
            if i in numeric and _is_number(value):
                cells.append(Cell(_text(value), anchor, number=True))
            elif position == 0 and not counted:  # a row with no number: its first cell leads
                cells.append(Cell(_text(value), anchor))
            else:
                cells.append(Cell(_text(value)))
        shown_rows.append(tuple(cells))
    caption = table.caption or ""
    if len(table.rows) > rows:
        extra = words["rows_shown"].format(
            shown=rows, total=len(table.rows), command=section.command or "coopgraph"
        )
        caption = f"{caption} {extra}".strip()

    chart, more = None, []
    if section.chart is not None and table.rows:
        chart, more = _chart(section, table, evidence, row_link, words, listed)
    return ShownSection(
        key=section.key,
        title=section.title,
        intro=section.intro,
        notes=section.notes,
        columns=tuple(str(table.columns[i]) for i in keep),
        rows=tuple(shown_rows),
        caption=caption,
        chart=chart,
        evidence=(*(lists[i] for i in sorted(lists)), *more),
        command=section.command,
    )


def _chart(
    section: Section,
    table: Table,
    evidence: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    row_link: Callable[[int], str | None],
    words: Mapping[str, str],
    listed: int,
) -> tuple[str, list[Evidence]]:
    """The section's chart, and the lists its merged bars open (rows of "other" series)."""
    spec = section.chart
    assert spec is not None
    columns = list(table.columns)
    xs = [columns.index(c) for c in _names(spec.x)]
    y = columns.index(spec.y) if spec.y is not None else None

    def category_of(row: Sequence[Any]) -> Any:
        return row[xs[0]] if len(xs) == 1 else " – ".join(_text(row[c]) for c in xs)

    axis = spec.axis or spec.y or ""
    description = spec.title or section.title

    def value(i: int) -> float:
        return 1.0 if y is None else float(table.rows[i][y] or 0)

    if spec.ranking:
        ranked = sorted(
            (i for i, row in enumerate(table.rows) if y is None or _is_number(row[y])),
            key=lambda i: -value(i),
        )[: spec.limit]
        bars = [Bar(category_of(table.rows[i]), None, value(i), _link(row_link(i))) for i in ranked]
        svg = draw_bars(
            bars, ranking=True, y_label=axis, other_label=words["other"], description=description
        )
        return svg, []
    s = columns.index(spec.series) if spec.series else None
    totals: dict[Any, float] = defaultdict(float)
    for i, row in enumerate(table.rows):
        totals[None if s is None else _text(row[s])] += value(i)
    kept = sorted(totals, key=lambda k: (-totals[k], str(k)))[: spec.limit]
    other = words["other"]
    cells: dict[tuple[Any, Any], list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        name = None if s is None else _text(row[s])
        cells[(category_of(row), name if name in kept or s is None else other)].append(i)
    categories = [category_of(row) for row in table.rows]
    if categories and all(isinstance(c, int) and not isinstance(c, bool) for c in categories):
        categories = list(range(min(categories), max(categories) + 1))
    else:
        categories = sorted(set(categories), key=categories.index)
    more: list[Evidence] = []
    bars = []
    for name in [*kept, other] if s is not None else [None]:
        for category in categories:
            rows = cells.get((category, name))
            if not rows:
                continue
            height = sum(value(i) for i in rows)
            if len(rows) == 1:
                link = _link(row_link(rows[0]))
            else:
                agreements = tuple(sorted({a for i in rows for a in evidence[i][0]}))
                events = tuple(sorted({e for i in rows for e in evidence[i][1]}))
                anchor = f"{section.key}-chart-{len(more) + 1}"
                label = f"{category}" if name is None else f"{name} · {category}"
                more.append(Evidence.of(anchor, label, agreements, events, listed))
                link = _link(anchor)
            bars.append(Bar(category, name, height, link))
    svg = draw_bars(
        bars,
        ranking=False,
        y_label=axis,
        other_label=other,
        categories=categories,
        description=description,
    )
    return svg, more


def _names(columns: str | tuple[str, ...]) -> tuple[str, ...]:
    return (columns,) if isinstance(columns, str) else columns


def _link(anchor: str | None) -> str | None:
    return f"#{anchor}" if anchor else None


# --- the records behind the numbers --------------------------------------------------------------


def _titles(record: Agreement | Event, lang: str) -> tuple[str, str | None]:
    main = title_of(record, lang)
    other_lang = "ko" if lang == "en" else "en"
    other = record.title.get(other_lang)
    return main, other if other and other != main else None


def _party_text(index: Index, party: Any, lang: str) -> str:
    label = party_label(party, lang)
    if party.agency and party.agency in index.agencies:
        name = display_name(index.agencies[party.agency], lang)
        if name != party.agency:
            label = f"{label} — {name}"
    country = index.country_of(party.agency) if party.agency else party.country
    return f"{label} ({country})" if country else label


def _date_text(index: Index, record: Agreement | Event, words: Mapping[str, str]) -> str:
    if record.date is not None:
        return str(record.date)
    if dated_by(index, record) == "sources":
        placed = placed_date(index, record)
        assert placed is not None
        return words["dated_by_sources"].format(date=placed[0])
    return words["undated"]


def _sources(index: Index, record: Agreement | Event) -> list[dict[str, Any]]:
    found = []
    for ref in source_refs(index, list(record.sources)):
        source = index.sources.get(ref.source)
        found.append(
            {
                "id": ref.source,
                "quote": ref.quote,
                "lang": source.language if source else None,
                "title": (source.title if source else None) or ref.label,
                "label": ref.label,
                "url": source.url if source else None,
                "file": source.file if source else None,
                "supports": ref.supports,
                "via": ref.via,
            }
        )
    return found


def agreement_entry(index: Index, agreement_id: str, lang: str) -> dict[str, Any]:
    """What the page says of one agreement: titles, parties, date, status, quoted sources."""
    words = WORDS[lang]
    agreement = index.agreements[agreement_id]
    title, other_title = _titles(agreement, lang)
    return {
        "id": agreement.id,
        "title": title,
        "other_title": other_title,
        "type": agreement.type,
        "parties": [_party_text(index, p, lang) for p in agreement.parties],
        "date": _date_text(index, agreement, words),
        "status": agreement.status,
        "fields": list(agreement.fields),
        "sources": _sources(index, agreement),
    }


def event_entry(index: Index, event_id: str, lang: str) -> dict[str, Any]:
    """What the page says of one event: titles, organisers, date, status, quoted sources."""
    words = WORDS[lang]
    event = index.events[event_id]
    title, other_title = _titles(event, lang)
    return {
        "id": event.id,
        "title": title,
        "other_title": other_title,
        "type": event.type,
        "organisers": [_party_text(index, p, lang) for p in event.organisers],
        "participants": [_party_text(index, p, lang) for p in event.participants],
        "date": _date_text(index, event, words),
        "status": event.status or "",
        "fields": list(event.fields),
        "sources": _sources(index, event),
    }


def _when(index: Index, record: Agreement | Event) -> tuple[int, str, str]:
    placed = placed_date(index, record)
    return (0, placed[0].earliest().isoformat(), record.id) if placed else (1, "", record.id)


# --- the whole report ----------------------------------------------------------------------------


def build_report(
    index: Index,
    *,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str = "en",
    rows: int = MAX_ROWS,
    listed: int = MAX_LISTED,
    sections: Callable[[Index, Question], list[Section]] = sections_for,
) -> Report:
    """Ask every section's question and gather what the page shows.

    ``rows`` and ``listed`` bound the page: the rows shown of each table, the records
    listed behind each number (each cut says which command gives the rest).

    Dates are checked as the listings check them (``--as-of 2024-13`` is a usage error).
    """
    if lang not in WORDS:
        raise UsageError(f"--lang {lang!r} is not one of {', '.join(WORDS)}")
    since_date = parse_partial(since, "--since") if since else None
    until_date = parse_partial(until, "--until") if until else None
    if since_date and until_date and until_date.latest() < since_date.earliest():
        raise UsageError(f"--until {until} is before --since {since}")
    question = Question(
        as_of=parse_day(as_of, "--as-of") if as_of else None,
        since=since,
        until=until,
        lang=lang,
        as_of_text=as_of,
    )
    if rows < 1 or listed < 1:
        raise UsageError(f"--rows and --listed must be at least 1, not {min(rows, listed)}")
    shown = tuple(
        show_section(section, lang, rows=rows, listed=listed)
        for section in sections(index, question)
    )
    agreement_ids = {a for s in shown for e in s.evidence for a in e.agreements}
    event_ids = {a for s in shown for e in s.evidence for a in e.events}
    agreements = sorted((index.agreements[a] for a in agreement_ids), key=lambda r: _when(index, r))
    events = sorted((index.events[e] for e in event_ids), key=lambda r: _when(index, r))
    words = WORDS[lang]
    conditions = []
    if question.as_of:
        conditions.append(f"{words['as_of']} {question.as_of.isoformat()}")
    if since or until:
        conditions.append(
            words["window"].format(since=since or words["any"], until=until or words["any"])
        )
    summary = words["records"].format(
        agreements=len(index.agreements), events=len(index.events), agencies=len(index.agencies)
    )
    return Report(
        lang=lang,
        summary=summary,
        conditions=tuple(conditions),
        sections=shown,
        agreements=tuple(agreement_entry(index, a.id, lang) for a in agreements),
        events=tuple(event_entry(index, e.id, lang) for e in events),
        fonts=font_families(),
    )


def render_html(report: Report, *, expanded: bool = False) -> str:
    """The page. ``expanded`` shows every list of agreements (for PDF and PNG, not clickable).

    Jinja2 with autoescaping on: names and quotes are data, never markup; only the SVG
    charts (text escaped by matplotlib's writer) are inserted as markup.
    """
    import jinja2
    from markupsafe import Markup

    template_text = (
        resources.files("coopgraph.analytics").joinpath("report.html.j2").read_text("utf-8")
    )
    environment = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    template = environment.from_string(template_text)
    charts = {s.key: Markup(s.chart) for s in report.sections if s.chart}
    return template.render(
        report=report,
        words=WORDS[report.lang],
        charts=charts,
        agreements={a["id"]: a for a in report.agreements},
        events={e["id"]: e for e in report.events},
        expanded=expanded,
        fonts=report.fonts,
    )


def render_report(report: Report, fmt: ReportFormat) -> bytes:
    """The report as the bytes of an HTML page, a PDF or a PNG (drawn by headless Chromium)."""
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt not in REPORT_FORMATS:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(REPORT_FORMATS)}")
    return _in_chromium(render_html(report, expanded=True), fmt)


def _in_chromium(page_html: str, fmt: ReportFormat) -> bytes:
    """Open the page in headless Chromium from a temporary file; print it or screenshot it.

    The page is opened from a file, as a user opens it, so the same Content-Security-Policy
    applies; requests other than the file itself are refused as well.
    """
    import tempfile
    from pathlib import Path

    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise CoopgraphError(
            f"--format {fmt} draws the page in Chromium through Playwright: "
            "pip install 'coopgraph[pdf]', and install Chromium (Debian package chromium)"
        ) from None
    from coopgraph.viz.browser import CHROMIUM, launch

    with tempfile.TemporaryDirectory(prefix="coopgraph-report-") as folder:
        page_file = Path(folder) / "report.html"
        page_file.write_text(page_html, encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    page = browser.new_page(viewport={"width": 1100, "height": 800})
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url == page_file.as_uri()
                            else route.abort()
                        ),
                    )
                    page.goto(page_file.as_uri(), wait_until="load")
                    if fmt == "pdf":
                        return bytes(
                            page.pdf(
                                format="A4",
                                print_background=True,
                                margin={"top": "15mm", "bottom": "15mm", "left": "12mm",
                                        "right": "12mm"},
                            )
                        )  # fmt: skip
                    height = page.evaluate("() => document.documentElement.scrollHeight")
                    try:
                        return bytes(page.screenshot(full_page=True, type="png"))
                    except PlaywrightError:
                        raise CoopgraphError(
                            f"--format png: the page is {height:,} pixels tall, more than "
                            "Chromium captures in one image; shorten it with --rows and "
                            "--listed, or write a PDF"
                        ) from None
                finally:
                    browser.close()
        except PlaywrightError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            raise CoopgraphError(
                f"--format {fmt}: Chromium ({CHROMIUM}) could not draw the page: {first}"
            ) from None
