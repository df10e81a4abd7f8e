"""Running a whole volume calibration on one thread: what the CLI and the tests use.

The GUI drives the same steps one by one (see :mod:`mesogun.calibration.volume_procedure`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mesogun.calibration.procedure import CalibrationFailed, ProcedureOrderError, ProcedureState
from mesogun.calibration.volume_procedure import VolumeCalibration
from mesogun.calibration.volume_setup import PlannedShot, SyringeRefillNeeded, VolumeCalibrationResult

_ACTIVE = (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING)


def run_volume_calibration(
    proc: VolumeCalibration,
    *,
    enter_masses: Callable[[tuple[PlannedShot, ...]], Sequence[float]] | None = None,
    refill: Callable[[SyringeRefillNeeded], tuple[float | None, float]] | None = None,
) -> VolumeCalibrationResult:
    """Drive ``proc`` from start to finish on this thread; returns the result (passed or failed).

    ``enter_masses(shots)`` gives the masses (mg) of shots fired without a balance: it is called
    after every shot with the shots awaiting a mass; return one mass per shot (or an empty list to
    fire the rest of the level first: the level's masses are then asked together).
    ``refill(need)`` is called when a level needs a new syringe, once the technician loaded it, and
    returns (fill µl or None for a full syringe, prime µl); without it the run fails there.
    Cancellation raises CalibrationCancelled (gun safe, nothing recorded).
    """
    if proc.state is ProcedureState.READY:
        proc.start()
    try:
        while proc.state in _ACTIVE:
            if proc.state is ProcedureState.ASSESSED:
                proc.write_factors()
            elif proc.next_shot is not None:
                try:
                    proc.fire_next()
                except SyringeRefillNeeded as need:
                    if refill is None:
                        proc.fail(str(need))
                        break
                    fill_ul, prime_ul = refill(need)
                    proc.load_syringe(fill_ul, prime_ul=prime_ul)
                    continue
                _ask_masses(proc, enter_masses, required=False)
            elif proc.awaiting_masses:
                _ask_masses(proc, enter_masses, required=True)
            else:
                break  # the verification is complete
    except CalibrationFailed:
        pass  # the procedure is FAILED, the gun safe; finish() records why
    return proc.finish()


def _ask_masses(
    proc: VolumeCalibration,
    enter_masses: Callable[[tuple[PlannedShot, ...]], Sequence[float]] | None,
    *,
    required: bool,
) -> None:
    awaiting = proc.awaiting_masses
    if not awaiting:
        return
    if enter_masses is None:
        raise ProcedureOrderError("without a balance the masses must be entered: give enter_masses")
    masses = enter_masses(awaiting)
    if masses:
        proc.enter_masses(masses)
    elif required:
        raise ProcedureOrderError("the masses of the level are needed before the next level")
