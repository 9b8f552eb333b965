"""The independent audit of the data against the seeds (issue 11), one check per finding.

Each expectation is read off the seed articles and the reference notes, quoted in the test
where it decides the answer; none is computed by coopgraph.
"""

from __future__ import annotations

import csv
import io

import pytest

from coopgraph.errors import NotFoundError
from coopgraph.index import Index
from coopgraph.partners import partners
from coopgraph.resolve import Resolver


def test_the_arpa_e_workshop_was_discussed_at_the_16_january_meeting(index: Index) -> None:
    """Seed 002: "이달 16일 면담에서 논의한 양 기관간 공동 워크숍"."""
    workshop = index.agreements["msit-arpae-joint-workshop-2024"]
    assert workshop.event == "msit-arpae-meeting-2024-01-16"
    assert str(workshop.date) == str(index.events[workshop.event].date) == "2024-01-16"


def test_the_stanford_roundtable_names_only_japan(index: Index) -> None:
    """Seed 004 names only Kishida's proposal there, no US or Korean participant."""
    roundtable = index.events["kr-us-jp-tech-roundtable-2023"]
    assert [(p.country, p.agency) for p in roundtable.participants] == [("JP", None)]


def test_the_qis_workshop_is_an_exchange_to_be_explored(index: Index) -> None:
    """Seed 002: "공동 워크숍 개최 등 정보교류 방법을 탐색하기로 했다" (to explore ways)."""
    plan = index.agreements["kr-us-quantum-workshop-plan"]
    assert plan.status == "proposed"
    assert "explored" in plan.title["en"] and "탐색" in plan.title["ko"]


def test_the_us_co_chair_is_the_office_the_seed_names(index: Index) -> None:
    """Seed 003 names Jake Sullivan, 미 백악관 국가안보보좌관, not a National Security Council."""
    assert "NSC" not in index.agencies
    office = index.agencies["WH-NSA"]
    assert office.name("ko") == "백악관 국가안보보좌관"
    assert [p.agency for p in office.part_of] == ["WH"]
    assert index.agreements["kr-us-cet-dialogue"].agency_ids() == ["NSO", "WH-NSA"]


@pytest.mark.parametrize("agreement_id", ["aist-nist-cooperation", "kriss-nist-mou-1994"])
def test_no_field_the_source_does_not_name(index: Index, agreement_id: str) -> None:
    assert index.agreements[agreement_id].fields == []


def test_every_citation_can_be_checked(index: Index) -> None:
    """No citation points at a non-public brief: the quote is in something a reader can
    open, the source itself or the note it was taken from (``via``).

    The NIST press releases of 1994 and 2000 have no address, so they are cited through the
    reference note that reports them.
    """
    assert "project-brief" not in index.sources

    def opens(source_id: str) -> bool:
        return bool(index.sources[source_id].url or index.sources[source_id].file)

    unchecked = [
        (record.id, citation.source)
        for group in (index.dataset.agencies, index.dataset.agreements, index.dataset.events)
        for record in group
        for citation in [
            *record.sources,
            *(c for h in getattr(record, "history", []) for c in h.sources),
        ]
        if not opens(citation.via or citation.source)
    ]
    assert unchecked == []
    assert not opens("nist-1994-09") and opens("ref-facts")


def test_every_membership_is_cited_by_a_public_source(index: Index) -> None:
    for agency in index.dataset.agencies:
        if agency.part_of:
            cited = {c.source for c in agency.citations_for("part_of")}
            assert cited, agency.id
            assert all(index.sources[s].url or index.sources[s].file for s in cited), agency.id


def test_kait_is_not_kiat(index: Index) -> None:
    """The headline's "KAIT" is a typo, and another body's acronym (한국정보통신진흥협회)."""
    with pytest.raises(NotFoundError):
        partners(index, "KAIT")
    assert "KAIT" not in [n.text for n in index.agencies["KIAT"].names]


def test_a_description_is_not_a_name(index: Index) -> None:
    """Seed 004 calls NMIJ 일본 국가측정표준대표기관: Japan's national metrology institute."""
    with pytest.raises(NotFoundError):
        Resolver(index).agency("국가측정표준대표기관")


def test_mous_signed_later_were_announced_at_the_dialogue_not_agreed_there(index: Index) -> None:
    for agreement_id in ("kats-nist-mou-2024", "kriss-nist-quantum-mou-2024"):
        agreement = index.agreements[agreement_id]
        assert agreement.event is None
        assert [(c.status, str(c.date), c.event) for c in agreement.history] == [
            ("planned", "2023-12-09", "kr-us-cet-dialogue-2023")
        ]


def test_planned_meetings_are_planned_events(index: Index) -> None:
    """Seed 003: the trilateral meeting and the three AI events of 2024 ("내년")."""
    assert "kr-us-in-trilateral-dialogue" not in index.agreements
    planned = {e.id: (e.status, str(e.date)) for e in index.dataset.events if e.status}
    assert planned == {
        "kr-us-in-trilateral-dialogue": ("planned", "2024"),
        "mini-ai-virtual-summit-2024": ("planned", "2024"),
        "ai-global-forum-2024": ("planned", "2024"),
        "reaim-2024": ("planned", "2024"),
    }
    india = index.events["kr-us-in-trilateral-dialogue"]
    assert sorted(p.country for p in india.participants) == ["IN", "KR", "US"]


def test_omissions_are_in_the_data(index: Index) -> None:
    loi = index.agreements["kiat-nist-loi-2022"]
    assert "국제공동R&D 과제발굴 및 공동 지원" in [item["ko"] for item in loi.scope]
    assert "accelerators" in index.events["msit-doe-meeting-2024-01-22"].fields  # the EIC
    dialogue = index.agreements["kr-us-cet-dialogue"]
    assert {"ict-infrastructure", "telecom-standards"} <= set(dialogue.fields)
    for office in ("OSTP", "OPPR"):
        assert [p.agency for p in index.agencies[office].part_of] == ["WH"]
    assert index.agencies["NST"].ror == "058rymf81"
    g_quat = "量子・AI融合技術ビジネス開発グローバル研究センター"
    assert index.agencies["G-QuAT"].name("ja") == g_quat


def test_event_listings_show_which_events_are_only_planned(run) -> None:
    outcome = run("events", "--type", "summit", "--format", "csv")
    rows = {row["id"]: row["status"] for row in csv.DictReader(io.StringIO(outcome.out))}
    assert rows == {
        "kr-us-summit-2023-04": "",  # reported as held; no status recorded
        "camp-david-summit-2023": "",
        "mini-ai-virtual-summit-2024": "planned",
    }
