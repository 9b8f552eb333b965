"""Officials standing for their organisations, from the sentence that introduces them on.

News names an organisation once and then lets its people speak for it: "조성경 과학기술
정보통신부 제1차관" is introduced, and later "조 차관은 … 확장하기로 했다" states the
ministry's commitment; "Vice Minister Cho Seong-kyung of the Ministry of Science and ICT"
is later "Vice Minister Cho" or "Cho"; "経済産業省の西村康稔大臣" is later "西村大臣";
"Fraunhofer-Präsident Reimund Neugebauer" is later "Neugebauer".

Acronyms are introduced the same way: "한국전자통신연구원(ETRI)", "Karlsruher Institut für
Technologie (KIT)" make a later "ETRI는", "Das KIT arbeitet …" a mention of that
organisation, citing the sentence that spelled it out (an official of no title, as it were).

An introduction is a person's name and a title of the lexicon's ``titles`` written next to
an organisation in one of the orders the language uses (organisation, name, title; name,
organisation, title; title, name, "of" organisation; ...). From then on, the article's
references to that person (the name, the family name with the title, "Dr." and the family
name) are mentions of the organisation, and the sentence that introduced them is cited
beside the sentence that uses them. A reference two officials could answer to ("이 원장"
for two directors named 이) names neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from coopgraph.ingest.lexicon import Lexicon, Sentence
from coopgraph.ingest.organisations import (
    ACRONYM_IN_BRACKETS,
    KO_PARTICLE_STARTS,
    SHORT_NAME,
    stands_for,
)

__all__ = ["Official", "Officials", "Reference", "has_word"]


@dataclass(frozen=True)
class Official:
    """A person an article introduced with a title, and the organisation they stand for."""

    name: str  # as written: "조성경", "이블린 왕", "Karen Marrongelle", "西村康稔"
    title: str  # the lexicon's title as written ("차관" of "제1차관", "Vice Minister")
    organisation: str  # the organisation's name as written
    agency: str | None
    country: str | None
    introduced: Sentence
    #: a word of the organisation's name that news uses alone: a company's brand
    #: ("Helix"), or another word only as an owner ("Strathclyde's"), a place's name too
    #: ("Osaka prefectural government", "Forschende aus Jülich") being none of this
    word: bool = False
    brand: bool = False


class Organisation(Protocol):
    """An organisation named in a sentence (``extract.Mention``)."""

    name: str
    start: int
    end: int
    agency: str | None
    country: str | None


@dataclass(frozen=True)
class Reference:
    """Where a sentence names an official."""

    start: int
    end: int
    official: Official


#: A Korean metropolitan city or province named in full: "대전광역시", "경상남도",
#: "제주특별자치도" (a particle, a space or the end after it).
_KO_REGION = re.compile(
    r"(?<![가-힣])[가-힣]{2,4}(?:광역시|특별시|특별자치시|특별자치도|남도|북도)"
    r"(?=[은는이가와과의을를도에,·\s]|$)"
)
#: A word in Latin capitals: an acronym in a Korean or Japanese short name ("프라운호퍼 ISE").
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
#: An acronym in brackets right after an organisation's name.
_ACRONYM = re.compile(r"\s?" + ACRONYM_IN_BRACKETS)
#: "(이하 과기정통부)", "（以下「VTT」）", "(hereinafter KIST)": a short name to come.
_HEREINAFTER = re.compile(
    r"\s?[(（](?:이하|以下|hereinafter|im Folgenden)\s?[「『\"'“]?"
    r"(?P<acronym>[^)）」』\"'”]{1,15}?)[」』\"'”]?[)）]"
)
#: A Korean or Japanese short name in brackets: "한국천문연구원(천문연)", "産業技術総合研究所
#: (産総研)"; a bracket that is no short name ("(현지시간)") does not abbreviate the name.
_SHORT_IN_BRACKETS = re.compile(r"\s?[(（](?P<short>[가-힣]{2,6}|[一-龥ァ-ヶー]{2,8})[)）]")
#: A name as short as an acronym ("TNO", "KIST Europe"): the article uses it as it is.
_SHORT_NAME = re.compile(SHORT_NAME)
#: An acronym closing a longer name it abbreviates ("Fraunhofer-Institut für Lasertechnik
#: ILT"): the name news calls the organisation by alone.
_ACRONYM_TAIL = re.compile(r"\S\s+([A-Z]{2,6})$")
#: Where a Korean word ends: a particle, or no more Hangul ("당사는", not "당사자").
_KO_WORD_END = rf"(?=[{''.join(sorted(KO_PARTICLE_STARTS))}]|[^가-힣]|$)"
#: Korean particles a name does not end with when it stands before an organisation
#: ("정부는 과학기술정보통신부 장관…" names no one called 정부는).
_KO_NOT_A_NAME_END = "는을를의에와과도로서"
#: Latin-script name: two or three capitalised words ("Karen Marrongelle", "Cho Seong-kyung").
_LATIN_NAME = r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,2})"
_HONORIFICS = {"en": r"(?:Mr|Mrs|Ms|Dr|Prof)\.?", "de": r"(?:Herr|Frau|Dr\.|Prof\.)"}


class Officials:
    """The officials one article has introduced so far, in the order it introduced them."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.known: list[Official] = []
        #: the parties of the statements so far, for "the university", "협회는", "同大学は"
        self.parties: list[Official] = []
        #: Korean regions named in full so far ("대전광역시", "경상남도"), whatever the
        #: sentence stated, for the short names that follow ("대전시", "경남도")
        self.regions: list[Official] = []
        self._generic = _generic_pattern(lex)
        titles = "|".join(re.escape(t) for t in sorted(set(lex.titles), key=len, reverse=True))
        self._titles = titles or r"(?!)"
        countries = sorted({w for words in lex.countries.values() for w in words}, key=len)
        self._countries = "|".join(re.escape(w) for w in reversed(countries)) or r"(?!)"

    # --- introductions --------------------------------------------------------------------

    def may_introduce(self, text: str) -> bool:
        """Whether ``text`` holds a title, a bracket or capitals at all: a cheap test before
        its organisations are looked for (most sentences introduce nobody)."""
        flags = re.IGNORECASE if self.lex.language in ("en", "de") else 0
        return (
            "(" in text
            or "（" in text
            or re.search(r"[A-Z]{2,}", text) is not None  # "die Forschungsorganisation TNO"
            or re.search(self._titles, text, flags) is not None
        )

    def note_regions(self, sentence: Sentence) -> None:
        """Keep the Korean regions ``sentence`` names in full (:data:`_KO_REGION`)."""
        if self.lex.language != "ko":
            return
        for match in _KO_REGION.finditer(sentence.text):
            name = match.group()
            if not any(k.organisation == name for k in self.regions):
                self.regions.append(Official(name, "", name, None, None, sentence))

    def learn(self, sentence: Sentence, organisations: Iterable[Organisation]) -> None:
        """Keep the officials ``sentence`` introduces next to ``organisations`` (named in
        it, offsets in the sentence)."""
        for org in organisations:
            introduced = self._introduced(sentence.text, org.start, org.end)
            acronym = _ACRONYM.match(sentence.text, org.end) or _HEREINAFTER.match(
                sentence.text, org.end
            )
            short = _SHORT_IN_BRACKETS.match(sentence.text, org.end)
            if acronym is not None:
                introduced.append((acronym["acronym"], ""))  # an acronym has no title
            elif short is not None and _abbreviates(short["short"], org.name):
                introduced.append((short["short"], ""))  # "한국천문연구원(천문연)"
            elif _SHORT_NAME.fullmatch(org.name):  # "KIST Europe", found by what it is
                introduced.append((org.name, ""))
            for person, title in introduced:
                official = Official(person, title, org.name, org.agency, org.country, sentence)
                if official.organisation != person:
                    # "DFG und NSF starten …" in a headline, then "Die Deutsche
                    # Forschungsgemeinschaft (DFG)": the name spelled out is what DFG stands for
                    self.known = [
                        k for k in self.known if (k.name, k.organisation) != (person, person)
                    ]
                elif any(k.name == person for k in self.known):
                    continue  # a short name already spelled out stands for that
                if not any(_same(official, k) for k in self.known):
                    self.known.append(official)

    def _introduced(self, text: str, start: int, end: int) -> list[tuple[str, str]]:
        """(name, title) of the people introduced next to the organisation at start:end."""
        before, after, t = text[:start], text[end:], self._titles
        # past the name's own bracket: "(NSF" + ")", or "국립과학재단" + "(NSF)"
        after = re.sub(r"^(?:[)）]|\s*[(（][^()（）]{1,20}[)）])", "", after)
        found: list[tuple[str, str]] = []

        def keep(match: re.Match[str] | None) -> None:
            if match is not None:
                found.append((match["name"], match["title"]))

        if self.lex.language == "ko":
            ordinal = r"(?:제\s?)?(?:\d+\s?)?"
            name = r"(?P<name>[가-힣]{2,4}(?: [가-힣]{1,5})?)"
            titled = rf"\s*{ordinal}[가-힣]*?(?P<title>{t})"
            # 과학기술정보통신부 조성경 제1차관, 미국 국립과학재단(NSF) 카렌 마론젤 최고운영책임자
            keep(re.match(rf"\s+{name}\s{ordinal}[가-힣]*?(?P<title>{t})", after))
            # 조성경 과학기술정보통신부 제1차관, 스티브 웰비 미국 백악관 … 국가안보차장
            title = re.match(titled, after)
            lead = re.search(rf"(?<![가-힣]){name}\s+(?:(?:{self._countries})\s+)?$", before)
            if title and lead and lead["name"][-1] not in _KO_NOT_A_NAME_END:
                found.append((lead["name"], title["title"]))
        elif self.lex.language == "ja":
            # 経済産業省の西村康稔大臣, 産総研（AIST）の石村和彦理事長
            name = r"(?P<name>[一-龥々ァ-ヶー・]{2,8}?)"
            keep(re.match(rf"\s*の?\s*{name}(?P<title>{t})", after))
        else:
            title = rf"(?P<title>(?i:{t}))"
            of = r"(?:of|at|from|von|vom|der|des)\s+(?:the\s+|der\s+)?$"
            # NSF Chief Operating Officer Karen Marrongelle; Fraunhofer-Präsident Reimund …
            keep(re.match(rf"(?:'s|’s)?[\s-]+{title}\s+{_LATIN_NAME}", after))
            # Vice Minister Cho Seong-kyung of the Ministry of Science and ICT
            keep(re.search(rf"{title}\s+{_LATIN_NAME}\s+{of}", before))
            # Karen Marrongelle, chief operating officer of NSF
            keep(re.search(rf"{_LATIN_NAME},\s+(?:the\s+)?(?:\w+\s+)??{title}\s+{of}", before))
        return found

    def _shortened(self, name: str, agency: str | None, country: str | None,
                   sentence: Sentence) -> None:  # fmt: skip
        """A Korean or Japanese university's name as news shortens it: "부산대학교" is
        "부산대", "東北大学" is "東北大"."""
        short = re.sub(r"(?:대학교|대학)$" if self.lex.language == "ko" else r"大学$", "", name)
        if short != name and len(short) >= 2:
            short += "대" if self.lex.language == "ko" else "大"
            if not any(k.name == short for k in self.known):
                self.known.append(Official(short, "", name, agency, country, sentence))

    def remember(self, sentence: Sentence, parties: Iterable[dict[str, object]]) -> None:
        """Keep the named parties of a statement ``sentence`` made, so that a later "the
        university" or "협회는" may stand for the first of them so called."""
        for party in parties:
            name, agency, country = party.get("name"), party.get("agency"), party.get("country")
            if party.get("unnamed") or not isinstance(name, str) or not name:
                continue
            if any(k.organisation == name for k in self.parties):
                continue
            agency = agency if isinstance(agency, str) else None
            country = country if isinstance(country, str) else None
            self.parties.append(Official(name, "", name, agency, country, sentence))
            if self.lex.language in ("ko", "ja"):
                self._shortened(name, agency, country, sentence)
            elif _SHORT_NAME.fullmatch(name) and not any(k.name == name for k in self.known):
                # "LNE, PTB, NPL and …" made parties: "LNE is negotiating …" later is LNE
                self.known.append(Official(name, "", name, agency, country, sentence))
            elif (
                (tail := _ACRONYM_TAIL.search(name)) is not None
                and stands_for(tail.group(1), name[: tail.start(1)])
                and not any(k.name == tail.group(1) for k in self.known)
            ):
                # "Fraunhofer-Institut für Photonische Mikrosysteme IPMS" is later "das IPMS"
                self.known.append(
                    Official(tail.group(1), "", name, agency, country, sentence, True, True)
                )
            elif (
                agency is None
                and (word := _distinctive_word(name, self.lex)) is not None
                and not any(k.name == word for k in self.known)
            ):
                # "Helix Biosystems Inc." is later "Helix", "University of Strathclyde"
                # "Strathclyde's"
                brand = _COMPANY_FORM.search(name) is not None
                self.known.append(Official(word, "", name, None, country, sentence, True, brand))

    # --- references ---------------------------------------------------------------------

    def generic(self, text: str) -> list[Reference]:
        """ "The university", "die Universität", "협회는", "同大学は": the first party so far
        whose name has that word (of two, the article's own subject, which it named first;
        "the university's campus" is a place, not the university acting); "当社", "本学":
        the article's own organisation, the first party it told of."""
        found = []
        if self.lex.self_words and self.parties:  # "当社は", "本学とKAISTは"
            words = "|".join(re.escape(w) for w in self.lex.self_words)
            after = r"(?![一-龥ァ-ヶ])" if self.lex.language == "ja" else _KO_WORD_END
            for match in re.finditer(rf"(?<![一-龥ァ-ヶ가-힣])(?:{words}){after}", text):
                found.append(Reference(match.start(), match.end(), self.parties[0]))
        if self._generic is None:
            return found
        for match in self._generic.finditer(text):
            noun, language = match["noun"].casefold(), self.lex.language
            holders = (k for k in self.parties if has_word(k.organisation, noun, language))
            holder = next(holders, None)
            if holder is not None:
                found.append(Reference(match.start("noun"), match.end("noun"), holder))
        return found

    def abbreviated(self, short: str) -> Official | None:
        """The one party told so far that a short name abbreviates: in Korean and Japanese
        by its first character and the others in order ("名大" of "名古屋大学", "理研" of
        "理化学研究所", "전남도" of "전라남도"; for a Korean region, the full name told in any
        sentence: "대전시" of "대전광역시"); in Latin script by words and an acronym
        (:func:`_shortens`: "Fraunhofer ILT", "TU Delft")."""
        if (
            self.lex.language in ("en", "de")
            or (" " in short and _CAPITALS.search(short))
            or _CAPITALS.fullmatch(short)
        ):
            # ("프라운호퍼 ISE" of "프라운호퍼 태양에너지시스템연구소(Fraunhofer ISE)"; "IKTS"
            # alone, a word of that bracket's "Fraunhofer IKTS")
            # of the parties, and of the organisations an acronym was given to in any sentence
            told = [*self.parties, *(k for k in self.known if not k.title)]
            holders = {
                k.organisation: k
                for k in told
                if _shortens(short, k.organisation, self._acronyms(k.organisation))
                or short in {w for a in self._acronyms(k.organisation) for w in a.split()[1:]}
            }
            return next(iter(holders.values())) if len(holders) == 1 else None
        if self.lex.language not in ("ko", "ja") or not 2 <= len(short) <= 4:
            return None
        if short[-1] in "大대":
            return None  # "東大" is the University of Tokyo's, not 東北大学's: by its prefix only
        holders = {
            k.organisation: k
            for k in [*self.parties, *self.regions]
            if k.organisation[:1] == short[:1] and _abbreviates(short, k.organisation)
        }
        return next(iter(holders.values())) if len(holders) == 1 else None

    def _acronyms(self, organisation: str) -> set[str]:
        """The acronyms the article gave ``organisation`` ("(IPMS)" after its name)."""
        return {k.name for k in self.known if k.organisation == organisation and not k.title}

    def find(self, text: str) -> list[Reference]:
        """The references in ``text`` to the officials introduced so far (this sentence's
        included), one official each; the longest reference wins where two overlap."""
        candidates: list[Reference] = []
        for official in self.known:
            for pattern in self._references(official):
                candidates.extend(
                    Reference(m.start(), m.end(), official) for m in pattern.finditer(text)
                )
        chosen: list[Reference] = []
        for ref in sorted(candidates, key=lambda r: (r.start, -(r.end - r.start))):
            if any(c.start < ref.end and ref.start < c.end for c in chosen):
                continue
            rivals = {c.official.organisation for c in candidates
                      if (c.start, c.end) == (ref.start, ref.end)}  # fmt: skip
            if len(rivals) == 1:
                chosen.append(ref)
        return chosen

    def _references(self, official: Official) -> list[re.Pattern[str]]:
        lang, name, title = self.lex.language, official.name, re.escape(official.title)
        if not title:  # an acronym, as written, followed by a particle if need be ("ETRI는")
            if not name.isascii():  # "과기정통부", "産総研": not inside a longer word
                script = "가-힣" if lang == "ko" else "一-龥ァ-ヶ"
                # nor the start of a longer name: "한전" of "한전KPS", "東北大" of "東北大病院"
                # (Korean particles follow a name at once: "한전은")
                after = "A-Za-z0-9" if lang == "ko" else "一-龥ァ-ヶA-Za-z0-9"
                return [re.compile(rf"(?<![{script}]){re.escape(name)}(?![{after}])")]
            owner = r"(?=['’]s\b)" if official.word and not official.brand else ""
            return [re.compile(rf"(?<![A-Za-z0-9&*-]){re.escape(name)}(?![A-Za-z0-9&*-]){owner}")]
        full = re.escape(name).replace(r"\ ", r"\s+")
        if lang == "ko":
            tokens = name.split()
            family = tokens[-1] if len(tokens) > 1 else name[0]  # 이블린 왕 → 왕; 조성경 → 조
            return [
                re.compile(rf"(?<![가-힣]){full}(?:\s?(?:제\s?)?(?:\d+\s?)?[가-힣]*?{title})?"),
                re.compile(rf"(?<![가-힣]){re.escape(family)}\s?(?:제\s?)?(?:\d+\s?)?{title}"),
            ]
        if lang == "ja":  # the family name first, mostly of two characters (西村 of 西村康稔)
            return [
                re.compile(rf"{full}(?:{title}|氏)?"),
                re.compile(rf"{re.escape(name[:2])}{title}"),
            ]
        tokens = name.split()
        families = "|".join(re.escape(t) for t in sorted({tokens[0], tokens[-1]}))
        honorific = _HONORIFICS.get(lang, "(?!)")
        return [
            re.compile(rf"(?<![\w-]){full}(?![\w-])"),
            re.compile(rf"(?<![\w-])(?:(?i:{title})|{honorific})\s+(?:{families})(?![\w-])"),
            re.compile(rf"(?<![\w-])(?:{families})(?![\w-])"),
        ]


