"""COBS removes every zero, costs at most one byte per 254, and gives back exactly what went in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firmware_protocol.cobs import CobsError, cobs_decode, cobs_encode

# Bodies rich in zeros and in long non-zero runs, the two cases COBS treats specially.
bodies = st.one_of(
    st.binary(max_size=600),
    st.lists(st.sampled_from([b"\x00", b"\x01", b"\xff", bytes(range(1, 255))]), max_size=5).map(b"".join),
)


@given(bodies)
def test_cobs_round_trips_without_zero_bytes(data: bytes) -> None:
    encoded = cobs_encode(data)
    assert 0 not in encoded
    assert len(encoded) <= len(data) + len(data) // 254 + 1
    assert cobs_decode(encoded) == data


@given(st.binary(max_size=300))
def test_cobs_decode_of_any_bytes_returns_or_raises_cobs_error(data: bytes) -> None:
    try:
        decoded = cobs_decode(data)
    except CobsError:
        return
    assert 0 not in data
    # Valid input is our encoding of its decoding, or that encoding without a final empty block.
    assert cobs_encode(decoded) in (data, data + b"\x01")


def test_a_final_full_block_may_omit_its_empty_successor() -> None:
    run = bytes(range(1, 255))  # 254 non-zero bytes
    assert cobs_encode(run) == b"\xff" + run + b"\x01"
    assert cobs_decode(b"\xff" + run) == run  # the form other encoders produce is accepted too


@pytest.mark.parametrize(
    ("block", "why"),
    [(b"\x00\x01", "code 0"), (b"\x05\x01\x02", "code past the end"), (b"\x03\x01\x00", "zero inside")],
)
def test_malformed_blocks_are_refused(block: bytes, why: str) -> None:
    with pytest.raises(CobsError):
        cobs_decode(block)
