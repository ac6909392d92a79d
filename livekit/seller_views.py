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

from functools import cache

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import _html, cases, seller_data, seller_metrics
from . import seller_plots as P
from . import sellers as S
from ._checks import check_choice
from .accessible import AccessibleLogSlider, AccessibleSlider
from .seller_data import OwnDataFlow
from .seller_metrics import format_metric
from .style import GROUP_COLORS, LINE_COLORS, TEXT_COLORS, kit_style, new_figure
from .views import FastFigure, Prediction, View, slider
from .vocab import SELLER_CLASSES, TIERS

__all__ = [
    "explore_seller",
    "explore_sellers",
    "explore_own_data",
    "own_data_example",
    "explore_anchors",
    "SELLER_SLIDERS",
    "FOLLOWERS_GOAL",
    "THRESHOLD_GOAL",
    "EXAMPLE_ROWS",
    "EXAMPLE_NAME",
    "EXAMPLE_NOTE",
    "EXAMPLE_SELLER",
    "ASSUMPTION_GOAL",
]

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
    label = seller_metrics.METRICS[name].label
    layout = widgets.Layout(width="520px")
    value = float(min(max(value, low), high))
    if log:
        # ".3s" reads as 6.31M or 3.98k, friendlier than 6.31e+6
        return AccessibleLogSlider(
            value=value,
            base=10,
            min=np.log10(low),
            max=np.log10(high),
            step=step,
            description=label,
            readout_format=".3s",
            continuous_update=True,
            description_width="230px",
            layout=layout,
        )
    fmt = ".1%" if name == "conversion" else ".3g"  # d3 formats: 6.31M followers, 12.0% conversion
    return AccessibleSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        readout_format=fmt,
        continuous_update=True,
        description_width="230px",
        layout=layout,
    )


def _in_metrics(metrics: dict, move: dict, reference: pd.DataFrame, method: str) -> str:
    """Each part of the move, made with one metric alone (or "not enough alone")."""
    parts = []
    for dim, key in (("influence", "d_influence"), ("attractiveness", "d_attractiveness")):
        if move[key] <= 0:
            continue
        options = []
        for name in (n for n in SELLER_SLIDERS if seller_metrics.METRICS[n].dimension == dim):
            needed = S.metric_needed(metrics, name, move[key], reference=reference, method=method)
            if needed is not None:
                options.append(
                    f"{seller_metrics.METRICS[name].label} "
                    f"{format_metric(name, metrics[name])} &rarr; "
                    f"<b>{format_metric(name, needed)}</b>"
                )
        said = " or ".join(options) if options else "no single metric is enough alone"
        parts.append(f"{dim} part with one metric alone: {said}")
    return ("<br>" + "<br>".join(parts)) if parts else ""


