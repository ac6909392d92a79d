"""Scoring and classifying live-stream sellers: the paper's evaluation model (Figure 3).

Li (2021), section "Business model innovation and process analysis of live marketing", evaluates
live-stream sellers on two dimensions, **anchor influence** and **audience attractiveness**, and
names four classes: super, famous, ordinary and low-level sellers (Figure 3). The paper gives no
formula and no boundaries. This module makes the model computable, and every choice it adds is
the kit's, named here and made a parameter:

1. **Scores from observable metrics** (:func:`score_sellers`). Each dimension is a weighted mean
   of metric scores on a 0-100 scale. A metric is turned into a 0-100 score against a
   *reference set* of sellers by one of two documented normalisations:

   - ``"log-minmax"`` (default): place the metric on its scale (``log10(1 + x)`` for counts and
     money, the value itself for shares) and map the reference set's minimum to 0 and maximum to
     100, clipping values outside. Smooth, and a tenfold rise in followers always adds the same
     number of points.
   - ``"percentile"``: the share of the reference set below the value (ties count half), times
     100. Robust to outliers; a score of 50 is the reference median.

2. **Classes from scores** (:func:`classify`), two models, because Figure 3's boundaries are
   not given in the text:

   - ``"quadrant"``: two thresholds cut the map into four corners, the paper's four classes.
     Both scores high: *super*; both low: *low-level*. The kit reads the off-diagonal corners as
     **influence-led = famous** (a well-known anchor or star whose audience does not buy much)
     and **audience-led = ordinary** (an unknown anchor whose stream holds and converts its
     viewers). Reason, the kit's: "famous" names fame, which is influence first. The paper says
     only that a film star's cosmetics sales passed 100 million yuan; reading the star as fame
     that came before selling skill is the kit's, as is the whole corner reading.
   - ``"tiered"``: a combined score ``share * influence + (1 - share) * attractiveness`` cut
     into four bands by three increasing thresholds. A combined score cannot tell which
     dimension is strong, so the bands get their own names, the four tiers of
     :data:`livekit.vocab.TIERS` (bottom, lower, upper, top), not the paper's class names.

   A score exactly at a threshold counts as the higher side.

3. **The smallest move up** (:func:`next_class_move`): the shortest step in score points, with
   neither score going down, that puts a seller in a higher class.

4. **Who is compared with whom** (kit's rule, :func:`score_sellers`): a table is its own
   reference set only with at least :data:`MIN_SELF_REFERENCE` (5) sellers that differ on every
   weighted metric; otherwise (one seller, a handful, a metric all share) the teaching set is
   the reference, and the result's ``attrs["reference"]`` / ``attrs["reference_note"]`` say so.

Metric names (columns of a seller table) are listed in :data:`METRICS`. This module holds the
scoring and classification; reading tables lives in :mod:`livekit.seller_data` (loaders,
``read_sellers``) and :mod:`livekit.reading` (encodings, separators, decimal marks), the polygon
geometry in :mod:`livekit.geometry`; each name has one home, and is imported from it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check_choice, check_number
from .geometry import clip_halfplane, shortest_step
from .seller_data import load_sellers
from .seller_metrics import (
    DIMENSIONS,
    METRICS,
    Metric,
    check_weights,
    default_weights,
)
from .vocab import CLASS_MODELS, CLASS_NAMES, SELLER_CLASSES, TIERS

__all__ = [
    "NORMALISATIONS",
    "MODELS",
    "DEFAULT_CUTS",
    "DEFAULT_BANDS",
    "MIN_SELF_REFERENCE",
    "REFERENCES",
    "metric_scores",
    "score_sellers",
    "classify",
    "class_names",
    "class_of",
    "class_regions",
    "next_class_move",
    "metric_needed",
    "score_to_metric",
    "class_counts",
    "compare_models",
]


NORMALISATIONS = ("log-minmax", "percentile")
MODELS = CLASS_MODELS
#: Quadrant model: (influence threshold, attractiveness threshold), 0-100.
DEFAULT_CUTS = (50.0, 50.0)
#: Tiered model: three increasing thresholds of the combined score, 0-100: where the lower, the
#: upper and the top tier start.
DEFAULT_BANDS = (35.0, 50.0, 65.0)


_DTYPES = {m: pd.CategoricalDtype(list(CLASS_NAMES[m]), ordered=True) for m in CLASS_MODELS}
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


# --- scores -----------------------------------------------------------------------------


def _as_frame(data: Any) -> pd.DataFrame:
    """A DataFrame from a table, or from one seller given as a dict or Series."""
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, (Mapping, pd.Series)):
        row = dict(data)
        for key, value in row.items():
            if key in METRICS:
                check_number(f"seller[{key!r}]", value, low=0.0, high=METRICS[key].high)
        frame = pd.DataFrame({key: [value] for key, value in row.items()})
    else:
        raise TypeError(
            "data must be a DataFrame of sellers, or one seller as a dict/Series, got "
            f"{type(data).__name__}"
        )
    if len(frame) == 0 or len(frame.columns) == 0:
        raise ValueError(
            "data must have at least one seller (row) and one metric column; got an empty table "
            f"({frame.shape[0]} rows, {frame.shape[1]} columns)"
        )
    return frame


def _checked(
    name: str, values: np.ndarray, metric: Metric, where: str
) -> tuple[np.ndarray, float, float]:
    """``values`` as floats, checked finite, >= 0 and in the metric's range; with min and max."""
    if values.dtype != np.float64:
        values = values.astype(float)
    if values.size == 0:
        return values, math.nan, math.nan
    high = metric.high
    # fast path: min and max propagate NaN, so one pass each settles the common, clean case
    low_seen, high_seen = float(values.min()), float(values.max())
    if (
        low_seen >= 0
        and high_seen <= (math.inf if high is None else high)
        and math.isfinite(high_seen)
    ):
        return values, low_seen, high_seen
    allowed = f"from 0 to {high:g}" if high is not None else "of at least 0"
    bad = ~np.isfinite(values) | (values < 0) | ((values > high) if high is not None else False)
    row = int(np.flatnonzero(bad)[0])
    raise ValueError(
        f"{where}, row {row + 1}: {name} must be a finite number {allowed} ({metric.unit}), got "
        f"{values[row]!r}"
    )


