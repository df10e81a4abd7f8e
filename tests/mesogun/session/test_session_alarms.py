"""Alarms, syringe changes and link losses in the middle of a session."""

from __future__ import annotations

from datetime import date

import pytest
from session_bench import WAIT_S, Bench, LotMaker, answer_partials, done_count, wait_state

from firmware_protocol import AlarmCode, DeviceState
from mesogun.journal import DoseResult
from mesogun.session import CommandRefusedError, PartialChoice, PointStatus, SessionState
from mesogun.session.alarm_detail import detail_parts


def test_occlusion_alarms_then_acknowledged_paused_resumed_and_completed(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 2, WAIT_S)
    bench.gun.set_occlusion(True)

    alarm = wait_state(runner, SessionState.ALARM)
    assert AlarmCode.OCCLUSION in alarm.active_alarms
    assert "OCCLUSION" in alarm.message
    assert bench.gun.state is not DeviceState.ARMED
    with pytest.raises(CommandRefusedError, match="still present"):
        runner.acknowledge_alarm().result(WAIT_S)  # the line is still blocked
    assert runner.snapshot.state is SessionState.ALARM

    bench.gun.set_occlusion(False)
    runner.acknowledge_alarm().result(WAIT_S)
    acknowledged = runner.snapshot
    assert acknowledged.state is SessionState.PAUSED
    answer_partials(runner, PartialChoice.COMPLETE)  # a shot the occlusion cut is completed, not redone
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)

    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()
    assert all(p.status is PointStatus.DONE for p in final.points)
    for point, progress in zip(runner.plan.points(), final.points, strict=True):
        # No whole shot on top of a cut one: each point within a shot's tolerance of its target.
        assert progress.delivered_ul <= point.planned_volume_ul + max(1.0, 0.05 * point.volume_per_shot_ul)
    record = bench.journal.session(final.session_id)
    raised = [a for a in record.alarms if a.code == "occlusion" and a.raised]
    cleared = [a for a in record.alarms if a.code == "occlusion" and not a.raised]
    assert len(raised) == 1 and len(cleared) == 1
    assert detail_parts(raised[0].detail) is not None  # why it was raised: a code and its parameters
    # Who acknowledged, and how (a code, not a sentence).
    assert (cleared[0].operator, cleared[0].detail) == ("Dr Martin", "operator")
    occluded = [d for d in bench.journal.doses(final.session_id) if d.alarm == "occlusion"]
    assert occluded and all(d.result in (DoseResult.PARTIAL, DoseResult.FAILED) for d in occluded)


def test_empty_syringe_alarm_then_new_syringe_with_a_new_lot(bench: Bench, lot: LotMaker) -> None:
    first_lot = lot("Procaïne", "PRO-A1", date(2030, 1, 31))
    second_lot = lot("Procaïne", "PRO-B2", date(2030, 6, 30))
    runner = bench.ready_runner("mesostress", auto_trigger=True, products=[first_lot])
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 3, WAIT_S)
    bench.gun.empty_syringe()

    alarm = wait_state(runner, SessionState.ALARM)
    assert AlarmCode.SYRINGE_EMPTY in alarm.active_alarms
    runner.change_syringe([second_lot], 10, 5000.0).result(WAIT_S)
    runner.acknowledge_alarm().result(WAIT_S)
    answer_partials(runner, PartialChoice.COMPLETE)  # the shot the empty syringe cut, if any
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)

    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    doses = bench.journal.doses(final.session_id)
    assert [d.event_number for d in doses] == bench.true_event_numbers()
    change_at = next(i for i, d in enumerate(doses) if "PRO-B2" in d.lot)
    assert all("PRO-A1" in d.lot for d in doses[:change_at])
    assert all("PRO-B2" in d.lot for d in doses[change_at:])
    assert all(p.status is PointStatus.DONE for p in final.points)


def test_syringe_change_while_paused_stamps_the_new_lot_on_later_doses(bench: Bench, lot: LotMaker) -> None:
    old = lot("Thiamine (vitamine B1)", "B1-OLD", date(2031, 1, 1))
    new = lot("Thiamine (vitamine B1)", "B1-NEW", date(2031, 2, 1))
    runner = bench.ready_runner("mesostress", auto_trigger=True, products=[old])
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 4, WAIT_S)
    with pytest.raises(CommandRefusedError, match="pause first"):
        runner.change_syringe([new], 10, 6000.0).result(WAIT_S)
    runner.pause().result(WAIT_S)
    before = runner.snapshot
    runner.change_syringe([new], 10, 6000.0).result(WAIT_S)
    runner.resume().result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)

    assert final.session_id is not None
    doses = bench.journal.doses(final.session_id)
    shots_before = sum(p.shots for p in before.points)
    assert [d.lot.split(" + ")[2] for d in doses] == ["B1-OLD"] * shots_before + ["B1-NEW"] * (
        len(doses) - shots_before
    )
    changes = bench.journal.session(final.session_id).syringe_changes
    assert [c.capacity_ml for c in changes] == [10, 10]


def test_expired_lot_is_refused_before_anything_happens(bench: Bench, lot: LotMaker) -> None:
    expired = lot("Procaïne", "PRO-OLD", date(2020, 1, 31))
    with pytest.raises(Exception, match=r"Procaïne 2 % lot PRO-OLD expired on 2020-01-31"):
        bench.runner("mesostress", products=[expired])
    assert bench.journal.sessions() == []


def test_link_lost_pauses_and_the_session_goes_on_when_it_is_back(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: done_count(s) >= 2, WAIT_S)
    bench.handle.unplug()

    paused = runner.wait_for(lambda s: s.waiting_for_link, WAIT_S)
    assert paused.state is SessionState.PAUSED
    assert "link" in paused.message
    bench.gun.wait_until(lambda: bench.gun.state is not DeviceState.ARMED, WAIT_S)  # its watchdog
    bench.handle.replug()

    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM, timeout_s=WAIT_S)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    assert bench.dose_event_numbers(final.session_id) == bench.true_event_numbers()
    assert [p.shots for p in final.points] == [1] * 10
