"""Hypothesis strategies that draw valid messages of the table: any value each wire type can carry."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from firmware_protocol import wire_fields
from firmware_protocol.messages import MESSAGES, ErrorDetail, message_spec
from firmware_protocol.wire_types import Blob, Int, Text, WireType


def _text(max_bytes: int) -> st.SearchStrategy[str]:
    return st.text(max_size=max_bytes).filter(lambda text: len(text.encode("utf-8")) <= max_bytes)


def value_strategy(wire: WireType) -> st.SearchStrategy[Any]:
    """Every value a field of this wire type may carry, limits included."""
    if isinstance(wire, Int):
        low, high = wire.bounds
        return st.integers(low, high)
    if isinstance(wire, Text):
        return _text(wire.max_bytes)
    if isinstance(wire, Blob):
        return st.binary(max_size=wire.max_bytes)
    return st.lists(instance_strategy(wire.item), max_size=wire.max_items).map(tuple)


def instance_strategy(cls: type) -> st.SearchStrategy[Any]:
    """Instances of a message, reply or record class with random valid field values."""
    return st.builds(cls, **{name: value_strategy(wire) for name, wire in wire_fields(cls)})


#: Any request, event or telemetry message of the table.
messages = st.sampled_from(MESSAGES).flatmap(instance_strategy)

#: Request classes (each has a response).
request_classes = st.sampled_from([cls for cls in MESSAGES if message_spec(cls).is_request])

error_details = instance_strategy(ErrorDetail)
sequence_numbers = st.integers(0, 0xFFFF)