def _metric_values(
    frame: pd.DataFrame, name: str, what: str = "column"
) -> tuple[np.ndarray, float, float]:
    """The column ``name`` as floats, checked: numeric, not NaN, not negative, within range."""
    if name not in frame.columns:
        raise ValueError(f"column {name!r} is missing; the data has {list(frame.columns)}")
    column = frame[name]
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        bad = column.map(
            lambda v: (
                isinstance(v, (bool, np.bool_)) or not (isinstance(v, numbers.Real) or v is None)
            )
        )
        bad = bad.to_numpy(dtype=bool)
        if bad.any() or pd.api.types.is_bool_dtype(column):
            row = int(np.flatnonzero(bad)[0]) if bad.any() else 0
            raise TypeError(
                f"{what} {name!r}, row {row + 1}: values must be numbers ({METRICS[name].unit}), "
                f"got {column.iloc[row]!r}"
            )
    values = column.to_numpy()
    if values.dtype != np.float64:
        values = column.to_numpy(dtype=float, na_value=np.nan)
    return _checked("value", values, METRICS[name], f"{what} {name!r}")


def _as_values(name: str, values: Any, metric: Metric) -> np.ndarray:
    """A 1-D float array from array-like ``values`` (parameter ``name``), checked."""
    if isinstance(values, (str, bytes, Mapping)) or values is None:
        raise TypeError(
            f"{name} must be numbers ({metric.unit}), e.g. a list or array, got "
            f"{type(values).__name__}"
        )
    arr = np.asarray(values)
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be numbers ({metric.unit}), got {arr.dtype} values")
    arr = np.atleast_1d(arr.astype(float))
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return _checked("value", arr, metric, name)[0]


def _scale_into(values: np.ndarray, metric: Metric, out: np.ndarray | None = None) -> np.ndarray:
    """The metric on its scale: log10(1 + x) for counts and money, else x; written into ``out``
    (a new array if None)."""
    if out is None:
        out = np.empty(values.shape)
    if metric.scale == "log":
        np.add(values, 1.0, out=out)
        np.log10(out, out=out)
    else:
        np.copyto(out, values)
    return out


def _log_minmax_into(
    scaled: np.ndarray, low: float, high: float, weight: float = 1.0, *, clip: bool = True
) -> np.ndarray:
    """THE log-min-max formula, in place: ``weight * 100 * (scaled - low) / (high - low)``.

    ``scaled`` is the metric on its scale (:func:`_scale_into`); ``low`` and ``high`` are the
    reference's minimum and maximum on that scale. Values outside the reference are clipped
    to 0 and ``100 * weight`` (``clip=False`` skips this when the data is its own reference:
    nothing can lie outside). A reference without spread (``high <= low``) gives 50 at its one
    level, 100 above and 0 below, as the percentile method does. Both :func:`metric_scores`
    and the in-place path of :func:`score_sellers` use this function, so they cannot drift.
    """
    if not high > low:
        above, below = scaled > low, scaled < low
        scaled.fill(50.0 * weight)
        scaled[above] = 100.0 * weight
        scaled[below] = 0.0
        return scaled
    np.subtract(scaled, low, out=scaled)  # the minimum scores exactly 0
    np.multiply(scaled, weight * 100.0 / (high - low), out=scaled)
    if clip:
        np.clip(scaled, 0.0, 100.0 * weight, out=scaled)
    return scaled


