"""Pictures of the innovation path: stage colours, bar sizes from the model, labels, bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from livekit import path
from livekit import path_plots as pp
from livekit.charts import Chart
from livekit.path_plots import format_money
from livekit.style import MIN_FONT_PT, MODULE_COLORS, MODULE_HATCHES, MODULE_INKS


@pytest.fixture
def result():
    return path.simulate()


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _font_sizes(fig):
    from matplotlib.text import Text

    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]


def test_funnel_bars_are_shares_of_the_row_above_in_stage_colours(result):
    ax = pp.plot_funnel(result)
    bars = ax.patches
    table = path.funnel(result)
    assert len(bars) == 5
    for bar, row in zip(bars, table.itertuples()):
        assert bar.get_x() == 0 and bar.get_width() == pytest.approx(row.share_of_previous)
        assert to_hex(bar.get_facecolor()) == MODULE_COLORS[row.stage].lower()
        assert bar.get_hatch() == (MODULE_HATCHES[row.stage] or None)
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Platform traffic\n(value creation)"
    assert labels[-1] == "Orders kept\n(value delivery)"
    assert any(t.startswith("70,000 (17.5%)") for t in _texts(ax))
    assert min(_font_sizes(ax.figure)) >= MIN_FONT_PT


def test_funnel_update_moves_bars_and_labels(result):
    fig, ax = plt.subplots()
    chart = pp.FunnelChart(ax, result)
    limits = ax.get_xlim()
    bigger = path.simulate(traffic_per_hour=400_000, anchor_influence=1.0)
    chart.update(bigger)
    assert chart.bars[0].get_width() == 1.0 and chart.labels[0].get_text() == "800,000"
    assert chart.bars[1].get_width() == pytest.approx(0.3)  # 5% + 25% x 1 of the traffic
    assert chart.labels[1].get_text() == "240,000 (30.0%)"
    assert ax.get_xlim() == limits  # a fixed, linear share axis


def test_waterfall_runs_from_sales_to_profit(result):
    ax = pp.plot_waterfall(result)
    bars = ax.patches
    flow = path.money_flow(result)
    assert len(bars) == 8
    top_of_sales = bars[0].get_y() + bars[0].get_height()
    assert top_of_sales == pytest.approx(result["sales"])
    assert bars[-1].get_y() == pytest.approx(0) and bars[-1].get_height() == pytest.approx(
        result["profit"]
    )
    # each cost hangs from where the previous bar ended
    for i in range(2, 7):
        assert bars[i].get_y() + bars[i].get_height() == pytest.approx(flow["start"].iloc[i])
    assert [to_hex(b.get_facecolor()) for b in bars] == [
        MODULE_COLORS[s].lower() for s in flow["stage"]
    ]
    assert set(flow["stage"]) == {"capture"}  # every amount of money is value capture
    assert format_money(-result["product_cost"]) in _texts(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["value capture: revenue\nstreams and cost structure"]


def test_waterfall_shows_a_loss_below_zero():
    loss = path.simulate(conversion=0.001, gifts_per_engaged=0)
    assert loss["profit"] < 0
    ax = pp.plot_waterfall(loss)
    profit_bar = ax.patches[-1]
    assert profit_bar.get_y() == pytest.approx(loss["profit"])
    assert ax.get_ylim()[0] < loss["profit"]
    assert any(t.endswith("loss") for t in _texts(ax))


def test_waterfall_axis_grows_at_once_and_shrinks_only_when_much_too_big(result):
    fig, ax = plt.subplots()
    chart = pp.WaterfallChart(ax, result)
    top = ax.get_ylim()[1]
    assert chart.update(path.simulate(traffic_per_hour=210_000)) is False
    assert chart.update(path.simulate(traffic_per_hour=1_000_000)) is True
    assert ax.get_ylim()[1] > top
    assert chart.update(path.simulate(traffic_per_hour=20_000)) is True
    assert ax.get_ylim()[1] < top


def test_path_shows_four_stages_with_their_blocks_and_totals(result):
    ax = pp.plot_path(result)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert [to_hex(b.get_edgecolor()) for b in boxes] == [  # the stage's colour, dark enough
        MODULE_INKS[s].lower()
        for s in path.STAGES  # for 3:1 against white (WCAG 1.4.11)
    ]
    text = "\n".join(_texts(ax))
    for name in (
        "1. Value proposition",
        "4. Value capture",
        "Key resources",
        "Revenue streams",
        f"Profit: {format_money(result['profit'])} CNY",
        f"Value-sensitive: {result['value_sensitive_share']:.0%}",
        f"Orders kept: {result['kept_orders']:,.0f}",
    ):
        assert name in text
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 3
    assert min(_font_sizes(ax.figure)) >= MIN_FONT_PT


def test_path_texts_stay_inside_their_stage_boxes(result):
    fig, ax = plt.subplots(figsize=(10, 3.4))  # as notebook 3 draws it
    pp.plot_path(result, ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == 4
    texts = [t for t in ax.texts if t.get_text()]
    assert len(texts) == 12  # a name, the blocks and the numbers in each stage
    for text in texts:
        inner = text.get_window_extent(renderer)
        box = next(b for b in boxes if b.x0 <= (inner.x0 + inner.x1) / 2 <= b.x1)
        assert box.x0 <= inner.x0 and inner.x1 <= box.x1, text.get_text()
    plt.close(fig)


def test_path_without_a_result_has_no_totals():
    ax = pp.plot_path()
    assert not any("CNY" in t for t in _texts(ax))


def test_flow_highlights_the_step_in_its_stage_colour():
    fig, ax = plt.subplots()
    diagram = pp.FlowDiagram(ax, 5)
    steps = path.flow_steps()
    visible = [i for i, a in enumerate(diagram.highlight_arrows) if a.get_visible()]
    assert visible == [4]
    assert (
        to_hex(diagram.highlight_arrows[4].get_edgecolor())
        == MODULE_COLORS[steps.at[4, "stage"]].lower()
    )
    assert "Step 5: Value capture" in diagram.caption.get_text()
    assert diagram.badge.get_visible() and diagram.badge.get_text() == "5"
    diagram.update(7)
    assert [i for i, a in enumerate(diagram.highlight_arrows) if a.get_visible()] == [6]
    assert all(b.get_visible() for b in diagram.highlight_boxes)
    assert (
        to_hex(diagram.highlight_boxes[0].get_edgecolor())
        == MODULE_COLORS[steps.at[6, "stage"]].lower()
    )
    diagram.update(None)
    assert (
        not any(a.get_visible() for a in diagram.highlight_arrows)
        and diagram.caption.get_text() == ""
    )
    assert not diagram.badge.get_visible()


def test_flow_arrows_start_and_end_on_the_actor_boxes():
    for row in path.flow_steps().itertuples():
        start, end = pp._ACTORS[row.actor][1:], pp._ACTORS[row.target][1:]
        tail, head = pp._arrow_ends(start, end, pp._RAD.get(row.step, 0.0))
        for point, actor in ((tail, row.actor), (head, row.target)):
            _, x, y = pp._ACTORS[actor]
            # on the box's edge plus a small margin: outside the box, but close to it
            gap = max(abs(point[0] - x) - pp._BOX_W / 2, abs(point[1] - y) - pp._BOX_H / 2)
            assert 0 < gap < 0.03


def test_plot_flow_numbers_every_step():
    ax = pp.plot_flow(2)
    numbers = {t for t in _texts(ax) if t.isdigit()}
    assert numbers == {str(i) for i in range(1, len(path.flow_steps()) + 1)}


def test_limit_charts_draw_the_model_curves():
    curve = path.broadcast_length_curve(np.linspace(0.25, 12, 10), variety=0.2)
    left, right = pp.plot_broadcast_length(curve, hours=4)
    line = [ln for ln in left.lines if ln.get_label() == "your variety"][0]
    assert np.allclose(line.get_ydata(), curve["retention"])
    reference = path.profit_by_price([50, 99, 200], differentiation=0)
    other = path.profit_by_price([50, 99, 200], differentiation=1)
    ax = pp.plot_profit_by_price(reference, other, price=99)
    assert np.allclose(ax.lines[1].get_ydata(), other["profit"])


def test_buyer_mix_and_integration_charts_update():
    fig, (a, b) = plt.subplots(1, 2)
    mix = pp.BuyerMixChart(a, 0.25)
    assert mix.price_bar.get_width() == pytest.approx(
        0.75
    ) and mix.value_bar.get_x() == pytest.approx(0.75)
    mix.update(0.6)
    assert mix.value_text.get_text() == "60%"
    chart = pp.IntegrationChart(
        b, path.delivery_parameters(), path.delivery_parameters(pickup_offline=True)
    )
    assert chart.bars[2].get_width() == pytest.approx(0.7)
    assert chart.labels[2].get_text() == "70%"


def test_helpers():
    assert pp.nice_ceiling(0.5) == 1 and pp.nice_ceiling(130) == 150 and pp.nice_ceiling(500) == 500
    assert pp.nice_ceiling(58_000) == 60_000 and pp.nice_ceiling(801) == 1000
    assert (
        pp.format_money(55_400.78) == "55.4k"
        and pp.format_money(-1_200_000) == "-1.20M"
        and pp.format_money(800) == "800"
    )


def test_plots_reject_bad_input():
    with pytest.raises(TypeError, match="result"):
        pp.plot_funnel({"viewers": 3})
    with pytest.raises(TypeError, match="ax"):
        pp.plot_waterfall(path.simulate(), ax="left")
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="step"):
        pp.FlowDiagram(ax, 11)


def test_unhatched_waterfall_of_one_stage_needs_no_stage_in_its_tick_labels(result):
    fig, ax = plt.subplots()
    chart = pp.WaterfallChart(ax, result, hatch=False, labels=False)
    assert all(bar.get_hatch() is None for bar in chart.bars)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[2] == "Prod-\nuct" and ticks[-1] == "Profit"  # one stage: the legend names it
    assert chart.labels == []


def test_every_chart_is_a_chart_whose_artists_are_on_its_axes(result):
    fig, axes = plt.subplots(2, 4)
    a = axes.ravel()
    curve = path.broadcast_length_curve(np.linspace(0.25, 12, 10), variety=0.2)
    prices = path.profit_by_price([50, 99, 200], differentiation=0)
    charts = [
        pp.FunnelChart(a[0], result),
        pp.WaterfallChart(a[1], result),
        pp.FlowDiagram(a[2], 3),
        pp.LengthChart((a[3], a[4]), curve, 2.0),
        pp.PriceChart(a[5], prices, prices, 99.0),
        pp.BuyerMixChart(a[6], 0.4),
        pp.IntegrationChart(a[7], path.delivery_parameters(), path.delivery_parameters()),
    ]
    for chart in charts:
        assert isinstance(chart, Chart)
        assert chart.artists and all(
            artist.axes in (chart.ax, *getattr(chart, "axes", ())) for artist in chart.artists
        )
    plt.close(fig)


@settings(max_examples=30, deadline=None)
@given(
    traffic=st.floats(0, 1e6),
    conversion=st.floats(0, 0.2),
    price=st.floats(1, 400),
    return_rate=st.floats(0, 0.5),
    gifts=st.floats(0, 5),
)
def test_waterfall_steps_are_the_money_flow(traffic, conversion, price, return_rate, gifts):
    run = path.simulate(
        traffic_per_hour=traffic,
        conversion=conversion,
        price=price,
        return_rate=return_rate,
        gifts_per_engaged=gifts,
    )
    fig, ax = plt.subplots()
    chart = pp.WaterfallChart(ax, run, labels=False)
    flow = path.money_flow(run)
    steps = chart.steps(run)
    assert [s[0] for s in steps] == list(flow["item"])
    assert [s[1] for s in steps] == pytest.approx(list(flow["amount"]), abs=1e-9)
    assert [s[2] for s in steps] == pytest.approx(list(flow["start"]), abs=1e-9)
    assert [s[3] for s in steps] == pytest.approx(list(flow["end"]), abs=1e-9)
    # and the bars follow them
    chart.update(run)
    for bar, (_, _, start, end) in zip(chart.bars, steps):
        assert bar.get_y() == pytest.approx(min(start, end)) and bar.get_height() == pytest.approx(
            abs(end - start)
        )
    plt.close(fig)


def test_funnel_follows_the_public_funnel_table():
    run = path.simulate(traffic_per_hour=123_000, conversion=0.05)
    fig, ax = plt.subplots()
    chart = pp.FunnelChart(ax, path.simulate())
    chart.update(run)
    table = path.funnel(run)
    for bar, label, row in zip(chart.bars, chart.labels, table.itertuples()):
        assert bar.get_width() == pytest.approx(row.share_of_previous)
        assert label.get_text().startswith(f"{row.count:,.0f}")
    plt.close(fig)


def test_plot_functions_draw_on_a_given_axes_or_a_new_pyplot_figure():
    fig, ax = plt.subplots()
    assert pp.plot_buyer_mix(0.25, ax=ax) is ax
    assert ax.patches[0].get_width() == pytest.approx(0.75)
    new = pp.plot_integration(path.delivery_parameters(pay_on_delivery=True))
    assert new.figure is not fig and plt.fignum_exists(new.figure.number)
    assert new.patches[0].get_width() == pytest.approx(1.15)
    assert pp.plot_flow(None).figure.get_size_inches().tolist() == [9.0, 5.4]
    plt.close("all")


def test_new_plot_functions_reject_bad_input():
    with pytest.raises(ValueError, match="value_share"):
        pp.plot_buyer_mix(1.5)
    with pytest.raises(TypeError, match="current"):
        pp.plot_integration({"return_rate": 0.1})
    with pytest.raises(ValueError, match="baseline is missing"):
        pp.plot_integration(path.delivery_parameters(), baseline=path.simulate()[["price"]])
    plt.close("all")
