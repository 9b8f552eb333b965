"""The README's examples are real: each ``$ coopgraph ...`` block shows what the command prints.

Run this file as a script to rewrite the blocks from the current output:

    python tests/test_readme.py
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from builders import ascii_id
from coopgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```text\n\$ (coopgraph [^\n]+)\n(.*?)```", re.S)


def output_of(command: str) -> str:
    """What the command prints on stdout, run from the repository root."""
    args = shlex.split(command)[1:]
    buffer = io.StringIO()
    cwd = Path.cwd()
    try:
        import os

        os.chdir(ROOT)
        with redirect_stdout(buffer):
            main(args)
    finally:
        os.chdir(cwd)
    return buffer.getvalue()


def blocks() -> list[tuple[str, str]]:
    if not README.exists():
        return []
    return BLOCK.findall(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("command", "shown"), blocks(), ids=[ascii_id(c) for c, _ in blocks()])
def test_readme_shows_real_output(command: str, shown: str) -> None:
    assert output_of(command).rstrip() == shown.rstrip(), "rerun: python tests/test_readme.py"


def test_readme_has_examples() -> None:
    assert len(blocks()) >= 8


def update() -> None:
    text = README.read_text(encoding="utf-8")
    text = BLOCK.sub(lambda m: f"```text\n$ {m[1]}\n{output_of(m[1]).rstrip()}\n```", text)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(update())
