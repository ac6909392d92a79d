"""The keyboard-only check: every control of every view reached with Tab and operated with keys.

For each slider view in a page (after Run All):

* **Tab order**: from the view's first control, Tab reaches each of its controls in document
  order, which must also be the reading order on the screen (never back up to a line above),
  and each shows a focus indicator (an outline or a box shadow) while focused. A control Tab
  never reaches (``tabindex=-1``) is a finding.
* **Keys**: each control is changed with the keys a keyboard user has: a slider with the arrow
  keys, Home/End and PageUp/PageDown (each must move it, the right way); a dropdown or a radio
  group with the arrow keys; a tick box, a switch, a toggle or a button with Space; a text box
  by typing; a number box with the arrow keys; an upload button with Space (a file chooser must
  open). A view's own controls (not its "Save figure" row, nor its "predict, then check" input,
  nor the name box and tick box of a file row) must also change what the view shows (the
  picture or its numbers), and the time from the key press to that change is measured in the
  page; a button must change something in the view (the kit's play button must start, and is
  pressed again to stop). A button whose effect depends on what a student typed first (Load,
  Hand in) is reached with Tab but not pressed; a button with the same name in several views
  is pressed once a page; a control that an earlier one turned off ("Lock in" turns "Skip" off)
  is left alone. A tick box is ticked back, and a file name typed over is typed back, so each
  control is tried in the state the notebook set.

Findings are per control (:class:`ControlResult`); they do not go into the page's problems, so
the tests decide whether they fail (:data:`ENFORCED`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from tools.browser.scripts import script

#: Whether the tests assert that every control passes (True since the kit's accessible widgets
#: and its key guard for sliders and drop-downs landed, issue 20). Set to False, the check still
#: runs and prints its findings, and the "every control works" tests become expected failures.
ENFORCED = True

#: The keys a slider must answer, each with the way its value must go ("max"/"min": to that end).
SLIDER_KEYS = {
    "End": "max",
    "Home": "min",
    "PageUp": "up",
    "ArrowRight": "up",
    "ArrowLeft": "down",
    "PageDown": "down",
}
#: Keys for the other kinds of control; a second key is tried if the first changed nothing (a
#: dropdown on its last option). "type:" types the text after it.
#: The key that takes a choice back, by kind of control and the key that made it.
_UNDO = {
    "select": {"ArrowDown": "ArrowUp", "ArrowUp": "ArrowDown"},
    "radio": {"ArrowDown": "ArrowUp", "ArrowUp": "ArrowDown"},
}
OTHER_KEYS = {
    "select": ("ArrowDown", "ArrowUp"),
    "radio": ("ArrowDown", "ArrowUp"),
    "checkbox": ("Space",),
    "toggle": ("Space",),
    "number": ("ArrowUp", "ArrowDown"),
    "text": ("type:x",),
}


#: Buttons the check reaches with Tab but does not press: what they do depends on what a student
#: typed or chose first (a file to load, a hand-in), which the check cannot know.
_NOT_PRESSED = re.compile(r"\b(load|hand.?in|upload|delete|reset|clear)\b", re.IGNORECASE)


#: Whether control data-kit-key=k of a view is turned off, hidden, or no longer in the page
#: (a control before it changed that: a model picker shows only its own thresholds).
_GONE_OR_OFF = (
    '(view, k) => { const e = view.querySelector(`[data-kit-key="${k}"]`); '
    "return !e || !!e.disabled || e.getClientRects().length === 0; }"
)


@dataclass
class ControlResult:
    """What the keyboard did to one control of one view."""

    view: str
    kind: str
    name: str
    own: bool  # one of the view's own controls (it must change the picture or the numbers)
    tab: bool | None = None  # reached by Tab in reading order (None: not checked)
    focus_visible: bool | None = None
    responded: bool | None = None  # the keys changed it (None: not operated)
    view_changed: bool | None = None
    ms: list[float] = field(default_factory=list)  # key press to changed view, per key
    problems: list[str] = field(default_factory=list)

    def label(self) -> str:
        return f"view {self.view!r}, {self.kind} {self.name!r}"


def check_view(
    page,
    view,
    title: str,
    *,
    timeout: float = 3.0,
    pressed: set | None = None,
    sample: bool = False,
) -> list[ControlResult]:
    """Tab through one view's controls, then operate each with keys.

    Every slider is moved one step with an arrow key, timed to the view's change; the page's
    first slider with both arrow keys, Home, End, PageUp and PageDown (those keys are the slider
    widget's, the same for all its sliders), then brought back to its first value.

    Parameters
    ----------
    page : playwright.sync_api.Page
    view : playwright.sync_api.Locator
        The view's box (``[data-kit-view=i]``).
    title : str
        The view's title, for the report.
    timeout : float
        Seconds to wait for the view to change after a key press (three times that for a
        button: "Save figure" writes files).
    pressed : set, optional
        What was already done in this page (updated here): a button is pressed once per page
        (every view has its own "Save figure"); the keys other than the arrows are tried on one
        slider per page. Of a group of toggle buttons (one choice of several) one is pressed.
    sample : bool
        Operate one control of each kind (and of each of "own" and not) per view, not every
        one: for a front end whose widgets are those of another one already checked in full,
        where what can differ is how it hands the keys to each kind of control. Tab still
        walks through every control.

    Returns
    -------
    list of ControlResult
        One per control, in document order.
    """
    controls = view.evaluate(script("view_controls"))
    results = [
        ControlResult(view=title, kind=c["kind"], name=c["name"], own=c["own"]) for c in controls
    ]
    _tab_walk(page, view, controls, results)
    pressed = set() if pressed is None else pressed
    first_slider = next((c["index"] for c in controls if c["kind"] == "slider"), None)
    if "(all slider keys)" in pressed:
        first_slider = None
    elif first_slider is not None:
        pressed.add("(all slider keys)")
    groups = set()
    for control, result in zip(controls, results):
        if control["kind"] in ("button", "play"):
            if control["name"] in pressed or _NOT_PRESSED.search(control["name"]):
                continue
            pressed.add(control["name"])
        if control["grouped"] and "mod-active" not in control["value"]:
            if control["grouped"] in groups:  # one button of a toggle group is enough
                continue
            groups.add(control["grouped"])
        if sample:
            kind = (title, control["kind"], control["own"])
            if kind in pressed:
                continue
            pressed.add(kind)
        control["all_keys"] = control["index"] == first_slider
        if view.evaluate(_GONE_OR_OFF, control["index"]):
            continue  # an earlier control turned it off or hid it ("Lock in" turns "Skip" off)
        _operate(page, view, control, result, timeout)
    text = view.inner_text()
    if "Cannot update" in text:
        error = text[text.index("Cannot update") :].splitlines()[0][:200]
        results.append(
            ControlResult(
                view=title, kind="view", name=title, own=False, problems=[f"shows {error!r}"]
            )
        )
    return results


def _tab_stops(controls: list[dict]) -> list[dict]:
    """The controls Tab should stop at: every tabbable one, a radio group once."""
    stops, groups = [], set()
    for control in controls:
        if not control["tabbable"]:
            continue
        if control["group"]:
            if control["group"] in groups:
                continue
            groups.add(control["group"])
        stops.append(control)
    return stops


def _tab_walk(page, view, controls: list[dict], results: list[ControlResult]) -> None:
    """Focus the view's first control, then press Tab from each to the next."""
    for control, result in zip(controls, results):
        if not control["tabbable"]:
            result.tab = False
            result.problems.append("Tab never reaches it (tabindex -1)")
    stops = _tab_stops(controls)
    if not stops:
        return
    _focus(view, stops[0])
    _record_focus(results[stops[0]["index"]], view.evaluate(script("focus_state"), None))
    for previous, expected in zip(stops, stops[1:]):
        page.keyboard.press("Tab")
        state = view.evaluate(script("focus_state"), previous["index"])
        result = results[expected["index"]]
        if _reached(state, expected, controls):
            _record_focus(result, state)
            continue
        result.tab = False
        result.problems.append(
            f"Tab from the {previous['kind']} {previous['name']!r} went to "
            f"{_where(state, controls)}"
        )
        _focus(view, expected)


def _focus(view, control: dict) -> None:
    index = control["index"]
    view.locator(f'[data-kit-key="{index}"]').focus()


def _reached(state: dict, expected: dict, controls: list[dict]) -> bool:
    key = state["key"]
    if key is None:
        return False
    return key == expected["index"] or bool(
        expected["group"] and controls[key]["group"] == expected["group"]
    )


def _where(state: dict, controls: list[dict]) -> str:
    if state["key"] is not None:
        control = controls[state["key"]]
        return f"the {control['kind']} {control['name']!r} (out of order)"
    return (state["other"] or "nothing") + " outside the view"


def _record_focus(result: ControlResult, state: dict) -> None:
    """Reached by Tab: is the focus visible, and is this control after the previous one on the
    screen (not on a line above it, nor to its left on the same line)?"""
    result.tab = True
    result.focus_visible = bool(state["visible"])
    if not result.focus_visible:
        result.problems.append("no visible focus indicator when focused")
    if not state["after"]:
        result.tab = False
        result.problems.append(
            "Tab reaches it out of reading order (it is before the previous one)"
        )


def _operate(page, view, control: dict, result: ControlResult, timeout: float) -> None:
    kind = control["kind"]
    if kind in ("readout", "link"):
        return  # a slider's typed value box (the handle is operated); links are not controls
    if kind == "toggle" and "mod-active" in control["value"]:
        return  # the chosen button of a toggle group: Space on it changes nothing
    if kind == "upload":
        _operate_upload(page, view, control, result)
    elif kind == "slider":
        _operate_slider(page, view, control, result, timeout)
    else:
        _operate_other(page, view, control, result, timeout)


def _operate_slider(page, view, control: dict, result: ControlResult, timeout: float) -> None:
    now, low, high = control["now"], control["min"], control["max"]
    keys = dict(SLIDER_KEYS) if control["all_keys"] else {"ArrowRight": "up"}
    if now >= high:  # at its end: go down first
        keys = {key: keys[key] for key in reversed(keys)} if control["all_keys"] else {}
        keys = keys or {"ArrowLeft": "down"}
    failed, deltas = [], {}
    value = now
    for key, way in keys.items():
        press = _Press(page, view, control["index"])
        before = press.arm()
        if _at_end(before, way, low, high):
            continue
        after = press.key(key)
        if not _moved(before, after, way, low, high):
            failed.append(key)
            continue
        result.responded = True
        deltas[key] = abs(_number(after) - _number(before)) if _number(after) is not None else 0
        value = after
        _wait_for_view(press, result, timeout, own=control["own"])
    if failed:
        result.problems.append(f"{', '.join(failed)} did not move it")
        result.responded = False
    _restore(_Press(page, view, control["index"]), _number(value), now, deltas, timeout)


def _restore(press: _Press, value: float | None, wanted: float, deltas: dict, timeout: float):
    """Bring a slider back near its first value with PageUp/PageDown and arrow presses, each
    waited for, so the view's other controls are tried in the state the notebook set (a slider
    left at 0 can make the others change nothing)."""
    page_step = deltas.get("PageUp") or deltas.get("PageDown")
    step = deltas.get("ArrowRight") or deltas.get("ArrowLeft")
    if value is None or not step or abs(wanted - value) < step / 2:
        return
    up = wanted > value
    pages = int(abs(wanted - value) // page_step) if page_step else 0
    arrows = round((abs(wanted - value) - pages * (page_step or 0)) / step)
    keys = ["PageUp" if up else "PageDown"] * pages + ["ArrowRight" if up else "ArrowLeft"] * arrows
    press.arm()
    for key in keys[:20]:
        press.page.keyboard.press(key)
    press.changed(timeout)  # every update has reached the page


def _number(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _at_end(value, way: str, low: float, high: float) -> bool:
    value = _number(value)
    return value is not None and (
        (way in ("up", "max") and value >= high) or (way in ("down", "min") and value <= low)
    )


def _moved(before, after, way: str, low: float, high: float) -> bool:
    old, new = _number(before), _number(after)
    if old is None or new is None:
        return after != before
    return {"up": new > old, "down": new < old, "max": new == high, "min": new == low}[way]


def _operate_other(page, view, control: dict, result: ControlResult, timeout: float) -> None:
    kind = control["kind"]
    if kind in ("button", "play"):
        _operate_button(page, view, control, result, timeout)
        return
    for key in OTHER_KEYS[kind]:
        press = _Press(page, view, control["index"])
        before = press.arm(any_text=kind == "toggle")  # a toggle may show or hide a part
        after = press.key(key, commit=control["own"] and kind in ("text", "number"))
        if after != before:
            break
    result.responded = after != before
    if not result.responded:
        result.problems.append(f"{' / '.join(OTHER_KEYS[kind])} did not change it")
        return
    if control["own"]:
        _wait_for_view(press, result, timeout, own=True)
    if kind == "checkbox":
        press.arm()  # tick it back: a tick box may decide what the other controls do
        press.key(key)
        if control["own"]:
            press.changed(timeout)
    elif kind == "text" and not control["own"]:
        _retype(press, before)  # a file name that a button reads later
    elif kind == "text" and "Cannot update" in view.inner_text():
        _retype(press, before)  # what was typed broke the view (pasted data): the next ones
        press.changed(timeout)  # are tried on a view that works
    elif kind in _UNDO and "Cannot update" in view.inner_text():
        # a choice the view refuses with its message (a file's key column mapped away): the
        # message is the view working; the choice is taken back so the next controls are
        # tried on a view that works
        press.arm()
        press.key(_UNDO[kind][key])
        press.changed(timeout)


def _retype(press: _Press, text: str) -> None:
    """Put a text box's first text back."""
    press.arm()
    press.page.keyboard.press("ControlOrMeta+a")
    if text:
        press.page.keyboard.type(text)
    else:
        press.page.keyboard.press("Delete")
    press.page.keyboard.press("Tab")


def _operate_button(page, view, control: dict, result: ControlResult, timeout: float) -> None:
    """Space on a button must change something in the view (a message, the picture). Of
    ipywidgets' Play buttons only "play" must (the others stop it, or set it to repeat); the
    kit's play button (``button.livekit-play``) must start, and is then pressed again to stop,
    so the view stands still for the checks after it."""
    press = _Press(page, view, control["index"])
    press.arm(any_text=True)
    press.key("Space")
    own_play = "livekit-play" in control["value"]
    if control["kind"] == "play" and not own_play and "fa-play" not in control["name"]:
        result.responded = None
        return
    result.responded = _wait_for_view(press, result, 3 * timeout, own=True)
    if own_play:
        press.arm(any_text=True)
        press.key("Space")
        if "true" in str(press.state.get("value")):
            result.responded = False
            result.problems.append("Space did not stop it (it still plays)")
        press.changed(timeout)  # the last step has reached the page


def _operate_upload(page, view, control: dict, result: ControlResult) -> None:
    press = _Press(page, view, control["index"])
    # twice at most: in the browser edition a busy Python (a view still drawing after the
    # control before) can hold the page past the first wait
    for wait_ms in (3000, 6000):
        press.arm()
        try:
            with page.expect_file_chooser(timeout=wait_ms):
                page.keyboard.press("Space")
            result.responded = True
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: no chooser opened
            continue
    result.responded = False
    result.problems.append("Space did not open the file chooser")


def _wait_for_view(press: _Press, result: ControlResult, timeout: float, *, own: bool) -> bool:
    """Wait until the view shows something new after the key; record the time or a problem.

    Once a control has failed to change its view, its later keys are not waited for.
    """
    if not own:
        return True
    if result.view_changed is False:
        return False
    ms = press.changed(timeout)
    if ms is None:
        result.view_changed = False
        result.problems.append(
            f"{press.last} changed nothing in the view"
            if result.kind in ("button", "play")
            else f"{press.last} changed it, but the view did not change"
        )
        return False
    result.view_changed = True
    result.ms.append(ms)
    return True


class _Press:
    """One key press on one control of a view, with the view's change detector armed."""

    def __init__(self, page, view, index: int) -> None:
        self.page, self.view, self.index = page, view, index
        self.last = ""
        self.state: dict = {}

    def arm(self, *, any_text: bool = False):
        """Mark and focus the control, arm the detector (``any_text``: any change of the view's
        visible text counts, not only its pictures and numbers); returns the control's value."""
        return self.view.evaluate(script("key_arm"), [self.index, any_text])

    def key(self, key: str, *, commit: bool = False):
        """Press ``key`` (or type, for ``"type:TEXT"``); returns the control's value after."""
        self.last = key
        if key.startswith("type:"):
            self.page.keyboard.type(key[5:])
        else:
            self.page.keyboard.press(key)
        if commit:  # a text or number box may send its value only when it loses the focus
            self.page.keyboard.press("Tab")
        self.state = self.view.evaluate(script("key_state"), self.index)
        return self.state["value"]

    def changed(self, timeout: float) -> float | None:
        """Wait until the view has changed and every update of the key has reached the page
        (``js/view_settled.js``); milliseconds from the key press to the view's first change,
        or None if it did not change."""
        try:
            handle = self.page.wait_for_function(
                script("view_settled"), timeout=timeout * 1000, polling=30
            )
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            return None
        self.state = handle.json_value()
        if self.state["keyAt"] is None:
            return None
        return self.state["changedAt"] - self.state["keyAt"]


def check_views(page, views: Iterable, titles: Iterable[str], **options) -> list[ControlResult]:
    """:func:`check_view` for each view of a page; the results of all, in order."""
    results, pressed = [], set()
    for view, title in zip(views, titles):
        results += check_view(page, view, title, pressed=pressed, **options)
    return results


def findings(results: list[ControlResult]) -> list[str]:
    """One line per control with a problem."""
    return [f"{r.label()}: {'; '.join(r.problems)}" for r in results if r.problems]


def summary(name: str, results: list[ControlResult]) -> str:
    """Counts per check and the key-press-to-view median of one page."""
    operated = [r for r in results if r.responded is not None]
    times = [ms for r in results if r.kind == "slider" for ms in r.ms]
    median = f"{statistics.median(times):.0f} ms" if times else "-"
    return (
        f"{name}: {len(results)} control(s); Tab in order {sum(bool(r.tab) for r in results)}, "
        f"focus visible {sum(bool(r.focus_visible) for r in results)}, answered keys "
        f"{sum(bool(r.responded) for r in operated)}/{len(operated)}, view changed "
        f"{sum(bool(r.view_changed) for r in results if r.own)}/"
        f"{sum(1 for r in operated if r.own)}; slider key -> view median {median} "
        f"over {len(times)} key(s)"
    )
