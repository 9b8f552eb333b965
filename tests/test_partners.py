"""``partners``: who, through what, via which unit, in which order: answers worked out by hand.

Each expectation is read off the seed facts in ``data/agreements.yaml``: the parties of
each agreement (with the unit acting for a party, e.g. ``AIST (NMIJ)``), the participants
of each event, and the agencies each agency is part of. Partners come most-linked first,
then by id, unnamed counterparts last; links oldest first.
"""

from __future__ import annotations

import pytest

from builders import agency, agreement, dataset_dict
from coopgraph.errors import NotFoundError
from coopgraph.filters import Filter
from coopgraph.index import Index
from coopgraph.models import validate_dataset
from coopgraph.partners import PartnersResult, partners


def shape(result: PartnersResult) -> list[tuple[str | None, list[tuple[str, str, str | None]]]]:
    """Each partner with its links as (kind, id, via): what a reader of the table sees."""
    return [(p.id, [(link.kind, link.id, link.via) for link in p.links]) for p in result.partners]


def test_partners_of_kriss_with_the_units_acting_for_aist_and_nist(index: Index) -> None:
    result = partners(index, "KRISS")
    assert shape(result) == [
        (
            "AIST",
            [
                ("agreement", "kriss-aist-mou-2024", None),
                ("agreement", "kriss-aist-metrology-cooperation-2024", None),
                ("agreement", "kriss-gquat-quantum-cooperation-2024", None),
            ],
        ),
        (
            "NIST",
            [
                ("agreement", "kriss-nist-mou-1994", None),
                ("agreement", "kriss-nist-quantum-mou-2024", None),
            ],
        ),
    ]
    units = [link.partner_unit for p in result.partners for link in p.links]
    assert units == ["G-QuAT", "NMIJ", "G-QuAT", None, "NIST-CTL"]
    assert (result.agency, result.name, result.considered) == (
        "KRISS",
        "Korea Research Institute of Standards and Science",
        ["KRISS"],
    )
    aist = result.partners[0]
    assert (aist.name, aist.country, aist.kind) == (
        "National Institute of Advanced Industrial Science and Technology",
        "JP",
        "research-institute",
    )


def test_a_link_carries_what_the_agreement_says(index: Index) -> None:
    link = partners(index, "KRISS").partners[0].links[1]
    assert (link.id, link.type, link.date, link.status) == (
        "kriss-aist-metrology-cooperation-2024",
        "cooperation-plan",
        "2024-07-30/2024-07-31",
        "planned",
    )
    assert link.fields[:2] == ["advanced-metrology", "bio-metrology"]
    assert [ref.source for ref in link.sources] == ["edaily-2024-08-02"]


def test_a_unit_is_a_partner_in_its_own_right(index: Index) -> None:
    """NMIJ acts for AIST in one agreement: asked about NMIJ, KRISS is its partner."""
    result = partners(index, "NMIJ")
    assert shape(result) == [
        ("KRISS", [("agreement", "kriss-aist-metrology-cooperation-2024", None)])
    ]


def test_subunits_roll_up_with_the_unit_that_carries_each_link(index: Index) -> None:
    result = partners(index, "DOC", include_subunits=True)
    assert result.considered == ["DOC", "NIST", "NIST-CTL"]
    assert shape(result) == [
        (
            "KATS",
            [
                ("agreement", "nist-kats-mou-2000", "NIST"),
                ("agreement", "kats-nist-mou-2024", "NIST"),
            ],
        ),
        (
            "KRISS",
            [
                ("agreement", "kriss-nist-mou-1994", "NIST"),
                ("agreement", "kriss-nist-quantum-mou-2024", "NIST-CTL"),
            ],
        ),
        (
            "MOTIE",
            [
                ("agreement", "motie-doc-supply-chain-industry-dialogue", None),
                ("agreement", "semiconductor-rd-collaboration-2023", None),
            ],
        ),
        ("AIST", [("agreement", "aist-nist-cooperation", "NIST")]),
        ("ASTC", [("agreement", "semiconductor-rd-collaboration-2023", None)]),
        ("KIAT", [("agreement", "kiat-nist-loi-2022", "NIST")]),
        ("NSTC", [("agreement", "semiconductor-rd-collaboration-2023", None)]),
    ]


