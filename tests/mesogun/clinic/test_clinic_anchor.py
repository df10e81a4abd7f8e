"""The clinic's anchor finds what a desk journal alone cannot: rows cut off its end, hashes rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clinic_builders import Clinic, Desk, cut_tail, relink, rewrite_from

from mesogun.cli import main
from mesogun.clinic.replicator import StationDivergedError, sync_once
from mesogun.clinic.settings import CLINIC_ENV
from mesogun.journal import SqliteJournal


def log_verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["log", "verify", "--journal", str(path)])
    return code, capsys.readouterr().out


def test_every_tail_truncation_after_replication_is_found(
    clinic: Clinic,
    desk1: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for _ in range(3):
        desk1.session()
    sync_once(desk1.path, clinic.conninfo("room1"))
    desk1.close()
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room1"))
    found = 0
    for rows in range(1, 9):
        copy = tmp_path / f"cut{rows}" / "journal.sqlite3"
        copy.parent.mkdir()
        shutil.copy(desk1.path, copy)
        cut_tail(copy, rows)
        with SqliteJournal(copy) as cut:
            assert cut.verify().ok  # the file alone looks intact
        code, out = log_verify(copy, capsys)
        found += code == 1 and "cut off the end" in out
    assert found == 8


def test_rows_rewritten_after_replication_are_found_and_reported_to_the_server(
    clinic: Clinic, desk1: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = desk1.session()
    sync_once(desk1.path, clinic.conninfo("room1"))
    desk1.session()
    desk1.close()
    # A forger lowers a dose and recomputes every hash after it, head included.
    dose_seq = SqliteJournal(desk1.path).doses(session_id)[0].seq
    rewrite_from(desk1.path, "doses", dose_seq, "delivered_volume_ul", 5.0)
    with SqliteJournal(desk1.path) as forged:
        assert forged.verify().ok

    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room1"))
    code, out = log_verify(desk1.path, capsys)
    assert code == 1 and "rewritten after it was replicated" in out
    head_before = clinic.head_of("room1")
    with pytest.raises(StationDivergedError) as raised:
        sync_once(desk1.path, clinic.conninfo("room1"))
    assert raised.value.verdict == "diverged"
    assert clinic.head_of("room1") == head_before  # nothing of the forged journal shipped

    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("auditor1"))
    assert main(["clinic", "status"]) == 1
    assert "diverged" in capsys.readouterr().out


def test_a_row_edited_in_place_is_not_shipped_and_the_station_is_reported_broken(
    clinic: Clinic, desk1: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = desk1.session()
    desk1.close()
    dose_seq = SqliteJournal(desk1.path).doses(session_id)[1].seq
    rewrite_from(desk1.path, "doses", dose_seq, "delivered_volume_ul", 5.0, rehash=False)

    with pytest.raises(StationDivergedError) as raised:
        sync_once(desk1.path, clinic.conninfo("room1"), batch_rows=3)
    assert raised.value.verdict == "broken"
    assert clinic.head_of("room1") == dose_seq - 1  # the rows before it, not it nor any after

    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("auditor1"))
    assert main(["clinic", "status"]) == 1
    assert f"row {dose_seq}" in capsys.readouterr().out


def test_server_side_check_finds_a_row_changed_on_the_server(
    clinic: Clinic, desk1: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk1.session()
    sync_once(desk1.path, clinic.conninfo("room1"))
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("auditor1"))
    assert main(["clinic", "status"]) == 0
    capsys.readouterr()
    # Someone with the server's keys turns the triggers off and rewrites one row, hash included.
    clinic.execute(
        "ALTER TABLE clinic.journal_rows DISABLE TRIGGER USER;"
        "UPDATE clinic.journal_rows SET row_hash = "
        "encode(sha256(convert_to(replace(canonical, 'Dr Claire', 'Dr Clara'), 'UTF8')), 'hex'), "
        "canonical = replace(canonical, 'Dr Claire', 'Dr Clara') "
        "WHERE station_id = 'room1' AND seq = 2;"
        "ALTER TABLE clinic.journal_rows ENABLE TRIGGER USER"
    )
    assert main(["clinic", "status"]) == 1
    assert "stored chain BROKEN at 3" in capsys.readouterr().out


def test_rows_that_do_not_link_to_the_clinic_head_are_refused_by_the_server_and_reported(
    clinic: Clinic, desk1: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    desk1.session()
    sync_once(desk1.path, clinic.conninfo("room1"))
    head = clinic.head_of("room1")
    desk1.session()
    desk1.close()
    # A forger makes the next row point at another predecessor, every hash from it on recomputed:
    # each row matches its own hash, yet the chain does not go on from what the clinic holds.
    relink(desk1.path, head + 1, "f" * 64)

    with pytest.raises(StationDivergedError) as raised:
        sync_once(desk1.path, clinic.conninfo("room1"))
    assert raised.value.verdict == "broken" and "do not follow" not in raised.value.detail
    assert "does not link to the row before it" in raised.value.detail
    assert clinic.head_of("room1") == head
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("auditor1"))
    assert main(["clinic", "status"]) == 1
    assert "broken" in capsys.readouterr().out
