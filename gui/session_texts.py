"""Words of the session screens for the domain's values: techniques, sides, point and session states,
targets, soft-limit violations (all translated; volumes in µl, depths in mm).

Keyed by enum members so the screens hold no clinical wording of their own; a value without a
translation is shown as it is rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from gui.formatting import number
from gui.language import current_language
from mesogun.limits import Violation
from mesogun.models import ACUPOINTS, Laterality, PlanPoint, Site, Technique
from mesogun.session import PointStatus, SessionState
from mesogun.vocabulary import name


def list_separator() -> str:
    """What separates the items of a list in a sentence ('; ', with a no-break space before it in French)."""
    return QCoreApplication.translate("SessionTexts", "; ")


def technique_text(technique: Technique) -> str:
    """The technique's clinical name in the interface language."""
    return name(technique, current_language())


def side_text(side: Laterality) -> str:
    """The side of a point in words ('' on the midline)."""
    return "" if side is Laterality.MIDLINE else name(side, current_language())


def point_status_text(status: PointStatus) -> str:
    """A point's progress in words (to do, current, done, partial, skipped)."""
    return name(status, current_language())


def session_state_text(state: SessionState) -> str:
    """Where the session stands, in words."""
    return name(state, current_language())


def site_name(site: Site | None) -> str:
    """The site without its code: the acupoint's name or the body region, with its side."""
    if site is None:
        return ""
    acupoint = ACUPOINTS.get(site.acupoint_code or "")
    name = acupoint.name if acupoint is not None else site.region
    side = side_text(site.laterality)
    if not side:
        return name
    return f"{name}, {side}"


def acupoint_code(site: Site | None) -> str:
    """The WHO code of the site's acupoint ('—' when the site is not an acupoint)."""
    if site is None or site.acupoint_code is None:
        return "—"
    return site.acupoint_code


def acupoint_label(site: Site | None) -> str:
    """The French label of the site's acupoint (MC6, Rte6…; '—' when the site is not an acupoint)."""
    if site is None or site.acupoint_code not in ACUPOINTS:
        return "—"
    return ACUPOINTS[site.acupoint_code or ""].french_label


def point_title(point: PlanPoint) -> str:
    """One line naming a point: French label and code for an acupoint, the site and the zone."""
    site = point.site
    parts: list[str] = []
    if site is not None and site.acupoint_code in ACUPOINTS:
        parts.append(f"{acupoint_label(site)} ({acupoint_code(site)})")
    if site is not None:
        parts.append(site_name(site))
    if point.zone:
        parts.append(point.zone)
    return " — ".join(parts)


def point_short(point: PlanPoint) -> str:
    """A point in a few words, for lists: 'C7 right (HT7)', else the site and its zone."""
    site = point.site
    if site is not None and site.acupoint_code in ACUPOINTS:
        side = side_text(site.laterality)
        label = acupoint_label(site)
        if side:
            label = f"{label} {side}"
        return f"{label} ({acupoint_code(site)})"
    return point_title(point)


class SessionTexts(QObject):
    """Counted words of the session screens, in the catalogue's "SessionTexts" context.

    A QObject only because Qt's plural forms ("%n shot(s)": "1 injection", "2 injections") are found by
    lupdate in ``self.tr`` calls, not in ``QCoreApplication.translate``.
    """

    def shots(self, count: int) -> str:
        """``count`` shots in words."""
        return self.tr("%n shot(s)", "", count)


def shots_text(count: int) -> str:
    """``count`` shots in words."""
    return SessionTexts().shots(count)


def target_text(point: PlanPoint) -> str:
    """The point's target: a number of shots or a volume (µl)."""
    if point.target_shots is not None:
        return shots_text(point.target_shots)
    return QCoreApplication.translate("SessionTexts", "{volume} µl").format(
        volume=number(point.target_volume_ul or 0.0, 0)
    )


def duration_text(seconds: float) -> str:
    """A duration for planning (about N min, or N s under a minute)."""
    if seconds < 60:
        return QCoreApplication.translate("SessionTexts", "about {seconds} s").format(
            seconds=max(1, round(seconds))
        )
    return QCoreApplication.translate("SessionTexts", "about {minutes} min").format(
        minutes=max(1, round(seconds / 60))
    )


def _field_name(field: str) -> str:
    texts = {
        "depth_mm": QCoreApplication.translate("SessionTexts", "Depth"),
        "volume_per_shot_ul": QCoreApplication.translate("SessionTexts", "Volume per shot"),
        "flow_ul_s": QCoreApplication.translate("SessionTexts", "Flow"),
        "burst_rate_per_s": QCoreApplication.translate("SessionTexts", "Shot rate"),
        "mode": QCoreApplication.translate("SessionTexts", "Delivery mode"),
    }
    # A product's cap: "<product label> per session" or "... per point" (see mesogun.limits).
    product, _, scope = field.rpartition(" per ")
    if product and scope == "session":
        return QCoreApplication.translate("SessionTexts", "{product} in this session").format(product=product)
    if product and scope == "point":
        return QCoreApplication.translate("SessionTexts", "{product} on this point").format(product=product)
    return texts.get(field, field)


def _unit(unit: str) -> str:
    if unit == "shots/s":
        return QCoreApplication.translate("SessionTexts", "shots/s")
    return unit


def violation_text(violation: Violation) -> str:
    """What is outside which range, in words: '{field}: {value} {unit}, usual range {min}–{max} {unit}'."""
    if violation.field == "mode":
        return QCoreApplication.translate("SessionTexts", "This gun has no delivery mode for this technique")
    unit = _unit(violation.unit)

    def amount(value: float) -> str:
        return f"{number(value, 1 if value % 1 else 0)} {unit}".strip()

    if violation.severity == "soft":
        template = QCoreApplication.translate(
            "SessionTexts", "{field}: {value}, outside the usual range {minimum}–{maximum}"
        )
    else:
        template = QCoreApplication.translate(
            "SessionTexts", "{field}: {value}, outside the allowed range {minimum}–{maximum}"
        )
    return template.format(
        field=_field_name(violation.field),
        value=amount(violation.value),
        minimum=number(violation.minimum, 1 if violation.minimum % 1 else 0),
        maximum=amount(violation.maximum),
    )
