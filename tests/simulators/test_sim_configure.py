"""CONFIGURE against the gun's capabilities: accepted in range, refused (never clipped) outside."""

from __future__ import annotations

import pytest
from wire import Wire, configure, load_syringe

from firmware_protocol import Status
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.messages import Arm, Configure, Fire, GetStatus, LoadSyringe, StatusReply

GOOD = {"mode": 0, "depth_um": 4_000, "volume_nl": 100_000, "flow_nl_s": 100_000, "burst_rate_mhz": 4_000}


def test_each_configuration_gets_a_new_id_and_is_reported(wire: Wire) -> None:
    first = configure(wire, Mode.SINGLE, depth_um=1_500)
    second = configure(wire, Mode.BURST, depth_um=1_000, volume_nl=20_000, burst_rate_mhz=9_000)
    assert second == first + 1
    status = wire.call(GetStatus(), StatusReply)
    assert (status.config_id, status.mode, status.depth_um, status.volume_nl, status.burst_rate_mhz) == (
        second,
        Mode.BURST,
        1_000,
        20_000,
        9_000,
    )


@pytest.mark.parametrize(
    ("field", "value", "index", "minimum", "maximum"),
    [
        ("mode", 3, 0, 0, 2),
        ("depth_um", 13_100, 1, 0, 13_000),
        ("depth_um", 1_550, 1, 0, 13_000),  # between two 0.1 mm steps
        ("volume_nl", 999, 2, 1_000, 500_000),
        ("volume_nl", 500_001, 2, 1_000, 500_000),
        ("flow_nl_s", 4_999, 3, 5_000, 500_000),
        ("burst_rate_mhz", 9_001, 4, 1_000, 9_000),
    ],
)
def test_out_of_range_field_is_refused_naming_field_value_and_range(
    wire: Wire, field: str, value: int, index: int, minimum: int, maximum: int
) -> None:
    before = wire.call(GetStatus(), StatusReply).config_id
    response = wire.request(Configure(**{**GOOD, field: value}))
    assert response.status == Status.OUT_OF_RANGE
    assert response.error is not None
    assert (response.error.field_index, response.error.value) == (index, value)
    assert (response.error.minimum, response.error.maximum) == (minimum, maximum)
    assert wire.call(GetStatus(), StatusReply).config_id == before  # nothing stored


def test_arming_needs_a_configuration_then_a_syringe(wire: Wire) -> None:
    assert wire.request(Arm()).status == Status.NOT_CONFIGURED
    configure(wire)
    assert wire.request(Arm()).status == Status.NO_SYRINGE
    load_syringe(wire)
    assert wire.request(Arm()).status == Status.OK
    assert wire.call(GetStatus(), StatusReply).state == DeviceState.ARMED


def test_fire_without_arming_is_refused(wire: Wire) -> None:
    configure(wire)
    load_syringe(wire)
    assert wire.request(Fire(1)).status == Status.NOT_ARMED


def test_syringe_of_an_unsupported_size_is_refused(wire: Wire) -> None:
    response = wire.request(LoadSyringe(4_000, 1_000_000))
    assert response.status == Status.OUT_OF_RANGE
    assert response.error is not None and response.error.field_index == 0
    overfilled = wire.request(LoadSyringe(2_000, 2_000_001))
    assert overfilled.status == Status.OUT_OF_RANGE
    assert overfilled.error is not None and overfilled.error.field_index == 1
    assert overfilled.error.maximum == 2_000_000
