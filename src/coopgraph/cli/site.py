"""``coopgraph site``: publish the graph as a static, bilingual, searchable website.

The site is built by :mod:`coopgraph.site`; here the options are checked before any data is
read (a bad ``--lang`` or ``--base-url`` costs nothing), and ``--serve`` previews the result.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.base import Options, command
from coopgraph.errors import CoopgraphError


@command("base", "force", "data", "no_cache")
def site(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The site's folder: new, empty, or a site coopgraph wrote (else --force).",
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site will be published (/coopgraph/ or https://example.org/x/): "
            "canonical links, and sitemap.xml for an https:// address. Pages link relatively "
            "and work anywhere without it.",
        ),
    ] = None,
    langs: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="LANGS",
            help="Languages, comma-separated, the first at the site's root: en,ko, en or ko.",
        ),
    ] = "en,ko",
    serve: Annotated[
        bool,
        typer.Option("--serve", help="Then preview the site on http://127.0.0.1:PORT/."),
    ] = False,
    port: Annotated[
        int,
        typer.Option(
            "--port", min=0, max=65535, metavar="PORT", help="Port of the --serve preview."
        ),
    ] = 8000,
    *,
    opts: Options,
) -> None:
    """Write the graph as a static website: a page per record, in English and Korean.

    Every agency, agreement, event, field, source, country and country pair has a page at the
    path of its IRI (agency/KRISS/index.html), Korean pages under ko/. Every statement shows
    its quoted sentence and links to its source. A search box on every page finds records by
    any name (표준연, 産総研, "national institute of standards"); each page embeds its record
    as JSON-LD and links its Turtle; the home page offers the whole dataset as Turtle,
    JSON-LD, GraphML and CSV.

    The site works from a file (file://), on any static host, under any sub-path, and
    offline: nothing is requested from elsewhere. It is built in a temporary folder and
    swapped into place, so a failure leaves the previous site as it was; a rebuild writes
    only the files whose content changed.

    \b
    Example: coopgraph site -o site
    Example: coopgraph site -o site --lang ko,en --base-url /coopgraph/
    """
    from coopgraph.load import data_files, default_data_path
    from coopgraph.site import build_site
    from coopgraph.site.layout import check_base_url, parse_languages

    languages = parse_languages(langs)
    public = check_base_url(base_url) if base_url is not None else None
    keep_out = data_files(opts.data or default_data_path())
    index = opts.index(whole=True)
    try:
        report = build_site(
            index,
            output,
            langs=languages,
            base_url=public,
            base_iri=opts.base_iri(),
            force=opts.force,
            keep_out=keep_out,
            clean_in_background=True,
        )
    except OSError as error:  # a full disk, a folder taken away: the machine's, not a bug
        if opts.debug:
            raise
        reason = error.strerror or str(error)
        raise CoopgraphError(
            f"{output}: the site could not be written ({reason}); the previous one is unchanged"
        ) from None
    print(report.summary(), file=sys.stderr)
    if report.carried:
        kept = ", ".join(report.carried)
        print(f"kept {kept}: added to the earlier site, not written by coopgraph", file=sys.stderr)
    if opts.debug:
        print(f"steps (s): {report.steps}", file=sys.stderr)
    from coopgraph.cli import end_without_teardown

    end_without_teardown()  # the site is in place; only the heap is left to free
    if serve:
        from coopgraph.site.preview import serve_site

        serve_site(output, port=port)