def _model_picker(model: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(
        options=list(S.MODELS),
        value=model,
        description="Model",
        style={"description_width": "80px"},
    )


def _class_badge(name: str) -> str:
    """A class of the quadrant model or a tier of the tiered model, as a badge in its colour."""
    return _html.badge(name, GROUP_COLORS[name])


def _seller_readout(
    i: float, a: float, move: dict, metrics: dict, reference: pd.DataFrame, method: str
) -> str:
    group = "tier" if move["class"] in TIERS else "class"
    if move["target"] is None:
        gap = f"already in the top {group}: no higher {group} to reach."
    else:
        gap = (
            f"smallest move up: <b>+{move['d_influence']:.1f}</b> influence and "
            f"<b>+{move['d_attractiveness']:.1f}</b> attractiveness points "
            f"(length {move['distance']:.1f}) reaches {_class_badge(move['target'])}."
            f"{_in_metrics(metrics, move, reference, method)}"
        )
    return (
        f"Anchor influence <b>{i:.1f}</b> / 100 &nbsp; Audience attractiveness "
        f"<b>{a:.1f}</b> / 100 &nbsp; {group.capitalize()} {_class_badge(move['class'])}<br>{gap}"
    )


def _near_start(name: str, value: float, start: float) -> bool:
    """Whether a metric slider is (back) at its start value, within one slider step."""
    low, high, step, log = SELLER_SLIDERS[name]
    return abs(np.log10(value) - np.log10(start)) <= step if log else abs(value - start) <= step


def _followers_prediction(seller: str, start: dict) -> Prediction:
    """Which class do followers alone reach? Checked at FOLLOWERS_GOAL, the rest at the start."""

    def outcome(shown: dict):
        metrics = shown.get("metrics", {})
        if shown.get("model") != "quadrant" or metrics.get("followers", 0.0) < FOLLOWERS_GOAL * (
            1 - 1e-9
        ):
            return None
        moved = [
            n
            for n in SELLER_SLIDERS
            if n != "followers" and not _near_start(n, metrics[n], start[n])
        ]
        return None if moved else shown["seller_class"]

    return Prediction(
        f"Followers are one part of the anchor's influence. Raise only <b>followers</b>, from "
        f"{start['followers']:,.0f} to <b>{FOLLOWERS_GOAL / 1e6:.0f} million</b> (quadrant model, "
        f"every other slider where it starts): which class does <b>{_html.escape(seller)}</b> "
        f"reach? Lock in your answer, then drag the followers slider.",
        outcome=outcome,
        options=list(SELLER_CLASSES),
        hint=(
            "where the dot goes: followers move it only sideways (influence), so the seller keeps "
            "its audience; 10 million followers are more than most sellers in the teaching set "
            "have, and followers make up half of the influence score."
        ),
    )


def _faint_map(title: str, reference: pd.DataFrame, model: str):
    """A figure with the teaching set as faint dots on the evaluation map: (fig, ax, chart)."""
    fig = new_figure(6.6, 4.6)
    with kit_style():
        ax = P.label_score_axes(fig.add_subplot(), title)
        fig.subplots_adjust(left=0.11, right=0.77, bottom=0.12, top=0.93)
        chart = P.EvaluationMap(
            ax,
            reference,
            S.classify(reference, model=model),
            model=model,
            point_size=22,
            faint=True,
        )
    return fig, ax, chart


def explore_seller(
    seller: str = "Fruit farmer", *, model: str = "quadrant", method: str = "log-minmax"
) -> View:
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
        followers alone reach at :data:`FOLLOWERS_GOAL`. Until the prediction is locked in or
        skipped, the readout and the arrow (the smallest move up) stay hidden.
    """
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    teach = seller_data.load_sellers()
    check_choice("seller", seller, teach["seller"].tolist())
    start = teach.loc[teach["seller"] == seller].iloc[0]
    reference = S.score_sellers(teach, method=method)
    controls = {
        "model": _model_picker(model),
        **{n: _metric_slider(n, float(start[n])) for n in SELLER_SLIDERS},
    }
    fig, ax, faint = _faint_map(f"{seller} against the teaching set (faint dots)", reference, model)
    with kit_style():
        charts = {"map": faint, "move": P.NextMove(ax, 0.0, 0.0, None)}
    fast = FastFigure(fig, animated=charts["move"].artists)
    view = View(
        title="One seller on the evaluation map",
        question=(
            "Which of the seven metrics move the dot sideways (influence), and which move it up "
            "or down (attractiveness)?"
        ),
        controls=controls,
        charts=charts,
        figure=fast,
        prediction=_followers_prediction(seller, {n: controls[n].value for n in SELLER_SLIDERS}),
    )

    def update(change=None) -> None:
        picked = controls["model"].value
        if charts["map"].model != picked:  # new regions and faint-dot colours: a new background
            charts["map"].update(reference, S.classify(reference, model=picked), model=picked)
            fast.invalidate()
        metrics = {name: float(controls[name].value) for name in SELLER_SLIDERS}
        scored = S.score_sellers(metrics, reference=teach, method=method)
        i, a = float(scored["influence"].iloc[0]), float(scored["attractiveness"].iloc[0])
        move = S.next_class_move(i, a, model=picked)
        # the arrow tells the move: it waits, like the readout, for the prediction
        charts["move"].update(i, a, move if view.prediction.done else {**move, "target": None})
        view.readout.value = _seller_readout(i, a, move, metrics, teach, method)
        view.show(
            metrics=metrics,
            model=picked,
            influence=i,
            attractiveness=a,
            seller_class=move["class"],
            move=move,
        )
        view.redraw()

    view.bind(update)
    view.prediction.on_done(lambda: view.run(update))
    return view


#: The kit's hatches, as CSS stripes, lowest group first, so the bars also read in greyscale.
_HATCH_CSS = (
    "none",
    "radial-gradient(rgba(0,0,0,.35) 1px, transparent 1.5px) 0 0/5px 5px",
    "repeating-linear-gradient(45deg, rgba(255,255,255,.45) 0 2px, transparent 2px 6px)",
    "repeating-linear-gradient(45deg, rgba(255,255,255,.4) 0 2px, transparent 2px 6px), "
    "repeating-linear-gradient(-45deg, rgba(255,255,255,.4) 0 2px, transparent 2px 6px)",
)


def _counts_html(counts: pd.Series) -> str:
    """The class (or tier) counts as an HTML bar chart, highest on top, each bar labelled."""
    total = max(int(counts.sum()), 1)
    word = "tier" if counts.index[0] in TIERS else "class"
    rows = [f"<div style='font-size:13px'><b>Sellers per {word}</b></div>"]
    for rank, name in reversed(list(enumerate(counts.index))):
        n = int(counts[name])
        pct = 100 * n / total
        bar = (
            "<div style='display:inline-block;vertical-align:middle;height:14px;"
            f"width:{1.2 * pct:.0f}px;background:{_HATCH_CSS[rank]};"
            f"background-color:{GROUP_COLORS[name]};border:1px solid {LINE_COLORS['edge']}'></div>"
        )
        rows.append(
            "<div style='white-space:nowrap;margin:3px 0'>"
            f"<span style='display:inline-block;width:80px'>{name}</span>{bar} {n:,} "
            f"({pct:.0f}%)</div>"
        )
    return "".join(rows)


@cache
def _dataset(label: str) -> pd.DataFrame:
    """A data set by its picker label, read once (the views never change it)."""
    return seller_data.load_dataset(seller_data.DATASETS[label])


def _default_labels(scored: pd.DataFrame, label: str) -> list[str]:
    if seller_data.DATASETS[label] == "sellers":
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
#: The tiered model's controls: where the lower, the upper and the top tier start, and the share.
_TIERED = ("band_lower", "band_upper", "band_top", "share")


def _band_sliders() -> dict[str, widgets.Widget]:
    """The tiered model's sliders: three tier thresholds of the combined score, and the share."""
    return {
        **{
            key: slider(f"{name} from (combined)", value, 0, 100, 1, fmt=".0f")
            for key, name, value in zip(_TIERED, TIERS[1:], S.DEFAULT_BANDS)
        },
        "share": slider("Influence share (tiered)", 0.5, 0, 1, 0.05),
    }


#: The data-set view's controls behind *More controls*: the tiered model's influence share and
#: the weights within each dimension (8 controls show at first).
_ADVANCED = ("share", *(f"weight_{name}" for name in seller_metrics.METRICS))


def _dataset_controls(dataset: str, model: str, method: str) -> dict[str, widgets.Widget]:
    """The controls of :func:`explore_sellers`, by name, weights at the data set's defaults."""
    check_choice("dataset", dataset, seller_data.DATASETS)
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    controls = {
        "data": widgets.Dropdown(
            options=list(seller_data.DATASETS),
            value=dataset,
            description="Data set",
            style={"description_width": "80px"},
            layout=widgets.Layout(width="360px"),
        ),
        "method": widgets.ToggleButtons(
            options=list(S.NORMALISATIONS),
            value=method,
            description="Normalise",
            style={"description_width": "80px"},
        ),
        "model": _model_picker(model),
        "cut_influence": slider("Influence threshold", S.DEFAULT_CUTS[0], 0, 100, 1, fmt=".0f"),
        "cut_attractiveness": slider(
            "Attractiveness threshold", S.DEFAULT_CUTS[1], 0, 100, 1, fmt=".0f"
        ),
        **_band_sliders(),
        **{
            f"weight_{name}": slider(
                f"weight: {seller_metrics.METRICS[name].label}",
                seller_metrics.DEFAULT_WEIGHTS[name],
                0,
                1,
                0.05,
            )
            for name in seller_metrics.METRICS
        },
    }
    _use_weights_of(controls, _dataset(dataset))
    return controls


def _dataset_layout(controls: dict) -> widgets.Widget:
    return widgets.VBox(
        [
            widgets.HBox([controls["data"], controls["method"]]),
            controls["model"],
            widgets.VBox([controls[n] for n in _QUADRANT]),
            widgets.VBox([controls[n] for n in _TIERED if n not in _ADVANCED]),
        ]
    )


def _use_weights_of(controls: dict, data: pd.DataFrame) -> None:
    """Show only the weight sliders of the data set's metrics, each at its default weight."""
    defaults = seller_metrics.dataset_weights(data)
    for name in seller_metrics.METRICS:
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
    return dict(
        model=controls["model"].value,
        cuts=(controls["cut_influence"].value, controls["cut_attractiveness"].value),
        bands=tuple(controls[key].value for key in _TIERED[:3]),
        share=controls["share"].value,
    )


def _scores(view: View) -> tuple[dict, pd.DataFrame]:
    """The data set, method and weights the controls set, and the sellers scored with them.

    The map's last scores are reused when those settings are what the view last showed (a
    threshold or model move does not re-score).
    """
    controls = view.controls
    data = _dataset(controls["data"].value)
    scoring = dict(
        dataset=controls["data"].value,
        method=controls["method"].value,
        weights={
            n: float(controls[f"weight_{n}"].value)
            for n in seller_metrics.METRICS
            if n in data.columns
        },
    )
    if all(view.shown.get(key) == value for key, value in scoring.items()):
        return scoring, view.charts["map"].scored
    return scoring, S.score_sellers(data, weights=scoring["weights"], method=scoring["method"])


#: The options of the data-set prediction: where the super sellers that lose their class go.
_STAY_SUPER = "they stay super"


def _threshold_prediction(method: str) -> Prediction:
    """Where do super sellers go at a higher influence threshold? Checked on the teaching set."""
    teach = _dataset(_TEACHING)
    defaults = seller_metrics.dataset_weights(teach)
    before = [str(c) for c in S.classify(S.score_sellers(teach, method=method))]

    def outcome(shown: dict):
        weights = shown.get("weights", {})
        if (
            shown.get("dataset") != _TEACHING
            or shown.get("model") != "quadrant"
            or shown.get("method") != method
            or shown.get("cuts") != (THRESHOLD_GOAL, S.DEFAULT_CUTS[1])
            or set(weights) != set(defaults)
            or any(abs(weights[n] - w) > 1e-9 for n, w in defaults.items())
        ):
            return None
        now = [str(c) for c in shown["classes"]]
        fallen = sorted({c for b, c in zip(before, now) if b == "super" and c != "super"})
        return " and ".join(fallen) if fallen else _STAY_SUPER

    return Prediction(
        f"On the teaching set (quadrant model, everything else as it starts), raise the "
        f"<b>influence threshold</b> from {S.DEFAULT_CUTS[0]:.0f} to <b>{THRESHOLD_GOAL:.0f}</b>. "
        f"The super sellers whose influence lies between the two fall out of the super class: "
        f"which class do they land in?",
        outcome=outcome,
        options=[c for c in SELLER_CLASSES if c != "super"] + [_STAY_SUPER],
        hint=(
            "which threshold moved: only the influence one. A seller that falls below it keeps its "
            "attractiveness score: which corner has low influence and high attractiveness?"
        ),
    )


def explore_sellers(
    dataset: str = _TEACHING, *, model: str = "quadrant", method: str = "log-minmax"
) -> View:
    """A whole data set on the map: thresholds, weights, model and data set on controls.

    Parameters
    ----------
    dataset : str
        A key of :data:`livekit.seller_data.DATASETS` (the teaching set or the Twitch table).
    model : {"quadrant", "tiered"}
    method : {"log-minmax", "percentile"}

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"data"``, ``"method"``, ``"model"``, the quadrant's
        ``"cut_influence"``, ``"cut_attractiveness"``, the tiered ``"band_lower"``,
        ``"band_upper"``, ``"band_top"``, ``"share"`` (only the chosen model's are shown) and
        ``"weight_<metric>"`` (only the data set's are shown, reset to its defaults on a switch).
        ``view.charts``: ``"map"`` (:class:`~livekit.seller_plots.EvaluationMap`), ``"counts"``
        (HTML bars beside it). ``view.shown``: ``dataset``, ``method``, ``weights``, ``model``,
        ``cuts``, ``bands``, ``share``, ``classes``, ``counts`` (by class). ``view.prediction``:
        which class the super sellers fall into at an influence threshold of
        :data:`THRESHOLD_GOAL`. ``"share"`` and the weights wait behind *More controls*.
    """
    controls = _dataset_controls(dataset, model, method)  # checks the three
    fig = new_figure(6.6, 4.4)
    with kit_style():
        ax = P.label_score_axes(fig.add_axes((0.11, 0.12, 0.66, 0.8)), " ")
        charts = {
            "map": P.EvaluationMap(
                ax, None, (), model=model, point_size=30, label_slots=_LABEL_POOL
            ),
            "counts": _CountsPanel(),
        }
    fast = FastFigure(
        fig, animated=charts["map"].artists
    )  # all a move changes; the title is static
    view = View(
        title="A whole data set on the evaluation map",
        question=(
            "The thresholds are the kit's choice, not the paper's. When you move one, which "
            "sellers change class, and which stay where they are whatever you do?"
        ),
        controls=controls,
        layout=_dataset_layout(controls),
        charts=charts,
        figure=fast,
        side=charts["counts"],
        prediction=_threshold_prediction(method),
        advanced=_ADVANCED,
    )

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
        view.readout.value = " &nbsp; ".join(
            f"{_class_badge(c)} {counts[c]}" for c in reversed(counts.index)
        )
        view.show(
            **scoring, **params, classes=classes, counts={c: int(n) for c, n in counts.items()}
        )
        view.redraw()

    view.bind(update)
    return view


# --- your own data, no code -------------------------------------------------------------

#: The example file the own-data view can load: invented shops with Chinese names, written as
#: export tables often are (Chinese headers, suffixes such as 万 and %). Four sellers: fewer than
#: :data:`livekit.sellers.MIN_SELF_REFERENCE`, so they are scored against the teaching set.
EXAMPLE_ROWS = (
    ("主播", "粉丝数", "场均观看", "转化率"),
    ("果园小王", "8.6万", "1200", "9%"),
    ("茶山阿妹", "3.2万", "450", "6%"),
    ("美妆达人琳琳", "420万", "3.5万", "1.5%"),
    ("乡村厨房", "15万", "8000", "12%"),
)
EXAMPLE_NAME = "example_sellers.csv"
#: Where the example file came from, as the flow records it (``OwnDataFlow.note``).
EXAMPLE_NOTE = "the kit's example file"
#: The example seller the own-data prediction asks about (quadrant and tiered classes differ).
EXAMPLE_SELLER = "乡村厨房"
_MAP_SLOTS = 12  # mapping drop-downs: one per file column, up to this many
_NOT_USED = "(not used)"
_SEPARATORS = {"detect": None, "comma ,": ",", "semicolon ;": ";", "tab": "\t"}
_ENCODINGS = {"detect": None, "UTF-8": "utf-8", "GBK / GB18030": "gb18030", "UTF-16": "utf-16"}
_DECIMALS = {"detect": None, "point 1.5": ".", "comma 1,5": ","}
_FIRST_TABLE = "first with a table"
#: The readout while the file cannot be read.
_NOT_CLASSIFIED = "<i>No sellers classified until the file can be read: see the problems above.</i>"
#: The most dots the map draws (a larger table shows every k-th seller, and says so).
_MAP_DOTS = 1000
#: Controls that set a reading option of the flow, and the option each sets.
_OPTION_CONTROLS = ("sep", "encoding", "decimal", "sheet", "header_line")


def own_data_example(*, encoding: str = "gb18030", sep: str = ";") -> bytes:
    """The own-data view's example file as bytes: :data:`EXAMPLE_ROWS` as a CSV.

    Parameters
    ----------
    encoding : str
        A codec that can write Chinese, e.g. ``"gb18030"`` (GBK, as Chinese Excel saves) or
        ``"utf-8"``.
    sep : {";", ",", "\\t"}
        The separator.

    Returns
    -------
    bytes
        The file's content, as an upload would deliver it.
    """
    check_choice("sep", sep, [",", ";", "\t"])
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be a codec name (str), got {type(encoding).__name__}")
    text = "\n".join(sep.join(row) for row in EXAMPLE_ROWS) + "\n"
    try:
        return text.encode(encoding)
    except LookupError:
        raise ValueError(
            f"encoding: unknown codec {encoding!r}; try 'gb18030' or 'utf-8'"
        ) from None
    except UnicodeEncodeError:
        raise ValueError(
            f"encoding: {encoding!r} cannot write Chinese; try 'gb18030' or 'utf-8'"
        ) from None


def _uploaded(value) -> tuple[str, bytes] | None:
    """(name, content) of the first uploaded file, from ipywidgets 8's tuple of dicts (or 7's
    dict)."""
    if not value:
        return None
    entries = list(value.values()) if isinstance(value, dict) else list(value)
    first = entries[0]
    name = first.get("name") or (
        next(iter(value)) if isinstance(value, dict) else "the uploaded file"
    )
    content = first.get("content")
    if content is None:
        raise ValueError(f"{name}: the upload has no content; upload the file again")
    return str(name), bytes(content)


def _kit_label(kit: str) -> str:
    return "seller (names)" if kit == "seller" else f"{kit}: {seller_metrics.METRICS[kit].label}"


def _table_html(frame: pd.DataFrame, *, caption: str = "", limit: int = 8) -> str:
    """A DataFrame's first rows as a small HTML table (every cell escaped)."""
    rows = [[_html.escape(v) for v in row] for row in frame.head(limit).itertuples(index=False)]
    more = (
        f"<div><i>... and {len(frame) - limit:,} more rows</i></div>" if len(frame) > limit else ""
    )
    table = _html.table(rows, [str(c) for c in frame.columns], caption=_html.escape(caption),
                        font_size="12px")  # fmt: skip
    return table + more


def _preview_html(flow: OwnDataFlow) -> str:
    """What the flow found in the file: its name, rows, what was detected, any warning, and
    the first rows as the file has them."""
    sniffed = flow.sniffed
    if sniffed is None:
        return (
            "<i>No file yet: upload a CSV file or an Excel workbook, paste cells copied from a "
            "spreadsheet, or press <b>Use the example file</b>.</i>"
        )
    found = "; ".join(_html.escape(n) for n in sniffed.notes) or "nothing detected yet"
    more = (
        f" (the first {_MAP_SLOTS} can be mapped; the others are kept as text)"
        if len(sniffed.columns) > _MAP_SLOTS
        else ""
    )
    said = "".join(f"<li>{_html.escape(w)}</li>" for w in flow.warnings)
    warned = (
        f"<div style='color:{TEXT_COLORS['note']}'><b>Read with care:</b><ul>{said}</ul></div>"
        if said
        else ""
    )
    rows = f"{sniffed.n_rows:,} data row{'s' if sniffed.n_rows != 1 else ''}"
    first = _table_html(sniffed.preview, caption="First rows (line = the file's line)")
    return (
        f"<div><b>{_html.escape(sniffed.label)}</b> ({_html.escape(flow.note)}): {rows}. "
        f"Found: {found}.<br>Columns: {_html.escape(', '.join(sniffed.columns)) or 'none found'}"
        f"{more}</div>{warned}{first if sniffed.columns else ''}"
    )


def _mapping_picker(k: int) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=[(_NOT_USED, "")],
        value="",
        description=f"column {k + 1}",
        style={"description_width": "160px"},
        layout=widgets.Layout(width="470px", display="none"),
    )


