"""The module map of ``docs/architecture.md``: every module of ``src/framing``, its floor and job.

A module's floor is one more than the highest floor of the framing modules it imports (anywhere
in its code, lazy imports included); modules that import no other framing module are on floor 0.
Read from the source with :mod:`ast`, so the page cannot drift from the code
(``python docs/generate.py --check``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tabulate import tabulate

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "framing"


def _imports(tree: ast.Module, modules: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("framing."):
            found.add(node.module.split(".")[1])
    return found & modules


def module_map(package: Path = PACKAGE) -> str:
    """The Markdown table of the package's modules, lowest floor first."""
    skip = {"__init__", "__main__"}
    files = {p.stem: p for p in sorted(package.glob("*.py")) if p.stem not in skip}
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in files.items()}
    uses = {name: _imports(tree, set(files)) - {name} for name, tree in trees.items()}
    floors: dict[str, int] = {}

    def floor(name: str, seen: tuple[str, ...] = ()) -> int:
        if name not in floors:
            below = [floor(used, (*seen, name)) for used in uses[name] if used not in seen]
            floors[name] = 1 + max(below, default=-1)
        return floors[name]

    rows = []
    for name in sorted(files, key=lambda n: (floor(n), n)):
        doc = (ast.get_docstring(trees[name]) or "").strip().split("\n\n")[0].replace("\n", " ")
        used = ", ".join(f"`{u}`" for u in sorted(uses[name]))
        rows.append([floor(name), f"`{name}.py`", doc, used])
    return tabulate(rows, headers=["floor", "module", "its job", "uses"], tablefmt="github")


if __name__ == "__main__":
    print(module_map())
