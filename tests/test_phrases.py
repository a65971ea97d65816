"""One phrase-normalisation rule for the matcher and the lexicon check (framing._phrases)."""

from __future__ import annotations

import json
import re
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import framing
from framing._lexicon import check_lexicon, load_lexicon
from framing._phrases import WORD_SEPARATORS, lower_case_matches, phrase_key, phrase_words
from framing._text import PhraseMatcher
from framing.cli import main
from framing.errors import FramingWarning, LexiconError

HEADER = '[lexicon]\nname = "x"\nversion = "1"\ndescription = "constructed"\n'


def _toml(axes: dict[str, dict[str, list[str]]]) -> str:
    """A lexicon file: for each axis, its two poles and their cues (one cue a line)."""
    out = [HEADER]
    for axis, poles in axes.items():
        out.append(f"[axes.{axis}]\npoles = {json.dumps(list(poles))}\n[axes.{axis}.cues]\n")
        for pole, cues in poles.items():
            out.append(f"{pole} = [\n")
            out.extend(f"  {{ cue = {json.dumps(cue, ensure_ascii=False)} }},\n" for cue in cues)
            out.append("]\n")
    return "".join(out)


def _write(folder: Path, axes: dict[str, dict[str, list[str]]]) -> Path:
    path = folder / "lexicon.toml"
    path.write_text(_toml(axes), encoding="utf-8")
    return path


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("junior partner", "junior–partner"),  # en dash
        ("junior partner", "junior—partner"),  # em dash
        ("junior partner", "junior-partner"),
        ("junior partner", "junior\u2010partner"),  # Unicode hyphen
        ("junior partner", "Junior \u2011 Partner"),  # non-breaking hyphen, spaces, case
        ("xi's friend", "Xi’s friend"),
        ("istanbul", "İstanbul"),
    ],
)
def test_spellings_the_matcher_folds_together_have_one_key(first, second):
    assert phrase_key(first) == phrase_key(second)
    matcher = PhraseMatcher([first, second])
    assert [index for *_, index in matcher.finditer(second)] == [0]  # one phrase to the matcher


def test_every_separator_of_the_rule_splits_words_and_nothing_else_does():
    separators = [" ", "\t", "\n", "\xa0", "\u2009", "-", "\u2010", "\u2011", "–", "—"]
    for separator in separators:
        assert re.fullmatch(f"[{WORD_SEPARATORS}]", separator), repr(separator)
        assert phrase_words(f"a{separator}b") == ["a", "b"], repr(separator)
    assert phrase_words("a/b a.b a_b a'b a\u2212b") == ["a/b", "a.b", "a_b", "a'b", "a\u2212b"]


def test_case_folds_as_the_case_insensitive_pattern_does():
    # 'σ' and final 'ς', 's' and long 'ſ', 'i' and dotted 'İ' are one letter to re.IGNORECASE:
    # a text's 'ſ' matched the cue 's...' and then resolved to no cue (LookupError).
    matcher = PhraseMatcher(["sanction*", "ολος", "istanbul"])
    text = "ſanctions ΟΛΟΣ İstanbul"
    assert [(text[s:e], matcher.phrases[i]) for s, e, i in matcher.finditer(text)] == [
        ("ſanctions", "sanction*"),
        ("ΟΛΟΣ", "ολος"),
        ("İstanbul", "istanbul"),
    ]


def test_a_cue_ending_in_a_possessive_is_not_taken_for_the_shorter_cue():
    # "xi's" resolved to the cue "xi" (possessive stripped first), so the cue "xi's" never counted
    # when "xi" was a cue too.
    matcher = PhraseMatcher(["xi", "xi's", "partner*"])
    text = "Xi’s partner's Xi"
    assert [(text[s:e], matcher.phrases[i]) for s, e, i in matcher.finditer(text)] == [
        ("Xi’s", "xi's"),
        ("partner's", "partner*"),
        ("Xi", "xi"),
    ]


# --- the lexicon check uses it -----------------------------------------------------------------


def test_cues_that_differ_only_in_separator_are_duplicates_with_both_lines(tmp_path):
    path = _write(
        tmp_path,
        {
            "power": {
                "equal": ["as equals", "on par", "junior partner"],
                "junior": ["junior–partner", "vassal", "vassal state", "Vassal—State"],
            },
        },
    )
    problems = [(p.line, p.message, p.entry) for p in check_lexicon(path)]
    fold = "; cues that differ only in case, apostrophes, spaces, hyphens or dashes are one cue"
    assert problems == [
        (
            14,
            "cue 'junior–partner' is in both poles of axis 'power' ('equal' at line 11 as "
            f"'junior partner', and 'junior'){fold} to the matcher",
            "junior–partner",
        ),
        (
            17,
            f"cue 'Vassal—State' is listed twice in pole 'junior' (first at line 16 as "
            f"'vassal state'){fold} to the matcher",
            "Vassal—State",
        ),
    ]
    # load_lexicon refuses the file as it refuses every problem the check reports
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert info.value.line == 14 and info.value.entry == "junior–partner"
    assert [line for line, _ in info.value.problems] == [14, 17]
    assert main(["lexicon", "check", str(path)]) == 2


def test_the_same_phrase_on_two_axes_counts_on_both_whatever_its_spelling(tmp_path):
    # A phrase may stand on two axes (a LIWC word in two mapped categories): spelt alike it
    # counted on both, spelt with an en dash on the second axis it counted on the first only.
    path = _write(
        tmp_path,
        {
            "power": {"equal": ["on par"], "junior": ["junior partner"]},
            "bond": {"friendship": ["junior–partner"], "convenience": ["transactional"]},
        },
    )
    assert check_lexicon(path) == []
    matches = load_lexicon(path).match("Russia is a junior-partner.")
    assert [(m.cue, m.axis, m.pole) for m in matches] == [
        ("junior partner", "power", "junior"),
        ("junior–partner", "bond", "friendship"),
    ]


