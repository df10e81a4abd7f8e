"""Typed errors of the host library. Each message says what happened and what to do about it."""

from __future__ import annotations

from collections.abc import Iterable

from firmware_protocol import AlarmCode, Status


class MesogunError(Exception):
    """Base of every error the host library raises on purpose."""


class DeviceNotFoundError(MesogunError):
    """No gun answers at the given port, URL or USB serial number."""


class ProtocolMismatchError(MesogunError):
    """The gun speaks another protocol version or another message table (schema hash)."""


class OutOfRangeError(MesogunError, ValueError):
    """A value outside the allowed range, or not representable at the device's resolution.

    ``value``, ``minimum`` and ``maximum`` are in ``unit`` (host units: mm, µl, µl/s, shots/s...);
    ``step`` is the resolution when the value falls between two representable steps.
    """

    def __init__(
        self,
        field: str,
        value: float,
        minimum: float,
        maximum: float,
        unit: str,
        *,
        step: float | None = None,
        refused_by_device: bool = False,
    ) -> None:
        self.field = field
        self.value = value
        self.minimum = minimum
        self.maximum = maximum
        self.unit = unit
        self.step = step
        self.refused_by_device = refused_by_device
        suffix = f" {unit}" if unit else ""
        allowed = f"{_num(minimum)}–{_num(maximum)}{suffix}"
        if step is not None and minimum <= value <= maximum:
            text = (
                f"{field} = {_num(value)}{suffix} is not a multiple of the {_num(step)}{suffix} step "
                f"(allowed {allowed} in steps of {_num(step)}{suffix}); choose a value on the step"
            )
        elif minimum <= value <= maximum:
            text = (
                f"{field} = {_num(value)}{suffix} is not accepted (allowed {allowed}); choose another value"
            )
        else:
            text = (
                f"{field} = {_num(value)}{suffix} is out of range (allowed {allowed}); choose a value in it"
            )
        if refused_by_device:
            text += " (refused by the gun)"
        super().__init__(text)


class InvalidChoiceError(MesogunError, ValueError):
    """A value that is not one of the allowed choices (a delivery mode, a syringe size)."""

    def __init__(self, field: str, value: object, choices: Iterable[object], unit: str = "") -> None:
        self.field = field
        self.value = value
        self.choices = tuple(choices)
        self.unit = unit
        suffix = f" {unit}" if unit else ""
        allowed = ", ".join(str(choice) for choice in self.choices) or "none"
        super().__init__(f"{field} = {value}{suffix} is not allowed by this gun (allowed: {allowed}{suffix})")


class DeviceAlarmError(MesogunError):
    """The gun refused because alarms are active; acknowledge them once their cause is fixed."""

    def __init__(self, alarms: Iterable[AlarmCode], action: str = "") -> None:
        self.alarms = frozenset(alarms)
        names = ", ".join(sorted(code.name for code in self.alarms)) or "an unacknowledged alarm"
        what = f"{action} refused: " if action else ""
        super().__init__(
            f"{what}active alarm(s) {names}; fix the cause, then acknowledge the alarm before going on"
        )


_ADVICE: dict[Status, str] = {
    Status.BAD_REQUEST: "the gun could not read the command; retry, and report it if it happens again",
    Status.UNSUPPORTED: "this gun's firmware does not support the command; check the firmware version",
    Status.OUT_OF_RANGE: "a value is outside the gun's range",
    Status.BUSY: "the gun is delivering or moving; wait for it to finish or press stop",
    Status.NOT_ARMED: "the gun is not armed; arm it before firing",
    Status.ALARM_ACTIVE: "an alarm is active; fix its cause and acknowledge it",
    Status.NOT_PERMITTED: "not permitted; enter technician mode with the access code first",
    Status.PROTOCOL_MISMATCH: "the gun speaks another protocol version; update the software or the firmware",
    Status.SCHEMA_MISMATCH: "the gun uses another message table; update the software or the firmware",
    Status.NOT_CONFIGURED: "the gun is not configured; send a configuration (depth, volume, flow) first",
    Status.NO_SYRINGE: "no syringe is loaded, or it is empty; load a filled syringe",
    Status.HANDSHAKE_REQUIRED: "the gun restarted; reconnect to it",
}


class DeviceRefusedError(MesogunError):
    """The gun answered the command with a refusal ``status``."""

    def __init__(self, status: Status, action: str = "") -> None:
        self.status = status
        what = f"{action} refused" if action else "refused"
        super().__init__(f"{what} by the gun ({status.name}): {_ADVICE.get(status, 'see the manual')}")


class LinkLostError(MesogunError):
    """The connection to the gun is gone (unplugged, powered off, closed)."""

    def __init__(self, detail: str = "") -> None:
        text = "The connection to the gun was lost"
        if detail:
            text += f" ({detail})"
        super().__init__(text + ". Check the USB cable and that the gun is switched on.")


class DeviceTimeoutError(MesogunError):
    """The gun did not answer a query in time (the query itself had no effect to worry about)."""

    def __init__(self, action: str, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        super().__init__(
            f"The gun did not answer {action} within {timeout_s:g} s. "
            "Check the cable; if the gun is busy, try again."
        )


class OutcomeUnknownError(MesogunError):
    """An acting command was sent, its reply never came, and it can no longer be safely re-sent.

    It may or may not have executed; the gun's events (shots, state changes) tell what happened.
    It is never re-sent automatically: that could deliver a dose twice.
    """

    def __init__(self, action: str, detail: str) -> None:
        self.action = action
        super().__init__(
            f"{action} was sent but its outcome is unknown ({detail}). "
            "It was not repeated; check the gun's status and events before sending it again."
        )


def _num(value: float) -> str:
    """A number without float noise (1.05, not 1.0500000000000000444)."""
    return f"{value:.6g}"
