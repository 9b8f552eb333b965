"""SHACL shapes: every defect is caught by a shape of its own, with a message of its own.

The corpus is the export of the bundled data, and copies of it with one defect each (at
least one for every shape in ``shapes.ttl``). Each copy is checked three ways:

- by ``coopgraph validate --shacl`` (pySHACL), against the exact results written here by
  hand: focus node, path, value, shape and message;
- by rdf-validate-shacl and shacl-engine, two SHACL engines that share no code with pySHACL
  or rdflib, run once by node for the whole corpus (``tests/js/validate.mjs``): both must
  give the same verdict and the same results, counted the same way. rdf-validate-shacl
  knows SHACL Core only; it is compared on the Core shapes, and shacl-engine (SPARQL by
  Comunica) on all of them, the one SPARQL-based shape included.

Outside CI the engines in node are skipped when node or ``tests/js/node_modules`` (``npm ci``)
is missing; with ``CI`` set, that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib import Literal, URIRef

from coopgraph.load import load_dataset
from coopgraph.rdf.export import to_rdflib
from coopgraph.rdf.namespace import COOP as COOP_TERMS
from coopgraph.rdf.namespace import DEFAULT_BASE
from coopgraph.rdf.shapes import SHAPES, ShaclReport, Violation, term_text, validate_graph

# Plain namespaces: rdflib's closed ones warn when pytest looks at this module's names.
COOP = rdflib.Namespace(COOP_TERMS.uri)
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SDO = rdflib.Namespace("https://schema.org/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
COOPSH = rdflib.Namespace("https://w3id.org/coopgraph/shapes#")
JS = Path(__file__).with_name("js")


def record(kind: str, record_id: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}{kind}/{record_id}")


# Records of the bundled data the mutations change, chosen for what they have.
LOI = record("agreement", "kiat-nist-loi-2022")  # two named parties, a single date
CHANGED = record("agreement", "kats-nist-mou-2024")  # one status change in its history
EVENT = record("event", "kr-us-cet-dialogue-2023")  # an interval, organisers, participants
AGENCY = record("agency", "KRISS")  # a member of NST
LONE = record("agency", "MCEE")  # an agency no record refers to
SOURCE = record("source", "nist-2000-05")  # a publisher, a language, a month
NOWHERE = record("agency", "NOWHERE")  # described by no triple

#: Each shape that reports results, and its message: the text a user reads, stated here once
#: more on purpose, so that a changed message is a failing test.
MESSAGES = {
    "AgreementParties": "an agreement needs at least two parties",
    "AgreementPartyIsOrganisation": "every party of an agreement is an organisation",
    "AgreementCitations": "every agreement cites at least one source",
    "AgreementSources": "an agreement's dct:source is a coop:Source",
    "AgreementTypeCount": "an agreement has exactly one type",
    "AgreementTypeScheme": "an agreement's type is a concept of the agreement-type scheme",
    "AgreementStatusCount": "an agreement has exactly one status",
    "AgreementStatusScheme": "an agreement's status is a concept of the status scheme",
    "AgreementTitle": "an agreement has a title",
    "StatusChangeStatusCount": "a status change has exactly one status",
    "StatusChangeStatusScheme": "a status change's status is a concept of the status scheme",
    "EventCitations": "every event cites at least one source",
    "EventSources": "an event's dct:source is a coop:Source",
    "EventParticipantIsOrganisation": "every participant is an organisation",
    "EventOrganizerIsOrganization": "every organiser of an event is a schema:Organization",
    "EventTitle": "an event has a title",
    "EventTypeCount": "an event has exactly one type",
    "EventTypeScheme": "an event's type is a concept of the event-type scheme",
    "EventStatusCount": "an event has at most one status",
    "EventStatusScheme": "an event's status is a concept of the event-status scheme",
    "AgencyIsOrgOrganization": "an agency is an org:Organization",
    "AgencyIsSchemaOrganization": "an agency is a schema:Organization",
    "AgencyCountry": "an agency has one ISO 3166-1 alpha-2 country code",
    "AgencyName": "an agency has a name",
    "AgencyCitations": "every agency cites at least one source",
    "AgencySources": "an agency's dct:source is a coop:Source",
    "AgencyParentIsOrganisation": "an agency's parent is an organisation",
    "AgencyKindCount": "an agency has exactly one kind",
    "AgencyKindScheme": "an agency's kind is a concept of the agency-kind scheme",
    "PartyRoleShape": (
        "a party role names one agency (an organisation) or describes an unnamed party, not both"
    ),
    "CitationSource": "a citation names one source",
    "CitationQuote": "a citation quotes the supporting sentence",
    "SourceLanguageCount": "a source states its language",
    "SourceLanguage": "a source's language is a dct:LinguisticSystem IRI (ISO 639)",
    "SourceIssued": "a publication date is one xsd:date, xsd:gYearMonth or xsd:gYear",
    "SourceKindCount": "a source has exactly one kind",
    "SourceKindScheme": "a source's kind is a concept of the source-kind scheme",
    "AgentShape": "a publisher or author is a dct:Agent",
    "AgentName": "a publisher or author has a foaf:name",
    "StartDate": "a start date is one xsd:date, xsd:gYearMonth or xsd:gYear",
    "EndDate": "an end date is one xsd:date, xsd:gYearMonth or xsd:gYear",
    "DcDate": "a dct:date is one xsd:date, xsd:gYearMonth or xsd:gYear",
    "DcDateIsStart": "dct:date is the start date (coop:startDate) again",
    "IntervalHasStart": "an interval with an end date has a start date",
    "IntervalOrder": "an interval ends before it starts",
}

#: A result as compared: focus, path, value, shape, message (terms as ``term_text`` writes them).
Key = tuple[str, str | None, str | None, str, str]


def hit(focus: Any, path: str | None, shape: str, value: Any = None) -> Key:
    """The result expected from ``shape`` (its message is in :data:`MESSAGES`)."""
    return (
        term_text(focus, compact=False) or "",
        path,
        term_text(value),
        f"coopsh:{shape}",
        MESSAGES[shape],
    )


def key(violation: Violation) -> Key:
    return (
        violation.focus,
        violation.path,
        violation.value,
        violation.shape or "",
        violation.message,
    )


# --- finding things in the export ------------------------------------------------------------


def part(graph: rdflib.Graph, owner: URIRef, predicate: URIRef, position: int = 0) -> Any:
    """The blank node of a record's part (party role, citation, ...) at ``position``."""
    for node in graph.objects(owner, predicate):
        if graph.value(node, COOP.position) == Literal(position):
            return node
    raise LookupError(f"{owner} has no {predicate} at position {position}")


