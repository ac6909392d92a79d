"""Drawing the business model canvas, and the bar charts of notebook 1.

Every picture here follows the kit's one pattern (see :mod:`livekit.charts`): a chart object
built once on an Axes, exposing the artists that move as ``.artists`` and changing them in
``.update(...)``, and a thin ``plot_x(data, *, ax=None, ...) -> Axes`` that builds one on the
given Axes or on a new pyplot figure.

- :class:`CanvasChart` / :func:`plot_canvas`: the nine blocks in Osterwalder's classic layout
  (partners | activities over resources | value proposition | relationships over channels |
  segments; cost structure | revenue streams), coloured by the value module of Li (2021),
  Table 1. Each block's text is wrapped by measuring the rendered text, so it never leaves its
  block: when a text is long the font shrinks, down to 9 pt, and only then is the text cut with
  an ellipsis. A block or one of the paper's chains can be highlighted.
- :class:`MoneyCanvasChart`: the canvas with each revenue and cost item written in the block it
  comes from, and revenue, cost and profit in their blocks.
- :class:`ValueScoresChart` / :func:`plot_value_scores` and :class:`MoneyChart` /
  :func:`plot_money`: the bar charts.

Every artist carries a ``gid`` (``"block:channels"``, ``"body:channels"``, ``"outline:channels"``
...), so tests and views can find it, and the SVG export names it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from . import canvas
from ._checks import check_bool, check_choice, check_number, check_text
from .charts import Chart, axes_for, chart_title, join_words, signed
from .path_plots import nice_ceiling
from .style import (
    LINE_COLORS,
    MIN_FONT_PT,
    MODULE_COLORS,
    MODULE_HATCHES,
    MODULE_TINTS,
    OKABE_ITO,
    kit_style,
)
from .vocab import BLOCKS, BUSINESS_MODEL_NAMES, BUSINESS_MODELS, CHAINS, MODULE_NAMES, MODULES

__all__ = [
    "MODEL_COLORS",
    "MODEL_HATCHES",
    "CHAIN_STYLES",
    "CanvasChart",
    "MoneyCanvasChart",
    "ValueScoresChart",
    "MoneyChart",
    "plot_canvas",
    "plot_value_scores",
    "plot_money",
    "fit_text",
]

MODEL_COLORS = {
    "live": OKABE_ITO["reddish_purple"],
    "online": OKABE_ITO["sky_blue"],
    "offline": OKABE_ITO["grey"],
}
MODEL_HATCHES = {"live": "", "online": "//", "offline": ".."}
#: How a highlighted chain's blocks are outlined.
CHAIN_STYLES = {
    "revenue": dict(color=OKABE_ITO["black"], linestyle="--"),
    "cost": dict(color=OKABE_ITO["black"], linestyle=":"),
}

_PAD = 0.15  # canvas units between a block's edge and its text (clear of the outlines)
_SWATCH = 0.26  # side of the module swatch in a block's bottom-right corner, canvas units
_BORDER = LINE_COLORS["edge"]


# --- text fitting ---------------------------------------------------------------------------


def _renderer(fig):
    canvas_ = fig.canvas
    if hasattr(canvas_, "get_renderer"):
        return canvas_.get_renderer()
    return fig._get_renderer()  # pragma: no cover - non-Agg canvases


def _wrap(text: str, width_px: float, measure) -> tuple[list[str], bool]:
    """Greedy word wrap by measured width; words wider than a line are broken.

    Returns the lines and whether a word had to be broken.
    """
    lines: list[str] = []
    broke = False
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width_px:
                line = candidate
                continue
            if line:
                lines.append(line)
            while measure(word) > width_px and len(word) > 1:
                broke = True
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut] + "-") > width_px:
                    cut -= 1
                if (
                    len(word) - cut < 3 and cut > 3
                ):  # no one- or two-letter leftovers ("Manufacturer-s")
                    cut = len(word) - 3
                lines.append(word[:cut] + "-")
                word = word[cut:]
            line = word
        lines.append(line)
    return lines, broke


def fit_text(
    text: Text,
    content: str,
    width_px: float,
    height_px: float,
    *,
    fontsize: float = 10.0,
    min_fontsize: float = MIN_FONT_PT,
    renderer=None,
) -> Text:
    """Set ``content`` on a Text artist, wrapped and sized to fit a box of the given pixels.

    The text is wrapped at word boundaries by measuring each line with the renderer. If it is
    too tall, or a word is wider than the box, the font shrinks in 0.5 pt steps down to
    ``min_fontsize``; if it is still too tall, the last lines are dropped and an ellipsis marks
    the cut.

    Parameters
    ----------
    text : matplotlib.text.Text
        The artist, already in a figure; its font weight and family are kept.
    content : str
        The text to show.
    width_px, height_px : float
        The room available, in display pixels.
    fontsize : float
        The largest font size to try, in points (at least ``min_fontsize``).
    min_fontsize : float
        The smallest font size allowed, in points (default 9).
    renderer : optional
        A matplotlib renderer; by default the figure's.

    Returns
    -------
    matplotlib.text.Text
        The same artist, its text and font size set.
    """
    check_text("content", content)
    check_number("fontsize", fontsize, low=min_fontsize, high=72)
    renderer = renderer or _renderer(text.figure)
    size = fontsize
    while True:
        text.set_fontsize(size)
        prop = text.get_fontproperties()

        def measure(s: str, prop=prop) -> float:
            return renderer.get_text_width_height_descent(s, prop, ismath=False)[0] if s else 0.0

        lines, broke = _wrap(content, width_px, measure)
        text.set_text("\n".join(lines))
        if (_height(text, renderer) <= height_px and not broke) or size <= min_fontsize:
            break
        size = max(min_fontsize, size - 0.5)
    while len(lines) > 1 and _height(text, renderer) > height_px:
        lines = lines[:-1]
        last = lines[-1]
        while last and measure(last + "…") > width_px:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
        text.set_text("\n".join(lines))
    if _height(text, renderer) > height_px or _width(text, renderer) > width_px:
        text.set_text("")  # not even one line fits: show nothing rather than spill out
    return text


def _height(text: Text, renderer) -> float:
    return text.get_window_extent(renderer).height if text.get_text() else 0.0


def _width(text: Text, renderer) -> float:
    return text.get_window_extent(renderer).width if text.get_text() else 0.0


# --- the canvas --------------------------------------------------------------------------------


def _check_contents(contents) -> dict[str, str]:
    if not isinstance(contents, Mapping):
        raise TypeError(
            f"contents must be a mapping {{block: text}}, got {type(contents).__name__}"
        )
    out = {}
    for block, text in contents.items():
        check_choice("contents block", block, BLOCKS)
        out[block] = check_text(f"contents[{block!r}]", text)
    return out


def _resolve_chain(chain) -> tuple[str, ...]:
    if chain is None:
        return ()
    if chain == "both":
        return CHAINS
    check_choice("chain", chain, (*CHAINS, "both"))
    return (chain,)


def _check_highlight(highlight, chain) -> tuple[str | None, tuple[str, ...]]:
    if highlight is not None:
        check_choice("highlight", highlight, BLOCKS)
    return highlight, _resolve_chain(chain)


def _check_canvas(contents, model, color_by_module, fontsize, legend, title) -> dict[str, str]:
    """Check the arguments of a canvas; return its contents (the model's summary by default)."""
    check_choice("model", model, BUSINESS_MODELS)
    check_bool("color_by_module", color_by_module)
    check_bool("legend", legend)
    check_number("fontsize", fontsize, low=MIN_FONT_PT, high=14)
    if title is not None:
        check_text("title", title)
    return canvas.model_contents(model) if contents is None else _check_contents(contents)


class CanvasChart(Chart):
    """The business model canvas on an Axes: blocks, texts, module colours and highlights.

    The blocks, headers, swatches and legend never move. :meth:`update` changes the
    highlight (a block outlined, a chain outlined and the other blocks faded: the moving
    :attr:`artists`) and, when asked, the texts in the blocks and the colouring (a new static
    look: a view that keeps a cached background must redraw it, see
    :meth:`livekit.views.FastFigure.show_look`).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw. Text is fitted to the Axes' size at the time of the call, so size the
        figure (and run any layout) first.
    contents : mapping of str to str, optional
        ``{block id: text}`` to write in the blocks (a worksheet, say); blocks left out are
        empty. By default the kit's summary of ``model``.
    model : {"live", "online", "offline"}
        Whose content to show when ``contents`` is not given.
    color_by_module : bool, default True
        Tint each block with its value module's colour (Li (2021), Table 1), with a hatched
        swatch and a legend for greyscale readers; False draws every block white.
    highlight : str, optional
        A block id to outline in thick black.
    chain : {"revenue", "cost", "both"}, optional
        Outline the blocks of one of the paper's chains (revenue dashed, cost dotted, both solid)
        and fade the others.
    title : str, optional
        A title above the canvas.
    fontsize : float
        Largest body font size in points (9 to 14); long texts shrink to 9 pt, then are cut.
    legend : bool, default True
        Show the value-module legend under the canvas.

    Attributes
    ----------
    patches, swatches, headers, bodies, shades, chain_lines, outlines : dict of str to Artist
        Each block's artists, by block id.
    legend : matplotlib.legend.Legend or None

    Examples
    --------
    >>> from livekit.style import new_figure
    >>> ax = new_figure(9, 6).add_axes((0.01, 0.07, 0.98, 0.92))
    >>> chart = CanvasChart(ax, highlight="channels")
    >>> sorted(b for b, line in chart.outlines.items() if line.get_visible())
    ['channels']
    >>> chart.update(highlight="key_partners", chain="cost")
    >>> sorted(b for b, shade in chart.shades.items() if not shade.get_visible())
    ['cost_structure', 'key_activities', 'key_partners', 'key_resources', 'value_proposition']
    """

    _MAX_FITTED = 1000  # texts remembered (fitted once, set again on every later use)

    def __init__(
        self,
        ax: Axes,
        contents: Mapping[str, str] | None = None,
        *,
        model: str = "live",
        color_by_module: bool = True,
        highlight: str | None = None,
        chain: str | None = None,
        title: str | None = None,
        fontsize: float = 11.0,
        legend: bool = True,
    ) -> None:
        contents = _check_canvas(contents, model, color_by_module, fontsize, legend, title)
        highlight, chains = _check_highlight(highlight, chain)
        self.ax = ax
        self.fontsize = float(fontsize)
        self.patches: dict[str, Rectangle] = {}
        self.swatches: dict[str, Rectangle] = {}
        self.headers: dict[str, Text] = {}
        self.bodies: dict[str, Text] = {}
        self.shades: dict[str, Rectangle] = {}
        self.outlines: dict[str, Rectangle] = {}
        self.chain_lines: dict[str, Rectangle] = {}
        self.legend = None
        self._layout = canvas.blocks()
        self._modules = self._layout["module"].to_dict()
        #: Each block's display name, by block id.
        self.block_names: dict[str, str] = self._layout["name"].to_dict()
        self._room: dict[str, tuple[float, float]] = {}
        self._fitted: dict[tuple[str, str], tuple[str, float]] = {}
        self._shown: dict[str, str] = {}  # block -> the content its body shows now
        self._by_module: bool | None = None
        self._members = {name: set(canvas.chain(name)) for name in CHAINS}
        with kit_style():
            self._draw(title, legend)
        self._contents({b: contents.get(b, "") for b in BLOCKS})
        self._colour(color_by_module)
        self._highlight(highlight, chains)

    @property
    def artists(self) -> list:
        """The highlight layer: each block's shade, chain outline and block outline."""
        return [*self.shades.values(), *self.chain_lines.values(), *self.outlines.values()]

    def body_box(self, block: str) -> tuple[float, float]:
        """Width and height in display pixels available to a block's body text."""
        return self._room[check_choice("block", block, BLOCKS)]

    def update(
        self,
        contents: Mapping[str, str] | None = None,
        *,
        color_by_module: bool | None = None,
        highlight: str | None = None,
        chain: str | None = None,
    ) -> None:
        """Set the highlight, and optionally new texts and colouring.

        Parameters
        ----------
        contents : mapping of str to str, optional
            New texts for the blocks given (others keep theirs); None keeps every text. A text
            seen before is not fitted again.
        color_by_module : bool, optional
            Tint the blocks by value module (True) or not (False); None keeps the colouring.
        highlight : str, optional
            The block to outline; None outlines none.
        chain : {"revenue", "cost", "both"}, optional
            The chain(s) to outline, fading the other blocks; None outlines none.
        """
        highlight, chains = _check_highlight(highlight, chain)
        if contents is not None:
            contents = _check_contents(contents)
        if color_by_module is not None:
            check_bool("color_by_module", color_by_module)
        if contents:
            self._contents(contents)
        if color_by_module is not None:
            self._colour(color_by_module)
        self._highlight(highlight, chains)

    def describe(self) -> str:
        """The highlighted block and chain, the colouring, and what each block says now."""
        names = self._layout["name"].to_dict()
        title = chart_title(self.ax, "The business model canvas")
        colouring = "tinted by value module" if self._by_module else "uncoloured"
        text = f"{title}: the nine blocks of the business model canvas, {colouring}"
        outlined = [b for b in BLOCKS if self.outlines[b].get_visible()]
        if outlined:
            module = MODULE_NAMES[self._modules[outlined[0]]].lower()
            text += f". Highlighted: {names[outlined[0]]} ({module})"
        if any(shade.get_visible() for shade in self.shades.values()):
            on_chain = [b for b in BLOCKS if not self.shades[b].get_visible()]
            chains = [c for c in CHAINS if self._members[c] <= set(on_chain)]
            text += (
                f". The {join_words(chains)} chain{'s' if len(chains) > 1 else ''} outlined: "
                f"{join_words([names[b] for b in on_chain])}; the other blocks faded"
            )
        said = []
        for block in BLOCKS:
            content = " ".join(self._shown.get(block, "").split())
            if content:
                cut = content if len(content) <= 160 else content[:157].rstrip() + "..."
                said.append(f"{names[block]}: {cut.rstrip('.')}")
        if said:
            text += ". In the blocks: " + "; ".join(said)
        else:
            text += ". The blocks are empty"
        return text

    def prepare(self, contents: Mapping[str, str]) -> None:
        """Fit texts now (and remember them) without showing them, so a later :meth:`update`
        with these texts only sets them; the texts shown are left as they are."""
        contents = _check_contents(contents)
        shown = dict(self._shown)
        self._shown.clear()
        self._contents(contents)
        self._shown.clear()
        self._contents(shown)  # remembered: sets the texts back without fitting them again

    # drawing ---------------------------------------------------------------------------------

    def _draw(self, title: str | None, legend: bool) -> None:
        ax, layout = self.ax, self._layout
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 7)
        ax.set_axis_off()
        if title:
            ax.set_title(title, fontsize=12, loc="left")
        renderer = _renderer(ax.figure)
        x0, y0 = ax.transData.transform((0, 0))
        x1, y1 = ax.transData.transform((1, 1))
        ux, uy = x1 - x0, y1 - y0  # pixels per canvas unit
        pad_y = _PAD * ux / uy  # the same padding in pixels on every side
        # Headers first, all at one size: the largest that fits every block (so no block's name
        # looks more important than another's).
        for block, row in layout.iterrows():
            x, y, h = float(row["x"]), float(row["y"]), float(row["height"])
            self.headers[block] = ax.text(
                x + _PAD,
                y + h - pad_y,
                "",
                ha="left",
                va="top",
                fontweight="bold",
                zorder=3,
                gid=f"header:{block}",
            )
        rooms = {
            b: ((float(r["width"]) - 2 * _PAD) * ux, (float(r["height"]) - 2 * pad_y) * uy * 0.5)
            for b, r in layout.iterrows()
        }
        size = max(self.fontsize + 0.5, MIN_FONT_PT)
        for block, row in layout.iterrows():
            fit_text(
                self.headers[block],
                str(row["name"]),
                *rooms[block],
                fontsize=size,
                renderer=renderer,
            )
            size = min(size, self.headers[block].get_fontsize())
        for block, row in layout.iterrows():
            fit_text(
                self.headers[block],
                str(row["name"]),
                *rooms[block],
                fontsize=size,
                renderer=renderer,
            )
        for block, row in layout.iterrows():
            self._draw_block(block, row, ux, uy, pad_y, renderer)
        if legend:
            handles = [
                Patch(
                    facecolor=MODULE_COLORS[m],
                    hatch=MODULE_HATCHES[m],
                    edgecolor="black",
                    label=MODULE_NAMES[m],
                )
                for m in MODULES
            ]
            self.legend = ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=4,
                frameon=False,
                fontsize=max(9.0, self.fontsize - 0.5),
                handlelength=1.6,
                handleheight=1.2,
            )

    def _draw_block(
        self, block: str, row: pd.Series, ux: float, uy: float, pad_y: float, renderer
    ) -> None:
        ax, module = self.ax, row["module"]
        x, y, w, h = float(row["x"]), float(row["y"]), float(row["width"]), float(row["height"])
        self.patches[block] = ax.add_patch(
            Rectangle(
                (x, y),
                w,
                h,
                facecolor="white",
                edgecolor=_BORDER,
                linewidth=1.0,
                zorder=1,
                gid=f"block:{block}",
            )
        )
        swatch_w, swatch_h = _SWATCH, _SWATCH * ux / uy
        self.swatches[block] = ax.add_patch(
            Rectangle(
                (x + w - _PAD - swatch_w, y + pad_y),
                swatch_w,
                swatch_h,
                facecolor=MODULE_COLORS[module],
                hatch=MODULE_HATCHES[module],
                edgecolor="black",
                linewidth=0.6,
                zorder=2,
                gid=f"swatch:{block}",
            )
        )
        header_h = self.headers[block].get_window_extent(renderer).height / uy  # canvas units
        top = y + h - pad_y - header_h - pad_y * 0.8
        self.bodies[block] = ax.text(
            x + _PAD, top, "", ha="left", va="top", zorder=3, gid=f"body:{block}"
        )
        self._room[block] = (
            (w - 2 * _PAD) * ux,
            (top - y - 1.5 * pad_y - swatch_h) * uy,
        )  # clear of the swatch
        self.shades[block] = ax.add_patch(
            Rectangle(
                (x, y),
                w,
                h,
                facecolor="white",
                alpha=0.62,
                edgecolor="none",
                zorder=4,
                visible=False,
                gid=f"shade:{block}",
            )
        )
        self.chain_lines[block] = ax.add_patch(
            Rectangle(
                (x + 0.04, y + 0.04 * ux / uy),
                w - 0.08,
                h - 0.08 * ux / uy,
                fill=False,
                edgecolor="black",
                linewidth=2.0,
                linestyle="--",
                zorder=5,
                visible=False,
                gid=f"chain:{block}",
            )
        )
        self.outlines[block] = ax.add_patch(
            Rectangle(
                (x + 0.05, y + 0.05 * ux / uy),
                w - 0.1,
                h - 0.1 * ux / uy,
                fill=False,
                edgecolor="black",
                linewidth=4.0,
                zorder=6,
                visible=False,
                gid=f"outline:{block}",
            )
        )

    def _contents(self, contents: Mapping[str, str]) -> None:
        changed = {b: c for b, c in contents.items() if self._shown.get(b) != c}
        new = [b for b, c in changed.items() if (b, c) not in self._fitted]
        if new:
            if len(self._fitted) + len(new) > self._MAX_FITTED:
                self._fitted.clear()
                new = list(changed)
            renderer = _renderer(self.ax.figure)
            with kit_style():
                for block in new:
                    body = self.bodies[block]
                    fit_text(
                        body,
                        changed[block],
                        *self._room[block],
                        fontsize=self.fontsize,
                        renderer=renderer,
                    )
                    self._fitted[block, changed[block]] = (body.get_text(), body.get_fontsize())
        for block, content in changed.items():
            text, size = self._fitted[block, content]
            self.bodies[block].set_text(text)
            self.bodies[block].set_fontsize(size)
            self._shown[block] = content

    def _colour(self, by_module: bool) -> None:
        if by_module == self._by_module:
            return
        self._by_module = by_module
        for block, patch in self.patches.items():
            patch.set_facecolor(MODULE_TINTS[self._modules[block]] if by_module else "white")
            self.swatches[block].set_visible(by_module)
        if self.legend is not None:
            self.legend.set_visible(by_module)

    def _highlight(self, block: str | None, chains: tuple[str, ...]) -> None:
        on_chain = set().union(*(self._members[name] for name in chains))
        for b in BLOCKS:
            self.outlines[b].set_visible(b == block)
            self.shades[b].set_visible(bool(chains) and b not in on_chain)
            line = self.chain_lines[b]
            names = [n for n in chains if b in self._members[n]]
            line.set_visible(bool(names) and b != block)
            if names:
                line.set_linestyle(CHAIN_STYLES[names[0]]["linestyle"] if len(names) == 1 else "-")


