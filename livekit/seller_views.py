"""Slider views of the seller evaluation model (notebook 2). Each is one call in the notebook.

- :func:`explore_seller`: one seller's metrics on sliders; its dot moves on the evaluation map,
  its class changes live, and an arrow shows the smallest move to a higher class.
- :func:`explore_sellers`: a whole data set (the teaching set or the real Twitch table) with
  threshold, weight, model, normalisation and data-set controls; the map and the class counts
  re-classify live.

The views only wire controls to :mod:`livekit.sellers` (numbers) and the charts of
:mod:`livekit.seller_plots`. Every moving artist is animated in a
:class:`~livekit.views.FastFigure`, so a move repaints them over a cached background instead of
redrawing the figure. Each view records what it shows in ``view.shown`` and carries one
"predict, then check" item (``view.prediction``).
"""
from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import seller_plots as P
from . import sellers as S
from ._checks import check_choice
from .style import CLASS_COLORS, kit_style, new_figure
from .vocab import SELLER_CLASSES
from .views import FastFigure, Prediction, View, slider

__all__ = ["explore_seller", "explore_sellers", "SELLER_SLIDERS", "FOLLOWERS_GOAL", "THRESHOLD_GOAL"]

#: Slider ranges for one seller's metrics: (low, high, step, log?) in the metric's unit.
SELLER_SLIDERS = {
    "followers": (1e3, 1e8, 0.05, True),
    "celebrity": (0.0, 1.0, 0.05, False),
    "annual_sales_cny": (1e5, 1e10, 0.05, True),
    "avg_viewers": (10.0, 1e7, 0.05, True),
    "watch_minutes": (1.0, 60.0, 0.5, False),
    "engagement": (0.1, 20.0, 0.1, False),
    "conversion": (0.0, 0.3, 0.002, False),
}

_LABEL_POOL = 6
_TEACHING = "teaching set (illustrative)"
#: The follower count of the one-seller prediction ("raise only followers to 10 million").
FOLLOWERS_GOAL = 1e7
#: The influence threshold of the data-set prediction ("raise it to 70").
THRESHOLD_GOAL = 70.0


def _metric_slider(name: str, value: float) -> widgets.Widget:
    low, high, step, log = SELLER_SLIDERS[name]
    label = S.METRICS[name].label
    style = {"description_width": "230px"}
    layout = widgets.Layout(width="520px")
    value = float(min(max(value, low), high))
    if log:
        # ".3s" reads as 6.31M or 3.98k, friendlier than 6.31e+6
        return widgets.FloatLogSlider(value=value, base=10, min=np.log10(low), max=np.log10(high), step=step,
                                      description=label, readout_format=".3s", continuous_update=True,
                                      style=style, layout=layout)
    fmt = ".1%" if name == "conversion" else ".3g"  # d3 formats: 6.31M followers, 12.0% conversion
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=label,
                               readout_format=fmt, continuous_update=True, style=style, layout=layout)


def _fmt(metric: str, value: float) -> str:
    """A raw metric value in words a student reads at a glance."""
    if S.METRICS[metric].high == 1.0:
        return f"{value:.2f}" if metric == "celebrity" else f"{100 * value:.1f}%"
    if value >= 1e9:
        return f"{value / 1e9:.1f} billion"
    if value >= 1e6:
        return f"{value / 1e6:.1f} million"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _in_metrics(metrics: dict, move: dict, reference: pd.DataFrame, method: str) -> str:
    """Each part of the move, made with one metric alone (or "not enough alone")."""
    parts = []
    for dim, key in (("influence", "d_influence"), ("attractiveness", "d_attractiveness")):
        if move[key] <= 0:
            continue
        options = []
        for name in (n for n in SELLER_SLIDERS if S.METRICS[n].dimension == dim):
            needed = S.metric_needed(metrics, name, move[key], reference=reference, method=method)
            if needed is not None:
                options.append(f"{S.METRICS[name].label} {_fmt(name, metrics[name])} &rarr; "
                               f"<b>{_fmt(name, needed)}</b>")
        said = " or ".join(options) if options else "no single metric is enough alone"
        parts.append(f"{dim} part with one metric alone: {said}")
    return ("<br>" + "<br>".join(parts)) if parts else ""


