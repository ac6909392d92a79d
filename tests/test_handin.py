"""Hand-in: what a student typed reaches one self-contained HTML file, and nothing is lost."""

from __future__ import annotations

import base64
import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit import handin, handin_views
from livekit.selfcheck import load_checks
from livekit.selfcheck_views import self_check

TYPED = '直播带货 🎥 <b>not bold</b> & "quotes"\nsecond line\t淘宝直播'


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    """Every test: its own work folder and no records left from other tests."""
    monkeypatch.setenv(handin.WORK_DIR_ENV, str(tmp_path / "work"))
    monkeypatch.setattr(handin, "_RECORDS", {})
    return tmp_path


class _Collect(HTMLParser):
    """Text of every <pre>, and every tag and attribute, of a page."""

    def __init__(self):
        super().__init__()
        self.pre, self.tags, self.cells, self._in = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("pre", "td", "th", "caption") and self._in != "pre":
            self._in = tag
            (self.pre if tag == "pre" else self.cells).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "pre":
            self.pre[-1] += data
        elif self._in:
            self.cells[-1] += data


def _parse(page: str) -> _Collect:
    c = _Collect()
    c.feed(page)
    return c


def _work(text=TYPED, **extra):
    work = {
        "notebook": "01_canvas_theory",
        "student": "李雷 🎓",
        "date": "2026-11-23 10:00",
        "answers": [{"id": "case_taobao", "prompt": "Taobao Live case", "text": text}],
        "checks": [
            {"topic": "canvas", "total": 9, "answered": 3, "right_now": 2, "right_first_try": 1}
        ],
        "canvas": None,
    }
    work.update(extra)
    return work


def test_page_holds_exactly_what_was_typed_escaped():
    page = handin_views.hand_in(_work())
    assert '<meta charset="utf-8">' in page
    assert html.escape(TYPED, quote=False) in page  # escaped, character for character
    assert "<b>not bold</b>" not in page  # the student's markup is text, not markup
    assert _parse(page).pre == [TYPED]  # a browser shows exactly what was typed
    assert html.escape("李雷 🎓") in page
    page.encode("utf-8")  # emoji and Chinese survive UTF-8


def test_page_is_self_contained():
    page = handin_views.hand_in(_work(canvas={"value_proposition": "新鲜水果 🍑", "channels": ""}))
    parsed = _parse(page)
    tags = {t for t, _ in parsed.tags}
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    assert not re.search(r"href\s*=", page)
    # the canvas is drawn too, as an image inside the page, with its text alternative
    images = [dict(attrs) for tag, attrs in parsed.tags if tag == "img"]
    assert len(images) == 1
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert "In the blocks: Value proposition: 新鲜水果 🍑" in images[0]["alt"]
    assert len(re.findall(r"src\s*=", page)) == 1
    assert "url(" not in page and "@import" not in page
    assert "新鲜水果 🍑" in page


