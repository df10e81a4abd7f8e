"""The practice printed on the reports, in Settings: typed once, kept, an RPPS number checked."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from gui.settings import AppSettings
from gui.settings_dialog import SettingsDialog
from mesogun.practice import Practice, load_practice


def test_settings_keep_the_practice_and_refuse_an_rpps_number_of_the_wrong_length(
    qtbot: QtBot, app_settings: AppSettings
) -> None:
    dialog = SettingsDialog(app_settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.clinic_name_edit.setText("Cabinet du Parc")
    dialog.practitioner_edit.setText("Dr Claire Martin")
    dialog.rpps_edit.setText("1010123")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "11" in dialog.practice_error.text() and dialog.practice_error.isVisibleTo(dialog)
    assert load_practice() == Practice()

    dialog.rpps_edit.setText("10101234567")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.apply()
    expected = Practice(clinic_name="Cabinet du Parc", practitioner="Dr Claire Martin", rpps="10101234567")
    assert load_practice() == expected

    again = SettingsDialog(app_settings)
    qtbot.addWidget(again)
    assert again.clinic_name_edit.text() == "Cabinet du Parc" and again.address_edit.text() == ""
    assert again.rpps_edit.text() == "10101234567"
