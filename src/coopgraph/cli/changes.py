"""Cooperation over time: ``trends`` (counts per country pair or field and year) and ``diff``
(what changed in a window). Both call :mod:`coopgraph.analytics` and render the result."""

from collections.abc import Callable
from typing import Annotated

import typer

from coopgraph.cli.base import LISTING, Options, command, flag_option, one_of, split
from coopgraph.errors import UsageError

By = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="WHAT",
        help="country-pair (KR-US, ...) or field.",
        callback=one_of("country-pair", "field"),
    ),
]
Kind = Annotated[
    str,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="agreements (signed) or events (held).",
        callback=one_of("agreements", "events"),
    ),
]
NoBroader = flag_option(
    "--no-broader", "By field: count a record only under the fields it names, not above them."
)
Wide = flag_option("--wide", "Show a grid: one row per pair or field, one column per year.")
_TIMING = (
    "Timing: a record counts on its own date for that step, else on the latest "
    "publication date of its sources (marked 'sources' / listed under 'placed by "
    "sources'); a record with neither is in no year or window and is named under the "
    "table. A date counts from its first day (2024-01 from 1 January), a publication "
    "date from its last (a source of 2023-12 counts from 31 December)."
)


def _timing(function: Callable[..., None]) -> Callable[..., None]:
    """Write the shared timing rule into a command's help (one text for both commands)."""
    function.__doc__ = (function.__doc__ or "").replace("{timing}", _TIMING)
    return function


@command("countries", "fields", "statuses", "since", "until", *LISTING)
@_timing
def trends(
    by: By = "country-pair",
    kind: Kind = "agreements",
    no_broader: NoBroader = False,
    wide: Wide = False,
    *,
    opts: Options,
) -> None:
    """Agreements signed, or events held, per country pair or field and year, with their ids.

    An agreement counts once, in the year it first reached signed or active (its history
    included: planned in 2023 and signed in 2024 counts in 2024); proposed, planned and
    agreements known only as ended are not counted. Events count in the year they took
    place (held, or reported without a status). Country pairs are unordered and sorted
    (KR-US); a three-country agreement counts once for each of its pairs; parties are
    named agencies or unnamed ones with a country. A field counts the records of its
    narrower fields too (--no-broader: only the fields a record names). --status counts
    the year records first reached another status instead (--status planned; with --kind
    events: planned, held or cancelled).

    --country KR keeps the pairs with KR; --country KR --country JP the pairs among
    them; by field, the records with a party from each. --field keeps records in those
    fields (narrower ones included).

    {timing}

    \b
    Example: coopgraph trends --country KR --since 2020
    Example: coopgraph trends --by field --kind events --wide
    """
    from coopgraph.analytics.trends import trends as count_trends

    index = opts.index()
    found = count_trends(
        index,
        by=by,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        since=opts.since,
        until=opts.until,
        status=split(opts.statuses, "--status"),
        countries=split(opts.countries, "--country"),
        fields=split(opts.fields, "--field"),
        broader=not no_broader,
        lang=opts.lang,
    )
    opts.emit(found.wide() if wide else found)


@command("since", "until", *LISTING)
@_timing
def diff(*, opts: Options) -> None:
    """What changed from --since to --until (or now): agreements signed, renewed, ended,
    planned or proposed, new agencies and new country pairs, each with its sources.

    signed: first in place (signed, or active for a dialogue). renewed: signed again after
    being in place, or in place again after it ended (a step in the agreement's history:
    the vocabularies have no renewal type). A new agency is one whose first agreement or
    event falls in the window; a new country pair, two countries whose first agreement
    (at any status) does. Each row gives the date, whether it is the record's own or its
    sources', and the sources with their addresses.

    {timing}

    \b
    Example: coopgraph diff --since 2024-01 --until 2024-06
    """
    from coopgraph.analytics.changes import diff as what_changed

    if opts.since is None:
        raise UsageError("diff needs --since DATE: the start of the window to compare")
    opts.emit(what_changed(opts.index(), since=opts.since, until=opts.until))
