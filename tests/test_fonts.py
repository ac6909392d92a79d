"""Chinese text and emoji in figures: the font list, the kit's own font, the once-only warning."""

from __future__ import annotations

import io
import warnings

import pytest

from livekit import data, fonts, style


@pytest.fixture
def fresh_fonts(monkeypatch):
    """Forget the font list and the warnings already given, and restore both afterwards."""
    fonts.font_families.cache_clear()
    monkeypatch.setattr(fonts, "_WARNED", set())
    yield monkeypatch
    fonts.font_families.cache_clear()


def _draw(text: str) -> list[warnings.WarningMessage]:
    """Draw ``text`` in a kit-styled figure; return every warning raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = style.new_figure(4, 2)
        with style.kit_style():
            ax = fig.add_subplot()
            ax.set_title(text)
            ax.text(0.1, 0.5, text)
        fig.savefig(io.BytesIO(), format="png")
    return list(caught)


def test_font_list_starts_with_sans_serif_and_holds_the_kits_font():
    families = fonts.font_families()
    assert families[0] == "sans-serif"
    assert fonts.BUNDLED_FAMILY in families
    assert not set(families) & set(fonts.UNRENDERABLE_FAMILIES)
    rc = fonts.font_rc()
    assert rc["font.family"] == list(families)


def test_kit_style_keeps_its_settings_and_adds_the_font_list():
    import matplotlib

    with style.kit_style():
        assert list(matplotlib.rcParams["font.family"]) == list(fonts.font_families())
        assert matplotlib.rcParams["font.size"] == style.KIT_RC["font.size"]


def test_chinese_renders_without_missing_glyph_warnings():
    caught = _draw("直播带货 🎥 李佳琦")
    about_chinese = [
        str(w.message)
        for w in caught
        if "CJK UNIFIED" in str(w.message)
        or (issubclass(w.category, fonts.MissingFontWarning) and "Chinese" in str(w.message))
    ]
    assert about_chinese == []
    assert fonts.missing_glyphs("直播带货，李佳琦。") == ""


def test_the_kits_font_covers_common_chinese_and_every_character_of_the_data():
    assert fonts.BUNDLED_FONT.is_file()
    assert (fonts.BUNDLED_FONT.parent / "OFL.txt").is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts.BUNDLED_FONT.parent / "OFL.txt").read_text(
        encoding="utf-8"
    )
    assert fonts.BUNDLED_FONT.stat().st_size < 3_000_000
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(str(fonts.BUNDLED_FONT)).get_charmap()
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"  # noqa: E501 (the 500 commonest characters)
    assert all(ord(c) in charmap for c in common)
    in_data = {
        c
        for table in data.kit_tables()
        for c in (data.data_dir() / f"{table}.csv").read_text(encoding="utf-8")
        if fonts.script_of(c) == "cjk"
    }
    assert in_data and all(ord(c) in charmap for c in in_data)


def test_no_cjk_font_says_once_how_to_get_one(fresh_fonts):
    fresh_fonts.setattr(fonts, "_registered_names", lambda: frozenset({"DejaVu Sans"}))
    assert fonts.font_families() == ("sans-serif",)
    assert fonts.missing_glyphs("直播 ok") == "直播"
    first = _draw("直播带货")
    second = _draw("李佳琦的直播间")
    told = [w for w in first + second if issubclass(w.category, fonts.MissingFontWarning)]
    assert len(told) == 1
    message = str(told[0].message)
    assert "Chinese" in message and "fonts-noto-cjk" in message and "Microsoft YaHei" in message
    assert "PingFang SC" in message and "restart the kernel" in message
    assert not [
        w for w in first + second if "missing from font" in str(w.message)
    ]  # no box is silent,
    # and no per-character noise either: one message in words


def test_no_emoji_font_says_once_how_to_get_a_monochrome_one(fresh_fonts):
    fresh_fonts.setattr(
        fonts, "_registered_names", lambda: frozenset({"DejaVu Sans", fonts.BUNDLED_FAMILY})
    )
    caught = _draw("直播 🎥") + _draw("🛒 🎁")
    told = [str(w.message) for w in caught if issubclass(w.category, fonts.MissingFontWarning)]
    assert len(told) == 1
    assert "Emoji" in told[0] and "fonts-symbola" in told[0] and "Noto Emoji" in told[0]
    assert "Noto Color Emoji" in told[0]  # says why the colour font does not help


def test_colour_emoji_fonts_are_never_listed(fresh_fonts):
    fresh_fonts.setattr(
        fonts,
        "_registered_names",
        lambda: frozenset({"DejaVu Sans", "Noto Color Emoji", "Apple Color Emoji", "Symbola"}),
    )
    families = fonts.font_families()
    assert "Noto Color Emoji" not in families and "Apple Color Emoji" not in families
    assert families[-1] == "Symbola"


def test_preference_order_windows_before_linux_and_the_kits_font_last(fresh_fonts):
    fresh_fonts.setattr(
        fonts,
        "_registered_names",
        lambda: frozenset(
            {"DejaVu Sans", "WenQuanYi Micro Hei", "Microsoft YaHei", fonts.BUNDLED_FAMILY}
        ),
    )
    assert fonts.font_families() == ("sans-serif", "Microsoft YaHei", fonts.BUNDLED_FAMILY)


def test_other_missing_glyphs_keep_matplotlibs_own_warning():
    caught = _draw("\U00013000")  # an Egyptian hieroglyph: neither CJK nor emoji
    assert any("missing from font" in str(w.message) for w in caught)


@pytest.mark.parametrize(
    "char, kind",
    [
        ("直", "cjk"),
        ("간", "cjk"),
        ("ス", "cjk"),
        ("，", "cjk"),
        ("🎥", "emoji"),
        ("★", "emoji"),
        ("a", "other"),
        ("é", "other"),
    ],
)
def test_script_of(char, kind):
    assert fonts.script_of(char) == kind


def test_bad_arguments():
    with pytest.raises(TypeError, match="char must be one character"):
        fonts.script_of("ab")
    with pytest.raises(TypeError, match="text must be text"):
        fonts.missing_glyphs(5)
    with pytest.raises(ValueError, match=r"kind must be one of \['cjk', 'emoji'\]"):
        fonts.font_help("arabic")


def test_warn_missing_glyphs_returns_what_is_missing_and_warns_once(fresh_fonts):
    fresh_fonts.setattr(fonts, "_registered_names", lambda: frozenset({"DejaVu Sans"}))
    with pytest.warns(fonts.MissingFontWarning, match="Chinese"):
        assert fonts.warn_missing_glyphs("直播 abc") == "直播"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fonts.warn_missing_glyphs("带货") == "带货"  # the second time: no warning


def test_bold_text_logs_nothing_about_the_fallback_fonts(caplog):
    import logging

    caplog.set_level(logging.WARNING, logger="matplotlib.font_manager")
    fig = style.new_figure(4, 2)
    with style.kit_style():
        ax = fig.add_subplot()
        ax.set_title("直播 bold 🎥", fontweight="bold")
    fig.savefig(io.BytesIO(), format="png")
    assert not [
        r for r in caplog.records if any(f in r.getMessage() for f in fonts.font_families()[1:])
    ]


_NOTICE = "Matplotlib is building the font cache; this may take a moment."
_LOG_AFTER_IMPORT = (
    "import sys; sys.platform = {platform!r}\n"
    "import livekit, logging\n"
    "log = logging.getLogger('matplotlib.font_manager')\n"
    "log.warning({notice!r})\n"
    "log.warning('findfont: Font family %s not found.', 'Nope')\n"
)


@pytest.mark.parametrize(
    "platform, dropped", [("emscripten", True), ("linux", False), ("win32", False)]
)
def test_font_cache_notice_is_dropped_only_in_the_browser_edition(platform, dropped):
    """Importing livekit in Pyodide drops matplotlib's per-page-load notice, and nothing else."""
    import subprocess
    import sys

    code = _LOG_AFTER_IMPORT.format(platform=platform, notice=_NOTICE)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert (_NOTICE not in run.stderr) is dropped, run.stderr
    assert "findfont: Font family Nope not found." in run.stderr  # other messages stay