def _same(one: Official, other: Official) -> bool:
    return (one.name, one.title, one.organisation) == (other.name, other.title, other.organisation)


def _generic_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """Where a text calls an organisation by what it is ("the university", "das Institut",
    "협회는", "同大学は"), the noun in the group ``noun``."""
    if not lex.generic_nouns:
        return None
    nouns = "|".join(re.escape(n) for n in sorted(lex.generic_nouns, key=len, reverse=True))
    if lex.language == "en":  # lowercase: "the University of …" is a name
        return re.compile(rf"\b[Tt]he (?P<noun>{nouns})\b(?!\s+(?:of|for)\b|['’]s)")
    if lex.language == "de":  # "die Universität Stuttgart", "das Institut für …" are names
        return re.compile(
            rf"\b(?:[Dd]ie|[Dd]as|[Dd]er|[Dd]em|[Dd]en|[Dd]es) (?P<noun>{nouns})\b"
            r"(?!\s+(?:[A-ZÄÖÜ]|für\b|des\b|der\b))"
        )
    if lex.language == "ko":
        return re.compile(rf"(?<![가-힣])(?P<noun>{nouns})(?=은|는|이|가|과|와|도|측)")
    return re.compile(rf"(?<![一-龥ァ-ヶー])同?(?P<noun>{nouns})(?=は|が|と|も|側)")


