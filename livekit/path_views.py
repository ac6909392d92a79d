"""Slider views for notebooks 3 and 4: the flow of Figure 2 and the seven live-stream modes
(notebook 3); the traffic-to-profit model, live versus non-live, long broadcasts, online/offline
integration and differentiation (notebook 4).

Each ``explore_x()`` builds one :class:`livekit.views.View` the same way: build the controls
(``view.controls[name]``), build the charts of :mod:`livekit.path_plots` on one figure
(``view.charts[name]``), and bind an ``update`` that runs the model of :mod:`livekit.path` (or,
for the modes, :mod:`livekit.modes` drawn by :mod:`livekit.modes_plots`),
moves only the charts' artists (blitting), writes ``view.readout`` and records what it showed in
``view.shown``. Each view also carries a "predict, then check" item (``view.prediction``): the
student commits to a prediction before moving the controls, and the view says whether it held.
Slider ranges, defaults and labels come from ``data/path_parameters.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import numpy as np

from . import _html, canvas, path
from . import modes as mode_model
from ._checks import check_number
from .accessible import PlayButton
from .modes_plots import CombinationChart
from .path_plots import (
    BuyerMixChart,
    FlowDiagram,
    FunnelChart,
    IntegrationChart,
    LengthChart,
    PriceChart,
    WaterfallChart,
    format_money,
    nice_ceiling,
)
from .style import MODULE_COLORS, MUTED_TEXT, kit_style, new_figure
from .views import FastFigure, Prediction, View, int_slider, slider
from .vocab import CHANNELS, MODULE_NAMES, SWITCHES

__all__ = [
    "parameter_slider",
    "explore_flow",
    "explore_modes",
    "explore_model",
    "explore_channels",
    "explore_long_broadcasts",
    "explore_integration",
    "explore_differentiation",
]


def _module_tag(stage: str) -> str:
    """A small coloured label naming a value stage (text, not colour alone)."""
    return (
        f"<span style='border-left:6px solid {MODULE_COLORS[stage]};padding-left:4px'>"
        f"{_html.escape(MODULE_NAMES[stage].lower())}</span>"
    )


def _stage_tag(item: str) -> str:
    """The stage label of a lever or quantity, from the kit's one stage map
    (:func:`livekit.canvas.stage_of`)."""
    return _module_tag(canvas.stage_of(item))


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
        raise ValueError(
            f"name must be one of the model's parameters {sorted(table.index)}, got {name!r}"
        )
    row = table.loc[name]
    if row["kind"] == "switch":
        raise ValueError(f"name: {name!r} is an on/off switch, not a slider")
    high = float(row["slider_max"]) if not np.isnan(row["slider_max"]) else float(row["max"])
    low = float(row["min"])
    start = (
        float(row["default"]) if value is None else check_number(name, value, low=low, high=high)
    )
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


def _sliders(names: tuple[str, ...], start: dict[str, float]) -> dict[str, widgets.FloatSlider]:
    """One :func:`parameter_slider` per name, started at ``start`` where given."""
    unknown = [k for k in start if k not in names]
    if unknown:
        raise ValueError(f"unknown slider {unknown[0]!r}; this view has {list(names)}")
    return {name: parameter_slider(name, start.get(name)) for name in names}


def _columns(controls: dict[str, widgets.Widget], *columns: tuple[str, ...]) -> widgets.HBox:
    return widgets.HBox([widgets.VBox([controls[n] for n in names]) for names in columns])


def _animated(charts: dict[str, Any]) -> list:
    return [artist for chart in charts.values() for artist in chart.artists]


def _near(value: float, target: float) -> bool:
    """Equal up to the rounding of a slider step (a browser sends 0.30000000000000004)."""
    return abs(float(value) - float(target)) <= 1e-6 * max(1.0, abs(float(target)))


def _only_changed(now: dict[str, Any], start: dict[str, Any], name: str, target: float) -> bool:
    """Whether ``now`` is ``start`` with only ``name`` moved, to ``target``."""
    return _near(now[name], target) and all(now[k] == v for k, v in start.items() if k != name)


def _direction(now: float, before: float, words: tuple[str, str, str]) -> str:
    """``words[0]`` if ``now`` is above ``before``, ``words[1]`` if below, else ``words[2]``."""
    if _near(now, before):
        return words[2]
    return words[0] if now > before else words[1]


def _mode_picker(modes: Iterable[str]) -> widgets.SelectMultiple:
    table = mode_model.mode_table()
    return widgets.SelectMultiple(
        options=[(name, mode) for mode, name in zip(table["mode"], table["name"])],
        value=mode_model.check_mode_list(modes),
        rows=7,
        description="Live-stream modes",
        style={"description_width": "180px"},
        layout=widgets.Layout(width="420px"),
    )


# --- 1. the flow of Figure 2 ------------------------------------------------------------------

#: How the predictions name the actors of Figure 2.
_ACTOR_NAMES = {
    "seller": "the seller",
    "anchor": "the anchor",
    "platform": "the live platform",
    "audience": "the audience",
    "logistics": "the courier (logistics company)",
}


def _flow_figure(step: int):
    fig = new_figure(7.2, 4.5)
    with kit_style():
        charts = {"flow": FlowDiagram(fig.add_subplot(), step, caption=False)}
        fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig, charts


def _flow_prediction(steps) -> Prediction:
    """Who feeds the delivery back to the buyer at the end of Figure 2 (the paper: the platform)."""
    last = int(steps["step"].max())
    return Prediction(
        f"At the end of Figure 2 (step {last}) the buyer learns that the parcel has arrived. Who "
        f"passes that information on to the buyer? Lock in your answer, then go to step {last}.",
        outcome=lambda shown: _ACTOR_NAMES[shown["actor"]] if shown.get("step") == last else None,
        options=[_ACTOR_NAMES[a] for a in ("anchor", "seller", "platform", "logistics")],
        hint=f"steps {last - 1} and {last}: to whom does the courier upload the delivery "
        "information, and who then passes it on?",
    )


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
        ``view.controls["step"]`` is the slider, ``view.controls["play"]`` the play button
        (linked to the slider), ``view.charts["flow"]`` the diagram; ``view.shown`` holds the
        ``step``, its ``actor``, ``target`` and ``stage``; ``view.prediction`` asks who passes
        the delivery information on to the buyer at the last step.
    """
    steps = path.flow_steps()
    step = int(check_number("step", step, low=1, high=len(steps), integer=True))
    controls = {
        "play": PlayButton(
            value=step, min=1, max=len(steps), step=1, interval=2500, description="Play the process"
        ),
        "step": int_slider("Step", step, 1, len(steps)),
    }
    widgets.link((controls["play"], "value"), (controls["step"], "value"))
    fig, charts = _flow_figure(step)
    view = View(
        title="The live-marketing process, step by step",
        question="press play (or drag <i>Step</i>) and follow the information from actor to "
        "actor: who tells the buyer, at the end, that the parcel has arrived?",
        controls=controls,
        layout=widgets.HBox(list(controls.values())),
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        prediction=_flow_prediction(steps),
    )

    def update(change=None) -> None:
        current = view.controls["step"].value
        charts["flow"].update(current)
        row = steps.iloc[current - 1]
        view.readout.value = (
            f"<b>Step {current} of {len(steps)}</b>: {_html.escape(row['actor'])} &rarr; "
            f"{_html.escape(row['target'])} &middot; stage: {_module_tag(row['stage'])} &middot; "
            "canvas block: "
            f"<i>{_html.escape(row['block_name'])}</i><br>{_html.escape(row['action'])} "
            f"<span style='color:{MUTED_TEXT}'>{_html.escape(row['note'])}</span>"
        )
        view.show(step=current, actor=row["actor"], target=row["target"], stage=row["stage"])
        view.redraw()

    view.bind(update, controls=["step"])  # the play button moves the slider through the link
    return view