def concept(graph: rdflib.Graph, scheme: str, code: str) -> URIRef:
    """The concept of ``scheme`` with notation ``code``, found as the shapes find it.

    A concept the export does not have (yet) is added with its scheme, so that a mutation
    can use it either way.
    """
    for node in graph.subjects(SKOS.notation, Literal(code)):
        for in_scheme in graph.objects(node, SKOS.inScheme):
            if (in_scheme, SKOS.notation, Literal(scheme)) in graph:
                return URIRef(node)
    scheme_node = URIRef(f"{DEFAULT_BASE}vocab/{scheme}")
    node = URIRef(f"{DEFAULT_BASE}vocab/{scheme}/{code}")
    graph.add((scheme_node, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme_node, SKOS.notation, Literal(scheme)))
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme_node))
    graph.add((node, SKOS.notation, Literal(code)))
    return node


# --- the corpus: one mutation (at least) per shape -------------------------------------------

Mutation = Callable[[rdflib.Graph], list[Key]]
MUTATIONS: dict[str, Mutation] = {}


def mutation(name: str) -> Callable[[Mutation], Mutation]:
    def register(function: Mutation) -> Mutation:
        MUTATIONS[name] = function
        return function

    return register


@mutation("export")
def _export(graph: rdflib.Graph) -> list[Key]:
    return []


@mutation("one-party")
def _one_party(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LOI, COOP.partyRole, part(graph, LOI, COOP.partyRole, 1)))
    return [hit(LOI, "coop:partyRole", "AgreementParties")]


@mutation("party-not-an-organisation")
def _party_not_an_organisation(graph: rdflib.Graph) -> list[Key]:
    graph.add((LOI, COOP.party, NOWHERE))
    return [hit(LOI, "coop:party", "AgreementPartyIsOrganisation", NOWHERE)]


@mutation("agreement-without-citations")
def _agreement_without_citations(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LOI, COOP.citation, None))
    return [hit(LOI, "coop:citation", "AgreementCitations")]


