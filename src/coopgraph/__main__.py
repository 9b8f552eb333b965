"""``python -m coopgraph`` runs the command line."""

from coopgraph.cli import run

run()
