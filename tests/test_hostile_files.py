"""Files made to hurt: devices, pipes, directories, huge sizes, bombs, RDF from elsewhere.

Every case ends in a message that names the file (and its line where there is one), exit
code 1 for data and 2 for usage, no traceback, and neither a hang nor a blow-up: the
cases that once took minutes and gigabytes, or blocked forever, run in a child process
with a time limit and an address-space limit, so a regression fails instead of hanging
the suite. The RDF corpus in ``tests/bad_rdf/`` is read by all three commands that
read RDF files (``import``, ``validate --shacl``, ``sparql --rdf``).
"""

from __future__ import annotations

import dataclasses
import io
import os
import resource
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from coopgraph import load, models
from coopgraph.dates import DateSpan, PartialDate
from coopgraph.errors import DataError, UsageError
from coopgraph.load import data_files, default_data_path
from coopgraph.rdf import read as rdf_read

HERE = Path(__file__).parent
BAD_RDF = HERE / "bad_rdf"
GOOD = (HERE / "good.yaml").read_text()
COMMAND = [sys.executable, "-c", "from coopgraph.cli import run; run()"]

#: RDF that is refused before Oxigraph parses it: (line or None, fragment of the message).
RDF_CASES = {
    # 1 KB of nested entities took 24 GB; an external entity (XXE) is refused the same way
    "entity-bomb.rdf": (3, "RDF/XML with a DTD (an entity declaration or an internal subset)"),
    "xxe.rdf": (3, "entities can expand a small file without bound or bring in other files"),
    "parameter-entity.rdf": (3, "RDF/XML with a DTD"),
    "doctype-subset.rdf": (3, "RDF/XML with a DTD"),
    # 5,000 nested JSON-LD objects crashed the process; RDF/XML slows with the cube of depth
    "deep.jsonld": (2, "nested more than 256 levels deep"),
    "deep.rdf": (5, "nested more than 256 levels deep"),
    # were "No LoadDocumentCallback has been set to load remote contexts"
    "remote-context.jsonld": (None, "remote JSON-LD context https://schema.org/ is not fetched"),
    "remote-contexts.jsonld": (
        None,
        "contexts https://a.example/one.jsonld, https://b.example/two.jsonld are not fetched",
    ),
    "import-context.jsonld": (None, "context https://example.org/context.jsonld is not fetched"),
    # were Oxigraph's "Invalid UTF-8: incomplete utf-8 byte sequence from index 3"
    "latin1.ttl": (3, "not UTF-8: byte 0xe9 cannot be decoded; coopgraph reads RDF as UTF-8"),
    "cp1252.nt": (1, "not UTF-8: byte 0x93"),
    "utf16.rdf": (1, "not UTF-8 but UTF-16"),
}

READERS = {
    "import": lambda path: ("import", path),
    "validate-shacl": lambda path: ("validate", "--shacl", path),
    "sparql-rdf": lambda path: ("sparql", "partners", "-p", "agency=NIST", "--rdf", path),
}


# --- not a regular file --------------------------------------------------------------------


def _devices() -> list[str]:
    return [d for d in ("/dev/zero", "/dev/null", "/dev/urandom") if Path(d).exists()]


@pytest.mark.parametrize("device", _devices())
def test_a_device_as_data_is_a_usage_error(run, device: str) -> None:
    """``--data /dev/zero`` was read until memory ran out (a MemoryError)."""
    for command in (("validate",), ("partners", "NIST")):
        outcome = run(*command, "--data", device)
        assert outcome.code == 2, outcome.err
        assert f"'{device}' is a character device, not a regular file" in outcome.err
        assert "--data takes a YAML file or a directory of them" in outcome.err


