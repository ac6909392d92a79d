"""The notebook statistics behind the README's times (tools/notebook_stats.py)."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import notebook_stats as ns


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
