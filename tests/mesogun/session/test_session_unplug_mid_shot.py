"""What the README promises about an unplugged cable during a shot: the gun's watchdog cuts the shot,
the partial dose is journaled, and the session waits on a WATCHDOG alarm for the practitioner."""

from __future__ import annotations

import time

from session_bench import WAIT_S, Bench, wait_state

from firmware_protocol import AlarmCode, DeviceState
from mesogun.session import SessionState

#: Longer than the simulated gun's watchdog (500 ms): the cable is out for this long.
CABLE_OUT_S = 1.5


def test_a_cable_out_mid_shot_leaves_a_partial_dose_and_an_alarm_to_acknowledge(
    realtime_bench: Bench,
) -> None:
    bench = realtime_bench
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    assert bench.gun.wait_until(lambda: bench.gun.state is DeviceState.DELIVERING, WAIT_S)

    bench.handle.unplug()
    time.sleep(CABLE_OUT_S)  # the fault itself: the host stays silent past the gun's watchdog
    bench.handle.replug()

    waiting = wait_state(runner, SessionState.ALARM)
    assert "WATCHDOG" in waiting.message and "acknowledge" in waiting.message
    assert waiting.session_id is not None
    assert bench.dose_event_numbers(waiting.session_id) == bench.true_event_numbers()
    cut = bench.journal.doses(waiting.session_id)[-1]
    assert cut.delivered_volume_ul < cut.commanded_volume_ul
    raised = [a for a in bench.journal.session(waiting.session_id).alarms if a.raised]
    assert {a.code for a in raised} == {AlarmCode.WATCHDOG.name.lower()}

    runner.acknowledge_alarm().result(WAIT_S)
    assert runner.snapshot.state is not SessionState.ALARM
