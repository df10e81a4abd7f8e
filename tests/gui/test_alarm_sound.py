"""Alarm sounds: the generated bursts follow IEC 60601-1-8 (pulses, timing, harmonics), the app plays
the loudest unacknowledged priority through a real player process, and no player means a logged,
silent, still visible alarm."""

from __future__ import annotations

import io
import itertools
import logging
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from firmware_protocol import AlarmCode
from gui.alarm_sound import AlarmSound
from gui.alarm_tone import PATTERNS, SAMPLE_RATE_HZ, burst_samples, wav_bytes
from gui.main_window import MainWindow
from gui.widgets.alarm_banner import AlarmBanner, BannerLevel

WAIT_MS = 20_000


def _pulses_ms(samples: np.ndarray, fundamental_hz: float) -> list[tuple[float, float]]:
    """(onset, duration) of each pulse in ms, between the 50 % points of the envelope."""
    period = int(SAMPLE_RATE_HZ / fundamental_hz) + 1
    padded = np.concatenate([np.zeros(period), np.abs(samples.astype(float)), np.zeros(period)])
    envelope = np.lib.stride_tricks.sliding_window_view(padded, period).max(axis=1)
    envelope = envelope[period // 2 : period // 2 + len(samples)]  # centred on each sample
    on = envelope >= 0.5 * envelope.max()
    edges = np.flatnonzero(np.diff(on.astype(int)))
    starts, ends = edges[::2] + 1, edges[1::2] + 1
    to_ms = 1000 / SAMPLE_RATE_HZ
    return [(s * to_ms, (e - s) * to_ms) for s, e in zip(starts, ends, strict=True)]


def _gaps_ms(pulses: list[tuple[float, float]]) -> list[float]:
    return [b[0] - (a[0] + a[1]) for a, b in itertools.pairwise(pulses)]


def test_a_high_priority_burst_is_ten_pulses_three_plus_two_twice() -> None:
    pattern = PATTERNS[BannerLevel.HIGH]
    pulses = _pulses_ms(np.array(burst_samples(pattern)), pattern.fundamental_hz)
    assert len(pulses) == 10
    for _, duration_ms in pulses:
        assert 75 <= duration_ms <= 200  # IEC 60601-1-8 high priority pulse duration
        assert duration_ms == pytest.approx(150, abs=3)
    gaps = _gaps_ms(pulses)
    spacing_ms = gaps[0]
    assert 50 <= spacing_ms <= 125
    # x x x _ x x ... x x x _ x x: one spacing within a group, 2 × spacing + pulse between the groups
    # of a half, the pause between the fifth and the sixth pulse.
    groups = [pytest.approx(expected, abs=4) for expected in (100, 100, 350, 100, 500, 100, 100, 350, 100)]
    assert gaps == groups
    assert 350 <= gaps[4] <= 1300
    assert pattern.repeat_s is not None and 2.5 <= pattern.repeat_s <= 15.0


@pytest.mark.parametrize(("level", "count"), [(BannerLevel.MEDIUM, 3), (BannerLevel.LOW, 1)])
def test_medium_is_three_pulses_and_low_is_one(level: BannerLevel, count: int) -> None:
    pattern = PATTERNS[level]
    pulses = _pulses_ms(np.array(burst_samples(pattern)), pattern.fundamental_hz)
    assert len(pulses) == count
    for _, duration_ms in pulses:
        assert 125 <= duration_ms <= 250
    for gap_ms in _gaps_ms(pulses):
        assert 125 <= gap_ms <= 250
    if level is BannerLevel.MEDIUM:
        assert pattern.repeat_s is not None and 2.5 <= pattern.repeat_s <= 30.0
    else:
        assert pattern.repeat_s is None  # heard once


@pytest.mark.parametrize("level", list(BannerLevel))
def test_each_pulse_is_a_fundamental_with_four_harmonics_within_15_db(level: BannerLevel) -> None:
    pattern = PATTERNS[level]
    samples = np.array(burst_samples(pattern), dtype=float)
    onset_ms, duration_ms = _pulses_ms(samples, pattern.fundamental_hz)[0]
    first = samples[
        int(onset_ms * SAMPLE_RATE_HZ / 1000) : int((onset_ms + duration_ms) * SAMPLE_RATE_HZ / 1000)
    ]
    spectrum = np.abs(np.fft.rfft(first * np.hanning(len(first))))
    frequencies = np.fft.rfftfreq(len(first), 1 / SAMPLE_RATE_HZ)
    loudest_hz = frequencies[np.argmax(spectrum)]
    assert loudest_hz == pytest.approx(pattern.fundamental_hz, abs=10)
    assert 150 <= pattern.fundamental_hz <= 1000

    def level_db(f_hz: float) -> float:
        band = (frequencies > f_hz - 15) & (frequencies < f_hz + 15)
        return float(20 * np.log10(spectrum[band].max()))

    fundamental_db = level_db(pattern.fundamental_hz)
    for harmonic in range(2, 6):
        f_hz = harmonic * pattern.fundamental_hz
        assert 300 <= f_hz <= 4000
        assert fundamental_db - level_db(f_hz) <= 15.0
    between = level_db(1.5 * pattern.fundamental_hz)  # nothing but the harmonics
    assert fundamental_db - between > 30.0


def test_the_wav_is_16_bit_mono_pcm_of_the_samples() -> None:
    samples = burst_samples(PATTERNS[BannerLevel.MEDIUM])
    with wave.open(io.BytesIO(wav_bytes(samples))) as read:
        assert (read.getnchannels(), read.getsampwidth(), read.getframerate()) == (1, 2, SAMPLE_RATE_HZ)
        assert read.readframes(read.getnframes()) == samples.tobytes()


def _level(sound: AlarmSound) -> BannerLevel | None:
    return sound.level


def _recording_player(out_dir: Path) -> list[str]:
    """A real program standing in for the sound player: it keeps each WAV it is asked to play.

    Each copy is written beside ``out_dir`` and renamed into it once complete: a file in ``out_dir`` is
    a whole burst, however slowly a loaded machine runs the player (a wait on the files' count never
    reads a copy half-written).
    """
    script = (
        "import os, shutil, sys, pathlib; d = pathlib.Path(sys.argv[1]);"
        " part = d.parent / f'.playing-{os.getpid()}.wav'; shutil.copy(sys.argv[2], part);"
        " os.replace(part, d / f'{len(list(d.iterdir()))}.wav')"
    )
    return [sys.executable, "-c", script, str(out_dir)]


def _pulse_count(path: Path, level: BannerLevel) -> int:
    with wave.open(str(path)) as read:
        frames = np.frombuffer(read.readframes(read.getnframes()), dtype="<i2")
    return len(_pulses_ms(frames, PATTERNS[level].fundamental_hz))


def test_the_loudest_unacknowledged_alarm_is_played_and_acknowledging_it_lowers_the_sound(
    qtbot: QtBot, tmp_path: Path
) -> None:
    played = tmp_path / "played"
    played.mkdir()
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    sound = AlarmSound(_recording_player(played))
    banner.loudest_changed.connect(sound.set_level)
    banner.show_alarm(AlarmCode.BATTERY_LOW, BannerLevel.MEDIUM)
    banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
    assert sound.level is BannerLevel.HIGH
    assert sound.repeat_timer.interval() == 6000  # the burst again while nobody acknowledges
    qtbot.waitUntil(lambda: len(list(played.iterdir())) == 2, timeout=WAIT_MS)  # medium, then high
    assert _pulse_count(played / "1.wav", BannerLevel.HIGH) == 10

    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None
    button.click()
    assert _level(sound) is BannerLevel.MEDIUM
    qtbot.waitUntil(lambda: len(list(played.iterdir())) == 3, timeout=WAIT_MS)
    assert _pulse_count(played / "2.wav", BannerLevel.MEDIUM) == 3
    banner.clear_alarm(AlarmCode.BATTERY_LOW)
    banner.clear_alarm(AlarmCode.OCCLUSION)
    assert _level(sound) is None and not sound.repeat_timer.isActive()
    assert not sound.failed
    sound.shutdown()


def test_without_a_sound_player_the_failure_is_logged_once_and_the_alarm_stays_visible(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    sound = AlarmSound([str(tmp_path / "no-such-player")])
    banner.loudest_changed.connect(sound.set_level)
    with caplog.at_level(logging.WARNING, logger="mesogun.gui.alarm_sound"):
        banner.show_alarm(AlarmCode.OCCLUSION, BannerLevel.HIGH)
        qtbot.waitUntil(lambda: sound.failed, timeout=WAIT_MS)
        sound.repeat_timer.timeout.emit()  # the next burst fails as well, silently
        qtbot.waitUntil(lambda: sound.bursts_played == 2, timeout=WAIT_MS)
    assert len([r for r in caplog.records if "alarm sound off" in r.getMessage()]) == 1
    assert banner.active_codes() == [AlarmCode.OCCLUSION] and not banner.isHidden()
    assert banner.flash_timer.isActive()
    sound.shutdown()


def test_a_player_ending_in_error_is_logged_once(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    sound = AlarmSound([sys.executable, "-c", "import sys; sys.exit('no sound device')"])
    with caplog.at_level(logging.WARNING, logger="mesogun.gui.alarm_sound"):
        sound.set_level(BannerLevel.MEDIUM)
        qtbot.waitUntil(lambda: sound.failed, timeout=WAIT_MS)
    assert "status 1" in caplog.text
    sound.shutdown()


def test_the_main_window_sounds_what_its_banner_shows(qtbot: QtBot, session_window: MainWindow) -> None:
    window = session_window
    window.alarm_banner.show_alarm(AlarmCode.SYRINGE_EMPTY, BannerLevel.MEDIUM)
    assert window.alarm_sound.level is BannerLevel.MEDIUM
    window.alarm_banner.keep_only(set())  # the link went away
    assert window.alarm_sound.level is None
