"""The C header a firmware builds against: ``mesogun_protocol.h``, generated from the message table.

It holds the protocol constants, the schema hash, message ids, enumerations and one packed struct per
payload. A payload with text or bytes in the middle (HelloReply) cannot be one struct: it gets one
struct per run of fixed-size fields (``_part1``, ``_part2``…), with the variable fields between them
described in comments.
"""

from __future__ import annotations

import re
import textwrap

from firmware_protocol import constants
from firmware_protocol.enums import ALARM_PRIORITY, BLOCKING_ALARMS, WIRE_ENUMS, AlarmCode, alarm_mask
from firmware_protocol.field_docs import ENUM_DOCS
from firmware_protocol.framing import (
    CRC_SIZE,
    FLAG_RETRANSMIT,
    HEADER_SIZE,
    MAX_BODY,
    MAX_ENCODED,
    MAX_PAYLOAD,
)
from firmware_protocol.layout import FieldLayout, field_layouts, is_fixed, payload_size_range, record_size
from firmware_protocol.messages import (
    MESSAGES,
    NO_FIELD,
    PROTOCOL_VERSION,
    REPLY_OF,
    RESPONSE_BIT,
    ErrorDetail,
    Kind,
    TelemetrySample,
    message_spec,
)
from firmware_protocol.schema import SCHEMA_HASH
from firmware_protocol.wire_types import Array, Blob, Int, Text

HEADER_NAME = "mesogun_protocol.h"


