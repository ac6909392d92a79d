"""Student copies: solutions and exemplars gone, templates and rubrics shown, outputs cleared,
originals untouched, and the copies still run."""

from __future__ import annotations

import hashlib
import re
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


SECRET_TAGS = {sc.SOLUTION_TAG, sc.CHECK_TAG, sc.EXEMPLAR_TAG}


def _secret(cell) -> bool:
    return bool(SECRET_TAGS & set(cell.metadata.get("tags", [])))


def _template(cell) -> str:
    return cell.metadata.get("livekit", {}).get("template", "")


def _solution_only_lines(nb) -> list[str]:
    """Lines of solution, check and exemplar cells that appear nowhere else, not even in a
    template (what must not leak)."""
    elsewhere = set()
    for cell in nb.cells:
        public = _template(cell) if _secret(cell) else cell.source
        elsewhere.update(line.strip() for line in public.splitlines())
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


# the notebooks whose code exercises are fill-in-the-blank templates (issue 17); the others join
# this list when their exercises are converted
TEMPLATED = [p for p in NOTEBOOKS if p.stem in {"00_start_here", "01_canvas_theory"}]


@pytest.mark.parametrize("path", TEMPLATED, ids=[p.stem for p in TEMPLATED])
def test_every_code_exercise_is_a_template_with_blanks(path):
    # a business student fills in blanks; nobody is asked to write code from nothing
    nb = nbformat.read(path, as_version=4)
    code = [
        c
        for c in nb.cells
        if c.cell_type == "code" and sc.SOLUTION_TAG in c.metadata.get("tags", [])
    ]
    for cell in code:
        assert "___" in _template(cell), f"{path.name}: a code solution without a template"


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
    shown = {line.strip() for line in text.splitlines()} | {
        line.strip() for cell in copy_nb.cells for line in cell.source.splitlines()
    }
    leaked = [line for line in secret if line in shown]
    assert leaked == [], f"solution text left in the student copy of {path.name}"
    originals = [c for c in original.cells if sc.SOLUTION_TAG in c.metadata.get("tags", [])]
    solutions = [c for c in copy_nb.cells if sc.SOLUTION_TAG in c.metadata.get("tags", [])]
    assert solutions and len(solutions) == len(originals)
    for before, after in zip(originals, solutions):
        if _template(before):  # the fill-in-the-blank form, which may raise while blanks are left
            assert after.source == _template(before)
            assert sc.TEMPLATE_TAG in after.metadata["tags"]
        else:
            assert after.source in (sc.PLACEHOLDER_CODE, sc.PLACEHOLDER_MARKDOWN)
    # the rubric stays: students see the criteria and levels before they write
    rubrics = [c.source for c in original.cells if sc.RUBRIC_TAG in c.metadata.get("tags", [])]
    assert rubrics == [
        c.source for c in copy_nb.cells if sc.RUBRIC_TAG in c.metadata.get("tags", [])
    ]
    exemplars = [c for c in copy_nb.cells if sc.EXEMPLAR_TAG in c.metadata.get("tags", [])]
    assert all(c.source == sc.PLACEHOLDER_EXEMPLAR for c in exemplars)
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
    ).execute()  # raises on any error, but in a template tagged raises-exception
    checks = [c for c in nb.cells if c.cell_type == "code" and "self_check(" in c.source]
    for cell in checks:
        shown = [o for o in cell.outputs if WIDGET in o.get("data", {})]
        assert shown, f"the self-check cell of {path.name} shows no widget in the student copy"
        assert not any(o.output_type == "error" for o in cell.outputs)
    for cell in nb.cells:
        if sc.TEMPLATE_TAG in cell.metadata.get("tags", []):
            # a template with its blanks stops with a sentence naming the blank, nothing stranger
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert errors and "still a blank (___)" in errors[0]["evalue"], cell.source
    # each friendly check answers in a sentence, and says no answer has been typed yet
    friendly = [
        c for c in nb.cells if c.cell_type == "code" and "exercise_views.check(" in c.source
    ]
    for cell in friendly:
        assert not any(o.output_type == "error" for o in cell.outputs)
        text = "".join(str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        assert "exercise check" in text, f"{path.name}: the friendly check shows nothing"


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


RUBRIC = """**Rubric**

| criterion | excellent | adequate | missing | points |
|---|---|---|---|---|
| Names Taobao Live and Li Jiaqi | both, with a source | one | neither | 2 |
| Places the anchor in a class | class and its dimension | class only | none | 3 |
| **Total** | | | | 5 |
"""
EXEMPLAR = "Li Jiaqi is a super seller: the anchor's pull and the stream's draw are both high."


def _tagged(cell, tag):
    cell.metadata["tags"] = [tag]
    return cell


def _template_solution(source: str, template: str):
    cell = _solution(source)
    cell.metadata["livekit"] = {"template": template}
    return cell


def _assignment_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("**Exercise:** compute the orders."),
            _template_solution("orders = 80_000 * 0.015\norders", "orders = ___ * ___\norders"),
            _tagged(new_code_cell("# points: 2\nassert abs(orders - 1200) < 1e-6"), sc.CHECK_TAG),
            new_code_cell('exercise_views.check("start", "orders_80k")'),
            new_markdown_cell("**Assignment:** classify Li Jiaqi on Taobao Live."),
            _tagged(new_markdown_cell(RUBRIC), sc.RUBRIC_TAG),
            _tagged(new_markdown_cell(EXEMPLAR), sc.EXEMPLAR_TAG),
            new_code_cell('handin.answer_box("case", "Your case", notebook="09_x")'),
        ]
    )


