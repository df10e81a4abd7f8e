"""French and English: with the French catalogue loaded, no visible text of the app is left in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from ui_texts import untranslated, visible_texts

from firmware_protocol import AlarmCode
from gui.language import install_language
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.settings_dialog import SettingsDialog
from gui.widgets.alarm_banner import BannerLevel
from gui.widgets.body_map import BodyMap
from gui.widgets.volume_plot import VolumePlot


@pytest.fixture
def window(qtbot: QtBot, app_settings: AppSettings) -> Iterator[MainWindow]:
    win = MainWindow(app_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # Show one banner of each level so their texts are walked too.
    win.alarm_banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    win.alarm_banner.show_alarm(AlarmCode.SYRINGE_EMPTY, BannerLevel.MEDIUM)
    win.alarm_banner.show_alarm(AlarmCode.BATTERY_BELOW_30, BannerLevel.LOW)
    yield win
    win.bridge.shutdown()


def test_main_window_is_all_french(french: None, window: MainWindow) -> None:
    texts = visible_texts(window)
    assert len(texts) > 40  # the walk really reaches the panels, the page and the banner
    assert untranslated(window) == []
    assert any(text == "Connecter" for _, text in texts)


def test_settings_dialog_and_widgets_are_all_french(
    french: None, qtbot: QtBot, app_settings: AppSettings
) -> None:
    dialog = SettingsDialog(app_settings)
    body_map = BodyMap()
    volume_plot = VolumePlot()
    volume_plot.set_points(["MC6", "C7"], [50.0, 50.0])
    for widget in (dialog, body_map, volume_plot):
        qtbot.addWidget(widget)
        widget.show()
        assert untranslated(widget) == [], type(widget).__name__


def test_the_check_catches_english(window: MainWindow) -> None:
    install_language("en")
    window.show_page(window.connection_page)  # the bench page holds the simulated gun's panel
    leftovers = {text for _, text in untranslated(window)}
    assert {"Connect", "Simulated gun", "Trigger"} <= leftovers
