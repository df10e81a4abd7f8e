"""Checking settings: hard limits refuse, soft limits need a reason (caps in mg: tests/mesogun/catalogue)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from firmware_protocol.enums import Mode
from mesogun.device_info import Capabilities
from mesogun.limits import (
    HardLimitError,
    LimitCheck,
    LimitsFileError,
    LimitsLibrary,
    Override,
    OverrideRequiredError,
    check_point,
    check_settings,
    load_limits,
    load_limits_file,
    require_cleared,
)
from mesogun.models import Technique
from mesogun.plans import builtin_plan

AT = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def _gun(**changes: object) -> Capabilities:
    values: dict[str, object] = {
        "depth_min_mm": 0.0,
        "depth_max_mm": 13.0,
        "depth_step_mm": 0.1,
        "volume_min_ul": 1.0,
        "volume_max_ul": 500.0,
        "flow_min_ul_s": 5.0,
        "flow_max_ul_s": 500.0,
        "burst_rate_min_per_s": 1.0,
        "burst_rate_max_per_s": 9.0,
        "modes": frozenset(Mode),
        "syringe_sizes_ml": (2, 3, 5, 10),
        "watchdog_ms": 500,
        "telemetry_max_hz": 1000,
    }
    values.update(changes)
    return Capabilities(**values)  # type: ignore[arg-type]


def _ppp(
    depth_mm: float = 4.0,
    volume_per_shot_ul: float = 100.0,
    *,
    burst_rate_per_s: float = 1.0,
    capabilities: Capabilities | None = None,
    library: LimitsLibrary | None = None,
) -> LimitCheck:
    """Check point par point settings (flow 20 µl/s)."""
    return check_settings(
        Technique.POINT_PAR_POINT,
        depth_mm=depth_mm,
        volume_per_shot_ul=volume_per_shot_ul,
        flow_ul_s=20.0,
        burst_rate_per_s=burst_rate_per_s,
        capabilities=capabilities,
        library=library,
    )


def test_profiles_follow_the_clinical_table() -> None:
    lib = load_limits()
    nappage = lib.profile(Technique.NAPPAGE)
    papule = lib.profile(Technique.PAPULE)
    ppp = lib.profile(Technique.POINT_PAR_POINT)
    ied = lib.profile(Technique.IED)

    assert (nappage.depth_mm, nappage.depth_soft_mm.minimum, nappage.depth_soft_mm.maximum) == (1.0, 0.5, 2.0)
    assert (nappage.volume_per_shot_soft_ul.minimum, nappage.volume_per_shot_soft_ul.maximum) == (10.0, 50.0)
    assert nappage.mode is Mode.BURST
    assert (papule.depth_mm, papule.depth_soft_mm.maximum, papule.volume_per_shot_soft_ul.maximum) == (
        1.5,
        2.0,
        100.0,
    )
    assert (ppp.depth_mm, ppp.depth_soft_mm.minimum, ppp.depth_soft_mm.maximum) == (4.0, 2.0, 6.0)
    assert (ppp.volume_per_shot_soft_ul.minimum, ppp.volume_per_shot_soft_ul.maximum) == (50.0, 200.0)
    assert ied.depth_soft_mm.maximum <= 0.5
    assert lib.profile(Technique.MESOPERFUSION).mode is Mode.CONTINUOUS
    assert lib.version


def test_settings_within_every_range_pass() -> None:
    check = _ppp(capabilities=_gun())

    assert check.ok and not check.blocked and not check.needs_override
    assert check.library_version == load_limits().version


def test_beyond_the_gun_is_refused_with_field_value_and_range() -> None:
    check = _ppp(depth_mm=13.5)

    assert check.blocked and not check.needs_override
    (violation,) = check.violations
    assert (violation.field, violation.value, violation.minimum, violation.maximum) == (
        "depth_mm",
        13.5,
        0.0,
        13.0,
    )
    assert violation.severity == "hard"
    assert violation.message == "depth_mm = 13.5 mm is outside the gun's range 0–13 mm; refused"
    with pytest.raises(HardLimitError, match=r"depth_mm = 13\.5 mm"):
        require_cleared(check)


def test_depth_between_two_steps_is_refused_not_rounded() -> None:
    check = check_settings(Technique.NAPPAGE, depth_mm=1.25, volume_per_shot_ul=20.0, flow_ul_s=100.0)

    assert check.blocked
    assert "not a multiple of the gun's 0.1 mm step" in check.violations[0].message
    assert check_settings(Technique.NAPPAGE, depth_mm=1.3, volume_per_shot_ul=20.0, flow_ul_s=100.0).ok


def test_a_narrower_gun_narrows_the_hard_range() -> None:
    check = _ppp(depth_mm=5.0, capabilities=_gun(depth_max_mm=4.5))

    assert check.blocked
    assert check.violations[0].maximum == 4.5
    assert "0–4.5 mm" in check.violations[0].message


def test_a_gun_without_the_mode_refuses_the_technique() -> None:
    check = check_settings(
        Technique.MESOPERFUSION,
        depth_mm=3.0,
        volume_per_shot_ul=200.0,
        flow_ul_s=5.0,
        capabilities=_gun(modes=frozenset({Mode.SINGLE, Mode.BURST})),
    )

    assert check.blocked
    assert check.violations[0].field == "mode"
    assert "no continuous mode" in check.violations[0].message


def test_burst_rate_is_checked_only_in_burst_mode() -> None:
    nappage = check_settings(
        Technique.NAPPAGE, depth_mm=1.0, volume_per_shot_ul=20.0, flow_ul_s=100.0, burst_rate_per_s=10.0
    )
    single = _ppp(burst_rate_per_s=10.0)

    assert nappage.blocked and nappage.violations[0].field == "burst_rate_per_s"
    assert single.ok


def test_outside_the_usual_range_needs_an_override_with_a_reason() -> None:
    check = _ppp(depth_mm=8.0)

    assert check.needs_override and not check.blocked
    (violation,) = check.soft_violations()
    assert (violation.minimum, violation.maximum) == (2.0, 6.0)
    assert "usual range for point par point (2–6 mm)" in violation.message
    with pytest.raises(OverrideRequiredError, match="depth_mm = 8 mm"):
        require_cleared(check)

    override = Override.for_violation(
        violation, reason="Deep tendon insertion", confirmed_by="Dr Martin", at=AT
    )
    assert require_cleared(check, [override]) == [override]
    assert override.limit.minimum == 2.0 and override.reason == "Deep tendon insertion"


def test_an_override_without_a_reason_is_refused() -> None:
    (violation,) = _ppp(depth_mm=8.0).soft_violations()

    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="an override needs a reason"):
            Override.for_violation(violation, reason=reason, confirmed_by="Dr Martin", at=AT)
    with pytest.raises(ValidationError, match="name of the person"):
        Override.for_violation(violation, reason="Deep insertion", confirmed_by=" ", at=AT)


def test_an_override_needs_an_aware_time() -> None:
    (violation,) = _ppp(depth_mm=8.0).soft_violations()

    with pytest.raises(ValidationError):
        Override.for_violation(
            violation, reason="r", confirmed_by="Dr Martin", at=datetime(2025, 3, 4, 9, 30)
        )
    paris = timezone(timedelta(hours=1))
    assert Override.for_violation(violation, reason="r", confirmed_by="D", at=AT.astimezone(paris)).at == AT


def test_an_override_covers_only_its_own_value() -> None:
    (at_8,) = _ppp(depth_mm=8.0).soft_violations()
    override = Override.for_violation(at_8, reason="Deep insertion", confirmed_by="Dr Martin", at=AT)

    with pytest.raises(OverrideRequiredError):
        require_cleared(_ppp(depth_mm=9.0), [override])


def test_no_override_lifts_a_hard_limit() -> None:
    check = _ppp(depth_mm=8.0, volume_per_shot_ul=600.0)
    soft = check.soft_violations()[0]
    override = Override.for_violation(soft, reason="Deep insertion", confirmed_by="Dr Martin", at=AT)

    assert check.blocked and not check.needs_override
    with pytest.raises(HardLimitError, match="volume_per_shot_ul = 600"):
        require_cleared(check, [override])
    with pytest.raises(HardLimitError):
        Override.for_violation(check.hard_violations()[0], reason="please", confirmed_by="Dr Martin", at=AT)


def test_check_point_uses_the_point_settings() -> None:
    point = builtin_plan("mesostress").points()[0]

    assert check_point(point).ok
    deep = point.model_copy(update={"depth_mm": 13.2})
    assert check_point(deep).blocked


def test_a_clinic_library_file_is_used_and_its_version_reported(tmp_path: Path) -> None:
    shipped = (Path(__file__).parents[3] / "mesogun" / "limits" / "limits.toml").read_text(encoding="utf-8")
    custom = shipped.replace('version = "', 'version = "clinic-').replace(
        "depth_soft_mm = { minimum = 2.0, maximum = 6.0 }", "depth_soft_mm = { minimum = 2.0, maximum = 9.0 }"
    )
    path = tmp_path / "limits.toml"
    path.write_text(custom, encoding="utf-8")
    lib = load_limits_file(path)

    check = _ppp(depth_mm=8.0, library=lib)
    assert check.ok
    assert check.library_version.startswith("clinic-")


def test_a_broken_library_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "limits.toml"
    path.write_text('version = "x"\n[hard]\ndepth_mm = { minimum = 5.0, maximum = 1.0 }\n', encoding="utf-8")

    with pytest.raises(LimitsFileError, match=r"invalid limits library: .*hard\.depth_mm"):
        load_limits_file(path)
    path.write_text("version = \n", encoding="utf-8")
    with pytest.raises(LimitsFileError, match="not valid TOML"):
        load_limits_file(path)
