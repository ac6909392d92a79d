"""A student's work in one notebook, kept in the kernel and saved as it is typed.

In Voila the code is hidden, and in any front end the kernel cannot read a notebook that is not
saved. So everything a student hands in lives in the kernel: written answers (typed into
:func:`livekit.handin_views.answer_box` widgets), the self-checks' scores
(:func:`livekit.selfcheck_views.self_check`) and a canvas worksheet (registered with
:func:`register_canvas`, or read from its file). All of it is kept in one :class:`WorkRecord`
per notebook (:func:`work_record`); :mod:`livekit.handin_views` shows the boxes and renders the
hand-in page.

Conventions (used by the notebooks and by ``tools/nbgrader_route.py``)
----------------------------------------------------------------------
- A written answer is one cell ``answer_box("<id>", "<prompt>", notebook="<NN_name>")``;
  ``<id>`` is unique in the notebook (lowercase, digits, ``_``), e.g. ``"case_taobao"`` or
  ``"reflect_1"``.
- The last cell of a notebook is ``hand_in_button(notebook="<NN_name>")``.

Nothing typed is lost
---------------------
Every change to an answer box is saved at once to ``livekit_work/<notebook>.json`` in the
current folder (the notebook's folder in JupyterLab and Voila), or in the folder named by the
environment variable ``LIVEKIT_WORK_DIR`` (:func:`save_answers`). A new answer box restores its
text from there (:func:`saved_answers`), so a restarted kernel or a reloaded page gets the
answers back. Where the file system cannot be written or does not persist (JupyterLite keeps
files in the browser and may lose them), saving reports the problem instead of raising: the text
stays in the box, and the hand-in still works.

The hand-in file is written by :func:`write_hand_in` (atomic, never replacing a file unless
allowed: :func:`livekit._files.write_file`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ._files import write_file

__all__ = [
    "WORK_DIR_ENV",
    "WorkRecord",
    "work_record",
    "register_canvas",
    "work_dir",
    "check_answer_id",
    "saved_answers",
    "save_answers",
    "default_file_name",
    "write_hand_in",
]

#: Environment variable naming the folder for saved answers (default ``./livekit_work``).
WORK_DIR_ENV = "LIVEKIT_WORK_DIR"
_ID = re.compile(r"[a-z0-9_]+")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_RECORDS: dict[str, WorkRecord] = {}


def _check_name(value: Any, what: str, pattern: re.Pattern = _NAME) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, got {type(value).__name__}")
    if not pattern.fullmatch(value):
        raise ValueError(
            f"{what} must match {pattern.pattern} (letters, digits, '_'), got {value!r}"
        )
    return value


def check_answer_id(value: Any) -> str:
    """An answer box's id: lowercase letters, digits and ``_``; else a ValueError naming ``id``."""
    return _check_name(value, "id", _ID)


@dataclass
class WorkRecord:
    """Everything one notebook's student has done that a hand-in reports.

    Attributes
    ----------
    notebook : str
        The notebook's name, e.g. ``"01_canvas_theory"``.
    answers : dict
        ``{id: {"prompt": str, "text": str}}``, in the order the boxes were made.
    checks : dict
        ``{topic: result}``, from :meth:`livekit.selfcheck_views.CheckBox.result`.
    canvas : callable or mapping or None
        The canvas worksheet ``{block: text}``, or a function returning it.
    """

    notebook: str
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    checks: dict[str, dict] = field(default_factory=dict)
    canvas: Callable[[], Mapping[str, str]] | Mapping[str, str] | None = None

    def snapshot(self, *, student: str = "", date: str | None = None) -> dict:
        """The work as plain values, the input of :func:`hand_in`.

        Parameters
        ----------
        student : str
            The student's name or id, as they typed it.
        date : str, optional
            When; by default now, local time, ``YYYY-MM-DD HH:MM``.

        Returns
        -------
        dict
            ``notebook, student, date, answers (list of {id, prompt, text}), checks (list of
            results), canvas ({block: text} or None)``.
        """
        canvas = self.canvas() if callable(self.canvas) else self.canvas
        return {
            "notebook": self.notebook,
            "student": student,
            "date": date or _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "answers": [{"id": k, **v} for k, v in self.answers.items()],
            "checks": list(self.checks.values()),
            "canvas": dict(canvas) if canvas else None,
        }


