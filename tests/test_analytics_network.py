"""The agency network as of a day, checked by hand against data/agreements.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopgraph.analytics.network import MEMO, agency_network, links
from coopgraph.errors import UsageError
from coopgraph.filters import Filter
from coopgraph.index import Index


def ties(graph) -> set[tuple[str, str]]:
    return {tuple(sorted(edge)) for edge in graph.edges}


def test_the_in_place_steps_are_the_filters_own_answer_on_every_day(index: Index) -> None:
    """The stored step function and Filter(as_of=day) keep the same records, day by day."""
    table = links(index)
    day = dt.date(1994, 1, 1)
    while day <= dt.date(2025, 1, 1):
        where = Filter(as_of=day)
        kept = {a.id for a in index.dataset.agreements if where.keeps_agreement(index, a)}
        stored = {
            table.agreement_ids[i]
            for i in range(len(table.agreement_ids))
            if table.agreement_in_place(i, day)
        }
        assert stored == kept, day
        held = {e.id for e in index.dataset.events if where.keeps_event(index, e)}
        assert held == {
            table.event_ids[i] for i in range(len(table.event_ids)) if table.event_on(i, day)
        }, day
        day += dt.timedelta(days=5)


def test_the_whole_network_ties_parties_and_acting_units(index: Index) -> None:
    graph = agency_network(index)
    # kriss-nist-quantum-mou-2024: KRISS with NIST acting through its CTL
    assert graph.edges["KRISS", "NIST-CTL"]["agreements"] == ["kriss-nist-quantum-mou-2024"]
    assert graph.edges["KRISS", "NIST"]["agreements"] == [
        "kriss-nist-mou-1994",
        "kriss-nist-quantum-mou-2024",
    ]
    assert graph.edges["AIST", "KRISS"]["agreements"] == [
        "kriss-aist-mou-2024",
        "kriss-aist-metrology-cooperation-2024",
        "kriss-gquat-quantum-cooperation-2024",
    ]
    # AIST and its G-QuAT are one party to the KRISS MOU, NIST and its CTL one to the other
    assert not graph.has_edge("AIST", "G-QuAT")
    assert not graph.has_edge("NIST", "NIST-CTL")
    assert graph.nodes["AIST"]["country"] == "JP"
    # 24 agencies named in agreements, 21 ties (counted by hand in data/agreements.yaml)
    assert graph.number_of_nodes() == 24 and graph.number_of_edges() == 21


def test_unnamed_parties_are_no_agencies(index: Index) -> None:
    graph = agency_network(index)
    # kiat-uk-matching-fund-programme-2017: KIAT and "UK" unnamed; the AI working group:
    # both sides unnamed. Neither gives a tie, and no node stands for a country.
    assert list(graph["KIAT"]) == ["NIST"]
    assert not {"GB", "KR", "US"} & set(graph)
    assert all(graph.nodes[n]["country"] for n in graph)


def test_proposed_and_planned_agreements_tie_only_without_a_day(index: Index) -> None:
    # msit-nsf: planned (2023-12-09 and 2024-01-22); kstar and the quantum workshop: proposed
    assert agency_network(index).has_edge("MSIT", "NSF")
    assert not agency_network(index, as_of="2024-08-02").has_edge("MSIT", "NSF")
    assert not agency_network(index, as_of="2024-08-02").has_edge("DOE", "MSIT")


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        # KRISS-AIST MOU "signed 2024-01" counts from 31 January; AIST-NIST is undated and
        # known from the Edaily article of 2 August 2024
        (
            "2024-01-01",
            {("KRISS", "NIST"), ("KIAT", "NIST")},
            {("AIST", "KRISS"), ("AIST", "NIST")},
        ),
        ("2024-01-31", {("AIST", "KRISS"), ("G-QuAT", "KRISS")}, {("AIST", "NIST")}),
        ("2024-08-02", {("AIST", "KRISS"), ("AIST", "NIST")}, {("KRISS", "NMIJ")}),
        # the 1994 MOU alone, dated "1994-09": counts from 30 September 1994
        ("1994-09-30", {("KRISS", "NIST")}, {("KATS", "NIST")}),
    ],
    ids=["2024-01-01", "2024-01-31", "2024-08-02", "1994-09-30"],
)
def test_the_network_as_of_a_day(
    index: Index, day: str, present: set[tuple[str, str]], absent: set[tuple[str, str]]
) -> None:
    found = ties(agency_network(index, as_of=day))
    assert present <= found
    assert not absent & found


def test_as_of_the_first_day_holds_one_tie(index: Index) -> None:
    graph = agency_network(index, as_of="1994-09-30")
    assert ties(graph) == {("KRISS", "NIST")}


def test_events_add_ties_between_those_who_met(index: Index) -> None:
    without = agency_network(index)
    with_events = agency_network(index, events=True)
    assert not without.has_edge("MSIT", "OSTP")
    # msit-ostp-meeting-2024-01-23 and the January visit; the CET dialogue round
    assert "msit-ostp-meeting-2024-01-23" in with_events.edges["MSIT", "OSTP"]["events"]
    assert with_events.edges["MSIT", "OSTP"]["agreements"] == []
    # planned events tie nobody: the 2024 AI events have only an unnamed Korean organiser
    assert set(ties(without)) <= set(ties(with_events))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1990", "--as-of 1990 is before the first dated record"),
        ("1994-08", "--as-of 1994-08 is before the first dated record"),
        ("2025-01", "--as-of 2025-01 is after the last dated record"),
        ("2024-13", "--as-of: month 13"),
    ],
    ids=["1990", "1994-08", "2025-01", "bad-month"],
)
def test_as_of_outside_the_data_is_refused_with_the_range(
    index: Index, value: str, message: str
) -> None:
    with pytest.raises(UsageError) as error:
        agency_network(index, as_of=value)
    assert message in str(error.value)
    if "dated record" in message:
        assert "from 1994-09-30 to 2024-08-02" in str(error.value)


def test_a_year_overlapping_the_data_is_taken_at_its_last_day(index: Index) -> None:
    """ "2024" overlaps the data (up to 2024-08-02): the network on 31 December, which is
    the one of 2 August; a day after the last record is refused."""
    assert ties(agency_network(index, as_of="2024")) == ties(
        agency_network(index, as_of="2024-08-02")
    )
    with pytest.raises(UsageError, match="after the last dated record"):
        agency_network(index, as_of="2024-12-31")


def test_parts_nest_at_most_three_deep(index: Index) -> None:
    """The named SPARQL queries follow org:subOrganizationOf three levels down."""
    assert max(len(parents) for parents in links(index).ancestors.values()) <= 3


def test_the_table_is_kept_in_the_store(tmp_path: Path) -> None:
    from coopgraph.store import open_index

    first = open_index(None)
    agency_network(first)
    stored = list(Path(first._memo_dir).glob(f"{MEMO}*.pickle"))  # type: ignore[attr-defined]
    assert {p.name for p in stored} == {f"{MEMO}.pickle", f"{MEMO}-edges.pickle"}
    again = open_index(None)
    assert ties(agency_network(again)) == ties(agency_network(first))
    assert "dataset" not in vars(again)  # answered from the kept table: no record was read
