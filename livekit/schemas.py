"""The declared schema of every CSV file in ``data/``.

``SCHEMAS`` maps a file stem (``data/<stem>.csv``) to its :class:`Schema`.
The people-readable version of the same facts, with units and provenance, is
``data/README.md``; keep the two in step (``tests/test_data.py`` checks that every table here is
documented there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .vocab import BLOCKS, BUSINESS_MODELS, STAGE_KINDS

__all__ = ["Column", "Schema", "SCHEMAS", "SELF_CHECKS", "EXERCISES"]

_KINDS = ("text", "int", "float", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type and allowed values.

    Parameters
    ----------
    name : str
        The header as it appears in the CSV file.
    kind : {"text", "int", "float", "bool"}
        The type every non-empty cell must parse as. ``bool`` accepts True/False, yes/no, 1/0.
    required : bool, default True
        Whether the column must be present in the file.
    nullable : bool, default False
        Whether a cell may be empty.
    low, high : float, optional
        Inclusive bounds for numeric columns.
    allowed : sequence of str, optional
        The only values a text column may take.
    pattern : str, optional
        A regular expression every non-empty text cell must match in full.
    unit : str
        The unit, for the data dictionary ("CNY", "viewers", "0-100 score", ...).
    description : str
        What the column means.
    """

    name: str
    kind: str = "text"
    required: bool = True
    nullable: bool = False
    low: float | None = None
    high: float | None = None
    allowed: Sequence[str] | None = None
    pattern: str | None = None
    unit: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(
                f"Column {self.name!r}: kind must be one of {list(_KINDS)}, got {self.kind!r}"
            )


