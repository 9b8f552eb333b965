"""coopgraph ingest on articles written for the traps of issue 9, answers worked out by hand.

The articles in tests/articles/ are our own words, invented for these tests: they report
no real agreement and are no source for the data. Each expectation below was read off the
article: who signs, who only watches, which day "지난 29일" is given the article's date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from coopgraph.index import Index
from coopgraph.ingest import ingest
from coopgraph.load import load_dataset

ARTICLES = Path(__file__).parent / "articles"
#: The seed articles, kept with the data they are the sources of.
SEEDS = Path(__file__).resolve().parents[1] / "data" / "sources"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_dataset())


def signatories(record: dict) -> set[str]:
    return {p["agency"] or p["name"] for p in record["parties"] if p["role"] == "signatory"}


def roles(record: dict) -> dict[str, str]:
    return {p["agency"] or p["name"]: p["role"] for p in record["parties"]}


def test_korean_signing_with_a_witness_and_a_new_institute(index: Index) -> None:
    found = ingest([ARTICLES / "ko_signed.txt"], index)
    signed = [a for a in found.agreements if a["status"] == "signed"]
    assert len(signed) == 1
    mou = signed[0]
    assert mou["type"] == "mou"
    # "지난 29일" in an article of 2024-05-31
    assert (mou["date"], mou["date_inferred"]) == ("2024-05-29", True)
    # the vice minister "참석한 가운데" watched; 한국기계연구원 is not in the data
    assert roles(mou) == {"한국기계연구원": "signatory", "KRISS": "signatory", "MSIT": "witness"}
    assert mou["place"] == {"city": "대전", "country": "KR"}
    assert mou["fields"] == ["quantum"]  # 양자; 정보통신 inside the ministry's name is no field
    assert [a["name"] for a in found.agencies] == ["한국기계연구원"]
    assert found.agencies[0]["country"] is None  # the text does not say


def test_background_cooperation_is_never_signed(index: Index) -> None:
    found = ingest([ARTICLES / "ko_signed.txt"], index)
    background = [a for a in found.agreements if a["date"] == "2019"]
    assert len(background) == 1
    # "2019년 업무협약을 바탕으로 협력해 왔다": the MOU is still at work, in passing
    assert background[0]["status"] == "active"
    assert background[0]["confidence"] < 0.5
    assert "협력해 왔다" in background[0]["evidence"][0]["quote"]


def test_evidence_offsets_point_at_the_quoted_sentence(index: Index) -> None:
    found = ingest(sorted(ARTICLES.iterdir()), index)
    files = {s["id"]: s["file"] for s in found.sources}
    texts = {}
    for record in found.agreements + found.events:
        for evidence in record["evidence"]:
            path = Path(files[evidence["source"]])
            if path.suffix == ".html":
                continue  # offsets index the extracted text, checked below
            text = texts.setdefault(path, path.read_text(encoding="utf-8"))
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_english_weekday_and_the_same_agreement_in_two_articles(index: Index) -> None:
    found = ingest([ARTICLES / "en_signed.txt", ARTICLES / "ko_same.txt"], index)
    mous = [a for a in found.agreements if a["type"] == "mou"]
    assert len(mous) == 1  # one candidate, cited by both articles
    mou = mous[0]
    assert {e["source"] for e in mou["evidence"]} == {"article-en_signed", "article-ko_same"}
    # "On Wednesday" in an article of Friday 2024-03-08; "현지시간 6일" of 2024-03-07
    assert (mou["date"], mou["date_inferred"], mou["status"]) == ("2024-03-06", True, "signed")
    assert roles(mou) == {"KRISS": "signatory", "NIST": "signatory", "MSIT": "witness"}
    assert "matches" not in mou  # the data's KRISS-NIST MOUs are of 1994-09 and 2024-01-29


def test_a_planned_letter_of_intent_with_a_new_foreign_institute(index: Index) -> None:
    found = ingest([ARTICLES / "en_signed.txt"], index)
    loi = next(a for a in found.agreements if a["type"] == "loi")
    assert loi["status"] == "planned"  # "will sign"
    # "next year" of an article of 2024: when it is to be signed, to the year, inferred
    assert (loi["date"], loi["date_inferred"]) == ("2025", True)
    assert signatories(loi) == {"Fraunhofer IKTS", "KRISS"}
    new = next(a for a in found.agencies if a["name"] == "Fraunhofer IKTS")
    assert new["country"] == "DE"  # "(Germany)"


def test_a_day_without_a_year_stays_without_one(index: Index) -> None:
    found = ingest([ARTICLES / "en_no_year.txt"], index)
    assert [(a["type"], a["status"], a["date"]) for a in found.agreements] == [
        ("mou", "signed", None)
    ]


def test_japanese_local_time_and_a_match_with_the_data(index: Index) -> None:
    found = ingest([ARTICLES / "ja_signed.txt"], index)
    assert len(found.agreements) == 1
    mou = found.agreements[0]
    # "現地時間29日" in an article of 2024-02-01: the 29th before it
    assert (mou["date"], mou["date_inferred"], mou["status"]) == ("2024-01-29", True, "signed")
    # 韓国標準科学研究院（KRISS） is one party, KRISS; 産総研 is AIST
    assert signatories(mou) == {"AIST", "KRISS"}
    assert (mou["matches"], mou["match"]) == ("kriss-aist-mou-2024", "same")


def test_german_plan_with_a_witness(index: Index) -> None:
    found = ingest([ARTICLES / "de_planned.txt"], index)
    assert len(found.agreements) == 1
    mou = found.agreements[0]
    assert (mou["type"], mou["status"]) == ("mou", "planned")  # Absichtserklärung, wollen
    assert (mou["date"], mou["date_inferred"]) == ("2024-06", False)  # "im Juni 2024"
    assert roles(mou) == {
        "Physikalisch-Technische Bundesanstalt": "signatory",
        "KRISS": "signatory",
        "MSIT": "witness",  # "im Beisein von Vertretern des MSIT"
    }
    assert mou["place"] == {"city": "Braunschweig", "country": "DE"}


def test_saved_html_page(index: Index) -> None:
    found = ingest([ARTICLES / "en_page.html"], index)
    source = found.sources[0]
    assert source["title"] == "KIAT and NIST renew their letter of intent"
    assert source["language"] == "en"
    loi = next(a for a in found.agreements if a["type"] == "loi")
    assert (loi["date"], loi["date_inferred"]) == ("2022-12-07", False)
    assert (loi["matches"], loi["match"]) == ("kiat-nist-loi-2022", "same")
    assert "Home" not in " ".join(e["quote"] for e in loi["evidence"])  # no menu text


def test_a_directory_means_every_file_in_it(index: Index) -> None:
    found = ingest([ARTICLES], index)
    assert {s["file"] for s in found.sources} == {str(p) for p in ARTICLES.iterdir()}


def test_the_seed_letter_of_intent_is_found_and_matched(index: Index) -> None:
    found = ingest([SEEDS / "001_7257b5aa37c3b2f3.txt"], index)
    loi = next(a for a in found.agreements if a["type"] == "loi")
    assert signatories(loi) == {"KIAT", "NIST"}
    assert (loi["date"], loi["status"]) == ("2022-12-07", "signed")
    assert loi["matches"] == "kiat-nist-loi-2022"
    # 상무부에서: the Department of Commerce is where it was signed, not a party
    assert loi["place"]["venue"] == "상무부"


def test_korean_plan_with_a_funder_and_a_foreign_institute(index: Index) -> None:
    found = ingest([ARTICLES / "ko_planned.txt"], index)
    assert len(found.agreements) == 1
    mou = found.agreements[0]
    # "체결할 예정이다"; "오는 10일" in an article of 2024-06-05
    assert (mou["type"], mou["status"]) == ("mou", "planned")
    assert (mou["date"], mou["date_inferred"]) == ("2024-06-10", True)
    # "과학기술정보통신부의 지원으로": the ministry funds, ETRI (not in the data) signs
    assert roles(mou) == {"한국전자통신연구원": "signatory", "MSIT": "funder",
                          "프라운호퍼 연구소": "signatory"}  # fmt: skip
    countries = {a["name"]: a["country"] for a in found.agencies}
    assert countries == {"한국전자통신연구원": None, "프라운호퍼 연구소": "DE"}  # "독일 …"
    assert mou["fields"] == ["ai"]  # 인공지능


def test_japanese_plan_to_the_month(index: Index) -> None:
    found = ingest([ARTICLES / "ja_planned.txt"], index)
    assert len(found.agreements) == 1
    mou = found.agreements[0]
    # "来月 … 締結する予定": the month after the article's (2024-04-10), no day
    assert (mou["type"], mou["status"], mou["date"]) == ("mou", "planned", "2024-05")
    # 米国立標準技術研究所（NIST） is NIST; 理化学研究所 is not in the data
    assert signatories(mou) == {"理化学研究所", "NIST"}


def test_english_day_completed_by_the_article_date_and_a_funder(index: Index) -> None:
    found = ingest([ARTICLES / "en_june.txt"], index)
    loi = found.agreements[0]
    # "on June 10" in an article of 2024-06-20
    assert (loi["date"], loi["date_inferred"], loi["status"]) == ("2024-06-10", True, "signed")
    # "funded by the National Science Foundation": a part of NSF's name, and no party
    assert roles(loi) == {"NIST": "signatory", "KRISS": "signatory", "NSF": "funder"}
    assert loi["place"] == {"city": "Gaithersburg", "country": "US"}


def test_who_the_report_cites_is_no_party(index: Index) -> None:
    found = ingest([ARTICLES / "ko_source.txt"], index)
    mou = found.agreements[0]
    # "과학기술정보통신부와 한국산업기술진흥원에 따르면": both are cited, neither signs
    assert roles(mou) == {"MSIT": "source", "KIAT": "source", "KRISS": "signatory",
                          "NIST": "signatory"}  # fmt: skip
    assert (mou["date"], mou["status"]) == ("2024-09-10", "signed")  # "지난 10일", 2024-09-12
    assert mou["fields"] == ["quantum-computing"]  # 양자컴퓨팅, not also its broader quantum


def test_witnesses_joined_by_and_share_the_cue(index: Index) -> None:
    found = ingest([ARTICLES / "en_witnesses.txt"], index)
    arrangement = found.agreements[0]
    assert arrangement["type"] == "implementing-arrangement"
    # "In the presence of the Ministry of Trade, Industry and Energy and the Department of
    # Commerce, KIAT and NIST signed": the comma ends the witnesses
    assert roles(arrangement) == {"MOTIE": "witness", "DOC": "witness", "KIAT": "signatory",
                                  "NIST": "signatory"}  # fmt: skip
    # "on Thursday" in an article of Friday 2024-10-04
    assert (arrangement["date"], arrangement["date_inferred"]) == ("2024-10-03", True)


DATELINES = [
    # file, the article's date as its dateline writes it, [(type, status, date, signatories)]
    ("en_dateline.txt", "2025-03-12",
     [("mou", "signed", None, {"National Physical Laboratory", "KRISS"})]),
    ("ko_dateline.txt", "2025-04-03",
     # ("양 기관은 앞으로 … 추진할 계획이다": what the MOU agrees, cited by it)
     [("mou", "signed", "2025-04-02", {"한국전자통신연구원", "하인리히헤르츠연구소"})]),
    ("de_dateline.txt", "2025-05-15",
     [("mou", "signed", "2025-05-13", {"Physikalisch-Technische Bundesanstalt", "NMIJ"})]),
    ("ja_dateline.txt", "2025-06-20",
     [("mou", "signed", "2025-06-18", {"情報通信研究機構", "韓国電子通信研究院"})]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "published", "expected"), DATELINES, ids=[d[0] for d in DATELINES]
)
def test_datelines_in_words_and_other_agencies(index: Index, name, published, expected) -> None:
    """ "12 March 2025", "기사입력 2025.04.03", "Braunschweig, 15. Mai 2025", "2025年6月20日";
    "am Dienstag" is 13 May, "2일(현지시간)" 2 April, "18日" 18 June."""
    found = ingest([ARTICLES / name], index)
    assert found.sources[0]["published"] == published
    assert [(a["type"], a["status"], a["date"], signatories(a)) for a in found.agreements] == (
        expected
    )


def test_the_two_institutes_are_the_parties_of_the_statement_before(index: Index) -> None:
    found = ingest([ARTICLES / "ko_dateline.txt"], index)
    # "양 기관은 앞으로 연구자 교류와 공동 워크숍을 추진할 계획이다.": the two of the MOU
    # before, planning what it agrees; no plan of its own, a citation of the MOU
    (mou,) = found.agreements
    assert mou["type"] == "mou" and mou["status"] == "signed"
    assert signatories(mou) == {"한국전자통신연구원", "하인리히헤르츠연구소"}
    quotes = [e["quote"] for e in mou["evidence"]]
    assert quotes[0].startswith("한국전자통신연구원(ETRI)은 2일")
    assert quotes[-1] == "양 기관은 앞으로 연구자 교류와 공동 워크숍을 추진할 계획이다."


def test_the_two_institutes_without_a_statement_before_name_nobody(index: Index) -> None:
    found = ingest([ARTICLES / "en_dateline.txt"], index)
    # "The two institutes will also hold a joint workshop": a workshop, no agreement, and
    # nothing before it in the article is an event with two participants either
    assert [a["type"] for a in found.agreements] == ["mou"]


def test_the_command_gives_what_the_library_gives(run, index: Index) -> None:
    outcome = run("ingest", ARTICLES / "en_june.txt", "--format", "json", "--no-cache")
    assert json.loads(outcome.out) == ingest([ARTICLES / "en_june.txt"], index).to_data()


# --- the command ----------------------------------------------------------------------------


def test_json_output_has_the_documented_shape(run) -> None:
    outcome = run("ingest", ARTICLES / "ja_signed.txt", "--format", "json", "--no-cache")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert set(data) == {"agreements", "events", "agencies", "sources"}
    record = data["agreements"][0]
    for key in ("type", "status", "date", "date_inferred", "place", "fields", "parties",
                "evidence", "confidence"):  # fmt: skip
        assert key in record
    # "unnamed": a party the text describes ("한미 정부") rather than names
    assert set(record["parties"][0]) == {"name", "agency", "country", "role", "unnamed"}
    assert set(record["evidence"][0]) == {"quote", "start", "end", "source"}


def test_yaml_output_to_a_file(run, tmp_path: Path) -> None:
    target = tmp_path / "candidates.yaml"
    outcome = run("ingest", ARTICLES / "ko_same.txt", "-o", target, "--no-cache")
    assert outcome.code == 0, outcome.err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [signatories(a) for a in data["agreements"]] == [{"KRISS", "NIST"}]
    assert outcome.out == ""


BAD = [
    ("empty", b"", "is empty"),
    ("binary", b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
    (
        "page.html",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "without an article",
    ),
    (
        "french",
        "Le laboratoire national de métrologie et l'institut coréen ont signé hier un "
        "protocole d'accord sur la métrologie quantique à Paris.".encode(),
        "in 'fr'",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_without_output(run, tmp_path: Path, name, content, message) -> None:
    article = tmp_path / name
    article.write_bytes(content)
    target = tmp_path / "out.yaml"
    outcome = run("ingest", ARTICLES / "ko_same.txt", article, "-o", target, "--no-cache")
    assert outcome.code == 1
    assert message in outcome.err and str(article) in outcome.err
    assert "Traceback" not in outcome.err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [article]  # no temporary file left either


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("ko_signed.txt", "cp949"), ("ja_signed.txt", "shift_jis"), ("ja_planned.txt", "euc-jp")],
    ids=["cp949", "shift_jis", "euc-jp"],
)
def test_korean_and_japanese_legacy_encodings_read_as_utf8_would(
    tmp_path: Path, index: Index, name: str, encoding: str
) -> None:
    legacy = tmp_path / name
    legacy.write_bytes((ARTICLES / name).read_text(encoding="utf-8").encode(encoding))
    expected = ingest([ARTICLES / name], index).agreements
    found = ingest([legacy], index).agreements
    assert [(a["type"], a["status"], a["date"], signatories(a)) for a in found] == [
        (a["type"], a["status"], a["date"], signatories(a)) for a in expected
    ]
    assert [e["quote"] for a in found for e in a["evidence"]] == [
        e["quote"] for a in expected for e in a["evidence"]
    ]


def test_a_huge_file_is_refused_before_it_is_read(run, tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    with article.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing to read
    outcome = run("ingest", article, "--no-cache")
    assert outcome.code == 1
    assert "52.4 MB" in outcome.err and "Traceback" not in outcome.err
    assert outcome.out == ""


def test_a_missing_path_is_named(run, tmp_path: Path) -> None:
    outcome = run("ingest", tmp_path / "nowhere.txt", "--no-cache")
    assert outcome.code == 1
    assert "nowhere.txt" in outcome.err and "cannot be read" in outcome.err


def test_help_and_other_commands_do_not_load_the_tokenisers() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom coopgraph.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('kiwipiepy', 'sudachipy', 'dateparser', 'trafilatura')"
        " or m.startswith('coopgraph.ingest')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_cited_reads_the_articles_the_data_keeps(run) -> None:
    outcome = run("ingest", "--cited", "--format", "json", "--no-cache")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    # the five seed articles kept in data/sources/, not the reference notes beside them
    assert sorted(Path(s["file"]).name for s in data["sources"]) == [
        "000_1e85047a6bef3691.txt",
        "001_7257b5aa37c3b2f3.txt",
        "002_81d5445150a593c1.txt",
        "003_e4ec2931827fdf87.txt",
        "004_863554713d870662.txt",
    ]
    assert "kiat-nist-loi-2022" in {a.get("matches") for a in data["agreements"]}


def test_nothing_to_read_is_a_usage_error(run) -> None:
    outcome = run("ingest", "--no-cache")
    assert outcome.code == 2
    assert "give the articles to read" in outcome.err


def test_without_the_ingest_extra_the_command_says_what_to_install(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tokeniser dictionaries are an extra (300 MB): a plain install gets one line."""
    from coopgraph.ingest import pipeline

    monkeypatch.setitem(pipeline.PACKAGES, "coopgraph_no_such_tokeniser", "NoSuchTokeniser")
    outcome = run("ingest", ARTICLES / "en_june.txt", "--no-cache")
    assert outcome.code == 1
    assert outcome.err.strip().splitlines() == [
        "Error: coopgraph ingest needs NoSuchTokeniser, not installed: "
        "pip install 'coopgraph[ingest]'"
    ]
    assert outcome.out == ""