def _own_prediction() -> Prediction:
    """Which tier does the example's village kitchen get under the tiered model?"""

    def outcome(shown: dict):
        if (
            shown.get("file") != EXAMPLE_NAME
            or shown.get("model") != "tiered"
            or shown.get("bands") != S.DEFAULT_BANDS
            or shown.get("share") != 0.5
        ):
            return None
        return shown.get("classes", {}).get(EXAMPLE_SELLER)

    return Prediction(
        f"On the example file the quadrant model calls <b>{EXAMPLE_SELLER}</b> (a village "
        f"kitchen: modest reach, a loyal buying audience) <i>ordinary</i>. Before you switch "
        f"to the <b>tiered</b> model (bands as they start): which of its tiers will it get there?",
        outcome=outcome,
        options=list(TIERS),
    )


def _names(scored: pd.DataFrame) -> list[str]:
    """The sellers' names as a list of text (quick for a long table)."""
    return [str(name) for name in np.asarray(scored["seller"], dtype=object).tolist()]


class _SellerTable(widgets.HTML):
    """The classified sellers as an HTML table beside the map: a chart of the view
    (``view.charts["table"]``) without artists."""

    artists = ()

    def __init__(self) -> None:
        super().__init__("", layout=widgets.Layout(width="330px", margin="30px 0 0 8px"))

    def update(self, scored: pd.DataFrame, classes) -> None:
        shown = pd.DataFrame(
            {
                "seller": _names(scored.head(12)),
                "influence": scored["influence"].head(12).round(1).to_numpy(),
                "attractiveness": scored["attractiveness"].head(12).round(1).to_numpy(),
                "class": np.asarray(classes, dtype=object)[:12],
            }
        )
        more = (
            f"<div><i>... and {len(scored) - 12:,} more rows</i></div>" if len(scored) > 12 else ""
        )
        self.value = _table_html(shown, caption="Your sellers", limit=12) + more


