"""Drive the seller slider views from pytest: set controls by name, assert what the view shows."""

from __future__ import annotations

import datetime
import io

import ipywidgets as widgets
import numpy as np
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba

from livekit import cases, seller_data, seller_metrics
from livekit import seller_plots as P
from livekit import seller_views as V
from livekit import sellers as S
from livekit.seller_data import MAX_VIEW_BYTES, PASTED_NAME
from livekit.style import CLASS_COLORS, GROUP_COLORS, new_figure
from livekit.views import FastFigure, Prediction, View
from livekit.vocab import SELLER_CLASSES, TIERS

TWITCH = "Twitch top 1,000 (real)"


@pytest.fixture
def one():
    return V.explore_seller("Fruit farmer")


@pytest.fixture
def whole():
    return V.explore_sellers()


def _public_attributes(view) -> set[str]:
    return {name for name in vars(view) if not name.startswith("_")}


def test_views_declare_their_parts_and_add_no_attributes_of_their_own(one, whole):
    bare = View(
        title="t",
        question="q",
        controls={"a": widgets.IntSlider()},
        figure=FastFigure(new_figure(2, 2)),
        prediction=Prediction("?", outcome=lambda shown: None, options=["a", "b"]),
    )
    assert _public_attributes(one) == _public_attributes(bare)
    assert _public_attributes(whole) == _public_attributes(bare)
    # the model picker has one name in both views
    for view in (one, whole):
        assert view.controls["model"].options == S.MODELS
    assert set(one.controls) == {"model", *V.SELLER_SLIDERS}
    assert set(one.charts) == {"map", "move"} and set(whole.charts) == {"map", "counts"}
    assert isinstance(one.charts["map"], P.EvaluationMap) and isinstance(
        one.charts["move"], P.NextMove
    )


# --- one seller -------------------------------------------------------------------------


def test_seller_view_starts_at_the_sellers_scores(one):
    expected = S.score_sellers(seller_data.load_sellers()).set_index("seller").loc["Fruit farmer"]
    assert (one.shown["influence"], one.shown["attractiveness"]) == pytest.approx(
        (expected["influence"], expected["attractiveness"])
    )
    assert one.shown["seller_class"] == "ordinary" == one.shown["move"]["class"]
    assert one.shown["metrics"]["followers"] == pytest.approx(expected["followers"])
    assert repr(one) == "<livekit view: One seller on the evaluation map>"
    assert "ordinary" in one.readout.value and "super" in one.readout.value  # class and next class
    assert one.image.value[:4] == b"\x89PNG" and one.error.value == ""


def test_more_followers_move_the_dot_right_and_up_a_class(one):
    before_png = one.image.value
    dot = one.charts["move"].dot
    x0 = dot.get_xdata()[0]
    one.controls["followers"].value = 5e7
    assert dot.get_xdata()[0] > x0 + 10
    assert dot.get_xdata()[0] == pytest.approx(one.shown["influence"])
    assert dot.get_ydata()[0] == pytest.approx(one.shown["attractiveness"])
    assert one.shown["seller_class"] == "super"
    assert dot.get_markerfacecolor() == CLASS_COLORS["super"]
    assert "top class" in one.readout.value
    assert not one.charts["move"].arrow.get_visible()
    assert one.image.value != before_png


def test_arrow_and_readout_wait_for_the_prediction(one):
    move = one.charts["move"]
    assert not move.arrow.get_visible() and not move.caption.get_visible()
    assert one.readout.layout.display == "none"
    assert one.shown["move"]["target"] == "super"  # the move is known, only not shown yet
    one.prediction.commit("ordinary")
    assert move.arrow.get_visible() and "to super" in move.caption.get_text()
    assert one.readout.layout.display != "none"
    skipped = V.explore_seller("Fruit farmer")
    skipped.prediction.pass_over()
    assert skipped.charts["move"].arrow.get_visible()


def test_arrow_and_gap_follow_the_smallest_move(one):
    one.prediction.pass_over()
    with one.quiet():
        one.controls["conversion"].value = 0.0
        one.controls["avg_viewers"].value = 50.0
    i, a = one.shown["influence"], one.shown["attractiveness"]
    move = S.next_class_move(i, a)
    assert one.shown["move"] == move
    arrow = one.charts["move"].arrow
    assert arrow.get_visible()
    assert arrow.xy == pytest.approx((i + move["d_influence"], a + move["d_attractiveness"]))
    assert f"+{move['d_attractiveness']:.1f}" in one.readout.value


