"""The model's rules, one by one, on small hand-made datasets."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import typing

import pytest
from pydantic import ValidationError

from builders import agency, agreement, dataset_dict, write_yaml
from coopgraph import models, vocabulary
from coopgraph.dates import DateSpan, PartialDate
from coopgraph.errors import DataError
from coopgraph.load import load_dataset
from coopgraph.models import validate_dataset


@pytest.mark.parametrize(
    "module", ["coopgraph.dates", "coopgraph.resolve", "coopgraph.errors", "coopgraph.render"]
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0


@pytest.mark.parametrize(
    ("text", "precision"), [("2024", "year"), ("2024-01", "month"), ("2024-01-29", "day")]
)
def test_partial_dates_keep_their_precision(text: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert str(date) == text and date.precision == precision


NOT_A_DATE = "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24", NOT_A_DATE),
        ("2024-1", NOT_A_DATE),
        ("2024-02-30", "day 30 is out of range for 2024-02"),
        ("2024/01", "'01' " + NOT_A_DATE),
        ("January 2024", NOT_A_DATE),
        ("", NOT_A_DATE),
    ],
    ids=["two-digits", "one-digit-month", "february-30", "slash", "words", "empty"],
)
def test_bad_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DateSpan.parse(text)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "not a boolean"),
        (123, "123 is not a four-digit year"),
        (2024.5, "not float"),
        (dt.datetime(2024, 1, 1, 12), "must not carry a time of day"),
    ],
    ids=["boolean", "short-year", "float", "datetime"],
)
def test_dates_of_the_wrong_type_are_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DateSpan.coerce(value)


def test_a_bare_year_number_and_a_date_object_are_accepted() -> None:
    assert str(DateSpan.coerce(2024)) == "2024"
    assert str(DateSpan.coerce(dt.date(2024, 1, 29))) == "2024-01-29"


def test_norway_is_a_country_not_a_boolean(tmp_path) -> None:
    """YAML 1.1 reads NO as False; coopgraph's parser reads YAML 1.2, where NO is text."""
    path = tmp_path / "no.yaml"
    path.write_text(
        "sources: [{id: s1, kind: news, title: A, language: en}]\n"
        "agencies:\n"
        "  - {id: RCN, names: [{text: Research Council of Norway, lang: en}], country: NO,\n"
        "     kind: funding-agency, sources: [{source: s1, quote: q}]}\n",
        encoding="utf-8",
    )
    assert load_dataset(path).agencies[0].country == "NO"


def test_booleans_where_text_belongs_are_refused() -> None:
    with pytest.raises(ValidationError, match="country"):
        validate_dataset(dataset_dict([agency("X", country=False)]))


def test_vocabulary_labels_match_the_model_literals() -> None:
    pairs = [
        (models.AgreementType, vocabulary.AGREEMENT_TYPES),
        (models.Status, vocabulary.AGREEMENT_STATUSES),
        (models.AgencyKind, vocabulary.AGENCY_KINDS),
        (models.EventType, vocabulary.EVENT_TYPES),
        (models.EventStatus, vocabulary.EVENT_STATUSES),
        (models.NameKind, vocabulary.NAME_KINDS),
        (models.SourceKind, vocabulary.SOURCE_KINDS),
    ]
    for literal, labels in pairs:
        assert set(typing.get_args(literal)) == set(labels)
        assert all({"en", "ko"} <= set(text) for text in labels.values())


def test_unnamed_party_needs_a_description() -> None:
    data = dataset_dict([agency("A"), agency("B")], [agreement("x", "A", {"country": "US"})])
    with pytest.raises(ValidationError, match="a party needs an agency id"):
        validate_dataset(data)


def test_status_on_uses_history(tmp_path) -> None:
    data = dataset_dict(
        [agency("A"), agency("B", "KR")],
        [
            agreement(
                "x", "A", "B", date="2024-06", history=[{"status": "planned", "date": "2023-12-09"}]
            )
        ],
    )
    item = load_dataset(write_yaml(tmp_path / "d.yaml", data)).agreements[0]
    assert item.status_on(dt.date(2023, 12, 1)) is None
    assert item.status_on(dt.date(2024, 1, 1)) == "planned"
    assert item.status_on(dt.date(2024, 6, 15)) == "planned"  # June 2024 is certain only at its end
    assert item.status_on(dt.date(2024, 6, 30)) == "signed"


