"""The machinery every slider view shares: a figure that redraws fast, and a view box.

A slider must feel instant. Re-drawing a whole matplotlib figure and encoding it costs about
80 ms; a view built on :class:`FastFigure` draws the parts that never move once, caches them as
a bitmap, and on each move paints only the *animated* artists on top (blitting), then encodes
the pixels with a fast PNG setting. That is 10-20 ms for the figures in this kit (see
``benchmarks/``). The PNG goes into an :class:`ipywidgets.Image`, which does not flicker and,
unlike an Output widget, keeps the notebook testable by nbval.

:class:`View` is the box a notebook shows: a question telling the student what to look for,
the controls, the picture, a readout, and an error line. Errors raised while reacting to a
slider are shown in that line rather than lost, and the controls keep what the student set.

Writing a view: build the controls, build the charts, bind::

    controls = {"price": slider("Price (CNY)", 99, 10, 300, 1)}
    fig = new_figure(7, 4)
    chart = FunnelChart(fig.add_subplot(), start)          # a livekit.charts.Chart
    view = View(title=..., question=..., controls=controls, charts={"funnel": chart},
                figure=FastFigure(fig, animated=chart.artists))

    def update(change):
        result = simulate(price=view.controls["price"].value)
        chart.update(result)
        view.readout.value = f"..."
        view.show(profit=result["profit"])                 # what tests and predictions read
        view.redraw()

    view.bind(update)   # first draw now; errors (first draw included) show in view.error
    return view

A :class:`Prediction` (``View(..., prediction=Prediction(...))``) lets the student commit to a
prediction before moving the controls; the view checks it after every update. Use
:meth:`View.quiet` to set several controls with one update at the end.
"""

from __future__ import annotations

import io
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from . import _html
from ._files import check_path, existing, write_file
from .accessible import (
    AccessibleIntSlider,
    AccessibleSlider,
    FigureImage,
    LiveReadout,
    figure_description,
    html_to_text,
)
from .prediction import judge_prediction
from .style import LINE_COLORS, TEXT_COLORS

__all__ = [
    "FastFigure",
    "View",
    "SaveRow",
    "Prediction",
    "encode_png",
    "save_figure",
    "slider",
    "int_slider",
    "error_message",
    "guard",
]


def encode_png(rgba, width: int, height: int, *, compress_level: int = 1) -> bytes:
    """Encode an RGBA pixel buffer as PNG bytes (Pillow, fast compression).

    Parameters
    ----------
    rgba : buffer
        ``width * height * 4`` bytes, as from ``FigureCanvasAgg.buffer_rgba()``.
    width, height : int
        Size in pixels.
    compress_level : int, 0-9
        zlib level; 1 is several times faster than the default 6 for a few more kilobytes.

    Returns
    -------
    bytes
        A PNG file.
    """
    from PIL import Image

    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.save(out, format="png", compress_level=compress_level)
    return out.getvalue()


class FastFigure:
    """A figure kept for the life of a view, redrawn by blitting its animated artists.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, with an Agg canvas (as from :func:`livekit.style.new_figure`).
    animated : sequence of Artist
        The artists a slider changes. They are excluded from the cached background and painted
        on every :meth:`render`. Everything else is drawn once.

    Notes
    -----
    After changing a *static* artist (an axis limit, a shaded region), call
    :meth:`invalidate`; the next :meth:`render` redraws the whole figure once and caches it.
    """

    def __init__(self, fig: Figure, animated: Iterable[Artist] = ()) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        self.fig = fig
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self._animated: list[Artist] = []
        self._background = None
        self._look = None
        self._looks: dict = {}
        self.animate(*animated)

    @property
    def animated(self) -> tuple[Artist, ...]:
        """The artists painted on every render, in drawing order."""
        return tuple(self._animated)

    def animate(self, *artists: Artist) -> None:
        """Mark more artists as moving; they are painted on every render, in this order."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        self._background = None

    def invalidate(self) -> None:
        """Forget the cached background(s): the next render redraws the static parts."""
        self._background = None
        self._looks.clear()

    def show_look(self, key) -> None:
        """Switch between static looks, keeping one cached background per look.

        Some views have a few static looks (three business models, colour on or off) whose
        drawing is costly. Change the static artists to the look ``key`` (any hashable), then
        call ``show_look(key)``: the first render of a look draws and caches it; returning to it
        later only restores its bitmap.
        """
        if key != self._look:
            self._look = key
            self._background = self._looks.get(key)

    def render(self) -> bytes:
        """Paint the figure and return it as PNG bytes."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            if self._look is not None:
                self._looks[self._look] = self._background
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in self._animated:
            if artist.get_visible():
                artist.draw(renderer)
        width, height = (int(v) for v in canvas.get_width_height(physical=True))
        return encode_png(canvas.buffer_rgba(), width, height)