def has_word(name: str, noun: str, language: str) -> bool:
    """Whether an organisation's name is of the kind ``noun`` says: it ends so in Korean
    and Japanese ("재영한인과학자협회"), has the word in English and German."""
    if language in ("ko", "ja"):  # "대학" of "부산대학교", "大" (of "同大") of "東北大学"
        return re.search(rf"{re.escape(noun)}[교学]?$", name) is not None
    if noun in _COMPANY_NOUNS and _COMPANY_FORM.search(name):
        return True  # "the company" of "Helix Biosystems Inc.", "das Unternehmen" of "… AG"
    return noun in re.split(r"[\s-]+", name.casefold())


#: Words of many names, none of which a name is called by alone.
_COMMON_NAME_WORDS = frozenset(
    {"national", "international", "federal", "advanced", "applied", "technical",
     "technological", "technology", "science", "sciences", "research", "standards",
     "energy", "royal", "state", "general", "institute", "institut", "university",
     "universität", "technische", "technologie", "forschung", "wissenschaft", "deutsches",
     "deutsche", "nationale", "korea", "korean", "japan", "japanese", "american",
     "european", "german", "british", "french", "new", "north", "south", "east", "west",
     "central"}
)  # fmt: skip
#: Nouns for a company ("the company", "das Unternehmen"): any name in a legal form is one.
_COMPANY_NOUNS = frozenset({"company", "firm", "unternehmen", "firma", "konzern"})
#: How a company's name ends: its first word is its brand ("Helix Biosystems Inc.").
_COMPANY_FORM = re.compile(r"\s(?:Inc\.?|Ltd\.?|Corp\.?|Corporation|AG|GmbH|SE|plc|Co\.)$")


