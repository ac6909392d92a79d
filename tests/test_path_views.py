"""Every view of notebooks 3 and 4 driven as a student would: set widget values, check what changed.

The tests read only the declared parts of a view: ``view.controls[...]``, ``view.charts[...]``,
``view.shown``, ``view.readout``, ``view.error``, ``view.image``, ``view.save_row`` and
``view.prediction``.
"""

import ast
import inspect
import io
import tokenize

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from livekit import modes, path
from livekit import path_views as pv
from livekit.charts import Chart
from livekit.style import MODULE_COLORS, new_figure
from livekit.views import FastFigure, Prediction, View
from livekit.vocab import CHANNELS, SWITCHES

VIEWS = [name for name in pv.__all__ if name.startswith("explore_")]


def _visible_arrow(view):
    return [i + 1 for i, a in enumerate(view.charts["flow"].highlight_arrows) if a.get_visible()]


# ------------------------------------------------------------------------- the declared interface


def _code_lines(source):
    """Lines of a function's source that hold code: no docstring, comment or blank line."""
    function = ast.parse(source).body[0]
    skip = set()
    if ast.get_docstring(function) is not None:
        skip = set(range(function.body[0].lineno, function.body[0].end_lineno + 1))
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - skip)


_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


@pytest.fixture(scope="module")
def plain_view_attributes():
    """What a View built with every declared part carries: a path view may carry nothing more."""
    prediction = Prediction("?", outcome=lambda shown: None, options=["a", "b"])
    return set(
        vars(
            View(
                title="t", question="q", figure=FastFigure(new_figure(1, 1)), prediction=prediction
            )
        )
    )


@pytest.mark.parametrize("name", VIEWS)
def test_view_declares_its_parts_and_sets_nothing_ad_hoc(name, plain_view_attributes):
    view = getattr(pv, name)()
    assert set(vars(view)) - plain_view_attributes == set()
    assert view.controls and all(isinstance(chart, Chart) for chart in view.charts.values())
    assert set(view.fast.animated) == {a for chart in view.charts.values() for a in chart.artists}
    assert view.save_row is not None and view.error.value == "" and view.image.value
    assert isinstance(view.prediction, Prediction) and view.prediction in view.children
    assert view.shown, "the first draw records what the view shows"


@pytest.mark.parametrize("name", VIEWS)
def test_view_function_reads_as_controls_charts_bind_in_at_most_60_lines(name):
    source = inspect.getsource(getattr(pv, name))
    assert _code_lines(source) <= 60
    calls = [
        n.func.attr
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]
    assert "bind" in calls and "watch" not in calls and "run" not in calls


def _first_controls(view):
    """The controls a student sees before pressing *More controls*."""
    hidden = view.control_box.children[2].children if view.more is not None else ()
    return [c for c in view.controls.values() if c not in hidden]


@pytest.mark.parametrize("name", VIEWS)
def test_view_asks_one_question_shows_at_most_8_controls_and_hints_a_wrong_prediction(name):
    view = getattr(pv, name)()
    assert len(_first_controls(view)) <= 8
    assert view.question.value.count("?") == 1, "one question per view, in its Look-for line"
    assert view.prediction.hint, "a prediction that did not hold says what to look at"


def test_model_view_shows_six_sliders_and_keeps_the_modes_for_more_controls():
    view = pv.explore_model()
    first = _first_controls(view)
    assert "synergy" not in view.controls and view.controls["modes"] not in first
    assert [c.description for c in first] == [
        "Platform traffic",
        "Anchor influence",
        "Content quality",
        "Conversion",
        "Price",
        "Return rate",
    ]
    view.more.value = True
    view.controls["modes"].value = ("value", "interview", "talent")
    assert view.shown["settings"]["modes"] == ("value", "interview", "talent")


# ------------------------------------------------------------------------- 1. the flow


def test_flow_step_slider_walks_the_process():
    view = pv.explore_flow()
    assert repr(view) == "<livekit view: The live-marketing process, step by step>"
    assert _visible_arrow(view) == [1] and "Step 1 of 10" in view.readout.value
    first = view.image.value
    view.controls["step"].value = 5
    steps = path.flow_steps()
    assert _visible_arrow(view) == [5] and view.shown["step"] == 5
    assert "Step 5 of 10" in view.readout.value and "value capture" in view.readout.value
    assert "Revenue streams" in view.readout.value
    assert view.shown["stage"] == steps.at[4, "stage"] == "capture"
    assert (
        to_hex(view.charts["flow"].highlight_boxes[0].get_edgecolor())
        == MODULE_COLORS[steps.at[4, "stage"]].lower()
    )
    assert view.image.value != first


