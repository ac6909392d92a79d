"""Plots of the seller evaluation model: the map, the class counts, the smallest move up.

The **evaluation map** is the kit's, after the paper's Figure 3: anchor influence across and
audience attractiveness up, the region of each class (quadrant model) or tier (tiered model)
shaded in colour *and* hatch, so it reads in greyscale, the thresholds drawn, and each seller a
dot in its group's colour. It works on the 0-100 score axes, or on two raw metrics with
logarithmic axes (:func:`metric_axes`, e.g. followers against average viewers), where the
regions are the score regions carried back through the normalisation. The plot functions take
scores and classes already computed (:func:`livekit.sellers.score_sellers`,
:func:`livekit.sellers.classify`); they draw, they do not score.

Each picture is a chart (see :mod:`livekit.charts`): :class:`EvaluationMap`,
:class:`ClassCounts` and :class:`NextMove` are built once on an Axes, list their moving artists
in ``.artists`` and change them in ``.update(...)``, so the slider views in
:mod:`livekit.seller_views` reuse them. :func:`plot_evaluation_map`, :func:`plot_class_counts`
and :func:`plot_next_move` are the one-call versions for a notebook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Patch, Polygon
from matplotlib.text import Text

from . import seller_metrics
from . import sellers as S
from ._checks import check_choice
from .charts import Chart, axes_for, chart_title, join_words, percent
from .style import GROUP_COLORS, GROUP_HATCHES, LINE_COLORS, OKABE_ITO, TEXT_COLORS, kit_style
from .vocab import CLASS_NAMES

__all__ = [
    "EvaluationMap",
    "ClassCounts",
    "NextMove",
    "AnchorRanges",
    "MetricAxes",
    "metric_axes",
    "plot_evaluation_map",
    "plot_anchor_map",
    "plot_class_counts",
    "plot_next_move",
    "place_labels",
    "label_score_axes",
]

_EDGE = LINE_COLORS["edge"]
_REGION_ALPHA = 0.28
_VERMILLION = OKABE_ITO["vermillion"]
_NOTE = TEXT_COLORS["note"]


def _class_colors(classes: Any) -> np.ndarray:
    """One RGBA row per seller, in the colour of its class or tier."""
    from matplotlib.colors import to_rgba_array

    names = list(GROUP_COLORS)
    palette = to_rgba_array([GROUP_COLORS[c] for c in names])
    codes = pd.Categorical(np.asarray(classes, dtype=object), categories=names).codes
    if len(codes) and codes.min() < 0:
        bad = np.asarray(classes, dtype=object)[codes < 0][0]
        raise ValueError(f"classes must be names from {names}, got {bad!r}")
    return palette[codes]


def _densify(poly: np.ndarray, per_edge: int = 24) -> np.ndarray:
    if len(poly) < 3:
        return poly
    closed = np.vstack([poly, poly[:1]])
    t = np.linspace(0, 1, per_edge, endpoint=False)[:, None]
    parts = [a + t * (b - a) for a, b in zip(closed[:-1], closed[1:])]
    return np.vstack(parts)


def label_score_axes(ax: Axes, title: str | None = None) -> Axes:
    """Set up an Axes as the 0-100 score map: limits, axis names and an optional title.

    Parameters
    ----------
    ax : Axes
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    with kit_style():
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Anchor influence (score, 0-100)")
        ax.set_ylabel("Audience attractiveness (score, 0-100)")
        if title is not None:
            ax.set_title(title)
    return ax


