"""Replication to a real PostgreSQL server: in order, exactly once, through kills and server restarts."""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import os
import random
import signal
import threading
import time
from collections.abc import Callable

import pytest
from clinic_builders import Clinic, Desk

from mesogun.clinic.local_rows import LocalJournalRows
from mesogun.clinic.replicator import ReplicatorThread, SyncState, sync_once


def local_rows_of(desk: Desk) -> list[tuple[int, str]]:
    with LocalJournalRows(desk.path) as local:
        return [(row.seq, row.row_hash) for row in local.rows(0, 1_000_000)]


def wait_for(predicate: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Poll until ``predicate`` holds (a generous bound against a hang, not a speed requirement)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_sync_ships_every_row_once_in_order_and_anchors_the_head(clinic: Clinic, desk1: Desk) -> None:
    desk1.session()
    desk1.session(patient="LMB-0007")

    first = sync_once(desk1.path, clinic.conninfo("room1"), batch_rows=7)
    again = sync_once(desk1.path, clinic.conninfo("room1"), batch_rows=7)

    expected = local_rows_of(desk1)
    assert clinic.rows_of("room1") == expected
    assert first.rows_shipped == len(expected) and first.batches == -(-len(expected) // 7)
    assert again.rows_shipped == 0
    assert clinic.head_of("room1") == desk1.head() == expected[-1][0]


def _sync_process(desk: Desk, conninfo: str) -> multiprocessing.process.BaseProcess:
    """``sync_once`` in a process of its own, forked from a server that imported it once (fast to start)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mesogun.clinic.replicator", "psycopg"])
    process = context.Process(target=sync_once, args=(desk.path, conninfo), kwargs={"batch_rows": 10})
    process.start()
    return process


def test_replicator_killed_mid_batch_twenty_times_leaves_each_row_exactly_once(
    clinic: Clinic, desk1: Desk
) -> None:
    import psycopg

    session_id = desk1.open()
    conninfo = clinic.conninfo("room1")
    rng = random.Random(20)
    kills = attempts = 0
    with psycopg.connect(clinic.conninfo(), autocommit=True) as watcher:

        def clinic_head() -> int:
            found = watcher.execute(
                "SELECT head_seq FROM clinic.stations WHERE station_id = 'room1'"
            ).fetchone()
            return int(found[0]) if found else 0

        while kills < 20 and attempts < 60:
            attempts += 1
            desk1.notes(session_id, 150)
            before = clinic_head()
            process = _sync_process(desk1, conninfo)
            # Kill once this round's first batch is in, while the next ones are being sent.
            while clinic_head() == before and process.is_alive():
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.005))
            assert process.pid is not None
            os.kill(process.pid, signal.SIGKILL)
            process.join()
            if process.exitcode == -signal.SIGKILL and before < clinic_head() < desk1.head():
                kills += 1
            held = clinic.rows_of("room1")
            # Whatever moment the kill hit: a gap-free prefix of the desk's rows, none twice.
            assert held == local_rows_of(desk1)[: len(held)]
            assert clinic_head() == len(held)
    assert kills == 20
    sync_once(desk1.path, conninfo)
    assert clinic.rows_of("room1") == local_rows_of(desk1)


def test_session_goes_on_while_the_server_is_down_and_the_backlog_ships_on_restart(
    clinic: Clinic, desk1: Desk
) -> None:
    states: list[SyncState] = []
    replicator = ReplicatorThread(
        desk1.path, clinic.conninfo("room1"), interval_s=0.1, max_backoff_s=0.3, on_state=states.append
    )
    replicator.start()
    try:
        session_id = desk1.open()
        config_id = desk1.point(session_id, 0)
        desk1.shot(config_id)
        assert wait_for(lambda: clinic.head_of("room1") == desk1.head())

        clinic.server.stop()
        try:
            for index in range(1, 4):  # the session goes on: every write is local and durable
                config_id = desk1.point(session_id, index)
                desk1.shot(config_id)
                desk1.shot(config_id)
            desk1.journal.close_session(session_id, "completed")
            assert wait_for(lambda: any(not state.connected for state in states))
        finally:
            clinic.server.start()

        assert wait_for(lambda: clinic.head_of("room1") == desk1.head())
    finally:
        replicator.stop()
    assert clinic.rows_of("room1") == local_rows_of(desk1)
    assert replicator.state.connected and replicator.state.last_sync_at is not None


def test_two_stations_ship_at_once_without_conflict(clinic: Clinic, desk1: Desk, desk2: Desk) -> None:
    errors: list[BaseException] = []

    def room(desk: Desk, login: str) -> None:
        try:
            for _ in range(4):
                desk.session(points=2, shots=3)
                sync_once(desk.path, clinic.conninfo(login), batch_rows=5)
        except BaseException as error:  # reported below, on the test's thread
            errors.append(error)

    threads = [
        threading.Thread(target=room, args=(desk1, "room1")),
        threading.Thread(target=room, args=(desk2, "room2")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert clinic.rows_of("room1") == local_rows_of(desk1)
    assert clinic.rows_of("room2") == local_rows_of(desk2)
    verdicts = clinic.query("SELECT station_id, verdict FROM clinic.stations ORDER BY station_id")
    assert verdicts == [("room1", "ok"), ("room2", "ok")]


def test_a_station_cannot_send_rows_in_another_stations_name(clinic: Clinic, desk1: Desk) -> None:
    import psycopg

    desk1.session()
    with LocalJournalRows(desk1.path) as local:
        row = local.rows(0, 1)[0]
    with (
        psycopg.connect(clinic.conninfo("room1")) as connection,
        pytest.raises(psycopg.DatabaseError, match="may only send its own rows"),
    ):
        connection.execute(
            "INSERT INTO clinic.journal_rows (station_id, seq, table_name, prev_hash, row_hash, "
            "recorded_at, canonical) VALUES ('room2', %s, %s, %s, %s, %s, %s)",
            (row.seq, row.table, row.prev_hash, row.row_hash, row.recorded_at, row.canonical),
        )
    assert clinic.rows_of("room2") == []
