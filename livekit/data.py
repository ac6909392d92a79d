"""Load the kit's CSV files, and a user's own, against a declared schema.

Every table the kit ships lives in ``data/`` and is described twice: for people in
``data/README.md`` (the data dictionary) and for the machine in :mod:`livekit.schemas`.
:func:`load` reads a kit file by name; :func:`read_table` reads any CSV against a schema,
optionally renaming a user's columns first. Both check the file before anyone computes with it,
and a problem raises a :class:`ValueError` that names the file, the column and the first
offending row, so the fix is one look away. Files are only ever read, never written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["Column", "Schema", "data_dir", "read_table", "load", "schema_of", "kit_tables"]

_KINDS = ("text", "int", "float", "bool")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type and allowed values.

    Parameters
    ----------
    name : str
        The header as it appears in the CSV file.
    kind : {"text", "int", "float", "bool"}
        The type every non-empty cell must parse as. ``bool`` accepts True/False, yes/no, 1/0.
    required : bool, default True
        Whether the column must be present in the file.
    nullable : bool, default False
        Whether a cell may be empty.
    low, high : float, optional
        Inclusive bounds for numeric columns.
    allowed : sequence of str, optional
        The only values a text column may take.
    pattern : str, optional
        A regular expression every non-empty text cell must match in full.
    unit : str
        The unit, for the data dictionary ("CNY", "viewers", "0-100 score", ...).
    description : str
        What the column means.
    """

    name: str
    kind: str = "text"
    required: bool = True
    nullable: bool = False
    low: float | None = None
    high: float | None = None
    allowed: Sequence[str] | None = None
    pattern: str | None = None
    unit: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"Column {self.name!r}: kind must be one of {list(_KINDS)}, got {self.kind!r}")


@dataclass(frozen=True)
class Schema:
    """The declared shape of one table: its columns, and whether it may have no rows."""

    name: str
    columns: tuple[Column, ...]
    description: str = ""
    min_rows: int = 1
    unique: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        """Return the :class:`Column` called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"schema {self.name!r} has no column {name!r}")


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
    from .schemas import SCHEMAS

    return sorted(SCHEMAS)


def schema_of(name: str) -> Schema:
    """Return the :class:`Schema` of the kit table ``name`` (a file stem in ``data/``)."""
    from .schemas import SCHEMAS

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
    return read_table(data_dir() / f"{name}.csv", schema)


def read_table(
    source: str | PathLike,
    schema: Schema,
    *,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Read a CSV file and check it against ``schema``.

    Parameters
    ----------
    source : str or path
        The CSV file (UTF-8, comma-separated, a header row first).
    schema : Schema
        What the table must look like.
    columns : mapping of str to str, optional
        For a user's own file: ``{their column: schema column}``, applied before the check,
        e.g. ``{"subscribers": "Followers"}``.

    Returns
    -------
    pandas.DataFrame
        The checked, typed table. Columns the schema does not know are kept as text.

    Raises
    ------
    ValueError
        Naming the file, and where it applies the column and the first offending row (counted
        from 1 for the first data row; the file line is that number + 1).
    """
    path = Path(source)
    where = str(path)
    if not path.is_file():
        raise ValueError(f"{where}: file not found")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise ValueError(f"{where}: the file is empty (no header row, no data)") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: the file is not UTF-8 text ({exc.reason})") from None
    except pd.errors.ParserError as exc:
        raise ValueError(f"{where}: not a well-formed CSV file ({exc})") from None

    if columns:
        if not isinstance(columns, Mapping):
            raise TypeError(f"columns must be a mapping {{their column: kit column}}, got {columns!r}")
        missing_source = [c for c in columns if c not in raw.columns]
        if missing_source:
            raise ValueError(
                f"{where}: column mapping names {missing_source}, which the file does not have; "
                f"its columns are {list(raw.columns)}"
            )
        raw = raw.rename(columns=dict(columns))

    if len(raw) < schema.min_rows:
        raise ValueError(
            f"{where}: the file has {len(raw)} data rows; table {schema.name!r} needs at least "
            f"{schema.min_rows}"
        )

    out = raw.copy()
    for col in schema.columns:
        if col.name not in raw.columns:
            if col.required:
                raise ValueError(
                    f"{where}: column {col.name!r} is missing (table {schema.name!r} needs it); "
                    f"the file has {list(raw.columns)}"
                )
            continue
        out[col.name] = _convert(raw[col.name], col, where)

    for key in schema.unique:
        dup = out[key].duplicated()
        if dup.any():
            row = int(np.flatnonzero(dup.to_numpy())[0])
            raise ValueError(
                f"{where}: column {key!r}, row {row + 1}: value {out[key].iloc[row]!r} appears "
                f"twice; each must be unique"
            )
    return out