def test_flow_play_button_drives_the_step_with_one_update():
    view = pv.explore_flow(step=2)
    images = []
    view.image.observe(lambda change: images.append(change["new"]), names="value")
    view.controls["play"].value = 8
    assert view.controls["step"].value == 8 and _visible_arrow(view) == [8]
    assert "tracking" in view.readout.value
    assert len(images) == 1  # the slider follows the play button: one redraw, not two


def test_flow_rejects_a_step_outside_the_process():
    with pytest.raises(ValueError, match="step must be"):
        pv.explore_flow(step=0)


def test_flow_prediction_who_feeds_the_delivery_back_to_the_buyer():
    view = pv.explore_flow()
    prediction = view.prediction
    steps = path.flow_steps()
    last = int(steps["step"].max())
    assert (
        "the courier (logistics company)" in prediction.options
        and "the live platform" in prediction.options
    )
    prediction.commit("the courier (logistics company)")
    assert prediction.held is None and "Now run the experiment" in prediction.verdict.value
    view.controls["step"].value = last - 1  # the courier delivers and uploads: not yet the feedback
    assert prediction.held is None
    view.controls["step"].value = last
    # the paper: on receipt the courier uploads the information to the platform, which feeds it
    # back to the buyer
    assert steps.iloc[-1]["actor"] == "platform" and steps.iloc[-1]["target"] == "audience"
    assert view.shown["actor"] == "platform"
    assert prediction.held is False and "the live platform" in prediction.verdict.value
    prediction.reset()
    prediction.commit("the live platform")
    assert prediction.held is True


# ------------------------------------------------------------------------- 2. traffic to profit


def test_model_conversion_moves_funnel_waterfall_and_readout():
    view = pv.explore_model()
    funnel, waterfall = view.charts["funnel"], view.charts["waterfall"]
    before = path.simulate(path.DEFAULT_MODES)
    assert (
        f"{before['profit']:,.2f}" in view.readout.value
        and view.shown["profit"] == before["profit"]
    )
    png = view.image.value
    view.controls["conversion"].value = 0.04
    after = path.simulate(path.DEFAULT_MODES, conversion=0.04)
    # each funnel bar is the share of the row above: orders / engaged doubles, engaged stays
    assert funnel.bars[3].get_width() == pytest.approx(after["orders"] / after["engaged"])
    assert funnel.bars[3].get_width() == pytest.approx(2 * before["orders"] / before["engaged"])
    assert funnel.bars[2].get_width() == pytest.approx(before["engaged"] / before["viewers"])
    assert waterfall.bars[0].get_height() == pytest.approx(after["sales"])
    assert (
        f"{after['profit']:,.2f}" in view.readout.value and view.shown["profit"] == after["profit"]
    )
    assert view.image.value != png
    assert view.error.value == ""


def test_model_modes_combine_by_the_one_pair_rule():
    view = pv.explore_model()
    engaged = view.charts["funnel"].bars[2]
    start = engaged.get_width()
    view.controls["modes"].value = ("value", "celebrity", "interview")
    assert engaged.get_width() > start
    expected = path.simulate(("value", "celebrity", "interview"))
    assert engaged.get_width() == pytest.approx(expected["engaged"] / expected["viewers"])
    assert view.shown["settings"]["modes"] == ("value", "celebrity", "interview")
    assert "1+1&gt;2" in view.readout.value
    # a clashing pair: the readout says so, as the modes view does
    view.controls["modes"].value = ("rare", "altruistic")
    parts = modes.combine(None, ("rare", "altruistic"))
    assert parts["verdict"] == "1+1<2" and "1+1&lt;2" in view.readout.value
    assert f"{parts['total']:.3f}" in view.readout.value
    assert "synergy" not in view.controls  # one synergy rule: no global multiplier


def test_model_traffic_rescales_the_money_axis():
    view = pv.explore_model()
    waterfall = view.charts["waterfall"]
    top = waterfall.ax.get_ylim()[1]
    view.controls["traffic_per_hour"].value = 1_000_000
    assert waterfall.ax.get_ylim()[1] > top
    view.controls["traffic_per_hour"].value = 0
    assert "0.00" in view.readout.value and waterfall.bars[0].get_height() == 0