def test_the_store_returns_equal_records_and_notices_changes(tmp_path) -> None:
    from coopgraph.store import cache_info, open_index
    from coopgraph.store.snapshot import SnapshotIndex

    path = write_yaml(
        tmp_path / "d.yaml", dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B")])
    )
    first = open_index(path)
    assert isinstance(first, SnapshotIndex)  # read from the store, not loaded in memory
    assert list(first.agreements.values()) == load_dataset(path).agreements
    assert [v["agreements"] for v in cache_info().versions] == [1]
    write_yaml(path, dataset_dict([agency("A"), agency("B")], [agreement("x", "A")]))
    with pytest.raises(DataError, match="needs at least 2 items"):
        open_index(path)
    write_yaml(path, dataset_dict([agency("A"), agency("B")], [agreement("y", "B", "A")]))
    second = open_index(path)
    assert isinstance(second, SnapshotIndex) and list(second.agreements) == ["y"]


def test_public_api_names_resolve() -> None:
    import coopgraph

    for name in coopgraph.__all__:
        assert getattr(coopgraph, name) is not None, name
    from coopgraph.partners import partners

    found = partners(coopgraph.load_dataset(), "표준연").partners
    assert {p.id for p in found} == {"AIST", "NIST"}


@pytest.mark.parametrize(
    ("ror", "valid"),
    [
        ("05xpvk416", True),  # NIST, as ROR lists it
        ("058rymf81", True),  # NST
        ("05xpvk417", False),  # one check digit off
        ("05xpvk461", False),  # check digits swapped
        ("05xpvl416", False),  # l is not a Crockford digit
        ("5xpvk416", False),  # no leading 0
    ],
)
def test_ror_ids_are_checked_by_their_check_digits(ror: str, valid: bool) -> None:
    data = dataset_dict([agency("A", ror=ror), agency("B")])
    if valid:
        assert validate_dataset(data).agencies[0].ror == ror
    else:
        with pytest.raises(ValidationError, match="ror"):
            validate_dataset(data)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/a{b}",
        "https://x.org/a b",
        "https://x.org/a|b",
        "https://x.org/a^b",
        "https:///a",
        "http://[::1",
    ],
    ids=["brace", "space", "pipe", "caret", "no-host", "open-bracket"],
)
def test_source_addresses_must_be_iris(url: str) -> None:
    data = dataset_dict([agency("A"), agency("B")])
    data["sources"][0] = {**data["sources"][0], "url": url}
    with pytest.raises(ValidationError, match="url"):
        validate_dataset(data)


# --- numbers and dates that cannot be (issue 12) ---------------------------------------------


def _problems(data: dict) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as raised:
        validate_dataset(data)
    return [(".".join(map(str, e["loc"])), e["msg"]) for e in raised.value.errors()]


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (float("inf"), "finite"),
        (float("nan"), "finite"),
        (10**5000, "larger than 10^15"),  # validated, then could not be printed
        (10**15 + 1, "larger than 10^15"),
        (0, "greater than 0"),
    ],
    ids=["inf", "nan", "5000-digits", "just-too-large", "zero"],
)
def test_amounts_are_finite_and_of_a_size_a_source_states(amount: float, problem: str) -> None:
    funding = {"amount": amount, "currency": "USD"}
    data = dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B", funding=funding)])
    ((where, message),) = _problems(data)
    assert where.startswith("agreements.0.funding.amount") and problem in message


def test_attendance_counts_are_bounded_too() -> None:
    data = dataset_dict([agency("A"), agency("B")])
    data["events"] = [
        {
            "id": "e",
            "type": "forum",
            "title": {"en": "e"},
            "attendance": {"count": 10**5000},
            "sources": [{"source": "s1", "quote": "q"}],
        }
    ]
    ((where, message),) = _problems(data)
    assert where.startswith("events.0.attendance.count") and "larger than 10^15" in message


def _dated(**extra: object) -> dict:
    return dataset_dict([agency("A"), agency("B")], [agreement("x", "A", "B", **extra)])


