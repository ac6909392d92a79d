"""Reading a user's own table: bytes in, text cells with their line numbers out.

Instructors bring tables exported from Excel, a platform's dashboard or a scraper. This module
turns such a file into rows of text cells, finding out how the file was written instead of
guessing silently:

- **encoding**: UTF-8 (with or without the byte-order mark Excel adds), GBK/GB18030 (Chinese
  Excel's "CSV"), UTF-16 with a byte-order mark (Excel's "Unicode text", tab-separated);
- **separator**: comma, semicolon or tab;
- **decimal mark**: ``.`` or ``,`` (see :func:`detect_decimal`), never mistaking a decimal
  comma for a thousands separator;
- numbers with the suffixes exports use (:func:`parse_number`): ``12.3k``, ``1.2M``, ``2B``,
  ``3.5万``, ``1.2亿``, ``3.5w``, and ``12%`` (= 0.12).

When it cannot tell, it stops with a :class:`ValueError` that says what it found and the exact
option to pass (``sep=";"``, ``encoding="gbk"``, ``decimal=","``). Line numbers are the ones an
editor shows: the header is line 1. A file is only ever read, never written.

The functions here know nothing about sellers; :mod:`livekit.data` checks the cells against a
schema and :mod:`livekit.seller_data` reads seller tables.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike, fspath
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "SEPARATORS",
    "SUFFIXES",
    "MAX_LISTED",
    "Problem",
    "RawTable",
    "Sniffed",
    "read_bytes",
    "source_label",
    "decode",
    "detect_sep",
    "split_rows",
    "detect_decimal",
    "parse_number",
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
#: How many problems one error message lists before "and N more".
MAX_LISTED = 20

_SNIFF_LINES = 200


# --- problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem found in a file, in file order.

    Attributes
    ----------
    line : int
        The file's line as an editor numbers it (header = line 1); 0 for the whole file.
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

    def text(self) -> str:
        """The problem as one line of an error message."""
        parts = [f"line {self.line}" if self.line else "file"]
        if self.column:
            name = f"column {self.column!r}"
            if self.kit_column and self.kit_column != self.column:
                name += f" (kit column {self.kit_column!r})"
            parts.append(name)
        head = ", ".join(parts)
        if self.value is None:
            return f"{head}: {self.allowed}"
        return f"{head}: value {self.value!r}; allowed: {self.allowed}"


def problems_message(where: str, problems: Sequence[Problem], *, limit: int = MAX_LISTED) -> str:
    """One error message listing ``problems`` in file order, at most ``limit`` of them.

    Parameters
    ----------
    where : str
        The file's name, put first.
    problems : sequence of Problem
        Every problem found (at least one).
    limit : int
        How many to list before "... and N more" (default :data:`MAX_LISTED`).

    Returns
    -------
    str
    """
    if not isinstance(where, str):
        raise TypeError(f"where must be the file's name (str), got {type(where).__name__}")
    if isinstance(problems, (str, bytes)) or not hasattr(problems, "__iter__"):
        raise TypeError(f"problems must be a list of Problem, got {type(problems).__name__}")
    problems = list(problems)
    if not problems or not all(isinstance(p, Problem) for p in problems):
        raise ValueError(f"problems must be a non-empty list of Problem, got {problems!r:.80}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1, got {limit!r}")
    ordered = sorted(problems, key=lambda p: (p.line, p.position, p.column, p.allowed))
    count = len(ordered)
    head = f"{where}: {count} problem{'s' if count != 1 else ''} (lines as an editor numbers them, the header is line 1):"
    lines = [head, *("  " + p.text() for p in ordered[:limit])]
    if count > limit:
        lines.append(f"  and {count - limit} more")
    return "\n".join(lines)


# --- bytes and text ----------------------------------------------------------------------


def source_label(source: Any, label: str | None = None) -> str:
    """The name messages use for ``source``: ``label``, else the path, the file-like's ``name``, else "the uploaded file"."""
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
        if not path.is_file():
            raise ValueError(f"{where}: file not found")
        return path.read_bytes(), where
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


