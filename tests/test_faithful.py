"""No run of 8 or more consecutive words from the paper in the kit's own text, unless quoted.

The paper's text is read from ``shared/paper/paper.md`` beside the checkout
(``<checkout>/../shared``,
as in CI; a git worktree one level deeper also finds ``<checkout>/../../shared``). Outside CI the
tests skip with a message when the paper is absent; under ``CI=true`` they fail instead.

What counts as the kit's text: the markdown of every notebook, the comments and string literals of
its code cells, every text cell of ``data/*.csv``, ``data/README.md``, ``README.md``, and the
strings, docstrings and comments of ``livekit/*.py``. Quoted passages are allowed: text between
straight (``"..."``) or curly double quotes, and markdown blockquote lines (starting with ``>``).
The paper's title, its section headings, its figure and table captions and its list of references
are not counted as the paper's prose (citing a title is not copying).

Words are compared after lower-casing, dropping apostrophes and turning every other punctuation
mark into a space; each 8-word window of the paper is stored as a hash in a set, so the whole kit
is checked in well under a second.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
N = 8

_CANDIDATES = (
    ROOT.parent / "shared" / "paper" / "paper.md",
    ROOT.parent.parent / "shared" / "paper" / "paper.md",
)

# Titles and captions: citing them is not copying prose.
EXEMPT = (
    "Research on the innovation and path of the business model of live marketing",
    "Figure 1. Oster alders business model canvas",
    "Figure 2. Flow chart of live marketing model",
    "Figure 3. Evaluation model and category diagram of live broadcast sellers",
    "Figure 4. Business model innovation path of live marketing",
    "Table 1: Business model innovation and value theory",
)

_QUOTED = re.compile(r'"[^"]{0,800}"|“[^”]{0,800}”')
_APOSTROPHE = re.compile(r"['’`]")
_NON_WORD = re.compile(r"[\W_]+", re.U)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, apostrophes dropped, other punctuation as spaces."""
    return _NON_WORD.sub(" ", _APOSTROPHE.sub("", text.lower())).split()


def unquoted(text: str) -> str:
    """``text`` without quoted passages and markdown blockquote lines."""
    kept = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return _QUOTED.sub(" | ", "\n".join(kept))


def ngram_hashes(tokens: list[str], n: int = N) -> set[int]:
    """Hashes of every run of ``n`` consecutive tokens."""
    return {hash(tuple(tokens[i : i + n])) for i in range(len(tokens) - n + 1)}


def paper_path() -> Path | None:
    """The first candidate location of the paper's text that exists, or None."""
    for candidate in _CANDIDATES:
        if candidate.is_file():
            return candidate
    return None


def paper_ngrams(text: str) -> set[int]:
    """8-gram hashes of the paper's prose: references dropped, titles and captions exempt."""
    body = re.split(r"^#+\s*REFERENCES", text, flags=re.M | re.I)[0]
    grams = ngram_hashes(words(body))
    headings = re.findall(r"^#+\s*(.+)$", body, flags=re.M)
    for title in (*EXEMPT, *headings):
        grams -= ngram_hashes(words(title))
    return grams


def copied_runs(text: str, grams: set[int]) -> list[str]:
    """Every maximal run of 8+ words of ``text`` (outside quotes) that also occurs in the paper."""
    runs = []
    for fragment in unquoted(text).split(" | "):
        tokens = words(fragment)
        hits = [hash(tuple(tokens[i : i + N])) in grams for i in range(len(tokens) - N + 1)]
        i = 0
        while i < len(hits):
            if hits[i]:
                j = i
                while j + 1 < len(hits) and hits[j + 1]:
                    j += 1
                runs.append(" ".join(tokens[i : j + N]))
                i = j + 1
            else:
                i += 1
    return runs


# --- where the kit's text lives -------------------------------------------------------------