def test_without_subunits_the_department_has_only_its_own_partners(index: Index) -> None:
    result = partners(index, "DOC")
    assert result.considered == ["DOC"]
    assert [p.id for p in result.partners] == ["MOTIE", "ASTC", "NSTC"]


def test_events_add_foreign_co_participants_only(index: Index) -> None:
    """BEIS took part in the 2017 conference; KSEA-UK, also British, is not a partner."""
    result = partners(index, "BEIS", include_events=True)
    assert shape(result) == [
        (agency, [("event", "kr-uk-tech-outlook-conference-2017", None)])
        for agency in ["KEIT", "KETEP", "KIAT", "MOTIE"]
    ]
    link = result.partners[0].links[0]
    assert (link.type, link.date, link.status) == ("conference", "2017-04-12", None)
    assert partners(index, "BEIS").partners == []


def test_events_and_agreements_side_by_side(index: Index) -> None:
    """NIST met KIAT at the 2022 forum, the day after the LOI; NSF and NIH are American."""
    result = partners(index, "NIST", include_events=True)
    kiat = next(p for p in result.partners if p.id == "KIAT")
    assert [(link.kind, link.id) for link in kiat.links] == [
        ("agreement", "kiat-nist-loi-2022"),
        ("event", "kr-us-industrial-tech-forum-2022"),
    ]
    assert [p.id for p in result.partners] == ["KATS", "KIAT", "KRISS", "AIST"]


def test_events_reached_through_a_subunit_name_the_subunit(index: Index) -> None:
    result = partners(index, "DOC", include_subunits=True, include_events=True)
    kiat = next(p for p in result.partners if p.id == "KIAT")
    assert [(link.kind, link.id, link.via) for link in kiat.links] == [
        ("agreement", "kiat-nist-loi-2022", "NIST"),
        ("event", "kr-us-industrial-tech-forum-2022", "NIST"),
    ]


def test_unnamed_counterparts_come_last_under_their_description(index: Index) -> None:
    result = partners(index, "KIAT")
    assert [p.id for p in result.partners] == ["NIST", None]
    unnamed = result.partners[1]
    assert unnamed.country == "GB" and unnamed.kind is None
    assert [link.id for link in unnamed.links] == ["kiat-uk-matching-fund-programme-2017"]
    assert unnamed.name and unnamed.names


def test_filters_apply_to_each_link(index: Index) -> None:
    where = Filter.create(index, types=["mou"], until="2000")
    assert shape(partners(index, "NIST", where=where)) == [
        ("KATS", [("agreement", "nist-kats-mou-2000", None)]),
        ("KRISS", [("agreement", "kriss-nist-mou-1994", None)]),
    ]


def test_partners_in_korean(index: Index) -> None:
    result = partners(index, "KRISS", lang="ko")
    assert result.name == "한국표준과학연구원"
    assert [p.name for p in result.partners] == ["산업기술종합연구소", "국립표준기술연구소"]
    assert result.partners[0].links[0].title != partners(index, "KRISS").partners[0].links[0].title


def test_the_table_has_a_row_per_link(index: Index) -> None:
    table = partners(index, "DOC", include_subunits=True).table()
    assert table.title == (
        "Partners of DOC — United States Department of Commerce and its parts (NIST, NIST-CTL): 7"
    )
    assert [row[:4] for row in table.rows[:2]] == [
        ["KATS", "Korean Agency for Technology and Standards", "KR", "nist-kats-mou-2000"],
        ["KATS", "Korean Agency for Technology and Standards", "KR", "kats-nist-mou-2024"],
    ]
    assert len(table.rows) == 10


def test_an_unknown_agency_is_not_found(index: Index) -> None:
    with pytest.raises(NotFoundError, match="unknown agency 'NIZT'; did you mean 'NIST'"):
        partners(index, "NIZT")


def test_the_table_names_a_single_part_and_marks_unnamed_partners(index: Index) -> None:
    nst = partners(index, "NST", include_subunits=True).table()
    assert nst.title.startswith(
        "Partners of NST — National Research Council of Science and "
        "Technology and its parts (KRISS): "
    )
    assert nst.wide == ("name",)  # the column that wraps on a narrow terminal
    kiat = partners(index, "KIAT").table()
    assert [row[0] for row in kiat.rows] == ["NIST", "—"]


