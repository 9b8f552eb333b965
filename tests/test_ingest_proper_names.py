"""coopgraph ingest: organisations named by proper nouns alone, the day told last, the
verb's own agreement word, a bracketed instrument, German funding calls and short names.

The articles (tests/articles/ko_proper.txt, ja_proper.txt, en_openers.txt, de_calls.txt) are
our own words; each expectation was read off them by hand against the article's date.
"""

from __future__ import annotations

import datetime

import pytest

from coopgraph.index import Index
from coopgraph.ingest import ingest
from coopgraph.ingest.lexicon import lexicon
from coopgraph.ingest.when import find_date
from ingest_reading import ARTICLES, read


def test_korean_proper_nouns_same_day_and_the_closing_verb(index: Index) -> None:
    """An article of 2025-05-16."""
    assert read(index, "ko_proper.txt") == [
        # "포스텍은 일본 도요타와 … 공동연구 협약을 지난 14일 체결했다": neither has an
        # organisation word; the tagger's proper nouns before "은" and "와"
        ("research-cooperation-agreement", "signed", "2025-05-14",
         [("포스텍", None), ("도요타", "JP")]),
        # "같은 날 경상북도와 포항시, 삼성전자는 … 업무협약을 맺었다": a province, a city and
        # a company, on the day told last
        ("mou", "signed", "2025-05-14", [("경상북도", None), ("포항시", None), ("삼성전자", None)]),
        # "공동 프로그램의 과제 선정을 함께 맡기로 하고 지난달 30일 업무협약을 맺었다": the
        # programme has a clause of its own; what was signed is the MOU
        ("mou", "signed", "2025-04-30", [("한국기계연구원", None), ("한국화학연구원", None)]),
        # "이종호 원장은 …": a person before a title is no organisation
    ]  # fmt: skip


def test_japanese_proper_nouns_month_day_and_bracketed_instrument(index: Index) -> None:
    """An article of 2025-12-05."""
    assert read(index, "ja_proper.txt") == [
        # "覚書を11月28日に締結した": the 28th of November, not 2011-12-28
        ("mou", "signed", "2025-11-28", [("九州大学", None), ("トゥールーズ大学", "FR")]),
        # "同日、福岡県と北九州市、安川電機は…協力協定も結んだ": two administrations and a
        # company; "結んだ" is signed
        ("research-cooperation-agreement", "signed", "2025-11-28",
         [("福岡県", None), ("北九州市", None), ("安川電機", None)]),
        # "国立がん研究センター" (hiragana inside), "独シーメンスヘルスケア" (a German company,
        # its katakana words written on), "基本合意書(MOA)" (the bracket names it)
        ("moa", "signed", None, [("国立がん研究センター", None), ("シーメンスヘルスケア", "DE")]),
        # "米国立衛生研究所(NIH)傘下の国立がん研究所(NCI)": NIH places the institute; "研究所"
        # alone is no part of another agency's name
        ("partnership", "active", None,
         [("九州大学", None), ("NIH", "US"), ("国立がん研究所", None)]),
        # "東北大学、京セラ、独ボッシュの3者も": a company named after a person (the tagger
        # says a person's name) placed by Germany's initial; the last before the count
        ("research-cooperation-agreement", "signed", "2025-11-28",
         [("東北大学", None), ("京セラ", None), ("ボッシュ", "DE")]),
    ]  # fmt: skip


def test_english_sentence_openers_are_no_names(index: Index) -> None:
    """An article of 2025-06-12 (a Thursday)."""
    assert read(index, "en_openers.txt") == [
        # "Separately, Sandia National Laboratories and the University of New Mexico signed a
        # research contract … on Tuesday"
        ("research-cooperation-agreement", "signed", "2025-06-10",
         [("SNL", "US"), ("University of New Mexico", None)]),
    ]  # fmt: skip


def test_german_calls_both_funders_and_a_spelled_out_acronym(index: Index) -> None:
    """An article of 2025-09-09 (a Tuesday)."""
    assert read(index, "de_calls.txt") == [
        # "… haben am Montag eine gemeinsame Förderausschreibung … gestartet"
        ("joint-programme", "active", "2025-09-08",
         [("Deutsche Forschungsgemeinschaft", None), ("NSF", "US")]),
        # "…, die beide Förderorganisationen im März unterzeichnet hatten"
        ("research-cooperation-agreement", "signed", "2025-03",
         [("Deutsche Forschungsgemeinschaft", None), ("NSF", "US")]),
        # "Bereits seit 2019 führen DFG und NSF einen … Strategiedialog": going on; DFG is the
        # name the article spelled out, though the headline used DFG first
        ("dialogue", "active", "2019", [("Deutsche Forschungsgemeinschaft", None), ("NSF", "US")]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月28日に締結した", "2025-11-28"),
        ("12月1日に", "2025-12-01"),
        ("5月30日に", "2025-05-30"),
    ],
    ids=["november", "december", "may"],
)
def test_japanese_month_and_day_without_a_year(text: str, expected: str) -> None:
    found = find_date(text, lexicon("ja"), datetime.date(2025, 12, 5), future=False)
    assert found is not None and (found.value, found.inferred) == (expected, True)


