"""What the text alternatives cost a slider move, view by view (livekit/accessible.py).

For each view, "move" sets its first slider's ``value`` as a student's drag does (the view's
update runs the model, moves the artists, renders the PNG and, since the accessible widgets,
writes the figure's text alternative from every chart's ``describe()``); "describe" times that
text alone. The browser's part (key press to new picture) is measured by the browser tests.
"""

from __future__ import annotations

import importlib
import itertools
import statistics
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np

from benchmarks._timing import percentile, time_moves
from livekit.accessible import (
    AccessibleIntSlider,
    AccessibleLogSlider,
    AccessibleSlider,
    figure_description,
    html_to_text,
)

MOVES = 30
SLIDERS = (AccessibleSlider, AccessibleIntSlider, AccessibleLogSlider)


def _views():
    root = Path(__file__).resolve().parent.parent / "livekit"
    found = []
    for path in sorted(root.glob("*_views.py")):
        module = importlib.import_module(f"livekit.{path.stem}")
        found += [(path.stem, n) for n in module.__all__ if n.startswith("explore_")]
    return found


def _sweep(slider, n=MOVES) -> list:
    """Up the slider and back down in about ten even steps (a drag)."""
    if isinstance(slider, AccessibleLogSlider):
        exponents = np.linspace(slider.min, slider.max, 10)
        values = [float(slider.base**e) for e in exponents]
    else:
        values = list(np.linspace(slider.min, slider.max, 10))
        if isinstance(slider, AccessibleIntSlider):
            values = [int(round(v)) for v in values]
    values = values + values[-2:0:-1]
    return list(itertools.islice(itertools.cycle(values), n))


def _describe_ms(view, repeats: int = 50) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        figure_description(view.title, view.charts.values(), html_to_text(view.readout.value))
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), percentile(samples, 95)


def main() -> None:
    for module_name, func_name in _views():
        view = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)()
        if view.fast is None:
            continue
        name, slider = next(
            ((n, c) for n, c in view.controls.items() if isinstance(c, SLIDERS)), (None, None)
        )
        if slider is None:
            print(f"{func_name:<28} no slider", flush=True)
            continue

        def move(value, slider=slider):
            slider.value = value

        moved = time_moves(move, _sweep(slider))
        said = _describe_ms(view)
        print(
            f"{func_name:<28} move ({name}) median {moved[0]:6.1f} ms  p95 {moved[1]:6.1f} ms"
            f" | text alternative median {said[0]:5.2f} ms  p95 {said[1]:5.2f} ms"
            f" ({len(view.image.alt)} characters)",
            flush=True,
        )


if __name__ == "__main__":
    main()
