"""One validation layer: every public function accepts and refuses the same numbers.

numpy integers are integers, numpy floats are numbers, a bool is never a number, and a refused
value raises ParameterError naming the parameter. All texts here are constructed.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import framing
from framing import _stats as stats
from framing._plain import shown
from framing._report import write_report
from framing._validation import check_bool, check_choice, check_int, check_real
from framing._voice import attribute_voice
from framing.errors import ParameterError

# constructed: two outlets, a few framed sentences each
TEXTS = [
    "Xi and Putin met in Beijing. Russia is China's junior partner. They are old friends.",
    "Russia and China meet as equals. Putin and Xi are old friends. It is a marriage of "
    "convenience.",
]
# constructed: sentences with power codes, for the classifier
POWER = [
    ("Russia is China's junior partner.", "junior"),
    ("Moscow is now the junior partner of Beijing.", "junior"),
    ("Russia has become a vassal of China.", "junior"),
    ("China and Russia meet as equals.", "equal"),
    ("The two are equal partners.", "equal"),
    ("Xi and Putin treat each other as equals.", "equal"),
    ("Trade between China and Russia rose in May.", "none"),
    ("Xi arrived in Moscow on Monday.", "none"),
    ("The ministers signed twelve documents.", "none"),
]

# constructed: the sentences of one coded article, six of which make a learning curve
ARTICLE = [
    ("Russia is China's junior partner in deal {}.", "junior"),
    ("They meet as equals {}.", "equal"),
    ("Trade rose {}.", "none"),
    ("The talks lasted {} days.", "none"),
]


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("validation")
    frame = pd.DataFrame({"text": TEXTS, "outlet": ["a", "b"], "doc_id": ["d1", "d2"]})
    jsonl = folder / "articles.jsonl"
    jsonl.write_text('{"text": "Xi met Putin."}\n{"text": "Putin met Xi."}\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = framing.score(frame)
        model = framing.FrameClassifier(axis="power", cv=3).fit(*zip(*POWER, strict=True))
    return {
        "frame": frame,
        "sents": sents,
        "jsonl": jsonl,
        "coded": pd.DataFrame(
            [(f"d{i}", text.format(i), code) for i in range(6) for text, code in ARTICLE],
            columns=["doc_id", "text", "power"],
        ),
        "model": model,
        "corpus": framing.Corpus.from_texts(TEXTS + [TEXTS[0]]),
        "folder": folder,
    }


def _report(c, **options):
    folder = c["folder"] / f"report{len(list(c['folder'].iterdir()))}"
    write_report(c["frame"], folder, n_resamples=100, **options)


_QUOTE = "“China holds the cards,” said a constructed analyst."
# name: (call with one option set, option, numpy value accepted, values refused)
CASES = {
    "score-chunk_size": (
        lambda c, v: framing.score(TEXTS, chunk_size=v),
        "chunk_size",
        np.int64(1),
        [True, 0, 1.5, "1"],
    ),
    "score-n_jobs": (
        lambda c, v: framing.score(TEXTS, n_jobs=v),
        "n_jobs",
        np.int64(1),
        [True, 0, -2, 1.0],
    ),
    "iter_scores-chunk_size": (
        lambda c, v: list(framing.iter_scores(TEXTS, chunk_size=v)),
        "chunk_size",
        np.int32(1),
        [False, 0, 2.0],
    ),
    "iter_corpus-chunk_size": (
        lambda c, v: list(framing.iter_corpus(c["jsonl"], chunk_size=v)),
        "chunk_size",
        np.int64(1),
        [True, 0, 1.5],
    ),
    "compare-n_resamples": (
        lambda c, v: framing.compare(c["sents"], n_resamples=v, seed=0),
        "n_resamples",
        np.int64(100),
        [True, 99, 100.0],
    ),
    "compare-confidence": (
        lambda c, v: framing.compare(c["sents"], confidence=v, n_resamples=100, seed=0),
        "confidence",
        np.float64(0.9),
        [True, 0, 1, math.nan, "0.9"],
    ),
    "compare-seed": (
        lambda c, v: framing.compare(c["sents"], n_resamples=100, seed=v),
        "seed",
        np.int64(3),
        [True, -1, 1.5],
    ),
    "balance_interval-confidence": (
        lambda c, v: stats.balance_interval([3, 1], [0, 2], confidence=v, seed=0),
        "confidence",
        np.float32(0.9),
        [True, 0.0, 1.5],
    ),
    "balance_interval-n_resamples": (
        lambda c, v: stats.balance_interval(
            [3, 1], [0, 2], method="percentile", n_resamples=v, seed=0
        ),
        "n_resamples",
        np.int64(50),
        [True, 0, 50.0],
    ),
    "permutation_test_balance-n_resamples": (
        lambda c, v: stats.permutation_test_balance(
            ([3, 1], [0, 2]), ([1, 1], [2, 2]), n_resamples=v, seed=0
        ),
        "n_resamples",
        np.uint8(50),
        [True, 0, 5.5],
    ),
    "keyness-top": (
        lambda c, v: framing.keyness(c["frame"], by="outlet", top=v),
        "top",
        np.int64(2),
        [True, 0, 2.5],
    ),
    "keyness-min_count": (
        lambda c, v: framing.keyness(c["frame"], by="outlet", min_count=v),
        "min_count",
        np.int16(1),
        [True, 0, 1.0],
    ),
    "keyness-alpha0": (
        lambda c, v: framing.keyness(c["frame"], by="outlet", alpha0=v),
        "alpha0",
        np.float64(100.0),
        [True, 0, -1.0, math.inf],
    ),
    "keyness-lowercase": (
        lambda c, v: framing.keyness(c["frame"], by="outlet", lowercase=v),
        "lowercase",
        np.False_,
        [1, 0, "yes"],
    ),
    "suggest_for_coding-n": (
        lambda c, v: framing.suggest_for_coding(c["sents"], c["model"], n=v),
        "n",
        np.int64(2),
        [True, 0, 2.0],
    ),
    "suggest_for_coding-seed": (
        lambda c, v: framing.suggest_for_coding(c["sents"], c["model"], seed=v),
        "seed",
        np.int64(1),
        [False, -3, 0.5],
    ),
    "learning_curve-n_repeats": (
        lambda c, v: framing.learning_curve(c["coded"], sizes=[4], n_repeats=v),
        "n_repeats",
        np.int64(1),
        [True, 0, 1.0],
    ),
    "learning_curve-test_share": (
        lambda c, v: framing.learning_curve(c["coded"], sizes=[2], n_repeats=1, test_share=v),
        "test_share",
        np.float64(0.5),
        [True, 0, 1, 2.0],
    ),
    "learning_curve-sizes": (
        lambda c, v: framing.learning_curve(c["coded"], sizes=[v], n_repeats=1),
        "sizes",
        np.int64(4),
        [True, 0, 5, 4.0],
    ),
    "learning_curve-seed": (
        lambda c, v: framing.learning_curve(c["coded"], sizes=[4], n_repeats=1, seed=v),
        "seed",
        np.int64(2),
        [True, -1, 2.0],
    ),
    "duplicate_clusters-threshold": (
        lambda c, v: c["corpus"].duplicate_clusters(threshold=v),
        "threshold",
        np.float64(0.8),
        [True, 0, 1.5],
    ),
    "duplicate_clusters-shingle": (
        lambda c, v: c["corpus"].duplicate_clusters(shingle=v),
        "shingle",
        np.int64(3),
        [True, 0, 3.0],
    ),
    "duplicate_clusters-max_ids": (
        lambda c, v: c["corpus"].duplicate_clusters(max_ids=v),
        "max_ids",
        np.int64(1),
        [True, 0, 1.0],
    ),
    "attribute_voice-min_quote_words": (
        lambda c, v: attribute_voice(_QUOTE, [0], [len(_QUOTE)], [0], min_quote_words=v),
        "min_quote_words",
        np.int64(2),
        [True, 0, 2.0],
    ),
    "attribute_voice-min_quoted_share": (
        lambda c, v: attribute_voice(_QUOTE, [0], [len(_QUOTE)], [0], min_quoted_share=v),
        "min_quoted_share",
        np.float64(0.5),
        [True, 0, 1.5],
    ),
    "write_report-evidence_per_pole": (
        lambda c, v: _report(c, evidence_per_pole=v),
        "evidence_per_pole",
        np.int64(0),
        [True, -1, 1.0],
    ),
    "write_report-top_terms": (
        lambda c, v: _report(c, top_terms=v),
        "top_terms",
        np.int64(3),
        [True, 0, 3.0],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_public_functions_agree_on_numbers(ctx, case):
    call, name, good, bads = CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call(ctx, good)  # a numpy scalar is as good as a Python one
    for bad in bads:
        with pytest.raises(ParameterError) as info:
            call(ctx, bad)
        assert info.value.name == name, bad
        assert f"{name}=" in str(info.value)


def test_numpy_seed_is_reported_as_the_same_seed(ctx):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = framing.compare(ctx["sents"], n_resamples=100, seed=3)
        numpy = framing.compare(ctx["sents"], n_resamples=100, seed=np.int64(3))
    assert numpy.seed == 3 and type(numpy.seed) is int
    assert numpy.table() == plain.table()
    pd.testing.assert_frame_equal(numpy.summary, plain.summary)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(np.int64(7), 7), (np.uint8(7), 7), (7, 7)],
    ids=["int64", "uint8", "int"],
)
def test_check_int_returns_python_ints(value, expected):
    result = check_int(value, "n", min_val=1, max_val=7)
    assert result == expected and type(result) is int


@pytest.mark.parametrize(
    ("kwargs", "value", "allowed"),
    [
        ({"min_val": 1}, 0, "an integer >= 1"),
        ({"min_val": 1, "max_val": 3}, 4, "an integer in [1, 3]"),
        ({"min_val": 1, "allow_none": True}, np.bool_(True), "an integer >= 1, or None"),
        ({"allowed": "two or more"}, "2", "two or more"),
    ],
)
def test_check_int_messages(kwargs, value, allowed):
    with pytest.raises(ParameterError) as info:
        check_int(value, "n", **kwargs)
    assert info.value.name == "n" and info.value.value is value
    assert info.value.allowed == allowed
    # a numpy value reads as the Python value it holds: n=True, not n=np.True_
    assert str(info.value) == f"n={shown(value)} is not allowed; expected {allowed}"
    assert "np." not in str(info.value)


@pytest.mark.parametrize(
    ("boundaries", "inside", "outside"),
    [("both", [0, 1], [-0.1]), ("left", [0], [1]), ("right", [1], [0]), ("neither", [0.5], [0, 1])],
)
def test_check_real_boundaries(boundaries, inside, outside):
    for value in inside:
        assert check_real(value, "x", min_val=0, max_val=1, include_boundaries=boundaries) == value
    for value in outside:
        with pytest.raises(ParameterError, match=r"x=.* is not allowed; expected a number in"):
            check_real(value, "x", min_val=0, max_val=1, include_boundaries=boundaries)


def test_check_real_refuses_non_finite_and_bools():
    for value in (math.nan, math.inf, -math.inf, True, np.True_, "1.0", None):
        with pytest.raises(ParameterError):
            check_real(value, "x")
    assert check_real(None, "x", allow_none=True) is None
    assert type(check_real(np.float32(0.5), "x")) is float


def test_check_bool_and_choice():
    assert check_bool(np.False_, "flag") is False
    for value in (0, 1, "True", None):
        with pytest.raises(ParameterError) as info:
            check_bool(value, "flag")
        assert info.value.allowed == (True, False)
    assert check_choice("raise", "errors", ("raise", "skip")) == "raise"
    for value in ("ignore", ["raise"], None):
        with pytest.raises(ParameterError) as info:
            check_choice(value, "errors", ("raise", "skip"))
        assert info.value.allowed == ("raise", "skip")
