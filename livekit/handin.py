"""Hand-in: a student's work in one self-contained HTML file, written without losing anything.

Why widgets
-----------
In Voila the code is hidden, and in any front end the kernel cannot read a notebook that is not
saved. So everything a student hands in lives in the kernel: written answers are typed into
:func:`answer_box` widgets, the self-checks (:func:`livekit.selfcheck.self_check`) report their
score, and a canvas worksheet can be registered (:func:`register_canvas`) or read from its file.
All of it is kept in one :class:`WorkRecord` per notebook (:func:`work_record`).

Conventions (used by the notebooks and by ``tools/nbgrader_route.py``)
----------------------------------------------------------------------
- A written answer is one cell ``handin.answer_box("<id>", "<prompt>", notebook="<NN_name>")``;
  ``<id>`` is unique in the notebook (lowercase, digits, ``_``), e.g. ``"case_taobao"`` or
  ``"reflect_1"``. Exercises whose answer is a number or a sentence get an answer box after
  their solution cell, so that what the student found reaches the hand-in.
- The last cell of a notebook is ``handin.hand_in_button(notebook="<NN_name>")``.

Nothing typed is lost
---------------------
Every change to an answer box is saved at once to ``livekit_work/<notebook>.json`` in the
current folder (the notebook's folder in JupyterLab and Voila), or in the folder named by the
environment variable ``LIVEKIT_WORK_DIR``. A new answer box restores its text from there, so a
restarted kernel or a reloaded page gets the answers back. Where the file system cannot be
written or does not persist (JupyterLite keeps files in the browser and may lose them), saving
fails quietly: the box shows "not saved to disk", the text stays in the box, and the hand-in
still works.

The hand-in file
----------------
:func:`hand_in` is a pure function: a work dict (:meth:`WorkRecord.snapshot`) in, one HTML string
out: UTF-8, everything escaped, no scripts, no external resources, so it opens in any browser and
uploads to any learning platform. :func:`write_hand_in` writes it and never replaces an existing
file unless ``overwrite=True``. :func:`hand_in_button` wires both to a button: a "replace" box must
be ticked before an existing file is replaced, and a download link is offered as well (the only
way to get the file out of Voila or JupyterLite).
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import ipywidgets as widgets

__all__ = [
    "WORK_DIR_ENV",
    "WorkRecord",
    "work_record",
    "work_dir",
    "answer_box",
    "register_canvas",
    "hand_in",
    "write_hand_in",
    "hand_in_button",
    "default_file_name",
    "AnswerBox",
    "HandInBox",
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
        ``{topic: result}``, from :meth:`livekit.selfcheck.CheckBox.result`.
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
            f"canvas must be a mapping {{block: text}} or a function returning one, got {type(canvas).__name__}"
        )
    work_record(notebook).canvas = canvas


# ---------------------------------------------------------------- saving answers as they are typed


def work_dir() -> Path:
    """The folder where answers are saved: ``$LIVEKIT_WORK_DIR`` or ``./livekit_work``."""
    return Path(os.environ.get(WORK_DIR_ENV) or Path.cwd() / "livekit_work")


def _answers_file(notebook: str) -> Path:
    return work_dir() / f"{notebook}.json"


def _read_saved(notebook: str) -> dict[str, str]:
    try:
        data = json.loads(_answers_file(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return {}
    return {k: v for k, v in answers.items() if isinstance(k, str) and isinstance(v, str)}


def _save(record: WorkRecord) -> str | None:
    """Save a record's answers atomically; the error text if that failed, else None."""
    target = _answers_file(record.notebook)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        saved = _read_saved(record.notebook)  # keep answers of boxes not made in this session
        saved.update({k: v["text"] for k, v in record.answers.items()})
        payload = json.dumps(
            {"notebook": record.notebook, "answers": saved}, ensure_ascii=False, indent=1
        )
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp_", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def answer_box(id: str, prompt: str, *, notebook: str, rows: int = 6) -> AnswerBox:
    """A text box for a written answer, kept in the notebook's work record and saved on change.

    Parameters
    ----------
    id : str
        Unique in the notebook: lowercase letters, digits and ``_``.
    prompt : str
        The question or task, shown above the box and in the hand-in.
    notebook : str
        The notebook's name, e.g. ``"01_canvas_theory"``.
    rows : int, 2 to 40
        Height of the box in lines.

    Returns
    -------
    AnswerBox
        Prompt, text area (``.area``) and a status line (``.status``). Text saved earlier
        under the same notebook and id is restored into the box.
    """
    _check_name(id, "id", _ID)
    if not isinstance(prompt, str):
        raise TypeError(f"prompt must be text, got {type(prompt).__name__}")
    if isinstance(rows, bool) or not isinstance(rows, int) or not 2 <= rows <= 40:
        raise ValueError(f"rows must be a whole number from 2 to 40, got {rows!r}")
    record = work_record(notebook)
    text = _read_saved(notebook).get(id, record.answers.get(id, {}).get("text", ""))
    record.answers[id] = {"prompt": prompt, "text": text}
    area = widgets.Textarea(
        value=text,
        placeholder="Type your answer here.",
        tooltip="Your answer",  # its accessible name (the prompt above is its visible label)
        layout=widgets.Layout(width="100%", height=f"{1.6 * rows + 0.6:.1f}em"),
    )
    status = widgets.HTML("<small>Restored your saved answer.</small>" if text else "")

    def on_change(change: dict) -> None:
        record.answers[id] = {"prompt": prompt, "text": change["new"]}
        problem = _save(record)
        status.value = (
            "<small>Saved.</small>"
            if problem is None
            else f"<small>Kept in this session, not saved to disk ({html.escape(problem)}); "
            "use the hand-in button before you close.</small>"
        )

    area.observe(on_change, names="value")
    return AnswerBox(id, notebook, [widgets.HTML(f"<b>{html.escape(prompt)}</b>"), area, status])