# --- officials standing for their organisations ------------------------------------------


def test_korean_officials_speak_for_their_ministries_from_their_introduction(
    index: Index,
) -> None:
    found = ingest([ARTICLES / "ko_officials.txt"], index)
    # "김 차관과 브라운 차관보는 … 공동연구를 내년부터 시작하기로 했다": 김하늘 was introduced
    # as MSIT's second vice minister, 마이클 브라운 as DOE's assistant secretary
    (plan,) = found.agreements
    assert (plan["type"], plan["status"]) == ("cooperation-plan", "planned")
    assert signatories(plan) == {"MSIT", "DOE"}
    assert plan["confidence"] < 0.9  # the parties are read through another sentence
    quotes = [e["quote"] for e in plan["evidence"]]
    assert quotes == [
        "김하늘 과학기술정보통신부 제2차관은 13일 워싱턴에서 미국 에너지부 마이클 브라운 "
        "차관보와 면담했다.",
        "김 차관과 브라운 차관보는 13일 수소 저장 소재 분야 공동연구를 내년부터 시작하기로 했다.",
    ]
    # "13일 … 시작하기로 했다" in an article of 2025-03-14: the day the plan was decided,
    # this month's 13th, not next month's although the plan is for the future
    assert (plan["date"], plan["date_inferred"]) == ("2025-03-13", True)
    # "박 원장" answers to 표준연's 박서준 and 산업부's 박민호: it names neither, so
    # "박 원장은 NIST와 협력을 확대하기로 했다" has one party and is no candidate
    assert not any("NIST" in signatories(a) for a in found.agreements)
    assert found.agencies == []


