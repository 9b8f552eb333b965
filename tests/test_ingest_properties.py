"""Properties of ingest whatever the article: every quote is the text at its offsets, and
shuffling other sentences around an article's sentences changes none of what they state."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgraph.index import Index
from coopgraph.ingest.articles import Article
from coopgraph.ingest.extract import Gazetteer, extract
from coopgraph.ingest.lexicon import sentences
from coopgraph.load import load_dataset

ARTICLES = Path(__file__).parent / "articles"


def body(name: str) -> list[str]:
    """The article's lines after its header (title and date lines)."""
    lines = (ARTICLES / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines[2:] if line.strip()]


KOREAN = (
    body("ko_signed.txt")
    + body("ko_same.txt")
    + body("ko_planned.txt")
    + [
        "행사에는 양국 관계자 120명이 참석했다.",
        "  ",
        "▲ 사진 설명 (사진=연구원)",
    ]
)
ENGLISH = (
    body("en_signed.txt")
    + body("en_june.txt")
    + body("en_witnesses.txt")
    + [
        "Dr. Kim of the U.S. delegation spoke first.",
        "The weather was fine.",
    ]
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(Index(load_dataset()))


@pytest.mark.parametrize(("language", "pool"), [("ko", KOREAN), ("en", ENGLISH)], ids=["ko", "en"])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_quotes_are_the_text_at_their_offsets(gazetteer, language, pool, data) -> None:
    lines = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    separator = data.draw(st.sampled_from(["\n", "\n\n", " ", "\r\n"]))
    text = "Title line\n" + separator.join(lines)
    article = Article("x.txt", text, language)
    for sentence in sentences(text, language):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    found = extract(article, gazetteer, "article-x")
    for record in found.agreements + found.events:
        for evidence in record["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(others=st.lists(st.sampled_from(KOREAN[3:]), max_size=5))
def test_other_sentences_change_nothing_a_sentence_states(gazetteer, others) -> None:
    statement = body("ko_same.txt")[0]

    def stated(text: str) -> list[tuple]:
        found = extract(Article("x.txt", text, "ko", published=None), gazetteer, "article-x")
        return [(a["type"], a["status"], sorted(p["agency"] or p["name"] for p in a["parties"]))
                for a in found.agreements if statement in a["evidence"][0]["quote"]]  # fmt: skip

    alone = stated("제목\n" + statement)
    assert alone == [("mou", "signed", ["KRISS", "NIST"])]
    assert stated("제목\n" + "\n".join([*others, statement, *others])) == alone
