"""Timing helpers shared by the benchmarks: one way to measure, for every view.

A "move" is setting a control's ``value`` from Python, which runs the view's callback
synchronously up to the new PNG in ``view.image.value``: exactly the work the kernel does when a
student drags a slider (the browser's part is measured by the browser test).
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable, Iterable, Sequence


def naive_png(fig) -> bytes:
    """The naive redraw's last step: the whole figure drawn and saved as PNG (default settings).

    This is what ``interact`` + ``plt.show()`` does on every move; every benchmark's baseline
    builds its figure from scratch and ends with this call, so all views are compared alike.
    """
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of ``samples`` by nearest rank."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def time_moves(
    move: Callable[[object], None], values: Iterable[object], *, warmup: int = 3
) -> tuple[float, float]:
    """Time ``move(value)`` for each value; return (median, p95) in milliseconds."""
    values = list(values)
    for value in values[:warmup]:
        move(value)
    samples = []
    for value in values:
        start = time.perf_counter()
        move(value)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), percentile(samples, 95)


def report(
    name: str,
    fast: tuple[float, float],
    naive: tuple[float, float],
    *,
    target_ms: float = 30.0,
    min_speedup: float = 3.0,
) -> bool:
    """Print one line comparing a view's fast and naive redraws; return True if on target."""
    speedup = naive[0] / fast[0] if fast[0] > 0 else float("inf")
    ok = fast[0] <= target_ms and speedup >= min_speedup
    print(
        f"{name:<38} fast median {fast[0]:6.1f} ms  p95 {fast[1]:6.1f} ms | "
        f"naive median {naive[0]:6.1f} ms  p95 {naive[1]:6.1f} ms | {speedup:4.1f}x "
        f"{'OK' if ok else 'MISSED'} (target <= {target_ms:g} ms, >= {min_speedup:g}x)",
        flush=True,
    )
    return ok
