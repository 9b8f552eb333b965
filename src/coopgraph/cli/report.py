"""``coopgraph report``: the analyses as one offline page (or a PDF, or a PNG) to hand on.

The page is built by :mod:`coopgraph.analytics.report`; here the target is checked before
any work (a path that cannot be written is refused at once, nothing is left half-written:
:mod:`coopgraph.outputs` and :mod:`coopgraph.atomic`, as for ``export``).
"""

import sys
from pathlib import PurePath
from typing import Annotated

import typer

from coopgraph.cli.base import Options, command, one_of

#: The format each file name suffix means.
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".png": "png"}

ReportFormat = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="html, pdf or png. Default: from -o's name, else html.",
        callback=one_of("html", "pdf", "png"),
    ),
]


def report_format(fmt: str | None, output: str) -> str:
    """``--format`` if given, else the one the file's suffix names, else html.

    A format contradicting the name (``--format pdf -o report.png``) is refused, as a file
    named .png holding a PDF would mislead whoever opens it.
    """
    named = SUFFIXES.get(PurePath(output).suffix.lower()) if output != "-" else None
    if fmt is not None and named is not None and fmt != named:
        raise typer.BadParameter(
            f"{fmt} does not match the name {output!r}; name the file .{fmt}",
            param_hint="--format",
        )
    return fmt or named or "html"


@command("as_of", "since", "until", "lang", "output", "force", "data", "no_cache")
def report(
    fmt: ReportFormat = None,
    rows: Annotated[
        int,
        typer.Option(
            "--rows", min=1, metavar="N", help="Rows shown of each table (the rest: its command)."
        ),
    ] = 100,
    listed: Annotated[
        int,
        typer.Option(
            "--listed",
            min=1,
            metavar="N",
            help="Agreements listed behind each number (the count stays whole).",
        ),
    ] = 20,
    *,
    opts: Options,
) -> None:
    """Write one offline page of charts and tables; every number links to its agreements.

    Sections: agreements by year; signed agreements by country pair and by field, and events
    by country pair, year by year (as trends); brokers; pairs one partner apart and
    trilaterals one agreement away (as brokers and opportunities, on the network as of
    --as-of); with --since, what changed in the window (as diff).

    The page needs no network (nothing is requested when it opens) and no script: click a
    number to see the agreements it counts, and an agreement for its titles, parties,
    date, status and the quoted sentences of its sources. --format pdf or png draws the
    same page in headless Chromium (Debian package chromium, and Playwright), with every
    list of agreements shown; Korean needs a CJK font (Debian package fonts-noto-cjk).

    A table shows its first --rows rows and a number lists its first --listed agreements,
    each saying which command gives all: at 100,000 agreements the defaults make an 11 MB
    page, and a PDF of thousands of pages (--rows 20 --listed 5 for a handout).

    Dates follow one rule in every analysis: a record counts from its own date, else from
    the latest publication date of its sources; one with neither is left out of any
    answer that asks for a date. --as-of DATE keeps what was in place on that day;
    --since/--until keep what is dated in the window.

    -o names the file (report.html, report.pdf, report.png); without it the page goes to
    stdout, unless that is a terminal.

    \b
    Example: coopgraph report -o report.html
    Example: coopgraph report -o briefing.html --lang ko --since 2024-06
    """
    from coopgraph.errors import UsageError
    from coopgraph.load import data_files, default_data_path

    fmt = report_format(fmt, opts.output)
    # checked before any loading: a refusal should not wait for a store build
    target = opts.target(data_files(opts.data or default_data_path()))
    if target is None and sys.stdout.isatty():
        raise UsageError(
            "give the file to write with -o (report.html, report.pdf or report.png); "
            "a page is not for the terminal"
        )
    from coopgraph.analytics.report import build_report, render_report

    built = build_report(
        opts.index(),
        as_of=opts.as_of,
        since=opts.since,
        until=opts.until,
        lang=opts.lang,
        rows=rows,
        listed=listed,
    )
    content = render_report(built, fmt)  # type: ignore[arg-type]
    if target is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    from coopgraph.atomic import write_atomically

    with opts.writing():
        write_atomically(target, lambda handle: handle.write(content))
    opts.wrote(target)
