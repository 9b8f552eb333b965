"""The records and their lookups in one SQLite file, read one record at a time.

Every record is stored whole (a pickle of the validated, frozen dataclass) beside the rows
that find it: the agencies of an agreement, the agreements of a field, the sources a record
cites, every normalised name. :class:`SnapshotIndex` answers the :class:`~coopgraph.index.Index`
interface from these tables, so ``partners NIST`` unpickles NIST's agreements and their
parties, not 100,000 agreements; the query logic is the same code that runs in memory.

Why SQLite and pickles: SQLite ships with Python, opens in a millisecond, and its B-trees
turn each lookup into a few page reads, whatever the size of the data. A pickled record
needs no validation when read: it was validated before it was written, and the store's key
changes with the model's source code (:mod:`coopgraph.store.location`). Pickles run code
when read, so the store trusts its own cache directory and nothing else.

Rows are derived from one record at a time (:func:`_links_of`), so replacing one file's
records (:func:`replace_files`) updates every lookup that depends on them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from coopgraph.errors import DamagedStoreError
from coopgraph.index import Index, RecordKind, name_keys
from coopgraph.load import paused_gc
from coopgraph.models import (
    SECTIONS,
    Agency,
    Agreement,
    Dataset,
    Event,
    PartOf,
    Source,
    TechField,
)
from coopgraph.store import pickling

__all__ = [
    "KIND",
    "DamagedStoreError",
    "Previous",
    "SnapshotIndex",
    "add_records",
    "check",
    "create",
    "finish",
    "keep_memo",
    "read_all",
    "replace_files",
]

#: What a stored record may be: anything else in the store is damage (or planted).
_RECORDS = (Agency, Agreement, Event, TechField, Source)

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE files (name TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    id TEXT NOT NULL,
    file TEXT NOT NULL,
    pos INTEGER NOT NULL,
    blob BLOB NOT NULL,
    raw TEXT NOT NULL
);
CREATE TABLE links (rel TEXT NOT NULL, key TEXT NOT NULL, rid INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, rid INTEGER NOT NULL);
"""
# Built after the bulk insert: filling indexed tables row by row is several times slower.
_INDEXES = """
CREATE UNIQUE INDEX records_id ON records (section, id);
CREATE INDEX records_order ON records (section, file, pos);
CREATE INDEX records_file ON records (file);
CREATE INDEX links_key ON links (rel, key);
CREATE INDEX links_rid ON links (rid);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_rid ON names (rid);
"""
#: The record kind of each section (``agencies`` holds ``agency`` records).
KIND: dict[str, RecordKind] = {
    "agencies": "agency",
    "agreements": "agreement",
    "events": "event",
    "fields": "field",
    "sources": "source",
}
_SECTION_ORDER = "CASE r.section WHEN 'agencies' THEN 0 WHEN 'agreements' THEN 1 ELSE 2 END"


# --- writing ---------------------------------------------------------------------------------


def _links_of(section: str, record: Any) -> Iterator[tuple[str, str]]:
    """The lookup rows of one record, as ``(relation, key)``; mirrors :class:`Index`."""
    if section in {"agencies", "agreements", "events"}:
        cited = {c.source for c in record.sources} | {c.via for c in record.sources if c.via}
        for source_id in sorted(cited):
            yield "cited", source_id
    if section == "agencies":
        for parent in record.part_of:
            yield "subunit", parent.agency
        yield "country", record.country
    elif section == "agreements":
        for party in record.parties:  # as Index.agreements_of: agency and acting unit
            for agency_id in dict.fromkeys(filter(None, (party.agency, party.unit))):
                yield "party", agency_id
        for field_id in record.fields:
            yield "field", field_id
        for country in sorted({p.country for p in record.parties if not p.agency and p.country}):
            yield "unnamed-in", country
        for event_id in record.event_ids():  # as Index.agreements_at: agreed or announced
            yield "event", event_id
    elif section == "events":
        parties = [*record.organisers, *record.participants]
        for agency_id in dict.fromkeys(i for p in parties for i in (p.agency, p.unit) if i):
            yield "attends", agency_id
        if record.part_of is not None:
            yield "part", record.part_of
    elif section == "fields" and record.broader is not None:
        yield "narrower", record.broader


