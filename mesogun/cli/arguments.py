"""Argument types shared by every ``mesogun`` command, and the parser that reports a bad one in one line.

A number on the command line is refused, never clipped (DESIGN invariant 5): ``nan``, ``inf``, zero or
a negative value where a duration or a scale is expected is a usage error (exit status 2) naming the
option, the value and the allowed range. Domain ranges (the gun's depths, volumes, flows) are checked
later, against the gun's own capabilities; these types only keep out what no command can mean.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import NoReturn

#: Exit status of a usage error (a bad option, a bad file, a file that cannot be written).
EXIT_USAGE = 2

#: Largest wait for one answer of the gun, in seconds (a minute is already far beyond any real reply).
MAX_TIMEOUT_S = 60.0
#: Largest speed-up of a simulated clock.
MAX_CLOCK_SCALE = 1000.0
#: Largest duration of a command that runs for a while (a day), in seconds.
MAX_DURATION_S = 86_400.0


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def finite_float(text: str) -> float:
    """Any finite number (``nan`` and ``inf`` refused)."""
    return _number(text)


def float_in(
    minimum: float, maximum: float, *, unit: str = "", minimum_allowed: bool = True
) -> Callable[[str], float]:
    """A finite number in [minimum, maximum] (``(minimum, maximum]`` when ``minimum_allowed`` is False)."""
    suffix = f" {unit}" if unit else ""
    opening = "[" if minimum_allowed else "("

    def parse(text: str) -> float:
        value = _number(text)
        too_low = value < minimum if minimum_allowed else value <= minimum
        if too_low or value > maximum:
            raise argparse.ArgumentTypeError(
                f"{text}{suffix} is out of range (allowed {opening}{minimum:g}, {maximum:g}]{suffix})"
            )
        return value

    parse.__name__ = "number"  # argparse names the type in its own messages
    return parse


def positive_float(maximum: float, *, unit: str = "") -> Callable[[str], float]:
    """A finite number above 0 and at most ``maximum``."""
    return float_in(0.0, maximum, unit=unit, minimum_allowed=False)


def positive(text: str) -> float:
    """A finite number above 0 (a volume, a flow, a rate: the gun's own range is checked later)."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be above 0")
    return value


#: ``--timeout``: seconds to wait for one answer of the gun.
timeout_seconds = positive_float(MAX_TIMEOUT_S, unit="s")
#: ``--sim-scale`` and the other clock scales: how many times faster than real time.
clock_scale = positive_float(MAX_CLOCK_SCALE)
#: A duration in seconds (``--duration``, ``--interval``).
duration_seconds = positive_float(MAX_DURATION_S, unit="s")


def count_in(minimum: int, maximum: int) -> Callable[[str], int]:
    """A whole number in [minimum, maximum] (a count of shots, a rate in Hz)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(f"{text} is out of range (allowed {minimum} to {maximum})")
        return value

    parse.__name__ = "count"
    return parse


def moment(text: str) -> date | datetime:
    """``YYYY-MM-DD`` (a whole UTC day) or an ISO 8601 date-time (UTC when no offset is given).

    A date-time whose offset takes it outside the years 1–9999 once in UTC is refused here, not
    found later by a query that cannot compute it.
    """
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment_ = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or an ISO date-time") from None
    if moment_.tzinfo is None:
        return moment_.replace(tzinfo=UTC)
    try:
        moment_.astimezone(UTC)
    except OverflowError:
        raise argparse.ArgumentTypeError(f"{text!r} is outside the years 1 to 9999 in UTC") from None
    return moment_


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr (and exit status 2).

    The full usage is one ``--help`` away; a wall of usage text hides the one line that matters.
    """

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        sys.exit(EXIT_USAGE)
