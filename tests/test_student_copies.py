"""Student copies: solutions gone, outputs cleared, originals untouched, and the copies still run."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import kit  # noqa: E402
from tools import student_copies as sc  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
WIDGET = "application/vnd.jupyter.widget-view+json"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Student copies of every notebook, written once, with the originals' hashes around it."""
    before = {p.name: _sha(p) for p in NOTEBOOKS}
    dest = tmp_path_factory.mktemp("class") / "student notebooks"
    written = sc.write_student_copies(dest)
    after = {p.name: _sha(p) for p in NOTEBOOKS}
    return {"dest": dest, "written": written, "before": before, "after": after}


SECRET_TAGS = {sc.SOLUTION_TAG, sc.CHECK_TAG, sc.RUBRIC_TAG}


def _secret(cell) -> bool:
    return bool(SECRET_TAGS & set(cell.metadata.get("tags", [])))


def _solution_only_lines(nb) -> list[str]:
    """Lines of solution, check and rubric cells that appear nowhere else (what must not leak)."""
    elsewhere = set()
    for cell in nb.cells:
        if not _secret(cell):
            elsewhere.update(line.strip() for line in cell.source.splitlines())
    lines = []
    for cell in nb.cells:
        if _secret(cell):
            lines += [
                line.strip()
                for line in cell.source.splitlines()
                if len(line.strip()) >= 8 and line.strip() not in elsewhere
            ]
    return lines


# ---------------------------------------------------------------- the convention, in every notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_follows_the_solution_convention(path):
    nb = nbformat.read(path, as_version=4)
    assert sc.convention_problems(nb) == []
    exercises = [c for c in nb.cells if sc._is_exercise(c)]
    assert exercises, f"{path.name} has no **Exercise:** cell"


def test_convention_problems_are_found():
    ok = new_notebook(cells=[new_markdown_cell("**Exercise:** add"), _solution("1 + 1")])
    assert sc.convention_problems(ok) == []
    no_solution = new_notebook(
        cells=[new_markdown_cell("**Exercise:** add"), new_code_cell("1 + 1")]
    )
    assert "not tagged 'solution'" in sc.convention_problems(no_solution)[0]
    stray = new_notebook(cells=[new_markdown_cell("Intro"), _solution("1 + 1")])
    assert "does not follow" in sc.convention_problems(stray)[0]
    two = new_notebook(
        cells=[new_markdown_cell("**Exercise:** add"), _solution("1"), _solution("2")]
    )
    assert "ONE solution" in sc.convention_problems(two)[0]
    last = new_notebook(cells=[new_markdown_cell("**Exercise:** add")])
    assert sc.convention_problems(last)


def _solution(source: str, *, markdown: bool = False):
    cell = new_markdown_cell(source) if markdown else new_code_cell(source)
    cell.metadata["tags"] = ["solution"]
    return cell


# ---------------------------------------------------------------- the copies of the real notebooks