def save_figure(
    fig: Figure,
    path: str | PathLike,
    *,
    formats: Sequence[str] = ("png", "svg"),
    overwrite: bool = False,
) -> list[Path]:
    """Save a figure for slides, as PNG and SVG by default.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (animated artists included: they are drawn normally for the file).
    path : str or path
        The file name without extension, e.g. ``"exports/canvas"``; folders are created.
    formats : sequence of {"png", "svg", "pdf"}
        Which files to write.
    overwrite : bool, default False
        Refuse to replace an existing file unless True.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    FileExistsError
        One of the files exists and ``overwrite`` is False (nothing is written then).
    """
    stem = check_path(path)
    if stem.suffix.lower() in {".png", ".svg", ".pdf"}:
        stem = stem.with_suffix("")
    allowed = ("png", "svg", "pdf")
    for fmt in formats:
        if fmt not in allowed:
            raise ValueError(f"formats must be chosen from {list(allowed)}, got {fmt!r}")
    targets = [stem.with_suffix(f".{fmt}") for fmt in formats]
    if not overwrite and (problem := existing(targets)):
        raise problem
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        for target, fmt in zip(targets, formats):
            dpi = 200 if fmt == "png" else None

            def draw(handle, fmt=fmt, dpi=dpi):
                fig.savefig(handle, format=fmt, dpi=dpi, bbox_inches="tight")

            write_file(target, draw, overwrite=overwrite)
    finally:
        for artist in animated:
            artist.set_animated(True)
    return targets


def slider(
    description: str,
    value: float,
    low: float,
    high: float,
    step: float,
    *,
    fmt: str = ".2f",
    width: str = "420px",
) -> AccessibleSlider:
    """A float slider in the kit's look: a named native slider, live updates, a formatted readout.

    The slider is a native ``<input type="range">`` with its label (see
    :mod:`livekit.accessible`): keyboard, touch and screen readers work in every front end.
    ``fmt`` is a d3 format (``".2f"``, ``".1%"``, ``".3s"``; see
    :func:`livekit.accessible.format_value`).
    """
    return AccessibleSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=True,
        description_width="180px",
        layout=widgets.Layout(width=width),
    )


def int_slider(
    description: str, value: int, low: int, high: int, step: int = 1, *, width: str = "420px"
) -> AccessibleIntSlider:
    """An integer slider in the kit's look (a named native slider; thousands grouped: 50,000)."""
    return AccessibleIntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        description_width="180px",
        layout=widgets.Layout(width=width),
    )


def error_message(exc: BaseException, *, lead: str = "Cannot update:") -> str:
    """What an error line says about an exception raised while reacting to a student (HTML).

    A :class:`ValueError` or :class:`TypeError` is the kit's way of saying that a value cannot be
    used: its message (which names the field and the allowed range) is shown after ``lead``. Any
    other exception is a fault inside the kit: one sentence says so and what the student can do,
    and the traceback is kept, folded, for the instructor.

    Parameters
    ----------
    exc : BaseException
        The exception caught.
    lead : str
        The bold lead-in before a ValueError's or TypeError's message.

    Returns
    -------
    str
        HTML for an error line.
    """
    if isinstance(exc, (ValueError, TypeError)):
        return _html.message(_html.escape(exc), bold=lead)
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return _html.message(
        f"Something went wrong inside the kit ({type(exc).__name__}), not in what you did. "
        "What you set is kept: move the last control back, or run this cell again; if it "
        "happens again, show the details below to your instructor.",
        bold="Sorry:",
    ) + (
        "<details><summary>Details for your instructor</summary>"
        f"<pre style='white-space:pre-wrap'>{_html.escape(trace)}</pre></details>"
    )


