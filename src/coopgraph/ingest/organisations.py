"""Organisations the data does not know, found by how news writes their names.

Two signs make a name an organisation's:

* it ends in an organisation word of the lexicon ("한국기계연구원", "Fraunhofer Institute
  for Ceramic Technologies", "理化学研究所", "Physikalisch-Technische Bundesanstalt");
* it is spelled out before its acronym in brackets ("연방물리기술청(PTB)", "Economic
  Development Board (EDB)", "新エネルギー・産業技術総合開発機構（NEDO）"). In Latin script
  the acronym's letters must stand in the name in order (EDB in Economic Development Board,
  so "artificial intelligence (AI)" is no organisation's); in Korean and Japanese the name
  must end as organisations' names end (청, 원, 機構, 省 …). Acronyms of things, not bodies
  (AI, ICT, ESS …), are never read so.

A name is cut to the organisation: a leading article ("The", "Die") goes, and so does a
country's possessive ("Germany's Fraunhofer …", "the UK's National Physical Laboratory",
"Singapurs Economic Development Board"), which gives the organisation its country instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from coopgraph.ingest.lexicon import Lexicon, Token, country_codes, lexicon, tagged

__all__ = [
    "ACRONYM", "ACRONYM_IN_BRACKETS", "KO_PARTICLE_STARTS", "NOT_BODIES", "SHORT_NAME",
    "NewOrganisation",
    "conjoined", "new_organisations", "stands_for",
]  # fmt: skip


@dataclass(frozen=True)
class NewOrganisation:
    """A name in a sentence (offsets in it) and the country its possessive gave, if any."""

    name: str
    start: int
    end: int
    country: str | None = None


#: Acronyms of things rather than bodies: a name before them is no organisation's.
NOT_BODIES = frozenset(
    {"AI", "ICT", "IOT", "IT", "R&D", "ESS", "EV", "DB", "QIS", "LLM", "GDP", "CEO", "CTO",
     "COO", "CFO", "MOU", "MOA", "LOI", "MD-PHD", "NDA", "API", "GPU", "CPU", "HPC", "CCUS",
     "SMR", "PV"}
)  # fmt: skip
#: How Korean and Japanese names of organisations end ("연방물리기술청", "科学技術振興機構").
_KO_ENDS = re.compile(r"(?:[청원소처부회관국단대]|센터|기구|대학|학교|재단|공단|공사|협회|본부)$")
_JA_ENDS = re.compile(r"(?:[省庁会局部院所社]|機構|センター|大学|協会|財団|法人|機関)$")
#: An acronym in brackets: "(ETRI)", "（NMIJ）", "(A*STAR)", "(TU Delft)".
ACRONYM_IN_BRACKETS = (
    r"[(（](?P<acronym>[A-Z][A-Za-z0-9*&-]{1,11}(?:\s[A-Z][A-Za-z0-9&-]{1,11})?)"
    r"(?:[、，,]\s?[^()（）]{1,20})?[)）]"  # ("(NIMS、茨城県つくば市)": and where it is)
)
_ARTICLE = re.compile(r"(?:The|the|Die|Der|Das|die|der|das)\s+")
#: Words that may join the capitalised words of a Latin name ("Agency for Science,
#: Technology and Research", "Institut für Siliziumtechnologie").
_JOINERS = r"of|for|and|the|on|in|für|und|der|des|de|du|la"


def new_organisations(text: str, lex: Lexicon) -> list[NewOrganisation]:
    """The organisations ``text`` names by either sign, in order, none overlapping."""
    # spelled out before its acronym first: "物質・材料研究機構（NIMS）" is the whole name,
    # where the organisation word alone would find "材料研究機構"
    found = _bracketed(text, lex)
    if lex.language == "en":  # "NPL and Canada's National Research Council (NRC)": two
        found = [part for f in found for part in _split_at_and(f, lex)]
    suffixed = [_cut(*_after_acronym(m.group(1).strip(), m.start(1)), lex)
                for m in _suffixed(lex.language).finditer(text)]  # fmt: skip
    if lex.language in _OTHER_LATIN:
        # "das indische Department of Science and Technology", "Germany's
        # Fraunhofer-Gesellschaft": English names in German text, German ones in English
        other = lexicon(_OTHER_LATIN[lex.language])
        others = [_cut(*_after_acronym(m.group(1).strip(), m.start(1)), other)
                  for m in _suffixed(other.language).finditer(text)]  # fmt: skip
        if lex.language == "de":  # an English name has English in it: not "aus dem Home Office"
            others = [e for e in others if re.search(r" (?:of|for|and) ", e.name)]
        # the longer reading of a name both find ("Indian Institute of Science")
        suffixed = [f for f in suffixed
                    if not any(e.start <= f.start and f.end < e.end for e in others)]  # fmt: skip
        suffixed += [e for e in others
                     if not any(f.start < e.end and e.start < f.end for f in suffixed)]  # fmt: skip
    if lex.language == "en":  # "… Hospital of Pittsburgh and Osaka University Hospital"
        suffixed = [part for f in suffixed for part in _split_at_and(f, lex)]
    if lex.language in ("en", "de"):  # "Leibniz-Institut DSMZ": one name
        suffixed = [_with_acronym_after(text, _with_owner(text, f, lex)) for f in suffixed]
    companies = [
        _cut(_KO_PARTICLE.sub("", m.group()), m.start(), lex)
        for m in _COMPANY.get(lex.language, _NEVER).finditer(text)
    ]
    # (a short name after its country's possessive before the readings that do not place
    # it: "France's national aerospace research centre ONERA")
    for name in [*suffixed, *companies, *_korean_ministries(text, lex.language),
                 *_korean_described(text, lex.language), *_owned_short_names(text, lex),
                 *_apposed(text, lex.language), *_described_names(text, lex),
                 *_appositive_names(text, lex)]:  # fmt: skip
        if not any(f.start < name.end and name.start < f.end for f in found):
            found.append(name)
    if lex.language == "ja":
        found = [_with_kana(text, f) for f in found]
    elif lex.language in ("en", "de"):
        found = [_with_dashed_lead(text, f) for f in found]
    if lex.language == "de":  # "das koreanische Forschungsinstitut KIST Europe": what it is
        found = [f for f in found if " " in f.name or not _named_after(text, f, found)]
    # neither people's words ("박사후연구원") nor an organisation word alone ("dem belgischen
    # Forschungszentrum imec": what it is, not its name)
    excluded = {*lex.not_organisations, *lex.organisation_suffixes}
    return sorted(
        (f for f in found
         if f.name not in excluded and not _JOINT.match(f.name) and _whole_word(text, f, lex)),
        key=lambda f: f.start,
    )  # fmt: skip


#: A Korean ministry in Japanese text, which names it as Seoul does, in 部 ("韓国の科学技術情報
#: 通信部", "韓国産業通商資源部"): 部 alone ends too many words (本部, 一部, 幹部) to be an
#: organisation word, so only after Korea's name.
_JA_KOREAN_MINISTRY = re.compile(
    r"(?:韓国の?|(?<![一-龥])韓)(?P<name>[一-龥ー・]{1,12}?(?<![本学一全内外北南東西中幹支])部)"
    r"(?=[はがとのもや、（(]|$)"
)


#: What a Korean text says a foreign company or body is, between its country and its name:
#: "독일 통신사 도이치텔레콤과", "핀란드 통신장비 기업 노키아와".
_KO_DESCRIBED_KINDS = "통신사|기업|업체|제조사|회사|대기업|스타트업|연구기관|전문기업"


@functools.cache
def _korean_described_pattern() -> re.Pattern[str]:
    countries = "|".join(sorted(map(re.escape, country_codes("ko")), key=len, reverse=True))
    return re.compile(
        rf"(?<![가-힣])(?P<country>{countries})\s(?:[가-힣·]+\s){{0,2}}?(?:{_KO_DESCRIBED_KINDS})"
        r"\s(?P<name>[가-힣A-Za-z0-9]{2,12}?)(?=(?:과|와|은|는|이|가|도|의|를|을)(?:\s|도|,|$))"
    )


def _korean_described(text: str, language: str) -> list[NewOrganisation]:
    """A name a Korean text gives after its country and what it is ("독일 통신사
    도이치텔레콤과"), in that country."""
    if language != "ko":
        return []
    codes = country_codes("ko")
    return [NewOrganisation(m["name"], m.start("name"), m.end("name"), codes[m["country"]])
            for m in _korean_described_pattern().finditer(text)]  # fmt: skip


def _korean_ministries(text: str, language: str) -> list[NewOrganisation]:
    """Korean ministries a Japanese text names (:data:`_JA_KOREAN_MINISTRY`), in Korea."""
    if language != "ja":
        return []
    return [NewOrganisation(m["name"], m.start("name"), m.end("name"), "KR")
            for m in _JA_KOREAN_MINISTRY.finditer(text)]  # fmt: skip


def _named_after(text: str, word: NewOrganisation, found: list[NewOrganisation]) -> bool:
    """Whether another name follows ``word`` at once, as a name follows what it is."""
    return any(f.start == word.end + 1 and text[word.end] == " " for f in found)


def _whole_word(text: str, found: NewOrganisation, lex: Lexicon) -> bool:
    """Whether a Korean name ending in a one-syllable organisation word ("교육부", "특허청")
    is a word of its own: no "부" of "내년부터" or "장려하는 부분"; and a Japanese
    prefecture a party, not a place."""
    if lex.language == "ja" and found.name.endswith("県"):
        # a party where a party stands ("熊本県は", "新竹県と"); not "同県", "両県", nor the
        # place of "茨城県つくば市で"
        after = text[found.end : found.end + 1]
        return (
            len(found.name) >= 3
            and found.name[0] not in "同両各本当全"
            and "都道府県" not in found.name
            and after in _JA_PARTY
        )
    if lex.language != "ko" or found.name[-1:] not in ("부", "청", "현", "주"):
        return True
    after = text[found.end : found.end + 1]
    if found.name.endswith(_KO_NOT_BODIES):  # "과제신청은", "협조요청을", "탄소중립실현을"
        return False
    if found.name[-1] in "현주":
        # a region of four syllables or more where a party stands ("후쿠오카현과",
        # "워싱턴주는"); "민병주" is a person, "사이타마현 와코시" a place
        return len(found.name) >= 4 and " " not in found.name and after in KO_PARTICLE_STARTS
    return (
        " " not in found.name
        and len(found.name) >= 3
        and (not after or not "가" <= after <= "힣" or after in KO_PARTICLE_STARTS)
    )


#: What follows a Japanese name standing as a party (not "、": "千葉県、茨城県の企業").
_JA_PARTY = frozenset("はがとも")
#: Words ending as Korean agencies and regions do that name none.
_KO_NOT_BODIES = ("신청", "요청", "초청", "실현", "표현", "구현", "재현", "발현", "출현", "일부")
#: The first syllables of the particles that may follow a Korean name.
KO_PARTICLE_STARTS = frozenset("은는이가와과의를을도에로만측")


#: A company by its legal form: "株式会社クオンタムリンク", "トヨタ自動車株式会社",
#: "㈜시그널웨이브", "(주)퀀텀아이".
_COMPANY = {
    "ja": re.compile(
        r"株式会社[ァ-ヶー一-龥A-Za-z0-9・]{2,20}?(?=[（(、。ぁ-ん」）)]|$)"
        r"|(?<![ァ-ヶー一-龥A-Za-z0-9])[ァ-ヶー一-龥A-Za-z0-9・]{2,20}株式会社"
    ),
    "ko": re.compile(r"(?:㈜|\(주\)|주식회사 ?)[가-힣A-Za-z0-9]{2,20}"),
}
_NEVER = re.compile(r"(?!)")
#: A Korean particle closing a company's name as written ("㈜퀀텀아이와"); not 이, which
#: ends many names.
_KO_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z0-9]{2})(?:은|는|가|와|과|의|를|을|도|에서|에)$")
#: What partners set up together, not one of them: "공동연구센터를 개소", "共同研究所",
#: "理研-マックス・プランク連携研究センター", "国際共同研究所".
_JOINT = re.compile(
    r"(?:공동|共同|合同|国際共同|.*(?:連携|共同|공동)(?:研究|연구)?(?:センター|研究所|ラボ|센터|연구소))"
)


