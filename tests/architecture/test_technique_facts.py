"""A technique's facts live in their few homes, so that adding one touches at most four files
(docs/adding-a-technique.md): its line in ``mesogun/models/technique.py`` (code and delivery mode), its
names in ``mesogun/vocabulary/names.py``, its settings and usual ranges in the limits library, and the
plan schema generated from the models. Everything else derives from those: no other module may hold
a table, a branch or a name per technique."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import pytest

from mesogun.limits import load_limits
from mesogun.models import Technique
from mesogun.vocabulary import name

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("firmware_protocol", "simulators", "mesogun", "gui", "scripts")

#: The modules that may write a technique's code or member name as a string: its declaration, and the
#: names table (keyed by member name so that it imports nothing of the packages that use it).
DECLARATION = ROOT / "mesogun" / "models" / "technique.py"
NAMES_TABLE = ROOT / "mesogun" / "vocabulary" / "names.py"
LIMITS_FILE = ROOT / "mesogun" / "limits" / "limits.toml"
SCHEMA_FILE = ROOT / "mesogun" / "plans" / "plan.schema.json"


def _python_files() -> list[Path]:
    files: list[Path] = []
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


@pytest.mark.parametrize("technique", list(Technique), ids=lambda t: t.value)
def test_every_technique_has_its_names_settings_and_schema_entry(technique: Technique) -> None:
    assert name(technique, "fr") != technique.name, f"{technique.name}: no French name in names.py"
    assert name(technique, "en") != technique.name, f"{technique.name}: no English name in names.py"
    assert technique in load_limits().techniques, f"{technique.value}: no section in limits.toml"
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert technique.value in schema["$defs"]["Technique"]["enum"], "regenerate plan.schema.json"


def test_the_limits_library_holds_no_technique_the_code_does_not_know() -> None:
    sections = tomllib.loads(LIMITS_FILE.read_text(encoding="utf-8"))["techniques"]

    assert set(sections) == {technique.value for technique in Technique}


def test_no_module_holds_a_table_or_a_branch_per_technique() -> None:
    # A ``Technique.MEMBER`` written in a module is a decision taken per technique outside its homes:
    # a mode, a default, a name or an icon that the next technique would have to be added to.
    members = set(Technique.__members__)
    codes = {technique.value for technique in Technique}
    found: list[str] = []
    for path in _python_files():
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in members
                and isinstance(node.value, ast.Name)
                and node.value.id == "Technique"
            ):
                found.append(f"{where}:{node.lineno}: Technique.{node.attr}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in members | codes
                and path not in (DECLARATION, NAMES_TABLE)
            ):
                found.append(f"{where}:{node.lineno}: {node.value!r}")

    assert found == [], "per-technique facts outside their homes (docs/adding-a-technique.md)"
