"""The query library is portable SPARQL 1.1: the same text answers the same in any engine.

Each ``queries/*.rq`` file is sent as it is, with its parameters in a ``VALUES`` block and
nothing supplied on the side (no prefixes, no substitutions). Here every query runs in
rdflib and in Oxigraph on the exported bundled data, and the answers must agree term by
term: as lists where the query's ORDER BY identifies each row, as multisets otherwise.
The expected answers of the last tests are worked out by hand from data/agreements.yaml.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery

from coopgraph.index import Index
from coopgraph.models import Dataset
from coopgraph.rdf.export import dataset_triples, to_rdflib
from coopgraph.sparql import (
    NamedQuery,
    bind,
    build_store,
    library,
    query_text,
    run,
    sparql_iri,
    sparql_term,
    values_block,
    with_values,
)

QUERIES = library()
BASE = "https://w3id.org/coopgraph/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Queries whose ORDER BY keys identify a row (with what the keys determine: an agreement has
# one date, type, status and English title): their answers are compared as lists.
TOTALLY_ORDERED = {
    "agencies-by-country",  # country, agency
    "agreements-between-countries",  # date, agreement (DISTINCT)
    "agreements-in-field",  # date, agreement, subject (DISTINCT)
    "country-pairs",  # the group keys
    "evidence",  # source, quote, supports, via (DISTINCT; a source has one publisher, date)
    "fields-by-country",  # country, field (group keys; a field has one English label)
    "most-connected",  # agency (group key)
    "open-triads",  # every column (DISTINCT)
    "partners-with-subunits",  # partner, agreement, via (DISTINCT)
    "partners",  # partner, date, agreement
    "timeline",  # date, kind, record
    "trilateral-triangles",  # a, b, c (DISTINCT; an agency has one country)
}

# Values for every optional parameter, to run each query with all of them bound too.
ALL_BOUND = {
    "agencies-by-country": {"country": "KR"},
    "open-triads": {"agency": "MSIT"},
    "timeline": {"since": "2024-01", "until": "2024-06"},
}

# Cases the examples miss: a quote that supports no named field (an unbound ?supports,
# which made rdflib fail inside GROUP_CONCAT), undated agreements among dated ones.
MORE_CASES = {
    "evidence": {"agreement": "kats-nist-mou-2024"},
    "partners": {"agency": "DOC"},
}

Plain = tuple[str, str, str | None] | None  # (kind, value, datatype or language)


def example_params(query: NamedQuery) -> dict[str, str]:
    """The ``--param k=v`` pairs of the query's ``# example:`` line."""
    words = shlex.split(query.example or "")
    pairs = (w.split("=", 1) for flag, w in itertools.pairwise(words) if flag == "--param")
    return dict(pairs)


def cases() -> list[tuple[str, str, dict[str, str], bool]]:
    """(query, case id, parameters, whether optional ones not given are bound to UNDEF)."""
    found = []
    for name, query in sorted(QUERIES.items()):
        example = example_params(query)
        found.append((name, "example", example, False))
        if name in MORE_CASES:
            found.append((name, "more", MORE_CASES[name], False))
        if any(p.optional for p in query.parameters):
            found.append((name, "example-undef", example, True))
            found.append((name, "all-bound", ALL_BOUND[name], False))
            required = {p.name: example[p.name] for p in query.parameters if not p.optional}
            found.append((name, "none-given", required, False))
            found.append((name, "none-given-undef", required, True))
    return found


def from_oxigraph(term: Any) -> Plain:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None)
    return ("literal", term.value, term.language or term.datatype.value)


def from_rdflib(term: Any) -> Plain:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term), None)
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term), None)
    assert isinstance(term, rdflib.Literal), term
    return ("literal", str(term), term.language or str(term.datatype or XSD + "string"))


