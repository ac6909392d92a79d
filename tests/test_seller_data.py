"""livekit.seller_data: the kit's seller tables, a user's own table, and the own-data flow.

The flow (:class:`OwnDataFlow`) is what the upload view runs on; here it is driven without any
widget: load or paste, look, map, read, score, and what it keeps between the steps.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from livekit import seller_data, sellers
from livekit.seller_data import MAX_VIEW_BYTES, PASTED_NAME, OwnDataFlow

SIX = (
    "Name,Fans,Viewers,Conversion\n"
    "Shop A,1200,30,2%\nShop B,85k,2400,5%\nShop C,400000,900,1%\n"
    "Shop D,3.5万,12000,8%\nShop E,1.2M,45000,3%\nShop F,15000,150,12%\n"
).encode()
GUESSED = {
    "Name": "seller",
    "Fans": "followers",
    "Viewers": "avg_viewers",
    "Conversion": "conversion",
}


@pytest.fixture
def flow():
    return OwnDataFlow(score=sellers.score_sellers)


def _calls(counter: dict):
    """A score function that counts its calls (to see what the flow keeps)."""

    def score(table, method="log-minmax"):
        counter["n"] = counter.get("n", 0) + 1
        return sellers.score_sellers(table, method=method)

    return score


# --- the module's functions ------------------------------------------------------------------


def test_kit_columns_and_user_schema_name_the_same_columns():
    schema = seller_data.user_schema()
    assert seller_data.kit_columns() == [c.name for c in schema.columns]
    assert schema.unique == ("seller",) and schema.no_repeated_rows
    assert [c.name for c in schema.columns if c.required] == ["seller"]


def test_the_loaders_give_the_documented_tables():
    teach = seller_data.load_sellers()
    twitch = seller_data.load_twitch()
    assert len(teach) == 44 and len(twitch) == 1000
    assert list(twitch.columns) == [
        "seller",
        "followers",
        "avg_viewers",
        "total_watch_time",
        "peak_viewers",
        "stream_time",
        "language",
        "partnered",
    ]
    pd.testing.assert_frame_equal(seller_data.load_dataset("twitch"), twitch)


def test_read_sellers_needs_one_metric_of_each_dimension():
    with pytest.raises(ValueError, match=r"^mine\.csv: .*attractiveness"):
        seller_data.read_sellers(b"seller,followers\nA,1\nB,2\n", label="mine.csv")


# --- the flow, without widgets -------------------------------------------------------------------


def test_before_any_file_the_flow_has_nothing_and_says_so(flow):
    assert flow.sniffed is None and flow.columns == () and flow.mapping == {}
    assert flow.warnings == ()
    with pytest.raises(ValueError, match="no file yet: upload one, paste cells"):
        flow.table()


def test_load_guesses_a_mapping_reads_and_scores(flow):
    assert flow.load(SIX, name="six.csv") is True
    assert (flow.name, flow.note, flow.columns) == ("six.csv", "your upload", tuple(GUESSED))
    assert flow.mapping == GUESSED
    table = flow.table()
    assert table["followers"].tolist() == [1200, 85000, 400000, 35000, 1.2e6, 15000]
    expected = sellers.score_sellers(seller_data.read_sellers(SIX, columns=GUESSED))
    pd.testing.assert_frame_equal(flow.scored(), expected)
    assert flow.scored().attrs["reference"] == "self"


def test_each_step_is_kept_until_what_it_depends_on_changes():
    counter: dict = {}
    flow = OwnDataFlow(score=_calls(counter))
    flow.load(SIX, name="six.csv")
    table, scored = flow.table(), flow.scored()
    assert flow.table() is table and flow.scored() is scored and counter["n"] == 1
    flow.scored("percentile")
    assert counter["n"] == 2  # another method: scored again, not read again
    assert flow.table() is table
    assert flow.choose("Conversion", "") is True  # a mapping change: read again
    assert "conversion" not in flow.table().columns and flow.table() is not table
    assert flow.choose("Conversion", "") is False  # the same choice changes nothing
    assert flow.set_options(decimal=".") is True and flow.set_options(decimal=".") is False


def test_choices_are_kept_by_column_name_across_files(flow):
    flow.load(SIX, name="six.csv")
    flow.choose("Viewers", "")
    flow.load(b"Name,Fans,Viewers\nA,1,2\nB,3,4\n", name="other.csv")
    assert flow.mapping == {"Name": "seller", "Fans": "followers"}  # Viewers: the choice
    assert flow.kit_of("Viewers") == "" and flow.choices == {"Viewers": ""}
    with pytest.raises(ValueError, match="attractiveness"):
        flow.table()


def test_the_mapping_problems_are_the_readers(flow):
    flow.load(SIX, name="six.csv")
    flow.choose("Viewers", "followers")
    with pytest.raises(ValueError) as err:
        flow.table()
    assert str(err.value) == (
        "six.csv: columns 'Fans' and 'Viewers' would both be the kit's 'followers'; map only one"
    )
    flow.choose("Viewers", "avg_viewers")
    flow.choose("Name", "")
    with pytest.raises(ValueError, match=r"column 'seller' is missing"):
        flow.table()


def test_offered_kit_columns_follow_the_cells(flow):
    flow.load(SIX, name="six.csv")
    assert flow.offered("Name") == ["seller"]
    assert "conversion" in flow.offered("Conversion")  # 2% ... 12%: shares
    assert "conversion" not in flow.offered("Fans")  # 1.2M is no share
    flow.choose("Name", "followers")  # a choice is always offered, even a strange one
    assert flow.offered("Name") == ["seller", "followers"]
    with pytest.raises(ValueError, match="column must be one of the file's columns"):
        flow.offered("Nope")


def test_pasted_cells_are_a_tab_separated_file(flow):
    pasted = "主播\t粉丝数\t场均观看\r\n果园小王\t8.6万\t1200\r\n茶山阿妹\t3.2万\t450\r\n"
    assert flow.paste("   \n") is False and flow.sniffed is None  # nothing pasted yet
    assert flow.paste(pasted) is True
    assert (flow.name, flow.note, flow.sniffed.sep) == (PASTED_NAME, "pasted cells", "\t")
    assert flow.table()["followers"].tolist() == [86000.0, 32000.0]
    assert flow.scored().attrs["reference"] == "teaching set"


def test_a_workbook_with_sheets_and_a_title(flow):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["exported from the dashboard"])
    data = book.create_sheet("Data")
    for row in (["Top sellers"], ["主播", "粉丝数", "场均观看"], ["A", 100, 5], ["B", 2000, 50]):
        data.append(row)
    content = io.BytesIO()
    book.save(content)
    flow.load(content.getvalue(), name="book.xlsx")
    assert flow.sniffed.sheets == ("Notes", "Data") and flow.sniffed.sheet == "Data"
    assert flow.sniffed.header_line == 2
    assert flow.table()["seller"].tolist() == ["A", "B"]
    assert flow.warnings == (
        "read sheet 'Data', the first holding a table, of 2 sheets (0: 'Notes', 1: 'Data'); "
        "pass sheet=NAME for another",
        "header: row 2; skipped above it: row 1 'Top sellers'; pass header_line=... if the "
        "header is on another row",
    )
    assert flow.set_options(sheet="Notes") is True
    assert flow.sniffed.sheet == "Notes" and flow.columns == ("exported from the dashboard",)
    flow.load(SIX, name="six.csv")  # another file: its own sheets (none)
    assert flow.options["sheet"] is None


def test_warnings_of_the_reading_replace_the_first_looks(flow):
    flow.load(
        b"seller,followers,avg_viewers\nA,10w+,3\nB,2,4\nC,5,6\nTotal,100007,13\n", name="t.csv"
    )
    assert flow.warnings == ()  # the first look does not read the numbers
    flow.table()
    assert flow.warnings == (
        "line 5: dropped as a totals row (named 'Total'), not a data row; the table has the rows "
        "above it",
        "column 'followers': 1 value is a lower bound written with '+' (line 2: '10w+'); it is "
        "read as the bound, so the true figure may be higher",
    )


def test_a_file_that_cannot_be_read_raises_its_problems(flow):
    flow.load(b"%PDF-1.4 report", name="report.csv")
    assert flow.columns == ()
    with pytest.raises(ValueError, match=r"^report\.csv: is a PDF document, not a table"):
        flow.table()


def test_a_file_too_large_for_the_view_names_its_size_and_the_code_route():
    flow = OwnDataFlow(score=sellers.score_sellers, max_bytes=1000)
    with pytest.raises(ValueError) as err:
        flow.load(b"x" * 2500, name="big.csv")
    assert str(err.value) == (
        "big.csv: is 2 KB; this view takes files up to 1 KB. Read it with code instead: "
        "seller_data.read_sellers('big.csv', columns={...}) (README: Bring your own data)"
    )
    assert flow.name is None  # nothing taken
    assert MAX_VIEW_BYTES == 10 * 2**20


def test_bad_arguments_name_the_parameter(flow):
    with pytest.raises(TypeError, match="score must be a function"):
        OwnDataFlow(score=None)
    with pytest.raises(ValueError, match="max_bytes"):
        OwnDataFlow(score=sellers.score_sellers, max_bytes=0)
    with pytest.raises(TypeError, match="content must be the file's bytes"):
        flow.load("text", name="x.csv")
    with pytest.raises(TypeError, match="text must be the pasted cells"):
        flow.paste(b"bytes")
    with pytest.raises(ValueError, match=r"options must be among .*, got \['delimiter'\]"):
        flow.set_options(delimiter=";")
    with pytest.raises(ValueError, match="kit must be one of"):
        flow.choose("Fans", "fans")


def test_emptying_the_paste_box_brings_back_the_file_the_paste_replaced(flow):
    flow.load(b"seller,followers,avg_viewers\nA,100,5\nB,2000,50\n", name="mine.csv")
    assert flow.paste("主播\t粉丝数\t场均观看\n果园小王\t8.6万\t1200\n") is True
    assert flow.name == PASTED_NAME
    assert flow.paste("") is True  # the box emptied: the upload is back
    assert (flow.name, flow.note) == ("mine.csv", "your upload")
    assert flow.table()["seller"].tolist() == ["A", "B"]
    assert flow.paste(" ") is False  # nothing pasted now: nothing to undo