def test_model_quiet_sets_several_sliders_with_one_update():
    view = pv.explore_model()
    images = []
    view.image.observe(lambda change: images.append(change["new"]), names="value")
    with view.quiet():
        view.controls["price"].value = 150
        view.controls["conversion"].value = 0.05
    assert len(images) == 1
    assert view.shown["profit"] == path.simulate(price=150, conversion=0.05)["profit"]


def test_model_start_values_and_bad_start():
    view = pv.explore_model(modes=["rare"], price=150)
    assert view.controls["price"].value == 150 and view.controls["modes"].value == ("rare",)
    with pytest.raises(ValueError, match="price must be"):
        pv.explore_model(price=-1)
    with pytest.raises(ValueError, match="unknown slider 'hours'"):
        pv.explore_model(hours=3)
    with pytest.raises(ValueError, match="mode 'dance' is unknown"):
        pv.explore_model(modes=["dance"])


def test_model_prediction_doubling_the_traffic():
    view = pv.explore_model()
    prediction = view.prediction
    prediction.commit("exactly doubles")
    view.controls["traffic_per_hour"].value = 400_000
    base, doubled = path.simulate(), path.simulate(traffic_per_hour=400_000)
    # fixed costs (broadcast, wages) do not double, so profit more than doubles
    assert doubled["profit"] > 2 * base["profit"]
    assert prediction.held is False and "more than doubles" in prediction.verdict.value
    view.controls["price"].value = 120  # no longer the experiment of the question
    assert prediction.held is None
    view.controls["price"].value = 99
    prediction.reset()
    prediction.commit("more than doubles")
    assert prediction.held is True


def test_model_prediction_starts_from_the_view_s_own_start():
    view = pv.explore_model(traffic_per_hour=300_000, price=150)
    assert "300,000 to 600,000" in view.prediction.children[0].value
    start = view.shown["profit"]
    view.prediction.commit("less than doubles")
    view.controls[
        "traffic_per_hour"
    ].value = 400_000  # doubling the default is not doubling this start
    assert view.prediction.held is None
    view.controls["traffic_per_hour"].value = 600_000
    assert view.shown["profit"] == path.simulate(traffic_per_hour=600_000, price=150)["profit"]
    assert view.prediction.held is (view.shown["profit"] < 2 * start)


# ------------------------------------------------------------------------- 3. live versus non-live


def test_channels_share_sliders_and_differ_only_where_the_paper_says():
    view = pv.explore_channels()
    live, non_live = (view.charts[c] for c in CHANNELS)
    assert live.bars[0].get_width() == non_live.bars[0].get_width()  # same traffic
    assert live.bars[1].get_width() > non_live.bars[1].get_width()  # visibility
    assert (
        "Most who can engage" in view.readout.value
        and "Seeing the product used" in view.readout.value
    )
    png = view.image.value
    view.controls["traffic_per_hour"].value = 500_000
    both = path.compare_channels(traffic_per_hour=500_000)
    assert live.labels[3].get_text().startswith(f"{both.at['orders', 'live']:,.0f}")
    assert non_live.labels[3].get_text().startswith(f"{both.at['orders', 'non_live']:,.0f}")
    assert f"{both.at['profit', 'non_live']:,.2f}" in view.readout.value
    assert view.shown["profit_non_live"] == both.at["profit", "non_live"]
    assert view.image.value != png


def test_channels_prediction_doubling_conversion_keeps_the_ratio():
    view = pv.explore_channels()
    ratio = view.shown["orders_live"] / view.shown["orders_non_live"]
    assert f"{ratio:.1f} times" in view.prediction.children[0].value
    view.prediction.commit("it grows")
    view.controls["conversion"].value = 0.04
    now = view.shown["orders_live"] / view.shown["orders_non_live"]
    assert now == pytest.approx(ratio)  # conversion scales both funnels alike
    assert view.prediction.held is False and "it stays the same" in view.prediction.verdict.value
    # the table says which differences are the paper's and which the kit's
    assert "the paper's" in view.readout.value and "the kit's" in view.readout.value
    with pytest.raises(ValueError, match="unknown slider"):
        pv.explore_channels(synergy=1)


# ------------------------------------------------------------------------- 4. long broadcasts


