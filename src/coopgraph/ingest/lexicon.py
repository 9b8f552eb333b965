"""The per-language lexicons (``lexicons/<lang>.yaml``) and the tokenisers that read text.

The lexicons are data so that a user can add a word without touching code: agreement,
cooperation and event words, officials' titles, the status patterns (tense and modality),
role cues (witness, funder, venue), countries, places, organisation suffixes, field words
and the spans that may name a day.
Korean is read with kiwipiepy and Japanese with SudachiPy: their morphemes show tense
that the surface hides ("체결했다" is 체결 하 었 다, "締結した" is 締結 する た).
"""

from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "Lexicon", "Sentence", "Token", "country_codes", "lexicon", "morphemes", "read_sentence",
    "sentences", "tagged",
]  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """One language's lexicon with its patterns compiled."""

    language: str
    agreement_types: dict[str, list[str]]
    event_types: dict[str, list[str]]
    cooperation: list[str]
    #: "양 기관", "the two institutes", "両機関": the parties of the statement before
    both_parties: list[str]
    #: "차관", "Vice Minister", "大臣", "Präsident": a person with one speaks for their
    #: organisation (:mod:`coopgraph.ingest.officials`)
    titles: list[str]
    status: dict[str, list[re.Pattern[str]]]
    #: a decision taken ("하기로 했다", "agreed to"): the plan's day is in the past
    decided: list[re.Pattern[str]]
    #: answering a proposal ("답했다", "応じた"): who answers is its counterpart
    answers: list[re.Pattern[str]]
    #: a country's side ("{country} 측", "the {country} side"): that country's party of the
    #: statement before
    sides: list[str]
    #: words naming a standing dialogue ("기술대화", "Dialogue", "対話") and the cues of
    #: those who chair or lead it ("주재한", "co-chaired by"), on the side they stand
    dialogues: list[str]
    chairs: dict[str, list[re.Pattern[str]]]
    event_status: dict[str, list[re.Pattern[str]]]
    roles: dict[str, dict[str, list[re.Pattern[str]]]]
    countries: dict[str, list[str]]
    #: initials that run together into a group of countries ("한미일", "日米"), by country
    country_initials: dict[str, str]
    #: words for a kind of organisation ("정부", "national laboratories", "研究機関"): with a
    #: country before them, a party described, not named (:mod:`coopgraph.ingest.unnamed`)
    groups: list[str]
    #: a group word naming one country's by itself ("Bundesregierung": Germany's)
    national_groups: dict[str, str]
    #: cues making two or more countries the ends of a relation ("간", "between"), and a
    #: country the partner of the subject ("영국과", "with the UK")
    between: dict[str, list[re.Pattern[str]]]
    partner: dict[str, list[re.Pattern[str]]]
    #: cooperation going on ("협력하고 있다", "cooperates with"): no agreement to come, at
    #: most a background partnership
    ongoing: list[re.Pattern[str]]
    #: "각각", "each", "それぞれ", "jeweils": each subject with the same partner, one by one
    each: list[str]
    #: what an organisation is called by later ("the university", "협회는", "同大学は"):
    #: the first party so far whose name has the word
    generic_nouns: list[str]
    #: how a press release names its own organisation ("当社", "本学", "당사"): the first
    #: party the article told of
    self_words: list[str]
    #: words saying an agreement is an earlier one ("기존", "前回の", "previous", "ersetzt"):
    #: an ended one whose parties go unsaid is then the statement before's
    previous: list[re.Pattern[str]]
    #: words for two parties that say of what kind they are ("両大学": 大学), so that the
    #: last two of that kind are meant
    both_kinds: dict[str, str]
    #: number words ("four", "네", "四"), for how many parties "the four partners" are
    numbers: dict[str, int]
    #: others joining the parties of the statement before ("も参加", "gemeinsam mit"):
    #: "両機関は…、東京大学も参加する" has three parties
    joining: list[re.Pattern[str]]
    #: a count of all the parties after the ones named who join them ("NIST까지 참여하는
    #: 3자"), which says "all of them" only so ("3자 대화" may count countries)
    joined_counts: list[re.Pattern[str]]
    #: "양국 정부", "両政府", "the two governments": of the statement before, the governments
    #: of its two countries, not its two parties
    both_countries: list[str]
    #: "같은 날", "同日", "the same day", "am selben Tag": the day the article told last
    same_day: list[str]
    #: further parties joining the statement before ("협업 대상에는 … 도 포함된다", "will
    #: also include")
    includes: list[re.Pattern[str]]
    #: a sum of money ("1000만달러", "$10 million"): a cooperation funded is a programme
    money: list[re.Pattern[str]]
    #: an agreement word read as a means, not an agreement ("이행약정 등을 통해"), after it
    means: list[re.Pattern[str]]
    #: a sentence telling what an agreement provides ("협정에 따라 …", "Under the MOU, …"):
    #: its scope, no agreement of its own
    scope: list[re.Pattern[str]]
    #: what an agreement rests on ("implements", "stützt sich auf"): the agreement named
    #: after the words is the one the sentence tells of (Latin script)
    rests_on: list[re.Pattern[str]]
    #: where a clause of a sentence ends and another begins ("체결하고, ", "更新し、",
    #: ", and "): each clause naming an agreement states one of its own
    clause_breaks: list[re.Pattern[str]]
    #: words saying an agreement is joint ("gemeinsam"): one whose sentence names no party
    #: is of the parties of the statement before (German only: Korean and Japanese "공동",
    #: "共同" name most agreements, and the English "joint" made as many errors as finds)
    joint_words: list[str]
    #: the clause before an agreement word saying it was signed ("체결한 양해각서"), over
    #: its morphemes, at their end
    signed_before: list[re.Pattern[str]]
    #: the clause before an agreement word saying it goes on ("운영해 온 공동연구실"), over
    #: its morphemes, at their end
    ongoing_before: list[re.Pattern[str]]
    #: words standing for all the parties of the statement before ("3機関は", "세 기관은")
    all_parties: list[str]
    #: agreements named by a whole phrase, by type ("a joint semiconductor packaging
    #: laboratory", "ein gemeinsames Applikationslabor")
    joint_phrases: dict[str, list[re.Pattern[str]]]
    #: what may follow the countries an intergovernmental instrument joins, by type, the
    #: pattern matched right after them ("Korea–Netherlands semiconductor dialogue",
    #: "deutsch-koreanische Energiedialog", "日英科学技術協力合同委員会")
    paired: dict[str, list[re.Pattern[str]]]
    #: a count and a body's word, however described and declined ("the two national
    #: metrology institutes", "beider Institutionen"): two of them are ``both_parties``,
    #: more ``all_parties``, by the count's ``numbers``
    counted_parties: list[re.Pattern[str]]
    #: words pointing back at an agreement told before ("이번 협정은", "今回の協定"): such
    #: an agreement word is not the one the sentence tells of
    pointing_back: list[str]
    #: agreement words of no particular kind ("협약", "Vertrag", "agreement on cooperation"):
    #: a research cooperation agreement when the sentence names no word of a kind
    bare_terms: list[str]
    #: words that make a date the day an agreement was signed ("signed in 2014", "2022
    #: geschlossene"), before or after it: no date for its end
    signing_date: dict[str, list[re.Pattern[str]]]
    places: dict[str, str]
    organisation_suffixes: list[str]
    #: the gender (m, f, n) of the nouns German names end in ("Bundesanstalt": f), so that
    #: a name read in the dative ("der Physikalisch-Technischen Bundesanstalt") is proposed
    #: as it is named ("Physikalisch-Technische Bundesanstalt")
    genders: dict[str, str]
    #: what undoes a weak statement ("합의에는 이르지 못했다", "not yet"): cooperation going
    #: on, agreed without an agreement named, or an agreement named in passing
    negation: list[re.Pattern[str]]
    #: a denial ("否定した", "denied"): undoes any statement of the sentence
    denial: list[re.Pattern[str]]
    #: names ending like an organisation's that are people's ("박사후연구원")
    not_organisations: list[str]
    #: a dialogue word (``dialogues``) in a sentence with one of these is a standing
    #: dialogue, an agreement of type dialogue ("정례 정책대화", "a standing dialogue")
    standing: list[str]
    conjunctions: list[str]
    fields: dict[str, list[str]]
    dates: list[re.Pattern[str]]
    #: a year as an attribute ("a 2019 memorandum"): a date only when the sentence names
    #: no other
    background_dates: list[re.Pattern[str]]
    #: "지난달", "来年": months or years from the article's date, by word
    relative_months: dict[str, int]
    relative_years: dict[str, int]
    #: verbs of telling that end a report ("밝혔다", "発表した", "said"): a date standing
    #: with them is the day of the telling (:func:`coopgraph.ingest.when.find_date`)
    reports: list[re.Pattern[str]]
    #: what joins the first and last day of a range ("부터", "to", "から", "bis")
    date_range: list[re.Pattern[str]]
    #: a plan denied ("has no plans to sign", "締結する予定はない"): no plan at all
    denied_plans: list[re.Pattern[str]]
    #: a relative clause between commas ("…, which expired in 2020, …", "…, der Anfang
    #: 2026 ein Werk eröffnet, …"): its date is not the statement's
    relative_clauses: list[re.Pattern[str]]

    @property
    def morphemic(self) -> bool:
        """Whether status patterns read morphemes (Korean, Japanese) or the surface."""
        return self.language in ("ko", "ja")

    def term_pattern(self, terms: list[str]) -> re.Pattern[str]:
        """Any of ``terms``, longest first; Latin terms only at word boundaries (so "MOU"
        is not found in "MOUNT"), other scripts anywhere (particles follow Korean words)."""
        compounds = self.language == "de"  # "Quantenmetrologie" holds "Quanten"
        return _term_pattern(tuple(sorted(set(terms), key=len, reverse=True)), compounds)


