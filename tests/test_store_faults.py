"""A store that cannot be used never stops a command, and a half-built one is never used.

Each fault is made for real where the machine allows it: a file-size limit for a full disk,
``kill -9`` for a build that dies, two processes for a race, a file where the cache folder
should be. Every command must then still answer exactly what it answers without a store
(``--no-cache``), with at most one warning on stderr, and leave nothing half-written behind.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coopgraph.store import open_index
from coopgraph.store.location import cache_root
from coopgraph.store.snapshot import SnapshotIndex
from coopgraph.store.versions import DataFiles, Versions

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-c", "from coopgraph.cli import run; run()"]


def coopgraph(*args: str | Path, cache: Path, limit: int | None = None, **kw):
    """Run the real command in a fresh process, optionally with a file-size limit (a full disk)."""
    env = {**os.environ, "COOPGRAPH_CACHE": str(cache)}

    def small_files() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [*COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=small_files,
        timeout=300,
        **kw,
    )


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "warning" in line]


def store_files(cache: Path) -> list[Path]:
    folder = cache / "versions"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture(scope="module")
def expected() -> str:
    """What ``partners NIST`` answers without any store."""
    done = subprocess.run(
        [*COMMAND, "partners", "NIST", "--no-cache"], capture_output=True, text=True, check=True
    )
    assert "KRISS" in done.stdout
    return done.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic data big enough that a build takes a few seconds (the benchmark generator)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("generated") / "data.yaml"
    path.write_text(module.generate(400, 12_000), encoding="utf-8")
    return path


def test_a_cache_path_that_is_not_a_folder_falls_back_with_one_warning(
    tmp_path: Path, expected: str
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder")
    done = coopgraph("partners", "NIST", cache=blocked)
    assert done.returncode == 0
    assert done.stdout == expected
    assert len(warnings_in(done.stderr)) == 1 and "Traceback" not in done.stderr
    assert str(blocked) in done.stderr
    assert blocked.read_text() == "not a folder"


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` as a read-only file system (root: a read-only bind mount) or by its modes."""
    if os.geteuid() != 0:
        paths = [folder, *folder.rglob("*")]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield folder
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)
        return
    view = folder.with_name(folder.name + "-read-only")
    view.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"root cannot make a read-only mount here: {mounted.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=True)