@pytest.fixture(scope="module")
def engines() -> tuple[ox.Store, rdflib.Graph]:
    """The exported bundled data in both engines (loaded once: tests only read it)."""
    from coopgraph.load import load_dataset

    dataset: Dataset = load_dataset()
    return build_store(dataset_triples(dataset)), to_rdflib(dataset)


def in_rdflib(graph: rdflib.Graph, text: str) -> tuple[list[str], list[tuple[Plain, ...]]]:
    """Run the text in rdflib, parsed with no prefixes or bindings supplied."""
    result = graph.query(prepareQuery(text))
    variables = [str(v) for v in result.vars or []]
    return variables, [tuple(from_rdflib(row[v]) for v in variables) for row in result]


def in_oxigraph(
    store: ox.Store, query: NamedQuery, bindings: Mapping[Any, Any]
) -> tuple[list[str], list[tuple[Plain, ...]]]:
    result = run(query, store, bindings)
    return result.variables, [tuple(from_oxigraph(t) for t in row) for row in result.rows]


def both(
    engines: tuple[ox.Store, rdflib.Graph], index: Index, name: str, **params: str
) -> list[tuple[Plain, ...]]:
    """The rows of a named query, checked to be the same list in both engines."""
    store, graph = engines
    query = QUERIES[name]
    bound = bind(query, params, index)
    ox_vars, ox_rows = in_oxigraph(store, query, bound)
    rdflib_vars, rdflib_rows = in_rdflib(graph, query_text(query, bound))
    assert ox_vars == rdflib_vars and ox_rows == rdflib_rows, name
    return ox_rows


def local(cell: Plain) -> str | None:
    """A record's id from its IRI, any other value as it is."""
    if cell is None:
        return None
    return cell[1].rsplit("/", 1)[-1] if cell[0] == "iri" else cell[1]


# --- every file is standalone SPARQL 1.1 ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_file_parses_in_both_engines_with_nothing_supplied(name: str) -> None:
    text = QUERIES[name].text
    prepareQuery(text)  # rdflib, no initNs
    ox.Store().query(text)  # Oxigraph, no prefixes: an undeclared prefix is a SyntaxError


