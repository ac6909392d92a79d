"""The nbgrader route for large classes: the kit's notebooks as nbgrader source notebooks.

    python -m tools.nbgrader_route COURSE [--assignment NAME] [--force] [NOTEBOOK ...]

writes ``COURSE/source/NAME/<notebook>.ipynb`` for every kit notebook (or the ones named) and,
if missing, ``COURSE/nbgrader_config.py`` (course id ``livekit``, the gradebook as a SQLite file
``COURSE/gradebook.db``). From there the instructor uses nbgrader 0.9 as usual::

    cd COURSE
    nbgrader generate_assignment NAME      # release/NAME/: solutions, checks, exemplars removed
    # ... students work on release/NAME, submissions go to submitted/<student>/NAME/
    nbgrader autograde NAME --create       # runs the hidden tests
    nbgrader formgrader / or the Formgrader tab: grade the manually graded cells
    nbgrader export --to grades.csv

nbgrader is optional (``pip install "nbgrader>=0.9,<0.10"``, the kit's ``nbgrader`` extra);
students never need it. This module itself needs only nbformat.

How the kit's conventions (``tools/student_copies.py``) become nbgrader cells
---------------------------------------------------------------------------
- ``**Exercise:**`` + ``solution`` + ``check``: the solution becomes an *autograded answer* (code
  between ``### BEGIN SOLUTION`` / ``### END SOLUTION``), the check an *autograder tests* cell
  whose asserts sit between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``; points from
  the check's first line ``# points: N`` (default 1). A solution with a fill-in-the-blank
  template (metadata ``livekit.template``) keeps the template as the answer's starting code,
  above the solution marks: the release shows the template with its blanks ``___`` (and the
  course's code stub, a comment, under it), and the source shows the grader the starting code
  and then the model answer.
- ``**Exercise:**`` + ``solution`` without a check: a *manually graded answer* (code or
  Markdown) worth :data:`EXERCISE_POINTS`; the worked answer stays in the source notebook as
  the grader's model answer and is replaced on release.
- ``**Assignment:**`` + ``rubric`` (+ ``exemplar``): the rubric becomes a *read-only* cell, so
  students see the criteria and levels in the release and graders read the same rubric in the
  source. The exemplar becomes the *manually graded answer* cell of the assignment, worth the
  rubric's total (:func:`tools.student_copies.parse_rubric`): the exemplar is the grader's model
  answer in the source notebook, and nbgrader replaces it with "YOUR ANSWER HERE" on release
  (without an exemplar the answer cell says where to write). The ``answer_box`` cell after them
  is dropped (nbgrader collects the notebook itself).
- ``**Reflect:**``: the ``answer_box`` cell after it (or a new cell) becomes a *manually graded
  answer* in Markdown worth ``(N points)`` from the prompt, default :data:`REFLECTION_POINTS`.
- ``hand_in_button`` cells are dropped; every other cell is kept, outputs cleared.

The course's ``nbgrader_config.py`` (written when missing) sets the code stub to the comment
:data:`CODE_STUB`: nbgrader's default stub ends in ``raise NotImplementedError()``, which would
stop a student's filled-in template with an error.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell

from tools import student_copies as sc

__all__ = [
    "EXERCISE_POINTS",
    "REFLECTION_POINTS",
    "CONFIG",
    "CODE_STUB",
    "nbgrader_source",
    "points_of",
    "write_course",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_POINTS = 1
REFLECTION_POINTS = 1
_ANSWER_BOX = re.compile(r"^\s*(\w+\.)?answer_box\(", re.M)
_HAND_IN = re.compile(r"^\s*(\w+\.)?hand_in_button\(", re.M)
_POINTS_LINE = re.compile(r"^\s*#\s*points:\s*(\d+)\s*$")
_POINTS_TEXT = re.compile(r"\((\d+)\s+points?\)")
#: What nbgrader puts in place of a code solution on release (under a template, if any).
CODE_STUB = "# YOUR CODE HERE"
CONFIG = """# nbgrader configuration written by `python -m tools.nbgrader_route` (livekit)
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "livekit"
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = "sqlite:///" + {db!r}
# a comment, not nbgrader's `raise NotImplementedError()`: a fill-in-the-blank template stays
# above it in the release, and must run once its blanks are filled in
c.ClearSolutions.code_stub = {{"python": {stub!r}}}
"""


def points_of(cell, default: int) -> int:
    """Points a ``check`` cell (``# points: N`` first line) or a prompt (``(N points)``) sets.

    Parameters
    ----------
    cell : nbformat cell
        A check code cell or a Markdown prompt cell.
    default : int
        Points when the cell sets none.

    Returns
    -------
    int
    """
    first = cell.source.splitlines()[0] if cell.source.strip() else ""
    match = (
        _POINTS_LINE.match(first) if cell.cell_type == "code" else _POINTS_TEXT.search(cell.source)
    )
    return int(match.group(1)) if match else default


def _meta(
    grade_id: str, *, solution: bool, grade: bool, points: int | None = None, locked: bool = False
) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


def _manual_answer(grade_id: str, points: int, text: str) -> nbformat.NotebookNode:
    cell = new_markdown_cell(text)
    cell.metadata["nbgrader"] = _meta(grade_id, solution=True, grade=True, points=points)
    return cell


def _autograded_source(cell) -> str:
    """A code solution between the solution marks, under its template (the starting code)."""
    body = f"### BEGIN SOLUTION\n{cell.source.rstrip()}\n### END SOLUTION"
    template = sc._template(cell)
    return f"{template.rstrip()}\n{body}" if template else body


def _is_answer_box(cell) -> bool:
    return cell is not None and cell.cell_type == "code" and bool(_ANSWER_BOX.search(cell.source))


def _assignment_cells(cells: list, i: int, gid: str, out: list) -> set[int]:
    """The rubric at ``cells[i]`` as a read-only cell, then the graded answer; cells used up.

    The exemplar right after the rubric (if any) becomes the manually graded answer's text in
    the source (the grader's model answer); the ``answer_box`` after them is dropped.
    """
    rubric = cells[i]
    total = sum(p for _, p in sc.parse_rubric(rubric.source))
    rubric.metadata["nbgrader"] = _meta(f"{gid}_rubric", solution=False, grade=False, locked=True)
    out.append(rubric)
    used, j = set(), i + 1
    exemplar = cells[j] if j < len(cells) and sc.EXEMPLAR_TAG in sc._tags(cells[j]) else None
    if exemplar is not None:
        used.add(j)
        j += 1
        text = (
            "**Exemplar answer (for graders; nbgrader replaces it with the student's answer "
            "on release)**\n\n" + exemplar.source
        )
    else:
        text = "*Write your answer here.*"
    out.append(_manual_answer(gid, total, text))
    if _is_answer_box(cells[j] if j < len(cells) else None):
        used.add(j)
    return used


def _exercise_cells(cells: list, i: int, gid: str, out: list) -> set[int]:
    """The solution at ``cells[i]`` (and its check, if any) as graded cells; cells used up."""
    cell = cells[i]
    following = cells[i + 1] if i + 1 < len(cells) else None
    if cell.cell_type == "code":
        cell.source = _autograded_source(cell)
    if following is None or sc.CHECK_TAG not in sc._tags(following):
        cell.metadata["nbgrader"] = _meta(gid, solution=True, grade=True, points=EXERCISE_POINTS)
        out.append(cell)
        return set()
    cell.metadata["nbgrader"] = _meta(gid, solution=True, grade=False)
    check = following
    check.metadata["nbgrader"] = _meta(
        f"{gid}_check", solution=False, grade=True, points=points_of(check, 1), locked=True
    )
    check.source = (
        "# Hidden tests check this exercise when it is graded.\n"
        f"### BEGIN HIDDEN TESTS\n{check.source.rstrip()}\n### END HIDDEN TESTS"
    )
    check.outputs, check.execution_count = [], None
    out += [cell, check]
    return {i + 1}


def _reflection_cells(cells: list, i: int, gid: str, out: list) -> set[int]:
    """A reflection prompt and its answer box, or a free-standing answer box; cells used up.

    nbgrader collects the notebook itself, so the student writes in a Markdown cell instead of
    the box.
    """
    cell = cells[i]
    if _is_answer_box(cell):  # a free-standing answer box (e.g. after an exercise)
        out.append(_manual_answer(gid, REFLECTION_POINTS, "*Write your answer here.*"))
        return set()
    out.append(cell)
    out.append(
        _manual_answer(gid, points_of(cell, REFLECTION_POINTS), "*Write your reflection here.*")
    )
    return {i + 1} if _is_answer_box(cells[i + 1] if i + 1 < len(cells) else None) else set()


def _kind(cell) -> str | None:
    """Which graded part a cell starts: exercise, assignment, reflection, or None."""
    tags = sc._tags(cell)
    if sc.SOLUTION_TAG in tags:
        return "exercise"
    if sc.RUBRIC_TAG in tags:
        return "assignment"
    if sc._is_reflection(cell) or _is_answer_box(cell):
        return "reflection"
    return None


_CONVERT = {
    "exercise": _exercise_cells,
    "assignment": _assignment_cells,
    "reflection": _reflection_cells,
}


def nbgrader_source(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """An nbgrader source notebook made from a kit notebook (the argument is not changed).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook following the conventions of ``tools/student_copies.py``.
    name : str
        A short id for the notebook, used in the grade ids (letters, digits, ``_``).

    Returns
    -------
    nbformat.NotebookNode
        The cells as described in the module docstring; outputs and widget state cleared.

    Raises
    ------
    ValueError
        The notebook breaks the conventions (the problems are listed).
    """
    problems = sc.convention_problems(nb)
    if problems:
        raise ValueError(
            f"{name} breaks the exercise/assignment conventions: " + "; ".join(problems)
        )
    slug = re.sub(r"\W+", "_", name)
    src = copy.deepcopy(nb)
    src.metadata.pop("widgets", None)
    cells = src.cells
    out: list = []
    counts = {"exercise": 0, "assignment": 0, "reflection": 0}
    skip: set[int] = set()
    for i, cell in enumerate(cells):
        if i in skip:
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if _HAND_IN.search(cell.source):
                continue
        kind = _kind(cell)
        if kind is None:
            out.append(cell)
            continue
        counts[kind] += 1
        gid = f"{slug}_{'answer' if kind == 'reflection' and _is_answer_box(cell) else kind}"
        skip.update(_CONVERT[kind](cells, i, f"{gid}_{counts[kind]}", out))
    for cell in out:
        cell.pop("id", None)  # fresh ids: nbgrader and nbformat 4.5 are happier with them
    src.cells = out
    src = nbformat.v4.upgrade(src) if src.nbformat_minor < 5 else src
    for n, cell in enumerate(src.cells):
        cell["id"] = f"{slug[:40]}-{n}"
    nbformat.validate(src)
    return src


def write_course(
    course: str | Path,
    notebooks: list[Path] | None = None,
    *,
    assignment: str = "livekit",
    force: bool = False,
) -> list[Path]:
    """Write nbgrader source notebooks (and a config, if absent) into a course folder.

    Parameters
    ----------
    course : str or path
        The nbgrader course folder (created if needed); must not be inside ``notebooks/``.
    notebooks : list of path, optional
        The notebooks to convert; by default every ``notebooks/NN_*.ipynb``.
    assignment : str, default "livekit"
        The nbgrader assignment id (letters, digits, ``_``, ``-``).
    force : bool, default False
        Replace source notebooks already there.

    Returns
    -------
    list of pathlib.Path
        The source notebooks written.

    Raises
    ------
    ValueError
        Bad ``assignment``; ``course`` inside ``notebooks/``; a notebook breaks the conventions;
        files exist and ``force`` is False. Nothing is written then.
    """
    if not isinstance(assignment, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", assignment):
        raise ValueError(f"assignment must be letters, digits, '_' or '-', got {assignment!r}")
    course = Path(course).expanduser().resolve()
    if sc._inside(course, sc.NOTEBOOKS):
        raise ValueError(
            f"course: {course} is inside the kit's notebooks/ folder; use a folder of its own"
        )
    sources = (
        [Path(p) for p in notebooks]
        if notebooks is not None
        else sorted(sc.NOTEBOOKS.glob(sc.NOTEBOOK_GLOB))
    )
    if not sources:
        raise ValueError(f"no notebooks found in {sc.NOTEBOOKS}")
    target_dir = course / "source" / assignment
    converted = {}
    for path in sources:
        nb = nbformat.read(path, as_version=4)
        converted[target_dir / path.name] = nbgrader_source(nb, path.stem)
    existing = [str(p) for p in converted if p.exists()]
    if existing and not force:
        raise ValueError(f"{existing} already exist; pass --force to replace them")
    target_dir.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(
            CONFIG.format(root=str(course), db=str(course / "gradebook.db"), stub=CODE_STUB),
            encoding="utf-8",
        )
    for target, nb in converted.items():
        nbformat.write(nb, target)
    return list(converted)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.nbgrader_route",
        description="Write the kit's notebooks as nbgrader source notebooks into "
        "COURSE/source/ASSIGNMENT/.",
    )
    parser.add_argument("course", help="the nbgrader course folder (created if needed)")
    parser.add_argument(
        "notebooks", nargs="*", help="notebooks to convert (default: every notebooks/NN_*.ipynb)"
    )
    parser.add_argument(
        "--assignment", default="livekit", help="nbgrader assignment id (default: livekit)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace source notebooks already there"
    )
    args = parser.parse_args(argv)
    try:
        written = write_course(
            args.course,
            [Path(p) for p in args.notebooks] or None,
            assignment=args.assignment,
            force=args.force,
        )
    except ValueError as exc:
        print(f"[kit] not written: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"[kit] wrote {path}")
    course = Path(args.course).resolve()
    print(
        f"[kit] next: cd {course} && nbgrader generate_assignment {args.assignment} "
        f"(then autograde --create, formgrader, export); see README, 'Assessment'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
