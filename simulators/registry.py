"""Simulated guns by name, so a ``simgun://<name>`` URL and a test reach the same gun.

``create_gun("simgun://bench1?serial=SIM-0001&scale=20&journal=/tmp/j.jsonl&faults=drop=0.01")``
creates the gun named ``bench1`` from the URL's options, or returns the one already registered under
that name (its options are then ignored, except ``faults``, which is applied). Options:

- ``serial``: serial number (default SIM-0001); ``seed``: random seed (link faults, noise)
- ``scale``: physics clock scale (20: twenty times faster than real time)
- ``journal``: path of the non-volatile event journal (default: a temporary file)
- ``faults``: link faults, e.g. ``corrupt=0.01,drop=0.01`` (see :class:`LinkFaults`)
- ``factor``: true volume per step / nominal (default 1.06); ``watchdog_ms``; ``access_code``
- ``breaks``: rules to break on purpose, e.g. ``slow_watchdog,no_event_resend`` (see
  :mod:`simulators.rule_breaks`; like ``faults``, applied to an already registered gun too)
"""

from __future__ import annotations

import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulators.gun import SimulatedGun
from simulators.link_faults import LinkFaults
from simulators.rule_breaks import RuleBreaks

SCHEME = "simgun"

_guns: dict[str, SimulatedGun] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class GunUrl:
    """A parsed ``simgun://`` URL: the gun's name and the options to build it with."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)
    faults: LinkFaults | None = None
    breaks: RuleBreaks | None = None


_CONVERTERS: dict[str, tuple[str, type]] = {
    "serial": ("serial_number", str),
    "scale": ("clock_scale", float),
    "journal": ("journal_path", Path),
    "seed": ("seed", int),
    "factor": ("true_volume_factor", float),
    "watchdog_ms": ("watchdog_ms", int),
    "access_code": ("access_code", int),
}


def parse_url(url: str) -> GunUrl:
    """Name and options of a ``simgun://`` URL. Raises ValueError naming what is wrong."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != SCHEME:
        raise ValueError(f"{url!r} is not a {SCHEME}:// URL")
    name = urllib.parse.unquote(parts.netloc + parts.path).strip("/")
    if not name:
        raise ValueError(f"{url!r} names no gun: use {SCHEME}://<name>?options")
    options: dict[str, Any] = {}
    faults: LinkFaults | None = None
    breaks: RuleBreaks | None = None
    for key, values in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items():
        value = values[-1]
        if key == "faults":
            faults = LinkFaults.parse(value)
            continue
        if key == "breaks":
            breaks = RuleBreaks.parse(value)
            continue
        if key not in _CONVERTERS:
            raise ValueError(
                f"unknown {SCHEME}:// option {key!r} (known: {sorted([*_CONVERTERS, 'breaks', 'faults'])})"
            )
        argument, convert = _CONVERTERS[key]
        try:
            options[argument] = convert(value)
        except ValueError:
            raise ValueError(
                f"{SCHEME}:// option {key}={value!r} is not a valid {convert.__name__}"
            ) from None
    return GunUrl(name, options, faults, breaks)


def create_gun(url: str) -> SimulatedGun:
    """The gun a ``simgun://`` URL names: the registered one, or a new one built from the options."""
    parsed = parse_url(url)
    with _lock:
        gun = _guns.get(parsed.name)
        if gun is None or gun.closed:
            gun = SimulatedGun(**parsed.options)
            _guns[parsed.name] = gun
    if parsed.faults is not None:
        gun.set_link_faults(parsed.faults)
    if parsed.breaks is not None:
        gun.set_rule_breaks(parsed.breaks)
    return gun


def register_gun(name: str, gun: SimulatedGun) -> None:
    """Make ``simgun://<name>`` open ``gun`` (replacing, not closing, any gun of that name)."""
    with _lock:
        _guns[name] = gun


def get_gun(name: str) -> SimulatedGun:
    """The gun registered under ``name``; KeyError naming the known ones otherwise."""
    with _lock:
        try:
            return _guns[name]
        except KeyError:
            raise KeyError(f"no simulated gun named {name!r} (known: {sorted(_guns)})") from None


def remove_gun(name: str) -> None:
    """Switch the gun named ``name`` off and forget it (no error if unknown)."""
    with _lock:
        gun = _guns.pop(name, None)
    if gun is not None:
        gun.close()


def remove_all() -> None:
    """Switch every registered gun off and forget them all."""
    with _lock:
        guns = list(_guns.values())
        _guns.clear()
    for gun in guns:
        gun.close()


def names() -> list[str]:
    with _lock:
        return sorted(_guns)
