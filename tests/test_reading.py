"""Reading users' own seller tables (livekit.reading, data.read_table, seller_data.read_sellers).

Each case writes a small file in tmp_path, the way Excel, a dashboard, a Chinese spreadsheet or a
scraper writes it (workbooks are made with openpyxl), and asserts the exact reading or the exact
message.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from livekit import reading, seller_data, seller_metrics, sellers
from livekit.reading import TableWarning, parse_number

HEADER = "seller,followers,avg_viewers\n"


def _write(
    tmp_path, text: str, *, encoding: str = "utf-8", name: str = "mine.csv", bom: bytes = b""
):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


# --- separators and encodings -------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_separator_is_detected(tmp_path, sep):
    text = f"seller{sep}followers{sep}avg_viewers\nAnna{sep}1200{sep}30\nBo{sep}50000{sep}900\n"
    table = seller_data.read_sellers(_write(tmp_path, text))
    assert table["seller"].tolist() == ["Anna", "Bo"]
    assert table["followers"].tolist() == [1200.0, 50000.0]
    assert table["avg_viewers"].tolist() == [30.0, 900.0]


@pytest.mark.parametrize(
    "encoding, bom, used",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
    ],
)
def test_encoding_is_detected(tmp_path, encoding, bom, used):
    text = "主播,粉丝数,观看人数\n李佳琦,1200,30\n薇娅,50000,900\n"
    path = _write(tmp_path, text, encoding=encoding, bom=bom)
    raw = reading.read_raw(path)
    assert raw.encoding == used
    assert raw.columns == ("主播", "粉丝数", "观看人数")
    table = seller_data.read_sellers(
        path, columns={"主播": "seller", "粉丝数": "followers", "观看人数": "avg_viewers"}
    )
    assert table["seller"].tolist() == ["李佳琦", "薇娅"]


def test_utf16_tab_separated_as_excel_writes_it(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "seller\tfollowers\tavg_viewers\r\nAnna\t1200\t30\r\nBo\t5万\t900\r\n".encode("utf-16")
    )
    sniffed = reading.sniff(path)
    assert (sniffed.encoding, sniffed.sep, sniffed.problems) == ("utf-16", "\t", ())
    table = seller_data.read_sellers(path)
    assert table["followers"].tolist() == [1200.0, 50000.0]


def test_undecodable_file_says_what_to_pass(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("seller,followers,avg_viewers\nJosé,1200,30\n".encode("cp1252"))
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: is not UTF-8 text (byte 0xe9 on line 2) and not Chinese GBK text either. "
        'If Excel saved it in a Western European setting pass encoding="cp1252"; for Chinese '
        'Excel encoding="gbk"; or save it again as "CSV UTF-8"'
    )
    assert seller_data.read_sellers(path, encoding="cp1252")["seller"].tolist() == ["José"]


def test_utf16_without_bom_says_what_to_pass(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes((HEADER + "Anna,1,2\n").encode("utf-16-le"))
    with pytest.raises(ValueError, match=r'pass encoding="utf-16-le"'):
        seller_data.read_sellers(path)
    assert seller_data.read_sellers(path, encoding="utf-16-le")["followers"].tolist() == [1.0]


def test_forced_wrong_separator_hints_at_the_right_one(tmp_path):
    path = _write(tmp_path, "name;followers;avg_viewers\nAnna;1200;30\n")
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path, sep=",", columns={"name": "seller"})
    assert str(err.value) == (
        f"{path}: column mapping names ['name'], which the file does not have; its columns are "
        "['name;followers;avg_viewers']. A column name holds ';': if the file is separated by "
        "semicolons, pass sep=';'"
    )


# --- row widths -------------------------------------------------------------------------


def test_extra_and_missing_fields_name_the_lines(tmp_path):
    path = _write(tmp_path, HEADER + "Anna,1200,30\nBo,50000,900,\nCy,7\nDi,1,2\n")
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: 2 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 3: has 4 fields, the header has 3 (a separator too many: a trailing one, or a "
        "decimal comma in a comma-separated file? Quote that value or save with sep=';')\n"
        "  line 4: has 2 fields, the header has 3"
    )


def test_decimal_commas_turned_into_commas_do_not_shift_columns(tmp_path):
    path = _write(tmp_path, HEADER + "Anna,1500,5,30\n")
    with pytest.raises(ValueError, match=r"line 2: has 4 fields, the header has 3"):
        seller_data.read_sellers(path)


def test_quoted_field_over_two_lines_keeps_editor_line_numbers(tmp_path):
    path = _write(
        tmp_path, 'seller,followers,avg_viewers,note\nAnna,1200,30,"two\nlines"\nBo,x,900,ok\n'
    )
    with pytest.raises(ValueError, match=r"line 4, column 'followers': value 'x'"):
        seller_data.read_sellers(path)


# --- decimal marks and suffixes ------------------------------------------------------------


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = _write(
        tmp_path,
        "seller;followers;avg_viewers;conversion\nAnna;1500,5;30;0,05\nBo;1.234,5;900;0,1\n",
    )
    table = seller_data.read_sellers(path)
    assert table["followers"].tolist() == [1500.5, 1234.5]
    assert table["conversion"].tolist() == [0.05, 0.1]


def test_quoted_decimal_comma_in_comma_file_is_never_thousands(tmp_path):
    path = _write(tmp_path, HEADER + 'Anna,"1500,5",30\nBo,2000,900\n')
    assert seller_data.read_sellers(path)["followers"].tolist() == [1500.5, 2000.0]


def test_thousands_commas_with_decimal_points(tmp_path):
    path = _write(tmp_path, HEADER + 'Anna,"1,500",30.5\nBo,"12,000,000",900\n')
    assert seller_data.read_sellers(path)["followers"].tolist() == [1500.0, 12_000_000.0]


def test_ambiguous_decimal_explains_both_readings(tmp_path):
    path = _write(tmp_path, "seller;followers;avg_viewers\nAnna;1,500;30\nBo;2,000;900\n")
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: cannot tell the decimal mark: line 2, column 'followers' has '1,500', which "
        "reads as 1500 if ',' groups thousands (pass decimal='.') or as 1.5 if ',' is the "
        "decimal mark (pass decimal=',')"
    )
    assert seller_data.read_sellers(path, decimal=".")["followers"].tolist() == [1500.0, 2000.0]
    assert seller_data.read_sellers(path, decimal=",")["followers"].tolist() == [1.5, 2.0]


def test_mixed_decimal_marks_are_an_error(tmp_path):
    path = _write(tmp_path, "seller;followers;avg_viewers\nAnna;1500,5;30\nBo;2000.5;900\n")
    with pytest.raises(
        ValueError,
        match=r"mixes decimal points \(line 3, column 'followers': '2000.5'\) and "
        r"decimal commas \(line 2, column 'followers': '1500,5'\)",
    ):
        seller_data.read_sellers(path)


@pytest.mark.parametrize(
    "text, decimal, value",
    [
        ("12.3k", ".", 12_300),
        ("1.2M", ".", 1_200_000),
        ("1.2m", ".", 1_200_000),
        ("2B", ".", 2e9),
        ("3.5万", ".", 35_000),
        ("1.2亿", ".", 120_000_000),
        ("3.5w", ".", 35_000),
        ("12%", ".", 0.12),
        ("1,5万", ",", 15_000),
        ("1 500", ".", 1500),  # issue 19: spaces grouping thousands are read (was NaN)
        ("15 00", ".", float("nan")),
        ("1e6", ".", 1e6),
        ("-4", ".", -4),
        ("1,500.5", ".", 1500.5),
        ("1.234,5", ",", 1234.5),
        ("1500,5", ".", float("nan")),
        ("abc", ".", float("nan")),
    ],
)
def test_parse_number(text, decimal, value):
    got = parse_number(text, decimal=decimal)
    assert (got != got and value != value) or got == pytest.approx(value)


def test_suffixes_in_a_file(tmp_path):
    path = _write(
        tmp_path,
        "seller,followers,avg_viewers,conversion\nAnna,12.3k,1.2M,5%\nBo,3.5万,1.2亿,0.1\n",
    )
    table = seller_data.read_sellers(path)
    assert table["followers"].tolist() == [12_300.0, 35_000.0]
    assert table["avg_viewers"].tolist() == [1_200_000.0, 120_000_000.0]
    assert table["conversion"].tolist() == [0.05, 0.1]


# --- header-less files, duplicates, sizes -----------------------------------------------------


def test_header_less_file_with_names(tmp_path):
    path = _write(tmp_path, "Anna,1200,30\nBo,50000,x\n")
    with pytest.raises(ValueError, match=r"header=False needs names"):
        seller_data.read_sellers(path, header=False)
    with pytest.raises(ValueError, match=r"line 2, column 'avg_viewers': value 'x'"):
        seller_data.read_sellers(path, header=False, names=["seller", "followers", "avg_viewers"])
    path.write_text("Anna,1200,30\nBo,50000,900\n")
    table = seller_data.read_sellers(
        path,
        header=False,
        names=["Name", "Fans", "Viewers"],
        columns={"Name": "seller", "Fans": "followers", "Viewers": "avg_viewers"},
    )
    assert table["seller"].tolist() == ["Anna", "Bo"] and table["avg_viewers"].tolist() == [
        30.0,
        900.0,
    ]


def test_duplicate_sellers_and_repeated_rows(tmp_path):
    path = _write(
        tmp_path, HEADER + "Anna,1200,30\nBo,50000,900\nAnna,1300,31\nBo,50000,900\nAnna,1,1\n"
    )
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: 2 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 4, column 'seller': value 'Anna'; allowed: each value once; 'Anna' is on "
        "lines 2, 4, 6\n"
        "  line 5: repeats line 3 exactly; each row must appear once"
    )


def test_one_seller_reads_and_scores_against_the_teaching_set(tmp_path):
    table = seller_data.read_sellers(_write(tmp_path, HEADER + "Tiny shop,3,1\n"))
    scored = sellers.score_sellers(table)
    assert scored.attrs["reference"] == "teaching set"
    assert sellers.classify(scored)[0] == "low-level"


def test_constant_metric_reads_and_scores_against_the_teaching_set(tmp_path):
    rows = "".join(f"S{k},{1000 * (k + 1)},50\n" for k in range(6))
    table = seller_data.read_sellers(_write(tmp_path, HEADER + rows))
    scored = sellers.score_sellers(table)
    assert scored.attrs["reference"] == "teaching set"
    assert "every seller has the same avg_viewers (50)" in scored.attrs["reference_note"]


# --- every problem in one message -----------------------------------------------------------


def test_all_problems_in_file_order_with_both_column_names(tmp_path):
    path = _write(
        tmp_path, "Name,Fans,Viewers,Buy rate\nAnna,12a,30,0.1\nBo,,-5,1.5\nCy,7,8,0.2\nDi,-1,9,x\n"
    )
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(
            path,
            columns={
                "Name": "seller",
                "Fans": "followers",
                "Viewers": "avg_viewers",
                "Buy rate": "conversion",
            },
        )
    assert str(err.value) == (
        f"{path}: 6 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 2, column 'Fans' (kit column 'followers'): value '12a'; allowed: a number of at "
        "least 0 (followers)\n"
        "  line 3, column 'Fans' (kit column 'followers'): value ''; allowed: a value is "
        "required: a number of at least 0 (followers)\n"
        "  line 3, column 'Viewers' (kit column 'avg_viewers'): value '-5'; allowed: a number of "
        "at least 0 (viewers)\n"
        "  line 3, column 'Buy rate' (kit column 'conversion'): value '1.5'; allowed: a number "
        "from 0 to 1 (share of viewers)\n"
        "  line 5, column 'Fans' (kit column 'followers'): value '-1'; allowed: a number of at "
        "least 0 (followers)\n"
        "  line 5, column 'Buy rate' (kit column 'conversion'): value 'x'; allowed: a number "
        "from 0 to 1 (share of viewers)"
    )


def test_long_lists_are_capped(tmp_path):
    rows = "".join(f"S{k},bad{k},1\n" for k in range(30))
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(_write(tmp_path, HEADER + rows))
    lines = str(err.value).splitlines()
    assert lines[0].endswith("30 problems (lines as an editor numbers them, the header is line 1):")
    assert len(lines) == 1 + reading.MAX_LISTED + 1 and lines[-1] == "  and 10 more"
    assert lines[1].startswith("  line 2, column 'followers': value 'bad0'")


def test_loading_never_changes_the_file(tmp_path):
    path = _write(
        tmp_path, "seller;followers;avg_viewers\nAnna;1500,5;30\nBo;2000;900\n", bom=b"\xef\xbb\xbf"
    )
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    seller_data.read_sellers(path)
    reading.sniff(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


# --- bytes, file-likes, preview --------------------------------------------------------------


def test_bytes_and_file_likes_read_like_a_path(tmp_path):
    content = (HEADER + "Anna,1200,30\nBo,50000,900\n").encode("gbk")
    from_bytes = seller_data.read_sellers(content, label="upload.csv")
    from_binary = seller_data.read_sellers(io.BytesIO(content))
    from_text = seller_data.read_sellers(io.StringIO(content.decode("gbk")))
    pd.testing.assert_frame_equal(from_bytes, from_binary)
    pd.testing.assert_frame_equal(from_bytes, from_text)
    with pytest.raises(ValueError, match=r"^upload\.csv: 1 problem"):
        seller_data.read_sellers(HEADER.encode() + b"Anna,x,1\n", label="upload.csv")
    with pytest.raises(ValueError, match="looks like CSV text"):
        seller_data.read_sellers(HEADER + "Anna,1,2\n")


def test_sniff_previews_without_a_mapping(tmp_path):
    path = _write(
        tmp_path, "Name;Fans;Viewers\nAnna;1500,5;30\nBo;2000;900\nCy;3;4\n", bom=b"\xef\xbb\xbf"
    )
    s = reading.sniff(path, rows=2)
    assert (s.encoding, s.sep, s.decimal, s.columns, s.n_rows, s.problems) == (
        "utf-8-sig",
        ";",
        ",",
        ("Name", "Fans", "Viewers"),
        3,
        (),
    )
    assert s.preview.to_dict("list") == {
        "line": [2, 3],
        "Name": ["Anna", "Bo"],
        "Fans": ["1500,5", "2000"],
        "Viewers": ["30", "900"],
    }
    assert s.notes == (
        "encoding: UTF-8 with BOM (detected)",
        "separator: semicolon (detected)",
        "decimal mark: ',' (detected)",
    )
    bad = reading.sniff(_write(tmp_path, HEADER + "Anna,1,2,3\n", name="bad.csv"))
    assert bad.columns == () and bad.problems[0].endswith(
        "line 2: has 4 fields, the header has 3 (a separator too "
        "many: a trailing one, or a decimal comma in a "
        "comma-separated file? Quote that value or save with sep=';')"
    )


def test_guess_columns_and_column_options():
    assert seller_data.guess_columns(["Channel", "Fans", "Average viewers", "转化率", "Notes"]) == {
        "Channel": "seller",
        "Fans": "followers",
        "Average viewers": "avg_viewers",
        "转化率": "conversion",
    }
    assert seller_data.column_options(["Anna", "Bo"]) == ["seller"]
    assert seller_data.column_options(["0.1", "0.25", ""]) == ["seller", *seller_metrics.METRICS]
    assert seller_data.column_options(["12k", "3"]) == [
        "seller",
        "followers",
        "annual_sales_cny",
        "avg_viewers",
        "watch_minutes",
        "engagement",
        "total_watch_time",
    ]
    assert seller_data.column_options(["-1", "3"]) == ["seller"]


def test_unclear_separator_empty_file_and_repeated_header_names(tmp_path):
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(_write(tmp_path, "a,b;c\n1,2;3\n", name="tie.csv"))
    assert str(err.value).endswith(
        "tie.csv: could be separated by comma (sep=',') and semicolon (sep=';'); "
        "pass the one it uses, e.g. sep=','"
    )
    with pytest.raises(ValueError, match=r"empty\.csv: the file is empty"):
        seller_data.read_sellers(_write(tmp_path, "\n\n", name="empty.csv"))
    with pytest.raises(
        ValueError, match=r"column name 'Fans' appears twice in the header \(fields 2 and 3\)"
    ):
        seller_data.read_sellers(_write(tmp_path, "Name,Fans,Fans\nA,1,2\n", name="twice.csv"))
    with pytest.raises(
        ValueError, match=r"columns 'Fans' and 'followers' would both be the kit's 'followers'"
    ):
        seller_data.read_sellers(
            _write(tmp_path, "seller,Fans,followers,avg_viewers\nA,1,2,3\n", name="both.csv"),
            columns={"Fans": "followers"},
        )


# --- numbers as platforms and Chinese spreadsheets write them ---------------------------------


@pytest.mark.parametrize(
    "text, decimal, value",
    [
        ("１２００００", ".", 120_000),  # full-width digits from a Chinese input method
        ("１２，０００．５", ".", 12_000.5),  # full-width comma and point
        ("３．５万", ".", 35_000),
        ("10w+", ".", 100_000),  # a lower bound: read as the bound
        ("1.2万+", ".", 12_000),
        ("100万+", ".", 1_000_000),
        ("¥1,200,000", ".", 1_200_000),
        ("￥35000", ".", 35_000),
        ("$5", ".", 5),
        ("€1.234,5", ",", 1234.5),
        ("£12.5k", ".", 12_500),
        ("35000元", ".", 35_000),
        ("3.5万元", ".", 35_000),
        ("1000+元", ".", 1000),
        ("1,234,567", ".", 1_234_567),  # two commas can only group thousands
        ("1.234.567", ",", 1_234_567),
        ("1,234,567", ",", float("nan")),  # ... so it is no number with a decimal comma
        ("1 234 567", ".", 1_234_567),  # spaces grouping thousands
        ("1 234,5", ",", 1234.5),
        ("1\u00a0234", ".", 1234),  # a no-break space, as French Excel groups
        ("\u22125", ".", -5),  # the typographic minus sign
        ("¥-5", ".", -5),
        ("5++", ".", float("nan")),
        ("-¥-5", ".", float("nan")),
        ("¥", ".", float("nan")),
    ],
)
def test_parse_number_reads_platform_and_chinese_forms(text, decimal, value):
    got = parse_number(text, decimal=decimal)
    assert (got != got and value != value) or got == pytest.approx(value)


def test_platform_and_chinese_number_forms_in_a_file(tmp_path):
    path = _write(
        tmp_path,
        "seller,followers,avg_viewers,annual_sales_cny\n"
        "A,１２００００,10w+,¥1200000\n"
        'B,1.2万+,"1,234,567",￥35000\n'
        "C,100万+,1 234,35000元\n",
    )
    with pytest.warns(TableWarning) as caught:
        table = seller_data.read_sellers(path)
    assert table["followers"].tolist() == [120_000.0, 12_000.0, 1_000_000.0]
    assert table["avg_viewers"].tolist() == [100_000.0, 1_234_567.0, 1234.0]
    assert table["annual_sales_cny"].tolist() == [1_200_000.0, 35_000.0, 35_000.0]
    assert [str(w.message) for w in caught] == [
        "column 'followers': 2 values are lower bounds written with '+' (line 3: '1.2万+'); "
        "each is read as the bound, so the true figure may be higher",
        "column 'avg_viewers': 1 value is a lower bound written with '+' (line 2: '10w+'); "
        "it is read as the bound, so the true figure may be higher",
    ]
    assert table.attrs["warnings"] == tuple(str(w.message) for w in caught)


def test_two_currencies_in_one_column_are_said(tmp_path):
    path = _write(tmp_path, "seller,annual_sales_cny,avg_viewers\nA,¥1200,3\nB,$5,4\nC,7元,5\n")
    with pytest.warns(TableWarning, match="mixes currencies") as caught:
        table = seller_data.read_sellers(path)
    assert table["annual_sales_cny"].tolist() == [1200.0, 5.0, 7.0]
    assert str(caught[0].message) == (
        "column 'annual_sales_cny': mixes currencies ($, ¥); the numbers are read as written, "
        "not converted"
    )


def test_two_commas_in_a_quoted_number_can_only_group_thousands(tmp_path):
    path = _write(tmp_path, HEADER + 'Anna,"1,234,567",30\nBo,"2,000",900\n')
    assert seller_data.read_sellers(path)["followers"].tolist() == [1_234_567.0, 2000.0]


def test_thousands_grouped_by_commas_and_decimal_commas_do_not_mix(tmp_path):
    path = _write(tmp_path, "seller;followers;avg_viewers\nAnna;1,234,567;30\nBo;0,5;900\n")
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: mixes commas grouping thousands (line 2, column 'followers': '1,234,567') and "
        "decimal commas (line 3, column 'followers': '0,5'); make them agree, or pass "
        "decimal='.' or decimal=','"
    )


def _form(value: int, form: str) -> tuple[str, str]:
    """``value`` written as exports write it, and the decimal mark to read it with."""
    grouped = f"{value:,}"
    fullwidth = str.maketrans("0123456789,", "０１２３４５６７８９，")
    return {
        "plain": (str(value), "."),
        "commas": (grouped, "."),
        "points": (grouped.replace(",", "."), ","),
        "spaces": (grouped.replace(",", " "), "."),
        "full-width": (grouped.translate(fullwidth), "."),
        "yuan sign": (f"¥{grouped}", "."),
        "yuan": (f"{value}元", "."),
        "lower bound": (f"{grouped}+", "."),
        "wan": (f"{value / 1e4:g}万" if value % 10_000 == 0 else str(value), "."),
        "k": (f"{value / 1e3:g}k" if value % 1000 == 0 else str(value), "."),
    }[form]


FORMS = ["plain", "commas", "points", "spaces", "full-width", "yuan sign", "yuan"]
FORMS += ["lower bound", "wan", "k"]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.sampled_from(FORMS))
def test_a_whole_number_in_any_form_reads_back(value, form):
    text, decimal = _form(value, form)
    assert parse_number(text, decimal=decimal) == pytest.approx(value, rel=1e-12), text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**9), st.sampled_from(FORMS), st.sampled_from(FORMS)),
        min_size=3,
        max_size=12,
    )
)
def test_a_file_with_numbers_in_any_form_reads_the_numbers(rows):
    """Each column in one decimal convention (points-grouping needs decimal=',')."""
    lines = ["seller\tfollowers\tavg_viewers"]
    *above, (last, _, _) = rows
    assume(last != sum(v for v, _, _ in above))  # else the last row is a totals row, dropped
    for k, (value, first, second) in enumerate(rows):
        first = "commas" if first == "points" else first
        second = "commas" if second == "points" else second
        cells = [_form(value, first)[0], _form(value + k, second)[0]]
        lines.append("\t".join([f"S{k}", *cells]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TableWarning)
        table = seller_data.read_sellers(("\n".join(lines) + "\n").encode(), decimal=".")
    assert table["followers"].tolist() == pytest.approx([float(v) for v, _, _ in rows])
    assert table["avg_viewers"].tolist() == pytest.approx(
        [float(v + k) for k, (v, _, _) in enumerate(rows)]
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789.,+-%kKwW万亿元¥$ ", max_size=10),
            st.sampled_from(["10w+", "１２３", "1,234,567", "¥1,200", "1.2万+", ""]),
        ),
        max_size=20,
    ),
    st.sampled_from([".", ","]),
)
def test_the_column_reader_agrees_with_the_cell_reader(texts, decimal):
    read = reading.parse_numbers(texts, decimal=decimal)
    expected = [parse_number(t, decimal=decimal) for t in texts]
    assert read["value"].tolist() == pytest.approx(expected, nan_ok=True)
    # a lower bound ends in "+", before any currency sign written after it ("10w+", "0+$")
    assert read["lower_bound"].tolist() == [
        re.sub(r"[\s¥￥$€£元]+$", "", t).endswith("+") and e == e for t, e in zip(texts, expected)
    ]


# --- title, notes and totals lines ------------------------------------------------------------

ROWS = "Anna,1200,30\nBo,50000,900\nCy,7,8\n"


def test_a_title_line_above_the_header_is_skipped_with_a_warning(tmp_path):
    path = _write(tmp_path, "Top live sellers, November 2025 (export)\n" + HEADER + ROWS)
    with pytest.warns(TableWarning) as caught:
        table = seller_data.read_sellers(path)
    assert table["seller"].tolist() == ["Anna", "Bo", "Cy"]
    assert table["followers"].tolist() == [1200.0, 50000.0, 7.0]
    assert [str(w.message) for w in caught] == [
        "header: line 2; skipped above it: line 1 'Top live sellers, November 2025 (export)'; "
        "pass header_line=... if the header is on another line"
    ]
    assert table.attrs["notes"][2] == (
        "header: line 2 (detected); skipped above it: line 1 "
        "'Top live sellers, November 2025 (export)'"
    )


def test_blank_lines_and_an_export_note_keep_editor_line_numbers(tmp_path):
    text = "Top sellers\n\nExported 2025-11-30 from the dashboard\n" + HEADER
    path = _write(tmp_path, text + "Anna,1200,30\nBo,x,900\n")
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: 1 problem (lines as an editor numbers them, the header is line 4):\n"
        "  line 6, column 'followers': value 'x'; allowed: a number of at least 0 (followers)"
    )
    sniffed = reading.sniff(path)
    assert sniffed.header_line == 4 and sniffed.preview["line"].tolist() == [5, 6]
    assert sniffed.warnings == (
        "header: line 4; skipped above it: line 1 'Top sellers', line 2 (blank), line 3 "
        "'Exported 2025-11-30 from the dashboard'; pass header_line=... if the header is on "
        "another line",
    )


def test_header_line_names_the_header_when_a_note_looks_like_one(tmp_path):
    path = _write(tmp_path, "Source: dashboard, Beauty, Nov\n" + HEADER + ROWS)
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: column 'seller' is missing (table 'seller_metrics' needs it); the file has "
        "['Source: dashboard', 'Beauty', 'Nov']"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = seller_data.read_sellers(path, header_line=2)
    assert table["seller"].tolist() == ["Anna", "Bo", "Cy"] and caught == []
    assert table.attrs["notes"][2] == (
        "header: line 2; skipped above it: line 1 'Source: dashboard, Beauty, Nov'"
    )
    with pytest.raises(ValueError, match=r"line 9 is blank or past the end; header_line must be"):
        seller_data.read_sellers(path, header_line=9)


@pytest.mark.parametrize(
    "last, why",
    [
        ("Total,51207,938", "named 'Total'"),
        ("合计,51207,938", "named '合计'"),
        ("合　计：,,", f"named {'合　计：'!r}"),
        (",51207,938", "its followers, avg_viewers are the sums of the rows above"),
        ("All shops,51207,938", "its followers, avg_viewers are the sums of the rows above"),
    ],
)
def test_a_totals_row_is_dropped_with_a_warning_naming_its_line(tmp_path, last, why):
    path = _write(tmp_path, HEADER + ROWS + last + "\n")
    with pytest.warns(TableWarning) as caught:
        table = seller_data.read_sellers(path)
    assert table["seller"].tolist() == ["Anna", "Bo", "Cy"]
    assert [str(w.message) for w in caught] == [
        f"line 5: dropped as a totals row ({why}), not a data row; the table has the rows above it"
    ]


@pytest.mark.parametrize("last", ["Totally Fit,1,2", "Dee,51207,7", "Dee,51207,312.67"])
def test_a_last_seller_that_is_no_total_is_kept(tmp_path, last):
    with warnings.catch_warnings():
        warnings.simplefilter("error", TableWarning)
        table = seller_data.read_sellers(_write(tmp_path, HEADER + ROWS + last + "\n"))
    assert len(table) == 4


# --- workbooks ---------------------------------------------------------------------------------


def _workbook(tmp_path, sheets: dict[str, list[list]], name: str = "book.xlsx") -> Path:
    """An Excel workbook made with openpyxl, one sheet per entry, rows as given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