class AnswerBox(widgets.VBox):
    """The widget :func:`answer_box` returns: prompt, ``.area`` (the Textarea), ``.status``.

    Its text form is fixed (no typed text in it), so a notebook's stored output does not change
    with what was typed or restored.
    """

    def __init__(self, answer_id: str, notebook: str, children: list) -> None:
        super().__init__(children)
        self.answer_id, self.notebook = answer_id, notebook
        self.area, self.status = children[1], children[2]

    def __repr__(self) -> str:
        return f"<livekit answer box: {self.answer_id} ({self.notebook})>"


class HandInBox(widgets.VBox):
    """The widget :func:`hand_in_button` returns (fixed text form, like :class:`AnswerBox`)."""

    def __init__(self, notebook: str, children: list) -> None:
        super().__init__(children)
        self.notebook = notebook

    def __repr__(self) -> str:
        return f"<livekit hand-in button: {self.notebook}>"


# ---------------------------------------------------------------- the hand-in file

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','PingFang SC',"
    "'Microsoft YaHei',sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}"
    "pre{white-space:pre-wrap;word-wrap:break-word;background:#f6f6f6;padding:.6em;border-radius:4px;"
    "font-family:inherit}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em;"
    "text-align:left;vertical-align:top}.empty{color:#a00;font-style:italic}"
)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, got {type(value).__name__}")
    return value


