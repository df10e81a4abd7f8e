"""Whole sessions on the simulated gun: the journal's doses are exactly the shots the gun delivered."""

from __future__ import annotations

import json
import threading

import pytest
from session_bench import (
    WAIT_S,
    Bench,
    answer_partials,
    bench_plan,
    done_count,
    nappage_step,
    point_step,
    wait_state,
)

from firmware_protocol import DeviceState
from mesogun.device_events import TelemetryBatch
from mesogun.journal import DoseResult, SessionStatus
from mesogun.models import PlanStep, Site, Technique
from mesogun.plans.identity import plan_content_hash
from mesogun.session import CommandRefusedError, PartialChoice, PointStatus, SessionState


def test_mesostress_completes_with_one_dose_per_point_as_the_gun_delivered(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM, SessionState.PAUSED)

    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert [p.status for p in final.points] == [PointStatus.DONE] * 10
    assert [p.shots for p in final.points] == [1] * 10
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()
    doses = bench.journal.doses(final.session_id)
    assert [d.point_index for d in doses] == list(range(10))
    record = bench.journal.session(final.session_id)
    assert record.status is SessionStatus.COMPLETED
    assert record.consent_given is True
    assert len(record.contraindications) == len(runner.plan.contraindications)
    assert final.delivered_ul == pytest.approx(800.0)
    assert dict(final.totals_ul)["Procaïne 2 %"] == pytest.approx(320.0)
    assert bench.gun.state is DeviceState.IDLE


def test_a_nappage_plan_completes_each_zone_at_its_volume_target(bench: Bench) -> None:
    runner = bench.ready_runner("mesolift", auto_trigger=True)
    runner.start().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM, SessionState.PAUSED)

    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()
    for point, progress in zip(runner.plan.points(), final.points, strict=True):
        assert progress.status is PointStatus.DONE
        assert point.target_met(progress.shots, progress.delivered_ul)
        # Never a shot beyond the target: the previous shots had not met it.
        assert not point.target_met(progress.shots - 1, progress.delivered_ul - point.volume_per_shot_ul)


def test_pause_disarms_between_shots_and_resume_goes_on_without_replaying(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 3, WAIT_S)
    runner.pause().result(WAIT_S)

    paused = runner.snapshot
    assert paused.state is SessionState.PAUSED
    assert not paused.armed
    assert bench.gun.state is DeviceState.IDLE  # no trigger press can deliver now
    shots_when_paused = len(bench.gun.truth.shots)
    assert shots_when_paused == sum(p.shots for p in paused.points)

    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert [p.shots for p in final.points] == [1] * 10
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_skip_needs_a_reason_and_is_recorded(bench: Bench) -> None:
    plan = bench_plan(
        point_step("GV20"),
        point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0),
        point_step("GV20", depth_mm=2.5),
    )
    runner = bench.ready_runner(plan)  # the practitioner's trigger: nothing fires by itself
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.armed and s.current_index == 0, WAIT_S)

    with pytest.raises(CommandRefusedError, match="reason"):
        runner.skip("  ").result(WAIT_S)
    runner.skip("patient moved").result(WAIT_S)
    snapshot = runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S)
    assert snapshot.points[0].status is PointStatus.SKIPPED

    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.current_index == 2 and s.armed, WAIT_S)
    bench.gun.pull_trigger()
    final = wait_state(runner, SessionState.COMPLETED)
    assert [p.status for p in final.points] == [PointStatus.SKIPPED, PointStatus.DONE, PointStatus.DONE]
    assert final.session_id is not None
    record = bench.journal.session(final.session_id)
    assert [(s.point_index, s.reason) for s in record.skips] == [(0, "patient moved")]
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_repeat_delivers_the_last_point_again_on_top_of_what_it_had(bench: Bench) -> None:
    plan = bench_plan(point_step("GV20", shots=2), point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0))
    runner = bench.ready_runner(plan)
    runner.start().result(WAIT_S)
    with pytest.raises(CommandRefusedError, match="nothing to repeat"):
        runner.repeat().result(WAIT_S)
    bench.gun.pull_trigger()
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S)

    runner.repeat().result(WAIT_S)
    repeating = runner.wait_for(lambda s: s.current_index == 0 and s.armed, WAIT_S)
    assert repeating.points[0].repeated
    bench.gun.pull_trigger()
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S)
    bench.gun.pull_trigger()

    final = wait_state(runner, SessionState.COMPLETED)
    assert [p.shots for p in final.points] == [4, 1]
    assert final.session_id is not None
    notes = bench.journal.session(final.session_id).notes
    site = Site.model_validate({"acupoint_code": "GV20"})
    assert [json.loads(note.text) for note in notes] == [
        {
            "remark": "repeated_point",
            "point_number": 1,
            "region": site.region,
            "laterality": site.laterality.value,
            "zone": None,
            "shots": 2,
            "volume_ul": 200.0,
        }
    ]
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_next_point_ends_a_started_point_as_partial(bench: Bench) -> None:
    plan = bench_plan(point_step("GV20", shots=3), point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0))
    runner = bench.ready_runner(plan)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.armed, WAIT_S)
    with pytest.raises(CommandRefusedError, match="skip it with a reason"):
        runner.next_point().result(WAIT_S)
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.points[0].shots == 1, WAIT_S)
    runner.next_point().result(WAIT_S)
    snapshot = runner.wait_for(lambda s: s.current_index == 1, WAIT_S)
    assert snapshot.points[0].status is PointStatus.PARTIAL
    assert snapshot.session_id is not None
    skips = bench.journal.session(snapshot.session_id).skips
    assert json.loads(skips[0].reason) == {
        "remark": "left_point_shots",
        "shots": 1,
        "volume_ul": 100.0,
        "target_shots": 3,
    }


