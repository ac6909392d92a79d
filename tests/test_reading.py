"""Reading users' own seller tables (livekit.reading, livekit.data.read_table, sellers.read_sellers).

Each case writes a small file in tmp_path, the way Excel, a dashboard or a scraper writes it,
and asserts the exact reading or the exact message.
"""

from __future__ import annotations

import hashlib
import io

import pandas as pd
import pytest

from livekit import reading, sellers
from livekit.reading import parse_number

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
    table = sellers.read_sellers(_write(tmp_path, text))
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
    table = sellers.read_sellers(
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
    table = sellers.read_sellers(path)
    assert table["followers"].tolist() == [1200.0, 50000.0]


def test_undecodable_file_says_what_to_pass(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("seller,followers,avg_viewers\nJosé,1200,30\n".encode("cp1252"))
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(path)
    assert str(err.value) == (
        f"{path}: is not UTF-8 text (byte 0xe9 on line 2) and not Chinese GBK text either. If Excel saved it "
        'in a Western European setting pass encoding="cp1252"; for Chinese Excel encoding="gbk"; or save it '
        'again as "CSV UTF-8"'
    )
    assert sellers.read_sellers(path, encoding="cp1252")["seller"].tolist() == ["José"]


def test_utf16_without_bom_says_what_to_pass(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes((HEADER + "Anna,1,2\n").encode("utf-16-le"))
    with pytest.raises(ValueError, match=r'pass encoding="utf-16-le"'):
        sellers.read_sellers(path)
    assert sellers.read_sellers(path, encoding="utf-16-le")["followers"].tolist() == [1.0]


def test_forced_wrong_separator_hints_at_the_right_one(tmp_path):
    path = _write(tmp_path, "name;followers;avg_viewers\nAnna;1200;30\n")
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(path, sep=",", columns={"name": "seller"})
    assert str(err.value) == (
        f"{path}: column mapping names ['name'], which the file does not have; its columns are "
        "['name;followers;avg_viewers']. A column name holds ';': if the file is separated by semicolons, "
        "pass sep=';'"
    )


# --- row widths -------------------------------------------------------------------------


def test_extra_and_missing_fields_name_the_lines(tmp_path):
    path = _write(tmp_path, HEADER + "Anna,1200,30\nBo,50000,900,\nCy,7\nDi,1,2\n")
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(path)
    assert str(err.value) == (
        f"{path}: 2 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 3: has 4 fields, the header has 3 (a separator too many: a trailing one, or a decimal comma "
        "in a comma-separated file? Quote that value or save with sep=';')\n"
        "  line 4: has 2 fields, the header has 3"
    )


def test_decimal_commas_turned_into_commas_do_not_shift_columns(tmp_path):
    path = _write(tmp_path, HEADER + "Anna,1500,5,30\n")
    with pytest.raises(ValueError, match=r"line 2: has 4 fields, the header has 3"):
        sellers.read_sellers(path)


def test_quoted_field_over_two_lines_keeps_editor_line_numbers(tmp_path):
    path = _write(
        tmp_path, 'seller,followers,avg_viewers,note\nAnna,1200,30,"two\nlines"\nBo,x,900,ok\n'
    )
    with pytest.raises(ValueError, match=r"line 4, column 'followers': value 'x'"):
        sellers.read_sellers(path)


# --- decimal marks and suffixes ------------------------------------------------------------


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = _write(
        tmp_path,
        "seller;followers;avg_viewers;conversion\nAnna;1500,5;30;0,05\nBo;1.234,5;900;0,1\n",
    )
    table = sellers.read_sellers(path)
    assert table["followers"].tolist() == [1500.5, 1234.5]
    assert table["conversion"].tolist() == [0.05, 0.1]


def test_quoted_decimal_comma_in_comma_file_is_never_thousands(tmp_path):
    path = _write(tmp_path, HEADER + 'Anna,"1500,5",30\nBo,2000,900\n')
    assert sellers.read_sellers(path)["followers"].tolist() == [1500.5, 2000.0]


def test_thousands_commas_with_decimal_points(tmp_path):
    path = _write(tmp_path, HEADER + 'Anna,"1,500",30.5\nBo,"12,000,000",900\n')
    assert sellers.read_sellers(path)["followers"].tolist() == [1500.0, 12_000_000.0]


def test_ambiguous_decimal_explains_both_readings(tmp_path):
    path = _write(tmp_path, "seller;followers;avg_viewers\nAnna;1,500;30\nBo;2,000;900\n")
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(path)
    assert str(err.value) == (
        f"{path}: cannot tell the decimal mark: line 2, column 'followers' has '1,500', which reads as 1500 if "
        "',' groups thousands (pass decimal='.') or as 1.5 if ',' is the decimal mark (pass decimal=',')"
    )
    assert sellers.read_sellers(path, decimal=".")["followers"].tolist() == [1500.0, 2000.0]
    assert sellers.read_sellers(path, decimal=",")["followers"].tolist() == [1.5, 2.0]


def test_mixed_decimal_marks_are_an_error(tmp_path):
    path = _write(tmp_path, "seller;followers;avg_viewers\nAnna;1500,5;30\nBo;2000.5;900\n")
    with pytest.raises(
        ValueError,
        match=r"mixes decimal points \(line 3, column 'followers': '2000.5'\) and "
        r"decimal commas \(line 2, column 'followers': '1500,5'\)",
    ):
        sellers.read_sellers(path)


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
    table = sellers.read_sellers(path)
    assert table["followers"].tolist() == [12_300.0, 35_000.0]
    assert table["avg_viewers"].tolist() == [1_200_000.0, 120_000_000.0]
    assert table["conversion"].tolist() == [0.05, 0.1]


# --- header-less files, duplicates, sizes -----------------------------------------------------


def test_header_less_file_with_names(tmp_path):
    path = _write(tmp_path, "Anna,1200,30\nBo,50000,x\n")
    with pytest.raises(ValueError, match=r"header=False needs names"):
        sellers.read_sellers(path, header=False)
    with pytest.raises(ValueError, match=r"line 2, column 'avg_viewers': value 'x'"):
        sellers.read_sellers(path, header=False, names=["seller", "followers", "avg_viewers"])
    path.write_text("Anna,1200,30\nBo,50000,900\n")
    table = sellers.read_sellers(
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
        sellers.read_sellers(path)
    assert str(err.value) == (
        f"{path}: 2 problems (lines as an editor numbers them, the header is line 1):\n"
        "  line 4, column 'seller': value 'Anna'; allowed: each value once; 'Anna' is on lines 2, 4, 6\n"
        "  line 5: repeats line 3 exactly; each row must appear once"
    )


def test_one_seller_reads_and_scores_against_the_teaching_set(tmp_path):
    table = sellers.read_sellers(_write(tmp_path, HEADER + "Tiny shop,3,1\n"))
    scored = sellers.score_sellers(table)
    assert scored.attrs["reference"] == "teaching set"
    assert sellers.classify(scored)[0] == "low-level"


def test_constant_metric_reads_and_scores_against_the_teaching_set(tmp_path):
    rows = "".join(f"S{k},{1000 * (k + 1)},50\n" for k in range(6))
    table = sellers.read_sellers(_write(tmp_path, HEADER + rows))
    scored = sellers.score_sellers(table)
    assert scored.attrs["reference"] == "teaching set"
    assert "every seller has the same avg_viewers (50)" in scored.attrs["reference_note"]


# --- every problem in one message -----------------------------------------------------------


def test_all_problems_in_file_order_with_both_column_names(tmp_path):
    path = _write(
        tmp_path, "Name,Fans,Viewers,Buy rate\nAnna,12a,30,0.1\nBo,,-5,1.5\nCy,7,8,0.2\nDi,-1,9,x\n"
    )
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(
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
        "  line 2, column 'Fans' (kit column 'followers'): value '12a'; allowed: a number of at least 0 (followers)\n"
        "  line 3, column 'Fans' (kit column 'followers'): value ''; allowed: a value is required: a number of at "
        "least 0 (followers)\n"
        "  line 3, column 'Viewers' (kit column 'avg_viewers'): value '-5'; allowed: a number of at least 0 (viewers)\n"
        "  line 3, column 'Buy rate' (kit column 'conversion'): value '1.5'; allowed: a number from 0 to 1 "
        "(share of viewers)\n"
        "  line 5, column 'Fans' (kit column 'followers'): value '-1'; allowed: a number of at least 0 (followers)\n"
        "  line 5, column 'Buy rate' (kit column 'conversion'): value 'x'; allowed: a number from 0 to 1 "
        "(share of viewers)"
    )


def test_long_lists_are_capped(tmp_path):
    rows = "".join(f"S{k},bad{k},1\n" for k in range(30))
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(_write(tmp_path, HEADER + rows))
    lines = str(err.value).splitlines()
    assert lines[0].endswith("30 problems (lines as an editor numbers them, the header is line 1):")
    assert len(lines) == 1 + reading.MAX_LISTED + 1 and lines[-1] == "  and 10 more"
    assert lines[1].startswith("  line 2, column 'followers': value 'bad0'")


def test_loading_never_changes_the_file(tmp_path):
    path = _write(
        tmp_path, "seller;followers;avg_viewers\nAnna;1500,5;30\nBo;2000;900\n", bom=b"\xef\xbb\xbf"
    )
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    sellers.read_sellers(path)
    reading.sniff(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


# --- bytes, file-likes, preview --------------------------------------------------------------


def test_bytes_and_file_likes_read_like_a_path(tmp_path):
    content = (HEADER + "Anna,1200,30\nBo,50000,900\n").encode("gbk")
    from_bytes = sellers.read_sellers(content, label="upload.csv")
    from_binary = sellers.read_sellers(io.BytesIO(content))
    from_text = sellers.read_sellers(io.StringIO(content.decode("gbk")))
    pd.testing.assert_frame_equal(from_bytes, from_binary)
    pd.testing.assert_frame_equal(from_bytes, from_text)
    with pytest.raises(ValueError, match=r"^upload\.csv: 1 problem"):
        sellers.read_sellers(HEADER.encode() + b"Anna,x,1\n", label="upload.csv")
    with pytest.raises(ValueError, match="looks like CSV text"):
        sellers.read_sellers(HEADER + "Anna,1,2\n")


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
    assert sellers.guess_columns(["Channel", "Fans", "Average viewers", "转化率", "Notes"]) == {
        "Channel": "seller",
        "Fans": "followers",
        "Average viewers": "avg_viewers",
        "转化率": "conversion",
    }
    assert sellers.column_options(["Anna", "Bo"]) == ["seller"]
    assert sellers.column_options(["0.1", "0.25", ""]) == ["seller", *sellers.METRICS]
    assert sellers.column_options(["12k", "3"]) == [
        "seller",
        "followers",
        "annual_sales_cny",
        "avg_viewers",
        "watch_minutes",
        "engagement",
        "total_watch_time",
    ]
    assert sellers.column_options(["-1", "3"]) == ["seller"]


def test_unclear_separator_empty_file_and_repeated_header_names(tmp_path):
    with pytest.raises(ValueError) as err:
        sellers.read_sellers(_write(tmp_path, "a,b;c\n1,2;3\n", name="tie.csv"))
    assert str(err.value).endswith(
        "tie.csv: could be separated by comma (sep=',') and semicolon (sep=';'); "
        "pass the one it uses, e.g. sep=','"
    )
    with pytest.raises(ValueError, match=r"empty\.csv: the file is empty"):
        sellers.read_sellers(_write(tmp_path, "\n\n", name="empty.csv"))
    with pytest.raises(
        ValueError, match=r"column name 'Fans' appears twice in the header \(fields 2 and 3\)"
    ):
        sellers.read_sellers(_write(tmp_path, "Name,Fans,Fans\nA,1,2\n", name="twice.csv"))
    with pytest.raises(
        ValueError, match=r"columns 'Fans' and 'followers' would both be the kit's 'followers'"
    ):
        sellers.read_sellers(
            _write(tmp_path, "seller,Fans,followers,avg_viewers\nA,1,2,3\n", name="both.csv"),
            columns={"Fans": "followers"},
        )
