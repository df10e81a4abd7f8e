"""``mesogun run`` stops a second piroxicam session the same day, in French, and asks why a session
comes too soon (RCP Feldène 4.2: 20 mg a day; seed 001: « 1 séance par semaine »)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesogun.cli import main
from mesogun.journal import SqliteJournal

SCRIPTED = ["--simulator", "--auto-trigger", "--yes-consent", "--answers", "no", "--sim-scale", "40"]
#: The lot and expiry of every product of each plan's cocktail, as on the vials.
LOTS = {
    "lombalgie": [
        "--lot",
        "Lidocaïne=LI-1:2031-01-31",
        "--lot",
        "Piroxicam=PX-1:2031-01-31",
        "--lot",
        "Thiocolchicoside=TC-1:2031-01-31",
    ],
    "mesostress": [
        "--lot",
        "Procaïne=PR-1:2031-01-31",
        "--lot",
        "Sulfate de magnésium=MG-1:2031-01-31",
        "--lot",
        "Thiamine (vitamine B1)=B1-1:2031-01-31",
    ],
}


def test_a_second_piroxicam_session_the_same_day_is_refused_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite"), "--patient", "PAT-0009"]
    assert main(["run", "lombalgie", *SCRIPTED, *LOTS["lombalgie"], *journal]) == 0
    assert "Prochaine séance prévue à partir du" in capsys.readouterr().out

    code = main(["run", "lombalgie", *SCRIPTED, *LOTS["lombalgie"], *journal, "--too-soon-reason", "douleur"])
    err = capsys.readouterr().err
    assert code == 2
    assert "La séance ne peut pas s'ouvrir avec ce plan" in err
    assert "Piroxicam : 24 mg sur 24 h (dont 12 mg lors de séances précédentes)" in err
    assert "au-delà du maximum de 20 mg sur 24 h ; refusé" in err
    with SqliteJournal(tmp_path / "journal.sqlite") as opened:
        assert len(opened.sessions()) == 1


def test_a_session_too_soon_is_refused_without_a_reason_and_recorded_with_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite"), "--patient", "PAT-0010"]
    assert main(["run", "mesostress", *SCRIPTED, *LOTS["mesostress"], *journal]) == 0
    capsys.readouterr()

    assert main(["run", "mesostress", *SCRIPTED, *LOTS["mesostress"], *journal]) == 2
    err = capsys.readouterr().err
    assert "Séance trop rapprochée" in err and "une séance tous les 7 jours" in err
    assert re.search(r"prochaine prévue le \d\d/\d\d/\d{4} \d\d:\d\d\)", err), err  # a French local date
    assert "--too-soon-reason" in err

    assert (
        main(
            [
                "run",
                "mesostress",
                *SCRIPTED,
                *LOTS["mesostress"],
                *journal,
                "--too-soon-reason",
                "crise d'angoisse",
            ]
        )
        == 0
    )
    with SqliteJournal(tmp_path / "journal.sqlite") as opened:
        latest = max(opened.sessions(), key=lambda s: s.started_at)
        reasons = [o.reason for o in opened.session(latest.session_id).overrides]
    assert reasons == ["crise d'angoisse"]


def test_a_declared_product_outside_the_catalogue_is_checked_and_refused_when_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite"), "--patient", "PAT-0011"]
    code = main(
        ["run", "mesostress", *SCRIPTED, *LOTS["mesostress"], *journal, "--declare", "Procaïne=mystery:20"]
    )
    assert code == 2
    assert "absente du catalogue" in capsys.readouterr().err
