"""The nbgrader route, end to end: generate, two students (perfect and empty), autograde, export.

Skipped, with a message, when nbgrader (the kit's optional ``nbgrader`` extra) is not
installed. nbgrader runs offline here: a course folder, its SQLite gradebook and every JUPYTER_*
folder live in pytest's temporary directory.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import nbgrader_route as route  # noqa: E402
from tools import student_copies as sc  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RUBRIC = """**Rubric**

| criterion | excellent | adequate | missing | points |
|---|---|---|---|---|
| Names Li Jiaqi on Taobao Live | with the figure's source | without a source | neither | 2 |
| Places the anchor in one of the paper's classes | with its dimension | class only | none | 3 |
| **Total** | | | | 5 |
"""
EXEMPLAR = "Exemplar: Li Jiaqi reaches the super class on both of the paper's dimensions."
TEMPLATE = "orders = viewers * ___"


def _tagged(cell, tag):
    cell.metadata["tags"] = [tag]
    return cell


def _template_solution(source: str, template: str):
    cell = _tagged(new_code_cell(source), sc.SOLUTION_TAG)
    cell.metadata["livekit"] = {"template": template}
    return cell


def synthetic() -> nbformat.NotebookNode:
    """A small notebook with every kind of graded cell the conventions know."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# A small assignment"),
            new_code_cell("viewers = 80_000"),
            new_markdown_cell(
                "**Exercise:** how many orders at 1.5% conversion? Call it `orders`."
            ),
            _template_solution("orders = viewers * 0.015", TEMPLATE),
            _tagged(new_code_cell("# points: 2\nassert abs(orders - 1200) < 1e-9"), sc.CHECK_TAG),
            new_markdown_cell(
                "**Exercise:** in one sentence, why does a stream without platform traffic "
                "sell nothing?"
            ),
            _tagged(
                new_markdown_cell("Every viewer in the kit's model comes through the platform."),
                sc.SOLUTION_TAG,
            ),
            new_markdown_cell("**Assignment:** Li Jiaqi on Taobao Live: classify the anchor."),
            _tagged(new_markdown_cell(RUBRIC), sc.RUBRIC_TAG),
            _tagged(new_markdown_cell(EXEMPLAR), sc.EXEMPLAR_TAG),
            new_code_cell('handin.answer_box("case", "Your case", notebook="99_synthetic")'),
            new_markdown_cell("**Reflect:** what would you measure first? (2 points)"),
            new_code_cell('handin.answer_box("reflect_1", "Reflect", notebook="99_synthetic")'),
            new_code_cell('handin.hand_in_button(notebook="99_synthetic")'),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


# ---------------------------------------------------------------- conversion (no nbgrader needed)


def _graded(nb):
    return [c for c in nb.cells if "nbgrader" in c.metadata]


def test_synthetic_notebook_becomes_graded_cells_with_points_from_the_rubric():
    src = route.nbgrader_source(synthetic(), "99_synthetic")
    meta = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader for c in _graded(src)}
    assert (
        meta["99_synthetic_exercise_1"]["solution"] and not meta["99_synthetic_exercise_1"]["grade"]
    )
    assert (
        meta["99_synthetic_exercise_1_check"]["points"] == 2
        and meta["99_synthetic_exercise_1_check"]["locked"]
    )
    assert meta["99_synthetic_exercise_2"]["points"] == route.EXERCISE_POINTS
    assert meta["99_synthetic_assignment_1"]["points"] == 5
    assert meta["99_synthetic_reflection_1"]["points"] == 2
    text = "\n".join(c.source for c in src.cells)
    assert "### BEGIN HIDDEN TESTS" in text and "### BEGIN SOLUTION" in text
    assert "answer_box(" not in text and "hand_in_button(" not in text
    # the template is the starting code, above the model answer between the solution marks
    by_id = {c.metadata.nbgrader["grade_id"]: c for c in _graded(src)}
    answer = by_id["99_synthetic_exercise_1"]
    assert answer.source.splitlines()[:2] == [TEMPLATE, "### BEGIN SOLUTION"]
    assert _solution_region(answer.source) == "orders = viewers * 0.015"
    # the rubric is a read-only cell; the exemplar is the text of the graded answer
    rubric = meta["99_synthetic_assignment_1_rubric"]
    assert rubric["locked"] and not rubric["grade"] and not rubric["solution"]
    assert by_id["99_synthetic_assignment_1_rubric"].source == RUBRIC
    assert EXEMPLAR in by_id["99_synthetic_assignment_1"].source
    assert meta["99_synthetic_assignment_1"]["solution"]
    nbformat.validate(src)


