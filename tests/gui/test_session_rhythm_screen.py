"""The app stops a second piroxicam session the same day, in French, and asks why a session comes too
soon (RCP Feldène 20 mg/1 ml, rubrique 4.2: 20 mg a day; seed 001: « 1 séance par semaine »).

The earlier session is written in the app's own journal file beforehand, as another run of the app
would have left it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.models import Technique
from mesogun.plans import builtin_plan
from mesogun.session import SessionState

EARLIER_SERIAL = "DESK-OTHER-GUN"


def _earlier_session(journal_path: Path, plan_name: str, patient: str, hours_ago: float) -> None:
    """A completed session of ``plan_name`` for ``patient``, its whole plan delivered ``hours_ago``."""
    plan = builtin_plan(plan_name)
    assert plan.cocktail is not None
    at = datetime.now(UTC) - timedelta(hours=hours_ago)
    with SqliteJournal(journal_path) as journal:
        session_id = journal.open_session(
            patient_pseudonym=patient,
            practitioner="Dr Martin",
            indication=plan.indication,
            limits_version="2026.1",
            products=plan.cocktail.components,
            plan_name=plan.name,
            plan_version=plan.version,
            device_serial=EARLIER_SERIAL,
            started_at=at,
        )
        for number, point in enumerate(plan.points(), start=1):
            journal.record_point_configured(
                session_id,
                point_index=point.index,
                device_serial=EARLIER_SERIAL,
                config_id=number,
                technique=Technique.POINT_PAR_POINT,
                mode=Mode.SINGLE,
                depth_mm=point.depth_mm,
                volume_ul=point.planned_volume_ul,
                flow_ul_s=20.0,
                burst_rate_per_s=1.0,
                limits_version="2026.1",
                operator="Dr Martin",
                site=point.site,
                zone=point.zone,
            )
            journal.store(
                EARLIER_SERIAL,
                Shot(
                    event_number=number,
                    device_time=at + timedelta(minutes=number),
                    config_id=number,
                    mode=Mode.SINGLE,
                    commanded_depth_mm=point.depth_mm,
                    measured_depth_mm=point.depth_mm,
                    commanded_volume_ul=point.planned_volume_ul,
                    delivered_volume_ul=point.planned_volume_ul,
                    flow_ul_s=20.0,
                    result=ShotResult.COMPLETE,
                    cause=AlarmCode.NONE,
                    syringe_remaining_ul=1000.0,
                ),
            )
        journal.close_session(session_id, "completed")


def test_a_second_piroxicam_session_the_same_day_is_refused_in_french(
    french: None, driver: SessionDriver
) -> None:
    _earlier_session(driver.journal_path, "lombalgie", "MST-0042", hours_ago=3.0)
    driver.connect()
    setup = driver.setup
    setup.choose_builtin("lombalgie")
    driver.fill_setup("MST-0042")
    driver.qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)

    driver.qtbot.waitUntil(lambda: setup.refusal.isVisible(), timeout=SESSION_WAIT_MS)
    text = setup.refusal.text()
    assert (
        "Piroxicam\u00a0: 24\u00a0mg sur 24\u00a0h (dont 12\u00a0mg lors de séances précédentes)" in text
    ), text
    assert "au-delà du maximum de 20\u00a0mg" in text
    assert driver.window.session_area.too_soon_dialog is None  # the cap is hard: no reason lifts it
    with SqliteJournal(driver.journal_path) as journal:
        assert len(journal.sessions(patient="MST-0042")) == 1


def test_a_session_too_soon_opens_with_the_reason_given_in_the_dialog(driver: SessionDriver) -> None:
    _earlier_session(driver.journal_path, "mesostress", "MST-0042", hours_ago=2.0)
    driver.connect()
    area = driver.window.session_area
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup("MST-0042")
    driver.qtbot.mouseClick(driver.setup.start_button, Qt.MouseButton.LeftButton)

    driver.qtbot.waitUntil(lambda: area.too_soon_dialog is not None, timeout=SESSION_WAIT_MS)
    dialog = area.too_soon_dialog
    assert dialog is not None and dialog.isVisible()
    assert any("one session every 7 days" in label.text() for label in dialog.findChildren(QLabel))
    assert not dialog.confirm_button.isEnabled()
    dialog.set_reason("Crise d'angoisse, vue plus tôt que prévu")
    dialog.confirm_button.click()

    snapshot = driver.wait_for(lambda s: s.state is SessionState.RUNNING)
    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(snapshot.session_id or "")
    assert [(o.field, o.reason) for o in record.overrides] == [
        ("course too-soon", "Crise d'angoisse, vue plus tôt que prévu")
    ]

    # On screen, what the session gave so far by active substance (MC6: 100 µl of the cocktail).
    driver.wait_armed_at(0)
    driver.pull_trigger()
    label = driver.run.substances
    driver.qtbot.waitUntil(lambda: label.text() != "", timeout=SESSION_WAIT_MS)
    assert (
        label.text()
        == "Active substance given: Procaine 0.80 mg; Magnesium sulfate 4.5 mg; Thiamine (vitamin B1) 1.5 mg"
    )


DECLARED_PLAN = """
name = "micro-dose"
title = "Micro-dose"
indication = "anxiété"
version = "1"

[cocktail]
name = "Valium"
volume_loaded_ml = 2.0

[[cocktail.components]]
product = { name = "Valium", concentration = "10 mg/2 ml" }
proportion_pct = 100.0

[[steps]]
site = { acupoint_code = "GV20" }
technique = "point_par_point"
depth_mm = 2.0
volume_per_shot_ul = 50.0
shots = 1
flow_ul_s = 20.0
"""


def test_a_product_outside_the_catalogue_opens_with_its_declared_substance(
    driver: SessionDriver, tmp_path: Path
) -> None:
    plan_file = tmp_path / "micro-dose.toml"
    plan_file.write_text(DECLARED_PLAN, encoding="utf-8")
    driver.connect()
    setup = driver.setup
    assert setup.load_plan_file(plan_file)
    driver.fill_setup("MST-0077")
    assert (
        "Valium 10 mg/2 ml is not in the product catalogue: choose its active substance" in setup.problems()
    )
    assert not setup.start_button.isEnabled()

    setup.lots.declare(0, "diazepam")
    assert setup.problems() == []
    driver.start()
    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(driver.snapshot.session_id or "")
    (product,) = record.products
    assert [(i.substance, i.mg_per_ml) for i in product.ingredients] == [("diazepam", 5.0)]


def test_the_patients_weight_lowers_a_cap_given_in_mg_per_kg(driver: SessionDriver) -> None:
    # Lidocaine: 200 mg over 24 h, lowered to 3 mg/kg with the weight. Lombalgie gives 12 mg of it: a
    # weight of 3 kg (9 mg) is the smallest case that shows the per-kg cap through the window.
    driver.connect()
    setup = driver.setup
    setup.choose_builtin("lombalgie")
    driver.fill_setup("MST-0088")
    setup.weight_spin.setValue(3.0)
    driver.qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: setup.refusal.isVisible(), timeout=SESSION_WAIT_MS)
    assert "Lidocaine: 12 mg over 24 h (0 mg of it in earlier sessions), beyond the maximum of 9 mg" in (
        setup.refusal.text()
    )
