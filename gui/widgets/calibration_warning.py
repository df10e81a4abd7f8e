"""The calibration warning a clinical screen shows before a session: missing or expired calibration.

Two ways to use it:

- ``calibration_warning_text(check)`` turns a :class:`~mesogun.diagnostics_calibration.CalibrationCheck`
  into the translated warning (None when the calibration is in force).
- ``CalibrationWarningBanner(bridge)`` reads the connected gun's calibration on the bridge's worker
  thread at each connection (and when the gun raises or clears CALIBRATION_EXPIRED), shows an amber
  banner when the calibration is missing or expired, and emits ``warning_changed(str | None)``.
  ``banner.warning`` is the text to confirm before a session starts (and to log with it), or None.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from gui.device_bridge import DeviceBridge, LinkState
from gui.style import ALARM_MEDIUM, TEXT
from mesogun.device_events import AlarmChanged
from mesogun.device_info import CalibrationFactors
from mesogun.diagnostics_calibration import CalibrationCheck, CalibrationState, check_calibration


def _day(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d")


def calibration_warning_text(check: CalibrationCheck) -> str | None:
    """The warning to show before a clinical session, or None when the calibration is in force."""
    if check.state is CalibrationState.MISSING:
        return QCoreApplication.translate(
            "CalibrationWarning",
            "This gun has never been calibrated: the volumes it delivers are not verified. "
            "Have it calibrated by a technician before treating patients.",
        )
    if check.state is CalibrationState.EXPIRED:
        return QCoreApplication.translate(
            "CalibrationWarning",
            "The calibration of this gun expired on {date}: the volumes it delivers are no longer "
            "verified. Have it calibrated by a technician.",
        ).format(date=_day(check.expires_at))
    return None


def calibration_summary_text(factors: CalibrationFactors, now: datetime | None = None) -> str:
    """One line for the technician: the calibration in force and its state."""
    check = check_calibration(factors, now)
    if check.state is CalibrationState.MISSING:
        return QCoreApplication.translate("CalibrationWarning", "factory values (never calibrated)")
    head = QCoreApplication.translate("CalibrationWarning", "no. {id} of {date}").format(
        id=factors.calibration_id, date=_day(factors.calibrated_at)
    )
    if check.state is CalibrationState.EXPIRED:
        return (
            head
            + " — "
            + QCoreApplication.translate("CalibrationWarning", "expired on {date}").format(
                date=_day(check.expires_at)
            )
        )
    if check.expires_at is None:
        return head + " — " + QCoreApplication.translate("CalibrationWarning", "no expiry date")
    if check.state is CalibrationState.DUE_SOON:
        return (
            head
            + " — "
            + QCoreApplication.translate("CalibrationWarning", "due soon: expires on {date}").format(
                date=_day(check.expires_at)
            )
        )
    return (
        head
        + " — "
        + QCoreApplication.translate("CalibrationWarning", "valid until {date}").format(
            date=_day(check.expires_at)
        )
    )


class CalibrationWarningBanner(QFrame):
    """An amber banner shown while the connected gun's calibration is missing or expired."""

    #: The warning text, or None when the calibration is in force (or no gun is connected).
    warning_changed = Signal(object)

    def __init__(self, bridge: DeviceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationWarning")
        self.setStyleSheet(
            f"QFrame#calibrationWarning {{ background: {ALARM_MEDIUM}; border-radius: 4px; }}"
            f"QFrame#calibrationWarning QLabel {{ color: {TEXT}; font-weight: 600; }}"
        )
        self._bridge = bridge
        self._warning: str | None = None
        self.check_result: CalibrationCheck | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        self.hide()
        bridge.connected.connect(lambda _info: self.check())
        bridge.link_state_changed.connect(self._on_link_state)
        bridge.event_received.connect(self._on_event)
        if bridge.is_connected:
            self.check()

    @property
    def warning(self) -> str | None:
        """The warning in force (translated), or None."""
        return self._warning

    def check(self) -> None:
        """Read the gun's calibration again (bridge worker thread); the banner follows the result."""
        if self._bridge.is_connected:
            self._bridge.call(
                "read_calibration", lambda injector: injector.read_calibration(), self._on_factors
            )

    def _on_factors(self, factors: CalibrationFactors) -> None:
        self.check_result = check_calibration(factors)
        self._set_warning(calibration_warning_text(self.check_result))

    def _set_warning(self, text: str | None) -> None:
        changed = text != self._warning
        self._warning = text
        self.label.setText(text or "")
        self.setVisible(text is not None)
        if changed:
            self.warning_changed.emit(text)

    def _on_event(self, event: object) -> None:
        if isinstance(event, AlarmChanged) and event.code.name == "CALIBRATION_EXPIRED":
            self.check()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self.check_result = None
            self._set_warning(None)