def test_english_officials_by_title_and_family_name_and_as_witnesses(index: Index) -> None:
    found = ingest([ARTICLES / "en_officials.txt"], index)
    by_type = {a["type"]: a for a in found.agreements}
    assert set(by_type) == {"joint-programme", "mou"}
    # "Vice Minister Kim and Lowe agreed to launch a joint research programme …"
    programme = by_type["joint-programme"]
    assert signatories(programme) == {"MSIT", "NSF"}
    assert programme["status"] == "planned"
    assert programme["evidence"][0]["quote"].startswith("WASHINGTON -- Vice Minister Kim Ha-neul")
    # "… signed a memorandum of understanding in the presence of Vice Minister Kim"
    assert roles(by_type["mou"]) == {"KRISS": "signatory", "NIST": "signatory", "MSIT": "witness"}
    # "Director Emma" is NIST's Emma Stone or AIST's Emma Frost: no party, so the DOE
    # sentence has one party only and gives nothing
    assert not any("DOE" in signatories(a) for a in found.agreements)


def test_japanese_official_by_family_name_and_title(index: Index) -> None:
    found = ingest([ARTICLES / "ja_officials.txt"], index)
    # "山田理事長は、NISTと量子計測の共同研究を来年から始める予定だと述べた。"
    plan = next(a for a in found.agreements if len(a["evidence"]) == 2)
    assert signatories(plan) == {"AIST", "NIST"}
    assert plan["status"] == "planned"
    assert plan["evidence"][0]["quote"].startswith("産業技術総合研究所の山田太郎理事長は")