CHINESE = {
    "主播": "seller",
    "粉丝数": "followers",
    "场均观看": "avg_viewers",
    "转化率": "conversion",
}
SHEET = [
    ["主播", "粉丝数", "场均观看", "转化率"],
    ["果园小王", 86000, 1200, 0.09],
    ["茶山阿妹", "3.2万", 450, 0.06],
    ["乡村厨房", 150000, 8000, 0.12],
]


@pytest.mark.parametrize("name", ["book.xlsx", "export.csv"])
def test_a_workbook_is_read_by_its_content_whatever_its_name(tmp_path, name):
    path = _workbook(tmp_path, {"Sellers": SHEET}, name)
    table = seller_data.read_sellers(path, columns=CHINESE)
    assert table.to_dict("list") == {
        "seller": ["果园小王", "茶山阿妹", "乡村厨房"],
        "followers": [86000.0, 32000.0, 150000.0],
        "avg_viewers": [1200.0, 450.0, 8000.0],
        "conversion": [0.09, 0.06, 0.12],
    }
    assert table.attrs["notes"][:2] == ("workbook: Excel (.xlsx)", "sheet: 'Sellers'")
    assert reading.file_kind(path.read_bytes()) == "xlsx"


def test_a_workbook_of_several_sheets_says_which_it_read(tmp_path):
    title = [["Top live sellers, November"], [], *SHEET, ["合计", None, None, None]]
    path = _workbook(tmp_path, {"Summary": [["Report for November"]], "Data": title})
    with pytest.warns(TableWarning) as caught:
        table = seller_data.read_sellers(path, columns=CHINESE)
    assert table["seller"].tolist() == ["果园小王", "茶山阿妹", "乡村厨房"]
    assert [str(w.message) for w in caught] == [
        "read sheet 'Data', the first holding a table, of 2 sheets (0: 'Summary', 1: 'Data'); "
        "pass sheet=NAME for another",
        "header: row 3; skipped above it: row 1 'Top live sellers, November', row 2 (blank); "
        "pass header_line=... if the header is on another row",
        "row 7: dropped as a totals row (named '合计'), not a data row; the table has the rows "
        "above it",
    ]
    with pytest.raises(ValueError, match=r"\(sheet 'Summary'\): column mapping names"):
        seller_data.read_sellers(path, columns=CHINESE, sheet=0)
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path, sheet="Sheet1")
    assert (
        str(err.value) == f"{path}: has no sheet 'Sheet1'; its sheets are 0: 'Summary', 1: 'Data'"
    )
    assert reading.sniff(path).sheets == ("Summary", "Data")