class _Label(Text):
    """A seller's name on the map, painted from a bitmap while it is animated.

    In a slider view (animated, Agg) the text is rendered once into a small bitmap that each
    move only pastes at the label's place: ~0.3 ms a label instead of ~1.5 ms. Drawn normally
    (a static plot, a figure saved for slides) it is real text.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stamps: dict = {}

    def _stamp(self, dpi: float) -> tuple[np.ndarray, float]:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.transforms import IdentityTransform

        key = (self.get_text(), hash(self.get_fontproperties()), str(self.get_color()), dpi)
        if key not in self._stamps:
            fig = Figure(figsize=(1, 1), dpi=dpi)
            canvas = FigureCanvasAgg(fig)
            fig.patch.set_alpha(0)
            text = fig.text(
                1,
                1,
                self.get_text(),
                fontproperties=self.get_fontproperties(),
                color=self.get_color(),
                transform=IdentityTransform(),
                ha="left",
                va="bottom",
            )
            box = text.get_window_extent(canvas.get_renderer())
            fig.set_size_inches(
                (int(np.ceil(box.width)) + 2) / dpi, (int(np.ceil(box.height)) + 2) / dpi
            )
            canvas.draw()
            # rows bottom up, as the renderer wants them; the text starts 1 pixel in
            self._stamps[key] = (np.asarray(canvas.buffer_rgba())[::-1].copy(), box.width)
        return self._stamps[key]

    def draw(self, renderer) -> None:
        from matplotlib.backends.backend_agg import RendererAgg

        if not (
            self.get_animated()
            and isinstance(renderer, RendererAgg)
            and self.get_visible()
            and self.get_text()
            and self.get_verticalalignment() == "bottom"
            and self.get_rotation() == 0
        ):
            return super().draw(renderer)
        pixels, width = self._stamp(self.figure.dpi)
        x, y = self.get_transform().transform(self.get_unitless_position())
        ha = self.get_horizontalalignment()
        left = round(x - width if ha == "right" else (x - width / 2 if ha == "center" else x)) - 1
        gc = renderer.new_gc()
        renderer.draw_image(gc, left, round(y) - 1, pixels)
        gc.restore()
        self.stale = False


class EvaluationMap(Chart):
    """The kit's evaluation map, after the paper's Figure 3: class regions, thresholds, dots.

    Set the Axes' limits and scales first: labels are placed in screen pixels.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    scored : DataFrame or None
        ``influence`` and ``attractiveness`` (0-100) per seller; ``seller`` (names) for labels
        and the highlight; the raw metric columns named in ``xy``, if given. None or no rows:
        no dots (yet).
    classes : array-like of str
        One class per row of ``scored``.
    model, cuts, bands, share
        As in :func:`livekit.sellers.classify`: shape the regions and threshold lines.
    to_axes : callable, optional
        ``(influence, attractiveness) -> (x, y)`` in axis units, for the regions and lines (and
        the dots unless ``xy`` is given); default the scores themselves.
    xy : (str, str), optional
        Columns of ``scored`` that place the dots (e.g. raw metrics on log axes).
    show_regions : bool, default True
        Shade the class regions and draw the thresholds (False keeps them hidden, e.g. on log
        axes where a score rests on several metrics).
    labels : sequence of str
        Sellers to name; placed so that no two labels overlap.
    label_slots : int, default 0
        Create at least this many label artists, so :meth:`update` can name other sellers
        later without creating artists (a view animates a fixed set).
    highlight : str, optional
        A seller to ring in vermillion.
    legend : bool, default True
        Add a legend of the model's classes or tiers (colour and hatch) beside the axes; it
        follows the model.
    point_size : float
        Dot area in points squared.
    faint : bool, default False
        Draw the dots faint (a background for one seller in front).

    Attributes
    ----------
    points, outline : PathCollection
        The dots and their dark underlay (the dots' outlines).
    regions : dict of str to Polygon
        The shaded region of each class (quadrant model) or tier (tiered model), by name.
    lines : list of Line2D
        The threshold lines (two for the quadrant model, three bands for the tiered one).
    ring : Line2D
        The highlight ring.
    labels : list of Text
        The label artists (``label_slots`` or more; unused ones empty).
    leaders : LineCollection
        Thin lines from labels placed away from their dots.
    label_names : list of str
        The sellers named now.
    scored, classes
        What the dots show now.
    model, cuts, bands, share
        The model the regions show now.
    """

    def __init__(
        self,
        ax: Axes,
        scored: pd.DataFrame | None,
        classes: Any,
        *,
        model: str = "quadrant",
        cuts=S.DEFAULT_CUTS,
        bands=S.DEFAULT_BANDS,
        share: float = 0.5,
        to_axes: Callable | None = None,
        xy: tuple[str, str] | None = None,
        show_regions: bool = True,
        labels: Sequence[str] = (),
        label_slots: int = 0,
        highlight: str | None = None,
        legend: bool = True,
        point_size: float = 36.0,
        faint: bool = False,
    ) -> None:
        self.ax = ax
        self.to_axes = to_axes or (lambda i, a: (np.asarray(i, float), np.asarray(a, float)))
        self.xy = xy
        self.model = None
        self.cuts, self.bands, self.share = tuple(cuts), tuple(bands), share
        self.label_names: list[str] = []
        self._legend = legend
        with kit_style():
            self._patches = []  # one region per rank, lowest first; named by the model
            for _ in range(4):
                patch = Polygon(
                    np.zeros((3, 2)), closed=True, alpha=_REGION_ALPHA, linewidth=0, zorder=0
                )
                ax.add_patch(patch)
                self._patches.append(patch)
            self.regions: dict[str, Polygon] = {}
            self.lines = [
                ax.plot([], [], color=_EDGE, lw=1.3, ls="--", zorder=1)[0] for _ in range(3)
            ]
            # a dark single-colour underlay gives every dot an outline; one colour lets matplotlib
            # stamp it as a marker, several times faster than stroking 1,000 coloured edges
            self.outline = ax.scatter(
                [],
                [],
                s=point_size * 1.6,
                c=_EDGE,
                edgecolors="none",
                linewidths=0,
                zorder=3,
                alpha=0.25 if faint else None,
            )
            self.points = ax.scatter(
                [],
                [],
                s=point_size,
                c=_EDGE,
                edgecolors="none",
                linewidths=0,
                zorder=3,
                alpha=0.35 if faint else None,
            )
            (self.ring,) = ax.plot(
                [], [], "o", ms=15, mfc="none", mec=_VERMILLION, mew=2.5, zorder=4
            )
            count = max(len(labels), label_slots)
            self.labels = [
                _Label(0, 0, "", fontsize=9, zorder=5, visible=False) for _ in range(count)
            ]
            for label in self.labels:
                ax.add_artist(label)
            self.leaders = LineCollection(
                [], colors=LINE_COLORS["leader"], linewidths=0.6, zorder=4
            )
            ax.add_collection(self.leaders, autolim=False)
        self.show_regions = show_regions
        if scored is None:
            scored = pd.DataFrame({"seller": [], "influence": [], "attractiveness": []})
        self.update(
            scored,
            classes,
            model=model,
            cuts=cuts,
            bands=bands,
            share=share,
            labels=labels,
            highlight=highlight,
        )

    @property
    def artists(self) -> list:
        """Regions, threshold lines, dots, ring, leader lines and labels, in drawing order."""
        return [
            *self._patches,
            *self.lines,
            self.outline,
            self.points,
            self.ring,
            self.leaders,
            *self.labels,
        ]

    def update(
        self,
        scored: pd.DataFrame,
        classes: Any,
        *,
        model: str | None = None,
        cuts=None,
        bands=None,
        share: float | None = None,
        labels: Sequence[str] | None = None,
        highlight: str | None = None,
    ) -> bool:
        """Move and recolour the dots; reshape the regions on a new model; move ring and labels.

        Parameters
        ----------
        scored : DataFrame
            As for the constructor.
        classes : array-like of str
            One class per row of ``scored``.
        model, cuts, bands, share : optional
            New model parameters (as in :func:`livekit.sellers.classify`); None keeps the
            current one.
        labels : sequence of str, optional
            The sellers to name now (at most ``len(self.labels)``); None keeps the current ones.
        highlight : str, optional
            A seller to ring; None for no ring.

        Returns
        -------
        bool
            Whether the regions changed (a view that caches them as background redraws it).
        """
        names = scored["seller"].tolist() if "seller" in scored.columns else []
        if highlight is not None and highlight not in names:
            raise ValueError(f"highlight: no seller called {highlight!r} in the data")
        if labels is not None:
            unknown = [name for name in labels if name not in names]
            if unknown:
                raise ValueError(f"labels: no seller called {unknown[0]!r} in the data")
            if len(labels) > len(self.labels):
                raise ValueError(
                    f"labels: at most {len(self.labels)} names on this map, got {len(labels)}"
                )
        wanted = (
            self.model if model is None else model,
            self.cuts if cuts is None else tuple(cuts),
            self.bands if bands is None else tuple(bands),
            self.share if share is None else share,
        )
        reshaped = wanted != (self.model, self.cuts, self.bands, self.share)
        if reshaped:
            self._set_regions(*wanted)
        self.scored, self.classes = scored, classes
        if self.xy is None:
            x, y = self.to_axes(scored["influence"].to_numpy(), scored["attractiveness"].to_numpy())
        else:
            x, y = scored[self.xy[0]].to_numpy(float), scored[self.xy[1]].to_numpy(float)
        offsets = np.column_stack([x, y])
        self.points.set_offsets(offsets)
        self.outline.set_offsets(offsets)
        self.points.set_facecolors(_class_colors(classes))
        if highlight is not None:
            k = names.index(highlight)
            self.ring.set_data([x[k]], [y[k]])
        else:
            self.ring.set_data([], [])
        self.ring.set_visible(highlight is not None)
        if labels is not None:
            self.label_names = list(labels)
            for k, label in enumerate(self.labels):
                label.set_text(self.label_names[k] if k < len(self.label_names) else "")
                label.set_visible(k < len(self.label_names))
        if self.label_names:
            index = {n: k for k, n in enumerate(names)}
            rows = [index[n] for n in self.label_names]
            place_labels(
                self.ax,
                self.labels[: len(rows)],
                x[rows],
                y[rows],
                avoid=offsets,
                leaders=self.leaders,
            )
        else:
            self.leaders.set_segments([])
        return reshaped

    def describe(self) -> str:
        """The model and its thresholds, the sellers in each class, who is ringed and named."""
        title = chart_title(self.ax, "Evaluation map")
        if self.model == "quadrant":
            rule = (
                f"quadrant model, thresholds influence {self.cuts[0]:g} and attractiveness "
                f"{self.cuts[1]:g}"
            )
        else:
            rule = (
                f"tiered model, class bands from combined scores "
                f"{join_words([f'{b:g}' for b in self.bands])} "
                f"(influence share {percent(self.share)})"
            )
        text = f"{title}: anchor influence across, audience attractiveness up; {rule}"
        classes = [str(c) for c in np.asarray(self.classes, dtype=object)]
        if not classes:
            return f"{text}; no sellers shown"
        faint = " (faint, in the background)" if self.points.get_alpha() else ""
        groups = CLASS_NAMES[self.model]
        counts = {c: classes.count(c) for c in groups}
        text += f". {len(classes)} sellers{faint}: " + join_words(
            [f"{counts[c]} {c}" for c in groups]
        )
        if self.ring.get_visible() and len(self.ring.get_xdata()):
            spot = np.array([self.ring.get_xdata()[0], self.ring.get_ydata()[0]], float)
            hits = np.flatnonzero((np.asarray(self.points.get_offsets()) == spot).all(axis=1))
            if len(hits) and "seller" in self.scored.columns:
                k = int(hits[0])
                row = self.scored.iloc[k]
                text += (
                    f". Ringed: {row['seller']}, {classes[k]} (influence "
                    f"{float(row['influence']):.0f}, attractiveness "
                    f"{float(row['attractiveness']):.0f})"
                )
        if self.label_names:
            text += f". Named: {join_words(self.label_names)}"
        return text

    def _set_regions(self, model: str, cuts, bands, share: float) -> None:
        regions = S.class_regions(model=model, cuts=cuts, bands=bands, share=share)
        self.regions = dict(zip(regions, self._patches))
        for name, poly in regions.items():
            patch = self.regions[name]
            patch.set_facecolor(GROUP_COLORS[name])
            patch.set_edgecolor(GROUP_COLORS[name])
            patch.set_hatch(GROUP_HATCHES[name])
            patch.set_alpha(_REGION_ALPHA)
            if len(poly) >= 3:
                px, py = self.to_axes(*_densify(poly).T)
                patch.set_xy(np.column_stack([px, py]))
                patch.set_visible(self.show_regions)
            else:
                patch.set_visible(False)
        if model == "quadrant":
            segments = [((cuts[0], cuts[0]), (0, 100)), ((0, 100), (cuts[1], cuts[1]))]
        else:
            segments = []
            for b in bands:
                i = np.linspace(0, 100, 101)
                if share == 1:
                    i, a = np.full(2, float(b)), np.array([0.0, 100.0])
                else:
                    a = (b - share * i) / (1 - share)
                keep = (a >= 0) & (a <= 100)
                segments.append((i[keep], a[keep]))
        for k, line in enumerate(self.lines):
            if k < len(segments) and len(segments[k][0]):
                line.set_data(
                    *self.to_axes(
                        np.asarray(segments[k][0], float), np.asarray(segments[k][1], float)
                    )
                )
                line.set_visible(self.show_regions)
            else:
                line.set_data([], [])
                line.set_visible(False)
        if self._legend and model != self.model:
            self._draw_legend(model)
        self.model, self.cuts, self.bands, self.share = model, tuple(cuts), tuple(bands), share

    def _draw_legend(self, model: str) -> None:
        """The legend of the model's four groups, highest first (it replaces any earlier one)."""
        handles = [
            Patch(
                facecolor=GROUP_COLORS[c],
                alpha=0.6,
                hatch=GROUP_HATCHES[c],
                edgecolor=_EDGE,
                label=c,
            )
            for c in reversed(CLASS_NAMES[model])
        ]
        with kit_style():
            self.ax.legend(
                handles=handles,
                title="class" if model == "quadrant" else "tier (kit)",
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                frameon=False,
                borderaxespad=0,
            )


def _renderer(fig):
    canvas_ = fig.canvas
    if hasattr(canvas_, "get_renderer"):
        return canvas_.get_renderer()
    return fig._get_renderer()  # pragma: no cover - non-Agg canvases


def _text_size_px(label: Text, renderer) -> tuple[float, float]:
    """A label's width and height in pixels, measured by the renderer (and 2 pixels of air)."""
    width, height, _ = renderer.get_text_width_height_descent(
        label.get_text(), label.get_fontproperties(), ismath=False
    )
    return width + 2.0, height * 1.15 + 2.0


def _overlaps(rect, placed) -> bool:
    return any(
        rect[0] < q[2] and q[0] < rect[2] and rect[1] < q[3] and q[1] < rect[3] for q in placed
    )


#: Spots tried around a point, in points (right, left, above, below), at growing distances.
_RING = [(7, 2), (7, -13), (-7, 2), (-7, -13), (0, 8), (0, -18)]
_CANDIDATES = [(dx * f, dy * f) for f in (1, 2, 3, 4.5, 6) for dx, dy in _RING]
_DOT_PX = 4.0  # how close (pixels) a label may come to a dot


class _Spots:
    """Where labels can go on one Axes: inside it, clear of placed labels and, if possible, dots."""

    def __init__(self, ax: Axes, avoid: Any) -> None:
        self.box = ax.get_window_extent()
        to_px = ax.transData.transform
        empty = avoid is None or len(avoid) == 0
        self.dots = np.empty((0, 2)) if empty else to_px(np.asarray(avoid, float))
        self.placed: list[tuple[float, float, float, float]] = []
        self.ppt = ax.figure.dpi / 72.0

    def rect(self, px: float, py: float, size, dx: float, dy: float):
        w, h = size
        left = px + dx * self.ppt - (w if dx < 0 else (w / 2 if dx == 0 else 0))
        bottom = py + dy * self.ppt
        return (left, bottom, left + w, bottom + h)

    def free(self, rect) -> bool:
        b = self.box
        inside = rect[0] >= b.x0 and rect[2] <= b.x1 and rect[1] >= b.y0 and rect[3] <= b.y1
        return inside and not _overlaps(rect, self.placed)

    def clear_of_dots(self, rect) -> bool:
        d, r = self.dots, _DOT_PX
        return not (
            (d[:, 0] > rect[0] - r)
            & (d[:, 0] < rect[2] + r)
            & (d[:, 1] > rect[1] - r)
            & (d[:, 1] < rect[3] + r)
        ).any()

    def choose(self, px: float, py: float, size):
        """The first free spot clear of dots; else the first free one; else the nearest."""
        rects = [(dx, dy, self.rect(px, py, size, dx, dy)) for dx, dy in _CANDIDATES]
        free = [c for c in rects if self.free(c[2])]
        clear = [c for c in free if self.clear_of_dots(c[2])]
        choice = (clear or free or rects)[0]
        self.placed.append(choice[2])
        return choice


def _put(label: Text, ax: Axes, choice) -> None:
    """Anchor the text on the side facing its dot, so its box is where it was measured."""
    dx, _, rect = choice
    ha = "right" if dx < 0 else ("center" if dx == 0 else "left")
    x = rect[2] if dx < 0 else ((rect[0] + rect[2]) / 2 if dx == 0 else rect[0])
    label.set_position(tuple(ax.transData.inverted().transform((x, rect[1]))))
    label.set_horizontalalignment(ha)
    label.set_verticalalignment("bottom")


def _leader(ax: Axes, px: float, py: float, choice):
    """A segment from the dot to the nearest point of a label placed away from it, or None."""
    dx, dy, rect = choice
    if abs(dx) <= 8 and abs(dy) <= 14:
        return None
    nx, ny = min(max(px, rect[0]), rect[2]), min(max(py, rect[1]), rect[3])
    return ax.transData.inverted().transform(np.array([(px, py), (nx, ny)]))


def place_labels(
    ax: Axes,
    labels: Sequence[Text],
    x: Any,
    y: Any,
    *,
    avoid: Any = None,
    leaders: LineCollection | None = None,
) -> None:
    """Put each label next to its point so that no two labels overlap (greedy search).

    For each label in turn, candidate spots around the point (right, left, above, below, then
    further out) are tried in screen pixels, with the label's size measured by the renderer;
    the first whose box overlaps no placed label, covers none of the ``avoid`` points (an (n, 2)
    array in data units, e.g. all dots) and stays inside the axes is kept. If none is free of
    dots, the first free of labels is used. Labels placed away from their point get a thin
    leader line (in ``leaders``).

    Parameters
    ----------
    ax : Axes
        With its final limits and size (placement works in screen pixels).
    labels : sequence of Text
        One per point, text already set.
    x, y : array-like of float
        The labelled points, in data units.
    avoid : (n, 2) array, optional
        Dots that labels should not cover, in data units.
    leaders : LineCollection, optional
        Receives the leader segments.
    """
    renderer = _renderer(ax.figure)
    spots = _Spots(ax, avoid)
    points = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    segments = []
    for label, (px, py) in zip(labels, points):
        choice = spots.choose(px, py, _text_size_px(label, renderer))
        _put(label, ax, choice)
        segment = _leader(ax, px, py, choice)
        if segment is not None:
            segments.append(segment)
    if leaders is not None:
        leaders.set_segments(segments)


# --- the map on raw metrics ---------------------------------------------------------------


@dataclass(frozen=True)
class MetricAxes:
    """Two raw metrics on logarithmic axes, and the score-to-metric map that carries the class
    regions there (see :func:`metric_axes`).

    Attributes
    ----------
    x, y : str
        The influence metric across and the attractiveness metric up.
    single : bool
        Whether each score rests on that one metric alone (then the regions are exact).
    to_axes : callable
        ``(influence, attractiveness) -> (x, y)`` in metric units.
    """

    x: str
    y: str
    single: bool
    to_axes: Callable


def metric_axes(
    reference: pd.DataFrame,
    *,
    method: str = "log-minmax",
    weights=None,
    x: str | None = None,
    y: str | None = None,
) -> MetricAxes:
    """The two raw metrics an evaluation map on log axes shows, and how scores map onto them.

    Parameters
    ----------
    reference : DataFrame
        The sellers the scores were made against (with the metric columns).
    method : {"log-minmax", "percentile"}
        The normalisation the scores used.
    weights : mapping, optional
        The weights the scores used (default: the data set's, see
        :func:`livekit.seller_metrics.dataset_weights`).
    x, y : str, optional
        An influence and an attractiveness metric; by default the most heavily weighted one of
        each that the reference has.

    Returns
    -------
    MetricAxes
    """
    check_choice("method", method, S.NORMALISATIONS)
    used = seller_metrics.dataset_weights(reference) if weights is None else dict(weights)
    chosen, single = {}, True
    for dim, pick in (("influence", x), ("attractiveness", y)):
        mine = {
            n: w
            for n, w in used.items()
            if seller_metrics.METRICS[n].dimension == dim and w > 0 and n in reference.columns
        }
        if pick is None:
            if not mine:
                raise ValueError(f"the data has no weighted {dim} metric to put on a log axis")
            pick = max(mine, key=mine.get)
        check_choice(
            "x" if dim == "influence" else "y",
            pick,
            [n for n in seller_metrics.METRICS if seller_metrics.METRICS[n].dimension == dim],
        )
        if pick not in reference.columns:
            raise ValueError(f"column {pick!r} is missing; the data has {list(reference.columns)}")
        single &= set(mine) == {pick}
        chosen[dim] = pick
    ref_x = reference[chosen["influence"]].to_numpy(float)
    ref_y = reference[chosen["attractiveness"]].to_numpy(float)

    def to_axes(i, a):
        return (
            S.score_to_metric(i, ref_x, metric=chosen["influence"], method=method),
            S.score_to_metric(a, ref_y, metric=chosen["attractiveness"], method=method),
        )

    return MetricAxes(chosen["influence"], chosen["attractiveness"], single, to_axes)


def _log_axes(ax: Axes, axes: MetricAxes) -> None:
    lo = axes.to_axes(np.array([0.0]), np.array([0.0]))
    hi = axes.to_axes(np.array([100.0]), np.array([100.0]))
    with kit_style():
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(max(lo[0][0], 1.0) / 1.3, hi[0][0] * 1.3)
        ax.set_ylim(max(lo[1][0], 1e-3) / 1.3, hi[1][0] * 1.3)
        ax.set_xlabel(f"{seller_metrics.METRICS[axes.x].label} (log scale)")
        ax.set_ylabel(f"{seller_metrics.METRICS[axes.y].label} (log scale)")


def plot_evaluation_map(
    scored: pd.DataFrame,
    classes: Any,
    *,
    model: str = "quadrant",
    cuts=S.DEFAULT_CUTS,
    bands=S.DEFAULT_BANDS,
    share: float = 0.5,
    log_axes: MetricAxes | None = None,
    highlight: str | None = None,
    labels: Sequence[str] = (),
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the kit's evaluation map (after the paper's Figure 3) for scored, classified sellers.

    Parameters
    ----------
    scored : DataFrame
        From :func:`livekit.sellers.score_sellers`: ``seller``, ``influence`` and
        ``attractiveness`` (0-100), and the raw metrics when ``log_axes`` is given.
    classes : array-like of str
        One class (or tier) per row of ``scored``, from :func:`livekit.sellers.classify` with
        the same ``model``, ``cuts``, ``bands`` and ``share``.
    model, cuts, bands, share
        The model whose regions and thresholds are drawn (as in
        :func:`livekit.sellers.classify`).
    log_axes : MetricAxes, optional
        Two raw metrics on logarithmic axes (:func:`metric_axes`) instead of the two scores. The
        regions are drawn there only when each score rests on that one metric; otherwise the
        dots keep their class colours and the regions are left out.
    highlight : str, optional
        A seller to ring in vermillion.
    labels : sequence of str
        Sellers to name; labels are placed so they do not overlap.
    title : str, optional
    ax : Axes, optional
        Where to draw; a new pyplot figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from livekit import seller_data, sellers
    >>> scored = sellers.score_sellers(seller_data.load_sellers())
    >>> ax = plot_evaluation_map(scored, sellers.classify(scored), labels=["Fruit farmer"])
    >>> ax.collections[1].get_offsets().shape  # one dot per seller of the teaching set
    (44, 2)
    """
    if not isinstance(scored, pd.DataFrame):
        raise TypeError(
            f"scored must be a DataFrame from score_sellers, got {type(scored).__name__}"
        )
    if len(classes) != len(scored):
        raise ValueError(
            f"classes must give one class per seller: {len(classes)} for {len(scored)} sellers"
        )
    options = dict(
        model=model, cuts=cuts, bands=bands, share=share, labels=labels, highlight=highlight
    )
    if log_axes is None:
        ax = label_score_axes(axes_for(ax, size=(6.4, 5.0)))
        EvaluationMap(ax, scored, classes, **options)
    else:
        ax = axes_for(ax, size=(6.4, 5.0))
        _log_axes(ax, log_axes)
        EvaluationMap(
            ax,
            scored,
            classes,
            to_axes=log_axes.to_axes,
            xy=(log_axes.x, log_axes.y),
            show_regions=log_axes.single,
            **options,
        )
    with kit_style():
        ax.set_title(title or f"Evaluation map (the kit's), {model} model")
    return ax


# --- class counts -----------------------------------------------------------------------


class ClassCounts(Chart):
    """Horizontal bars of how many sellers fall in each class (or tier), lowest at the bottom.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    counts : pandas.Series
        From :func:`livekit.sellers.class_counts`: four counts, by class or by tier.
    xmax : float, optional
        Right end of the count axis; default a little beyond the largest count.

    Attributes
    ----------
    bars : list of Rectangle
        One bar per class or tier (coloured and hatched by it), lowest first.
    texts : list of Text
        The count and share beside each bar.
    """

    def __init__(self, ax: Axes, counts: pd.Series, *, xmax: float | None = None) -> None:
        self.ax = ax
        self.names: tuple[str, ...] = ()
        with kit_style():
            self.bars = list(ax.barh(range(4), [0] * 4, hatch=None, edgecolor=_EDGE, linewidth=0.6))
            self.texts = [ax.text(0, k, "", va="center", ha="left", fontsize=9) for k in range(4)]
            ax.set_xlabel("sellers")
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
            ax.set_xlim(0, xmax if xmax is not None else max(int(counts.max()), 1) * 1.35)
        self.update(counts)

    @property
    def artists(self) -> list:
        """The bars and their count labels."""
        return [*self.bars, *self.texts]

    def update(self, counts: pd.Series) -> bool:
        """Resize the bars and rewrite the labels for new counts (a Series by class or tier).

        Returns True when the names changed (a new model: the tick labels are static)."""
        names = tuple(counts.index)
        renamed = names != self.names
        if renamed:
            self.names = names
            with kit_style():
                self.ax.set_yticks(range(4), list(names))
            for bar, name in zip(self.bars, names):
                bar.set_facecolor(GROUP_COLORS[name])
                bar.set_hatch(GROUP_HATCHES[name])
        total = max(int(counts.sum()), 1)
        for bar, text, name in zip(self.bars, self.texts, names):
            n = int(counts[name])
            bar.set_width(n)
            text.set_x(n)
            text.set_text(f" {n} ({100 * n / total:.0f}%)")
        return renamed

    def describe(self) -> str:
        """How many sellers each class has now, and its share."""
        counts = [int(round(bar.get_width())) for bar in self.bars]
        total = max(sum(counts), 1)
        rows = [f"{name} {n} ({percent(n / total)})" for name, n in zip(self.names, counts)]
        return (
            f"{chart_title(self.ax, 'Sellers per class')}, {sum(counts)} sellers: "
            f"{join_words(rows)}"
        )


def plot_class_counts(classes: Any, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Bar chart of how many sellers fall in each class (or tier).

    Parameters
    ----------
    classes : array-like of class or tier names (e.g. from :func:`livekit.sellers.classify`)
    ax : Axes, optional
        Where to draw; a new pyplot figure if None.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_class_counts(["super", "super", "low-level"])
    >>> [bar.get_width() for bar in ax.patches]  # low-level, ordinary, famous, super
    [1, 0, 0, 2]
    """
    counts = S.class_counts(classes)
    ax = axes_for(ax, size=(4.5, 2.8))
    ClassCounts(ax, counts)
    with kit_style():
        ax.set_title(title or "Sellers per class")
    return ax


# --- smallest move up -------------------------------------------------------------------


class NextMove(Chart):
    """One seller on the score map: a dot in its class colour and an arrow for the smallest move up.

    Parameters
    ----------
    ax : Axes
        A score map (0-100 axes).
    influence, attractiveness : float
        The seller's scores, 0-100.
    move : dict or None
        From :func:`livekit.sellers.next_class_move` (its ``class`` colours the dot); None
        shows nothing until :meth:`update`.
    dot_size : float
        The dot's diameter in points.

    Attributes
    ----------
    dot : Line2D
        The seller, ringed in vermillion.
    arrow : Annotation
        From the seller to the nearest spot in a higher class (hidden for a top-class seller).
    caption : Text
        The points to add, beside the arrow's head.
    """

    def __init__(
        self,
        ax: Axes,
        influence: float,
        attractiveness: float,
        move: dict | None,
        *,
        dot_size: float = 13.0,
    ) -> None:
        self.ax = ax
        self.move: dict | None = None
        with kit_style():
            (self.dot,) = ax.plot([], [], "o", ms=dot_size, mec=_VERMILLION, mew=2.5, zorder=7)
            self.arrow = ax.annotate(
                "",
                xy=(0, 0),
                xytext=(0, 0),
                zorder=6,
                arrowprops=dict(arrowstyle="-|>", color=_VERMILLION, lw=2.2, mutation_scale=16),
            )
            self.caption = ax.text(
                0,
                0,
                "",
                fontsize=9,
                color=_NOTE,
                zorder=6,
                ha="left",
                va="bottom",
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85),
            )
        if move is None:
            for artist in self.artists:
                artist.set_visible(False)
        else:
            self.update(influence, attractiveness, move)

    @property
    def artists(self) -> list:
        """The dot, the arrow and its caption."""
        return [self.dot, self.arrow, self.caption]

    def update(self, influence: float, attractiveness: float, move: dict) -> None:
        """Move the dot, recolour it by class, and point the arrow (hidden if no higher class)."""
        self.dot.set_data([influence], [attractiveness])
        self.move = move
        self.dot.set_markerfacecolor(GROUP_COLORS[move["class"]])
        self.dot.set_visible(True)
        visible = move["target"] is not None
        self.arrow.set_visible(visible)
        self.caption.set_visible(visible)
        if not visible:
            return
        end = (influence + move["d_influence"], attractiveness + move["d_attractiveness"])
        self.arrow.xy = end
        self.arrow.set_position((influence, attractiveness))
        self.caption.set_position((min(end[0], 62) + 1.5, min(end[1], 94) + 1.5))
        self.caption.set_text(
            f"to {move['target']}: +{move['d_influence']:.1f} infl., "
            f"+{move['d_attractiveness']:.1f} attr."
        )

    def describe(self) -> str:
        """The seller's scores and class, and the smallest move to a higher class."""
        if not self.dot.get_visible() or not len(self.dot.get_xdata()):
            return "No seller placed on the map yet"
        influence = float(self.dot.get_xdata()[0])
        attractiveness = float(self.dot.get_ydata()[0])
        named = self.move["class"]
        text = (
            f"The seller (the ringed dot) scores influence {influence:.1f} and attractiveness "
            f"{attractiveness:.1f}: class {named}"
        )
        if not self.arrow.get_visible():
            return f"{text}, the top class: no move up"
        end_x, end_y = self.arrow.xy
        target = self.caption.get_text().split(":", 1)[0].removeprefix("to ").strip()
        return (
            f"{text}. Smallest move to a higher class ({target}): influence "
            f"+{end_x - influence:.1f}, attractiveness +{end_y - attractiveness:.1f}"
        )


