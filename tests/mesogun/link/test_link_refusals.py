"""Refuse, never clip (invariant 5): host-side checks before sending, device refusals mapped, mismatches."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from link_bench import Bench
from pytest_mock import MockerFixture

from firmware_protocol import AlarmCode, Mode, Status
from mesogun.device_info import CalibrationFactors
from mesogun.errors import (
    DeviceAlarmError,
    DeviceRefusedError,
    InvalidChoiceError,
    OutOfRangeError,
    ProtocolMismatchError,
)
from mesogun.injector import Injector

GOOD: dict[str, Any] = {
    "mode": Mode.SINGLE,
    "depth_mm": 1.0,
    "volume_ul": 20.0,
    "flow_ul_s": 50.0,
    "burst_rate_per_s": 3.0,
}


@pytest.mark.parametrize(
    ("field", "value", "range_text"),
    [
        ("depth_mm", 13.5, "allowed 0–13 mm"),
        ("depth_mm", -0.1, "allowed 0–13 mm"),
        ("volume_ul", 0.5, "allowed 1–500 µl"),
        ("volume_ul", 501.0, "allowed 1–500 µl"),
        ("flow_ul_s", 600.0, "allowed 5–500 µl/s"),
        ("burst_rate_per_s", 10.0, "allowed 1–9 shots/s"),
        ("depth_mm", 1.05, "in steps of 0.1 mm"),
    ],
)
def test_out_of_range_configuration_is_refused_before_anything_is_sent(
    url_bench: Bench, field: str, value: float, range_text: str
) -> None:
    gun = url_bench.open()
    with pytest.raises(OutOfRangeError) as caught:
        gun.configure(**{**GOOD, field: value})
    assert caught.value.field == field and caught.value.value == value
    assert f"{field} = {value:g}" in str(caught.value) and range_text in str(caught.value)
    assert not caught.value.refused_by_device
    assert url_bench.gun.truth.executions_of("Configure") == []


def test_other_host_side_refusals_name_the_field(url_bench: Bench) -> None:
    gun = url_bench.open()
    with pytest.raises(InvalidChoiceError, match=r"capacity_ml = 4 ml is not allowed.*2, 3, 5, 10"):
        gun.load_syringe(4, 1000.0)
    with pytest.raises(OutOfRangeError, match=r"fill_ul = 2500 µl is out of range \(allowed 0.001–2000 µl\)"):
        gun.load_syringe(2, 2500.0)
    with pytest.raises(OutOfRangeError, match="count = 51"):
        gun.fire(51)
    with pytest.raises(OutOfRangeError, match="rate_hz = 2000"):
        gun.configure_telemetry(2000)
    assert url_bench.gun.truth.executions == []


def test_a_refusal_by_the_gun_is_reported_in_host_units(url_bench: Bench, mocker: MockerFixture) -> None:
    gun = url_bench.open()
    real = gun.info
    # The host believes in a deeper, finer gun than the one connected: the gun itself must refuse.
    wider = dataclasses.replace(
        real, capabilities=dataclasses.replace(real.capabilities, depth_max_mm=20.0, volume_max_ul=900.0)
    )
    mocker.patch.object(Injector, "info", new_callable=mocker.PropertyMock, return_value=wider)
    with pytest.raises(OutOfRangeError) as caught:
        gun.configure(**{**GOOD, "depth_mm": 14.0})
    error = caught.value
    assert (error.field, error.value, error.minimum, error.maximum, error.unit) == (
        "depth_mm",
        14.0,
        0.0,
        13.0,
        "mm",
    )
    assert error.refused_by_device and "refused by the gun" in str(error)
    with pytest.raises(OutOfRangeError) as caught:
        gun.configure(**{**GOOD, "volume_ul": 800.0})
    assert (caught.value.field, caught.value.maximum, caught.value.unit) == ("volume_ul", 500.0, "µl")
    finer = dataclasses.replace(real, capabilities=dataclasses.replace(real.capabilities, depth_step_mm=0.01))
    mocker.patch.object(Injector, "info", new_callable=mocker.PropertyMock, return_value=finer)
    with pytest.raises(OutOfRangeError, match=r"depth_mm = 1.05 mm is not accepted \(allowed 0–13 mm\)"):
        gun.configure(**{**GOOD, "depth_mm": 1.05})
    assert url_bench.gun.truth.executions_of("Configure") == []


def test_state_refusals_say_what_to_do(url_bench: Bench, ready_to_fire: Callable[..., int]) -> None:
    gun = url_bench.open()
    with pytest.raises(DeviceRefusedError, match="not configured") as caught:
        gun.arm()
    assert caught.value.status is Status.NOT_CONFIGURED
    gun.configure(**GOOD)
    with pytest.raises(DeviceRefusedError, match="load a filled syringe"):
        gun.arm()
    with pytest.raises(DeviceRefusedError, match="arm it before firing"):
        gun.fire(1)
    factors = CalibrationFactors(1, 10.6, 0.0, 1.0, None, None)
    with pytest.raises(DeviceRefusedError, match="technician mode") as caught:
        gun.write_calibration(factors)
    assert caught.value.status is Status.NOT_PERMITTED
    assert gun.set_technician_mode(True, access_code=1234)
    assert gun.write_calibration(factors).volume_per_step_nl == 10.6
    assert gun.read_calibration().calibration_id == 1


def test_an_active_alarm_blocks_arming_and_names_the_alarm(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    gun = url_bench.open()
    ready_to_fire(gun)
    gun.arm()
    url_bench.gun.set_occlusion(True)
    gun.fire(1)
    assert url_bench.gun.wait_until(lambda: AlarmCode.OCCLUSION in url_bench.gun.alarms, 5.0)
    with pytest.raises(DeviceAlarmError, match="OCCLUSION") as caught:
        gun.arm()
    assert AlarmCode.OCCLUSION in caught.value.alarms


def test_a_gun_with_another_message_table_is_refused_clearly(
    url_bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mesogun.link.handshake.HOST_SCHEMA_HASH", 0x12345678)
    with pytest.raises(ProtocolMismatchError, match=r"message table .* differs.*Update mesogun"):
        url_bench.open()


def test_a_gun_with_another_protocol_version_is_refused_clearly(
    url_bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mesogun.link.handshake.PROTOCOL_VERSION", 2)
    with pytest.raises(ProtocolMismatchError, match=r"protocol version 1, this software version 2"):
        url_bench.open()
