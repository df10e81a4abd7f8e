"""The current point's card, read from the couch: large figures that stay in place as they grow, and
"Delivering" while the gun delivers."""

from __future__ import annotations

from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gui.widgets.point_card import PointCard
from mesogun.plans.library import builtin_plan
from mesogun.session import PointProgress, PointStatus


def _progress(shots: int, delivered_ul: float) -> PointProgress:
    return PointProgress(0, "GV20", PointStatus.CURRENT, shots, delivered_ul, 10, None, False)


def _card(qtbot: QtBot) -> PointCard:
    card = PointCard()
    qtbot.addWidget(card)
    card.resize(900, 300)
    card.show()
    qtbot.waitExposed(card)
    return card


def test_point_depth_volume_and_delivered_are_three_times_the_body_text(qtbot: QtBot) -> None:
    card = _card(qtbot)
    point = builtin_plan("mesostress").points()[0]
    card.show_point(point, _progress(0, 0.0), 5)
    body_pt = QApplication.font().pointSizeF()
    big: dict[str, QLabel] = {
        "point": card.title,
        "depth": card.depth_value,
        "volume per shot": card.volume_value,
        "delivered/planned": card.delivered_value,
    }
    for name, label in big.items():
        label.ensurePolished()
        assert label.font().pointSizeF() >= 3 * body_pt, f"{name}: {label.font().pointSizeF()} pt"


def test_the_figures_stay_in_place_as_the_numbers_grow(qtbot: QtBot) -> None:
    card = _card(qtbot)
    point = builtin_plan("mesostress").points()[0]
    labels = (
        card.depth_value,
        card.volume_value,
        card.delivered_value,
        card.shots_value,
        card.technique_value,
    )

    def positions() -> list[tuple[int, int]]:
        QApplication.processEvents()
        return [(label.x(), label.y()) for label in labels]

    card.show_point(point, _progress(0, 0.0), 5)
    at_start = positions()
    card.show_point(point, _progress(8, point.planned_volume_ul * 0.99), 5)
    assert positions() == at_start


PERFUSION_PLAN = """
name = "slow-infusion"
title = "Perfusion lente"
indication = "test"
version = "1"

[cocktail]
name = "procaine"
volume_loaded_ml = 2.0

[[cocktail.components]]
product = { name = "Procaïne", concentration = "2 %" }
proportion_pct = 100.0

[[steps]]
site = { acupoint_code = "GV20" }
technique = "mesoperfusion"
depth_mm = 3.0
volume_per_shot_ul = 400.0
shots = 1
flow_ul_s = 5.0
"""


def test_the_card_says_delivering_while_the_gun_delivers(driver: SessionDriver, tmp_path: Path) -> None:
    plan_file = tmp_path / "slow-infusion.toml"
    plan_file.write_text(PERFUSION_PLAN, encoding="utf-8")
    driver.connect()
    assert driver.setup.load_plan_file(plan_file)
    driver.fill_setup()
    driver.start()
    instruction = driver.run.card.instruction
    assert "Delivering" not in instruction.text()

    driver.gun.press_trigger()  # an infusion of 80 s of gun time, 2 s at the test's clock
    try:
        driver.qtbot.waitUntil(lambda: "Delivering" in instruction.text(), timeout=SESSION_WAIT_MS)
    finally:
        driver.gun.release_trigger()
    driver.qtbot.waitUntil(lambda: "Delivering" not in instruction.text(), timeout=SESSION_WAIT_MS)
