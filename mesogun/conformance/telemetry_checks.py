"""Checks of telemetry (PROTOCOL.md §10): batch sizes, continuous sample numbers across a rate
change, nothing after it is switched off, and off after each HELLO."""

from __future__ import annotations

import itertools

from firmware_protocol.constants import samples_per_batch
from firmware_protocol.messages import ConfigureTelemetry, Telemetry, TelemetryReply
from mesogun.conformance.checklist import Check, DeviceUnderTest, expect
from mesogun.conformance.raw_link import Received, message_of

LISTEN_S = 0.6
QUIET_S = 0.3


def _batches(items: list[Received]) -> list[Telemetry]:
    return [message_of(item) for item in items if message_of(item) is not None]


def _configure(device: DeviceUnderTest, rate_hz: int) -> TelemetryReply:
    reply = device.link.call(ConfigureTelemetry(rate_hz, 7), TelemetryReply)
    expect(reply.rate_hz == rate_hz, f"CONFIGURE_TELEMETRY {rate_hz} Hz answered rate {reply.rate_hz}")
    expected = samples_per_batch(rate_hz)
    expect(
        reply.samples_per_batch == expected,
        f"at {rate_hz} Hz samples_per_batch is {reply.samples_per_batch}, not {expected}",
    )
    return reply


def _continuity(device: DeviceUnderTest) -> None:
    link = device.link
    caps = device.session()
    rates = (min(50, caps.telemetry_max_hz), min(250, caps.telemetry_max_hz))
    start = link.mark()
    for rate_hz in rates:
        _configure(device, rate_hz)
        link.pump(LISTEN_S)
    _configure(device, 0)
    batches = _batches(link.telemetry_since(start))
    for rate_hz in rates:
        at_rate = [batch for batch in batches if batch.period_us == round(1_000_000 / rate_hz)]
        expect(len(at_rate) >= 2, f"{len(at_rate)} telemetry batch(es) in {LISTEN_S:g} s at {rate_hz} Hz")
        per_batch = samples_per_batch(rate_hz)
        sizes = {len(batch.samples) for batch in at_rate}
        expect(sizes == {per_batch}, f"batches of {sorted(sizes)} samples at {rate_hz} Hz, not {per_batch}")
    for before, after in itertools.pairwise(batches):
        expected = (before.first_sample + len(before.samples)) & 0xFFFF_FFFF
        expect(
            after.first_sample == expected,
            f"sample numbers jump from {expected} to {after.first_sample} on a clean link "
            "(a rate change must not skip numbers either)",
        )


def _off(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    _configure(device, min(100, device.session().telemetry_max_hz))
    link.pump(0.1)
    reply = link.call(ConfigureTelemetry(0, 7), TelemetryReply)
    expect(
        reply.samples_per_batch == 0,
        f"telemetry off answered samples_per_batch {reply.samples_per_batch}, not 0",
    )
    quiet = link.mark()
    link.pump(QUIET_S)
    expect(not link.telemetry_since(quiet), "telemetry went on after it was switched off")
    _configure(device, min(100, device.session().telemetry_max_hz))
    link.pump(0.1)
    device.hello = None
    device.session()
    quiet = link.mark()
    link.pump(QUIET_S)
    expect(not link.telemetry_since(quiet), "telemetry went on after a HELLO")


CHECKS = [
    Check(
        "telemetry-continuity",
        "10",
        "batches of the announced size, sample numbers without gaps across a rate change",
        _continuity,
    ),
    Check("telemetry-off", "10", "rate 0 stops telemetry (samples_per_batch 0), and so does a HELLO", _off),
]
