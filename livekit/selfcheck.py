"""Self-check questions with instant feedback, shared by every notebook.

The questions live in ``data/checks_<topic>.csv`` (schema :data:`livekit.schemas.SELF_CHECKS`),
so an instructor can edit or add questions without touching code. :func:`load_checks` reads
them, :func:`grade` says whether a pick is right and what a wrong pick reveals (pure logic, easy
to test), and :func:`self_check` builds the widget: pick an option and the verdict appears at
once. Because the answers are in ``data/`` and not in the notebook, the self-checks keep working
in the student copies, where exercise solutions are removed.

Conventions for the question files (checked by ``tests/test_checks_shape.py``)
-----------------------------------------------------------------------------
- ``choices`` holds the options separated by ``" | "``; ``answer`` is one of them, verbatim.
- ``feedback`` holds one entry per option, in the same order and with the same separator: for a
  wrong option, the misunderstanding that picking it reveals (shown with the verdict); for the
  right option, the placeholder :data:`RIGHT_MARK` (``—``).
- Options are of similar length and kind. Over all ``checks_*.csv`` files together the right
  answer is the longest option (:func:`is_longest`, ties count as longest) in at most a third of
  the questions, and no single position holds the right answer in more than 40% of them.
- A question rests on the paper (``source`` names the section) or says in its own text that the
  reasoning is the kit's (``source`` starts with or contains ``kit``).

Predict, then check
-------------------
:func:`judge_prediction` (pure) says whether a prediction held, for a number (within a relative
or absolute tolerance) or a choice; :func:`prediction_box` is a small widget for slider views:
the student types or picks a prediction and locks it in *before* moving the slider; the view
then calls ``box.check(actual)`` with what the model shows, and the box says whether the
prediction held.

Scores
------
The widget counts, per question, whether the *first* pick was right: a student may go on picking
until they find the answer (the feedback is there to teach), but the first try is what the score,
and a hand-in (:mod:`livekit.handin`), report.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .data import load, schema_of

__all__ = [
    "RIGHT_MARK",
    "TOPIC_NOTEBOOK",
    "load_checks",
    "choices_of",
    "feedback_of",
    "is_longest",
    "grade",
    "self_check",
    "CheckBox",
    "judge_prediction",
]

_SEP = " | "
#: The ``feedback`` entry of the right option.
RIGHT_MARK = "—"
#: The notebook each topic belongs to: where its score is recorded for a hand-in.
TOPIC_NOTEBOOK = {
    "start": "00_start_here",
    "canvas": "01_canvas_theory",
    "sellers": "02_seller_classification",
    "path": "03_innovation_path",
}


def load_checks(topic: str) -> pd.DataFrame:
    """Load the self-check questions of a topic, checking answers and feedback.

    Parameters
    ----------
    topic : str
        The part after ``checks_`` in ``data/checks_<topic>.csv``, e.g. ``"canvas"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, question, choices, answer, explanation, feedback, source``; ``choices``
        and ``feedback`` as text with entries separated by ``" | "``.

    Raises
    ------
    ValueError
        Unknown topic; a question with fewer than two options, an answer that is not one of
        its options, or a ``feedback`` cell whose entries do not match the options (the message
        names the file, column and row).
    """
    if not isinstance(topic, str):
        raise TypeError(f"topic must be text, got {type(topic).__name__}")
    name = f"checks_{topic}"
    schema_of(name)  # raises ValueError naming the known tables
    table = load(name)
    for row, item in enumerate(table.itertuples(index=False), start=1):
        where = f"data/{name}.csv"
        options = choices_of(item.choices)
        if len(options) < 2:
            raise ValueError(f"{where}: column 'choices', row {row}: needs at least two options")
        if item.answer not in options:
            raise ValueError(
                f"{where}: column 'answer', row {row}: {item.answer!r} is not one of the "
                f"choices {options}"
            )
        notes = choices_of(item.feedback)
        if len(notes) != len(options):
            raise ValueError(
                f"{where}: column 'feedback', row {row}: needs one entry per option "
                f"({len(options)}, separated by ' | '), found {len(notes)}"
            )
        for option, note in zip(options, notes):
            if option == item.answer and note != RIGHT_MARK:
                raise ValueError(
                    f"{where}: column 'feedback', row {row}: the right option's entry must be "
                    f"{RIGHT_MARK!r}, found {note!r}"
                )
            if option != item.answer and (note == RIGHT_MARK or len(note) < 20):
                raise ValueError(
                    f"{where}: column 'feedback', row {row}: option {option!r} needs feedback "
                    "saying what picking it reveals (at least 20 characters)"
                )
    return table


def choices_of(text: str) -> list[str]:
    """Split a ``choices`` cell into its options.

    Parameters
    ----------
    text : str
        Options separated by ``" | "``.

    Returns
    -------
    list of str
        The options, stripped, empty ones dropped.
    """
    return [part.strip() for part in text.split("|") if part.strip()]


def feedback_of(question: pd.Series) -> dict[str, str]:
    """The feedback entry of every option of a question.

    Parameters
    ----------
    question : pandas.Series
        One row of :func:`load_checks`.

    Returns
    -------
    dict of str to str
        ``{option: feedback}``; the right option maps to :data:`RIGHT_MARK`.
    """
    return dict(zip(choices_of(question["choices"]), choices_of(question["feedback"])))


def is_longest(question: pd.Series) -> bool:
    """Whether the right answer is (one of) the longest options, counted in characters.

    Ties count as longest: a student who always picks the longest option would have at least an
    even chance. This is the definition the shape test applies to every ``checks_*.csv``.

    Parameters
    ----------
    question : pandas.Series or mapping
        With ``choices`` and ``answer``.

    Returns
    -------
    bool
    """
    options = choices_of(question["choices"])
    return len(question["answer"]) >= max(len(option) for option in options)


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
        Whether the pick is right, and the feedback text: for a right pick "Right." and the
        explanation; for a wrong pick, what that option reveals, then the answer and the
        explanation.
    """
    options = choices_of(question["choices"])
    if pick not in options:
        raise ValueError(f"pick must be one of {options}, got {pick!r}")
    right = pick == question["answer"]
    if right:
        return True, f"Right. {question['explanation']}"
    note = feedback_of(question).get(pick, "") if "feedback" in question else ""
    note = f" {note}" if note and note != RIGHT_MARK else ""
    return (
        False,
        f"Not quite.{note} The answer is “{question['answer']}”: {question['explanation']}",
    )


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
            picker.observe(self._make_handler(question, feedback), names="value")
            self.pickers[question["id"]] = picker
            self.feedback[question["id"]] = feedback
            items.append(widgets.HTML(f"<b>{number}.</b> {html.escape(question['question'])}"))
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
                colour = "#009E73" if right else "#D55E00"
                mark = "✔" if right else "✘"
                feedback.value = (
                    f"<span style='color:{colour}'><b>{mark}</b> {html.escape(text)}</span>"
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
            from . import handin  # here, not at the top: handin is optional for a self-check

            handin.work_record(self.notebook).checks[self.topic] = r


def self_check(topic: str, *, notebook: str | None = None) -> CheckBox:
    """Build the self-check widget for a topic: one question per row of its CSV file.

    Parameters
    ----------
    topic : str
        ``"canvas"``, ``"sellers"``, ``"path"`` or ``"start"``: see :func:`load_checks`.
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
    table = load_checks(topic)
    if notebook is None:
        notebook = TOPIC_NOTEBOOK.get(topic)
    return CheckBox(topic, table, notebook=notebook)


# ---------------------------------------------------------------- predict, then check


def _fmt(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:,.4g}"


def judge_prediction(
    prediction: float | str, actual: float | str, *, tolerance: float = 0.1, relative: bool = True
) -> tuple[bool, str]:
    """Whether a prediction held, and a sentence saying so.

    Parameters
    ----------
    prediction, actual : float or str
        Two numbers, or two choices (texts, compared exactly).
    tolerance : float, >= 0
        For numbers: the largest miss that still counts as held; a share of ``|actual|`` when
        ``relative`` (0.1 = within 10%), else in the numbers' own unit.
    relative : bool, default True
        See ``tolerance``. With ``actual == 0`` a relative tolerance means "exactly".

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
    """
    import math

    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        raise TypeError(f"tolerance must be a number, got {type(tolerance).__name__}")
    if not math.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a finite number >= 0, got {tolerance!r}")
    if isinstance(prediction, str) or isinstance(actual, str):
        if not (isinstance(prediction, str) and isinstance(actual, str)):
            raise TypeError("prediction and actual must both be numbers or both be choices (text)")
        held = prediction == actual
    else:
        for name, value in (("prediction", prediction), ("actual", actual)):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
            ):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
        allowed = tolerance * abs(actual) if relative else tolerance
        held = abs(prediction - actual) <= allowed + 1e-12
    verdict = "Your prediction held" if held else "Your prediction did not hold"
    return held, f"{verdict}: you said {_fmt(prediction)}, the model shows {_fmt(actual)}."
