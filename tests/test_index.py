"""The lookups every query asks, on the bundled data, with answers read off the YAML by hand.

Lists are in the data's own order (records as written), which is part of the contract:
the store answers the same interface and must give the same order.
"""

from __future__ import annotations

import datetime as dt

import pytest

from builders import agency, agreement, dataset_dict
from coopgraph.dates import PartialDate
from coopgraph.filters import Filter
from coopgraph.index import Index, as_index, name_keys
from coopgraph.models import validate_dataset


def ids(records) -> list[str]:
    return [r.id for r in records]


def test_records_by_id(index: Index) -> None:
    assert (len(index.agencies), len(index.agreements), len(index.events)) == (
        35,
        26,
        20,
    )
    assert (len(index.fields), len(index.sources)) == (45, 25)
    assert index.agencies["KRISS"].country == "KR"
    assert index.sources["edaily-2024-08-02"].published == PartialDate(2024, 8, 2)


@pytest.mark.parametrize(
    ("agency_id", "expected"),
    [
        # a unit acting for a party counts for the unit and for the party
        (
            "AIST",
            [
                "kriss-aist-mou-2024",
                "kriss-aist-metrology-cooperation-2024",
                "kriss-gquat-quantum-cooperation-2024",
                "aist-nist-cooperation",
            ],
        ),
        ("NMIJ", ["kriss-aist-metrology-cooperation-2024"]),
        ("G-QuAT", ["kriss-aist-mou-2024", "kriss-gquat-quantum-cooperation-2024"]),
        ("NIST-CTL", ["kriss-nist-quantum-mou-2024"]),
        (
            "NIST",
            [
                "kiat-nist-loi-2022",
                "kats-nist-mou-2024",
                "nist-kats-mou-2000",
                "kriss-nist-mou-1994",
                "kriss-nist-quantum-mou-2024",
                "aist-nist-cooperation",
            ],
        ),
        (
            "MSIT",
            [
                "msit-nsf-bio-rd-2024",
                "kstar-fusion-programme-proposal",
                "kr-us-quantum-workshop-plan",
                "msit-arpae-joint-workshop-2024",
                "arpae-msit-staff-exchange",
                "msit-nsf-research-exchange-2024",
            ],
        ),
        ("NSO", ["kr-us-cet-dialogue"]),
        ("BEIS", []),
    ],
    ids=["AIST", "NMIJ", "G-QuAT", "NIST-CTL", "NIST", "MSIT", "NSO", "BEIS"],
)
def test_agreements_of_an_agency(index: Index, agency_id: str, expected: list[str]) -> None:
    assert ids(index.agreements_of.get(agency_id, [])) == expected
    assert index.agreement_count(agency_id) == len(expected)


@pytest.mark.parametrize(
    ("agency_id", "expected"),
    [
        # organiser of three 2017 events, participant in the 2023 dialogue
        (
            "MOTIE",
            [
                "kr-uk-tech-outlook-conference-2017",
                "uk-investor-roundtable-2017",
                "ktag-meeting-2017",
                "kr-us-cet-dialogue-2023",
            ],
        ),
        (
            "KIAT",
            [
                "kr-uk-tech-outlook-conference-2017",
                "ktag-meeting-2017",
                "kr-us-industrial-tech-forum-2022",
            ],
        ),
        ("NMIJ", ["kr-jp-nmi-heads-meeting-2024"]),
        ("AIST", ["kr-jp-nmi-heads-meeting-2024", "kr-jp-quantum-workshop-2024"]),
        ("WH-NSA", ["kr-us-cet-dialogue-2023"]),
    ],
    ids=["MOTIE", "KIAT", "NMIJ", "AIST", "WH-NSA"],
)
def test_events_of_an_agency(index: Index, agency_id: str, expected: list[str]) -> None:
    assert ids(index.events_of[agency_id]) == expected


def test_an_agency_both_organiser_and_participant_counts_once() -> None:
    data = dataset_dict([agency("A"), agency("B")])
    data["events"] = [
        {
            "id": "e1",
            "type": "meeting",
            "title": {"en": "e1"},
            "organisers": ["A"],
            "participants": ["A", "B"],
            "sources": [{"source": "s1", "quote": "q"}],
        }
    ]
    index = Index(validate_dataset(data))
    assert ids(index.events_of["A"]) == ["e1"]
    assert ids(index.events_of["B"]) == ["e1"]


def test_an_agency_named_as_party_and_unit_counts_once() -> None:
    data = dataset_dict(
        [agency("A"), agency("B"), agency("U", part_of=["A"])],
        [agreement("x", {"agency": "A", "unit": "U"}, "B")],
    )
    index = Index(validate_dataset(data))
    assert {k: ids(v) for k, v in index.agreements_of.items()} == {
        "A": ["x"],
        "U": ["x"],
        "B": ["x"],
    }