def test_model_toggle_reshapes_regions_and_reclassifies(one):
    famous = one.charts["map"].regions["famous"]
    quad = famous.get_xy().copy()
    one.controls["model"].value = "tiered"
    assert famous.get_xy().shape != quad.shape or not np.allclose(famous.get_xy(), quad)
    assert one.charts["map"].model == "tiered"
    assert list(one.charts["map"].regions) == list(TIERS)
    assert one.shown["seller_class"] in TIERS and "Tier" in one.readout.value
    assert one.shown["seller_class"] == S.class_of(
        one.shown["influence"], one.shown["attractiveness"], model="tiered"
    )
    tiered = S.classify(S.score_sellers(seller_data.load_sellers()), model="tiered")
    faces = one.charts["map"].points.get_facecolors()  # the faint teaching set, recoloured too
    assert [tuple(f[:3]) for f in faces] == [
        pytest.approx(to_rgba(GROUP_COLORS[str(c)])[:3]) for c in tiered
    ]


def test_seller_view_bad_start_names_the_field():
    with pytest.raises(ValueError, match="seller"):
        V.explore_seller("Nobody")
    with pytest.raises(ValueError, match="model"):
        V.explore_seller(model="pyramid")


def test_readout_translates_the_move_into_metrics(one):
    assert "Followers 90,000 &rarr; <b>7.5 million</b>" in one.readout.value