def plot_next_move(
    seller: Any,
    *,
    model: str = "quadrant",
    cuts=S.DEFAULT_CUTS,
    bands=S.DEFAULT_BANDS,
    share: float = 0.5,
    ax: Axes | None = None,
) -> Axes:
    """Draw one seller on the score map with an arrow for the smallest move to a higher class.

    Parameters
    ----------
    seller : dict or Series
        With ``influence`` and ``attractiveness`` scores, 0-100 (and optionally ``seller``).
    model, cuts, bands, share
        As in :func:`livekit.sellers.classify`.
    ax : Axes, optional
        Where to draw; a new pyplot figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_next_move({"seller": "Farmer", "influence": 30.0, "attractiveness": 70.0})
    >>> ax.get_title()
    'Farmer: ordinary, nearest higher class super'
    """
    row = dict(seller)
    for key in ("influence", "attractiveness"):
        if key not in row:
            raise ValueError(
                f"seller: field {key!r} is missing (score it with score_sellers first)"
            )
    move = S.next_class_move(
        row["influence"], row["attractiveness"], model=model, cuts=cuts, bands=bands, share=share
    )
    name = row.get("seller", "This seller")
    group = "class" if model == "quadrant" else "tier"
    title = f"{name}: {move['class']}" + (
        f", nearest higher {group} {move['target']}" if move["target"] else f", top {group}"
    )
    ax = label_score_axes(axes_for(ax, size=(6.4, 5.0)), title)
    EvaluationMap(ax, None, (), model=model, cuts=cuts, bands=bands, share=share)
    NextMove(ax, row["influence"], row["attractiveness"], move)
    return ax


