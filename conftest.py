"""pytest set-up for the whole project: the tests in tests/ and the doctests in src/framing."""

from __future__ import annotations

import tempfile

import pytest


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # pyproject's addopts hold --numprocesses=auto; with pytest-xdist switched off (-p no:xdist)
    # or not installed, the option is accepted and ignored, and the suite runs in one process.
    if not pluginmanager.has_plugin("xdist"):
        parser.addoption("--numprocesses", help="ignored: pytest-xdist is not loaded")


@pytest.fixture(autouse=True)
def _doctest_scratch_in_tmp_path(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Docstring examples make scratch folders with tempfile.mkdtemp(); keep them in the test's
    # own tmp_path (one per test and xdist worker), which pytest cleans up.
    if isinstance(request.node, pytest.DoctestItem):
        tmp_path = request.getfixturevalue("tmp_path")
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