def test_a_read_only_cache_falls_back_and_a_built_one_is_still_read(
    tmp_path: Path, expected: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with read_only(empty) as cache:
        done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected
    assert len(warnings_in(done.stderr)) == 1
    assert "Read-only file system" in done.stderr or "Permission denied" in done.stderr

    built = tmp_path / "built"
    assert coopgraph("build", cache=built).returncode == 0
    with read_only(built) as cache:
        for args in (["partners", "NIST"], ["sparql", "partners", "--param", "agency=NIST"]):
            done = coopgraph(*args, cache=cache)
            assert done.returncode == 0, done.stderr
            assert warnings_in(done.stderr) == [], (
                "a read-only store that holds the version is used"
            )
        assert done.stdout == coopgraph(*args, "--no-cache", cache=tmp_path / "x").stdout


def test_a_full_disk_falls_back_and_leaves_no_half_store(tmp_path: Path, expected: str) -> None:
    cache = tmp_path / "cache"
    done = coopgraph("partners", "NIST", cache=cache, limit=16_384)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
    assert len(warnings_in(done.stderr)) == 1 and "Traceback" not in done.stderr
    assert store_files(cache) == [], "nothing half-written is left"
    done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected and done.stderr == ""
    assert len(store_files(cache)) == 1


def test_the_cache_removed_during_a_build_falls_back(monkeypatch, capsys) -> None:
    from coopgraph.store import snapshot

    finish = snapshot.finish

    def finish_then_lose_the_cache(*args, **kwargs) -> None:
        finish(*args, **kwargs)
        shutil.rmtree(cache_root())

    monkeypatch.setattr(snapshot, "finish", finish_then_lose_the_cache)
    index = open_index()
    assert not isinstance(index, SnapshotIndex)
    assert {a.id for a in index.agreements_of["NIST"]} >= {"kiat-nist-loi-2022"}
    assert len(warnings_in(capsys.readouterr().err)) == 1
    monkeypatch.setattr(snapshot, "finish", finish)
    assert isinstance(open_index(), SnapshotIndex)


def test_a_store_of_another_version_is_never_opened(monkeypatch) -> None:
    from coopgraph.store import location

    assert isinstance(open_index(), SnapshotIndex)
    versions = Versions(cache_root())
    key = versions.key_for(DataFiles.read(ROOT / "data"))
    assert versions.find(key) is not None
    installed = location._installed
    monkeypatch.setattr(
        location, "_installed", lambda name: "other" if name == "pyoxigraph" else installed(name)
    )
    other = versions.key_for(DataFiles.read(ROOT / "data"))
    assert other != key
    assert versions.find(key) is None, "built with another pyoxigraph: not this version"
    assert isinstance(open_index(), SnapshotIndex)
    assert versions.find(other) is not None


def test_every_source_file_counts_in_the_key() -> None:
    from coopgraph.store import location

    names = {p.name for p in location.sources()}
    # what shapes stored records, memoised results and triples, and how files are read
    assert {"models.py", "load.py", "graph.py", "queries.py", "export.py", "snapshot.py"} <= names


def test_a_foreign_folder_under_the_key_is_replaced(tmp_path: Path) -> None:
    data = DataFiles.read(ROOT / "data")
    versions = Versions(cache_root())
    foreign = versions.versions / versions.key_for(data)
    foreign.mkdir(parents=True)
    (foreign / "manifest.json").write_text('{"format": 999}')
    (foreign / "records.sqlite").write_bytes(b"not sqlite")
    index = open_index()
    assert isinstance(index, SnapshotIndex)
    assert index.agencies["NIST"].country == "US"


def test_a_damaged_snapshot_is_not_used(tmp_path: Path, expected: str) -> None:
    cache = tmp_path / "cache"
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    (snapshot,) = list(cache.glob("versions/*/records.sqlite"))
    with snapshot.open("r+b") as handle:
        handle.truncate(snapshot.stat().st_size // 2)
    done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected and "Traceback" not in done.stderr


def test_kill_9_during_a_build_leaves_nothing_that_is_used(tmp_path: Path, generated: Path) -> None:
    cache = tmp_path / "cache"
    build = subprocess.Popen(
        [*COMMAND, "build", "--data", str(generated)],
        env={**os.environ, "COOPGRAPH_CACHE": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(cache.glob("versions/.tmp-*/version/records.sqlite")):
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert [p for p in store_files(cache) if not p.name.startswith(".tmp-")] == []

    without = coopgraph("partners", "AG00007", "--data", generated, "--no-cache", cache=cache)
    done = coopgraph("partners", "AG00007", "--data", generated, cache=cache)
    assert done.returncode == 0 and done.stdout == without.stdout
    assert len(_keys(cache)) == 1
    assert not list(cache.glob("versions/.tmp-*")), "the dead build's leftovers are removed"


def _keys(cache: Path) -> list[str]:
    return [p.name for p in store_files(cache) if not p.name.startswith(".")]


def test_two_processes_building_at_once_make_one_store(tmp_path: Path, generated: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "COOPGRAPH_CACHE": str(cache)}
    runs = [
        subprocess.Popen(
            [*COMMAND, "partners", "AG00007", "--data", str(generated), "--format", "csv"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outcomes[0][0] == outcomes[1][0] and outcomes[0][0].count("\n") > 10
    assert not any("warning" in err for _, err in outcomes)
    assert len(_keys(cache)) == 1 and not list(cache.glob("versions/.tmp-*"))


# --- damage found while a command runs ------------------------------------------------------


def _version(cache: Path) -> Path:
    (version,) = [p for p in store_files(cache) if not p.name.startswith(".")]
    return version


def test_a_snapshot_damaged_inside_is_set_aside_and_built_again(
    tmp_path: Path, expected: str
) -> None:
    cache = tmp_path / "cache"
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    damaged = _version(cache) / "records.sqlite"
    with damaged.open("r+b") as handle:  # same size, pages of zeros: a crash, a bad disk
        handle.seek(4096 * 2)
        handle.write(bytes(4096 * 18))
    done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected
    assert len(warnings_in(done.stderr)) == 1 and "damaged" in done.stderr
    again = coopgraph("partners", "NIST", cache=cache)
    assert again.returncode == 0 and again.stdout == expected and again.stderr == ""


def test_a_damaged_memo_is_computed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = coopgraph("stats", "--no-cache", cache=cache).stdout
    assert coopgraph("build", cache=cache).returncode == 0
    for memo in (_version(cache) / "memo").iterdir():
        data = bytearray(memo.read_bytes())
        data[12] ^= 0xFF
        memo.write_bytes(bytes(data))
    done = coopgraph("stats", cache=cache)
    assert done.returncode == 0 and done.stdout == expected and done.stderr == ""
    assert coopgraph("fields", cache=cache).returncode == 0


def test_a_damaged_rdf_store_is_set_aside_and_sparql_still_answers(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    query = ["sparql", "partners", "--param", "agency=NIST", "--format", "csv"]
    expected = coopgraph(*query, "--no-cache", cache=cache).stdout
    assert coopgraph(*query, cache=cache).stdout == expected
    (rdf,) = _version(cache).glob("rdf-*")
    biggest = max(rdf.glob("*.sst"), key=lambda p: p.stat().st_size)
    with biggest.open("r+b") as handle:
        handle.truncate(1000)
    done = coopgraph(*query, cache=cache)
    assert done.returncode == 0 and done.stdout == expected, done.stderr
    assert len(warnings_in(done.stderr)) == 1 and "Traceback" not in done.stderr
    again = coopgraph(*query, cache=cache)
    assert again.stdout == expected and again.stderr == ""


def test_build_finds_and_rebuilds_a_damaged_version(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert coopgraph("build", cache=cache).returncode == 0
    damaged = _version(cache) / "records.sqlite"
    with damaged.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(bytes(4096 * 4))
    done = coopgraph("build", cache=cache)
    assert done.returncode == 0 and "damaged" in done.stderr
    assert coopgraph("build", cache=cache).stderr == "", "the rebuilt version is whole"


def test_a_version_without_its_reader_lock_file_is_built_again(tmp_path: Path, expected: str):
    cache = tmp_path / "cache"
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    (_version(cache) / "in-use").unlink()
    done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected and done.stderr == ""
    assert (_version(cache) / "in-use").is_file()


# --- clearing, names, waiting ---------------------------------------------------------------


def test_clear_removes_only_versions_and_nothing_when_switched_off(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    precious = cache / "versions" / "precious"
    precious.mkdir(parents=True)
    (precious / "file.txt").write_text("keep me")
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    done = coopgraph("cache", "clear", "--format", "json", cache=cache)
    assert done.returncode == 0 and len(json.loads(done.stdout)["removed"]) == 1
    assert (precious / "file.txt").read_text() == "keep me"

    off = tmp_path / "off"
    (off / "versions" / "precious").mkdir(parents=True)
    done = subprocess.run(
        [*COMMAND, "cache", "clear"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COOPGRAPH_CACHE": "off"},
    )
    assert done.returncode == 1 and "switched off" in done.stderr
    assert (off / "versions" / "precious").is_dir()


def test_a_file_name_that_is_not_utf8_still_answers(tmp_path: Path, expected: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(ROOT / "data" / "agreements.yaml", folder / name)
    done = coopgraph("partners", "NIST", "--data", folder, cache=tmp_path / "cache")
    assert done.returncode == 0 and done.stdout == expected
    assert len(warnings_in(done.stderr)) <= 1 and "Traceback" not in done.stderr


def test_a_build_of_other_data_does_not_make_a_command_wait(
    tmp_path: Path, generated: Path, expected: str
) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "COOPGRAPH_CACHE": str(cache)}
    build = subprocess.Popen(
        [*COMMAND, "build", "--data", str(generated)], env=env, stderr=subprocess.DEVNULL
    )
    try:
        while not list(cache.glob("versions/.tmp-*")):
            assert build.poll() is None
            time.sleep(0.02)
        build.send_signal(signal.SIGSTOP)  # a build that hangs, holding its lock
        done = coopgraph("partners", "NIST", cache=cache)
        assert done.returncode == 0 and done.stdout == expected and "waiting" not in done.stderr
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()


def test_data_changed_back_points_at_its_earlier_version(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    path = tmp_path / "a" / "data.yaml"
    original = (ROOT / "data" / "agreements.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert coopgraph("agencies", "--data", path, cache=cache).returncode == 0
    other = tmp_path / "b" / "data.yaml"
    other.write_text(original, encoding="utf-8")  # a second path, the same name and content
    assert coopgraph("agencies", "--data", other, cache=cache).returncode == 0
    path.write_text(original.replace("Korea Institute for", "Korean Institute for"), "utf-8")
    assert coopgraph("agencies", "--data", path, cache=cache).returncode == 0
    assert len(_keys(cache)) == 2
    path.write_text(original, encoding="utf-8")
    assert coopgraph("agencies", "--data", path, cache=cache).returncode == 0
    assert len(_keys(cache)) == 1, "both paths point at one version again; the other went"


def test_a_build_whose_progress_nobody_reads_still_completes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `coopgraph build 2>&1 | head -1` once head has gone
    build = subprocess.run(
        [*COMMAND, "build", "--no-rdf", "--data", str(ROOT / "data")],
        env={**os.environ, "COOPGRAPH_CACHE": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=write_end,
        timeout=120,
    )
    os.close(write_end)
    assert build.returncode == 0
    assert len(_keys(cache)) == 1


# --- a store someone else wrote -----------------------------------------------------------------


class _RunsCode:
    """What a planted pickle does: name a function that the loader calls (here: touch)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _plant(cache: Path, blob: bytes) -> None:
    import sqlite3

    snapshot = _version(cache) / "records.sqlite"
    connection = sqlite3.connect(snapshot)
    with connection:
        connection.execute("UPDATE records SET blob = ?", (blob,))
    connection.close()


@pytest.mark.parametrize("planted", ["code", "wrong-type"])
def test_a_planted_record_runs_nothing_and_the_answer_comes_from_the_data(
    tmp_path: Path, expected: str, planted: str
) -> None:
    """The cache sits at a path anyone can compute; a pickle placed there must not run code,
    and a record of the wrong type is damage, not an internal error on every run."""
    import pickle

    cache, marker = tmp_path / "cache", tmp_path / "ran"
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    payload = _RunsCode(marker) if planted == "code" else ["not", "a", "record"]
    _plant(cache, pickle.dumps(payload))
    done = coopgraph("partners", "NIST", cache=cache)
    assert not marker.exists()
    assert done.returncode == 0 and done.stdout == expected
    assert len(warnings_in(done.stderr)) == 1 and "Internal error" not in done.stderr


def test_the_cache_directory_is_private(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    assert cache.stat().st_mode & 0o777 == 0o700
    cache.chmod(0o755)  # made by an earlier version, or by hand
    assert coopgraph("partners", "NIST", cache=cache).returncode == 0
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_directory_of_another_user_is_not_used(tmp_path: Path, expected: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.chown(cache, 65534, 65534)  # nobody: who could plant files there
    done = coopgraph("partners", "NIST", cache=cache)
    assert done.returncode == 0 and done.stdout == expected
    assert "belongs to another user" in done.stderr and not list(cache.iterdir())