def _model_picker(model: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=list(S.MODELS), value=model, description="Model",
                                 style={"description_width": "80px"})


def _class_badge(name: str) -> str:
    color = CLASS_COLORS[name]
    ink = "black" if name in ("low-level", "ordinary") else "white"
    return f"<span style='background:{color};color:{ink};padding:1px 6px;border-radius:3px'><b>{name}</b></span>"


def _seller_readout(i: float, a: float, move: dict, metrics: dict, reference: pd.DataFrame, method: str) -> str:
    if move["target"] is None:
        gap = "already in the top class: no higher class to reach."
    else:
        gap = (f"smallest move up: <b>+{move['d_influence']:.1f}</b> influence and "
               f"<b>+{move['d_attractiveness']:.1f}</b> attractiveness points "
               f"(length {move['distance']:.1f}) reaches {_class_badge(move['target'])}."
               f"{_in_metrics(metrics, move, reference, method)}")
    return (f"Anchor influence <b>{i:.1f}</b> / 100 &nbsp; Audience attractiveness "
            f"<b>{a:.1f}</b> / 100 &nbsp; Class {_class_badge(move['class'])}<br>{gap}")


def _near_start(name: str, value: float, start: float) -> bool:
    """Whether a metric slider is (back) at its start value, within one slider step."""
    low, high, step, log = SELLER_SLIDERS[name]
    return abs(np.log10(value) - np.log10(start)) <= step if log else abs(value - start) <= step


def _followers_prediction(seller: str, start: dict) -> Prediction:
    """Which class does followers alone reach? Checked once followers >= FOLLOWERS_GOAL, the rest at start."""

    def outcome(shown: dict):
        metrics = shown.get("metrics", {})
        if shown.get("model") != "quadrant" or metrics.get("followers", 0.0) < FOLLOWERS_GOAL * (1 - 1e-9):
            return None
        moved = [n for n in SELLER_SLIDERS if n != "followers" and not _near_start(n, metrics[n], start[n])]
        return None if moved else shown["seller_class"]

    return Prediction(
        f"Raise only <b>followers</b> to <b>{FOLLOWERS_GOAL / 1e6:.0f} million</b> (quadrant model, every "
        f"other slider where it starts): which class does <b>{html.escape(seller)}</b> reach? Lock in your "
        f"answer, then drag the followers slider.",
        outcome=outcome, options=list(SELLER_CLASSES))


def explore_seller(seller: str = "Fruit farmer", *, model: str = "quadrant", method: str = "log-minmax") -> View:
    """One seller on sliders: move its metrics and watch its scores, class and next step.

    Parameters
    ----------
    seller : str
        A seller of the teaching set (``data/sellers.csv``) to start from.
    model : {"quadrant", "tiered"}
        The classification model to start with (a toggle switches it).
    method : {"log-minmax", "percentile"}
        The normalisation; scores are against the teaching set.

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"model"`` (toggle) and one slider per metric of
        :data:`SELLER_SLIDERS` (``"followers"``, ...). ``view.charts``: ``"map"`` (the teaching
        set, faint; an :class:`~livekit.seller_plots.EvaluationMap`) and ``"move"`` (the seller
        and its smallest move up; a :class:`~livekit.seller_plots.NextMove`). ``view.shown``:
        ``metrics``, ``model``, ``influence``, ``attractiveness``, ``seller_class`` and ``move``
        (from :func:`livekit.sellers.next_class_move`). ``view.prediction``: which class
        followers alone reach at :data:`FOLLOWERS_GOAL`.
    """
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    teach = S.load_sellers()
    check_choice("seller", seller, teach["seller"].tolist())
    start = teach.loc[teach["seller"] == seller].iloc[0]
    reference = S.score_sellers(teach, method=method)
    controls = {"model": _model_picker(model), **{n: _metric_slider(n, float(start[n])) for n in SELLER_SLIDERS}}
    fig = new_figure(6.6, 4.6)
    with kit_style():
        ax = P.label_score_axes(fig.add_subplot(), f"{seller} against the teaching set (faint dots)")
        fig.subplots_adjust(left=0.11, right=0.77, bottom=0.12, top=0.93)
        charts = {"map": P.EvaluationMap(ax, reference, S.classify(reference, model=model), model=model,
                                         point_size=22, faint=True),
                  "move": P.NextMove(ax, 0.0, 0.0, None)}
    fast = FastFigure(fig, animated=charts["move"].artists)
    view = View(title="One seller on the evaluation map",
                question=("Which metrics move the dot across a threshold? Raise followers only: how far "
                          "does the dot travel, and which class does it reach? Then try conversion."),
                controls=controls, charts=charts, figure=fast,
                prediction=_followers_prediction(seller, {n: controls[n].value for n in SELLER_SLIDERS}))

    def update(change=None) -> None:
        picked = controls["model"].value
        if charts["map"].model != picked:  # new regions and faint-dot colours: a new background
            charts["map"].update(reference, S.classify(reference, model=picked), model=picked)
            fast.invalidate()
        metrics = {name: float(controls[name].value) for name in SELLER_SLIDERS}
        scored = S.score_sellers(metrics, reference=teach, method=method)
        i, a = float(scored["influence"].iloc[0]), float(scored["attractiveness"].iloc[0])
        move = S.next_class_move(i, a, model=picked)
        charts["move"].update(i, a, move)
        view.readout.value = _seller_readout(i, a, move, metrics, teach, method)
        view.show(metrics=metrics, model=picked, influence=i, attractiveness=a, seller_class=move["class"], move=move)
        view.redraw()

    view.bind(update)
    return view


