"""The limits library and the checks every setting goes through before it reaches the gun."""

from mesogun.limits.check import (
    CapabilitiesLike,
    LimitCheck,
    Severity,
    Violation,
    check_hard,
    check_point,
    check_settings,
)
from mesogun.limits.library import (
    HardLimits,
    LimitsFileError,
    LimitsLibrary,
    load_limits,
    load_limits_file,
    parse_limits,
)
from mesogun.limits.override import HardLimitError, Override, OverrideRequiredError, require_cleared

__all__ = [
    "CapabilitiesLike",
    "HardLimitError",
    "HardLimits",
    "LimitCheck",
    "LimitsFileError",
    "LimitsLibrary",
    "Override",
    "OverrideRequiredError",
    "Severity",
    "Violation",
    "check_hard",
    "check_point",
    "check_settings",
    "load_limits",
    "load_limits_file",
    "parse_limits",
    "require_cleared",
]
