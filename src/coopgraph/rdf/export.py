"""The dataset as RDF: standard vocabularies first, coopgraph's own terms where none fits.

Every record becomes a resource with a readable, stable IRI (``<base>agency/KRISS``);
its structured parts (names, party roles, citations, ...) become blank nodes carrying
``coop:position``, so the order of the data survives and the export is lossless:
:mod:`coopgraph.rdf.read` rebuilds an equal dataset.
Beside the lossless structure the export writes the plain links people query by:
``coop:party`` from each agreement to each named party, ``org:subOrganizationOf``,
``skos:prefLabel``/``altLabel`` with language tags, ``dct:source`` to sources.

Triples are built as pyoxigraph terms and serialised by Oxigraph (Rust): for 10,000
agreements that is about 50 times faster than rdflib's serialiser. :func:`to_rdflib`
gives an ``rdflib.Graph`` to those who want rdflib's Python API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from coopgraph.atomic import write_atomically
from coopgraph.dates import DateSpan, PartialDate
from coopgraph.models import (
    Agency,
    Agreement,
    Citation,
    Dataset,
    Event,
    Party,
    Person,
    Place,
    Source,
    TechField,
)
from coopgraph.rdf.namespace import (
    COOP,
    DCTERMS,
    DEFAULT_BASE,
    FOAF,
    ISO639_1,
    ISO639_2,
    ORG,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    ROR,
    SCHEMA,
    SKOS,
    WIKIDATA,
    XSD,
)
from coopgraph.vocabulary import (
    AGENCY_KINDS,
    AGREEMENT_STATUSES,
    AGREEMENT_TYPES,
    EVENT_STATUSES,
    EVENT_TYPES,
    NAME_KINDS,
    SOURCE_KINDS,
)

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "FORMATS",
    "VOCABULARIES",
    "Terms",
    "dataset_parts",
    "dataset_triples",
    "record_part",
    "record_parts",
    "record_triples",
    "records_in_order",
    "serialize",
    "to_rdflib",
    "to_rdflib_term",
    "vocabulary_part",
    "vocabulary_triples",
    "write",
]

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_QUAD_FORMATS = {"nquads", "trig"}

#: Controlled vocabularies as SKOS concept schemes: (path segment, labels).
VOCABULARIES = {
    "agreement-type": AGREEMENT_TYPES,
    "status": AGREEMENT_STATUSES,
    "agency-kind": AGENCY_KINDS,
    "event-type": EVENT_TYPES,
    "event-status": EVENT_STATUSES,
    "name-kind": NAME_KINDS,
    "source-kind": SOURCE_KINDS,
}

_DATATYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


class Terms:
    """IRIs and literals for one base IRI, made once and reused."""

    def __init__(self, base: str = DEFAULT_BASE, *, blank_prefix: str = "p") -> None:
        if not base.endswith(("/", "#")):
            raise ValueError(f"the base IRI must end with '/' or '#': {base!r}")
        self.base = base
        self.blank_prefix = blank_prefix  # distinct prefixes keep streams of parts apart
        self._nodes: dict[str, ox.NamedNode] = {}
        self.datatypes = {k: ox.NamedNode(v) for k, v in _DATATYPE.items()}
        self.integer = ox.NamedNode(XSD.integer)
        self.decimal = ox.NamedNode(XSD.decimal)
        self._parts = 0
        self.described: set[str] = set()  # outside IRIs already described in this export

    def blank(self) -> ox.BlankNode:
        """A blank node for a structured part, labelled in order so output is repeatable."""
        self._parts += 1
        return ox.BlankNode(f"{self.blank_prefix}{self._parts}")

    @property
    def state(self) -> tuple[int, frozenset[str]]:
        """What the next record's triples depend on besides the record: the blank nodes
        labelled so far and the outside IRIs described so far."""
        return self._parts, frozenset(self.described)

    def advance(self, blanks: int, described: Iterable[str]) -> None:
        """Move on as if a record with ``blanks`` blank nodes, describing ``described``,
        had been written (its triples taken from an earlier, identical export)."""
        self._parts += blanks
        self.described.update(described)

    def node(self, iri: str) -> ox.NamedNode:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = ox.NamedNode(iri)
        return found

    def record(self, kind: str, record_id: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}{kind}/{record_id}")

    def concept(self, scheme: str, key: str) -> ox.NamedNode:
        return self.node(f"{self.base}vocab/{scheme}/{key}")

    def date(self, value: PartialDate) -> ox.Literal:
        return ox.Literal(str(value), datatype=self.datatypes[value.precision])

    def position(self, index: int) -> ox.Literal:
        return ox.Literal(str(index), datatype=self.integer)


def dataset_triples(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """Every triple of the export, in a deterministic order (the data's own)."""
    terms = Terms(base)
    yield from _vocabulary_triples(terms)
    yield from record_triples(dataset, terms)


def vocabulary_part(terms: Terms) -> list[ox.Triple]:
    """The vocabulary's triples as the export writes them first, with ``terms`` (which the
    records' parts then go on with: :func:`record_part`)."""
    return list(_vocabulary_triples(terms))


def vocabulary_triples(base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """The concept schemes of agreement types, statuses, agency kinds...: no record's own."""
    return _vocabulary_triples(Terms(base))


def record_triples(dataset: Dataset, terms: Terms, *, offset: int = 0) -> Iterator[ox.Triple]:
    """The triples of the dataset's records, positions counted from ``offset``.

    A record's triples, its parts' blank nodes included, come out together: cut between
    records, the stream can be loaded in pieces without splitting a blank node.
    """
    for triples in record_parts(dataset, terms, offset=offset):
        yield from triples


def record_parts(dataset: Dataset, terms: Terms, *, offset: int = 0) -> Iterator[list[ox.Triple]]:
    """Each record's triples as one list: the units a stream may be cut between.

    No blank node is shared by two records, so lists sent as separate documents (a push in
    chunks) load into the same graph as the whole export does.
    """
    for kind, position, record in records_in_order(dataset, offset=offset):
        yield record_part(terms, kind, record, position)


def records_in_order(dataset: Dataset, *, offset: int = 0) -> Iterator[tuple[str, int, Any]]:
    """``(kind, position, record)`` for every record, in the export's order: agencies,
    fields, sources, events, agreements, each kind in the data's order (``position`` is
    the record's index in its kind's list, from ``offset``, as ``coop:position`` says)."""
    for kind, records in (
        ("agency", dataset.agencies),
        ("field", dataset.fields),
        ("source", dataset.sources),
        ("event", dataset.events),
        ("agreement", dataset.agreements),
    ):
        for position, record in enumerate(records, start=offset):
            yield kind, position, record


def record_part(terms: Terms, kind: str, record: Any, position: int) -> list[ox.Triple]:
    """One record's triples, as the export writes them at ``position`` in its kind's list.

    ``kind`` is the record's IRI path segment (agency, field, source, event, agreement).
    With a fresh :class:`Terms` the record stands alone (a page's twin): outside IRIs it
    introduces, such as a source's language, are then typed here rather than only at their
    first use in the export.
    """
    build = _RECORD_BUILDERS.get(kind)
    if build is None:
        raise ValueError(f"unknown record kind {kind!r}; use one of {', '.join(_RECORD_BUILDERS)}")
    return build(terms, record, position)


def dataset_parts(dataset: Dataset, *, base: str = DEFAULT_BASE) -> Iterator[list[ox.Triple]]:
    """:func:`dataset_triples` cut between records: the vocabulary first, then each record."""
    terms = Terms(base)
    yield list(_vocabulary_triples(terms))
    yield from record_parts(dataset, terms)


class _Emitter:
    """Collects the triples of one subject with short calls."""

    def __init__(self, terms: Terms, subject: ox.NamedNode | ox.BlankNode) -> None:
        self.terms, self.subject = terms, subject
        self.own: list[ox.Triple] = []
        self.nested: list[ox.Triple] = []  # the parts' triples, written after the subject's

    @property
    def triples(self) -> list[ox.Triple]:
        """The subject's triples, then its parts': Turtle then writes each subject once."""
        return self.own + self.nested

    def add(self, predicate: str, obj: Any, subject: ox.NamedNode | None = None) -> None:
        self.own.append(ox.Triple(subject or self.subject, self.terms.node(predicate), obj))

    def text(self, predicate: str, value: str | None, lang: str | None = None) -> None:
        if value is not None:
            literal = ox.Literal(value, language=lang) if lang else ox.Literal(value)
            self.add(predicate, literal)

    def localized(self, predicate: str, texts: dict[str, str] | None) -> None:
        for lang, value in (texts or {}).items():
            self.add(predicate, ox.Literal(value, language=lang))

    def when(self, value: DateSpan | None) -> None:
        if value is None:
            return
        self.add(COOP.startDate, self.terms.date(value.start))
        if value.end is not None:
            self.add(COOP.endDate, self.terms.date(value.end))
        else:
            self.add(DCTERMS.date, self.terms.date(value.start))

    def part(self, predicate: str, index: int, kind: str, fill: Callable[[_Emitter], None]) -> None:
        """A structured part (a party role, a name, a citation): a blank node with its position.

        Blank nodes rather than IRIs under the record: IRIs such as ``<agreement/x/party/0>``
        give every record a namespace of its own, and rdflib's Turtle serialiser slows down
        quadratically with the number of namespaces (55 s for 45,000 triples).
        """
        child = _Emitter(self.terms, self.terms.blank())
        child.add(RDF.type, self.terms.node(kind))
        child.add(COOP.position, self.terms.position(index))
        fill(child)
        self.add(predicate, child.subject)
        self.nested.extend(child.triples)

    def citations(self, citations: list[Citation]) -> None:
        for i, citation in enumerate(citations):
            self.part(
                COOP.citation,
                i,
                COOP.Citation,
                lambda c, citation=citation: _citation(c, citation),
            )
        # The record is documented by the sources (dct:source); an agency is not "derived
        # from" an article, so prov:wasDerivedFrom would claim too much.
        for source_id in dict.fromkeys(c.source for c in citations):
            self.add(DCTERMS.source, self.terms.record("source", source_id))


def _citation(emit: _Emitter, citation: Citation) -> None:
    emit.add(DCTERMS.source, emit.terms.record("source", citation.source))
    emit.text(COOP.quote, citation.quote)
    for name in citation.supports:
        emit.text(COOP.supports, name)
    if citation.via:
        emit.add(COOP.via, emit.terms.record("source", citation.via))


def _vocabulary_triples(terms: Terms) -> Iterator[ox.Triple]:
    fields = _Emitter(terms, terms.node(f"{terms.base}vocab/fields"))
    fields.add(RDF.type, terms.node(SKOS.ConceptScheme))
    fields.text(RDFS.label, "technology fields", "en")
    fields.text(SKOS.notation, "fields")
    yield from fields.triples
    for scheme, labels in VOCABULARIES.items():
        scheme_node = terms.node(f"{terms.base}vocab/{scheme}")
        emit = _Emitter(terms, scheme_node)
        emit.add(RDF.type, terms.node(SKOS.ConceptScheme))
        emit.text(RDFS.label, scheme.replace("-", " ") + "s", "en")
        emit.text(SKOS.notation, scheme)
        yield from emit.triples
        for key, label in labels.items():
            concept = _Emitter(terms, terms.concept(scheme, key))
            concept.add(RDF.type, terms.node(SKOS.Concept))
            concept.add(SKOS.inScheme, scheme_node)
            concept.localized(SKOS.prefLabel, label)
            concept.text(SKOS.notation, key)
            yield from concept.triples


def _agency(terms: Terms, agency: Agency, position: int) -> list[ox.Triple]:
    emit = _Emitter(terms, terms.record("agency", agency.id))
    emit.add(RDF.type, terms.node(COOP.Agency))
    emit.add(RDF.type, terms.node(ORG.Organization))
    emit.add(RDF.type, terms.node(SCHEMA.Organization))  # what schema:organizer expects
    emit.add(COOP.position, terms.position(position))
    emit.text(DCTERMS.identifier, agency.id)
    emit.text(COOP.country, agency.country)
    emit.add(COOP.agencyKind, terms.concept("agency-kind", agency.kind))
    for i, name in enumerate(agency.names):

        def fill(child: _Emitter, name: Any = name) -> None:
            child.text(COOP.text, name.text, name.lang)
            child.add(COOP.nameKind, terms.concept("name-kind", name.kind))
            if name.valid_from:
                child.add(COOP.validFrom, terms.date(name.valid_from))
            if name.valid_until:
                child.add(COOP.validUntil, terms.date(name.valid_until))

        emit.part(COOP.nameEntry, i, COOP.NameEntry, fill)
        if name.kind == "acronym":
            emit.text(COOP.acronym, name.text)
        current = name.kind == "official" and name.valid_until is None
        emit.text(SKOS.prefLabel if current else SKOS.altLabel, name.text, name.lang)
    for lang, text in {n.lang: agency.name(n.lang) for n in agency.names if n.lang}.items():
        emit.text(RDFS.label, text, lang)
    for i, parent in enumerate(agency.part_of):

        def fill_membership(child: _Emitter, parent: Any = parent) -> None:
            child.add(COOP.parent, terms.record("agency", parent.agency))
            if parent.valid_from:
                child.add(COOP.validFrom, terms.date(parent.valid_from))
            if parent.valid_until:
                child.add(COOP.validUntil, terms.date(parent.valid_until))

        emit.part(COOP.membership, i, COOP.Membership, fill_membership)
        if parent.open_ended:  # an ended membership is history, not a present link
            emit.add(ORG.subOrganizationOf, terms.record("agency", parent.agency))
    if agency.wikidata:
        emit.add(OWL.sameAs, terms.node(WIKIDATA + agency.wikidata))
    if agency.ror:
        emit.add(OWL.sameAs, terms.node(ROR + agency.ror))
    emit.text(SKOS.note, agency.note)
    emit.citations(agency.sources)
    return emit.triples


def _field(terms: Terms, concept: TechField, position: int) -> list[ox.Triple]:
    emit = _Emitter(terms, terms.record("field", concept.id))
    emit.add(RDF.type, terms.node(SKOS.Concept))
    emit.add(COOP.position, terms.position(position))
    emit.add(SKOS.inScheme, terms.node(f"{terms.base}vocab/fields"))
    emit.text(DCTERMS.identifier, concept.id)
    emit.localized(SKOS.prefLabel, concept.label)
    if concept.broader:
        emit.add(SKOS.broader, terms.record("field", concept.broader))
    else:
        emit.add(SKOS.topConceptOf, terms.node(f"{terms.base}vocab/fields"))
    if concept.sources:
        emit.citations(concept.sources)
    return emit.triples


def _source(terms: Terms, source: Source, position: int) -> list[ox.Triple]:
    emit = _Emitter(terms, terms.record("source", source.id))
    emit.add(RDF.type, terms.node(COOP.Source))
    emit.add(COOP.position, terms.position(position))
    emit.text(DCTERMS.identifier, source.id)
    emit.add(COOP.sourceKind, terms.concept("source-kind", source.kind))
    _language(emit, source.language)
    emit.text(DCTERMS.title, source.title)
    # Dublin Core's publisher and creator are agents: a node with a name, not a string.
    for predicate, name in (
        (DCTERMS.publisher, source.publisher),
        (DCTERMS.creator, source.author),
    ):
        if name is not None:
            emit.part(
                predicate, 0, DCTERMS.Agent, lambda child, name=name: child.text(FOAF.name, name)
            )
    if source.published:
        emit.add(DCTERMS.issued, terms.date(source.published))
    if source.url:
        emit.add(SCHEMA.url, ox.NamedNode(source.url))
    emit.text(COOP.file, source.file)
    return emit.triples


def language_iri(tag: str) -> str | None:
    """The Library of Congress IRI of a bare ISO 639 code (``ko``), None for ``en-GB``."""
    if "-" in tag:
        return None
    return (ISO639_1 if len(tag) == 2 else ISO639_2) + tag


def _language(emit: _Emitter, tag: str) -> None:
    """``dct:language`` as a ``dct:LinguisticSystem``: an ISO 639 IRI, or a node for a tag
    with subtags (``en-GB``), which no ISO 639 IRI names."""
    iri = language_iri(tag)
    if iri is None:
        emit.part(
            DCTERMS.language,
            0,
            DCTERMS.LinguisticSystem,
            lambda child: child.add(
                RDF.value, ox.Literal(tag, datatype=emit.terms.node(XSD.language))
            ),
        )
        return
    node = emit.terms.node(iri)
    emit.add(DCTERMS.language, node)
    if iri not in emit.terms.described:  # typed once per export, after the source's triples
        emit.terms.described.add(iri)
        kind = emit.terms.node(RDF.type), emit.terms.node(DCTERMS.LinguisticSystem)
        emit.nested.append(ox.Triple(node, *kind))


def _party(emit: _Emitter, party: Party) -> None:
    terms = emit.terms
    if party.agency:
        emit.add(COOP.agency, terms.record("agency", party.agency))
    if party.unit:
        emit.add(COOP.unit, terms.record("agency", party.unit))
    emit.text(COOP.role, party.role)
    emit.localized(DCTERMS.description, party.description)
    emit.text(COOP.country, party.country)


def _person(emit: _Emitter, person: Person) -> None:
    emit.localized(SCHEMA.name, person.name)
    emit.localized(COOP.roleTitle, person.role)
    if person.agency:
        emit.add(COOP.agency, emit.terms.record("agency", person.agency))


def _place(emit: _Emitter, place: Place) -> None:
    emit.localized(SCHEMA.name, place.venue)
    emit.localized(COOP.city, place.city)
    emit.text(COOP.country, place.country)


def _text_items(emit: _Emitter, predicate: str, items: list[dict[str, str]]) -> None:
    for i, item in enumerate(items):
        emit.part(
            predicate,
            i,
            COOP.TextItem,
            lambda child, item=item: child.localized(RDF.value, item),
        )


def _agreement(terms: Terms, agreement: Agreement, position: int) -> list[ox.Triple]:
    emit = _Emitter(terms, terms.record("agreement", agreement.id))
    emit.add(RDF.type, terms.node(COOP.Agreement))
    emit.add(COOP.position, terms.position(position))
    emit.text(DCTERMS.identifier, agreement.id)
    emit.add(COOP.agreementType, terms.concept("agreement-type", agreement.type))
    emit.localized(DCTERMS.title, agreement.title)
    emit.add(COOP.status, terms.concept("status", agreement.status))
    emit.when(agreement.date)
    for i, party in enumerate(agreement.parties):
        emit.part(
            COOP.partyRole,
            i,
            COOP.PartyRole,
            lambda child, party=party: _party(child, party),
        )
    for agency_id in agreement.agency_ids():
        emit.add(COOP.party, terms.record("agency", agency_id))
    for i, change in enumerate(agreement.history):

        def fill_change(child: _Emitter, change: Any = change) -> None:
            child.add(COOP.status, terms.concept("status", change.status))
            child.when(change.date)
            if change.event:
                child.add(COOP.announcedAt, terms.record("event", change.event))
            child.citations(change.sources)

        emit.part(COOP.statusChange, i, COOP.StatusChange, fill_change)
    if agreement.ended is not None:
        emit.part(COOP.ended, 0, COOP.Period, lambda child: child.when(agreement.ended))
    if agreement.place is not None:
        emit.part(COOP.place, 0, COOP.Place, lambda child: _place(child, agreement.place))  # type: ignore[arg-type]
    for field_id in agreement.fields:
        emit.add(DCTERMS.subject, terms.record("field", field_id))
    _text_items(emit, COOP.scopeItem, agreement.scope)
    if agreement.funding is not None:
        funding = agreement.funding

        def fill_funding(child: _Emitter) -> None:
            amount = funding.amount
            if isinstance(amount, int):
                child.add(COOP.amount, ox.Literal(str(amount), datatype=terms.integer))
            else:  # xsd:decimal has no exponent: 1e+20 is written out in full
                text = format(Decimal(repr(amount)), "f")
                child.add(COOP.amount, ox.Literal(text, datatype=terms.decimal))
            child.text(COOP.currency, funding.currency)
            child.text(COOP.qualifier, funding.qualifier)
            child.text(COOP.period, funding.period)

        emit.part(COOP.funding, 0, COOP.Funding, fill_funding)
    for i, person in enumerate(agreement.signatories):
        emit.part(
            COOP.signatory,
            i,
            COOP.Person,
            lambda child, person=person: _person(child, person),
        )
    if agreement.event:
        emit.add(COOP.agreedAt, terms.record("event", agreement.event))
    for event_id in dict.fromkeys(c.event for c in agreement.history if c.event):
        emit.add(COOP.announcedAt, terms.record("event", event_id))  # the plain link
    emit.text(SKOS.note, agreement.note)
    emit.citations(agreement.sources)
    return emit.triples


def _event(terms: Terms, event: Event, position: int) -> list[ox.Triple]:
    emit = _Emitter(terms, terms.record("event", event.id))
    emit.add(RDF.type, terms.node(COOP.Event))
    emit.add(RDF.type, terms.node(SCHEMA.Event))
    emit.add(COOP.position, terms.position(position))
    emit.text(DCTERMS.identifier, event.id)
    emit.add(COOP.eventType, terms.concept("event-type", event.type))
    if event.status is not None:
        emit.add(COOP.status, terms.concept("event-status", event.status))
    emit.localized(DCTERMS.title, event.title)
    emit.when(event.date)
    if event.place is not None:
        place = event.place
        emit.part(COOP.place, 0, COOP.Place, lambda child: _place(child, place))
    for predicate, direct, parties in (
        (COOP.organiserRole, SCHEMA.organizer, event.organisers),
        (COOP.participantRole, COOP.participant, event.participants),
    ):
        for i, party in enumerate(parties):
            emit.part(predicate, i, COOP.PartyRole, lambda child, party=party: _party(child, party))
            if party.agency:
                emit.add(direct, terms.record("agency", party.agency))
    for i, person in enumerate(event.people):
        emit.part(
            COOP.person,
            i,
            COOP.Person,
            lambda child, person=person: _person(child, person),
        )
    for field_id in event.fields:
        emit.add(DCTERMS.subject, terms.record("field", field_id))
    if event.attendance is not None:
        attendance = event.attendance

        def fill_attendance(child: _Emitter) -> None:
            child.add(COOP.count, ox.Literal(str(attendance.count), datatype=terms.integer))
            child.text(COOP.qualifier, attendance.qualifier)

        emit.part(COOP.attendance, 0, COOP.Attendance, fill_attendance)
    if event.part_of:
        emit.add(DCTERMS.isPartOf, terms.record("event", event.part_of))
    _text_items(emit, COOP.noteItem, event.notes)
    emit.citations(event.sources)
    return emit.triples


#: The builder of each kind of record, in the export's order of kinds.
_RECORD_BUILDERS: dict[str, Callable[[Terms, Any, int], list[ox.Triple]]] = {
    "agency": _agency,
    "field": _field,
    "source": _source,
    "event": _event,
    "agreement": _agreement,
}


# --- writing -------------------------------------------------------------------------------


def serialize(
    triples: Iterable[ox.Triple], fmt: str, output: IO[bytes] | None = None
) -> bytes | None:
    """Write triples in ``fmt`` (see :data:`FORMATS`) to ``output``, or return the bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
    items: Iterable[Any] = triples
    if fmt in _QUAD_FORMATS:
        graph = ox.DefaultGraph()
        items = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    prefixes = PREFIXES if fmt in {"turtle", "trig", "rdfxml"} else None
    return ox.serialize(items, output, FORMATS[fmt], prefixes=prefixes)


def write(
    dataset: Dataset,
    target: Path | str | None,
    fmt: str,
    *,
    base: str = DEFAULT_BASE,
    stream: IO[bytes] | None = None,
) -> None:
    """Export to ``target`` atomically (a temporary file renamed into place), or to ``stream``.

    Nothing half-written is ever left at ``target``: if anything fails, the previous file
    (if any) is untouched.
    """
    triples = dataset_triples(dataset, base=base)
    if target is None:
        assert stream is not None
        serialize(triples, fmt, stream)
        return
    write_atomically(Path(target), lambda handle: serialize(triples, fmt, handle))


def to_rdflib(dataset: Dataset, *, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The export as an ``rdflib.Graph``, for rdflib's Python API (slower for big data)."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in dataset_triples(dataset, base=base):
        graph.add(
            (
                to_rdflib_term(triple.subject),
                rdflib.URIRef(triple.predicate.value),
                to_rdflib_term(triple.object),
            )
        )
    return graph


def to_rdflib_term(term: Any) -> Any:
    """An rdflib term equal to a pyoxigraph one."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    datatype = None if term.language else rdflib.URIRef(term.datatype.value)
    if datatype is not None and datatype == rdflib.XSD.string:
        datatype = None
    return rdflib.Literal(term.value, lang=term.language, datatype=datatype)
