"""The "your own canvas" worksheet: nine texts, saved to and loaded from a file you name.

A worksheet is a plain ``dict`` ``{block id: text}`` over the nine blocks of
:data:`livekit.canvas.BLOCKS`. It is saved as CSV (two columns, ``block,text``) or JSON
(``{"worksheet": "livekit canvas", "version": 1, "blocks": {block: text}}``), chosen by the file's
extension. Saving never replaces an existing file unless asked to (``overwrite=True``) and
writes atomically: the text goes to a temporary file in the same folder, which then takes the
file's name in one step, so a crash never leaves half a worksheet behind. Loading checks the file
and raises a :class:`ValueError` that names the file and what is wrong with it.

Examples
--------
>>> sheet = empty_worksheet()
>>> sheet["value_proposition"] = "Fresh fruit from the farm, shown live"
>>> sorted(k for k, v in sheet.items() if v)
['value_proposition']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from ._checks import check_bool, check_text
from ._files import write_file
from .canvas import BLOCKS

__all__ = [
    "MAX_CHARS",
    "FORMATS",
    "empty_worksheet",
    "check_worksheet",
    "save_worksheet",
    "load_worksheet",
]

#: Longest text a block may hold (characters); the canvas has room for a few lines only.
MAX_CHARS = 400
#: File formats, by extension.
FORMATS = (".csv", ".json")
_MARK = "livekit canvas"


def _os_problem(target: Path, exc: OSError, doing: str) -> ValueError:
    """An operating-system error while reading or writing ``target``, as a ValueError in words."""
    if isinstance(exc, PermissionError):
        why = (
            "permission denied (the file or its folder is protected); "
            "choose a file in a folder of your own"
        )
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder, not a file"
    else:
        why = exc.strerror or str(exc)
    return ValueError(f"{target}: could not {doing} the file: {why}")


def empty_worksheet() -> dict[str, str]:
    """A blank worksheet: ``{block: ""}`` for the nine blocks, in canvas order."""
    return {block: "" for block in BLOCKS}


def check_worksheet(sheet: Any, *, where: str = "sheet") -> dict[str, str]:
    """Check a worksheet and return it complete (missing blocks as ``""``), in canvas order.

    Parameters
    ----------
    sheet : mapping of str to str
        ``{block id: text}``; keys must be block ids, texts at most :data:`MAX_CHARS` long.
    where : str
        How to name the worksheet in error messages (a file name when loading).

    Raises
    ------
    TypeError
        If ``sheet`` is not a mapping or a text is not a string.
    ValueError
        For an unknown block id or a text that is too long.
    """
    if not isinstance(sheet, Mapping):
        raise TypeError(f"{where} must be a mapping {{block: text}}, got {type(sheet).__name__}")
    out = empty_worksheet()
    for block, text in sheet.items():
        if block not in BLOCKS:
            raise ValueError(f"{where}: unknown block {block!r}; blocks are {list(BLOCKS)}")
        check_text(f"{where}[{block!r}]", text)
        if len(text) > MAX_CHARS:
            raise ValueError(
                f"{where}[{block!r}] is {len(text)} characters long; at most {MAX_CHARS} fit on "
                "the canvas"
            )
        out[block] = text
    return out


def _target(path: Any) -> Path:
    if not isinstance(path, (str, PathLike)):
        raise TypeError(
            f"path must be a file name (str or path), got {type(path).__name__} {path!r}"
        )
    target = Path(path)
    if not str(path).strip() or target.name == "":
        raise ValueError("path must name a file, e.g. 'my_canvas.json'")
    if target.suffix.lower() not in FORMATS:
        raise ValueError(
            f"path {str(target)!r} must end in .csv or .json, got "
            f"{target.suffix or 'no extension'!r}"
        )
    return target


def _encode(sheet: dict[str, str], suffix: str) -> str:
    if suffix == ".json":
        return (
            json.dumps(
                {"worksheet": _MARK, "version": 1, "blocks": sheet}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    out = io.StringIO()
    writer = csv.writer(
        out, lineterminator="\n", quoting=csv.QUOTE_ALL
    )  # quoted: any text survives
    writer.writerow(["block", "text"])
    for block, text in sheet.items():
        writer.writerow([block, text])
    return out.getvalue()


def save_worksheet(
    sheet: Mapping[str, str], path: str | PathLike, *, overwrite: bool = False
) -> Path:
    """Save a worksheet to a CSV or JSON file, atomically.

    Parameters
    ----------
    sheet : mapping of str to str
        ``{block id: text}`` (see :func:`check_worksheet`).
    path : str or path
        The file to write; its extension (``.csv`` or ``.json``) picks the format. Missing
        folders are created.
    overwrite : bool, default False
        Replace an existing file. Without it, an existing file is never touched.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        If the file exists and ``overwrite`` is False (the file is left untouched).
    ValueError
        If the name or worksheet is invalid, or the file cannot be written (permission
        denied, a folder in the way, a name too long, ...); the message names the file.
    TypeError
        If ``sheet`` is not a mapping of text, ``path`` not a file name, or ``overwrite`` not
        a bool.

    Notes
    -----
    Written by :func:`livekit._files.write_file`: atomic; a replaced file keeps its permission
    bits, a new file gets the usual ones (read-write for you, as the umask allows for others).
    """
    check_bool("overwrite", overwrite)
    target = _target(path)
    sheet = check_worksheet(sheet)
    content = _encode(sheet, target.suffix.lower())
    try:
        return write_file(target, content, overwrite=overwrite)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _os_problem(target, exc, "write") from None


def load_worksheet(path: str | PathLike) -> dict[str, str]:
    """Load a worksheet saved by :func:`save_worksheet` (or written by hand in that shape).

    Parameters
    ----------
    path : str or path
        A ``.csv`` file with columns ``block,text``, or a ``.json`` file
        ``{"blocks": {block: text}}``.

    Returns
    -------
    dict of str to str
        All nine blocks, in canvas order (blocks missing from the file are ``""``).

    Raises
    ------
    ValueError
        Naming the file and the problem: missing file, permission denied, not UTF-8, not valid
        JSON or CSV, missing columns or keys, an unknown or repeated block, a text that is too
        long. A UTF-8 byte-order mark at the start is allowed.
    """
    target = _target(path)
    where = str(target)
    try:
        if not target.is_file():
            raise ValueError(f"{where}: file not found")
        # utf-8-sig: a byte-order mark (Excel and Notepad write one) is dropped, not read as text
        with target.open(
            encoding="utf-8-sig", newline=""
        ) as handle:  # keep "\r" inside texts as written
            raw = handle.read()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: the file is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise _os_problem(target, exc, "read") from None
    if not raw.strip():
        raise ValueError(f"{where}: the file is empty")
    if target.suffix.lower() == ".json":
        blocks = _parse_json(raw, where)
    else:
        blocks = _parse_csv(raw, where)
    return check_worksheet(blocks, where=where)


def _parse_json(raw: str, where: str) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict) or "blocks" not in data:
        raise ValueError(
            f"{where}: a worksheet file must hold an object with a 'blocks' key, "
            f'like {{"blocks": {{"value_proposition": "..."}}}}'
        )
    if not isinstance(data["blocks"], dict):
        raise ValueError(
            f"{where}: 'blocks' must be an object {{block: text}}, got "
            f"{type(data['blocks']).__name__}"
        )
    for block, text in data["blocks"].items():
        if not isinstance(text, str):
            raise ValueError(
                f"{where}: block {block!r} must hold text, got {type(text).__name__} {text!r}"
            )
    return data["blocks"]


def _parse_csv(raw: str, where: str) -> dict:
    try:
        rows = list(csv.reader(io.StringIO(raw, newline=""), strict=True))
    except csv.Error as exc:
        raise ValueError(f"{where}: not a well-formed CSV file ({exc})") from None
    header = [cell.strip() for cell in rows[0]]
    if header[:2] != ["block", "text"] or len(header) != 2:
        raise ValueError(f"{where}: the header must be 'block,text', got {','.join(rows[0])!r}")
    out: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 2:
            raise ValueError(
                f"{where}: line {line} has {len(row)} cells; each row needs two (block,text)"
            )
        block, text = row[0].strip(), row[1]
        if block in out:
            raise ValueError(f"{where}: line {line}: block {block!r} appears twice")
        if block not in BLOCKS:
            raise ValueError(
                f"{where}: line {line}: unknown block {block!r}; blocks are {list(BLOCKS)}"
            )
        out[block] = text
    return out
