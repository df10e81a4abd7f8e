"""Laboratory balance for gravimetric calibration: an MT-SICS driver and a manual stand-in.

:class:`Balance` speaks MT-SICS level 0/1 (Mettler Toledo Standard Interface Command Set: ASCII lines
ending in CR LF) over pyserial: a serial port path, or any pyserial URL (``socket://`` for a balance on
a serial-to-Ethernet adapter, ``simbalance://`` for the simulated one). Every read has a deadline;
a reply ends at its CR LF, never at a timeout.

:class:`ManualBalance` lets a technician type the readings of a balance that has no interface.
Both satisfy :class:`WeighingInstrument`, which is all the calibration procedure needs.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, TypeVar

import serial

from mesogun.errors import MesogunError

log = logging.getLogger(__name__)

try:
    import termios

    # An unplugged USB adapter can surface as termios.error from a flush (not an OSError).
    _LINK_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # pragma: no cover - Windows has no termios
    _LINK_ERRORS = (serial.SerialException, OSError)

_T = TypeVar("_T")
_POLL_S = 0.05  # between two SI while waiting for stability
_UNIT_TO_G = {"g": 1.0, "mg": 0.001, "kg": 1000.0}
_MAX_LINE_BYTES = 256


class BalanceError(MesogunError):
    """The balance refused a command, answered nonsense, or cannot be used."""


class BalanceNotRespondingError(BalanceError):
    """No reply from the balance in time, or the port is gone."""


class _ReplyTimeout(BalanceNotRespondingError):
    """No reply line before the deadline (the link itself did not fail)."""


class BalanceUnstableError(BalanceError):
    """The weight did not settle in time (draught, vibration, a container still touching something)."""


class BalanceOverloadError(BalanceError):
    """The load is above the balance's capacity (``+``) or below its zero range (``-``)."""


class WeighingInstrument(Protocol):
    """What a gravimetric procedure needs from a balance. Weights in g, durations in s."""

    def serial_number(self) -> str: ...

    def zero(self, timeout_s: float = ...) -> None: ...

    def tare(self, timeout_s: float = ...) -> float: ...

    def stable_weight_g(self, timeout_s: float = ...) -> float: ...


class _Port(Protocol):
    timeout: float | None

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, b: bytes, /) -> int | None: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


