"""The shot record: what the gun keeps in non-volatile memory so a shot cut by a power loss is still reported.

Before the plunger moves for a shot, the firmware durably writes what the shot is (configuration,
commanded depth and volume, flow, the depth reached, the plunger position) together with the newest
event number at that moment. The first SHOT event journaled after that number closes the record, so
journaling a shot and closing its record are one write. At power-on a record that no SHOT event
closed is a shot the power cut: :func:`interrupted_shot` turns it into the SHOT event to journal
(result INTERRUPTED, cause POWER_LOSS, the volume the plunger moved meanwhile). See PROTOCOL.md §7.4.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from firmware_protocol.enums import AlarmCode, ShotResult
from firmware_protocol.messages import ShotEvent
from simulators.delivery import ShotSpec
from simulators.device_journal import DeviceJournal

_PREFIX = "shot_"
#: Plunger positions are kept in thousandths of a motor step (the settings hold integers).
MILLI = 1000


@dataclass(frozen=True)
class ShotRecord:
    """One shot about to push: what the firmware wrote before the plunger moved."""

    open_after: int  # the newest event number when it was written
    config_id: int
    mode: int
    commanded_depth_um: int
    measured_depth_um: int
    commanded_volume_nl: int
    flow_nl_s: int
    volume_per_step_pl: int
    plunger_millisteps: int  # plunger position (thousandths of a motor step since the syringe was loaded)
    started_ms: int  # device time when the push began

    def store(self, journal: DeviceJournal) -> None:
        """Write the record durably (before the plunger moves)."""
        values = {_PREFIX + name: int(value) for name, value in dataclasses.asdict(self).items()}
        journal.store_settings(values, durable=True)

    @classmethod
    def of(
        cls, spec: ShotSpec, *, open_after: int, measured_depth_um: int, plunger_steps: float, started_ms: int
    ) -> ShotRecord:
        return cls(
            open_after=open_after,
            config_id=spec.config_id,
            mode=int(spec.mode),
            commanded_depth_um=spec.commanded_depth_um,
            measured_depth_um=measured_depth_um,
            commanded_volume_nl=spec.commanded_volume_nl,
            flow_nl_s=spec.flow_nl_s,
            volume_per_step_pl=spec.volume_per_step_pl,
            plunger_millisteps=round(plunger_steps * MILLI),
            started_ms=started_ms,
        )


def open_record(journal: DeviceJournal) -> ShotRecord | None:
    """The last shot record if no SHOT event closed it (a shot the power cut), else None."""
    settings = journal.settings
    names = [field.name for field in dataclasses.fields(ShotRecord)]
    if not all(_PREFIX + name in settings for name in names):
        return None
    record = ShotRecord(**{name: settings[_PREFIX + name] for name in names})
    if journal.has_after(ShotEvent, record.open_after):
        return None
    return record


def moved_steps(record: ShotRecord, plunger_steps_now: float) -> int:
    """Whole motor steps the plunger made since the record was written."""
    return max(0, round((plunger_steps_now * MILLI - record.plunger_millisteps) / MILLI))


def interrupted_shot(record: ShotRecord, steps: int, syringe_remaining_nl: int) -> ShotEvent:
    """The SHOT event reporting the cut shot (numbered and stamped by the journal)."""
    return ShotEvent(
        event_number=0,
        device_time_ms=record.started_ms,
        config_id=record.config_id,
        mode=record.mode,
        commanded_depth_um=record.commanded_depth_um,
        measured_depth_um=record.measured_depth_um,
        commanded_volume_nl=record.commanded_volume_nl,
        measured_volume_nl=steps * record.volume_per_step_pl // 1000,
        flow_nl_s=record.flow_nl_s,
        result=int(ShotResult.INTERRUPTED),
        cause=int(AlarmCode.POWER_LOSS),
        syringe_remaining_nl=syringe_remaining_nl,
    )
