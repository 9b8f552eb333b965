"""Problems in the data as editors and CI read them: ``file:line:col: message``, one a line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coopgraph.errors import Issue

BAD = Path(__file__).parent / "bad"
#: What Emacs' compilation mode, Vim's errorformat and GitHub problem matchers read.
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>\S.*)$")
CASES = ["unknown-party.yaml", "bad-date.yaml", "duplicate-key.yaml", "latin1.yaml"]


@pytest.mark.parametrize("name", CASES)
def test_validate_lists_one_located_problem_a_line(run, name: str) -> None:
    outcome = run("validate", "--data", BAD / name)
    assert outcome.code == 1
    issues = json.loads(run("validate", "--data", BAD / name, "-f", "json").out)["issues"]
    lines = outcome.out.splitlines()
    assert len(lines) == len(issues)
    for line, issue in zip(lines, issues, strict=True):
        found = LOCATED.match(line)
        assert found, line
        assert found["file"] == str(BAD / name)
        assert (int(found["line"]), int(found["column"])) == (issue["line"], issue["column"])
        assert issue["message"] in found["message"] and issue["path"] in found["message"]
    assert outcome.err.strip().endswith("in the data")


def test_the_table_stays_available(run) -> None:
    outcome = run("validate", "--data", BAD / "unknown-party.yaml", "--format", "table")
    assert outcome.code == 1
    row = next(r for r in outcome.out.splitlines() if "NIZT" in r)
    assert re.search(r"unknown-party\.yaml +18 +22 +agreements\[0\]\.parties\[1\]", row)


def test_valid_data_is_one_line(run) -> None:
    outcome = run("validate")
    assert outcome.code == 0
    assert outcome.out == "valid: 35 agencies, 26 agreements, 20 events, 45 fields, 25 sources\n"


@pytest.mark.parametrize("name", CASES)
def test_other_commands_list_the_problems_on_stderr(run, name: str) -> None:
    outcome = run("agreements", "--data", BAD / name)
    assert (outcome.code, outcome.out) == (1, "")
    *problems, summary = outcome.err.splitlines()
    assert problems and all(LOCATED.match(line) for line in problems), outcome.err
    assert re.fullmatch(r"Error: \d+ problems? in the data", summary)


def test_a_message_of_several_lines_is_one_line() -> None:
    issue = Issue("a.yaml", "while parsing a block mapping\n  did not find expected key", (), 3, 4)
    assert str(issue) == "a.yaml:3:4: while parsing a block mapping did not find expected key"