def plot_canvas(
    contents: Mapping[str, str] | None = None,
    *,
    ax: Axes | None = None,
    model: str = "live",
    color_by_module: bool = True,
    highlight: str | None = None,
    chain: str | None = None,
    title: str | None = None,
    fontsize: float = 11.0,
    legend: bool = True,
) -> Axes:
    """Draw the business model canvas in Osterwalder's classic layout.

    Parameters
    ----------
    contents : mapping of str to str, optional
        ``{block id: text}`` to write in the blocks (a worksheet, say); blocks left out are
        empty. By default the kit's summary of ``model``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 11 x 7.5 inch pyplot figure. Text is fitted to the Axes'
        size at the time of the call, so size the figure (and run any layout) first.
    model : {"live", "online", "offline"}
        Whose content to show when ``contents`` is not given.
    color_by_module : bool, default True
        Tint each block with its value module's colour (Li (2021), Table 1), with a hatched
        swatch and a legend for greyscale readers; False draws every block white.
    highlight : str, optional
        A block id to outline in thick black.
    chain : {"revenue", "cost", "both"}, optional
        Outline the blocks of one of the paper's chains (revenue dashed, cost dotted, both solid)
        and fade the others.
    title : str, optional
        A title above the canvas.
    fontsize : float
        Largest body font size in points (9 to 14); long texts shrink to 9 pt, then are cut.
    legend : bool, default True
        Show the value-module legend under the canvas.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_canvas(model="offline", chain="cost", highlight="key_partners")
    >>> ax.figure.get_size_inches().tolist()
    [11.0, 7.5]
    >>> plt.close(ax.figure)
    """
    _check_canvas(
        contents, model, color_by_module, fontsize, legend, title
    )  # before a figure is made
    _check_highlight(highlight, chain)
    new = ax is None
    ax = axes_for(ax, size=(11, 7.5))
    if new:
        ax.set_position((0.01, 0.07, 0.98, 0.87 if title else 0.92))
    CanvasChart(
        ax,
        contents,
        model=model,
        color_by_module=color_by_module,
        highlight=highlight,
        chain=chain,
        title=title,
        fontsize=fontsize,
        legend=legend,
    )
    return ax


