"""The session runner: runs a session plan on a gun, point by point, and journals it.

Every public method queues its work for the runner's one worker thread and returns a Future at once,
so a GUI thread can call it; the worker is the one thread that commands the gun for the session
(the emergency stop aside).
Listeners get an immutable :class:`SessionSnapshot` after every change (on the worker thread: they
must return quickly). :meth:`SessionRunner.emergency_stop` does not queue: it sends STOP at once.

Progress always comes from the journal (the gun's shot events, stored durably and attributed to the
point by configuration id); a session resumed after a pause, a link loss or a crash of the
application starts at the first point whose target the journal does not show as met, and no command
is ever sent again to catch up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime

from mesogun.catalogue.contraindications import ScreeningQuestion
from mesogun.catalogue.library import Catalogue
from mesogun.device_events import DeviceEvent
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.journal import JournalStore, PartialChoice, SessionStatus
from mesogun.journal.pseudonym import validate_pseudonym
from mesogun.journal.records import SessionProduct, SessionRecord
from mesogun.journal.timefmt import utc_now
from mesogun.limits import LimitsLibrary, load_limits
from mesogun.link import ConnectionState
from mesogun.models import CocktailComponent, Ingredient, Product, SessionPlan
from mesogun.patients.history import JournalHistory, PatientHistory
from mesogun.patients.rhythm import RhythmCheck, next_due
from mesogun.session.acknowledgement import Acknowledgement
from mesogun.session.actor import Actor
from mesogun.session.admission import Admission, admit, readmit
from mesogun.session.delivery import Timeouts
from mesogun.session.errors import CommandRefusedError, NothingToResumeError, Refusal, SessionError
from mesogun.session.products import refuse_expired, syringe_contents
from mesogun.session.snapshot import SessionSnapshot
from mesogun.session.watch import DeviceWatch
from mesogun.session.worker import SessionWorker

log = logging.getLogger("mesogun.session")

SnapshotListener = Callable[[SessionSnapshot], None]


class SessionRunner:
    """One session of ``plan`` on ``injector``, journaled in ``journal``.

    ``products`` are the cocktail's products with the lot and expiry date of the vials loaded (an
    expired lot is refused here, with a clear message); ``auto_trigger`` makes the runner fire the
    gun itself like a foot pedal, instead of waiting for the practitioner's trigger; ``clock`` gives
    the time of consent, overrides and expiry checks (UTC); ``auto_acknowledgement`` is how the
    runner may acknowledge by itself the watchdog alarm the host's own absence caused, when it comes
    back: ``ON_RETURN`` for a session someone attends (the default), ``UNATTENDED`` for a run nobody
    attends that was explicitly allowed to, None when only a person may (the session halts on it).
    The injector must have been opened with the journal as its event sink, so every shot is stored
    before the runner hears of it.

    Before anything else the session is admitted (see :mod:`mesogun.session.admission`): each
    product resolved to its substances in the catalogue (refused if unknown and not declared, or a
    corticoid), the planned mg checked against the caps with the patient's doses of the last 24 h and
    7 days read from ``history`` (default: this journal), and the rhythm against the plan's course: a
    session too soon needs ``too_soon_reason``. ``weight_kg`` lowers the caps given in mg/kg.
    """

    def __init__(
        self,
        injector: Injector,
        journal: JournalStore,
        plan: SessionPlan,
        *,
        patient_pseudonym: str,
        practitioner: str,
        indication: str | None = None,
        limits: LimitsLibrary | None = None,
        products: Sequence[Product] = (),
        auto_trigger: bool = False,
        clock: Callable[[], datetime] = utc_now,
        timeouts: Timeouts | None = None,
        history: PatientHistory | None = None,
        catalogue: Catalogue | None = None,
        weight_kg: float | None = None,
        too_soon_reason: str | None = None,
        auto_acknowledgement: Acknowledgement | None = Acknowledgement.ON_RETURN,
    ) -> None:
        validate_pseudonym(patient_pseudonym)
        contents = syringe_contents(plan, products)
        refuse_expired(contents, clock().date())
        admission = admit(
            plan,
            contents,
            patient=patient_pseudonym,
            history=history or JournalHistory(journal, catalogue),
            now=clock(),
            catalogue=catalogue,
            weight_kg=weight_kg,
            too_soon_reason=too_soon_reason,
        )
        self._setup(
            injector,
            journal,
            plan,
            patient_pseudonym=patient_pseudonym,
            practitioner=practitioner,
            indication=indication or plan.indication,
            limits=limits or load_limits(),
            admission=admission,
            auto_trigger=auto_trigger,
            clock=clock,
            timeouts=timeouts or Timeouts(),
            resume=None,
            auto_acknowledgement=auto_acknowledgement,
        )

    @classmethod
    def resume_session(
        cls,
        journal: JournalStore,
        session_id: str,
        injector: Injector,
        *,
        plan: SessionPlan,
        practitioner: str | None = None,
        limits: LimitsLibrary | None = None,
        auto_trigger: bool = False,
        clock: Callable[[], datetime] = utc_now,
        timeouts: Timeouts | None = None,
        history: PatientHistory | None = None,
        catalogue: Catalogue | None = None,
        weight_kg: float | None = None,
        auto_acknowledgement: Acknowledgement | None = Acknowledgement.ON_RETURN,
    ) -> SessionRunner:
        """A runner for an open session of the journal, rebuilt from what the journal holds.

        The runner first waits until the journal holds every event the gun numbered (shots delivered
        while the application was away are stored by the link when it connects), then computes the
        progress, disarms the gun if a previous run left it armed, and waits PAUSED at the first
        point whose target is not met: call :meth:`resume` to go on. ``plan`` must be the plan the
        session was opened with (same name and version).
        """
        record = journal.session(session_id)
        if record.status is not SessionStatus.OPEN:
            raise NothingToResumeError(
                f"session {record.session_id} is {record.status.value}: nothing to resume",
                Refusal.NOT_OPEN,
                session=record.session_id,
                status=record.status.value,
            )
        if (record.plan_name, record.plan_version) != (plan.name, plan.version):
            raise SessionError(
                f"session {record.session_id} was run with plan {record.plan_name!r} version "
                f"{record.plan_version!r}, not {plan.name!r} version {plan.version!r}: give that plan",
                Refusal.OTHER_PLAN,
                session=record.session_id,
                plan=record.plan_name or "",
                version=record.plan_version or "",
            )
        admission = readmit(
            _contents_of(record),
            patient=record.patient_pseudonym,
            session_id=record.session_id,
            history=history or JournalHistory(journal, catalogue),
            now=clock(),
            catalogue=catalogue,
            weight_kg=weight_kg,
        )
        runner = cls.__new__(cls)
        runner._setup(
            injector,
            journal,
            plan,
            patient_pseudonym=record.patient_pseudonym,
            practitioner=practitioner or record.practitioner,
            indication=record.indication,
            limits=limits or load_limits(),
            admission=admission,
            auto_trigger=auto_trigger,
            clock=clock,
            timeouts=timeouts or Timeouts(),
            resume=record,
            auto_acknowledgement=auto_acknowledgement,
        )
        return runner

    def _setup(
        self,
        injector: Injector,
        journal: JournalStore,
        plan: SessionPlan,
        *,
        patient_pseudonym: str,
        practitioner: str,
        indication: str,
        limits: LimitsLibrary,
        admission: Admission,
        auto_trigger: bool,
        clock: Callable[[], datetime],
        timeouts: Timeouts,
        resume: SessionRecord | None,
        auto_acknowledgement: Acknowledgement | None,
    ) -> None:
        validate_pseudonym(patient_pseudonym)
        if not practitioner.strip():
            raise CommandRefusedError("the practitioner's name is required: it is recorded with every dose")
        self._injector = injector
        self._admission = admission
        self._halted = threading.Event()
        self._worker = SessionWorker(
            injector=injector,
            journal=journal,
            plan=plan,
            patient_pseudonym=patient_pseudonym,
            practitioner=practitioner.strip(),
            indication=indication,
            limits=limits,
            admission=admission,
            auto_trigger=auto_trigger,
            clock=clock,
            halted=self._halted,
            timeouts=timeouts,
        )
        self._worker.auto_acknowledgement = auto_acknowledgement
        if resume is not None:
            self._worker.delivery.session_id = resume.session_id
        self._listeners: list[SnapshotListener] = []
        self._cond = threading.Condition()
        self._snapshot = self._worker.snapshot()
        self._watch = DeviceWatch(self._worker)
        self._actor = Actor(
            "mesogun-session",
            on_tick=self._watch.tick,
            on_error=self._watch.on_error,
            after_each=self._publish,
        )
        self._actor.start()
        if resume is None:
            self._ready = self._actor.submit(self._worker.attach)
        else:
            self._ready = self._actor.submit(lambda: self._watch.resume_from_journal(resume))
        self._unsubscribe = [
            injector.subscribe_events(self._on_event),
            injector.subscribe_connection(self._on_connection),
        ]

    # ------------------------------------------------------------------ observing

    @property
    def ready(self) -> Future[None]:
        """Done once the runner knows where the gun stands (for a resumed session: progress rebuilt)."""
        return self._ready

    @property
    def snapshot(self) -> SessionSnapshot:
        """The latest snapshot."""
        with self._cond:
            return self._snapshot

    @property
    def plan(self) -> SessionPlan:
        """The plan this session runs."""
        return self._worker.plan

    @property
    def questions(self) -> tuple[ScreeningQuestion, ...]:
        """The contraindication questions of this session: from its plan, its products and its points."""
        return self._worker.questions

    @property
    def rhythm(self) -> RhythmCheck | None:
        """Where the patient stood in the plan's course when the session opened (None when resumed)."""
        return self._admission.rhythm

    @property
    def next_due(self) -> datetime | None:
        """When the patient's next session of this plan is due, from this session's start (or None)."""
        rhythm = self._admission.rhythm
        started = self.snapshot.session_id and self._worker.started_at
        if rhythm is None or not started:
            return None
        return next_due(self.plan, rhythm.earlier_sessions + 1, started)

    @property
    def session_id(self) -> str | None:
        """The journal's id of the session (None until the screening passed)."""
        return self.snapshot.session_id

    def subscribe(self, callback: SnapshotListener) -> Callable[[], None]:
        """Call ``callback(snapshot)`` after each change (worker thread); returns the unsubscribe call."""
        with self._cond:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._cond:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def wait_for(self, predicate: Callable[[SessionSnapshot], bool], timeout_s: float) -> SessionSnapshot:
        """Block until a snapshot satisfies ``predicate``; raises TimeoutError after ``timeout_s``."""
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self._snapshot), timeout_s):
                raise TimeoutError(
                    f"session not in the awaited state after {timeout_s:g} s: {self._snapshot}"
                )
            return self._snapshot

    def _publish(self) -> None:
        snapshot = self._worker.snapshot()
        with self._cond:
            if snapshot == self._snapshot:
                return
            self._snapshot = snapshot
            listeners = list(self._listeners)
            self._cond.notify_all()
        for listener in listeners:
            try:
                listener(snapshot)
            except Exception:
                log.exception("session listener failed")

    def _on_event(self, event: DeviceEvent) -> None:
        self._actor.submit(lambda: self._watch.on_event(event), with_future=False)

    def _on_connection(self, state: ConnectionState, detail: str) -> None:
        if state in (ConnectionState.RECONNECTING, ConnectionState.LOST):
            self._actor.submit(lambda: self._watch.on_link_down(detail or state.value), with_future=False)
        elif state is ConnectionState.CONNECTED:
            self._actor.submit(self._watch.on_link_up, with_future=False)

    # ------------------------------------------------------------------ commands (queued)

    def begin_screening(self) -> Future[None]:
        """Start the screening: consent and each contraindication question (see :attr:`questions`)."""
        return self._command(self._worker.begin_screening)

    def answer(
        self, contraindication_code: str, positive: bool, override_reason: str | None = None
    ) -> Future[None]:
        """Answer one contraindication; a yes to a relative one needs ``override_reason`` (its
        justification) to go on; a yes to an absolute one stops the session."""
        return self._command(lambda: self._worker.answer(contraindication_code, positive, override_reason))

    def give_consent(self) -> Future[None]:
        """Record the patient's informed consent (now)."""
        return self._command(self._worker.give_consent)

    def start(self) -> Future[None]:
        """Start delivering at the first point (after the screening passed)."""
        return self._command(self._worker.start)

    def pause(self) -> Future[None]:
        """Pause between shots: the gun is disarmed once the shot in progress ends."""
        return self._command(self._worker.pause)

    def resume(self) -> Future[None]:
        """Go on: configure and arm the current point again (a new command, never a replay)."""
        return self._command(self._worker.resume)

    def skip(self, reason: str) -> Future[None]:
        """Leave the current point, with a reason (recorded); it stays partial if it had shots."""
        return self._command(lambda: self._worker.skip(reason))

    def decide_partial(self, choice: PartialChoice, reason: str | None = None) -> Future[None]:
        """The practitioner's choice for the current point, left short by a cut shot (recorded).

        ``COMPLETE``: a shot of exactly what is left (then any whole shots); ``DONE``: end the point
        as it is; ``SKIP``: leave it, ``reason`` in words required. See ``snapshot.pending_partial``.
        """
        return self._command(lambda: self._worker.decide_partial(choice, reason))

    def repeat(self) -> Future[None]:
        """Deliver the last completed point's target again, on top of what it has (recorded)."""
        return self._command(self._worker.repeat)

    def next_point(self, reason: str | None = None) -> Future[None]:
        """End the current point as it is (it must have had shots; recorded) and go to the next one.

        ``reason``: the practitioner's words for leaving it partial, recorded as they are.
        """
        return self._command(lambda: self._worker.next_point(reason))

    def fire(self, point_index: int) -> Future[None]:
        """Fire from the computer (a foot pedal) on ``point_index`` if it is still current and armed.

        The shots the point still needs in one command (one shot, one infusion, or about a second of
        a burst); refused when another point became current in the meantime.
        """
        return self._command(lambda: self._worker.host_fire(point_index))

    def confirm_override(self, reason: str) -> Future[None]:
        """Confirm the pending soft-limit violations of the current point, with a reason (recorded)."""
        return self._command(lambda: self._worker.confirm_override(reason))

    def change_syringe(
        self,
        product_lots: Sequence[Product],
        capacity_ml: int,
        fill_ul: float,
        prime_ul: float | None = None,
    ) -> Future[None]:
        """A new syringe (paused): its lots are recorded, then it is declared to the gun (and primed)."""
        lots = tuple(product_lots)
        return self._command(lambda: self._worker.change_syringe(lots, capacity_ml, fill_ul, prime_ul))

    def acknowledge_alarm(
        self, by: str | None = None, how: Acknowledgement = Acknowledgement.OPERATOR
    ) -> Future[None]:
        """Acknowledge the alarm on the gun once its cause is fixed; the session is then PAUSED.

        The journal records who (``by``, default the practitioner) and how: a person, or an unattended
        run when the runner was made with ``auto_acknowledgement=Acknowledgement.UNATTENDED``.
        """
        return self._command(lambda: self._watch.acknowledge_alarm(by, how))

    def stop(self, reason: str | None = None) -> Future[None]:
        """Clean early end: disarm between shots, let the last shots reach the journal, close the session.

        ``reason``: the practitioner's words for ending with points left, recorded as they are.
        """
        return self._command(lambda: self._worker.stop(reason))

    def abort(self, reason: str) -> Future[None]:
        """End with a reason: disarm at once, close the session as aborted."""
        return self._command(lambda: self._worker.abort(reason))

    def emergency_stop(self) -> Future[None]:
        """Send STOP to the gun now (not queued), then pause the session once the worker is free."""
        self._halted.set()
        threading.Thread(target=self._send_stop, name="mesogun-emergency-stop", daemon=True).start()
        return self._command(self._worker.after_emergency_stop)

    def _command(self, job: Callable[[], None]) -> Future[None]:
        def run() -> None:
            self._worker.last_error = ""  # a new command: the previous refusal is history
            self._worker.failure = None
            job()

        return self._actor.submit(run)

    def _send_stop(self) -> None:
        try:
            self._injector.stop()
        except MesogunError as exc:
            log.error("emergency stop not confirmed by the gun: %s", exc)

    # ------------------------------------------------------------------ life cycle

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop listening and end the worker. An open session stays open in the journal (resumable)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._actor.shutdown(timeout_s)

    def __enter__(self) -> SessionRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _contents_of(record: SessionRecord) -> tuple[CocktailComponent, ...]:
    """The syringe's contents as the journal last recorded them (last syringe change, else the start)."""
    products: tuple[SessionProduct, ...] = (
        record.syringe_changes[-1].products if record.syringe_changes else record.products
    )
    return tuple(
        CocktailComponent(
            product=Product(
                name=p.name,
                concentration=p.concentration or "-",
                lot=p.lot,
                expiry=p.expiry,
                ingredients=tuple(
                    Ingredient(substance=i.substance, mg_per_ml=i.mg_per_ml) for i in p.ingredients
                ),
            ),
            proportion_pct=p.proportion_pct,
        )
        for p in products
    )


def latest_open_session(journal: JournalStore, patient: str | None = None) -> str | None:
    """The id of the most recently started session still open (for ``patient`` if given), or None."""
    open_ones = [s for s in journal.sessions(patient=patient) if s.status is SessionStatus.OPEN]
    if not open_ones:
        return None
    return max(open_ones, key=lambda s: s.started_at).session_id