def test_long_broadcasts_length_and_variety():
    view = pv.explore_long_broadcasts(hours=2, variety=0.0)
    chart = view.charts["length"]
    per_hour_short = path.simulate(hours=2, variety=0.0)["sales_per_hour"]
    assert f"{per_hour_short:,.2f}" in view.readout.value
    view.controls["hours"].value = 8
    long = path.simulate(hours=8, variety=0.0)
    assert long["sales_per_hour"] < per_hour_short
    assert (
        f"{long['sales_per_hour']:,.2f}" in view.readout.value
        and view.shown["sales_per_hour"] == long["sales_per_hour"]
    )
    assert chart.sales_dot.get_xdata()[0] == 8
    flat_before = chart.retention_line.get_ydata().copy()
    view.controls["variety"].value = 1.0
    assert (chart.retention_line.get_ydata() == 1).all()
    assert not (flat_before == 1).all()
    assert "100.0%" in view.readout.value


def test_long_broadcasts_prediction_sales_per_hour_fall_at_low_variety():
    view = pv.explore_long_broadcasts()
    assert view.shown["variety"] == 0.2
    view.prediction.commit("rise")
    view.controls["hours"].value = 4
    assert view.prediction.held is None
    view.controls["hours"].value = 6
    assert (
        path.simulate(hours=6, variety=0.2)["sales_per_hour"]
        < path.simulate(hours=2, variety=0.2)["sales_per_hour"]
    )
    assert view.prediction.held is False and "fall" in view.prediction.verdict.value
    view.controls["variety"].value = 0.9  # a different experiment: no verdict
    assert view.prediction.held is None


# ------------------------------------------------------------------------- 5. integration


def test_integration_switches_change_delivery_and_profit():
    view = pv.explore_integration()
    assert list(view.controls) == list(SWITCHES)
    delivery = view.charts["delivery"]
    assert all(bar.get_width() == pytest.approx(1.0) for bar in delivery.bars)
    png = view.image.value
    view.controls["pickup_offline"].value = True
    assert delivery.bars[2].get_width() == pytest.approx(0.7)
    result = path.simulate(pickup_offline=True)
    assert f"{result['profit']:,.2f}" in view.readout.value
    gain = result["profit"] - path.simulate()["profit"]
    assert (
        gain > 0
        and f"{gain:+,.2f}" in view.readout.value
        and view.shown["profit_change"] == pytest.approx(gain)
    )
    assert view.image.value != png
    view.controls["pay_on_delivery"].value = True
    assert delivery.bars[0].get_width() == pytest.approx(1.15)
    with pytest.raises(ValueError, match="unknown switch"):
        pv.explore_integration(teleport=True)
    with pytest.raises(TypeError, match="pickup_offline"):
        pv.explore_integration(pickup_offline="yes")


def test_integration_prediction_pay_on_delivery_alone():
    view = pv.explore_integration(pickup_offline=True)
    view.prediction.commit("fall")
    view.controls["pay_on_delivery"].value = True
    assert view.prediction.held is None  # pickup is still on: not the experiment asked for
    view.controls["pickup_offline"].value = False
    change = path.simulate(pay_on_delivery=True)["profit"] - path.simulate()["profit"]
    assert view.prediction.held is bool(change < 0)
    assert ("rise" if change > 0 else "fall") in view.prediction.verdict.value


# ------------------------------------------------------------------------- 6. differentiation


def test_differentiation_shifts_buyers_and_the_best_price():
    view = pv.explore_differentiation()
    mix, profit = view.charts["mix"], view.charts["profit"]
    assert mix.value_bar.get_width() == 0
    best_price_only = path.profit_by_price(pv._PRICE_GRID, differentiation=0.0)
    view.controls["differentiation"].value = 0.8
    assert mix.value_bar.get_width() == pytest.approx(0.8)
    curve = path.profit_by_price(pv._PRICE_GRID, differentiation=0.8)
    assert profit.line.get_ydata() == pytest.approx(curve["profit"].to_numpy())
    best_now = curve.loc[curve["profit"].idxmax(), "price"]
    assert best_now > best_price_only.loc[best_price_only["profit"].idxmax(), "price"]
    assert (
        f"about <b>{best_now:,.0f} CNY" in view.readout.value
        and view.shown["best_price"] == best_now
    )
    view.controls["price"].value = 200
    assert profit.dot.get_xdata()[0] == 200


def test_differentiation_prediction_best_price_goes_up():
    view = pv.explore_differentiation()
    view.prediction.commit("down")
    view.controls["differentiation"].value = 0.5
    assert view.prediction.held is None
    view.controls["differentiation"].value = 0.8000000000000002  # as a browser may send it
    assert view.prediction.held is False and "up" in view.prediction.verdict.value


# ------------------------------------------------------------------------- shared