def test_a_first_draw_error_shows_in_the_view(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("influence must be between 0 and 100")

    monkeypatch.setattr(S, "next_class_move", broken)
    view = V.explore_seller()  # no exception: the error is shown in the view
    assert "Cannot update" in view.error.value and "influence" in view.error.value


def test_followers_prediction_is_checked_against_the_class_shown(one):
    prediction = one.prediction
    prediction.commit("super")
    assert prediction.held is None  # followers still at 90,000: the experiment is not done
    one.controls["followers"].value = V.FOLLOWERS_GOAL
    outcome = S.class_of(one.shown["influence"], one.shown["attractiveness"])
    assert prediction.outcome(one.shown) == outcome == one.shown["seller_class"]
    assert prediction.held == (outcome == "super")
    assert "the view shows" in prediction.verdict.value
    one.controls["conversion"].value = 0.25  # another slider moved: no longer "followers only"
    assert prediction.held is None
    one.controls["conversion"].value = (
        one.controls["conversion"].min + 0.0
    )  # far from the start too
    assert prediction.held is None


def test_followers_prediction_that_fails_says_so():
    view = V.explore_seller("Fruit farmer")
    wrong = next(c for c in SELLER_CLASSES if c != "super")
    view.prediction.commit(wrong)
    view.controls["followers"].value = 5e7
    assert view.shown["seller_class"] == "super"
    assert view.prediction.held is False and "did not hold" in view.prediction.verdict.value
    view.controls["model"].value = "tiered"  # the question is about the quadrant model
    assert view.prediction.held is None


# --- whole data set ---------------------------------------------------------------------


def test_data_view_counts_all_four_classes(whole):
    assert whole.shown["counts"] == {"low-level": 11, "ordinary": 11, "famous": 11, "super": 11}
    html = whole.charts["counts"].value
    assert "Sellers per class" in html and "11 (25%)" in html
    assert whole.charts["map"].points.get_offsets().shape == (44, 2)
    assert whole.error.value == ""


def test_raising_a_threshold_recolours_dots_and_recounts_without_rescoring(whole):
    before = dict(whole.shown["counts"])
    scored = whole.charts["map"].scored
    png = whole.image.value
    whole.controls["cut_influence"].value = 80
    assert whole.charts["map"].scored is scored  # a threshold move does not re-score
    assert whole.shown["counts"]["super"] < before["super"]
    assert sum(whole.shown["counts"].values()) == 44
    faces = whole.charts["map"].points.get_facecolors()
    for k, cls in enumerate(whole.shown["classes"]):
        assert tuple(faces[k]) == pytest.approx(to_rgba(CLASS_COLORS[str(cls)]))
    vertical = whole.charts["map"].lines[0]
    assert tuple(vertical.get_xdata()) == (80, 80)
    assert whole.image.value != png
    assert f"{whole.shown['counts']['super']:,} (" in whole.charts["counts"].value


def test_weight_slider_moves_the_dots(whole):
    before = whole.charts["map"].points.get_offsets().copy()
    whole.controls["weight_celebrity"].value = 1.0
    after = whole.charts["map"].points.get_offsets()
    assert not np.allclose(before[:, 0], after[:, 0])  # influence moved
    assert np.allclose(before[:, 1], after[:, 1])  # attractiveness did not
    assert whole.shown["weights"]["celebrity"] == 1.0


def test_tiered_model_and_bad_bands_show_an_error(whole):
    whole.controls["model"].value = "tiered"
    assert whole.controls["cut_influence"].layout.display == "none"
    assert (
        whole.controls["band_lower"].layout.display == ""
        and whole.controls["share"].layout.display == ""
    )
    # the tier sliders are named for the tiers, not for the paper's classes
    assert [whole.controls[k].description for k in ("band_lower", "band_upper", "band_top")] == [
        f"{t} from (combined)" for t in TIERS[1:]
    ]
    tiered = S.classify(S.score_sellers(seller_data.load_sellers()), model="tiered")
    assert list(whole.shown["classes"]) == list(tiered)
    assert list(whole.shown["counts"]) == list(TIERS)
    assert "top tier" in whole.readout.value and "super" not in whole.readout.value
    assert "Sellers per tier" in whole.charts["counts"].value
    whole.controls["band_lower"].value = 80  # above the next band: not increasing
    assert "bands must be increasing" in whole.error.value
    whole.controls["band_lower"].value = 30
    assert whole.error.value == ""
    assert whole.shown["bands"] == (30, 50, 65)


def test_all_weights_zero_shows_an_error(whole):
    for name in ("followers", "celebrity", "annual_sales_cny"):
        whole.controls[f"weight_{name}"].value = 0.0
    assert "influence" in whole.error.value and "all zero" in whole.error.value


def test_switch_to_twitch_data(whole):
    whole.controls["data"].value = TWITCH
    assert whole.charts["map"].points.get_offsets().shape == (1000, 2)
    assert sum(whole.shown["counts"].values()) == 1000
    assert whole.controls["weight_celebrity"].layout.display == "none"
    assert whole.controls["weight_total_watch_time"].layout.display == ""
    assert whole.charts["map"].label_names == []
    whole.controls["method"].value = "percentile"
    expected = S.classify(S.score_sellers(seller_data.load_twitch(), method="percentile"))
    assert whole.shown["counts"] == S.class_counts(expected).to_dict()
    whole.controls["weight_avg_viewers"].value = 0.0
    whole.controls["weight_total_watch_time"].value = 1.0
    watch = S.classify(
        S.score_sellers(
            seller_data.load_twitch(),
            method="percentile",
            weights={"followers": 1, "total_watch_time": 1},
        )
    )
    assert whole.shown["counts"] == S.class_counts(watch).to_dict()


@pytest.mark.parametrize("moved", [False, True])
def test_a_data_set_switch_resets_its_weights_in_one_update(whole, moved):
    if moved:  # a weight away from its default: the switch resets it, quietly
        whole.controls["weight_followers"].value = 1.0
    calls = []
    counts = whole.charts["counts"]
    original = counts.update
    counts.update = lambda c: (calls.append(dict(c)), original(c))
    whole.controls["data"].value = TWITCH
    assert len(calls) == 1 and sum(calls[0].values()) == 1000
    defaults = seller_metrics.dataset_weights(seller_data.load_twitch())
    assert whole.shown["weights"] == pytest.approx(defaults)
    assert whole.controls["weight_followers"].value == defaults["followers"]


def test_labels_are_painted_where_their_text_would_be(whole):
    shown = [
        label for label in whole.charts["map"].labels if label.get_visible() and label.get_text()
    ]
    paper = seller_data.load_sellers().query("basis == 'paper'")["seller"].tolist()
    assert [label.get_text() for label in shown] == paper
    from PIL import Image

    fig = whole.fast.fig
    stamped = np.asarray(Image.open(io.BytesIO(whole.image.value))).astype(int)[..., :3]
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:  # draw it all as a saved figure would: real text
        artist.set_animated(False)
    try:
        fig.canvas.draw()
        real = np.asarray(fig.canvas.buffer_rgba()).astype(int)[..., :3]
        boxes = [label.get_window_extent(fig.canvas.get_renderer()) for label in shown]
    finally:
        for artist in animated:
            artist.set_animated(True)
    height = real.shape[0]
    for label, box in zip(shown, boxes):
        rows = slice(int(height - box.y1) - 2, int(height - box.y0) + 2)
        cols = slice(int(box.x0) - 2, int(box.x1) + 2)

        def error(dx, dy, rows=rows, cols=cols):
            moved = np.roll(np.roll(stamped, dy, axis=0), dx, axis=1)
            return np.abs(moved[rows, cols] - real[rows, cols]).mean()

        assert (stamped[rows, cols] < 100).any(), (
            f"{label.get_text()}: no dark text pixels in the view"
        )
        # the painted text sits where the real text would be: no shift does better
        assert error(0, 0) <= min(error(dx, dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2))
        assert error(0, 0) < 30  # anti-aliasing differs a little, nothing more


def test_saving_the_data_view_writes_real_text(whole, tmp_path):
    whole.save_row.name.value = str(tmp_path / "map")
    whole.save_row.button.click()
    assert "Saved" in whole.save_row.status.value
    svg = (tmp_path / "map.svg").read_text()
    assert "Top anchor A" in svg
    assert all(
        label.get_animated() for label in whole.charts["map"].labels
    )  # back to painted labels


def test_threshold_prediction_is_checked_against_where_the_super_sellers_go(whole):
    prediction = whole.prediction
    assert "super" not in prediction.options[:3]  # the three other classes, then "they stay"
    prediction.commit("famous")
    assert prediction.held is None  # threshold still at 50
    whole.controls["cut_influence"].value = V.THRESHOLD_GOAL
    scored = S.score_sellers(seller_data.load_sellers())
    before = S.classify(scored)
    after = S.classify(scored, cuts=(V.THRESHOLD_GOAL, 50.0))
    fallen = {str(b) for a, b in zip(before, after) if a == "super" and b != "super"}
    assert fallen == {"ordinary"}  # influence fell below the threshold, attractiveness did not
    assert prediction.outcome(whole.shown) == "ordinary"
    assert prediction.held is False and "did not hold" in prediction.verdict.value
    assert "attractiveness" in prediction.verdict.value  # the hint says what to look at
    whole.controls["model"].value = "tiered"  # another experiment: not checked
    assert prediction.held is None
    whole.controls["model"].value = "quadrant"
    whole.controls["weight_celebrity"].value = 1.0
    assert prediction.held is None


def test_threshold_prediction_holds_for_the_right_class_and_knows_no_change():
    view = V.explore_sellers()
    view.prediction.commit("ordinary")
    view.controls["cut_influence"].value = V.THRESHOLD_GOAL
    assert view.prediction.held is True
    unchanged = {**view.shown, "classes": S.classify(S.score_sellers(seller_data.load_sellers()))}
    assert view.prediction.outcome(unchanged) == view.prediction.options[-1]  # they stay super


def test_data_view_shows_at_most_eight_controls_and_the_rest_behind_a_toggle(whole):
    hidden = {"share", *(f"weight_{name}" for name in seller_metrics.METRICS)}
    assert whole.more is not None and not whole.more.value

    def shown_at_first(box) -> set[str]:
        names = set()
        for child in getattr(box, "children", ()):
            if child is whole.more:
                break
            named = [n for n, c in whole.controls.items() if c is child]
            names.update(named) if named else names.update(shown_at_first(child))
        return names

    first = shown_at_first(whole.control_box)
    assert len(first) <= 8 and first.isdisjoint(hidden) and first | hidden == set(whole.controls)
    whole.more.value = True
    whole.controls["weight_followers"].value = 0.9  # behind the toggle, still live
    assert whole.shown["weights"]["followers"] == 0.9


def test_data_view_bad_start_names_the_field():
    with pytest.raises(ValueError, match="dataset"):
        V.explore_sellers("my table")
    with pytest.raises(ValueError, match="method"):
        V.explore_sellers(method="z-score")


# --- your own data ----------------------------------------------------------------------


def _upload(view, name: str, content: bytes) -> None:
    """What JupyterLab or Voila hands the kernel on an upload (ipywidgets 8: a tuple of dicts)."""
    view.controls["upload"].value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        },
    )


