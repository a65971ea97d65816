"""Cues and rule words found in a whole document at once, at its sentence boundaries.

Every text here is constructed. Lexicon.match_sentences scans a document once; these cases pin
what it returns where a phrase meets a sentence boundary (a boundary at a line break, or spans
that a caller cut anywhere, even inside a word).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing._lexicon import CueMatch, load_lexicon
from framing._rules import RuleEngine, _scare_quotes
from framing._text import PhraseMatcher, PhraseSets, split_sentences

_FIELDS = list(CueMatch.__dataclass_fields__)


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


# --- one scan of several matchers (PhraseSets) ---------------------------------------------------

# Constructed phrase sets that share words and prefixes across sets ("no" / "no longer" / "no
# limits"), with wildcards, possessives, apostrophes and letters outside ASCII.
_SETS = [
    ["no limits", "friend*", "friendship", "xi's friend", "partner", "café society", "é"],
    ["no", "not", "no longer", "n't", "never*"],
    ["but", "but also", "limits", "société"],
]
# The same with a wildcard inside a phrase ("friend* of"), where the longest match of all sets
# is not always the trie's: "friends" ends the trie's match before "friends of".
_SETS_INNER_WILDCARD = [[*_SETS[0], "friend* of"], ["friends", *_SETS[1]], _SETS[2]]
_WORDS = (
    "no limits longer not but also friend friends friendship of xi's Xi’s partner café "
    "Société society é éno _no n't isn't never nevertheless NO But FRIEND* x"
).split()
_GLUE = [" ", "-", ", ", ". ", "\n", "—", " - ", "'", "’", "(", ""]


def _each_alone(matchers, text, start, end, lowered):
    return [list(m.finditer(text, start, end, lowered=lowered)) for m in matchers]


@pytest.mark.parametrize("phrases", [_SETS, _SETS_INNER_WILDCARD], ids=["by text", "inner *"])
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=30),
    glue=st.lists(st.sampled_from(_GLUE), min_size=30, max_size=30),
    start=st.integers(0, 60),
    end=st.integers(0, 250),
    lower=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_one_scan_finds_what_each_matcher_finds_alone(phrases, words, glue, start, end, lower):
    matchers = [PhraseMatcher(p) for p in phrases]
    sets = PhraseSets(matchers)
    text = "".join(w + g for w, g in zip(words, glue, strict=False))
    start, end = min(start, len(text)), min(max(start, end), len(text))
    lowered = text.lower() if lower else None
    alone = _each_alone(matchers, text, start, end, lowered)
    assert sets.findall(text, start, end, lowered=lowered) == alone
    where = sets.where(text, start, end, lowered=lowered)
    if phrases is _SETS_INNER_WILDCARD:
        assert where is None  # the split by matched text would not be exact
        return
    assert where is not None
    positions, matched, matches = where
    subject = lowered or text
    assert positions == sorted(set(positions))
    for at, longest, here in zip(positions, matched, matches, strict=True):
        assert subject[at : at + len(longest)] == longest
        assert max(length for _, length, _ in here) == len(longest)
    starts = {s for hits in alone for s, _, _ in hits}
    assert starts <= set(positions)


def test_the_split_by_text_is_worked_out_once_per_spelling():
    """The words of the second set are prefixes of the first set's phrases: each set's match
    at a place is a prefix of the longest one, found by that set's own pattern."""
    cues, negators = PhraseMatcher(["no limits", "xi's friend"]), PhraseMatcher(["no", "xi"])
    sets = PhraseSets([cues, negators])
    text = "No limits, no limits; Xi’s friend and xi's"
    assert sets.findall(text, lowered=text.lower()) == [
        [(0, 9, 0), (11, 20, 0), (22, 33, 1)],
        [(0, 2, 0), (11, 13, 0), (22, 26, 1), (38, 42, 1)],
    ]
    assert set(sets._splits[True]) == {"no limits", "xi’s friend", "xi's"}
    assert sets._splits[True]["no limits"] == ((0, 9, 0), (1, 2, 0))


