"""Fixtures for the clinic store tests: one real PostgreSQL server per test session, a database per test.

Skipped, with the reason, where no PostgreSQL server binaries are installed (``apt-get install
postgresql``; ``.ci/run`` installs them) or psycopg is missing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_builders import Clinic, Desk
from pg_server import PgServer, find_bindir

psycopg = pytest.importorskip("psycopg", reason="the clinic store needs psycopg 3 (pip install '.[clinic]')")

from mesogun.clinic.schema import install  # noqa: E402

STATION_LOGINS = ("room1", "room2")
AUDITOR_LOGIN = "auditor1"
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    server = PgServer(bindir)
    server.start()
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as admin:
            for login in STATION_LOGINS:
                admin.execute(f"CREATE ROLE {login} LOGIN".encode())
            admin.execute(f"CREATE ROLE {AUDITOR_LOGIN} LOGIN".encode())
        yield server
    finally:
        server.destroy()


@pytest.fixture
def clinic(pg_server: PgServer) -> Iterator[Clinic]:
    dbname = f"clinic_{next(_database_numbers)}"
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {dbname}".encode())
    with psycopg.connect(pg_server.conninfo(dbname)) as connection:
        install(connection)
        with connection.transaction():
            for login in STATION_LOGINS:
                connection.execute(f"GRANT mesogun_station TO {login}".encode())
            connection.execute(f"GRANT mesogun_auditor TO {AUDITOR_LOGIN}".encode())
    yield Clinic(pg_server, dbname)


@pytest.fixture
def desk1(tmp_path: Path) -> Iterator[Desk]:
    with Desk(tmp_path / "room1" / "journal.sqlite3", serial="SIM-0001") as desk:
        yield desk


@pytest.fixture
def desk2(tmp_path: Path) -> Iterator[Desk]:
    with Desk(tmp_path / "room2" / "journal.sqlite3", serial="SIM-0002") as desk:
        yield desk
