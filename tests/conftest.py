"""Shared fixtures: the seed corpus, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

import framing.corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds() -> framing.corpus.Corpus:
    return framing.corpus.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seeds_scores_cached():
    """The seeds scored once per test session (read-only: copy before changing)."""
    import warnings

    import framing.scoring

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.scoring.score(SEEDS)
