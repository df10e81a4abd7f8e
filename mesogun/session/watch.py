"""What the gun reports during a session: shots, alarms, state changes, the link going and coming back.

:class:`DeviceWatch` handles the device events and connection changes the runner queues for the
worker thread, the alarms and their acknowledgement, resuming an open session from the journal, the
worker's idle ticks and the errors of its jobs. It acts on the :class:`SessionWorker`'s state.
"""

from __future__ import annotations

import logging
import time

from firmware_protocol import ALARM_PRIORITY, BLOCKING_ALARMS, AlarmCode, AlarmPriority, DeviceState
from firmware_protocol.enums import ShotResult, StateChangeReason
from mesogun.device_events import AlarmChanged, DeviceEvent, Shot, StateChanged
from mesogun.errors import (
    DeviceAlarmError,
    DeviceTimeoutError,
    LinkLostError,
    MesogunError,
    OutcomeUnknownError,
)
from mesogun.journal import PartialChoice, SessionRecord
from mesogun.link import ConnectionState
from mesogun.session.acknowledgement import Acknowledgement
from mesogun.session.alarm_detail import alarm_detail
from mesogun.session.device_sync import same_event_memory, wait_for_backlog
from mesogun.session.errors import CommandRefusedError, Refusal, ScreeningError
from mesogun.session.notices import Notice, NoticeCode
from mesogun.session.states import TERMINAL_STATES, InvalidTransition, SessionState, Trigger
from mesogun.session.worker import SessionWorker

log = logging.getLogger("mesogun.session")

_S = SessionState
_LINK_ERRORS = (LinkLostError, DeviceTimeoutError, OutcomeUnknownError)
#: Seconds between two attempts to resume after the link came back.
RESTORE_INTERVAL_S = 1.0