def test_a_workbook_problem_names_the_row_as_excel_numbers_it(tmp_path):
    path = _workbook(tmp_path, {"Data": [*SHEET[:2], ["茶山阿妹", -5, 450, 0.06]]})
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path, columns=CHINESE)
    assert str(err.value) == (
        f"{path} (sheet 'Data'): 1 problem (rows as Excel numbers them, the header is row 1):\n"
        "  row 3, column '粉丝数' (kit column 'followers'): value '-5'; allowed: a number of at "
        "least 0 (followers)"
    )


# --- what the file is ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, what",
    [
        (
            b"<!DOCTYPE html>\n<html><body><table></table></body></html>",
            "a web page (HTML), not a table, as some dashboards' export buttons save",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document, not a table"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not a table"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image, not a table"),
    ],
)
def test_a_non_table_saved_as_csv_says_what_it_is(tmp_path, content, what):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(path)
    assert str(err.value) == (
        f"{path}: is {what}; export the table itself: in Excel or WPS choose Save As, Excel "
        "Workbook (.xlsx) or CSV UTF-8; in a dashboard, its Export or Download button for Excel "
        "or CSV; or copy the cells and paste them"
    )
    assert reading.sniff(path).problems == (str(err.value),)


def test_legacy_xls_zip_and_json_are_refused_with_the_way_out(tmp_path):
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers(old, label="sellers.xls")
    assert str(err.value) == (
        "sellers.xls: is a legacy Excel workbook (.xls, or a password-protected workbook), which "
        "the kit does not read: open it in Excel or WPS and save it as Excel Workbook (.xlsx) or "
        "CSV UTF-8"
    )
    archive = io.BytesIO()
    with __import__("zipfile").ZipFile(archive, "w") as zf:
        zf.writestr("sellers.csv", HEADER + ROWS)
    with pytest.raises(ValueError, match=r"^a\.zip: is a zip archive, not a table: unzip it"):
        seller_data.read_sellers(archive.getvalue(), label="a.zip")
    with pytest.raises(ValueError, match=r"^s\.csv: is JSON data, not a table \(pandas\.read_json"):
        seller_data.read_sellers(b'[{"seller": "Anna", "followers": 1200}]', label="s.csv")


