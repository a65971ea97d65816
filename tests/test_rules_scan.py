"""Cues and rule words found in a whole document at once, at its sentence boundaries.

Every text here is constructed. Lexicon.match_sentences scans a document once; these cases pin
what it returns where a phrase meets a sentence boundary (a boundary at a line break, or spans
that a caller cut anywhere, even inside a word).
"""

from __future__ import annotations

import pytest

from framing._lexicon import load_lexicon
from framing._text import split_sentences


@pytest.fixture(scope="module")
def lex():
    return load_lexicon("relationship")


def _coded(matches):
    return [(m.term, m.pole, m.negator, m.marker, m.conceded, m.weight) for m in matches]


def test_a_cue_across_a_line_break_boundary_counts_in_neither_sentence(lex):
    """'junior' + line break + 'Partner' is the cue 'junior partner' across two sentences (a
    headline line): the document scan finds it whole and neither sentence keeps it, nor the
    shorter 'junior' it swallowed. match() on the first sentence alone does find 'junior'."""
    text = "Moscow is not a junior\nPartner in name only"
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == ["Moscow is not a junior", "Partner in name only"]
    assert lex.match_sentences(text, spans) == [[], []]
    assert _coded(lex.match(text, *spans[0][:2])) == [("junior", "equal", "not", None, False, 0.75)]


def test_a_cue_cut_by_the_spans_is_dropped_with_the_cue_inside_it(lex):
    text = "It is a marriage of convenience."
    assert lex.match_sentences(text, [(0, 19), (20, len(text))]) == [[], []]
    assert _coded(lex.match(text, 20, len(text))) == [
        ("convenience", "convenience", None, None, False, 1)
    ]


def test_a_negator_across_a_line_break_boundary_negates_nothing_after_it(lex):
    """'no' + line break + 'Longer' would be 'no longer'; rule words are found per sentence,
    so the second sentence's 'friends' is not negated."""
    text = "Beijing is no\nLonger friends, they say."
    spans = split_sentences(text)
    assert len(spans) == 2
    assert [_coded(ms) for ms in lex.match_sentences(text, spans)] == [
        [],
        [("friends", "friendship", None, None, False, 1)],
    ]


def test_a_rule_word_that_starts_a_sentence_counts_even_inside_a_longer_one(lex):
    """Spans cut 'for | show of friendship': the performance marker 'for show' would cross the
    cut; 'show of' starts the second sentence and turns its friendship."""
    text = "They met for show of friendship."
    assert [_coded(ms) for ms in lex.match_sentences(text, [(0, 12), (13, len(text))])] == [
        [],
        [("friendship", "convenience", None, "show of", False, 1)],
    ]


def test_a_rule_word_that_a_cut_ends_counts_in_its_sentence(lex):
    """Spans cut 'yeti' after 'yet': the first sentence ends with the contrast marker, which
    concedes the cue before it."""
    text = "They are friends yeti."
    assert [_coded(ms) for ms in lex.match_sentences(text, [(0, 20), (20, len(text))])] == [
        [("friends", "friendship", None, None, True, pytest.approx(0.3))],
        [],
    ]


def test_a_word_before_the_span_start_keeps_a_phrase_from_starting_there(lex):
    """A span that starts inside 'befriends' holds 'friends' as text, not as a cue: the word
    boundary is read in the whole text, not in the span."""
    text = "Moscow befriends Beijing."
    assert lex.match_sentences(text, [(9, len(text))]) == [[]]
    assert lex.match(text, 9, len(text)) == []


def test_each_sentence_has_its_own_rules(lex):
    text = "Not friends. Rivals, not friends"
    spans = split_sentences(text)
    assert [_coded(ms) for ms in lex.match_sentences(text, spans)] == [
        [("friends", "convenience", "Not", None, False, 1)],
        [
            ("Rivals", "convenience", None, None, False, 0.75),
            ("friends", "convenience", "not", None, False, 1),
        ],
    ]
