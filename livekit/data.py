"""Load the kit's CSV files, and a user's own tables, against a declared schema.

Every table the kit ships lives in ``data/`` and is described twice: for people in
``data/README.md`` (the data dictionary) and for the machine in :mod:`livekit.schemas` (its
:class:`~livekit.schemas.Column` and :class:`~livekit.schemas.Schema` types). :func:`load` reads
a kit file by name; :func:`read_table` reads any table (CSV text or an Excel workbook) against a
schema, optionally renaming a user's columns first, and detects how a user's file was written
(:mod:`livekit.reading`: what the file is, encoding, separator, the header under a title,
decimal mark, number forms such as ``12.3k`` or ``10w+``). Both check the file before anyone
computes with it, as column operations over the cells pandas read; problems raise one
:class:`ValueError` listing every bad cell in file order with its line (as an editor numbers
it), the user's column name and the kit's, the value and what is allowed. A last row of totals
is dropped with a warning, never kept as data. Files are only ever read, never written.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .reading import Problem, RawTable, TableWarning, problems_message, read_raw
from .schemas import SCHEMAS, Column, Schema

__all__ = ["data_dir", "read_table", "load", "schema_of", "kit_tables", "TOTAL_NAMES"]

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
            f"name must be the name of one of the kit's tables {sorted(SCHEMAS)}, "
            f"got {type(name).__name__}"
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
    path = data_dir() / f"{name}.csv"
    return read_table(path, schema, sep=",", encoding="utf-8", decimal=".", header_line=1)


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
    header_line: int | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a table (CSV text or an Excel workbook) and check it against ``schema``.

    Parameters
    ----------
    source : str, path, bytes or file-like
        The file: a path, its content as bytes (e.g. an upload), or an open file. A workbook
        (``.xlsx``) is recognised by its content, whatever its name.
    schema : Schema
        What the table must look like.
    columns : mapping of str to str, optional
        For a user's own file: ``{their column: schema column}``, applied before the check,
        e.g. ``{"subscribers": "Followers"}``. Messages name both.
    sep : {None, ",", ";", "\\t"}
        The separator of a text file; None detects comma, semicolon or tab.
    encoding : str, optional
        A codec name ("utf-8", "gbk", "utf-16", ...); None detects UTF-8 (with or without
        BOM), UTF-16 with BOM and GBK/GB18030.
    decimal : {None, ".", ","}
        The decimal mark; None detects it from the numeric columns and stops with an
        explanation if the file does not make it clear (e.g. only ``1,500``).
    header : bool, default True
        Whether the table has a row of column names; ``header=False`` needs ``names``.
    names : list of str, optional
        The column names, in the file's order, for a file without a header row.
    label : str, optional
        The file's name in messages (default: the path, or "the uploaded file").
    header_line : int, optional
        The header's line (a workbook's row) when lines above it (a title, notes) are not part
        of the table; None finds it, skipping such lines with a warning.
    sheet : str or int, optional
        A workbook's sheet by name or number (0 = the first); None reads the first with data.

    Returns
    -------
    pandas.DataFrame
        The checked, typed table, one row per data row in file order. Columns the schema
        does not know are kept as text. Numbers may be written as
        :func:`livekit.reading.parse_number` reads them (``12.3k``, ``3.5万``, ``12%``,
        ``10w+``, ``¥1,200``, full-width digits, ...). ``attrs["notes"]`` says what was
        detected; ``attrs["warnings"]`` what was read differently from the file's face (each
        also raised as a :class:`livekit.reading.TableWarning`): lines skipped above the header,
        a last row of totals dropped (its name is Total, 合计, ..., or its numbers are the
        column sums: never kept as a data row), lower bounds such as ``10w+`` read as the
        bound, the sheet chosen in a workbook of several.

    Raises
    ------
    TypeError
        If an argument has the wrong type (e.g. ``schema`` is not a :class:`Schema`).
    ValueError
        For a file that cannot be read (what was found and the option to pass), or that breaks
        the schema: one message lists every problem in file order (up to 20, then "and N
        more"), each with its line (as an editor numbers it; a workbook's row), the user's
        column name and the kit's, the value and what is allowed.
    """
    mapping = _check_table_args(schema, columns, decimal)
    numeric = {c.name for c in schema.columns if c.kind in ("int", "float")}
    numbers = [t for t, o in mapping.items() if o in numeric]
    numbers += [n for n in numeric if n not in mapping]
    raw = read_raw(
        source,
        sep=sep,
        encoding=encoding,
        header=header,
        names=names,
        label=label,
        header_line=header_line,
        sheet=sheet,
        numbers=numbers,
    )
    theirs_of = _kit_names(raw, mapping)
    _check_shape(raw, schema, theirs_of)
    present = [c for c in schema.columns if c.name in theirs_of]
    notes = list(raw.notes)
    if decimal is None:
        decimal = raw.detect_decimal(
            [theirs_of[c.name] for c in present if c.kind in ("int", "float")]
        )
        notes.append(f"decimal mark: {decimal!r} (detected)")
    out, problems, said = _convert_all(raw, present, theirs_of, decimal)
    out, problems, totals = _drop_totals(raw, out, problems, present)
    problems.extend(_repeats(raw, schema, theirs_of, len(out)))
    if problems:
        raise ValueError(
            problems_message(raw.label, problems, header_line=raw.header_line, unit=raw.unit)
        )
    return _with_warnings(out, notes, [*raw.warnings, *totals, *said])