def test_student_copy_keeps_rubric_and_template_and_drops_exemplar_and_check():
    nb = _assignment_notebook()
    assert sc.convention_problems(nb) == []
    copy_nb = sc.student_copy(nb)
    student = "\n".join(c.source for c in copy_nb.cells)
    for secret in ("anchor's pull", "1200", "points: 2", "orders = 80_000"):
        assert secret not in student, secret
    assert sc.PLACEHOLDER_EXEMPLAR in student and sc.PLACEHOLDER_CHECK in student
    assert "classify Li Jiaqi on Taobao Live" in student  # the task itself stays
    assert copy_nb.cells[5].source == RUBRIC  # criteria and levels, as the instructor wrote them
    template = copy_nb.cells[1]
    assert template.source == "orders = ___ * ___\norders"
    assert template.metadata["tags"] == [sc.SOLUTION_TAG, sc.TEMPLATE_TAG]
    assert 'exercise_views.check("start", "orders_80k")' in student  # the friendly check stays
    assert nb.cells[1].metadata["tags"] == [sc.SOLUTION_TAG]  # the argument is not changed


def test_parse_rubric_and_its_levels():
    assert sc.parse_rubric(RUBRIC) == [
        ("Names Taobao Live and Li Jiaqi", 2),
        ("Places the anchor in a class", 3),
    ]
    with pytest.raises(ValueError, match="Total row says 9 but the criteria add up to 5"):
        sc.parse_rubric(RUBRIC.replace("| 5 |", "| 9 |"))
    assert sc.parse_rubric("no table here") == []
    assert sc.rubric_levels(RUBRIC) == [
        (
            "Names Taobao Live and Li Jiaqi",
            ["both, with a source", "one", "neither"],
        ),
        (
            "Places the anchor in a class",
            ["class and its dimension", "class only", "none"],
        ),
    ]


def _rubric_notebook(rubric: str, *extra):
    return new_notebook(
        cells=[
            new_markdown_cell("**Assignment:** do it"),
            _tagged(new_markdown_cell(rubric), sc.RUBRIC_TAG),
            *extra,
        ]
    )


def test_rubric_and_check_conventions_are_enforced():
    no_rubric = new_notebook(
        cells=[new_markdown_cell("**Assignment:** do it"), new_markdown_cell("text")]
    )
    assert "not tagged 'rubric'" in sc.convention_problems(no_rubric)[0]
    stray = new_notebook(
        cells=[new_markdown_cell("Intro"), _tagged(new_markdown_cell(RUBRIC), sc.RUBRIC_TAG)]
    )
    assert "does not follow an **Assignment:**" in sc.convention_problems(stray)[0]
    pointless = _rubric_notebook("be good")
    assert "no row" in sc.convention_problems(pointless)[0]
    loose_check = new_notebook(
        cells=[new_markdown_cell("Intro"), _tagged(new_code_cell("assert 1"), sc.CHECK_TAG)]
    )
    assert "does not follow a 'solution' cell" in sc.convention_problems(loose_check)[0]


@pytest.mark.parametrize(
    "row",
    [
        "| Hub: traces a change | 2 |",  # the old format: criteria and points, no levels
        "| Hub: traces a change | both chains | one chain | 2 |",  # two levels
        "| Hub: traces a change | both chains |  | no chain | 2 |",  # a level left empty
    ],
)
def test_a_rubric_row_without_three_level_descriptors_is_a_problem(row):
    problems = sc.convention_problems(
        _rubric_notebook(f"| criterion | points |\n|---|---|\n{row}\n")
    )
    assert len(problems) == 1 and "needs 3 level descriptors" in problems[0]
    assert "'Hub: traces a change'" in problems[0]