#: The other Latin-script language whose names news in one language quotes.
_OTHER_LATIN = {"en": "de", "de": "en"}
#: An acronym written on after a name, without brackets: "Leibniz-Institut DSMZ",
#: "Fraunhofer-Institut für Photonische Mikrosysteme IPMS".
_ACRONYM_AFTER = re.compile(
    r" (?P<acronym>[A-Z]{2,}[A-Za-z]*)\b(?![-(（])(?!\s*[(（])(?!\s+[A-ZÄÖÜ])"
)


#: An acronym standing alone: "RIKEN", "A*STAR", "KAIST".
_ACRONYM_ALONE = re.compile(r"[A-Z][A-Z0-9*&-]+")
#: A short name as acronyms are written, of at most a dozen characters: "LNE", "A*STAR".
ACRONYM = r"[A-Z][A-Z0-9*&-]{1,11}"


#: A name beginning with an owner's possessive: "Canada's National Research Council".
_POSSESSIVE_START = re.compile(r"[A-Z][\w.*&-]*['’]s ")


def _whole_name(name: str, lex: Lexicon) -> bool:
    """Whether ``name`` reads as an organisation's whole name: it ends in an organisation
    word, or names what it is of ("Hospital of Pittsburgh"), or is an acronym."""
    return (
        any(name.endswith(f" {w}") for w in lex.organisation_suffixes)
        or re.search(r" (?:of|for) [A-Z]", name) is not None
        or (_ACRONYM_ALONE.fullmatch(name) is not None and name.upper() not in NOT_BODIES)
    )


