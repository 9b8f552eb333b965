"""A corpus of malformed data files: each gets exit code 1 and a message naming its line.

Every case is a real file under ``tests/bad/``; the expectation is the line number and a
fragment of the message a user would read on stderr. No case may print a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.cli import main
from coopgraph.errors import DataError

BAD = Path(__file__).parent / "bad"

CASES = {
    "unknown-party.yaml": (18, "unknown agency 'NIZT'; did you mean 'NIST'?"),
    # once passed validation, then crashed export, SPARQL and SHACL as an internal error
    "url-not-an-iri.yaml": (6, "contains '{', which an IRI may not contain"),
    "ror-checksum.yaml": (17, "'05xpvk417' has check digits 17, not 16"),
    "one-party.yaml": (18, "needs at least 2 items, found 1"),
    "same-party-twice.yaml": (18, "'KRISS' is listed twice"),
    "bad-date.yaml": (20, "month 13 is out of range"),
    "bad-type.yaml": (16, "'memorandum' is not one of"),
    "no-sources.yaml": (20, "needs at least 1 item, found 0"),
    "unknown-source.yaml": (20, "unknown source 's9'"),
    "duplicate-id.yaml": (14, "duplicate id 'NIST' (first at line 4, agencies[0])"),
    "country-false.yaml": (16, "found a boolean"),
    "country-unknown.yaml": (16, "'XQ' is not an ISO 3166-1 alpha-2 country code"),
    "missing-field.yaml": (15, "required field is missing"),
    "unknown-field-name.yaml": (20, "unknown field (check its spelling)"),
    "unknown-tech-field.yaml": (22, "unknown field 'quantun'; did you mean 'quantum'?"),
    "field-cycle.yaml": (15, "field 'a' is its own broader field"),
    "part-of-cycle.yaml": (18, "'LAB' would be part of itself"),
    "supports-unknown.yaml": (20, "'dates' is not a field of this record"),
    "duplicate-key.yaml": (17, "duplicate key 'type' (first on line 16)"),
    "broken-yaml.yaml": (17, "not valid YAML"),
    "interval-backwards.yaml": (18, "the interval ends (2024-07-30) before it starts"),
    "unknown-section.yaml": (14, "unknown section 'agreemnts'"),
    "wrong-unit.yaml": (18, "'KRISS' is not part of 'NIST'"),
    "python-tag.yaml": (14, "tag '!!python/object/apply:os.system' is not allowed"),
    "empty.yaml": (1, "the file is empty"),
    "top-level-list.yaml": (1, "expected a mapping"),
    "latin1.yaml": (2, "not UTF-8: byte 0xe9"),
    "null-key.yaml": (6, "while parsing a block mapping; did not find expected key"),
    # characters YAML forbids: the fast parser stopped at a NUL and dropped the rest silently
    "nul-in-value.yaml": (17, "control character U+0000 (NUL) is not allowed in YAML"),
    "nul-first-byte.yaml": (1, "control character U+0000 (NUL) is not allowed in YAML"),
    "nul-in-comment.yaml": (14, "control character U+0000 (NUL) is not allowed in YAML"),
    "esc-in-name.yaml": (10, "control character U+001B (ESC) is not allowed in YAML"),
    "c1-control.yaml": (11, "control character U+0090 is not allowed in YAML"),
    "del-in-quote.yaml": (13, "control character U+007F (DEL) is not allowed in YAML"),
    # aliases counted, not expanded: aliases of aliases of a long text took the fast parser
    # 57 s and 22 GB before it died; an alias inside its own node was read as null
    "alias-bomb.yaml": (29, "aliases repeat too much: with '*l3', 2,341 values and 1,899,000"),
    "alias-wide.yaml": (416, "aliases repeat too much: with '*long'"),
    "alias-loop.yaml": (19, "alias '*loop' is inside the node it names"),
    # tags the fast parser dropped silently (a !!set of parties even validated)
    "tag-custom.yaml": (18, "tag '!custom' is not allowed: data files are plain YAML"),
    "tag-binary.yaml": (9, "tag '!!binary' is not allowed"),
    "tag-set.yaml": (19, "tag '!!set' is not allowed"),
    "tag-map-on-list.yaml": (19, "tag '!!map' is not allowed on a sequence"),
    "tag-directive.yaml": (22, "tag 'tag:example.org,2024:status' is not allowed"),
    # a second document was "expected a mapping, found a list" at 1:1
    "two-documents.yaml": (23, "more than one YAML document"),
    "two-documents-after-end.yaml": (24, "more than one YAML document"),
    # a merge key was an "unknown field"
    "merge-key.yaml": (17, "merge keys ('<<') are not supported: write the fields out"),
    "merge-key-alias.yaml": (14, "merge keys ('<<') are not supported"),
    # nesting: 20,000 levels killed the process (a stack overflow in the fast parser)
    "deep-block.yaml": (22, "nested more than 100 levels deep"),
    "deep-block-crash.yaml": (22, "nested more than 100 levels deep"),
    "deep-flow.yaml": (21, "exceeded maximum nesting depth"),
    "first-line-colon.yaml": (2, "did not find expected key"),
    "control-and-error.yaml": (3, "control character U+0007 (BEL) is not allowed in YAML"),
    # digits other than 0-9 in dates were read as ASCII silently
    "fullwidth-date.yaml": (
        21,
        "'\uff12\uff10\uff12\uff14-01' is written with '\uff12' (U+FF12 FULLWIDTH DIGIT TWO);"
        " write dates with the digits 0-9",
    ),
    "arabic-indic-date.yaml": (22, "(U+0662 ARABIC-INDIC DIGIT TWO); write dates with the digits"),
    "devanagari-valid-from.yaml": (11, "(U+0967 DEVANAGARI DIGIT ONE)"),
    "math-digits-published.yaml": (3, "(U+1D7D0 MATHEMATICAL BOLD DIGIT TWO)"),
}


def test_the_corpus_is_complete() -> None:
    assert {p.name for p in BAD.glob("*.yaml")} == set(CASES)
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_reported_with_its_line(run, name: str) -> None:
    line, fragment = CASES[name]
    outcome = run("validate", "--data", BAD / name)
    assert outcome.code == 1
    assert "Traceback" not in outcome.err + outcome.out
    listed = [row for row in outcome.out.splitlines() if fragment in row]
    assert listed, outcome.out
    assert any(f"{name}:{line}:" in row for row in listed), listed


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_commands_fail_the_same_way_on_stderr(run, name: str) -> None:
    line, fragment = CASES[name]
    outcome = run("partners", "NIST", "--data", BAD / name)
    assert outcome.code == 1
    assert outcome.out == ""
    assert fragment in outcome.err
    assert f"{name}:{line}:" in outcome.err
    assert "Traceback" not in outcome.err


def test_all_problems_are_reported_in_one_run(run, tmp_path: Path) -> None:
    text = (
        (BAD / "unknown-party.yaml").read_text()
        + """\
  - id: a2
    type: mou
    title: {en: Another}
    parties: [KRISS, NIST]
    status: done
    date: "2024-02-30"
    sources: [{source: s1, quote: q}]
