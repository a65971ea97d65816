"""Lexicon format, validation with line numbers, LIWC import, and the matching rules."""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import pytest

from framing._lexicon import (
    Axis,
    Cue,
    Lexicon,
    Settings,
    builtin_lexicons,
    check_lexicon,
    load_lexicon,
)
from framing.errors import FramingWarning, LexiconError, ParameterError

DATA = Path(__file__).parent / "data" / "lexicons"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon("relationship")


def _labels(lexicon, text):
    return [(m.cue, m.pole, m.negated, m.performance, m.conceded) for m in lexicon.match(text)]


# --- the built-in lexicon --------------------------------------------------------------------


def test_builtin_is_listed_and_cached(lex):
    assert "relationship" in builtin_lexicons()
    assert load_lexicon("relationship") is lex
    assert lex.poles == {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
    assert lex.version and lex.description


@pytest.mark.parametrize(
    ("axis", "pole"),
    [("power", "equal"), ("power", "junior"), ("bond", "friendship"), ("bond", "convenience")],
)
def test_builtin_has_at_least_40_noted_cues_per_pole(lex, axis, pole):
    cues = lex.cues_of(axis, pole)
    assert len(cues) >= 40
    assert all(c.note.strip() for c in cues), "every cue says why it belongs"


def test_builtin_has_no_cue_that_means_nothing_alone(lex):
    terms = {c.term.lower() for c in lex.cues}
    assert not terms & {"partner", "partnership", "ties", "relationship", "cooperation", "close"}


def test_builtin_checks_clean():
    path = Path(__file__).parents[1] / "src" / "framing" / "lexicons" / "relationship.toml"
    assert check_lexicon(path) == []


def test_builtin_actors_and_dyad(lex):
    actors = {a.key: a for a in lex.actors}
    assert {"China", "Chinese", "Beijing", "Xi", "Xi Jinping"} <= set(actors["china"].aliases)
    assert {"Russia", "Russian", "Moscow", "the Kremlin", "Putin"} <= set(actors["russia"].aliases)
    assert lex.dyad.sides == ("china", "russia")
    assert {"the pair", "the two leaders", "their partnership"} <= set(lex.dyad.references)


# --- matching rules (constructed sentences unless a seed is named) ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Longest match, nested entries never twice.
        (
            "It is a marriage of convenience.",
            [("marriage of convenience", "convenience", False, False, False)],
        ),
        # Hyphen equals space; case-insensitive.
        (
            "Russia, the JUNIOR-PARTNER, agreed.",
            [("junior partner*", "junior", False, False, False)],
        ),
        # Negation flips (codebook rule 2), seed 003.
        (
            "But in truth, this is no longer a partnership of equals.",
            [("partnership of equals", "junior", True, False, False)],
        ),
        (
            "It is not a marriage of convenience.",
            [("marriage of convenience", "friendship", True, False, False)],
        ),
        # Performance turns warmth into calculation (rule 3), seed 000.
        (
            "Calculated camaraderie was put on display.",
            [("camaraderie", "convenience", False, True, False)],
        ),
        # Contrast (rule 4): the clause before "but" is conceded, seed 002 headline.
        (
            "Vladimir Putin and Xi Jinping may have a romance, but it’s clear who has the power",
            [
                ("romance", "friendship", False, False, True),
                ("who has the power", "junior", False, False, False),
            ],
        ),
        # Pseudo-negation: "not only" does not negate.
        (
            "They are not only friends but also allies.",
            [("friends", "friendship", False, False, True)],
        ),
        # A negator in another clause does not reach the cue.
        (
            "They did not meet; the two remain old friends.",
            [("old friend*", "friendship", False, False, False)],
        ),
        # A negator beyond the window does not reach the cue.
        (
            "Nobody who watched the lavish ceremony in Moscow last week saw a junior partner.",
            [("junior partner*", "junior", False, False, False)],
        ),
    ],
)
def test_rules(lex, text, expected):
    assert _labels(lex, text) == expected


