"""A CRC-valid message the host cannot take in its own units raises one error: DecodeError.

The link drops and counts exactly that error; a ValueError or an OverflowError escaping a conversion
used to stop the thread that made it.
"""

from __future__ import annotations

import pytest

from firmware_protocol import DecodeError, DeviceState, Mode
from firmware_protocol.messages import (
    AlarmEvent,
    ShotEvent,
    StateEvent,
    StatusReply,
    Telemetry,
    TriggerEvent,
)
from mesogun.device_events import event_from_wire, telemetry_from_wire
from mesogun.device_info import check_reply, status_from_wire

NOW_MS = 1_741_944_601_250
PAST_9999_MS = 2**64 - 1


def _status(
    state: int = int(DeviceState.IDLE), mode: int = int(Mode.SINGLE), time_ms: int = NOW_MS
) -> StatusReply:
    return StatusReply(state, 0, 0, mode, 0, 0, 0, 0, 0, 0, 90, 0, 0, 0, 0, time_ms)


@pytest.mark.parametrize(
    "message",
    [
        TriggerEvent(0, NOW_MS, 1),
        TriggerEvent(7, PAST_9999_MS, 1),
        ShotEvent(7, NOW_MS, 1, 99, 0, 0, 0, 0, 0, 0, 0, 0),
        ShotEvent(7, NOW_MS, 1, 0, 0, 0, 0, 0, 0, 77, 0, 0),
        AlarmEvent(7, NOW_MS, 200, 0, 1),
        StateEvent(7, NOW_MS, 0, 250, 0),
    ],
    ids=["event-0", "time", "mode", "result", "alarm-code", "state"],
)
def test_an_event_out_of_range_is_a_decode_error(message: object) -> None:
    with pytest.raises(DecodeError):
        event_from_wire(message)


def test_a_telemetry_batch_past_the_year_9999_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        telemetry_from_wire(Telemetry(1, PAST_9999_MS, 1000, ()), 0)


@pytest.mark.parametrize(
    "reply",
    [
        _status(state=18),
        _status(mode=9),
        _status(time_ms=PAST_9999_MS),
    ],
    ids=["state", "mode", "time"],
)
def test_a_reply_out_of_range_is_a_decode_error(reply: object) -> None:
    with pytest.raises(DecodeError):
        check_reply(reply)


def test_a_status_in_range_converts() -> None:
    assert status_from_wire(_status()).state is DeviceState.IDLE
