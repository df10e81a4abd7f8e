"""Device events become doses exactly once, attributed to the point configured with their config id."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from journal_builders import (
    PIROXICAM,
    PROCAINE,
    SERIAL,
    ConfirmedOverride,
    SteppingClock,
    configure,
    open_session,
    shot,
)

from firmware_protocol import AlarmCode, AlarmPriority, ShotResult
from mesogun.device_events import AlarmChanged, CalibrationWritten
from mesogun.journal import DoseResult, InvalidRecordError, SqliteJournal
from mesogun.limits import Override
from mesogun.models import Laterality, Range, Site


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_shots_become_doses_of_the_configured_point(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=11)
    configure(
        journal, session_id, point_index=1, config_id=12, site=Site.at_acupoint("HT7", Laterality.RIGHT)
    )
    journal.store(SERIAL, shot(1, 11))
    journal.store(SERIAL, shot(2, 12, volume_ul=60.0))
    journal.store(SERIAL, shot(3, 12, volume_ul=60.0))

    doses = journal.doses(session_id)

    assert [(d.event_number, d.point_index) for d in doses] == [(1, 0), (2, 1), (3, 1)]
    assert doses[1].acupoint_code == "HT7" and doses[1].laterality == "right"
    assert doses[1].delivered_volume_ul == 60.0
    assert journal.delivered_per_point(session_id) == {0: (1, 50.0), 1: (2, 120.0)}


def test_a_duplicate_event_is_stored_once_even_after_reopening(journal_file: Path) -> None:
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
        journal.store(SERIAL, shot(1, 5))
        journal.store(SERIAL, shot(1, 5))
    with SqliteJournal(journal_file) as journal:
        journal.store(SERIAL, shot(1, 5))
        assert journal.delivered_per_point(session_id) == {0: (1, 50.0)}
        assert journal.last_event_number(SERIAL) == 1
        journal.add_note(session_id, "after the repeats", "Dr Claire Martin")  # follows the last row kept
        assert journal.verify().ok
    assert _count(journal_file, "device_events") == 1
    assert _count(journal_file, "doses") == 1


def test_the_same_event_number_from_another_gun_is_another_event(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    configure(journal, session_id, point_index=1, config_id=5, serial="SIM-0002")
    journal.store(SERIAL, shot(1, 5))
    journal.store("SIM-0002", shot(1, 5))

    assert journal.delivered_per_point(session_id) == {0: (1, 50.0), 1: (1, 50.0)}
    assert journal.last_event_number("SIM-0002") == 1
    assert journal.last_event_number("SIM-9999") == 0


def test_a_shot_with_no_configured_point_is_kept_as_a_device_event_only(
    journal: SqliteJournal, journal_file: Path
) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 99))  # a calibration shot: config 99 belongs to no session point

    assert journal.doses(session_id) == []
    assert journal.last_event_number(SERIAL) == 1
    assert _count(journal_file, "device_events") == 1


def test_other_device_events_are_stored_and_not_doses(journal: SqliteJournal, journal_file: Path) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    moment = shot(1, 5).device_time
    journal.store(SERIAL, AlarmChanged(1, moment, AlarmCode.OCCLUSION, AlarmPriority.HIGH, True))
    journal.store(SERIAL, CalibrationWritten(2, moment, 7, 10.6, 0.0))

    assert journal.doses(session_id) == []
    assert journal.last_event_number(SERIAL) == 2
    with sqlite3.connect(journal_file) as connection:
        kinds = [row[0] for row in connection.execute("SELECT kind FROM device_events ORDER BY event_number")]
        payload = connection.execute(
            "SELECT payload_json FROM device_events WHERE event_number = 1"
        ).fetchone()[0]
    assert kinds == ["AlarmChanged", "CalibrationWritten"]
    assert '"code":"OCCLUSION"' in payload


@pytest.mark.parametrize(
    ("result", "cause", "delivered_ul", "expected", "alarm"),
    [
        (ShotResult.COMPLETE, AlarmCode.NONE, 50.0, DoseResult.COMPLETE, None),
        (ShotResult.PARTIAL, AlarmCode.OCCLUSION, 31.5, DoseResult.PARTIAL, "occlusion"),
        (ShotResult.PARTIAL, AlarmCode.STOPPED, 12.0, DoseResult.CANCELLED, "stopped"),
        (ShotResult.FAILED, AlarmCode.SYRINGE_EMPTY, 0.0, DoseResult.FAILED, "syringe_empty"),
        (ShotResult.INTERRUPTED, AlarmCode.POWER_LOSS, 22.0, DoseResult.PARTIAL, "power_loss"),
        (ShotResult.INTERRUPTED, AlarmCode.POWER_LOSS, 0.0, DoseResult.FAILED, "power_loss"),
    ],
)
def test_dose_result_and_alarm_come_from_the_device(
    journal: SqliteJournal,
    result: ShotResult,
    cause: AlarmCode,
    delivered_ul: float,
    expected: DoseResult,
    alarm: str | None,
) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5, delivered_ul=delivered_ul, result=result, cause=cause))

    (dose,) = journal.doses(session_id)
    assert (dose.result, dose.alarm, dose.delivered_volume_ul) == (expected, alarm, delivered_ul)


def test_a_failed_shot_is_not_counted_as_a_shot_done(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5, delivered_ul=0.0, result=ShotResult.FAILED, cause=AlarmCode.OCCLUSION))
    journal.store(SERIAL, shot(2, 5, delivered_ul=20.0, result=ShotResult.PARTIAL, cause=AlarmCode.OCCLUSION))

    assert journal.delivered_per_point(session_id) == {0: (1, 20.0)}


def test_a_shot_whose_dose_is_refused_leaves_no_device_event(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)

    with pytest.raises(InvalidRecordError, match="delivered_volume_ul"):
        journal.store(SERIAL, shot(1, 5, delivered_ul=float("nan")))

    # Event and dose share one transaction: the event is not half-stored, so the link will not ack it.
    assert journal.last_event_number(SERIAL) == 0
    journal.store(SERIAL, shot(1, 5))
    assert journal.delivered_per_point(session_id) == {0: (1, 50.0)}


def test_doses_carry_the_syringe_contents_at_the_time(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5, volume_ul=100.0))
    new_lot = PROCAINE.model_copy(update={"lot": "PRC-2502"})
    journal.record_syringe_change(session_id, [new_lot], operator="IDE Paul", capacity_ml=5, fill_ul=5000.0)
    journal.store(SERIAL, shot(2, 5, volume_ul=100.0))

    first, second = journal.doses(session_id)
    assert (first.product, first.lot) == ("Procaïne + Piroxicam", "PRC-2411 + PXM-0917")
    assert (second.product, second.lot) == ("Procaïne", "PRC-2502")
    totals = {(t.name, t.lot): t.delivered_ul for t in journal.session(session_id).totals}
    assert totals == {
        ("Procaïne", "PRC-2411"): 75.0,
        ("Piroxicam", PIROXICAM.lot): 25.0,
        ("Procaïne", "PRC-2502"): 100.0,
    }


def test_overrides_are_stamped_on_the_doses_of_their_configuration(
    journal: SqliteJournal, clock: SteppingClock
) -> None:
    session_id = open_session(journal)
    deeper = ConfirmedOverride(
        "depth_mm", 6.5, 6.0, "thick skin on this patient", "Dr Claire Martin", clock()
    )
    configure(journal, session_id, point_index=0, config_id=5, overrides=(deeper,))
    journal.store(SERIAL, shot(1, 5))
    configure(journal, session_id, point_index=1, config_id=6)
    journal.store(SERIAL, shot(2, 6))
    cap = ConfirmedOverride(
        "volume_ul", 1200.0, 1000.0, "second syringe planned", "Dr Claire Martin", clock()
    )
    journal.record_override(session_id, cap, point_index=1)
    journal.store(SERIAL, shot(3, 6))

    first, second, third = journal.doses(session_id)
    assert [o.reason for o in first.overrides] == ["thick skin on this patient"]
    assert second.overrides == ()
    assert third.override_reason == "volume_ul: second syringe planned"
    assert len(journal.session(session_id).overrides) == 2


def test_an_override_without_a_reason_is_refused(journal: SqliteJournal, clock: SteppingClock) -> None:
    session_id = open_session(journal)
    empty = ConfirmedOverride("depth_mm", 6.5, 6.0, "  ", "Dr Claire Martin", clock())
    with pytest.raises(InvalidRecordError, match=r"override\.reason"):
        configure(journal, session_id, point_index=0, config_id=5, overrides=(empty,))
    assert journal.session(session_id).overrides == ()


def test_a_shot_arriving_after_the_session_closed_is_not_added_to_it(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=1)
    journal.store(SERIAL, shot(1, 1))
    journal.close_session(session_id, "completed")
    # The gun restarted and reuses config id 1 for a bench test: not a dose of the closed session.
    journal.store(SERIAL, shot(2, 1))

    assert [d.event_number for d in journal.doses(session_id)] == [1]
    assert journal.last_event_number(SERIAL) == 2


def test_the_link_thread_and_the_runner_thread_write_at_once(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    errors: list[BaseException] = []

    def link() -> None:
        try:
            for number in range(1, 151):
                journal.store(SERIAL, shot(number, 5, volume_ul=10.0))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    thread = threading.Thread(target=link)
    thread.start()
    for index in range(50):
        journal.add_note(session_id, f"observation {index}", "IDE Paul")
    thread.join(timeout=60)

    assert errors == []
    assert journal.delivered_per_point(session_id) == {0: (150, 1500.0)}
    assert len(journal.session(session_id).notes) == 50
    assert journal.verify().ok


def test_two_journals_on_one_file_append_to_one_chain(journal_file: Path) -> None:
    first = SqliteJournal(journal_file)
    second = SqliteJournal(journal_file)
    try:
        session_id = open_session(first)
        configure(second, session_id, point_index=0, config_id=5)
        for number in range(1, 21):
            (first if number % 2 else second).store(SERIAL, shot(number, 5))
        report = first.verify()
    finally:
        first.close()
        second.close()
    assert report.ok, report.first_broken
    assert report.rows_checked == 2 + 20 * 2


def test_an_override_from_the_limits_library_records_the_bound_crossed(
    journal: SqliteJournal, clock: SteppingClock
) -> None:
    session_id = open_session(journal)
    override = Override(
        field="depth_mm",
        value=6.5,
        limit=Range(minimum=2.0, maximum=6.0),
        reason="deep point on a thick skin",
        confirmed_by="Dr Claire Martin",
        at=clock(),
    )
    configure(journal, session_id, point_index=0, config_id=5, overrides=(override,))
    journal.store(SERIAL, shot(1, 5))

    (dose,) = journal.doses(session_id)
    assert [(o.field, o.value, o.limit) for o in dose.overrides] == [("depth_mm", 6.5, 6.0)]
