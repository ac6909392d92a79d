"""The data loader: every kit table loads, and a corrupted file says where it is broken."""

import hashlib
import re
import shutil
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from livekit import data
from livekit.data import read_table
from livekit.reading import TableWarning
from livekit.schemas import SCHEMAS, Column, Schema


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_kit_table_loads_and_matches_its_schema(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", TableWarning)  # no row dropped, no line skipped
        table = data.load(name)
    assert table.attrs["warnings"] == ()
    schema = data.schema_of(name)
    assert len(table) >= schema.min_rows
    for col in schema.columns:
        if col.required:
            assert col.name in table.columns
        if col.name in table.columns and col.kind in ("int", "float") and col.low is not None:
            assert (table[col.name].dropna() >= col.low).all()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_kit_table_is_in_the_data_dictionary(name):
    readme = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    documented = name in readme or (name.startswith("checks_") and "checks_*.csv" in readme)
    assert documented, f"data/README.md does not document {name}.csv"
    for col in data.schema_of(name).columns:
        if not name.startswith("checks_"):
            assert f"`{col.name}`" in readme, (
                f"data/README.md: column {col.name!r} of {name}.csv is undocumented"
            )


def test_every_csv_in_data_has_a_schema():
    stems = {p.stem for p in data.data_dir().glob("*.csv")}
    assert stems <= set(SCHEMAS), f"CSV files without a schema: {sorted(stems - set(SCHEMAS))}"


def test_twitch_table_is_the_shared_copy_and_typed():
    table = data.load("twitch_top_streamers")
    assert table.shape == (1000, 11)
    assert table["Followers"].dtype == "int64"
    assert table["Partnered"].dtype == bool
    assert (table["Followers gained"] < 0).sum() == 3  # as the provenance note says
    shared = Path(data.data_dir()).parent.parent / "shared" / "data" / "twitch_top_streamers.csv"
    if shared.exists():
        assert shared.read_bytes() == (data.data_dir() / "twitch_top_streamers.csv").read_bytes()


def test_canvas_blocks_place_every_block_in_a_known_module():
    blocks = data.load("canvas_blocks")
    modules = data.load("value_modules")
    assert len(blocks) == 9
    assert set(blocks["module"]) == set(modules["module"])
    assert list(modules.sort_values("order")["module"]) == [
        "proposition",
        "creation",
        "delivery",
        "capture",
    ]


# --- corrupted files -------------------------------------------------------------------


def _twitch_copy(tmp_path, edit):
    source = data.data_dir() / "twitch_top_streamers.csv"
    target = tmp_path / "twitch.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    edit(lines)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _set_cell(lines, row, column, value):
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)


def test_missing_column_names_file_and_column(tmp_path):
    def drop_followers(lines):
        for i, line in enumerate(lines):
            cells = line.split(",")
            del cells[5]
            lines[i] = ",".join(cells)

    path = _twitch_copy(tmp_path, drop_followers)
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}: column 'Followers' is missing"):
        read_table(path, SCHEMAS["twitch_top_streamers"])


def test_wrong_type_names_column_and_first_row(tmp_path):
    path = _twitch_copy(
        tmp_path,
        lambda lines: (
            _set_cell(lines, 7, "Peak viewers", "lots"),
            _set_cell(lines, 9, "Peak viewers", "many"),
        ),
    )
    with pytest.raises(ValueError) as err:
        read_table(path, SCHEMAS["twitch_top_streamers"])
    assert str(err.value) == (
        f"{path}: 2 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 8, column 'Peak viewers': value 'lots'; allowed: a whole number of at least 0 "
        "(viewers)\n"
        "  line 10, column 'Peak viewers': value 'many'; allowed: a whole number of at least 0 "
        "(viewers)"
    )


def test_out_of_range_value_names_column_and_row(tmp_path):
    path = _twitch_copy(tmp_path, lambda lines: _set_cell(lines, 12, "Average viewers", "-40"))
    with pytest.raises(
        ValueError,
        match=r"line 13, column 'Average viewers': value '-40'; allowed: a whole number of at "
        r"least 0",
    ):
        read_table(path, SCHEMAS["twitch_top_streamers"])


def test_empty_file_and_header_only(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValueError, match=r"empty\.csv: the file is empty"):
        read_table(empty, SCHEMAS["twitch_top_streamers"])
    header_only = tmp_path / "header.csv"
    header_only.write_text(
        (data.data_dir() / "twitch_top_streamers.csv").read_text().splitlines()[0] + "\n"
    )
    with pytest.raises(ValueError, match=r"header\.csv: the file has 0 data rows"):
        read_table(header_only, SCHEMAS["twitch_top_streamers"])


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"nowhere\.csv: file not found"):
        read_table(tmp_path / "nowhere.csv", SCHEMAS["twitch_top_streamers"])


