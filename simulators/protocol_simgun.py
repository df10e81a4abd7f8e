"""pyserial URL handler ``simgun://<name>?options``: the simulated gun opened in-process like a port.

``serial.serial_for_url("simgun://bench1?scale=20")`` (after ``import simulators.urlhandler``) opens a
connection to the gun registered as ``bench1`` in :mod:`simulators.registry`, creating it from the
options the first time. Reads return as soon as at least one byte is there (never waiting out the
timeout when data is available); the timeout is honoured otherwise (None blocks, 0 never does). When the
gun is unplugged or power-cycled, reads and writes raise ``SerialException``; once the gun is back, the
same object may be used again (it opens a new connection, which must say HELLO) or reopened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from simulators import registry
from simulators.gun import SimulatedGun
from simulators.port import GunPort

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

_REPLACED = "replaced by a new connection"


class Serial(SerialBase):
    """A pyserial port whose other end is a :class:`~simulators.gun.SimulatedGun`."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._gun: SimulatedGun | None = None
        self._link: GunPort | None = None
        self._loss_reported = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # pyserial's own signature

    def open(self) -> None:
        if self.is_open:
            raise SerialException("Port is already open.")
        if self.port is None:
            raise SerialException("Port must be configured before it can be used.")
        try:
            self._gun = registry.create_gun(str(self.port))
        except ValueError as exc:
            raise SerialException(f"cannot open {self.port}: {exc}") from exc
        self._link = self._gun.connect()
        self._loss_reported = False
        self.is_open = True

    def close(self) -> None:
        if self._link is not None:
            self._link.close("closed by the host")
            self._link = None
        self.is_open = False
        super().close()

    def _reconfigure_port(self) -> None:
        """Nothing to configure: baud rate, parity and timeouts mean nothing to a simulated cable."""

    def _update_dtr_state(self) -> None:
        pass

    def _update_rts_state(self) -> None:
        pass

    def _update_break_state(self) -> None:
        pass

    @property
    def gun(self) -> SimulatedGun:
        """The simulated gun at the other end (tests reach its control surface here too)."""
        if self._gun is None:
            raise PortNotOpenError()
        return self._gun

    def _current_link(self) -> GunPort:
        """The live connection; raises SerialException once per loss, then while the gun is away."""
        if not self.is_open or self._gun is None:
            raise PortNotOpenError()
        link = self._link
        if link is not None and not link.closed:
            return link
        if link is not None and not self._loss_reported:
            self._loss_reported = True
            raise SerialException(f"{self.port}: link lost ({link.close_reason})")
        if link is not None and link.close_reason == _REPLACED:
            raise SerialException(f"{self.port}: another connection took the gun")
        self._link = self._gun.connect()  # raises SerialException while unplugged
        self._loss_reported = False
        return self._link

    @property
    def in_waiting(self) -> int:
        return self._current_link().host_in_waiting()

    def read(self, size: int = 1) -> bytes:
        link = self._current_link()
        if size <= 0:
            return b""
        return link.host_read(size, self.timeout)

    def write(self, b: ReadableBuffer, /) -> int | None:
        link = self._current_link()
        data = bytes(b)
        link.host_write(data)
        return len(data)

    def reset_input_buffer(self) -> None:
        self._current_link().host_discard_input()

    def reset_output_buffer(self) -> None:
        self._current_link()  # writes go straight to the device: nothing waits in an output buffer

    @property
    def out_waiting(self) -> int:
        self._current_link()
        return 0

    @property
    def cts(self) -> bool:
        return True

    @property
    def dsr(self) -> bool:
        return True

    @property
    def ri(self) -> bool:
        return False

    @property
    def cd(self) -> bool:
        return True
