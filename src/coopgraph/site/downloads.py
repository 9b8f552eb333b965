"""The whole dataset as files to download from the home page, and the date it speaks for.

Each file is what the command line writes for the same data, so a download and a
``coopgraph`` run agree byte for byte:

- ``coopgraph.ttl``, ``coopgraph.jsonld``: ``coopgraph export -o coopgraph.ttl`` (the whole
  RDF export, vocabulary included);
- ``coopgraph.graphml``: ``coopgraph export -o coopgraph.graphml`` (the agency network, no
  filter: every agency that is a party to an agreement, one edge per agreement and pair);
- ``agreements.csv``, ``agencies.csv``: ``coopgraph agreements --format csv`` and
  ``coopgraph agencies --format csv`` (English names, the CLI's default).

Nothing here reads the clock: the same data gives the same bytes, which the site's
content-keyed writer needs to leave unchanged files alone, and the date shown beside the
files is the data's own (:func:`dataset_date`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from coopgraph.index import Index
from coopgraph.rdf.namespace import DEFAULT_BASE
from coopgraph.render import Renderable
from coopgraph.site.rdf_files import FILES, JSONLD, TURTLE, Parts, rdf_files

__all__ = ["GROUPS", "Download", "dataset_date", "downloads"]


@dataclass(frozen=True)
class Download:
    """One file of the whole dataset, with what the home page says of it."""

    path: str  # site-relative, under downloads/
    data: bytes
    media_type: str
    label: dict[str, str]  # the format's name in each site language


#: The downloads in groups that workers make side by side: the RDF files (the export's
#: triples, written twice), the network (GraphML) and the tables (the CSVs).
GROUPS = ("rdf", "network", "tables")


def downloads(
    index: Index,
    *,
    base: str = DEFAULT_BASE,
    group: str | None = None,
    parts: Parts | None = None,
    digests: Mapping[tuple[str, str], str] | None = None,
) -> list[Download]:
    """The downloadable files, in the order the home page lists them (of one of
    :data:`GROUPS` only, with ``group``).

    ``parts`` lends the RDF files the previous build's records and keeps this one's, and
    ``digests`` are the records' digests if at hand (:mod:`coopgraph.site.rdf_files`).
    """
    if group not in (None, *GROUPS):
        raise ValueError(f"unknown group of downloads {group!r}; use one of {', '.join(GROUPS)}")
    made: list[Download] = []
    if group in (None, "rdf"):
        turtle, jsonld = rdf_files(index.dataset, base=base, digests=digests, parts=parts)
        made += [
            Download(
                FILES[TURTLE],
                turtle,
                "text/turtle",
                {"en": "Turtle (RDF)", "ko": "Turtle (RDF)"},
            ),
            Download(
                FILES[JSONLD],
                jsonld,
                "application/ld+json",
                {"en": "JSON-LD (RDF)", "ko": "JSON-LD (RDF)"},
            ),
        ]
    if group in (None, "network"):
        made += [
            Download(
                "downloads/coopgraph.graphml",
                _graphml(index),
                "application/graphml+xml",
                {"en": "GraphML (agency network)", "ko": "GraphML (기관 네트워크)"},
            ),
        ]
    if group in (None, "tables"):
        made += [
            Download(
                "downloads/agreements.csv",
                _agreements_csv(index),
                "text/csv",
                {"en": "CSV (agreements)", "ko": "CSV (협력 협정)"},
            ),
            Download(
                "downloads/agencies.csv",
                _agencies_csv(index),
                "text/csv",
                {"en": "CSV (agencies)", "ko": "CSV (기관)"},
            ),
        ]
    return made


def dataset_date(index: Index) -> str | None:
    """The latest publication date of any source, at its own precision (``2024-08-02``,
    ``2024-08``), or None when no source is dated.

    This is the date the data speaks for ("data as of"), never the day the site was built:
    a rebuild of the same data must not change the home page. A month and a day in it
    (``2024-08``, ``2024-08-31``) both end on the 31st; the day, the more precise, wins.
    """
    published = [s.published for s in index.dataset.sources if s.published is not None]
    if not published:
        return None
    return str(max(published, key=lambda date: (date.latest(), date.earliest())))


def _graphml(index: Index) -> bytes:
    """What ``coopgraph export -o x.graphml`` writes without filter or ``--around``."""
    from coopgraph.viz.view import render_view

    return render_view(index, "graphml")


def _agreements_csv(index: Index) -> bytes:
    from coopgraph.queries import agreements

    return _csv(agreements(index))


def _agencies_csv(index: Index) -> bytes:
    from coopgraph.queries import agencies

    return _csv(agencies(index))


def _csv(result: Renderable) -> bytes:
    """The result as ``--format csv`` prints it (:func:`coopgraph.render.render`), in UTF-8."""
    from coopgraph.render import render

    out = io.StringIO()
    render(result, "csv", out)
    return out.getvalue().encode("utf-8")
