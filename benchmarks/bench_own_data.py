"""Benchmark for a user's own data (issue 19): the own-data path against ``pandas.read_csv``.

1. A 200,000-row, three-column seller export (``seller,followers,avg_viewers``, UTF-8, comma)
   read side by side, in one run, by ``pandas.read_csv`` and by the kit's whole own-data path:
   detect (encoding, separator, header, decimal mark), read, validate (every cell, repeats, a
   totals row), score and classify (``read_sellers`` + ``score_sellers`` + ``classify``). The
   two are timed alternately, so both see the same machine load; the ratio of the medians is
   printed against the target (at most 3x).
2. The same through the view's engine (:class:`livekit.seller_data.OwnDataFlow`: a first look
   for the preview and the mapping, then the read and the scores), and the same file with its
   numbers written as platforms write them (``8.6万``, ``10w+``, ``１２００``), which the
   kit's own number reader takes per distinct cell (no target: printed to be honest about it).
3. 20,000 rows uploaded into ``explore_own_data`` (upload -> picture shown) next to
   ``pandas.read_csv`` of the same bytes, and a threshold move on that view.

Run: ``python kit.py bench own_data``. Figures are printed, never asserted.
"""

from __future__ import annotations

import datetime
import io
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks._timing import time_moves

ROWS = 200_000
VIEW_ROWS = 20_000
REPEATS = 7
TARGET = 3.0


def seller_export(rows: int, *, forms: bool = False, seed: int = 19) -> bytes:
    """A seller table as a scraper or a dashboard exports it: names, followers, viewers."""
    rng = np.random.default_rng(seed)
    followers = (10 ** rng.uniform(2, 8, rows)).astype(np.int64)
    viewers = (10 ** rng.uniform(1, 6, rows)).astype(np.int64)
    if forms:
        written_f = [f"{f / 1e4:.1f}万" if f >= 1e5 else str(f) for f in followers]
        written_v = [
            f"{v // 10_000}w+" if v >= 1e5 else f"{v:,}".replace(",", " ") for v in viewers
        ]
    else:
        written_f, written_v = followers.astype(str), viewers.astype(str)
    lines = [f"Seller {k:06d},{f},{v}" for k, (f, v) in enumerate(zip(written_f, written_v))]
    return ("seller,followers,avg_viewers\n" + "\n".join(lines) + "\n").encode()


def own_path(path: Path) -> int:
    """Detect, read, validate, score, classify: what a teacher's one line of code runs."""
    from livekit import seller_data, sellers

    table = seller_data.read_sellers(path)
    classes = sellers.classify(sellers.score_sellers(table))
    return len(classes)


def flow_path(path: Path) -> int:
    """The upload view's engine on the same file: first look, mapping, read, scores, classes."""
    from livekit import sellers
    from livekit.seller_data import OwnDataFlow

    flow = OwnDataFlow(score=sellers.score_sellers, max_bytes=1 << 30)
    flow.load(path.read_bytes(), name=path.name)
    return len(sellers.classify(flow.scored()))


def side_by_side(path: Path, kit, repeats: int = REPEATS) -> tuple[float, float]:
    """Median seconds of ``pandas.read_csv(path)`` and of ``kit(path)``, timed alternately."""
    pd.read_csv(path)
    kit(path)  # warm up: imports, caches
    base, ours = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        pd.read_csv(path)
        base.append(time.perf_counter() - start)
        start = time.perf_counter()
        kit(path)
        ours.append(time.perf_counter() - start)
    return statistics.median(base), statistics.median(ours)


def _line(name: str, base: float, ours: float, target: float | None) -> None:
    ratio = ours / base
    verdict = (
        ""
        if target is None
        else f" {'OK' if ratio <= target else 'MISSED'} (target <= {target:g}x)"
    )
    print(
        f"{name:<46} pandas.read_csv {base * 1000:6.0f} ms | kit {ours * 1000:6.0f} ms | "
        f"{ratio:4.2f}x{verdict}",
        flush=True,
    )


def bench_path() -> None:
    warnings.simplefilter("ignore")  # the forms file says "10w+ read as its bound"
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "sellers_200k.csv"
        plain.write_bytes(seller_export(ROWS))
        forms = Path(folder) / "sellers_200k_forms.csv"
        forms.write_bytes(seller_export(ROWS, forms=True))
        size = plain.stat().st_size / 2**20
        print(f"{ROWS:,} rows x 3 columns ({size:.1f} MB), median of {REPEATS}, alternated:")
        _line("own-data path (read_sellers+score+classify)", *side_by_side(plain, own_path), TARGET)
        _line("the view's engine (OwnDataFlow)", *side_by_side(plain, flow_path), None)
        _line("numbers as platforms write them (8.6万, 10w+)", *side_by_side(forms, own_path), None)


def _upload_value(name: str, content: bytes) -> tuple[dict, ...]:
    """What JupyterLab or Voila hands the kernel on an upload (ipywidgets 8)."""
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        },
    )


def bench_view() -> None:
    from livekit import seller_views

    content = seller_export(VIEW_ROWS)
    base, ours = [], []
    for k in range(REPEATS):
        view = seller_views.explore_own_data(example=False)
        start = time.perf_counter()
        pd.read_csv(io.BytesIO(content))
        base.append(time.perf_counter() - start)
        start = time.perf_counter()
        view.controls["upload"].value = _upload_value(f"sellers_{k}.csv", content)
        ours.append(time.perf_counter() - start)
        assert view.error.value == "" and len(view.shown["classes"]) == VIEW_ROWS
    _line(
        f"{VIEW_ROWS:,} rows uploaded into the view (to picture)",
        statistics.median(base),
        statistics.median(ours),
        None,
    )
    cuts = [30 + (k % 40) for k in range(40)]
    median, p95 = time_moves(lambda v: setattr(view.controls["cut_influence"], "value", v), cuts)
    print(
        f"{'  then a threshold move on that view':<46} median {median:6.1f} ms  p95 {p95:6.1f} ms",
        flush=True,
    )


def main() -> None:
    bench_path()
    bench_view()


if __name__ == "__main__":
    import matplotlib

    matplotlib.use("Agg")
    main()
