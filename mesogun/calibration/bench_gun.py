"""The gun on the calibration bench: fire one delivery and wait for its SHOT event, write factors, make safe.

Every procedure talks to the gun through a :class:`BenchGun`. It arms the gun only for the moment of a
delivery (a technician weighing or reading a gauge never stands next to an armed gun), waits for the
gun's own SHOT event (the device is the source of truth for what it delivered), watches the cancel
token while it waits, and knows how to leave the gun safe: stopped or disarmed, technician mode off.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from firmware_protocol import DeviceState, Mode, ShotResult
from mesogun.calibration.procedure import CalibrationCancelled, CalibrationError, CancelToken
from mesogun.device_events import DeviceEvent, Shot
from mesogun.device_info import CalibrationFactors, DeviceInfo, DeviceStatus
from mesogun.errors import MesogunError
from mesogun.injector import Injector

log = logging.getLogger("mesogun.calibration")

_POLL_S = 0.05  # how often a wait looks at the cancel token
SHOT_MARGIN_S = 30.0  # a delivery's SHOT event may come this much later than its nominal duration


class ShotNotCompleteError(CalibrationError):
    """The gun ended a calibration shot early (occlusion, empty syringe, jammed needle...)."""

    def __init__(self, shot: Shot) -> None:
        self.shot = shot
        cause = shot.cause.name.lower().replace("_", " ")
        super().__init__(
            f"the gun reported shot #{shot.event_number} as {shot.result.name.lower()} "
            f"({shot.delivered_volume_ul:g} of {shot.commanded_volume_ul:g} µl, cause: {cause}); "
            "fix the cause (air, occlusion, syringe), acknowledge the alarm and start again"
        )


class BenchGun:
    """One gun during one procedure. Not for use from a GUI thread: every call waits for the gun."""

    def __init__(self, injector: Injector, cancel: CancelToken) -> None:
        self.injector = injector
        self._cancel = cancel
        self._shots: list[Shot] = []
        self._cond = threading.Condition()
        self._unsubscribe: Callable[[], None] | None = None
        self.technician_mode_entered = False

    # ------------------------------------------------------------------ lifetime

    def attach(self) -> None:
        """Start hearing the gun's SHOT events (call once, before the first delivery)."""
        if self._unsubscribe is None:
            self._unsubscribe = self.injector.subscribe_events(self._on_event)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: DeviceEvent) -> None:
        if isinstance(event, Shot):
            with self._cond:
                self._shots.append(event)
                self._cond.notify_all()

    # ------------------------------------------------------------------ what the gun says

    @property
    def info(self) -> DeviceInfo:
        return self.injector.info

    def status(self) -> DeviceStatus:
        return self.injector.status()

    def factors(self) -> CalibrationFactors:
        return self.injector.read_calibration()

    def require_idle(self) -> DeviceStatus:
        """The gun's status, refused unless it is idle (not armed, not delivering, no fault)."""
        status = self.status()
        if status.state is not DeviceState.IDLE:
            raise CalibrationError(
                f"the gun is {status.state.name.lower()}: disarm it and clear its alarms before a calibration"
            )
        return status

    # ------------------------------------------------------------------ technician mode and factors

    def enter_technician_mode(self, access_code: int) -> None:
        try:
            granted = self.injector.set_technician_mode(True, access_code)
        except MesogunError as exc:
            raise CalibrationError(
                f"the gun refused technician mode ({exc}): check the technician access code"
            ) from exc
        if not granted:
            raise CalibrationError("the gun did not enter technician mode: check the technician access code")
        self.technician_mode_entered = True

    def leave_technician_mode(self) -> None:
        if self.technician_mode_entered:
            self.injector.set_technician_mode(False)
            self.technician_mode_entered = False

    def write_factors(self, factors: CalibrationFactors) -> CalibrationFactors:
        """Store ``factors`` in the gun (technician mode) and check it kept exactly them."""
        stored = self.injector.write_calibration(factors)
        if not _same_factors(stored, factors):
            raise CalibrationError(
                f"the gun stored other factors than those sent ({stored} instead of {factors}); "
                "send it for service"
            )
        return stored

    # ------------------------------------------------------------------ deliveries

    def configure(self, mode: Mode, depth_mm: float, volume_ul: float, flow_ul_s: float) -> int:
        return self.injector.configure(mode, depth_mm, volume_ul, flow_ul_s)

    def deliver(self, expected_s: float, *, disarm_after: bool = True) -> Shot:
        """Arm (if needed), fire one delivery as configured, wait for its SHOT event, disarm.

        ``expected_s`` is how long the delivery should take (volume / flow); the wait allows
        :data:`SHOT_MARGIN_S` more. A cancel requested meanwhile stops the gun and raises
        :class:`CalibrationCancelled`; a shot that is not complete raises :class:`ShotNotCompleteError`.
        """
        self._check_cancel()
        if self.status().state is not DeviceState.ARMED:
            self.injector.arm()
        first = self.injector.fire(1)
        try:
            shot = self._wait_shot(first, expected_s + SHOT_MARGIN_S)
        except BaseException:
            self.halt()
            raise
        if disarm_after:
            self.disarm()
        if shot.result is not ShotResult.COMPLETE:
            raise ShotNotCompleteError(shot)
        return shot

    def start_delivery(self) -> int:
        """Arm (if needed) and fire one delivery without waiting; returns its first event number."""
        self._check_cancel()
        if self.status().state is not DeviceState.ARMED:
            self.injector.arm()
        return self.injector.fire(1)

    def shot_after(self, first_event_number: int) -> Shot | None:
        """The SHOT event numbered ``first_event_number`` or later, if heard already."""
        with self._cond:
            return next((s for s in self._shots if s.event_number >= first_event_number), None)

    def wait_shot_until(self, first_event_number: int, deadline_monotonic_s: float) -> Shot | None:
        """Wait for the SHOT event of a delivery until the deadline (None if it did not come)."""
        while True:
            self._check_cancel()
            with self._cond:
                shot = next((s for s in self._shots if s.event_number >= first_event_number), None)
                if shot is not None:
                    return shot
                left_s = deadline_monotonic_s - time.monotonic()
                if left_s <= 0.0:
                    return None
                self._cond.wait(min(_POLL_S, left_s))

    def _wait_shot(self, first_event_number: int, timeout_s: float) -> Shot:
        shot = self.wait_shot_until(first_event_number, time.monotonic() + timeout_s)
        if shot is None:
            raise CalibrationError(
                f"the gun did not report its delivery within {timeout_s:g} s; check the link and the gun"
            )
        return shot

    def wait_idle(self, timeout_s: float = 120.0) -> None:
        """Wait until the gun is back to IDLE (a prime ended), watching the cancel token."""
        deadline = time.monotonic() + timeout_s
        while self.status().state is not DeviceState.IDLE:
            self._check_cancel()
            if time.monotonic() >= deadline:
                raise CalibrationError(f"the gun did not finish priming within {timeout_s:g} s")
            self._cancel.wait(_POLL_S)

    def _check_cancel(self) -> None:
        if self._cancel.requested:
            self.halt()
            raise CalibrationCancelled("calibration cancelled: the gun is stopped and disarmed")

    # ------------------------------------------------------------------ the safe state

    def disarm(self) -> None:
        """Disarm after a delivery (stop if the gun is still busy)."""
        try:
            self.injector.disarm()
        except MesogunError:
            self.injector.stop()

    def halt(self) -> list[str]:
        """Stop a delivery in progress or disarm, staying in technician mode (factors can still be
        written: the gun accepts a write only when idle). Never raises: returns what could not be done."""
        problems: list[str] = []
        try:
            state = self.status().state
            if state in (DeviceState.DELIVERING, DeviceState.PRIMING):
                self.injector.stop()
            elif state is DeviceState.ARMED:
                self.injector.disarm()
        except MesogunError as exc:
            with contextlib.suppress(MesogunError):
                self.injector.stop()
            problems.append(f"could not disarm the gun: {exc}")
        for problem in problems:
            log.warning("%s", problem)
        return problems

    def make_safe(self) -> list[str]:
        """Stop or disarm the gun and leave technician mode, as far as the gun answers.

        Never raises: returns what could not be done (empty when the gun is safe).
        """
        problems = self.halt()
        try:
            self.leave_technician_mode()
        except MesogunError as exc:
            problems.append(f"could not leave technician mode: {exc}")
            log.warning("%s", problems[-1])
        return problems


def _same_factors(a: CalibrationFactors, b: CalibrationFactors) -> bool:
    def key(f: CalibrationFactors) -> tuple[object, ...]:
        return (
            f.calibration_id,
            round(f.volume_per_step_nl * 1000),
            round(f.depth_offset_mm * 1000),
            round(f.depth_scale * 1_000_000),
            _seconds(f.calibrated_at),
            _seconds(f.expires_at),
        )

    return key(a) == key(b)


def _seconds(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp())


def with_dates(
    factors: CalibrationFactors, calibrated_at: datetime | None, expires_at: datetime | None
) -> CalibrationFactors:
    """``factors`` with other dates, whole seconds (what the gun stores)."""
    return replace(
        factors,
        calibrated_at=None if calibrated_at is None else calibrated_at.replace(microsecond=0),
        expires_at=None if expires_at is None else expires_at.replace(microsecond=0),
    )
