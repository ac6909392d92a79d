"""The fast figure and the view box that every slider view is built on."""
import io

import numpy as np
import pytest
from PIL import Image

from livekit.style import kit_style, new_figure
from livekit.views import FastFigure, View, encode_png, save_figure, slider


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _view_with_dot():
    fig = new_figure(4, 3)
    with kit_style():
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        dot, = ax.plot([0.2], [0.5], "s", ms=20, color="#D55E00")
    fast = FastFigure(fig, animated=[dot])
    control = slider("x", 0.2, 0.0, 1.0, 0.05)
    view = View(title="dot", question="watch the dot", controls=[control], figure=fast)

    def update(change=None):
        if control.value > 0.9:
            raise ValueError(f"x must be from 0 to 0.9, got {control.value}")
        dot.set_data([control.value], [0.5])
        view.redraw()

    view.watch(control, update)
    view.run(update)
    return view, control, dot


def test_blitted_render_equals_a_full_redraw():
    view, control, dot = _view_with_dot()
    control.value = 0.7
    fast_png = view.image.value
    dot.set_animated(False)
    view.fast.fig.canvas.draw()
    full = np.asarray(view.fast.fig.canvas.buffer_rgba())[..., :3]
    assert np.array_equal(_pixels(fast_png), full)


def test_moving_the_slider_moves_the_picture_and_keeps_the_background():
    view, control, dot = _view_with_dot()
    before = _pixels(view.image.value)
    control.value = 0.6
    after = _pixels(view.image.value)
    assert dot.get_xdata()[0] == pytest.approx(0.6)
    changed = np.any(before != after, axis=2)
    assert changed.any()
    # only the region around the old and new dot changes: the axes and ticks are untouched
    assert changed.mean() < 0.1


def test_callback_error_is_shown_and_values_are_kept():
    view, control, dot = _view_with_dot()
    control.value = 0.95
    assert "x must be from 0 to 0.9" in view.error.value
    assert control.value == 0.95  # the student's value is not reset
    assert dot.get_xdata()[0] == pytest.approx(0.2)  # and the picture was not changed wrongly
    control.value = 0.5
    assert view.error.value == ""


def test_invalidate_redraws_static_parts():
    view, control, dot = _view_with_dot()
    ax = view.fast.fig.axes[0]
    before = view.image.value
    ax.set_facecolor("#56B4E9")
    view.redraw()
    assert view.image.value == before  # cached background: the static change is not seen yet
    view.fast.invalidate()
    view.redraw()
    assert view.image.value != before


def test_repr_is_short_and_stable():
    view, _, _ = _view_with_dot()
    assert repr(view) == "<livekit view: dot>"


def test_encode_png_round_trip():
    rgba = np.zeros((3, 2, 4), dtype=np.uint8)
    rgba[..., 0] = 255
    rgba[..., 3] = 255
    png = encode_png(rgba.tobytes(), 2, 3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert _pixels(png).shape == (3, 2, 3)


def test_save_figure_writes_png_and_svg_and_refuses_overwrite(tmp_path):
    view, _, _ = _view_with_dot()
    files = view.save(tmp_path / "out" / "dot")
    assert [f.suffix for f in files] == [".png", ".svg"]
    assert all(f.stat().st_size > 0 for f in files)
    assert b"<svg" in files[1].read_bytes()
    with pytest.raises(ValueError, match="already exist"):
        view.save(tmp_path / "out" / "dot")
    save_figure(view.fast.fig, tmp_path / "out" / "dot.png", overwrite=True)
    with pytest.raises(ValueError, match="formats must be chosen from"):
        save_figure(view.fast.fig, tmp_path / "x", formats=("jpg",))
    with pytest.raises(TypeError, match="path must be a file name"):
        save_figure(view.fast.fig, 3)
    assert all(a.get_animated() for a in view.fast.animated)


def test_fast_figure_needs_a_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        FastFigure("not a figure")


def test_show_look_caches_one_background_per_look():
    view, control, dot = _view_with_dot()
    ax = view.fast.fig.axes[0]
    view.fast.show_look("white")
    view.redraw()
    white = view.image.value
    ax.set_facecolor("#56B4E9")
    view.fast.show_look("blue")
    view.redraw()
    blue = view.image.value
    assert blue != white
    ax.set_facecolor("white")
    view.fast.show_look("white")  # restored from cache: no full redraw needed
    view.redraw()
    assert view.image.value == white
    ax.set_facecolor("#56B4E9")
    view.fast.show_look("blue")
    view.redraw()
    assert view.image.value == blue
