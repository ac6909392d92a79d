"""Real cases as short boxes for a notebook: what the paper says of a platform, then what
outlets reported (the figures come from :mod:`livekit.cases`)."""

from __future__ import annotations

from IPython.display import Markdown

from .cases import amount_text, platform_case, platform_facts

__all__ = ["case_box"]


def case_box(platform: str) -> Markdown:
    """A short case box on one platform: what the paper says, then what outlets report.

    Parameters
    ----------
    platform : str
        ``"Taobao Live"``, ``"Douyin"``, ``"JD"`` or ``"Amazon Live"`` (also the paper's spelling,
        e.g. ``"Tiktok"``, ``"Jingdong"``, or the Chinese name; any case).

    Returns
    -------
    IPython.display.Markdown
        A heading, the paper's view with its section, and every reported figure for the
        platform (sales first, then viewers and followers) with its outlet and caveats (where
        outlets disagree, each figure). For a platform with no sourced figure in the kit's data,
        the box says so and reports nothing else. Its text is ``.data``.

    Raises
    ------
    TypeError
        If ``platform`` is not text.
    ValueError
        If the platform is unknown, naming the four.
    """
    case = platform_case(platform)
    lines = [
        f"**Case: {case['platform']} ({case['chinese']})**",
        "",
        f"*What the paper says* ({case['section']}): {case['paper_says']}",
        "",
    ]
    sales, others = platform_facts(platform)
    if sales.empty:
        lines.append(
            "*What outlets report:* the kit holds no sourced figure for this platform, so this box "
            "reports only what the paper says."
        )
        return Markdown("\n".join(lines))
    lines += [
        "*What outlets report* (reported figures, not audited; where outlets disagree, both are "
        "shown):",
        "",
    ]
    for row in sales.itertuples(index=False):
        caveat = f" Caveats: {row.notes}." if row.notes else ""
        lines.append(f"- {row.anchor}, sales, {row.event} ({row.date}): {row.reported}.{caveat}")
    for row in others.itertuples(index=False):
        note = row.note if isinstance(row.note, str) else ""
        caveat = f" Caveats: {note}." if note.strip() else ""
        lines.append(
            f"- {row.anchor}, {row.metric}, {row.event} ({row.date}): "
            f"{amount_text(row.value, row.unit)} ({row.reported_by}).{caveat}"
        )
    return Markdown("\n".join(lines))