def _prefixes(text: str) -> tuple[list[str], set[str]]:
    """The prefixes a query declares, and those its prefixed names use."""
    declared = re.findall(r"^PREFIX\s+([A-Za-z][\w-]*):\s*<[^>]*>\s*$", text, re.MULTILINE)
    body = re.sub(r"#[^\n]*", " ", re.sub(r'<[^<>"\s]*>|"(?:\\.|[^"\\\n])*"', " ", text))
    used = set(re.findall(r"(?<![\w?$:])([A-Za-z][\w-]*):(?=[A-Za-z_])", body))
    return declared, used - {"PREFIX"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_file_declares_exactly_the_prefixes_it_uses(name: str) -> None:
    """rdflib quietly knows skos:, rdf: and others: a missing PREFIX would pass there."""
    declared, used = _prefixes(QUERIES[name].text)
    assert len(declared) == len(set(declared)), name
    assert set(declared) == used, name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_header_is_read_before_the_prefixes(name: str) -> None:
    query = QUERIES[name]
    assert query.example and query.title != name
    assert "PREFIX" not in query.description


# --- every named query answers the same in rdflib and Oxigraph ---------------------------


def test_every_query_with_optional_parameters_is_run_with_them_bound() -> None:
    optional = {n for n, q in QUERIES.items() if any(p.optional for p in q.parameters)}
    assert optional == set(ALL_BOUND)
    ordered = {n for n, q in QUERIES.items() if "ORDER BY" in q.text}
    assert TOTALLY_ORDERED.issubset(ordered)


@pytest.mark.parametrize(
    ("name", "case", "params", "undef"), cases(), ids=[f"{c[0]}-{c[1]}" for c in cases()]
)
def test_every_query_answers_the_same_in_rdflib_and_oxigraph(
    engines: tuple[ox.Store, rdflib.Graph],
    index: Index,
    name: str,
    case: str,
    params: dict[str, str],
    undef: bool,
) -> None:
    store, graph = engines
    query = QUERIES[name]
    bindings: dict[str, Any] = {v.value: t for v, t in bind(query, params, index).items()}
    if undef:
        bindings.update({p.name: None for p in query.parameters if p.name not in bindings})
    text = query_text(query, bindings)
    assert "PREFIX" in text and (not bindings or "VALUES" in text)
    ox_vars, ox_rows = in_oxigraph(store, query, bindings)
    rdflib_vars, rdflib_rows = in_rdflib(graph, text)
    assert ox_rows, f"{name} ({case}): no rows on the bundled data"
    assert ox_vars == rdflib_vars
    assert not {p.name for p in query.parameters if not p.optional} & set(ox_vars), (
        "a required parameter is what the user gave: no column for it"
    )
    if name in TOTALLY_ORDERED:
        assert ox_rows == rdflib_rows
    else:
        assert Counter(ox_rows) == Counter(rdflib_rows)


def test_an_optional_parameter_left_out_or_undef_is_not_a_filter(
    engines: tuple[ox.Store, rdflib.Graph], index: Index
) -> None:
    everything = both(engines, index, "timeline")
    dated = [r for r in (*index.dataset.agreements, *index.dataset.events) if r.date]
    assert len(everything) == len(dated)
    store, _ = engines
    undef = in_oxigraph(store, QUERIES["timeline"], {"since": None, "until": None})[1]
    assert undef == everything


# --- parameters are terms, written safely --------------------------------------------------


def test_the_values_block_opens_the_top_level_where_group() -> None:
    text = (
        "PREFIX ex: <http://example.org/where#>\n# WHERE { in a comment\n"
        'SELECT ?where (STR("WHERE {") AS ?x) FROM <http://example.org/g>\n'
        "WHERE { ?s ?p ?where { SELECT ?s WHERE { ?s ?p ?o } } FILTER (?where > ?since) }\n"
        "ORDER BY ?s\n"
    )
    bound = with_values(text, {"since": ox.Literal("2024"), "until": None})
    first = text.index("WHERE {", text.index("FROM")) + len("WHERE {")
    assert bound == text[:first] + ' VALUES (?since ?until) { ("2024" UNDEF) }' + text[first:]
    assert with_values(text, {}) == text
    ox.Store().query(bound)
    prepareQuery(bound)
    ask = with_values("ASK { ?s ?p ?o }", {"s": ox.NamedNode("http://example.org/a")})
    assert ask == "ASK { VALUES (?s) { (<http://example.org/a>) } ?s ?p ?o }"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert with_values(construct, {"s": ox.Literal("x")}).endswith(
        'WHERE { VALUES (?s) { ("x") } ?s ?p ?o }'
    )
    for no_group in ("DESCRIBE <http://example.org/a>", "CONSTRUCT WHERE { ?s ?p ?o }"):
        with pytest.raises(ValueError):
            with_values(no_group, {"s": ox.Literal("x")})


HOSTILE = [
    'x" || true) } UNION { ?s ?p ?o } #',
    "back\\slash \\u0022 and \\\\u0022",
    "line\nbreak\r\ttab\b\f and \x00\x07\x1b\x7f\x85 controls, \x07abcd, \\\x07",
    "\\U0001F600 \\u00410041 \\\\u0041 \\",
    "' ''' \"\"\" <http://x> {}",
    "표준연 産総研 🚀",
]


@pytest.mark.parametrize(
    "term",
    [ox.Literal(v) for v in HOSTILE]
    + [ox.Literal(v, language="ko-KR") for v in HOSTILE]
    + [
        ox.Literal("2024-01", datatype=ox.NamedNode(XSD + "gYearMonth")),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.NamedNode("https://w3id.org/coopgraph/agency/표준연"),
        ox.NamedNode("urn:x:a#b"),
    ],
    ids=lambda t: re.sub(r"[^\x21-\x5b\x5d-\x7e]", "_", str(t))[:40],
)
def test_a_term_written_as_sparql_reads_back_as_the_same_term(term: Any) -> None:
    text = f"SELECT ?v WHERE {{ {values_block({'v': term})} }}"
    assert "\n" not in text and "\x00" not in text
    assert [s["v"] for s in ox.Store().query(text)] == [term]
    back = list(rdflib.Graph().query(prepareQuery(text)))
    assert [from_rdflib(r[0]) for r in back] == [from_oxigraph(term)]


@pytest.mark.parametrize(
    "iri",
    [
        "http://x/a b",
        "http://x/a>b",
        "http://x/<a",
        'http://x/"a',
        "http://x/{a}",
        "http://x/a|b",
        "http://x/a^b",
        "http://x/a`b",
        "http://x/a\\b",
        "http://x/a\nb",
        "relative/path",
        "",
    ],
    ids=lambda iri: iri.encode("unicode_escape").decode().replace("\\", "/") or "empty",
)
def test_an_iri_that_cannot_stay_one_term_is_refused(iri: str) -> None:
    with pytest.raises(ValueError):
        sparql_iri(iri)


def test_blank_nodes_and_bad_variables_are_refused() -> None:
    with pytest.raises(ValueError):
        sparql_term(ox.BlankNode("b0"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        values_block({"x) } ?s ?p ?o {": ox.Literal("x")})


def test_dates_are_bound_as_typed_literals(index: Index) -> None:
    bound = bind(QUERIES["timeline"], {"since": "2024", "until": "2024-01-29"}, index)
    assert [sparql_term(t) for t in bound.values()] == [
        f'"2024"^^<{XSD}gYear>',
        f'"2024-01-29"^^<{XSD}date>',
    ]


def test_an_id_that_cannot_be_an_iri_is_a_usage_error(run, tmp_path) -> None:
    """With --rdf, ids are taken as given: one that would break out of <...> is refused."""
    ttl = tmp_path / "coop.ttl"
    assert run("export", "-o", ttl).code == 0
    outcome = run("sparql", "partners", "--rdf", ttl, "-p", "agency=x> } UNION { ?a ?b ?c")
    assert outcome.code == 2 and "--param agency" in outcome.err, outcome.err
    found = run("sparql", "partners", "--rdf", ttl, "-p", "agency=NIST", "-f", "csv")
    assert found.code == 0 and "kiat-nist-loi-2022" in found.out


def test_a_file_without_its_prefixes_is_told_which_to_declare(run, tmp_path) -> None:
    query = tmp_path / "bare.rq"
    query.write_text("SELECT ?a WHERE { ?a skos:prefLabel ?l ; coop:country ?c }\n")
    outcome = run("sparql", query)
    assert outcome.code == 2
    assert "PREFIX coop: <https://w3id.org/coopgraph/ns#>" in outcome.err
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in outcome.err


def test_sparql_runs_without_rdflib(tmp_path) -> None:
    """rdflib is for these tests only: its grammar alone costs 170 ms to compile."""
    import subprocess
    import sys

    script = (
        "import io, sys\n"
        "from coopgraph.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "for args in (['sparql', 'timeline', '-p', 'since=2024'], ['queries']):\n"
        "    assert main(args) == 0, args\n"
        "sys.stdout = sys.__stdout__\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {"COOPGRAPH_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _run in ("builds the store", "reads it"):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        assert "pyoxigraph" in done.stdout.split()
        assert "rdflib" not in done.stdout.split()


# --- answers worked out by hand from data/agreements.yaml --------------------------------


def timeline(
    engines: tuple[ox.Store, rdflib.Graph], index: Index, **params: str
) -> list[tuple[str | None, ...]]:
    return [
        (local(date), local(kind), local(record))
        for date, kind, record, _title in both(engines, index, "timeline", **params)
    ]


def test_timeline_since_and_until_keep_only_the_window(
    engines: tuple[ox.Store, rdflib.Graph], index: Index
) -> None:
    """January to June 2024: the four events dated only "2024" (the year overlaps the
    window), the 13 records of January (the KRISS-AIST MOU dated only "2024-01" among
    them) and the KATS-NIST MOU of 27 June. Left out: December 2023 (the CET dialogue, the
    plans of 2023-12-09) and July-August 2024 (the NMI heads' meeting of 30-31 July, the
    metrology and G-QuAT plans, the quantum workshop of 1 August)."""
    assert timeline(engines, index, since="2024-01", until="2024-06") == [
        ("2024", "event", "ai-global-forum-2024"),
        ("2024", "event", "kr-us-in-trilateral-dialogue"),
        ("2024", "event", "mini-ai-virtual-summit-2024"),
        ("2024", "event", "reaim-2024"),
        ("2024-01", "agreement", "kriss-aist-mou-2024"),
        ("2024-01-16", "agreement", "msit-arpae-joint-workshop-2024"),
        ("2024-01-16", "event", "msit-arpae-meeting-2024-01-16"),
        ("2024-01-22", "agreement", "arpae-msit-staff-exchange"),
        ("2024-01-22", "agreement", "kr-us-quantum-workshop-plan"),
        ("2024-01-22", "agreement", "kstar-fusion-programme-proposal"),
        ("2024-01-22", "agreement", "msit-nsf-research-exchange-2024"),
        ("2024-01-22", "event", "msit-arpae-meeting-2024-01-22"),
        ("2024-01-22", "event", "msit-doe-meeting-2024-01-22"),
        ("2024-01-22", "event", "msit-nsf-meeting-2024-01-22"),
        ("2024-01-22", "event", "msit-us-visit-2024-01"),  # 22-23 January
        ("2024-01-23", "event", "msit-ostp-meeting-2024-01-23"),
        ("2024-01-29", "agreement", "kriss-nist-quantum-mou-2024"),
        ("2024-06-27", "agreement", "kats-nist-mou-2024"),
    ]


def test_timeline_bounds_take_dates_at_their_precision(
    engines: tuple[ox.Store, rdflib.Graph], index: Index
) -> None:
    # A year and a month overlap a day bound: "2024" and "2024-01" are in since=2024-01-29;
    # "2024-01-22" is not.
    assert timeline(engines, index, since="2024-01-29", until="2024-06") == [
        ("2024", "event", "ai-global-forum-2024"),
        ("2024", "event", "kr-us-in-trilateral-dialogue"),
        ("2024", "event", "mini-ai-virtual-summit-2024"),
        ("2024", "event", "reaim-2024"),
        ("2024-01", "agreement", "kriss-aist-mou-2024"),
        ("2024-01-29", "agreement", "kriss-nist-quantum-mou-2024"),
        ("2024-06-27", "agreement", "kats-nist-mou-2024"),
    ]
    # until=2000-05 keeps all of May 2000; nothing else is that old.
    assert timeline(engines, index, until="2000-05") == [
        ("1994-09", "agreement", "kriss-nist-mou-1994"),
        ("2000-05", "agreement", "nist-kats-mou-2000"),
    ]


def test_timeline_since_a_year_keeps_all_of_it(
    engines: tuple[ox.Store, rdflib.Graph], index: Index
) -> None:
    records = {record for _date, _kind, record in timeline(engines, index, since="2024")}
    assert records == {
        "kr-us-in-trilateral-dialogue",
        "mini-ai-virtual-summit-2024",
        "ai-global-forum-2024",
        "reaim-2024",
        "msit-us-visit-2024-01",
        "msit-ostp-meeting-2024-01-23",
        "msit-doe-meeting-2024-01-22",
        "msit-arpae-meeting-2024-01-16",
        "msit-arpae-meeting-2024-01-22",
        "msit-nsf-meeting-2024-01-22",
        "kr-jp-nmi-heads-meeting-2024",
        "kr-jp-quantum-workshop-2024",
        "kats-nist-mou-2024",
        "kriss-nist-quantum-mou-2024",
        "kriss-aist-mou-2024",
        "kriss-aist-metrology-cooperation-2024",
        "kriss-gquat-quantum-cooperation-2024",
        "kstar-fusion-programme-proposal",
        "kr-us-quantum-workshop-plan",
        "msit-arpae-joint-workshop-2024",
        "arpae-msit-staff-exchange",
        "msit-nsf-research-exchange-2024",
    }
    assert "msit-nsf-bio-rd-2024" not in records  # named for 2024, dated 2023-12-09


def test_timeline_keeps_a_span_that_reaches_into_the_window(
    engines: tuple[ox.Store, rdflib.Graph], index: Index
) -> None:
    """The CET dialogue of 8-9 December 2023 (event and agreement) is on 9 December too."""
    day = timeline(engines, index, since="2023-12-09", until="2023-12-09")
    assert day == [
        ("2023-12-08", "agreement", "kr-us-cet-dialogue"),
        ("2023-12-08", "event", "kr-us-cet-dialogue-2023"),
        ("2023-12-09", "agreement", "kr-us-ai-working-group"),
        ("2023-12-09", "agreement", "kr-us-pharma-supply-chain-channel"),
        ("2023-12-09", "agreement", "mohw-nih-biomedical-cooperation"),
        ("2023-12-09", "agreement", "msit-nsf-bio-rd-2024"),
        ("2023-12-09", "agreement", "next-generation-battery-research"),
        ("2023-12-09", "agreement", "semiconductor-rd-collaboration-2023"),
        ("2023-12-09", "agreement", "snl-kesco-ess-safety-mou"),
    ]
    assert timeline(engines, index, since="2023-12-10", until="2023-12") == []


def test_partners_of_nist(engines: tuple[ox.Store, rdflib.Graph], index: Index) -> None:
    """NIST's agreements in the data: with KIAT (LOI, 2022), KATS (2000 and 2024 MOUs),
    KRISS (1994 MOU, and the 2024 quantum MOU signed by its unit NIST-CTL) and AIST (an
    undated partnership, which sorts first among AIST's)."""
    rows = both(engines, index, "partners", agency="국립표준기술연구소")
    assert [tuple(local(c) for c in row) for row in rows] == [
        (
            "AIST",
            "National Institute of Advanced Industrial Science and Technology",
            "JP",
            "aist-nist-cooperation",
            "partnership",
            None,
            "active",
        ),
        (
            "KATS",
            "Korean Agency for Technology and Standards",
            "KR",
            "nist-kats-mou-2000",
            "mou",
            "2000-05",
            "signed",
        ),
        (
            "KATS",
            "Korean Agency for Technology and Standards",
            "KR",
            "kats-nist-mou-2024",
            "mou",
            "2024-06-27",
            "signed",
        ),
        (
            "KIAT",
            "Korea Institute for Advancement of Technology",
            "KR",
            "kiat-nist-loi-2022",
            "loi",
            "2022-12-07",
            "signed",
        ),
        (
            "KRISS",
            "Korea Research Institute of Standards and Science",
            "KR",
            "kriss-nist-mou-1994",
            "mou",
            "1994-09",
            "signed",
        ),
        (
            "KRISS",
            "Korea Research Institute of Standards and Science",
            "KR",
            "kriss-nist-quantum-mou-2024",
            "mou",
            "2024-01-29",
            "signed",
        ),
    ]
    dates = {local(row[3]): row[5] for row in rows}
    assert dates["kriss-nist-mou-1994"] == ("literal", "1994-09", XSD + "gYearMonth")
    assert rows[0][0] == ("iri", BASE + "agency/AIST", None)