def work_record(notebook: str) -> WorkRecord:
    """The work record of a notebook in this kernel (made on first use).

    Parameters
    ----------
    notebook : str
        The notebook's name without ``.ipynb``: letters, digits, ``_``, ``.``, ``-``.

    Returns
    -------
    WorkRecord
    """
    _check_name(notebook, "notebook")
    return _RECORDS.setdefault(notebook, WorkRecord(notebook))


def register_canvas(
    notebook: str, canvas: Callable[[], Mapping[str, str]] | Mapping[str, str]
) -> None:
    """Make a canvas worksheet part of a notebook's hand-in.

    Parameters
    ----------
    notebook : str
        The notebook's name.
    canvas : mapping or callable
        ``{block: text}`` (see :mod:`livekit.worksheet`), or a function returning it when the
        hand-in is made (so later edits are included).
    """
    if not (callable(canvas) or isinstance(canvas, Mapping)):
        raise TypeError(
            "canvas must be a mapping {block: text} or a function returning one, "
            f"got {type(canvas).__name__}"
        )
    work_record(notebook).canvas = canvas


# ---------------------------------------------------------------- saving answers as they are typed


def work_dir() -> Path:
    """The folder where answers are saved: ``$LIVEKIT_WORK_DIR`` or ``./livekit_work``."""
    return Path(os.environ.get(WORK_DIR_ENV) or Path.cwd() / "livekit_work")


def _answers_file(notebook: str) -> Path:
    return work_dir() / f"{notebook}.json"


def saved_answers(notebook: str) -> dict[str, str]:
    """The answers saved for a notebook, ``{id: text}`` (empty when there is no readable file)."""
    try:
        data = json.loads(_answers_file(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return {}
    return {k: v for k, v in answers.items() if isinstance(k, str) and isinstance(v, str)}


def save_answers(record: WorkRecord) -> str | None:
    """Save a record's answers (atomically, merged with answers saved by earlier sessions).

    Parameters
    ----------
    record : WorkRecord

    Returns
    -------
    str or None
        None when saved; otherwise what went wrong, in words (the file system refused: the text
        stays in the kernel, and the hand-in still works).
    """
    saved = saved_answers(record.notebook)  # keep answers of boxes not made in this session
    saved.update({k: v["text"] for k, v in record.answers.items()})
    payload = json.dumps(
        {"notebook": record.notebook, "answers": saved}, ensure_ascii=False, indent=1
    )
    try:
        write_file(_answers_file(record.notebook), payload, overwrite=True)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


# ---------------------------------------------------------------- the hand-in file


def default_file_name(notebook: str, student: str = "") -> str:
    """``hand_in_<notebook>[_<student>].html``, with the name reduced to safe characters."""
    _check_name(notebook, "notebook")
    safe = re.sub(r"[^\w-]+", "_", student, flags=re.UNICODE).strip("_")
    return f"hand_in_{notebook}{'_' + safe if safe else ''}.html"


def write_hand_in(page: str, path: str | PathLike, *, overwrite: bool = False) -> Path:
    """Write a hand-in page to a file, atomically, never replacing one without permission.

    Parameters
    ----------
    page : str
        The HTML from :func:`livekit.handin_views.hand_in`.
    path : str or path
        The file to write; missing folders are created.
    overwrite : bool, default False
        Replace an existing file. Without it an existing file raises and is left untouched.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        ``path`` exists and ``overwrite`` is False.
    TypeError
        ``page`` is not text, ``path`` not a file name.
    """
    if not isinstance(page, str):
        raise TypeError(f"page must be text, got {type(page).__name__}")
    return write_file(path, page, overwrite=overwrite)