def _split_at_and(found: NewOrganisation, lex: Lexicon) -> list[NewOrganisation]:
    """Two names an "and" joined into one when what follows it ends in an organisation word
    of its own ("UPMC Children's Hospital of Pittsburgh and Osaka University Hospital"); one
    name when it does not ("Ministry of Trade, Industry and Energy"); so are a name and an
    acronym ("National Research Council of Canada and RIKEN") or an owned name ("NPL and
    Canada's National Research Council")."""
    joints = list(re.finditer(r" and ", found.name))
    # "… of Canada and RIKEN", "NPL and Canada's National Research Council" (of several
    # "and"s, the one before the owned name: "Department of Industry, Science and Resources
    # and India's Department …")
    owned = [j for j in joints
             if (_ACRONYM_ALONE.fullmatch(found.name[j.end() :])
                 and found.name[j.end() :].upper() not in NOT_BODIES)  # "… of Electronics and IT"
             or _POSSESSIVE_START.match(found.name[j.end() :])]  # fmt: skip
    # "UPMC Children's Hospital of Pittsburgh and Osaka University Hospital": both names
    # ("Japan Science and Technology Agency" is one)
    both = [j for j in joints
            if found.name[j.end() : j.end() + 1].isupper()
            and _whole_name(found.name[j.end() :], lex)
            and _whole_name(found.name[: j.start()], lex)]  # fmt: skip
    for joint in [*owned, *both][:1]:
        first, rest = found.name[: joint.start()], found.name[joint.end() :]
        return [
            NewOrganisation(first, found.start, found.start + len(first), found.country),
            _cut(rest, found.start + joint.end(), lex),  # "Canada's …": Canada's
        ]
    return [found]


def _with_owner(text: str, found: NewOrganisation, lex: Lexicon) -> NewOrganisation:
    """A name with the country whose possessive stands right before it ("Germany's
    Fraunhofer Institute …", "Korea's Ministry of …"), the possessive no part of it."""
    if found.country is not None:
        return found
    owner = _owner_before(lex.language).search(text, 0, found.start)
    if owner is None:
        return found
    return replace(found, country=country_codes(lex.language)[owner["country"]])


@functools.cache
def _owner_before(language: str) -> re.Pattern[str]:
    """A country's possessive right before a name."""
    return re.compile(rf"\b{_possessive(language)}$")


def _with_acronym_after(text: str, found: NewOrganisation) -> NewOrganisation:
    """The name with the acronym written on after it ("Leibniz-Institut DSMZ"): one name,
    not an organisation word and another organisation."""
    after = _ACRONYM_AFTER.match(text, found.end)
    if after is None or after["acronym"].upper() in NOT_BODIES:
        return found
    return replace(found, name=text[found.start : after.end()], end=after.end())


#: A name's own first part before a dash: "Charité – Universitätsmedizin Berlin".
_DASHED_LEAD = re.compile(
    r"\b(?:Die|Das|Der|die|das|der|dem|den|des|The|the)\s+(?P<lead>[A-ZÄÖÜ][\w'’.-]+) [–—] $"
)


def _with_dashed_lead(text: str, found: NewOrganisation) -> NewOrganisation:
    """A name whose first part stands before a dash, as some institutions write theirs
    ("Die Charité – Universitätsmedizin Berlin"): the whole name. Only after an article: a
    dateline ("BERLIN – …", "Dresden – …") is no part of a name."""
    window = max(0, found.start - 60)
    lead = _DASHED_LEAD.search(text[window : found.start])
    if lead is None:
        return found
    start = window + lead.start("lead")
    return NewOrganisation(text[start : found.end], start, found.end, found.country)


def _with_kana(text: str, found: NewOrganisation) -> NewOrganisation:
    """A Japanese name whose words before the ones found are written in hiragana ("国立が
    ん研究所" found as "研究所"): the whole compound noun Sudachi reads, back to a particle."""
    if found.start == 0 or not "ぁ" <= text[found.start - 1] <= "ゖ":
        return found
    tokens = tagged(text, "ja")
    position = next((i for i, t in enumerate(tokens) if t.start <= found.start < t.end), None)
    if position is None or not _in_compound(tokens[position]):
        return found
    while (
        position
        and tokens[position - 1].end == tokens[position].start
        and _in_compound(tokens[position - 1])
    ):
        position -= 1
    start = min(tokens[position].start, found.start)
    return NewOrganisation(text[start : found.end], start, found.end, found.country)


def _in_compound(token: Token) -> bool:
    """Whether a Japanese word may stand in a compound noun: a noun (not a number, not a
    time such as "昨年") or a prefix."""
    kind = token.tag.split(",")
    if "副詞可能" in kind:  # "昨年", "今回": when, not what
        return False
    return (kind[0] == "名詞" and kind[1] != "数詞") or kind[0] == "接頭辞"


#: An acronym and "and" leading a name ("KAIST and Imperial College"): two organisations.
_ACRONYM_AND = re.compile(r"[A-Z]{2,}[A-Za-z*]*\s+(?:and|und)\s+(?=[A-Z])")


def _after_acronym(name: str, start: int) -> tuple[str, int]:
    """The name after a leading "ACRONYM and", which names another organisation."""
    if (lead := _ACRONYM_AND.match(name)) is not None:
        return name[lead.end() :], start + lead.end()
    return name, start