def _pickers(view) -> dict[str, str]:
    """The visible mapping drop-downs: {their column: kit column chosen}."""
    return {
        view.controls[f"map_{k}"].description: view.controls[f"map_{k}"].value
        for k in range(12)
        if view.controls[f"map_{k}"].layout.display != "none"
    }


SIX = (
    "Name,Fans,Viewers,Conversion\n"
    "Shop A,1200,30,2%\nShop B,85k,2400,5%\nShop C,400000,900,1%\n"
    "Shop D,3.5万,12000,8%\nShop E,1.2M,45000,3%\nShop F,15000,150,12%\n"
)


@pytest.fixture
def own():
    return V.explore_own_data()


def test_own_data_view_starts_with_the_example_classified(own):
    assert own.error.value == ""
    assert own.shown["file"] == V.EXAMPLE_NAME
    assert (own.shown["sep"], own.shown["encoding"], own.shown["decimal"]) == (";", "gb18030", ".")
    assert own.shown["mapping"] == {
        "主播": "seller",
        "粉丝数": "followers",
        "场均观看": "avg_viewers",
        "转化率": "conversion",
    }
    # four sellers < MIN_SELF_REFERENCE: the teaching set is the reference, and the view says so
    assert own.shown["reference"] == "teaching set"
    assert "fewer than 5" in own.shown["reference_note"] and "teaching set" in own.readout.value
    # the classes are what the logic gives for the same file
    direct = S.score_sellers(
        seller_data.read_sellers(V.own_data_example(), columns=own.shown["mapping"])
    )
    assert own.shown["classes"] == dict(zip(direct["seller"], map(str, S.classify(direct))))
    assert set(own.shown["classes"]) == {row[0] for row in V.EXAMPLE_ROWS[1:]}
    assert sum(own.shown["counts"].values()) == 4
    assert own.charts["map"].points.get_offsets().shape == (4, 2)
    assert all(row[0] in own.charts["table"].value for row in V.EXAMPLE_ROWS[1:])
    assert own.image.value[:4] == b"\x89PNG"


def test_own_data_view_without_example_waits_for_a_file():
    view = V.explore_own_data(example=False)
    assert view.shown["file"] is None and view.shown["classes"] == {} and view.error.value == ""
    view.controls["example"].click()
    assert view.shown["file"] == V.EXAMPLE_NAME and len(view.shown["classes"]) == 4


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_uploads_in_any_separator_and_encoding_give_the_same_classes(sep, encoding):
    view = V.explore_own_data(example=False)
    _upload(view, f"mine{sep!r}.csv", V.own_data_example(encoding=encoding, sep=sep))
    assert view.error.value == "", view.error.value
    assert view.shown["sep"] == sep
    assert (
        view.shown["classes"] == V.explore_own_data().shown["classes"]
    )  # the example, as the view loads it


