"""Imports go one way only (STYLE.md): a module imports only from modules to its left."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "framing"

# Each layer may import from the layers before it, never from its own layer or a later one.
LAYERS = [
    {"errors", "_version", "_escape", "_phrases"},
    {"_random", "_files"},
    {"corpus"},
    {"stream"},  # reads big files in chunks of Documents
    {"clean"},
    {"text"},
    {"voice", "dyad"},
    {"lexicon"},
    {"classify"},  # after lexicon: its LexiconFeatures need the lexicon engine
    {"scoring"},
    {"tally"},  # per-document counts of a score() table
    {"_writers"},  # sentence tables to CSV/JSONL/JSON/parquet, streamed and atomic
    {"dask"},  # maps score and tally over Dask partitions (optional extra)
    {"stats"},
    {"plots"},
    {"compare", "keyness", "validate"},
    {"coding"},
    {"report", "_build_model"},
    {"cli"},
    {"__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("framing.")
        ):
            found.add(node.module.split(".")[1])
    return found


MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_imports_point_left(path):
    assert path.stem in RANK, f"{path.stem} has no place in the layering; add it to LAYERS"
    for target in _imports(path):
        assert target in RANK, f"{path.stem} imports unknown module {target}"
        assert RANK[target] < RANK[path.stem], f"{path.stem} imports {target}: upward or sideways"


def test_import_is_light():
    """`import framing` loads neither matplotlib.pyplot nor a lexicon, and downloads nothing."""
    code = (
        "import sys, framing; "
        "print('matplotlib.pyplot' in sys.modules, framing.lexicon._builtin.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "0"]


def test_public_names_exist():
    import framing

    for name in framing.__all__:
        assert hasattr(framing, name), name
