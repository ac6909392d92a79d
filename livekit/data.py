"""Load the kit's CSV files, and a user's own, against a declared schema.

Every table the kit ships lives in ``data/`` and is described twice: for people in
``data/README.md`` (the data dictionary) and for the machine in :mod:`livekit.schemas` (its :class:`~livekit.schemas.Column` and
:class:`~livekit.schemas.Schema` types).
:func:`load` reads a kit file by name; :func:`read_table` reads any CSV against a schema,
optionally renaming a user's columns first, and detects how a user's file was written
(:mod:`livekit.reading`: encoding, separator, decimal mark, suffixes such as ``12.3k``). Both
check the file before anyone computes with it, and problems raise one :class:`ValueError`
listing every bad cell in file order with its line (as an editor numbers it), the user's column
name and the kit's, the value and what is allowed. Files are only ever read, never written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .reading import Problem, detect_decimal, parse_number, problems_message, read_bytes, read_raw
from .schemas import SCHEMAS, Column, Schema

__all__ = ["data_dir", "read_table", "load", "schema_of", "kit_tables"]

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


#: Where an installed package (a wheel, also the browser edition's) carries the tables: the
#: build copies the checkout's top-level ``data/`` into ``livekit/tables`` (see pyproject.toml).
_PACKAGED = "tables"


def data_dir() -> Path:
    """Return the folder holding the kit's CSV files.

    From a checkout (also an editable install) this is ``data/`` at the top of the checkout,
    the one copy authors edit; from an installed wheel it is the copy packed inside the package
    (``livekit/tables``).

    Returns
    -------
    pathlib.Path
        The folder; it holds one ``NAME.csv`` per kit table and the data dictionary ``README.md``.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "data").is_dir():
        return checkout / "data"
    return package / _PACKAGED


def kit_tables() -> list[str]:
    """Return the names of the tables the kit ships, each loadable with :func:`load`."""
    return sorted(SCHEMAS)


def schema_of(name: str) -> Schema:
    """Return the :class:`Schema` of the kit table ``name`` (a file stem in ``data/``)."""
    if not isinstance(name, str):
        raise TypeError(
            f"name must be the name of one of the kit's tables {sorted(SCHEMAS)}, got {type(name).__name__}"
        )
    if name not in SCHEMAS:
        raise ValueError(f"name must be one of the kit's tables {sorted(SCHEMAS)}, got {name!r}")
    return SCHEMAS[name]


def load(name: str) -> pd.DataFrame:
    """Load the kit table ``name`` from ``data/``, checked against its schema.

    Parameters
    ----------
    name : str
        The file stem, e.g. ``"twitch_top_streamers"`` for ``data/twitch_top_streamers.csv``.
        :func:`kit_tables` lists them.

    Returns
    -------
    pandas.DataFrame
        One column per CSV column, typed as the schema declares (text as ``object``, whole
        numbers as ``int64`` or nullable ``Int64``, decimals as ``float64``, switches as ``bool``).

    Raises
    ------
    ValueError
        If the name is unknown, or the file is missing, empty or breaks its schema.
    """
    schema = schema_of(name)
    return read_table(data_dir() / f"{name}.csv", schema, sep=",", encoding="utf-8", decimal=".")


