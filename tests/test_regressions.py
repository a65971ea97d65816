"""Regressions from real-world nasties met while building, derived from the seeds at test time.

The cases and their expected outcomes are in tests/data/regressions/ (see its README).

(The seeds' page chrome is checked line by line in test_clean.py.)
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

from framing._compare import compare
from framing._corpus import Corpus, Document
from framing._scoring import score

from .conftest import SEEDS  # noqa: F401  (the seeds fixture reads from there)

CASES = Path(__file__).parent / "data" / "regressions"


def _reworded_cases() -> list[dict[str, str]]:
    with open(CASES / "reworded.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("case", _reworded_cases(), ids=lambda case: f"sentence {case['sent_id']}")
def test_machine_reworded_seed(seeds_scores_cached, case):
    """Seed 004 is a machine-reworded copy ('Chinese language President', 'the 2 leaders')."""
    sents = seeds_scores_cached
    row = sents[(sents["doc_id"] == case["doc_id"]) & (sents["sent_id"] == int(case["sent_id"]))]
    assert len(row) == 1, case
    row = row.iloc[0]
    assert row["text"].startswith(case["text_starts"]), case["why"]
    expected = (case["relevant"] == "yes", case["bond_label"], case["speaker"] or None)
    assert (bool(row["relevant"]), row["bond_label"], row["speaker"]) == expected, case["why"]


def test_wire_story_in_two_outlets(seeds):
    """The same wire story republished by a second outlet, with other page chrome around it."""
    wire = seeds["001_928cbda8d1da483e"]
    chrome = "Home | World | Asia\nSHARE THIS ARTICLE ON\n"  # constructed page chrome
    copy = Document("wire_copy", chrome + wire.text + "\nLeave a comment", outlet="Second outlet")
    corpus = Corpus([wire, copy])
    found = corpus.duplicate_clusters()
    assert found[["kind", "n_documents", "doc_ids"]].values.tolist() == [
        ["near", 2, ("001_928cbda8d1da483e", "wire_copy")]
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score(corpus)
        first = sents[sents["doc_id"] == wire.doc_id].reset_index(drop=True)
        second = sents[sents["doc_id"] == "wire_copy"].reset_index(drop=True)
        # Cleaning removes the other chrome: the copy gives the same sentences and labels.
        assert second["text"].tolist() == first["text"].tolist()
        assert second["power_label"].tolist() == first["power_label"].tolist()
        result = compare(sents, by="outlet", n_resamples=200, seed=0)
    balances = result.summary.set_index(["axis", "group"])["balance"]
    for axis in ("power", "bond"):
        assert balances[(axis, "Second outlet")] == balances[(axis, wire.outlet)]
