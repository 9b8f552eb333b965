"""The ``coopgraph`` command: parse arguments, call a library function, render the result.

No logic lives here. Each command loads the dataset, calls one library function (from
:mod:`coopgraph.queries`, :mod:`coopgraph.show`, :mod:`coopgraph.graph` or a subsystem:
:mod:`coopgraph.serve`, :mod:`coopgraph.analytics`, :mod:`coopgraph.ingest`), and hands the
result to :func:`coopgraph.render.render`. Modules are imported inside the commands so
that ``coopgraph partners`` never pays for networkx.

- :mod:`coopgraph.cli.base` — the app, every shared option declared once, ``@command``;
- :mod:`coopgraph.cli.listings` — the questions (partners, agreements, ..., stats);
- :mod:`coopgraph.cli.data` — validate, export, import;
- :mod:`coopgraph.cli.query` — queries, sparql;
- :mod:`coopgraph.cli.store` — build, cache;
- :mod:`coopgraph.cli.serve` — serve, push;
- :mod:`coopgraph.cli.changes` — trends, diff;
- :mod:`coopgraph.cli.analytics` — brokers, opportunities, backtest;
- :mod:`coopgraph.cli.report` — report;
- :mod:`coopgraph.cli.ingest` — ingest, merge;
- :mod:`coopgraph.cli.site` — site;
- this module — the entry point: errors to messages and exit codes, signals, pipes.

Exit codes: 0 success, 1 invalid data, 2 usage (bad option, unknown or ambiguous name).
Errors are one readable message on stderr; ``--debug`` adds the traceback.
"""

import importlib
import sys

import typer

from coopgraph.cli.base import app

# Importing a module registers its commands, in this order in ``coopgraph --help``.
for _module in (
    "listings", "data", "query", "store", "serve", "changes", "analytics", "report", "ingest",
    "site",
):  # fmt: skip
    importlib.import_module(f"coopgraph.cli.{_module}")

__all__ = ["app", "main", "run"]


# --- entry point ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the app; turn coopgraph errors into messages and exit codes."""
    from coopgraph.errors import CoopgraphError, DataError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _stop_cleanly_on_signals()
    try:
        code = _run_answering_without_a_damaged_store(args)
    except DataError as error:
        if debug:
            raise
        for issue in error.issues:  # file:line:col: message, as editors and CI read them
            print(issue, file=sys.stderr)
        print(f"Error: {error.summary}", file=sys.stderr)
        return error.exit_code
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


#: Set by a command whose process holds nothing left to close once it is done
#: (:func:`end_without_teardown`).
_WITHOUT_TEARDOWN = False


def end_without_teardown() -> None:
    """Let the process end without the interpreter's teardown once the command returns.

    For a command that leaves a large heap and nothing open behind it (``coopgraph site``
    keeps the whole dataset and its lookups: freeing them object by object takes a quarter
    of a second at 10,000 agreements, after the site is in place). What was printed is
    flushed first.
    """
    global _WITHOUT_TEARDOWN
    _WITHOUT_TEARDOWN = True


def run() -> None:
    """Console-script entry point."""
    code = main()
    if _WITHOUT_TEARDOWN or _a_query_was_abandoned():
        _end_now(code)
    sys.exit(code)


def _a_query_was_abandoned() -> bool:
    """Whether a SPARQL query still runs after a time-out or Ctrl-C.

    Oxigraph cannot be interrupted: its thread would keep the CPU busy while Python shuts
    down, and a thread still in Rust when the interpreter finalises can abort the process;
    the process ends at once instead (nothing else is left to clean up: the store is
    opened read-only).
    """
    query = sys.modules.get("coopgraph.sparql")
    return query is not None and query.abandoned()


def _end_now(code: int) -> None:
    """End the process at once, what was printed flushed first."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