# --- 1b. the seven live-stream modes ------------------------------------------------------------


def _mode_buttons(chosen: Iterable[str]) -> dict[str, widgets.ToggleButton]:
    """One on/off button per live-stream mode, in the paper's order, keyed by the mode's id."""
    chosen = mode_model.check_mode_list(chosen)
    table = mode_model.mode_table()
    return {
        mode: widgets.ToggleButton(
            value=mode in chosen,
            description=name,
            tooltip=description,
            layout=widgets.Layout(width="170px"),
        )
        for mode, name, description in zip(table["mode"], table["name"], table["description"])
    }


def _purpose_picker(purpose: str) -> widgets.ToggleButtons:
    """One button per marketing purpose (the kit's six); the goal is the button's tooltip."""
    table = mode_model.purposes()
    return widgets.ToggleButtons(
        options=list(zip(table["name"], table["purpose"])),
        tooltips=list(table["goal"]),
        value=mode_model.check_purpose(purpose),
        description="Marketing purpose",
        style={"description_width": "140px", "button_width": "190px"},
    )


def _modes_figure(result, alone_all):
    fig = new_figure(9.6, 4.0)
    with kit_style():
        charts = {
            "modes": CombinationChart(
                fig.add_axes((0.2, 0.13, 0.47, 0.71)), result, alone_all=alone_all
            )
        }
    return fig, charts


