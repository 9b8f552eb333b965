"""The site's machine-readable twins and downloads: seconds and bytes.

    python benchmarks/bench_site_twins.py [DATA.yaml ...]

For each data file (the bundled data when none is given, or ""): the seconds
``coopgraph.site.twins.twins`` takes for every record and the bytes of all Turtle and
JSON-LD twins (best of three runs; the twins are summed as they come, not kept), beside the
seconds the whole Turtle export takes (``coopgraph export -o x.ttl``'s serialisation, the
plain alternative); then each download of ``coopgraph.site.downloads.downloads``: bytes
and seconds to make it.
"""

from __future__ import annotations

import sys
import time

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.rdf.export import dataset_triples, serialize
from coopgraph.rdf.namespace import DEFAULT_BASE
from coopgraph.site import downloads as site_downloads
from coopgraph.site.twins import twins


def measure(data: str) -> None:
    started = time.perf_counter()
    index = Index(load_dataset(data or None))
    dataset = index.dataset
    print(
        f"## {data or 'bundled data'}\n\nload and index {time.perf_counter() - started:.2f} s; "
        f"{len(dataset.agencies)} agencies, {len(dataset.agreements)} agreements, "
        f"{len(dataset.events)} events, {len(dataset.sources)} sources, "
        f"{len(dataset.fields)} fields\n"
    )
    runs = []
    for _ in range(3):
        count = turtle = jsonld = 0
        started = time.perf_counter()
        for twin in twins(dataset):
            count += 1
            turtle += len(twin.turtle)
            jsonld += len(twin.jsonld.encode())
        runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    export = serialize(dataset_triples(dataset), "turtle")
    export_took = time.perf_counter() - started
    print("| twins | seconds (best of 3) | Turtle bytes | JSON-LD bytes |")
    print("|---|---|---|---|")
    print(f"| {count:,} | {min(runs):.2f} | {turtle:,} | {jsonld:,} |\n")
    print(
        f"Plain alternative, the whole export as one Turtle file: {export_took:.2f} s, "
        f"{len(export or b''):,} bytes\n"
    )
    makers = {
        "downloads/coopgraph.ttl": lambda: site_downloads._rdf(index, "turtle", DEFAULT_BASE),
        "downloads/coopgraph.jsonld": lambda: site_downloads._rdf(index, "jsonld", DEFAULT_BASE),
        "downloads/coopgraph.graphml": lambda: site_downloads._graphml(index),
        "downloads/agreements.csv": lambda: site_downloads._agreements_csv(index),
        "downloads/agencies.csv": lambda: site_downloads._agencies_csv(index),
    }
    print("| download | bytes | seconds |")
    print("|---|---|---|")
    total = 0.0
    for path, make in makers.items():
        started = time.perf_counter()
        size = len(make())
        took = time.perf_counter() - started
        total += took
        print(f"| {path} | {size:,} | {took:.2f} |")
    print(f"\nall downloads {total:.2f} s; data as of {site_downloads.dataset_date(index)}\n")


if __name__ == "__main__":
    for data in sys.argv[1:] or [""]:
        measure(data)
