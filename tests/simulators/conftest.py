"""Fixtures for the simulated gun: a gun per test (fast clock, journal in tmp_path) and a host wire to it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial
from wire import Wire

import simulators.urlhandler  # noqa: F401  (registers simgun://)
from simulators import registry
from simulators.gun import SimulatedGun

SCALE = 20.0  # physics 20x faster than real time; the watchdog stays in wall time
_names = itertools.count(1)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "gun-journal.jsonl"


@pytest.fixture
def gun(journal_path: Path) -> Iterator[SimulatedGun]:
    device = SimulatedGun(journal_path, clock_scale=SCALE)
    yield device
    device.close()


@pytest.fixture
def gun_url(gun: SimulatedGun) -> Iterator[str]:
    """A ``simgun://`` URL that opens the ``gun`` fixture in-process."""
    name = f"test-gun-{next(_names)}"
    registry.register_gun(name, gun)
    yield f"simgun://{name}"
    registry.remove_gun(name)


@pytest.fixture
def wire(gun_url: str) -> Iterator[Wire]:
    """A host connection over the in-process URL, already past HELLO, kept alive."""
    port = serial.serial_for_url(gun_url, timeout=0.05)
    host = Wire(port)
    host.hello()
    yield host
    port.close()
