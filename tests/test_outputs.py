"""``-o`` never loses data: not the data a command reads, not a file coopgraph did not write.

Each case is a mistake a user makes with a real file: the data file as the output, a link
to it, an RDF file imported onto itself, notes in the way, RDF with nothing to import.
Whatever is refused, the file named by ``-o`` is left byte for byte as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coopgraph.load import default_data_path

DATA = default_data_path() / "agreements.yaml"


@pytest.fixture
def own_data(tmp_path: Path) -> Path:
    copy = tmp_path / "data" / "agreements.yaml"
    copy.parent.mkdir()
    shutil.copy(DATA, copy)
    return copy


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_export_never_writes_over_the_data_it_reads(run, own_data: Path, force) -> None:
    before = own_data.read_bytes()
    for output in (own_data, own_data.parent / "." / "agreements.yaml"):
        outcome = run("export", "--data", own_data, "-o", output, *force)
        assert outcome.code == 2 and "this command reads it" in outcome.err
        # a folder of data: each of its files is an input
        outcome = run("export", "--data", own_data.parent, "-o", output, *force)
        assert outcome.code == 2 and "this command reads it" in outcome.err
    assert own_data.read_bytes() == before


def test_export_never_writes_through_a_link_to_its_data(run, own_data: Path, tmp_path) -> None:
    before = own_data.read_bytes()
    (tmp_path / "link.ttl").symlink_to(own_data)
    (tmp_path / "hard.ttl").hardlink_to(own_data)
    for output in ("link.ttl", "hard.ttl"):
        outcome = run("export", "--data", own_data, "-o", tmp_path / output, "--force")
        assert outcome.code == 2 and "this command reads it" in outcome.err
    assert own_data.read_bytes() == before


def test_the_bundled_data_is_protected_too(run) -> None:
    before = DATA.read_bytes()
    outcome = run("export", "-o", DATA)
    assert outcome.code == 2 and "this command reads it" in outcome.err
    assert DATA.read_bytes() == before


def test_a_file_coopgraph_did_not_write_needs_force(run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.ttl"
    notes.write_text("my notes\n")
    outcome = run("export", "-o", notes)
    assert outcome.code == 2
    assert "coopgraph did not write it (or it changed since); use --force" in outcome.err
    assert notes.read_text() == "my notes\n"
    assert run("export", "-o", notes, "--force").code == 0
    assert notes.read_text().startswith("@prefix")


def test_an_earlier_output_is_replaced_unless_someone_changed_it(run, tmp_path: Path) -> None:
    target = tmp_path / "coop.graphml"  # (no drawing tool needed)
    for _ in range(2):
        assert run("export", "--format", "graphml", "-o", target).code == 0
    with target.open("a") as handle:
        handle.write("<!-- edited by hand -->")
    edited = target.read_bytes()
    assert run("export", "--format", "graphml", "-o", target).code == 2
    assert target.read_bytes() == edited


def test_without_a_cache_every_existing_file_needs_force(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COOPGRAPH_CACHE", "off")
    target = tmp_path / "coop.ttl"
    assert run("export", "-o", target).code == 0
    assert run("export", "-o", target).code == 2
    assert run("export", "-o", target, "--force").code == 0


def test_a_folder_or_a_missing_folder_is_refused_with_a_message(run, tmp_path: Path) -> None:
    outcome = run("export", "-o", tmp_path)
    assert outcome.code == 2 and "is a directory; name a file" in outcome.err
    outcome = run("export", "-o", tmp_path / "missing" / "coop.ttl")
    assert outcome.code == 2 and "does not exist" in outcome.err
    assert "Traceback" not in outcome.err


def test_import_never_writes_over_its_source(run, tmp_path: Path) -> None:
    ttl = tmp_path / "coop.ttl"
    assert run("export", "-o", ttl).code == 0
    before = ttl.read_bytes()
    outcome = run("import", ttl, "-o", ttl, "--force")
    assert outcome.code == 2 and "this command reads it" in outcome.err
    assert ttl.read_bytes() == before


def test_import_of_rdf_without_records_writes_nothing(run, tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("@prefix x: <http://example.org/> .\nx:a x:b x:c .\n")
    keep = tmp_path / "keep.yaml"
    keep.write_text("agencies: []\n")
    for target in (keep, tmp_path / "new.yaml"):
        outcome = run("import", other, "-o", target, "--force")
        assert outcome.code == 1
        assert "holds no coopgraph records" in outcome.err and "nothing to import" in outcome.err
    assert keep.read_text() == "agencies: []\n"
    assert not (tmp_path / "new.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.yaml", "other.ttl"]


def test_a_replaced_file_keeps_its_permissions(run, tmp_path: Path) -> None:
    target = tmp_path / "private.ttl"
    assert run("export", "-o", target).code == 0
    target.chmod(0o600)
    assert run("export", "-o", target).code == 0
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_symlink_is_written_through_and_stays_a_link(run, tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    assert run("export", "-o", real).code == 0
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    real.write_bytes(b"")  # changed since coopgraph wrote it: --force
    assert run("export", "-o", link, "--force").code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes().startswith(b"@prefix")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real.ttl"]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_termination_signals_leave_no_temporary_file(tmp_path: Path, name: str) -> None:
    """A signal in the middle of a write goes through the cleanup, as Ctrl-C does."""
    import os
    import signal

    from coopgraph.atomic import write_atomically
    from coopgraph.cli import _stop_cleanly_on_signals

    number = getattr(signal, name)
    previous = signal.signal(number, signal.SIG_DFL)
    try:
        _stop_cleanly_on_signals()
        target = tmp_path / "coop.ttl"
        target.write_text("previous\n")

        def interrupted(handle) -> None:
            handle.write(b"half")
            os.kill(os.getpid(), number)

        with pytest.raises(SystemExit) as stopped:
            write_atomically(target, interrupted)
        assert stopped.value.code == 128 + number
        assert [p.name for p in tmp_path.iterdir()] == ["coop.ttl"]
        assert target.read_text() == "previous\n"
    finally:
        signal.signal(number, previous)
