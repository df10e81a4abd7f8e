"""Markdown for PROTOCOL.md's reference sections: message layouts, enumerations, sizes, constants.

Each ``section_*`` function returns the text of one generated section (see :mod:`firmware_protocol.docgen`).
"""

from __future__ import annotations

from collections.abc import Sequence

from firmware_protocol import constants
from firmware_protocol.cheader import snake
from firmware_protocol.enums import (
    ALARM_PRIORITY,
    BLOCKING_ALARMS,
    SHOT_CAUSES_ONLY,
    WIRE_ENUMS,
    AlarmCode,
)
from firmware_protocol.field_docs import ENUM_DOCS
from firmware_protocol.framing import CRC_SIZE, HEADER_SIZE, MAX_BODY, MAX_ENCODED, MAX_PAYLOAD
from firmware_protocol.layout import FieldLayout, field_layouts, payload_size_range
from firmware_protocol.messages import (
    MESSAGES,
    RESPONSE_BIT,
    ErrorDetail,
    Kind,
    TelemetrySample,
    message_spec,
)
from firmware_protocol.schema import SCHEMA_HASH, canonical_text


def title(cls: type) -> str:
    """Name of a message as the prose writes it: ``GetStatus`` → ``GET_STATUS``."""
    return snake(cls.__name__).upper()


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a Markdown table (a ``|`` inside a cell is escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _size_text(cls: type) -> str:
    low, high = payload_size_range(cls)
    return f"{low}" if low == high else f"{low}..{high}"


def _bytes_text(cls: type) -> str:
    size = _size_text(cls)
    return f"{size} byte" if size == "1" else f"{size} bytes"


def _field_rows(layouts: list[FieldLayout], shift: int = 0) -> list[list[str]]:
    rows = []
    for f in layouts:
        offset = str(f.base_offset + shift) + (" + Σ" if f.after_variable else "")
        range_text = f.range or ("any" if f.wire_range else "")
        rows.append([offset, f.size, f"`{f.name}`", f.type_text, f.unit, range_text, f.meaning])
    return rows


_FIELD_HEADER = ("Offset", "Bytes", "Field", "Type", "Unit", "Range", "Meaning")


def _fields_block(cls: type, shift: int = 0, status_row: bool = False) -> list[str]:
    layouts = field_layouts(cls)
    rows = _field_rows(layouts, shift)
    if status_row:
        rows.insert(0, ["0", "1", "status", "uint8", "", "Status", "OK (0) for this body"])
    lines = markdown_table(_FIELD_HEADER, rows)
    if any(layout.after_variable for layout in layouts):
        lines.append("")
        lines.append("Σ: the content bytes of the text, byte-string and array fields before this one.")
    return lines


# ---------------------------------------------------------------- sections


def section_sizes() -> str:
    rows = [
        ["header", f"{HEADER_SIZE} (`MG_HEADER_SIZE`)"],
        ["payload", f"0 .. {MAX_PAYLOAD} (`MG_MAX_PAYLOAD`)"],
        ["body: header + payload + CRC", f"{HEADER_SIZE + CRC_SIZE} .. {MAX_BODY} (`MG_MAX_BODY`)"],
        [
            f"COBS-encoded body (overhead ≤ {MAX_ENCODED - MAX_BODY} bytes)",
            f"≤ {MAX_ENCODED} (`MG_MAX_ENCODED`)",
        ],
        ["on the wire, delimiter included", f"≤ {MAX_ENCODED + 1}"],
    ]
    largest: list[tuple[int, str]] = []
    for cls in MESSAGES:
        spec = message_spec(cls)
        largest.append((payload_size_range(cls)[1], title(cls)))
        if spec.reply is not None:
            largest.append((1 + payload_size_range(spec.reply)[1], f"{title(cls)} response"))
    largest.sort(reverse=True)
    top = ", ".join(f"{name} ({size} bytes)" for size, name in largest[:3])
    return "\n".join(
        [*markdown_table(("What", "Bytes"), rows), "", f"Every message fits; the largest payloads are {top}."]
    )


def section_constants() -> str:
    rows = [[f"`MG_{c.name}`", f"{c.value}", c.unit, c.meaning] for c in constants.CONSTANTS]
    return "\n".join(markdown_table(("Constant (C)", "Value", "Unit", "Meaning"), rows))


def section_messages() -> str:
    rows = []
    for cls in MESSAGES:
        spec = message_spec(cls)
        direction = "device → host" if spec.kind in (Kind.EVENT, Kind.STREAM) else "host → device"
        reply = "—"
        if spec.is_request:
            reply_cls = spec.reply
            reply_name = f"`{reply_cls.__name__}`" if reply_cls else "empty"
            reply = f"0x{spec.msg_id | RESPONSE_BIT:02X}: {reply_name}"
        rows.append(
            [
                f"0x{spec.msg_id:02X}",
                f"[{title(cls)}](#{title(cls).lower()})",
                spec.kind.value.upper(),
                direction,
                _size_text(cls),
                reply,
            ]
        )
    lines = markdown_table(
        ("Type", "Message", "Kind", "Direction", "Payload bytes", "Response: body if OK"), rows
    )
    lines += ["", "### Records", ""]
    for record in (ErrorDetail, TelemetrySample):
        lines += [f"#### {record.__name__}", "", _doc(record), "", *_fields_block(record), ""]
    for cls in MESSAGES:
        spec = message_spec(cls)
        lines += [f"### {title(cls)}", ""]
        facts = f"Type 0x{spec.msg_id:02X}, {spec.kind.value.upper()}, payload {_bytes_text(cls)}."
        lines += [f"{_doc(cls)} {facts}", ""]
        if field_layouts(cls):
            lines += [*_fields_block(cls), ""]
        else:
            lines += ["Empty payload.", ""]
        if spec.is_request:
            reply_cls = spec.reply
            response = f"Response type 0x{spec.msg_id | RESPONSE_BIT:02X}"
            if reply_cls is None:
                lines += [f"{response}: the status byte alone when OK.", ""]
            else:
                lines += [
                    f"{response}: the status byte, then, when OK, `{reply_cls.__name__}` "
                    f"({_bytes_text(reply_cls)}): {_doc(reply_cls)}",
                    "",
                    *_fields_block(reply_cls, shift=1, status_row=True),
                    "",
                ]
    return "\n".join(lines).rstrip("\n")


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split())