def python_text(source: str) -> list[str]:
    """The comments and string literals of Python source (docstrings included)."""
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                out.append(tok.string.lstrip("#"))
            elif tok.type == tokenize.STRING:
                try:
                    value = ast.literal_eval(tok.string)
                except (ValueError, SyntaxError):  # f-strings: keep the raw text
                    value = tok.string
                out.append(value if isinstance(value, str) else "")
            elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
                out.append(tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        out.append(source)  # not valid Python (e.g. IPython magics): check it all
    return out


def notebook_text(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            out.append(source)
        elif cell["cell_type"] == "code":
            out.extend(python_text(source))
    return out


def csv_text(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            cell for row in csv.reader(handle) for cell in row if re.search(r"[A-Za-z]{2}", cell)
        ]


def kit_files() -> list[Path]:
    files = sorted((ROOT / "notebooks").glob("*.ipynb"))
    files += sorted((ROOT / "data").glob("*.csv"))
    files += [ROOT / "data" / "README.md", ROOT / "README.md"]
    files += sorted((ROOT / "livekit").glob("*.py"))
    return [f for f in files if f.is_file()]


def texts_of(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        return notebook_text(path)
    if path.suffix == ".csv":
        return csv_text(path)
    if path.suffix == ".py":
        return python_text(path.read_text(encoding="utf-8"))
    return [path.read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def grams() -> set[int]:
    found = paper_path()
    if found is None:
        where = ", ".join(str(c) for c in _CANDIDATES)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                f"the paper's text is missing (looked in {where}); CI must provide ../shared"
            )
        pytest.skip(f"the paper's text is not beside the checkout (looked in {where})")
    return paper_ngrams(found.read_text(encoding="utf-8"))


# --- the matcher itself ----------------------------------------------------------------------

PAPER_SAMPLE = (
    "Live marketing must rely on an online platform to gather potential customers. "
    "The anchor is the protagonist of live marketing."
)


def test_a_copied_run_is_found_whatever_the_case_and_punctuation():
    grams = paper_ngrams(PAPER_SAMPLE)
    text = (
        "As the kit says, LIVE marketing must rely on an online-platform, "
        "to gather potential buyers."
    )
    assert copied_runs(text, grams) == [
        "live marketing must rely on an online platform to gather potential"
    ]


def test_seven_words_are_not_a_run():
    grams = paper_ngrams(PAPER_SAMPLE)
    assert copied_runs("Live marketing must rely on an online stage.", grams) == []


def test_quoted_and_blockquoted_runs_are_allowed():
    grams = paper_ngrams(PAPER_SAMPLE)
    straight = (
        'The paper: "Live marketing must rely on an online platform to gather potential customers."'
    )
    curly = (
        "The paper: “Live marketing must rely on an online platform to gather potential customers.”"
    )
    block = (
        "Li writes:\n> Live marketing must rely on an online platform to gather potential "
        "customers."
    )
    for text in (straight, curly, block):
        assert copied_runs(text, grams) == []
    # a quote does not protect the words after it
    assert copied_runs(
        '"Live" marketing must rely on an online platform to gather potential', grams
    ) == ["marketing must rely on an online platform to gather potential"]


def test_titles_captions_and_references_are_exempt():
    paper = (
        "# Research on the innovation and path of the business model of live marketing\n\n"
        "# Business Model Innovation and Process Analysis of Live Marketing\n\n"
        "Figure 2. Flow chart of live marketing model\n\n"
        "## REFERENCES\n\n- Chen, C.-C. (2018). What drives live-stream usage intention? "
        "The perspectives of flow.\n"
    )
    grams = paper_ngrams(paper)
    text = (
        "Li (2021), Research on the innovation and path of the business model of live marketing; "
        "section business model innovation and process analysis of live marketing; "
        "see Figure 2. Flow chart of live marketing model. Also: what drives live stream usage "
        "intention the perspectives of flow."
    )
    assert copied_runs(text, grams) == []


def test_python_text_reads_comments_and_strings_only():
    source = 'x = "one two"  # three four\ndef f():\n    """Five six."""\n    return x\n'
    assert python_text(source) == ["one two", " three four", "Five six."]


# --- the kit -----------------------------------------------------------------------------------


def _kit_params():
    for path in kit_files():
        yield pytest.param(path, id=path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("path", list(_kit_params()))
def test_no_unquoted_run_of_eight_words_from_the_paper(path, grams):
    runs = [run for text in texts_of(path) for run in copied_runs(text, grams)]
    assert not runs, (
        f"{path.relative_to(ROOT)} copies {len(runs)} run(s) of {N}+ words from the paper without "
        "quotation marks; rephrase or quote:\n  " + "\n  ".join(runs)
    )


# --- issue 12's corrections stay made -----------------------------------------------------------


def _rows(name):
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_figure_2_ends_with_the_platform_informing_the_buyer_and_the_added_step_is_labelled():
    steps = _rows("flow_steps")
    last = steps[-1]
    assert (last["actor"], last["target"]) == ("platform", "audience")
    assert "kit" in last["note"] and "loop" in last["note"]
    assert steps[0]["basis"] == "kit: added step"
    assert all(s["basis"] == "paper: Figure 2" for s in steps[1:])


def test_channels_are_a_significant_not_the_most_significant_advantage():
    channels = {r["block"]: r for r in _rows("canvas_blocks")}["channels"]["live_marketing"]
    assert "a significant advantage" in channels
    assert "clearest" not in channels
    reach = {r["name"]: r for r in _rows("path_parameters")}["reach_influence"]["note"]
    assert "significant advantage" in reach and "clearest" not in reach


def test_integration_switches_and_sponsorship_say_the_mechanism_is_the_kit_s():
    params = {r["name"]: r for r in _rows("path_parameters")}
    for name in ("shared_products", "pickup_offline", "pay_on_delivery", "synchronised_chain"):
        assert params[name]["provenance"] == "paper+kit", name
        assert "kit's" in params[name]["note"], name
    assert (
        "kit" in params["gifts_per_engaged"]["note"]
        and "sponsorship" in params["gifts_per_engaged"]["note"]
    )
    revenue = {r["block"]: r for r in _rows("canvas_blocks")}["revenue_streams"]["live_marketing"]
    assert "customer sponsorship" in revenue and "kit's interpretation" in revenue


def test_the_partners_wording_is_flagged_where_the_kit_departs_from_it():
    partners = {r["block"]: r for r in _rows("canvas_blocks")}["key_partners"]["live_marketing"]
    assert '"are indispensable"' in partners and "none of the three can be dropped" in partners


def test_the_film_star_figure_is_called_one_session():
    star = [r for r in _rows("sellers") if r["seller"].startswith("Film star")][0]
    assert "one session" in star["note"] and "kit's assumption" in star["note"]


# --- issue 18: read against the paper's text, again ---------------------------------------------

SHARED_FACTS = (
    ROOT.parent / "shared" / "data" / "live_commerce_facts.csv",
    ROOT.parent.parent / "shared" / "data" / "live_commerce_facts.csv",
)

#: Wording the paper's text does not support, each with the point of issue 18 it breaks.
UNSUPPORTED = (
    (r"20 Oct(ober)? 2020|2020-10-20", "1: the presale's first evening was 20 October 2021"),
    (
        r"numbers it gives are cited|(figure|figures|survey|numbers)( that)? "
        r"(the paper|Li \(2021\)) cites|(paper|Li \(2021\)) cites (a|some) (figure|survey|sale)",
        "2: the paper reports its figures and its survey without a source",
    ),
    (r"paper's own example of fame|fame (arriving )?before selling skill is the paper", "3"),
    (r"restates the basis", "4: the conclusion's three modules form the model"),
    (
        r"only one outside China|one platform outside China",
        "5: the paper says 'different countries'",
    ),
    (
        r"without wholesalers|no wholesaler|removes the wholesaler|links live selling removes",
        "7: the paper says live marketing reduces the wholesale links",
    ),
    (r"warnings about (long broadcasts and )?price-only", "9: price versus value sensitivity"),
    (r"the weakest (anchors|sellers)|; the weakest under", "10: the paper says 'some anchors'"),
    (r"the paper's evaluation map", "10: the map is the kit's"),
    (r"[Tt]he paper itself notes", "10: it reports Wang et al. (2015)"),
)

#: Notebooks still holding wording issue 18 corrects: the notebook rewrite (issue 17) applies it.
#: Remove a notebook from this set when its text is fixed (the test then fails as XPASS).
NOTEBOOKS_PENDING: set[str] = set()


def unsupported_wording(text: str) -> list[str]:
    """The points of :data:`UNSUPPORTED` that ``text`` breaks, with the words that break them."""
    found = []
    for pattern, point in UNSUPPORTED:
        for match in re.finditer(pattern, text):
            found.append(f"{match.group(0)!r} (issue 18, point {point})")
    return found


def test_the_wording_finder_finds_each_point():
    assert unsupported_wording("Sales on 20 October 2020 and the weakest anchors.") == [
        "'20 October 2020' (issue 18, point 1: the presale's first evening was 20 October 2021)",
        "'the weakest anchors' (issue 18, point 10: the paper says 'some anchors')",
    ]
    assert unsupported_wording("a figure the paper cites")[0].startswith("'figure the paper cites'")
    assert unsupported_wording("Some anchors sell less than 5 million a year.") == []


def _wording_params():
    for path in kit_files():
        name = path.relative_to(ROOT).as_posix()
        marks = ()
        if path.suffix == ".ipynb" and path.name in NOTEBOOKS_PENDING:
            marks = pytest.mark.xfail(
                reason="notebook text is rewritten on the notebooks' branch (issue 17)",
                strict=True,
            )
        yield pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", list(_wording_params()))
def test_no_wording_the_papers_text_does_not_support(path):
    found = [hit for text in texts_of(path) for hit in unsupported_wording(text)]
    assert not found, f"{path.relative_to(ROOT)}: " + "; ".join(found)


def test_the_presale_sales_are_from_2021_and_the_viewers_from_2020():
    rows = _rows("live_commerce_facts")
    first_evening = [r for r in rows if r["event"] == "Singles' Day presale, first evening"]
    assert len(first_evening) == 5
    assert {r["date"] for r in first_evening} == {"2021-10-20"}
    viewers = [
        r
        for r in rows
        if r["metric"] == "cumulative viewers" and r["event"].startswith("Singles' Day")
    ]
    assert viewers and {r["date"] for r in viewers} == {"2020-10-21"}
    assert {r["event"] for r in viewers}.isdisjoint({r["event"] for r in first_evening})


def test_the_facts_are_the_shared_corrected_copy():
    shared = next((p for p in SHARED_FACTS if p.is_file()), None)
    if shared is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the shared data is missing; CI must provide ../shared")
        pytest.skip("the shared data is not beside the checkout")
    assert (ROOT / "data" / "live_commerce_facts.csv").read_bytes() == shared.read_bytes()


def test_the_womens_day_viewers_are_flagged_as_peak_or_total_unclear():
    row = [r for r in _rows("live_commerce_facts") if r["event"].startswith("Women's Day")][0]
    assert "peak" in row["note"] and "total" in row["note"] and "differ" in row["note"]


def test_the_film_star_row_says_what_is_the_papers_and_what_the_kits():
    star = [r for r in _rows("sellers") if r["seller"].startswith("Film star")][0]["note"]
    assert "reports only" in star and "100 million" in star
    assert "audience metrics" in star and "selling skill" in star and "kit's too" in star


def test_amazon_is_not_called_the_only_platform_outside_china():
    amazon = {r["platform"]: r for r in _rows("platform_cases")}["Amazon Live"]["paper_says"]
    assert "different countries" in amazon and "outside China" not in amazon


def test_the_seller_side_values_are_improvements_not_comparisons():
    for row in _rows("value_ratings"):
        if row["side"] == "seller":
            assert row["paper_claim"] == "improves", row["dimension"]
            assert "kit's choice" in row["source"]


def test_live_marketing_reduces_the_wholesale_links_in_the_kits_words():
    relationships = {r["block"]: r for r in _rows("canvas_blocks")}["customer_relationships"]
    assert "fewer intermediate wholesale links" in relationships["live_marketing"]
    offline = [
        r
        for r in _rows("canvas_models")
        if (r["block"], r["model"]) == ("customer_relationships", "offline")
    ][0]
    assert "reduces" in offline["basis"]


def test_every_paper_row_of_the_teaching_set_stores_a_figure_the_paper_reports():
    for row in _rows("sellers"):
        if row["basis"] != "paper":
            continue
        sales = float(row["annual_sales_cny"])
        # about 5 billion a year; a session past 100 million (a lower bound); under 5 million
        assert sales == 5e9 or 1e8 <= sales <= 1.1e8 or sales < 5e6, row["seller"]


def test_the_readme_names_price_and_value_sensitivity():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "price sensitivity to value sensitivity" in readme
    assert "reports them without a source" in readme


def test_the_value_creation_entry_says_key_activities_are_the_kits():
    entry = {r["term"]: r for r in _rows("glossary")}["value creation"]
    assert "key activities" in entry["definition"] and "kit" in entry["source"]
