"""Dates as a sentence gives them, at the precision it gives them.

The lexicon spots the spans that may name a day ("지난 29일", "on Wednesday", "29日",
"10. Juni"); dateparser reads them. What the span leaves out (the year of "June 10", the
month of "29일", the whole date of "Wednesday") comes from the article's own date, and
then the answer is marked inferred; without an article date such a span gives no date.
Reports speak of the past unless the sentence speaks of the future: the article's
status decides which way an incomplete date is completed.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from coopgraph.ingest.lexicon import Lexicon

__all__ = ["Found", "after", "dates_agree", "find_date", "find_dates"]


@dataclass(frozen=True)
class Found:
    """A date found in a sentence: ``value`` as the data writes it (YYYY, YYYY-MM or
    YYYY-MM-DD), whether anything in it came from the article's date, and the span read."""

    value: str | None
    inferred: bool
    text: str
    start: int
    end: int


#: A year alone: "2012年", "2019년", "2017" (dateparser reads "2012年" as no year at all).
_YEAR_ONLY = re.compile(r"^(?:(?:지난|오는)\s*)?(\d{4})\s*(?:년|年)?$")
#: A day of the month alone: "29일", "29日", "the 29th".
_DAY_ONLY = re.compile(r"^(?:지난|오는|現地時間)?\s*(\d{1,2})\s*(?:일|日)$")
_NOISE = re.compile(r"^(?:지난|오는)\s*")
#: Two bases far apart: a part of the answer that moves with the base was not in the text.
_BASES = (datetime(2001, 3, 14), datetime(2013, 8, 22))


def after(value: str | None, published: date | None) -> bool:
    """Whether a date at any precision ("2030", "2025-04", "2025-03-14") lies wholly after
    ``published``: no day something was signed on, or began, as of the report."""
    if not value or published is None:
        return False
    first = value.split("/")[0]  # of a span ("2025-03/2025-06"), where it begins
    return first > published.isoformat()[: len(first)]


def find_date(sentence: str, lex: Lexicon, published: date | None, *, future: bool) -> Found | None:
    """The first date the sentence names, resolved against ``published``, outside a
    relative clause if one is ("Rapidus, der Anfang 2026 ein Werk eröffnet, haben am
    Montag … unterzeichnet": Monday); None if none."""
    found = find_dates(sentence, lex, published, future=future)
    clauses = [m.span() for p in lex.relative_clauses for m in p.finditer(sentence)]
    outside = [f for f in found if not any(s <= f.start < e for s, e in clauses)]
    return next(iter(outside or found), None)


def find_dates(sentence: str, lex: Lexicon, published: date | None, *, future: bool) -> list[Found]:
    """Every date the sentence names, in order; a year as an attribute ("a 2019
    memorandum", "die 2016 geschlossene Vereinbarung") only when it names no other."""
    found = list(_dates(sentence, lex, published, future=future, patterns=lex.dates))
    return found or list(
        _dates(sentence, lex, published, future=future, patterns=lex.background_dates)
    )


def _dates(
    sentence: str,
    lex: Lexicon,
    published: date | None,
    *,
    future: bool,
    patterns: list[re.Pattern[str]],
) -> Iterator[Found]:
    """The dates ``patterns`` find in the sentence, in order, resolved against
    ``published``."""
    # by place, the longest first; two patterns finding the same words ("bis 2030
    # unterzeichnet") give them once
    found = {m.span(): m for p in patterns for m in p.finditer(sentence) if m.group()}
    spans = sorted(found.values(), key=lambda m: (m.start(), -m.end()))
    tried: list[tuple[int, int]] = []
    for number, match in enumerate(spans):
        if any(start <= match.start() and match.end() <= end for start, end in tried):
            continue  # "31일" inside "지난달 31일", which named no day
        tried.append((match.start(), match.end()))
        later = any(m.start() >= match.end() for m in spans[number + 1 :])
        told = _told_on(sentence, match, lex)
        if later and (told or _reported(sentence, match, lex)):
            continue  # "29일 과학기술정보통신부에 따르면 … 지난 22일 …": the day of the report
        found = _relative(match.group().strip(), lex, published, future=future) or _read(
            match.group().strip(), lex.language, published, future=future and not told
        )
        if found is not None and found[0] is not None:  # "지난달 31일" of a 30-day month
            value, inferred = found
            end = match.end()
            if (until := _until(sentence, match.end(), value, lex, spans)) is not None:
                value, end = f"{value}/{until[0]}", until[1]
            yield Found(value, inferred, sentence[match.start() : end], match.start(), end)


