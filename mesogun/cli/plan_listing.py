"""What ``mesogun plans show`` and ``mesogun limits show`` print, in French or English.

The words come from :mod:`mesogun.vocabulary.listing_words`, the techniques' names from the
vocabulary's names, the figures as each language writes them (decimal comma in French).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from firmware_protocol.enums import Mode
from mesogun.catalogue import load_catalogue
from mesogun.limits import check_point, load_limits
from mesogun.models.plan import PlanPoint, SessionPlan
from mesogun.models.site import Laterality
from mesogun.models.technique import Range, Technique
from mesogun.vocabulary import Language, name, name_in_sentence
from mesogun.vocabulary.listing_words import amount, figure, listing_word, span, violation_words


def table(header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns padded to their widest cell, the header first."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    for row in [tuple(header), *rows]:
        print(
            "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip(),
            file=out,
        )


def place(point: PlanPoint, language: Language) -> str:
    """Site with its side in ``language`` (``MC6 (PC6) Neiguan gauche``), and zone."""
    if language == "en":
        return point.label
    site = point.site
    where = None
    if site is not None:
        side = "" if site.laterality is Laterality.MIDLINE else " " + name(site.laterality, language)
        where = f"{site.region}{side}"
    return " — ".join(part for part in (where, point.zone) if part)


def show_plan(plan: SessionPlan, language: Language, out: TextIO) -> None:
    """A plan's points, settings, totals and estimated time."""

    def say(key: str, **values: object) -> str:
        return listing_word(key, language, **values)

    print(say("plan_heading", title=plan.title, name=plan.name, version=plan.version), file=out)
    if plan.example:
        print(say("example_note"), file=out)
    print(say("indication", indication=plan.indication), file=out)
    if plan.cocktail is not None:
        parts = ", ".join(
            f"{c.product.label} {amount(c.proportion_pct, '%', language)}" for c in plan.cocktail.components
        )
        volume = amount(plan.cocktail.volume_loaded_ml, "ml", language)
        print(say("cocktail", name=plan.cocktail.name, volume=volume, parts=parts), file=out)
    blocking = sum(c.blocking for c in plan.contraindications)
    print(say("contraindications", count=len(plan.contraindications), blocking=blocking), file=out)
    print(file=out)
    rows = []
    notes: list[str] = []
    for point in plan.points():
        if point.target_shots is not None:
            # French counts 0 and 1 in the singular.
            singular = point.target_shots == 1 or (language == "fr" and point.target_shots == 0)
            target = say("shot" if singular else "shots", count=point.target_shots)
        else:
            target = amount(point.target_volume_ul or 0.0, "µl", language)
        rate = f"{figure(point.burst_rate_per_s, language)}/s"
        rows.append(
            (
                str(point.index + 1),
                place(point, language),
                name_in_sentence(point.technique, language),
                amount(point.depth_mm, "mm", language),
                amount(point.volume_per_shot_ul, "µl", language),
                target,
                amount(point.flow_ul_s, "µl/s", language),
                rate if point.mode is Mode.BURST else "",
            )
        )
        for v in check_point(point).violations:
            soft = v.severity == "soft"
            what = v.message  # English: the check's own message, as the log has it
            if language == "fr":
                what = violation_words(v.field, v.value, v.minimum, v.maximum, v.unit, soft, language)
            notes.append(say("point_note", number=point.index + 1, what=what))
    header = [
        "#",
        *(
            say(key)
            for key in ("col_site", "col_technique", "col_depth", "col_per_shot", "col_target", "col_flow")
        ),
        say("col_rate"),
    ]
    table(header, rows, out)
    print(file=out)
    print(say("planned_volume", volume=amount(plan.planned_volume_ul(), "µl", language)), file=out)
    for label, volume_ul in plan.totals_per_product_ul().items():
        print(f"  {label}{' :' if language == 'fr' else ':'} {amount(volume_ul, 'µl', language)}", file=out)
    minutes, seconds = divmod(round(plan.estimated_duration_s()), 60)
    print(say("estimated_time", minutes=minutes, seconds=f"{seconds:02d}"), file=out)
    if notes:
        print("\n" + say("outside_usual"), file=out)
        for note in notes:
            print(f"  {note}", file=out)


def _range(limit: Range, unit: str, language: Language) -> str:
    return span(limit.minimum, limit.maximum, unit, language)


def show_limits(language: Language, out: TextIO) -> None:
    """The hard and soft limits of the limits library and the caps of the product catalogue."""

    def say(key: str, **values: object) -> str:
        return listing_word(key, language, **values)

    lib = load_limits()
    hard = lib.hard
    print(say("limits_heading", version=lib.version), file=out)
    print("\n" + say("hard_heading"), file=out)
    depth = _range(hard.depth_mm, "mm", language)
    print("  " + say("hard_depth", range=depth, step=amount(hard.depth_step_mm, "mm", language)), file=out)
    print("  " + say("hard_volume", range=_range(hard.volume_per_shot_ul, "µl", language)), file=out)
    print("  " + say("hard_flow", range=_range(hard.flow_ul_s, "µl/s", language)), file=out)
    print("  " + say("hard_rate", range=_range(hard.burst_rate_per_s, "shots/s", language)), file=out)
    print("\n" + say("soft_heading"), file=out)
    rows = []
    for technique in Technique:
        prof = lib.profile(technique)
        rows.append(
            (
                name_in_sentence(technique, language),
                prof.mode.name.lower(),
                f"{figure(prof.depth_mm, language)} ({_range(prof.depth_soft_mm, 'mm', language)})",
                f"{figure(prof.volume_per_shot_ul, language)} "
                f"({_range(prof.volume_per_shot_soft_ul, 'µl', language)})",
                f"{figure(prof.flow_ul_s, language)} ({_range(prof.flow_soft_ul_s, 'µl/s', language)})",
            )
        )
    header = [
        say(key) for key in ("col_technique", "col_mode", "col_depth_default", "col_volume_shot", "col_flow")
    ]
    table(header, rows, out)
    catalogue = load_catalogue()
    print("\n" + say("caps_heading", version=catalogue.version), file=out)
    cap_rows = []
    for substance in catalogue.substances.values():
        if substance.refused:
            cap_rows.append(
                (substance.name(language), substance.atc or "-", say("refused_corticoid"), "", "", "")
            )
            continue
        caps = substance.caps
        per_kg = (
            f" ({say('per_kg', value=figure(caps.per_24h_mg_per_kg, language))})"
            if caps.per_24h_mg_per_kg
            else ""
        )
        cap_rows.append(
            (
                substance.name(language),
                substance.atc or "-",
                figure(caps.per_point_mg, language),
                figure(caps.per_session_mg, language),
                f"{figure(caps.per_24h_mg, language)}{per_kg}",
                figure(caps.per_7d_mg, language),
            )
        )
    keys = ("col_substance", "col_atc", "col_per_point", "col_per_session", "col_per_24h", "col_per_7d")
    table([say(key) for key in keys], cap_rows, out)