def test_a_directory_named_like_a_data_file_is_a_usage_error(run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").mkdir()
    outcome = run("validate", "--data", tmp_path)
    assert outcome.code == 2
    assert f"'{tmp_path / 'b.yaml'}' is a directory, not a regular file" in outcome.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--data", "{fifo}.yaml"),
        ("validate", "--data", "{folder}"),
        ("partners", "NIST", "--data", "{fifo}.yaml"),
    ],
    ids=["validate", "in-a-folder", "partners"],
)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Opening a FIFO for reading blocks until something writes to it: it is never opened."""
    _refused_pipe(tmp_path, args)


def _refused_pipe(tmp_path: Path, args: tuple[str, ...]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for suffix in (".yaml", ".ttl"):
        os.mkfifo(folder / f"pipe{suffix}")
    given = [a.format(fifo=folder / "pipe", folder=folder) for a in args]
    done = subprocess.run(
        [*COMMAND, *given], capture_output=True, text=True, timeout=60, env=_env(tmp_path)
    )
    assert done.returncode == 2, done.stderr
    assert "is a named pipe (FIFO), not a regular file" in done.stderr
    assert str(folder / "pipe") in done.stderr


def test_a_link_to_nothing_is_named(run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").symlink_to(tmp_path / "gone.yaml")
    outcome = run("validate", "--data", tmp_path)
    assert outcome.code == 1
    assert f"{tmp_path / 'b.yaml'}: a symbolic link to nothing" in outcome.err + outcome.out


# --- which files a data directory stands for -----------------------------------------------


def test_yaml_files_are_read_whatever_the_case_of_their_suffix(run, tmp_path: Path) -> None:
    """A broken ``c.YAML`` was skipped silently, and its records with it."""
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.Yml").write_text("fields:\n  - {id: quantum, label: {en: Quantum}}\n")
    (tmp_path / "c.YAML").write_text("agreements: [\n")
    assert data_files(tmp_path) == [tmp_path / n for n in ("a.yaml", "b.Yml", "c.YAML")]
    outcome = run("validate", "--data", tmp_path)
    assert outcome.code == 1
    assert f"{tmp_path / 'c.YAML'}:2:1: not valid YAML" in outcome.out
    (tmp_path / "c.YAML").unlink()
    assert "1 fields" in run("validate", "--data", tmp_path, "--format", "table").out


def test_hidden_files_are_not_data(tmp_path: Path) -> None:
    """As with the shell's ``*.yaml``, an editor's lock file (``.#a.yaml``) stays out."""
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / ".#a.yaml").symlink_to("user@host.1234")
    assert data_files(tmp_path) == [tmp_path / "a.yaml"]


# --- sizes ---------------------------------------------------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk space used: only the size is big
    return path


def test_a_huge_data_file_is_refused_before_it_is_read(run, tmp_path: Path) -> None:
    huge = _sparse(tmp_path / "huge.yaml", load.MAX_FILE_BYTES + 1)
    outcome = run("validate", "--data", huge)
    assert outcome.code == 1
    assert f"{huge}: the file is larger than 256 MB" in outcome.out
    assert "split it into several files" in outcome.out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_larger_than_it_says_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Files of /proc report size 0; the read itself stops one byte past the limit."""
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 64)
    with pytest.raises(DataError, match="larger than 0 MB \\(65 bytes or more\\)"):
        load.read_regular_file(Path("/proc/self/status"), "a test")


# --- helpers -------------------------------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "COOPGRAPH_CACHE": str(tmp_path / "cache")}


def _bounded(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real command with 2 GB of address space and a minute: a bomb fails, not hangs."""

    def limit() -> None:
        gigabytes = 2 * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (gigabytes, gigabytes))

    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
        preexec_fn=limit,
    )


# --- YAML bombs, with the time and memory they may take bounded ----------------------------


def test_a_yaml_alias_bomb_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """100 KB of aliases of large texts: 57 s and 22 GB, then a Rust panic."""
    bomb = GOOD + "    note: &t0 '" + "x" * 90_000 + "'\n    scope:\n"
    for level in range(1, 9):
        bomb += f"      - &t{level} [" + ", ".join([f"*t{level - 1}"] * 9) + "]\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb)
    assert 90_000 < path.stat().st_size < 110_000
    done = _bounded(["validate", "--data", str(path)], tmp_path)
    assert done.returncode == 1, done.stderr
    assert f"{path}:25:14: agreements[0].scope[1][0]: aliases repeat too much" in done.stdout


def test_aliases_as_pyyaml_writes_them_are_read(tmp_path: Path) -> None:
    """PyYAML writes an anchor and aliases for a list that two records share: that is data."""
    import yaml

    cited = [{"source": "s1", "quote": "q"}]
    data = yaml.safe_load(GOOD)
    for agency in data["agencies"]:
        agency["sources"] = cited
    path = tmp_path / "shared.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert "&id001" in path.read_text() and "*id001" in path.read_text()
    dataset = load.load_dataset(path)
    first, second = (agency.sources for agency in dataset.agencies)
    assert first == second and len(first) == 1


