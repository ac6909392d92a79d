"""Predict, then check: whether a student's prediction held, and which way it was off.

Pure logic, shared by the slider views' "predict, then check" box
(:class:`livekit.views.Prediction`) and anything else that compares a guess with a model.
"""

from __future__ import annotations

import math

__all__ = ["judge_prediction"]


def _fmt(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:,.4g}"


def _finite(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def judge_prediction(
    prediction: float | str,
    actual: float | str,
    *,
    tolerance: float = 0.1,
    relative: bool = True,
    shown_by: str = "the model",
) -> tuple[bool, str]:
    """Whether a prediction held, and a sentence saying so (and, if not, which way it was off).

    Parameters
    ----------
    prediction, actual : float or str
        Two numbers, or two choices (texts, compared exactly).
    tolerance : float, >= 0
        For numbers: the largest miss that still counts as held; a share of ``|actual|`` when
        ``relative`` (0.1 = within 10%), else in the numbers' own unit.
    relative : bool, default True
        See ``tolerance``. With ``actual == 0`` a relative tolerance means "exactly".
    shown_by : str, default "the model"
        Who shows ``actual``, in the sentence ("the view" for a slider view).

    Returns
    -------
    (bool, str)
        Whether it held, and the feedback sentence.

    Raises
    ------
    TypeError
        A number compared with a text, or a tolerance that is not a number.
    ValueError
        A negative or non-finite tolerance or value.

    Examples
    --------
    >>> judge_prediction(105, 100)
    (True, 'Your prediction held: you said 105, the model shows 100.')
    >>> judge_prediction(150, 100)[1]
    'Your prediction did not hold: you said 150, the model shows 100 (your guess was 50 too high).'
    >>> judge_prediction("super", "famous")[0]
    False
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        raise TypeError(f"tolerance must be a number, got {type(tolerance).__name__}")
    if not math.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a finite number >= 0, got {tolerance!r}")
    off = ""
    if isinstance(prediction, str) or isinstance(actual, str):
        if not (isinstance(prediction, str) and isinstance(actual, str)):
            raise TypeError("prediction and actual must both be numbers or both be choices (text)")
        held = prediction == actual
    else:
        guess, shown = _finite("prediction", prediction), _finite("actual", actual)
        allowed = tolerance * abs(shown) if relative else tolerance
        held = abs(guess - shown) <= allowed + 1e-12
        if not held:
            way = "high" if guess > shown else "low"
            off = f" (your guess was {_fmt(abs(guess - shown))} too {way})"
    verdict = "Your prediction held" if held else "Your prediction did not hold"
    said = f"you said {_fmt(prediction)}, {shown_by} shows {_fmt(actual)}"
    return held, f"{verdict}: {said}{off}."