def test_exemplar_and_template_conventions_are_enforced():
    ok = _rubric_notebook(RUBRIC, _tagged(new_markdown_cell(EXEMPLAR), sc.EXEMPLAR_TAG))
    assert sc.convention_problems(ok) == []
    stray = new_notebook(
        cells=[new_markdown_cell("Intro"), _tagged(new_markdown_cell(EXEMPLAR), sc.EXEMPLAR_TAG)]
    )
    assert "'exemplar' but does not follow a rubric" in sc.convention_problems(stray)[0]
    code = _rubric_notebook(RUBRIC, _tagged(new_code_cell("x = 1"), sc.EXEMPLAR_TAG))
    assert "'exemplar' but is not a Markdown cell" in sc.convention_problems(code)[0]
    loose = new_code_cell("x = 1")
    loose.metadata["livekit"] = {"template": "x = ___"}
    assert (
        "template but is not tagged 'solution'"
        in sc.convention_problems(new_notebook(cells=[loose]))[0]
    )
    words = _solution("the answer", markdown=True)
    words.metadata["livekit"] = {"template": "x = ___"}
    problems = sc.convention_problems(
        new_notebook(cells=[new_markdown_cell("**Exercise:** why?"), words])
    )
    assert "a Markdown solution, not a code one" in problems[0]


def test_a_template_copy_still_runs_top_to_bottom(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("from livekit import setup_check\nfrom livekit.exercises import ___"),
            new_markdown_cell("**Exercise:** orders at 80,000 viewers and 1.5%."),
            _template_solution(
                "orders = setup_check.demo_orders(viewers=80_000, conversion=0.015)",
                "orders = setup_check.demo_orders(viewers=___, conversion=___)",
            ),
            new_code_cell(
                "from livekit import exercise_views\n"
                'exercise_views.check("start", "orders_80k").sentence'
            ),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    student = sc.student_copy(nb)
    NotebookClient(student, timeout=120, kernel_name="python3").execute()
    error = student.cells[2].outputs[0]
    assert error.output_type == "error" and error.ename == "TypeError"
    assert "viewers is still a blank (___)" in error.evalue
    said = student.cells[3].outputs[0]["data"]["text/plain"]
    assert "No answer yet" in said  # the friendly check answers with a sentence, not a traceback


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


def _blank_values(template: str, solution: str) -> list[str]:
    """What the solution typed in place of each blank ___ of its template."""
    parts = [re.escape(p) for p in template.split("___")]
    match = re.fullmatch("(.+?)".join(parts), solution, flags=re.S)
    assert match, "the solution is not its template with the blanks filled in"
    return list(match.groups())


def _fill(template: str, values: list[str]) -> str:
    parts = template.split("___")
    return parts[0] + "".join(v + p for v, p in zip(values, parts[1:]))


@pytest.mark.parametrize("path", TEMPLATED, ids=[p.stem for p in TEMPLATED])
def test_friendly_checks_in_the_student_copy_judge_wrong_and_right(path, tmp_path):
    # a student fills in the blanks of the copy's template: a wrong value gets a sentence saying
    # which way it is off, the right one passes; the check cell is the copy's own
    original = nbformat.read(path, as_version=4)
    student = sc.student_copy(original)
    imports = next(c for c in student.cells if c.cell_type == "code")
    cases = []
    for i, cell in enumerate(student.cells):
        if sc.TEMPLATE_TAG not in cell.metadata.get("tags", []):
            continue
        friendly = next(c for c in student.cells[i + 1 :] if "exercise_views.check(" in c.source)
        values = _blank_values(cell.source, original.cells[i].source)
        wrong = [f"1.2 * ({v})" for v in values]  # a fifth more than right, within every range
        cases += [
            (cell.source, friendly.source, values, "right"),
            (cell.source, friendly.source, wrong, "wrong"),
        ]
    assert cases, f"{path.name} has no fill-in-the-blank exercise"
    cells = [new_code_cell(imports.source)]
    for template, check, values, _ in cases:
        cells += [new_code_cell(_fill(template, values)), new_code_cell(check)]
        cells.append(
            new_code_cell(f"said = {check.strip()}\nprint(said.status, '|', said.sentence)")
        )
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    said = [c.outputs[0]["text"] for c in nb.cells if c.source.startswith("said = ")]
    for (_, _, _, expected), text in zip(cases, said):
        status, sentence = text.strip().split(" | ", 1)
        assert status == expected, text
        assert ("too high" in sentence) if expected == "wrong" else sentence.startswith("Right")
