"""Importing this module lets ``serial.serial_for_url`` open ``simgun://`` URLs (the in-process gun)."""

from simulators import register_url_handler

register_url_handler()
