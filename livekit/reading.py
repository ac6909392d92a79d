"""Reading a user's own table: bytes in, cells with their line numbers out.

Instructors bring tables exported from Excel, a platform's dashboard or a scraper, or cells
pasted from a spreadsheet. This module turns such a file into a table of cells, finding out how
the file was written instead of guessing silently:

- **what the file is**: text (CSV, tab-separated), an Excel workbook (``.xlsx``, read with
  openpyxl whatever the file's name), or something else saved under a table's name (a web
  page, a PDF, an image, a zip, a legacy ``.xls``), which is refused with one sentence saying
  what it is and how to export a table instead (:func:`file_kind`);
- **encoding**: UTF-8 (with or without the byte-order mark Excel adds), GBK/GB18030 (Chinese
  Excel's "CSV"), UTF-16 with a byte-order mark (Excel's "Unicode text", tab-separated);
- **separator**: comma, semicolon or tab;
- **the header**: lines above it (a title, an export note, blank lines) are found and skipped,
  saying which; ``header_line=3`` names it;
- **decimal mark**: ``.`` or ``,`` (see :func:`detect_decimal`), never mistaking a decimal
  comma for a thousands separator;
- numbers as exports and Chinese spreadsheets write them (:func:`parse_number`): suffixes
  (``12.3k``, ``1.2M``, ``2B``, ``3.5万``, ``1.2亿``, ``3.5w``, ``12%`` = 0.12), full-width
  digits (``１２００００``), lower bounds (``10w+``, ``1.2万+``: read as the bound), currency
  signs (``¥1,200,000``, ``￥35000``, ``$5``, ``35000元``), thousands grouped with two or more
  separators (``1,234,567``) or spaces (``1 234 567``).

When it cannot tell, it stops with a :class:`ValueError` that says what it found and the exact
option to pass (``sep=";"``, ``encoding="gbk"``, ``decimal=","``, ``header_line=3``). Line
numbers are the ones an editor shows (rows as Excel numbers them, for a workbook). What was
read differently from the file's face (lines skipped, a bound read for ``10w+``) is said in
:attr:`RawTable.warnings`. A file is only ever read, never written.

Speed: a text file is split and its plain numbers converted by pandas' C parser; only cells in
the forms above, and cells that fail, go through the kit's own number reader (once per distinct
text). The functions here know nothing about sellers; :mod:`livekit.data` checks the cells
against a schema and :mod:`livekit.seller_data` reads seller tables.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from os import PathLike, fspath
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "SEPARATORS",
    "SUFFIXES",
    "CURRENCIES",
    "MAX_LISTED",
    "Problem",
    "TableWarning",
    "RawTable",
    "Sniffed",
    "read_bytes",
    "source_label",
    "file_kind",
    "decode",
    "detect_sep",
    "split_rows",
    "detect_decimal",
    "parse_number",
    "parse_numbers",
    "problems_message",
    "read_raw",
    "sniff",
]

#: Separators the reader detects, with the names used in messages.
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
#: Multipliers of the suffixes :func:`parse_number` reads (case matters only for m/M: both million).
SUFFIXES = {
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "b": 1e9,
    "B": 1e9,
    "w": 1e4,
    "W": 1e4,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "%": 0.01,
}
#: Currency signs a number may carry (before or after it); they are dropped, never converted.
CURRENCIES = ("¥", "￥", "$", "€", "£", "元")
#: How many problems one error message lists before "and N more".
MAX_LISTED = 20

_SNIFF_LINES = 200  # lines looked at to find the separator and the header
_MAX_PREAMBLE = 10  # at most this many records above the header are skipped as title or notes


# --- problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem found in a file, in file order.

    Attributes
    ----------
    line : int
        The file's line as an editor numbers it (a workbook's row); 0 for the whole file.
    position : int
        The column's position (0 first), to order problems on one line.
    column : str
        The column name as the user's file has it ("" if the problem is not about a cell).
    kit_column : str
        The kit's name for that column (same as ``column`` without a mapping).
    value : str or None
        The cell's text, or None if the problem is not about one cell.
    allowed : str
        What is allowed, or what is wrong, in words.
    """

    line: int
    position: int = 0
    column: str = ""
    kit_column: str = ""
    value: str | None = None
    allowed: str = ""

    def text(self, unit: str = "line") -> str:
        """The problem as one line of an error message (``unit``: "line"; "row" in a workbook)."""
        parts = [f"{unit} {self.line}" if self.line else "file"]
        if self.column:
            name = f"column {self.column!r}"
            if self.kit_column and self.kit_column != self.column:
                name += f" (kit column {self.kit_column!r})"
            parts.append(name)
        head = ", ".join(parts)
        if self.value is None:
            return f"{head}: {self.allowed}"
        return f"{head}: value {self.value!r}; allowed: {self.allowed}"


class TableWarning(UserWarning):
    """A file was read, but not exactly as it looks: lines skipped above the header, a totals
    row dropped, lower bounds such as ``10w+`` read as the bound, a workbook's sheet chosen."""


def _check_problems_args(where: Any, problems: Any, limit: Any) -> list[Problem]:
    if not isinstance(where, str):
        raise TypeError(f"where must be the file's name (str), got {type(where).__name__}")
    if isinstance(problems, (str, bytes)) or not hasattr(problems, "__iter__"):
        raise TypeError(f"problems must be a list of Problem, got {type(problems).__name__}")
    problems = list(problems)
    if not problems or not all(isinstance(p, Problem) for p in problems):
        raise ValueError(f"problems must be a non-empty list of Problem, got {problems!r:.80}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1, got {limit!r}")
    return problems


def problems_message(
    where: str,
    problems: Sequence[Problem],
    *,
    limit: int = MAX_LISTED,
    header_line: int = 1,
    unit: str = "line",
) -> str:
    """One error message listing ``problems`` in file order, at most ``limit`` of them.

    Parameters
    ----------
    where : str
        The file's name, put first.
    problems : sequence of Problem
        Every problem found (at least one).
    limit : int
        How many to list before "... and N more" (default :data:`MAX_LISTED`).
    header_line : int
        The header's line (1 unless lines above it were skipped).
    unit : {"line", "row"}
        "row" for a workbook (rows as Excel numbers them).

    Returns
    -------
    str

    Examples
    --------
    >>> found = [Problem(3, 1, "Fans", "followers", "-5", "a number >= 0")]
    >>> print(problems_message("f.csv", found))
    f.csv: 1 problem (lines as an editor numbers them, the header is line 1):
      line 3, column 'Fans' (kit column 'followers'): value '-5'; allowed: a number >= 0
    """
    problems = _check_problems_args(where, problems, limit)
    if unit not in ("line", "row"):
        raise ValueError(f"unit must be 'line' or 'row', got {unit!r}")
    ordered = sorted(problems, key=lambda p: (p.line, p.position, p.column, p.allowed))
    count = len(ordered)
    numbered = "lines as an editor numbers them" if unit == "line" else "rows as Excel numbers them"
    head = (
        f"{where}: {count} problem{'s' if count != 1 else ''} "
        f"({numbered}, the header is {unit} {header_line}):"
    )
    lines = [head, *("  " + p.text(unit) for p in ordered[:limit])]
    if count > limit:
        lines.append(f"  and {count - limit} more")
    return "\n".join(lines)


# --- bytes: what the file is ---------------------------------------------------------------


def source_label(source: Any, label: str | None = None) -> str:
    """The name messages use for ``source``: ``label``, else the path, the file-like's
    ``name``, else "the uploaded file"."""
    if label is not None:
        return str(label)
    if isinstance(source, (str, PathLike)):
        return str(fspath(source))
    name = getattr(source, "name", None)
    return str(name) if isinstance(name, str) else "the uploaded file"


