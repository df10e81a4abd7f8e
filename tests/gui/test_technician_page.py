"""The technician page as a technician uses it, offscreen, against the simulated gun over pyserial."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent
from pytestqt.qtbot import QtBot
from ui_texts import untranslated

from firmware_protocol import DeviceState, Mode
from gui.device_bridge import DeviceBridge, LinkState
from gui.pages.technician_page import TechnicianPage
from gui.widgets.calibration_warning import calibration_warning_text
from mesogun.calibration.status import gun_findings
from mesogun.device_info import CalibrationFactors
from mesogun.injector import Injector
from mesogun.journal.calibration_records import GaugeIdentity
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

WAIT_MS = 30_000
ACCESS_CODE = "1234"  # the simulated gun's technician access code


@pytest.fixture
def gun(sim_name: str, tmp_path: Path) -> Iterator[SimulatedGunHandle]:
    handle = start_simulated_gun(sim_name, clock_scale=20.0, journal_path=tmp_path / "gun-journal")
    yield handle
    handle.close()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[DeviceBridge]:
    instance = DeviceBridge()
    yield instance
    instance.shutdown()


@pytest.fixture
def page(qtbot: QtBot, bridge: DeviceBridge, tmp_path: Path) -> Iterator[TechnicianPage]:
    widget = TechnicianPage(bridge, tmp_path / "journal.sqlite")
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    widget.show()
    yield widget
    widget.shutdown()
    _delete_now(widget)


def _delete_now(widget: TechnicianPage) -> None:
    """Destroy the page in its own test, not in whichever later test next runs an event loop."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _connect(qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle) -> None:
    with qtbot.waitSignal(bridge.connected, timeout=WAIT_MS):
        bridge.connect_device(url=gun.url)
    assert bridge.state is LinkState.CONNECTED


def _on_gun(qtbot: QtBot, bridge: DeviceBridge, action: Callable[[Injector], Any]) -> Any:
    """Run ``action`` on the bridge's worker thread and wait for its result."""
    results: list[Any] = []
    errors: list[BaseException] = []
    bridge.call("test", action, results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=WAIT_MS)
    if errors:
        raise errors[0]
    return results[0]


def _fire(injector: Injector, count: int) -> None:
    injector.load_syringe(10, 10_000)
    injector.configure(Mode.SINGLE, 1.5, 20.0, 500.0)
    injector.arm()
    injector.fire(count)
    deadline = time.monotonic() + 20.0
    while injector.status().state is not DeviceState.ARMED and time.monotonic() < deadline:
        time.sleep(0.02)
    injector.disarm()


def test_diagnostics_tab_shows_the_serial_and_a_self_test_verdict(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics_tab
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: diagnostics.serial_value() == gun.serial_number, timeout=WAIT_MS)
    assert not diagnostics.self_test_verdict.text().startswith("Self-test")
    diagnostics.self_test_button.click()
    qtbot.waitUntil(lambda: "Self-test passed" in diagnostics.self_test_verdict.text(), timeout=WAIT_MS)
    gun.set_occlusion(True)
    diagnostics.self_test_button.click()
    qtbot.waitUntil(lambda: "Self-test failed" in diagnostics.self_test_verdict.text(), timeout=WAIT_MS)
    assert "Occlusion" in diagnostics.self_test_verdict.text()


