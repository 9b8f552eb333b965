"""coopgraph merge: accepted candidates into a data directory, validated, or refused whole."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from coopgraph.errors import DataError, UsageError
from coopgraph.index import Index
from coopgraph.ingest import ingest, merge
from coopgraph.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def found() -> dict:
    index = Index(load_dataset(ROOT / "data"))
    return ingest([ARTICLES / "ko_signed.txt", ARTICLES / "ja_signed.txt"], index).to_data()


@pytest.fixture
def candidates(found: dict) -> dict:
    """A fresh copy for each test: the tests edit it as a reviewer would."""
    return copy.deepcopy(found)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(ROOT / "data" / "agreements.yaml", target / "agreements.yaml")
    return target


def write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "candidates.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def accept_signed_mou(document: dict) -> dict:
    """What a reviewer does: accept the KIMM-KRISS MOU and the new institute, with an id."""
    for record in document["agreements"]:
        if record["date"] == "2024-05-29":
            record["decision"] = "accept"
    for agency in document["agencies"]:
        agency.update(decision="accept", id="KIMM", kind="research-institute", country="KR")
    return document


def test_accepted_candidates_join_the_data(tmp_path, data_dir, candidates) -> None:
    merged = merge(write(tmp_path, accept_signed_mou(candidates)), data_dir)
    assert merged.added == {
        "sources": ["article-ko_signed"],
        "agencies": ["KIMM"],
        "agreements": ["kimm-kriss-mou-2024"],
    }
    dataset = load_dataset(data_dir)
    mou = next(a for a in dataset.agreements if a.id == "kimm-kriss-mou-2024")
    assert [p.agency for p in mou.parties] == ["KIMM", "KRISS"]  # the witness MSIT is not
    assert (mou.status, str(mou.date)) == ("signed", "2024-05-29")
    assert any("참석한 가운데" in c.quote for c in mou.sources)
    # the AIST-KRISS MOU was left for review: nothing of it is added
    assert len(dataset.agreements) == len(load_dataset(ROOT / "data").agreements) + 1


def test_merging_twice_is_refused(tmp_path, data_dir, candidates) -> None:
    path = write(tmp_path, accept_signed_mou(candidates))
    merge(path, data_dir)
    before = (data_dir / "ingested.yaml").read_bytes()
    with pytest.raises(DataError) as raised:
        merge(path, data_dir)
    assert "taken" in str(raised.value)
    assert (data_dir / "ingested.yaml").read_bytes() == before


def test_what_the_model_refuses_is_located_in_the_candidates(
    tmp_path, data_dir, candidates
) -> None:
    document = accept_signed_mou(candidates)
    background = next(a for a in document["agreements"] if a["date"] == "2019")
    background["decision"] = "accept"
    background["status"] = None  # as for an agreement named in passing: the model needs one
    index = document["agreements"].index(background)
    with pytest.raises(DataError) as raised:
        merge(write(tmp_path, document), data_dir)
    assert any(i.path[:3] == ("agreements", index, "status") for i in raised.value.issues)
    assert not (data_dir / "ingested.yaml").exists()


def test_a_new_organisation_must_be_accepted_or_named(tmp_path, data_dir, candidates) -> None:
    document = accept_signed_mou(candidates)
    for agency in document["agencies"]:
        agency["decision"] = "review"
    with pytest.raises(DataError) as raised:
        merge(write(tmp_path, document), data_dir)
    assert "'한국기계연구원' is no known agency" in str(raised.value)
    assert not (data_dir / "ingested.yaml").exists()


def test_a_candidate_the_data_holds_is_refused(tmp_path, data_dir, candidates) -> None:
    document = accept_signed_mou(candidates)
    aist = next(a for a in document["agreements"] if a.get("matches"))
    aist["decision"] = "accept"
    with pytest.raises(DataError) as raised:
        merge(write(tmp_path, document), data_dir)
    assert "kriss-aist-mou-2024" in str(raised.value)


def test_nothing_accepted_adds_nothing(run, tmp_path, data_dir, candidates) -> None:
    outcome = run("merge", write(tmp_path, candidates), "--into", data_dir)
    assert outcome.code == 0
    assert "Nothing added: no candidate is marked 'decision: accept'" in outcome.out
    assert sorted(p.name for p in data_dir.iterdir()) == ["agreements.yaml"]


def test_into_must_be_a_directory(tmp_path, candidates) -> None:
    with pytest.raises(UsageError, match="takes a data directory"):
        merge(write(tmp_path, accept_signed_mou(candidates)), tmp_path / "nowhere")


def test_the_command_refuses_with_located_messages(run, tmp_path, data_dir, candidates) -> None:
    document = accept_signed_mou(candidates)
    next(a for a in document["agreements"] if a["date"] == "2024-05-29")["type"] = "treaty"
    path = write(tmp_path, document)
    outcome = run("merge", path, "--into", data_dir)
    assert outcome.code == 1
    assert f"{path}: agreements[" in outcome.err and "type" in outcome.err
    assert "Traceback" not in outcome.err
    assert sorted(p.name for p in data_dir.iterdir()) == ["agreements.yaml"]


def test_the_command_reports_what_it_added(run, tmp_path, data_dir, candidates) -> None:
    outcome = run("merge", write(tmp_path, accept_signed_mou(candidates)), "--into", data_dir,
                  "--format", "json")  # fmt: skip
    assert outcome.code == 0, outcome.err
    assert '"kimm-kriss-mou-2024"' in outcome.out
    assert run("validate", "--data", data_dir).code == 0


def test_not_a_candidates_file(run, tmp_path, data_dir) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("- just\n- a list\n", "utf-8")
    outcome = run("merge", path, "--into", data_dir)
    assert outcome.code == 1
    assert "not a candidates file" in outcome.err


def test_an_accepted_event_joins_the_data(tmp_path, data_dir) -> None:
    index = Index(load_dataset(ROOT / "data"))
    document = ingest([ROOT / "data" / "sources" / "004_863554713d870662.txt"], index).to_data()
    # "표준연과 AIST는 지난달 30일부터 31일까지 일본 츠쿠바에서 ... 회의를 열고"
    meeting = next(e for e in document["events"] if e["date"] == "2024-07-30/2024-07-31")
    assert [(p["agency"], p["role"]) for p in meeting["participants"]] == [
        ("KRISS", "participant"),
        ("AIST", "participant"),
        ("NMIJ", "participant"),
    ]
    meeting["decision"] = "accept"
    merged = merge(write(tmp_path, document), data_dir)
    event = next(e for e in load_dataset(data_dir).events if e.id in merged.added["events"])
    assert (event.type, event.status, str(event.date)) == (
        "meeting",
        "held",
        "2024-07-30/2024-07-31",
    )
    assert [p.agency for p in event.participants] == ["KRISS", "AIST", "NMIJ"]


def test_candidates_kept_in_the_data_directory_are_no_data(data_dir, candidates) -> None:
    path = write(data_dir, accept_signed_mou(candidates))
    merged = merge(path, data_dir)
    assert merged.added["agreements"] == ["kimm-kriss-mou-2024"]
    path.unlink()  # reviewed and merged: the data directory holds data only again
    assert "kimm-kriss-mou-2024" in {a.id for a in load_dataset(data_dir).agreements}


def test_a_new_agency_takes_the_names_the_article_gave_it(tmp_path, data_dir, index) -> None:
    """A new organisation accepted with the names the article put in brackets after it:
    the acronym as an acronym, the name in its own language as an official name."""
    document = ingest([ARTICLES / "ko_other_names.txt"], index).to_data()
    for record in document["agreements"]:
        record["decision"] = "accept" if record["type"] == "mou" else "review"
    for agency in document["agencies"]:
        if agency["name"] == "부경대학교":
            agency.update(decision="accept", id="PKNU", kind="research-institute", country="KR")
        if agency["name"] == "연방재료시험연구원":
            agency.update(decision="accept", id="BAM", kind="research-institute")
    merge(write(tmp_path, document), data_dir)
    bam = next(a for a in load_dataset(data_dir).agencies if a.id == "BAM")
    assert [(n.text, n.kind) for n in bam.names] == [
        ("연방재료시험연구원", "official"),
        ("BAM", "acronym"),
        ("Bundesanstalt für Materialforschung und -prüfung", "official"),
    ]
    assert bam.country == "DE"


def test_other_names_must_be_names(tmp_path, data_dir, index) -> None:
    document = ingest([ARTICLES / "ko_other_names.txt"], index).to_data()
    for agency in document["agencies"]:
        agency.update(decision="accept", id=f"X{len(agency['name'])}", kind="research-institute",
                      country="KR", other_names="Tampere University")  # fmt: skip
    with pytest.raises(DataError, match="other_names must be a list of names"):
        merge(write(tmp_path, document), data_dir)
