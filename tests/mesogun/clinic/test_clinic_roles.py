"""Who may do what in the clinic store: roles and grants, and append-only triggers for everyone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest
from clinic_builders import Clinic, Desk

from mesogun.cli import main
from mesogun.clinic.replicator import sync_once


@pytest.fixture
def shipped(clinic: Clinic, desk1: Desk) -> Clinic:
    desk1.session()
    sync_once(desk1.path, clinic.conninfo("room1"))
    return clinic


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE clinic.journal_rows SET recorded_at = 'x'",
        "DELETE FROM clinic.journal_rows",
        "TRUNCATE clinic.journal_rows",
        "UPDATE clinic.stations SET head_seq = 0",
        "DELETE FROM clinic.stations",
    ],
)
def test_a_station_reads_and_inserts_but_cannot_change_or_remove(shipped: Clinic, statement: str) -> None:
    with psycopg.connect(shipped.conninfo("room1")) as connection:
        assert connection.execute("SELECT count(*) FROM clinic.journal_rows").fetchone() == (
            len(shipped.rows_of("room1")),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(statement.encode())


def test_an_auditor_reads_and_cannot_insert(shipped: Clinic) -> None:
    with psycopg.connect(shipped.conninfo("auditor1"), autocommit=True) as connection:
        assert connection.execute("SELECT count(*) FROM clinic.stations").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO clinic.station_reports (station_id, local_head_seq, "
                "clinic_head_seq, verdict) VALUES ('auditor1', 0, 0, 'ok')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO clinic.journal_rows (station_id, seq, table_name, prev_hash, row_hash, "
                "recorded_at, canonical) SELECT station_id, seq + 1000, table_name, prev_hash, row_hash, "
                "recorded_at, canonical FROM clinic.journal_rows LIMIT 1"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("SELECT clinic.report_station(0, NULL, true, NULL)")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE clinic.journal_rows SET recorded_at = recorded_at",
        "DELETE FROM clinic.journal_rows WHERE seq = 1",
        "TRUNCATE clinic.journal_rows",
        "DELETE FROM clinic.station_reports",
        "DELETE FROM clinic.stations",
    ],
)
def test_rows_are_append_only_even_for_the_owner(shipped: Clinic, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        shipped.execute(statement)
    assert shipped.head_of("room1") == len(shipped.rows_of("room1"))


def test_backup_with_pg_dump_restores_with_pg_restore_and_the_chain_still_holds(
    shipped: Clinic, desk1: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = shipped.server
    dump = tmp_path / "clinic.dump"
    # As the README says: pg_dump in custom format, pg_restore into a new database.
    subprocess.run(
        [str(server.bindir / "pg_dump"), "--format=custom", f"--file={dump}", shipped.conninfo()],
        check=True,
    )
    shipped.execute("CREATE DATABASE restored")
    try:
        subprocess.run(
            [str(server.bindir / "pg_restore"), "--exit-on-error", f"--dbname={server.conninfo('restored')}",
             str(dump)],
            check=True,
        )  # fmt: skip
        restored = Clinic(server, "restored")
        assert restored.rows_of("room1") == shipped.rows_of("room1")
        assert restored.head_of("room1") == shipped.head_of("room1")
        assert main(["clinic", "status", "--clinic", restored.conninfo("auditor1")]) == 0
        assert "room1" in capsys.readouterr().out
        # The restored store goes on: the desk ships its next rows there, still append-only.
        desk1.session()
        sync_once(desk1.path, restored.conninfo("room1"))
        assert restored.head_of("room1") == desk1.head()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            restored.execute("DELETE FROM clinic.journal_rows")
    finally:
        shipped.execute("DROP DATABASE restored WITH (FORCE)")
