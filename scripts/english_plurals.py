"""Fill the English plural forms of a plural-only Qt catalogue from each source text.

"%n session(s) shown of {total}" gives "%n session shown of {total}" for one and
"%n sessions shown of {total}" for more; entries already translated are left as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

UNFINISHED = re.compile(
    r'<source>(?P<source>[^<]*)</source>\s*<translation type="unfinished">.*?</translation>', re.S
)


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural of a source text whose counted nouns end in "(s)"."""
    return source.replace("(s)", ""), source.replace("(s)", "s")


def filled(match: re.Match[str]) -> str:
    one, many = english_forms(match["source"])
    return (
        f"<source>{match['source']}</source>\n        <translation>\n"
        f"            <numerusform>{one}</numerusform>\n"
        f"            <numerusform>{many}</numerusform>\n        </translation>"
    )


def main(path: Path) -> None:
    path.write_text(UNFINISHED.sub(filled, path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
