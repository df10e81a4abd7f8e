"""Leaving while a session is in progress: the questions asked before closing or disconnecting.

Pausing leaves the session open in the journal (it is resumed at the next start, where the journal
says); ending it closes it with what was delivered. The answers are returned; the main window acts.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from gui.stop_everywhere import add_stop_button


class CloseChoice(StrEnum):
    """What to do with the session when the window closes."""

    PAUSE = "pause"  # disarm between shots, leave the session open (resumable), close
    END = "end"  # end the session cleanly, then close
    STAY = "stay"  # do not close


def ask_close_during_session(parent: QWidget) -> tuple[QMessageBox, CloseChoice]:
    """Ask what to do with the session in progress; returns the box (for tests) and the choice.

    The box's Close button means *pause and close*, Cancel means *stay*.
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("SessionExit", "A session is in progress"),
        QCoreApplication.translate(
            "SessionExit",
            "Close mesogun during the session? Pausing disarms the gun between shots and leaves the "
            "session open in the journal: it can be resumed at the next start. Ending it closes it "
            "with what was delivered.",
        ),
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        parent,
    )
    close_button = box.button(QMessageBox.StandardButton.Close)
    close_button.setText(QCoreApplication.translate("SessionExit", "Pause and close"))
    end_button = QPushButton(QCoreApplication.translate("SessionExit", "End the session and close"), box)
    box.addButton(end_button, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    add_stop_button(box)  # stops the gun and stays
    box.exec()
    clicked = box.clickedButton()
    if clicked is close_button:
        return box, CloseChoice.PAUSE
    if clicked is end_button:
        return box, CloseChoice.END
    return box, CloseChoice.STAY


def confirm_disconnect_during_session(parent: QWidget) -> bool:
    """Ask before disconnecting the gun mid-session (the session is then paused and left open)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("SessionExit", "A session is in progress"),
        QCoreApplication.translate(
            "SessionExit",
            "Disconnect the gun during the session? The session is paused and left open in the "
            "journal: it can be resumed once the gun is connected again.",
        ),
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    add_stop_button(box)  # stops the gun and stays connected
    return box.exec() == QMessageBox.StandardButton.Ok