def metric_scores(
    values: Any, reference: Any, *, metric: str, method: str = "log-minmax"
) -> np.ndarray:
    """Turn raw values of one metric into 0-100 scores against a reference set.

    Parameters
    ----------
    values : array-like of float
        Raw metric values (finite, >= 0; shares at most 1), e.g. follower counts.
    reference : array-like of float
        The reference set's values of the same metric (at least one; same rules).
    metric : str
        A name in :data:`METRICS`; its ``scale`` decides the log transform.
    method : {"log-minmax", "percentile"}
        See the module docstring. ``"log-minmax"`` maps the reference minimum to 0 and maximum
        to 100 on the metric's scale; ``"percentile"`` gives the share of the reference below
        the value (ties count half), times 100. A reference without spread gives 50 at its one
        value, 100 above it and 0 below it under both methods.

    Returns
    -------
    numpy.ndarray
        Scores from 0 to 100, one per value; never decreasing in the value.

    Raises
    ------
    TypeError
        If ``values`` or ``reference`` is not numbers.
    ValueError
        If a value is NaN, infinite, negative or above the metric's range, or the reference is
        empty; or ``metric`` or ``method`` is unknown.
    """
    check_choice("metric", metric, METRICS)
    check_choice("method", method, NORMALISATIONS)
    m = METRICS[metric]
    x = _as_values("values", values, m)
    ref = _as_values("reference", reference, m)
    if ref.size == 0:
        raise ValueError("reference must hold at least one seller's value")
    if method == "percentile":
        ordered = np.sort(ref, kind="stable") if ref.size > 1 else ref
        below = np.searchsorted(ordered, x, side="left")
        upto = np.searchsorted(ordered, x, side="right")
        return (below + upto) * (50.0 / ordered.size)
    scaled_ref = _scale_into(ref, m)
    return _log_minmax_into(_scale_into(x, m), float(scaled_ref.min()), float(scaled_ref.max()))


def score_to_metric(
    score: Any, reference: Any, *, metric: str, method: str = "log-minmax"
) -> np.ndarray:
    """Invert :func:`metric_scores`: the raw value that earns a given score.

    Used to draw thresholds on raw-metric axes. Exact for ``"log-minmax"``; for
    ``"percentile"`` it interpolates between the reference values (a step function has no
    exact inverse).

    Parameters
    ----------
    score : array-like of float
        Scores from 0 to 100.
    reference, metric, method
        As in :func:`metric_scores`.

    Returns
    -------
    numpy.ndarray
        Raw values in the metric's unit (one-dimensional).

    Raises
    ------
    TypeError, ValueError
        As :func:`metric_scores`; a score that is not a number from 0 to 100.
    """
    check_choice("metric", metric, METRICS)
    check_choice("method", method, NORMALISATIONS)
    m = METRICS[metric]
    s = _score_array("score", score if not isinstance(score, numbers.Real) else [score]).reshape(-1)
    ref = np.sort(_as_values("reference", reference, m))
    if ref.size == 0:
        raise ValueError("reference must hold at least one seller's value")
    if method == "percentile":
        ranks = (np.arange(ref.size) + 0.5) * (100.0 / ref.size)
        return np.interp(s, ranks, ref)
    scaled = _scale_into(ref, m)
    low, high = float(scaled.min()), float(scaled.max())
    y = low + s / 100.0 * (high - low)
    return 10.0**y - 1.0 if m.scale == "log" else y


#: A table is scored against itself only if it has at least this many sellers (kit's choice):
#: with fewer, "the best of three" says little, so the teaching set is the reference.
MIN_SELF_REFERENCE = 5
#: Values of the result's ``attrs["reference"]``.
REFERENCES = ("self", "teaching set", "given")


def _spread_problem(frame: pd.DataFrame, names, checked: dict) -> str:
    """Why ``frame`` cannot be its own reference for the metrics ``names`` ("" if it can).

    The checked columns are kept in ``checked`` (name -> values) so they are checked once.
    """
    if len(frame) < MIN_SELF_REFERENCE:
        return (
            f"the table has {len(frame)} seller{'s' if len(frame) != 1 else ''}, fewer than "
            f"{MIN_SELF_REFERENCE}, too few to score against each other"
        )
    for name in names:
        values, low, high = _metric_values(frame, name)
        checked[name] = values
        if not high > low:
            return f"every seller has the same {name} ({low:g}), so it cannot tell them apart"
    return ""


