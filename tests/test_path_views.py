"""Every notebook-3 view driven like a student would: set widget values, check what changed."""
import pytest
from matplotlib.colors import to_hex

from livekit import path
from livekit import path_views as pv
from livekit.style import MODULE_COLORS


def _visible_arrow(view):
    return [i + 1 for i, a in enumerate(view.diagram.highlight_arrows) if a.get_visible()]


def test_flow_step_slider_walks_the_process():
    view = pv.explore_flow()
    assert repr(view) == "<livekit view: The live-marketing process, step by step>"
    assert _visible_arrow(view) == [1] and "Step 1 of 10" in view.readout.value
    first = view.image.value
    view.step.value = 5
    steps = path.flow_steps()
    assert _visible_arrow(view) == [5]
    assert "Step 5 of 10" in view.readout.value and "value capture" in view.readout.value
    assert "Revenue streams" in view.readout.value
    assert to_hex(view.diagram.highlight_boxes[0].get_edgecolor()) == MODULE_COLORS[steps.at[4, "stage"]].lower()
    assert view.image.value != first


def test_flow_play_button_drives_the_step():
    view = pv.explore_flow(step=2)
    view.play.value = 8
    assert view.step.value == 8 and _visible_arrow(view) == [8]
    assert "tracking" in view.readout.value


def test_flow_rejects_a_step_outside_the_process():
    with pytest.raises(ValueError, match="step must be"):
        pv.explore_flow(step=0)


def test_model_conversion_moves_funnel_waterfall_and_readout():
    view = pv.explore_model()
    before = path.simulate(path.DEFAULT_MODES)
    assert f"{before['profit']:,.2f}" in view.readout.value
    png = view.image.value
    orders_bar = view.funnel.bars[3]
    view.sliders["conversion"].value = 0.04
    after = path.simulate(path.DEFAULT_MODES, conversion=0.04)
    assert orders_bar.get_width() == pytest.approx(after["orders"] - 1)
    assert view.funnel.bars[2].get_width() == pytest.approx(before["engaged"] - 1)  # engaged unchanged
    assert view.waterfall.bars[0].get_height() == pytest.approx(after["sales"])
    assert f"{after['profit']:,.2f}" in view.readout.value
    assert view.image.value != png
    assert view.error.value == ""


def test_model_modes_and_synergy_raise_engagement():
    view = pv.explore_model()
    engaged = view.funnel.bars[2].get_width()
    view.modes.value = ("value", "celebrity", "interview")
    more = view.funnel.bars[2].get_width()
    assert more > engaged
    view.sliders["synergy"].value = 1.5
    assert view.funnel.bars[2].get_width() > more
    expected = path.simulate(("value", "celebrity", "interview"), synergy=1.5)
    assert view.funnel.bars[2].get_width() == pytest.approx(expected["engaged"] - 1)


def test_model_traffic_rescales_the_money_axis():
    view = pv.explore_model()
    top = view.waterfall.ax.get_ylim()[1]
    view.sliders["traffic_per_hour"].value = 1_000_000
    assert view.waterfall.ax.get_ylim()[1] > top
    view.sliders["traffic_per_hour"].value = 0
    assert "0.00" in view.readout.value and view.waterfall.bars[0].get_height() == 0


def test_model_start_values_and_bad_start():
    view = pv.explore_model(modes=["rare"], price=150)
    assert view.sliders["price"].value == 150 and view.modes.value == ("rare",)
    with pytest.raises(ValueError, match="price must be"):
        pv.explore_model(price=-1)
    with pytest.raises(ValueError, match="unknown slider 'hours'"):
        pv.explore_model(hours=3)
    with pytest.raises(ValueError, match="modes"):
        pv.explore_model(modes=["dance"])


