"""Names to records, and ``show`` for every kind of record.

On the bundled data the expectations come from the records as written (names, titles,
labels, which sources each record cites). Exact-id preference and ambiguity need names
shared on purpose, so small datasets are made by hand for them.
"""

from __future__ import annotations

from typing import Any

import pytest

from builders import agency, agreement, dataset_dict
from coopgraph.errors import AmbiguousNameError, NotFoundError
from coopgraph.index import Index
from coopgraph.models import validate_dataset
from coopgraph.resolve import Resolver, normalize
from coopgraph.show import show


def index_of(data: dict[str, Any]) -> Index:
    return Index(validate_dataset(data))


def event(event_id: str, title: str, *participants: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "meeting",
        "title": {"en": title},
        "participants": list(participants),
        "sources": [{"source": "s1", "quote": "q"}],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. National Science Foundation", "usnationalsciencefoundation"),
        ("ＮＩＳＴ", "nist"),  # full-width letters
        ("G-QuAT", "gquat"),
        ("ICT 융합", "ict융합"),
        ("5G·6G 국제표준", "5g6g국제표준"),
        ("Research & Development / (R_D)", "researchdevelopmentrd"),
        ('KRISS’ lab, "quoted"', "krisslabquoted"),
        ("産業技術総合研究所・計量", "産業技術総合研究所計量"),
    ],
    ids=[
        "dots",
        "full-width",
        "hyphen",
        "mixed-script",
        "middle-dot",
        "symbols",
        "quotes",
        "ja",
    ],
)
def test_normalize_ignores_case_spaces_and_punctuation(text: str, expected: str) -> None:
    assert normalize(text) == expected


# --- agencies --------------------------------------------------------------------------------


def test_an_exact_id_wins_over_another_agencys_name() -> None:
    data = dataset_dict(
        [agency("A", names=[{"text": "B", "lang": "en"}]), agency("B", country="GB")],
    )
    resolver = Resolver(index_of(data))
    assert resolver.agency("B").id == "B"
    with pytest.raises(AmbiguousNameError) as raised:
        resolver.agency("b")  # not the id as written: both agencies are called that
    assert raised.value.candidates == ["A (B, US)", "B (B agency, GB)"]
    assert (
        str(raised.value)
        == "'b' could be more than one agency: A (B, US), B (B agency, GB); use the id"
    )


def test_one_agency_per_name(index: Index) -> None:
    resolver = Resolver(index)
    assert resolver.agency("Communications Technology Laboratory").id == "NIST-CTL"
    assert resolver.agency("ctl").id == "NIST-CTL"
    assert resolver.agency("計量標準総合センター").id == "NMIJ"


@pytest.mark.parametrize(
    ("name", "suggestions"),
    [
        ("NIZT", ["NIST"]),  # one letter off
        ("Sandia Lab", ["SNL"]),  # close to the alias "Sandia"
        ("qu", ["G-QuAT"]),  # two letters are enough to look inside names for suggestions
        ("x", []),  # one letter is not
    ],
    ids=["typo", "close", "two-letters", "one-letter"],
)
def test_an_unknown_agency_gets_near_matches(
    index: Index, name: str, suggestions: list[str]
) -> None:
    with pytest.raises(NotFoundError) as raised:
        Resolver(index).agency(name)
    assert (raised.value.kind, raised.value.name, raised.value.suggestions) == (
        "agency",
        name,
        suggestions,
    )


def test_a_part_in_several_names_lists_the_agencies_nearest_first(index: Index) -> None:
    with pytest.raises(AmbiguousNameError) as raised:
        Resolver(index).agency("laboratory")
    assert [c.split()[0] for c in raised.value.candidates] == ["NIST-CTL", "PNNL"]
    with pytest.raises(AmbiguousNameError) as raised:
        Resolver(index).agency("national institute")
    assert [c.split()[0] for c in raised.value.candidates] == ["NIH", "NIST", "AIST"]


def test_candidates_stop_at_five(index: Index) -> None:
    """ "Korea" is in six English names: KATS (Korean), KEIT, KESCO, KETEP, KIAT, KRISS."""
    with pytest.raises(AmbiguousNameError) as raised:
        Resolver(index).agency("Korea")
    assert len(raised.value.candidates) == 6 and raised.value.candidates[-1] == "1 more"


