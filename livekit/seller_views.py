"""Slider views of the seller evaluation model (notebook 2). Each is one call in the notebook.

- :func:`explore_seller`: one seller's metrics on sliders; its dot moves on the evaluation map,
  its class changes live, and an arrow shows the smallest move to a higher class.
- :func:`explore_sellers`: a whole data set (the teaching set or the real Twitch table) with
  threshold, weight, model, normalisation and data-set controls; the map and the class counts
  re-classify live.

The views only wire controls to :mod:`livekit.sellers` (numbers) and :mod:`livekit.seller_plots`
(artists). Every moving artist is animated in a :class:`~livekit.views.FastFigure`, so a move
repaints them over a cached background instead of redrawing the figure.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import seller_plots as P
from . import sellers as S
from ._checks import check_choice
from .style import CLASS_COLORS, kit_style, new_figure
from .vocab import SELLER_CLASSES
from .views import FastFigure, View, slider

__all__ = ["explore_seller", "explore_sellers", "SELLER_SLIDERS"]

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
        Controls: one slider per metric and a model toggle. ``view.readout`` shows the two
        scores, the class and the smallest move to a higher class.
    """
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    teach = S.load_sellers()
    names = teach["seller"].tolist()
    check_choice("seller", seller, names)
    start = teach.loc[teach["seller"] == seller].iloc[0]
    reference = S.score_sellers(teach, method=method)
    ref_classes = S.classify(reference, model=model)

    sliders = {name: _metric_slider(name, float(start[name])) for name in SELLER_SLIDERS}
    picker = _model_picker(model)

    fig = new_figure(6.6, 4.6)
    with kit_style():
        ax = fig.add_subplot()
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        art = P.draw_evaluation_map(ax, reference, ref_classes, model=model, point_size=22)
        art.points.set_alpha(0.35)
        art.outline.set_alpha(0.25)
        (dot,) = ax.plot([], [], "o", ms=13, mec="#D55E00", mew=2.5, zorder=7)
        arrow, caption = P.draw_next_move(ax)
        ax.set_xlabel("Anchor influence (score, 0-100)")
        ax.set_ylabel("Audience attractiveness (score, 0-100)")
        ax.set_title(f"{seller} against the teaching set (faint dots)")
        fig.subplots_adjust(left=0.11, right=0.77, bottom=0.12, top=0.93)
    fast = FastFigure(fig, animated=[dot, arrow, caption])
    view = View(
        title="One seller on the evaluation map",
        question=("Which metrics move the dot across a threshold? Raise followers only: how far "
                  "does the dot travel, and which class does it reach? Then try conversion."),
        controls=[picker, *sliders.values()],
        figure=fast,
    )
    view.dot, view.arrow, view.caption, view.map = dot, arrow, caption, art
    state = {"model": model}

    def update(change=None) -> None:
        metrics = {name: float(s.value) for name, s in sliders.items()}
        scored = S.score_sellers(metrics, reference=teach, method=method)
        i, a = float(scored["influence"].iloc[0]), float(scored["attractiveness"].iloc[0])
        if picker.value != state["model"]:
            state["model"] = picker.value
            P.set_regions(art, model=picker.value)
            art.points.set_facecolors(P._class_colors(S.classify(reference, model=picker.value)))
            fast.invalidate()
        now = S.class_of(i, a, model=picker.value)
        move = S.next_class_move(i, a, model=picker.value)
        dot.set_data([i], [a])
        dot.set_markerfacecolor(CLASS_COLORS[now])
        P.set_next_move(arrow, caption, i, a, move)
        if move["target"] is None:
            gap = "already in the top class: no higher class to reach."
        else:
            gap = (f"smallest move up: <b>+{move['d_influence']:.1f}</b> influence and "
                   f"<b>+{move['d_attractiveness']:.1f}</b> attractiveness points "
                   f"(length {move['distance']:.1f}) reaches {_class_badge(move['target'])}."
                   f"{_in_metrics(metrics, move, teach, method)}")
        view.readout.value = (f"Anchor influence <b>{i:.1f}</b> / 100 &nbsp; Audience attractiveness "
                              f"<b>{a:.1f}</b> / 100 &nbsp; Class {_class_badge(now)}<br>{gap}")
        view.scores = (i, a)
        view.current_class = now
        view.move = move
        view.redraw()

    view.watch([picker, *sliders.values()], update)
    view.sliders = sliders
    view.model = picker
    update()
    return view


