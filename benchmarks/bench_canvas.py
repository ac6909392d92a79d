"""Notebook 1 views: time from a control change to the finished redraw, fast vs naive.

Fast: the view as the notebook uses it (one figure kept; static parts cached; a move repaints
the changed artists and encodes the PNG). Naive: what ``interact`` with ``plt.show()`` does on
every move: build a new figure with the same plotting functions, draw it and encode it as PNG.
Target: median <= 30 ms and >= 3x faster than the naive way.

Each series is run three times and the run with the lowest median is reported (as ``timeit``
takes the best of several repeats): the machines this runs on are shared, and another process
can slow a whole series down. Fast and naive are treated alike.

    python kit.py bench canvas
"""

from __future__ import annotations

import itertools
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from benchmarks._timing import naive_png, report, time_moves  # noqa: E402

N = 40
REPEATS = 3


def _best(move, values):
    """(median, p95) of the repeat with the lowest median."""
    return min((time_moves(move, values) for _ in range(REPEATS)), key=lambda r: r[0])


def bench_explorer() -> None:
    from livekit import canvas, canvas_plots, canvas_views
    from livekit.vocab import BLOCKS, BUSINESS_MODELS

    # The explorer draws each of its six looks (model x colour) in full on first use and caches
    # it; report that one-off cost separately.
    fresh = canvas_views.explore_canvas()
    model, colors = fresh.controls["model"], fresh.controls["colors"]
    firsts = []
    for widget, value in (
        (model, "online"),
        (model, "offline"),
        (colors, False),
        (model, "online"),
        (model, "live"),
    ):
        start = time.perf_counter()
        widget.value = value
        firsts.append((time.perf_counter() - start) * 1000)
    print(
        f"{'canvas explorer: first visit to a look':<38} "
        f"median {statistics.median(firsts):6.1f} ms  "
        f"max {max(firsts):6.1f} ms (once per model x colour; later visits are cached)",
        flush=True,
    )

    view = canvas_views.explore_canvas()
    controls = view.controls
    blocks = list(itertools.islice(itertools.cycle(BLOCKS), N))

    def fast_block(block):
        controls["block"].value = block

    def naive_block(block):
        ax = canvas_plots.plot_canvas(
            model=controls["model"].value, highlight=block, chain=_chain(canvas.chains_of(block))
        )
        _naive_close(ax.figure)

    report(
        "canvas explorer: pick a block", _best(fast_block, blocks), _best(naive_block, blocks[:10])
    )

    models = list(itertools.islice(itertools.cycle(BUSINESS_MODELS), N))

    def fast_model(model):
        controls["model"].value = model

    def naive_model(model):
        block = controls["block"].value
        ax = canvas_plots.plot_canvas(
            model=model, highlight=block, chain=_chain(canvas.chains_of(block))
        )
        _naive_close(ax.figure)

    report(
        "canvas explorer: switch the model",
        _best(fast_model, models),
        _best(naive_model, models[:10]),
    )

    toggles = [i % 2 == 0 for i in range(N)]

    def fast_colour(flag):
        controls["colors"].value = flag

    def naive_colour(flag):
        block = controls["block"].value
        ax = canvas_plots.plot_canvas(
            model=controls["model"].value,
            color_by_module=flag,
            highlight=block,
            chain=_chain(canvas.chains_of(block)),
        )
        _naive_close(ax.figure)

    report(
        "canvas explorer: colour on/off",
        _best(fast_colour, toggles),
        _best(naive_colour, toggles[:10]),
    )


def _chain(chains):
    return "both" if len(chains) == 2 else (chains[0] if chains else None)


def _naive_close(fig) -> None:
    """The naive redraw's PNG, then the pyplot figure closed (as ``interact`` + ``plt.show()``)."""
    import matplotlib.pyplot as plt

    naive_png(fig)
    plt.close(fig)


def bench_value() -> None:
    from livekit import canvas, canvas_plots, canvas_views
    from livekit.style import new_figure

    view = canvas_views.explore_value_perception()
    slider = view.controls["entertainment"]
    values = [0.5 * (i % 11) for i in range(N)]

    def fast(value):
        slider.value = value

    def naive(value):
        weights = {d: s.value for d, s in view.controls.items()}
        weights["entertainment"] = value
        fig = new_figure(7.5, 3.3)
        ax = fig.add_subplot()
        canvas_plots.plot_value_scores(canvas.value_scores(weights), ax=ax)
        fig.tight_layout()
        naive_png(fig)

    report("value perception: move a weight", _best(fast, values), _best(naive, values[:15]))


def bench_money() -> None:
    from livekit import canvas, canvas_plots, canvas_views
    from livekit.style import new_figure

    view = canvas_views.explore_canvas_money()
    slider = view.controls["wages"]
    values = [5.0 * (i % 40) for i in range(N)]

    def fast(value):
        slider.value = value

    def naive(value):
        amounts = {i: s.value for i, s in view.controls.items()}
        amounts["wages"] = value
        money = canvas.canvas_money(**amounts)
        contents = {
            row.source_block: f"{row.label}\n{row.signed:+,.0f}" for row in money.itertuples()
        }
        fig = new_figure(10.5, 5.0)
        ax = fig.add_axes((0.005, 0.08, 0.6, 0.86))
        canvas_plots.plot_canvas(contents, ax=ax)
        canvas_plots.plot_money(money, ax=fig.add_axes((0.76, 0.12, 0.23, 0.8)))
        naive_png(fig)

    report("canvas to numbers: move a cost", _best(fast, values), _best(naive, values[:10]))


def bench_worksheet() -> None:
    """Not a slider view: a text box re-fits its block's text (the nine texts are repainted).
    Printed for information only."""
    from livekit import canvas_views

    view = canvas_views.worksheet_form()
    box = view.controls["channels"]
    values = [f"Our live room on Douyin, version {i}" for i in range(15)]

    def move(value):
        box.value = value

    median, p95 = time_moves(move, values)
    print(
        f"{'worksheet: type into a block (info)':<38} median {median:6.1f} ms  p95 {p95:6.1f} ms "
        "(text fitting, texts repainted; updates when the box loses focus)",
        flush=True,
    )


def main() -> None:
    bench_explorer()
    bench_value()
    bench_money()
    bench_worksheet()


if __name__ == "__main__":
    main()
