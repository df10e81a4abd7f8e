"""PROTOCOL.md, mesogun_protocol.h and vectors.json follow the message table, and the C in them works."""

from __future__ import annotations

import binascii
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from vector_helpers import frame_vectors, invalid_vectors, message_from_vector, wire_bytes

from firmware_protocol import PROTOCOL_VERSION, SCHEMA_HASH, FrameDecoder, docgen, encode_body, wire_fields
from firmware_protocol.cheader import header_text, snake
from firmware_protocol.enums import WIRE_ENUMS
from firmware_protocol.field_docs import ENUM_DOCS, FIELD_DOCS
from firmware_protocol.framing import encode_frame
from firmware_protocol.layout import is_fixed
from firmware_protocol.messages import MESSAGES, ErrorDetail, TelemetrySample, message_spec
from firmware_protocol.wire_types import Int

CC = shutil.which("cc") or shutil.which("gcc")
needs_cc = pytest.mark.skipif(CC is None, reason="no C compiler on this machine")


def _all_classes() -> list[type]:
    classes: list[type] = [ErrorDetail, TelemetrySample]
    for cls in MESSAGES:
        reply = message_spec(cls).reply
        classes += [cls] + ([reply] if reply is not None and reply not in classes else [])
    return classes


def test_generated_files_are_up_to_date() -> None:
    stale = [path.name for path in docgen.stale_files()]
    assert stale == [], f"{stale} are stale: run `python -m firmware_protocol.docgen`"


def test_check_mode_reports_a_stale_file_and_a_run_repairs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("PROTOCOL_MD", "HEADER_H", "VECTORS_JSON"):
        copy = tmp_path / getattr(docgen, name).name
        shutil.copy(getattr(docgen, name), copy)
        monkeypatch.setattr(docgen, name, copy)
    (tmp_path / "mesogun_protocol.h").write_text("/* edited by hand */\n", encoding="utf-8")
    protocol = tmp_path / "PROTOCOL.md"
    protocol.write_text(
        re.sub(
            r"(BEGIN GENERATED schema -->\n).*?(<!-- END)",
            r"\1old text\n\2",
            protocol.read_text("utf-8"),
            flags=re.DOTALL,
        ),
        encoding="utf-8",
    )
    assert docgen.main(["--check"]) == 1
    assert "mesogun_protocol.h" in capsys.readouterr().err
    assert docgen.main([]) == 0
    assert docgen.main(["--check"]) == 0
    assert (tmp_path / "mesogun_protocol.h").read_text("utf-8") == header_text()
    assert f"0x{SCHEMA_HASH:08X}" in protocol.read_text("utf-8")


def test_a_protocol_text_without_its_generated_sections_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks the generated sections"):
        docgen.render_protocol("# protocol\n<!-- BEGIN GENERATED schema -->\n<!-- END GENERATED schema -->\n")


def test_every_field_and_enum_member_is_documented_and_nothing_else() -> None:
    fields = {f"{cls.__name__}.{name}" for cls in _all_classes() for name, _ in wire_fields(cls)}
    assert sorted(fields - FIELD_DOCS.keys()) == []
    assert sorted(FIELD_DOCS.keys() - fields) == []
    members = {f"{enum.__name__}.{member.name}" for enum in WIRE_ENUMS for member in enum}
    assert sorted(members ^ ENUM_DOCS.keys()) == []


def test_the_schema_text_in_the_spec_reproduces_the_schema_hash() -> None:
    text = docgen.PROTOCOL_MD.read_text("utf-8")
    section = text.split("<!-- BEGIN GENERATED schema -->", 1)[1]
    canonical = section.split("```\n", 2)[1].removesuffix("\n")
    assert binascii.crc32(canonical.encode("utf-8")) == SCHEMA_HASH
    assert f"#define MG_SCHEMA_HASH 0x{SCHEMA_HASH:08X}u" in header_text()


def test_the_header_is_plain_ascii() -> None:
    assert header_text().isascii()


