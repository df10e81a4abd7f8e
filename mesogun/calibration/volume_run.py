"""Running a whole volume calibration on one thread: what the CLI and the tests use.

The GUI drives the same steps one by one (see :mod:`mesogun.calibration.volume_procedure`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mesogun.calibration.procedure import CalibrationFailed, ProcedureOrderError, ProcedureState
from mesogun.calibration.volume_procedure import VolumeCalibration
from mesogun.calibration.volume_setup import PlannedShot, SyringeRefillNeeded, VolumeCalibrationResult


def run_volume_calibration(
    proc: VolumeCalibration,
    *,
    enter_masses: Callable[[tuple[PlannedShot, ...]], Sequence[float]] | None = None,
    refill: Callable[[SyringeRefillNeeded], tuple[float | None, float]] | None = None,
) -> VolumeCalibrationResult:
    """Drive ``proc`` from start to finish on this thread; returns the result (passed or failed).

    ``enter_masses(shots)`` gives the masses (mg) of shots fired without a balance; it is asked after
    every shot (return one mass, or none to wait for the group) — needed when there is no balance.
    ``refill(need)`` is called when a level needs a new syringe, once the technician loaded it, and
    returns (fill_ul or None for full, prime_ul); without it a refill ends the run as failed.
    Cancellation raises CalibrationCancelled (gun safe, nothing recorded).
    """
    if proc.state is ProcedureState.READY:
        proc.start()
    try:
        while proc.state in (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING):
            if proc.state is ProcedureState.ASSESSED:
                proc.write_factors()
                continue
            if proc.next_shot is None and not proc.awaiting_masses:
                break  # verification complete
            if proc.next_shot is not None:
                try:
                    proc.fire_next()
                except SyringeRefillNeeded as need:
                    if refill is None:
                        proc.fail(str(need))
                        break
                    fill_ul, prime_ul = refill(need)
                    proc.load_syringe(fill_ul, prime_ul=prime_ul)
                    continue
            awaiting = proc.awaiting_masses
            if awaiting:
                if enter_masses is None:
                    raise ProcedureOrderError("no balance and no enter_masses: the masses cannot be known")
                masses = enter_masses(awaiting)
                if masses:
                    proc.enter_masses(masses)
                elif proc.next_shot is None:
                    raise ProcedureOrderError("the masses of the level are needed before the next level")
    except CalibrationFailed:
        pass
    return proc.finish()
