"""Generate the parts of the specification that follow from the message table.

``python -m firmware_protocol.docgen`` rewrites the generated sections of ``PROTOCOL.md`` (between
``<!-- BEGIN GENERATED name -->`` and ``<!-- END GENERATED name -->``), ``mesogun_protocol.h`` and
``vectors.json``. ``--check`` writes nothing and exits with status 1 if any of them is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from firmware_protocol.cheader import HEADER_NAME, header_text
from firmware_protocol.spec_examples import section_budget, section_cobs, section_examples
from firmware_protocol.spec_tables import (
    section_constants,
    section_enums,
    section_messages,
    section_schema,
    section_sizes,
)
from firmware_protocol.vectors import vectors_json

HERE = Path(__file__).resolve().parent
PROTOCOL_MD = HERE / "PROTOCOL.md"
HEADER_H = HERE / HEADER_NAME
VECTORS_JSON = HERE / "vectors.json"

_SECTION = re.compile(r"(<!-- BEGIN GENERATED (\w+) -->\n)(.*?)(<!-- END GENERATED \2 -->)", re.DOTALL)


SECTIONS: dict[str, Callable[[], str]] = {
    "cobs": section_cobs,
    "sizes": section_sizes,
    "constants": section_constants,
    "budget": section_budget,
    "messages": section_messages,
    "enums": section_enums,
    "examples": section_examples,
    "schema": section_schema,
}


def render_protocol(text: str) -> str:
    """``text`` (PROTOCOL.md) with every generated section rewritten. Raises ValueError if one is missing."""
    found: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in SECTIONS:
            raise ValueError(f"PROTOCOL.md has an unknown generated section {name!r}")
        found.add(name)
        return f"{match.group(1)}{SECTIONS[name]()}\n{match.group(4)}"

    result = _SECTION.sub(replace, text)
    missing = set(SECTIONS) - found
    if missing:
        raise ValueError(f"PROTOCOL.md lacks the generated sections {sorted(missing)}")
    return result


def generated_files() -> dict[Path, str]:
    """Each generated file and the content it should have now."""
    return {
        PROTOCOL_MD: render_protocol(PROTOCOL_MD.read_text(encoding="utf-8")),
        HEADER_H: header_text(),
        VECTORS_JSON: vectors_json(),
    }


def stale_files() -> list[Path]:
    """Generated files whose content differs from what the message table gives now."""
    return [
        path
        for path, content in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m firmware_protocol.docgen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path} (run python -m firmware_protocol.docgen)", file=sys.stderr)
        return 1 if stale else 0
    for path, content in generated_files().items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
