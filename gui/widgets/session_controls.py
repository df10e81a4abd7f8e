"""The buttons of the running session and their keyboard shortcuts (a foot pedal is a keyboard).

Each button says what it does and its key in its tooltip; ``set_available`` enables the ones the
session's state allows (from the runner's own transition table, so a refused command is rare). The
widget only emits signals; the page sends the commands to the session runner. Ending a session (stop,
abort) takes Ctrl+Shift so that a stray key never ends one; the emergency STOP (Esc, F12) belongs to
the main window and works everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from mesogun.session import SessionSnapshot, SessionState, Trigger
from mesogun.session.states import allowed

FIRE_KEY = "Space"
PAUSE_KEY = "P"
NEXT_KEY = "N"
SKIP_KEY = "S"
REPEAT_KEY = "R"
ACKNOWLEDGE_KEY = "A"
SYRINGE_KEY = "C"
STOP_SESSION_KEY = "Ctrl+Shift+E"
ABORT_KEY = "Ctrl+Shift+A"
HELP_KEY = "F1"


@dataclass(frozen=True)
class Availability:
    """Which commands the session allows now (see ``available``)."""

    start: bool = False
    pause: bool = False
    resume: bool = False
    fire: bool = False
    next_point: bool = False
    skip: bool = False
    repeat: bool = False
    acknowledge: bool = False
    syringe: bool = False
    stop: bool = False
    abort: bool = False


def available(snapshot: SessionSnapshot | None, host_fire: bool) -> Availability:
    """The commands ``snapshot``'s state allows; ``host_fire``: the current point may be fired from here."""
    if snapshot is None:
        return Availability()
    state = snapshot.state
    current = snapshot.current
    moving = state in (SessionState.RUNNING, SessionState.PAUSED)
    waiting = snapshot.pending_override is not None or snapshot.refused is not None
    return Availability(
        start=state is SessionState.READY,
        pause=allowed(state, Trigger.PAUSE),
        resume=state is SessionState.PAUSED and not snapshot.waiting_for_link,
        fire=state is SessionState.RUNNING and snapshot.armed and host_fire and not waiting,
        next_point=moving and current is not None and current.shots > 0,
        skip=moving and current is not None,
        repeat=moving and any(p.status.value == "done" for p in snapshot.points),
        acknowledge=state is SessionState.ALARM,
        syringe=state in (SessionState.READY, SessionState.PAUSED, SessionState.ALARM),
        stop=allowed(state, Trigger.STOP),
        abort=allowed(state, Trigger.ABORT),
    )


