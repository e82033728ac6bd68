"""The tree is the flow: each stage imports only the stages below it (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What each top-level package may import of pantau's own packages.
ALLOWED: dict[str, set[str]] = {
    "extract": set(),
    "store": {"extract"},
    "crawler": {"extract", "store"},
    "publish": {"extract", "store"},
    "samplenet": set(),
    "pantau": {"extract", "store", "crawler", "publish", "samplenet"},
    "models": {"extract"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level names ``path`` imports, absolute imports only (pantau uses no others)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def stage_imports() -> dict[str, dict[str, set[Path]]]:
    """For each stage, the other stages it imports and the modules that do it."""
    found: dict[str, dict[str, set[Path]]] = {stage: {} for stage in ALLOWED}
    for stage in ALLOWED:
        for module in (ROOT / stage).rglob("*.py"):
            for name in imported_packages(module) & ALLOWED.keys() - {stage}:
                found[stage].setdefault(name, set()).add(module.relative_to(ROOT))
    return found


def test_imports_only_go_down() -> None:
    upward = [
        f"{module} imports {target}"
        for stage, targets in stage_imports().items()
        for target, modules in targets.items()
        if target not in ALLOWED[stage]
        for module in sorted(modules)
    ]
    assert upward == []


def test_no_cycle_between_stages() -> None:
    graph = {stage: set(targets) for stage, targets in stage_imports().items()}

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in graph[start]
        )

    assert [stage for stage in graph if reaches(stage, stage)] == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "views.py"
    module.write_text("import os\nfrom crawler.run import run_crawl\nfrom . import near\n")
    assert imported_packages(module) == {"os", "crawler"}


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_every_stage_is_a_folder(stage: str) -> None:
    assert (ROOT / stage / "__init__.py").is_file()
