"""The report's words agree with the session: a point left after some delivery is "partial", a point
left without any is "skipped", each with the practitioner's reason."""

from __future__ import annotations

from pathlib import Path

from export_builders import DAY_ONE, PROCAINE, SERIAL, _configure, _shot
from pdf_reading import needs_pdftotext, pdf_text

from mesogun.exports.pdf_report import write_session_report
from mesogun.journal import SqliteJournal

pytestmark = needs_pdftotext


def test_a_point_left_after_a_shot_is_partial_and_one_left_before_is_skipped(
    qapp: object, tmp_path: Path
) -> None:
    with SqliteJournal(tmp_path / "journal.sqlite") as journal:
        session = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="stress",
            limits_version="limits-2025.1",
            products=[PROCAINE],
            device_serial=SERIAL,
            started_at=DAY_ONE,
        )
        _configure(journal, session, 0, 1)
        journal.store(SERIAL, _shot(1, 1, 50.0))
        journal.record_skip(session, 0, "la patiente a bougé", "Dr Claire Martin")
        journal.record_skip(session, 1, "lésion cutanée", "Dr Claire Martin")
        journal.close_session(session, "aborted", "fatigue de la patiente")
        path = tmp_path / "report.pdf"
        write_session_report(journal, session, path, language="en")

    text = " ".join(pdf_text(path).split())
    assert "Points left short of their target" in text
    assert "1 partial la patiente a bougé" in text
    assert "2 skipped lésion cutanée" in text