_HATCH_CSS = {  # the kit's hatches, as CSS stripes, so the bars also read in greyscale
    "low-level": "none",
    "ordinary": "radial-gradient(rgba(0,0,0,.35) 1px, transparent 1.5px) 0 0/5px 5px",
    "famous": "repeating-linear-gradient(45deg, rgba(255,255,255,.45) 0 2px, transparent 2px 6px)",
    "super": "repeating-linear-gradient(45deg, rgba(255,255,255,.4) 0 2px, transparent 2px 6px), "
             "repeating-linear-gradient(-45deg, rgba(255,255,255,.4) 0 2px, transparent 2px 6px)",
}


def _counts_html(counts: pd.Series) -> str:
    """The class counts as an HTML bar chart, highest class on top, each bar labelled."""
    total = max(int(counts.sum()), 1)
    rows = ["<div style='font-size:13px'><b>Sellers per class</b></div>"]
    for name in reversed(SELLER_CLASSES):
        n = int(counts[name])
        pct = 100 * n / total
        bar = (f"<div style='display:inline-block;vertical-align:middle;height:14px;width:{1.2 * pct:.0f}px;"
               f"background:{_HATCH_CSS[name]};background-color:{CLASS_COLORS[name]};border:1px solid #333'></div>")
        rows.append(f"<div style='white-space:nowrap;margin:3px 0'><span style='display:inline-block;width:70px'>"
                    f"{name}</span>{bar} {n:,} ({pct:.0f}%)</div>")
    return "".join(rows)


@lru_cache(maxsize=None)
def _dataset(label: str) -> pd.DataFrame:
    """A data set by its picker label, read once (the views never change it)."""
    return S.load_dataset(S.DATASETS[label])


def _default_labels(scored: pd.DataFrame, label: str) -> list[str]:
    if S.DATASETS[label] == "sellers":
        # the sellers at the paper's figures (each label costs ~0.3 ms a move)
        return scored.loc[scored["basis"] == "paper", "seller"].tolist()[:_LABEL_POOL]
    # 1,000 crowded dots: labels would cost more than they tell (the notebook's static log-scale
    # map names the big channels instead)
    return []


class _CountsPanel(widgets.HTML):
    """The class counts as an HTML bar chart beside the map: cheaper than bars in the figure,
    and the PNG stays small. A chart of the view (``view.charts["counts"]``) without artists."""

    artists = ()

    def __init__(self) -> None:
        super().__init__("", layout=widgets.Layout(width="230px", margin="40px 0 0 8px"))

    def update(self, counts: pd.Series) -> None:
        self.value = _counts_html(counts)


