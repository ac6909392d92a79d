"""Fonts for Chinese text and emoji in the kit's figures.

matplotlib's default font, DejaVu Sans, has no Chinese characters and no emoji: without help a
seller called 李佳琦 or a canvas that says 直播带货 🎥 is drawn as empty boxes. Since
matplotlib 3.6 a *list* of font families falls back glyph by glyph: each character is drawn with
the first font in the list that has it. :func:`font_rc` gives :func:`livekit.style.kit_style`
such a list, built from the fonts this computer actually has:

1. ``sans-serif`` (DejaVu Sans by default): Latin text looks as it always did;
2. a CJK font of the system, in this order of preference: Windows (Microsoft YaHei, SimHei,
   DengXian), macOS (PingFang SC, Hiragino Sans GB, Heiti SC, STHeiti), Linux (Noto Sans CJK
   SC, Source Han Sans SC, WenQuanYi Micro Hei / Zen Hei, Droid Sans Fallback);
3. the kit's own font, ``livekit/font_files/LivekitCJKSans-Regular.otf``: a 1.6 MB subset of Noto
   Sans CJK SC (SIL Open Font License 1.1, licence beside it) holding the 6,763 common
   simplified characters of GB 2312, CJK punctuation, kana and every character of the kit's
   data tables. It is there on every machine, including the browser edition (Pyodide has no
   system fonts), so everyday Chinese always renders;
4. a black-and-white emoji font, if there is one: Segoe UI Emoji (Windows), Noto Emoji (the
   monochrome one, free from Google Fonts), Symbola (Debian/Ubuntu: ``fonts-symbola``).

Colour emoji fonts (Noto Color Emoji on Linux, Apple Color Emoji on macOS) are bitmap fonts that
matplotlib's Agg renderer cannot scale, so they are never put in the list: on a Mac, and in the
browser edition, emoji need a monochrome emoji font installed, and are otherwise boxes.

When a character still has no font (an emoji without an emoji font, a rare character outside the
kit's subset with no system CJK font), the kit says so **once per session**, in words, with a
:class:`MissingFontWarning` that says how to get a font, instead of matplotlib's one warning per
missing character. This module draws nothing and prints nothing.

In the browser edition (Pyodide) matplotlib rebuilds its font list in memory on every page load
(the browser keeps no cache folder between visits) and, in Pyodide's build of matplotlib, says
"Matplotlib is building the font cache; this may take a moment." on stderr each time, under the
first cell that draws. There the list holds only matplotlib's own fonts and takes well under a
second to build, so :func:`quiet_font_cache_notice` (called when ``livekit`` is imported) drops
exactly that one line, and only in Pyodide: on a computer, where matplotlib says it only when a
build takes more than a few seconds, it stays.
"""

from __future__ import annotations

import functools
import glob
import logging
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Any

__all__ = [
    "BUNDLED_FAMILY",
    "BUNDLED_FONT",
    "CJK_FAMILIES",
    "EMOJI_FAMILIES",
    "UNRENDERABLE_FAMILIES",
    "MissingFontWarning",
    "font_families",
    "font_rc",
    "missing_glyphs",
    "script_of",
    "font_help",
    "warn_missing_glyphs",
    "quiet_font_cache_notice",
    "FONT_CACHE_NOTICE",
]

#: The family name of the font the kit ships (a subset of Noto Sans CJK SC, renamed).
BUNDLED_FAMILY = "Livekit CJK Sans"
#: Where that font lives inside the package.
BUNDLED_FONT = Path(__file__).resolve().parent / "font_files" / "LivekitCJKSans-Regular.otf"

#: CJK families, in order of preference (system fonts first, the kit's subset last).
CJK_FAMILIES = (
    # Windows
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "SimHei",
    "DengXian",
    # macOS
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    # Linux
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    # the other faces of the Noto / Source Han collections cover the same characters
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Noto Sans CJK HK",
    "Source Han Sans",
    "Source Han Sans JP",
    BUNDLED_FAMILY,
)
#: Emoji families that Agg can draw (outline glyphs, drawn in one colour).
EMOJI_FAMILIES = ("Segoe UI Emoji", "Noto Emoji", "Symbola", "Segoe UI Symbol")
#: Colour-bitmap emoji fonts: matplotlib cannot draw them at arbitrary sizes, so never listed.
UNRENDERABLE_FAMILIES = (
    "Noto Color Emoji",
    "Apple Color Emoji",
    "Twemoji",
    "JoyPixels",
    "EmojiOne Color",
)

