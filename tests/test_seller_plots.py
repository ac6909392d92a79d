"""Tests for livekit.seller_plots: what the evaluation map, class counts and move arrow draw."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba
from matplotlib.path import Path

from livekit import cases, seller_data
from livekit import seller_plots as P
from livekit import sellers as S
from livekit.style import CLASS_COLORS, CLASS_HATCHES, GROUP_COLORS, TIER_COLORS, TIER_HATCHES
from livekit.vocab import SELLER_CLASSES, TIERS


@pytest.fixture(scope="module")
def teach():
    return seller_data.load_sellers()


@pytest.fixture(scope="module")
def scored(teach):
    return S.score_sellers(teach)


def _plot(scored, ax=None, **options):
    """The map of scored sellers, classified with the same model options."""
    model = {k: options[k] for k in ("model", "cuts", "bands", "share") if k in options}
    return P.plot_evaluation_map(scored, S.classify(scored, **model), ax=ax, **options)


def _map(ax):
    """The coloured dots: the last of the map's scatter collections."""
    return [c for c in ax.collections if c.get_offsets().shape[0] > 1][-1]


def test_dots_have_their_class_colour(scored):
    fig, ax = plt.subplots()
    classes = S.classify(scored)
    P.plot_evaluation_map(scored, classes, ax=ax)
    faces = _map(ax).get_facecolors()
    for k in (0, 11, 22, 33):  # one seller of each intended class
        assert tuple(faces[k]) == pytest.approx(to_rgba(CLASS_COLORS[str(classes[k])]))


def test_the_map_draws_the_classes_it_is_given_and_scores_nothing(scored, monkeypatch):
    def no_scoring(*args, **kwargs):
        raise AssertionError("a plot function must not score or classify")

    monkeypatch.setattr(S, "score_sellers", no_scoring)
    monkeypatch.setattr(S, "classify", no_scoring)
    fig, ax = plt.subplots()
    given = ["super"] * len(scored)  # whatever the scores say: the picture shows these
    P.plot_evaluation_map(scored, given, ax=ax)
    assert {tuple(f) for f in _map(ax).get_facecolors()} == {to_rgba(CLASS_COLORS["super"])}
    with pytest.raises(ValueError, match="one class per seller"):
        P.plot_evaluation_map(scored, given[:-1])
    with pytest.raises(TypeError, match="scored must be a DataFrame"):
        P.plot_evaluation_map([1, 2], ["super", "super"])
    plt.close("all")


def test_quadrant_regions_and_threshold_lines(scored):
    fig, ax = plt.subplots()
    _plot(scored, cuts=(40, 60), ax=ax)
    patches = [p for p in ax.patches if p.get_hatch() is not None or p.get_alpha()]
    hatches = {p.get_hatch() for p in ax.patches}
    assert {h for h in CLASS_HATCHES.values() if h} <= hatches
    xs = [tuple(line.get_xdata()) for line in ax.lines if len(line.get_xdata()) == 2]
    ys = [tuple(line.get_ydata()) for line in ax.lines if len(line.get_ydata()) == 2]
    assert (40, 40) in xs and (60, 60) in ys
    super_patch = next(
        p
        for p in ax.patches
        if p.get_facecolor()[:3] == pytest.approx(to_rgba(CLASS_COLORS["super"])[:3])
    )
    verts = super_patch.get_xy()
    assert verts[:, 0].min() == pytest.approx(40) and verts[:, 1].min() == pytest.approx(60)
    assert len(patches) >= 4


def test_tiered_lines_follow_the_bands_and_the_legend_names_tiers(scored):
    fig, ax = plt.subplots()
    _plot(scored, model="tiered", bands=(30, 50, 70), share=0.5, ax=ax)
    for line in ax.lines:
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        if len(x) > 2:
            combined = 0.5 * x + 0.5 * y
            assert np.allclose(combined, combined[0]) and round(combined[0]) in (30, 50, 70)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(reversed(TIERS))  # the tiers' own names, not the paper's classes
    assert ax.get_legend().get_title().get_text() == "tier (kit)"
    hatches = {p.get_hatch() for p in ax.patches}
    assert {h for h in TIER_HATCHES.values() if h} <= hatches


