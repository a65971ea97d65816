"""The register of known failures (tests/known_failures.py) is the only source of xfails."""

from __future__ import annotations

import re
from pathlib import Path

from .known_failures import KNOWN_FAILURES

TESTS = Path(__file__).resolve().parent
_SOURCES = {p.name: p.read_text(encoding="utf-8") for p in sorted(TESTS.glob("*.py"))}


def test_every_entry_is_used():
    used = {
        key
        for name, text in _SOURCES.items()
        if name != "known_failures.py"
        for key in re.findall(r"known_failure\(\"(\w+)\"\)", text)
    }
    assert used == set(KNOWN_FAILURES)


def test_no_test_marks_an_xfail_of_its_own():
    own = [
        name
        for name, text in _SOURCES.items()
        if name not in {"known_failures.py", Path(__file__).name}
        and re.search(r"mark\.xfail|pytest\.xfail\(|expected_failed_checks", text)
    ]
    assert own == []