# --- the canvas with money ------------------------------------------------------------------------

#: Short names of the money items on the canvas (the blocks are narrow).
_SHORT = {
    "purchases": "Purchases",
    "sponsorship": "Sponsorship",
    "product": "Product cost",
    "broadcast": "Live broadcast",
    "packaging": "Packaging",
    "logistics": "Logistics",
    "wages": "Wages",
    "revenue": "Revenue, all streams",
    "cost": "Cost, all five",
    "stream_discount": "Stream-only discount",
    "moves": "It moves purchases (revenue chain) and product cost (cost chain) together.",
}
_TOTALS = {"revenue_streams": "revenue", "cost_structure": "cost"}
_NO_MONEY = "No money item of its own in this model."
_MONEY_NOTES = {"channels": "Carries the purchases to the shop; no money item of its own."}
_LEVER = "stream_discount"
_WIDEST = {"amount": "−8,888", "lever": "−50% price\n×9.99 items"}  # room kept for moving texts


def _check_money_table(money) -> pd.DataFrame:
    if not isinstance(money, pd.DataFrame) or not {
        "label",
        "kind",
        "source_block",
        "amount",
        "signed",
    } <= set(money.columns):
        raise TypeError("money must be the table livekit.canvas.canvas_money() returns")
    return money


def _amount(value: float) -> str:
    return f"{value:+,.0f}".replace("-", "−")