#: A name as short as an acronym ("TNO", "KIST Europe"): an article uses it as it is.
SHORT_NAME = r"[A-Z]{2,}[A-Za-z]*(?:\s+[A-Z][a-z]+)?"
#: A short name standing after what the organisation is: "die Forschungsorganisation TNO",
#: "das koreanische Forschungsinstitut KIST Europe", "the Dutch research organisation TNO".
_APPOSED = {
    # ("die chinesische Normungsverwaltung SAC": what it is, compounded)
    "de": re.compile(
        r"\b[\w-]*?(?:[Oo]rganisation|[Ii]nstitut|[Zz]entrum|[Bb]ehörde|[Hh]ersteller|[Uu]nternehmen"
        r"|verwaltung|agentur|gesellschaft|konzern|verband|rat|ministerium|universität"
        rf"|hochschule|labor)\s+(?P<name>{SHORT_NAME})\b"
    ),
    "en": re.compile(
        r"\b(?:organi[sz]ation|institute|agency|company|firm|manufacturer|laboratory|centre|"
        rf"center)\s+(?P<name>{SHORT_NAME})\b"
    ),
    # "ノルウェーの研究機関SINTEFと", "벨기에 연구기관 imec과"
    "ja": re.compile(
        rf"(?:研究機関|研究所|機関|企業|メーカー|大手)(?P<name>{SHORT_NAME}|[a-z]{{3,8}})(?![A-Za-z])"
    ),
    "ko": re.compile(
        rf"(?:연구기관|연구소|기관|기업|업체)\s?(?P<name>{SHORT_NAME}|[a-z]{{3,8}})(?![A-Za-z])"
    ),
}


#: A company's name after what the company makes or is ("Laserhersteller Toptica Photonics",
#: "chipmaker Intel Corp", "Aero-engine maker Rolls-Royce"), or a region's after what it is
#: ("Provinz Québec", "Land Schleswig-Holstein", "Gyeonggi Province", "Free State of
#: Bavaria"): capitalised words, as many as there are.
_LATIN_WORD = r"[A-ZÄÖÜ][^\W_]*(?:[&+.'’-][^\W_]+)*\.?"
_DESCRIBED_NAMES = {
    "de": re.compile(
        r"(?:\b[\w-]*(?:hersteller|konzern|zulieferer|anbieter|betreiber)|\bStart-?up"
        r"|\bAusgründung)\s+"
        rf"(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD}){{0,3}})"
        r"|\b(?P<region>(?:Land|Provinz|Region|Präfektur|Kanton|Bundesstaat|Bundesland)\s+"
        rf"{_LATIN_WORD})"
    ),
    "en": re.compile(
        r"(?:\b[\w-]*maker|\bmanufacturer|\bproducer|\bsupplier|\bstart-?up|\bgroup"
        r"|\bgiant|\bconglomerate|\boperator|\bdeveloper"
        # ("Toronto-based Xanadu": where a company is based, then its name)
        r"|\b[A-Z][\w.]*-(?:based|headquartered))\s+"
        rf"(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD}){{0,3}})"
        r"|\b(?P<region>(?:Free\s+State|Province|Prefecture|State|Canton|Region)\s+of\s+"
        rf"{_LATIN_WORD}|{_LATIN_WORD}\s+(?:Province|Prefecture|Prefectural\s+Government"
        r"|Metropolitan\s+Government|Regional\s+Government|City\s+Council)\b)"
    ),
}


#: A word describing what follows, not a name: "Glasgow-based", "state-owned".
_DESCRIBING = re.compile(r"-(?:based|headquartered|owned|led|funded|backed|listed)$")
#: A place named as where something is: "aus dem", "in der", "im", "from the", "in".
_WHERE_FROM = re.compile(
    r"\b(?:aus|in|im|nach|from)(?:\s+(?:dem|der|den|the))?\s+(?:[\w]+-)?$"  # ("US-")
)


#: A name followed by what the organisation is, in commas: "Mitacs, the Canadian non-profit
#: that funds …", "PhotonDelta, the Dutch national photonics ecosystem organisation,". The
#: words between the article and the kind describe it; none is a preposition, so that "Jane
#: Lee, a researcher at the institute" is no institute's name.
_APPOSITIVE = re.compile(
    rf"(?<![\w&+-])(?P<name>{_LATIN_WORD}(?:\s+(?:&\s+)?{_LATIN_WORD}){{0,3}}),\s+"
    r"(?:the|a|an)\s+(?:(?!(?:at|of|in|for|from|with|to|on|and|who|which|that)\b)[\w-]+\s+){0,4}?"
    r"(?:non-?profit|organi[sz]ation|consortium|company|firm|start-?up|agency|association"
    r"|network|cluster|alliance|foundation|charity|operator|group|institute|university"
    r"|laboratory|lab|cent(?:re|er)|hub|conglomerate|[\w-]*maker|manufacturer|developer"
    r"|supplier|provider|utility)\b(?![-’'])"
)


def _appositive_names(text: str, lex: Lexicon) -> list[NewOrganisation]:
    """English names told by an apposition of what they are (:data:`_APPOSITIVE`), placed by
    a country's word in it ("the Dutch … organisation"). Not countries, places, people
    with a title, or the words a sentence opens with."""
    if lex.language != "en":
        return []
    countries = country_codes(lex.language)
    titles = {t.casefold() for t in lex.titles}
    found = []
    for match in _APPOSITIVE.finditer(text):
        name = match["name"]
        if (
            name in countries
            or name in lex.places
            or _NOT_NAMES.match(name)
            or any(w.casefold() in titles for w in name.split())
        ):
            continue
        described = text[match.end("name") : match.end()]
        country = next((code for word, code in countries.items()
                        if re.search(rf"\b{re.escape(word)}\b", described)), None)  # fmt: skip
        found.append(NewOrganisation(name, match.start("name"), match.end("name"), country))
    return found


def _owned_short_names(text: str, lex: Lexicon) -> list[NewOrganisation]:
    """A short name after a country's possessive, what it is said after it or nothing:
    "Japan's RIKEN research institute", "Belgium's imec", "Singapore's EDB"; in German
    after an article and the country's adjective: "dem koreanischen KIST"."""
    if lex.language not in ("en", "de"):
        return []
    codes = country_codes(lex.language)
    pattern = _owned_short_pattern(lex.language)
    return [
        NewOrganisation(m["name"], m.start("name"), m.end("name"), codes.get(m["country"]))
        for m in pattern.finditer(text)
        if m["name"].upper() not in NOT_BODIES
    ]


@functools.cache
def _owned_short_pattern(language: str) -> re.Pattern[str]:
    if language == "de":
        adjectives = "|".join(sorted((re.escape(w) for w in country_codes("de") if w[:1].islower()),
                                     key=len, reverse=True))  # fmt: skip
        return re.compile(
            rf"\b(?:dem|der|das|des|den|die)\s+(?P<country>{adjectives})\s+"
            rf"(?P<name>{ACRONYM}(?=\s+(?:[a-zäöü]|und\b)|[,.;]|$))"
        )
    return re.compile(
        _possessive("en")
        # what it is, between the possessive and the name ("Australia's national science
        # agency, CSIRO", "France's national aerospace research centre ONERA")
        + r"(?:(?:[a-z][\w-]*\s+){0,4}?(?:agency|institute|laborator(?:y|ies)|organi[sz]ation"
        r"|body|cent(?:re|er)|council|regulator|operator)(?:,\s+|\s+))?"
        rf"(?P<name>{ACRONYM}(?=\s+[a-z]|[,.;]|$)"
        # a brand in small letters only before what it is ("imec research centre", not
        # "Korea's vice minister")
        r"|[a-z]{3,8}(?=\s+(?:research|institute|cent(?:re|er)|company|group|lab)|[,.;]|$))"
    )