class _ModeReasons:
    """The kit's reasons, read once: why each mode serves each purpose, why each pair helps or
    clashes."""

    def __init__(self) -> None:
        self.fit = {
            p: mode_model.mode_fit(p).set_index("mode") for p in mode_model.purposes()["purpose"]
        }
        pairs = mode_model.pair_table()
        self.pair = {
            frozenset((a, b)): (s, e, r)
            for a, b, s, e, r in zip(
                pairs["mode_a"], pairs["mode_b"], pairs["synergy"], pairs["effect"], pairs["reason"]
            )
        }
        self.names = dict(zip(mode_model.mode_table()["mode"], mode_model.mode_table()["name"]))

    def alone(self, purpose: str) -> dict[str, float]:
        return {m: float(v) for m, v in self.fit[purpose]["alone"].items()}

    def readout(self, result) -> str:
        fit = self.fit[result["purpose"]]
        rows = [
            (
                _html.escape(self.names[m]),
                "alone",
                f"fit {fit.at[m, 'fit']:.1f} &times; lift {fit.at[m, 'lift']:.2f}",
                f"{v:+.3f}",
                _html.escape(fit.at[m, "reason"]),
            )
            for m, v in result["alone"].items()
        ]
        for key, v in result["pairs"].items():
            a, b = key.split("+")
            synergy, effect, reason = self.pair[frozenset((a, b))]
            rows.append(
                (
                    f"{_html.escape(self.names[a])} + {_html.escape(self.names[b])}",
                    f"pair: {effect}",
                    f"synergy {synergy:+.1f} &times; weaker alone",
                    f"{v:+.3f}",
                    _html.escape(reason),
                )
            )
        rows.append(
            (
                "<b>together</b>",
                f"<b>{_html.escape(result['verdict'])}</b>",
                f"alone added up {result['sum_alone']:.3f}",
                f"<b>{result['total']:.3f}</b>",
                f"gain from the pairs {result['gain']:+.3f}",
            )
        )
        return (
            "<b>The kit's model</b> (illustrative numbers from <code>data/mode_fit.csv</code> and "
            "<code>data/mode_pairs.csv</code>; the paper names the modes and the 1+1&gt;2 effect, "
            "not sizes):"
            + _html.table(rows, ("part", "kind", "how (kit)", "attraction", "why (kit)"))
        )


def _modes_prediction() -> Prediction:
    """Rare plus contrast marketing: scarcity asks buyers to hurry, a comparison to weigh."""
    pair = ("rare", "contrast")
    return Prediction(
        "Switch on only rare and contrast marketing (all other modes off): scarcity and a "
        "comparison in one stream. In the kit's model, does the pair give 1+1&gt;2, 1+1=2 or "
        "1+1&lt;2? Think of what each mode asks the buyer to do.",
        outcome=lambda shown: shown["verdict"] if shown["modes"] == pair else None,
        options=list(mode_model.VERDICTS),
        hint="the pair's row in the table under the chart: its synergy and the kit's reason.",
    )


def explore_modes(purpose: str = "trust", modes: Iterable[str] = ("value", "contrast")) -> View:
    """Pick live-stream modes (and a marketing purpose); see what the kit's model says.

    The chart sets each mode's attraction alone (``lift x fit`` for the purpose) against the
    combination's total (:func:`livekit.modes.combine`); the readout lists every mode and pair
    with the kit's reason. All numbers are the kit's illustrative assumptions.

    Parameters
    ----------
    purpose : str
        A purpose id or name from :func:`livekit.modes.purposes` (default ``"trust"``).
    modes : iterable of str
        The modes switched on at the start, ids or names (default value and contrast marketing).

    Returns
    -------
    View
        ``view.controls["purpose"]`` (one button per purpose) and one toggle button per mode,
        keyed by the mode's id (``view.controls["celebrity"]``...); ``view.charts["modes"]`` (a
        :class:`~livekit.modes_plots.CombinationChart`); ``view.shown`` holds the ``purpose``,
        the chosen ``modes`` (tuple of ids, in the paper's order), ``sum_alone``, ``total``,
        ``gain`` and ``verdict``; ``view.prediction`` asks whether rare plus contrast
        marketing gives 1+1>2. The purpose picker waits behind *More controls*: for a pair,
        whether it gives 1+1>2 does not depend on the purpose, only how much it adds.
    """
    controls = {"purpose": _purpose_picker(purpose), **_mode_buttons(modes)}
    reasons = _ModeReasons()
    start = mode_model.combine(controls["purpose"].value, mode_model.check_mode_list(modes))
    fig, charts = _modes_figure(start, reasons.alone(start["purpose"]))
    buttons = [controls[m] for m in mode_model.mode_table()["mode"]]
    view = View(
        title="Seven live-stream modes: alone and combined",
        question="switch modes on and off: which pairs push <i>together</i> past the dashed line "
        "(1+1&gt;2), which stop on it (1+1=2), and which fall short of it (1+1&lt;2)?",
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        layout=widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap")),
        prediction=_modes_prediction(),
        advanced=["purpose"],
    )

    def update(change=None) -> None:
        chosen = tuple(m for m, button in view.controls.items() if m != "purpose" and button.value)
        result = mode_model.combine(view.controls["purpose"].value, chosen)
        charts["modes"].update(result, reasons.alone(result["purpose"]))
        view.fast.show_look(charts["modes"].look)  # one cached background per purpose and axis
        view.readout.value = reasons.readout(result)
        view.show(
            purpose=result["purpose"],
            modes=result["modes"],
            **{key: result[key] for key in ("sum_alone", "total", "gain", "verdict")},
        )
        view.redraw()

    view.bind(update)
    return view