def test_german_official_by_family_name_for_a_new_institute(index: Index) -> None:
    found = ingest([ARTICLES / "de_officials.txt"], index)
    # "Becker und das NIST wollen … eine gemeinsame Absichtserklärung ist geplant."
    (letter,) = found.agreements
    assert (letter["type"], letter["status"]) == ("mou", "planned")
    assert signatories(letter) == {
        "Physikalisch-Technische Bundesanstalt",
        "NIST",
    }  # proposed as it is named, not in the dative of "der …"
    assert [a["name"] for a in found.agencies] == ["Physikalisch-Technische Bundesanstalt"]


def test_the_two_institutes_of_a_meeting_of_three_are_the_two_named_first(index: Index) -> None:
    found = ingest([ARTICLES / "ko_three.txt"], index)
    # "표준연과 AIST는 19일 대전에서 NMIJ과 측정표준 회의를 열었다." then "양 기관은 …
    # 협력을 확대하기로 했다": the two are the meeting's subject, not its guest NMIJ
    (meeting,) = found.events
    assert {p["agency"] for p in meeting["participants"]} == {"KRISS", "AIST", "NMIJ"}
    (plan,) = found.agreements
    assert signatories(plan) == {"KRISS", "AIST"}
    # stated at that meeting, dated by it: the 19th of the article's month
    assert (plan["status"], plan["date"], plan["date_inferred"]) == ("planned", "2025-06-19", True)


