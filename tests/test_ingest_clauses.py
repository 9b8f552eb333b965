"""Sentences whose clauses each state an agreement: one record per clause, a later clause
sharing the first clause's subject when it names only its partner. Each article is of
2025-03-12 (a Wednesday); the expectations are read off ``tests/articles`` by hand."""

from __future__ import annotations

from coopgraph.index import Index
from ingest_reading import read


def test_korean_clauses_share_the_subject_and_the_last_verbs_tense(index: Index) -> None:
    # "한국화학연구원은 지난 10일 … 프라운호퍼 화학기술연구소(Fraunhofer ICT)와 … 협약을
    # 체결하고, 11일에는 … 응용과학연구기구(TNO)와 업무협약을 맺었다": "체결하고" takes the
    # past of "맺었다"; each clause its own day and partner, not one agreement of three
    assert read(index, "ko_clauses.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-10",
         [("한국화학연구원", None), ("프라운호퍼 화학기술연구소", "DE")]),
        ("mou", "signed", "2025-03-11", [("한국화학연구원", None), ("응용과학연구기구", "NL")]),
        # "… KIMM과 … AIST 간 MOU를 체결하고, … 신규 작업반도 출범시킨다": "간" makes the
        # two no subject of the sentence, so the working group is not theirs; with its
        # clause stating nothing, the sentence is read whole, the MOU planned
        ("mou", "planned", None, [("한국기계연구원", None), ("AIST", "JP")]),
    ]  # fmt: skip


def test_japanese_clauses_share_the_subject_and_its_day(index: Index) -> None:
    # "東北大学は11日、…アーヘン工科大学と…協定を更新し、…チューリッヒ工科大学とは…覚書を
    # 新たに締結した": the subject and its day go with both clauses
    assert read(index, "ja_clauses.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-11",
         [("東北大学", None), ("アーヘン工科大学", "DE")]),
        ("mou", "signed", "2025-03-11", [("東北大学", None), ("チューリッヒ工科大学", "CH")]),
        # "…覚書を結んでおり、今回の協定は…個別協定となる": the later clause names an
        # agreement without a status, in passing; the sentence is read whole
        ("mou", "signed", "2016", [("東北大学", None), ("アーヘン工科大学", None)]),
    ]  # fmt: skip


def test_english_and_german_clauses_with_parties_of_their_own(index: Index) -> None:
    toronto = ("University of Toronto", None)
    assert read(index, "en_clauses.txt") == [
        ("mou", "signed", "2025-03-10", [toronto, ("Max Planck Society", "DE")]),
        # ", and the University of Toronto and Japan's RIKEN renewed …": parties of its
        # own, so not Monday's by right: no day
        ("research-cooperation-agreement", "signed", None, [toronto, ("RIKEN", "JP")]),
        # "The national laboratories of Canada, France and Italy signed a joint statement
        # …, and the University of Toronto and the Sorbonne separately renewed their student
        # exchange programme": the first clause names no party, the second is read alone
        ("joint-programme", "signed", None, [toronto, ("Sorbonne", None)]),
    ]  # fmt: skip
    assert read(index, "de_clauses.txt") == [
        ("mou", "signed", "2025-03-10",
         [("Karlsruher Institut für Technologie", None), ("Universität Tokio", None)]),
        # "…, und die Universität Stuttgart schloss mit dem … einen Kooperationsvertrag"
        ("research-cooperation-agreement", "signed", None,
         [("Universität Stuttgart", None),
          ("Korea Advanced Institute of Science and Technology", None)]),
    ]  # fmt: skip
