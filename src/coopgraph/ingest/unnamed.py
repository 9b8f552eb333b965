"""Parties a text describes without naming them: governments, and groups of a country.

News often gives one side of a cooperation as a country or a kind of organisation rather
than by name: "한미 정부와 제약기업이 참여하는 채널", "미 국립연구소와 우리 연구기관 간에",
"한국, 미국, 일본 3자 간 협력", "영국과 매칭펀딩 프로그램", "between the Korean and US
governments". The data keeps such a party as a description with a country
(``{description: ..., country: US}``), never as an agency, so ``ingest`` proposes it the
same way: the words as written, the country, and no new agency to review.

A country counts as a party only in these constructions (lexicon keys in brackets):

* before a group word ("미 국립연구소", "한미 정부", "Japanese companies") [``groups``];
* countries as the ends of a relation ("한미일 간", "한국, 미국, 일본 3자 간", "between
  Germany and Korea", "zwischen Deutschland und dem KRISS") [``between``];
* a country as the partner of the sentence's subject ("영국과", "with the UK",
  "mit Frankreich", "英国と") [``partner``].

A country word used as an adjective of a named organisation ("미 국립표준기술연구소") or as
a subject alone ("한·미·일이 … 발전시키기로") makes no party here: nothing in the sentence
says whose side it takes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from coopgraph.ingest.lexicon import Lexicon, country_codes, lexicon

__all__ = [
    "CountryRun", "Described", "Paired", "country_runs", "described_parties", "is_group",
    "paired_instruments",
]  # fmt: skip


@dataclass(frozen=True)
class Described:
    """A party given by description: its words as written, where, and its country if any."""

    name: str
    start: int
    end: int
    country: str | None


@dataclass(frozen=True)
class CountryRun:
    """Country words joined into one group ("한국, 미국, 일본", "한미", "Germany and Korea"),
    each with its country code and place."""

    start: int
    end: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Paired:
    """An instrument named by the countries it joins ("Korea–Netherlands semiconductor
    dialogue"): its type, where it stands, and the countries, whose governments are its
    parties."""

    kind: str
    start: int
    end: int
    codes: tuple[str, ...]
    countries: str  # the countries' words as written ("Korea–Netherlands")


def paired_instruments(text: str, lex: Lexicon) -> list[Paired]:
    """The intergovernmental instruments ``text`` names by the countries they join: a run
    of two or more countries' words right before a dialogue's, a committee's or an
    agreement's word (lexicon key ``paired``: "the U.S.-Japan dialogue", "die
    Deutsch-Koreanische Gemischte Kommission", "日英科学技術協力合同委員会")."""
    if not lex.paired:
        return []
    runs = [r for r in [*country_runs(text, lex), *_adjective_pairs(text, lex.language)]
            if len(r.codes) >= 2]  # fmt: skip
    found: list[Paired] = []
    for run in sorted(runs, key=lambda r: r.start):
        for kind, patterns in lex.paired.items():
            match = next((m for p in patterns if (m := p.match(text, run.end))), None)
            if match is not None:
                countries = text[run.start : run.end]
                found.append(Paired(kind, run.start, match.end(), run.codes, countries))
                break
    return found


@functools.cache
def _adjective_stems(language: str) -> dict[str, str]:
    """The stems of a language's country adjectives, folded, with their countries
    ("koreanisch" of "koreanische": KR); German only, where two countries join as one
    adjective."""
    if language != "de":
        return {}
    stems: dict[str, str] = {}
    for word, code in country_codes(language).items():
        if word[:1].islower() and word.endswith("e"):  # "koreanische" -> "koreanisch"
            stems.setdefault(word[:-1].casefold(), code)
    return stems


@functools.cache
def _adjective_pattern(language: str) -> re.Pattern[str] | None:
    """Two countries joined as one German adjective ("deutsch-koreanische",
    "Deutsch-Japanischen"): the first country's stem, a hyphen, the second's adjective, the
    stems in the groups ``first`` and ``second``."""
    stems = _adjective_stems(language)
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?i:(?P<first>{alternatives})-(?P<second>{alternatives}))(?:e[nmrs]?)?\b"
    )


