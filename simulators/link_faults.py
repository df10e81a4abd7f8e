"""Link noise at frame granularity: corrupted, dropped, duplicated, delayed and split frames.

A :class:`FaultInjector` sits on one direction of a link. It cuts the byte stream at the 0x00 frame
delimiters and decides, per frame and with its own seeded random generator, what the wire does to it.
The output is a list of ``(deliver_at_s, chunk)`` on the wall clock; the receiving pipe keeps them in
order, so a delayed frame holds back the ones behind it (a serial line never reorders).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

DELIMITER = b"\x00"
SPLIT_PAUSE_S = 0.005  # pause between the two halves of a split frame


@dataclass(frozen=True)
class LinkFaults:
    """Probabilities (0..1) of each fault per frame, applied to both directions of the link."""

    corrupt: float = 0.0  # flip one byte (the receiver's CRC check must drop the frame)
    drop: float = 0.0  # the frame vanishes
    duplicate: float = 0.0  # the frame arrives twice
    delay: float = 0.0  # the frame (and everything behind it) is held for ``delay_s``
    delay_s: float = 0.05  # wall-clock seconds a delayed frame is held
    split: float = 0.0  # the frame arrives in two chunks with a short pause between them
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("corrupt", "drop", "duplicate", "delay", "split"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"link fault {name} = {value!r} is out of range (allowed 0.0–1.0)")
        if not 0.0 <= self.delay_s <= 10.0:
            raise ValueError(f"link fault delay_s = {self.delay_s!r} s is out of range (allowed 0.0–10.0 s)")

    @property
    def any(self) -> bool:
        """True when at least one fault has a non-zero probability."""
        return any((self.corrupt, self.drop, self.duplicate, self.delay, self.split))

    @classmethod
    def parse(cls, spec: str) -> LinkFaults:
        """Faults from ``"corrupt=0.01,drop=0.01,delay=0.1,delay_s=0.2,seed=3"`` (empty: none)."""
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, float | int] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, sep, text = item.partition("=")
            name = name.strip()
            if not sep or name not in known:
                raise ValueError(f"link fault {item!r} is not NAME=VALUE with NAME one of {sorted(known)}")
            try:
                values[name] = int(text) if name == "seed" else float(text)
            except ValueError:
                raise ValueError(f"link fault {name} = {text!r} is not a number") from None
        return cls(**values)  # type: ignore[arg-type]  # names and types checked above


class FaultInjector:
    """Applies :class:`LinkFaults` to one direction of a link, frame by frame."""

    def __init__(self, faults: LinkFaults, stream: int) -> None:
        self._faults = faults
        # Each direction draws from its own generator so the two never mirror each other.
        self._rng = random.Random(faults.seed * 2 + stream)
        self._partial = bytearray()
        self.counts = {"corrupt": 0, "drop": 0, "duplicate": 0, "delay": 0, "split": 0}

    @property
    def faults(self) -> LinkFaults:
        return self._faults

    def process(self, data: bytes, now_s: float) -> list[tuple[float, bytes]]:
        """Chunks to deliver, each with its wall-clock delivery time, for ``data`` written at ``now_s``."""
        if not self._faults.any and not self._partial:
            return [(now_s, data)] if data else []
        out: list[tuple[float, bytes]] = []
        self._partial += data
        while True:
            end = self._partial.find(DELIMITER)
            if end < 0:
                break
            frame = bytes(self._partial[: end + 1])
            del self._partial[: end + 1]
            out.extend(self._frame(frame, now_s))
        return out

    def _frame(self, frame: bytes, now_s: float) -> list[tuple[float, bytes]]:
        faults, rng = self._faults, self._rng
        if len(frame) <= 1:
            return [(now_s, frame)]  # idle filler
        if rng.random() < faults.drop:
            self.counts["drop"] += 1
            return []
        if rng.random() < faults.corrupt:
            self.counts["corrupt"] += 1
            damaged = bytearray(frame)
            index = rng.randrange(len(frame) - 1)  # never the delimiter: the damage stays in one frame
            damaged[index] ^= rng.randrange(1, 256)
            if damaged[index] == 0:
                damaged[index] = 0xFF
            frame = bytes(damaged)
        at = now_s
        if rng.random() < faults.delay:
            self.counts["delay"] += 1
            at += faults.delay_s
        copies = 1
        if rng.random() < faults.duplicate:
            self.counts["duplicate"] += 1
            copies = 2
        out: list[tuple[float, bytes]] = []
        for _ in range(copies):
            if rng.random() < faults.split and len(frame) > 2:
                self.counts["split"] += 1
                cut = rng.randrange(1, len(frame) - 1)
                out.append((at, frame[:cut]))
                out.append((at + SPLIT_PAUSE_S, frame[cut:]))
            else:
                out.append((at, frame))
        return out