# --- 2. the model from traffic to profit ------------------------------------------------------

_MODEL_SLIDERS = (
    "traffic_per_hour",
    "anchor_influence",
    "content_quality",
    "conversion",
    "price",
    "return_rate",
)


def _model_figure(result):
    fig = new_figure(10.5, 4.0)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2)
        charts = {
            "funnel": FunnelChart(
                left, result, title="Funnel: traffic to orders kept", hatch=False
            ),
            "waterfall": WaterfallChart(
                right, result, title="Waterfall: sales to profit (CNY)", labels=False, hatch=False
            ),
        }
        fig.subplots_adjust(left=0.135, right=0.98, bottom=0.2, top=0.92, wspace=0.45)
    return fig, charts


_MONEY_ROWS = (
    ("sales", ""),
    ("gifts", ""),
    ("product_cost", "&minus; "),
    ("broadcast_cost", "&minus; "),
    ("packaging_cost", "&minus; "),
    ("logistics_cost", "&minus; "),
    ("wages", "&minus; "),
)


def _label(item: str) -> str:
    """The display name of a lever or quantity, from the stage map (one name per concept)."""
    return _html.escape(canvas.value_stages().at[item, "label"])


def _money_table(result) -> str:
    """Every amount of the waterfall, with its stage from the stage map (text, not colour alone)."""
    money = [(sign + _label(q), f"{result[q]:,.2f}", _stage_tag(q)) for q, sign in _MONEY_ROWS]
    money.append(
        (f"<b>= {_label('profit')}</b>", f"<b>{result['profit']:,.2f}</b>", _stage_tag("profit"))
    )
    return _html.table(money, ("money", "CNY", "stage"))


def _modes_line(chosen) -> str:
    """What the chosen modes add to the content, by the kit's one synergy rule (full lifts)."""
    parts = mode_model.combine(None, chosen)
    verdict = _html.escape(parts["verdict"])
    if len(parts["modes"]) < 2:
        return f"Modes add <b>{parts['total']:.3f}</b> attraction ({verdict}).<br>"
    return (
        f"Modes add <b>{parts['total']:.3f}</b> attraction: {parts['sum_alone']:.3f} alone, "
        f"{parts['gain']:+.3f} from the pairs, <b>{verdict}</b> (the kit's pair rule, as in the "
        "modes view, each mode at its full lift).<br>"
    )


def _model_readout(result, chosen) -> str:
    counts = [
        (_label(q), f"{result[q]:,.0f}", _stage_tag(q))
        for q in ("viewers", "engaged", "orders", "kept_orders")
    ]
    return (
        _modes_line(chosen)
        + "<div style='display:flex;gap:24px'>"
        + _html.table(counts, ("quantity", "value", "stage"))
        + _money_table(result)
        + "</div>"
    )


def _doubling_prediction(start: dict[str, Any], start_profit: float) -> Prediction:
    """Double the traffic, nothing else: profit more than doubles while some costs stay fixed."""
    target = 2 * start["traffic_per_hour"]

    def outcome(shown):
        if not _only_changed(shown["settings"], start, "traffic_per_hour", target):
            return None
        return _direction(
            shown["profit"],
            2 * start_profit,
            ("more than doubles", "less than doubles", "exactly doubles"),
        )

    return Prediction(
        f"Double <i>Platform traffic</i>, from {start['traffic_per_hour']:,.0f} to "
        f"{target:,.0f} people an hour, and change nothing else: does profit double, more than "
        "double, or less?",
        outcome=outcome,
        options=["less than doubles", "exactly doubles", "more than doubles"],
        hint="the live broadcast and wages bars: do they grow with the traffic?",
    )


