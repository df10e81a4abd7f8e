"""Preferences and interface language: choice order, refusal of unknown values, French loaded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from gui.language import current_language, install_language, resolve_language
from gui.settings import DEFAULT_TELEMETRY_RATE_HZ, AppSettings


def test_command_line_beats_saved_choice_which_beats_the_system_locale() -> None:
    assert resolve_language("en", "fr", "fr_FR") == "en"
    assert resolve_language(None, "fr", "en_GB") == "fr"
    assert resolve_language(None, "system", "fr_CA") == "fr"
    assert resolve_language(None, "system", "de_DE") == "en"
    with pytest.raises(ValueError, match="'de' is not one of fr, en"):
        resolve_language("de", "system", "fr_FR")


def test_settings_round_trip_and_refuse_out_of_range(app_settings: AppSettings) -> None:
    assert app_settings.language == "system"
    assert app_settings.telemetry_rate_hz == DEFAULT_TELEMETRY_RATE_HZ
    app_settings.language = "fr"
    app_settings.telemetry_rate_hz = 500
    assert (app_settings.language, app_settings.telemetry_rate_hz) == ("fr", 500)
    with pytest.raises(ValueError, match=r"telemetry_rate_hz: 5000 is outside 0\.\.1000 Hz"):
        app_settings.telemetry_rate_hz = 5000
    with pytest.raises(ValueError, match="language: 'it'"):
        app_settings.language = "it"


def test_french_catalogue_translates_and_english_restores() -> None:
    install_language("fr")
    try:
        assert current_language() == "fr"
        assert QCoreApplication.translate("EmergencyStopButton", "STOP") == "STOP"
        assert QCoreApplication.translate("ConnectionPanel", "Connect") == "Connecter"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's own catalogue
    finally:
        install_language("en")
    assert QCoreApplication.translate("ConnectionPanel", "Connect") == "Connect"