# --- who answers a proposal, and a country's side ----------------------------------------


def test_korean_answer_to_a_proposal_and_the_us_side(index: Index) -> None:
    found = ingest([ARTICLES / "ko_answer.txt"], index)
    by_type = {a["type"]: a for a in found.agreements}
    # "도 부총재는 … 교류를 제안했고, 이 차관은 연내 시작하겠다고 답했다": NSF's vice
    # president proposed, MSIT's vice minister answered in the next clause
    exchange = by_type["cooperation-plan"]
    assert (exchange["status"], signatories(exchange)) == ("proposed", {"NSF", "MSIT"})
    # "이 차관은 … 공동연구 프로그램 신설도 제안했고, 미국 측도 긍정적으로 검토하기로
    # 했다": the US side is NSF, the US party of the statement before
    programme = by_type["joint-programme"]
    assert (programme["status"], signatories(programme)) == ("proposed", {"MSIT", "NSF"})
    assert programme["confidence"] < 0.9
    assert programme["evidence"][-1]["quote"].startswith("이 차관은 반도체 공동연구 프로그램")
    assert len(programme["evidence"]) == 3  # the introduction, the statement before, this
    # "한국기계연구원은 소재 분야 협력을 제안했다.": no one answers, one party, nothing
    assert set(by_type) == {"cooperation-plan", "joint-programme"}
    assert found.agencies == []