def _own_controls(model: str, method: str) -> dict[str, widgets.Widget]:
    """The own-data view's controls, by name; each with a visible label."""
    dropdown = dict(style={"description_width": "80px"}, layout=widgets.Layout(width="240px"))
    return {
        "upload": widgets.FileUpload(
            accept=".csv,.txt,.tsv,.xlsx,.xls", multiple=False, description="Upload a file"
        ),
        "example": widgets.Button(
            description="Use the example file",
            icon="table",
            tooltip="Four invented shops with Chinese names (GBK, semicolons)",
        ),
        "paste": widgets.Textarea(
            value="",
            description="Paste cells",
            placeholder="Copy cells in Excel or WPS (with the header row), paste them here, "
            "then click outside the box",
            continuous_update=False,
            style={"description_width": "80px"},
            layout=widgets.Layout(width="600px", height="70px"),
        ),
        "sep": widgets.Dropdown(
            options=list(_SEPARATORS.items()), description="Separator", **dropdown
        ),
        "encoding": widgets.Dropdown(
            options=list(_ENCODINGS.items()), description="Encoding", **dropdown
        ),
        "decimal": widgets.Dropdown(
            options=list(_DECIMALS.items()), description="Decimal", **dropdown
        ),
        "sheet": widgets.Dropdown(options=[(_FIRST_TABLE, None)], description="Sheet", **dropdown),
        "header_line": widgets.BoundedIntText(
            value=0,
            min=0,
            max=1_000_000,
            description="Header line",
            tooltip="0: detect",
            **dropdown,
        ),
        **{f"map_{k}": _mapping_picker(k) for k in range(_MAP_SLOTS)},
        "method": widgets.ToggleButtons(
            options=list(S.NORMALISATIONS),
            value=method,
            description="Normalise",
            style={"description_width": "80px"},
        ),
        "model": _model_picker(model),
        "cut_influence": slider("Influence threshold", S.DEFAULT_CUTS[0], 0, 100, 1, fmt=".0f"),
        "cut_attractiveness": slider(
            "Attractiveness threshold", S.DEFAULT_CUTS[1], 0, 100, 1, fmt=".0f"
        ),
        **_band_sliders(),
    }