def _compile(tmp_path: Path, source: str, *, cxx: bool = False) -> Path:
    assert CC is not None
    (tmp_path / "mesogun_protocol.h").write_text(header_text(), encoding="ascii")
    src = tmp_path / ("main.cpp" if cxx else "main.c")
    src.write_text(source, encoding="utf-8")
    exe = tmp_path / "main"
    if cxx:
        cxx_compiler = shutil.which("c++") or shutil.which("g++")
        if cxx_compiler is None:
            pytest.skip("no C++ compiler on this machine")
        command = [cxx_compiler, "-std=c++11", "-Wall", "-Wextra", "-Werror", "-o", str(exe), str(src)]
    else:
        command = [CC, "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-o", str(exe), str(src)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return exe


def _c_literal(value: int, wire: Int) -> str:
    if wire.c_type == "uint64":
        return f"{value}ULL"
    if wire.c_type == "int32" and value == -(1 << 31):
        return "(-2147483647 - 1)"
    return f"{value}" + ("u" if not wire.c_type.startswith("int") else "")


@needs_cc
def test_header_structs_lay_out_payloads_like_the_codec(tmp_path: Path) -> None:
    cases: dict[str, bytes] = {}
    blocks: list[str] = []
    for vector in frame_vectors():
        message = message_from_vector(vector)
        if message is None or not is_fixed(type(message)) or not wire_fields(type(message)):
            continue
        type_name = f"mg_{snake(type(message).__name__)}_t"
        lines = [f"    {{ {type_name} m; memset(&m, 0xAA, sizeof m);"]
        for name, wire in wire_fields(type(message)):
            assert isinstance(wire, Int)
            lines.append(f"      m.{name} = {_c_literal(getattr(message, name), wire)};")
        lines.append(f'      dump("{vector["name"]}", &m, sizeof m); }}')
        blocks.append("\n".join(lines))
        cases[vector["name"]] = encode_body(message)
    assert len(cases) > 30
    source = (
        '#include <stdio.h>\n#include <string.h>\n#include "mesogun_protocol.h"\n'
        "static void dump(const char *name, const void *p, size_t n) {\n"
        '    const unsigned char *b = p; printf("%s ", name);\n'
        '    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);\n    printf("\\n");\n}\n'
        "int main(void) {\n" + "\n".join(blocks) + "\n    return 0;\n}\n"
    )
    exe = _compile(tmp_path, source)
    output = subprocess.run([str(exe)], capture_output=True, text=True, timeout=30, check=True).stdout
    produced = dict(line.split(" ") for line in output.splitlines())
    assert produced == {name: payload.hex() for name, payload in cases.items()}


@needs_cc
def test_header_compiles_as_cpp(tmp_path: Path) -> None:
    exe = _compile(
        tmp_path,
        '#include "mesogun_protocol.h"\nint main() { return MG_MSG_IS_ACTION(MG_MSG_FIRE) ? 0 : 1; }\n',
        cxx=True,
    )
    assert subprocess.run([str(exe)], timeout=30).returncode == 0


_HARNESS = r"""
#include <stdio.h>
/* Reads hex text on stdin, feeds the bytes to mg_rx_byte, prints each frame's body (header and
 * payload) and that body framed again by mg_frame_encode, then the drop counters. */
int main(void)
{
    static mg_rx_t rx;
    uint8_t body[MG_MAX_BODY];
    uint8_t wire[MG_MAX_ENCODED + 1];
    unsigned int byte;
    while (scanf("%2x", &byte) == 1) {
        size_t n = mg_rx_byte(&rx, (uint8_t)byte, body);
        if (n == 0) {
            continue;
        }
        size_t w = mg_frame_encode(body[1], body[2], (uint16_t)(body[3] | (body[4] << 8)),
                                   body + MG_HEADER_SIZE, n - MG_HEADER_SIZE, wire);
        printf("frame ");
        for (size_t i = 0; i < n; i++) printf("%02x", body[i]);
        printf(" ");
        for (size_t i = 0; i < w; i++) printf("%02x", wire[i]);
        printf("\n");
    }
    printf("stats %u %u %u %u %u\n", (unsigned)rx.stats.frames_ok, (unsigned)rx.stats.crc_errors,
           (unsigned)rx.stats.cobs_errors, (unsigned)rx.stats.oversize, (unsigned)rx.stats.runt);
    return 0;
}
"""


def _reference_c() -> str:
    text = docgen.PROTOCOL_MD.read_text("utf-8")
    blocks = re.findall(r"```c\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 4
    return "\n".join(blocks)


def _python_view(data: bytes) -> list[str]:
    decoder = FrameDecoder()
    lines = []
    for frame in decoder.feed(data):
        body = bytes([frame.version, frame.msg_type, frame.flags]) + frame.seq.to_bytes(2, "little")
        body += frame.payload
        # mg_frame_encode always writes the version it speaks.
        wire = encode_frame(PROTOCOL_VERSION, frame.msg_type, frame.flags, frame.seq, frame.payload)
        lines.append(f"frame {body.hex()} {wire.hex()}")
    s = decoder.stats
    lines.append(f"stats {s.frames_ok} {s.crc_errors} {s.cobs_errors} {s.oversize} {s.runt}")
    return lines


def _noisy_stream(seed: int) -> bytes:
    """Vectors, invalid frames and random damage, glued together: what a bad cable delivers."""
    rng = random.Random(seed)
    pieces: list[bytes] = []
    vectors: list[dict[str, Any]] = [*frame_vectors(), *invalid_vectors()]
    for _ in range(300):
        chunk = bytearray(wire_bytes(rng.choice(vectors)))
        roll = rng.random()
        if roll < 0.15:
            chunk[rng.randrange(len(chunk))] ^= 1 << rng.randrange(8)
        elif roll < 0.25:
            del chunk[rng.randrange(len(chunk)) :]
        elif roll < 0.3:
            chunk = bytearray(rng.randbytes(rng.randrange(1, 400)))
        pieces.append(bytes(chunk))
    return b"".join(pieces)


@needs_cc
def test_reference_c_in_the_spec_frames_and_drops_exactly_like_the_codec(tmp_path: Path) -> None:
    exe = _compile(tmp_path, _reference_c() + _HARNESS)
    streams = [b"".join(wire_bytes(v) for v in (*frame_vectors(), *invalid_vectors()))]
    streams += [_noisy_stream(seed) for seed in range(3)]
    for data in streams:
        result = subprocess.run(
            [str(exe)], input=data.hex(), capture_output=True, text=True, timeout=30, check=True
        )
        assert result.stdout.splitlines() == _python_view(data)
    first = _python_view(streams[0])
    assert len(first) - 1 == len(frame_vectors()) + len([v for v in invalid_vectors() if v["device_status"]])