def test_a_place_after_a_letter_outside_ascii_is_no_word_start():
    """The scan looks for places after non-word characters: 'énot' holds no 'not', while a
    place at the text's start, after a space or after a dash is one."""
    sets = PhraseSets([PhraseMatcher(["not"]), PhraseMatcher(["é"])])
    text = "not énot é-not"
    assert sets.findall(text) == [[(0, 3, 0), (11, 14, 0)], [(9, 10, 0)]]
    assert sets.findall(text, 1) == [[(11, 14, 0)], [(9, 10, 0)]]
    assert sets.findall(text, 5) == [[(11, 14, 0)], [(9, 10, 0)]]
    assert sets.findall(text, 11) == [[(11, 14, 0)], []]


def test_sets_too_deep_for_one_trie_are_scanned_by_each_pattern():
    """Each set nests 150 phrases; their one trie would nest 300, more than re can compile: the
    scan then runs each set's own pattern where any phrase starts."""
    odd = PhraseMatcher([" ".join(["a"] * n) for n in range(1, 300, 2)])
    even = PhraseMatcher([" ".join(["a"] * n) for n in range(2, 301, 2)])
    sets = PhraseSets([odd, even])
    assert sets.where("a a a") is None
    assert sets.findall("a a a b a") == [[(0, 5, 1), (8, 9, 0)], [(0, 3, 0)]]


# --- a document at once, against a scan per sentence ---------------------------------------------

_RULE_TEXT = (
    "not no longer but yet although while so-called whether staged for show of to look like "
    "nor neither isn't rather than more than a in fact their"
).split()
_CUE_TEXT = (
    "friends friendship partner junior partner marriage of convenience equals partnership "
    "brotherly rivals dependence no limits vassal"
).split()
_PUNCT = [" ", " ", " ", ", ", "; ", ": ", ". ", "? ", "! ", " – ", "—", "\n", " 'x' ", " “", "” "]


def _text_and_cuts(words, punct, cuts):
    """A drawn text, its lower case, and spans cut at the drawn points (inside a word, a
    phrase, leaving gaps)."""
    text = "".join(w + p for w, p in zip(words, punct, strict=False))
    points = sorted({min(c, len(text)) for c in cuts})
    cut = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    return text, text.lower(), cut


@given(
    words=st.lists(st.sampled_from(_RULE_TEXT + _CUE_TEXT + ["Russia", "They", "It"]), max_size=60),
    punct=st.lists(st.sampled_from(_PUNCT), min_size=60, max_size=60),
    cuts=st.lists(st.integers(0, 400), max_size=6),
)
@settings(max_examples=150, deadline=None)
def test_a_document_at_once_is_a_scan_per_sentence(words, punct, cuts):
    """Sentences split as the scorer splits them, and spans cut anywhere (inside a word,
    a phrase, leaving gaps): match_document gives what match_by_sentence gives."""
    engine = load_lexicon("relationship")._compiled
    text, lowered, cut = _text_and_cuts(words, punct, cuts)
    for spans in (split_sentences(text), cut):
        expected = engine.match_by_sentence(text, spans, lowered)
        assert engine.match_document(text, spans, lowered) == expected
        assert engine.match_document(text, spans, None) == expected


