"""A desk for the clinic tests: a real SQLite journal file and whole sessions recorded through its API."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pg_server import PgServer

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.journal.chain import row_hash
from mesogun.journal.sqlite_db import SqliteDb
from mesogun.journal.timefmt import utc_now
from mesogun.models import Product, Technique

PROCAINE = Product(name="Procaïne", concentration="2 %", lot="PRC-2411", expiry=date(2030, 6, 30))


class Desk:
    """One treatment room's journal; ``session`` records a whole session as the runner would."""

    def __init__(self, path: Path, *, serial: str) -> None:
        self.path = path
        self.serial = serial
        self.journal = SqliteJournal(path)
        self._event_number = 0
        self._config_id = 0

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def open(self, patient: str = "MST-0042", started_at: datetime | None = None) -> str:
        return self.journal.open_session(
            patient_pseudonym=patient,
            practitioner="Dr Claire Martin",
            indication="lombalgie",
            limits_version="limits-2025.1",
            products=(PROCAINE,),
            plan_name="lombalgie",
            device_serial=self.serial,
            started_at=started_at,
        )

    def point(self, session_id: str, point_index: int) -> int:
        self._config_id += 1
        self.journal.record_point_configured(
            session_id,
            point_index=point_index,
            device_serial=self.serial,
            config_id=self._config_id,
            technique=Technique.POINT_PAR_POINT,
            mode=Mode.SINGLE,
            depth_mm=4.0,
            volume_ul=50.0,
            flow_ul_s=50.0,
            burst_rate_per_s=1.0,
            limits_version="limits-2025.1",
            operator="Dr Claire Martin",
        )
        return self._config_id

    def shot(self, config_id: int, volume_ul: float = 50.0) -> None:
        self._event_number += 1
        self.journal.store(
            self.serial,
            Shot(
                event_number=self._event_number,
                device_time=utc_now(),
                config_id=config_id,
                mode=Mode.SINGLE,
                commanded_depth_mm=4.0,
                measured_depth_mm=4.0,
                commanded_volume_ul=volume_ul,
                delivered_volume_ul=volume_ul,
                flow_ul_s=50.0,
                result=ShotResult.COMPLETE,
                cause=AlarmCode.NONE,
                syringe_remaining_ul=2000.0,
            ),
        )

    def session(
        self,
        patient: str = "MST-0042",
        *,
        points: int = 2,
        shots: int = 2,
        started_at: datetime | None = None,
    ) -> str:
        """Open, deliver ``points`` × ``shots`` shots of 50 µl, close as completed; the session id."""
        session_id = self.open(patient, started_at)
        for index in range(points):
            config_id = self.point(session_id, index)
            for _ in range(shots):
                self.shot(config_id)
        self.journal.close_session(session_id, "completed")
        return session_id

    def notes(self, session_id: str, count: int) -> None:
        """``count`` notes appended in one transaction (a fast way to a long journal)."""
        db = SqliteDb(self.path, clock=lambda: datetime.now(UTC))
        try:
            with db.transaction() as tx:
                for number in range(count):
                    tx.append("notes", {"session_id": session_id, "text": f"note {number}", "author": "test"})
        finally:
            db.close()

    def head(self) -> int:
        return self.journal.verify().head_seq


def hours_ago(hours: float) -> datetime:
    return datetime.now(UTC) - timedelta(hours=hours)


class Clinic:
    """One clinic database on the test server, schema installed, desks granted their logins."""

    def __init__(self, server: PgServer, dbname: str) -> None:
        self.server = server
        self.dbname = dbname

    def conninfo(self, user: str = "postgres") -> str:
        return self.server.conninfo(self.dbname, user)

    def query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            found: list[tuple[object, ...]] = connection.execute(sql.encode(), parameters).fetchall()
            return found

    def execute(self, sql: str) -> None:
        """Run statements as the superuser (no result)."""
        import psycopg

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


