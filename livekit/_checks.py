"""Argument checks shared by every module.

Each check names the parameter it looks at and the values it accepts, so that a student who
types ``-3`` into a function sees *which* argument is wrong and what would be right, instead of
a silent NaN or a wrong picture.  These helpers are private: the public functions call them.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Blank",
    "check_number",
    "check_rate",
    "check_count",
    "check_money",
    "check_choice",
    "check_bool",
    "check_text",
    "check_mapping",
    "check_frame",
    "check_column",
    "check_series",
]


class Blank:
    """The blank ``___`` of a fill-in-the-blank exercise: a value the student has not typed yet.

    Every argument check of the kit says so in words ("viewers is still a blank") instead of
    failing on a strange type. The notebooks use the one instance,
    :data:`livekit.exercises.___`.
    """

    def __repr__(self) -> str:
        return "___"


def _describe_range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"from {low:g} to {high:g}"
    if low is not None:
        return f"of at least {low:g}"
    if high is not None:
        return f"of at most {high:g}"
    return "that is finite"


def check_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
) -> float:
    """Return ``value`` as a float after checking its type and range.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    value : int or float
        The value to check. ``bool`` is rejected: ``True`` is not a number a student means.
    low, high : float, optional
        Inclusive bounds.
    integer : bool, default False
        Require a whole number.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number (text, ``None``, ``bool``, ...).
    ValueError
        If ``value`` is NaN, infinite, not whole when ``integer`` is set, or out of range.
    """
    if isinstance(value, Blank):
        raise TypeError(f"{name} is still a blank (___): type a number in its place")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number {_describe_range(low, high)}, "
            f"got {type(value).__name__} {_short(value)}"
        )
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(
            f"{name} must be a number {_describe_range(low, high)}, got {_short(value)}"
        )
    if integer and not number.is_integer():
        raise ValueError(
            f"{name} must be a whole number {_describe_range(low, high)}, got {_short(value)}"
        )
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {_describe_range(low, high)}, got {_short(value)}")
    return number


def check_rate(name: str, value: Any) -> float:
    """Check a share or probability: a number from 0 to 1. Returns it as a float."""
    return check_number(name, value, low=0.0, high=1.0)


def check_count(name: str, value: Any, *, high: float | None = None) -> float:
    """Check a count of people or things: a number of at least 0. Returns it as a float."""
    return check_number(name, value, low=0.0, high=high)


def check_money(name: str, value: Any, *, high: float | None = None) -> float:
    """Check an amount of money: a number of at least 0. Returns it as a float."""
    return check_number(name, value, low=0.0, high=high)


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Check that ``value`` is one of ``choices`` and return it.

    Raises
    ------
    TypeError
        If ``value`` is not hashable (a list, say).
    ValueError
        If ``value`` is not one of ``choices``; the message lists them.
    """
    options = list(choices)
    try:
        hash(value)
    except TypeError:
        raise TypeError(
            f"{name} must be one of {options}, got {type(value).__name__} {_short(value)}"
        ) from None
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {_short(value)}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """Check a yes/no switch: exactly ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {_short(value)}")
    return value


def check_text(name: str, value: Any, *, allow_empty: bool = True) -> str:
    """Check a piece of text and return it."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (str), got {type(value).__name__} {_short(value)}")
    if not allow_empty and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def check_mapping(name: str, value: Any, *, what: str = "{key: value}") -> Mapping:
    """Check that ``value`` is a mapping (a dict); ``what`` describes its shape in the message."""
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be a mapping {what}, got {type(value).__name__} {_short(value)}"
        )
    return value


def check_frame(
    name: str,
    value: Any,
    columns: Sequence[str] = (),
    *,
    min_rows: int = 1,
    what: str = "a table",
) -> pd.DataFrame:
    """Check that ``value`` is a DataFrame with the given columns and at least ``min_rows`` rows.

    Parameters
    ----------
    name : str
        The parameter's name, used in the message.
    value : pandas.DataFrame
        The table to check.
    columns : sequence of str
        Columns the table must have.
    min_rows : int, default 1
        The fewest rows allowed.
    what : str
        What the table should be, for the message (e.g. "the table canvas_money() returns").

    Raises
    ------
    TypeError
        If ``value`` is not a DataFrame.
    ValueError
        If a column is missing (the message lists them) or there are too few rows.
    """
    if not isinstance(value, pd.DataFrame):
        raise TypeError(
            f"{name} must be {what} (a pandas DataFrame), "
            f"got {type(value).__name__} {_short(value)}"
        )
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{name} must be {what} with columns {list(columns)}; missing {missing}")
    if len(value) < min_rows:
        raise ValueError(f"{name} must be {what} with at least {min_rows} row(s), got {len(value)}")
    return value


def check_column(
    name: str,
    frame: pd.DataFrame,
    column: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> np.ndarray:
    """Check that every cell of ``frame[column]`` is a finite number in range; return as floats.

    The message names the parameter, the column, the first offending row and the range.

    Raises
    ------
    TypeError
        If a cell is not a number (text, ``None``, ``bool``).
    ValueError
        If a cell is NaN, infinite or out of range.
    """
    cells = frame[column]
    for label, cell in cells.items():
        check_number(f"{name}[{column!r}] at row {label!r}", cell, low=low, high=high)
    return cells.to_numpy(dtype=float)


def check_series(
    name: str, value: Any, index: Sequence[str] = (), *, what: str = "a Series"
) -> pd.Series:
    """Check that ``value`` is a pandas Series holding every label of ``index``.

    Raises
    ------
    TypeError
        If ``value`` is not a Series.
    ValueError
        If labels are missing (the message lists them).
    """
    if not isinstance(value, pd.Series):
        raise TypeError(
            f"{name} must be {what} (a pandas Series), got {type(value).__name__} {_short(value)}"
        )
    missing = [k for k in index if k not in value.index]
    if missing:
        raise ValueError(f"{name} must be {what}; it is missing {missing}")
    return value


def _short(value: Any, limit: int = 60) -> str:
    """A repr short enough for an error message."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a repr that fails must not hide the real error
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
