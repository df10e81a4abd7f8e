"""The journal's SQLite schema, as a list of migrations applied in order (``PRAGMA user_version``).

Every journal table starts with the same four columns: ``seq`` (the row's place in the one global
append order, also its key), ``prev_hash`` and ``row_hash`` (the chain, see ``chain.py``) and
``recorded_at`` (host UTC time of the append). Triggers refuse UPDATE and DELETE on all of them; the
single-row ``chain_head`` (last seq and hash) is the only row ever updated.

A migration is never edited once released: a change to the layout is a new migration at the end of
``MIGRATIONS``. Columns added later must be nullable, so rows written before keep their hashes
(the canonical form leaves NULL columns out).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

GENESIS_HASH = "0" * 64

_CHAIN_COLUMNS = """
    seq INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    row_hash TEXT NOT NULL,
    recorded_at TEXT NOT NULL"""


def _append_only(table: str) -> tuple[str, str]:
    """Triggers refusing UPDATE and DELETE on ``table``."""
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'journal rows are append-only: {table} cannot be updated'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'journal rows are append-only: {table} cannot be deleted'); END",
    )


@dataclass(frozen=True)
class Migration:
    """Statements that take the schema from ``version - 1`` to ``version``."""

    version: int
    description: str
    statements: tuple[str, ...]


_V1_TABLES: dict[str, str] = {
    "sessions_opened": """
        session_id TEXT NOT NULL UNIQUE,
        patient_pseudonym TEXT NOT NULL,
        practitioner TEXT NOT NULL,
        indication TEXT NOT NULL,
        plan_name TEXT,
        plan_version TEXT,
        limits_version TEXT NOT NULL,
        device_serial TEXT,
        device_firmware TEXT,
        calibration_id TEXT,
        products_json TEXT NOT NULL,
        started_at TEXT NOT NULL""",
    "screenings": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        answers_json TEXT NOT NULL,
        consent_given INTEGER NOT NULL,
        consent_at TEXT,
        screened_by TEXT NOT NULL""",
    "sessions_closed": """
        session_id TEXT NOT NULL UNIQUE REFERENCES sessions_opened(session_id),
        status TEXT NOT NULL CHECK (status IN ('completed', 'aborted')),
        reason TEXT,
        ended_at TEXT NOT NULL""",
    "syringe_changes": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        products_json TEXT NOT NULL,
        capacity_ml INTEGER,
        fill_ul REAL,
        operator TEXT NOT NULL""",
    "points_configured": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER NOT NULL,
        device_serial TEXT NOT NULL,
        config_id INTEGER NOT NULL,
        technique TEXT NOT NULL,
        mode TEXT NOT NULL,
        site_region TEXT,
        laterality TEXT,
        acupoint_code TEXT,
        zone TEXT,
        depth_mm REAL NOT NULL,
        volume_ul REAL NOT NULL,
        flow_ul_s REAL NOT NULL,
        burst_rate_per_s REAL NOT NULL,
        limits_version TEXT NOT NULL,
        operator TEXT NOT NULL""",
    "overrides": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER,
        configured_seq INTEGER REFERENCES points_configured(seq),
        field TEXT NOT NULL,
        value REAL NOT NULL,
        limit_value REAL NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        confirmed_by TEXT NOT NULL,
        confirmed_at TEXT NOT NULL""",
    "device_events": """
        device_serial TEXT NOT NULL,
        event_number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        device_time TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        UNIQUE (device_serial, event_number)""",
    "doses": """
        device_event_seq INTEGER NOT NULL UNIQUE REFERENCES device_events(seq),
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER NOT NULL,
        configured_seq INTEGER NOT NULL REFERENCES points_configured(seq),
        syringe_change_seq INTEGER REFERENCES syringe_changes(seq),
        device_serial TEXT NOT NULL,
        event_number INTEGER NOT NULL,
        delivered_at TEXT NOT NULL,
        commanded_depth_mm REAL NOT NULL,
        measured_depth_mm REAL NOT NULL,
        commanded_volume_ul REAL NOT NULL,
        delivered_volume_ul REAL NOT NULL,
        flow_ul_s REAL NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('complete', 'partial', 'cancelled', 'failed')),
        alarm TEXT,
        syringe_remaining_ul REAL NOT NULL,
        operator TEXT NOT NULL""",
    "alarms": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER,
        code TEXT NOT NULL,
        priority TEXT NOT NULL,
        raised INTEGER NOT NULL,
        detail TEXT NOT NULL,
        operator TEXT NOT NULL""",
    "skips": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        operator TEXT NOT NULL""",
    "notes": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        text TEXT NOT NULL,
        author TEXT NOT NULL""",
    "adverse_events": """
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        observed_at TEXT NOT NULL,
        description TEXT NOT NULL,
        action_taken TEXT NOT NULL,
        reported_by TEXT NOT NULL""",
    "corrections": """
        session_id TEXT REFERENCES sessions_opened(session_id),
        target_table TEXT NOT NULL,
        target_seq INTEGER NOT NULL,
        changes_json TEXT NOT NULL,
        previous_json TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        author TEXT NOT NULL""",
}


