"""``merge``: the candidates a person accepted, into a data directory, validated whole.

The reviewer edits the candidates file (fixing a party, a date, adding an ``id`` or a
``title``) and sets ``decision: accept`` on what is right. Accepted records become model
records in ``DATA_DIR/ingested.yaml`` (records already there are kept), the directory is
validated as a whole exactly as ``coopgraph validate`` would, and only then is the file
replaced. Anything the model would refuse is reported at its place in the candidates
file (``candidates.yaml: agreements[2].status: ...``) and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coopgraph.errors import DataError, Issue, UsageError
from coopgraph.ingest.organisations import ACRONYM
from coopgraph.render import Table

__all__ = ["INGESTED_FILE", "Merged", "merge"]

#: The file of a data directory that merged candidates go to.
INGESTED_FILE = "ingested.yaml"


@dataclass(frozen=True)
class Merged:
    """What ``merge`` added, by section, and the file it wrote."""

    path: str
    added: dict[str, list[str]]

    def to_data(self) -> dict[str, Any]:
        return {"path": self.path, "added": self.added}

    def table(self) -> Table:
        return Table(
            columns=["section", "added"],
            rows=[[section, ids] for section, ids in self.added.items()],
            title=f"Added to {self.path}"
            if self.added
            else "Nothing added: no candidate is marked 'decision: accept'",
        )


def merge(candidates: Path | str, data_dir: Path | str) -> Merged:
    """Add the accepted candidates of ``candidates`` to the data in ``data_dir``.

    Raises DataError (each problem located in the candidates file, or in the data) and
    writes nothing when the result would not validate.
    """
    from coopgraph.atomic import write_atomically
    from coopgraph.load import data_files, load_contents, read_files

    candidates, data_dir = Path(candidates), Path(data_dir)
    shown = str(candidates)
    document = _read_candidates(candidates)
    if not any(_accepted(document, s) for s in ("agreements", "events", "agencies")):
        return Merged(str(data_dir / INGESTED_FILE), {})  # nothing reviewed yet: nothing to do
    if not data_dir.is_dir():
        raise UsageError(f"--into takes a data directory; {data_dir} is not one")
    target = data_dir / INGESTED_FILE
    # the candidates file may lie in the data directory: it is no data file
    every = [f for f in data_files(data_dir) if f.resolve() != candidates.resolve()]
    files = [f for f in every if f.resolve() != target.resolve()]
    existing = load_contents(read_files(every)).dataset  # with what earlier merges added
    taken = {r.id for s in ("agencies", "agreements", "events", "sources")
             for r in getattr(existing, s)}  # fmt: skip
    kept: dict[str, list[Any]] = {s: [] for s in ("sources", "agencies", "events", "agreements")}
    if target.exists():
        previous = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
        for section in kept:
            kept[section] = list(previous.get(section) or [])
    issues: list[Issue] = []
    added = _records(document, shown, taken, issues)
    if not issues:  # each accepted agreement became a record, in the same order
        _already_there(document, added, existing, shown, issues)
    if issues:
        raise DataError(issues)
    for section, records in added.items():
        kept[section].extend(records)
    text = yaml.safe_dump(
        {s: r for s, r in kept.items() if r}, allow_unicode=True, sort_keys=False, width=100
    )
    load_contents([*read_files(files), (target, text.encode("utf-8"))])  # raises DataError
    write_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    return Merged(str(target), {s: [r["id"] for r in rs] for s, rs in added.items() if rs})


def _already_there(
    document: dict[str, Any],
    added: dict[str, list[dict[str, Any]]],
    existing: Any,
    shown: str,
    issues: list[Issue],
) -> None:
    """Refuse an accepted agreement the data holds already (same type, parties and date):
    merging the same candidates twice must not add them twice."""
    known = {
        (a.type, frozenset(p.agency for p in a.parties if p.agency), str(a.date or ""))
        for a in existing.agreements
    }
    accepted = [i for i, _ in _accepted(document, "agreements")]
    for index, record in zip(accepted, added["agreements"], strict=False):
        named = frozenset(p for p in record["parties"] if isinstance(p, str))
        key = (record["type"], named, str(record.get("date") or ""))
        if key in known:
            issues.append(
                Issue(
                    shown,
                    "the data holds this agreement already (same type, parties and date): "
                    "was it merged before?",
                    ("agreements", index),
                )
            )


def _read_candidates(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        document = yaml.safe_load(data.decode("utf-8")) if data.strip() else None
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataError(
            [Issue(str(path), f"not a candidates file: {error}".splitlines()[0])]
        ) from None
    if not isinstance(document, dict) or not any(
        k in document for k in ("agreements", "events", "agencies")
    ):
        raise DataError([Issue(str(path), "not a candidates file written by coopgraph ingest")])
    return document


def _accepted(document: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    records = document.get(section) or []
    return [
        (i, r)
        for i, r in enumerate(records)
        if isinstance(r, dict) and r.get("decision") == "accept"
    ]


def _slug(*parts: str | None) -> str:
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._").lower()[:80] or "record"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _records(
    document: dict[str, Any], shown: str, taken: set[str], issues: list[Issue]
) -> dict[str, list[dict[str, Any]]]:
    from pydantic import ValidationError

    from coopgraph.models import validate_record

    sources = {s.get("id"): s for s in document.get("sources") or [] if isinstance(s, dict)}
    cited: set[str] = set()
    out: dict[str, list[dict[str, Any]]] = {
        s: [] for s in ("sources", "agencies", "events", "agreements")
    }
    new_agencies: dict[str, str] = {}

    def check(section: str, index: int, record: dict[str, Any]) -> None:
        try:
            validate_record(section, record)
        except ValidationError as error:
            for problem in error.errors():
                issues.append(Issue(shown, problem["msg"], (section, index, *problem["loc"])))
        except (ValueError, TypeError) as error:
            issues.append(Issue(shown, str(error), (section, index)))

    def citations(record: dict[str, Any], section: str, index: int) -> list[dict[str, Any]]:
        found = []
        for number, evidence in enumerate(record.get("evidence") or []):
            source = evidence.get("source") if isinstance(evidence, dict) else None
            if source not in sources:
                issues.append(Issue(shown, f"cites {source!r}, which the file's sources lack",
                                    (section, index, "evidence", number, "source")))  # fmt: skip
                continue
            cited.add(source)
            found.append({"source": source, "quote": evidence.get("quote")})
        return found

    for index, candidate in _accepted(document, "agencies"):
        wanted = candidate.get("id")
        if not wanted:
            issues.append(Issue(shown, "a new agency needs an id (its usual acronym)",
                                ("agencies", index, "id")))  # fmt: skip
            continue
        if str(wanted) in taken:
            issues.append(Issue(shown, f"the id {wanted!r} is taken in the data: choose another, "
                                "or name the agency under the parties' 'agency'",
                                ("agencies", index, "id")))  # fmt: skip
            continue
        new_agencies[str(candidate.get("name"))] = str(wanted)
        taken.add(str(wanted))
        others = candidate.get("other_names") or []
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            issues.append(Issue(shown, "other_names must be a list of names",
                                ("agencies", index, "other_names")))  # fmt: skip
            others = []
        # the name as written, then those the article gave in brackets: an acronym ("LNE")
        # as such, a name in its own language ("Université Grenoble Alpes") as an official
        # one whose language the script does not tell
        names = [{"text": candidate.get("name")}]
        names += [{"text": o, "kind": "acronym"} if _ACRONYM.fullmatch(o) else {"text": o}
                  for o in others]  # fmt: skip
        record = {
            "id": str(wanted),
            "names": names,
            "country": candidate.get("country"),
            "kind": candidate.get("kind"),
            "sources": citations(candidate, "agencies", index),
        }
        check("agencies", index, record)
        out["agencies"].append(record)

    def party_ids(
        record: dict[str, Any], key: str, section: str, index: int
    ) -> list[str | dict[str, Any]]:
        """The parties as the data writes them: agency ids, and a description with its
        country for a party the text describes without naming ("한미 정부")."""
        ids: list[str | dict[str, Any]] = []
        for number, party in enumerate(record.get(key) or []):
            if not isinstance(party, dict) or party.get("role") not in (
                "signatory",
                "participant",
                None,
            ):
                continue  # witnesses and funders are not parties
            agency = party.get("agency") or new_agencies.get(str(party.get("name")))
            if agency is None and party.get("unnamed") and party.get("name"):
                language = _written_in(record, sources) or _language_of(str(party["name"]))
                described = {"description": {language: party["name"]}}
                if party.get("country"):
                    described["country"] = party["country"]
                if described not in ids:
                    ids.append(described)
                continue
            if agency is None:
                issues.append(Issue(
                    shown,
                    f"{party.get('name')!r} is no known agency: give its id under 'agency', "
                    "or accept it under 'agencies' with an id, a country and a kind, or "
                    "set 'unnamed: true' if the text describes it without naming it",
                    (section, index, key, number, "agency"),
                ))  # fmt: skip
                continue
            if agency not in ids:
                ids.append(agency)
        return ids

    for section, key in (("agreements", "parties"), ("events", "participants")):
        for index, candidate in _accepted(document, section):
            if candidate.get("matches"):
                issues.append(Issue(
                    shown,
                    f"the data already holds this as {candidate['matches']!r}: add the new "
                    "sources to it by hand, or delete 'matches' if it is another one",
                    (section, index, "matches"),
                ))  # fmt: skip
                continue
            parties = party_ids(candidate, key, section, index)
            title = candidate.get("title") or {
                "en": f"{'–'.join(_shown(p) for p in parties)} {candidate.get('type')}".strip()
            }
            record: dict[str, Any] = {
                "id": _unique(
                    str(
                        candidate.get("id")
                        or _slug(
                            *map(_shown, parties),
                            candidate.get("type"),
                            (candidate.get("date") or "")[:4],
                        )
                    ),
                    taken,
                ),
                "type": candidate.get("type"),
                "title": title,
            }
            if section == "agreements":
                record["parties"] = parties
                record["status"] = candidate.get("status")
            else:
                record["participants"] = parties
                if candidate.get("status"):
                    record["status"] = candidate.get("status")
            if candidate.get("date"):
                record["date"] = str(candidate["date"])
            if place := _place(candidate.get("place"), candidate):
                record["place"] = place
            if candidate.get("fields"):
                record["fields"] = list(candidate["fields"])
            record["sources"] = citations(candidate, section, index)
            check(section, index, record)
            out[section].append(record)

    for source_id in sorted(cited):
        source = sources[source_id]
        if source_id in taken:
            continue  # cited again by a later review: the data holds it already
        record = {"id": source_id, "kind": source.get("kind") or "news",
                  "language": source.get("language")}  # fmt: skip
        for key in ("title", "publisher", "published", "url"):
            if source.get(key):
                record[key] = str(source[key])
        check("sources", list(sources).index(source_id), record)
        out["sources"].append(record)
        taken.add(source_id)
    return out


#: A name that is an acronym: capitals, digits and joiners only ("LNE", "A*STAR").
_ACRONYM = re.compile(ACRONYM)


def _written_in(record: dict[str, Any], sources: dict[str, Any]) -> str | None:
    """The language of the source a candidate cites first, as ``ingest`` detected it."""
    for evidence in record.get("evidence") or []:
        if isinstance(evidence, dict) and isinstance(sources.get(evidence.get("source")), dict):
            language = sources[evidence["source"]].get("language")
            return str(language) if language else None
    return None


def _language_of(text: str) -> str:
    """The language a text as written is in, as far as its script tells (else English)."""
    return "ko" if re.search("[가-힣]", text) else "ja" if re.search("[ぁ-ヿ]", text) else "en"


def _shown(party: str | dict[str, Any]) -> str:
    """A party in a generated title or id: its agency id, or its country for a description."""
    return party if isinstance(party, str) else str(party.get("country") or "unnamed")


def _place(place: Any, candidate: dict[str, Any]) -> dict[str, Any] | None:
    if not isinstance(place, dict):
        return None
    language = "en"
    evidence = candidate.get("evidence") or []
    if evidence and isinstance(evidence[0], dict):
        language = _language_of(str(evidence[0].get("quote") or ""))
    out: dict[str, Any] = {}
    for key in ("venue", "city"):
        if place.get(key):
            value = place[key]
            out[key] = value if isinstance(value, dict) else {language: str(value)}
    if place.get("country"):
        out["country"] = place["country"]
    return out or None
