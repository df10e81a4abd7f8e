"""What the host writes into the journal of its own accord: a code and parameters, said in both languages;
the English sentences older versions wrote are read back and said in French too."""

from __future__ import annotations

import json
import re
import string
from datetime import UTC, datetime

import pytest

from mesogun.calibration.status import gun_findings, journal_findings
from mesogun.device_info import CalibrationFactors
from mesogun.journal import host_remarks
from mesogun.journal.host_remarks import HostRemark, parse_host_remark
from mesogun.vocabulary import read_remark, remark_text
from mesogun.vocabulary.formatting import NBSP, NNBSP
from mesogun.vocabulary.remarks import FRENCH, LEGACY_FORMS

NOW = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def _french(text: str) -> str:
    return remark_text(text, "fr").replace(NBSP, " ").replace(NNBSP, " ")


def test_every_calibration_finding_is_stored_as_its_code_and_parameters() -> None:
    expired = CalibrationFactors(
        7, 10.0, 0.0, 1.0, datetime(2024, 1, 2, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC)
    )
    never = CalibrationFactors(0, 10.0, 0.0, 1.0, None, None)
    findings = [*gun_findings(expired, NOW), *gun_findings(never, NOW), *journal_findings([], "SIM-1", NOW)]
    assert {f.code for f in findings} == {"gun_expired", "gun_never_calibrated", "no_record"}
    for finding in findings:
        assert parse_host_remark(finding.remark) == (finding.code, finding.parameters)
    assert json.loads(findings[0].remark) == {
        "remark": "gun_expired",
        "calibration_id": 7,
        "expires_on": "2025-01-02",
    }
    assert _french(findings[0].remark) == "le pistolet indique que son étalonnage n° 7 a expiré le 02/01/2025"
    assert findings[0].message == "the gun reports that its calibration #7 expired on 2025-01-02"
    assert _french(findings[-1].remark) == (
        "ce journal ne contient aucun étalonnage réussi (profondeur) du pistolet SIM-1"
    )


# (what the session writes, in French, in English)
WRITTEN = [
    (
        host_remarks.left_point(3, 2000.0, target_ul=2500.0),
        "point quitté par le praticien après 3 injections, 2 000 µl (objectif : 2 500 µl)",
        "ended by the practitioner at 3 shot(s), 2000 µl (target 2500 µl)",
    ),
    (
        host_remarks.left_point(1, 31.5, target_shots=4),
        "point quitté par le praticien après 1 injection, 31,5 µl (objectif : 4 injections)",
        "ended by the practitioner at 1 shot(s), 31.5 µl (target 4 shots)",
    ),
    (
        host_remarks.repeated_point(
            2, region="MC6 (PC6) Neiguan", laterality="left", zone=None, shots=2, volume_ul=100.0
        ),
        "point 2 (MC6 (PC6) Neiguan gauche) refait : son objectif est injecté à nouveau en plus de "
        "2 injections, 100 µl",
        "point 2 (MC6 (PC6) Neiguan, left) repeated: its target is delivered again on top of "
        "2 shot(s), 100 µl",
    ),
    (
        host_remarks.early_end("Dr Martin", points_done=1, points_total=6),
        "fin anticipée par Dr Martin, sans incident, après 1 point sur 6",
        "stopped by Dr Martin (clean early end) after 1 of 6 points",
    ),
    (
        host_remarks.early_end("Dr Martin", points_done=0, points_total=6, error="timeout"),
        "fin anticipée par Dr Martin, sans incident, après 0 point sur 6 "
        "(désarmement du pistolet non confirmé : timeout)",
        "stopped by Dr Martin (clean early end) after 0 of 6 points (gun not confirmed disarmed: timeout)",
    ),
    (
        host_remarks.not_disarmed("timeout"),
        "désarmement du pistolet non confirmé : timeout",
        "gun not confirmed disarmed: timeout",
    ),
    (
        host_remarks.reason_not_disarmed("malaise vagal", "timeout"),
        "malaise vagal (désarmement du pistolet non confirmé : timeout)",
        "malaise vagal (gun not confirmed disarmed: timeout)",
    ),
    (
        host_remarks.no_lot("Procaïne 2 %", "étiquette déchirée"),
        "Procaïne 2 % sans numéro de lot ni date de péremption : étiquette déchirée",
        "no-lot Procaïne 2 %: étiquette déchirée",
    ),
]


