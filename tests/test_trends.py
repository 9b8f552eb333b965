"""coopgraph trends: counts per country pair or field and year, each with its records.

Expected answers are worked out by hand from data/agreements.yaml:

- KR-US agreements in place (signed or active), by the year they were first in place:
  1994 kriss-nist-mou-1994 (1994-09), 2000 nist-kats-mou-2000 (2000-05), 2022
  kiat-nist-loi-2022 (2022-12-07), 2023 kr-us-cet-dialogue (active from 2023-12-08; its
  planned step of 2023-04 does not count) and the two undated, active ones that
  fnnews-2023-12-09 reports (motie-doc-supply-chain-industry-dialogue,
  pnnl-rist-ess-partnership: placed by their source), 2024 kriss-nist-quantum-mou-2024
  (2024-01-29) and kats-nist-mou-2024 (planned 2023-12-09, signed 2024-06-27: counted in
  2024 only). The planned and proposed KR-US agreements of 2023-2024 are not counted.
- JP: kriss-aist-mou-2024 (JP-KR, 2024-01) and aist-nist-cooperation (JP-US, undated,
  active, reported by edaily-2024-08-02).
"""

from __future__ import annotations

import json

import pytest

from builders import agency, agreement, dataset_dict
from coopgraph.analytics import trends
from coopgraph.analytics.trends import TrendsResult
from coopgraph.errors import NotFoundError, UsageError
from coopgraph.index import Index
from coopgraph.models import validate_dataset


def cells(result: TrendsResult) -> dict[tuple[str, int], list[str]]:
    """``(pair or field, year) -> ids``, agreements or events."""
    return {(r.key, r.year): r.agreements or r.events for r in result.rows}


# --- country pairs -------------------------------------------------------------------------


def test_kr_us_agreements_per_year(index: Index) -> None:
    found = cells(trends(index))
    kr_us = {year: ids for (pair, year), ids in found.items() if pair == "KR-US"}
    assert kr_us == {
        1994: ["kriss-nist-mou-1994"],
        2000: ["nist-kats-mou-2000"],
        2022: ["kiat-nist-loi-2022"],
        2023: [
            "kr-us-cet-dialogue",
            "motie-doc-supply-chain-industry-dialogue",
            "pnnl-rist-ess-partnership",
        ],
        2024: ["kats-nist-mou-2024", "kriss-nist-quantum-mou-2024"],
    }


def test_what_counts_as_signed_and_what_is_left_out(index: Index) -> None:
    result = trends(index)
    counted = {i for r in result.rows for i in r.agreements}
    # planned or proposed: intentions, not agreements in place
    for left_out in (
        "msit-nsf-bio-rd-2024",
        "snl-kesco-ess-safety-mou",
        "kstar-fusion-programme-proposal",
        "kr-us-jp-quantum-cooperation-proposal",
        "kriss-aist-metrology-cooperation-2024",
        "kiat-uk-matching-fund-programme-2017",
    ):
        assert left_out not in counted
    assert result.statuses == ["signed", "active"]
    assert result.not_placed == []
    # a year only once: the planned step of 2023 does not count the KATS-NIST MOU again
    assert [r.year for r in result.rows if "kats-nist-mou-2024" in r.agreements] == [2024]


def test_records_placed_by_their_sources_are_flagged(index: Index) -> None:
    rows = {(r.key, r.year): r for r in trends(index).rows}
    assert rows["KR-US", 2023].placed_by_sources == [
        "motie-doc-supply-chain-industry-dialogue",
        "pnnl-rist-ess-partnership",
    ]
    assert rows["JP-US", 2024].placed_by_sources == ["aist-nist-cooperation"]
    assert rows["KR-US", 2024].placed_by_sources == []
    assert rows["KR-US", 2023].count == 3


