"""Rebuild ``LivekitCJKSans-Regular.otf``: a subset of Noto Sans CJK SC Regular (SIL OFL 1.1).

Run from the checkout, on a machine with Debian's ``fonts-noto-cjk`` installed::

    python tools/build_cjk_font.py

It keeps the 6,763 Chinese characters of GB 2312 (the simplified characters in everyday use)
with its punctuation and symbols, CJK punctuation, kana, full-width forms, and every character
in the kit's ``data/*.csv`` files, so that seller names in the kit's own tables always render.
The family is renamed (OFL: a modified font should not pass as the original; "Noto" is a
trademark of Google) and the licence text goes beside it as ``OFL.txt``. Not imported by the kit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = 2  # Noto Sans CJK SC in Debian's collection (0 JP, 1 KR, 2 SC, 3 TC, 4 HK)
ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "livekit" / "font_files"
TARGET = HERE / "LivekitCJKSans-Regular.otf"
FAMILY = "Livekit CJK Sans"


def characters() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):  # every valid two-byte GB 2312 code
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for start, end in [(0x3000, 0x303F), (0x3040, 0x30FF), (0xFF00, 0xFFEF), (0x2010, 0x206F)]:
        chars.update(chr(c) for c in range(start, end + 1))
    for csv in (ROOT / "data").glob("*.csv"):
        chars.update(c for c in csv.read_text(encoding="utf-8") if ord(c) > 0x2000)
    return chars


def main() -> int:
    font = TTFont(SOURCE, fontNumber=FACE)
    options = subset.Options()
    options.layout_features = [
        "kern",
        "palt",
        "halt",
    ]  # no vertical or alternate forms: fewer glyphs
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in sorted(characters())])
    sub.subset(font)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID in (3, 6):
            record.string = "LivekitCJKSans-Regular"
        elif record.nameID == 5:
            record.string = str(record) + "; subset for livekit-teaching-kit"
    font["CFF "].cff.fontNames = ["LivekitCJKSans-Regular"]
    font.save(TARGET)
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
