"""The command line as a user meets it: output formats, exit codes, streams, help."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coopgraph.cli import app
from coopgraph.filters import Filter
from coopgraph.graph import connections, stats
from coopgraph.partners import partners
from coopgraph.queries import agencies, agreements, events, fields, timeline
from coopgraph.show import show

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)
README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_command_is_there() -> None:
    expected = {
        "partners",
        "agreements",
        "events",
        "agencies",
        "fields",
        "show",
        "timeline",
        "path",
        "stats",
        "validate",
        "export",
        "import",
        "queries",
        "sparql",
        "build",
        "serve",
        "push",
        "trends",
        "diff",
        "brokers",
        "opportunities",
        "backtest",
        "report",
        "ingest",
        "merge",
        "site",
    }
    assert set(COMMANDS) == expected
    assert [g.name for g in app.registered_groups] == ["cache"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command: str) -> None:
    outcome = run(command, "--help")
    assert outcome.code == 0
    assert "--debug" in outcome.out
    # import reads an RDF file, not the data; site writes a folder of pages in every format
    if command not in {"import", "site"}:
        assert "--format" in outcome.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    if not README.exists():
        pytest.skip("README not in this checkout")
    assert f"coopgraph {command}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "library"),
    [
        (["partners", "NIST"], lambda ix: partners(ix, "NIST")),
        (["partners", "표준연", "--lang", "ko"], lambda ix: partners(ix, "KRISS", lang="ko")),
        (
            ["partners", "DOC", "--include-subunits", "--include-events"],
            lambda ix: partners(ix, "DOC", include_subunits=True, include_events=True),
        ),
        (
            ["agreements", "--field", "quantum", "--country", "JP"],
            lambda ix: agreements(
                ix, where=Filter.create(ix, fields=["quantum"], countries=["JP"])
            ),
        ),
        (
            ["events", "--party", "KRISS"],
            lambda ix: events(ix, where=Filter.create(ix, parties=["KRISS"])),
        ),
        (["agencies", "--country", "JP"], lambda ix: agencies(ix, countries=["JP"])),
        (["fields"], lambda ix: fields(ix)),
        (
            ["timeline", "--since", "2024"],
            lambda ix: timeline(ix, where=Filter.create(ix, since="2024")),
        ),
        (["show", "KRISS"], lambda ix: show(ix, "KRISS")),
        (["path", "KIAT", "AIST"], lambda ix: connections(ix, "KIAT", "AIST")),
        (["stats"], lambda ix: stats(ix)),
    ],
)
def test_json_output_equals_the_library_result(run, index, args, library) -> None:
    outcome = run(*args, "--format", "json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out) == library(index).to_data()
    assert outcome.err == ""


def test_csv_has_one_row_per_partner_and_agreement(run) -> None:
    outcome = run("partners", "NIST", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(outcome.out)))
    assert {(r["partner"], r["via"]) for r in rows} == {
        ("KIAT", "kiat-nist-loi-2022"),
        ("KRISS", "kriss-nist-mou-1994"),
        ("KRISS", "kriss-nist-quantum-mou-2024"),
        ("KATS", "nist-kats-mou-2000"),
        ("KATS", "kats-nist-mou-2024"),
        ("AIST", "aist-nist-cooperation"),
    }


def test_table_shows_korean_names(run) -> None:
    outcome = run("partners", "NIST", "--lang", "ko")
    assert "한국표준과학연구원" in outcome.out and "산업기술종합연구소" in outcome.out
    assert all(line == line.rstrip() for line in outcome.out.splitlines())


def test_unknown_name_is_a_usage_error_with_a_suggestion(run) -> None:
    outcome = run("partners", "NIZT")
    assert outcome.code == 2
    assert outcome.out == ""
    assert "unknown agency 'NIZT'; did you mean 'NIST'?" in outcome.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partners", "NIST", "--type", "memo"], "unknown agreement type 'memo'"),
        (["partners", "NIST", "--field", "quantun"], "did you mean 'quantum'"),
        (["partners", "NIST", "--since", "2024-13"], "--since: month 13 is out of range"),
        (["partners", "NIST", "--since", "2024", "--until", "2023"], "is before --since"),
        (["partners", "NIST", "--format", "xml"], "'xml' is not one of table, json, csv"),
        (["partners", "NIST", "--lang", "fr"], "'fr' is not one of en, ko"),
        (["partners"], "Missing argument"),
        (["nosuchcommand"], "No such command"),
        # a typo in a country is not "0 agreements"
        (
            ["agreements", "--country", "XX"],
            "unknown country 'XX'; did you mean 'GB' or 'JP' or 'KR' or 'US'?",
        ),
        (["agreements", "--country", "KO"], "unknown country 'KO'; did you mean 'KR'?"),
        (["agencies", "--country", "xx"], "unknown country 'XX'"),
        # an empty value would widen the question to everything
        (["agreements", "--party", ""], "'' is empty; leave --party out to mean any"),
        (["partners", "NIST", "--type", " , "], "' , ' is empty; leave --type out to mean any"),
        (["events", "--country", ""], "leave --country out to mean any"),
        # one value per parameter: the last one does not silently win
        (
            ["sparql", "partners", "-p", "agency=NIST", "-p", "agency=KRISS"],
            "'agency' is given twice; a parameter takes one value",
        ),
        (["path", "KIAT", "AIST", "--limit", "99999999999999999999999"], "less than or equal to"),
    ],
)
def test_bad_arguments_exit_2_without_traceback(run, args, message) -> None:
    outcome = run(*args)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.err and outcome.out == ""


def test_filters_narrow_partners(run) -> None:
    outcome = run("partners", "NIST", "--type", "loi,mou", "--since", "2020", "-f", "json")
    links = {link["id"] for p in json.loads(outcome.out)["partners"] for link in p["links"]}
    assert links == {"kiat-nist-loi-2022", "kriss-nist-quantum-mou-2024", "kats-nist-mou-2024"}


def test_validate_bundled_data(run) -> None:
    outcome = run("validate", "--format", "json")
    report = json.loads(outcome.out)
    assert outcome.code == 0 and report["valid"] and report["counts"]["agreements"] >= 25


def test_data_from_environment_variable(run, monkeypatch, tmp_path) -> None:
    good = (Path(__file__).parent / "good.yaml").read_text()
    (tmp_path / "mine.yaml").write_text(good)
    monkeypatch.setenv("COOPGRAPH_DATA", str(tmp_path / "mine.yaml"))
    outcome = run("partners", "KRISS", "-f", "json")
    assert [p["id"] for p in json.loads(outcome.out)["partners"]] == ["NIST"]


def test_ambiguous_name_lists_candidates(run, tmp_path) -> None:
    good = (Path(__file__).parent / "good.yaml").read_text()
    twin = good.replace(
        "  - id: KRISS\n",
        "  - id: NIST2\n    names: [{text: Standards Lab, lang: en}]\n    country: GB\n"
        "    kind: laboratory\n    sources: [{source: s1, quote: q}]\n  - id: KRISS\n",
    ).replace("text: National Institute of Standards and Technology", "text: Standards Lab")
    (tmp_path / "twin.yaml").write_text(twin)
    outcome = run("partners", "standards lab", "--data", tmp_path / "twin.yaml")
    assert outcome.code == 2
    assert "could be more than one agency" in outcome.err
    assert "NIST (Standards Lab, US)" in outcome.err and "NIST2 (Standards Lab, GB)" in outcome.err


# Answers worked out by hand from data/agreements.yaml, not from the library: a mistake
# shared by the CLI and the library still fails here.
HAND_WORKED = {
    "agreements-country-JP": (
        ["agreements", "--country", "JP"],
        "id",
        [
            "kr-us-jp-quantum-cooperation-proposal",
            "kriss-aist-mou-2024",
            "kriss-aist-metrology-cooperation-2024",
            "kriss-gquat-quantum-cooperation-2024",
            "aist-nist-cooperation",
        ],
    ),
    "agreements-status-until": (
        ["agreements", "--status", "signed", "--until", "2000"],
        "id",
        ["kriss-nist-mou-1994", "nist-kats-mou-2000"],
    ),
    "events-type-summit": (
        ["events", "--type", "summit"],
        "id",
        ["kr-us-summit-2023-04", "camp-david-summit-2023", "mini-ai-virtual-summit-2024"],
    ),
    "agencies-JP": (["agencies", "--country", "jp"], "id", ["AIST", "G-QuAT", "NMIJ"]),
    "partners-KRISS-links": (
        ["partners", "표준연"],
        "via",
        [
            "kriss-aist-mou-2024",
            "kriss-aist-metrology-cooperation-2024",
            "kriss-gquat-quantum-cooperation-2024",
            "kriss-nist-mou-1994",
            "kriss-nist-quantum-mou-2024",
        ],
    ),
    "partners-as-of": (
        ["partners", "NIST", "--as-of", "2024-08-01"],
        "partner",
        ["KATS", "KATS", "KRISS", "KRISS", "KIAT"],
    ),
}


@pytest.mark.parametrize(("args", "column", "expected"), HAND_WORKED.values(), ids=HAND_WORKED)
def test_answers_worked_out_by_hand(run, args: list[str], column: str, expected: list[str]) -> None:
    outcome = run(*args, "--format", "csv")
    assert outcome.code == 0 and outcome.err == ""
    assert [row[column] for row in csv.DictReader(io.StringIO(outcome.out))] == expected


@pytest.mark.parametrize(
    "args",
    [["agreements", "-f", "json"], ["agreements", "-f", "csv"], ["partners", "NIST"], ["export"]],
    ids=["json", "csv", "table", "rdf"],
)
def test_a_closed_pipe_is_a_quiet_end(args: list[str]) -> None:
    """``coopgraph agreements | head -1``: once head has gone, exit 0 and say nothing."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "coopgraph", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")


