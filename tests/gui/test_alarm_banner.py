"""Alarm banners: by priority, in IEC colours, acknowledged by the operator, gone when cleared."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from firmware_protocol import AlarmCode, AlarmPriority
from gui import style
from gui.widgets.alarm_banner import AlarmBanner, BannerLevel


def test_alarms_are_listed_most_urgent_first_and_hidden_when_none(qtbot: QtBot) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_alarm(AlarmCode.BATTERY_BELOW_30, BannerLevel.LOW)
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    banner.show_alarm(AlarmCode.SYRINGE_EMPTY, BannerLevel.MEDIUM)
    assert not banner.isHidden()
    assert banner.active_codes() == [AlarmCode.OCCLUSION, AlarmCode.SYRINGE_EMPTY, AlarmCode.BATTERY_BELOW_30]
    assert "Occlusion" in banner.row_text(AlarmCode.OCCLUSION)
    assert banner.row_text(AlarmCode.OCCLUSION).startswith("High priority alarm")
    assert banner.row_background(AlarmCode.OCCLUSION) == style.ALARM_HIGH
    assert banner.row_background(AlarmCode.SYRINGE_EMPTY) == style.ALARM_MEDIUM
    assert banner.row_background(AlarmCode.BATTERY_BELOW_30) == style.ALARM_LOW

    for code in (AlarmCode.OCCLUSION, AlarmCode.SYRINGE_EMPTY, AlarmCode.BATTERY_BELOW_30):
        banner.clear_alarm(code)
    assert banner.active_codes() == []
    assert banner.isHidden()


def test_acknowledge_button_sends_the_code_once(qtbot: QtBot) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None
    with qtbot.waitSignal(banner.acknowledge_requested) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [AlarmCode.OCCLUSION]
    assert not button.isEnabled()  # no double acknowledgement while the gun answers
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)  # raised again: can be acknowledged again
    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None and button.isEnabled()


def test_device_priorities_map_to_levels() -> None:
    assert BannerLevel.of(AlarmPriority.HIGH) is BannerLevel.HIGH
    assert BannerLevel.of(AlarmPriority.MEDIUM) is BannerLevel.MEDIUM
    assert BannerLevel.of(AlarmPriority.LOW) is BannerLevel.LOW
    assert BannerLevel.of(AlarmPriority.INFO) is None


def test_keep_only_drops_alarms_the_gun_no_longer_reports(qtbot: QtBot) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    banner.show_alarm(AlarmCode.BATTERY_LOW, BannerLevel.MEDIUM)
    banner.keep_only({"BATTERY_LOW"})
    assert banner.active_codes() == [AlarmCode.BATTERY_LOW]
