"""coopgraph ingest: what a hostile review of the proper-noun, reference and partner rules
found wrong, each case in our own words and its answer worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.index import Index
from coopgraph.ingest import ingest
from coopgraph.ingest.lexicon import _tokens, lexicon, read_sentence, tagged
from coopgraph.ingest.organisations import _nominative


def parties(index: Index, tmp_path: Path, body: str, date: str = "2025-05-08") -> list:
    """Each candidate of an article with ``body`` as (type, date, [(agency or name, country),
    ...]); its headline says nothing, its date is ``date``."""
    article = tmp_path / "article.txt"
    article.write_text(f"Notes\n{date}\n\n{body}\n", encoding="utf-8")
    return [
        (a["type"], a["date"], [(p["agency"] or p["name"], p["country"]) for p in a["parties"]])
        for a in ingest([article], index).agreements
    ]


def test_a_beginning_is_read_alike_whatever_was_read_before() -> None:
    tagged("서울대학교와 KAIST가 협약을 맺었다", "ko")
    assert tagged("서울대", "ko") == _tokens("서울대", "ko")
    # within the sentence being read, a beginning ending between two of its words is its own
    read_sentence("国立がん研究センターと富士通が覚書を締結した", "ja")
    assert tagged("国立がん研究", "ja") == _tokens("国立がん研究", "ja")


def test_a_time_is_no_part_of_a_japanese_name(index: Index, tmp_path: Path) -> None:
    assert parties(index, tmp_path, "昨年国立がん研究センターと富士通は覚書を締結した。") == [
        ("mou", "2024", [("国立がん研究センター", None), ("富士通", None)]),  # 昨年: last year
    ]


@pytest.mark.parametrize(
    "name",
    ["Johannes Gutenberg-Universität Mainz", "Heinrich Heine Institut", "Freie Universität"],
    ids=["johannes", "heine", "freie"],
)
def test_given_names_are_not_declined(name: str) -> None:
    assert _nominative(name, lexicon("de").genders) == name


def test_a_dateline_of_mixed_case_is_no_part_of_a_name(index: Index, tmp_path: Path) -> None:
    body = (
        "Dresden – Fraunhofer IPMS und das KTL haben am Montag eine Absichtserklärung "
        "unterzeichnet."
    )
    assert parties(index, tmp_path, body, "13.05.2025") == [
        ("mou", "2025-05-12", [("Fraunhofer IPMS", None), ("KTL", None)]),
    ]


def test_a_partner_is_named_after_an_agreement_and_without_the_full_stop(
    index: Index, tmp_path: Path
) -> None:
    body = (
        "On May 5, KRISS signed an MOU with Microsoft.\n\n"
        "NPL and KRISS signed an MOU on May 6, coinciding with World Metrology Day."
    )
    assert parties(index, tmp_path, body) == [
        ("mou", "2025-05-05", [("KRISS", "KR"), ("Microsoft", None)]),
        ("mou", "2025-05-06", [("NPL", None), ("KRISS", "KR")]),
    ]


def test_a_short_name_is_not_the_start_of_a_longer_one(index: Index, tmp_path: Path) -> None:
    body = (
        "한국원자력연구원(원자력연)과 한국전력공사(한전)는 5일 업무협약을 체결했다.\n\n"
        "한전KPS와 한국수력원자력은 6일 공동연구 협약을 체결했다."
    )
    assert parties(index, tmp_path, body)[1] == (
        "research-cooperation-agreement", "2025-05-06",
        [("한전KPS", None), ("한국수력원자력", None)],
    )  # fmt: skip


def test_the_two_countries_are_named_without_the_particle(index: Index, tmp_path: Path) -> None:
    body = (
        "과학기술정보통신부와 미국 국립과학재단(NSF)은 5일 인공지능 업무협약을 체결했다.\n\n"
        "양국은 내년부터 공동연구 프로그램을 신설하기로 합의했다."
    )
    assert parties(index, tmp_path, body)[1][2] == [("양국", "KR"), ("양국", "US")]


def test_the_two_governments_in_english(index: Index, tmp_path: Path) -> None:
    body = (
        "MSIT and NSF signed an MOU on May 5.\n\n"
        "The two governments agreed to launch a joint research programme next year."
    )
    assert parties(index, tmp_path, body)[1][2] == [
        ("The two governments", "KR"), ("The two governments", "US")
    ]  # fmt: skip


def test_the_same_day_needs_a_day(index: Index, tmp_path: Path) -> None:
    body = (
        "KRISS and NIST signed an MOU in 2019.\n\n"
        "The same day, KRISS and the Korea Institute of Science and Technology (KIST) signed "
        "an MOU."
    )
    assert [(kind, date) for kind, date, _ in parties(index, tmp_path, body)] == [
        ("mou", "2019"), ("mou", None)
    ]  # fmt: skip


def test_a_country_possessive_begins_another_name(index: Index, tmp_path: Path) -> None:
    """ "the U.S. Department of Commerce and Korea's Ministry of …" names two, and Korea's
    is the second's country; "Children's Hospital" keeps its possessive."""
    body = (
        "The U.S. Department of Commerce and Korea's Ministry of Trade, Industry and Energy "
        "(MOTIE) announced plans in February to set up a joint working group.\n\n"
        "UPMC Children's Hospital of Pittsburgh and Osaka University Hospital signed a research "
        "cooperation agreement on Monday."
    )
    assert parties(index, tmp_path, body, "April 3, 2025") == [
        ("working-group", "2025-02", [("DOC", "US"), ("MOTIE", "KR")]),
        ("research-cooperation-agreement", "2025-03-31",
         [("UPMC Children's Hospital of Pittsburgh", None), ("Osaka University Hospital", None)]),
    ]  # fmt: skip
