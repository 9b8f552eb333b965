"""Partial dates and spans at their edges: the range of years, months and days, the forms
the text may take, and what each precision means as first and last calendar day."""

from __future__ import annotations

import datetime as dt

import pytest

from coopgraph.dates import DateSpan, PartialDate


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ((1,), "0001"),
        ((9999, 12, 31), "9999-12-31"),
        ((5, 1, 2), "0005-01-02"),
        ((2024, 2, 29), "2024-02-29"),  # a leap day
        ((2024, 1, 31), "2024-01-31"),
        ((2024, 12), "2024-12"),
        ((2024, 1, 1), "2024-01-01"),
    ],
    ids=["year-1", "last-day", "padded", "leap-day", "january-31", "december", "first-day"],
)
def test_dates_at_the_edges_of_their_range_are_accepted(parts: tuple, text: str) -> None:
    date = PartialDate(*parts)
    assert str(date) == text
    assert PartialDate.parse(text) == date


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((0,), "year 0 is out of range"),
        ((10000,), "year 10000 is out of range"),
        ((2024, 0), "month 0 is out of range 1-12"),
        ((2024, 13), "month 13 is out of range 1-12"),
        ((2024, 1, 0), "day 0 is out of range for 2024-01"),
        ((2024, 1, 32), "day 32 is out of range for 2024-01"),
        ((2023, 2, 29), "day 29 is out of range for 2023-02"),
        ((2024, None, 5), "a day needs a month"),
    ],
    ids=["year-0", "year-10000", "month-0", "month-13", "day-0", "day-32", "not-leap", "no-month"],
)
def test_dates_beyond_their_range_are_refused(parts: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        PartialDate(*parts)


@pytest.mark.parametrize(
    "text",
    [
        "202",
        "20245",
        "2024-1",
        "2024-001",
        "2024-01-1",
        "2024-01-011",
        "2024/01",
        "2024-01-",
        "x2024",
    ],
    ids=[
        "3-digit-year",
        "5-digit-year",
        "1-digit-month",
        "3-digit-month",
        "1-digit-day",
        "3-digit-day",
        "slash",
        "trailing-dash",
        "prefix",
    ],
)
def test_only_the_three_iso_forms_are_read(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


def test_surrounding_spaces_are_ignored() -> None:
    assert PartialDate.parse(" 2024-01 \n") == PartialDate(2024, 1)


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", "month", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024-04", "month", dt.date(2024, 4, 1), dt.date(2024, 4, 30)),
        ("2024-01-29", "day", dt.date(2024, 1, 29), dt.date(2024, 1, 29)),
    ],
    ids=["year", "leap-february", "february", "april", "day"],
)
def test_precision_and_the_days_a_date_may_mean(
    text: str, precision: str, earliest: dt.date, latest: dt.date
) -> None:
    date = PartialDate.parse(text)
    assert (date.precision, date.earliest(), date.latest()) == (precision, earliest, latest)
    span = DateSpan.parse(text)
    assert (span.precision, span.earliest(), span.latest(), span.end) == (
        precision,
        earliest,
        latest,
        None,
    )


def test_from_a_calendar_date() -> None:
    assert PartialDate.from_date(dt.date(2024, 7, 30)) == PartialDate(2024, 7, 30)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2023-12-08/2023-12-09", dt.date(2023, 12, 8), dt.date(2023, 12, 9), "day"),
        ("2024-01-15/2024-01-15", dt.date(2024, 1, 15), dt.date(2024, 1, 15), "day"),
        # ends within the month it starts in: "January 2024, until the 15th" is possible
        ("2024-01/2024-01-15", dt.date(2024, 1, 1), dt.date(2024, 1, 15), "month"),
        ("2023/2024-03", dt.date(2023, 1, 1), dt.date(2024, 3, 31), "year"),
    ],
    ids=["two-days", "one-day", "month-to-day", "year-to-month"],
)
def test_spans(text: str, earliest: dt.date, latest: dt.date, precision: str) -> None:
    span = DateSpan.parse(text)
    assert (span.earliest(), span.latest(), span.precision, str(span)) == (
        earliest,
        latest,
        precision,
        text,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2024-01-10/2024-01-09",
            r"the interval ends \(2024-01-09\) before it starts \(2024-01-10\)",
        ),
        ("2024-02/2024-01-31", r"the interval ends \(2024-01-31\) before it starts \(2024-02\)"),
        ("2024-01/", "'2024-01/' has an empty end after '/'"),
        ("2024-01/ ", "'2024-01/ ' has an empty end after '/'"),
        ("2024/2025/2026", "'2025/2026' is not a date"),
    ],
    ids=["backwards", "backwards-across-months", "empty-end", "blank-end", "three-parts"],
)
def test_bad_spans_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}"):
        DateSpan.parse(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1000, "1000"),
        (9999, "9999"),
        (2024, "2024"),
        ("2024-01", "2024-01"),
        (dt.date(2024, 1, 29), "2024-01-29"),
    ],
    ids=["year-1000", "year-9999", "year", "text", "date"],
)
def test_what_yaml_may_give_for_a_date(value: object, expected: str) -> None:
    assert str(DateSpan.coerce(value)) == expected


def test_a_span_is_coerced_as_itself() -> None:
    span = DateSpan.parse("2024-01/2024-02")
    assert DateSpan.coerce(span) is span


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (999, "999 is not a four-digit year; quote dates, e.g. '2024-01'"),
        (10000, "10000 is not a four-digit year"),
        (83, "83 is not a four-digit year"),  # YAML 1.1 reads 0123 as 83
        (True, "a date must be text such as '2024-01-29', not a boolean"),
        (dt.datetime(2024, 1, 1, 12), "a date must not carry a time of day"),
        (2024.5, "a date must be text such as '2024-01-29', not float"),
        (None, "a date must be text such as '2024-01-29', not NoneType"),
    ],
    ids=["year-999", "year-10000", "octal", "boolean", "datetime", "float", "none"],
)
def test_what_yaml_may_give_that_is_not_a_date(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}"):
        DateSpan.coerce(value)


@pytest.mark.parametrize(
    "text",
    ["２０２４", "2024-０１", "٢٠٢٤-01-29"],
    ids=["fullwidth", "fullwidth-month", "arabic-indic"],
)
def test_dates_are_written_in_ascii_digits(text: str) -> None:
    """``\\d`` matches any script's digits: 2024 in full width was read as 2024, silently."""
    with pytest.raises(ValueError, match="is not a date of the form"):
        PartialDate.parse(text)


def test_a_filter_date_in_full_width_digits_is_a_usage_error(run) -> None:
    outcome = run("agreements", "--since", "２０２４")
    assert outcome.code == 2 and "is not a date of the form" in outcome.err