@pytest.mark.parametrize(("written", "french", "english"), WRITTEN)
def test_what_the_session_writes_is_a_code_said_in_both_languages(
    written: str, french: str, english: str
) -> None:
    stored = parse_host_remark(written)
    assert stored is not None
    code, parameters = stored
    assert json.loads(written) == {"remark": code.value, **parameters}
    assert written == json.dumps(
        json.loads(written), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert _french(written) == french
    assert remark_text(written, "en") == english


# (a sentence as versions before codes wrote it, its code, in French)
OLD_SENTENCES = [
    (
        "ended by the practitioner at 3 shot(s), 2000 µl (target 2500 µl)",
        HostRemark.LEFT_POINT_VOLUME,
        "point quitté par le praticien après 3 injections, 2 000 µl (objectif : 2 500 µl)",
    ),
    (
        "ended by the practitioner at 26 shot(s), 259.87 µl (target 30 shots)",
        HostRemark.LEFT_POINT_SHOTS,
        "point quitté par le praticien après 26 injections, 259,9 µl (objectif : 30 injections)",
    ),
    (
        "point 2 (MC6 (PC6) Neiguan, left) repeated: its target is delivered again on top of "
        "2 shot(s), 100 µl",
        HostRemark.REPEATED_POINT,
        "point 2 (MC6 (PC6) Neiguan gauche) refait : son objectif est injecté à nouveau en plus de "
        "2 injections, 100 µl",
    ),
    (
        "stopped by Dr Martin (clean early end) after 0 of 6 points",
        HostRemark.EARLY_END,
        "fin anticipée par Dr Martin, sans incident, après 0 point sur 6",
    ),
    (
        "stopped by Dr Martin (clean early end) after 0 of 6 points (gun not confirmed disarmed: timeout)",
        HostRemark.EARLY_END_NOT_DISARMED,
        "fin anticipée par Dr Martin, sans incident, après 0 point sur 6 "
        "(désarmement du pistolet non confirmé : timeout)",
    ),
    (
        "malaise vagal (gun not confirmed disarmed: timeout)",
        HostRemark.REASON_NOT_DISARMED,
        "malaise vagal (désarmement du pistolet non confirmé : timeout)",
    ),
    (
        "the last volume calibration of gun SIM-1 (2024-03-02) expired on 2025-03-02",
        HostRemark.RECORD_EXPIRED,
        "le dernier étalonnage (volume) du pistolet SIM-1, du 02/03/2024, a expiré le 02/03/2025",
    ),
    (
        "no-lot Procaïne 2 %: étiquette déchirée",
        HostRemark.NO_LOT,
        "Procaïne 2 % sans numéro de lot ni date de péremption : étiquette déchirée",
    ),
]


@pytest.mark.parametrize(("old", "code", "french"), OLD_SENTENCES)
def test_an_older_version_s_sentence_reads_back_with_its_code(
    old: str, code: HostRemark, french: str
) -> None:
    remark = read_remark(old)
    assert remark is not None and remark.code is code and remark.legacy
    assert _french(old) == french
    assert remark_text(old, "en") == old  # already English: shown as it was written


def test_a_persons_words_are_shown_as_written() -> None:
    for words in ("douleur au point", "stopped by the patient's request", '{"remark": "peu"}', "{", ""):
        assert read_remark(words) is None
        assert remark_text(words, "fr") == words
        assert remark_text(words, "en") == words


@pytest.mark.parametrize("code", list(HostRemark), ids=lambda code: code.value)
def test_every_code_has_a_sentence_in_french_and_in_english(code: HostRemark) -> None:
    assert code.value in FRENCH and code.value in LEGACY_FORMS
    # every parameter of the French sentence is one the English one names
    assert _fields(FRENCH[code.value]) - {"nbsp"} == _fields(LEGACY_FORMS[code.value])


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


# Why a calibration failed, as the procedures record it (parameters of real failures).
FAILURES = [
    host_remarks.host_remark(HostRemark.DEPTH_NOT_LINEAR, residual_mm=0.25, tolerance_mm=0.1),
    host_remarks.host_remark(HostRemark.DEPTH_OFFSET_BEYOND, offset_mm=1.2, max_offset_mm=1.0),
    host_remarks.host_remark(HostRemark.DEPTH_SCALE_BEYOND, scale=1.15, min_scale=0.9, max_scale=1.1),
    host_remarks.host_remark(HostRemark.VOLUME_DRIFT, delivered_pct=125.0, max_correction_pct=15.0),
    host_remarks.host_remark(
        HostRemark.VOLUME_FACTOR_BEYOND, volume_per_step_nl=13.5, min_nl=5.0, max_nl=12.0
    ),
    host_remarks.host_remark(HostRemark.VOLUME_NOT_PROPORTIONAL, nominal_ul=50.0, error_pct=-3.1),
    host_remarks.host_remark(
        HostRemark.VOLUME_SCATTER, nominal_ul=20.0, cv_pct=4.25, shots_outside=3, tolerance_ul=1.0
    ),
    host_remarks.host_remark(HostRemark.FLOW_OUT_OF_TOLERANCE, error_pct=9.35, tolerance_pct=5.0),
    host_remarks.host_remark(
        HostRemark.VERIFICATION_OUT_OF_TOLERANCE,
        nominal_ul=20.0,
        mean_ul=21.2,
        tolerance_ul=1.0,
        shots_outside=2,
        count=10,
        min_shots=10,
    ),
]
ENGLISH = re.compile(r"\b(the|of|gun|shot|shots|outside|beyond|correct|send|service|check|flow|error)\b")


@pytest.mark.parametrize("written", FAILURES, ids=lambda text: json.loads(text)["remark"])
def test_why_a_calibration_failed_is_said_in_french(written: str) -> None:
    french, english = _french(written), remark_text(written, "en")
    assert not ENGLISH.search(french), french
    assert ENGLISH.search(english) and "{" not in english + french
    assert not re.search(r"\d\.\d", french), french  # a decimal comma
    # and the calibration warning that names it, in French as a whole
    failed = host_remarks.host_remark(
        HostRemark.LAST_FAILED, kind="volume", device_serial="SIM-1", finished_on="2026-03-22", reason=written
    )
    assert _french(failed).endswith(french)


def test_why_an_older_calibration_failed_reads_in_french() -> None:
    old = (
        "the depth offset needed (+1.200 mm) is beyond what the gun can correct (±1 mm): "
        "check the needle and its hub, or send the gun for service"
    )
    remark = read_remark(old)
    assert remark is not None and remark.code is HostRemark.DEPTH_OFFSET_BEYOND and remark.legacy
    assert _french(old) == (
        "le décalage de profondeur nécessaire (+1,200 mm) dépasse ce que le pistolet peut corriger (±1 mm) : "
        "vérifiez l’aiguille et son embase, ou envoyez le pistolet en maintenance"
    )