def test_labels_do_not_overlap_and_name_the_sellers(teach, scored):
    names = teach["seller"].head(12).tolist() + ["Film star, 11.11 session", "Pop singer"]
    fig, ax = plt.subplots(figsize=(7, 5))
    _plot(scored, labels=names, ax=ax)
    fig.canvas.draw()
    texts = [t for t in ax.texts if t.get_text() in names]
    assert sorted(t.get_text() for t in texts) == sorted(names)
    boxes = [t.get_window_extent() for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_highlight_rings_the_seller(scored):
    fig, ax = plt.subplots()
    _plot(scored, highlight="Fruit farmer", ax=ax)
    ring = [line for line in ax.lines if line.get_marker() == "o" and len(line.get_xdata()) == 1][0]
    farmer = scored.set_index("seller").loc["Fruit farmer", "influence"]
    assert ring.get_xdata()[0] == pytest.approx(farmer)
    with pytest.raises(ValueError, match="highlight"):
        _plot(scored, highlight="Nobody")


def test_log_axes_show_raw_metrics_with_regions():
    twitch = seller_data.load_twitch()
    tw = S.score_sellers(twitch, method="percentile")
    fig, ax = plt.subplots()
    log_axes = P.metric_axes(twitch, method="percentile")
    assert (log_axes.x, log_axes.y, log_axes.single) == ("followers", "avg_viewers", True)
    P.plot_evaluation_map(tw, S.classify(tw), log_axes=log_axes, ax=ax)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    offsets = _map(ax).get_offsets()
    assert offsets[:, 0].max() == twitch["followers"].max()
    # the vertical threshold sits at the median number of followers (percentile 50)
    vertical = [
        line
        for line in ax.lines
        if len(line.get_xdata()) and np.ptp(np.asarray(line.get_xdata(), float)) == 0
    ]
    assert vertical[0].get_xdata()[0] == pytest.approx(np.median(twitch["followers"]), rel=0.02)
    assert all(p.get_visible() for p in ax.patches if p.get_hatch() in CLASS_HATCHES.values())


def test_log_axes_without_single_metric_hide_regions(teach, scored):
    fig, ax = plt.subplots()
    _plot(scored, log_axes=P.metric_axes(teach), ax=ax)
    assert not any(line.get_visible() and len(line.get_xdata()) for line in ax.lines[:3])


def test_bad_metric_axes_and_axes_name_the_field(teach, scored):
    with pytest.raises(ValueError, match="method"):
        P.metric_axes(teach, method="sqrt")
    with pytest.raises(ValueError, match="x must be one of"):
        P.metric_axes(teach, x="avg_viewers")
    with pytest.raises(TypeError, match="ax"):
        _plot(scored, ax="left")


def test_tier_counts_name_the_tiers():
    fig, ax = plt.subplots()
    P.plot_class_counts(["top tier", "bottom tier", "top tier"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(TIERS)
    assert [bar.get_width() for bar in ax.patches] == [1, 0, 0, 2]
    assert [bar.get_facecolor() for bar in ax.patches] == [to_rgba(TIER_COLORS[t]) for t in TIERS]
    plt.close(fig)


def test_class_counts_bars_and_text():
    classes = ["super", "super", "ordinary", "low-level", "super"]
    fig, ax = plt.subplots()
    P.plot_class_counts(classes, ax=ax)
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == [1, 1, 0, 3]  # in SELLER_CLASSES order, lowest first
    assert [bar.get_hatch() or "" for bar in ax.patches] == [
        CLASS_HATCHES[c] for c in SELLER_CLASSES
    ]
    assert any("3 (60%)" in t.get_text() for t in ax.texts)


def test_next_move_arrow_points_to_the_higher_class():
    fig, ax = plt.subplots()
    P.plot_next_move({"seller": "Farmer", "influence": 30.0, "attractiveness": 70.0}, ax=ax)
    arrow = [t for t in ax.texts if hasattr(t, "arrow_patch") and t.arrow_patch is not None][0]
    assert arrow.xy == pytest.approx((50.0, 70.0))
    assert "super" in ax.get_title()
    caption = [t.get_text() for t in ax.texts if t.get_text().startswith("to ")]
    assert caption == ["to super: +20.0 infl., +0.0 attr."]


def test_next_move_for_a_super_seller_has_no_arrow():
    fig, ax = plt.subplots()
    P.plot_next_move(pd.Series({"influence": 90.0, "attractiveness": 90.0}), ax=ax)
    arrow = [t for t in ax.texts if hasattr(t, "arrow_patch") and t.arrow_patch is not None][0]
    assert not arrow.get_visible()
    with pytest.raises(ValueError, match="attractiveness"):
        P.plot_next_move({"influence": 90.0})


# --- the charts a view moves ------------------------------------------------------------


def test_evaluation_map_update_moves_recolours_and_reshapes_only_on_a_new_model(teach, scored):
    fig, ax = plt.subplots()
    P.label_score_axes(ax)
    chart = P.EvaluationMap(ax, scored, S.classify(scored), label_slots=3)
    assert chart.model == "quadrant" and len(chart.labels) == 3
    assert set(chart.artists) >= {
        chart.points,
        chart.outline,
        chart.ring,
        chart.leaders,
        *chart.regions.values(),
    }
    tiered = S.classify(scored, model="tiered")
    assert chart.update(scored, tiered, model="tiered") is True  # new regions
    assert list(chart.regions) == list(TIERS)  # named by the model now
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(reversed(TIERS))
    assert chart.update(scored, tiered) is False  # same model: regions left alone
    faces = chart.points.get_facecolors()
    assert [tuple(f) for f in faces] == [
        pytest.approx(to_rgba(GROUP_COLORS[str(c)])) for c in tiered
    ]
    moved = scored.assign(influence=scored["influence"] / 2)
    chart.update(moved, tiered, labels=["Fruit farmer"], highlight="Fruit farmer")
    assert np.allclose(chart.points.get_offsets()[:, 0], moved["influence"])
    k = teach.index[teach["seller"] == "Fruit farmer"][0]
    assert chart.ring.get_visible() and chart.ring.get_xdata()[0] == pytest.approx(
        moved["influence"][k]
    )
    assert [label.get_text() for label in chart.labels] == ["Fruit farmer", "", ""]
    assert [label.get_visible() for label in chart.labels] == [True, False, False]


def test_evaluation_map_refuses_more_labels_than_slots_and_unknown_names(teach):
    fig, ax = plt.subplots()
    scored = S.score_sellers(teach)
    chart = P.EvaluationMap(ax, scored, S.classify(scored), label_slots=1)
    with pytest.raises(ValueError, match="at most 1"):
        chart.update(scored, S.classify(scored), labels=["Fruit farmer", "Pop singer"])
    with pytest.raises(ValueError, match="labels"):
        chart.update(scored, S.classify(scored), labels=["Nobody"])


def test_evaluation_map_without_sellers_draws_regions_only():
    fig, ax = plt.subplots()
    chart = P.EvaluationMap(ax, None, ())
    assert chart.points.get_offsets().shape[0] == 0
    assert all(patch.get_visible() for patch in chart.regions.values())


def test_class_counts_chart_updates_bars_and_labels():
    fig, ax = plt.subplots()
    chart = P.ClassCounts(ax, S.class_counts(["super"]), xmax=10)
    chart.update(S.class_counts(["ordinary", "ordinary", "super", "famous"]))
    assert [bar.get_width() for bar in chart.bars] == [0, 2, 1, 1]
    assert chart.texts[1].get_text() == " 2 (50%)"
    assert ax.get_xlim() == (0, 10)
    assert chart.artists == [*chart.bars, *chart.texts]


def test_next_move_chart_starts_hidden_and_follows_updates():
    fig, ax = plt.subplots()
    chart = P.NextMove(ax, 0.0, 0.0, None)
    assert not any(artist.get_visible() for artist in chart.artists)
    move = S.next_class_move(30.0, 70.0)
    chart.update(30.0, 70.0, move)
    assert (
        chart.dot.get_visible() and chart.dot.get_markerfacecolor() == CLASS_COLORS[move["class"]]
    )
    assert chart.arrow.get_visible() and chart.arrow.xy == pytest.approx(
        (30.0 + move["d_influence"], 70.0)
    )
    chart.update(90.0, 90.0, S.next_class_move(90.0, 90.0))
    assert (
        chart.dot.get_visible()
        and not chart.arrow.get_visible()
        and not chart.caption.get_visible()
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    model=st.sampled_from(S.MODELS),
    cut_i=st.integers(5, 95),
    cut_a=st.integers(5, 95),
    low=st.integers(5, 30),
    gap=st.integers(5, 30),
    share=st.sampled_from([0.25, 0.5, 0.75]),
)
def test_every_dot_lies_in_the_region_of_its_class(teach, model, cut_i, cut_a, low, gap, share):
    """Invariant: after any update, each seller's dot sits inside the shaded region of its class."""
    fig, ax = plt.subplots()
    scored = S.score_sellers(teach)
    chart = P.EvaluationMap(ax, scored, S.classify(scored), legend=False)
    params = dict(
        model=model, cuts=(cut_i, cut_a), bands=(low, low + gap, low + 2 * gap), share=share
    )
    classes = S.classify(scored, **params)
    chart.update(scored, classes, **params)
    for (x, y), cls in zip(chart.points.get_offsets(), classes):
        region = chart.regions[str(cls)]
        assert region.get_visible()
        assert Path(region.get_xy()).contains_point((x, y), radius=1e-6) or Path(
            region.get_xy()
        ).contains_point((x, y), radius=-1e-6), (x, y, cls)
    plt.close(fig)


def test_anchor_map_draws_one_bar_per_anchor_with_class_colours(scored):
    placed = cases.classify_anchors(reach=True)
    ax = P.plot_anchor_map(
        placed, reference=scored, reference_classes=S.classify(scored), note="assumed: the kit's"
    )
    bars = [c for c in ax.collections if c.get_linewidth()[0] == 3.0]
    assert len(bars) == 1 and len(bars[0].get_segments()) == len(placed)
    segments = bars[0].get_segments()
    for seg, (_, row) in zip(segments, placed.iterrows()):
        assert seg[0].tolist() == pytest.approx([row["influence_low"], row["attractiveness_low"]])
        assert seg[1].tolist() == pytest.approx([row["influence_high"], row["attractiveness_high"]])
    names = {t.get_text() for t in ax.texts}
    assert set(placed["label"]) <= names and "assumed: the kit's" in names
    high = placed["class_high"]
    diamonds = [
        c
        for c in ax.collections
        if c.get_offsets().shape == (len(placed), 2)
        and c.get_paths()
        and len(c.get_paths()[0].vertices) == 5
    ]
    assert diamonds, "no diamond markers"
    assert [tuple(fc) for fc in diamonds[-1].get_facecolors()] == [
        to_rgba(CLASS_COLORS[c]) for c in high
    ]
    plt.close("all")


def test_anchor_chart_rejects_a_table_without_placements():
    from livekit.style import new_figure

    fig = new_figure(3, 3)
    ax = P.label_score_axes(fig.add_subplot())
    with pytest.raises(ValueError, match="classify_anchors"):
        P.AnchorRanges(ax, pd.DataFrame({"seller": ["a"]}))
    with pytest.raises(TypeError, match="placed"):
        P.plot_anchor_map([1, 2])
    with pytest.raises(ValueError, match="reference_classes"):
        P.plot_anchor_map(
            cases.classify_anchors(), reference=S.score_sellers(seller_data.load_sellers())
        )