def _described_names(text: str, lex: Lexicon) -> list[NewOrganisation]:
    """Companies and regions named after what they are (:data:`_DESCRIBED_NAMES`); a
    country's word before them places them later, as it places any name ("die kanadische
    Provinz Québec")."""
    pattern = _DESCRIBED_NAMES.get(lex.language)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        group = "name" if match["name"] else "region"
        name = match[group]
        words = name.split()
        while words and words[-1] in ("And", "Und"):
            words.pop()
        if not words or " ".join(words) in lex.places:
            continue
        if group == "region" and _WHERE_FROM.search(text[: match.start(group)]):
            continue  # "das PNNL aus dem Bundesstaat Washington": where it is, no party
        name = " ".join(words)
        found.append(NewOrganisation(name, match.start(group), match.start(group) + len(name)))
    return found


def _apposed(text: str, language: str) -> list[NewOrganisation]:
    pattern = _APPOSED.get(language)
    if pattern is None:
        return []
    countries = country_codes(language)
    found = []
    for match in pattern.finditer(text):
        # "ノルウェーの研究機関SINTEF", "벨기에 연구기관 imec": the country before what it is
        before = text[: match.start()].rstrip().removesuffix("の").rstrip()
        country = next((code for word, code in countries.items() if before.endswith(word)), None)
        found.append(NewOrganisation(match["name"], match.start("name"), match.end("name"),
                                     country))  # fmt: skip
    return found


def _bracketed(text: str, lex: Lexicon) -> list[NewOrganisation]:
    found = []
    named = {m.start("acronym"): m for m in _bracketed_pattern(lex.language).finditer(text)}
    for bracket in re.finditer(ACRONYM_IN_BRACKETS, text):
        acronym = bracket["acronym"]
        if acronym.upper() in NOT_BODIES:
            continue
        match = named.get(bracket.start("acronym"))
        cut: int | None = 0
        if match is None:  # no capitalised name: "… recherche scientifique (CNRS)"
            if lex.language in ("ko", "ja"):
                continue
            name, start, cut = _with_lowercase(text, bracket.start(), acronym)
        else:
            name, start = match["name"].strip(), match.start("name")
            # "비즈니스 핀란드(Business Finland)": a name spelled out in Latin letters in
            # the bracket is an organisation's, its Korean words as many as the Latin ones
            spelled = " " in acronym and lex.language in ("ko", "ja")
            if spelled and lex.language == "ko":
                name, start = _korean_words(text, start, len(acronym.split()))
            if lex.language == "ko":
                cut = 0 if spelled or _KO_ENDS.search(name) else None
            elif lex.language == "ja":
                cut = 0 if spelled or _JA_ENDS.search(name) else None
            else:
                cut = _spelled_out(name, acronym, lex.language)
                if cut is None:
                    name, start, cut = _with_lowercase(text, bracket.start(), acronym)
        if cut is None:
            continue
        found.append(_cut(name[cut:], start + cut, lex))
    return found


def _korean_words(text: str, start: int, count: int) -> tuple[str, int]:
    """The ``count`` Korean words ending where the word at ``start`` ends, and where they
    start ("비즈니스 핀란드" for two), less a country's word they begin with (it places the
    name, :func:`coopgraph.ingest.extract._country_before` reads it)."""
    end = start
    while end < len(text) and "가" <= text[end] <= "힣":
        end += 1
    words = list(re.finditer(r"[가-힣]+", text[:end]))[-count:]
    countries = country_codes("ko")
    while len(words) > 1 and words[0].group() in countries:
        words = words[1:]  # "일본 규슈대학(Kyushu University)": a country's word, no name's
    first = words[0].start() if words else start
    if not _KOREAN_WORDS.fullmatch(text[first:end]):
        first = start  # ("…, 핀란드": words a comma parts are no one name)
    return text[first:end], first


#: Korean words one space apart.
_KOREAN_WORDS = re.compile(r"[가-힣]+(?: [가-힣]+)*")


def _with_lowercase(text: str, bracket: int, acronym: str) -> tuple[str, int, int | None]:
    """The up to eight words before a bracket, lowercase ones too (French and Italian names
    write them so: "Laboratoire national de métrologie et d'essais (LNE)", "Istituto
    Nazionale di Ricerca Metrologica (INRIM)"), cut where a capitalised word begins that
    the acronym's letters follow in order, the last in the last word and most of them
    words' initials (elisions aside: "d'essais" begins with e)."""
    before = text[:bracket].rstrip(" (（")
    words = list(re.finditer(r"[^\s,]+", before))[-8:]
    if not words:
        return "", 0, None
    start = words[0].start()
    name = before[start:]
    letters = [c.casefold() for c in acronym if c.isalpha()]
    for word in re.finditer(r"[^\s,]+", name):
        if not word.group()[:1].isupper() or word.group()[0].casefold() != letters[0]:
            continue
        parts = [_ELISION.sub("", w).casefold() for w in name[word.start() :].split()]
        initials = [w[:1] for w in parts]
        if (
            _in_order(letters, " ".join(parts))
            and letters[-1] in parts[-1]
            and _initials_in_order(letters, initials) * 2 > len(letters)
        ):
            return name, start, word.start()
    return name, start, None


#: An elided article or preposition written onto a French or Italian word: "d'", "l'".
_ELISION = re.compile(r"^(?:[dlDL]|dell|all|nell)['’]")


def _in_order(letters: list[str], text: str) -> bool:
    """Whether ``letters`` stand in ``text`` in this order, anything between."""
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _initials_in_order(letters: list[str], initials: list[str]) -> int:
    """How many of ``letters`` match ``initials`` in order, skipping initials."""
    matched, position = 0, 0
    for letter in letters:
        if letter in initials[position:]:
            position = initials.index(letter, position) + 1
            matched += 1
    return matched