def _v1() -> Migration:
    statements: list[str] = [
        "CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "seq INTEGER NOT NULL, row_hash TEXT NOT NULL)",
        f"INSERT INTO chain_head (id, seq, row_hash) VALUES (1, 0, '{GENESIS_HASH}')",
        "CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head "
        "BEGIN SELECT RAISE(ABORT, 'the chain head cannot be deleted'); END",
    ]
    for table, columns in _V1_TABLES.items():
        statements.append(f"CREATE TABLE {table} ({_CHAIN_COLUMNS},{columns})")
        statements.extend(_append_only(table))
    statements += [
        "CREATE INDEX points_configured_by_config ON points_configured (device_serial, config_id)",
        "CREATE INDEX doses_by_session ON doses (session_id, point_index)",
        "CREATE INDEX sessions_opened_by_start ON sessions_opened (started_at)",
        "CREATE INDEX sessions_opened_by_patient ON sessions_opened (patient_pseudonym)",
    ]
    for table in ("screenings", "syringe_changes", "overrides", "alarms", "skips", "notes", "adverse_events"):
        statements.append(f"CREATE INDEX {table}_by_session ON {table} (session_id)")
    statements.append("CREATE INDEX corrections_by_target ON corrections (target_table, target_seq)")
    return Migration(1, "dose journal: sessions, device events, doses, audit records", tuple(statements))


def _v2() -> Migration:
    statements: list[str] = [
        "ALTER TABLE adverse_events ADD COLUMN severity TEXT "
        "CHECK (severity IS NULL OR severity IN ('mild', 'moderate', 'severe'))",
        f"""CREATE TABLE calibration_warnings ({_CHAIN_COLUMNS},
        session_id TEXT REFERENCES sessions_opened(session_id),
        device_serial TEXT NOT NULL,
        calibration_id TEXT,
        message TEXT NOT NULL,
        acknowledged_by TEXT NOT NULL)""",
        *_append_only("calibration_warnings"),
        "CREATE INDEX calibration_warnings_by_session ON calibration_warnings (session_id)",
    ]
    return Migration(2, "adverse event severity; calibration warnings", tuple(statements))


def _v3() -> Migration:
    """Calibration records: one chained row per volume or depth calibration or flow test."""
    statements: list[str] = [
        f"""CREATE TABLE calibrations ({_CHAIN_COLUMNS},
        record_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('volume', 'depth', 'flow')),
        device_serial TEXT NOT NULL CHECK (length(trim(device_serial)) > 0),
        device_model TEXT,
        device_firmware TEXT,
        technician TEXT NOT NULL CHECK (length(trim(technician)) > 0),
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        syringe TEXT,
        syringe_capacity_ml INTEGER,
        balance_id TEXT,
        gauge_id TEXT,
        temperature_c REAL,
        pressure_hpa REAL,
        humidity_pct REAL,
        z_ul_per_mg REAL,
        calibration_id_before INTEGER NOT NULL,
        volume_per_step_nl_before REAL NOT NULL,
        depth_offset_mm_before REAL NOT NULL,
        depth_scale_before REAL NOT NULL,
        calibration_id_after INTEGER,
        volume_per_step_nl_after REAL,
        depth_offset_mm_after REAL,
        depth_scale_after REAL,
        raw_json TEXT NOT NULL,
        figures_json TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('passed', 'failed')),
        reason TEXT,
        expires_at TEXT,
        CHECK (verdict = 'passed' OR length(trim(coalesce(reason, ''))) > 0),
        CHECK (verdict = 'failed' OR kind = 'flow' OR expires_at IS NOT NULL),
        CHECK (verdict = 'passed' OR calibration_id_after IS NULL))""",
        *_append_only("calibrations"),
        "CREATE INDEX calibrations_by_device ON calibrations (device_serial, kind, finished_at)",
    ]
    return Migration(3, "calibration records (volume, depth, flow)", tuple(statements))


