"""Slider views for notebook 3: the flow of Figure 2, the traffic-to-profit model, live versus
non-live, and the paper's limits (long broadcasts, online/offline integration, differentiation).

Each ``explore_x()`` builds one :class:`livekit.views.View`: it wires controls to the model in
:mod:`livekit.path` and the pictures in :mod:`livekit.path_plots`, keeps one figure, moves only
its changing artists on each move (blitting) and writes the numbers in ``view.readout``. Slider
ranges, defaults and labels come from ``data/path_parameters.csv``.
"""
from __future__ import annotations

import html
from typing import Any, Iterable

import ipywidgets as widgets
import numpy as np

from . import path
from ._checks import check_number
from .path_plots import (BuyerMixChart, FlowDiagram, FunnelChart, IntegrationChart, LengthChart, PriceChart,
                         WaterfallChart, format_money, nice_ceiling)
from .style import MODULE_COLORS, kit_style, new_figure
from .vocab import MODULE_NAMES, SWITCHES
from .views import FastFigure, View, slider

__all__ = [
    "parameter_slider",
    "explore_flow",
    "explore_model",
    "explore_channels",
    "explore_long_broadcasts",
    "explore_integration",
    "explore_differentiation",
]

def _stage_tag(stage: str) -> str:
    """A small coloured label naming a value stage (text, not colour alone)."""
    return (f"<span style='border-left:6px solid {MODULE_COLORS[stage]};padding-left:4px'>"
            f"{html.escape(MODULE_NAMES[stage].lower())}</span>")


def parameter_slider(name: str, value: float | None = None) -> widgets.FloatSlider:
    """A slider for one model parameter, with its label, range and step from the data file.

    Parameters
    ----------
    name : str
        A parameter of ``data/path_parameters.csv`` (not a switch).
    value : float, optional
        Starting value; the parameter's live default if omitted.

    Returns
    -------
    ipywidgets.FloatSlider
        Its ``description`` is the parameter's label; the range is ``min`` to ``slider_max``
        (or ``max``).
    """
    table = path.parameter_table().set_index("name")
    if name not in table.index:
        raise ValueError(f"name must be one of the model's parameters {sorted(table.index)}, got {name!r}")
    row = table.loc[name]
    if row["kind"] == "switch":
        raise ValueError(f"name: {name!r} is an on/off switch, not a slider")
    high = float(row["slider_max"]) if not np.isnan(row["slider_max"]) else float(row["max"])
    low = float(row["min"])
    start = float(row["default"]) if value is None else check_number(name, value, low=low, high=high)
    step = float(row["step"])
    if row["kind"] == "rate":
        fmt = ".1%" if step < 0.01 else ".0%"
    elif step >= 1:
        fmt = ",.0f"
    else:
        fmt = ".2f"
    return slider(row["label"], start, low, high, step, fmt=fmt)


def _values(controls: dict[str, widgets.Widget]) -> dict[str, Any]:
    return {name: control.value for name, control in controls.items()}


def _mode_picker(modes: Iterable[str]) -> widgets.SelectMultiple:
    table = path.live_modes()
    return widgets.SelectMultiple(
        options=[(name, mode) for mode, name in zip(table["mode"], table["name"])],
        value=path.check_modes(modes), rows=7, description="Live-stream modes",
        style={"description_width": "180px"}, layout=widgets.Layout(width="420px"),
    )


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 10px'>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 10px'>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


# --- 1. the flow of Figure 2 ------------------------------------------------------------------


def _flow_figure(step: int):
    fig = new_figure(7.2, 4.5)
    with kit_style():
        ax = fig.add_subplot()
        diagram = FlowDiagram(ax, step, caption=False)
        fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig, diagram