def _money_values(money: pd.DataFrame) -> dict[str, float]:
    """Each item's signed amount, and revenue, -cost and profit."""
    summary = canvas.money_summary(money)
    values = {
        **money["signed"].to_dict(),
        "revenue": summary["revenue"],
        "cost": -summary["cost"],
        "profit": summary["profit"],
    }
    return {key: float(value) for key, value in values.items()}


def _lever_text(money: pd.DataFrame) -> str:
    """What the value-proposition lever does now, in two lines."""
    discount = money.attrs.get("levers", {}).get(_LEVER, 0.0)
    items = money.attrs.get("effect", {}).get("items", 1.0)
    return f"−{discount:.0f}% price\n×{items:.2f} items".replace("−0%", "0%")


def _profit_text(values: Mapping[str, float]) -> str:
    return (
        f"Value capture: profit = revenue streams − cost structure = "
        f"{values['revenue']:,.0f} − {-values['cost']:,.0f} = {_amount(values['profit'])}"
    )


class MoneyCanvasChart(Chart):
    """The canvas with the money in it: the lever in the hub, items where they come from, totals
    and profit in value capture.

    - the *value proposition* (the hub) shows the kit's lever on the offer, a stream-only
      discount, and how many more items it sells: it moves customer purchases (revenue chain)
      and product cost (cost chain) together;
    - each revenue and cost item of :func:`livekit.canvas.canvas_money` is written, with its
      amount on the line below, in the block it comes from (``source_block``, the kit's
      mapping onto the paper's two chains);
    - the two blocks of value capture hold the totals, revenue streams and cost structure, and
      the line under the canvas gives profit: revenue streams minus cost structure.

    Every name and amount is its own text, stacked down its block by measured height, so no two
    texts share a place; only the amounts, the lever and the profit line move (:attr:`artists`).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (size the figure first: text is fitted to the Axes).
    money : pandas.DataFrame
        As from :func:`livekit.canvas.canvas_money` (amounts in thousand CNY per month).
    title : str, optional
        A title above the canvas.
    fontsize : float
        Largest body font size in points (9 to 14).

    Attributes
    ----------
    canvas : CanvasChart
        The canvas underneath (its highlight is not used).
    labels : dict of str to matplotlib.text.Text
        The static name of each item, total and the lever, by key.
    amounts : dict of str to matplotlib.text.Text
        The moving amount of each item and total, and the lever's text (``"stream_discount"``).
    profit : matplotlib.text.Text
        The line under the canvas: revenue streams minus cost structure.
    """

    def __init__(
        self, ax: Axes, money: pd.DataFrame, *, title: str | None = None, fontsize: float = 10.0
    ) -> None:
        money = _check_money_table(money)
        self.ax = ax
        keys: dict[str, list[str]] = {"value_proposition": [_LEVER, "moves"]}
        for item, block in money["source_block"].items():
            keys.setdefault(block, []).append(item)
        for block, total in _TOTALS.items():
            keys.setdefault(block, []).append(total)
        contents = {b: _MONEY_NOTES.get(b, _NO_MONEY) for b in BLOCKS}
        contents.update({b: "" for b in keys})
        self.canvas = CanvasChart(ax, contents, title=title, fontsize=fontsize)
        self.labels: dict[str, Text] = {}
        self.amounts: dict[str, Text] = {}
        renderer = _renderer(ax.figure)
        with kit_style():
            for block, mine in keys.items():
                self._stack(block, mine, fontsize, renderer)
            self.profit = ax.text(
                0.0, -0.01, "", transform=ax.transAxes, ha="left", va="top",
                fontsize=fontsize, fontweight="bold", gid="amount:profit",
            )  # fmt: skip
            if self.canvas.legend is not None:  # the legend goes under the profit line
                self.canvas.legend.set_bbox_to_anchor((0.5, -0.075), transform=ax.transAxes)
        self.update(money)

    def _stack(self, block: str, keys: list[str], fontsize: float, renderer) -> None:
        """Each key's name (fitted to the block's width), then its amount, down the block."""
        width, _ = self.canvas.body_box(block)
        x, y = self.canvas.bodies[block].get_position()
        to_data = self.ax.transData.inverted()
        for key in keys:
            for role in ("label",) if key == "moves" else ("label", "amount"):
                text = self.ax.text(
                    x + (0.12 if role == "amount" else 0.0), y, "", ha="left", va="top",
                    zorder=3, gid=f"{role}:{block}:{key}",
                )  # fmt: skip
                if role == "label":
                    size = max(MIN_FONT_PT, fontsize - 1) if key == "moves" else fontsize
                    fit_text(text, _SHORT[key], width, 1e9, fontsize=size, renderer=renderer)
                    self.labels[key] = text
                else:
                    widest = _WIDEST["lever" if key == _LEVER else "amount"]
                    fit_text(text, widest, width, 1e9, fontsize=fontsize, renderer=renderer)
                    self.amounts[key] = text
                box = text.get_window_extent(renderer)
                y = to_data.transform((box.x0, box.y0 - 2))[1]

    @property
    def artists(self) -> list:
        """The amount texts, the lever's text and the profit line."""
        return [*self.amounts.values(), self.profit]

    def update(self, money: pd.DataFrame) -> None:
        """Write new amounts (a :func:`livekit.canvas.canvas_money` table) in the blocks."""
        money = _check_money_table(money)
        values = _money_values(money)
        self.values, self.money = values, money
        for key, text in self.amounts.items():
            text.set_text(_lever_text(money) if key == _LEVER else _amount(values[key]))
        self.profit.set_text(_profit_text(values))

    def describe(self) -> str:
        """The lever, revenue, cost and profit (and its sign), and each item's amount."""
        names = self.canvas.block_names
        values, money = self.values, self.money
        items = [
            f"{_SHORT[key].lower()} {_amount(values[key]).replace(chr(0x2212), 'minus ')} "
            f"({names[block]})"
            for key, block in money["source_block"].items()
        ]
        lever = _lever_text(money).replace("\n", ", ").replace("−", "")
        verdict = ", a loss" if values["profit"] < 0 else ""
        title = chart_title(self.ax, "The canvas with its money")
        unit = "" if "CNY" in title else ", thousand CNY per month"
        return (
            f"{title}{unit}. In the value proposition, the lever: {lever}. "
            f"Revenue streams {values['revenue']:,.0f}, cost structure {-values['cost']:,.0f}; "
            f"value capture: profit {_amount(values['profit']).replace(chr(0x2212), 'minus ')}"
            f"{verdict}. Items: {'; '.join(items)}"
        )


