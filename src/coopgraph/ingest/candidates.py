"""Candidates from many articles: one per agreement, matched against the data.

The same agreement reported by two articles (same type, same signing parties, dates that
agree) becomes one candidate citing both; a candidate the data already holds (same
parties and type, and the same date or an earlier or later step of it) is marked with the
agreement's id instead of being proposed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coopgraph.index import Index
from coopgraph.ingest.extract import BACKGROUND, party_id
from coopgraph.ingest.when import dates_agree
from coopgraph.render import Table

__all__ = ["Candidates", "combine", "dates_agree", "party_key"]

#: The order an agreement goes through; a later status of a known agreement is a step.
_STEPS = ("proposed", "planned", "signed", "active", "ended")


@dataclass
class Candidates:
    """What ``coopgraph ingest`` writes: candidates for review, and the sources they cite."""

    agreements: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {
            "agreements": self.agreements,
            "events": self.events,
            "agencies": self.agencies,
            "sources": self.sources,
        }

    def table(self) -> Table:
        rows = [
            ["agreement", r["type"], r["status"], r["date"], sorted(party_key(r)),
             r.get("matches"), r["confidence"]]
            for r in self.agreements
        ]  # fmt: skip
        rows += [
            ["event", r["type"], r["status"], r["date"],
             [party_id(p) for p in r["participants"]], None, r["confidence"]]
            for r in self.events
        ]  # fmt: skip
        return Table(
            columns=["kind", "type", "status", "date", "parties", "matches", "confidence"],
            rows=rows,
        )


def party_key(record: dict[str, Any]) -> frozenset[str]:
    """The signing parties of a candidate: agency ids, or names as written for new ones."""
    return frozenset(party_id(p) for p in record.get("parties", []) if p["role"] == "signatory")


def combine(found: list[dict[str, Any]], index: Index) -> list[dict[str, Any]]:
    """Candidates of the same agreement joined (evidence of both, the surest status, the
    most precise date), then each marked with the agreement of the data it matches."""
    joined: list[dict[str, Any]] = []
    for record in _fold_in_passing(found):
        same = next(
            (
                j
                for j in joined
                if j["type"] == record["type"]
                and party_key(j) == party_key(record)
                and dates_agree(j["date"], record["date"])
                and _may_be_one(j["status"], record["status"])
            ),
            None,
        )
        if same is None:
            joined.append({**record, "evidence": list(record["evidence"])})
            continue
        _join(same, record)
    for record in joined:
        match = _existing(record, index)
        if match is not None:
            record["matches"], record["match"] = match
    return joined


def _may_be_one(first: str | None, second: str | None) -> bool:
    """Whether two statuses may be told of one agreement: an agreement that ended is not
    one still to be signed ("… 업무협약을 체결할 예정이다" and "… 2019년 맺은 양해각서는
    … 종료됐다"), nor one an article tells was signed: that is the one which replaces it
    ("the new memorandum … replaces one signed in 2018, which expired")."""
    signing = {"planned", "proposed", "signed"}
    return not ({first, second} & {"ended"} and {first, second} & signing)


def _fold_in_passing(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cooperation mentioned in passing ("표준연은 NIST와 협력을 하고 있어") between parties
    the same article states an agreement of is that agreement at work: its sentence is
    cited by the agreement instead of making a partnership of its own. Cooperation dated
    from a year ("2019년부터 … 협력해 왔다", "seit 2018") is a partnership of its own, older
    than the agreement."""
    kept = []
    for record in found:
        if (
            record["type"] == "partnership"
            and record["status"] == "active"
            and (record["confidence"] <= BACKGROUND)
            and record["date"] is None  # "2019년부터 … 협력해 왔다": a partnership since then
        ):
            sources = {e["source"] for e in record["evidence"]}
            stated = next(
                (o for o in found
                 if o is not record and o["confidence"] > BACKGROUND
                 and party_key(o) == party_key(record)
                 and sources & {e["source"] for e in o["evidence"]}),
                None,
            )  # fmt: skip
            if stated is not None:
                stated["evidence"].extend(
                    e for e in record["evidence"] if e not in stated["evidence"]
                )
                continue
        kept.append(record)
    return kept


def _join(kept: dict[str, Any], other: dict[str, Any]) -> None:
    kept["evidence"].extend(e for e in other["evidence"] if e not in kept["evidence"])
    if other["confidence"] > kept["confidence"] or (kept["status"] is None and other["status"]):
        kept["status"], kept["confidence"] = (
            other["status"],
            max(kept["confidence"], other["confidence"]),
        )
    if other["date"] and (
        not kept["date"]
        or len(other["date"]) > len(kept["date"])
        or (kept["date_inferred"] and not other["date_inferred"])
    ):
        kept["date"], kept["date_inferred"] = other["date"], other["date_inferred"]
    kept["fields"] = sorted(set(kept["fields"]) | set(other["fields"]))
    kept["place"] = kept["place"] or other["place"]
    names = {(party_id(p), p["role"]) for p in kept["parties"]}
    kept["parties"].extend(p for p in other["parties"] if (party_id(p), p["role"]) not in names)


def _existing(record: dict[str, Any], index: Index) -> tuple[str, str] | None:
    """The data's agreement this candidate is (``same``) or a step of (``step``)."""
    parties = party_key(record)
    for agreement in index.agreements.values():
        if agreement.type != record["type"]:
            continue
        if frozenset(p.agency for p in agreement.parties if p.agency) != parties:
            continue
        known = str(agreement.date) if agreement.date else None
        if dates_agree(known, record["date"]):
            if record["status"] in (None, agreement.status):
                return agreement.id, "same"
            return agreement.id, "step"
        earlier = {str(h.date) for h in agreement.history}
        if any(dates_agree(d, record["date"]) for d in earlier):
            return agreement.id, "step"
    return None
