"""Names that try to act on the tool they are shown in: a spreadsheet, a terminal.

Data comes from news articles and from RDF files anyone can write. A name must stay text:
``=HYPERLINK(...)`` must not become a live formula in an analyst's spreadsheet (CSV
injection, as OWASP describes it), and an escape sequence must not recolour or move the
terminal a table is printed on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from builders import agency, agreement, dataset_dict, write_yaml

FORMULAS = [
    '=HYPERLINK("http://example.org/x","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    agencies = [agency("HOME", country="KR")] + [
        agency(f"X{i}", names=[{"text": text, "lang": "en"}]) for i, text in enumerate(FORMULAS)
    ]
    agreements = [agreement(f"a{i}", "HOME", f"X{i}") for i in range(len(FORMULAS))]
    return write_yaml(tmp_path / "hostile.yaml", dataset_dict(agencies, agreements))


def test_csv_cells_that_start_like_a_formula_are_quoted(run, hostile: Path) -> None:
    outcome = run("partners", "HOME", "--data", hostile, "--format", "csv")
    assert outcome.code == 0
    names = [row["name"] for row in csv.DictReader(io.StringIO(outcome.out))]
    assert sorted(names) == sorted("'" + text for text in FORMULAS)
    ids = [row["partner"] for row in csv.DictReader(io.StringIO(outcome.out))]
    assert sorted(ids) == [f"X{i}" for i in range(len(FORMULAS))]  # plain cells unchanged


def test_json_keeps_the_name_as_it_is(run, hostile: Path) -> None:
    import json

    outcome = run("partners", "HOME", "--data", hostile, "--format", "json")
    names = {p["name"] for p in json.loads(outcome.out)["partners"]}
    assert names == set(FORMULAS)  # JSON is data, not a spreadsheet: nothing added


def test_terminal_escapes_are_shown_not_obeyed(run, tmp_path: Path) -> None:
    """YAML refuses control characters; RDF can carry them, and SPARQL prints them."""
    rdf = tmp_path / "x.ttl"
    rdf.write_text(
        '<http://example.org/a> <http://example.org/name> "red\\u001B[31mtext\\u0007" .\n'
    )
    query = tmp_path / "names.rq"
    query.write_text("SELECT ?name WHERE { ?s <http://example.org/name> ?name }\n")
    outcome = run("sparql", query, "--rdf", rdf)
    assert outcome.code == 0
    assert "\x1b" not in outcome.out and "\x07" not in outcome.out
    assert "red\\x1b[31mtext\\x07" in outcome.out
