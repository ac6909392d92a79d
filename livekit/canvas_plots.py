"""Drawing the business model canvas, and the bar charts of notebook 1.

:func:`draw_canvas` draws the nine blocks in Osterwalder's classic layout (partners | activities
over resources | value proposition | relationships over channels | segments; cost structure |
revenue streams), coloured by the value module of Li (2021), Table 1. Each block's text is
wrapped by measuring the rendered text, so it never leaves its block: when a text is long the
font shrinks, down to 9 pt, and only then is the text cut with an ellipsis. A block or one of the
paper's chains can be highlighted.

Every artist carries a ``gid`` (``"block:channels"``, ``"body:channels"``, ``"outline:channels"``
...), so tests and views can find it, and the SVG export names it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from . import canvas
from ._checks import check_bool, check_choice, check_number, check_text
from .style import MIN_FONT_PT, MODULE_COLORS, MODULE_HATCHES, MODULE_TINTS, OKABE_ITO, kit_style
from .vocab import MODULE_NAMES, MODULES

__all__ = [
    "MODEL_COLORS",
    "MODEL_HATCHES",
    "CHAIN_STYLES",
    "draw_canvas",
    "fit_text",
    "plot_value_scores",
    "plot_money",
]

MODEL_COLORS = {"live": OKABE_ITO["reddish_purple"], "online": OKABE_ITO["sky_blue"], "offline": OKABE_ITO["grey"]}
MODEL_HATCHES = {"live": "", "online": "//", "offline": ".."}
#: How a highlighted chain's blocks are outlined.
CHAIN_STYLES = {"revenue": dict(color="#000000", linestyle="--"), "cost": dict(color="#000000", linestyle=":")}

_PAD = 0.15  # canvas units between a block's edge and its text (clear of the outlines)
_SWATCH = 0.26  # side of the module swatch in a block's bottom-right corner, canvas units
_BORDER = "#333333"


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
                if len(word) - cut < 3 and cut > 3:  # no one- or two-letter leftovers ("Manufacturer-s")
                    cut = len(word) - 3
                lines.append(word[:cut] + "-")
                word = word[cut:]
            line = word
        lines.append(line)
    return lines, broke


def fit_text(text: Text, content: str, width_px: float, height_px: float, *, fontsize: float = 10.0,
             min_fontsize: float = MIN_FONT_PT, renderer=None) -> Text:
    """Set ``content`` on a Text artist, wrapped and sized to fit a box of the given pixels.

    The text is wrapped at word boundaries by measuring each line with the renderer. If it is
    too tall, or a word is wider than the box, the font shrinks in 0.5 pt steps down to ``min_fontsize``; if it is still too tall,
    the last lines are dropped and an ellipsis marks the cut.

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

@dataclass
class _CanvasArtists:
    """The artists of one drawn canvas, by block id (used by the views)."""

    ax: Axes
    layout: pd.DataFrame
    patches: dict[str, Rectangle] = field(default_factory=dict)
    swatches: dict[str, Rectangle] = field(default_factory=dict)
    headers: dict[str, Text] = field(default_factory=dict)
    bodies: dict[str, Text] = field(default_factory=dict)
    shades: dict[str, Rectangle] = field(default_factory=dict)
    outlines: dict[str, Rectangle] = field(default_factory=dict)
    chain_lines: dict[str, Rectangle] = field(default_factory=dict)
    body_room: dict[str, tuple[float, float]] = field(default_factory=dict)
    legend: object = None
    chain_members: dict[str, set] = field(default_factory=lambda: {n: set(canvas.chain(n)) for n in canvas.CHAINS})

    def body_box(self, block: str) -> tuple[float, float]:
        """Width and height in pixels available to a block's body text."""
        return self.body_room[block]

    def set_colors(self, by_module: bool) -> None:
        for block, patch in self.patches.items():
            module = self.layout.at[block, "module"]
            patch.set_facecolor(MODULE_TINTS[module] if by_module else "white")
            self.swatches[block].set_visible(by_module)
        if self.legend is not None:
            self.legend.set_visible(by_module)

    def set_highlight(self, block: str | None, chains: tuple[str, ...] | list[str]) -> None:
        members = self.chain_members
        on_chain = set()
        for name in chains:
            on_chain |= members[name]
        for b in self.layout.index:
            self.outlines[b].set_visible(b == block)
            self.shades[b].set_visible(bool(chains) and b not in on_chain)
            line = self.chain_lines[b]
            names = [n for n in chains if b in members[n]]
            line.set_visible(bool(names) and b != block)
            if names:
                line.set_linestyle(CHAIN_STYLES[names[0]]["linestyle"] if len(names) == 1 else "-")


