"""The clinic database's layout: the rows of every desk, each station's anchored head, roles and grants.

``clinic.journal_rows`` holds each desk row as the exact canonical text its hash was computed over
(see ``mesogun.journal.chain``), keyed by (station, position). The database itself checks what
arrives, whoever sends it: a CHECK recomputes the SHA-256 of the canonical text and compares it with
the row's hash and position; a statement trigger then requires the rows of each station to follow its
anchored head without gap and each ``prev_hash`` to be the hash of the row before, and moves the head.
Rows are append-only (triggers refuse UPDATE, DELETE and TRUNCATE, for the owner too).

Roles (group roles, no login): ``mesogun_station`` inserts its own rows (station = its login name)
and reads; ``mesogun_auditor`` reads; ``mesogun_admin`` reads and manages the other two. ``install``
is idempotent: run it again after an upgrade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesogun.journal.schema import GENESIS_HASH

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 1
STATION_ROLE = "mesogun_station"
AUDITOR_ROLE = "mesogun_auditor"
ADMIN_ROLE = "mesogun_admin"
GROUP_ROLES = (STATION_ROLE, AUDITOR_ROLE, ADMIN_ROLE)
# SQLSTATE raised by the chain check on arrival (class "MG": mesogun's own).
CHAIN_BREAK_SQLSTATE = "MG001"
FOREIGN_STATION_SQLSTATE = "MG002"

_ROLES = "\n".join(
    f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
END $$;"""
    for role in GROUP_ROLES
)

_TABLES = f"""
CREATE SCHEMA IF NOT EXISTS clinic;

CREATE TABLE IF NOT EXISTS clinic.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE IF NOT EXISTS clinic.stations (
    station_id text PRIMARY KEY,
    head_seq bigint NOT NULL DEFAULT 0,
    head_hash text NOT NULL DEFAULT '{GENESIS_HASH}',
    first_received_at timestamptz,
    last_received_at timestamptz,
    reported_at timestamptz,
    reported_head_seq bigint,
    verdict text NOT NULL DEFAULT 'ok' CHECK (verdict IN ('ok', 'truncated', 'diverged', 'broken')),
    verdict_detail text
);

CREATE TABLE IF NOT EXISTS clinic.journal_rows (
    station_id text NOT NULL DEFAULT session_user,
    seq bigint NOT NULL CHECK (seq > 0),
    table_name text NOT NULL,
    prev_hash text NOT NULL,
    row_hash text NOT NULL,
    recorded_at text NOT NULL,
    canonical text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    body jsonb GENERATED ALWAYS AS (canonical::jsonb) STORED,
    PRIMARY KEY (station_id, seq),
    CONSTRAINT row_matches_its_hash
        CHECK (encode(sha256(convert_to(canonical, 'UTF8')), 'hex') = row_hash),
    CONSTRAINT row_matches_its_place CHECK (
        (body ->> 'seq')::bigint = seq
        AND body ->> 'prev_hash' = prev_hash
        AND body ->> '@table' = table_name
        AND body ->> 'recorded_at' = recorded_at)
);
CREATE INDEX IF NOT EXISTS journal_rows_by_session
    ON clinic.journal_rows ((body ->> 'session_id'), table_name);
CREATE INDEX IF NOT EXISTS journal_rows_by_patient
    ON clinic.journal_rows ((body ->> 'patient_pseudonym')) WHERE table_name = 'sessions_opened';
CREATE INDEX IF NOT EXISTS journal_rows_corrections
    ON clinic.journal_rows (station_id, (body ->> 'target_seq')) WHERE table_name = 'corrections';

CREATE TABLE IF NOT EXISTS clinic.station_reports (
    report_id bigserial PRIMARY KEY,
    station_id text NOT NULL,
    reported_at timestamptz NOT NULL DEFAULT now(),
    local_head_seq bigint NOT NULL,
    clinic_head_seq bigint NOT NULL,
    verdict text NOT NULL,
    detail text
);
"""

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION clinic.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clinic rows are append-only: % cannot be changed (%)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION clinic.anchor_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, clinic AS $$
DECLARE
    batch record;
    head record;
    broken record;
    last_hash text;
BEGIN
    FOR batch IN
        SELECT station_id, min(seq) AS first_seq, max(seq) AS last_seq, count(*) AS n
        FROM arrived GROUP BY station_id
    LOOP
        IF batch.station_id <> session_user AND NOT pg_has_role(session_user, '{ADMIN_ROLE}', 'USAGE') THEN
            RAISE EXCEPTION 'login % may only send its own rows, not those of station %',
                session_user, batch.station_id USING ERRCODE = '{FOREIGN_STATION_SQLSTATE}';
        END IF;
        INSERT INTO clinic.stations (station_id, first_received_at)
            VALUES (batch.station_id, now()) ON CONFLICT (station_id) DO NOTHING;
        SELECT head_seq, head_hash INTO head FROM clinic.stations
            WHERE station_id = batch.station_id FOR UPDATE;
        IF batch.first_seq <> head.head_seq + 1 OR batch.last_seq - batch.first_seq + 1 <> batch.n THEN
            RAISE EXCEPTION 'station %: rows %..% do not follow the clinic''s head at position %',
                batch.station_id, batch.first_seq, batch.last_seq, head.head_seq
                USING ERRCODE = '{CHAIN_BREAK_SQLSTATE}';
        END IF;
        SELECT seq INTO broken FROM (
            SELECT seq, prev_hash, lag(row_hash, 1, head.head_hash) OVER (ORDER BY seq) AS expected
            FROM arrived WHERE station_id = batch.station_id
        ) linked WHERE prev_hash <> expected ORDER BY seq LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'station %: row % does not link to the row before it (prev_hash differs)',
                batch.station_id, broken.seq USING ERRCODE = '{CHAIN_BREAK_SQLSTATE}';
        END IF;
        SELECT row_hash INTO last_hash FROM arrived
            WHERE station_id = batch.station_id AND seq = batch.last_seq;
        UPDATE clinic.stations
            SET head_seq = batch.last_seq, head_hash = last_hash, last_received_at = now()
            WHERE station_id = batch.station_id;
    END LOOP;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION clinic.report_station(
    local_head_seq bigint, hash_at_clinic_head text, local_chain_ok boolean, detail text
) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, clinic AS $$
DECLARE
    head record;
    found_verdict text := 'ok';
    found_detail text := NULL;