def _own_layout(controls: dict, preview: widgets.Widget) -> widgets.Widget:
    wrap = widgets.Layout(flex_flow="row wrap")
    return widgets.VBox(
        [
            widgets.HBox([controls["upload"], controls["example"]]),
            controls["paste"],
            widgets.HBox([controls[n] for n in _OPTION_CONTROLS], layout=wrap),
            preview,
            widgets.HTML(
                "<b>Your columns &rarr; the kit's</b> (pre-filled from the column names; "
                "change any):"
            ),
            widgets.VBox([controls[f"map_{k}"] for k in range(_MAP_SLOTS)]),
            controls["method"],
            controls["model"],
            widgets.VBox([controls[n] for n in _QUADRANT]),
            widgets.VBox([controls[n] for n in _TIERED]),
        ]
    )


def _own_step(flow: OwnDataFlow, controls: dict, change: dict | None) -> bool:
    """Hand one control's change to the flow. False when it changes nothing: the view set a
    control to what the flow already holds (a new file's mapping), or an empty paste."""
    if change is None:
        return True
    name = next((n for n, c in controls.items() if c is change["owner"]), "")
    new = change.get("new")
    if name == "upload":
        got = _uploaded(controls["upload"].value)
        return got is not None and flow.load(got[1], name=got[0])
    if name == "example":
        return flow.load(own_data_example(), name=EXAMPLE_NAME, note=EXAMPLE_NOTE)
    if name == "paste":
        return flow.paste(new)
    if name.startswith("map_"):
        k = int(name[4:])
        return k < len(flow.columns) and flow.choose(flow.columns[k], new)
    if name in _OPTION_CONTROLS:
        return flow.set_options(**{name: new or None})
    return True  # the model, the method, a threshold


