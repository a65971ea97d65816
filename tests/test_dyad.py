"""Dyad relevance, by the codebook's Target rules, for the built-in dyad and another one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing._dyad import DyadMatcher
from framing._lexicon import load_lexicon
from framing._lexicon_parts import Settings
from framing._phrases import lower_case_matches
from framing._rules import RuleEngine
from framing._text import PhraseMatcher, split_sentences
from framing.errors import ParameterError

DATA = Path(__file__).parent / "data" / "lexicons"


def _matcher(lexicon):
    return lexicon.dyad_matcher()


def _judge(lexicon, text):
    spans = split_sentences(text)
    result = _matcher(lexicon).relevance(text, spans)
    return [(text[s:e], b) for (s, e, _), b in zip(spans, result.basis, strict=True)]


@pytest.fixture(scope="module")
def relationship():
    return load_lexicon("relationship")


def test_rules_on_constructed_text(relationship):
    # Constructed paragraph exercising every rule.
    text = (
        "Xi Jinping hosted Vladimir Putin in Beijing. They signed a statement. "
        "Meanwhile, China's economy grew. The pair then dined.\n"
        "The Kremlin praised its southern neighbour. Ukraine said nothing.\n"
        "Both sides were invited to talks."
    )
    assert [b for _, b in _judge(relationship, text)] == [
        "both_sides",  # both named
        "carried",  # "They" after a relevant sentence
        "one_side",  # one side only, and "Meanwhile" changes the subject
        "reference",  # "the pair", dyad established
        "counterpart",  # Kremlin + "its southern neighbour"
        "none",  # neither side
        "none",  # "both sides" is not a reference: Chinese statements use it of Russia and Ukraine
    ]


def test_reference_needs_an_established_dyad(relationship):
    assert _judge(relationship, "The two leaders met. Xi spoke.") == [
        ("The two leaders met.", "none"),
        ("Xi spoke.", "one_side"),
    ]


def test_carry_only_after_a_relevant_sentence(relationship):
    assert [b for _, b in _judge(relationship, "China grew. They were pleased.")] == [
        "one_side",
        "none",
    ]
    text = "Putin met Xi. And both agreed to meet again."
    assert [b for _, b in _judge(relationship, text)] == ["both_sides", "carried"]


def test_names_inside_other_names_do_not_count(relationship):
    text = "Gabuev of the Carnegie Russia Eurasia Center wrote in the South China Morning Post."
    assert _judge(relationship, text) == [(text, "none")]


def test_actors_column_and_possessives(relationship):
    text = "Putin’s talks with Xi’s aides."
    result = _matcher(relationship).relevance(text, split_sentences(text))
    assert result.actors == (("china", "russia"),)


def test_seed_sentences(seeds, relationship):
    from framing._clean import clean

    text = clean(seeds["001_928cbda8d1da483e"].text).text
    judged = dict(_judge(relationship, text))
    assert (
        judged[
            "They have since drawn closer, with Xi whisking Putin away on a high-speed train ride across China to make traditional steamed buns in 2018."
        ]
        == "both_sides"
    )
    assert (
        judged[
            "“It will legitimise Russia in the international arena by creating a positive image of Putin not being completely isolated in the context of war,” she told AFP."
        ]
        == "continued"  # gold: relevant (convenience); it goes on with the visit's story
    )
    assert (
        judged[
            "The two countries describe their relationship as a “comprehensive strategic partnership” that has “no limits” on potential cooperation."
        ]
        == "reference"
    )
    assert (
        judged[
            "Their amity has endured despite Russia‘s frontal assault on Ukraine since last year, thrusting Moscow and Putin into international isolation."
        ]
        == "carried"
    )


def test_another_dyad_with_no_code_change():
    lexicon = load_lexicon(DATA / "us_uk.toml")
    text = (
        "Starmer met Biden at the White House. They praised the special relationship. "
        "They dined. Let us hope, he said. China watched.\nBritain is not America's poodle."
    )
    assert [b for _, b in _judge(lexicon, text)] == [
        "both_sides",
        "reference",
        "carried",
        "none",
        "none",
        "both_sides",
    ]
    # The acronym US is case-sensitive: "us" in "Let us hope" is not the United States.
    result = _matcher(lexicon).relevance("Let us hope.", [(0, 12, 0)])
    assert result.actors == ((),)


def test_no_dyad_means_everything_is_relevant():
    result = DyadMatcher({}, ()).relevance("Anything at all.", [(0, 16, 0)])
    assert result.relevant == (True,) and result.basis == ("no_dyad",)


def test_sides_must_be_two_known_actors():
    with pytest.raises(ParameterError, match="sides"):
        DyadMatcher({"a": ["A"]}, ("a", "b"))


def test_empty_document():
    assert DyadMatcher({"a": ["A"], "b": ["B"]}, ("a", "b")).relevance("", []).relevant == ()


def test_acronyms_anywhere_in_the_document():
    # Constructed: acronyms (case-sensitive; a hyphen in one also matches a space or a dash)
    # are found late in a document, in any sentence, and not inside longer words.
    matcher = DyadMatcher(
        {"china": ["China", "PRC", "PLA-N"], "russia": ["Russia", "RF"]}, sides=("china", "russia")
    )
    text = "Trade grew. Nothing happened. PLA–N ships met RF ships. The PRC's envoy left. PRCX."
    spans = split_sentences(text)
    result = matcher.relevance(text, spans)
    assert result.actors == ((), (), ("china", "russia"), ("china",), ())
    assert result.basis == ("none", "none", "both_sides", "one_side", "none")
    # No acronym at all in the document: no actor.
    assert matcher.relevance("prc and rf.", [(0, 11, 0)]).actors == ((),)


def test_sentences_without_phrases_keep_the_dyad_established():
    # Constructed: the pair is established in sentence 1 and stays so through sentences with
    # no phrase; a reference two sentences later still counts.
    matcher = DyadMatcher(
        {"china": ["China"], "russia": ["Russia"]},
        sides=("china", "russia"),
        references=["the pair"],
        carry_terms=["they"],
    )
    text = "China met Russia. They talked. Rain fell. The pair left."
    result = matcher.relevance(text, split_sentences(text))
    assert result.established == (True, True, True, True)
    assert result.basis == ("both_sides", "carried", "none", "reference")


def test_carry_after_a_short_opener(relationship):
    # Constructed; the last one is the shape of seed 004 ("This week they even hugged.").
    text = "Xi met Putin. In 2019, they met again. This week they even hugged. Markets rose, they said."
    assert [b for _, b in _judge(relationship, text)] == [
        "both_sides",
        "carried",
        "carried",
        "none",
    ]


def test_framed_sentences_carry_relevance_to_the_next():
    # Constructed. A framed sentence is relevant, so a carry term after it is carried and a
    # cue after it is framed; without `framed`, the chain stops at the one-side sentence.
    matcher = DyadMatcher(
        {"china": ["China", "Xi", "Beijing"], "russia": ["Russia", "Putin", "Moscow"]},
        sides=("china", "russia"),
        carry_terms=["they"],
    )
    text = (
        "Xi met Putin. Moscow is now the junior partner. They met 40 times. "
        "Trade is lopsided. Rain fell. Trade is lopsided."
    )
    spans = split_sentences(text)
    framed = [False, True, False, True, False, True]
    result = matcher.relevance(text, spans, framed=framed)
    assert result.basis == ("both_sides", "framed", "carried", "framed", "none", "none")
    assert result.relevant == (True, True, True, True, False, False)
    plain = matcher.relevance(text, spans)
    assert plain.basis == ("both_sides", "one_side", "none", "none", "none", "none")
    with pytest.raises(ParameterError, match="framed"):
        matcher.relevance(text, spans, framed=[True])


def test_score_chains_relevance_through_framed_sentences():
    # Constructed: the review's case; before, "They met 40 times." lost its relevance.
    sents = framing.score(["Xi met Putin. Moscow is now the junior partner. They met 40 times."])
    assert list(sents["relevance"]) == ["both_sides", "framed", "carried"]


def test_a_speaker_names_its_side():
    # Constructed: Putin's own words about China name both sides, in the sentence that
    # attributes them and in the next sentence of the same quotation.
    text = (
        "Xi Jinping welcomed Vladimir Putin to Beijing.\n\n"
        "“Our relations with China are not aimed against anyone,” Putin said. “They are "
        "built on equality and trust with China.”\n\n"
        "“We are selling grain to China,” a diplomat said."
    )
    sents = framing.score([text])
    assert list(sents["speaker"]) == [None, "Putin", "Putin", "a diplomat"]
    assert list(sents["relevance"]) == ["both_sides", "both_sides", "both_sides", "continued"]
    assert list(sents["actors"])[2] == "china;russia"
    matcher = load_lexicon("relationship").dyad_matcher()
    spans = split_sentences(text)
    with pytest.raises(ParameterError, match="speakers"):
        matcher.relevance(text, spans, speakers=["Putin"])


def test_tabloid_nickname_names_russia():
    # Constructed tabloid line: "Vlad" is Putin in the British popular press.
    sents = framing.score(["Talk about a bromance between Vlad and Xi!"])
    assert sents.loc[0, "relevance"] == "both_sides"
    assert sents.loc[0, "bond_label"] == "friendship"


def test_the_relationship_refers_to_the_pair_once_both_are_named():
    # Constructed: after both sides are named, "the partnership" is theirs; before, it is not.
    sents = framing.score(
        ["Will the partnership last? Xi met Putin. Rain fell. Will the partnership last?"]
    )
    assert list(sents["relevance"]) == ["none", "both_sides", "none", "reference"]


def test_one_side_sentence_continues_the_story(relationship):
    # Constructed. Codebook, Target: a sentence that goes on with the relevant sentence before
    # it is relevant; a shift term changes the subject; nothing continues after an irrelevant one.
    text = (
        "Xi Jinping hosted Vladimir Putin in Beijing. Beijing has not condemned the invasion. "
        "Russia's army advanced. Separately, China's exports rose. Putin flew home."
    )
    assert [b for _, b in _judge(relationship, text)] == [
        "both_sides",
        "continued",
        "continued",
        "one_side",
        "one_side",
    ]


def test_continuation_is_off_unless_asked():
    matcher = DyadMatcher({"a": ["Alpha"], "b": ["Beta"]}, sides=("a", "b"))
    text = "Alpha met Beta. Alpha smiled."
    assert matcher.relevance(text, split_sentences(text)).basis == ("both_sides", "one_side")
    on = DyadMatcher({"a": ["Alpha"], "b": ["Beta"]}, sides=("a", "b"), continue_one_side=True)
    assert on.relevance(text, split_sentences(text)).basis == ("both_sides", "continued")


def test_a_side_speaking_to_the_other_in_the_second_person():
    # Constructed: Putin's words to Xi name one side; "you" is the other.
    text = (
        "Xi Jinping met Vladimir Putin. Russia's economy shrank last year.\n\n"
        "“Dear friend, you have done so much for our ties,” Putin said."
    )
    sents = framing.score([text])
    assert list(sents["relevance"])[-1] == "addressed"


def test_continue_one_side_must_be_a_boolean(tmp_path):
    source = (DATA / "us_uk.toml").read_text(encoding="utf-8")
    path = tmp_path / "lex.toml"
    path.write_text(
        source.replace("[dyad]\n", '[dyad]\ncontinue_one_side = "yes"\n'), encoding="utf-8"
    )
    problems = framing.check_lexicon(path)
    assert any("continue_one_side must be true or false" in p.message for p in problems)


# --- the document scan: each sentence's actors are those of one scan of the whole document ---


EDGE_ACTORS = {
    # Made-up aliases: names inside names, a multi-word name and acronyms.
    "china": ["China", "Xi", "Xi Jinping", "Jinping", "PRC"],
    "russia": ["Russia", "Putin", "RF"],
}
EDGE_PHRASES = {"both leaders": None, "South China Morning Post": None}  # reference, exclusion


def _actors_by_reference(text, spans, actors=EDGE_ACTORS, others=EDGE_PHRASES):
    """Each sentence's actors by a reference: one phrase matcher's finditer over the document
    (from the first sentence's start to the last one's end) and one acronym matcher's, each hit
    given to the sentence it starts in, acronyms inside a phrase match dropped."""
    actor_of = {alias: key for key, aliases in actors.items() for alias in aliases}
    actor_of.update(others)
    acronyms = [alias for alias in actor_of if alias.isupper()]
    phrases = [alias for alias in actor_of if not alias.isupper()]
    start, end = spans[0][0], spans[-1][1]
    found = [
        (at, actor_of[phrases[index]], stop)
        for at, stop, index in PhraseMatcher(phrases).finditer(text, start, end)
    ]
    found += [
        (at, actor_of[acronyms[index]], at)
        for at, _, index in PhraseMatcher(acronyms, case_sensitive=True).finditer(text, start, end)
        if not any(s <= at < e for s, _, e in found)
    ]
    keys = []
    for s, e, _ in spans:
        named = {actor for at, actor, _ in found if s <= at < e}
        keys.append(tuple(key for key in actors if key in named))
    return tuple(keys)


@pytest.fixture
def edge_matcher():
    return DyadMatcher(
        EDGE_ACTORS,
        sides=("china", "russia"),
        references=["both leaders"],
        exclude=["South China Morning Post"],
    )


EDGE_TEXTS = [
    # Constructed texts. A phrase at the very start of the document, and one right after it
    # with only a hyphen or a dash between.
    "China-Russia ties. Xi–Putin talks.",
    # A word character right before the first sentence's start: the match there needs a
    # non-word character before it, even outside the sentences.
    "xChina met Russia. Putin left.",
    # A multi-word phrase across a paragraph break with no sentence end: it belongs to the
    # sentence it starts in, and the next sentence does not get its last word.
    "They met both\nleaders of Russia. Jinping smiled.",
    "Talks with Xi\nJinping went well. Russia agreed.",
    # Phrases after quotes, brackets, slashes and dashes, typographic and straight.
    "“China” and ‘Russia’ (Xi) [Putin] /RF/ —PRC— 'Xi' \"Russia\".",
    # A letter outside ASCII right before a name is part of the word: no match.
    "éChina and ÿRussia and Çputin. Then Russia.",
    # Possessives, typographic apostrophes, and a name inside an excluded one.
    "Putin’s aides read the South China Morning Post's story on Xi's trip.",
    # Acronyms inside a phrase match and outside one.
    "The PRC and RF met; PRCs are not the PRC.",
    # Digits and underscores are word characters.
    "2China _Russia China2 Russia_ China.",
    # Many names after brackets, and one inside a longer name: a long text scanned plainly.
    "(Xi) " * 300 + "Xi\xa0Jinping and (Russia).",
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_document_scan_matches_the_phrase_matchers_own(edge_matcher, text):
    spans = split_sentences(text)
    expected = _actors_by_reference(text, spans)
    assert edge_matcher.relevance(text, spans).actors == expected
    assert edge_matcher.relevance(text, spans, lowered=text.lower()).actors == expected
    # Sentences that do not start at offset 0: the scan starts at the first one's start.
    if len(spans) > 1:
        rest = spans[1:]
        assert edge_matcher.relevance(text, rest, lowered=text.lower()).actors == (
            _actors_by_reference(text, rest)
        )


def test_document_scan_hand_computed_cases(edge_matcher):
    # Constructed; the reference above and these hand-computed outcomes agree.
    def actors(text, spans):
        return edge_matcher.relevance(text, spans, lowered=text.lower()).actors

    text = "They met both\nleaders of Russia. Jinping smiled."
    # "both\nleaders" is one reference match in sentence 1, so sentence 2 ("leaders of
    # Russia.") names Russia only, and "Jinping" in sentence 3 is China.
    spans = [(0, 13, 0), (14, 32, 1), (33, 48, 1)]
    result = edge_matcher.relevance(text, spans, lowered=text.lower())
    assert result.actors == ((), ("russia",), ("china",))
    text = "Talks with Xi\nJinping went well."
    # "Xi\nJinping" is one match (the longest) that starts in sentence 1: sentence 2 has none.
    assert actors(text, [(0, 13, 0), (14, 32, 1)]) == (("china",), ())
    text = "xChina met Russia."
    assert actors(text, [(1, 18, 0)]) == (("russia",),)
    assert actors("éChina and ÿRussia.", [(0, 19, 0)]) == ((),)
    assert actors("China-Russia ties.", [(0, 18, 0)]) == (("china", "russia"),)


def test_document_scan_with_a_phrase_that_ends_in_punctuation():
    # Constructed: a name that ends with a full stop ("Alpha Inc.") can be followed at once by
    # a name that starts with a bracket, which then starts right at the first match's end.
    actors = {"a": ["Alpha Inc."], "b": ["(Beta)"]}
    matcher = DyadMatcher(actors, sides=("a", "b"))
    text = "Alpha Inc.(Beta) met. (Beta) left."
    spans = split_sentences(text)
    expected = _actors_by_reference(text, spans, actors, {})
    assert expected[0] == ("a", "b")
    assert matcher.relevance(text, spans, lowered=text.lower()).actors == expected


# Constructed pieces of text: names, names inside names, acronyms in and out of case, letters
# that are word characters outside ASCII, and the characters that can come before a name.
_PIECES = st.sampled_from(
    ["China", "china", "Xi", "XI", "Jinping", "Russia", "Putin", "PRC", "prc", "RF", "both",
     "leaders", "South", "Morning", "Post", "é", "ı", "K", "2", "_", "’s", "'s", "x"]
)  # fmt: skip
_GAPS = st.sampled_from([" ", "", "\n", "-", "–", "\xa0", ". ", "“", "(", "'", "/", "’"])


@st.composite
def _document(draw):
    pieces = draw(st.lists(st.tuples(_PIECES, _GAPS), min_size=1, max_size=12))
    text = "".join(piece + gap for piece, gap in pieces)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6))))
    spans = [(a, b, 0) for a, b in zip(cuts, cuts[1:], strict=False)]
    return text, spans


@settings(max_examples=300, deadline=None)
@given(document=_document())
def test_document_scan_matches_the_phrase_matchers_own_on_any_text(document):
    text, spans = document
    if not spans:
        return
    matcher = DyadMatcher(
        EDGE_ACTORS,
        sides=("china", "russia"),
        references=["both leaders"],
        exclude=["South China Morning Post"],
    )
    expected = _actors_by_reference(text, spans)
    assert matcher.relevance(text, spans).actors == expected
    # The lower-cased text is for a text where it finds what case folding finds (see
    # PhraseMatcher.finditer): not one with "ı", which folds to "i".
    if lower_case_matches(text, text.lower()):
        lowered = text.lower()
        assert matcher.relevance(text, spans, lowered=lowered).actors == expected
        # The phrases found by a scan for the cues too (as framing.score does).
        engine = RuleEngine([], [], Settings(), actors=matcher.phrase_matcher)
        _, hits = engine.match_with_actors(text, spans, lowered)
        assert matcher.relevance(text, spans, lowered=lowered, hits=hits).actors == expected


def test_document_scan_where_names_overlap():
    # Constructed: "Beta Gamma Delta" starts inside "Alpha Beta" and ends after it, and hides
    # "Gamma"; one scan takes "Alpha Beta" (the leftmost), then "Gamma". With no-break spaces,
    # the names follow characters other than a space.
    actors = {"a": ["Alpha Beta"], "b": ["Beta Gamma Delta"], "c": ["Gamma"]}
    matcher = DyadMatcher(actors, sides=("a", "c"))
    for text in ("X alpha\xa0beta\xa0gamma delta.", "X alpha beta gamma delta."):
        spans = [(0, len(text), 0)]
        expected = _actors_by_reference(text, spans, actors, {})
        assert expected == (("a", "c"),)
        assert matcher.relevance(text, spans, lowered=text.lower()).actors == expected
    # A name inside a longer one is no name of its own, whichever character comes before each.
    matcher = DyadMatcher(
        EDGE_ACTORS, sides=("china", "russia"), exclude=["South China Morning Post"]
    )
    for text, named in [
        ("Then Xi\xa0Jinping came.", ("china",)),
        ("Read the South\xa0China\xa0Morning Post.", ()),
        ("Read (South China Morning Post) today.", ()),
    ]:
        spans = [(0, len(text), 0)]
        assert _actors_by_reference(text, spans, others={"South China Morning Post": None}) == (
            named,
        )
        assert matcher.relevance(text, spans, lowered=text.lower()).actors == (named,)


def test_relevance_takes_the_phrase_hits_it_is_given(relationship):
    """Hits from the cue scan (Lexicon.match_with_actors) give what the dyad's own scan gives;
    given hits are not searched for again: without Putin's, the first sentence names one side.
    Acronyms are still found by the dyad. Constructed text."""
    matcher = relationship.dyad_matcher()
    text = "Xi met Putin. They talked. The PRC agreed."
    spans = split_sentences(text)
    lowered = text.lower()
    matches, hits = relationship.match_with_actors(text, spans, lowered=lowered)
    assert matches == relationship.match_sentences(text, spans)
    assert hits == ([0, 7], ["xi", "putin"])  # the acronym is not among them
    shared = matcher.relevance(text, spans, lowered=lowered, hits=hits)
    assert shared == matcher.relevance(text, spans, lowered=lowered)
    assert shared.basis == ("both_sides", "carried", "continued")
    alone = matcher.relevance(text, spans, lowered=lowered, hits=([0], ["xi"]))
    assert alone.actors == (("china",), (), ("china",))


def test_a_side_without_aliases_fails_the_dyad_not_the_cues(relationship):
    """The cue scan finds the dyad's phrases too, but a dyad that cannot be built (a side with
    no aliases) still raises only where the dyad is asked for. Constructed text."""
    actors = tuple(
        replace(actor, aliases=()) if actor.key == "china" else actor
        for actor in relationship.actors
    )
    lexicon = replace(relationship, actors=actors)
    text = "Not friends."
    assert [m.pole for m in lexicon.match(text)] == ["convenience"]
    assert lexicon.match_with_actors(text, [(0, 12)]) == (
        lexicon.match_sentences(text, [(0, 12)]),
        None,
    )
    with pytest.raises(ParameterError, match="two of the actors that have aliases"):
        lexicon.dyad_matcher()