BEGIN
    INSERT INTO clinic.stations (station_id) VALUES (session_user) ON CONFLICT (station_id) DO NOTHING;
    SELECT head_seq, head_hash INTO head FROM clinic.stations WHERE station_id = session_user FOR UPDATE;
    IF local_head_seq < head.head_seq THEN
        found_verdict := 'truncated';
        found_detail := format('the desk journal ends at position %s but the clinic holds rows up to %s',
                               local_head_seq, head.head_seq);
    ELSIF head.head_seq > 0 AND hash_at_clinic_head IS DISTINCT FROM head.head_hash THEN
        found_verdict := 'diverged';
        found_detail := format('the desk row at position %s no longer matches the row the clinic holds',
                               head.head_seq);
    ELSIF NOT local_chain_ok THEN
        found_verdict := 'broken';
        found_detail := detail;
    END IF;
    UPDATE clinic.stations
        SET reported_at = now(), reported_head_seq = local_head_seq,
            verdict = found_verdict, verdict_detail = found_detail
        WHERE station_id = session_user;
    INSERT INTO clinic.station_reports
        (station_id, local_head_seq, clinic_head_seq, verdict, detail)
        VALUES (session_user, local_head_seq, head.head_seq, found_verdict, found_detail);
    RETURN found_verdict;
END $$;
"""


def _triggers() -> str:
    statements = [
        "DROP TRIGGER IF EXISTS journal_rows_anchor ON clinic.journal_rows;",
        "CREATE TRIGGER journal_rows_anchor AFTER INSERT ON clinic.journal_rows "
        "REFERENCING NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION clinic.anchor_rows();",
    ]
    for table in ("journal_rows", "station_reports"):
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON clinic.{table};",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON clinic.{table} "
            "FOR EACH ROW EXECUTE FUNCTION clinic.refuse_change();",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON clinic.{table};",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON clinic.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change();",
        ]
    statements += [
        "DROP TRIGGER IF EXISTS stations_no_delete ON clinic.stations;",
        "CREATE TRIGGER stations_no_delete BEFORE DELETE OR TRUNCATE ON clinic.stations "
        "FOR EACH STATEMENT EXECUTE FUNCTION clinic.refuse_change();",
    ]
    return "\n".join(statements)


_GRANTS = f"""
REVOKE ALL ON SCHEMA clinic FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA clinic FROM PUBLIC;
REVOKE ALL ON FUNCTION clinic.report_station(bigint, text, boolean, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION clinic.anchor_rows() FROM PUBLIC;
GRANT USAGE ON SCHEMA clinic TO {STATION_ROLE}, {AUDITOR_ROLE}, {ADMIN_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA clinic TO {STATION_ROLE}, {AUDITOR_ROLE}, {ADMIN_ROLE};
GRANT INSERT ON clinic.journal_rows TO {STATION_ROLE};
GRANT EXECUTE ON FUNCTION clinic.report_station(bigint, text, boolean, text) TO {STATION_ROLE};
GRANT {STATION_ROLE}, {AUDITOR_ROLE} TO {ADMIN_ROLE} WITH ADMIN OPTION;
"""


def install(connection: psycopg.Connection[tuple[object, ...]]) -> None:
    """Create (or bring up to date) the clinic schema, its roles and grants, in one transaction.

    Needs a login allowed to create roles and schemas in the database (its owner, or a superuser).
    """
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(_ROLES.encode())
        cursor.execute(_TABLES.encode())
        cursor.execute(_FUNCTIONS.encode())
        cursor.execute(_triggers().encode())
        cursor.execute(_GRANTS.encode())
        cursor.execute(
            "INSERT INTO clinic.meta (key, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(SCHEMA_VERSION),),
        )


def installed_version(connection: psycopg.Connection[tuple[object, ...]]) -> int:
    """The clinic schema version in the database, 0 when ``install`` never ran there."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('clinic.meta') IS NOT NULL")
        row = cursor.fetchone()
        if row is None or not row[0]:
            return 0
        cursor.execute("SELECT value FROM clinic.meta WHERE key = 'schema_version'")
        found = cursor.fetchone()
    return int(str(found[0])) if found else 0