# --- cells pasted from a spreadsheet ---------------------------------------------------------


def test_cells_pasted_from_excel_are_tab_separated_text():
    pasted = "主播\t粉丝数\t场均观看\r\n果园小王\t8.6万\t1200\r\n茶山阿妹\t3.2万\t450\r\n"
    sniffed = reading.sniff(pasted.encode(), label="pasted cells")
    assert (sniffed.sep, sniffed.columns, sniffed.n_rows) == (
        "\t",
        ("主播", "粉丝数", "场均观看"),
        2,
    )
    table = seller_data.read_sellers(
        pasted.encode(), columns=seller_data.guess_columns(sniffed.columns)
    )
    assert table.to_dict("list") == {
        "seller": ["果园小王", "茶山阿妹"],
        "followers": [86000.0, 32000.0],
        "avg_viewers": [1200.0, 450.0],
    }


# --- the README's worked example stays true ----------------------------------------------------


def _readme_block(kind: str, after: str) -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(after) :]
    return re.search(rf"```{kind}\n(.*?)```", section, re.S).group(1)


def test_the_readme_worked_example_reads_as_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("shops.csv").write_text(_readme_block("text", "### A worked example"), encoding="utf-8")
    example = _readme_block("python", "### A worked example")
    said = example[example.index("ValueError: ") + len("ValueError: ") :].rstrip("\n")
    mapping = {
        "Name": "seller",
        "Fans": "followers",
        "Viewers": "avg_viewers",
        "Buy rate": "conversion",
    }
    with pytest.raises(ValueError) as err:
        seller_data.read_sellers("shops.csv", columns=mapping)
    assert str(err.value) == said
    fixed = (
        Path("shops.csv")
        .read_text(encoding="utf-8")
        .replace("-9", "9")
        .replace("Anna;8000", "Di;8000")
    )
    Path("shops.csv").write_text(fixed, encoding="utf-8")
    mine = seller_data.read_sellers("shops.csv", columns=mapping)
    assert mine["followers"].tolist()[::2] == [12_500, 35_000] and mine["conversion"][2] == 0.12
    scored = sellers.score_sellers(mine)
    assert scored.attrs["reference"] == "teaching set"
    assert list(sellers.classify(scored)) == ["low-level"] * 4