def explore_flow(step: int = 1) -> View:
    """Walk through the live-marketing process of Figure 2, one step at a time.

    A step slider (or the play button) highlights each step's arrow and its two actors in the
    colour of the step's value stage; the readout names the actors, the stage and the canvas
    block, and says why the step matters.

    Parameters
    ----------
    step : int
        The step shown first, 1 to the number of steps in ``data/flow_steps.csv``.

    Returns
    -------
    View
        ``view.step`` is the slider, ``view.play`` the play button, ``view.diagram`` the picture.
    """
    steps = path.flow_steps()
    step = int(check_number("step", step, low=1, high=len(steps), integer=True))
    step_slider = widgets.IntSlider(value=step, min=1, max=len(steps), step=1, description="Step",
                                    continuous_update=True, style={"description_width": "60px"},
                                    layout=widgets.Layout(width="420px"))
    play = widgets.Play(value=step, min=1, max=len(steps), step=1, interval=2500, description="Play the process")
    widgets.link((play, "value"), (step_slider, "value"))
    fig, diagram = _flow_figure(step)
    fast = FastFigure(fig, animated=diagram.artists)
    view = View(
        title="The live-marketing process, step by step",
        question="press play (or drag <i>Step</i>) and watch the colour change: which steps "
                 "<b>create</b> value, which <b>deliver</b> it, and where is value <b>captured</b>?",
        controls=[widgets.HBox([play, step_slider])],
        figure=fast,
    )
    view.step, view.play, view.diagram = step_slider, play, diagram

    def update(change=None) -> None:
        current = step_slider.value
        diagram.show(current)
        row = steps.iloc[current - 1]
        view.readout.value = (
            f"<b>Step {current} of {len(steps)}</b>: {html.escape(row['actor'])} &rarr; "
            f"{html.escape(row['target'])} &middot; stage: {_stage_tag(row['stage'])} &middot; canvas block: "
            f"<i>{html.escape(row['block_name'])}</i><br>{html.escape(row['action'])} "
            f"<span style='color:#555'>{html.escape(row['note'])}</span>"
        )
        view.redraw()

    view.watch(step_slider, update)
    view.run(update)
    return view


# --- 2. the model from traffic to profit ------------------------------------------------------

_MODEL_SLIDERS = ("traffic_per_hour", "anchor_influence", "content_quality", "synergy", "conversion",
                  "price", "return_rate")


def _model_figure(result):
    fig = new_figure(10.5, 4.0)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2)
        funnel = FunnelChart(left, result, xmax=3e7, title="Funnel: traffic to orders kept", hatch=False)
        waterfall = WaterfallChart(right, result, title="Waterfall: sales to profit (CNY)", labels=False, hatch=False)
        fig.subplots_adjust(left=0.135, right=0.98, bottom=0.3, top=0.92, wspace=0.45)
    return fig, funnel, waterfall


def _money_table(result) -> str:
    """Every amount of the waterfall, with the stage that causes it (text, not colour alone)."""
    money = [(label, f"{result[q]:,.2f}", _stage_tag(stage)) for q, label, stage in (
        ("sales", "Sales", "capture"), ("gifts", "Sponsorship and gifts", "capture"),
        ("product_cost", "&minus; Product cost", "proposition"), ("broadcast_cost", "&minus; Live broadcast cost", "creation"),
        ("packaging_cost", "&minus; Packaging", "delivery"), ("logistics_cost", "&minus; Logistics", "delivery"),
        ("wages", "&minus; Wages", "creation"))]
    money.append(("<b>= Profit</b>", f"<b>{result['profit']:,.2f}</b>", _stage_tag("capture")))
    return _table(money, ("money", "CNY", "caused in"))


def _model_readout(result) -> str:
    counts = [
        ("Viewers", f"{result['viewers']:,.0f}", _stage_tag("creation")),
        ("Engaged viewers", f"{result['engaged']:,.0f}", _stage_tag("delivery")),
        ("Orders", f"{result['orders']:,.0f}", _stage_tag("delivery")),
        ("Orders kept", f"{result['kept_orders']:,.0f}", _stage_tag("delivery")),
    ]
    return ("<div style='display:flex;gap:24px'>" + _table(counts, ("quantity", "value", "stage"))
            + _money_table(result) + "</div>")


def explore_model(modes: Iterable[str] = path.DEFAULT_MODES, **start: float) -> View:
    """The traffic-to-profit model on sliders: a funnel and a waterfall that move together.

    Parameters
    ----------
    modes : iterable of str
        Live-stream modes chosen at the start (see :func:`livekit.path.live_modes`).
    **start
        Starting values for the sliders: ``traffic_per_hour``, ``anchor_influence``,
        ``content_quality``, ``synergy``, ``conversion``, ``price``, ``return_rate``.

    Returns
    -------
    View
        ``view.sliders`` maps parameter names to sliders, ``view.modes`` is the mode picker,
        ``view.funnel`` and ``view.waterfall`` the two pictures.
    """
    unknown = [k for k in start if k not in _MODEL_SLIDERS]
    if unknown:
        raise ValueError(f"unknown slider {unknown[0]!r}; this view has {list(_MODEL_SLIDERS)}")
    sliders = {name: parameter_slider(name, start.get(name)) for name in _MODEL_SLIDERS}
    picker = _mode_picker(modes)
    result = path.simulate(picker.value, **_values(sliders))
    fig, funnel, waterfall = _model_figure(result)
    fast = FastFigure(fig, animated=[*funnel.artists, *waterfall.artists])
    left = widgets.VBox([sliders[n] for n in ("traffic_per_hour", "anchor_influence", "content_quality", "synergy")])
    right = widgets.VBox([sliders[n] for n in ("conversion", "price", "return_rate")])
    view = View(
        title="From platform traffic to profit",
        question="each lever acts on one stage. Raise <i>Conversion</i>: which funnel rows move, "
                 "and which costs in the waterfall grow with them? Then pick a second and third "
                 "live-stream mode (Ctrl/Cmd-click) and raise <i>Mode synergy</i>: the paper's 1+1&gt;2.",
        controls=[widgets.HBox([left, right]), picker],
        figure=fast,
    )
    view.sliders, view.modes, view.funnel, view.waterfall = sliders, picker, funnel, waterfall

    def update(change=None) -> None:
        result = path.simulate(picker.value, **_values(sliders))
        funnel.update(result)
        if waterfall.update(result):
            fast.invalidate()
        view.readout.value = _model_readout(result)
        view.redraw()

    view.watch([*sliders.values(), picker], update)
    view.run(update)
    return view