def read_table(
    source: Any,
    schema: Schema,
    *,
    columns: Mapping[str, str] | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    decimal: str | None = None,
    header: bool = True,
    names: Sequence[str] | None = None,
    label: str | None = None,
) -> pd.DataFrame:
    """Read a CSV file and check it against ``schema``.

    Parameters
    ----------
    source : str, path, bytes or file-like
        The CSV file: a path, its content as bytes (e.g. an upload), or an open file.
    schema : Schema
        What the table must look like.
    columns : mapping of str to str, optional
        For a user's own file: ``{their column: schema column}``, applied before the check,
        e.g. ``{"subscribers": "Followers"}``. Messages name both.
    sep : {None, ",", ";", "\\t"}
        The separator; None detects comma, semicolon or tab.
    encoding : str, optional
        A codec name ("utf-8", "gbk", "utf-16", ...); None detects UTF-8 (with or without
        BOM), UTF-16 with BOM and GBK/GB18030.
    decimal : {None, ".", ","}
        The decimal mark; None detects it from the numeric columns and stops with an
        explanation if the file does not make it clear (e.g. only ``1,500``).
    header : bool, default True
        Whether the first row holds column names; ``header=False`` needs ``names``.
    names : list of str, optional
        The column names, in the file's order, for a file without a header row.
    label : str, optional
        The file's name in messages (default: the path, or "the uploaded file").

    Returns
    -------
    pandas.DataFrame
        The checked, typed table, one row per data row in file order. Columns the schema
        does not know are kept as text. Numbers may carry the suffixes k, M, B, 万, 亿, w and
        % (see :func:`livekit.reading.parse_number`).

    Raises
    ------
    TypeError
        If an argument has the wrong type (e.g. ``schema`` is not a :class:`Schema`).
    ValueError
        For a file that cannot be read (what was found and the option to pass), or that breaks
        the schema: one message lists every problem in file order (up to 20, then "and N
        more"), each with its line (header = line 1), the user's column name and the kit's,
        the value and what is allowed.
    """
    if not isinstance(schema, Schema):
        raise TypeError(f"schema must be a livekit.schemas.Schema, got {type(schema).__name__}")
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError(
            f"columns must be a mapping {{their column: kit column}}, got {type(columns).__name__}"
        )
    for theirs, ours in (columns or {}).items():
        if not isinstance(theirs, str) or not isinstance(ours, str):
            raise TypeError(
                f"columns must map column names (text) to column names, got {theirs!r}: {ours!r}"
            )
    if decimal is not None and not (isinstance(decimal, str) and decimal in (".", ",")):
        raise ValueError(f"decimal must be None (detect), '.' or ',', got {decimal!r}")
    content, where = read_bytes(source, label=label)
    raw = read_raw(content, sep=sep, encoding=encoding, header=header, names=names, label=where)

    mapping = dict(columns or {})
    absent = [c for c in mapping if c not in raw.columns]
    if absent:
        raise ValueError(
            f"{where}: column mapping names {absent}, which the file does not have; its columns are "
            f"{list(raw.columns)}{_sep_hint(raw.columns, raw.sep)}"
        )
    kit_names = [mapping.get(c, c) for c in raw.columns]
    seen: dict[str, str] = {}
    for theirs, ours in zip(raw.columns, kit_names):
        if ours in seen:
            raise ValueError(
                f"{where}: columns {seen[ours]!r} and {theirs!r} would both be the kit's {ours!r}; map only one"
            )
        seen[ours] = theirs
    theirs_of = {ours: theirs for theirs, ours in zip(raw.columns, kit_names)}

    if len(raw.rows) < schema.min_rows:
        raise ValueError(
            f"{where}: the file has {len(raw.rows)} data rows; table {schema.name!r} needs at least "
            f"{schema.min_rows}"
        )
    missing = [c.name for c in schema.columns if c.required and c.name not in theirs_of]
    if missing:
        raise ValueError(
            f"{where}: column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} "
            f"{'are' if len(missing) > 1 else 'is'} missing (table {schema.name!r} needs "
            f"{'them' if len(missing) > 1 else 'it'}); the file has {list(raw.columns)}"
            f"{_sep_hint(raw.columns, raw.sep)}"
        )

    position = {name: k for k, name in enumerate(kit_names)}
    present = [c for c in schema.columns if c.name in position]
    if decimal is None:
        numeric = [c for c in present if c.kind in ("int", "float")]
        cells = [
            (line, theirs_of[c.name], row[position[c.name]])
            for c in numeric
            for line, row in zip(raw.lines, raw.rows)
            if row[position[c.name]]
        ]
        decimal = detect_decimal(cells, where=where)

    problems: list[Problem] = []
    out = (
        pd.DataFrame(raw.rows, columns=kit_names, dtype=object)
        if raw.rows
        else pd.DataFrame(columns=kit_names, dtype=object)
    )
    for col in present:
        k = position[col.name]
        texts = [row[k] for row in raw.rows]
        series, found = _convert(texts, raw.lines, col, theirs_of[col.name], k, decimal)
        out[col.name] = series
        problems.extend(found)
    problems.extend(_repeats(raw, schema, position, theirs_of))
    if problems:
        raise ValueError(problems_message(where, problems))
    return out


def _sep_hint(names: Sequence[str], sep: str) -> str:
    for other, word in ((";", "semicolons"), ("\t", "tabs"), (",", "commas")):
        if other != sep and any(other in n for n in names):
            return f". A column name holds {other!r}: if the file is separated by {word}, pass sep={other!r}"
    return ""


