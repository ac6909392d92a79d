"""Tests for livekit.sellers: scores, the two classification models, moves, loaders, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit import seller_data, seller_metrics, sellers
from livekit.vocab import SELLER_CLASSES, TIERS

score = st.floats(min_value=0, max_value=100, allow_nan=False)
cut = st.floats(min_value=0, max_value=100, allow_nan=False)


def _bands(draw_list):
    return tuple(sorted(draw_list))


# --- scores -----------------------------------------------------------------------------


def test_log_minmax_maps_reference_ends_to_0_and_100():
    ref = [10, 1_000, 100_000]
    out = sellers.metric_scores(ref, ref, metric="followers")
    assert out[0] == 0 and out[-1] == 100
    # equal steps in log10(1 + x) give (almost) equal steps in score
    mid = sellers.metric_scores([math.sqrt(11 * 100_001) - 1], ref, metric="followers")[0]
    assert mid == pytest.approx(50)


def test_percentile_counts_ties_half():
    ref = [1, 2, 3, 4]
    assert sellers.metric_scores(
        [0, 2, 5], ref, metric="avg_viewers", method="percentile"
    ).tolist() == [0, 37.5, 100]


def test_linear_metric_uses_no_log():
    out = sellers.metric_scores([0.25], [0.0, 1.0], metric="conversion")
    assert out[0] == pytest.approx(25)


def test_inverse_undoes_log_minmax():
    ref = np.array([500, 20_000, 3_000_000])
    raw = sellers.score_to_metric([0, 40, 100], ref, metric="followers")
    assert sellers.metric_scores(raw, ref, metric="followers") == pytest.approx([0, 40, 100])


def test_weights_shift_the_score_between_metrics():
    data = pd.DataFrame({"followers": [10, 1000], "celebrity": [1.0, 0.0], "avg_viewers": [1, 2]})
    only_followers = sellers.score_sellers(
        data, weights={"followers": 1, "avg_viewers": 1}, reference=data
    )
    only_fame = sellers.score_sellers(
        data, weights={"celebrity": 1, "avg_viewers": 1}, reference=data
    )
    assert only_followers["influence"].tolist() == [0, 100]
    assert only_fame["influence"].tolist() == [100, 0]
    half = sellers.score_sellers(
        data, weights={"followers": 1, "celebrity": 1, "avg_viewers": 1}, reference=data
    )
    assert half["influence"].tolist() == [50, 50]


def test_single_seller_is_scored_against_the_teaching_set():
    teach = seller_data.load_sellers()
    top = teach.iloc[0].to_dict()  # Top anchor A
    one = sellers.score_sellers(top)
    whole = sellers.score_sellers(teach)
    assert len(one) == 1
    assert one["influence"].iloc[0] == pytest.approx(whole["influence"].iloc[0])
    assert one["attractiveness"].iloc[0] == pytest.approx(whole["attractiveness"].iloc[0])


def test_single_seller_with_few_metrics_uses_those():
    one = sellers.score_sellers({"followers": 1e6, "avg_viewers": 5_000})
    assert 0 < one["influence"].iloc[0] < 100 and 0 < one["attractiveness"].iloc[0] < 100


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1e9), st.floats(0, 1), st.floats(0, 1e7), st.floats(0, 1)),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(sellers.NORMALISATIONS),
)
def test_scores_stay_in_0_100(rows, method):
    data = pd.DataFrame(rows, columns=["followers", "celebrity", "avg_viewers", "conversion"])
    out = sellers.score_sellers(data, method=method)
    for dim in ("influence", "attractiveness"):
        assert out[dim].between(0, 100).all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1e9), min_size=1, max_size=30),
    st.floats(0, 1e9),
    st.floats(0, 1e9),
    st.sampled_from(sellers.NORMALISATIONS),
)
def test_more_followers_never_lower_the_score(ref, x, y, method):
    lo, hi = sorted([x, y])
    s = sellers.metric_scores([lo, hi], ref, metric="followers", method=method)
    assert s[0] <= s[1]


# --- classification ---------------------------------------------------------------------


def _frame(i, a):
    return pd.DataFrame({"influence": i, "attractiveness": a})


def test_quadrant_corners_follow_the_kits_reading():
    got = sellers.classify(_frame([10, 10, 90, 90], [10, 90, 10, 90]))
    assert list(got) == ["low-level", "ordinary", "famous", "super"]


def test_score_at_threshold_counts_as_high():
    assert sellers.class_of(50, 50) == "super"
    assert sellers.class_of(49.99, 50) == "ordinary"


def test_tiered_bands_have_their_own_names():
    got = sellers.classify(
        _frame([0, 40, 55, 80], [0, 40, 55, 80]), model="tiered", bands=(30, 50, 70)
    )
    assert list(got) == ["bottom tier", "lower tier", "upper tier", "top tier"]
    assert tuple(got.categories) == TIERS == sellers.class_names("tiered")
    assert set(TIERS).isdisjoint(SELLER_CLASSES)  # no tier is named like a class of the paper
    # the cook: influence 45, attractiveness 80 is an upper tier, not "famous"
    assert sellers.class_of(45, 80, model="tiered") == "upper tier"
    assert sellers.class_of(45, 80) == "ordinary"


def test_classify_is_ordered_categorical_in_style_order():
    got = sellers.classify(_frame([1, 99], [1, 99]))
    assert isinstance(got, pd.Categorical) and got.ordered
    assert tuple(got.categories) == SELLER_CLASSES
    assert got[0] < got[1]


def test_teaching_set_covers_all_four_classes_with_paper_rows():
    data = seller_data.load_sellers()
    assert len(data) >= 40
    counts = sellers.class_counts(sellers.classify(sellers.score_sellers(data)))
    assert (counts >= 5).all()
    notes = " ".join(data.loc[data["basis"] == "paper", "note"])
    for figure in ("5 billion", "5 million", "100 million"):
        assert figure in notes
    # the paper's one-day figure has no column in the table: no row may claim to store it
    assert "200 million" not in notes
    assert data["annual_sales_cny"].max() == pytest.approx(5e9, rel=0.1)
    assert (data["annual_sales_cny"] < 5e6).sum() >= 5


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(score, score), min_size=1, max_size=40),
    st.sampled_from(sellers.MODELS),
    cut,
    cut,
    st.lists(cut, min_size=3, max_size=3),
    st.floats(0, 1),
)
def test_every_seller_gets_exactly_one_class(pairs, model, ci, ca, bands, share):
    i, a = zip(*pairs)
    got = sellers.classify(
        _frame(i, a), model=model, cuts=(ci, ca), bands=tuple(sorted(bands)), share=share
    )
    assert len(got) == len(pairs)
    assert not pd.isna(np.asarray(got, dtype=object)).any()
    assert set(got) <= set(sellers.class_names(model))
    counts = sellers.class_counts(got)
    assert counts.sum() == len(pairs) and tuple(counts.index) == sellers.class_names(model)


@settings(max_examples=200, deadline=None)
@given(
    score,
    score,
    st.floats(0, 100),
    st.sampled_from(["influence", "attractiveness"]),
    st.lists(cut, min_size=3, max_size=3),
    st.floats(0, 1),
)
def test_tiered_raising_a_score_never_lowers_the_class(i, a, bump, which, bands, share):
    params = dict(model="tiered", bands=tuple(sorted(bands)), share=share)
    before = sellers.class_of(i, a, **params)
    i2, a2 = (min(i + bump, 100), a) if which == "influence" else (i, min(a + bump, 100))
    after = sellers.class_of(i2, a2, **params)
    assert TIERS.index(after) >= TIERS.index(before)


@settings(max_examples=100, deadline=None)
@given(score, score, score, score, cut, cut)
def test_quadrant_super_dominates_and_low_level_is_dominated(i1, a1, i2, a2, ci, ca):
    """Classes keep their order: a seller at least as strong on both scores is never lower."""
    lo_i, hi_i = sorted([i1, i2])
    lo_a, hi_a = sorted([a1, a2])
    weak = sellers.class_of(lo_i, lo_a, cuts=(ci, ca))
    strong = sellers.class_of(hi_i, hi_a, cuts=(ci, ca))
    assert SELLER_CLASSES.index(strong) >= SELLER_CLASSES.index(weak)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sellers.MODELS),
    cut,
    cut,
    st.lists(cut, min_size=3, max_size=3),
    st.floats(0, 1),
)
def test_regions_tile_the_square(model, ci, ca, bands, share):
    regions = sellers.class_regions(
        model=model, cuts=(ci, ca), bands=tuple(sorted(bands)), share=share
    )
    assert list(regions) == list(sellers.class_names(model))

    def area(poly):
        if len(poly) < 3:
            return 0.0
        x, y = poly[:, 0], poly[:, 1]
        return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))

    assert sum(area(p) for p in regions.values()) == pytest.approx(10_000, rel=1e-6)


# --- smallest move up -------------------------------------------------------------------


def test_next_move_quadrant():
    low = sellers.next_class_move(30, 45)
    assert (low["target"], low["d_influence"], low["d_attractiveness"]) == ("ordinary", 0, 5)
    ordinary = sellers.next_class_move(30, 60)
    assert (ordinary["target"], ordinary["d_influence"], ordinary["d_attractiveness"]) == (
        "super",
        20,
        0,
    )
    assert sellers.next_class_move(80, 80)["target"] is None


def test_next_move_tiered_goes_along_the_gradient():
    move = sellers.next_class_move(40, 40, model="tiered", bands=(30, 50, 70), share=0.5)
    assert (move["class"], move["target"]) == ("lower tier", "upper tier")
    assert move["d_influence"] == pytest.approx(10) and move["d_attractiveness"] == pytest.approx(
        10
    )
    assert move["distance"] == pytest.approx(math.hypot(10, 10))


@settings(max_examples=150, deadline=None)
@given(
    score,
    score,
    st.sampled_from(sellers.MODELS),
    cut,
    cut,
    st.lists(cut, min_size=3, max_size=3),
    st.floats(0, 1),
)
def test_next_move_reaches_a_higher_class(i, a, model, ci, ca, bands, share):
    params = dict(model=model, cuts=(ci, ca), bands=tuple(sorted(bands)), share=share)
    move = sellers.next_class_move(i, a, **params)
    if move["target"] is None:
        return
    assert move["d_influence"] >= 0 and move["d_attractiveness"] >= 0
    reached = sellers.class_of(
        min(i + move["d_influence"], 100), min(a + move["d_attractiveness"], 100), **params
    )
    names = sellers.class_names(model)
    assert names.index(reached) > names.index(move["class"])


# --- data sets and loaders --------------------------------------------------------------


def test_twitch_loader_uses_kit_names():
    t = seller_data.load_twitch()
    assert len(t) == 1000
    assert {"seller", "followers", "avg_viewers", "total_watch_time"} <= set(t.columns)
    scored = sellers.score_sellers(t, method="percentile")
    counts = sellers.class_counts(sellers.classify(scored))
    assert (counts > 0).all()


def test_read_sellers_with_column_mapping(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("Name,Fans,Viewers\nAnna,1200,30\nBo,50000,900\n")
    table = seller_data.read_sellers(
        path, columns={"Name": "seller", "Fans": "followers", "Viewers": "avg_viewers"}
    )
    scored = sellers.score_sellers(table, reference=table)
    assert scored["influence"].tolist() == [0, 100]


def test_read_sellers_missing_column_names_it(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("Name,Fans\nAnna,1200\n")
    with pytest.raises(ValueError, match="attractiveness"):
        seller_data.read_sellers(path, columns={"Name": "seller", "Fans": "followers"})
    with pytest.raises(ValueError, match="'seller'"):
        seller_data.read_sellers(path, columns={"Fans": "followers"})
    with pytest.raises(ValueError, match="Viewers"):
        seller_data.read_sellers(path, columns={"Name": "seller", "Viewers": "avg_viewers"})


def test_read_sellers_bad_cell_names_column_and_row(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("seller,followers,avg_viewers\nAnna,-5,30\n")
    with pytest.raises(
        ValueError, match=r"line 2, column 'followers': value '-5'; allowed: a number of at least 0"
    ):
        seller_data.read_sellers(path)


def test_load_dataset_by_label():
    assert len(seller_data.load_dataset("Twitch top 1,000 (real)")) == 1000
    with pytest.raises(ValueError, match="name must be one of"):
        seller_data.load_dataset("tiktok")


# --- bad input --------------------------------------------------------------------------


def _data(**over):
    base = {"seller": ["a", "b"], "followers": [10.0, 1000.0], "avg_viewers": [5.0, 50.0]}
    base.update(over)
    return pd.DataFrame(base)


@pytest.mark.parametrize(
    "bad, kind, field",
    [
        ([-1.0, 3.0], ValueError, "followers"),
        ([np.nan, 3.0], ValueError, "followers"),
        (["many", 3], TypeError, "followers"),
    ],
)
def test_bad_metric_values_name_the_column(bad, kind, field):
    with pytest.raises(kind, match=field):
        sellers.score_sellers(_data(followers=bad))


def test_bad_single_seller_names_the_field():
    with pytest.raises(TypeError, match="avg_viewers"):
        sellers.score_sellers({"followers": 10, "avg_viewers": "lots"})
    with pytest.raises(ValueError, match="followers"):
        sellers.score_sellers({"followers": -10, "avg_viewers": 5})
    with pytest.raises(ValueError, match="conversion"):
        sellers.score_sellers({"followers": 10, "avg_viewers": 5, "conversion": 1.5})


def test_weights_all_zero_is_an_error():
    with pytest.raises(ValueError, match="influence"):
        sellers.score_sellers(_data(), weights={"followers": 0, "avg_viewers": 1})
    with pytest.raises(ValueError, match="weight of 'followers'"):
        sellers.score_sellers(_data(), weights={"followers": -1, "avg_viewers": 1})


def test_weighted_missing_column_is_named():
    with pytest.raises(ValueError, match="'celebrity' is missing"):
        sellers.score_sellers(_data(), weights={"celebrity": 1, "avg_viewers": 1})


def test_empty_frame_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        sellers.score_sellers(_data().iloc[:0])
    with pytest.raises(ValueError, match="empty"):
        sellers.classify(_frame([], []))


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"cuts": (101, 50)}, "influence threshold"),
        ({"cuts": (50, -1)}, "attractiveness threshold"),
        ({"model": "tiered", "bands": (10, 20, 120)}, "band threshold 3"),
        ({"model": "tiered", "bands": (60, 20, 80)}, "bands"),
        ({"model": "tiered", "share": 1.5}, "influence share"),
        ({"model": "pyramid"}, "model"),
    ],
)
def test_bad_model_parameters_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        sellers.classify(_frame([10], [10]), **kwargs)


def test_bad_scores_and_method_name_the_field():
    with pytest.raises(ValueError, match="attractiveness score"):
        sellers.classify(_frame([10], [130]))
    with pytest.raises(TypeError, match="influence"):
        sellers.classify(_frame(["high"], [10]))
    with pytest.raises(ValueError, match="method"):
        sellers.score_sellers(_data(), method="z-score")
    with pytest.raises(ValueError, match="influence"):
        sellers.next_class_move(float("nan"), 10)


def test_scoring_leaves_the_callers_table_unchanged():
    data = seller_data.load_sellers()
    before = data.copy()
    scored = sellers.score_sellers(data)
    scored.loc[0, "followers"] = 1
    pd.testing.assert_frame_equal(data, before)
    assert "influence" not in data.columns


def test_vectorised_scores_match_a_row_by_row_computation(rng):
    data = pd.DataFrame(
        {
            "followers": 10 ** rng.uniform(2, 8, 200),
            "conversion": rng.uniform(0, 0.2, 200),
            "avg_viewers": 10 ** rng.uniform(1, 6, 200),
        }
    )
    weights = {"followers": 3, "conversion": 1, "avg_viewers": 1}
    scored = sellers.score_sellers(data, weights=weights)
    lf = np.log10(1 + data["followers"])
    expected = 100 * (lf - lf.min()) / (lf.max() - lf.min())
    assert scored["influence"].to_numpy() == pytest.approx(expected.to_numpy())
    c = data["conversion"]
    lv = np.log10(1 + data["avg_viewers"])
    expected_a = 50 * (c - c.min()) / (c.max() - c.min()) + 50 * (lv - lv.min()) / (
        lv.max() - lv.min()
    )
    assert scored["attractiveness"].to_numpy() == pytest.approx(expected_a.to_numpy())
    assert scored["influence"].min() == 0 and scored["influence"].max() == pytest.approx(100)


def test_metric_needed_makes_the_move_with_one_metric():
    teach = seller_data.load_sellers()
    farmer = teach.set_index("seller").loc["Fruit farmer"].to_dict()
    metrics = {k: v for k, v in farmer.items() if k in seller_metrics.METRICS}
    one = sellers.score_sellers(metrics, reference=teach)
    move = sellers.next_class_move(one["influence"].iloc[0], one["attractiveness"].iloc[0])
    followers = sellers.metric_needed(metrics, "followers", move["d_influence"], reference=teach)
    assert followers > metrics["followers"]
    after = sellers.score_sellers({**metrics, "followers": followers}, reference=teach)
    assert after["influence"].iloc[0] == pytest.approx(
        one["influence"].iloc[0] + move["d_influence"]
    )
    assert after["attractiveness"].iloc[0] == pytest.approx(one["attractiveness"].iloc[0])
    # celebrity carries only a fifth of influence: 21 points is out of its reach
    assert sellers.metric_needed(metrics, "celebrity", move["d_influence"], reference=teach) is None
    with pytest.raises(ValueError, match="points"):
        sellers.metric_needed(metrics, "followers", 120, reference=teach)
    with pytest.raises(ValueError, match="total_watch_time"):
        sellers.metric_needed(metrics, "total_watch_time", 5, reference=teach)


@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 100)), min_size=1, max_size=30))
def test_compare_models_counts_every_seller_once_in_each_model(pairs):
    scores = pd.DataFrame(pairs, columns=["influence", "attractiveness"])
    table = sellers.compare_models(scores)
    assert table["sellers in class"].sum() == table["sellers in tier"].sum() == len(scores)
    assert table["class"].tolist() == list(sellers.class_names("quadrant"))
    assert table["tier"].tolist() == list(sellers.class_names("tiered"))


def test_compare_models_passes_the_thresholds_on():
    scores = pd.DataFrame({"influence": [60.0], "attractiveness": [60.0]})
    assert sellers.compare_models(scores)["sellers in class"].tolist() == [0, 0, 0, 1]
    raised = sellers.compare_models(scores, cuts=(70, 70), bands=(10, 20, 70))
    assert raised["sellers in class"].tolist() == [1, 0, 0, 0]
    assert raised["sellers in tier"].tolist() == [0, 0, 1, 0]
