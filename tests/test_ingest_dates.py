"""Dates as sentences give them, completed from the article's date: worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from coopgraph.ingest.lexicon import lexicon
from coopgraph.ingest.when import find_date

CASES = [
    # sentence, language, article date, future?, (date, inferred)
    ("지난 29일 협약을 체결했다", "ko", date(2024, 5, 31), False, ("2024-05-29", True)),
    ("지난 29일 협약을 체결했다", "ko", date(2024, 6, 3), False, ("2024-05-29", True)),
    ("오는 10일 체결할 예정이다", "ko", date(2024, 6, 5), True, ("2024-06-10", True)),
    ("오는 3일 체결할 예정이다", "ko", date(2024, 6, 5), True, ("2024-07-03", True)),
    ("지난달 30일 열린 회의에서", "ko", date(2024, 8, 2), False, ("2024-07-30", True)),
    ("지난해 11월 좌담회에서", "ko", date(2024, 8, 2), False, ("2023-11", True)),
    ("2024년 1월 업무협약을", "ko", date(2024, 8, 2), False, ("2024-01", False)),
    ("지난 1월 업무협약을", "ko", date(2024, 8, 2), False, ("2024-01", True)),
    ("現地時間29日に締結した", "ja", date(2024, 2, 1), False, ("2024-01-29", True)),
    ("先月30日に締結した", "ja", date(2024, 1, 5), False, ("2023-12-30", True)),
    ("来年4月に締結する予定", "ja", date(2024, 1, 5), True, ("2025-04", True)),
    ("signed on Wednesday", "en", date(2024, 3, 8), False, ("2024-03-06", True)),
    ("will sign on Wednesday", "en", date(2024, 3, 8), True, ("2024-03-13", True)),
    ("signed on June 10", "en", date(2024, 6, 20), False, ("2024-06-10", True)),
    ("signed on 10 June 2023", "en", date(2024, 6, 20), False, ("2023-06-10", False)),
    ("am Mittwoch unterzeichnet", "de", date(2024, 3, 8), False, ("2024-03-06", True)),
    ("im Juni 2024 unterzeichnen", "de", None, True, ("2024-06", False)),
    ("am 10. Juni 2024", "de", None, False, ("2024-06-10", False)),
    # ranges: the last day read against the first
    (
        "지난달 30일부터 31일까지 츠쿠바에서",
        "ko",
        date(2024, 8, 2),
        False,
        ("2024-07-30/2024-07-31", True),
    ),
    ("30日から31日まで", "ja", date(2024, 8, 2), False, ("2024-07-30/2024-07-31", True)),
    ("met from June 3 to June 5", "en", date(2024, 6, 20), False, ("2024-06-03/2024-06-05", True)),
    ("signed on June 3 to strengthen ties", "en", date(2024, 6, 20), False, ("2024-06-03", True)),
    ("vom 3. bis 5. Juni 2024", "de", None, False, ("2024-06-05", False)),  # "3." is no date
    # the day a source told the news is not the day of what it tells, when the sentence
    # names another; alone, it is all there is
    (
        "29일 과학기술정보통신부에 따르면 김 차관은 지난 22일 면담했다",
        "ko",
        date(2024, 1, 29),
        False,
        ("2024-01-22", True),
    ),
    (
        "29일 과학기술정보통신부에 따르면 두 기관은 협약을 맺었다",
        "ko",
        date(2024, 1, 29),
        False,
        ("2024-01-29", True),
    ),
    (
        "According to the ministry on Friday, the two signed on Tuesday",
        "en",
        date(2024, 3, 8),
        False,
        ("2024-03-05", True),
    ),
]


@pytest.mark.parametrize(
    ("sentence", "language", "published", "future", "expected"),
    CASES,
    ids=[f"case-{number}" for number in range(len(CASES))],
)
def test_dates(sentence, language, published, future, expected) -> None:
    found = find_date(sentence, lexicon(language), published, future=future)
    assert found is not None
    assert (found.value, found.inferred) == expected
    assert sentence[found.start : found.end] == found.text


NONE = [
    ("signed on June 10", "en", None),  # no year, and no article date to give it
    ("지난 29일 체결했다", "ko", None),
    ("지난달 31일 체결했다", "ko", date(2024, 7, 2)),  # June has no 31st: no day, not May 31
    ("The two institutes will cooperate", "en", date(2024, 7, 2)),
]


@pytest.mark.parametrize(
    ("sentence", "language", "published"), NONE, ids=[f"none-{n}" for n in range(len(NONE))]
)
def test_no_date(sentence, language, published) -> None:
    assert find_date(sentence, lexicon(language), published, future=False) is None
