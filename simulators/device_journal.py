"""The gun's non-volatile memory: the numbered event journal and a few settings, in one file.

One JSON object per line, appended: ``{"event": "ShotEvent", "fields": {...}}`` for an event and
``{"settings": {...}}`` for settings (the last value of each key wins). Every event is flushed and
fsync'ed before it is sent, so an event the host ever saw survives a power cut; a torn last line
(power lost mid-write) is ignored when the file is opened again. Event numbers start at 1 and
continue across power cycles and across simulators opened on the same file.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import IO, Any

from firmware_protocol.messages import EVENTS, message_spec

_EVENT_CLASSES: dict[str, type] = {cls.__name__: cls for cls in EVENTS}


#: Mode of the memory file: the gun's events are the doses of patients, readable by the owner only.
MEMORY_FILE_MODE = 0o600


def _open_private_append(path: Path) -> IO[str]:
    """``path`` opened for appending, created (or tightened, if an older version left it open) 0600."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, MEMORY_FILE_MODE)
    try:
        os.fchmod(descriptor, MEMORY_FILE_MODE)  # the umask filters the mode given to open; be exact
        return os.fdopen(descriptor, "a", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


class DeviceJournal:
    """Append-only event journal with replay by number, plus persistent settings."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._events: list[Any] = []  # index i holds event number i + 1
        self.settings: dict[str, int] = {}
        torn = self._load()
        self._file: IO[str] | None = _open_private_append(self.path)
        if torn:
            self._write("", durable=True)  # end the torn line so the next record starts clean

    def _load(self) -> bool:
        """Read the file; True when its last line is torn (no final newline)."""
        if not self.path.exists():
            return False
        with self.path.open("r", encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        lines = text.split("\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if "event" in record:
                    event = _EVENT_CLASSES[record["event"]](**record["fields"])
                    if event.event_number != len(self._events) + 1:
                        continue  # a line written twice or out of order cannot be trusted
                    self._events.append(event)
                elif "settings" in record:
                    self.settings.update({str(k): int(v) for k, v in record["settings"].items()})
            except (ValueError, KeyError, TypeError):
                continue  # a torn line from a power cut mid-write
        return bool(text) and not text.endswith("\n")

    # ------------------------------------------------------------------ events

    @property
    def last_event_number(self) -> int:
        return len(self._events)

    def append(self, event: Any) -> Any:
        """Number ``event`` (its ``event_number`` is replaced), store it durably, return the copy."""
        numbered = dataclasses.replace(event, event_number=len(self._events) + 1)
        message_spec(type(numbered))  # refuse anything that is not a message of the table
        line = json.dumps({"event": type(numbered).__name__, "fields": dataclasses.asdict(numbered)})
        self._write(line, durable=True)
        self._events.append(numbered)
        return numbered

    def get(self, event_number: int) -> Any | None:
        if 1 <= event_number <= len(self._events):
            return self._events[event_number - 1]
        return None

    def events_from(self, first: int, max_count: int) -> list[Any]:
        """Journaled events numbered ``first``, ``first + 1``, … (at most ``max_count``)."""
        start = max(first, 1) - 1
        return self._events[start : start + max(max_count, 0)]

    def count(self, cls: type) -> int:
        return sum(1 for event in self._events if type(event) is cls)

    def has_after(self, cls: type, event_number: int) -> bool:
        """True when an event of ``cls`` numbered above ``event_number`` is journaled."""
        return any(type(event) is cls for event in self._events[max(event_number, 0) :])

    def last_of(self, classes: tuple[type, ...]) -> Any | None:
        """The most recent journaled event of one of ``classes``."""
        for event in reversed(self._events):
            if isinstance(event, classes):
                return event
        return None

    # ------------------------------------------------------------------ settings

    def store_settings(self, values: dict[str, int], *, durable: bool) -> None:
        """Persist settings. ``durable=False`` skips the fsync (cheap, may be lost on a power cut)."""
        self.settings.update(values)
        self._write(json.dumps({"settings": values}), durable=durable)

    # ------------------------------------------------------------------ file

    def _write(self, line: str, *, durable: bool) -> None:
        if self._file is None:
            raise ValueError(f"device journal {self.path} is closed")
        self._file.write(line + "\n")
        self._file.flush()
        if durable:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