def test_offsets_point_at_the_cue(lex):
    text = "US officials called it “a marriage of convenience,” and Russia “the junior partner.”"
    for match in lex.match(text):
        assert text[match.start : match.end] == match.term


def test_match_is_bounded_by_the_sentence(lex):
    text = "Not now. They are old friends."
    assert [m.negated for m in lex.match(text, 9, len(text))] == [False]


def test_negation_modes():
    axes = (Axis("tone", ("warm", "cold")),)
    cues = (Cue("friends", "tone", "warm"), Cue("rivals", "tone", "cold"))
    text = "They are not friends."
    for mode, expected in [("flip", ["cold"]), ("drop", []), ("keep", ["warm"])]:
        lexicon = Lexicon(
            "t", "1", "constructed", axes, cues, settings=Settings(negation_mode=mode)
        )
        assert [m.pole for m in lexicon.match(text)] == expected


def test_ignored_phrases_claim_their_words():
    axes = (Axis("tone", ("warm", "cold")),)
    cues = (Cue("pragmatic", "tone", "cold"), Cue("friendly", "tone", "warm"))
    lexicon = Lexicon(
        "t", "1", "constructed", axes, cues, settings=Settings(ignore=("pragmatic cooperation",))
    )
    assert [
        m.cue for m in lexicon.match("pragmatic cooperation in a friendly, pragmatic mood")
    ] == [
        "friendly",
        "pragmatic",
    ]


def test_regex_looking_cue_is_literal():
    axes = (Axis("tone", ("warm", "cold")),)
    lexicon = Lexicon(
        "t", "1", "constructed", axes, (Cue("(a|b)+", "tone", "warm"), Cue("cold", "tone", "cold"))
    )
    assert lexicon.match("aaab abab") == []
    assert [m.term for m in lexicon.match("x (a|b)+ y")] == ["(a|b)+"]


def test_adversarial_cues_and_text_finish_fast():
    axes = (Axis("tone", ("warm", "cold")),)
    cues = tuple(Cue("aaa " * k + "bbb*", "tone", "warm") for k in range(1, 30)) + (
        Cue("cold", "tone", "cold"),
    )
    lexicon = Lexicon("t", "1", "constructed", axes, cues)
    text = "aaa " * 50_000 + "c"
    started = time.perf_counter()
    assert lexicon.match(text) == []
    assert time.perf_counter() - started < 30  # linear: well under a second in practice


# --- TOML validation -------------------------------------------------------------------------


def test_check_reports_every_problem_with_its_line():
    problems = [
        (p.line, p.message.split(":")[0].split(" is ")[0]) for p in check_lexicon(DATA / "bad.toml")
    ]
    assert [line for line, _ in problems] == [5, 12, 13, 14, 16, 19, 22, 29, 30]
    messages = " | ".join(str(p) for p in check_lexicon(DATA / "bad.toml"))
    assert "unknown key 'colour' in [lexicon]" in messages
    assert "cue 'as equals' is listed twice in pole 'equal' (first at line 11)" in messages
    assert "cue 'partner**': '*' may only end a word" in messages
    assert "cue 'junior partner' is in both poles of axis 'power'" in messages
    assert "pole 'junoir' is not one of ('equal', 'junior')" in messages
    assert "pole 'friendship' of axis 'bond' has no cues" in messages
    assert "weight must be a number > 0" in messages


def test_load_raises_with_line_and_all_problems():
    with pytest.raises(LexiconError) as info:
        load_lexicon(DATA / "bad.toml")
    assert info.value.line == 5
    assert len(info.value.problems) == 9
    assert "bad.toml, line 5:" in str(info.value) and "(and 8 more problems)" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_syntax_error_has_its_line():
    with pytest.raises(LexiconError, match="line 6") as info:
        load_lexicon(DATA / "syntax.toml")
    assert info.value.line == 6


def test_missing_and_unknown_lexicons():
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon("nowhere.toml")
    with pytest.raises(LexiconError, match="neither a built-in lexicon"):
        load_lexicon("friendship")
    with pytest.raises(LexiconError, match="from_dic"):
        load_lexicon(DATA / "liwc.dic")