def _adjective_pairs(text: str, language: str) -> list[CountryRun]:
    pattern = _adjective_pattern(language)
    if pattern is None:
        return []
    stems = _adjective_stems(language)
    pairs = [
        (m, stems[m["first"].casefold()], stems[m["second"].casefold()])
        for m in pattern.finditer(text)
    ]
    return [CountryRun(m.start(), m.end(), (one, two)) for m, one, two in pairs if one != two]


def is_group(name: str, lex: Lexicon) -> bool:
    """Whether ``name`` is a group word as a whole ("국립연구소", "national laboratories"):
    a description, not the name of one organisation."""
    return bool(lex.groups) and lex.term_pattern(lex.groups).fullmatch(name.strip()) is not None


def described_parties(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Described]:
    """The parties ``text`` gives by description, outside the ``taken`` spans (the names
    found already), in the order they stand."""
    # a country word right before a named organisation is its country, no party
    # ("mit dem japanischen Forschungsinstitut RIKEN", "the Dutch research organisation TNO")
    runs = [r for r in country_runs(text, lex)
            if not _overlaps(r.start, r.end, taken) and not _describes(text, r, taken)]  # fmt: skip
    found: list[Described] = []
    used: set[int] = set()  # runs read as the country of a group word
    # "Bundesregierung": Germany's, by itself
    national = [Described(m.group(), m.start(), m.end(), code)
                for word, code in lex.national_groups.items()
                for m in lex.term_pattern([word]).finditer(text)
                if not _overlaps(m.start(), m.end(), taken)]  # fmt: skip
    found.extend(national)
    if lex.groups:
        for match in lex.term_pattern(lex.groups).finditer(text):
            if _overlaps(
                match.start(), match.end(), [*taken, *((n.start, n.end) for n in national)]
            ):
                continue  # "Regierung" of "Bundesregierung", a party of its own
            run = next(
                (r for r in runs
                 if r.end <= match.start() and _joins(text[r.end : match.start()])),
                None,
            )  # fmt: skip
            start = match.start() if run is None else run.start
            name = text[start : match.end()]
            if run is None:
                found.append(Described(name, start, match.end(), None))
                continue
            used.add(run.start)
            found.extend(Described(name, start, match.end(), code) for code in run.codes)
    for run in runs:
        if run.start in used:
            continue
        before, after = text[: run.start], text[run.end :]
        if _cued(lex.between, before, after) or _cued(lex.partner, before, after):
            name = text[run.start : run.end]
            found.extend(Described(name, run.start, run.end, code) for code in run.codes)
    return sorted(found, key=lambda d: d.start)


def country_runs(text: str, lex: Lexicon) -> list[CountryRun]:
    """Country words and compounds of country initials ("한미일", "日米"), with those joined
    by a conjunction or a comma ("한국, 미국, 일본") made one run."""
    return list(_country_runs(text, lex.language))


@functools.lru_cache(maxsize=256)
def _country_runs(text: str, language: str) -> tuple[CountryRun, ...]:
    """:func:`country_runs`, kept for the sentence being read: several readings of one
    sentence ask for its countries."""
    lex = lexicon(language)
    codes = country_codes(lex.language)
    words: list[tuple[int, int, tuple[str, ...]]] = [
        (m.start(), m.end(), (codes[m.group()],))
        for m in _country_words(lex.language).finditer(text)
    ]
    compound = _compound(lex.language)
    if compound is not None:
        for match in compound.finditer(text):
            if _overlaps(match.start(), match.end(), [(s, e) for s, e, _ in words]):
                continue
            initials = [c for c in match.group() if c in lex.country_initials]
            words.append((match.start(), match.end(),
                          tuple(lex.country_initials[c] for c in initials)))  # fmt: skip
    for index, (start, end, found) in enumerate(words):
        # "한-캐나다", "日・タイ": an initial joined to a country's word
        joined = start >= 2 and text[start - 1] in "-·ㆍ・"
        joined = joined and text[start - 2] in lex.country_initials
        # (the initial a word of its own: not the last syllable of "일본한-…")
        alone = start < 3 or not (
            "가" <= text[start - 3] <= "힣" or "一" <= text[start - 3] <= "龥"
        )
        if joined and alone:
            code = lex.country_initials[text[start - 2]]
            words[index] = (start - 2, end, tuple(dict.fromkeys((code, *found))))
    words.sort()
    runs: list[CountryRun] = []
    for start, end, codes in words:
        if runs and _joined(text[runs[-1].end : start], lex):
            last = runs[-1]
            merged = tuple(dict.fromkeys((*last.codes, *codes)))
            runs[-1] = CountryRun(last.start, end, merged)
        else:
            runs.append(CountryRun(start, end, tuple(dict.fromkeys(codes))))
    return tuple(runs)