_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}


def _has_cjk(text: str) -> bool:
    return re.search(r"[\u3400-\u9fff]", text) is not None


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
    """
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError(f"content must be bytes, got {type(content).__name__}")
    if encoding is not None:
        if not isinstance(encoding, str):
            raise TypeError(
                f"encoding must be a codec name such as 'utf-8' or 'gbk', got {type(encoding).__name__}"
            )
        try:
            text = bytes(content).decode(encoding)
        except LookupError:
            raise ValueError(
                f"encoding must be a codec name such as 'utf-8', 'gbk', 'utf-16', got {encoding!r}"
            ) from None
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            raise ValueError(
                f"{where}: is not {encoding} text: byte {content[exc.start]:#04x} on line {line} does not decode; "
                f"leave encoding=None to detect it"
            ) from None
        return text.lstrip("\ufeff"), encoding
    if content.startswith(b"\xef\xbb\xbf"):
        try:
            return content[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValueError(
                f"{where}: starts like UTF-16 text but does not decode as UTF-16"
            ) from None
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
    line = content[: first.start].count(b"\n") + 1
    raise ValueError(
        f"{where}: is not UTF-8 text (byte {content[first.start]:#04x} on line {line}) and not Chinese "
        f'GBK text either. If Excel saved it in a Western European setting pass encoding="cp1252"; '
        f'for Chinese Excel encoding="gbk"; or save it again as "CSV UTF-8"'
    )


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


def detect_sep(text: str, *, where: str = "the file") -> str:
    """The separator of a CSV text: comma, semicolon or tab.

    A candidate qualifies if it splits the header into at least two fields; among those, the
    one that gives most of the first lines the header's number of fields wins. A file with a
    single column counts as comma-separated.

    Raises
    ------
    ValueError
        If two separators fit equally well; the message names them and the option to pass.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the file's text (str), got {type(text).__name__}")
    head = "\n".join(text.splitlines()[:_SNIFF_LINES])
    fits: dict[str, float] = {}
    for sep in SEPARATORS:
        try:
            records = _records(head, sep)
        except csv.Error:
            continue
        if not records or len(records[0][1]) < 2:
            continue
        width = len(records[0][1])
        rows = records[1:] or records
        fits[sep] = sum(len(cells) == width for _, cells in rows) / len(rows)
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


@dataclass(frozen=True)
class RawTable:
    """A file read into text cells, before any check.

    Attributes
    ----------
    columns : tuple of str
        The header (or the given names).
    rows : list of list of str
        The data rows' cells, as text.
    lines : list of int
        Each data row's first line in the file (header = line 1).
    encoding, sep : str
        What was used.
    notes : tuple of str
        What was detected, in words.
    """

    columns: tuple[str, ...]
    rows: list[list[str]]
    lines: list[int]
    encoding: str
    sep: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame of text (one column per header name)."""
        return (
            pd.DataFrame(self.rows, columns=list(self.columns), dtype=object)
            if self.rows
            else pd.DataFrame({c: pd.Series([], dtype=object) for c in self.columns})
        )


def split_rows(
    text: str,
    sep: str,
    *,
    header: bool = True,
    names: Sequence[str] | None = None,
    where: str = "the file",
) -> tuple[tuple[str, ...], list[list[str]], list[int]]:
    """Split CSV text into a header and rows, checking every row has the header's width.

    Returns
    -------
    (columns, rows, lines)

    Raises
    ------
    ValueError
        Listing every line with more or fewer fields than the header, or a repeated header name.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the file's text (str), got {type(text).__name__}")
    _check_options(sep if sep is not None else ",", None, None, header, names)
    if sep is None:
        raise ValueError("sep must be ',', ';' or '\\t', got None")
    records = _records(text, sep)
    if not records:
        raise ValueError(f"{where}: the file is empty (no header row, no data)")
    if header:
        head_line, head = records[0]
        body = records[1:]
        columns = [c.strip() for c in head]
        columns = [c if c else f"column {k + 1}" for k, c in enumerate(columns)]
        if names is not None:
            columns = list(names)
    else:
        body = records
        columns = (
            list(names)
            if names is not None
            else [f"column {k + 1}" for k in range(len(records[0][1]))]
        )
    seen: dict[str, int] = {}
    for k, name in enumerate(columns):
        if name in seen:
            raise ValueError(
                f"{where}: column name {name!r} appears twice in the header (fields {seen[name] + 1} and {k + 1}); "
                f"rename one"
            )
        seen[name] = k
    width = len(columns)
    problems = []
    for line, cells in body:
        if len(cells) != width:
            hint = ""
            if len(cells) > width:
                hint = (
                    " (a separator too many: a trailing one, or a decimal comma in a "
                    f"{SEPARATORS.get(sep, repr(sep))}-separated file? Quote that value or save with sep=';')"
                )
            what = "the header has" if header and names is None else "names gives"
            problems.append(Problem(line, allowed=f"has {len(cells)} fields, {what} {width}{hint}"))
    if problems:
        raise ValueError(problems_message(where, problems))
    rows = [[c.strip() for c in cells] for _, cells in body]
    return tuple(columns), rows, [line for line, _ in body]


