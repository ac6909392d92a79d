"""The seven modes by marketing purpose: the kit's model of "1+1>2", and when it fails."""

import math
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit import modes
from livekit.data import load

MODES = list(load("live_modes")["mode"])
PURPOSES = list(load("mode_purposes")["purpose"])
_PAIRS = load("mode_pairs")
SYNERGY = {
    frozenset((a, b)): s for a, b, s in zip(_PAIRS["mode_a"], _PAIRS["mode_b"], _PAIRS["synergy"])
}


def test_the_data_covers_every_mode_purpose_and_pair_once():
    fit = load("mode_fit")
    assert sorted(zip(fit["mode"], fit["purpose"])) == sorted(
        (m, p) for m in MODES for p in PURPOSES
    )
    pairs = load("mode_pairs")
    got = sorted(tuple(sorted(p)) for p in zip(pairs["mode_a"], pairs["mode_b"]))
    assert got == sorted(tuple(sorted(p)) for p in combinations(MODES, 2))
    assert (load("mode_purposes")["provenance"] == "kit").all()
    assert (fit["provenance"] == "kit").all() and (pairs["provenance"] == "kit").all()
    # the effect word agrees with the sign of the number
    sign = pairs["synergy"].map(lambda s: "reinforce" if s > 0 else "clash" if s < 0 else "neutral")
    assert (sign == pairs["effect"]).all()


def test_one_mode_alone_adds_lift_times_fit():
    lifts = load("live_modes").set_index("mode")["lift"]
    fit = load("mode_fit").set_index(["mode", "purpose"])["fit"]
    table = modes.mode_fit("trust").set_index("mode")
    for m in MODES:
        assert table.at[m, "alone"] == pytest.approx(lifts[m] * fit[(m, "trust")])
    assert list(modes.mode_fit("trust")["alone"]) == sorted(table["alone"], reverse=True)


def test_reinforcing_modes_that_both_serve_the_purpose_give_more_than_the_sum():
    r = modes.combine("trust", ["value", "contrast"])
    assert r["verdict"] == "1+1>2"
    expected_pair = modes.pair_synergy("value", "contrast") * min(r["alone"].values())
    assert r["pairs"] == {"value+contrast": pytest.approx(expected_pair)}
    assert (
        r["total"] == pytest.approx(r["sum_alone"] + expected_pair) and r["total"] > r["sum_alone"]
    )


def test_clashing_modes_give_less_than_the_sum():
    r = modes.combine("goodwill", ["rare", "altruistic"])
    assert modes.pair_synergy("rare", "altruistic") < 0
    assert r["verdict"] == "1+1<2" and r["total"] < r["sum_alone"]


def test_neutral_pairs_just_add_up():
    r = modes.combine("awareness", ["celebrity", "contrast"])
    assert modes.pair_synergy("celebrity", "contrast") == 0
    assert r["verdict"] == "1+1=2" and r["total"] == pytest.approx(r["sum_alone"])


def test_a_mode_that_barely_serves_the_purpose_adds_little_even_when_it_pairs_well():
    # value and contrast reinforce each other, but neither serves awareness well
    weak = modes.combine("awareness", ["value", "contrast"])
    strong = modes.combine("trust", ["value", "contrast"])
    assert weak["verdict"] == strong["verdict"] == "1+1>2"
    assert weak["gain"] < strong["gain"] / 4


def test_no_mode_and_one_mode_have_their_own_verdicts():
    assert modes.combine("trust", [])["verdict"] == "no mode"
    assert modes.combine("trust", [])["total"] == 0
    one = modes.combine("trust", "value")
    assert one["verdict"] == "one mode" and one["total"] == pytest.approx(one["alone"]["value"])


def test_names_ids_and_repeats_are_accepted():
    a = modes.combine("Win over doubtful buyers", ["Value marketing", "CONTRAST", "value"])
    b = modes.combine("trust", ["contrast", "value"])
    assert a == b
    assert a["modes"] == ("value", "contrast")


@pytest.mark.parametrize(
    "bad, error, match",
    [
        ({"purpose": "fame"}, ValueError, "purpose 'fame' is unknown; choose one of 'awareness'"),
        ({"modes": ["dancing"]}, ValueError, "mode 'dancing' is unknown; choose one of 'value'"),
        ({"modes": 3}, TypeError, "modes must be"),
        ({"purpose": 3}, TypeError, "purpose must be text"),
    ],
)
def test_bad_input_names_the_parameter_and_the_allowed_values(bad, error, match):
    args = {"purpose": "trust", "modes": ["value"], **bad}
    with pytest.raises(error, match=match):
        modes.combine(**args)


def test_pair_synergy_needs_two_different_modes():
    with pytest.raises(ValueError, match="two different modes"):
        modes.pair_synergy("value", "Value marketing")
    assert modes.pair_synergy("value", "contrast") == modes.pair_synergy("contrast", "value")


def test_combination_table_adds_up_to_the_total():
    table = modes.combination_table("launch", ["celebrity", "rare", "value"])
    parts = table[table["kind"] != "total"]["attraction"].sum()
    total = table.loc[table["kind"] == "total", "attraction"].iloc[0]
    assert total == pytest.approx(parts)
    assert len(table) == 3 + 3 + 1 and (table["provenance"] == "kit").all()


def test_rank_combinations_lists_every_combination_best_first():
    ranked = modes.rank_combinations("clearance", size=2)
    assert len(ranked) == math.comb(7, 2)
    assert list(ranked["total"]) == sorted(ranked["total"], reverse=True)
    best = ranked.iloc[0]
    assert modes.combine("clearance", best["modes"].split("+"))["total"] == pytest.approx(
        best["total"]
    )
    with pytest.raises(ValueError, match="size must be a whole number from 1 to 7"):
        modes.rank_combinations("clearance", size=8)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(PURPOSES), st.lists(st.sampled_from(MODES), min_size=2, max_size=7, unique=True)
)
def test_total_is_alone_plus_pairs_and_the_verdict_follows_its_sign(purpose, chosen):
    r = modes.combine(purpose, chosen)
    assert r["total"] == pytest.approx(r["sum_alone"] + sum(r["pairs"].values()))
    assert len(r["pairs"]) == math.comb(len(chosen), 2)
    synergies = [SYNERGY[frozenset(pair)] for pair in combinations(r["modes"], 2)]
    if all(s >= 0 for s in synergies) and any(s > 0 for s in synergies):
        assert r["verdict"] == "1+1>2"
    if all(s <= 0 for s in synergies) and any(s < 0 for s in synergies):
        assert r["verdict"] == "1+1<2"
    # the order of choosing does not matter
    assert modes.combine(purpose, list(reversed(chosen))) == r
