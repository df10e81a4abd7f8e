"""The application's remembered preferences (QSettings): language, telemetry rate, window layout.

One class reads and writes every key so the key names live in one place. Values are checked when
read back (a hand-edited settings file must not crash the app): an unknown value falls back to the
default, a new value out of range is refused.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("system", "fr", "en")
DEFAULT_TELEMETRY_RATE_HZ = 200
TELEMETRY_RATE_MIN_HZ = 0
TELEMETRY_RATE_MAX_HZ = 1000


class AppSettings:
    """Typed access to the application's QSettings (organisation and application names set by ``app``)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    @property
    def language(self) -> str:
        """The chosen interface language: ``"system"`` (follow the system locale), ``"fr"`` or ``"en"``."""
        value = self._settings.value("ui/language", "system")
        return value if isinstance(value, str) and value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"language: {value!r} is not one of {', '.join(LANGUAGES)}")
        self._settings.setValue("ui/language", value)

    @property
    def telemetry_rate_hz(self) -> int:
        """Telemetry rate asked of the gun, in samples per second (0 turns the stream off)."""
        value = self._settings.value("device/telemetry_rate_hz", DEFAULT_TELEMETRY_RATE_HZ)
        try:
            rate_hz = int(str(value))
        except ValueError:
            return DEFAULT_TELEMETRY_RATE_HZ
        if not TELEMETRY_RATE_MIN_HZ <= rate_hz <= TELEMETRY_RATE_MAX_HZ:
            return DEFAULT_TELEMETRY_RATE_HZ
        return rate_hz

    @telemetry_rate_hz.setter
    def telemetry_rate_hz(self, rate_hz: int) -> None:
        if not TELEMETRY_RATE_MIN_HZ <= rate_hz <= TELEMETRY_RATE_MAX_HZ:
            raise ValueError(
                f"telemetry_rate_hz: {rate_hz} is outside {TELEMETRY_RATE_MIN_HZ}..{TELEMETRY_RATE_MAX_HZ} Hz"
            )
        self._settings.setValue("device/telemetry_rate_hz", rate_hz)

    def window_geometry(self) -> QByteArray | None:
        """The main window's saved geometry, or None the first time."""
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        """The main window's saved toolbar/dock state, or None the first time."""
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the main window's geometry and toolbar/dock state."""
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._settings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
