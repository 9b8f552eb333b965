"""The agency network's questions: ``brokers``, ``opportunities`` and ``backtest``.

Each calls one function of :mod:`coopgraph.analytics` and renders its result; a note for
people (fewer candidates than ``--top`` asked for) goes to stderr, never into the data.
"""

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from coopgraph.cli.base import LISTING, Options, command, flag_option, one_of, split

#: What --as-of means here, beyond the shared option's help (written into each docstring).
_AS_OF = (
    "--as-of DATE takes the network on that day: agreements in place then (signed or "
    "active; dated to a month or year, from that period's last day; undated, from the "
    "latest publication date of its sources) and, with --events, events "
    "held by then. Without it, every agreement counts whatever its status. A date wholly "
    "before the first dated record or after the last is refused, naming the data's range."
)
Top = Annotated[
    int, typer.Option("--top", min=1, metavar="N", help="How many rows to show (best first).")
]
Events = flag_option(
    "--events", "Also tie agencies that organised or attended the same held event."
)


def _as_of(function: Callable[..., None]) -> Callable[..., None]:
    """Write what --as-of means for the network into a command's help."""
    function.__doc__ = (function.__doc__ or "").replace("{as_of}", _AS_OF)
    return function


def _say_how_many(candidates: int | None, top: int, what: tuple[str, str]) -> None:
    """--top larger than the candidates is no error: say on stderr how many there are."""
    if candidates is not None and candidates < top:
        name = what[0] if candidates == 1 else what[1]
        print(f"coopgraph: only {candidates} {name} to show (--top {top})", file=sys.stderr)


@command("countries", "fields", "as_of", *LISTING)
@_as_of
def brokers(
    top: Top = 20,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            metavar="METHOD",
            help="Betweenness: igraph (exact, fast), networkx (exact, slow) or sampled "
            "(networkx with --samples pivots).",
            callback=one_of("igraph", "networkx", "sampled"),
        ),
    ] = "igraph",
    samples: Annotated[
        int, typer.Option("--samples", min=1, metavar="K", help="Pivots for --method sampled.")
    ] = 200,
    events: Events = False,
    *,
    opts: Options,
) -> None:
    """Agencies that bridge countries: betweenness, Burt's constraint, effective size.

    A broker has partners in two countries that have no tie of their own; each row lists
    those country pairs, how many partner pairs, and the agreements behind them (--format
    json). Ranked by betweenness on the agency network (agencies and acting units, a tie
    per shared agreement; unnamed parties left out). --country keeps brokers located there;
    --field builds the network from agreements in that field (narrower ones included).

    {as_of}

    \b
    Example: coopgraph brokers --as-of 2024-08 --top 5
    """
    from coopgraph.analytics.brokers import brokers as find_brokers

    index = opts.index()
    result = find_brokers(
        index,
        as_of=opts.as_of,
        country=split(opts.countries, "--country"),
        field=split(opts.fields, "--field"),
        top=top,
        method=method,  # type: ignore[arg-type]
        samples=samples,
        events=events,
        lang=opts.lang,
    )
    opts.emit(result)
    _say_how_many(result.candidates, top, ("broker", "brokers"))


@command("as_of", *LISTING)
@_as_of
def opportunities(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="AGENCY", help="Only this agency's opportunities (any name, Korean too)."
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="pair (open triads across countries) or trilateral (three countries tied "
            "pairwise, sharing no agreement or event).",
            callback=one_of("pair", "trilateral"),
        ),
    ] = "pair",
    score: Annotated[
        str,
        typer.Option(
            "--score",
            metavar="SCORE",
            help="Pairs: adamic-adar or resource-allocation (networkx link prediction).",
            callback=one_of("adamic-adar", "resource-allocation"),
        ),
    ] = "adamic-adar",
    top: Top = 20,
    events: Events = False,
    *,
    opts: Options,
) -> None:
    """Cooperation one agreement away: open triads across countries, or trilaterals.

    A pair: A and C both tied to B, not to each other, in different countries, ranked by
    a link-prediction score, with the paths and the agreements on them. A trilateral:
    three agencies of three countries tied pairwise that share no agreement or event
    (KRISS-AIST-NIST, as the Edaily article of 2 August 2024 says).

    {as_of}

    \b
    Example: coopgraph opportunities AIST
    Example: coopgraph opportunities --kind trilateral --as-of 2024-08-02
    """
    from coopgraph.analytics.opportunities import opportunities as find

    result = find(
        opts.index(),
        name,
        as_of=opts.as_of,
        kind=kind,  # type: ignore[arg-type]
        top=top,
        score=score,  # type: ignore[arg-type]
        events=events,
    )
    opts.emit(result)
    what = ("pair", "pairs") if kind == "pair" else ("trilateral", "trilaterals")
    _say_how_many(result.candidates, top, what)


@command(*LISTING)
def backtest(
    cutoff: Annotated[
        str,
        typer.Option(
            "--cutoff",
            metavar="DATE",
            help="Hide every record first known after this day (its own date, else the "
            "latest publication date of its sources; a month or year means its last day).",
        ),
    ],
    k: Annotated[
        list[str] | None,
        typer.Option("--k", metavar="K", help="Cut-offs for hits@k (default 5,10,20)."),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", metavar="N", help="Seed of the random ranking and ties.")
    ] = 0,
    events: Events = False,
    *,
    opts: Options,
) -> None:
    """How well the opportunity scores foresaw the cross-country ties that came later.

    Builds the network of what was known by --cutoff, ranks every pair of known agencies
    in two countries with no tie yet by each score (ties and pairs without a shared
    partner in random order) and in a random order drawn in the same run, and reports how
    many of the ties made later are among the first k (hits@k) and the mean reciprocal
    rank.

    \b
    Example: coopgraph backtest --cutoff 2024-01-31
    """
    from coopgraph.analytics.backtest import backtest as run_backtest

    ks = [_positive(v) for v in split(k, "--k")] or [5, 10, 20]
    opts.emit(run_backtest(opts.index(), cutoff=cutoff, ks=ks, seed=seed, events=events))


def _positive(value: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise typer.BadParameter(f"{value!r} is not a whole number of 1 or more", param_hint="--k")
    return int(value)