_QUADRANT = ("cut_influence", "cut_attractiveness")
_TIERED = ("band_ordinary", "band_famous", "band_super", "share")


def _dataset_controls(dataset: str, model: str, method: str) -> dict[str, widgets.Widget]:
    """The controls of :func:`explore_sellers`, by name, weights at the data set's defaults."""
    check_choice("dataset", dataset, S.DATASETS)
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    controls = {
        "data": widgets.Dropdown(options=list(S.DATASETS), value=dataset, description="Data set",
                                 style={"description_width": "80px"}, layout=widgets.Layout(width="360px")),
        "method": widgets.ToggleButtons(options=list(S.NORMALISATIONS), value=method, description="Normalise",
                                        style={"description_width": "80px"}),
        "model": _model_picker(model),
        "cut_influence": slider("Influence threshold", S.DEFAULT_CUTS[0], 0, 100, 1, fmt=".0f"),
        "cut_attractiveness": slider("Attractiveness threshold", S.DEFAULT_CUTS[1], 0, 100, 1, fmt=".0f"),
        **{f"band_{name}": slider(f"{name} from (combined)", value, 0, 100, 1, fmt=".0f")
           for name, value in zip(SELLER_CLASSES[1:], S.DEFAULT_BANDS)},
        "share": slider("Influence share (tiered)", 0.5, 0, 1, 0.05),
        **{f"weight_{name}": slider(f"weight: {S.METRICS[name].label}", S.DEFAULT_WEIGHTS[name], 0, 1, 0.05)
           for name in S.METRICS},
    }
    _use_weights_of(controls, _dataset(dataset))
    return controls


def _dataset_layout(controls: dict) -> widgets.Widget:
    return widgets.VBox([
        widgets.HBox([controls["data"], controls["method"]]), controls["model"],
        widgets.VBox([controls[n] for n in _QUADRANT]), widgets.VBox([controls[n] for n in _TIERED]),
        widgets.HTML("<i>Weights within each dimension (only the data set's metrics):</i>"),
        widgets.VBox([controls[f"weight_{n}"] for n in S.METRICS]),
    ])


def _use_weights_of(controls: dict, data: pd.DataFrame) -> None:
    """Show only the weight sliders of the data set's metrics, each at its default weight."""
    defaults = S.dataset_weights(data)
    for name in S.METRICS:
        controls[f"weight_{name}"].layout.display = "" if name in data.columns else "none"
        if name in defaults:
            controls[f"weight_{name}"].value = defaults[name]


def _show_model_controls(controls: dict) -> None:
    """Show the thresholds of the chosen model only."""
    for names, model in ((_QUADRANT, "quadrant"), (_TIERED, "tiered")):
        for name in names:
            controls[name].layout.display = "" if controls["model"].value == model else "none"


def _model_params(controls: dict) -> dict:
    """The model and its thresholds as the controls set them (arguments of :func:`S.classify`)."""
    return dict(model=controls["model"].value, cuts=(controls["cut_influence"].value, controls["cut_attractiveness"].value),
                bands=tuple(controls[f"band_{c}"].value for c in SELLER_CLASSES[1:]), share=controls["share"].value)


def _scores(view: View) -> tuple[dict, pd.DataFrame]:
    """The data set, method and weights the controls set, and the sellers scored with them.

    The map's last scores are reused when those settings are what the view last showed (a
    threshold or model move does not re-score).
    """
    controls = view.controls
    data = _dataset(controls["data"].value)
    scoring = dict(dataset=controls["data"].value, method=controls["method"].value,
                   weights={n: float(controls[f"weight_{n}"].value) for n in S.METRICS if n in data.columns})
    if all(view.shown.get(key) == value for key, value in scoring.items()):
        return scoring, view.charts["map"].scored
    return scoring, S.score_sellers(data, weights=scoring["weights"], method=scoring["method"])


