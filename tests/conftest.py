"""Shared fixtures: the bundled dataset, an index over it, and a CLI runner.

The cache is pointed at a temporary directory for every test, so tests never read or
write the user's cache and never see each other's entries.

Property tests are random on a developer's machine (to keep finding new failures) and
derandomised in CI and in mutation runs (``CI`` or ``HYPOTHESIS_PROFILE=ci``), so that a
run's verdict depends on the code only. Every failure ever found is pinned as an
``@example`` next to its test, so it is replayed in both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from coopgraph.cli import main
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.models import Dataset

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse test ids that tools cannot pass back to pytest (mutmut, IDEs, ``-k``).

    pytest escapes a non-ASCII id as ``\\ud45c...``; given back on the command line, that
    text names no test. Parameters in Korean, Japanese or bytes need ``ids=``.
    """
    usable = re.compile(r"[\x20-\x5b\x5d-\x7e]+")  # printable ASCII but the backslash
    unusable = [item.nodeid for item in items if not usable.fullmatch(item.nodeid)]
    if unusable:
        raise pytest.UsageError(
            "test ids must be printable ASCII without backslashes (give ids=): "
            + ", ".join(unusable[:5])
        )


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("COOPGRAPH_DATA", raising=False)


@pytest.fixture
def dataset() -> Dataset:
    """The bundled data, loaded afresh for each test (a few milliseconds).

    Not shared across the session on purpose: a mutation run maps each test to the code
    it runs, and a dataset loaded once would be charged to the first test only.
    """
    return load_dataset()


@pytest.fixture
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
