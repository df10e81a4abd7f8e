"""The four packages import in one direction (gui → mesogun → firmware_protocol ← simulators), and the
host library reaches the simulator only through its one composition root, ``mesogun/simulation.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each package may import of the others.
ALLOWED = {
    "firmware_protocol": set(),
    "simulators": {"firmware_protocol"},
    "mesogun": {"firmware_protocol"},
    "gui": {"mesogun"},
}
SIMULATOR_ROOT = ROOT / "mesogun" / "simulation.py"


def _imported_packages(path: Path) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add((node.module.split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_the_design_allows(package: str) -> None:
    others = set(ALLOWED) - {package}
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for imported, line in _imported_packages(path):
            if imported not in others or imported in ALLOWED[package]:
                continue
            if path == SIMULATOR_ROOT and imported == "simulators":
                continue  # the composition root that starts the simulated gun
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert wrong == []
