"""How the link (re)opens its connection: the same port or URL, or the gun found again by serial number."""

from __future__ import annotations

from collections.abc import Callable

from mesogun import ports
from mesogun.errors import DeviceNotFoundError
from mesogun.link.link import Opener
from mesogun.link.transport import LinkLost, Transport


def make_opener(
    *,
    port: str | None,
    url: str | None,
    serial_number: str | None,
    reopen: Callable[[], str] | None,
    baudrate: int,
) -> tuple[Opener, str]:
    """An opener for the link and the name of what it opens first.

    The first call opens ``url``, ``port``, the port of USB ``serial_number``, or the one gun found
    automatically. Later calls (reconnection) open the name ``reopen()`` returns if given; else the
    same URL or port, and when that port is gone, the port that now carries the same USB serial
    number (a USB device can come back under another name).
    """
    if url is not None and port is not None:
        raise ValueError("give a port or a URL, not both")
    if url is not None:
        first = url
        usb_serial = ""
    elif port is not None:
        first = port
        usb_serial = serial_number or ports.usb_serial_number(port)
    elif serial_number is not None:
        first = ports.find_gun(serial_number)
        usb_serial = serial_number
    else:
        first = ports.auto_detect()
        usb_serial = ports.usb_serial_number(first)
    opened_once = False

    def open_transport() -> Transport:
        nonlocal opened_once
        target = reopen() if (reopen is not None and opened_once) else first
        try:
            transport = Transport.open(target, baudrate=baudrate)
        except LinkLost:
            if not usb_serial or url is not None:
                raise
            try:
                moved = ports.find_gun(usb_serial)
            except DeviceNotFoundError as exc:
                raise LinkLost(str(exc)) from exc
            if moved == target:
                raise
            transport = Transport.open(moved, baudrate=baudrate)
        opened_once = True
        return transport

    return open_transport, first