def test_an_assignment_without_exemplar_gets_an_empty_answer_cell():
    nb = synthetic()
    nb.cells = [c for c in nb.cells if sc.EXEMPLAR_TAG not in c.metadata.get("tags", [])]
    src = route.nbgrader_source(nb, "99_synthetic")
    by_id = {c.metadata.nbgrader["grade_id"]: c for c in _graded(src)}
    assert by_id["99_synthetic_assignment_1"].source == "*Write your answer here.*"
    assert by_id["99_synthetic_assignment_1"].metadata.nbgrader["points"] == 5
    assert "answer_box(" not in "\n".join(c.source for c in src.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_kit_notebook_converts(path):
    nb = nbformat.read(path, as_version=4)
    src = route.nbgrader_source(nb, path.stem)
    solutions = [c for c in nb.cells if sc.SOLUTION_TAG in c.metadata.get("tags", [])]
    graded = _graded(src)
    assert len([c for c in graded if c.metadata.nbgrader["solution"]]) >= len(solutions)
    ids = [c.metadata.nbgrader["grade_id"] for c in graded]
    assert len(ids) == len(set(ids))
    assert all(c.outputs == [] for c in src.cells if c.cell_type == "code")


def test_bad_notebook_and_bad_names_are_refused(tmp_path):
    bad = new_notebook(
        cells=[new_markdown_cell("**Assignment:** do it"), new_markdown_cell("no rubric")]
    )
    with pytest.raises(ValueError, match="not tagged 'rubric'"):
        route.nbgrader_source(bad, "bad")
    with pytest.raises(ValueError, match="assignment must be"):
        route.write_course(tmp_path, assignment="no spaces")
    with pytest.raises(ValueError, match="inside the kit's notebooks/ folder"):
        route.write_course(ROOT / "notebooks" / "course")


def test_command_line_writes_sources_and_refuses_to_overwrite(tmp_path, capsys):
    course = tmp_path / "course"
    first = subprocess.run(
        [sys.executable, "-m", "tools.nbgrader_route", str(course)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    assert "nbgrader generate_assignment livekit" in first.stdout
    assert sorted(p.name for p in (course / "source" / "livekit").iterdir()) == [
        p.name for p in NOTEBOOKS
    ]
    assert (course / "nbgrader_config.py").exists()
    # the rest in-process (same entry point, no interpreter start-up)
    assert route.main([str(course)]) == 1 and "--force" in capsys.readouterr().err
    assert route.main([str(course), "--force"]) == 0


# ---------------------------------------------------------------- end to end, with nbgrader


def _solution_region(source: str) -> str:
    """The model answer: the lines between the solution marks."""
    lines = source.splitlines()
    return "\n".join(lines[lines.index("### BEGIN SOLUTION") + 1 : lines.index("### END SOLUTION")])


@pytest.fixture
def course(tmp_path):
    pytest.importorskip(
        "nbgrader",
        reason="nbgrader is not installed (the kit's optional 'nbgrader' extra); "
        "install it with: pip install 'nbgrader>=0.9,<0.10'",
    )
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        folder = tmp_path / var.lower()
        folder.mkdir()
        env[var] = str(folder)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MPLBACKEND"] = "Agg"
    # nbgrader runs the `alembic` command by name: the environment's bin folder must be on PATH
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return tmp_path / "course", env


def _nbgrader(course: Path, env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_generate_submit_autograde_export(course, tmp_path):
    course_dir, env = course
    started = time.perf_counter()
    synthetic_path = tmp_path / "99_synthetic.ipynb"
    nbformat.write(synthetic(), synthetic_path)
    real = ROOT / "notebooks" / "00_start_here.ipynb"
    written = route.write_course(course_dir, [real, synthetic_path], assignment="ps1")
    _nbgrader(course_dir, env, "generate_assignment", "ps1", "--force")

    release = course_dir / "release" / "ps1"
    max_score = 0
    for target in written:
        released = nbformat.read(release / target.name, as_version=4)
        text = "\n".join(c.source for c in released.cells)
        source = nbformat.read(target, as_version=4)
        for cell in source.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                max_score += meta["points"]
        # nothing secret in what students get: no exemplar, no hidden test, no worked answer
        assert EXEMPLAR not in text and "abs(orders - 1200)" not in text
        assert "orders = viewers * 0.015" not in text and "0.015)" not in text
        if target.stem == "99_synthetic":
            # but the rubric with its levels, and the template as the answer's starting code
            assert RUBRIC.strip() in text
            start = next(c.source for c in released.cells if c.source.startswith(TEMPLATE))
            assert start == f"{TEMPLATE}\n{route.CODE_STUB}"
        else:  # 00's fill-in-the-blank exercise starts from its template, blanks and all
            assert "viewers=___, conversion=___" in text

        # two students: one answers everything (the model answers), one hands in the release as is
        perfect = nbformat.read(release / target.name, as_version=4)
        by_id = {
            c.metadata.nbgrader["grade_id"]: c for c in source.cells if "nbgrader" in c.metadata
        }
        for cell in perfect.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                model = by_id[meta["grade_id"]]
                cell.source = (
                    _solution_region(model.source)  # what a student types into the blanks
                    if cell.cell_type == "code"
                    else "直播带货 🎥: my answer, about Taobao Live and Li Jiaqi."
                )
        for student, nb in (
            ("perfect", perfect),
            ("empty", nbformat.read(release / target.name, as_version=4)),
        ):
            folder = course_dir / "submitted" / student / "ps1"
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / target.name)
    # 00: exercise check 1, reflections 1 + 1;
    # synthetic: check 2, exercise 1, rubric 5, reflection 2
    assert max_score == 1 + 1 + 1 + 2 + 1 + 5 + 2

    _nbgrader(course_dir, env, "autograde", "ps1", "--create", "--force")

    # a grader gives the perfect student full marks on the manually graded cells (formgrader's job)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        submission = gb.find_submission("ps1", "perfect")
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.auto_score is None:
                    grade.manual_score = grade.max_score
        gb.db.commit()
        autograded = {g.name: g.auto_score for nb in submission.notebooks for g in nb.grades}
        assert autograded["99_synthetic_exercise_1_check"] == 2  # the hidden test passed
        assert autograded["00_start_here_exercise_1_check"] == 1  # and 00's own
        empty = gb.find_submission("ps1", "empty")
        assert all(g.score == 0 for nb in empty.notebooks for g in nb.grades)

    grades = course_dir / "grades.csv"
    _nbgrader(course_dir, env, "export", "--to", str(grades))
    rows = {r["student_id"]: r for r in csv.DictReader(grades.open(encoding="utf-8"))}
    assert float(rows["perfect"]["score"]) == max_score
    assert float(rows["perfect"]["max_score"]) == max_score
    assert float(rows["empty"]["score"]) == 0
    print(f"\n[nbgrader route] end-to-end in {time.perf_counter() - started:.1f} s")