class Balance:
    """An MT-SICS balance on a serial link. Not thread-safe: one procedure drives it at a time."""

    def __init__(self, port: _Port, *, name: str = "balance", response_timeout_s: float = 2.0) -> None:
        """Wrap an open pyserial port (its read timeout is set here); prefer :meth:`open`."""
        self._port = port
        self._name = name
        self.response_timeout_s = response_timeout_s
        # Short reads: a reply is collected as its bytes arrive and ends at CR LF; this only bounds
        # how long one read may block before the deadline is looked at again.
        port.timeout = 0.1
        self._rx = bytearray()
        self._resolution_mg: float | None = None

    @classmethod
    def open(cls, port: str, *, baudrate: int = 9600, response_timeout_s: float = 2.0) -> Balance:
        """Open a balance at a port path (``/dev/ttyUSB0``, ``COM3``) or a pyserial URL.

        9600 baud, 8 data bits, no parity, 1 stop bit is the MT-SICS factory setting.
        """
        if port.startswith("simbalance://"):
            # The simulated balance is loaded only when asked for: a composition root.
            from mesogun.simulation import register_url_scheme

            register_url_scheme(port)
        try:
            link = serial.serial_for_url(port, baudrate=baudrate, timeout=0.1, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise BalanceNotRespondingError(
                f"Cannot open the balance at {port}: {exc}. Check the cable and the port name."
            ) from exc
        return cls(link, name=port, response_timeout_s=response_timeout_s)

    def close(self) -> None:
        with contextlib.suppress(*_LINK_ERRORS):
            self._port.close()

    def __enter__(self) -> Balance:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ commands

    def model(self) -> str:
        """The balance's type (the first word of ``I2``: its type, capacity and unit)."""
        described = self._unquote(self._expect_status("I2", "A", self._exchange("I2")))
        return described.split()[0] if described else ""

    @property
    def resolution_mg(self) -> float | None:
        """The balance's smallest step in mg, as the digits of its last weight reading show (None before)."""
        return self._resolution_mg

    def serial_number(self) -> str:
        """The balance's serial number (``I4``)."""
        return self._unquote(self._expect_status("I4", "A", self._exchange("I4")))

    def reset(self) -> str:
        """Reset without zeroing (``@``): clears the tare; returns the serial number."""
        reply = self._exchange("@", prefix="I4")
        return self._unquote(self._expect_status("I4", "A", reply))

    def zero(self, timeout_s: float = 10.0) -> None:
        """Zero the balance once it is stable (``Z``); clears the tare."""
        self._until_stable("Z", timeout_s, lambda reply: self._expect_status("Z", "A", reply))

    def tare(self, timeout_s: float = 10.0) -> float:
        """Tare the load once stable (``T``); returns the tare in g."""
        return self._until_stable("T", timeout_s, lambda reply: self._weight_g("T", reply, stable_only=True))

    def tare_g(self) -> float:
        """The tare in memory, in g (``TA``)."""
        reply = self._exchange("TA")
        return self._weight_g("TA", reply, stable_only=False, status="A")

    def stable_weight_g(self, timeout_s: float = 10.0) -> float:
        """Net weight in g once the balance is stable (``S``).

        Raises :class:`BalanceUnstableError` when it does not settle within ``timeout_s``.
        """
        return self._until_stable("S", timeout_s, lambda reply: self._weight_g("S", reply, stable_only=True))

    def immediate_weight_g(self) -> float:
        """Net weight in g right now, stable or not (``SI``)."""
        return self.immediate_reading()[0]

    def immediate_reading(self) -> tuple[float, bool]:
        """(net weight in g, stable?) right now (``SI``)."""
        reply = self._exchange("SI", prefix="S")
        if reply.split()[1:2] == ["I"]:
            raise BalanceError("The balance is busy and cannot send a weight now (S I); try again.")
        weight_g = self._weight_g("S", reply, stable_only=False)
        return weight_g, reply.split()[1] == "S"

    # ------------------------------------------------------------------ MT-SICS details

    def _until_stable(self, command: str, timeout_s: float, parse: Callable[[str], _T]) -> _T:
        """Poll ``SI`` until stable, then send the waiting command (S, Z, T), which answers at once.

        Polling keeps ``timeout_s`` ours: a bare ``S`` would wait for the balance's own stability
        timeout (a menu setting, often longer) and block every command behind it.
        """
        deadline = time.monotonic() + timeout_s
        while True:
            if self._is_stable_now():
                left_s = max(deadline - time.monotonic(), 0.0)
                try:
                    reply = self._exchange(command, wait_s=left_s + self.response_timeout_s)
                except _ReplyTimeout:
                    # It answered SI a moment ago: silence now means it is waiting for the weight to settle.
                    raise self._unstable(command, timeout_s) from None
                if reply.split()[1:2] != ["I"]:
                    return parse(reply)
            if time.monotonic() >= deadline:
                raise self._unstable(command, timeout_s)
            time.sleep(_POLL_S)

    def _is_stable_now(self) -> bool:
        reply = self._exchange("SI", prefix="S")
        return reply.split()[1:2] == ["S"]

    def _unstable(self, command: str, timeout_s: float) -> BalanceUnstableError:
        return BalanceUnstableError(
            f"The balance did not become stable within {timeout_s:g} s ({command}). "
            "Close the draught shield, keep the bench still, and check that nothing touches the container."
        )

    def _exchange(self, command: str, *, prefix: str | None = None, wait_s: float | None = None) -> str:
        """Send one command line and return its reply line (without CR LF).

        Lines that do not belong to ``command`` (a late reply to an earlier command) are skipped.
        """
        expected = (prefix or command) + " "
        try:
            self._port.reset_input_buffer()
            self._rx.clear()
            log.debug("%s <- %r", self._name, command)
            self._port.write(command.encode("ascii") + b"\r\n")
        except _LINK_ERRORS as exc:
            raise self._gone(exc) from exc
        deadline = time.monotonic() + (self.response_timeout_s if wait_s is None else wait_s)
        while True:
            line = self._read_line(deadline, command)
            log.debug("%s -> %r", self._name, line)
            if line in ("ES", "ET", "EL"):
                raise BalanceError(
                    f"The balance rejected {command!r} with {line} "
                    f"({_ERRORS[line]}). Check that it speaks MT-SICS and its interface settings."
                )
            if line.startswith(expected) or line in (prefix, command):
                if line.split()[1:2] in (["+"], ["-"]):
                    raise BalanceOverloadError(
                        f"The balance reports {'overload' if line.split()[1] == '+' else 'underload'} "
                        f"({line!r}): remove or replace the load, then zero it."
                    )
                return line

    def _read_line(self, deadline: float, command: str) -> str:
        while True:
            end = self._rx.find(b"\r\n")
            if end >= 0:
                raw = bytes(self._rx[:end])
                del self._rx[: end + 2]
                return raw.decode("ascii", errors="replace").strip()
            if len(self._rx) > _MAX_LINE_BYTES:
                raise BalanceError(
                    f"The balance sent {len(self._rx)} bytes without a line end: check baud rate."
                )
            if time.monotonic() >= deadline:
                raise _ReplyTimeout(
                    f"The balance at {self._name} did not answer {command!r} in time. "
                    "Check that it is on, the cable, and the interface settings (9600 8N1, MT-SICS)."
                )
            try:
                self._rx += self._port.read(max(1, self._port.in_waiting))
            except _LINK_ERRORS as exc:
                raise self._gone(exc) from exc

    def _gone(self, exc: BaseException) -> BalanceNotRespondingError:
        return BalanceNotRespondingError(
            f"The link to the balance at {self._name} failed ({exc}). Check the cable, then reconnect."
        )

    def _expect_status(self, command: str, status: str, reply: str) -> str:
        fields = reply.split(maxsplit=2)
        if len(fields) < 2 or fields[0] != command or fields[1] != status:
            raise BalanceError(f"Unexpected reply {reply!r} to {command!r}.")
        return fields[2] if len(fields) > 2 else ""

    def _weight_g(self, command: str, reply: str, *, stable_only: bool, status: str | None = None) -> float:
        fields = reply.split()
        allowed = {status} if status else ({"S"} if stable_only else {"S", "D"})
        if len(fields) != 4 or fields[0] != command or fields[1] not in allowed:
            raise BalanceError(f"Unexpected reply {reply!r} to {command!r}.")
        value, unit = fields[2], fields[3]
        if unit not in _UNIT_TO_G:
            raise BalanceError(f"The balance weighs in {unit!r}: set its unit to g.")
        try:
            weight_g = float(value) * _UNIT_TO_G[unit]
            # The balance prints every digit it resolves: its last decimal place is its step.
            self._resolution_mg = round(10.0 ** -len(value.partition(".")[2]) * _UNIT_TO_G[unit] * 1000.0, 9)
            return weight_g
        except ValueError:
            raise BalanceError(f"Unreadable weight {value!r} in {reply!r}.") from None

    @staticmethod
    def _unquote(text: str) -> str:
        return text.strip().strip('"')


_ERRORS = {
    "ES": "syntax error: command not recognised",
    "ET": "transmission error",
    "EL": "logical error: command not executable with these parameters",
}


class ManualBalance:
    """A balance read by eye: the technician types each stable reading (in g, or with a ``mg`` suffix).

    ``ask(prompt) -> str`` is how the text is obtained (``input`` on a console; a dialog in the GUI).
    Text that is not a weight raises :class:`BalanceError` naming it; the caller asks again.
    """

    def __init__(self, ask: Callable[[str], str], *, identification: str = "manual") -> None:
        self._ask = ask
        self._identification = identification

    def serial_number(self) -> str:
        """The identification the technician gave for the balance (its serial number or asset tag)."""
        return self._identification

    def zero(self, timeout_s: float = 10.0) -> None:
        """Ask the technician to zero the balance by hand."""
        self._ask("Zero the balance, then press Enter: ")

    def tare(self, timeout_s: float = 10.0) -> float:
        """Ask the technician to tare by hand; the tare then in memory is not known, so 0.0 is returned."""
        self._ask("Tare the balance with the container on it, then press Enter: ")
        return 0.0

    def stable_weight_g(self, timeout_s: float = 10.0) -> float:
        """The stable reading the technician types, in g."""
        return parse_weight_g(self._ask("Stable reading (g, or e.g. '49.87 mg'): "))


def parse_weight_g(text: str) -> float:
    """A typed weight in g: ``"0.04987"``, ``"0.04987 g"``, ``"49.87 mg"`` (comma decimals accepted)."""
    cleaned = text.strip().replace(",", ".")
    unit = "g"
    for suffix in ("mg", "kg", "g"):
        if cleaned.lower().endswith(suffix):
            cleaned, unit = cleaned[: -len(suffix)].strip(), suffix
            break
    try:
        value = float(cleaned)
    except ValueError:
        raise BalanceError(
            f"{text!r} is not a weight: type a number in g, or a number followed by mg."
        ) from None
    if not math.isfinite(value):
        raise BalanceError(f"{text!r} is not a weight: type a number in g, or a number followed by mg.")
    return value * _UNIT_TO_G[unit]
