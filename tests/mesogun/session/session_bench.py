"""The session runner's test bench: a simulated gun on the in-process URL and a real journal file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.models import (
    Cocktail,
    CocktailComponent,
    Contraindication,
    PlanStep,
    Product,
    SessionPlan,
    Site,
    Technique,
)
from mesogun.plans import builtin_plan
from mesogun.session import PartialChoice, SessionRunner, SessionSnapshot, SessionState
from mesogun.simulation import SimulatedGunHandle

#: Makes a product of the Mésostress cocktail with a lot number and an expiry date.
LotMaker = Callable[[str, str, date], Product]

#: Physics of the simulated gun run this many times faster than real time (the watchdog does not).
CLOCK_SCALE = 40.0
#: Generous bound for waiting on a session condition on a loaded machine.
WAIT_S = 60.0


@dataclass
class Bench:
    """A simulated gun, its ground truth, the journal it reports to and the injector between them."""

    handle: SimulatedGunHandle
    gun: Any  # simulators.gun.SimulatedGun: control surface and ground truth
    journal: SqliteJournal
    injector: Injector
    runners: list[SessionRunner]

    def runner(self, plan: SessionPlan | str, **options: Any) -> SessionRunner:
        """A runner for ``plan`` (a plan or a built-in plan name), closed at the end of the test."""
        chosen = builtin_plan(plan) if isinstance(plan, str) else plan
        options.setdefault("patient_pseudonym", "PAT-0042")
        options.setdefault("practitioner", "Dr Martin")
        runner = SessionRunner(self.injector, self.journal, chosen, **options)
        self.runners.append(runner)
        return runner

    def ready_runner(
        self,
        plan: SessionPlan | str,
        *,
        fill_ul: float = 8000.0,
        lots: Sequence[Product] = (),
        **options: Any,
    ) -> SessionRunner:
        """A runner whose screening passed (consent, every answer no) with a 10 ml syringe loaded."""
        runner = self.runner(plan, **options)
        runner.begin_screening().result(WAIT_S)
        runner.give_consent().result(WAIT_S)
        for question in runner.questions:
            runner.answer(question.code, False).result(WAIT_S)
        runner.change_syringe(list(lots), 10, fill_ul).result(WAIT_S)
        assert runner.snapshot.state is SessionState.READY
        return runner

    def true_event_numbers(self) -> list[int]:
        """Event numbers of every shot the gun really delivered."""
        return [shot.event_number for shot in self.gun.truth.shots]

    def dose_event_numbers(self, session_id: str) -> list[int]:
        return [dose.event_number for dose in self.journal.doses(session_id)]


def wait_state(runner: SessionRunner, *states: SessionState, timeout_s: float = WAIT_S) -> SessionSnapshot:
    """The first snapshot in one of ``states``."""
    return runner.wait_for(lambda s: s.state in states, timeout_s)


def done_count(snapshot: SessionSnapshot) -> int:
    return sum(1 for p in snapshot.points if p.status.value == "done")


def bench_plan(*steps: PlanStep, name: str = "bench") -> SessionPlan:
    """A plan of ``steps`` with a one-product cocktail (Procaïne 2 %) and one screening question."""
    return SessionPlan(
        name=name,
        title="Bench plan",
        indication="bench test",
        version="1",
        cocktail=Cocktail(
            name="procaine",
            components=(
                CocktailComponent(product=Product(name="Procaïne", concentration="2 %"), proportion_pct=100),
            ),
            volume_loaded_ml=2.0,
        ),
        contraindications=(
            Contraindication(
                code="allergie", question_fr="Allergie ?", question_en="Allergy?", blocking=True
            ),
        ),
        steps=steps,
    )


def nappage_step(burst_rate_per_s: float = 9.0) -> PlanStep:
    """A nappage zone of 100 µl in 20 µl shots (five shots)."""
    return PlanStep(
        zone="Front",
        technique=Technique.NAPPAGE,
        depth_mm=1.0,
        volume_per_shot_ul=20.0,
        target_volume_ul=100.0,
        flow_ul_s=200.0,
        burst_rate_per_s=burst_rate_per_s,
    )


def point_step(
    code: str = "GV20",
    *,
    depth_mm: float = 3.0,
    volume_ul: float = 100.0,
    shots: int = 1,
    flow_ul_s: float = 20.0,
) -> PlanStep:
    """A point par point step on acupoint ``code``."""
    return PlanStep(
        site=Site.model_validate({"acupoint_code": code}),
        technique=Technique.POINT_PAR_POINT,
        depth_mm=depth_mm,
        volume_per_shot_ul=volume_ul,
        shots=shots,
        flow_ul_s=flow_ul_s,
    )


def reconnect(bench: Bench) -> Injector:
    """The application starting again: a new injector on the same gun and journal (events caught up)."""
    bench.injector = Injector.open(url=bench.handle.url, event_sink=bench.journal, timeout_s=2.0)
    return bench.injector


def answer_partials(runner: SessionRunner, choice: PartialChoice, reason: str | None = None) -> list[Any]:
    """Answer ``choice`` each time a cut shot leaves the current point short (as a practitioner would).

    Returns the list the questions answered are appended to (their ``PendingPartial``).
    """
    answered: list[Any] = []
    asked: list[tuple[Any, SessionState]] = []

    def on_snapshot(snapshot: SessionSnapshot) -> None:
        pending = snapshot.pending_partial
        if pending is None or snapshot.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return
        if asked and asked[-1] == (pending, snapshot.state):
            return
        asked.append((pending, snapshot.state))
        if not answered or answered[-1] != pending:
            answered.append(pending)
        runner.decide_partial(choice, reason)  # queued: returns at once; refused if an alarm came first

    runner.subscribe(on_snapshot)
    return answered
