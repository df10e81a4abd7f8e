"""A point a cut shot left short asks the practitioner, in a dialog, what to do with what is left; the
choice is recorded and "complete" delivers exactly the remainder, never a whole extra shot."""

from __future__ import annotations

from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from firmware_protocol import AlarmCode
from gui.device_texts import alarm_text
from mesogun.journal import PartialChoice, SqliteJournal
from mesogun.session import SessionState

SLOW_POINT_PLAN = """
name = "slow-point"
title = "Point lent"
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
depth_mm = 2.0
volume_per_shot_ul = 100.0
shots = 1
flow_ul_s = 10.0

[[steps]]
site = { acupoint_code = "EX-HN3" }
technique = "point_par_point"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0
"""


def test_a_shot_cut_by_a_power_loss_alarms_then_the_dialog_completes_the_point_with_its_remainder(
    driver: SessionDriver, tmp_path: Path
) -> None:
    plan_file = tmp_path / "slow-point.toml"
    plan_file.write_text(SLOW_POINT_PLAN, encoding="utf-8")
    driver.connect()
    assert driver.setup.load_plan_file(plan_file)
    driver.fill_setup()
    driver.start()
    gun = driver.gun
    gun.press_trigger()
    assert gun.wait_until(
        lambda: gun.hardware.syringe is not None and gun.hardware.syringe.travel_steps > 1_000, 10
    )
    gun.power_cycle()  # mid-push: the gun reports the shot INTERRUPTED once it is back
    gun.release_trigger()

    alarm = driver.wait_for(lambda s: s.state is SessionState.ALARM)
    assert AlarmCode.POWER_LOSS in alarm.alarms_raised
    run = driver.run
    assert run.notice.isVisible() and run.notice.text() == alarm_text(AlarmCode.POWER_LOSS)
    assert alarm.points[0].delivered_ul > 0  # the interrupted shot is a dose of the point
    driver.window.session.acknowledge_alarm()  # then the session resumes

    waiting = driver.wait_for(lambda s: s.pending_partial is not None)
    assert not waiting.armed  # nothing is delivered before the practitioner chose
    driver.qtbot.waitUntil(
        lambda: run.partial_dialog is not None and run.partial_dialog.isVisible(), timeout=SESSION_WAIT_MS
    )
    dialog = run.partial_dialog
    assert dialog is not None
    assert not dialog.confirm_button.isEnabled()  # skipping needs a reason in words
    driver.qtbot.mouseClick(dialog.complete_button, Qt.MouseButton.LeftButton)

    driver.wait_armed_at(0)
    driver.pull_trigger()
    driver.wait_armed_at(1)
    driver.pull_trigger()
    final = driver.wait_for(lambda s: s.state is SessionState.COMPLETED)

    doses = [d for d in driver.doses() if d.point_index == 0]
    assert [d.alarm for d in doses] == ["power_loss", None]
    cut, remainder = doses
    assert remainder.commanded_volume_ul == round(100.0 - cut.delivered_volume_ul, 3)
    assert final.points[0].delivered_ul <= 100.0 + 5.0  # never above the target beyond a shot's tolerance
    with SqliteJournal(driver.journal_path) as journal:
        (decision,) = journal.session(final.session_id or "").decisions
    assert (decision.point_index, decision.choice) == (0, PartialChoice.COMPLETE)
    assert decision.remainder_shot_ul == remainder.commanded_volume_ul