class _LabelStamps:
    """Seller labels drawn as pre-rendered images: ~0.3 ms a label per move instead of ~1.5 ms.

    The :class:`~matplotlib.text.Text` labels stay in the axes, hidden, and keep the position
    and alignment :func:`livekit.seller_plots.place_labels` gives them; each is shown by a
    :class:`~matplotlib.image.BboxImage` holding its text rendered once, pixel for pixel.
    """

    def __init__(self, ax, labels) -> None:
        from matplotlib.image import BboxImage
        from matplotlib.transforms import Bbox

        self.ax, self.labels, self._cache = ax, list(labels), {}
        for label in self.labels:
            label.set_visible(False)
        self.images = []
        for _ in self.labels:
            image = BboxImage(Bbox([[0, 0], [1, 1]]), interpolation="nearest", zorder=5)
            image.set_data(np.zeros((1, 1, 4), dtype=np.uint8))
            image.set_visible(False)
            ax.add_artist(image)
            self.images.append(image)

    def _stamp(self, text: str, fontsize: float) -> np.ndarray:
        if (text, fontsize) not in self._cache:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure
            from matplotlib.transforms import IdentityTransform

            dpi = self.ax.figure.dpi
            with kit_style():
                fig = Figure(figsize=(1, 1), dpi=dpi)
                canvas = FigureCanvasAgg(fig)
                fig.patch.set_alpha(0)
                t = fig.text(1, 1, text, fontsize=fontsize, transform=IdentityTransform(),
                             ha="left", va="bottom")
                box = t.get_window_extent(canvas.get_renderer())
                fig.set_size_inches((int(np.ceil(box.width)) + 2) / dpi, (int(np.ceil(box.height)) + 2) / dpi)
                canvas.draw()
                self._cache[(text, fontsize)] = np.asarray(canvas.buffer_rgba()).copy()
        return self._cache[(text, fontsize)]

    def saving_text(self, save):
        """Wrap a view's ``save`` so files for slides get real text, not the label images."""

        def save_with_text(path, *, overwrite: bool = False):
            shown = [image.get_visible() for image in self.images]
            for label, image, on in zip(self.labels, self.images, shown):
                label.set_visible(on)
                image.set_visible(False)
            try:
                return save(path, overwrite=overwrite)
            finally:
                for label, image, on in zip(self.labels, self.images, shown):
                    label.set_visible(False)
                    image.set_visible(on)

        return save_with_text

    def update(self) -> None:
        """Move each image to where its hidden label was placed."""
        from matplotlib.transforms import Bbox

        for label, image in zip(self.labels, self.images):
            text = label.get_text()
            if not text:
                image.set_visible(False)
                continue
            pixels = self._stamp(text, label.get_fontsize())
            h, w = pixels.shape[:2]
            x, y = self.ax.transData.transform(label.get_position())
            ha = label.get_horizontalalignment()
            left = round(x - w if ha == "right" else (x - w / 2 if ha == "center" else x)) - 1
            bottom = round(y) - 1
            image.set_data(pixels)
            image.bbox = Bbox([[left, bottom], [left + w, bottom + h]])
            image.set_visible(True)


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


def _default_labels(data: pd.DataFrame, key: str) -> list[str]:
    if key == "sellers":
        # the sellers at the paper's figures (each label costs ~1 ms a move)
        return data.loc[data["basis"] == "paper", "seller"].tolist()[:_LABEL_POOL]
    # 1,000 crowded dots: labels would cost more than they tell (the notebook's static log-scale
    # map names the big channels instead)
    return []