@mutation("agreement-source-not-a-source")
def _agreement_source_not_a_source(graph: rdflib.Graph) -> list[Key]:
    agency = record("agency", "KIAT")
    graph.add((LOI, DCTERMS.source, agency))
    return [hit(LOI, "dct:source", "AgreementSources", agency)]


@mutation("agreement-without-type")
def _agreement_without_type(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LOI, COOP.agreementType, None))
    return [hit(LOI, "coop:agreementType", "AgreementTypeCount")]


@mutation("type-from-the-status-scheme")
def _type_from_the_status_scheme(graph: rdflib.Graph) -> list[Key]:
    signed = concept(graph, "status", "signed")
    graph.set((LOI, COOP.agreementType, signed))
    return [hit(LOI, "coop:agreementType", "AgreementTypeScheme", signed)]


@mutation("two-statuses")
def _two_statuses(graph: rdflib.Graph) -> list[Key]:
    graph.add((LOI, COOP.status, concept(graph, "status", "active")))
    return [hit(LOI, "coop:status", "AgreementStatusCount")]


@mutation("status-from-the-agreement-type-scheme")
def _status_from_the_agreement_type_scheme(graph: rdflib.Graph) -> list[Key]:
    mou = concept(graph, "agreement-type", "mou")
    graph.set((LOI, COOP.status, mou))
    return [hit(LOI, "coop:status", "AgreementStatusScheme", mou)]


@mutation("status-from-the-event-status-scheme")
def _status_from_the_event_status_scheme(graph: rdflib.Graph) -> list[Key]:
    held = concept(graph, "event-status", "held")
    graph.set((LOI, COOP.status, held))
    return [hit(LOI, "coop:status", "AgreementStatusScheme", held)]


@mutation("agreement-without-title")
def _agreement_without_title(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LOI, DCTERMS.title, None))
    return [hit(LOI, "dct:title", "AgreementTitle")]


@mutation("status-change-without-status")
def _status_change_without_status(graph: rdflib.Graph) -> list[Key]:
    change = part(graph, CHANGED, COOP.statusChange)
    graph.remove((change, COOP.status, None))
    return [hit(change, "coop:status", "StatusChangeStatusCount")]


@mutation("status-change-from-the-agreement-type-scheme")
def _status_change_from_the_agreement_type_scheme(graph: rdflib.Graph) -> list[Key]:
    change, mou = part(graph, CHANGED, COOP.statusChange), concept(graph, "agreement-type", "mou")
    graph.set((change, COOP.status, mou))
    return [hit(change, "coop:status", "StatusChangeStatusScheme", mou)]


@mutation("event-without-citations")
def _event_without_citations(graph: rdflib.Graph) -> list[Key]:
    graph.remove((EVENT, COOP.citation, None))
    return [hit(EVENT, "coop:citation", "EventCitations")]


@mutation("event-source-not-a-source")
def _event_source_not_a_source(graph: rdflib.Graph) -> list[Key]:
    graph.add((EVENT, DCTERMS.source, LOI))
    return [hit(EVENT, "dct:source", "EventSources", LOI)]


@mutation("participant-not-an-organisation")
def _participant_not_an_organisation(graph: rdflib.Graph) -> list[Key]:
    graph.add((EVENT, COOP.participant, NOWHERE))
    return [hit(EVENT, "coop:participant", "EventParticipantIsOrganisation", NOWHERE)]


@mutation("organiser-not-a-schema-organization")
def _organiser_not_a_schema_organization(graph: rdflib.Graph) -> list[Key]:
    graph.add((EVENT, SDO.organizer, NOWHERE))
    return [hit(EVENT, "schema:organizer", "EventOrganizerIsOrganization", NOWHERE)]


@mutation("event-without-title")
def _event_without_title(graph: rdflib.Graph) -> list[Key]:
    graph.remove((EVENT, DCTERMS.title, None))
    return [hit(EVENT, "dct:title", "EventTitle")]


@mutation("event-without-type")
def _event_without_type(graph: rdflib.Graph) -> list[Key]:
    graph.remove((EVENT, COOP.eventType, None))
    return [hit(EVENT, "coop:eventType", "EventTypeCount")]


@mutation("event-type-from-the-agreement-type-scheme")
def _event_type_from_the_agreement_type_scheme(graph: rdflib.Graph) -> list[Key]:
    dialogue = concept(graph, "agreement-type", "dialogue")
    graph.set((EVENT, COOP.eventType, dialogue))
    return [hit(EVENT, "coop:eventType", "EventTypeScheme", dialogue)]


