"""Shared fixtures (the seed corpus, loaded once) and the hypothesis profiles.

Hypothesis runs the ``ci`` profile unless ``HYPOTHESIS_PROFILE`` names another: examples are
derived from each test's name (``derandomize``), so every run tries the same inputs and the count
of examples in CI is known (each test sets its own ``max_examples``); no example database is
written. ``HYPOTHESIS_PROFILE=explore`` draws fresh random examples on every run and keeps
failures in the example database, for hunting bugs locally.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import framing._corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def seeds() -> framing._corpus.Corpus:
    return framing._corpus.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seeds_scores_cached():
    """The seeds scored once per test session (read-only: copy before changing)."""
    import warnings

    import framing._scoring

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing._scoring.score(SEEDS)
