"""Every filter on the bundled data: what it keeps, what it leaves out, in listing order.

The expected lists are worked out by hand from ``data/agreements.yaml`` (each agreement's
type, status, date, parties and fields as the seed articles state them), never computed
by coopgraph. Listings are oldest first by the first day a date may mean, ties by id,
undated records last; so each expectation is an exact, ordered list, and a filter that
lets too much through fails as surely as one that keeps too little.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coopgraph.errors import NotFoundError, UsageError
from coopgraph.filters import Filter, parse_day
from coopgraph.index import Index
from coopgraph.queries import agreements, events

ALL_EVENTS = [
    "ktag-meeting-2017",  # 2017-04
    "uk-investor-roundtable-2017",  # 2017-04-11
    "kr-uk-tech-outlook-conference-2017",  # 2017-04-12
    "kr-us-industrial-tech-forum-2022",  # 2022-12-08
    "kr-us-summit-2023-04",  # 2023-04
    "camp-david-summit-2023",  # 2023-08
    "kr-us-jp-tech-roundtable-2023",  # 2023-11
    "kr-us-cet-dialogue-2023",  # 2023-12-08/2023-12-09
    # planned at the dialogue for "next year" (2024): ties on 2024-01-01, by id
    "ai-global-forum-2024",
    "kr-us-in-trilateral-dialogue",
    "mini-ai-virtual-summit-2024",
    "reaim-2024",
    "msit-arpae-meeting-2024-01-16",
    "msit-arpae-meeting-2024-01-22",
    "msit-doe-meeting-2024-01-22",
    "msit-nsf-meeting-2024-01-22",
    "msit-us-visit-2024-01",  # 2024-01-22/2024-01-23
    "msit-ostp-meeting-2024-01-23",
    "kr-jp-nmi-heads-meeting-2024",  # 2024-07-30/2024-07-31
    "kr-jp-quantum-workshop-2024",  # 2024-08-01
]


def agreement_ids(index: Index, **options: object) -> list[str]:
    return [row.id for row in agreements(index, where=Filter.create(index, **options)).agreements]


def event_ids(index: Index, **options: object) -> list[str]:
    return [row.id for row in events(index, where=Filter.create(index, **options)).events]


# --- agreements ----------------------------------------------------------------------------

#: About batteries or a narrower field (ess, ess-safety, next-generation batteries).
BATTERIES = [
    "kr-us-cet-dialogue",
    "next-generation-battery-research",
    "snl-kesco-ess-safety-mou",
    "pnnl-rist-ess-partnership",
]

AGREEMENT_CASES = {
    # --country: every country asked for has a party (named, or unnamed with its country)
    "country-JP": (
        {"countries": ["JP"]},
        [
            "kr-us-jp-quantum-cooperation-proposal",  # 2023-11, an unnamed Japanese side
            "kriss-aist-mou-2024",  # 2024-01
            "kriss-aist-metrology-cooperation-2024",  # 2024-07-30/31
            "kriss-gquat-quantum-cooperation-2024",  # 2024-08-01
            "aist-nist-cooperation",  # undated
        ],
    ),
    "country-jp-lower-case": (
        {"countries": ["jp", "us"]},
        ["kr-us-jp-quantum-cooperation-proposal", "aist-nist-cooperation"],
    ),
    "country-GB-unnamed": ({"countries": ["GB"]}, ["kiat-uk-matching-fund-programme-2017"]),
    # the only Indian side is in the planned trilateral meeting: an event, not an agreement
    "country-IN": ({"countries": ["IN"]}, []),
    # --until: the date's first day on or before the bound's last day; undated left out
    "until-2000": ({"until": "2000"}, ["kriss-nist-mou-1994", "nist-kats-mou-2000"]),
    "until-2000-05": ({"until": "2000-05"}, ["kriss-nist-mou-1994", "nist-kats-mou-2000"]),
    "until-2000-04": ({"until": "2000-04"}, ["kriss-nist-mou-1994"]),
    # --since: the date's last day on or after the bound's first day
    "since-2024-06-27": (
        {"since": "2024-06-27"},
        [
            "kats-nist-mou-2024",
            "kriss-aist-metrology-cooperation-2024",
            "kriss-gquat-quantum-cooperation-2024",
        ],
    ),
    "since-2024-06-28": (
        {"since": "2024-06-28"},
        ["kriss-aist-metrology-cooperation-2024", "kriss-gquat-quantum-cooperation-2024"],
    ),
    # a window: "January 2024" overlaps 16-22 January, the 29th does not
    "since-until-window": (
        {"since": "2024-01-16", "until": "2024-01-22"},
        [
            "kriss-aist-mou-2024",
            "msit-arpae-joint-workshop-2024",
            "arpae-msit-staff-exchange",
            "kr-us-quantum-workshop-plan",
            "kstar-fusion-programme-proposal",
            "msit-nsf-research-exchange-2024",
        ],
    ),
    # --status: the agreement's latest status
    "status-proposed": (
        {"statuses": ["proposed"]},
        [
            "kr-us-jp-quantum-cooperation-proposal",
            "arpae-msit-staff-exchange",
            "kr-us-quantum-workshop-plan",  # ways of exchanging information, to be explored
            "kstar-fusion-programme-proposal",
        ],
    ),
    "status-active": (
        {"statuses": ["active"]},
        [
            "kr-us-cet-dialogue",
            "aist-nist-cooperation",
            "motie-doc-supply-chain-industry-dialogue",
            "pnnl-rist-ess-partnership",
        ],
    ),
    "status-ended": ({"statuses": ["ended"]}, []),
    # --type
    "type-mou": (
        {"types": ["mou"]},
        [
            "kriss-nist-mou-1994",
            "nist-kats-mou-2000",
            "snl-kesco-ess-safety-mou",
            "kriss-aist-mou-2024",
            "kriss-nist-quantum-mou-2024",
            "kats-nist-mou-2024",
        ],
    ),
    "type-loi-or-partnership": (
        {"types": ["loi", "partnership"]},
        ["kiat-nist-loi-2022", "aist-nist-cooperation", "pnnl-rist-ess-partnership"],
    ),
    # --field: the field and every narrower one (ess-safety is under batteries, not ess)
    "field-ess": ({"fields": ["ess"]}, ["pnnl-rist-ess-partnership"]),
    "field-batteries": (
        {"fields": ["batteries"]},
        BATTERIES,
    ),
    "field-by-korean-label": (
        {"fields": ["배터리·이차전지"]},
        BATTERIES,
    ),
    # --party: every agency asked for takes part, as a party or as the unit acting for one
    "party-KRISS-and-AIST": (
        {"parties": ["KRISS", "AIST"]},
        [
            "kriss-aist-mou-2024",
            "kriss-aist-metrology-cooperation-2024",
            "kriss-gquat-quantum-cooperation-2024",
        ],
    ),
    "party-unit-NMIJ": ({"parties": ["NMIJ"]}, ["kriss-aist-metrology-cooperation-2024"]),
    "party-korean-name": (
        {"parties": ["표준연", "NIST"]},
        ["kriss-nist-mou-1994", "kriss-nist-quantum-mou-2024"],
    ),
    # --event-type is about events: agreements are not narrowed by it
    "event-type-does-not-apply": ({"event_types": ["summit"]}, None),
    # filters combine: every one must hold
    "field-and-country-and-since": (
        {"fields": ["quantum"], "countries": ["JP"], "since": "2024-02"},
        ["kriss-gquat-quantum-cooperation-2024"],
    ),
}


@pytest.mark.parametrize(("options", "expected"), AGREEMENT_CASES.values(), ids=AGREEMENT_CASES)
def test_agreement_filters(index: Index, options: dict, expected: list[str] | None) -> None:
    everything = [a.id for a in index.dataset.agreements]
    found = agreement_ids(index, **options)
    if expected is None:
        assert sorted(found) == sorted(everything) and len(found) == 26
    else:
        assert found == expected


# --as-of: in place (signed or active) by that day; a date known to the month counts from
# its last day, an undated agreement from the day its sources reported it.
#: In place long before the 2023 dialogue: the 1994, 2000 and 2022 agreements.
EARLY = ["kriss-nist-mou-1994", "nist-kats-mou-2000", "kiat-nist-loi-2022"]
#: Undated, active since fnnews reported them on 2023-12-09 (undated ones list last).
REPORTED_2023_12_09 = ["motie-doc-supply-chain-industry-dialogue", "pnnl-rist-ess-partnership"]
#: Signed in January 2024: "2024-01" and "2024-01-29".
JANUARY_2024 = ["kriss-aist-mou-2024", "kriss-nist-quantum-mou-2024"]

AS_OF = {
    "2023-12-08": EARLY,
    # the dialogue was held on the 8th and 9th; the undated dialogue and partnership were
    # reported on the 9th
    "2023-12-09": [*EARLY, "kr-us-cet-dialogue", *REPORTED_2023_12_09],
    # "January 2024" is not certain by the 15th; the quantum MOU was only planned then
    "2024-01-15": [*EARLY, "kr-us-cet-dialogue", *REPORTED_2023_12_09],
    "2024-01": [*EARLY, "kr-us-cet-dialogue", *JANUARY_2024, *REPORTED_2023_12_09],
    # AIST-NIST cooperation is undated, first reported on 2024-08-02
    "2024-08-01": [
        *EARLY,
        "kr-us-cet-dialogue",
        *JANUARY_2024,
        "kats-nist-mou-2024",
        *REPORTED_2023_12_09,
    ],
    "2024-08-02": [
        *EARLY,
        "kr-us-cet-dialogue",
        *JANUARY_2024,
        "kats-nist-mou-2024",
        "aist-nist-cooperation",
        *REPORTED_2023_12_09,
    ],
}


@pytest.mark.parametrize(("day", "expected"), AS_OF.items(), ids=AS_OF)
def test_as_of_keeps_what_was_in_place(index: Index, day: str, expected: list[str]) -> None:
    assert agreement_ids(index, as_of=day) == expected


def test_as_of_never_keeps_planned_or_proposed_agreements(index: Index) -> None:
    kept = set(agreement_ids(index, as_of="9999"))
    statuses = {index.agreements[i].status for i in kept}
    assert statuses == {"signed", "active"}
    assert "snl-kesco-ess-safety-mou" not in kept  # planned on 2023-12-09, never signed
    assert "kstar-fusion-programme-proposal" not in kept  # proposed


# --- events --------------------------------------------------------------------------------

EVENT_CASES = {
    "no-filter": ({}, ALL_EVENTS),
    "event-type-summit": (
        {"event_types": ["summit"]},
        ["kr-us-summit-2023-04", "camp-david-summit-2023", "mini-ai-virtual-summit-2024"],
    ),
    "event-type-meeting": (
        {"event_types": ["meeting"]},
        [
            "ktag-meeting-2017",
            "reaim-2024",  # 2024, planned
            "msit-arpae-meeting-2024-01-16",
            "msit-arpae-meeting-2024-01-22",
            "msit-doe-meeting-2024-01-22",
            "msit-nsf-meeting-2024-01-22",
            "msit-us-visit-2024-01",
            "msit-ostp-meeting-2024-01-23",
            "kr-jp-nmi-heads-meeting-2024",
        ],
    ),
    # agreement types and statuses are not about events: all of them stay
    "agreement-type-does-not-apply": ({"types": ["mou"]}, ALL_EVENTS),
    "status-does-not-apply": ({"statuses": ["ended"]}, ALL_EVENTS),
    # an event is "as of" a day once it has begun
    "as-of-2017-04-11": (
        {"as_of": "2017-04-11"},
        ["ktag-meeting-2017", "uk-investor-roundtable-2017"],
    ),
    "country-JP": (
        {"countries": ["JP"]},
        [
            "camp-david-summit-2023",
            "kr-us-jp-tech-roundtable-2023",
            "kr-jp-nmi-heads-meeting-2024",
            "kr-jp-quantum-workshop-2024",
        ],
    ),
    # organisers count as much as participants (the UK side only took part)
    "country-GB": ({"countries": ["GB"]}, ["kr-uk-tech-outlook-conference-2017"]),
    "party-MOTIE": (
        {"parties": ["MOTIE"]},
        [
            "ktag-meeting-2017",
            "uk-investor-roundtable-2017",
            "kr-uk-tech-outlook-conference-2017",
            "kr-us-cet-dialogue-2023",
        ],
    ),
    "field-quantum": (
        {"fields": ["quantum"]},
        [
            "kr-us-jp-tech-roundtable-2023",
            "kr-us-cet-dialogue-2023",
            "msit-doe-meeting-2024-01-22",  # quantum information science
            "msit-us-visit-2024-01",
            "kr-jp-quantum-workshop-2024",
        ],
    ),
    # "2024" may mean any day of 2024, so the four planned 2024 events stay
    "since-2024-07": (
        {"since": "2024-07"},
        [
            "ai-global-forum-2024",
            "kr-us-in-trilateral-dialogue",
            "mini-ai-virtual-summit-2024",
            "reaim-2024",
            "kr-jp-nmi-heads-meeting-2024",
            "kr-jp-quantum-workshop-2024",
        ],
    ),
    "country-IN": ({"countries": ["IN"]}, ["kr-us-in-trilateral-dialogue"]),
    # as of a day, only what took place: planned events are left out, however dated
    "as-of-2024-12-31": (
        {"as_of": "2024-12-31"},
        [
            "ktag-meeting-2017",
            "uk-investor-roundtable-2017",
            "kr-uk-tech-outlook-conference-2017",
            "kr-us-industrial-tech-forum-2022",
            "kr-us-summit-2023-04",
            "camp-david-summit-2023",
            "kr-us-jp-tech-roundtable-2023",
            "kr-us-cet-dialogue-2023",
            "msit-arpae-meeting-2024-01-16",
            "msit-arpae-meeting-2024-01-22",
            "msit-doe-meeting-2024-01-22",
            "msit-nsf-meeting-2024-01-22",
            "msit-us-visit-2024-01",
            "msit-ostp-meeting-2024-01-23",
            "kr-jp-nmi-heads-meeting-2024",
            "kr-jp-quantum-workshop-2024",
        ],
    ),
    "until-2017": (
        {"until": "2017"},
        ["ktag-meeting-2017", "uk-investor-roundtable-2017", "kr-uk-tech-outlook-conference-2017"],
    ),
}


@pytest.mark.parametrize(("options", "expected"), EVENT_CASES.values(), ids=EVENT_CASES)
def test_event_filters(index: Index, options: dict, expected: list[str]) -> None:
    assert event_ids(index, **options) == expected


# --- what a user typed --------------------------------------------------------------------


def test_the_same_day_for_since_and_until_is_a_window_of_one_day(index: Index) -> None:
    assert agreement_ids(index, since="2024-01-16", until="2024-01-16") == [
        "kriss-aist-mou-2024",
        "msit-arpae-joint-workshop-2024",
    ]


def test_until_before_since_is_refused(index: Index) -> None:
    with pytest.raises(UsageError, match=r"^--until 2023-12 is before --since 2024$"):
        Filter.create(index, since="2024", until="2023-12")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"types": ["memo"]}, r"^unknown agreement type 'memo'; did you mean 'mou' or 'moa'\?$"),
        ({"event_types": ["sumit"]}, r"^unknown event type 'sumit'; did you mean 'summit'\?$"),
        ({"statuses": ["signd"]}, r"^unknown status 'signd'; did you mean 'signed'\?$"),
        ({"fields": ["quantun"]}, r"^unknown field 'quantun'; did you mean 'quantum'"),
        ({"parties": ["NIZT"]}, r"^unknown agency 'NIZT'; did you mean 'NIST'"),
        ({"since": "2024-13"}, r"^--since: month 13 is out of range 1-12$"),
        ({"until": "24"}, r"^--until: '24' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD$"),
        ({"as_of": "2024-02-30"}, r"^--as-of: day 30 is out of range for 2024-02$"),
    ],
    ids=["type", "event-type", "status", "field", "party", "since", "until", "as-of"],
)
def test_typos_are_usage_errors_with_suggestions(index: Index, options, message) -> None:
    with pytest.raises(UsageError, match=message):
        Filter.create(index, **options)


def test_a_word_unlike_any_status_lists_them_all(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        Filter.create(index, statuses=["xyz"])
    assert raised.value.suggestions == ["proposed", "planned", "signed", "active", "ended"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024", dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024-03-05", dt.date(2024, 3, 5)),
    ],
    ids=["year", "leap-month", "month", "day"],
)
def test_as_of_means_the_last_day_of_what_was_typed(text: str, day: dt.date) -> None:
    assert parse_day(text, "--as-of") == day


def test_field_filter_is_widened_to_narrower_fields(index: Index) -> None:
    where = Filter.create(index, fields=["measurement-standards"])
    assert where.fields == {
        "measurement-standards",
        "advanced-metrology",
        "time-standards",
        "reference-materials",
        "gas-reference-materials",
        "hydrogen-metering",
        "bio-metrology",
        "environmental-noise",
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        # three suggestions at most, each more than half alike
        ({"fields": ["batteries-x"]}, "did you mean 'batteries' or 'next-generation-batteries'?"),
        ({"statuses": ["planed"]}, "did you mean 'planned'?"),
        ({"event_types": ["conf"]}, "did you mean 'conference'?"),
        ({"types": ["mou-x"]}, "did you mean 'mou' or 'moa'?"),
    ],
    ids=["field", "status", "event-type", "type"],
)
def test_how_many_suggestions_and_how_alike(index: Index, options, message) -> None:
    with pytest.raises(NotFoundError) as raised:
        Filter.create(index, **options)
    assert str(raised.value).endswith(message)


def test_an_unknown_field_unlike_any_gets_no_suggestion(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        Filter.create(index, fields=["zzzz"])
    assert str(raised.value) == "unknown field 'zzzz'"


# --- vocabulary as people type it (issue 12) -------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("LOI", "loi"),  # seed 001: 협력의향서(LOI)
        ("MOU", "mou"),  # seed 003: MOU(양해각서)
        ("Mou", "mou"),
        ("양해각서", "mou"),
        ("letter of intent", "loi"),
        ("Implementing-Arrangement", "implementing-arrangement"),
        ("IA", "implementing-arrangement"),
    ],
    ids=["LOI", "MOU", "Mou", "korean", "label", "code-in-capitals", "initials"],
)
def test_agreement_types_match_as_the_sources_write_them(
    index: Index, typed: str, code: str
) -> None:
    assert Filter.create(index, types=[typed]).types == {code}


def test_statuses_match_in_any_case(index: Index) -> None:
    assert Filter.create(index, statuses=["Signed", "체결"]).statuses == {"signed"}


def test_an_unknown_value_is_answered_with_the_nearest_few(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        Filter.create(index, types=["memorandum"])
    assert set(raised.value.suggestions) == {"mou", "moa"}
    with pytest.raises(NotFoundError) as raised:
        Filter.create(index, statuses=["signd"])
    assert raised.value.suggestions[0] == "signed" and len(raised.value.suggestions) <= 3