def test_parameter_slider_uses_the_data_file():
    s = pv.parameter_slider("conversion")
    assert (s.min, s.max, s.value, s.description) == (0, 0.2, 0.02, "Conversion")
    with pytest.raises(ValueError, match="switch"):
        pv.parameter_slider("pickup_offline")
    with pytest.raises(ValueError, match="name must be one of"):
        pv.parameter_slider("speed")


def test_a_failing_update_is_shown_not_lost():
    view = pv.explore_model()
    price = view.controls["price"]
    price.max = 20_000
    price.value = 15_000  # beyond the model's range of 1 to 10,000
    assert "price must be from 1 to 10000" in view.error.value
    assert price.value == 15_000  # the student's setting is kept
    price.value = 120
    assert view.error.value == ""


# ------------------------------------------------------------------------- 1b. the seven modes


MODE_IDS = tuple(modes.mode_table()["mode"])


def _choose(view, purpose, chosen):
    """Set the purpose and exactly these modes, with one update (as a student's several clicks)."""
    with view.quiet():
        view.controls["purpose"].value = purpose
        for mode in MODE_IDS:
            view.controls[mode].value = mode in chosen


def _bar_widths(chart, bars):
    return {m: bar.get_width() for m, bar in zip(MODE_IDS, bars)}


def test_modes_view_starts_with_value_and_contrast_for_trust():
    view = pv.explore_modes()
    assert set(view.controls) == {"purpose", *MODE_IDS}
    assert view.controls["purpose"].value == "trust"
    assert [m for m in MODE_IDS if view.controls[m].value] == ["value", "contrast"]
    expected = modes.combine("trust", ["value", "contrast"])
    assert view.shown == {
        key: expected[key] for key in ("purpose", "modes", "sum_alone", "total", "gain", "verdict")
    }
    assert view.shown["verdict"] == "1+1>2"
    chart = view.charts["modes"]
    fit = modes.mode_fit("trust").set_index("mode")["alone"]
    assert _bar_widths(chart, chart.outlines) == pytest.approx(
        fit.to_dict()
    )  # every mode alone, chosen or not
    assert _bar_widths(chart, chart.mode_bars) == pytest.approx(
        {m: fit[m] if m in ("value", "contrast") else 0.0 for m in MODE_IDS}
    )
    assert chart.verdict_text.get_text().startswith("1+1>2")
    assert (
        "kit" in chart.purpose_text.get_text()
        and "Win over doubtful buyers" in chart.purpose_text.get_text()
    )
    assert "The kit's model" in view.readout.value and "illustrative" in view.readout.value
    assert "data/mode_pairs.csv" in view.readout.value


def test_modes_view_a_clashing_pair_gives_less_than_the_sum():
    view = pv.explore_modes()
    images = []
    view.image.observe(lambda change: images.append(change["new"]), names="value")
    _choose(view, "goodwill", {"rare", "altruistic"})
    assert len(images) == 1  # several clicks in quiet(): one update
    expected = modes.combine("goodwill", ["rare", "altruistic"])
    assert view.shown["verdict"] == "1+1<2" and view.shown["total"] == pytest.approx(
        expected["total"]
    )
    assert view.shown["gain"] < 0
    chart = view.charts["modes"]
    assert chart.together_bar.get_width() == pytest.approx(expected["total"])
    assert chart.change_bar.get_width() == pytest.approx(-expected["gain"])
    assert chart.change_bar.get_hatch() == "xx"  # a loss reads as hatching, not colour alone
    assert chart.verdict_text.get_text().startswith("1+1<2")
    assert "clash" in view.readout.value and "Pressure to buy" in view.readout.value


def test_modes_view_a_neutral_pair_gives_exactly_the_sum_and_one_mode_has_nothing_to_combine():
    view = pv.explore_modes()
    _choose(view, "awareness", {"celebrity", "contrast"})
    assert view.shown["verdict"] == "1+1=2" and view.shown["gain"] == 0
    assert view.charts["modes"].change_bar.get_width() == 0
    assert view.charts["modes"].sum_line.get_visible()
    view.controls["contrast"].value = False
    assert view.shown["verdict"] == "one mode" and view.shown["modes"] == ("celebrity",)
    assert not view.charts["modes"].sum_line.get_visible()
    assert "add a second" in view.charts["modes"].verdict_text.get_text()
    view.controls["celebrity"].value = False
    assert view.shown["verdict"] == "no mode" and view.shown["total"] == 0
    assert view.error.value == ""


