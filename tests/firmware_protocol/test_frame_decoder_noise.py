"""A damaged link costs the frames the damage hits and nothing more: the decoder never raises."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from protocol_strategies import messages
from vector_helpers import frame_vector, wire_bytes

from firmware_protocol import MAX_ENCODED, Frame, FrameDecoder, encode_message


def _feed_in_chunks(data: bytes, cuts: list[int]) -> tuple[list[Frame], FrameDecoder]:
    decoder = FrameDecoder()
    frames: list[Frame] = []
    start = 0
    for cut in [*sorted({c % (len(data) + 1) for c in cuts}), len(data)]:
        frames += decoder.feed(data[start:cut])
        start = cut
    return frames, decoder


def _wires(batch: list[Any]) -> list[bytes]:
    return [encode_message(message, seq) for seq, message in enumerate(batch)]


@given(noise=st.binary(max_size=1200), cuts=st.lists(st.integers(0, 2000), max_size=6))
def test_random_bytes_never_raise_and_every_block_is_counted_once(noise: bytes, cuts: list[int]) -> None:
    frames, decoder = _feed_in_chunks(noise, cuts)
    assert decoder.stats.bytes_in == len(noise)
    assert decoder.stats.frames_ok == len(frames)
    # Every non-empty block ended by a delimiter is one valid frame or one drop; an unfinished block is
    # counted only once it is known to be too long.
    *finished, unfinished = noise.split(b"\x00")
    expected = sum(1 for block in finished if block) + (len(unfinished) > MAX_ENCODED)
    assert decoder.stats.frames_ok + decoder.stats.frames_dropped == expected


@given(noise=st.binary(max_size=600), batch=st.lists(messages, min_size=2, max_size=2))
def test_after_noise_sync_is_lost_for_at_most_one_frame(noise: bytes, batch: list[Any]) -> None:
    first, second = _wires(batch)
    frames = FrameDecoder().feed(noise + first + second)
    expected_first, expected_second = (FrameDecoder().feed(wire)[0] for wire in (first, second))
    assert frames[-1] == expected_second
    if noise.endswith(b"\x00") or not noise:
        assert frames[-2:] == [expected_first, expected_second]


_MUTATIONS = ("flip", "truncate", "insert", "drop_delimiter")


@settings(derandomize=True)  # the assertions hold unless damage forges a CRC (1 in 65 536): fixed examples
@given(
    batch=st.lists(messages, min_size=3, max_size=6),
    target=st.integers(0, 5),
    mutation=st.sampled_from(_MUTATIONS),
    where=st.integers(0, 10_000),
    bit=st.integers(0, 7),
    junk=st.binary(min_size=1, max_size=40),
    cuts=st.lists(st.integers(0, 5000), max_size=8),
)
def test_a_mutated_frame_costs_at_most_itself_and_its_successor(
    batch: list[Any], target: int, mutation: str, where: int, bit: int, junk: bytes, cuts: list[int]
) -> None:
    wires = _wires(batch)
    target %= len(wires)
    damaged = bytearray(wires[target])
    position = where % len(damaged)
    if mutation == "flip":
        damaged[position] ^= 1 << bit
    elif mutation == "truncate":
        del damaged[position:]
    elif mutation == "insert":
        damaged[position:position] = junk
    else:
        del damaged[-1]
    # The idle delimiter at the end closes a damaged last frame, as the next frame's delimiter would.
    stream = b"".join(wires[:target]) + bytes(damaged) + b"".join(wires[target + 1 :]) + b"\x00"

    frames, decoder = _feed_in_chunks(stream, cuts)

    originals = [FrameDecoder().feed(wire)[0] for wire in wires]
    assert all(frame in originals for frame in frames), "damage produced a frame that was never sent"
    spared = [frame for index, frame in enumerate(originals) if index not in (target, target + 1)]
    assert [frame for frame in frames if frame in spared] == spared
    lost = len(originals) - len(frames)
    assert lost <= 2
    if lost and damaged:  # (a frame truncated to nothing vanished: there is nothing left to count)
        assert decoder.stats.frames_dropped >= 1


@given(batch=st.lists(messages, max_size=5), cuts=st.lists(st.integers(0, 3000), max_size=10))
def test_how_bytes_are_split_into_reads_does_not_matter(batch: list[Any], cuts: list[int]) -> None:
    stream = b"".join(_wires(batch))
    whole = FrameDecoder().feed(stream)
    frames, _ = _feed_in_chunks(stream, cuts)
    assert frames == whole
    assert len(whole) == len(batch)


def test_an_oversize_run_is_dropped_once_and_the_next_frame_survives() -> None:
    good = wire_bytes(frame_vector("get_status"))
    decoder = FrameDecoder()
    frames = decoder.feed(b"\x55" * 1000)
    frames += decoder.feed(b"\x55" * 1000 + b"\x00" + good)
    assert frames == FrameDecoder().feed(good)
    assert decoder.stats.oversize == 1
    assert decoder.stats.frames_dropped == 1