@mutation("event-with-two-statuses")
def _event_with_two_statuses(graph: rdflib.Graph) -> list[Key]:
    graph.remove((EVENT, COOP.status, None))
    graph.add((EVENT, COOP.status, concept(graph, "event-status", "held")))
    graph.add((EVENT, COOP.status, concept(graph, "event-status", "cancelled")))
    return [hit(EVENT, "coop:status", "EventStatusCount")]


@mutation("event-status-from-the-status-scheme")
def _event_status_from_the_status_scheme(graph: rdflib.Graph) -> list[Key]:
    planned = concept(graph, "status", "planned")
    graph.set((EVENT, COOP.status, planned))
    return [hit(EVENT, "coop:status", "EventStatusScheme", planned)]


@mutation("event-with-its-status")
def _event_with_its_status(graph: rdflib.Graph) -> list[Key]:
    graph.set((EVENT, COOP.status, concept(graph, "event-status", "held")))
    return []


@mutation("agency-not-an-org-organization")
def _agency_not_an_org_organization(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LONE, RDF.type, ORG.Organization))
    return [hit(LONE, None, "AgencyIsOrgOrganization", LONE)]


@mutation("agency-not-a-schema-organization")
def _agency_not_a_schema_organization(graph: rdflib.Graph) -> list[Key]:
    graph.remove((LONE, RDF.type, SDO.Organization))
    return [hit(LONE, None, "AgencyIsSchemaOrganization", LONE)]


@mutation("country-not-a-code")
def _country_not_a_code(graph: rdflib.Graph) -> list[Key]:
    graph.set((AGENCY, COOP.country, Literal("Korea")))
    return [hit(AGENCY, "coop:country", "AgencyCountry", Literal("Korea"))]


@mutation("agency-without-names")
def _agency_without_names(graph: rdflib.Graph) -> list[Key]:
    graph.remove((AGENCY, COOP.nameEntry, None))
    return [hit(AGENCY, "coop:nameEntry", "AgencyName")]


@mutation("agency-without-citations")
def _agency_without_citations(graph: rdflib.Graph) -> list[Key]:
    graph.remove((AGENCY, COOP.citation, None))
    return [hit(AGENCY, "coop:citation", "AgencyCitations")]


@mutation("agency-source-not-a-source")
def _agency_source_not_a_source(graph: rdflib.Graph) -> list[Key]:
    graph.add((AGENCY, DCTERMS.source, EVENT))
    return [hit(AGENCY, "dct:source", "AgencySources", EVENT)]


@mutation("parent-not-an-organisation")
def _parent_not_an_organisation(graph: rdflib.Graph) -> list[Key]:
    graph.set((part(graph, AGENCY, COOP.membership), COOP.parent, NOWHERE))
    return [hit(AGENCY, "coop:membership/coop:parent", "AgencyParentIsOrganisation", NOWHERE)]


@mutation("agency-without-kind")
def _agency_without_kind(graph: rdflib.Graph) -> list[Key]:
    graph.remove((AGENCY, COOP.agencyKind, None))
    return [hit(AGENCY, "coop:agencyKind", "AgencyKindCount")]


@mutation("agency-kind-from-the-event-type-scheme")
def _agency_kind_from_the_event_type_scheme(graph: rdflib.Graph) -> list[Key]:
    forum = concept(graph, "event-type", "forum")
    graph.set((AGENCY, COOP.agencyKind, forum))
    return [hit(AGENCY, "coop:agencyKind", "AgencyKindScheme", forum)]


@mutation("party-role-without-agency")
def _party_role_without_agency(graph: rdflib.Graph) -> list[Key]:
    role = part(graph, LOI, COOP.partyRole)
    graph.remove((role, COOP.agency, None))
    return [hit(role, None, "PartyRoleShape", role)]


@mutation("party-role-with-agency-and-description")
def _party_role_with_agency_and_description(graph: rdflib.Graph) -> list[Key]:
    role = part(graph, LOI, COOP.partyRole)
    graph.add((role, DCTERMS.description, Literal("a Korean agency", lang="en")))
    return [hit(role, None, "PartyRoleShape", role)]


