"""Limits during a session: soft limits need a reason, hard limits and substance caps (mg) refuse."""

from __future__ import annotations

from importlib import resources

import pytest
from session_bench import WAIT_S, Bench, bench_plan, nappage_step, point_step, wait_state

from firmware_protocol import DeviceState
from mesogun.catalogue import Catalogue, parse_catalogue
from mesogun.models import BodyView, Laterality, Site
from mesogun.session import CommandRefusedError, PointStatus, ScreeningError, SessionState


def _procaine_point_cap(cap_mg: float) -> Catalogue:
    """The shipped catalogue with another cap per point for procaine (mg)."""
    text = resources.files("mesogun.catalogue").joinpath("catalogue.toml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("[substances.procaine]")
    assert sep and "per_point_mg = 20.0" in rest
    return parse_catalogue(head + sep + rest.replace("per_point_mg = 20.0", f"per_point_mg = {cap_mg}", 1))


def test_soft_limit_waits_for_a_reason_stamped_on_every_dose_of_the_point(bench: Bench) -> None:
    # 7 mm is deeper than the usual 2–6 mm of point par point, within the gun's 0–13 mm and within
    # what a knee (a limb) allows.
    knee = Site(region="Genou, face interne", laterality=Laterality.LEFT, view=BodyView.FRONT, x=0.55, y=0.75)
    deep_step = point_step("GV20", depth_mm=7.0, shots=3).model_copy(update={"site": knee})
    plan = bench_plan(deep_step, point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0))
    runner = bench.ready_runner(plan, auto_trigger=True)
    runner.start().result(WAIT_S)
    waiting = runner.wait_for(lambda s: s.pending_override is not None, WAIT_S)

    assert waiting.state is SessionState.RUNNING
    assert not waiting.armed and bench.gun.truth.shots == []
    pending = waiting.pending_override
    assert pending is not None and pending.point_index == 0
    assert [(v.field, v.value, v.minimum, v.maximum) for v in pending.violations] == [
        ("depth_mm", 7.0, 2.0, 6.0)
    ]
    with pytest.raises(CommandRefusedError, match="reason"):
        runner.confirm_override("   ").result(WAIT_S)
    assert runner.snapshot.pending_override is not None

    runner.confirm_override("deep trigger point, documented in the file").result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert final.session_id is not None
    doses = bench.journal.doses(final.session_id)
    assert [d.event_number for d in doses] == [s.event_number for s in bench.gun.truth.shots]
    deep = [d for d in doses if d.point_index == 0]
    assert len(deep) == 3
    for dose in deep:
        assert [(o.field, o.value, o.limit) for o in dose.overrides] == [("depth_mm", 7.0, 6.0)]
        assert dose.override_reason == "depth_mm: deep trigger point, documented in the file"
        assert dose.operator == "Dr Martin"
    assert all(not d.overrides for d in doses if d.point_index == 1)


def test_hard_limit_refuses_the_point_until_it_is_skipped(bench: Bench) -> None:
    # 13.5 mm is beyond the gun's 13 mm: no confirmation can lift it.
    plan = bench_plan(point_step("GV20", depth_mm=13.5), point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0))
    runner = bench.ready_runner(plan, auto_trigger=True)
    runner.start().result(WAIT_S)
    refused = runner.wait_for(lambda s: s.refused is not None, WAIT_S)

    assert refused.refused is not None
    assert [(v.field, v.severity) for v in refused.refused.violations] == [("depth_mm", "hard")]
    assert "13.5" in refused.message and "refused" in refused.message
    assert bench.gun.state is DeviceState.IDLE and bench.gun.truth.shots == []
    with pytest.raises(CommandRefusedError, match="no soft-limit confirmation"):
        runner.confirm_override("I insist").result(WAIT_S)

    runner.skip("deeper than the gun allows").result(WAIT_S)
    final = wait_state(runner, SessionState.COMPLETED, SessionState.ALARM)
    assert [p.status for p in final.points] == [PointStatus.SKIPPED, PointStatus.DONE]
    assert len(bench.gun.truth.shots) == 1