def _check_options(sep: Any, encoding: Any, decimal: Any, header: Any, names: Any) -> None:
    if sep is not None and not (isinstance(sep, str) and sep in SEPARATORS):
        raise ValueError(f"sep must be None (detect), ',', ';' or '\\t', got {sep!r}")
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(
            f"encoding must be None (detect) or a codec name such as 'gbk', got {type(encoding).__name__}"
        )
    if decimal is not None and not (isinstance(decimal, str) and decimal in (".", ",")):
        raise ValueError(f"decimal must be None (detect), '.' or ',', got {decimal!r}")
    if not isinstance(header, bool):
        raise TypeError(f"header must be True or False, got {type(header).__name__} {header!r}")
    if names is not None:
        if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
            raise TypeError(f"names must be a list of column names, got {type(names).__name__}")
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise ValueError(
                f"names must be a non-empty list of non-empty column names, got {list(names)!r}"
            )
    if not header and names is None:
        raise ValueError("header=False needs names=[...]: the column names, in the file's order")


def read_raw(
    source: Any,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    header: bool = True,
    names: Sequence[str] | None = None,
    label: str | None = None,
) -> RawTable:
    """Read a CSV file (path, bytes or file-like) into text cells, detecting encoding and separator.

    Parameters
    ----------
    source : path, bytes or file-like
        See :func:`read_bytes`.
    sep : {None, ",", ";", "\\t"}
        The separator; None detects it (:func:`detect_sep`).
    encoding : str, optional
        A codec name; None detects it (:func:`decode`).
    header : bool, default True
        Whether the first row holds the column names. ``header=False`` needs ``names``.
    names : list of str, optional
        Column names: for a header-less file, or to replace the header's.
    label : str, optional
        The file's name in messages.

    Returns
    -------
    RawTable

    Raises
    ------
    ValueError
        What was found and the option to pass: undecodable bytes, an unclear separator, rows
        with more or fewer fields than the header (every such line listed), an empty file.
    """
    _check_options(sep, encoding, None, header, names)
    content, where = read_bytes(source, label=label)
    if not content.strip():
        raise ValueError(f"{where}: the file is empty (no header row, no data)")
    text, used = decode(content, encoding=encoding, where=where)
    notes = [
        f"encoding: {_ENCODING_NAMES.get(used, used)}" + (" (detected)" if encoding is None else "")
    ]
    if sep is None:
        sep = detect_sep(text, where=where)
        notes.append(f"separator: {SEPARATORS[sep]} (detected)")
    else:
        notes.append(f"separator: {SEPARATORS[sep]}")
    columns, rows, lines = split_rows(text, sep, header=header, names=names, where=where)
    return RawTable(columns, rows, lines, used, sep, tuple(notes))


