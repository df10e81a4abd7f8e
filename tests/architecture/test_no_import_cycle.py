"""The subpackages of ``mesogun`` import one another without a cycle.

The graph is built from the source (the AST of every module), at the level of the subpackages
(``mesogun.session``, ``mesogun.calibration``, ``mesogun.exports``...; a top-level module such as
``mesogun/simulation.py`` is a node of its own). Imports written inside functions count: a lazy
import is still a dependency, it only moves the moment Python notices the loop.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mesogun"


def _unit(module: str) -> str | None:
    """The subpackage (or top-level module) of mesogun that ``module`` belongs to, or None."""
    parts = module.split(".")
    if parts[0] != "mesogun" or len(parts) < 2:
        return None
    return f"mesogun.{parts[1]}"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path) -> Iterator[tuple[str, int]]:
    """Every module ``path`` imports (absolute names), with its line, lazy imports included."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            yield origin, node.lineno
            # ``from mesogun import session`` imports the subpackage itself.
            for alias in node.names:
                yield f"{origin}.{alias.name}", node.lineno


def import_graph(package: Path = PACKAGE) -> dict[str, dict[str, str]]:
    """{subpackage: {subpackage it imports: "file:line" of one such import}} of ``package``."""
    root = package.parent
    units = {_unit(_module_name(path, root)) for path in package.rglob("*.py")}
    graph: dict[str, dict[str, str]] = {}
    for path in sorted(package.rglob("*.py")):
        source = _unit(_module_name(path, root))
        if source is None:
            continue
        edges = graph.setdefault(source, {})
        for imported, line in _imports(path, root):
            target = _unit(imported)
            # ``from mesogun import __version__`` names no subpackage: only known units are edges.
            if target in units and target is not None and target != source:
                edges.setdefault(target, f"{path.relative_to(root)}:{line}")
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of two or more subpackages (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_through(graph, group) for group in groups]


def _cycle_through(graph: dict[str, dict[str, str]], group: list[str]) -> list[str]:
    """A path from the group's first member back to itself, staying inside the group (breadth first)."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in sorted(graph.get(node, {})):
                if target == start:
                    return [*paths[node], start]
                if target in members and target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    return group


def test_the_graph_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / "mesogun"
    for name in ("a", "b", "c"):
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text("")
    (package / "a" / "x.py").write_text("def f():\n    from mesogun.b import y\n")
    (package / "b" / "y.py").write_text("from ..c import z\n")
    (package / "c" / "z.py").write_text("from mesogun import a\n")

    found = cycles(import_graph(package))

    assert found == [["mesogun.a", "mesogun.b", "mesogun.c", "mesogun.a"]]


def test_the_subpackages_of_mesogun_import_one_another_without_a_cycle() -> None:
    graph = import_graph()
    found = cycles(graph)
    explained = [
        " -> ".join(cycle) + " (" + "; ".join(graph[a][b] for a, b in itertools.pairwise(cycle)) + ")"
        for cycle in found
    ]
    assert explained == []