def test_the_event_log_lists_the_shots_and_the_link_statistics_refresh(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics_tab
    _connect(qtbot, bridge, gun)
    _on_gun(qtbot, bridge, lambda injector: _fire(injector, 3))
    diagnostics.read_log_button.click()
    qtbot.waitUntil(lambda: diagnostics.log_kinds().count("Shot") == 3, timeout=WAIT_MS)
    assert diagnostics.log_kinds()[0] == "State"  # newest first: disarmed after the shots
    qtbot.waitUntil(lambda: diagnostics.shot_counter_value() == "3", timeout=WAIT_MS)
    frames_before = int(diagnostics.link_value("frames"))
    _on_gun(qtbot, bridge, lambda injector: [injector.status() for _ in range(5)])
    qtbot.waitUntil(lambda: int(diagnostics.link_value("frames")) >= frames_before + 5, timeout=WAIT_MS)


def test_an_alarm_shows_in_the_alarm_history(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics_tab
    _connect(qtbot, bridge, gun)
    gun.set_battery(5)
    qtbot.waitUntil(lambda: _on_gun(qtbot, bridge, lambda i: bool(i.status().alarms)), timeout=WAIT_MS)
    diagnostics.read_log_button.click()
    qtbot.waitUntil(lambda: diagnostics.alarm_counts.rowCount() >= 1, timeout=WAIT_MS)
    counts = diagnostics.alarm_counts
    alarms = [_cell_texts(counts, row)[0] for row in range(counts.rowCount())]
    assert "Battery low: connect the charger" in alarms


def test_technician_mode_is_explicit_and_left_when_the_page_is_left(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    bar = page.mode_bar
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: bar.badge.text() == "Technician mode off", timeout=WAIT_MS)
    bar.code_edit.setText("999")
    bar.enter_button.click()
    qtbot.waitUntil(lambda: "refused" in bar.message.text(), timeout=WAIT_MS)
    assert not bar.technician_mode
    bar.code_edit.setText(ACCESS_CODE)
    bar.enter_button.click()
    qtbot.waitUntil(lambda: bar.technician_mode, timeout=WAIT_MS)
    assert bar.badge.text().startswith("Technician mode ON")
    assert _on_gun(qtbot, bridge, lambda injector: injector.status().technician_mode)
    page.hide()
    qtbot.waitUntil(
        lambda: not _on_gun(qtbot, bridge, lambda injector: injector.status().technician_mode),
        timeout=WAIT_MS,
    )


def test_the_calibration_warning_names_a_gun_never_calibrated(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    banner = page.calibration_banner
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: banner.warning is not None, timeout=WAIT_MS)
    assert banner.isVisible()
    assert banner.lines[0].text() == "This gun has never been calibrated."
    assert {finding.code for finding in banner.findings} >= {"gun_never_calibrated", "no_record"}
    bridge.disconnect_device()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)
    assert banner.warning is None


def test_the_warning_words_an_expired_calibration_and_is_silent_when_in_force() -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    expired = CalibrationFactors(3, 10.6, 0.0, 1.0, now - timedelta(days=366), now - timedelta(days=1))
    text = calibration_warning_text(gun_findings(expired, now))
    assert text is not None and "expired on" in text and "calibrated by a technician" in text
    valid = CalibrationFactors(3, 10.6, 0.0, 1.0, now, now + timedelta(days=365))
    assert calibration_warning_text(gun_findings(valid, now)) is None


def test_french_diagnostics_has_no_untranslated_text(
    qtbot: QtBot, french: None, bridge: DeviceBridge, gun: SimulatedGunHandle, tmp_path: Path
) -> None:
    page = TechnicianPage(bridge, tmp_path / "journal.sqlite")  # closed and deleted below
    page.resize(1440, 900)
    page.show()
    try:
        _connect(qtbot, bridge, gun)
        _on_gun(qtbot, bridge, lambda injector: _fire(injector, 2))
        page.diagnostics_tab.read_log_button.click()
        qtbot.waitUntil(lambda: page.diagnostics_tab.log_kinds().count("Injection") == 2, timeout=WAIT_MS)
        page.diagnostics_tab.self_test_button.click()
        qtbot.waitUntil(lambda: page.diagnostics_tab.last_self_test is not None, timeout=WAIT_MS)
        model = bridge.info.model if bridge.info is not None else ""
        leftovers: list[tuple[str, str]] = []
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            tab = page.tabs.currentWidget()
            pages = getattr(tab, "pages", None)  # a wizard: every step's page in turn
            for step in range(pages.count() if pages is not None else 1):
                if pages is not None:
                    pages.setCurrentIndex(step)
                # The model name is the gun's own text (from its handshake), shown as it reports it.
                leftovers += [(where, text) for where, text in untranslated(page) if text != model]
        assert leftovers == [], "\n".join(map(repr, sorted(set(leftovers))))
    finally:
        page.shutdown()
        _delete_now(page)


def _finished_refilling(tab: Any) -> bool:
    """True once the run has a result; loads a syringe whenever the wizard asks for one."""
    if tab.refill_box.isVisible() and tab.refill_button.isEnabled():
        tab.refill_button.click()
    return tab.result is not None


def _cell_texts(table: Any, row: int) -> list[str]:
    items = [table.item(row, column) for column in range(table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


def test_a_volume_calibration_through_the_wizard_corrects_the_gun_and_is_in_the_history(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    volume = page.volume_tab
    _connect(qtbot, bridge, gun)
    page.tabs.setCurrentWidget(volume)
    # The simulated balance weighs what the simulated gun really delivers (6 % more than nominal).
    page.offer_balance(f"simbalance://{sim_name}-balance?gun={sim_name}")
    volume.setup_form.technician_edit.setText("Jean Dupont")
    volume.setup_form.syringe_edit.setText("BD Plastipak 10 ml")
    volume.start_button.click()
    assert "access code" in volume.message.text()  # writing to the gun needs the code, typed on purpose
    page.mode_bar.code_edit.setText(ACCESS_CODE)
    volume.start_button.click()
    qtbot.waitUntil(lambda: volume.refill_box.isVisible(), timeout=WAIT_MS)  # no syringe yet
    assert "Load a full 10 ml syringe" in volume.refill_label.text()
    volume.refill_button.click()

    qtbot.waitUntil(
        lambda: volume.write_button.isVisible() and volume.write_button.isEnabled(), timeout=WAIT_MS
    )
    assert "106.00 % of the commanded volume" in volume.assessment_label.text()
    assert "New factor: 10.600 nl per step" in volume.assessment_label.text()
    as_found = volume.level_table.verdicts()
    assert ("As found", "OUT of tolerance") in as_found and len(as_found) == 3
    assert volume.shot_table.weighed_count() == 30
    qtbot.waitUntil(lambda: page.mode_bar.technician_mode, timeout=WAIT_MS)  # shown while the run writes
    volume.write_button.click()

    qtbot.waitUntil(lambda: _finished_refilling(volume), timeout=60_000)
    result = volume.result
    assert result is not None
    assert result.passed, result.reason
    assert volume.verdict_label.text() == "Calibration PASSED"
    assert result.factors_after is not None and result.factors_after.volume_per_step_nl == pytest.approx(10.6)
    verification = [
        verdict for series, verdict in volume.result_levels.verdicts() if series == "Verification"
    ]
    assert verification == ["within tolerance"] * 3
    assert _on_gun(qtbot, bridge, lambda injector: injector.read_calibration()).volume_per_step_nl == 10.6
    qtbot.waitUntil(lambda: not page.mode_bar.technician_mode, timeout=WAIT_MS)  # left at the end

    history = page.history_tab
    page.tabs.setCurrentWidget(history)
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=WAIT_MS)
    cells = _cell_texts(history.table, 0)
    assert cells[1:4] == ["Volume", "passed", "10.600 nl per step"]
    assert result.record is not None and cells[6] == result.record.record_id[:8]
    banner = page.calibration_banner
    qtbot.waitUntil(lambda: "never been calibrated" not in (banner.warning or ""), timeout=WAIT_MS)
    assert {finding.code for finding in banner.findings} == {"no_record"}  # the depth calibration is due


def test_cancelling_a_calibration_leaves_the_gun_safe_and_records_nothing(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    volume = page.volume_tab
    _connect(qtbot, bridge, gun)
    page.tabs.setCurrentWidget(volume)
    page.offer_balance(f"simbalance://{sim_name}-balance?gun={sim_name}")
    volume.setup_form.technician_edit.setText("Jean Dupont")
    volume.setup_form.syringe_edit.setText("BD Plastipak 10 ml")
    page.mode_bar.code_edit.setText(ACCESS_CODE)
    volume.start_button.click()
    qtbot.waitUntil(lambda: volume.refill_box.isVisible(), timeout=WAIT_MS)
    volume.refill_button.click()
    qtbot.waitUntil(lambda: volume.shot_table.weighed_count() >= 3, timeout=WAIT_MS)
    volume.cancel_button.click()
    assert "cancelled" in volume.message.text()
    qtbot.waitUntil(lambda: volume.start_button.isEnabled(), timeout=WAIT_MS)

    def safe(injector: Injector) -> bool:
        status = injector.status()
        return status.state is DeviceState.IDLE and not status.technician_mode

    qtbot.waitUntil(lambda: _on_gun(qtbot, bridge, safe), timeout=WAIT_MS)
    assert _on_gun(qtbot, bridge, lambda injector: injector.read_calibration()).calibration_id == 0
    page.history_tab.refresh()
    qtbot.waitUntil(lambda: "no calibration" in page.history_tab.summary.text(), timeout=WAIT_MS)


def _calibrate_depth(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    """A depth calibration through the wizard, typing what a gauge reads of the true needle."""
    from simulators import registry

    truth = registry.get_gun(sim_name).truth  # what a gauge on the nose would read
    depth = page.depth_tab
    _connect(qtbot, bridge, gun)
    page.tabs.setCurrentWidget(depth)
    depth.technician_edit.setText("Jean Dupont")
    depth.gauge_edit.setText("G-77")
    depth.gauge_fields.model_edit.setText(" Mitutoyo 543-390 ")
    depth.gauge_fields.resolution_spin.setValue(0.01)
    depth.gauge_fields.verified_edit.setDate(QDate(2026, 1, 12))
    depth.depths_edit.setText("1; 2; 4")
    depth.declare_check.setChecked(True)
    page.mode_bar.code_edit.setText(ACCESS_CODE)
    depth.start_button.click()

    def read_the_gauge() -> bool:
        if depth.gauge_box.isVisible() and depth.gauge_box.isEnabled():
            depth.gauge_spin.setValue(truth.shots[-1].depth_um / 1000.0)
            depth.gauge_button.click()
        elif depth.assessment_box.isVisible() and depth.write_button.isEnabled():
            assert "New depth offset" in depth.assessment_label.text()
            depth.write_button.click()
        return depth.result is not None

    qtbot.waitUntil(read_the_gauge, timeout=60_000)


def test_a_depth_calibration_with_the_gauge_readings_of_the_true_needle_passes(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    _calibrate_depth(qtbot, page, bridge, gun, sim_name)
    depth = page.depth_tab
    result = depth.result
    assert result is not None
    assert result.passed, result.reason
    assert depth.verdict_label.text() == "Calibration PASSED"
    assert [round(r.error_mm or 0.0, 3) for r in result.as_found] == [0.15, 0.15, 0.15]
    assert all(abs(r.error_mm or 0.0) <= 0.1 for r in result.verification)
    assert depth.table.rowCount() == 6
    # The gauge as typed, recorded with the calibration for its certificate.
    assert result.record is not None
    assert result.record.raw.depth_gauge == GaugeIdentity(
        model="Mitutoyo 543-390", serial="G-77", resolution_mm=0.01, verified_on=date(2026, 1, 12)
    )


def test_a_flow_test_plots_a_live_trumpet_curve_and_gives_a_verdict(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    flow = page.flow_tab
    _connect(qtbot, bridge, gun)
    page.tabs.setCurrentWidget(flow)
    page.offer_balance(f"simbalance://{sim_name}-balance?gun={sim_name}", gun)
    flow.technician_edit.setText("Jean Dupont")
    flow.syringe_edit.setText("BD Plastipak 10 ml")
    flow.declare_check.setChecked(True)
    flow.flow_spin.setValue(5.0)
    flow.duration_spin.setValue(4.0)  # 8 samples of 30 s: the 2 min window fits the analysis period
    flow.analysis_spin.setValue(1.0)
    flow.scale_spin.setValue(20.0)  # the simulated gun and balance run twenty times faster
    flow.balance_fields.verified_edit.setDate(QDate(2026, 1, 15))  # model and resolution: as it says
    flow.start_button.click()
    qtbot.waitUntil(lambda: len(flow.trumpet_max.getData()[0] or ()) >= 1, timeout=WAIT_MS)
    assert flow.verdict_label.text() == "Infusing…"  # the curve grows while the gun infuses
    qtbot.waitUntil(lambda: flow.result is not None, timeout=60_000)
    result = flow.result
    assert result is not None and result.analysis is not None
    assert flow.verdict_label.text() == ("Flow test PASSED" if result.passed else "Flow test FAILED")
    windows, highs = flow.trumpet_max.getData()
    assert list(windows) == [t.window_min for t in result.analysis.trumpet]
    assert list(highs) == pytest.approx([t.max_error_pct for t in result.analysis.trumpet])
    assert len(flow.error_curve.getData()[0]) == 8  # one point per 30 s interval
    assert result.record is not None and result.record.raw.balance is not None
    balance = result.record.raw.balance
    assert (balance.model, balance.resolution_mg, balance.verified_on) == (
        "SIM-AB125-5",
        0.01,
        date(2026, 1, 15),
    )


def test_the_certificate_of_a_history_record_is_written_as_a_pdf(
    qtbot: QtBot,
    page: TechnicianPage,
    bridge: DeviceBridge,
    gun: SimulatedGunHandle,
    sim_name: str,
    tmp_path: Path,
    mocker: Any,
) -> None:
    _calibrate_depth(qtbot, page, bridge, gun, sim_name)
    history = page.history_tab
    page.tabs.setCurrentWidget(history)
    history.refresh()
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=WAIT_MS)
    history.table.selectRow(0)
    assert history.certificate_button.isEnabled()
    target = tmp_path / "certificat.pdf"
    # The save dialog is the one thing a test cannot click through: it answers with the file.
    mocker.patch(
        "gui.pages.technician_certificate.QFileDialog.getSaveFileName", return_value=(str(target), "")
    )
    history.certificate_button.click()
    qtbot.waitUntil(lambda: "Certificate written" in page.certificate_status.text(), timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"%PDF")


def test_typed_masses_of_the_true_shots_calibrate_the_gun_without_a_connected_balance(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle, sim_name: str
) -> None:
    from mesogun.calibration.gravimetry import WeighingConditions
    from simulators import registry

    truth = registry.get_gun(sim_name).truth  # what a balance would have weighed
    z_ul_per_mg = WeighingConditions().z_ul_per_mg
    volume = page.volume_tab
    _connect(qtbot, bridge, gun)
    page.tabs.setCurrentWidget(volume)
    form = volume.setup_form
    form.technician_edit.setText("Jean Dupont")
    form.syringe_edit.setText("BD Plastipak 10 ml")
    form.manual_radio.setChecked(True)
    form.balance_id_edit.setText("Sartorius 0031")
    page.mode_bar.code_edit.setText(ACCESS_CODE)
    volume.start_button.click()
    typed: list[float] = []

    def type_each_mass() -> bool:
        if volume.refill_box.isVisible() and volume.refill_button.isEnabled():
            volume.refill_button.click()
        elif volume.mass_box.isVisible() and volume.mass_box.isEnabled():
            mass_mg = truth.shots[-1].true_volume_nl / 1000.0 / z_ul_per_mg
            typed.append(mass_mg)
            volume.mass_spin.setValue(mass_mg)
            volume.mass_button.click()
        elif volume.assessment_box.isVisible() and volume.write_button.isEnabled():
            volume.write_button.click()
        return volume.result is not None

    qtbot.waitUntil(type_each_mass, timeout=60_000)
    result = volume.result
    assert result is not None
    assert result.passed, result.reason
    assert len(typed) == 60  # 3 volumes × 10 shots, as found and verification
    assert result.balance_id == "Sartorius 0031"
    assert result.factors_after is not None and result.factors_after.volume_per_step_nl == pytest.approx(10.6)