def test_a_self_referenced_upload_with_suffixes_and_chosen_mappings():
    view = V.explore_own_data(example=False)
    _upload(view, "six.csv", SIX.encode("utf-8"))
    assert view.error.value == "", view.error.value
    assert _pickers(view) == {
        "Name": "seller",
        "Fans": "followers",
        "Viewers": "avg_viewers",
        "Conversion": "conversion",
    }
    assert view.shown["reference"] == "self" and view.shown["reference_note"] == ""
    table = seller_data.read_sellers(SIX.encode(), columns=view.shown["mapping"])
    assert table["followers"].tolist() == [1200, 85000, 400000, 35000, 1.2e6, 15000]
    scored = S.score_sellers(table)
    assert view.shown["classes"] == dict(zip(scored["seller"], map(str, S.classify(scored))))
    # drop conversion: the other choices stay, and attractiveness rests on viewers alone
    view.controls["map_3"].value = ""
    assert _pickers(view) == {
        "Name": "seller",
        "Fans": "followers",
        "Viewers": "avg_viewers",
        "Conversion": "",
    }
    alone = S.score_sellers(table.drop(columns="conversion"))
    assert view.shown["classes"] == dict(zip(alone["seller"], map(str, S.classify(alone))))
    # a threshold move reclassifies without a re-read
    view.controls["cut_influence"].value = 90
    assert view.shown["cuts"] == (90, 50)
    assert view.shown["classes"] == dict(
        zip(alone["seller"], map(str, S.classify(alone, cuts=(90, 50))))
    )


def test_reading_problems_are_listed_at_once_and_nothing_is_lost():
    view = V.explore_own_data(example=False)
    bad = "Name;Fans;Viewers\nShop A;12k;30\nShop B;-5;abc\nShop A;1;2\n".encode("gb18030")
    _upload(view, "bad.csv", bad)
    error = view.error.value
    assert "bad.csv: 3 problems" in error
    assert "line 3, column 'Fans' (kit column 'followers')" in error
    assert "line 3, column 'Viewers' (kit column 'avg_viewers')" in error and "'abc'" in error
    assert "'Shop A' is on lines 2, 4" in error
    assert error.count("<br>") == 3  # one problem a line
    assert view.shown["classes"] == {} and "No sellers classified" in view.readout.value
    assert view.charts["map"].points.get_offsets().shape == (0, 2)  # no stale dots
    # the upload and the mappings are kept
    assert view.controls["upload"].value[0]["name"] == "bad.csv"
    assert _pickers(view) == {"Name": "seller", "Fans": "followers", "Viewers": "avg_viewers"}
    # a student's choice survives a failed read and a new file with the same column
    view.controls["map_2"].value = ""
    assert "kit column 'avg_viewers'" not in view.error.value
    good = b"Name;Fans;Viewers\nShop A;12k;30\nShop B;5;7\nShop C;1;2\n"
    _upload(view, "good.csv", good)
    assert _pickers(view)["Viewers"] == ""  # the student's choice, not the guess
    assert "attractiveness" in view.error.value  # no attractiveness metric mapped: said in words
    view.controls["map_2"].value = "avg_viewers"
    assert view.error.value == "" and len(view.shown["classes"]) == 3


def test_two_columns_mapped_to_one_kit_column_and_no_seller_column_are_explained():
    view = V.explore_own_data()
    view.controls["map_2"].value = "followers"  # 场均观看 -> followers, as 粉丝数 is
    assert (
        "'粉丝数'" in view.error.value
        and "'场均观看'" in view.error.value
        and "followers" in view.error.value
    )
    view.controls["map_2"].value = "avg_viewers"
    assert view.error.value == ""
    view.controls["map_0"].value = ""
    assert "'seller'" in view.error.value
    assert view.shown["classes"] == {}


def test_an_unreadable_file_and_a_manual_option(own):
    _upload(own, "binary.csv", b"\x00\x01\x02\xff\xfe" * 40)
    assert "binary.csv" in own.error.value and own.shown["classes"] == {}
    _upload(own, "decimal.csv", b"Name;Fans;Viewers\nA;1,500;30\nB;2,500;40\nC;3,500;50\n")
    assert own.error.value != ""  # 1,500 could be either: the message asks for a choice
    own.controls["decimal"].value = ","
    assert own.error.value == "", own.error.value
    assert own.shown["decimal"] == ","


