"""Exercises with one number as the answer, judged by the kit with a sentence, not an assert.

A business student should be able to do every exercise without programming. So an exercise is
either a fill-in-the-blank cell (``orders = demo_orders(viewers=___, conversion=___)``: the
student types numbers where the blanks ``___`` are) or a number typed into a box after moving
the sliders; either way :func:`judge_answer` says in one sentence what is right or what to look
at. The answers, tolerances and sentences live in ``data/exercises_<topic>.csv`` (schema
:data:`livekit.schemas.EXERCISES`), beside the self-check questions, so they stay in the student
copies; the stricter hidden tests of the nbgrader route are separate (``tools/nbgrader_route.py``).

:data:`___` is the blank: every argument check of the kit recognises it and says "still a blank"
in words.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import pandas as pd

from ._checks import Blank, check_choice
from .data import load, schema_of
from .prediction import judge_prediction

__all__ = ["___", "Blank", "load_exercises", "exercise", "judge_answer", "STATUSES"]

#: The blank of a fill-in-the-blank cell (type a number in its place).
___ = Blank()
#: What :func:`judge_answer` can find: no answer yet, a blank left, not a number, wrong, right.
STATUSES = ("missing", "blank", "not a number", "wrong", "right")
#: Passed for "the student has not computed the answer" (the variable does not exist yet).
MISSING = object()


def load_exercises(topic: str) -> pd.DataFrame:
    """The exercises of a topic, from ``data/exercises_<topic>.csv``.

    Parameters
    ----------
    topic : str
        ``"start"``, ``"canvas"``, ``"sellers"``, ``"path"``, ... (the part after
        ``exercises_``).

    Returns
    -------
    pandas.DataFrame
        One row per exercise, indexed by ``id``: ``section, variable, answer, tolerance,
        relative, unit, hint, explanation, source``.

    Raises
    ------
    ValueError
        If the topic has no exercise file (the message names the known ones).
    """
    if not isinstance(topic, str):
        raise TypeError(f"topic must be text, got {type(topic).__name__}")
    name = f"exercises_{topic}"
    schema_of(name)  # a ValueError naming the known tables
    return load(name).set_index("id")


def exercise(topic: str, exercise_id: str) -> pd.Series:
    """One exercise's row (see :func:`load_exercises`), or a ValueError naming the known ids."""
    table = load_exercises(topic)
    check_choice("exercise_id", exercise_id, list(table.index))
    return table.loc[exercise_id]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def judge_answer(topic: str, exercise_id: str, value: Any = MISSING) -> tuple[str, str]:
    """Judge a student's answer to an exercise: a status and one friendly sentence.

    Parameters
    ----------
    topic : str
        The exercise file's topic (see :func:`load_exercises`).
    exercise_id : str
        The exercise's id.
    value : number, optional
        The student's answer; :data:`MISSING` (the default) when there is none yet, or the
        blank :data:`___` when a blank was left.

    Returns
    -------
    (str, str)
        A status of :data:`STATUSES` and the sentence for the student: how to go on for a
        missing or blank answer, the exercise's hint and which way the answer is off when wrong,
        its explanation when right. Never raises for a wrong answer.

    Examples
    --------
    >>> judge_answer("start", "orders_80k", 1200.0)[0]
    'right'
    >>> judge_answer("start", "orders_80k", ___)
    ('blank', 'Type a number in place of every ___, then run the cell again.')
    """
    row = exercise(topic, exercise_id)
    unit = f" {row['unit']}" if isinstance(row["unit"], str) and row["unit"] else ""
    if value is MISSING:
        return "missing", "No answer yet: fill in and run the exercise's cell above, then this one."
    if isinstance(value, Blank):
        return "blank", "Type a number in place of every ___, then run the cell again."
    number = _number(value)
    if number is None:
        return (
            "not a number",
            f"Your answer should be a number{unit and f' (in{unit})'}, got {value!r}.",
        )
    tolerance = float(row["tolerance"]) * (abs(float(row["answer"])) if row["relative"] else 1.0)
    held, sentence = judge_prediction(
        number, float(row["answer"]), tolerance=tolerance, relative=False, shown_by="the kit"
    )
    if held:
        return "right", f"Right: {number:,.4g}{unit}. {row['explanation']}"
    way = "high" if number > float(row["answer"]) else "low"
    return "wrong", f"Not yet: {number:,.4g}{unit} is too {way}. {row['hint']}"
