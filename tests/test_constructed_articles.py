"""Agreement with hand coding on whole constructed articles (tests/data/constructed/articles).

A regression floor: the counts below are those of 2026-12-02; a change that lowers one must say
why, and one that raises it should raise the floor. See the data's README for how each set was
made and used.
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing

DATA = Path(__file__).parent / "data" / "constructed"
# Sentences agreeing with the coding, per set: relevant, power label, bond label, voice.
# Lexicon 2.0.0 (issue #14) lowered two counts on purpose, each for a rule the blind double
# coding of the seeds and of the hard set supports:
# - review power 98 -> 96: its coder coded frames inside questions as asserted ("Is Russia
#   becoming China's junior partner?"); codebook rule 1 as the project now reads it (and the
#   hard set's two coders) code a question as a mention, `none`;
# - held-out relevant 87 -> 85: a one-side sentence right after a relevant one is now
#   'continued' (the seeds' coders code these relevant: seeds relevance F1 0.89 -> 0.94), and
#   two sentences of this set about India or Britain are taken along.
# The hard set (tests/data/constructed/hard) and the coverage set (tests/data/constructed/coverage,
# counts of 2026-12-07, lexicon 2.x) are blind: their floors guard against regressions, and
# raising them must never be the reason for a change.
FLOORS = {
    ("articles", "review"): {"n": 106, "relevant": 100, "power": 96, "bond": 96, "voice": 104},
    ("articles", "heldout"): {"n": 98, "relevant": 85, "power": 89, "bond": 89, "voice": 87},
    ("hard", "hard"): {"n": 249, "relevant": 215, "power": 199, "bond": 195, "voice": 207},
    ("coverage", "cov1"): {"n": 222, "relevant": 181, "power": 175, "bond": 163, "voice": 199},
    ("coverage", "cov2"): {"n": 200, "relevant": 160, "power": 163, "bond": 154, "voice": 174},
}


@functools.cache
def merged(folder: str) -> pd.DataFrame:
    articles = pd.read_csv(DATA / folder / "articles.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(
        DATA / folder / "coding.csv", dtype={"sent_id": "int64"}, keep_default_na=False
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = framing.score(articles[["doc_id", "text"]])
    counts = sents.groupby("doc_id").size().sort_index()
    coded = gold.groupby("doc_id").size().sort_index()
    assert counts.to_dict() == coded.to_dict(), "the sentence split changed: check the coding"
    table = gold.merge(sents, on=["doc_id", "sent_id"], suffixes=("_gold", ""))
    table["set"] = table["doc_id"].str.split("-").str[0]
    return table


@pytest.mark.parametrize(("folder", "name"), sorted(FLOORS))
def test_agreement_does_not_fall(folder, name):
    table = merged(folder)
    part = table[table["set"] == name]
    got = {
        "n": len(part),
        "relevant": int(((part["relevant_gold"] == "yes") == part["relevant"]).sum()),
        "power": int((part["power_gold"] == part["power_label"]).sum()),
        "bond": int((part["bond_gold"] == part["bond_label"]).sum()),
        "voice": int((part["voice_gold"] == part["voice"]).sum()),
    }
    floor = FLOORS[folder, name]
    assert got["n"] == floor["n"]
    assert all(got[key] >= floor[key] for key in floor), (got, floor)
