"""A point a shot was cut on gets what is left of it by volume, never a whole extra shot (invariant 4).

The gun sits behind a real pseudo-terminal; each fault strikes in the middle of a push, the worst
moment: the host dies (the gun's watchdog ends the shot PARTIAL), the cable is pulled (the same), or
the power fails (the gun reports the shot INTERRUPTED after the power-on). After the resume, the
practitioner's choice is recorded and the point ends at its target, within a shot's tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from session_bench import WAIT_S, Bench, answer_partials, bench_plan, point_step, wait_state

from firmware_protocol import DeviceState
from mesogun.injector import Injector
from mesogun.journal import DoseResult, PartialChoice, SqliteJournal
from mesogun.models import SessionPlan
from mesogun.session import InvalidTransition, PointStatus, SessionRunner, SessionState
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer

#: One point par point shot of 50 µl at 10 µl/s: a push of 5 s at this clock scale, so that a fault
#: struck once 10 µl are out cuts it even on a loaded machine (the gun's watchdog takes 0.5 s).
SHOT_UL = 50.0
CLOCK_SCALE = 1.0
TOLERANCE_UL = max(1.0, 0.05 * SHOT_UL)


class PtyBench(Bench):
    server: PtyServer

    def reconnect(self) -> Injector:
        """The application starting again on the same pty and journal."""
        self.injector = _open(self.server, self.journal)
        return self.injector


def _open(server: PtyServer, journal: SqliteJournal) -> Injector:
    return Injector.open(server.path, reopen=lambda: server.path, event_sink=journal, timeout_s=2.0)


@pytest.fixture
def pty_bench(tmp_path: Path) -> Iterator[PtyBench]:
    gun = SimulatedGun(tmp_path / "gun-journal.jsonl", clock_scale=CLOCK_SCALE)
    server = PtyServer(gun)
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    bench = PtyBench(None, gun, journal, _open(server, journal), [])
    bench.server = server
    try:
        yield bench
    finally:
        for runner in bench.runners:
            runner.close()
        bench.injector.close()
        journal.close()
        server.close()
        gun.close()


def _plan() -> SessionPlan:
    return bench_plan(
        point_step("GV20", volume_ul=SHOT_UL, flow_ul_s=10.0),
        point_step("EX-HN3", depth_mm=2.0, volume_ul=SHOT_UL, flow_ul_s=10.0),
    )


def _mid_push(bench: Bench, runner: SessionRunner) -> None:
    """Wait until the first point's shot is well under way (the plunger moved 10 µl, far from done)."""
    runner.wait_for(lambda s: s.armed and s.current_index == 0, WAIT_S)
    gun = bench.gun
    assert gun.wait_until(
        lambda: gun.hardware.syringe is not None and gun.hardware.syringe.travel_steps > 1_000, WAIT_S
    )
    assert gun.state is DeviceState.DELIVERING


def _check_point_volumes(bench: Bench, session_id: str) -> list[float]:
    """Every point ends at its target within a shot's tolerance, never above it: the µl per point."""
    delivered = bench.journal.delivered_per_point(session_id)
    volumes = [delivered[index][1] for index in range(2)]
    for volume_ul in volumes:
        assert volume_ul <= SHOT_UL + TOLERANCE_UL
        assert volume_ul == pytest.approx(SHOT_UL, abs=0.05)
    return volumes


def _check_remainder_shot(bench: Bench, session_id: str, first_cause: str) -> float:
    """The cut shot and its remainder shot at point 1 (the remainder commanded to the µl); the cut µl."""
    doses = [d for d in bench.journal.doses(session_id) if d.point_index == 0]
    assert [d.alarm for d in doses] == [first_cause, None]
    cut, remainder = doses
    assert 0 < cut.delivered_volume_ul < SHOT_UL
    assert remainder.result is DoseResult.COMPLETE
    assert remainder.commanded_volume_ul == pytest.approx(SHOT_UL - cut.delivered_volume_ul, abs=0.001)
    (decision,) = bench.journal.session(session_id).decisions
    assert (decision.point_index, decision.choice) == (0, PartialChoice.COMPLETE)
    assert decision.delivered_ul == pytest.approx(cut.delivered_volume_ul)
    assert decision.remainder_shot_ul == pytest.approx(remainder.commanded_volume_ul)
    assert decision.operator == "Dr Martin"
    return cut.delivered_volume_ul


def test_a_point_cut_when_the_host_dies_gets_only_its_remainder_after_resume(pty_bench: PtyBench) -> None:
    bench = pty_bench
    plan = _plan()
    runner = bench.ready_runner(plan, auto_trigger=True)
    runner.start().result(WAIT_S)
    _mid_push(bench, runner)
    session_id = runner.snapshot.session_id
    assert session_id is not None
    runner.close()  # the application dies: nothing disarms the gun, its watchdog ends the shot
    bench.injector.close()
    gun = bench.gun
    assert gun.wait_until(lambda: gun.state not in (DeviceState.ARMED, DeviceState.DELIVERING), WAIT_S)

    resumed = SessionRunner.resume_session(
        bench.journal, session_id, bench.reconnect(), plan=plan, auto_trigger=True
    )
    bench.runners.append(resumed)
    resumed.ready.result(WAIT_S)
    answered = answer_partials(resumed, PartialChoice.COMPLETE)
    resumed.resume().result(WAIT_S)
    final = wait_state(resumed, SessionState.COMPLETED, SessionState.ALARM)

    assert final.state is SessionState.COMPLETED
    cut_ul = _check_remainder_shot(bench, session_id, "watchdog")
    assert [pending.point_index for pending in answered] == [0]
    assert answered[0].remainder_ul == pytest.approx(SHOT_UL - cut_ul)
    _check_point_volumes(bench, session_id)
    assert bench.dose_event_numbers(session_id) == bench.true_event_numbers()


