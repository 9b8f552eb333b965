"""Clauses that each state an agreement of their own within one sentence.

News joins two statements in one sentence: "표준연은 … NPL과 … 갱신 협정을 체결하고, 14일에는
… LNE와 업무협약을 맺었다", "NIMSは…KISTと…協定を更新し、KRISSとは…覚書を新たに締結した",
"… signed a memorandum of understanding …, and NIST and PTB separately renewed a 2015
research cooperation agreement". Read whole, such a sentence yields one agreement with the
parties of both. Cut where a clause ends (lexicon key ``clause_breaks``: "-하고,", "-며,",
"し、", ", and", ", und") into pieces that each name an agreement, it yields one per clause
(``extract._by_clause``): a later clause naming only its partner shares the first clause's
subject, and one naming no party all of the first clause's parties.
"""

from __future__ import annotations

import re

from coopgraph.ingest.lexicon import Lexicon, Sentence

__all__ = ["clauses"]


def clauses(
    sentence: Sentence, lex: Lexicon, terms: list[tuple[re.Pattern[str], str]]
) -> list[Sentence]:
    """The clauses of ``sentence`` that each name an agreement (``terms``), cut where the
    lexicon's ``clause_breaks`` end a clause; none when the sentence is one such clause."""
    text = sentence.text
    cuts = sorted({m.end() for p in lex.clause_breaks for m in p.finditer(text)})
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if any(p.search(text, start, cut) for p, _ in terms):
            pieces.append((start, cut))
            start = cut
        elif pieces and cut == len(text):
            pieces[-1] = (pieces[-1][0], cut)  # the rest, no agreement of its own
    if len(pieces) < 2:
        return []
    found = []
    for begin, end in pieces:
        words = text[begin:end].strip()
        at = sentence.start + text.index(words, begin)
        found.append(Sentence(words, at, at + len(words)))
    return found