def explore_model(modes: Iterable[str] = path.DEFAULT_MODES, **start: float) -> View:
    """The traffic-to-profit model on sliders: a funnel and a waterfall that move together.

    Parameters
    ----------
    modes : iterable of str
        Live-stream modes chosen at the start (see :func:`livekit.modes.mode_table`), combined
        by the kit's one synergy rule (:func:`livekit.modes.combine`, no purpose).
    **start
        Starting values for the sliders: ``traffic_per_hour``, ``anchor_influence``,
        ``content_quality``, ``conversion``, ``price``, ``return_rate``.

    Returns
    -------
    View
        ``view.controls`` holds one slider per parameter above and ``"modes"`` (the mode
        picker; it waits behind *More controls*); ``view.charts["funnel"]`` and
        ``view.charts["waterfall"]``; ``view.shown``
        holds the ``settings`` (every control's value) and the model's ``profit``, ``orders``
        and ``sales``; ``view.prediction`` asks what doubling the traffic does to profit.
    """
    controls = {**_sliders(_MODEL_SLIDERS, start), "modes": _mode_picker(modes)}
    settings = _values(controls)
    result = path.simulate(**settings)
    fig, charts = _model_figure(result)
    view = View(
        title="From platform traffic to profit",
        question="move <i>Platform traffic</i>: which bars of the waterfall grow with it, and "
        "which stay where they are?",
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        layout=_columns(controls, _MODEL_SLIDERS[:3], _MODEL_SLIDERS[3:]),
        prediction=_doubling_prediction(settings, float(result["profit"])),
        advanced=["modes"],
    )

    def update(change=None) -> None:
        values = _values(view.controls)
        result = path.simulate(**values)
        charts["funnel"].update(result)
        if charts["waterfall"].update(result):
            view.fast.invalidate()
        view.readout.value = _model_readout(result, values["modes"])
        view.show(settings=values, **{q: float(result[q]) for q in ("profit", "orders", "sales")})
        view.redraw()

    view.bind(update)
    return view


# --- 3. live versus non-live ----------------------------------------------------------------

_CHANNEL_SLIDERS = (
    "traffic_per_hour",
    "anchor_influence",
    "content_quality",
    "conversion",
    "price",
)


def _channels_figure(live, non_live):
    fig = new_figure(10.5, 3.4)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2, sharex=left)
        charts = {
            "live": FunnelChart(left, live, title="Live stream", hatch=False),
            "non_live": FunnelChart(
                right, non_live, title="Pictures and short videos", hatch=False
            ),
        }
        fig.subplots_adjust(left=0.135, right=0.97, bottom=0.15, top=0.9, wspace=0.6)
    return fig, charts