def test_page_reports_checks_date_and_empty_answers():
    page = handin_views.hand_in(_work(text="   "))
    assert "2026-11-23 10:00" in page and "(no answer)" in page
    cells = _parse(page).cells
    assert cells[:4] == ["Self-check scores", "topic", "answered", "right at first try"]
    assert cells[-4:] == ["canvas", "3 of 9", "1", "2"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_comes_back_unchanged(text):
    # HTML normalises \r and \r\n to \n and drops NUL; the escaped source keeps them verbatim
    page = handin_views.hand_in(_work(text=text if text.strip() else text + "x"))
    typed = text if text.strip() else text + "x"
    assert html.escape(typed, quote=False) in page


def test_bad_work_is_refused_by_name():
    with pytest.raises(ValueError, match=r"missing \['checks'\]"):
        handin_views.hand_in({k: v for k, v in _work().items() if k != "checks"})
    with pytest.raises(TypeError, match=r"work\['answers'\]\[0\]\['text'\] must be text"):
        handin_views.hand_in(_work(text=5))
    with pytest.raises(TypeError, match="work must be a mapping"):
        handin_views.hand_in("not a dict")


def test_write_refuses_to_overwrite_without_permission(tmp_path):
    target = tmp_path / "hand_in.html"
    handin.write_hand_in("first", target)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        handin.write_hand_in("second", target)
    assert target.read_text(encoding="utf-8") == "first"
    handin.write_hand_in("second 🎥", target, overwrite=True)
    assert target.read_text(encoding="utf-8") == "second 🎥"
    assert [p.name for p in tmp_path.iterdir()] == ["hand_in.html"]  # no temporary file left
    made = handin.write_hand_in("x", tmp_path / "new folder" / "h.html")  # folders are made
    assert made.read_text(encoding="utf-8") == "x"
    assert (made.stat().st_mode & 0o777) == (target.stat().st_mode & 0o777)  # one file mode
    (tmp_path / "a file").write_text("")
    with pytest.raises(NotADirectoryError, match="is not a folder"):
        handin.write_hand_in("x", tmp_path / "a file" / "h.html")
    with pytest.raises(TypeError, match="overwrite must be True or False"):
        handin.write_hand_in("x", tmp_path / "other.html", overwrite="yes")


def test_button_reports_a_folder_it_cannot_write(fresh):
    (fresh / "missing").write_text("a file, not a folder")
    button = handin_views.hand_in_button(notebook="00_start_here", folder=fresh / "missing")
    button.click()
    assert "Could not write the file" in button.status.value and "base64," in button.link.value


def test_answer_box_records_saves_and_restores(fresh):
    box = handin_views.answer_box("case_taobao", "Your case", notebook="01_canvas_theory")
    box.children[1].value = TYPED
    saved = json.loads((fresh / "work" / "01_canvas_theory.json").read_text(encoding="utf-8"))
    assert saved["answers"]["case_taobao"] == TYPED
    assert "Saved" in box.children[2].value
    # a new kernel: records gone, the file remains; the box comes back with the text
    handin._RECORDS.clear()
    again = handin_views.answer_box("case_taobao", "Your case", notebook="01_canvas_theory")
    assert again.children[1].value == TYPED and "Restored" in again.children[2].value
    assert handin.work_record("01_canvas_theory").answers["case_taobao"]["text"] == TYPED


def test_answer_box_keeps_text_when_disk_cannot_be_written(fresh, monkeypatch):
    blocker = fresh / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv(handin.WORK_DIR_ENV, str(blocker))
    box = handin_views.answer_box("reflect_1", "Reflect", notebook="03_innovation_path")
    box.children[1].value = "还在这里"
    assert "not saved to disk" in box.children[2].value
    assert handin.work_record("03_innovation_path").answers["reflect_1"]["text"] == "还在这里"


def test_answer_box_arguments_are_checked():
    with pytest.raises(ValueError, match="id must match"):
        handin_views.answer_box("Bad Id", "p", notebook="nb")
    with pytest.raises(ValueError, match="rows must be a whole number from 2 to 40"):
        handin_views.answer_box("ok", "p", notebook="nb", rows=1)
    with pytest.raises(ValueError, match="notebook must match"):
        handin_views.answer_box("ok", "p", notebook="../escape")


def test_button_writes_everything_typed_and_asks_before_replacing(fresh):
    nb = "01_canvas_theory"
    box = handin_views.answer_box("case_taobao", "Taobao Live case", notebook=nb)
    box.children[1].value = TYPED
    checks = self_check("canvas")
    first = load_checks("canvas").iloc[0]
    checks.pickers[first["id"]].value = first["answer"]
    handin.register_canvas(nb, lambda: {"value_proposition": "直播 🎥"})
    button = handin_views.hand_in_button(notebook=nb, folder=fresh)
    button.name.value = "Wang 王"
    button.click()
    target = fresh / handin.default_file_name(nb, "Wang 王")
    page = target.read_text(encoding="utf-8")
    assert "Written" in button.status.value
    assert _parse(page).pre[0] == TYPED and "直播 🎥" in page and "Wang 王" in page
    assert f"1 of {len(load_checks('canvas'))}" in _parse(page).cells
    # the download link carries the same page
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", button.link.value).group(1)
    assert base64.b64decode(data).decode("utf-8") == page
    # a second click without "replace" leaves the file alone
    box.children[1].value = "changed"
    button.click()
    assert "not replaced" in button.status.value
    assert target.read_text(encoding="utf-8") == page
    button.replace.value = True
    button.click()
    assert "changed" in target.read_text(encoding="utf-8")
    assert button.replace.value is False  # permission is for one replacement only


def test_button_includes_a_saved_canvas_file(fresh):
    from livekit.worksheet import empty_worksheet, save_worksheet

    sheet = empty_worksheet()
    sheet["key_partners"] = "抖音 and a courier"
    save_worksheet(sheet, fresh / "my_canvas.json")
    button = handin_views.hand_in_button(
        notebook="01_canvas_theory", folder=fresh, canvas_file=fresh / "my_canvas.json"
    )
    button.click()
    page = (fresh / handin.default_file_name("01_canvas_theory")).read_text(encoding="utf-8")
    assert "抖音 and a courier" in page

    sheet["key_partners"] = "淘宝直播 and two couriers"  # the student saves the canvas again
    save_worksheet(sheet, fresh / "my_canvas.json", overwrite=True)
    button.replace.value = True
    button.click()
    page = (fresh / handin.default_file_name("01_canvas_theory")).read_text(encoding="utf-8")
    assert "淘宝直播 and two couriers" in page and "抖音 and a courier" not in page


def test_button_says_when_the_canvas_file_cannot_be_read(fresh):
    (fresh / "my_canvas.json").write_text("{not json", encoding="utf-8")
    button = handin_views.hand_in_button(
        notebook="01_canvas_theory", folder=fresh, canvas_file=fresh / "my_canvas.json"
    )
    button.click()
    assert "Written" in button.status.value and "Canvas not included" in button.status.value


def test_button_includes_each_task_s_canvas_file_under_its_name(fresh):
    from livekit.worksheet import empty_worksheet, save_worksheet

    own, case = empty_worksheet(), empty_worksheet()
    own["channels"] = "我的小店 on Douyin"
    case["key_partners"] = "淘宝直播, the brands and the couriers"
    save_worksheet(own, fresh / "my_canvas.json")
    save_worksheet(case, fresh / "li_jiaqi_canvas.json")
    button = handin_views.hand_in_button(
        notebook="01_canvas_theory",
        folder=fresh,
        canvas_file=[fresh / "my_canvas.json", str(fresh / "li_jiaqi_canvas.json"), "absent.json"],
    )
    button.click()
    page = (fresh / handin.default_file_name("01_canvas_theory")).read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(Canvas[^<]*)</h2>", page)
    assert headings == ["Canvas (my_canvas.json)", "Canvas (li_jiaqi_canvas.json)"]
    # each text sits under its own file's heading, none of the other's
    first, second = page.split("<h2>Canvas (li_jiaqi_canvas.json)</h2>")
    assert "我的小店 on Douyin" in first and "淘宝直播" not in first
    assert "淘宝直播, the brands and the couriers" in second and "我的小店" not in second
    assert "Written" in button.status.value and "not included" not in button.status.value


@pytest.mark.parametrize("bad", [42, ["my_canvas.json", 7]])
def test_canvas_file_must_be_file_names(bad):
    with pytest.raises(TypeError, match="canvas_file must be a file name"):
        handin_views.hand_in_button(notebook="01_canvas_theory", canvas_file=bad)


def test_page_refuses_canvas_files_of_the_wrong_shape():
    with pytest.raises(TypeError, match=r"work\['canvas_files'\] must be a mapping"):
        handin_views.hand_in(_work(canvas_files=["my_canvas.json"]))
    with pytest.raises(TypeError, match=r"work\['canvas_files'\]\['a.json'\] must be a mapping"):
        handin_views.hand_in(_work(canvas_files={"a.json": "text"}))


def test_text_form_does_not_depend_on_what_was_typed():
    box = handin_views.answer_box("reflect_1", "Reflect", notebook="03_innovation_path")
    before = repr(box)
    box.area.value = "秘密 secret"
    assert repr(box) == before == "<livekit answer box: reflect_1 (03_innovation_path)>"
    bundle = box._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert bundle["text/plain"] == before  # what a notebook stores, and nbval compares
    assert (
        repr(handin_views.hand_in_button(notebook="03_innovation_path"))
        == "<livekit hand-in button: 03_innovation_path>"
    )


def test_default_file_name_is_safe():
    assert (
        handin.default_file_name("02_seller_classification", "Li / Lei")
        == "hand_in_02_seller_classification_Li_Lei.html"
    )
    assert handin.default_file_name("00_start_here") == "hand_in_00_start_here.html"