def create(path: Path, digests: Sequence[tuple[str, str]]) -> sqlite3.Connection:
    """A new, empty snapshot at ``path`` for files ``(name, digest)``, open for writing."""
    connection = sqlite3.connect(path, isolation_level=None)
    # Written once into a temporary directory and renamed into place when complete:
    # a crash loses the whole file, never half of it, so no journal is needed.
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    connection.executescript(_SCHEMA)
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO files VALUES (?, ?)", digests)
    return connection


def add_records(
    connection: sqlite3.Connection,
    section: str,
    records: Iterable[tuple[str, int, Any]],
    raws: Mapping[tuple[str, str], str],
) -> int:
    """Store ``(file, position in file, record)`` triples of one section, each with its
    digest as parsed (``raws[(section, id)]``, :func:`coopgraph.load.raw_digest`); returns
    the count."""
    rows, links, names = [], [], []
    (next_rid,) = connection.execute("SELECT coalesce(max(rid), 0) + 1 FROM records").fetchone()
    for rid, (file, position, record) in enumerate(records, start=next_rid):
        blob = pickling.dumps(record)
        rows.append((rid, section, record.id, file, position, blob, raws[(section, record.id)]))
        _index_rows(section, rid, record, links, names)
    connection.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    connection.executemany("INSERT INTO links VALUES (?, ?, ?)", links)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
    return len(rows)


def _index_rows(
    section: str, rid: int, record: Any, links: list[tuple[Any, ...]], names: list[tuple[Any, ...]]
) -> None:
    """The lookup and name rows of one stored record, added to ``links`` and ``names``."""
    from coopgraph.resolve import normalize

    links.extend((rel, key, rid) for rel, key in _links_of(section, record))
    keys = dict.fromkeys(k for text in name_keys(record) if (k := normalize(text)))
    names.extend((key, KIND[section], record.id, rid) for key in keys)


def records_of_files(path: Path, files: Iterable[str]) -> list[tuple[int, str, str, str, str]]:
    """``(rid, section, id, file, raw digest)`` of the records of ``files``, per section
    and file in data order (raises :class:`DamagedStoreError` if unreadable)."""
    wanted = sorted(set(files))
    marks = ", ".join("?" * len(wanted))
    query = (
        "SELECT rid, section, id, file, raw FROM records "
        f"WHERE file IN ({marks}) ORDER BY section, file, pos"
    )
    try:
        connection = _open_read_only(path)
        try:
            return connection.execute(query, wanted).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedStoreError(path, str(error)) from error


def replace_records(
    path: Path, digests: Sequence[tuple[str, str]], records: Sequence[tuple[int, str, Any, str]]
) -> sqlite3.Connection:
    """Open a copy of a snapshot and put new versions of some records in their places.

    ``records`` are ``(rid, section, record, raw digest)``: each takes the place of the
    stored record ``rid`` (same id, file and position), with its lookup and name rows.
    Returns the open connection; :func:`finish` commits.
    """
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    connection.execute("BEGIN")
    rids = [(rid,) for rid, *_ in records]
    connection.executemany("DELETE FROM links WHERE rid = ?", rids)
    connection.executemany("DELETE FROM names WHERE rid = ?", rids)
    links: list[tuple[Any, ...]] = []
    names: list[tuple[Any, ...]] = []
    rows = []
    for rid, section, record, raw in records:
        rows.append((pickling.dumps(record), raw, rid))
        _index_rows(section, rid, record, links, names)
    connection.executemany("UPDATE records SET blob = ?, raw = ? WHERE rid = ?", rows)
    connection.executemany("INSERT INTO links VALUES (?, ?, ?)", links)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
    connection.execute("DELETE FROM files")
    connection.executemany("INSERT INTO files VALUES (?, ?)", digests)
    return connection


