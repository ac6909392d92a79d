"""The exercises' check cells and number boxes: a sentence for the student, never an assert.

:func:`check` is the cell after a fill-in-the-blank exercise: it reads the answer the student's
cell computed and says, in one sentence, whether it is right or what to look at
(:func:`livekit.exercises.judge_answer`). :func:`number_box` is the same for an answer found with
the sliders: a box to type a number and a *Check* button. Both stay in the student copies.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from . import _html
from .exercises import MISSING, judge_answer
from .views import guard

__all__ = ["check", "number_box", "ExerciseCheck", "NumberBox"]

_KIND = {
    "right": "ok",
    "wrong": "error",
    "blank": "note",
    "missing": "note",
    "not a number": "error",
}


def _verdict(status: str, sentence: str) -> str:
    return _html.message(_html.inline_markdown(sentence), _KIND[status])


class ExerciseCheck(widgets.HTML):
    """The verdict of :func:`check` (its text form names the exercise, not the verdict)."""

    def __init__(self, exercise_id: str, status: str, sentence: str) -> None:
        super().__init__(_verdict(status, sentence))
        self.exercise_id, self.status, self.sentence = exercise_id, status, sentence

    def __repr__(self) -> str:
        return f"<livekit exercise check: {self.exercise_id}>"


def _user_value(name: str) -> Any:
    """The value of a variable in the notebook's namespace, or MISSING."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - the kit always runs with IPython
        return MISSING
    shell = get_ipython()
    if shell is None:
        return MISSING
    return shell.user_ns.get(name, MISSING)


def check(topic: str, exercise_id: str, value: Any = MISSING) -> ExerciseCheck:
    """Check a fill-in-the-blank exercise and say, in one sentence, what is right or wrong.

    Parameters
    ----------
    topic : str
        The exercise file's topic, e.g. ``"start"`` (``data/exercises_start.csv``).
    exercise_id : str
        The exercise's id.
    value : number, optional
        The answer; by default the notebook variable named in the exercise's ``variable``
        column (so the check cell works even when the exercise cell has not run yet).

    Returns
    -------
    ExerciseCheck
        A line that says right, or how to go on; ``.status`` is one of
        :data:`livekit.exercises.STATUSES`.
    """
    if value is MISSING:
        from .exercises import exercise

        variable = exercise(topic, exercise_id)["variable"]
        if isinstance(variable, str) and variable:
            value = _user_value(variable)
    status, sentence = judge_answer(topic, exercise_id, value)
    return ExerciseCheck(exercise_id, status, sentence)


class NumberBox(widgets.VBox):
    """An answer box for one number, with a *Check* button (see :func:`number_box`).

    Attributes
    ----------
    answer : ipywidgets.FloatText
    button : ipywidgets.Button
    verdict : ipywidgets.HTML
    status : str or None
        The last verdict's status (None before the first check).
    """

    def __init__(self, topic: str, exercise_id: str, label: str, unit: str) -> None:
        self.topic, self.exercise_id, self.status = topic, exercise_id, None
        self.answer = widgets.FloatText(
            value=0.0, description=label, style={"description_width": "initial"}
        )
        self.button = widgets.Button(description="Check my answer", tooltip="Check the number")
        self.verdict = widgets.HTML("")
        self.button.on_click(guard(lambda _button: self.check(), self.verdict))
        row = widgets.HBox([self.answer, widgets.HTML(_html.escape(unit)), self.button])
        super().__init__([row, self.verdict])

    def check(self) -> str:
        """Judge the number in the box; show the sentence in :attr:`verdict`; return the status."""
        self.status, sentence = judge_answer(self.topic, self.exercise_id, self.answer.value)
        self.verdict.value = _verdict(self.status, sentence)
        return self.status

    def __repr__(self) -> str:
        return f"<livekit answer box: {self.exercise_id}>"


def number_box(topic: str, exercise_id: str, *, label: str = "My answer") -> NumberBox:
    """A box for an answer found with the sliders: type the number, press *Check my answer*.

    Parameters
    ----------
    topic : str
        The exercise file's topic.
    exercise_id : str
        The exercise's id.
    label : str
        The box's visible label.

    Returns
    -------
    NumberBox
    """
    from .exercises import exercise

    row = exercise(topic, exercise_id)
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    return NumberBox(topic, exercise_id, label, unit)
