"""``validate`` as data: the exact report, its JSON keys (other tools read them) and its table."""

from __future__ import annotations

import json
from pathlib import Path

from coopgraph.load import load_dataset
from coopgraph.validation import report_for

BAD = Path(__file__).parent / "bad"

# Counted by hand in data/agreements.yaml.
BUNDLED_COUNTS = {
    "agencies": 35,
    "agreements": 26,
    "events": 20,
    "fields": 45,
    "sources": 25,
}


def test_the_bundled_data_is_valid_with_its_counts() -> None:
    report = report_for(load_dataset)
    assert report.to_data() == {"valid": True, "counts": BUNDLED_COUNTS, "issues": []}
    table = report.table()
    assert table.columns == ["result", "records"]
    assert table.rows == [["valid", "35 agencies, 26 agreements, 20 events, 45 fields, 25 sources"]]


def test_a_bad_file_is_reported_issue_by_issue() -> None:
    path = BAD / "unknown-party.yaml"
    report = report_for(lambda: load_dataset(path))
    assert report.to_data() == {
        "valid": False,
        "counts": {},
        "issues": [
            {
                "file": str(path),
                "line": 18,
                "column": 22,
                "path": "agreements[0].parties[1]",
                "message": "unknown agency 'NIZT'; did you mean 'NIST'?",
            }
        ],
    }
    table = report.table()
    assert table.title == "1 problem(s) in the data"
    assert table.columns == ["file", "line", "column", "path", "problem"]
    assert table.rows == [
        [
            str(path),
            18,
            22,
            "agreements[0].parties[1]",
            "unknown agency 'NIZT'; did you mean 'NIST'?",
        ]
    ]


def test_validate_json_on_the_command_line(run) -> None:
    path = BAD / "bad-date.yaml"
    outcome = run("validate", "--data", path, "--format", "json")
    assert outcome.code == 1
    report = json.loads(outcome.out)
    assert list(report) == ["valid", "counts", "issues"]
    assert report["valid"] is False
    assert [list(issue) for issue in report["issues"]] == [
        ["file", "line", "column", "path", "message"]
    ]
    assert report["issues"][0]["line"] == 20


def test_the_problem_column_is_the_one_that_wraps() -> None:
    report = report_for(lambda: load_dataset(BAD / "unknown-party.yaml"))
    assert report.table().wide == ("problem",)