def read_bytes(source: Any, *, label: str | None = None) -> tuple[bytes, str]:
    """The raw bytes of a path, a bytes object or a file-like, and a name for messages.

    Parameters
    ----------
    source : str, path, bytes, bytearray, memoryview or file-like
        A path to a file; the file's content (e.g. an upload's ``content``); or an open file
        (binary or text; a text file's text is taken as UTF-8).
    label : str, optional
        The name messages use (default: the path, the file-like's ``name``, else "the uploaded
        file").

    Returns
    -------
    (bytes, str)
        The content and the label.
    """
    where = source_label(source, label)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), where
    if isinstance(source, (str, PathLike)):
        path = Path(fspath(source))
        if isinstance(source, str) and "\n" in source and not path.exists():
            raise ValueError(
                "source looks like CSV text, not a file name: pass the text as bytes "
                "(text.encode()) or as io.StringIO(text)"
            )
        try:
            if not path.is_file():
                raise ValueError(f"{where:.200}: file not found")
            return path.read_bytes(), where
        except OSError as exc:  # a name too long, a folder without permission, ...
            raise ValueError(f"{where:.200}: cannot be read ({exc.strerror or exc})") from None
    if hasattr(source, "read"):
        content = source.read()
        if isinstance(content, str):
            return content.encode("utf-8"), where
        if isinstance(content, (bytes, bytearray)):
            return bytes(content), where
        raise TypeError(f"source: its read() must give bytes or text, got {type(content).__name__}")
    raise TypeError(
        f"source must be a path, the file's bytes or an open file, got {type(source).__name__}"
    )


_EXPORT_HINT = (
    "export the table itself: in Excel or WPS choose Save As, Excel Workbook (.xlsx) or "
    "CSV UTF-8; in a dashboard, its Export or Download button for Excel or CSV; or copy the "
    "cells and paste them"
)
_RESAVE = "open it in Excel or WPS and save it as Excel Workbook (.xlsx) or CSV UTF-8"
#: File signatures (first bytes) of things that are not tables, and what to call them.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<?xml")


def _zip_kind(content: bytes) -> str:
    """What a zip file is: "xlsx", or the name of something else."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, EOFError):
        return (
            "a damaged zip archive, not a table (perhaps a workbook that was not saved "
            f"completely): {_RESAVE}"
        )
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"spreadsheet" in mimetype:
        return f"an OpenDocument spreadsheet (.ods), which the kit does not read: {_RESAVE}"
    if any(n.startswith("Index/") for n in names):
        return f"an Apple Numbers spreadsheet, which the kit does not read: {_RESAVE}"
    if "word/document.xml" in names:
        return f"a Word document (.docx), not a table; {_EXPORT_HINT}"
    if "ppt/presentation.xml" in names:
        return f"a PowerPoint presentation (.pptx), not a table; {_EXPORT_HINT}"
    return f"a zip archive, not a table: unzip it and read the table inside; {_EXPORT_HINT}"


def _text_start(content: bytes) -> bytes:
    return content[:1024].lstrip(b"\xef\xbb\xbf").lstrip().lower()


def _looks_json(content: bytes) -> bool:
    start = _text_start(content)[:1]
    if start not in (b"{", b"["):
        return False
    try:
        json.loads(content.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def file_kind(content: bytes, *, where: str = "the file", encoding: str | None = None) -> str:
    """What a file is, judged by its content (never by its name): ``"text"`` or ``"xlsx"``.

    Parameters
    ----------
    content : bytes
        The file's content.
    where : str
        The file's name for messages.
    encoding : str, optional
        The text encoding the user gave, if any (then zero bytes are no sign of binary data).

    Returns
    -------
    str
        ``"xlsx"`` for an Excel workbook (also one saved with a ``.csv`` name), ``"text"`` for
        anything else that may be a text table.

    Raises
    ------
    ValueError
        For something that is not a table: a web page, a PDF, an image, an archive, a legacy
        ``.xls`` workbook, JSON, binary data. The message says what it is and how to export a
        table instead.

    Examples
    --------
    >>> file_kind(b"seller,followers\\nAnna,1200\\n")
    'text'
    >>> file_kind(b"%PDF-1.7 ...", where="report.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: report.csv: is a PDF document, not a table; export the table itself: ...
    """
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError(f"content must be bytes, got {type(content).__name__}")
    content = bytes(content)
    what = _not_table(content, binary=encoding is None)
    if what == "xlsx":
        return "xlsx"
    if what is not None:
        raise ValueError(f"{where}: is {what}")
    return "text"


def _not_table(content: bytes, *, binary: bool = True) -> str | None:
    """What the content is if it is not a text table: "xlsx"; what it is and how to get a
    table from it; or None."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return None  # a byte-order mark: text
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            "a legacy Excel workbook (.xls, or a password-protected workbook), which the kit "
            f"does not read: {_RESAVE}"
        )
    for signature, what in _SIGNATURES:
        if content.startswith(signature):
            return f"{what}, not a table; {_EXPORT_HINT}"
    start = _text_start(content)
    if start.startswith(_HTML_STARTS):
        return (
            "a web page (HTML), not a table, as some dashboards' export buttons save; "
            f"{_EXPORT_HINT}"
        )
    if _looks_json(content):
        return "JSON data, not a table (pandas.read_json reads it)"
    if binary and b"\x00" in content[:4096] and not _utf16_without_bom(content):
        return f"binary data, not a text table; {_EXPORT_HINT}"
    return None


def _utf16_without_bom(content: bytes) -> bool:
    """Whether the zero bytes sit in every other place, as in UTF-16 text without a BOM (the
    high byte of each Latin letter, digit and separator)."""
    head = content[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 0.9 * (even + odd) and max(even, odd) >= 0.1 * len(head) / 2


# --- text ----------------------------------------------------------------------------------

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}


def _has_cjk(text: str) -> bool:
    return re.search(r"[\u3400-\u9fff]", text) is not None


def _line_of(content: bytes, offset: int) -> int:
    return content[:offset].count(b"\n") + 1


def _decode_as(content: bytes, encoding: str, where: str) -> tuple[str, str]:
    """Decode with the encoding the user gave."""
    if not isinstance(encoding, str):
        raise TypeError(
            f"encoding must be a codec name such as 'utf-8' or 'gbk', got {type(encoding).__name__}"
        )
    try:
        text = content.decode(encoding)
    except LookupError:
        raise ValueError(
            f"encoding must be a codec name such as 'utf-8', 'gbk', 'utf-16', got {encoding!r}"
        ) from None
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{where}: is not {encoding} text: byte {content[exc.start]:#04x} on line "
            f"{_line_of(content, exc.start)} does not decode; leave encoding=None to detect it"
        ) from None
    return text.lstrip("\ufeff"), encoding


