"""The ``coopgraph`` command: parse arguments, call a library function, render the result.

No logic lives here. Each command loads the dataset, calls one function from
:mod:`coopgraph.queries`, :mod:`coopgraph.show` or :mod:`coopgraph.graph`, and hands the
result to :func:`coopgraph.render.render`. Modules are imported inside the commands so
that ``coopgraph partners`` never pays for networkx.

Exit codes: 0 success, 1 invalid data, 2 usage (bad option, unknown or ambiguous name).
Errors are one readable message on stderr; ``--debug`` adds the traceback.

This module alone does without ``from __future__ import annotations``: typer reads every
option's annotation at start-up, and as strings each is compiled again (about a thousand
compilations, 15 ms of every command's 200).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from coopgraph.filters import Filter
    from coopgraph.index import Index
    from coopgraph.render import Renderable

app = typer.Typer(
    name="coopgraph",
    help="Ask a knowledge graph of international R&D cooperation: who partners with whom, "
    "under which agreements, in which fields, according to which source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# --- options shared by every command, defined once ----------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="COOPGRAPH_DATA",
        help="A YAML file or a directory of YAML files (merged). Default: the bundled data.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
LangOption = Annotated[str, typer.Option("--lang", help="Language of names: en or ko.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Parse the data in memory instead of using (or building) the store."
    ),
]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="Agreement type (loi, mou, ...); repeatable.")
]
FieldOption = Annotated[
    list[str] | None,
    typer.Option("--field", help="Technology field, narrower fields included; repeatable."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option("--status", help="proposed, planned, signed, active or ended; repeatable."),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD).")
]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Only agreements in place (signed or active) on this date."),
]
PartyOption = Annotated[
    list[str] | None, typer.Option("--party", help="Agency taking part (any name); repeatable.")
]
CountryOption = Annotated[
    list[str] | None,
    typer.Option("--country", help="ISO country code of a party (KR, US, JP...); repeatable."),
]


def _split(values: list[str] | None, option: str) -> list[str]:
    """Repeatable options also accept comma-separated values: ``--type loi,mou``.

    A value with nothing in it (``--party ''``) is refused: dropped silently, it would turn
    a narrow question into one about everything.
    """
    parts = []
    for value in values or []:
        found = [part.strip() for part in value.split(",") if part.strip()]
        if not found:
            raise typer.BadParameter(
                f"{value!r} is empty; leave {option} out to mean any", param_hint=option
            )
        parts += found
    return parts


def _index(data: Path | None, no_cache: bool = False) -> "Index":
    """The index the commands ask: the store's snapshot, built on first use of a version."""
    from coopgraph.store import open_index

    return open_index(data, use_store=not no_cache)


def _emit(result: "Renderable", fmt: str) -> None:
    from coopgraph.render import render

    render(result, fmt, sys.stdout)


def _check_format(fmt: str) -> str:
    if fmt not in {"table", "json", "csv"}:
        raise typer.BadParameter(f"{fmt!r} is not one of table, json, csv", param_hint="--format")
    return fmt


def _check_lang(lang: str) -> str:
    if lang not in {"en", "ko"}:
        raise typer.BadParameter(f"{lang!r} is not one of en, ko", param_hint="--lang")
    return lang


def _filter(
    index: "Index",
    *,
    types: list[str] | None = None,
    fields: list[str] | None = None,
    statuses: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
    parties: list[str] | None = None,
    countries: list[str] | None = None,
    event_types: list[str] | None = None,
) -> "Filter":
    from coopgraph.filters import Filter

    return Filter.create(
        index,
        types=_split(types, "--type"),
        fields=_split(fields, "--field"),
        statuses=_split(statuses, "--status"),
        since=since,
        until=until,
        as_of=as_of,
        parties=_split(parties, "--party"),
        countries=_split(countries, "--country"),
        event_types=_split(event_types, "--type"),
    )


# --- commands ------------------------------------------------------------------------------