# --- 3. live versus non-live ----------------------------------------------------------------

_CHANNEL_SLIDERS = ("traffic_per_hour", "anchor_influence", "content_quality", "conversion", "price")


def _channels_figure(live, non_live):
    fig = new_figure(10.5, 3.4)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2, sharex=left)
        live_chart = FunnelChart(left, live, xmax=3e7, title="Live stream", hatch=False)
        other_chart = FunnelChart(right, non_live, xmax=3e7, title="Pictures and short videos", hatch=False)
        fig.subplots_adjust(left=0.135, right=0.97, bottom=0.15, top=0.9, wspace=0.6)
    return fig, live_chart, other_chart


def explore_channels(modes: Iterable[str] = path.DEFAULT_MODES, **start: float) -> View:
    """The same product sold live and with pictures and short videos, side by side.

    Only the parameters where the paper says live marketing differs (interaction, visibility,
    seeing the product used; see :func:`livekit.path.differing_parameters`) take different
    values; the sliders move both funnels together.

    Parameters
    ----------
    modes : iterable of str
    **start
        Starting values for ``traffic_per_hour``, ``anchor_influence``, ``content_quality``,
        ``conversion``, ``price``.

    Returns
    -------
    View
        ``view.sliders``, ``view.live`` and ``view.non_live`` (the two funnels).
    """
    unknown = [k for k in start if k not in _CHANNEL_SLIDERS]
    if unknown:
        raise ValueError(f"unknown slider {unknown[0]!r}; this view has {list(_CHANNEL_SLIDERS)}")
    modes = path.check_modes(modes)
    sliders = {name: parameter_slider(name, start.get(name)) for name in _CHANNEL_SLIDERS}
    both = path.compare_channels(modes, **_values(sliders))
    fig, live_chart, other_chart = _channels_figure(both["live"], both["non_live"])
    fast = FastFigure(fig, animated=[*live_chart.artists, *other_chart.artists])
    differing = path.differing_parameters()
    why = _table([(html.escape(r.label), f"{r.live:g}", f"{r.non_live:g}", _stage_tag(r.stage)) for r in differing.itertuples()],
                 ("what differs (and only this)", "live", "non-live", "stage"))
    side = widgets.HTML(why)
    view = View(
        title="Live versus pictures and short videos",
        question="the two funnels share every slider. At which row do they first part, and does "
                 "any slider close the gap? Try a much higher <i>Conversion</i> for both.",
        controls=[widgets.HBox([widgets.VBox([sliders[n] for n in _CHANNEL_SLIDERS[:3]]),
                                widgets.VBox([sliders[n] for n in _CHANNEL_SLIDERS[3:]])])],
        figure=fast,
    )
    view.sliders, view.live, view.non_live, view.differences = sliders, live_chart, other_chart, side

    def update(change=None) -> None:
        both = path.compare_channels(modes, **_values(sliders))
        live_chart.update(both["live"])
        other_chart.update(both["non_live"])
        rows = [(label, f"{both.at[q, 'live']:,.{d}f}", f"{both.at[q, 'non_live']:,.{d}f}", _stage_tag(both.at[q, "stage"]))
                for q, label, d in (("viewers", "Viewers", 0), ("engaged", "Engaged viewers", 0), ("orders", "Orders", 0),
                                    ("revenue", "Revenue (CNY)", 2), ("profit", "Profit (CNY)", 2))]
        view.readout.value = _table(rows, ("quantity", "live", "non-live", "stage")) + why
        view.redraw()

    view.watch(list(sliders.values()), update)
    view.run(update)
    return view