def guard(callback: Callable[..., Any], error: widgets.HTML, *, lead: str = "Cannot update:"):
    """``callback`` wrapped so that any exception it raises is shown in ``error``, never lost.

    ipywidgets swallows what an observer or a button callback raises (in JupyterLab it lands in
    the log console, where no student looks). Every callback a view, form or box registers goes
    through this wrapper or :meth:`View.run`.

    Parameters
    ----------
    callback : callable
        The function to call, with whatever arguments the widget passes.
    error : ipywidgets.HTML
        Where to show the message (see :func:`error_message`); it is not cleared on success,
        since the callback may write its own status there.
    lead : str
        The lead-in for a ValueError's or TypeError's message.

    Returns
    -------
    callable
        Returns what ``callback`` returned, or None after an exception.
    """

    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as exc:  # shown to the student, traceback kept for the instructor
            error.value = error_message(exc, lead=lead)
            return None

    return guarded


class SaveRow(widgets.HBox):
    """A "save" row: a file name, a "replace existing files" tick box, a button, a status line.

    Nothing is overwritten unless the tick box is ticked. The row carries the CSS class
    ``livekit-save`` (the browser tests find it by it).

    Parameters
    ----------
    name : str
        The starting file name (no extension), e.g. ``"exports/canvas"``.
    save : callable
        ``save(name, overwrite) -> list of paths``: writes the files, raising
        :class:`FileExistsError` when a file exists (explained in terms of the tick box),
        ValueError, TypeError or OSError when it cannot write; anything else is shown as a fault
        of the kit.
    label : str
        The button's text, e.g. ``"Save figure"``.
    tooltip : str
        What the button writes.

    Attributes
    ----------
    name : ipywidgets.Text
    overwrite : ipywidgets.Checkbox
        "replace existing files", off by default.
    button : ipywidgets.Button
    status : ipywidgets.HTML
        What was written, or why not.
    """

    def __init__(
        self,
        name: str,
        save: Callable[[str, bool], list[Path]],
        *,
        label: str = "Save figure",
        tooltip: str = "Write the current picture as PNG (200 dpi) and SVG, for slides",
    ) -> None:
        self._save = save
        self.name = widgets.Text(
            value=name,
            description="File name",
            placeholder="folder/name (no extension)",
            style={"description_width": "80px"},
            layout=widgets.Layout(width="340px"),
        )
        self.overwrite = widgets.Checkbox(
            value=False,
            description="replace existing files",
            indent=False,
            layout=widgets.Layout(width="190px"),
        )
        self.button = widgets.Button(description=label, icon="download", tooltip=tooltip)
        self.status = widgets.HTML("")
        self.button.on_click(guard(lambda _button: self.save(), self.status, lead="Not saved:"))
        super().__init__(
            [self.name, self.overwrite, self.button, self.status],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        self.add_class("livekit-save")

    def save(self) -> list[Path]:
        """What the button does: save under the typed name and report in :attr:`status`.

        Returns the files written (empty when nothing was written, e.g. the files exist and
        "replace existing files" is not ticked). A failure clears an earlier success message.
        """
        name = self.name.value.strip()
        if not name:
            self.status.value = _html.message("Type a file name first.")
            return []
        try:
            written = self._save(name, self.overwrite.value)
        except FileExistsError:
            self.status.value = _html.message(
                f"{_html.escape(name)}: the file already exists. Tick <i>replace existing "
                "files</i> or choose another name.",
                bold="Not saved:",
            )
            return []
        except (ValueError, TypeError, OSError) as exc:
            self.status.value = _html.message(_html.escape(exc), bold="Not saved:")
            return []
        files = " and ".join(f"<code>{_html.escape(path)}</code>" for path in written)
        self.status.value = _html.message(f"Saved {files}", "ok")
        return written


class Prediction(widgets.VBox):
    """A "predict, then check" item: the student commits to a prediction, the view checks it.

    The student types a number or picks a choice, then presses *Lock in my prediction* (or
    *Skip*); the input is then frozen. Each time the view updates, :meth:`check` asks
    ``outcome`` what the view now shows for the predicted quantity (or ``None`` while the
    experiment described in the question has not been done yet) and says whether the
    prediction held and, for a number, which way it was off.

    Parameters
    ----------
    question : str
        What to predict and which experiment to run, e.g. "Raise followers to 10 million and
        nothing else: which class does the fruit farmer reach?" (HTML allowed).
    outcome : callable
        ``outcome(shown) -> value or None``, given the view's :attr:`View.shown` dict.
    options : sequence of str, optional
        For a choice: the options offered. Omit for a number.
    low, high : float
        For a number: the allowed range of the prediction.
    step : float
        For a number: the step of the input's arrows.
    start : float, optional
        For a number: where the input starts; by default a neutral value, 0 when the range
        holds it, else ``low``.
    tolerance : float, default 0
        For a number: the prediction holds when ``abs(prediction - outcome) <= tolerance``.
    unit : str
        For a number: the unit shown after the input.
    hint : str, optional
        What to look at when the prediction did not hold (HTML allowed), shown with the verdict.

    Attributes
    ----------
    input : ipywidgets.Dropdown or ipywidgets.BoundedFloatText
    lock, skip : ipywidgets.Button
    verdict : ipywidgets.HTML
    committed : str, float or None
        The locked prediction (None before locking).
    skipped : bool
        Whether the student chose to see the answer without predicting.
    held : bool or None
        Whether the prediction held at the last check (None: not checked yet).
    """

    def __init__(
        self,
        question: str,
        *,
        outcome: Callable[[dict], Any],
        options: Sequence[str] | None = None,
        low: float = 0.0,
        high: float = 100.0,
        step: float = 1.0,
        start: float | None = None,
        tolerance: float = 0.0,
        unit: str = "",
        hint: str = "",
    ) -> None:
        if not callable(outcome):
            raise TypeError("outcome must be a function of the view's shown numbers")
        self.outcome = outcome
        self.options = None if options is None else [str(o) for o in options]
        self.tolerance = float(tolerance)
        self.unit = unit
        self.hint = hint
        if self.options is not None:
            if len(self.options) < 2:
                raise ValueError("options must offer at least two choices")
            self.input = widgets.Dropdown(
                options=[("pick one", None), *[(o, o) for o in self.options]],
                value=None,
                description="I predict",
                style={"description_width": "80px"},
            )
        else:
            if start is None:
                start = 0.0 if low <= 0 <= high else low
            self.input = widgets.BoundedFloatText(
                value=start,
                min=low,
                max=high,
                step=step,
                description="I predict",
                style={"description_width": "80px"},
                layout=widgets.Layout(width="220px"),
            )
        self.lock = widgets.Button(description="Lock in my prediction", icon="lock")
        self.skip = widgets.Button(
            description="Skip", tooltip="Go on without predicting: the numbers show at once"
        )
        self.verdict = widgets.HTML("")
        self.committed: Any = None
        self.skipped = False
        self.held: bool | None = None
        self._last_shown: dict = {}
        self._listeners: list[Callable[[], None]] = []
        self.lock.on_click(guard(lambda _button: self.commit(), self.verdict))
        self.skip.on_click(guard(lambda _button: self.pass_over(), self.verdict))
        head = widgets.HTML(f"<b>Predict, then check.</b> {question}")
        row = widgets.HBox(
            [self.input, widgets.HTML(_html.escape(unit)), self.lock, self.skip],
            layout=widgets.Layout(align_items="center"),
        )
        super().__init__(
            [head, row, self.verdict],
            layout=widgets.Layout(
                border=f"1px dashed {LINE_COLORS['outline']}", padding="4px", margin="4px 0"
            ),
        )
        self.add_class("livekit-predict")

    @property
    def done(self) -> bool:
        """Whether the student has locked a prediction or skipped it (the answer may show)."""
        return self.committed is not None or self.skipped

    def on_done(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` once the prediction is locked or skipped (the answer may show)."""
        self._listeners.append(listener)

    def _finish(self) -> None:
        self.input.disabled = True
        self.lock.disabled = True
        self.skip.disabled = True
        for listener in self._listeners:
            listener()

    def commit(self, value: Any = None) -> None:
        """Lock in the prediction (the input's value, or ``value`` if given)."""
        if value is not None:
            self.input.value = value
        if self.input.value is None:
            self.verdict.value = _html.message("Pick a prediction first.")
            return
        self.committed = self.input.value
        self._finish()
        self.check(self._last_shown)

    def pass_over(self) -> None:
        """Skip predicting: the view shows its numbers at once."""
        self.skipped = True
        self._finish()
        self.verdict.value = "<i>Skipped: no prediction this time.</i>"

    def reset(self) -> None:
        """Unlock the input for a new prediction."""
        self.committed, self.held, self.skipped = None, None, False
        self.input.disabled = False
        self.lock.disabled = False
        self.skip.disabled = False
        self.verdict.value = ""

    def check(self, shown: dict) -> bool | None:
        """Compare the locked prediction with what the view shows now; say so in :attr:`verdict`.

        Returns True or False once the experiment has been done, None before (or before locking).
        """
        self._last_shown = dict(shown)
        if self.committed is None:
            return None
        actual = self.outcome(self._last_shown)
        said = _html.escape(self._text(self.committed))
        if actual is None:
            self.held = None
            self.verdict.value = (
                f"Your prediction: <b>{said}</b>. Now run the experiment with the controls."
            )
            return None
        if self.options is not None:
            held, sentence = judge_prediction(str(self.committed), str(actual), shown_by="the view")
        else:
            held, sentence = judge_prediction(
                float(self.committed),
                float(actual),
                tolerance=self.tolerance,
                relative=False,
                shown_by="the view",
            )
        self.held = held
        if held:
            self.verdict.value = _html.message(_html.escape(sentence), "ok")
        else:
            look = f" Look at {self.hint}" if self.hint else " Why not?"
            self.verdict.value = _html.message(_html.escape(sentence) + look)
        return held

    def _text(self, value: Any) -> str:
        if isinstance(value, (int, float)) and self.options is None:
            return f"{value:g} {self.unit}".strip()
        return str(value)


class View(widgets.VBox):
    """The box a slider view shows: question, controls, picture, readout, error line, save row.

    A view declares its parts: its controls by name, its charts by name, the figure they are
    drawn on, and the numbers it last showed. Build the controls and charts, then
    :meth:`bind` an ``update`` function: it is called once now (the first draw) and on every
    change of a control. Whatever it raises is shown in :attr:`error` (see
    :func:`error_message`), the first draw included, and the controls keep what the student set.

    With a :class:`Prediction`, the readout (the telling numbers) stays hidden until the
    prediction is locked in or skipped.

    Parameters
    ----------
    title : str
        A short name, shown in bold and used as the text representation.
    question : str
        What the student should look for while moving the controls (HTML allowed).
    controls : mapping of str to Widget
        The sliders, pickers and switches, by name (``view.controls["followers"]``).
    layout : Widget, optional
        How to lay the controls out, if not one per line in the order given.
    charts : mapping of str to Chart, optional
        The pictures that update, by name.
    figure : FastFigure, optional
        The figure the charts are drawn on; :meth:`redraw` renders it into :attr:`image`.
    side : Widget, optional
        Something to show to the right of the picture (a table, a readout).
    below : Widget, optional
        Something to show under the readout (a table of sources, a preview).
    prediction : Prediction, optional
        A "predict, then check" item, checked after every update.
    save : bool, default True
        Show a "Save figure" row under the picture (views with a figure only).
    advanced : iterable of str
        Names of controls shown only after the student presses *More controls*: a view shows at
        most 8 controls at first. Leave them out of ``layout``.

    Attributes
    ----------
    controls : dict of str to Widget
    charts : dict of str to Chart
    image : livekit.accessible.FigureImage
        The rendered figure, as PNG bytes in ``image.value``, and its text alternative (what
        the charts show now) in ``image.alt``.
    readout : livekit.accessible.LiveReadout
        Numbers and verdicts for the student (HTML in ``readout.value``), announced to screen
        readers once they settle.
    error : ipywidgets.HTML
        Empty, or the message of the last error raised by an update.
    save_row : SaveRow or None
        The "Save figure" row (None for views without a figure).
    shown : dict
        The numbers and verdicts the view last showed (what tests and predictions read).
    prediction : Prediction or None
    """

    def __init__(
        self,
        *,
        title: str,
        question: str,
        controls: Mapping[str, widgets.Widget] | None = None,
        layout: widgets.Widget | None = None,
        charts: Mapping[str, Any] | None = None,
        figure: FastFigure | None = None,
        side: widgets.Widget | None = None,
        below: widgets.Widget | None = None,
        prediction: Prediction | None = None,
        save: bool = True,
        advanced: Iterable[str] = (),
    ) -> None:
        if controls is not None and not isinstance(controls, Mapping):
            raise TypeError(
                f"controls must be a mapping {{name: widget}}, got {type(controls).__name__}"
            )
        controls = dict(controls or {})
        for name, control in controls.items():
            if not isinstance(control, widgets.Widget):
                raise TypeError(
                    f"controls[{name!r}] must be a widget, got {type(control).__name__}"
                )
        self.title = title
        self.controls: dict[str, widgets.Widget] = controls
        self.charts: dict[str, Any] = dict(charts or {})
        self.fast = figure
        self.prediction = prediction
        self.shown: dict[str, Any] = {}
        self._quiet = 0
        self._missed = False
        self._update: Callable[[dict | None], None] | None = None
        self.heading = widgets.HTML(f"<b>{_html.escape(title)}</b>")
        self.question = widgets.HTML(
            f"<div style='border-left:4px solid {TEXT_COLORS['accent']};padding-left:8px'>"
            f"<b>Look for:</b> {question}</div>"
        )
        self.error = widgets.HTML("")
        hidden = list(advanced)
        unknown = [n for n in hidden if n not in controls]
        if unknown:
            raise ValueError(f"advanced: {unknown} are not controls of this view")
        shown = [c for n, c in controls.items() if n not in hidden]
        self.control_box = layout if layout is not None else widgets.VBox(shown)
        self.more: widgets.ToggleButton | None = None
        if hidden:
            self.control_box = self._with_more(self.control_box, [controls[n] for n in hidden])
        self.image = FigureImage(layout=widgets.Layout(max_width="100%"))
        self.readout = LiveReadout()
        body: list[widgets.Widget] = []
        if figure is not None:
            body.append(self.image)
        if side is not None:
            body.append(side)
        main = widgets.HBox(body) if len(body) > 1 else (body[0] if body else widgets.HBox())
        children = [self.heading, self.question]
        if prediction is not None:
            children.append(prediction)
            self.readout.layout.display = "none"
            prediction.on_done(self._reveal)
        children += [self.control_box, self.error, main, self.readout]
        if below is not None:
            children.append(below)
        self.save_row: SaveRow | None = None
        if figure is not None and save:
            self.save_row = SaveRow(
                f"exports/{_slug(title)}",
                lambda name, overwrite: self.save(name, overwrite=overwrite),
            )
            children.append(self.save_row)
        super().__init__(children)
        self.add_class("livekit-view")

    def __repr__(self) -> str:
        return f"<livekit view: {self.title}>"

    def _reveal(self) -> None:
        self.readout.layout.display = None

    def _with_more(self, box: widgets.Widget, extra: list[widgets.Widget]) -> widgets.VBox:
        """``box``, then a *More controls* toggle that shows the ``extra`` controls."""
        more_box = widgets.VBox(extra, layout=widgets.Layout(display="none"))
        self.more = widgets.ToggleButton(
            value=False,
            description=f"More controls ({len(extra)})",
            tooltip="Show or hide the view's other controls",
        )

        def toggle(change: dict) -> None:
            more_box.layout.display = None if change["new"] else "none"
            self.more.description = (
                "Fewer controls" if change["new"] else f"More controls ({len(extra)})"
            )

        self.more.observe(guard(toggle, self.error), names="value")
        return widgets.VBox([box, self.more, more_box])

    def bind(
        self, update: Callable[[dict | None], None], controls: Iterable[str] | None = None
    ) -> bool:
        """Call ``update(change)`` now (the first draw) and whenever a control changes.

        Parameters
        ----------
        update : callable
            ``update(change)``, where ``change`` is the ipywidgets change dict (None on the
            first draw). It reads the controls, updates the charts, writes :attr:`readout`,
            records what it showed with :meth:`show` and calls :meth:`redraw`.
        controls : iterable of str, optional
            The names of the controls to watch; all of them by default.

        Returns
        -------
        bool
            Whether the first draw succeeded (its error, if any, is shown in :attr:`error`).
        """
        names = list(self.controls) if controls is None else list(controls)
        unknown = [n for n in names if n not in self.controls]
        if unknown:
            raise ValueError(
                f"controls: {unknown} are not controls of this view; it has {list(self.controls)}"
            )
        self._update = update
        for name in names:
            self.controls[name].observe(self._changed, names="value")
        return self.run(update)

    def watch(
        self,
        controls: widgets.Widget | Iterable[widgets.Widget],
        callback: Callable[[dict | None], None],
    ) -> None:
        """Call ``callback(change)`` when any of these widgets changes (errors shown in the view).

        For widgets outside :attr:`controls` (e.g. a button's companion); most views need only
        :meth:`bind`.
        """
        if isinstance(controls, widgets.Widget):
            controls = [controls]

        def watched(change: dict | None = None) -> None:
            if self._quiet:
                self._missed = True
                return
            self.run(callback, change)

        for control in controls:
            control.observe(watched, names="value")

    def _changed(self, change: dict) -> None:
        if self._quiet:
            self._missed = True
            return
        if self._update is not None:
            self.run(self._update, change)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Change several controls without an update for each: one update runs at the end.

        Examples
        --------
        >>> import ipywidgets as widgets
        >>> calls = []
        >>> sliders = {"a": widgets.IntSlider(), "b": widgets.IntSlider()}
        >>> view = View(title="demo", question="?", controls=sliders)
        >>> view.bind(lambda change: calls.append(change))
        True
        >>> with view.quiet():
        ...     view.controls["a"].value = 3
        ...     view.controls["b"].value = 4
        >>> len(calls)  # the first draw, then one update for both changes
        2
        """
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1
        if not self._quiet and self._missed:
            self._missed = False
            if self._update is not None:
                self.run(self._update, None)

    def run(self, callback: Callable[[dict | None], None], change: dict | None = None) -> bool:
        """Run ``callback(change)``, then check the prediction; show any exception in :attr:`error`.

        Returns True when both succeeded. Nothing raised here escapes: a ValueError or TypeError
        shows its message; anything else says that the kit failed, with the traceback folded
        for the instructor (:func:`error_message`).
        """
        try:
            callback(change)
            if self.prediction is not None:
                self.prediction.check(self.shown)
        except Exception as exc:  # shown in the view, never lost in an observer
            self.error.value = error_message(exc)
            return False
        self.error.value = ""
        return True

    def show(self, **numbers: Any) -> None:
        """Record what the view now shows (scores, class, profit...) in :attr:`shown`."""
        self.shown.update(numbers)

    def redraw(self) -> None:
        """Render the figure into :attr:`image` with its text alternative (no-op without a figure).

        The text alternative (``image.alt``) is :func:`~livekit.accessible.figure_description`
        of the view's title and charts (each chart's ``describe()``), or the readout's text
        for a view that draws without charts; picture and text reach the browser together.
        """
        if self.fast is not None:
            png = self.fast.render()
            alt = figure_description(
                self.title, self.charts.values(), html_to_text(self.readout.value)
            )
            with self.image.hold_sync():
                self.image.alt = alt
                self.image.value = png

    def save(self, path: str | PathLike, *, overwrite: bool = False) -> list[Path]:
        """Save the view's current figure as PNG and SVG (see :func:`save_figure`)."""
        if self.fast is None:
            raise ValueError(f"view {self.title!r} has no figure to save")
        return save_figure(self.fast.fig, path, overwrite=overwrite)


def _slug(title: str) -> str:
    slug = "".join(ch if ch.isalnum() else "_" for ch in title.lower()).strip("_") or "figure"
    while "__" in slug:
        slug = slug.replace("__", "_")
    return slug
