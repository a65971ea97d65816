"""framing._english: the language data, each constant documented and immutable."""

from __future__ import annotations

import ast
from pathlib import Path

import framing._english as english

SOURCE = Path(english.__file__).read_text(encoding="utf-8")


def _constants() -> list[tuple[str, ast.stmt | None]]:
    """Each public constant of the module and the statement that follows it."""
    body = ast.parse(SOURCE).body
    found = []
    for i, node in enumerate(body):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper() and not name.startswith("_"):
                found.append((name, body[i + 1] if i + 1 < len(body) else None))
    return found


def test_every_constant_has_a_docstring_that_says_where_it_is_used():
    constants = _constants()
    assert {"REPORTING_VERBS", "STRONG_REPORTING_VERBS", "CHROME_STRONG"} <= dict(constants).keys()
    for name, following in constants:
        assert isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant), name
        assert "Used by framing." in " ".join(following.value.value.split()), name


def test_word_lists_are_frozensets_of_words():
    for name, _ in _constants():
        value = getattr(english, name)
        if isinstance(value, (set, frozenset)):
            assert isinstance(value, frozenset), name
            assert value and all(isinstance(w, str) and w.strip() == w and w for w in value), name
