"""What the host writes into the journal of its own accord: a code and its parameters, never a sentence.

A skip's reason, a close's reason, a note and a calibration warning's message are the practitioner's
words when a person gives them. When the host writes them itself (a point left at its shots, a point
repeated, a clean early end, a gun not confirmed disarmed, why the gun's calibration is not in force,
a product taken without a lot), the text field holds one compact JSON object, its keys sorted::

    {"points_done":0,"points_total":6,"practitioner":"Dr Martin","remark":"early_end"}

``remark`` is a :class:`HostRemark` code; every other key is a parameter whose name carries its unit
(``volume_ul``, ``expires_on`` an ISO date, ``shots`` a count). The words of each code, in French and
English, live in :mod:`mesogun.vocabulary.remarks`, which also reads the English sentences that older
versions wrote in these fields. No table changes: rows already chained are never rewritten.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Any

#: The key of the code in the stored object (the other keys are the parameters).
CODE_KEY = "remark"

Parameter = str | int | float | None


class HostRemark(StrEnum):
    """What the host recorded of its own accord (stored as the value, in lower case)."""

    LEFT_POINT_SHOTS = "left_point_shots"  # shots, volume_ul, target_shots
    LEFT_POINT_VOLUME = "left_point_volume"  # shots, volume_ul, target_ul
    REPEATED_POINT = "repeated_point"  # point_number, region, laterality, zone, shots, volume_ul
    EARLY_END = "early_end"  # practitioner, points_done, points_total
    EARLY_END_NOT_DISARMED = "early_end_not_disarmed"  # the same, and error
    REASON_NOT_DISARMED = "reason_not_disarmed"  # reason (a person's words), error
    NOT_DISARMED = "not_disarmed"  # error
    GUN_NEVER_CALIBRATED = "gun_never_calibrated"
    GUN_EXPIRED = "gun_expired"  # calibration_id, expires_on
    NO_RECORD = "no_record"  # kind, device_serial
    RECORD_EXPIRED = "record_expired"  # kind, device_serial, finished_on, expires_on
    LAST_FAILED = "last_failed"  # kind, device_serial, finished_on, reason
    UNRECORDED_CALIBRATION = "unrecorded_calibration"  # calibration_id
    NO_LOT = "no_lot"  # product, reason (a person's words)
    # Why a calibration or a flow test failed (the ``reason`` of its record).
    DEPTH_NOT_LINEAR = "depth_not_linear"  # residual_mm, tolerance_mm
    DEPTH_OFFSET_BEYOND = "depth_offset_beyond"  # offset_mm, max_offset_mm
    DEPTH_SCALE_BEYOND = "depth_scale_beyond"  # scale, min_scale, max_scale
    VOLUME_DRIFT = "volume_drift"  # delivered_pct (of the commanded volume), max_correction_pct
    VOLUME_FACTOR_BEYOND = "volume_factor_beyond"  # volume_per_step_nl, min_nl, max_nl
    VOLUME_NOT_PROPORTIONAL = "volume_not_proportional"  # nominal_ul, error_pct
    VOLUME_SCATTER = "volume_scatter"  # nominal_ul, cv_pct, shots_outside, tolerance_ul
    VERIFICATION_FAILED = "verification_failed"  # findings (in words: older records only)
    # the first level failed: nominal_ul, mean_ul, tolerance_ul, shots_outside, count, min_shots
    VERIFICATION_OUT_OF_TOLERANCE = "verification_out_of_tolerance"
    FLOW_NOT_ANALYSED = "flow_not_analysed"  # error
    FLOW_OUT_OF_TOLERANCE = "flow_out_of_tolerance"  # error_pct, tolerance_pct
    FAILED_AND_NOT_RESTORED = "failed_and_not_restored"  # reason (a remark or words), problems


def host_remark(code: HostRemark, **parameters: Parameter | date) -> str:
    """The stored form of ``code`` with ``parameters`` (dates as ISO days; None values are kept)."""
    values: dict[str, Any] = {
        key: value.isoformat() if isinstance(value, date) else value for key, value in parameters.items()
    }
    if CODE_KEY in values:
        raise ValueError(f"{CODE_KEY!r} is the code's key, not a parameter")
    values[CODE_KEY] = HostRemark(code).value
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def parse_host_remark(text: str) -> tuple[HostRemark, dict[str, Parameter]] | None:
    """(code, parameters) of a stored remark; None for any other text (a person's words, an old sentence)."""
    if not text.startswith("{"):
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    try:
        code = HostRemark(values.pop(CODE_KEY, None))
    except ValueError:
        return None
    return code, values


# ------------------------------------------------------------------ what the session writes


def left_point(
    shots: int, volume_ul: float, *, target_shots: int | None = None, target_ul: float = 0.0
) -> str:
    """A point left by the practitioner at ``shots`` shots and ``volume_ul`` µl, short of its target."""
    if target_shots is not None:
        return host_remark(
            HostRemark.LEFT_POINT_SHOTS, shots=shots, volume_ul=volume_ul, target_shots=target_shots
        )
    return host_remark(HostRemark.LEFT_POINT_VOLUME, shots=shots, volume_ul=volume_ul, target_ul=target_ul)


def repeated_point(
    point_number: int,
    *,
    region: str | None,
    laterality: str | None,
    zone: str | None,
    shots: int,
    volume_ul: float,
) -> str:
    """Point ``point_number`` (1-based; its site's region, side code and zone) repeated on top of
    ``shots`` shots and ``volume_ul`` µl already delivered."""
    return host_remark(
        HostRemark.REPEATED_POINT,
        point_number=point_number,
        region=region,
        laterality=laterality,
        zone=zone,
        shots=shots,
        volume_ul=volume_ul,
    )


def early_end(practitioner: str, *, points_done: int, points_total: int, error: str | None = None) -> str:
    """A clean early end by ``practitioner`` after ``points_done`` of ``points_total`` points.

    ``error``: what failed when the gun could not be confirmed disarmed.
    """
    if error is not None:
        return host_remark(
            HostRemark.EARLY_END_NOT_DISARMED,
            practitioner=practitioner,
            points_done=points_done,
            points_total=points_total,
            error=error,
        )
    return host_remark(
        HostRemark.EARLY_END, practitioner=practitioner, points_done=points_done, points_total=points_total
    )


def not_disarmed(error: str) -> str:
    """The gun could not be confirmed disarmed at the session's end (``error``: what failed)."""
    return host_remark(HostRemark.NOT_DISARMED, error=error)


def reason_not_disarmed(reason: str, error: str) -> str:
    """A person's ``reason`` for ending, and the gun not confirmed disarmed (``error``: what failed)."""
    return host_remark(HostRemark.REASON_NOT_DISARMED, reason=reason, error=error)


def no_lot(product: str, reason: str) -> str:
    """``product`` used without a lot number or expiry, for the person's ``reason``."""
    return host_remark(HostRemark.NO_LOT, product=product, reason=reason)
