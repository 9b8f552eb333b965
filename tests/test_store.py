"""The persistent store: the same answers as in memory, keyed by content, updated file by file.

The reference for every answer is the in-memory :class:`~coopgraph.index.Index`, whose
answers the seed tests check against the sources; the store must give exactly those, for
every question, from its own tables. Updates are checked against full builds of the same
files, and RDF stores are compared as graphs (isomorphism), not as text.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import write_yaml
from coopgraph.errors import DataError
from coopgraph.filters import Filter
from coopgraph.graph import connections, stats
from coopgraph.index import Index
from coopgraph.load import default_data_path, load_dataset
from coopgraph.models import SECTIONS, Dataset
from coopgraph.partners import partners
from coopgraph.queries import agencies, agreements, events, fields, timeline
from coopgraph.render import to_data
from coopgraph.show import show
from coopgraph.store import open_index, open_rdf_store
from coopgraph.store.location import cache_root
from coopgraph.store.snapshot import SnapshotIndex
from strategies import datasets

BASE = "https://w3id.org/coopgraph/"


def bundled() -> dict[str, Any]:
    path = default_data_path()
    file = path / "agreements.yaml" if path.is_dir() else path
    return yaml.safe_load(file.read_text(encoding="utf-8"))


def split_into(directory: Path, data: dict[str, Any]) -> Path:
    """The bundled data as a team might keep it: reference data, agencies, events, agreements."""
    directory.mkdir(parents=True, exist_ok=True)
    half = len(data["agreements"]) // 2
    parts = {
        "1-reference.yaml": {"sources": data["sources"], "fields": data["fields"]},
        "2-agencies.yaml": {"agencies": data["agencies"]},
        "3-events.yaml": {"events": data["events"]},
        "4-agreements-early.yaml": {"agreements": data["agreements"][:half]},
        "5-agreements-late.yaml": {"agreements": data["agreements"][half:]},
    }
    for name, content in parts.items():
        write_yaml(directory / name, content)
    return directory


def versions() -> list[Path]:
    folder = cache_root() / "versions"
    return (
        sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []
    )


def leftovers() -> list[Path]:
    folder = cache_root() / "versions"
    return sorted(folder.glob("**/.tmp-*")) if folder.exists() else []


# --- the store answers as memory does -----------------------------------------------------


def every_question(index: Index) -> dict[str, Any]:
    """Each command's answer for every record it can be asked about, as plain data."""
    answers: dict[str, Any] = {}
    for agency_id in index.agencies:
        for events_too in (False, True):
            for subunits in (False, True):
                key = f"partners {agency_id} {events_too} {subunits}"
                answers[key] = partners(
                    index, agency_id, include_events=events_too, include_subunits=subunits
                )
        where = Filter.create(index, parties=[agency_id])
        answers[f"agreements --party {agency_id}"] = agreements(index, where=where)
        answers[f"events --party {agency_id}"] = events(index, where=where)
        answers[f"timeline --party {agency_id}"] = timeline(index, where=where)
    for field_id in index.fields:
        where = Filter.create(index, fields=[field_id])
        answers[f"agreements --field {field_id}"] = agreements(index, where=where)
        answers[f"timeline --field {field_id}"] = timeline(index, where=where)
    answers["agreements"] = agreements(index)
    answers["agreements --country JP"] = agreements(
        index, where=Filter.create(index, countries=["JP"])
    )
    answers["agreements --as-of 2024-03"] = agreements(
        index, where=Filter.create(index, as_of="2024-03")
    )
    answers["events"] = events(index)
    answers["agencies"] = agencies(index)
    answers["fields"] = fields(index)
    answers["timeline"] = timeline(index)
    answers["stats"] = stats(index, top=5)
    for mapping in (index.agencies, index.agreements, index.events, index.fields, index.sources):
        for record_id in mapping:
            answers[f"show {record_id}"] = show(index, record_id)
    ids = sorted(index.agencies)
    for source in ids[:8]:
        for target in ids:
            for events_too in (False, True):
                answers[f"path {source} {target} {events_too}"] = connections(
                    index, source, target, include_events=events_too
                )
    return {key: to_data(value) for key, value in answers.items()}


def test_the_store_answers_every_question_as_memory_does(dataset: Dataset) -> None:
    from_memory = every_question(Index(dataset))
    from_store = every_question(open_index())
    assert isinstance(open_index(), SnapshotIndex)
    assert from_store.keys() == from_memory.keys()
    for key in from_memory:
        assert from_store[key] == from_memory[key], key


