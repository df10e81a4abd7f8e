"""The volume calibration's first step takes the balance's identity, each field optional."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from gui.pages.technician_volume_setup import VolumeSetupForm


def _filled(qtbot: QtBot) -> VolumeSetupForm:
    step = VolumeSetupForm()
    qtbot.addWidget(step)
    step.technician_edit.setText("Camille Roux")
    step.syringe_edit.setText("BD Plastipak 10 ml")
    step.capacity_combo.addItem("10 ml", 10)
    return step


def test_the_balance_identity_typed_goes_into_the_setup(qtbot: QtBot) -> None:
    step = _filled(qtbot)
    step.balance_model_edit.setText(" XS205DU ")
    step.resolution_spin.setValue(0.01)
    step.verified_edit.setDate(QDate(2026, 1, 15))

    setup = step.setup(access_code=0)

    assert setup.balance_model == "XS205DU"
    assert setup.balance_resolution_mg == 0.01
    assert setup.balance_verified_on == date(2026, 1, 15)


def test_a_balance_identity_left_empty_is_not_given(qtbot: QtBot) -> None:
    setup = _filled(qtbot).setup(access_code=0)

    assert (setup.balance_model, setup.balance_resolution_mg, setup.balance_verified_on) == (None, None, None)
