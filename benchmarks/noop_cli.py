"""A bare typer command that does nothing: the start-up yardstick for the CLI benchmarks.

``python benchmarks/noop_cli.py`` pays for the interpreter and for importing typer (with
click and rich), which every coopgraph command pays too; whatever a coopgraph command takes
beyond this is coopgraph's own.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
