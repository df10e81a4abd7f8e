"""The GUI's door to the session runner: commands that return at once, snapshots as queued signals.

``SessionBridge`` lives on the GUI thread and holds the current :class:`SessionRunner` (one at a time).
The runner's snapshots arrive on its worker thread and the results of its Futures on whichever thread
completes them; both are re-emitted through signals, which Qt queues to the GUI thread, so no widget
is ever touched from another thread. Starting a session chains the runner's own steps (screening,
consent, answers, syringe, start) one after the other, each only once the previous one succeeded.

Opening a runner reads the patient's history (with a clinic store, every room's sessions and doses
over the network, up to its connect timeout: the too-soon check and the caps in mg) and so runs on
the bridge's own opening thread, never on the GUI thread; its outcome comes back as a callback.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from gui.worker import CallWorker
from mesogun.clinic.reader import desk_history
from mesogun.injector import Injector
from mesogun.journal import JournalStore, PartialChoice
from mesogun.journal.timefmt import utc_now
from mesogun.models import Product, SessionPlan
from mesogun.session import TERMINAL_STATES, SessionRunner, SessionSnapshot, SessionState, Timeouts, Trigger
from mesogun.session.states import allowed

#: Longest wait for the runner's worker to end when the window closes (s).
CLOSE_TIMEOUT_S = 5.0

Step = Callable[[SessionRunner], "Future[None]"]


@dataclass(frozen=True)
class ScreeningChoice:
    """The answer to one contraindication question; ``override_reason`` justifies a yes to a relative one."""

    code: str
    positive: bool
    override_reason: str | None = None


@dataclass(frozen=True)
class SyringeFill:
    """The syringe loaded in the gun: its capacity (ml) and the volume drawn into it (µl)."""

    capacity_ml: int
    fill_ul: float


@dataclass(frozen=True)
class SessionRequest:
    """Everything the setup screen collected to open and start a session."""

    plan: SessionPlan
    patient_pseudonym: str
    practitioner: str
    indication: str
    products: tuple[Product, ...]
    syringe: SyringeFill
    consent: bool
    answers: tuple[ScreeningChoice, ...]
    #: why the session goes on although it comes too soon in its course (recorded)
    too_soon_reason: str | None = None
    #: the patient's weight (kg), when given: caps in mg/kg apply
    weight_kg: float | None = None


class SessionBridge(QObject):
    """Non-blocking access to the session runner for the GUI thread.

    Signals (all delivered on the GUI thread): ``snapshot_changed(SessionSnapshot)``,
    ``command_failed(operation, exception)``, ``session_ended(session_id, SessionState)`` once the
    session reaches a terminal state, ``runner_changed()`` when a runner is attached or released.
    """

    snapshot_changed = Signal(object)
    command_failed = Signal(str, object)
    command_done = Signal(str)
    session_ended = Signal(str, object)
    runner_changed = Signal()
    # From runner threads: (runner token, snapshot) and (runner token, operation, exception or None).
    _snapshot_from_runner = Signal(int, object)
    _future_done = Signal(int, str, object)

    def __init__(
        self,
        journal: JournalStore,
        *,
        clock: Callable[[], datetime] = utc_now,
        timeouts: Timeouts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._clock = clock
        self._timeouts = timeouts
        self._tokens = itertools.count(1)
        self._token = 0
        self._runner: SessionRunner | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._snapshot: SessionSnapshot | None = None
        self._ended_reported = False
        self._snapshot_from_runner.connect(self._on_snapshot)
        self._future_done.connect(self._on_future_done)
        self._after: dict[tuple[int, str], Callable[[], None]] = {}
        self._regardless: set[tuple[int, str]] = set()
        # Opening a runner reads the patient's history, possibly from the clinic over the network.
        self._opener = CallWorker("gui-session-open", self)
        self._openings = itertools.count(1)
        self._opening = 0  # the opening under way (0: none); a later one or a release voids it

    # ----------------------------------------------------------------- observation
    @property
    def runner(self) -> SessionRunner | None:
        """The runner of the session shown (None before the first session)."""
        return self._runner

    @property
    def plan(self) -> SessionPlan | None:
        """The plan of the session shown."""
        return self._runner.plan if self._runner is not None else None

    @property
    def snapshot(self) -> SessionSnapshot | None:
        """The latest snapshot received on the GUI thread."""
        return self._snapshot

    @property
    def active(self) -> bool:
        """True while a session is attached and not ended (closing the window must ask first)."""
        snapshot = self._snapshot
        return self._runner is not None and (snapshot is None or snapshot.state not in TERMINAL_STATES)

    # ----------------------------------------------------------------- starting
    @property
    def opening(self) -> bool:
        """True while a session is being opened (the patient's history read), before it is attached."""
        return self._opening != 0

    def start_new(
        self,
        injector: Injector,
        request: SessionRequest,
        *,
        on_refused: Callable[[BaseException], None],
        on_started: Callable[[], None] | None = None,
    ) -> None:
        """Open a session for ``request`` on ``injector`` and start delivering at its first point.

        Returns at once: the runner is opened on the opening thread (reading the patient's history,
        every room's when a clinic store is set), then attached and started on the GUI thread
        (``on_started``). What the runner refuses before it starts (an expired lot, a bad pseudonym,
        a product not in the cocktail or refused by the catalogue, a cap in mg passed with the
        patient's earlier doses, a session too soon without ``too_soon_reason``) goes to
        ``on_refused`` on the GUI thread; the steps that talk to the gun report through
        ``command_failed``.
        """
        journal, clock, timeouts = self._journal, self._clock, self._timeouts

        def build() -> SessionRunner:
            return SessionRunner(
                injector,
                journal,
                request.plan,
                patient_pseudonym=request.patient_pseudonym,
                practitioner=request.practitioner,
                indication=request.indication or None,
                products=request.products,
                clock=clock,
                timeouts=timeouts,
                too_soon_reason=request.too_soon_reason,
                weight_kg=request.weight_kg,
                history=desk_history(journal),  # every room's sessions when a clinic store is set
            )

        self._open(build, lambda runner: self._begin(runner, request), on_refused, on_started)

    def _open(
        self,
        build: Callable[[], SessionRunner],
        begin: Callable[[SessionRunner], None],
        on_refused: Callable[[BaseException], None],
        on_started: Callable[[], None] | None,
    ) -> None:
        """``build`` a runner on the opening thread, then ``begin`` it on the GUI thread."""
        token = self._opening = next(self._openings)

        def open_runner() -> SessionRunner | None:
            runner = build()
            if self._opening != token:  # let go of meanwhile (window closed, another session)
                runner.close(CLOSE_TIMEOUT_S)
                return None
            return runner

        def opened(runner: SessionRunner | None) -> None:
            if runner is None:
                return
            if self._opening != token:
                _close_in_background(runner)
                return
            self._opening = 0
            begin(runner)
            if on_started is not None:
                on_started()

        def refused(error: BaseException) -> None:
            if self._opening == token:
                self._opening = 0
                on_refused(error)

        self._opener.submit(open_runner, opened, refused)

    def _begin(self, runner: SessionRunner, request: SessionRequest) -> None:
        """Attach a new runner and chain its steps up to the first point armed."""
        self._attach(runner)
        steps: list[tuple[str, Step]] = [
            ("begin_screening", lambda r: r.begin_screening()),
        ]
        if request.consent:
            steps.append(("give_consent", lambda r: r.give_consent()))
        steps.extend(("answer", _answer_step(choice)) for choice in request.answers)
        syringe = request.syringe
        products = request.products
        steps.append(
            (
                "change_syringe",
                lambda r: r.change_syringe(products, syringe.capacity_ml, syringe.fill_ul),
            )
        )
        steps.append(("start", lambda r: r.start()))
        self._chain(steps)

    def resume_open(
        self,
        injector: Injector,
        session_id: str,
        plan: SessionPlan,
        practitioner: str | None = None,
        *,
        on_refused: Callable[[BaseException], None],
        on_started: Callable[[], None] | None = None,
    ) -> None:
        """Take up an open session of the journal; it waits PAUSED where the journal says, until resumed.

        Returns at once, like :meth:`start_new`: the patient's history is read on the opening thread;
        a refusal goes to ``on_refused``, and ``on_started`` runs once the runner is attached.
        """
        journal, clock, timeouts = self._journal, self._clock, self._timeouts

        def build() -> SessionRunner:
            return SessionRunner.resume_session(
                journal,
                session_id,
                injector,
                plan=plan,
                practitioner=practitioner,
                clock=clock,
                timeouts=timeouts,
                history=desk_history(journal),
            )

        def begin(runner: SessionRunner) -> None:
            self._attach(runner)
            self._watch("resume_session", runner.ready)

        self._open(build, begin, on_refused, on_started)

    # ----------------------------------------------------------------- commands (return at once)
    def pause(self) -> None:
        """Pause between shots (the gun is disarmed once the shot in progress ends)."""
        self._submit("pause", lambda r: r.pause())

    def resume(self) -> None:
        """Go on at the current point (configured and armed again)."""
        self._submit("resume", lambda r: r.resume())

    def start(self) -> None:
        """Start delivering (a session READY, e.g. when the first start was refused)."""
        self._submit("start", lambda r: r.start())

    def skip(self, reason: str) -> None:
        """Leave the current point with ``reason`` (recorded)."""
        self._submit("skip", lambda r: r.skip(reason))

    def repeat(self) -> None:
        """Deliver the last completed point's target again."""
        self._submit("repeat", lambda r: r.repeat())

    def next_point(self, reason: str | None = None) -> None:
        """End the current point as it is (it had shots) and go to the next one; ``reason`` recorded."""
        self._submit("next_point", lambda r: r.next_point(reason))

    def decide_partial(self, choice: PartialChoice, reason: str | None = None) -> None:
        """The choice for the current point, left short by a cut shot (recorded)."""
        self._submit("decide_partial", lambda r: r.decide_partial(choice, reason))

    def confirm_override(self, reason: str) -> None:
        """Confirm the pending soft-limit violations of the current point with ``reason``."""
        self._submit("confirm_override", lambda r: r.confirm_override(reason))

    def fire(self, point_index: int) -> None:
        """Fire from the computer (foot pedal) on ``point_index`` if it is still current and armed."""
        self._submit("fire", lambda r: r.fire(point_index))

    def acknowledge_alarm(self, *, then_resume: bool = True) -> None:
        """Acknowledge the alarm through the runner (recorded); the session goes on once it is accepted."""
        if then_resume:
            self._after[(self._token, "acknowledge_alarm")] = self.resume
        self._submit("acknowledge_alarm", lambda r: r.acknowledge_alarm())

    def change_syringe(
        self, products: Sequence[Product], capacity_ml: int, fill_ul: float, prime_ul: float | None = None
    ) -> None:
        """A new syringe (session paused): its lots are recorded, then it is declared to the gun."""
        lots = tuple(products)
        self._submit("change_syringe", lambda r: r.change_syringe(lots, capacity_ml, fill_ul, prime_ul))

    def stop(self, reason: str | None = None) -> None:
        """Clean early end: disarm between shots, close the session; ``reason`` recorded."""
        self._submit("stop", lambda r: r.stop(reason))

    def abort(self, reason: str) -> None:
        """End with ``reason``: disarm at once, close the session as aborted."""
        self._submit("abort", lambda r: r.abort(reason))

    def emergency_stop(self) -> None:
        """STOP to the gun now (not queued), then the session pauses (see the runner's states)."""
        self._submit("emergency_stop", lambda r: r.emergency_stop())

    def then(self, operation: str, action: Callable[[], None], *, whatever_the_outcome: bool = False) -> None:
        """Run ``action`` (GUI thread) once the next ``operation`` succeeds (or ends in any way)."""
        self._after[(self._token, operation)] = action
        if whatever_the_outcome:
            self._regardless.add((self._token, operation))

    # ----------------------------------------------------------------- leaving a session
    def leave_then(self, action: Callable[[], None]) -> None:
        """Pause a running session (the gun disarmed between shots), let go of its runner, then
        ``action``. The session stays open in the journal, to be resumed; if the gun refuses the pause,
        leaving goes on all the same (the gun disarms itself once the link closes)."""
        snapshot = self._snapshot
        if self.active and snapshot is not None and snapshot.state is SessionState.RUNNING:
            self.then("pause", lambda: self._release_then(action), whatever_the_outcome=True)
            self.pause()
            return
        self._release_then(action)

    def end_then(self, action: Callable[[], None]) -> None:
        """End the session cleanly (stop) and let go of its runner, then ``action``; a session that
        cannot be stopped in its state (not started yet) is left as :meth:`leave_then` does."""
        snapshot = self._snapshot
        if snapshot is not None and allowed(snapshot.state, Trigger.STOP):
            self.then("stop", lambda: self._release_then(action), whatever_the_outcome=True)
            self.stop()
            return
        self.leave_then(action)

    def _release_then(self, action: Callable[[], None]) -> None:
        self.release()
        action()

    # ----------------------------------------------------------------- life cycle
    def release(self) -> None:
        """Let go of the runner: stop listening, end its worker (in the background); the journal keeps
        an open session open, so it can be resumed. A session being opened is let go of too."""
        self._opening = 0
        runner = self._runner
        if runner is None:
            return
        self._detach()
        _close_in_background(runner)
        self.runner_changed.emit()

    def shutdown(self) -> None:
        """For application exit: end the runner's worker now (waits at most ``CLOSE_TIMEOUT_S``); a
        session being opened is let go of (its runner closed on the opening thread once it is built)."""
        self._opening = 0
        self._opener.shutdown(wait=False)
        runner = self._runner
        if runner is None:
            return
        self._detach()
        runner.close(CLOSE_TIMEOUT_S)

    # ----------------------------------------------------------------- internals
    def _attach(self, runner: SessionRunner) -> None:
        if self._runner is not None:
            self.release()
        self._token = next(self._tokens)
        token = self._token
        self._runner = runner
        self._snapshot = runner.snapshot
        self._ended_reported = False
        self._unsubscribe = runner.subscribe(
            lambda snapshot: self._snapshot_from_runner.emit(token, snapshot)
        )
        self.runner_changed.emit()
        self.snapshot_changed.emit(self._snapshot)

    def _detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._unsubscribe = None
        self._runner = None
        self._token = next(self._tokens)  # late signals of the old runner are ignored
        self._after.clear()
        self._regardless.clear()

    def _submit(self, operation: str, command: Step) -> None:
        runner = self._runner
        if runner is None:
            self.command_failed.emit(operation, RuntimeError("no session"))
            return
        self._watch(operation, command(runner))

    def _watch(self, operation: str, future: Future[None]) -> None:
        token = self._token

        def done(finished: Future[None]) -> None:
            try:
                error = finished.exception()
            except CancelledError as exc:
                error = exc
            self._future_done.emit(token, operation, error)

        future.add_done_callback(done)

    def _chain(self, steps: list[tuple[str, Step]]) -> None:
        """Run ``steps`` one after the other; the first failure ends the chain (and is reported)."""
        if not steps:
            return
        (operation, step), rest = steps[0], steps[1:]
        if rest:
            self._after[(self._token, operation)] = lambda: self._chain(rest)
        self._submit(operation, step)

    def _on_snapshot(self, token: int, snapshot: SessionSnapshot) -> None:
        if token != self._token:
            return
        self._snapshot = snapshot
        self.snapshot_changed.emit(snapshot)
        if snapshot.state in TERMINAL_STATES and not self._ended_reported:
            self._ended_reported = True
            self.session_ended.emit(snapshot.session_id or "", snapshot.state)

    def _on_future_done(self, token: int, operation: str, error: object) -> None:
        if token != self._token:
            return
        action = self._after.pop((token, operation), None)
        regardless = (token, operation) in self._regardless
        self._regardless.discard((token, operation))
        if isinstance(error, BaseException):
            self.command_failed.emit(operation, error)
            if action is not None and regardless:
                action()
            return
        self.command_done.emit(operation)
        if action is not None:
            action()


def _close_in_background(runner: SessionRunner) -> None:
    closing = threading.Thread(
        target=runner.close, args=(CLOSE_TIMEOUT_S,), name="gui-session-close", daemon=True
    )
    closing.start()


def _answer_step(choice: ScreeningChoice) -> Step:
    return lambda runner: runner.answer(choice.code, choice.positive, choice.override_reason)
