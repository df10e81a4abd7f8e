"""Shared fixtures of the desktop application's tests: offscreen Qt, isolated settings, simulated guns."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

# Offscreen, on a desktop-sized virtual screen (the plugin's default screen is 800×800, smaller than
# the main window's minimum width, so window geometry could not be checked on it).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).with_name('offscreen_screen.json')}"
    )

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from gui.app import APPLICATION_NAME, ORGANIZATION_NAME
from gui.language import install_language
from gui.settings import AppSettings
from gui.style import apply_theme
from mesogun.journal import DATA_DIR_ENV

_names = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _themed_app(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Settings written by the code under test go to a temporary directory, never the user's.
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings"))
    )
    apply_theme(qapp)


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """Settings stored in a file of the test's own directory."""
    return AppSettings(QSettings(str(tmp_path / "mesogun.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def french() -> Iterator[None]:
    """The French translations installed for the test (English restored afterwards)."""
    install_language("fr")
    yield
    install_language("en")


@pytest.fixture
def sim_name() -> str:
    """A simulated-gun name no other test uses (the simulator registry is per process)."""
    return f"gui-test-{os.getpid()}-{next(_names)}"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The main window opens the dose journal at the default path: each test gets its own, never the
    # user's (the simulated gun's event memory lives beside it).
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