def _distinctive_word(name: str, lex: Lexicon) -> str | None:
    """The one word of a Latin-script name that news may call it by ("Strathclyde" of
    "University of Strathclyde", "Helix" of "Helix Biosystems Inc."), if it has one."""
    words = [w for w in name.split() if w[:1].isupper() and len(w) >= 4 and not w.isupper()]
    suffixes = {w.casefold() for w in [*lex.organisation_suffixes, *lex.generic_nouns]}
    countries = {w.casefold() for ws in lex.countries.values() for w in ws}
    own = [
        w for w in words
        if w.casefold() not in suffixes | countries | _COMMON_NAME_WORDS and "-" not in w
    ]  # fmt: skip
    if _COMPANY_FORM.search(name) and own and name.startswith(own[0]):
        return own[0]
    return own[0] if len(own) == 1 else None


def _shortens(short: str, name: str, acronyms: set[str]) -> bool:
    """Whether the Latin-script ``short`` is ``name`` as news shortens it, an acronym
    standing for some of its words: "Fraunhofer ILT" of "Fraunhofer-Institut für
    Lasertechnik ILT", "Fraunhofer IPMS" of "Fraunhofer-Institut für Photonische
    Mikrosysteme" introduced as "(IPMS)", "TU Dresden" of "Technische Universität
    Dresden". Every word of ``short`` is a word of ``name``, one of its ``acronyms``, or
    the initials of capitalised words of it in a row; one of them is an acronym."""
    words = short.split()
    if len(words) < 2 or len(short) >= len(name):
        return False
    acronyms = {word for acronym in acronyms for word in acronym.split()}  # "Fraunhofer ISE"
    parts = re.split(r"[\s-]+", name)
    capitals = [w[0] for w in parts if w[:1].isupper()]
    initials = "".join(capitals)
    acronym = False
    for word in words:
        if word in parts and not (word.isupper() and len(word) > 1):
            continue
        stands_for = word in acronyms or word in parts or word in initials
        if word.isupper() and len(word) > 1 and stands_for:
            acronym = True
            continue
        return False
    return acronym


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` takes its characters from ``name`` in order ("천문연" of
    "한국천문연구원", "産総研" of "産業技術総合研究所")."""
    position = 0
    for character in short:
        position = name.find(character, position) + 1
        if position == 0:
            return False
    return len(short) < len(name)