class SessionControls(QWidget):
    """Start/Pause/Resume, Fire, Next, Skip, Repeat, Acknowledge, Syringe, Stop, Abort and Help."""

    start_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    fire_requested = Signal()
    next_requested = Signal()
    skip_requested = Signal()
    repeat_requested = Signal()
    acknowledge_requested = Signal()
    syringe_requested = Signal()
    stop_requested = Signal()
    abort_requested = Signal()
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.availability = Availability()
        self.start_button = self._button(
            self.tr("Start"), self.tr("Start delivering at the first point"), PAUSE_KEY
        )
        self.start_button.setProperty("accent", True)
        self.pause_button = self._button(
            self.tr("Pause"), self.tr("Pause between shots: the gun is disarmed"), PAUSE_KEY
        )
        self.resume_button = self._button(
            self.tr("Resume"), self.tr("Go on at the current point: the gun is armed again"), PAUSE_KEY
        )
        self.resume_button.setProperty("accent", True)
        self.fire_button = self._button(
            self.tr("Fire"),
            self.tr(
                "Fire the current point from the computer, like a foot pedal (single shots and "
                "mésoperfusion; a nappage is given with the gun's trigger held)"
            ),
            FIRE_KEY,
        )
        self.next_button = self._button(
            self.tr("Next point"), self.tr("End this point as it is and go to the next one"), NEXT_KEY
        )
        self.skip_button = self._button(
            self.tr("Skip…"), self.tr("Leave this point, with a reason"), SKIP_KEY
        )
        self.repeat_button = self._button(
            self.tr("Repeat"), self.tr("Deliver the last completed point again"), REPEAT_KEY
        )
        self.acknowledge_button = self._button(
            self.tr("Acknowledge alarm"),
            self.tr("Once the cause is fixed: acknowledge the alarm; the session goes on"),
            ACKNOWLEDGE_KEY,
        )
        self.syringe_button = self._button(
            self.tr("Change syringe…"), self.tr("A new syringe, with its lots (session paused)"), SYRINGE_KEY
        )
        self.stop_button = self._button(
            self.tr("End session"),
            self.tr("Clean early end: the gun is disarmed, the session closed"),
            STOP_SESSION_KEY,
        )
        self.abort_button = self._button(
            self.tr("Abort…"), self.tr("End the session now, with a reason"), ABORT_KEY
        )
        self.help_button = self._button(self.tr("Shortcuts"), self.tr("The keyboard shortcuts"), HELP_KEY)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        grid.addWidget(self.start_button, 0, 0, 1, 2)
        grid.addWidget(self.pause_button, 0, 0)
        grid.addWidget(self.resume_button, 0, 1)
        grid.addWidget(self.fire_button, 1, 0, 1, 2)
        grid.addWidget(self.acknowledge_button, 2, 0, 1, 2)
        grid.addWidget(self.next_button, 3, 0)
        grid.addWidget(self.skip_button, 3, 1)
        grid.addWidget(self.repeat_button, 4, 0)
        grid.addWidget(self.syringe_button, 4, 1)
        grid.addWidget(self.stop_button, 5, 0)
        grid.addWidget(self.abort_button, 5, 1)
        for button in (self.fire_button, self.start_button, self.resume_button):
            button.setMinimumHeight(44)

        pairs = (
            (self.start_button, self.start_requested),
            (self.pause_button, self.pause_requested),
            (self.resume_button, self.resume_requested),
            (self.fire_button, self.fire_requested),
            (self.next_button, self.next_requested),
            (self.skip_button, self.skip_requested),
            (self.repeat_button, self.repeat_requested),
            (self.acknowledge_button, self.acknowledge_requested),
            (self.syringe_button, self.syringe_requested),
            (self.stop_button, self.stop_requested),
            (self.abort_button, self.abort_requested),
            (self.help_button, self.help_requested),
        )
        for button, signal in pairs:
            button.clicked.connect(signal)
        self.shortcuts: dict[str, QShortcut] = {}
        keyed = (
            (FIRE_KEY, self._fire_key),
            (PAUSE_KEY, self._pause_key),
            (NEXT_KEY, lambda: self._press(self.next_button)),
            (SKIP_KEY, lambda: self._press(self.skip_button)),
            (REPEAT_KEY, lambda: self._press(self.repeat_button)),
            (ACKNOWLEDGE_KEY, lambda: self._press(self.acknowledge_button)),
            (SYRINGE_KEY, lambda: self._press(self.syringe_button)),
            (STOP_SESSION_KEY, lambda: self._press(self.stop_button)),
            (ABORT_KEY, lambda: self._press(self.abort_button)),
            (HELP_KEY, self.help_requested.emit),
        )
        for key, action in keyed:
            shortcut = QShortcut(QKeySequence(key), self)
            # Active while the session screen is shown, wherever the focus is in the window.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)  # a held key (a pedal kept down) fires once
            shortcut.activated.connect(action)
            self.shortcuts[key] = shortcut
        self.set_available(Availability())

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the help: in the interface language."""
        return [
            (self.key_text(FIRE_KEY), self.tr("Fire the current point from the computer (foot pedal)")),
            (self.key_text(PAUSE_KEY), self.tr("Pause / resume (start when ready)")),
            (self.key_text(NEXT_KEY), self.tr("Next point")),
            (self.key_text(SKIP_KEY), self.tr("Skip the point (asks a reason)")),
            (self.key_text(REPEAT_KEY), self.tr("Repeat the last completed point")),
            (self.key_text(ACKNOWLEDGE_KEY), self.tr("Acknowledge the alarm")),
            (self.key_text(SYRINGE_KEY), self.tr("Change the syringe")),
            (self.key_text(STOP_SESSION_KEY), self.tr("End the session (clean end)")),
            (self.key_text(ABORT_KEY), self.tr("Abort the session (asks a reason)")),
            (
                self.tr("{first} or {second}").format(
                    first=self.key_text("Esc"), second=self.key_text("F12")
                ),
                self.tr("Emergency STOP of the gun, from anywhere"),
            ),
            (self.key_text(HELP_KEY), self.tr("These shortcuts")),
        ]

    def set_available(self, availability: Availability) -> None:
        """Enable (and show) the buttons the session allows now."""
        self.availability = availability
        a = availability
        self.start_button.setVisible(a.start)
        self.pause_button.setVisible(not a.start)
        self.resume_button.setVisible(not a.start)
        self.acknowledge_button.setVisible(a.acknowledge)
        for button, on in (
            (self.start_button, a.start),
            (self.pause_button, a.pause),
            (self.resume_button, a.resume),
            (self.fire_button, a.fire),
            (self.next_button, a.next_point),
            (self.skip_button, a.skip),
            (self.repeat_button, a.repeat),
            (self.acknowledge_button, a.acknowledge),
            (self.syringe_button, a.syringe),
            (self.stop_button, a.stop),
            (self.abort_button, a.abort),
        ):
            button.setEnabled(on)

    def key_text(self, key: str) -> str:
        """A key as the keyboard names it, in the interface language."""
        if key == FIRE_KEY:
            return self.tr("Space")
        return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)

    # ----------------------------------------------------------------- internals
    def _button(self, text: str, tip: str, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(self.tr("{what} — shortcut {key}").format(what=tip, key=self.key_text(key)))
        # Keys belong to the shortcuts: a focused button must not take Space for itself.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    @staticmethod
    def _press(button: QPushButton) -> None:
        if button.isEnabled() and button.isVisible():
            button.click()

    def _fire_key(self) -> None:
        self._press(self.fire_button)

    def _pause_key(self) -> None:
        a = self.availability
        if a.start:
            self.start_requested.emit()
        elif a.pause:
            self.pause_requested.emit()
        elif a.resume:
            self.resume_requested.emit()