def test_an_ignored_phrase_that_is_also_a_cue_is_a_problem(tmp_path):
    # The matcher resolved 'pragmatic–cooperation' to the cue listed first: never ignored.
    path = _write(tmp_path, {"tone": {"warm": ["pragmatic cooperation"], "cold": ["cold"]}})
    path.write_text(
        path.read_text(encoding="utf-8")
        + '[settings]\nignore = ["Pragmatic–Cooperation", "joint statement"]\n',
        encoding="utf-8",
    )
    assert [(p.line, p.message, p.entry) for p in check_lexicon(path)] == [
        (
            9,
            "settings.ignore phrase 'Pragmatic–Cooperation' is also the cue 'pragmatic "
            "cooperation': a phrase is a cue or ignored, not both; remove one of them",
            "Pragmatic–Cooperation",
        )
    ]
    with pytest.raises(LexiconError, match="is also the cue"):
        load_lexicon(path)


def test_a_wildcard_after_a_dash_is_checked_as_the_matcher_reads_it(tmp_path):
    # The check split words at spaces and ASCII hyphens only: 'ab–cd*' passed as one word with a
    # wildcard, though the matcher reads a two-letter wildcard 'cd*'; 'abc*–def' was refused.
    path = _write(tmp_path, {"tone": {"warm": ["warm–ab*", "abc*–def"], "cold": ["cold"]}})
    assert [(p.line, p.message) for p in check_lexicon(path)] == [
        (9, "cue 'warm–ab*': a wildcard needs at least 3 letters before '*'")
    ]


# --- the property: every cue the check accepts matches its own text ------------------------------

_LETTERS = st.sampled_from(list("abcdexyzAQZéèßİıſςσΣ0179'’.&$()+?[\\^/_"))
_SEPARATORS = st.sampled_from([" ", "  ", "-", "\u2010", "\u2011", "–", "—", " - ", "\t", "\xa0"])


def _other_case(word: str) -> str:
    """The same letters in the other case, where that keeps them ('ß' -> 'SS' does not)."""
    return "".join(c.swapcase() if len(c.swapcase()) == 1 else c for c in word)


@st.composite
def _cue(draw: st.DrawFn) -> tuple[str, str]:
    """A cue phrase as the lexicon format allows it, and a text it must match: its words with
    each wildcard replaced by a word ending (possibly none)."""
    n_words = draw(st.integers(1, 3))
    cue: list[str] = []
    text: list[str] = []
    for index in range(n_words):
        if index:
            separator = draw(_SEPARATORS)
            cue.append(separator)
            text.append(draw(_SEPARATORS))  # any separator in the text matches any in the cue
        word = "".join(draw(st.lists(_LETTERS, min_size=1, max_size=6)))
        cue.append(word)
        text.append(_other_case(word) if draw(st.booleans()) else word)
        if draw(st.booleans()):
            cue.append("*")
            text.append(draw(st.from_regex(r"[a-z]{0,3}", fullmatch=True)))
    return "".join(cue), "".join(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cue=_cue(), respelt=st.booleans())
@example(cue=("junior partner", "junior–partner"), respelt=True)
@example(cue=("İstanbul", "İSTANBUL"), respelt=False)
@example(cue=("xi's", "XI’S"), respelt=False)
@pytest.mark.slow
def test_every_cue_the_check_accepts_matches_its_own_text(cue, respelt):
    term, text = cue
    # The same phrase respelt (other separators, other case) on a second axis must count too.
    other = "–".join(phrase_words(_other_case(term))) if respelt else "filler-one"
    axes = {
        "power": {"equal": [term], "junior": ["zzfiller"]},
        "bond": {"friendship": [other], "convenience": ["qqfiller"]},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), axes)
        if check_lexicon(path):
            return  # refused, with its line: the property is about accepted cues
        lexicon = load_lexicon(path)
    expected = {("power", term)} | ({("bond", other)} if respelt else set())
    for subject in (text, f"Before {text} after.", f"({text})"):
        found = {(m.axis, m.cue) for m in lexicon.match(subject)}
        assert expected <= found, (subject, found)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # no actor named: nothing is relevant
        sentences = framing.score([f"Before {text} after."], lexicon)
    if len(sentences) > 1:
        return  # the cue holds a sentence end ('. A'): cues count within a sentence (documented)
    scored = {(cue["axis"], cue["cue"]) for cues in sentences["cues"] for cue in cues}
    assert expected <= scored, (text, sentences["text"].tolist(), scored)


def test_lower_case_text_is_refused_for_exactly_the_letters_the_fold_changes():
    """lower_case_matches refuses lower-cased text holding a letter that the case-folding
    pattern matches as another ('ı' as 'i', 'ſ' as 's', final 'ς' as 'σ' ...): every code point
    of the BMP is tried in a text that is not ASCII otherwise, against the character class of
    those letters."""
    folded = re.compile(
        "[\xb5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
        "\u1c80-\u1c88\u1e9b\u1fbe]"
    )
    for code in range(0x10000):
        text = f"Xi’s {chr(code)} friend"
        assert lower_case_matches(text, text) is (folded.search(text) is None), hex(code)
    assert lower_case_matches("İ", "İ".lower()) is False  # lower() made it longer
