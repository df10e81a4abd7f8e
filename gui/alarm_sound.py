"""The alarm heard: the burst of the loudest unacknowledged priority, repeated while it lasts.

The bursts are generated (:mod:`gui.alarm_tone`) and written once as WAV files to a private temporary
directory; they are played by the system's own means, never blocking the GUI thread:

- Windows: ``winsound.PlaySound`` (the standard library) with ``SND_ASYNC``;
- Linux: the sound server's player started as a child process — ``pw-play`` (PipeWire), ``paplay``
  (PulseAudio) or ``aplay`` (ALSA), the first installed; macOS: ``afplay``.

Qt's own QtMultimedia is not used: it ships in PySide6-Addons, a second, much larger wheel that must
match the Essentials version exactly, for a sound that a standard-library call or the desktop's player
plays as well. ``QApplication.beep()`` is not used either: it is one system beep, not a priority's
pattern.

Playing fails soft: with no player, no sound device or a player that exits in error, the failure is
logged once and the visual alarm stays as it is.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer

from gui.alarm_tone import PATTERNS, burst_samples, wav_bytes
from gui.widgets.alarm_banner import BannerLevel

log = logging.getLogger("mesogun.gui.alarm_sound")

#: Players tried in order on Linux (and macOS): the first one installed is used.
SYSTEM_PLAYERS = ("pw-play", "paplay", "aplay", "afplay")


def system_player() -> list[str] | None:
    """The command that plays a WAV file on this machine (None on Windows, which has ``winsound``,
    and when no player is installed)."""
    if sys.platform == "win32":
        return None
    for name in SYSTEM_PLAYERS:
        found = shutil.which(name)
        if found:
            return [found]
    return None


class AlarmSound(QObject):
    """Plays the burst of ``level`` (``set_level``), again every burst period, until it changes.

    ``player`` is the command that plays a WAV file given as its last argument (default: the system's
    player; on Windows, ``winsound``). ``failed`` is True once a playback failed (logged once).
    """

    def __init__(
        self,
        player: Sequence[str] | None = None,
        parent: QObject | None = None,
        *,
        use_system: bool = True,
    ) -> None:
        super().__init__(parent)
        self._player = list(player) if player is not None else (system_player() if use_system else None)
        self._winsound = player is None and use_system and sys.platform == "win32"
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        self._files: dict[BannerLevel, Path] = {}
        self._process: QProcess | None = None
        self.level: BannerLevel | None = None
        self.failed = False
        self.bursts_played = 0
        self.repeat_timer = QTimer(self)
        self.repeat_timer.timeout.connect(self._play)

    @property
    def audible(self) -> bool:
        """True when this machine has a means to play the bursts."""
        return self._winsound or self._player is not None

    def set_level(self, level: BannerLevel | None) -> None:
        """Sound ``level``'s burst now and at its repeat period (None, or the same level: no change)."""
        if level == self.level:
            return
        self.level = level
        self.repeat_timer.stop()
        self._stop_playing()
        if level is None:
            return
        self._play()
        repeat_s = PATTERNS[level].repeat_s
        if repeat_s is not None:
            self.repeat_timer.start(round(repeat_s * 1000))

    def wav_file(self, level: BannerLevel) -> Path:
        """The WAV file of ``level``'s burst (written on first use)."""
        path = self._files.get(level)
        if path is None:
            if self._directory is None:
                self._directory = tempfile.TemporaryDirectory(prefix="mesogun-alarm-")
            path = Path(self._directory.name) / f"alarm-{level.name.lower()}.wav"
            path.write_bytes(wav_bytes(burst_samples(PATTERNS[level])))
            self._files[level] = path
        return path

    def shutdown(self) -> None:
        """Silence, and remove the WAV files."""
        self.set_level(None)
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None
            self._files.clear()

    # ----------------------------------------------------------------- internals
    def _play(self) -> None:
        level = self.level
        if level is None or not self.audible:
            if level is not None:
                self._fail("no sound player on this machine (install PipeWire, PulseAudio or ALSA utils)")
            return
        try:
            path = self.wav_file(level)
        except OSError as exc:
            self._fail(f"the alarm sound could not be written: {exc}")
            return
        self.bursts_played += 1
        if self._winsound:
            self._play_winsound(path)
            return
        assert self._player is not None
        self._stop_playing()
        process = QProcess(self)
        process.errorOccurred.connect(lambda error: self._fail(f"the sound player failed: {error.name}"))
        process.finished.connect(self._on_finished)
        process.setProgram(self._player[0])
        process.setArguments([*self._player[1:], str(path)])
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self._process = process
        process.start()

    def _play_winsound(self, path: Path) -> None:
        if sys.platform == "win32":  # the type checker knows winsound on Windows only
            import winsound

            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            try:
                winsound.PlaySound(str(path), flags)
            except RuntimeError as exc:  # no sound device
                self._fail(f"the alarm sound could not be played: {exc}")

    def _stop_playing(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.errorOccurred.disconnect()
            process.finished.disconnect()
            if process.state() is QProcess.ProcessState.NotRunning:
                process.deleteLater()
            else:  # gone once it has ended (never waited for on the GUI thread)
                process.finished.connect(process.deleteLater)
                process.kill()
        if self._winsound and sys.platform == "win32":
            import winsound

            winsound.PlaySound(None, 0)

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if exit_code != 0:
            self._fail(f"the sound player ended with status {exit_code}")

    def _fail(self, why: str) -> None:
        if not self.failed:
            log.warning("alarm sound off, the alarm is shown only: %s", why)
        self.failed = True