def score_sellers(
    data: Any,
    *,
    weights: Mapping[str, float] | None = None,
    method: str = "log-minmax",
    reference: pd.DataFrame | str | None = None,
) -> pd.DataFrame:
    """Score sellers on anchor influence and audience attractiveness, 0-100 each.

    Parameters
    ----------
    data : DataFrame, or dict / Series for one seller
        One row per seller, with metric columns named as in :data:`METRICS` (raw values: counts,
        CNY, minutes, shares from 0 to 1). Other columns are kept.
    weights : mapping of metric name to float >= 0, optional
        Relative weight of each metric within its dimension (normalised to sum to 1 there).
        Default: :data:`DEFAULT_WEIGHTS` for the metrics both the data and the reference have.
        Each dimension needs one metric with a weight above 0.
    method : {"log-minmax", "percentile"}
        How a raw metric becomes a 0-100 score (see the module docstring).
    reference : None, "self", "teaching set" or DataFrame
        The sellers to compare against.

        - None (default): the table itself if it has at least :data:`MIN_SELF_REFERENCE` (5)
          sellers and every weighted metric varies; otherwise (one seller, a dict, a handful
          of sellers, or a metric all sellers share) the kit's teaching set
          (:func:`load_sellers`), and the result says why.
        - ``"self"``: the table itself; a :class:`ValueError` explains if it is too small or a
          metric does not vary.
        - ``"teaching set"``: the kit's teaching set.
        - a DataFrame: that table.

    Returns
    -------
    pandas.DataFrame
        ``data`` with two more columns, ``influence`` and ``attractiveness`` (0-100). Its
        ``attrs["reference"]`` says what it was scored against (``"self"``, ``"teaching set"``
        or ``"given"``) and ``attrs["reference_note"]`` why, in a sentence ("" when the table
        was its own reference by default or the caller chose).

    Raises
    ------
    TypeError
        If a metric column holds text, or an argument has the wrong type.
    ValueError
        Naming the column: a negative, NaN, infinite or out-of-range metric; a missing weighted
        column; weights all zero for a dimension; an empty table; an unknown method; a table
        that cannot be its own reference when ``reference="self"``; a metric the teaching set
        lacks when the teaching set is the reference.
    """
    single = not isinstance(data, pd.DataFrame)
    frame = _as_frame(data)
    check_choice("method", method, NORMALISATIONS)
    checked: dict[str, np.ndarray] = {}
    kind, ref_frame, weights, note = _choose_reference(frame, weights, reference, single, checked)
    # pandas 3 copies on write, so a shallow copy never lets a change to the result reach the
    # caller's table; pandas 2 needs a real copy for that
    out = frame.copy(deep=not _COPY_ON_WRITE)
    clean = check_weights(weights, frame.columns)
    for dim in DIMENSIONS:
        used = {n: w for n, w in clean.items() if METRICS[n].dimension == dim and w > 0}
        acc = _dimension_score(frame, ref_frame, used, method, checked)
        out[dim] = pd.Series(acc, index=out.index, copy=False)  # acc is ours: no need to copy
    out.attrs["reference"] = kind
    out.attrs["reference_note"] = note
    return out


def _choose_reference(
    frame: pd.DataFrame,
    weights: Mapping[str, float] | None,
    reference: pd.DataFrame | str | None,
    single: bool,
    checked: dict[str, np.ndarray],
) -> tuple[str, pd.DataFrame, Mapping[str, float], str]:
    """Who ``frame`` is scored against: ``(kind, reference table, weights, note)``.

    The kit's rule (module docstring, point 4); the metric columns checked on the way are kept
    in ``checked`` (name -> values), so each is checked once.
    """
    note = ""
    if isinstance(reference, pd.DataFrame):
        if len(reference) == 0:
            raise ValueError("reference must have at least one seller (row); got an empty table")
        kind, ref_frame = "given", reference
    elif reference is None or isinstance(reference, str):
        if reference is not None:
            check_choice("reference", reference, ["self", "teaching set"])
        kind = reference
        if kind in (None, "self"):
            kind, note = _self_or_teaching(frame, weights, kind, single, checked)
        ref_frame = frame
        if kind == "teaching set":
            ref_frame = load_sellers()
            weights = _teaching_set_weights(frame, ref_frame, weights, note)
    else:
        raise TypeError(
            "reference must be None, 'self', 'teaching set' or a DataFrame of sellers, "
            f"got {type(reference).__name__}"
        )
    if weights is None:
        try:
            weights = default_weights([c for c in ref_frame.columns if c in frame.columns])
        except ValueError as exc:
            raise ValueError(
                f"reference ({kind}) and data share no metric for a dimension: {exc}"
            ) from None
    return kind, ref_frame, weights, note


def _self_or_teaching(
    frame: pd.DataFrame,
    weights: Mapping[str, float] | None,
    kind: str | None,
    single: bool,
    checked: dict[str, np.ndarray],
) -> tuple[str, str]:
    """``("self", "")`` when the table can be its own reference, else the teaching set and why."""
    own = default_weights(frame.columns) if weights is None else weights
    if single:
        why = "one seller alone has nobody to be compared with"
    else:
        names = [n for n, w in check_weights(own, frame.columns).items() if w > 0]
        why = _spread_problem(frame, names, checked)
    if why and kind == "self":
        raise ValueError(
            f"reference='self': {why}; score against the teaching set (reference=None or "
            f"'teaching set') or give a larger reference table (reference=DataFrame)"
        )
    if why:
        return "teaching set", f"scored against the kit's teaching set: {why}"
    return "self", ""


def _teaching_set_weights(
    frame: pd.DataFrame,
    teaching: pd.DataFrame,
    weights: Mapping[str, float] | None,
    note: str,
) -> Mapping[str, float]:
    """The weights to score ``frame`` against the teaching set (metrics both tables have)."""
    why = note or "reference=teaching set"
    if weights is None:
        try:
            weights = default_weights([c for c in teaching.columns if c in frame.columns])
        except ValueError as exc:
            raise ValueError(
                f"{why}; but {exc} shared with the teaching set "
                f"(give reference=a table of at least {MIN_SELF_REFERENCE} sellers)"
            ) from None
    missing = [n for n, w in weights.items() if n in METRICS and w and n not in teaching.columns]
    if missing:
        raise ValueError(
            f"{why}; but the teaching set has no {missing[0]!r} to compare with: give weights "
            f"without it, or reference=a table of at least {MIN_SELF_REFERENCE} sellers"
        )
    return weights


