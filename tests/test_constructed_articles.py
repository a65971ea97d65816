"""Agreement with hand coding on whole constructed articles (tests/data/constructed/articles).

A regression floor: the counts below are those of 2026-12-02; a change that lowers one must say
why, and one that raises it should raise the floor. See the data's README for how each set was
made and used.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing

DATA = Path(__file__).parent / "data" / "constructed" / "articles"
# Sentences agreeing with the coding, per set: relevant, power label, bond label, voice.
FLOORS = {
    "review": {"n": 106, "relevant": 100, "power": 98, "bond": 96, "voice": 104},
    "heldout": {"n": 98, "relevant": 87, "power": 88, "bond": 86, "voice": 87},
}


@pytest.fixture(scope="module")
def merged() -> pd.DataFrame:
    articles = pd.read_csv(DATA / "articles.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(DATA / "coding.csv", dtype={"sent_id": "int64"}, keep_default_na=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = framing.score(articles[["doc_id", "text"]])
    counts = sents.groupby("doc_id").size().sort_index()
    coded = gold.groupby("doc_id").size().sort_index()
    assert counts.to_dict() == coded.to_dict(), "the sentence split changed: check the coding"
    table = gold.merge(sents, on=["doc_id", "sent_id"], suffixes=("_gold", ""))
    table["set"] = table["doc_id"].str.split("-").str[0]
    return table


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_agreement_does_not_fall(merged, name):
    part = merged[merged["set"] == name]
    got = {
        "n": len(part),
        "relevant": int(((part["relevant_gold"] == "yes") == part["relevant"]).sum()),
        "power": int((part["power_gold"] == part["power_label"]).sum()),
        "bond": int((part["bond_gold"] == part["bond_label"]).sum()),
        "voice": int((part["voice_gold"] == part["voice"]).sum()),
    }
    floor = FLOORS[name]
    assert got["n"] == floor["n"]
    assert all(got[key] >= floor[key] for key in floor), (got, floor)
