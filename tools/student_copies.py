"""Write student copies of the notebooks: worked answers removed, outputs cleared.

    python kit.py student-copies DEST            every notebook in notebooks/ -> DEST/
    python kit.py student-copies DEST --force    replace copies already in DEST

The conventions every notebook follows (``tools/nbgrader_route.py`` reads the same marks):

- **Exercise**: a Markdown cell starting with ``**Exercise:**``, followed by ONE cell tagged
  ``solution`` holding the worked answer (code or Markdown), optionally followed by ONE code cell
  tagged ``check`` holding ``assert`` statements over what the solution computed (the hidden test
  of the nbgrader route; a first line ``# points: N`` sets its points, default 1).
- **Assignment** (graded case work): a Markdown cell starting with ``**Assignment:**`` (the task),
  followed by ONE Markdown cell tagged ``rubric``: the rubric as a Markdown table whose rows end in
  a whole number of points (``| criterion | points |``); the points add up to the assignment's
  total (:func:`parse_rubric`). Then, usually, a code cell with ``answer_box(...)`` where
  the student writes.
- **Reflection**: a Markdown cell starting with ``**Reflect:**`` (or a numbered
  ``**Reflect (2):**``), usually followed by a code cell
  with ``answer_box(...)``; ``(N points)`` in its text sets its points for nbgrader
  (default 1).

In a student copy, solution, ``check`` and ``rubric`` cells keep their place and their type, but
their text is replaced by a short placeholder; every code cell loses its outputs and execution
count, and the saved widget state is dropped (it can hold what a solution computed). Nothing else
changes, so the copies run top to bottom, and the self-check widgets, which read their questions
and answers from ``data/`` through the installed package, keep working from any folder.

The originals are never modified, and the tool refuses to write into ``notebooks/`` (or any
folder inside it), where copies could be mistaken for, or overwrite, the instructor's versions.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

__all__ = [
    "SOLUTION_TAG",
    "CHECK_TAG",
    "RUBRIC_TAG",
    "EXERCISE_MARK",
    "ASSIGNMENT_MARK",
    "REFLECT_MARK",
    "PLACEHOLDER_CHECK",
    "PLACEHOLDER_RUBRIC",
    "parse_rubric",
    "PLACEHOLDER_CODE",
    "PLACEHOLDER_MARKDOWN",
    "convention_problems",
    "student_copy",
    "write_student_copies",
]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
SOLUTION_TAG = "solution"
CHECK_TAG = "check"
RUBRIC_TAG = "rubric"
EXERCISE_MARK = "**Exercise:**"
ASSIGNMENT_MARK = "**Assignment:**"
REFLECT_MARK = "**Reflect:**"
PLACEHOLDER_CODE = "# Your answer here: write and run your code for the exercise above.\n"
PLACEHOLDER_MARKDOWN = "*Your answer here: write your answer to the exercise above in this cell.*"
PLACEHOLDER_CHECK = "# (The instructor's check of this exercise is not part of the student copy.)\n"
PLACEHOLDER_RUBRIC = "*This assignment is graded with a rubric; your instructor has it.*"
_SECRET = {SOLUTION_TAG, CHECK_TAG, RUBRIC_TAG}
_REFLECT = re.compile(r"\*\*Reflect(?: \(\d+\))?:\*\*")
_RUBRIC_ROW = re.compile(r"^\s*\|(?P<criterion>.+)\|\s*(?P<points>\d+)\s*\|\s*$")


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _starts(cell, mark: str) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith(mark)


def _is_exercise(cell) -> bool:
    return _starts(cell, EXERCISE_MARK)


def _is_assignment(cell) -> bool:
    return _starts(cell, ASSIGNMENT_MARK)


def _is_reflection(cell) -> bool:
    """A Markdown cell starting ``**Reflect:**`` or a numbered ``**Reflect (2):**``."""
    return cell.cell_type == "markdown" and bool(_REFLECT.match(cell.source.lstrip()))


def parse_rubric(text: str) -> list[tuple[str, int]]:
    """The criteria and points of a rubric cell.

    Parameters
    ----------
    text : str
        Markdown; every table row whose last cell is a whole number is a criterion,
        e.g. ``| Names the platform and the anchor, with a source | 2 |``. A row whose first
        cell is ``Total`` (any case, bold allowed) is a check, not a criterion.

    Returns
    -------
    list of (str, int)
        ``(criterion, points)`` in order; empty if the text holds no such row.

    Raises
    ------
    ValueError
        A ``Total`` row that does not equal the sum of the criteria.
    """
    rows, total = [], None
    for line in text.splitlines():
        match = _RUBRIC_ROW.match(line)
        if not match:
            continue
        criterion = match["criterion"].split("|")[0].strip()
        points = int(match["points"])
        if criterion.strip("* ").lower() == "total":
            total = points
        else:
            rows.append((criterion, points))
    if total is not None and total != sum(p for _, p in rows):
        raise ValueError(
            f"rubric: the Total row says {total} but the criteria add up to {sum(p for _, p in rows)}"
        )
    return rows


def convention_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Where a notebook breaks the exercise/solution/rubric convention (empty list if it does not).

    Every ``**Exercise:**`` cell must be followed directly by exactly one cell tagged
    ``solution``, and every solution cell must directly follow an exercise. A ``check`` cell is a
    code cell directly after a solution cell. Every ``**Assignment:**`` cell must be followed
    directly by one Markdown cell tagged ``rubric`` with at least one criterion worth points
    (:func:`parse_rubric`), and every rubric cell must directly follow an assignment.
    """
    problems = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        tags = _tags(cell)
        previous = cells[i - 1] if i > 0 else None
        if CHECK_TAG in tags:
            if cell.cell_type != "code":
                problems.append(f"cell {i + 1} is tagged '{CHECK_TAG}' but is not a code cell")
            if previous is None or SOLUTION_TAG not in _tags(previous):
                problems.append(
                    f"cell {i + 1} is tagged '{CHECK_TAG}' but does not follow a '{SOLUTION_TAG}' cell"
                )
        if _is_assignment(cell):
            following = cells[i + 1] if i + 1 < len(cells) else None
            if following is None or RUBRIC_TAG not in _tags(following):
                problems.append(
                    f"cell {i + 1} is an assignment but the next cell is not tagged '{RUBRIC_TAG}'"
                )
        if RUBRIC_TAG in tags:
            if previous is None or not _is_assignment(previous):
                problems.append(
                    f"cell {i + 1} is tagged '{RUBRIC_TAG}' but does not follow an {ASSIGNMENT_MARK} cell"
                )
            if cell.cell_type != "markdown":
                problems.append(f"cell {i + 1} is tagged '{RUBRIC_TAG}' but is not a Markdown cell")
            try:
                if not parse_rubric(cell.source):
                    problems.append(f"cell {i + 1}: the rubric has no row '| criterion | points |'")
            except ValueError as exc:
                problems.append(f"cell {i + 1}: {exc}")
        if _is_exercise(cell):
            following = cells[i + 1] if i + 1 < len(cells) else None
            if following is None or SOLUTION_TAG not in _tags(following):
                problems.append(
                    f"cell {i + 1} is an exercise but the next cell is not tagged '{SOLUTION_TAG}'"
                )
            elif i + 2 < len(cells) and SOLUTION_TAG in _tags(cells[i + 2]):
                problems.append(f"cell {i + 1}: an exercise takes ONE solution cell, found more")
        if SOLUTION_TAG in _tags(cell) and not (
            i > 0 and (_is_exercise(cells[i - 1]) or SOLUTION_TAG in _tags(cells[i - 1]))
        ):
            problems.append(
                f"cell {i + 1} is tagged '{SOLUTION_TAG}' but does not follow an {EXERCISE_MARK} cell"
            )
    return problems


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A student version of a notebook (the argument is not changed).

    Solution, check and rubric cells get a placeholder instead of their text (and lose
    attachments); code cells lose outputs and execution counts; the stored widget state is
    dropped.
    """
    out = copy.deepcopy(nb)
    out.metadata.pop("widgets", None)
    for cell in out.cells:
        tags = _tags(cell)
        if RUBRIC_TAG in tags:
            cell.source = PLACEHOLDER_RUBRIC
        elif CHECK_TAG in tags:
            cell.source = PLACEHOLDER_CHECK
        elif SOLUTION_TAG in tags:
            cell.source = PLACEHOLDER_CODE if cell.cell_type == "code" else PLACEHOLDER_MARKDOWN
        if _SECRET & set(tags):
            cell.pop("attachments", None)
            # collapsed/hidden flags on a solution would hide the student's own answer
            for key in ("collapsed", "jupyter", "scrolled"):
                cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return out


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def write_student_copies(
    dest: str | Path, notebooks: list[Path] | None = None, *, force: bool = False
) -> list[Path]:
    """Write a student copy of every notebook into the folder ``dest``.

    Parameters
    ----------
    dest : str or path
        The folder for the copies; created if needed. Must not be ``notebooks/`` or inside it.
    notebooks : list of path, optional
        The notebooks to copy; by default every ``notebooks/NN_*.ipynb``.
    force : bool, default False
        Replace copies already in ``dest``; without it an existing file stops the tool before
        anything is written.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ValueError
        ``dest`` is inside ``notebooks/`` or is a file; a copy exists and ``force`` is False; a
        notebook breaks the exercise/solution convention (nothing is written then either).
    """
    if not isinstance(dest, (str, Path)):
        raise TypeError(f"dest must be a folder name (str or path), got {type(dest).__name__}")
    dest = Path(dest).expanduser().resolve()
    if _inside(dest, NOTEBOOKS):
        raise ValueError(
            f"dest: {dest} is inside the kit's notebooks/ folder; student copies must go to a "
            "folder of their own, e.g. `python kit.py student-copies ../student_notebooks`"
        )
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"dest: {dest} is a file, not a folder")
    sources = (
        [Path(p) for p in notebooks]
        if notebooks is not None
        else sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))
    )
    if not sources:
        raise ValueError(f"no notebooks found in {NOTEBOOKS}")
    # check everything before writing anything
    copies = {}
    for source in sources:
        nb = nbformat.read(source, as_version=4)
        problems = convention_problems(nb)
        if problems:
            raise ValueError(
                f"{source.name} breaks the exercise/solution convention: " + "; ".join(problems)
            )
        copies[dest / source.name] = student_copy(nb)
    if not force:
        existing = [str(target) for target in copies if target.exists()]
        if existing:
            raise ValueError(f"dest: {existing} already exist; pass --force to replace them")
    dest.mkdir(parents=True, exist_ok=True)
    for target, nb in copies.items():
        nbformat.validate(nb)
        nbformat.write(nb, target)
    return list(copies)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python kit.py student-copies",
        description="Write student copies of the notebooks (solutions removed, outputs cleared) into DEST.",
    )
    parser.add_argument("dest", help="folder for the copies (not notebooks/ or a folder inside it)")
    parser.add_argument("--force", action="store_true", help="replace copies already in DEST")
    args = parser.parse_args(argv)
    try:
        written = write_student_copies(args.dest, force=args.force)
    except ValueError as exc:
        print(f"[kit] not written: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"[kit] wrote {path}")
    print(
        f"[kit] {len(written)} student copies in {Path(args.dest).resolve()}; the originals are unchanged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