def stands_for(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: its first letter begins a word or a
    hyphenated part of it, the other letters follow in order ("IPMS" of "Fraunhofer-Institut
    für Photonische Mikrosysteme"; not "RIKEN" of "Forschungszentrum")."""
    letters = [c.casefold() for c in acronym if c.isalpha()]
    parts = re.split(r"[\s-]+", name)
    return bool(letters) and any(
        part[:1].casefold() == letters[0]
        and _in_order(letters[1:], " ".join(parts[index:]).casefold()[1:])
        for index, part in enumerate(parts)
    )


def _spelled_out(name: str, acronym: str, language: str) -> int | None:
    """Where in ``name`` the words the acronym abbreviates begin (the leftmost word from
    which its letters follow in order, starting with its first), or None."""
    letters = [c.casefold() for c in acronym if c.isalpha()]
    for word in re.finditer(r"[^\s,]+", name):
        owned = _owner(language).match(name, word.start()) is not None
        if word.group()[0].casefold() != letters[0] and not owned:
            continue
        if _in_order(letters, name[word.start() :].casefold()):
            return word.start()
    return None


def _cut(name: str, start: int, lex: Lexicon) -> NewOrganisation:
    """The name without a leading article or a country's possessive (kept as its country)."""
    if (article := _ARTICLE.match(name)) is not None:
        name, start = name[article.end() :], start + article.end()
    found = _cut_as_written(name, start, lex)
    return replace(found, name=_nominative(found.name, lex.genders)) if lex.genders else found


#: What a German company is, said before its name ("Chiphersteller", "Münchner Start-up"),
#: when the name ends in its legal form.
_DE_DESCRIBED = re.compile(
    r"(?:[A-ZÄÖÜ][\w-]*er\s+)?(?:[A-ZÄÖÜ][\w-]*(?:hersteller|bauer|konzern|spezialist|"
    r"spezialisten|anbieter|zulieferer|unternehmen|firma|dienstleister|händler)|Start-?up)\s+"
    r"(?=[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+(?:GmbH|AG|SE|KG)$)"
)
#: How a Japanese public body's name may begin after a country's initial.
_JA_PUBLIC = ("国立", "連邦", "王立")
#: The legal form before a Japanese public body's name.
_JA_LEGAL_FORM = re.compile(
    r"(?:国立大学法人|国立研究開発法人|独立行政法人|学校法人|公立大学法人|一般社団法人|"
    r"公益社団法人|一般財団法人|公益財団法人)"
)
_TRAILING_AND = re.compile(r"\s+(?:und|and)$")
#: A German adjective's ending in a name read after an article: "Deutschen", "Nationale"
#: (an adjective's stem: "-sch", "-lich", "-al" …; "Johannes", "Heine" are names).
_DECLINED = re.compile(
    r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]*(?:sch|lich|ig|al|ell|iv|är|ar))(?:en|em|es|e)$"
)
#: The ending a German adjective has in a name standing alone, by its noun's gender.
_STRONG = {"m": "er", "f": "e", "n": "es"}


def _nominative(name: str, genders: dict[str, str]) -> str:
    """A German name with the adjectives before its noun as the name itself has them
    ("Deutschen Institut für Normung" → "Deutsches Institut für Normung",
    "Physikalisch-Technischen Bundesanstalt" → "Physikalisch-Technische Bundesanstalt").
    Adjectives in -er ("Karlsruher Institut") are a place's, never declined, and a name
    whose noun's gender the lexicon does not give is left as written. A masculine or
    neuter noun loses its genitive -s ("Bundesministeriums für …")."""
    words = name.split(" ")
    for position, word in enumerate(words):
        noun = word.split("-")[-1]
        gender = next(
            (g for tail, g in genders.items() if noun.casefold().endswith(tail.casefold())), None
        )
        if gender is None and noun.endswith("s"):
            # the genitive of a masculine or neuter noun: "des Bundesministeriums für …"
            stem = noun[:-1].casefold()
            gender = next(
                (g for tail, g in genders.items() if g != "f" and stem.endswith(tail.casefold())),
                None,
            )
            if gender is not None:
                words[position] = word[:-1]
        if gender is None:
            continue
        for before in range(position):
            *joined, last = words[before].split("-")
            if (declined := _DECLINED.match(last)) is not None:
                words[before] = "-".join([*joined, declined["stem"] + _STRONG[gender]])
        return " ".join(words)
    return name


def _cut_as_written(name: str, start: int, lex: Lexicon) -> NewOrganisation:
    """The name less a country's possessive or initial, as the text writes it."""
    name = _TRAILING_AND.sub("", name)  # "Universität des Saarlandes und das …"
    if lex.language == "de" and (what := _DE_DESCRIBED.match(name)) is not None:
        # "Chiphersteller Infineon Technologies AG", "Münchner Start-up Planqc GmbH": what
        # the company is, then its name
        name, start = name[what.end() :], start + what.end()
    if lex.language == "ja" and (form := _JA_LEGAL_FORM.match(name)) and form.end() < len(name):
        # "国立大学法人東海大学" is 東海大学, as news names it
        name, start = name[form.end() :], start + form.end()
    # "独マックス・プランク研究所": Germany's, by its initial before a katakana name
    initial = name[0] if lex.language == "ja" and len(name) > 4 else ""
    # ("仏国立科学研究センター", "独連邦材料試験研究所": or before 国立, 連邦, 王立)
    if initial in lex.country_initials and ("ァ" <= name[1] <= "ヶ" or name[1:3] in _JA_PUBLIC):
        code = lex.country_initials[initial]
        return NewOrganisation(name[1:], start + 1, start + len(name), code)
    if lex.language in ("en", "de") and (owner := _owner(lex.language).match(name)):
        rest = name[owner.end() :]
        if rest[:1].isupper():
            code = country_codes(lex.language)[owner["country"]]
            return NewOrganisation(rest, start + owner.end(), start + owner.end() + len(rest),
                                   code)  # fmt: skip
    return NewOrganisation(name, start, start + len(name))


@functools.cache
def _country_words(language: str) -> str:
    """The lexicon's country words as alternatives of a pattern, longest first."""
    return "|".join(re.escape(w) for w in sorted(country_codes(language), key=len, reverse=True))


def _possessive(language: str) -> str:
    """A country's possessive: "Germany's", "the UK's", "Singapurs"."""
    words = _country_words(language)
    ending = r"(?:'s|’s)" if language == "en" else r"(?:s|'s)"
    return rf"(?:the\s+)?(?P<country>{words}){ending}\s+"


@functools.cache
def _owner(language: str) -> re.Pattern[str]:
    """A country's possessive leading a name: "Germany's ", "the UK's ", "Singapurs "."""
    return re.compile(_possessive(language))


@functools.cache
def _bracketed_pattern(language: str) -> re.Pattern[str]:
    if language == "ko":  # "물질·재료연구기구(NIMS)": a middle dot inside a name
        name = r"(?<![가-힣])(?P<name>[가-힣]+(?:·[가-힣]+)*)"
    elif language == "ja":
        name = r"(?P<name>[一-龥ァ-ヶー・]{2,24})"
    else:
        word = r"[A-ZÄÖÜ][\w&'’.*-]*"
        name = rf"(?P<name>{word}(?:,?\s+(?:{word}|(?:{_JOINERS})(?=\s+[A-ZÄÖÜ])))*)"
    return re.compile(rf"{name}\s?{ACRONYM_IN_BRACKETS}")


