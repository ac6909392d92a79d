"""The notebook statistics behind the README's times (tools/notebook_stats.py)."""

from __future__ import annotations

import re
from pathlib import Path

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
    from livekit.selfcheck import load_checks

    section = load_checks("start")["section"].iloc[0]
    path = _write(
        tmp_path,
        [
            new_markdown_cell("# Title\n\none two three four five"),
            new_code_cell("path_views.explore_flow()"),
            new_markdown_cell("**Exercise:** six seven"),
            new_code_cell(f'self_check("start", section="{section}")'),
            new_markdown_cell("## Going further\n\nmore words here"),
            new_code_cell("path_views.explore_model()"),
            new_markdown_cell("**Assignment:** write\n\n**Reflect (1):** no"),
        ],
    )
    stats = ns.notebook_stats(path)
    questions = ns.questions("start", section)
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


# ---------------------------------------------------------------- notebooks 00 and 01 (issue 17)

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["00_start_here", "01_canvas_theory"]
_SELF_CHECK = re.compile(r"self_check\(\s*[\"'](\w+)[\"']\s*,\s*section\s*=\s*[\"'](\w+)[\"']")
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.M)


def _notebook(stem: str):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def section_id(heading: str) -> str:
    """How a checkpoint's section id maps to a heading: the slug of the ``##`` heading, lowercase,
    every run of other characters than letters and digits one ``_``
    ("## Which model offers more value?" -> ``which_model_offers_more_value``)."""
    return re.sub(r"[^a-z0-9]+", "_", heading.lower()).strip("_")


def test_section_ids_are_heading_slugs():
    assert section_id("Which model offers more value?") == "which_model_offers_more_value"
    assert section_id("Going further: the three models") == "going_further_the_three_models"


@pytest.mark.parametrize("stem", CHECKED)
def test_core_fits_a_class_hour(stem):
    stats = ns.notebook_stats(ROOT / "notebooks" / f"{stem}.ipynb")
    assert stats.core_words <= 2000
    assert stats.core_views <= 5
    assert stats.words_before_first_activity <= 450
    assert stats.core_checkpoints >= 1 and stats.core_questions >= 1


@pytest.mark.parametrize("stem", CHECKED)
def test_every_worked_answer_is_folded(stem):
    for cell in _notebook(stem).cells:
        if cell.cell_type != "markdown":
            continue
        open_text = re.sub(r"<details>.*?</details>", "", cell.source, flags=re.S | re.I)
        assert "what you should have seen" not in open_text.lower(), cell.source[:80]
        # a folded block opens with its summary and a blank line, so the Markdown inside renders
        for block in re.findall(r"<details>.*?</details>", cell.source, flags=re.S | re.I):
            assert re.match(r"<details><summary>[^<]+</summary>\n\n", block), block[:80]


@pytest.mark.parametrize("stem", CHECKED)
def test_each_checkpoint_follows_the_section_it_tests(stem):
    from livekit.selfcheck import load_checks

    heading, used = None, {}
    for cell in _notebook(stem).cells:
        if cell.cell_type == "markdown":
            found = _HEADING.findall(cell.source)
            heading = section_id(found[-1]) if found else heading
            continue
        for topic, section in _SELF_CHECK.findall(cell.source):
            # the questions shown are all on the section right before the checkpoint
            assert section == heading, f"{stem}: checkpoint {section!r} sits under {heading!r}"
            assert set(load_checks(topic, section)["section"]) == {section}
            assert 1 <= len(load_checks(topic, section)) <= 3
            used.setdefault(topic, []).append(section)
    assert used, f"{stem} has no checkpoint"
    for topic, sections in used.items():
        # every question of the topic is asked, at exactly one checkpoint
        assert sorted(sections) == sorted(set(load_checks(topic)["section"]))


@pytest.mark.parametrize("stem", CHECKED)
def test_the_cell_above_a_view_asks_no_question_of_its_own(stem):
    cells = _notebook(stem).cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and ns._VIEW.search(cell.source) and i > 0:
            above = cells[i - 1]
            if above.cell_type == "markdown":
                text = "\n".join(
                    line for line in above.source.splitlines() if not line.startswith("#")
                )
                assert "?" not in text, f"{stem}: the cell above {cell.source!r} asks a question"


# --- notebook 2: the issue-17 targets, and folded answers and checkpoints in place -------------

NB02 = ns.NOTEBOOKS / "02_seller_classification.ipynb"
_HEADING = re.compile(r"^#+\s*(.+)$", re.M)
_FOLDED = re.compile(r"<details>.*?</details>", re.S | re.I)
_SECTION = re.compile(r"self_check\(\s*[\"'](\w+)[\"']\s*,\s*section\s*=\s*[\"'](\w+)[\"']")


def _slug(heading: str) -> str:
    """A heading as a section id: lower case, every run of other characters one underscore."""
    return re.sub(r"[^a-z0-9]+", "_", heading.lower()).strip("_")


def test_notebook_02_core_fits_a_class_hour():
    stats = ns.notebook_stats(NB02)
    assert stats.core_words <= 2000
    assert stats.core_views <= 5
    assert stats.words_before_first_activity <= 450
    assert stats.core_checkpoints >= 1 and stats.core_questions >= 1


def test_notebook_02_answers_are_folded():
    nb = nbformat.read(NB02, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    seen = [text for text in markdown if "what you should have seen" in text.lower()]
    assert len(seen) >= 3  # the one-seller, whole-set and anchors views at least
    for text in markdown:
        outside = _FOLDED.sub(" ", text).lower()
        assert "what you should have seen" not in outside, text[:80]
    for cell in nb.cells:  # a Markdown solution is folded too
        if "solution" in cell.metadata.get("tags", []) and cell.cell_type == "markdown":
            assert cell.source.lstrip().startswith("<details>") and "</details>" in cell.source


def test_notebook_02_checkpoints_follow_the_sections_they_test():
    """A section id is the start of the slug of the heading it names (``two_dimensions`` for
    "Two dimensions, four classes"); a checkpoint ``self_check("sellers", section=X)`` must come
    right after that section: the nearest heading above it is X's heading. Every section of
    data/checks_sellers.csv has its checkpoint in the notebook."""
    from livekit.selfcheck import load_checks

    nb = nbformat.read(NB02, as_version=4)
    heading, placed = None, []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = _HEADING.findall(cell.source)
            heading = found[-1] if found else heading
        elif cell.cell_type == "code":
            for topic, section in _SECTION.findall(cell.source):
                assert topic == "sellers"
                assert heading is not None and _slug(heading).startswith(section), (
                    section,
                    heading,
                )
                placed.append(section)
    assert len(placed) == len(set(placed))
    assert set(placed) == set(load_checks("sellers")["section"])


# --- notebooks 3 and 4 (issue 17): a class hour each, answers folded, checkpoints in place ------

PATH_NOTEBOOKS = ("03_innovation_path", "04_traffic_to_profit")
_HEADING = re.compile(r"^#+\s+(.*)$", re.M)
_BOX = re.compile(r"number_box\(\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")


def _read(name):
    return nbformat.read(ns.NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _squash(heading: str) -> str:
    """A heading as a section id can name it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def _placed(nb):
    """(kind, topic, id, slug of the nearest heading above) for every checkpoint and number box."""
    heading, found = "", []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = _HEADING.findall(cell.source)
            heading = _squash(headings[-1]) if headings else heading
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
def test_every_worked_answer_in_notebooks_3_and_4_is_folded(name):
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
