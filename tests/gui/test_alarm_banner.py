"""Alarm banners: by priority, in IEC colours, acknowledged by the operator, gone when cleared."""

from __future__ import annotations

import itertools

import pytest
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


def _relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#RRGGBB``."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, from 1:1 to 21:1."""
    lighter, darker = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_ratio_is_the_wcag_one() -> None:
    assert _contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert _contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_banner_text_keeps_a_contrast_of_4_5_to_1_in_every_state(qtbot: QtBot) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    codes = {
        BannerLevel.HIGH: AlarmCode.OCCLUSION,
        BannerLevel.MEDIUM: AlarmCode.SYRINGE_EMPTY,
        BannerLevel.LOW: AlarmCode.BATTERY_BELOW_30,
    }
    for level, code in codes.items():
        banner.show_alarm(code, level)
    for code in codes.values():
        colours = banner.row_colours(code)
        assert colours is not None
        for background in (colours.background, colours.flash_background):  # both phases of a flash
            assert _contrast_ratio(colours.text, background) >= 4.5, (code, colours)
    for code in codes.values():
        button = banner.acknowledge_button(code)
        assert button is not None
        button.click()
        colours = banner.row_colours(code)
        assert colours is not None and _contrast_ratio(colours.text, colours.background) >= 4.5


def test_the_high_priority_row_flashes_at_2_hz_the_medium_at_half_a_hertz_the_low_is_steady(
    qtbot: QtBot,
) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.show_alarm(AlarmCode.BATTERY_BELOW_30, BannerLevel.LOW)
    assert not banner.flash_timer.isActive()  # nothing flashes for a low priority alarm
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    banner.show_alarm(AlarmCode.SYRINGE_EMPTY, BannerLevel.MEDIUM)
    assert banner.flash_timer.isActive()
    tick_s = banner.flash_timer.interval() / 1000
    seen: dict[AlarmCode, list[str | None]] = {code: [] for code in banner.active_codes()}  # type: ignore[misc]
    for _ in range(17):
        for code in seen:
            seen[code].append(banner.row_background(code))
        banner.flash_timer.timeout.emit()
    high, medium = seen[AlarmCode.OCCLUSION], seen[AlarmCode.SYRINGE_EMPTY]
    assert set(high) == {style.ALARM_HIGH, style.ALARM_HIGH_FLASH}
    assert set(medium) == {style.ALARM_MEDIUM, style.ALARM_MEDIUM_FLASH}
    assert set(seen[AlarmCode.BATTERY_BELOW_30]) == {style.ALARM_LOW}

    def frequency_hz(phases: list[str | None]) -> float:
        runs = [len(list(run)) for _, run in itertools.groupby(phases)][1:-1]  # whole phases only
        return 1 / (2 * tick_s * sum(runs) / len(runs))

    # IEC 60601-1-8 visual indicators: high 1.4–2.8 Hz, medium 0.4–0.8 Hz, both 20–60 % on.
    assert 1.4 <= frequency_hz(high) <= 2.8
    assert 0.4 <= frequency_hz(medium) <= 0.8
    assert 0.2 <= high.count(style.ALARM_HIGH) / len(high) <= 0.6
    assert 0.2 <= medium.count(style.ALARM_MEDIUM) / len(medium) <= 0.6


def test_an_acknowledged_alarm_collapses_below_the_others_until_cleared(qtbot: QtBot) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.resize(1200, 200)
    banner.show()
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    banner.show_alarm(AlarmCode.BATTERY_LOW, BannerLevel.MEDIUM)
    full_height = banner.row_height(AlarmCode.OCCLUSION)
    assert banner.loudest() is BannerLevel.HIGH
    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None
    with qtbot.waitSignal(banner.loudest_changed) as loudest:
        button.click()
    assert loudest.args == [BannerLevel.MEDIUM]  # the sound goes down to what is left
    assert banner.is_acknowledged(AlarmCode.OCCLUSION)
    assert banner.active_codes() == [AlarmCode.BATTERY_LOW, AlarmCode.OCCLUSION]  # out of the way
    assert banner.row_height(AlarmCode.OCCLUSION) < full_height
    assert button.isHidden()
    assert banner.row_text(AlarmCode.OCCLUSION).startswith("Acknowledged")
    banner.flash_timer.timeout.emit()
    assert banner.row_background(AlarmCode.OCCLUSION) == style.ALARM_ACKNOWLEDGED  # no longer flashing

    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)  # refused or raised again: in full again
    assert not banner.is_acknowledged(AlarmCode.OCCLUSION)
    assert banner.row_height(AlarmCode.OCCLUSION) == full_height
    assert banner.active_codes()[0] is AlarmCode.OCCLUSION
    banner.clear_alarm(AlarmCode.OCCLUSION)
    banner.clear_alarm(AlarmCode.BATTERY_LOW)
    assert banner.loudest() is None and not banner.flash_timer.isActive()
