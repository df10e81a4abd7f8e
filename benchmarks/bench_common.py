"""Helpers shared by the benchmark scripts: percentiles, Markdown tables, the load average, peers in
other processes.

Every benchmark prints its figures next to a floor measured in the same run, and the load average of
the machine while it ran, so a figure is read as a ratio on a machine in a known state.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages and the number of cores, as one phrase."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


class PeerProcess:
    """A child Python process that serves a device on a pseudo-terminal and prints its path first.

    ``args`` are the child interpreter's arguments; its first line on stdout must be the device path.
    The child is ended when the context exits.
    """

    def __init__(self, args: Sequence[str]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self._process.stdout is not None
        self.path = self._process.stdout.readline().strip()
        if not self.path:
            self.close()
            raise RuntimeError(f"the peer {' '.join(args)} printed no device path")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> PeerProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