def test_pairs_are_sorted_and_a_trilateral_counts_for_each_pair(index: Index) -> None:
    """kr-us-jp-quantum-cooperation-proposal (2023-11) names JP, KR and US parties."""
    found = cells(trends(index, status=["proposed"]))
    for pair in ("JP-KR", "JP-US", "KR-US"):
        assert "kr-us-jp-quantum-cooperation-proposal" in found[pair, 2023]
    assert not any(pair in {"KR-JP", "US-JP", "US-KR"} for pair, _ in found)
    assert found["KR-US", 2024] == [
        "kstar-fusion-programme-proposal",
        "kr-us-quantum-workshop-plan",
        "arpae-msit-staff-exchange",
    ]


def test_one_country_keeps_its_pairs_two_keep_their_pair(index: Index) -> None:
    assert cells(trends(index, countries=["jp"])) == {
        ("JP-KR", 2024): ["kriss-aist-mou-2024"],
        ("JP-US", 2024): ["aist-nist-cooperation"],
    }
    assert cells(trends(index, countries=["KR", "JP"])) == {
        ("JP-KR", 2024): ["kriss-aist-mou-2024"]
    }
    assert cells(trends(index, countries=["FR"])) == {}  # a fair question, no answer


def test_since_and_until_keep_only_the_window(index: Index) -> None:
    found = cells(trends(index, since="2023", until="2023-12"))
    assert list(found) == [("KR-US", 2023)]
    # kr-us-cet-dialogue is active from 8 December: the window must reach that day
    found = cells(trends(index, since="2023-12-09", until="2024-01-28"))
    assert found == {
        ("JP-KR", 2024): ["kriss-aist-mou-2024"],
        ("KR-US", 2023): [
            "motie-doc-supply-chain-industry-dialogue",
            "pnnl-rist-ess-partnership",
        ],
    }


# --- fields --------------------------------------------------------------------------------


def test_fields_count_their_narrower_fields_once(index: Index) -> None:
    """kriss-nist-quantum-mou-2024 names quantum-computing and quantum-metrology, both
    under quantum: it counts once under quantum, with kriss-aist-mou-2024 (quantum,
    quantum-metrology); kr-us-cet-dialogue names quantum in 2023."""
    found = cells(trends(index, by="field"))
    assert found["quantum", 2024] == ["kriss-nist-quantum-mou-2024", "kriss-aist-mou-2024"]
    assert found["quantum", 2023] == ["kr-us-cet-dialogue"]
    assert found["quantum-computing", 2024] == ["kriss-nist-quantum-mou-2024"]
    # ess (pnnl-rist, placed by its source) rolls up to batteries and energy
    assert found["energy", 2023] == ["kr-us-cet-dialogue", "pnnl-rist-ess-partnership"]
    # kriss-nist-mou-1994 names no field: in no field row
    assert not any("kriss-nist-mou-1994" in ids for ids in found.values())


def test_without_broader_a_record_counts_only_under_its_own_fields(index: Index) -> None:
    found = cells(trends(index, by="field", broader=False))
    assert found["quantum", 2024] == ["kriss-aist-mou-2024"]
    assert ("energy", 2023) not in found


def test_a_field_filter_keeps_its_subtree(index: Index) -> None:
    found = cells(trends(index, by="field", fields=["quantum"]))
    assert set(found) == {
        ("quantum", 2023),
        ("quantum", 2024),
        ("quantum-computing", 2024),
        ("quantum-metrology", 2024),
    }
    assert cells(trends(index, by="field", fields=["양자과학기술"])) == found  # its Korean label
    pairs = cells(trends(index, fields=["quantum-computing"]))
    assert pairs == {("KR-US", 2024): ["kriss-nist-quantum-mou-2024"]}


def test_fields_of_one_country(index: Index) -> None:
    found = cells(trends(index, by="field", countries=["JP"]))
    assert found["quantum", 2024] == ["kriss-aist-mou-2024"]
    assert ("quantum", 2023) not in found  # kr-us-cet-dialogue has no JP party


# --- events --------------------------------------------------------------------------------


