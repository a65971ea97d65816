"""The module map of docs/architecture.md: floors and imports read from a small package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs"))
from module_map import module_map  # noqa: E402


def test_floors_count_every_import_lazy_ones_too(tmp_path):
    (tmp_path / "__init__.py").write_text("from .c import run\n")
    (tmp_path / "a.py").write_text('"""A: the bottom.\n\nMore text."""\nimport os\n')
    (tmp_path / "b.py").write_text('"""B: uses a."""\nfrom . import a\n')
    (tmp_path / "c.py").write_text(
        '"""C: uses b, and a lazily."""\nfrom .b import x\n\n\ndef run():\n    from .a import y\n'
    )
    lines = module_map(tmp_path).splitlines()[2:]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert rows == [
        ["0", "`a.py`", "A: the bottom.", ""],
        ["1", "`b.py`", "B: uses a.", "`a`"],
        ["2", "`c.py`", "C: uses b, and a lazily.", "`a`, `b`"],
    ]