def _check_contents(contents) -> dict[str, str]:
    if not isinstance(contents, Mapping):
        raise TypeError(f"contents must be a mapping {{block: text}}, got {type(contents).__name__}")
    out = {}
    for block, text in contents.items():
        check_choice("contents block", block, canvas.BLOCKS)
        out[block] = check_text(f"contents[{block!r}]", text)
    return out


def _resolve_chain(chain) -> tuple[str, ...]:
    if chain is None:
        return ()
    if chain == "both":
        return canvas.CHAINS
    check_choice("chain", chain, (*canvas.CHAINS, "both"))
    return (chain,)


def _build_canvas(ax: Axes, contents: Mapping[str, str], *, color_by_module: bool = True, fontsize: float = 10.0,
                  legend: bool = True, title: str | None = None) -> _CanvasArtists:
    """Draw the canvas on ``ax`` and return its artists (no highlight yet)."""
    layout = canvas.blocks()
    art = _CanvasArtists(ax=ax, layout=layout)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 7)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=12, loc="left")
    renderer = _renderer(ax.figure)
    to_px = ax.transData
    x0, y0 = to_px.transform((0, 0))
    x1, y1 = to_px.transform((1, 1))
    ux, uy = x1 - x0, y1 - y0  # pixels per canvas unit
    pad_y = _PAD * ux / uy  # the same padding in pixels on every side
    # Headers first, all at one size: the largest that fits every block (so no block's name
    # looks more important than another's).
    for block, row in layout.iterrows():
        x, y, w, h = float(row["x"]), float(row["y"]), float(row["width"]), float(row["height"])
        art.headers[block] = ax.text(x + _PAD, y + h - pad_y, "", ha="left", va="top", fontweight="bold",
                                     zorder=3, gid=f"header:{block}")
    header_rooms = {b: ((float(r["width"]) - 2 * _PAD) * ux, (float(r["height"]) - 2 * pad_y) * uy * 0.5)
                    for b, r in layout.iterrows()}
    size = max(fontsize + 0.5, MIN_FONT_PT)
    for block, row in layout.iterrows():
        fit_text(art.headers[block], str(row["name"]), *header_rooms[block], fontsize=size, renderer=renderer)
        size = min(size, art.headers[block].get_fontsize())
    for block, row in layout.iterrows():
        fit_text(art.headers[block], str(row["name"]), *header_rooms[block], fontsize=size, renderer=renderer)
    for block, row in layout.iterrows():
        module = row["module"]
        x, y, w, h = float(row["x"]), float(row["y"]), float(row["width"]), float(row["height"])
        patch = Rectangle((x, y), w, h, facecolor="white", edgecolor=_BORDER, linewidth=1.0, zorder=1, gid=f"block:{block}")
        ax.add_patch(patch)
        art.patches[block] = patch
        swatch_w, swatch_h = _SWATCH, _SWATCH * ux / uy
        swatch = Rectangle((x + w - _PAD - swatch_w, y + pad_y), swatch_w, swatch_h,
                           facecolor=MODULE_COLORS[module], hatch=MODULE_HATCHES[module], edgecolor="black",
                           linewidth=0.6, zorder=2, gid=f"swatch:{block}")
        ax.add_patch(swatch)
        art.swatches[block] = swatch
        header = art.headers[block]
        header_h = header.get_window_extent(renderer).height / uy  # canvas units
        top = y + h - pad_y - header_h - pad_y * 0.8
        body = ax.text(x + _PAD, top, "", ha="left", va="top", zorder=3, gid=f"body:{block}")
        room = ((w - 2 * _PAD) * ux, (top - y - 1.5 * pad_y - swatch_h) * uy)  # clear of the swatch
        art.body_room[block] = room
        fit_text(body, contents.get(block, ""), *room, fontsize=fontsize, renderer=renderer)
        art.bodies[block] = body
        shade = Rectangle((x, y), w, h, facecolor="white", alpha=0.62, edgecolor="none", zorder=4,
                          visible=False, gid=f"shade:{block}")
        chain_line = Rectangle((x + 0.04, y + 0.04 * ux / uy), w - 0.08, h - 0.08 * ux / uy, fill=False,
                               edgecolor="black", linewidth=2.0, linestyle="--", zorder=5, visible=False,
                               gid=f"chain:{block}")
        outline = Rectangle((x + 0.05, y + 0.05 * ux / uy), w - 0.1, h - 0.1 * ux / uy, fill=False,
                            edgecolor="black", linewidth=4.0, zorder=6, visible=False, gid=f"outline:{block}")
        for artist in (shade, chain_line, outline):
            ax.add_patch(artist)
        art.shades[block], art.chain_lines[block], art.outlines[block] = shade, chain_line, outline
    if legend:
        handles = [Patch(facecolor=MODULE_COLORS[m], hatch=MODULE_HATCHES[m], edgecolor="black", label=MODULE_NAMES[m])
                   for m in MODULES]
        art.legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4,
                               frameon=False, fontsize=max(9.0, fontsize - 0.5), handlelength=1.6, handleheight=1.2)
    art.set_colors(color_by_module)
    return art