@pytest.mark.parametrize(
    ("extra", "where", "problem"),
    [
        ({"date": "2099-06-01"}, "agreements.0.date", "2099-06-01 is after today"),
        (
            {"date": "2024-06-27", "ended": "2024-05"},
            "agreements.0.ended",
            "2024-05 is before the step it follows (2024-06-27)",
        ),
        (
            {"date": "2023-12-09", "history": [{"status": "planned", "date": "2024-01"}]},
            "agreements.0.date",
            "2023-12-09 is before the step it follows (2024-01)",
        ),
        (
            {
                "date": "2024-06-27",
                "history": [
                    {"status": "proposed", "date": "2024-02"},
                    {"status": "planned", "date": "2023-12-09"},
                ],
            },
            "agreements.0.history.1.date",
            "before the step it follows (2024-02)",
        ),
    ],
    ids=["future", "ended-before-signed", "history-after-date", "history-out-of-order"],
)
def test_agreement_dates_in_an_order_that_can_be(extra: dict, where: str, problem: str) -> None:
    assert any(w == where and problem in m for w, m in _problems(_dated(**extra)))


def test_overlapping_precisions_are_not_out_of_order() -> None:
    """Planned in January 2024 and signed on 15 January: the month may hold both."""
    data = _dated(date="2024-01-15", history=[{"status": "planned", "date": "2024-01"}])
    assert validate_dataset(data).agreements[0].date is not None


def test_a_source_cannot_be_published_in_the_future() -> None:
    data = dataset_dict([agency("A"), agency("B")])
    data["sources"][0] = {**data["sources"][0], "published": "2999"}
    assert any(
        w == "sources.0.published" and "2999 is after today" in m for w, m in _problems(data)
    )


@pytest.mark.parametrize("section", ["names", "part_of"])
def test_validity_cannot_end_before_it_starts(section: str) -> None:
    inverted = {"valid_from": "2025-10-01", "valid_until": "2025-09-30"}
    if section == "names":
        extra = {"names": [{"text": "A agency", "lang": "en", **inverted}]}
    else:
        extra = {"part_of": [{"agency": "B", **inverted}]}
    data = dataset_dict([agency("A", **extra), agency("B")])
    assert any(
        w.startswith(f"agencies.0.{section}.0") and "valid until 2025-09-30, before" in m
        for w, m in _problems(data)
    )


@pytest.mark.parametrize(("status", "valid"), [(None, False), ("held", False), ("planned", True)])
def test_only_a_planned_event_may_lie_ahead(status: str | None, valid: bool) -> None:
    data = dataset_dict([agency("A"), agency("B")])
    event = {"id": "e", "type": "forum", "title": {"en": "e"}, "date": "2099"}
    data["events"] = [{**event, "sources": [{"source": "s1", "quote": "q"}]}]
    if status:
        data["events"][0]["status"] = status
    if valid:
        assert validate_dataset(data).events[0].status == "planned"
    else:
        assert any(
            w == "events.0.date" and "give it status: planned" in m for w, m in _problems(data)
        )


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ud800", "\ufffe"],
    ids=["NUL", "SOH", "ESC", "DEL", "NEL", "surrogate", "nonchar"],
)
@pytest.mark.parametrize("where", ["name", "quote", "title"])
def test_text_holds_nothing_xml_or_a_terminal_cannot_take(char: str, where: str) -> None:
    """YAML's escapes ("\\x01") write what raw bytes may not; GraphML, GEXF, SVG and RDF/XML
    exports were then not well-formed XML, and Graphviz failed on a NUL."""
    text = f"KRISS{char}x"
    if where == "name":
        data = dataset_dict([agency("A", names=[{"text": text, "lang": "en"}]), agency("B")])
        expected = "agencies.0.names.0.text"
    elif where == "quote":
        data = dataset_dict([agency("A", sources=[{"source": "s1", "quote": text}]), agency("B")])
        expected = "agencies.0.sources.0.quote"
    else:
        data = dataset_dict(
            [agency("A"), agency("B")], [agreement("x", "A", "B", title={"en": text})]
        )
        expected = "agreements.0.title.en"
    ((where_found, message),) = _problems(data)
    assert where_found == expected and f"U+{ord(char):04X} at position 6" in message


def test_tabs_and_line_breaks_stay_allowed() -> None:
    data = dataset_dict(
        [agency("A", sources=[{"source": "s1", "quote": "one\ttwo\nthree"}]), agency("B")]
    )
    assert validate_dataset(data).agencies[0].sources[0].quote == "one\ttwo\nthree"


def test_an_ipv6_literal_host_is_an_address() -> None:
    data = dataset_dict([agency("A"), agency("B")])
    data["sources"][0] = {**data["sources"][0], "url": "https://[::1]:8080/report"}
    assert validate_dataset(data).sources[0].url == "https://[::1]:8080/report"
