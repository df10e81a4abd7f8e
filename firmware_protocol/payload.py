"""Message and record instances ⇄ payload bytes, driven by the field annotations of the message table.

Each class is compiled once into a plan: runs of consecutive integer fields become one precompiled
:class:`struct.Struct` read by one precompiled getter, so a message is packed and unpacked a run at a
time, not a field at a time. The per-field wire types stay the reference: when a fast pack fails, the
field-by-field path runs to name the offending field. Decoding fills a message's fields directly
(the message classes are frozen dataclasses with no ``__post_init__``): a generated ``__init__`` sets
each field through ``object.__setattr__``, which costs more than the unpacking itself.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
import struct
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from firmware_protocol.framing import FrameError
from firmware_protocol.wire_types import Array, Blob, Int, Text, WireType, WireTypeError


class DecodeError(ValueError):
    """A valid frame whose payload does not match its message type. The only error decoding raises."""


@dataclass(frozen=True)
class _IntRun:
    """Consecutive integer fields, packed with one struct."""

    names: tuple[str, ...]
    wires: tuple[Int, ...]
    packer: struct.Struct
    getter: Callable[[object], Any]  # the run's values of a message (a tuple, or one value)


_Step = _IntRun | tuple[str, Text | Blob | Array]


@dataclass(frozen=True)
class _Plan:
    fields: tuple[tuple[str, WireType], ...]
    steps: tuple[_Step, ...]
    whole: _IntRun | None  # the whole class when it is integers only (most messages, array items)

    @property
    def record(self) -> struct.Struct | None:
        return None if self.whole is None else self.whole.packer


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        # Compiled once per class: the annotations never change after import.
        plan = _PLANS[cls] = _compile(cls)
    return plan


def _compile(cls: type) -> _Plan:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: list[tuple[str, WireType]] = []
    for item in dataclasses.fields(cls):
        metadata = getattr(hints[item.name], "__metadata__", ())
        wire = next((entry for entry in metadata if isinstance(entry, Int | Text | Blob | Array)), None)
        if wire is None:
            raise TypeError(f"{cls.__name__}.{item.name} has no wire type")
        fields.append((item.name, wire))
    steps: list[_Step] = []
    run: list[tuple[str, Int]] = []

    def close_run() -> None:
        if run:
            fmt = "<" + "".join(wire.fmt for _, wire in run)
            names = tuple(n for n, _ in run)
            steps.append(
                _IntRun(names, tuple(w for _, w in run), struct.Struct(fmt), operator.attrgetter(*names))
            )
            run.clear()

    for name, wire in fields:
        if isinstance(wire, Int):
            run.append((name, wire))
        else:
            close_run()
            steps.append((name, wire))
    close_run()
    whole = steps[0] if len(steps) == 1 and isinstance(steps[0], _IntRun) else None
    return _Plan(tuple(fields), tuple(steps), whole)


def wire_fields(cls: type) -> tuple[tuple[str, WireType], ...]:
    """(name, wire type) of each field of a message or record class, in wire order."""
    return _plan(cls).fields


# ---------------------------------------------------------------- encoding


def encode_body(message: object) -> bytes:
    """Payload bytes of a message or record instance. Raises FrameError naming a field that does not fit."""
    cls = type(message)
    plan = _PLANS.get(cls) or _plan(cls)
    if plan.whole is not None:
        return _encode_int_run(cls, plan.whole, message)
    out = bytearray()
    for step in plan.steps:
        if isinstance(step, _IntRun):
            out += _encode_int_run(cls, step, message)
            continue
        name, wire = step
        try:
            out += _encode_variable(wire, getattr(message, name))
        except WireTypeError as exc:
            raise FrameError(f"{cls.__name__}.{name}: {exc}") from exc
    return bytes(out)


def _encode_int_run(cls: type, run: _IntRun, message: object) -> bytes:
    got = run.getter(message)
    values = got if len(run.names) > 1 else (got,)
    try:
        # struct would take a bool or any __index__ type; the wire types take ints only.
        for value in values:
            if type(value) is not int and not _is_plain_int(value):
                raise struct.error("not an int")
        return run.packer.pack(*values)
    except struct.error:
        _explain_int_run(cls, run, list(values))


def _is_plain_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _explain_int_run(cls: type, run: _IntRun, values: list[Any]) -> typing.NoReturn:
    for name, wire, value in zip(run.names, run.wires, values, strict=True):
        try:
            wire.encode(value)
        except WireTypeError as exc:
            raise FrameError(f"{cls.__name__}.{name}: {exc}") from exc
    raise FrameError(f"{cls.__name__}: fields {', '.join(run.names)} cannot be packed")


def _encode_variable(wire: Text | Blob | Array, value: Any) -> bytes:
    if not isinstance(wire, Array):
        return wire.encode(value)
    # The checks and the flattening run as C loops (map, chain): a telemetry batch is 20 records.
    count = len(value) if isinstance(value, tuple | list) else -1
    if count < 0 or not all(map(isinstance, value, itertools.repeat(wire.item, count))):
        raise WireTypeError(f"expected a sequence of {wire.item.__name__}")
    if count > wire.max_items:
        raise WireTypeError(f"{count} items exceed {wire.max_items}")
    whole = _plan(wire.item).whole
    if whole is not None and len(whole.names) > 1:
        flat = list(itertools.chain.from_iterable(map(whole.getter, value)))
        if set(map(type, flat)) <= _INT_ONLY:
            try:
                return _records_struct(whole, count).pack(count, *flat)
            except struct.error:
                pass  # the item by item path names the field that does not fit
    return bytes([count]) + b"".join(encode_body(item) for item in value)


_INT_ONLY = frozenset({int})  # struct would take a bool or any __index__ type; the wire takes ints
_RECORDS: dict[tuple[str, int], struct.Struct] = {}


def _records_struct(whole: _IntRun, count: int) -> struct.Struct:
    """One struct for the count byte and ``count`` consecutive records of ``whole`` (a telemetry
    batch in one pack)."""
    key = (whole.packer.format, count)
    packer = _RECORDS.get(key)
    if packer is None:
        packer = _RECORDS[key] = struct.Struct("<B" + whole.packer.format.lstrip("<") * count)
    return packer


# ---------------------------------------------------------------- decoding


def _decode_fields(cls: type, data: bytes, offset: int) -> tuple[object, int]:
    plan = _PLANS.get(cls) or _plan(cls)
    whole = plan.whole
    if whole is not None and offset + whole.packer.size <= len(data):
        # Integers only (most messages): one unpack, no loop.
        instance = _construct(cls, {})
        instance.__dict__.update(zip(whole.names, whole.packer.unpack_from(data, offset), strict=True))
        return instance, offset + whole.packer.size
    values: dict[str, Any] = {}
    for step in plan.steps:
        if isinstance(step, _IntRun):
            end = offset + step.packer.size
            if end > len(data):
                raise WireTypeError(f"payload ends inside {_field_at(step, len(data) - offset)}")
            values.update(zip(step.names, step.packer.unpack_from(data, offset), strict=True))
            offset = end
        else:
            name, wire = step
            if isinstance(wire, Array):
                values[name], offset = _decode_array(name, wire, data, offset)
            else:
                values[name], offset = wire.decode(data, offset)
    return _construct(cls, values), offset


def _construct(cls: type, values: dict[str, Any]) -> object:
    """An instance of the frozen dataclass ``cls`` holding ``values`` (every field), without ``__init__``."""
    instance: object = object.__new__(cls)
    instance.__dict__.update(values)
    return instance


def _field_at(run: _IntRun, available: int) -> str:
    """The first field of ``run`` that ``available`` bytes do not cover, for an error message."""
    covered = 0
    for name, wire in zip(run.names, run.wires, strict=True):
        covered += wire.size
        if covered > available:
            return f"{name} ({wire.c_type})"
    return run.names[-1]


def _decode_array(name: str, wire: Array, data: bytes, offset: int) -> tuple[tuple[object, ...], int]:
    if offset >= len(data):
        raise WireTypeError(f"payload ends before the count of {name}")
    count = data[offset]
    offset += 1
    if count > wire.max_items:
        raise WireTypeError(f"{name}: {count} items exceed {wire.max_items}")
    record = _plan(wire.item).record
    if record is not None:
        end = offset + count * record.size
        if end > len(data):
            raise WireTypeError(f"{name}: payload ends inside item {(len(data) - offset) // record.size}")
        item_cls = wire.item
        keys = tuple(field_name for field_name, _ in _plan(item_cls).fields)
        chunk = data[offset:end]
        records: list[object] = []
        for numbers in record.iter_unpack(chunk):
            record_item: object = object.__new__(item_cls)
            record_item.__dict__.update(zip(keys, numbers, strict=True))
            records.append(record_item)
        return tuple(records), end
    items: list[object] = []
    for _ in range(count):
        item, offset = _decode_fields(wire.item, data, offset)
        items.append(item)
    return tuple(items), offset


T = TypeVar("T")


def decode_body(cls: type[T], data: bytes) -> T:
    """Instance of ``cls`` from exactly ``data``. Raises :class:`DecodeError` on any mismatch."""
    try:
        message, end = _decode_fields(cls, data, 0)
    except WireTypeError as exc:
        raise DecodeError(f"{cls.__name__}: {exc}") from exc
    if end != len(data):
        raise DecodeError(f"{cls.__name__}: {len(data) - end} unexpected trailing bytes")
    if not isinstance(message, cls):  # cannot happen: _decode_fields builds a cls
        raise DecodeError(f"{cls.__name__}: decoded {type(message).__name__}")
    return message
