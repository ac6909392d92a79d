"""The notebook statistics behind the README's times (tools/notebook_stats.py)."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from livekit.exercises import load_exercises
from livekit.selfcheck import load_checks
from tools import notebook_stats as ns
from tools import student_copies as sc


def _write(tmp_path, cells):
    path = tmp_path / "09_synthetic.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_words_leave_out_folded_answers_and_tags_and_count_chinese_characters():
    assert ns.words("Two **words**") == 2
    assert ns.words("Seen <details><summary>Show</summary>hidden words here</details> too") == 2
    assert ns.words("直播带货 is live selling") == 4 + 3
    assert ns.words("- 1. | --- |") == 1


def test_core_ends_at_going_further_and_counts_views_checkpoints_and_exercises(tmp_path):
    path = _write(
        tmp_path,
        [
            new_markdown_cell("# Title\n\none two three four five"),
            new_code_cell("path_views.explore_flow()"),
            new_markdown_cell("**Exercise:** six seven"),
            new_code_cell('self_check("start", section="end")'),
            new_markdown_cell("## Going further\n\nmore words here"),
            new_code_cell("path_views.explore_model()"),
            new_markdown_cell("**Assignment:** write\n\n**Reflect (1):** no"),
        ],
    )
    stats = ns.notebook_stats(path)
    questions = ns.questions("start", "end")
    assert questions > 0
    assert (stats.core_words, stats.words_before_first_activity) == (9, 6)
    assert (stats.core_views, stats.all_views, stats.core_exercises) == (1, 2, 1)
    assert (stats.core_checkpoints, stats.core_questions) == (1, questions)
    assert stats.assignments == 1 and stats.all_words == 9 + 5 + 5
    expected = 9 / 200 + 4 * 1 + questions + 5
    assert abs(stats.core_minutes - expected) < 1e-9
    assert stats.full_minutes > stats.core_minutes


def test_the_table_has_a_row_per_notebook():
    stats = ns.all_stats()
    text = ns.table(stats)
    assert len(text.splitlines()) == 2 + len(stats) and all(s.notebook in text for s in stats)


# --- notebooks 3 and 4 (issue 17): a class hour each, answers folded, checkpoints in place ------

PATH_NOTEBOOKS = ("03_innovation_path", "04_traffic_to_profit")
_HEADING = re.compile(r"^#+\s+(.*)$", re.M)
_BOX = re.compile(r"number_box\(\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")


def _read(name):
    return nbformat.read(ns.NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _slug(heading: str) -> str:
    """A heading as a section id can name it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def _placed(nb):
    """(kind, topic, id, slug of the nearest heading above) for every checkpoint and number box."""
    heading, found = "", []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = _HEADING.findall(cell.source)
            heading = _slug(headings[-1]) if headings else heading
        elif cell.cell_type == "code":
            found += [("check", t, s, heading) for t, s in ns._CHECK.findall(cell.source)]
            found += [("box", t, e, heading) for t, e in _BOX.findall(cell.source)]
    return found


@pytest.mark.parametrize("name", PATH_NOTEBOOKS)
def test_notebooks_3_and_4_fit_a_class_hour(name):
    stats = ns.notebook_stats(ns.NOTEBOOKS / f"{name}.ipynb")
    assert stats.core_words <= 2000
    assert stats.core_views <= 5
    assert stats.words_before_first_activity <= 450
    assert stats.core_checkpoints >= 1


@pytest.mark.parametrize("name", PATH_NOTEBOOKS)
def test_every_worked_answer_is_folded(name):
    for cell in _read(name).cells:
        if cell.cell_type != "markdown":
            continue
        plain = ns._DETAILS.sub(" ", cell.source)
        assert "should have seen" not in plain.lower(), cell.source[:80]
        if sc.SOLUTION_TAG in cell.metadata.get("tags", []):
            assert plain.strip() == "", f"a worked answer in plain view: {cell.source[:80]}"
        for block in ns._DETAILS.findall(cell.source):
            # a blank line after the summary, or the Markdown inside does not render
            assert re.search(r"</summary>\n\n", block), block[:80]


@pytest.mark.parametrize("name", PATH_NOTEBOOKS)
def test_each_checkpoint_and_number_box_follows_the_section_it_tests(name):
    """A section id names the heading it follows: the nearest heading above the checkpoint (or
    number box), as letters and digits in lower case, contains the id. For example the section
    ``cocreate`` follows "## 3. Viewers co-create value", and ``long`` follows "## 3. Long
    broadcasts". So no checkpoint asks about what comes later."""
    placed = _placed(_read(name))
    checkpoints = [(t, s, h) for kind, t, s, h in placed if kind == "check"]
    assert checkpoints and all(s for _, s, _ in checkpoints), "every checkpoint names its section"
    (topic,) = {t for t, _, _ in checkpoints}
    for _, section, heading in checkpoints:
        assert section in heading, f"checkpoint {section!r} sits under {heading!r}"
        assert 1 <= len(load_checks(topic, section)) <= 3
    asked = [s for _, s, _ in checkpoints]
    assert sorted(asked) == sorted(set(load_checks(topic)["section"])), "each section asked once"
    for kind, box_topic, exercise_id, heading in placed:
        if kind == "box":
            assert load_exercises(box_topic).at[exercise_id, "section"] in heading


@pytest.mark.parametrize("name", PATH_NOTEBOOKS)
def test_number_boxes_and_checkpoints_stay_in_the_student_copy(name):
    original = _read(name)
    copy = sc.student_copy(original)
    kept = [c.source for c in copy.cells if c.cell_type == "code"]
    for cell in original.cells:
        checked = "number_box(" in cell.source or "self_check(" in cell.source
        if cell.cell_type == "code" and checked:
            assert cell.source in kept
