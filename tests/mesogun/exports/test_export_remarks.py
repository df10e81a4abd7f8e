"""A journal written by a version before codes: the host's remarks are English sentences in its rows.

It still verifies and reads: the French report says them in French, the machine exports carry their
code and parameters beside the English words, as for a journal of this version.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from export_builders import DAY_ONE, PROCAINE, SERIAL, _configure, _shot
from pdf_reading import needs_pdftotext, pdf_text

from mesogun.exports.fhir_export import HOST_REMARK_SYSTEM, fhir_bundle
from mesogun.exports.json_export import export_document
from mesogun.exports.pdf_report import write_session_report
from mesogun.exports.selection import ExportedSession
from mesogun.journal import SqliteJournal, host_remarks

#: The sentences earlier versions wrote, exactly (skip, note, calibration warning, close).
OLD = {
    "warning": "this journal holds no passed volume calibration of gun SIM-0001",
    "left": "ended by the practitioner at 1 shot(s), 31.5 µl (target 50 µl)",
    "repeated": "point 1 (MC6 (PC6) Neiguan, left) repeated: its target is delivered again on top of "
    "1 shot(s), 50 µl",
    "end": "stopped by Dr Claire Martin (clean early end) after 1 of 6 points",
}
NEW = {
    "warning": host_remarks.host_remark(
        host_remarks.HostRemark.NO_RECORD, kind="volume", device_serial=SERIAL
    ),
    "left": host_remarks.left_point(1, 31.5, target_ul=50.0),
    "repeated": host_remarks.repeated_point(
        1, region="MC6 (PC6) Neiguan", laterality="left", zone=None, shots=1, volume_ul=50.0
    ),
    "end": host_remarks.early_end("Dr Claire Martin", points_done=1, points_total=6),
}
FRENCH = [
    "ce journal ne contient aucun étalonnage réussi (volume) du pistolet SIM-0001",
    "point quitté par le praticien après 1 injection, 31,5 µl (objectif : 50 µl)",
    "point 1 (MC6 (PC6) Neiguan gauche) refait : son objectif est injecté à nouveau en plus de 1 injection",
    "fin anticipée par Dr Claire Martin, sans incident, après 1 point sur 6",
]


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The QApplication of the test process (a PDF needs a GUI application)."""


def _session(path: Path, written: dict[str, str]) -> str:
    with SqliteJournal(path) as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
            products=[PROCAINE],
            device_serial=SERIAL,
            started_at=DAY_ONE,
        )
        journal.record_calibration_warning(
            SERIAL, written["warning"], acknowledged_by="Dr Claire Martin", session_id=session_id
        )
        _configure(journal, session_id, 0, 1)
        journal.store(SERIAL, _shot(1, 1, 50.0))
        journal.record_skip(session_id, 1, written["left"], "Dr Claire Martin")
        journal.add_note(session_id, written["repeated"], "Dr Claire Martin")
        journal.close_session(session_id, "aborted", written["end"])
        assert journal.verify().ok
    return session_id


@pytest.mark.parametrize("written", [OLD, NEW], ids=["old-sentences", "codes"])
def test_the_remarks_of_a_journal_read_the_same_whatever_version_wrote_them(
    tmp_path: Path, written: dict[str, str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    session_id = _session(path, written)
    with sqlite3.connect(path) as connection:  # the rows hold what was written, untouched
        (reason,) = connection.execute("SELECT reason FROM sessions_closed").fetchone()
    assert reason == written["end"]

    with SqliteJournal(path) as journal:
        record = journal.session(session_id)
        exported = ExportedSession(record, tuple(journal.doses(session_id)))
    (document,) = export_document([exported])["sessions"]
    assert document["abort_reason"] == OLD["end"]
    assert document["abort_reason_remark"]["code"] == "early_end"
    assert document["skips"][0]["reason"] == OLD["left"]
    assert document["skips"][0]["reason_remark"]["code"] == "left_point_volume"
    assert document["notes"][0]["text_remark"]["code"] == "repeated_point"
    assert document["calibration_warnings"][0]["message_remark"]["code"] == "no_record"
    parameters = document["abort_reason_remark"]["parameters"]
    assert parameters["practitioner"] == "Dr Claire Martin"
    assert {str(parameters["points_done"]), str(parameters["points_total"])} == {"1", "6"}

    bundle = fhir_bundle([exported])
    (procedure,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Procedure"]
    assert procedure["statusReason"]["text"] == OLD["end"]
    assert procedure["statusReason"]["coding"][0] == {
        "system": HOST_REMARK_SYSTEM,
        "code": "early_end",
        "display": "Clean early end",
    }
    assert json.dumps(bundle).count('\\"remark\\"') == 0  # never the stored form


@needs_pdftotext
@pytest.mark.parametrize("written", [OLD, NEW], ids=["old-sentences", "codes"])
def test_the_french_report_says_the_remarks_in_french(tmp_path: Path, written: dict[str, str]) -> None:
    path = tmp_path / "journal.sqlite3"
    session_id = _session(path, written)
    report = tmp_path / "compte-rendu.pdf"
    with SqliteJournal(path) as journal:
        write_session_report(journal, session_id, report, language="fr", generated_at=DAY_ONE)
    text = " ".join(pdf_text(report).split())
    for french in FRENCH:
        assert french in text
    for english in ("stopped by", "ended by", "repeated", "this journal holds", '"remark"'):
        assert english not in text