def _decode_marked(content: bytes, where: str) -> tuple[str, str] | None:
    """Decode a file that starts with a byte-order mark; None if it has none."""
    if content.startswith(b"\xef\xbb\xbf"):
        try:
            return content[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValueError(
                f"{where}: starts like UTF-16 text but does not decode as UTF-16"
            ) from None
    return None


def _decode_detected(content: bytes, where: str) -> tuple[str, str]:
    """Decode a file without byte-order mark: UTF-8, else Chinese GB18030, else explain."""
    if b"\x00" in content[:4096]:
        raise ValueError(
            f"{where}: has zero bytes, as UTF-16 text without a byte-order mark does; "
            f'pass encoding="utf-16-le" (Windows) or encoding="utf-16-be"'
        )
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first = exc
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _has_cjk(text):
        return text, "gb18030"
    raise ValueError(
        f"{where}: is not UTF-8 text (byte {content[first.start]:#04x} on line "
        f"{_line_of(content, first.start)}) and not Chinese GBK text either. If Excel saved it "
        'in a Western European setting pass encoding="cp1252"; for Chinese Excel '
        'encoding="gbk"; or save it again as "CSV UTF-8"'
    )


def decode(
    content: bytes, *, encoding: str | None = None, where: str = "the file"
) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding unless one is given.

    Detection: a UTF-8 byte-order mark gives ``"utf-8-sig"``; a UTF-16 one ``"utf-16"``; text
    that is valid UTF-8 ``"utf-8"``; text that is not, but reads as GB18030 (a superset of
    GBK) and has Chinese characters, ``"gb18030"``. Anything else stops with an error naming
    the first undecodable byte and the option to pass.

    Parameters
    ----------
    content : bytes
        The file's content.
    encoding : str, optional
        A Python codec name ("utf-8", "gbk", "cp1252", ...) to use instead of detecting.
    where : str
        The file's name for messages.

    Returns
    -------
    (str, str)
        The text (byte-order mark removed, line ends kept) and the encoding used.

    Raises
    ------
    ValueError
        If the bytes cannot be decoded; the message says what was found and what to pass.

    Examples
    --------
    >>> decode("主播,粉丝数\\n".encode("gbk"))
    ('主播,粉丝数\\n', 'gb18030')
    """
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError(f"content must be bytes, got {type(content).__name__}")
    content = bytes(content)
    if encoding is not None:
        return _decode_as(content, encoding, where)
    return _decode_marked(content, where) or _decode_detected(content, where)


def _records(text: str, sep: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each non-blank record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    out: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        if cells and any(c.strip() for c in cells):
            out.append((start, cells))
        start = reader.line_num + 1
    return out


def _head(text: str, lines: int = _SNIFF_LINES) -> str:
    """The first ``lines`` lines of ``text`` (line ends kept)."""
    ends = 0
    for _ in range(lines):
        found = _EOL.search(text, ends)
        if found is None:
            return text
        ends = found.end()
    return text[:ends]


def _fit(records: list[tuple[int, list[str]]]) -> tuple[int, float]:
    """The most common number of fields and the share of records that have it."""
    widths = Counter(len(cells) for _, cells in records)
    width, count = widths.most_common(1)[0]
    return width, count / len(records)


def detect_sep(text: str, *, where: str = "the file") -> str:
    """The separator of a CSV text: comma, semicolon or tab.

    A candidate qualifies if it splits the first lines most often into at least two fields;
    among those, the one that gives the largest share of the first lines that number of fields
    wins, and on a tie the one that gives more fields (so a title line or decimal commas do not
    mislead it). A file with a single column counts as comma-separated.

    Raises
    ------
    ValueError
        If two separators fit equally well; the message names them and the option to pass.

    Examples
    --------
    >>> detect_sep("Name;Fans;Viewers\\nAnna;1500,5;30\\n")
    ';'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the file's text (str), got {type(text).__name__}")
    head = _head(text)
    fits: dict[str, tuple[float, int]] = {}
    for sep in SEPARATORS:
        try:
            records = _records(head, sep)
        except csv.Error:
            continue
        if records:
            width, share = _fit(records)
            if width >= 2:
                fits[sep] = (share, width)
    if not fits:
        return ","
    best = max(fits.values())
    winners = [s for s, f in fits.items() if f == best]
    if len(winners) > 1:
        named = " and ".join(f"{SEPARATORS[s]} (sep={s!r})" for s in winners)
        raise ValueError(
            f"{where}: could be separated by {named}; pass the one it uses, e.g. sep={winners[0]!r}"
        )
    return winners[0]


# --- the header ----------------------------------------------------------------------------

_EOL = re.compile(r"\r\n|\r|\n")


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _has_number(cells: Sequence[str]) -> bool:
    return any(_is_number(c) for c in cells if c.strip())


def _is_number(text: str) -> bool:
    scan = _scan(text)
    return scan is not None and scan[0] != "bad"


def _is_preamble(records: list[tuple[int, list[str]]], k: int) -> bool:
    """Whether record ``k`` is a title or note above the table: one filled cell, or fewer
    fields than most records after it have."""
    rest = records[k + 1 : k + 51]
    if len(rest) < 2:
        return False
    width, share = _fit(rest)
    cells = records[k][1]
    if width < 2 or share < 0.6:
        return False
    return _filled(cells) <= 1 or len(cells) < width


def _find_header(records: list[tuple[int, list[str]]]) -> int:
    """The index of the header record: the first that is not a title or note above the
    table, provided it has no number in it (else the first record)."""
    k = 0
    while k < min(_MAX_PREAMBLE, len(records) - 1) and _is_preamble(records, k):
        k += 1
    if k and _has_number(records[k][1]):
        return 0
    return k


def _skipped(records, k: int, header_line: int, unit: str) -> tuple[str, bool]:
    """Which lines above the header were skipped, in words; and whether any was not blank."""
    above = {line: cells for line, cells in records[:k]}
    said = []
    for line in range(1, header_line):
        cells = above.get(line)
        text = ", ".join(c.strip() for c in cells if c.strip()) if cells else ""
        said.append(f"{unit} {line} {text[:60]!r}" if text else f"{unit} {line} (blank)")
    listed = ", ".join(said[:5]) + (f" and {len(said) - 5} more" if len(said) > 5 else "")
    return listed, bool(above)


# --- numbers -------------------------------------------------------------------------------

_SUFFIX = "|".join(re.escape(s) for s in SUFFIXES)
_QUICK = re.compile(rf"([+-]?)([0-9][0-9.,]*|[.,][0-9]+)(?:[eE]([+-]?[0-9]+))?({_SUFFIX})?")
_FULL = re.compile(
    r"([+-]?)\s*([¥$€£]?)\s*([+-]?)([0-9][0-9.,]*(?: [0-9][0-9.,]*)*|[.,][0-9]+)"
    rf"(?:[eE]([+-]?[0-9]+))?\s*({_SUFFIX})?\s*(\+?)\s*(元|[¥$€£]?)\s*(\+?)"
)
_AMBIGUOUS = re.compile(r"[0-9]{1,3}[.,][0-9]{3}")  # 1,500 or 1.500
_KINDS_BY_MARKS = {  # (has a comma, has a point): (pattern of the digits, kind), tried in order
    (True, True): (
        (re.compile(r"[0-9]{1,3}(,[0-9]{3})+\.[0-9]*"), "dot"),  # 1,234.5
        (re.compile(r"[0-9]{1,3}(\.[0-9]{3})+,[0-9]*"), "comma"),  # 1.234,5
    ),
    (True, False): (
        (_AMBIGUOUS, "ambiguous"),
        (re.compile(r"[0-9]{1,3}(,[0-9]{3}){2,}"), "dot"),  # 1,234,567: commas group thousands
        (re.compile(r"[0-9]*,[0-9]+"), "comma"),  # 1500,5 or ,5
    ),
    (False, True): (
        (_AMBIGUOUS, "ambiguous"),
        (re.compile(r"[0-9]{1,3}(\.[0-9]{3}){2,}"), "comma"),  # 1.234.567: points group thousands
        (re.compile(r"[0-9]*\.[0-9]+|[0-9]+\.[0-9]*"), "dot"),  # 1500.5, .5, 1500.
    ),
}
_SPACED = re.compile(r"[0-9]{1,3}( [0-9]{3})+([.,][0-9]*)?")


def _mantissa_kind(digits: str) -> tuple[str, str]:
    """Classify the digits part: 'plain', 'dot' (decimal point), 'comma' (decimal comma),
    'ambiguous' (1,500 or 1.500), or 'bad'; and the digits with grouping spaces removed."""
    if digits.isdigit():
        return "plain", digits
    if " " in digits:
        if not _SPACED.fullmatch(digits):
            return "bad", digits
        digits = digits.replace(" ", "")  # spaces group thousands: a mark left is the decimal
        if "." in digits:
            return "dot", digits
        return ("comma" if "," in digits else "plain"), digits
    for pattern, kind in _KINDS_BY_MARKS.get(("," in digits, "." in digits), ()):
        if pattern.fullmatch(digits):
            return kind, digits
    return "bad", digits


#: One cell read as a number: (kind, sign, digits, exponent, multiplier, lower bound, currency).
_Scan = tuple[str, str, str, str, float, bool, str]


def _normal(text: str) -> str:
    """A cell as the number reader sees it: stripped; full-width forms and the minus sign
    folded (NFKC), so ``１２，０００`` is ``12,000``."""
    text = text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    return text


def _scan(text: str) -> _Scan | None:
    """Read one cell's number form, or None if it is not a number in any form the kit reads."""
    text = _normal(text)
    quick = _QUICK.fullmatch(text)
    if quick:
        sign, digits, exponent, suffix = quick.groups()
        kind, digits = _mantissa_kind(digits)
        return kind, sign, digits, exponent or "", SUFFIXES[suffix] if suffix else 1.0, False, ""
    full = _FULL.fullmatch(text)
    if not full:
        return None
    sign, before, sign2, digits, exponent, suffix, plus, after, plus2 = full.groups()
    if (sign and sign2) or (plus and plus2):
        return None
    kind, digits = _mantissa_kind(digits)
    multiplier = SUFFIXES[suffix] if suffix else 1.0
    signs = {"元": "¥"}.get(after, after)  # 元 and ¥ (full-width ￥ folded) both say yuan
    currency = "".join(dict.fromkeys(c for c in (before, signs) if c))
    return kind, sign or sign2, digits, exponent or "", multiplier, bool(plus or plus2), currency


def _value(scan: _Scan | None, decimal: str) -> float:
    """The number a scanned cell stands for, when ``decimal`` is the decimal mark (NaN if it
    cannot be one)."""
    if scan is None:
        return math.nan
    kind, sign, digits, exponent, multiplier = scan[:5]
    if kind == "bad" or kind == ("comma" if decimal == "." else "dot"):
        return math.nan
    if decimal == ".":
        plain = digits if (kind == "ambiguous" and "." in digits) else digits.replace(",", "")
    elif kind == "ambiguous" and "," in digits:  # 1,500 with a decimal comma: one and a half
        plain = digits.replace(",", ".")
    else:
        plain = digits.replace(".", "").replace(",", ".")
    try:
        value = float(f"{sign}{plain}" + (f"e{exponent}" if exponent else ""))
    except ValueError:
        return math.nan
    return value * multiplier


def _check_decimal(decimal: Any) -> None:
    if not (isinstance(decimal, str) and decimal in (".", ",")):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")


def parse_number(text: str, *, decimal: str = ".") -> float:
    """A number as exports write it.

    Reads ``1500``, ``1,500.5``, ``1500,5`` (with ``decimal=","``), ``1e6``, the suffixes
    ``12.3k``, ``1.2M``, ``2B``, ``3.5万``, ``1.2亿``, ``3.5w``, ``12%`` (k = 1,000; M or m =
    1,000,000; B or b = 10^9; 万 or w = 10,000; 亿 = 10^8; % = 0.01), full-width digits and
    punctuation (``１２，０００``), currency signs before or after (``¥1,200,000``, ``$5``,
    ``35000元``; dropped, not converted), a trailing ``+`` of a lower bound (``10w+`` reads as
    100,000) and spaces grouping thousands (``1 234 567``). The other mark than ``decimal`` is
    read only as a thousands separator in groups of three (``1,500`` with ``decimal="."``);
    anything else is not a number.

    Parameters
    ----------
    text : str
        One cell.
    decimal : {".", ","}
        The decimal mark.

    Returns
    -------
    float
        The number, or NaN if ``text`` is not one.

    Examples
    --------
    >>> parse_number("1.2万+"), parse_number("¥1,200,000"), parse_number("１２００００")
    (12000.0, 1200000.0, 120000.0)
    >>> parse_number("1500,5", decimal=",")
    1500.5
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be one cell as text (str), got {type(text).__name__} {text!r}")
    _check_decimal(decimal)
    return _value(_scan(text), decimal)


def _scans(texts: Sequence[str]) -> dict[str, _Scan | None]:
    """Each distinct text's scan (a column has many repeated cells)."""
    return {text: _scan(text) for text in set(texts)}


def _read_numbers(texts: Sequence[str], scans: dict, decimal: str) -> pd.DataFrame:
    """value, lower_bound, currency of each cell, from the scans of its distinct texts."""
    value_of, lower_of, currency_of = {}, {}, {}
    for text, scan in scans.items():
        value = _value(scan, decimal)
        good = scan is not None and value == value
        value_of[text], lower_of[text] = value, good and scan[5]
        currency_of[text] = scan[6] if good else ""
    n = len(texts)
    return pd.DataFrame(
        {
            "value": np.fromiter(map(value_of.__getitem__, texts), dtype=float, count=n),
            "lower_bound": np.fromiter(map(lower_of.__getitem__, texts), dtype=bool, count=n),
            "currency": pd.Series(list(map(currency_of.__getitem__, texts)), dtype=object),
        }
    )


def parse_numbers(texts: Sequence[str], *, decimal: str = ".") -> pd.DataFrame:
    """Read a column of cells as numbers, as :func:`parse_number` does, with what each form said.

    Each distinct text is read once, so a long column with repeated cells is fast.

    Parameters
    ----------
    texts : sequence of str
        The cells, e.g. one column of a file.
    decimal : {".", ","}
        The decimal mark.

    Returns
    -------
    pandas.DataFrame
        One row per cell: ``value`` (float; NaN for an empty cell or one that is not a number),
        ``lower_bound`` (True for a form like ``10w+``), ``currency`` (the sign it carried,
        e.g. ``"¥"`` for ¥, ￥ or 元, or "").

    Examples
    --------
    >>> parse_numbers(["10w+", "¥35,000", "", "x"]).to_dict("list")
    {'value': [100000.0, 35000.0, nan, nan], 'lower_bound': [True, False, False, False], \
'currency': ['', '¥', '', '']}
    """
    if isinstance(texts, (str, bytes)) or not hasattr(texts, "__iter__"):
        raise TypeError(f"texts must be a list of cells (text), got {type(texts).__name__}")
    texts = list(texts)
    if not all(isinstance(t, str) for t in texts):
        raise TypeError("texts must hold text cells (str) only")
    _check_decimal(decimal)
    return _read_numbers(texts, _scans(texts), decimal)


def _first_kinds(texts: Sequence[str], scans: dict | None = None) -> dict[str, int]:
    """The position of the first cell of each decimal kind ('dot', 'comma', 'ambiguous')."""
    scans = _scans(texts) if scans is None else scans
    kind_of = {text: scan[0] if scan else None for text, scan in scans.items()}
    kinds = list(map(kind_of.__getitem__, texts))
    found = {}
    for kind in ("dot", "comma", "ambiguous"):
        if kind in kind_of.values():
            found[kind] = kinds.index(kind)
    return found


def _grouping_word(text: str, mark: str) -> str:
    """How to name a cell that shows ``mark`` as the decimal mark in a message."""
    if mark == "." and "." not in text:
        return "commas grouping thousands"
    if mark == "," and "," not in text:
        return "points grouping thousands"
    return "decimal points" if mark == "." else "decimal commas"


def _decide_decimal(first: dict[str, tuple[int, str, str]], where: str) -> str:
    """The decimal mark from the first cell of each kind, or an error explaining why not."""
    if "dot" in first and "comma" in first:
        (ld, cd, td), (lc, cc, tc) = first["dot"], first["comma"]
        raise ValueError(
            f"{where}: mixes {_grouping_word(td, '.')} (line {ld}, column {cd!r}: {td!r}) and "
            f"{_grouping_word(tc, ',')} (line {lc}, column {cc!r}: {tc!r}); make them agree, "
            "or pass decimal='.' or decimal=','"
        )
    if "comma" in first:
        return ","
    if "dot" in first or "ambiguous" not in first:
        return "."
    line, column, text = first["ambiguous"]
    mark = "," if "," in text else "."
    other = "." if mark == "," else ","
    grouped = parse_number(text, decimal=other)
    decimal_reading = parse_number(text, decimal=mark)
    raise ValueError(
        f"{where}: cannot tell the decimal mark: line {line}, column {column!r} has {text!r}, "
        f"which reads as {grouped:g} if {mark!r} groups thousands (pass decimal={other!r}) or "
        f"as {decimal_reading:g} if {mark!r} is the decimal mark (pass decimal={mark!r})"
    )


def detect_decimal(cells: Sequence[tuple[int, str, str]], *, where: str = "the file") -> str:
    """The decimal mark of a file's numbers: ``"."`` or ``","``.

    The convention is clear when some number can only be read one way: ``1500,5`` or ``0,25``
    (decimal comma), ``1500.5``, ``1,234.5`` or ``1,234,567`` (decimal point; two commas can
    only group thousands). ``1,500`` alone is ambiguous (one thousand five hundred, or one and
    a half), and so is a file with both conventions: both stop with an error explaining the
    readings and the option to pass. A file whose numbers have no mark at all gets ``"."``.

    Parameters
    ----------
    cells : sequence of (line, column, text)
        The cells of the numeric columns.
    where : str
        The file's name for messages.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the convention is mixed or cannot be told.

    Examples
    --------
    >>> detect_decimal([(2, "Fans", "1,500"), (3, "Fans", "2,25")])
    ','
    """
    if isinstance(cells, (str, bytes)) or not hasattr(cells, "__iter__"):
        raise TypeError(f"cells must be a list of (line, column, text), got {type(cells).__name__}")
    cells = list(cells)
    for cell in cells:
        if not (isinstance(cell, tuple) and len(cell) == 3 and isinstance(cell[2], str)):
            raise TypeError(f"cells must hold (line, column, text) tuples, got {cell!r}")
    found = _first_kinds([cell[2] for cell in cells])
    return _decide_decimal({kind: cells[k] for kind, k in found.items()}, where)


# --- reading into cells --------------------------------------------------------------------


@dataclass(frozen=True)
class RawTable:
    """A file read into cells, before any check against a schema.

    Attributes
    ----------
    columns : tuple of str
        The header (or the given names).
    cells : pandas.DataFrame
        One column per file column, in file order, named as ``columns``: text (object dtype,
        stripped, "" when empty) or, where every cell is a plain number (pandas' parser read
        it, or a workbook holds numbers), numbers (int64 or float64, NaN when empty).
    lines : numpy.ndarray
        Each data row's line in the file (header = line 1 unless lines above it were
        skipped); for a workbook, its row as Excel numbers it.
    encoding : str
        The text encoding used, or ``"xlsx"`` for a workbook.
    sep : str or None
        The separator (None for a workbook).
    notes : tuple of str
        What was detected, in words.
    warnings : tuple of str
        What was read differently from the file's face (lines skipped above the header, the
        sheet chosen among several).
    header_line : int
        The header's line (or row); 1 for a file without header.
    label : str
        The file's name in messages (with the sheet, for a workbook).
    sheet : str or None
        The workbook's sheet that was read.
    """

    columns: tuple[str, ...]
    cells: pd.DataFrame
    lines: np.ndarray
    encoding: str
    sep: str | None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    header_line: int = 1
    label: str = "the file"
    sheet: str | None = None
    _text_of: Callable[[str], list[str]] | None = field(default=None, repr=False, compare=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def unit(self) -> str:
        """ "row" for a workbook, else "line": how messages number the file."""
        return "row" if self.encoding == "xlsx" else "line"

    @property
    def rows(self) -> list[list[str]]:
        """The data rows' cells as text (a list per row)."""
        return self.frame().to_numpy().tolist()

    def is_number(self, column: str) -> bool:
        """Whether ``column`` was read as numbers (see :attr:`cells`)."""
        return self.cells[column].dtype.kind in "if"

    def texts(self, column: str, limit: int | None = None) -> list[str]:
        """A column's cells as the file writes them ("" for an empty cell); the first
        ``limit`` only if given."""
        if column in self._cache:
            return self._cache[column][:limit]
        if not self.is_number(column):
            found = self.cells[column].tolist()
        elif self._text_of is not None:
            found = self._text_of(column, limit)
        else:
            found = [_number_text(v) for v in self.cells[column].to_numpy()]
        if limit is None or len(found) < limit:
            self._cache[column] = found
        return found[:limit]

    def numbers(self, column: str, decimal: str) -> pd.DataFrame:
        """A column's cells read as numbers (as :func:`parse_numbers` reads them) with
        ``decimal`` as the decimal mark; each distinct text is read once per table."""
        _check_decimal(decimal)
        return _read_numbers(self.texts(column), self._scans_of(column), decimal)

    def _scans_of(self, column: str) -> dict:
        key = ("scans", column)
        if key not in self._cache:
            self._cache[key] = _scans(self.texts(column))
        return self._cache[key]

    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame of text (one column per header name)."""
        return pd.DataFrame(
            {c: pd.Series(self.texts(c), dtype=object) for c in self.columns},
            columns=list(self.columns),
        )

    def detect_decimal(self, columns: Sequence[str] | None = None) -> str:
        """The decimal mark of ``columns`` (default: the columns whose cells all look like
        numbers), as :func:`detect_decimal` finds it from their cells.

        Columns of whole numbers say nothing about it, and a workbook's numbers neither. A
        column of decimals pandas read from text shows a decimal point by its values (0.0523,
        1234.5); its text is read again only where the values leave it open (0.05 may have been
        written 0.050, which could also be fifty).
        """
        names = list(self.columns if columns is None else columns)
        if columns is None:
            names = [c for c in names if self.is_number(c) or _all_numbers(self.texts(c))]
        found: set[str] = set()
        unsure = False
        for name in names:
            if self.is_number(name):
                dot, maybe = self._shows_point(name)
                found |= {"dot"} if dot else set()
                unsure = unsure or maybe
            else:
                found |= set(_first_kinds(self.texts(name), self._scans_of(name)))
        if not found & {"comma", "ambiguous"} and ("dot" in found or not unsure):
            return "."
        return _decide_decimal(self._first_cells(names), self.label)

    def _shows_point(self, name: str) -> tuple[bool, bool]:
        """Whether a number column's values show a decimal point; and whether its text could
        tell more (it holds numbers read from text that its values do not settle)."""
        column = self.cells[name]
        if self.encoding == "xlsx" or column.dtype.kind == "i":
            return False, False
        values = column.to_numpy(dtype=float)
        finite = np.isfinite(values)
        whole = np.floor(np.where(finite, values, 0))
        fraction = finite & (values != whole)
        scaled = values * 1000
        grouped = (np.abs(values) < 1000) & np.isclose(scaled, np.round(scaled), rtol=0, atol=1e-6)
        if (fraction & ~grouped).any():
            return True, False
        return False, bool(finite.any())

    def _first_cells(self, names: list[str]) -> dict[str, tuple[int, str, str]]:
        """The first cell of each decimal kind, column by column, read from the text."""
        first: dict[str, tuple[int, str, str]] = {}
        for name in names:
            native = self.encoding == "xlsx" or self.cells[name].dtype.kind == "i"
            if self.is_number(name) and native:
                continue
            texts = self.texts(name)
            for kind, k in _first_kinds(texts, self._scans_of(name)).items():
                first.setdefault(kind, (int(self.lines[k]), name, texts[k]))
        return first


def _all_numbers(texts: Sequence[str]) -> bool:
    """Whether every filled cell is a number (stops at the first that is not)."""
    seen: set[str] = set()
    filled = False
    for text in texts:
        if not text or text in seen:
            continue
        if not _is_number(text):
            return False
        seen.add(text)
        filled = True
    return filled


def _number_text(value: Any) -> str:
    """A number from a workbook or pandas as text: whole numbers without ".0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _check_names(names: Any) -> None:
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
        raise TypeError(f"names must be a list of column names, got {type(names).__name__}")
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(
            f"names must be a non-empty list of non-empty column names, got {list(names)!r}"
        )


def _check_where_options(header_line: Any, sheet: Any) -> None:
    if header_line is not None and (
        isinstance(header_line, bool) or not isinstance(header_line, int) or header_line < 1
    ):
        raise ValueError(
            "header_line must be None (detect) or the header's line, 1 or more, "
            f"got {header_line!r}"
        )
    if sheet is not None and (
        isinstance(sheet, bool)
        or not isinstance(sheet, (str, int))
        or (isinstance(sheet, int) and sheet < 0)
    ):
        raise ValueError(
            "sheet must be None (the first sheet with data), a sheet's name, or its number "
            f"(0 = the first), got {sheet!r}"
        )


def _check_options(
    sep: Any,
    encoding: Any,
    decimal: Any,
    header: Any,
    names: Any,
    header_line: Any = None,
    sheet: Any = None,
) -> None:
    if sep is not None and not (isinstance(sep, str) and sep in SEPARATORS):
        raise ValueError(f"sep must be None (detect), ',', ';' or '\\t', got {sep!r}")
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(
            "encoding must be None (detect) or a codec name such as 'gbk', "
            f"got {type(encoding).__name__}"
        )
    if decimal is not None:
        _check_decimal(decimal)
    if not isinstance(header, bool):
        raise TypeError(f"header must be True or False, got {type(header).__name__} {header!r}")
    if names is not None:
        _check_names(names)
    if not header and names is None:
        raise ValueError("header=False needs names=[...]: the column names, in the file's order")
    _check_where_options(header_line, sheet)
    if header_line is not None and not header:
        raise ValueError("header_line names the header's line: it needs header=True")


def _columns_of(
    head: list[str] | None, names: Sequence[str] | None, width: int, where: str
) -> tuple[str, ...]:
    """The column names: ``names``, else the header's (a blank one named by its place)."""
    if names is not None:
        columns = list(names)
    elif head is not None:
        columns = [c.strip() or f"column {k + 1}" for k, c in enumerate(head)]
    else:
        columns = [f"column {k + 1}" for k in range(width)]
    seen: dict[str, int] = {}
    for k, name in enumerate(columns):
        if name in seen:
            raise ValueError(
                f"{where}: column name {name!r} appears twice in the header "
                f"(fields {seen[name] + 1} and {k + 1}); rename one"
            )
        seen[name] = k
    return tuple(columns)


def _width_problems(body, width: int, sep: str | None, own_header: bool) -> list[Problem]:
    problems = []
    what = "the header has" if own_header else "names gives"
    for line, cells in body:
        if len(cells) == width:
            continue
        hint = ""
        if len(cells) > width and sep:
            hint = (
                " (a separator too many: a trailing one, or a decimal comma in a "
                f"{SEPARATORS.get(sep, repr(sep))}-separated file? Quote that value or save "
                "with sep=';')"
            )
        problems.append(Problem(line, allowed=f"has {len(cells)} fields, {what} {width}{hint}"))
    return problems


@dataclass(frozen=True)
class _Layout:
    """Where the table is in a list of records: its header and first data record."""

    columns: tuple[str, ...]
    header_line: int
    start: int  # index of the first data record
    notes: tuple[str, ...]
    warnings: tuple[str, ...]


def _layout(
    records: list[tuple[int, list[str]]],
    *,
    header: bool,
    names: Sequence[str] | None,
    header_line: int | None,
    where: str,
    unit: str = "line",
) -> _Layout:
    """Find the header among ``records`` (or take the one named), and the column names."""
    if not records:
        raise ValueError(f"{where}: the file is empty (no header row, no data)")
    if not header:
        return _Layout(_columns_of(None, names, len(records[0][1]), where), 1, 0, (), ())
    if header_line is not None:
        k = next((i for i, (line, _) in enumerate(records) if line >= header_line), None)
        if k is None or records[k][0] != header_line:
            raise ValueError(
                f"{where}: {unit} {header_line} is blank or past the end; header_line must be "
                f"the {unit} with the column names"
            )
    else:
        k = _find_header(records)
    line, head = records[k]
    columns = _columns_of(head, names, len(head), where)
    if line == 1:
        return _Layout(columns, 1, k + 1, (), ())
    listed, skipped = _skipped(records, k, line, unit)
    detected = header_line is None
    note = f"header: {unit} {line}{' (detected)' if detected else ''}; skipped above it: {listed}"
    warning = (
        f"header: {unit} {line}; skipped above it: {listed}; pass header_line=... if the "
        f"header is on another {unit}"
    )
    return _Layout(columns, line, k + 1, (note,), (warning,) if skipped and detected else ())


def split_rows(
    text: str,
    sep: str,
    *,
    header: bool = True,
    names: Sequence[str] | None = None,
    where: str = "the file",
    header_line: int | None = None,
) -> tuple[tuple[str, ...], list[list[str]], list[int]]:
    """Split CSV text into a header and rows, checking every row has the header's width.

    Lines above the header (a title, notes, blank lines) are skipped: detected, or up to
    ``header_line``.

    Returns
    -------
    (columns, rows, lines)
        The column names, each data row's cells (stripped) and each data row's first line.

    Raises
    ------
    ValueError
        Listing every line with more or fewer fields than the header, or a repeated header name.

    Examples
    --------
    >>> split_rows("Top sellers\\n\\nName,Fans\\nAnna,1200\\nBo,5万\\n", ",")
    (('Name', 'Fans'), [['Anna', '1200'], ['Bo', '5万']], [4, 5])
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the file's text (str), got {type(text).__name__}")
    _check_options(sep if sep is not None else ",", None, None, header, names, header_line)
    if sep is None:
        raise ValueError("sep must be ',', ';' or '\\t', got None")
    records = _records(text, sep)
    layout = _layout(records, header=header, names=names, header_line=header_line, where=where)
    body = records[layout.start :]
    own = header and names is None
    problems = _width_problems(body, len(layout.columns), sep, own)
    if problems:
        raise ValueError(problems_message(where, problems, header_line=layout.header_line))
    rows = [[c.strip() for c in cells] for _, cells in body]
    return layout.columns, rows, [line for line, _ in body]


def _end_of_line(text: str, line: int) -> int:
    """The offset just after physical line ``line`` (1 = the first) of ``text``."""
    end = 0
    for _ in range(line):
        found = _EOL.search(text, end)
        if found is None:
            return len(text)
        end = found.end()
    return end


def _count_lines(text: str) -> int:
    ends = text.count("\n")
    if "\r" in text:
        ends += text.count("\r") - text.count("\r\n")
    return ends + (1 if text and text[-1] not in "\r\n" else 0)


def _text_cells(column: pd.Series) -> list[str]:
    """Cells pandas returned for a text column, as stripped text ("" when empty)."""
    column = column.astype(object)
    if column.isna().any():
        column = column.where(column.notna(), "")
    values = column.tolist()
    try:
        return [v.strip() for v in values]
    except AttributeError:  # a number too long for int64 stays a Python int
        return [v.strip() if isinstance(v, str) else str(v) for v in values]


def _blank_rows(cells: pd.DataFrame) -> np.ndarray:
    """Rows without a filled cell (number columns looked at first: they are quick)."""
    ordered = sorted(cells.columns, key=lambda c: cells[c].dtype.kind not in "if")
    rows = np.arange(len(cells))
    for name in ordered:
        column = cells[name].to_numpy()[rows]
        rows = rows[np.isnan(column) if cells[name].dtype.kind in "if" else column == ""]
        if rows.size == 0:
            break
    empty = np.zeros(len(cells), dtype=bool)
    empty[rows] = True
    return empty


@dataclass(frozen=True)
class _TextBody:
    """The data part of a text file, ready for pandas' parser."""

    text: str
    sep: str
    columns: tuple[str, ...]
    first_line: int  # the file's line of the body's first line

    def read(self, *, numbers: Sequence[str] | None, usecols=None, nrows=None) -> pd.DataFrame:
        """The body split by pandas: text columns as text, ``numbers`` (None: any column)
        as numbers where pandas can read every cell."""
        width = len(self.columns)
        positions = range(width) if usecols is None else usecols
        as_text = {
            k: object for k in positions if numbers is not None and self.columns[k] not in numbers
        }
        return pd.read_csv(
            io.BytesIO(self.text.encode("utf-8")),
            sep=self.sep,
            header=None,
            names=list(range(width)),
            usecols=usecols,
            nrows=nrows,
            dtype=as_text or None,
            encoding="utf-8",
            quotechar='"',
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            engine="c",
        )

    def short_rows(self, last: pd.Series) -> bool:
        """Whether a row without its last cell has fewer fields than the header (pandas fills
        such a row up silently)."""
        missing = np.flatnonzero(last.isna().to_numpy())
        if missing.size == 0:
            return False
        lines = _EOL.split(self.text)
        width = len(self.columns)
        for k in missing:
            line = lines[k]
            if not line.strip(self.sep + " \t"):
                continue
            if '"' not in line:
                fields = line.count(self.sep) + 1
            else:
                found = _records(line, self.sep)
                fields = len(found[0][1]) if found else width
            if fields != width:
                return True
        return False


def _fast_cells(body: _TextBody, numbers: Sequence[str] | None):
    """The body read by pandas: (cells, lines, text of a column); None where the file needs
    the exact reader (rows of another width, a quoted field over two lines)."""
    try:
        frame = body.read(numbers=numbers)
    except (pd.errors.ParserError, ValueError, csv.Error, UnicodeError):
        return None
    if not isinstance(frame.index, pd.RangeIndex):  # a first row with a field too many
        return None
    if len(frame) != _count_lines(body.text) or body.short_rows(frame[len(body.columns) - 1]):
        return None
    for k in frame.columns:
        if frame[k].dtype.kind not in "if":
            frame[k] = pd.Series(_text_cells(frame[k]), dtype=object)
    frame.columns = list(body.columns)
    keep = ~_blank_rows(frame)
    kept = np.flatnonzero(keep)
    frame = frame.loc[keep].reset_index(drop=True)

    def text_of(name: str, limit: int | None = None) -> list[str]:
        k = body.columns.index(name)
        rows = None if limit is None or limit >= kept.size else int(kept[limit]) + 1
        column = body.read(numbers=(), usecols=[k], nrows=rows)[k]
        texts = np.asarray(_text_cells(column), dtype=object)
        return texts[keep[: len(texts)]].tolist()[:limit]

    return frame, kept + body.first_line, text_of


def _slow_cells(body, layout: _Layout, sep: str | None, own: bool, where: str, unit: str):
    """The body from records (Python's csv reader, or a workbook's rows), widths checked."""
    problems = _width_problems(body, len(layout.columns), sep, own)
    if problems:
        raise ValueError(
            problems_message(where, problems, header_line=layout.header_line, unit=unit)
        )
    rows = [[c.strip() for c in cells] for _, cells in body]
    frame = pd.DataFrame(rows, columns=list(layout.columns), dtype=object)
    if not rows:
        frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in layout.columns})
    return frame, np.array([line for line, _ in body], dtype=np.int64)


