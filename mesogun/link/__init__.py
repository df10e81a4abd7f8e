"""The link to the gun: transport, framing, requests, keep-alive, events, telemetry, reconnection."""

from mesogun.link.connection import ConnectionListener, ConnectionState
from mesogun.link.link import Link, Opener
from mesogun.link.requests import LinkTiming
from mesogun.link.stats import LinkStats
from mesogun.link.transport import LinkLost, Transport

__all__ = [
    "ConnectionListener",
    "ConnectionState",
    "Link",
    "LinkLost",
    "LinkStats",
    "LinkTiming",
    "Opener",
    "Transport",
]