def _fail(where: str, col: Column, row: int, value: Any, why: str) -> ValueError:
    return ValueError(f"{where}: column {col.name!r}, row {row + 1}: {why}, got {value!r}")


def _range_text(col: Column) -> str:
    if col.low is not None and col.high is not None:
        return f"from {col.low:g} to {col.high:g}"
    if col.low is not None:
        return f"of at least {col.low:g}"
    if col.high is not None:
        return f"of at most {col.high:g}"
    return ""


def _convert(cells: pd.Series, col: Column, where: str) -> pd.Series:
    """Turn a column of raw strings into typed values, or raise at the first bad cell."""
    text = cells.str.strip()
    empty = (text == "").to_numpy()
    if empty.any() and not col.nullable:
        row = int(np.flatnonzero(empty)[0])
        raise _fail(where, col, row, cells.iloc[row], "a value is required")

    if col.kind == "text":
        values = cells.where(~empty, None)
        if col.allowed is not None:
            bad = ~empty & ~text.isin(list(col.allowed)).to_numpy()
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise _fail(where, col, row, cells.iloc[row], f"value must be one of {list(col.allowed)}")
        if col.pattern is not None:
            ok = text.str.fullmatch(col.pattern).to_numpy(dtype=bool)
            bad = ~empty & ~ok
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise _fail(where, col, row, cells.iloc[row], f"value must match the pattern {col.pattern}")
        return values.astype(object)

    if col.kind == "bool":
        low = text.str.lower()
        known = low.isin(_TRUE | _FALSE).to_numpy()
        bad = ~empty & ~known
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise _fail(where, col, row, cells.iloc[row], "value must be True or False")
        if empty.any():
            return low.map(lambda v: None if v == "" else v in _TRUE).astype("boolean")
        return low.isin(_TRUE).astype(bool)

    numbers = pd.to_numeric(text.str.replace(",", "", regex=False).where(~empty, None), errors="coerce")
    bad = ~empty & numbers.isna().to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _fail(where, col, row, cells.iloc[row], f"value must be a number {_range_text(col)}".rstrip())
    values = numbers.to_numpy(dtype=float)
    finite = np.isfinite(values) | empty
    if not finite.all():
        row = int(np.flatnonzero(~finite)[0])
        raise _fail(where, col, row, cells.iloc[row], "value must be finite")
    if col.kind == "int":
        whole = (np.mod(values, 1) == 0) | empty
        if not whole.all():
            row = int(np.flatnonzero(~whole)[0])
            raise _fail(where, col, row, cells.iloc[row], "value must be a whole number")
    out_of_range = np.zeros(len(values), dtype=bool)
    if col.low is not None:
        out_of_range |= ~empty & (values < col.low)
    if col.high is not None:
        out_of_range |= ~empty & (values > col.high)
    if out_of_range.any():
        row = int(np.flatnonzero(out_of_range)[0])
        raise _fail(where, col, row, cells.iloc[row], f"value must be {_range_text(col)}")
    series = pd.Series(values, index=cells.index, name=cells.name)
    if col.kind == "int":
        return series.astype("Int64") if empty.any() else series.astype("int64")
    return series
