"""The data as files: ``validate`` it, ``export`` it as RDF or a picture, ``import`` RDF back.

Output files go through :mod:`coopgraph.outputs` (never over a file the command reads, nor
over one coopgraph did not write unless ``--force``) and :mod:`coopgraph.atomic` (whole or
not at all).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coopgraph.cli.base import Options, command, flag_option, format_option, value_option
from coopgraph.cli.formats import RDF_FORMATS, ReadFormat, export_format
from coopgraph.cli.formats import rdf_format as rdf_format_of

if TYPE_CHECKING:
    import rdflib

    from coopgraph.rdf.shapes import ShaclReport
    from coopgraph.validation import ValidationReport

ExportFormat = format_option(
    "RDF: turtle, ntriples, nquads, trig, jsonld, rdfxml. Pictures: html, graphml, gexf, "
    "cytoscape, nodelink, dot, svg, png. Default: from -o's name (coop.svg, coop.nt), "
    "else turtle."
)
Around = value_option("--around", metavar="AGENCY", help="Pictures: only agencies near this one.")
PictureEvents = flag_option("--include-events", "Pictures: link agencies met at events.")
RdfFormat = format_option("RDF format (default: from the suffix).")
Shacl = flag_option("--shacl", "Check RDF against coopgraph's SHACL shapes.")


ValidateFormat = format_option(
    "lines (file:line:col: message, one a line, as editors and CI read them; the default), "
    "table (the default with --shacl), json or csv.",
    "lines",
    "table",
    "json",
    "csv",
)


@command("data")
def validate(
    rdf_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="RDF_FILE", help="With --shacl: an RDF file to check instead of the data."
        ),
    ] = None,
    shacl: Shacl = False,
    rdf_format: ReadFormat = None,
    fmt: ValidateFormat = None,
    *,
    opts: Options,
) -> None:
    """Check the data files (or RDF, with --shacl): exit 0 if valid, 1 listing every problem.

    Problems are listed as file:line:col: path: message, one a line (--format table for a
    table, json for other tools).

    \b
    Example: coopgraph validate
    Example: coopgraph validate --shacl coop.ttl
    """
    from coopgraph.load import load_dataset

    if rdf_file is not None and not shacl:
        raise typer.BadParameter("an RDF file is checked with --shacl", param_hint="RDF_FILE")
    if rdf_format is not None and rdf_file is None:
        raise typer.BadParameter("only goes with an RDF file to check", param_hint="--rdf-format")
    report: ValidationReport | ShaclReport
    if shacl:
        from coopgraph.rdf.shapes import validate_graph

        if rdf_file is not None:
            graph = _rdflib_graph(rdf_file, rdf_format_of(rdf_format, rdf_file, "--rdf-format"))
        else:
            from coopgraph.rdf.export import to_rdflib

            graph = to_rdflib(load_dataset(opts.data))
        report = validate_graph(graph)
    else:
        from coopgraph.validation import report_for

        report = report_for(lambda: load_dataset(opts.data))
    fmt = fmt or ("table" if shacl else "lines")
    if fmt == "lines":
        _print_lines(report, str(rdf_file or "the data"))
    else:
        opts.emit(report, fmt)
    if not report.valid:
        raise typer.Exit(1)


def _rdflib_graph(path: Path, fmt: str) -> "rdflib.Graph":
    """An RDF file as an ``rdflib.Graph`` for pySHACL, parsed by Oxigraph in ``fmt``."""
    import rdflib

    from coopgraph.rdf.export import to_rdflib_term
    from coopgraph.rdf.read import parse_file

    graph = rdflib.Graph()
    term = to_rdflib_term
    graph += (
        (term(t.subject), rdflib.URIRef(t.predicate.value), term(t.object))
        for t in parse_file(path, fmt)
    )
    return graph


def _print_lines(report: "ValidationReport | ShaclReport", source: str) -> None:
    """The report one problem a line (``file:line:col: path: message``), the count on stderr.

    stdout holds only the problems, so ``coopgraph validate | wc -l`` counts them and an
    editor or CI reads each as a location and a message.
    """
    from coopgraph.validation import ValidationReport

    if isinstance(report, ValidationReport):
        lines = [str(issue) for issue in report.issues]
        verdict = ", ".join(f"{n} {kind}" for kind, n in report.counts.items())
        summary = f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in the data"
    else:  # SHACL results have a node, not a line: source: <node> (record) path: message
        lines = [
            f"{source}: {v.focus}{f' ({v.record})' if v.record else ''}"
            f"{f' {v.path}' if v.path else ''}: {v.message}{f' [{v.shape}]' if v.shape else ''}"
            for v in report.violations
        ]
        verdict = "conforms to the coopgraph shapes"
        summary = f"{len(lines)} SHACL result(s); the data does not conform"
    if report.valid:
        print(f"valid: {verdict}")
        return
    print("\n".join(lines))
    print(summary, file=sys.stderr)


@command("fields", "since", "until", "lang", "output", "base", "force", "data", "no_cache")
def export(
    fmt: ExportFormat = None,
    around: Around = None,
    depth: Annotated[
        int, typer.Option("--depth", min=1, metavar="N", help="Pictures: steps from --around.")
    ] = 1,
    include_events: PictureEvents = False,
    *,
    opts: Options,
) -> None:
    """Write the knowledge graph as RDF, or as a picture: an offline HTML view or a network file.

    Output is deterministic and files are written atomically. The data files are never
    overwritten; another existing file only if coopgraph wrote it, or with --force.

    \b
    Example: coopgraph export -o coop.ttl
    Example: coopgraph export -o coop.graphml --field quantum
    """
    from coopgraph.atomic import write_atomically

    fmt = export_format(fmt, opts.output)
    picture_options = around or opts.fields or opts.since or opts.until or include_events
    if fmt in RDF_FORMATS and picture_options:
        raise typer.BadParameter(
            "--around, --field, --since, --until and --include-events choose what a picture "
            "shows; the RDF export is always the whole graph",
            param_hint="--format",
        )
    from coopgraph.load import data_files, default_data_path

    # before any loading: a refusal should not wait for a store build
    target = opts.target(data_files(opts.data or default_data_path()))
    index = opts.index()
    if fmt in RDF_FORMATS:
        from coopgraph.rdf.export import write

        if target is None:
            write(index.dataset, None, fmt, base=opts.base_iri(), stream=sys.stdout.buffer)
            sys.stdout.flush()
            return
        with opts.writing():
            write(index.dataset, target, fmt, base=opts.base_iri())
    else:
        from coopgraph.viz.network import Selection
        from coopgraph.viz.view import render_view

        selection = Selection(
            around=around, depth=depth, include_events=include_events, lang=opts.lang
        )
        content = render_view(index, fmt, where=opts.where(index), selection=selection)
        if target is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        with opts.writing():
            write_atomically(target, lambda handle: handle.write(content))
    opts.wrote(target)


@command("output", "base", "force", name="import")
def import_rdf(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help="An RDF file written by coopgraph export.")
    ],
    fmt: RdfFormat = None,
    *,
    opts: Options,
) -> None:
    """Read RDF written by coopgraph back into the YAML data format (validated).

    RDF without a single coopgraph record is refused rather than written as an empty file.

    \b
    Example: coopgraph import coop.ttl -o data.yaml
    """
    from coopgraph.rdf.read import read_file
    from coopgraph.yaml_out import dataset_to_yaml, write_yaml

    target = opts.target([source])
    dataset = read_file(source, rdf_format_of(fmt, source, "--format"), base=opts.base_iri())
    if target is None:
        sys.stdout.write(dataset_to_yaml(dataset))
        return
    with opts.writing():
        write_yaml(dataset, target)
    opts.wrote(target)
