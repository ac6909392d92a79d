"""Controls and figures every student can use: by keyboard, by touch, with a screen reader.

ipywidgets' sliders draw their handle as a ``<div role="slider">`` with no name linked to its
label (a screen reader says "slider, 35" and nothing of what it sets), and in Notebook 7 the
arrow keys do not move them; its Image widget is a bare ``<img>`` with no text alternative.
The widgets here are small `anywidget <https://anywidget.dev>`_ widgets on native HTML
elements, which get keyboard, touch and screen-reader support from the browser itself. They
work in JupyterLab, Notebook 7, Voila and the browser edition (JupyterLite), where anywidget's
front-end extension ships inside its Python wheel. The front end is one ES module and one
style sheet, package data in ``livekit/static/``.

- :class:`AccessibleSlider`, :class:`AccessibleIntSlider`, :class:`AccessibleLogSlider`: a
  native ``<input type="range">`` with its ``<label for>`` and a visible readout. Arrow keys,
  Home/End and PageUp/PageDown (a tenth of the range) move it; the screen reader hears the
  label and the formatted value (``aria-valuetext``). The Python side is the one of
  ipywidgets' ``FloatSlider``, ``IntSlider`` and ``FloatLogSlider``: ``value``, ``min``,
  ``max``, ``step``, ``description``, ``readout``, ``readout_format`` (d3-format, see
  :func:`format_value`), ``continuous_update``, ``disabled`` and ``observe``.
- :class:`FigureImage`: a view's picture, PNG bytes in ``value`` (as ``ipywidgets.Image``), shown
  as an ``<img>`` whose ``alt`` is the figure's description (:func:`figure_description`).
- :class:`LiveReadout`: a view's readout, HTML in ``value`` (as ``ipywidgets.HTML``), with a
  polite live region that announces the text once it has settled, not at every drag step.
- :class:`PlayButton`: a play/pause button with a written name (ipywidgets' ``Play`` has icon
  buttons with no name) that steps ``value`` through a range.
- :func:`describe_figure`, :func:`figure_html`, :func:`show_figures_with_text`: the same text
  alternative for a figure drawn by a ``plot_x`` call outside a view. JupyterLab shows a
  matplotlib figure as a bare ``<img>``; after :func:`show_figures_with_text` a notebook shows
  each figure as HTML, an ``<img>`` with its description as ``alt``.

Speed: a slider move travels the same way as with ipywidgets (one message to the kernel, the
PNG back as a binary buffer); see ``benchmarks/bench_accessible.py``.

Examples
--------
>>> s = AccessibleSlider(value=0.02, min=0, max=0.1, step=0.005, description="Conversion rate",
...                      readout_format=".1%")
>>> s.value = 0.5          # clamped to the range, as ipywidgets does
>>> s.value, s.readout_text
(0.1, '10.0%')
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = [
    "AccessibleSlider",
    "AccessibleIntSlider",
    "AccessibleLogSlider",
    "FigureImage",
    "LiveReadout",
    "PlayButton",
    "format_value",
    "figure_description",
    "describe_figure",
    "figure_html",
    "show_figures_with_text",
    "html_to_text",
    "STATIC",
]

#: The front end: one ES module (``widgets.js``) and one style sheet (``widgets.css``).
STATIC = Path(__file__).resolve().parent / "static"
_ESM = STATIC / "widgets.js"
_CSS = STATIC / "widgets.css"


# --------------------------------------------------------------------------------------------
# readout formats (the same rules as formatValue in widgets.js)
# --------------------------------------------------------------------------------------------
_SPEC = re.compile(r"^(,)?(?:\.(\d+))?([dfgse%])?$")
_SI = ["y", "z", "a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"]


def _fixed(value: float, digits: int) -> str:
    """JavaScript's ``toFixed``: the exact binary value, ties away from zero."""
    quantum = Decimal(1).scaleb(-digits)
    text = str(Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))
    return text if "E" not in text else f"{Decimal(text):f}"