def _offer(picker: widgets.Dropdown, options: list[tuple[str, object]], value) -> None:
    """Give a drop-down these options, ``value`` chosen. New options come with ``value`` first:
    a drop-down whose options change starts at the first one, so it passes through no other
    value (which would reach the flow as the student's choice). The same options keep their
    order, so the arrow keys walk through all of them (a list that re-sorted after each choice
    would let a keyboard user reach only two); nothing is touched when nothing differs."""
    if set(picker.options) != set(options):
        picker.options = sorted(options, key=lambda option: option[1] != value)
    if picker.value != value:
        picker.value = value


def _own_sync(controls: dict, flow: OwnDataFlow) -> None:
    """Show what the flow holds: one mapping drop-down per file column, the sheets of a
    workbook."""
    columns = flow.columns
    for k in range(_MAP_SLOTS):
        picker = controls[f"map_{k}"]
        if k < len(columns):
            kits = [(_kit_label(kit), kit) for kit in flow.offered(columns[k])]
            picker.description = columns[k]
            _offer(picker, [(_NOT_USED, ""), *kits], flow.kit_of(columns[k]))
        else:
            picker.description = f"column {k + 1}"
            _offer(picker, [(_NOT_USED, "")], "")
        picker.layout.display = "" if k < len(columns) else "none"
    sheets = flow.sniffed.sheets if flow.sniffed is not None else ()
    _offer(
        controls["sheet"], [(_FIRST_TABLE, None), *[(s, s) for s in sheets]], flow.options["sheet"]
    )
    controls["sheet"].layout.display = "" if sheets else "none"
    # the example is what is shown: its button would change nothing until another file comes
    controls["example"].disabled = flow.note == EXAMPLE_NOTE


def _own_file_shown(flow: OwnDataFlow) -> dict:
    """What the view records about the file (``view.shown``)."""
    sniffed = flow.sniffed
    if sniffed is None:
        return {"file": None}
    return dict(
        file=flow.name,
        encoding=sniffed.encoding,
        sep=sniffed.sep,
        decimal=sniffed.decimal,
        sheet=sniffed.sheet,
        header_line=sniffed.header_line,
        columns=list(sniffed.columns),
        mapping=flow.mapping,
        warnings=list(flow.warnings),
    )


def _own_clear(view: View, params: dict, readout: str) -> None:
    """No sellers on the map, in the table or in the counts (no file, or one that cannot be
    read)."""
    nothing = pd.DataFrame({"seller": [], "influence": [], "attractiveness": []})
    view.charts["map"].update(nothing, [], labels=[], **params)
    view.charts["table"].value = ""
    view.readout.value = readout
    view.show(reference=None, reference_note="", classes={}, counts={})
    view.redraw()


def _own_scored(
    view: View, flow: OwnDataFlow, preview: widgets.HTML, params: dict
) -> pd.DataFrame | None:
    """The flow's scored sellers, after showing what it found in the file; None before any
    file. A file that cannot be read clears the map, the table and the counts, and raises."""
    view.show(**_own_file_shown(flow), **params)
    if flow.sniffed is None:
        preview.value = _preview_html(flow)
        _own_clear(view, params, "")
        return None
    try:
        return flow.scored(view.controls["method"].value)
    except ValueError:
        _own_clear(view, params, _NOT_CLASSIFIED)
        raise
    finally:  # with what reading said (a totals row dropped, lower bounds)
        preview.value = _preview_html(flow)
        view.show(**_own_file_shown(flow))


