"""coopgraph: a knowledge graph of international R&D cooperation.

The library is the product; the ``coopgraph`` command is a thin shell over it::

    from coopgraph import load_dataset
    from coopgraph.partners import partners

    dataset = load_dataset()            # the bundled data, validated
    for partner in partners(dataset, "표준연").partners:
        print(partner.name, [link.id for link in partner.links])

Names are imported lazily so that ``import coopgraph`` stays cheap for the CLI.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "coopgraph.load",
    "Dataset": "coopgraph.models",
    "Index": "coopgraph.index",
    "Resolver": "coopgraph.resolve",
    "Filter": "coopgraph.filters",
    "build_graph": "coopgraph.graph",
    "CoopgraphError": "coopgraph.errors",
    "DataError": "coopgraph.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coopgraph' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
