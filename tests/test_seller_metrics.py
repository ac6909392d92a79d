"""The seller metrics: weights checked against a table, the kit's defaults, values in words."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from livekit import seller_metrics as M

INFLUENCE = [n for n, m in M.METRICS.items() if m.dimension == "influence"]
ATTRACTIVENESS = [n for n, m in M.METRICS.items() if m.dimension == "attractiveness"]


def test_check_weights_returns_floats_for_good_weights():
    weights = M.check_weights({"followers": 1, "avg_viewers": 2}, ["followers", "avg_viewers"])
    assert weights == {"followers": 1.0, "avg_viewers": 2.0}
    assert all(isinstance(w, float) for w in weights.values())


@pytest.mark.parametrize(
    "weights, columns, words",
    [
        ({"followers": 1}, ["followers"], "weights for attractiveness are all zero"),
        ({"fans": 1, "avg_viewers": 1}, ["fans"], "weights key"),
        (
            {"followers": -1, "avg_viewers": 1},
            ["followers", "avg_viewers"],
            "weight of 'followers'",
        ),
        ({"followers": 1, "avg_viewers": 1}, ["followers"], "column 'avg_viewers' is missing"),
    ],
)
def test_check_weights_names_what_is_wrong(weights, columns, words):
    with pytest.raises(ValueError, match=words):
        M.check_weights(weights, columns)


def test_check_weights_wants_a_mapping():
    with pytest.raises(TypeError, match="weights must be a mapping"):
        M.check_weights([("followers", 1)], ["followers"])


@given(
    st.sets(st.sampled_from(INFLUENCE), min_size=1),
    st.sets(st.sampled_from(ATTRACTIVENESS), min_size=1),
)
def test_default_weights_give_each_dimension_a_weight_and_pass_the_check(infl, attr):
    columns = sorted(infl | attr)
    weights = M.default_weights(columns)
    assert set(weights) == set(columns)
    assert M.check_weights(weights, columns) == weights  # usable as they are


def test_default_weights_need_both_dimensions():
    with pytest.raises(ValueError, match="no attractiveness metric"):
        M.default_weights(["followers"])


def test_dataset_weights_read_the_columns_of_a_table():
    table = pd.DataFrame(columns=["seller", "followers", "total_watch_time"])
    assert M.dataset_weights(table) == {"followers": M.DEFAULT_WEIGHTS["followers"],
                                        "total_watch_time": 1.0}  # fmt: skip
    with pytest.raises(TypeError, match="data must be a DataFrame"):
        M.dataset_weights(["followers"])


@pytest.mark.parametrize(
    "metric, value, text",
    [
        ("followers", 2_500_000_000, "2.5 billion"),
        ("followers", 90_000, "90,000"),
        ("conversion", 0.12, "12.0%"),
        ("celebrity", 0.5, "0.50"),
    ],
)
def test_format_metric_reads_at_a_glance(metric, value, text):
    assert M.format_metric(metric, value) == text


def test_format_metric_refuses_a_negative_value():
    with pytest.raises(ValueError, match="value must be"):
        M.format_metric("followers", -1)