@app.command()
def partners(
    name: Annotated[str, typer.Argument(help="Agency: id, acronym, English/Korean/Japanese name.")],
    type_: TypeOption = None,
    field: FieldOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_of: AsOfOption = None,
    include_events: Annotated[
        bool, typer.Option("--include-events", help="Add co-participants in events abroad.")
    ] = False,
    include_subunits: Annotated[
        bool, typer.Option("--include-subunits", help="Add partners of the agency's parts.")
    ] = False,
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Who partners with NAME, through which agreements, according to which sources."""
    from coopgraph.partners import partners as find_partners

    _check_format(fmt)
    index = _index(data, no_cache)
    where = _filter(
        index, types=type_, fields=field, statuses=status, since=since, until=until, as_of=as_of
    )
    _emit(
        find_partners(
            index,
            name,
            where=where,
            include_events=include_events,
            include_subunits=include_subunits,
            lang=_check_lang(lang),
        ),
        fmt,
    )


@app.command()
def agreements(
    party: PartyOption = None,
    country: CountryOption = None,
    type_: TypeOption = None,
    field: FieldOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """List agreements, oldest first, filtered by party, country, type, field, status, date."""
    from coopgraph.queries import agreements as list_agreements

    _check_format(fmt)
    index = _index(data, no_cache)
    where = _filter(
        index,
        types=type_,
        fields=field,
        statuses=status,
        since=since,
        until=until,
        as_of=as_of,
        parties=party,
        countries=country,
    )
    _emit(list_agreements(index, where=where, lang=_check_lang(lang)), fmt)


@app.command()
def events(
    party: PartyOption = None,
    country: CountryOption = None,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="conference, forum, dialogue, meeting, ...")
    ] = None,
    field: FieldOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """List events (conferences, forums, dialogue rounds, meetings) and what they produced."""
    from coopgraph.queries import events as list_events

    _check_format(fmt)
    index = _index(data, no_cache)
    where = _filter(
        index,
        event_types=type_,
        fields=field,
        since=since,
        until=until,
        parties=party,
        countries=country,
    )
    _emit(list_events(index, where=where, lang=_check_lang(lang)), fmt)


@app.command()
def agencies(
    country: CountryOption = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="ministry, metrology-institute, national-laboratory, ..."),
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """List agencies with their names, country, kind, parent and identifiers."""
    from coopgraph.queries import agencies as list_agencies

    _check_format(fmt)
    index = _index(data, no_cache)
    _emit(
        list_agencies(
            index,
            countries=_split(country, "--country"),
            kinds=_split(kind, "--kind"),
            lang=_check_lang(lang),
        ),
        fmt,
    )


@app.command()
def fields(
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """The technology fields as a tree, with agreement counts (narrower fields included)."""
    from coopgraph.queries import fields as field_tree

    _check_format(fmt)
    _emit(field_tree(_index(data, no_cache), lang=_check_lang(lang)), fmt)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Any agency, agreement, event, field or source.")],
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Everything about one record: its fields, what links to it, and its quoted sources."""
    from coopgraph.show import show as show_record

    _check_format(fmt)
    _emit(show_record(_index(data, no_cache), name, lang=_check_lang(lang)), fmt)


@app.command()
def timeline(
    party: PartyOption = None,
    country: CountryOption = None,
    type_: TypeOption = None,
    field: FieldOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    no_events: Annotated[bool, typer.Option("--no-events", help="Agreements only.")] = False,
    data: DataOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = "en",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Agreements (with earlier steps such as 'planned') and events in date order."""
    from coopgraph.queries import timeline as build_timeline

    _check_format(fmt)
    index = _index(data, no_cache)
    where = _filter(
        index,
        types=type_,
        fields=field,
        statuses=status,
        since=since,
        until=until,
        parties=party,
        countries=country,
    )
    _emit(
        build_timeline(index, where=where, include_events=not no_events, lang=_check_lang(lang)),
        fmt,
    )


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="First agency (any name).")],
    target: Annotated[str, typer.Argument(help="Second agency (any name).")],
    include_events: Annotated[
        bool, typer.Option("--include-events", help="Also connect through shared events.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=10_000, help="At most this many paths.")
    ] = 10,
    data: DataOption = None,
    fmt: FormatOption = "table",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """How two agencies connect: the shortest chains of agreements and sub-unit links."""
    from coopgraph.graph import connections

    _check_format(fmt)
    _emit(
        connections(
            _index(data, no_cache), source, target, include_events=include_events, limit=limit
        ),
        fmt,
    )


@app.command()
def stats(
    top: Annotated[int, typer.Option("--top", min=1, help="How many agencies to rank.")] = 10,
    data: DataOption = None,
    fmt: FormatOption = "table",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Counts by type, status and country, country pairs, and the most connected agencies."""
    from coopgraph.graph import stats as compute_stats

    _check_format(fmt)
    _emit(compute_stats(_index(data, no_cache), top=top), fmt)


@app.command()
def validate(
    rdf_file: Annotated[
        Path | None, typer.Argument(help="With --shacl: an RDF file to check instead of the data.")
    ] = None,
    shacl: Annotated[
        bool, typer.Option("--shacl", help="Check RDF against coopgraph's SHACL shapes.")
    ] = False,
    data: DataOption = None,
    fmt: FormatOption = "table",
    debug: DebugOption = False,
) -> None:
    """Check the data files (or RDF, with --shacl): exit 0 if valid, 1 listing every problem."""
    from coopgraph.load import load_dataset

    _check_format(fmt)
    if rdf_file is not None and not shacl:
        raise typer.BadParameter("an RDF file is checked with --shacl", param_hint="RDF_FILE")
    if shacl:
        from coopgraph.rdf.shapes import validate_graph

        if rdf_file is not None:
            from coopgraph.rdf.read import parse_rdflib

            graph = parse_rdflib(rdf_file)
        else:
            from coopgraph.rdf.export import to_rdflib

            graph = to_rdflib(load_dataset(data))
        report = validate_graph(graph)
    else:
        from coopgraph.validation import report_for

        report = report_for(lambda: load_dataset(data))
    _emit(report, fmt)
    if not report.valid:
        raise typer.Exit(1)


RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing output file coopgraph did not write."),
]
BaseOption = Annotated[
    str | None,
    typer.Option("--base", help="Base IRI of records (default https://w3id.org/coopgraph/)."),
]


def _base(base: str | None) -> str:
    from coopgraph.rdf.namespace import DEFAULT_BASE

    if base is None:
        return DEFAULT_BASE
    from coopgraph.iris import iri_problem

    if problem := iri_problem(base):
        raise typer.BadParameter(f"{base!r} {problem}", param_hint="--base")
    if not base.endswith(("/", "#")):
        raise typer.BadParameter("the base IRI must end with '/' or '#'", param_hint="--base")
    return base


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="RDF: turtle, ntriples, nquads, trig, jsonld, rdfxml. Pictures: html, graphml, "
            "gexf, cytoscape, nodelink, dot, svg, png.",
        ),
    ] = "turtle",
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write, or - for stdout.")
    ] = "-",
    around: Annotated[
        str | None, typer.Option("--around", help="Pictures: only agencies near this one.")
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", min=1, help="Pictures: steps from --around.")
    ] = 1,
    field: FieldOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    include_events: Annotated[
        bool, typer.Option("--include-events", help="Pictures: link agencies met at events.")
    ] = False,
    lang: LangOption = "en",
    base: BaseOption = None,
    force: ForceOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Write the knowledge graph as RDF, or as a picture: an offline HTML view or a network file.

    Output is deterministic and files are written atomically. The data files are never
    overwritten; another existing file only if coopgraph wrote it, or with --force.
    """
    from coopgraph.atomic import write_atomically
    from coopgraph.viz.view import VIEW_FORMATS

    if fmt not in RDF_FORMATS and fmt not in VIEW_FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not one of {', '.join((*RDF_FORMATS, *VIEW_FORMATS))}",
            param_hint="--format",
        )
    picture_options = around or field or since or until or include_events
    if fmt in RDF_FORMATS and picture_options:
        raise typer.BadParameter(
            "--around, --field, --since, --until and --include-events choose what a picture "
            "shows; the RDF export is always the whole graph",
            param_hint="--format",
        )
    if output != "-":  # before any loading: a refusal should not wait for a store build
        from coopgraph.load import data_files, default_data_path
        from coopgraph.outputs import check_target

        check_target(Path(output), data_files(data or default_data_path()), force=force)
    index = _index(data, no_cache)
    if fmt in RDF_FORMATS:
        from coopgraph.rdf.export import write

        if output == "-":
            write(index.dataset, None, fmt, base=_base(base), stream=sys.stdout.buffer)
            sys.stdout.flush()
            return
        write(index.dataset, Path(output), fmt, base=_base(base))
    else:
        from coopgraph.viz.network import Selection
        from coopgraph.viz.view import render_view

        where = _filter(index, fields=field, since=since, until=until)
        selection = Selection(
            around=around, depth=depth, include_events=include_events, lang=_check_lang(lang)
        )
        content = render_view(index, fmt, where=where, selection=selection)
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        write_atomically(Path(output), lambda handle: handle.write(content))
    _wrote(Path(output))


def _wrote(target: Path) -> None:
    from coopgraph.outputs import remember

    remember(target)
    print(f"wrote {target}", file=sys.stderr)


@app.command("import")
def import_rdf(
    source: Annotated[Path, typer.Argument(help="An RDF file written by coopgraph export.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="YAML file to write, or - for stdout.")
    ] = "-",
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="RDF format (default: from the suffix).")
    ] = None,
    base: BaseOption = None,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Read RDF written by coopgraph back into the YAML data format (validated).

    RDF without a single coopgraph record is refused rather than written as an empty file.
    """
    from coopgraph.rdf.read import read_file
    from coopgraph.yaml_out import dataset_to_yaml, write_yaml

    if output != "-":
        from coopgraph.outputs import check_target

        check_target(Path(output), [source], force=force)
    dataset = read_file(source, fmt, base=_base(base))
    if output == "-":
        sys.stdout.write(dataset_to_yaml(dataset))
    else:
        write_yaml(dataset, Path(output))
        _wrote(Path(output))


