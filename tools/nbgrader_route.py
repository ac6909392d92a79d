"""The nbgrader route for large classes: the kit's notebooks as nbgrader source notebooks.

    python -m tools.nbgrader_route COURSE [--assignment NAME] [--force] [NOTEBOOK ...]

writes ``COURSE/source/NAME/<notebook>.ipynb`` for every kit notebook (or the ones named) and,
if missing, ``COURSE/nbgrader_config.py`` (course id ``livekit``, the gradebook as a SQLite file
``COURSE/gradebook.db``). From there the instructor uses nbgrader 0.9 as usual::

    cd COURSE
    nbgrader generate_assignment NAME      # release/NAME/: solutions, checks and rubrics removed
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
  the check's first line ``# points: N`` (default 1).
- ``**Exercise:**`` + ``solution`` without a check: a *manually graded answer* (code or
  Markdown) worth :data:`EXERCISE_POINTS`; the worked answer stays in the source notebook as
  the grader's model answer and is replaced on release.
- ``**Assignment:**`` + ``rubric``: the rubric cell becomes the *manually graded answer* cell
  of the assignment, worth the rubric's total (:func:`tools.student_copies.parse_rubric`): the
  rubric is the cell's text in the source notebook (what the grader reads) and nbgrader
  replaces it with "YOUR ANSWER HERE" on release. The ``answer_box`` cell after it is
  dropped (nbgrader collects the notebook itself).
- ``**Reflect:**``: the ``answer_box`` cell after it (or a new cell) becomes a *manually graded
  answer* in Markdown worth ``(N points)`` from the prompt, default :data:`REFLECTION_POINTS`.
- ``hand_in_button`` cells are dropped; every other cell is kept, outputs cleared.
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
CONFIG = """# nbgrader configuration written by `python -m tools.nbgrader_route` (livekit)
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "livekit"
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = "sqlite:///" + {db!r}
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
    skip = set()
    for i, cell in enumerate(cells):
        if i in skip:
            continue
        tags = sc._tags(cell)
        following = cells[i + 1] if i + 1 < len(cells) else None
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if _HAND_IN.search(cell.source):
                continue
        if sc.SOLUTION_TAG in tags:
            counts["exercise"] += 1
            gid = f"{slug}_exercise_{counts['exercise']}"
            check = (
                following if following is not None and sc.CHECK_TAG in sc._tags(following) else None
            )
            if cell.cell_type == "code":
                cell.source = f"### BEGIN SOLUTION\n{cell.source.rstrip()}\n### END SOLUTION"
            if check is not None:
                cell.metadata["nbgrader"] = _meta(gid, solution=True, grade=False)
                out.append(cell)
                check.metadata["nbgrader"] = _meta(
                    f"{gid}_check",
                    solution=False,
                    grade=True,
                    points=points_of(check, 1),
                    locked=True,
                )
                check.source = (
                    "# Hidden tests check this exercise when it is graded.\n"
                    f"### BEGIN HIDDEN TESTS\n{check.source.rstrip()}\n### END HIDDEN TESTS"
                )
                check.outputs, check.execution_count = [], None
                out.append(check)
                skip.add(i + 1)
            else:
                cell.metadata["nbgrader"] = _meta(
                    gid, solution=True, grade=True, points=EXERCISE_POINTS
                )
                out.append(cell)
            continue
        if sc.RUBRIC_TAG in tags:
            counts["assignment"] += 1
            total = sum(p for _, p in sc.parse_rubric(cell.source))
            text = (
                "**Marking guide (instructor only; replaced by the student's answer on release)**\n\n"
                + cell.source
            )
            out.append(_manual_answer(f"{slug}_assignment_{counts['assignment']}", total, text))
            if (
                following is not None
                and following.cell_type == "code"
                and _ANSWER_BOX.search(following.source)
            ):
                skip.add(i + 1)
            continue
        if sc._is_reflection(cell):
            counts["reflection"] += 1
            out.append(cell)
            out.append(
                _manual_answer(
                    f"{slug}_reflection_{counts['reflection']}",
                    points_of(cell, REFLECTION_POINTS),
                    "*Write your reflection here.*",
                )
            )
            if (
                following is not None
                and following.cell_type == "code"
                and _ANSWER_BOX.search(following.source)
            ):
                skip.add(i + 1)
            continue
        if cell.cell_type == "code" and _ANSWER_BOX.search(cell.source):
            # a free-standing answer box (e.g. after an exercise): nbgrader collects the
            # notebook itself, so the student writes in a Markdown cell instead
            counts["reflection"] += 1
            out.append(
                _manual_answer(
                    f"{slug}_answer_{counts['reflection']}",
                    REFLECTION_POINTS,
                    "*Write your answer here.*",
                )
            )
            continue
        out.append(cell)
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
            CONFIG.format(root=str(course), db=str(course / "gradebook.db")), encoding="utf-8"
        )
    for target, nb in converted.items():
        nbformat.write(nb, target)
    return list(converted)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.nbgrader_route",
        description="Write the kit's notebooks as nbgrader source notebooks into COURSE/source/ASSIGNMENT/.",
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
