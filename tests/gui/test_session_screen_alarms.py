"""Pausing and resuming from the buttons; an occlusion halts the session with a banner, and its
acknowledgement in the banner (once the line is clear) lets the session go on."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from firmware_protocol import AlarmCode, DeviceState
from gui import style
from gui.widgets.alarm_banner import BannerLevel
from mesogun.journal import DoseResult, SqliteJournal
from mesogun.session import PointStatus, SessionState


def _started(driver: SessionDriver) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()


def test_pause_and_resume_buttons_disarm_and_rearm_the_current_point(driver: SessionDriver) -> None:
    _started(driver)
    controls = driver.run.controls
    driver.pull_trigger()
    driver.wait_armed_at(1)

    driver.qtbot.mouseClick(controls.pause_button, Qt.MouseButton.LeftButton)
    paused = driver.wait_for(lambda s: s.state is SessionState.PAUSED)
    assert not paused.armed and paused.current_index == 1
    assert driver.gun.state is DeviceState.IDLE  # a trigger press now delivers nothing
    assert driver.run.state_badge.text() == "Paused"
    driver.pull_trigger()
    assert len(driver.gun.truth.shots) == 1

    driver.qtbot.mouseClick(controls.resume_button, Qt.MouseButton.LeftButton)
    driver.wait_armed_at(1)
    assert driver.run.state_badge.text() == "Running"
    driver.pull_trigger()
    resumed = driver.wait_for(lambda s: s.points[1].status is PointStatus.DONE)
    assert [p.shots for p in resumed.points[:2]] == [1, 1]


def test_an_occlusion_pauses_and_its_acknowledgement_resumes(driver: SessionDriver) -> None:
    _started(driver)
    window = driver.window
    driver.gun.set_occlusion(True)
    driver.pull_trigger()

    halted = driver.wait_for(lambda s: s.state is SessionState.ALARM)
    assert halted.current_index == 0 and not halted.armed
    banner = window.alarm_banner
    driver.qtbot.waitUntil(lambda: AlarmCode.OCCLUSION in banner.active_codes(), timeout=SESSION_WAIT_MS)
    assert banner.level_of(AlarmCode.OCCLUSION) is BannerLevel.HIGH
    assert driver.run.state_badge.text() == "Alarm"
    assert driver.run.controls.acknowledge_button.isVisible()

    driver.gun.set_occlusion(False)  # the practitioner clears the line
    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None
    driver.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # Acknowledged through the session (recorded), which then goes on at the same point: the cut-short
    # shot left it short of its target.
    driver.wait_armed_at(0)
    driver.qtbot.waitUntil(lambda: AlarmCode.OCCLUSION not in banner.active_codes(), timeout=SESSION_WAIT_MS)
    driver.pull_trigger()
    done = driver.wait_for(lambda s: s.points[0].status is PointStatus.DONE)
    assert done.points[0].delivered_ul > 0

    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(done.session_id or "")
        doses = journal.doses(done.session_id or "")
    occlusions = [(a.raised, a.detail, a.operator) for a in record.alarms if a.code == "occlusion"]
    assert [raised for raised, _, _ in occlusions] == [True, False]  # raised, then acknowledged
    assert occlusions[1][1:] == ("operator", record.practitioner)  # by the practitioner, in the banner
    assert [d.event_number for d in doses] == driver.true_event_numbers()
    assert [d.point_index for d in doses] == [0, 0]  # the occluded shot, then the one given again
    assert doses[0].result is not DoseResult.COMPLETE and (doses[0].alarm or "").lower() == "occlusion"
    assert doses[1].result is DoseResult.COMPLETE


def test_the_state_badge_of_a_halted_session_shows_the_alarm_priority_colour(driver: SessionDriver) -> None:
    _started(driver)
    driver.gun.empty_syringe()  # a medium priority alarm halts the session, it is not a red one
    driver.pull_trigger()
    halted = driver.wait_for(lambda s: s.state is SessionState.ALARM and bool(s.active_alarms))
    assert AlarmCode.SYRINGE_EMPTY in halted.active_alarms
    driver.qtbot.waitUntil(lambda: driver.run.state_badge.text() == "Alarm", timeout=SESSION_WAIT_MS)
    badge = driver.run.state_badge.styleSheet()
    assert f"background: {style.ALARM_MEDIUM}" in badge
    assert f"color: {style.ALARM_MEDIUM_TEXT}" in badge
    assert style.ALARM_HIGH not in badge
