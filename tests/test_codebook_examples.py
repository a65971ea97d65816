"""Every example of the codebook (docs/codebook.md), put in a plain constructed sentence, gets the
codebook's label from the built-in lexicon: the lexicon is the codebook's, example by example."""

from __future__ import annotations

import pytest

import framing

# (axis, label the codebook gives, constructed sentence holding the codebook's example phrase)
CASES = [
    ("power", "equal", "China and Russia are a partnership of equals."),
    ("power", "equal", "China and Russia have reached parity."),
    ("power", "equal", "China and Russia treat each other with mutual respect."),
    ("power", "equal", "Ties between China and Russia rest on mutual benefit."),
    ("power", "equal", "Reciprocity marks ties between China and Russia."),
    ("power", "equal", "Putin returned the favour when Xi visited Russia."),
    ("power", "equal", "Xi told Putin: we are the ones driving these changes together."),
    ("power", "equal", "China and Russia have balanced ties."),
    ("power", "equal", "China and Russia have symmetric ties."),
    (
        "power",
        "equal",
        "China and Russia have a comprehensive strategic partnership of coordination.",
    ),
    ("power", "equal", "Xi and Putin praised win-win cooperation between China and Russia."),
    ("power", "junior", "Russia is China's junior partner."),
    ("power", "junior", "Russia has become a client of China."),
    ("power", "junior", "Russia has become China's vassal."),
    ("power", "junior", "China is Russia's lifeline."),
    ("power", "junior", "Russia's dependence on China is growing."),
    ("power", "junior", "China has leverage over Russia."),
    ("power", "junior", "China has the upper hand over Russia."),
    ("power", "junior", "Xi holds all the cards in his dealings with Putin."),
    ("power", "junior", "Beijing can dictate the pace of its ties with Moscow."),
    ("power", "junior", "Putin went to Beijing cap in hand."),
    ("power", "junior", "Trade between China and Russia is lopsided."),
    ("power", "junior", "Ties between China and Russia are no longer a partnership of equals."),
    ("power", "junior", "Putin needs him completely, an analyst said of Xi."),
    ("bond", "friendship", "Xi and Putin are friends."),
    ("bond", "friendship", "Xi called Putin his best friend."),
    ("bond", "friendship", "Xi called Putin his dear friend."),
    ("bond", "friendship", "Putin called Xi his old friend."),
    ("bond", "friendship", "Xi and Putin enjoy a bromance."),
    ("bond", "friendship", "Xi and Putin have a romance."),
    ("bond", "friendship", "Xi and Putin are like brothers."),
    ("bond", "friendship", "The camaraderie between Xi and Putin is real."),
    ("bond", "friendship", "Xi and Putin share a personal bond."),
    ("bond", "friendship", "Xi brought Putin a birthday cake."),
    ("bond", "friendship", "Putin and Xi shared ice cream on the Russian leader's birthday."),
    ("bond", "friendship", "Xi and Putin greeted each other with a hug."),
    ("bond", "friendship", "China and Russia share a long shared history."),
    ("bond", "friendship", "China and Russia are bound by shared values."),
    ("bond", "friendship", "The friendship between China and Russia is built to last."),
    ("bond", "friendship", "Amity between China and Russia runs deep."),
    ("bond", "convenience", "China and Russia are in a marriage of convenience."),
    ("bond", "convenience", "China and Russia draw strategic benefits from their ties."),
    ("bond", "convenience", "Ties between China and Russia are transactional."),
    ("bond", "convenience", "Ties between China and Russia are pragmatic."),
    ("bond", "convenience", "For China, Russia is too useful to abandon."),
    ("bond", "convenience", "China and Russia are in an uneasy alignment."),
    ("bond", "convenience", "China and Russia are bound by interests, not by shared values."),
    (
        "bond",
        "convenience",
        "China and Russia see each other as a counterbalance against the West.",
    ),
    ("bond", "convenience", "There are limits to the alignment between China and Russia."),
    ("bond", "convenience", "The friendship of Xi and Putin is curated."),
    ("bond", "convenience", "Calculated camaraderie was put on display when Xi met Putin."),
    ("bond", "convenience", "The friendship of Xi and Putin is about optics."),
    ("bond", "convenience", "The friendship of Xi and Putin is a ploy."),
    ("bond", "convenience", "The friendship of Xi and Putin is staged."),
    ("bond", "convenience", "The friendship of Xi and Putin was on display in Moscow."),
    ("bond", "friendship", "China and Russia: this is not a marriage of convenience."),
    (
        "power",
        "junior",
        "Vladimir Putin and Xi Jinping may have a romance, but it's clear who has the power.",
    ),
    (
        "bond",
        "none",
        "Vladimir Putin and Xi Jinping may have a romance, but it's clear who has the power.",
    ),
    ("power", "none", "China is Russia's largest trading partner."),
    ("bond", "none", "China is Russia's largest trading partner."),
    ("power", "none", "China and Russia signed a partnership."),
    ("bond", "none", "China and Russia have strong ties."),
]


@pytest.fixture(scope="module")
def scored():
    sents = framing.score([text for _, _, text in CASES])
    return sents.groupby("doc_id", sort=False).first().reset_index()


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=lambda v: str(v)[:60])
def test_codebook_example_gets_its_label(scored, index, case):
    axis, label, text = case
    row = scored.iloc[index]
    assert row["text"] == text
    assert row[f"{axis}_label"] == label, row["evidence"]
