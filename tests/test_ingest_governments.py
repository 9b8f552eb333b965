"""Ministries, committees and their owners: a party's owner is no party ("A*STAR's National
Metrology Centre"), Korean ministries and agencies by their last syllable (과학기술부,
특허청), a joint committee held as a dialogue, and the verb's object as the agreement.
Expectations read off the articles in ``tests/articles`` by hand."""

from __future__ import annotations

from coopgraph.index import Index
from coopgraph.ingest import ingest
from ingest_reading import ARTICLES, read


def test_owners_and_ministries_in_english(index: Index) -> None:
    """An article of Thursday 2025-06-05."""
    assert read(index, "en_owners.txt") == [
        # "A*STAR's National Metrology Centre (NMC)": A*STAR owns the party, is none
        ("loi", "signed", "2025-06-04",
         [("National Metrology Centre", None), ("Physikalisch-Technische Bundesanstalt", "DE")]),
        # "SIMTech, a research institute of the Agency for Science, Technology and Research"
        ("research-cooperation-agreement", "signed", "2025-06-03",
         [("Singapore Institute of Manufacturing Technology", None),
          ("Fraunhofer Institute for Laser Technology ILT", None)]),
        # "the US Department of Energy": the data's DOE; "have co-chaired … since 2022"
        ("working-group", "active", "2022", [("MSIT", "KR"), ("DOE", "US")]),
        # "The Department of Industry, Science and Resources and India's Department of
        # Science and Technology": the comma inside a name, the "and" before an owned name
        ("implementing-arrangement", "planned", "2025-07",
         [("Department of Industry, Science and Resources", None),
          ("Department of Science and Technology", "IN")]),
        # "plan to launch a graduate-student exchange"
        ("joint-programme", "planned", None,
         [("University of Colorado Boulder", None), ("University of Tokyo", None)]),
        # "a 2019 memorandum of understanding between A*STAR and the Fraunhofer-Gesellschaft":
        # "A*STAR" is no article "A"; the year stands before the memorandum
        ("mou", None, "2019", [("A*STAR", None), ("Fraunhofer-Gesellschaft", None)]),
        # "signed in 2014 by the … (ETRI) and France's Inria expired in 2020": the partner
        # after the bracket, with its country; ended, in 2020
        ("research-cooperation-agreement", "ended", "2020",
         [("Electronics and Telecommunications Research Institute", None), ("Inria", "FR")]),
    ]  # fmt: skip


def test_korean_ministries_and_committees(index: Index) -> None:
    """An article of 2025-06-05."""
    assert read(index, "ko_ministries.txt") == [
        # "베트남 과학기술부와 제9차 한-베트남 과학기술공동위원회를 열었다": the committee is
        # no organisation; the ministry is Vietnam's
        ("dialogue", None, "2025-06-03", [("MSIT", "KR"), ("과학기술부", "VN")]),
        # "공동연구센터 운영에 관한 협력협약을 갱신했다": the agreement renewed, not the centre
        ("research-cooperation-agreement", "signed", None,
         [("한국과학기술연구원", None), ("하노이과학기술대학교", "VN")]),
        # "내년부터 베트남 특허청과": 특허청 is an agency, "내년부" no ministry
        ("joint-programme", "planned", "2026", [("MOTIE", "KR"), ("특허청", "VN")]),  # 내년부터
    ]  # fmt: skip


def test_german_joint_committee(index: Index) -> None:
    assert read(index, "de_committee.txt") == [
        # "tagte … der Deutsch-Indische Gemeinsame Ausschuss …, geleitet vom … und dem …"
        ("dialogue", "active", "2025-03-11",
         [("Bundesministerium für Bildung und Forschung", None),
          ("Department of Science and Technology", None)]),
    ]  # fmt: skip


def test_japanese_plain_verb_tells_a_plan(index: Index) -> None:
    assert read(index, "ja_plain_future.txt") == [
        # "4月から、…共同研究プロジェクトを始める": to start, so planned
        ("joint-programme", "planned", None,
         [("東京大学", None), ("タイ国家科学技術開発庁", None)]),
    ]  # fmt: skip


def test_japanese_prefectures_owners_and_committees(index: Index) -> None:
    """An article of 2025-05-30."""
    owned = ingest([ARTICLES / "ja_regions.txt"], index).agreements[2]
    assert {p["name"]: p["role"] for p in owned["parties"]}["ヘルムホルツ協会"] == "parent"
    kumamoto, hsinchu = ("熊本県", None), ("新竹県", None)
    assert read(index, "ja_regions.txt") == [
        # "熊本県は28日、台湾北部の新竹県と…覚書を締結した": prefectures as parties
        ("mou", "signed", "2025-05-28", [kumamoto, hsinchu]),
        # "覚書に基づき、両県は年内に…作業部会を設ける": what the memorandum provides, and a
        # working group of its own between the two prefectures
        ("working-group", "planned", "2025-05-28", [kumamoto, hsinchu]),
        # "同日、茨城県つくば市で、ドイツのヘルムホルツ協会に属するユーリッヒ研究センターと":
        # the prefecture is a place, the association the centre's owner (a `parent`)
        ("research-cooperation-agreement", "signed", "2025-05-28",
         [("AIST", "JP"), ("ヘルムホルツ協会", "DE"), ("ユーリッヒ研究センター", None)]),
        # "日英両政府は…合同委員会を開き、…共同研究プログラムを来年度から始めることで合意
        # した": two clauses, two records: the committee the two governments held (no
        # status said), and the programme agreed at it, of the same parties
        ("dialogue", None, "2025-05-29", [("両政府", "JP"), ("両政府", "GB")]),
        ("joint-programme", "planned", "2025-05-29", [("両政府", "JP"), ("両政府", "GB")]),
        # "物質・材料研究機構（NIMS、茨城県つくば市）": the acronym and the place in one
        # bracket, one party; "同日" the day told last
        ("research-cooperation-agreement", "signed", "2025-05-29",
         [("物質・材料研究機構", None), ("フランス国立科学研究センター", None)]),
        ("mou", "signed", "2025-05-29", [("理化学研究所", None), ("東北大学", None)]),
        # "理研と東北大学は来年、…": 理研 is 理化学研究所, told before; next year
        ("joint-programme", "planned", "2026", [("理化学研究所", None), ("東北大学", None)]),
        # "理研と富士通は2021年に連携センターを設置し、…開発を進めている": the centre they
        # set up together is no third party
        ("partnership", "active", "2021", [("理化学研究所", None), ("富士通", None)]),
    ]  # fmt: skip


def test_korean_regions_and_committees(index: Index) -> None:
    """An article of 2025-06-05."""
    assert read(index, "ko_regions.txt") == [
        # "경북도는 … 후쿠오카현청에서 후쿠오카현과": the province as written, the prefecture
        # as a party (its office is where they signed)
        ("mou", "signed", "2025-06-03", [("경북도", None), ("후쿠오카현", None)]),
        # "사이타마현 와코시에서": a place; "양자컴퓨팅과 AI 융합연구": a field, no party
        ("mou", "signed", None, [("KAIST", None), ("도쿄대학교", None)]),
        # "양국 정부는 … 한-캐나다 과학기술공동위원회에서": Korea's and Canada's governments
        ("dialogue", None, "2024-11", [("양국 정부", "KR"), ("양국 정부", "CA")]),
        # "스웨덴 국립연구소(RISE)": a national laboratory by its name, no group
        ("mou", "signed", None, [("한국전자통신연구원", None), ("국립연구소", "SE")]),
    ]  # fmt: skip