# --- real anchors -----------------------------------------------------------------------


class AnchorRanges(Chart):
    """Real anchors on the score map: a bar from the lower to the higher reported figure.

    Where outlets disagree (two figures for one session), the anchor is a bar whose two ends
    are the two placements, each a dot in its class (or tier) colour; where they agree, the two
    dots coincide. Diamonds, so they stand out from the teaching set's round dots.

    Parameters
    ----------
    ax : Axes
        A score map (0-100 axes, limits set).
    placed : DataFrame
        One row per anchor, as from :func:`livekit.cases.classify_anchors`: ``seller``,
        ``influence_low``, ``influence_high``, ``attractiveness_low``, ``attractiveness_high``
        (0-100), ``class_low`` and ``class_high``; ``label`` (the name to show, optional).

    Attributes
    ----------
    bars : LineCollection
        One segment per anchor, low end to high end.
    low, high : PathCollection
        The dots at the two ends.
    labels : list of Text
        One name per anchor.
    leaders : LineCollection
        Lines from labels placed away from their anchor.
    """

    _NEEDED = (
        "seller",
        "influence_low",
        "influence_high",
        "attractiveness_low",
        "attractiveness_high",
        "class_low",
        "class_high",
    )

    def __init__(self, ax: Axes, placed: pd.DataFrame) -> None:
        self.ax = ax
        self._check(placed, None)
        with kit_style():
            self.bars = LineCollection(
                [], colors=_VERMILLION, linewidths=3.0, zorder=6, capstyle="round"
            )
            ax.add_collection(self.bars, autolim=False)
            self.low, self.high = (
                ax.scatter(
                    [],
                    [],
                    s=70,
                    marker="D",
                    c=_EDGE,
                    edgecolors=_VERMILLION,
                    linewidths=1.6,
                    zorder=7,
                )  # fmt: skip
                for _ in range(2)
            )
            self.labels = [
                _Label(0, 0, "", fontsize=9, zorder=8, color=LINE_COLORS["edge"])
                for _ in range(len(placed))
            ]
            for label in self.labels:
                ax.add_artist(label)
            self.leaders = LineCollection([], colors=_NOTE, linewidths=0.6, zorder=6)
            ax.add_collection(self.leaders, autolim=False)
        self.update(placed)

    @property
    def artists(self) -> list:
        """The bars, the two sets of dots, the leaders and the labels."""
        return [self.bars, self.low, self.high, self.leaders, *self.labels]

    def _check(self, placed: Any, count: int | None) -> None:
        if not isinstance(placed, pd.DataFrame):
            raise TypeError(
                f"placed must be a DataFrame from classify_anchors, got {type(placed).__name__}"
            )
        missing = [c for c in self._NEEDED if c not in placed.columns]
        if missing:
            raise ValueError(f"placed: columns {missing} are missing (use classify_anchors)")
        if count is not None and len(placed) != count:
            raise ValueError(f"placed: this chart shows {count} anchors, got {len(placed)}")

    def update(self, placed: pd.DataFrame) -> None:
        """Move the bars and dots to new placements, recolour them by class, re-place the names."""
        self._check(placed, len(self.labels))
        self.classes = (list(placed["class_low"]), list(placed["class_high"]))
        lo = placed[["influence_low", "attractiveness_low"]].to_numpy(float)
        hi = placed[["influence_high", "attractiveness_high"]].to_numpy(float)
        self.bars.set_segments([np.array([a, b]) for a, b in zip(lo, hi)])
        self.low.set_offsets(lo)
        self.high.set_offsets(hi)
        self.low.set_facecolors(_class_colors(placed["class_low"]))
        self.high.set_facecolors(_class_colors(placed["class_high"]))
        names = placed["label"] if "label" in placed.columns else placed["seller"]
        for label, name in zip(self.labels, names):
            label.set_text(str(name))
            label.set_visible(True)
        if len(placed):
            place_labels(
                self.ax,
                self.labels,
                hi[:, 0],
                hi[:, 1],
                avoid=np.vstack([lo, hi]),
                leaders=self.leaders,
            )

    def describe(self) -> str:
        """Each real anchor: its range of scores (where outlets disagree) and its class(es)."""
        low_classes, high_classes = self.classes

        def span(a: float, b: float) -> str:
            a, b = sorted((a, b))
            return f"{a:.0f}" if round(a) == round(b) else f"{a:.0f} to {b:.0f}"

        rows = []
        for label, segment, low, high in zip(
            self.labels, self.bars.get_segments(), low_classes, high_classes
        ):
            (i0, a0), (i1, a1) = segment
            named = low if low == high else f"{low} to {high}"
            rows.append(
                f"{label.get_text()}: influence {span(i0, i1)}, attractiveness {span(a0, a1)}, "
                f"{named}"
            )
        return (
            f"Real anchors as diamonds ({len(rows)}; a bar where outlets disagree, from the "
            f"lower to the higher figure): {'; '.join(rows)}"
        )


