"""Diagnostics as a technician uses them: the gun's own log, self-test, counters and alarm history.

Everything runs against the simulated gun over the real pyserial path, with a real journal file.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from firmware_protocol import AlarmCode, AlarmPriority, DeviceState, Mode, ShotResult
from mesogun.device_events import AlarmChanged, Shot
from mesogun.diagnostics import (
    alarms_from_events,
    alarms_from_journal,
    device_report,
    download_event_log,
    newest_events_start,
    run_self_test,
    summarise_alarms,
)
from mesogun.errors import DeviceRefusedError, OutOfRangeError
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

_names = itertools.count()
WAIT_S = 20.0


@pytest.fixture
def gun(tmp_path: Path) -> Iterator[SimulatedGunHandle]:
    handle = start_simulated_gun(
        f"diag-{os.getpid()}-{next(_names)}", clock_scale=20.0, journal_path=tmp_path / "gun-journal"
    )
    yield handle
    handle.close()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[SqliteJournal]:
    with SqliteJournal(tmp_path / "journal.sqlite") as opened:
        yield opened


def _wait(predicate: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def _fire(injector: Injector, count: int, volume_ul: float = 5.0) -> int:
    injector.load_syringe(10, 10_000)
    injector.configure(Mode.SINGLE, 1.0, volume_ul, 500.0)
    injector.arm()
    first = injector.fire(count)
    _wait(lambda: injector.status().state is DeviceState.ARMED, "the shots to end")
    injector.disarm()
    return first


def test_the_log_lists_every_shot_fired_without_touching_the_journal_or_the_acknowledgements(
    gun: SimulatedGunHandle, journal: SqliteJournal
) -> None:
    with Injector.open(url=gun.url, event_sink=journal, timeout_s=2.0) as injector:
        first_shot = _fire(injector, 5)
        _wait(lambda: injector.status().acked_event_number == injector.status().last_event_number, "acks")
        before = injector.status()
        held_before = journal.last_event_number(gun.serial_number)
        log = download_event_log(injector, 1)
        assert injector.wait_events_handled(WAIT_S)
        after = injector.status()
    shots = log.shots()
    assert len(shots) == 5 and all(s.event_number >= first_shot for s in shots)
    assert all(s.result is ShotResult.COMPLETE and s.commanded_volume_ul == 5.0 for s in shots)
    assert [e.event_number for e in log.events] == list(range(1, before.last_event_number + 1))
    assert log.complete and not log.missing
    assert after.acked_event_number == before.acked_event_number == before.last_event_number
    assert journal.last_event_number(gun.serial_number) == held_before
    report = journal.verify()
    assert report.ok, report


def test_reading_the_log_without_a_journal_acknowledges_nothing(gun: SimulatedGunHandle) -> None:
    with Injector.open(url=gun.url, timeout_s=2.0) as injector:
        _fire(injector, 3)
        log = download_event_log(injector, 1)
        status = injector.status()
    assert len(log.shots()) == 3
    assert status.acked_event_number == 0  # the gun keeps its events for whoever journals them


def test_from_and_limit_select_a_window_of_the_log(gun: SimulatedGunHandle) -> None:
    with Injector.open(url=gun.url, timeout_s=2.0) as injector:
        _fire(injector, 4)
        newest = injector.status().last_event_number
        window = download_event_log(injector, 3, limit=2)
        tail = download_event_log(injector, newest_events_start(newest, 3), limit=3)
        beyond = download_event_log(injector, newest + 1)
        with pytest.raises(OutOfRangeError, match="from_event_number = 0"):
            download_event_log(injector, 0)
        with pytest.raises(OutOfRangeError, match="limit = 0"):
            download_event_log(injector, 1, limit=0)
    assert [e.event_number for e in window.events] == [3, 4]
    assert not window.complete
    assert [e.event_number for e in tail.events] == [newest - 2, newest - 1, newest]
    assert tail.complete
    assert beyond.events == () and beyond.device_last_event_number == newest


def test_self_test_verdict_passes_then_names_the_failed_check(gun: SimulatedGunHandle) -> None:
    with Injector.open(url=gun.url, timeout_s=2.0) as injector:
        passed = run_self_test(injector)
        gun.set_occlusion(True)
        failed = run_self_test(injector)
        gun.set_occlusion(False)
        injector.load_syringe(10, 10_000)
        injector.configure(Mode.SINGLE, 1.0, 5.0, 500.0)
        injector.arm()
        with pytest.raises(DeviceRefusedError):
            run_self_test(injector)  # only an idle gun tests itself
        injector.disarm()
    assert passed.passed and passed.failures == frozenset()
    assert not failed.passed and failed.failures == {AlarmCode.OCCLUSION}


def test_the_report_counts_shots_and_the_link(gun: SimulatedGunHandle) -> None:
    with Injector.open(url=gun.url, timeout_s=2.0) as injector:
        _fire(injector, 3)
        report = device_report(injector)
    assert report.info.serial_number == gun.serial_number
    assert report.counters.shot_counter == 3
    assert report.counters.power_cycles >= 1
    assert report.calibration.calibration_id == 0  # factory values
    assert report.link.requests > 5 and report.link.frames_ok > 5
    assert report.link.crc_errors == 0 and report.link.timeouts == 0
    assert 0.0 < report.link.rtt_p50_ms <= report.link.rtt_p99_ms


def test_alarm_history_from_the_gun_log_and_the_sessions(
    gun: SimulatedGunHandle, journal: SqliteJournal
) -> None:
    with Injector.open(url=gun.url, event_sink=journal, timeout_s=2.0) as injector:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="lombalgie",
            limits_version="limits-2025.1",
            device_serial=gun.serial_number,
        )
        other = journal.open_session(
            patient_pseudonym="MST-0043",
            practitioner="Dr Claire Martin",
            indication="lombalgie",
            limits_version="limits-2025.1",
            device_serial="ANOTHER-GUN",
        )
        injector.load_syringe(10, 10_000)
        injector.configure(Mode.SINGLE, 1.0, 20.0, 50.0)
        injector.arm()
        gun.set_occlusion(True)
        injector.fire(1)
        _wait(lambda: injector.status().state is DeviceState.FAULT, "the occlusion fault")
        journal.record_alarm(session_id, AlarmCode.OCCLUSION, point_index=2, operator="Dr Claire Martin")
        journal.record_alarm(other, AlarmCode.BATTERY_LOW, operator="Dr Claire Martin")
        gun.set_occlusion(False)
        injector.acknowledge_alarm()
        _wait(lambda: injector.status().state is DeviceState.IDLE, "the fault to clear")
        log = download_event_log(injector, 1)
    from_gun = alarms_from_events(log.events)
    from_sessions = alarms_from_journal(journal, gun.serial_number)
    assert [(a.code, a.raised) for a in from_gun] == [
        (AlarmCode.OCCLUSION, True),
        (AlarmCode.OCCLUSION, False),
    ]
    assert from_gun[0].event_number == next(e.event_number for e in log.events if isinstance(e, AlarmChanged))
    assert [(a.code, a.session_id, a.point_index) for a in from_sessions] == [
        (AlarmCode.OCCLUSION, session_id, 2)
    ]
    partial = [s for s in log.events if isinstance(s, Shot)]
    assert partial[-1].cause is AlarmCode.OCCLUSION
    (count,) = summarise_alarms([*from_gun, *from_sessions])
    assert count.code is AlarmCode.OCCLUSION and count.priority is AlarmPriority.HIGH
    assert (count.raised_on_gun, count.raised_in_sessions) == (1, 1)
