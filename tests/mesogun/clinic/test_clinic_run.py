"""Two simulated rooms, one patient, through ``mesogun run``: room 2 refuses a session too soon."""

from __future__ import annotations

from pathlib import Path

import pytest
from clinic_builders import Clinic

from mesogun.cli import main
from mesogun.clinic.settings import CLINIC_ENV
from mesogun.journal import SqliteJournal

SCRIPTED = [
    *("--simulator", "--auto-trigger", "--yes-consent", "--answers", "no", "--sim-scale", "40"),
    # The lot and expiry of each product of the Mésostress cocktail, as on the vials.
    *("--lot", "Procaïne=PR-1:2031-01-31", "--lot", "Sulfate de magnésium=MG-1:2031-01-31"),
    *("--lot", "Thiamine (vitamine B1)=B1-1:2031-01-31"),
]


def test_room_two_refuses_a_session_too_soon_after_room_one_s_and_says_it_read_every_room(
    clinic: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    room1 = ["--journal", str(tmp_path / "room1" / "journal.sqlite3"), "--patient", "PAT-0042"]
    room2 = ["--journal", str(tmp_path / "room2" / "journal.sqlite3"), "--patient", "PAT-0042"]

    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room1"))
    assert main(["run", "mesostress", *SCRIPTED, *room1]) == 0
    assert "historique du patient\u00a0: toutes les salles" in capsys.readouterr().out
    with SqliteJournal(tmp_path / "room1" / "journal.sqlite3") as journal:
        assert clinic.head_of("room1") == journal.verify().head_seq  # shipped when the run ended

    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room2"))
    assert main(["run", "mesostress", *SCRIPTED, *room2]) == 2
    err = capsys.readouterr().err
    assert "Séance trop rapprochée" in err
    assert (
        "historique du patient\u00a0: toutes les salles (base de la clinique\u202f; ce poste synchronisé le "
        in err
    )


def test_with_the_clinic_away_the_run_goes_on_from_the_desk_and_says_so(
    clinic: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    room1 = ["--journal", str(tmp_path / "room1" / "journal.sqlite3"), "--patient", "PAT-0043"]
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room1"))
    clinic.server.stop()
    try:
        assert main(["run", "mesostress", *SCRIPTED, *room1]) == 0
        assert "CE POSTE SEULEMENT, la base de la clinique est injoignable" in capsys.readouterr().out
        assert main(["run", "mesostress", *SCRIPTED, *room1, "--patient", "PAT-0044", "--lang", "en"]) == 0
        assert "THIS DESK ONLY, the clinic store is unreachable" in capsys.readouterr().out
    finally:
        clinic.server.start()
    assert clinic.head_of("room1") == 0
