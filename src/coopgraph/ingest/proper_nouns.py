"""Organisations named by a proper noun alone, as the Korean and Japanese tokenisers tag
them: "포스텍은", "삼성전자와", "富士通、", "仙台市と", "独ボッシュの3者は".

News names companies, cities and universities without an organisation word or an acronym;
Kiwi tags such names NNP and Sudachi 固有名詞. A proper noun is an organisation's name where
a party's name stands: before "와", "은", "と", "は", a list's comma, or the count of a list
("…の3者は"). A country before it places it ("영국 임페리얼칼리지 런던", "独ボッシュ");
countries, the lexicon's places, people (Sudachi tags them, save a company named after its
founder after a country's initial; a Korean name before a title is followed by the title,
not a particle) are not taken.
"""

from __future__ import annotations

import re

from coopgraph.ingest.lexicon import Lexicon, Token, country_codes, tagged
from coopgraph.ingest.organisations import NOT_BODIES, NewOrganisation

__all__ = ["proper_names"]

#: What follows a party's name in Korean: "와/과" (with, and), "은/는/이/가" (the subject),
#: "도" (also), or a comma of a list; and in Japanese "と", "は", "が", "も", "や", "、".
_KO_PARTY_PARTICLES = frozenset({"와", "과", "은", "는", "이", "가", "도", ","})
_JA_PARTY_PARTICLES = frozenset({"と", "は", "が", "も", "や", "、", "および", "及び"})
#: The last of a list of parties before their count: "…、独ボッシュの3者は", "…の両社".
_COUNTED = re.compile(r"の(?:[0-9０-９]+|[二三四五六両])(?:者|社|機関|大学|団体)")
#: A Japanese place that is an administration, and a party when it signs: "仙台市",
#: "宮城県", "ザクセン州", "北海道".
_JA_ADMINISTRATION = re.compile(r"[市県州道府都区町村]$")
#: "国立", "県立": the word before a Japanese proper name that makes it a public body's.
_JA_PUBLIC = re.compile(r"[国県市公私府州]立$")


def proper_names(text: str, lex: Lexicon, named: list[tuple[int, int]]) -> list[NewOrganisation]:
    """Organisations a Korean or Japanese text names without an organisation word or an
    acronym ("포스텍", "임페리얼칼리지 런던", "富士通", "仙台市"): the proper nouns the
    tokeniser tags, standing as a party stands, before "와", "은", "と", "は" or a list's
    comma. A country before the name is left to place it ("영국 임페리얼칼리지 런던");
    countries, the places of the lexicon, people (Sudachi tags them; a Korean name before a
    title is followed by the title, not a particle) and whatever ``named`` holds are not
    taken."""
    if lex.language not in ("ko", "ja"):
        return []
    tokens = tagged(text, lex.language)
    if lex.language == "ko":
        runs, particles = _korean_runs(tokens), _KO_PARTY_PARTICLES
    else:
        runs, particles = _japanese_runs(tokens, lex.country_initials), _JA_PARTY_PARTICLES
    runs += _acronyms(tokens, runs)
    countries = country_codes(lex.language)
    found = []
    for start, end, following in runs:
        following = _past_brackets(tokens, following)  # "포스텍(POSTECH)은"
        if following is None or (
            tokens[following].surface not in particles
            and not _COUNTED.match(text, tokens[following].start)  # "独ボッシュの3者は"
        ):
            continue
        name = text[start:end]
        first = name.split(" ", 1)[0]
        if first in countries and " " in name:  # "영국 임페리얼칼리지 런던"
            start += len(first) + 1
            name = text[start:end]
        if (
            len(name) < 2
            or name in countries
            or name in lex.places
            or name in lex.not_organisations
            or all(c in lex.country_initials or c in "-·" for c in name)  # "한미", "日米"
            or any(s < end and start < e for s, e in named)
        ):
            continue
        initial = text[start - 1] if start and lex.language == "ja" else ""
        found.append(NewOrganisation(name, start, end, lex.country_initials.get(initial)))
    return found


#: A run of a name's words: where it starts and ends, and the position of the token after.
_Run = tuple[int, int, int]


def _past_brackets(tokens: tuple[Token, ...], position: int) -> int | None:
    """The position of the token at ``position``, or past the brackets opening there."""
    if position < len(tokens) and tokens[position].surface in ("(", "（"):
        position = next((i + 1 for i in range(position, len(tokens))
                         if tokens[i].surface in (")", "）")), len(tokens))  # fmt: skip
    return position if position < len(tokens) else None


def _korean_runs(tokens: tuple[Token, ...]) -> list[_Run]:
    """Runs of proper nouns (NNP) one space apart at most, Latin letters written onto one
    joined to them ("SK하이닉스"), each with the position of the token after it."""
    runs: list[_Run] = []
    run: list[Token] = []
    for position, token in enumerate(tokens):
        if _in_korean_name(tokens, position) and (not run or token.start - run[-1].end <= 1):
            run.append(token)
            continue
        if any(t.tag == "NNP" for t in run):
            runs.append((run[0].start, run[-1].end, position))
        run = [token] if _in_korean_name(tokens, position) else []
    if any(t.tag == "NNP" for t in run):
        runs.append((run[0].start, run[-1].end, len(tokens)))
    return runs


