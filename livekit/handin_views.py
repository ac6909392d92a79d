"""The hand-in widgets: answer boxes, the hand-in button, and the page they write.

The work itself (answers, self-check scores, the canvas) is kept by :mod:`livekit.handin`; this
module shows it. :func:`hand_in` renders a work snapshot
(:meth:`livekit.handin.WorkRecord.snapshot`) as one self-contained HTML page: UTF-8, everything
escaped, no scripts, no external resources, so it opens in any browser and uploads to any
learning platform. :func:`hand_in_button` writes it (never replacing a file unless the "replace"
box is ticked) and offers it as a download link as well (the only way to get the file out of
Voila or JupyterLite).
"""

from __future__ import annotations

import base64
import re
import warnings
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from . import _html
from .accessible import figure_html
from .canvas_plots import plot_canvas
from .handin import (
    check_answer_id,
    default_file_name,
    save_answers,
    saved_answers,
    work_record,
    write_hand_in,
)
from .style import LINE_COLORS, TEXT_COLORS, new_figure
from .views import guard
from .worksheet import load_worksheet

__all__ = ["answer_box", "hand_in", "hand_in_button", "AnswerBox", "HandInBox"]


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
    check_answer_id(id)
    if not isinstance(prompt, str):
        raise TypeError(f"prompt must be text, got {type(prompt).__name__}")
    if isinstance(rows, bool) or not isinstance(rows, int) or not 2 <= rows <= 40:
        raise ValueError(f"rows must be a whole number from 2 to 40, got {rows!r}")
    record = work_record(notebook)
    text = saved_answers(notebook).get(id, record.answers.get(id, {}).get("text", ""))
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
        problem = save_answers(record)
        status.value = (
            "<small>Saved.</small>"
            if problem is None
            else f"<small>Kept in this session, not saved to disk ({_html.escape(problem)}); "
            "use the hand-in button before you close.</small>"
        )

    area.observe(guard(on_change, status), names="value")
    return AnswerBox(id, notebook, [widgets.HTML(f"<b>{_html.escape(prompt)}</b>"), area, status])


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


_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC',"
    "'PingFang SC','Microsoft YaHei',sans-serif;max-width:50em;margin:2em auto;padding:0 1em;"
    f"line-height:1.5;color:{TEXT_COLORS['body']}}}pre{{white-space:pre-wrap;"
    f"word-wrap:break-word;background:{LINE_COLORS['panel']};padding:.6em;border-radius:4px;"
    "font-family:inherit}table{border-collapse:collapse}img{max-width:100%}"
    f"td,th{{border:1px solid {LINE_COLORS['rule']};padding:.3em .6em;text-align:left;"
    "vertical-align:top}"
    f"caption{{text-align:left;font-weight:bold}}.empty{{color:{TEXT_COLORS['error']};"
    "font-style:italic}"
)
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, got {type(value).__name__}")
    return value


def _lang(text: str) -> str:
    """A ``lang`` attribute for a block of the student's text (Chinese read as Chinese)."""
    return ' lang="zh"' if _CJK.search(text) else ""


def _answers_part(answers: Any) -> list[str]:
    if not isinstance(answers, (list, tuple)):
        raise TypeError("work['answers'] must be a list of {id, prompt, text}")
    parts = ["<h2>Answers</h2>"]
    if not answers:
        parts.append("<p class=empty>No answer boxes in this notebook session.</p>")
    for n, item in enumerate(answers, start=1):
        if not isinstance(item, Mapping):
            raise TypeError(f"work['answers'][{n - 1}] must be a mapping with id, prompt, text")
        for key in ("id", "prompt", "text"):
            _text(item.get(key), f"work['answers'][{n - 1}]['{key}']")
        text = item["text"]
        body = (
            f"<pre{_lang(text)}>{_html.escape(text)}</pre>"
            if text.strip()
            else "<p class=empty>(no answer)</p>"
        )
        heading = f"{n}. {_html.escape(item['prompt'])}"
        parts.append(f'<h3 id="{_html.attribute(item["id"])}">{heading}</h3>{body}')
    return parts


