"""coopgraph ingest: parties a text describes without naming, and what is no agreement.

The articles are our own words (tests/articles/*_described.txt, *_each.txt,
*_nothing_agreed.txt, ja_means.txt); each expectation was read off them by hand:
"한미 정부와 제약기업" is three parties, two of them with a country; "한·미·일이 … 강화하기로"
names no side of anything; "협력을 확대할 수 있다" agrees nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coopgraph.index import Index
from coopgraph.ingest import ingest
from coopgraph.load import load_dataset

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_dataset())


def found(index: Index, name: str) -> list[dict]:
    return ingest([ARTICLES / name], index).agreements


def parties(record: dict) -> Counter:
    """Who takes part, as (agency or name, country, unnamed, role)."""
    return Counter(
        (p["agency"] or p["name"], p["country"], p["unnamed"], p["role"]) for p in record["parties"]
    )


def summary(records: list[dict]) -> list[tuple[str, str | None, Counter]]:
    return [(r["type"], r["status"], parties(r)) for r in records]


def test_korean_governments_groups_and_countries_as_parties(index: Index) -> None:
    records = found(index, "ko_described.txt")
    assert summary(records) == [
        # "한미 정부와 제약기업이 참여하는 1.5트랙 채널을 … 출범시킨다는 계획이다"
        ("dialogue", "planned", Counter({
            ("한미 정부", "KR", True, "signatory"): 1,
            ("한미 정부", "US", True, "signatory"): 1,
            ("제약기업", None, True, "signatory"): 1,
        })),
        # "미 국립연구소와 우리 연구기관 간에 확대한다": a relation between two groups
        ("cooperation-plan", "planned", Counter({
            ("국립연구소", "US", True, "signatory"): 1,
            ("우리 연구기관", "KR", True, "signatory"): 1,
        })),
        # "한국기계연구원은 … 독일과 매칭펀드 프로그램을 신설할 것": a named institute (new
        # to the data, its country not given) and Germany as its partner
        ("joint-programme", "planned", Counter({
            ("한국기계연구원", None, False, "signatory"): 1,
            ("독일", "DE", True, "signatory"): 1,
        })),
        # "영국 정부는 한국, 영국, 독일 3자 간 … 공동연구를 제안했다": three countries, the
        # UK once
        ("cooperation-plan", "proposed", Counter({
            ("영국 정부", "GB", True, "signatory"): 1,
            ("한국, 영국, 독일", "KR", True, "signatory"): 1,
            ("한국, 영국, 독일", "DE", True, "signatory"): 1,
        })),
        # "표준연은 한국과 미국 간 양자 협력을": KRISS stands for Korea; the US is its partner
        ("cooperation-plan", "planned", Counter({
            ("KRISS", "KR", False, "signatory"): 1,
            ("한국과 미국", "US", True, "signatory"): 1,
        })),
    ]  # fmt: skip
    # left out: "한·미·일이 … 강화하기로 했다" (countries as a subject, no side taken),
    # "우리 정부가 주최하는 양자 포럼에 미 정부가 협력키로 했다" (help with an event) and
    # "표준연은 산업계와 협력을" (a kind of organisation with no country is a party only
    # beside one with a country, "한미 정부와 제약기업")
    quotes = " ".join(e["quote"] for r in records for e in r["evidence"])
    assert "한·미·일이" not in quotes and "포럼에 미 정부가" not in quotes
    assert "산업계와" not in quotes


def test_only_named_organisations_are_proposed_as_new_agencies(index: Index) -> None:
    result = ingest([ARTICLES / "ko_described.txt", ARTICLES / "en_described.txt"], index)
    assert sorted(a["name"] for a in result.agencies) == [
        "Korea Institute of Machinery and Materials",
        "한국기계연구원",
    ]


def test_english_governments_between_and_with(index: Index) -> None:
    assert summary(found(index, "en_described.txt")) == [
        ("dialogue", "planned", Counter({
            ("Korean and US governments", "KR", True, "signatory"): 1,
            ("Korean and US governments", "US", True, "signatory"): 1,
        })),
        ("cooperation-plan", "planned", Counter({
            ("Germany and Korea", "DE", True, "signatory"): 1,
            ("Germany and Korea", "KR", True, "signatory"): 1,
        })),
        ("joint-programme", "planned", Counter({
            ("Korea Institute of Machinery and Materials", None, False, "signatory"): 1,
            ("UK", "GB", True, "signatory"): 1,
        })),
        # "Korea, Japan and the US said cooperation among them could grow": nothing agreed
    ]  # fmt: skip


def test_japanese_compound_countries_and_partner(index: Index) -> None:
    assert summary(found(index, "ja_described.txt")) == [
        ("dialogue", "planned", Counter({
            ("日米政府", "JP", True, "signatory"): 1,
            ("日米政府", "US", True, "signatory"): 1,
            ("製薬企業", None, True, "signatory"): 1,
        })),
        ("cooperation-plan", "planned", Counter({  # "日米間で … 共同研究を拡大する方針"
            ("日米", "JP", True, "signatory"): 1,
            ("日米", "US", True, "signatory"): 1,
        })),
        ("joint-programme", "planned", Counter({  # "産総研は … 英国とマッチングファンドを"
            ("AIST", "JP", False, "signatory"): 1,
            ("英国", "GB", True, "signatory"): 1,
        })),
    ]  # fmt: skip


def test_german_between_and_with(index: Index) -> None:
    assert summary(found(index, "de_described.txt")) == [
        ("cooperation-plan", "planned", Counter({
            ("Deutschland und Korea", "DE", True, "signatory"): 1,
            ("Deutschland und Korea", "KR", True, "signatory"): 1,
        })),
        ("joint-programme", "planned", Counter({
            ("KRISS", "KR", False, "signatory"): 1,
            ("Frankreich", "FR", True, "signatory"): 1,
        })),
    ]  # fmt: skip


def test_each_subject_with_the_same_partner_and_cooperation_in_passing(index: Index) -> None:
    """ "표준연과 AIST는 각각 NIST와 협력을 하고 있다": KRISS–NIST and AIST–NIST, never one
    agreement of three; KRISS's is the MOU the article states, which cites the sentence."""
    records = found(index, "ko_each.txt")
    assert summary(records) == [
        ("mou", "signed", Counter({("KRISS", "KR", False, "signatory"): 1,
                                   ("NIST", "US", False, "signatory"): 1})),
        ("partnership", "active", Counter({("AIST", "JP", False, "signatory"): 1,
                                           ("NIST", "US", False, "signatory"): 1})),
    ]  # fmt: skip
    mou, partnership = records
    assert [e["quote"][:6] for e in mou["evidence"]] == ["표준연은 지", "표준연과 A"]
    assert partnership["confidence"] < 0.5  # in passing: background, never signed