def test_names_resolve_from_the_store() -> None:
    index = open_index()
    assert partners(index, "표준연").agency == "KRISS"
    assert partners(index, "국립표준기술연구소").agency == "NIST"
    assert show(index, "kiat-nist-loi-2022").id == "kiat-nist-loi-2022"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=datasets())
def test_generated_datasets_answer_the_same_from_the_store(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("gen")
    write_yaml(folder / "a.yaml", {k: v for k, v in data.items() if k != "agreements"})
    write_yaml(folder / "b.yaml", {"agreements": data["agreements"]})
    os.environ["COOPGRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    memory = Index(load_dataset(folder))
    store = open_index(folder)
    assert isinstance(store, SnapshotIndex)
    for agency_id in memory.agencies:
        assert to_data(partners(store, agency_id)) == to_data(partners(memory, agency_id))
        assert to_data(show(store, agency_id)) == to_data(show(memory, agency_id))
    assert to_data(timeline(store)) == to_data(timeline(memory))
    assert to_data(stats(store)) == to_data(stats(memory))


# --- keyed by content ----------------------------------------------------------------------


def test_a_version_is_built_once_and_then_reused(tmp_path: Path, monkeypatch) -> None:
    folder = split_into(tmp_path / "data", bundled())
    open_index(folder)
    assert len(versions()) == 1
    from coopgraph.store.versions import Versions

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(Versions, "_make", refuse)
    assert partners(open_index(folder), "NIST").partners


def test_an_unchanged_version_is_answered_without_reading_the_data(
    tmp_path: Path, monkeypatch
) -> None:
    from coopgraph.store import versions as versions_module

    monkeypatch.setattr(versions_module, "_RACY_NS", 0)  # as if the files were written long ago
    folder = split_into(tmp_path / "data", bundled())
    open_index(folder)  # builds, and records the files' states
    open_index(folder)  # hashes once more, now that the states are recorded after the writes
    read: list[object] = []
    real = versions_module.read_files
    monkeypatch.setattr(
        versions_module, "read_files", lambda files: read.append(files) or real(files)
    )
    assert partners(open_index(folder), "NIST").partners
    assert read == [], "nothing read: the states matched"
    edited = bundled()["agencies"]
    edited[0]["note"] = "edited"
    write_yaml(folder / "2-agencies.yaml", {"agencies": edited})
    assert open_index(folder).agencies[edited[0]["id"]].note == "edited"
    assert read, "a written file is read again"


def test_a_caller_of_every_record_gets_the_records_just_built_as_the_store_holds_them(
    tmp_path: Path,
) -> None:
    """``whole=True`` (the site): when the call builds the version, the validated records
    come back in memory, in the order and with the values the snapshot then gives; when the
    version was there already, they are the snapshot's."""
    folder = split_into(tmp_path / "data", bundled())
    built = open_index(folder, whole=True)
    assert type(built) is Index
    again = open_index(folder, whole=True)
    assert isinstance(again, SnapshotIndex)
    assert built.dataset == again.dataset
    assert [a.id for a in built.dataset.agreements] == [a.id for a in again.dataset.agreements]


def test_an_edit_of_the_same_size_and_time_is_still_a_new_version(
    tmp_path: Path, monkeypatch
) -> None:
    from coopgraph.store import versions as versions_module

    monkeypatch.setattr(versions_module, "_RACY_NS", 0)  # trust recorded states at once
    path = tmp_path / "data.yaml"
    text = (default_data_path() / "agreements.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert open_index(path).agreements["kiat-nist-loi-2022"].status == "signed"
    assert open_index(path).agreements["kiat-nist-loi-2022"].status == "signed"
    before = path.stat()
    marker = "    status: signed\n"
    start = text.index("- id: kiat-nist-loi-2022")
    at = text.index(marker, start)
    edited = text[:at] + "    status: active\n" + text[at + len(marker) :]
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert open_index(path).agreements["kiat-nist-loi-2022"].status == "active"


# --- one file at a time ----------------------------------------------------------------------


def rdf_graph(folder: Path) -> Any:
    """The built Oxigraph store's triples as an rdflib graph (for isomorphism)."""
    import rdflib

    from coopgraph.rdf.export import to_rdflib_term

    _, store = open_rdf_store(folder, BASE)
    graph = rdflib.Graph()
    for quad in store.quads_for_pattern(None, None, None):
        graph.add(
            (
                to_rdflib_term(quad.subject),
                to_rdflib_term(quad.predicate),
                to_rdflib_term(quad.object),
            )
        )
    return graph


def manifest_of(folder: Path) -> dict[str, Any]:
    from coopgraph.store.versions import DataFiles, Versions

    versions_ = Versions(cache_root())
    version = versions_.find(versions_.key_for(DataFiles.read(folder)))
    assert version is not None
    return version.manifest


def test_a_changed_file_updates_the_previous_version(tmp_path: Path, monkeypatch) -> None:
    data = bundled()
    folder = split_into(tmp_path / "data", data)
    rdf_graph(folder)  # the first version, with its RDF store
    first = manifest_of(folder)["files"]
    gc.collect()  # the index opened above holds its version (against removal) until collected
    late = data["agreements"][len(data["agreements"]) // 2 :]
    late[0]["title"]["en"] = "A retitled agreement"
    del late[1]
    write_yaml(folder / "5-agreements-late.yaml", {"agreements": late})

    updated = rdf_graph(folder)
    manifest = manifest_of(folder)
    assert manifest["updated_from"] is not None
    assert [f["name"] for f in manifest["files"]] == [f["name"] for f in first]
    assert len(versions()) == 1, "the replaced version is removed"
    assert leftovers() == []

    index = open_index(folder)
    expected = Index(load_dataset(folder))
    assert index.agreements[late[0]["id"]].title["en"] == "A retitled agreement"
    assert late[0]["id"] in index.agreements and data["agreements"][-1]["id"] in index.agreements
    assert every_question(index) == every_question(expected)

    from rdflib.compare import isomorphic

    monkeypatch.setenv("COOPGRAPH_CACHE", str(tmp_path / "fresh-cache"))
    assert isomorphic(updated, rdf_graph(folder)), "an update gives the graph a full build gives"


def test_an_edit_in_place_updates_one_record_and_answers_as_a_full_load(
    tmp_path: Path, monkeypatch
) -> None:
    """One data file, one record's text edited: only that record is validated again, and
    every answer is the full load's."""
    from coopgraph import models

    data = bundled()
    path = tmp_path / "agreements.yaml"
    write_yaml(path, data)
    open_index(path)
    gc.collect()
    edited = next(a for a in data["agreements"] if a["id"] == "kats-nist-mou-2024")
    edited["title"]["en"] = "A retitled MOU"
    edited["status"] = "ended"
    write_yaml(path, data)
    validated: list[str] = []
    real = models.validate_record
    monkeypatch.setattr(
        models,
        "validate_record",
        lambda section, raw: validated.append(raw["id"]) or real(section, raw),
    )
    index = open_index(path)
    assert validated == ["kats-nist-mou-2024"], "only the edited record is validated"
    assert manifest_of(path)["updated_from"] is not None
    assert index.agreements["kats-nist-mou-2024"].title["en"] == "A retitled MOU"
    assert every_question(index) == every_question(Index(load_dataset(path)))


@pytest.mark.parametrize(
    "edit",
    ["an agreement added", "an agreement removed", "two agreements swapped", "a new parent"],
)
def test_other_edits_of_one_file_are_still_answered_as_a_full_load(
    tmp_path: Path, edit: str
) -> None:
    """Edits that move records or change what kept records rely on leave the record-by-record
    update to the full build: the answers are the full load's either way."""
    import copy

    data = bundled()
    path = tmp_path / "agreements.yaml"
    write_yaml(path, data)
    open_index(path)
    gc.collect()
    if edit == "an agreement added":
        extra = copy.deepcopy(data["agreements"][0])
        extra["id"] = "a-new-agreement"
        data["agreements"].insert(3, extra)
    elif edit == "an agreement removed":
        del data["agreements"][3]
    elif edit == "two agreements swapped":
        agreements_ = data["agreements"]
        agreements_[0], agreements_[1] = agreements_[1], agreements_[0]
    else:  # NIST's laboratory moved under KRISS: the 2024 MOU's party no longer holds
        unit = next(a for a in data["agencies"] if a["id"] == "NIST-CTL")
        unit["part_of"] = ["KRISS"]
    write_yaml(path, data)
    try:
        expected = every_question(Index(load_dataset(path)))
    except DataError as error:
        with pytest.raises(DataError) as raised:
            open_index(path)
        assert raised.value.issues == error.issues
        return
    assert every_question(open_index(path)) == expected


def test_an_edited_record_with_a_mistake_is_reported_where_it_is(tmp_path: Path) -> None:
    data = bundled()
    path = tmp_path / "agreements.yaml"
    write_yaml(path, data)
    open_index(path)
    gc.collect()
    data["agreements"][2]["parties"][0] = "NO-SUCH-AGENCY"
    write_yaml(path, data)
    with pytest.raises(DataError) as raised:
        open_index(path)
    (issue,) = raised.value.issues
    assert issue.file == str(path) and issue.line is not None
    assert "NO-SUCH-AGENCY" in issue.message


def test_files_can_be_added_and_removed(tmp_path: Path) -> None:
    data = bundled()
    folder = split_into(tmp_path / "data", data)
    open_index(folder)
    moved = data["agreements"][-3:]
    late = data["agreements"][len(data["agreements"]) // 2 : -3]
    write_yaml(folder / "5-agreements-late.yaml", {"agreements": late})
    write_yaml(folder / "6-new.yaml", {"agreements": moved})
    index = open_index(folder)
    assert manifest_of(folder)["updated_from"] is not None
    assert {a["id"] for a in moved} <= set(index.agreements)
    (folder / "6-new.yaml").unlink()
    index = open_index(folder)
    assert not {a["id"] for a in moved} & set(index.agreements)
    assert len(index.agreements) == len(data["agreements"]) - 3


def test_a_reference_broken_in_another_file_is_reported_with_its_place(tmp_path: Path) -> None:
    data = bundled()
    folder = split_into(tmp_path / "data", data)
    open_index(folder)
    kept = [a for a in data["agencies"] if a["id"] != "KIAT"]
    write_yaml(folder / "2-agencies.yaml", {"agencies": kept})
    with pytest.raises(DataError) as raised:
        open_index(folder)
    where = {(Path(i.file).name, i.line is not None) for i in raised.value.issues}
    assert ("4-agreements-early.yaml", True) in where
    assert any("unknown agency 'KIAT'" in i.message for i in raised.value.issues)
    assert leftovers() == []
    write_yaml(folder / "2-agencies.yaml", {"agencies": data["agencies"]})
    assert partners(open_index(folder), "KIAT").partners


def test_an_id_used_in_two_files_is_reported(tmp_path: Path) -> None:
    data = bundled()
    folder = split_into(tmp_path / "data", data)
    open_index(folder)
    late = data["agreements"][len(data["agreements"]) // 2 :]
    write_yaml(folder / "5-agreements-late.yaml", {"agreements": [*late, data["agreements"][0]]})
    with pytest.raises(DataError, match="duplicate id"):
        open_index(folder)


# --- SPARQL from the store -------------------------------------------------------------------


def _unordered_concat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SPARQL 1.1 leaves the order inside GROUP_CONCAT open (``supports`` in evidence.rq)."""
    return [
        {k: sorted(v.split(", ")) if k == "supports" else v for k, v in r.items()} for r in rows
    ]


def test_every_named_query_answers_from_the_store_as_in_memory(run: Callable[..., Any]) -> None:
    from coopgraph.sparql import library

    for query in library().values():
        assert query.example, query.name
        args = query.example.split()[2:]  # after "coopgraph sparql"
        stored = run("sparql", *args, "--format", "json")
        memory = run("sparql", *args, "--format", "json", "--no-cache")
        assert stored.code == memory.code == 0, (query.name, stored.err)
        assert json.loads(stored.out), query.name
        expected = _unordered_concat(json.loads(memory.out))
        assert _unordered_concat(json.loads(stored.out)) == expected, query.name
    assert all(any(v.glob("rdf-*")) for v in versions())


# --- the commands -------------------------------------------------------------------------


def test_build_reports_its_phases_and_info_lists_the_version(run, tmp_path: Path) -> None:
    folder = split_into(tmp_path / "data", bundled())
    built = run("build", "--data", folder, "--format", "json")
    assert built.code == 0, built.err
    report = json.loads(built.out)
    assert report["counts"]["agreements"] == len(bundled()["agreements"])
    phases = [p["phase"] for p in report["phases"]]
    assert "parse and validate" in phases and "write the snapshot" in phases
    assert "parse and validate" in built.err, "progress goes to stderr"
    version = Path(report["directory"])
    assert (version / "records.sqlite").is_file() and any(version.glob("rdf-*"))
    # what the first stats, fields, trends, diff, brokers or opportunities would compute
    assert {p.name for p in (version / "memo").iterdir()} == {
        "stats.pickle",
        "field-counts.pickle",
        "analytics-timetable.pickle",
        "analytics-network-1.pickle",
    }

    info = json.loads(run("cache", "info", "--format", "json").out)
    assert [v["key"] for v in info["versions"]] == [report["key"]]
    assert info["versions"][0]["data"] == str(folder.resolve())
    assert info["versions"][0]["rdf"] == [BASE]

    again = json.loads(run("build", "--data", folder, "--format", "json").out)
    assert again["key"] == report["key"] and again["phases"] == []

    cleared = json.loads(run("cache", "clear", "--format", "json").out)
    assert cleared["removed"] == [report["key"]] and cleared["in_use"] == []
    assert versions() == []


def test_clear_keeps_a_version_a_command_is_reading(run) -> None:
    index = open_index()  # holds its version for as long as it lives
    cleared = json.loads(run("cache", "clear", "--format", "json").out)
    assert cleared["removed"] == [] and len(cleared["in_use"]) == 1
    assert partners(index, "NIST").partners
    del index


def test_build_refuses_when_the_store_is_switched_off(run, monkeypatch) -> None:
    monkeypatch.setenv("COOPGRAPH_CACHE", "off")
    done = run("build")
    assert done.code == 1 and "switched off" in done.err and "Traceback" not in done.err
    assert run("partners", "NIST").code == 0


def test_no_cache_reads_the_data_in_memory(run) -> None:
    done = run("partners", "NIST", "--no-cache")
    assert done.code == 0 and "KRISS" in done.out
    assert versions() == []


def test_sections_are_all_stored() -> None:
    index = open_index()
    assert isinstance(index, SnapshotIndex)
    for section in SECTIONS:
        assert len(getattr(index, section)) == len(getattr(load_dataset(), section))


# --- an update accepts exactly what a full load accepts ----------------------------------------


def _mutations(data: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    """Edits of the split data, each touching one or two files, valid or not."""
    agreement_ids = [a["id"] for a in data["agreements"]]
    event_ids = [e["id"] for e in data["events"]]
    agency_ids = [a["id"] for a in data["agencies"]]

    def late(d: dict[str, Any]) -> list[dict[str, Any]]:
        return d["5-agreements-late.yaml"]["agreements"]

    def set_party(d: dict[str, Any], agency_id: str) -> None:
        late(d)[0]["parties"][0] = agency_id

    def set_event(d: dict[str, Any], event_id: str) -> None:
        late(d)[1]["event"] = event_id

    def drop(path: str, section: str, record_id: str) -> Callable[[dict[str, Any]], None]:
        def edit(d: dict[str, Any]) -> None:
            d[path][section] = [r for r in d[path][section] if r["id"] != record_id]

        return edit

    def duplicate(d: dict[str, Any]) -> None:
        late(d).append(dict(d["4-agreements-early.yaml"]["agreements"][0]))

    def reparent(d: dict[str, Any]) -> None:
        for record in d["2-agencies.yaml"]["agencies"]:
            if record.get("part_of"):
                record["part_of"] = []
                return

    def new_agency_used(d: dict[str, Any]) -> None:
        d["2-agencies.yaml"]["agencies"].append({**d["2-agencies.yaml"]["agencies"][0], "id": "ZZ"})
        set_party(d, "ZZ")

    def event_in_unknown_series(d: dict[str, Any]) -> None:
        d["3-events.yaml"]["events"][0]["part_of"] = "no-such-event"

    def retitle(d: dict[str, Any]) -> None:
        late(d)[0]["title"] = {"en": "Renamed"}

    def unit_of_another(d: dict[str, Any]) -> None:
        late(d)[0]["parties"][0] = {"agency": "KIAT", "unit": "NMIJ"}

    edits: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
        ("retitle", retitle),
        ("unknown party", lambda d: set_party(d, "NO-SUCH-AGENCY")),
        ("other party", lambda d: set_party(d, agency_ids[-1])),
        ("unknown event", lambda d: set_event(d, "no-such-event")),
        ("event of another file", lambda d: set_event(d, event_ids[0])),
        ("duplicate id across files", duplicate),
        ("drop an agency", drop("2-agencies.yaml", "agencies", "KIAT")),
        ("drop an unused source", drop("1-reference.yaml", "sources", data["sources"][-1]["id"])),
        ("drop a field", drop("1-reference.yaml", "fields", data["fields"][-1]["id"])),
        ("drop a late agreement", drop("5-agreements-late.yaml", "agreements", agreement_ids[-1])),
        ("reparent an agency", reparent),
        ("a new agency, used", new_agency_used),
        ("unknown series", event_in_unknown_series),
        ("unit of another agency", unit_of_another),
    ]
    for event_id in event_ids:
        edits.append((f"drop event {event_id}", drop("3-events.yaml", "events", event_id)))
    return edits


_EDITS = _mutations(bundled())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(chosen=st.lists(st.sampled_from(range(len(_EDITS))), min_size=1, max_size=3, unique=True))
def test_an_update_accepts_exactly_what_a_full_load_accepts(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[int]
) -> None:
    import copy

    data = bundled()
    folder = split_into(tmp_path_factory.mktemp("data"), data)
    os.environ["COOPGRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    open_index(folder)
    files = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.iterdir()}
    edited = copy.deepcopy(files)
    for number in chosen:
        _EDITS[number][1](edited)
    for name, content in edited.items():
        if content != files[name]:
            write_yaml(folder / name, content)

    try:
        expected: Dataset | None = load_dataset(folder)
    except DataError as error:
        expected, problems = None, error.issues
    if expected is None:
        with pytest.raises(DataError) as raised:
            open_index(folder)
        assert raised.value.issues == problems  # the same problems, at the same places
        return
    index = open_index(folder)
    for section in SECTIONS:
        assert list(getattr(index, section).values()) == getattr(expected, section), section


def test_dropping_an_event_a_kept_file_points_at_is_refused(tmp_path: Path) -> None:
    data = bundled()
    folder = split_into(tmp_path / "data", data)
    open_index(folder)
    used = next(a["event"] for a in data["agreements"] if a.get("event"))
    write_yaml(folder / "3-events.yaml", {"events": [e for e in data["events"] if e["id"] != used]})
    with pytest.raises(DataError, match=f"unknown event '{used}'"):
        open_index(folder)


def test_an_update_reads_only_the_changed_file(tmp_path: Path, monkeypatch) -> None:
    from coopgraph import load

    data = bundled()
    folder = split_into(tmp_path / "data", data)
    open_index(folder)
    late = data["agreements"][len(data["agreements"]) // 2 :]
    late[0]["status"] = "ended" if late[0]["status"] != "ended" else "signed"
    write_yaml(folder / "5-agreements-late.yaml", {"agreements": late})
    parsed: list[str] = []
    real = load._parse

    def spy(name: str, *args: Any) -> Any:
        parsed.append(Path(name).name)
        return real(name, *args)

    monkeypatch.setattr(load, "_parse", spy)
    index = open_index(folder)
    assert parsed == ["5-agreements-late.yaml"]
    assert index.agreements[late[0]["id"]].status == late[0]["status"]


def test_the_served_folder_is_the_store_of_the_data_and_held_while_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``coopgraph serve`` hands this folder to the Oxigraph server: it must be the store
    of these data and base, answer the data's questions, and outlive a cache clear while
    the index that holds it is open."""
    import pyoxigraph as ox

    from coopgraph.store import clear_cache, open_rdf_folder

    monkeypatch.setenv("COOPGRAPH_CACHE", str(tmp_path / "cache"))
    base = "https://w3id.org/coopgraph/"
    index, folder = open_rdf_folder(None, base)
    assert folder is not None and folder.is_relative_to(tmp_path / "cache")
    assert (folder / "base.txt").read_text(encoding="utf-8") == base
    clear_cache()  # the version is in use: kept
    store = ox.Store.read_only(str(folder))
    # KRISS and AIST signed an MOU in January 2024 (seed: 표준연-산총연 article)
    kriss, aist = (ox.NamedNode(f"{base}agency/{name}") for name in ("KRISS", "AIST"))
    agreement = ox.NamedNode(f"{base}agreement/kriss-aist-mou-2024")
    party = ox.NamedNode("https://w3id.org/coopgraph/ns#party")
    assert {q.object for q in store.quads_for_pattern(agreement, party, None)} == {kriss, aist}
    del store, index

    _, elsewhere = open_rdf_folder(None, "http://example.org/cg/")
    assert elsewhere is not None and elsewhere != folder
    monkeypatch.setenv("COOPGRAPH_CACHE", "off")
    assert open_rdf_folder(None, base)[1] is None  # no store: the caller makes its own
