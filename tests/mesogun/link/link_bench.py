"""Simulated guns behind each real transport, and a small journal-like event sink.

A :class:`Bench` is one gun reached through pyserial exactly as hardware would be: the in-process
``simgun://`` URL, a pseudo-terminal served by :class:`PtyServer` (a replug gives a NEW path), or
``socket://`` served by :class:`TcpServer`.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import simulators.urlhandler  # noqa: F401  (registers simgun://)
from mesogun.device_events import DeviceEvent, Shot
from mesogun.injector import Injector
from simulators import registry
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer, TcpServer

TRANSPORTS = ("url", "pty", "tcp")
_UNPLUGGED = "/dev/null/unplugged-simulated-gun"  # a path no port can ever be opened at
_names = itertools.count(1)


class ListSink:
    """An EventSink that keeps events in memory (durable enough for link tests) and counts stores."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: dict[tuple[str, int], DeviceEvent] = {}
        self.store_calls: list[tuple[str, int]] = []

    def last_event_number(self, device_serial: str) -> int:
        with self._lock:
            return max((n for serial, n in self.events if serial == device_serial), default=0)

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        with self._lock:
            self.store_calls.append((device_serial, event.event_number))
            self.events.setdefault((device_serial, event.event_number), event)

    def shots(self) -> list[Shot]:
        with self._lock:
            return [e for e in self.events.values() if isinstance(e, Shot)]


@dataclass
class Bench:
    """A simulated gun behind one transport, and how to open an Injector on it."""

    kind: str
    gun: SimulatedGun
    target: str  # port path or URL the host opens first
    reopen: Callable[[], str] | None = None
    server: PtyServer | TcpServer | None = None
    injectors: list[Injector] = field(default_factory=list)

    def open(self, **kwargs: Any) -> Injector:
        if self.kind == "pty":
            injector = Injector.open(self.target, reopen=self.reopen, **kwargs)
        else:
            injector = Injector.open(url=self.target, reopen=self.reopen, **kwargs)
        self.injectors.append(injector)
        return injector

    def unplug(self) -> None:
        """The cable comes out (for a pty or TCP server: the server's side vanishes)."""
        if self.server is not None:
            self.server.unplug()
        else:
            self.gun.unplug()

    def replug(self) -> None:
        if self.server is not None:
            self.server.replug()
        else:
            self.gun.replug()

    def close(self) -> None:
        for injector in self.injectors:
            injector.close()
        if self.server is not None:
            self.server.close()


def make_bench(kind: str, tmp_path: Path, *, clock_scale: float = 20.0, seed: int = 0) -> Bench:
    journal = tmp_path / f"gun-{next(_names)}.jsonl"
    if kind == "url":
        name = f"link-test-{next(_names)}"
        url = f"simgun://{name}?serial=SIM-0001&scale={clock_scale}&seed={seed}&journal={journal}"
        gun = registry.create_gun(url)
        return Bench(kind, gun, url)
    gun = SimulatedGun(journal, clock_scale=clock_scale, seed=seed)
    if kind == "pty":
        pty = PtyServer(gun)
        # While unplugged, the last path is a freed pty: another program on the machine (another
        # simulated gun, with the same serial number) may hold it by then. Reopen only the gun's own.
        return Bench(kind, gun, pty.path, reopen=lambda: pty.path if pty.attached else _UNPLUGGED, server=pty)
    tcp = TcpServer(gun)
    return Bench(kind, gun, tcp.url, server=tcp)
