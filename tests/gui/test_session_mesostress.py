"""A whole Mésostress session through the window: the setup form, Start, the gun's trigger and the
keyboard (Space fires like a foot pedal, P pauses and resumes), to the end; the journal holds exactly
the shots the simulated gun delivered."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from firmware_protocol import DeviceState
from mesogun.journal import SessionStatus, SqliteJournal
from mesogun.session import PointStatus, SessionState


def test_a_mesostress_session_from_setup_to_the_end(driver: SessionDriver) -> None:
    driver.connect()
    setup = driver.setup
    setup.choose_builtin("mesostress")
    assert not setup.start_button.isEnabled()  # nothing filled in yet
    driver.fill_setup()
    driver.start()
    run = driver.run
    assert run.card.title.text() == "MC6 · PC6"
    assert run.points.status_of(0) is PointStatus.CURRENT

    for index in range(10):
        driver.wait_armed_at(index)
        if index == 4:
            # P pauses between shots (the gun is disarmed), P again goes on at the same point.
            driver.key(Qt.Key.Key_P)
            paused = driver.wait_for(lambda s: s.state is SessionState.PAUSED)
            assert paused.current_index == 4 and not paused.armed
            assert driver.gun.state is DeviceState.IDLE
            assert run.controls.resume_button.isEnabled() and not run.controls.pause_button.isEnabled()
            driver.key(Qt.Key.Key_P)
            driver.wait_armed_at(4)
        if index % 2:
            driver.key(Qt.Key.Key_Space)  # fired from the computer
        else:
            driver.pull_trigger()  # the practitioner's trigger on the gun
        if index < 9:
            driver.wait_for(lambda s, i=index: s.points[i].status is PointStatus.DONE)  # type: ignore[misc]
            assert run.points.status_of(index) is PointStatus.DONE

    final = driver.wait_for(lambda s: s.state is SessionState.COMPLETED)
    assert [p.status for p in final.points] == [PointStatus.DONE] * 10
    assert run.state_badge.text() == "Completed"
    # The end shows the session's summary, read from the journal.
    window = driver.window
    summary = window.summary_page
    driver.qtbot.waitUntil(lambda: window.current_page() is summary, timeout=SESSION_WAIT_MS)
    driver.qtbot.waitUntil(
        lambda: (
            getattr(summary, "record", None) is not None and summary.record.session_id == final.session_id
        ),
        timeout=SESSION_WAIT_MS,
    )
    assert not summary.read_only
    driver.qtbot.mouseClick(summary.new_button, Qt.MouseButton.LeftButton)  # the next patient
    assert window.current_page() is window.session_area
    assert window.session_area.currentWidget() is setup and setup.patient.pseudonym == ""

    assert final.session_id is not None
    with SqliteJournal(driver.journal_path) as journal:
        doses = journal.doses(final.session_id)
        record = journal.session(final.session_id)
    assert [d.event_number for d in doses] == driver.true_event_numbers()
    assert [d.point_index for d in doses] == list(range(10))
    assert record.status is SessionStatus.COMPLETED
    assert record.patient_pseudonym == "MST-0042"
    assert {p.lot for p in record.products} == {"L1-2301", "L2-2301", "L3-2301"}
    assert record.consent_given
    assert driver.gun.state is DeviceState.IDLE