def _dimension_score(
    frame: pd.DataFrame,
    ref_frame: pd.DataFrame,
    used: Mapping[str, float],
    method: str,
    checked: dict[str, np.ndarray],
) -> np.ndarray:
    """One dimension's 0-100 score for every seller: the weighted mean of its metric scores."""
    total = sum(used.values())
    same = ref_frame is frame
    acc, scratch = None, None
    for name, w in used.items():
        values = checked[name] if name in checked else _metric_values(frame, name)[0]
        if same and method == "log-minmax":
            # in place, no new arrays: the same formula as metric_scores (pinned by a test)
            if scratch is None:
                scratch = np.empty(len(frame))
            part = _scale_into(
                values, METRICS[name], np.empty(len(frame)) if acc is None else scratch
            )
            part = _log_minmax_into(
                part, float(part.min()), float(part.max()), w / total, clip=False
            )
        else:
            ref = values if same else _metric_values(ref_frame, name, "reference column")[0]
            part = metric_scores(values, ref, metric=name, method=method)  # a new array
            part *= w / total
        acc = part if acc is None else np.add(acc, part, out=acc)
    return np.clip(acc, 0.0, 100.0, out=acc)


# --- classes ----------------------------------------------------------------------------


def _check_model(
    model: str, cuts: Any, bands: Any, share: Any
) -> tuple[tuple[float, float], tuple[float, float, float], float]:
    check_choice("model", model, MODELS)
    for label, value, n in (("cuts", cuts, 2), ("bands", bands, 3)):
        if (
            isinstance(value, (str, bytes, Mapping))
            or not hasattr(value, "__len__")
            or not hasattr(value, "__getitem__")
        ):
            raise TypeError(
                f"{label} must be {n} thresholds from 0 to 100 (a tuple), got "
                f"{type(value).__name__} {value!r}"
            )
    if len(cuts) != 2:
        raise ValueError(f"cuts must be two thresholds (influence, attractiveness), got {cuts!r}")
    ci = check_number("influence threshold", cuts[0], low=0.0, high=100.0)
    ca = check_number("attractiveness threshold", cuts[1], low=0.0, high=100.0)
    if len(bands) != 3:
        raise ValueError(f"bands must be three thresholds of the combined score, got {bands!r}")
    b = tuple(
        check_number(f"band threshold {i + 1}", v, low=0.0, high=100.0) for i, v in enumerate(bands)
    )
    if not (b[0] <= b[1] <= b[2]):
        raise ValueError(
            "bands must be increasing (where the lower, the upper and the top tier start), "
            f"got {bands!r}"
        )
    w = check_number("influence share", share, low=0.0, high=1.0)
    return (ci, ca), b, w  # type: ignore[return-value]


def _score_array(name: str, values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} scores must be numbers from 0 to 100, got {arr.dtype} values")
    arr = arr.astype(float, copy=False)
    if arr.size and arr.min() >= 0 and arr.max() <= 100:  # NaN fails both comparisons
        return arr
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > 100)
    if bad.any():
        row = int(np.flatnonzero(bad.ravel())[0])
        raise ValueError(
            f"{name} score, row {row + 1}: must be from 0 to 100, got {arr.ravel()[row]!r}"
        )
    return arr


def _codes(i: np.ndarray, a: np.ndarray, model: str, cuts, bands, share) -> np.ndarray:
    if model == "quadrant":
        # low-level 0, ordinary 1 (audience-led), famous 2 (influence-led), super 3
        return (a >= cuts[1]).astype(np.int8) + 2 * (i >= cuts[0]).astype(np.int8)
    combined = share * i + (1.0 - share) * a
    return np.searchsorted(np.asarray(bands), combined, side="right").astype(np.int8)


def class_names(model: str = "quadrant") -> tuple[str, ...]:
    """The four names a model gives its groups, lowest first.

    The quadrant model's corners are the paper's four classes (Figure 3); the tiered model's
    bands are tiers of a combined score, named apart from the paper's classes because a
    combined score cannot tell which dimension is strong.

    Parameters
    ----------
    model : {"quadrant", "tiered"}

    Returns
    -------
    tuple of str
        :data:`livekit.vocab.SELLER_CLASSES` or :data:`livekit.vocab.TIERS`.

    Examples
    --------
    >>> class_names("tiered")
    ('bottom tier', 'lower tier', 'upper tier', 'top tier')
    """
    return CLASS_NAMES[check_choice("model", model, MODELS)]


