"""Argument checks shared by every module.

Each check names the parameter it looks at and the values it accepts, so that a student who
types ``-3`` into a function sees *which* argument is wrong and what would be right, instead of
a silent NaN or a wrong picture.  These helpers are private: the public functions call them.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Iterable

__all__ = [
    "check_number",
    "check_rate",
    "check_count",
    "check_money",
    "check_choice",
    "check_bool",
    "check_text",
]


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
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number {_describe_range(low, high)}, "
            f"got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be a number {_describe_range(low, high)}, got {value!r}")
    if integer and not number.is_integer():
        raise ValueError(f"{name} must be a whole number {_describe_range(low, high)}, got {value!r}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {_describe_range(low, high)}, got {value!r}")
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
        raise TypeError(f"{name} must be one of {options}, got {type(value).__name__} {value!r}") from None
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """Check a yes/no switch: exactly ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def check_text(name: str, value: Any, *, allow_empty: bool = True) -> str:
    """Check a piece of text and return it."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (str), got {type(value).__name__} {value!r}")
    if not allow_empty and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value