"""
    )
    data = tmp_path / "many.yaml"
    data.write_text(text)
    outcome = run("validate", "--data", data, "--format", "json")
    import json

    report = json.loads(outcome.out)
    messages = {(i["path"], i["line"]) for i in report["issues"]}
    assert ("agreements[0].parties[1]", 18) in messages  # a reference problem ...
    assert ("agreements[1].status", 25) in messages  # ... next to a type problem
    assert ("agreements[1].date", 26) in messages
    assert report["valid"] is False


def test_debug_lets_the_exception_through() -> None:
    """With --debug the error propagates, so Python prints its traceback."""
    with pytest.raises(DataError, match="the file is empty"):
        main(["partners", "NIST", "--debug", "--data", str(BAD / "empty.yaml")])


def test_directory_merges_files_and_names_the_right_file(run, tmp_path: Path) -> None:
    good = (Path(__file__).parent / "good.yaml").read_text()
    (tmp_path / "a.yaml").write_text(good)
    (tmp_path / "b.yaml").write_text(
        "agreements:\n  - id: b1\n    type: loi\n    title: {en: B}\n"
        "    parties: [KRISS, NIZT]\n    status: signed\n    sources: [{source: s1, quote: q}]\n"
    )
    outcome = run("partners", "KRISS", "--data", tmp_path)
    assert outcome.code == 1
    assert f"{tmp_path / 'b.yaml'}:5:" in outcome.err
    assert "agreements[0].parties[1]" in outcome.err  # index local to b.yaml


def test_a_duplicate_id_in_another_file_names_that_file_and_line(run, tmp_path: Path) -> None:
    """The model counts records over all files merged: "first at agencies[0]" named no file."""
    good = (Path(__file__).parent / "good.yaml").read_text()
    (tmp_path / "a.yaml").write_text(good)
    (tmp_path / "b.yaml").write_text(
        "# another file\nagencies:\n  - id: KRISS\n    names: [{text: K, lang: en}]\n"
        "    country: KR\n    kind: metrology-institute\n    sources: [{source: s1, quote: q}]\n"
    )
    outcome = run("validate", "--data", tmp_path)
    assert outcome.code == 1
    expected = (
        f"{tmp_path / 'b.yaml'}:3:5: agencies[0].id: duplicate id 'KRISS' "
        f"(first at {tmp_path / 'a.yaml'}:9, agencies[1])"
    )
    assert expected in outcome.out.splitlines(), outcome.out


def test_a_duplicate_id_after_a_broken_record_counts_the_files_records(run, tmp_path: Path) -> None:
    """With a broken record, duplicates are found among the valid ones: index them as written."""
    record = "  - id: {}\n    type: mou\n    title: {{en: T}}\n    parties: [KRISS, NIST]\n"
    record += "    status: {}\n    sources: [{{source: s1, quote: q}}]\n"
    text = (Path(__file__).parent / "good.yaml").read_text()
    text = text.replace("agreements:\n", "agreements:\n" + record.format("a0", "nonsense"))
    data = tmp_path / "again.yaml"
    data.write_text(text + record.format("a1", "signed"))
    outcome = run("validate", "--data", data)
    expected = "agreements[2].id: duplicate id 'a1' (first at line 21, agreements[1])"
    assert f"{data}:28:5: {expected}" in outcome.out.splitlines(), outcome.out


def test_missing_data_path(run, tmp_path: Path) -> None:
    outcome = run("partners", "NIST", "--data", tmp_path / "nope.yaml")
    assert outcome.code == 1 and "no such file or directory" in outcome.err


@pytest.mark.parametrize(
    ("base", "problem"),
    [
        ("https://x.org/{a}/", "contains '{', which an IRI may not contain"),
        ("coopgraph/", "is not an absolute IRI"),
        ("https://x.org/a b/", "contains ' '"),
        ("https://x.org/a", "must end with '/' or '#'"),
    ],
    ids=["brace", "relative", "space", "no-slash"],
)
def test_an_invalid_base_iri_is_a_usage_error(run, base: str, problem: str) -> None:
    outcome = run("export", "--format", "turtle", "--base", base)
    assert outcome.code == 2 and outcome.out == ""
    assert problem in outcome.err and "Traceback" not in outcome.err