#: Organisation words German writes at the end of a compound ("Bundesministerium",
#: "Forschungsinstitut", "Bundesamt").
_DE_COMPOUND_ENDS = "ministerium|institut|universität|hochschule|anstalt|amt|agentur|behörde"


@functools.cache
def _suffixed(language: str) -> re.Pattern[str]:
    """Names ending in an organisation word: "한국기계연구원", "Fraunhofer Institute for
    Ceramic Technologies", "理化学研究所", "Physikalisch-Technische Bundesanstalt"."""
    lex = lexicon(language)
    suffixes = "|".join(
        re.escape(s) for s in sorted(lex.organisation_suffixes, key=len, reverse=True)
    )
    if language == "ko":
        pattern = rf"(?<![가-힣·])((?:[가-힣]+·)?[가-힣]{{2,14}} ?(?:{suffixes}))(?!들|터)"
    elif language == "ja":  # "マックス・プランク研究所": a dot only between katakana
        # ("物質・材料研究機構": or between kanji)
        pattern = (
            rf"((?:[一-龥ァ-ヶー]|(?<=[ァ-ヶー])・(?=[ァ-ヶー])|(?<=[一-龥])・(?=[一-龥]))"
            rf"{{1,14}}(?:{suffixes}))"
        )
    elif language == "de":
        word = r"[A-ZÄÖÜ][\w-]*"
        # "Forschungszentrum Jülich", "Universität Stuttgart": a place name may follow
        # (any letters: "Universität Concepción")
        place = r"(?:\s+(?!Und\b)[A-ZÄÖÜ][^\W\d_A-Z]+(?=[\s,.]|$))?"
        # "Bundesministerium für Bildung und Forschung", "Wissenschaftsministerium MEXT": an
        # organisation word closing a compound, when a complement or an acronym follows
        # (alone, "das Forschungsinstitut" is what it is, not its name)
        # "für Handel, Industrie und Energie": a comma in a list that "und" closes
        listed = rf",(?=\s+{word}(?:,\s+{word})*\s+und\s+{word})"
        compound = (
            rf"[A-ZÄÖÜ][a-zäöüß]+(?:{_DE_COMPOUND_ENDS})s?"  # (genitive -s)
            r"(?=\s+(?:für|der|des)\s+[A-ZÄÖÜ]|\s+[A-Z]{2,}\b)"
        )
        named = rf"(?:{word}[- ]){{0,3}}?(?:\w+-)?(?:{suffixes})s?\b"  # (genitive -s)
        pattern = (
            rf"((?:{named}|{compound})(?:\s+(?:für|der|des)\s+"
            rf"(?:{word}|und|\s|{listed})+|{place})?|Fraunhofer[- ](?:[A-Z]{{2,}}|"
            rf"Institut\w*(?:\s+für(?:\s+{word}|\s+und)+)?))"
        )
    else:
        # a capitalised word, not a country's possessive: "Korea's Ministry …" begins another
        # name ("the U.S. Department of Commerce and Korea's Ministry of Trade …" is two;
        # "Children's Hospital", "King's College" are names)
        capitalised = rf"(?!(?:{_country_words('en')})['’]s\b)[A-Z][\w&'’*-]*"
        word = rf"(?:{capitalised}|of|for|and)"
        # "Department of Industry, Science and Resources": a comma in a list "and" closes
        # (of words, not acronyms: "the Department of Commerce, KIAT and NIST" is three)
        field = r"[A-Z][a-z][\w'’-]*"
        listed = rf",(?=\s+{field}(?:,\s+{field})*\s+and\s+{field})"
        of_what = (
            rf"\s+(?:of|for)\s+(?:the\s+)?{capitalised}"
            rf"(?:(?:{listed})?\s+(?:and\s+)?{capitalised})*"
        )
        # "Institut Pasteur", "Université Paris-Saclay": the organisation word first
        # ("Istituto Nazionale di Ricerca Metrologica": the small words of those languages)
        small = r"(?:de|di|du|des|del|della|delle|per|la|le|et|e|y|d['’])"
        romance = (
            r"(?:Institut|Université|Universidad|Universidade|Istituto|Instituto|Centro|"
            rf"Consiglio)(?:\s+(?:{small}\s*)*[A-Z][\w-]+)+"
        )
        pattern = (
            rf"((?:Fraunhofer\s+[A-Z]{{2,}})|{romance}|(?:{capitalised}\s+)(?:{word}\s+){{0,5}}?"
            rf"(?:{suffixes})(?:{of_what})?|(?:{suffixes}){of_what})"
        )
    return re.compile(pattern)


#: A name listed with an organisation ("ETH Zurich and the National University of …",
#: "die ETH Zürich und die Siemens AG", "the City of Albuquerque", "대전시와 한국생명공학연구원").
_LATIN_NAME = (
    r"[A-ZÄÖÜ][\w&.'’*-]*(?:\s+(?:of|für|de)\s+[A-ZÄÖÜ][\w&.'’*-]*|\s+[A-ZÄÖÜ][\w&.'’*-]*){0,4}"
)
#: (a place after "aus", "in", "from" is where the name is: "KIST Europe aus Saarbrücken")
_LATIN_BEFORE = re.compile(
    rf"(?P<name>{_LATIN_NAME})(?:\s+(?:aus|in|from)\s+[A-ZÄÖÜ][\w-]+)?"
    r"\s*(?:,|\band\b|\bund\b)\s*(?:(?:the|das|die|der)\s+)?$"
)
_LATIN_AFTER = re.compile(
    r"(?:\s?[(（][^()（）]{1,20}[)）])?"  # past the name's bracket: "… (ETRI) and France's Inria"
    r"\s*(?:,\s*(?:and\s+|und\s+)?|\s+and\s+|\s+und\s+)(?:(?:the|das|die|der|dem)\s+)?"
    rf"(?P<name>{_LATIN_NAME})(?=\s|[,.;]|$)"
)
#: The abbreviations a company's name ends in, its full stop its own.
_ABBREVIATED_END = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Bros|e\.V)\.$")
#: A possessive, or a country's adjective joined to a name ("US-amerikanischen"): no name.
_NOT_A_NAME_START = re.compile(r"^(?:\S+(?:'s|’s)(?:\s|$)|[A-Z]{2,}-[a-zäöü])")
#: A name after "with" or "mit dem" that follows an agreement's or a cooperation's word:
#: the partner of a statement ("signed a contract … with General Atomics"), not of a
#: phrase ("in line with Horizon Europe", "coinciding with World Metrology Day").
_LATIN_PARTNER = {
    "en": re.compile(
        r"\b(?:signed|signs|agreed|agreement|contract|memorandum|MOU|MoU|LOI|arrangement|"
        r"partnership|collaboration|cooperation|worked|works|working|partnered|partners|deal|"
        r"ties|renewed)\b[^.;,]{0,60}?\s(?:with|between)\s+(?:the\s+)?"
        rf"(?P<name>{_LATIN_NAME})(?=\s|[,.;]|$)"
    ),
    "de": re.compile(
        r"\b(?:\w*[Vv]ereinbarung|\w*[Vv]ertrag|\w*[Aa]bkommen|Absichtserklärung|\w*[Kk]ooperation|"
        r"Zusammenarbeit|Partnerschaft|arbeitet|arbeiten|forscht|forschen|kooperiert|"
        r"kooperieren|unterzeichnet\w*)\b[^.;,]{0,60}?\s(?:mit|zwischen)\s+"
        rf"(?:dem|der|den)\s+(?P<name>{_LATIN_NAME})(?=\s|[,.;]|$)"
    ),
}
#: A Japanese list of names, "、" between them, ending where a party ends ("…と", "…は").
_JA_LIST = re.compile(
    r"(?:[一-龥ァ-ヶー・A-Za-z]{2,15}、)+[一-龥ァ-ヶー・A-Za-z]{2,15}(?=と|は|が|の\d)"
)
_JA_ITEM = re.compile(r"[一-龥ァ-ヶー・A-Za-z]{2,15}")


