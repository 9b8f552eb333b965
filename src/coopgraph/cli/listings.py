"""The questions: partners, agreements, events, agencies, fields, show, timeline, path, stats.

Each parses its own arguments, calls one library function and renders the result; the
options they share come from :mod:`coopgraph.cli.base`. Modules are imported inside the
commands so that ``coopgraph partners`` never pays for networkx.
"""

from typing import Annotated

import typer

from coopgraph.cli.base import LISTING, Options, command, split

#: An agency named the way people name it.
Agency = Annotated[
    str,
    typer.Argument(metavar="NAME", help="Agency: id, acronym, English/Korean/Japanese name."),
]


@command("types", "fields", "statuses", "since", "until", "as_of", *LISTING)
def partners(
    name: Agency,
    include_events: Annotated[
        bool, typer.Option("--include-events", help="Add co-participants in events abroad.")
    ] = False,
    include_subunits: Annotated[
        bool, typer.Option("--include-subunits", help="Add partners of the agency's parts.")
    ] = False,
    *,
    opts: Options,
) -> None:
    """Who partners with NAME, through which agreements, according to which sources.

    \b
    Example: coopgraph partners NIST --since 2020 --type mou
    """
    from coopgraph.partners import partners as find_partners

    index = opts.index()
    found = find_partners(
        index,
        name,
        where=opts.where(index),
        include_events=include_events,
        include_subunits=include_subunits,
        lang=opts.lang,
    )
    opts.emit(found)


@command("parties", "countries", "types", "fields", "statuses", "since", "until", "as_of", *LISTING)
def agreements(*, opts: Options) -> None:
    """List agreements, oldest first, filtered by party, country, type, field, status, date.

    \b
    Example: coopgraph agreements --country JP --field quantum
    """
    from coopgraph.queries import agreements as list_agreements

    index = opts.index()
    opts.emit(list_agreements(index, where=opts.where(index), lang=opts.lang))


@command("parties", "countries", "event_types", "fields", "since", "until", *LISTING)
def events(*, opts: Options) -> None:
    """List events (conferences, forums, dialogue rounds, meetings) and what they produced.

    \b
    Example: coopgraph events --party KRISS --since 2024
    """
    from coopgraph.queries import events as list_events

    index = opts.index()
    opts.emit(list_events(index, where=opts.where(index), lang=opts.lang))


@command("countries", *LISTING)
def agencies(
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", metavar="KIND", help="ministry, metrology-institute, national-laboratory, ..."
        ),
    ] = None,
    *,
    opts: Options,
) -> None:
    """List agencies with their names, country, kind, parent and identifiers.

    \b
    Example: coopgraph agencies --country JP --lang ko
    """
    from coopgraph.queries import agencies as list_agencies

    found = list_agencies(
        opts.index(),
        countries=split(opts.countries, "--country"),
        kinds=split(kind, "--kind"),
        lang=opts.lang,
    )
    opts.emit(found)


@command(*LISTING)
def fields(*, opts: Options) -> None:
    """The technology fields as a tree, with agreement counts (narrower fields included).

    \b
    Example: coopgraph fields --lang ko
    """
    from coopgraph.queries import fields as field_tree

    opts.emit(field_tree(opts.index(), lang=opts.lang))


@command(*LISTING)
def show(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="Any agency, agreement, event, field or source."),
    ],
    *,
    opts: Options,
) -> None:
    """Everything about one record: its fields, what links to it, and its quoted sources.

    \b
    Example: coopgraph show kiat-nist-loi-2022
    """
    from coopgraph.show import show as show_record

    opts.emit(show_record(opts.index(), name, lang=opts.lang))


@command("parties", "countries", "types", "fields", "statuses", "since", "until", *LISTING)
def timeline(
    no_events: Annotated[bool, typer.Option("--no-events", help="Agreements only.")] = False,
    *,
    opts: Options,
) -> None:
    """Agreements (with earlier steps such as 'planned') and events in date order.

    \b
    Example: coopgraph timeline --party KATS
    """
    from coopgraph.queries import timeline as build_timeline

    index = opts.index()
    found = build_timeline(
        index, where=opts.where(index), include_events=not no_events, lang=opts.lang
    )
    opts.emit(found)


@command("data", "fmt", "no_cache")
def path(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="First agency (any name).")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Second agency (any name).")],
    include_events: Annotated[
        bool, typer.Option("--include-events", help="Also connect through shared events.")
    ] = False,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, max=10_000, metavar="N", help="At most this many paths."),
    ] = 10,
    *,
    opts: Options,
) -> None:
    """How two agencies connect: the shortest chains of agreements and sub-unit links.

    \b
    Example: coopgraph path KIAT AIST
    """
    from coopgraph.graph import connections

    found = connections(opts.index(), source, target, include_events=include_events, limit=limit)
    opts.emit(found)


@command("data", "fmt", "no_cache")
def stats(
    top: Annotated[
        int, typer.Option("--top", min=1, metavar="N", help="How many agencies to rank.")
    ] = 10,
    *,
    opts: Options,
) -> None:
    """Counts by type, status and country, country pairs, and the most connected agencies.

    \b
    Example: coopgraph stats --top 5
    """
    from coopgraph.graph import stats as compute_stats

    opts.emit(compute_stats(opts.index(), top=top))