@mutation("organiser-role-without-agency")
def _organiser_role_without_agency(graph: rdflib.Graph) -> list[Key]:
    role = part(graph, EVENT, COOP.organiserRole)
    graph.remove((role, COOP.agency, None))
    return [hit(role, None, "PartyRoleShape", role)]


@mutation("citation-without-source")
def _citation_without_source(graph: rdflib.Graph) -> list[Key]:
    citation = part(graph, LOI, COOP.citation)
    graph.remove((citation, DCTERMS.source, None))
    return [hit(citation, "dct:source", "CitationSource")]


@mutation("citation-without-quote")
def _citation_without_quote(graph: rdflib.Graph) -> list[Key]:
    citation = part(graph, LOI, COOP.citation, 1)
    graph.remove((citation, COOP.quote, None))
    return [hit(citation, "coop:quote", "CitationQuote")]


@mutation("source-without-language")
def _source_without_language(graph: rdflib.Graph) -> list[Key]:
    graph.remove((SOURCE, DCTERMS.language, None))
    return [hit(SOURCE, "dct:language", "SourceLanguageCount")]


@mutation("language-not-a-linguistic-system")
def _language_not_a_linguistic_system(graph: rdflib.Graph) -> list[Key]:
    language = URIRef("http://id.loc.gov/vocabulary/iso639-1/xx")
    graph.set((SOURCE, DCTERMS.language, language))
    return [hit(SOURCE, "dct:language", "SourceLanguage", language)]


@mutation("language-as-text")
def _language_as_text(graph: rdflib.Graph) -> list[Key]:
    graph.set((SOURCE, DCTERMS.language, Literal("en")))
    # Two constraints of one shape (sh:nodeKind, sh:class): two results, as every engine counts.
    return 2 * [hit(SOURCE, "dct:language", "SourceLanguage", Literal("en"))]


@mutation("issued-untyped")
def _issued_untyped(graph: rdflib.Graph) -> list[Key]:
    graph.set((SOURCE, DCTERMS.issued, Literal("May 2000")))
    return [hit(SOURCE, "dct:issued", "SourceIssued", Literal("May 2000"))]


@mutation("source-without-kind")
def _source_without_kind(graph: rdflib.Graph) -> list[Key]:
    graph.remove((SOURCE, COOP.sourceKind, None))
    return [hit(SOURCE, "coop:sourceKind", "SourceKindCount")]


@mutation("source-kind-from-the-agency-kind-scheme")
def _source_kind_from_the_agency_kind_scheme(graph: rdflib.Graph) -> list[Key]:
    ministry = concept(graph, "agency-kind", "ministry")
    graph.set((SOURCE, COOP.sourceKind, ministry))
    return [hit(SOURCE, "coop:sourceKind", "SourceKindScheme", ministry)]


@mutation("publisher-not-an-agent")
def _publisher_not_an_agent(graph: rdflib.Graph) -> list[Key]:
    agent = graph.value(SOURCE, DCTERMS.publisher)
    graph.remove((agent, RDF.type, DCTERMS.Agent))
    return [hit(agent, None, "AgentShape", agent)]


@mutation("publisher-without-name")
def _publisher_without_name(graph: rdflib.Graph) -> list[Key]:
    agent = graph.value(SOURCE, DCTERMS.publisher)
    graph.remove((agent, FOAF.name, None))
    return [hit(agent, "foaf:name", "AgentName")]


@mutation("publisher-as-text")
def _publisher_as_text(graph: rdflib.Graph) -> list[Key]:
    graph.set((SOURCE, DCTERMS.publisher, Literal("NIST")))
    return [
        hit(Literal("NIST"), None, "AgentShape", Literal("NIST")),
        hit(Literal("NIST"), "foaf:name", "AgentName"),
    ]


@mutation("start-date-untyped")
def _start_date_untyped(graph: rdflib.Graph) -> list[Key]:
    graph.set((EVENT, COOP.startDate, Literal("2023-12-08")))
    return [hit(EVENT, "coop:startDate", "StartDate", Literal("2023-12-08"))]


@mutation("end-date-untyped")
def _end_date_untyped(graph: rdflib.Graph) -> list[Key]:
    graph.set((EVENT, COOP.endDate, Literal("2023-12-09")))
    return [hit(EVENT, "coop:endDate", "EndDate", Literal("2023-12-09"))]


