"""The shared argument checks: right values pass, wrong ones name the parameter and the range."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from livekit._checks import (
    check_bool,
    check_choice,
    check_column,
    check_count,
    check_frame,
    check_mapping,
    check_number,
    check_rate,
    check_series,
    check_text,
)


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
    with pytest.raises(
        ValueError, match=r"model must be one of \['quadrant', 'tiered'\], got 'tierd'"
    ):
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


# --- tables and series (issue 11, item 4) ------------------------------------------------------


def test_frame_check_names_parameter_columns_and_rows():
    frame = pd.DataFrame({"kind": ["cost"], "amount": [1.0]})
    assert check_frame("money", frame, ["kind", "amount"]) is frame
    with pytest.raises(TypeError, match=r"money must be a table \(a pandas DataFrame\), got dict"):
        check_frame("money", {"kind": "cost"}, ["kind"])
    with pytest.raises(
        ValueError,
        match=r"money must be a table with columns \['kind', 'amount'\]; missing \['amount'\]",
    ):
        check_frame("money", frame[["kind"]], ["kind", "amount"])
    with pytest.raises(ValueError, match=r"at least 1 row\(s\), got 0"):
        check_frame("money", frame.iloc[0:0], ["kind"])


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (
            math.nan,
            ValueError,
            r"money\['amount'\] at row 1 must be a number of at least 0, got nan",
        ),
        (-2.0, ValueError, r"money\['amount'\] at row 1 must be of at least 0, got -2.0"),
        ("12", TypeError, r"money\['amount'\] at row 1 must be a number"),
        (None, TypeError, r"money\['amount'\] at row 1 must be a number"),
    ],
)
def test_column_check_finds_the_first_bad_cell(bad, error, message):
    frame = pd.DataFrame({"amount": [3.0, bad]}, dtype=object)
    with pytest.raises(error, match=message):
        check_column("money", frame, "amount", low=0)
    good = pd.DataFrame({"amount": [3.0, 4.0]})
    assert list(check_column("money", good, "amount", low=0)) == [3.0, 4.0]


def test_series_and_mapping_checks():
    s = pd.Series({"a": 1.0})
    assert check_series("result", s, ["a"]) is s
    with pytest.raises(ValueError, match=r"result must be a Series; it is missing \['b'\]"):
        check_series("result", s, ["a", "b"])
    with pytest.raises(TypeError, match="result must be a Series"):
        check_series("result", [1.0], ["a"])
    assert check_mapping("weights", {"a": 1}) == {"a": 1}
    with pytest.raises(TypeError, match=r"weights must be a mapping \{key: value\}, got int 5"):
        check_mapping("weights", 5)


def test_long_values_are_shortened_in_messages():
    with pytest.raises(TypeError) as info:
        check_number("price", "x" * 5000, low=0)
    assert len(str(info.value)) < 200 and "..." in str(info.value)
