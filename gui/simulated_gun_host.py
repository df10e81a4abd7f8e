"""The in-process simulated gun of the desktop app: started and closed off the GUI thread, shown on the
simulator panels while it runs.

The window starts it when the practitioner connects to "simulated gun" and closes it when that link
ends; the gun's own event memory lives beside the dose journal, so a gun calibrated on the bench stays
calibrated for the next session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from gui.widgets.simulator_panel import SimulatedGunControls, SimulatorPanel
from gui.worker import CallWorker

if TYPE_CHECKING:
    from mesogun.calibration.flow_procedure import TestTime


class SimulatedGunHandle(SimulatedGunControls, Protocol):
    """A running simulated gun: its name and URL to connect to, its controls, and ``close()``."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def serial_number(self) -> str: ...

    @property
    def clock_scale(self) -> float: ...

    def set_clock_scale(self, scale: float) -> None: ...

    def test_time(self) -> TestTime: ...

    def close(self) -> None: ...


SimulatorFactory = Callable[[], SimulatedGunHandle]


def default_simulator(journal_path: Path) -> SimulatorFactory:
    """Start the app's simulated gun with its event memory beside ``journal_path``."""

    def start() -> SimulatedGunHandle:
        from mesogun.simulation import memory_beside, start_simulated_gun

        return start_simulated_gun("desktop", journal_path=memory_beside(journal_path))

    return start


class SimulatedGunHost(QObject):
    """Owns the simulated gun while it runs.

    Signals (GUI thread): ``started(SimulatedGunHandle)`` once the gun runs and the panels show it,
    ``start_failed(exception)``, ``close_failed(exception)``.
    """

    started = Signal(object)
    start_failed = Signal(object)
    close_failed = Signal(object)

    def __init__(
        self,
        factory: SimulatorFactory,
        worker: CallWorker,
        panels: Sequence[SimulatorPanel],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self._worker = worker
        self._panels = list(panels)
        self.gun: SimulatedGunHandle | None = None

    def start(self) -> None:
        """Start a simulated gun on the worker thread; ``started`` or ``start_failed`` follows."""
        self._worker.submit(self._factory, self._on_started, self.start_failed.emit)

    def close(self) -> None:
        """Take the gun off the panels and close it on the worker thread (nothing when none runs)."""
        gun = self.gun
        if gun is None:
            return
        self.gun = None
        for panel in self._panels:
            panel.set_gun(None)
        self._worker.submit(gun.close, None, self.close_failed.emit)

    def _on_started(self, gun: SimulatedGunHandle) -> None:
        self.gun = gun
        for panel in self._panels:
            panel.set_gun(gun)
        self.started.emit(gun)
