"""RDF vocabularies: coopgraph's own terms, and the well-known ones it reuses.

:class:`COOP` lists every term of coopgraph's namespace; asking for any other name raises
``AttributeError`` at once, so a typo cannot write a wrong IRI (the habit of rdflib's
``DefinedNamespace`` with ``_fail = True``, without importing rdflib). Each term is
documented in ``ontology.ttl`` next to this module; a test keeps the two in step.

IRIs of records are built from a base IRI (a setting, default :data:`DEFAULT_BASE`):
``<base>agency/KRISS``, ``<base>agreement/kiat-nist-loi-2022``, ``<base>vocab/status/signed``.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "COOP",
    "DCTERMS",
    "DEFAULT_BASE",
    "FOAF",
    "ISO639_1",
    "ISO639_2",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROR",
    "SCHEMA",
    "SKOS",
    "WIKIDATA",
    "XSD",
    "Namespace",
]

DEFAULT_BASE = "https://w3id.org/coopgraph/"


class _StrictNamespaceMeta(type):
    def __getattr__(cls, name: str) -> str:
        raise AttributeError(f"{name!r} is not a term of {cls.__name__} ({cls.uri})")


class Namespace(metaclass=_StrictNamespaceMeta):
    """A closed set of terms: ``terms`` are the only names it answers."""

    uri: ClassVar[str] = ""
    terms: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        for term in cls.terms:
            setattr(cls, term, cls.uri + term)

    @classmethod
    def all(cls) -> list[str]:
        return [cls.uri + term for term in cls.terms]


class COOP(Namespace):
    """coopgraph's own terms (documented in ontology.ttl)."""

    uri = DEFAULT_BASE + "ns#"
    terms = (
        # classes
        "Agency", "Agreement", "Event", "Source", "Citation", "NameEntry", "Membership",
        "PartyRole", "Person", "Place", "Funding", "Attendance", "StatusChange", "TextItem",
        "Period",
        # record structure
        "position", "text", "nameEntry", "nameKind", "acronym", "validFrom", "validUntil",
        "membership", "parent", "country", "agencyKind", "agreementType", "eventType",
        "sourceKind", "status", "party", "partyRole", "agency", "unit", "role", "roleTitle",
        "startDate", "endDate", "statusChange", "ended", "place", "city", "scopeItem",
        "funding", "amount", "currency", "qualifier", "period", "signatory", "agreedAt",
        "announcedAt", "organiserRole", "participantRole", "participant", "person",
        "attendance", "count", "noteItem", "citation", "quote", "supports", "via", "file",
    )  # fmt: skip


class RDF(Namespace):
    uri = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    terms = ("type", "value")


class RDFS(Namespace):
    uri = "http://www.w3.org/2000/01/rdf-schema#"
    terms = ("label", "comment", "domain", "range", "Class", "subClassOf", "isDefinedBy")


class OWL(Namespace):
    uri = "http://www.w3.org/2002/07/owl#"
    terms = ("sameAs", "Ontology", "ObjectProperty", "DatatypeProperty", "Class")


class XSD(Namespace):
    uri = "http://www.w3.org/2001/XMLSchema#"
    terms = ("date", "gYearMonth", "gYear", "integer", "decimal", "string", "anyURI", "language")


class SKOS(Namespace):
    uri = "http://www.w3.org/2004/02/skos/core#"
    terms = ("Concept", "ConceptScheme", "prefLabel", "altLabel", "broader", "inScheme",
             "note", "notation", "hasTopConcept", "topConceptOf")  # fmt: skip


class DCTERMS(Namespace):
    uri = "http://purl.org/dc/terms/"
    terms = ("title", "date", "subject", "source", "description", "identifier", "publisher",
             "creator", "issued", "language", "isPartOf", "Agent", "LinguisticSystem")  # fmt: skip


class PROV(Namespace):
    uri = "http://www.w3.org/ns/prov#"
    terms = ("wasDerivedFrom", "Entity", "value")


class ORG(Namespace):
    uri = "http://www.w3.org/ns/org#"
    terms = ("Organization", "subOrganizationOf")


class SCHEMA(Namespace):
    uri = "https://schema.org/"
    terms = ("Event", "Organization", "organizer", "location", "name", "url")


class FOAF(Namespace):
    uri = "http://xmlns.com/foaf/0.1/"
    terms = ("name",)


WIKIDATA = "http://www.wikidata.org/entity/"
#: ISO 639 languages as Linked Data (Library of Congress): each is a dct:LinguisticSystem.
ISO639_1 = "http://id.loc.gov/vocabulary/iso639-1/"
ISO639_2 = "http://id.loc.gov/vocabulary/iso639-2/"
ROR = "https://ror.org/"

PREFIXES = {
    "coop": COOP.uri,
    "rdf": RDF.uri,
    "rdfs": RDFS.uri,
    "owl": OWL.uri,
    "xsd": XSD.uri,
    "skos": SKOS.uri,
    "dct": DCTERMS.uri,
    "prov": PROV.uri,
    "org": ORG.uri,
    "schema": SCHEMA.uri,
    "foaf": FOAF.uri,
    "wd": WIKIDATA,
}
