"""The fast figure and the view box that every slider view is built on."""

import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

from livekit.style import kit_style, new_figure
from livekit.views import (
    FastFigure,
    Prediction,
    SaveRow,
    View,
    encode_png,
    error_message,
    guard,
    save_figure,
    slider,
)


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _view_with_dot():
    fig = new_figure(4, 3)
    with kit_style():
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        (dot,) = ax.plot([0.2], [0.5], "s", ms=20, color="#D55E00")
    fast = FastFigure(fig, animated=[dot])
    control = slider("x", 0.2, 0.0, 1.0, 0.05)
    view = View(title="dot", question="watch the dot", controls={"x": control}, figure=fast)

    def update(change=None):
        if control.value > 0.9:
            raise ValueError(f"x must be from 0 to 0.9, got {control.value}")
        dot.set_data([control.value], [0.5])
        view.show(x=control.value)
        view.redraw()

    view.bind(update)
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
    before = files[0].read_bytes()
    with pytest.raises(FileExistsError, match="dot.png and .*dot.svg already exist"):
        view.save(tmp_path / "out" / "dot")
    assert files[0].read_bytes() == before
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


# ------------------------------------------------------------- the declared interface


def test_view_declares_its_parts():
    view, control, _ = _view_with_dot()
    assert view.controls == {"x": control}
    assert isinstance(view.save_row, SaveRow) and view.save_row in view.children
    assert view.shown == {"x": pytest.approx(0.2)}
    assert view.children[:5] == (
        view.heading,
        view.question,
        view.control_box,
        view.error,
        view.image,
    )
    plain = View(title="no picture", question="q", controls={"x": slider("x", 0.5, 0, 1, 0.1)})
    assert plain.save_row is None and plain.fast is None


def test_controls_must_be_widgets_and_bind_names_must_exist():
    with pytest.raises(TypeError, match="controls must be a mapping"):
        View(title="t", question="q", controls=[slider("x", 0.5, 0, 1, 0.1)])
    with pytest.raises(TypeError, match=r"controls\['x'\] must be a widget"):
        View(title="t", question="q", controls={"x": 3})
    view = View(title="t", question="q", controls={"x": slider("x", 0.5, 0, 1, 0.1)})
    with pytest.raises(ValueError, match=r"\['y'\] are not controls of this view"):
        view.bind(lambda change: None, controls=["y"])


def test_first_draw_error_is_reported_in_the_view_not_raised():
    view = View(title="t", question="q", controls={"x": slider("x", 0.5, 0, 1, 0.1)})

    def update(change):
        if view.controls["x"].value < 0.6:
            raise ValueError("x must be at least 0.6")
        view.show(ok=True)

    assert view.bind(update) is False
    assert "x must be at least 0.6" in view.error.value
    view.controls["x"].value = 0.7
    assert view.error.value == "" and view.shown == {"ok": True}


def test_quiet_runs_one_update_for_several_changes():
    calls = []
    view = View(
        title="t", question="q", controls={"a": widgets.IntSlider(), "b": widgets.IntSlider()}
    )
    view.bind(lambda change: calls.append((view.controls["a"].value, view.controls["b"].value)))
    with view.quiet():
        view.controls["a"].value = 3
        view.controls["b"].value = 4
    assert calls == [(0, 0), (3, 4)]
    with view.quiet():
        pass  # nothing changed: no update
    assert len(calls) == 2


def test_prediction_number_is_checked_only_once_the_experiment_is_run():
    prediction = Prediction(
        "x at 0.5?",
        outcome=lambda shown: shown["x"] * 10 if shown["x"] >= 0.5 else None,
        low=0,
        high=10,
        tolerance=0.01,
    )
    control = slider("x", 0.2, 0.0, 1.0, 0.1)
    view = View(title="t", question="q", controls={"x": control}, prediction=prediction)
    view.bind(lambda change: view.show(x=control.value))
    assert prediction in view.children
    prediction.commit(5.0)
    assert (
        prediction.input.disabled
        and prediction.held is None
        and "Now run" in prediction.verdict.value
    )
    control.value = 0.5
    assert prediction.held is True and "prediction held" in prediction.verdict.value
    control.value = 0.6
    assert prediction.held is False and "did not hold" in prediction.verdict.value
    assert "1 too low" in prediction.verdict.value  # said 5, shown 6: which way it was off
    prediction.reset()
    assert not prediction.input.disabled and prediction.committed is None


def test_prediction_choice_needs_a_pick_and_compares_text():
    prediction = Prediction(
        "which?", outcome=lambda shown: shown.get("cls"), options=["famous", "super"]
    )
    prediction.commit()
    assert prediction.committed is None and "Pick a prediction first" in prediction.verdict.value
    prediction.commit("super")
    assert prediction.check({"cls": "famous"}) is False
    assert prediction.check({"cls": "super"}) is True
    with pytest.raises(ValueError, match="at least two"):
        Prediction("q", outcome=lambda s: None, options=["one"])
    with pytest.raises(TypeError, match="outcome must be a function"):
        Prediction("q", outcome=None)


