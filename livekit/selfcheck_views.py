"""The self-check widget: questions from ``data/checks_<topic>.csv`` with instant feedback.

The questions and their grading are logic (:mod:`livekit.selfcheck`); this module only shows
them: pick an option and the verdict, what a wrong pick reveals and the explanation appear at
once. The score (first picks) is recorded in the notebook's work record for the hand-in
(:func:`livekit.handin.work_record`).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from . import _html, handin
from .selfcheck import TOPIC_NOTEBOOK, choices_of, grade, load_checks
from .views import guard

__all__ = ["self_check", "CheckBox"]


class CheckBox(widgets.VBox):
    """A box of self-check questions (see :func:`self_check`).

    Attributes
    ----------
    pickers, feedback : dict
        Per question id, its radio buttons and its feedback line.
    first_pick : dict of str to bool
        Per question id answered so far, whether the first pick was right.
    score : ipywidgets.HTML
        The running score line.
    """

    def __init__(self, topic: str, table: pd.DataFrame, notebook: str | None = None) -> None:
        self.topic = topic
        self.table = table
        self.notebook = notebook
        self._answers = dict(zip(table["id"], table["answer"]))
        self.pickers: dict[str, widgets.RadioButtons] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.first_pick: dict[str, bool] = {}
        self.score = widgets.HTML("")
        items: list[widgets.Widget] = []
        for number, (_, question) in enumerate(table.iterrows(), start=1):
            picker = widgets.RadioButtons(
                options=choices_of(question["choices"]),
                value=None,
                layout=widgets.Layout(width="auto"),
            )
            feedback = widgets.HTML("")
            picker.observe(guard(self._make_handler(question, feedback), feedback), names="value")
            self.pickers[question["id"]] = picker
            self.feedback[question["id"]] = feedback
            items.append(
                widgets.HTML(f"<b>{number}.</b> {_html.inline_markdown(question['question'])}")
            )
            items += [picker, feedback]
        super().__init__(items + [self.score])
        self._update_score()

    def __repr__(self) -> str:
        # no question count: a notebook's stored output must not change when an instructor
        # adds a question to data/checks_<topic>.csv
        return f"<livekit self-check: {self.topic}>"

    def _make_handler(self, question: pd.Series, feedback: widgets.HTML):
        def handler(change: dict) -> None:
            if change["new"] is None:
                feedback.value = ""
            else:
                right, text = grade(question, change["new"])
                self.first_pick.setdefault(question["id"], right)
                feedback.value = _html.message(
                    _html.inline_markdown(text), "ok" if right else "error"
                )
            self._update_score()

        return handler

    def result(self) -> dict[str, int | str]:
        """The score so far, as plain values.

        Returns
        -------
        dict
            ``topic``, ``total`` (questions), ``answered``, ``right_now`` (current picks that are
            right) and ``right_first_try`` (questions whose first pick was right).
        """
        answered = [q for q, p in self.pickers.items() if p.value is not None]
        return {
            "topic": self.topic,
            "total": len(self.pickers),
            "answered": len(answered),
            "right_now": sum(self.pickers[q].value == self._answers[q] for q in answered),
            "right_first_try": sum(self.first_pick.values()),
        }

    def _update_score(self) -> None:
        r = self.result()
        self.score.value = (
            f"<i>Answered {r['answered']} of {r['total']}; right: {r['right_now']} "
            f"(first try: {r['right_first_try']}).</i>"
        )
        if self.notebook is not None:
            handin.work_record(self.notebook).checks[self.topic] = r


def self_check(topic: str, *, section: str | None = None, notebook: str | None = None) -> CheckBox:
    """Build a self-check (a checkpoint): one question per row of the topic's CSV file.

    Parameters
    ----------
    topic : str
        ``"canvas"``, ``"sellers"``, ``"path"`` or ``"start"``: see
        :func:`livekit.selfcheck.load_checks`.
    section : str, optional
        Only the questions on this section (a checkpoint placed right after it); all of the
        topic's questions by default.
    notebook : str, optional
        The notebook whose work record (:func:`livekit.handin.work_record`) receives the score;
        by default the topic's notebook in :data:`TOPIC_NOTEBOOK`, so that notebook's hand-in
        includes it.

    Returns
    -------
    CheckBox
        A widget; picking an option shows right/wrong, what a wrong pick reveals, and the
        explanation at once.
    """
    table = load_checks(topic, section)
    if notebook is None:
        notebook = TOPIC_NOTEBOOK.get(topic)
    label = topic if section is None else f"{topic}: {section}"
    return CheckBox(label, table, notebook=notebook)
