"""Each way pyserial reports an unplug ends in one lost connection, then one reconnection."""

from __future__ import annotations

import errno
import termios
import threading

import pytest
import serial
from link_bench import Bench
from pytest_mock import MockerFixture

from mesogun.errors import LinkLostError
from mesogun.injector import ConnectionState
from simulators import protocol_simgun

SYMPTOMS = [
    ("read", serial.SerialException("device reports readiness to read but returned no data")),
    ("read", termios.error(errno.EIO, "Input/output error")),
    ("in_waiting", OSError(errno.EIO, "Input/output error")),
]
IDS = ["readiness-without-data", "termios-error", "eio-from-in-waiting"]


class States:
    def __init__(self) -> None:
        self.seen: list[ConnectionState] = []
        self._cond = threading.Condition()

    def __call__(self, state: ConnectionState, detail: str) -> None:
        with self._cond:
            self.seen.append(state)
            self._cond.notify_all()

    def wait_for(self, count: int, timeout_s: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: len(self.seen) >= count, timeout_s)


def _break(mocker: MockerFixture, attribute: str, error: Exception) -> None:
    """Make every simulated port (this one and any reopened one) fail like an unplugged device."""
    if attribute == "in_waiting":
        mocker.patch.object(
            protocol_simgun.Serial, "in_waiting", new_callable=mocker.PropertyMock, side_effect=error
        )
    else:
        mocker.patch.object(protocol_simgun.Serial, attribute, side_effect=error)
    # Writers fail too, as they do on a vanished port: the heartbeat and the reader race to report it.
    mocker.patch.object(protocol_simgun.Serial, "write", side_effect=serial.SerialException("write failed"))


@pytest.mark.parametrize(("attribute", "error"), SYMPTOMS, ids=IDS)
def test_each_unplug_symptom_is_one_lost_connection(
    url_bench: Bench, mocker: MockerFixture, attribute: str, error: Exception
) -> None:
    states = States()
    gun = url_bench.open(reconnect=False)
    gun.subscribe_connection(states)
    _break(mocker, attribute, error)
    assert states.wait_for(1)
    with pytest.raises(LinkLostError, match="Check the USB cable"):
        gun.status()
    assert states.seen == [ConnectionState.LOST]
    assert gun.connection_state is ConnectionState.LOST


@pytest.mark.parametrize(("attribute", "error"), SYMPTOMS, ids=IDS)
def test_after_an_unplug_symptom_the_link_reconnects_once_the_port_works(
    url_bench: Bench, mocker: MockerFixture, attribute: str, error: Exception
) -> None:
    states = States()
    gun = url_bench.open()
    gun.subscribe_connection(states)
    _break(mocker, attribute, error)
    assert states.wait_for(1)
    mocker.stopall()  # the cable is back
    assert gun.wait_connected(10.0)
    assert states.wait_for(2)
    assert states.seen == [ConnectionState.RECONNECTING, ConnectionState.CONNECTED]
    assert gun.status().config_id == 0
    assert gun.info.serial_number == "SIM-0001"
