"""Finding the gun among the serial ports: list them, find one by USB serial number, auto-detect."""

from __future__ import annotations

from dataclasses import dataclass

from serial.tools import list_ports

from mesogun.errors import DeviceNotFoundError

#: Words in a port's USB product, description or manufacturer string that mark a mesotherapy gun.
GUN_MARKERS = ("mesogun", "mesotherap", "mésothérap")


@dataclass(frozen=True)
class PortInfo:
    """One serial port as the operating system describes it (USB fields empty for other ports)."""

    port: str
    vid: int | None
    pid: int | None
    serial_number: str
    description: str
    manufacturer: str
    product: str

    @property
    def usb_id(self) -> str:
        """``VID:PID`` in hexadecimal (``2E8A:000A``), or an empty string for a non-USB port."""
        if self.vid is None or self.pid is None:
            return ""
        return f"{self.vid:04X}:{self.pid:04X}"

    @property
    def looks_like_gun(self) -> bool:
        text = " ".join((self.product, self.description, self.manufacturer)).lower()
        return any(marker in text for marker in GUN_MARKERS)


#: What pyserial gives for a port the operating system does not describe: not a description to show.
_UNKNOWN = frozenset({"", "n/a"})


def _known(text: str | None) -> str:
    """``text``, or "" when the operating system gave none."""
    return "" if text is None or text.strip().lower() in _UNKNOWN else text


def list_serial_ports() -> list[PortInfo]:
    """Every serial port of this computer, sorted by name."""
    ports = [
        PortInfo(
            port=info.device,
            vid=info.vid,
            pid=info.pid,
            serial_number=info.serial_number or "",
            description=_known(info.description),
            manufacturer=_known(info.manufacturer),
            product=_known(info.product),
        )
        for info in list_ports.comports()
    ]
    return sorted(ports, key=lambda p: p.port)


def find_gun(serial_number: str) -> str:
    """The port of the USB device whose serial number is ``serial_number``.

    Raises DeviceNotFoundError when no port has it (the gun is unplugged or switched off).
    """
    for info in list_serial_ports():
        if info.serial_number and info.serial_number == serial_number:
            return info.port
    raise DeviceNotFoundError(
        f"No port belongs to the gun with serial number {serial_number}. Check the USB cable and that the "
        "gun is switched on; `mesogun ports` lists the ports with their serial numbers."
    )


def usb_serial_number(port: str) -> str:
    """The USB serial number of ``port`` ('' when it is not a USB port or has none)."""
    for info in list_serial_ports():
        if info.port == port:
            return info.serial_number
    return ""


def auto_detect() -> str:
    """The port of the one connected gun. Raises DeviceNotFoundError when there are none or several."""
    guns = [info for info in list_serial_ports() if info.looks_like_gun]
    if len(guns) == 1:
        return guns[0].port
    if not guns:
        raise DeviceNotFoundError(
            "No gun found among the serial ports. Plug the gun in and switch it on, or name its port "
            "with --port (`mesogun ports` lists them)."
        )
    names = ", ".join(f"{g.port} ({g.serial_number or 'no serial number'})" for g in guns)
    raise DeviceNotFoundError(
        f"Several guns are connected: {names}. Choose one with --port or --serial-number"
    )
