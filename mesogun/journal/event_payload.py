"""Host device events as journal rows: kind, device time and the event's fields as JSON.

The event's own fields are kept whole (enums by name, times as UTC text), so a device event row
reads on its own, whatever its kind, including kinds added to the protocol later.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import datetime
from enum import Enum
from typing import Any

from mesogun.journal.errors import InvalidRecordError, RecordRule
from mesogun.journal.timefmt import to_text

#: Values written to JSON as they are (checked by exact type first: most fields of an event are these).
_SCALARS = frozenset({int, float, str, bool, type(None)})
#: What ``json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` builds on every
#: call, built once: every device event is serialised on the path between a shot and its acknowledgement.
_PAYLOAD_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, datetime):
        return to_text(value, "device_time")
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass event type (looked up once per type)."""
    return tuple(field.name for field in dataclasses.fields(kind))


def event_fields(event: object) -> dict[str, Any]:
    """The event's fields by name, as JSON-ready values."""
    if dataclasses.is_dataclass(event) and not isinstance(event, type):
        raw = {name: getattr(event, name) for name in _field_names(type(event))}
    elif hasattr(event, "model_dump"):
        raw = dict(event.model_dump())
    else:
        raw = {name: value for name, value in vars(event).items() if not name.startswith("_")}
    return {name: value if type(value) in _SCALARS else _plain(value) for name, value in raw.items()}


def event_row(device_serial: str, event: object) -> dict[str, Any]:
    """Column values of the ``device_events`` row for ``event`` (without the chain columns)."""
    fields = event_fields(event)
    event_number = getattr(event, "event_number", None)
    if not isinstance(event_number, int) or isinstance(event_number, bool) or event_number < 1:
        raise InvalidRecordError(
            "event_number",
            event_number,
            "device events are numbered from 1",
            RecordRule.EVENT_NUMBER_FROM_ONE,
        )
    device_time = getattr(event, "device_time", None)
    if not isinstance(device_time, datetime):
        raise InvalidRecordError(
            "device_time", device_time, "a timezone-aware datetime is required", RecordRule.AWARE_TIME_NEEDED
        )
    return {
        "device_serial": device_serial,
        "event_number": event_number,
        "kind": type(event).__name__,
        # The payload holds the same text already (same conversion): not formatted twice.
        "device_time": fields.get("device_time") or to_text(device_time, "device_time"),
        "payload_json": _PAYLOAD_JSON.encode(fields),
    }
