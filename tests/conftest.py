"""Shared fixtures: the bundled dataset, an index over it, and a CLI runner.

The cache is pointed at a temporary directory for every test, so tests never read or
write the user's cache and never see each other's entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from coopgraph.cli import main
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("COOPGRAPH_DATA", raising=False)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def index(dataset: Dataset) -> Index:
    return Index(dataset)


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run the real ``coopgraph`` entry point and capture what a user would see."""

    def invoke(*args: str | Path) -> Outcome:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return invoke
