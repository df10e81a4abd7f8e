"""Telemetry: batches at the configured rate, a running sample counter, the physics in the samples."""

from __future__ import annotations

import itertools

from wire import Wire, arm

from firmware_protocol.enums import Mode
from firmware_protocol.messages import ConfigureTelemetry, Fire, FireReply, TelemetryReply, TelemetrySample
from simulators.gun import SimulatedGun


def test_one_kilohertz_comes_in_contiguous_batches_of_twenty(wire: Wire) -> None:
    reply = wire.call(ConfigureTelemetry(1000, 7), TelemetryReply)
    assert (reply.rate_hz, reply.samples_per_batch) == (1000, 20)
    assert wire.wait_for(lambda: len(wire.telemetry) >= 10)
    batches = wire.telemetry[:10]
    assert all(len(batch.samples) == 20 and batch.period_us == 1000 for batch in batches)
    counters = [batch.first_sample for batch in batches]
    assert counters == list(range(counters[0], counters[0] + 200, 20))  # no gap on a clean link
    assert all(
        later.device_time_ms >= earlier.device_time_ms for earlier, later in itertools.pairwise(batches)
    )


def test_samples_follow_the_needle_and_the_pressure_of_an_infusion(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, depth_um=3_000, volume_nl=200_000, flow_nl_s=50_000)  # 4 s simulated
    wire.call(ConfigureTelemetry(500, 7), TelemetryReply)
    wire.call(Fire(1), FireReply)

    def samples() -> list[TelemetrySample]:
        return [sample for batch in wire.telemetry for sample in batch.samples]

    assert wire.wait_for(lambda: any(s.needle_um == 3_000 and s.pressure_hpa > 50 for s in samples()))
    plunger = [sample.plunger_um for sample in samples()]
    assert plunger == sorted(plunger)  # the plunger only moves forward


def test_telemetry_off_stops_the_batches(wire: Wire) -> None:
    wire.call(ConfigureTelemetry(100, 7), TelemetryReply)
    assert wire.wait_for(lambda: len(wire.telemetry) >= 3)
    assert wire.call(ConfigureTelemetry(0, 7), TelemetryReply).samples_per_batch == 0
    wire.wait_for(lambda: False, 0.1)  # a batch already on its way may land
    count = len(wire.telemetry)
    wire.wait_for(lambda: False, 0.3)
    assert len(wire.telemetry) == count


def test_channel_mask_leaves_unselected_channels_at_zero(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, depth_um=3_000, volume_nl=200_000, flow_nl_s=50_000)
    wire.call(ConfigureTelemetry(200, 1), TelemetryReply)  # needle only
    wire.call(Fire(1), FireReply)
    assert wire.wait_for(lambda: any(s.needle_um > 0 for b in wire.telemetry for s in b.samples))
    assert all(s.plunger_um == 0 and s.pressure_hpa == 0 for b in wire.telemetry for s in b.samples)