#: Font files to register if matplotlib's font cache predates their installation
#: (a stale cache would otherwise hide a font installed after the first plot).
_SYSTEM_FONT_FILES = (
    "/usr/share/fonts/**/NotoSansCJK-Regular.tt[co]",
    "/usr/share/fonts/**/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/**/NotoSansSC-Regular.*",
    "/usr/share/fonts/**/SourceHanSans*-Regular.*",
    "/usr/share/fonts/**/wqy-microhei.ttc",
    "/usr/share/fonts/**/wqy-zenhei.ttc",
    "/usr/share/fonts/**/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/**/Symbola*.ttf",
    "/usr/share/fonts/**/NotoEmoji-Regular.ttf",
    "~/.local/share/fonts/**/*CJK*",
    "~/.local/share/fonts/**/NotoEmoji*",
    "~/.fonts/**/*CJK*",
)
#: The same for Windows and macOS, looked for only there: elsewhere "C:/Windows/..." is a
#: relative path, which in the browser edition would send a request to the site for a folder "c:".
_PLATFORM_FONT_FILES = {
    "win32": (
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/simhei.ttf",
        "C:/Windows/Fonts/seguiemj.ttf",
        "C:/Windows/Fonts/seguisym.ttf",
    ),
    "darwin": (
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
    ),
}


def _system_font_patterns(platform: str) -> tuple[str, ...]:
    """The font-file patterns worth looking for on ``platform`` (a ``sys.platform`` value).

    None in the browser edition (``"emscripten"``): Pyodide has no system fonts, and a look
    there would ask the site's file drive for folders it does not have.
    """
    if platform == "emscripten":
        return ()
    return _SYSTEM_FONT_FILES + _PLATFORM_FONT_FILES.get(platform, ())


class MissingFontWarning(UserWarning):
    """Some characters of a figure have no font on this computer and show as empty boxes.

    The message says which kind of characters (Chinese/Japanese/Korean, or emoji) and how to get
    a font for them. The kit issues it once per kind and session.
    """


def script_of(char: str) -> str:
    """The kind of a character, for font purposes: ``"cjk"``, ``"emoji"`` or ``"other"``.

    Parameters
    ----------
    char : str
        One character.
    """
    if not isinstance(char, str) or len(char) != 1:
        raise TypeError(f"char must be one character (str of length 1), got {char!r}")
    code = ord(char)
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x1100 <= code <= 0x11FF
        or 0x20000 <= code <= 0x3FFFF
    ):
        return "cjk"
    if (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x200D, 0xFE0F, 0x20E3)
        or 0x1F1E6 <= code <= 0x1F1FF
    ):
        return "emoji"
    return "other"


def _font_manager():
    from matplotlib import font_manager

    return font_manager


def _register(path: str) -> set[str]:
    """Add one font file to matplotlib's list; return the family names it brought (a .ttc may
    bring several; none if the file is unreadable or already known)."""
    fm = _font_manager()
    if any(f.fname == path for f in fm.fontManager.ttflist):
        return set()
    before = len(fm.fontManager.ttflist)
    try:
        fm.fontManager.addfont(path)
    except Exception:  # noqa: BLE001 - an unreadable font file is skipped, not fatal
        return set()
    return {f.name for f in fm.fontManager.ttflist[before:]}


@functools.lru_cache(maxsize=1)
def _registered_names() -> frozenset[str]:
    """Family names matplotlib knows, with the kit's font and any fonts a stale cache hides."""
    fm = _font_manager()
    names = {f.name for f in fm.fontManager.ttflist}
    if BUNDLED_FONT.is_file():
        names |= _register(str(BUNDLED_FONT))
    if not any(f in names for f in CJK_FAMILIES[:-1]) or not any(
        f in names for f in EMOJI_FAMILIES
    ):
        for pattern in _system_font_patterns(sys.platform):
            for path in glob.glob(os.path.expanduser(pattern), recursive=True):
                names |= _register(path)
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def font_families() -> tuple[str, ...]:
    """The kit's font family list: ``sans-serif``, then the CJK and emoji fonts found here.

    That is: ``sans-serif``, the first system CJK family of :data:`CJK_FAMILIES` this computer
    has, the kit's own font, and the first emoji family of :data:`EMOJI_FAMILIES` it has. Only
    families this computer has are listed (a missing one would make matplotlib log a
    "font not found" line on every figure), and never a colour-bitmap emoji font.

    Returns
    -------
    tuple of str
        For ``rcParams["font.family"]``; the first entry is always ``"sans-serif"``.
    """
    names = _registered_names() - set(UNRENDERABLE_FAMILIES)
    system_cjk = [f for f in CJK_FAMILIES if f in names and f != BUNDLED_FAMILY][:1]
    bundled = [BUNDLED_FAMILY] if BUNDLED_FAMILY in names else []
    emoji = [f for f in EMOJI_FAMILIES if f in names][:1]
    return ("sans-serif", *system_cjk, *bundled, *emoji)


