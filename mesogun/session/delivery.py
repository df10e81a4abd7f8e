"""Point by point delivery: limits, configuration, arming, firing; progress read from the journal.

:class:`Delivery` keeps what the runner knows about the points (delivered, skipped, repeated, the
confirmed overrides) and what it told the gun (configuration id, armed, shots fired and not yet
reported). It never decides the session's state: :meth:`Delivery.advance` answers whether the plan
is finished; the worker turns that into transitions. Every progress figure comes from the journal's
``delivered_per_point``: a shot counts once it is durable, whoever fired it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from firmware_protocol import Mode, Status
from mesogun.catalogue.caps import CapContext, check_substance_caps
from mesogun.errors import DeviceRefusedError, MesogunError
from mesogun.injector import MAX_FIRE_COUNT, MAX_SHOT_LIMIT, Injector
from mesogun.journal import JournalStore
from mesogun.limits import LimitsLibrary, Violation, check_point
from mesogun.models import CocktailComponent, PlanPoint
from mesogun.session.device_sync import disarm_between_shots
from mesogun.session.notices import Notice, NoticeCode
from mesogun.session.overrides import ConfirmedOverride
from mesogun.session.progress import (
    NOTHING,
    Delivered,
    delivered_from_journal,
    first_open_point,
    shots_needed,
)
from mesogun.session.remainder import (
    PendingPartial,
    Remainder,
    can_complete,
    remainder_of,
    remainder_shot_ul,
)
from mesogun.session.snapshot import PendingOverride, RefusedPoint

log = logging.getLogger("mesogun.session")

#: How long after the runner's own STOP a STOP state change is taken as that one (seconds).
OWN_STOP_WINDOW_S = 5.0


@dataclass(frozen=True)
class Timeouts:
    """How long the runner waits for the gun, in seconds of wall time."""

    #: for a shot or burst in progress to end (a mésoperfusion shot lasts volume / flow)
    settle_s: float = 30.0
    #: for the journal to hold every event the gun numbered
    backlog_s: float = 15.0
    #: with auto-trigger: shots fired but not reported this long after they should have ended are
    #: looked for on the gun
    stalled_shots_s: float = 5.0


class Delivery:
    """What is delivered where, and the gun's configuration for the current point (worker thread only)."""

    def __init__(
        self,
        *,
        injector: Injector,
        journal: JournalStore,
        points: Sequence[PlanPoint],
        limits: LimitsLibrary,
        operator: str,
        auto_trigger: bool,
        halted: threading.Event,
        contents: Callable[[], Sequence[CocktailComponent]],
        caps: CapContext,
        timeouts: Timeouts,
    ) -> None:
        self.injector = injector
        self.journal = journal
        self.points = tuple(points)
        self.limits = limits
        self.operator = operator
        self.auto_trigger = auto_trigger
        self.halted = halted
        self.contents = contents
        self.caps = caps
        self.timeouts = timeouts
        self.session_id: str | None = None
        self.device_serial = ""
        self.delivered: dict[int, Delivered] = {}
        self.skipped: set[int] = set()
        self.settled: set[int] = set()  # points ended as they are after a cut shot (choice "done")
        #: point → volume delivered (µl, since any repeat) when "complete" was chosen for its fraction
        self.completing: dict[int, float] = {}
        self.partial: PendingPartial | None = None
        self.baselines: dict[int, Delivered] = {}
        self.overrides: dict[int, tuple[ConfirmedOverride, ...]] = {}
        self.current: int | None = None
        self.last_done: int | None = None
        self.config_id: int | None = None
        self.config_volume_ul = 0.0  # the volume per shot of that configuration
        self.armed = False
        self.outstanding = 0
        self.last_fire_s = 0.0
        self.fire_window_s = 0.0  # how long the shots in flight may take to be reported (s)
        self.pending: PendingOverride | None = None
        self.refused: RefusedPoint | None = None
        self.notice = ""  # in English, for the log; ``said``: the same as a code
        self.said: Notice | None = None
        self.own_stop_until_s = 0.0

    # ------------------------------------------------------------------ progress (from the journal)

    def refresh(self) -> None:
        """Read what the journal attributes to each point of the session."""
        if self.session_id is not None:
            self.delivered = delivered_from_journal(self.journal.delivered_per_point(self.session_id))

    def got(self, index: int) -> Delivered:
        return self.delivered.get(index, NOTHING)

    def total_ul(self) -> float:
        """Cocktail delivered in the session so far (µl)."""
        return sum(d.volume_ul for d in self.delivered.values())

    def open_point(self) -> int | None:
        """The first point neither met, skipped nor ended as it is (None: the plan is done)."""
        left = frozenset(self.skipped | self.settled)
        return first_open_point(self.points, self.delivered, left, self.baselines)

    def is_met(self, index: int) -> bool:
        return self.done_at(index).meets(self.points[index])

    def done_at(self, index: int) -> Delivered:
        """What the point had since its repeat baseline (everything, when it was not repeated)."""
        return self.got(index).since(self.baselines.get(index))

    def remainder(self, index: int) -> Remainder:
        """What is left of the point in volume (nothing once its target is met)."""
        point = self.points[index]
        done_ul = self.done_at(index).volume_ul
        if self.is_met(index):
            return Remainder(point.planned_volume_ul, done_ul, 0.0, 0, 0.0)
        return remainder_of(point, done_ul)

    def gun_min_volume_ul(self) -> float:
        """The smallest shot the gun can deliver (µl)."""
        return self.injector.info.capabilities.volume_min_ul

    def _completing(self, index: int) -> bool:
        """True when "complete" was chosen for the point's fraction as it stands now."""
        chosen_at = self.completing.get(index)
        return chosen_at is not None and abs(chosen_at - self.done_at(index).volume_ul) < 1e-6

    def _awaits_choice(self, point: PlanPoint) -> bool:
        """A cut shot left a fraction of a shot and nobody chose yet: ask, deliver nothing meanwhile."""
        rem = self.remainder(point.index)
        if not rem.has_fraction or self._completing(point.index):
            return False
        minimum = self.gun_min_volume_ul()
        self.partial = PendingPartial(
            point_index=point.index,
            target_ul=rem.target_ul,
            delivered_ul=rem.delivered_ul,
            remainder_ul=rem.remainder_ul,
            whole_shots=rem.whole_shots,
            remainder_shot_ul=remainder_shot_ul(rem, minimum),
            can_complete=can_complete(rem, minimum),
        )
        self.notice = (
            f"point {point.index + 1} has {rem.delivered_ul:g} of {rem.target_ul:g} µl: "
            "complete with the remainder, end it as it is, or skip it"
        )
        self.said = Notice.of(
            NoticeCode.PARTIAL_WAITS,
            point=point.index + 1,
            delivered_ul=rem.delivered_ul,
            target_ul=rem.target_ul,
        )
        return True

    def shots_left(self, point: PlanPoint) -> int:
        """Shots to arm (or fire) for the point now: 1 for a remainder shot, else the whole shots left.

        Counted in volume so that nothing armed takes the point past its target by more than the
        gun's tolerance (see :mod:`mesogun.session.remainder`).
        """
        needed = shots_needed(point, self.got(point.index), self.baselines.get(point.index))
        if needed <= 0:
            return 0
        rem = self.remainder(point.index)
        if rem.has_fraction:
            if remainder_shot_ul(rem, self.gun_min_volume_ul()) is not None:
                return 1
            return rem.whole_shots
        return min(needed, rem.whole_shots) if rem.whole_shots else needed

    # ------------------------------------------------------------------ the gun

    def forget_configuration(self) -> None:
        """The gun's configuration is no longer ours (disarmed by itself, reconnected, paused...)."""
        self.config_id = None
        self.config_volume_ul = 0.0
        self.armed = False
        self.outstanding = 0

    def disarm(self) -> None:
        """Disarm between shots when armed; forget the configuration either way.

        A mésoperfusion infusion is stopped instead: it is one long shot, whose delivered part the
        journal records, and the rest is infused after a resume (see :meth:`shot_volume_ul`).
        """
        if self._current_mode() is Mode.CONTINUOUS:
            self._disarm_or_stop()
            return
        try:
            if self.armed or self.outstanding:
                disarm_between_shots(self.injector, max(self.timeouts.settle_s, self.fire_window_s))
        finally:
            self.forget_configuration()

    def _current_mode(self) -> Mode | None:
        return self.points[self.current].mode if self.current is not None else None

    def _disarm_or_stop(self) -> None:
        """Disarm now; if the gun is delivering, STOP it (the shot in progress ends short)."""
        if not (self.armed or self.outstanding):
            self.forget_configuration()
            return
        try:
            self.injector.disarm()
        except DeviceRefusedError as exc:
            if exc.status is not Status.BUSY:
                raise
            self.note_own_stop()
            self.injector.stop()
        finally:
            self.forget_configuration()

    def disarm_now(self) -> None:
        """Disarm at once after an alarm (halting a delivery if one is still going); never raises."""
        self.forget_configuration()
        try:
            self.injector.disarm()
        except MesogunError as exc:
            log.info("disarm after an alarm refused (%s); stopping the gun", exc)
            try:
                self.injector.stop()
            except MesogunError as stop_exc:
                log.warning("stop after an alarm failed: %s", stop_exc)

    def end_point_delivery(self) -> None:
        """The point's target is met: disarm.

        A burst still running on the held trigger is stopped (it would go on past the target); with
        auto-trigger the shots fired are waited for (they were counted to meet the target exactly).
        """
        if self.auto_trigger:
            self.disarm()
        else:
            self._disarm_or_stop()

    def note_own_stop(self) -> None:
        """A STOP sent by the host: the gun's STOP state change that follows is not news."""
        self.own_stop_until_s = time.monotonic() + OWN_STOP_WINDOW_S

    def stopped_by_us(self) -> bool:
        """True while a STOP the host sent may still be reported by the gun."""
        return time.monotonic() < self.own_stop_until_s

    def leave_current(self) -> None:
        """Done with the current point (met, skipped or repeated elsewhere): disarm, clear its questions."""
        if self.current is not None and self.is_met(self.current):
            self.end_point_delivery()
        else:
            self.disarm()
        if self.current is not None and self.is_met(self.current):
            self.last_done = self.current
        self.pending = None
        self.refused = None
        self.partial = None

    def advance(self) -> bool:
        """Do what the current point needs next; False when every point is met or skipped.

        Moves to the first open point (disarming first), checks its limits (a hard limit or a cap
        refuses it, a soft limit waits for a confirmed override), configures the gun, records the
        configuration, arms, and with auto-trigger fires the shots still needed.
        """
        self.refresh()
        index = self.open_point()
        if index is None:
            self.leave_current()
            self.current = None
            return False
        if index != self.current:
            self.leave_current()
            self.current = index
        if self.pending is not None or self.refused is not None or self.partial is not None:
            return True
        if self.halted.is_set():
            return True
        point = self.points[index]
        if self.config_id is not None and abs(self.config_volume_ul - self.shot_volume_ul(point)) > 1e-6:
            # A remainder shot was configured and is done (or is no longer due): configure anew.
            self.disarm()
        if self.config_id is None:
            if self._awaits_choice(point):
                return True
            if not self._cleared(point) or not self._within_caps(point, 1):
                return True
            self._configure_and_arm(point)
        elif not self._within_caps(point, 1):
            return True
        if self.auto_trigger and self.armed and self.outstanding == 0:
            self._fire(point)
        return True

    def _cleared(self, point: PlanPoint) -> bool:
        check = check_point(point, self.injector.info.capabilities, self.limits)
        if check.blocked:
            self._refuse(point, check.hard_violations())
            return False
        if check.needs_override:
            soft = check.soft_violations()
            confirmed = self.overrides.get(point.index, ())
            if not all(any(o.covers(v) for o in confirmed) for v in soft):
                self.pending = PendingOverride(point.index, tuple(soft))
                self.notice = f"point {point.index + 1} is outside the usual range: " + "; ".join(
                    v.message for v in soft
                )
                self.said = Notice.of(NoticeCode.OUTSIDE_USUAL, point=point.index + 1)
                return False
        return True

    def _within_caps(self, point: PlanPoint, shots: int) -> bool:
        violations = self._cap_violations(point, shots)
        if violations:
            self._refuse(point, violations)
            return False
        return True

    def _shots_within_caps(self, point: PlanPoint, wanted: int) -> int:
        """The most shots, up to ``wanted``, that the product caps allow now (at least 1: the caller
        checked that one shot fits)."""
        low, high = 1, max(1, wanted)
        while low < high:  # the cumulative totals only grow with the shots: bisect
            middle = (low + high + 1) // 2
            if self._cap_violations(point, middle):
                high = middle - 1
            else:
                low = middle
        return low

    def _cap_violations(self, point: PlanPoint, shots: int) -> list[Violation]:
        """The caps (mg of each substance: point, session, 24 h and 7 days with the patient's earlier
        doses) that ``shots`` more shots on ``point`` would pass; see ``check_substance_caps``."""
        return check_substance_caps(
            self.contents(),
            self.caps,
            session_ul=self.total_ul(),
            point_ul=self.got(point.index).volume_ul,
            next_ul=shots * self.shot_volume_ul(point),
        )

    def shot_volume_ul(self, point: PlanPoint) -> float:
        """Volume to command per shot (µl): the point's, or the remainder shot once "complete" was chosen.

        A shot cut short (an alarm, STOP, the watchdog, a power loss, an infusion stopped early) is
        completed by a shot of exactly what it left, never by a whole shot again.
        """
        if self._completing(point.index):
            shot_ul = remainder_shot_ul(self.remainder(point.index), self.gun_min_volume_ul())
            if shot_ul is not None:
                return shot_ul
        return point.volume_per_shot_ul

    def _refuse(self, point: PlanPoint, violations: Sequence[Violation]) -> None:
        self.disarm()
        self.refused = RefusedPoint(point.index, tuple(violations))
        self.notice = (
            f"point {point.index + 1} refused: "
            + "; ".join(v.message for v in violations)
            + " — skip the point or change the plan"
        )
        self.said = Notice.of(NoticeCode.POINT_REFUSED, point=point.index + 1)

    def _configure_and_arm(self, point: PlanPoint) -> None:
        if self.session_id is None:
            raise RuntimeError("no session open")
        volume_ul = self.shot_volume_ul(point)
        config_id = self.injector.configure(
            point.mode, point.depth_mm, volume_ul, point.flow_ul_s, point.burst_rate_per_s
        )
        # Recorded before arming: every shot of this configuration finds its point in the journal.
        self.journal.record_point_configured(
            self.session_id,
            point_index=point.index,
            device_serial=self.device_serial,
            config_id=config_id,
            technique=point.technique,
            mode=point.mode,
            depth_mm=point.depth_mm,
            volume_ul=volume_ul,
            flow_ul_s=point.flow_ul_s,
            burst_rate_per_s=point.burst_rate_per_s,
            limits_version=self.limits.version,
            operator=self.operator,
            site=point.site,
            zone=point.zone,
            overrides=self.overrides.get(point.index, ()),
        )
        self.config_id = config_id
        self.config_volume_ul = volume_ul
        if self.halted.is_set():
            return
        # The gun itself stops at the point's target and at the product caps: a burst held on the
        # trigger cannot overrun either, however late the disarm after the last shot would arrive.
        needed = self.shots_left(point)
        self.injector.arm(shot_limit=self._shots_within_caps(point, min(needed, MAX_SHOT_LIMIT)))
        self.armed = True
        action = "firing" if self.auto_trigger else "press the trigger"
        self.notice = f"point {point.index + 1}/{len(self.points)} {point.label}: armed, {action}"
        self.said = Notice.of(
            NoticeCode.ARMED, point=point.index + 1, points=len(self.points), auto=int(self.auto_trigger)
        )

    def fire_current(self) -> None:
        """Fire the shots the current point still needs from the host (a foot pedal): one command.

        A single shot, one infusion, or about a second of a burst, never beyond the target.
        """
        if self.current is None:
            raise RuntimeError("no current point")
        self._fire(self.points[self.current])

    def _fire(self, point: PlanPoint) -> None:
        needed = self.shots_left(point)
        if needed <= 0:
            return
        count = 1
        if point.mode is Mode.BURST:
            # About a second of shots per command, so a pause waits at most that long.
            count = min(needed, MAX_FIRE_COUNT, max(1, round(point.burst_rate_per_s)))
        count = self._shots_within_caps(point, count)
        if self.halted.is_set():
            return
        self.outstanding = count
        self.last_fire_s = time.monotonic()
        self.fire_window_s = count * self._shot_s(point) + self.timeouts.stalled_shots_s
        try:
            self.injector.fire(count)
        except BaseException:
            self.outstanding = 0
            raise

    def _shot_s(self, point: PlanPoint) -> float:
        """How long one shot takes at the gun's own pace (s, real time): push, or the burst period."""
        push_s = self.shot_volume_ul(point) / point.flow_ul_s
        if point.mode is Mode.BURST:
            return max(push_s, 1.0 / point.burst_rate_per_s)
        return push_s

    def shot_reported(self, config_id: int) -> None:
        """A shot of ``config_id`` arrived: one fewer in flight when it is ours."""
        if self.outstanding and config_id == self.config_id:
            self.outstanding -= 1
            self.last_fire_s = time.monotonic()
            if self.current is not None:
                point = self.points[self.current]
                self.fire_window_s = self.outstanding * self._shot_s(point) + self.timeouts.stalled_shots_s

    def stalled(self) -> bool:
        """Shots fired and not all reported within the time they take, and a margin."""
        return self.outstanding > 0 and time.monotonic() - self.last_fire_s > self.fire_window_s