# --- bar charts ---------------------------------------------------------------------------------


def _check_scores(scores) -> pd.DataFrame:
    if (
        not isinstance(scores, pd.DataFrame)
        or not {"customer", "seller"} <= set(scores.columns)
        or not set(BUSINESS_MODELS) <= set(scores.index)
    ):
        raise TypeError("scores must be the table livekit.canvas.value_scores() returns")
    return scores


class ValueScoresChart(Chart):
    """Grouped bars: each model's value score for customers and for sellers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    scores : pandas.DataFrame
        As from :func:`livekit.canvas.value_scores`: index ``live, online, offline``, columns
        ``customer, seller`` on a 0-10 scale.
    labels : bool, default True
        Write each score at the end of its bar.
    title : str, optional
        A title above the bars.

    Attributes
    ----------
    bars : dict of (str, str) to matplotlib.patches.Rectangle
        By ``(side, model)``; gids ``"score:<side>:<model>"``.
    labels : dict of (str, str) to matplotlib.text.Text
        The score written after each bar (empty when ``labels`` is False).

    Examples
    --------
    >>> from livekit.style import new_figure
    >>> chart = ValueScoresChart(new_figure().add_subplot(), canvas.value_scores())
    >>> others = ("entertainment", "aesthetic_value", "perceived_value", "time_use")
    >>> chart.update(canvas.value_scores({d: 0 for d in others}))
    >>> chart.labels["customer", "offline"].get_text()  # only low shopping cost counts
    '4.0'
    """

    _SIDES = ("customer", "seller")

    def __init__(
        self, ax: Axes, scores: pd.DataFrame, *, labels: bool = True, title: str | None = None
    ) -> None:
        scores = _check_scores(scores)
        check_bool("labels", labels)
        self.ax = ax
        self.bars: dict[tuple[str, str], Rectangle] = {}
        self.labels: dict[tuple[str, str], Text] = {}
        height = 0.26
        with kit_style():
            for k, model in enumerate(BUSINESS_MODELS):
                ys = np.arange(len(self._SIDES)) + (k - 1) * height
                bars = ax.barh(
                    ys,
                    [0.0] * len(ys),
                    height=height * 0.92,
                    color=MODEL_COLORS[model],
                    hatch=MODEL_HATCHES[model],
                    edgecolor="black",
                    linewidth=0.6,
                    label=BUSINESS_MODEL_NAMES[model],
                )
                for bar, side, y in zip(bars, self._SIDES, ys):
                    bar.set_gid(f"score:{side}:{model}")
                    self.bars[side, model] = bar
                    if labels:
                        self.labels[side, model] = ax.text(
                            0.1, y, "", va="center", fontsize=9, gid=f"score_label:{side}:{model}"
                        )
            ax.set_yticks(range(len(self._SIDES)), ["for customers", "for sellers"])
            ax.invert_yaxis()
            ax.set_xlim(0, 10.8)
            ax.set_xlabel("weighted value score (0-10, kit's illustrative ratings)")
            ax.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=9, frameon=False
            )
            if title:
                ax.set_title(title, loc="left")
        self.update(scores)

    @property
    def artists(self) -> list:
        """The bars and their labels."""
        return [*self.bars.values(), *self.labels.values()]

    def update(self, scores: pd.DataFrame) -> None:
        """Set every bar (and label) to new scores (as from :func:`livekit.canvas.value_scores`)."""
        scores = _check_scores(scores)
        for (side, model), bar in self.bars.items():
            value = float(scores.at[model, side])
            bar.set_width(value)
            if (side, model) in self.labels:
                self.labels[side, model].set_x(value + 0.1)
                self.labels[side, model].set_text(f"{value:.1f}")

    def describe(self) -> str:
        """Each model's score for customers and for sellers now, and which model leads."""
        parts = []
        for side in self._SIDES:
            scores = {m: float(self.bars[side, m].get_width()) for m in BUSINESS_MODELS}
            best = max(scores, key=scores.get)
            listed = join_words([f"{BUSINESS_MODEL_NAMES[m]} {v:.1f}" for m, v in scores.items()])
            parts.append(f"for {side}s {listed} ({BUSINESS_MODEL_NAMES[best]} leads)")
        title = chart_title(self.ax, "Value scores")
        return f"{title}, weighted value scores 0-10 (the kit's ratings): {'; '.join(parts)}"


