"""Self-check questions with instant feedback, shared by every notebook.

The questions live in ``data/checks_<topic>.csv`` (schema :data:`livekit.schemas.SELF_CHECKS`),
so an instructor can edit or add questions without touching code. :func:`load_checks` reads
them and :func:`grade` says whether a pick is right and what a wrong pick reveals (pure logic,
easy to test); :func:`livekit.selfcheck_views.self_check` builds the widget: pick an option and
the verdict appears at once. Because the answers are in ``data/`` and not in the notebook, the
self-checks keep working in the student copies, where exercise solutions are removed.

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

Scores
------
The widget counts, per question, whether the *first* pick was right: a student may go on picking
until they find the answer (the feedback is there to teach), but the first try is what the score,
and a hand-in (:mod:`livekit.handin`), report.
"""

from __future__ import annotations

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
    "model": "04_traffic_to_profit",
}


def load_checks(topic: str, section: str | None = None) -> pd.DataFrame:
    """Load the self-check questions of a topic, checking answers and feedback.

    Parameters
    ----------
    topic : str
        The part after ``checks_`` in ``data/checks_<topic>.csv``, e.g. ``"canvas"``.
    section : str, optional
        Only the questions on this section of the notebook (column ``section``): a checkpoint
        right after the section it tests. All questions by default.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, section, question, choices, answer, explanation, feedback, source``;
        ``choices`` and ``feedback`` as text with entries separated by ``" | "``.

    Raises
    ------
    ValueError
        Unknown topic or section; a question with fewer than two options, an answer that is
        not one of its options, or a ``feedback`` cell whose entries do not match the options
        (the message names the file, column and row).
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
    if section is None:
        return table
    sections = list(dict.fromkeys(table["section"]))
    if section not in sections:
        raise ValueError(f"section must be one of {sections} for topic {topic!r}, got {section!r}")
    return table[table["section"] == section].reset_index(drop=True)


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