def _ratio_prediction(start: dict[str, Any], start_ratio: float) -> Prediction:
    """Double the conversion for both channels: the live stream's orders, as a multiple of the
    non-live orders, stay the same (conversion multiplies both funnels alike)."""
    target = 2 * start["conversion"]

    def outcome(shown):
        if not _only_changed(shown["settings"], start, "conversion", target):
            return None
        ratio = shown["orders_live"] / max(shown["orders_non_live"], 1e-12)
        return _direction(ratio, start_ratio, ("it grows", "it shrinks", "it stays the same"))

    return Prediction(
        f"Double <i>Conversion</i> for both channels, from {start['conversion']:.1%} to "
        f"{target:.1%}, and change nothing else: the live stream sells {start_ratio:.1f} times as "
        "many orders as non-live now. Does that multiple shrink, stay the same, or grow?",
        outcome=outcome,
        options=["it shrinks", "it stays the same", "it grows"],
        hint="the Orders row of both funnels: by what factor does each one change?",
    )


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
        ``view.controls`` holds the sliders; ``view.charts["live"]`` and
        ``view.charts["non_live"]`` the two funnels; ``view.shown`` the ``settings`` and, per
        channel, ``orders_live``, ``orders_non_live``, ``profit_live``, ``profit_non_live``;
        ``view.prediction`` asks what doubling the conversion does to the live stream's orders
        as a multiple of the non-live orders.
    """
    modes = mode_model.check_mode_list(modes)
    controls = _sliders(_CHANNEL_SLIDERS, start)
    settings = _values(controls)
    both = path.compare_channels(modes, **settings)
    fig, charts = _channels_figure(both["live"], both["non_live"])
    why = _html.table(
        [
            (
                _html.escape(r.label),
                f"{r.live:g}",
                f"{r.non_live:g}",
                "the paper's" if r.basis == "paper" else "the kit's",
                _stage_tag(r.name),
            )
            for r in path.differing_parameters().itertuples()
        ],
        ("what differs (and only this)", "live", "non-live", "difference", "stage"),
    )
    view = View(
        title="Live versus pictures and short videos",
        question="the two funnels share every slider: can any of them close the gap between "
        "live and non-live selling?",
        controls=controls,
        layout=_columns(controls, _CHANNEL_SLIDERS[:3], _CHANNEL_SLIDERS[3:]),
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        prediction=_ratio_prediction(
            settings, both.at["orders", "live"] / max(both.at["orders", "non_live"], 1e-12)
        ),
    )

    def update(change=None) -> None:
        values = _values(view.controls)
        both = path.compare_channels(modes, **values)
        for channel in CHANNELS:
            charts[channel].update(both[channel])
        rows = [
            (
                _label(q),
                f"{both.at[q, 'live']:,.{d}f}",
                f"{both.at[q, 'non_live']:,.{d}f}",
                _stage_tag(q),
            )
            for q, d in (
                ("viewers", 0),
                ("engaged", 0),
                ("orders", 0),
                ("revenue", 2),
                ("profit", 2),
            )
        ]
        view.readout.value = _html.table(rows, ("quantity", "live", "non-live", "stage")) + why
        view.show(
            settings=values,
            **{f"{q}_{c}": float(both.at[q, c]) for q in ("orders", "profit") for c in CHANNELS},
        )
        view.redraw()

    view.bind(update)
    return view


# --- 4. the limits: long broadcasts -----------------------------------------------------------

_HOURS_GRID = np.linspace(0.25, 12, 48)


def _length_figure(curve, hours, references, money_min, money_max):
    fig = new_figure(10.5, 3.6)
    with kit_style():
        axes = (fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2))
        charts = {
            "length": LengthChart(
                axes, curve, hours, references=references, money_max=money_max, money_min=money_min
            )
        }
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.3)
    return fig, charts


def _length_start(variety: float):
    """The starting curve, the two grey reference curves, and a money axis for every variety."""
    references = {
        "no variety": path.broadcast_length_curve(_HOURS_GRID, variety=0.0),
        "full variety": path.broadcast_length_curve(_HOURS_GRID, variety=1.0),
    }
    extremes = [path.broadcast_length_curve(_HOURS_GRID, variety=v) for v in np.linspace(0, 1, 11)]
    money_max = nice_ceiling(max(float(c["sales_per_hour"].max()) for c in extremes) * 1.1)
    money_min = min(0.0, min(float(c["profit_per_hour"].min()) for c in extremes) * 1.1)
    return (
        path.broadcast_length_curve(_HOURS_GRID, variety=variety),
        references,
        money_min,
        money_max,
    )


def _length_prediction(hours: float, variety: float) -> Prediction:
    """Lengthen the broadcast at this variety: sales per hour fall as attention wanes (after the
    paper's Discussion)."""
    before = float(path.simulate(hours=hours, variety=variety)["sales_per_hour"])
    target = 6.0 if hours < 6 else 2.0

    def outcome(shown):
        if not (_near(shown["hours"], target) and _near(shown["variety"], variety)):
            return None
        return _direction(shown["sales_per_hour"], before, ("rise", "fall", "stay the same"))

    return Prediction(
        f"Go from {hours:g} to {target:g} hours and keep <i>Content variety</i> at {variety:.0%}: "
        f"will sales <b>per hour</b> rise or fall?",
        outcome=outcome,
        options=["rise", "stay the same", "fall"],
        hint="the retention curve: what share of the viewers is still watching in the later hours?",
    )


def explore_long_broadcasts(hours: float = 2.0, variety: float = 0.2) -> View:
    """Broadcast length and content variety: retention and sales per hour (Li 2021, Discussion).

    Parameters
    ----------
    hours : float, 0.25 to 12
    variety : float, 0 to 1

    Returns
    -------
    View
        ``view.controls["hours"]`` and ``view.controls["variety"]`` (sliders),
        ``view.charts["length"]``; ``view.shown`` holds ``hours``, ``variety``, ``retention``,
        ``sales_per_hour`` and ``profit_per_hour``; ``view.prediction`` asks what a longer
        broadcast does to sales per hour.
    """
    controls = {
        "hours": parameter_slider("hours", hours),
        "variety": parameter_slider("variety", variety),
    }
    curve, references, money_min, money_max = _length_start(controls["variety"].value)
    fig, charts = _length_figure(curve, controls["hours"].value, references, money_min, money_max)
    view = View(
        title="Broadcast length and content variety",
        question="at low <i>Content variety</i>, what happens to sales <b>per hour</b> as the "
        "broadcast gets longer?",
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        prediction=_length_prediction(controls["hours"].value, controls["variety"].value),
    )

    def update(change=None) -> None:
        hours_now, variety_now = view.controls["hours"].value, view.controls["variety"].value
        charts["length"].update(
            path.broadcast_length_curve(_HOURS_GRID, variety=variety_now), hours_now
        )
        now = path.simulate(hours=hours_now, variety=variety_now)
        view.readout.value = (
            f"At <b>{hours_now:g} h</b> with variety <b>{variety_now:.0%}</b>: "
            f"average retention <b>{now['retention']:.1%}</b> ({_stage_tag('retention')}), "
            f"sales per hour <b>{now['sales_per_hour']:,.2f} CNY</b>, profit per hour "
            f"<b>{now['profit_per_hour']:,.2f} CNY</b>, live broadcast cost "
            f"<b>{now['broadcast_cost']:,.2f} CNY</b> ({_stage_tag('broadcast_cost')})."
        )
        view.show(
            hours=hours_now,
            variety=variety_now,
            **{q: float(now[q]) for q in ("retention", "sales_per_hour", "profit_per_hour")},
        )
        view.redraw()

    view.bind(update)
    return view


# --- 5. the limits: online/offline integration ------------------------------------------------


def _integration_figure(baseline, current, result):
    fig = new_figure(10.5, 3.9)
    with kit_style():
        left = fig.add_subplot(1, 2, 1)
        right = fig.add_subplot(1, 2, 2)
        charts = {
            "delivery": IntegrationChart(left, baseline, current),
            "waterfall": WaterfallChart(
                right,
                result,
                title="Sales to profit with your switches (CNY)",
                labels=False,
                hatch=False,
            ),
        }
        fig.subplots_adjust(left=0.2, right=0.98, bottom=0.2, top=0.9, wspace=0.35)
    return fig, charts


def _switch_prediction(switch: str, label: str) -> Prediction:
    """Switch on one integration point alone: does profit rise or fall against no integration?"""
    alone = {name: name == switch for name in SWITCHES}
    return Prediction(
        f"Switch on <i>{_html.escape(label)}</i> alone (all other switches off): will profit "
        "rise or fall against no integration, in the kit's model?",
        outcome=lambda shown: (
            _direction(shown["profit_change"], 0.0, ("rise", "fall", "stay the same"))
            if shown["switches"] == alone
            else None
        ),
        options=["rise", "stay the same", "fall"],
        hint="the return rate and the sales bar: how many more buyers keep their parcel?",
    )


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
        ``view.controls`` maps the switch names to check boxes; ``view.charts["delivery"]``
        (the delivery parameters) and ``view.charts["waterfall"]``; ``view.shown`` holds the
        ``switches``, the ``profit`` and its ``profit_change`` against no integration;
        ``view.prediction`` asks what pay-on-delivery alone does to profit.
    """
    unknown = [k for k in switches if k not in SWITCHES]
    if unknown:
        raise ValueError(f"unknown switch {unknown[0]!r}; this view has {list(SWITCHES)}")
    labels = path.parameter_table().set_index("name")["label"]
    state = path.check_parameters(**switches)
    controls = {
        name: widgets.Checkbox(
            value=state[name],
            description=labels[name],
            indent=False,
            layout=widgets.Layout(width="420px"),
        )
        for name in SWITCHES
    }
    base_result = path.simulate()
    fig, charts = _integration_figure(
        path.delivery_parameters(),
        path.delivery_parameters(**_values(controls)),
        path.simulate(**_values(controls)),
    )
    view = View(
        title="Online and offline, integrated",
        question="switch on <i>Pay online or on delivery</i> alone: do the extra buyers outweigh "
        "the parcels refused at the door?",
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        prediction=_switch_prediction("pay_on_delivery", labels["pay_on_delivery"]),
    )

    def update(change=None) -> None:
        values = _values(view.controls)
        result = path.simulate(**values)
        charts["delivery"].update(path.delivery_parameters(**values))
        if charts["waterfall"].update(result):
            view.fast.invalidate()
        change_cny = result["profit"] - base_result["profit"]
        view.readout.value = (
            f"Profit <b>{result['profit']:,.2f} CNY</b> ({_stage_tag('profit')}), "
            f"<b>{change_cny:+,.2f} CNY</b> against no integration; return rate "
            f"<b>{result['return_rate_effective']:.1%}</b> "
            f"({_stage_tag('return_rate_effective')}), logistics cost "
            f"<b>{result['logistics_cost']:,.2f} CNY</b> ({_stage_tag('logistics_cost')})."
            + _money_table(result)
        )
        view.show(switches=values, profit=float(result["profit"]), profit_change=float(change_cny))
        view.redraw()

    view.bind(update)
    return view


# --- 6. the limits: from functional to cultural value -----------------------------------------

_PRICE_GRID = np.linspace(20, 400, 77)


def _differentiation_figure(value_share, reference, curve, price, ylim):
    fig = new_figure(10.5, 3.6)
    with kit_style():
        left = fig.add_axes((0.05, 0.16, 0.3, 0.72))
        right = fig.add_axes((0.45, 0.16, 0.52, 0.72))
        charts = {
            "mix": BuyerMixChart(left, value_share),
            "profit": PriceChart(right, reference, curve, price, ylim=ylim, rivals_price=99.0),
        }
    return fig, charts


def _price_axis() -> tuple[float, float]:
    """A profit axis that holds the curve at every differentiation the slider offers."""
    curves = [path.profit_by_price(_PRICE_GRID, differentiation=d) for d in np.linspace(0, 1, 11)]
    high = nice_ceiling(max(float(c["profit"].max()) for c in curves) * 1.1)
    low = min(float(c["profit"].min()) for c in curves)
    return max(low * 1.1, -0.6 * high), high


def _best_price(curve) -> tuple[float, float]:
    """The price on the curve with the most profit, and that profit."""
    best = curve.loc[curve["profit"].idxmax()]
    return float(best["price"]), float(best["profit"])


def _best_price_prediction(reference, target: float = 0.8) -> Prediction:
    """At high differentiation the best price goes up: value-sensitive buyers mind price less."""
    price_only, _ = _best_price(reference)
    return Prediction(
        f"Raise <i>Differentiation</i> to {target:.0%}. Compared with price-only competition "
        "(the grey curve), does the price with the most profit go up or down?",
        outcome=lambda shown: (
            _direction(shown["best_price"], price_only, ("up", "down", "stays the same"))
            if _near(shown["differentiation"], target)
            else None
        ),
        options=["up", "stays the same", "down"],
        hint="the profit curve right of the rivals' price: how steeply does it fall now?",
    )


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
        ``view.controls["differentiation"]`` and ``view.controls["price"]`` (sliders),
        ``view.charts["mix"]`` (who buys) and ``view.charts["profit"]`` (profit by price);
        ``view.shown`` holds ``differentiation``, ``price``, ``orders``, ``profit``,
        ``best_price`` and ``best_profit``; ``view.prediction`` asks where the best price goes.
    """
    controls = {
        "differentiation": parameter_slider("differentiation", differentiation),
        "price": parameter_slider("price", price),
    }
    reference = path.profit_by_price(_PRICE_GRID, differentiation=0.0)
    d = controls["differentiation"].value
    fig, charts = _differentiation_figure(
        d,
        reference,
        path.profit_by_price(_PRICE_GRID, differentiation=d),
        controls["price"].value,
        _price_axis(),
    )
    view = View(
        title="From functional to cultural value",
        question="as more buyers become value-sensitive, where does the price with the most "
        "profit move?",
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=_animated(charts)),
        prediction=_best_price_prediction(reference),
    )

    def update(change=None) -> None:
        d, price_now = view.controls["differentiation"].value, view.controls["price"].value
        curve = path.profit_by_price(_PRICE_GRID, differentiation=d)
        charts["mix"].update(d)
        charts["profit"].update(curve, price_now)
        now = path.simulate(differentiation=d, price=price_now)
        best_price, best_profit = _best_price(curve)
        view.readout.value = (
            f"At <b>{price_now:,.0f} CNY</b>: orders <b>{now['orders']:,.0f}</b>, profit "
            f"<b>{now['profit']:,.2f} CNY</b> ({_stage_tag('profit')}). With {d:.0%} "
            "value-sensitive buyers "
            f"({_stage_tag('value_sensitive_share')}) the best price on the curve is about "
            f"<b>{best_price:,.0f} CNY</b>, "
            f"for a profit of <b>{format_money(best_profit)} CNY</b>."
        )
        view.show(
            differentiation=d,
            price=price_now,
            orders=float(now["orders"]),
            profit=float(now["profit"]),
            best_price=best_price,
            best_profit=best_profit,
        )
        view.redraw()

    view.bind(update)
    return view