def explore_sellers(dataset: str = "teaching set (illustrative)", *, model: str = "quadrant",
                    method: str = "log-minmax") -> View:
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
        Controls: data set, model, normalisation, the thresholds of the chosen model, and one
        weight slider per metric the data set has. On each move the map re-colours every
        seller and the bar chart beside it (``view.counts_box``, HTML) re-counts the classes;
        ``view.readout`` repeats the counts. ``view.classes``, ``view.counts`` and
        ``view.scored`` hold the numbers shown.
    """
    check_choice("dataset", dataset, S.DATASETS)
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)

    data_pick = widgets.Dropdown(options=list(S.DATASETS), value=dataset, description="Data set",
                                 style={"description_width": "80px"}, layout=widgets.Layout(width="360px"))
    model_pick = _model_picker(model)
    method_pick = widgets.ToggleButtons(options=list(S.NORMALISATIONS), value=method, description="Normalise",
                                        style={"description_width": "80px"})
    cut_i = slider("Influence threshold", S.DEFAULT_CUTS[0], 0, 100, 1, fmt=".0f")
    cut_a = slider("Attractiveness threshold", S.DEFAULT_CUTS[1], 0, 100, 1, fmt=".0f")
    bands = [slider(f"Band {k + 1} starts at", v, 0, 100, 1, fmt=".0f")
             for k, v in enumerate(S.DEFAULT_BANDS)]
    bands[0].description, bands[1].description, bands[2].description = (
        "ordinary from (combined)", "famous from (combined)", "super from (combined)")
    share = slider("Influence share (tiered)", 0.5, 0, 1, 0.05)
    weights = {name: slider(f"weight: {S.METRICS[name].label}", S.DEFAULT_WEIGHTS[name], 0, 1, 0.05)
               for name in S.METRICS}
    quadrant_box = widgets.VBox([cut_i, cut_a])
    tiered_box = widgets.VBox([*bands, share])
    weight_box = widgets.VBox(list(weights.values()))

    fig = new_figure(6.6, 4.4)
    with kit_style():
        ax = fig.add_axes((0.11, 0.12, 0.66, 0.8))
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Anchor influence (score, 0-100)")
        ax.set_ylabel("Audience attractiveness (score, 0-100)")
        title = ax.set_title(" ")
        blank = pd.DataFrame({"seller": [""], "influence": [0.0], "attractiveness": [0.0]})
        art = P.draw_evaluation_map(ax, blank, ["low-level"], model=model, point_size=30)
        P.add_labels(art, [], pool=_LABEL_POOL)
        stamps = _LabelStamps(ax, art.labels)
    # Everything a move can change is animated; the title changes only with the data set or
    # model, and then the background is redrawn once (invalidate). The class counts are an HTML
    # bar chart beside the picture: cheaper than bars in the figure, and the PNG stays small.
    animated = [*art.regions.values(), *art.lines, art.outline, art.points, art.leaders, *stamps.images]
    fast = FastFigure(fig, animated=animated)
    counts_box = widgets.HTML("", layout=widgets.Layout(width="230px", margin="40px 0 0 8px"))
    view = View(
        title="A whole data set on the evaluation map",
        question=("Move one threshold: which sellers change class, and does the count of super "
                  "sellers rise or fall? Switch to the Twitch data and to the tiered model: which "
                  "streamers do the two models disagree on?"),
        controls=[widgets.HBox([data_pick, method_pick]), model_pick, quadrant_box, tiered_box,
                  widgets.HTML("<i>Weights within each dimension (only the data set's metrics):</i>"), weight_box],
        figure=fast,
        side=counts_box,
    )
    state: dict = {"key": None, "scored": None, "score_key": None}

    def show_controls() -> None:
        quadrant_box.layout.display = "" if model_pick.value == "quadrant" else "none"
        tiered_box.layout.display = "" if model_pick.value == "tiered" else "none"

    def switch_data() -> None:
        key = S.DATASETS[data_pick.value]
        data = S.load_dataset(key)
        defaults = S.dataset_weights(data)
        for name, w in weights.items():
            present = name in data.columns
            w.layout.display = "" if present else "none"
        state.update(key=key, data=data, names=_default_labels(data, key), score_key=None)
        state["quiet"] = True
        try:
            for name, w in defaults.items():
                weights[name].value = w
        finally:
            state["quiet"] = False
        fast.invalidate()

    def update(change=None) -> None:
        if state.get("quiet"):
            return
        if change is not None and change.get("owner") is data_pick or state["key"] is None:
            switch_data()
        show_controls()
        data = state["data"]
        present = {n: float(weights[n].value) for n in weights if n in data.columns}
        key = (state["key"], method_pick.value, tuple(sorted(present.items())))
        if state["score_key"] != key:
            state["scored"] = S.score_sellers(data, weights=present, method=method_pick.value)
            state["score_key"] = key
        scored = state["scored"]
        params = dict(model=model_pick.value, cuts=(cut_i.value, cut_a.value),
                      bands=tuple(b.value for b in bands), share=share.value)
        classes = S.classify(scored, **params)
        P.set_regions(art, **params)
        heading = f"{data_pick.value}: {len(scored):,} sellers, {model_pick.value} model"
        if title.get_text() != heading:
            title.set_text(heading)
            fast.invalidate()
        names = state["names"]
        for k, label in enumerate(art.labels):
            label.set_text(names[k] if k < len(names) else "")
        art.label_names = names
        P.set_points(art, scored, classes)
        stamps.update()
        counts = S.class_counts(classes)
        counts_box.value = _counts_html(counts)
        view.readout.value = " &nbsp; ".join(f"{_class_badge(c)} {int(counts[c])}" for c in reversed(SELLER_CLASSES))
        view.classes = classes
        view.counts = counts
        view.scored = scored
        view.redraw()

    controls = [data_pick, model_pick, method_pick, cut_i, cut_a, *bands, share, *weights.values()]
    view.watch(controls, update)
    view.data_pick, view.model_pick, view.method_pick = data_pick, model_pick, method_pick
    view.cuts, view.bands, view.share, view.weights = (cut_i, cut_a), bands, share, weights
    view.map, view.counts_box, view.label_images = art, counts_box, stamps.images
    view.save = stamps.saving_text(view.save)
    view.quadrant_box, view.tiered_box = quadrant_box, tiered_box
    update()
    return view