@mutation("dates-untyped")
def _dates_untyped(graph: rdflib.Graph) -> list[Key]:
    graph.set((LOI, COOP.startDate, Literal("2022-12-07")))
    graph.set((LOI, DCTERMS.date, Literal("2022-12-07")))
    return [
        hit(LOI, "coop:startDate", "StartDate", Literal("2022-12-07")),
        hit(LOI, "dct:date", "DcDate", Literal("2022-12-07")),
    ]


@mutation("dct-date-not-the-start")
def _dct_date_not_the_start(graph: rdflib.Graph) -> list[Key]:
    start = graph.value(LOI, COOP.startDate)
    other = Literal("2022-12-08", datatype=XSD.date)
    graph.set((LOI, DCTERMS.date, other))
    # sh:equals: one result for each value missing on the other side, both counted.
    return [
        hit(LOI, "dct:date", "DcDateIsStart", other),
        hit(LOI, "dct:date", "DcDateIsStart", start),
    ]


@mutation("status-change-dct-date-not-the-start")
def _status_change_dct_date_not_the_start(graph: rdflib.Graph) -> list[Key]:
    change = part(graph, CHANGED, COOP.statusChange)
    start = graph.value(change, COOP.startDate)
    other = Literal("2023-11", datatype=XSD.gYearMonth)
    graph.set((change, DCTERMS.date, other))
    return [
        hit(change, "dct:date", "DcDateIsStart", other),
        hit(change, "dct:date", "DcDateIsStart", start),
    ]


@mutation("interval-without-start")
def _interval_without_start(graph: rdflib.Graph) -> list[Key]:
    graph.remove((EVENT, COOP.startDate, None))
    return [hit(EVENT, "coop:startDate", "IntervalHasStart")]


@mutation("interval-dates-swapped")
def _interval_dates_swapped(graph: rdflib.Graph) -> list[Key]:
    start, end = graph.value(EVENT, COOP.startDate), graph.value(EVENT, COOP.endDate)
    graph.set((EVENT, COOP.startDate, end))
    graph.set((EVENT, COOP.endDate, start))
    return [hit(EVENT, "coop:endDate", "IntervalOrder", start)]


@mutation("interval-month-then-earlier-day")
def _interval_month_then_earlier_day(graph: rdflib.Graph) -> list[Key]:
    end = Literal("2023-12-31", datatype=XSD.date)
    graph.set((EVENT, COOP.startDate, Literal("2024-01", datatype=XSD.gYearMonth)))
    graph.set((EVENT, COOP.endDate, end))
    return [hit(EVENT, "coop:endDate", "IntervalOrder", end)]


@mutation("interval-with-two-starts-after-its-end")
def _interval_with_two_starts_after_its_end(graph: rdflib.Graph) -> list[Key]:
    end = graph.value(EVENT, COOP.endDate)
    graph.remove((EVENT, COOP.startDate, None))
    for day in ("2023-12-10", "2023-12-11"):
        graph.add((EVENT, COOP.startDate, Literal(day, datatype=XSD.date)))
    # The query finds the end twice (once per start): one result all the same (DISTINCT).
    return [
        hit(EVENT, "coop:startDate", "StartDate"),
        hit(EVENT, "coop:endDate", "IntervalOrder", end),
    ]


@mutation("interval-day-within-its-end-month")
def _interval_day_within_its_end_month(graph: rdflib.Graph) -> list[Key]:
    # "2024-01-15/2024-01" is a valid span (the model accepts it): mixed precisions compare
    # on the shorter one, so no result, where sh:lessThanOrEquals would report one.
    graph.set((EVENT, COOP.startDate, Literal("2024-01-15", datatype=XSD.date)))
    graph.set((EVENT, COOP.endDate, Literal("2024-01", datatype=XSD.gYearMonth)))
    return []


@mutation("interval-month-then-later-day")
def _interval_month_then_later_day(graph: rdflib.Graph) -> list[Key]:
    graph.set((EVENT, COOP.startDate, Literal("2023-12", datatype=XSD.gYearMonth)))
    graph.set((EVENT, COOP.endDate, Literal("2024-01-05", datatype=XSD.date)))
    return []


# A corpus entry made from the export under another base IRI: the shapes find the schemes by
# their notation, so the same checks hold.
OTHER_BASE = "https://example.org/kg/"


