"""Preferences dialog: interface language and telemetry rate.

The language applies at the next start (every screen is built in one language); the telemetry rate
applies at once to a connected gun.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.settings import TELEMETRY_RATE_MAX_HZ, TELEMETRY_RATE_MIN_HZ, AppSettings
from gui.stop_everywhere import add_stop_button


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
        layout.addWidget(buttons)
        add_stop_button(self)  # it can be opened while the gun is armed
        self.setMinimumWidth(420)

    def apply(self) -> None:
        """Store the chosen values."""
        language = self.language_combo.currentData()
        if isinstance(language, str):
            self._settings.language = language
        self._settings.telemetry_rate_hz = self.rate_spin.value()
        self._settings.sync()
