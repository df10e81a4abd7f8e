"""The alarm board: which alarms are active, which latch, and when they clear.

Blocking alarms (high priority, plus syringe empty / not detected) latch: once raised they stay
active until acknowledged *and* their condition is gone; an acknowledgement while the condition is
still present changes nothing. The other alarms (battery, calibration expired, syringe nearly empty)
follow their condition. Each raise and clear is reported once through ``on_change``.
"""

from __future__ import annotations

from collections.abc import Callable

from firmware_protocol.enums import ALARM_PRIORITY, BLOCKING_ALARMS, AlarmCode, AlarmPriority, alarm_mask


def latches(code: AlarmCode) -> bool:
    """True for alarms that stay active until acknowledged."""
    return code in BLOCKING_ALARMS


class AlarmBoard:
    """Active alarms of the device. ``condition(code)`` says whether a cause is still present."""

    def __init__(
        self,
        condition: Callable[[AlarmCode], bool],
        on_change: Callable[[AlarmCode, bool], None],
    ) -> None:
        self._condition = condition
        self._on_change = on_change
        self._active: set[AlarmCode] = set()

    @property
    def active(self) -> frozenset[AlarmCode]:
        return frozenset(self._active)

    @property
    def mask(self) -> int:
        return alarm_mask(self._active)

    def blocking(self) -> frozenset[AlarmCode]:
        return frozenset(self._active & BLOCKING_ALARMS)

    def any_high(self) -> bool:
        return any(ALARM_PRIORITY[code] == AlarmPriority.HIGH for code in self._active)

    def raise_alarm(self, code: AlarmCode) -> None:
        """A detection (occlusion during a push, watchdog trip, …): active now, latched if it latches."""
        if code not in self._active:
            self._active.add(code)
            self._on_change(code, True)

    def follow(self, code: AlarmCode, present: bool) -> None:
        """Track a condition-driven alarm: raised while present; a latching one waits for its ack."""
        if present:
            self.raise_alarm(code)
        elif code in self._active and not latches(code):
            self._active.discard(code)
            self._on_change(code, False)

    def acknowledge(self, code: AlarmCode | None) -> None:
        """Acknowledge one alarm (None: all). Latched alarms whose condition is gone clear."""
        for active in sorted(self._active):
            if code is not None and active != code:
                continue
            if latches(active) and not self._condition(active):
                self._active.discard(active)
                self._on_change(active, False)

    def reset(self) -> None:
        """Forget every alarm without events (power loss: the RAM is gone)."""
        self._active.clear()
