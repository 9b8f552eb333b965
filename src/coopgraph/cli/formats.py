"""Which format a file is in, told by its name: what ``export -o`` writes, what ``--rdf`` reads.

People name files as the tools they know do (``coop.ttl``, ``coop.nt``, ``graph.svg``) or
by coopgraph's own format names (``coop.turtle``, ``coop.rdfxml``): both are understood.
A suffix that several formats share (``.json``: JSON-LD, Cytoscape.js or node-link) is not
guessed at; ``--format`` (``--rdf-format`` when reading) names one.
"""

from pathlib import Path

import typer

from coopgraph.cli.base import value_option

__all__ = ["PICTURE_FORMATS", "RDF_FORMATS", "ReadFormat", "export_format", "rdf_format"]

RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")
PICTURE_FORMATS = ("html", "graphml", "gexf", "cytoscape", "nodelink", "dot", "svg", "png")

#: The formats a file name's suffix may mean, besides each format's own name (``.turtle``).
SUFFIXES: dict[str, tuple[str, ...]] = {
    ".ttl": ("turtle",),
    ".nt": ("ntriples",),
    ".nq": ("nquads",),
    ".trig": ("trig",),
    ".jsonld": ("jsonld",),
    ".json": ("jsonld", "cytoscape", "nodelink"),
    ".rdf": ("rdfxml",),
    ".owl": ("rdfxml",),
    ".xml": ("rdfxml", "graphml", "gexf"),
    ".htm": ("html",),
    ".cyjs": ("cytoscape",),
    ".gv": ("dot",),
}

ReadFormat = value_option(
    "--rdf-format",
    metavar="FORMAT",
    help="The RDF file's format, if its name does not tell (turtle, ntriples, jsonld, ...).",
)


def formats_of(name: str | Path) -> tuple[str, ...]:
    """The formats a file named ``name`` may be in, by its suffix (none when it tells nothing)."""
    suffix = Path(name).suffix.lower()
    if suffix[1:] in (*RDF_FORMATS, *PICTURE_FORMATS):
        return (suffix[1:],)
    return SUFFIXES.get(suffix, ())


def _either(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def export_format(given: str | None, output: str) -> str:
    """The format ``export`` writes: ``--format``, or what ``-o``'s suffix says, else turtle.

    A ``--format`` that contradicts the suffix (``--format turtle -o coop.svg``) is refused:
    one of the two is a mistake, and the file would lie about what it holds.
    """
    known = (*RDF_FORMATS, *PICTURE_FORMATS)
    if given is not None and given not in known:
        raise typer.BadParameter(
            f"{given!r} is not one of {', '.join(known)}", param_hint="--format"
        )
    told = formats_of(output) if output != "-" else ()
    if given is None:
        if len(told) > 1:
            raise typer.BadParameter(
                f"{output!r} could hold {_either(told)}; name one with --format",
                param_hint="--output",
            )
        return told[0] if told else "turtle"
    if told and given not in told:
        raise typer.BadParameter(
            f"{given!r} does not match {output!r}, a name for {_either(told)}; "
            "change the name or leave --format out",
            param_hint="--format",
        )
    return given


def rdf_format(given: str | None, path: Path, option: str) -> str:
    """The RDF format of the file at ``path``: ``option``'s value, else its suffix's.

    ``given`` may be a format's name or a suffix people use for it (``ttl``, ``nt``, ``xml``).
    """
    if given is not None:
        found = [f for f in formats_of(f"x.{given.lstrip('.')}") if f in RDF_FORMATS]
        if not found:
            raise typer.BadParameter(
                f"{given!r} is not an RDF format: {', '.join(RDF_FORMATS)}", param_hint=option
            )
        return found[0]
    found = [f for f in formats_of(path) if f in RDF_FORMATS]
    if not found:
        raise typer.BadParameter(
            f"cannot tell the RDF format of {str(path)!r} by its name; name it with {option} "
            f"({', '.join(RDF_FORMATS)})",
            param_hint=option,
        )
    return found[0]