def test_quiet_font_cache_notice_changes_nothing_off_pyodide_and_checks_its_argument():
    import logging

    logger = logging.getLogger("matplotlib.font_manager")
    before = list(logger.filters)
    assert fonts.quiet_font_cache_notice("linux") is False
    assert logger.filters == before
    with pytest.raises(TypeError, match="platform must be text"):
        fonts.quiet_font_cache_notice(3)
    try:
        assert fonts.quiet_font_cache_notice("emscripten") is True
        assert fonts.quiet_font_cache_notice("emscripten") is True  # installed once
        assert len(logger.filters) == len(before) + 1
    finally:
        logger.filters[:] = before


def test_system_fonts_are_looked_for_only_where_they_can_be():
    linux = fonts._system_font_patterns("linux")
    assert any(p.startswith("/usr/share/fonts") for p in linux)
    assert not any(p.startswith(("C:/", "/System/")) for p in linux)  # relative or foreign there
    assert any(p.startswith("C:/Windows/Fonts") for p in fonts._system_font_patterns("win32"))
    assert any(p.startswith("/System/Library/Fonts") for p in fonts._system_font_patterns("darwin"))
    # the browser edition has no system fonts, and a look would ask the site for a folder "c:"
    assert fonts._system_font_patterns("emscripten") == ()
