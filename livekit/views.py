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

Writing a view::

    fig = new_figure(7, 4)
    with kit_style():
        ax = fig.add_subplot()
        ...draw the static parts...
        point, = ax.plot([], [], "o")
    fast = FastFigure(fig, animated=[point])
    view = View(title=..., question=..., controls=[slider], figure=fast)

    def update(change=None):
        point.set_data([x], [y])
        view.readout.value = f"..."
        view.redraw()
    view.watch(slider, update)   # errors inside update show in view.error
    update()
"""
from __future__ import annotations

import io
import os
from os import PathLike
from pathlib import Path
from typing import Callable, Iterable, Sequence

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

__all__ = ["FastFigure", "View", "encode_png", "save_figure", "slider", "int_slider"]


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


def save_figure(fig: Figure, path: str | PathLike, *, formats: Sequence[str] = ("png", "svg"), overwrite: bool = False) -> list[Path]:
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
    """
    if not isinstance(path, (str, PathLike)):
        raise TypeError(f"path must be a file name (str or path), got {type(path).__name__}")
    stem = Path(path)
    if stem.suffix.lower() in {".png", ".svg", ".pdf"}:
        stem = stem.with_suffix("")
    allowed = ("png", "svg", "pdf")
    for fmt in formats:
        if fmt not in allowed:
            raise ValueError(f"formats must be chosen from {list(allowed)}, got {fmt!r}")
    targets = [stem.with_suffix(f".{fmt}") for fmt in formats]
    if not overwrite:
        existing = [str(t) for t in targets if t.exists()]
        if existing:
            raise ValueError(f"path: {existing} already exist; pass overwrite=True to replace")
    stem.parent.mkdir(parents=True, exist_ok=True)
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        for target, fmt in zip(targets, formats):
            tmp = target.with_name(f".{target.name}.tmp")
            fig.savefig(tmp, format=fmt, dpi=200 if fmt == "png" else None, bbox_inches="tight")
            os.replace(tmp, target)
    finally:
        for artist in animated:
            artist.set_animated(True)
    return targets


def slider(description: str, value: float, low: float, high: float, step: float, *, fmt: str = ".2f", width: str = "420px") -> widgets.FloatSlider:
    """A float slider in the kit's look: a readable label, live updates, a formatted readout."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=fmt, continuous_update=True,
        style={"description_width": "180px"}, layout=widgets.Layout(width=width),
    )


def int_slider(description: str, value: int, low: int, high: int, step: int = 1, *, width: str = "420px") -> widgets.IntSlider:
    """An integer slider in the kit's look."""
    return widgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, style={"description_width": "180px"},
        layout=widgets.Layout(width=width),
    )