def test_agreements_made_or_announced_at_an_event(index: Index) -> None:
    # the KATS-NIST and KRISS-NIST MOUs were announced there (planned), signed later
    assert ids(index.agreements_at["kr-us-cet-dialogue-2023"]) == [
        "kr-us-cet-dialogue",
        "semiconductor-rd-collaboration-2023",
        "msit-nsf-bio-rd-2024",
        "mohw-nih-biomedical-cooperation",
        "kr-us-pharma-supply-chain-channel",
        "snl-kesco-ess-safety-mou",
        "next-generation-battery-research",
        "kats-nist-mou-2024",
        "kr-us-ai-working-group",
        "kriss-nist-quantum-mou-2024",
    ]
    assert "kr-us-summit-2023-04" not in index.agreements_at


@pytest.mark.parametrize(
    ("agency_id", "expected"),
    [
        ("DOC", ["NIST", "NIST-CTL"]),  # nearest first
        ("DOE", ["ARPA-E", "PNNL", "SNL"]),
        # KESCO: no public source at hand places it under MOTIE
        ("MOTIE", ["KIAT", "KEIT", "KETEP", "KATS"]),
        ("WH", ["OSTP", "OPPR", "WH-NSA"]),
        ("AIST", ["NMIJ", "G-QuAT"]),
        ("NIST-CTL", []),
    ],
    ids=["DOC", "DOE", "MOTIE", "WH", "AIST", "leaf"],
)
def test_subunits(index: Index, agency_id: str, expected: list[str]) -> None:
    assert index.subunits(agency_id) == expected


def test_subunits_of_a_unit_in_two_parents_are_listed_once() -> None:
    data = dataset_dict(
        [
            agency("TOP"),
            agency("L", part_of=["TOP"]),
            agency("R", part_of=["TOP"]),
            agency("SHARED", part_of=["L", "R"]),
        ]
    )
    assert Index(validate_dataset(data)).subunits("TOP") == ["L", "R", "SHARED"]


def test_fields_and_narrower(index: Index) -> None:
    assert index.field_and_narrower(["quantum"]) == {
        "quantum",
        "quantum-computing",
        "quantum-information-science",
        "quantum-metrology",
    }
    # two levels down: energy > batteries > ess
    assert index.field_and_narrower(["energy", "fusion"]) == {
        "energy",
        "microgrids",
        "batteries",
        "ess",
        "ess-safety",
        "next-generation-batteries",
        "fusion",
    }
    assert index.narrower["reference-materials"] == ["gas-reference-materials"]
    assert index.field_and_narrower([]) == set()


def test_agreements_in_fields_and_countries(index: Index) -> None:
    assert ids(index.agreements_in_fields({"ess", "fusion"})) == [
        "pnnl-rist-ess-partnership",
        "kstar-fusion-programme-proposal",
    ]
    assert ids(index.agreements_in_countries(frozenset({"GB", "IN"}))) == [
        "kiat-uk-matching-fund-programme-2017",
    ]


def test_candidates_narrow_but_never_lose_an_answer(index: Index) -> None:
    by_party = Filter.create(index, parties=["NIST", "NMIJ"])
    assert ids(index.candidate_agreements(by_party)) == ["kriss-aist-metrology-cooperation-2024"]
    # the least-connected party's events: NMIJ's one, not MOTIE's four
    events_by_party = Filter.create(index, parties=["MOTIE", "NMIJ"])
    assert ids(index.candidate_events(events_by_party)) == ["kr-jp-nmi-heads-meeting-2024"]
    by_field = Filter.create(index, fields=["ess"])
    assert ids(index.candidate_agreements(by_field)) == ["pnnl-rist-ess-partnership"]
    by_country = Filter.create(index, countries=["IN"])
    assert ids(index.candidate_agreements(by_country)) == []
    assert len(list(index.candidate_agreements(Filter()))) == 26
    assert len(list(index.candidate_events(Filter()))) == 20


def test_records_citing_a_source_directly_or_via_another(index: Index) -> None:
    assert [(kind, record.id) for kind, record in index.citing("nist-1994-09")] == [
        ("agreement", "kriss-nist-mou-1994")
    ]
    # NIST-CTL quotes GovCon Exec through the reference note ref-facts
    assert ("agency", "NIST-CTL") in [(k, r.id) for k, r in index.citing("ref-facts")]
    assert index.citing("no-such-source") == []


def test_event_parts(index: Index) -> None:
    assert ids(index.event_parts("kr-uk-tech-outlook-conference-2017")) == ["ktag-meeting-2017"]
    assert ids(index.event_parts("kr-jp-quantum-workshop-2024")) == []


