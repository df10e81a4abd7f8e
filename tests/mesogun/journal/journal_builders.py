"""Builders shared by the dose journal tests: a stepping clock, products, sites, shots, sessions."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.journal.inputs import OverrideLike
from mesogun.models import CocktailComponent, Laterality, Product, Site, Technique

SERIAL = "SIM-0001"
START = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


class SteppingClock:
    """A clock that advances one second per reading (rows get distinct, ordered times)."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass(frozen=True)
class ConfirmedOverride:
    field: str
    value: float
    limit: float
    reason: str
    confirmed_by: str
    at: datetime


PROCAINE = Product(name="Procaïne", concentration="2 %", lot="PRC-2411", expiry=date(2026, 6, 30))
PIROXICAM = Product(name="Piroxicam", concentration="20 mg/ml", lot="PXM-0917", expiry=date(2026, 2, 28))
COCKTAIL = (
    CocktailComponent(product=PROCAINE, proportion_pct=75.0),
    CocktailComponent(product=PIROXICAM, proportion_pct=25.0),
)
PC6_LEFT = Site.at_acupoint("PC6", Laterality.LEFT)


def shot(
    event_number: int,
    config_id: int,
    *,
    volume_ul: float = 50.0,
    delivered_ul: float | None = None,
    result: ShotResult = ShotResult.COMPLETE,
    cause: AlarmCode = AlarmCode.NONE,
    depth_mm: float = 4.0,
    remaining_ul: float = 2000.0,
) -> Shot:
    """A host-side Shot event as the link delivers it."""
    return Shot(
        event_number=event_number,
        device_time=START + timedelta(seconds=10 + event_number),
        config_id=config_id,
        mode=Mode.SINGLE,
        commanded_depth_mm=depth_mm,
        measured_depth_mm=depth_mm,
        commanded_volume_ul=volume_ul,
        delivered_volume_ul=volume_ul if delivered_ul is None else delivered_ul,
        flow_ul_s=50.0,
        result=result,
        cause=cause,
        syringe_remaining_ul=remaining_ul,
    )


def open_session(
    journal: SqliteJournal, *, patient: str = "MST-0042", started_at: datetime | None = None
) -> str:
    return journal.open_session(
        patient_pseudonym=patient,
        practitioner="Dr Claire Martin",
        indication="anxiété légère (Mésostress)",
        limits_version="limits-2025.1",
        products=COCKTAIL,
        plan_name="mesostress",
        plan_version="1.0",
        device_serial=SERIAL,
        device_firmware="1.0.0-sim",
        calibration_id="CAL-7",
        started_at=started_at,
    )


def configure(
    journal: SqliteJournal,
    session_id: str,
    point_index: int,
    config_id: int,
    *,
    site: Site | None = PC6_LEFT,
    zone: str | None = None,
    overrides: Sequence[OverrideLike] = (),
    serial: str = SERIAL,
) -> int:
    return journal.record_point_configured(
        session_id,
        point_index=point_index,
        device_serial=serial,
        config_id=config_id,
        technique=Technique.POINT_PAR_POINT,
        mode=Mode.SINGLE,
        depth_mm=4.0,
        volume_ul=50.0,
        flow_ul_s=50.0,
        burst_rate_per_s=1.0,
        limits_version="limits-2025.1",
        operator="Dr Claire Martin",
        site=site,
        zone=zone,
        overrides=overrides,
    )


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` (a file or a folder) made read-only for real while inside: no write permission, and
    immutable for root (whom permissions do not stop). Skips where root cannot make it immutable."""
    writable = 0o700 if path.is_dir() else 0o600
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        path.chmod(writable)
        pytest.skip("root cannot make a file immutable here (chattr +i)")
    try:
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(writable)
