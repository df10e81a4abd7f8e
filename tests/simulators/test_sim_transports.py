"""The gun opened like hardware: in-process URL, pseudo-terminal, loopback TCP, console command."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial
from wire import Wire, arm

from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.messages import GetStatus, ShotEvent, StatusReply
from simulators import registry
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer, TcpServer

LINK_ERRORS = (serial.SerialException, OSError)


def _link_fails(wire: Wire) -> bool:
    """True once the host sees the device gone (a read or write raises)."""
    try:
        wire.pump(0.05)
        wire.send(GetStatus())
    except LINK_ERRORS:
        return True
    return False


def _fails_within(wire: Wire, timeout_s: float) -> bool:
    """True once a read or write fails, within ``timeout_s`` (only the reads of the probe itself:
    the failure is what is awaited, whichever read meets it first)."""
    deadline = time.monotonic() + timeout_s
    while not _link_fails(wire):
        if time.monotonic() >= deadline:
            return False
    return True


def test_unplugged_gun_fails_reads_writes_and_opens_until_replugged(gun: SimulatedGun, gun_url: str) -> None:
    port = serial.serial_for_url(gun_url, timeout=0.05)
    wire = Wire(port)
    boot_id = wire.hello().boot_id
    gun.unplug()
    with pytest.raises(serial.SerialException):
        port.read(1)
    with pytest.raises(serial.SerialException):
        port.write(b"\x00")
    with pytest.raises(serial.SerialException):
        serial.serial_for_url(gun_url)
    gun.replug()
    with serial.serial_for_url(gun_url, timeout=0.05) as reopened:
        again = Wire(reopened)
        assert again.hello().boot_id == boot_id  # same power-on: nothing was lost
        assert again.call(GetStatus(), StatusReply).state == DeviceState.IDLE
    port.close()


def test_the_same_port_object_works_again_after_a_replug(gun: SimulatedGun, gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port)
        wire.hello()
        gun.unplug()
        gun.replug()
        with pytest.raises(serial.SerialException):
            port.read(1)  # the loss is reported once
        assert Wire(port).hello().serial_number == gun.serial_number  # then a new connection


@pytest.fixture
def pty_server(gun: SimulatedGun) -> Iterator[PtyServer]:
    server = PtyServer(gun)
    yield server
    server.close()


def test_pty_server_serves_a_real_serial_port(pty_server: PtyServer, gun: SimulatedGun) -> None:
    with serial.Serial(pty_server.path, timeout=0) as port:
        wire = Wire(port)
        wire.hello()
        arm(wire, Mode.SINGLE)
        gun.pull_trigger()
        shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert shot.event_number == gun.truth.shots[0].event_number


def test_pty_unplug_is_an_io_error_and_replug_brings_a_new_path(pty_server: PtyServer) -> None:
    old_path = pty_server.path
    with serial.Serial(old_path, timeout=0) as port:
        wire = Wire(port)
        wire.hello()
        pty_server.unplug()
        assert _fails_within(wire, 5)
    pty_server.replug()
    assert pty_server.path != old_path
    with serial.Serial(pty_server.path, timeout=0) as port:
        Wire(port).hello()


def test_pty_follows_a_power_cycle_of_the_gun(pty_server: PtyServer, gun: SimulatedGun) -> None:
    old_path = pty_server.path
    gun.power_cycle()
    assert gun.wait_until(lambda: pty_server.path != old_path, 5)
    with serial.Serial(pty_server.path, timeout=0) as port:
        assert Wire(port).hello().boot_id == gun.boot_id


def test_tcp_server_serves_socket_urls_and_drops_the_client_on_unplug(gun: SimulatedGun) -> None:
    with TcpServer(gun) as server:
        assert server.url.startswith("socket://127.0.0.1:")
        with serial.serial_for_url(server.url, timeout=0) as port:
            wire = Wire(port)
            assert wire.hello().serial_number == "SIM-0001"
            server.unplug()
            assert _fails_within(wire, 5)
        server.replug()
        with serial.serial_for_url(server.url, timeout=0) as port:
            again = Wire(port)
            again.hello()  # a new connection
            assert again.call(GetStatus(), StatusReply).state == DeviceState.IDLE


def _start_console(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "simulators.cli", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_console_serves_tcp_prints_the_url_first_and_obeys_the_control_line() -> None:
    process = _start_console("tcp", "--port", "0", "--scale", "20", "--serial", "CLI-7")
    try:
        assert process.stdout is not None and process.stdin is not None
        url = process.stdout.readline().strip()
        assert url.startswith("socket://127.0.0.1:")
        with serial.serial_for_url(url, timeout=0) as port:
            wire = Wire(port)
            assert wire.hello().serial_number == "CLI-7"
            process.stdin.write("h\n")
            process.stdin.flush()
            assert wire.wait_for(lambda: wire.call(GetStatus(), StatusReply).trigger_pressed == 1, 10)
        process.stdin.write("q\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()


def test_console_serves_a_pty_and_prints_its_path_first() -> None:
    process = _start_console("pty", "--scale", "20")
    try:
        assert process.stdout is not None and process.stdin is not None
        path = process.stdout.readline().strip()
        with serial.Serial(path, timeout=0) as port:
            assert Wire(port).hello().serial_number == "SIM-0001"
        process.stdin.close()  # no control line: it keeps serving until a signal
        process.terminate()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()


def test_url_options_build_the_gun_and_unknown_options_are_refused(tmp_path: Path) -> None:
    journal = tmp_path / "bench.jsonl"
    url = f"simgun://bench-url?serial=BENCH-9&scale=20&journal={journal}&faults=drop%3D0.0"
    try:
        with serial.serial_for_url(url, timeout=0.05) as port:
            assert Wire(port).hello().serial_number == "BENCH-9"
        gun = registry.get_gun("bench-url")
        assert gun.clock.scale == 20
        assert gun.journal_path == journal and journal.exists()
        with serial.serial_for_url("simgun://bench-url", timeout=0.05) as port:  # the same gun again
            assert Wire(port).hello().boot_id == gun.boot_id
        with pytest.raises(serial.SerialException, match="colour"):
            serial.serial_for_url("simgun://other?colour=red")
    finally:
        registry.remove_gun("bench-url")
