"""Write student copies of the notebooks: worked answers removed, outputs cleared.

    python kit.py student-copies DEST            every notebook in notebooks/ -> DEST/
    python kit.py student-copies DEST --force    replace copies already in DEST

The conventions every notebook follows (``tools/nbgrader_route.py`` reads the same marks):

- **Exercise**: a Markdown cell starting with ``**Exercise:**``, followed by ONE cell tagged
  ``solution`` holding the worked answer (code, or Markdown folded in ``<details>``), optionally
  followed by ONE code cell tagged ``check`` holding ``assert`` statements over what the solution
  computed (the hidden test of the nbgrader route; a first line ``# points: N`` sets its points,
  default 1). A code solution may carry its fill-in-the-blank form in its metadata,
  ``{"livekit": {"template": "orders = demo_orders(viewers=___, conversion=___)"}}``: the student
  copy shows the template (tagged ``raises-exception``, so the copy still runs top to bottom while
  blanks are left) instead of a placeholder. The friendly check a student runs
  (``exercise_views.check(...)``) is an ordinary cell after these and stays in the copy.
- **Assignment** (graded case work): a Markdown cell starting with ``**Assignment:**`` (the task),
  followed by ONE Markdown cell tagged ``rubric``: the rubric as a Markdown table, one row per
  criterion with one descriptor per level and the points last
  (``| criterion | excellent | adequate | missing | points |``); the points add up to the
  assignment's total (:func:`parse_rubric`). The rubric stays in the student copy: students see
  what is asked before they write. Then, optionally, ONE Markdown cell tagged ``exemplar``: a
  short model answer for graders, which the student copy drops. Then, usually, a code cell with
  ``answer_box(...)`` where the student writes, each assignment with its own answer id.
- **Reflection**: a Markdown cell starting with ``**Reflect:**`` (or a numbered
  ``**Reflect (2):**``), usually followed by a code cell
  with ``answer_box(...)``; ``(N points)`` in its text sets its points for nbgrader
  (default 1).

In a student copy, solution, ``check`` and ``exemplar`` cells keep their place and their type,
but their text is replaced by a short placeholder (or a solution's template); every code cell
loses its outputs and execution count, and the saved widget state is dropped (it can hold what a
solution computed). Nothing else changes, so the copies run top to bottom (a template left with
its blanks stops only its own cell), and the self-check widgets and the friendly exercise checks,
which read their questions and answers from ``data/`` through the installed package, keep
working from any folder.

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
    "PLACEHOLDER_EXEMPLAR",
    "EXEMPLAR_TAG",
    "TEMPLATE_TAG",
    "RUBRIC_LEVELS",
    "rubric_levels",
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
EXEMPLAR_TAG = "exemplar"
TEMPLATE_TAG = "raises-exception"
#: Levels of a rubric row, best first (the columns between the criterion and the points).
RUBRIC_LEVELS = 3
EXERCISE_MARK = "**Exercise:**"
ASSIGNMENT_MARK = "**Assignment:**"
REFLECT_MARK = "**Reflect:**"
PLACEHOLDER_CODE = "# Your answer here: write and run your code for the exercise above.\n"
PLACEHOLDER_MARKDOWN = "*Your answer here: write your answer to the exercise above in this cell.*"
PLACEHOLDER_CHECK = "# (The instructor's check of this exercise is not part of the student copy.)\n"
PLACEHOLDER_EXEMPLAR = "*(An exemplar answer for graders is kept in the instructor's copy.)*"
_SECRET = {SOLUTION_TAG, CHECK_TAG, EXEMPLAR_TAG}
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
            f"rubric: the Total row says {total} but the criteria add up to "
            f"{sum(p for _, p in rows)}"
        )
    return rows


def rubric_levels(text: str) -> list[tuple[str, list[str]]]:
    """The level descriptors of each criterion of a rubric (see :func:`parse_rubric`).

    Parameters
    ----------
    text : str
        Markdown; the rows :func:`parse_rubric` reads as criteria (a ``Total`` row is left out).

    Returns
    -------
    list of (str, list of str)
        ``(criterion, descriptors)`` for every criterion row, the descriptors between the
        criterion and the points, stripped.

    Examples
    --------
    >>> rubric_levels("| Hub | traces both chains | one chain | none | 2 |")
    [('Hub', ['traces both chains', 'one chain', 'none'])]
    """
    rows = []
    for line in text.splitlines():
        match = _RUBRIC_ROW.match(line)
        if not match:
            continue
        cells = [c.strip() for c in match["criterion"].split("|")]
        if cells[0].strip("* ").lower() != "total":
            rows.append((cells[0], cells[1:]))
    return rows


def _template(cell) -> str | None:
    """The fill-in-the-blank form of a code solution (cell metadata ``livekit.template``)."""
    template = cell.get("metadata", {}).get("livekit", {}).get("template")
    return template if isinstance(template, str) and template.strip() else None


def _check_problems(n: int, cell, previous) -> list[str]:
    """A ``check`` cell: code, right after a solution."""
    problems = []
    if cell.cell_type != "code":
        problems.append(f"cell {n} is tagged '{CHECK_TAG}' but is not a code cell")
    if previous is None or SOLUTION_TAG not in _tags(previous):
        problems.append(
            f"cell {n} is tagged '{CHECK_TAG}' but does not follow a '{SOLUTION_TAG}' cell"
        )
    return problems


def _rubric_problems(n: int, cell, previous) -> list[str]:
    """A rubric: Markdown, right after an assignment, criteria with points and three levels."""
    problems = []
    if previous is None or not _is_assignment(previous):
        problems.append(
            f"cell {n} is tagged '{RUBRIC_TAG}' but does not follow an {ASSIGNMENT_MARK} cell"
        )
    if cell.cell_type != "markdown":
        problems.append(f"cell {n} is tagged '{RUBRIC_TAG}' but is not a Markdown cell")
    try:
        if not parse_rubric(cell.source):
            problems.append(f"cell {n}: the rubric has no row '| criterion | points |'")
    except ValueError as exc:
        problems.append(f"cell {n}: {exc}")
    for criterion, levels in rubric_levels(cell.source):
        if len(levels) != RUBRIC_LEVELS or not all(levels):
            problems.append(
                f"cell {n}: rubric criterion {criterion!r} needs {RUBRIC_LEVELS} "
                f"level descriptors (e.g. excellent | adequate | missing), found {levels}"
            )
    return problems


def _exemplar_problems(n: int, cell, previous) -> list[str]:
    """An exemplar: Markdown, right after a rubric."""
    problems = []
    if previous is None or RUBRIC_TAG not in _tags(previous):
        problems.append(f"cell {n} is tagged '{EXEMPLAR_TAG}' but does not follow a rubric")
    if cell.cell_type != "markdown":
        problems.append(f"cell {n} is tagged '{EXEMPLAR_TAG}' but is not a Markdown cell")
    return problems


def _exercise_problems(n: int, following, after) -> list[str]:
    """An exercise: ONE solution cell right after it."""
    if following is None or SOLUTION_TAG not in _tags(following):
        return [f"cell {n} is an exercise but the next cell is not tagged '{SOLUTION_TAG}'"]
    if after is not None and SOLUTION_TAG in _tags(after):
        return [f"cell {n}: an exercise takes ONE solution cell, found more"]
    return []


def _solution_problems(n: int, cell, previous) -> list[str]:
    """A solution: right after an exercise; a template only on a code solution."""
    problems = []
    if previous is None or not (_is_exercise(previous) or SOLUTION_TAG in _tags(previous)):
        problems.append(
            f"cell {n} is tagged '{SOLUTION_TAG}' but does not follow an {EXERCISE_MARK} cell"
        )
    if _template(cell) is not None and cell.cell_type != "code":
        problems.append(f"cell {n} has a template but is a Markdown solution, not a code one")
    return problems


def convention_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Where a notebook breaks the exercise/solution/rubric convention (empty list if it does not).

    Every ``**Exercise:**`` cell must be followed directly by exactly one cell tagged
    ``solution``, and every solution cell must directly follow an exercise; a template
    (metadata ``livekit.template``) belongs to a code solution only. A ``check`` cell is a code
    cell directly after a solution cell. Every ``**Assignment:**`` cell must be followed
    directly by one Markdown cell tagged ``rubric`` with at least one criterion worth points
    (:func:`parse_rubric`), each with :data:`RUBRIC_LEVELS` level descriptors
    (:func:`rubric_levels`), and every rubric cell must directly follow an assignment. An
    ``exemplar`` cell is a Markdown cell directly after a rubric. A template outside a solution
    cell is a problem too (the student copy would never show it).
    """
    problems = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        n, tags = i + 1, _tags(cell)
        previous = cells[i - 1] if i > 0 else None
        if CHECK_TAG in tags:
            problems += _check_problems(n, cell, previous)
        if _is_assignment(cell):
            following = cells[i + 1] if i + 1 < len(cells) else None
            if following is None or RUBRIC_TAG not in _tags(following):
                problems.append(
                    f"cell {n} is an assignment but the next cell is not tagged '{RUBRIC_TAG}'"
                )
        if RUBRIC_TAG in tags:
            problems += _rubric_problems(n, cell, previous)
        if EXEMPLAR_TAG in tags:
            problems += _exemplar_problems(n, cell, previous)
        if _is_exercise(cell):
            following = cells[i + 1] if i + 1 < len(cells) else None
            after = cells[i + 2] if i + 2 < len(cells) else None
            problems += _exercise_problems(n, following, after)
        if SOLUTION_TAG in tags:
            problems += _solution_problems(n, cell, previous)
        elif _template(cell) is not None:
            problems.append(f"cell {n} has a template but is not tagged '{SOLUTION_TAG}'")
    return problems


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A student version of a notebook (the argument is not changed).

    Solution, check and exemplar cells get a placeholder instead of their text (a code solution
    with a template gets its template, tagged ``raises-exception``) and lose attachments; rubrics
    stay; code cells lose outputs and execution counts; the stored widget state is dropped.
    """
    out = copy.deepcopy(nb)
    out.metadata.pop("widgets", None)
    for cell in out.cells:
        tags = _tags(cell)
        template = _template(cell)
        if EXEMPLAR_TAG in tags:
            cell.source = PLACEHOLDER_EXEMPLAR
        elif CHECK_TAG in tags:
            cell.source = PLACEHOLDER_CHECK
        elif SOLUTION_TAG in tags and cell.cell_type == "code" and template:
            cell.source = template
            cell.metadata["tags"] = [*tags, TEMPLATE_TAG]
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
        description="Write student copies of the notebooks (solutions removed, outputs "
        "cleared) into DEST.",
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
        f"[kit] {len(written)} student copies in {Path(args.dest).resolve()}; "
        "the originals are unchanged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