def _adverbial(text: str, item: re.Match[str]) -> bool:
    """Whether a Japanese list item is one word Sudachi reads as an adverb, a conjunction or
    a time ("同日", "一方", "また"), not a name."""
    words = [t for t in tagged(text, "ja") if item.start() <= t.start < item.end()]
    return len(words) == 1 and any(k in words[0].tag for k in ("副詞", "接続詞"))


#: A Korean name of an administration or a body before "와/과" and an organisation.
_KO_BEFORE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{1,10}(?:시|도|청|처|공단|재단|센터))(?:와|과)\s*$"
)
_NOT_NAMES = re.compile(
    r"^(?:\w+ly|Meanwhile|Also|However|Earlier|Later|Today|Yesterday|Last|Next|Further|"
    r"Furthermore|Moreover|Previously|Currently|Together|Under|Bereits|Zudem|Außerdem|"
    r"Ebenfalls|Auch|Dabei|Damit|Bisher|Zuvor|Inzwischen|Gleichzeitig|Darüber|Unabhängig|"
    r"The|A|An|In|On|At|By|For|With|From|Die|Der|Das|Am|Im|Mit|Und|And|Both|Beide|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Montag|Dienstag|Mittwoch|"
    r"Donnerstag|Freitag|Samstag|Sonntag|Anfang|Ende|Mitte|Frühjahr|Sommer|Herbst|Winter)"
    r"(?![\w*&-])"  # ("A*STAR" is no article "A")
)


def conjoined(text: str, lex: Lexicon, named: list[tuple[int, int]]) -> list[NewOrganisation]:
    """Names listed with an organisation already found, as the parties of a list are: the
    words before "and"/"und"/"와" and the one named, or after it; and in a sentence naming
    one, its partner after "with" or "mit dem". Countries, people with a
    title, places, the words a sentence opens with, and whatever ``named`` holds (the
    organisations found, and the officials and short names the article introduced) are no
    such names."""
    found: list[NewOrganisation] = []
    countries = country_codes(lex.language)
    titles = {t.casefold() for t in lex.titles}

    def keep(name: str, start: int, initials: str = "") -> None:
        if (article := _ARTICLE.match(name)) is not None:  # "Die ETH Zürich"
            name, start = name[article.end() :], start + article.end()
        country = None
        owner = _owner("en").match(name) if lex.language == "en" else None
        if owner is not None and name[owner.end() : owner.end() + 1].isupper():
            country = countries[owner["country"]]  # "France's Inria": France's
            name, start = name[owner.end() :], start + owner.end()
        name = name.strip(" ,")
        if name.endswith(".") and not _ABBREVIATED_END.search(name):
            name = name[:-1]  # "… with Microsoft.": the sentence's full stop
        end = start + len(name)
        taken = [*named, *((f.start, f.end) for f in found)]
        if (
            not name
            or name in countries
            or name in lex.places
            or _NOT_NAMES.match(name)
            or name.upper() in NOT_BODIES  # "Under the MOU, CSIRO and AIST …"
            or _NOT_A_NAME_START.match(name)  # "Korea's vice minister", "US-amerikanischen"
            or any(text[end:s].strip() in ("(", "（") for s, _ in named if s > end)  # "… (NSF)"
            or any(w.casefold() in titles for w in name.split())
            or (initials and name.replace("*", "") == initials)
            or any(s < end and start < e for s, e in taken)
            or _WHERE_FROM.search(text[:start]) is not None  # "aus dem US-Bundesstaat …"
            or _DESCRIBING.search(name) is not None  # "Glasgow-based start-up …"
        ):
            return
        found.append(NewOrganisation(name, start, end, country))

    for start, end in named:
        # "ITRI, the Industrial Technology Research Institute": the same, by its initials
        initials = "".join(w[0] for w in re.findall(r"[A-ZÄÖÜ][\w-]*", text[start:end]))
        if lex.language in ("en", "de"):
            if (before := _LATIN_BEFORE.search(text[max(0, start - 80) : start])) is not None:
                keep(before["name"], max(0, start - 80) + before.start("name"), initials)
            if (after := _LATIN_AFTER.match(text, end)) is not None:
                keep(after["name"], after.start("name"), initials)
        elif lex.language == "ko" and (
            before := _KO_BEFORE.search(text[max(0, start - 20) : start])
        ):
            keep(before["name"], max(0, start - 20) + before.start("name"))
    if lex.language == "ja":  # "NIMSは…、高峰精機、ミナト化学、東和バッテリーと": a list
        for listed in _JA_LIST.finditer(text):
            items = list(_JA_ITEM.finditer(text, listed.start(), listed.end()))
            if any(s <= i.start() and i.end() <= e for i in items for s, e in named):
                for item in items:
                    if not _adverbial(text, item):  # "同日、", "一方、": when, or a turn
                        keep(item.group(), item.start())
    if named and (partner := _LATIN_PARTNER.get(lex.language)) is not None:
        # the partner of one found: "… signed a contract with General Atomics",
        # "… arbeitet mit der Siemens AG"
        for match in partner.finditer(text):
            keep(match["name"], match.start("name"))
    return found