def _v4() -> Migration:
    """Outcome scores: one chained row per scale scored at a session (codes in outcome_scores.py)."""
    statements: list[str] = [
        f"""CREATE TABLE outcome_scores ({_CHAIN_COLUMNS},
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        code TEXT NOT NULL CHECK (length(trim(code)) > 0),
        value INTEGER NOT NULL CHECK (value >= 0),
        scored_at TEXT NOT NULL,
        entered_by TEXT NOT NULL CHECK (length(trim(entered_by)) > 0))""",
        *_append_only("outcome_scores"),
        "CREATE INDEX outcome_scores_by_session ON outcome_scores (session_id)",
    ]
    return Migration(4, "outcome scores (pain before/after, HAM-A)", tuple(statements))


def _v5() -> Migration:
    """A session's totals recorded when it closes, so that listing sessions reads no dose rows.

    Nullable columns: sessions closed before this version keep their hashes and are summed from
    their doses when listed.
    """
    statements = (
        "ALTER TABLE sessions_closed ADD COLUMN dose_count INTEGER",
        "ALTER TABLE sessions_closed ADD COLUMN delivered_ul REAL",
    )
    return Migration(5, "session totals recorded at close", statements)


def _v6() -> Migration:
    """The content hash of the plan a session ran (see mesogun/plans/identity.py); nullable."""
    statements = ("ALTER TABLE sessions_opened ADD COLUMN plan_hash TEXT",)
    return Migration(6, "plan content hash of each session", statements)


def _v7() -> Migration:
    """Point decisions: the practitioner's choice for a point a cut shot left short (codes, volumes)."""
    statements: list[str] = [
        f"""CREATE TABLE point_decisions ({_CHAIN_COLUMNS},
        session_id TEXT NOT NULL REFERENCES sessions_opened(session_id),
        point_index INTEGER NOT NULL CHECK (point_index >= 0),
        choice TEXT NOT NULL CHECK (choice IN ('complete', 'done', 'skip')),
        target_ul REAL NOT NULL CHECK (target_ul >= 0),
        delivered_ul REAL NOT NULL CHECK (delivered_ul >= 0),
        remainder_ul REAL NOT NULL CHECK (remainder_ul >= 0),
        remainder_shot_ul REAL CHECK (remainder_shot_ul IS NULL OR remainder_shot_ul > 0),
        reason TEXT,
        operator TEXT NOT NULL CHECK (length(trim(operator)) > 0),
        CHECK (choice != 'skip' OR length(trim(coalesce(reason, ''))) > 0))""",
        *_append_only("point_decisions"),
        "CREATE INDEX point_decisions_by_session ON point_decisions (session_id)",
    ]
    return Migration(7, "point decisions after a cut shot (complete, done, skip)", tuple(statements))


MIGRATIONS: tuple[Migration, ...] = (_v1(), _v2(), _v3(), _v4(), _v5(), _v6(), _v7())
CURRENT_VERSION = MIGRATIONS[-1].version


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = CURRENT_VERSION) -> list[int]:
    """Apply the missing migrations up to ``target``, each in its own transaction; return those applied.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Read inside the write lock: another process may have migrated meanwhile.
            if schema_version(connection) >= migration.version:
                connection.execute("ROLLBACK")
                continue
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def chained_tables(connection: sqlite3.Connection) -> list[str]:
    """Tables in the file that carry the chain columns (found in the file, not assumed)."""
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    tables: list[str] = []
    for name in names:
        columns = {str(row[1]) for row in connection.execute(f"PRAGMA table_info({name})")}
        if {"seq", "prev_hash", "row_hash"} <= columns:
            tables.append(name)
    return tables


def column_types(connection: sqlite3.Connection, table: str) -> dict[str, str]:
    """Declared type (``INTEGER``, ``REAL``, ``TEXT``) of each column of ``table``, in order."""
    return {str(row[1]): str(row[2]).upper() for row in connection.execute(f"PRAGMA table_info({table})")}


def missing_triggers(connection: sqlite3.Connection) -> list[str]:
    """Append-only triggers that should exist on the chained tables but do not."""
    present = {
        str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    missing: list[str] = []
    for table in chained_tables(connection):
        for suffix in ("no_update", "no_delete"):
            if f"{table}_{suffix}" not in present:
                missing.append(f"{table}_{suffix}")
    return missing
