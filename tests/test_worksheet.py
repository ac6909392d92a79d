"""Tests of livekit.worksheet: the round trip, never overwriting, atomic writes, bad files."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livekit import worksheet
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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(max_size=60), min_size=9, max_size=9),
       ext=st.sampled_from([".csv", ".json"]))
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
    with pytest.raises(ValueError, match="mine.json: the file already exists"):
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

    monkeypatch.setattr(worksheet.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        worksheet.save_worksheet({"channels": "new"}, path, overwrite=True)
    assert path.read_bytes() == before  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_creates_missing_folders(tmp_path):
    path = worksheet.save_worksheet(_sheet(), tmp_path / "class" / "week1" / "mine.csv")
    assert path.is_file()


@pytest.mark.parametrize("name, content, message", [
    ("bad.json", "{not json", "bad.json: not valid JSON"),
    ("list.json", "[1, 2]", "list.json: a worksheet file must hold an object with a 'blocks' key"),
    ("nokey.json", '{"value_proposition": "x"}', "nokey.json: a worksheet file must hold an object"),
    ("blocks.json", '{"blocks": ["x"]}', "blocks.json: 'blocks' must be an object"),
    ("num.json", '{"blocks": {"channels": 3}}', "num.json: block 'channels' must hold text"),
    ("unknown.json", '{"blocks": {"customers": "x"}}', "unknown.json: unknown block 'customers'"),
    ("empty.csv", "", "empty.csv: the file is empty"),
    ("header.csv", "name,value\nchannels,x\n", "header.csv: the header must be 'block,text'"),
    ("cells.csv", "block,text\nchannels,x,y\n", "cells.csv: line 2 has 3 cells"),
    ("dup.csv", "block,text\nchannels,a\nchannels,b\n", "dup.csv: line 3: block 'channels' appears twice"),
    ("unknown.csv", "block,text\ncustomers,x\n", "unknown.csv: line 2: unknown block 'customers'"),
    ("long.csv", "block,text\nchannels," + "x" * 500 + "\n", "long.csv\\['channels'\\] is 500 characters long"),
])
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
