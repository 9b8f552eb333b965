"""Agreements told as background: ended ones whose parties go unsaid, instruments under
negotiation, joint laboratories, and treaties between two governments named only by the
pair of their countries. Each article is dated 2025-03-12 (a Wednesday); the expectations
are read off the articles in ``tests/articles/*_background.txt`` by hand."""

from __future__ import annotations

from coopgraph.index import Index
from ingest_reading import read


def test_korean_background(index: Index) -> None:
    assert read(index, "ko_background.txt") == [
        # "독일 프라운호퍼 세라믹기술연구소와": the institute's own name (the Fraunhofer prefix is
        # a known loss)
        ("research-cooperation-agreement", "signed", "2025-03-11",
         [("한국재료연구원", None), ("세라믹기술연구소", None)]),
        # "양 기관이 2019년 맺은 기존 양해각서는 지난해 말 만료됐다": ended, dated by its end
        # (last year), not the year it was signed
        ("mou", "ended", "2024", [("한국재료연구원", None), ("세라믹기술연구소", None)]),
        # "공동연구실을 열기로 했다": a joint laboratory is a joint programme
        ("joint-programme", "planned", None, [("한국재료연구원", None), ("창원대학교", None)]),
        # "협약 체결을 협의하고 있다": an instrument under negotiation is proposed
        ("research-cooperation-agreement", "proposed", None,
         [("한국재료연구원", None), ("왕립공과대학교", "SE")]),
        # "1986년 양국 정부가 체결한 한-독 과학기술협력협정에 따라": the governments of the two
        # countries "한-독" joins, though the sentence says what the treaty provides
        ("research-cooperation-agreement", "signed", "1986",
         [("양국 정부", "KR"), ("양국 정부", "DE")]),
    ]  # fmt: skip


def test_japanese_background(index: Index) -> None:
    assert read(index, "ja_background.txt") == [
        # "物質・材料研究機構": a dot between kanji stays in the name
        ("research-cooperation-agreement", "signed", "2025-03-11",
         [("物質・材料研究機構", None), ("ユーリッヒ研究センター", "DE")]),
        # "2018年に結ばれた前回の覚書は昨年9月に期限切れ": its parties are the statement
        # before's, its date the month it lapsed
        ("mou", "ended", "2024-09",
         [("物質・材料研究機構", None), ("ユーリッヒ研究センター", "DE")]),
        # "両機関は同日、…共同研究拠点を…設ける予定だ": the same day as the signing, not the
        # day of the ended memorandum
        ("joint-programme", "planned", "2025-03-11",
         [("物質・材料研究機構", None), ("ユーリッヒ研究センター", "DE")]),
        # "仏国立科学研究センターとの間で…協議を進めている": France's, by its initial
        ("research-cooperation-agreement", "proposed", None,
         [("物質・材料研究機構", None), ("国立科学研究センター", "FR")]),
        # "1974年に両国政府が署名した日独科学技術協力協定"
        ("research-cooperation-agreement", "signed", "1974",
         [("両国政府", "JP"), ("両国政府", "DE")]),
    ]  # fmt: skip


def test_english_background(index: Index) -> None:
    governments = "the governments of Canada and Japan"
    assert read(index, "en_background.txt") == [
        # "The National Research Council of Canada and RIKEN": two names
        ("mou", "signed", "2025-03-11",
         [("National Research Council of Canada", None), ("RIKEN", None)]),
        # "It replaces a 2019 letter of intent, which expired last year."
        ("loi", "ended", "2024", [("National Research Council of Canada", None), ("RIKEN", None)]),
        # "is also negotiating a joint development agreement with …"
        ("research-cooperation-agreement", "proposed", None,
         [("RIKEN", None), ("Xanadu Quantum Technologies Inc.", None)]),
        ("joint-programme", "planned", None, [("University of Toronto", None), ("RIKEN", None)]),
        # "the science and technology cooperation agreement that the governments of Canada
        # and Japan signed in 1986"
        ("research-cooperation-agreement", "signed", "1986",
         [(governments, "CA"), (governments, "JP")]),
    ]  # fmt: skip


def test_german_background(index: Index) -> None:
    ministry = "Bundesministerium für Bildung und Forschung"
    department = "Department of Science and Technology"
    assert read(index, "de_background.txt") == [
        # a ministry's compound name with "und" in it, and an English name in German text
        ("mou", "signed", "2025-03-11", [(ministry, None), (department, None)]),
        # "Der neue Vertrag ersetzt die 2016 geschlossene Vereinbarung, die Ende 2024
        # ausgelaufen war": the agreement replaced, ended at the end of 2024
        ("research-cooperation-agreement", "ended", "2024", [(ministry, None), (department, None)]),
        # "verhandelt … über ein gemeinsames Messlabor"; "Mit einem Forschungsinstitut … wird
        # über eine Zusammenarbeit gesprochen": talk of cooperation, no record
        ("joint-programme", "proposed", None,
         [("Ministerium für Wirtschaft, Arbeit und Tourismus", None),
          ("Indian Institute of Science", None)]),
    ]  # fmt: skip
