"""The backtest on the bundled data (worked out by hand) and on data with planted structure."""

from __future__ import annotations

import json

import pytest

from coopgraph.analytics.backtest import backtest
from coopgraph.errors import UsageError
from coopgraph.index import Index
from planted import planted_dataset


def test_the_aist_nist_tie_was_foreseen_at_the_end_of_january_2024(index: Index) -> None:
    """Known by 2024-01-31: KRISS-NIST (1994) and KRISS-AIST (MOU of January 2024, which
    counts from 1 January by its own date). Known later: AIST-NIST (from the 2 August
    article), the one new cross-country tie between agencies known by then, and KRISS-NMIJ
    (July 2024), which brings in a new agency. Both scores rank AIST-NIST among the four
    open triads through KRISS (AIST or G-QuAT with NIST or its CTL), all tied."""
    result = backtest(index, cutoff="2024-01-31")
    assert [(link.agency1, link.agency2) for link in result.links] == [("AIST", "NIST")]
    assert result.links[0].agreements == ["aist-nist-cooperation"]
    assert result.new_links == 1 and result.new_agency_links == 1
    by = {row.ranking: row for row in result.rankings}
    assert set(by) == {"adamic-adar", "resource-allocation", "random"}
    for score in ("adamic-adar", "resource-allocation"):
        assert 1 <= result.links[0].ranks[score] <= 4
        assert by[score].hits == {5: 1, 10: 1, 20: 1}
        assert by[score].found == [("AIST", "NIST")]
        assert by[score].agreements == ["aist-nist-cooperation"]
    assert 1 <= result.links[0].ranks["random"] <= result.pairs


def test_nothing_hidden_is_nothing_to_find(index: Index) -> None:
    """By 2023-12-31 AIST is not known yet: the ties made after are with new agencies."""
    result = backtest(index, cutoff="2023-12-31")
    assert result.new_links == 0 and result.links == []
    assert all(row.mean_reciprocal_rank == 0 for row in result.rankings)


def test_a_run_is_repeatable_and_the_seed_moves_the_random_ranking() -> None:
    index = Index(planted_dataset(seed=2))
    first = backtest(index, cutoff="2015-12-31", seed=5)
    assert backtest(index, cutoff="2015-12-31", seed=5) == first
    other = backtest(index, cutoff="2015-12-31", seed=6)
    assert [link.ranks["random"] for link in other.links] != [
        link.ranks["random"] for link in first.links
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_scores_find_planted_triadic_closure(seed: int) -> None:
    """After 2015, 90% of new ties close an open triad of the 2015 network: both scores
    must find several in their first 20 and beat the random ranking drawn in the same run."""
    result = backtest(Index(planted_dataset(seed=seed)), cutoff="2015-12-31")
    assert result.new_links == 40
    by = {row.ranking: row for row in result.rankings}
    for score in ("adamic-adar", "resource-allocation"):
        assert by[score].hits[20] >= 4
        assert by[score].hits[20] > by["random"].hits[20]
        assert by[score].mean_reciprocal_rank > 3 * by["random"].mean_reciprocal_rank


def test_without_planted_structure_the_scores_have_little_to_find() -> None:
    """With no closure at all, new ties are random pairs: far fewer hits than with it."""
    planted = backtest(Index(planted_dataset(seed=1)), cutoff="2015-12-31")
    flat = backtest(Index(planted_dataset(seed=1, closure=0.0)), cutoff="2015-12-31")
    assert flat.rankings[0].mean_reciprocal_rank < planted.rankings[0].mean_reciprocal_rank / 2


@pytest.mark.parametrize(
    ("cutoff", "message"),
    [
        ("1990", "--cutoff 1990 is before anything was known"),
        ("2024-08-02", "--cutoff 2024-08-02 leaves nothing after it to predict"),
        ("2024-02-30", "--cutoff: "),
    ],
    ids=["early", "last", "bad-day"],
)
def test_a_cutoff_with_nothing_on_one_side_is_refused(
    index: Index, run, cutoff: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        backtest(index, cutoff=cutoff)
    outcome = run("backtest", "--cutoff", cutoff)
    assert outcome.code == 2 and outcome.out == "" and message in outcome.err


def test_k_must_be_positive(index: Index, run) -> None:
    with pytest.raises(UsageError):
        backtest(index, cutoff="2024-01-31", ks=[0])
    outcome = run("backtest", "--cutoff", "2024-01-31", "--k", "0")
    assert outcome.code == 2 and "--k" in outcome.err


def test_the_cli_answers_what_the_library_does(run, index: Index) -> None:
    outcome = run("backtest", "--cutoff", "2024-01-31", "--k", "1,3", "-f", "json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out) == backtest(index, cutoff="2024-01-31", ks=[1, 3]).to_data()
    table = run("backtest", "--cutoff", "2024-01-31")
    assert "hits@5" in table.out and "AIST-NIST" in table.out
