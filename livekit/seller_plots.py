"""Plots of the seller evaluation model: the map, the class counts, the smallest move up.

The **evaluation map** puts anchor influence across and audience attractiveness up, shades the
region of each class (colour *and* hatch, so it reads in greyscale), draws the thresholds, and
shows each seller as a dot in its class colour. It works on the 0-100 score axes (``scale=
"linear"``) or on the raw metrics with logarithmic axes (``scale="log"``, e.g. followers against
average viewers), where the class regions are the score regions carried back through the
normalisation. The drawing helpers (:func:`draw_evaluation_map`, :func:`set_points`,
:func:`set_regions`, :func:`place_labels`) return or update artists in place, so the slider views
in :mod:`livekit.seller_views` reuse them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.collections import LineCollection
from matplotlib.text import Text

from . import sellers as S
from ._checks import check_choice
from .style import CLASS_COLORS, CLASS_HATCHES, kit_style
from .vocab import SELLER_CLASSES

__all__ = [
    "MapArtists",
    "draw_evaluation_map",
    "plot_evaluation_map",
    "set_points",
    "set_regions",
    "place_labels",
    "add_labels",
    "plot_class_counts",
    "draw_class_counts",
    "set_class_counts",
    "plot_next_move",
    "draw_next_move",
    "set_next_move",
]

_EDGE = "#333333"
_REGION_ALPHA = 0.28
_SCALES = ("linear", "log")


@dataclass
class MapArtists:
    """The artists of one evaluation map, kept so a view can update them in place."""

    ax: Axes
    points: PathCollection
    regions: dict[str, Polygon]
    lines: list[Line2D]
    highlight: Line2D
    labels: list[Text] = field(default_factory=list)
    leaders: LineCollection | None = None  # thin lines from far labels to their dots
    label_names: list[str] = field(default_factory=list)
    to_axes: Any = None  # callable (influence, attractiveness) -> (x, y) in data units
    outline: PathCollection | None = None  # dark underlay: the dots' outlines


def _class_colors(classes: Any) -> np.ndarray:
    from matplotlib.colors import to_rgba_array

    palette = to_rgba_array([CLASS_COLORS[c] for c in SELLER_CLASSES])
    codes = pd.Categorical(classes, categories=list(SELLER_CLASSES), ordered=True).codes
    return palette[codes]


def _axes(ax: Axes | None, size=(6.4, 5.0)) -> Axes:
    if ax is None:
        import matplotlib.pyplot as plt

        with kit_style():
            _, ax = plt.subplots(figsize=size)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def _densify(poly: np.ndarray, per_edge: int = 24) -> np.ndarray:
    if len(poly) < 3:
        return poly
    closed = np.vstack([poly, poly[:1]])
    t = np.linspace(0, 1, per_edge, endpoint=False)[:, None]
    parts = [a + t * (b - a) for a, b in zip(closed[:-1], closed[1:])]
    return np.vstack(parts)


def draw_evaluation_map(
    ax: Axes,
    scored: pd.DataFrame,
    classes: Any,
    *,
    model: str = "quadrant",
    cuts=S.DEFAULT_CUTS,
    bands=S.DEFAULT_BANDS,
    share: float = 0.5,
    to_axes: Any = None,
    labels: Sequence[str] = (),
    highlight: str | None = None,
    legend: bool = True,
    point_size: float = 36.0,
) -> MapArtists:
    """Draw the evaluation map's artists on ``ax`` and return them for updating in place.

    Parameters
    ----------
    ax : Axes
        Where to draw; limits are left to the caller.
    scored : DataFrame
        ``influence`` and ``attractiveness`` (0-100) per seller and, for labels, ``seller``.
    classes : array-like of str
        One class per row.
    model, cuts, bands, share
        As in :func:`livekit.sellers.classify`: shape the regions and threshold lines.
    to_axes : callable, optional
        ``(influence, attractiveness) -> (x, y)`` in axis units; default the scores themselves.
    labels : sequence of str
        Sellers to name.
    highlight : str, optional
        A seller to ring in vermillion.
    legend : bool
        Add a class legend (colour and hatch) beside the axes.
    point_size : float
        Dot area in points squared.

    Returns
    -------
    MapArtists
    """
    to_axes = to_axes or (lambda i, a: (np.asarray(i, float), np.asarray(a, float)))
    with kit_style():
        regions = {}
        for name in SELLER_CLASSES:
            patch = Polygon(np.zeros((3, 2)), closed=True, facecolor=CLASS_COLORS[name], alpha=_REGION_ALPHA,
                            hatch=CLASS_HATCHES[name], edgecolor=CLASS_COLORS[name], linewidth=0, zorder=0)
            ax.add_patch(patch)
            regions[name] = patch
        lines = [ax.plot([], [], color=_EDGE, lw=1.3, ls="--", zorder=1)[0] for _ in range(3)]
        x, y = to_axes(scored["influence"].to_numpy(), scored["attractiveness"].to_numpy())
        # a dark single-colour underlay gives every dot an outline; one colour lets matplotlib
        # stamp it as a marker, several times faster than stroking 1,000 coloured edges
        outline = ax.scatter(x, y, s=point_size * 1.6, c=_EDGE, edgecolors="none", linewidths=0, zorder=3)
        points = ax.scatter(x, y, s=point_size, c=_class_colors(classes), edgecolors="none", linewidths=0, zorder=3)
        (ring,) = ax.plot([], [], "o", ms=15, mfc="none", mec="#D55E00", mew=2.5, zorder=4)
        art = MapArtists(ax, points, regions, lines, ring, to_axes=to_axes, outline=outline)
        set_regions(art, model=model, cuts=cuts, bands=bands, share=share)
        if legend:
            handles = [Patch(facecolor=CLASS_COLORS[c], alpha=0.6, hatch=CLASS_HATCHES[c], edgecolor=_EDGE, label=c)
                       for c in reversed(SELLER_CLASSES)]
            ax.legend(handles=handles, title="class", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      frameon=False, borderaxespad=0)
        names = list(labels)
        if names:
            known = scored["seller"].tolist() if "seller" in scored.columns else []
            for name in names:
                if name not in known:
                    raise ValueError(f"labels: no seller called {name!r} in the data")
            add_labels(art, names)
    set_points(art, scored, classes, highlight=highlight)
    return art


def set_points(art: MapArtists, scored: pd.DataFrame, classes: Any, *, highlight: str | None = None) -> None:
    """Update a map in place: move the dots, recolour them by class, move the ring and labels.

    Parameters
    ----------
    art : MapArtists
        From :func:`draw_evaluation_map`.
    scored : DataFrame
        ``influence`` and ``attractiveness`` (0-100) per seller, and ``seller`` for labels.
    classes : array-like of str
        One class per row of ``scored``.
    highlight : str, optional
        A seller to ring.
    """
    x, y = art.to_axes(scored["influence"].to_numpy(), scored["attractiveness"].to_numpy())
    offsets = np.column_stack([x, y])
    art.points.set_offsets(offsets)
    if art.outline is not None:
        art.outline.set_offsets(offsets)
    art.points.set_facecolors(_class_colors(classes))
    names = scored["seller"].tolist() if "seller" in scored.columns else []
    if highlight is not None:
        if highlight not in names:
            raise ValueError(f"highlight: no seller called {highlight!r} in the data")
        k = names.index(highlight)
        art.highlight.set_data([x[k]], [y[k]])
    else:
        art.highlight.set_data([], [])
    if art.labels:
        index = {n: k for k, n in enumerate(names)}
        rows = [index[n] for n in art.label_names]
        place_labels(art.ax, art.labels, x[rows], y[rows], avoid=offsets, leaders=art.leaders)


def set_regions(art: MapArtists, *, model: str = "quadrant", cuts=S.DEFAULT_CUTS, bands=S.DEFAULT_BANDS,
                share: float = 0.5) -> None:
    """Reshape a map's class regions and threshold lines in place for new model parameters.

    Parameters
    ----------
    art : MapArtists
        From :func:`draw_evaluation_map`.
    model, cuts, bands, share
        As in :func:`livekit.sellers.classify`.
    """
    regions = S.class_regions(model=model, cuts=cuts, bands=bands, share=share)
    for name, poly in regions.items():
        patch = art.regions[name]
        if len(poly) >= 3:
            px, py = art.to_axes(*_densify(poly).T)
            patch.set_xy(np.column_stack([px, py]))
            patch.set_visible(True)
        else:
            patch.set_visible(False)
    if model == "quadrant":
        segments = [((cuts[0], cuts[0]), (0, 100)), ((0, 100), (cuts[1], cuts[1]))]
    else:
        segments = []
        for b in bands:
            i = np.linspace(0, 100, 101)
            a = (b - share * i) / (1 - share) if share < 1 else np.full_like(i, np.nan)
            if share == 1:
                i, a = np.full(2, b), np.array([0.0, 100.0])
            keep = (a >= 0) & (a <= 100)
            segments.append((i[keep], a[keep]))
    for k, line in enumerate(art.lines):
        if k < len(segments) and len(segments[k][0]):
            line.set_data(*art.to_axes(np.asarray(segments[k][0], float), np.asarray(segments[k][1], float)))
            line.set_visible(True)
        else:
            line.set_data([], [])
            line.set_visible(False)


def _text_size_px(text: str, ax: Axes, fontsize: float = 9.0) -> tuple[float, float]:
    px = ax.figure.dpi / 72.0
    return 0.58 * fontsize * len(text) * px, 1.25 * fontsize * px


def add_labels(art: MapArtists, names: Sequence[str], *, pool: int | None = None) -> None:
    """Create text labels (and their leader lines) for sellers on a map.

    Parameters
    ----------
    art : MapArtists
        From :func:`draw_evaluation_map`; its ``labels``, ``leaders`` and ``label_names`` are set.
    names : sequence of str
        The sellers to name (placed by :func:`set_points`).
    pool : int, optional
        Create at least this many label artists (the extra ones empty and hidden), so a view
        can relabel later without creating artists.
    """
    ax = art.ax
    with kit_style():
        count = max(len(names), pool or 0)
        art.labels = [ax.text(0, 0, names[k] if k < len(names) else "", fontsize=9, zorder=5,
                              visible=k < len(names)) for k in range(count)]
        art.leaders = LineCollection([], colors="#555555", linewidths=0.6, zorder=4)
        ax.add_collection(art.leaders, autolim=False)
    art.label_names = list(names)


def _overlaps(rect, placed) -> bool:
    return any(rect[0] < q[2] and q[0] < rect[2] and rect[1] < q[3] and q[1] < rect[3] for q in placed)


def place_labels(ax: Axes, labels: Sequence[Text], x: Any, y: Any, *, avoid: Any = None,
                 leaders: LineCollection | None = None) -> None:
    """Put each label next to its point so that no two labels overlap (greedy search).

    For each label in turn, candidate spots around the point (right, left, above, below, then
    further out) are tried in screen pixels; the first whose box overlaps no placed label,
    covers none of the ``avoid`` points (an (n, 2) array in data units, e.g. all dots) and stays
    inside the axes is kept. If none is free of dots, the first free of labels is used. Labels
    placed away from their point get a thin leader line (in ``leaders``).

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
    to_px = ax.transData.transform
    from_px = ax.transData.inverted().transform
    box = ax.get_window_extent()
    pts = to_px(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    dots = np.empty((0, 2)) if avoid is None or len(avoid) == 0 else to_px(np.asarray(avoid, float))
    ppt = ax.figure.dpi / 72.0
    r = 4.0
    rings = [(7, 2), (7, -13), (-7, 2), (-7, -13), (0, 8), (0, -18)]
    candidates = [(dx * f, dy * f) for f in (1, 2, 3, 4.5, 6) for dx, dy in rings]
    placed: list[tuple[float, float, float, float]] = []
    segments = []
    for label, (px, py) in zip(labels, pts):
        w, h = _text_size_px(label.get_text(), ax)

        def rect_of(dx, dy):
            left = px + dx * ppt - (w if dx < 0 else (w / 2 if dx == 0 else 0))
            bottom = py + dy * ppt
            return (left, bottom, left + w, bottom + h)

        def inside(rect):
            return rect[0] >= box.x0 and rect[2] <= box.x1 and rect[1] >= box.y0 and rect[3] <= box.y1

        choice = None
        for dx, dy in candidates:
            rect = rect_of(dx, dy)
            if not inside(rect) or _overlaps(rect, placed):
                continue
            covers = ((dots[:, 0] > rect[0] - r) & (dots[:, 0] < rect[2] + r)
                      & (dots[:, 1] > rect[1] - r) & (dots[:, 1] < rect[3] + r)).any()
            if not covers:
                choice = (dx, dy, rect)
                break
        if choice is None:  # crowded: allow covering dots, never another label
            for dx, dy in candidates:
                rect = rect_of(dx, dy)
                if inside(rect) and not _overlaps(rect, placed):
                    choice = (dx, dy, rect)
                    break
        if choice is None:  # no free spot at all: the first candidate
            choice = (*candidates[0], rect_of(*candidates[0]))
        dx, dy, rect = choice
        # anchor the text on the side facing its dot, so an over-estimated width never
        # pushes it away from the dot
        ha = "right" if dx < 0 else ("center" if dx == 0 else "left")
        ax_x = rect[2] if dx < 0 else ((rect[0] + rect[2]) / 2 if dx == 0 else rect[0])
        label.set_position(tuple(from_px((ax_x, rect[1]))))
        label.set_horizontalalignment(ha)
        label.set_verticalalignment("bottom")
        placed.append(rect)
        if abs(dx) > 8 or abs(dy) > 14:
            # leader from the dot to the nearest point of the label's box
            nx = min(max(px, rect[0]), rect[2])
            ny = min(max(py, rect[1]), rect[3])
            segments.append(from_px(np.array([(px, py), (nx, ny)])))
    if leaders is not None:
        leaders.set_segments(segments)


def _log_mapping(data: pd.DataFrame, weights, method: str, reference: pd.DataFrame, x: str | None, y: str | None):
    """Which raw metric goes on each log axis, and the score -> raw map for the regions."""
    used = S.dataset_weights(reference) if weights is None else dict(weights)
    chosen = {}
    single = True
    for dim, pick in (("influence", x), ("attractiveness", y)):
        mine = {n: w for n, w in used.items() if S.METRICS[n].dimension == dim and w > 0 and n in data.columns}
        if pick is None:
            if not mine:
                raise ValueError(f"the data has no weighted {dim} metric to put on a log axis")
            pick = max(mine, key=mine.get)
        check_choice("x" if dim == "influence" else "y", pick, [n for n in S.METRICS if S.METRICS[n].dimension == dim])
        if pick not in data.columns:
            raise ValueError(f"column {pick!r} is missing; the data has {list(data.columns)}")
        single &= set(mine) == {pick}
        chosen[dim] = pick
    ref_x, ref_y = reference[chosen["influence"]].to_numpy(float), reference[chosen["attractiveness"]].to_numpy(float)

    def to_axes(i, a):
        return (S.score_to_metric(i, ref_x, metric=chosen["influence"], method=method),
                S.score_to_metric(a, ref_y, metric=chosen["attractiveness"], method=method))

    return chosen, single, to_axes


def plot_evaluation_map(
    data: pd.DataFrame,
    *,
    model: str = "quadrant",
    cuts=S.DEFAULT_CUTS,
    bands=S.DEFAULT_BANDS,
    share: float = 0.5,
    weights=None,
    method: str = "log-minmax",
    reference: pd.DataFrame | None = None,
    scale: str = "linear",
    x: str | None = None,
    y: str | None = None,
    highlight: str | None = None,
    labels: Sequence[str] = (),
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the paper's evaluation map (Figure 3) for a table of sellers.

    Parameters
    ----------
    data : DataFrame
        Sellers with metric columns (see :data:`livekit.sellers.METRICS`) and a ``seller``
        column; scored with :func:`livekit.sellers.score_sellers`.
    model, cuts, bands, share
        The classification model and its thresholds (as in :func:`livekit.sellers.classify`).
    weights, method, reference
        How the scores are made (as in :func:`livekit.sellers.score_sellers`).
    scale : {"linear", "log"}
        ``"linear"``: the two 0-100 scores on the axes. ``"log"``: raw metrics on logarithmic
        axes (``x`` for influence, ``y`` for attractiveness; default the most heavily weighted
        metric of each). The class regions are drawn there only when each score rests on that
        one metric; otherwise the dots keep their class colours and the regions are left out.
    x, y : str, optional
        Metric names for the log axes.
    highlight : str, optional
        A seller to ring in vermillion.
    labels : sequence of str
        Sellers to name; labels are placed so they do not overlap.
    title : str, optional
    ax : Axes, optional
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("scale", scale, _SCALES)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame of sellers, got {type(data).__name__}")
    reference = data if reference is None else reference
    scored = S.score_sellers(data, weights=weights, method=method, reference=reference)
    classes = S.classify(scored, model=model, cuts=cuts, bands=bands, share=share)
    ax = _axes(ax)
    with kit_style():
        if scale == "linear":
            ax.set_xlim(0, 100)
            ax.set_ylim(0, 100)
            art = draw_evaluation_map(ax, scored, classes, model=model, cuts=cuts, bands=bands, share=share,
                                      labels=labels, highlight=highlight)
            ax.set_xlabel("Anchor influence (score, 0-100)")
            ax.set_ylabel("Audience attractiveness (score, 0-100)")
        else:
            chosen, single, to_axes = _log_mapping(data, weights, method, reference, x, y)
            ax.set_xscale("log")
            ax.set_yscale("log")
            lo = to_axes(np.array([0.0]), np.array([0.0]))
            hi = to_axes(np.array([100.0]), np.array([100.0]))
            ax.set_xlim(max(lo[0][0], 1.0) / 1.3, hi[0][0] * 1.3)
            ax.set_ylim(max(lo[1][0], 1e-3) / 1.3, hi[1][0] * 1.3)
            raw = scored.copy()
            art = draw_evaluation_map(ax, scored, classes, model=model, cuts=cuts, bands=bands, share=share,
                                      to_axes=to_axes, labels=(), highlight=None)
            # dots at their raw values, not at the score-implied ones
            offsets = np.column_stack([raw[chosen["influence"]], raw[chosen["attractiveness"]]])
            art.points.set_offsets(offsets)
            art.outline.set_offsets(offsets)
            if not single:
                for patch in art.regions.values():
                    patch.set_visible(False)
                for line in art.lines:
                    line.set_visible(False)
            if labels or highlight:
                art.to_axes = lambda i, a: (raw[chosen["influence"]].to_numpy(float), raw[chosen["attractiveness"]].to_numpy(float))
                if labels:
                    add_labels(art, list(labels))
                set_points(art, scored, classes, highlight=highlight)
            ax.set_xlabel(f"{S.METRICS[chosen['influence']].label} (log scale)")
            ax.set_ylabel(f"{S.METRICS[chosen['attractiveness']].label} (log scale)")
        ax.set_title(title or f"Evaluation map, {model} model ({method} scores)")
    return ax


# --- class counts -----------------------------------------------------------------------

def draw_class_counts(ax: Axes, counts: pd.Series):
    """Draw horizontal bars of class counts on ``ax``, lowest class at the bottom.

    Parameters
    ----------
    ax : Axes
    counts : pandas.Series
        From :func:`livekit.sellers.class_counts`.

    Returns
    -------
    (BarContainer, list of Text)
        The bars (coloured and hatched by class) and their count labels.
    """
    with kit_style():
        bars = ax.barh(list(SELLER_CLASSES), [0] * 4, color=[CLASS_COLORS[c] for c in SELLER_CLASSES],
                       hatch=None, edgecolor=_EDGE, linewidth=0.6)
        for bar, name in zip(bars, SELLER_CLASSES):
            bar.set_hatch(CLASS_HATCHES[name])
        texts = [ax.text(0, k, "", va="center", ha="left", fontsize=9) for k in range(4)]
        ax.set_xlabel("sellers")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    set_class_counts(bars, texts, counts)
    return bars, texts


def set_class_counts(bars, texts, counts: pd.Series) -> None:
    """Update bars and count labels from :func:`draw_class_counts` in place.

    Parameters
    ----------
    bars, texts
        From :func:`draw_class_counts`.
    counts : pandas.Series
        From :func:`livekit.sellers.class_counts`.
    """
    total = max(int(counts.sum()), 1)
    for bar, text, name in zip(bars, texts, SELLER_CLASSES):
        n = int(counts[name])
        bar.set_width(n)
        text.set_x(n)
        text.set_text(f" {n} ({100 * n / total:.0f}%)")


def plot_class_counts(classes: Any, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Bar chart of how many sellers fall in each class.

    Parameters
    ----------
    classes : array-like of class names (e.g. from :func:`livekit.sellers.classify`)
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    counts = S.class_counts(classes)
    ax = _axes(ax, size=(4.5, 2.8))
    draw_class_counts(ax, counts)
    with kit_style():
        ax.set_xlim(0, max(int(counts.max()), 1) * 1.35)
        ax.set_title(title or "Sellers per class")
    return ax


# --- smallest move up -------------------------------------------------------------------

def draw_next_move(ax: Axes):
    """Create the arrow and caption for the smallest move up (empty until :func:`set_next_move`).

    Parameters
    ----------
    ax : Axes
        A score map (0-100 axes).

    Returns
    -------
    (Annotation, Text)
        The arrow and its caption.
    """
    with kit_style():
        arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), zorder=6,
                            arrowprops=dict(arrowstyle="-|>", color="#D55E00", lw=2.2, mutation_scale=16))
        caption = ax.text(0, 0, "", fontsize=9, color="#8B3A00", zorder=6, ha="left", va="bottom",
                          bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
    return arrow, caption


def set_next_move(arrow, caption, influence: float, attractiveness: float, move: dict) -> None:
    """Point the arrow from the seller to the nearest spot in a higher class (hide it if none).

    Parameters
    ----------
    arrow, caption
        From :func:`draw_next_move`.
    influence, attractiveness : float
        The seller's scores, 0-100.
    move : dict
        From :func:`livekit.sellers.next_class_move`.
    """
    if move["target"] is None:
        arrow.set_visible(False)
        caption.set_visible(False)
        return
    end = (influence + move["d_influence"], attractiveness + move["d_attractiveness"])
    arrow.xy = end
    arrow.set_position((influence, attractiveness))
    arrow.set_visible(True)
    caption.set_position((min(end[0], 62) + 1.5, min(end[1], 94) + 1.5))
    caption.set_text(f"to {move['target']}: +{move['d_influence']:.1f} infl., +{move['d_attractiveness']:.1f} attr.")
    caption.set_visible(True)


def plot_next_move(seller: Any, *, model: str = "quadrant", cuts=S.DEFAULT_CUTS, bands=S.DEFAULT_BANDS,
                   share: float = 0.5, ax: Axes | None = None) -> Axes:
    """Draw one seller on the score map with an arrow for the smallest move to a higher class.

    Parameters
    ----------
    seller : dict or Series
        With ``influence`` and ``attractiveness`` scores, 0-100 (and optionally ``seller``).
    model, cuts, bands, share
        As in :func:`livekit.sellers.classify`.
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    row = dict(seller)
    for key in ("influence", "attractiveness"):
        if key not in row:
            raise ValueError(f"seller: field {key!r} is missing (score it with score_sellers first)")
    move = S.next_class_move(row["influence"], row["attractiveness"], model=model, cuts=cuts, bands=bands, share=share)
    scored = pd.DataFrame([{"seller": row.get("seller", "seller"), "influence": row["influence"],
                            "attractiveness": row["attractiveness"]}])
    ax = _axes(ax)
    with kit_style():
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        draw_evaluation_map(ax, scored, [move["class"]], model=model, cuts=cuts, bands=bands, share=share,
                            highlight=scored["seller"].iloc[0], point_size=60)
        arrow, caption = draw_next_move(ax)
        set_next_move(arrow, caption, row["influence"], row["attractiveness"], move)
        ax.set_xlabel("Anchor influence (score, 0-100)")
        ax.set_ylabel("Audience attractiveness (score, 0-100)")
        name = row.get("seller", "This seller")
        ax.set_title(f"{name}: {move['class']}" + (f", nearest higher class {move['target']}" if move["target"] else ", top class"))
    return ax
