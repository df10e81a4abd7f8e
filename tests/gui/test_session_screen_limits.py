"""A point outside the usual range asks for a reason before it is delivered; the reason is on every
dose of that point in the journal. The emergency STOP halts a running session."""

from __future__ import annotations

from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from firmware_protocol import DeviceState
from mesogun.journal import SqliteJournal
from mesogun.session import PointStatus, SessionState

DEEP_POINT_PLAN = """
name = "deep-point"
title = "Point profond"
indication = "test"
version = "1"

[cocktail]
name = "procaine"
volume_loaded_ml = 2.0

[[cocktail.components]]
product = { name = "Procaïne", concentration = "2 %" }
proportion_pct = 100.0

[[contraindications]]
code = "allergie"
question_fr = "Allergie connue à l'un des produits injectés ?"
question_en = "Known allergy to one of the injected products?"
blocking = true

[[steps]]
site = { region = "Genou, face interne", laterality = "left", view = "front", x = 0.55, y = 0.75 }
technique = "point_par_point"
depth_mm = 8.0
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
"""


def test_a_soft_limit_is_delivered_only_with_a_reason_recorded_on_its_doses(
    driver: SessionDriver, tmp_path: Path
) -> None:
    plan_file = tmp_path / "deep-point.toml"
    plan_file.write_text(DEEP_POINT_PLAN, encoding="utf-8")
    driver.connect()
    assert driver.setup.load_plan_file(plan_file)
    driver.fill_setup()
    driver.qtbot.mouseClick(driver.setup.start_button, Qt.MouseButton.LeftButton)

    waiting = driver.wait_for(lambda s: s.pending_override is not None)
    assert not waiting.armed  # nothing can be delivered before the confirmation
    run = driver.run
    driver.qtbot.waitUntil(lambda: run.override_dialog is not None and run.override_dialog.isVisible())
    dialog = run.override_dialog
    assert dialog is not None
    assert not dialog.confirm_button.isEnabled()  # a reason in words is required
    dialog.set_reason("deep point for a thick scalp")
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    driver.wait_armed_at(0)
    driver.pull_trigger()
    driver.wait_for(lambda s: s.points[0].shots == 1 and s.armed)
    driver.pull_trigger()
    driver.wait_armed_at(1)
    assert driver.run.override_dialog is not None and not driver.run.override_dialog.isVisible()
    driver.pull_trigger()
    final = driver.wait_for(lambda s: s.state is SessionState.COMPLETED)

    with SqliteJournal(driver.journal_path) as journal:
        doses = journal.doses(final.session_id or "")
    deep = [d for d in doses if d.point_index == 0]
    assert len(deep) == 2
    for dose in deep:
        assert [(o.field, o.value, o.limit, o.reason) for o in dose.overrides] == [
            ("depth_mm", 8.0, 6.0, "deep point for a thick scalp")
        ]
    assert [d.overrides for d in doses if d.point_index == 1] == [()]
    assert [d.event_number for d in doses] == driver.true_event_numbers()


def test_the_emergency_stop_halts_the_gun_and_pauses_the_session(driver: SessionDriver) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    driver.pull_trigger()
    driver.wait_armed_at(1)

    driver.qtbot.keyClick(driver.run, Qt.Key.Key_Escape)  # Esc, like F12 and the red button
    stopped = driver.wait_for(lambda s: s.state is SessionState.PAUSED)
    assert not stopped.armed and stopped.current_index == 1
    driver.qtbot.waitUntil(lambda: driver.gun.state is DeviceState.IDLE, timeout=SESSION_WAIT_MS)
    driver.pull_trigger()  # the gun delivers nothing once stopped
    assert len(driver.gun.truth.shots) == 1

    driver.qtbot.mouseClick(driver.window.stop_button, Qt.MouseButton.LeftButton)  # again: harmless
    driver.qtbot.mouseClick(driver.run.controls.resume_button, Qt.MouseButton.LeftButton)
    driver.wait_armed_at(1)
    driver.pull_trigger()
    resumed = driver.wait_for(lambda s: s.points[1].status is PointStatus.DONE)
    assert [p.shots for p in resumed.points[:3]] == [1, 1, 0]