@app.command()
def queries(
    fmt: FormatOption = "table",
    debug: DebugOption = False,
) -> None:
    """List the named SPARQL queries, with what they answer and their parameters."""
    from coopgraph.sparql import QueryList, library

    _check_format(fmt)
    _emit(QueryList(list(library().values())), fmt)


@app.command()
def sparql(
    query: Annotated[
        str, typer.Argument(help="A named query (see: coopgraph queries) or a .rq file.")
    ],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="key=value; repeatable.")
    ] = None,
    rdf: Annotated[
        Path | None, typer.Option("--rdf", help="Query this RDF file instead of the data.")
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Allow SERVICE calls to other endpoints.")
    ] = False,
    base: BaseOption = None,
    data: DataOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or sparql-json (W3C results).")
    ] = "table",
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:
    """Run a SPARQL query on the knowledge graph, with parameters bound as RDF terms."""
    import json

    from coopgraph.sparql import bind, file_store, load_query, run

    if fmt not in {"table", "json", "csv", "sparql-json"}:
        raise typer.BadParameter(
            f"{fmt!r} is not one of table, json, csv, sparql-json", param_hint="--format"
        )
    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        if key.strip() in values:
            raise typer.BadParameter(
                f"{key.strip()!r} is given twice; a parameter takes one value",
                param_hint="--param",
            )
        values[key.strip()] = value
    named = load_query(query)
    if rdf is not None:
        store = file_store(rdf)
        result = run(
            named, store, bind(named, values, None, _base(base)), allow_service=allow_service
        )
    else:
        from coopgraph.store import open_rdf_store, reading

        index, store = open_rdf_store(data, _base(base), use_store=not no_cache)
        bound = bind(named, values, index, _base(base))
        with reading(index):
            result = run(named, store, bound, allow_service=allow_service)
    if fmt == "sparql-json":
        json.dump(result.to_sparql_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _emit(result, fmt)


@app.command()
def build(
    no_rdf: Annotated[
        bool, typer.Option("--no-rdf", help="Only the snapshot the listings read, no SPARQL store.")
    ] = False,
    base: BaseOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
    debug: DebugOption = False,
) -> None:
    """Build the store for the data up front (every command otherwise builds it on first use).

    Reports each phase with its count and time: a progress bar on a terminal, plain lines
    otherwise, on stderr. A changed file of a directory updates the store file by file.
    """
    from coopgraph.store import build as build_store

    _check_format(fmt)
    _emit(build_store(data, base=_base(base), rdf=not no_rdf), fmt)


cache_app = typer.Typer(
    name="cache",
    help="The store of built versions of the data: where it is, what it holds, clearing it.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(fmt: FormatOption = "table", debug: DebugOption = False) -> None:
    """List the stored versions: their data, size, and whether SPARQL is built."""
    from coopgraph.store import cache_info as info

    _check_format(fmt)
    _emit(info(), fmt)


@cache_app.command("clear")
def cache_clear(fmt: FormatOption = "table", debug: DebugOption = False) -> None:
    """Remove every stored version (those a running command is reading are kept)."""
    from coopgraph.store import clear_cache

    _check_format(fmt)
    _emit(clear_cache(), fmt)


# --- entry point ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the app; turn coopgraph errors into messages and exit codes."""
    from coopgraph.errors import CoopgraphError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _stop_cleanly_on_signals()
    try:
        code = _run_answering_without_a_damaged_store(args)
    except CoopgraphError as error:
        if debug:
            raise
        print(f"Error: {error}", file=sys.stderr)
        return error.exit_code
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("Aborted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _output_closed()
    except SystemExit as done:
        # click turns a closed stdout (``coopgraph agreements | head -1``) into exit 1
        if isinstance(done.__context__, BrokenPipeError):
            return _output_closed()
        raise
    except Exception as error:
        if hasattr(error, "show") and hasattr(error, "exit_code"):  # click's usage errors
            error.show(file=sys.stderr)
            return int(error.exit_code)
        if debug:
            raise
        print(
            f"Internal error: {type(error).__name__}: {error} (run with --debug for the "
            "traceback, and please report it)",
            file=sys.stderr,
        )
        return 1
    return code if isinstance(code, int) else 0


def _stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end a command as Ctrl-C does: through its cleanup.

    Python's default for them is to die on the spot, which leaves a half-written temporary
    file beside an output and a build's scratch folder in the cache.
    """
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            try:
                signal.signal(number, stop)
            except ValueError:  # not the main thread (a library user's worker)
                return


def _output_closed() -> int:
    """The reader of stdout has gone (``| head``): a quiet, successful end, as for ``cat``.

    stdout is pointed at /dev/null so that Python's flush at exit cannot fail again.
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def _run_answering_without_a_damaged_store(args: list[str]) -> object:
    """Run the app; if the store turns out damaged mid-command, answer again without it.

    Commands write their answer only once it is complete, so nothing was printed yet.
    """
    from coopgraph.errors import DamagedStoreError

    try:
        return app(args=args, prog_name="coopgraph", standalone_mode=False)
    except DamagedStoreError as error:
        if "--debug" in args:
            raise
        from coopgraph.store import set_aside

        set_aside(error)
        return app(args=[*args, "--no-cache"], prog_name="coopgraph", standalone_mode=False)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
