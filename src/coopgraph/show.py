"""``show NAME``: one record, everything that links to it, and the sources behind it.

Works for any record a name resolves to (agency, agreement, event, field, source). The
details are the record's own fields, shown generically so a new model field appears
without changes here; the links are computed from the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopgraph.index import Index, as_index
from coopgraph.models import Agency, Agreement, Dataset, Event, Source, TechField
from coopgraph.render import Table, prune, to_data
from coopgraph.resolve import Resolver
from coopgraph.views import SourceRef, party_label, source_refs, title_of

__all__ = ["RelatedRecord", "ShowResult", "show"]


@dataclass(frozen=True)
class RelatedRecord:
    relation: str
    kind: str
    id: str
    label: str


@dataclass(frozen=True)
class ShowResult:
    kind: str
    id: str
    record: dict[str, Any]
    related: list[RelatedRecord]
    sources: list[SourceRef]

    def to_data(self) -> Any:
        return to_data(self)

    def table(self) -> Table:
        rows: list[list[Any]] = [["", "kind", self.kind], ["", "id", self.id]]
        for key, value in self.record.items():
            if key not in {"id", "sources"}:
                rows.extend(["", key, text] for text in _texts(value))
        rows.extend(["related", r.relation, f"{r.kind} {r.id} — {r.label}"] for r in self.related)
        for ref in self.sources:
            cited = f"{ref.label}: “{ref.quote}”"
            if ref.supports:
                cited += f" [{', '.join(ref.supports)}]"
            if ref.via:
                cited += f" (quoted via {ref.via})"
            rows.append(["source", ref.source, cited])
            if ref.where:
                rows.append(["", "", ref.where])
        return Table(
            ["section", "key", "value"], rows, title=f"{self.kind} {self.id}", wide=("value",)
        )


def _texts(value: Any) -> list[str]:
    """One line per item: lists spread over rows, mappings as ``key: value`` pairs."""
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [
            "; ".join(f"{k}: {_inline(v)}" for k, v in value.items() if v not in (None, [], {}))
        ]
    return [str(value)]


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items() if v not in (None, []))
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return str(value)


def show(data: Index | Dataset, name: str, *, lang: str = "en") -> ShowResult:
    """Everything about the record ``name`` resolves to."""
    index = as_index(data)
    kind, record = Resolver(index).any(name)
    related = _related(index, record, lang)
    citations = list(getattr(record, "sources", []))
    if isinstance(record, Agreement):
        citations += [c for change in record.history for c in change.sources]
    return ShowResult(kind, record.id, _dump(record), related, source_refs(index, citations))


def _dump(record: Any) -> dict[str, Any]:
    """The record's fields as plain data, leaving out what is empty."""
    return prune(to_data(record))


def _related(index: Index, record: Any, lang: str) -> list[RelatedRecord]:
    found: list[RelatedRecord] = []

    def add(relation: str, kind: str, record_id: str, label: str) -> None:
        found.append(RelatedRecord(relation, kind, record_id, label))

    if isinstance(record, Agency):
        for parent in record.part_of:
            add("part of", "agency", parent.agency, index.agencies[parent.agency].name(lang))
        for unit in index.subunits(record.id):
            add("has part", "agency", unit, index.agencies[unit].name(lang))
        for agreement in index.agreements_of.get(record.id, []):
            others = [party_label(p, lang) for p in agreement.parties]
            label = f"{agreement.type}, {agreement.date or 'date unknown'}, {agreement.status}"
            add("party to", "agreement", agreement.id, f"{label} ({' / '.join(others)})")
        for event in index.events_of.get(record.id, []):
            add("took part in", "event", event.id, f"{event.date or ''} {title_of(event, lang)}")
    elif isinstance(record, Agreement):
        if record.event:
            add("agreed at", "event", record.event, title_of(index.events[record.event], lang))
        for change in record.history:
            if change.event:
                label = title_of(index.events[change.event], lang)
                add(f"announced ({change.status}) at", "event", change.event, label)
        for field_id in record.fields:
            add("about", "field", field_id, index.fields[field_id].label.get(lang, field_id))
    elif isinstance(record, Event):
        for agreement in index.agreements_at.get(record.id, []):
            relation = "produced" if agreement.event == record.id else "announced"
            add(relation, "agreement", agreement.id, title_of(agreement, lang))
        if record.part_of:
            add("part of", "event", record.part_of, title_of(index.events[record.part_of], lang))
        for other in index.event_parts(record.id):
            add("has part", "event", other.id, title_of(other, lang))
    elif isinstance(record, TechField):
        if record.broader:
            add(
                "broader", "field", record.broader, index.fields[record.broader].label.get(lang, "")
            )
        for child in index.narrower.get(record.id, []):
            add("narrower", "field", child, index.fields[child].label.get(lang, child))
        within = index.field_and_narrower([record.id])
        for agreement in index.agreements_in_fields(within):
            add("agreement", "agreement", agreement.id, title_of(agreement, lang))
    elif isinstance(record, Source):
        for kind, cited in index.citing(record.id):
            label = title_of(cited, lang) if isinstance(cited, Agreement | Event) else cited.id
            add("cited by", kind, cited.id, label)
    return found
