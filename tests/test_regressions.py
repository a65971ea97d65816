"""Regressions from real-world nasties met while building, derived from the seeds at test time.

(The seeds' page chrome is checked line by line in test_clean.py.)
"""

from __future__ import annotations

import warnings

import pytest

from framing.compare import compare
from framing.corpus import Corpus, Document
from framing.scoring import score

from .conftest import SEEDS  # noqa: F401  (the seeds fixture reads from there)


@pytest.fixture(scope="module")
def reworded(seeds_scores_cached):
    """Seed 004 is a machine-reworded copy ('Chinese language President', 'expensive good friend')."""
    sents = seeds_scores_cached
    return sents[sents["doc_id"].str.startswith("004")].set_index("sent_id")


@pytest.mark.parametrize(
    ("sent_id", "relevant", "bond", "speaker"),
    [
        (0, True, "none", None),  # "Chinese language President Xi Jinping and Russian President ..."
        (10, True, "none", None),  # "the 2 leaders": numeral for "two"
        (11, True, "friendship", None),  # "They ... refer to one another as 'expensive good friend.'"
        (12, True, "friendship", None),  # "This week they even hugged."
        (18, True, "none", "Xi"),  # "... stated Xi."
        (22, True, "none", "Alexander Gabuev"),  # "says Alexander Gabuev"
    ],
)
def test_machine_reworded_seed(reworded, sent_id, relevant, bond, speaker):
    row = reworded.loc[sent_id]
    assert (bool(row["relevant"]), row["bond_label"], row["speaker"]) == (relevant, bond, speaker)


def test_wire_story_in_two_outlets(seeds):
    """The same wire story republished by a second outlet, with other page chrome around it."""
    wire = seeds["001_928cbda8d1da483e"]
    chrome = "Home | World | Asia\nSHARE THIS ARTICLE ON\n"  # constructed page chrome
    copy = Document("wire_copy", chrome + wire.text + "\nLeave a comment", outlet="Second outlet")
    corpus = Corpus([wire, copy])
    found = corpus.duplicates()
    assert found[["doc_id_a", "doc_id_b", "kind"]].values.tolist() == [
        ["001_928cbda8d1da483e", "wire_copy", "near"]
    ]
    assert found["containment"].iloc[0] > 0.95
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