def test_reported_on_is_the_latest_publication(index: Index) -> None:
    # kriss-2024-01-31, govconexec-2024-01, ref-facts (undated) and edaily-2024-08-02
    quantum = index.agreements["kriss-nist-quantum-mou-2024"]
    assert index.reported_on(quantum) == PartialDate(2024, 8, 2)
    # kats-2024-06-press and news1-5462001 carry no date: fnnews-2023-12-09 is the latest
    assert index.reported_on(index.agreements["kats-nist-mou-2024"]) == PartialDate(2023, 12, 9)


def test_reported_on_compares_by_the_last_day_a_date_may_mean() -> None:
    data = dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B")])
    data["sources"] = [
        {
            "id": "s1",
            "kind": "news",
            "title": "A",
            "language": "en",
            "published": "2024-05",
        },
        {
            "id": "s2",
            "kind": "news",
            "title": "B",
            "language": "en",
            "published": "2024-05-20",
        },
    ]
    data["agreements"][0]["sources"] = [
        {"source": "s1", "quote": "q"},
        {"source": "s2", "quote": "q"},
    ]
    index = Index(validate_dataset(data))
    assert index.reported_on(index.agreements["x"]) == PartialDate(2024, 5)


def test_reported_on_without_dated_sources_is_none() -> None:
    data = dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B")])
    index = Index(validate_dataset(data))
    assert index.reported_on(index.agreements["x"]) is None
    assert index.status_on(index.agreements["x"], dt.date(9999, 12, 31)) is None


@pytest.mark.parametrize(
    ("agreement_id", "day", "status"),
    [
        ("pnnl-rist-ess-partnership", dt.date(2023, 12, 8), None),  # not yet reported
        (
            "pnnl-rist-ess-partnership",
            dt.date(2023, 12, 9),
            "active",
        ),  # reported that day
        ("kats-nist-mou-2024", dt.date(2023, 12, 8), None),
        (
            "kats-nist-mou-2024",
            dt.date(2023, 12, 9),
            "planned",
        ),  # history, not the reports
        ("kats-nist-mou-2024", dt.date(2024, 6, 27), "signed"),
        ("kriss-aist-mou-2024", dt.date(2024, 1, 30), None),  # "January 2024"
        ("kriss-aist-mou-2024", dt.date(2024, 1, 31), "signed"),
    ],
    ids=[
        "undated-before",
        "undated-on",
        "before-history",
        "history",
        "signed",
        "month-before",
        "month-end",
    ],
)
def test_status_on(index: Index, agreement_id: str, day: dt.date, status: str | None) -> None:
    assert index.status_on(index.agreements[agreement_id], day) == status


def test_name_keys_per_kind(index: Index) -> None:
    assert name_keys(index.agencies["G-QuAT"]) == [
        "G-QuAT",
        "G-QuAT",
        "量子・AI融合技術ビジネス開発グローバル研究センター",
        "G-QuAT",
    ]
    assert name_keys(index.fields["ess"]) == [
        "ess",
        "energy storage systems",
        "에너지 저장 시스템(ESS)",
    ]
    assert name_keys(index.events["msit-nsf-meeting-2024-01-22"])[:2] == [
        "msit-nsf-meeting-2024-01-22",
        "MSIT-NSF meeting",
    ]
    assert name_keys(index.sources["nist-1994-09"]) == ["nist-1994-09"]  # no title


def test_agency_and_record_keys(index: Index) -> None:
    assert index.agency_keys["표준연"] == {"KRISS"}
    # the headline's "KAIT" is a typo for KIAT and another body's acronym: no name of KIAT
    assert "kait" not in index.agency_keys
    assert index.record_keys["firstkrissnistmou"] == {("agreement", "kriss-nist-mou-1994")}
    assert index.record_keys["ess"] == {("field", "ess")}
    assert "nist" not in index.record_keys  # agencies are kept apart


def test_as_index_accepts_a_dataset_or_an_index(index: Index) -> None:
    assert as_index(index) is index
    assert as_index(index.dataset).agreements.keys() == index.agreements.keys()


def test_memoized_computes_once(index: Index) -> None:
    fresh = Index(index.dataset)
    calls: list[int] = []
    assert fresh.memoized("n", lambda: calls.append(1) or 42) == 42
    assert fresh.memoized("n", lambda: calls.append(1) or 43) == 42
    assert calls == [1] and fresh.memos() == {"n": 42}


def test_a_dated_agreement_is_not_in_place_before_its_date_whenever_it_was_reported() -> None:
    """A source may announce a signing ahead of its date: the date decides, not the report."""
    data = dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B", date="2024-06")])
    data["sources"][0]["published"] = "2024-01-10"
    index = Index(validate_dataset(data))
    assert index.status_on(index.agreements["x"], dt.date(2024, 3, 1)) is None
    assert index.status_on(index.agreements["x"], dt.date(2024, 6, 30)) == "signed"
