"""The validated model of the knowledge graph: the one place where the domain's rules live.

Each class validates what it can see on its own (types, vocabularies, dates, at least two
parties, a citation for every claim). :class:`Dataset` adds the rules that need the whole
(ids unique, every reference resolves, no cycles in ``part_of`` or ``broader``) and reports
all of them at once, each at its path in the document (``agreements[3].parties[1]``).

Models are strict: YAML 1.1 turns ``country: NO`` into ``False``, and a silent coercion
would hide that. Wrong types are refused, with the path where they occur.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from coopgraph.dates import DateSpan, PartialDate

__all__ = [
    "REFERENCE_ERROR",
    "Agency",
    "Agreement",
    "Attendance",
    "Citation",
    "Dataset",
    "Event",
    "Funding",
    "Name",
    "PartOf",
    "Party",
    "Person",
    "Place",
    "Source",
    "StatusChange",
    "TechField",
    "reference_problems",
]

# --- value types -------------------------------------------------------------------------

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LangTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
LocalizedText = Annotated[dict[LangTag, Text], Field(min_length=1)]


@cache
def _country_codes() -> frozenset[str]:
    import pycountry  # imported on first use: it costs ~60 ms at start-up

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def _check_country(code: str) -> str:
    if code not in _country_codes():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _check_currency(code: str) -> str:
    if code not in _currency_codes():
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{2}$"), AfterValidator(_check_country)
]
CurrencyCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_check_currency)
]


def _coerce_partial(value: Any) -> PartialDate:
    span = DateSpan.coerce(value)
    if span.end is not None:
        raise ValueError("expected a single date, not an interval")
    return span.start


#: A date at its own precision (``2024``, ``2024-01``, ``2024-01-29``).
Moment = Annotated[PartialDate, PlainValidator(_coerce_partial), PlainSerializer(str)]
#: A date or an interval of dates (``2023-12-08/2023-12-09``).
When = Annotated[DateSpan, PlainValidator(DateSpan.coerce), PlainSerializer(str)]

WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]
RorId = Annotated[str, StringConstraints(pattern=r"^0[a-z0-9]{6}[0-9]{2}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

AgreementType = Literal[
    "loi",
    "mou",
    "moa",
    "research-cooperation-agreement",
    "implementing-arrangement",
    "joint-programme",
    "partnership",
    "dialogue",
    "working-group",
    "cooperation-plan",
]
Status = Literal["proposed", "planned", "signed", "active", "ended"]
AgencyKind = Literal[
    "ministry",
    "government-agency",
    "policy-office",
    "funding-agency",
    "national-laboratory",
    "metrology-institute",
    "research-institute",
    "research-council",
    "laboratory",
    "public-corporation",
    "association",
]
EventType = Literal[
    "conference", "forum", "dialogue", "meeting", "workshop", "roundtable", "summit", "signing"
]
NameKind = Literal["official", "acronym", "short", "alias"]
SourceKind = Literal["news", "press-release", "registry", "reference-note"]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


def _shorthand(key: str) -> Any:
    """Let a bare id stand for ``{key: id}``: ``parties: [KIAT, NIST]``."""

    def expand(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(expand)


# --- parts -------------------------------------------------------------------------------


class Citation(_Model):
    """A sentence quoted from a source, and the fields of the record it supports.

    ``via`` names a secondary source the quote was taken from, when the primary source's
    own text was not at hand (the quote then is the secondary source's sentence).
    """

    source: Id
    quote: Text
    supports: list[Text] = []
    via: Id | None = None


class _Cited(_Model):
    """A record that must say where its facts come from."""

    sources: Annotated[list[Citation], Field(min_length=1)]

    @model_validator(mode="after")
    def _supports_name_fields(self) -> Self:
        known = set(type(self).model_fields) - {"sources"}
        errors = [
            _error(("sources", i, "supports", j), f"{name!r} is not a field of this record")
            for i, citation in enumerate(self.sources)
            for j, name in enumerate(citation.supports)
            if name not in known
        ]
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    def citations_for(self, field: str) -> list[Citation]:
        """The citations that support ``field``, or all of them if none is that specific."""
        specific = [c for c in self.sources if field in c.supports]
        return specific or list(self.sources)


class Name(_Model):
    """One name of an agency, in one language, valid from and until when known."""

    text: Text
    lang: LangTag | None = None
    kind: NameKind = "official"
    valid_from: Moment | None = None
    valid_until: Moment | None = None

    def valid_on(self, day: dt.date) -> bool:
        """Whether the name was in use on ``day`` (open ends count as in use)."""
        if self.valid_from is not None and day < self.valid_from.earliest():
            return False
        return self.valid_until is None or day <= self.valid_until.latest()


class PartOf(_Model):
    """Membership of an agency in a larger one (NMIJ in AIST), possibly for a time."""

    agency: Id
    valid_from: Moment | None = None
    valid_until: Moment | None = None


class Party(_Model):
    """A party to an agreement or an event: a known agency, or one the source leaves unnamed.

    ``unit`` names the part of the agency that acts (NIST's Communications Technology
    Laboratory); ``description`` and ``country`` describe an unnamed party ("Korean
    research institutes").
    """

    agency: Id | None = None
    unit: Id | None = None
    role: Text | None = None
    description: LocalizedText | None = None
    country: CountryCode | None = None

    @model_validator(mode="after")
    def _named_or_described(self) -> Self:
        if self.agency is None and self.description is None:
            raise ValueError("a party needs an agency id or, if unnamed, a description")
        if self.agency is not None and self.description is not None:
            raise ValueError("a party has an agency id or a description, not both")
        if self.unit is not None and self.agency is None:
            raise ValueError("a unit needs the agency it belongs to")
        return self


PartyRef = Annotated[Party, _shorthand("agency")]
PartOfRef = Annotated[PartOf, _shorthand("agency")]


class Person(_Model):
    """A person named in a source, with the role and agency the source gives."""

    name: LocalizedText
    role: LocalizedText | None = None
    agency: Id | None = None


class Place(_Model):
    venue: LocalizedText | None = None
    city: LocalizedText | None = None
    country: CountryCode | None = None


class Funding(_Model):
    amount: Annotated[int | float, Field(gt=0)]
    currency: CurrencyCode
    qualifier: Literal["exact", "about", "at-least", "up-to"] = "exact"
    period: Text | None = None


class Attendance(_Model):
    count: Annotated[int, Field(gt=0)]
    qualifier: Literal["exact", "about", "at-least"] = "exact"


class StatusChange(_Model):
    """An earlier status of an agreement (planned in December 2023, signed in June 2024)."""

    status: Status
    date: When
    sources: list[Citation] = []


# --- records -----------------------------------------------------------------------------


class Agency(_Cited):
    """An organisation that cooperates: ministry, agency, laboratory, institute."""

    id: Id
    names: Annotated[list[Name], Field(min_length=1)]
    country: CountryCode
    kind: AgencyKind
    part_of: list[PartOfRef] = []
    wikidata: WikidataId | None = None
    ror: RorId | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _has_official_name(self) -> Self:
        if not any(name.kind == "official" for name in self.names):
            raise ValueError("an agency needs at least one name of kind 'official'")
        return self

    def name(self, lang: str = "en", on: dt.date | None = None) -> str:
        """The official name in ``lang`` in use on ``on`` (today if omitted), else the id."""
        official = [n for n in self.names if n.kind == "official" and n.lang == lang]
        if on is not None:
            official = [n for n in official if n.valid_on(on)] or official
        else:
            official = [n for n in official if n.valid_until is None] or official
        return official[0].text if official else self.id


class TechField(_Model):
    """A technology field: a SKOS-style concept with a broader field."""

    id: Id
    label: LocalizedText
    broader: Id | None = None
    sources: list[Citation] = []


class Agreement(_Cited):
    """A documented commitment between two or more parties.

    ``date`` and ``status`` are the latest known state; ``history`` holds earlier ones
    (announced as planned, then signed). ``date`` stays empty when no source gives it.
    """

    id: Id
    type: AgreementType
    title: LocalizedText
    parties: Annotated[list[PartyRef], Field(min_length=2)]
    status: Status
    date: When | None = None
    history: list[StatusChange] = []
    ended: When | None = None
    place: Place | None = None
    fields: list[Id] = []
    scope: list[LocalizedText] = []
    funding: Funding | None = None
    signatories: list[Person] = []
    event: Id | None = None
    note: Text | None = None

    def agency_ids(self) -> list[str]:
        """Named parties only; unnamed counterparts have no id."""
        return [party.agency for party in self.parties if party.agency is not None]

    def status_on(self, day: dt.date) -> Status | None:
        """The status certainly reached by ``day``, or None if nothing was known by then.

        A date known only to the month counts from the month's last day: on 2024-01-15 an
        agreement "signed in January 2024" may not have been signed yet.
        """
        if self.ended is not None and self.ended.latest() <= day:
            return "ended"
        steps = [(change.date, change.status) for change in self.history]
        if self.date is not None:
            steps.append((self.date, self.status))
        reached = [(when.latest(), status) for when, status in steps if when.latest() <= day]
        return max(reached)[1] if reached else None


class Event(_Cited):
    """A meeting, forum, conference, workshop or dialogue round."""

    id: Id
    type: EventType
    title: LocalizedText
    date: When | None = None
    place: Place | None = None
    organisers: list[PartyRef] = []
    participants: list[PartyRef] = []
    people: list[Person] = []
    fields: list[Id] = []
    attendance: Attendance | None = None
    part_of: Id | None = None
    notes: list[LocalizedText] = []

    def agency_ids(self) -> list[str]:
        """Every named agency that organised or took part, organisers first, once each."""
        ids = [p.agency for p in [*self.organisers, *self.participants] if p.agency]
        return list(dict.fromkeys(ids))


class Source(_Model):
    """Where facts come from: an article, a press release, a registry, a research note."""

    id: Id
    kind: SourceKind
    title: Text | None = None
    language: LangTag
    publisher: Text | None = None
    author: Text | None = None
    published: Moment | None = None
    url: Url | None = None
    file: Text | None = None


# --- the whole ---------------------------------------------------------------------------

Location = tuple[str | int, ...]
Problem = tuple[Location, str]


class Dataset(_Model):
    """Everything in the data files, with every cross-reference checked."""

    agencies: list[Agency] = []
    agreements: list[Agreement] = []
    events: list[Event] = []
    fields: list[TechField] = []
    sources: list[Source] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = list(reference_problems(self))
        if problems:
            errors = [_error(path, message, REFERENCE_ERROR) for path, message in problems]
            raise ValidationError.from_exception_data("Dataset", errors)
        return self


#: The pydantic error type of problems found across the whole dataset.
REFERENCE_ERROR = "coopgraph_reference"


def _error(path: tuple[str | int, ...], message: str, kind: str = "coopgraph") -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, "{message}", {"message": message}),
        loc=path,
        input=None,
    )


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=2, cutoff=0.6)
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def reference_problems(
    dataset: Dataset, also_known: dict[str, set[str]] | None = None
) -> Iterator[Problem]:
    """Every rule that needs the whole dataset, as ``(path, message)`` pairs.

    ``also_known`` adds ids per section (``"agencies"``, ...) that exist in the files but
    failed validation themselves, so one broken record does not make every reference to
    it an error too.
    """
    extra = also_known or {}
    parents = {a.id: [p.agency for p in a.part_of] for a in dataset.agencies}
    ids: dict[str, set[str]] = {}
    for section in ("agencies", "agreements", "events", "fields", "sources"):
        records = getattr(dataset, section)
        first: dict[str, int] = {}
        for i, record in enumerate(records):
            if record.id in first:
                yield (
                    (section, i, "id"),
                    f"duplicate id {record.id!r} (first at {section}[{first[record.id]}])",
                )
            else:
                first[record.id] = i
        ids[section] = set(first) | extra.get(section, set())

    def check(path: tuple[str | int, ...], value: str | None, section: str) -> Iterator[Problem]:
        if value is not None and value not in ids[section]:
            kind = {"agencies": "agency", "fields": "field"}.get(section, section[:-1])
            yield path, f"unknown {kind} {value!r}{_suggest(value, ids[section])}"

    def check_citations(
        path: tuple[str | int, ...], citations: list[Citation]
    ) -> Iterator[Problem]:
        for i, citation in enumerate(citations):
            yield from check((*path, i, "source"), citation.source, "sources")
            yield from check((*path, i, "via"), citation.via, "sources")

    def check_parties(path: tuple[str | int, ...], parties: list[Party]) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, party in enumerate(parties):
            yield from check((*path, i, "agency"), party.agency, "agencies")
            yield from check((*path, i, "unit"), party.unit, "agencies")
            if party.agency in seen:
                yield (*path, i, "agency"), f"{party.agency!r} is listed twice"
            if party.agency:
                seen.add(party.agency)
            known_unit = party.unit in ids["agencies"]
            if (
                party.unit
                and party.agency
                and known_unit
                and party.agency not in _ancestors(parents, party.unit)
            ):
                yield (*path, i, "unit"), f"{party.unit!r} is not part of {party.agency!r}"

    def check_people(path: tuple[str | int, ...], people: list[Person]) -> Iterator[Problem]:
        for i, person in enumerate(people):
            yield from check((*path, i, "agency"), person.agency, "agencies")

    for i, agency in enumerate(dataset.agencies):
        for j, parent in enumerate(agency.part_of):
            yield from check(("agencies", i, "part_of", j, "agency"), parent.agency, "agencies")
            if parent.agency == agency.id or agency.id in _ancestors(parents, parent.agency):
                yield (
                    ("agencies", i, "part_of", j, "agency"),
                    (f"{agency.id!r} would be part of itself through {parent.agency!r}"),
                )
        yield from check_citations(("agencies", i, "sources"), agency.sources)

    for i, item in enumerate(dataset.agreements):
        base = ("agreements", i)
        yield from check_parties((*base, "parties"), item.parties)
        for j, field in enumerate(item.fields):
            yield from check((*base, "fields", j), field, "fields")
        yield from check((*base, "event"), item.event, "events")
        yield from check_people((*base, "signatories"), item.signatories)
        yield from check_citations((*base, "sources"), item.sources)
        for j, change in enumerate(item.history):
            yield from check_citations((*base, "history", j, "sources"), change.sources)
        if len({p.agency or id(p) for p in item.parties}) < 2:
            yield (*base, "parties"), "an agreement needs at least two different parties"

    for i, event in enumerate(dataset.events):
        base = ("events", i)
        yield from check_parties((*base, "organisers"), event.organisers)
        yield from check_parties((*base, "participants"), event.participants)
        yield from check_people((*base, "people"), event.people)
        for j, field in enumerate(event.fields):
            yield from check((*base, "fields", j), field, "fields")
        yield from check((*base, "part_of"), event.part_of, "events")
        yield from check_citations((*base, "sources"), event.sources)

    broader = {f.id: f.broader for f in dataset.fields}
    for i, field in enumerate(dataset.fields):
        yield from check(("fields", i, "broader"), field.broader, "fields")
        seen, current = {field.id}, field.broader
        while current is not None and current in broader:
            if current in seen:
                yield ("fields", i, "broader"), f"field {field.id!r} is its own broader field"
                break
            seen.add(current)
            current = broader[current]
        yield from check_citations(("fields", i, "sources"), field.sources)


def _ancestors(parents: dict[str, list[str]], agency_id: str) -> set[str]:
    """Every agency ``agency_id`` is part of, directly or not (cycle-safe)."""
    found: set[str] = set()
    stack = list(parents.get(agency_id, []))
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(parents.get(current, []))
    return found