def test_japanese_answer_from_the_us_side(index: Index) -> None:
    found = ingest([ARTICLES / "ja_answer.txt"], index)
    # "山田理事長は…共同研究を提案し、米国側は前向きに検討すると応じた。"
    (plan,) = found.agreements
    assert (plan["type"], plan["status"]) == ("cooperation-plan", "proposed")
    assert signatories(plan) == {"AIST", "NIST"}


def test_english_side_is_the_one_party_of_that_country_or_none(index: Index) -> None:
    (programme,) = ingest([ARTICLES / "en_side.txt"], index).agreements
    # "KRISS proposed a joint research programme …, and the American side welcomed the idea"
    assert (programme["type"], programme["status"]) == ("joint-programme", "proposed")
    assert signatories(programme) == {"KRISS", "NIST"}
    assert programme["evidence"][0]["quote"] == (
        "DAEJEON -- KRISS and NIST held a meeting in Daejeon on Monday."
    )
    # the same words after a meeting with two American parties (NIST and DOE) name neither
    assert ingest([ARTICLES / "en_two_sides.txt"], index).agreements == []


def test_a_plan_as_the_object_is_no_plan_to_come(index: Index) -> None:
    # "… 회의에서 양자 연구 계획을 논의했다": the meeting discussed a plan; it was held, on
    # the 10th of the article's month, not planned for the 10th of the next
    (meeting,) = ingest([ARTICLES / "ko_plan_noun.txt"], index).events
    assert (meeting["type"], meeting["status"]) == ("meeting", "held")
    assert (meeting["date"], meeting["date_inferred"]) == ("2025-07-10", True)