def finish(connection: sqlite3.Connection, *, indexed: bool) -> None:
    """Build the indexes (once), commit and close."""
    if not indexed:
        for statement in filter(str.strip, _INDEXES.split(";")):
            connection.execute(statement)
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.close()


def replace_files(
    path: Path,
    digests: Sequence[tuple[str, str]],
    replaced: Iterable[str],
    records: Mapping[str, Sequence[tuple[str, int, Any]]],
    raws: Mapping[tuple[str, str], str],
) -> sqlite3.Connection:
    """Open a copy of a snapshot and swap the records of the ``replaced`` files for new ones.

    ``records`` holds, per section, the new records of the replaced files as
    ``(file, position, record)``. Files no longer present are among ``replaced`` with no
    new records. Returns the open connection; :func:`finish` commits.
    """
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    connection.execute("BEGIN")
    gone = list(replaced)
    connection.executemany(
        "DELETE FROM links WHERE rid IN (SELECT rid FROM records WHERE file = ?)",
        [(f,) for f in gone],
    )
    connection.executemany(
        "DELETE FROM names WHERE rid IN (SELECT rid FROM records WHERE file = ?)",
        [(f,) for f in gone],
    )
    connection.executemany("DELETE FROM records WHERE file = ?", [(f,) for f in gone])
    connection.execute("DELETE FROM files")
    connection.executemany("INSERT INTO files VALUES (?, ?)", digests)
    for section, items in records.items():
        add_records(connection, section, items, raws)
    return connection


def read_all(path: Path) -> tuple[dict[str, list[Any]], dict[str, list[str]]]:
    """Every record of a snapshot per section in data order, and the file of each."""
    connection = _open_read_only(path)
    sections: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    files: dict[str, list[str]] = {section: [] for section in SECTIONS}
    with paused_gc():
        for section in SECTIONS:
            query = "SELECT file, blob FROM records WHERE section = ? ORDER BY file, pos"
            for file, blob in connection.execute(query, (section,)):
                sections[section].append(pickling.loads(blob, _RECORDS))
                files[section].append(file)
    connection.close()
    return sections, files