def test_a_common_tail_of_a_known_name_is_no_part_of_it(index: Index) -> None:
    """ "研究センター" (a research centre) ends G-QuAT's long Japanese name but names no
    agency; "National Science Foundation" is most of NSF's."""
    from coopgraph.ingest.extract import Gazetteer

    gazetteer = Gazetteer(index)
    assert gazetteer.part_of_a_name("研究センター") is None
    assert gazetteer.part_of_a_name("National Science Foundation") == "NSF"


def test_the_two_governments_are_the_countries_of_the_statement_before(index: Index) -> None:
    """An article of 2025-08-20: after MSIT and NSF, "양국 정부는" are the Korean and US
    governments, not the two agencies; "양국 연구자들" (the two countries' researchers) is
    no subject."""
    assert read(index, "ko_governments.txt") == [
        ("joint-programme", "planned", "2025-08-20", [("MSIT", "KR"), ("NSF", "US")]),
        # "양국 정부는 2020년 출범한 한미 과학기술 공동위원회를 통해 … 조율해 오고 있다"
        ("dialogue", "active", "2020", [("양국 정부", "KR"), ("양국 정부", "US")]),
    ]


def test_japanese_pointing_back_scope_launched_dialogues_and_nothing_agreed(
    index: Index,
) -> None:
    """An article of 2025-10-30."""
    assert read(index, "ja_talks.txt") == [
        # "ノルウェーの研究機関SINTEFと…連携協定を12月に締結する予定": an acronym after what
        # it is; a 連携協定 is a research cooperation agreement
        ("research-cooperation-agreement", "planned", "2025-10-29",
         [("北海道", None), ("SINTEF", "NO")]),
        # "本協定は、両者が2021年に締結した覚書(MOU)を発展させたもの": "this agreement" is
        # the one before; the MOU of 2021 is the statement. "覚書の下で両者は…" is its scope
        ("mou", "signed", "2021", [("北海道", None), ("SINTEF", "NO")]),
        # "…日米エネルギー技術対話を立ち上げており": a dialogue launched, standing since
        ("dialogue", "active", "2023", [("経済産業省", None), ("DOE", "US")]),
        # "引き続き協議していく" (talks go on), "見送られた" (shelved), "視野に入れている"
        # (being considered): nothing agreed
    ]  # fmt: skip
    quoted = [e["quote"] for a in ingest([ARTICLES / "ja_talks.txt"], index).agreements
              for e in a["evidence"]]  # fmt: skip
    assert not any(q.startswith("覚書の下で") for q in quoted)  # the MOU's scope, no statement


