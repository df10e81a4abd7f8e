"""The gun's own values, as the host library hands them to its callers.

The desktop app and other callers of ``mesogun`` take the gun's states, modes, alarm codes and shot
results from here rather than from the wire package: ``mesogun`` is their one door to the device.
"""

from __future__ import annotations

from firmware_protocol import AlarmCode, AlarmPriority, DeviceState, Mode, ShotResult

__all__ = ["AlarmCode", "AlarmPriority", "DeviceState", "Mode", "ShotResult"]