@pytest.mark.parametrize(
    ("text", "quick"),
    [
        ("They are old friends and not much else.", True),  # the negator follows the cue
        ("But they are old friends.", True),  # the contrast precedes the cue
        ("They are friends despite everything.", True),  # the concession follows it
        ("Are they friends and nothing more?", True),  # plain words, but a question
        ("They are old friends, but distrust runs deep.", False),  # conceded
        ("They are friends, although doubts remain.", False),  # a comma: 'although' asserts
        ("Despite everything, they are friends.", False),
        ("They are not friends.", False),
        ("They are old friends, not rivals.", False),  # the negator precedes the second cue
    ],
)
def test_rule_words_that_reach_no_cue_leave_the_cues_plain(lex, text, quick):
    """The quick test of rule words that leave every cue as it is (negators after the cues,
    contrast markers before them, concessions after them), and the records it lets through
    plain: what apply() on the sentence gives. Constructed sentences."""
    engine, end = lex._compiled, len(text)
    cues, words = engine.find(text, 0, end, None), engine.rules.findall(text, 0, end)
    assert engine._no_word_reaches(cues, words) is quick
    expected = engine.apply(text, 0, end, cues, engine.rule_hits(text, 0, end, None))
    assert engine.records(text, [(0, end)], text.lower()) == [[vars(m) for m in expected]]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Late in a long sentence they praised their   'friendship' again.", "scare quotes"),
        ("Their 'friendship' is praised.", "scare quotes"),
        ("They praised “friendship” and their “partnership”, loudly.", None),
        ("Xi spoke of a 'friendship' without limits.", None),
    ],
)
def test_scare_quotes_found_from_the_first_opening_mark(lex, text, mention):
    """The scan for scare quotes starts at the first quotation mark after white space, back
    over that white space and a determiner; the first cue is or is not in scare quotes."""
    first = lex.match_sentences(text, [(0, len(text))])[0][0]
    assert first.term == "friendship"
    assert first.mention == mention


# The single pattern scare quotes were found with before (one determiner at every character):
# the reference for the scan from mark to mark.
_SCARE_QUOTE = re.compile(
    r"\b(?:their|the|this|that|these|those|its|such|our)\s+[\"“‘']([\w-]+)[\"”’'](?!\w)",
    re.IGNORECASE,
)


_QUOTE_PIECES = st.tuples(
    st.sampled_from(["the", "Their", "THESE", "its", "a", "xthe", "our", "word", "é", ""]),
    st.sampled_from([" ", "  ", "\n", "", "-"]),
    st.sampled_from(["'", "“", "‘", '"', "”", ""]),
    st.sampled_from(["word", "co-op", "é", "two words", ""]),
    st.sampled_from(["'", "”", "’", '"', "“", ""]),
    st.sampled_from([" ", ",", "s", "'s", ""]),
)


@given(
    pieces=st.lists(_QUOTE_PIECES, max_size=8),
    start=st.integers(0, 30),
    end=st.integers(0, 200),
)
@settings(max_examples=300, deadline=None)
def test_scare_quotes_from_mark_to_mark_are_the_single_patterns_matches(pieces, start, end):
    text = "".join("".join(piece) for piece in pieces)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = [m.span(1) for m in _SCARE_QUOTE.finditer(text, start, end)]
    assert _scare_quotes(text, start, end) == expected


# --- punctuation rules, against their plain definitions ------------------------------------------

# The plain definitions the faster scans of _rules must agree with: every clause-break character
# (an en dash or hyphen only with white space on both sides, looked at in the whole text),
# "n't" from an "n" inside the span, a question mark that ends the span.
_BREAK_CHARACTER = re.compile(r"[;:()\[\]—–-]")
_CONTRACTED = re.compile(r"n['’]t\b", re.IGNORECASE)
_ASKS = re.compile(r"\?[\s\"”’')\]]*$")
_MARK_PIECES = [
    " ", "  ", "\n", "\u00a0", "the", "Their", "a", "word", "co-op", "don", "isn", "N", "n", "t",
    "T", "x", "-", "–", "—", ";", ":", "(", "]", "?", "'", "’", '"', "“", "”", "‘", ",", ".",
    "Nor", "neither",
]  # fmt: skip


def _expected_breaks(text, start, end):
    def spaced(at):
        return 0 < at < len(text) - 1 and text[at - 1].isspace() and text[at + 1].isspace()

    return [
        m.start()
        for m in _BREAK_CHARACTER.finditer(text, start, end)
        if m.group() not in "–-" or spaced(m.start())
    ]


