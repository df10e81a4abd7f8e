"""Finding the gun among the serial ports, and again after it came back under another name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_mock import MockerFixture
from serial.tools.list_ports_common import ListPortInfo

from mesogun import ports
from mesogun.errors import DeviceNotFoundError
from mesogun.injector import Injector
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer

COMPORTS = "serial.tools.list_ports.comports"


def _usb_port(device: str, serial_number: str, product: str = "MesoGun S1") -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid = 0x2E8A, 0x000A
    info.serial_number = serial_number
    info.product = product
    info.description = product
    return info


@pytest.fixture
def served(tmp_path: Path) -> Iterator[PtyServer]:
    gun = SimulatedGun(tmp_path / "journal.jsonl", clock_scale=20.0)
    server = PtyServer(gun)
    yield server
    server.close()
    gun.close()


def test_ports_show_usb_ids_and_serial_numbers(mocker: MockerFixture) -> None:
    mocker.patch(COMPORTS, return_value=[_usb_port("/dev/ttyACM0", "GUN-42"), ListPortInfo("/dev/ttyS0")])
    listed = ports.list_serial_ports()
    assert [(p.port, p.usb_id, p.serial_number, p.looks_like_gun) for p in listed] == [
        ("/dev/ttyACM0", "2E8A:000A", "GUN-42", True),
        ("/dev/ttyS0", "", "", False),
    ]
    assert ports.auto_detect() == "/dev/ttyACM0"
    assert ports.find_gun("GUN-42") == "/dev/ttyACM0"
    with pytest.raises(DeviceNotFoundError, match="serial number GUN-7"):
        ports.find_gun("GUN-7")


def test_a_gun_whose_port_was_renamed_is_found_by_its_usb_serial_number(
    served: PtyServer, mocker: MockerFixture
) -> None:
    # The USB device came back as another ttyACM: its old name is gone, its serial number is not.
    mocker.patch(COMPORTS, return_value=[_usb_port(served.path, "GUN-42")])
    with Injector.open("/dev/ttyACM-gone", serial_number="GUN-42") as gun:
        assert gun.info.serial_number == "SIM-0001"


def test_no_gun_at_all_is_reported_with_what_to_do(mocker: MockerFixture) -> None:
    mocker.patch(COMPORTS, return_value=[ListPortInfo("/dev/ttyS0")])
    with pytest.raises(DeviceNotFoundError, match="--port"):
        Injector.open()
