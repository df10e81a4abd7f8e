"""Outcome scores: chained rows with codes and whole points; out of range refused, never clipped."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from journal_builders import SERIAL, configure, open_session, shot

from mesogun.journal import InvalidRecordError, SessionNotFoundError, SqliteJournal
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode


def test_scores_come_back_with_code_value_time_and_author(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    before = datetime(2025, 3, 4, 8, 55, tzinfo=UTC)
    journal.record_score(session_id, ScoreCode.PAIN_NRS_BEFORE, 7, entered_by="Dr Martin", scored_at=before)
    journal.record_score(session_id, "ham_a", 24, entered_by="Dr Martin")
    journal.close_session(session_id, "completed")
    # Pain after is asked once the last injection is done: also after the close.
    journal.record_score(session_id, "pain_nrs_after", 3, entered_by="Dr Martin")

    record = journal.session(session_id)

    assert [(s.code, s.value) for s in record.scores] == [
        (ScoreCode.PAIN_NRS_BEFORE, 7),
        (ScoreCode.HAM_A, 24),
        (ScoreCode.PAIN_NRS_AFTER, 3),
    ]
    assert record.scores[0].scored_at == before
    assert record.scores[0].entered_by == "Dr Martin"
    assert record.score(ScoreCode.HAM_A) == 24
    assert journal.verify().ok


def test_a_scale_scored_again_keeps_both_rows_and_the_later_counts(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    journal.record_score(session_id, "ham_a", 42, entered_by="Dr Martin")
    journal.record_score(session_id, "ham_a", 24, entered_by="Dr Martin")

    record = journal.session(session_id)

    assert [s.value for s in record.scores] == [42, 24]
    assert record.score(ScoreCode.HAM_A) == 24
    assert record.score(ScoreCode.PAIN_NRS_BEFORE) is None


@pytest.mark.parametrize(
    ("code", "value"),
    [("pain_nrs_before", 11), ("pain_nrs_after", -1), ("ham_a", 57), ("ham_a", 12.5), ("ham_a", True)],
)
def test_a_value_outside_the_scale_is_refused_and_nothing_is_written(
    journal: SqliteJournal, code: str, value: object
) -> None:
    session_id = open_session(journal)
    rows_before = journal.verify().rows_checked
    with pytest.raises(InvalidRecordError, match=code):
        journal.record_score(session_id, code, value, entered_by="Dr Martin")  # type: ignore[arg-type]
    assert journal.session(session_id).scores == ()
    assert journal.verify().rows_checked == rows_before


def test_the_scale_ends_are_accepted(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    for code, (low, high) in SCORE_RANGES.items():
        journal.record_score(session_id, code, low, entered_by="Dr Martin")
        journal.record_score(session_id, code, float(high), entered_by="Dr Martin")
    assert sorted({s.value for s in journal.session(session_id).scores}) == [0, 10, 56]


def test_an_unknown_scale_or_session_is_refused(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    with pytest.raises(InvalidRecordError, match=r"score\.code"):
        journal.record_score(session_id, "vas_mood", 3, entered_by="Dr Martin")
    with pytest.raises(InvalidRecordError, match="entered_by"):
        journal.record_score(session_id, "ham_a", 3, entered_by=" ")
    with pytest.raises(SessionNotFoundError):
        journal.record_score("no-such-session", "ham_a", 3, entered_by="Dr Martin")


def test_a_score_row_is_chained_and_cannot_be_edited(journal: SqliteJournal, journal_file: Path) -> None:
    session_id = open_session(journal)
    seq = journal.record_score(session_id, "ham_a", 30, entered_by="Dr Martin")
    with (
        sqlite3.connect(journal_file) as connection,
        pytest.raises(sqlite3.IntegrityError, match="append-only"),
    ):
        connection.execute("UPDATE outcome_scores SET value = 10 WHERE seq = ?", (seq,))
    with sqlite3.connect(journal_file) as connection:
        connection.execute("DROP TRIGGER outcome_scores_no_update")
        connection.execute("UPDATE outcome_scores SET value = 10 WHERE seq = ?", (seq,))
    report = journal.verify()
    assert not report.ok
    assert report.first_broken is not None
    assert (report.first_broken.table, report.first_broken.seq) == ("outcome_scores", seq)


def test_a_version_3_journal_gains_scores_and_keeps_its_chain(journal_file: Path) -> None:
    with SqliteJournal(journal_file, schema_version=3) as old:
        session_id = open_session(old)
        configure(old, session_id, point_index=0, config_id=5)
        old.store(SERIAL, shot(1, 5))
    with SqliteJournal(journal_file) as journal:
        journal.record_score(session_id, "pain_nrs_before", 6, entered_by="Dr Martin")
        record = journal.session(session_id)
        report = journal.verify()
    assert record.score(ScoreCode.PAIN_NRS_BEFORE) == 6
    assert record.delivered_ul == 50.0
    assert report.ok