def test_events_count_apart_and_planned_ones_are_left_out(index: Index) -> None:
    found = cells(trends(index, kind="events"))
    assert found["KR-US", 2024] == [
        "msit-us-visit-2024-01",
        "msit-ostp-meeting-2024-01-23",
        "msit-doe-meeting-2024-01-22",
        "msit-arpae-meeting-2024-01-16",
        "msit-arpae-meeting-2024-01-22",
        "msit-nsf-meeting-2024-01-22",
    ]
    # Camp David (2023-08) names Korea, the US and Japan, unnamed: three pairs
    for pair in ("JP-KR", "JP-US", "KR-US"):
        assert "camp-david-summit-2023" in found[pair, 2023]
    # the planned KR-US-IN dialogue of 2024 is not counted unless planned ones are asked for
    assert not any(pair.startswith("IN") for pair, _ in found)
    planned = cells(trends(index, kind="events", status=["planned"]))
    assert planned == {
        ("IN-KR", 2024): ["kr-us-in-trilateral-dialogue"],
        ("IN-US", 2024): ["kr-us-in-trilateral-dialogue"],
        ("KR-US", 2024): ["kr-us-in-trilateral-dialogue"],
    }
    assert all(not r.agreements for r in trends(index, kind="events").rows)


# --- histories, ends and undated records, on data made for them ----------------------------


def made_index() -> Index:
    sources = [
        {"id": "s1", "kind": "news", "title": "A", "language": "en"},
        {"id": "dated", "kind": "news", "language": "en", "published": "2021-05"},
    ]
    data = dataset_dict(
        [agency("A", "KR"), agency("B", "US"), agency("C", "JP")],
        [
            agreement(
                "renewed",
                "A",
                "B",
                date="2024-02-01",
                history=[{"status": "signed", "date": "2019-03"}],
            ),
            agreement("ended-only", "A", "C", status="ended", date="2024-04"),
            agreement(
                "signed-then-ended",
                "B",
                "C",
                date="2018",
                ended="2024-03",
            ),
            agreement("undated", "A", "C", status="active"),
            agreement(
                "undated-reported",
                "B",
                "C",
                status="active",
                sources=[{"source": "dated", "quote": "q"}],
            ),
        ],
    )
    data["sources"] = sources
    return Index(validate_dataset(data))


def test_an_agreement_counts_when_first_signed_not_when_renewed() -> None:
    found = cells(trends(made_index()))
    assert found["KR-US", 2019] == ["renewed"]
    assert ("KR-US", 2024) not in found
    assert found["JP-US", 2018] == ["signed-then-ended"]  # ended in 2024, signed in 2018
    assert found["JP-US", 2021] == ["undated-reported"]  # the source's year


def test_unplaced_and_ended_only_agreements_are_named_not_counted() -> None:
    result = trends(made_index())
    counted = {i for r in result.rows for i in r.agreements}
    assert "ended-only" not in counted and "undated" not in counted
    assert result.not_placed == ["undated"]
    assert "undated" in result.table().caption  # type: ignore[operator]
    ended = cells(trends(made_index(), status=["ended"]))
    assert ended == {("JP-KR", 2024): ["ended-only"], ("JP-US", 2024): ["signed-then-ended"]}


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"since": "2030"}, ["--since 2030", "after the last", "1994-09-01", "2024-08-02"]),
        ({"until": "1990-06"}, ["--until 1990-06", "before the first", "1994-09-01"]),
        ({"since": "2024", "until": "2023"}, ["--until 2023 is before --since 2024"]),
        ({"since": "2024-13"}, ["--since", "month 13"]),
        ({"by": "pairs"}, ["--by 'pairs'", "country-pair, field"]),
        ({"kind": "meetings"}, ["--kind 'meetings'", "agreements, events"]),
        ({"status": ["signd"]}, ["unknown status 'signd'", "'signed'"]),
        ({"kind": "events", "status": ["signed"]}, ["unknown event status 'signed'", "'held'"]),
    ],
    ids=["since-late", "until-early", "reversed", "bad-date", "by", "kind", "status", "ev-status"],
)
def test_bad_input_is_a_usage_error(index: Index, kwargs: dict, words: list[str]) -> None:
    with pytest.raises(UsageError) as raised:
        trends(index, **kwargs)
    for word in words:
        assert word in str(raised.value)