def _record_end(text: str, sep: str, start: int) -> int:
    """The last line of the record that starts on line ``start`` (a quoted field may hold a
    line break)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    begin = 1
    for _ in reader:
        if begin == start:
            return reader.line_num
        begin = reader.line_num + 1
    return start


def _text_notes(used: str, encoding: str | None, sep: str, detected: bool) -> list[str]:
    return [
        f"encoding: {_ENCODING_NAMES.get(used, used)}" + ("" if encoding else " (detected)"),
        f"separator: {SEPARATORS[sep]}" + (" (detected)" if detected else ""),
    ]


def _read_text(
    content: bytes,
    *,
    sep: str | None,
    encoding: str | None,
    header: bool,
    names: Sequence[str] | None,
    header_line: int | None,
    numbers: Sequence[str] | None,
    where: str,
) -> RawTable:
    text, used = decode(content, encoding=encoding, where=where)
    detected = sep is None
    sep = sep or detect_sep(text, where=where)
    notes = _text_notes(used, encoding, sep, detected)
    head = _head(text, max(_SNIFF_LINES, (header_line or 0) + 60))
    layout = _layout(
        _records(head, sep), header=header, names=names, header_line=header_line, where=where
    )
    notes.extend(layout.notes)
    header_end = _record_end(head, sep, layout.header_line) if header else 0
    body = _TextBody(text[_end_of_line(text, header_end) :], sep, layout.columns, header_end + 1)
    fast = _fast_cells(body, numbers) if body.text.strip() else None
    if fast is not None:
        cells, lines, text_of = fast
    else:
        records = _records(text, sep)
        start = 0
        if header:
            lines_of = [line for line, _ in records]
            start = lines_of.index(layout.header_line) + 1
        own = header and names is None
        cells, lines = _slow_cells(records[start:], layout, sep, own, where, "line")
        text_of = None
    return RawTable(
        layout.columns,
        cells,
        lines,
        used,
        sep,
        tuple(notes),
        layout.warnings,
        layout.header_line if header else 1,
        where,
        None,
        text_of,
    )


# --- workbooks -----------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _sheet_rows(sheet) -> list[tuple[int, list[Any]]]:
    """(row number, values) of each row of a sheet with a filled cell."""
    sheet.reset_dimensions()  # some exporters write a wrong size into the file
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(v is not None and str(v).strip() for v in values):
            rows.append((number, list(values)))
    return rows


def _pick_sheet(book, sheet: str | int | None, where: str):
    """The sheet to read, its rows, and what to say about the choice."""
    sheets = book.worksheets
    listing = ", ".join(f"{k}: {s.title!r}" for k, s in enumerate(sheets))
    if isinstance(sheet, str):
        chosen = next((s for s in sheets if s.title == sheet), None)
        if chosen is None:
            raise ValueError(f"{where}: has no sheet {sheet!r}; its sheets are {listing}")
        return chosen, _sheet_rows(chosen), ""
    if isinstance(sheet, int):
        if sheet >= len(sheets):
            raise ValueError(
                f"{where}: has {len(sheets)} sheet(s), so sheet must be 0 to "
                f"{len(sheets) - 1} (0 = the first): {listing}"
            )
        return sheets[sheet], _sheet_rows(sheets[sheet]), ""
    found = [(s, _sheet_rows(s)) for s in sorted(sheets, key=lambda s: s.sheet_state != "visible")]
    with_data = [(s, rows) for s, rows in found if rows]
    if not with_data:
        raise ValueError(f"{where}: the workbook is empty (no sheet has data)")
    tables = [(s, rows) for s, rows in with_data if _table_like(rows)]
    chosen, rows = (tables or with_data)[0]
    said = ""
    if len(sheets) > 1:
        said = (
            f"read sheet {chosen.title!r}, the first holding a table, of {len(sheets)} sheets "
            f"({listing}); pass sheet=NAME for another"
        )
    return chosen, rows, said


def _table_like(rows: list[tuple[int, list[Any]]]) -> bool:
    """At least two rows, and a row with at least two filled cells."""
    return len(rows) >= 2 and any(sum(v is not None for v in values) >= 2 for _, values in rows)


def _typed_column(values: list[Any]) -> pd.Series:
    """A workbook column: numbers where every filled cell is a number, else text."""
    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    if filled and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in filled):
        return pd.Series(
            [math.nan if not isinstance(v, (int, float)) else float(v) for v in values],
            dtype=float,
        )
    return pd.Series([_cell_text(v) for v in values], dtype=object)


def _read_workbook(
    content: bytes,
    *,
    header: bool,
    names: Sequence[str] | None,
    header_line: int | None,
    sheet: str | int | None,
    where: str,
) -> RawTable:
    import openpyxl  # the library pandas itself uses for .xlsx; imported only for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise ValueError(
            f"{where}: looks like an Excel workbook but cannot be opened ({type(exc).__name__}); "
            "open it in Excel or WPS and save it again as .xlsx or CSV"
        ) from None
    try:
        chosen, rows, said = _pick_sheet(book, sheet, where)
    finally:
        book.close()
    label = f"{where} (sheet {chosen.title!r})"
    records = [(number, [_cell_text(v) for v in values]) for number, values in rows]
    width = max(len(cells) for _, cells in records)
    records = [(n, cells + [""] * (width - len(cells))) for n, cells in records]
    layout = _layout(
        records, header=header, names=names, header_line=header_line, where=label, unit="row"
    )
    values = {number: list(v) + [None] * (width - len(v)) for number, v in rows}
    body = records[layout.start :]
    keep = _used_columns(records[layout.start - 1][1] if header else None, body, width)
    layout = _trim(layout, keep, names)
    body = [(n, [cells[k] for k in keep]) for n, cells in body]
    _slow_cells(body, layout, None, header and names is None, label, "row")  # checks widths
    cells = pd.DataFrame(
        {
            name: _typed_column([values[n][k] for n, _ in body])
            for name, k in zip(layout.columns, keep)
        },
        columns=list(layout.columns),
    )
    notes = ("workbook: Excel (.xlsx)", f"sheet: {chosen.title!r}", *layout.notes)
    warnings = ((said,) if said else ()) + layout.warnings
    lines = np.array([n for n, _ in body], dtype=np.int64)
    return RawTable(
        layout.columns,
        cells,
        lines,
        "xlsx",
        None,
        notes,
        warnings,
        layout.header_line,
        label,
        chosen.title,
    )


def _used_columns(head: list[str] | None, body, width: int) -> list[int]:
    """The workbook columns that hold something (a header name or a cell)."""
    used = [False] * width
    for cells in ([head] if head else []) + [c for _, c in body]:
        for k, cell in enumerate(cells):
            used[k] = used[k] or bool(cell)
    return [k for k in range(width) if used[k]]


def _trim(layout: _Layout, keep: list[int], names: Sequence[str] | None) -> _Layout:
    if names is not None:
        return layout
    columns = tuple(layout.columns[k] for k in keep)
    return _Layout(columns, layout.header_line, layout.start, layout.notes, layout.warnings)


def read_raw(
    source: Any,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    header: bool = True,
    names: Sequence[str] | None = None,
    label: str | None = None,
    header_line: int | None = None,
    sheet: str | int | None = None,
    numbers: Sequence[str] | None = None,
) -> RawTable:
    """Read a table (CSV text or an Excel workbook) into cells, detecting how it was written.

    Parameters
    ----------
    source : path, bytes or file-like
        See :func:`read_bytes`.
    sep : {None, ",", ";", "\\t"}
        The separator of a text file; None detects it (:func:`detect_sep`).
    encoding : str, optional
        A codec name; None detects it (:func:`decode`).
    header : bool, default True
        Whether the table has a header row. ``header=False`` needs ``names``.
    names : list of str, optional
        Column names: for a header-less file, or to replace the header's.
    label : str, optional
        The file's name in messages.
    header_line : int, optional
        The header's line (a workbook's row), when lines above it are not a table; None finds
        it, skipping a title, notes and blank lines.
    sheet : str or int, optional
        A workbook's sheet by name or number (0 = the first); None reads the first with data.
    numbers : list of str, optional
        The columns that may be read as numbers (the others stay text, e.g. names such as
        ``007``); None: every column whose cells are all plain numbers.

    Returns
    -------
    RawTable

    Raises
    ------
    ValueError
        What was found and the option to pass: not a table (a web page, a PDF, ...),
        undecodable bytes, an unclear separator, rows with more or fewer fields than the
        header (every such line listed), an empty file, an unknown sheet.
    """
    _check_options(sep, encoding, None, header, names, header_line, sheet)
    if numbers is not None and (
        isinstance(numbers, (str, bytes)) or not all(isinstance(n, str) for n in numbers)
    ):
        raise TypeError(f"numbers must be a list of column names, got {numbers!r:.60}")
    content, where = read_bytes(source, label=label)
    if not content.strip():
        raise ValueError(f"{where}: the file is empty (no header row, no data)")
    if file_kind(content, where=where, encoding=encoding) == "xlsx":
        return _read_workbook(
            content, header=header, names=names, header_line=header_line, sheet=sheet, where=where
        )
    if sheet is not None:
        raise ValueError(f"{where}: is a text file, not a workbook; sheet is for .xlsx files")
    return _read_text(
        content,
        sep=sep,
        encoding=encoding,
        header=header,
        names=names,
        header_line=header_line,
        numbers=numbers,
        where=where,
    )


# --- a first look ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sniffed:
    """What :func:`sniff` found in a file.

    Attributes
    ----------
    label : str
        The file's name in messages.
    encoding, sep, decimal : str or None
        What was detected or given (None where it could not be told; see ``problems``);
        ``encoding`` is ``"xlsx"`` for a workbook.
    header : bool
        Whether the table has a header row.
    columns : tuple of str
        The column names.
    preview : pandas.DataFrame
        The first data rows as text, with a ``line`` column (the file's line numbers).
    n_rows : int
        How many data rows the file has.
    notes : tuple of str
        What was detected, in words.
    problems : tuple of str
        Why the file cannot be read as it is (the same messages reading would raise); empty if
        it can.
    warnings : tuple of str
        What is read differently from the file's face (see :attr:`RawTable.warnings`).
    header_line : int
        The header's line (or row).
    sheet : str or None
        The workbook's sheet that was read.
    sheets : tuple of str
        All sheets of a workbook (empty for a text file).
    """

    label: str
    encoding: str | None
    sep: str | None
    decimal: str | None
    header: bool
    columns: tuple[str, ...]
    preview: pd.DataFrame
    n_rows: int
    notes: tuple[str, ...]
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    header_line: int = 1
    sheet: str | None = None
    sheets: tuple[str, ...] = ()


def _sheet_names(content: bytes) -> tuple[str, ...]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception:  # noqa: BLE001 - reading has already said what is wrong
        return ()
    try:
        return tuple(book.sheetnames)
    finally:
        book.close()


def sniff(
    source: Any,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    decimal: str | None = None,
    header: bool = True,
    names: Sequence[str] | None = None,
    rows: int = 5,
    label: str | None = None,
    header_line: int | None = None,
    sheet: str | int | None = None,
) -> Sniffed:
    """Look at a file without checking it against anything: what it is and its first rows.

    Meant for a preview before the columns are mapped: it never needs a column mapping, and
    a file it cannot read gives ``problems`` (the messages reading would raise) instead of an
    exception.

    Parameters
    ----------
    source : path, bytes or file-like
        See :func:`read_bytes`.
    sep, encoding, decimal, header, names, header_line, sheet
        As in :func:`livekit.data.read_table`; None detects.
    rows : int, default 5
        How many data rows to preview (0-1000).
    label : str, optional
        The file's name in messages.

    Returns
    -------
    Sniffed

    Raises
    ------
    TypeError, ValueError
        Only for bad arguments (not for a bad file).
    """
    _check_options(sep, encoding, decimal, header, names, header_line, sheet)
    if isinstance(rows, bool) or not isinstance(rows, int) or not 0 <= rows <= 1000:
        raise ValueError(f"rows must be a whole number from 0 to 1000, got {rows!r}")
    content, where = read_bytes(source, label=label)
    empty = pd.DataFrame({"line": pd.Series([], dtype=int)})
    try:
        raw = read_raw(
            content,
            sep=sep,
            encoding=encoding,
            header=header,
            names=names,
            label=where,
            header_line=header_line,
            sheet=sheet,
        )
    except ValueError as exc:
        return Sniffed(where, encoding, sep, decimal, header, (), empty, 0, (), (str(exc),))
    notes = list(raw.notes)
    problems: list[str] = []
    if decimal is None:
        try:
            decimal = raw.detect_decimal()
            notes.append(f"decimal mark: {decimal!r} (detected)")
        except ValueError as exc:
            problems.append(str(exc))
    preview = pd.DataFrame({c: raw.texts(c, rows) for c in raw.columns}, columns=list(raw.columns))
    preview.insert(0, "line", raw.lines[: len(preview)].tolist())
    return Sniffed(
        where,
        raw.encoding,
        raw.sep,
        decimal,
        header,
        raw.columns,
        preview,
        len(raw.cells),
        tuple(notes),
        tuple(problems),
        raw.warnings,
        raw.header_line,
        raw.sheet,
        _sheet_names(content) if raw.encoding == "xlsx" else (),
    )