# --- numbers -----------------------------------------------------------------------------

_SUFFIX = "|".join(re.escape(s) for s in SUFFIXES)
_NUMBER = re.compile(rf"^([+-]?)([0-9][0-9.,]*|[.,][0-9]+)(?:[eE]([+-]?[0-9]+))?\s*({_SUFFIX})?$")
_GROUPED_COMMA = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")
_GROUPED_DOT = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


def _mantissa_kind(digits: str) -> str:
    """Classify the digits part: 'plain', 'dot' (decimal point), 'comma' (decimal comma),
    'ambiguous' (1,500 or 1.500), or 'bad'."""
    has_c, has_d = "," in digits, "." in digits
    if not has_c and not has_d:
        return "plain"
    if has_c and has_d:
        if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+\.[0-9]*", digits):
            return "dot"
        if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+,[0-9]*", digits):
            return "comma"
        return "bad"
    if has_c:
        if _GROUPED_COMMA.fullmatch(digits):
            return "ambiguous"
        return "comma" if re.fullmatch(r"[0-9]*,[0-9]+", digits) else "bad"
    if _GROUPED_DOT.fullmatch(digits):
        return "ambiguous"
    return "dot" if re.fullmatch(r"[0-9]*\.[0-9]*", digits) and digits != "." else "bad"


def detect_decimal(cells: Sequence[tuple[int, str, str]], *, where: str = "the file") -> str:
    """The decimal mark of a file's numbers: ``"."`` or ``","``.

    The convention is clear when some number can only be read one way: ``1500,5`` or ``0,25``
    (decimal comma), ``1500.5`` or ``1,234.5`` (decimal point). ``1,500`` alone is ambiguous
    (one thousand five hundred, or one and a half), and so is a file with both conventions:
    both stop with an error explaining the readings and the option to pass. A file whose
    numbers have no mark at all gets ``"."``.

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
    """
    if isinstance(cells, (str, bytes)) or not hasattr(cells, "__iter__"):
        raise TypeError(f"cells must be a list of (line, column, text), got {type(cells).__name__}")
    first: dict[str, tuple[int, str, str]] = {}
    for cell in cells:
        if not (isinstance(cell, tuple) and len(cell) == 3 and isinstance(cell[2], str)):
            raise TypeError(f"cells must hold (line, column, text) tuples, got {cell!r}")
        line, column, text = cell
        match = _NUMBER.match(text.strip())
        if not match:
            continue
        kind = _mantissa_kind(match.group(2))
        if kind in ("dot", "comma", "ambiguous") and kind not in first:
            first[kind] = (line, column, text)
    if "dot" in first and "comma" in first:
        (ld, cd, td), (lc, cc, tc) = first["dot"], first["comma"]
        raise ValueError(
            f"{where}: mixes decimal points (line {ld}, column {cd!r}: {td!r}) and decimal commas "
            f"(line {lc}, column {cc!r}: {tc!r}); make them agree, or pass decimal='.' or decimal=','"
        )
    if "comma" in first:
        return ","
    if "dot" in first:
        return "."
    if "ambiguous" in first:
        line, column, text = first["ambiguous"]
        mark = "," if "," in text else "."
        dot_reading = parse_number(text, decimal="." if mark == "," else ",")
        other = parse_number(text, decimal=mark)
        return_hint = "." if mark == "," else ","
        raise ValueError(
            f"{where}: cannot tell the decimal mark: line {line}, column {column!r} has {text!r}, which reads "
            f"as {dot_reading:g} if {mark!r} groups thousands (pass decimal={return_hint!r}) or as {other:g} "
            f"if {mark!r} is the decimal mark (pass decimal={mark!r})"
        )
    return "."


