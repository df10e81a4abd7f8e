"""The simulated gun keeps to this machine and to one host: its TCP server listens on loopback unless
told otherwise, refuses a second client while one holds the gun, and its memory file is owner-only."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial
from wire import Wire

from firmware_protocol.enums import DeviceState
from firmware_protocol.messages import GetStatus, StatusReply
from mesogun.simulation import memory_beside, start_simulated_gun
from simulators.gun import SimulatedGun
from simulators.servers import RemoteListenRefused, TcpServer


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_a_second_client_is_refused_while_the_first_holds_the_gun(gun: SimulatedGun) -> None:
    with TcpServer(gun) as server, serial.serial_for_url(server.url, timeout=0) as first:
        wire = Wire(first)
        assert wire.hello().serial_number == "SIM-0001"
        host, port = server.host, server.port
        with socket.create_connection((host, port), timeout=5) as intruder:
            intruder.settimeout(5)
            assert intruder.recv(1) == b""  # closed by the server at once
        assert server.refused_clients == 1
        assert wire.call(GetStatus(), StatusReply).state == DeviceState.IDLE  # the first is still served


def test_a_client_that_hung_up_is_not_holding_the_gun(gun: SimulatedGun) -> None:
    with TcpServer(gun) as server:
        with serial.serial_for_url(server.url, timeout=0) as first:
            Wire(first).hello()
        with serial.serial_for_url(server.url, timeout=0) as second:
            assert Wire(second).hello().serial_number == "SIM-0001"
        assert server.refused_clients == 0


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "example.org"])
def test_listening_beyond_loopback_needs_an_explicit_option(gun: SimulatedGun, host: str) -> None:
    with pytest.raises(RemoteListenRefused, match="no authentication"):
        TcpServer(gun, host=host)


def test_listening_on_every_interface_when_asked(gun: SimulatedGun) -> None:
    server = TcpServer(gun, host="0.0.0.0", allow_remote=True)
    with server, serial.serial_for_url(f"socket://127.0.0.1:{server.port}", timeout=0) as port:
        assert Wire(port).hello().serial_number == "SIM-0001"


def test_the_console_refuses_a_remote_host_without_the_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "simulators.cli", "tcp", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""  # no URL announced: nothing listens
    assert "allow remote" in result.stderr and "Traceback" not in result.stderr


def test_the_memory_beside_the_journal_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    memory = memory_beside(tmp_path / "journal.sqlite3")
    handle = start_simulated_gun("exposure-memory", journal_path=memory)
    try:
        assert memory.exists()
        assert stat.S_IMODE(memory.stat().st_mode) == 0o600
    finally:
        handle.close()


def test_an_older_open_memory_file_is_tightened(tmp_path: Path) -> None:
    memory = tmp_path / "gun.events"
    memory.write_text("", encoding="utf-8")
    memory.chmod(0o644)
    SimulatedGun(memory).close()
    assert stat.S_IMODE(memory.stat().st_mode) == 0o600
