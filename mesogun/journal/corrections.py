"""Which recorded fields a correction may change, and how corrections are read back.

A correction is a new row naming an earlier row (table and ``seq``), the new values and the values
they replace; the earlier row is never touched (21 CFR 11.10(e): changes never obscure earlier
values). What the device measured (event numbers, volumes, depths, results) cannot be corrected:
the device is the source of truth for delivered doses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from mesogun.journal.errors import InvalidRecordError, RecordRule
from mesogun.journal.pseudonym import validate_pseudonym
from mesogun.journal.records import AdverseSeverity
from mesogun.journal.sqlite_db import Appender

CorrectionValue = str | float | int | None

#: table → field → rule ("text": non-empty text; "optional": text or None; "pseudonym"; "severity").
CORRECTABLE: dict[str, dict[str, str]] = {
    "sessions_opened": {"patient_pseudonym": "pseudonym", "practitioner": "text", "indication": "text"},
    "notes": {"text": "text"},
    "adverse_events": {"description": "text", "severity": "severity", "action_taken": "optional"},
    "doses": {
        "site_region": "optional",
        "laterality": "optional",
        "acupoint_code": "optional",
        "operator": "text",
    },
    "skips": {"reason": "text"},
}


def validate_changes(table: str, changes: Mapping[str, Any]) -> dict[str, CorrectionValue]:
    """The changes, checked against ``CORRECTABLE``; refuse any other table, field or value."""
    fields = CORRECTABLE.get(table)
    if fields is None:
        raise InvalidRecordError(
            "target_table",
            table,
            f"corrections apply to {', '.join(sorted(CORRECTABLE))} only",
            RecordRule.NOT_CORRECTABLE_TABLE,
            tables=", ".join(sorted(CORRECTABLE)),
        )
    if not changes:
        raise InvalidRecordError(
            "changes", dict(changes), "name at least one field to correct", RecordRule.NO_CHANGE
        )
    checked: dict[str, CorrectionValue] = {}
    for field, value in changes.items():
        rule = fields.get(field)
        if rule is None:
            raise InvalidRecordError(
                f"{table}.{field}",
                value,
                f"correctable fields of {table}: {', '.join(sorted(fields))}",
                RecordRule.NOT_CORRECTABLE_FIELD,
                table=table,
                fields=", ".join(sorted(fields)),
            )
        name = f"{table}.{field}"
        if rule == "pseudonym":
            checked[field] = validate_pseudonym(str(value), name)
        elif rule == "severity":
            if value is not None and value not in {item.value for item in AdverseSeverity}:
                raise InvalidRecordError(
                    name,
                    value,
                    "one of mild, moderate, severe (or None)",
                    RecordRule.ONE_OF,
                    choices=tuple(item.value for item in AdverseSeverity),
                    named_by="AdverseSeverity",
                )
            checked[field] = value
        elif rule == "optional" and value is None:
            checked[field] = None
        elif isinstance(value, str) and value.strip():
            checked[field] = value
        else:
            raise InvalidRecordError(name, value, "non-empty text is required", RecordRule.TEXT_NEEDED)
    return checked


def encode(values: Mapping[str, CorrectionValue]) -> str:
    return json.dumps(dict(values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> dict[str, CorrectionValue]:
    loaded: dict[str, CorrectionValue] = json.loads(text)
    return loaded


def corrected(
    values: Mapping[str, Any], changes_in_order: Iterable[Mapping[str, CorrectionValue]]
) -> dict[str, Any]:
    """``values`` with each correction's changes applied, oldest first (the latest wins)."""
    result = dict(values)
    for changes in changes_in_order:
        result.update(changes)
    return result


def current_values(tx: Appender, table: str, seq: int, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of ``fields`` in a row as they read now (earlier corrections applied).

    The row's session id comes along under the key ``@session_id``.
    """
    if table == "doses":
        # A dose's site is that of the configured point it belongs to.
        source = "doses d JOIN points_configured p ON p.seq = d.configured_seq"
        columns = ", ".join(f"{'d' if field == 'operator' else 'p'}.{field}" for field in fields)
        where = "d.seq = ?"
        session_column = "d.session_id"
    else:
        source, columns, where, session_column = table, ", ".join(fields), "seq = ?", "session_id"
    row = tx.query(f"SELECT {session_column}, {columns} FROM {source} WHERE {where}", (seq,))[0]
    values: dict[str, Any] = dict(zip(fields, row[1:], strict=True))
    for (changes_json,) in tx.query(
        "SELECT changes_json FROM corrections WHERE target_table = ? AND target_seq = ? ORDER BY seq",
        (table, seq),
    ):
        values.update({k: v for k, v in decode(changes_json).items() if k in values})
    values["@session_id"] = row[0]
    return values
