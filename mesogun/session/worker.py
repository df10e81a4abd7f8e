"""The session's worker: every decision about a session and every gun command, on one thread.

The public :class:`~mesogun.session.runner.SessionRunner` queues calls to the methods here (and to
:class:`~mesogun.session.watch.DeviceWatch` for what the gun reports), so the state below is only
ever touched by the worker thread. The flow: screening → READY (session opened in the journal) →
RUNNING point by point (see :mod:`mesogun.session.delivery`) → COMPLETED, with pauses, skips,
repeats, syringe changes, and STOPPED or ABORTED endings.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime

from firmware_protocol import BLOCKING_ALARMS, AlarmCode
from mesogun.catalogue.contraindications import screening_questions
from mesogun.catalogue.resolve import substance_mg
from mesogun.injector import Injector
from mesogun.journal import JournalStore, PartialChoice, host_remarks
from mesogun.limits import LimitsLibrary
from mesogun.models import Product, SessionPlan
from mesogun.session.acknowledgement import Acknowledgement
from mesogun.session.admission import Admission
from mesogun.session.delivery import Delivery, Timeouts
from mesogun.session.device_sync import same_event_memory, wait_for_backlog
from mesogun.session.errors import CommandRefusedError, Refusal, SessionError
from mesogun.session.notices import Notice, NoticeCode
from mesogun.session.opening import open_journal_session
from mesogun.session.overrides import ConfirmedOverride
from mesogun.session.products import product_totals_ul, refuse_expired, replace_lots
from mesogun.session.progress import point_progress
from mesogun.session.screening import Screening
from mesogun.session.snapshot import SessionSnapshot
from mesogun.session.states import (
    TERMINAL_STATES,
    SessionState,
    Trigger,
    allowed,
    next_state,
)
from mesogun.vocabulary import remark_text

log = logging.getLogger("mesogun.session")

_S = SessionState


class SessionWorker:
    """State of one session (worker thread only; see the module documentation)."""

    def __init__(
        self,
        *,
        injector: Injector,
        journal: JournalStore,
        plan: SessionPlan,
        patient_pseudonym: str,
        practitioner: str,
        indication: str,
        limits: LimitsLibrary,
        admission: Admission,
        auto_trigger: bool,
        clock: Callable[[], datetime],
        halted: threading.Event,
        timeouts: Timeouts,
    ) -> None:
        self.injector = injector
        self.journal = journal
        self.plan = plan
        self.patient = patient_pseudonym
        self.practitioner = practitioner
        self.indication = indication
        self.limits = limits
        self.admission = admission
        self.contents = admission.contents
        self.started_at: datetime | None = None
        self.clock = clock
        self.halted = halted
        self.timeouts = timeouts
        self.state = SessionState.IDLE
        self.questions = screening_questions(plan, admission.contents)
        self.screening = Screening(self.questions)
        self.delivery = Delivery(
            injector=injector,
            journal=journal,
            points=plan.points(),
            limits=limits,
            operator=practitioner,
            auto_trigger=auto_trigger,
            halted=halted,
            contents=lambda: self.contents,
            caps=admission.caps,
            timeouts=timeouts,
        )
        self.live_from: int | None = None  # events numbered up to this one happened before we watched
        self.active_alarms: set[AlarmCode] = set()
        self.alarm_episode: set[AlarmCode] = set()  # recorded since the session entered ALARM
        # How this session acknowledges by itself the watchdog its own absence caused (None: it does
        # not; a person does). Set by the runner.
        self.auto_acknowledgement: Acknowledgement | None = Acknowledgement.ON_RETURN
        self.watchdog_recorded = False  # a WATCHDOG raised while the host was away is in the journal
        self.link_paused = False  # paused because the link dropped: resume when it is back
        self.link_down = False
        self.next_restore_s = 0.0
        # Why the gun cannot be used for a session (see attach); empty once it was checked.
        self.gun_refusal = "the gun was not checked yet"
        self.message = ""  # the notice in English, for the log
        self.notice: Notice | None = None
        self.last_error = ""
        self.failure: BaseException | None = None

    # ------------------------------------------------------------------ state and snapshot

    @property
    def session_id(self) -> str | None:
        return self.delivery.session_id

    def transition(self, trigger: Trigger) -> None:
        old = self.state
        self.state = next_state(self.state, trigger)
        log.info("session %s: %s --%s--> %s", self.session_id or "-", old, trigger, self.state)

    def check(self, trigger: Trigger) -> None:
        """Refuse now (before acting) when ``trigger`` is not allowed in the current state."""
        next_state(self.state, trigger)

    def _require(self, *states: SessionState, action: str) -> None:
        if self.state not in states:
            allowed = ", ".join(s.value for s in states)
            raise CommandRefusedError(
                f"cannot {action} while the session is {self.state.value} (only {allowed})",
                Refusal.WRONG_STATE,
                state=self.state.value,
            )

    @staticmethod
    def _reason(reason: str | None, what: str) -> str:
        text = (reason or "").strip()
        if not text:
            raise CommandRefusedError(
                f"{what} needs a reason in words; an empty one is refused", Refusal.REASON_NEEDED
            )
        return text

    def point_label(self, index: int | None) -> str:
        if index is None:
            return "-"
        return f"point {index + 1}/{len(self.delivery.points)} ({self.delivery.points[index].label})"

    @staticmethod
    def point_number(index: int | None) -> int:
        """A point's number as the practitioner counts (from 1); 0 for no point."""
        return 0 if index is None else index + 1

    def snapshot(self) -> SessionSnapshot:
        d = self.delivery
        ended = self.state in TERMINAL_STATES
        shown = None if ended or self.state in (_S.IDLE, _S.SCREENING, _S.READY) else d.current
        total_ul = d.total_ul()
        return SessionSnapshot(
            state=self.state,
            session_id=self.session_id,
            current_index=shown,
            points=point_progress(
                d.points, d.delivered, frozenset(d.skipped), d.baselines, shown, ended=ended
            ),
            totals_ul=product_totals_ul(self.contents, total_ul),
            delivered_ul=total_ul,
            totals_mg=tuple(substance_mg(self.contents, total_ul).items()),
            active_alarms=frozenset(self.active_alarms),
            pending_override=d.pending,
            pending_partial=d.partial,
            alarms_raised=frozenset(self.alarm_episode),
            refused=d.refused,
            unanswered=self.screening.unanswered,
            consent_given=self.screening.consent_at is not None,
            message=d.notice if self.state is _S.RUNNING and d.notice else self.message,
            notice=d.said if self.state is _S.RUNNING and d.notice else self.notice,
            last_error=self.last_error,
            failure=self.failure,
            armed=d.armed,
            waiting_for_link=self.link_paused and self.state is _S.PAUSED,
        )

    # ------------------------------------------------------------------ attach / screening

    def attach(self) -> None:
        """Learn where the gun's event numbering stands: older events are history, not news."""
        status = self.injector.status()
        self.live_from = status.last_event_number
        self.active_alarms = set(status.alarms)
        self.delivery.device_serial = self.injector.info.serial_number
        try:
            same_event_memory(status.last_event_number, self.journal, self.delivery.device_serial)
        except SessionError as exc:
            self.gun_refusal = str(exc)
            raise
        self.gun_refusal = ""

    def _require_checked_gun(self) -> None:
        if self.gun_refusal:
            raise CommandRefusedError(self.gun_refusal)

    def begin_screening(self) -> None:
        self._require_checked_gun()
        self.transition(Trigger.BEGIN_SCREENING)
        self.message = "screening: give consent and answer each contraindication"
        self.notice = Notice.of(NoticeCode.SCREENING)
        self._screening_done()

    def answer(self, code: str, positive: bool, override_reason: str | None) -> None:
        self._require(_S.SCREENING, action="answer a screening question")
        self.screening.answer(code, positive, override_reason, self.clock())
        self._screening_done()

    def give_consent(self) -> None:
        self._require(_S.SCREENING, action="record consent")
        self.screening.give_consent(self.clock())
        self._screening_done()

    def _screening_done(self) -> None:
        s = self.screening
        if not s.passed:  # what is missing shows in the snapshot (consent, unanswered questions)
            absolute = [code for code in s.blocking if s.question(code).blocking]
            relative = [code for code in s.blocking if code not in absolute]
            if absolute:
                self.last_error = (
                    f"absolute contraindication answered yes: {', '.join(absolute)}; the session cannot start"
                )
            elif relative:
                self.last_error = (
                    f"relative contraindication answered yes: {', '.join(relative)}; "
                    "the session starts only with a recorded justification"
                )
            return
        self.started_at = self.clock()
        self.delivery.session_id = open_journal_session(
            self.journal,
            self.injector,
            self.plan,
            s,
            patient=self.patient,
            practitioner=self.practitioner,
            indication=self.indication,
            limits_version=self.limits.version,
            contents=self.contents,
            started_at=self.started_at,
        )
        too_soon = self.admission.too_soon_override(self.practitioner, self.started_at)
        if too_soon is not None:
            self.journal.record_override(self.delivery.session_id, too_soon)
        self.transition(Trigger.SCREENING_PASSED)
        self.message = f"screening passed; session {self.session_id} opened: start when ready"
        self.notice = Notice.of(NoticeCode.OPENED, session=self.session_id or "")

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        self.check(Trigger.START)
        self._require_checked_gun()
        refuse_expired(self.contents, self.clock().date())
        self._require_gun_ready()
        self.transition(Trigger.START)
        self.message = "running"
        self.notice = Notice.of(NoticeCode.RUNNING)
        self.advance()

    def resume(self) -> None:
        self.check(Trigger.RESUME)
        self._require_checked_gun()
        refuse_expired(self.contents, self.clock().date())
        self._require_gun_ready()
        self.link_paused = False
        self.transition(Trigger.RESUME)
        self.message = "running"
        self.notice = Notice.of(NoticeCode.RUNNING)
        self.advance()

    def _require_gun_ready(self) -> None:
        status = self.injector.status()
        blocking = status.alarms & BLOCKING_ALARMS
        if blocking:
            names = ", ".join(sorted(c.name for c in blocking))
            raise CommandRefusedError(
                f"the gun reports {names}: fix the cause and acknowledge the alarm first",
                Refusal.GUN_ALARM,
                alarms=names,
            )
        if status.syringe_capacity_ml <= 0 or status.syringe_remaining_ul <= 0:
            raise CommandRefusedError(
                "no filled syringe in the gun: load one and declare it (change syringe) before delivering",
                Refusal.NO_SYRINGE,
            )

    def advance(self) -> None:
        """Let the current point progress; finish the session when every point is met or skipped."""
        if self.state is not _S.RUNNING:
            return
        if not self.delivery.advance():
            self.finish()

    def pause(self) -> None:
        self.check(Trigger.PAUSE)
        self.delivery.disarm()
        self.transition(Trigger.PAUSE)
        self.message = f"paused at {self.point_label(self.delivery.current)}"
        self.notice = Notice.of(NoticeCode.PAUSED, point=self.point_number(self.delivery.current))
        # The last shot's event may still be on its way: show the progress the journal will hold.
        wait_for_backlog(self.injector, self.journal, self.delivery.device_serial, self.timeouts.backlog_s)
        self.delivery.refresh()

    def finish(self) -> None:
        self.delivery.disarm()
        wait_for_backlog(self.injector, self.journal, self.delivery.device_serial, self.timeouts.backlog_s)
        self.delivery.refresh()
        if self.delivery.open_point() is not None:  # a late event changed nothing, but check anyway
            return
        assert self.session_id is not None
        self.journal.close_session(self.session_id, "completed")
        self.transition(Trigger.FINISH)
        self.message = f"session {self.session_id} completed"
        self.notice = Notice.of(NoticeCode.COMPLETED, session=self.session_id or "")

    def skip(self, reason: str) -> None:
        self._require(_S.RUNNING, _S.PAUSED, action="skip a point")
        text = self._reason(reason, "skipping a point")
        self._leave_with(text)

    def next_point(self, reason: str | None = None) -> None:
        self._require(_S.RUNNING, _S.PAUSED, action="move to the next point")
        d = self.delivery
        index = d.current
        if index is None:
            raise CommandRefusedError("no current point", Refusal.NO_CURRENT_POINT)
        got = d.got(index)
        if got.shots == 0:
            raise CommandRefusedError(
                f"nothing delivered yet on {self.point_label(index)}: skip it with a reason instead",
                Refusal.NOTHING_DELIVERED_YET,
                point=index + 1,
            )
        if reason is not None:
            # The practitioner's own words are recorded; the skip row of a point with shots is its
            # "left partial" record.
            self._leave_with(self._reason(reason, "leaving a point partial"))
            return
        point = d.points[index]
        self._leave_with(
            host_remarks.left_point(
                got.shots,
                got.volume_ul,
                target_shots=point.target_shots,
                target_ul=point.target_volume_ul or 0.0,
            )
        )

    def decide_partial(self, choice: PartialChoice, reason: str | None) -> None:
        """The practitioner's choice for the current point, left short by a cut shot (recorded first)."""
        self._require(_S.RUNNING, _S.PAUSED, action="decide about a point left short")
        d = self.delivery
        pending = d.partial
        if pending is None:
            raise CommandRefusedError(
                "no point is waiting for a decision about what is left of it", Refusal.NO_DECISION_AWAITED
            )
        choice = PartialChoice(choice)
        if choice is PartialChoice.COMPLETE and not pending.can_complete:
            raise CommandRefusedError(
                f"the {pending.remainder_ul:g} µl left on point {pending.point_index + 1} are less than the "
                f"gun's smallest shot ({d.gun_min_volume_ul():g} µl): end the point as it is or skip it",
                Refusal.REMAINDER_TOO_SMALL,
                remainder_ul=pending.remainder_ul,
                point=pending.point_index + 1,
                min_ul=d.gun_min_volume_ul(),
            )
        text = self._reason(reason, "skipping a point") if choice is PartialChoice.SKIP else None
        assert self.session_id is not None
        self.journal.record_point_decision(
            self.session_id,
            pending.point_index,
            choice,
            target_ul=pending.target_ul,
            delivered_ul=pending.delivered_ul,
            remainder_ul=pending.remainder_ul,
            remainder_shot_ul=pending.remainder_shot_ul if choice is PartialChoice.COMPLETE else None,
            reason=text,
            operator=self.practitioner,
        )
        d.partial = None
        if choice is PartialChoice.COMPLETE:
            d.completing[pending.point_index] = pending.delivered_ul
            self.message = f"completing point {pending.point_index + 1} with what is left"
            self.notice = Notice.of(NoticeCode.COMPLETING, point=pending.point_index + 1)
            self.advance()
        elif choice is PartialChoice.DONE:
            self._leave_with(None, settle=True)
        else:
            assert text is not None
            self._leave_with(text)

    def _leave_with(self, reason: str | None, *, settle: bool = False) -> None:
        """Leave the current point: skipped with ``reason`` (recorded), or ``settle``: ended as it is."""
        d = self.delivery
        index = d.current
        if index is None:
            raise CommandRefusedError("no current point", Refusal.NO_CURRENT_POINT)
        assert self.session_id is not None
        d.disarm()
        if settle:
            d.settled.add(index)
        else:
            assert reason is not None
            self.journal.record_skip(self.session_id, index, reason, self.practitioner)
            d.skipped.add(index)
        d.pending = None
        d.refused = None
        d.partial = None
        d.refresh()
        d.current = d.open_point()
        left = f"left point {index + 1}: {remark_text(reason, 'en')}" if reason else None
        self.message = left or f"point {index + 1} ended as it is"
        self.notice = (
            Notice.of(NoticeCode.POINT_LEFT, point=index + 1, reason=reason)
            if reason
            else Notice.of(NoticeCode.POINT_ENDED, point=index + 1)
        )
        self.advance()
        if self.state is _S.PAUSED and d.current is None:
            self.finish()

    def repeat(self) -> None:
        self._require(_S.RUNNING, _S.PAUSED, action="repeat a point")
        d = self.delivery
        index = d.last_done
        if index is None:
            raise CommandRefusedError(
                "no point completed yet in this run: nothing to repeat", Refusal.NOTHING_TO_REPEAT
            )
        assert self.session_id is not None
        d.disarm()
        d.refresh()
        baseline = d.got(index)
        point = d.points[index]
        self.journal.add_note(
            self.session_id,
            host_remarks.repeated_point(
                index + 1,
                region=point.site.region if point.site is not None else None,
                laterality=point.site.laterality.value if point.site is not None else None,
                zone=point.zone,
                shots=baseline.shots,
                volume_ul=baseline.volume_ul,
            ),
            self.practitioner,
        )
        d.baselines[index] = baseline
        d.settled.discard(index)
        d.completing.pop(index, None)
        d.pending = None
        d.refused = None
        d.current = index
        self.message = f"repeating {self.point_label(index)}"
        self.notice = Notice.of(NoticeCode.REPEATING, point=index + 1)
        self.advance()

    def host_fire(self, point_index: int) -> None:
        """Fire from the host on ``point_index``, only if it is still the current point and armed."""
        self._require(_S.RUNNING, action="fire from the computer")
        d = self.delivery
        if d.current != point_index:
            raise CommandRefusedError(
                f"point {point_index + 1} is no longer the current one ({self.point_label(d.current)}): "
                "nothing fired",
                Refusal.NOT_CURRENT_POINT,
                point=point_index + 1,
            )
        if not d.armed or d.pending is not None or d.refused is not None:
            raise CommandRefusedError(
                f"{self.point_label(point_index)} is not armed: nothing fired",
                Refusal.NOT_ARMED,
                point=point_index + 1,
            )
        if d.outstanding:
            raise CommandRefusedError(
                "the shots fired before are still being delivered: nothing fired", Refusal.SHOTS_IN_FLIGHT
            )
        d.fire_current()

    def confirm_override(self, reason: str) -> None:
        self._require(_S.RUNNING, _S.PAUSED, action="confirm an override")
        d = self.delivery
        pending = d.pending
        if pending is None:
            raise CommandRefusedError(
                "no soft-limit confirmation is awaited", Refusal.NO_CONFIRMATION_AWAITED
            )
        text = self._reason(reason, "an override")
        at = self.clock()
        try:
            confirmed = tuple(
                ConfirmedOverride.of(v, reason=text, confirmed_by=self.practitioner, at=at)
                for v in pending.violations
            )
        except ValueError as exc:
            raise CommandRefusedError(str(exc)) from exc
        d.overrides[pending.point_index] = confirmed
        d.pending = None
        self.message = f"override confirmed for point {pending.point_index + 1}: {text}"
        self.notice = Notice.of(NoticeCode.OVERRIDE_CONFIRMED, point=pending.point_index + 1, reason=text)
        self.advance()

    def change_syringe(
        self, products: Sequence[Product], capacity_ml: int, fill_ul: float, prime_ul: float | None
    ) -> None:
        if self.state in TERMINAL_STATES or self.state is _S.RUNNING:
            raise CommandRefusedError(
                f"cannot change the syringe while the session is {self.state.value} (pause first)",
                Refusal.WRONG_STATE,
                state=self.state.value,
            )
        contents = replace_lots(self.contents, products)
        refuse_expired(contents, self.clock().date())
        if self.session_id is not None:
            # Recorded first: the syringe is physically changed whatever the gun answers next.
            self.journal.record_syringe_change(
                self.session_id,
                contents,
                operator=self.practitioner,
                capacity_ml=capacity_ml,
                fill_ul=fill_ul,
            )
        self.contents = contents
        self.injector.load_syringe(capacity_ml, fill_ul)
        if prime_ul:
            self.injector.prime(prime_ul)
        lots_text = ", ".join(f"{c.product.label} lot {c.product.lot or '?'}" for c in contents)
        self.message = f"syringe changed: {capacity_ml} ml holding {fill_ul:g} µl ({lots_text})"
        lots = tuple((c.product.label, c.product.lot or "") for c in contents)
        self.notice = Notice.of(
            NoticeCode.SYRINGE_CHANGED, capacity_ml=capacity_ml, fill_ul=fill_ul, lots=lots
        )

    # ------------------------------------------------------------------ endings

    def stop(self, reason: str | None = None) -> None:
        text = self._reason(reason, "ending a session early") if reason is not None else None
        self.check(Trigger.STOP)
        error = self._wind_down(clean=True)
        note = f" (gun not confirmed disarmed: {error})" if error is not None else ""
        if self.session_id is not None and text is not None:
            # The practitioner's words as the reason; what the host noticed goes to a note beside it.
            self.journal.close_session(self.session_id, "aborted", text)
            if error is not None:
                self.journal.add_note(self.session_id, host_remarks.not_disarmed(error), self.practitioner)
        elif self.session_id is not None:
            done = sum(1 for i in range(len(self.delivery.points)) if self.delivery.is_met(i))
            # The journal knows two endings; a clean early stop is an end before the plan's end.
            self.journal.close_session(
                self.session_id,
                "aborted",
                host_remarks.early_end(
                    self.practitioner, points_done=done, points_total=len(self.delivery.points), error=error
                ),
            )
        self.transition(Trigger.STOP)
        self.message = f"session {self.session_id} stopped" + note
        self.notice = Notice.of(NoticeCode.STOPPED, session=self.session_id or "", error=error or "")

    def abort(self, reason: str) -> None:
        text = self._reason(reason, "aborting a session")
        self.check(Trigger.ABORT)
        error = self._wind_down(clean=False)
        note = f" (gun not confirmed disarmed: {error})" if error is not None else ""
        if self.session_id is not None:
            reason = host_remarks.reason_not_disarmed(text, error) if error is not None else text
            self.journal.close_session(self.session_id, "aborted", reason)
        self.transition(Trigger.ABORT)
        self.message = f"session {self.session_id or '(not opened)'} aborted: {text}{note}"
        self.notice = Notice.of(
            NoticeCode.ABORTED, session=self.session_id or "", reason=text, error=error or ""
        )

    def _wind_down(self, *, clean: bool) -> str | None:
        """Disarm and let the last events reach the journal; what failed when that could not be done."""
        if self.session_id is None:
            return None
        d = self.delivery
        try:
            if clean:
                d.disarm()
            else:
                d.disarm_now()
            wait_for_backlog(self.injector, self.journal, d.device_serial, self.timeouts.backlog_s)
        except Exception as exc:  # the session ends anyway; say what could not be confirmed
            d.forget_configuration()
            log.warning("session end without a settled gun: %s", exc)
            return str(exc)
        d.refresh()
        return None

    def after_emergency_stop(self) -> None:
        """After STOP was sent from the caller's thread: make sure it holds, pause, let the user decide."""
        try:
            self.injector.stop()  # again, after any command that was in flight when STOP was pressed
        finally:
            self.delivery.forget_configuration()
            self.delivery.note_own_stop()  # its state change may still be on its way
            self.halted.clear()
        if allowed(self.state, Trigger.EMERGENCY_STOP):
            self.transition(Trigger.EMERGENCY_STOP)
        self.message = "emergency stop: the gun is halted and disarmed; resume, stop or abort"
        self.notice = Notice.of(NoticeCode.EMERGENCY_STOP)
        self.delivery.refresh()