def snake(name: str) -> str:
    """``HelloReply`` → ``hello_reply``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


_ASCII = str.maketrans({"µ": "u", "≥": ">=", "≤": "<=", "×": "x", "…": "...", "é": "e", "→": "->", "Σ": "S"})


def ascii_text(text: str) -> str:
    """``text`` with the few non-ASCII signs of our docs spelled in ASCII (C sources stay ASCII)."""
    return text.translate(_ASCII).encode("ascii", "replace").decode("ascii")


def _comment(layout: FieldLayout, offset: int) -> str:
    parts = [f"@{offset}"]
    if layout.unit:
        parts.append(layout.unit)
    if layout.range:
        parts.append(f"[{layout.range}]")
    if layout.meaning:
        parts.append(layout.meaning)
    return "/* " + ascii_text(" ".join(parts)).replace("*/", "* /") + " */"


def _member_lines(layout: FieldLayout, offset: int) -> list[str]:
    name, wire = layout.name, layout.wire
    if isinstance(wire, Int):
        return [f"    {wire.c_type}_t {name}; {_comment(layout, offset)}"]
    if isinstance(wire, Text):
        return [
            f"    uint8_t {name}_len; {_comment(layout, offset)}",
            f"    char {name}[{wire.max_bytes}]; /* UTF-8, {name}_len bytes sent, no terminator */",
        ]
    if isinstance(wire, Blob):
        return [
            f"    uint8_t {name}_len; {_comment(layout, offset)}",
            f"    uint8_t {name}[{wire.max_bytes}]; /* {name}_len bytes sent */",
        ]
    item = f"mg_{snake(wire.item.__name__)}_t"
    return [
        f"    uint8_t {name}_count; {_comment(layout, offset)}",
        f"    {item} {name}[{wire.max_items}]; /* {name}_count records sent */",
    ]


def _struct(type_name: str, layouts: list[FieldLayout], size_check: int | None) -> list[str]:
    lines = ["typedef struct MG_PACKED {"]
    start = layouts[0].base_offset
    for layout in layouts:
        lines += _member_lines(layout, layout.base_offset - start)
    lines.append(f"}} {type_name};")
    if size_check is not None:
        lines.append(f'MG_STATIC_ASSERT(sizeof({type_name}) == {size_check}, "{type_name} has padding");')
    return lines


def _payload(cls: type) -> list[str]:
    """Struct(s) and size macros of one message, reply or record."""
    name = snake(cls.__name__)
    macro = name.upper()
    doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
    low, high = payload_size_range(cls)
    lines = [f"/* {cls.__name__}: {ascii_text(doc)} */"]
    layouts = field_layouts(cls)
    if not layouts:
        return [*lines, f"#define MG_{macro}_SIZE 0u", ""]
    if is_fixed(cls):
        return [*lines, *_struct(f"mg_{name}_t", layouts, high), f"#define MG_{macro}_SIZE {high}u", ""]
    variable = [i for i, layout in enumerate(layouts) if not isinstance(layout.wire, Int)]
    if variable == [len(layouts) - 1]:
        # Only the last field varies: one struct, of which the wire carries a prefix.
        lines += _struct(f"mg_{name}_t", layouts, high)
        return [*lines, f"#define MG_{macro}_MIN_SIZE {low}u", f"#define MG_{macro}_MAX_SIZE {high}u", ""]
    order = textwrap.wrap(", ".join(layout.name for layout in layouts), 96)
    lines += [
        "/* Not one struct: text or bytes sit between fixed fields. Sent in this order:",
        *(f" * {line}" for line in order),
        " */",
    ]
    part = 0
    run: list[FieldLayout] = []
    for layout in [*layouts, None]:
        if layout is not None and isinstance(layout.wire, Int):
            run.append(layout)
            continue
        if run:
            part += 1
            lines += _struct(f"mg_{name}_part{part}_t", run, sum(_max_bytes(r) for r in run))
            run = []
        if layout is not None:
            lines += [f"/* then {layout.name}: uint8_t length + up to {_max_bytes(layout)} bytes */"]
    return [*lines, f"#define MG_{macro}_MIN_SIZE {low}u", f"#define MG_{macro}_MAX_SIZE {high}u", ""]


def _max_bytes(layout: FieldLayout) -> int:
    wire = layout.wire
    if isinstance(wire, Text | Blob):
        return wire.max_bytes
    if isinstance(wire, Array):
        return wire.max_items * record_size(wire.item)
    return wire.size


def _define(name: str, value: int, comment: str = "", hex_digits: int = 0) -> str:
    text = f"0x{value:0{hex_digits}X}u" if hex_digits else (f"{value}u" if value >= 0 else f"({value})")
    line = f"#define MG_{name} {text}"
    return f"{line:<48} /* {ascii_text(comment)} */" if comment else line


def header_text() -> str:
    """The complete text of ``mesogun_protocol.h``."""
    out: list[str] = [
        f"/* {HEADER_NAME}: the mesogun injector wire protocol, version {PROTOCOL_VERSION}.",
        " *",
        " * Generated by `python -m firmware_protocol.docgen` from the message table; do not edit.",
        " * The protocol is specified in PROTOCOL.md beside this file.",
        " *",
        " * Every multi-byte integer on the wire is little-endian. The packed structs below match the",
        " * payload layout byte for byte on a little-endian CPU; on a big-endian one, (de)serialise field",
        " * by field with the offsets given in the comments (@offset within the payload).",
        " */",
        "#ifndef MESOGUN_PROTOCOL_H",
        "#define MESOGUN_PROTOCOL_H",
        "",
        "#include <stdint.h>",
        "",
        "#if defined(__GNUC__) || defined(__clang__)",
        "#define MG_PACKED __attribute__((packed))",
        "#elif !defined(MG_PACKED)",
        '#error "define MG_PACKED so that structs have no padding"',
        "#endif",
        "#if defined(__cplusplus)",
        "#define MG_STATIC_ASSERT(cond, msg) static_assert(cond, msg)",
        "#else",
        "#define MG_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)",
        "#endif",
        "",
        "/* ---------------------------------------------------------------- identity */",
        _define("PROTOCOL_VERSION", PROTOCOL_VERSION, "header byte 0 and Hello.protocol_version"),
        _define("SCHEMA_HASH", SCHEMA_HASH, "CRC-32 of the canonical schema text", 8),
        "",
        "/* ---------------------------------------------------------------- framing */",
        _define("FRAME_DELIMITER", 0, "ends every frame; never inside one (COBS)", 2),
        _define("HEADER_SIZE", HEADER_SIZE, "version, type, flags, seq (uint16)"),
        _define("CRC_SIZE", CRC_SIZE, "CRC-16 after the payload, little-endian"),
        _define("MAX_BODY", MAX_BODY, "header + payload + CRC, before COBS"),
        _define("MAX_PAYLOAD", MAX_PAYLOAD, "payload bytes in one frame"),
        _define("MAX_ENCODED", MAX_ENCODED, "COBS-encoded body, delimiter excluded"),
        _define("FLAG_RETRANSMIT", FLAG_RETRANSMIT, "flags bit 0: same request sent again", 2),
        _define("RESPONSE_BIT", RESPONSE_BIT, "type of a response = request type | this", 2),
        _define("NO_FIELD", NO_FIELD, "ErrorDetail.field_index when no field is at fault"),
        _define("CRC16_POLY", 0x1021, "CRC-16/CCITT-FALSE: poly, no reflection", 4),
        _define("CRC16_INIT", 0xFFFF, "initial value; no final xor", 4),
        _define("CRC16_CHECK", 0x29B1, 'CRC of the 9 ASCII bytes "123456789"', 4),
        "",
        "/* ---------------------------------------------------------------- timing and limits */",
    ]
    for constant in constants.CONSTANTS:
        unit = f" ({constant.unit})" if constant.unit else ""
        out.append(_define(constant.name, constant.value, constant.meaning + unit))
    out += ["", "/* ---------------------------------------------------------------- enumerations */"]
    for enum_cls in WIRE_ENUMS:
        prefix = f"MG_{snake(enum_cls.__name__).upper()}_"
        out.append("typedef enum {")
        for member in enum_cls:
            entry = f"    {prefix}{member.name} = {int(member)},"
            meaning = ascii_text(ENUM_DOCS.get(f"{enum_cls.__name__}.{member.name}", ""))
            out.append(f"{entry:<48} /* {meaning} */")
        out += [f"}} mg_{snake(enum_cls.__name__)}_t;", ""]
    priorities = " \\\n    ".join(f"MG_ALARM_PRIORITY_{ALARM_PRIORITY[code].name}," for code in AlarmCode)
    out += [
        "#define MG_ALARM_BIT(code) (1ul << (code))",
        _define("BLOCKING_ALARMS_MASK", alarm_mask(BLOCKING_ALARMS), "alarms that block ARM and FIRE", 8),
        "/* Priority of each alarm, indexed by mg_alarm_code_t. */",
        f"#define MG_ALARM_PRIORITY_TABLE {{ \\\n    {priorities} \\\n}}",
        "",
        "/* ---------------------------------------------------------------- message types */",
    ]
    for cls in MESSAGES:
        spec = message_spec(cls)
        direction = "device -> host" if spec.kind in (Kind.EVENT, Kind.STREAM) else "host -> device"
        out.append(
            _define(f"MSG_{snake(spec.name).upper()}", spec.msg_id, f"{spec.kind.value}, {direction}", 2)
        )
    actions = [
        f"(t) == MG_MSG_{snake(message_spec(cls).name).upper()}"
        for cls in MESSAGES
        if message_spec(cls).kind is Kind.ACTION
    ]
    out += [
        "/* ACTION requests: executed at most once, their responses cached (see PROTOCOL.md). */",
        "#define MG_MSG_IS_ACTION(t) (" + " || \\\n    ".join(actions) + ")",
        "",
        "/* ---------------------------------------------------------------- payloads */",
        "/* A response's payload is one status byte (mg_status_t), then the reply struct when the status",
        " * is MG_STATUS_OK, else an mg_error_detail_t. */",
        "",
    ]
    seen: set[type] = set()
    for cls in (ErrorDetail, TelemetrySample, *MESSAGES):
        for payload_cls in (cls, REPLY_OF.get(cls)):
            if payload_cls is not None and payload_cls not in seen:
                seen.add(payload_cls)
                out += _payload(payload_cls)
    out += ["#endif /* MESOGUN_PROTOCOL_H */", ""]
    return "\n".join(out)
