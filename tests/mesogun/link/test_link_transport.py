"""Every way an unplug shows up in pyserial becomes one LinkLost; frames go out in one write."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import termios
import tty
from collections.abc import Iterator
from typing import Any

import pytest
import serial
from pytest_mock import MockerFixture

from firmware_protocol.codec import encode_message
from firmware_protocol.messages import GetStatus
from mesogun.link.transport import LinkLost, Transport


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """A raw pseudo-terminal: (the device's end as a descriptor, the host's end as a path)."""
    device_fd, host_fd = os.openpty()
    tty.setraw(device_fd)
    path = os.ttyname(host_fd)
    os.close(host_fd)
    yield device_fd, path
    with contextlib.suppress(OSError):
        os.close(device_fd)


def _unplugged_port(mocker: MockerFixture) -> Any:
    """A port that, like a real unplugged USB device, still claims to be open."""
    port = mocker.MagicMock(spec=serial.Serial)
    port.is_open = True
    port.fileno.side_effect = io.UnsupportedOperation("no descriptor")
    port.in_waiting = 0
    return port


@pytest.mark.parametrize(
    "error",
    [
        serial.SerialException("device reports readiness to read but returned no data"),
        OSError(errno.EIO, "Input/output error"),
        termios.error(5, "Input/output error"),
    ],
    ids=["readiness-without-data", "eio", "termios"],
)
def test_each_unplug_symptom_on_read_is_one_link_lost(mocker: MockerFixture, error: Exception) -> None:
    port = _unplugged_port(mocker)
    port.read.side_effect = error
    transport = Transport(port, "/dev/ttyACM0")
    with pytest.raises(LinkLost, match="/dev/ttyACM0"):
        transport.receive(0.01)


def test_in_waiting_failing_with_eio_is_link_lost(mocker: MockerFixture) -> None:
    port = _unplugged_port(mocker)
    type(port).in_waiting = mocker.PropertyMock(side_effect=OSError(errno.EIO, "Input/output error"))
    transport = Transport(port, "/dev/ttyACM0")
    with pytest.raises(LinkLost):
        transport.receive(0.01)


@pytest.mark.parametrize(
    "error",
    [
        serial.SerialTimeoutException("Write timeout"),
        OSError(errno.EIO, "Input/output error"),
        termios.error(5),
    ],
    ids=["write-timeout", "eio", "termios"],
)
def test_each_unplug_symptom_on_write_is_one_link_lost(mocker: MockerFixture, error: Exception) -> None:
    port = _unplugged_port(mocker)
    port.write.side_effect = error
    transport = Transport(port, "/dev/ttyACM0")
    with pytest.raises(LinkLost):
        transport.send(encode_message(GetStatus(), 1))


def test_a_frame_is_written_in_one_call(mocker: MockerFixture) -> None:
    port = _unplugged_port(mocker)
    transport = Transport(port, "/dev/ttyACM0")
    frame = encode_message(GetStatus(), 7)
    transport.send(frame)
    port.write.assert_called_once_with(frame)


def test_a_port_without_descriptor_reads_with_a_timeout_set(mocker: MockerFixture) -> None:
    port = _unplugged_port(mocker)
    Transport(port, "simgun://bench")
    assert port.timeout is not None and port.timeout > 0


def test_frames_arrive_whole_from_a_real_pty(pty_pair: tuple[int, str]) -> None:
    device_fd, path = pty_pair
    transport = Transport.open(path)
    try:
        first, second = encode_message(GetStatus(), 1), encode_message(GetStatus(), 2)
        os.write(device_fd, first + second[:3])
        frames = transport.receive(1.0)
        os.write(device_fd, second[3:])
        while len(frames) < 2:
            frames += transport.receive(1.0)
        assert [f.seq for f in frames] == [1, 2]
    finally:
        transport.close()


def test_a_real_pty_closed_by_the_device_is_link_lost(pty_pair: tuple[int, str]) -> None:
    device_fd, path = pty_pair
    transport = Transport.open(path)
    try:
        os.close(device_fd)
        with pytest.raises(LinkLost):
            for _ in range(100):  # the first read after the close fails on Linux; never loop for good
                transport.receive(0.1)
    finally:
        transport.close()


def test_opening_a_missing_port_is_link_lost() -> None:
    with pytest.raises(LinkLost, match="cannot open"):
        Transport.open("/dev/does-not-exist-mesogun")
