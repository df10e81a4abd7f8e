"""Where each key of a (valid) TOML document is written: dotted path → line number (1-based).

tomllib gives values without positions; to point a practitioner at the line to fix, this scans the text
once more, following table headers (``[a.b]``), arrays of tables (``[[steps]]``: the Nth header is
element N) and dotted keys. Values spanning several lines (arrays, multi-line strings) are skipped over.
A key inside an inline table or a multi-line array is not indexed: ``line_of`` falls back to the
nearest indexed parent, which is the line where that value starts.
"""

from __future__ import annotations

import re

PathPart = str | int
Path = tuple[PathPart, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, pos: int) -> tuple[list[str], int]:
    """A dotted key starting at ``pos``: its parts and the position just after it."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] in "\"'":
            quote = text[pos]
            end = pos + 1
            chars: list[str] = []
            while end < len(text) and text[end] != quote:
                if quote == '"' and text[end] == "\\" and end + 1 < len(text):
                    chars.append(text[end + 1])
                    end += 2
                    continue
                chars.append(text[end])
                end += 1
            parts.append("".join(chars))
            pos = end + 1
        else:
            match = _BARE_KEY.match(text, pos)
            if match is None:
                return parts, pos
            parts.append(match.group())
            pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _open_brackets(value: str, multiline: str | None) -> tuple[int, str | None]:
    """Net count of ``[``/``{`` opened in ``value`` outside strings and comments, and whether a
    multi-line string (its delimiter) is still open at the end."""
    depth = 0
    i = 0
    while i < len(value):
        if multiline is not None:
            end = value.find(multiline, i)
            if end < 0:
                return depth, multiline
            i = end + 3
            multiline = None
            continue
        c = value[i]
        if value.startswith('"""', i) or value.startswith("'''", i):
            multiline = value[i : i + 3]
            i += 3
        elif c == '"':
            i += 1
            while i < len(value) and value[i] != '"':
                i += 2 if value[i] == "\\" else 1
            i += 1
        elif c == "'":
            end = value.find("'", i + 1)
            i = len(value) if end < 0 else end + 1
        elif c == "#":
            break
        else:
            depth += c in "[{"
            depth -= c in "]}"
            i += 1
    return depth, multiline


class KeyIndex:
    """Line numbers of the keys and table headers of a TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._scan(text)

    def _resolve(self, parts: list[str], array_counts: dict[Path, int]) -> Path:
        # Inside a header, a name that is an array of tables means its latest element.
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in array_counts:
                path = (*path, array_counts[path] - 1)
        return path

    def _record(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def _scan(self, text: str) -> None:
        array_counts: dict[Path, int] = {}
        table: Path = ()
        depth = 0
        multiline: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            if depth > 0 or multiline is not None:
                delta, multiline = _open_brackets(raw, multiline)
                depth += delta
                continue
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[["):
                parts, _ = _parse_key(line, 2)
                array = (*self._resolve(parts[:-1], array_counts), parts[-1])
                array_counts[array] = array_counts.get(array, 0) + 1
                table = (*array, array_counts[array] - 1)
                self._record(array, number)
                self._record(table, number)
                continue
            if line.startswith("["):
                parts, _ = _parse_key(line, 1)
                table = self._resolve(parts, array_counts)
                for end in range(1, len(table) + 1):
                    self._record(table[:end], number)
                continue
            parts, pos = _parse_key(line, 0)
            if not parts:
                continue
            key = (*table, *parts)
            for end in range(len(table) + 1, len(key) + 1):
                self._record(key[:end], number)
            rest = line[pos:].lstrip()
            if rest.startswith("="):
                delta, multiline = _open_brackets(rest[1:], None)
                depth += delta

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest indexed parent; None if nothing on the path is indexed."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None
