"""The model of the knowledge graph: the one place where the domain's rules live.

Records are frozen dataclasses; :func:`validate_dataset` builds them from plain data
(what YAML gives) through pydantic, which enforces every rule: types, vocabularies,
dates, at least two parties, a citation for every claim, and, over the whole dataset, ids
unique, every reference resolving and no cycles in ``part_of`` or ``broader``. All
problems are reported at once, each at its path in the document (``agreements[3].parties[1]``).

Why dataclasses and not pydantic models: a command that reads a cached dataset should
not pay for importing pydantic and building its schemas (about 100 ms, most of a cold
start). The validation rules are attached as ``Annotated`` markers from
:mod:`coopgraph.constraints`, which import pydantic only when validation runs.

Types are checked, not guessed: YAML 1.1 turns ``country: NO`` into ``False``, and a
silent coercion would hide that; ``"10"`` is not a number and ``false`` is not text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from coopgraph.constraints import (
    After,
    Before,
    MinItems,
    Parse,
    Pattern,
    SetOf,
    StrictNumber,
    Trimmed,
)
from coopgraph.dates import DateSpan, PartialDate
from coopgraph.iris import http_url_problem, ror_problem

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "REFERENCE_ERROR",
    "SECTIONS",
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
    "validate_dataset",
    "validate_record",
]

# --- value types -------------------------------------------------------------------------

Id = Annotated[str, Pattern(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}", "an id (letters, digits, . _ -)")]
Text = Annotated[str, Trimmed()]
LangTag = Annotated[str, Pattern(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language tag such as 'en'")]
LocalizedText = Annotated[dict[LangTag, Text], MinItems(1)]


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code: what a ``country`` field and ``--country`` accept."""
    import pycountry  # imported on first use: it costs ~60 ms at start-up

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def _check_country(code: str) -> str:
    if code not in country_codes():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _check_currency(code: str) -> str:
    if code not in _currency_codes():
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


def _problem(text: str, check: Callable[[str], str | None]) -> str:
    """``text`` if ``check`` finds nothing wrong with it; else the problem, as an error."""
    if problem := check(text):
        raise ValueError(f"{text!r} {problem}")
    return text


def _coerce_partial(value: Any) -> PartialDate:
    span = DateSpan.coerce(value)
    if span.end is not None:
        raise ValueError("expected a single date, not an interval")
    return span.start


CountryCode = Annotated[str, After(_check_country)]
CurrencyCode = Annotated[str, After(_check_currency)]
#: A date at its own precision (``2024``, ``2024-01``, ``2024-01-29``).
Moment = Annotated[PartialDate, Parse(_coerce_partial)]
#: A date or an interval of dates (``2023-12-08/2023-12-09``).
When = Annotated[DateSpan, Parse(DateSpan.coerce)]
WikidataId = Annotated[str, Pattern(r"Q[1-9][0-9]*", "a Wikidata id such as 'Q176691'")]
RorId = Annotated[str, After(lambda text: _problem(text, ror_problem))]
Url = Annotated[str, After(lambda text: _problem(text, http_url_problem))]
Count = Annotated[int, StrictNumber(), After(lambda n: _positive(n))]
Amount = Annotated[int | float, StrictNumber(), After(lambda n: _positive(n))]

#: Larger than any amount or head count a source states: beyond it a number is a typo, and
#: a 5,000-digit integer cannot even be printed (Python's 4,300-digit limit).
_LARGEST = 10**15


def _positive(number: float) -> float:
    """A finite number above 0 and below 10^15 (``.inf``, ``.nan`` and ``1e400`` are refused)."""
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError("must be a finite number, found infinity or not-a-number")
    if number > _LARGEST:
        raise ValueError("is larger than 10^15: not an amount or count a source states")
    if number <= 0:
        raise ValueError(f"must be greater than 0, found {number}")
    return number


def _not_after_today(when: DateSpan | PartialDate | None, what: str) -> str | None:
    """A problem if ``when`` certainly lies after today: what happened has happened."""
    if when is not None and when.earliest() > dt.date.today():
        return f"{what} {when} is after today: only a planned event may lie ahead"
    return None


def _in_order(start: PartialDate | None, end: PartialDate | None) -> str | None:
    """A problem if a validity ``end``s before it starts (a month counts whole)."""
    if start is not None and end is not None and end.latest() < start.earliest():
        return f"valid until {end}, before it was valid from {start}"
    return None


