"""The clinic store in the app: its connection in Settings, its state in the status bar; else nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.settings_dialog import SettingsDialog
from gui.widgets.clinic_status import ClinicStatusLabel
from mesogun.clinic.replicator import SyncState
from mesogun.clinic.settings import CLINIC_ENV, load_settings

WAIT_MS = 30_000


@pytest.fixture
def window(qtbot: QtBot, app_settings: AppSettings) -> Iterator[MainWindow]:
    win = MainWindow(app_settings)
    qtbot.addWidget(win)
    yield win
    win.clinic_sync.shutdown()
    win.bridge.shutdown()


def test_settings_refuse_a_connection_holding_a_password_and_keep_a_usable_one(
    qtbot: QtBot, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CLINIC_ENV, raising=False)
    dialog = SettingsDialog(app_settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.clinic_edit.setText("host=db.clinic.lan dbname=mesogun user=room1 password=hunter2")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "password" in dialog.clinic_error.text() and dialog.clinic_error.isVisibleTo(dialog)
    assert load_settings() is None

    dialog.clinic_edit.setText("host=db.clinic.lan dbname=mesogun user=room1 sslrootcert=/etc/ca.crt")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.apply()
    saved = load_settings()
    assert saved is not None and saved.conninfo.endswith("sslmode=verify-full")

    again = SettingsDialog(app_settings)
    qtbot.addWidget(again)
    assert again.clinic_edit.text() == saved.conninfo
    again.clinic_edit.setText("")
    again.accept()
    again.apply()
    assert load_settings() is None


def test_a_desk_without_clinic_store_shows_nothing_of_it(window: MainWindow) -> None:
    assert not window.clinic_sync.running
    assert window.clinic_sync.label.isHidden()


def test_an_unreachable_clinic_store_is_said_in_the_status_bar(
    qtbot: QtBot, app_settings: AppSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CLINIC_ENV, f"host={tmp_path / 'no-server'} port=5 dbname=mesogun user=room1")
    win = MainWindow(app_settings)
    qtbot.addWidget(win)
    try:
        assert win.clinic_sync.running
        qtbot.waitUntil(lambda: "unreachable" in win.clinic_sync.label.text(), timeout=WAIT_MS)
        assert "history from this desk only (last sync never)" in win.clinic_sync.label.text()
        assert "cannot reach the clinic database" in win.clinic_sync.label.toolTip()
    finally:
        win.clinic_sync.shutdown()
        win.bridge.shutdown()


def test_the_desk_app_loads_no_database_driver_without_a_clinic_store(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from gui.app import create_application\n"
        "from gui.main_window import MainWindow\n"
        "from gui.settings import AppSettings\n"
        "import mesogun.cli\n"
        "app = create_application([])\n"
        "mesogun.cli.build_parser()\n"
        "window = MainWindow(AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0].startswith('psycopg'))\n"
        "window.bridge.shutdown()\n"
        "print(loaded)\n"
    )
    environment = {**os.environ, "MESOGUN_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    environment.pop(CLINIC_ENV, None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "app.ini")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_status_bar_says_in_sync_behind_or_differing_with_the_last_sync_time(qtbot: QtBot) -> None:
    label = ClinicStatusLabel()
    qtbot.addWidget(label)
    at = datetime(2026, 3, 2, 9, 41, 7, tzinfo=UTC)
    local = at.astimezone().strftime("%H:%M:%S")
    label.show_state(SyncState(connected=True, last_sync_at=at, lag_rows=0, error=None))
    assert label.text() == f"Clinic store: in sync at {local}" and not label.isHidden()
    label.show_state(SyncState(connected=True, last_sync_at=at, lag_rows=12, error=None))
    assert label.text() == f"Clinic store: 12 rows to send (last sync {local})"
    label.show_state(SyncState(True, at, 0, "truncated: the desk journal ends at 7", verdict="truncated"))
    assert "differs from the clinic's copy (rows are missing at its end)" in label.text()
    assert "ends at 7" in label.toolTip()