def section_enums() -> str:
    lines: list[str] = []
    for enum_cls in WIRE_ENUMS:
        lines += [f"### {enum_cls.__name__}", ""]
        if enum_cls is AlarmCode:
            rows = []
            for code in AlarmCode:
                priority = ALARM_PRIORITY[code]
                blocking = "yes" if code in BLOCKING_ALARMS else "no"
                latched = blocking  # the alarms that stop the gun wait for a person; the others follow
                never_active = code is AlarmCode.NONE or code in SHOT_CAUSES_ONLY
                if never_active:
                    blocking = latched = "—"
                mask = "—" if never_active else f"0x{1 << int(code):04X}"
                meaning = ENUM_DOCS.get(f"AlarmCode.{code.name}", "")
                rows.append(
                    [str(int(code)), f"`{code.name}`", mask, priority.name, blocking, latched, meaning]
                )
            lines += markdown_table(
                ("Value", "Name", "Mask bit", "Priority", "Blocks ARM/FIRE", "Latched", "Meaning"), rows
            )
        else:
            rows = [
                [
                    str(int(member)),
                    f"`{member.name}`",
                    ENUM_DOCS.get(f"{enum_cls.__name__}.{member.name}", ""),
                ]
                for member in enum_cls
            ]
            lines += markdown_table(("Value", "Name", "Meaning"), rows)
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def section_schema() -> str:
    return "\n".join(
        [
            f"Schema hash: **0x{SCHEMA_HASH:08X}** = CRC-32 of this text (UTF-8, lines joined by `\\n`, "
            "no trailing newline):",
            "",
            "```",
            canonical_text(),
            "```",
        ]
    )