def classify(
    scores: pd.DataFrame,
    *,
    model: str = "quadrant",
    cuts: tuple[float, float] = DEFAULT_CUTS,
    bands: tuple[float, float, float] = DEFAULT_BANDS,
    share: float = 0.5,
) -> pd.Categorical:
    """Put each seller in one of four groups: a class of Figure 3, or a tier of a combined score.

    The quadrant model gives the paper's four classes (the corner reading is the kit's); the
    tiered model gives four tiers, :data:`livekit.vocab.TIERS` (see :func:`class_names`).

    Parameters
    ----------
    scores : DataFrame
        With columns ``influence`` and ``attractiveness``, 0-100 (from :func:`score_sellers`).
    model : {"quadrant", "tiered"}
        The kit's two readings of Figure 3 (see the module docstring).
    cuts : (float, float)
        Quadrant model: influence and attractiveness thresholds, 0-100 (default 50, 50).
    bands : (float, float, float)
        Tiered model: increasing thresholds of the combined score, 0-100 (default 35, 50, 65).
    share : float
        Tiered model: weight of influence in the combined score, 0-1 (default 0.5).

    Returns
    -------
    pandas.Categorical
        Ordered, lowest first: categories ``SELLER_CLASSES`` (low-level < ordinary < famous <
        super) for the quadrant model, ``TIERS`` (bottom < lower < upper < top tier) for the
        tiered one.
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(
            "scores must be a DataFrame with influence and attractiveness columns, got "
            f"{type(scores).__name__}"
        )
    if len(scores) == 0:
        raise ValueError("scores must have at least one seller (row); got an empty table")
    for dim in DIMENSIONS:
        if dim not in scores.columns:
            raise ValueError(f"column {dim!r} is missing from scores; run score_sellers first")
    cuts, bands, share = _check_model(model, cuts, bands, share)
    i = _score_array("influence", scores["influence"].to_numpy())
    a = _score_array("attractiveness", scores["attractiveness"].to_numpy())
    return pd.Categorical.from_codes(_codes(i, a, model, cuts, bands, share), dtype=_DTYPES[model])


def class_of(influence: float, attractiveness: float, **model: Any) -> str:
    """The class (quadrant model) or tier (tiered model) of one seller from its two scores.

    Parameters
    ----------
    influence, attractiveness : float
        The seller's scores, 0-100.
    **model
        ``model``, ``cuts``, ``bands``, ``share`` as in :func:`classify`.

    Returns
    -------
    str
        One of :data:`livekit.vocab.SELLER_CLASSES`, or of :data:`livekit.vocab.TIERS` for the
        tiered model.

    Examples
    --------
    >>> class_of(72, 38)
    'famous'
    >>> class_of(72, 38, model="tiered")
    'upper tier'
    """
    i = check_number("influence", influence, low=0.0, high=100.0)
    a = check_number("attractiveness", attractiveness, low=0.0, high=100.0)
    unknown = set(model) - {"model", "cuts", "bands", "share"}
    if unknown:
        raise TypeError(
            f"class_of got unknown keyword(s) {sorted(unknown)}; use model, cuts, bands, share"
        )
    params = {
        "model": "quadrant",
        "cuts": DEFAULT_CUTS,
        "bands": DEFAULT_BANDS,
        "share": 0.5,
        **model,
    }
    cuts, bands, share = _check_model(
        params["model"], params["cuts"], params["bands"], params["share"]
    )
    code = _codes(np.array([i]), np.array([a]), params["model"], cuts, bands, share)[0]
    return CLASS_NAMES[params["model"]][int(code)]


def class_counts(classes: Any) -> pd.Series:
    """How many sellers are in each class (quadrant model) or tier (tiered model).

    Parameters
    ----------
    classes : array-like of str
        Class names, or tier names, e.g. from :func:`classify`; all of one model.

    Returns
    -------
    pandas.Series
        Counts indexed by the model's four names (:func:`class_names`), lowest first, zeros
        included; the paper's classes for an empty list.

    Raises
    ------
    TypeError
        If ``classes`` is not a list or array (e.g. a number or one string).
    ValueError
        If a name is neither a class nor a tier (e.g. ``"Super"``: names are lower case), if
        classes and tiers are mixed, or if a name is missing.
    """
    if isinstance(classes, (str, bytes, Mapping)) or not hasattr(classes, "__iter__"):
        raise TypeError(
            f"classes must be a list or array of class names {list(SELLER_CLASSES)} or tier "
            f"names {list(TIERS)}, got {type(classes).__name__} {classes!r}"
        )
    dtype = getattr(classes, "dtype", None)
    known = [d for d in _DTYPES.values() if dtype == d]
    if isinstance(classes, (pd.Categorical, pd.Series, pd.Index)) and known:
        cat = pd.Categorical(classes, dtype=known[0])
    else:
        cat = pd.Categorical(list(classes), dtype=_names_dtype(list(classes)))
    if (cat.codes < 0).any():
        raise ValueError(
            f"classes must be names from {list(cat.categories)}; got a missing value at "
            f"position {int(np.flatnonzero(cat.codes < 0)[0])}"
        )
    return pd.Series(
        np.bincount(cat.codes, minlength=4), index=list(cat.categories), name="sellers"
    )


def compare_models(
    scores: pd.DataFrame,
    *,
    cuts: tuple[float, float] = DEFAULT_CUTS,
    bands: tuple[float, float, float] = DEFAULT_BANDS,
    share: float = 0.5,
) -> pd.DataFrame:
    """Both models side by side: each level's class and tier, and how many sellers each holds.

    The two models name their four groups differently (classes and tiers); the kit lines them
    up by level, lowest first, so a seller "changes level" when its tier sits higher or lower
    than its class.

    Parameters
    ----------
    scores : DataFrame
        With columns ``influence`` and ``attractiveness``, 0-100 (from :func:`score_sellers`).
    cuts, bands, share
        The quadrant model's thresholds and the tiered model's bands and influence share, as in
        :func:`classify`.

    Returns
    -------
    DataFrame
        Four rows (levels 1-4, lowest first) with columns ``class``, ``sellers in class``,
        ``tier``, ``sellers in tier``.

    Examples
    --------
    >>> scores = pd.DataFrame({"influence": [45, 92, 30], "attractiveness": [80, 20, 30]})
    >>> compare_models(scores)["sellers in tier"].tolist()
    [1, 0, 2, 0]
    """
    quadrant = class_counts(classify(scores, model="quadrant", cuts=cuts))
    tiered = class_counts(classify(scores, model="tiered", bands=bands, share=share))
    return pd.DataFrame(
        {
            "class": quadrant.index,
            "sellers in class": quadrant.to_numpy(),
            "tier": tiered.index,
            "sellers in tier": tiered.to_numpy(),
        },
        index=pd.RangeIndex(1, 5, name="level"),
    )


def _names_dtype(values: list) -> pd.CategoricalDtype:
    """The categorical of the model whose names ``values`` are (classes or tiers, not both)."""
    everything = set(SELLER_CLASSES) | set(TIERS)
    unknown = sorted({repr(v) for v in values if not (isinstance(v, str) and v in everything)})
    if unknown:
        raise ValueError(
            f"classes must be names from {list(SELLER_CLASSES)} or from {list(TIERS)}; got "
            f"{', '.join(unknown[:5])}"
        )
    for model in CLASS_MODELS:
        if set(values) <= set(CLASS_NAMES[model]):
            return _DTYPES[model]
    raise ValueError(
        "classes mixes the quadrant model's classes and the tiered model's tiers; count one "
        "model at a time"
    )


def class_regions(
    *, model: str = "quadrant", cuts=DEFAULT_CUTS, bands=DEFAULT_BANDS, share: float = 0.5
) -> dict[str, np.ndarray]:
    """The region of the 0-100 x 0-100 score map each class (or tier) covers, as polygons.

    Parameters
    ----------
    model, cuts, bands, share
        As in :func:`classify`.

    Returns
    -------
    dict of str to numpy.ndarray
        The model's names (:func:`class_names`), lowest first -> (k, 2) array of (influence,
        attractiveness) vertices; an empty (0, 2) array if the group has no area. The regions
        tile the square.
    """
    cuts, bands, share = _check_model(model, cuts, bands, share)
    square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
    regions: dict[str, list[tuple[float, float]]] = {}
    if model == "quadrant":
        ci, ca = cuts
        regions["low-level"] = [(0, 0), (ci, 0), (ci, ca), (0, ca)]
        regions["ordinary"] = [(0, ca), (ci, ca), (ci, 100), (0, 100)]
        regions["famous"] = [(ci, 0), (100, 0), (100, ca), (ci, ca)]
        regions["super"] = [(ci, ca), (100, ca), (100, 100), (ci, 100)]
    else:
        edges = (-math.inf, *bands, math.inf)
        for k, name in enumerate(TIERS):
            poly = list(square)
            if edges[k] > -math.inf:
                poly = clip_halfplane(poly, share, 1 - share, edges[k])
            if poly and edges[k + 1] < math.inf:
                poly = clip_halfplane(poly, -share, -(1 - share), -edges[k + 1])
            regions[name] = poly
    return {
        k: (np.asarray(v, dtype=float).reshape(-1, 2) if len(v) >= 3 else np.empty((0, 2)))
        for k, v in regions.items()
    }


def next_class_move(
    influence: float,
    attractiveness: float,
    *,
    model: str = "quadrant",
    cuts=DEFAULT_CUTS,
    bands=DEFAULT_BANDS,
    share: float = 0.5,
) -> dict[str, Any]:
    """The smallest move, in score points, that puts one seller in a higher class.

    Only moves that raise or keep both scores count (a seller does not improve by losing its
    audience), and scores stay within 0-100. "Smallest" is the straight-line length of the
    move on the score map.

    Parameters
    ----------
    influence, attractiveness : float
        The seller's scores, 0-100.
    model, cuts, bands, share
        As in :func:`classify`.

    Returns
    -------
    dict
        ``class`` (now: a class, or a tier for the tiered model), ``target`` (the class or tier
        reached, or None at the top or when nothing higher can be reached), ``d_influence`` and
        ``d_attractiveness`` (points to add), ``distance`` (length of the move; 0 if none).
    """
    i = check_number("influence", influence, low=0.0, high=100.0)
    a = check_number("attractiveness", attractiveness, low=0.0, high=100.0)
    params = dict(model=model, cuts=cuts, bands=bands, share=share)
    cuts, bands, share = _check_model(model, cuts, bands, share)
    now = class_of(i, a, **params)
    rank = CLASS_NAMES[model].index(now)
    candidates: list[tuple[float, float]] = []
    if model == "quadrant":
        ci, ca = cuts
        candidates = [
            (max(ci - i, 0.0), 0.0),
            (0.0, max(ca - a, 0.0)),
            (max(ci - i, 0.0), max(ca - a, 0.0)),
        ]
        candidates = [(di, da) for di, da in candidates if di or da]
    else:
        combined = share * i + (1 - share) * a
        higher = [b for b in bands if b > combined]
        if higher:
            move = shortest_step(higher[0] - combined, share, 100 - i, 100 - a)
            if move is not None:
                candidates.append(move)
    best = None
    for di, da in sorted(candidates, key=lambda d: math.hypot(*d)):
        reached = _nudged_up(i, a, di, da, rank, params)
        if reached is not None:
            best = reached
            break
    if best is None:
        return {
            "class": now,
            "target": None,
            "d_influence": 0.0,
            "d_attractiveness": 0.0,
            "distance": 0.0,
        }
    di, da, target = best
    return {
        "class": now,
        "target": target,
        "d_influence": di,
        "d_attractiveness": da,
        "distance": math.hypot(di, da),
    }


def _nudged_up(
    i: float, a: float, di: float, da: float, rank: int, params: dict
) -> tuple[float, float, str] | None:
    """``(di, da, class reached)`` if the step reaches a class above ``rank``.

    The step is computed exactly, but rounding can leave ``i + di`` a hair under a threshold:
    then it grows by the smallest amounts (doubling from 1e-12 points) along the directions
    that count, up to the edge of the map, until the class is higher or 1e-3 points are spent.
    """
    weights = (
        (1.0, 1.0) if params["model"] == "quadrant" else (params["share"], 1.0 - params["share"])
    )
    grow_i = di > 0 if params["model"] == "quadrant" else weights[0] > 0
    grow_a = da > 0 if params["model"] == "quadrant" else weights[1] > 0
    eps = 1e-12
    names = CLASS_NAMES[params["model"]]
    while True:
        target = class_of(min(i + di, 100.0), min(a + da, 100.0), **params)
        if names.index(target) > rank:
            return di, da, target
        if eps > 1e-3 or not ((grow_i and i + di < 100.0) or (grow_a and a + da < 100.0)):
            return None
        if grow_i:
            di = min(di + eps, 100.0 - i)
        if grow_a:
            da = min(da + eps, 100.0 - a)
        eps *= 2


def metric_needed(
    seller: Mapping[str, float],
    metric: str,
    points: float,
    *,
    reference: pd.DataFrame | None = None,
    weights: Mapping[str, float] | None = None,
    method: str = "log-minmax",
) -> float | None:
    """The value one metric would need to add ``points`` to its dimension's score alone.

    Translates a move on the score map (:func:`next_class_move`) back into something a seller
    can act on: "the same step, made with followers only, means 7 million followers".

    Parameters
    ----------
    seller : dict or Series
        One seller's raw metrics (as for :func:`score_sellers`).
    metric : str
        The metric to change, a name in :data:`METRICS` that the seller has.
    points : float
        Score points to add to the metric's dimension, 0-100.
    reference : None, "teaching set" or DataFrame
        The sellers the scores compare against (default: the teaching set).
    weights, method
        As in :func:`score_sellers`.

    Returns
    -------
    float or None
        The metric's new raw value, or None if even the metric's top score (100) is not enough.
        Exact for ``"log-minmax"``; for ``"percentile"`` the value is interpolated.

    Raises
    ------
    TypeError, ValueError
        Naming the parameter: an unknown metric, points outside 0-100, a seller without the
        metric, a bad reference.
    """
    check_choice("metric", metric, METRICS)
    gain = check_number("points", points, low=0.0, high=100.0)
    check_choice("method", method, NORMALISATIONS)
    if not isinstance(seller, (Mapping, pd.Series)):
        raise TypeError(
            f"seller must be one seller as a dict or Series, got {type(seller).__name__}"
        )
    frame = _as_frame(seller)
    if metric not in frame.columns:
        raise ValueError(
            f"seller: field {metric!r} is missing; the seller has {list(frame.columns)}"
        )
    if reference is None or (isinstance(reference, str) and reference == "teaching set"):
        reference = load_sellers()
    elif not isinstance(reference, pd.DataFrame):
        raise TypeError(
            "reference must be None, 'teaching set' or a DataFrame of sellers, got "
            f"{type(reference).__name__}"
        )
    if len(reference) == 0:
        raise ValueError("reference must have at least one seller (row); got an empty table")
    if weights is None:
        try:
            weights = default_weights([c for c in reference.columns if c in frame.columns])
        except ValueError as exc:
            raise ValueError(
                f"reference and seller share no metric for a dimension: {exc}"
            ) from None
    clean = check_weights(weights, frame.columns)
    dim = METRICS[metric].dimension
    total = sum(w for n, w in clean.items() if METRICS[n].dimension == dim)
    share = clean.get(metric, 0.0) / total
    if share == 0:
        return None
    ref = _metric_values(reference, metric, "reference column")[0]
    now = float(
        metric_scores(
            _metric_values(frame, metric, "seller field")[0], ref, metric=metric, method=method
        )[0]
    )
    wanted = now + gain / share
    if wanted > 100.0 + 1e-9:
        return None
    return float(score_to_metric([min(wanted, 100.0)], ref, metric=metric, method=method)[0])
