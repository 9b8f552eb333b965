"""Dates as precise as the sources make them, and no more.

News articles say "January 2024" as often as "29 January 2024", and two sources may give
different days for the same meeting. A :class:`PartialDate` keeps the precision it was
written with (year, month or day); a :class:`DateSpan` is one partial date or an ISO 8601
interval of two (``2023-12-08/2023-12-09``), used for multi-day events and for dates the
sources disagree on. Both read and write the same text, so YAML and RDF round-trip exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

__all__ = ["DateSpan", "PartialDate", "Precision"]

Precision = Literal["year", "month", "day"]

#: ASCII digits only: ``\d`` alone matches any script's digits (``２０２４``), which would be
#: read as 2024 silently on every path (data, RDF, --since).
_PARTIAL = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> PartialDate.parse("2024-01")
    PartialDate(year=2024, month=1, day=None)
    >>> str(PartialDate.parse("2024-01")), PartialDate.parse("2024-01").precision
    ('2024-01', 'month')
    >>> PartialDate.parse("2024-01").latest()
    datetime.date(2024, 1, 31)
    """

    year: int
    month: int | None = None
    day: int | None = None
    as_text: ClassVar[bool] = True  # serialised as "2024-01", not as its parts

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range 1-12")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is out of range for {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is a ValueError."""
        match = _PARTIAL.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        month, day = match["month"], match["day"]
        return cls(int(match["year"]), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> dt.date:
        """The first calendar day this date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last calendar day this date may mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A partial date, or an interval between two, written as in ISO 8601.

    >>> span = DateSpan.parse("2023-12-08/2023-12-09")
    >>> str(span), span.earliest(), span.latest()
    ('2023-12-08/2023-12-09', datetime.date(2023, 12, 8), datetime.date(2023, 12, 9))
    >>> str(DateSpan.parse("2024-01"))
    '2024-01'
    """

    start: PartialDate
    end: PartialDate | None = None
    as_text: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if self.end is not None and self.end.latest() < self.start.earliest():
            raise ValueError(f"the interval ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def parse(cls, text: str) -> DateSpan:
        start, sep, end = text.partition("/")
        if sep and not end.strip():
            raise ValueError(f"{text!r} has an empty end after '/'")
        return cls(PartialDate.parse(start), PartialDate.parse(end) if sep else None)

    @classmethod
    def coerce(cls, value: Any) -> DateSpan:
        """Accept what YAML gives for a date: text, a four-digit year, or a ``date``.

        Booleans and other numbers are refused rather than guessed at (YAML 1.1 reads
        ``0123`` as 83 and some parsers turn ``2024-01-29`` into a ``date``).
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, bool):
            raise ValueError("a date must be text such as '2024-01-29', not a boolean")
        if isinstance(value, int):
            if 1000 <= value <= 9999:
                return cls(PartialDate(value))
            raise ValueError(f"{value} is not a four-digit year; quote dates, e.g. '2024-01'")
        if isinstance(value, dt.datetime):
            raise ValueError("a date must not carry a time of day")
        if isinstance(value, dt.date):
            return cls(PartialDate.from_date(value))
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"a date must be text such as '2024-01-29', not {type(value).__name__}")

    @property
    def precision(self) -> Precision:
        return self.start.precision

    def earliest(self) -> dt.date:
        return self.start.earliest()

    def latest(self) -> dt.date:
        return (self.end or self.start).latest()

    def __str__(self) -> str:
        return f"{self.start}/{self.end}" if self.end is not None else str(self.start)
