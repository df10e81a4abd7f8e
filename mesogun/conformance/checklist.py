"""What a check is, the device under test as the checks see it, and the loop that runs them."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from firmware_protocol import Response, Status, as_int32
from firmware_protocol.constants import ACK_ALL_ALARMS
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.messages import (
    AckAlarm,
    AckEvents,
    AckEventsReply,
    AlarmsReply,
    Configure,
    ConfigureReply,
    DiagnosticsReply,
    GetDiagnostics,
    GetStatus,
    HelloReply,
    LoadSyringe,
    StateReply,
    StatusReply,
    Stop,
)
from mesogun.conformance.raw_link import CheckFailed, RawLink
from mesogun.conformance.report import Outcome, Report, Verdict


class CheckSkipped(Exception):
    """The check cannot run on this device as it is (the message says what it needs)."""


class DeviceUnderTest:
    """The device as the checks share it: its link, its HELLO reply, what the operator allowed."""

    def __init__(self, link: RawLink, *, fire_allowed: bool, access_code: int | None) -> None:
        self.link = link
        self.fire_allowed = fire_allowed
        self.access_code = access_code
        self.hello: HelloReply | None = None

    def session(self) -> HelloReply:
        """A link session (HELLO once; again after a check that ended it)."""
        if self.hello is None:
            self.hello = self.link.hello()
        return self.hello

    def status(self) -> StatusReply:
        self.session()
        return self.link.call(GetStatus(), StatusReply)

    def diagnostics(self) -> DiagnosticsReply:
        self.session()
        return self.link.call(GetDiagnostics(), DiagnosticsReply)

    def to_idle(self) -> StatusReply:
        """STOP, then acknowledge every alarm: IDLE unless a condition is still present."""
        self.session()
        self.link.call(Stop(), StateReply)
        self.link.call(AckAlarm(ACK_ALL_ALARMS), AlarmsReply)
        return self.status()

    def acknowledge_all(self) -> None:
        """Acknowledge every event (bench use only: a host's journal then catches up by REQUEST_EVENTS)."""
        last = self.status().last_event_number
        self.link.call(AckEvents(last), AckEventsReply)

    def safe_configuration(self) -> Configure:
        """A SINGLE configuration inside the device's ranges: shallowest depth, smallest volume."""
        caps = self.session()
        step = max(1, caps.depth_step_um)
        depth = -(-caps.depth_min_um // step) * step
        flow = min(max(caps.flow_min_nl_s, 100_000), caps.flow_max_nl_s)
        burst = caps.burst_rate_min_mhz
        return Configure(int(Mode.SINGLE), depth, caps.volume_min_nl, flow, burst)

    def ready_to_arm(self) -> int:
        """Configure and make sure a syringe is declared; returns the config id. Skips when it cannot."""
        status = self.to_idle()
        if status.state != DeviceState.IDLE:
            raise CheckSkipped(
                f"the device stays {DeviceState(status.state).name} (alarms 0x{status.alarms:X})"
            )
        if self.fire_allowed:
            self.acknowledge_all()  # a bench device: room in the event window for what the checks cause
        config_id = self.link.call(self.safe_configuration(), ConfigureReply).config_id
        if status.syringe_capacity_ul == 0 or status.syringe_remaining_nl == 0:
            if not self.fire_allowed:
                raise CheckSkipped("needs a declared syringe: load one, or run with --fire")
            caps = self.session()
            size_ul = min(caps.syringe_sizes_ml) * 1000
            self.link.call(LoadSyringe(size_ul, size_ul * 1000), StatusReply)
        return config_id


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def expect_refusal(
    response: Response,
    status: Status,
    *,
    field_index: int | None = None,
    value: int | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    what: str = "",
) -> None:
    """The response is ``status`` with these error-body fields (None: not checked)."""
    name = response.request_type.__name__
    prefix = f"{what}: " if what else ""
    if response.status != status:
        raise CheckFailed(f"{prefix}{name} answered {response.status.name}, expected {status.name}")
    detail = response.error
    if detail is None:
        raise CheckFailed(f"{prefix}{name} {status.name} without an error body")
    wanted = {"field_index": field_index, "value": value, "minimum": minimum, "maximum": maximum}
    for key, expected in wanted.items():
        if expected is None:
            continue
        got = getattr(detail, key)
        expected = expected if key == "field_index" else as_int32(expected)
        if got != expected:
            raise CheckFailed(f"{prefix}{name} {status.name} with {key} {got}, expected {expected}")


@dataclass(frozen=True)
class Check:
    """One rule to check. ``fires``: it moves liquid, so it runs only with --fire (needle out)."""

    check_id: str
    section: str
    title: str
    run: Callable[[DeviceUnderTest], None]
    fires: bool = False


def run_checks(device: DeviceUnderTest, checks: Sequence[Check]) -> Report:
    """Run ``checks`` in order; one failing does not stop the others."""
    outcomes = []
    for check in checks:
        started = time.monotonic()
        verdict, detail = Verdict.PASS, ""
        if check.fires and not device.fire_allowed:
            verdict, detail = Verdict.SKIP, "fires shots: run with --fire, needle out, over a vessel"
        else:
            try:
                check.run(device)
            except CheckFailed as exc:
                verdict, detail = Verdict.FAIL, str(exc)
            except CheckSkipped as exc:
                verdict, detail = Verdict.SKIP, str(exc)
        outcomes.append(
            Outcome(check.check_id, check.section, check.title, verdict, detail, time.monotonic() - started)
        )
        device.link.keepalive = False
    return Report(outcomes)
