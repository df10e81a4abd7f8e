"""``mesogun conformance``: check a gun (or a firmware under development) against PROTOCOL.md."""

from __future__ import annotations

import argparse
import sys

import serial

from firmware_protocol.constants import BAUD_RATE
from mesogun.conformance import ALL_CHECKS, DeviceUnderTest, RawLink, run_checks


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``conformance`` to the ``mesogun`` parser."""
    p = sub.add_parser(
        "conformance",
        help="check a device against the protocol specification, section by section",
        description=(
            "Check a device against PROTOCOL.md: framing and CRC, handshake and schema hash, at-most-once "
            "answers to retransmissions, events and their re-sends, the watchdog, ranges and refusals, "
            "telemetry. Prints one line per check with the section of the rule; exits 1 when a check "
            "fails. Nothing moves liquid unless --fire is given. The checks STOP the device and "
            "acknowledge its alarms; its journal keeps the events they cause (ARM, DISARM, a watchdog trip)."
        ),
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--port", help="serial port of the device, e.g. /dev/ttyACM0 or COM3")
    which.add_argument("--url", help="pyserial URL instead of a port, e.g. socket://127.0.0.1:7777")
    p.add_argument(
        "--fire",
        action="store_true",
        help="also run the checks that fire shots (declaring a syringe if none): needle out, into a vessel",
    )
    p.add_argument(
        "--access-code",
        type=_access_code,
        metavar="CODE",
        help="the device's technician access code: also checks entering technician mode",
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="CHECK",
        choices=[check.check_id for check in ALL_CHECKS],
        help="run only this check (repeatable); names: " + ", ".join(c.check_id for c in ALL_CHECKS),
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=1.0,
        metavar="S",
        help="seconds to wait for each answer (default 1)",
    )
    p.set_defaults(handler=_conformance)


def _access_code(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 0xFFFF_FFFF:
        raise argparse.ArgumentTypeError(f"{value} is out of range (allowed 0..4294967295)")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.05 <= value <= 30:
        raise argparse.ArgumentTypeError(f"{value:g} s is out of range (allowed 0.05..30 s)")
    return value


def _conformance(args: argparse.Namespace) -> int:
    target = args.port or args.url
    try:
        if args.url:
            port = serial.serial_for_url(args.url, baudrate=BAUD_RATE, timeout=0.01)
        else:
            port = serial.Serial(args.port, baudrate=BAUD_RATE, timeout=0.01)
    except (serial.SerialException, ValueError, OSError) as exc:
        print(f"mesogun conformance: cannot open {target}: {exc}", file=sys.stderr)
        return 2
    checks = [c for c in ALL_CHECKS if not args.only or c.check_id in args.only]
    shots = ", shots allowed" if args.fire else ""
    print(f"Conformance of {target} to PROTOCOL.md ({len(checks)} checks{shots})")
    try:
        link = RawLink(port, answer_timeout_s=args.timeout)
        device = DeviceUnderTest(link, fire_allowed=args.fire, access_code=args.access_code)
        report = run_checks(device, checks)
    except (serial.SerialException, OSError) as exc:
        print(f"mesogun conformance: the link to {target} failed: {exc}", file=sys.stderr)
        return 1
    finally:
        port.close()
    print(report.text())
    return 1 if report.failures else 0