@functools.cache
def _country_words(language: str) -> re.Pattern[str]:
    """The country words as written; a one-letter word ("미", "米", "韓") only on its own,
    before a space, so that it is not a syllable of another word."""
    parts = []
    for word in sorted(country_codes(language), key=len, reverse=True):
        body = re.escape(word)
        if word[:1].isalpha() and not word[:1].isascii():
            # Korean words stand apart; Japanese ones run on from kana ("今年中に英国と")
            body = (r"(?<![가-힣])" if language == "ko" else r"(?<![一-龥])") + body
        elif word[:1].isascii():
            body = r"(?<![\w.])" + body
        if len(word) == 1:
            body += r"(?=\s)"
        elif word[-1:].isascii():
            body += r"(?![\w])"
        parts.append(body)
    return re.compile("|".join(parts) or r"(?!)")


@functools.cache
def _compound(language: str) -> re.Pattern[str] | None:
    """Two to four country initials run together ("한미", "한-미-일", "한·미·일", "日米韓")."""
    lex = lexicon(language)
    if not lex.country_initials:
        return None
    initials = "".join(re.escape(c) for c in lex.country_initials)
    # (Japanese runs a compound on from kana: "署名した日独科学技術協力協定")
    script = "가-힣" if lex.language == "ko" else "一-龥ァ-ヿ"
    # a Korean compound stands before a particle or a non-Hangul character ("한미 정부",
    # "한미간", "한·미·일이"); it is no syllable of a longer word ("한미약품")
    tail = r"(?=$|[^가-힣]|(?:간|사이|의|이|가|은|는|와|과|도|에)(?:$|[^가-힣]|에|의))"
    return re.compile(
        rf"(?<![{script}])[{initials}](?:[-·ㆍ・]?[{initials}]){{1,3}}"
        + (tail if lex.language == "ko" else "")
    )


def _joined(gap: str, lex: Lexicon) -> bool:
    """Whether the text between two country words joins them into one group."""
    stripped = gap.strip()
    if not stripped:
        return not gap or gap.isspace()
    return any(stripped == c.strip() for c in [*lex.conjunctions, "·", "ㆍ", "-", "–"])


def _joins(gap: str) -> bool:
    """Whether a country run stands right before a group word ("한미 정부", "미 국립연구소",
    "Korean and US governments", "韓国の研究機関")."""
    return re.fullmatch(r"\s*(?:의|の|'s)?\s*", gap) is not None


def _cued(cues: dict[str, list[re.Pattern[str]]], before: str, after: str) -> bool:
    return any(p.search(before) for p in cues.get("before", [])) or any(
        p.match(after) for p in cues.get("after", [])
    )


def _describes(text: str, run: CountryRun, taken: list[tuple[int, int]]) -> bool:
    """Whether the run is an adjective of a named organisation standing at most two
    lowercase words after it ("japanischen Forschungsinstitut RIKEN", "Dutch research
    organisation TNO", "미 국립표준기술연구소")."""
    for start, _ in taken:
        gap = text[run.end : start]
        if start >= run.end and re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", gap):
            return not re.search(r"[,;]|\b(?:and|und)\b|[와과と]\s", gap)
    return False


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