def plot_value_scores(
    scores: pd.DataFrame, *, ax: Axes | None = None, labels: bool = True, title: str | None = None
) -> Axes:
    """Grouped bars: each model's value score for customers and for sellers.

    Parameters
    ----------
    scores : pandas.DataFrame
        As from :func:`livekit.canvas.value_scores`: index ``live, online, offline``, columns
        ``customer, seller`` on a 0-10 scale.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 7 x 3.6 inch pyplot figure.
    labels : bool, default True
        Write each score at the end of its bar.
    title : str, optional
        A title above the bars.

    Returns
    -------
    matplotlib.axes.Axes
        Bars carry ``gid`` ``"score:<side>:<model>"``.

    Examples
    --------
    >>> ax = plot_value_scores(canvas.value_scores())
    >>> len([p for p in ax.patches if (p.get_gid() or "").startswith("score:")])
    6
    >>> plt.close(ax.figure)
    """
    _check_scores(scores)
    ax = axes_for(ax, size=(7, 3.6))
    ValueScoresChart(ax, scores, labels=labels, title=title)
    return ax


class MoneyChart(Chart):
    """Horizontal bars of each revenue and cost item, then revenue, cost and profit.

    Each bar is in the colour of its stage from the stage map: every amount of money is value
    capture (items in the light tint, the three totals in the full colour). Each item's label
    names the canvas block it comes from. The money axis fits the amounts (round limits with
    room to spare): it grows as soon as a bar needs more room and shrinks only when everything
    fits in a third of it, so a slider rarely moves it.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    money : pandas.DataFrame
        As from :func:`livekit.canvas.canvas_money`.
    xlim : (float, float), optional
        Fixed axis limits in thousand CNY per month, instead of limits fitted to the amounts.
    compact : bool, default False
        For a small Axes next to a canvas: short labels (the item id and, for the totals, the
        word in capitals), no hatches (unhatched bars also repaint faster) and a short axis
        label.

    Attributes
    ----------
    bars : dict of str to matplotlib.patches.Rectangle
        By item id, then ``"revenue"``, ``"cost"``, ``"profit"``; gids ``"money:<key>"``.
    """

    def __init__(
        self,
        ax: Axes,
        money: pd.DataFrame,
        *,
        xlim: tuple[float, float] | None = None,
        compact: bool = False,
    ) -> None:
        money = _check_money_table(money)
        check_bool("compact", compact)
        self.ax = ax
        self._fixed = xlim
        self._limits: tuple[float, float] | None = None
        layout = canvas.blocks()
        keys = [*money.index, "revenue", "cost", "profit"]
        stages = [canvas.stage_of(k) for k in keys]  # the stage map: all value capture
        if compact:
            names = [*money.index, "REVENUE", "COST", "PROFIT"]
        else:
            names = [
                f"{row.label} ({layout.at[row.source_block, 'name'].lower()})"
                for row in money.itertuples()
            ]
            names += ["Revenue", "Cost", "Profit"]
        with kit_style():
            ys = np.arange(len(keys))
            values = _money_values(money)
            colours = [MODULE_TINTS[s] for s in stages[:-3]] + [
                MODULE_COLORS[s] for s in stages[-3:]
            ]
            bars = ax.barh(
                ys, [values[k] for k in keys], color=colours, edgecolor="black", linewidth=0.6
            )
            self.bars: dict[str, Rectangle] = {}
            for bar, stage, key in zip(bars, stages, keys):
                if not compact:
                    bar.set_hatch(MODULE_HATCHES[stage])
                bar.set_gid(f"money:{key}")
                self.bars[key] = bar
            ax.set_yticks(ys, names)
            ax.invert_yaxis()
            ax.axvline(0, color="black", linewidth=0.8)
            ax.axhline(len(money) - 0.5, color=LINE_COLORS["outline"], linewidth=0.8)
            ax.set_xlabel("thousand CNY per month" + ("" if compact else " (kit assumptions)"))
        self.update(money)

    @property
    def artists(self) -> list:
        """The bars."""
        return list(self.bars.values())

    @staticmethod
    def limits_for(values: Mapping[str, float]) -> tuple[float, float]:
        """Round limits that hold every amount with room to spare (thousand CNY per month)."""
        high = nice_ceiling(max(1.0, *values.values()) * 1.12)
        lowest = min(0.0, *values.values())
        low = -nice_ceiling(-lowest * 1.12) if lowest < 0 else 0.0
        return low, high

    def update(self, money: pd.DataFrame) -> bool:
        """Set every bar to a new :func:`livekit.canvas.canvas_money` table (same items).

        Returns
        -------
        bool
            Whether the money axis changed (a view that caches its background redraws it).
        """
        values = _money_values(_check_money_table(money))
        for key, bar in self.bars.items():
            bar.set_width(values[key])
        wanted = self._fixed or self.limits_for(values)
        now = self._limits
        if now is not None and self._fixed is None:
            fits = wanted[0] >= now[0] and wanted[1] <= now[1]
            roomy = wanted[1] > now[1] / 3 and (now[0] == 0 or wanted[0] < now[0] / 3)
            if fits and roomy:
                return False
        changed = wanted != now
        self._limits = wanted
        self.ax.set_xlim(*wanted)
        return changed

    def describe(self) -> str:
        """Each revenue and cost item's bar now, then revenue, cost and profit (and its sign)."""
        widths = {key: float(bar.get_width()) for key, bar in self.bars.items()}
        items = [
            f"{key.replace('_', ' ')} {signed(v, '')}"
            for key, v in widths.items()
            if key not in ("revenue", "cost", "profit")
        ]
        profit = widths.get("profit", 0.0)
        return (
            f"{chart_title(self.ax, 'Money per month')}, bars in thousand CNY per month: "
            f"{'; '.join(items)}. Revenue {signed(widths.get('revenue', 0.0), '')}, "
            f"cost {signed(-widths.get('cost', 0.0), '')}, profit {signed(profit, '')}"
            f"{', a loss' if profit < 0 else ''}"
        )


