"""What every command shares: the app, each option declared once, and how a command is made.

A command names the shared options it takes (``@command("data", "fmt", "types", ...)``)
instead of declaring them again: :func:`command` adds them to the signature typer reads and
hands their values to the command as one :class:`Options`, which also does what they mean
(the index for ``--data``/``--no-cache``, the filter for ``--type``/``--since``/...,
the base IRI for ``--base``). So an option's spelling, metavar, help and checks live in one
place, and a new command cannot drift from the others (sqlite-utils composes its output
options the same way, with one decorator per group).

No ``from __future__ import annotations`` in this package: typer reads every option's
annotation at start-up, and as strings each is compiled again (about a thousand
compilations, 15 ms of every command's 200).
"""

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

if TYPE_CHECKING:
    from collections.abc import Iterable
    from contextlib import AbstractContextManager

    from coopgraph.filters import Filter
    from coopgraph.index import Index
    from coopgraph.render import Renderable

app = typer.Typer(
    name="coopgraph",
    help="Ask a knowledge graph of international R&D cooperation: who partners with whom, "
    "under which agreements, in which fields, according to which source.\n\n"
    "\b\nExample: coopgraph partners NIST",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# --- checks run while the arguments are parsed, before any data is read -------------------


def one_of(*choices: str) -> Callable[[str | None], str | None]:
    """A callback refusing any value but ``choices`` (``None``, an option left out, passes)."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return check


LISTING_FORMATS = ("table", "json", "csv")


# --- the shared options, each declared once -------------------------------------------------


def value_option(*flags: str, metavar: str, help: str, **more: Any) -> Any:
    """An option taking one value, ``None`` when left out."""
    return Annotated[str | None, typer.Option(*flags, metavar=metavar, help=help, **more)]


def values_option(flag: str, metavar: str, help: str) -> Any:
    """A repeatable option: ``--type loi --type mou``, or ``--type loi,mou`` (see :func:`split`)."""
    return Annotated[list[str] | None, typer.Option(flag, metavar=metavar, help=help)]


def flag_option(flag: str, help: str) -> Any:
    """An on/off option, off unless given."""
    return Annotated[bool, typer.Option(flag, help=help)]


def format_option(help: str, *choices: str) -> Any:
    """``-f/--format FORMAT``; given ``choices``, any other value is refused while parsing."""
    check = one_of(*choices) if choices else None
    return value_option("--format", "-f", metavar="FORMAT", help=help, callback=check)


Data = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="COOPGRAPH_DATA",
        metavar="PATH",
        help="A YAML file or a directory of YAML files (merged). Default: the bundled data.",
        show_default=False,
    ),
]
Fmt = format_option("Output format: table, json or csv.", *LISTING_FORMATS)
Lang = value_option(
    "--lang", metavar="LANG", help="Language of names: en or ko.", callback=one_of("en", "ko")
)
Debug = flag_option("--debug", "Show tracebacks on errors.")
NoCache = flag_option(
    "--no-cache", "Parse the data in memory instead of using (or building) the store."
)
Types = values_option("--type", "TYPE", "Agreement type (loi, mou, ...); repeatable.")
EventTypes = values_option("--type", "TYPE", "Event type: conference, forum, dialogue, ...")
Fields = values_option("--field", "FIELD", "Technology field, narrower ones included; repeatable.")
Statuses = values_option("--status", "STATUS", "proposed, planned, signed, active or ended.")
Since = value_option(
    "--since", metavar="DATE", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."
)
Until = value_option("--until", metavar="DATE", help="Up to this date.")
AsOf = value_option(
    "--as-of",
    metavar="DATE",
    help="Only agreements in place (signed or active) on this date; a month or year means its "
    "last day. An agreement dated to a month or year counts from that period's last day; an "
    "undated one from the latest publication date of its sources.",
)
Parties = values_option("--party", "AGENCY", "Agency taking part (any name); repeatable.")
Countries = values_option("--country", "CODE", "ISO country code of a party (KR, US, JP...).")
Base = value_option(
    "--base", metavar="URL", help="Base IRI of records (default https://w3id.org/coopgraph/)."
)
Output = value_option("--output", "-o", metavar="FILE", help="File to write, or - for stdout.")
Force = flag_option("--force", "Replace an existing output file coopgraph did not write.")
User = value_option(
    "--user",
    metavar="NAME",
    help="Log in as NAME; the password comes from COOPGRAPH_PASSWORD or ~/.netrc.",
)
QueryTimeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        metavar="SECONDS",
        help="Stop a query running longer than this; 0 for no limit.",
    ),
]


def check_address(url: str, hint: str, graph: str | None = None) -> None:
    """A usage error unless ``url`` is an http(s) address and ``graph`` (if any) an IRI:
    for the commands that talk to another server (sparql --endpoint, push)."""
    from coopgraph.iris import http_url_problem, iri_problem

    if problem := http_url_problem(url):
        raise typer.BadParameter(f"{url!r} {problem}", param_hint=hint)
    if graph is not None and (problem := iri_problem(graph)):
        raise typer.BadParameter(f"{graph!r} {problem}", param_hint="--graph")


#: Every shared option by the name a command asks for it with: its annotation and default.
#: The name is also the parameter's and the field of :class:`Options` that holds its value.
SHARED: dict[str, tuple[Any, Any]] = {
    "parties": (Parties, None),
    "countries": (Countries, None),
    "types": (Types, None),
    "event_types": (EventTypes, None),
    "fields": (Fields, None),
    "statuses": (Statuses, None),
    "since": (Since, None),
    "until": (Until, None),
    "as_of": (AsOf, None),
    "lang": (Lang, "en"),
    "base": (Base, None),
    "output": (Output, "-"),
    "force": (Force, False),
    "data": (Data, None),
    "fmt": (Fmt, "table"),
    "no_cache": (NoCache, False),
    "debug": (Debug, False),
}

#: The options of a listing: where the data is, how to show it, in which language.
LISTING = ("data", "fmt", "lang", "no_cache")


@dataclass(frozen=True)
class Options:
    """The shared options' values for one command, and what they mean."""

    data: Path | None = None
    fmt: str = "table"
    lang: str = "en"
    no_cache: bool = False
    debug: bool = False
    parties: list[str] | None = None
    countries: list[str] | None = None
    types: list[str] | None = None
    event_types: list[str] | None = None
    fields: list[str] | None = None
    statuses: list[str] | None = None
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    base: str | None = None
    output: str = "-"
    force: bool = False

    def index(self, *, whole: bool = False) -> "Index":
        """The index the commands ask: the store's snapshot, built on first use of a version
        (``whole``: the command reads every record; see :func:`coopgraph.store.open_index`)."""
        from coopgraph.store import open_index

        return open_index(self.data, use_store=not self.no_cache, whole=whole)

    def emit(self, result: "Renderable", fmt: str | None = None) -> None:
        """Write ``result`` to stdout in ``--format`` (or ``fmt``)."""
        from coopgraph.render import render

        render(result, fmt or self.fmt, sys.stdout)

    def where(self, index: "Index") -> "Filter":
        """The filter the given filter options describe (those a command lacks stay empty)."""
        from coopgraph.filters import Filter

        return Filter.create(
            index,
            types=split(self.types, "--type"),
            fields=split(self.fields, "--field"),
            statuses=split(self.statuses, "--status"),
            since=self.since,
            until=self.until,
            as_of=self.as_of,
            parties=split(self.parties, "--party"),
            countries=split(self.countries, "--country"),
            event_types=split(self.event_types, "--type"),
        )

    def target(self, inputs: "Iterable[Path]") -> Path | None:
        """The file ``-o`` names, checked before any work (``None``: stdout).

        Never one of ``inputs`` (the files the command reads), never an existing file
        coopgraph did not write unless ``--force``; refusals name it as it was given.
        """
        from coopgraph.outputs import check_target, output_path

        target = output_path(self.output)
        if target is not None:
            check_target(target, inputs, force=self.force, shown=self.output)
        return target

    def writing(self) -> "AbstractContextManager[None]":
        """Around the write: a failure names ``-o`` as given, not the hidden temporary file."""
        from coopgraph.outputs import writing

        return writing(self.output)

    def wrote(self, target: Path) -> None:
        """Remember ``target`` as coopgraph's (so a later run may replace it) and say so."""
        from coopgraph.outputs import remember

        remember(target)
        print(f"wrote {self.output}", file=sys.stderr)

    def base_iri(self) -> str:
        """``--base`` checked: an absolute IRI that can hold record names after it."""
        from coopgraph.rdf.namespace import DEFAULT_BASE

        if self.base is None:
            return DEFAULT_BASE
        from coopgraph.iris import iri_problem

        if problem := iri_problem(self.base):
            raise typer.BadParameter(f"{self.base!r} {problem}", param_hint="--base")
        if not self.base.endswith(("/", "#")):
            raise typer.BadParameter("the base IRI must end with '/' or '#'", param_hint="--base")
        return self.base


def split(values: list[str] | None, option: str) -> list[str]:
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


# --- how a command is declared ---------------------------------------------------------------


class _PlainArgument(TyperArgument):
    """An argument shown as ``NAME``, not typer's ``{name}`` and ``name <str>``."""

    def _plain_name(self) -> str:
        return self.metavar or (self.name or "").upper()

    def get_usage_pieces(self, ctx: typer.Context) -> list[str]:
        return [self._plain_name() if self.required else f"[{self._plain_name()}]"]

    def get_help_record(self, ctx: typer.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return None if record is None else (self._plain_name(), record[1])


class _Command(TyperCommand):
    """A command whose arguments read plainly in ``--help`` (see :class:`_PlainArgument`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument


def command(
    *shared: str, name: str | None = None, group: typer.Typer = app
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command taking the ``shared`` options (names of :data:`SHARED`) and ``--debug``.

    The function declares its own arguments and options as usual and takes the shared ones
    as ``opts: Options``; typer sees one signature with both, the shared options last.
    """
    names = [*shared, "debug"]

    def register(function: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(function).parameters.values() if p.name != "opts"]
        added = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=SHARED[n][1],
                              annotation=SHARED[n][0])
            for n in names
        ]  # fmt: skip

        def invoke(**values: Any) -> None:
            opts = Options(**{n: values.pop(n) for n in names})
            function(**values, opts=opts)

        invoke.__name__ = name or function.__name__
        invoke.__doc__ = function.__doc__
        invoke.__module__ = function.__module__
        invoke.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [*own, *added]
        )
        group.command(name, cls=_Command)(invoke)
        return function

    return register