def hand_in(work: Mapping[str, Any]) -> str:
    """Render a student's work as one self-contained HTML page.

    Parameters
    ----------
    work : mapping
        As :meth:`WorkRecord.snapshot` returns: ``notebook`` (str), ``student`` (str),
        ``date`` (str), ``answers`` (list of ``{id, prompt, text}``), ``checks`` (list of
        self-check results with ``topic, total, answered, right_now, right_first_try``),
        ``canvas`` (``{block: text}`` or None).

    Returns
    -------
    str
        An HTML document with a UTF-8 meta tag, inline style only, no scripts and no external
        resources; every text the student typed appears escaped and otherwise unchanged.

    Raises
    ------
    TypeError, ValueError
        A missing key or a value of the wrong type, naming it.
    """
    if not isinstance(work, Mapping):
        raise TypeError(
            f"work must be a mapping (see WorkRecord.snapshot), got {type(work).__name__}"
        )
    missing = [k for k in ("notebook", "student", "date", "answers", "checks") if k not in work]
    if missing:
        raise ValueError(f"work is missing {missing}")
    esc = html.escape
    notebook = _text(work["notebook"], "work['notebook']")
    student = _text(work["student"], "work['student']")
    date = _text(work["date"], "work['date']")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Hand-in: {esc(notebook)}{' – ' + esc(student) if student else ''}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Hand-in: {esc(notebook)}</h1>",
        f"<p><b>Student:</b> {esc(student) if student else '<span class=empty>(no name given)</span>'}<br>"
        f"<b>Date:</b> {esc(date)}</p>",
        "<h2>Answers</h2>",
    ]
    answers = work["answers"]
    if not isinstance(answers, (list, tuple)):
        raise TypeError("work['answers'] must be a list of {id, prompt, text}")
    if not answers:
        parts.append("<p class=empty>No answer boxes in this notebook session.</p>")
    for n, item in enumerate(answers, start=1):
        if not isinstance(item, Mapping):
            raise TypeError(f"work['answers'][{n - 1}] must be a mapping with id, prompt, text")
        for key in ("id", "prompt", "text"):
            _text(item.get(key), f"work['answers'][{n - 1}]['{key}']")
        body = (
            f"<pre>{esc(item['text'])}</pre>"
            if item["text"].strip()
            else "<p class=empty>(no answer)</p>"
        )
        parts.append(f'<h3 id="{esc(item["id"])}">{n}. {esc(item["prompt"])}</h3>{body}')
    parts.append("<h2>Self-checks</h2>")
    checks = work["checks"]
    if not isinstance(checks, (list, tuple)):
        raise TypeError("work['checks'] must be a list of self-check results")
    if checks:
        parts.append(
            "<table><tr><th>topic</th><th>answered</th><th>right at first try</th>"
            "<th>right now</th></tr>"
        )
        for r in checks:
            parts.append(
                f"<tr><td>{esc(str(r['topic']))}</td><td>{int(r['answered'])} of {int(r['total'])}</td>"
                f"<td>{int(r['right_first_try'])}</td><td>{int(r['right_now'])}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p class=empty>No self-check answered in this session.</p>")
    canvas = work.get("canvas")
    if canvas:
        if not isinstance(canvas, Mapping):
            raise TypeError("work['canvas'] must be a mapping {block: text} or None")
        parts.append("<h2>Canvas</h2><table><tr><th>block</th><th>text</th></tr>")
        for block, text in canvas.items():
            parts.append(
                f"<tr><td>{esc(str(block))}</td><td><pre>{esc(_text(text, f'canvas[{block!r}]'))}</pre></td></tr>"
            )
        parts.append("</table>")
    parts += [
        f"<p><small>Made by livekit's hand-in ({esc(notebook)}).</small></p>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


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
        The HTML from :func:`hand_in`.
    path : str or path
        The file to write; its folder must exist.
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
    FileNotFoundError
        The folder of ``path`` does not exist.
    """
    _text(page, "page")
    if not isinstance(path, (str, PathLike)):
        raise TypeError(f"path must be a file name, got {type(path).__name__}")
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, got {overwrite!r}")
    target = Path(path).expanduser()
    if target.exists() and not overwrite:
        raise FileExistsError(
            f"path: {target} already exists; pass overwrite=True (or tick 'replace') to replace it"
        )
    if not target.parent.is_dir():
        raise FileNotFoundError(f"path: the folder {target.parent} does not exist")
    message = (
        f"path: {target} already exists; pass overwrite=True (or tick 'replace') to replace it"
    )
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp_", suffix=".html")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # atomic, and fails if the file appeared in the meantime
            except FileExistsError:
                raise FileExistsError(message) from None
            except (OSError, AttributeError):  # no hard links here (e.g. in the browser)
                os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return target


def hand_in_button(
    *, notebook: str, folder: str | PathLike = ".", canvas_file: str | PathLike | None = None
) -> HandInBox:
    """The hand-in widget: name field, "replace" box, button, status and download link.

    Parameters
    ----------
    notebook : str
        The notebook's name, e.g. ``"01_canvas_theory"``.
    folder : str or path, default "."
        Where the file is written (the notebook's folder).
    canvas_file : str or path, optional
        A saved canvas worksheet (``.json`` or ``.csv``, :mod:`livekit.worksheet`) to include
        when no canvas is registered; read when the button is clicked, skipped if absent.

    Returns
    -------
    HandInBox
        Click the button (``.button``) to write ``hand_in_<notebook>_<name>.html`` into
        ``folder``; ``.status`` reports the result and ``.link`` offers the same file as a
        download.
    """
    record = work_record(notebook)
    name = widgets.Text(description="Your name", placeholder="name or student number")
    replace = widgets.Checkbox(
        value=False, description="replace an earlier hand-in file", indent=False
    )
    button = widgets.Button(description="Hand in", icon="paper-plane", button_style="primary")
    status = widgets.HTML("")
    link = widgets.HTML("")

    def on_click(_=None) -> None:
        work = record.snapshot(student=name.value.strip())
        note = ""
        if work["canvas"] is None and canvas_file is not None and Path(canvas_file).exists():
            from .worksheet import load_worksheet

            try:  # read at every click, so a canvas saved again since the last hand-in is the one sent
                work["canvas"] = load_worksheet(canvas_file)
            except ValueError as exc:
                note = (
                    "<br><span style='color:#B34700'>Canvas not included: "
                    f"{html.escape(str(exc))}</span>"
                )
        page = hand_in(work)
        file_name = default_file_name(notebook, name.value.strip())
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        link.value = (
            f'<a download="{html.escape(file_name)}" href="data:text/html;charset=utf-8;base64,{data}">'
            f"Download {html.escape(file_name)}</a> (then upload it to your course page)"
        )
        try:
            written = write_hand_in(page, Path(folder) / file_name, overwrite=replace.value)
        except FileExistsError:
            status.value = (
                f"<span style='color:#B34700'>{html.escape(file_name)} already exists and was "
                "not replaced. Tick 'replace' to replace it, or use the download link.</span>"
            ) + note
        except OSError as exc:
            status.value = (
                f"<span style='color:#B34700'>Could not write the file ({html.escape(str(exc))}); "
                "use the download link.</span>"
            ) + note
        else:
            status.value = (
                f"<span style='color:#00785A'>Written: {html.escape(str(written))}</span>" + note
            )
            replace.value = False

    button.on_click(on_click)
    box = HandInBox(
        notebook, [widgets.HTML("<b>Hand in your work</b>"), name, replace, button, status, link]
    )
    box.button, box.status, box.link, box.name, box.replace = button, status, link, name, replace
    box.click = on_click
    return box