def _other_base_status_from_the_agreement_type_scheme(graph: rdflib.Graph) -> list[Key]:
    loi = record("agreement", "kiat-nist-loi-2022", OTHER_BASE)
    mou = record("vocab", "agreement-type/mou", OTHER_BASE)
    graph.set((loi, COOP.status, mou))
    return [hit(loi, "coop:status", "AgreementStatusScheme", mou)]


OTHER_BASE_MUTATIONS: dict[str, Mutation] = {
    "other-base-status-from-the-agreement-type-scheme": (
        _other_base_status_from_the_agreement_type_scheme
    ),
}


# --- running the corpus ----------------------------------------------------------------------


@dataclass
class Corpus:
    """Every graph of the corpus as N-Triples, its expected results and pySHACL's report."""

    directory: Path
    manifest: Path
    expected: dict[str, list[Key]]
    reports: dict[str, ShaclReport]
    engines: subprocess.Popen[str] | None  # node, started before pySHACL runs
    missing: str | None  # why node cannot run here


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    copy += graph
    return copy


def _node_missing() -> str | None:
    if shutil.which("node") is None:
        return "node (Debian nodejs) is not installed"
    if not (JS / "node_modules" / "rdf-validate-shacl").is_dir():
        return f"the SHACL engines for node are not installed (npm ci in {JS})"
    return None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """Build, write and check the corpus once for the module; node checks it meanwhile."""
    directory = tmp_path_factory.mktemp("shacl-corpus")
    dataset = load_dataset()
    exports = {DEFAULT_BASE: to_rdflib(dataset), OTHER_BASE: to_rdflib(dataset, base=OTHER_BASE)}
    graphs, expected = {}, {}
    for base, mutations in ((DEFAULT_BASE, MUTATIONS), (OTHER_BASE, OTHER_BASE_MUTATIONS)):
        for name, mutate in mutations.items():
            graph = _copy(exports[base])
            expected[name] = mutate(graph)
            graph.serialize(directory / f"{name}.nt", format="nt", encoding="utf-8")
            graphs[name] = graph
    manifest = directory / "manifest.json"
    manifest.write_text(
        json.dumps({"shapes": str(SHAPES), "graphs": {name: f"{name}.nt" for name in graphs}}),
        encoding="utf-8",
    )
    missing = _node_missing()
    engines = None
    if missing is None:
        engines = subprocess.Popen(
            ["node", str(JS / "validate.mjs"), str(manifest)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
    try:
        reports = {name: validate_graph(graph) for name, graph in graphs.items()}
        yield Corpus(directory, manifest, expected, reports, engines, missing)
    finally:
        if engines is not None and engines.poll() is None:
            engines.kill()
            engines.communicate()


@pytest.fixture(scope="module")
def second_opinions(corpus: Corpus) -> dict[str, dict[str, Any]]:
    """What rdf-validate-shacl and shacl-engine say about each graph of the corpus."""
    if corpus.engines is None:
        if os.environ.get("CI"):
            pytest.fail(f"{corpus.missing} on CI (.ci/run installs them)")
        pytest.skip(str(corpus.missing))
    out, err = corpus.engines.communicate(timeout=600)
    assert corpus.engines.returncode == 0, err
    return json.loads(out)


# --- the tests -------------------------------------------------------------------------------


def test_the_export_conforms(corpus: Corpus) -> None:
    report = corpus.reports["export"]
    assert report.conforms and report.violations == []
    assert report.table().rows == [["conforms to the coopgraph shapes"]]


ALL_MUTATIONS = {**MUTATIONS, **OTHER_BASE_MUTATIONS}


@pytest.mark.parametrize("name", ALL_MUTATIONS)
def test_each_defect_is_reported_by_its_own_shape(corpus: Corpus, name: str) -> None:
    report, expected = corpus.reports[name], corpus.expected[name]
    assert Counter(key(v) for v in report.violations) == Counter(expected)
    assert report.conforms is not bool(expected)


def _shapes_that_report() -> set[str]:
    """Named shapes that can be a result's sh:sourceShape (not those used by sh:node only)."""
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    constraints = {SH[name] for name in ("path", "class", "xone", "or", "sparql")}
    named = {
        s
        for s in set(shapes.subjects())
        if isinstance(s, URIRef)
        and s.startswith(COOPSH)
        and constraints & set(shapes.predicates(s))
    }
    nested = set(shapes.objects(None, SH.node))
    return {term_text(s) or "" for s in named - nested}


def test_every_shape_has_a_mutation_and_a_message_of_its_own(corpus: Corpus) -> None:
    reported = {k[3] for keys in corpus.expected.values() for k in keys}
    assert reported == {f"coopsh:{shape}" for shape in MESSAGES} == _shapes_that_report()
    assert len(set(MESSAGES.values())) == len(MESSAGES)


def test_blank_focus_nodes_name_their_record(corpus: Corpus) -> None:
    """A party role or a citation is a blank node: the row says which record it belongs to."""
    for name, owner in (
        ("party-role-without-agency", LOI),
        ("citation-without-quote", LOI),
        ("status-change-without-status", CHANGED),
        ("publisher-without-name", SOURCE),
    ):
        assert {v.record for v in corpus.reports[name].violations} == {str(owner)}, name
    for name in ("one-party", "publisher-as-text"):  # a record, a literal shared by many
        assert {v.record for v in corpus.reports[name].violations} == {None}, name


def _compact_path(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"<([^>]*)>", lambda m: term_text(URIRef(m[1])) or "", text)


def _term(text: str | None, *, compact: bool = True) -> str | None:
    """A term written by validate.mjs (<IRI>, _:label, "literal"), as term_text writes it."""
    if text is None:
        return None
    if text.startswith("<"):
        return term_text(URIRef(text[1:-1]), compact=compact)
    if text.startswith("_:"):
        return text
    return text[1:-1]


FullKey = tuple[str | None, ...]


def _ours(violation: Violation) -> FullKey:
    return (
        violation.focus,
        violation.path,
        violation.value,
        violation.shape,
        violation.component,
        violation.message,
        violation.severity,
    )


def _theirs(result: dict[str, str | None]) -> FullKey:
    severity = _term(result["severity"])
    return (
        _term(result["focus"], compact=False),
        _compact_path(result["path"]),
        _term(result["value"]),
        _term(result["shape"]),
        _term(result["component"]),
        result["message"],
        severity.removeprefix("sh:") if severity else None,
    )


SPARQL_BASED = "sh:SPARQLConstraintComponent"


def test_independent_engines_agree(
    corpus: Corpus, second_opinions: dict[str, dict[str, Any]]
) -> None:
    """rdf-validate-shacl (Core) and shacl-engine (Core and SPARQL) give our very results."""
    assert set(second_opinions) == set(corpus.reports)
    for name, report in corpus.reports.items():
        ours = Counter(_ours(v) for v in report.violations)
        core = Counter({k: n for k, n in ours.items() if k[4] != SPARQL_BASED})
        for engine, scope in (("rdf-validate-shacl", core), ("shacl-engine", ours)):
            theirs = second_opinions[name][engine]
            found = Counter(_theirs(r) for r in theirs["results"])
            assert (theirs["conforms"], len(theirs["results"]), found) == (
                not scope,
                scope.total(),
                scope,
            ), f"{engine} on {name}"
        assert report.conforms is not bool(ours)
    # The SPARQL-based shape was exercised, and only shacl-engine could check it.
    components = {v.component for report in corpus.reports.values() for v in report.violations}
    assert SPARQL_BASED in components


def test_validate_shacl_counts_and_shows_every_result(run, corpus: Corpus) -> None:
    assert run("validate", "--shacl").code == 0
    broken = corpus.directory / "dct-date-not-the-start.nt"
    outcome = run("validate", "--shacl", broken)
    assert outcome.code == 1
    assert "2 SHACL result(s); the data does not conform" in outcome.out
    assert "2022-12-07" in outcome.out and "2022-12-08" in outcome.out
    assert run("validate", broken).code == 2  # a file is checked with --shacl only


def test_validate_shacl_as_a_process(corpus: Corpus, tmp_path: Path) -> None:
    """The installed command: exit code 1, and as many results as pySHACL's report has."""
    name = "dct-date-not-the-start"
    done = subprocess.run(
        [sys.executable, "-m", "coopgraph", "validate", "--shacl", "--format", "json",
         str(corpus.directory / f"{name}.nt")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COOPGRAPH_CACHE": str(tmp_path)},
        check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    answer = json.loads(done.stdout)
    assert answer["conforms"] is False
    assert len(answer["violations"]) == 2 == len(corpus.expected[name])
    assert answer == corpus.reports[name].to_data()