def plot_money(
    money: pd.DataFrame,
    *,
    ax: Axes | None = None,
    xlim: tuple[float, float] | None = None,
    compact: bool = False,
) -> Axes:
    """Horizontal bars of each revenue and cost item, then revenue, cost and profit.

    Every bar is value capture (the stage map), hatched too; each item is labelled with the
    canvas block it comes from. The money axis fits the amounts.

    Parameters
    ----------
    money : pandas.DataFrame
        As from :func:`livekit.canvas.canvas_money`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 7 x 4.2 inch pyplot figure.
    xlim : (float, float), optional
        Fixed axis limits in thousand CNY per month, instead of limits fitted to the amounts.
    compact : bool, default False
        Short labels and no hatches (see :class:`MoneyChart`).

    Returns
    -------
    matplotlib.axes.Axes
        Bars carry ``gid`` ``"money:<item>"`` and ``"money:revenue"``, ``"money:cost"``,
        ``"money:profit"``.

    Examples
    --------
    >>> ax = plot_money(canvas.canvas_money(purchases=500, wages=100))
    >>> [float(p.get_width()) for p in ax.patches if p.get_gid() == "money:profit"]
    [145.0]
    >>> plt.close(ax.figure)
    """
    _check_money_table(money)
    ax = axes_for(ax, size=(7, 4.2))
    MoneyChart(ax, money, xlim=xlim, compact=compact)
    return ax