def _shorthand(key: str) -> Before:
    """Let a bare id stand for ``{key: id}``: ``parties: [KIAT, NIST]``."""
    return Before(lambda value: {key: value} if isinstance(value, str) else value)


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
EventStatus = Literal["planned", "held", "cancelled"]
NameKind = Literal["official", "acronym", "short", "alias"]
SourceKind = Literal["news", "press-release", "registry", "reference-note"]

record = dataclass(frozen=True, slots=True, kw_only=True)
"""Records are immutable, compact (slots) and built by keyword only."""


class _Strict:
    """Unknown keys are errors: a misspelt field must not vanish silently."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


# --- parts -------------------------------------------------------------------------------


@record
class Citation(_Strict):
    """A sentence quoted from a source, and the fields of the record it supports.

    ``via`` names a secondary source the quote was taken from, when the primary source's
    own text was not at hand (the quote then is the secondary source's sentence).
    """

    source: Id
    quote: Text
    supports: Annotated[list[Text], SetOf()] = field(default_factory=list)
    via: Id | None = None


Citations = Annotated[list[Citation], MinItems(1)]


def _check_supports(record: Any) -> None:
    """Each citation's ``supports`` must name fields of the record it belongs to."""
    known = {f.name for f in dataclasses.fields(record)} - {"sources"}
    for i, citation in enumerate(record.sources):
        for j, name in enumerate(citation.supports):
            if name not in known:
                _raise([(("sources", i, "supports", j), f"{name!r} is not a field of this record")])


def _citations_for(record: Any, field_name: str) -> list[Citation]:
    specific = [c for c in record.sources if field_name in c.supports]
    return specific or list(record.sources)


def _in_force(start: PartialDate | None, end: PartialDate | None, day: dt.date) -> bool:
    """Whether ``day`` falls within a validity whose open ends count as in force."""
    if start is not None and day < start.earliest():
        return False
    return end is None or day <= end.latest()


@record
class Name(_Strict):
    """One name of an agency, in one language, valid from and until when known."""

    text: Text
    lang: LangTag | None = None
    kind: NameKind = "official"
    valid_from: Moment | None = None
    valid_until: Moment | None = None

    def __post_init__(self) -> None:
        if problem := _in_order(self.valid_from, self.valid_until):
            raise ValueError(problem)

    def valid_on(self, day: dt.date) -> bool:
        """Whether the name was in use on ``day`` (open ends count as in use)."""
        return _in_force(self.valid_from, self.valid_until, day)


@record
class PartOf(_Strict):
    """Membership of an agency in a larger one (NMIJ in AIST), possibly for a time."""

    agency: Id
    valid_from: Moment | None = None
    valid_until: Moment | None = None

    def __post_init__(self) -> None:
        if problem := _in_order(self.valid_from, self.valid_until):
            raise ValueError(problem)

    @property
    def open_ended(self) -> bool:
        """No end is recorded: the membership holds now (what the plain RDF link states)."""
        return self.valid_until is None

    def in_force(self, day: dt.date) -> bool:
        """Whether the membership may hold on ``day`` (a month or year counts whole)."""
        return _in_force(self.valid_from, self.valid_until, day)


@record
class Party(_Strict):
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

    def __post_init__(self) -> None:
        if self.agency is None and self.description is None:
            raise ValueError("a party needs an agency id or, if unnamed, a description")
        if self.agency is not None and self.description is not None:
            raise ValueError("a party has an agency id or a description, not both")
        if self.unit is not None and self.agency is None:
            raise ValueError("a unit needs the agency it belongs to")


PartyRef = Annotated[Party, _shorthand("agency")]
PartOfRef = Annotated[PartOf, _shorthand("agency")]


@record
class Person(_Strict):
    """A person named in a source, with the role and agency the source gives."""

    name: LocalizedText
    role: LocalizedText | None = None
    agency: Id | None = None


@record
class Place(_Strict):
    venue: LocalizedText | None = None
    city: LocalizedText | None = None
    country: CountryCode | None = None


@record
class Funding(_Strict):
    amount: Amount
    currency: CurrencyCode
    qualifier: Literal["exact", "about", "at-least", "up-to"] = "exact"
    period: Text | None = None


@record
class Attendance(_Strict):
    count: Count
    qualifier: Literal["exact", "about", "at-least"] = "exact"


@record
class StatusChange(_Strict):
    """An earlier status of an agreement (planned in December 2023, signed in June 2024).

    ``event`` is where that step was announced: the KATS-NIST MOU was announced as planned
    at the December 2023 dialogue and signed in Washington in June 2024, so the dialogue
    belongs to the planned step, not to the agreement as a whole.
    """

    status: Status
    date: When
    sources: list[Citation] = field(default_factory=list)
    event: Id | None = None


# --- records -----------------------------------------------------------------------------


@record
class Agency(_Strict):
    """An organisation that cooperates: ministry, agency, laboratory, institute."""

    id: Id
    names: Annotated[list[Name], MinItems(1)]
    country: CountryCode
    kind: AgencyKind
    sources: Citations
    part_of: list[PartOfRef] = field(default_factory=list)
    wikidata: WikidataId | None = None
    ror: RorId | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if not any(name.kind == "official" for name in self.names):
            _raise([(("names",), "an agency needs at least one name of kind 'official'")])
        _check_supports(self)

    def citations_for(self, field_name: str) -> list[Citation]:
        """The citations that support ``field_name``, or all if none is that specific."""
        return _citations_for(self, field_name)

    def name(self, lang: str = "en", on: dt.date | None = None) -> str:
        """The official name in ``lang`` in use on ``on`` (today if omitted), else the id."""
        official = [n for n in self.names if n.kind == "official" and n.lang == lang]
        if on is not None:
            official = [n for n in official if n.valid_on(on)] or official
        else:
            official = [n for n in official if n.valid_until is None] or official
        return official[0].text if official else self.id


@record
class TechField(_Strict):
    """A technology field: a SKOS-style concept with a broader field."""

    id: Id
    label: LocalizedText
    broader: Id | None = None
    sources: list[Citation] = field(default_factory=list)


@record
class Agreement(_Strict):
    """A documented commitment between two or more parties.

    ``date`` and ``status`` are the latest known state; ``history`` holds earlier ones
    (announced as planned, then signed). ``date`` stays empty when no source gives it.
    """

    id: Id
    type: AgreementType
    title: LocalizedText
    parties: Annotated[list[PartyRef], MinItems(2)]
    status: Status
    sources: Citations
    date: When | None = None
    history: list[StatusChange] = field(default_factory=list)
    ended: When | None = None
    place: Place | None = None
    fields: Annotated[list[Id], SetOf()] = field(default_factory=list)
    scope: list[LocalizedText] = field(default_factory=list)
    funding: Funding | None = None
    signatories: list[Person] = field(default_factory=list)
    event: Id | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        _check_supports(self)
        if problems := list(self._date_problems()):
            _raise(problems)

    def _date_problems(self) -> Iterator[Problem]:
        """Dates that cannot be: after today, out of order, ended before it was made.

        The history is the agreement's earlier steps, oldest first; each step, and the
        latest state after them, may not certainly precede the one before it.
        """
        steps: list[tuple[Location, DateSpan]] = [
            (("history", i, "date"), change.date) for i, change in enumerate(self.history)
        ]
        if self.date is not None:
            steps.append((("date",), self.date))
        if self.ended is not None:
            steps.append((("ended",), self.ended))
        for where, when in steps:
            if problem := _not_after_today(when, "dated"):
                yield where, problem
        for (_before, earlier), (where, later) in itertools.pairwise(steps):
            if later.latest() < earlier.earliest():
                yield where, f"{later} is before the step it follows ({earlier})"

    def citations_for(self, field_name: str) -> list[Citation]:
        """The citations that support ``field_name``, or all if none is that specific."""
        return _citations_for(self, field_name)

    def agency_ids(self) -> list[str]:
        """Named parties only; unnamed counterparts have no id."""
        return [party.agency for party in self.parties if party.agency is not None]

    def event_ids(self) -> list[str]:
        """The event where it was agreed, then those where steps of it were announced."""
        ids = [self.event, *(change.event for change in self.history)]
        return list(dict.fromkeys(i for i in ids if i is not None))

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


@record
class Event(_Strict):
    """A meeting, forum, conference, workshop or dialogue round."""

    id: Id
    type: EventType
    title: LocalizedText
    sources: Citations
    #: planned, held or cancelled; empty when the sources only report the event
    status: EventStatus | None = None
    date: When | None = None
    place: Place | None = None
    organisers: list[PartyRef] = field(default_factory=list)
    participants: list[PartyRef] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    fields: Annotated[list[Id], SetOf()] = field(default_factory=list)
    attendance: Attendance | None = None
    part_of: Id | None = None
    notes: list[LocalizedText] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_supports(self)
        problem = _not_after_today(self.date, "dated")
        if problem and self.status not in {"planned", "cancelled"}:
            _raise([(("date",), problem + " (give it status: planned)")])

    def citations_for(self, field_name: str) -> list[Citation]:
        """The citations that support ``field_name``, or all if none is that specific."""
        return _citations_for(self, field_name)

    def agency_ids(self) -> list[str]:
        """Every named agency that organised or took part, organisers first, once each."""
        ids = [p.agency for p in [*self.organisers, *self.participants] if p.agency]
        return list(dict.fromkeys(ids))


@record
class Source(_Strict):
    """Where facts come from: an article, a press release, a registry, a research note."""

    id: Id
    kind: SourceKind
    language: LangTag
    title: Text | None = None
    publisher: Text | None = None
    author: Text | None = None
    published: Moment | None = None
    url: Url | None = None
    file: Text | None = None

    def __post_init__(self) -> None:
        if problem := _not_after_today(self.published, "published"):
            _raise([(("published",), problem)])


# --- the whole ---------------------------------------------------------------------------

Location = tuple[str | int, ...]
Problem = tuple[Location, str]

#: The pydantic error type of problems found across the whole dataset.
REFERENCE_ERROR = "coopgraph_reference"


@record
class Dataset(_Strict):
    """Everything in the data files, with every cross-reference checked."""

    agencies: list[Agency] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    fields: list[TechField] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def __post_init__(self) -> None:
        problems = list(reference_problems(self))
        if problems:
            _raise(problems, REFERENCE_ERROR)

    @classmethod
    def unchecked(cls, **sections: list[Any]) -> Dataset:
        """A dataset of records already validated one by one, without the whole-set rules.

        Used to report reference problems while other records are still broken.
        """
        instance = object.__new__(cls)
        for name in ("agencies", "agreements", "events", "fields", "sources"):
            object.__setattr__(instance, name, sections.get(name, []))
        return instance


SECTIONS: dict[str, type] = {
    "agencies": Agency,
    "agreements": Agreement,
    "events": Event,
    "fields": TechField,
    "sources": Source,
}


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def validate_dataset(data: Any) -> Dataset:
    """Plain data (as parsed from YAML) to a checked :class:`Dataset`.

    Raises ``pydantic.ValidationError`` listing every problem with its location.
    """
    return _adapter(Dataset).validate_python(data)


def validate_record(section: str, data: Any) -> Any:
    """One record of a section (``"agreements"``, ...) on its own, without cross-checks."""
    return _adapter(SECTIONS[section]).validate_python(data)


def _raise(problems: list[Problem], kind: str = "coopgraph") -> None:
    """Raise problems as one pydantic ValidationError, each at its own location."""
    from pydantic import ValidationError
    from pydantic_core import InitErrorDetails, PydanticCustomError

    errors = [
        InitErrorDetails(
            type=PydanticCustomError(kind, "{message}", {"message": message}),
            loc=path,
            input=None,
        )
        for path, message in problems
    ]
    raise ValidationError.from_exception_data("coopgraph", errors)


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
        for j, field_id in enumerate(item.fields):
            yield from check((*base, "fields", j), field_id, "fields")
        yield from check((*base, "event"), item.event, "events")
        yield from check_people((*base, "signatories"), item.signatories)
        yield from check_citations((*base, "sources"), item.sources)
        for j, change in enumerate(item.history):
            yield from check_citations((*base, "history", j, "sources"), change.sources)
            yield from check((*base, "history", j, "event"), change.event, "events")
        if len({p.agency or id(p) for p in item.parties}) < 2:
            yield (*base, "parties"), "an agreement needs at least two different parties"

    for i, event in enumerate(dataset.events):
        base = ("events", i)
        yield from check_parties((*base, "organisers"), event.organisers)
        yield from check_parties((*base, "participants"), event.participants)
        yield from check_people((*base, "people"), event.people)
        for j, field_id in enumerate(event.fields):
            yield from check((*base, "fields", j), field_id, "fields")
        yield from check((*base, "part_of"), event.part_of, "events")
        yield from check_citations((*base, "sources"), event.sources)

    broader = {f.id: f.broader for f in dataset.fields}
    for i, concept in enumerate(dataset.fields):
        yield from check(("fields", i, "broader"), concept.broader, "fields")
        seen, current = {concept.id}, concept.broader
        while current is not None and current in broader:
            if current in seen:
                yield ("fields", i, "broader"), f"field {concept.id!r} is its own broader field"
                break
            seen.add(current)
            current = broader[current]
        yield from check_citations(("fields", i, "sources"), concept.sources)


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