# --- 4. the limits: long broadcasts -----------------------------------------------------------

_HOURS_GRID = np.linspace(0.25, 12, 48)


def _length_figure(curve, hours, references, money_min, money_max):
    fig = new_figure(10.5, 3.6)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2)
        chart = LengthChart((left, right), curve, hours, references=references, money_max=money_max, money_min=money_min)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.3)
    return fig, chart


def explore_long_broadcasts(hours: float = 2.0, variety: float = 0.2) -> View:
    """Broadcast length and content variety: retention and sales per hour (Li 2021, Discussion).

    Parameters
    ----------
    hours : float, 0.25 to 12
    variety : float, 0 to 1

    Returns
    -------
    View
        ``view.hours``, ``view.variety`` (sliders) and ``view.chart``.
    """
    hours_slider = parameter_slider("hours", hours)
    variety_slider = parameter_slider("variety", variety)
    references = {"no variety": path.broadcast_length_curve(_HOURS_GRID, variety=0.0),
                  "full variety": path.broadcast_length_curve(_HOURS_GRID, variety=1.0)}
    extremes = [path.broadcast_length_curve(_HOURS_GRID, variety=v) for v in np.linspace(0, 1, 11)]
    money_max = nice_ceiling(max(float(c["sales_per_hour"].max()) for c in extremes) * 1.1)
    money_min = min(0.0, min(float(c["profit_per_hour"].min()) for c in extremes) * 1.1)
    curve = path.broadcast_length_curve(_HOURS_GRID, variety=variety_slider.value)
    fig, chart = _length_figure(curve, hours_slider.value, references, money_min, money_max)
    fast = FastFigure(fig, animated=chart.artists)
    view = View(
        title="Long broadcasts need varied content",
        question="at low <i>Content variety</i>, drag <i>Broadcast length</i> to the right: what "
                 "happens to sales <b>per hour</b>? Now raise the variety: which curve flattens, "
                 "and what does the variety cost in profit?",
        controls=[hours_slider, variety_slider],
        figure=fast,
    )
    view.hours, view.variety, view.chart = hours_slider, variety_slider, chart

    def update(change=None) -> None:
        curve = path.broadcast_length_curve(_HOURS_GRID, variety=variety_slider.value)
        chart.update(curve, hours_slider.value)
        now = path.simulate(hours=hours_slider.value, variety=variety_slider.value)
        view.readout.value = (
            f"At <b>{hours_slider.value:g} h</b> with variety <b>{variety_slider.value:.0%}</b>: "
            f"average retention <b>{now['retention']:.1%}</b> ({_stage_tag('creation')}), "
            f"sales per hour <b>{now['sales_per_hour']:,.2f} CNY</b>, profit per hour "
            f"<b>{now['profit_per_hour']:,.2f} CNY</b>, live broadcast cost "
            f"<b>{now['broadcast_cost']:,.2f} CNY</b> ({_stage_tag('capture')})."
        )
        view.redraw()

    view.watch([hours_slider, variety_slider], update)
    view.run(update)
    return view


# --- 5. the limits: online/offline integration ------------------------------------------------


def _integration_figure(baseline, current, result):
    fig = new_figure(10.5, 3.9)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2)
        chart = IntegrationChart(left, baseline, current)
        waterfall = WaterfallChart(right, result, title="Sales to profit with your switches (CNY)", labels=False,
                                   hatch=False)
        fig.subplots_adjust(left=0.2, right=0.98, bottom=0.3, top=0.9, wspace=0.35)
    return fig, chart, waterfall


