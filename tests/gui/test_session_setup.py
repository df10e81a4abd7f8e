"""Before the session: what keeps Start disabled (no gun, an expired lot, a blocking contraindication,
a bad plan file), the pseudonym check and search, and a documented override that lets the session open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import QDate, Qt

from firmware_protocol import AlarmCode, Mode, ShotResult
from gui.widgets.expiry_field import expiry_format
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.models import Product
from mesogun.plans import PlanFileError, builtin_plan, load_plan
from mesogun.session import SessionState

BAD_PLAN = """
name = "bad-plan"
title = "Mauvais protocole"
indication = "test"
version = "1"

[[steps]]
site = { acupoint_code = "GV20" }
technique = "point_par_point"
depth_mm = 20.0
volume_per_shot_ul = 100.0
flow_ul_s = 20.0

[[steps]]
site = { acupoint_code = "XX99" }
technique = "injection"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0
"""


def test_start_waits_for_a_gun_and_for_everything_to_be_filled_in(driver: SessionDriver) -> None:
    setup = driver.setup
    setup.choose_builtin("mesostress")
    driver.fill_setup()
    assert not setup.start_button.isEnabled()
    assert setup.problems() == ["Connect the gun"]
    assert "Connect the gun" in setup.missing.text()
    driver.connect()
    # The simulated gun was never calibrated: the warning is shown, and read, before a session.
    banner = setup.calibration_banner
    assert banner is not None and banner.isVisible() and banner.warning
    assert setup.problems() == ["Confirm the calibration warning"]
    driver.confirm_calibration()
    assert setup.start_button.isEnabled()
    # The preview: every point with its code, label, technique, depth, volume and target; totals.
    table = setup.preview.table
    assert table.rowCount() == 10
    assert [table.item(0, c).text() for c in range(8)] == [
        "1",
        "Neiguan, left",
        "PC6",
        "MC6",
        "Point by point",
        "3.0",
        "100",
        "1 shot",
    ]
    assert "Procaïne 2 %: 320 µl" in setup.preview.totals.text()
    assert setup.preview.summary.text().startswith("10 points, 800 µl in all, about")
    assert setup.example_note.isVisible() and "not prescriptions" in setup.example_note.text()


def test_an_expired_lot_is_refused(driver: SessionDriver) -> None:
    driver.connect()
    setup = driver.setup
    setup.choose_builtin("mesostress")
    yesterday = date.today() - timedelta(days=1)
    driver.fill_setup(expiry=yesterday)
    assert not setup.start_button.isEnabled()
    status = setup.lots.rows[0].status
    assert status.isVisible()
    assert status.text() == (
        f"Procaïne 2 % lot L1-2301 expired on {QDate(yesterday).toString(expiry_format())}: refused, "
        "use a vial within its date"
    )
    assert "expired" in setup.missing.text()
    for index in range(len(setup.lots.rows)):
        setup.lots.fill(index, f"L{index + 1}-2401", date.today() + timedelta(days=90))
    assert not status.isVisible()
    assert setup.start_button.isEnabled()


def test_an_absolute_contraindication_blocks_and_a_relative_one_needs_a_justification(
    driver: SessionDriver,
) -> None:
    # seed 001: « Troubles de la coagulation non contrôlés » absolute; « Diabète non équilibré » relative.
    driver.connect()
    setup = driver.setup
    setup.choose_builtin("mesostress")
    driver.fill_setup()
    row = setup.screening.rows["coagulation"]
    driver.qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    assert not setup.start_button.isEnabled()
    assert not row.reason.isVisible() and row.note.isVisible()
    assert row.note.text().startswith("Absolute contraindication: the session cannot take place")
    assert (
        "Contraindication answered yes (absolute, or relative without justification): coagulation"
        in setup.problems()
    )
    # SP6 (Rte6) is in the plan: pregnancy is absolute here.
    assert setup.screening.rows["grossesse"].question.blocking

    driver.qtbot.mouseClick(row.no, Qt.MouseButton.LeftButton)
    diabetes = setup.screening.rows["diabete"]
    driver.qtbot.mouseClick(diabetes.yes, Qt.MouseButton.LeftButton)
    assert diabetes.reason.isVisible() and not setup.start_button.isEnabled()
    driver.qtbot.keyClicks(diabetes.reason, "HbA1c 7.2 %, seen last week")
    assert setup.start_button.isEnabled()
    driver.start()

    snapshot = driver.wait_for(lambda s: s.state is SessionState.RUNNING)
    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(snapshot.session_id or "")
    answers = {a.code: a.answer for a in record.contraindications}
    assert answers["diabete"] and not answers["coagulation"] and not answers["allergie"]
    assert [(o.field, o.reason) for o in record.overrides] == [
        ("contraindication diabete", "HbA1c 7.2 %, seen last week")
    ]


def test_a_bad_plan_file_lists_every_problem(driver: SessionDriver, tmp_path: Path) -> None:
    plan_file = tmp_path / "bad.toml"
    plan_file.write_text(BAD_PLAN, encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(plan_file)
    expected = [str(problem) for problem in caught.value.problems]
    assert len(expected) >= 3

    setup = driver.setup
    before = setup.plan
    assert not setup.load_plan_file(plan_file)
    shown = [setup.plan_problems.item(i).text() for i in range(setup.plan_problems.count())]
    assert shown == expected
    assert setup.plan_error.isVisible()
    assert setup.plan_error.text() == f"This plan file cannot be used: {len(expected)} problems in bad.toml"
    assert setup.plan is before  # the plan chosen before is kept


def test_the_pseudonym_is_checked_and_its_earlier_sessions_are_found(driver: SessionDriver) -> None:
    plan = builtin_plan("mesostress")
    with SqliteJournal(driver.journal_path) as journal:
        for patient in ("MST-0042", "MST-0042", "MST-0099"):
            journal.open_session(
                patient_pseudonym=patient,
                practitioner="Dr Martin",
                indication=plan.indication,
                limits_version="2025.1",
                products=[Product(name="Procaïne", concentration="2 %")],
                plan_name=plan.name,
                plan_version=plan.version,
            )
    patient = driver.setup.patient
    driver.qtbot.keyClicks(patient.pseudonym_edit, "Jean Dupont")
    assert patient.error.isVisible()
    assert patient.error.text() == "A pseudonym is one word without spaces: never enter the patient's name"
    patient.pseudonym_edit.setText("DUP-19850312")
    assert patient.error.text() == "This looks like a date: never enter the patient's birth date"

    patient.pseudonym_edit.setText("MST-0042")
    assert not patient.error.isVisible()
    driver.qtbot.mouseClick(patient.search_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: patient.result.isVisible(), timeout=10_000)
    assert patient.result.text() == "2 earlier sessions found"
    assert {patient.table.item(r, 0).text() for r in range(patient.table.rowCount())} == {"MST-0042"}


def test_a_gun_refused_by_the_runner_brings_the_form_back_with_the_reason(driver: SessionDriver) -> None:
    # The journal already holds event #500 of a gun SIM-0001: this simulated gun numbers from 1, so its
    # shots could not be told apart from the old ones, and the session must not start.
    with SqliteJournal(driver.journal_path) as journal:
        journal.store(
            "SIM-0001",
            Shot(
                event_number=500,
                device_time=datetime(2025, 1, 6, 9, 0, tzinfo=UTC),
                config_id=1,
                mode=Mode.SINGLE,
                commanded_depth_mm=2.0,
                measured_depth_mm=2.0,
                commanded_volume_ul=50.0,
                delivered_volume_ul=50.0,
                flow_ul_s=20.0,
                result=ShotResult.COMPLETE,
                cause=AlarmCode.NONE,
                syringe_remaining_ul=1000.0,
            ),
        )
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.qtbot.mouseClick(driver.setup.start_button, Qt.MouseButton.LeftButton)
    setup = driver.setup
    driver.qtbot.waitUntil(lambda: setup.refusal.isVisible(), timeout=SESSION_WAIT_MS)
    assert driver.window.session_area.currentWidget() is setup
    assert setup.refusal.text().startswith("The session cannot start: gun SIM-0001 numbers its events")
    assert driver.window.session.runner is None
    with SqliteJournal(driver.journal_path) as journal:
        assert journal.sessions() == []  # nothing was opened
