"""mesogun: host software for an automatic mesotherapy injection gun."""

__version__ = "0.1.0"
