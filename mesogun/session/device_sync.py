"""Bringing the gun and the journal to a known state before the runner decides anything.

- ``settle``: wait until the gun is not delivering (a shot or a burst in progress ends on its own).
- ``disarm_between_shots``: disarm once the current shot is over (pause, skip, end of a point).
- ``wait_for_backlog``: wait until the journal holds every event the gun has numbered, so progress
  read from the journal includes shots delivered while the link was down or the application dead.
Nothing here re-sends a command to catch up: the gun's events are the only source of what happened.
"""

from __future__ import annotations

import time
from typing import Protocol

from firmware_protocol import DeviceState, Status
from mesogun.device_info import DeviceStatus
from mesogun.errors import DeviceRefusedError
from mesogun.session.errors import Refusal, SessionError

POLL_S = 0.02


class StatusSource(Protocol):
    """The gun calls used here (``mesogun.injector.Injector`` has them)."""

    def status(self) -> DeviceStatus: ...

    def disarm(self) -> DeviceState: ...


def settle(injector: StatusSource, timeout_s: float) -> DeviceStatus:
    """The gun's status once it is not delivering (or priming); raises SessionError after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        status = injector.status()
        if status.state not in (DeviceState.DELIVERING, DeviceState.PRIMING):
            return status
        if time.monotonic() > deadline:
            raise SessionError(
                f"the gun is still {status.state.name.lower()} after {timeout_s:g} s; "
                "press STOP if it should not be"
            )
        time.sleep(POLL_S)


def disarm_between_shots(injector: StatusSource, timeout_s: float) -> DeviceState:
    """Disarm the gun, waiting for a shot in progress to end first (a BUSY refusal is waited out)."""
    deadline = time.monotonic() + timeout_s
    while True:
        status = settle(injector, max(0.0, deadline - time.monotonic()))
        if status.state in (DeviceState.IDLE, DeviceState.FAULT):
            return status.state
        try:
            return injector.disarm()
        except DeviceRefusedError as exc:
            if exc.status is not Status.BUSY or time.monotonic() > deadline:
                raise
        time.sleep(POLL_S)


class EventCounter(Protocol):
    """The journal call used here."""

    def last_event_number(self, device_serial: str) -> int: ...


def wait_for_backlog(
    injector: StatusSource, journal: EventCounter, device_serial: str, timeout_s: float
) -> DeviceStatus:
    """Wait until the gun is settled and the journal holds every event it numbered; its last status.

    The link stores the events (it fetches those the journal lacks on every connection); this only
    waits for it. Raises SessionError naming the missing events after ``timeout_s``.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        status = settle(injector, max(0.0, deadline - time.monotonic()))
        held = journal.last_event_number(device_serial)
        if held >= status.last_event_number:
            return status
        if time.monotonic() > deadline:
            raise SessionError(
                f"the journal holds the gun's events up to #{held} but the gun numbered "
                f"#{status.last_event_number}; waiting for them timed out after {timeout_s:g} s: "
                "check the link, then resume",
                Refusal.EVENTS_NOT_JOURNALED,
                held=held,
                numbered=status.last_event_number,
                timeout_s=float(timeout_s),
            )
        time.sleep(POLL_S)


def same_event_memory(device_last: int, journal: EventCounter, device_serial: str) -> None:
    """Refuse a gun whose event numbering is behind what the journal holds for its serial number.

    Its event memory was reset, or it is another gun with the same serial number: its new shots
    would carry numbers the journal already holds and could not be told apart from the old ones.
    """
    held = journal.last_event_number(device_serial)
    if device_last < held:
        raise SessionError(
            f"gun {device_serial} numbers its events up to #{device_last}, but the journal already holds "
            f"#{held} from a gun with this serial number: its event memory was reset, or it is another "
            "gun; have it checked before any session (its doses could not be journaled safely)",
            Refusal.EVENT_MEMORY_RESET,
            serial=device_serial,
            numbered=device_last,
            held=held,
        )