def test_save_row_failure_clears_an_earlier_success(tmp_path):
    calls = []

    def save(name, overwrite):
        calls.append((name, overwrite))
        if len(calls) > 1:
            raise PermissionError("permission denied")
        return [tmp_path / "a.png"]

    row = SaveRow("exports/x", save)
    row.save()
    assert "Saved" in row.status.value
    row.save()
    assert "Not saved" in row.status.value and "Saved" not in row.status.value.replace(
        "Not saved", ""
    )


# --- no error vanishes (issue 16) -----------------------------------------------------------


def _faulty_view(fault):
    control = slider("x", 0.2, 0.0, 1.0, 0.1)
    view = View(title="t", question="q", controls={"x": control})

    def update(change):
        if control.value > 0.5:
            raise fault
        view.readout.value = f"x = {control.value:.1f}"

    view.bind(update)
    return view, control


def test_a_kit_fault_in_an_update_shows_one_sentence_and_a_folded_traceback():
    view, control = _faulty_view(KeyError("shown"))
    assert view.error.value == ""
    control.value = 0.8  # raises KeyError inside the observer
    message = view.error.value
    assert "Something went wrong inside the kit (KeyError)" in message
    assert "What you set is kept" in message and control.value == 0.8
    assert "<details><summary>Details for your instructor</summary>" in message
    assert "Traceback" in message and "KeyError: 'shown'" in message
    control.value = 0.3  # the next good move clears it
    assert view.error.value == "" and view.readout.value == "x = 0.3"


def test_a_bad_value_shows_its_message_without_a_traceback():
    view, control = _faulty_view(ValueError("x must be at most 0.5, got 0.8"))
    control.value = 0.8
    assert "Cannot update:" in view.error.value and "at most 0.5" in view.error.value
    assert "<details>" not in view.error.value


def test_a_fault_in_the_prediction_check_is_shown_not_lost():
    def outcome(shown):
        return shown["missing"]  # a KeyError in the prediction's own check

    prediction = Prediction("?", outcome=outcome, low=0, high=10)
    control = slider("x", 0.2, 0.0, 1.0, 0.1)
    view = View(title="t", question="q", controls={"x": control}, prediction=prediction)
    view.bind(lambda change: view.show(x=control.value))
    prediction.lock.click()  # the button's callback raises inside the check
    assert "KeyError" in prediction.verdict.value
    control.value = 0.4  # and the view's update path too
    assert "KeyError" in view.error.value


def test_a_fault_in_a_button_is_shown_in_its_status(tmp_path):
    def broken(name, overwrite):
        raise RuntimeError("disk on fire")

    row = SaveRow("x", broken)
    row.button.click()
    assert "Something went wrong inside the kit (RuntimeError)" in row.status.value


def test_guard_passes_results_through_and_shows_faults():
    line = widgets.HTML("")
    assert guard(lambda a, b: a + b, line)(1, 2) == 3 and line.value == ""
    assert guard(lambda: 1 / 0, line)() is None
    assert "ZeroDivisionError" in line.value
    fault = error_message(OSError("no room"))  # a fault: the sentence, the details folded
    assert fault.index("inside the kit") < fault.index("<details>") < fault.index("no room")
    assert "Cannot update:" in error_message(TypeError("x must be a number"))


def test_the_readout_waits_for_the_prediction():
    prediction = Prediction("?", outcome=lambda shown: None, options=["a", "b"])
    control = slider("x", 0.2, 0.0, 1.0, 0.1)
    view = View(title="t", question="q", controls={"x": control}, prediction=prediction)
    view.bind(lambda change: setattr(view.readout, "value", f"x = {control.value}"))
    assert view.readout.layout.display == "none" and view.readout.value == "x = 0.2"
    prediction.skip.click()
    assert prediction.skipped and prediction.input.disabled and view.readout.layout.display is None


def test_a_number_prediction_starts_at_a_neutral_value():
    assert Prediction("?", outcome=lambda s: None, low=-2000, high=2000).input.value == 0
    assert Prediction("?", outcome=lambda s: None, low=10, high=20).input.value == 10
    assert Prediction("?", outcome=lambda s: None, low=10, high=20, start=15).input.value == 15


def test_advanced_controls_wait_behind_a_toggle_and_still_update():
    calls = []
    controls = {name: slider(name, 0.2, 0.0, 1.0, 0.1) for name in "abc"}
    view = View(title="t", question="q", controls=controls, advanced=["c"])
    view.bind(lambda change: calls.append(change))
    hidden = view.control_box.children[2]
    assert controls["c"] in hidden.children and hidden.layout.display == "none"
    assert controls["a"] in view.control_box.children[0].children
    view.more.value = True
    assert hidden.layout.display is None and view.more.description == "Fewer controls"
    controls["c"].value = 0.5
    assert len(calls) == 2
    with pytest.raises(ValueError, match=r"advanced: \['z'\] are not controls"):
        View(title="t", question="q", controls=controls, advanced=["z"])
