"""Simulated devices that speak the real protocols: the injection gun (and a laboratory balance)."""


def register_url_handler() -> None:
    """Let ``serial.serial_for_url`` open ``simgun://`` URLs (module ``simulators.protocol_simgun``).

    Idempotent. Importing :mod:`simulators.urlhandler` does the same.
    """
    import serial

    if "simulators" not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append("simulators")
