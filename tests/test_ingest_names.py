"""coopgraph ingest: organisations by their acronyms, countries by possessives, the day a
report was told, agreements launched, told before or only provided for.

The articles (tests/articles/*_acronyms.txt) are our own words; each expectation below was
read off them by hand against the article's date.
"""

from __future__ import annotations

from coopgraph.index import Index
from coopgraph.ingest import ingest
from ingest_reading import ARTICLES, read


def test_korean_acronyms_countries_and_what_is_no_agreement(index: Index) -> None:
    """An article of 2025-10-20."""
    assert read(index, "ko_acronyms.txt") == [
        # "한국에너지기술연구원(KIER)은 덴마크 공과대학교와 … 연구협력협정을 지난달 …
        # 체결했다고 20일 밝혔다": last month, September
        ("research-cooperation-agreement", "signed", "2025-09",
         [("한국에너지기술연구원", None), ("공과대학교", "DK")]),
        # "이번 협정은 산업통상자원부와 덴마크 정부가 2022년 체결한 … 양해각서의 후속 조치다":
        # the MOU signed in the clause before its word, not "this agreement" pointed back at
        ("mou", "signed", "2022", [("MOTIE", "KR"), ("덴마크 정부", "DK")]),
        # "KIER는 또 캐나다 국립연구위원회(NRCC)와 … 체결할 예정이라고 20일 밝혔다": KIER
        # is the institute spelled out before; the 20th is the day it was told, not a
        # day to come
        ("mou", "planned", "2025-10-20",
         [("한국에너지기술연구원", None), ("국립연구위원회", "CA")]),
    ]  # fmt: skip
    # left out: "협정에 따라 두 기관은 …" (what the agreement provides), "양 기관은 협정 체결을
    # 기념해 …" (the agreement before, in passing), "인공지능(AI)" (a field, no organisation)
    found = ingest([ARTICLES / "ko_acronyms.txt"], index)
    assert "인공지능" not in {a["name"] for a in found.agencies}
    planned = found.agreements[2]
    quotes = [e["quote"][:10] for e in planned["evidence"]]
    assert quotes == ["한국에너지기술연구원", "KIER는 또 캐나"]  # the introduction, cited first


def test_japanese_names_parents_and_the_three(index: Index) -> None:
    """An article of 2025-03-21."""
    # the headline "物材機構、独マックス・プランク研究所と協定へ": 独 is Germany, no part of
    # the name (the abbreviation 物材機構 the article never spells out: a name of its own)
    assert read(index, "ja_acronyms.txt")[0] == (
        "research-cooperation-agreement", "planned", None,  # 協定: a cooperation agreement
        [("物材機構", None), ("マックス・プランク研究所", "DE")],
    )  # fmt: skip
    assert read(index, "ja_acronyms.txt")[1:] == [
        # "物質・材料研究機構（NIMS）は19日、…協定を近く締結する予定だと発表した": the 19th
        # of this month, the day it was told
        ("research-cooperation-agreement", "planned", "2025-03-19",
         [("物質・材料研究機構", None), ("マックス・プランク鉄鋼研究所", "DE")]),
        # "産総研の計量標準総合センター（NMIJ）": NMIJ, part of AIST, not AIST too
        ("research-cooperation-agreement", "signed", "2025-03-18",
         [("NMIJ", "JP"), ("KRISS", "KR"), ("NIST", "US")]),
        # "3機関は同日、…作業部会を設置することでも合意した": all three, that day
        ("working-group", "planned", "2025-03-18",
         [("NMIJ", "JP"), ("KRISS", "KR"), ("NIST", "US")]),
        # "NIMSとKRISSは2012年に締結した覚書に基づき": NIMS spelled out before; 2012, a year
        ("mou", "signed", "2012", [("物質・材料研究機構", None), ("KRISS", "KR")]),
    ]  # fmt: skip


def test_english_spelled_out_names_possessives_and_launches(index: Index) -> None:
    """An article of Friday 2025-04-11."""
    assert read(index, "en_acronyms.txt") == [
        # "Germany's Fraunhofer … (IAF) and the Netherlands Organisation … (TNO) launched a
        # joint funding call … on Wednesday"
        ("joint-programme", "active", "2025-04-09",
         [("Fraunhofer Institute for Applied Solid State Physics", "DE"),
          ("Netherlands Organisation for Applied Scientific Research", None)]),
        # "Singapore's Economic Development Board (EDB) will sign … with KRISS next month"
        ("mou", "planned", "2025-05",  # "next month"
         [("Economic Development Board", "SG"), ("KRISS", "KR")]),
    ]  # fmt: skip
    # "Artificial Intelligence (AI)" is no organisation; "Under the new call, …" no agreement
    names = {a["name"] for a in ingest([ARTICLES / "en_acronyms.txt"], index).agencies}
    assert "Artificial Intelligence" not in names


