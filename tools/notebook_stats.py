"""How long each notebook takes: words, views, checkpoints and estimated times.

    python kit.py stats            a table for every notebook in notebooks/

A notebook's **core** is everything before its first heading that starts with "Going further" or
"For the curious"; text inside a folded ``<details>`` block does not count (a student opens it
only when asking for the answer). The estimates follow a course designer's rule of thumb
(``../shared/notes/learning-design.md``): 200 words a minute of study reading, 4 minutes a
slider view, 1 minute a self-check question, 5 minutes an exercise. Assignments and reflections
are homework and listed apart.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

WORDS_A_MINUTE = 200
MINUTES_A_VIEW = 4
MINUTES_A_QUESTION = 1
MINUTES_AN_EXERCISE = 5

_END_OF_CORE = re.compile(r"^#+\s*(Going further|For the curious)", re.I | re.M)
_DETAILS = re.compile(r"<details>.*?</details>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_VIEW = re.compile(r"\b(explore_\w+|worksheet_form)\(")
_CHECK = re.compile(r"self_check\(\s*[\"'](\w+)[\"'](?:\s*,\s*section\s*=\s*[\"'](\w+)[\"'])?")
_NUMBER_BOX = re.compile(r"\b(check|number_box)\(\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")
_CJK = re.compile("[\u3400-\u9fff]")


def words(markdown: str) -> int:
    """Words a student reads in a Markdown cell: folded ``<details>`` and HTML tags left out;
    each Chinese character counts as a word."""
    text = _TAG.sub(" ", _DETAILS.sub(" ", markdown))
    cjk = len(_CJK.findall(text))
    latin = [w for w in _CJK.sub(" ", text).split() if re.search(r"\w", w)]
    return len(latin) + cjk


def questions(topic: str, section: str | None) -> int:
    """How many self-check questions a ``self_check(topic, section=...)`` cell shows."""
    from livekit.selfcheck import load_checks

    return len(load_checks(topic, section))


@dataclass
class Stats:
    notebook: str
    core_words: int
    words_before_first_activity: int
    core_views: int
    core_checkpoints: int
    core_questions: int
    core_exercises: int
    all_words: int
    all_views: int
    all_questions: int
    all_exercises: int
    assignments: int
    reflections: int

    @property
    def core_minutes(self) -> float:
        return (
            self.core_words / WORDS_A_MINUTE
            + MINUTES_A_VIEW * self.core_views
            + MINUTES_A_QUESTION * self.core_questions
            + MINUTES_AN_EXERCISE * self.core_exercises
        )

    @property
    def full_minutes(self) -> float:
        return (
            self.all_words / WORDS_A_MINUTE
            + MINUTES_A_VIEW * self.all_views
            + MINUTES_A_QUESTION * self.all_questions
            + MINUTES_AN_EXERCISE * self.all_exercises
        )


def notebook_stats(path: Path) -> Stats:
    """Count the parts of one notebook (see the module docstring for the rules)."""
    nb = nbformat.read(path, as_version=4)
    core = True
    first_activity = None
    count = dict.fromkeys(
        ("core_words", "core_views", "core_checkpoints", "core_questions", "core_exercises",
         "all_words", "all_views", "all_questions", "all_exercises", "assignments", "reflections"),
        0,
    )  # fmt: skip
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            if core and _END_OF_CORE.search(source):
                core = False
            n = words(source)
            count["all_words"] += n
            stripped = source.lstrip()
            exercise = stripped.startswith("**Exercise:**")
            count["all_exercises"] += exercise
            count["assignments"] += stripped.startswith("**Assignment:**")
            count["reflections"] += bool(re.match(r"\*\*Reflect( \(\d+\))?:\*\*", stripped))
            if core:
                count["core_words"] += n
                count["core_exercises"] += exercise
            continue
        if cell.cell_type != "code":
            continue
        views = len(_VIEW.findall(source))
        asked = sum(questions(t, s or None) for t, s in _CHECK.findall(source))
        activity = views or asked or _NUMBER_BOX.search(source)
        count["all_views"] += views
        count["all_questions"] += asked
        if core:
            count["core_views"] += views
            count["core_questions"] += asked
            count["core_checkpoints"] += len(_CHECK.findall(source))
            if activity and first_activity is None:
                first_activity = count["core_words"]
    return Stats(
        notebook=path.stem,
        words_before_first_activity=count["core_words"]
        if first_activity is None
        else first_activity,
        **count,
    )


def all_stats(folder: Path = NOTEBOOKS) -> list[Stats]:
    """The stats of every ``NN_*.ipynb`` notebook in ``folder``, in order."""
    return [notebook_stats(p) for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]


def table(stats: list[Stats]) -> str:
    """The stats as a Markdown table, the way the README quotes them."""
    lines = [
        "| notebook | core words | first activity after (words) | core views | checkpoints "
        "(questions) | exercises | core time | full time | homework |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in stats:
        lines.append(
            f"| `{s.notebook}` | {s.core_words:,} | {s.words_before_first_activity:,} | "
            f"{s.core_views} | {s.core_checkpoints} ({s.core_questions}) | {s.all_exercises} | "
            f"{s.core_minutes:.0f} min | {s.full_minutes:.0f} min | "
            f"{s.assignments} assignment(s), {s.reflections} reflection(s) |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    stats = all_stats()
    print(table(stats))
    if "--json" in argv:
        import json

        print(json.dumps([asdict(s) | {"core_minutes": s.core_minutes, "full_minutes":
                          s.full_minutes} for s in stats], indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
