"""What a page of the kit must show once every cell has run (JupyterLab, Notebook 7, Voila, the
browser edition):

* no cell shows an error (an error output, or a traceback on stderr: see :mod:`.pages`);
* every widget output is drawn as a widget: not "Error displaying widget ..." and not its text
  fallback (``<livekit view: ...>``), which is what a student sees when the widget half of
  JupyterLab is missing;
* every slider view (a :class:`livekit.views.View`, CSS class ``livekit-view``) shows a picture
  that has loaded;
* for each view, one slider moved with the keyboard (focus the handle, press an arrow key)
  changes what the view shows: the picture (the image's ``src``) or its numbers. A view without
  a slider has its first other control operated the same way (a dropdown with an arrow key, a
  switch or tick box with Space, a text box by typing). The time from the key press to that
  change is measured in the page itself.

What is wrong goes into a :class:`PageReport`'s ``problems``; the accessibility audit
(:mod:`.axe`) and the keyboard-only check (:mod:`.keyboard`) add their own findings to it.
:func:`tools.browser.pages.inspect` runs them all on a page, in order.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tools.browser import ARTIFACTS
from tools.browser.scripts import script


@dataclass
class ViewResult:
    """One slider view as seen in the browser."""

    index: int
    title: str
    rendered: bool
    control: str | None = None  # the kind of control operated: "slider", "select", ...
    moved: bool = False
    changed: bool = False
    ms: float | None = None


@dataclass
class PageReport:
    """What the checks of one page found: problems (empty when all is well) and the views.

    ``axe`` holds the accessibility audit's violations by moment (``"after Run All"``,
    ``"after moving"``), ``keyboard`` the keyboard-only check of every control
    (:class:`tools.browser.keyboard.ControlResult`); neither adds to ``problems``, so a test
    decides whether they fail it.
    """

    name: str
    problems: list[str] = field(default_factory=list)
    views: list[ViewResult] = field(default_factory=list)
    seconds: float = 0.0
    screenshot: Path | None = None
    axe: dict[str, list] = field(default_factory=dict)
    keyboard: list = field(default_factory=list)
    #: seconds from opening the page to each step, and the seconds each check took
    marks: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line of figures, then one line per problem."""
        times = [
            f"{v.ms:.0f}" + ("" if v.control == "slider" else f" ({v.control})")
            for v in self.views
            if v.ms is not None
        ]
        text = (
            f"{self.name}: {len(self.views)} view(s), slider-to-change ms [{', '.join(times)}], "
            f"{self.seconds:.1f} s"
        )
        if self.problems:
            text += "\n  " + "\n  ".join(self.problems)
        if self.screenshot:
            text += f"\n  screenshot: {self.screenshot}"
        return text


def check_widget_outputs(page, report: PageReport, *, expected_widgets: int, timeout: float):
    """Every widget output drawn, none showing an error or its text fallback."""
    deadline = time.monotonic() + timeout

    def settled(outputs) -> bool:
        done = [o for o in outputs if o["drawn"] or o["error"]]
        return len(done) == len(outputs) and len(outputs) >= expected_widgets

    outputs = page.evaluate(script("widget_outputs"))
    while not settled(outputs) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        outputs = page.evaluate(script("widget_outputs"))
    drawn = sum(1 for o in outputs if o["drawn"] and not o["error"])
    if drawn < expected_widgets:
        report.problems.append(
            f"{expected_widgets} widget output(s) in the notebook, {drawn} drawn as widgets"
        )
    for number, output in enumerate(outputs, 1):
        if output["error"]:
            report.problems.append(f"widget output {number} shows an error: {output['error']!r}")
        elif not output["drawn"]:
            report.problems.append(f"widget output {number} was never drawn")
    _check_fallbacks(page, report, outputs)


def _check_fallbacks(page, report: PageReport, outputs: list[dict]) -> None:
    fallback = page.locator(
        ".jp-OutputArea-output[data-mime-type='text/plain']", has_text="<livekit view:"
    )
    if fallback.count():
        report.problems.append(
            f"{fallback.count()} view(s) shown as their text fallback "
            f"{fallback.first.inner_text()!r}: the widget half of JupyterLab is missing or does "
            "not match ipywidgets"
        )
    if page.get_by_text("Error displaying widget").count():
        report.problems.append("the page shows 'Error displaying widget'")
    nested = page.locator(".jp-OutputArea-output .jupyter-widgets-error-widget").count()
    if nested > sum(1 for o in outputs if o["error"].startswith("ipywidgets error widget")):
        report.problems.append(
            f"{nested} widget(s) in the page could not render (ipywidgets error icon)"
        )


def rendered_views(page, report: PageReport, *, timeout: float) -> list[tuple]:
    """Find the slider views, wait for each picture; returns ``(locator, ViewResult)`` pairs of
    the views that rendered (the others are problems in ``report``)."""
    found = []
    for index, title in enumerate(page.evaluate(script("find_views"))):
        view = page.locator(f'[data-kit-view="{index}"]')
        result = ViewResult(index=index, title=title, rendered=False)
        report.views.append(result)
        deadline = time.monotonic() + timeout
        result.rendered = view.evaluate(script("rendered"))
        while not result.rendered and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            result.rendered = view.evaluate(script("rendered"))
        if result.rendered:
            found.append((view, result))
        else:
            report.problems.append(f"view {title!r}: its picture did not render")
    return found


