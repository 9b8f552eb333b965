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


def test_a_dialogue_told_with_its_holders_is_not_told_again_as_the_governments(
    index: Index,
) -> None:
    # "The Canada–Japan quantum dialogue, co-chaired by Canada's Department of Innovation,
    # Science and Economic Development and Japan's Cabinet Office, met …": a comma inside a
    # chair's name ends no clause; "Officials describe the Canada–Japan quantum dialogue as
    # …" is that dialogue again, not one of the two governments
    assert read(index, "en_holders.txt") == [
        ("dialogue", "active", None,
         [("Department of Innovation, Science and Economic Development", "CA"),
          ("Cabinet Office", "JP")]),
    ]  # fmt: skip


def test_companies_by_where_they_are_based_and_as_the_company(index: Index) -> None:
    nrc = ("National Research Council of Canada", None)
    assert read(index, "en_companies.txt") == [
        # "Toronto-based Xanadu and South Korea's SK Telecom each signed a letter of intent
        # with …": a company after where it is based, and the name listed with it; one
        # letter each
        ("loi", "signed", "2025-03-11", [("Xanadu", None), nrc]),
        ("loi", "signed", "2025-03-11", [("SK Telecom", "KR"), nrc]),
        ("research-cooperation-agreement", "signed", "2025-03-10",
         [("Borealis Photonics Inc.", None), ("University of Waterloo", None)]),
        # "The company is also negotiating …": the party told before whose name is a
        # company's ("… Inc.")
        ("research-cooperation-agreement", "proposed", None,
         [("Borealis Photonics Inc.", None), ("Toptica Photonics AG", "DE")]),
        # "The testbed falls under a memorandum of cooperation … that Canada's Department of
        # Innovation and Japan's Ministry … signed in 2023": an MOU
        ("mou", "signed", "2023",
         [("Department of Innovation", "CA"),
          ("Ministry of Internal Affairs and Communications", "JP")]),
    ]  # fmt: skip


def test_japanese_ties_negotiated_and_joint_bases(index: Index) -> None:
    kyoto, bonn = ("京都大学", None), ("ボン大学", None)
    assert read(index, "ja_partnerships.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-10", [kyoto, bonn]),
        # "両大学が…共同で運営してきた…欧州共同拠点は、昨年3月末で運営を終了した"
        ("joint-programme", "ended", "2024-03", [kyoto, bonn]),
        # "…ドイツのシーメンスと…提携について交渉しており": a tie-up under negotiation;
        # "ドイツの" places the company, though "は" runs on into it
        ("partnership", "proposed", None, [("日立製作所", None), ("シーメンス", "DE")]),
        # "ドイツ・ミュンヘン市との友好都市提携に向けて協議を進めている": the city less the
        # country's word before its dot
        ("partnership", "proposed", None, [("横浜市", None), ("ミュンヘン市", "DE")]),
        # "…が共同で実施している若手研究者の交流事業には": the clause before says it goes on
        ("joint-programme", "active", None, [kyoto, ("ハイデルベルク大学", None)]),
    ]  # fmt: skip


def test_korean_branches_and_what_an_agreement_is_based_on(index: Index) -> None:
    ipk = ("프라운호퍼 생산시스템설계기술연구소", None)
    assert read(index, "ko_branches.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-10",
         [("한국과학기술연구원", None), ipk]),
        # "독일 자를란트주에 있는 KIST 유럽연구소와 IPK가 2020년부터 공동 운영해 온 …
        # 공동연구실의 성과를 바탕으로 한다": the region is where the branch is; "KIST
        # 유럽연구소" one party, KIST's branch; "IPK" the acronym of the bracket's "Fraunhofer
        # IPK"; "운영해 온" says it goes on, "바탕으로 한다" plans nothing
        ("joint-programme", "active", "2020", [("KIST 유럽연구소", None), ipk]),
    ]  # fmt: skip


def test_the_two_told_before_with_others_they_sign_with(index: Index) -> None:
    ulm, tokyo = ("Universität Ulm", None), ("Universität Tokio", None)
    assert read(index, "de_joined.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-10", [ulm, tokyo]),
        # "Das gemeinsame Graduiertenkolleg soll im Oktober … starten": joint, and of the
        # parties of the statement before, none being named
        ("joint-programme", "planned", "2025-10", [ulm, tokyo]),
        # "Zudem schlossen beide Universitäten mit der Carl Zeiss AG eine
        # Absichtserklärung": the two, and the company they signed with; not the month of
        # the statement before, a plan's, which is still to come
        ("mou", "signed", None, [ulm, tokyo, ("Carl Zeiss AG", None)]),
    ]  # fmt: skip
    toronto, riken = ("University of Toronto", None), ("RIKEN", "JP")
    assert read(index, "en_joined.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-10", [toronto, riken]),
        # "The two institutions will also launch a joint laboratory with Xanadu …"
        ("joint-programme", "planned", "2025-03-10",
         [toronto, riken, ("Xanadu Quantum Technologies Inc.", None)]),
    ]  # fmt: skip
