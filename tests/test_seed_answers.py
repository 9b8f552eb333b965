"""Answers on the bundled data, checked against what the seed articles and references say."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from coopgraph.dates import DateSpan
from coopgraph.filters import Filter
from coopgraph.graph import connections
from coopgraph.index import Index
from coopgraph.load import default_data_path
from coopgraph.partners import partners
from coopgraph.queries import agreements, timeline


def partner_ids(result) -> set[str | None]:
    return {p.id for p in result.partners}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("NIST", id="acronym"),
        pytest.param("nist", id="lower-case"),
        pytest.param("국립표준기술연구소", id="ko-official"),
        pytest.param("National Institute of Standards and Technology", id="en-official"),
        pytest.param("미국립표준기술연구소", id="ko-alias"),
        pytest.param("  national institute of standards  and technology ", id="en-spaced"),
    ],
)
def test_partners_of_nist_by_any_name(index: Index, name: str) -> None:
    result = partners(index, name)
    assert result.agency == "NIST"
    # KIAT (LOI 2022), KRISS (1994 MOU, 2024 revised MOU), KATS (2000 and 2024 MOUs),
    # AIST (cooperation stated in the 2024-08-02 article).
    assert partner_ids(result) == {"KIAT", "KRISS", "KATS", "AIST"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("표준연", "KRISS", id="ko-short-KRISS"),
        pytest.param("Korea Research Institute of Standards and Science", "KRISS", id="en-KRISS"),
        pytest.param("한국표준과학연구원", "KRISS", id="ko-official-KRISS"),
        pytest.param("産総研", "AIST", id="ja-short-AIST"),
        pytest.param("産業技術総合研究所", "AIST", id="ja-official-AIST"),
        pytest.param("산업부", "MOTIE", id="ko-short-MOTIE"),
        pytest.param("과기정통부", "MSIT", id="ko-short-MSIT"),
        pytest.param("산업통상부", "MOTIE", id="ko-renamed-MOTIE"),
        pytest.param("Sandia", "SNL", id="en-alias-SNL"),
    ],
)
def test_korean_and_japanese_names_resolve(index: Index, name: str, expected: str) -> None:
    assert partners(index, name).agency == expected


def test_kiat_nist_loi_is_traceable_to_its_sentence(index: Index) -> None:
    link = next(p for p in partners(index, "KIAT").partners if p.id == "NIST").links[0]
    assert (link.id, link.type, link.date, link.status) == (
        "kiat-nist-loi-2022",
        "loi",
        "2022-12-07",
        "signed",
    )
    assert any("협력의향서(LOI)를 체결했다" in ref.quote for ref in link.sources)
    assert {ref.where for ref in link.sources} == {"sources/001_7257b5aa37c3b2f3.txt"}


def test_kriss_aist_mou_keeps_month_precision(index: Index) -> None:
    mou = index.agreements["kriss-aist-mou-2024"]
    assert str(mou.date) == "2024-01" and mou.date.precision == "month"


def test_dialogue_date_is_a_range_where_sources_disagree(index: Index) -> None:
    event = index.events["kr-us-cet-dialogue-2023"]
    assert str(event.date) == "2023-12-08/2023-12-09"


def test_kats_nist_mou_planned_then_signed(index: Index) -> None:
    mou = index.agreements["kats-nist-mou-2024"]
    assert [(c.status, str(c.date)) for c in mou.history] == [("planned", "2023-12-09")]
    assert (mou.status, str(mou.date)) == ("signed", "2024-06-27")
    assert mou.status_on(dt.date(2024, 1, 1)) == "planned"
    assert mou.status_on(dt.date(2024, 7, 1)) == "signed"


def test_msit_nsf_funding_as_stated(index: Index) -> None:
    funding = index.agreements["msit-nsf-bio-rd-2024"].funding
    assert funding is not None
    assert (funding.amount, funding.currency, funding.qualifier) == (10_000_000, "USD", "at-least")


def test_motie_renaming_keeps_history(index: Index) -> None:
    motie = index.agencies["MOTIE"]
    assert motie.name("ko", on=dt.date(2024, 1, 1)) == "산업통상자원부"
    assert motie.name("ko", on=dt.date(2025, 11, 1)) == "산업통상부"


def test_unnamed_counterparts_stay_unnamed(index: Index) -> None:
    battery = index.agreements["next-generation-battery-research"]
    assert battery.agency_ids() == []
    assert {p.country for p in battery.parties} == {"US", "KR"}


def test_as_of_shows_what_was_in_place(index: Index) -> None:
    before = partners(index, "NIST", where=Filter.create(index, as_of="2023-06-01"))
    # Only the 1994, 2000 and 2022 agreements were in place; AIST-NIST is undated and was
    # reported in August 2024.
    assert partner_ids(before) == {"KRISS", "KATS", "KIAT"}
    links = {link.id for p in before.partners for link in p.links}
    assert links == {"kriss-nist-mou-1994", "nist-kats-mou-2000", "kiat-nist-loi-2022"}


def test_field_filter_includes_narrower_fields(index: Index) -> None:
    quantum = agreements(index, where=Filter.create(index, fields=["quantum"]))
    assert [a.id for a in quantum.agreements] == [
        "kr-us-jp-quantum-cooperation-proposal",
        "kr-us-cet-dialogue",
        "kriss-aist-mou-2024",
        "kr-us-quantum-workshop-plan",  # quantum information science
        "kriss-nist-quantum-mou-2024",  # quantum computing, quantum metrology
        "kriss-gquat-quantum-cooperation-2024",
    ]


def test_korea_japan_quantum_since_2023(index: Index) -> None:
    where = Filter.create(index, fields=["quantum"], countries=["KR", "JP"], since="2023")
    ids = [a.id for a in agreements(index, where=where).agreements]
    # the July 2024 KRISS-AIST plan is about metrology, not quantum: left out
    assert ids == [
        "kr-us-jp-quantum-cooperation-proposal",
        "kriss-aist-mou-2024",
        "kriss-gquat-quantum-cooperation-2024",
    ]


def test_subunits_roll_up_to_the_department(index: Index) -> None:
    plain = partner_ids(partners(index, "DOC"))
    rolled = partner_ids(partners(index, "DOC", include_subunits=True))
    assert plain == {"MOTIE", "NSTC", "ASTC"}
    assert rolled == plain | {"KIAT", "KRISS", "KATS", "AIST"}  # NIST's partners


def test_include_events_adds_foreign_co_participants(index: Index) -> None:
    with_events = partners(index, "BEIS", include_events=True)
    # the Korean organisers of the 2017 conference; KSEA-UK, British too, is not a partner
    assert partner_ids(with_events) == {"MOTIE", "KIAT", "KEIT", "KETEP"}
    assert partners(index, "BEIS").partners == []


def test_path_from_kriss_to_nmij_goes_through_aist(index: Index) -> None:
    result = connections(index, "KRISS", "NMIJ")
    assert result.paths and all(
        step.id in {"KRISS", "AIST", "NMIJ"} or step.kind == "agreement"
        for path in result.paths
        for step in path
    )


def test_timeline_is_chronological(index: Index) -> None:
    """By the first day a date may mean, then the last: January 2024 before all of 2024."""
    spans = [DateSpan.parse(entry.date) for entry in timeline(index).entries]
    keys = [(span.earliest(), span.latest()) for span in spans]
    assert keys == sorted(keys)
    dates = [entry.date for entry in timeline(index).entries]
    assert dates.index("2024-01") < dates.index("2024") < dates.index("2024-01-16")


# --- traceability: every quote is in the source it cites --------------------------------


def _squash(text: str) -> str:
    """Whitespace-insensitive, and a line broken after a hyphen reads as unbroken."""
    text = re.sub(r"-\n\s*", "-", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_appears_verbatim_in_its_source_file(index: Index) -> None:
    """A quote is checked in the file of ``via`` if given, else of ``source`` (when stored)."""
    base = default_data_path()
    texts = {
        s.id: _squash((base / s.file).read_text(encoding="utf-8"))
        for s in index.dataset.sources
        if s.file
    }
    checked = 0
    for group in (index.dataset.agencies, index.dataset.agreements, index.dataset.events):
        for record in group:
            citations = list(record.sources) + [
                c for h in getattr(record, "history", []) for c in h.sources
            ]
            for citation in citations:
                holder = citation.via or citation.source
                if holder in texts:
                    assert _squash(citation.quote) in texts[holder], (record.id, citation.quote)
                    checked += 1
    assert checked > 100


def test_every_seed_is_cited(index: Index) -> None:
    cited = {
        c.source
        for group in (index.dataset.agreements, index.dataset.events)
        for r in group
        for c in r.sources
    }
    seeds = {s.id for s in index.dataset.sources if s.file and s.file.startswith("sources/0")}
    assert len(seeds) == 5 and seeds <= cited


def test_bundled_data_ships_its_sources() -> None:
    assert (Path(default_data_path()) / "agreements.yaml").is_file()
    assert len(list((Path(default_data_path()) / "sources").glob("00*.txt"))) == 5