def test_partner_names_in_every_official_language(index: Index) -> None:
    aist = partners(index, "KRISS").partners[0]
    assert aist.names == {
        "en": "National Institute of Advanced Industrial Science and Technology",
        "ja": "産業技術総合研究所",
        "ko": "산업기술종합연구소",
    }


def test_unnamed_partners_in_korean(index: Index) -> None:
    english, korean = (partners(index, "KIAT", lang=lang).partners[1] for lang in ("en", "ko"))
    assert english.names == korean.names and set(english.names) == {"en", "ko"}
    assert (english.name, korean.name) == (english.names["en"], english.names["ko"])
    assert partners(index, "KIAT", lang="ko").to_data()["lang"] == "ko"


def test_unnamed_partners_are_told_apart_by_any_description_and_country() -> None:
    def unnamed(en: str, ko: str = "영국 기관", country: str = "GB") -> dict:
        return {"country": country, "description": {"ko": ko, "en": en}}

    data = dataset_dict(
        [agency("A", country="KR")],
        [
            agreement("x", "A", unnamed("a British university")),
            agreement("y", "A", unnamed("a British company")),
            agreement("z", "A", unnamed("a British company", ko="영국 기업")),
            agreement("w", "A", unnamed("a British company", country="IE")),
            agreement("v", "A", unnamed("a British university")),
        ],
    )
    result = partners(Index(validate_dataset(data)), "A")
    assert [(p.name, p.country, [link.id for link in p.links]) for p in result.partners] == [
        ("a British university", "GB", ["v", "x"]),  # the same counterpart twice
        ("a British company", "GB", ["y"]),
        ("a British company", "GB", ["z"]),  # described otherwise in Korean
        ("a British company", "IE", ["w"]),
    ]


def test_event_links_cite_what_supports_the_participants(index: Index) -> None:
    link = partners(index, "BEIS", include_events=True, lang="ko").partners[0].links[0]
    assert link.title == "한·영 기술전망 컨퍼런스"
    # two of the conference's six citations name who took part (John Loughead, KSEA-UK)
    assert len(link.sources) == 2
    assert "존 러프헤드(John Loughead)" in link.sources[0].quote


def test_event_partners_of_msit(index: Index) -> None:
    """MSIT's own agreements and meetings, and the US side of the 2023 dialogue.

    Korean co-participants (NSO, MOFA, MOTIE, MOHW) are left out, whether they come before
    or after MSIT in the list of participants.
    """
    result = partners(index, "MSIT", include_events=True)
    assert [(p.id, len(p.links)) for p in result.partners] == [
        ("ARPA-E", 5),  # 2 agreements, the visit, 2 meetings
        ("DOE", 5),  # 2 agreements, the dialogue, the visit, a meeting
        ("NSF", 5),
        ("OSTP", 3),  # the dialogue, the visit, a meeting
        ("DOS", 1),
        ("OPPR", 1),
        ("WH-NSA", 1),  # the US co-chair's office organised the dialogue
    ]


def test_an_event_filter_skips_one_event_and_keeps_the_next(index: Index) -> None:
    """MOTIE's three 2017 events fall before --since 2023; the 2023 dialogue does not."""
    where = Filter.create(index, since="2023")
    result = partners(index, "MOTIE", include_events=True, where=where)
    assert [p.id for p in result.partners] == [
        "ASTC", "DOC", "DOE", "DOS", "NSF", "NSTC", "OPPR", "OSTP", "WH-NSA",
    ]  # fmt: skip
    by_country = Filter.create(index, countries=["GB", "KR"])
    beis = partners(index, "BEIS", include_events=True, where=by_country)
    assert [p.id for p in beis.partners] == ["KEIT", "KETEP", "KIAT", "MOTIE"]


def test_unnamed_event_participants_are_not_partners() -> None:
    data = dataset_dict([agency("A", country="KR"), agency("B", country="US")])
    data["events"] = [
        {
            "id": "e1",
            "type": "meeting",
            "title": {"en": "e1"},
            "participants": ["A", {"country": "JP", "description": {"en": "Japanese side"}}, "B"],
            "sources": [{"source": "s1", "quote": "q"}],
        }
    ]
    result = partners(Index(validate_dataset(data)), "A", include_events=True)
    assert [p.id for p in result.partners] == ["B"]