def test_own_data_prediction_on_the_tiered_model(own):
    quadrant = own.shown["classes"][V.EXAMPLE_SELLER]
    assert own.prediction.input.options[1:] == tuple((t, t) for t in TIERS)
    own.prediction.commit("upper tier")
    assert own.prediction.held is None
    own.controls["model"].value = "tiered"
    tiered = own.shown["classes"][V.EXAMPLE_SELLER]
    ranks = (SELLER_CLASSES.index(quadrant), TIERS.index(tiered))
    assert ranks[0] != ranks[1]  # the question is worth asking: the tier ranks it otherwise
    assert own.prediction.held is (tiered == "upper tier")


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="店铺主播王李abcXYZ", min_size=1, max_size=6),
            st.integers(1, 10**8),
            st.integers(1, 10**6),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda r: r[0],
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "gb18030"]),
    st.sampled_from(["plain", "full-width", "lower bound", "yuan sign", "spaces"]),
)
def test_any_clean_upload_is_classified_as_the_logic_says(rows, sep, encoding, form):
    """Numbers written plain or as platforms and Chinese spreadsheets write them."""

    def written(value: int) -> str:
        return {
            "plain": str(value),
            "full-width": str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            "lower bound": f"{value}+",
            "yuan sign": f"¥{value}",
            "spaces": f"{value:,}".replace(",", " "),
        }[form]

    text = (
        sep.join(["主播", "粉丝数", "场均观看"])
        + "\n"
        + "".join(f"{n}{sep}{written(f)}{sep}{written(v)}\n" for n, f, v in rows)
    )
    view = V.explore_own_data(example=False)
    _upload(view, "any.csv", text.encode(encoding))
    table = seller_data.read_sellers(
        text.encode(encoding),
        columns={"主播": "seller", "粉丝数": "followers", "场均观看": "avg_viewers"},
    )
    try:
        scored = S.score_sellers(table)
    except ValueError:
        assert view.shown["classes"] == {} and view.error.value != ""
        return
    assert view.error.value == ""
    assert view.shown["classes"] == dict(zip(scored["seller"], map(str, S.classify(scored))))
    assert view.shown["reference"] == (
        "teaching set" if len(rows) < S.MIN_SELF_REFERENCE else scored.attrs["reference"]
    )


def _preview(view) -> str:
    """The own-data view's preview (the HTML under the reading options)."""
    found = [
        w.value
        for w in view.control_box.children
        if isinstance(w, widgets.HTML) and ("Found:" in w.value or "No file yet" in w.value)
    ]
    assert len(found) == 1
    return found[0]


def _xlsx(rows_by_sheet: dict) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SHOPS = [
    ["Top shops, November (export)"],
    [],
    ["Name", "Fans", "Viewers"],
    ["Shop A", 1200, 30],
    ["Shop B", "8.5万", 2400],
    ["Shop C", 400000, 900],
    ["合计", None, None],
]


def test_an_uploaded_workbook_is_read_and_its_sheets_offered():
    view = V.explore_own_data(example=False)
    content = _xlsx({"Notes": [["exported by the dashboard"]], "Shops": SHOPS})
    _upload(view, "shops.xlsx", content)
    assert view.error.value == "", view.error.value
    assert (view.shown["encoding"], view.shown["sheet"], view.shown["header_line"]) == (
        "xlsx",
        "Shops",
        3,
    )
    assert _pickers(view) == {"Name": "seller", "Fans": "followers", "Viewers": "avg_viewers"}
    table = seller_data.read_sellers(content, columns=view.shown["mapping"])
    scored = S.score_sellers(table)
    assert view.shown["classes"] == dict(zip(scored["seller"], map(str, S.classify(scored))))
    assert table["seller"].tolist() == ["Shop A", "Shop B", "Shop C"]  # the 合计 row dropped
    preview = _preview(view)
    assert "Read with care" in preview and "dropped as a totals row" in preview
    assert "row 7" in " ".join(view.shown["warnings"])
    sheet = view.controls["sheet"]
    assert sheet.layout.display == "" and [v for _, v in sheet.options] == [None, "Notes", "Shops"]
    sheet.value = "Notes"  # a sheet without sellers: said, and nothing classified
    assert "(sheet 'Notes'): the file has 0 data rows" in view.error.value
    assert view.shown["classes"] == {}
    sheet.value = None
    assert view.error.value == "" and len(view.shown["classes"]) == 3


def test_pasted_cells_are_classified_like_the_same_file():
    view = V.explore_own_data(example=False)
    pasted = "主播\t粉丝数\t场均观看\r\n果园小王\t8.6万\t1200\r\n茶山阿妹\t3.2万\t450\r\n"
    view.controls["paste"].value = pasted
    assert view.error.value == "" and view.shown["file"] == PASTED_NAME
    assert view.shown["sep"] == "\t"
    direct = S.score_sellers(
        seller_data.read_sellers(pasted.encode(), columns=view.shown["mapping"])
    )
    assert view.shown["classes"] == dict(zip(direct["seller"], map(str, S.classify(direct))))
    assert "pasted cells" in _preview(view)
    view.controls["paste"].value = ""  # clearing the box keeps what was pasted
    assert view.shown["file"] == PASTED_NAME and len(view.shown["classes"]) == 2
    view.controls["map_2"].value = ""  # a mapping change after a paste
    assert "attractiveness" in view.error.value and view.shown["classes"] == {}