def _repeats(
    raw, schema: Schema, position: Mapping[str, int], theirs_of: Mapping[str, str]
) -> list[Problem]:
    """Rows repeated exactly (if the schema forbids them) and repeated values of unique columns."""
    problems: list[Problem] = []
    repeated_lines: set[int] = set()
    if schema.no_repeated_rows:
        first: dict[tuple[str, ...], int] = {}
        for line, row in zip(raw.lines, raw.rows):
            key = tuple(row)
            if key in first:
                problems.append(
                    Problem(
                        line,
                        allowed=f"repeats line {first[key]} exactly; each row must appear once",
                    )
                )
                repeated_lines.add(line)
            else:
                first[key] = line
    for name in schema.unique:
        if name not in position:
            continue
        k = position[name]
        where_seen: dict[str, list[int]] = {}
        for line, row in zip(raw.lines, raw.rows):
            if row[k] != "":
                where_seen.setdefault(row[k], []).append(line)
        for value, lines in where_seen.items():
            later = [line for line in lines[1:] if line not in repeated_lines]
            if later:
                listed = ", ".join(str(x) for x in lines)
                problems.append(
                    Problem(
                        later[0],
                        k,
                        theirs_of[name],
                        name,
                        value,
                        f"each value once; {value!r} is on lines {listed}",
                    )
                )
    return problems


def _range_text(col: Column) -> str:
    if col.low is not None and col.high is not None:
        return f"from {col.low:g} to {col.high:g}"
    if col.low is not None:
        return f"of at least {col.low:g}"
    if col.high is not None:
        return f"of at most {col.high:g}"
    return ""


def _allowed(col: Column) -> str:
    """What a cell of ``col`` may hold, in words."""
    if col.kind == "text":
        if col.allowed is not None:
            return f"one of {list(col.allowed)}"
        if col.pattern is not None:
            return f"text matching {col.pattern}"
        return "text"
    if col.kind == "bool":
        return "True or False (yes/no, 1/0)"
    what = "a whole number" if col.kind == "int" else "a number"
    text = f"{what} {_range_text(col)}".rstrip()
    return f"{text} ({col.unit})" if col.unit else text


def _convert(
    texts: list[str], lines: list[int], col: Column, theirs: str, position: int, decimal: str
) -> tuple[pd.Series, list[Problem]]:
    """Turn one column of raw strings into typed values, listing every bad cell."""
    allowed = _allowed(col)
    problems: list[Problem] = []

    def bad(i: int) -> None:
        problems.append(Problem(lines[i], position, theirs, col.name, texts[i], allowed))

    empty = np.array([t == "" for t in texts], dtype=bool)
    if not col.nullable:
        for i in np.flatnonzero(empty):
            problems.append(
                Problem(lines[i], position, theirs, col.name, "", f"a value is required: {allowed}")
            )

    if col.kind == "text":
        for i, t in enumerate(texts):
            if t == "":
                continue
            if col.allowed is not None and t not in col.allowed:
                bad(i)
            elif col.pattern is not None and re.fullmatch(col.pattern, t) is None:
                bad(i)
        return pd.Series([None if e else t for t, e in zip(texts, empty)], dtype=object), problems

    if col.kind == "bool":
        low = [t.lower() for t in texts]
        for i, t in enumerate(low):
            if t and t not in _TRUE | _FALSE:
                bad(i)
        if empty.any():
            return pd.Series(
                [None if t == "" else t in _TRUE for t in low], dtype="boolean"
            ), problems
        return pd.Series([t in _TRUE for t in low], dtype=bool), problems

    values = np.full(len(texts), np.nan)
    if decimal == ".":
        fast = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(dtype=float)
        values[:] = fast
    for i in np.flatnonzero(np.isnan(values) & ~empty):
        values[i] = parse_number(texts[i], decimal=decimal)
    ok = np.isfinite(values)
    if col.kind == "int":
        ok &= np.mod(np.where(ok, values, 0), 1) == 0
    if col.low is not None:
        ok &= ~(values < col.low)
    if col.high is not None:
        ok &= ~(values > col.high)
    for i in np.flatnonzero(~ok & ~empty):
        bad(i)
    series = pd.Series(values)
    if col.kind == "int":
        if problems:
            return series, problems
        return (series.astype("Int64") if empty.any() else series.astype("int64")), problems
    return series, problems
