"""Two sessions written to a real journal: cocktails, acupoints, a zone, a partial dose, an abort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.models import BodyView, CocktailComponent, Laterality, Product, Site, Technique

SERIAL = "SIM-0001"
DAY_ONE = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
DAY_TWO = datetime(2025, 3, 11, 14, 30, tzinfo=UTC)
PROCAINE = Product(name="Procaïne", concentration="2 %", lot="PRC-2411", expiry=date(2026, 6, 30))
PIROXICAM = Product(name="Piroxicam", concentration="20 mg/ml", lot="PXM-0917", expiry=date(2026, 2, 28))


@dataclass(frozen=True)
class ConfirmedOverride:
    field: str
    value: float
    limit: float
    reason: str
    confirmed_by: str
    at: datetime


@dataclass(frozen=True)
class Filled:
    journal: SqliteJournal
    first: str  # a completed session, day one
    second: str  # an aborted session, day two


def _shot(number: int, config_id: int, volume_ul: float, **changes: object) -> Shot:
    values: dict[str, object] = {
        "event_number": number,
        "device_time": DAY_ONE + timedelta(minutes=number),
        "config_id": config_id,
        "mode": Mode.SINGLE,
        "commanded_depth_mm": 4.0,
        "measured_depth_mm": 3.9,
        "commanded_volume_ul": volume_ul,
        "delivered_volume_ul": volume_ul,
        "flow_ul_s": 40.0,
        "result": ShotResult.COMPLETE,
        "cause": AlarmCode.NONE,
        "syringe_remaining_ul": 3000.0 - 50 * number,
    }
    values.update(changes)
    return Shot(**values)  # type: ignore[arg-type]


def _configure(journal: SqliteJournal, session_id: str, index: int, config_id: int, **extra: object) -> None:
    journal.record_point_configured(
        session_id,
        point_index=index,
        device_serial=SERIAL,
        config_id=config_id,
        technique=extra.pop("technique", Technique.POINT_PAR_POINT),  # type: ignore[arg-type]
        mode=Mode.SINGLE,
        depth_mm=4.0,
        volume_ul=50.0,
        flow_ul_s=40.0,
        burst_rate_per_s=1.0,
        limits_version="limits-2025.1",
        operator="Dr Claire Martin",
        **extra,  # type: ignore[arg-type]
    )


def fill(journal: SqliteJournal) -> Filled:
    """Write the two sessions into ``journal``."""
    first = journal.open_session(
        patient_pseudonym="MST-0042",
        practitioner="Dr Claire Martin",
        indication="anxiété légère",
        limits_version="limits-2025.1",
        products=[
            CocktailComponent(product=PROCAINE, proportion_pct=75.0),
            CocktailComponent(product=PIROXICAM, proportion_pct=25.0),
        ],
        plan_name="mesostress",
        plan_version="1.0",
        device_serial=SERIAL,
        device_firmware="1.0.0-sim",
        calibration_id="CAL-7",
        started_at=DAY_ONE,
    )
    _configure(journal, first, 0, 1, site=Site.at_acupoint("PC6", Laterality.LEFT))
    journal.store(SERIAL, _shot(1, 1, 50.0))
    override = ConfirmedOverride("depth_mm", 6.5, 6.0, "épaisseur cutanée", "Dr Claire Martin", DAY_ONE)
    _configure(journal, first, 1, 2, site=Site.at_acupoint("PC6", Laterality.RIGHT), overrides=(override,))
    journal.store(
        SERIAL,
        _shot(2, 2, 50.0, delivered_volume_ul=31.5, result=ShotResult.PARTIAL, cause=AlarmCode.OCCLUSION),
    )
    journal.record_syringe_change(
        first, [PROCAINE.model_copy(update={"lot": "PRC-2502"})], operator="IDE Paul"
    )
    _configure(journal, first, 2, 3, zone="=cmd|' /C calc'!A0", technique=Technique.NAPPAGE)
    journal.store(SERIAL, _shot(3, 3, 20.0))
    journal.store(SERIAL, _shot(4, 3, 20.0))
    journal.add_note(first, "séance bien tolérée", "Dr Claire Martin")
    journal.record_screening(
        first, [], consent_given=True, consent_at=DAY_ONE, screened_by="Dr Claire Martin"
    )
    journal.close_session(first, "completed")

    second = journal.open_session(
        patient_pseudonym="LMB-0007",
        practitioner="Dr Claire Martin",
        indication="épicondylite",
        limits_version="limits-2025.1",
        products=[PROCAINE],
        plan_name="epicondylite",
        device_serial=SERIAL,
        started_at=DAY_TWO,
    )
    elbow = Site(region="coude", laterality=Laterality.LEFT, view=BodyView.FRONT, x=0.8, y=0.4)
    _configure(journal, second, 0, 4, site=elbow)
    journal.store(SERIAL, _shot(5, 4, 50.0))
    journal.add_adverse_event(second, "malaise vagal", reported_by="Dr Claire Martin")
    journal.close_session(second, "aborted", reason="malaise vagal")
    return Filled(journal, first, second)
