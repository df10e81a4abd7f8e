"""Texts the host writes into the journal of its own accord are read back and said in French."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mesogun.calibration.status import gun_findings, journal_findings
from mesogun.device_info import CalibrationFactors
from mesogun.vocabulary import read_remark, remark_text, remarks
from mesogun.vocabulary.formatting import NBSP, NNBSP

NOW = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def _french(text: str) -> str:
    return remark_text(text, "fr").replace(NBSP, " ").replace(NNBSP, " ")


def test_every_calibration_finding_reads_back_with_its_code() -> None:
    expired = CalibrationFactors(
        7, 10.0, 0.0, 1.0, datetime(2024, 1, 2, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC)
    )
    never = CalibrationFactors(0, 10.0, 0.0, 1.0, None, None)
    findings = [*gun_findings(expired, NOW), *gun_findings(never, NOW), *journal_findings([], "SIM-1", NOW)]
    assert {f.code for f in findings} == {"gun_expired", "gun_never_calibrated", "no_record"}
    for finding in findings:
        remark = read_remark(finding.message)
        assert remark is not None and remark.code == finding.code
    assert (
        _french(findings[0].message) == "le pistolet indique que son étalonnage n° 7 a expiré le 02/01/2025"
    )
    assert _french(findings[-1].message) == (
        "ce journal ne contient aucun étalonnage réussi (profondeur) du pistolet SIM-1"
    )


@pytest.mark.parametrize(
    ("written", "french"),
    [
        (
            remarks.left_point(3, 2000.0, target_ul=2500.0),
            "point quitté par le praticien après 3 injections, 2 000 µl (objectif : 2 500 µl)",
        ),
        (
            remarks.left_point(1, 31.5, target_shots=4),
            "point quitté par le praticien après 1 injection, 31,5 µl (objectif : 4 injections)",
        ),
        (
            remarks.repeated_point(2, "MC6 (PC6) Neiguan, left", shots=2, volume_ul=100.0),
            "point 2 (MC6 (PC6) Neiguan gauche) refait : son objectif est injecté à nouveau en plus de "
            "2 injections, 100 µl",
        ),
        (
            remarks.early_end("Dr Martin", done=1, total=6),
            "fin anticipée par Dr Martin, sans incident, après 1 point sur 6",
        ),
        (
            remarks.early_end("Dr Martin", done=0, total=6, error="timeout"),
            "fin anticipée par Dr Martin, sans incident, après 0 point sur 6 "
            "(désarmement du pistolet non confirmé : timeout)",
        ),
        (remarks.not_disarmed("timeout"), "désarmement du pistolet non confirmé : timeout"),
        (
            "malaise vagal " + "(" + remarks.not_disarmed("timeout") + ")",
            "malaise vagal (désarmement du pistolet non confirmé : timeout)",
        ),
    ],
)
def test_what_the_session_writes_is_said_in_french(written: str, french: str) -> None:
    assert _french(written) == french
    assert remark_text(written, "en") == written  # the journal's own words in English


def test_a_persons_words_are_shown_as_written() -> None:
    for words in ("douleur au point", "stopped by the patient's request", ""):
        assert read_remark(words) is None or words == ""
        assert remark_text(words, "fr") == words