# --- standing dialogues, from who chairs them ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "chairs"),
    [
        # "과학기술정보통신부와 미국 에너지부가 공동으로 주재한 … 기술대화에는 표준연과 NIST
        # 관계자가 참석했다": the attendees are no parties
        ("ko_dialogue.txt", {"MSIT", "DOE"}),
        # "The … Dialogue, co-chaired by the Ministry of Science and ICT and the Department of
        # Energy, met …"; "Officials of KRISS and NIST attended the dialogue."
        ("en_dialogue.txt", {"MSIT", "DOE"}),
        # "産総研と米国立標準技術研究所（NIST）が共同議長を務める日米計測対話が…開かれた"
        ("ja_dialogue.txt", {"AIST", "NIST"}),
        # "… Messtechnik-Dialog unter dem Vorsitz der Physikalisch-Technischen Bundesanstalt
        # und des NIST tagte …": a chair not in the data is proposed as a new agency
        ("de_dialogue.txt", {"Physikalisch-Technische Bundesanstalt", "NIST"}),
    ],
)
def test_a_standing_dialogue_is_between_those_who_chair_it(
    index: Index, name: str, chairs: set[str]
) -> None:
    found = ingest([ARTICLES / name], index)
    # one chair alone ("표준연이 주재한 측정 대화") and a talk over lunch ("오찬에서 대화를
    # 나눴다") are no dialogue between parties
    (dialogue,) = found.agreements
    assert (dialogue["type"], dialogue["status"], dialogue["date"]) == ("dialogue", "active", None)
    assert signatories(dialogue) == chairs
    assert dialogue["confidence"] < 0.9
    new = {p["name"] for p in dialogue["parties"] if p["agency"] is None}
    assert [a["name"] for a in found.agencies] == sorted(new)


def test_an_outlook_in_a_name_is_no_plan(index: Index) -> None:
    # "… 교류를 위한 '한·독 기술전망 포럼'을 1일 … 공동 개최했다": 전망 names the forum, it
    # says nothing is expected; the forum was held
    found = ingest([ARTICLES / "ko_outlook.txt"], index)
    assert found.agreements == []
    (forum,) = found.events
    assert (forum["type"], forum["status"], forum["date"]) == ("forum", "held", "2025-10-01")