def test_german_ordinal_days_renewals_and_working_with(index: Index) -> None:
    """An article of 2025-11-07: "am 5. November" does not end a sentence."""
    assert read(index, "de_ordinals.txt") == [
        # "… haben am 5. November in Seoul ihr Memorandum of Understanding … erneuert"
        ("mou", "signed", "2025-11-05",
         [("Verband der Elektrotechnik", None), ("Korea Testing Laboratory", None)]),
        # "Das VDE arbeitet bereits seit 2018 mit dem … (KIER) an Prüfverfahren …"
        ("partnership", "active", "2018",
         [("Verband der Elektrotechnik", None), ("Korea Institute of Energy Research", None)]),
        # "Die Universität des Saarlandes und das KTL wollen …": the name ends before "und"
        ("joint-programme", "planned", None,
         [("Universität des Saarlandes", None), ("Korea Testing Laboratory", None)]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("read_as", "named"),
    [
        ("Deutschen Institut für Normung", "Deutsches Institut für Normung"),  # "dem …"
        ("Physikalisch-Technischen Bundesanstalt", "Physikalisch-Technische Bundesanstalt"),
        ("Deutschen Krebsforschungszentrum", "Deutsches Krebsforschungszentrum"),
        (
            "Nationalen Wissenschafts- und Technologierat",
            "Nationaler Wissenschafts- und Technologierat",
        ),
        ("Karlsruher Institut für Technologie", "Karlsruher Institut für Technologie"),  # a place's
        ("Deutsche Forschungsgemeinschaft", "Deutsche Forschungsgemeinschaft"),
        ("Leibniz-Institut DSMZ", "Leibniz-Institut DSMZ"),
        ("Neuen Werkstoffe GmbH", "Neuen Werkstoffe GmbH"),  # no gender known: as written
    ],
    ids=["dative-n", "dative-f", "compound", "masculine", "place", "already", "none", "unknown"],
)
def test_german_names_are_proposed_as_they_are_named(read_as: str, named: str) -> None:
    from coopgraph.ingest.organisations import _nominative

    assert _nominative(read_as, lexicon("de").genders) == named


def test_a_partner_after_with_or_mit_dem(index: Index) -> None:
    """Companies and bodies named only as the partner ("with General Atomics", "with
    Inserm"); a possessive ("with Korea's vice minister") and a name an acronym in brackets
    makes a known agency ("mit der US-amerikanischen National Science Foundation (NSF)")
    are not."""
    assert read(index, "en_partners.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-05",
         [("UK Atomic Energy Authority", None), ("General Atomics", None)]),
        ("partnership", "active", "2021",
         [("Korea Institute of Fusion Energy", None), ("Inserm", None)]),
    ]  # fmt: skip
    assert read(index, "de_partners.txt") == [
        ("partnership", "active", "2018",
         [("Helmholtz-Zentrum für Geoforschung", None), ("NSF", "US")]),
        # "forscht … mit der National Science Foundation (NSF)": NSF, once
        ("partnership", "active", "2020",
         [("Helmholtz-Zentrum für Geoforschung", None), ("NSF", "US")]),
    ]  # fmt: skip


def test_the_university_and_the_association_are_a_party_told_before(index: Index) -> None:
    """ "The university has also proposed …" (Manchester, the first university told; "the
    university's new cleanroom" is a place, no party); "협회는 … 공동 개최해 오고 있다"
    (the association, KSEA-UK, hosting jointly)."""
    assert read(index, "en_generic.txt") == [
        ("research-cooperation-agreement", "signed", "2025-06-03",
         [("University of Manchester", None), ("AIST", "JP")]),
        ("joint-programme", "proposed", None,
         [("University of Manchester", None), ("University of Tsukuba", None)]),
        # "… in the university's cleanroom": a place; Manchester takes no part
        ("partnership", "active", "2019", [("AIST", "JP"), ("Kyoto University", None)]),
    ]  # fmt: skip
    assert read(index, "ko_generic.txt") == [
        ("mou", "signed", "2025-09-12", [("KSEA-UK", "GB"), ("패러데이연구소", "GB")]),
        ("partnership", "active", "2022", [("KSEA-UK", "GB"), ("왕립화학회", "GB")]),
        ("partnership", "active", "2021", [("부산대학교", None), ("패러데이연구소", None)]),
        # "대학은 …": 부산대학교, its name ending in 대학 and 교
        ("mou", "planned", "2026", [("부산대학교", None), ("카를스루에공대", "DE")]),  # 내년
    ]  # fmt: skip
    (joint,) = [a for a in ingest([ARTICLES / "en_generic.txt"], index).agreements
                if a["type"] == "joint-programme"]  # fmt: skip
    # the sentence that named the university is cited before the one that calls it so
    assert [e["quote"][:30] for e in joint["evidence"]] == [
        "The University of Manchester s",
        "The university has also propos",
    ]


def test_korean_short_names_shortened_universities_and_corrections(index: Index) -> None:
    """An article of 2025-06-10."""
    assert read(index, "ko_short.txt") == [
        ("implementing-arrangement", "signed", "2025-06-09",
         [("한국천문연구원", None), ("국립천문대", "ES")]),
        # ("천문연과 OAN은 … 공동 연구를 내년부터 시작하기로 했다": 천문연 the short name
        # the bracket gave, OAN the acronym, planning what the arrangement agrees: cited
        # by it, no plan of its own)
        # "같은 날 대전시와 부산대학교도 …": a city, on the day told last
        ("mou", "signed", "2025-06-09", [("대전시", None), ("부산대학교", None)]),
        # "부산대는 … 천문연과 … 공동 운영을 해 오고 있다": 부산대 is 부산대학교
        ("partnership", "active", "2019", [("부산대학교", None), ("한국천문연구원", None)]),
        # "바로잡습니다: … 체결했다고 보도했으나 …": a correction states nothing
    ]  # fmt: skip