class DeviceWatch:
    """Reactions to the gun, on the worker thread, for the session held by ``worker``."""

    def __init__(self, worker: SessionWorker) -> None:
        self.w = worker

    # ------------------------------------------------------------------ device events

    def on_event(self, event: DeviceEvent) -> None:
        live = self.w.live_from is not None and event.event_number > self.w.live_from
        if isinstance(event, Shot):
            self._on_shot(event, live)
        elif isinstance(event, AlarmChanged):
            if event.raised:
                self.w.active_alarms.add(event.code)
            else:
                self.w.active_alarms.discard(event.code)
            if live and event.raised and event.priority >= AlarmPriority.MEDIUM:
                self._alarm(event.code, event.priority, alarm_detail("gun_event", event.event_number))
        elif isinstance(event, StateChanged) and live:
            self._on_state(event)

    def _on_shot(self, shot: Shot, live: bool) -> None:
        self.w.delivery.shot_reported(shot.config_id)
        self.w.delivery.refresh()
        if (
            live
            and shot.result is not ShotResult.COMPLETE
            and shot.cause not in (AlarmCode.NONE, AlarmCode.STOPPED)
        ):
            detail = alarm_detail(
                "shot",
                shot.event_number,
                shot.result.name.lower(),
                float(shot.delivered_volume_ul),
                float(shot.commanded_volume_ul),
            )
            self._alarm(shot.cause, ALARM_PRIORITY.get(shot.cause, AlarmPriority.HIGH), detail)
            return
        self.w.advance()

    def _on_state(self, event: StateChanged) -> None:
        if (
            event.new not in (DeviceState.IDLE, DeviceState.FAULT)
            or event.reason is StateChangeReason.COMMAND
        ):
            return
        d = self.w.delivery
        if d.config_id is not None:
            # Events arrive late: still armed with the configuration we gave, this one is history.
            status = self.w.injector.status()
            ours = status.config_id == d.config_id
            if ours and status.state in (DeviceState.ARMED, DeviceState.DELIVERING):
                return
        # The gun disarmed by itself (alarm, watchdog, its own STOP button, the shot limit we set): our
        # configuration is gone.
        d.forget_configuration()
        if event.reason is StateChangeReason.SHOT_LIMIT:
            # Every shot allowed was fired, yet the point is still open (a short shot): arm again for
            # what the journal says is left.
            if self.w.state is _S.RUNNING and not self.w.halted.is_set():
                self.w.advance()
            return
        stop_from_gun = event.reason is StateChangeReason.STOP and not d.stopped_by_us()
        if stop_from_gun and self.w.state is _S.RUNNING and not self.w.halted.is_set():
            self.w.transition(Trigger.EMERGENCY_STOP)
            self.w.message = "the gun was stopped: resume, stop or abort"
            self.w.notice = Notice.of(NoticeCode.GUN_STOPPED)

    def _alarm(self, code: AlarmCode, priority: AlarmPriority, detail: str) -> None:
        if self.w.session_id is None or self.w.state in TERMINAL_STATES:
            return
        point = self.w.delivery.current
        if code is AlarmCode.WATCHDOG and self.w.link_paused:
            # The gun disarmed itself because the link dropped: the session is already paused for it.
            if not self.w.watchdog_recorded:
                self.w.journal.record_alarm(
                    self.w.session_id,
                    code,
                    priority=priority,
                    point_index=point,
                    detail=detail.replace("gun_event", "link_lost", 1),
                    operator=self.w.practitioner,
                )
                self.w.watchdog_recorded = True
            return
        if self.w.state is not _S.ALARM:
            self.w.transition(Trigger.ALARM)
            self.w.link_paused = False
        self.w.delivery.disarm_now()
        self._read_alarms()
        # A watchdog raised while the host was away is in the journal already.
        recorded = code is AlarmCode.WATCHDOG and self.w.watchdog_recorded
        if code not in self.w.alarm_episode:
            self.w.alarm_episode.add(code)
            if not recorded:
                self.w.journal.record_alarm(
                    self.w.session_id,
                    code,
                    priority=priority,
                    point_index=point,
                    detail=detail,
                    operator=self.w.practitioner,
                )
        names = ", ".join(sorted(c.name for c in self.w.alarm_episode))
        self.w.message = f"ALARM {names} at {self.w.point_label(point)}: fix the cause, then acknowledge"
        self.w.notice = Notice.of(NoticeCode.ALARM, alarms=names, point=self.w.point_number(point))

    def _read_alarms(self) -> None:
        """The alarms the gun reports now (its alarm events may still be on their way)."""
        try:
            self.w.active_alarms = set(self.w.injector.status().alarms)
        except MesogunError as exc:
            log.info("alarms not read: %s", exc)

    def acknowledge_alarm(
        self, by: str | None = None, how: Acknowledgement = Acknowledgement.OPERATOR
    ) -> None:
        """Acknowledge on the gun and record who (``by``, default the practitioner) and ``how``."""
        self.w.check(Trigger.ACKNOWLEDGE)
        if how is not Acknowledgement.OPERATOR and self.w.auto_acknowledgement is not how:
            raise CommandRefusedError(
                f"this session may not acknowledge alarms by itself ({how.value}): a person acknowledges"
            )
        who = (by or "").strip() or self.w.practitioner
        remaining = self.w.injector.acknowledge_alarm()
        self.w.active_alarms = set(remaining)
        blocking = remaining & BLOCKING_ALARMS
        if blocking:
            names = ", ".join(sorted(c.name for c in blocking))
            raise CommandRefusedError(
                f"alarm {names} still present: fix its cause, then acknowledge again",
                Refusal.ALARM_STILL_PRESENT,
                alarms=names,
            )
        assert self.w.session_id is not None
        for code in sorted(self.w.alarm_episode):
            self.w.journal.record_alarm(
                self.w.session_id,
                code,
                raised=False,
                point_index=self.w.delivery.current,
                detail=how.value,
                operator=who,
            )
        self.w.alarm_episode.clear()
        self.w.watchdog_recorded = False
        self.w.delivery.forget_configuration()
        self.w.transition(Trigger.ACKNOWLEDGE)
        self.w.delivery.refresh()
        self.w.message = "alarm acknowledged: resume when ready"
        self.w.notice = Notice.of(NoticeCode.ACKNOWLEDGED)

    def _power_loss_to_acknowledge(self) -> bool:
        """Raise the alarm of a shot a power loss cut that nobody acknowledged yet; True if there is one.

        The interrupted shot may have reached the journal while the application was away, or while
        the link was down (then before the runner hears of it): the journal says which.
        """
        session_id = self.w.session_id
        if session_id is None:
            return False
        code = AlarmCode.POWER_LOSS.name.lower()
        cut = [dose for dose in self.w.journal.doses(session_id) if dose.alarm == code]
        if not cut:
            return False
        record = self.w.journal.session(session_id)
        acknowledged = max((a.seq for a in record.alarms if a.code == code and not a.raised), default=0)
        pending = [dose for dose in cut if dose.seq > acknowledged]
        if not pending:
            return False
        dose = pending[-1]
        self._alarm(
            AlarmCode.POWER_LOSS,
            ALARM_PRIORITY[AlarmCode.POWER_LOSS],
            alarm_detail(
                "shot", dose.event_number, "interrupted", dose.delivered_volume_ul, dose.commanded_volume_ul
            ),
        )
        return True

    # ------------------------------------------------------------------ the link

    def on_link_down(self, detail: str) -> None:
        self.w.link_down = True
        self.w.delivery.forget_configuration()
        if self.w.state is _S.RUNNING:
            self.w.transition(Trigger.LINK_LOST)
            self.w.link_paused = True
            self.w.message = f"link lost ({detail}): paused; the session resumes when the gun is back"
            self.w.notice = Notice.of(NoticeCode.LINK_LOST)

    def on_link_up(self) -> None:
        self.w.link_down = False
        if self.w.link_paused and self.w.state is _S.PAUSED:
            self._restore()

    def _restore(self) -> None:
        """Back from a link loss: catch up with the gun's events, then configure and arm again."""
        self.w.next_restore_s = time.monotonic() + RESTORE_INTERVAL_S
        status = wait_for_backlog(
            self.w.injector, self.w.journal, self.w.delivery.device_serial, self.w.timeouts.backlog_s
        )
        self.w.delivery.refresh()  # what happened while the link was down is in the journal now
        self._clear_own_watchdog(status.alarms)
        if self._power_loss_to_acknowledge():
            return
        status = self.w.injector.status()
        blocking = status.alarms & BLOCKING_ALARMS
        if blocking:
            self.w.link_paused = False  # back: what holds the session now is the alarm, not the link
            for code in sorted(blocking):
                self._alarm(code, ALARM_PRIORITY[code], alarm_detail("found_on_return"))
            return
        if status.state is DeviceState.ARMED:
            self.w.injector.disarm()  # armed with a configuration the runner no longer vouches for
        self.w.link_paused = False
        self.w.transition(Trigger.LINK_RESTORED)
        self.w.message = "link back: running again"
        self.w.notice = Notice.of(NoticeCode.LINK_BACK)
        self.w.advance()

    def _clear_own_watchdog(self, alarms: frozenset[AlarmCode]) -> None:
        """A WATCHDOG alarm caused by the host's own absence: recorded as raised (when its event was not
        heard live), then acknowledged on return, recorded as such, when this session may acknowledge
        by itself; otherwise it stays, and the session halts on it until a person acknowledges."""
        if AlarmCode.WATCHDOG not in alarms or (alarms & BLOCKING_ALARMS) - {AlarmCode.WATCHDOG}:
            return
        how = self.w.auto_acknowledgement
        point = self.w.delivery.current
        session_id = self.w.session_id
        if session_id is not None and not self.w.watchdog_recorded:
            self.w.journal.record_alarm(
                session_id,
                AlarmCode.WATCHDOG,
                point_index=point,
                detail=alarm_detail("host_away"),
                operator=self.w.practitioner,
            )
            self.w.watchdog_recorded = True
        if how is None:
            return  # the caller finds it blocking and halts the session on it
        self.w.injector.acknowledge_alarm(AlarmCode.WATCHDOG)
        self.w.active_alarms.discard(AlarmCode.WATCHDOG)
        self.w.watchdog_recorded = False
        if session_id is not None:
            self.w.journal.record_alarm(
                session_id,
                AlarmCode.WATCHDOG,
                raised=False,
                point_index=point,
                detail=how.value,
                operator=self.w.practitioner,
            )

    # ------------------------------------------------------------------ resume from the journal

    def resume_from_journal(self, record: SessionRecord) -> None:
        """Rebuild progress from the journal (after the gun's backlog is in) and wait, PAUSED."""
        d = self.w.delivery
        d.skipped = {skip.point_index for skip in record.skips}
        d.settled = {dec.point_index for dec in record.decisions if dec.choice is PartialChoice.DONE}
        d.completing = {
            dec.point_index: dec.delivered_ul
            for dec in record.decisions
            if dec.choice is PartialChoice.COMPLETE
        }
        answers = [(a.code, a.answer) for a in record.contraindications]
        self.w.screening.restore(answers, record.consent_at, self.w.clock())
        d.device_serial = self.w.injector.info.serial_number
        self.w.transition(Trigger.RESUME_SESSION)
        status = self.w.injector.status()
        if status.state in (DeviceState.ARMED, DeviceState.DELIVERING):
            d.armed = True  # armed by the previous run: disarm between shots, never fire
            d.disarm()
        same_event_memory(self.w.injector.status().last_event_number, self.w.journal, d.device_serial)
        status = wait_for_backlog(self.w.injector, self.w.journal, d.device_serial, self.w.timeouts.backlog_s)
        self.w.gun_refusal = ""
        self.w.live_from = status.last_event_number
        self.w.active_alarms = set(status.alarms)
        # A watchdog recorded raised by an earlier run and not acknowledged since is the same alarm.
        watchdog_rows = [a for a in record.alarms if a.code == AlarmCode.WATCHDOG.name.lower()]
        self.w.watchdog_recorded = bool(watchdog_rows) and watchdog_rows[-1].raised
        self._clear_own_watchdog(status.alarms)
        d.refresh()
        d.current = d.open_point()
        blocking = self.w.active_alarms & BLOCKING_ALARMS
        for code in sorted(blocking):
            self._alarm(code, ALARM_PRIORITY[code], alarm_detail("found_on_resume"))
        self._power_loss_to_acknowledge()
        if d.current is None and self.w.state is _S.PAUSED:
            self.w.finish()
            return
        if self.w.state is _S.PAUSED:
            self.w.message = (
                f"session {self.w.session_id} resumed from the journal at {self.w.point_label(d.current)}"
            )
            self.w.notice = Notice.of(
                NoticeCode.RESUMED_FROM_JOURNAL,
                session=self.w.session_id or "",
                point=self.w.point_number(d.current),
            )

    # ------------------------------------------------------------------ ticks and errors

    def tick(self) -> None:
        d = self.w.delivery
        if self.w.state is _S.RUNNING and d.stalled():
            # Shots fired and not all heard of: once the gun is done and the journal holds every
            # event it numbered, the journal says what was delivered (never fire on a guess).
            wait_for_backlog(self.w.injector, self.w.journal, d.device_serial, self.w.timeouts.backlog_s)
            d.outstanding = 0
            self.w.advance()
        elif (
            self.w.state is _S.PAUSED
            and self.w.link_paused
            and not self.w.link_down
            and time.monotonic() >= self.w.next_restore_s
            and self.w.injector.connection_state is ConnectionState.CONNECTED
        ):
            self._restore()

    def on_error(self, exc: BaseException) -> None:
        """Every exception of a job: shown; link trouble pauses, alarms alarm, other failures pause."""
        self.w.last_error = str(exc)
        self.w.failure = exc
        d = self.w.delivery
        if isinstance(exc, _LINK_ERRORS):
            d.forget_configuration()
            self.w.next_restore_s = time.monotonic() + RESTORE_INTERVAL_S
            if self.w.state is _S.RUNNING:
                self.w.transition(Trigger.LINK_LOST)
                self.w.link_paused = True
                self.w.message = (
                    f"link trouble: paused; the session resumes when the gun answers again ({exc})"
                )
                self.w.notice = Notice.of(NoticeCode.LINK_LOST)
            return
        if isinstance(exc, DeviceAlarmError):
            for code in sorted(exc.alarms & BLOCKING_ALARMS):
                self._guarded_alarm(code)
            return
        if isinstance(exc, CommandRefusedError | ScreeningError | InvalidTransition):
            return  # a refused command changes nothing
        if self.w.state is _S.RUNNING:
            d.disarm_now()
            self.w.transition(Trigger.PAUSE)
            self.w.message = f"paused after an error: {exc}"
            self.w.notice = Notice.of(NoticeCode.PAUSED_AFTER_ERROR)

    def _guarded_alarm(self, code: AlarmCode) -> None:
        try:
            self._alarm(code, ALARM_PRIORITY[code], alarm_detail("command_refused"))
        except Exception:
            log.exception("could not record alarm %s", code.name)
