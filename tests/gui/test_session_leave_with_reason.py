"""Nothing ends by accident: leaving a point short of its target with Next, or ending the session with
points left, asks for a confirmation and a reason; the journal keeps the practitioner's own words, and
the record calls a point left after some delivery "partial", not "skipped"."""

from __future__ import annotations

from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from mesogun.journal import SqliteJournal
from mesogun.session import PointStatus, SessionState

THREE_SHOT_PLAN = """
name = "three-shots"
title = "Trois injections"
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
volume_per_shot_ul = 50.0
shots = 3
flow_ul_s = 20.0

[[steps]]
site = { acupoint_code = "EX-HN3" }
technique = "point_par_point"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0

[[steps]]
site = { acupoint_code = "HT7" }
technique = "point_par_point"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0
"""


def _answer(driver: SessionDriver, reason: str) -> None:
    run = driver.run
    driver.qtbot.waitUntil(
        lambda: run.reason_dialog is not None and run.reason_dialog.isVisible(), timeout=SESSION_WAIT_MS
    )
    dialog = run.reason_dialog
    assert dialog is not None and not dialog.confirm_button.isEnabled()  # no reason, no confirmation
    dialog.set_reason(reason)
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)


def test_a_partial_point_and_an_early_end_are_confirmed_with_the_practitioner_s_words(
    driver: SessionDriver, tmp_path: Path
) -> None:
    plan_file = tmp_path / "three-shots.toml"
    plan_file.write_text(THREE_SHOT_PLAN, encoding="utf-8")
    driver.connect()
    assert driver.setup.load_plan_file(plan_file)
    driver.fill_setup()
    driver.start()
    driver.pull_trigger()
    driver.wait_for(lambda s: s.points[0].shots == 1 and s.armed)

    driver.qtbot.mouseClick(driver.run.controls.next_button, Qt.MouseButton.LeftButton)
    _answer(driver, "la patiente a bougé")
    moved_on = driver.wait_armed_at(1)
    assert moved_on.points[0].status is PointStatus.PARTIAL

    driver.qtbot.mouseClick(driver.run.controls.stop_button, Qt.MouseButton.LeftButton)
    _answer(driver, "fatigue de la patiente")
    ended = driver.wait_for(lambda s: s.state is SessionState.STOPPED)

    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(ended.session_id)
    assert [(skip.point_index, skip.reason) for skip in record.skips] == [(0, "la patiente a bougé")]
    assert record.abort_reason == "fatigue de la patiente"

    summary = driver.window.summary_page
    driver.qtbot.waitUntil(lambda: summary.record is not None, timeout=SESSION_WAIT_MS)
    lines = [label.text() for label in summary.findChildren(type(driver.run.title)) if label.isVisible()]
    assert "Point 1 left partial: la patiente a bougé" in lines
    assert not any(line.startswith("Point 1 skipped") for line in lines)