def _threshold_prediction(method: str) -> Prediction:
    """How many super sellers are left at a higher influence threshold? Checked on the teaching set."""
    teach = _dataset(_TEACHING)
    defaults = S.dataset_weights(teach)

    def outcome(shown: dict):
        weights = shown.get("weights", {})
        if (shown.get("dataset") != _TEACHING or shown.get("model") != "quadrant" or shown.get("method") != method
                or shown.get("cuts") != (THRESHOLD_GOAL, S.DEFAULT_CUTS[1])
                or set(weights) != set(defaults) or any(abs(weights[n] - w) > 1e-9 for n, w in defaults.items())):
            return None
        return shown["counts"]["super"]

    return Prediction(
        f"The thresholds are the kit's choice, not the paper's. On the teaching set (quadrant model, "
        f"everything else as it starts), raise the <b>influence threshold</b> from "
        f"{S.DEFAULT_CUTS[0]:.0f} to <b>{THRESHOLD_GOAL:.0f}</b>: how many of the {len(teach)} sellers are still "
        f"<b>super</b> sellers? (Within 2 counts as right.)",
        outcome=outcome, low=0, high=len(teach), step=1, tolerance=2, unit="super sellers")


def explore_sellers(dataset: str = _TEACHING, *, model: str = "quadrant", method: str = "log-minmax") -> View:
    """A whole data set on the map: thresholds, weights, model and data set on controls.

    Parameters
    ----------
    dataset : str
        A key of :data:`livekit.sellers.DATASETS` (the teaching set or the Twitch table).
    model : {"quadrant", "tiered"}
    method : {"log-minmax", "percentile"}

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"data"``, ``"method"``, ``"model"``, the quadrant's
        ``"cut_influence"``, ``"cut_attractiveness"``, the tiered ``"band_ordinary"``,
        ``"band_famous"``, ``"band_super"``, ``"share"`` (only the chosen model's are shown) and
        ``"weight_<metric>"`` (only the data set's are shown, reset to its defaults on a switch).
        ``view.charts``: ``"map"`` (:class:`~livekit.seller_plots.EvaluationMap`), ``"counts"``
        (HTML bars beside it). ``view.shown``: ``dataset``, ``method``, ``weights``, ``model``,
        ``cuts``, ``bands``, ``share``, ``classes``, ``counts`` (by class). ``view.prediction``:
        how many super sellers are left at an influence threshold of :data:`THRESHOLD_GOAL`.
    """
    controls = _dataset_controls(dataset, model, method)  # checks the three
    fig = new_figure(6.6, 4.4)
    with kit_style():
        ax = P.label_score_axes(fig.add_axes((0.11, 0.12, 0.66, 0.8)), " ")
        charts = {"map": P.EvaluationMap(ax, None, (), model=model, point_size=30, label_slots=_LABEL_POOL),
                  "counts": _CountsPanel()}
    fast = FastFigure(fig, animated=charts["map"].artists)  # all a move changes; the title is static
    view = View(title="A whole data set on the evaluation map",
                question=("Move one threshold: which sellers change class, and does the count of super "
                          "sellers rise or fall? Switch to the Twitch data and to the tiered model: which "
                          "streamers do the two models disagree on?"),
                controls=controls, layout=_dataset_layout(controls), charts=charts, figure=fast,
                side=charts["counts"], prediction=_threshold_prediction(method))

    def update(change=None) -> None:
        label = controls["data"].value
        if change is not None and change["owner"] is controls["data"]:
            with view.quiet():  # the new data set's own weights: one update when the block ends
                _use_weights_of(controls, _dataset(label))
            if view.shown.get("dataset") == label:
                return  # that update has drawn the new data set
        _show_model_controls(controls)
        scoring, scored = _scores(view)
        params = _model_params(controls)
        classes = S.classify(scored, **params)
        heading = f"{label}: {len(scored):,} sellers, {params['model']} model"
        if ax.get_title() != heading:
            ax.set_title(heading)
            fast.invalidate()
        charts["map"].update(scored, classes, labels=_default_labels(scored, label), **params)
        counts = S.class_counts(classes)
        charts["counts"].update(counts)
        view.readout.value = " &nbsp; ".join(f"{_class_badge(c)} {counts[c]}" for c in reversed(SELLER_CLASSES))
        view.show(**scoring, **params, classes=classes, counts={c: int(n) for c, n in counts.items()})
        view.redraw()

    view.bind(update)
    return view