def test_a_file_too_large_for_the_view_is_refused_with_its_size():
    view = V.explore_own_data()
    _upload(view, "huge.csv", b"x" * (MAX_VIEW_BYTES + 1))
    assert "huge.csv: is 10.0 MB; this view takes files up to 10.0 MB" in view.error.value
    assert "seller_data.read_sellers(&#x27;huge.csv&#x27;" in view.error.value or (
        "seller_data.read_sellers('huge.csv'" in view.error.value
    )
    assert view.shown["file"] == V.EXAMPLE_NAME  # the example is kept, still classified
    assert len(view.shown["classes"]) == 4


def test_a_large_table_is_thinned_on_the_map_and_counted_in_full():
    rows = "".join(f"Shop {k},{1000 + 37 * k},{10 + (k * 7) % 900}\n" for k in range(2500))
    view = V.explore_own_data(example=False)
    _upload(view, "big.csv", ("Name,Fans,Viewers\n" + rows).encode())
    assert view.error.value == "" and sum(view.shown["counts"].values()) == 2500
    assert len(view.shown["classes"]) == 2500  # every seller's class, dots or not
    assert view.shown["dots"] == 834 and view.charts["map"].points.get_offsets().shape == (834, 2)
    assert "one seller in 3 (834 of 2,500, in file order); the counts cover all" in (
        view.readout.value
    )


def test_a_web_page_upload_says_what_it_is():
    view = V.explore_own_data()
    _upload(view, "export.csv", b"<!DOCTYPE html><html><body>dashboard</body></html>")
    assert "export.csv: is a web page (HTML), not a table" in view.error.value
    assert view.shown["classes"] == {} and view.shown["columns"] == []


def test_every_own_data_control_has_a_visible_label():
    view = V.explore_own_data()
    for name, control in view.controls.items():
        assert control.description.strip(), name
    assert view.controls["paste"].placeholder  # what to do with the box


def test_own_data_view_reads_as_controls_charts_bind():
    import ast
    import inspect
    import tokenize

    source = inspect.getsource(V.explore_own_data)
    function = ast.parse(source).body[0]
    doc = function.body[0]
    skip = set(range(doc.lineno, doc.end_lineno + 1))
    code = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in (
            tokenize.COMMENT,
            tokenize.NL,
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
            tokenize.ENDMARKER,
        ):
            code.update(range(token.start[0], token.end[0] + 1))
    assert len(code - skip) <= 60
    assert max(len(line) for line in source.splitlines()) <= 100
    names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
    assert "state" not in names and "busy" not in source
    calls = [
        n.func.attr
        for n in ast.walk(function)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]
    assert "bind" in calls
    assigned = [
        t
        for n in ast.walk(function)
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Attribute)
    ]
    assert assigned == []  # no attribute patched onto a widget or the view


def test_example_file_bad_arguments():
    with pytest.raises(ValueError, match="sep"):
        V.own_data_example(sep="|")
    with pytest.raises(ValueError, match="cannot write Chinese"):
        V.own_data_example(encoding="latin-1")
    with pytest.raises(TypeError, match="example"):
        V.explore_own_data(example="yes")


# --- real anchors -----------------------------------------------------------------------


def test_place_anchors_uses_reported_figures_and_labels_assumptions():

    placed = cases.place_anchors()
    facts = cases.map_anchors()
    assert placed["seller"].tolist() == facts["seller"].tolist()
    for _, row in placed.iterrows():
        fact = facts.set_index("seller").loc[row["seller"]]
        for metric in ("celebrity", "avg_viewers", "watch_minutes", "engagement", "conversion"):
            assert metric in row["assumed"]
        assert "at least the best session" in row["assumed"]
        assert (
            ("followers" in row["assumed"])
            == np.isnan(fact["followers"])
            == row["label"].endswith("*")
        )
        assert row["sources"] == fact["sources"]
    # the median assumption puts every anchor at the same height: all of it is assumed
    assert placed["attractiveness_low"].nunique() == 1
    # higher assumptions never lower a score
    high = cases.place_anchors(90)
    assert (high["attractiveness_low"] > placed["attractiveness_low"]).all()
    assert (high["influence_low"] >= placed["influence_low"]).all()
    with pytest.raises(ValueError, match="percentile"):
        cases.place_anchors(120)


def _below(view):
    """The part View shows under the readout (the anchors' table)."""
    return view.children[list(view.children).index(view.readout) + 1]


