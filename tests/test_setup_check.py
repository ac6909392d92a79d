"""The installation check and the first slider view of notebook 00."""
import pytest

from livekit import setup_check


def test_versions_in_range_pass_and_out_of_range_fail():
    good = {"jupyterlab": "4.6.6", "ipywidgets": "8.1.9", "jupyterlab_widgets": "3.0.17", "matplotlib": "3.11.2", "pandas": "3.1.1"}
    table = setup_check.check_versions(good)
    assert table["ok"].all()
    mixed = dict(good, ipywidgets="7.8.1", jupyterlab_widgets=None)
    table = setup_check.check_versions(mixed).set_index("package")
    assert not table.loc["ipywidgets", "ok"]
    assert table.loc["jupyterlab_widgets", "installed"] == "missing"
    assert table.loc["pandas", "ok"]
    report = setup_check.installation_report(mixed)
    assert repr(report) == "<livekit installation check: PROBLEMS FOUND>"
    assert "fix this" in report.value


def test_this_environment_is_complete():
    assert repr(setup_check.installation_report()) == "<livekit installation check: all OK>"


def test_demo_orders_and_bad_input():
    assert setup_check.demo_orders(10_000, 0.02) == pytest.approx(200)
    with pytest.raises(ValueError, match="conversion must be from 0 to 1"):
        setup_check.demo_orders(10_000, 2)
    with pytest.raises(ValueError, match="viewers must be of at least 0"):
        setup_check.demo_orders(-5, 0.1)
    with pytest.raises(TypeError, match="viewers must be a number"):
        setup_check.demo_orders("many", 0.1)


def test_demo_view_sliders_change_bars_readout_and_image():
    view = setup_check.explore_demo()
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
    view = setup_check.explore_demo()
    view.prediction.commit(1000)
    assert view.prediction.held is None  # 20,000 viewers: the experiment is not set up yet
    view.controls["viewers"].value = 50_000
    assert view.prediction.held is True  # 50,000 x 2% = 1,000 orders
    view.controls["conversion"].value = 0.03
    assert view.prediction.held is None


def test_demo_view_rejects_bad_start_values():
    with pytest.raises(ValueError, match="conversion must be from 0 to 0.1"):
        setup_check.explore_demo(conversion=0.5)
    with pytest.raises(ValueError, match="viewers must be a whole number"):
        setup_check.explore_demo(viewers=10.5)
