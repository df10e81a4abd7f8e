"""The machinery every procedure shares: start checks, one step at a time, failure, cancel, put back.

A subclass implements its readings and calls :meth:`ProcedureBase._step` around every action that
talks to the gun or the instrument: a failure found there ends the run (``FAILED``, gun safe,
provisional factors put back) and surfaces as :class:`CalibrationFailed`; a cancel ends it as
``CANCELLED``. See :mod:`mesogun.calibration.procedure` for the states.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from mesogun.calibration.bench_gun import BenchGun, with_dates
from mesogun.calibration.procedure import (
    TERMINAL_STATES,
    CalibrationCancelled,
    CalibrationFailed,
    CancelToken,
    ProcedureOrderError,
    ProcedureState,
    Stage,
    check_text,
)
from mesogun.device_info import CalibrationFactors, DeviceInfo
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.journal.host_remarks import HostRemark, host_remark
from mesogun.journal.timefmt import utc_now
from mesogun.vocabulary.remarks import remark_text

log = logging.getLogger("mesogun.calibration")

_T = TypeVar("_T")
_RUNNING = (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING)


class ProcedureBase:
    """State, gun and cancel handling of one procedure on one gun."""

    #: "volume", "depth" or "flow": names the procedure in messages.
    kind = "calibration"

    def __init__(
        self,
        injector: Injector,
        *,
        access_code: int | None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """``access_code`` None: the procedure writes nothing and needs no technician mode."""
        self._access_code = access_code
        self._clock = clock
        self._cancel = CancelToken()
        self._gun = BenchGun(injector, self._cancel)
        self.state = ProcedureState.READY
        self.stage: Stage | None = None
        self.reason: str | None = None
        self._device: DeviceInfo | None = None
        self._factors_before: CalibrationFactors | None = None
        self._provisional: CalibrationFactors | None = None
        self._final: CalibrationFactors | None = None
        self._started_at: datetime | None = None

    # ------------------------------------------------------------------ what it knows

    @property
    def device(self) -> DeviceInfo:
        if self._device is None:
            raise ProcedureOrderError("start() first: the gun is identified when the run starts")
        return self._device

    @property
    def factors_before(self) -> CalibrationFactors:
        if self._factors_before is None:
            raise ProcedureOrderError("start() first: the factors before are read when the run starts")
        return self._factors_before

    @property
    def started_at(self) -> datetime:
        if self._started_at is None:
            raise ProcedureOrderError("start() first")
        return self._started_at

    # ------------------------------------------------------------------ cancel and failure

    def request_cancel(self) -> None:
        """Ask the running step to stop at its next check (any thread; never touches the gun)."""
        self._cancel.request()

    def cancel(self) -> list[str]:
        """Cancel now from the worker thread: gun safe, provisional factors put back. Returns problems."""
        self._cancel.request()
        if self.state in TERMINAL_STATES:
            return []
        problems = self._halt_and_put_back()
        self._gun.detach()
        self.state, self.reason = ProcedureState.CANCELLED, "cancelled by the technician"
        self._notify("cancelled: the gun is disarmed and its factors are as they were")
        return problems

    def fail(self, reason: str) -> None:
        """End the run as FAILED with ``reason`` (the technician gives up); ``finish()`` records it."""
        check_text("reason", reason)
        if self.state not in _RUNNING:
            raise ProcedureOrderError(f"cannot fail the {self.kind} calibration: it is {self.state.value}")
        self._fail(reason)

    def _halt_and_put_back(self) -> list[str]:
        """Disarm first (the gun writes factors only when idle), put back, then leave technician mode."""
        return self._gun.halt() + self._put_back() + self._gun.make_safe()

    def _fail(self, reason: str) -> None:
        problems = self._halt_and_put_back()
        if problems:
            reason = host_remark(
                HostRemark.FAILED_AND_NOT_RESTORED, reason=reason, problems="; ".join(problems)
            )
        self.state, self.reason = ProcedureState.FAILED, reason
        self._notify(f"FAILED: {remark_text(reason, 'en')}")

    def _step(self, action: Callable[[], _T]) -> _T:
        """Run one step: a failure ends the run (FAILED, gun safe, factors put back), a cancel too."""
        try:
            return action()
        except (CalibrationCancelled, KeyboardInterrupt):
            self.cancel()
            raise
        except CalibrationFailed as exc:
            self._fail(exc.reason)
            raise
        except MesogunError as exc:
            if not self._is_failure(exc):
                raise
            reason = str(exc)
            self._fail(reason)
            raise CalibrationFailed(reason) from exc

    def _is_failure(self, exc: MesogunError) -> bool:
        """Whether an error ends the run (a subclass lets a request for the technician through)."""
        return True

    # ------------------------------------------------------------------ start, write, end

    def _begin(self) -> None:
        """Gun idle, identity, factors before, technician mode (when writing), events heard."""
        self._require(ProcedureState.READY, "start")
        gun = self._gun
        try:
            gun.require_idle()
            self._device = gun.info
            self._check_setup(self._device)
            self._factors_before = gun.factors()
            self._identify_instrument()
            if self._access_code is not None:
                gun.enter_technician_mode(self._access_code)
            gun.attach()
        except BaseException:
            gun.make_safe()
            raise
        self._started_at = self._clock()
        self.state, self.stage = ProcedureState.MEASURING, Stage.AS_FOUND

    def _check_setup(self, info: DeviceInfo) -> None:
        """Refuse a setup outside the gun's ranges (before anything moves)."""

    def _identify_instrument(self) -> None:
        """Ask the balance for its serial number (nothing to do for typed readings)."""

    def _write_provisional(
        self,
        *,
        volume_per_step_nl: float | None = None,
        depth_offset_mm: float | None = None,
        depth_scale: float | None = None,
    ) -> CalibrationFactors:
        """Write the corrected factors under a new id, keeping the previous dates, and go verifying.

        A crash during the verification leaves the gun with its previous expiry, and the journal
        with no passing record of this id: the session check warns about it.
        """
        self._require(ProcedureState.ASSESSED, "write the factors")
        before = self.factors_before
        provisional = replace(
            before,
            calibration_id=(before.calibration_id + 1) % 0x1_0000_0000,
            volume_per_step_nl=before.volume_per_step_nl
            if volume_per_step_nl is None
            else volume_per_step_nl,
            depth_offset_mm=before.depth_offset_mm if depth_offset_mm is None else depth_offset_mm,
            depth_scale=before.depth_scale if depth_scale is None else depth_scale,
        )
        stored = self._step(lambda: self._gun.write_factors(provisional))
        self._provisional = stored
        self.state, self.stage = ProcedureState.VERIFYING, Stage.VERIFICATION
        return stored

    def _write_final(self, validity_days: int) -> None:
        """After a passed verification: the same factors with today's date and the new expiry."""
        assert self._provisional is not None
        now = self._clock()
        final = with_dates(self._provisional, now, now + timedelta(days=validity_days))
        self._final = self._step(lambda: self._gun.write_factors(final))
        self.state = ProcedureState.PASSED

    def _end(self) -> None:
        """Leave the gun safe and stop hearing it (the result is built after)."""
        problems = self._gun.make_safe()
        self._gun.detach()
        if problems:
            log.warning(
                "%s calibration ended but the gun was not left safe: %s", self.kind, "; ".join(problems)
            )

    def _put_back(self) -> list[str]:
        """Rewrite the factors found at the start if provisional ones were written."""
        if self._provisional is None or self._final is not None or self._factors_before is None:
            return []
        try:
            if not self._gun.technician_mode_entered and self._access_code is not None:
                self._gun.enter_technician_mode(self._access_code)
            self._gun.write_factors(self._factors_before)
        except MesogunError as exc:
            return [f"the previous factors could not be put back: {exc}"]
        self._provisional = None
        return []

    @property
    def factors_after(self) -> CalibrationFactors | None:
        """The factors written and confirmed (None until the run passed)."""
        return self._final if self.state is ProcedureState.PASSED else None

    # ------------------------------------------------------------------ checks and news

    def _require(self, state: ProcedureState, action: str) -> None:
        if self.state is not state:
            raise ProcedureOrderError(f"cannot {action}: the {self.kind} calibration is {self.state.value}")

    def _require_running(self, action: str) -> None:
        if self.state not in (ProcedureState.MEASURING, ProcedureState.VERIFYING):
            raise ProcedureOrderError(f"cannot {action}: the {self.kind} calibration is {self.state.value}")

    def _notify(self, text: str) -> None:
        """Tell the listener (subclasses add their figures)."""
        log.info("%s", text)
