"""The query library: every query runs, answers follow from the seeds, values stay values."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.partners import partners
from coopgraph.sparql import bind, dataset_store, library, load_query, run, uses_service

QUERIES = library()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return dataset_store(Index(load_dataset()))


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def answer(index: Index, store: ox.Store, name: str, **params: str) -> list[dict]:
    query = load_query(name)
    return run(query, store, bind(query, params, index)).to_data()


def test_the_library_has_the_queries_users_ask() -> None:
    assert len(QUERIES) >= 10
    assert {
        "partners",
        "partners-with-subunits",
        "agreements-in-field",
        "agreements-between-countries",
        "timeline",
        "agencies-by-country",
        "trilateral-triangles",
        "open-triads",
        "fields-by-country",
        "most-connected",
        "evidence",
    } <= set(QUERIES)
    for query in QUERIES.values():
        assert query.title != query.name and query.description and query.example, query.name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_example_in_a_header_runs_and_answers(run, name: str) -> None:
    example = shlex.split(QUERIES[name].example or "")
    assert example[:3] == ["coopgraph", "sparql", name]
    outcome = run(*example[1:], "--format", "json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out), f"{name}: no rows on the bundled data"


def test_partners_query_agrees_with_the_library(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "partners", agency="국립표준기술연구소")
    from_sparql = {
        (r["partner"].rsplit("/", 1)[-1], r["agreement"].rsplit("/", 1)[-1]) for r in rows
    }
    from_library = {(p.id, link.id) for p in partners(index, "NIST").partners for link in p.links}
    assert from_sparql == from_library


def test_subunits_roll_up(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "partners-with-subunits", agency="DOC")
    found = {r["partner"].rsplit("/", 1)[-1] for r in rows}
    assert {"KIAT", "KRISS", "KATS", "AIST", "MOTIE"} <= found
    assert "NIST" not in found and "NIST-CTL" not in found


def test_field_includes_narrower_fields(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "agreements-in-field", field="양자과학기술")
    ids = {r["agreement"].rsplit("/", 1)[-1] for r in rows}
    assert {
        "kriss-nist-quantum-mou-2024",
        "kriss-aist-mou-2024",
        "kr-us-quantum-workshop-plan",
    } <= ids


def test_the_korea_us_japan_metrology_triangle(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "trilateral-triangles")
    triangles = {tuple(r[k].rsplit("/", 1)[-1] for k in ("a", "b", "c")) for r in rows}
    assert ("AIST", "KRISS", "NIST") in triangles


def test_agreements_between_korea_and_japan(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "agreements-between-countries", country1="kr", country2="JP")
    ids = {r["agreement"].rsplit("/", 1)[-1] for r in rows}
    assert ids == {
        "kriss-aist-mou-2024",
        "kriss-aist-metrology-cooperation-2024",
        "kriss-gquat-quantum-cooperation-2024",
        "kr-us-jp-quantum-cooperation-proposal",
    }


def test_evidence_is_the_quoted_sentences(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "evidence", agreement="kats-nist-mou-2024")
    agreement = index.agreements["kats-nist-mou-2024"]
    expected = {c.quote for c in agreement.sources} | {
        c.quote for change in agreement.history for c in change.sources
    }
    assert {r["quote"] for r in rows} == expected


def test_timeline_bounds(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "timeline", since="2024-06", until="2024-07")
    assert {r["record"].rsplit("/", 1)[-1] for r in rows} == {
        "kats-nist-mou-2024",
        "kriss-aist-metrology-cooperation-2024",
        "kr-jp-nmi-heads-meeting-2024",
        # dated only "2024": the year overlaps June-July
        "ai-global-forum-2024",
        "kr-us-in-trilateral-dialogue",
        "mini-ai-virtual-summit-2024",
        "reaim-2024",
    }
    assert set(rows[0]) == {"date", "kind", "record", "title"}  # no columns for parameters


def test_open_triads_are_partners_not_yet_linked(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "open-triads", agency="NIST")
    pairs = {(r["partner1"].rsplit("/", 1)[-1], r["partner2"].rsplit("/", 1)[-1]) for r in rows}
    assert ("AIST", "KIAT") in pairs
    assert ("AIST", "KRISS") not in pairs  # linked by the January 2024 MOU


def test_parameters_are_bound_never_pasted(run, tmp_path: Path) -> None:
    injection = 'x" || true) } UNION { ?agency ?p ?o } #'
    outcome = run("sparql", "partners", "--param", f"agency={injection}")
    assert outcome.code == 2 and "unknown agency" in outcome.err
    query = tmp_path / "by-name.rq"
    query.write_text(
        "# title: Agency by exact English name\n# param: name (text) - the name\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?agency WHERE { ?agency skos:prefLabel ?label "
        "FILTER (STR(?label) = ?name) }\n"
    )
    honest = run(
        "sparql",
        query,
        "--param",
        "name=Korea Institute for Advancement of Technology",
        "--format",
        "json",
    )
    assert [r["agency"].rsplit("/", 1)[-1] for r in json.loads(honest.out)] == ["KIAT"]
    attack = run("sparql", query, "--param", f"name={injection}", "--format", "json")
    assert attack.code == 0 and json.loads(attack.out) == []


def test_service_calls_are_refused(run, tmp_path: Path) -> None:
    remote = tmp_path / "remote.rq"
    remote.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n")
    outcome = run("sparql", remote)
    assert outcome.code == 2 and "SERVICE" in outcome.err and "--allow-service" in outcome.err
    assert not uses_service('SELECT ?s WHERE { ?s ?p "SERVICE" } # SERVICE in a comment')
    assert not uses_service("SELECT ?s WHERE { ?s <http://x/SERVICE> ?o }")
    assert uses_service("select * { service <http://x> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partners"], "needs --param agency=..."),
        (["partners", "--param", "agent=NIST"], "has no parameter 'agent'"),
        (["partners", "--param", "agency"], "is not key=value"),
        (
            ["agreements-between-countries", "-p", "country1=Korea", "-p", "country2=JP"],
            "not a two-letter country code",
        ),
        (["timeline", "-p", "since=2024-13"], "month 13 is out of range"),
        (["partner"], "unknown query 'partner'; did you mean 'partners'"),
    ],
)
def test_bad_parameters_are_usage_errors(run, args, message) -> None:
    outcome = run("sparql", *args)
    assert outcome.code == 2 and message in outcome.err, outcome.err


def test_sparql_json_results_format(run) -> None:
    outcome = run("sparql", "country-pairs", "--format", "sparql-json")
    parsed = ox.parse_query_results(outcome.out.encode(), format=ox.QueryResultsFormat.JSON)
    rows = list(parsed)
    assert [v.value for v in parsed.variables] == ["country1", "country2", "agreements"]
    assert rows and rows[0]["country1"].value == "KR" and rows[0]["country2"].value == "US"


def test_query_an_exported_file(run, tmp_path: Path) -> None:
    ttl = tmp_path / "coop.ttl"
    run("export", "-o", ttl)
    from_file = run("sparql", "partners", "--rdf", ttl, "-p", "agency=NIST", "-f", "json")
    from_data = run("sparql", "partners", "-p", "agency=NIST", "-f", "json")
    assert from_file.code == 0 and json.loads(from_file.out) == json.loads(from_data.out)


def test_queries_command_lists_the_library(run) -> None:
    outcome = run("queries", "--format", "json")
    listed = {q["name"]: q for q in json.loads(outcome.out)}
    assert set(listed) == set(QUERIES)
    assert listed["partners"]["parameters"] == [
        {
            "name": "agency",
            "kind": "agency",
            "optional": False,
            "description": "the agency, by id or any name: NIST, 표준연, 産総研",
        }
    ]


def test_agencies_by_country(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "agencies-by-country", country="JP")
    assert {local(r["agency"]) for r in rows} == {"AIST", "NMIJ", "G-QuAT"}
    aist = next(r for r in rows if local(r["agency"]) == "AIST")
    assert aist["nameKo"] == "산업기술종합연구소"


def test_most_connected_is_nist(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "most-connected")
    assert (local(rows[0]["agency"]), rows[0]["partners"]) == ("NIST", 4)


def test_fields_by_country_counts_under_top_fields(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "fields-by-country")
    counts = {(r["country"], local(r["field"])): r["agreements"] for r in rows}
    assert counts[("JP", "quantum")] == 2  # the KRISS-AIST MOU and the KRISS-G-QuAT plan
    assert ("JP", "quantum-computing") not in counts  # counted under its top field


def test_country_pairs_count_named_parties(index: Index, store: ox.Store) -> None:
    rows = answer(index, store, "country-pairs")
    counts = {(r["country1"], r["country2"]): r["agreements"] for r in rows}
    expected: dict[tuple[str, str], int] = {}
    for agreement in index.dataset.agreements:
        countries = sorted({index.country_of(i) for i in agreement.agency_ids()})
        for i, first in enumerate(countries):
            for second in countries[i + 1 :]:
                expected[(first, second)] = expected.get((first, second), 0) + 1
    assert counts == expected