def test_stop_is_a_clean_end_recorded_with_what_was_done(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 2, WAIT_S)
    runner.stop().result(WAIT_S)

    final = runner.snapshot
    assert final.state is SessionState.STOPPED
    assert final.current_index is None
    assert bench.gun.state is DeviceState.IDLE
    assert final.session_id is not None
    record = bench.journal.session(final.session_id)
    assert record.status is SessionStatus.ABORTED  # the journal's word for an end before the plan's end
    assert record.abort_reason is not None
    assert json.loads(record.abort_reason) == {
        "remark": "early_end",
        "practitioner": "Dr Martin",
        "points_done": sum(1 for p in final.points if p.status is PointStatus.DONE),
        "points_total": len(final.points),
    }
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()
    with pytest.raises(Exception, match="stopped"):
        runner.resume().result(WAIT_S)


def test_abort_needs_a_reason_and_closes_the_session_with_it(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 1, WAIT_S)
    with pytest.raises(CommandRefusedError, match="reason"):
        runner.abort("").result(WAIT_S)
    runner.abort("vasovagal malaise").result(WAIT_S)

    final = runner.snapshot
    assert final.state is SessionState.ABORTED
    assert bench.gun.state is DeviceState.IDLE
    assert final.session_id is not None
    record = bench.journal.session(final.session_id)
    assert record.status is SessionStatus.ABORTED
    assert record.abort_reason == "vasovagal malaise"
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_emergency_stop_halts_the_gun_and_pauses(bench: Bench) -> None:
    runner = bench.ready_runner("mesolift", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.delivered_ul > 0, WAIT_S)
    runner.emergency_stop().result(WAIT_S)

    snapshot = runner.snapshot
    assert snapshot.state is SessionState.PAUSED
    assert bench.gun.state is DeviceState.IDLE
    assert "emergency stop" in snapshot.message
    answer_partials(runner, PartialChoice.COMPLETE)  # the shot STOP cut is completed with what is left
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()


def test_a_held_trigger_nappage_is_stopped_at_its_target(realtime_bench: Bench) -> None:
    bench = realtime_bench
    nappage = nappage_step(burst_rate_per_s=5.0)
    runner = bench.ready_runner(bench_plan(nappage, point_step("GV20")))
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.armed and s.current_index == 0, WAIT_S)
    bench.gun.press_trigger()  # held: the gun fires at the burst rate until released or stopped
    moved_on = runner.wait_for(lambda s: s.current_index == 1, WAIT_S)
    bench.gun.release_trigger()

    assert moved_on.state is SessionState.RUNNING  # the runner's own stop is not an emergency
    runner.wait_for(lambda s: s.armed, WAIT_S)
    assert bench.gun.state is DeviceState.ARMED  # for the next point; the held press fired nothing more
    gun = bench.gun
    assert gun.wait_until(lambda: gun.acked_event_number >= gun.last_event_number, WAIT_S)
    assert moved_on.session_id is not None
    doses = bench.journal.doses(moved_on.session_id)
    assert [d.event_number for d in doses] == bench.true_event_numbers()
    # The target's five shots, no more: the gun was armed for five and disarmed itself after them.
    assert [d.result for d in doses] == [DoseResult.COMPLETE] * 5
    assert all(d.point_index == 0 for d in doses)