def draw_canvas(contents: Mapping[str, str] | None = None, *, ax: Axes | None = None, model: str = "live",
                color_by_module: bool = True, highlight: str | None = None, chain: str | None = None,
                title: str | None = None, fontsize: float = 11.0, legend: bool = True) -> Axes:
    """Draw the business model canvas in Osterwalder's classic layout.

    Parameters
    ----------
    contents : mapping of str to str, optional
        ``{block id: text}`` to write in the blocks (a worksheet, say); blocks left out are
        empty. By default the kit's summary of ``model``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 11 x 7.5 inch figure. Text is fitted to the Axes' size at
        the time of the call, so size the figure (and run any layout) first.
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
    """
    check_choice("model", model, canvas.MODELS)
    check_bool("color_by_module", color_by_module)
    check_bool("legend", legend)
    check_number("fontsize", fontsize, low=MIN_FONT_PT, high=14)
    if highlight is not None:
        check_choice("highlight", highlight, canvas.BLOCKS)
    chains = _resolve_chain(chain)
    if title is not None:
        check_text("title", title)
    contents = canvas.model_contents(model) if contents is None else _check_contents(contents)
    with kit_style():
        if ax is None:
            from .style import new_figure

            fig = new_figure(11, 7.5)
            ax = fig.add_axes((0.01, 0.07, 0.98, 0.87 if title else 0.92))
        art = _build_canvas(ax, contents, color_by_module=color_by_module, fontsize=fontsize, legend=legend, title=title)
        art.set_highlight(highlight, chains)
    return ax


# --- bar charts ---------------------------------------------------------------------------------