def test_german_acronym_standing_for_its_institute(index: Index) -> None:
    """An article of Thursday 2025-08-07."""
    assert read(index, "de_acronyms.txt") == [
        # "… haben am Dienstag eine gemeinsame Arbeitsgruppe … eingerichtet": set up, active
        ("working-group", "active", "2025-08-05",
         [("Karlsruher Institut für Technologie", None),
          ("Korea Institute of Energy Research", "KR")]),
        # "Das KIT arbeitet bereits seit 2019 mit der … zusammen": KIT as spelled out before
        ("partnership", "active", "2019",
         [("Karlsruher Institut für Technologie", None),
          ("Physikalisch-Technische Bundesanstalt", None)]),
        # "Ob sich auch das Forschungszentrum Jülich (FZJ) … beteiligt, ist noch offen":
        # a question left open joins no one to the working group
    ]  # fmt: skip


def summary(index: Index, name: str) -> list[tuple]:
    """Each candidate as (type, status, sorted parties by agency or name)."""
    return [
        (a["type"], a["status"], sorted(p["agency"] or p["name"] for p in a["parties"]))
        for a in ingest([ARTICLES / name], index).agreements
    ]


def test_korean_short_names_standing_dialogues_and_what_ended(index: Index) -> None:
    assert summary(index, "ko_more.txt") == [
        # an agreement named at a meeting ("장관회의를 계기로"): the government is a party
        ("mou", "signed", ["MSIT", "핀란드 정부"]),
        # "정책대화를 신설해 매년 정례적으로": a standing dialogue, of the two before
        ("dialogue", "planned", ["MSIT", "핀란드 정부"]),
        # "한국재료연구원(이하 재료연)" … "재료연과": one institute; "물질·재료연구기구(NIMS)"
        ("mou", "planned", ["물질·재료연구기구", "한국재료연구원"]),
        # "NIMS 측은 양 기관이 박사후연구원을 …": a postdoc is no party
        ("joint-programme", "proposed", ["물질·재료연구기구", "한국재료연구원"]),
        # "2019년 맺은 양해각서는 … 만료로 종료됐다": ended, not the MOU to be signed
        ("mou", "ended", ["물질·재료연구기구", "한국재료연구원"]),
        # "… 가능성도 논의할 계획이다": talks to come, nothing agreed
    ]


def test_english_apposed_names_and_expiry(index: Index) -> None:
    assert summary(index, "en_more.txt") == [
        ("moa", "signed",
         ["Imperial College", "Korea Advanced Institute of Science and Technology"]),
        # "the Dutch research organisation TNO … agreed to set up a standing dialogue"
        ("dialogue", "planned", ["Korea Advanced Institute of Science and Technology", "TNO"]),
        # "between KAIST and Imperial College London expired": two, not "KAIST and Imperial
        # College"
        ("research-cooperation-agreement", "ended",
         ["Imperial College", "Korea Advanced Institute of Science and Technology"]),
    ]  # fmt: skip


def test_japanese_polite_past_renewal_and_hereinafter(index: Index) -> None:
    assert summary(index, "ja_more.txt") == [
        # "フィンランド技術研究センター（以下「VTT」）… 覚書を締結しました"
        ("mou", "signed", ["AIST", "フィンランド技術研究センター"]),
        ("research-cooperation-agreement", "signed",
         ["フィンランド技術研究センター", "理化学研究所"]),
        ("mou", "ended", ["フィンランド技術研究センター", "理化学研究所"]),  # "期限を迎えた"
    ]  # fmt: skip


def test_german_compounds_companies_and_expiry(index: Index) -> None:
    assert summary(index, "de_more.txt") == [
        # "in einem gemeinsamen Doktorandenprogramm zusammen": a programme, going on
        ("joint-programme", "active", ["Forschungszentrum Jülich", "TNO"]),
        ("mou", "signed", ["Forschungszentrum Jülich", "Lumatec GmbH"]),
        ("research-cooperation-agreement", "ended", ["Forschungszentrum Jülich", "TNO"]),
        # "vereinbarten …, einen ständigen Dialog … einzurichten"
        ("dialogue", "planned", ["Forschungszentrum Jülich", "TNO"]),
    ]


