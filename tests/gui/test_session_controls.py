"""The session's controls from the keyboard: next point, repeat, skip with a reason, a syringe change
with its lots, end and abort; what the journal records for each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import QDate, Qt

from firmware_protocol import DeviceState
from gui.widgets.expiry_field import expiry_format
from mesogun.journal import SessionStatus, SqliteJournal
from mesogun.session import PointStatus, SessionState

FOUR_POINTS = """
name = "four-points"
title = "Quatre points"
indication = "test"
version = "1"

[cocktail]
name = "procaine"
volume_loaded_ml = 2.0

[[cocktail.components]]
product = { name = "Procaïne", concentration = "2 %" }
proportion_pct = 100.0

[[steps]]
site = { acupoint_code = "GV20" }
technique = "point_par_point"
depth_mm = 3.0
volume_per_shot_ul = 100.0
shots = 2
flow_ul_s = 20.0

[[steps]]
site = { acupoint_code = "EX-HN3" }
technique = "point_par_point"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0

[[steps]]
site = { acupoint_code = "SP6" }
technique = "point_par_point"
depth_mm = 3.0
volume_per_shot_ul = 100.0
shots = 1
flow_ul_s = 20.0
"""

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _started(driver: SessionDriver, tmp_path: Path) -> None:
    plan_file = tmp_path / "four-points.toml"
    plan_file.write_text(FOUR_POINTS, encoding="utf-8")
    driver.connect()
    assert driver.setup.load_plan_file(plan_file)
    driver.fill_setup()
    driver.start()


def _confirm_with(driver: SessionDriver, reason: str) -> None:
    run = driver.run
    driver.qtbot.waitUntil(
        lambda: run.reason_dialog is not None and run.reason_dialog.isVisible(), timeout=SESSION_WAIT_MS
    )
    dialog = run.reason_dialog
    assert dialog is not None and not dialog.confirm_button.isEnabled()
    dialog.set_reason(reason)
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)


def test_next_repeat_skip_syringe_and_end_from_the_keyboard(driver: SessionDriver, tmp_path: Path) -> None:
    _started(driver, tmp_path)
    run = driver.run
    driver.pull_trigger()  # one shot of the two planned on point 1
    driver.wait_for(lambda s: s.points[0].shots == 1 and s.armed)
    driver.key(Qt.Key.Key_N)  # next point: point 1 stays partial, once confirmed with a reason
    _confirm_with(driver, "Patient moved")
    driver.wait_armed_at(1)
    assert run.points.status_of(0) is PointStatus.PARTIAL

    driver.pull_trigger()
    driver.wait_armed_at(2)
    driver.key(Qt.Key.Key_R)  # repeat the last completed point
    repeating = driver.wait_armed_at(1)
    assert repeating.points[1].repeated
    driver.pull_trigger()
    driver.wait_armed_at(2)

    driver.key(Qt.Key.Key_S)  # skip: asks why
    dialog = run.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findText("Painful point"))
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    driver.wait_armed_at(3)
    assert run.points.status_of(2) is PointStatus.SKIPPED

    driver.key(Qt.Key.Key_P)
    driver.wait_for(lambda s: s.state is SessionState.PAUSED)
    driver.key(Qt.Key.Key_C)  # a new syringe
    syringe = run.syringe_dialog
    assert syringe is not None and syringe.isVisible()
    syringe.lots.fill(0, "L9-OLD", date(2021, 1, 31))
    assert not syringe.confirm_button.isEnabled()  # an expired lot is refused
    assert f"expired on {QDate(2021, 1, 31).toString(expiry_format())}" in syringe.problem.text()
    syringe.lots.fill(0, "L9-2405", date(2031, 1, 31))
    assert syringe.confirm_button.isEnabled()
    driver.qtbot.mouseClick(syringe.confirm_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(
        lambda: "syringe changed" in (driver.snapshot.message or ""), timeout=SESSION_WAIT_MS
    )
    driver.key(Qt.Key.Key_P)
    driver.wait_armed_at(3)

    driver.key(Qt.Key.Key_E, SHIFT_CTRL)  # end the session (clean end), points left: asks why
    _confirm_with(driver, "Patient's request")
    final = driver.wait_for(lambda s: s.state is SessionState.STOPPED)
    assert driver.gun.state is DeviceState.IDLE
    window = driver.window
    driver.qtbot.waitUntil(lambda: window.current_page() is window.summary_page, timeout=SESSION_WAIT_MS)

    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(final.session_id or "")
        doses = journal.doses(final.session_id or "")
    assert record.status is SessionStatus.ABORTED and record.abort_reason == "Patient's request"
    skips = {s.point_index: s.reason for s in record.skips}
    assert skips[2] == "Painful point"
    assert skips[0] == "Patient moved"
    assert [p.lot for p in record.syringe_changes[-1].products] == ["L9-2405"]
    assert [d.point_index for d in doses] == [0, 1, 1]
    assert [d.event_number for d in doses] == driver.true_event_numbers()


def test_abort_asks_a_reason_and_disarms(driver: SessionDriver, tmp_path: Path) -> None:
    _started(driver, tmp_path)
    driver.key(Qt.Key.Key_A, SHIFT_CTRL)
    dialog = driver.run.reason_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_reason("patient unwell, vasovagal")
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    final = driver.wait_for(lambda s: s.state is SessionState.ABORTED)
    assert driver.gun.state is DeviceState.IDLE
    assert driver.run.state_badge.text() == "Aborted"
    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(final.session_id or "")
    assert record.status is SessionStatus.ABORTED
    assert record.abort_reason == "patient unwell, vasovagal"
