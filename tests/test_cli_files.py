"""Files named as people name them: formats told by suffixes, and -o targets named back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

#: What each exported file starts with (or holds), by the name it was given.
EXPORTS = {
    "coop.ttl": b"@prefix",
    "coop.turtle": b"@prefix",
    "coop.nt": b"<https://w3id.org/coopgraph/",
    "coop.nq": b"<https://w3id.org/coopgraph/",
    "coop.trig": b"@prefix",
    "coop.jsonld": b"[",
    "coop.rdf": b"<?xml",
    "coop.rdfxml": b"<?xml",
    "coop.graphml": b"<graphml",
    "coop.gexf": b"<gexf",
    "coop.dot": b"graph",
    "coop.html": b"<!DOCTYPE html>",
    "coop.htm": b"<!DOCTYPE html>",
    "coop.svg": b"<!DOCTYPE svg",
    "coop.png": b"\x89PNG",
}
NEEDS_GRAPHVIZ = {"coop.svg", "coop.png"}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_export_tells_the_format_by_the_name(run, tmp_path: Path, name: str) -> None:
    if name in NEEDS_GRAPHVIZ and shutil.which("neato") is None:
        pytest.skip("Graphviz's neato draws SVG and PNG")
    outcome = run("export", "-o", tmp_path / name)
    assert outcome.code == 0, outcome.err
    content = (tmp_path / name).read_bytes()
    assert EXPORTS[name] in content[:200], content[:200]
    if name == "coop.nq":  # N-Quads: four terms a line, the graph last
        assert content.split(b"\n", 1)[0].rstrip().endswith(b"> .")
    if name == "coop.jsonld":
        json.loads(content)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "turtle", "-o", "coop.svg"], "'turtle' does not match 'coop.svg'"),
        (["-f", "html", "-o", "coop.nt"], "a name for ntriples"),
        (["-o", "coop.json"], "could hold jsonld, cytoscape or nodelink; name one with --format"),
        (["-o", "coop.xml"], "could hold rdfxml, graphml or gexf"),
    ],
    ids=["turtle-svg", "html-nt", "json", "xml"],
)
def test_a_name_and_a_format_that_disagree_are_refused(run, tmp_path, args, message) -> None:
    args = [str(tmp_path / a) if a.startswith("coop.") else a for a in args]
    outcome = run("export", *args)
    assert outcome.code == 2 and message in outcome.err.replace(str(tmp_path) + "/", "")
    assert list(tmp_path.iterdir()) == []


def test_a_format_the_name_agrees_with_is_kept(run, tmp_path: Path) -> None:
    for fmt, name in [("nodelink", "n.json"), ("cytoscape", "c.json"), ("jsonld", "j.json")]:
        assert run("export", "-f", fmt, "-o", tmp_path / name).code == 0
    assert "elements" in json.loads((tmp_path / "c.json").read_text())
    assert "nodes" in json.loads((tmp_path / "n.json").read_text())
    assert run("export", "-f", "ntriples", "-o", tmp_path / "plain.txt").code == 0
    assert (tmp_path / "plain.txt").read_text().startswith("<https://")


RDF_NAMES = ["coop.ttl", "coop.turtle", "coop.nt", "coop.nq", "coop.trig", "coop.jsonld",
             "coop.rdf"]  # fmt: skip


@pytest.mark.parametrize("name", RDF_NAMES)
def test_sparql_and_shacl_read_every_name_export_writes(run, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    assert run("export", "-o", target).code == 0
    expected = json.loads(run("sparql", "partners", "-p", "agency=NIST", "-f", "json").out)
    outcome = run("sparql", "partners", "-p", "agency=NIST", "--rdf", target, "-f", "json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out) == expected
    checked = run("validate", "--shacl", target)
    assert checked.code == 0, checked.err + checked.out


def test_a_name_that_tells_nothing_takes_rdf_format(run, tmp_path: Path) -> None:
    exported = tmp_path / "coop.data"
    assert run("export", "-f", "ntriples", "-o", exported).code == 0
    unnamed = run("sparql", "partners", "-p", "agency=NIST", "--rdf", exported)
    assert unnamed.code == 2 and "name it with --rdf-format" in unnamed.err
    for fmt in ("ntriples", "nt"):
        named = run("sparql", "partners", "-p", "agency=NIST", "--rdf", exported,
                    "--rdf-format", fmt)  # fmt: skip
        assert named.code == 0, named.err
    assert run("validate", "--shacl", exported, "--rdf-format", "ntriples").code == 0
    assert run("import", exported, "--format", "nt").code == 0
    wrong = run("sparql", "partners", "-p", "agency=NIST", "--rdf", exported, "--rdf-format", "svg")
    assert wrong.code == 2 and "'svg' is not an RDF format" in wrong.err
    alone = run("sparql", "partners", "-p", "agency=NIST", "--rdf-format", "nt")
    assert alone.code == 2 and "only goes with --rdf FILE" in alone.err


# --- -o targets that cannot be written: named as given -------------------------------------


@pytest.fixture
def read_only_dir(tmp_path: Path):
    """A directory no file can be created in: chmod 555, or for root (whom modes do not
    stop) a sysfs directory, where the kernel refuses new files to everyone."""
    import os

    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
    elif Path("/sys/kernel").is_dir():
        yield Path("/sys/kernel")
    else:
        pytest.skip("no directory a root process cannot write to")


@pytest.mark.parametrize("command", ["export", "import"])
@pytest.mark.parametrize("name", ["coop.ttl", "coop.svg"])
def test_a_read_only_directory_is_named_not_a_temporary_file(
    run, tmp_path: Path, read_only_dir: Path, command: str, name: str
) -> None:
    if command == "import":
        source = tmp_path / "source.ttl"
        assert run("export", "-o", source).code == 0
        name, args = name.replace("coop.ttl", "data.yaml"), [command, source]
    else:
        args = [command]
    if name.endswith(".svg") and shutil.which("neato") is None:
        pytest.skip("Graphviz's neato draws SVG")
    target = read_only_dir / name
    outcome = run(*args, "-o", target)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"Error: cannot write {target}: permission denied\n"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "-o '' names no file; give a file name, or - for stdout"),
        ("  ", "-o '  ' names no file"),
        ("{tmp}/", "cannot write {tmp}/: it names a directory; name a file in it"),
        ("{tmp}", "cannot write {tmp}: it is a directory; name a file"),
        ("{tmp}/missing/coop.ttl", "cannot write {tmp}/missing/coop.ttl: the directory"),
        ("{tmp}/file.txt/coop.ttl", "cannot write {tmp}/file.txt/coop.ttl: {tmp}/file.txt is not"),
        ("{tmp}/" + "x" * 300 + ".ttl", "file name too long"),
    ],
    ids=["empty", "blank", "slash", "directory", "missing", "under-a-file", "too-long"],
)
@pytest.mark.parametrize("command", ["export", "import"])
def test_an_unusable_target_is_named_as_given(run, tmp_path, command, given, message) -> None:
    (tmp_path / "file.txt").write_text("notes\n")
    source = tmp_path / "source.ttl"
    assert run("export", "-o", source).code == 0
    args = [command, source] if command == "import" else [command]
    before = sorted(tmp_path.iterdir())
    outcome = run(*args, "-o", given.format(tmp=tmp_path))
    assert (outcome.code, outcome.out) == (2, "")
    assert message.format(tmp=tmp_path) in outcome.err and ".tmp" not in outcome.err
    assert sorted(tmp_path.iterdir()) == before


def test_a_failure_while_writing_names_the_target(run, tmp_path: Path, monkeypatch) -> None:
    """A full disk: exit 1, the file named as given, nothing left behind."""
    import errno

    import coopgraph.atomic

    mkstemp = coopgraph.atomic.tempfile.mkstemp

    def full(*args, **kwargs):  # the export's folder is full; the cache's is not
        if Path(kwargs.get("dir", "")) != tmp_path:
            return mkstemp(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".c.ttl.x.tmp"))

    monkeypatch.setattr(coopgraph.atomic.tempfile, "mkstemp", full)
    outcome = run("export", "-o", tmp_path / "c.ttl")
    assert outcome.code == 1
    assert outcome.err == f"Error: cannot write {tmp_path / 'c.ttl'}: no space left on device\n"
    assert list(tmp_path.iterdir()) == []
