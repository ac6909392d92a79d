"""Colours, hatches and font sizes shared by every figure in the kit.

One palette for the whole kit, so that "value creation" is the same blue in notebook 1 and in
notebook 3. The colours are the Okabe-Ito set, which stays distinguishable for the common forms
of colour blindness; where colour carries meaning a hatch or a label carries it too, so the
figures also read in greyscale and on a washed-out projector. Text is never smaller than 9 pt.

Contrast (WCAG 2.1 AA, checked by tests/test_accessibility.py over every figure the kit draws):
text at least 4.5:1 against what is behind it, and lines, markers and shapes that carry meaning
at least 3:1. The light Okabe-Ito colours (orange, sky blue, yellow) fall below 3:1 on white,
so they fill areas that have a dark edge, and thin things (lines, text) use :data:`MODULE_INKS`
and :data:`TEXT_COLORS`, darker colours of the same hues.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
from matplotlib.figure import Figure

from .fonts import font_rc
from .vocab import TIERS

__all__ = [
    "OKABE_ITO",
    "MODULE_COLORS",
    "MODULE_TINTS",
    "MODULE_HATCHES",
    "MODULE_INKS",
    "CLASS_COLORS",
    "CLASS_HATCHES",
    "MIN_FONT_PT",
    "TEXT_COLORS",
    "TIER_COLORS",
    "TIER_HATCHES",
    "GROUP_COLORS",
    "GROUP_HATCHES",
    "LINE_COLORS",
    "MUTED_TEXT",
    "KIT_RC",
    "kit_style",
    "new_figure",
]

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

MODULE_COLORS = {
    "proposition": OKABE_ITO["vermillion"],
    "creation": OKABE_ITO["blue"],
    "delivery": OKABE_ITO["bluish_green"],
    "capture": OKABE_ITO["orange"],
}
#: Light versions of the module colours, for block backgrounds under dark text.
MODULE_TINTS = {
    "proposition": "#F6CDB0",
    "creation": "#B3D4EA",
    "delivery": "#B2E0D3",
    "capture": "#F8E1A8",
}
MODULE_HATCHES = {"proposition": "", "creation": "//", "delivery": "..", "capture": "xx"}
#: Darker versions of the module colours, same hues, for what is drawn thin: lines, markers
#: without a dark edge and text. Each is at least 4.5:1 on white (WCAG 1.4.3 and 1.4.11); the
#: Okabe-Ito fills stay for areas, which always have a dark edge (``LINE_COLORS["edge"]`` or black).
MODULE_INKS = {
    "proposition": "#B34700",
    "creation": "#0072B2",
    "delivery": "#00785A",
    "capture": "#946600",
}

#: Ordered light-to-dark (viridis stops), so the order survives greyscale printing.
CLASS_COLORS = {
    "low-level": "#FDE725",
    "ordinary": "#35B779",
    "famous": "#31688E",
    "super": "#440154",
}
CLASS_HATCHES = {"low-level": "", "ordinary": "..", "famous": "//", "super": "xx"}

MIN_FONT_PT = 9.0

KIT_RC = {
    "font.size": 10.0,
    "axes.titlesize": 11.0,
    "axes.labelsize": 10.0,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "figure.titlesize": 12.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "livekit",
}


@contextmanager
def kit_style() -> Iterator[None]:
    """Context manager: matplotlib settings of the kit (font sizes >= 9 pt, quiet spines)."""
    with matplotlib.rc_context(
        {**KIT_RC, **font_rc()}
    ):  # font_rc: Chinese and emoji (livekit.fonts)
        yield


def new_figure(width: float = 7.0, height: float = 4.5, *, dpi: float = 100) -> Figure:
    """Return a new figure outside pyplot, in the kit's style, for a slider view to keep.

    Parameters
    ----------
    width, height : float
        Size in inches (default 7 x 4.5).
    dpi : float
        Dots per inch of the PNG the view shows (default 100).

    Returns
    -------
    matplotlib.figure.Figure
        Attached to an Agg canvas, not to pyplot, so it is never shown twice in a notebook.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with kit_style():
        fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


#: Colours of text in views and hand-ins (messages, verdicts, notes): darker shades of the
#: palette's vermillion, bluish green and blue, each at least 4.5:1 against white (WCAG 1.4.3).
TEXT_COLORS = {
    "body": "#222222",
    "error": "#A04000",
    "ok": "#00785A",
    "accent": "#0072B2",
    "note": "#8B3A00",
}

#: The tiered model's four tiers (:data:`livekit.vocab.TIERS`) in the colours and hatches of the
#: paper's four classes, rank for rank: the same light-to-dark order, under their own names.
TIER_COLORS = dict(zip(TIERS, CLASS_COLORS.values()))
TIER_HATCHES = dict(zip(TIERS, CLASS_HATCHES.values()))
#: Every group a seller can be put in, a class or a tier, with its colour and hatch.
GROUP_COLORS = {**CLASS_COLORS, **TIER_COLORS}
GROUP_HATCHES = {**CLASS_HATCHES, **TIER_HATCHES}
#: Greys for lines and outlines that carry no meaning of their own (edges, leader lines, dashed
#: outlines, rules), each at least 3:1 against white where it marks something (WCAG 1.4.11).
LINE_COLORS = {
    "edge": "#333333",
    "leader": "#555555",
    "outline": "#767676",
    "rule": "#BBBBBB",
    "panel": "#F2F2F2",
}
#: Grey text for sources and side notes in views (7.5:1 against white).
MUTED_TEXT = "#555555"
