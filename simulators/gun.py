"""The simulated injection gun: a thread-backed device with a control surface and ground truth.

:class:`SimulatedGun` owns what outlives a power cycle (the hardware, the journal file, the ground
truth, the cable) and runs one :class:`~simulators.firmware.GunFirmware` per power-on in its own thread,
like a microcontroller's main loop: it sleeps until a byte arrives, a control call comes in, or the
firmware has something due (a phase of a shot ends, the watchdog expires, an event re-send, a telemetry
batch), then handles it under one lock. Tests drive the operator's hand and the faults through the
control surface and compare the host's records with :attr:`SimulatedGun.truth`.
"""

from __future__ import annotations

import contextlib
import os
import random
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from serial import SerialException

from firmware_protocol.enums import AlarmCode, DeviceState
from simulators.clock import SimClock
from simulators.device_journal import DeviceJournal
from simulators.firmware import GunFirmware
from simulators.link_faults import LinkFaults
from simulators.physics import Hardware
from simulators.port import GunPort
from simulators.rule_breaks import RuleBreaks
from simulators.truth import Truth

MIN_SLEEP_S = 0.0005


class SimulatedGun:
    """A simulated gun. ``clock_scale`` speeds up physics; the watchdog stays in wall-clock time."""

    def __init__(
        self,
        journal_path: Path | None = None,
        *,
        serial_number: str = "SIM-0001",
        clock_scale: float = 1.0,
        true_volume_factor: float = 1.06,
        watchdog_ms: int = 500,
        seed: int = 0,
        access_code: int = 1234,
        clock: SimClock | None = None,
    ) -> None:
        """``clock``: the clock to run on instead of a :class:`SimClock` at ``clock_scale`` (e.g. a
        :class:`~simulators.clock.SteppedClock`, which a test moves on itself)."""
        if not 0.5 <= true_volume_factor <= 2.0:
            raise ValueError(f"true_volume_factor = {true_volume_factor!r} is out of range (allowed 0.5–2.0)")
        if not 50 <= watchdog_ms <= 60_000:
            raise ValueError(f"watchdog_ms = {watchdog_ms!r} ms is out of range (allowed 50–60000 ms)")
        if not 1 <= len(serial_number.encode("utf-8")) <= 32:
            raise ValueError(f"serial_number {serial_number!r} must be 1–32 bytes of UTF-8")
        if not 0 <= access_code <= 0xFFFF_FFFF:
            raise ValueError(f"access_code = {access_code!r} is out of range (allowed 0–4294967295)")
        self.serial_number = serial_number
        self.clock = clock if clock is not None else SimClock(clock_scale)
        self.watchdog_ms = watchdog_ms
        self._seed = seed
        self._access_code = access_code
        self._temporary_journal = journal_path is None
        if journal_path is None:
            handle, name = tempfile.mkstemp(prefix="mesogun-sim-journal-", suffix=".jsonl")
            os.close(handle)
            journal_path = Path(name)
        self.journal_path = Path(journal_path)
        self.hardware = Hardware(true_volume_factor=true_volume_factor)
        self.truth = Truth()
        self._boot_ids = random.SystemRandom()  # random per power-on, even for the same seed
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._wake = threading.Event()
        self._port: GunPort | None = None
        self._plugged = True
        self._closed = False
        self._faults = LinkFaults()
        self._breaks = RuleBreaks()
        self._power_on()
        self._loop_wakes_at = 0.0  # monotonic time the loop thread next looks by itself
        self._thread = threading.Thread(target=self._loop, name=f"simgun-{serial_number}", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ power and loop

    def _power_on(self) -> None:
        self._journal = DeviceJournal(self.journal_path)
        self._firmware = GunFirmware(
            hardware=self.hardware,
            journal=self._journal,
            truth=self.truth,
            clock=self.clock,
            serial_number=self.serial_number,
            watchdog_ms=self.watchdog_ms,
            access_code=self._access_code,
            boot_id=self._boot_ids.getrandbits(32) or 1,
            seed=self._seed,
            write=self._device_write,
        )
        self._firmware.set_breaks(self._breaks)
        self._firmware.power_on()

    def _device_write(self, data: bytes) -> None:
        port = self._port
        if port is not None:
            port.device_write(data)

    def _loop(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                timeout_s = self._service()
                self._loop_wakes_at = time.monotonic() + timeout_s
                self._changed.notify_all()
            self._wake.wait(timeout_s)
            self._wake.clear()

    def serve_now(self) -> None:
        """Run the firmware on what the host just wrote, in the calling thread (a server's reader).

        The response then leaves without waking the gun's own thread and without a hand-off back: two
        thread switches fewer per request. The gun's thread is woken only if the firmware now has
        something due before it would have looked by itself.
        """
        with self._lock:
            if self._closed:
                return
            due_s = time.monotonic() + self._service()
            self._changed.notify_all()
            sooner = due_s < self._loop_wakes_at
        if sooner:
            self._wake.set()

    def _service(self) -> float:
        """One pass of the firmware's main loop; returns how long it may sleep (wall seconds)."""
        fw = self._firmware
        now = self.clock.wall_s()
        fw.advance_physics(self.clock.sim_at(now))
        port = self._port
        if port is not None and port.closed:
            self._port = port = None  # the host side hung up
        if port is not None:
            data = port.device_read(now)
            if data:
                fw.receive(data, now)
        fw.run_timers(now)
        due = fw.next_wake_s(now)
        if port is not None:
            arriving = port.device_next_ready_s()
            if arriving is not None:
                due = min(due, arriving)
        return max(MIN_SLEEP_S, due - self.clock.wall_s())

    def _control(self, action: Callable[[GunFirmware], None]) -> None:
        """Run ``action`` on the firmware with physics brought up to now, then let the loop react."""
        with self._lock:
            if self._closed:
                raise RuntimeError(f"simulated gun {self.serial_number} is closed")
            fw = self._firmware
            fw.advance_physics(self.clock.monotonic_s())
            action(fw)
            fw.deliveries.check_run()
            self._changed.notify_all()
        self._wake.set()

    def close(self) -> None:
        """Switch the gun off for good (a final brown-out: a delivery in progress is journaled)."""
        with self._lock:
            if self._closed:
                return
            self._firmware.advance_physics(self.clock.monotonic_s())
            self._firmware.switch_off()
            self._closed = True
            if self._port is not None:
                self._port.close("switched off")
                self._port = None
            self._journal.close()
            self._changed.notify_all()
        self._wake.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        if self._temporary_journal:
            with contextlib.suppress(OSError):
                self.journal_path.unlink()

    def __enter__(self) -> SimulatedGun:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ the cable

    def connect(self) -> GunPort:
        """Plug a host in: a new connection (it must say HELLO). A previous connection is dropped.

        Raises ``serial.SerialException`` while the gun is unplugged or switched off.
        """
        with self._lock:
            if self._closed:
                raise SerialException(f"simulated gun {self.serial_number} is switched off")
            if not self._plugged:
                raise SerialException(f"simulated gun {self.serial_number} is unplugged")
            if self._port is not None:
                self._port.close("replaced by a new connection")
            port = GunPort(self._faults, self._wake.set)
            self._port = port
            self._firmware.connection_opened()
            self._changed.notify_all()
        self._wake.set()
        return port

    def unplug(self) -> None:
        """Pull the cable: the host's reads and writes fail until :meth:`replug` and a reconnect."""
        with self._lock:
            self._plugged = False
            if self._port is not None:
                self._port.close("unplugged")
                self._port = None
            self._changed.notify_all()
        self._wake.set()

    def replug(self) -> None:
        """Plug the cable back in (the host has to open the port again)."""
        with self._lock:
            self._plugged = True
            self._changed.notify_all()
        self._wake.set()

    def power_cycle(self) -> None:
        """The power fails and comes back: RAM lost (state, configuration, response cache), journal
        kept, new boot id. A shot in progress stops where it is and is reported after the power-on
        as an INTERRUPTED shot with the volume the plunger moved."""
        with self._lock:
            if self._closed:
                raise RuntimeError(f"simulated gun {self.serial_number} is closed")
            self._firmware.advance_physics(self.clock.monotonic_s())
            self._firmware.power_lost()
            if self._port is not None:
                self._port.close("power cycle")
                self._port = None
            self._journal.close()
            self._power_on()
            self._changed.notify_all()
        self._wake.set()

    def set_link_faults(self, faults: LinkFaults) -> None:
        """Noise on the cable, both directions, from now on (also for later connections)."""
        with self._lock:
            self._faults = faults
            if self._port is not None:
                self._port.set_faults(faults)

    def set_rule_breaks(self, breaks: RuleBreaks) -> None:
        """Break the rules ``breaks`` names from now on, across power cycles (conformance tests)."""
        with self._lock:
            self._breaks = breaks
            self._firmware.set_breaks(breaks)
        self._wake.set()

    @property
    def rule_breaks(self) -> RuleBreaks:
        return self._breaks

    # ------------------------------------------------------------------ the operator's hand

    def press_trigger(self) -> None:
        self._control(lambda fw: fw.deliveries.press_trigger())

    def release_trigger(self) -> None:
        self._control(lambda fw: fw.deliveries.release_trigger())

    def pull_trigger(self, timeout_s: float = 10.0) -> None:
        """Press, let the delivery happen (one shot; a whole infusion in CONTINUOUS mode), release.

        Raises TimeoutError (after releasing) if the delivery has not ended within ``timeout_s``.
        """
        self._control(lambda fw: fw.deliveries.press_trigger(auto_release=True))
        if not self.wait_until(lambda: not self._firmware.deliveries.trigger_pressed, timeout_s):
            self.release_trigger()
            raise TimeoutError(f"the delivery did not end within {timeout_s} s")

    # ------------------------------------------------------------------ faults

    def set_occlusion(self, on: bool) -> None:
        """Block (or free) the fluid line: the next push builds pressure instead of delivering."""

        def act(fw: GunFirmware) -> None:
            fw.hw.occlusion = on

        self._control(act)

    def empty_syringe(self) -> None:
        """Empty the loaded syringe behind the firmware's back: the next push finds nothing."""

        def act(fw: GunFirmware) -> None:
            if fw.hw.syringe is not None:
                fw.hw.syringe.content_nl = 0.0

        self._control(act)

    def set_needle_jam(self, on: bool) -> None:
        """Jam the needle actuator: the needle cannot get out to depth."""

        def act(fw: GunFirmware) -> None:
            fw.hw.needle_jam = on

        self._control(act)

    def set_clock_scale(self, scale: float) -> None:
        """Run the physics ``scale`` times faster than real time from now on (the watchdog stays in
        wall-clock time); a balance weighing this gun follows, as it runs on the same clock."""

        def act(fw: GunFirmware) -> None:
            self.clock.set_scale(scale)

        self._control(act)

    def run_physics(self) -> None:
        """Bring the physics up to the clock's time now, in the calling thread: a shot that ends by then
        is journaled and its event sent before this returns (after a stepped clock was advanced)."""
        self._control(lambda _fw: None)

    def set_battery(self, pct: int) -> None:
        """Battery charge in percent (0–100): below 30 % and below 10 % raise alarms."""
        if not 0 <= pct <= 100:
            raise ValueError(f"battery = {pct!r} % is out of range (allowed 0–100 %)")

        def act(fw: GunFirmware) -> None:
            fw.hw.battery_pct = pct
            fw.update_conditions()

        self._control(act)

    # ------------------------------------------------------------------ observation

    def wait_until(self, predicate: Callable[[], bool], timeout_s: float = 5.0) -> bool:
        """Wait until ``predicate()`` holds (checked under the gun's lock after every change)."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout_s)

    def delivered_volume_now_nl(self) -> float:
        """True volume delivered up to now in nl: every shot so far and the part of the one in progress.

        :attr:`truth` counts a shot when it ends; a continuous infusion lasts up to minutes, and a
        balance under it sees the water arrive as it flows.
        """
        with self._lock:
            fw = self._firmware
            if not self._closed:
                fw.advance_physics(self.clock.monotonic_s())
            run = fw.deliveries.run
            flowing = run.in_progress_true_nl if run is not None and run.spec.uses_needle else 0.0
            return self.truth.delivered_volume_nl + flowing

    @property
    def state(self) -> DeviceState:
        with self._lock:
            return self._firmware.state

    @property
    def alarms(self) -> frozenset[AlarmCode]:
        with self._lock:
            return self._firmware.alarms.active

    @property
    def boot_id(self) -> int:
        with self._lock:
            return self._firmware.boot_id

    @property
    def plugged(self) -> bool:
        return self._plugged and not self._closed

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def trigger_pressed(self) -> bool:
        with self._lock:
            return self._firmware.deliveries.trigger_pressed

    @property
    def last_event_number(self) -> int:
        with self._lock:
            return self._journal.last_event_number

    @property
    def acked_event_number(self) -> int:
        with self._lock:
            return self._firmware.outbox.acked

    @property
    def firmware(self) -> GunFirmware:
        """The firmware of the current power-on (for inspection; a power cycle replaces it)."""
        return self._firmware
