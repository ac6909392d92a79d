"""Benchmarks for notebook 2 (seller classification).

1. Classifying 1,000,000 synthetic sellers from raw metrics (scores + classes, vectorised, with
   the input checks) against a per-row Python loop doing the same arithmetic without checks:
   the idiomatic ``itertuples`` loop (the target's baseline) and a leaner loop over Python lists
   (printed too); peak memory of the vectorised run (tracemalloc).
2. A slider move -> finished redraw (PNG bytes ready) for each view, against re-creating the
   figure on every move (what ``interact`` + ``plt.show()`` does).

Run: ``python kit.py bench sellers``. Figures are printed, never asserted.
"""

from __future__ import annotations

import math
import time
import tracemalloc

import numpy as np
import pandas as pd

from benchmarks._timing import naive_png, report, time_moves

N = 1_000_000
LOOP_N = 100_000  # the Python loop is timed on 100,000 rows and scaled up linearly
WEIGHTS = {"followers": 0.6, "celebrity": 0.4, "avg_viewers": 0.5, "conversion": 0.5}


def synthetic_sellers(n: int, seed: int = 2021) -> pd.DataFrame:
    """``n`` synthetic sellers: counts spread evenly over orders of magnitude, related but not
    equal (followers and viewers share a common "size"), shares from 0 to 1."""
    rng = np.random.default_rng(seed)
    size = rng.uniform(0, 1, n)
    return pd.DataFrame(
        {
            "followers": 10 ** (2 + 6 * np.clip(size + rng.normal(0, 0.15, n), 0, 1)),
            "celebrity": rng.uniform(0, 1, n) ** 3,
            "avg_viewers": 10 ** (1 + 5 * np.clip(size + rng.normal(0, 0.25, n), 0, 1)),
            "conversion": 0.2 * rng.uniform(0, 1, n) ** 2,
        }
    )


def classify_vectorised(data: pd.DataFrame) -> pd.Categorical:
    from livekit import sellers

    scored = sellers.score_sellers(data, weights=WEIGHTS, method="log-minmax")
    return sellers.classify(scored, model="quadrant")


def classify_rows(data: pd.DataFrame) -> list[str]:
    """The same log-min-max scores and quadrant classes, one row at a time: the idiomatic
    per-row loop over a DataFrame (``itertuples``), plain arithmetic, no checks."""
    from livekit.vocab import SELLER_CLASSES

    lo = {c: data[c].min() for c in data.columns}
    hi = {c: data[c].max() for c in data.columns}
    lf, hf = math.log10(1 + lo["followers"]), math.log10(1 + hi["followers"])
    lv, hv = math.log10(1 + lo["avg_viewers"]), math.log10(1 + hi["avg_viewers"])
    out = []
    for row in data.itertuples(index=False):
        f = 100 * (math.log10(1 + row.followers) - lf) / (hf - lf)
        c = 100 * (row.celebrity - lo["celebrity"]) / (hi["celebrity"] - lo["celebrity"])
        v = 100 * (math.log10(1 + row.avg_viewers) - lv) / (hv - lv)
        k = 100 * (row.conversion - lo["conversion"]) / (hi["conversion"] - lo["conversion"])
        infl = 0.6 * f + 0.4 * c
        attr = 0.5 * v + 0.5 * k
        out.append(SELLER_CLASSES[(attr >= 50) + 2 * (infl >= 50)])
    return out


def classify_loop(data: pd.DataFrame) -> list[str]:
    """A leaner loop: columns first turned into Python lists, then plain arithmetic per row."""
    from livekit.vocab import SELLER_CLASSES

    cols = {c: data[c].tolist() for c in data.columns}
    logs = {
        c: [math.log10(1 + v) for v in cols[c]] if c in ("followers", "avg_viewers") else cols[c]
        for c in cols
    }
    lo = {c: min(v) for c, v in logs.items()}
    hi = {c: max(v) for c, v in logs.items()}
    out = []
    for k in range(len(data)):
        s = {c: 100 * (logs[c][k] - lo[c]) / (hi[c] - lo[c]) for c in logs}
        infl = 0.6 * s["followers"] + 0.4 * s["celebrity"]
        attr = 0.5 * s["avg_viewers"] + 0.5 * s["conversion"]
        out.append(SELLER_CLASSES[(attr >= 50) + 2 * (infl >= 50)])
    return out


