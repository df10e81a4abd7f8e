"""STOP from every window of the application: the F12 and Esc keys, and a STOP button inside dialogs.

Why a mechanism of its own: a dialog opened with ``open()`` or ``exec()`` blocks the main window. Qt
then ignores the main window's shortcuts (even ``Qt.ApplicationShortcut`` ones) and its STOP button
cannot be clicked, so a gun armed behind a "skip this point?" question could not be stopped.

Two pieces, both shared by every screen and dialog:

- ``StopEverywhere``: one event filter installed on the ``QApplication``. It sees every key press of
  every window (main window, modal dialogs, message boxes, file pickers) before the window does:

  - **F12** always means STOP;
  - **Esc** means STOP while ``escape_means_stop()`` says so (the main window: while a gun is
    connected), and then it no longer closes the dialog: the question stays asked, the gun is
    stopped. An open popup (a combo box's list, a calendar, a menu) still closes with Esc first.

  It emits ``stop_requested`` on the GUI thread; the owner (the main window) sends STOP to the gun on
  the link's STOP worker, which never waits behind other device calls (the GUI thread never waits on
  the gun).
- ``add_stop_button(dialog)``: a red STOP button inside a dialog, at its top right (in a message box:
  among its buttons, and pressing it leaves the box as Cancel would). It asks the installed
  ``StopEverywhere`` to stop.

A new dialog shown while a gun may be armed calls ``add_stop_button(self)`` in its constructor, and
gets one line in the list of ``tests/gui/test_stop_from_dialogs.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QDialog, QHBoxLayout, QMessageBox, QWidget

from gui.widgets.emergency_stop import EmergencyStopButton

log = logging.getLogger(__name__)

#: Keys that always mean STOP.
ALWAYS_STOP_KEYS = frozenset({Qt.Key.Key_F12})
#: Keys that mean STOP while ``escape_means_stop()`` holds.
ESCAPE_KEYS = frozenset({Qt.Key.Key_Escape})

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})

_installed: list[StopEverywhere] = []


class StopEverywhere(QObject):
    """The application-wide STOP keys; see the module documentation. ``stop_requested`` per STOP."""

    stop_requested = Signal()

    def __init__(self, escape_means_stop: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._escape_means_stop = escape_means_stop
        self._app: QApplication | None = None

    def install(self) -> None:
        """Watch every window's keys, and answer the STOP buttons of dialogs (the latest installed)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or self._app is not None:
            return
        app.installEventFilter(self)
        self._app = app
        _installed.append(self)

    def uninstall(self) -> None:
        """Stop watching (the window that owns it closes)."""
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        if self in _installed:
            _installed.remove(self)

    def request(self) -> None:
        """STOP, as if F12 had been pressed."""
        self.stop_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the GUI thread: leave everything but keys at once.
        if event.type() not in _KEY_EVENTS or not isinstance(event, QKeyEvent):
            return False
        if not self._means_stop(Qt.Key(event.key())):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # Claim the key: no shortcut and no dialog gets it; it comes back as a key press.
            event.accept()
            return True
        if not event.isAutoRepeat():
            self.stop_requested.emit()
        return True

    def _means_stop(self, key: Qt.Key) -> bool:
        if key in ALWAYS_STOP_KEYS:
            return True
        if key in ESCAPE_KEYS:
            # Esc first closes an open popup list, calendar or menu.
            return QApplication.activePopupWidget() is None and self._escape_means_stop()
        return False


def request_stop(source: QWidget | None = None) -> bool:
    """STOP through the ``StopEverywhere`` of ``source``'s window (else the one installed last); False
    when there is none (nothing to stop)."""
    window = source.window() if source is not None else None
    while window is not None:
        own = window.findChild(StopEverywhere)
        if own is not None and own in _installed:
            own.request()
            return True
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    # A window destroyed without closing leaves its receiver behind: forget it.
    _installed[:] = [receiver for receiver in _installed if shiboken6.isValid(receiver)]
    if not _installed:
        log.warning("STOP pressed with no STOP receiver installed")
        return False
    _installed[-1].request()
    return True


def add_stop_button(dialog: QDialog) -> EmergencyStopButton:
    """Put a STOP button in ``dialog`` (call it once its layout is set); returns the button.

    In a ``QDialog`` with a box layout it heads the dialog at the right; in a message box it joins the
    buttons (a message box closes on any of its buttons: STOP then also answers Cancel).
    """
    button = EmergencyStopButton(dialog)
    button.stop_requested.connect(lambda: request_stop(dialog))
    if isinstance(dialog, QMessageBox):
        dialog.addButton(button, QMessageBox.ButtonRole.RejectRole)
        return button
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.insertLayout(0, row)
    elif layout is not None:
        layout.addWidget(button)
    else:
        QHBoxLayout(dialog).addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
    return button


def stop_buttons(widget: QWidget) -> list[EmergencyStopButton]:
    """The STOP buttons inside ``widget`` (tests, and a check that a dialog has one)."""
    return widget.findChildren(EmergencyStopButton)
