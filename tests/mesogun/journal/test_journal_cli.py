"""``mesogun sessions …`` and ``mesogun log …`` on a real journal file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from journal_builders import SERIAL, configure, open_session, shot

from mesogun.cli import main
from mesogun.journal import DATA_DIR_ENV, SqliteJournal


@pytest.fixture
def recorded(journal_file: Path) -> str:
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
        journal.store(SERIAL, shot(1, 5))
        journal.store(SERIAL, shot(2, 5, volume_ul=60.0))
        journal.close_session(session_id, "completed")
        open_session(journal, patient="LMB-0007")
    return session_id


def test_log_path_prints_the_file_in_use(
    journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "path", "--journal", str(journal_file)]) == 0
    assert capsys.readouterr().out.strip() == str(journal_file)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "clinic"))
    assert main(["log", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "clinic" / "journal.sqlite3")


def test_sessions_list_shows_each_session(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "--journal", str(journal_file), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # header + two sessions
    assert recorded in lines[1] and "completed" in lines[1] and "110.0" in lines[1]

    assert main(["sessions", "list", "--patient", "LMB-0007", "--journal", str(journal_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "LMB-0007" in lines[1]


def test_sessions_show_lists_the_doses(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "show", recorded[:8], "--journal", str(journal_file)]) == 0
    out = capsys.readouterr().out
    assert recorded in out and "MST-0042" in out
    assert "#1 " in out and "#2 " in out
    assert "doses          2, 110.0 µl delivered" in out


def test_sessions_export_writes_a_private_file(
    journal_file: Path, recorded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "session.csv"
    argv = [
        "sessions",
        "export",
        recorded,
        "--format",
        "csv",
        "-o",
        str(target),
        "--journal",
        str(journal_file),
    ]
    assert main(argv) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [float(row["delivered_volume_ul"]) for row in rows] == [50.0, 60.0]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_sessions_export_a_date_range_as_fhir(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["sessions", "export", "--since", "2000-01-01", "--format", "fhir", "--journal", str(journal_file)]
    assert main(argv) == 0
    bundle = json.loads(capsys.readouterr().out)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds.count("Procedure") == 2 and kinds.count("MedicationAdministration") == 2


def test_sessions_export_needs_an_id_or_a_range(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "export", "--format", "json", "--journal", str(journal_file)]) == 2
    assert "session id" in capsys.readouterr().err


def test_log_verify_passes_then_names_the_first_broken_link(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "verify", "--journal", str(journal_file)]) == 0
    assert "intact, 8 rows checked" in capsys.readouterr().out

    connection = sqlite3.connect(journal_file)
    connection.execute("DROP TRIGGER doses_no_update")
    (dose_seq,) = connection.execute("SELECT min(seq) FROM doses").fetchone()
    connection.execute("UPDATE doses SET delivered_volume_ul = 5.0 WHERE seq = ?", (dose_seq,))
    connection.commit()
    connection.close()

    assert main(["log", "--journal", str(journal_file), "verify"]) == 1
    out = capsys.readouterr().out
    assert f"first broken link: doses, position {dose_seq}" in out
    assert "warning: append-only trigger missing: doses_no_update" in out


def test_a_missing_journal_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    assert main(["log", "verify", "--journal", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no journal at {missing}" in err
    assert not missing.exists()


def test_an_unknown_session_is_one_clear_line(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "show", "ffffffff", "--journal", str(journal_file)]) == 2
    assert "no session 'ffffffff'" in capsys.readouterr().err


def test_sessions_score_records_each_scale_and_show_lists_them(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["sessions", "score", recorded[:8], "--pain-before", "6", "--ham-a", "28", "--by", "Dr Martin"]
    assert main([*argv, "--journal", str(journal_file)]) == 0
    assert "pain_nrs_before = 6, ham_a = 28" in capsys.readouterr().out

    with SqliteJournal(journal_file) as journal:
        scores = journal.session(recorded).scores
    assert [(s.code.value, s.value, s.entered_by) for s in scores] == [
        ("pain_nrs_before", 6, "Dr Martin"),
        ("ham_a", 28, "Dr Martin"),
    ]
    assert main(["sessions", "show", recorded[:8], "--journal", str(journal_file)]) == 0
    assert "ham_a = 28 (Dr Martin)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "options",
    [["--pain-after", "11"], ["--pain-before", "3", "--ham-a", "57"], ["--ham-a", "-1"], []],
)
def test_sessions_score_refuses_a_value_off_the_scale_and_records_nothing(
    journal_file: Path, recorded: str, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    argv = ["sessions", "score", recorded, *options, "--by", "Dr Martin", "--journal", str(journal_file)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("mesogun: ") and len(err.strip().splitlines()) == 1
    with SqliteJournal(journal_file) as journal:
        assert journal.session(recorded).scores == ()
