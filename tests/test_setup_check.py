"""The installation check and the first slider view of notebook 00."""

import shutil

import pytest

from livekit import data, setup_check, setup_views

#: Versions inside every supported range: the tests of the report's wording use these, so they
#: pass whatever this environment holds (test_this_environment_is_complete checks the real one).
GOOD = {
    "jupyterlab": "4.6.6",
    "ipywidgets": "8.1.9",
    "jupyterlab_widgets": "3.0.17",
    "matplotlib": "3.11.2",
    "pandas": "3.1.1",
    "anywidget": "0.11.0",
    "openpyxl": "3.1.5",
}


def test_versions_in_range_pass_and_out_of_range_fail():
    good = dict(GOOD)
    table = setup_check.check_versions(good)
    assert table["ok"].all()
    mixed = dict(good, ipywidgets="7.8.1", jupyterlab_widgets=None)
    table = setup_check.check_versions(mixed).set_index("package")
    assert not table.loc["ipywidgets", "ok"]
    assert table.loc["jupyterlab_widgets", "installed"] == "missing"
    assert table.loc["pandas", "ok"]
    report = setup_views.installation_report(mixed)
    assert repr(report) == "<livekit installation check: PROBLEMS FOUND>"
    assert "fix this" in report.value


def test_this_environment_is_complete():
    assert repr(setup_views.installation_report()) == "<livekit installation check: all OK>"


def test_demo_orders_and_bad_input():
    assert setup_check.demo_orders(10_000, 0.02) == pytest.approx(200)
    with pytest.raises(ValueError, match="conversion must be from 0 to 1"):
        setup_check.demo_orders(10_000, 2)
    with pytest.raises(ValueError, match="viewers must be of at least 0"):
        setup_check.demo_orders(-5, 0.1)
    with pytest.raises(TypeError, match="viewers must be a number"):
        setup_check.demo_orders("many", 0.1)


def test_demo_view_sliders_change_bars_readout_and_image():
    view = setup_views.explore_demo()
    viewers, conversion = view.controls["viewers"], view.controls["conversion"]
    bars = [a for a in view.fast.animated]
    first_png = view.image.value
    viewers.value = 60_000
    assert bars[1].get_width() == 60_000
    assert bars[0].get_width() == pytest.approx(60_000 * conversion.value)
    assert "60,000" in view.readout.value and "1,200" in view.readout.value
    assert view.image.value != first_png
    conversion.value = 0.01
    assert bars[0].get_width() == pytest.approx(600)
    assert "600</b> orders" in view.readout.value
    assert view.shown == {"viewers": 60_000, "conversion": 0.01, "orders": 600}


def test_demo_view_prediction_is_checked_when_the_experiment_is_set_up():
    view = setup_views.explore_demo()
    view.prediction.commit(1000)
    assert view.prediction.held is None  # 20,000 viewers: the experiment is not set up yet
    view.controls["viewers"].value = 50_000
    assert view.prediction.held is True  # 50,000 x 2% = 1,000 orders
    view.controls["conversion"].value = 0.03
    assert view.prediction.held is None


def test_demo_view_rejects_bad_start_values():
    with pytest.raises(ValueError, match="conversion must be from 0 to 0.1"):
        setup_views.explore_demo(conversion=0.5)
    with pytest.raises(ValueError, match="viewers must be a whole number"):
        setup_views.explore_demo(viewers=10.5)


# --- the data files (issue 11, item 8) -----------------------------------------------------------


def _copy_of_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.data_dir(), folder)
    return folder


def test_the_kit_data_folder_is_complete():
    tables = setup_check.check_data()
    assert set(tables["table"]) == set(data.kit_tables())
    assert tables["ok"].all(), tables.loc[~tables["ok"], "problem"].tolist()
    assert (tables["problem"] == "").all()


def test_missing_and_corrupt_files_are_reported_not_all_ok(tmp_path):
    folder = _copy_of_data(tmp_path)
    (folder / "canvas_blocks.csv").unlink()
    (folder / "live_modes.csv").write_text("mode,name\nvalue,Value marketing\n", encoding="utf-8")
    (folder / "sellers.csv").write_bytes(b"seller,kind\n\xc3\x28 not text\n")
    tables = setup_check.check_data(folder).set_index("table")
    assert not tables.at["canvas_blocks", "ok"]
    assert "canvas_blocks.csv: file not found" in tables.at["canvas_blocks", "problem"]
    assert (
        not tables.at["live_modes", "ok"]
        and "missing" in tables.at["live_modes", "problem"]
        and "lift" in tables.at["live_modes", "problem"]
    )
    assert not tables.at["sellers", "ok"] and "not UTF-8" in tables.at["sellers", "problem"]
    assert tables.drop(index=["canvas_blocks", "live_modes", "sellers"])["ok"].all()

    report = setup_views.installation_report(data_folder=folder)
    assert repr(report) == "<livekit installation check: PROBLEMS FOUND>"
    assert "Some data files are missing or damaged" in report.value
    assert "canvas_blocks" in report.value and "file not found" in report.value
    assert "3 of" in report.value


def test_a_value_out_of_range_is_reported(tmp_path):
    folder = _copy_of_data(tmp_path)
    target = folder / "value_ratings.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("live")] = "99"
    target.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    tables = setup_check.check_data(folder).set_index("table")
    assert not tables.at["value_ratings", "ok"]
    assert "line 2, column 'live'" in tables.at["value_ratings", "problem"]


def test_an_empty_folder_reports_every_table_missing(tmp_path):
    tables = setup_check.check_data(tmp_path)
    assert not tables["ok"].any()
    assert tables["problem"].str.contains("file not found").all()


def test_all_ok_report_says_the_data_are_fine():
    report = setup_views.installation_report(GOOD)
    assert repr(report) == "<livekit installation check: all OK>"
    assert f"All {len(data.kit_tables())} data tables read" in report.value


def test_check_data_refuses_a_folder_that_is_not_a_name():
    with pytest.raises(TypeError, match="folder must be a folder name"):
        setup_check.check_data(5)
