"""``--help`` as a user reads it: plain metavars, one wording per option, examples that run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from coopgraph.cli import app


def _commands() -> dict[str, object]:
    """Every click command by its words after ``coopgraph`` (``cache info`` included)."""
    group = typer.main.get_command(app)
    found: dict[str, object] = {}
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(cmd, "commands"):
            found.update({f"{name} {sub}": c for sub, c in cmd.commands.items()})
        else:
            found[name] = cmd
    return found


COMMANDS = _commands()


def help_of(run, words: str) -> str:
    outcome = run(*words.split(), "--help")
    assert outcome.code == 0, outcome.err
    return outcome.out


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_help_shows_plain_metavars(run, words: str) -> None:
    """``--type TYPE``, ``--limit N``, ``NAME``: not typer's ``<list[str]>``, ``{name}``."""
    text = help_of(run, words)
    assert not re.search(r"<[a-z][a-z\[\] ]*>", text), text
    assert not re.search(r"\{[A-Za-z_]+\}", text), text


#: Options several commands take, which must read the same wherever they appear.
SHARED = [
    "--data", "--no-cache", "--debug", "--lang", "--since", "--until", "--as-of", "--field",
    "--status", "--party", "--country", "--base", "--output", "--force",
]  # fmt: skip


#: Where a shared flag means something else, and why: the site is written in several
#: languages at once (``--lang en,ko``) into a folder (``-o DIR``), not a file.
DIFFERENT_ON_PURPOSE = {("site", "--lang"), ("site", "--output")}


@pytest.mark.parametrize("flag", SHARED)
def test_a_shared_option_reads_the_same_in_every_command(flag: str) -> None:
    ctx = typer.Context(typer.main.get_command(app))
    records = {}
    for words, cmd in COMMANDS.items():
        if (words, flag) in DIFFERENT_ON_PURPOSE:
            continue
        for param in cmd.params:  # type: ignore[attr-defined]
            if flag in getattr(param, "opts", ()):
                records[words] = (param.opts, param.metavar, param.get_help_record(ctx))
    assert len(records) >= 2, f"{flag} is in one command only"
    assert len(set(map(repr, records.values()))) == 1, records


def examples() -> list[str]:
    """Every ``Example:`` line of every ``--help``, export's first (import reads its file)."""
    found = []
    for words in ["", *sorted(COMMANDS, key=lambda w: w != "export")]:
        group = typer.main.get_command(app)
        cmd = COMMANDS.get(words, group)
        text = cmd.help or ""  # type: ignore[attr-defined]
        found += [line.strip()[len("Example:") :].strip() for line in text.splitlines()
                  if line.strip().startswith("Example:")]  # fmt: skip
    return found


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_shows_an_example(run, words: str) -> None:
    lines = [line.strip() for line in help_of(run, words).splitlines()]
    shown = [line for line in lines if line.startswith("Example: coopgraph ")]
    assert shown, f"coopgraph {words} --help has no example"
    assert all(shlex.split(line)[2 : 2 + len(words.split())] == words.split() for line in shown)


def test_every_example_in_the_help_runs(run, tmp_path: Path, monkeypatch) -> None:
    """On the bundled data, in an empty folder, in the order a reader could follow them."""
    monkeypatch.chdir(tmp_path)
    shown = examples()
    assert len(shown) >= len(COMMANDS)
    for example in shown:
        args = shlex.split(example)
        assert args[0] == "coopgraph"
        outcome = run(*args[1:])
        assert outcome.code == 0, f"{example}: {outcome.err}"
        assert "Error" not in outcome.err, example
