"""RDF export and SPARQL speed: Oxigraph (what coopgraph uses) against plain rdflib.

For M agreements (default 1,000 / 10,000 / 100,000) on synthetic data, in one process:

* export     - dataset to Turtle bytes: coopgraph (pyoxigraph terms + Oxigraph serialiser)
               against rdflib (the same triples in an rdflib.Graph + rdflib's serialiser)
* partners   - the ``partners`` named query for the busiest agency, parameter bound
* country    - the ``country-pairs`` aggregate
  each on Oxigraph (store built from the triples) and on rdflib's in-memory SPARQL
  (query prepared once, parameters bound with initBindings).

    python benchmarks/bench_rdf.py                      # writes benchmarks/results-rdf.md
    python benchmarks/bench_rdf.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def timed(action):  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def measure(size: int, work: Path) -> str:
    """One row of the results table: everything measured at ``size`` agreements."""
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery

    from coopgraph.index import Index
    from coopgraph.load import load_dataset
    from coopgraph.rdf.export import dataset_triples, serialize, to_rdflib
    from coopgraph.rdf.namespace import PREFIXES
    from coopgraph.sparql import bind, dataset_store, load_query, run

    partners_query, pairs_query = load_query("partners"), load_query("country-pairs")
    path = work / f"synthetic-{size}.yaml"
    path.write_text(generate(max(200, size // 50), size), encoding="utf-8")
    index = Index(load_dataset(path))
    dataset = index.dataset
    _, ours_export = timed(lambda: serialize(dataset_triples(dataset), "turtle"))

    def rdflib_export():  # type: ignore[no-untyped-def]
        graph = to_rdflib(dataset)
        return graph, graph.serialize(format="turtle", encoding="utf-8")

    (graph, _text), rdflib_export_s = timed(rdflib_export)
    store, store_s = timed(lambda: dataset_store(index))
    bound = bind(partners_query, {"agency": "AG00000"}, index)
    ours_rows, ours_partners = timed(lambda: run(partners_query, store, bound).rows)
    ours_pairs_rows, ours_pairs = timed(lambda: run(pairs_query, store).rows)

    prepared_partners = prepareQuery(partners_query.text, initNs=PREFIXES)
    prepared_pairs = prepareQuery(pairs_query.text, initNs=PREFIXES)
    agency = URIRef(next(iter(bound.values())).value)
    rdflib_rows, rdflib_partners = timed(
        lambda: list(graph.query(prepared_partners, initBindings={"agency": agency}))
    )
    rdflib_pairs_rows, rdflib_pairs = timed(lambda: list(graph.query(prepared_pairs)))
    assert len(rdflib_rows) == len(ours_rows), (len(rdflib_rows), len(ours_rows))
    assert len(rdflib_pairs_rows) == len(ours_pairs_rows)
    return (
        f"| {size:,} | {len(graph):,} | {ours_export:.2f} | {rdflib_export_s:.2f} | "
        f"{rdflib_export_s / ours_export:.0f}x | {ours_partners:.4f} | {rdflib_partners:.3f} | "
        f"{rdflib_partners / ours_partners:.0f}x | {ours_pairs:.3f} | {rdflib_pairs:.2f} | "
        f"{rdflib_pairs / ours_pairs:.0f}x | {store_s:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="coopgraph RDF benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results-rdf.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coopgraph-rdf-bench-"))
    os.environ["COOPGRAPH_CACHE"] = str(work / "cache")
    lines = [
        "| agreements | triples | export coopgraph s | export rdflib s | speed-up | "
        "partners Oxigraph s | partners rdflib s | speed-up | country pairs Oxigraph s | "
        "country pairs rdflib s | speed-up | Oxigraph store build s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes:
        lines.append(measure(size, work))
        print(lines[-1], flush=True)
    args.output.write_text(
        "# RDF benchmark results\n\nProduced by `python benchmarks/bench_rdf.py` on "
        f"{time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs. "
        "rdflib's export is its Graph plus its Turtle serialiser; its queries are prepared "
        "once and bound with initBindings.\n\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
