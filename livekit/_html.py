"""The HTML pieces the views, the self-checks and the hand-in share: escaping, tables, messages.

One way to build each piece, with the colours taken from :mod:`livekit.style` (text colours of at
least 4.5:1 against white), so that no view writes its own table markup or colour codes. Only
presentation modules (``*_views``, :mod:`livekit.views`) import this module.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from .style import CLASS_COLORS, TEXT_COLORS

__all__ = [
    "escape",
    "attribute",
    "inline_markdown",
    "table",
    "message",
    "note",
    "badge",
    "ink_on",
    "class_badge",
]

_MARKS = {"error": "✘", "ok": "✔", "note": "", "accent": ""}


def escape(text: object) -> str:
    """Text made safe to put between HTML tags (``&``, ``<`` and ``>`` escaped; quotes kept).

    Examples
    --------
    >>> escape("<b>直播</b> & 'x'")
    "&lt;b&gt;直播&lt;/b&gt; &amp; 'x'"
    """
    return html.escape(str(text), quote=False)


def attribute(text: object) -> str:
    """Text made safe to put inside a quoted HTML attribute (quotes escaped too).

    Examples
    --------
    >>> attribute('a "b"')
    'a &quot;b&quot;'
    """
    return html.escape(str(text), quote=True)


_INLINE = (
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])"), r"<i>\1</i>"),
)


def inline_markdown(text: object) -> str:
    """Text with the inline Markdown a question uses (``**bold**``, ``*italic*``, ```code```)
    turned into HTML; everything else is escaped.

    Examples
    --------
    >>> inline_markdown("Which module do **channels** belong to, `a < b`, *really*?")
    'Which module do <b>channels</b> belong to, <code>a &lt; b</code>, <i>really</i>?'
    >>> inline_markdown("2 * 3 * 4")
    '2 * 3 * 4'
    """
    html_text = escape(text)
    for pattern, replacement in _INLINE:
        html_text = pattern.sub(replacement, html_text)
    return html_text


def table(
    rows: Iterable[Sequence[str]],
    header: Sequence[str],
    *,
    caption: str = "",
    font_size: str = "",
) -> str:
    """An HTML table with a header row (``<th scope="col">``) and an optional caption.

    Parameters
    ----------
    rows : iterable of sequences of str
        The cells, as HTML (escape text with :func:`escape` first).
    header : sequence of str
        The column names, as plain text (escaped here).
    caption : str, optional
        A caption, as HTML: it names the table for a screen reader.
    font_size : str, optional
        A CSS font size such as ``"12px"``.

    Returns
    -------
    str

    Examples
    --------
    >>> page = table([("1", "<b>2</b>")], ("a", "b"), caption="Two cells")
    >>> page.count("<th scope='col'"), "<td style='padding:2px 8px'><b>2</b></td>" in page
    (2, True)
    """
    size = f";font-size:{font_size}" if font_size else ""
    cap = (
        f"<caption style='text-align:left;font-weight:bold'>{caption}</caption>" if caption else ""
    )
    head = "".join(
        f"<th scope='col' style='text-align:left;padding:2px 8px'>{escape(h)}</th>" for h in header
    )
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{cell}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table style='border-collapse:collapse{size}'>{cap}<tr>{head}</tr>{body}</table>"


def message(text: str, kind: str = "error", *, bold: str = "") -> str:
    """A one-line message in the colour of its kind, with a mark that does not rely on colour.

    Parameters
    ----------
    text : str
        The message, as HTML.
    kind : {"error", "ok", "note", "accent"}
        Errors get ✘, successes ✔.
    bold : str, optional
        A bold lead-in, as HTML (for example ``"Not saved:"``).

    Returns
    -------
    str

    Examples
    --------
    >>> message("Saved", "ok")
    "<span style='color:#00785A'>✔ Saved</span>"
    """
    if kind not in TEXT_COLORS:
        raise ValueError(f"kind must be one of {sorted(TEXT_COLORS)}, got {kind!r}")
    mark = f"{_MARKS[kind]} " if _MARKS[kind] else ""
    lead = f"<b>{bold}</b> " if bold else ""
    return f"<span style='color:{TEXT_COLORS[kind]}'>{mark}{lead}{text}</span>"


def note(text: str) -> str:
    """A small explanatory note under a picture, in the kit's note colour (HTML in, HTML out)."""
    return f"<span style='color:{TEXT_COLORS['note']};font-size:90%'>{text}</span>"


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink_on(background: str) -> str:
    """Black or white, whichever contrasts more with a ``#RRGGBB`` background (WCAG formula).

    Examples
    --------
    >>> ink_on("#FDE725"), ink_on("#440154")
    ('#000000', '#FFFFFF')
    """
    light = _luminance(background)
    return "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#FFFFFF"


def badge(text: str, background: str) -> str:
    """A label on a coloured background, with black or white text as contrast needs (HTML)."""
    return (
        f"<span style='background:{background};color:{ink_on(background)};padding:1px 6px;"
        f"border-radius:3px'><b>{escape(text)}</b></span>"
    )


def class_badge(name: str) -> str:
    """A seller class (one of :data:`livekit.vocab.SELLER_CLASSES`) as a badge in its colour."""
    if name not in CLASS_COLORS:
        raise ValueError(f"name must be one of {list(CLASS_COLORS)}, got {name!r}")
    return badge(name, CLASS_COLORS[name])