def test_each_in_english(index: Index) -> None:
    records = found(index, "en_each.txt")
    assert [(r["type"], r["status"], sorted(p["agency"] for p in r["parties"]))
            for r in records] == [
        ("partnership", "active", ["KRISS", "NIST"]),
        ("partnership", "active", ["AIST", "NIST"]),
    ]  # fmt: skip
    assert all(r["confidence"] < 0.5 for r in records)


@pytest.mark.parametrize("article", ["ko_nothing_agreed.txt", "en_nothing_agreed.txt"])
def test_what_is_no_agreement_and_what_joins_one(index: Index, article: str) -> None:
    records = found(index, article)
    kinds = [(r["type"], sorted(p["agency"] for p in r["parties"] if p["role"] == "signatory"))
             for r in records]  # fmt: skip
    # KRISS and NIST only say cooperation could grow, or that talks go on: no agreement;
    # "이행약정 등을 통해" names a means, not an implementing arrangement
    assert ("cooperation-plan", ["KRISS", "NIST"]) not in kinds
    assert "implementing-arrangement" not in [k[0] for k in kinds]
    # a funded collaboration ("500만달러 규모", "$5 million") is a joint programme
    assert ("joint-programme", ["MSIT", "NSF"]) in kinds
    # "협업 대상에는 표준연과 NIST도 포함된다", "It will also include KRISS and NIST": the
    # cooperation before gains them as participants, citing the sentence
    supply = next(r for r in records if "MOTIE" in {p["agency"] for p in r["parties"]})
    assert {(p["agency"], p["role"]) for p in supply["parties"]} == {
        ("MOTIE", "signatory"), ("DOC", "signatory"),
        ("KRISS", "participant"), ("NIST", "participant"),
    }  # fmt: skip
    assert len(supply["evidence"]) == 2


def test_an_agreement_named_in_passing_has_no_status_unless_it_is_at_work(index: Index) -> None:
    """ "표준연과 NIST의 2018년 양해각서도 소개됐다": named, nothing said of its state; against
    "2019년 업무협약을 바탕으로 협력해 왔다" (tests/test_ingest.py), which is at work."""
    (mou,) = [r for r in found(index, "ko_nothing_agreed.txt") if r["type"] == "mou"]
    assert (mou["status"], mou["date"]) == (None, "2018")
    assert mou["confidence"] < 0.5


def test_japanese_agreement_named_as_a_means(index: Index) -> None:
    """ "今後の協力は実施取決め等を通じて拡大する見込み": no implementing arrangement."""
    records = found(index, "ja_means.txt")
    assert [r["type"] for r in records] == ["cooperation-plan"]


def test_merge_writes_a_described_party_as_the_data_does(index: Index, tmp_path: Path) -> None:
    """An accepted candidate with parties described ("한미 정부") merges as descriptions
    with their countries, as data/agreements.yaml keeps an unnamed party."""
    import shutil

    import yaml

    from coopgraph.ingest import merge

    result = ingest([ARTICLES / "ko_described.txt"], index).to_data()
    for record in result["agreements"]:
        if record["type"] == "dialogue":
            record["decision"] = "accept"
    candidates = tmp_path / "candidates.yaml"
    candidates.write_text(yaml.safe_dump(result, allow_unicode=True), encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "data" / "agreements.yaml", data_dir / "agreements.yaml")
    merged = merge(candidates, data_dir)
    written = yaml.safe_load(Path(merged.path).read_text(encoding="utf-8"))
    (agreement,) = written["agreements"]
    assert agreement["parties"] == [
        {"description": {"ko": "한미 정부"}, "country": "KR"},
        {"description": {"ko": "한미 정부"}, "country": "US"},
        {"description": {"ko": "제약기업"}},
    ]
    loaded = load_dataset(data_dir)
    assert any(a.id == agreement["id"] for a in loaded.agreements)