def test_deep_yaml_does_not_kill_the_process(tmp_path: Path) -> None:
    """200,000 nested lists (400 KB) crashed the fast YAML parser with a stack overflow."""
    deep = tmp_path / "deep.yaml"
    deep.write_text(GOOD + "    note:\n      " + "- " * 200_000 + "x\n")
    done = _bounded(["validate", "--data", str(deep)], tmp_path)
    assert done.returncode == 1 and "nested more than 100 levels deep" in done.stdout


# --- the fast path stays fast --------------------------------------------------------------


def test_the_bundled_data_needs_no_careful_look() -> None:
    """The careful (event-parser) read is for suspect files only: the real data never pays."""
    for file in data_files(default_data_path()):
        assert not load._needs_a_careful_look(file.read_bytes()), file


def test_the_date_fields_looked_at_are_those_of_the_model() -> None:
    """Dates in other digits are looked for where the model has dates; a new one must be added."""

    def dated(kind: type) -> set[str]:
        hints = typing.get_type_hints(kind, include_extras=True)
        return {f.name for f in dataclasses.fields(kind) if _holds_date(hints[f.name])}

    def parts(kind: type) -> dict[str, set[str]]:
        hints = typing.get_type_hints(kind, include_extras=True)
        found = {}
        for f in dataclasses.fields(kind):
            for inner in _records_in(hints[f.name]):
                if fields := dated(inner):
                    found[f.name] = fields
        return found

    expected = {
        section: (dated(kind), parts(kind))
        for section, kind in models.SECTIONS.items()
        if dated(kind) or parts(kind)
    }
    actual = {
        section: (set(own), {part: set(keys) for part, keys in nested.items()})
        for section, (own, nested) in load._DATE_FIELDS.items()
    }
    assert actual == expected


def _holds_date(hint: object) -> bool:
    return hint in (PartialDate, DateSpan) or any(_holds_date(a) for a in typing.get_args(hint))


def _records_in(hint: object) -> set[type]:
    found: set[type] = set()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        found.add(hint)
    for arg in typing.get_args(hint):
        found |= _records_in(arg)
    return found - {PartialDate, DateSpan}


# --- RDF files -----------------------------------------------------------------------------


def test_the_rdf_corpus_is_complete() -> None:
    assert {p.name for p in BAD_RDF.iterdir()} == set(RDF_CASES)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("name", sorted(RDF_CASES))
def test_bad_rdf_is_refused_with_its_place(run, name: str, reader: str) -> None:
    line, fragment = RDF_CASES[name]
    path = BAD_RDF / name
    outcome = run(*READERS[reader](path))
    assert outcome.code == 1, outcome.err
    assert "Traceback" not in outcome.err and "Internal error" not in outcome.err
    assert fragment in outcome.err, outcome.err
    where = f"{path}:{line}:" if line is not None else f"{path}: "
    assert any(where in row and fragment in row for row in outcome.err.splitlines()), outcome.err


def test_a_stream_gets_the_checks_a_file_gets() -> None:
    bomb = (BAD_RDF / "entity-bomb.rdf").read_bytes()
    with pytest.raises(DataError, match="RDF/XML with a DTD"):
        rdf_read.read(io.BytesIO(bomb), "rdfxml")


def test_an_unknown_suffix_asks_for_the_format_and_lists_those_read(tmp_path: Path) -> None:
    path = tmp_path / "coop.data"
    path.write_text('<http://example.org/s> <http://example.org/p> "x" .\n')
    with pytest.raises(UsageError) as refused:
        rdf_read.parse_file(path)
    message = str(refused.value)
    assert "'" + str(path) + "'" in message and "name the format with --rdf-format" in message
    assert "turtle (.ttl)" in message and "rdfxml (.rdf .xml .owl)" in message
    assert len(rdf_read.parse_rdflib(path, "ntriples")) == 1  # a format may be named


def test_an_unknown_format_name_lists_those_read(tmp_path: Path) -> None:
    path = tmp_path / "coop.ttl"
    path.write_text("")
    with pytest.raises(UsageError, match="unknown RDF format 'svg'; name the format with"):
        rdf_read.parse_file(path, "svg")


