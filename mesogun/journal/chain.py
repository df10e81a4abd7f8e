"""The hash chain over every journal row, and its verification.

Each row, whatever its table, takes the next number of one global append order (``seq``) and stores
the hash of the row appended before it (``prev_hash``). Its own ``row_hash`` is SHA-256 over a
canonical serialisation: compact JSON, keys sorted, of the table name (key ``@table``) and every
column except ``row_hash`` whose value is not NULL (so a nullable column added by a later migration
leaves earlier hashes valid). Values are normalised to the column's declared type before hashing so
that what is hashed is exactly what SQLite gives back.

``verify`` walks all tables merged by ``seq`` and reports the first row that breaks the chain: content
that no longer matches its hash (edited, or moved to another place), a ``prev_hash`` that is not the
hash of the row before (inserted, removed or moved), a gap or a repeat in the append order, or a
chain that ends before or after the recorded head (rows removed from, or added at, the end). Someone
who rewrites every hash from a point onwards, head included, is not detected by the file alone: keep
the head hash that ``mesogun log verify`` prints somewhere else to catch that.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

from mesogun.journal.errors import InvalidRecordError, RecordRule
from mesogun.journal.records import BrokenLink, VerifyReport
from mesogun.journal.schema import GENESIS_HASH, chained_tables, missing_triggers

SqlValue = str | int | float | None


#: What ``json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)``
#: builds on every call, built once: every append serialises a row or two.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_bytes(table: str, row: Mapping[str, SqlValue]) -> bytes:
    """The canonical serialisation of a row that its hash is computed over."""
    body: dict[str, SqlValue] = {key: value for key, value in row.items() if value is not None}
    body.pop("row_hash", None)
    body["@table"] = table
    return _CANONICAL_JSON.encode(body).encode()


def row_hash(table: str, row: Mapping[str, SqlValue]) -> str:
    """SHA-256 (hex) of a row's canonical serialisation."""
    return hashlib.sha256(canonical_bytes(table, row)).hexdigest()


#: (declared column type, exact Python type) pairs whose values are stored unchanged.
_STORED_AS_IS: frozenset[tuple[str | None, type]] = frozenset(
    {("INTEGER", int), ("REAL", float), ("TEXT", str)}
)


def normalise(table: str, types: Mapping[str, str], row: Mapping[str, Any]) -> dict[str, SqlValue]:
    """``row`` with each value converted to its column's declared type; refuse what does not fit.

    Booleans become 0/1, integers bound for a REAL column become floats; NaN and infinities are
    refused (they have no canonical form and no clinical meaning).
    """
    normalised: dict[str, SqlValue] = {}
    for column, value in row.items():
        declared = types.get(column)
        # Most values already have their column's type: kept as they are, checked no further.
        if (declared, type(value)) in _STORED_AS_IS and (type(value) is not float or math.isfinite(value)):
            normalised[column] = value
            continue
        if declared is None:
            raise InvalidRecordError(
                f"{table}.{column}", value, "no such column in the journal", RecordRule.NO_SUCH_COLUMN
            )
        field = f"{table}.{column}"
        if value is None:
            normalised[column] = None
        elif declared == "INTEGER":
            if isinstance(value, bool | int):
                normalised[column] = int(value)
            else:
                raise InvalidRecordError(field, value, "an integer is required", RecordRule.INTEGER_NEEDED)
        elif declared == "REAL":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidRecordError(field, value, "a number is required", RecordRule.NUMBER_NEEDED)
            if not math.isfinite(value):
                raise InvalidRecordError(
                    field, value, "a finite number is required", RecordRule.FINITE_NUMBER_NEEDED
                )
            normalised[column] = float(value)
        elif isinstance(value, str):
            normalised[column] = value
        else:
            raise InvalidRecordError(field, value, "text is required", RecordRule.TEXT_NEEDED)
    return normalised


def _table_rows(connection: sqlite3.Connection, table: str) -> Iterator[tuple[int, str, dict[str, SqlValue]]]:
    cursor = connection.execute(f"SELECT * FROM {table} ORDER BY seq")
    names = [description[0] for description in cursor.description]
    seq_index = names.index("seq")
    for values in cursor:
        yield values[seq_index], table, dict(zip(names, values, strict=True))


def _seq_key(item: tuple[int, str, dict[str, SqlValue]]) -> int:
    return item[0]


def verify_chain(connection: sqlite3.Connection) -> VerifyReport:
    """Check every row of every chained table, in append order, inside one read snapshot."""
    connection.execute("BEGIN")
    try:
        return _verify(connection)
    finally:
        connection.execute("ROLLBACK")


def _verify(connection: sqlite3.Connection) -> VerifyReport:
    head_row = connection.execute("SELECT seq, row_hash FROM chain_head WHERE id = 1").fetchone()
    head_seq, head_hash = (int(head_row[0]), str(head_row[1])) if head_row else (0, GENESIS_HASH)
    warnings = tuple(f"append-only trigger missing: {name}" for name in missing_triggers(connection))
    streams = [_table_rows(connection, table) for table in chained_tables(connection)]
    expected_seq = 1
    previous_hash = GENESIS_HASH
    checked = 0

    def report(table: str, seq: int, reason: str) -> VerifyReport:
        broken = BrokenLink(table=table, seq=seq, reason=reason)
        return VerifyReport(
            ok=False,
            rows_checked=checked,
            first_broken=broken,
            head_seq=head_seq,
            head_hash=head_hash,
            warnings=warnings,
        )

    for seq, table, row in heapq.merge(*streams, key=_seq_key):
        if seq < expected_seq:
            return report(table, seq, f"append position {seq} appears twice: a row was inserted")
        if seq > expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
            return report(table, seq, f"append position {missing} is missing: a row was deleted")
        if row_hash(table, row) != row["row_hash"]:
            return report(table, seq, "the row does not match its hash: it was edited or moved")
        if row["prev_hash"] != previous_hash:
            return report(
                table,
                seq,
                "prev_hash is not the hash of the row before: a row was inserted, replaced or moved",
            )
        previous_hash = str(row["row_hash"])
        expected_seq += 1
        checked += 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return report("chain_head", head_seq, f"the chain ends at {last_seq}: rows were deleted from the end")
    if last_seq > head_seq or previous_hash != head_hash:
        return report(
            "chain_head",
            head_seq,
            f"the chain head records position {head_seq} but the rows end at {last_seq} "
            "with another hash: rows were added or replaced outside the journal",
        )
    return VerifyReport(
        ok=True,
        rows_checked=checked,
        first_broken=None,
        head_seq=head_seq,
        head_hash=head_hash,
        warnings=warnings,
    )