def _own_draw(view: View, flow: OwnDataFlow, scored: pd.DataFrame, params: dict) -> None:
    """The scored sellers classified on the map, in the table and the counts."""
    classes = S.classify(scored, **params)
    step = -(-len(scored) // _MAP_DOTS)  # a large table: every step-th seller on the map
    dots = scored.iloc[::step]
    names = _names(dots)
    chart = view.charts["map"]
    plural = "s" if len(scored) != 1 else ""
    heading = f"{flow.name}: {len(scored):,} seller{plural}, {params['model']} model"
    if chart.ax.get_title() != heading:
        chart.ax.set_title(heading)
        view.fast.invalidate()
    chart.update(dots, np.asarray(classes)[::step], labels=names[: len(chart.labels)], **params)
    view.charts["table"].update(scored, classes)
    counts = S.class_counts(classes)
    note = scored.attrs.get("reference_note", "")
    against = (
        f"Scored against <b>the kit's teaching set</b>: {_html.escape(note.split(': ', 1)[-1])}."
        if scored.attrs.get("reference") == "teaching set"
        else "Scored against <b>your own table</b> (its sellers against each other)."
    )
    thinned = (
        f" The map shows one seller in {step} ({len(dots):,} of {len(scored):,}, in file "
        "order); the counts cover all."
        if step > 1
        else ""
    )
    view.readout.value = (
        " &nbsp; ".join(f"{_class_badge(c)} {counts[c]:,}" for c in reversed(counts.index))
        + f"<br>{against} The thresholds and weights are the kit's choices, not the paper's."
        + thinned
    )
    view.show(
        dots=len(dots),
        reference=scored.attrs.get("reference", ""),
        reference_note=note,
        classes=dict(zip(_names(scored), map(str, classes))),
        counts={c: int(n) for c, n in counts.items()},
    )
    view.redraw()


def _problem_lines(view: View) -> None:
    """Show a message of several problems one problem a line in the view's error line."""

    def lines(change) -> None:
        if "\n" in change["new"] and "<pre" not in change["new"]:  # not a folded traceback
            view.error.value = change["new"].replace("\n", "<br>&nbsp;&nbsp;")

    view.error.observe(lines, names="value")


def explore_own_data(
    *, example: bool = True, model: str = "quadrant", method: str = "log-minmax"
) -> View:
    """Your own seller table, no code: upload a file or paste cells, map its columns, see the
    sellers classified.

    A CSV file, an Excel workbook (``.xlsx``) or cells pasted from a spreadsheet go through a
    :class:`livekit.seller_data.OwnDataFlow`: the file's kind, separator, encoding, header line and
    decimal mark are detected (drop-downs override them; a workbook's sheet is picked), a
    preview shows what was found, what was read differently (a title skipped, a totals row
    dropped, ``10w+`` read as its bound) and the first rows. One drop-down per column of the file
    maps it to a kit column (pre-filled by :func:`livekit.seller_data.guess_columns`, options from
    :func:`livekit.seller_data.column_options`); the sellers are then read with
    :func:`livekit.seller_data.read_sellers`, scored with :func:`livekit.sellers.score_sellers`
    (a table of fewer than :data:`livekit.sellers.MIN_SELF_REFERENCE` sellers against the
    teaching set, and the view says so) and classified on the evaluation map. Every problem in
    the file is listed at once in the error line; the upload and every choice are kept, and a
    column's choice is remembered by its name when another file comes. A file larger than
    :data:`livekit.seller_data.MAX_VIEW_BYTES` is refused with its size and the code route.

    Parameters
    ----------
    example : bool, default True
        Start with the example file (:func:`own_data_example`: four invented shops with Chinese
        names, semicolon-separated, GBK), so the view shows a classified table before any upload.
    model : {"quadrant", "tiered"}
    method : {"log-minmax", "percentile"}

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"upload"`` (FileUpload), ``"example"`` (button), ``"paste"``
        (Textarea), ``"sep"``, ``"encoding"``, ``"decimal"`` (detect or a choice), ``"sheet"``
        (a workbook's sheets), ``"header_line"`` (0 detects), ``"map_0"`` ... ``"map_11"`` (one
        per file column, in file order; the description is the column's name), ``"method"``,
        ``"model"`` and the model thresholds as in :func:`explore_sellers`. ``view.charts``:
        ``"map"`` (:class:`~livekit.seller_plots.EvaluationMap`) and ``"table"`` (HTML: sellers,
        scores, classes). ``view.shown``: ``file``, ``encoding``, ``sep``, ``decimal``,
        ``sheet``, ``header_line``, ``columns``, ``mapping`` ({their column: kit column}),
        ``warnings``, ``reference``, ``reference_note``, ``model``, ``cuts``, ``bands``,
        ``share``, ``classes`` ({seller: class}), ``counts``; ``classes`` is empty while the
        file cannot be read. ``view.prediction``: the tiered class of :data:`EXAMPLE_SELLER` in
        the example file.
    """
    if not isinstance(example, bool):
        raise TypeError(f"example must be True or False, got {type(example).__name__}")
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    controls = _own_controls(model, method)
    flow = OwnDataFlow(score=S.score_sellers)
    preview = widgets.HTML("", layout=widgets.Layout(margin="4px 0"))
    fig = new_figure(6.6, 4.4)
    with kit_style():
        ax = P.label_score_axes(fig.add_axes((0.11, 0.12, 0.66, 0.8)), " ")
        charts = {
            "map": P.EvaluationMap(ax, None, (), model=model, point_size=40, label_slots=8),
            "table": _SellerTable(),
        }
    view = View(
        title="Your own sellers on the evaluation map",
        question=(
            "Upload a table of sellers, paste cells, or use the example. Check what the preview "
            "detected, then map each of your columns to one of the kit's. Which of your sellers "
            "change class when you change a mapping, the model or a threshold?"
        ),
        controls=controls,
        layout=_own_layout(controls, preview),
        charts=charts,
        figure=FastFigure(fig, animated=charts["map"].artists),
        side=charts["table"],
        prediction=_own_prediction(),
    )
    _problem_lines(view)

    def update(change=None) -> None:
        if not _own_step(flow, controls, change):
            return  # an empty paste, or a control set to what the flow holds
        _own_sync(controls, flow)  # the drop-downs show the flow's file
        _show_model_controls(controls)
        params = _model_params(controls)
        scored = _own_scored(view, flow, preview, params)
        if scored is not None:
            _own_draw(view, flow, scored, params)

    if example:
        flow.load(own_data_example(), name=EXAMPLE_NAME, note=EXAMPLE_NOTE)
    controls["example"].on_click(lambda button: view.run(update, {"owner": button, "new": None}))
    view.bind(update, controls=[n for n in controls if n != "example"])
    return view


# --- real anchors on the map ------------------------------------------------------------

#: The assumed percentile of the anchors' view at the start (the teaching set's median).
ASSUMPTION_GOAL = cases.ASSUMED_PERCENTILE
_ANCHOR = "Li Jiaqi (Austin Li)"
_ASSUMED_NOTE = (
    "Every value no source reports: the kit's assumption, a teaching-set percentile (the\n"
    "slider); * followers assumed too. A year's sales = at least the best session."
)


def _anchor_prediction() -> Prediction:
    """Li Jiaqi's class once the reported cumulative viewers stand in for audience reach."""

    def outcome(shown: dict):
        if (
            not shown.get("reach")
            or shown.get("model") != "quadrant"
            or abs(shown.get("percentile", -1) - ASSUMPTION_GOAL) > 1e-9
        ):
            return None
        return shown["classes"][_ANCHOR]["high"]

    return Prediction(
        f"Sources report <b>{_ANCHOR}</b>'s followers and sales, and cumulative viewers of "
        "one event, but no average audience: the kit assumes it. Tick <i>cumulative viewers "
        "stand in for audience reach</i> (quadrant model, assumption at the median): which "
        f"class does {_ANCHOR} get at the higher sales figure?",
        outcome=outcome,
        options=list(SELLER_CLASSES),
    )


def _anchor_controls(model: str) -> dict[str, widgets.Widget]:
    return {
        "percentile": slider("Assumed percentile", ASSUMPTION_GOAL, 0, 100, 5, fmt=".0f"),
        "reach": widgets.Checkbox(
            value=False,
            description="cumulative viewers stand in for audience reach (a larger measure)",
            indent=False,
            layout=widgets.Layout(width="520px"),
        ),
        "model": _model_picker(model),
    }


def _anchor_figure(reference: pd.DataFrame, model: str, start: pd.DataFrame):
    """The teaching set faint on the map, the anchors over it, the assumption noted."""
    fig = new_figure(6.6, 4.9)
    with kit_style():
        ax = P.label_score_axes(
            fig.add_axes((0.11, 0.23, 0.62, 0.7)),
            "Real anchors (diamonds) against the teaching set (faint)",
        )
        classes = S.classify(reference, model=model)
        charts = {
            "map": P.EvaluationMap(ax, reference, classes, model=model, point_size=22, faint=True),
            "anchors": P.AnchorRanges(ax, start),
        }
        fig.text(0.02, 0.02, _ASSUMED_NOTE, fontsize=9, color=TEXT_COLORS["note"])
    return fig, charts


def _anchor_table(placed: pd.DataFrame) -> str:
    rows = []
    for row in placed.itertuples(index=False):
        links = " ".join(
            f"<a href='{_html.attribute(u.strip())}' target='_blank'>[{n + 1}]</a>"
            for n, u in enumerate(str(row.sources).split(";"))
            if u.strip()
        )
        low = (
            ""
            if row.class_low == row.class_high
            else f" (lower figure: {_class_badge(row.class_low)})"
        )
        rows.append(
            (
                f"<b>{_html.escape(row.label)}</b>",
                _class_badge(row.class_high) + low,
                _html.escape(row.reported),
                f"<i>{_html.escape(row.assumed)}</i>",
                links,
            )
        )
    return _html.table(
        rows,
        ("anchor", "class or tier", "reported (outlet)", "the kit's assumption", "sources"),
        caption="What each place on the map rests on (data/live_commerce_facts.csv)",
        font_size="12px",
    )


def _anchor_readout(percentile: float, reach: bool) -> str:
    stand_in = (
        "Reported cumulative viewers of one event stand in for audience reach (average "
        "concurrent viewers): a larger measure, so those diamonds sit at an upper end. "
        if reach
        else "No source reports the audience: the height of every diamond is the kit's. "
    )
    return (
        f"{stand_in}Every other unreported metric is at the teaching set's "
        f"<b>{percentile:.0f}th percentile</b> (the kit's assumption, not a reported figure). "
        "A bar joins the places of two outlets' figures for one session; where both are above "
        "the teaching set's largest yearly sales, the scores stop at 100 and the ends meet."
    )


def explore_anchors(*, model: str = "quadrant", method: str = "log-minmax") -> View:
    """Real anchors next to the teaching set: what is reported, and what the kit must assume.

    Each anchor of :func:`livekit.cases.map_anchors` is placed and classified by
    :func:`livekit.cases.classify_anchors`: its reported followers and best session, and the
    kit's assumption (a teaching-set percentile, on a slider) for every metric no source
    reports. A tick box lets the anchor's reported cumulative viewers of one event stand in for
    audience reach, labelled as such. Where outlets disagree, the anchor is a bar between the
    two placements. The table under the view lists, per anchor, what is reported (with the
    outlet), what is assumed, and the sources.

    Parameters
    ----------
    model : {"quadrant", "tiered"}
    method : {"log-minmax", "percentile"}

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"percentile"`` (the assumption, 0-100), ``"reach"`` (tick box) and
        ``"model"``. ``view.charts``: ``"map"`` (the teaching set, faint) and ``"anchors"``
        (:class:`~livekit.seller_plots.AnchorRanges`). ``view.shown``: ``percentile``,
        ``reach``, ``model``, ``placed`` (the DataFrame), ``classes`` ({anchor: {"low": class,
        "high": class}}). ``view.prediction``: Li Jiaqi's class at the median assumption once
        the cumulative viewers stand in for audience reach.
    """
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    reference = S.score_sellers(seller_data.load_sellers(), method=method)
    controls = _anchor_controls(model)
    fig, charts = _anchor_figure(
        reference, model, cases.classify_anchors(ASSUMPTION_GOAL, model=model, method=method)
    )
    table = widgets.HTML("")
    view = View(
        title="Real anchors on the evaluation map",
        question=(
            "The sources report followers, one session's sales and, for some anchors, one "
            "event's cumulative viewers. Move the assumed percentile: which anchors change class, "
            "and which part of their place on the map comes from a source? Then let the "
            "cumulative viewers stand in for audience reach."
        ),
        controls=controls,
        charts=charts,
        figure=FastFigure(fig, animated=charts["anchors"].artists),
        below=table,
        prediction=_anchor_prediction(),
    )

    def update(change=None) -> None:
        picked, reach = controls["model"].value, bool(controls["reach"].value)
        percentile = float(controls["percentile"].value)
        if charts["map"].model != picked:  # new regions and dot colours: a new background
            charts["map"].update(reference, S.classify(reference, model=picked), model=picked)
            view.fast.invalidate()
        placed = cases.classify_anchors(percentile, model=picked, method=method, reach=reach)
        charts["anchors"].update(placed)
        table.value = _anchor_table(placed)
        view.readout.value = _anchor_readout(percentile, reach)
        classes = {
            r.seller: {"low": r.class_low, "high": r.class_high} for r in placed.itertuples()
        }
        view.show(percentile=percentile, reach=reach, model=picked, placed=placed, classes=classes)
        view.redraw()

    view.bind(update)
    return view
