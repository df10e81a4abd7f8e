"""The app in room 2 asks why a session comes too soon after one given in room 1, read from the clinic store.

Room 1's session is written in its own journal file and shipped to a real PostgreSQL server started
for this module (skipped where no server binaries are installed); room 2 is the app, configured with
the clinic store, on its own empty journal.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel
from test_session_rhythm_screen import _earlier_session

from mesogun.clinic import reader
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


def test_the_window_keeps_answering_while_the_clinic_store_is_silent_and_then_applies_its_answer(
    clinic_conninfo: tuple[PgServer, str],
    driver: SessionDriver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, dbname = clinic_conninfo
    with psycopg.connect(server.conninfo(dbname), autocommit=True) as admin:
        admin.execute("CREATE ROLE room3 LOGIN")
        admin.execute("GRANT mesogun_station TO room3")
    room3_journal = tmp_path / "room3" / "journal.sqlite3"
    _earlier_session(room3_journal, "mesostress", "MST-0078", hours_ago=2.0)
    sync_once(room3_journal, server.conninfo(dbname, "room3"))
    monkeypatch.setenv(CLINIC_ENV, server.conninfo(dbname, "room2"))
    # A slow network: the read waits for the store rather than giving up after the usual 3 s.
    monkeypatch.setattr(reader, "READ_TIMEOUT_S", 20)

    driver.connect()
    area, session, setup = driver.window.session_area, driver.window.session, driver.setup
    setup.choose_builtin("mesostress")
    driver.fill_setup("MST-0078")
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGSTOP)  # the clinic store takes connections and answers none
    try:
        driver.qtbot.mouseClick(setup.start_button, Qt.MouseButton.LeftButton)
        # The click returned while the store is silent: the read goes on elsewhere, the window lives on.
        assert session.opening
        seen = len(ticks)
        driver.qtbot.waitUntil(lambda: len(ticks) >= seen + 20)
        assert session.opening and session.runner is None
        assert area.currentWidget() is setup and area.too_soon_dialog is None
        assert not setup.start_button.isEnabled()
    finally:
        os.kill(postmaster, signal.SIGCONT)
        timer.stop()

    # The store answers: room 3's session of two hours ago makes this one too soon.
    driver.qtbot.waitUntil(lambda: area.too_soon_dialog is not None, timeout=SESSION_WAIT_MS)
    dialog = area.too_soon_dialog
    assert dialog is not None
    assert any("one session every 7 days" in label.text() for label in dialog.findChildren(QLabel))
    assert not session.opening
    dialog.reject()
