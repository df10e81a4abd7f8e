"""Codec benchmark: frames per second encoded and decoded, against bare CRC + COBS on the same bytes and
against pymavlink on MAVLink 2 messages of the same size.

For a SHOT event frame (46 bytes on the wire) and a telemetry frame (20 samples: one 1 kHz batch,
146 bytes), prints frames/s for
- encode: ``encode_message`` (field packing, header, CRC, COBS, delimiter);
- decode: ``FrameDecoder.feed`` on a stream of such frames, then ``decode_frame`` on each; for
  telemetry also ``decode_telemetry_columns`` (one array per channel, the host's own path);
- the floor: ``binascii.crc_hqx`` + COBS of the very same body (encode), COBS decode + CRC check (decode);
- pymavlink (when installed: ``pip install -e '.[bench]'``): ``MAVLink_message.pack`` and
  ``MAVLink.parse_buffer`` on a SYS_STATUS message (13 fields, 43 bytes on the wire) and on a
  DEBUG_FLOAT_ARRAY message carrying 30 values (152 bytes), MAVLink 2;
and the ratios, each the median over rounds of the ratio within a round (the contenders run back to
back in every round). Compare ratios measured in one run, not absolute figures across machines.

Usage: ``python benchmarks/codec_benchmark.py [--frames 5000] [--repeat 21]``
"""

from __future__ import annotations

import argparse
import binascii
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench_common import load_average, table

from firmware_protocol import FrameDecoder, decode_frame, encode_message
from firmware_protocol.cobs import cobs_decode, cobs_encode
from firmware_protocol.columns import decode_telemetry_columns
from firmware_protocol.messages import ShotEvent, Telemetry, TelemetrySample

SHOT = ShotEvent(1, 1_741_944_611_000, 7, 0, 1500, 1480, 20_000, 20_130, 50_000, 0, 0, 9_980_000)
TELEMETRY = Telemetry(
    120_000, 1_741_944_603_000, 1_000, tuple(TelemetrySample(1_000 + i, 31_000, 120) for i in range(20))
)

Action = Callable[[], int]  # handles some frames, returns how many


def _mavlink() -> Any:
    try:
        from pymavlink.dialects.v20 import common
    except ImportError:
        return None
    return common


def _contenders(message: object, frames: int, mavlink: Any, mavlink_kind: str) -> dict[str, Action]:
    wire = encode_message(message, 0x1234)
    body = cobs_decode(wire[:-1])[:-2]  # header + payload: what both paths put a CRC on
    stream = wire * frames
    encoded = wire[:-1]

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

    def floor_decode() -> int:
        for _ in range(frames):
            raw = cobs_decode(encoded)
            assert binascii.crc_hqx(raw[:-2], 0xFFFF) == int.from_bytes(raw[-2:], "little")
        return frames

    actions: dict[str, Action] = {
        "encode": codec_encode,
        "encode floor": floor_encode,
        "decode": codec_decode,
        "decode floor": floor_decode,
    }
    if isinstance(message, Telemetry):

        def columns_decode() -> int:
            decoded = [decode_telemetry_columns(frame) for frame in FrameDecoder().feed(stream)]
            assert len(decoded) == frames
            return frames

        actions["decode to arrays"] = columns_decode
    if mavlink is not None:
        sender = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
        if mavlink_kind == "shot":
            mav_message = sender.sys_status_encode(0x1FF, 0x1FF, 0x1F, 500, 11_800, -1, 87, 0, 0, 12, 0, 0, 0)
        else:
            values = [float(i + 1) for i in range(30)] + [0.0] * 28
            mav_message = sender.debug_float_array_encode(1_741_944_603_000_000, b"telemetry", 7, values)
        mav_stream = mav_message.pack(sender) * frames

        def mavlink_encode() -> int:
            for _ in range(frames):
                mav_message.pack(sender)
            return frames

        def mavlink_decode() -> int:
            decoded = mavlink.MAVLink(None).parse_buffer(mav_stream)
            assert decoded is not None and len(decoded) == frames
            return frames

        actions["pymavlink encode"] = mavlink_encode
        actions["pymavlink decode"] = mavlink_decode
    return actions


def _rounds(actions: dict[str, Action], repeat: int) -> dict[str, list[float]]:
    """Frames per second of each action in each of ``repeat`` rounds; within a round the contenders
    run back to back, so that a ratio taken within one round compares them under the same load."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            count = action()
            samples[name].append(count / (time.perf_counter() - start))
    return samples


def _ratio(numerator: list[float], denominator: list[float]) -> float:
    """The median over rounds of the ratio of two contenders' rates."""
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--frames", type=int, default=5_000, help="frames per timed run")
    parser.add_argument("--repeat", type=int, default=21, help="rounds (medians reported)")
    args = parser.parse_args()
    print(f"Before: {load_average()}\n")
    mavlink = _mavlink()
    if mavlink is None:
        print(
            "pymavlink is not installed: the comparison with it is skipped "
            "(pip install -e '.[bench]' installs it for benchmarks).\n"
        )
    rows = []
    compared = []
    for name, message, kind, frames in (
        ("SHOT event", SHOT, "shot", args.frames),
        ("telemetry, 20 samples", TELEMETRY, "telemetry", args.frames // 4),
    ):
        rounds = _rounds(_contenders(message, frames, mavlink, kind), args.repeat)
        rates = {name: statistics.median(values) for name, values in rounds.items()}
        size = len(encode_message(message, 0x1234))
        for step in ("encode", "decode", "decode to arrays"):
            if step not in rates:
                continue
            floor_name = "encode floor" if step == "encode" else "decode floor"
            floor = rates[floor_name]
            rows.append(
                (
                    f"{name}, {size} B",
                    step,
                    f"{rates[step]:,.0f}/s",
                    f"{floor:,.0f}/s",
                    f"{_ratio(rounds[floor_name], rounds[step]):.2f}×",
                )
            )
            mavlink_name = "pymavlink encode" if step == "encode" else "pymavlink decode"
            mavlink_rate = rates.get(mavlink_name)
            if mavlink_rate is not None:
                mav_name = "SYS_STATUS, 43 B" if kind == "shot" else "DEBUG_FLOAT_ARRAY (30 values), 152 B"
                compared.append(
                    (
                        f"{name} / {mav_name}",
                        step,
                        f"{rates[step]:,.0f}/s",
                        f"{mavlink_rate:,.0f}/s",
                        f"{_ratio(rounds[step], rounds[mavlink_name]):.2f}×",
                    )
                )
    print(table(rows, ("frame", "step", "mesogun", "CRC + COBS alone", "floor / mesogun")))
    if compared:
        print()
        print(
            table(
                compared, ("frame / MAVLink 2 message", "step", "mesogun", "pymavlink", "mesogun / pymavlink")
            )
        )
    print(f"\nAfter: {load_average()}")


if __name__ == "__main__":
    main()