def font_rc() -> dict[str, Any]:
    """matplotlib settings that make Chinese and emoji render where a font for them exists.

    Also makes a character without any font raise one :class:`MissingFontWarning` per kind and
    session (with how to get a font) instead of one matplotlib warning per character.

    Returns
    -------
    dict
        ``{"font.family": [...]}``, for :func:`matplotlib.rc_context`.
    """
    _install_glyph_hook()
    _install_weight_filter()
    return {"font.family": list(font_families())}


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def _family_paths() -> list[str]:
    fm = _font_manager()
    paths = []
    for family in font_families():
        try:
            paths.append(
                str(fm.findfont(fm.FontProperties(family=[family]), fallback_to_default=False))
            )
        except ValueError:
            continue
    return paths


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` that no font of :func:`font_families` can draw.

    Parameters
    ----------
    text : str
        Any text, e.g. a seller's name or what a student typed into the canvas.

    Returns
    -------
    str
        Each missing character once, in order of appearance (``""`` when all can be drawn).
        Spaces, line breaks and invisible joiners are never counted.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be text (str), got {type(text).__name__}")
    maps = [_charmap(p) for p in _family_paths()]
    out = []
    for char in dict.fromkeys(text):
        if char.isspace() or ord(char) < 0x20 or char in "\u200d\ufe0f\u20e3":
            continue
        if not any(ord(char) in m for m in maps):
            out.append(char)
    return "".join(out)


def font_help(kind: str) -> str:
    """How to get a font for ``kind`` (``"cjk"`` or ``"emoji"``), in words, for a student.

    Parameters
    ----------
    kind : {"cjk", "emoji"}
    """
    if kind not in ("cjk", "emoji"):
        raise ValueError(f"kind must be one of ['cjk', 'emoji'], got {kind!r}")
    cache = _cache_dir()
    restart = (
        "then restart the kernel (Kernel > Restart). If the boxes stay, delete the file "
        f"fontlist-*.json in matplotlib's cache folder {cache} and restart again."
    )
    if kind == "cjk":
        return (
            "Some Chinese, Japanese or Korean characters in this figure have no font on this "
            "computer and show as empty boxes. The kit's own font covers the 6,763 common "
            "simplified Chinese characters; for the others install a full CJK font: on Windows, "
            "Microsoft YaHei or SimHei (Settings > Time & language > Language: add Chinese "
            "(Simplified)); on macOS, PingFang SC comes with the system; on Debian/Ubuntu, "
            "'sudo apt install fonts-noto-cjk'; on Fedora, "
            "'sudo dnf install google-noto-sans-cjk-fonts'; " + restart
        )
    return (
        "Emoji in this figure show as empty boxes: matplotlib can only draw black-and-white emoji "
        "fonts (not Noto Color Emoji or Apple Color Emoji), and none was found. Install one: on "
        "Debian/Ubuntu, 'sudo apt install fonts-symbola'; on any system, the free 'Noto Emoji' "
        "font from Google Fonts (the black-and-white one); Windows has Segoe UI Emoji already. "
        "In the browser edition emoji cannot be drawn in figures: leave them out of names. "
        + restart
    )


def _cache_dir() -> str:
    try:
        import matplotlib

        return matplotlib.get_cachedir()
    except Exception:  # noqa: BLE001 - only used in a message
        return "(see matplotlib.get_cachedir())"


_WARNED: set[str] = set()


def warn_missing_glyphs(text: str) -> str:
    """Warn once per session if ``text`` has CJK characters or emoji that no font can draw.

    Parameters
    ----------
    text : str
        Text about to be drawn.

    Returns
    -------
    str
        The missing characters (see :func:`missing_glyphs`).
    """
    missing = missing_glyphs(text)
    for kind in ("cjk", "emoji"):
        if any(script_of(c) == kind for c in missing):
            _warn_once(kind)
    return missing


def _warn_once(kind: str) -> None:
    """Issue the warning for ``kind`` unless done already, pointing at the caller's own code."""
    if kind in _WARNED:
        return
    _WARNED.add(kind)
    frame, level = sys._getframe(1), 2
    while frame is not None and re.match(
        r"(matplotlib|livekit|mpl_toolkits)(\.|$)", frame.f_globals.get("__name__", "")
    ):
        frame, level = frame.f_back, level + 1
    warnings.warn(font_help(kind), MissingFontWarning, stacklevel=level)


_HOOK: dict[str, Any] = {}


def _install_glyph_hook() -> None:
    """Route matplotlib's per-glyph "missing" warnings for CJK and emoji to one kit warning.

    matplotlib (3.6 and later) reports each character its fonts lack through
    ``matplotlib._text_helpers.warn_on_missing_glyph``. The kit wraps that function: for CJK
    characters and emoji it issues :class:`MissingFontWarning` once per kind (saying how to get
    a font); every other character goes to matplotlib's own warning as before. If a future
    matplotlib drops the function, its own per-glyph warnings stay: boxes are never silent.
    """
    if _HOOK:
        return
    try:
        from matplotlib import _text_helpers
    except ImportError:  # pragma: no cover - matplotlib without the helper
        _HOOK["original"] = None
        return
    original = getattr(_text_helpers, "warn_on_missing_glyph", None)
    if original is None or getattr(original, "_livekit", False):  # pragma: no cover
        _HOOK["original"] = original
        return

    def warn_on_missing_glyph(codepoint, *args, **kwargs):
        kind = script_of(chr(codepoint))
        if kind in ("cjk", "emoji"):
            _warn_once(kind)
            return None
        return original(codepoint, *args, **kwargs)

    warn_on_missing_glyph._livekit = True  # type: ignore[attr-defined]
    _text_helpers.warn_on_missing_glyph = warn_on_missing_glyph
    _HOOK["original"] = original


class _FallbackWeightFilter(logging.Filter):
    """Drop matplotlib's "Failed to find font weight bold for X" for the kit's fallback fonts.

    Newer matplotlib logs that line whenever bold text is set and a font in the family list has
    no bold face. The fallback fonts only draw the characters DejaVu Sans lacks, and a regular
    face standing in for bold there is expected: the line would only be noise under every figure.
    It stays for every other font.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(
            "findfont: Failed to find font weight"
        ):
            args = record.args if isinstance(record.args, tuple) else ()
            if len(args) >= 2 and args[1] in _FALLBACK_NAMES:
                return False
        return True


_FALLBACK_NAMES = frozenset(CJK_FAMILIES) | frozenset(EMOJI_FAMILIES)
_WEIGHT_FILTER = _FallbackWeightFilter()


def _install_weight_filter() -> None:
    logger = logging.getLogger("matplotlib.font_manager")
    if _WEIGHT_FILTER not in logger.filters:
        logger.addFilter(_WEIGHT_FILTER)


#: The start of matplotlib's notice that it is building its font list (logged as a warning).
FONT_CACHE_NOTICE = "Matplotlib is building the font cache"


class _FontCacheNoticeFilter(logging.Filter):
    """Drop matplotlib's "building the font cache" notice; let every other record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(FONT_CACHE_NOTICE))


_CACHE_NOTICE_FILTER = _FontCacheNoticeFilter()


def quiet_font_cache_notice(platform: str | None = None) -> bool:
    """In the browser edition, keep matplotlib's "building the font cache" notice off stderr.

    Pyodide's matplotlib logs the notice every time it builds its font list, which happens on
    every page load (the list is kept in memory only) and takes well under a second there. Only
    that notice is dropped, only on Pyodide; every other matplotlib message stays. It must run
    before ``matplotlib.font_manager`` is first imported, so ``livekit/__init__.py`` calls it.

    Parameters
    ----------
    platform : str, optional
        The platform to decide for (default ``sys.platform``); the notice is dropped only for
        ``"emscripten"`` (Pyodide).

    Returns
    -------
    bool
        True if the notice is (now) dropped, False on any other platform (nothing changed).
    """
    platform = sys.platform if platform is None else platform
    if not isinstance(platform, str):
        raise TypeError(
            f"platform must be text such as 'emscripten', got {type(platform).__name__}"
        )
    if platform != "emscripten":
        return False
    logger = logging.getLogger("matplotlib.font_manager")
    if _CACHE_NOTICE_FILTER not in logger.filters:
        logger.addFilter(_CACHE_NOTICE_FILTER)
    return True