def test_a_point_cut_by_an_unplugged_cable_gets_only_its_remainder(pty_bench: PtyBench) -> None:
    bench = pty_bench
    runner = bench.ready_runner(_plan(), auto_trigger=True)
    answer_partials(runner, PartialChoice.COMPLETE)
    runner.start().result(WAIT_S)
    _mid_push(bench, runner)
    bench.server.unplug()
    gun = bench.gun
    assert gun.wait_until(lambda: gun.state not in (DeviceState.ARMED, DeviceState.DELIVERING), WAIT_S)
    bench.server.replug()

    # The gun's watchdog cut the shot: the session waits on that alarm (README), then on the choice.
    alarm = wait_state(runner, SessionState.ALARM, SessionState.COMPLETED)
    assert alarm.state is SessionState.ALARM and "WATCHDOG" in alarm.message
    runner.acknowledge_alarm().result(WAIT_S)
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    _check_remainder_shot(bench, final.session_id, "watchdog")
    _check_point_volumes(bench, final.session_id)
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_a_shot_cut_by_a_power_loss_is_a_dose_with_an_alarm_to_acknowledge(pty_bench: PtyBench) -> None:
    bench = pty_bench
    runner = bench.ready_runner(_plan(), auto_trigger=True)
    answer_partials(runner, PartialChoice.COMPLETE)
    runner.start().result(WAIT_S)
    _mid_push(bench, runner)
    bench.gun.power_cycle()

    alarm = wait_state(runner, SessionState.ALARM, SessionState.COMPLETED)
    assert alarm.state is SessionState.ALARM  # nobody saw that shot end: a person acknowledges it
    assert alarm.session_id is not None
    assert "POWER_LOSS" in alarm.message
    (cut,) = bench.journal.doses(alarm.session_id)
    assert (cut.result, cut.alarm) == (DoseResult.PARTIAL, "power_loss")
    assert 0 < cut.delivered_volume_ul < SHOT_UL
    assert alarm.points[0].delivered_ul == pytest.approx(cut.delivered_volume_ul)
    with pytest.raises(InvalidTransition):
        runner.resume().result(WAIT_S)  # not before the acknowledgement

    runner.acknowledge_alarm().result(WAIT_S)
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    _check_remainder_shot(bench, alarm.session_id, "power_loss")
    _check_point_volumes(bench, alarm.session_id)
    alarms = [(a.code, a.raised) for a in bench.journal.session(alarm.session_id).alarms]
    assert ("power_loss", True) in alarms and ("power_loss", False) in alarms
    assert bench.dose_event_numbers(alarm.session_id) == bench.true_event_numbers()


def test_a_power_loss_while_the_application_was_away_is_alarmed_at_the_resume(tmp_path: Path) -> None:
    # A 5 s watchdog: the gun is still pushing when the power fails, after the application died.
    gun = SimulatedGun(tmp_path / "gun-journal.jsonl", clock_scale=CLOCK_SCALE, watchdog_ms=5000)
    server = PtyServer(gun)
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    bench = PtyBench(None, gun, journal, _open(server, journal), [])
    bench.server = server
    try:
        plan = _plan()
        runner = bench.ready_runner(plan, auto_trigger=True)
        runner.start().result(WAIT_S)
        _mid_push(bench, runner)
        session_id = runner.snapshot.session_id
        assert session_id is not None
        runner.close()
        bench.injector.close()
        old_path = server.path
        gun.power_cycle()
        assert gun.wait_until(lambda: server.path != old_path, WAIT_S)  # the gun's port comes back

        resumed = SessionRunner.resume_session(
            journal, session_id, bench.reconnect(), plan=plan, auto_trigger=True
        )
        bench.runners.append(resumed)
        resumed.ready.result(WAIT_S)
        snapshot = resumed.snapshot
        assert snapshot.state is SessionState.ALARM
        (cut,) = journal.doses(session_id)
        assert cut.alarm == "power_loss" and cut.point_index == 0  # attributed by its configuration
        resumed.acknowledge_alarm().result(WAIT_S)
        answer_partials(resumed, PartialChoice.DONE)
        resumed.resume().result(WAIT_S)
        final = wait_state(resumed, SessionState.COMPLETED, SessionState.ALARM)
        assert final.state is SessionState.COMPLETED
        assert final.points[0].delivered_ul == pytest.approx(cut.delivered_volume_ul)  # ended as it was
        assert final.points[0].status is PointStatus.PARTIAL
        (decision,) = journal.session(session_id).decisions
        assert decision.choice is PartialChoice.DONE
    finally:
        for runner_ in bench.runners:
            runner_.close()
        bench.injector.close()
        journal.close()
        server.close()
        gun.close()
