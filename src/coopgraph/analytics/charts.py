"""Charts for the report: bars drawn by matplotlib as inline SVG, each bar a link.

Why matplotlib SVG rather than Altair with vl-convert (measured on this machine, 2 cores,
one stacked bar chart of 3 series x 25 years with a Korean title and legend; the scripts
and figures are in ``benchmarks/results-report.md``):

===========================  =========================  ===============================
                             matplotlib 3.11 (SVG)      Altair 6.3 + vl-convert 1.9
===========================  =========================  ===============================
wheels to install            9.9 MB (+ numpy 16.9 MB)   33.5 MB vl-convert + 0.8 MB
                                                        altair (+ jsonschema, narwhals)
installed                    35 MB (+ numpy 45 MB)      84 MB vl-convert + 10 MB altair
first chart in a process     0.08 s (import 0.4 s)      0.56 s (import 0.2 s)
peak memory of the process   76 MB                      136 MB
network while drawing        none (strace: 0 connects)  none (strace: 0 connects)
Korean text                  kept as text, drawn by     kept as text, drawn by the
                             the browser's CJK font     browser's CJK font
an in-page link on a bar     ``#x`` stays ``#x``        ``#x`` became
                                                        ``https://vega.github.io/
                                                        vega-datasets/#x``
===========================  =========================  ===============================

The last row decides it: the report's promise is that a click on a number stays in the
page, and vl-convert resolves a bar's ``href`` against a remote base URL. matplotlib is
also lighter, faster and long established; its SVG is plain markup inlined in the page (no
script), so the page opens with scripts forbidden.

Text stays text (``svg.fonttype: none``): the browser draws Hangul and Kanji with the
page's fonts (a CJK font such as Debian's ``fonts-noto-cjk``), labels can be selected and
searched, and names are escaped by matplotlib's XML writer like any text. Math parsing is
off, so a name with two dollar signs stays a name. A fixed hash salt and no date make the
same data give the same bytes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["FONT_FAMILIES", "Bar", "ChartSpec", "draw_bars", "font_families"]

#: Latin first (its digits and punctuation), then CJK fonts for Hangul and Kanji.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK KR", "Noto Sans CJK JP", "NanumGothic")

#: Colours of the series (matplotlib's tab10), then grey for the series left as "other".
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
)  # fmt: skip
OTHER_COLOUR = "#c7c7c7"


@dataclass(frozen=True)
class ChartSpec:
    """How a section's table is drawn: which columns, and whether as a ranking.

    ``x`` names the column of categories (a year, an agency; several columns are joined:
    ``("agency 1", "agency 2")``), ``y`` the numeric column
    (``None``: each row counts one, as for a list of changes), ``series`` the column whose
    values are stacked in each bar (a country pair), ``axis`` the value axis's title. A
    ``ranking`` draws one horizontal bar per row, largest first, ``limit`` of them; else
    vertical bars, with the ``limit`` largest series drawn and the rest stacked as one.
    Integer categories (years) are drawn as a continuous axis: a year with nothing shows.
    """

    x: str | tuple[str, ...]
    y: str | None
    series: str | None = None
    axis: str | None = None
    ranking: bool = False
    limit: int = 8
    title: str | None = None


@dataclass(frozen=True)
class Bar:
    """One drawn bar (or stacked segment): where it sits, its value, where a click goes."""

    category: Any
    series: str | None
    value: float
    link: str | None


@cache
def font_families() -> tuple[str, ...]:
    """The families of :data:`FONT_FAMILIES` that matplotlib finds on this machine."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return tuple(name for name in FONT_FAMILIES if name in installed) or ("sans-serif",)


def _style() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "coopgraph-report",
        "text.parse_math": False,
        "font.family": list(font_families()),
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "legend.fontsize": 8,
        "legend.frameon": False,
    }


def draw_bars(
    bars: Sequence[Bar],
    *,
    ranking: bool,
    y_label: str,
    other_label: str,
    categories: Sequence[Any] | None = None,
    description: str = "",
) -> str:
    """An SVG element (text, no XML prolog) with the bars; a bar with a link is clickable.

    ``bars`` come in the order to draw: for a ranking, top first; for stacks, series in the
    order of the legend. ``categories`` fixes the x axis (all years of a range).
    """
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style()), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from every font: the browser draws it
        if ranking:
            figure = _ranking(Figure, bars, y_label)
        else:
            figure = _stacked(Figure, bars, y_label, other_label, categories)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return _inline(out.getvalue(), description)


def _ranking(figure_class: Callable[..., Any], bars: Sequence[Bar], y_label: str) -> Any:
    figure = figure_class(figsize=(8, 0.8 + 0.28 * max(len(bars), 1)))
    axes = figure.add_subplot()
    positions = range(len(bars))
    drawn = axes.barh(list(positions), [b.value for b in bars], color=PALETTE[0])
    axes.set_yticks(list(positions), [str(b.category) for b in bars])
    axes.invert_yaxis()  # the largest on top
    axes.set_xlabel(y_label)
    for patch, bar in zip(drawn, bars, strict=True):
        if bar.link:
            patch.set_url(bar.link)
    return figure


def _stacked(
    figure_class: Callable[..., Any],
    bars: Sequence[Bar],
    y_label: str,
    other_label: str,
    categories: Sequence[Any] | None,
) -> Any:
    figure = figure_class(figsize=(8, 3.2))
    axes = figure.add_subplot()
    order = list(categories or dict.fromkeys(b.category for b in bars))
    where = {category: i for i, category in enumerate(order)}
    series = list(dict.fromkeys(b.series for b in bars))
    bottoms = [0.0] * len(order)
    for number, name in enumerate(series):
        mine = [b for b in bars if b.series == name]
        colour = OTHER_COLOUR if name == other_label else PALETTE[number % len(PALETTE)]
        label = name if name is not None else None
        xs = [where[b.category] for b in mine]
        drawn = axes.bar(
            xs,
            [b.value for b in mine],
            bottom=[bottoms[x] for x in xs],
            color=colour,
            label=label,
            width=0.8,
        )
        for patch, bar, x in zip(drawn, mine, xs, strict=True):
            bottoms[x] += bar.value
            if bar.link:
                patch.set_url(bar.link)
    step = -(-len(order) // 12)  # at most 12 labels under the axis
    axes.set_xticks(range(0, len(order), step), [str(c) for c in order[::step]])
    axes.set_ylabel(y_label)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if any(name is not None for name in series):
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure


_PROLOG = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _inline(svg: str, description: str) -> str:
    """matplotlib's SVG file as an element of the page.

    Without the XML prolog and the RDF metadata block, and with links that stay in the
    page: matplotlib opens every link in a new window (``target="_blank"``).
    """
    svg = _PROLOG.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = svg.replace(' target="_blank"', "")
    from markupsafe import escape

    label = f' role="img" aria-label="{escape(description)}"' if description else ""
    return svg.replace("<svg ", f'<svg class="chart"{label} ', 1)
