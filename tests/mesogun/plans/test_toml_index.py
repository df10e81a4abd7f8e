"""Locating keys in TOML text, so that problems point at the right line."""

from __future__ import annotations

from mesogun.plans.toml_index import KeyIndex

TEXT = '''\
name = "x"
description = """
text with [ brackets
and a fake key = 1
"""
tags = [
  "a", # ]
  "b",
]
[cocktail]
name = "c"

[[cocktail.components]]
proportion_pct = 40.0
[cocktail.components.product]
name = "P"

[[cocktail.components]]
product = { name = "Q", concentration = "1 %" }
proportion_pct = 60.0

[[steps]]
technique = "nappage"
site.acupoint_code = "PC6"

[[steps]]
"depth_mm" = 3.0
'''


def test_keys_are_found_on_their_lines() -> None:
    index = KeyIndex(TEXT)

    assert index.line_of(("name",)) == 1
    assert index.line_of(("tags",)) == 6
    assert index.line_of(("cocktail", "name")) == 11
    assert index.line_of(("cocktail", "components", 0, "proportion_pct")) == 14
    assert index.line_of(("cocktail", "components", 0, "product", "name")) == 16
    assert index.line_of(("cocktail", "components", 1, "proportion_pct")) == 20
    assert index.line_of(("steps", 0, "site", "acupoint_code")) == 24
    assert index.line_of(("steps", 1, "depth_mm")) == 27


def test_multi_line_values_hide_nothing_and_invent_nothing() -> None:
    index = KeyIndex(TEXT)

    # "and a fake key = 1" sits inside a multi-line string: not a key.
    assert index.line_of(("and a fake key",)) is None
    # The key after a multi-line array is still found.
    assert index.line_of(("cocktail",)) == 10


def test_missing_keys_fall_back_to_their_table() -> None:
    index = KeyIndex(TEXT)

    assert index.line_of(("steps", 1, "flow_ul_s")) == 26
    assert index.line_of(("cocktail", "components", 1, "product", "name")) == 19
    assert index.line_of(("version",)) is None
