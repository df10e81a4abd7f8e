"""Ground truth: what the simulated gun really did, whatever the host heard or the device believed.

Tests compare the host's journal with this record: every real delivery (with its true volume, which
differs from the device's measured volume until the gun is calibrated) and every ACTION request the
device really executed (the "no command twice" check).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from firmware_protocol.enums import AlarmCode, ShotResult


@dataclass(frozen=True)
class TrueShot:
    """One real delivery. ``event_number`` is the SHOT event the device journaled for it."""

    event_number: int
    config_id: int
    true_volume_nl: float  # what really left the needle
    depth_um: int  # how deep the needle really went
    result: ShotResult
    measured_volume_nl: int = 0  # what the device believed it delivered
    cause: AlarmCode = AlarmCode.NONE
    boot_id: int = 0
    journaled_monotonic_s: float = 0.0  # time.monotonic() when the device journaled the SHOT event


@dataclass(frozen=True)
class Execution:
    """An ACTION request the device executed: (boot_id, seq, message name)."""

    boot_id: int
    seq: int
    name: str


@dataclass
class Truth:
    """Real deliveries and executions, appended by the gun's firmware thread."""

    shots: list[TrueShot] = field(default_factory=list)
    executions: list[tuple[int, int, str]] = field(default_factory=list)
    primed_volume_nl: float = 0.0  # pushed by primes: left the syringe, not a dose
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def delivered_volume_nl(self) -> float:
        """Total true volume of every shot (complete or not), in nanolitres."""
        with self._lock:
            return sum(shot.true_volume_nl for shot in self.shots)

    def add_shot(self, shot: TrueShot) -> None:
        with self._lock:
            self.shots.append(shot)

    def add_execution(self, boot_id: int, seq: int, name: str) -> None:
        with self._lock:
            self.executions.append((boot_id, seq, name))

    def executions_of(self, name: str) -> list[tuple[int, int, str]]:
        """Executions of the request named ``name`` (e.g. ``"Fire"``)."""
        with self._lock:
            return [entry for entry in self.executions if entry[2] == name]