def test_a_byte_order_mark_is_no_syntax_error(run, tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte-order mark; Oxigraph's Turtle parser refused it."""
    exported = tmp_path / "coop.ttl"
    assert run("export", "-o", exported, "--format", "turtle").code == 0
    marked = tmp_path / "marked.ttl"
    marked.write_bytes(b"\xef\xbb\xbf" + exported.read_bytes())
    outcome = run("import", marked)
    assert outcome.code == 0, outcome.err


def test_coopgraph_rdf_is_far_from_the_limits(run, tmp_path: Path) -> None:
    """The refusals leave coopgraph's own exports alone, in every format that nests."""
    for fmt, suffix in (("rdfxml", "rdf"), ("jsonld", "jsonld")):
        exported = tmp_path / f"coop.{suffix}"
        assert run("export", "-o", exported, "--format", fmt).code == 0
        data = exported.read_bytes()
        assert rdf_read._DTD.search(data.decode()) is None
        assert rdf_read._deepest(data, rdf_read._JSON_NESTING, "jsonld") is None
        assert run("import", exported).code == 0


@pytest.mark.parametrize("fmt", ["jsonld", "rdfxml"])
@pytest.mark.parametrize("depth", [256, 257])
def test_nesting_is_measured_to_the_level(fmt: str, depth: int) -> None:
    """The fast measure (C) and the walk that finds the place agree, at the limit."""
    if fmt == "jsonld":
        opening, closing = '{"p": ["]\\"{", 1, ', "]}"  # a string with brackets, 2 levels
        text = opening * (depth // 2) + ("{}" if depth % 2 else "") + closing * (depth // 2)
    else:
        opening, closing = '<a t="/>"><!-- <b> --><c/><![CDATA[<d>]]>', "</a>"
        text = opening * depth + closing * depth
    found = rdf_read._too_deep(text.encode(), fmt)
    assert (found is None) == (depth <= 256)
    pattern = rdf_read._JSON_NESTING if fmt == "jsonld" else rdf_read._XML_NESTING
    assert found == rdf_read._deepest(text.encode(), pattern, fmt)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_device_as_rdf_is_a_usage_error(run, reader: str) -> None:
    if not _devices():
        pytest.skip("no /dev/zero here")
    outcome = run(
        *READERS[reader]("/dev/zero"), "--rdf-format" if reader != "import" else "-f", "turtle"
    )
    assert outcome.code == 2, outcome.err
    assert "'/dev/zero' is a character device, not a regular file: give an RDF file" in outcome.err


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_directory_as_rdf_is_a_usage_error(run, tmp_path: Path, reader: str) -> None:
    """A directory was an internal error (IsADirectoryError)."""
    folder = tmp_path / "coop.ttl"
    folder.mkdir()
    outcome = run(*READERS[reader](folder))
    assert outcome.code == 2, outcome.err
    assert f"'{folder}' is a directory, not a regular file: give an RDF file" in outcome.err
    assert "Internal error" not in outcome.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "args",
    [
        ("import", "{fifo}.ttl"),
        ("validate", "--shacl", "{fifo}.ttl"),
        ("sparql", "partners", "-p", "agency=NIST", "--rdf", "{fifo}.ttl"),
    ],
    ids=["import", "shacl", "sparql"],
)
def test_a_named_pipe_as_rdf_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    _refused_pipe(tmp_path, args)


def test_a_huge_rdf_file_is_refused_before_it_is_read(run, tmp_path: Path) -> None:
    huge = _sparse(tmp_path / "huge.nt", load.MAX_FILE_BYTES + 1)
    outcome = run("import", huge)
    assert outcome.code == 1
    assert "coopgraph reads RDF up to 256 MB" in outcome.err


def test_an_entity_bomb_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    done = _bounded(["import", str(BAD_RDF / "entity-bomb.rdf")], tmp_path)
    assert done.returncode == 1 and "RDF/XML with a DTD" in done.stderr


def test_deep_json_ld_does_not_kill_the_process(tmp_path: Path) -> None:
    """50,000 nested JSON-LD objects crashed Oxigraph with a stack overflow."""
    ld = tmp_path / "deep.jsonld"
    nested = '{"http://example.org/p": ' * 50_000 + "1" + "}" * 50_000
    ld.write_text('{"@id": "http://example.org/s", "http://example.org/p": ' + nested + "}")
    done = _bounded(["import", str(ld)], tmp_path)
    assert done.returncode == 1 and "nested more than 256 levels deep" in done.stderr