#: Keys that operate each kind of control; a second entry is tried if the first changes nothing
#: (a slider at its maximum, a dropdown on its last option).
_KEYS = {
    "slider": ("ArrowRight", "ArrowLeft"),
    "select": ("ArrowDown", "ArrowUp"),
    "button": ("Space",),
    "checkbox": ("Space",),
    "radio": ("ArrowDown", "ArrowUp"),
    "text": ("type:x",),
}


def _shown_value(view, kind: str) -> str | None:
    """What the operated control itself shows (to tell "did not move" from "moved, no change")."""
    control = view.locator("[data-kit-control]")
    if kind in ("select", "text"):
        return control.input_value()
    if kind != "slider":
        return None
    if control.evaluate("e => e.tagName === 'INPUT'"):
        return control.input_value()
    label = view.locator(".widget-slider .widget-readout").first
    return label.inner_text() if label.count() else None


def _moved_soon(page, view, kind: str, before: str, wait: float = 0.4) -> bool:
    """Whether the control shows another value within ``wait`` seconds of the key (a slider's
    readout follows its handle at once); spares waiting for a view that cannot change."""
    deadline = time.monotonic() + wait
    while _shown_value(view, kind) == before:
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(25)
    return True


def move_one_control(page, view, result: ViewResult, report: PageReport, *, timeout: float):
    """Operate one control of a view from the keyboard; record whether and how fast it changed."""
    result.control = view.evaluate(script("pick_control"))
    if result.control is None:
        return  # a view without controls: rendering is what we can check
    control = view.locator("[data-kit-control]")
    for key in _KEYS[result.control]:
        control.scroll_into_view_if_needed()
        before = _shown_value(view, result.control)
        view.evaluate(script("arm"))
        control.focus()
        if key.startswith("type:"):
            page.keyboard.type(key[5:])
            page.keyboard.press("Tab")  # text boxes may send their value when they lose focus
        else:
            page.keyboard.press(key)
        if before is not None and not _moved_soon(page, view, result.control, before):
            continue  # the control itself did not move (at its end, or the key did not reach it)
        try:
            page.wait_for_function(
                "() => window.__kitMove.changedAt !== null",
                timeout=timeout * 1000,
                polling="raf",
            )
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            if before is not None and _shown_value(view, result.control) == before:
                continue  # the control itself did not move (at its end): try the other way
            result.moved = True
            break
        state = page.evaluate("() => window.__kitMove")
        result.moved = result.changed = True
        result.ms = state["changedAt"] - state["keyAt"] if state["keyAt"] is not None else None
        break
    _report_move(view, result, report)


def _report_move(view, result: ViewResult, report: PageReport) -> None:
    title = result.title
    what = "moving its slider" if result.control == "slider" else f"operating its {result.control}"
    if not result.moved:
        report.problems.append(
            f"view {title!r}: its {result.control} did not respond to the keyboard"
        )
    elif not result.changed:
        report.problems.append(
            f"view {title!r}: {what} with the keyboard did not change the picture or the numbers"
        )
    elif "Cannot update" in (text := view.inner_text()):
        report.problems.append(f"view {title!r}: after {what} it shows an error: {text[:200]!r}")


@contextmanager
def checked_page(context, report: PageReport, *, page=None, start: float | None = None):
    """A new page for one check (or ``page``, opened at ``start``): any exception becomes a
    problem in ``report``, the time is recorded, a screenshot is saved when anything went
    wrong, and the page is always closed."""
    start = time.monotonic() if start is None else start
    page = context.new_page() if page is None else page
    page.bring_to_front()  # a page opened ahead, behind others, gets no animation frames
    try:
        yield page
    except Exception as exc:  # noqa: BLE001 - reported with a screenshot; callers assert on it
        report.problems.append(f"{type(exc).__name__}: {exc}")
    finally:
        report.seconds = time.monotonic() - start
        if report.problems:
            report.screenshot = screenshot(page, report.name)
        page.close()


def screenshot(page, name: str) -> Path | None:
    """Save a full-page screenshot under test-artifacts/browser/ and print where."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    path = ARTIFACTS / f"{safe}.png"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # JupyterLab scrolls the notebook inside the page: make the window as tall as the
        # notebook, so the screenshot shows every cell, not just the first screen
        height = page.evaluate(script("notebook_height"))
        size = page.viewport_size or {}
        if height > size.get("height", 0):
            page.set_viewport_size({"width": size.get("width", 1280), "height": min(height, 16000)})
            page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the real failure
        print(f"[browser] could not save a screenshot for {name}: {exc}", flush=True)
        return None
    print(f"[browser] screenshot of {name}: {path}", flush=True)
    return path
