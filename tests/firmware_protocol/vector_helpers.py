"""Load ``firmware_protocol/vectors.json`` and turn its entries into messages and bytes.

For any byte-level test (codec, simulator, host link). From a test module elsewhere in ``tests/``::

    from tests.firmware_protocol.vector_helpers import frame_vector, message_from_vector, wire_bytes

(``python -m pytest`` puts the project root on ``sys.path``; this directory is a namespace package.)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import firmware_protocol
from firmware_protocol import Packet, Response, Status, encode_message, encode_response
from firmware_protocol.messages import MESSAGES, ErrorDetail, message_spec
from firmware_protocol.wire_types import Array, Blob

VECTORS_PATH = Path(firmware_protocol.__file__).resolve().parent / "vectors.json"

#: The drop reasons of the invalid vectors and the FrameStats counter each one increments.
DROP_COUNTERS = {"crc": "crc_errors", "cobs": "cobs_errors", "oversize": "oversize", "runt": "runt"}


@cache
def load_vectors() -> dict[str, Any]:
    """The whole file, parsed once."""
    data: dict[str, Any] = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    return data


def frame_vectors() -> list[dict[str, Any]]:
    """The valid frames, in file order."""
    frames: list[dict[str, Any]] = load_vectors()["frames"]
    return frames


def invalid_vectors() -> list[dict[str, Any]]:
    """The frames a receiver must reject."""
    invalid: list[dict[str, Any]] = load_vectors()["invalid"]
    return invalid


def frame_vector(name: str) -> dict[str, Any]:
    """One valid frame by name (``"configure"``, ``"shot_event"``…). Raises KeyError if absent."""
    for vector in frame_vectors():
        if vector["name"] == name:
            return vector
    raise KeyError(f"no frame vector named {name!r}")


def wire_bytes(vector: dict[str, Any]) -> bytes:
    """The bytes on the wire, delimiter included."""
    return bytes.fromhex(vector["hex"])


def message_class(name: str) -> type:
    """A message, reply or record class of the table by its name."""
    for cls in MESSAGES:
        spec = message_spec(cls)
        for candidate in (cls, spec.reply):
            if candidate is not None and candidate.__name__ == name:
                return candidate
    if name == ErrorDetail.__name__:
        return ErrorDetail
    raise KeyError(f"no message class named {name!r}")


def build(cls: type, fields: dict[str, Any]) -> Any:
    """An instance of ``cls`` from the JSON field values of a vector (bytes as hex, arrays as lists)."""
    values: dict[str, Any] = {}
    for name, wire in firmware_protocol.wire_fields(cls):
        value = fields[name]
        if isinstance(wire, Array):
            value = tuple(build(wire.item, item) for item in value)
        elif isinstance(wire, Blob):
            value = bytes.fromhex(value)
        values[name] = value
    if set(fields) != set(values):
        raise ValueError(f"{cls.__name__}: vector fields {sorted(fields)} differ from {sorted(values)}")
    return cls(**values)


def message_from_vector(vector: dict[str, Any]) -> Any:
    """The message a frame carries: the request, event or telemetry batch; for a response, its OK body
    or its ErrorDetail (None for an OK response with an empty body)."""
    decoded = vector["decoded"]
    if decoded["body"] is None:
        return None
    return build(message_class(decoded["body"]), decoded["fields"])


def expected_decoding(vector: dict[str, Any]) -> Packet | Response:
    """What ``decode_frame`` must return for the vector's frame."""
    decoded = vector["decoded"]
    message = message_from_vector(vector)
    if decoded["kind"] != "response":
        return Packet(decoded["seq"], decoded["retransmit"], message)
    status = Status[decoded["status"]]
    request_type = message_class(decoded["type"])
    if status == Status.OK:
        return Response(decoded["seq"], request_type, status, message, None)
    return Response(decoded["seq"], request_type, status, None, message)


def encode_vector(vector: dict[str, Any]) -> bytes:
    """The frame rebuilt with the codec from the vector's decoded view."""
    expected = expected_decoding(vector)
    if isinstance(expected, Packet):
        return encode_message(expected.message, expected.seq, retransmit=expected.retransmit)
    return encode_response(
        expected.request_type, expected.seq, expected.status, expected.body, expected.error
    )