#: How far a source cue may stand from the date it makes the report's own.
_REPORT_REACH = 25


def _reported(sentence: str, match: re.Match[str], lex: Lexicon) -> bool:
    """Whether the date is the day a source told the news ("29일 과학기술정보통신부에
    따르면", "according to the ministry on Monday"), not the day of what it tells: a
    source cue of the lexicon's ``source`` role right after it (Korean, Japanese) or
    right before it (English, German)."""
    cues = lex.roles.get("source", {})
    after = re.split(r"[,，、]", sentence[match.end() : match.end() + _REPORT_REACH])[0]
    # before it, back to the clause's start: "According to the Ministry of … on Friday"
    before = re.split(r"[,，、]", sentence[: match.start()])[-1]
    return any(cue.search(after) for cue in cues.get("after", [])) or any(
        cue.search(before) for cue in cues.get("before", [])
    )


def _told_on(sentence: str, match: re.Match[str], lex: Lexicon) -> bool:
    """Whether the date is the day the sentence's source made it known: the sentence ends
    with a verb of telling (the lexicon's ``reports``: 밝혔다, 発表した, said) and the date
    opens the clause ("東北大学は19日、…と発表した") or stands right before that verb
    ("…할 예정이라고 11일 밝혔다"). Such a day is in the past even of a plan."""
    if not any(p.search(sentence) for p in lex.reports):
        return False
    following = sentence[match.end() : match.end() + 12]
    return following[:1] in (",", "、", "，") or any(
        p.match(following.lstrip()) for p in lex.reports
    )


def _until(
    sentence: str, after: int, first: str, lex: Lexicon, spans: list[re.Match[str]]
) -> tuple[str, int] | None:
    """The last day of a range starting with ``first`` ("30일부터 31일까지", "from June 3 to
    June 5", "30日から31日"), read against the first day, and where it ends; else None."""
    if len(first) != len("YYYY-MM-DD") or not lex.date_range:
        return None
    joint = next((m for p in lex.date_range if (m := p.match(sentence, after))), None)
    if joint is None:
        return None
    second = next((m for m in spans if m.start() == joint.end()), None)
    if second is None:
        return None
    base = date.fromisoformat(first)
    read = _relative(second.group().strip(), lex, base, future=False) or _read(
        second.group().strip(), lex.language, base, future=True
    )
    if read is None or read[0] is None or len(read[0]) != len(first) or read[0] <= first:
        return None
    return read[0], second.end()


_NUMBERS = re.compile(r"\d+")