# --- any record --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "record_id"),
    [
        ("NIST", "agency", "NIST"),
        ("kriss-nist-mou-1994", "agreement", "kriss-nist-mou-1994"),
        ("First KRISS-NIST MOU", "agreement", "kriss-nist-mou-1994"),
        ("표준연-AIST 업무협약", "agreement", "kriss-aist-mou-2024"),
        ("MSIT-NSF meeting", "event", "msit-nsf-meeting-2024-01-22"),
        ("양자컴퓨팅", "field", "quantum-computing"),
        ("quantum computing", "field", "quantum-computing"),
        ("ROR registry records (ror-community/ror-records)", "source", "ror-records"),
        ("edaily-2024-08-02", "source", "edaily-2024-08-02"),
    ],
    ids=[
        "agency",
        "agreement-id",
        "agreement-title",
        "ko-title",
        "event-title",
        "ko-label",
        "en-label",
        "source-title",
        "source-id",
    ],
)
def test_any_record_by_id_title_or_label(
    index: Index, name: str, kind: str, record_id: str
) -> None:
    found_kind, record = Resolver(index).any(name)
    assert (found_kind, record.id) == (kind, record_id)


def test_an_agency_is_found_before_any_other_record() -> None:
    data = dataset_dict(
        [agency("A"), agency("B")],
        [agreement("a", "A", "B")],  # normalised, the agreement id equals agency A's id
    )
    resolver = Resolver(index_of(data))
    assert [(kind, record.id) for kind, record in map(resolver.any, ["a", "A"])] == [
        ("agency", "A"),
        ("agency", "A"),
    ]


def test_an_exact_record_id_wins_and_a_shared_name_is_ambiguous() -> None:
    data = dataset_dict(
        [agency("A"), agency("B")],
        [agreement("ab-c", "A", "B", title={"en": "Joint lab"})],
        events=[event("abc", "Joint lab", "A", "B")],
    )
    resolver = Resolver(index_of(data))
    assert resolver.any("ab-c")[1].id == "ab-c" and resolver.any("ab-c")[0] == "agreement"
    assert resolver.any("abc")[0] == "event"
    for name in ("AB C", "joint lab"):
        with pytest.raises(AmbiguousNameError) as raised:
            resolver.any(name)
        assert raised.value.kind == "record"
        assert raised.value.candidates == ["agreement ab-c", "event abc"]