def test_forgiving_where_nothing_is_lost(run, tmp_path: Path) -> None:
    """A trailing comma is forgiven; a real country no record has is an empty answer."""
    outcome = run("agreements", "--type", "loi,", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(outcome.out))] == ["kiat-nist-loi-2022"]
    outcome = run("agreements", "--country", "fr", "--format", "json")
    assert (outcome.code, json.loads(outcome.out)) == (0, {"agreements": []})


def test_a_query_without_columns_is_a_table_too(run, tmp_path: Path) -> None:
    query = tmp_path / "empty.rq"
    query.write_text("SELECT * WHERE {}\n")
    outcome = run("sparql", query)
    assert outcome.code == 0 and "Internal error" not in outcome.err


def test_json_parties_carry_structure_and_tables_their_label(run) -> None:
    """Seed 004 and etnews: KRISS and AIST, AIST acting through G-QuAT, which proposed it."""
    outcome = run("agreements", "--party", "G-QuAT", "--format", "json")
    first = json.loads(outcome.out)["agreements"][0]
    assert first["id"] == "kriss-aist-mou-2024"
    assert first["parties"] == [
        {"label": "KRISS", "agency": "KRISS", "unit": None, "role": None, "country": "KR"},
        {
            "label": "AIST (G-QuAT)",
            "agency": "AIST",
            "unit": "G-QuAT",
            "role": "proposed the agreement",
            "country": "JP",
        },
    ]
    table = run("agreements", "--party", "G-QuAT", "--format", "csv")
    assert next(csv.DictReader(io.StringIO(table.out)))["parties"] == "KRISS; AIST (G-QuAT)"
    unnamed = json.loads(run("events", "--country", "IN", "--format", "json").out)["events"][0]
    assert unnamed["participants"][2] == {
        "label": "Government of India",
        "agency": None,
        "unit": None,
        "role": None,
        "country": "IN",
    }
