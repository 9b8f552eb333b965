"""Candidate agreements and events from one article, each claim with its sentence.

A sentence yields an agreement candidate when it names an agreement (a lexicon word such
as 양해각서, letter of intent, 覚書, Absichtserklärung) and at least two signing parties.
Parties are the organisations named in the sentence: known agencies by any of their names
(resolved by :class:`coopgraph.resolve.Resolver`), others by an organisation word
(연구원, Institute, 研究所, Institut) and proposed as new agencies. A party is a witness
("in the presence of", "참석한 가운데") or a funder ("funded by") when a role cue of the
lexicon stands next to it, and a place when the text says it is one ("상무부에서").
The status comes from the tense and modality nearest the agreement word; a sentence that
names an agreement without either is background: a low-confidence candidate, no status.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.ingest.articles import Article
from coopgraph.ingest.clauses import clauses
from coopgraph.ingest.lexicon import Lexicon, Sentence, lexicon, read_sentence, sentences
from coopgraph.ingest.officials import Officials, Reference, has_word
from coopgraph.ingest.organisations import (
    ACRONYM_IN_BRACKETS,
    NOT_BODIES,
    conjoined,
    new_organisations,
)
from coopgraph.ingest.proper_nouns import proper_names
from coopgraph.ingest.tense import (
    answer_end,
    decided,
    going_on_before,
    signed_before,
    status_near,
)
from coopgraph.ingest.unnamed import (
    country_runs,
    described_parties,
    is_group,
    paired_instruments,
)
from coopgraph.ingest.when import Found, after, dates_agree, find_date, find_dates
from coopgraph.resolve import Resolver

__all__ = ["Extracted", "Gazetteer", "extract", "party_id"]

#: Confidence of a candidate: both parties known and a status stated; one party a new
#: organisation, a party named through an official introduced in another sentence, or
#: cooperation agreed without an agreement named; the agreement named without tense or
#: modality (background).
STATED, NEW_PARTY, BACKGROUND = 0.9, 0.6, 0.3
#: The type of an agreed cooperation stated without an agreement's name; of one that states
#: the money it spends; of cooperation going on, mentioned in passing.
COOPERATION, JOINT_PROGRAMME, PARTNERSHIP = "cooperation-plan", "joint-programme", "partnership"
DIALOGUE = "dialogue"

#: How far (characters) a role cue may stand from the name it qualifies.
_CUE_REACH = 12
#: How far a country word may stand before the name it places ("미 국립표준기술연구소").
_COUNTRY_REACH = 3


@dataclass
class Mention:
    """An organisation named in a sentence (offsets relative to the sentence)."""

    name: str
    start: int
    end: int
    agency: str | None = None
    country: str | None = None
    role: str = "signatory"
    #: for an official speaking for the organisation ("조 차관"), the sentence that said
    #: whose official they are
    introduced: Sentence | None = None
    #: given by description, not by name ("한미 정부", "미 국립연구소"): never a new agency
    unnamed: bool = False

    @property
    def key(self) -> str:
        """What tells one party from another: its agency, or its name (and country, for
        a description: "한미 정부" is two parties)."""
        if self.agency:
            return self.agency
        return f"{self.name} ({self.country})" if self.unnamed else self.name


@dataclass
class Extracted:
    """What one article states: candidates as plain data, ready for the candidates file."""

    source: dict[str, Any]
    agreements: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)

    def keep(self, agreement: dict[str, Any]) -> None:
        """Add an agreement candidate, and each of its new organisations for review."""
        self.agreements.append(agreement)
        for party in agreement["parties"]:
            if party["agency"] is None and not party["unnamed"]:
                self.agencies.append(
                    {"decision": "review", "name": party["name"],
                     "country": party["country"], "evidence": agreement["evidence"]}
                )  # fmt: skip


class Gazetteer:
    """The known agencies' names as one pattern per script, resolved to ids."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.resolver = Resolver(index)
        names = {
            text
            for agency in index.agencies.values()
            for text in [agency.id, *(n.text for n in agency.names)]
            if len(text) >= (3 if text.isascii() else 2)
        }
        self.ids: dict[str, str] = {}
        for name in names:
            try:
                self.ids[name] = self.resolver.agency(name, partial=False).id
            except UsageError:  # a name shared by two agencies says nothing on its own
                continue
        self.pattern = _names_pattern(sorted(self.ids, key=len, reverse=True))

    def part_of_a_name(self, name: str) -> str | None:
        """The one agency with a name containing ``name`` (as the Resolver's partial match:
        "National Science Foundation" in "U.S. National Science Foundation"), else None."""
        matches = self.resolver.matching(name, partial=True)
        if len(matches) != 1:  # unknown, or several agencies hold it: a new organisation
            return None
        agency = self.index.agencies[next(iter(matches))]
        # most of a name, not a common tail of it: "研究センター" (a research centre) is in
        # G-QuAT's long name, and names the 国立がん研究センター it was cut from
        holding = [n.text for n in agency.names if name.casefold() in n.text.casefold()]
        return agency.id if any(len(name) * 2 >= len(text) for text in holding) else None

    def find(self, text: str) -> list[Mention]:
        """Every known agency named in ``text``, longest name first at each place."""
        found = []
        for match in self.pattern.finditer(text):
            agency = self.ids[match.group()]
            found.append(
                Mention(match.group(), match.start(), match.end(), agency,
                        self.index.agencies[agency].country)
            )  # fmt: skip
        return found


def _names_pattern(names: list[str]) -> re.Pattern[str]:
    parts = []
    for name in names:
        body = re.escape(name)
        if name[:1].isascii() and name[:1].isalnum():
            body = r"(?<![A-Za-z0-9])" + body
        elif "가" <= name[:1] <= "힣":
            # Korean writes a word whole: "에너지부" (DOE's) is no name inside
            # "연방경제에너지부", the German ministry's
            body = r"(?<![가-힣])" + body
        if name[-1:].isascii() and name[-1:].isalnum():
            body += r"(?![A-Za-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts) or r"(?!)")


def extract(article: Article, gazetteer: Gazetteer, source_id: str) -> Extracted:
    """The candidates ``article`` states, citing it as ``source_id``."""
    lex = lexicon(article.language)
    source = {
        "id": source_id,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "url": article.url,
        "file": article.path,
    }
    result = Extracted(source)
    agreement_terms = _typed_terms(lex, lex.agreement_types) + [
        (phrase, kind) for kind, phrases in lex.joint_phrases.items() for phrase in phrases
    ]
    event_terms = _typed_terms(lex, lex.event_types)
    before: dict[str, Any] | None = None  # the last statement with two or more parties
    history: list[dict[str, Any]] = []  # all of them, for "4者は", "the four partners"
    officials = Officials(lex)
    previous: Sentence | None = None
    headline = (article.title or "").strip()
    told_day: str | None = None  # the last date a statement gave: "같은 날", "同日" is it
    same_day = lex.term_pattern(lex.same_day) if lex.same_day else None
    for sentence in sentences(article.text, article.language):
        if len(sentence.text) > 2000:
            continue  # a run of text without a full stop (a table, a list) is no sentence
        read_sentence(sentence.text, article.language)
        last, previous = previous, sentence
        officials.note_regions(sentence)
        if officials.may_introduce(sentence.text):
            officials.learn(sentence, _mentions(sentence.text, lex, gazetteer, officials))
        if (
            before is not None
            and "parties" in before
            and last is not None
            and before["evidence"][-1]["start"] == last.start
            and _included(sentence, lex, gazetteer, officials, before, source_id)
        ):
            continue  # "협업 대상에는 C와 D도 포함된다": more parties of the one before
        dialogue = _standing_dialogue(sentence, article, lex, gazetteer, source_id, officials)
        if dialogue is not None:
            result.keep(dialogue)
        antecedent = before
        if (
            before is None
            and last is not None
            and _says_parties(sentence.text, lex)
            and _first_term(sentence.text, agreement_terms, lex) is not None
        ):
            # "X und Y wollen gemeinsam forschen. Einen Vertrag unterzeichneten beide
            # Institute": before any statement, the two that an agreement named is of are
            # those the sentence before named ("두 기관의 협력은 … 전망이다" names none)
            antecedent = _named_in(last, lex, gazetteer, officials, source_id)
        read = functools.partial(
            _agreement, article=article, lex=lex, gazetteer=gazetteer, terms=agreement_terms,
            source_id=source_id, before=antecedent, officials=officials,
            history=history if antecedent is before else [*history, antecedent],
        )  # fmt: skip
        agreements = _by_clause(
            sentence, read, agreement_terms, lex, gazetteer, officials, source_id
        ) or read(sentence)
        if sentence.start == 0 and headline and sentence.text == headline:
            # a headline without a verb restates the lead ("…와 탄소포집 협력 MOU")
            agreements = [a for a in agreements if a["status"] is not None]
        told = [*agreements, *([dialogue] if dialogue is not None else [])]
        agreements += _paired(sentence, article, lex, gazetteer, source_id, told, officials)
        if agreements:
            before = agreements[-1]
            history.extend(a for a in agreements if len(a["parties"]) >= 2)
            for agreement in agreements:
                # "같은 날", "同日": the day told before, over a year or a month the sentence
                # gives something else ("同日、2016年に結んだ覚書を更新した")
                if (
                    (agreement["date"] is None or len(agreement["date"]) < len("YYYY-MM-DD"))
                    and told_day
                    and len(told_day) == len("YYYY-MM-DD")  # a day, not a year or a month
                    and same_day is not None
                    and (same_day.search(sentence.text))
                ):
                    agreement["date"], agreement["date_inferred"] = told_day, True
                if agreement["date"] and len(agreement["date"]) == len("YYYY-MM-DD"):
                    told_day = agreement["date"]
                result.keep(agreement)
                officials.remember(sentence, agreement["parties"])
            continue
        event = _event(sentence, article, lex, gazetteer, event_terms, source_id, officials)
        if event is not None:
            result.events.append(event)
            officials.remember(sentence, event["participants"])
            told_day = event["date"] or told_day
            if len(event["participants"]) >= 2:
                before = event
                history.append(event)
    result.agreements = _without_realised_intents(
        _without_told_by_holders(_without_headline_echoes(result.agreements, headline)),
        article.published,
    )
    _add_other_names(article.text, [*result.agreements, *result.events], result.agencies)
    return result


