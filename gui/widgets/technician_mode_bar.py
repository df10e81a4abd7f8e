"""Technician mode, explicit and always visible: what the gun reports, the access code, enter and leave.

The badge follows the gun's own status (``technician_mode`` of every status poll), so it shows the
mode in force even when a procedure entered or left it. Entering sends the access code the
technician typed; leaving needs no code. Both run on the bridge's worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gui.device_bridge import DeviceBridge, LinkState
from gui.style import ACCENT, ALARM_MEDIUM, BORDER, SURFACE, TEXT, TEXT_MUTED
from gui.widgets.technician_signals import BridgeLinks, while_alive
from mesogun.device_info import DeviceStatus
from mesogun.errors import MesogunError

ACCESS_CODE_DIGITS = 10  # the access code is a 32-bit number


class TechnicianModeBar(QFrame):
    """Badge (technician mode on or off), access code field, Enter and Leave buttons.

    ``mode_changed(bool)`` is emitted when the gun reports another mode; ``failed(str)`` with the
    reason when the gun refused to enter it.
    """

    mode_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, bridge: DeviceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianModeBar")
        self._bridge = bridge
        self._on: bool | None = None
        self.badge = QLabel(self)
        self.badge.setObjectName("technicianModeBadge")
        self.code_edit = QLineEdit(self)
        self.code_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.code_edit.setPlaceholderText(self.tr("Access code"))
        self.code_edit.setMaxLength(ACCESS_CODE_DIGITS)
        self.code_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{ACCESS_CODE_DIGITS}}}"), self)
        )
        self.code_edit.returnPressed.connect(self.enter)
        self.enter_button = QPushButton(self.tr("Enter technician mode"), self)
        self.enter_button.clicked.connect(self.enter)
        self.leave_button = QPushButton(self.tr("Leave technician mode"), self)
        self.leave_button.clicked.connect(self.leave)
        self.message = QLabel(self)
        self.message.setProperty("muted", True)
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.badge)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.enter_button)
        layout.addWidget(self.leave_button)
        layout.addWidget(self.message, 1)
        self.links = BridgeLinks()
        self.links.connect(bridge.status_received, self._on_status)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._show(None)

    @property
    def technician_mode(self) -> bool:
        """True while the gun reports technician mode."""
        return bool(self._on)

    def access_code(self) -> int | None:
        """The code typed (None when the field is empty)."""
        text = self.code_edit.text().strip()
        return int(text) if text else None

    def enter(self) -> None:
        """Ask the gun for technician mode with the code typed."""
        code = self.access_code()
        if code is None:
            self.message.setText(self.tr("Type the technician access code first."))
            self.code_edit.setFocus()
            return
        if not self._bridge.is_connected:
            return
        self.message.setText("")
        self._bridge.call(
            "technician_mode",
            lambda injector: injector.set_technician_mode(True, code),
            while_alive(self, self._after_request),
            while_alive(self, self._refused),
        )

    def leave(self, *, report: bool = True) -> None:
        """Leave technician mode (a no-op when no gun is connected).

        ``report`` False: nothing is shown afterwards (the bar is being shut down).
        """
        if not self._bridge.is_connected:
            return
        if report:
            self._bridge.call(
                "technician_mode",
                lambda injector: injector.set_technician_mode(False),
                while_alive(self, self._after_request),
                while_alive(self, self._refused),
            )
        else:
            self._bridge.call(
                "technician_mode", lambda injector: injector.set_technician_mode(False), None, _ignore
            )

    def detach(self) -> None:
        """Stop following the bridge (before the bar is deleted while the bridge lives on)."""
        self.links.disconnect_all()

    def _after_request(self, granted: object) -> None:
        self._show(bool(granted))
        if not granted:
            self.message.setText(self.tr("The gun did not enter technician mode."))
        self._bridge.refresh_status()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, MesogunError):
            text = self.tr("The gun refused technician mode: check the access code.")
        else:
            text = str(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _on_status(self, status: DeviceStatus) -> None:
        self._show(status.technician_mode)

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state in (LinkState.DISCONNECTED, LinkState.RECONNECTING, LinkState.LOST):
            self._show(None)  # the mode ends at each handshake: unknown until the next status

    def _show(self, on: bool | None) -> None:
        connected = self._bridge.is_connected and on is not None
        if on:
            self.badge.setText(self.tr("Technician mode ON: calibration writes allowed"))
            colours = (ALARM_MEDIUM, TEXT, ALARM_MEDIUM)
        elif on is None:
            self.badge.setText(self.tr("Technician mode: no gun"))
            colours = (SURFACE, TEXT_MUTED, BORDER)
        else:
            self.badge.setText(self.tr("Technician mode off"))
            colours = (SURFACE, ACCENT, BORDER)
        background, text, border = colours
        self.badge.setStyleSheet(
            f"QLabel#technicianModeBadge {{ background: {background}; color: {text}; "
            f"border: 1px solid {border}; border-radius: 4px; padding: 4px 10px; font-weight: 600; }}"
        )
        self.enter_button.setEnabled(connected and not on)
        self.code_edit.setEnabled(connected and not on)
        self.leave_button.setEnabled(connected and bool(on))
        changed = on != self._on
        self._on = on
        if changed and on is not None:
            self.mode_changed.emit(on)


def _ignore(_error: BaseException) -> None:
    """At shutdown a refusal has nobody to tell: the gun leaves technician mode at its next handshake."""
