"""Notebook 1 views: time from a control change to the finished redraw, fast vs naive.

Fast: the view as the notebook uses it (one figure kept; static parts cached; a move repaints
the changed artists and encodes the PNG). Naive: what ``interact`` with ``plt.show()`` does on
every move: build a new figure with the same plotting functions, draw it and encode it as PNG.
Target: median <= 30 ms and >= 3x faster than the naive way.

    python kit.py bench canvas
"""
from __future__ import annotations

import io
import itertools

import matplotlib

matplotlib.use("Agg")

from benchmarks._timing import report, time_moves  # noqa: E402

N = 40


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def bench_explorer() -> None:
    from livekit import canvas, canvas_plots, canvas_views

    view = canvas_views.explore_canvas()
    blocks = list(itertools.islice(itertools.cycle(canvas.BLOCKS), N))

    def fast_block(block):
        view.block.value = block

    def naive_block(block):
        ax = canvas_plots.draw_canvas(model=view.model.value, highlight=block, chain=_chain(canvas.chains_of(block)))
        _png(ax.figure)

    report("canvas explorer: pick a block", time_moves(fast_block, blocks), time_moves(naive_block, blocks[:12]))

    models = list(itertools.islice(itertools.cycle(canvas.MODELS), N))

    def fast_model(model):
        view.model.value = model

    def naive_model(model):
        block = view.block.value
        ax = canvas_plots.draw_canvas(model=model, highlight=block, chain=_chain(canvas.chains_of(block)))
        _png(ax.figure)

    report("canvas explorer: switch the model", time_moves(fast_model, models), time_moves(naive_model, models[:12]))

    toggles = [i % 2 == 0 for i in range(N)]

    def fast_colour(flag):
        view.colors.value = flag

    def naive_colour(flag):
        block = view.block.value
        ax = canvas_plots.draw_canvas(model=view.model.value, color_by_module=flag, highlight=block,
                                      chain=_chain(canvas.chains_of(block)))
        _png(ax.figure)

    report("canvas explorer: colour on/off", time_moves(fast_colour, toggles), time_moves(naive_colour, toggles[:12]))


def _chain(chains):
    return "both" if len(chains) == 2 else (chains[0] if chains else None)


def bench_value() -> None:
    from livekit import canvas, canvas_plots, canvas_views
    from livekit.style import new_figure

    view = canvas_views.explore_value_perception()
    slider = view.weights["entertainment"]
    values = [0.5 * (i % 11) for i in range(N)]

    def fast(value):
        slider.value = value

    def naive(value):
        weights = {d: s.value for d, s in view.weights.items()}
        weights["entertainment"] = value
        fig = new_figure(7.5, 3.3)
        ax = fig.add_subplot()
        canvas_plots.plot_value_scores(canvas.value_scores(weights), ax=ax)
        fig.tight_layout()
        _png(fig)

    report("value perception: move a weight", time_moves(fast, values), time_moves(naive, values[:20]))


def bench_money() -> None:
    from livekit import canvas, canvas_plots, canvas_views
    from livekit.style import new_figure

    view = canvas_views.explore_canvas_money()
    slider = view.amounts["wages"]
    values = [5.0 * (i % 40) for i in range(N)]

    def fast(value):
        slider.value = value

    def naive(value):
        amounts = {i: s.value for i, s in view.amounts.items()}
        amounts["wages"] = value
        money = canvas.canvas_money(**amounts)
        contents = {row.source_block: f"{row.label}\n{row.signed:+,.0f}" for row in money.itertuples()}
        fig = new_figure(10.5, 5.0)
        ax = fig.add_axes((0.005, 0.08, 0.6, 0.86))
        canvas_plots.draw_canvas(contents, ax=ax)
        canvas_plots.plot_money(money, ax=fig.add_axes((0.76, 0.12, 0.23, 0.8)))
        _png(fig)

    report("canvas to numbers: move a cost", time_moves(fast, values), time_moves(naive, values[:12]))


def bench_worksheet() -> None:
    """Not a slider view: a text box redraws the whole canvas (text is re-fitted). Printed for
    information only."""
    from livekit import canvas_views

    view = canvas_views.worksheet_form()
    box = view.texts["channels"]
    values = [f"Our live room on Douyin, version {i}" for i in range(15)]

    def move(value):
        box.value = value

    median, p95 = time_moves(move, values)
    print(f"{'worksheet: type into a block (info)':<38} median {median:6.1f} ms  p95 {p95:6.1f} ms "
          "(full redraw with text fitting; updates when the box loses focus)", flush=True)


def main() -> None:
    bench_explorer()
    bench_value()
    bench_money()
    bench_worksheet()


if __name__ == "__main__":
    main()
