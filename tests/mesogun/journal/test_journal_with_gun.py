"""The journal as the event sink of a real Injector talking to the simulated gun (in-process URL)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from firmware_protocol import DeviceState, Mode
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.models import Technique
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun
from simulators import registry

TIMEOUT_S = 30.0


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _wait_for_count(expected: int, read: Callable[[], int]) -> None:
    _wait(lambda: read() == expected, f"shot {expected}")


@pytest.fixture
def gun(tmp_path: Path) -> Iterator[SimulatedGunHandle]:
    handle = start_simulated_gun(
        f"journal-{tmp_path.name}",
        serial_number="SIM-0042",
        clock_scale=20,
        journal_path=tmp_path / "gun.journal",
    )
    yield handle
    handle.close()


def _configure_point(injector: Injector, journal: SqliteJournal, session_id: str) -> None:
    config_id = injector.configure(Mode.SINGLE, 4.0, 50.0, 50.0)
    journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=injector.info.serial_number,
        config_id=config_id,
        technique=Technique.POINT_PAR_POINT,
        mode=Mode.SINGLE,
        depth_mm=4.0,
        volume_ul=50.0,
        flow_ul_s=50.0,
        burst_rate_per_s=1.0,
        limits_version="limits-2025.1",
        operator="Dr Claire Martin",
    )


def _open(journal: SqliteJournal) -> str:
    return journal.open_session(
        patient_pseudonym="MST-0042", practitioner="Dr Claire Martin", indication="test", limits_version="v1"
    )


def test_every_shot_the_gun_delivers_is_one_dose(gun: SimulatedGunHandle, journal: SqliteJournal) -> None:
    truth = registry.get_gun(gun.name).truth
    with Injector.open(url=gun.url, event_sink=journal) as injector:
        injector.load_syringe(5, 4000.0)
        injector.prime(20.0)
        _wait(lambda: injector.status().state is DeviceState.IDLE, "the end of priming")
        session_id = _open(journal)
        _configure_point(injector, journal, session_id)
        injector.arm()
        for count in range(1, 4):
            injector.fire()
            _wait_for_count(count, lambda: journal.delivered_per_point(session_id).get(0, (0, 0.0))[0])
        injector.disarm()
        last = injector.status().last_event_number
        _wait(lambda: journal.last_event_number(gun.serial_number) == last, "every event stored")

    doses = journal.doses(session_id)
    assert [d.event_number for d in doses] == [shot.event_number for shot in truth.shots]
    assert all(d.result.value == "complete" and d.delivered_volume_ul == 50.0 for d in doses)
    # The prime is journaled as a device event, not as a dose.
    assert len(doses) == 3 and last > 3
    assert journal.verify().ok


def test_shots_not_journaled_yet_are_fetched_on_connection(
    gun: SimulatedGunHandle, journal: SqliteJournal
) -> None:
    truth = registry.get_gun(gun.name).truth
    session_id = _open(journal)
    # A host without a sink: the gun keeps its events unacknowledged.
    with Injector.open(url=gun.url) as injector:
        injector.load_syringe(5, 4000.0)
        _configure_point(injector, journal, session_id)
        injector.arm()
        for count in range(1, 3):
            injector.fire()
            _wait_for_count(count, lambda: len(truth.shots))
        injector.disarm()
        last = injector.status().last_event_number
    assert journal.doses(session_id) == []

    with Injector.open(url=gun.url, event_sink=journal):
        _wait(lambda: journal.last_event_number(gun.serial_number) == last, "the backlog")
    with Injector.open(url=gun.url, event_sink=journal) as injector:
        assert injector.status().last_event_number == last

    assert [d.event_number for d in journal.doses(session_id)] == [s.event_number for s in truth.shots]
    assert journal.delivered_per_point(session_id) == {0: (2, 100.0)}
