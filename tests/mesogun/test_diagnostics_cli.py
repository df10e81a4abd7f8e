"""``mesogun diagnostics`` as a technician runs it, against the simulated gun (in-process and over a pty)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from firmware_protocol import AlarmCode
from mesogun.cli import main
from mesogun.journal import SqliteJournal
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer


@pytest.fixture(autouse=True)
def _no_default_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The default journal lives in the user's data directory: point it at the test's own.
    monkeypatch.setenv("MESOGUN_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def served_gun(tmp_path: Path) -> Iterator[SimulatedGun]:
    gun = SimulatedGun(tmp_path / "gun-journal.jsonl", clock_scale=20.0)
    yield gun
    gun.close()


def test_summary_shows_identity_self_test_link_and_events(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnostics", "--simulator"]) == 0
    out = capsys.readouterr().out
    assert "serial number       SIM-0001" in out
    assert "schema hash 0x" in out
    assert "shot counter        0 shots (lifetime)" in out
    assert "calibration         factory values, never calibrated" in out
    assert "SELF-TEST\nPASSED: every check OK" in out
    assert "round trip" in out and "p99" in out
    assert "Idle → Idle (power on)" in out
    assert "no alarm raised" in out


def test_events_lists_the_shots_fired_earlier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim = ["--simulator", "--sim-scale", "20", "--sim-journal", str(tmp_path / "gun.events")]
    assert main(["fire", *sim, "--count", "3", "--volume-ul", "15"]) == 0
    capsys.readouterr()
    assert main(["diagnostics", "events", *sim]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].split() == ["NUMBER", "DEVICE", "TIME", "(UTC)", "TYPE", "DETAILS"]
    shot_rows = [line for line in lines if "  SHOT  " in line]
    assert len(shot_rows) == 3
    assert all("15.0 of 15.0 µl at 1.00 mm, Single shot: Complete" in row for row in shot_rows)


def test_events_from_and_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim = ["--simulator", "--sim-scale", "20", "--sim-journal", str(tmp_path / "gun.events")]
    assert main(["fire", *sim, "--count", "2"]) == 0
    capsys.readouterr()
    assert main(["diagnostics", "events", *sim, "--from", "2", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 events, #2–#4")
    assert "use --from 5" in out
    numbers = [line.split()[0] for line in out.splitlines()[3:]]
    assert numbers == ["#2", "#3", "#4"]


def test_a_refused_limit_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnostics", "events", "--simulator", "--limit", "0"]) == 2
    assert "--limit = 0 is out of range" in capsys.readouterr().err


def test_a_failed_self_test_is_shown_and_exits_1(
    served_gun: SimulatedGun, capsys: pytest.CaptureFixture[str]
) -> None:
    served_gun.set_occlusion(True)
    with PtyServer(served_gun) as server:
        code = main(["diagnostics", "--port", server.path])
    out = capsys.readouterr().out
    assert code == 1
    assert "SELF-TEST\nFAILED: occlusion" in out


def test_alarms_from_the_gun_log_and_the_journal(
    tmp_path: Path, served_gun: SimulatedGun, capsys: pytest.CaptureFixture[str]
) -> None:
    journal_file = tmp_path / "journal.sqlite"
    with SqliteJournal(journal_file) as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="lombalgie",
            limits_version="limits-2025.1",
            device_serial=served_gun.serial_number,
        )
        journal.record_alarm(session_id, AlarmCode.SYRINGE_EMPTY, point_index=0, detail="seringue vide")
    served_gun.set_battery(5)  # battery low: raised on the gun, journaled in its own log
    with PtyServer(served_gun) as server:
        code = main(["diagnostics", "alarms", "--port", server.path, "--journal", str(journal_file)])
    out = capsys.readouterr().out
    assert code == 0
    history = out.split("ALARM HISTORY")[1].split("SUMMARY")[0]
    assert "battery low" in history and "gun event #" in history
    assert f"session {session_id[:8]}, point 1" in history and "seringue vide" in history
    summary = out.split("SUMMARY")[1]
    assert "syringe empty" in summary and "battery low" in summary
