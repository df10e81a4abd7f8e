"""The cable pulled mid-session: the screen says the gun is being reconnected while the session waits
paused; once replugged the session goes on by itself, and every shot is in the journal exactly once."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from gui.device_bridge import LinkState
from mesogun.journal import SqliteJournal
from mesogun.session import PointStatus, SessionState


def test_unplug_and_replug_during_a_session(driver: SessionDriver) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    window, run = driver.window, driver.run
    for index in range(3):
        driver.wait_armed_at(index)
        driver.pull_trigger()
    driver.wait_armed_at(3)

    unplug = window.dock_simulator.unplug_button  # the simulated gun's own control, beside the session
    assert unplug.isVisible()
    driver.qtbot.mouseClick(unplug, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: run.link_banner.isVisible(), timeout=SESSION_WAIT_MS)
    assert window.bridge.state in (LinkState.RECONNECTING, LinkState.LOST)
    assert "reconnecting" in run.link_banner.text() or "does not answer" in run.link_banner.text()
    paused = driver.wait_for(lambda s: s.state is SessionState.PAUSED and s.waiting_for_link)
    assert not paused.armed and paused.current_index == 3
    assert not run.controls.fire_button.isEnabled()

    driver.qtbot.mouseClick(unplug, Qt.MouseButton.LeftButton)  # replug
    driver.qtbot.waitUntil(lambda: window.bridge.state is LinkState.CONNECTED, timeout=SESSION_WAIT_MS)
    driver.wait_armed_at(3)  # back by itself, at the point it was on
    driver.qtbot.waitUntil(lambda: not run.link_banner.isVisible(), timeout=SESSION_WAIT_MS)
    for index in range(3, 10):
        driver.wait_armed_at(index)
        driver.pull_trigger()
    final = driver.wait_for(lambda s: s.state is SessionState.COMPLETED)
    assert [p.status for p in final.points] == [PointStatus.DONE] * 10

    with SqliteJournal(driver.journal_path) as journal:
        doses = journal.doses(final.session_id or "")
    assert [d.event_number for d in doses] == driver.true_event_numbers()
    assert [d.point_index for d in doses] == list(range(10))
