"""Fixtures for the clinic store tests: one real PostgreSQL server per test session, a database per test.

Skipped, with the reason, where no PostgreSQL server binaries are installed (``apt-get install
postgresql``; ``.ci/run`` installs them) or psycopg is missing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_builders import Desk
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


class Clinic:
    """One clinic database on the test server, schema installed, desks granted their logins."""

    def __init__(self, server: PgServer, dbname: str) -> None:
        self.server = server
        self.dbname = dbname

    def conninfo(self, user: str = "postgres") -> str:
        return self.server.conninfo(self.dbname, user)

    def query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            found: list[tuple[object, ...]] = connection.execute(sql.encode(), parameters).fetchall()
            return found

    def execute(self, sql: str) -> None:
        """Run statements as the superuser (no result)."""
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(sql.encode())

    def rows_of(self, station: str) -> list[tuple[int, str]]:
        """(seq, row_hash) of every row the clinic holds for ``station``, in order."""
        found = self.query(
            "SELECT seq, row_hash FROM clinic.journal_rows WHERE station_id = %s ORDER BY seq", (station,)
        )
        return [(int(str(seq)), str(digest)) for seq, digest in found]

    def head_of(self, station: str) -> int:
        found = self.query("SELECT head_seq FROM clinic.stations WHERE station_id = %s", (station,))
        return int(str(found[0][0])) if found else 0


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