def test_a_held_burst_far_faster_than_the_host_still_ends_exactly_at_each_target(bench: Bench) -> None:
    # 40× clock and the fastest burst: a shot every few ms, so the host's disarm always comes late.
    nappage = nappage_step(burst_rate_per_s=9.0)
    runner = bench.ready_runner(bench_plan(nappage, nappage, point_step("GV20")))
    runner.start().result(WAIT_S)
    for index in (0, 1):
        runner.wait_for(lambda s, index=index: s.armed and s.current_index == index, WAIT_S)
        bench.gun.press_trigger()
        runner.wait_for(lambda s, index=index: s.current_index == index + 1, WAIT_S)
        bench.gun.release_trigger()
    snapshot = runner.wait_for(lambda s: s.armed and s.current_index == 2, WAIT_S)
    gun = bench.gun
    assert gun.wait_until(lambda: gun.acked_event_number >= gun.last_event_number, WAIT_S)
    assert snapshot.session_id is not None
    doses = bench.journal.doses(snapshot.session_id)
    assert [d.event_number for d in doses] == bench.true_event_numbers()
    assert [(d.point_index, d.result) for d in doses] == [(0, DoseResult.COMPLETE)] * 5 + [
        (1, DoseResult.COMPLETE)
    ] * 5


def test_a_paused_mesoperfusion_infuses_only_what_remains_after_resume(bench: Bench) -> None:
    infusion = PlanStep(
        site=Site.model_validate({"acupoint_code": "GV20"}),
        technique=Technique.MESOPERFUSION,
        depth_mm=3.0,
        volume_per_shot_ul=100.0,
        shots=1,
        flow_ul_s=5.0,  # 20 s of infusion at the real gun's pace
    )
    runner = bench.ready_runner(bench_plan(infusion), auto_trigger=True)
    pushing = threading.Event()
    plunger_at_start: list[float] = []

    def watch_plunger(batch: TelemetryBatch) -> None:
        if not plunger_at_start:
            plunger_at_start.append(batch.plunger_mm[0])
        elif max(batch.plunger_mm) > plunger_at_start[0] + 0.1:
            pushing.set()

    bench.injector.subscribe_telemetry(watch_plunger)
    bench.injector.configure_telemetry(100)
    runner.start().result(WAIT_S)
    assert pushing.wait(WAIT_S)  # the infusion is under way
    runner.pause().result(WAIT_S)  # a pause stops the infusion: it is one long shot

    paused = runner.snapshot
    assert paused.state is SessionState.PAUSED
    assert bench.gun.state is DeviceState.IDLE
    first = paused.points[0].delivered_ul
    assert 0.0 < first < 100.0

    answered = answer_partials(runner, PartialChoice.COMPLETE)
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert [pending.remainder_shot_ul for pending in answered] == [pytest.approx(100.0 - first, abs=0.001)]
    doses = bench.journal.doses(final.session_id)
    assert [d.result for d in doses] == [DoseResult.CANCELLED, DoseResult.COMPLETE]
    assert doses[1].commanded_volume_ul == pytest.approx(100.0 - first, abs=0.001)
    assert final.points[0].delivered_ul == pytest.approx(100.0, abs=1.0)


def test_the_session_records_the_content_hash_of_the_plan_it_runs(bench: Bench) -> None:
    plan = bench_plan(point_step("GV20", shots=1))
    runner = bench.ready_runner(plan)
    runner.start().result(WAIT_S)
    bench.gun.pull_trigger()
    final = wait_state(runner, SessionState.COMPLETED)

    assert final.session_id is not None
    record = bench.journal.session(final.session_id)
    assert record.plan_hash == plan_content_hash(plan)
    assert (record.plan_name, record.plan_version) == (plan.name, plan.version)
