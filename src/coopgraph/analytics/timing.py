"""When a record enters the analyses: one rule for every analytics command.

An analyst who asks "as of 2023-12-31" or "what changed since June" needs every command to
place records in time the same way, including records the sources leave undated. The rule:

- a record with a date of its own counts from the day that date makes certain, as
  ``--as-of`` reads it in the listings: an agreement from the last day of its date (one
  "signed in January 2024" may not be signed on 2024-01-15, :meth:`Agreement.status_on`),
  an event from its first day (it has begun; :class:`~coopgraph.filters.Filter`);
- a record without one counts from the latest publication date among the sources that
  report it, the day it was known to exist (the PNNL-RIST partnership is undated and known
  from the December 2023 article): the same rule :meth:`Index.status_on` applies to
  ``--as-of`` in the listings;
- a record with neither is never placed in time: left out of any answer that asks for a
  date (``--as-of``, a window, a year), kept in answers that ask for none.

:func:`known_since` says which day and :func:`dated_by` whether it was the record's own
date or its sources'; commands show the second so that a reader sees which counts rest on
a publication date.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from coopgraph.dates import PartialDate
from coopgraph.index import Index
from coopgraph.models import Agreement, Event

__all__ = ["DatedBy", "dated_by", "known_since", "placed_date"]

DatedBy = Literal["own", "sources"]


def placed_date(index: Index, record: Agreement | Event) -> tuple[PartialDate, DatedBy] | None:
    """The date a record is placed at, at its precision, and where it comes from."""
    if record.date is not None:
        return record.date.start, "own"  # a span (8-9 December) counts from its first day
    reported = index.reported_on(record)
    return (reported, "sources") if reported is not None else None


def known_since(index: Index, record: Agreement | Event) -> dt.date | None:
    """The first day a record counts, or ``None`` when neither it nor its sources are dated.

    An event's own date counts from its first day, an agreement's from its last (see the
    module's rule); a publication date counts from its latest day (a source dated only
    ``2023-12`` proves the record by the end of December).
    """
    placed = placed_date(index, record)
    if placed is None:
        return None
    date, by = placed
    return date.earliest() if by == "own" and isinstance(record, Event) else date.latest()


def dated_by(index: Index, record: Agreement | Event) -> DatedBy | None:
    """Whether a record is placed by its own date or by its sources' (``None``: neither)."""
    placed = placed_date(index, record)
    return None if placed is None else placed[1]
