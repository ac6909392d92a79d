"""Drive the seller slider views from pytest: set widget values, assert what changed."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from livekit import seller_views as V
from livekit import sellers as S
from livekit.style import CLASS_COLORS


@pytest.fixture
def one():
    return V.explore_seller("Fruit farmer")


@pytest.fixture
def whole():
    return V.explore_sellers()


# --- one seller -------------------------------------------------------------------------

def test_seller_view_starts_at_the_sellers_scores(one):
    expected = S.score_sellers(S.load_sellers()).set_index("seller").loc["Fruit farmer"]
    assert one.scores == pytest.approx((expected["influence"], expected["attractiveness"]))
    assert one.current_class == "ordinary"
    assert repr(one) == "<livekit view: One seller on the evaluation map>"
    assert "ordinary" in one.readout.value and "super" in one.readout.value  # class and next class
    assert one.image.value[:4] == b"\x89PNG"


def test_more_followers_move_the_dot_right_and_up_a_class(one):
    before_png = one.image.value
    x0 = one.dot.get_xdata()[0]
    one.sliders["followers"].value = 5e7
    assert one.dot.get_xdata()[0] > x0 + 10
    assert one.dot.get_ydata()[0] == pytest.approx(one.scores[1])
    assert one.current_class == "super"
    assert one.dot.get_markerfacecolor() == CLASS_COLORS["super"]
    assert "top class" in one.readout.value
    assert not one.arrow.get_visible()
    assert one.image.value != before_png


def test_arrow_and_gap_follow_the_smallest_move(one):
    one.sliders["conversion"].value = 0.0
    one.sliders["avg_viewers"].value = 50.0
    i, a = one.scores
    move = S.next_class_move(i, a)
    assert one.arrow.get_visible()
    assert one.arrow.xy == pytest.approx((i + move["d_influence"], a + move["d_attractiveness"]))
    assert f"+{move['d_attractiveness']:.1f}" in one.readout.value


def test_model_toggle_reshapes_regions_and_reclassifies(one):
    famous = one.map.regions["famous"]
    quad = famous.get_xy().copy()
    one.model.value = "tiered"
    assert famous.get_xy().shape != quad.shape or not np.allclose(famous.get_xy(), quad)
    i, a = one.scores
    assert one.current_class == S.class_of(i, a, model="tiered")


def test_seller_view_bad_start_names_the_field():
    with pytest.raises(ValueError, match="seller"):
        V.explore_seller("Nobody")
    with pytest.raises(ValueError, match="model"):
        V.explore_seller(model="pyramid")


# --- whole data set ---------------------------------------------------------------------

def test_data_view_counts_all_four_classes(whole):
    assert whole.counts.to_dict() == {"low-level": 11, "ordinary": 11, "famous": 11, "super": 11}
    assert "Sellers per class" in whole.counts_box.value and "11 (25%)" in whole.counts_box.value
    assert whole.map.points.get_offsets().shape == (44, 2)


def test_raising_a_threshold_recolours_dots_and_recounts(whole):
    before = whole.counts.copy()
    png = whole.image.value
    whole.cuts[0].value = 80  # influence threshold
    assert whole.counts["super"] < before["super"]
    assert whole.counts.sum() == 44
    faces = whole.map.points.get_facecolors()
    for k, cls in enumerate(whole.classes):
        assert tuple(faces[k]) == pytest.approx(to_rgba(CLASS_COLORS[str(cls)]))
    vertical = whole.map.lines[0]
    assert tuple(vertical.get_xdata()) == (80, 80)
    assert whole.image.value != png
    assert f"{whole.counts['super']:,} (" in whole.counts_box.value


def test_weight_slider_moves_the_dots(whole):
    before = whole.map.points.get_offsets().copy()
    whole.weights["celebrity"].value = 1.0
    after = whole.map.points.get_offsets()
    assert not np.allclose(before[:, 0], after[:, 0])  # influence moved
    assert np.allclose(before[:, 1], after[:, 1])  # attractiveness did not


def test_tiered_model_and_bad_bands_show_an_error(whole):
    whole.model_pick.value = "tiered"
    assert whole.quadrant_box.layout.display == "none" and whole.tiered_box.layout.display == ""
    tiered = S.classify(S.score_sellers(S.load_sellers()), model="tiered")
    assert list(whole.classes) == list(tiered)
    whole.bands[0].value = 80  # above the next band: not increasing
    assert "bands must be increasing" in whole.error.value
    whole.bands[0].value = 30
    assert whole.error.value == ""


def test_all_weights_zero_shows_an_error(whole):
    for name in ("followers", "celebrity", "annual_sales_cny"):
        whole.weights[name].value = 0.0
    assert "influence" in whole.error.value and "all zero" in whole.error.value


def test_switch_to_twitch_data(whole):
    whole.data_pick.value = "Twitch top 1,000 (real)"
    assert whole.map.points.get_offsets().shape == (1000, 2)
    assert whole.counts.sum() == 1000
    assert whole.weights["celebrity"].layout.display == "none"
    assert whole.weights["total_watch_time"].layout.display == ""
    whole.method_pick.value = "percentile"
    expected = S.classify(S.score_sellers(S.load_twitch(), method="percentile"))
    assert whole.counts.to_dict() == S.class_counts(expected).to_dict()
    whole.weights["avg_viewers"].value = 0.0
    whole.weights["total_watch_time"].value = 1.0
    watch = S.classify(S.score_sellers(S.load_twitch(), method="percentile",
                                       weights={"followers": 1, "total_watch_time": 1}))
    assert whole.counts.to_dict() == S.class_counts(watch).to_dict()


def test_readout_translates_the_move_into_metrics(one):
    assert "Followers 90,000 &rarr; <b>7.5 million</b>" in one.readout.value


def test_labels_are_drawn_as_images_where_their_text_was_placed(whole):
    shown = [(label, image) for label, image in zip(whole.map.labels, whole.label_images) if image.get_visible()]
    names = [label.get_text() for label, _ in shown]
    paper = S.load_sellers().query("basis == 'paper'")["seller"].tolist()
    assert names == paper
    for label, image in shown:
        assert not label.get_visible()
        x, y = whole.map.ax.transData.transform(label.get_position())
        box = image.get_window_extent()
        assert box.y0 == pytest.approx(y, abs=2)
        assert (box.x0 == pytest.approx(x, abs=2)) or (box.x1 == pytest.approx(x, abs=2)) \
            or ((box.x0 + box.x1) / 2 == pytest.approx(x, abs=2))
    whole.weights["celebrity"].value = 1.0  # points move: images follow their labels
    label, image = shown[0]
    x, y = whole.map.ax.transData.transform(label.get_position())
    assert image.get_window_extent().y0 == pytest.approx(y, abs=2)


def test_saving_the_data_view_writes_real_text(whole, tmp_path):
    files = whole.save(tmp_path / "map")
    assert [f.suffix for f in files] == [".png", ".svg"]
    svg = files[1].read_text()
    assert "Top anchor A" in svg
    assert all(not label.get_visible() for label in whole.map.labels)  # back to images
    assert any(image.get_visible() for image in whole.label_images)
