"""``mesogun conformance``: check a device against PROTOCOL.md, section by section.

Checks speak raw frames (:mod:`~mesogun.conformance.raw_link`) so they can send what a correct host
never would. By default nothing moves liquid: ARM, DISARM and the watchdog are exercised with the
needle retracted. ``fire_allowed`` adds the checks that deliver (needle out, over a vessel) and lets
the checker declare a syringe when none is.
"""

from __future__ import annotations

from mesogun.conformance import (
    event_checks,
    framing_checks,
    handshake_checks,
    request_checks,
    shot_checks,
    telemetry_checks,
)
from mesogun.conformance.checklist import Check, DeviceUnderTest, run_checks
from mesogun.conformance.raw_link import RawLink
from mesogun.conformance.report import Outcome, Report, Verdict

#: Every check, in the order they run: the frame layer first, deliveries last.
ALL_CHECKS: list[Check] = [
    framing_checks.CHECKS[0],  # CRC first: when it fails, nothing else can be read
    *handshake_checks.CHECKS,
    *framing_checks.CHECKS[1:],
    *request_checks.CHECKS,
    *event_checks.CHECKS,
    *telemetry_checks.CHECKS,
    *shot_checks.CHECKS,
]

__all__ = ["ALL_CHECKS", "Check", "DeviceUnderTest", "Outcome", "RawLink", "Report", "Verdict", "run_checks"]