def bench_classify() -> None:
    data = synthetic_sellers(N)
    classify_vectorised(data.head(1000))  # warm up imports

    def median_time(func, arg, repeats):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            func(arg)
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2]

    fast = median_time(classify_vectorised, data, 7)
    classes = classify_vectorised(data)
    small = data.head(LOOP_N)
    rows = median_time(classify_rows, small, 3) * (N / LOOP_N)
    lean = median_time(classify_loop, small, 3) * (N / LOOP_N)
    vector_small = np.asarray(classify_vectorised(small), dtype=object)
    agree = min(
        np.mean(vector_small == np.asarray(classify_rows(small), dtype=object)),
        np.mean(vector_small == np.asarray(classify_loop(small), dtype=object)),
    )
    tracemalloc.start()
    classify_vectorised(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    speedup = rows / fast
    ok = fast <= 0.3 and speedup >= 50
    counts = (
        pd.Series(classes)
        .value_counts()
        .reindex(["low-level", "ordinary", "famous", "super"])
        .tolist()
    )
    print(
        f"classify {N:,} sellers (scores + classes)  vectorised median {fast * 1000:6.0f} ms | "
        f"per-row loop (itertuples) {rows:5.1f} s | {speedup:5.0f}x "
        f"{'OK' if ok else 'MISSED'} (target <= 300 ms, >= 50x)",
        flush=True,
    )
    print(
        f"  leaner loop over Python lists {lean:5.1f} s: {lean / fast:4.0f}x "
        f"(loops timed on {LOOP_N:,} rows, median of 3, scaled to {N:,})",
        flush=True,
    )
    print(f"  loops and vectorised agree on {agree:.1%} of rows; classes {counts}", flush=True)
    print(
        f"  peak memory traced during the vectorised run: {peak / 2**20:6.1f} MiB "
        f"(input frame {data.memory_usage(deep=True).sum() / 2**20:.1f} MiB)",
        flush=True,
    )


def _naive_seller_move(value: float) -> None:
    """Re-create the one-seller figure from scratch on each move and encode it."""

    from livekit import seller_data, seller_metrics, seller_plots, sellers
    from livekit.style import new_figure

    teach = seller_data.load_sellers()
    row = teach.loc[teach["seller"] == "Fruit farmer"].iloc[0].to_dict()
    row["followers"] = value
    scored = sellers.score_sellers(
        {k: row[k] for k in seller_metrics.METRICS if k in row}, reference=teach
    )
    fig = new_figure(7.2, 5.0)
    ax = fig.add_subplot()
    teach_scored = sellers.score_sellers(teach)
    seller_plots.plot_evaluation_map(teach_scored, sellers.classify(teach_scored), ax=ax)
    seller_plots.plot_next_move(
        {
            "influence": scored["influence"].iloc[0],
            "attractiveness": scored["attractiveness"].iloc[0],
        },
        ax=ax,
    )
    naive_png(fig)


def _naive_data_move(threshold: float, dataset: str) -> None:

    from livekit import seller_data, seller_plots, sellers
    from livekit.style import new_figure

    data = seller_data.load_dataset(dataset)
    fig = new_figure(9.6, 5.0)
    ax = fig.add_axes((0.08, 0.11, 0.52, 0.8))
    bar_ax = fig.add_axes((0.8, 0.11, 0.17, 0.5))
    scored = sellers.score_sellers(data)
    classes = sellers.classify(scored, cuts=(threshold, 50))
    seller_plots.plot_evaluation_map(scored, classes, cuts=(threshold, 50), ax=ax)
    seller_plots.plot_class_counts(classes, ax=bar_ax)
    naive_png(fig)


def bench_views() -> None:
    from livekit import seller_views

    one = seller_views.explore_seller()
    followers = [10 ** (3 + 5 * k / 60) for k in range(60)]
    fast = time_moves(lambda v: setattr(one.controls["followers"], "value", v), followers)
    naive = time_moves(_naive_seller_move, followers[::6], warmup=1)
    report("one seller: followers slider", fast, naive)

    for label in ("teaching set (illustrative)", "Twitch top 1,000 (real)"):
        view = seller_views.explore_sellers(label)
        cuts = [30 + (k % 40) for k in range(60)]
        fast = time_moves(
            lambda v, view=view: setattr(view.controls["cut_influence"], "value", v), cuts
        )
        naive = time_moves(lambda v, label=label: _naive_data_move(v, label), cuts[:10], warmup=1)
        short = "teaching" if label.startswith("teaching") else "Twitch 1,000"
        report(f"data set ({short}): threshold slider", fast, naive)
        w = [0.05 + 0.9 * ((k * 7) % 19) / 18 for k in range(60)]
        fast_w = time_moves(
            lambda v, view=view: setattr(view.controls["weight_followers"], "value", v), w
        )
        report(f"data set ({short}): weight slider", fast_w, naive)


def _naive_own_move(threshold: float) -> None:
    """Re-read the uploaded bytes, re-score and redraw the whole own-data figure on each move."""
    from livekit import seller_data, seller_plots, seller_views, sellers
    from livekit.style import new_figure

    mapping = seller_data.guess_columns(
        list(seller_data.sniff(seller_views.own_data_example()).columns)
    )
    mine = seller_data.read_sellers(seller_views.own_data_example(), columns=mapping)
    fig = new_figure(6.6, 4.4)
    ax = fig.add_axes((0.11, 0.12, 0.66, 0.8))
    scored = sellers.score_sellers(mine, reference=seller_data.load_sellers())
    seller_plots.plot_evaluation_map(
        scored,
        sellers.classify(scored, cuts=(threshold, 50)),
        cuts=(threshold, 50),
        labels=mine["seller"].tolist(),
        ax=ax,
    )
    naive_png(fig)


def _naive_anchor_move(percentile: float) -> None:
    from livekit import cases, seller_data, seller_plots, sellers
    from livekit.style import new_figure

    fig = new_figure(6.6, 5.2)
    ax = fig.add_axes((0.11, 0.25, 0.66, 0.68))
    reference = sellers.score_sellers(seller_data.load_sellers())
    placed = cases.place_anchors(percentile)
    for end in ("low", "high"):
        placed[f"class_{end}"] = sellers.classify(
            placed.rename(
                columns={f"influence_{end}": "influence", f"attractiveness_{end}": "attractiveness"}
            )
        )
    seller_plots.plot_anchor_map(
        placed, reference=reference, reference_classes=sellers.classify(reference), ax=ax
    )
    naive_png(fig)


def bench_new_views() -> None:
    """The own-data view (threshold slider, a mapping drop-down) and the real-anchors view."""
    from livekit import seller_views

    own = seller_views.explore_own_data()
    cuts = [30 + (k % 40) for k in range(60)]
    fast = time_moves(lambda v: setattr(own.controls["cut_influence"], "value", v), cuts)
    naive = time_moves(_naive_own_move, cuts[:10], warmup=1)
    report("own data (example): threshold slider", fast, naive)
    picks = ["conversion", ""] * 15  # drop and restore a column: re-read, re-score, redraw
    fast_map = time_moves(lambda v: setattr(own.controls["map_3"], "value", v), picks)
    report("own data (example): mapping drop-down", fast_map, naive)
    anchors = seller_views.explore_anchors()
    percentiles = [5 * (k % 21) for k in range(60)]
    fast = time_moves(lambda v: setattr(anchors.controls["percentile"], "value", v), percentiles)
    naive = time_moves(_naive_anchor_move, percentiles[:10], warmup=1)
    report("real anchors: assumed percentile slider", fast, naive)


def main() -> None:
    bench_classify()
    bench_views()
    bench_new_views()


if __name__ == "__main__":
    import matplotlib

    matplotlib.use("Agg")
    main()