def plot_value_scores(scores: pd.DataFrame, *, ax: Axes | None = None, labels: bool = True) -> Axes:
    """Grouped bars: each model's value score for customers and for sellers.

    Parameters
    ----------
    scores : pandas.DataFrame
        As from :func:`livekit.canvas.value_scores`: index ``live, online, offline``, columns
        ``customer, seller`` on a 0-10 scale.
    ax : matplotlib.axes.Axes, optional
    labels : bool, default True
        Write each score at the end of its bar.

    Returns
    -------
    matplotlib.axes.Axes
        Bars carry ``gid`` ``"score:<side>:<model>"``.
    """
    if not isinstance(scores, pd.DataFrame) or not {"customer", "seller"} <= set(scores.columns) \
            or not set(canvas.MODELS) <= set(scores.index):
        raise TypeError("scores must be the table livekit.canvas.value_scores() returns")
    with kit_style():
        if ax is None:
            from .style import new_figure

            ax = new_figure(7, 3.6).add_subplot()
        sides = ["customer", "seller"]
        height = 0.26
        for k, model in enumerate(canvas.MODELS):
            ys = np.arange(len(sides)) + (k - 1) * height
            values = [float(scores.at[model, side]) for side in sides]
            bars = ax.barh(ys, values, height=height * 0.92, color=MODEL_COLORS[model], hatch=MODEL_HATCHES[model],
                           edgecolor="black", linewidth=0.6, label=canvas.MODEL_NAMES[model])
            for bar, side in zip(bars, sides):
                bar.set_gid(f"score:{side}:{model}")
            if labels:
                for y, v, side in zip(ys, values, sides):
                    ax.text(v + 0.1, y, f"{v:.1f}", va="center", fontsize=9, gid=f"score_label:{side}:{model}")
        ax.set_yticks(range(len(sides)), ["for customers", "for sellers"])
        ax.invert_yaxis()
        ax.set_xlim(0, 10.8)
        ax.set_xlabel("weighted value score (0-10, kit's illustrative ratings)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=9, frameon=False)
    return ax


def plot_money(money: pd.DataFrame, *, ax: Axes | None = None, xlim: tuple[float, float] | None = None) -> Axes:
    """Horizontal bars of each revenue and cost item, then revenue, cost and profit.

    Each item is coloured by the value module of the canvas block it comes from (hatched too),
    and labelled with that block.

    Parameters
    ----------
    money : pandas.DataFrame
        As from :func:`livekit.canvas.canvas_money`.
    ax : matplotlib.axes.Axes, optional
    xlim : (float, float), optional
        Fixed axis limits in thousand CNY per month (views keep them fixed while sliding).

    Returns
    -------
    matplotlib.axes.Axes
        Bars carry ``gid`` ``"money:<item>"`` and ``"money:revenue"``, ``"money:cost"``,
        ``"money:profit"``.
    """
    if not isinstance(money, pd.DataFrame) or not {"label", "kind", "source_block", "amount", "signed"} <= set(money.columns):
        raise TypeError("money must be the table livekit.canvas.canvas_money() returns")
    summary = canvas.money_summary(money)
    layout = canvas.blocks()
    with kit_style():
        if ax is None:
            from .style import new_figure

            ax = new_figure(7, 4.2).add_subplot()
        names = [f"{row.label} ({layout.at[row.source_block, 'name'].lower()})" for row in money.itertuples()]
        names += ["Revenue", "Cost", "Profit"]
        values = list(money["signed"]) + [summary["revenue"], -summary["cost"], summary["profit"]]
        modules = [layout.at[b, "module"] for b in money["source_block"]] + ["capture"] * 3
        ys = np.arange(len(names))
        bars = ax.barh(ys, values, color=[MODULE_TINTS[m] for m in modules], edgecolor="black", linewidth=0.6)
        for bar, m, gid in zip(bars, modules, [*money.index, "revenue", "cost", "profit"]):
            bar.set_hatch(MODULE_HATCHES[m])
            bar.set_gid(f"money:{gid}")
        for bar in bars[-3:]:
            bar.set_facecolor(MODULE_COLORS["capture"])
        ax.set_yticks(ys, names)
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.8)
        ax.axhline(len(money) - 0.5, color="#999999", linewidth=0.8)
        if xlim is not None:
            ax.set_xlim(*xlim)
        ax.set_xlabel("thousand CNY per month (kit assumptions)")
    return ax
