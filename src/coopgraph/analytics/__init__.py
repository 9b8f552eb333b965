"""Analytics an analyst can cite: every number carries the agreements and events it counts.

The subsystem reads an :class:`~coopgraph.index.Index` (in memory or from the store) and
never writes the data. One module per question:

- :mod:`coopgraph.analytics.timing` — when a record enters an analysis (one rule for all);
"""

from coopgraph.analytics.timing import dated_by, known_since, placed_date

__all__ = ["dated_by", "known_since", "placed_date"]
