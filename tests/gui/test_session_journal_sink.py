"""The app's gun reports to the dose journal: a shot on the bench, outside any session, is stored
before the gun hears it acknowledged (the journal is the link's event sink, as for `mesogun run`)."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt

from mesogun.journal import SqliteJournal


def test_a_bench_shot_is_journaled_then_acknowledged(driver: SessionDriver) -> None:
    window = driver.window
    driver.connect()
    window.show_page(window.connection_page)
    controls = window.connection_page.delivery
    driver.qtbot.mouseClick(controls.load_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(
        lambda: "µl" in window.connection_panel.syringe_value.text(), timeout=SESSION_WAIT_MS
    )
    driver.qtbot.mouseClick(controls.arm_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: controls.disarm_button.isEnabled(), timeout=SESSION_WAIT_MS)
    driver.pull_trigger()
    shots = driver.true_event_numbers()
    assert len(shots) == 1

    with SqliteJournal(driver.journal_path) as journal:
        driver.qtbot.waitUntil(
            lambda: journal.last_event_number("SIM-0001") >= shots[0], timeout=SESSION_WAIT_MS
        )
        assert journal.sessions() == []  # a bench shot is a device event, not a dose of a session
    injector = window.bridge.injector
    assert injector is not None
    driver.qtbot.waitUntil(lambda: injector.status().acked_event_number >= shots[0], timeout=SESSION_WAIT_MS)