def test_channels_share_sliders_and_differ_only_where_the_paper_says():
    view = pv.explore_channels()
    assert view.live.bars[0].get_width() == view.non_live.bars[0].get_width()  # same traffic
    assert view.live.bars[1].get_width() > view.non_live.bars[1].get_width()  # visibility
    assert "Most who can engage" in view.readout.value and "Seeing the product used" in view.readout.value
    png = view.image.value
    view.sliders["traffic_per_hour"].value = 500_000
    both = path.compare_channels(traffic_per_hour=500_000)
    assert view.live.bars[3].get_width() == pytest.approx(both.at["orders", "live"] - 1)
    assert view.non_live.bars[3].get_width() == pytest.approx(both.at["orders", "non_live"] - 1)
    assert f"{both.at['profit', 'non_live']:,.2f}" in view.readout.value
    assert view.image.value != png


def test_long_broadcasts_length_and_variety():
    view = pv.explore_long_broadcasts(hours=2, variety=0.0)
    per_hour_short = path.simulate(hours=2, variety=0.0)["sales_per_hour"]
    assert f"{per_hour_short:,.2f}" in view.readout.value
    view.hours.value = 8
    long = path.simulate(hours=8, variety=0.0)
    assert long["sales_per_hour"] < per_hour_short
    assert f"{long['sales_per_hour']:,.2f}" in view.readout.value
    assert view.chart.sales_dot.get_xdata()[0] == 8
    flat_before = view.chart.retention_line.get_ydata().copy()
    view.variety.value = 1.0
    assert (view.chart.retention_line.get_ydata() == 1).all()
    assert not (flat_before == 1).all()
    assert "100.0%" in view.readout.value


def test_integration_switches_change_delivery_and_profit():
    view = pv.explore_integration()
    assert all(bar.get_width() == pytest.approx(1.0) for bar in view.chart.bars)
    png = view.image.value
    view.switches["pickup_offline"].value = True
    assert view.chart.bars[2].get_width() == pytest.approx(0.7)
    result = path.simulate(pickup_offline=True)
    assert f"{result['profit']:,.2f}" in view.readout.value
    gain = result["profit"] - path.simulate()["profit"]
    assert gain > 0 and f"{gain:+,.2f}" in view.readout.value
    assert view.image.value != png
    view.switches["pay_on_delivery"].value = True
    assert view.chart.bars[0].get_width() == pytest.approx(1.15)
    with pytest.raises(ValueError, match="unknown switch"):
        pv.explore_integration(teleport=True)
    with pytest.raises(TypeError, match="pickup_offline"):
        pv.explore_integration(pickup_offline="yes")


def test_differentiation_shifts_buyers_and_the_best_price():
    view = pv.explore_differentiation()
    assert view.mix.value_bar.get_width() == 0
    best_price_only = path.profit_by_price(pv._PRICE_GRID, differentiation=0.0)
    view.differentiation.value = 0.8
    assert view.mix.value_bar.get_width() == pytest.approx(0.8)
    curve = path.profit_by_price(pv._PRICE_GRID, differentiation=0.8)
    assert view.chart.line.get_ydata() == pytest.approx(curve["profit"].to_numpy())
    best_now = curve.loc[curve["profit"].idxmax(), "price"]
    assert best_now > best_price_only.loc[best_price_only["profit"].idxmax(), "price"]
    assert f"about <b>{best_now:,.0f} CNY" in view.readout.value
    view.price.value = 200
    assert view.chart.dot.get_xdata()[0] == 200


def test_parameter_slider_uses_the_data_file():
    s = pv.parameter_slider("conversion")
    assert (s.min, s.max, s.value, s.description) == (0, 0.2, 0.02, "Conversion")
    with pytest.raises(ValueError, match="switch"):
        pv.parameter_slider("pickup_offline")
    with pytest.raises(ValueError, match="name must be one of"):
        pv.parameter_slider("speed")


def test_a_failing_update_is_shown_not_lost():
    view = pv.explore_model()
    view.sliders["price"].max = 20_000
    view.sliders["price"].value = 15_000  # beyond the model's range of 1 to 10,000
    assert "price must be from 1 to 10000" in view.error.value
    view.sliders["price"].value = 120
    assert view.error.value == ""
