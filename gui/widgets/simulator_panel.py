"""Control surface of the simulated gun: its trigger and the faults a trainer or a tester injects.

The trigger button behaves like the real one: a click is one pull (press, delivery, release); pressing
and holding it holds the trigger (nappage: shots at the burst rate until released). Fault buttons
block the line (occlusion), empty the syringe, unplug and replug the cable, drain the battery and
power-cycle the gun. Calls into the simulator run on a worker thread (a pull waits for the delivery).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.worker import CallWorker

HOLD_AFTER_MS = 350
LOW_BATTERY_PCT = 8
FULL_BATTERY_PCT = 100


class SimulatedGunControls(Protocol):
    """What the panel needs of the simulated gun (``mesogun.simulation`` handle)."""

    def press_trigger(self) -> None: ...
    def release_trigger(self) -> None: ...
    def pull_trigger(self) -> None: ...
    def set_occlusion(self, on: bool) -> None: ...
    def empty_syringe(self) -> None: ...
    def set_battery(self, pct: int) -> None: ...
    def unplug(self) -> None: ...
    def replug(self) -> None: ...
    def power_cycle(self) -> None: ...


class SimulatorPanel(QGroupBox):
    """Trigger and fault buttons of the simulated gun; disabled until a simulated gun is attached."""

    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Simulated gun"))
        self._gun: SimulatedGunControls | None = None
        self._holding = False
        self.worker = CallWorker("gui-simulator", self)
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(HOLD_AFTER_MS)
        self._hold_timer.timeout.connect(self._start_hold)

        self.trigger_button = QPushButton(self.tr("Trigger"), self)
        self.trigger_button.setProperty("accent", True)
        self.trigger_button.setMinimumHeight(44)
        self.trigger_button.setToolTip(
            self.tr("Click: one pull. Press and hold: hold the trigger (nappage).")
        )
        self.trigger_button.pressed.connect(self._on_pressed)
        self.trigger_button.released.connect(self._on_released)
        hint = QLabel(self.tr("Click: one pull. Press and hold: hold the trigger (nappage)."), self)
        hint.setWordWrap(True)
        hint.setProperty("muted", True)

        self.occlusion_button = QPushButton(self.tr("Occlusion"), self)
        self.occlusion_button.setCheckable(True)
        self.occlusion_button.setToolTip(
            self.tr("Block the needle: pressure rises and the gun raises an alarm")
        )
        self.occlusion_button.toggled.connect(lambda on: self._run(lambda gun: gun.set_occlusion(on)))
        self.empty_button = QPushButton(self.tr("Empty syringe"), self)
        self.empty_button.clicked.connect(lambda: self._run(lambda gun: gun.empty_syringe()))
        self.unplug_button = QPushButton(self.tr("Unplug cable"), self)
        self.unplug_button.setCheckable(True)
        self.unplug_button.toggled.connect(self._on_unplug_toggled)
        self.battery_button = QPushButton(self.tr("Low battery"), self)
        self.battery_button.setCheckable(True)
        self.battery_button.toggled.connect(
            lambda on: self._run(lambda gun: gun.set_battery(LOW_BATTERY_PCT if on else FULL_BATTERY_PCT))
        )
        self.power_button = QPushButton(self.tr("Power cycle"), self)
        self.power_button.setToolTip(
            self.tr("Switch the gun off and on: it forgets its settings, keeps its journal")
        )
        self.power_button.clicked.connect(lambda: self._run(lambda gun: gun.power_cycle()))

        faults = QGridLayout()
        faults.addWidget(self.occlusion_button, 0, 0)
        faults.addWidget(self.empty_button, 0, 1)
        faults.addWidget(self.unplug_button, 1, 0)
        faults.addWidget(self.battery_button, 1, 1)
        faults.addWidget(self.power_button, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.trigger_button)
        layout.addWidget(hint)
        layout.addLayout(faults)
        self.set_gun(None)

    @property
    def gun(self) -> SimulatedGunControls | None:
        """The simulated gun controlled, if any."""
        return self._gun

    def set_gun(self, gun: SimulatedGunControls | None) -> None:
        """Attach the simulated gun to control (None: detach and disable the buttons)."""
        self._gun = gun
        for button in (
            self.trigger_button,
            self.occlusion_button,
            self.empty_button,
            self.unplug_button,
            self.battery_button,
            self.power_button,
        ):
            button.setEnabled(gun is not None)
            if gun is None and button.isCheckable():
                button.blockSignals(True)
                button.setChecked(False)
                button.blockSignals(False)
        self.unplug_button.setText(self.tr("Unplug cable"))

    def _run(self, action: Callable[[SimulatedGunControls], None]) -> None:
        gun = self._gun
        if gun is None:
            return
        self.worker.submit(lambda: action(gun), None, lambda error: self.action_failed.emit(str(error)))

    def _on_pressed(self) -> None:
        self._holding = False
        self._hold_timer.start()

    def _start_hold(self) -> None:
        if self.trigger_button.isDown():
            self._holding = True
            self._run(lambda gun: gun.press_trigger())

    def _on_released(self) -> None:
        if self._holding:
            self._holding = False
            self._run(lambda gun: gun.release_trigger())
        else:
            self._hold_timer.stop()
            self._run(lambda gun: gun.pull_trigger())

    def _on_unplug_toggled(self, unplugged: bool) -> None:
        self.unplug_button.setText(self.tr("Replug cable") if unplugged else self.tr("Unplug cable"))
        self._run(lambda gun: gun.unplug() if unplugged else gun.replug())