def test_wildcard_needs_a_stem():
    axes = (Axis("tone", ("warm", "cold")),)
    with pytest.raises(LexiconError, match="at least 3 letters"):
        Lexicon(
            "t", "1", "constructed", axes, (Cue("fr*", "tone", "warm"), Cue("c", "tone", "cold"))
        )


def test_second_dyad_lexicon_loads(tmp_path):
    lexicon = load_lexicon(DATA / "us_uk.toml")
    assert lexicon.dyad.sides == ("us", "uk")
    assert [m.pole for m in lexicon.match("Britain is no longer America's poodle.")] == ["equal"]


# --- LIWC .dic ---------------------------------------------------------------------------------


def test_dic_import_with_mapping_and_conditionals():
    mapping = {
        "posemo": ("tone", "warm"),
        "negemo": ("tone", "cold"),
        "friend": ("tie", "close"),
        "conj": ("tie", "distant"),
    }
    with pytest.warns(FramingWarning, match=r"2 conditional LIWC2015 entries .*lines 11, 12"):
        lexicon = Lexicon.from_dic(DATA / "liwc.dic", mapping, base=None)
    assert lexicon.poles == {"tone": ("warm", "cold"), "tie": ("close", "distant")}
    cues = {(c.term, c.axis, c.pole) for c in lexicon.cues}
    assert ("friend*", "tone", "warm") in cues and ("friend*", "tie", "close") in cues
    assert ("like", "tone", "warm") in cues  # (02 131)125/1 -> default category 1
    assert ("kind", "tie", "close") in cues  # <of>131/125 -> default category 125
    assert ("foe*", "tie", "distant") in cues
    assert [m.pole for m in lexicon.match("Old rivals, now friends.") if m.axis == "tone"] == [
        "cold",
        "warm",
    ]
    assert lexicon.actors == ()


def test_dic_inherits_actors_and_rules_from_base():
    mapping = {"posemo": ("tone", "warm"), "negemo": ("tone", "cold")}
    with pytest.warns(FramingWarning):
        lexicon = Lexicon.from_dic(DATA / "liwc.dic", mapping)
    assert lexicon.dyad.sides == ("china", "russia")
    assert [m.pole for m in lexicon.match("They are not friends.")] == ["cold"]


def test_dic_errors_name_lines():
    with pytest.raises(LexiconError) as info:
        Lexicon.from_dic(
            DATA / "liwc_bad.dic",
            {"posemo": ("tone", "warm"), "negemo": ("tone", "cold")},
            base=None,
        )
    messages = [message for _, message in info.value.problems]
    assert any("'negemo' is not in the file" in m for m in messages)
    lines = {line for line, _ in info.value.problems}
    assert {5, 6} <= lines  # 'rival* 7': undeclared category; 'hug x1': not an id
    with pytest.raises(LexiconError, match="exactly two poles"):
        Lexicon.from_dic(DATA / "liwc.dic", {"posemo": ("tone", "warm")}, base=None)
    with pytest.raises(LexiconError, match="category 2 is mapped twice"):
        Lexicon.from_dic(DATA / "liwc.dic", {"negemo": ("t", "a"), 2: ("t", "b")}, base=None)


def test_dic_needs_header(tmp_path):
    path = tmp_path / "x.dic"
    path.write_text("friend 1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 1") as info:
        Lexicon.from_dic(path, {"a": ("t", "x")}, base=None)
    assert info.value.line == 1


def test_check_refuses_dic(tmp_path):
    with pytest.raises(ParameterError, match="from_dic"):
        check_lexicon(DATA / "liwc.dic")


def test_a_cue_may_stand_on_two_axes():
    axes = (Axis("tone", ("warm", "cold")), Axis("tie", ("close", "far")))
    cues = (Cue("friends", "tone", "warm"), Cue("friends", "tie", "close"),
            Cue("rivals", "tone", "cold"), Cue("strangers", "tie", "far"))
    lexicon = Lexicon("t", "1", "constructed", axes, cues)
    assert [(m.axis, m.pole) for m in lexicon.match("Old friends.")] == [
        ("tone", "warm"), ("tie", "close"),
    ]


