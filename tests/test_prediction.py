"""Predict, then check: whether a prediction held, and which way a miss was off."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livekit.prediction import judge_prediction

number = st.floats(-1e6, 1e6, allow_nan=False)


@given(number, number, st.floats(0, 2))
def test_a_relative_prediction_holds_exactly_within_its_tolerance(guess, actual, tolerance):
    held, sentence = judge_prediction(guess, actual, tolerance=tolerance)
    assert held == (abs(guess - actual) <= tolerance * abs(actual) + 1e-12)
    assert sentence.startswith("Your prediction held" if held else "Your prediction did not hold")


@given(number, number)
def test_a_miss_says_which_way_it_was_off(guess, actual):
    held, sentence = judge_prediction(guess, actual, tolerance=0.5, relative=False)
    if not held:
        assert ("too high" in sentence) == (guess > actual)
        assert ("too low" in sentence) == (guess < actual)


def test_an_absolute_tolerance_is_in_the_numbers_unit_and_names_who_shows():
    assert judge_prediction(103, 100, tolerance=5, relative=False, shown_by="the view") == (
        True,
        "Your prediction held: you said 103, the view shows 100.",
    )
    assert not judge_prediction(106, 100, tolerance=5, relative=False)[0]


def test_with_an_actual_of_zero_a_relative_tolerance_means_exactly():
    assert judge_prediction(0, 0)[0]
    assert not judge_prediction(0.001, 0)[0]


def test_choices_are_compared_as_text():
    assert judge_prediction("rises", "rises")[0]
    held, sentence = judge_prediction("rises", "falls")
    assert not held and "too" not in sentence  # no direction for a choice


@pytest.mark.parametrize(
    "args, kwargs, error, words",
    [
        ((1, "super"), {}, TypeError, "both be numbers or both be choices"),
        ((1, 2), {"tolerance": -0.1}, ValueError, "tolerance must be a finite number >= 0"),
        ((1, 2), {"tolerance": "10%"}, TypeError, "tolerance must be a number"),
        ((float("nan"), 2), {}, ValueError, "prediction must be a finite number"),
        ((1, float("inf")), {}, ValueError, "actual must be a finite number"),
    ],
)
def test_bad_input_names_the_field(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        judge_prediction(*args, **kwargs)
