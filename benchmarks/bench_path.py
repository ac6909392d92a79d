"""Path views: slider move -> finished redraw, against re-creating the figure each move.

For each view, "fast" sets a control's ``value`` exactly as a student's drag does (the view's
callback runs the model, moves the artists and blits a PNG into ``view.image``). "Naive" does
what ``interact`` + ``plt.show()`` would: run the same model, build the whole figure again with
the same plot code, and save it as PNG. Target (issue 5): median <= 30 ms and >= 3x faster.
Slider values sweep up and back down in the slider's own steps (a drag); the traffic sweep
also crosses the waterfall's axis limits, so its p95 includes full redraws.
"""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np

from benchmarks._timing import naive_png, report, time_moves
from livekit import modes, path
from livekit import path_views as pv

MOVES = 40


def _values(view) -> dict:
    """The values of a view's controls, by name (what its update reads)."""
    return {name: control.value for name, control in view.controls.items()}


def _cycle(values, n=MOVES):
    return list(itertools.islice(itertools.cycle(values), n))


def _sweep(values, n=MOVES):
    """Up the slider and back down, one step at a time, as a drag does."""
    values = list(values)
    return _cycle(values + values[-2:0:-1], n)


def bench_flow() -> bool:
    view = pv.explore_flow()
    values = _cycle(range(1, len(path.flow_steps()) + 1))

    def fast(v):
        view.controls["step"].value = v

    def naive(v):
        fig, _ = pv._flow_figure(v)
        naive_png(fig)

    return report("flow stepper (step)", time_moves(fast, values), time_moves(naive, values[:15]))


def _alone(purpose) -> dict:
    """What every mode adds alone for ``purpose`` (the chart's outlines)."""
    fit = modes.mode_fit(purpose)
    return dict(zip(fit["mode"], fit["alone"]))


def bench_modes() -> bool:
    view = pv.explore_modes()
    names = list(modes.mode_table()["mode"])
    # one mode button flipped per move, round the seven three times (new combinations each pass)
    flips = _cycle(names * 3)
    purpose = view.controls["purpose"].value

    def fast(name):
        view.controls[name].value = not view.controls[name].value

    def naive(name):
        chosen = [m for m in names if view.controls[m].value != (m == name)]
        result = modes.combine(purpose, chosen)
        fig, _ = pv._modes_figure(result, _alone(purpose))
        naive_png(fig)

    ok = report(
        "seven modes (one mode button)", time_moves(fast, flips), time_moves(naive, flips[:15])
    )
    purposes = _cycle(list(modes.purposes()["purpose"]))

    def fast_purpose(p):
        view.controls["purpose"].value = p

    def naive_purpose(p):
        chosen = [m for m in names if view.controls[m].value]
        fig, _ = pv._modes_figure(modes.combine(p, chosen), _alone(p))
        naive_png(fig)

    ok &= report(
        "seven modes (purpose, first visits redraw)",
        time_moves(fast_purpose, purposes, warmup=0),
        time_moves(naive_purpose, purposes[:12]),
    )
    return ok


def bench_model() -> bool:
    view = pv.explore_model()
    values = _sweep(np.round(np.linspace(0.005, 0.2, 20), 3))

    def fast(v):
        view.controls["conversion"].value = float(v)

    def naive(v):
        result = path.simulate(**{**_values(view), "conversion": float(v)})
        fig, _ = pv._model_figure(result)
        naive_png(fig)

    ok = report(
        "traffic to profit (conversion)", time_moves(fast, values), time_moves(naive, values[:15])
    )
    traffic = _sweep(np.linspace(50_000, 1_000_000, 20))

    def fast_traffic(v):
        view.controls["traffic_per_hour"].value = float(v)

    def naive_traffic(v):
        result = path.simulate(**{**_values(view), "traffic_per_hour": float(v)})
        fig, _ = pv._model_figure(result)
        naive_png(fig)

    ok &= report(
        "traffic to profit (traffic, rescales)",
        time_moves(fast_traffic, traffic),
        time_moves(naive_traffic, traffic[:15]),
    )
    return ok


def bench_channels() -> bool:
    view = pv.explore_channels()
    values = _sweep(np.linspace(0.1, 0.9, 17))

    def fast(v):
        view.controls["anchor_influence"].value = float(v)

    def naive(v):
        both = path.compare_channels(
            path.DEFAULT_MODES, **{**_values(view), "anchor_influence": float(v)}
        )
        fig, _ = pv._channels_figure(both["live"], both["non_live"])
        naive_png(fig)

    return report(
        "live vs non-live (anchor influence)",
        time_moves(fast, values),
        time_moves(naive, values[:15]),
    )


def bench_long_broadcasts() -> bool:
    view = pv.explore_long_broadcasts()
    values = _sweep(np.linspace(0, 1, 21))
    refs = {
        "no variety": path.broadcast_length_curve(pv._HOURS_GRID, variety=0.0),
        "full variety": path.broadcast_length_curve(pv._HOURS_GRID, variety=1.0),
    }

    def fast(v):
        view.controls["variety"].value = float(v)

    def naive(v):
        curve = path.broadcast_length_curve(pv._HOURS_GRID, variety=float(v))
        fig, _ = pv._length_figure(curve, view.controls["hours"].value, refs, None, None)
        naive_png(fig)

    return report(
        "long broadcasts (variety)", time_moves(fast, values), time_moves(naive, values[:15])
    )


def bench_integration() -> bool:
    view = pv.explore_integration()
    names = list(view.controls)
    # one tick box flipped per move, going round the four twice (16 states)
    flips = _cycle([name for _ in range(2) for name in names])
    state = {name: False for name in names}

    def fast(name):
        view.controls[name].value = not view.controls[name].value

    def naive(name):
        state[name] = not state[name]
        fig, _ = pv._integration_figure(
            path.delivery_parameters(), path.delivery_parameters(**state), path.simulate(**state)
        )
        naive_png(fig)

    return report(
        "integration (one switch)", time_moves(fast, flips), time_moves(naive, flips[:15])
    )


def bench_differentiation() -> bool:
    view = pv.explore_differentiation()
    values = _sweep(np.linspace(0, 1, 21))
    reference = path.profit_by_price(pv._PRICE_GRID, differentiation=0.0)

    def fast(v):
        view.controls["differentiation"].value = float(v)

    def naive(v):
        curve = path.profit_by_price(pv._PRICE_GRID, differentiation=float(v))
        fig, _ = pv._differentiation_figure(
            float(v), reference, curve, view.controls["price"].value, None
        )
        naive_png(fig)

    return report(
        "differentiation (share)", time_moves(fast, values), time_moves(naive, values[:15])
    )


def main() -> None:
    results = [
        bench_flow(),
        bench_modes(),
        bench_model(),
        bench_channels(),
        bench_long_broadcasts(),
        bench_integration(),
        bench_differentiation(),
    ]
    print(f"path views on target: {sum(results)} of {len(results)}", flush=True)


if __name__ == "__main__":
    main()
