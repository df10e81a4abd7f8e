"""Checks that use the clinic's anchor: a desk journal against the clinic's head, a stored chain again.

A desk journal alone cannot show that its last rows were cut off, or that every hash from some row
on was rewritten: the clinic's head for the station can. ``compare_with_clinic`` reads the head the
clinic anchored for this desk's login and checks that the desk still holds a row at that position
with that very hash. ``check_station_chain`` re-walks, on the server, every row the clinic holds for a
station: each row against its hash, each link to the row before, no gap, the head at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mesogun.clinic.connection import connect
from mesogun.clinic.local_rows import LocalJournalRows
from mesogun.journal.schema import GENESIS_HASH

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True)
class AnchorReport:
    """The desk journal compared with what the clinic anchored for this station."""

    station_id: str
    clinic_head_seq: int
    local_last_seq: int
    ok: bool
    reason: str | None


def compare_with_clinic(journal_path: Path, conninfo: str) -> AnchorReport:
    """Whether the desk journal still holds, unchanged, every row the clinic anchored for this login.

    Raises ClinicUnavailableError when the clinic cannot be reached.
    """
    connection = connect(conninfo, autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT session_user, s.head_seq, s.head_hash FROM (SELECT 1) one "
                "LEFT JOIN clinic.stations s ON s.station_id = session_user"
            )
            found = cursor.fetchone()
    finally:
        connection.close()
    station_id = str(found[0]) if found else ""
    head_seq = int(str(found[1])) if found and found[1] is not None else 0
    head_hash = str(found[2]) if found and found[2] is not None else GENESIS_HASH
    with LocalJournalRows(journal_path) as local:
        last_seq = local.last_seq()
        local_hash = local.hash_at(head_seq)
    if last_seq < head_seq:
        reason = (
            f"the journal ends at position {last_seq} but the clinic holds this desk's rows "
            f"up to {head_seq}: rows were cut off the end after they were replicated"
        )
        return AnchorReport(station_id, head_seq, last_seq, False, reason)
    if local_hash != head_hash:
        reason = (
            f"the row at position {head_seq} differs from the one the clinic holds: "
            "the journal was rewritten after it was replicated"
        )
        return AnchorReport(station_id, head_seq, last_seq, False, reason)
    return AnchorReport(station_id, head_seq, last_seq, True, None)


@dataclass(frozen=True)
class StationCheck:
    """The server's own walk over one station's stored rows."""

    station_id: str
    rows_checked: int
    ok: bool
    first_broken_seq: int | None
    reason: str | None


_WALK = f"""
SELECT seq, computed <> row_hash AS edited, prev_hash <> expected_prev AS unlinked,
       seq <> previous_seq + 1 AS gap
FROM (
    SELECT seq, row_hash, prev_hash,
           encode(sha256(convert_to(canonical, 'UTF8')), 'hex') AS computed,
           (canonical::jsonb ->> 'seq')::bigint AS inner_seq,
           lag(row_hash, 1, '{GENESIS_HASH}') OVER w AS expected_prev,
           lag(seq, 1, 0::bigint) OVER w AS previous_seq
    FROM clinic.journal_rows WHERE station_id = %s
    WINDOW w AS (ORDER BY seq)
) walked
WHERE computed <> row_hash OR inner_seq <> seq OR prev_hash <> expected_prev OR seq <> previous_seq + 1
ORDER BY seq LIMIT 1
"""


def check_station_chain(cursor: psycopg.Cursor[tuple[object, ...]], station_id: str) -> StationCheck:
    """Re-walk one station's rows on the server (one query) and compare the end with its head."""
    cursor.execute(
        "SELECT count(*), coalesce(max(seq), 0) FROM clinic.journal_rows WHERE station_id = %s",
        (station_id,),
    )
    counted = cursor.fetchone()
    rows = int(str(counted[0])) if counted else 0
    last_seq = int(str(counted[1])) if counted else 0
    cursor.execute(_WALK.encode(), (station_id,))
    broken = cursor.fetchone()
    if broken is not None:
        seq = int(str(broken[0]))
        if broken[1]:
            reason = "the row does not match its hash: edited on the server"
        elif broken[2]:
            reason = "prev_hash is not the hash of the row before: a row was replaced or moved"
        else:
            reason = "append positions are missing before it: rows were deleted on the server"
        return StationCheck(station_id, rows, False, seq, reason)
    cursor.execute(
        "SELECT s.head_seq, s.head_hash, r.row_hash FROM clinic.stations s "
        "LEFT JOIN clinic.journal_rows r ON r.station_id = s.station_id AND r.seq = s.head_seq "
        "WHERE s.station_id = %s",
        (station_id,),
    )
    head = cursor.fetchone()
    if head is not None and (int(str(head[0])) != last_seq or (last_seq and head[1] != head[2])):
        reason = f"the anchored head ({head[0]}) is not the last row held ({last_seq})"
        return StationCheck(station_id, rows, False, int(str(head[0])), reason)
    return StationCheck(station_id, rows, True, None, None)
