"""Codec benchmark: frames per second encoded and decoded, against bare CRC + COBS on the same bytes.

For a short frame (a ~32-byte CALIBRATION event) and a telemetry frame (20 samples: one 1 kHz batch),
prints frames/s for
- encode: ``encode_message`` (field packing, header, CRC, COBS, delimiter);
- decode: ``FrameDecoder.feed`` on a stream of such frames, then ``decode_frame`` on each;
- the floor: ``binascii.crc_hqx`` + COBS of the very same body (encode), COBS decode + CRC check (decode);
and the ratio codec / floor (how much the message layer costs on top of the framing itself).
Compare ratios measured in one run, not absolute figures across machines.

Usage: ``python benchmarks/codec_benchmark.py [--frames 20000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import binascii
import statistics
import time
from collections.abc import Callable

from firmware_protocol import FrameDecoder, decode_frame, encode_message
from firmware_protocol.cobs import cobs_decode, cobs_encode
from firmware_protocol.messages import CalibrationEvent, Telemetry, TelemetrySample

SHORT = CalibrationEvent(49, 1_741_944_611_000, 7, 10_600, -20)
TELEMETRY = Telemetry(
    120_000, 1_741_944_603_000, 1_000, tuple(TelemetrySample(1_000 + i, 31_000, 120) for i in range(20))
)


def _rate(action: Callable[[], int], repeat: int) -> float:
    """Frames per second of ``action`` (which returns how many frames it handled): median of runs."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        count = action()
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates)


def _measure(name: str, message: object, frames: int, repeat: int) -> None:
    wire = encode_message(message, 0x1234)
    body = cobs_decode(wire[:-1])[:-2]  # header + payload: what both paths put a CRC on
    stream = wire * frames

    def codec_encode() -> int:
        for seq in range(frames):
            encode_message(message, seq)
        return frames

    def floor_encode() -> int:
        for _ in range(frames):
            crc = binascii.crc_hqx(body, 0xFFFF)
            cobs_encode(body + crc.to_bytes(2, "little")) + b"\x00"
        return frames

    def codec_decode() -> int:
        decoded = [decode_frame(frame) for frame in FrameDecoder().feed(stream)]
        assert len(decoded) == frames
        return frames

    encoded = wire[:-1]

    def floor_decode() -> int:
        for _ in range(frames):
            raw = cobs_decode(encoded)
            assert binascii.crc_hqx(raw[:-2], 0xFFFF) == int.from_bytes(raw[-2:], "little")
        return frames

    results = {
        label: _rate(action, repeat)
        for label, action in (
            ("encode", codec_encode),
            ("encode floor", floor_encode),
            ("decode", codec_decode),
            ("decode floor", floor_decode),
        )
    }
    print(f"{name} ({len(wire)} bytes on the wire, {len(body) - 5} bytes of payload)")
    for step in ("encode", "decode"):
        codec, floor = results[step], results[f"{step} floor"]
        print(
            f"  {step}: {codec:>10,.0f} frames/s   crc_hqx + COBS alone: {floor:>10,.0f} frames/s   "
            f"ratio {floor / codec:.2f}× slower"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--frames", type=int, default=20_000, help="frames per timed run")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median reported)")
    args = parser.parse_args()
    _measure("short frame: CALIBRATION event", SHORT, args.frames, args.repeat)
    _measure("telemetry frame: 20 samples", TELEMETRY, args.frames // 4, args.repeat)


if __name__ == "__main__":
    main()