@given(
    pieces=st.lists(st.sampled_from(_MARK_PIECES), max_size=14),
    start=st.integers(0, 40),
    end=st.integers(0, 80),
)
@settings(max_examples=400, deadline=None)
def test_punctuation_rules_are_their_plain_definitions(lex, pieces, start, end):
    """Clause breaks (a dash that ends the span looks at the character after it), contracted
    negations (not from an "n" before the span), questions and scare quotes, as rule_hits finds
    them, and the check that no rule applies to a sentence without rule words."""
    engine = lex._compiled
    text = "".join(pieces)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    hits = engine.rule_hits(text, start, end, None)
    assert hits.breaks == _expected_breaks(text, start, end)
    contracted = [m.end() for m in _CONTRACTED.finditer(text, start, end)]
    assert [e for _, e, i in hits.negations if i == -1] == [
        e for e in contracted if re.search(r"\w+$", text[max(start, e - 33) : e - 3])
    ]
    asks = _ASKS.search(text, start, end) is not None
    assert hits.question == ("question" if asks else None)
    assert hits.quotes == _scare_quotes(text, start, end)
    opening = engine.opening.match(text, start, end) is not None
    expected = not (
        _CONTRACTED.search(text, start, end) or opening or asks or _scare_quotes(text, start, end)
    )
    assert engine._no_rule_applies(text, start, end) is expected


def test_a_dash_at_the_end_of_a_span_is_a_break_when_white_space_follows(lex):
    engine = lex._compiled
    text = "Friends - indeed friends -x"
    assert engine.rule_hits(text, 0, 9, None).breaks == [8]
    assert engine.rule_hits(text, 17, 26, None).breaks == []  # "-x": a hyphen
    assert engine.rule_hits(text, 0, 8, None).breaks == []


def test_contracted_negation_runs_from_the_word_it_ends(lex):
    """'mightn't' is no negator of the lexicon: "n't" makes it one, from the start of its word;
    a span that starts inside the word after its "n" holds no negation."""
    engine = lex._compiled
    text = "They mightn't be friends"
    assert engine.rule_hits(text, 0, len(text), None).negations == [(5, 13, -1)]
    assert engine.rule_hits(text, 11, len(text), None).negations == []
    assert [m.negator for m in lex.match(text)] == ["mightn't"]


# --- cues and the dyad's phrases from one scan ---------------------------------------------------

# Names, names inside names ("Putin" in "Vladimir Putin"), overlapping names ("Chinese
# President" and "President Xi Jinping"), an excluded name and a reference to the pair.
_ACTOR_TEXT = [
    "Xi", "Jinping", "Xi Jinping", "President", "Chinese President Xi Jinping", "Vladimir",
    "President Vladimir Putin", "Putin", "Russia", "Russian", "China", "South China Morning Post",
    "the two leaders", "Kremlin", "Xi's", "PRC",
]  # fmt: skip


@given(
    words=st.lists(st.sampled_from(_RULE_TEXT + _CUE_TEXT + _ACTOR_TEXT), max_size=60),
    punct=st.lists(st.sampled_from(_PUNCT), min_size=60, max_size=60),
    cuts=st.lists(st.integers(0, 400), max_size=6),
)
@settings(max_examples=150, deadline=None)
def test_one_scan_finds_the_cues_and_the_dyads_phrases(words, punct, cuts):
    """match_with_actors gives the cue matches a scan per sentence gives, and the dyad's
    phrases as their own matcher finds them from the first span's start to the last one's end
    (names inside names and overlapping names left out), in the lower-cased text."""
    lexicon = load_lexicon("relationship")
    engine = lexicon._compiled
    phrases = lexicon.dyad_matcher().phrase_matcher
    text, lowered, cut = _text_and_cuts(words, punct, cuts)
    for spans in (split_sentences(text), cut):
        expected = engine.match_by_sentence(text, spans, lowered)
        matches, hits = engine.match_with_actors(text, spans, lowered)
        assert matches == expected
        # score()'s records: the matches' fields, in field order.
        records, same_hits = engine.records_with_actors(text, spans, lowered)
        assert same_hits == hits
        assert records == [[vars(m) for m in ms] for ms in expected]
        assert all(list(r) == _FIELDS for rs in records for r in rs)
        if spans:
            found = list(phrases.finditer(text, spans[0][0], spans[-1][1], lowered=lowered))
            assert hits == ([s for s, _, _ in found], [lowered[s:e] for s, e, _ in found])
        assert engine.match_with_actors(text, spans, None) == (expected, None)


