"""coopgraph diff: what changed in a window, with dates, where they come from, and sources.

Expected answers are worked out by hand from data/agreements.yaml. Between 2024-01-01 and
2024-06-30:

- signed: kriss-aist-mou-2024 (2024-01), kriss-nist-quantum-mou-2024 (2024-01-29),
  kats-nist-mou-2024 (2024-06-27; its planned step of 2023-12-09 is before the window);
- planned: msit-arpae-joint-workshop-2024 (2024-01-16), msit-nsf-research-exchange-2024
  (2024-01-22); proposed: arpae-msit-staff-exchange, kr-us-quantum-workshop-plan,
  kstar-fusion-programme-proposal (all 2024-01-22);
- left out: kriss-aist-metrology-cooperation-2024 (2024-07-30), aist-nist-cooperation
  (undated, reported 2024-08-02), msit-nsf-bio-rd-2024 (planned 2023-12-09);
- new agencies: AIST and its unit G-QuAT (kriss-aist-mou-2024, 2024-01), ARPA-E (the
  2024-01-16 meeting and joint workshop); not NIST-CTL, a party to the KRISS-NIST quantum
  MOU since its planned step of 2023-12-09, nor NMIJ (July);
- no new country pair: JP-KR and JP-US were first linked by the trilateral proposal of
  2023-11, KR-US in 1994.
"""

from __future__ import annotations

import json

import pytest

from builders import agency, agreement, dataset_dict
from coopgraph.analytics import diff
from coopgraph.analytics.changes import DiffResult
from coopgraph.errors import UsageError
from coopgraph.index import Index
from coopgraph.models import validate_dataset