def _relative(
    text: str, lex: Lexicon, published: date | None, *, future: bool
) -> tuple[str | None, bool] | None:
    """A day or month named from the article's date: "지난달 30일" (the 30th of the month
    before), "지난해 11월" (November of the year before), "来年4月"."""
    if published is None:
        return None
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    if not numbers:  # "지난달", "last year": the month or year itself, of the past; of a
        # plan ("will sign next month", "내년 초 개최키로"), also this one and the next,
        # when it is to happen
        said = text.casefold()
        months = next((n for w, n in lex.relative_months.items() if w.casefold() == said), None)
        years = next((n for w, n in lex.relative_years.items() if w.casefold() == said), None)
        if months is not None and (months < 0 or future):
            shifted = _months_from(published, months)
            return f"{shifted.year:04d}-{shifted.month:02d}", True
        if years is not None and (years < 0 or future):
            return f"{published.year + years:04d}", True
        if months is not None or years is not None:
            # "agreed to launch … next year", "今年も参加した": no date of the statement,
            # and none for dateparser to make up
            return None, False
        return None
    for word, months in lex.relative_months.items():
        if text.startswith(word) and len(numbers) == 1:
            shifted = _months_from(published, months)
            return _valid(shifted.year, shifted.month, numbers[0]), True
    for word, years in lex.relative_years.items():
        if text.startswith(word) and 1 <= len(numbers) <= 2:
            year = published.year + years
            if len(numbers) == 1:
                return (f"{year:04d}-{numbers[0]:02d}", True) if 1 <= numbers[0] <= 12 else None
            return _valid(year, numbers[0], numbers[1]), True
    return None


def _months_from(published: date, months: int) -> date:
    """The first day of the month ``months`` before (negative) or after the article's."""
    shifted = published.replace(day=1)
    for _ in range(abs(months)):
        shifted = (
            (shifted - timedelta(days=1)).replace(day=1)
            if months < 0
            else (shifted + timedelta(days=32)).replace(day=1)
        )
    return shifted


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _read(
    text: str, language: str, published: date | None, *, future: bool
) -> tuple[str | None, bool] | None:
    if year_only := _YEAR_ONLY.match(text):
        return year_only.group(1), False
    if day_only := _DAY_ONLY.match(text):
        if published is None:
            return None
        return _nearest_day(int(day_only.group(1)), published, future=future), True
    cleaned = _NOISE.sub("", text)
    parsed = [_parse(cleaned, language, base, future) for base in _BASES]
    if parsed[0] is None or parsed[1] is None:
        return None
    (first, period), (second, _) = parsed
    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day and period == "day"
    if has_year:
        if period == "year" or not has_month:
            return f"{first.year:04d}", False
        if period == "month" or not has_day:
            return f"{first.year:04d}-{first.month:02d}", False
        return first.date().isoformat(), False
    if published is None:
        return None  # "June 10" without the article's date stays without a date
    relative, period = _parse(
        cleaned, language, datetime.combine(published, datetime.min.time()), future
    ) or (None, None)
    if relative is None:
        return None
    if period == "month" or (not has_day and has_month):
        return f"{relative.year:04d}-{relative.month:02d}", True
    return relative.date().isoformat(), True


@functools.cache
def _parser(language: str, base: datetime, future: bool, order: str | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if order is not None:
        settings["DATE_ORDER"] = order
    return DateDataParser(languages=[language], settings=settings)


def _parse(text: str, language: str, base: datetime, future: bool) -> tuple[datetime, str] | None:
    # A Japanese month and day without a year: dateparser reads a month of 11 or 12 as the
    # year ("11月28日" as 2011-12-28) unless told the numbers run month, day
    order = "MDY" if language == "ja" and "年" not in text else None
    data = _parser(language, base, future, order).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def _nearest_day(day: int, published: date, *, future: bool) -> str | None:
    """The day-of-month ``day`` nearest the article's date on the side the tense says."""
    year, month = published.year, published.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if (candidate >= published) if future else (candidate <= published):
                return candidate.isoformat()
        shifted = date(year, month, 15) + timedelta(days=31 if future else -31)
        year, month = shifted.year, shifted.month
    return None


def dates_agree(first: str | None, second: str | None) -> bool:
    """Whether two dates may be the same day: equal, one left open, or one a prefix of the
    other ("2024-01" and "2024-01-29"); a range "A/B" agrees with what either end agrees."""
    if not first or not second:
        return True
    for one in first.split("/"):
        for other in second.split("/"):
            if one.startswith(other) or other.startswith(one):
                return True
    return False