# ---------------------------------------------------------------------- a forger with file access


def _tables(connection: sqlite3.Connection) -> list[str]:
    from mesogun.journal.schema import chained_tables

    return chained_tables(connection)


def cut_tail(path: Path, rows: int) -> None:
    """Remove the last ``rows`` rows as a careful forger would: triggers put back, head moved back."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        head = connection.execute("SELECT seq FROM chain_head").fetchone()[0]
        keep = head - rows
        for table in _tables(connection):
            trigger = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_no_delete",)
            ).fetchone()[0]
            connection.execute(f"DROP TRIGGER {table}_no_delete")
            connection.execute(f"DELETE FROM {table} WHERE seq > ?", (keep,))
            connection.execute(trigger)
        last = connection.execute(
            " UNION ALL ".join(
                f"SELECT seq, row_hash FROM {t} WHERE seq = {keep}" for t in _tables(connection)
            )
        ).fetchone()
        connection.execute("UPDATE chain_head SET seq = ?, row_hash = ?", (last[0], last[1]))
    finally:
        connection.close()


def rewrite_from(
    path: Path, table: str, seq: int, column: str, value: object, *, rehash: bool = True
) -> None:
    """Change one column of one row; with ``rehash``, recompute every hash from there on, head included."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        tables = _tables(connection)
        saved = {
            name: sql
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_update'"
            )
        }
        for name in saved:
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE seq = ?", (value, seq))
        if rehash:
            previous = connection.execute(
                " UNION ALL ".join(f"SELECT row_hash FROM {t} WHERE seq = {seq - 1}" for t in tables)
            ).fetchone()
            previous_hash = previous[0] if previous else "0" * 64
            rows: list[tuple[int, str, dict[str, object]]] = []
            for name in tables:
                cursor = connection.execute(f"SELECT * FROM {name} WHERE seq >= ?", (seq,))
                columns = [description[0] for description in cursor.description]
                for values in cursor:
                    row = dict(zip(columns, values, strict=True))
                    rows.append((int(row["seq"]), name, row))
            for row_seq, name, row in sorted(rows, key=lambda item: item[0]):
                row["prev_hash"] = previous_hash
                digest = row_hash(name, row)  # type: ignore[arg-type]
                connection.execute(
                    f"UPDATE {name} SET prev_hash = ?, row_hash = ? WHERE seq = ?",
                    (previous_hash, digest, row_seq),
                )
                previous_hash = digest
            connection.execute("UPDATE chain_head SET row_hash = ?", (previous_hash,))
        for sql in saved.values():
            connection.execute(sql)
    finally:
        connection.close()


def relink(path: Path, seq: int, prev_hash: str) -> None:
    """Give row ``seq`` another ``prev_hash`` and recompute every hash from it on, head included."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        tables = _tables(connection)
        saved = list(connection.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%_no_update'"))
        for name, _ in saved:
            connection.execute(f"DROP TRIGGER {name}")
        rows: list[tuple[int, str, dict[str, object]]] = []
        for name in tables:
            cursor = connection.execute(f"SELECT * FROM {name} WHERE seq >= ?", (seq,))
            columns = [description[0] for description in cursor.description]
            rows += [(int(values[columns.index("seq")]), name, dict(zip(columns, values, strict=True)))
                     for values in cursor]  # fmt: skip
        previous = prev_hash
        for row_seq, name, row in sorted(rows, key=lambda item: item[0]):
            row["prev_hash"] = previous
            digest = row_hash(name, row)  # type: ignore[arg-type]
            connection.execute(
                f"UPDATE {name} SET prev_hash = ?, row_hash = ? WHERE seq = ?", (previous, digest, row_seq)
            )
            previous = digest
        connection.execute("UPDATE chain_head SET row_hash = ?", (previous,))
        for _, sql in saved:
            connection.execute(sql)
    finally:
        connection.close()
