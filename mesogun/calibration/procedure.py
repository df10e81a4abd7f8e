"""What the three calibration procedures share: their states, their errors, cancel, and the setup fields.

A procedure (:class:`~mesogun.calibration.volume_procedure.VolumeCalibration`,
:class:`~mesogun.calibration.depth_procedure.DepthCalibration`,
:class:`~mesogun.calibration.flow_procedure.FlowTest`) is a plain object driven step by step from ONE
worker thread: each step method blocks while the gun and the instrument work, then returns what it
measured. Progress listeners are called on that same thread, in order (a GUI forwards them through a
queued signal). The states a procedure goes through:

``READY`` → ``start()`` → ``MEASURING`` (the as-found readings) → ``ASSESSED`` (fit computed) →
``write_factors()`` → ``VERIFYING`` (the readings again, with the new factors) → ``finish()`` →
``PASSED``. Any failure found on the way (drift beyond correction, a noisy balance, a shot the gun
did not complete, a failed verification) ends in ``FAILED`` with a reason; nothing is written to
the gun, or what was written is put back. A flow test has no fit and no write:
``MEASURING`` → ``finish()`` → ``PASSED`` / ``FAILED``.

Cancelling, from any thread:

- :meth:`CancelToken.request` (``procedure.request_cancel()``) only raises a flag, without touching
  the gun, so a GUI thread may call it: the step running on the worker thread notices it at its
  next check (between shots, while waiting for a shot or a sample), stops the gun, and raises
  :class:`CalibrationCancelled`.
- ``procedure.cancel()`` also puts the gun in its safe state at once (stopped or disarmed,
  technician mode off, provisional factors put back): call it from the worker thread when no step
  is running, e.g. after a KeyboardInterrupt.

After a cancel the procedure is ``CANCELLED`` and accepts no more steps; nothing is recorded.
"""

from __future__ import annotations

import math
import threading
from datetime import datetime
from enum import StrEnum

from mesogun.errors import MesogunError, OutOfRangeError
from mesogun.vocabulary.remarks import remark_text

#: *(design)* A calibration is valid this many days unless the technician says otherwise.
DEFAULT_VALIDITY_DAYS = 365
MAX_VALIDITY_DAYS = 730


class ProcedureState(StrEnum):
    READY = "ready"  # built; nothing sent to the gun yet
    MEASURING = "measuring"  # as-found readings (the flow test's samples)
    ASSESSED = "assessed"  # as-found readings complete and a correction computed
    VERIFYING = "verifying"  # new factors in the gun (provisionally), readings again
    PASSED = "passed"
    FAILED = "failed"
    CANCELLED = "cancelled"


TERMINAL_STATES = frozenset({ProcedureState.PASSED, ProcedureState.FAILED, ProcedureState.CANCELLED})


class Stage(StrEnum):
    """Which run of readings: before any correction, or after the new factors were written."""

    AS_FOUND = "as_found"
    VERIFICATION = "verification"


class CalibrationError(MesogunError):
    """A calibration cannot go on (the message says why and what to do)."""


class ProcedureOrderError(CalibrationError):
    """A step was called in a state that does not allow it (e.g. ``write_factors()`` before the fit)."""


class CalibrationCancelled(CalibrationError):
    """The technician cancelled: the gun was left stopped, disarmed and with its factors unchanged."""


class CalibrationFailed(CalibrationError):
    """The procedure ended in FAILED; ``reason`` says why, as the record keeps it (a code with its
    parameters, or the technician's words); the message says it in English words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(remark_text(reason, "en"))


class CancelToken:
    """A thread-safe cancel flag; ``request()`` never blocks and never touches the gun."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def request(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout_s: float) -> bool:
        """Sleep up to ``timeout_s``; True as soon as a cancel is requested."""
        return self._event.wait(max(0.0, timeout_s))


def check_text(field: str, value: str) -> str:
    """Non-empty text (a technician's name, a syringe model), refused otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise CalibrationError(f"{field} = {value!r} refused: non-empty text is required")
    return value.strip()


def check_validity_days(validity_days: int) -> int:
    if isinstance(validity_days, bool) or not 1 <= validity_days <= MAX_VALIDITY_DAYS:
        raise OutOfRangeError("validity_days", validity_days, 1, MAX_VALIDITY_DAYS, "days")
    return validity_days


def check_positive(field: str, value: float, maximum: float, unit: str) -> float:
    if isinstance(value, bool) or not (math.isfinite(value) and 0.0 < value <= maximum):
        raise OutOfRangeError(field, value, 0.0, maximum, unit)
    return float(value)


def require_aware(field: str, moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise CalibrationError(f"{field} = {moment!r} refused: a timezone-aware (UTC) time is required")
    return moment