def _add_other_names(
    text: str, records: list[dict[str, Any]], agencies: list[dict[str, Any]]
) -> None:
    """Give each new organisation the names in Latin letters the article puts in brackets
    after its name ("일본 규슈대학(Kyushu University)", "프랑스 국립계량시험연구소(LNE·
    Laboratoire national de métrologie et d'essais)", "… Materials (KIMM)"), as
    ``other_names``: a reviewer sees the organisation by the name the data would give it,
    and ``merge`` writes them as its names in English and its acronym."""
    found: dict[str, list[str]] = {}
    parties = [p for r in records for p in r.get("parties", r.get("participants", []))]
    for entry in [*parties, *agencies]:
        if entry.get("agency") or entry.get("unnamed") or not entry.get("name"):
            continue
        name = str(entry["name"])
        if name not in found:
            found[name] = _bracketed_names(text, name)
        if found[name]:
            entry["other_names"] = list(found[name])


def _bracketed_names(text: str, name: str) -> list[str]:
    """The Latin-script names in brackets right after ``name`` anywhere in ``text``."""
    names: list[str] = []
    at = text.find(name)
    while at >= 0:
        match = _BRACKET_AFTER.match(text, at + len(name))
        at = text.find(name, at + 1)
        if match is None:
            continue
        for part in _BRACKET_PARTS.split(match.group(1)):
            part = part.strip()
            if (
                _LATIN_NAME.fullmatch(part)
                and part.upper() not in NOT_BODIES
                and part != name
                and part not in names
            ):
                names.append(part)
    return names


#: A bracket right after a name, and what it holds: "(Kyushu University)", "（NIMS）".
_BRACKET_AFTER = re.compile(r"\s?[(（]([^()（）]{2,90})[)）]")
#: What parts the names in one bracket: "(LNE·Laboratoire national …)", "(NIMS、つくば市)".
_BRACKET_PARTS = re.compile(r"\s*[·・、,，;]\s*")
#: A name in Latin letters: a capital first ("Kyushu University", "LNE", "A*STAR").
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9À-ÿ*&'’. -]{1,88}")


def _without_headline_echoes(
    agreements: list[dict[str, Any]], headline: str
) -> list[dict[str, Any]]:
    """A headline's candidate that the body tells otherwise ("PTB und KRISS wollen
    Zusammenarbeit vertiefen" above "… eine Absichtserklärung … unterzeichnen"): the body's
    is the statement; a headline's of the same type and parties is kept, to be joined."""

    def headline_only(record: dict[str, Any]) -> bool:
        return bool(headline) and all(e["quote"] == headline for e in record["evidence"])

    body = [a for a in agreements if not headline_only(a)]
    kept = []
    for record in agreements:
        if headline_only(record):
            keys = {party_id(p) for p in record["parties"]}
            told = [b for b in body if keys & {party_id(p) for p in b["parties"]}]
            if told and not any(
                b["type"] == record["type"] and {party_id(p) for p in b["parties"]} == keys
                for b in told
            ):
                continue
        kept.append(record)
    return kept


#: The key marking a candidate as an intent to cooperate, no agreement named ("X und Y
#: wollen künftig zusammenarbeiten"), until :func:`_without_realised_intents` reads it.
_INTENT = "_intent"
#: The internal mark of a record made from the countries an instrument joins
#: (:func:`_paired`), taken off once read by :func:`_without_told_by_holders`.
_PAIRED = "_paired"
#: Instruments an intent to cooperate may be realised by.
_INSTRUMENTS = frozenset(
    {"loi", "mou", "moa", "research-cooperation-agreement", "implementing-arrangement"}
)