def test_bad_bool_allowed_pattern_and_duplicates(tmp_path):
    path = _twitch_copy(tmp_path, lambda lines: _set_cell(lines, 3, "Partnered", "maybe"))
    with pytest.raises(
        ValueError, match=r"line 4, column 'Partnered': value 'maybe'; allowed: True or False"
    ):
        read_table(path, SCHEMAS["twitch_top_streamers"])
    path = _twitch_copy(
        tmp_path, lambda lines: _set_cell(lines, 5, "Channel", lines[2].split(",")[0])
    )
    with pytest.raises(
        ValueError,
        match=r"line 6, column 'Channel': value .*; allowed: each value once; .* is on lines 3, 6",
    ):
        read_table(path, SCHEMAS["twitch_top_streamers"])
    facts = tmp_path / "facts.csv"
    text = (
        (data.data_dir() / "live_commerce_facts.csv").read_text().replace(",sales,", ",revenue,", 1)
    )
    facts.write_text(text)
    with pytest.raises(
        ValueError, match=r"line 2, column 'metric': value 'revenue'; allowed: one of"
    ):
        read_table(facts, SCHEMAS["live_commerce_facts"])


def test_nullable_and_optional_columns(tmp_path):
    schema = Schema(
        "demo",
        (
            Column("a", "int", low=0),
            Column("b", "text", required=False),
            Column("c", "float", nullable=True),
        ),
    )
    path = tmp_path / "demo.csv"
    path.write_text("a,c\n1,\n2,2.5\n")
    table = read_table(path, schema)
    assert list(table["a"]) == [1, 2]
    assert pd.isna(table["c"].iloc[0]) and table["c"].iloc[1] == 2.5
    path.write_text("a,c\n1,\n,2.5\n")
    with pytest.raises(
        ValueError,
        match=r"line 3, column 'a': value ''; allowed: a value is required: a whole number of "
        r"at least 0",
    ):
        read_table(path, schema)
    path.write_text("a,c\n1.5,1\n")
    with pytest.raises(
        ValueError, match=r"line 2, column 'a': value '1.5'; allowed: a whole number of at least 0"
    ):
        read_table(path, schema)


def test_user_csv_with_column_mapping(tmp_path):
    schema = Schema(
        "mini", (Column("Followers", "int", low=0), Column("Average viewers", "int", low=0))
    )
    path = tmp_path / "mine.csv"
    path.write_text("subs,viewers,extra\n100,5,x\n2000,40,y\n")
    table = read_table(path, schema, columns={"subs": "Followers", "viewers": "Average viewers"})
    assert list(table["Followers"]) == [100, 2000]
    assert list(table["extra"]) == ["x", "y"]
    with pytest.raises(
        ValueError, match=r"mine\.csv: columns 'Followers', 'Average viewers' are missing"
    ):
        read_table(path, schema)
    with pytest.raises(ValueError, match=r"column mapping names \['fans'\]"):
        read_table(path, schema, columns={"fans": "Followers"})


def test_loading_never_modifies_the_file(tmp_path):
    source = data.data_dir() / "twitch_top_streamers.csv"
    copy = tmp_path / "t.csv"
    shutil.copy(source, copy)
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    read_table(copy, SCHEMAS["twitch_top_streamers"])
    after = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    assert before == after


def test_unknown_table_name_lists_the_known_ones():
    with pytest.raises(
        ValueError, match=r"name must be one of the kit's tables \[.*'twitch_top_streamers'"
    ):
        data.load("twich")


MINI = Schema("mini", (Column("name", "text"), Column("n", "int", low=0), Column("ok", "bool")))


def test_any_table_reads_from_a_workbook_with_its_types(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["name", "n", "ok"], ["a", 3, True], ["b", 4, "no"], ["007", 5, "yes"]):
        sheet.append(row)
    book.save(tmp_path / "mini.xlsx")
    table = read_table(tmp_path / "mini.xlsx", MINI)
    assert table.to_dict("list") == {
        "name": ["a", "b", "007"],
        "n": [3, 4, 5],
        "ok": [True, False, True],
    }
    assert table["n"].dtype == "int64" and table["ok"].dtype == bool


def test_names_that_look_like_numbers_stay_text(tmp_path):
    path = tmp_path / "mini.csv"
    path.write_text("name,n,ok\n007,1,yes\n010,2,no\n")
    assert read_table(path, MINI)["name"].tolist() == ["007", "010"]


def test_header_line_and_a_totals_row_in_any_table(tmp_path):
    path = tmp_path / "mini.csv"
    path.write_text("Counts by name\nname,n,ok\na,1,yes\nb,2,no\nc,3,no\nTotal,6,\n")
    with pytest.warns(TableWarning) as caught:
        table = read_table(path, MINI)
    assert table["name"].tolist() == ["a", "b", "c"] and len(caught) == 2
    assert str(caught[1].message) == (
        "line 6: dropped as a totals row (named 'Total'), not a data row; the table has the rows "
        "above it"
    )
    with pytest.warns(TableWarning, match="totals row"):  # only that: the header was named
        named = read_table(path, MINI, header_line=2)
    assert named.attrs["notes"][2] == "header: line 2; skipped above it: line 1 'Counts by name'"