@functools.cache
def _term_pattern(terms: tuple[str, ...], compounds: bool = False) -> re.Pattern[str]:
    parts = []
    for term in terms:
        # Korean and Japanese spacing varies ("공동연구 협약", "공동연구협약")
        gap = r"\s*" if re.search(r"[가-힣一-龥ぁ-ヿ]", term) else r"\s+"
        body = re.escape(term).replace(r"\ ", gap)
        if compounds and term[:1].isupper() and " " not in term:
            # German joins words: "Doktorandenprogramm" is a Programm, as is "Programm"
            body = r"(?:(?<![A-Za-z0-9])|(?<=[a-zäöüß]))" + body
        elif term[:1].isascii() and term[:1].isalnum():
            # not inside a Latin word; after kana or Hangul it may stand ("とMOUを締結")
            body = r"(?<![A-Za-z0-9])" + body
        if term[-1:].isascii() and term[-1:].isalnum() and not compounds:
            body = body + r"(?![a-z0-9])" if term[-1].islower() else body + r"(?![A-Za-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)


@functools.cache
def country_codes(language: str) -> dict[str, str]:
    """Each country word of the language's lexicon ("독일", "Germany's" stem "Germany",
    "ドイツ") and the country it names."""
    return {w: code for code, words in lexicon(language).countries.items() for w in words}


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` shipped in ``coopgraph/ingest/lexicons``."""
    text = resources.files("coopgraph.ingest").joinpath("lexicons").joinpath(f"{language}.yaml")
    raw: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    flags = re.IGNORECASE if language in ("en", "de") else 0

    def compiled(patterns: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
        return {key: [re.compile(p, flags) for p in values] for key, values in patterns.items()}

    return Lexicon(
        language=language,
        agreement_types={k: [str(t) for t in v] for k, v in raw["agreement_types"].items()},
        event_types={k: [str(t) for t in v] for k, v in raw["event_types"].items()},
        cooperation=[str(t) for t in raw.get("cooperation") or []],
        # words for two of a kind ("両省", "the two ministries") are words for two parties
        both_parties=[
            str(t) for t in [*(raw.get("both_parties") or []), *(raw.get("both_kinds") or {})]
        ],
        titles=[str(t) for t in raw.get("titles") or []],
        status=compiled(raw["status"]),
        decided=[re.compile(p, flags) for p in raw.get("decided") or []],
        answers=[re.compile(p, flags) for p in raw.get("answers") or []],
        sides=[str(p) for p in raw.get("sides") or []],
        dialogues=[str(t) for t in raw.get("dialogues") or []],
        chairs=compiled(raw.get("chairs") or {}),
        event_status=compiled(raw["event_status"]),
        roles={role: compiled(cues) for role, cues in raw["roles"].items()},
        countries={k: [str(t) for t in v] for k, v in raw["countries"].items()},
        country_initials={str(k): str(v) for k, v in (raw.get("country_initials") or {}).items()},
        groups=[str(t) for t in raw.get("groups") or []],
        national_groups={str(k): str(v) for k, v in (raw.get("national_groups") or {}).items()},
        between=compiled(raw.get("between") or {}),
        partner=compiled(raw.get("partner") or {}),
        ongoing=[re.compile(p, flags) for p in raw.get("ongoing") or []],
        each=[str(t) for t in raw.get("each") or []],
        same_day=[str(t) for t in raw.get("same_day") or []],
        both_countries=[str(t) for t in raw.get("both_countries") or []],
        generic_nouns=[str(t) for t in raw.get("generic_nouns") or []],
        self_words=[str(t) for t in raw.get("self_words") or []],
        previous=[re.compile(p, flags) for p in raw.get("previous") or []],
        both_kinds={str(k): str(v) for k, v in (raw.get("both_kinds") or {}).items()},
        numbers={str(k): int(v) for k, v in (raw.get("numbers") or {}).items()},
        joining=[re.compile(p, flags) for p in raw.get("joining") or []],
        joined_counts=[re.compile(p, flags) for p in raw.get("joined_counts") or []],
        includes=[re.compile(p, flags) for p in raw.get("includes") or []],
        money=[re.compile(p, flags) for p in raw.get("money") or []],
        means=[re.compile(p, flags) for p in raw.get("means") or []],
        scope=[re.compile(p, flags) for p in raw.get("scope") or []],
        rests_on=[re.compile(p, flags) for p in raw.get("rests_on") or []],
        clause_breaks=[re.compile(p, flags) for p in raw.get("clause_breaks") or []],
        joint_words=[str(t) for t in raw.get("joint_words") or []],
        signed_before=[re.compile(p, flags) for p in raw.get("signed_before") or []],
        ongoing_before=[re.compile(p, flags) for p in raw.get("ongoing_before") or []],
        all_parties=[str(t) for t in raw.get("all_parties") or []],
        counted_parties=[re.compile(p, flags) for p in raw.get("counted_parties") or []],
        joint_phrases=compiled(raw.get("joint_phrases") or {}),
        paired=compiled(raw.get("paired") or {}),
        pointing_back=[str(t) for t in raw.get("pointing_back") or []],
        bare_terms=[str(t) for t in raw.get("bare_terms") or []],
        signing_date={
            side: [re.compile(p, flags) for p in patterns]
            for side, patterns in (raw.get("signing_date") or {}).items()
        },
        places={str(k): str(v) for k, v in raw["places"].items()},
        organisation_suffixes=[str(s) for s in raw["organisation_suffixes"]],
        genders={str(k): str(v) for k, v in (raw.get("genders") or {}).items()},
        not_organisations=[str(t) for t in raw.get("not_organisations") or []],
        negation=[re.compile(p, flags) for p in raw.get("negation") or []],
        denial=[re.compile(p, flags) for p in raw.get("denial") or []],
        standing=[str(t) for t in raw.get("standing") or []],
        conjunctions=[str(c) for c in raw.get("conjunctions") or []],
        fields={k: [str(t) for t in v] for k, v in raw["fields"].items()},
        dates=[re.compile(p, flags) for p in raw["dates"]],
        background_dates=[re.compile(p, flags) for p in raw.get("background_dates") or []],
        relative_months={str(k): int(v) for k, v in (raw.get("relative_months") or {}).items()},
        relative_years={str(k): int(v) for k, v in (raw.get("relative_years") or {}).items()},
        date_range=[re.compile(p, flags) for p in raw.get("date_range") or []],
        relative_clauses=[re.compile(p, flags) for p in raw.get("relative_clauses") or []],
        denied_plans=[re.compile(p, flags) for p in raw.get("denied_plans") or []],
        reports=[re.compile(p, flags) for p in raw.get("reports") or []],
    )


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it starts and ends in the article's text."""

    text: str
    start: int
    end: int


#: Sentence ends in Latin-script and Japanese text; a line break always ends one (headlines,
#: captions and list items carry no full stop).
_LATIN_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-ZÄÖÜ0-9])|\n+")
_JA_END = re.compile(r"(?<=[。！？])|\n+")
#: "Dr. Kim", "U.S. officials", "Nov. 3": a full stop after these does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Nr|bzw|"
    r"z\.B|Inc|Ltd|Co|No)|\b[A-Z](?:\.[A-Z])*)\.$"
)


#: A German day or ordinal: "5.", "12." (a year, "2025.", ends a sentence).
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")


def sentences(text: str, language: str) -> list[Sentence]:
    """The sentences of ``text`` with their character offsets, blank ones left out."""
    if language == "ko":
        spans = []
        for line in _lines(text):
            start, end = line
            spans.extend(
                (start + s.start, start + s.end) for s in _kiwi().split_into_sents(text[start:end])
            )
    else:
        splitter = _JA_END if language == "ja" else _LATIN_END
        spans = []
        for start, end in _lines(text):
            position = start
            for cut in splitter.finditer(text, start, end):
                if language != "ja" and _ABBREVIATION.search(text[position : cut.start()]):
                    continue
                if language == "de" and _ORDINAL.search(text[position : cut.start()]):
                    continue  # "am 5. November": a German ordinal, not a sentence's end
                spans.append((position, cut.start()))
                position = cut.end()
            spans.append((position, end))
    found = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Sentence(text[start:end], start, end))
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((position, position + len(line)))
        position += len(line)
    return spans


def morphemes(sentence: str, language: str) -> tuple[tuple[str, int], ...]:
    """Each morpheme of ``sentence`` (Korean: its form; Japanese: its dictionary form) with
    the offset where it starts; the words of other languages."""
    if language in ("ko", "ja"):
        return tuple((token.form, token.start) for token in tagged(sentence, language))
    return tuple((m.group(), m.start()) for m in re.finditer(r"\w+", sentence))


@dataclass(frozen=True)
class Token:
    """A word of Korean or Japanese text as the tokeniser reads it: its surface, where it
    stands, its part of speech (Kiwi's tag, "NNP"; Sudachi's, "名詞,固有名詞,一般") and its
    form (Kiwi's morpheme, "었"; Sudachi's dictionary form, "する")."""

    surface: str
    start: int
    end: int
    tag: str
    form: str
    #: not in the tokeniser's dictionary (Sudachi's out-of-vocabulary words): a name more
    #: often than not ("ラピダス"), the dictionary holding the common words
    unknown: bool = False


#: The last texts read, with their words: a sentence is read for its status, its
#: organisations, a decision and an answer; the tokeniser is most of the time ``ingest``
#: takes. Only a few: the benchmark's articles are copies, which a larger memory would read
#: for free.
_READ: collections.OrderedDict[tuple[str, str], tuple[Token, ...]] = collections.OrderedDict()
_READ_SIZE = 8
#: The sentence being read, by language (:func:`read_sentence`), and its words.
_SENTENCE: dict[str, tuple[str, tuple[Token, ...]]] = {}


def read_sentence(text: str, language: str) -> None:
    """Make ``text`` the sentence being read: its beginnings (up to the verb, up to the
    agreement word), looked for more than once each, are then its own words up to there,
    as the tagger read them in the whole sentence, whatever was read before."""
    if language in ("ko", "ja"):
        _SENTENCE[language] = (text, tagged(text, language))


def tagged(text: str, language: str) -> tuple[Token, ...]:
    """The words of Korean or Japanese ``text`` with their parts of speech; none for other
    languages, whose names show by their capitals. A beginning of the sentence being read
    that ends between two of its words is not read again."""
    if language not in ("ko", "ja"):
        return ()
    if (language, text) in _READ:
        return _READ[language, text]
    whole, words = _SENTENCE.get(language, ("", ()))
    if whole.startswith(text) and not any(w.start < len(text) < w.end for w in words):
        return tuple(w for w in words if w.end <= len(text))
    tokens = _tokens(text, language)
    _READ[language, text] = tokens
    if len(_READ) > _READ_SIZE:
        _READ.popitem(last=False)
    return tokens


def _tokens(text: str, language: str) -> tuple[Token, ...]:
    if language == "ko":
        return tuple(
            Token(text[t.start : t.start + t.len], t.start, t.start + t.len, t.tag, t.form)
            for t in _kiwi().tokenize(text)
        )
    return tuple(
        Token(m.surface(), m.begin(), m.end(), ",".join(m.part_of_speech()[:3]),
              m.dictionary_form(), m.is_oov())
        for m in _sudachi().tokenize(text)
    )  # fmt: skip


@functools.cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


@functools.cache
def _sudachi() -> Any:
    from sudachipy import Dictionary, SplitMode

    dictionary = Dictionary()
    make = getattr(dictionary, "tokenizer", None) or dictionary.create
    return make(mode=SplitMode.C)