def _in_korean_name(tokens: tuple[Token, ...], position: int) -> bool:
    """Whether the word at ``position`` belongs to a Korean proper name: a proper noun, or
    Latin letters joined to one."""
    token = tokens[position]
    if token.tag == "NNP":
        return True
    if token.tag != "SL":
        return False
    before = tokens[position - 1] if position else None
    after = tokens[position + 1] if position + 1 < len(tokens) else None
    # "SK하이닉스" (written onto a name), "프라운호퍼 ISE" (an acronym after a name's word)
    after_name = (
        before is not None
        and before.tag == "NNP"
        and (
            before.end == token.start
            or (token.start - before.end == 1 and _ACRONYM.fullmatch(token.surface) is not None)
        )
    )
    return after_name or (after is not None and after.tag == "NNP" and after.start == token.end)


def _japanese_runs(tokens: tuple[Token, ...], initials: dict[str, str]) -> list[_Run]:
    """Each proper noun Sudachi tags as a name ("名詞,固有名詞,一般"), as a place that is an
    administration ("仙台市"), or as a person's name after a country's initial (a company
    named after its founder: "独ボッシュ"), with "国立" or the like joined before it, and the
    position of the token after."""
    runs: list[_Run] = []
    for position, token in enumerate(tokens):
        kind = token.tag.split(",")
        following = tokens[position + 1].surface if position + 1 < len(tokens) else ""
        if _unknown_katakana(token) and following not in _JA_ADMINISTRATION_WORDS:
            # "ラピダスとimecは": a company the dictionary does not know, as a party stands
            # ("オウル市": a city, whose administration's word the rule for those reads)
            kind = ["名詞", "固有名詞", "一般"]
        if kind[:2] != ["名詞", "固有名詞"]:
            continue
        before = tokens[position - 1] if position else None
        placed = before is not None and before.surface in initials and before.end == token.start
        if not (
            kind[2] == "一般"
            or (kind[2] == "地名" and _JA_ADMINISTRATION.search(token.surface))
            or (kind[2] == "人名" and placed)
        ):
            continue
        start = token.start
        if (
            position
            and _JA_PUBLIC.search(tokens[position - 1].surface)
            and tokens[position - 1].end == start
        ):
            start = tokens[position - 1].start
        end, after = token.end, position + 1
        # "シーメンスヘルスケア", "ソニーグループ": a company's katakana words written on
        while after < len(tokens) and tokens[after].start == end and _katakana_noun(tokens[after]):
            end, after = tokens[after].end, after + 1
        runs.append((start, end, after))
    return runs + _japanese_administrations(tokens, runs)


#: What makes the place before it an administration in Japanese: "オウル市", "アルプ地域圏".
_JA_ADMINISTRATION_WORDS = frozenset({"市", "州", "県", "地域圏", "郡", "特別市"})
#: What joins the words of a foreign place's name in katakana: "オーヴェルニュ＝ローヌ".
_JA_NAME_JOINERS = frozenset({"＝", "=", "・", "゠"})


def _japanese_administrations(tokens: tuple[Token, ...], runs: list[_Run]) -> list[_Run]:
    """Foreign cities and regions the tokeniser does not know as one name: katakana words
    or places with an administration's word written on ("オウル市", "オーヴェルニュ＝ローヌ＝
    アルプ地域圏"), outside the runs found."""
    found: list[_Run] = []
    for position, token in enumerate(tokens):
        if token.surface not in _JA_ADMINISTRATION_WORDS or not position:
            continue
        first = position
        while (
            first > 0
            and tokens[first - 1].end == tokens[first].start
            and (
                _katakana_noun(tokens[first - 1])
                or tokens[first - 1].tag.startswith("名詞,固有名詞,地名")
                or tokens[first - 1].surface in _JA_NAME_JOINERS
            )
        ):
            first -= 1
        while first < position and tokens[first].surface in _JA_NAME_JOINERS:
            first += 1
        if first == position or any(s <= tokens[first].start < e for s, e, _ in runs):
            continue
        found.append((tokens[first].start, token.end, position + 1))
    return found


def _unknown_katakana(token: Token) -> bool:
    """A katakana word of three or more the dictionary does not hold ("ラピダス",
    "クオンタムリンク"): a name, where a party's name stands."""
    return (
        token.unknown
        and len(token.surface) >= 3
        and all("ァ" <= c <= "ヶ" or c == "ー" for c in token.surface)
    )


def _katakana_noun(token: Token) -> bool:
    return token.tag.startswith("名詞,普通名詞") and all(
        "ァ" <= c <= "ヶ" or c == "ー" for c in token.surface
    )


#: A Latin acronym written alone: "KAIST", "POSTECH", "A*STAR"; or a name written in small
#: letters as some brands are ("imec").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&*]{1,9}|[a-z]{3,8}")


def _acronyms(tokens: tuple[Token, ...], runs: list[_Run]) -> list[_Run]:
    """Latin acronyms standing alone ("KAIST와", "KAISTと"), outside the runs found: where a
    party's name stands, an organisation's; acronyms of things ("AI", "ICT") are none."""
    taken = [(start, end) for start, end, _ in runs]
    return [
        (token.start, token.end, position + 1)
        for position, token in enumerate(tokens)
        if _ACRONYM.fullmatch(token.surface)
        and token.surface not in NOT_BODIES
        and not any(s <= token.start < e for s, e in taken)
    ]