class Previous:
    """What an update asks of the version it starts from, without reading every record.

    Anything unreadable is :class:`DamagedStoreError`: the update then gives way to a full build.
    """

    def __init__(self, path: Path, replaced: Iterable[str]) -> None:
        self.path = path
        try:
            self._db = _open_read_only(path)
            self._db.execute("CREATE TEMP TABLE replaced (file TEXT PRIMARY KEY)")
            self._db.executemany("INSERT INTO replaced VALUES (?)", [(f,) for f in replaced])
        except sqlite3.DatabaseError as error:
            raise DamagedStoreError(path, str(error)) from error

    def close(self) -> None:
        self._db.close()

    def _rows(self, query: str, parameters: Sequence[Any]) -> list[Any]:
        try:
            return self._db.execute(query, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise DamagedStoreError(self.path, str(error)) from error

    def ids(self, section: str, *, replaced: bool) -> set[str]:
        """Ids of a section's records in the replaced files, or in all the others."""
        inside = "IN" if replaced else "NOT IN"
        query = f"SELECT id FROM records WHERE section = ? AND file {inside} temp.replaced"
        return {row[0] for row in self._rows(query, (section,))}

    def records(self, section: str, *, replaced: bool) -> list[tuple[str, Any]]:
        """``(file, record)`` of a section, in the replaced files or in the others, in order."""
        inside = "IN" if replaced else "NOT IN"
        query = (
            "SELECT file, blob FROM records WHERE section = ? "
            f"AND file {inside} temp.replaced ORDER BY file, pos"
        )
        found = []
        with paused_gc():
            for file, blob in self._rows(query, (section,)):
                try:
                    found.append((file, pickling.loads(blob, _RECORDS)))
                except Exception as error:  # a damaged record can raise anything
                    raise DamagedStoreError(self.path, "a record cannot be read") from error
        return found

    def linked_from_kept(self, rel: str, keys: Iterable[str]) -> bool:
        """Whether a record outside the replaced files links to any of ``keys`` by ``rel``."""
        wanted = sorted(keys)
        if not wanted:
            return False
        marks = ", ".join("?" * len(wanted))
        query = (
            "SELECT 1 FROM links l JOIN records r ON r.rid = l.rid WHERE l.rel = ? "
            f"AND l.key IN ({marks}) AND r.file NOT IN temp.replaced LIMIT 1"
        )
        return bool(self._rows(query, (rel, *wanted)))


def check(path: Path) -> str | None:
    """What is wrong with a snapshot file (SQLite's own check of every page), or None."""
    try:
        connection = _open_read_only(path)
        (result,) = connection.execute("PRAGMA quick_check").fetchone()
        connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if result == "ok" else str(result)


def _open_read_only(path: Path) -> sqlite3.Connection:
    # immutable=1: published snapshots never change, so SQLite may skip all locking.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


# --- reading ---------------------------------------------------------------------------------


class _Records(Mapping[str, Any]):
    """One section's records by id, unpickled on first use and kept for the process."""

    def __init__(self, snapshot: SnapshotIndex, section: str) -> None:
        self._snapshot, self._section = snapshot, section

    def __getitem__(self, record_id: str) -> Any:
        found = self._snapshot._records_where(
            "r.section = ? AND r.id = ?", (self._section, record_id)
        )
        if not found:
            raise KeyError(record_id)
        return found[0]

    def __contains__(self, record_id: object) -> bool:
        if not isinstance(record_id, str):
            return False
        query = "SELECT 1 FROM records WHERE section = ? AND id = ?"
        return bool(self._snapshot._rows(query, (self._section, record_id)))

    def __iter__(self) -> Iterator[str]:
        query = "SELECT id FROM records WHERE section = ? ORDER BY file, pos"
        return (row[0] for row in self._snapshot._rows(query, (self._section,)))

    def __len__(self) -> int:
        query = "SELECT count(*) FROM records WHERE section = ?"
        return int(self._snapshot._rows(query, (self._section,))[0][0])

    def values(self) -> list[Any]:  # type: ignore[override]
        return self._snapshot._records_where("r.section = ?", (self._section,))


class _Linked(Mapping[str, list[Any]]):
    """Records (or their ids) linked to a key by one relation, in data order."""

    def __init__(self, snapshot: SnapshotIndex, rel: str, *, ids: bool = False) -> None:
        self._snapshot, self._rel, self._ids = snapshot, rel, ids

    def __getitem__(self, key: str) -> list[Any]:
        # One row per link row: a record linked twice appears twice, as in memory.
        query = (
            f"SELECT r.{'id' if self._ids else 'rid, r.blob'} FROM links l "
            "JOIN records r ON r.rid = l.rid WHERE l.rel = ? AND l.key = ? ORDER BY r.file, r.pos"
        )
        rows = self._snapshot._rows(query, (self._rel, key))
        found = [row[0] for row in rows] if self._ids else self._snapshot._unpickle(rows)
        if not found:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        query = "SELECT DISTINCT key FROM links WHERE rel = ? ORDER BY key"
        return (row[0] for row in self._snapshot._rows(query, (self._rel,)))

    def __len__(self) -> int:
        query = "SELECT count(DISTINCT key) FROM links WHERE rel = ?"
        return int(self._snapshot._rows(query, (self._rel,))[0][0])


class _Memberships(Mapping[str, list[tuple[str, PartOf]]]):
    """Sub-units of an agency with their memberships, read from the sub-units' records."""

    def __init__(self, subunits: _Linked) -> None:
        self._subunits = subunits

    def __getitem__(self, key: str) -> list[tuple[str, PartOf]]:
        units = {unit.id: unit for unit in self._subunits[key]}  # linked once per membership
        return [(i, m) for i, unit in units.items() for m in unit.part_of if m.agency == key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._subunits)

    def __len__(self) -> int:
        return len(self._subunits)


class _Names(Mapping[str, set[Any]]):
    """Record ids per normalised name: agencies alone, or every other kind with its kind."""

    def __init__(self, snapshot: SnapshotIndex, *, agencies: bool) -> None:
        self._snapshot, self._agencies = snapshot, agencies
        self._kinds = "kind = 'agency'" if agencies else "kind != 'agency'"

    def _value(self, kind: str, record_id: str) -> Any:
        return record_id if self._agencies else (kind, record_id)

    def __getitem__(self, key: str) -> set[Any]:
        query = f"SELECT kind, id FROM names WHERE key = ? AND {self._kinds}"
        found = {self._value(k, i) for k, i in self._snapshot._rows(query, (key,))}
        if not found:
            raise KeyError(key)
        return found

    @cached_property
    def _all(self) -> dict[str, set[Any]]:
        found: dict[str, set[Any]] = {}
        query = f"SELECT key, kind, id FROM names WHERE {self._kinds}"
        for key, kind, record_id in self._snapshot._rows(query, ()):
            found.setdefault(key, set()).add(self._value(kind, record_id))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def items(self) -> Any:
        return self._all.items()


class SnapshotIndex(Index):
    """The :class:`Index` interface over a snapshot file: each lookup is a few page reads.

    Records are unpickled when a lookup reaches them and kept for the life of the object,
    so a record read twice is one object, as in memory.
    """

    def __init__(self, path: Path, memo_dir: Path | None = None, keep_open: object = None) -> None:
        self.path = path
        self._db = _open_read_only(path)
        self._rows("SELECT count(*) FROM files", ())  # fails now if not a snapshot
        self._memo_dir = memo_dir
        self._keep_open = keep_open  # e.g. the reader's lock on its version: held while we live
        self._loaded: dict[int, Any] = {}
        self._memo = {}
        self.agencies = _Records(self, "agencies")
        self.agreements = _Records(self, "agreements")
        self.events = _Records(self, "events")
        self.fields = _Records(self, "fields")
        self.sources = _Records(self, "sources")

    def _records_where(self, where: str, parameters: Sequence[Any]) -> list[Any]:
        """Records matching ``where`` (on ``records r``), in data order, each unpickled once."""
        query = f"SELECT r.rid, r.blob FROM records r WHERE {where} ORDER BY r.file, r.pos"
        return self._unpickle(self._rows(query, parameters))

    def _unpickle(self, rows: Iterable[tuple[int, bytes]]) -> list[Any]:
        found = []
        loaded = self._loaded
        with paused_gc():
            for rid, blob in rows:
                record = loaded.get(rid)
                if record is None:
                    try:
                        record = loaded[rid] = pickling.loads(blob, _RECORDS)
                    except Exception as error:  # a damaged record can raise anything
                        raise DamagedStoreError(
                            self.path, f"record {rid} cannot be read"
                        ) from error
                found.append(record)
        return found

    def _rows(self, query: str, parameters: Sequence[Any]) -> list[Any]:
        """Every row of a query; a damaged file is :class:`DamagedStoreError`, not a crash."""
        try:
            return self._db.execute(query, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise DamagedStoreError(self.path, str(error)) from error

    @cached_property
    def dataset(self) -> Dataset:  # type: ignore[override]
        """Every record: for whole-graph work (exports, pictures), read once, in data order."""
        sections = {
            section: self._records_where("r.section = ?", (section,)) for section in SECTIONS
        }
        return Dataset.unchecked(**sections)

    # --- the lookups of Index, from the tables ---------------------------------------------

    @cached_property
    def agreements_of(self) -> Mapping[str, list[Agreement]]:  # type: ignore[override]
        return _Linked(self, "party")

    @cached_property
    def events_of(self) -> Mapping[str, list[Event]]:  # type: ignore[override]
        return _Linked(self, "attends")

    @cached_property
    def agreements_at(self) -> Mapping[str, list[Agreement]]:  # type: ignore[override]
        return _Linked(self, "event")

    @cached_property
    def memberships(self) -> Mapping[str, list[tuple[str, PartOf]]]:  # type: ignore[override]
        return _Memberships(_Linked(self, "subunit"))

    @cached_property
    def narrower(self) -> Mapping[str, list[str]]:  # type: ignore[override]
        return _Linked(self, "narrower", ids=True)

    @cached_property
    def agency_keys(self) -> Mapping[str, set[str]]:  # type: ignore[override]
        return _Names(self, agencies=True)

    @cached_property
    def record_keys(self) -> Mapping[str, set[tuple[RecordKind, str]]]:  # type: ignore[override]
        return _Names(self, agencies=False)

    def agreements_in_fields(self, field_ids: set[str] | frozenset[str]) -> list[Agreement]:
        marks = ", ".join("?" * len(field_ids))
        where = (
            "r.section = 'agreements' AND r.rid IN "
            f"(SELECT rid FROM links WHERE rel = 'field' AND key IN ({marks}))"
        )
        return self._records_where(where, sorted(field_ids))

    def agreements_in_countries(self, countries: frozenset[str]) -> list[Agreement]:
        marks = ", ".join("?" * len(countries))
        where = (
            "r.section = 'agreements' AND r.rid IN ("
            "SELECT p.rid FROM links p JOIN records a ON a.section = 'agencies' AND a.id = p.key "
            "JOIN links c ON c.rid = a.rid AND c.rel = 'country' "
            f"WHERE p.rel = 'party' AND c.key IN ({marks}) "
            f"UNION SELECT rid FROM links WHERE rel = 'unnamed-in' AND key IN ({marks}))"
        )
        return self._records_where(where, [*sorted(countries), *sorted(countries)])

    def agreement_count(self, agency_id: str) -> int:
        query = "SELECT count(*) FROM links WHERE rel = 'party' AND key = ?"
        return int(self._rows(query, (agency_id,))[0][0])

    def citing(self, source_id: str) -> list[tuple[RecordKind, Agency | Agreement | Event]]:
        query = (
            "SELECT r.section, r.rid, r.blob FROM records r WHERE r.rid IN "
            "(SELECT rid FROM links WHERE rel = 'cited' AND key = ?) "
            f"ORDER BY {_SECTION_ORDER}, r.file, r.pos"
        )
        rows = self._rows(query, (source_id,))
        records = self._unpickle((rid, blob) for _section, rid, blob in rows)
        return [
            (KIND[section], record) for (section, _, _), record in zip(rows, records, strict=True)
        ]

    def event_parts(self, event_id: str) -> list[Event]:
        where = "r.rid IN (SELECT rid FROM links WHERE rel = 'part' AND key = ?)"
        return self._records_where(where, (event_id,))

    def memoized(self, name: str, compute: Callable[[], T]) -> T:
        """Read from the version's ``memo/`` folder, else compute once and keep it there.

        The first ``stats`` after a change reads every record; the next ones read a file.
        ``coopgraph build`` computes them all up front.
        """
        if name in self._memo:
            return self._memo[name]  # type: ignore[no-any-return]
        stored = self._memo_dir / f"{name}.pickle" if self._memo_dir else None
        value: Any = None
        if stored is not None:
            try:
                value = pickling.loads(stored.read_bytes())
            except Exception:  # missing, or damaged (which can raise anything): compute again
                value = None
        if value is None:
            value = compute()
            if stored is not None:
                keep_memo(stored, value)
        self._memo[name] = value
        return value  # type: ignore[no-any-return]


def keep_memo(path: Path, value: Any) -> None:
    """Store a computed result beside the snapshot, whole or not at all; failure is harmless."""
    from coopgraph.atomic import write_atomically

    try:
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, lambda h: h.write(pickling.dumps(value)))
    except OSError:
        pass
