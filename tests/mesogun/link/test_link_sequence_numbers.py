"""Sequence numbers on the wire: a connection counts on from its HELLO (PROTOCOL.md section 5.1)."""

from __future__ import annotations

import logging

import pytest
from link_bench import Bench

from firmware_protocol import FrameDecoder
from firmware_protocol.codec import msg_id
from firmware_protocol.messages import Hello


def _sent_frames(caplog: pytest.LogCaptureFixture) -> list[tuple[int, int]]:
    """(type, seq) of every frame the host wrote, from the transport's debug log of the wire."""
    sent = []
    for record in caplog.records:
        if record.name == "mesogun.link.wire" and record.msg == "-> %s":
            for frame in FrameDecoder().feed(bytes.fromhex(str(record.args[0]))):  # type: ignore[index]
                sent.append((frame.msg_type, frame.seq))
    return sent


def test_the_requests_after_hello_count_on_from_its_sequence_number(
    url_bench: Bench, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="mesogun.link.wire")
    gun = url_bench.open()
    gun.status()
    gun.status()
    sent = _sent_frames(caplog)
    hellos = [seq for msg_type, seq in sent if msg_type == msg_id(Hello)]
    after = [seq for msg_type, seq in sent if msg_type != msg_id(Hello)]
    assert len(set(hellos)) == 1  # a HELLO sent again keeps its number
    assert after[:2] == [(hellos[0] + 1) & 0xFFFF, (hellos[0] + 2) & 0xFFFF]
