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
from functools import cache

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import cases
from . import seller_plots as P
from . import sellers as S
from ._checks import check_choice
from .seller_metrics import format_metric
from .style import CLASS_COLORS, kit_style, new_figure
from .views import FastFigure, Prediction, View, slider
from .vocab import SELLER_CLASSES

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
    label = S.METRICS[name].label
    style = {"description_width": "230px"}
    layout = widgets.Layout(width="520px")
    value = float(min(max(value, low), high))
    if log:
        # ".3s" reads as 6.31M or 3.98k, friendlier than 6.31e+6
        return widgets.FloatLogSlider(
            value=value,
            base=10,
            min=np.log10(low),
            max=np.log10(high),
            step=step,
            description=label,
            readout_format=".3s",
            continuous_update=True,
            style=style,
            layout=layout,
        )
    fmt = ".1%" if name == "conversion" else ".3g"  # d3 formats: 6.31M followers, 12.0% conversion
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        readout_format=fmt,
        continuous_update=True,
        style=style,
        layout=layout,
    )


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
                options.append(
                    f"{S.METRICS[name].label} {format_metric(name, metrics[name])} &rarr; "
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
    color = CLASS_COLORS[name]
    ink = "black" if name in ("low-level", "ordinary") else "white"
    return (
        f"<span style='background:{color};color:{ink};padding:1px 6px;border-radius:3px'>"
        f"<b>{name}</b></span>"
    )


def _seller_readout(
    i: float, a: float, move: dict, metrics: dict, reference: pd.DataFrame, method: str
) -> str:
    if move["target"] is None:
        gap = "already in the top class: no higher class to reach."
    else:
        gap = (
            f"smallest move up: <b>+{move['d_influence']:.1f}</b> influence and "
            f"<b>+{move['d_attractiveness']:.1f}</b> attractiveness points "
            f"(length {move['distance']:.1f}) reaches {_class_badge(move['target'])}."
            f"{_in_metrics(metrics, move, reference, method)}"
        )
    return (
        f"Anchor influence <b>{i:.1f}</b> / 100 &nbsp; Audience attractiveness "
        f"<b>{a:.1f}</b> / 100 &nbsp; Class {_class_badge(move['class'])}<br>{gap}"
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
        f"every other slider where it starts): which class does <b>{html.escape(seller)}</b> "
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
    teach = S.load_sellers()
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
        bar = (
            f"<div style='display:inline-block;vertical-align:middle;height:14px;"
            f"width:{1.2 * pct:.0f}px;background:{_HATCH_CSS[name]};"
            f"background-color:{CLASS_COLORS[name]};border:1px solid #333'></div>"
        )
        rows.append(
            f"<div style='white-space:nowrap;margin:3px 0'>"
            f"<span style='display:inline-block;width:70px'>{name}</span>"
            f"{bar} {n:,} ({pct:.0f}%)</div>"
        )
    return "".join(rows)


@cache
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
#: The data-set view's controls behind *More controls*: the tiered model's influence share and
#: the weights within each dimension (8 controls show at first).
_ADVANCED = ("share", *(f"weight_{name}" for name in S.METRICS))


def _dataset_controls(dataset: str, model: str, method: str) -> dict[str, widgets.Widget]:
    """The controls of :func:`explore_sellers`, by name, weights at the data set's defaults."""
    check_choice("dataset", dataset, S.DATASETS)
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    controls = {
        "data": widgets.Dropdown(
            options=list(S.DATASETS),
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
        **{
            f"band_{name}": slider(f"{name} from (combined)", value, 0, 100, 1, fmt=".0f")
            for name, value in zip(SELLER_CLASSES[1:], S.DEFAULT_BANDS)
        },
        "share": slider("Influence share (tiered)", 0.5, 0, 1, 0.05),
        **{
            f"weight_{name}": slider(
                f"weight: {S.METRICS[name].label}", S.DEFAULT_WEIGHTS[name], 0, 1, 0.05
            )
            for name in S.METRICS
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
    return dict(
        model=controls["model"].value,
        cuts=(controls["cut_influence"].value, controls["cut_attractiveness"].value),
        bands=tuple(controls[f"band_{c}"].value for c in SELLER_CLASSES[1:]),
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
        weights={n: float(controls[f"weight_{n}"].value) for n in S.METRICS if n in data.columns},
    )
    if all(view.shown.get(key) == value for key, value in scoring.items()):
        return scoring, view.charts["map"].scored
    return scoring, S.score_sellers(data, weights=scoring["weights"], method=scoring["method"])


#: The options of the data-set prediction: where the super sellers that lose their class go.
_STAY_SUPER = "they stay super"


def _threshold_prediction(method: str) -> Prediction:
    """Where do super sellers go at a higher influence threshold? Checked on the teaching set."""
    teach = _dataset(_TEACHING)
    defaults = S.dataset_weights(teach)
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
            f"{_class_badge(c)} {counts[c]}" for c in reversed(SELLER_CLASSES)
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
#: The example seller the own-data prediction asks about (quadrant and tiered classes differ).
EXAMPLE_SELLER = "乡村厨房"
_MAP_SLOTS = 12  # mapping drop-downs: one per file column, up to this many
_NOT_USED = "(not used)"
_SEPARATORS = {"detect": None, "comma ,": ",", "semicolon ;": ";", "tab": "\t"}
_ENCODINGS = {"detect": None, "UTF-8": "utf-8", "GBK / GB18030": "gb18030", "UTF-16": "utf-16"}
_DECIMALS = {"detect": None, "point 1.5": ".", "comma 1,5": ","}


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
    """(name, content) of the first uploaded file, from ipywidgets 8's tuple of dicts (or 7's dict)."""
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
    return "seller (names)" if kit == "seller" else f"{kit}: {S.METRICS[kit].label}"


def _table_html(frame: pd.DataFrame, *, caption: str = "", limit: int = 8) -> str:
    head = "".join(
        f"<th style='padding:1px 6px;text-align:left'>{html.escape(str(c))}</th>"
        for c in frame.columns
    )
    body = []
    for _, row in frame.head(limit).iterrows():
        cells = "".join(
            f"<td style='padding:1px 6px'>{html.escape(str(v))}</td>" for v in row.tolist()
        )
        body.append(f"<tr>{cells}</tr>")
    more = f"<div><i>... and {len(frame) - limit} more rows</i></div>" if len(frame) > limit else ""
    cap = f"<div style='font-size:13px'><b>{caption}</b></div>" if caption else ""
    return (
        f"{cap}<table style='border-collapse:collapse;font-size:12px'><tr>{head}</tr>{''.join(body)}</table>"
        f"{more}"
    )


def _preview_html(sniffed, note: str) -> str:
    if sniffed is None:
        return "<i>No file yet: upload a CSV file or press <b>Use the example file</b>.</i>"
    found = "; ".join(html.escape(n) for n in sniffed.notes) or "nothing detected yet"
    columns = ", ".join(html.escape(c) for c in sniffed.columns) or "none found"
    preview = (
        _table_html(sniffed.preview, caption="First rows (line = the file's line)")
        if sniffed.columns
        else ""
    )
    more = (
        f" (the first {_MAP_SLOTS} can be mapped; the others are kept as text)"
        if len(sniffed.columns) > _MAP_SLOTS
        else ""
    )
    return (
        f"<div><b>{html.escape(sniffed.label)}</b> ({html.escape(note)}): {sniffed.n_rows} data rows. "
        f"Found: {found}.<br>Columns: {columns}{more}</div>{preview}"
    )


def _mapping_picker() -> widgets.Dropdown:
    return widgets.Dropdown(
        options=[(_NOT_USED, "")],
        value="",
        style={"description_width": "160px"},
        layout=widgets.Layout(width="470px", display="none"),
    )


def _own_prediction() -> Prediction:
    """Which class does the example's village kitchen get under the tiered model?"""

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
        f"On the example file the quadrant model calls <b>{EXAMPLE_SELLER}</b> (a village kitchen: modest "
        f"reach, a loyal buying audience) <i>ordinary</i>. Before you switch to the <b>tiered</b> model "
        f"(bands as they start): which class will it get there?",
        outcome=outcome,
        options=list(SELLER_CLASSES),
    )


def explore_own_data(
    *, example: bool = True, model: str = "quadrant", method: str = "log-minmax"
) -> View:
    """Your own seller table, no code: upload a CSV, map its columns, see the sellers classified.

    The file's separator, encoding and decimal mark are detected (drop-downs override them);
    a preview shows what was found and the first rows. One drop-down per column of the file
    maps it to a kit column (pre-filled by :func:`livekit.sellers.guess_columns`, options from
    :func:`livekit.sellers.column_options`); the sellers are then read with
    :func:`livekit.sellers.read_sellers`, scored with :func:`livekit.sellers.score_sellers`
    (a table of fewer than :data:`livekit.sellers.MIN_SELF_REFERENCE` sellers against the
    teaching set, and the view says so) and classified on the evaluation map. Every problem in
    the file is listed at once in the error line; the upload and every choice are kept, and a
    column's choice is remembered by its name when another file is uploaded.

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
        ``view.controls``: ``"upload"`` (FileUpload), ``"example"`` (button), ``"sep"``,
        ``"encoding"``, ``"decimal"`` (detect or a choice), ``"map_0"`` ... ``"map_11"`` (one
        per file column, in file order; the description is the column's name), ``"method"``,
        ``"model"`` and the model thresholds as in :func:`explore_sellers`. ``view.charts``:
        ``"map"`` (:class:`~livekit.seller_plots.EvaluationMap`) and ``"table"`` (HTML: sellers,
        scores, classes). ``view.shown``: ``file``, ``encoding``, ``sep``, ``decimal``,
        ``columns``, ``mapping`` ({their column: kit column}), ``reference``,
        ``reference_note``, ``model``, ``cuts``, ``bands``, ``share``, ``classes`` ({seller:
        class}), ``counts``; ``classes`` is empty while the file cannot be read.
        ``view.prediction``: the tiered class of :data:`EXAMPLE_SELLER` in the example file.
    """
    if not isinstance(example, bool):
        raise TypeError(f"example must be True or False, got {type(example).__name__}")
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    dropdown = dict(style={"description_width": "80px"}, layout=widgets.Layout(width="240px"))
    controls: dict[str, widgets.Widget] = {
        "upload": widgets.FileUpload(
            accept=".csv,.txt,.tsv", multiple=False, description="Upload CSV"
        ),
        "example": widgets.Button(
            description="Use the example file",
            icon="table",
            tooltip="Four invented shops with Chinese names (GBK, semicolons)",
        ),
        "sep": widgets.Dropdown(
            options=list(_SEPARATORS.items()), value=None, description="Separator", **dropdown
        ),
        "encoding": widgets.Dropdown(
            options=list(_ENCODINGS.items()), value=None, description="Encoding", **dropdown
        ),
        "decimal": widgets.Dropdown(
            options=list(_DECIMALS.items()), value=None, description="Decimal", **dropdown
        ),
        **{f"map_{k}": _mapping_picker() for k in range(_MAP_SLOTS)},
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
        **{
            f"band_{name}": slider(f"{name} from (combined)", value, 0, 100, 1, fmt=".0f")
            for name, value in zip(SELLER_CLASSES[1:], S.DEFAULT_BANDS)
        },
        "share": slider("Influence share (tiered)", 0.5, 0, 1, 0.05),
    }
    pickers = [controls[f"map_{k}"] for k in range(_MAP_SLOTS)]
    preview = widgets.HTML("", layout=widgets.Layout(margin="4px 0"))
    table = widgets.HTML("", layout=widgets.Layout(width="330px", margin="30px 0 0 8px"))
    table.artists = ()
    layout = widgets.VBox(
        [
            widgets.HBox([controls["upload"], controls["example"]]),
            widgets.HBox(
                [controls["sep"], controls["encoding"], controls["decimal"]],
                layout=widgets.Layout(flex_flow="row wrap"),
            ),
            preview,
            widgets.HTML(
                "<b>Your columns &rarr; the kit's</b> (pre-filled from the column names; change any):"
            ),
            widgets.VBox(pickers),
            controls["method"],
            controls["model"],
            widgets.VBox([controls[n] for n in _QUADRANT]),
            widgets.VBox([controls[n] for n in _TIERED]),
        ]
    )
    fig = new_figure(6.6, 4.4)
    with kit_style():
        ax = P.label_score_axes(fig.add_axes((0.11, 0.12, 0.66, 0.8)), " ")
        charts = {
            "map": P.EvaluationMap(ax, None, (), model=model, point_size=40, label_slots=8),
            "table": table,
        }
    fast = FastFigure(fig, animated=charts["map"].artists)
    view = View(
        title="Your own sellers on the evaluation map",
        question=(
            "Upload a table of sellers (or use the example). Check what the preview detected, "
            "then map each of your columns to one of the kit's. Which of your sellers change "
            "class when you change a mapping, the model or a threshold?"
        ),
        controls=controls,
        layout=layout,
        charts=charts,
        figure=fast,
        side=table,
        prediction=_own_prediction(),
    )

    # what the student chose, kept across files: a column's kit name by the column's name
    chosen: dict[str, str] = {}
    state: dict = {
        "file": None,
        "sniff_key": None,
        "sniffed": None,
        "read_key": None,
        "scored": None,
        "note": "",
        "busy": False,
    }

    def load(name: str, content: bytes, note: str) -> None:
        state["file"] = (name, content, note)
        view.run(update)

    def on_example(_button=None) -> None:
        load(EXAMPLE_NAME, own_data_example(), "the kit's example file")

    controls["example"].on_click(on_example)

    def refresh_pickers(sniffed) -> None:
        """One drop-down per file column: the student's earlier choice, else the guess."""
        guess = S.guess_columns(list(sniffed.columns))
        decimal = sniffed.decimal or "."
        for k, picker in enumerate(pickers):
            if k >= len(sniffed.columns):
                picker.options = [(_NOT_USED, "")]
                picker.value = ""
                picker.layout.display = "none"
                picker.description = ""
                continue
            column = sniffed.columns[k]
            cells = sniffed.preview[column].tolist() if column in sniffed.preview.columns else []
            try:
                kits = S.column_options(cells, decimal=decimal)
            except (TypeError, ValueError):
                kits = ["seller"]
            wanted = chosen.get(column, guess.get(column, ""))
            if wanted and wanted not in kits:
                kits.append(wanted)
            picker.options = [(_NOT_USED, ""), *[(_kit_label(kit), kit) for kit in kits]]
            picker.value = wanted
            picker.description = column
            picker.layout.display = ""

    def mapping() -> dict[str, str]:
        sniffed = state["sniffed"]
        out = {}
        for k, column in enumerate(sniffed.columns[:_MAP_SLOTS]):
            if pickers[k].value:
                out[column] = pickers[k].value
        return out

    def options() -> dict:
        return dict(
            sep=controls["sep"].value,
            encoding=controls["encoding"].value,
            decimal=controls["decimal"].value,
        )

    def update(change=None) -> None:
        if state["busy"]:
            return
        _show_model_controls(controls)
        params = _model_params(controls)
        if change is not None and change["owner"] is controls["upload"]:
            got = _uploaded(controls["upload"].value)
            if got is not None:
                state["file"] = (*got, "your upload")
        if change is not None and change["owner"] in pickers and state["sniffed"] is not None:
            k = pickers.index(change["owner"])
            if k < len(state["sniffed"].columns):
                chosen[state["sniffed"].columns[k]] = change["new"]
        if state["file"] is None:
            preview.value = _preview_html(None, "")
            view.show(file=None, classes={}, counts={}, **params)
            view.readout.value = ""
            view.redraw()
            return
        name, content, note = state["file"]
        read_options = options()
        sniff_key = (name, content, tuple(read_options.items()))
        if sniff_key != state["sniff_key"]:
            sniffed = S.sniff(content, rows=1000, label=name, **read_options)
            state.update(sniff_key=sniff_key, sniffed=sniffed, read_key=None, note=note)
            state["busy"] = True
            try:
                refresh_pickers(sniffed)
            finally:
                state["busy"] = False
            preview.value = _preview_html(sniffed, note)
        sniffed = state["sniffed"]
        view.show(
            file=name,
            encoding=sniffed.encoding,
            sep=sniffed.sep,
            decimal=sniffed.decimal,
            columns=list(sniffed.columns),
            **params,
        )
        chosen_now = mapping()
        view.show(mapping=chosen_now)
        read_key = (sniff_key, tuple(chosen_now.items()), controls["method"].value)
        if read_key != state["read_key"]:
            state["read_key"], state["scored"] = None, None
            try:
                if sniffed.problems:
                    raise ValueError("\n".join(sniffed.problems))
                kits = list(chosen_now.values())
                twice = sorted({kit for kit in kits if kits.count(kit) > 1})
                if twice:
                    theirs = [c for c, kit in chosen_now.items() if kit == twice[0]]
                    raise ValueError(
                        f"columns {theirs} are all mapped to the kit's {twice[0]!r}: "
                        f"keep one, set the others to {_NOT_USED!r}"
                    )
                if "seller" not in kits:
                    raise ValueError("map one of your columns to 'seller' (the sellers' names)")
                table_read = S.read_sellers(content, columns=chosen_now, label=name, **read_options)
                scored = S.score_sellers(table_read, method=controls["method"].value)
            except ValueError:
                charts["map"].update(
                    pd.DataFrame({"seller": [], "influence": [], "attractiveness": []}),
                    [],
                    labels=[],
                    **params,
                )
                table.value = ""
                view.readout.value = "<i>No sellers classified until the file can be read: see the problems above.</i>"
                view.show(reference=None, reference_note="", classes={}, counts={})
                view.redraw()
                raise
            state["read_key"], state["scored"] = read_key, scored
        scored = state["scored"]
        classes = S.classify(scored, **params)
        names = scored["seller"].astype(str).tolist()
        heading = f"{name}: {len(scored)} seller{'s' if len(scored) != 1 else ''}, {params['model']} model"
        if ax.get_title() != heading:
            ax.set_title(heading)
            fast.invalidate()
        charts["map"].update(scored, classes, labels=names[: len(charts["map"].labels)], **params)
        counts = S.class_counts(classes)
        if state.get("table_key") != (
            read_key,
            params,
        ):  # a move that changes nothing shown: no new HTML
            state["table_key"] = (read_key, params)
            shown = pd.DataFrame(
                {
                    "seller": names,
                    "influence": scored["influence"].round(1).to_numpy(),
                    "attractiveness": scored["attractiveness"].round(1).to_numpy(),
                    "class": np.asarray(classes, dtype=object),
                }
            )
            table.value = _table_html(shown, caption="Your sellers", limit=12)
        reference = scored.attrs.get("reference", "")
        ref_note = scored.attrs.get("reference_note", "")
        against = (
            f"Scored against <b>the kit's teaching set</b>: {html.escape(ref_note.split(': ', 1)[-1])}."
            if reference == "teaching set"
            else "Scored against <b>your own table</b> (its sellers against each other)."
        )
        view.readout.value = (
            " &nbsp; ".join(f"{_class_badge(c)} {counts[c]}" for c in reversed(SELLER_CLASSES))
            + f"<br>{against} The thresholds and weights are the kit's choices, not the paper's."
        )
        view.show(
            reference=reference,
            reference_note=ref_note,
            classes=dict(zip(names, map(str, classes))),
            counts={c: int(n) for c, n in counts.items()},
        )
        view.redraw()

    def lines(change) -> None:  # the problem list, one problem a line
        if "\n" in change["new"]:
            view.error.value = change["new"].replace("\n", "<br>&nbsp;&nbsp;")

    view.error.observe(lines, names="value")
    if example:
        state["file"] = (EXAMPLE_NAME, own_data_example(), "the kit's example file")
    view.bind(update, controls=[n for n in controls if n != "example"])
    return view


# --- real anchors on the map ------------------------------------------------------------

#: The assumed percentile of the anchors' prediction ("lower the assumption to this").
ASSUMPTION_GOAL = 20.0
_ANCHOR = "Viya (Huang Wei)"


def _anchor_prediction() -> Prediction:
    def outcome(shown: dict):
        if (
            shown.get("model") != "quadrant"
            or abs(shown.get("percentile", -1) - ASSUMPTION_GOAL) > 1e-9
        ):
            return None
        return shown["classes"][_ANCHOR]["high"]

    return Prediction(
        f"Followers and sales are reported; the audience metrics are not, so the kit assumes them. "
        f"Lower the assumption from the teaching set's median to its <b>{ASSUMPTION_GOAL:.0f}th percentile</b> "
        f"(quadrant model): which class does <b>{_ANCHOR}</b> get at the higher sales figure?",
        outcome=outcome,
        options=list(SELLER_CLASSES),
    )


def _anchor_table(placed: pd.DataFrame, low, high) -> str:
    rows = []
    for k, row in placed.reset_index(drop=True).iterrows():
        links = " ".join(
            f"<a href='{html.escape(u.strip())}' target='_blank'>[{n + 1}]</a>"
            for n, u in enumerate(str(row["sources"]).split(";"))
            if u.strip()
        )
        classes = str(low[k]) if str(low[k]) == str(high[k]) else f"{low[k]} to {high[k]}"
        rows.append(
            f"<tr><td><b>{html.escape(row['label'])}</b></td><td>{_class_badge(str(high[k]))}"
            f"{'' if str(low[k]) == str(high[k]) else ' (low figure: ' + _class_badge(str(low[k])) + ')'}</td>"
            f"<td>{html.escape(row['reported'])}</td><td><i>{html.escape(row['assumed'])}</i></td>"
            f"<td>{links}</td></tr>"
        )
    head = (
        "<tr><th>anchor</th><th>class</th><th>reported (outlet)</th><th>the kit's assumption</th>"
        "<th>sources</th></tr>"
    )
    return (
        f"<table style='border-collapse:collapse;font-size:12px' cellpadding='3'>{head}{''.join(rows)}</table>"
        f"<div style='font-size:12px'>* followers not reported either: assumed. Sources: "
        f"<code>data/live_commerce_facts.csv</code>.</div>"
    )


def explore_anchors(*, model: str = "quadrant", method: str = "log-minmax") -> View:
    """Real anchors next to the teaching set: what is reported, and what the kit must assume.

    Each anchor of :func:`livekit.cases.map_anchors` is placed by :func:`livekit.cases.place_anchors`: its
    reported followers and best session, and the kit's assumption (a teaching-set percentile,
    on a slider) for every metric no source reports. Where outlets disagree, the anchor is a
    bar between the two placements. The table under the map lists, per anchor, what is reported
    (with the outlet), what is assumed, and the sources.

    Parameters
    ----------
    model : {"quadrant", "tiered"}
    method : {"log-minmax", "percentile"}

    Returns
    -------
    livekit.views.View
        ``view.controls``: ``"percentile"`` (the assumption, 0-100) and ``"model"``.
        ``view.charts``: ``"map"`` (the teaching set, faint) and ``"anchors"``
        (:class:`~livekit.seller_plots.AnchorRanges`). ``view.shown``: ``percentile``,
        ``model``, ``placed`` (the DataFrame), ``classes`` ({anchor: {"low": class, "high":
        class}}). ``view.prediction``: Li Jiaqi's class at the :data:`ASSUMPTION_GOAL`
        percentile.
    """
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    teach = S.load_sellers()
    reference = S.score_sellers(teach, method=method)
    controls = {
        "percentile": slider("Assumed percentile", cases.ASSUMED_PERCENTILE, 0, 100, 5, fmt=".0f"),
        "model": _model_picker(model),
    }
    facts = cases.map_anchors()
    placed = cases.place_anchors(
        cases.ASSUMED_PERCENTILE, method=method, anchors=facts, teach=teach
    )
    disagree = facts.loc[facts["best_session_low"] != facts["best_session_high"], "seller"].tolist()
    above = set(facts.loc[facts["best_session_low"] > teach["annual_sales_cny"].max(), "seller"])
    fig = new_figure(6.6, 4.7)
    with kit_style():
        ax = P.label_score_axes(
            fig.add_axes((0.11, 0.22, 0.66, 0.71)),
            "Real anchors (diamonds) against the teaching set (faint)",
        )
        charts = {
            "map": P.EvaluationMap(
                ax,
                reference,
                S.classify(reference, model=model),
                model=model,
                point_size=22,
                faint=True,
            )
        }
        charts["anchors"] = P.AnchorRanges(
            ax, placed, ["low-level"] * len(placed), ["low-level"] * len(placed)
        )
        fig.text(
            0.02,
            0.02,
            "The height, and every value no source reports: the kit's assumption (a teaching-set\n"
            "percentile, on the slider); * followers assumed too. A year's sales = at least the best session.",
            fontsize=9,
            ha="left",
            va="bottom",
            color="#8B3A00",
        )
        footnote = ax.text(
            0.99,
            0.02,
            "",
            transform=ax.transAxes,
            fontsize=9,
            ha="right",
            va="bottom",
            color="#8B3A00",
        )
    fast = FastFigure(fig, animated=[*charts["anchors"].artists, footnote])
    placements: dict[tuple, tuple] = {}
    table = widgets.HTML("")
    view = View(
        title="Real anchors on the evaluation map",
        question=(
            "The sources report followers and one session's sales, nothing about the audience. "
            "Move the assumed percentile: which anchors change class, and which part of their "
            "place on the map comes from a source?"
        ),
        controls=controls,
        charts=charts,
        figure=fast,
        prediction=_anchor_prediction(),
    )
    view.children = (*view.children, table)

    def update(change=None) -> None:
        picked = controls["model"].value
        if charts["map"].model != picked:
            charts["map"].update(reference, S.classify(reference, model=picked), model=picked)
            fast.invalidate()
        percentile = float(controls["percentile"].value)
        key = (percentile, picked)
        if (
            key not in placements
        ):  # a slider returns to the same few values: place and classify once
            now = cases.place_anchors(percentile, method=method, anchors=facts, teach=teach)
            low = S.classify(
                now.rename(
                    columns={"influence_low": "influence", "attractiveness_low": "attractiveness"}
                ),
                model=picked,
            )
            high = S.classify(
                now.rename(
                    columns={"influence_high": "influence", "attractiveness_high": "attractiveness"}
                ),
                model=picked,
            )
            placements[key] = (
                now,
                list(low),
                list(high),
                _anchor_table(now, list(low), list(high)),
            )
        now, low, high, table_html = placements[key]
        charts["anchors"].update(now, low, high)
        footnote.set_text(f"assumed: {percentile:.0f}th percentile")
        table.value = table_html
        same = [
            s
            for s, a, b in zip(now["seller"], now["influence_low"], now["influence_high"])
            if a == b
        ]
        two = [s for s in now["seller"] if s in set(disagree)]
        ends = (
            f" Outlets disagree on {', '.join(two)}: both figures are scored, and the two ends "
            f"{'coincide' if set(two) <= set(same) else 'differ'} on this map"
            f"{' (both are above the largest yearly sales in the teaching set, where scores stop at 100)' if set(two) <= above else ''}."
            if two
            else ""
        )
        view.readout.value = (
            f"Unreported metrics at the teaching set's <b>{percentile:.0f}th percentile</b> "
            f"(the kit's assumption, not a reported figure). A bar joins the places of two "
            f"outlets' figures for one session.{html.escape(ends)}"
        )
        view.show(
            percentile=percentile,
            model=picked,
            placed=now,
            classes={
                s: {"low": str(a), "high": str(b)} for s, a, b in zip(now["seller"], low, high)
            },
        )
        view.redraw()

    view.bind(update)
    return view