def test_one_copy_per_notebook_and_originals_untouched(copies):
    assert sorted(p.name for p in copies["written"]) == [p.name for p in NOTEBOOKS]
    assert copies["after"] == copies["before"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_solution_text_survives(copies, path):
    original = nbformat.read(path, as_version=4)
    copy_path = copies["dest"] / path.name
    text = copy_path.read_text(encoding="utf-8")
    copy_nb = nbformat.read(copy_path, as_version=4)
    secret = _solution_only_lines(original)
    assert secret, f"{path.name}: its solution cells have no text of their own to check"
    leaked = [line for line in secret if line in text]
    assert leaked == [], f"solution text left in the student copy of {path.name}"
    solutions = [c for c in copy_nb.cells if sc.SOLUTION_TAG in c.metadata.get("tags", [])]
    assert solutions and all(
        c.source in (sc.PLACEHOLDER_CODE, sc.PLACEHOLDER_MARKDOWN) for c in solutions
    )
    rubrics = [c for c in copy_nb.cells if sc.RUBRIC_TAG in c.metadata.get("tags", [])]
    assert all(c.source == sc.PLACEHOLDER_RUBRIC for c in rubrics)
    checks = [c for c in copy_nb.cells if sc.CHECK_TAG in c.metadata.get("tags", [])]
    assert all(c.source == sc.PLACEHOLDER_CHECK for c in checks)
    # everything else is as the instructor wrote it
    assert [c.source for c in copy_nb.cells if not _secret(c)] == [
        c.source for c in original.cells if not _secret(c)
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_outputs_are_cleared(copies, path):
    copy_nb = nbformat.read(copies["dest"] / path.name, as_version=4)
    code = [c for c in copy_nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert "widgets" not in copy_nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_copy_runs_top_to_bottom_and_self_checks_work(copies, path, tmp_path):
    # run in a folder of its own, far from the kit: the package finds data/ by itself
    work = tmp_path / "student"
    work.mkdir()
    target = work / path.name
    target.write_bytes((copies["dest"] / path.name).read_bytes())
    nb = nbformat.read(target, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()  # raises on any error
    checks = [c for c in nb.cells if c.cell_type == "code" and "self_check(" in c.source]
    for cell in checks:
        shown = [o for o in cell.outputs if WIDGET in o.get("data", {})]
        assert shown, f"the self-check cell of {path.name} shows no widget in the student copy"
        assert not any(o.output_type == "error" for o in cell.outputs)


def test_markdown_solution_is_replaced_and_attachments_dropped():
    answer = _solution("The answer is **42** ![fig](attachment:a.png)", markdown=True)
    answer["attachments"] = {"a.png": {"image/png": "iVBORw0KGgo="}}
    nb = new_notebook(
        cells=[new_markdown_cell("**Exercise:** why?"), answer, new_code_cell("x = 1", outputs=[])]
    )
    nb.metadata["widgets"] = {"state": {"secret": "42"}}
    student = sc.student_copy(nb)
    assert (
        student.cells[1].source == sc.PLACEHOLDER_MARKDOWN and "attachments" not in student.cells[1]
    )
    # (not nbformat.writes: the random cell ids can contain "42")
    assert "42" not in "".join(c.source for c in student.cells) + repr(student.metadata)
    assert nb.cells[1].source.startswith("The answer is")  # the argument is not changed


RUBRIC = """**Rubric** (instructor only)

| criterion | points |
|---|---|
| Names Taobao Live and Li Jiaqi, with the source of the figure | 2 |
| Places the anchor in a class and says which dimension decides it | 3 |
| **Total** | **5** |
"""


def _tagged(cell, tag):
    cell.metadata["tags"] = [tag]
    return cell


def _assignment_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("**Exercise:** compute the orders."),
            _solution("orders = 80_000 * 0.015\norders"),
            _tagged(new_code_cell("# points: 2\nassert abs(orders - 1200) < 1e-6"), sc.CHECK_TAG),
            new_markdown_cell("**Assignment:** classify Li Jiaqi on Taobao Live."),
            _tagged(new_markdown_cell(RUBRIC), sc.RUBRIC_TAG),
            new_code_cell('handin.answer_box("case", "Your case", notebook="09_x")'),
        ]
    )


def test_rubric_and_check_cells_leave_no_text_in_the_student_copy():
    nb = _assignment_notebook()
    assert sc.convention_problems(nb) == []
    copy_nb = sc.student_copy(nb)
    student = "\n".join(c.source for c in copy_nb.cells)
    for secret in (
        "Names Taobao Live and Li Jiaqi",
        "dimension decides",
        "Rubric",
        "1200",
        "points: 2",
        "orders = 80_000",
    ):
        assert secret not in student, secret
    assert sc.PLACEHOLDER_RUBRIC in student and sc.PLACEHOLDER_CHECK in student
    assert "classify Li Jiaqi on Taobao Live" in student  # the task itself stays


def test_parse_rubric():
    assert sc.parse_rubric(RUBRIC) == [
        ("Names Taobao Live and Li Jiaqi, with the source of the figure", 2),
        ("Places the anchor in a class and says which dimension decides it", 3),
    ]
    with pytest.raises(ValueError, match="Total row says 9 but the criteria add up to 5"):
        sc.parse_rubric(RUBRIC.replace("**5**", "9"))
    assert sc.parse_rubric("no table here") == []


def test_rubric_and_check_conventions_are_enforced():
    no_rubric = new_notebook(
        cells=[new_markdown_cell("**Assignment:** do it"), new_markdown_cell("text")]
    )
    assert "not tagged 'rubric'" in sc.convention_problems(no_rubric)[0]
    stray = new_notebook(
        cells=[new_markdown_cell("Intro"), _tagged(new_markdown_cell(RUBRIC), sc.RUBRIC_TAG)]
    )
    assert "does not follow an **Assignment:**" in sc.convention_problems(stray)[0]
    pointless = new_notebook(
        cells=[
            new_markdown_cell("**Assignment:** do it"),
            _tagged(new_markdown_cell("be good"), sc.RUBRIC_TAG),
        ]
    )
    assert "no row" in sc.convention_problems(pointless)[0]
    loose_check = new_notebook(
        cells=[new_markdown_cell("Intro"), _tagged(new_code_cell("assert 1"), sc.CHECK_TAG)]
    )
    assert "does not follow a 'solution' cell" in sc.convention_problems(loose_check)[0]


# ---------------------------------------------------------------- refusing to do harm


@pytest.mark.parametrize("where", ["notebooks", "notebooks/student", "notebooks/a/b/../c"])
def test_refuses_to_write_into_notebooks(where):
    before = _tree_state(ROOT / "notebooks")
    with pytest.raises(ValueError, match="inside the kit's notebooks/ folder"):
        sc.write_student_copies(ROOT / where)
    assert _tree_state(ROOT / "notebooks") == before


def test_refuses_to_overwrite_without_force(copies):
    first = copies["written"][0]
    first.write_text("the instructor's edits")
    with pytest.raises(ValueError, match="already exist.*--force"):
        sc.write_student_copies(copies["dest"])
    assert first.read_text() == "the instructor's edits"
    sc.write_student_copies(copies["dest"], force=True)
    assert nbformat.read(first, as_version=4).cells


def test_nothing_is_written_if_a_notebook_breaks_the_convention(tmp_path):
    bad = tmp_path / "src" / "09_bad.ipynb"
    bad.parent.mkdir()
    nbformat.write(
        new_notebook(cells=[new_markdown_cell("**Exercise:** add"), new_code_cell("1 + 1")]), bad
    )
    with pytest.raises(ValueError, match="09_bad.ipynb breaks the exercise/solution convention"):
        sc.write_student_copies(tmp_path / "out", [*NOTEBOOKS, bad])
    assert not (tmp_path / "out").exists()


def test_dest_must_be_a_folder_name(tmp_path):
    with pytest.raises(TypeError, match="dest"):
        sc.write_student_copies(42)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ValueError, match="dest: .* is a file"):
        sc.write_student_copies(a_file)


# ---------------------------------------------------------------- the command


def test_command_resolves_dest_from_where_the_instructor_is(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(kit, "ensure_environment", lambda dev=False: Path(sys.executable))
    monkeypatch.setattr(kit, "_run_in_env", lambda python, args: calls.append(args) or 0)
    monkeypatch.chdir(tmp_path)
    assert kit.main(["student-copies", "for_class", "--force"]) == 0
    assert calls == [["-m", "tools.student_copies", str(tmp_path / "for_class"), "--force"]]


def test_command_line_writes_copies_and_refuses_notebooks(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "tools.student_copies", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in NOTEBOOKS]
    bad = subprocess.run(
        [sys.executable, "-m", "tools.student_copies", "notebooks/copies"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "inside the kit's notebooks/ folder" in bad.stderr
    assert not (ROOT / "notebooks" / "copies").exists()