def test_product_cap_blocks_arming_before_the_shot_that_would_pass_it(bench: Bench) -> None:
    # Procaïne 2 % (20 mg/ml): at most 3 mg (150 µl) per point; the point asks 2 shots of 100 µl.
    plan = bench_plan(point_step("GV20", shots=2))
    runner = bench.ready_runner(plan, auto_trigger=True, catalogue=_procaine_point_cap(3.0))
    runner.start().result(WAIT_S)
    refused = runner.wait_for(lambda s: s.refused is not None, WAIT_S)

    assert refused.refused is not None
    violation = refused.refused.violations[0]
    assert (violation.field, violation.unit) == ("procaine per point", "mg")
    assert violation.value == pytest.approx(4.0) and violation.maximum == pytest.approx(3.0)
    assert not refused.armed and bench.gun.state is DeviceState.IDLE
    assert len(bench.gun.truth.shots) == 1  # the first shot was within the cap, the second never armed
    assert refused.points[0].shots == 1


def test_an_absolute_contraindication_blocks_and_a_relative_one_needs_a_justification(bench: Bench) -> None:
    # seed 001: « Allergie connue aux substances injectées » is absolute; « Diabète non équilibré » is
    # relative, « au cas par cas ».
    runner = bench.runner(bench_plan(point_step("GV20")))
    runner.begin_screening().result(WAIT_S)
    runner.give_consent().result(WAIT_S)
    with pytest.raises(ScreeningError, match="unknown contraindication"):
        runner.answer("no-such-question", False).result(WAIT_S)
    runner.answer("allergie", True).result(WAIT_S)
    runner.answer("diabete", True).result(WAIT_S)
    for question in runner.questions:
        if question.code not in ("allergie", "diabete"):
            runner.answer(question.code, False).result(WAIT_S)
    blocked = runner.snapshot
    assert blocked.state is SessionState.SCREENING
    assert "absolute contraindication answered yes: allergie" in blocked.last_error
    with pytest.raises(ScreeningError, match="no reason lifts it"):
        runner.answer("allergie", True, "allergy to latex only, not to procaine").result(WAIT_S)
    assert bench.journal.sessions() == []

    runner.answer("allergie", False).result(WAIT_S)
    assert "relative contraindication answered yes: diabete" in runner.snapshot.last_error
    assert runner.snapshot.state is SessionState.SCREENING
    runner.answer("diabete", True, "HbA1c 7.2 %, followed by the diabetologist").result(WAIT_S)
    ready = runner.snapshot
    assert ready.state is SessionState.READY
    assert ready.session_id is not None
    record = bench.journal.session(ready.session_id)
    answers = {a.code: (a.answer, a.blocking) for a in record.contraindications}
    assert answers["allergie"] == (False, True) and answers["diabete"] == (True, False)
    assert [(o.field, o.reason) for o in record.overrides] == [
        ("contraindication diabete", "HbA1c 7.2 %, followed by the diabetologist")
    ]


def test_no_session_opens_without_consent(bench: Bench) -> None:
    runner = bench.runner(bench_plan(point_step("GV20")))
    runner.begin_screening().result(WAIT_S)
    runner.answer("allergie", False).result(WAIT_S)
    assert runner.snapshot.state is SessionState.SCREENING
    assert not runner.snapshot.consent_given
    runner.abort("patient declined").result(WAIT_S)
    ended = runner.snapshot
    assert ended.state is SessionState.ABORTED
    assert bench.journal.sessions() == []


def test_a_held_burst_stops_at_the_product_cap_without_a_shot_past_it(bench: Bench) -> None:
    # Procaïne 2 % (20 mg/ml): at most 1.4 mg (70 µl) per point; the nappage asks 100 µl in 20 µl
    # shots, at the fastest burst on a 40× clock: only the gun itself can stop after the third shot.
    nappage = nappage_step(burst_rate_per_s=9.0)
    runner = bench.ready_runner(bench_plan(nappage), catalogue=_procaine_point_cap(1.4))
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.armed and s.current_index == 0, WAIT_S)
    bench.gun.press_trigger()
    refused = runner.wait_for(lambda s: s.refused is not None, WAIT_S)
    bench.gun.release_trigger()

    assert refused.refused is not None
    assert refused.refused.violations[0].field == "procaine per point"
    assert bench.gun.wait_until(lambda: bench.gun.state is DeviceState.IDLE, WAIT_S)
    assert len(bench.gun.truth.shots) == 3  # 60 µl: a fourth shot would have made 80
    assert refused.points[0].shots == 3
