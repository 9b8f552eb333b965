"""A typer command that takes one argument and does nothing: the yardstick of bench_load.py.

``coopgraph partners NIST`` takes an argument and options; typer 0.29 builds a pydantic
adapter for every parameter a command has (about 70 ms of imports), which the bare no-op
(``noop_cli.py``, no parameters) never pays. Both yardsticks are reported.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str) -> None:
    """Do nothing with NAME."""


if __name__ == "__main__":
    app()
