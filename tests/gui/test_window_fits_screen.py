"""No screen grows past the display: the window keeps to a 1366×768 laptop's width through a running
session and a power cycle of the gun, and a window larger than its screen is brought back inside it."""

from __future__ import annotations

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtWidgets import QApplication, QScrollArea

from gui.device_bridge import LinkState

LAPTOP = (1366, 768)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_power_cycle_mid_session_does_not_widen_the_window(
    request: pytest.FixtureRequest, language: str
) -> None:
    if language == "fr":
        request.getfixturevalue("french")  # before the window is built
    _power_cycle_on_a_laptop(request.getfixturevalue("driver"))


def _power_cycle_on_a_laptop(driver: SessionDriver) -> None:
    window = driver.window
    window.resize(*LAPTOP)
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    states: list[LinkState] = []
    window.bridge.link_state_changed.connect(lambda state, _detail: states.append(state))
    driver.gun.power_cycle()
    driver.qtbot.waitUntil(
        lambda: len(states) > 1 and states[-1] is LinkState.CONNECTED, timeout=SESSION_WAIT_MS
    )
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= LAPTOP[0]
    assert window.width() <= LAPTOP[0]
    stop = window.stop_button
    assert stop.mapTo(window, stop.rect().topRight()).x() < window.width()
    # The running screen fits across: its controls are not pushed out of sight.
    scroll = driver.run.findChild(QScrollArea, "sessionRunScroll")
    assert scroll is not None
    driver.qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)  # once laid out


def test_a_window_larger_than_its_screen_is_brought_inside_it(driver: SessionDriver) -> None:
    window = driver.window
    available = window.screen().availableGeometry()
    window.resize(available.width() + 400, available.height() + 300)
    driver.qtbot.waitUntil(
        lambda: (
            window.frameGeometry().width() <= available.width()
            and window.frameGeometry().height() <= available.height()
        )
    )
    assert available.contains(window.frameGeometry())
