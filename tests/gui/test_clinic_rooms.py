"""The app in room 2 asks why a session comes too soon after one given in room 1, read from the clinic store.

Room 1's session is written in its own journal file and shipped to a real PostgreSQL server started
for this module (skipped where no server binaries are installed); room 2 is the app, configured with
the clinic store, on its own empty journal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_session_rhythm_screen import _earlier_session

from mesogun.clinic.replicator import sync_once
from mesogun.clinic.schema import install
from mesogun.clinic.settings import CLINIC_ENV

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mesogun" / "clinic"))
from pg_server import PgServer, find_bindir

psycopg = pytest.importorskip("psycopg", reason="the clinic store needs psycopg 3 (pip install '.[clinic]')")


@pytest.fixture(scope="module")
def clinic_conninfo() -> Iterator[tuple[PgServer, str]]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    server = PgServer(bindir, port=54331)
    server.start()
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE clinic")
            admin.execute("CREATE ROLE room1 LOGIN")
            admin.execute("CREATE ROLE room2 LOGIN")
        with psycopg.connect(server.conninfo("clinic")) as connection:
            install(connection)
            connection.execute("GRANT mesogun_station TO room1, room2")
        yield server, "clinic"
    finally:
        server.destroy()


def test_room_two_asks_why_a_session_comes_too_soon_after_room_one_s(
    clinic_conninfo: tuple[PgServer, str],
    driver: SessionDriver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, dbname = clinic_conninfo
    room1_journal = tmp_path / "room1" / "journal.sqlite3"
    _earlier_session(room1_journal, "mesostress", "MST-0077", hours_ago=2.0)
    sync_once(room1_journal, server.conninfo(dbname, "room1"))
    monkeypatch.setenv(CLINIC_ENV, server.conninfo(dbname, "room2"))

    driver.connect()
    area = driver.window.session_area
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup("MST-0077")
    driver.qtbot.mouseClick(driver.setup.start_button, Qt.MouseButton.LeftButton)

    driver.qtbot.waitUntil(lambda: area.too_soon_dialog is not None, timeout=SESSION_WAIT_MS)
    dialog = area.too_soon_dialog
    assert dialog is not None
    assert any("one session every 7 days" in label.text() for label in dialog.findChildren(QLabel))
