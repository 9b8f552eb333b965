"""Analytics an analyst can cite: every number carries the agreements and events it counts.

The subsystem reads an :class:`~coopgraph.index.Index` (in memory or from the store) and
never writes the data. One module per question:

- :mod:`coopgraph.analytics.timing` — when a record enters an analysis (one rule for all);
- :mod:`coopgraph.analytics.timetable` — every record's steps in time, kept in the store;
- :mod:`coopgraph.analytics.trends` — country pair x year and field x year counts;
- :mod:`coopgraph.analytics.changes` — what changed in a window (``diff``);
- :mod:`coopgraph.analytics.network` — the agency network as of a day, ties with their records;
- :mod:`coopgraph.analytics.brokers` — agencies that bridge countries (betweenness, constraint);
- :mod:`coopgraph.analytics.opportunities` — open triads across countries, trilaterals;
- :mod:`coopgraph.analytics.backtest` — hits@k and MRR of the scores against a random ranking;
- :mod:`coopgraph.analytics.report` — the answers as one offline page (or PDF, PNG) whose
  every number links to its agreements; :mod:`coopgraph.analytics.charts` draws its bars;
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coopgraph.analytics.backtest import BacktestResult, backtest
    from coopgraph.analytics.brokers import BrokersResult, brokers
    from coopgraph.analytics.changes import DiffResult, diff
    from coopgraph.analytics.network import agency_network
    from coopgraph.analytics.opportunities import OpportunitiesResult, opportunities
    from coopgraph.analytics.report import Report, build_report, render_report
    from coopgraph.analytics.timing import dated_by, known_since, placed_date
    from coopgraph.analytics.trends import TrendsResult, trends

#: Each public name and the module that defines it. Imported on first use (PEP 562): a
#: command reaching ``coopgraph.analytics.trends`` does not load networkx, igraph, numpy
#: and matplotlib for the other analyses.
_HOMES = {
    "BacktestResult": "backtest",
    "backtest": "backtest",
    "BrokersResult": "brokers",
    "brokers": "brokers",
    "DiffResult": "changes",
    "diff": "changes",
    "agency_network": "network",
    "OpportunitiesResult": "opportunities",
    "opportunities": "opportunities",
    "Report": "report",
    "build_report": "report",
    "render_report": "report",
    "dated_by": "timing",
    "known_since": "timing",
    "placed_date": "timing",
    "TrendsResult": "trends",
    "trends": "trends",
}

__all__ = [
    "BacktestResult",
    "BrokersResult",
    "DiffResult",
    "OpportunitiesResult",
    "Report",
    "TrendsResult",
    "agency_network",
    "backtest",
    "brokers",
    "build_report",
    "dated_by",
    "diff",
    "known_since",
    "opportunities",
    "placed_date",
    "render_report",
    "trends",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'coopgraph.analytics' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"coopgraph.analytics.{home}"), name)
    globals()[name] = value
    return value