def test_modes_view_purpose_changes_what_each_mode_adds_alone_and_keeps_a_background_per_look():
    view = pv.explore_modes()
    chart = view.charts["modes"]
    trust = _bar_widths(chart, chart.outlines)
    first_look = chart.look
    view.controls["purpose"].value = "education"
    education = modes.mode_fit("education").set_index("mode")["alone"].to_dict()
    assert _bar_widths(chart, chart.outlines) == pytest.approx(
        education
    ) and trust != pytest.approx(education)
    assert view.shown["purpose"] == "education" and chart.look != first_look
    assert view.shown["total"] == pytest.approx(
        modes.combine("education", ["value", "contrast"])["total"]
    )
    view.controls["purpose"].value = "trust"
    assert (
        chart.look == first_look and first_look in view.fast._looks
    )  # the trust background is reused


def test_modes_view_all_seven_modes_widen_the_axis_and_it_shrinks_back():
    view = pv.explore_modes()
    chart = view.charts["modes"]
    before = chart.ax.get_xlim()[1]
    _choose(view, "launch", set(MODE_IDS))
    total = modes.combine("launch", MODE_IDS)["total"]
    assert view.shown["total"] == pytest.approx(total) and chart.ax.get_xlim()[1] > max(
        before, total
    )
    _choose(view, "launch", {"value"})
    assert chart.ax.get_xlim()[1] < total


def test_modes_view_prediction_rare_and_contrast_for_any_purpose():
    view = pv.explore_modes()
    prediction = view.prediction
    assert set(prediction.options) == set(modes.VERDICTS)
    prediction.commit("1+1>2")
    assert prediction.held is None and "run the experiment" in prediction.verdict.value
    _choose(view, "trust", {"rare"})
    assert prediction.held is None  # only rare: the experiment is not done yet
    view.controls["contrast"].value = True
    truth = modes.combine("trust", ["rare", "contrast"])["verdict"]
    assert truth == "1+1<2" and view.shown["verdict"] == truth
    assert prediction.held is False and "did not hold" in prediction.verdict.value
    assert "the pair's row" in prediction.verdict.value  # the hint: what to look at
    prediction.reset()
    prediction.commit("1+1<2")
    assert prediction.held is True
    _choose(view, "launch", {"rare", "contrast"})  # another purpose: the same verdict
    assert prediction.held is True


def test_modes_view_shows_the_seven_modes_first_and_the_purpose_behind_more_controls():
    view = pv.explore_modes()
    first = view.control_box.children[0]
    assert [b.description for b in first.children] == list(modes.mode_table()["name"])
    assert view.controls["purpose"] not in first.children
    hidden = view.control_box.children[2]
    assert view.controls["purpose"] in hidden.children and hidden.layout.display == "none"
    view.more.value = True
    assert hidden.layout.display is None
    view.controls["purpose"].value = "launch"
    assert view.shown["purpose"] == "launch"


def test_modes_view_refuses_an_unknown_purpose_or_mode():
    with pytest.raises(ValueError, match="purpose 'dancing' is unknown.*'trust'"):
        pv.explore_modes(purpose="dancing")
    with pytest.raises(ValueError, match="mode 'singing' is unknown.*'interview'"):
        pv.explore_modes(modes=["value", "singing"])
    view = pv.explore_modes("Build goodwill", ["Altruistic marketing"])  # names work too
    assert view.shown["purpose"] == "goodwill" and view.shown["modes"] == ("altruistic",)


_SETTING = st.tuples(
    st.sampled_from(list(modes.purposes()["purpose"])), st.sets(st.sampled_from(MODE_IDS))
)


@settings(max_examples=10, deadline=None)
@given(st.lists(_SETTING, min_size=1, max_size=4))
def test_modes_view_always_shows_what_the_model_says(settings_in_order):
    """A fresh view per example, moved through several settings in order, as a student would."""
    view = pv.explore_modes()
    for purpose, chosen in settings_in_order:
        _choose(view, purpose, chosen)
        expected = modes.combine(purpose, chosen)
        assert view.shown["modes"] == expected["modes"]
        assert view.shown["verdict"] == expected["verdict"]
        assert view.shown["total"] == pytest.approx(expected["total"])
        chart = view.charts["modes"]
        widths = sum(s.get_width() for s in chart.sum_segments)
        assert widths == pytest.approx(expected["sum_alone"])
        ends = chart.together_bar.get_width() + chart.change_bar.get_width()
        assert ends == pytest.approx(max(expected["total"], expected["sum_alone"]))
        assert chart.ax.get_xlim()[1] >= max(expected["total"], expected["sum_alone"])