def test_anchor_view_shows_the_anchors_their_sources_and_the_assumption():
    view = V.explore_anchors()
    assert view.error.value == ""
    chart = view.charts["anchors"]
    assert isinstance(chart, P.AnchorRanges)
    assert [t.get_text() for t in chart.labels] == view.shown["placed"]["label"].tolist()
    assert "kit's assumption" in view.readout.value and "50th percentile" in view.readout.value
    table = _below(view).value
    for name in view.shown["placed"]["seller"]:
        assert name in table
    assert "jiemian.com" in table and "the kit's assumption" in table
    assert "2021-10-20" in table  # the presale's first evening, in 2021
    assert any("kit's assumption" in t.get_text() for t in view.fast.fig.texts)
    # without a stand-in no source reports the audience: every diamond sits at one height
    heights = view.shown["placed"]["attractiveness_high"]
    assert np.allclose(heights, heights.iloc[0])
    view.controls["percentile"].value = 0
    assert chart.low.get_offsets()[:, 1].max() < 50
    expected = cases.classify_anchors(0)
    assert {n: c["high"] for n, c in view.shown["classes"].items()} == dict(
        zip(expected["seller"], expected["class_high"])
    )
    view.controls["percentile"].value = 100
    assert set(c["high"] for c in view.shown["classes"].values()) == {"super"}


def test_anchor_view_lets_cumulative_viewers_stand_in_for_reach():
    view = V.explore_anchors()
    before = view.shown["placed"].set_index("seller")["attractiveness_high"]
    view.controls["reach"].value = True
    after = view.shown["placed"].set_index("seller")
    reported = cases.map_anchors().set_index("seller")["peak_cumulative_viewers"].notna()
    for name, has_viewers in reported.items():
        if has_viewers:  # a reported figure replaces the assumption: the anchor rises
            assert after.at[name, "attractiveness_high"] > before[name]
            assert "standing in for audience reach" in after.at[name, "reported"]
            assert "avg_viewers" not in after.at[name, "assumed"]
        else:
            assert after.at[name, "attractiveness_high"] == pytest.approx(before[name])
    assert "stand in for audience reach" in view.readout.value
    assert (
        "stand in for audience reach" in _below(view).value or "standing in" in _below(view).value
    )


def test_anchor_prediction_asks_about_li_jiaqi_with_reported_reach():
    view = V.explore_anchors()
    assert "Li Jiaqi" in view.prediction.children[0].value
    assert "Li Jiaqi" in V.explore_anchors.__doc__.split("view.prediction")[1]
    view.prediction.commit("famous")
    assert view.prediction.held is None  # not yet: the stand-in is off
    view.controls["reach"].value = True
    actual = view.shown["classes"]["Li Jiaqi (Austin Li)"]["high"]
    assert (
        actual
        == cases.classify_anchors(reach=True)
        .set_index("seller")
        .at["Li Jiaqi (Austin Li)", "class_high"]
    )
    assert view.prediction.held is (actual == "famous")
    view.controls["model"].value = "tiered"  # another experiment: not checked
    assert view.prediction.held is None
    assert view.shown["classes"]["Li Jiaqi (Austin Li)"]["high"] in TIERS


def test_the_anchor_view_is_controls_charts_bind_without_patching_view():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(V.explore_anchors))
    attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert "children" not in attributes and "bind" in attributes
    # no cache of placements in a closure (no item stored into a dict): cases caches them
    stored = [
        n for n in ast.walk(tree) if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store)
    ]
    assert stored == []


def test_new_views_declare_their_parts_and_add_no_attributes_of_their_own(own):
    bare = View(
        title="t",
        question="q",
        controls={"a": widgets.IntSlider()},
        figure=FastFigure(new_figure(2, 2)),
        prediction=Prediction("?", outcome=lambda shown: None, options=["a", "b"]),
    )
    anchors = V.explore_anchors()
    for view in (own, anchors):
        assert _public_attributes(view) == _public_attributes(bare)
        assert view.controls["model"].options == S.MODELS
    assert set(own.charts) == {"map", "table"} and isinstance(own.charts["map"], P.EvaluationMap)
    assert set(anchors.charts) == {"map", "anchors"} and set(anchors.controls) == {
        "percentile",
        "reach",
        "model",
    }
    assert {
        "upload",
        "example",
        "sep",
        "encoding",
        "decimal",
        "map_0",
        "map_11",
        "cut_influence",
    } <= set(own.controls)


def test_the_example_button_waits_while_the_example_is_shown_and_an_emptied_paste_goes_back():
    view = V.explore_own_data()
    example = view.controls["example"]
    assert example.disabled  # pressing it would change nothing
    view.controls["paste"].value = "主播\t粉丝数\t场均观看\n"  # a header alone: a problem
    assert "0 data rows" in view.error.value and not example.disabled
    view.controls["paste"].value = ""  # the box emptied: the example is back, no problem left
    assert view.error.value == "" and view.shown["file"] == V.EXAMPLE_NAME
    assert example.disabled and len(view.shown["classes"]) == len(V.EXAMPLE_ROWS) - 1  # header


def test_a_mapping_drop_down_keeps_its_order_so_the_arrow_keys_reach_every_option():
    view = V.explore_own_data()
    picker = view.controls["map_1"]  # 粉丝数, mapped to followers
    before = picker.options
    assert len(before) >= 3
    for label, value in before[1:]:  # what ArrowDown does, one option after another
        picker.value = value
        assert picker.options == before and picker.value == value, label