def _checks_part(checks: Any) -> list[str]:
    if not isinstance(checks, (list, tuple)):
        raise TypeError("work['checks'] must be a list of self-check results")
    if not checks:
        return [
            "<h2>Self-checks</h2>",
            "<p class=empty>No self-check answered in this session.</p>",
        ]
    rows = [
        (
            _html.escape(r["topic"]),
            f"{int(r['answered'])} of {int(r['total'])}",
            str(int(r["right_first_try"])),
            str(int(r["right_now"])),
        )
        for r in checks
    ]
    header = ("topic", "answered", "right at first try", "right now")
    return ["<h2>Self-checks</h2>", _html.table(rows, header, caption="Self-check scores")]


def _canvas_part(canvas: Any, file_name: str | None = None) -> list[str]:
    if not canvas:
        return []
    what = "work['canvas']" if file_name is None else f"work['canvas_files'][{file_name!r}]"
    if not isinstance(canvas, Mapping):
        raise TypeError(f"{what} must be a mapping {{block: text}} or None")
    rows = [
        (
            _html.escape(block),
            f"<pre{_lang(text)}>{_html.escape(_text(text, f'canvas[{block!r}]'))}</pre>",
        )
        for block, text in canvas.items()
    ]
    name = "" if file_name is None else f" ({_html.escape(file_name)})"
    caption = f"The canvas{name}: the text of each block"
    return [
        f"<h2>Canvas{name}</h2>",
        _html.table(rows, ("block", "text"), caption=caption),
        _canvas_figure(canvas, f"The canvas{name}, as drawn"),
    ]


def _canvas_figure(canvas: Mapping[str, str], caption: str) -> str:
    """The canvas drawn as in the notebook, as an image with its text alternative."""
    fig = new_figure(11, 7.5)
    with warnings.catch_warnings():  # a missing emoji font was said in the notebook already
        warnings.simplefilter("ignore")
        plot_canvas(
            {k: str(v) for k, v in canvas.items()}, ax=fig.add_axes((0.01, 0.07, 0.98, 0.92))
        )
    return f"<figure>{figure_html(fig, dpi=60)}<figcaption>{caption}</figcaption></figure>"


def _canvas_files_part(files: Any) -> list[str]:
    if files is None:
        return []
    if not isinstance(files, Mapping):
        raise TypeError("work['canvas_files'] must be a mapping {file name: {block: text}}")
    return [part for name, sheet in files.items() for part in _canvas_part(sheet, str(name))]