def test_cooperation_ended_cities_and_a_correction_in_german(index: Index) -> None:
    """An article of 2025-01-14 (a Tuesday)."""
    assert read(index, "de_ended.txt") == [
        # "Die 2020 vereinbarte Kooperation zwischen … war Ende 2024 ausgelaufen": dated by
        # its end, not by the year it was agreed
        ("cooperation-plan", "ended", "2024",
         [("DIN", None), ("Korea Testing Laboratory", None)]),
        ("mou", "signed", "2025-01-13", [("Stadt Dresden", None), ("Freistaat Sachsen", None)]),
        # "Korrektur: … hieß es fälschlich, …": nothing signed
        # "Die Charité – Universitätsmedizin Berlin und das KTL …": the name with its dash
        ("mou", "signed", "2025-01-13",
         [("Charité – Universitätsmedizin Berlin", None), ("Korea Testing Laboratory", None)]),
        # "DRESDEN – Fraunhofer IPMS …": a dateline is no part of the name
        ("working-group", "planned", None,
         [("Fraunhofer IPMS", None), ("Korea Testing Laboratory", None)]),
    ]  # fmt: skip


def test_acronyms_written_on_places_and_lists(index: Index) -> None:
    """German names with their acronym written on, a place after "aus", an organisation
    word alone; a Japanese list whose first name is known and "4者" for all four."""
    assert read(index, "de_leibniz.txt") == [
        # "zwischen dem Leibniz-Institut DSMZ in Braunschweig und dem … (KRIBB)": one name;
        # "ist Ende 2024 ausgelaufen": dated by its end
        ("mou", "ended", "2024",
         [("Leibniz-Institut DSMZ", None),
          ("Korea Research Institute of Bioscience and Biotechnology", None)]),
        # "KIST Europe aus Saarbrücken und das … (KIT)": Saarbrücken is where, not who
        ("mou", "signed", None,
         [("KIST Europe", None), ("Karlsruher Institut für Technologie", None)]),
        # "… und dem belgischen Forschungszentrum imec": "Forschungszentrum" alone names no
        # one (and imec, written small, is not found)
    ]  # fmt: skip
    four = [("物質・材料研究機構", None), ("高峰精機", None), ("ミナト化学", None),
            ("東和バッテリー", None)]  # fmt: skip
    assert read(index, "ja_four.txt") == [
        ("research-cooperation-agreement", "signed", "2025-03-19", four),
        ("working-group", "planned", "2025-03-19", four),  # "4者は": the four of them
    ]


def test_latin_acronyms_standing_alone_in_korean(index: Index) -> None:
    """An article of 2025-05-02: "KAIST와" and "프라운호퍼 ISE와" are parties; "AI와 반도체
    분야 공동연구" names fields, no partner."""
    assert read(index, "ko_acronym_alone.txt") == [
        ("mou", "signed", "2025-04-28", [("한국기초과학지원연구원", None), ("KAIST", None)]),
        ("research-cooperation-agreement", "signed", "2025-04-28",
         [("한국기초과학지원연구원", None), ("프라운호퍼 ISE", None)]),
    ]  # fmt: skip


def test_cooperation_since_a_year_is_a_partnership_of_its_own(index: Index) -> None:
    """Cooperation mentioned in passing folds into the agreement of the same parties, but
    not cooperation dated from a year: that is older than the agreement."""
    assert read(index, "ko_since.txt") == [
        ("mou", "signed", "2025-05-09", [("KRISS", "KR"), ("NMIJ", "JP")]),
        # "표준연은 2019년부터 NMIJ와 … 협력해 왔다"
        ("partnership", "active", "2019", [("KRISS", "KR"), ("NMIJ", "JP")]),
        # "… 포스텍과 양자센서 공동연구를 진행 중이다": going on
        ("partnership", "active", None, [("KRISS", "KR"), ("포스텍", None)]),
    ]
    assert read(index, "de_since.txt") == [
        ("research-cooperation-agreement", "planned", None,
         [("Charité – Universitätsmedizin Berlin", None),
          ("Seoul National University Hospital", None)]),
        # "Bereits seit 2021 besteht ein gemeinsames Austauschprogramm … zwischen beiden
        # Häusern": the two of the statement before, in the dative
        ("joint-programme", "active", "2021",
         [("Charité – Universitätsmedizin Berlin", None),
          ("Seoul National University Hospital", None)]),
        # "Seit Januar führen die Charité und die Universität Tokio … einen regelmäßigen
        # Dialog": going on since January
        ("dialogue", "active", None, [("Charité", None), ("Universität Tokio", None)]),
    ]  # fmt: skip
