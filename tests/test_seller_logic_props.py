"""Property tests for the seller logic (livekit.sellers, livekit.seller_data, livekit.reading,
livekit.data, livekit.geometry): one formula, one score per seller however it is given, a
move up whenever one exists, and bad input always a ValueError/TypeError naming the parameter.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from livekit import data, geometry, reading, seller_data, seller_metrics, sellers

TEACH = seller_data.load_sellers()
score = st.floats(min_value=0, max_value=100, allow_nan=False)
count = st.floats(min_value=0, max_value=1e9, allow_nan=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)


def _table(n):
    return st.lists(st.tuples(count, share, count, share), min_size=n, max_size=n + 25).map(
        lambda rows: pd.DataFrame(
            rows, columns=["followers", "celebrity", "avg_viewers", "conversion"]
        )
    )


# --- one formula ---------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(_table(5), st.floats(0.01, 5), st.floats(0.01, 5))
def test_in_place_path_and_metric_scores_are_one_formula(frame, wf, wc):
    """The fast in-place path (data as its own reference) equals metric_scores term by term."""
    for name in frame.columns:
        assume(frame[name].max() > frame[name].min())
    weights = {"followers": wf, "celebrity": wc, "avg_viewers": 1.0, "conversion": 0.0}
    fast = sellers.score_sellers(frame, weights=weights, reference="self")
    assert fast.attrs["reference"] == "self"
    f = sellers.metric_scores(
        frame["followers"].to_numpy(), frame["followers"].to_numpy().copy(), metric="followers"
    )
    c = sellers.metric_scores(
        frame["celebrity"].tolist(), frame["celebrity"].tolist(), metric="celebrity"
    )
    v = sellers.metric_scores(
        frame["avg_viewers"], frame["avg_viewers"].copy(), metric="avg_viewers"
    )
    total = wf + wc
    np.testing.assert_allclose(
        fast["influence"], np.clip(f * wf / total + c * wc / total, 0, 100), rtol=1e-12, atol=1e-9
    )
    np.testing.assert_allclose(fast["attractiveness"], v, rtol=1e-12, atol=1e-9)
    # and the same table given as a separate (equal, not identical) reference takes the other path
    other = sellers.score_sellers(frame, weights=weights, reference=frame.copy())
    np.testing.assert_allclose(
        fast[["influence", "attractiveness"]],
        other[["influence", "attractiveness"]],
        rtol=1e-12,
        atol=1e-9,
    )


# --- a seller scores the same however it is given --------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    st.tuples(count, share, count, share),
    st.sampled_from(sellers.NORMALISATIONS),
    st.integers(0, 43),
)
def test_a_seller_scores_the_same_as_a_dict_a_series_or_a_row(values, method, k):
    seller = dict(zip(["followers", "celebrity", "avg_viewers", "conversion"], values))
    as_dict = sellers.score_sellers(seller, method=method)
    as_series = sellers.score_sellers(pd.Series(seller), method=method)
    as_frame = sellers.score_sellers(pd.DataFrame([seller]), method=method)
    for other in (as_series, as_frame):
        assert (
            other[["influence", "attractiveness"]].to_numpy().tolist()
            == as_dict[["influence", "attractiveness"]].to_numpy().tolist()
        )
    assert as_dict.attrs["reference"] == as_frame.attrs["reference"] == "teaching set"
    # a row inside a bigger table, against an explicit reference, scores as the row alone
    table = TEACH[list(seller)].astype(float)
    table.iloc[k] = list(values)
    whole = sellers.score_sellers(table, method=method, reference=TEACH)
    alone = sellers.score_sellers(seller, method=method, reference=TEACH)
    np.testing.assert_allclose(
        whole[["influence", "attractiveness"]].iloc[k].to_numpy(),
        alone[["influence", "attractiveness"]].iloc[0].to_numpy(),
        rtol=1e-12,
        atol=1e-9,
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(count, count), min_size=0, max_size=3),
    st.sampled_from(sellers.NORMALISATIONS),
    st.sampled_from(sellers.MODELS),
)
def test_a_tiny_shop_is_never_super(others, method, model):
    """3 followers and 1 viewer: never super, alone, in a handful of sellers or among equals."""
    rows = [(3.0, 1.0), *others]
    frame = pd.DataFrame(rows, columns=["followers", "avg_viewers"])
    scored = sellers.score_sellers(frame, method=method)
    assert scored.attrs["reference"] == "teaching set"
    lowest, top = sellers.class_names(model)[0], sellers.class_names(model)[-1]
    assert sellers.classify(scored, model=model)[0] != top
    same = pd.DataFrame({"followers": [3.0] * 8, "avg_viewers": [1.0] * 8})
    assert set(sellers.classify(sellers.score_sellers(same, method=method), model=model)) == {
        lowest
    }


def test_self_reference_stops_with_an_explanation():
    few = pd.DataFrame({"followers": [3.0, 10.0], "avg_viewers": [1.0, 5.0]})
    with pytest.raises(
        ValueError,
        match=r"reference='self': the table has 2 sellers, fewer than 5, too few to score "
        r"against each other; score against the teaching set",
    ):
        sellers.score_sellers(few, reference="self")
    flat = pd.DataFrame({"followers": [3.0, 10, 20, 30, 40], "avg_viewers": [7.0] * 5})
    with pytest.raises(ValueError, match=r"every seller has the same avg_viewers \(7\)"):
        sellers.score_sellers(flat, reference="self")
    twitch_few = seller_data.load_twitch().head(3)
    with pytest.raises(ValueError, match=r"the teaching set has no 'total_watch_time'"):
        sellers.score_sellers(twitch_few, weights={"followers": 1, "total_watch_time": 1})


# --- the smallest move up -------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    score,
    score,
    st.lists(score, min_size=3, max_size=3),
    share,
    st.sampled_from(sellers.MODELS),
    score,
    score,
)
def test_next_class_move_finds_a_higher_class_whenever_one_exists(i, a, bands, w, model, ci, ca):
    params = dict(model=model, cuts=(ci, ca), bands=tuple(sorted(bands)), share=w)
    names = sellers.class_names(model)
    now = names.index(sellers.class_of(i, a, **params))
    best = names.index(
        sellers.class_of(100, 100, **params)
    )  # no class is reachable beyond the corner
    move = sellers.next_class_move(i, a, **params)
    assert (move["target"] is not None) == (best > now)
    if move["target"] is not None:
        reached = sellers.class_of(
            min(i + move["d_influence"], 100), min(a + move["d_attractiveness"], 100), **params
        )
        assert reached == move["target"] and names.index(reached) > now
        assert move["distance"] == pytest.approx(
            math.hypot(move["d_influence"], move["d_attractiveness"])
        )
        # no point of a coarse grid of moves reaches a higher class with a clearly shorter move
        for di in np.linspace(0, 100 - i, 21):
            for da in np.linspace(0, 100 - a, 21):
                if math.hypot(di, da) < move["distance"] - 1e-6:
                    assert names.index(sellers.class_of(i + di, a + da, **params)) <= now


# --- bad input: only ValueError/TypeError, never NaN ---------------------------------------------

BAD = [
    None,
    math.nan,
    math.inf,
    -math.inf,
    -1,
    -1e12,
    1e308,
    True,
    "abc",
    "",
    b"x",
    [],
    [math.nan],
    [-1.0],
    [math.inf],
    ["Super"],
    {},
    {"followers": math.nan},
    {"followers": -3, "avg_viewers": 1},
    object(),
    5,
    np.array([np.nan]),
    np.array([[1.0, 2.0]]),
    pd.DataFrame(),
    pd.DataFrame({"followers": []}),
    pd.DataFrame({"influence": [np.nan], "attractiveness": [1.0]}),
    pd.DataFrame({"followers": [np.inf], "avg_viewers": [1.0]}),
    pd.Series([-1.0]),
    (1, 2, 3, 4),
    (50,),
]

GOOD_SCORES = pd.DataFrame({"influence": [10.0, 70.0], "attractiveness": [60.0, 20.0]})
GOOD_SELLER = {"followers": 1e5, "celebrity": 0.1, "avg_viewers": 300.0, "conversion": 0.02}
CSV = b"seller,followers,avg_viewers\nAnna,1200,30\nBo,50000,900\n"

#: Every public function of the seller logic with valid arguments (positional, keyword).
CALLS = {
    sellers.metric_scores: (
        ([1.0, 10.0], [1.0, 100.0]),
        {"metric": "followers", "method": "log-minmax"},
    ),
    sellers.score_to_metric: (
        ([0.0, 50.0], [1.0, 100.0]),
        {"metric": "followers", "method": "percentile"},
    ),
    seller_metrics.dataset_weights: ((TEACH,), {}),
    sellers.score_sellers: ((TEACH,), {"weights": None, "method": "percentile", "reference": None}),
    sellers.classify: (
        (GOOD_SCORES,),
        {"model": "tiered", "cuts": (50, 50), "bands": (30, 50, 70), "share": 0.5},
    ),
    sellers.class_of: ((40.0, 60.0), {"model": "quadrant", "cuts": (50, 50)}),
    sellers.class_counts: ((["super", "low-level"],), {}),
    sellers.class_regions: (
        (),
        {"model": "tiered", "cuts": (50, 50), "bands": (30, 50, 70), "share": 0.3},
    ),
    sellers.next_class_move: (
        (30.0, 40.0),
        {"model": "tiered", "cuts": (50, 50), "bands": (30, 50, 70), "share": 0.3},
    ),
    sellers.metric_needed: (
        (GOOD_SELLER, "followers", 5.0),
        {"reference": None, "weights": None, "method": "log-minmax"},
    ),
    seller_data.load_dataset: (("sellers",), {}),
    seller_data.read_sellers: (
        (CSV,),
        {
            "columns": None,
            "sep": None,
            "encoding": None,
            "decimal": None,
            "header": True,
            "names": None,
            "label": None,
        },
    ),
    seller_data.guess_columns: ((["Fans", "Channel"],), {}),
    seller_data.column_options: ((["1", "2"],), {"decimal": "."}),
    reading.sniff: (
        (CSV,),
        {"sep": None, "encoding": None, "decimal": None, "header": True, "names": None, "rows": 5},
    ),
    reading.read_raw: ((CSV,), {"sep": None, "encoding": None, "header": True, "names": None}),
    reading.read_bytes: ((CSV,), {}),
    reading.decode: ((CSV,), {"encoding": None}),
    reading.detect_sep: (("a,b\n1,2\n",), {}),
    reading.split_rows: (("a,b\n1,2\n", ","), {"header": True, "names": None}),
    reading.detect_decimal: (([(2, "a", "1.5")],), {}),
    reading.parse_number: (("12k",), {"decimal": "."}),
    reading.problems_message: (
        ("f.csv", [reading.Problem(2, 0, "a", "a", "x", "a number")]),
        {"limit": 20},
    ),
    data.read_table: (
        (CSV, seller_data.user_schema()),
        {"columns": None, "sep": None, "encoding": None, "decimal": None},
    ),
    data.load: (("sellers",), {}),
    data.schema_of: (("sellers",), {}),
    geometry.clip_halfplane: (([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], 1.0, 0.0, 0.5), {}),
    geometry.shortest_step: ((5.0, 0.5, 50.0, 50.0), {}),
}
#: Fragments of pandas/numpy/Python messages that name no parameter.
INTERNAL = (
    "truth value of an array",
    "unhashable type",
    "object of type",
    "has no attribute",
    "invalid index",
    "could not convert",
    "invalid literal",
)
#: Results that may hold NaN by design: parse_number answers NaN for "not a number".
NAN_ALLOWED = {reading.parse_number}


def _has_nan(result) -> bool:
    if isinstance(result, float):
        return math.isnan(result)
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return bool(np.isnan(result).any())
    if isinstance(result, pd.DataFrame):
        numeric = result.select_dtypes("number")
        return bool(numeric.isna().to_numpy().any())
    if isinstance(result, pd.Series) and result.dtype.kind == "f":
        return bool(result.isna().any())
    if isinstance(result, (tuple, list)):
        return any(_has_nan(x) for x in result)
    if isinstance(result, dict):
        return any(_has_nan(x) for x in result.values())
    return False


def test_valid_calls_work():
    for func, (args, kwargs) in CALLS.items():
        result = func(*args, **kwargs)
        assert func in NAN_ALLOWED or not _has_nan(result), func.__name__


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list(CALLS)), st.integers(0, 20), st.sampled_from(BAD))
def test_bad_input_is_a_value_or_type_error_naming_the_parameter(func, which, bad):
    args, kwargs = CALLS[func]
    args, kwargs = list(args), dict(kwargs)
    names = list(inspect.signature(func).parameters)
    slots = len(args) + len(kwargs)
    k = which % slots
    if k < len(args):
        name = names[k]
        args[k] = bad
    else:
        name = list(kwargs)[k - len(args)]
        kwargs[name] = bad
    try:
        result = func(*args, **kwargs)
    except (ValueError, TypeError) as exc:
        message = str(exc)
        assert message, f"{func.__name__}({name}={bad!r}): empty message"
        for internal in INTERNAL:
            assert internal not in message, (
                f"{func.__name__}({name}={bad!r}): internal message {message!r}"
            )
        return
    assert func in NAN_ALLOWED or not _has_nan(result), (
        f"{func.__name__}({name}={bad!r}) gave NaN: {result!r}"
    )