def test_unknown_country_and_field_name_the_nearest(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        trends(index, countries=["XK"])
    assert "KR" in raised.value.suggestions
    with pytest.raises(NotFoundError) as raised:
        trends(index, by="field", fields=["quantm"])
    assert raised.value.suggestions[0] == "quantum"


# --- the command -----------------------------------------------------------------------------


def test_the_json_answer_is_the_library_answer(run, index: Index) -> None:
    outcome = run("trends", "--country", "JP", "--format", "json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out) == trends(index, countries=["JP"]).to_data()


def test_the_table_flags_what_sources_place_and_names_the_rule(run) -> None:
    outcome = run("trends", "--since", "2023", "--until", "2023")
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    row = next(line for line in lines if line.startswith("KR-US"))
    assert row.split()[:3] == ["KR-US", "2023", "3"]
    assert "placed by sources" in outcome.out
    assert "first reached signed or active" in outcome.out
    assert "2024" not in "\n".join(lines[3:-2])  # rows of the window only


def test_wide_shows_a_column_per_year(run) -> None:
    outcome = run("trends", "--wide", "--format", "csv")
    assert outcome.code == 0, outcome.err
    head, *rows = outcome.out.splitlines()
    assert head == "country pair," + ",".join(map(str, range(1994, 2025))) + ",total"
    assert rows[0].startswith("KR-US,1,0,") and rows[0].endswith(",1,3,2,8")
    assert [row.split(",")[0] for row in rows] == ["KR-US", "JP-KR", "JP-US"]
    data = json.loads(run("trends", "--wide", "--format", "json").out)
    assert data["matrix"][0]["counts"]["2023"] == 3


def test_by_field_for_events_in_korean(run) -> None:
    outcome = run("trends", "--by", "field", "--kind", "events", "--lang", "ko", "-f", "csv")
    assert outcome.code == 0, outcome.err
    assert "quantum,양자과학기술,2024,3," in outcome.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2031"], "the data run from 1994-09-01 to 2024-08-02"),
        (["--since", "2024", "--until", "2023-06"], "--until 2023-06 is before --since 2024"),
        (["--country", "XX"], "unknown country 'XX'"),
        (["--field", "quantm"], "did you mean 'quantum'"),
        (["--by", "year"], "'year' is not one of country-pair, field"),
    ],
    ids=["late", "reversed", "country", "field", "by"],
)
def test_bad_input_is_one_line_and_exit_2(run, args: list[str], message: str) -> None:
    outcome = run("trends", *args)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.err and outcome.out == ""


# --- the store and SPARQL give the same answers ----------------------------------------------


def test_the_store_keeps_the_timetable_and_answers_from_it(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopgraph.analytics import timetable as module
    from coopgraph.store import open_index

    first = trends(open_index(None), by="field")  # builds the store, then the timetable
    assert first == trends(index, by="field")

    def fail(_index: Index) -> None:
        raise AssertionError("the timetable was built again")

    monkeypatch.setattr(module, "_build", fail)
    again = open_index(None)
    assert trends(again, by="field") == first  # read back from memo/, not built


@pytest.mark.parametrize(
    ("query", "by"),
    [("trends-country-pairs", "country-pair"), ("trends-fields", "field")],
    ids=["pairs", "fields"],
)
def test_the_named_query_counts_what_trends_counts(index: Index, query: str, by: str) -> None:
    from coopgraph.sparql import dataset_store, library, run

    answer = run(library()[query], dataset_store(index))
    found = {}
    for row in answer.rows:
        cellsof = [term.value for term in row]
        if by == "country-pair":
            key = f"{cellsof[0]}-{cellsof[1]}"
            year, count, by_sources = cellsof[2:5]
        else:
            key = cellsof[0].rsplit("/", 1)[-1]
            year, count, by_sources = cellsof[2:5]
        found[key, int(year)] = (int(count), int(by_sources))
    expected = {
        (r.key, r.year): (r.count, len(r.placed_by_sources)) for r in trends(index, by=by).rows
    }
    assert found == expected
    if by == "country-pair":
        assert found["KR-US", 2023] == (3, 2)  # worked out by hand (module docstring)