@dataclass(frozen=True)
class Schema:
    """The declared shape of one table.

    Attributes
    ----------
    name : str
        The table's name.
    columns : tuple of Column
        Its columns.
    description : str
        What one row is.
    min_rows : int
        The fewest data rows it may have.
    unique : tuple of str
        Columns whose values must each be unique (e.g. a seller's name).
    no_repeated_rows : bool
        Whether a row repeated exactly is an error (a user's seller table: a repeated row
        would skew every percentile).
    """

    name: str
    columns: tuple[Column, ...]
    description: str = ""
    min_rows: int = 1
    unique: tuple[str, ...] = field(default_factory=tuple)
    no_repeated_rows: bool = False

    def column(self, name: str) -> Column:
        """Return the :class:`Column` called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"schema {self.name!r} has no column {name!r}")


# --- real data, copied from ../shared/data (provenance in data/README.md) -----------------

TWITCH = Schema(
    name="twitch_top_streamers",
    description="The 1,000 Twitch channels with the most watch time in one year (about 2019-2020).",
    columns=(
        Column("Channel", "text", description="Channel name, in its own script"),
        Column(
            "Watch time(Minutes)",
            "int",
            low=0,
            unit="minutes",
            description="Total minutes watched by all viewers",
        ),
        Column(
            "Stream time(minutes)",
            "int",
            low=0,
            unit="minutes",
            description="Minutes the channel was live",
        ),
        Column(
            "Peak viewers", "int", low=0, unit="viewers", description="Most viewers at one moment"
        ),
        Column(
            "Average viewers",
            "int",
            low=0,
            unit="viewers",
            description="Mean concurrent viewers while live",
        ),
        Column(
            "Followers",
            "int",
            low=0,
            unit="followers",
            description="Followers at the end of the year",
        ),
        Column(
            "Followers gained",
            "int",
            unit="followers",
            description="Change in followers over the year (can be negative)",
        ),
        Column("Views gained", "int", low=0, unit="views", description="Views added over the year"),
        Column("Partnered", "bool", description="Twitch partner programme member"),
        Column("Mature", "bool", description="Flagged as mature content"),
        Column("Language", "text", description="Broadcast language"),
    ),
    unique=("Channel",),
)

LIVE_COMMERCE_FACTS = Schema(
    name="live_commerce_facts",
    description="Reported figures for well-known live-commerce anchors, 2020-2022, one figure a "
    "row.",
    columns=(
        Column("anchor", "text", description="Anchor's name"),
        Column("platform", "text", description="Platform of the broadcast"),
        Column("event", "text", description="What the figure refers to"),
        Column(
            "date",
            "text",
            pattern=r"\d{4}-\d{2}(-\d{2})?",
            description="Date (YYYY-MM-DD or YYYY-MM)",
        ),
        Column(
            "metric",
            "text",
            allowed=("sales", "cumulative viewers", "followers"),
            description="What was measured",
        ),
        Column("value", "float", low=0, description="The reported figure, in `unit`"),
        Column(
            "unit", "text", allowed=("CNY", "viewers", "followers"), description="Unit of `value`"
        ),
        Column(
            "source", "text", pattern=r"https?://\S+", description="Public page that reported it"
        ),
        Column("note", "text", nullable=True, description="Caveats"),
    ),
)

# --- self-checks, one file per notebook (shared by livekit.selfcheck) ---------------------

SELF_CHECKS = Schema(
    name="self_checks",
    description="Multiple-choice self-check questions with the answer, an explanation and "
    "feedback for every wrong option.",
    columns=(
        Column("id", "text", pattern=r"[a-z0-9_]+", description="Short unique id"),
        Column(
            "section",
            "text",
            pattern=r"[a-z0-9_]+",
            description="The notebook section the question tests: the checkpoint that shows it "
            "comes right after that section (self_check(topic, section=...))",
        ),
        Column("question", "text", description="The question, Markdown allowed"),
        Column("choices", "text", description="The options, separated by ' | '"),
        Column("answer", "text", description="The right option, exactly as in `choices`"),
        Column("explanation", "text", description="Why the answer is right (shown after any pick)"),
        Column(
            "feedback",
            "text",
            description="One entry per option, in the order of `choices`, separated by ' | ': for "
            "a wrong option, the misunderstanding it reveals; for the right option, '—'",
        ),
        Column(
            "source", "text", description="Where the idea comes from: a paper section, or 'kit'"
        ),
    ),
    unique=("id",),
)

SCHEMAS: dict[str, Schema] = {
    "twitch_top_streamers": TWITCH,
    "live_commerce_facts": LIVE_COMMERCE_FACTS,
    "checks_start": SELF_CHECKS,
}

# --- the canvas and its value modules: one source of truth for notebooks 1 and 3 ----------

VALUE_MODULES = Schema(
    name="value_modules",
    description="The four value modules of the paper's Table 1, in path order.",
    columns=(
        Column(
            "module",
            "text",
            allowed=("proposition", "creation", "delivery", "capture"),
            description="Module id",
        ),
        Column("name", "text", description="Display name"),
        Column("order", "int", low=1, high=4, description="Position on the innovation path"),
        Column(
            "table1_elements",
            "text",
            description="Constituent elements listed in Table 1, '; '-separated",
        ),
        Column(
            "guiding_question",
            "text",
            description="The question the module answers (kit's wording)",
        ),
        Column("source", "text", description="Where it comes from"),
    ),
    unique=("module", "order"),
)

CANVAS_BLOCKS = Schema(
    name="canvas_blocks",
    description="Osterwalder's nine building blocks, their value module and the paper's "
    "live-marketing content.",
    columns=(
        Column(
            "block",
            "text",
            pattern=r"[a-z_]+",
            description="Block id (Osterwalder's name, snake_case)",
        ),
        Column("name", "text", description="Osterwalder's name"),
        Column("paper_name", "text", description="The paper's name for the block"),
        Column(
            "module",
            "text",
            allowed=("proposition", "creation", "delivery", "capture"),
            description="Value module (Table 1, or the kit's choice)",
        ),
        Column(
            "module_basis",
            "text",
            description="Table 1 element it rests on, or 'kit's choice' with the reason",
        ),
        Column("definition", "text", description="Short definition (kit's words)"),
        Column(
            "live_marketing",
            "text",
            description="The paper's content for live marketing (kit's paraphrase)",
        ),
        Column("section", "text", description="Where in the paper"),
        # Osterwalder's classic layout, in canvas units: 10 wide, 7 tall, origin bottom left
        Column(
            "x",
            "float",
            low=0,
            high=10,
            unit="canvas units",
            description="Left edge of the block in the drawing",
        ),
        Column(
            "y",
            "float",
            low=0,
            high=7,
            unit="canvas units",
            description="Bottom edge of the block in the drawing",
        ),
        Column(
            "width",
            "float",
            low=0.5,
            high=10,
            unit="canvas units",
            description="Width of the block in the drawing",
        ),
        Column(
            "height",
            "float",
            low=0.5,
            high=7,
            unit="canvas units",
            description="Height of the block in the drawing",
        ),
    ),
    unique=("block",),
)

VALUE_STAGES = Schema(
    name="value_stages",
    description=(
        "The kit's one stage map: every lever, quantity, revenue and cost item the kit shows, "
        "with its value stage and why."
    ),
    columns=(
        Column(
            "item",
            "text",
            pattern=r"[a-z_]+",
            description="Id as the kit's functions name it (a parameter, a quantity, an item)",
        ),
        Column("label", "text", description="Display name"),
        Column("kind", "text", allowed=STAGE_KINDS, description="Lever, quantity, item or total"),
        Column(
            "block",
            "text",
            nullable=True,
            pattern="|".join(BLOCKS),
            description="The canvas block it belongs to; its module is the stage (empty: a total)",
        ),
        Column(
            "stage",
            "text",
            allowed=("proposition", "creation", "delivery", "capture"),
            description="The value stage (Table 1 module) it acts on or belongs to",
        ),
        Column(
            "placement",
            "text",
            allowed=("paper", "kit"),
            description="paper: the paper puts it in that block; kit: the kit's reading",
        ),
        Column("basis", "text", description="The paper's section, or the kit's reasoning"),
        Column("why", "text", description="One line: why it sits on that stage"),
    ),
    unique=("item",),
)

SCHEMAS.update(
    {"value_modules": VALUE_MODULES, "canvas_blocks": CANVAS_BLOCKS, "value_stages": VALUE_STAGES}
)

# --- notebook 1, canvas theory (livekit.canvas) -------------------------------------------
# (schemas added by the canvas work go here and into SCHEMAS)

_BLOCK_ID = "|".join(BLOCKS)
_MODELS = BUSINESS_MODELS

CANVAS_CHAINS = Schema(
    name="canvas_chains",
    description="The paper's two chains through the canvas: what produces revenue, what makes up "
    "cost.",
    columns=(
        Column("chain", "text", allowed=("revenue", "cost"), description="Which chain"),
        Column("block", "text", pattern=_BLOCK_ID, description="A block on the chain"),
        Column(
            "role",
            "text",
            allowed=("source", "hub", "outcome"),
            description="Feeds the chain, is its hub, or is what it produces",
        ),
        Column("order", "int", low=1, high=9, description="Position along the chain"),
        Column("source", "text", description="Where in the paper"),
    ),
)

CANVAS_MODELS = Schema(
    name="canvas_models",
    description="Live marketing, non-live online shopping and offline retail, block by block.",
    columns=(
        Column("block", "text", pattern=_BLOCK_ID, description="Block id"),
        Column("model", "text", allowed=_MODELS, description="Business model"),
        Column(
            "summary",
            "text",
            description="What the block holds in this model (short enough for the canvas)",
        ),
        Column(
            "reading",
            "text",
            allowed=("paper", "kit"),
            description="The paper's contrast, or the kit's reading",
        ),
        Column("basis", "text", description="Section of the paper, or the kit's reasoning"),
    ),
)

VALUE_RATINGS = Schema(
    name="value_ratings",
    description="The kit's illustrative 0-10 ratings of the three models on the value dimensions "
    "the paper names.",
    columns=(
        Column("dimension", "text", pattern=r"[a-z_]+", description="Dimension id"),
        Column("side", "text", allowed=("customer", "seller"), description="Whose value"),
        Column("label", "text", description="Display name"),
        Column(
            "live",
            "float",
            low=0,
            high=10,
            unit="0-10 rating",
            description="Live marketing (kit's rating)",
        ),
        Column(
            "online",
            "float",
            low=0,
            high=10,
            unit="0-10 rating",
            description="Non-live online shopping (kit's rating)",
        ),
        Column(
            "offline",
            "float",
            low=0,
            high=10,
            unit="0-10 rating",
            description="Offline retail (kit's rating)",
        ),
        Column(
            "paper_claim",
            "text",
            pattern=r"(live>(online|offline))(;live>(online|offline))*|improves",
            description=(
                "The ordering the paper states (the ratings respect it), or 'improves' where the "
                "paper says live marketing improves the dimension without a comparison"
            ),
        ),
        Column("source", "text", description="Where in the paper"),
    ),
    unique=("dimension",),
)

CANVAS_MONEY = Schema(
    name="canvas_money",
    description=(
        "The paper's revenue streams and five costs, and the kit's value-proposition lever that "
        "moves two of them: slider defaults and ranges (kit assumptions)."
    ),
    columns=(
        Column(
            "item",
            "text",
            pattern=r"[a-z_]+",
            description="Item id (a keyword of livekit.canvas.canvas_money)",
        ),
        Column("label", "text", description="Display name"),
        Column(
            "kind",
            "text",
            allowed=("revenue", "cost", "lever"),
            description="A revenue item, a cost item, or a lever that moves items",
        ),
        Column(
            "canvas_block",
            "text",
            allowed=("revenue_streams", "cost_structure", "value_proposition", "customer_segments"),
            description="The block the paper lists an item in; a lever's own block",
        ),
        Column(
            "source_block",
            "text",
            pattern=_BLOCK_ID,
            description="The block the money comes from, or the lever sits in (kit's mapping)",
        ),
        Column("paper_item", "text", description="The paper's name for the item"),
        Column(
            "mapping_basis", "text", description="Why it comes from that block (kit's reasoning)"
        ),
        Column(
            "moved_by",
            "text",
            nullable=True,
            allowed=("stream_discount",),
            description="The lever that moves the item, if any (kit)",
        ),
        Column("unit", "text", description="Unit of default, low, high and step"),
        Column("default", "float", low=0, description="Starting value (kit assumption)"),
        Column("low", "float", low=0, description="Slider minimum"),
        Column("high", "float", low=0, description="Slider maximum (the largest value accepted)"),
        Column("step", "float", low=0, description="Slider step"),
    ),
    unique=("item",),
)

SCHEMAS.update(
    {
        "canvas_chains": CANVAS_CHAINS,
        "canvas_models": CANVAS_MODELS,
        "value_ratings": VALUE_RATINGS,
        "canvas_money": CANVAS_MONEY,
        "checks_canvas": SELF_CHECKS,
    }
)

# --- notebook 2, seller classification (livekit.sellers) ----------------------------------
# (schemas added by the seller work go here and into SCHEMAS)

SELLERS = Schema(
    name="sellers",
    description="Illustrative live-stream sellers for notebook 2: metrics of anchor influence and "
    "audience attractiveness.",
    columns=(
        Column("seller", "text", description="Illustrative name (not a real person)"),
        Column("kind", "text", description="What sort of seller"),
        Column(
            "followers", "int", low=0, unit="followers", description="Followers on the platform"
        ),
        Column(
            "celebrity",
            "float",
            low=0,
            high=1,
            unit="0-1 rating",
            description="Celebrity status outside live selling (0 none, 1 national star)",
        ),
        Column(
            "annual_sales_cny",
            "float",
            low=0,
            unit="CNY a year",
            description="Goods sold through the seller's streams in a year",
        ),
        Column(
            "avg_viewers",
            "int",
            low=0,
            unit="viewers",
            description="Average concurrent viewers while live",
        ),
        Column(
            "watch_minutes",
            "float",
            low=0,
            unit="minutes per viewer",
            description="Average time a viewer stays",
        ),
        Column(
            "engagement",
            "float",
            low=0,
            unit="interactions per viewer-hour",
            description="Comments plus gifts per viewer per hour",
        ),
        Column(
            "conversion",
            "float",
            low=0,
            high=1,
            unit="share of viewers",
            description="Share of viewers who buy",
        ),
        Column(
            "basis",
            "text",
            allowed=("paper", "kit"),
            description="'paper' if a value of the row is at a figure Li (2021) reports, else "
            "'kit'",
        ),
        Column(
            "note",
            "text",
            nullable=True,
            description="The paper figure the row rests on, with section",
        ),
    ),
    unique=("seller",),
)

SCHEMAS.update({"sellers": SELLERS, "checks_sellers": SELF_CHECKS})

# --- notebooks 3 and 4, innovation path (livekit.path) --------------------------------------------
# (schemas added by the path work go here and into SCHEMAS)

_FLOW_ACTORS = ("seller", "anchor", "platform", "audience", "logistics")

PATH_PARAMETERS = Schema(
    name="path_parameters",
    description="Every parameter of the traffic-to-profit model: default, range, provenance.",
    columns=(
        Column(
            "name",
            "text",
            pattern=r"[a-z_]+",
            description="Parameter name, as passed to livekit.path.simulate",
        ),
        Column("label", "text", description="Short label for sliders and tables"),
        Column(
            "kind",
            "text",
            allowed=("rate", "count", "money", "number", "switch"),
            description="What is checked: share 0-1, people, CNY, other number, on/off",
        ),
        Column("default", "float", description="The live-stream default"),
        Column(
            "non_live",
            "float",
            nullable=True,
            description="Value for pictures and short videos, where the paper says live differs; "
            "empty means the same",
        ),
        Column(
            "non_live_basis",
            "text",
            nullable=True,
            allowed=("paper", "kit"),
            description="Where non_live is filled: whether the difference is the paper's or the "
            "kit's",
        ),
        Column("min", "float", description="Smallest allowed value"),
        Column("max", "float", description="Largest allowed value"),
        Column(
            "slider_max",
            "float",
            nullable=True,
            description="Upper end of the slider when narrower than max",
        ),
        Column("step", "float", low=0, description="Slider step"),
        Column("unit", "text", description="Unit"),
        Column(
            "provenance",
            "text",
            allowed=("paper", "kit", "paper+kit"),
            description="paper: stated in Li (2021); kit: the kit's assumption; paper+kit: the "
            "paper names the lever, the kit picks the number",
        ),
        Column("section", "text", description="Where in the paper"),
        Column("note", "text", description="What the parameter does, in the model's terms"),
    ),
    unique=("name",),
)

FLOW_STEPS = Schema(
    name="flow_steps",
    description="The live-marketing process of the paper's Figure 2, one step a row, in order.",
    columns=(
        Column("step", "int", low=1, description="Position in the process"),
        Column("actor", "text", allowed=_FLOW_ACTORS, description="Who acts"),
        Column("target", "text", allowed=_FLOW_ACTORS, description="Towards whom"),
        Column("action", "text", description="What happens (kit's words)"),
        Column(
            "block",
            "text",
            pattern=r"[a-z_]+",
            description="Canvas block the step expresses (canvas_blocks.block); its module is the "
            "step's value stage",
        ),
        Column("section", "text", description="Where in the paper"),
        Column("note", "text", description="Why the step matters"),
        Column(
            "basis",
            "text",
            allowed=("paper: Figure 2", "kit: added step"),
            description="Whether the step is in the paper's Figure 2 or added by the kit",
        ),
    ),
    unique=("step",),
)

LIVE_MODES = Schema(
    name="live_modes",
    description="The paper's seven live-stream modes with the kit's illustrative lift on "
    "attraction.",
    columns=(
        Column("mode", "text", pattern=r"[a-z]+", description="Mode id"),
        Column("name", "text", description="The paper's name"),
        Column("description", "text", description="What the mode does (kit's reading)"),
        Column("example", "text", description="An illustration (kit's)"),
        Column(
            "lift",
            "float",
            low=0,
            high=2,
            unit="added attraction",
            description="Added to the content's attraction when chosen alone (kit's assumption)",
        ),
        Column("source", "text", description="Where the mode is named"),
    ),
    unique=("mode",),
)

SCHEMAS.update(
    {
        "path_parameters": PATH_PARAMETERS,
        "flow_steps": FLOW_STEPS,
        "live_modes": LIVE_MODES,
        "checks_path": SELF_CHECKS,
    }
)

# --- the seven modes by marketing purpose (livekit.modes): all numbers the kit's -----------

_MODE_ID = r"value|celebrity|rare|altruistic|talent|contrast|interview"
_PURPOSE_ID = r"[a-z]+"

MODE_PURPOSES = Schema(
    name="mode_purposes",
    description="The kit's marketing purposes a seller can pick modes for (the paper names none).",
    columns=(
        Column("purpose", "text", pattern=_PURPOSE_ID, description="Purpose id"),
        Column("name", "text", description="Display name"),
        Column("goal", "text", description="What the seller wants (kit's words)"),
        Column("provenance", "text", allowed=("kit",), description="Always the kit's"),
        Column("basis", "text", description="Why the kit lists it"),
    ),
    unique=("purpose",),
)

MODE_FIT = Schema(
    name="mode_fit",
    description="How well each live-stream mode serves each purpose (kit's rating, with a reason).",
    columns=(
        Column("mode", "text", pattern=_MODE_ID, description="Mode id (live_modes.mode)"),
        Column(
            "purpose", "text", pattern=_PURPOSE_ID, description="Purpose id (mode_purposes.purpose)"
        ),
        Column(
            "fit",
            "float",
            low=0,
            high=1,
            unit="0-1 share of the lift",
            description="Share of the mode's lift it delivers for this purpose (kit)",
        ),
        Column("reason", "text", description="Why (kit's words)"),
        Column("provenance", "text", allowed=("kit",), description="Always the kit's"),
    ),
)

MODE_PAIRS = Schema(
    name="mode_pairs",
    description="The kit's synergy for every pair of live-stream modes: reinforce, neutral or "
    "clash.",
    columns=(
        Column("mode_a", "text", pattern=_MODE_ID, description="First mode"),
        Column("mode_b", "text", pattern=_MODE_ID, description="Second mode"),
        Column(
            "synergy",
            "float",
            low=-1,
            high=1,
            unit="x the weaker effect alone",
            description="Added (or removed) attraction per unit of the weaker mode's effect alone "
            "(kit)",
        ),
        Column(
            "effect",
            "text",
            allowed=("reinforce", "neutral", "clash"),
            description="Sign of the synergy in words",
        ),
        Column("reason", "text", description="Why (kit's words)"),
        Column("provenance", "text", allowed=("kit",), description="Always the kit's"),
    ),
)

# --- the glossary (livekit.glossary) ------------------------------------------------------

GLOSSARY = Schema(
    name="glossary",
    description="Plain definitions of the terms the kit uses, with Chinese and where each is used.",
    columns=(
        Column("term", "text", description="The term as the kit writes it"),
        Column(
            "aliases",
            "text",
            nullable=True,
            description="Other spellings and abbreviations, '; '-separated",
        ),
        Column("chinese", "text", description="The Chinese term"),
        Column("definition", "text", description="Plain definition (kit's words)"),
        Column("used_in", "text", description="Where the kit uses it"),
        Column(
            "source", "text", description="Where the term comes from: a paper section, or the kit"
        ),
    ),
    unique=("term",),
)

SCHEMAS.update(
    {
        "mode_purposes": MODE_PURPOSES,
        "mode_fit": MODE_FIT,
        "mode_pairs": MODE_PAIRS,
        "glossary": GLOSSARY,
    }
)

# --- real cases (livekit.cases): reported figures and the platforms the paper observed ----

CASE_OUTLETS = Schema(
    name="case_outlets",
    description="The outlet behind each web host in live_commerce_facts.csv's source column.",
    columns=(
        Column(
            "domain", "text", pattern=r"[a-z0-9.-]+", description="Web host of a source address"
        ),
        Column("outlet", "text", description="The outlet's name, as cited in case boxes"),
    ),
    unique=("domain",),
)

PLATFORM_CASES = Schema(
    name="platform_cases",
    description="What the paper says of each platform it observed (kit's paraphrase, with "
    "section).",
    columns=(
        Column("platform", "text", description="Platform name as the kit writes it"),
        Column("chinese", "text", description="Chinese name"),
        Column("paper_name", "text", description="How the paper writes it"),
        Column(
            "facts_platform",
            "text",
            nullable=True,
            description="Its name in live_commerce_facts.csv; empty if the kit has no sourced "
            "figure",
        ),
        Column("paper_says", "text", description="What the paper says of it (kit's paraphrase)"),
        Column("section", "text", description="Where in the paper"),
    ),
    unique=("platform",),
)

SCHEMAS.update({"case_outlets": CASE_OUTLETS, "platform_cases": PLATFORM_CASES})


# --- exercises a student can do without programming, one file per notebook topic ------------

EXERCISES = Schema(
    name="exercises",
    description="Exercises whose answer is one number: the kit judges it and answers in a "
    "sentence (livekit.exercises.judge_answer; livekit.exercise_views.check and number_box).",
    columns=(
        Column("id", "text", pattern=r"[a-z0-9_]+", description="Short unique id"),
        Column("section", "text", pattern=r"[a-z0-9_]+", description="The section it follows"),
        Column(
            "variable",
            "text",
            nullable=True,
            pattern=r"[A-Za-z_][A-Za-z0-9_]*",
            description="The notebook variable that holds the student's answer (for a "
            "fill-in-the-blank cell); empty for an answer typed into a number box",
        ),
        Column("answer", "float", description="The right answer", unit="the exercise's unit"),
        Column("tolerance", "float", low=0, description="The largest miss still judged right"),
        Column(
            "relative",
            "bool",
            description="Whether the tolerance is a share of the answer (True) or in its unit",
        ),
        Column("unit", "text", nullable=True, description="The answer's unit, as shown"),
        Column(
            "hint",
            "text",
            description="What a wrong answer is told, in one sentence: how the answer is found",
        ),
        Column("explanation", "text", description="What a right answer is told"),
        Column("source", "text", description="Where the numbers come from: 'kit', or a section"),
    ),
    unique=("id",),
)

SCHEMAS["exercises_start"] = EXERCISES
SCHEMAS["exercises_canvas"] = EXERCISES
SCHEMAS["exercises_sellers"] = EXERCISES
# notebook 3 (the path, the flow, the modes) and notebook 4 (traffic to profit)
SCHEMAS.update(
    {"exercises_path": EXERCISES, "exercises_model": EXERCISES, "checks_model": SELF_CHECKS}
)