def _without_told_by_holders(agreements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An instrument named by the countries it joins (:func:`_paired`: "9일 열린 한미 차세대
    핵심신흥기술 대화") that the article tells elsewhere with its holders, one of each of
    those countries (the dialogue "조태용 국가안보실장과 … 설리번 … 보좌관이 … 공동으로
    주재한"), is that record: no second one of the governments."""
    kept = []
    for record in agreements:
        if record.pop(_PAIRED, False):
            codes = {p["country"] for p in record["parties"]}
            if any(
                other is not record
                and not other.get(_PAIRED)
                and other["type"] == record["type"]
                and codes <= {p["country"] for p in other["parties"] if not p["unnamed"]}
                for other in agreements
            ):
                continue
        kept.append(record)
    return kept


def _without_realised_intents(
    agreements: list[dict[str, Any]], published: dt.date | None
) -> list[dict[str, Any]]:
    """An intent to cooperate, no agreement named ("PTB und NMIJ wollen künftig …
    zusammenarbeiten"), of the parties an instrument the same article tells as its news
    is signed or planned by ("Eine Absichtserklärung dazu unterzeichneten …") is what that
    instrument agrees: its sentence is cited by the instrument instead of making a plan of
    its own. An instrument signed long before ("지난 1월 … 업무협약을 체결한 뒤 …") is
    background: what the parties now intend is a plan of its own."""
    kept = []
    for record in agreements:
        intent = record.pop(_INTENT, False)
        keys = {party_id(p) for p in record["parties"] if p["role"] == "signatory"}
        instrument = intent and next(
            (a for a in agreements
             if a["type"] in _INSTRUMENTS and a["status"] in ("signed", "planned")
             and {party_id(p) for p in a["parties"] if p["role"] == "signatory"} == keys
             and dates_agree(a["date"], record["date"]) and _news(a["date"], published)),
            None,
        )  # fmt: skip
        if instrument:
            instrument["evidence"].extend(e for e in record["evidence"]
                                          if e not in instrument["evidence"])  # fmt: skip
            continue
        kept.append(record)
    return kept


def _news(date: str | None, published: dt.date | None) -> bool:
    """Whether an agreement dated ``date`` is the news of an article of ``published``:
    undated, or within a month of it (a month given: that month or one beside it)."""
    if not date or published is None:
        return True
    first = date.split("/")[0]
    if len(first) == len("YYYY-MM-DD"):
        return abs((dt.date.fromisoformat(first) - published).days) <= 31
    if len(first) == len("YYYY-MM"):
        year, month = map(int, first.split("-"))
        return abs((year * 12 + month) - (published.year * 12 + published.month)) <= 1
    return False


def party_id(party: dict[str, Any]) -> str:
    """One party of a candidate as :attr:`Mention.key` tells it: its agency id, or its name
    as written; a party described without a name ("한미 정부") with its country, being one
    party per country."""
    if party["agency"]:
        return str(party["agency"])
    if party.get("unnamed"):
        return f"{party['name']} ({party['country']})"
    return str(party["name"])


def _typed_terms(lex: Lexicon, types: dict[str, list[str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(lex.term_pattern(terms), kind) for kind, terms in types.items()]


def _first_term(
    text: str, terms: list[tuple[re.Pattern[str], str]], lex: Lexicon | None = None
) -> tuple[str, re.Match[str]] | None:
    """The type named first in ``text``; at one place the longest term wins. With ``lex``,
    a word pointing back at an agreement told before ("이번 협정은 … 체결한 양해각서의
    후속 조치다", "今回の協定は") is passed over for the one the sentence tells of, and so
    is a bare word ("협약", "Vertrag") for one that says what kind of agreement it is."""
    found = _terms_in(text, terms, lex)
    if not found:
        return None
    kind, match = min(found, key=lambda f: (f[1].start(), -len(f[1].group())))
    return _bracketed_kind(text, terms, kind, match)


def _terms_in(
    text: str, terms: list[tuple[re.Pattern[str], str]], lex: Lexicon | None
) -> list[tuple[str, re.Match[str]]]:
    """The agreement words of ``text`` with their types: not those pointing back at an
    agreement told before, and bare words ("Der Vertrag ersetzt eine … Absichtserklärung")
    only when the sentence has no word of a kind."""
    back = lex.term_pattern(lex.pointing_back) if lex is not None and lex.pointing_back else None
    bare = {t.casefold() for t in lex.bare_terms} if lex is not None else set()
    every = [
        (kind, match)
        for pattern, kind in terms
        for match in pattern.finditer(text)
        if (match.group().casefold() not in bare or _whole(text, match))
        and not _CEREMONY.match(text, match.end())  # "협약식에는 …": the signing's ceremony
    ]
    found = [(k, m) for k, m in every if back is None or not _points_back(text, m, back)]
    specific = [(k, m) for k, m in found if m.group().casefold() not in bare]
    if not specific and len(found) < len(every):
        return []  # "이번 협약은 양 기관이 2022년 맺은 협약을 연장한 것": the one told before
    return specific or found


#: What makes an agreement word a ceremony's name in Korean and Japanese ("협약식",
#: "서명식", "締結式"): who attends it are guests, and the agreement is told elsewhere.
_CEREMONY = re.compile(r"[식式]")


def _whole(text: str, match: re.Match[str]) -> bool:
    """Whether a bare agreement word stands as a word of its own, declined at most
    ("Vertrag", "Vertrages"; not "Arbeitsvertrag", "vertraglich", "Geheimhaltungs-
    vereinbarung"): in Latin script only; Korean and Japanese words take particles."""
    if not match.group()[:1].isascii():
        return True
    before = text[match.start() - 1 : match.start()]
    return not before.isalpha() and _DECLINED_END.match(text, match.end()) is not None


#: What may end a bare German or English agreement word: a case ending, then no letter.
_DECLINED_END = re.compile(r"(?:e?s|en|n|e)?(?![^\W\d_])")


def _bracketed_kind(
    text: str, terms: list[tuple[re.Pattern[str], str]], kind: str, term: re.Match[str]
) -> tuple[str, re.Match[str]]:
    """The word's type, or the one a term in brackets right after it says ("基本合意書(MOA)",
    "협력의향서(LOI)"): the bracket names the instrument."""
    opening = _OPENING.match(text, term.end())
    if opening is not None:
        for pattern, bracketed in terms:
            inner = pattern.match(text, opening.end())
            if inner is not None and text[inner.end() : inner.end() + 1] in (")", "）"):
                return bracketed, term
    return kind, term


_OPENING = re.compile(r"\s?[(（]")


def _governed_term(
    text: str, terms: list[tuple[re.Pattern[str], str]], lex: Lexicon
) -> tuple[str, re.Match[str]] | None:
    """Of several agreement words in a Korean or Japanese sentence, the one the closing verb
    governs when the first has a clause of its own: "공동 프로그램의 과제 평가를 함께 맡기로
    하고 … 업무협약을 맺었다" states an MOU signed. Otherwise the first word."""
    first = _first_term(text, terms, lex)
    if first is None:
        return None
    found = _terms_in(text, terms, lex)
    best: tuple[int, str, re.Match[str]] | None = None
    for kind, match in found:
        if any(o.start() <= match.start() and match.end() <= o.end() and o.group() != match.group()
               for _, o in found):  # fmt: skip
            continue  # a shorter word inside a longer one ("협정" of "연구협력협정")
        _, marker_end = status_near(text, match, lex, lex.status)
        if marker_end is not None and (best is None or marker_end - match.end() < best[0]):
            best = (marker_end - match.end(), kind, match)
    if best is None or best[2].start() <= first[1].start():
        return first
    if first[0] == DIALOGUE != best[1] or (
        _OBJECT.match(text, best[2].end()) and not _OBJECT.match(text, first[1].end())
    ):
        # "合同委員会を開き、…共同研究プログラムを…始めることで合意した": the meeting is
        # where the programme was agreed
        # "공동연구센터 운영에 관한 협력협약을 갱신했다": the verb's object is the word it
        # governs
        return _bracketed_kind(text, terms, best[1], best[2])
    _, first_end = status_near(text, first[1], lex, lex.status)
    if first_end is None or first_end > best[2].start():
        return first  # the first word's verb is the later one's too ("MOU를 체결하고, 작업반도")
    return _bracketed_kind(text, terms, best[1], best[2])


#: The particle that makes a word the verb's object ("협약을", "覚書を", and "(MOA)를" after
#: the word in brackets).
_OBJECT = re.compile(r"\s?(?:[(（]\w+[)）])?[)）]?\s?(?:을|를|を)")


def _points_back(text: str, term: re.Match[str], back: re.Pattern[str]) -> bool:
    start = max(0, term.start() - 8)
    before = text[start : term.start()]
    return any(
        m.end() == len(before.rstrip())
        and (start + m.start() == 0 or not text[start + m.start() - 1].isalnum())  # not 공동
        for m in back.finditer(before)
    )


def _agreement(
    sentence: Sentence,
    article: Article,
    lex: Lexicon,
    gazetteer: Gazetteer,
    terms: list[tuple[re.Pattern[str], str]],
    source_id: str,
    before: dict[str, Any] | None = None,
    officials: Officials | None = None,
    history: list[dict[str, Any]] | None = None,
    shared: list[Mention] | None = None,
) -> list[dict[str, Any]]:
    """The agreements ``sentence`` states: usually none or one; one per subject when each
    of several subjects has the same partner ("A과 B는 각각 C와 협력하고 있어"). ``before``
    is the statement before, ``history`` all the article's statements of two or more
    parties so far; ``shared``, for a clause of a longer sentence, the parties of its first
    clause, the subject first."""
    text = sentence.text
    if any(p.search(text) for p in lex.denial):
        return []  # "…締結した事実はない」と否定した": what is denied is not stated
    told = text  # where the agreement word is looked for
    if any(_provides(text, p, terms, lex) for p in lex.scope):
        # "협정에 따라 두 기관은 …", "Under the MOU, …": what an agreement provides, unless
        # it names an agreement of its own ("覚書に基づき、両県は…作業部会を設ける")
        for scope in lex.scope:
            told = scope.sub(lambda m: " " * len(m.group()), told)
        if _first_term(told, terms, lex) is None:
            return []
    named = _governed_term(told, terms, lex) if lex.morphemic else _first_term(told, terms, lex)
    resting = _rested_on(told, terms, lex)
    if resting is not None:  # "Die Durchführungsvereinbarung stützt sich auf ein … Abkommen"
        named = resting
    if named is not None and _as_means(text, named[1], lex):
        return []  # "이행약정 등을 통해 확장될 전망": a means of cooperation, none stated
    named = named or _standing_dialogue_word(text, lex)  # "정례 정책대화를 신설"
    unnamed_term = committed = named is None
    if committed:
        # No agreement named: two parties agreeing to cooperate ("협력하기로 했다",
        # "agreed to collaborate") is an agreed cooperation, if it is to come; so is a
        # relation between two parties ("A와 B 간에 … 확대한다", "between A and B")
        named = _first_term(text, [(lex.term_pattern(lex.cooperation), COOPERATION)], lex)
        named = named or _between_term(text, lex, gazetteer, officials)
        if named is None and not lex.morphemic:
            # "Das KIT arbeitet seit Jahren mit dem KIAT zusammen": the verb of cooperation
            # going on names it
            named = next(((PARTNERSHIP, m) for p in lex.ongoing if (m := p.search(text))), None)
        if named is None:
            return []
    kind, term = named
    # cooperation going on competes with the statuses: the marker nearest the cooperation
    # word wins ("협력을 하고 있어 … 연결될 가능성이 크기": going on, not a possibility;
    # "협력 가능성을 타진하고 있다": a possibility)
    markers = {**lex.status, "ongoing": lex.ongoing} if committed else lex.status
    status, marker_end = status_near(text, term, lex, markers)
    if status == "signed" and "ended" in lex.status:
        # "an agreement signed in 2014 …, which expired in 2020", "협정을 맺었지만 … 2023년
        # 종료됐다": its state now is the later one
        ended, ended_end = status_near(text, term, lex, {"ended": lex.status["ended"]})
        if ended is not None and (not lex.morphemic or (ended_end or 0) > (marker_end or 0)):
            status, marker_end = ended, ended_end
    if (
        status is None
        and not committed
        and lex.morphemic
        and signed_before(text, term.start(), lex)
    ):
        # "2023년 체결한 양해각서", "2015年に締結した覚書": signed, as the clause before says
        status, marker_end = "signed", None
    if status == "negotiating":
        # "is negotiating a joint development agreement", "협약 체결을 협의하고 있다": an
        # instrument named and under negotiation is proposed; cooperation merely being
        # talked about ("in talks on closer cooperation") is nothing agreed
        if committed or any(p.search(text) for p in lex.negation):
            return []  # ("negotiations … collapsed", "Verhandlungen … sind gescheitert")
        status = "proposed"
    if status in ("planned", "proposed") and any(p.search(text) for p in lex.denied_plans):
        return []  # "NIST has no plans to sign a similar agreement with AIST"
    if status in ("possible", "talks"):
        # "협력을 확대할 수 있다", "향후 지속적으로 논의하기로 했다", "視野に入れている":
        # nothing agreed but that it may be, or that talks go on
        return []
    confidence_cap = None
    # cooperation agreed, and cooperation that ended ("Die 2020 vereinbarte Kooperation …
    # war ausgelaufen"), are cooperation plans so stated
    if committed and status not in ("planned", "proposed", "ended"):
        if status != "ongoing":
            return []  # cooperation that was, or may be: background, not an agreement
        # cooperation going on ("협력을 하고 있다"): a partnership in passing, no more
        kind, status, confidence_cap = PARTNERSHIP, "active", BACKGROUND
    elif status is None:
        # an agreement named in passing: still in force when what it governs goes on
        # ("2015年に締結した覚書に基づき、…比較実験を続けている"), or when the clause before
        # says it goes on ("2019년부터 공동 운영해 온 공동연구실"), never signed here
        ongoing, _ = status_near(text, term, lex, {"active": lex.ongoing})
        if ongoing is not None or (lex.morphemic and going_on_before(text, term.start(), lex)):
            status, confidence_cap = "active", BACKGROUND
    if (committed or status in (None, "active")) and any(p.search(text) for p in lex.negation):
        return []  # "협의가 시작됐지만 합의에는 이르지 못했다": weakly stated, and undone
    if unnamed_term and status in ("planned", "proposed") and _funded(text, lex):
        kind = JOINT_PROGRAMME  # "1000만달러 규모의 … 협업을 개시한다": a funded programme
    # In Korean and Japanese the verb closes the clause: organisations named after it
    # ("…를 체결했다.(사진=표준연)") belong to another statement.
    reach = marker_end if lex.morphemic and marker_end is not None else len(text)
    if status == "proposed" and lex.morphemic:
        # "A은 …을 제안했고, B는 … 답했다": who answers the proposal in the next clause is
        # its counterpart
        reach = answer_end(text, reach, lex) or reach
    mentions = _mentions(text[:reach], lex, gazetteer, officials)
    sides = _sides(text[:reach], lex, before, mentions)
    mentions = sorted([*mentions, *sides], key=lambda m: m.start)
    if shared:
        # "…, 14일에는 LNE와 업무협약을 맺었다": the first clause's subject with the partner
        # named here; a clause naming no party, all of the first clause's
        keys = {m.key for m in mentions if m.role == "signatory"}
        if len(keys) == 1 and shared[0].key not in keys:
            mentions = [replace(shared[0], start=0, end=0), *mentions]
        elif not keys:
            mentions = [*(replace(m, start=0, end=0) for m in shared), *mentions]
    if (
        (status is not None or resting is not None)
        and len({m.key for m in mentions if m.role == "signatory"}) < 2
        and not (unnamed_term and _names_event(text, lex))
    ):
        # "한미 정부와 제약기업", "미 국립연구소와 우리 연구기관 간에", "영국과": parties the
        # sentence describes without naming. Not beside an event ("우리 정부가 주최하는 …
        # 포럼 등에 미 정부가 협력키로"): a government helping with events takes part in them;
        # not in passing, where no status says what is agreed between whom, unless another
        # agreement rests on it ("implements a 2018 memorandum … between the U.S. and South
        # Korean governments")
        mentions = sorted([*mentions, *_described(text[:reach], lex, mentions)],
                          key=lambda m: m.start)  # fmt: skip
    venue = next((m for m in mentions if m.role == "venue"), None)
    signatories = [m for m in mentions if m.role == "signatory"]
    evidence = _evidence_with_introductions(sentence, signatories, source_id)
    leaning: dict[str, Any] | None = None  # the statement before, when parties come from it
    if sides:  # "미국 측도": the counterpart of the statement before
        leaning = before
    governments = _pair_governments(text[:reach], lex)
    if len({m.key for m in signatories}) < 2 and governments:
        # "1986년 양국 정부가 체결한 한-독 과학기술협력협정", "日独両政府": the governments
        # of the two countries the sentence joins
        signatories = governments
        mentions = [*signatories, *(m for m in mentions if m.role != "signatory")]
    both = lex.term_pattern(lex.both_parties) if lex.both_parties else None
    every = lex.term_pattern(lex.all_parties) if lex.all_parties else None
    all_words = every.search(text[:reach]) if every is not None else None
    both_words = both.search(text[:reach]) if both is not None else None
    counted = next((m for p in lex.counted_parties if (m := p.search(text[:reach]))), None)
    if counted is not None and not (all_words or both_words):
        # "the two national metrology institutes", "beider Institutionen": words the lists
        # do not hold, by their count
        if _count(counted.group(), lex) == 2:
            both_words = counted
        else:
            all_words = counted
    # "両機関は…作業部会を設置し、積水化学工業、…も参加する", "beide Partner …, gemeinsam
    # mit dem KAIST …": the two, and the others the sentence has join them
    named = [m for m in signatories if not m.unnamed and m.end > 0]
    joining = (
        before is not None and bool(named) and any(p.search(text[:reach]) for p in lex.joining)
    )
    # "NIST를 加えた3機関で", "KIST를 더한 3개 기관은", "NIST까지 참여하는 3자": the ones named
    # join those told before, the count saying how many; the count before them says so of
    # any list ("4者は…NISTも")
    count_words = all_words or (
        next((m for p in lex.joined_counts if (m := p.search(text[:reach]))), None)
        if joining else None
    )  # fmt: skip
    told = _count(count_words.group(), lex) if count_words is not None else None
    added = (
        joining
        and told is not None
        and count_words.start() > max(m.start for m in named)
        and told > len({m.key for m in named})
    )
    if added:
        all_words = count_words
    said = all_words or both_words
    joined = joining and said is not None and (added or said.start() < min(m.start for m in named))
    if len({m.key for m in signatories}) < 2 or joined:
        # "양 기관은 … 확대하기로 했다", "The two institutes will …": the parties of the
        # statement before, cited too so that a reviewer sees where they come from
        said_all = all_words is not None
        if all_words is not None and history:
            # "4者は", "4개 기관은", "the four partners": the last statement of that many
            # parties, which need not be the one just before
            # (after those named who join them, the count less those: "NPLを加えた3機関")
            count = told - len({m.key for m in named}) if added else told
            before = next((s for s in reversed(history) if len(_parties_of(s)) == count), before)
        said_both = both_words is not None
        # "기존 업무협약은 지난해 12월 만료됐다", "Der neue Vertrag löst die Vereinbarung
        # von 2014 ab, die ausgelaufen war": an agreement ended, its parties unsaid, is the
        # one the parties of the statement before had
        unsaid = status == "ended" and not signatories and any(p.search(text) for p in lex.previous)
        # "Das gemeinsame Graduiertenprogramm soll im Oktober starten": a joint agreement, no
        # party named, is of the parties of the statement before
        unsaid = unsaid or (status is not None and not signatories and _joint(text, term, lex))
        if before is None or not (said_both or said_all or unsaid):
            return []
        if status is None and _named_before(term.group(), before):
            return []  # "양 기관은 협정 체결을 기념해 …": in passing, the agreement before
        # the words say two ("양 기관", "both", "両機関", "beide"): of a statement with more,
        # the two named first, its subject ("표준연과 AIST는 … NMIJ과 회의를 열고"); or all
        # of them ("3機関は", "세 기관은", "the three institutes")
        signatories = _parties_of(before)[: None if said_all else 2]
        if both_words is not None and not said_all:
            # "両大学は", "양 부처가", "the two universities": the two of that kind of the last
            # statement that had two, cited and dated as the statement before
            two = _of_kind(both_words.group(), history or [before], lex)
            if two is not None:
                before, signatories = two
        if said_both and not said_all and lex.both_countries:
            # "양국 정부는 …", "the two governments": the governments of the two countries
            # of the statement before ("과기정통부 … NSF와": Korea's and the United States')
            governments = lex.term_pattern(lex.both_countries).search(text[:reach])
            countries = list(dict.fromkeys(m.country for m in _parties_of(before) if m.country))
            if governments is not None and any(not m.unnamed for m in _parties_of(before)):
                if len(countries) != 2:
                    return []  # whose two governments the text does not say
                words = _SUBJECT_PARTICLE.sub("", governments.group())  # "양국은" is 양국
                signatories = [Mention(words, 0, 0, None, c, unnamed=True) for c in countries]
        if joined:
            taken = {m.key for m in signatories}
            signatories += [m for m in named if m.key not in taken]
        mentions = [*signatories, *(m for m in mentions if m.role != "signatory")]
        leaning = before
    if leaning is not None:
        # cited first, so that a reviewer sees where the parties come from; at most middle
        # confidence, the parties being inferred
        chain = [*leaning["evidence"], *evidence]
        evidence = list({(e["source"], e["start"]): e for e in chain}.values())
        committed = True
    confidence = STATED if status else BACKGROUND
    through_officials = any(m.introduced not in (None, sentence) for m in signatories)
    if status and (committed or through_officials or any(m.agency is None for m in signatories)):
        confidence = NEW_PARTY  # a party new, or inferred from another sentence
    if confidence_cap is not None:
        confidence = min(confidence, confidence_cap)
    future = status in ("planned", "proposed") and not decided(text, lex)
    stated = _stated(sentence, article, lex, gazetteer, kind, status, future, venue, mentions)
    if (
        stated["date"] is None
        and leaning is not None
        and leaning.get("date")
        and "ended" not in (leaning.get("status"), status)  # (another agreement's day)
        and not (status in ("signed", "active") and after(leaning["date"], article.published))
    ):
        # said at the meeting before ("조 차관은 … 22일 면담을 통해 …" then "양측은 …"): its day
        stated["date"], stated["date_inferred"] = leaning["date"], True
    return [
        {
            **stated,
            "parties": [_party(m, m.role) for m in group if m.role != "venue"],
            "evidence": evidence,
            "confidence": confidence,
            _INTENT: unnamed_term and kind == COOPERATION and status == "planned",
        }
        for group in _each(text[:reach], lex, mentions)
    ]


def _by_clause(
    sentence: Sentence,
    read: Callable[..., list[dict[str, Any]]],
    terms: list[tuple[re.Pattern[str], str]],
    lex: Lexicon,
    gazetteer: Gazetteer,
    officials: Officials | None,
    source_id: str,
) -> list[dict[str, Any]]:
    """The agreements of a sentence whose clauses each name one
    (:mod:`coopgraph.ingest.clauses`), clause by clause: a later clause shares the first
    clause's parties it does not name, and then its day when it gives none; each cites the whole
    sentence. A first clause may state nothing ("The national laboratories of … signed …,
    and NIST and PTB renewed …"); a later one stating nothing (or naming an agreement only
    in passing, without a status) makes the sentence read whole. None when the sentence is
    one clause. ``read`` is :func:`_agreement` with all but the sentence and ``shared`` given."""
    parts = clauses(sentence, lex, terms)
    if not parts:
        return []
    first = [m for m in _mentions(parts[0].text, lex, gazetteer, officials)
             if m.role == "signatory"]  # fmt: skip
    found: list[dict[str, Any]] = []
    for number, part in enumerate(parts):
        shared = (_parties_of(found[0]) if found else first) if number else None
        if shared and lex.morphemic and not _has_subject(parts[0].text, shared, lex):
            # "KATS과 NIST 간 MOU를 체결하고, … 작업반도 출범시킨다": the first clause's
            # parties are no subject the next clause goes on with; only a partner it names
            # joins them
            shared = [m for m in shared if m.key in {k.key for k in first}][:1] or None
        stated = read(part, shared=shared)
        if number:  # a later clause naming an agreement in passing states none
            stated = [r for r in stated if r["status"] is not None]
        if not stated and found:
            # "… 간 MOU를 체결하고, … 작업반도 출범시킨다": a clause after one that stated an
            # agreement states none of its own; the sentence is read whole
            return []
        own = len({m.key for m in _mentions(part.text, lex, gazetteer, officials)
                   if m.role == "signatory"}) >= 2  # fmt: skip
        for record in stated:
            if record["date"] is None and found and found[0]["date"] and not own:
                # "東北大学は11日、…を更新し、…とは…覚書を締結した": the subject's day
                record["date"], record["date_inferred"] = found[0]["date"], True
            record["evidence"] = [
                _evidence(sentence, source_id) if e["start"] == part.start else e
                for e in record["evidence"]
            ]
        found.extend(stated)
    if lex.morphemic:
        # "…협약을 체결하고, 11일에는 … 업무협약을 맺었다": the verbs of the clauses share the
        # past of the last; a clause signing without a status of its own was signed too (not
        # a committee held: "合同委員会を開き、…始めることで合意した" plans the programme only)
        for record, following in itertools.pairwise(found):
            if (
                record["status"] is None
                and following["status"] == "signed"
                and record["type"] != "dialogue"
            ):
                record["status"] = following["status"]
                record["confidence"] = max(record["confidence"], following["confidence"])
    return found


def _joint(text: str, term: re.Match[str], lex: Lexicon) -> bool:
    """Whether the agreement word is said to be joint ("gemeinsame …programm"), by a word
    of the lexicon's ``joint_words`` in it or just before it."""
    if not lex.joint_words:
        return False
    words = lex.term_pattern(lex.joint_words)
    return words.search(text, max(0, term.start() - 12), term.end()) is not None


def _has_subject(text: str, parties: list[Mention], lex: Lexicon) -> bool:
    """Whether a Korean or Japanese clause has a subject among ``parties``, or the words
    for both of them: a name or such words before a subject particle ("표준연은", "日英両政府
    は", "양 부처가")."""
    words = [m.name for m in parties] + [*lex.both_parties, *lex.both_countries]
    names = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    subject = rf"(?:{names})\s?(?:[(（][^)）]*[)）])?(?:은|는|이|가|は|が)"
    return re.search(subject, text) is not None


def _rested_on(
    text: str, terms: list[tuple[re.Pattern[str], str]], lex: Lexicon
) -> tuple[str, re.Match[str]] | None:
    """The agreement word right after words saying that something rests on it ("implements
    a 2018 memorandum of understanding", "Grundlage ist das 1974 geschlossene Abkommen"):
    the agreement the sentence tells of, whatever it named before."""
    cues = [m for cue in lex.rests_on for m in cue.finditer(text)]
    if not cues:
        return None
    found = sorted(_terms_in(text, terms, None), key=lambda f: (f[1].start(), -len(f[1].group())))
    for match in cues:
        for kind, term in found:
            gap = text[match.end() : term.start()]
            if term.start() >= match.end() and _FEW_WORDS.fullmatch(gap):
                return _bracketed_kind(text, terms, kind, term)
    return None


#: At most four words: what may stand between "implements" and its agreement ("a 2018").
_FEW_WORDS = re.compile(r"\s*(?:[\w-]+\s+){0,4}")


#: The particle that makes a word the subject ("양국은", "両国は"), no part of its name.
_SUBJECT_PARTICLE = re.compile(r"(?<=\w\w)(?:은|는|이|가|は|が)$")


def _standing_dialogue_word(text: str, lex: Lexicon) -> tuple[str, re.Match[str]] | None:
    """A dialogue the sentence makes standing ("국장급 정책대화를 신설해 매년 정례적으로",
    "einen ständigen Dialog einzurichten", "a standing dialogue"): an agreement of type
    dialogue, where a dialogue word alone names a meeting (an event)."""
    if not lex.dialogues or not lex.standing:
        return None
    if lex.term_pattern(lex.standing).search(text) is None:
        return None
    word = lex.term_pattern(lex.dialogues).search(text)
    return None if word is None else (DIALOGUE, word)


def _says_parties(text: str, lex: Lexicon) -> bool:
    """Whether ``text`` stands words for parties told before ("beide Institute", "the
    three partners", "両機関")."""
    listed = [lex.both_parties, lex.all_parties]
    return any(lex.term_pattern(words).search(text) for words in listed if words) or any(
        p.search(text) for p in lex.counted_parties
    )


def _named_in(
    sentence: Sentence,
    lex: Lexicon,
    gazetteer: Gazetteer,
    officials: Officials | None,
    source_id: str,
) -> dict[str, Any] | None:
    """The organisations ``sentence`` names taking part (two or more), held as a statement
    holds its parties, citing it; None when it names fewer."""
    named = [m for m in _mentions(sentence.text, lex, gazetteer, officials)
             if m.role == "signatory" and not m.unnamed]  # fmt: skip
    if len({m.key for m in named}) < 2:
        return None
    return {
        "parties": [_party(m, m.role) for m in named],
        "evidence": [_evidence(sentence, source_id)],
        "date": None,
        "status": None,
    }


def _count(words: str, lex: Lexicon) -> int | None:
    """How many parties words for all of them say there are ("4者", "네 기관", "the four
    partners": the lexicon's `numbers`), if they say."""
    if (digits := re.search(r"\d+", words)) is not None:
        return int(digits.group())
    return next((n for w, n in lex.numbers.items() if w in words.casefold().split() or
                 (not w.isascii() and words.startswith(w))), None)  # fmt: skip


def _provides(
    text: str, scope: re.Pattern[str], terms: list[tuple[re.Pattern[str], str]], lex: Lexicon
) -> bool:
    """Whether ``text`` tells what an agreement provides ("협정에 따라 두 기관은 …"), not
    that it was signed: "양국 정부가 체결한 … 협정에 따라 열리는" states the signing."""
    match = scope.search(text)
    if match is None:
        return False
    if not lex.morphemic:
        return True
    term = _first_term(match.group(), terms, lex)
    if term is None:
        return True
    return not signed_before(text, match.start() + term[1].start(), lex)


def _pair_governments(text: str, lex: Lexicon) -> list[Mention]:
    """The governments of the two countries a sentence joins ("한-독", "日独", "U.S.-Japan")
    when it speaks of both governments ("양국 정부", "両国政府", "beide Regierungen")."""
    if not lex.both_countries:
        return []
    words = lex.term_pattern(lex.both_countries).search(text)
    if words is None:
        return []
    of = words.group().endswith(" of")
    named = next(
        (r for r in country_runs(text, lex)
         if of and re.fullmatch(r"\s+(?:the\s+)?", text[words.end() : r.start])),
        None,
    )  # fmt: skip
    if named is not None and len(named.codes) >= 2:
        # "the governments of Canada and Japan", "… of the United Kingdom, Canada and Japan"
        name = text[words.start() : named.end]
        return [Mention(name, words.start(), named.end, None, c, unnamed=True) for c in named.codes]
    runs = [r for r in country_runs(text, lex) if len(r.codes) == 2]
    if len({r.codes for r in runs}) != 1:
        return []  # no two countries, or two pairs: whose governments is not said
    name = _SUBJECT_PARTICLE.sub("", words.group())  # "양국 정부가" is 양국 정부
    return [Mention(name, words.start(), words.end(), None, c, unnamed=True) for c in runs[0].codes]


def _party(mention: Mention, role: str) -> dict[str, Any]:
    """A mention as the candidates file writes a party."""
    return {"name": mention.name, "agency": mention.agency, "country": mention.country,
            "role": role, "unnamed": mention.unnamed}  # fmt: skip


def _named_before(word: str, before: dict[str, Any]) -> bool:
    """Whether the statement before named its agreement with ``word`` too ("협정" of
    "연구협력협정을 … 체결했다"): then "the two … 협정" refers back to it."""
    return any(word.casefold() in e["quote"].casefold() for e in before["evidence"][-1:])


def _as_means(text: str, term: re.Match[str], lex: Lexicon) -> bool:
    """Whether the agreement word names a means of cooperation ("이행약정 등을 통해 확장될
    전망"), not an agreement the sentence states."""
    return any(p.match(text, term.end()) for p in lex.means)


def _funded(text: str, lex: Lexicon) -> bool:
    """Whether the sentence states a sum of money ("1000만달러", "$10 million")."""
    return any(p.search(text) for p in lex.money)


def _between_term(
    text: str, lex: Lexicon, gazetteer: Gazetteer, officials: Officials | None
) -> tuple[str, re.Match[str]] | None:
    """ "A와 B 간에", "between A and B": a relation between two parties, read as cooperation
    when nothing else is named; a sentence naming an event is left to the event."""
    if _names_event(text, lex):
        return None
    mentions = _mentions(text, lex, gazetteer, officials)
    mentions += _described(text, lex, mentions)
    for mention in sorted(mentions, key=lambda m: m.start):
        for cue in lex.between.get("after", []):
            if (match := cue.match(text, mention.end)) is not None:
                return COOPERATION, match
        for cue in lex.between.get("before", []):
            if (match := cue.search(text[: mention.start])) is not None:
                return COOPERATION, match
    return None


def _names_event(text: str, lex: Lexicon) -> bool:
    return _first_term(text, _typed_terms(lex, lex.event_types)) is not None


def _described(text: str, lex: Lexicon, named: list[Mention]) -> list[Mention]:
    """The parties ``text`` describes without naming them (:mod:`coopgraph.ingest.unnamed`),
    save a country already standing through a named party of it; a description without a
    country only as one of a group ("한미 정부와 제약기업")."""
    countries = {m.country for m in named if m.role == "signatory" and m.country}
    found: list[Mention] = []
    for party in described_parties(text, lex, [(m.start, m.end) for m in named]):
        if party.country in countries:
            continue
        if party.country is None:
            joined = lex.term_pattern(lex.conjunctions) if lex.conjunctions else None
            last = found[-1] if found else None
            between = text[last.end : party.start].strip() if last else None
            if last is None or joined is None or (between and not joined.fullmatch(between)):
                continue
        mention = Mention(party.name, party.start, party.end, None, party.country, unnamed=True)
        if party.country is None or all(m.country != party.country for m in found):
            found.append(mention)  # "영국과의 … 영국과": one party
    return found


def _each(text: str, lex: Lexicon, mentions: list[Mention]) -> list[list[Mention]]:
    """The parties of each agreement the sentence states: one group, or, when "each" stands
    between the subjects and their one partner ("표준연과 AIST는 각각 NIST와"), a group per
    subject."""
    signatories = [m for m in mentions if m.role == "signatory"]
    others = [m for m in mentions if m.role != "signatory"]
    cue = lex.term_pattern(lex.each).search(text) if lex.each else None
    if cue is not None and len(signatories) >= 3:
        subjects = [m for m in signatories if m.end <= cue.start()]
        partners = [m for m in signatories if m.start >= cue.end()]
        if len(subjects) >= 2 and partners:
            return [[subject, *partners, *others] for subject in subjects]
    return [mentions]


def _included(
    sentence: Sentence,
    lex: Lexicon,
    gazetteer: Gazetteer,
    officials: Officials | None,
    before: dict[str, Any],
    source_id: str,
) -> bool:
    """ "협업 대상에는 C와 D도 포함된다", "It will also include C": the organisations named
    join the agreement of the sentence before as further parties (participants), and the
    sentence is cited for them."""
    if not any(p.search(sentence.text) for p in lex.includes):
        return False
    terms = _typed_terms(lex, lex.agreement_types)
    if _first_term(sentence.text, terms, lex) is not None:
        return False  # "両大学は…作業部会を設置し、トヨタ自動車も参加する": one of its own
    known = {p.key for p in _parties_of(before)}
    joining = [m for m in _mentions(sentence.text, lex, gazetteer, officials)
               if m.role == "signatory" and m.key not in known]  # fmt: skip
    if not joining:
        return False
    before["parties"].extend(_party(m, "participant") for m in joining)
    before["evidence"].append(_evidence(sentence, source_id))
    return True


def _standing_dialogue(
    sentence: Sentence,
    article: Article,
    lex: Lexicon,
    gazetteer: Gazetteer,
    source_id: str,
    officials: Officials | None,
) -> dict[str, Any] | None:
    """A standing dialogue and the two or more who chair or lead it ("조태용 국가안보실장과
    … 설리번 … 국가안보보좌관이 … 공동으로 주재한 기술대화", "the dialogue, co-chaired by
    A and B"): a `dialogue` between them, active (it meets, or works through it). Those who
    attend are named elsewhere in the sentence and are not its parties."""
    text = sentence.text
    if not lex.dialogues or lex.term_pattern(lex.dialogues).search(text) is None:
        return None
    names: list[tuple[int, int]] | None = None  # the organisations named, when a cue is
    for side, cues in lex.chairs.items():
        for cue in cues:
            for match in cue.finditer(text):
                if names is None:
                    names = [(m.start, m.end) for m in _mentions(text, lex, gazetteer, officials)]
                span = _chairs_span(text, match, side, names)
                chairs = [
                    m for m in _mentions(text[span[0] : span[1]], lex, gazetteer, officials)
                    if m.role == "signatory"
                ]  # fmt: skip
                if len({m.key for m in chairs}) < 2:
                    continue
                stated = _stated(sentence, article, lex, gazetteer, "dialogue", "active", False,
                                 None, chairs)  # fmt: skip
                stated["date"], stated["date_inferred"] = None, False  # a round's, not its own
                parties = [_party(m, "signatory") for m in chairs]
                return {
                    **stated,
                    "parties": parties,
                    "evidence": _evidence_with_introductions(sentence, chairs, source_id),
                    "confidence": NEW_PARTY,  # read from who chairs it, not from a signing
                }
    return None


def _paired(
    sentence: Sentence,
    article: Article,
    lex: Lexicon,
    gazetteer: Gazetteer,
    source_id: str,
    told: list[dict[str, Any]],
    officials: Officials | None = None,
) -> list[dict[str, Any]]:
    """The intergovernmental dialogues and agreements the sentence names by the countries
    they join ("on the sidelines of the Korea–Netherlands semiconductor dialogue", "anlässlich
    der Deutsch-Koreanischen Gemischten Kommission"), of those countries' governments; each
    a record of its own beside what the sentence states, unless a record ``told`` of it
    already has its type. Not where the sentence names an organisation: those it names hold
    it ("文部科学省と韓国の科学技術情報通信部は…「日韓先端科学技術対話」を開き", where the
    ministry in Seoul may be one the data does not know), and a record of theirs is the
    one to keep; nor in the headline, which restates the lead. A dialogue
    so named goes on (active) unless the sentence proposes, plans or ends it; an agreement
    so named has the status the sentence gives it, or is in force in passing."""
    text = sentence.text
    if sentence.start == 0 and text == (article.title or "").strip():
        return []
    if any(p.search(text) for p in [*lex.denial, *lex.negation]):
        return []
    instruments = paired_instruments(text, lex)
    if not instruments:
        return []
    named = {m.key for m in _mentions(text, lex, gazetteer, officials) if m.role == "signatory"}
    if named:
        return []
    found: list[dict[str, Any]] = []
    for paired in instruments:
        if any(record["type"] == paired.kind for record in [*told, *found]):
            continue
        term = _SPAN.match(text, paired.start, paired.end)
        assert term is not None  # the span itself
        status, _ = status_near(text, term, lex, lex.status)
        if status == "negotiating":
            status = "proposed"
        if status in ("possible", "talks"):
            continue  # "… could launch a joint committee": nothing there yet
        if paired.kind == "dialogue" and status not in ("proposed", "planned", "ended"):
            status = None  # it meets, or was launched: it goes on
        if status is None and lex.morphemic and signed_before(text, term.start(), lex):
            status = "signed"
        confidence = NEW_PARTY if status else BACKGROUND
        governments = [
            Mention(paired.countries, paired.start, paired.start + len(paired.countries), None,
                    code, unnamed=True)
            for code in paired.codes
        ]  # fmt: skip
        future = status in ("planned", "proposed")
        stated = _stated(sentence, article, lex, gazetteer, paired.kind, status or "active",
                         future, None, governments)  # fmt: skip
        found.append(
            {
                **stated,
                "parties": [_party(m, "signatory") for m in governments],
                "evidence": [_evidence(sentence, source_id)],
                "confidence": confidence,
                _INTENT: False,
                _PAIRED: True,
            }
        )
    return found


#: Any text: matched between two offsets, a span as a match, for what reads one.
_SPAN = re.compile(r".+", re.DOTALL)


def _chairs_span(
    text: str, cue: re.Match[str], side: str, names: list[tuple[int, int]]
) -> tuple[int, int]:
    """Where the chairs a cue names are: from the clause's start to the cue when the cue
    follows them (``after``: "A와 B가 … 주재한"), else from the cue to the clause's end; a
    comma inside one of the ``names`` ends no clause ("co-chaired by Canada's Department of
    Innovation, Science and Economic Development and …")."""
    commas = [i for i, c in enumerate(text) if c in ",，、;"
              and not any(s <= i < e for s, e in names)]  # fmt: skip
    if side == "after":
        return max((i for i in commas if i < cue.start()), default=-1) + 1, cue.start()
    return cue.end(), min((i for i in commas if i >= cue.end()), default=len(text))


def _sides(
    text: str, lex: Lexicon, before: dict[str, Any] | None, named: list[Mention]
) -> list[Mention]:
    """ "미국 측", "the American side", "米国側", "die amerikanische Seite": the party of the
    statement before from that country, when it had exactly one (and it is not named here)."""
    if before is None or not lex.sides:
        return []
    parties = _parties_of(before)
    found: list[Mention] = []
    for code, pattern in _side_patterns(lex.language):
        for match in pattern.finditer(text):
            theirs = [p for p in parties if p.country == code]
            taken = {m.key for m in [*named, *found]}
            if len(theirs) == 1 and theirs[0].key not in taken:
                party = theirs[0]
                found.append(Mention(party.name, match.start(), match.end(), party.agency,
                                     party.country))  # fmt: skip
    return found


@functools.cache
def _side_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each country's side as the lexicon's ``sides`` write it ("미국 측"), compiled once:
    sixty countries by a template or two would crowd out Python's own pattern cache."""
    lex = lexicon(language)
    found = []
    for code, words in lex.countries.items():
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for template in lex.sides:
            found.append((code, re.compile(template.replace("{country}", f"(?:{alternatives})"))))
    return tuple(found)


def _of_kind(
    words: str, history: list[dict[str, Any]], lex: Lexicon
) -> tuple[dict[str, Any], list[Mention]] | None:
    """The last statement with two parties of the kind words for two of them name ("両大学":
    universities), and those two; None when the words name no kind or no statement has
    two such parties (two told apart are not "the two universities")."""
    noun = next((n for w, n in lex.both_kinds.items() if words.casefold() == w.casefold()), None)
    if noun is None:
        return None
    for statement in reversed(history):
        # (named ones: "양국 정부" ends in 부 as ministries do, and is none)
        kind = [p for p in _parties_of(statement)
                if not p.unnamed and has_word(p.name, noun, lex.language)]  # fmt: skip
        if len({p.key for p in kind}) >= 2:
            return statement, kind[:2]
    return None


def _parties_of(statement: dict[str, Any]) -> list[Mention]:
    """The signing parties of an earlier agreement, or the participants of an earlier event."""
    people = statement.get("parties") or statement.get("participants") or []
    return [
        Mention(p["name"], 0, 0, p["agency"], p["country"], unnamed=p.get("unnamed", False))
        for p in people
        if p["role"] in ("signatory", "participant")
    ]


def _event(
    sentence: Sentence,
    article: Article,
    lex: Lexicon,
    gazetteer: Gazetteer,
    terms: list[tuple[re.Pattern[str], str]],
    source_id: str,
    officials: Officials | None = None,
) -> dict[str, Any] | None:
    named = _first_term(sentence.text, terms)
    if named is None:
        return None
    kind, term = named
    status, _ = status_near(sentence.text, term, lex, lex.event_status)
    if status is None:
        return None
    mentions = [m for m in _mentions(sentence.text, lex, gazetteer, officials) if m.agency]
    if not mentions:
        return None
    venue = next((m for m in mentions if m.role == "venue"), None)
    future = status == "planned"
    return {
        **_stated(sentence, article, lex, gazetteer, kind, status, future, venue, mentions),
        "participants": [
            _party(m, "participant" if m.role == "signatory" else m.role)
            for m in mentions
            if m.role not in ("venue", "source")  # who the report cites did not take part
        ],
        "evidence": _evidence_with_introductions(
            sentence, [m for m in mentions if m.role == "signatory"], source_id
        ),
        "confidence": STATED,
    }


def _stated(
    sentence: Sentence,
    article: Article,
    lex: Lexicon,
    gazetteer: Gazetteer,
    kind: str,
    status: str | None,
    future: bool,
    venue: Mention | None,
    mentions: list[Mention],
) -> dict[str, Any]:
    """What an agreement and an event candidate both state: type, status, date, place, fields."""
    found = find_date(sentence.text, lex, article.published, future=future)
    if status == "ended":
        found = _end_date(sentence.text, lex, article.published)
    if (
        status in ("signed", "active")
        and found is not None
        and after(found.value, article.published)
    ):
        found = None  # "bis 2030 unterzeichnet": a horizon, not the day it was signed
    return {
        "decision": "review",
        "type": kind,
        "status": status,
        "date": found.value if found else None,
        "date_inferred": bool(found and found.inferred),
        "place": _place(_masked(sentence.text, mentions), lex, venue, gazetteer),
        "fields": _fields(_masked(sentence.text, mentions), lex, gazetteer.index),
    }


def _end_date(text: str, lex: Lexicon, published: dt.date | None) -> Found | None:
    """The day an agreement ended: the date nearest the word that says it ended ("signed in
    2014, expired in 2020, to be replaced in 2026": 2020; "2019년 종료됐는데, 2013년에 처음
    체결"), never a day it was signed ("eine 2022 geschlossene Absichtserklärung")."""
    dates = [
        d for d in find_dates(text, lex, published, future=False)
        if not any(p.search(text[: d.start]) for p in lex.signing_date.get("before", []))
        and not any(p.match(text[d.end :]) for p in lex.signing_date.get("after", []))
    ]  # fmt: skip
    if not dates:
        return None
    _, marker_end = status_near(text, _START.match(text), lex, {"ended": lex.status["ended"]})
    if lex.morphemic and marker_end is not None:
        # the verb closes its clause: the date before it, nearest
        return min(dates, key=lambda d: (d.end > marker_end, abs(marker_end - d.end)))
    marker = min((m.start() for p in lex.status["ended"] if (m := p.search(text))), default=None)
    if marker is None:
        return dates[-1]
    return min(dates, key=lambda d: min(abs(d.start - marker), abs(d.end - marker)))


#: The start of a sentence, as a match: where a search for a status marker begins.
_START = re.compile("")


def _evidence(sentence: Sentence, source_id: str) -> dict[str, Any]:
    return {"quote": sentence.text, "start": sentence.start, "end": sentence.end,
            "source": source_id}  # fmt: skip


def _evidence_with_introductions(
    sentence: Sentence, parties: list[Mention], source_id: str
) -> list[dict[str, Any]]:
    """The sentence, after the earlier sentences that said whose officials its parties
    are ("조성경 과학기술정보통신부 제1차관 …" before "조 차관은 …"), so that a reviewer
    sees where each party comes from."""
    earlier = {m.introduced.start: m.introduced for m in parties
               if m.introduced is not None and m.introduced.start < sentence.start}  # fmt: skip
    return [*(_evidence(earlier[s], source_id) for s in sorted(earlier)),
            _evidence(sentence, source_id)]  # fmt: skip


def _mentions(
    text: str, lex: Lexicon, gazetteer: Gazetteer, officials: Officials | None = None
) -> list[Mention]:
    """Known agencies and other organisations named in ``text``, one per organisation,
    each with its role (signatory, witness, funder, source or venue) and country; with
    ``officials``, the people the article introduced stand for their organisations."""
    known = gazetteer.find(text)
    taken = [(m.start, m.end) for m in known]
    references = [] if officials is None else officials.find(text)
    if officials is not None:  # "the university", "협회는": a party told before
        spans = taken + [(r.start, r.end) for r in references]
        references += [r for r in officials.generic(text)
                       if not any(s < r.end and r.start < e for s, e in spans)]  # fmt: skip
    unknown = [
        Mention(found.name, found.start, found.end, country=found.country)
        for found in new_organisations(text, lex)
        if not any(s < found.end and found.start < e for s, e in taken)
    ]
    unknown = _with_proper_names(text, lex, unknown, taken + [(r.start, r.end) for r in references])
    unknown = [_without_country_dot(m, lex) for m in unknown]
    # "양자컴퓨팅과 AI 융합연구": a field, no organisation; nor "양해각서는", an agreement
    unknown = [
        m for m in unknown
        if m.name not in _field_words(lex.language) and not _names_an_agreement(m.name, lex)
    ]  # fmt: skip
    # "韓国標準科学研究院（KRISS）", "Physikalisch-Technische Bundesanstalt (PTB)": a name
    # followed by a known agency's acronym in brackets is that agency
    starts = {m.start for m in known}
    unknown = [
        m for m in unknown
        if not any(text[m.end : m.end + 2].lstrip().startswith(("(", "（")) and s - m.end <= 2
                   for s in starts if s > m.end)
    ]  # fmt: skip
    for mention in unknown:  # "National Science Foundation" is a part of NSF's name
        if _told_before(mention, officials):  # "名大", "전남도", "Fraunhofer ILT"
            continue
        if (agency := gazetteer.part_of_a_name(_without_country(mention.name, lex))) and (
            _country_word(mention.name, lex) in (None, gazetteer.index.agencies[agency].country)
        ):
            # ("US Department of Energy": the country's word before a name the data knows;
            # the Swiss National Science Foundation is not the US one)
            mention.agency, mention.country = agency, gazetteer.index.agencies[agency].country
        elif is_group(mention.name, lex) and not _ACRONYM_AFTER.match(text, mention.end):
            # "미 국립연구소": a kind of organisation, unnamed ("스웨덴 국립연구소(RISE)" is one)
            mention.unnamed = True
    # a word a name was called by, inside a longer name, is that name's ("Dresden" of
    # "Landeshauptstadt Dresden")
    references = [
        r for r in references
        if not (r.official.word
                and any(m.start <= r.start and r.end <= m.end and m.name != r.official.name
                        for m in known + unknown))
    ]  # fmt: skip
    people = _officials_named(references, known + unknown)
    # names listed with one found ("ETH Zurich and the National University of Singapore"),
    # none an official or a short name the article introduced ("Becker", "KAIST")
    spans = [(m.start, m.end) for m in known + unknown] + [(r.start, r.end) for r in references]
    for found in conjoined(text, lex, spans):
        listed = Mention(found.name, found.start, found.end, country=found.country)
        _told_before(listed, officials)  # "zwischen dem Fraunhofer IPMS und der TU Delft"
        unknown.append(listed)
    everyone = sorted(known + unknown + people, key=lambda m: m.start)
    cued: dict[int, str] = {}  # mention's start -> the side its role cue stood on
    for mention in everyone:
        mention.role, side = _role(text, mention, lex, everyone)
        if side:
            cued[mention.start] = side
        if mention.agency is None and mention.introduced is None and mention.country is None:
            mention.country = _country_before(text, mention, lex)
    _share_roles(text, everyone, cued, lex)
    for first, second in itertools.pairwise(everyone):
        # "funded by UK Research and Innovation (UKRI)": the bracket names the same
        # organisation in the same role
        if first.key == second.key and text[first.end : second.start].strip() in ("(", "（"):
            second.role = first.role
    everyone = _without_parents(text, _with_branches(text, everyone, lex), gazetteer)
    mentions: dict[str, Mention] = {}
    for mention in everyone:  # one per organisation; signing anywhere makes it a signatory
        key = mention.key
        if key not in mentions or mention.role == "signatory":
            kept = mentions.get(key)
            mentions[key] = mention if kept is None else replace(kept, role=mention.role)
    return sorted(mentions.values(), key=lambda m: m.start)


def _without_country_dot(mention: Mention, lex: Lexicon) -> Mention:
    """A Japanese name less the country's word joined to it by a middle dot ("ドイツ・ミュンヘン
    市" is ミュンヘン市, in Germany)."""
    country, dot, rest = mention.name.partition("・")
    if lex.language != "ja" or not dot or len(rest) < 2:
        return mention
    code = next((c for c, words in lex.countries.items() if country in words), None)
    if code is None:
        return mention
    return replace(mention, name=rest, start=mention.start + len(country) + 1, country=code)


def _told_before(mention: Mention, officials: Officials | None) -> bool:
    """Make ``mention`` the party told before that its name shortens ("名大", "전남도",
    "TU Delft"), if there is one; whether there was."""
    whole = officials.abbreviated(mention.name) if officials is not None else None
    if whole is None:
        return False
    mention.name, mention.agency, mention.country = whole.organisation, whole.agency, whole.country
    mention.introduced = whole.introduced
    return True


#: An acronym in brackets after a name: "(RISE)".
_ACRONYM_AFTER = re.compile(r"\s?" + ACRONYM_IN_BRACKETS)


def _without_country(name: str, lex: Lexicon) -> str:
    """A name less a country's word before it ("US Department of Energy"), if it has one."""
    rest = name.partition(" ")[2]
    return rest if rest and _country_word(name, lex) else name


def _country_word(name: str, lex: Lexicon) -> str | None:
    """The country whose word begins ``name`` ("Swiss National …": CH), if one does."""
    first, _, rest = name.partition(" ")
    if not rest:
        return None
    return next((code for code, words in lex.countries.items() if first in words), None)


@functools.cache
def _field_words(language: str) -> frozenset[str]:
    """The lexicon's words for technology fields, none an organisation's name."""
    return frozenset(word for words in lexicon(language).fields.values() for word in words)


def _names_an_agreement(name: str, lex: Lexicon) -> bool:
    """Whether a name found is an agreement's or a committee's, not an organisation's
    ("과학기술공동위원회", "양해각서")."""
    return any(
        (match := pattern.search(name)) is not None and match.end() == len(name)
        for pattern, _ in _typed_terms(lex, lex.agreement_types)
    )


def _with_proper_names(
    text: str, lex: Lexicon, unknown: list[Mention], fixed: list[tuple[int, int]]
) -> list[Mention]:
    """``unknown`` with the Korean and Japanese names the tokeniser tags as proper nouns
    ("포스텍은", "富士通、"), over the shorter names found inside them ("研究センター" of
    "国立がん研究センター") and over what a name is said to be just before it ("벨기에
    종합반도체연구소 아이멕(imec)": one organisation); none where ``fixed`` (known agencies,
    references) stands."""
    for name in proper_names(text, lex, fixed):
        inside = [m for m in unknown if name.start <= m.start and m.end <= name.end]
        if any(m.start < name.end and name.start < m.end for m in unknown if m not in inside):
            continue
        inside += [m for m in unknown if m.agency is None and text[m.end : name.start] == " "]
        unknown = [m for m in unknown if m not in inside]
        # ("ベルギーの研究機関imec": the country the shorter reading had placed it in)
        country = name.country or next((m.country for m in inside if m.country), None)
        unknown.append(Mention(name.name, name.start, name.end, country=country))
    return unknown


#: What stands between a parent and its part named together: "産総研の計量標準総合センター",
#: "AIST's NMIJ" (parent first); "Institute of Microelectronics (IME) of A*STAR" (part first).
_PARENT_FIRST = re.compile(r"\s*(?:[(（][^)）]{1,30}[)）])?\s*(?:の|의|'s|’s)?\s*")
_PART_FIRST = re.compile(r"\s*(?:[(（][^)）]{1,12}[)）])?\s*(?:of|von|der|des)\s+(?:the\s+)?")


def _with_branches(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """In Korean and Japanese, an organisation's Latin short name right before the name of
    one of its branches ("KIST 유럽연구소", "KIST 전북분원") names that branch, one party:
    the two mentions are one, by the name as written."""
    if not lex.morphemic:
        return mentions
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        if (
            last is not None
            and text[last.start : last.end].isascii()
            and not text[mention.start : mention.end].isascii()
            and text[last.end : mention.start] == " "
            and mention.agency is None
            and not mention.unnamed
        ):
            name = text[last.start : mention.end]
            merged[-1] = replace(mention, name=name, start=last.start, country=last.country)
            continue
        merged.append(mention)
    return merged


def _without_parents(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions less a parent agency named only to place its part ("産総研の計量標準総合
    センター(NMIJ)" is NMIJ, which the data knows as part of AIST): the part is the party."""
    agencies = gazetteer.index.agencies
    parents = set()
    for part in mentions:
        if part.agency is None or part.agency not in agencies:
            continue
        owners = {p.agency for p in agencies[part.agency].part_of}
        for parent in mentions:
            if parent.agency not in owners:
                continue
            if parent.end <= part.start:
                placed = _PARENT_FIRST.fullmatch(text[parent.end : part.start]) is not None
            else:
                placed = _PART_FIRST.fullmatch(text[part.end : parent.start]) is not None
            if placed:  # and its other names before the part ("(以下「産総研」…)")
                parents.update(id(m) for m in mentions
                               if m.agency == parent.agency and m.end <= part.start)  # fmt: skip
    for parent, part in itertools.permutations(mentions, 2):
        # "A*STAR's National Metrology Centre", "Cardiff University's Institute for …",
        # "the National Metrology Institute of Japan (NMIJ), AIST's measurement-standards
        # arm", "SIMTech, a research institute of A*STAR": whoever owns the party is none
        if parent.unnamed or part.unnamed or parent.key == part.key:
            continue
        owned_after = parent.end <= part.start and _OWNER_BEFORE.fullmatch(
            text[parent.end : part.start]
        )
        owned_before = part.end <= parent.start and (
            _OWNER_AFTER.fullmatch(text[part.end : parent.start])
            # "the National Metrology Institute of Japan (NMIJ), AIST's measurement-standards
            # arm": the owner's possessive and the part's kind after the owner
            or (_COMMA_BETWEEN.fullmatch(text[part.end : parent.start])
                and _OWNS_AFTER.match(text, parent.end))
        )  # fmt: skip
        if owned_after or owned_before:
            parents.add(id(parent))
    # and the owner's acronym in brackets after it ("… Technology (AIST)")
    parents.update(id(m) for p, m in itertools.pairwise(mentions)
                   if id(p) in parents and m.key == p.key
                   and text[p.end : m.start].strip() in ("(", "（"))  # fmt: skip
    return [m for m in mentions if id(m) not in parents]


#: Between an owner and what it owns: "A*STAR's National …" (in Korean and Japanese the
#: lexicon's `parent` cue says it: "DOE 산하", "…協会に属する").
_OWNER_BEFORE = re.compile(r"['’]s\s+")
#: Between a party and its owner after it: ", a research institute of", ", part of".
_OWNER_AFTER = re.compile(
    r"\s*(?:[(（][^)）]{1,20}[)）]|[)）])?,\s+(?:(?:a|an|the)\s+[\w\s-]{0,40}?\s+(?:of|at|under)|"
    r"(?:which|that)\s+(?:is|was)\s+(?:a\s+)?part\s+of|"
    r"part of|(?:a\s+)?member of)\s+(?:the\s+)?(?:[A-Z][\w.]*['’]s\s+)?"  # ("part of Japan's")
)
#: Between a party and an owner's possessive after it: ", " ("NMIJ, AIST's arm").
_COMMA_BETWEEN = re.compile(r"\s*(?:[(（][^)）]{1,20}[)）])?,\s+(?:the\s+)?")
#: After an owner, what it owns: "'s measurement-standards arm" (and "of Canada's …", where
#: the owner's name was read without its country).
_OWNS_AFTER = re.compile(
    r"(?:\s+of\s+[A-Z][\w.]*)?['’]s\s+(?:[\w-]+\s+){0,3}?"
    r"(?:arm|unit|division|subsidiary|branch|affiliate|institute"
    r"|laborator(?:y|ies)|lab|cent(?:re|er)|agency)\b"
)


def _officials_named(references: list[Reference], organisations: list[Mention]) -> list[Mention]:
    """The officials (and short names) a text names outside the organisations' names, each
    as a mention of the organisation they speak for."""
    return [
        Mention(ref.official.organisation, ref.start, ref.end, ref.official.agency,
                ref.official.country, introduced=ref.official.introduced)
        for ref in references
        if not any(m.start < ref.end and ref.start < m.end for m in organisations)
    ]  # fmt: skip


def _share_roles(text: str, everyone: list[Mention], cued: dict[int, str], lex: Lexicon) -> None:
    """Names joined by a conjunction share the role a cue gives the group: "in the presence
    of A and B" (the cue before the first), "A와 B에 따르면", "AとBの立ち会い" (the cue after
    the last)."""
    joined = lex.term_pattern(lex.conjunctions) if lex.conjunctions else None

    def together(first: Mention, second: Mention) -> bool:
        between = text[first.end : second.start].strip()
        return joined is not None and (not between or joined.fullmatch(between) is not None)

    for first, second in itertools.pairwise(everyone):
        # a comma after a cue's group ends it: "In the presence of A and B, C and D signed"
        if (
            cued.get(first.start) == "before"
            and second.start not in cued
            and together(first, second)
            and "," not in text[first.end : second.start]
        ):
            second.role, cued[second.start] = first.role, "before"
    for first, second in reversed(list(itertools.pairwise(everyone))):
        if (
            cued.get(second.start) == "after"
            and first.start not in cued
            and together(first, second)
        ):
            first.role, cued[first.start] = second.role, "after"


def _role(
    text: str, mention: Mention, lex: Lexicon, others: list[Mention]
) -> tuple[str, str | None]:
    """The role a cue next to the name gives it; a cue beyond another organisation's name
    is that one's ("A은 B의 지원으로": B funds, A does not)."""
    # the same organisation named again at once ("에너지부(DOE) 산하") does not stop a cue
    others = [m for m in others if m.key != mention.key]
    previous = max((m.end for m in others if m.end <= mention.start), default=0)
    following = min((m.start for m in others if m.start >= mention.end), default=len(text))
    before = text[max(previous, mention.start - 40) : mention.start]
    after = text[mention.end : min(following, mention.end + 40)]
    # "…が、駐日ドイツ大使の立ち会いのもと": past the subject's comma, no cue is the name's
    subject = _SUBJECT_AFTER.match(after) is not None
    for role, cues in lex.roles.items():
        for cue in cues.get("before", []):
            # "in the presence of Science Minister Lee of MSIT": the cue governs the names
            # after it up to the end of its phrase (a comma or a conjunction ends it)
            if any(not re.search(r"[,;]|\b(?:and|und)\b", before[m.end() :])
                   for m in cue.finditer(before)):  # fmt: skip
                return role, None if role == "venue" else "before"
        if subject:
            continue
        for cue in cues.get("after", []):
            if (m := cue.search(after)) is not None and m.start() <= _CUE_REACH:
                if role == "venue" and m.start() > 0:
                    continue  # "상무부에서": the place word follows the name at once
                return role, None if role == "venue" else "after"
    return "signatory", None


#: A subject's particle and a comma right after a name (its bracket aside): what follows
#: is the rest of the clause, whose cues are not the name's ("…が、…の立ち会いのもと").
_SUBJECT_AFTER = re.compile(r"\s?(?:[(（][^()（）]{1,30}[)）])?\s?(?:が|は|이|가|은|는)\s?[,、，]")


def _country_before(text: str, mention: Mention, lex: Lexicon) -> str | None:
    raw = text[max(0, mention.start - 20) : mention.start]
    before = raw.rstrip()
    if lex.language == "ja" and before.endswith("の"):  # "ドイツのマックス・プランク…"
        raw = before = before[:-1]
    for code, words in lex.countries.items():
        for word in sorted(words, key=len, reverse=True):
            if before.endswith(word) and len(raw) - len(before) <= _COUNTRY_REACH:
                start = len(before) - len(word)
                if start == 0 or not _same_script(before[start - 1], word[0], lex):
                    return code
    for code, words in lex.countries.items():  # "Germany's Fraunhofer IKTS", "(Germany)"
        after = text[mention.end : mention.end + 20]
        if any(after.startswith(f" ({w})") for w in words):
            return code
    return None


def _same_script(before: str, first: str, lex: Lexicon) -> bool:
    """Whether the character before a country's word runs on into it, making the word part
    of a longer one: a letter before a Latin word; in Japanese, where words stand unspaced
    ("日立製作所はドイツのシーメンスと"), only katakana before katakana or kanji before kanji."""
    if lex.language != "ja":
        return before.isalnum()
    return any(low <= before <= high and low <= first <= high for low, high in _JA_SCRIPTS)


#: Katakana and kanji, each a script a Japanese country's word may run on from.
_JA_SCRIPTS = (("ァ", "ヿ"), ("一", "龥"))


def _place(
    text: str, lex: Lexicon, venue: Mention | None, gazetteer: Gazetteer
) -> dict[str, Any] | None:
    for city, country in lex.places.items():
        if lex.term_pattern([city]).search(text):
            place: dict[str, Any] = {"city": city, "country": country}
            if venue is not None:
                place["venue"] = venue.name
            return place
    if venue is not None:
        return {"venue": venue.name, "country": venue.country}
    return None


def _masked(text: str, mentions: list[Mention]) -> str:
    """``text`` with the organisations' names blanked: "Ministry of Science and ICT" names
    no field."""
    for mention in mentions:
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    return text


def _fields(text: str, lex: Lexicon, index: Index) -> list[str]:
    """The fields the sentence names, among those the data knows; a narrower one named
    ("양자컴퓨터") stands for itself, not for its broader field as well."""
    words = {f: list(w) for f, w in lex.fields.items() if f in index.fields}
    for field_id, known in index.fields.items():  # the vocabulary's own labels count too
        if label := known.label.get(lex.language):
            words.setdefault(field_id, []).append(label)
    named = {field_id for field_id, terms in words.items() if lex.term_pattern(terms).search(text)}
    narrower = {f for f in named if (b := index.fields[f].broader) in named and b}
    broader_of_named = {index.fields[f].broader for f in narrower}
    return sorted(named - broader_of_named)