def parse_number(text: str, *, decimal: str = ".") -> float:
    """A number as exports write it: ``1500``, ``1,500.5``, ``1500,5`` (with ``decimal=","``),
    ``12.3k``, ``1.2M``, ``2B``, ``3.5万``, ``1.2亿``, ``3.5w``, ``12%``, ``1e6``.

    The other mark than ``decimal`` is read only as a thousands separator in groups of three
    (``1,500`` with ``decimal="."``); anything else is not a number. Suffixes multiply:
    k = 1,000; M (or m) = 1,000,000; B (or b) = 10^9; 万 (or w) = 10,000; 亿 = 10^8; % = 0.01.

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
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be one cell as text (str), got {type(text).__name__} {text!r}")
    if not (isinstance(decimal, str) and decimal in (".", ",")):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")
    match = _NUMBER.match(text.strip())
    if not match:
        return math.nan
    sign, digits, exponent, suffix = match.groups()
    kind = _mantissa_kind(digits)
    if kind == "bad":
        return math.nan
    if decimal == ".":
        if kind == "comma":
            return math.nan
        if kind == "ambiguous" and "." in digits:  # 1.500 with a decimal point: one and a half
            plain = digits
        else:
            plain = digits.replace(",", "")
    else:
        if kind == "dot":
            return math.nan
        if kind == "ambiguous" and "," in digits:  # 1,500 with a decimal comma: one and a half
            plain = digits.replace(",", ".")
        else:
            plain = digits.replace(".", "").replace(",", ".")
    try:
        value = float(f"{sign}{plain}" + (f"e{exponent}" if exponent else ""))
    except ValueError:
        return math.nan
    if suffix:
        value *= SUFFIXES[suffix]
    return value


# --- a first look ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sniffed:
    """What :func:`sniff` found in a file.

    Attributes
    ----------
    label : str
        The file's name in messages.
    encoding, sep, decimal : str or None
        What was detected or given (None where it could not be told; see ``problems``).
    header : bool
        Whether the first row was taken as the header.
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


def _numeric_cells(raw: RawTable) -> list[tuple[int, str, str]]:
    """Cells of the columns whose non-empty cells all look like numbers."""
    out: list[tuple[int, str, str]] = []
    for k, name in enumerate(raw.columns):
        cells = [(line, name, row[k]) for line, row in zip(raw.lines, raw.rows) if row[k] != ""]
        if cells and all(_NUMBER.match(c[2]) for c in cells):
            out.extend(cells)
    return out


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
) -> Sniffed:
    """Look at a file without checking it against anything: what it is and its first rows.

    Meant for a preview before the columns are mapped: it never needs a column mapping, and
    a file it cannot read gives ``problems`` (the messages reading would raise) instead of an
    exception.

    Parameters
    ----------
    source : path, bytes or file-like
        See :func:`read_bytes`.
    sep, encoding, decimal, header, names
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
    _check_options(sep, encoding, decimal, header, names)
    if isinstance(rows, bool) or not isinstance(rows, int) or not 0 <= rows <= 1000:
        raise ValueError(f"rows must be a whole number from 0 to 1000, got {rows!r}")
    where = source_label(source, label)
    empty = pd.DataFrame({"line": pd.Series([], dtype=int)})
    try:
        raw = read_raw(source, sep=sep, encoding=encoding, header=header, names=names, label=label)
    except ValueError as exc:
        return Sniffed(where, encoding, sep, decimal, header, (), empty, 0, (), (str(exc),))
    notes = list(raw.notes)
    problems: list[str] = []
    if decimal is None:
        try:
            decimal = detect_decimal(_numeric_cells(raw), where=where)
            notes.append(f"decimal mark: {decimal!r} (detected)")
        except ValueError as exc:
            problems.append(str(exc))
    preview = raw.frame().head(rows)
    preview.insert(0, "line", raw.lines[: len(preview)])
    return Sniffed(
        where,
        raw.encoding,
        raw.sep,
        decimal,
        header,
        raw.columns,
        preview,
        len(raw.rows),
        tuple(notes),
        tuple(problems),
    )
