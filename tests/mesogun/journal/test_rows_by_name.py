"""The journal's readers take each value of a row by its column's name, never by its position: a column
added to a query (or a table read with ``*``) cannot shift another one into the wrong field."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mesogun

READERS = ("journal/queries.py", "journal/calibration_store.py", "clinic/reader.py")


def _by_position(source: str) -> list[str]:
    """``value[n]`` subscripts with an integer ``n``, except on a list of rows (``rows[0]``) and on an
    exception's ``args``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Subscript):
            continue
        index = node.slice
        if isinstance(index, ast.UnaryOp) and isinstance(index.operand, ast.Constant):
            index = index.operand
        if not (isinstance(index, ast.Constant) and isinstance(index.value, int)):
            continue
        if isinstance(node.value, ast.Name) and node.value.id.endswith("rows"):
            continue
        if isinstance(node.value, ast.Attribute) and node.value.attr == "args":  # an exception's message
            continue
        found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("module", READERS)
def test_a_reader_takes_a_row_s_values_by_column_name(module: str) -> None:
    source = (Path(mesogun.__file__).parent / module).read_text(encoding="utf-8")
    assert _by_position(source) == []
