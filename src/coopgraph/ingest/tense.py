"""Tense and modality: what status a sentence gives the agreement word it names.

Korean and Japanese are read as morphemes, as the tokenisers give them ("체결했다" is
체결 하 었 다, "締結しました" is 締結 する ます た), and only after the word, where the verb
follows its object; English and German on the surface, on either side. The lexicons'
patterns (``status``, ``decided``, ``answers``, ``signed_before``) say which morphemes or
words mark what.
"""

from __future__ import annotations

import re

from coopgraph.ingest.lexicon import Lexicon, morphemes

__all__ = [
    "answer_end", "decided", "going_on_before", "joined_morphemes", "signed_before",
    "status_near",
]  # fmt: skip


def signed_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the clause before the agreement word at ``start`` says it was signed
    ("2023년 체결한 양해각서", "合意した「協力計画」"), read as morphemes (Korean, Japanese)."""
    return _said_before(text, start, lex, lex.signed_before)


def going_on_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the clause before the agreement word at ``start`` says it goes on ("공동
    운영해 온 공동연구실", "共同で運営してきた…拠点"), read as morphemes."""
    return _said_before(text, start, lex, lex.ongoing_before)


def _said_before(text: str, start: int, lex: Lexicon, patterns: list[re.Pattern[str]]) -> bool:
    before = text[:start].rstrip(" '‘’\"“”「『")
    if not before or not patterns:
        return False
    joined = joined_morphemes(before, lex.language)[0].rstrip()
    return any(p.search(joined) for p in patterns)


def answer_end(text: str, start: int, lex: Lexicon) -> int | None:
    """Where a clause answering a proposal ends ("…, 조 차관은 … 답했다"), if one follows
    ``start`` in the sentence (Korean and Japanese, read as morphemes)."""
    if not lex.answers:
        return None
    joined, starts = joined_morphemes(text, lex.language)
    for marker in lex.answers:
        for match in marker.finditer(joined):
            if _char_at(starts, match.start()) >= start:
                return _char_end(starts, match.end() - 1, text)
    return None


def status_near(
    text: str, term: re.Match[str], lex: Lexicon, patterns: dict[str, list[re.Pattern[str]]]
) -> tuple[str | None, int | None]:
    """The status whose marker stands nearest the agreement word, and where it ends.

    Korean and Japanese are read as morphemes and only after the word (the verb follows
    its object); English and German on the surface, on either side.
    """
    if lex.morphemic:
        joined, starts = joined_morphemes(text, lex.language)
        best: tuple[int, int, str, int] | None = None
        for rank, (status, markers) in enumerate(patterns.items()):
            for marker in markers:
                for match in marker.finditer(joined):
                    begin = _char_at(starts, match.start())
                    if begin < term.start():
                        continue  # the verb follows its object; one may start at the word
                        # itself ("면담했다": the meeting word is the verb's stem)
                    end = _char_end(starts, match.end() - 1, text)
                    key = (max(begin - term.end(), 0), rank)
                    if best is None or key < best[:2]:
                        best = (*key, status, end)
                    break
        return (best[2], best[3]) if best else (None, None)
    best_surface: tuple[int, int, str] | None = None
    for rank, (status, markers) in enumerate(patterns.items()):
        for marker in markers:
            for match in marker.finditer(text):
                distance = (
                    match.start() - term.end()
                    if match.start() >= term.end()
                    else term.start() - match.end()
                )
                key = (max(distance, 0), rank)
                if best_surface is None or key < best_surface[:2]:
                    best_surface = (*key, status)
    return (best_surface[2], None) if best_surface else (None, None)


def decided(text: str, lex: Lexicon) -> bool:
    """Whether the sentence reports a decision taken ("22일 … 확장하기로 했다", "agreed on
    Tuesday to launch"): its day is the day of the decision, not one to come."""
    if lex.morphemic:
        text = joined_morphemes(text, lex.language)[0]
    return any(pattern.search(text) for pattern in lex.decided)


def joined_morphemes(text: str, language: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The sentence's morphemes one space apart, as the lexicons' patterns read them, and
    for each where it starts in that string and where it starts and ends in ``text``."""
    joined, starts = "", []
    for form, start in morphemes(text, language):
        starts.append((len(joined), start, start + len(form)))
        joined += form + " "
    return joined, starts


def _char_at(starts: list[tuple[int, int, int]], position: int) -> int:
    """The text offset of the morpheme at ``position`` in the joined morpheme string."""
    chosen = starts[0][1]
    for joined_at, start, _ in starts:
        if joined_at > position:
            break
        chosen = start
    return chosen


def _char_end(starts: list[tuple[int, int, int]], position: int, text: str) -> int:
    """The text offset just past the morpheme holding ``position`` (and the word it ends)."""
    end = starts[0][2]
    for joined_at, start, _ in starts:
        if joined_at > position:
            break
        end = start + 1
    while end < len(text) and not text[end].isspace() and text[end] not in ".,。、":
        end += 1
    return end