def test_contracted_negation_only_when_listed():
    axes = (Axis("tone", ("warm", "cold")),)
    cues = (Cue("friends", "tone", "warm"), Cue("rivals", "tone", "cold"))
    plain = Lexicon("t", "1", "constructed", axes, cues, settings=Settings(negators=("not",)))
    listed = Lexicon("t", "1", "constructed", axes, cues, settings=Settings(negators=("n't",)))
    assert [m.negated for m in plain.match("They aren't friends.")] == [False]
    assert [m.negated for m in listed.match("They aren't friends.")] == [True]


def test_the_nearest_negator_in_the_window_decides_even_among_thousands():
    lex = load_lexicon("relationship")
    # Constructed: 3,000 negators, then cues far from them (not negated), then one cue right
    # after a negator (negated). Each cue looks back only to the nearest negators.
    far = "not " * 3000 + "they met and talked and walked and ate as " + "old friends and " * 200
    text = far + "not a junior partner"
    matches = lex.match(text)
    assert [m.negated for m in matches] == [False] * 200 + [True]
    assert matches[-1].negator == "not" and matches[-1].pole == "equal"


# Coverage found by a review of constructed articles in several outlet styles (wire, tabloid,
# analysis): each sentence is constructed; the expected poles follow the codebook.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia depends on China for machinery.", [("power", "junior")]),
        ("How long it lasts will depend on events.", []),
        ("Russia and China depend on each other.", [("power", "equal")]),
        ("Depending on the outcome, Xi may visit.", []),
        ("He added that the support had limits.", [("bond", "convenience")]),
        ("Putin and his pal Xi cozied up in Beijing.", [("bond", "friendship")] * 2),
        ("Xi is the boss now.", [("power", "junior")]),
        ("The balance of power has shifted.", [("power", "junior")]),
        # A dismissed claim is denied (rule 1); "dismissed as" labels and is no negator.
        ("Peskov dismissed suggestions that Moscow had become dependent.", [("power", "equal")]),
        ("Critics dismissed it as a marriage of convenience.", [("bond", "convenience")]),
        ("Beijing holds most of the cards.", [("power", "junior")]),
        ("It's pure theatre, one diplomat said.", [("bond", "convenience")]),
        ("The theatre of war moved east.", []),
    ],
)
def test_reviewed_coverage(lex, text, expected):
    assert [(m.axis, m.pole) for m in lex.match(text)] == expected


# --- mention vs assertion, clause negators, appearance (codebook rules 1, 2, 4) ----------------
# Constructed sentences. Each row: text -> [(term, counted pole, weight > 0, negated, mention)].


