"""The shared argument checks: right values pass, wrong ones name the parameter and the range."""
import math

import pytest
from hypothesis import given, strategies as st

from livekit._checks import check_bool, check_choice, check_count, check_number, check_rate, check_text


@given(st.floats(min_value=0, max_value=1))
def test_rate_accepts_every_share(x):
    assert check_rate("conversion", x) == x


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v < 0 or v > 1))
def test_rate_rejects_outside_zero_one(x):
    with pytest.raises(ValueError, match=r"conversion must be from 0 to 1"):
        check_rate("conversion", x)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(bad):
    with pytest.raises(ValueError, match="price"):
        check_number("price", bad, low=0)


@pytest.mark.parametrize("bad", ["12", None, True, [1], b"1"])
def test_non_numbers_are_type_errors(bad):
    with pytest.raises(TypeError, match=r"viewers must be a number"):
        check_count("viewers", bad)


def test_integer_flag_and_bounds_in_message():
    assert check_number("n", 4, low=0, high=10, integer=True) == 4.0
    with pytest.raises(ValueError, match=r"n must be a whole number from 0 to 10, got 2.5"):
        check_number("n", 2.5, low=0, high=10, integer=True)
    with pytest.raises(ValueError, match=r"n must be of at least 0, got -1"):
        check_number("n", -1, low=0)


def test_choice_lists_the_options():
    assert check_choice("model", "tiered", ["quadrant", "tiered"]) == "tiered"
    with pytest.raises(ValueError, match=r"model must be one of \['quadrant', 'tiered'\], got 'tierd'"):
        check_choice("model", "tierd", ["quadrant", "tiered"])
    with pytest.raises(TypeError, match="model"):
        check_choice("model", ["tiered"], ["quadrant", "tiered"])


def test_bool_and_text():
    assert check_bool("colour", False) is False
    with pytest.raises(TypeError, match="colour must be True or False"):
        check_bool("colour", 1)
    assert check_text("note", "") == ""
    with pytest.raises(ValueError, match="name must not be empty"):
        check_text("name", "  ", allow_empty=False)
    with pytest.raises(TypeError, match="name must be text"):
        check_text("name", 3)