def explore_integration(**switches: bool) -> View:
    """The paper's four online/offline integration points as switches on delivery parameters.

    Parameters
    ----------
    **switches : bool
        Starting state of ``shared_products``, ``pickup_offline``, ``pay_on_delivery``,
        ``synchronised_chain`` (all off by default).

    Returns
    -------
    View
        ``view.switches`` maps names to check boxes; ``view.chart`` and ``view.waterfall``.
    """
    unknown = [k for k in switches if k not in SWITCHES]
    if unknown:
        raise ValueError(f"unknown switch {unknown[0]!r}; this view has {list(SWITCHES)}")
    labels = path.parameter_table().set_index("name")["label"]
    state = path.check_parameters(**switches)
    boxes = {name: widgets.Checkbox(value=state[name], description=labels[name], indent=False,
                                    layout=widgets.Layout(width="420px")) for name in SWITCHES}
    baseline = path.delivery_parameters()
    base_result = path.simulate()
    fig, chart, waterfall = _integration_figure(baseline, path.delivery_parameters(**_values(boxes)),
                                                path.simulate(**_values(boxes)))
    fast = FastFigure(fig, animated=[*chart.artists, *waterfall.artists])
    view = View(
        title="Online and offline, integrated",
        question="switch the four integration points on one at a time. Each changes a "
                 "<b>delivery</b> parameter (left); follow it into the logistics bar and the profit (right). "
                 "Which switch helps profit most here, and which has a cost?",
        controls=[widgets.VBox(list(boxes.values()))],
        figure=fast,
    )
    view.switches, view.chart, view.waterfall = boxes, chart, waterfall

    def update(change=None) -> None:
        values = _values(boxes)
        result = path.simulate(**values)
        chart.update(path.delivery_parameters(**values))
        if waterfall.update(result):
            fast.invalidate()
        change_cny = result["profit"] - base_result["profit"]
        view.readout.value = (
            f"Profit <b>{result['profit']:,.2f} CNY</b> ({_stage_tag('capture')}), "
            f"<b>{change_cny:+,.2f} CNY</b> against no integration; return rate "
            f"<b>{result['return_rate_effective']:.1%}</b>, logistics cost <b>{result['logistics_cost']:,.2f} CNY</b> "
            f"({_stage_tag('delivery')})." + _money_table(result)
        )
        view.redraw()

    view.watch(list(boxes.values()), update)
    view.run(update)
    return view


# --- 6. the limits: from functional to cultural value -----------------------------------------

_PRICE_GRID = np.linspace(20, 400, 77)


def _differentiation_figure(value_share, reference, curve, price, ylim):
    fig = new_figure(10.5, 3.6)
    with kit_style():
        left = fig.add_axes((0.05, 0.16, 0.3, 0.72))
        right = fig.add_axes((0.45, 0.16, 0.52, 0.72))
        mix = BuyerMixChart(left, value_share)
        chart = PriceChart(right, reference, curve, price, ylim=ylim, rivals_price=99.0)
    return fig, mix, chart


def explore_differentiation(differentiation: float = 0.0, price: float = 99.0) -> View:
    """From functional to cultural value: differentiation shifts buyers from price to value.

    Parameters
    ----------
    differentiation : float, 0 to 1
        Share of value-sensitive buyers.
    price : float, 1 to 400 CNY

    Returns
    -------
    View
        ``view.differentiation``, ``view.price`` (sliders), ``view.mix``, ``view.chart``.
    """
    diff_slider = parameter_slider("differentiation", differentiation)
    price_slider = parameter_slider("price", price)
    reference = path.profit_by_price(_PRICE_GRID, differentiation=0.0)
    curves = [path.profit_by_price(_PRICE_GRID, differentiation=d) for d in np.linspace(0, 1, 11)]
    high = nice_ceiling(max(float(c["profit"].max()) for c in curves) * 1.1)
    low = min(float(c["profit"].min()) for c in curves)
    ylim = (max(low * 1.1, -0.6 * high), high)
    curve = path.profit_by_price(_PRICE_GRID, differentiation=diff_slider.value)
    fig, mix, chart = _differentiation_figure(diff_slider.value, reference, curve, price_slider.value, ylim)
    fast = FastFigure(fig, animated=[*mix.artists, *chart.artists])
    view = View(
        title="From functional to cultural value",
        question="with <i>Differentiation</i> at 0, find the price with the most profit: can you "
                 "charge much above the rivals? Then raise the differentiation and look for the best price again.",
        controls=[diff_slider, price_slider],
        figure=fast,
    )
    view.differentiation, view.price, view.mix, view.chart = diff_slider, price_slider, mix, chart

    def update(change=None) -> None:
        d = diff_slider.value
        curve = path.profit_by_price(_PRICE_GRID, differentiation=d)
        mix.update(d)
        chart.update(curve, price_slider.value)
        now = path.simulate(differentiation=d, price=price_slider.value)
        best = curve.loc[curve["profit"].idxmax()]
        view.readout.value = (
            f"At <b>{price_slider.value:,.0f} CNY</b>: orders <b>{now['orders']:,.0f}</b>, profit "
            f"<b>{now['profit']:,.2f} CNY</b> ({_stage_tag('capture')}). With {d:.0%} value-sensitive buyers "
            f"({_stage_tag('proposition')}) the best price on the curve is about <b>{best['price']:,.0f} CNY</b>, "
            f"for a profit of <b>{format_money(best['profit'])} CNY</b>."
        )
        view.redraw()

    view.watch([diff_slider, price_slider], update)
    view.run(update)
    return view