def plot_anchor_map(
    placed: pd.DataFrame,
    *,
    model: str = "quadrant",
    cuts=S.DEFAULT_CUTS,
    bands=S.DEFAULT_BANDS,
    share: float = 0.5,
    reference: pd.DataFrame | None = None,
    reference_classes: Any = None,
    note: str = "",
    ax: Axes | None = None,
) -> Axes:
    """Draw real anchors (bars from the lower to the higher reported figure) over the teaching set.

    Parameters
    ----------
    placed : DataFrame
        From :func:`livekit.cases.classify_anchors` (classes made with ``model``).
    model, cuts, bands, share
        The model whose regions are drawn (as in :func:`livekit.sellers.classify`).
    reference : DataFrame, optional
        The teaching set, scored (``influence``, ``attractiveness``), drawn as faint dots.
    reference_classes : array-like of str, optional
        Their classes under the same model (needed with ``reference``).
    note : str
        A line under the map saying which values are the kit's assumptions.
    ax : Axes, optional
        Where to draw; a new pyplot figure if None.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if reference is not None and reference_classes is None:
        raise ValueError("reference_classes: give the teaching set's classes with reference")
    ax = label_score_axes(
        axes_for(ax, size=(6.6, 5.0)), "Real anchors (diamonds) and the teaching set"
    )
    params = dict(model=model, cuts=cuts, bands=bands, share=share)
    if reference is not None:
        EvaluationMap(ax, reference, reference_classes, point_size=22, faint=True, **params)
    else:
        EvaluationMap(ax, None, (), **params)
    AnchorRanges(ax, placed)
    if note:
        with kit_style():
            ax.text(
                0.0, -0.2, note, transform=ax.transAxes, fontsize=9, va="top", ha="left", wrap=True
            )
    return ax