def by_change(result: DiffResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for change in result.changes:
        found.setdefault(change.change, []).append(change.subject)
    return found


def test_first_half_of_2024(index: Index) -> None:
    result = diff(index, since="2024-01-01", until="2024-06-30")
    assert by_change(result) == {
        "signed": ["kriss-aist-mou-2024", "kriss-nist-quantum-mou-2024", "kats-nist-mou-2024"],
        "planned": ["msit-arpae-joint-workshop-2024", "msit-nsf-research-exchange-2024"],
        "proposed": [
            "arpae-msit-staff-exchange",
            "kr-us-quantum-workshop-plan",
            "kstar-fusion-programme-proposal",
        ],
        "new agency": ["AIST", "G-QuAT", "ARPA-E"],
    }
    assert result.counts()["new country pair"] == 0
    assert result.first_day == "2024-01-01" and result.last_day == "2024-06-30"


def test_each_change_has_its_date_its_origin_and_its_sources(index: Index) -> None:
    result = diff(index, since="2024-01", until="2024-06")
    kats = next(c for c in result.changes if c.subject == "kats-nist-mou-2024")
    assert (kats.date, kats.dated_by, kats.status) == ("2024-06-27", "own", "signed")
    assert kats.countries == ["KR", "US"] and kats.agreements == ["kats-nist-mou-2024"]
    assert [(s.id, s.url) for s in kats.sources] == [
        ("kats-2024-06-press", "http://ktab.ktab.kr/home/notice/press/3316&page=7")
    ]
    arpa = next(c for c in result.changes if c.subject == "ARPA-E")
    assert (arpa.date, arpa.countries) == ("2024-01-16", ["US"])
    assert arpa.agreements == ["msit-arpae-joint-workshop-2024"]
    assert arpa.events == ["msit-arpae-meeting-2024-01-16"]
    assert [s.id for s in arpa.sources] == ["ebn-2024-01-29"]
    assert arpa.sources[0].published == "2024-01-29"


def test_dates_from_sources_are_said_to_be_so(index: Index) -> None:
    """December 2023: the dialogue's first round, and two undated dialogues and
    partnerships the 9 December article reports as active."""
    result = diff(index, since="2023-12", until="2023-12")
    signed = {c.subject: (c.date, c.dated_by) for c in result.changes if c.change == "signed"}
    assert signed == {
        "kr-us-cet-dialogue": ("2023-12-08/2023-12-09", "own"),
        "motie-doc-supply-chain-industry-dialogue": ("2023-12-09", "sources"),
        "pnnl-rist-ess-partnership": ("2023-12-09", "sources"),
    }
    planned = by_change(result)["planned"]
    # a history step is a change of its own: the KATS-NIST MOU was planned that day
    assert "kats-nist-mou-2024" in planned and "kriss-nist-quantum-mou-2024" in planned
    agencies = {c.subject: c.dated_by for c in result.changes if c.change == "new agency"}
    assert agencies["PNNL"] == "sources" and agencies["DOC"] == "own"
    assert "KRISS" not in agencies and "NIST" not in agencies  # known since 1994


def test_new_country_pairs_come_from_agreements_not_events(index: Index) -> None:
    """Camp David (an event, 2023-08) named Korea, the US and Japan; the first agreement
    linking Japan is the trilateral proposal of 2023-11."""
    result = diff(index, since="2023", until="2023")
    pairs = {c.subject: c for c in result.changes if c.change == "new country pair"}
    assert set(pairs) == {"JP-KR", "JP-US"}
    assert pairs["JP-KR"].date == "2023-11"
    assert pairs["JP-KR"].agreements == ["kr-us-jp-quantum-cooperation-proposal"]
    assert diff(index, since="2023-08", until="2023-10").counts()["new country pair"] == 0


def made_index() -> Index:
    data = dataset_dict(
        [agency("A", "KR"), agency("B", "US"), agency("C", "JP"), agency("D", "GB")],
        [
            agreement(
                "renewed",
                "A",
                "B",
                date="2024-02-01",
                history=[{"status": "signed", "date": "2019-03"}],
            ),
            agreement("ended-only", "A", "C", status="ended", date="2024-04"),
            agreement("signed-then-ended", "B", "C", date="2018", ended="2024-03-15"),
            agreement(
                "signed-again",
                "B",
                "C",
                date="2024-05",
                history=[
                    {"status": "active", "date": "2010"},
                    {"status": "ended", "date": "2015"},
                ],
            ),
            agreement("first-with-d", "A", "D", status="planned", date="2024-06-01"),
            agreement("undated", "A", "C", status="active"),
        ],
    )
    return Index(validate_dataset(data))


def test_renewed_and_ended_come_from_history_and_end_dates() -> None:
    result = diff(made_index(), since="2024")
    assert by_change(result) == {
        "renewed": ["renewed", "signed-again"],  # signed again; in place again after it ended
        "ended": ["signed-then-ended", "ended-only"],
        "planned": ["first-with-d"],
        "new agency": ["D"],
        "new country pair": ["JP-KR", "GB-KR"],  # 2024-04 (undated: not placed), 2024-06
    }
    ended = next(c for c in result.changes if c.subject == "signed-then-ended")
    assert (ended.date, ended.status) == ("2024-03-15", "ended")
    assert result.not_placed == ["undated"]
    earlier = by_change(diff(made_index(), since="2010", until="2019"))
    assert earlier == {
        "signed": ["signed-again", "signed-then-ended", "renewed"],  # 2010, 2018, 2019-03
        "ended": ["signed-again"],
        "new agency": ["B", "C", "A"],
        "new country pair": ["JP-US", "KR-US"],
    }


@pytest.mark.parametrize(
    ("since", "until", "words"),
    [
        ("2030", None, ["--since 2030", "after the last", "1994-09-01 to 2024-08-02"]),
        ("1980", "1990", ["--until 1990", "before the first", "1994-09-01"]),
        ("2024-06", "2024-01", ["--until 2024-01 is before --since 2024-06"]),
        ("June", None, ["--since", "'June'"]),
    ],
    ids=["late", "early", "reversed", "not-a-date"],
)
def test_bad_windows_are_usage_errors(index: Index, since, until, words) -> None:
    with pytest.raises(UsageError) as raised:
        diff(index, since=since, until=until)
    for word in words:
        assert word in str(raised.value)


def test_the_json_answer_is_the_library_answer(run, index: Index) -> None:
    outcome = run("diff", "--since", "2024-01", "--until", "2024-06", "--format", "json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert data == diff(index, since="2024-01", until="2024-06").to_data()
    assert data["counts"]["signed"] == 3
    kats = next(c for c in data["changes"] if c["subject"] == "kats-nist-mou-2024")
    assert kats["sources"] == ["kats-2024-06-press"]  # described once, under "sources"
    assert data["sources"]["kats-2024-06-press"]["url"] == (
        "http://ktab.ktab.kr/home/notice/press/3316&page=7"
    )
    assert data["sources"]["ebn-2024-01-29"]["published"] == "2024-01-29"


def test_the_table_shows_dates_origins_and_sources(run) -> None:
    outcome = run("diff", "--since", "2023-12", "--until", "2023-12", "--format", "csv")
    assert outcome.code == 0, outcome.err
    head, *rows = outcome.out.splitlines()
    assert head == "change,what,title,date,dated by,countries,records,sources"
    pnnl = next(row for row in rows if row.startswith("signed,pnnl-rist-ess-partnership,"))
    assert ",2023-12-09,sources,KR; US," in pnnl
    assert "fnnews-2023-12-09 (" in pnnl


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "diff needs --since DATE"),
        (["--since", "2031"], "the data run from 1994-09-01 to 2024-08-02"),
        (["--since", "2024", "--until", "2023"], "--until 2023 is before --since 2024"),
        (["--since", "2024-02-30"], "day 30 is out of range"),
    ],
    ids=["no-since", "late", "reversed", "bad-day"],
)
def test_bad_input_is_one_line_and_exit_2(run, args: list[str], message: str) -> None:
    outcome = run("diff", *args)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.err and outcome.out == ""