def hand_in(work: Mapping[str, Any]) -> str:
    """Render a student's work as one self-contained, accessible HTML page.

    Parameters
    ----------
    work : mapping
        As :meth:`livekit.handin.WorkRecord.snapshot` returns: ``notebook`` (str), ``student``
        (str), ``date`` (str), ``answers`` (list of ``{id, prompt, text}``), ``checks`` (list
        of self-check results with ``topic, total, answered, right_now, right_first_try``),
        ``canvas`` (``{block: text}`` or None), and optionally ``canvas_files``
        (``{file name: {block: text}}``, the saved worksheets the hand-in button read).

    Returns
    -------
    str
        An HTML document with ``lang``, a title, headings and captioned tables, a UTF-8 meta
        tag, inline style only, no scripts and no external resources; every text the student
        typed appears escaped and otherwise unchanged (Chinese text marked ``lang="zh"``).

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
    notebook = _html.escape(_text(work["notebook"], "work['notebook']"))
    student = _html.escape(_text(work["student"], "work['student']"))
    date = _html.escape(_text(work["date"], "work['date']"))
    who = student or "<span class=empty>(no name given)</span>"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Hand-in: {notebook}{' – ' + student if student else ''}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>Hand-in: {notebook}</h1>",
        f"<p><b>Student:</b> {who}<br><b>Date:</b> {date}</p>",
        *_answers_part(work["answers"]),
        *_checks_part(work["checks"]),
        *_canvas_part(work.get("canvas")),
        *_canvas_files_part(work.get("canvas_files")),
        "</main>",
        f"<footer><p><small>Made by livekit's hand-in ({notebook}).</small></p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _canvas_paths(canvas_file: Any) -> list[Path]:
    """The canvas files of :func:`hand_in_button`: none, one, or a list of them."""
    if canvas_file is None:
        return []
    many = isinstance(canvas_file, Sequence) and not isinstance(canvas_file, str)
    files = list(canvas_file) if many else [canvas_file]
    for item in files:
        if not isinstance(item, (str, PathLike)):
            raise TypeError(
                "canvas_file must be a file name (str or path) or a list of them, "
                f"got {type(item).__name__} {item!r}"
            )
    return [Path(item) for item in files]


def _read_canvases(paths: list[Path]) -> tuple[dict[str, dict[str, str]], str]:
    """The saved worksheets among ``paths`` (missing files skipped) and a note on bad ones."""
    sheets, notes = {}, []
    for path in paths:
        if not path.exists():
            continue
        try:  # read at every click: a canvas saved again since the last hand-in is the one sent
            sheets[path.name] = load_worksheet(path)
        except ValueError as exc:
            notes.append(_html.message(_html.escape(exc), bold="Canvas not included:"))
    return sheets, "".join(f"<br>{note}" for note in notes)


def hand_in_button(
    *,
    notebook: str,
    folder: str | PathLike = ".",
    canvas_file: str | PathLike | Sequence[str | PathLike] | None = None,
) -> HandInBox:
    """The hand-in widget: name field, "replace" box, button, status and download link.

    Parameters
    ----------
    notebook : str
        The notebook's name, e.g. ``"01_canvas_theory"``.
    folder : str or path, default "."
        Where the file is written (the notebook's folder).
    canvas_file : str or path, or a list of them, optional
        The saved canvas worksheets (``.json`` or ``.csv``, :mod:`livekit.worksheet`) to
        include, each under its file name (one per task, e.g. ``["my_canvas.json",
        "li_jiaqi_canvas.json"]``); read when the button is clicked, skipped if absent, and a
        file that cannot be read is named in the status line.

    Returns
    -------
    HandInBox
        Click the button (``.button``) to write ``hand_in_<notebook>_<name>.html`` into
        ``folder``; ``.status`` reports the result and ``.link`` offers the same file as a
        download.
    """
    record = work_record(notebook)
    canvas_paths = _canvas_paths(canvas_file)
    name = widgets.Text(description="Your name", placeholder="name or student number")
    replace = widgets.Checkbox(
        value=False, description="replace an earlier hand-in file", indent=False
    )
    button = widgets.Button(description="Hand in", icon="paper-plane", button_style="primary")
    status = widgets.HTML("")
    link = widgets.HTML("")

    def click(_=None) -> None:
        work = record.snapshot(student=name.value.strip())
        work["canvas_files"], note = _read_canvases(canvas_paths)
        page = hand_in(work)
        file_name = default_file_name(notebook, name.value.strip())
        link.value = _download_link(page, file_name)
        status.value = _write(page, Path(folder) / file_name, replace) + note

    button.on_click(guard(click, status, lead="Not handed in:"))
    box = HandInBox(
        notebook, [widgets.HTML("<b>Hand in your work</b>"), name, replace, button, status, link]
    )
    box.button, box.status, box.link, box.name, box.replace = button, status, link, name, replace
    box.click = guard(click, status, lead="Not handed in:")
    return box


def _download_link(page: str, file_name: str) -> str:
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    return (
        f'<a download="{_html.attribute(file_name)}" '
        f'href="data:text/html;charset=utf-8;base64,{data}">'
        f"Download {_html.escape(file_name)}</a> (then upload it to your course page)"
    )


def _write(page: str, target: Path, replace: widgets.Checkbox) -> str:
    """Write the page; the status line (HTML) saying what happened."""
    try:
        written = write_hand_in(page, target, overwrite=replace.value)
    except FileExistsError:
        return _html.message(
            f"{_html.escape(target.name)} already exists and was not replaced. Tick 'replace' "
            "to replace it, or use the download link."
        )
    except OSError as exc:
        return _html.message(
            f"Could not write the file ({_html.escape(exc)}); use the download link."
        )
    replace.value = False
    return _html.message(f"Written: {_html.escape(written)}", "ok")