class View(widgets.VBox):
    """The box a slider view shows: question, controls, picture, readout and error line.

    Parameters
    ----------
    title : str
        A short name, shown in bold and used as the text representation.
    question : str
        What the student should look for while moving the controls (HTML allowed).
    controls : sequence of Widget
        Sliders, dropdowns, toggles, laid out above the picture.
    figure : FastFigure, optional
        The picture; :meth:`redraw` renders it into ``self.image``.
    side : Widget, optional
        Something to show to the right of the picture (a table, a readout).

    Attributes
    ----------
    image : ipywidgets.Image
        The rendered figure, as PNG bytes in ``image.value``.
    readout : ipywidgets.HTML
        Numbers and verdicts a callback writes for the student.
    error : ipywidgets.HTML
        Empty, or the message of the last error raised by a callback.
    save_name, save_overwrite, save_button, save_status : ipywidgets widgets
        The "Save figure" control under the picture (only for views with a figure): a file name
        without extension, a "replace existing files" tick box (off by default, so nothing is
        overwritten by accident), a button writing PNG and SVG through :meth:`save`, and a line
        saying what was written or why not. In the browser the box carries the CSS class
        ``livekit-view`` (the browser tests find views by it).
    """

    def __init__(self, *, title: str, question: str, controls: Sequence[widgets.Widget] = (),
                 figure: FastFigure | None = None, side: widgets.Widget | None = None) -> None:
        self.title = title
        self.fast = figure
        self.heading = widgets.HTML(f"<b>{title}</b>")
        self.question = widgets.HTML(
            f"<div style='border-left:4px solid #0072B2;padding-left:8px'>"
            f"<b>Look for:</b> {question}</div>"
        )
        self.controls = widgets.VBox(list(controls))
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.readout = widgets.HTML("")
        self.error = widgets.HTML("")
        body: list[widgets.Widget] = []
        if figure is not None:
            body.append(self.image)
        if side is not None:
            body.append(side)
        main = widgets.HBox(body) if len(body) > 1 else (body[0] if body else widgets.HBox())
        children = [self.heading, self.question, self.controls, self.error, main, self.readout]
        if figure is not None:
            children.append(self._save_control(title))
        super().__init__(children)
        self.add_class("livekit-view")

    def _save_control(self, title: str) -> widgets.Widget:
        """The "Save figure" row: file name, replace tick box, button, status line."""
        slug = "".join(ch if ch.isalnum() else "_" for ch in title.lower()).strip("_") or "figure"
        while "__" in slug:
            slug = slug.replace("__", "_")
        self.save_name = widgets.Text(
            value=f"exports/{slug}", description="File name",
            placeholder="folder/name (no extension)",
            style={"description_width": "80px"}, layout=widgets.Layout(width="340px"),
        )
        self.save_overwrite = widgets.Checkbox(
            value=False, description="replace existing files", indent=False,
            layout=widgets.Layout(width="190px"),
        )
        self.save_button = widgets.Button(
            description="Save figure", icon="download",
            tooltip="Write the current picture as PNG (200 dpi) and SVG, for slides",
        )
        self.save_status = widgets.HTML("")
        self.save_button.on_click(lambda _button: self.save_from_control())
        row = widgets.HBox(
            [self.save_name, self.save_overwrite, self.save_button, self.save_status],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        row.add_class("livekit-save")
        return row

    def save_from_control(self) -> list[Path]:
        """What the "Save figure" button does: save to the typed name, report in the status line.

        Returns the files written (empty if nothing was written, e.g. the files exist and
        "replace existing files" is not ticked).
        """
        name = self.save_name.value.strip()
        if not name:
            self.save_status.value = "<span style='color:#D55E00'>Type a file name first.</span>"
            return []
        try:
            written = self.save(name, overwrite=self.save_overwrite.value)
        except (ValueError, TypeError, OSError) as exc:
            message = str(exc)
            if "already exist" in message:
                message = (f"{_escape(name)}.png / .svg already exist: tick <i>replace existing files</i> "
                           f"or choose another name.")
            else:
                message = _escape(message)
            self.save_status.value = f"<span style='color:#D55E00'><b>Not saved:</b> {message}</span>"
            return []
        files = " and ".join(f"<code>{_escape(str(path))}</code>" for path in written)
        self.save_status.value = f"<span style='color:#009E73'>✔ Saved {files}</span>"
        return written

    def __repr__(self) -> str:
        return f"<livekit view: {self.title}>"

    def redraw(self) -> None:
        """Render the figure into ``self.image`` (a no-op for views without a figure)."""
        if self.fast is not None:
            self.image.value = self.fast.render()

    def watch(self, controls: widgets.Widget | Iterable[widgets.Widget], callback: Callable[[dict | None], None]) -> None:
        """Call ``callback(change)`` whenever a control's value changes.

        An exception inside the callback is shown in ``self.error`` (and the controls keep the
        student's values); the next successful call clears it.
        """
        if isinstance(controls, widgets.Widget):
            controls = [controls]

        def guarded(change: dict | None = None) -> None:
            self.run(callback, change)

        for control in controls:
            control.observe(guarded, names="value")

    def run(self, callback: Callable[[dict | None], None], change: dict | None = None) -> bool:
        """Run ``callback(change)``, showing any ValueError/TypeError in ``self.error``.

        Returns True when the callback succeeded.
        """
        try:
            callback(change)
        except (ValueError, TypeError) as exc:
            self.error.value = f"<span style='color:#D55E00'><b>Cannot update:</b> {_escape(str(exc))}</span>"
            return False
        self.error.value = ""
        return True

    def save(self, path: str | PathLike, *, overwrite: bool = False) -> list[Path]:
        """Save the view's current figure as PNG and SVG (see :func:`save_figure`)."""
        if self.fast is None:
            raise ValueError(f"view {self.title!r} has no figure to save")
        return save_figure(self.fast.fig, path, overwrite=overwrite)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
