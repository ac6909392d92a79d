"""Self-check questions with instant feedback, shared by every notebook.

The questions live in ``data/checks_<topic>.csv`` (schema :data:`livekit.schemas.SELF_CHECKS`),
so an instructor can edit or add questions without touching code. :func:`load_checks` reads
them, :func:`grade` says whether a pick is right (pure logic, easy to test), and
:func:`self_check` builds the widget: pick an option and the verdict and explanation appear at
once. Because the answers are in ``data/`` and not in the notebook, the self-checks keep working
in the student copies, where exercise solutions are removed.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .data import load, schema_of

__all__ = ["load_checks", "choices_of", "grade", "self_check", "CheckBox"]

_SEP = " | "


def load_checks(topic: str) -> pd.DataFrame:
    """Load the self-check questions of a topic, checking each answer is one of its choices.

    Parameters
    ----------
    topic : str
        The part after ``checks_`` in ``data/checks_<topic>.csv``, e.g. ``"canvas"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, question, choices, answer, explanation, source``; ``choices`` as text
        with options separated by ``" | "``.
    """
    if not isinstance(topic, str):
        raise TypeError(f"topic must be text, got {type(topic).__name__}")
    name = f"checks_{topic}"
    schema_of(name)  # raises ValueError naming the known tables
    table = load(name)
    for row, item in enumerate(table.itertuples(index=False), start=1):
        options = choices_of(item.choices)
        if len(options) < 2:
            raise ValueError(f"data/{name}.csv: column 'choices', row {row}: needs at least two options")
        if item.answer not in options:
            raise ValueError(
                f"data/{name}.csv: column 'answer', row {row}: {item.answer!r} is not one of the "
                f"choices {options}"
            )
    return table


def choices_of(text: str) -> list[str]:
    """Split a ``choices`` cell into its options."""
    return [part.strip() for part in text.split("|") if part.strip()]


def grade(question: pd.Series, pick: str) -> tuple[bool, str]:
    """Grade one pick.

    Parameters
    ----------
    question : pandas.Series
        One row of :func:`load_checks`.
    pick : str
        The option the student chose; must be one of the question's choices.

    Returns
    -------
    (bool, str)
        Whether the pick is right, and the feedback text (verdict and explanation).
    """
    options = choices_of(question["choices"])
    if pick not in options:
        raise ValueError(f"pick must be one of {options}, got {pick!r}")
    right = pick == question["answer"]
    verdict = "Right." if right else f"Not quite: the answer is “{question['answer']}”."
    return right, f"{verdict} {question['explanation']}"


class CheckBox(widgets.VBox):
    """A box of self-check questions (see :func:`self_check`)."""

    def __init__(self, topic: str, table: pd.DataFrame) -> None:
        self.topic = topic
        self.table = table
        self.pickers: dict[str, widgets.RadioButtons] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.score = widgets.HTML("")
        items: list[widgets.Widget] = []
        for number, (_, question) in enumerate(table.iterrows(), start=1):
            picker = widgets.RadioButtons(
                options=choices_of(question["choices"]), value=None,
                layout=widgets.Layout(width="auto"),
            )
            feedback = widgets.HTML("")
            picker.observe(self._make_handler(question, feedback), names="value")
            self.pickers[question["id"]] = picker
            self.feedback[question["id"]] = feedback
            items.append(widgets.HTML(f"<b>{number}.</b> {html.escape(question['question'])}"))
            items += [picker, feedback]
        super().__init__(items + [self.score])
        self._update_score()

    def __repr__(self) -> str:
        return f"<livekit self-check: {self.topic}, {len(self.table)} questions>"

    def _make_handler(self, question: pd.Series, feedback: widgets.HTML):
        def handler(change: dict) -> None:
            if change["new"] is None:
                feedback.value = ""
            else:
                right, text = grade(question, change["new"])
                colour = "#009E73" if right else "#D55E00"
                mark = "✔" if right else "✘"
                feedback.value = f"<span style='color:{colour}'><b>{mark}</b> {html.escape(text)}</span>"
            self._update_score()
        return handler

    def _update_score(self) -> None:
        answered = [q for q, p in self.pickers.items() if p.value is not None]
        right = sum(self.pickers[q].value == self.table.set_index("id").loc[q, "answer"] for q in answered)
        self.score.value = f"<i>Answered {len(answered)} of {len(self.pickers)}; right: {right}.</i>"


def self_check(topic: str) -> CheckBox:
    """Build the self-check widget for a topic: one question per row of its CSV file.

    Parameters
    ----------
    topic : str
        ``"canvas"``, ``"sellers"``, ``"path"`` or ``"start"``: see :func:`load_checks`.

    Returns
    -------
    CheckBox
        A widget; picking an option shows right/wrong and the explanation at once.
    """
    return CheckBox(topic, load_checks(topic))
