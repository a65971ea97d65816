"""Property-based tests over the public API with arbitrary text (hypothesis)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.clean import clean
from framing.errors import FramingError
from framing.lexicon import Axis, Cue, Lexicon, load_lexicon
from framing.scoring import aggregate, score
from framing.text import split_sentences

# Text that looks like news (words from the lexicon domain, quotes, punctuation, line breaks)
# mixed with arbitrary unicode: control characters, RTL, emoji, lone quotation marks.
_WORDS = [
    "Xi", "Putin", "China", "Russia", "Beijing", "Moscow", "friend", "friends", "not", "no longer",
    "junior partner", "marriage of convenience", "but", "said", "“", "”", "\"", "'", "’", ".", ",",
    "?", "!", ";", "—", "\n", "\n\n", "Mr.", "U.S.", "1.28", "…", "calculated", "camaraderie",
]  # fmt: skip
news_like = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=60).map(
    " ".join
)
any_text = st.one_of(news_like, st.text(max_size=300))

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=any_text)
def test_sentences_index_the_cleaned_text(text):
    cleaned = clean(text).text
    spans = split_sentences(cleaned)
    previous_end = 0
    for start, end, paragraph in spans:
        assert previous_end <= start < end <= len(cleaned)
        sentence = cleaned[start:end]
        assert sentence == sentence.strip()
        assert paragraph >= 0
        previous_end = end


@SETTINGS
@given(texts=st.lists(any_text, min_size=1, max_size=4))
def test_score_never_crashes_and_scores_are_bounded(texts):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            sents = score(texts)
        except FramingError:
            return  # documented errors only (e.g. a corpus with no text at all)
    for axis in ("power", "bond"):
        values = sents[axis].to_numpy()
        finite = values[~np.isnan(values)]
        assert ((finite >= -1) & (finite <= 1)).all()
        assert set(sents[f"{axis}_label"]) <= {"none", *load_lexicon().poles[axis]}
    # Every document with text is there.
    assert set(sents["doc_id"]) <= {f"doc{i:04d}" for i in range(1, len(texts) + 1)}


@SETTINGS
@given(
    words=st.lists(st.sampled_from(["warm", "cold", "not", "but", "tea"]), min_size=1, max_size=12)
)
def test_swapping_poles_flips_the_sign(words):
    text = " ".join(words) + "."
    cues = (Cue("warm", "tone", "a"), Cue("cold", "tone", "b"))
    first = Lexicon("t", "1", "constructed", (Axis("tone", ("a", "b")),), cues)
    swapped = Lexicon("t", "1", "constructed", (Axis("tone", ("b", "a")),), cues)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one, two = score([text], first), score([text], swapped)
    np.testing.assert_array_equal(one["tone"].to_numpy(), -two["tone"].to_numpy())


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(list(range(5))))
def test_shuffling_documents_leaves_aggregates_alone(seeds_scores_cached, order):
    sents = seeds_scores_cached
    shuffled = pd.concat([g for _, g in sents.groupby("doc_id", sort=True)][i] for i in order)
    shuffled.attrs = sents.attrs
    pd.testing.assert_frame_equal(aggregate(shuffled, "outlet"), aggregate(sents, "outlet"))
