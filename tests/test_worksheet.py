"""Tests of livekit.worksheet: the round trip, never overwriting, atomic writes, bad files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livekit import _files, worksheet
from livekit.canvas import BLOCKS


def _sheet():
    sheet = worksheet.empty_worksheet()
    sheet["value_proposition"] = 'Farm fruit, tasted live; "fresh", cheap,\nand fun'
    sheet["channels"] = "Douyin live room — 直播间"
    return sheet


@pytest.mark.parametrize("ext", [".csv", ".json"])
def test_round_trip(tmp_path, ext):
    path = tmp_path / f"mine{ext}"
    written = worksheet.save_worksheet(_sheet(), path)
    assert written == path
    assert worksheet.load_worksheet(path) == _sheet()
    assert list(worksheet.load_worksheet(path)) == list(BLOCKS)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.text(max_size=60), min_size=9, max_size=9),
    ext=st.sampled_from([".csv", ".json"]),
)
def test_round_trip_any_text(tmp_path, texts, ext):
    sheet = dict(zip(BLOCKS, texts))
    path = tmp_path / f"any{ext}"
    worksheet.save_worksheet(sheet, path, overwrite=True)
    assert worksheet.load_worksheet(path) == sheet


def test_partial_sheet_is_completed_with_empty_blocks(tmp_path):
    path = worksheet.save_worksheet({"channels": "shop"}, tmp_path / "p.json")
    loaded = worksheet.load_worksheet(path)
    assert loaded["channels"] == "shop" and loaded["key_partners"] == ""


def test_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text("precious", encoding="utf-8")
    with pytest.raises(FileExistsError, match="mine.json already exists"):
        worksheet.save_worksheet(_sheet(), path)
    assert path.read_text(encoding="utf-8") == "precious"
    worksheet.save_worksheet(_sheet(), path, overwrite=True)
    assert worksheet.load_worksheet(path) == _sheet()


def test_writes_atomically_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    worksheet.save_worksheet(_sheet(), path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(_files.os, "replace", broken_replace)
    with pytest.raises(ValueError, match="mine.csv: could not write the file: disk full"):
        worksheet.save_worksheet({"channels": "new"}, path, overwrite=True)
    assert path.read_bytes() == before  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_creates_missing_folders(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "class" / "week1" / "mine.csv")
    assert path.is_file()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.json", "{not json", "bad.json: not valid JSON"),
        (
            "list.json",
            "[1, 2]",
            "list.json: a worksheet file must hold an object with a 'blocks' key",
        ),
        (
            "nokey.json",
            '{"value_proposition": "x"}',
            "nokey.json: a worksheet file must hold an object",
        ),
        ("blocks.json", '{"blocks": ["x"]}', "blocks.json: 'blocks' must be an object"),
        ("num.json", '{"blocks": {"channels": 3}}', "num.json: block 'channels' must hold text"),
        (
            "unknown.json",
            '{"blocks": {"customers": "x"}}',
            "unknown.json: unknown block 'customers'",
        ),
        ("empty.csv", "", "empty.csv: the file is empty"),
        ("header.csv", "name,value\nchannels,x\n", "header.csv: the header must be 'block,text'"),
        ("cells.csv", "block,text\nchannels,x,y\n", "cells.csv: line 2 has 3 cells"),
        (
            "dup.csv",
            "block,text\nchannels,a\nchannels,b\n",
            "dup.csv: line 3: block 'channels' appears twice",
        ),
        (
            "unknown.csv",
            "block,text\ncustomers,x\n",
            "unknown.csv: line 2: unknown block 'customers'",
        ),
        (
            "long.csv",
            "block,text\nchannels," + "x" * 500 + "\n",
            "long.csv\\['channels'\\] is 500 characters long",
        ),
    ],
)
def test_malformed_files_name_the_file_and_the_problem(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        worksheet.load_worksheet(path)


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("block,text\nchannels,caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin.csv: the file is not UTF-8"):
        worksheet.load_worksheet(path)
    with pytest.raises(ValueError, match="nothere.json: file not found"):
        worksheet.load_worksheet(tmp_path / "nothere.json")


def test_bad_arguments_name_the_field(tmp_path):
    with pytest.raises(ValueError, match="must end in .csv or .json"):
        worksheet.save_worksheet(_sheet(), tmp_path / "mine.txt")
    with pytest.raises(ValueError, match="path must name a file"):
        worksheet.save_worksheet(_sheet(), "  ")
    with pytest.raises(TypeError, match="path must be a file name"):
        worksheet.load_worksheet(42)
    with pytest.raises(ValueError, match="sheet: unknown block 'customers'"):
        worksheet.save_worksheet({"customers": "x"}, tmp_path / "a.json")
    with pytest.raises(TypeError, match=r"sheet\['channels'\] must be text"):
        worksheet.save_worksheet({"channels": 5}, tmp_path / "a.json")
    with pytest.raises(TypeError, match="sheet must be a mapping"):
        worksheet.check_worksheet(["channels"])
    with pytest.raises(TypeError, match="overwrite must be True or False"):
        worksheet.save_worksheet(_sheet(), tmp_path / "a.json", overwrite="yes")
    assert not any(tmp_path.iterdir())


def test_json_file_is_marked_and_readable(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "mine.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["worksheet"] == "livekit canvas" and data["version"] == 1
    assert data["blocks"]["channels"] == "Douyin live room — 直播间"


# --- permissions, BOM, and the form's messages (issue 11, item 7) ---------------------------


def _deny(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


def test_permission_error_on_save_is_a_value_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(_files.tempfile, "mkstemp", _deny)
    with pytest.raises(
        ValueError, match=r"locked.json: could not write the file: permission denied"
    ):
        worksheet.save_worksheet(_sheet(), tmp_path / "locked.json")
    assert list(tmp_path.iterdir()) == []


def test_permission_error_on_load_is_a_value_error_naming_the_file(tmp_path, monkeypatch):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "mine.csv")
    monkeypatch.setattr(type(path), "open", _deny)
    with pytest.raises(ValueError, match=r"mine.csv: could not read the file: permission denied"):
        worksheet.load_worksheet(path)


def test_too_long_a_name_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="could not write the file"):
        worksheet.save_worksheet(_sheet(), tmp_path / ("x" * 300 + ".csv"))


@pytest.mark.parametrize("ext", [".csv", ".json"])
def test_a_file_with_a_byte_order_mark_loads(tmp_path, ext):
    path = worksheet.save_worksheet(_sheet(), tmp_path / f"plain{ext}")
    bom = tmp_path / f"excel{ext}"
    bom.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert worksheet.load_worksheet(bom) == _sheet()


def test_replacing_a_file_keeps_its_permissions(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "shared.json")
    path.chmod(0o664)
    worksheet.save_worksheet({"channels": "new"}, path, overwrite=True)
    assert (path.stat().st_mode & 0o777) == 0o664
    path.chmod(0o600)
    worksheet.save_worksheet({"channels": "newer"}, path, overwrite=True)
    assert (path.stat().st_mode & 0o777) == 0o600
    assert worksheet.load_worksheet(path)["channels"] == "newer"


def test_a_new_file_gets_the_usual_permissions_not_the_temporary_files(tmp_path):
    import os

    mask = os.umask(0o022)
    try:
        path = worksheet.save_worksheet(_sheet(), tmp_path / "new.csv")
    finally:
        os.umask(mask)
    assert (path.stat().st_mode & 0o777) == 0o644


def test_browser_edition_umask_and_missing_hard_links_still_save_a_readable_file(
    tmp_path, monkeypatch
):
    """Pyodide reports a umask of 0o777 and has no os.link: a saved worksheet must still load,
    and an existing file must still be refused without overwrite=True."""
    import os

    monkeypatch.setattr(os, "umask", lambda mask: 0o777)
    monkeypatch.delattr(os, "link")
    path = worksheet.save_worksheet(_sheet(), tmp_path / "browser.json")
    assert (path.stat().st_mode & 0o600) == 0o600
    assert worksheet.load_worksheet(path) == _sheet()
    with pytest.raises(FileExistsError):
        worksheet.save_worksheet({"channels": "new"}, path)
    assert worksheet.load_worksheet(path) == _sheet()


def test_existing_file_error_is_the_kits_one_exists_error_naming_the_file(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "mine.json")
    with pytest.raises(FileExistsError, match="mine.json already exists"):
        worksheet.save_worksheet({"channels": "new"}, path)
    assert worksheet.load_worksheet(path) == _sheet()


def _form(tmp_path, name="mine.json"):
    from livekit import canvas_views

    view = canvas_views.worksheet_form(tmp_path / name)
    view.controls["channels"].value = "直播间"
    return view


def test_form_names_the_replace_checkbox_not_the_keyword(tmp_path):
    view = _form(tmp_path)
    view.controls["save"].click()
    assert "Saved" in view.readout.value
    view.controls["save"].click()
    assert view.controls["replace"].description in view.error.value
    assert "replace existing file" in view.error.value
    assert "overwrite=True" not in view.error.value


def test_form_failed_save_clears_the_earlier_saved_message(tmp_path):
    view = _form(tmp_path)
    view.controls["save"].click()
    assert "Saved" in view.readout.value and view.error.value == ""
    view.controls["save"].click()  # the file exists now, and replacing is not ticked
    assert "already exists" in view.error.value
    assert "Saved" not in view.readout.value


def test_form_permission_error_on_save_shows_in_the_error_line(tmp_path, monkeypatch):
    view = _form(tmp_path, "locked.json")
    view.controls["save"].click()
    assert "Saved" in view.readout.value
    view.controls["replace"].value = True
    monkeypatch.setattr(_files.tempfile, "mkstemp", _deny)
    view.controls["save"].click()
    assert "permission denied" in view.error.value and "locked.json" in view.error.value
    assert "Saved" not in view.readout.value


def test_form_permission_error_on_load_shows_and_keeps_the_typed_text(tmp_path, monkeypatch):
    view = _form(tmp_path, "mine.csv")
    view.controls["save"].click()
    view.controls["channels"].value = "typed since"
    monkeypatch.setattr(type(tmp_path), "open", _deny)
    view.controls["load"].click()
    assert "permission denied" in view.error.value and "mine.csv" in view.error.value
    assert view.controls["channels"].value == "typed since"
    assert "Loaded" not in view.readout.value


def test_form_loads_a_csv_with_a_byte_order_mark(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "plain.csv")
    (tmp_path / "excel.csv").write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    view = _form(tmp_path, "excel.csv")
    view.controls["load"].click()
    assert view.error.value == "" and "Loaded" in view.readout.value
    assert view.controls["channels"].value == _sheet()["channels"]