def test_an_unknown_record_gets_each_near_match_once(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        Resolver(index).any("kriss-nist-mou-1995")
    assert raised.value.kind == "name"
    # the id and the title "First KRISS-NIST MOU" are both near: suggested once
    assert raised.value.suggestions == ["kriss-nist-mou-1994", "kriss-aist-mou-2024"]


# --- show ----------------------------------------------------------------------------------------


def related(result) -> list[tuple[str, str, str]]:
    return [(r.relation, r.kind, r.id) for r in result.related]


def test_show_an_agreement(index: Index) -> None:
    result = show(index, "kriss-nist-quantum-mou-2024")
    assert (result.kind, result.id) == ("agreement", "kriss-nist-quantum-mou-2024")
    assert related(result) == [
        # announced as planned at the dialogue, signed on 29 January
        ("announced (planned) at", "event", "kr-us-cet-dialogue-2023"),
        ("about", "field", "quantum-computing"),
        ("about", "field", "quantum-metrology"),
    ]
    # its own four citations, then the one behind its planned status in December 2023
    assert [ref.source for ref in result.sources] == [
        "kriss-2024-01-31",
        "govconexec-2024-01",
        "ref-facts",
        "edaily-2024-08-02",
        "fnnews-2023-12-09",
    ]
    assert result.record["date"] == "2024-01-29" and result.record["status"] == "signed"


def test_show_an_event_with_its_parts(index: Index) -> None:
    result = show(index, "msit-us-visit-2024-01")
    assert related(result) == [
        ("has part", "event", "msit-ostp-meeting-2024-01-23"),
        ("has part", "event", "msit-doe-meeting-2024-01-22"),
        ("has part", "event", "msit-arpae-meeting-2024-01-22"),
        ("has part", "event", "msit-nsf-meeting-2024-01-22"),
    ]
    part = show(index, "msit-doe-meeting-2024-01-22")
    assert related(part) == [
        ("produced", "agreement", "kstar-fusion-programme-proposal"),
        ("produced", "agreement", "kr-us-quantum-workshop-plan"),
        ("part of", "event", "msit-us-visit-2024-01"),
    ]


def test_show_a_field(index: Index) -> None:
    result = show(index, "batteries")
    assert result.kind == "field"
    assert related(result) == [
        ("broader", "field", "energy"),
        ("narrower", "field", "ess"),
        ("narrower", "field", "ess-safety"),
        ("narrower", "field", "next-generation-batteries"),
        ("agreement", "agreement", "kr-us-cet-dialogue"),
        ("agreement", "agreement", "pnnl-rist-ess-partnership"),
        ("agreement", "agreement", "snl-kesco-ess-safety-mou"),
        ("agreement", "agreement", "next-generation-battery-research"),
    ]


def test_show_a_source_lists_what_cites_it(index: Index) -> None:
    result = show(index, "govconexec-2024-01")
    assert result.kind == "source"
    assert related(result) == [
        ("cited by", "agency", "NIST-CTL"),
        ("cited by", "agreement", "kriss-nist-quantum-mou-2024"),
    ]


def test_show_an_agency_with_its_parts_and_links(index: Index) -> None:
    result = show(index, "AIST")
    assert related(result) == [
        ("has part", "agency", "NMIJ"),
        ("has part", "agency", "G-QuAT"),
        ("party to", "agreement", "kriss-aist-mou-2024"),
        ("party to", "agreement", "kriss-aist-metrology-cooperation-2024"),
        ("party to", "agreement", "kriss-gquat-quantum-cooperation-2024"),
        ("party to", "agreement", "aist-nist-cooperation"),
        ("took part in", "event", "kr-jp-nmi-heads-meeting-2024"),
        ("took part in", "event", "kr-jp-quantum-workshop-2024"),
    ]
    unit = show(index, "NMIJ")
    assert related(unit)[0] == ("part of", "agency", "AIST")


def test_an_ambiguous_or_unknown_record_names_what_was_typed(index: Index) -> None:
    data = dataset_dict(
        [agency("A"), agency("B")],
        [agreement("x", "A", "B", title={"en": "Joint lab"})],
        events=[event("y", "Joint lab", "A", "B")],
    )
    with pytest.raises(AmbiguousNameError) as ambiguous:
        Resolver(index_of(data)).any("Joint Lab")
    assert ambiguous.value.name == "Joint Lab"
    assert str(ambiguous.value) == (
        "'Joint Lab' could be more than one record: agreement x, event y; use the id"
    )
    with pytest.raises(NotFoundError) as unknown:
        Resolver(index).any("AI standard")
    assert unknown.value.name == "AI standard"
    assert len(unknown.value.suggestions) == 3  # four are near: three are offered


def test_close_agency_names_are_offered_three_at_most(index: Index) -> None:
    with pytest.raises(NotFoundError) as raised:
        Resolver(index).agency("NITCTL")
    # three names are closest: NIST-CTL's id and acronym, then NSTC; NIST comes fourth
    assert raised.value.suggestions == ["NIST-CTL", "NSTC"]


def test_an_event_tells_agreements_made_there_from_those_announced(index: Index) -> None:
    """Seed 003: the dialogue produced the AI working group; the KATS-NIST MOU was announced
    there and signed in Washington in June 2024."""
    found = {
        (relation, key) for relation, _kind, key in related(show(index, "kr-us-cet-dialogue-2023"))
    }
    assert ("produced", "kr-us-ai-working-group") in found
    assert ("announced", "kats-nist-mou-2024") in found
    assert ("produced", "kats-nist-mou-2024") not in found


# --- how people type (issue 12) ------------------------------------------------------------


def test_a_part_of_a_name_finds_the_one_agency_that_has_it(index: Index) -> None:
    assert Resolver(index).agency("national institute of standards").id == "NIST"
    assert Resolver(index).agency("Electrical Safety").id == "KESCO"
    assert Resolver(index).agency("과학기술정보").id == "MSIT"  # part of 과학기술정보통신부


def test_a_part_several_agencies_share_lists_them_nearest_first(index: Index) -> None:
    """표준 is in 표준연 (KRISS), 국가기술표준원 (KATS) and 국립표준기술연구소 (NIST)."""
    with pytest.raises(AmbiguousNameError) as raised:
        Resolver(index).agency("표준")
    ids = [candidate.split()[0] for candidate in raised.value.candidates]
    assert ids[0] == "KRISS" and sorted(ids) == ["KATS", "KRISS", "NIST"]


def test_parts_too_short_to_mean_anything_match_nothing(index: Index) -> None:
    with pytest.raises(NotFoundError):
        Resolver(index).agency("st")  # in a dozen names, and no word


def test_a_whole_record_name_beats_a_part_of_an_agency_name(index: Index) -> None:
    assert show(index, "quantum").kind == "field"
    assert show(index, "national institute of standards").id == "NIST"
