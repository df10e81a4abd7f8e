"""Preferences dialog: interface language, telemetry rate, the practice printed on the reports, and the
clinic store this desk ships to.

The language applies at the next start (every screen is built in one language); the telemetry rate
applies at once to a connected gun; the practice (clinic name and address, practitioner and RPPS
number, each optional) is printed on the next report; the clinic connection is checked when OK is
pressed (no password in it, TLS with a verified server when remote) and used at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.settings import TELEMETRY_RATE_MAX_HZ, TELEMETRY_RATE_MIN_HZ, AppSettings
from gui.stop_everywhere import add_stop_button
from mesogun.clinic.settings import (
    ClinicSettings,
    ClinicSettingsError,
    checked_conninfo,
    load_settings,
    save_settings,
)
from mesogun.practice import Practice, PracticeError, load_practice, save_practice


class SettingsDialog(QDialog):
    """Edit the language and telemetry rate; ``apply()`` stores them (called on OK)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.language_combo = QComboBox(self)
        # Each language is named in its own language, so anyone can find theirs.
        self.language_combo.addItem(self.tr("System language"), "system")
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.restart_note = QLabel(self.tr("The new language is used from the next start."), self)
        self.restart_note.setProperty("muted", True)
        self.restart_note.setWordWrap(True)
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setRange(TELEMETRY_RATE_MIN_HZ, TELEMETRY_RATE_MAX_HZ)
        self.rate_spin.setSingleStep(50)
        self.rate_spin.setSuffix(" Hz")
        self.rate_spin.setValue(settings.telemetry_rate_hz)
        self.rate_spin.setToolTip(self.tr("Samples per second asked of the gun; 0 turns the live plot off"))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow("", self.restart_note)
        form.addRow(self.tr("Telemetry rate"), self.rate_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._practice_box())
        layout.addWidget(self._clinic_box())
        layout.addWidget(buttons)
        add_stop_button(self)  # it can be opened while the gun is armed
        self.setMinimumWidth(420)

    def _practice_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Practice (printed at the top of the reports)"), self)
        try:
            current = load_practice()
        except PracticeError:
            current = Practice()
        self.clinic_name_edit = QLineEdit(current.clinic_name or "", self)
        self.address_edit = QLineEdit(current.address or "", self)
        self.practitioner_edit = QLineEdit(current.practitioner or "", self)
        self.rpps_edit = QLineEdit(current.rpps or "", self)
        self.rpps_edit.setPlaceholderText(self.tr("11 digits"))
        self.rpps_edit.setMaxLength(11)
        self.practice_error = QLabel(self)
        self.practice_error.setWordWrap(True)
        self.practice_error.setProperty("error", True)
        self.practice_error.hide()
        box_form = QFormLayout(box)
        box_form.addRow(self.tr("Clinic name"), self.clinic_name_edit)
        box_form.addRow(self.tr("Address"), self.address_edit)
        box_form.addRow(self.tr("Practitioner"), self.practitioner_edit)
        box_form.addRow(self.tr("RPPS number"), self.rpps_edit)
        box_form.addRow("", self.practice_error)
        return box

    def practice(self) -> Practice:
        """The practice as typed (PracticeError for an RPPS number that is not 11 digits)."""
        return Practice(
            clinic_name=self.clinic_name_edit.text(),
            address=self.address_edit.text(),
            practitioner=self.practitioner_edit.text(),
            rpps=self.rpps_edit.text(),
        )

    def _clinic_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Clinic store"), self)
        self.clinic_edit = QLineEdit(self)
        # An example with the clinic's words: each desk's login is its room's name.
        example = self.tr("host=db.clinic.lan dbname=mesogun user=room1 sslrootcert=ca.crt")
        self.clinic_edit.setPlaceholderText(example)
        try:
            current = load_settings()
        except ClinicSettingsError:
            current = None
        self.clinic_edit.setText(current.conninfo if current is not None else "")
        note = QLabel(
            self.tr(
                "Leave empty for a desk on its own. The password goes in ~/.pgpass (readable by you "
                "only), never here."
            ),
            self,
        )
        note.setProperty("muted", True)
        note.setWordWrap(True)
        self.clinic_error = QLabel(self)
        self.clinic_error.setWordWrap(True)
        self.clinic_error.setProperty("error", True)
        self.clinic_error.hide()
        box_form = QFormLayout(box)
        box_form.addRow(self.tr("Connection"), self.clinic_edit)
        box_form.addRow("", note)
        box_form.addRow("", self.clinic_error)
        return box

    def accept(self) -> None:
        """Close with OK only once the RPPS number and the clinic connection can be used as written."""
        try:
            self.practice()
        except PracticeError:
            self.practice_error.setText(self.tr("The RPPS number has 11 digits; leave it empty if unknown."))
            self.practice_error.show()
            return
        self.practice_error.hide()
        text = self.clinic_edit.text().strip()
        if text:
            try:
                checked_conninfo(text)
            except ClinicSettingsError as error:
                self.clinic_error.setText(self.tr("This connection cannot be used:") + f" {error}")
                self.clinic_error.show()
                return
        super().accept()

    def apply(self) -> None:
        """Store the chosen values."""
        language = self.language_combo.currentData()
        if isinstance(language, str):
            self._settings.language = language
        self._settings.telemetry_rate_hz = self.rate_spin.value()
        self._settings.sync()
        save_practice(self.practice())
        text = self.clinic_edit.text().strip()
        save_settings(ClinicSettings(conninfo=text) if text else None)