def _counted(lex, text):
    return [(m.term, m.pole, m.weight > 0, m.negated, m.mention) for m in lex.match(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reported slogan is named, not asserted; a frame after it in the clause still counts.
        (
            "The so-called no-limits partnership has limits.",
            [
                ("no-limits", "friendship", False, False, "so called"),
                ("has limits", "convenience", True, False, None),
            ],
        ),
        (
            "Officials in both capitals call it what both sides call a partnership of equals.",
            [("partnership of equals", "equal", False, False, "what both sides call")],
        ),
        # Reporting about coverage.
        (
            "Chinese state television dwelt on the camaraderie of the two men.",
            [("camaraderie", "friendship", False, False, "dwelt on")],
        ),
        # A frame in a question asserts nothing.
        (
            "Is the bond between Xi and Putin really a bromance?",
            [("bromance", "friendship", False, False, "question")],
        ),
        (
            "“Is this a partnership of equals?” the analyst asked, unconvinced.",
            [("partnership of equals", "equal", True, False, None)],
        ),
        # Scare quotes around one frame word, after a definite determiner or possessive.
        (
            "Their 'friendship' runs on Russian oil.",
            [("friendship", "friendship", False, False, "scare quotes")],
        ),
        # Short quotations of a source's words are citations and count.
        (
            "Xi spoke of his “deep personal friendship” with Putin.",
            [("personal friendship", "friendship", True, False, None)],
        ),
        (
            "Moscow expects a “lifeline” from Beijing.",
            [("lifeline", "junior", True, False, None)],
        ),
        # A clause-opening "Nor" negates its clause beyond the negation window.
        (
            "Nor is the relationship, whatever the communiqués say, a partnership of equals.",
            [("partnership of equals", "junior", True, True, None)],
        ),
        # "Neither X nor Y": each negator governs its own phrase, not the whole clause.
        (
            "Neither sanctions nor European anger have cooled the embrace of Moscow.",
            [("embrace", "friendship", True, False, None)],
        ),
        # Appearance on the power axis: staged parity is not parity.
        (
            "The summit was staged to look like a meeting of equals.",
            [("of equals", "equal", False, False, "to look like")],
        ),
        # Rule 4 across axes: the conceded pole on another axis codes nothing.
        (
            "Xi and Putin may well be friends, yet Beijing holds the leverage.",
            [("friends", "friendship", False, False, None), ("leverage", "junior", True, False, None)],
        ),
        # Concession with "while": the clause up to its comma is set aside.
        (
            "While Beijing praises the friendship, Russia is now China's junior partner.",
            [
                ("friendship", "friendship", False, False, None),
                ("junior partner", "junior", True, False, None),
            ],
        ),
        # A negator inside a cue ("no" of "no-limits") does not negate the next cue.
        (
            "It was a no-limits friendship.",
            [("no-limits", "friendship", True, False, None), ("friendship", "friendship", True, False, None)],
        ),
        # An open question names its alternatives; a comma closes it unless an "or" follows.
        (
            "Panelists debated whether Moscow and Beijing are allies, partners or rivals.",
            [("rivals", "convenience", False, False, "debated whether")],
        ),
        (
            "It is unclear whether Beijing is now the senior partner, though Russia is no vassal.",
            [
                ("senior partner", "junior", False, False, "It is unclear whether"),
                ("vassal", "equal", True, True, None),
            ],
        ),
        # A question put and answered in the sentence asserts its answer (seed 000).
        (
            "“For sure,” Peskov said, to the question whether Xi would get ice cream.",
            [("ice cream", "friendship", True, False, None)],
        ),
        # A performance marker inside a concession does not reach the asserted clause.
        (
            "Although sceptics call it theatre, the warmth between the two men is real.",
            [("warmth", "friendship", True, False, None)],
        ),
        # A negated hierarchy is parity; a cue written whole with its negator is not flipped.
        (
            "Neither capital tries to boss the other.",
            [("boss the other", "equal", True, True, None)],
        ),
        (
            "Moscow has no choice but to sell its oil east.",
            [("no choice but", "junior", True, False, None)],
        ),
        (
            "They call each other friends, though experts say Moscow is the junior partner.",
            [
                ("friends", "friendship", False, False, None),
                ("junior partner", "junior", True, False, None),
            ],
        ),
        # Negated and performed warmth reads as performance once, not as warmth again.
        (
            "Nor should anyone take their chemistry at face value, since it is calculated.",
            [("chemistry", "convenience", True, True, None)],
        ),
    ],
)
def test_mentions_and_clause_rules(lex, text, expected):
    assert _counted(lex, text) == expected


def test_a_mention_labels_nothing_but_keeps_its_evidence():
    import framing

    sents = framing.score(["Is the bond between Xi and Putin really a bromance?"])
    row = sents.iloc[0]
    assert row["bond_label"] == "none" and bool(row["relevant"])
    assert "mention: 'question'" in row["evidence"]
    assert framing.evidence(sents, "bond", "friendship").empty


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("mention_window = -1", "mention_window must be an integer >= 0"),
        ('mention_in_questions = "yes"', "mention_in_questions must be true or false"),
    ],
)
def test_mention_settings_are_checked(tmp_path, setting, message):
    source = Path(__file__).parent / "data" / "lexicons" / "us_uk.toml"
    text = source.read_text(encoding="utf-8").replace("[settings]\n", f"[settings]\n{setting}\n")
    path = tmp_path / "lex.toml"
    path.write_text(text, encoding="utf-8")
    problems = check_lexicon(path)
    assert any(message in p.message for p in problems), problems


