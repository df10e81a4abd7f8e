"""Flow accuracy of continuous mode (IEC 60601-2-24 style): infuse into a vessel on a balance read every 30 s.

The gun infuses at the set flow (mésoperfusion) for ``duration_s``; a balance with an interface is
read every ``sample_interval_s`` (30 s); from the readings :mod:`mesogun.calibration.flow` computes
the flow error over the analysis period and the trumpet curve (max/min mean error per observation
window of 2, 5, 11, 19, 31 min). A flow test writes nothing to the gun: it is a check, recorded with
its samples and figures. Verdict *(design)*: the overall flow error within ±5 % (``tolerance_pct``).

*(design)* The standard analyses the second hour of a two-hour infusion; at the gun's lowest flow
(5 µl/s) that would need 36 ml, more than its largest syringe. The default is therefore 25 min,
analysed from minute 10 (the start-up left out): 7.5 ml, which a full 10 ml syringe holds with the
20 % margin the test asks for; windows longer than the
analysis period are left out of the trumpet curve. One continuous delivery of the gun infuses at
most its maximum volume (500 µl): the test chains deliveries, and the short pauses between them
are part of what the balance weighs, as they are part of what a patient receives.

``time_scale`` is for a simulated gun and balance on a scaled clock: with 60, one wall-clock second
is one simulated minute, and the 30 s samples come every half second. The test counts its time and
lets it pass through a :class:`TestTime` (by default :class:`ScaledTestTime`, the host's monotonic
clock at ``time_scale``); a simulated bench may give its own, such as a clock that only moves when
told to, so that no delay of a busy host passes as test time.

Driving it from ONE worker thread::

    test = FlowTest(injector, balance, setup, journal=journal, listener=on_progress)
    test.start()                       # syringe checked, balance tared, first delivery started
    while test.samples_left:
        test.next_sample()             # keeps the gun infusing until the next sample, then reads
    result = test.finish()             # gun stopped; analysis, verdict, record
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import Protocol

from firmware_protocol import Mode, ShotResult
from firmware_protocol.enums import Status
from mesogun.calibration.balance import BalanceError
from mesogun.calibration.bench_gun import ShotNotCompleteError
from mesogun.calibration.flow import (
    SAMPLE_INTERVAL_S,
    TRUMPET_WINDOWS_MIN,
    BalanceSample,
    FlowAnalysis,
    analyse_flow,
)
from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.calibration.procedure import CalibrationError, ProcedureOrderError, ProcedureState, check_text
from mesogun.calibration.procedure_base import ProcedureBase
from mesogun.calibration.records import CalibrationJournal, make_entry
from mesogun.device_info import DeviceInfo
from mesogun.errors import DeviceRefusedError, InvalidChoiceError, OutOfRangeError
from mesogun.injector import Injector
from mesogun.journal.calibration_records import (
    BalanceIdentity,
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    CalibrationRecord,
    FlowFigures,
    FlowReading,
    RawReadings,
    TrumpetFigure,
)
from mesogun.journal.host_remarks import HostRemark, host_remark
from mesogun.journal.timefmt import utc_now

FLOW_TOLERANCE_PCT = 5.0
SYRINGE_MARGIN = 1.2  # the syringe must hold 20 % more than the test infuses
BUSY_RETRY_WALL_S = 0.005  # between two tries to fire while the gun ends the previous delivery


class ReadingBalance(Protocol):
    """What a flow test needs from a balance: it is read while the water flows (no stable wait)."""

    def serial_number(self) -> str: ...

    def tare(self, timeout_s: float = ...) -> float: ...

    def immediate_weight_g(self) -> float: ...


class TestTime(Protocol):
    """The flow test's clock, in test seconds (any origin), and the way it lets that time pass."""

    def now_s(self) -> float: ...

    def let_pass(self, until_s: float, wait_until_wall: Callable[[float], object]) -> None:
        """Let test time run towards ``until_s`` (on this clock), for one step at least.

        ``wait_until_wall(deadline)`` blocks until the host's :func:`time.monotonic` reaches
        ``deadline`` or something the test waits for happens (a SHOT event), whichever comes first;
        a clock that runs on its own calls it, one that is stepped moves itself instead. The caller
        looks again at what it waits for and at :meth:`now_s` afterwards.
        """
        ...