def test_parents_partners_and_governments(index: Index) -> None:
    """Who belongs to whom is no party; cooperation going on, named by its verb; national
    governments and a French name with lowercase words."""
    assert read(index, "ko_parents.txt") == [
        # "미국 에너지부(DOE) 산하 아르곤국립연구소와": DOE stands by, the laboratory signs
        ("research-cooperation-agreement", "signed", "2025-04-03",
         [("한국전기연구원", None), ("DOE", "US"), ("아르곤국립연구소", None)]),
        # "양 기관은 이번 협정에 따라 공동 연구실을 운영한다": what the agreement provides,
        # and a joint laboratory of its own, its day the one told before
        ("joint-programme", "planned", "2025-04-03",
         [("한국전기연구원", None), ("아르곤국립연구소", None)]),
        # "공동 실무그룹을 꾸려 운영하고 있다": going on; "공동" is no "동" pointing back
        ("working-group", "active", None, [("한국전기연구원", None), ("도호쿠대학교", "JP")]),
    ]  # fmt: skip
    signed = ingest([ARTICLES / "ko_parents.txt"], index).agreements[0]
    roles = {p["agency"] or p["name"]: p["role"] for p in signed["parties"]}
    assert roles["DOE"] == "parent"
    assert read(index, "ja_parents.txt") == [
        ("mou", "planned", "2025-03-12",
         [("理化学研究所", None), ("DOE", "US"), ("オークリッジ国立研究所", None)]),
        # "日米両政府は先月、…作業部会の設置で合意した"
        ("working-group", "planned", "2025-02", [("日米両政府", "JP"), ("日米両政府", "US")]),
    ]  # fmt: skip
    assert read(index, "en_parents.txt") == [
        # "ITRI, the Industrial Technology Research Institute, already partners with AIST";
        # "The agreement was signed …" names no new agreement
        ("partnership", "active", None,
         [("Industrial Technology Research Institute", None), ("AIST", "JP")]),
    ]  # fmt: skip
    assert read(index, "de_parents.txt") == [
        ("mou", "signed", "2025-07-07",
         [("Bundesregierung", "DE"), ("kanadische Regierung", "CA")]),
        # "verständigten sich die beiden Regierungen auf einen jährlichen Forschungsdialog"
        ("dialogue", "planned", "2025-07-07",
         [("Bundesregierung", "DE"), ("kanadische Regierung", "CA")]),
        # "das französische Centre national de la recherche scientifique (CNRS) verlängerten"
        ("research-cooperation-agreement", "signed", "2025-07-04",
         [("Max-Planck-Gesellschaft", None),
          ("Centre national de la recherche scientifique", "FR")]),
        # "Mit der koreanischen Förderagentur KIAT pflegt die MPG … eine Partnerschaft"
        ("partnership", "active", "2022", [("KIAT", "KR"), ("Max-Planck-Gesellschaft", None)]),
    ]  # fmt: skip


def test_denials_negations_and_headlines(index: Index) -> None:
    """What is denied or not (yet) agreed is no candidate; a verbless headline restates
    the lead; the day told is the only day when the sentence names no other."""
    assert read(index, "ko_denied.txt") == [
        # the headline "에너지연, 美 PNNL과 탄소포집 협력 MOU" has no verb: none of its own;
        # "AIST와도 협력 가능성을 타진하고 있지만 … 잡히지 않았다" and "… 사실무근이라고
        # 부인했다" state nothing, nor does "NIST와 … 협력 가능성을 타진하고 있다"
        ("mou", "signed", "2025-05-20", [("한국에너지기술연구원", None), ("PNNL", "US")]),
    ]  # fmt: skip
    assert read(index, "ja_denied.txt") == [
        # "産業技術総合研究所(以下「産総研」といいます)計量標準総合センター(NMIJ)": NMIJ;
        # "…協議はない」と否定した" and "…合意には至っていない" state nothing
        ("research-cooperation-agreement", "signed", "2025-04-14",
         [("NMIJ", "JP"), ("KRISS", "KR")]),
    ]  # fmt: skip
    assert read(index, "en_denied.txt") == [
        ("loi", "signed", None, [("NIST", "US"), ("KRISS", "KR")]),  # "NIST lab signs …"
        ("partnership", "active", "2018",
         [("Institut Pasteur", None), ("University of Oxford", None)]),
        # "KRISS denied a report …", "NIST and PTB are not cooperating … yet": nothing
    ]  # fmt: skip
    assert read(index, "de_denied.txt") == [
        ("research-cooperation-agreement", "signed", "2025-05-30",
         [("Fraunhofer-Institut für Photonische Mikrosysteme", None),
          ("Technische Universität Delft", None)]),
        # "Der Vertrag ersetzt eine 2022 geschlossene Absichtserklärung zwischen dem IPMS
        # und der TU Delft": the memorandum replaced has ended; "(TU Delft)" names the
        # university later; "… dementiert": nothing
        ("mou", "ended", None,
         [("Fraunhofer-Institut für Photonische Mikrosysteme", None),
          ("Technische Universität Delft", None)]),
    ]  # fmt: skip


def test_names_listed_with_an_organisation(index: Index) -> None:
    """A name in a list of parties with an organisation found is one too: "ETH Zurich and
    the National University of Singapore", "the City of Albuquerque", "대전시와 한국생명공학
    연구원", "Die ETH Zürich und die Siemens AG"; an official's name or a short name the
    article introduced is not (tests/test_ingest.py: "Becker"; en_more.txt: "KAIST")."""
    assert read(index, "en_listed.txt") == [
        ("mou", "signed", "2025-06-03",
         [("ETH Zurich", None), ("National University of Singapore", None)]),
        ("moa", "signed", "2025-05",
         [("SNL", "US"), ("University of New Mexico", None), ("City of Albuquerque", None)]),
    ]  # fmt: skip
    assert read(index, "ko_listed.txt") == [
        ("loi", "signed", "2025-07-08",
         [("대전시", None), ("한국생명공학연구원", None), ("국립연구소", "US")]),
    ]  # fmt: skip
    assert read(index, "de_listed.txt") == [
        ("research-cooperation-agreement", "signed", "2025-09-03",
         [("ETH Zürich", None), ("Siemens AG", None)]),
    ]  # fmt: skip