def _lexicon_toml(path: Path, junior: list[str]) -> Path:
    """A constructed two-axis lexicon whose 'junior' pole holds the given cues."""
    cues = ", ".join(f'{{ cue = "{cue}" }}' for cue in junior)
    path.write_text(
        '[lexicon]\nname = "long"\nversion = "1"\ndescription = "constructed"\n\n'
        '[axes.power]\npoles = ["equal", "junior"]\n[axes.power.cues]\n'
        f'equal = [{{ cue = "as equals" }}]\njunior = [{cues}]\n\n'
        '[axes.bond]\npoles = ["friendship", "convenience"]\n[axes.bond.cues]\n'
        'friendship = [{ cue = "old friends" }]\nconvenience = [{ cue = "transactional" }]\n',
        encoding="utf-8",
    )
    return path


def test_cues_of_any_length_that_check_accepts_are_matched(tmp_path):
    """A 1,000-character cue and a 400-word cue (RecursionError in the phrase trie once)."""
    from framing._scoring import score

    long_word = "x" * 1000
    long_phrase = " ".join(f"word{i}" for i in range(400))
    path = _lexicon_toml(tmp_path / "long.toml", [long_word, long_phrase, "word0 word1"])
    assert check_lexicon(path) == []
    lexicon = load_lexicon(path)
    text = f"Xi told Putin: {long_phrase}. Xi said {long_word} to Putin."
    assert [m.cue for m in lexicon.match(text)] == [long_phrase, long_word]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score([text], lexicon)
    assert sents["power_label"].tolist() == ["junior", "junior"]


def test_dic_with_a_repeated_category_id_names_the_line(tmp_path):
    path = tmp_path / "twice.dic"
    path.write_text("%\n1\tposemo\n2\tnegemo\n01\tfriend\n%\nally\t1\nfoe\t2\n", encoding="utf-8")
    mapping = {"posemo": ("tone", "warm"), "negemo": ("tone", "cold")}
    with pytest.raises(LexiconError) as info:
        Lexicon.from_dic(path, mapping, base=None)
    assert info.value.line == 4
    assert "category id 01 is declared twice ('posemo' at line 2, 'friend' here)" in str(
        info.value
    )


@pytest.mark.slow
def test_wildcard_cues_are_looked_up_by_prefix_not_scanned():
    """50,000 wildcard cues: each matched word is resolved among the few cues whose text before
    '*' it starts with, longest cue first (the scan tried every cue for every word)."""
    from framing._text import PhraseMatcher

    stems = [f"st{i:05d}" for i in range(50_000)]
    checked: list[str] = []
    compile_ = re.compile

    def counting(pattern, flags=0):
        checked.append(pattern)
        return compile_(pattern, flags)

    text = "st00001abc and st12345ing and st00009"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(re, "compile", counting)
        matcher = PhraseMatcher([*(f"{s}*" for s in stems), "st0000*", "st00001ab*"])
        assert len(checked) <= 4  # the trie pattern, not one pattern per wildcard cue
        checked.clear()
        found = [(text[s:e], matcher.phrases[i]) for s, e, i in matcher.finditer(text)]
    assert found == [
        ("st00001abc", "st00001ab*"),  # the longest wildcard cue that matches
        ("st12345ing", "st12345*"),
        ("st00009", "st00009*"),
    ]
    assert len(checked) <= 6  # only the candidates' patterns were compiled


def test_cues_nested_too_deep_are_a_problem_check_reports(tmp_path):
    """260 cues, each the previous one plus a word: lexicon check names the limit; scoring with
    it raises a FramingError, not a RecursionError."""
    from framing._scoring import score

    path = _lexicon_toml(tmp_path / "nested.toml", [" ".join(["ha"] * n) for n in range(1, 261)])
    problems = check_lexicon(path)
    assert len(problems) == 1 and "at most 200 phrases" in str(problems[0])
    with pytest.raises(ParameterError, match="at most 200 phrases"):
        score(["Xi told Putin: ha ha."], load_lexicon(path))