class ScaledTestTime:
    """The host's monotonic clock, ``scale`` times faster (1: a real gun in real time)."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale

    def now_s(self) -> float:
        return time.monotonic() * self.scale

    def let_pass(self, until_s: float, wait_until_wall: Callable[[float], object]) -> None:
        wait_until_wall(until_s / self.scale)


@dataclass(frozen=True)
class FlowSetup:
    """What the technician sets before a flow test. Seconds are test time (scaled by ``time_scale``).

    ``flow_ul_s`` None: the gun's lowest flow (the mésoperfusion end of its range).
    ``depth_mm`` None: the gun's smallest depth (the needle stays home over the vessel).
    ``balance_model``, ``balance_resolution_mg`` (its smallest step) and ``balance_verified_on`` (its
    last verification) are recorded with the test when given, as for a volume calibration.
    """

    technician: str
    syringe_model: str
    syringe_capacity_ml: int
    conditions: WeighingConditions = field(default_factory=WeighingConditions)
    flow_ul_s: float | None = None
    duration_s: float = 1500.0  # at the lowest flow (5 µl/s), 7.5 ml: a full 10 ml syringe with margin
    analysis_start_s: float = 600.0
    sample_interval_s: float = SAMPLE_INTERVAL_S
    windows_min: tuple[float, ...] = TRUMPET_WINDOWS_MIN
    tolerance_pct: float = FLOW_TOLERANCE_PCT
    depth_mm: float | None = None
    time_scale: float = 1.0
    tare_timeout_s: float = 30.0
    balance_model: str | None = None
    balance_resolution_mg: float | None = None
    balance_verified_on: date | None = None

    def __post_init__(self) -> None:
        check_text("technician", self.technician)
        if self.balance_resolution_mg is not None and not 0.0001 <= self.balance_resolution_mg <= 100.0:
            raise OutOfRangeError("balance_resolution_mg", self.balance_resolution_mg, 0.0001, 100.0, "mg")
        check_text("syringe_model", self.syringe_model)
        if not 5.0 <= self.sample_interval_s <= 300.0:
            raise OutOfRangeError("sample_interval_s", self.sample_interval_s, 5.0, 300.0, "s")
        if not 4 * self.sample_interval_s <= self.duration_s <= 4 * 3600.0:
            raise OutOfRangeError("duration_s", self.duration_s, 4 * self.sample_interval_s, 4 * 3600.0, "s")
        if not 0.0 <= self.analysis_start_s <= self.duration_s - 2 * self.sample_interval_s:
            raise OutOfRangeError(
                "analysis_start_s",
                self.analysis_start_s,
                0.0,
                self.duration_s - 2 * self.sample_interval_s,
                "s",
            )
        for name, value in (("duration_s", self.duration_s), ("analysis_start_s", self.analysis_start_s)):
            if abs(value / self.sample_interval_s - round(value / self.sample_interval_s)) > 1e-9:
                raise CalibrationError(
                    f"{name} = {value:g} s refused: a whole number of {self.sample_interval_s:g} s samples"
                )
        if not 0.1 <= self.tolerance_pct <= 50.0:
            raise OutOfRangeError("tolerance_pct", self.tolerance_pct, 0.1, 50.0, "%")
        if not 0.01 <= self.time_scale <= 1000.0:
            raise OutOfRangeError("time_scale", self.time_scale, 0.01, 1000.0, "")

    @property
    def sample_count(self) -> int:
        """Readings taken, the tare reading at 0 s included."""
        return round(self.duration_s / self.sample_interval_s) + 1


@dataclass(frozen=True)
class FlowProgress:
    """Sent to the listener after every sample; ``text`` is one English line."""

    state: ProcedureState
    samples_done: int
    samples_total: int
    text: str
    sample: BalanceSample | None = None
    interval_error_pct: float | None = None  # flow error of the interval that ended at this sample


@dataclass(frozen=True)
class FlowTestResult:
    passed: bool
    reason: str | None
    device: DeviceInfo
    set_flow_ul_s: float
    samples: tuple[BalanceSample, ...]
    analysis: FlowAnalysis | None
    balance_id: str
    started_at: datetime
    finished_at: datetime
    record: CalibrationRecord | None


class FlowTest(ProcedureBase):
    """One flow accuracy test of one gun in continuous mode (see the module documentation)."""

    kind = "flow"

    def __init__(
        self,
        injector: Injector,
        balance: ReadingBalance,
        setup: FlowSetup,
        *,
        journal: CalibrationJournal | None = None,
        listener: Callable[[FlowProgress], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
        test_time: TestTime | None = None,
    ) -> None:
        """``test_time`` counts the test's seconds (default: the host's clock at ``setup.time_scale``)."""
        super().__init__(injector, access_code=None, clock=clock)
        self.setup = setup
        self._time: TestTime = test_time if test_time is not None else ScaledTestTime(setup.time_scale)
        self._balance = balance
        self._journal = journal
        self._listener = listener
        self.set_flow_ul_s = 0.0
        self._balance_id = ""
        self._balance_model: str | None = None
        self._samples: list[BalanceSample] = []
        self._t0_s = 0.0  # test time at which the infusion started
        self._delivery_first = 0
        self._infusion_volume_ul = 0.0
        self._analysis: FlowAnalysis | None = None

    @property
    def samples(self) -> tuple[BalanceSample, ...]:
        return tuple(self._samples)

    @property
    def samples_left(self) -> int:
        if self.state is not ProcedureState.MEASURING:
            return 0
        return self.setup.sample_count - len(self._samples)

    def now_s(self) -> float:
        """Test time in seconds since the infusion started (scaled by ``time_scale``)."""
        return self._time.now_s() - self._t0_s

    # ------------------------------------------------------------------ steps

    def start(self) -> None:
        """Check the gun and the syringe, tare the balance, read it at 0 s, start infusing."""
        self._begin()
        self._step(self._first_sample)

    def _check_setup(self, info: DeviceInfo) -> None:
        caps, setup = info.capabilities, self.setup
        if setup.syringe_capacity_ml not in caps.syringe_sizes_ml:
            raise InvalidChoiceError(
                "syringe_capacity_ml", setup.syringe_capacity_ml, caps.syringe_sizes_ml, "ml"
            )
        if Mode.CONTINUOUS not in caps.modes:
            raise CalibrationError("this gun has no continuous mode: there is no flow to test")
        flow = setup.flow_ul_s if setup.flow_ul_s is not None else caps.flow_min_ul_s
        if not caps.flow_min_ul_s <= flow <= caps.flow_max_ul_s:
            raise OutOfRangeError("flow_ul_s", flow, caps.flow_min_ul_s, caps.flow_max_ul_s, "µl/s")
        self.set_flow_ul_s = flow
        self._infusion_volume_ul = min(caps.volume_max_ul, flow * setup.duration_s)
        need_ul = flow * setup.duration_s * SYRINGE_MARGIN
        remaining_ul = self._gun.status().syringe_remaining_ul
        if remaining_ul < need_ul:
            largest_ul = max(caps.syringe_sizes_ml) * 1000.0
            if need_ul > largest_ul:
                longest_min = largest_ul / (flow * SYRINGE_MARGIN) / 60.0
                advice = (
                    f"no syringe of this gun holds that much: shorten the test to at most "
                    f"{longest_min:.0f} min, or lower the flow"
                )
            else:
                advice = "load a full syringe, or shorten the test"
            raise CalibrationError(
                f"the test infuses {flow * setup.duration_s:.0f} µl, {need_ul:.0f} µl with its 20 % margin, "
                f"and the syringe holds {remaining_ul:.0f} µl: {advice}"
            )

    def _identify_instrument(self) -> None:
        self._balance_id = self._balance.serial_number()
        model = getattr(self._balance, "model", None)  # a balance on a port says its type
        if callable(model):
            try:
                self._balance_model = str(model()) or None
            except BalanceError:
                self._balance_model = None  # a balance that does not answer I2 keeps its model unknown

    def _balance_resolution_mg(self) -> float | None:
        """The smallest step a balance on a port showed in its readings (None when it does not say)."""
        value = getattr(self._balance, "resolution_mg", None)
        return float(value) if isinstance(value, (int, float)) and value > 0 else None

    def _first_sample(self) -> None:
        setup = self.setup
        depth_mm = setup.depth_mm if setup.depth_mm is not None else self.device.capabilities.depth_min_mm
        self._gun.configure(Mode.CONTINUOUS, depth_mm, self._infusion_volume_ul, self.set_flow_ul_s)
        self._balance.tare(timeout_s=setup.tare_timeout_s)
        self._t0_s = self._time.now_s()
        self._read(0.0)
        self._delivery_first = self._fire()
        self._notify(
            f"flow test of {self.device.serial_number}: {self.set_flow_ul_s:g} µl/s for "
            f"{setup.duration_s / 60:g} min, a reading every {setup.sample_interval_s:g} s"
        )

    def next_sample(self) -> BalanceSample:
        """Keep the gun infusing until the next sample time, then read the balance. Returns the sample."""
        if self.samples_left <= 0:
            raise ProcedureOrderError(f"no sample left to take: the flow test is {self.state.value}")
        target_s = len(self._samples) * self.setup.sample_interval_s
        return self._step(lambda: self._sample_at(target_s))

    def _sample_at(self, target_s: float) -> BalanceSample:
        until_s = self._t0_s + target_s
        while True:
            shot = self._gun.shot_after(self._delivery_first)
            if shot is None:
                if self._time.now_s() >= until_s:
                    break  # sample time
                self._time.let_pass(until_s, partial(self._gun.wait_shot_until, self._delivery_first))
                continue
            if shot.result is not ShotResult.COMPLETE:
                raise ShotNotCompleteError(shot)
            self._delivery_first = self._fire()  # the next delivery, at once
        sample = self._read(target_s)
        if self.samples_left == 0:
            self._gun.make_safe()  # the test time is over: stop the delivery in progress
        return sample

    def _fire(self) -> int:
        for _ in range(20):
            try:
                return self._gun.start_delivery()
            except DeviceRefusedError as exc:
                if exc.status is not Status.BUSY:
                    raise
                # The previous delivery is still winding down (the needle going home): 5 ms of the host.
                retry_s = self._time.now_s() + BUSY_RETRY_WALL_S * self.setup.time_scale
                self._time.let_pass(retry_s, _sleep_until)
        raise CalibrationError("the gun stayed busy after a delivery: check it and start again")

    def _read(self, target_s: float) -> BalanceSample:
        before_s = self.now_s()
        mass_g = self._balance.immediate_weight_g()
        # Dated at the middle of the query, on the test clock (the request takes a moment).
        sample = BalanceSample((before_s + self.now_s()) / 2.0 if target_s else 0.0, mass_g)
        self._samples.append(sample)
        error = self._interval_error()
        text = f"{sample.time_s:7.1f} s: {mass_g * 1000:.2f} mg"
        if error is not None:
            text += f", flow error {error:+.2f} % over the last interval"
        self._notify(text, sample=sample, interval_error_pct=error)
        return sample

    def _interval_error(self) -> float | None:
        if len(self._samples) < 2:
            return None
        a, b = self._samples[-2], self._samples[-1]
        volume_ul = (b.mass_g - a.mass_g) * 1000.0 * self.setup.conditions.z_ul_per_mg
        return 100.0 * (volume_ul / (b.time_s - a.time_s) - self.set_flow_ul_s) / self.set_flow_ul_s

    def finish(self) -> FlowTestResult:
        """Stop the gun, analyse the samples, give the verdict, record."""
        passed = False
        if self.state is ProcedureState.MEASURING and self.samples_left == 0:
            passed = self._judge()
        elif self.state is not ProcedureState.FAILED:
            raise ProcedureOrderError(
                f"finish() needs every sample or a failure; the test is {self.state.value}"
            )
        self._end()
        result = FlowTestResult(
            passed=passed,
            reason=None if passed else self.reason,
            device=self.device,
            set_flow_ul_s=self.set_flow_ul_s,
            samples=self.samples,
            analysis=self._analysis,
            balance_id=self._balance_id,
            started_at=self.started_at,
            finished_at=self._clock(),
            record=None,
        )
        if self._journal is not None:
            result = replace(result, record=self._journal.record_calibration(self._entry(result)))
        self._notify(f"flow test {'PASSED' if result.passed else 'FAILED'}")
        return result

    def _judge(self) -> bool:
        setup = self.setup
        try:
            # The sample times are where the balance was read, a few ms from the 30 s grid.
            analysis = analyse_flow(
                self._samples,
                self.set_flow_ul_s,
                conditions=setup.conditions,
                analysis_start_s=setup.analysis_start_s,
                analysis_end_s=setup.duration_s,
                sample_interval_s=setup.sample_interval_s,
                windows_min=setup.windows_min,
            )
        except ValueError as exc:
            self._fail(host_remark(HostRemark.FLOW_NOT_ANALYSED, error=str(exc)))
            return False
        self._analysis = analysis
        error = analysis.overall_error_pct
        if math.isfinite(error) and abs(error) <= setup.tolerance_pct:
            self.state = ProcedureState.PASSED
            return True
        self._fail(
            host_remark(
                HostRemark.FLOW_OUT_OF_TOLERANCE,
                error_pct=round(error, 2) if math.isfinite(error) else None,
                tolerance_pct=setup.tolerance_pct,
            )
        )
        return False

    # ------------------------------------------------------------------ plumbing

    def _notify(
        self, text: str, *, sample: BalanceSample | None = None, interval_error_pct: float | None = None
    ) -> None:
        super()._notify(text)
        if self._listener is not None:
            self._listener(
                FlowProgress(
                    self.state, len(self._samples), self.setup.sample_count, text, sample, interval_error_pct
                )
            )

    def _entry(self, result: FlowTestResult) -> CalibrationEntry:
        a = result.analysis
        figures = CalibrationFigures(
            flow=FlowFigures(
                set_flow_ul_s=a.set_flow_ul_s,
                analysis_start_s=a.analysis_start_s,
                analysis_end_s=a.analysis_end_s,
                analysis_volume_ul=a.analysis_volume_ul,
                mean_flow_ul_s=a.mean_flow_ul_s,
                overall_error_pct=a.overall_error_pct,
                tolerance_pct=self.setup.tolerance_pct,
                trumpet=tuple(
                    TrumpetFigure(
                        window_min=p.window_min,
                        max_error_pct=p.max_error_pct,
                        min_error_pct=p.min_error_pct,
                        window_count=p.window_count,
                    )
                    for p in a.trumpet
                ),
            )
            if a is not None
            else None
        )
        return make_entry(
            kind=CalibrationKind.FLOW,
            device=result.device,
            technician=self.setup.technician,
            started_at=result.started_at,
            finished_at=result.finished_at,
            factors_before=self.factors_before,
            factors_after=None,
            raw=RawReadings(
                flow=tuple(FlowReading(time_s=s.time_s, mass_g=s.mass_g) for s in result.samples),
                balance=BalanceIdentity(
                    model=self.setup.balance_model or self._balance_model,
                    serial=result.balance_id or None,
                    resolution_mg=self.setup.balance_resolution_mg or self._balance_resolution_mg(),
                    verified_on=self.setup.balance_verified_on,
                ),
            ),
            figures=figures,
            passed=result.passed,
            reason=result.reason,
            expires_at=None,
            syringe=self.setup.syringe_model,
            syringe_capacity_ml=self.setup.syringe_capacity_ml,
            balance_id=result.balance_id,
            conditions=self.setup.conditions,
        )


def _sleep_until(deadline_monotonic_s: float) -> None:
    time.sleep(max(0.0, deadline_monotonic_s - time.monotonic()))