def test_names_that_overlap_are_found_as_the_names_own_scan_finds_them(lex):
    """'Chinese President' and 'President Xi Jinping' overlap: the leftmost is kept, then 'Xi
    Jinping', which starts inside the second; 'Putin' inside 'President Vladimir Putin' and 'xi'
    inside 'Xi Jinping' are no names of their own. Constructed text."""
    text = "Chinese President Xi Jinping hosted President Vladimir Putin."
    matches, hits = lex.match_with_actors(text, [(0, len(text))])
    assert matches == [[]]
    assert hits == ([0, 18, 36], ["chinese president", "xi jinping", "president vladimir putin"])


def test_names_after_a_phrase_across_a_boundary_are_all_found(lex):
    """'junior' + line break + 'Partner' crosses the sentences' boundary, so the cues are
    found sentence by sentence; the names before and after it still come from the one scan.
    A text matched splits into its cue and rule-word matches, the longest one's length and the
    name (a name alone holds no cue or rule word, a negator no name). Constructed text."""
    text = "Russia is not a junior\nPartner of China, and Xi Jinping met Putin in Moscow."
    spans = split_sentences(text)
    assert len(spans) == 2
    matches, hits = lex.match_with_actors(text, spans)
    assert matches == lex._compiled.match_by_sentence(text, spans, text.lower())
    assert hits == (
        [0, 34, 45, 60, 69],
        ["russia", "china", "xi jinping", "putin", "moscow"],
    )
    of = lex._compiled.with_actors.of
    assert of["xi jinping"] == ((), 0, "xi jinping", 10)
    assert of["not"] == (((1, 3, 0),), 3, "", 0)


def test_no_phrase_hits_where_one_scan_cannot_give_them(lex):
    """Text whose lower case the matchers cannot scan ('ı'), and actors' phrases that make the
    one trie unavailable (a wildcard inside a phrase): the cue matches are the same, the phrase
    hits None (the dyad then scans for them itself). Constructed texts."""
    text = "Putin is not a junior partner of Xi, says Yıldız."
    spans = split_sentences(text)
    assert lex.match_with_actors(text, spans) == (lex.match_sentences(text, spans), None)
    records = [[vars(m) for m in ms] for ms in lex.match_sentences(text, spans)]
    assert lex._records_with_actors(text, spans, text.lower()) == (records, None)
    engine = RuleEngine(
        lex.cues, lex.axes, lex.settings, actors=PhraseMatcher(["chin* daily", "russia"])
    )
    text = "Russia is a junior partner, China Daily says."
    spans = split_sentences(text)
    assert engine.match_with_actors(text, spans, text.lower()) == (
        lex.match_sentences(text, spans),
        None,
    )


def test_places_are_those_of_where():
    sets = PhraseSets([PhraseMatcher(["not", "no longer"]), PhraseMatcher(["but", "no"])])
    text = "No longer friends, but not rivals."
    assert sets.places(text) == ([0, 19, 23], ["No longer", "but", "not"])  # as written
    assert sets.places(text) == sets.where(text)[:2]
    assert sets.places(text, 1, lowered=text.lower()) == ([19, 23], ["but", "not"])
    odd = PhraseMatcher([" ".join(["a"] * n) for n in range(1, 300, 2)])
    even = PhraseMatcher([" ".join(["a"] * n) for n in range(2, 301, 2)])
    assert PhraseSets([odd, even]).places("a a a") is None  # as where() (see above)