def _check_table_args(schema: Any, columns: Any, decimal: Any) -> dict[str, str]:
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
    return dict(columns or {})


def _kit_names(raw: RawTable, mapping: dict[str, str]) -> dict[str, str]:
    """``{kit name: their name}`` for every file column, after the user's mapping."""
    absent = [c for c in mapping if c not in raw.columns]
    if absent:
        raise ValueError(
            f"{raw.label}: column mapping names {absent}, which the file does not have; its "
            f"columns are {list(raw.columns)}{_sep_hint(raw.columns, raw.sep)}"
        )
    theirs_of: dict[str, str] = {}
    for theirs in raw.columns:
        ours = mapping.get(theirs, theirs)
        if ours in theirs_of:
            raise ValueError(
                f"{raw.label}: columns {theirs_of[ours]!r} and {theirs!r} would both be the "
                f"kit's {ours!r}; map only one"
            )
        theirs_of[ours] = theirs
    return theirs_of


def _check_shape(raw: RawTable, schema: Schema, theirs_of: Mapping[str, str]) -> None:
    """Enough rows, and every required column."""
    if len(raw.cells) < schema.min_rows:
        raise ValueError(
            f"{raw.label}: the file has {len(raw.cells)} data rows; table {schema.name!r} needs "
            f"at least {schema.min_rows}"
        )
    missing = [c.name for c in schema.columns if c.required and c.name not in theirs_of]
    if missing:
        many = len(missing) > 1
        raise ValueError(
            f"{raw.label}: column{'s' if many else ''} {', '.join(map(repr, missing))} "
            f"{'are' if many else 'is'} missing (table {schema.name!r} needs "
            f"{'them' if many else 'it'}); the file has {list(raw.columns)}"
            f"{_sep_hint(raw.columns, raw.sep)}"
        )


def _sep_hint(names: Sequence[str], sep: str | None) -> str:
    if sep is None:
        return ""
    for other, word in ((";", "semicolons"), ("\t", "tabs"), (",", "commas")):
        if other != sep and any(other in n for n in names):
            return (
                f". A column name holds {other!r}: if the file is separated by {word}, "
                f"pass sep={other!r}"
            )
    return ""