def _exponential(value: float, digits: int) -> str:
    """JavaScript's ``toExponential(digits)``: ``1.23e+5``."""
    if value == 0:
        return f"{0:.{digits}f}e+0"
    exact = Decimal(value)
    exponent = exact.adjusted()
    mantissa = (exact.scaleb(-exponent)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    if abs(mantissa) >= 10:  # 9.99 rounded up to 10.0
        exponent += 1
        mantissa = (exact.scaleb(-exponent)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return f"{mantissa:f}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _precision(value: float, digits: int) -> str:
    """JavaScript's ``toPrecision(digits)``."""
    if value == 0:
        return _fixed(0.0, digits - 1)
    short = _exponential(value, digits - 1)
    exponent = int(short.split("e")[1])
    if exponent < -6 or exponent >= digits:
        return short
    return _fixed(value, digits - 1 - exponent)


def format_value(value: float, spec: str) -> str:
    """Format a slider's value as its readout shows it (a subset of d3-format).

    Parameters
    ----------
    value : float
        The value.
    spec : str
        ``[,][.precision][type]`` with type ``d`` (integer), ``f`` (fixed), ``%`` (percent),
        ``e`` (exponent), ``s`` (SI prefix: 6.31M, 3.98k) or ``g`` (significant digits, the
        default); ``,`` groups thousands. Anything else shows the plain number.

    Returns
    -------
    str
        What the readout and the screen reader say (``widgets.js`` formats the same way).

    Examples
    --------
    >>> format_value(0.025, ".1%"), format_value(6_310_000, ".3s"), format_value(50000, ",d")
    ('2.5%', '6.31M', '50,000')
    >>> format_value(99.5, ".2f"), format_value(0.05, ".3g")
    ('99.50', '0.0500')
    """
    match = _SPEC.match(spec or "")
    value = float(value)
    if not match or not math.isfinite(value):
        return _plain(value)
    comma, given, kind = match.group(1), match.group(2), match.group(3) or "g"
    precision = 6 if given is None else int(given)
    if kind == "d":
        text = str(math.floor(value + 0.5))
    elif kind == "f":
        text = _fixed(value, precision)
    elif kind == "%":
        text = _fixed(value * 100, precision)
    elif kind == "e":
        text = _exponential(value, precision)
    elif kind == "s":
        text = _si(value, max(1, precision))
    else:
        text = _precision(value, max(1, precision))
    if text.startswith("-") and float(re.sub(r"[^0-9.e+-]", "", text) or 0) == 0:
        text = text[1:]
    if comma and "e" not in text:
        text = _group(text)
    return text + "%" if kind == "%" else text


def _si(value: float, digits: int) -> str:
    if value == 0:
        return _precision(0.0, digits)
    rounded = float(_precision(value, digits))
    tier = max(-8, min(8, math.floor(math.floor(math.log10(abs(rounded))) / 3)))
    return _precision(value / 10 ** (tier * 3), digits) + _SI[tier + 8]


def _group(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + grouped + ("." + fraction if fraction else "")


def _plain(value: float) -> str:
    """JavaScript's ``String(number)`` for the cases a slider meets."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)


# --------------------------------------------------------------------------------------------
# sliders
# --------------------------------------------------------------------------------------------
class _Widget(anywidget.AnyWidget):
    _esm = _ESM
    _css = _CSS


class _Slider(_Widget):
    """What the three sliders share: the label, the readout, the switches."""

    _kind = traitlets.Unicode("slider").tag(sync=True)
    _scale = traitlets.Unicode("linear").tag(sync=True)
    description = traitlets.Unicode("", help="The label, shown and announced.").tag(sync=True)
    tooltip = traitlets.Unicode("", help="Extra help shown on hover.").tag(sync=True)
    readout = traitlets.Bool(True, help="Show the value beside the slider.").tag(sync=True)
    continuous_update = traitlets.Bool(True, help="Update while dragging.").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    description_width = traitlets.Unicode(
        "180px", help="Width of the label column (CSS), so the sliders of a view line up."
    ).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        value = kwargs.pop("value", None)
        low, high = kwargs.pop("min", None), kwargs.pop("max", None)
        if low is not None and high is not None and low > high:
            raise ValueError(f"min ({low}) must not be above max ({high})")
        super().__init__(**kwargs)
        with self.hold_trait_notifications():
            if high is not None:
                self.max = high
            if low is not None:
                self.min = low
            if value is not None:
                self.value = value
        if not self.description.strip():
            raise ValueError("description: a slider needs a name (its visible, announced label)")

    @traitlets.validate("value")
    def _clamp_value(self, proposal):
        return min(max(proposal["value"], self.min), self.max)

    @traitlets.validate("min")
    def _check_min(self, proposal):
        if proposal["value"] > self.max:
            raise traitlets.TraitError(f"min ({proposal['value']}) must not be above max")
        return proposal["value"]

    @traitlets.validate("max")
    def _check_max(self, proposal):
        if proposal["value"] < self.min:
            raise traitlets.TraitError(f"max ({proposal['value']}) must not be below min")
        return proposal["value"]

    @traitlets.observe("min", "max")
    def _keep_value_inside(self, change):
        self.value = min(max(self.value, self.min), self.max)

    @property
    def readout_text(self) -> str:
        """The readout as the student sees (and the screen reader says) it."""
        return format_value(self.value, self.readout_format)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.description!r}: {self.readout_text}>"


class AccessibleSlider(_Slider):
    """A float slider: a native range input with its label and readout (``FloatSlider``'s API).

    Parameters
    ----------
    value, min, max, step : float
        As ipywidgets' ``FloatSlider`` (the value is clamped to ``[min, max]``).
    description : str
        The label: shown, and the slider's accessible name. Required.
    readout_format : str, default ".2f"
        How the value is written (see :func:`format_value`).
    readout, continuous_update, disabled : bool
    description_width : str
        CSS width of the label column (default ``"180px"``).
    tooltip : str
        Extra help on hover.
    layout : ipywidgets.Layout, optional
        As for any widget (e.g. ``Layout(width="420px")``).
    """

    value = traitlets.CFloat(0.0).tag(sync=True)
    min = traitlets.CFloat(0.0).tag(sync=True)
    max = traitlets.CFloat(100.0).tag(sync=True)
    step = traitlets.CFloat(0.1).tag(sync=True)
    readout_format = traitlets.Unicode(".2f").tag(sync=True)


class AccessibleIntSlider(_Slider):
    """An integer slider (``IntSlider``'s API); the readout format defaults to ``",d"``."""

    value = traitlets.CInt(0).tag(sync=True)
    min = traitlets.CInt(0).tag(sync=True)
    max = traitlets.CInt(100).tag(sync=True)
    step = traitlets.CInt(1).tag(sync=True)
    readout_format = traitlets.Unicode(",d").tag(sync=True)


class AccessibleLogSlider(_Slider):
    """A slider on a log scale (``FloatLogSlider``'s API): ``min``, ``max``, ``step`` are exponents.

    The value moves between ``base ** min`` and ``base ** max``; the keys move the exponent by
    ``step``. The readout format defaults to ``".3s"`` (6.31M, 3.98k).
    """

    _scale = traitlets.Unicode("log").tag(sync=True)
    value = traitlets.CFloat(1.0).tag(sync=True)
    base = traitlets.CFloat(10.0).tag(sync=True)
    min = traitlets.CFloat(0.0).tag(sync=True)
    max = traitlets.CFloat(4.0).tag(sync=True)
    step = traitlets.CFloat(0.1).tag(sync=True)
    readout_format = traitlets.Unicode(".3s").tag(sync=True)

    @traitlets.validate("value")
    def _clamp_value(self, proposal):
        low, high = self.base**self.min, self.base**self.max
        return min(max(proposal["value"], low), high)

    @traitlets.observe("min", "max", "base")
    def _keep_value_inside(self, change):
        low, high = self.base**self.min, self.base**self.max
        self.value = min(max(self.value, low), high)


# --------------------------------------------------------------------------------------------
# the figure, the readout, the play button
# --------------------------------------------------------------------------------------------
class FigureImage(_Widget):
    """A view's picture with its text alternative: PNG bytes in ``value``, the text in ``alt``.

    Set both at once (one message to the browser) with ``hold_sync``::

        with image.hold_sync():
            image.alt, image.value = text, png
    """

    _kind = traitlets.Unicode("figure").tag(sync=True)
    value = traitlets.Bytes(b"", help="The picture's bytes.").tag(sync=True)
    format = traitlets.Unicode("png").tag(sync=True)
    alt = traitlets.Unicode("", help="What the picture shows now, for screen readers.").tag(
        sync=True
    )


class LiveReadout(_Widget):
    """A view's readout (HTML in ``value``), announced politely once it settles.

    The visible text changes at once; a hidden live region (``role="status"``) receives it
    when it has not changed for ``settle_ms`` milliseconds, so a screen reader says where a
    drag ended instead of every step on the way.
    """

    _kind = traitlets.Unicode("readout").tag(sync=True)
    value = traitlets.Unicode("", help="The readout, HTML.").tag(sync=True)
    settle_ms = traitlets.Int(600, help="Quiet time before the change is announced.").tag(sync=True)


class PlayButton(_Widget):
    """A play/pause button with a written name that steps ``value`` from ``min`` to ``max``.

    It replaces ipywidgets' ``Play`` (whose icon-only buttons have no accessible name); link its
    ``value`` to a slider with ``ipywidgets.link``. The stepping runs in the browser, every
    ``interval`` milliseconds; ``aria-pressed`` says whether it plays.
    """

    _kind = traitlets.Unicode("play").tag(sync=True)
    value = traitlets.CInt(0).tag(sync=True)
    min = traitlets.CInt(0).tag(sync=True)
    max = traitlets.CInt(100).tag(sync=True)
    step = traitlets.CInt(1).tag(sync=True)
    interval = traitlets.CInt(1000, help="Milliseconds between steps.").tag(sync=True)
    description = traitlets.Unicode("Play").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    @traitlets.validate("value")
    def _clamp_value(self, proposal):
        return min(max(proposal["value"], self.min), self.max)


# --------------------------------------------------------------------------------------------
# text alternatives
# --------------------------------------------------------------------------------------------
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h\d)>", re.I)


def html_to_text(markup: str) -> str:
    """The text of a readout's HTML, on one line (tags dropped, entities decoded).

    Examples
    --------
    >>> html_to_text("<b>12</b> orders &middot; profit <i>+3</i><br>next")
    '12 orders · profit +3. next'
    """
    text = _BREAK.sub(". ", markup)
    text = html.unescape(_TAG.sub("", text))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"([.!?:])\s*\.\s", r"\1 ", text).strip(" .") if text else ""


def figure_description(title: str, charts: Iterable[Any], fallback: str = "") -> str:
    """The text alternative of a view's figure: its title and what each chart shows now.

    Parameters
    ----------
    title : str
        The view's title.
    charts : iterable of Chart
        The view's charts; each one's ``describe()`` is asked (a chart without one, or whose
        ``describe()`` raises NotImplementedError, is left out).
    fallback : str
        Said when no chart describes itself (a view that draws without charts): for example
        the readout's text.

    Returns
    -------
    str
        ``"Figure: <title>. <chart 1> <chart 2> ..."`` (``"Figure: <chart 1> ..."`` without a
        title).
    """
    body = _chart_sentences(charts)
    if not body and fallback.strip():
        body = _sentence(fallback.strip())
    head = f"Figure: {title.strip()}." if title.strip() else "Figure:"
    return f"{head} {body}".strip()


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _chart_sentences(charts: Iterable[Any]) -> str:
    """What each chart says of itself, one sentence (or more) each."""
    parts = []
    for chart in charts:
        describe = getattr(chart, "describe", None)
        try:
            text = str(describe()).strip() if callable(describe) else ""
        except NotImplementedError:  # a chart not yet describing itself is left out
            text = ""
        if text:
            parts.append(_sentence(text))
    return " ".join(parts)


def describe_figure(fig) -> str:
    """The text alternative of a figure drawn outside a view (by ``plot_x`` calls).

    Each Axes is described by the charts built on it (:func:`livekit.charts.charts_on`), or,
    when it has none, by its title and axis labels.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    str
        ``"Figure: ..."``.

    Examples
    --------
    >>> from livekit.path_plots import plot_buyer_mix
    >>> text = describe_figure(plot_buyer_mix(0.3).figure)
    >>> text.startswith("Figure: Who buys"), "30% value-sensitive buyers" in text
    (True, True)
    """
    from .charts import charts_on

    suptitle = getattr(fig, "_suptitle", None)
    head = suptitle.get_text().strip() if suptitle is not None else ""
    parts = []
    for ax in fig.get_axes():
        said = _chart_sentences(charts_on(ax))
        if said:
            parts.append(said)
            continue
        words = [ax.get_title(loc=loc).strip() for loc in ("left", "center", "right")]
        words += [ax.get_xlabel().strip(), ax.get_ylabel().strip()]
        said = "; ".join(" ".join(w.split()) for w in words if w)
        if said:
            parts.append(said + ".")
    return figure_description(head, [], " ".join(parts))


def figure_html(fig, *, dpi: float | None = None) -> str:
    """A figure as an HTML ``<img>`` (PNG inside) whose ``alt`` is :func:`describe_figure`."""
    import base64
    import io

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi or fig.dpi, bbox_inches="tight")
    data = base64.b64encode(out.getvalue()).decode("ascii")
    alt = html.escape(describe_figure(fig), quote=True)
    return f'<img class="livekit-figure" alt="{alt}" src="data:image/png;base64,{data}">'


def show_figures_with_text(shell=None) -> bool:
    """Make this notebook show matplotlib figures as HTML images with their text alternative.

    Registers :func:`figure_html` as the ``text/html`` form of a Figure in IPython and drops
    the bare ``image/png`` form (JupyterLab would otherwise render the PNG with no ``alt``).

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        Default: the running one.

    Returns
    -------
    bool
        False outside IPython (nothing to do).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    load_backend = getattr(plt, "_get_backend_mod", None)
    if load_backend is not None:
        # The inline backend sets the figure formats when it loads (at the first figure): load
        # it now, so that it does not drop the HTML form registered below.
        load_backend()
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["image/png"].pop(Figure, None)
    return True
