"""From news to records: ``ingest`` articles into candidates, ``merge`` accepted ones.

Both commands import :mod:`coopgraph.ingest` (and its tokenisers) only when they run, so
``coopgraph --help`` and the other commands never load a language model.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coopgraph.cli.base import Options, command, format_option

if TYPE_CHECKING:
    from collections.abc import Iterable

    from coopgraph.ingest.articles import Article

CandidatesFormat = format_option("Candidates as yaml (the default) or json.", "yaml", "json")


@command("data", "no_cache", "output", "force")
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            help="Articles: text or saved HTML files, or folders.",
            show_default=False,
        ),
    ] = None,
    fmt: CandidatesFormat = None,
    cited: Annotated[
        bool,
        typer.Option(
            "--cited",
            help="Also read the articles the data's own sources are kept in (their 'file'): "
            "what ingest finds there can be compared with what the data holds.",
        ),
    ] = False,
    *,
    opts: Options,
) -> None:
    """Read news articles (Korean, English, Japanese, German) and write candidate records.

    Each candidate agreement or event cites the exact sentence behind it (character
    offsets into the article), names its parties (known agencies by any of their names,
    new organisations as written), and says whether the data already holds it. Review the
    file, set 'decision: accept' on what is right, then run coopgraph merge.

    \b
    Example: coopgraph ingest --cited -o candidates.yaml
    (and: coopgraph ingest clippings/ article.html --format json)
    """
    from coopgraph.errors import UsageError
    from coopgraph.ingest import ingest as read_articles

    paths = list(paths or [])
    if not paths and not cited:
        raise UsageError("give the articles to read (files or folders), or --cited")
    target = opts.target(paths)
    index = opts.index()
    if cited:
        from coopgraph.ingest.pipeline import cited_articles
        from coopgraph.load import default_data_path

        paths += cited_articles(index, opts.data or default_data_path())
    found = read_articles(paths, index, progress=_progress)
    data = found.to_data()
    if fmt == "json":
        import json

        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if target is None:
        sys.stdout.write(text)
        return
    from coopgraph.atomic import write_atomically

    with opts.writing():
        write_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    opts.wrote(target)


def _progress(articles: "Iterable[Article]", total: int) -> "Iterable[Article]":
    """A progress bar on stderr while articles are read (none when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True)
    if not console.is_terminal:
        return articles
    return track(articles, total=total, description="reading articles", console=console,
                 transient=True)  # fmt: skip


@command("fmt")
def merge(
    candidates: Annotated[
        Path, typer.Argument(metavar="CANDIDATES", help="A candidates file from coopgraph ingest.")
    ],
    into: Annotated[
        Path,
        typer.Option("--into", metavar="DATA_DIR", help="The data directory to add them to."),
    ],
    *,
    opts: Options,
) -> None:
    """Add the candidates marked 'decision: accept' to a data directory, validated.

    They go to DATA_DIR/ingested.yaml. The result is validated as a whole first;
    anything the model refuses is reported at its place in CANDIDATES, and nothing is
    written.

    \b
    Example: coopgraph merge candidates.yaml --into data/
    """
    from coopgraph.ingest import merge as add_candidates

    merged = add_candidates(candidates, into)
    opts.emit(merged)