def _with_warnings(out: pd.DataFrame, notes: list[str], said: list[str]) -> pd.DataFrame:
    """Attach what was detected and what was read differently; raise each of the latter as a
    :class:`TableWarning`."""
    for text in said:
        warnings.warn(text, TableWarning, stacklevel=3)
    out.attrs["notes"] = tuple(notes)
    out.attrs["warnings"] = tuple(said)
    return out


# --- converting cells ---------------------------------------------------------------------


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


@dataclass
class _Cells:
    """One column of the file on its way to a kit column: where it is, what is wrong."""

    raw: RawTable
    theirs: str
    col: Column
    position: int
    problems: list[Problem] = field(default_factory=list)

    def bad(self, rows: np.ndarray, allowed: str | None = None) -> None:
        if len(rows) == 0:
            return
        texts = self.raw.texts(self.theirs)
        for i in rows:
            self.problems.append(
                Problem(
                    int(self.raw.lines[i]),
                    self.position,
                    self.theirs,
                    self.col.name,
                    texts[i],
                    allowed or _allowed(self.col),
                )
            )

    def required(self, empty: np.ndarray) -> None:
        if not self.col.nullable and empty.any():
            self.bad(np.flatnonzero(empty), f"a value is required: {_allowed(self.col)}")


def _convert_all(
    raw: RawTable, present: list[Column], theirs_of: Mapping[str, str], decimal: str
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The kit's columns typed, every bad cell, and what the number forms said."""
    out = raw.cells.copy()
    out.columns = [next(k for k, t in theirs_of.items() if t == c) for c in raw.columns]
    problems: list[Problem] = []
    said: list[str] = []
    for col in present:
        theirs = theirs_of[col.name]
        cells = _Cells(raw, theirs, col, raw.columns.index(theirs))
        if col.kind == "text":
            out[col.name] = _text_column(cells)
        elif col.kind == "bool":
            out[col.name] = _bool_column(cells)
        else:
            out[col.name], found = _number_column(cells, decimal)
            said.extend(found)
        problems.extend(cells.problems)
    return out, problems, said


def _text_column(cells: _Cells) -> pd.Series:
    col = cells.col
    texts = cells.raw.cells[cells.theirs]
    empty = texts.to_numpy() == ""
    cells.required(empty)
    wrong = np.zeros(len(texts), dtype=bool)
    if col.allowed is not None:
        wrong |= ~texts.isin(list(col.allowed)).to_numpy()
    if col.pattern is not None:
        pattern = re.compile(col.pattern)
        wrong |= np.array([pattern.fullmatch(t) is None for t in texts], dtype=bool)
    cells.bad(np.flatnonzero(wrong & ~empty))
    return texts.where(~empty, None).astype(object) if empty.any() else texts


def _bool_column(cells: _Cells) -> pd.Series:
    low = cells.raw.cells[cells.theirs].str.lower()
    empty = (low == "").to_numpy()
    cells.required(empty)
    truth = low.isin(_TRUE).to_numpy()
    known = truth | low.isin(_FALSE).to_numpy()
    cells.bad(np.flatnonzero(~known & ~empty))
    if empty.any():
        return pd.Series([None if e else t for t, e in zip(truth, empty)], dtype="boolean")
    return pd.Series(truth, dtype=bool)


def _numbers_of(cells: _Cells, decimal: str) -> pd.DataFrame | None:
    """The kit's reading of a text column (value, lower_bound, currency of each cell); None
    for a column pandas read as numbers alike for this decimal mark."""
    raw, theirs = cells.raw, cells.theirs
    column = raw.cells[theirs]
    same = raw.encoding == "xlsx" or decimal == "." or column.dtype.kind == "i"
    if raw.is_number(theirs) and same:
        return None
    return raw.numbers(theirs, decimal)


def _number_column(cells: _Cells, decimal: str) -> tuple[pd.Series, list[str]]:
    col = cells.col
    read = _numbers_of(cells, decimal)
    if read is None:
        values = cells.raw.cells[cells.theirs].to_numpy(dtype=float)
        empty = np.isnan(values)
    else:
        values = read["value"].to_numpy(dtype=float)
        empty = (cells.raw.cells[cells.theirs] == "").to_numpy()
    cells.required(empty)
    ok = np.isfinite(values)
    if col.kind == "int":
        ok &= np.mod(np.where(ok, values, 0), 1) == 0
    if col.low is not None:
        ok &= ~(values < col.low)
    if col.high is not None:
        ok &= ~(values > col.high)
    cells.bad(np.flatnonzero(~ok & ~empty))
    said = [] if read is None else _forms_said(cells, read, ~empty & ok)
    series = pd.Series(values)
    if col.kind == "int" and not cells.problems:
        series = series.astype("Int64") if empty.any() else series.astype("int64")
    return series, said


def _forms_said(cells: _Cells, read: pd.DataFrame, good: np.ndarray) -> list[str]:
    """Warnings about number forms: lower bounds such as 10w+, several currencies."""
    name = f"column {cells.theirs!r}" + (
        f" (kit column {cells.col.name!r})" if cells.col.name != cells.theirs else ""
    )
    said = []
    bounds = np.flatnonzero(read["lower_bound"].to_numpy(dtype=bool) & good)
    if bounds.size:
        first = bounds[0]
        text = cells.raw.texts(cells.theirs)[first]
        many = bounds.size > 1
        said.append(
            f"{name}: {bounds.size} "
            f"{'values are lower bounds' if many else 'value is a lower bound'} written with '+' "
            f"({cells.raw.unit} {int(cells.raw.lines[first])}: {text!r}); "
            f"{'each is' if many else 'it is'} read as the bound, so the true figure may be higher"
        )
    signs = sorted(set(read["currency"].to_numpy(dtype=object)[good].tolist()) - {""})
    if len(signs) > 1:
        said.append(
            f"{name}: mixes currencies ({', '.join(signs)}); the numbers are read as written, "
            "not converted"
        )
    return said


# --- totals rows and repeats ---------------------------------------------------------------

#: Names of a totals row (compared without case, spaces and a trailing colon).
TOTAL_NAMES = frozenset(
    {
        "total",
        "totals",
        "grandtotal",
        "sum",
        "subtotal",
        "合计",
        "总计",
        "合計",
        "總計",
        "总和",
        "汇总",
        "匯總",
        "小计",
        "小計",
    }
)


def _total_name(raw: RawTable, row: int) -> str | None:
    """The row's name if its first filled cell names a totals row."""
    for name in raw.columns:
        value = raw.cells[name].iat[row]
        if raw.is_number(name):
            if not math.isnan(value):
                return None
            continue
        if value:
            key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower().rstrip(":")
            return value if key in TOTAL_NAMES else None
    return None


def _sums_row(out: pd.DataFrame, present: list[Column]) -> list[str]:
    """The columns whose last value is the sum of the values above it, if at least two are,
    and every other number of the last row is such a sum or a mean (a rate's total); else []."""
    summed, other = [], 0
    for col in present:
        if col.kind not in ("int", "float"):
            continue
        values = pd.to_numeric(out[col.name], errors="coerce").to_numpy(dtype=float)
        last, above = values[-1], values[:-1]
        if not np.isfinite(last):
            continue
        if np.isclose(last, np.nansum(above), rtol=1e-9, atol=1e-6):  # a sum, not a near one
            summed.append(col.name)
        elif np.isclose(last, np.nanmean(above), rtol=1e-3, atol=0):
            other += 1
        else:
            return []
    return summed if len(summed) >= 2 else []


def _drop_totals(
    raw: RawTable, out: pd.DataFrame, problems: list[Problem], present: list[Column]
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """Drop a last row of totals (named Total, 合计, ... or holding the column sums), saying so."""
    if len(out) < 3:
        return out, problems, []
    line = int(raw.lines[-1])
    name = _total_name(raw, len(out) - 1)
    summed = [] if name else _sums_row(out, present)
    if not name and not summed:
        return out, problems, []
    why = f"named {name!r}" if name else f"its {', '.join(summed)} are the sums of the rows above"
    said = (
        f"{raw.unit} {line}: dropped as a totals row ({why}), not a data row; "
        "the table has the rows above it"
    )
    kept = [p for p in problems if p.line != line]
    return out.iloc[:-1].copy(), kept, [said]


@dataclass(frozen=True)
class _Repeats:
    """Where a unique column's values repeat, and where it is empty (None: nowhere)."""

    texts: list[str]
    twice: np.ndarray | None
    empty: np.ndarray | None

    @classmethod
    def of(cls, texts: list[str]) -> _Repeats:
        seen = set(texts)  # one set first: most columns repeat nothing
        twice = empty = None
        if len(seen) < len(texts):
            twice = pd.Series(texts, dtype=object).duplicated(keep=False).to_numpy()
        if "" in seen:
            empty = np.asarray(texts, dtype=object) == ""
        return cls(texts, twice, empty)

    def rows(self) -> np.ndarray:
        """Rows that may repeat another row exactly: their value repeats, or is empty."""
        found = np.zeros(len(self.texts), dtype=bool)
        for mask in (self.twice, self.empty):
            if mask is not None:
                found |= mask
        return np.flatnonzero(found)


def _repeated_rows(raw: RawTable, rows: np.ndarray) -> tuple[list[Problem], set[int]]:
    """Rows repeated exactly: a problem for each repeat, naming the first."""
    if rows.size < 2:
        return [], set()
    twice = rows[raw.cells.iloc[rows].duplicated(keep=False).to_numpy()]
    first: dict[tuple, int] = {}
    problems, lines = [], set()
    for i in twice:
        key = tuple(
            None if isinstance(v, float) and math.isnan(v) else v for v in raw.cells.iloc[i]
        )
        line = int(raw.lines[i])
        if key in first:
            problems.append(
                Problem(
                    line, allowed=f"repeats line {first[key]} exactly; each row must appear once"
                )
            )
            lines.add(line)
        else:
            first[key] = line
    return problems, lines


def _repeats(raw: RawTable, schema: Schema, theirs_of: Mapping[str, str], n: int) -> list[Problem]:
    """Rows repeated exactly (if the schema forbids them) and repeated values of unique columns,
    among the first ``n`` rows."""
    unique = {
        name: _Repeats.of(raw.texts(theirs_of[name])[:n])
        for name in schema.unique
        if name in theirs_of
    }
    problems: list[Problem] = []
    repeated: set[int] = set()
    if schema.no_repeated_rows:
        rows = next(iter(unique.values())).rows() if unique else np.arange(n)
        problems, repeated = _repeated_rows(raw, rows)
    for name, found in unique.items():
        problems.extend(_repeated_values(raw, theirs_of[name], name, found, repeated))
    return problems


def _repeated_values(
    raw: RawTable, theirs: str, name: str, found: _Repeats, repeated: set[int]
) -> list[Problem]:
    """A problem for each filled value of a unique column met again, naming all its lines."""
    if found.twice is None:
        return []
    filled = found.twice if found.empty is None else found.twice & ~found.empty
    texts = found.texts
    twice = np.flatnonzero(filled)
    where_seen: dict[str, list[int]] = {}
    for i in twice:
        where_seen.setdefault(texts[i], []).append(int(raw.lines[i]))
    position = raw.columns.index(theirs)
    problems = []
    for value, lines in where_seen.items():
        later = [line for line in lines[1:] if line not in repeated]
        if later:
            listed = ", ".join(str(x) for x in lines)
            problems.append(
                Problem(
                    later[0],
                    position,
                    theirs,
                    name,
                    value,
                    f"each value once; {value!r} is on lines {listed}",
                )
            )
    return problems
