"""Tests of framing._classify: FrameClassifier, LexiconFeatures and the bundled model.

Training sentences below are constructed for these tests (marked ``# constructed``); the seed
coding shipped in ``framing/data`` is real seed text. The held-out constructed set in
``tests/data/constructed`` is never used here: it is for measuring only.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import log_softmax, softmax
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline

from framing._classify import (
    BUNDLED_SETTINGS,
    BUNDLED_THRESHOLD,
    FrameClassifier,
    LexiconFeatures,
    _bundled,
    _decide,
    _fit_temperature,
    _payload,
    _write_seed_coding,
    builtin_prior,
    bundled_classifier,
    classify_sentences,
    concept_families,
    load_model,
    model_info,
    training_data,
)
from framing._lexicon import Axis, Cue, Lexicon, load_lexicon
from framing._validate import _lexicon_label
from framing.errors import (
    FramingWarning,
    InputError,
    InsufficientDataError,
    ModelError,
    ParameterError,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_CODING = ROOT / "seeds" / "annotations" / "sentences.csv"

# constructed: four sentences per class of the power axis
POWER = [
    ("Russia has become China's junior partner.", "junior"),
    ("Moscow now depends on Beijing for almost everything.", "junior"),
    ("Beijing holds all the cards in its dealings with Moscow.", "junior"),
    ("The Kremlin is increasingly a vassal of Beijing.", "junior"),
    ("Xi and Putin meet as equals.", "equal"),
    ("China and Russia describe a partnership of equals.", "equal"),
    ("The two sides stress parity and mutual respect.", "equal"),
    ("Moscow and Beijing treat each other as equals.", "equal"),
    ("Trade between China and Russia rose in May.", "none"),
    ("Xi arrived in Moscow on Monday.", "none"),
    ("The talks between Putin and Xi lasted two days.", "none"),
    ("The ministers of both countries signed twelve documents.", "none"),
]
TEXTS = [t for t, _ in POWER]
LABELS = [label for _, label in POWER]


@pytest.fixture(scope="module")
def fitted() -> FrameClassifier:
    return FrameClassifier(axis="power", cv=4, prior=None).fit(TEXTS, LABELS)


# scikit-learn's common estimator checks, by allow-list: tests/test_estimator_checks.py.


# --------------------------------------------------------------------------- estimator contract


def test_init_stores_parameters_unchanged():
    lex = load_lexicon("relationship")
    clf = FrameClassifier(axis="bond", lexicon=lex, C=0.5, ngram_range=[1, 3], threshold=0.4)
    params = clf.get_params()
    assert params["lexicon"] is lex and params["ngram_range"] == [1, 3]
    assert params == {
        "axis": "bond", "lexicon": lex, "C": 0.5, "ngram_range": [1, 3],
        "char_ngram_range": (2, 5), "lexicon_weight": 0.3, "threshold": 0.4, "prefer_lexicon": True, "cv": 5,
        "random_state": 0, "prior": "builtin", "prior_weight": 0.1, "rule_features": True,
        "cue_features": True, "override": "auto", "concept_features": False,
    }  # fmt: skip
    # No validation in __init__: a bad value is accepted here and rejected by fit.
    bad = FrameClassifier(axis="nonsense", C=-1)
    with pytest.raises(ParameterError):
        bad.fit(TEXTS, LABELS)


def test_clone_and_set_params(fitted):
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "pipeline_")
    assert copy.set_params(C=3.0, threshold=0.2) is copy
    assert (copy.C, copy.threshold, fitted.C) == (3.0, 0.2, 10.0)
    with pytest.raises(ValueError, match="Invalid parameter"):
        copy.set_params(nonsense=1)


@pytest.mark.slow
def test_fit_returns_self_and_learns_state():
    clf = FrameClassifier(cv=4)
    assert clf.fit(TEXTS, LABELS) is clf
    assert clf.classes_.tolist() == ["equal", "junior", "none"]
    assert clf.poles_ == ("equal", "junior")
    assert isinstance(clf.pipeline_, Pipeline) and clf.calibration_folds_ == 4
    assert clf.temperature_ > 0
    assert not hasattr(clf, "n_features_in_")  # text input, as TfidfVectorizer


def test_not_fitted():
    with pytest.raises(NotFittedError):
        FrameClassifier().predict(["Xi met Putin."])  # constructed
    with pytest.raises(NotFittedError):
        LexiconFeatures().transform(["Xi met Putin."])  # constructed


def test_pickle_round_trip(fitted):
    again = pickle.loads(pickle.dumps(fitted))
    probe = ["Russia is the junior partner.", "Trade grew."]  # constructed
    np.testing.assert_array_equal(again.predict_proba(probe), fitted.predict_proba(probe))
    assert again.predict(probe).tolist() == fitted.predict(probe).tolist()


@pytest.mark.slow
def test_fit_is_idempotent_and_deterministic():
    probe = ["Beijing dictates the pace to Moscow.", "They are equals."]  # constructed
    clf = FrameClassifier(cv=4)
    first = clf.fit(TEXTS, LABELS).predict_proba(probe)
    second = clf.fit(TEXTS, LABELS).predict_proba(probe)
    third = FrameClassifier(cv=4).fit(TEXTS, LABELS).predict_proba(probe)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, third)


@pytest.mark.slow
def test_inputs_not_mutated_and_any_sequence_accepted():
    texts, labels = list(TEXTS), list(LABELS)
    series = pd.Series(texts, index=range(100, 112))
    clf = FrameClassifier(cv=4).fit(series, np.asarray(labels))
    assert texts == TEXTS and labels == LABELS
    from_tuple = FrameClassifier(cv=4).fit(tuple(texts), tuple(labels))
    np.testing.assert_array_equal(clf.predict_proba(texts), from_tuple.predict_proba(texts))


def test_sample_order_and_subset_invariance(fitted):
    probe = np.asarray(TEXTS, dtype=object)
    order = np.random.default_rng(0).permutation(len(probe))
    proba = fitted.predict_proba(probe)
    np.testing.assert_allclose(fitted.predict_proba(probe[order]), proba[order], atol=1e-12)
    halves = [fitted.predict_proba(probe[:5]), fitted.predict_proba(probe[5:])]
    np.testing.assert_allclose(np.vstack(halves), proba, atol=1e-12)


def test_probabilities_decision_and_predict_agree(fitted):
    proba = fitted.predict_proba(TEXTS)
    decision = fitted.decision_function(TEXTS)
    assert proba.shape == decision.shape == (12, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(proba, softmax(decision, axis=1))
    np.testing.assert_allclose(fitted.predict_log_proba(TEXTS), np.log(proba))
    assert fitted.predict(TEXTS).tolist() == fitted.classes_[proba.argmax(axis=1)].tolist()
    # The model learnt its training data: ClassifierMixin.score is accuracy.
    assert fitted.score(TEXTS, LABELS) == 1.0


def test_threshold_turns_unsure_labels_to_none(fitted):
    proba = fitted.predict_proba(TEXTS)
    cut = float(np.median(proba.max(axis=1)))
    strict = clone(fitted).set_params(threshold=cut, prefer_lexicon=False).fit(TEXTS, LABELS)
    expected = np.where(proba.max(axis=1) < cut, "none", fitted.classes_[proba.argmax(axis=1)])
    assert strict.predict(TEXTS).tolist() == expected.tolist()
    everything_none = clone(fitted).set_params(threshold=1.0, prefer_lexicon=False)
    assert set(everything_none.fit(TEXTS, LABELS).predict(TEXTS)) == {"none"}


def test_score_sentences_is_first_minus_second_pole(fitted):
    labels, scores = fitted.score_sentences(TEXTS)
    proba = fitted.predict_proba(TEXTS)
    np.testing.assert_allclose(scores, proba[:, 0] - proba[:, 1])  # equal - junior
    assert labels.tolist() == fitted.predict(TEXTS).tolist()
    assert (scores[:4] < 0).all() and (scores[4:8] > 0).all()


def test_two_classes_give_binary_logits():
    pairs = [p for p in POWER if p[1] != "equal"]
    texts, labels = [t for t, _ in pairs], [label for _, label in pairs]
    clf = FrameClassifier(cv=4, prior=None).fit(texts, labels)
    decision = clf.decision_function(texts)
    assert decision.shape == (8,)
    proba = clf.predict_proba(texts)
    np.testing.assert_allclose(proba[:, 1], 1 / (1 + np.exp(-decision)))
    _, scores = clf.score_sentences(texts)  # 'equal' never seen: P(equal) = 0
    np.testing.assert_allclose(scores, -proba[:, 0])


def test_temperature_minimises_log_loss():
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=4.0, size=(60, 3))
    targets = rng.integers(0, 3, size=60)
    found = _fit_temperature(logits, targets)
    grid = np.exp(np.linspace(-5, 5, 20001))
    losses = [-log_softmax(logits / t, axis=1)[np.arange(60), targets].mean() for t in grid]
    assert found == pytest.approx(grid[int(np.argmin(losses))], rel=1e-3)
    # Over-confident random logits are cooled down: T > 1.
    assert found > 1


# constructed: sentences whose label goes against their words, so that cross-validation errs
HARD = [
    ("Some call it a partnership of equals; few believe it.", "none"),
    ("Officials deny that Moscow depends on Beijing.", "none"),
    ("Xi and Putin met as they do every year.", "equal"),
]


def test_calibration_uses_cross_validated_decisions():
    texts = TEXTS + [text for text, _ in HARD]
    y = np.asarray(LABELS + [label for _, label in HARD])
    clf = FrameClassifier(cv=3, prior=None).fit(texts, y)
    base = clone(clf.pipeline_)
    splitter = StratifiedKFold(3, shuffle=True, random_state=0)
    z = np.empty((len(texts), 3))
    for train, test in splitter.split(texts, y):
        model = clone(base).fit([texts[i] for i in train], y[train])
        z[test] = model.decision_function([texts[i] for i in test])
    targets = np.searchsorted(clf.classes_, y)
    assert (z.argmax(axis=1) != targets).any()  # the hard sentences make it err
    expected = _fit_temperature(z, targets)
    assert clf.temperature_ == pytest.approx(expected, rel=1e-9)


@pytest.mark.slow
def test_no_calibration_when_cross_validation_makes_no_error():
    # TEXTS are separable: the log loss would take T to its bound and every probability to
    # 1.0. The model keeps its own scale instead, and says so.
    with pytest.warns(FramingWarning, match="predicted right in cross-validation"):
        clf = FrameClassifier(cv=3, C=1.0, lexicon_weight=1.0).fit(TEXTS, LABELS)
    assert clf.temperature_ == 1.0
    assert clf.predict_proba(TEXTS).max() < 0.999


def test_single_example_class_warns_and_skips_calibration():
    texts = TEXTS[:9]  # one 'none' example
    with pytest.warns(FramingWarning, match="'none' has a single example"):
        clf = FrameClassifier().fit(texts, LABELS[:9])
    assert (clf.calibration_folds_, clf.temperature_) == (0, 1.0)
    assert clf.predict_proba(texts).shape == (9, 3)


@pytest.mark.slow
def test_calibration_folds_capped_by_smallest_class():
    texts = TEXTS[:4] + TEXTS[4:7] + TEXTS[8:11]  # 4 junior, 3 equal, 3 none
    clf = FrameClassifier(cv=10).fit(texts, LABELS[:4] + LABELS[4:7] + LABELS[8:11])
    assert clf.calibration_folds_ == 3


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("texts", "labels", "match"),
    [
        ("Russia is China's junior partner.", ["junior"], "not a single string"),
        (["fine", 3], ["none", "none"], "position 1 holds int"),
        (np.zeros((3, 2)), ["none"] * 3, "2-D array"),
        (pd.DataFrame({"text": TEXTS}), LABELS, "not a DataFrame"),
        (TEXTS, LABELS[:-1], "12 texts and 11 labels"),
        (TEXTS, LABELS[:-1] + [None], "missing labels, the first at position 11"),
        (TEXTS, "junior", "not a single string"),
    ],
    ids=["bare-string", "non-string", "numeric-array", "dataframe", "lengths", "missing", "y-str"],
)
def test_bad_input(texts, labels, match):
    with pytest.raises(InputError, match=match):
        FrameClassifier().fit(texts, labels)


def test_labels_outside_the_axis_are_listed():
    labels = LABELS[:-2] + ["friendship", "junoir"]
    with pytest.raises(InputError) as info:
        FrameClassifier(axis="power").fit(TEXTS, labels)
    message = str(info.value)
    assert "'friendship', 'junoir'" in message and "position 10" in message
    assert "('equal', 'junior', 'none')" in message


def test_one_class_is_insufficient():
    with pytest.raises(InsufficientDataError, match="single class \\('none'\\)") as info:
        FrameClassifier().fit(TEXTS[8:], LABELS[8:])
    assert (info.value.n, info.value.needed) == (1, 2)
    with pytest.raises(InsufficientDataError):
        FrameClassifier().fit([], [])


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"axis": "tone"}, "axis"),
        ({"C": 0}, "C"),
        ({"threshold": 1.5}, "threshold"),
        ({"cv": 1}, "cv"),
        ({"cv": True}, "cv"),
        ({"lexicon_weight": -1}, "lexicon_weight"),
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"char_ngram_range": 3}, "char_ngram_range"),
        ({"override": 0.0}, "override"),
        ({"override": "never"}, "override"),
        ({"rule_features": 1}, "rule_features"),
        ({"cue_features": None}, "cue_features"),
        ({"concept_features": "yes"}, "concept_features"),
    ],
)
def test_bad_parameters(params, name):
    with pytest.raises(ParameterError) as info:
        FrameClassifier(**params).fit(TEXTS, LABELS)
    assert info.value.name == name


def test_predict_rejects_a_bare_string(fitted):
    with pytest.raises(InputError, match="not a single string"):
        fitted.predict("Russia is the junior partner.")  # constructed


# --------------------------------------------------------------------------- in scikit-learn tools


@pytest.mark.slow
def test_in_pipeline_and_cross_val_score():
    scores = cross_val_score(
        FrameClassifier(cv=3), TEXTS, LABELS, cv=StratifiedKFold(4), scoring="f1_macro"
    )
    assert scores.shape == (4,) and np.all((0 <= scores) & (scores <= 1))
    pipe = Pipeline([("classifier", FrameClassifier(cv=4))]).fit(TEXTS, LABELS)
    assert pipe.predict(TEXTS).tolist() == LABELS


@pytest.mark.slow
def test_grid_search():
    search = GridSearchCV(
        FrameClassifier(cv=2),
        {"C": [0.1, 10.0], "lexicon_weight": [0.0, 2.0]},
        cv=StratifiedKFold(2),
        scoring="f1_macro",
    ).fit(TEXTS, LABELS)
    assert len(search.cv_results_["params"]) == 4
    assert isinstance(search.best_estimator_, FrameClassifier)
    assert search.best_estimator_.C == search.best_params_["C"]


# --------------------------------------------------------------------------- LexiconFeatures

_TONE = Lexicon(
    name="t", version="1", description="constructed",
    axes=(Axis("tone", ("warm", "cold")),),
    cues=(Cue("friend*", "tone", "warm", 2.0), Cue("rival*", "tone", "cold")),
)  # fmt: skip


def test_lexicon_features_hand_counted():
    features = LexiconFeatures(_TONE).fit([])
    names = features.get_feature_names_out().tolist()
    assert names == [f"tone_{p}_{k}" for p in ("warm", "cold")
                     for k in ("weight", "count", "negated", "performance", "conceded",
                               "mention", "quoted")]  # fmt: skip
    X = features.transform(
        [
            "Friends and friends again.",  # two warm cues of weight 2
            "Not friends but rivals.",  # negation flips 'friends' to cold, conceded by 'but'
            "Nothing here.",
        ]
    )  # constructed
    row = dict(zip(names, X[0], strict=True))
    assert (row["tone_warm_weight"], row["tone_warm_count"]) == (4.0, 2.0)
    second = dict(zip(names, X[1], strict=True))
    matches = _TONE.match("Not friends but rivals.")
    assert [(m.pole, m.negated, m.conceded) for m in matches] == [
        ("cold", True, True), ("cold", False, False)
    ]  # fmt: skip
    assert second["tone_cold_count"] == 2.0 and second["tone_cold_negated"] == 1.0
    assert second["tone_cold_conceded"] == 1.0
    assert second["tone_cold_weight"] == pytest.approx(sum(m.weight for m in matches))
    assert second["tone_warm_count"] == 0.0
    np.testing.assert_array_equal(X[2], 0.0)


def test_lexicon_features_performance_and_axes():
    features = LexiconFeatures(axes=["bond"]).fit([])
    assert features.axes_ == ("bond",)
    # constructed: performance turns warmth into convenience (codebook rule 3)
    X = features.transform(["Calculated camaraderie was put on display."])
    row = dict(zip(features.get_feature_names_out(), X[0], strict=True))
    assert row["bond_convenience_performance"] == 1.0 and row["bond_friendship_count"] == 0.0
    every = LexiconFeatures().fit([])
    assert every.axes_ == ("power", "bond") and every.transform(["x"]).shape == (1, 28)
    older = LexiconFeatures(rules=False).fit([])  # the five columns per pole of version 1 models
    assert older.transform(["x"]).shape == (1, 20)
    with pytest.raises(ParameterError):
        LexiconFeatures(axes="tone").fit([])
    with pytest.raises(InputError):
        LexiconFeatures().fit("one string")


#: _TONE with the codebook's mention rules on: questions and scare quotes mention a cue.
_TONE_MENTIONS = dataclasses.replace(
    _TONE,
    settings=dataclasses.replace(
        _TONE.settings, mention_in_questions=True, mention_in_scare_quotes=True
    ),
)


def test_lexicon_features_mention_and_quoted_hand_counted():
    features = LexiconFeatures(_TONE_MENTIONS).fit([])
    X = features.transform(
        [
            'She said "we are friends" and left.',  # a source's words: quoted, asserted
            "Are they friends?",  # a question: mentioned, weight 0
            "Russia's friends and rivals met.",  # an apostrophe opens no quotation
            "Their 'friendship' is for show, and 'rivals' they remain.",  # scare quotes
        ]
    )  # constructed
    rows = [dict(zip(features.get_feature_names_out(), x, strict=True)) for x in X]
    assert (rows[0]["tone_warm_quoted"], rows[0]["tone_warm_mention"]) == (1.0, 0.0)
    assert rows[0]["tone_warm_weight"] == 2.0
    assert (rows[1]["tone_warm_mention"], rows[1]["tone_warm_weight"]) == (1.0, 0.0)
    assert rows[1]["tone_warm_count"] == 1.0
    assert rows[2]["tone_warm_quoted"] == rows[2]["tone_cold_quoted"] == 0.0
    # 'friendship' in scare quotes after "their": a mention, and inside quotation marks;
    # 'rivals' is quoted after "and", which is no scare quote: it counts.
    assert (rows[3]["tone_warm_mention"], rows[3]["tone_warm_quoted"]) == (1.0, 1.0)
    assert (rows[3]["tone_cold_mention"], rows[3]["tone_cold_quoted"]) == (0.0, 1.0)
    assert rows[3]["tone_cold_weight"] == 1.0


def test_lexicon_features_cue_columns_are_signed_by_the_pole_counted():
    features = LexiconFeatures(_TONE_MENTIONS, cues=True).fit([])
    names = features.get_feature_names_out().tolist()
    assert names[-2:] == ["tone_cue_friend*", "tone_cue_rival*"] and len(names) == 16
    X = features.transform(
        ["Friends and friends again.", "Not friends but rivals.", "Are they rivals?", "None."]
    )  # constructed
    assert not isinstance(X, np.ndarray)  # sparse: one column per cue of the lexicon
    cues = X.toarray()[:, -2:]
    # two warm cues of weight 2; negated 'friends' counts cold (negative) and, conceded by
    # 'but', with the lexicon's contrast weight; a question's cue is mentioned: weight 0.
    conceded = [m.weight for m in _TONE_MENTIONS.match("Not friends but rivals.")][0]
    np.testing.assert_allclose(cues, [[4.0, 0.0], [-conceded, -1.0], [0.0, 0.0], [0.0, 0.0]])
    dense = LexiconFeatures(_TONE_MENTIONS).fit([]).transform(["Not friends but rivals."])
    np.testing.assert_array_equal(X.toarray()[1, :14], dense[0])
    with pytest.raises(ParameterError):
        LexiconFeatures(_TONE, cues="yes").fit([])


def test_concept_families_are_not_cues_and_carry_no_duplicates():
    families = concept_families()
    assert len(families) >= 10 and all(len(terms) >= 5 for terms in families.values())
    terms = [term for family in families.values() for term in family]
    assert len(terms) == len(set(terms))
    assert all(term == term.lower() and term.strip() == term for term in terms)
    cues = {cue.term.rstrip("*") for cue in load_lexicon("relationship").cues}
    assert not [term for term in terms if term.rstrip("*") in cues]


def test_lexicon_features_concept_columns_hand_counted():
    features = LexiconFeatures(axes="power", concepts=True).fit([])
    names = features.get_feature_names_out().tolist()
    families = list(concept_families())
    assert names[-len(families) :] == [f"concept_{family}" for family in families]
    texts = [  # constructed
        "Russia sells oil and gas to Chinese buyers, and its exporters need dual-use chips.",
        "The team drank steady amounts of tea.",
        "Russia has become China's junior partner.",
    ]
    X = features.transform(texts)
    counts = dict(zip(names, X[0], strict=True))
    # sells, oil, gas, buyers, exporters; 'dual-use' across a hyphen, 'chips'
    assert (counts["concept_energy_trade"], counts["concept_military_supply"]) == (5.0, 2.0)
    # whole words only: 'team' and 'steady' are not 'tea'
    assert dict(zip(names, X[1], strict=True))["concept_ceremony"] == 1.0
    assert not X[2, -len(families) :].any()
    plain = LexiconFeatures(axes="power").fit([]).transform(texts)
    np.testing.assert_array_equal(X[:, : plain.shape[1]], plain)
    with pytest.raises(ParameterError):
        LexiconFeatures(axes="power", concepts=1).fit([])


def test_concept_features_are_learnt_saved_and_checked_on_loading(tmp_path, monkeypatch):
    model = FrameClassifier(axis="power", cv=2, prior=None, concept_features=True)
    model.fit(TEXTS, LABELS)
    regression = model.pipeline_.named_steps["model"]
    width = FrameClassifier(axis="power", cv=2, prior=None).fit(TEXTS, LABELS)
    extra = regression.coef_.shape[1] - width.pipeline_.named_steps["model"].coef_.shape[1]
    assert extra == len(concept_families())
    loaded = load_model(model.save(tmp_path / "concepts.model"))
    assert loaded.concept_features is True
    probe = ["Beijing buys Russian oil at a steep price.", "They toured the red carpet."]
    np.testing.assert_allclose(loaded.predict_proba(probe), model.predict_proba(probe))
    # A model without them describes itself as before (the bundled files stay as built).
    assert "concept_features" not in _payload(width)[0]["params"]
    monkeypatch.setattr("framing._classify._concept_families_sha256", lambda: "0" * 64)
    with pytest.raises(ModelError, match="concept families that are not this framing's"):
        load_model(tmp_path / "concepts.model")


def test_lexicon_features_in_a_user_pipeline():
    pipe = make_pipeline(LexiconFeatures(axes="power"), LogisticRegression()).fit(TEXTS, LABELS)
    # constructed; the lexicon knows 'junior partner' and 'equals'
    assert pipe.predict(["Moscow is the junior partner.", "They are equals."]).tolist() == [
        "junior", "equal"
    ]  # fmt: skip


# --------------------------------------------------------------------------- bundled model


def test_shipped_coding_equals_the_seed_gold_columns(tmp_path):
    source = pd.read_csv(SEED_CODING, dtype=str, keep_default_na=False)
    shipped = training_data()
    columns = ["doc_id", "sent_id", "start", "end", "text", "gold_relevant", "gold_power",
               "gold_bond"]  # fmt: skip
    assert shipped.columns.tolist() == columns
    pd.testing.assert_frame_equal(shipped.astype(str), source[columns])
    # The export reproduces the shipped file byte for byte: they cannot drift.
    _write_seed_coding(SEED_CODING, tmp_path / "export.csv")
    packaged = resources.files("framing") / "data" / "seed_coding.csv"
    assert (tmp_path / "export.csv").read_bytes() == packaged.read_bytes()


def test_shipped_models_are_plain_arrays():
    folder = resources.files("framing") / "data"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["bundled_bond.model", "bundled_power.model", "concept_families.toml",
                     "prior_coding.csv", "seed_coding.csv"]  # fmt: skip
    for name in names[:2]:
        with resources.as_file(folder / name) as path, np.load(path, allow_pickle=False) as f:
            assert all(f[key].dtype != object for key in f.files)


@pytest.mark.slow
def test_bundled_classifier_is_what_the_build_script_trains():
    from framing._build_model import bundled_training_data

    model = bundled_classifier("power")
    assert model.threshold == BUNDLED_THRESHOLD and model.axis == "power"
    assert model.classes_.tolist() == ["equal", "junior", "none"]
    data = bundled_training_data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        reference = FrameClassifier(axis="power", **BUNDLED_SETTINGS).fit(
            data["text"].tolist(), data["power"].tolist()
        )
    probe = data["text"].tolist()[:20]
    np.testing.assert_allclose(model.predict_proba(probe), reference.predict_proba(probe),
                               rtol=1e-6, atol=1e-9)  # fmt: skip


def test_bundled_classifier_is_a_copy_of_the_cache():
    model = bundled_classifier("bond")
    model.fit(TEXTS, ["friendship"] * 6 + ["none"] * 6)  # a user refits the copy
    assert bundled_classifier("bond").classes_.tolist() == ["convenience", "friendship", "none"]
    assert _bundled("bond") is _bundled("bond")


def test_classify_sentences():
    texts = [
        "Russia has become China's junior partner.",  # constructed
        "Xi and Putin met in Moscow on Monday.",  # constructed
    ]
    labels, scores = classify_sentences(texts, "power")
    model = _bundled("power")
    proba = model.predict_proba(texts)
    columns = list(model.classes_)
    np.testing.assert_allclose(
        scores, proba[:, columns.index("equal")] - proba[:, columns.index("junior")]
    )
    assert labels.tolist() == model.predict(texts).tolist()
    assert labels[0] == "junior" and scores[0] < -0.5
    assert np.all(np.abs(scores) <= 1)
    empty = classify_sentences([], "bond")
    assert empty[0].shape == empty[1].shape == (0,)


def test_classify_sentences_with_own_model(fitted):
    labels, scores = classify_sentences(TEXTS, "power", model=fitted)
    assert labels.tolist() == fitted.predict(TEXTS).tolist()
    with pytest.raises(ParameterError, match="axis='bond'"):
        classify_sentences(TEXTS, "bond", model=fitted)
    with pytest.raises(ParameterError, match="axis='tone'"):
        classify_sentences(TEXTS, "tone")
    with pytest.raises(ParameterError):
        bundled_classifier("tone")
    with pytest.raises(InputError):
        classify_sentences("one sentence", "power")


def test_no_texts_give_empty_results(fitted):
    """predict([]) and friends return empty arrays of the right shape, no traceback."""
    n_classes = len(fitted.classes_)
    assert fitted.predict([]).shape == (0,)
    assert fitted.predict(np.array([], dtype=object)).shape == (0,)
    assert fitted.predict_proba([]).shape == (0, n_classes)
    assert fitted.predict_log_proba([]).shape == (0, n_classes)
    assert fitted.decision_function([]).shape == (0, n_classes)
    labels, scores = fitted.score_sentences([])
    assert labels.shape == scores.shape == (0,)
    pairs = [p for p in POWER if p[1] != "equal"]
    binary = FrameClassifier(cv=4, prior=None).fit([t for t, _ in pairs], [c for _, c in pairs])
    assert binary.decision_function([]).shape == (0,)
    assert binary.predict_proba([]).shape == (0, 2)
    assert binary.predict([]).tolist() == []


def test_prefer_lexicon_keeps_the_lexicon_pole_and_lets_the_model_label_the_rest():
    # constructed: no 'equal' in training, so the model alone can never answer it
    texts = ["Russia is now China's junior partner.", "Moscow depends on Beijing.",
             "Trade rose in May.", "The talks lasted two days."] * 2  # fmt: skip
    labels = ["junior", "junior", "none", "none"] * 2
    cue = "They meet as equals."  # the lexicon gives 'equal'
    plain = FrameClassifier(axis="power", cv=2, threshold=0.0, prefer_lexicon=False, prior=None)
    plain.fit(texts, labels)
    backed = clone(plain).set_params(prefer_lexicon=True).fit(texts, labels)
    assert plain.predict([cue]).tolist() != ["equal"]
    assert backed.predict([cue]).tolist() == ["equal"]
    # where the lexicon finds no cue, the model's own label stands
    quiet = ["Officials met on Tuesday.", "Moscow depends on Beijing for chips."]
    assert backed.predict(quiet).tolist() == plain.predict(quiet).tolist()
    found, scores = backed.score_sentences([cue, *quiet])
    assert found.tolist() == ["equal", *plain.predict(quiet).tolist()]
    assert scores.shape == (3,)


@pytest.mark.slow
def test_prefer_lexicon_is_checked_and_saved(tmp_path):
    texts = ["Russia is now China's junior partner.", "Moscow depends on Beijing.",
             "Trade rose in May.", "The talks lasted two days."]  # fmt: skip
    labels = ["junior", "junior", "none", "none"]
    with pytest.raises(ParameterError, match="prefer_lexicon"):
        FrameClassifier(prefer_lexicon="yes", cv=2).fit(texts, labels)
    model = FrameClassifier(prefer_lexicon=True, cv=2).fit(texts, labels)
    loaded = load_model(model.save(tmp_path / "power.model"))
    assert loaded.prefer_lexicon is True
    assert loaded.predict(["They meet as equals."]).tolist() == ["equal"]


# --------------------------------------------------------------------------- the automatic threshold

# constructed: the lexicon labels the cue sentences right; the quiet sentences (no cue) carry
# labels their words do not predict, so a model can only add wrong poles to the lexicon's
CUED = [
    ("Russia is now China's junior partner.", "junior"),
    ("Moscow depends on Beijing.", "junior"),
    ("Moscow relies on Beijing for almost everything.", "junior"),
    ("They meet as equals.", "equal"),
    ("It is a partnership of equals.", "equal"),
    ("The two sides treat each other as equals.", "equal"),
]
NOISE = [
    (f"Officials met on {day} to discuss {topic}.", label)
    for (day, topic), label in zip(
        [(d, t) for d in ("Monday", "Tuesday", "Friday") for t in ("grain", "rail", "ports")],
        ["junior", "none", "equal", "none", "junior", "equal", "none", "equal", "junior"],
        strict=True,
    )
]
# constructed: a frame the lexicon misses ('leans on'), coded junior every time
LEANS = [
    (f"{who} leans on {whom} for {what}.", "junior")
    for who, whom, what in [
        ("Moscow", "Beijing", "credit"), ("The Kremlin", "China", "chips"),
        ("Russia", "Beijing", "buyers"), ("Moscow", "China", "machinery"),
        ("The Kremlin", "Beijing", "cash"), ("Russia", "China", "markets"),
    ]
]  # fmt: skip
QUIET = [
    (f"Officials met on {day} to discuss {topic}.", "none")
    for day in ("Monday", "Tuesday", "Friday")
    for topic in ("grain", "rail")
]


def _lexicon_labels(texts):
    lex = load_lexicon("relationship")
    return [_lexicon_label(lex, text, "power") for text in texts]


@pytest.mark.slow
def test_auto_threshold_backs_off_to_the_lexicon_when_the_model_cannot_help():
    texts, labels = zip(*(CUED + NOISE), strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        clf = FrameClassifier(axis="power", cv=3).fit(texts, labels)
        eager = FrameClassifier(axis="power", cv=3, threshold=0.0).fit(texts, labels)
    assert clf.threshold == "auto" and clf.threshold_ == 1.0
    probe = ["Officials met on Monday to discuss grain.", "Officials met on Sunday.",
             "They meet as equals.", "Moscow depends on Beijing."]  # fmt: skip
    assert clf.predict(probe).tolist() == _lexicon_labels(probe) == [
        "none", "none", "equal", "junior"
    ]
    # without the guard the model's own labels stand where the lexicon says nothing
    assert set(eager.predict([text for text, _ in NOISE])) != {"none"}
    assert set(clf.predict([text for text, _ in NOISE])) == {"none"}


@pytest.mark.slow
def test_auto_threshold_lets_the_model_add_what_the_lexicon_misses():
    texts, labels = zip(*(CUED + LEANS + QUIET), strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        clf = FrameClassifier(axis="power", cv=3).fit(texts, labels)
    assert clf.threshold_ < 1.0
    probe = ["Russia leans on China for loans.", "Officials met on Sunday to discuss grain.",
             "They meet as equals."]  # fmt: skip
    assert _lexicon_labels(probe) == ["none", "none", "equal"]
    assert clf.predict(probe).tolist() == ["junior", "none", "equal"]


@pytest.mark.slow
def test_groups_keep_an_article_out_of_its_own_cross_validation():
    # constructed: each 'article' repeats one sentence three times with a label its words do
    # not predict; across folds that cut articles the model recognises the copies and seems
    # to help, folds by article show it cannot
    stems = [f"Officials met on {day} to discuss {topic}." for day in ("Monday", "Tuesday",
             "Friday", "Sunday") for topic in ("grain", "rail", "ports")]  # fmt: skip
    codes = ["junior", "none", "equal", "none"] * 3
    texts = [text for text in stems for _ in range(3)] + [t for t, _ in CUED]
    labels = [code for code in codes for _ in range(3)] + [c for _, c in CUED]
    groups = [i for i in range(len(stems)) for _ in range(3)] + list(range(100, 106))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        cut = FrameClassifier(axis="power", cv=3).fit(texts, labels)
        grouped = FrameClassifier(axis="power", cv=3).fit(texts, labels, groups=groups)
    assert cut.threshold_ < 1.0
    assert grouped.threshold_ == 1.0
    assert grouped.calibration_folds_ == 3
    with pytest.raises(InputError, match="X and groups have different lengths"):
        FrameClassifier(axis="power").fit(texts, labels, groups=groups[:-1])
    with pytest.raises(InputError, match="groups has 1 missing"):
        FrameClassifier(axis="power").fit(texts, labels, groups=[None, *groups[1:]])


@pytest.mark.slow
def test_threshold_is_checked_and_the_chosen_one_saved(tmp_path):
    with pytest.raises(ParameterError, match="threshold"):
        FrameClassifier(threshold="best").fit(TEXTS, LABELS)
    texts, labels = zip(*(CUED + LEANS + QUIET), strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        model = FrameClassifier(axis="power", cv=3).fit(texts, labels)
    loaded = load_model(model.save(tmp_path / "power.model"))
    assert (loaded.threshold, loaded.threshold_) == ("auto", model.threshold_)
    probe = [*texts, "Russia leans on China for loans.", "Officials met on Sunday."]
    assert loaded.predict(probe).tolist() == model.predict(probe).tolist()
    assert model_info(loaded)["sha256"] == model_info(model)["sha256"]


def test_the_threshold_on_poles_lets_a_pole_stand_below_none():
    classes = np.asarray(["equal", "junior", "none"], dtype=object)
    proba = np.array([[0.1, 0.35, 0.55], [0.05, 0.15, 0.8], [0.6, 0.1, 0.3]])
    assert _decide(proba, classes, 0.3, None, "pole").tolist() == ["junior", "none", "equal"]
    assert _decide(proba, classes, 0.3, None, "label").tolist() == ["none", "none", "equal"]
    assert _decide(proba, classes, 1.0, None, "pole").tolist() == ["none"] * 3
    lexicon = np.asarray(["none", "equal", "none"], dtype=object)
    assert _decide(proba, classes, 0.3, lexicon, "pole").tolist() == ["junior", "equal", "equal"]


def test_the_override_replaces_a_lexicon_pole_only_when_an_alternative_is_probable_enough():
    classes = np.asarray(["equal", "junior", "none"], dtype=object)
    proba = np.array([[0.1, 0.2, 0.7], [0.55, 0.4, 0.05], [0.1, 0.8, 0.1], [0.05, 0.9, 0.05]])
    lexicon = np.asarray(["junior", "junior", "none", "equal"], dtype=object)
    # hand-computed: row 0's 'none' (0.7) and row 3's 'junior' (0.9) reach 0.6; row 1's
    # 'equal' (0.55) does not; row 2 has no lexicon pole, the threshold labels it
    assert _decide(proba, classes, 0.5, lexicon, "pole", 0.6).tolist() == [
        "none", "junior", "junior", "junior"
    ]  # fmt: skip
    assert _decide(proba, classes, 0.5, lexicon, "pole", 0.5).tolist() == [
        "none", "equal", "junior", "junior"
    ]  # fmt: skip
    # at 1 (the default) the lexicon's poles always stand
    assert _decide(proba, classes, 0.5, lexicon, "pole").tolist() == [
        "junior", "junior", "junior", "equal"
    ]  # fmt: skip
    # a lexicon pole the model never learnt (no column): any label of the model is another
    two = np.asarray(["junior", "none"], dtype=object)
    assert _decide(proba[:, 1:] / proba[:, 1:].sum(1, keepdims=True), two, 1.0,
                   np.asarray(["equal"] * 4, dtype=object), "pole", 0.6).tolist() == [
        "none", "junior", "junior", "junior"
    ]  # fmt: skip


# constructed: in this corpus 'win-win' is trade jargon, coded 'none' every time, though the
# lexicon reads it as 'equal'; the other cues are right
WIN_WIN = [
    (f"The {what} deal signed in {city} is a win-win for both firms.", "none")
    for what, city in [
        ("soybean", "Harbin"), ("timber", "Vladivostok"), ("gas", "Beijing"),
        ("pork", "Moscow"), ("wheat", "Kazan"), ("coal", "Irkutsk"), ("rail", "Blagoveshchensk"),
        ("fertiliser", "Shanghai"),
    ]
]  # fmt: skip


def _win_win_training():
    texts, labels = zip(*(CUED * 2 + LEANS + QUIET + WIN_WIN), strict=True)
    return list(texts), list(labels)


@pytest.mark.slow
def test_the_override_learns_from_the_coding_that_a_cue_misleads():
    texts, labels = _win_win_training()
    probe = ["The copper deal signed in Chita is a win-win for both firms.", "They meet as equals."]
    assert _lexicon_labels(probe) == ["equal", "equal"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        clf = FrameClassifier(axis="power", cv=3, prior=None).fit(texts, labels)
        kept = clone(clf).set_params(override=1.0).fit(texts, labels)
    assert clf.override_ < 1.0 and kept.override_ == 1.0
    assert clf.predict(probe).tolist() == ["none", "equal"]
    assert kept.predict(probe).tolist() == ["equal", "equal"]


@pytest.mark.slow
def test_the_override_stays_1_when_the_lexicon_is_right():
    texts, labels = zip(*(CUED * 2 + LEANS + QUIET), strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        clf = FrameClassifier(axis="power", cv=3, prior=None).fit(texts, labels)
    assert clf.override_ == 1.0
    probe = [text for text, _ in CUED]
    assert clf.predict(probe).tolist() == _lexicon_labels(probe)


def test_auto_threshold_is_on_poles_and_a_file_without_it_is_on_labels(tmp_path):
    texts, labels = zip(*(CUED + LEANS + QUIET), strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        chosen = FrameClassifier(axis="power", cv=3).fit(texts, labels)
        given = FrameClassifier(axis="power", cv=3, threshold=0.4).fit(texts, labels)
    assert (chosen.decision_, given.decision_) == ("pole", "label")
    assert load_model(chosen.save(tmp_path / "chosen.model")).decision_ == "pole"
    # A file written before decision_ existed: its threshold applies to the top label.
    path = given.save(tmp_path / "old.model")
    with np.load(path, allow_pickle=False) as archive:
        arrays = {key: archive[key] for key in archive.files}
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    del meta["fitted"]["decision"]
    meta["fitted"]["threshold"] = 0.0
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)
    old = load_model(path)
    probe = [*texts, "Officials met on Sunday."]
    assert old.decision_ == "label"
    plain = old.set_params(prefer_lexicon=False)  # threshold 0 on labels: the regression's own
    assert plain.predict(probe).tolist() == plain.pipeline_.predict(probe).tolist()


def test_single_example_class_with_auto_threshold_trusts_the_lexicon():
    texts, labels = zip(*(CUED + QUIET[:1] + LEANS[:2]), strict=True)  # one 'none'
    with pytest.warns(FramingWarning, match="the lexicon's labels stand"):
        clf = FrameClassifier(axis="power").fit(texts, labels)
    assert clf.threshold_ == 1.0
    assert clf.predict(["Russia leans on China for loans."]).tolist() == ["none"]


# --------------------------------------------------------------------------- the prior


def test_a_prior_teaches_a_frame_the_researchers_coding_lacks():
    # constructed: the researcher's coding has no 'leans on the other' sentence; the prior has six
    texts, labels = zip(*(CUED + QUIET), strict=True)
    leaning = [f"Officials say one side now leans on the other for {what}." for what in
               ("credit", "chips", "buyers", "machinery", "cash", "markets")]  # fmt: skip
    prior = pd.DataFrame({"text": leaning + [t for t, _ in QUIET],
                          "power": ["junior"] * 6 + [c for _, c in QUIET]})  # fmt: skip
    probe = ["Officials say one side now leans on the other for loans.",
             "Officials met on Sunday to discuss grain."]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        bare = FrameClassifier(axis="power", cv=3, threshold=0.0, prior=None).fit(texts, labels)
        taught = FrameClassifier(axis="power", cv=3, threshold=0.0, prior=prior).fit(
            texts, labels
        )
        as_pair = FrameClassifier(
            axis="power", cv=3, threshold=0.0, prior=(prior["text"], prior["power"])
        ).fit(texts, labels)
    # without the prior the model can only guess (its top labels for the first probe are a
    # near tie); with it, 'junior' is sure
    junior = bare.classes_.tolist().index("junior")
    assert bare.predict_proba(probe)[0, junior] < 0.5 < taught.predict_proba(probe)[0, junior]
    assert taught.predict(probe).tolist() == ["junior", "none"]
    assert (bare.n_prior_, taught.n_prior_, taught.n_train_) == (0, 12, len(texts))
    np.testing.assert_array_equal(as_pair.predict_proba(probe), taught.predict_proba(probe))


def test_prior_weight_sets_how_much_the_prior_counts():
    texts, labels = zip(*(CUED + QUIET), strict=True)
    prior = ([t for t, _ in LEANS], [c for _, c in LEANS])
    probe = ["Russia leans on China for loans."]
    junior = []
    for weight in (0.05, 0.3, 1.0):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingWarning)
            model = FrameClassifier(axis="power", cv=3, prior=prior, prior_weight=weight)
            model.fit(texts, labels)
        junior.append(model.predict_proba(probe)[0, model.classes_.tolist().index("junior")])
    assert junior[0] < junior[1] < junior[2]


def test_the_threshold_is_chosen_on_the_researchers_sentences_not_the_priors():
    # constructed: the prior codes the quiet meeting sentences as junior, the researcher's
    # coding says they are 'none': only out-of-fold labels of the researcher's sentences
    # choose the threshold, so the wrong poles the prior teaches never stand
    texts, labels = zip(*(CUED + QUIET), strict=True)
    wrong = ([f"Officials met on {day} to discuss {topic}." for day in ("Monday", "Sunday")
              for topic in ("grain", "rail", "ports", "oil")], ["junior"] * 8)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        eager = FrameClassifier(axis="power", cv=3, threshold=0.0, prior=wrong, prior_weight=1.0)
        guarded = FrameClassifier(axis="power", cv=3, prior=wrong, prior_weight=1.0)
        eager.fit(texts, labels)
        guarded.fit(texts, labels)
    probe = ["Officials met on Sunday to discuss grain.", "Officials met on Monday to discuss oil."]
    assert "junior" in eager.predict(probe).tolist()
    assert guarded.threshold_ == 1.0
    assert guarded.predict(probe).tolist() == _lexicon_labels(probe) == ["none", "none"]


@pytest.mark.slow
def test_builtin_prior_is_the_packages_coding_for_its_own_lexicon_only():
    prior = builtin_prior()
    assert prior.columns.tolist() == ["source", "doc_id", "text", "power", "bond"]
    counts_by_source = prior["source"].value_counts().to_dict()
    assert counts_by_source == {"coverage": 366, "dev": 285, "seeds": 196, "articles": 177}
    for axis, poles in (("power", ("equal", "junior")), ("bond", ("friendship", "convenience"))):
        assert set(prior[axis]) == {*poles, "none"}
    # never the blind hard set nor the held-out sentences
    hard = pd.read_csv(ROOT / "tests/data/constructed/hard/articles.csv", dtype=str)
    held_out = pd.read_csv(ROOT / "tests/data/constructed/sentences.csv", dtype=str)
    assert not prior["text"].isin(held_out["text"]).any()
    hard_text = " ".join(hard["text"])
    assert not any(text in hard_text for text in prior["text"] if len(text) > 40)
    builtin = FrameClassifier(axis="power", cv=4).fit(TEXTS, LABELS)
    counts = LexiconFeatures("relationship", axes=("power",)).fit([])
    weights = pd.DataFrame(counts.transform(prior["text"]), columns=counts.feature_names_)
    uncued = weights["power_equal_weight"] == weights["power_junior_weight"]
    assert builtin.prior == "builtin"
    assert builtin.n_prior_ == int(uncued.sum()) == 844
    everything = FrameClassifier(axis="power", cv=4, prefer_lexicon=False).fit(TEXTS, LABELS)
    assert everything.n_prior_ == len(prior)
    other = dataclasses.replace(load_lexicon("relationship"), name="mine")
    assert FrameClassifier(axis="power", lexicon=other, cv=4).fit(TEXTS, LABELS).n_prior_ == 0


def test_the_shipped_prior_is_what_the_build_script_writes(tmp_path):
    from framing._build_model import _write_prior

    _write_prior(tmp_path / "prior.csv")
    packaged = resources.files("framing") / "data" / "prior_coding.csv"
    assert (tmp_path / "prior.csv").read_bytes() == packaged.read_bytes()


@pytest.mark.parametrize(
    ("prior", "match"),
    [
        (pd.DataFrame({"text": ["Xi met Putin."]}), r"prior lacks the column\(s\) \['power'\]"),
        ((["Xi met Putin."], ["vassal"]), "prior has labels .* 'vassal'"),
        ((["Xi met Putin."], ["none", "none"]), "different lengths"),
        (("Xi met Putin.", "none", "x"), "a pair"),
    ],
)
def test_bad_priors_are_refused(prior, match):
    with pytest.raises(InputError, match=match):
        FrameClassifier(cv=4, prior=prior).fit(TEXTS, LABELS)


@pytest.mark.parametrize(
    ("params", "name"),
    [({"prior": "mine"}, "prior"), ({"prior": ["a"]}, "prior"), ({"prior_weight": 0}, "prior_weight")],
)
def test_bad_prior_parameters(params, name):
    with pytest.raises(ParameterError, match=name):
        FrameClassifier(cv=4, **params).fit(TEXTS, LABELS)


def test_a_prior_relevant_column_keeps_the_relevant_rows_only():
    prior = pd.DataFrame({"text": [t for t, _ in LEANS], "power": [c for _, c in LEANS],
                          "relevant": ["yes", "no"] * 3})  # fmt: skip
    model = FrameClassifier(cv=4, prior=prior).fit(TEXTS, LABELS)
    assert model.n_prior_ == 3


@pytest.mark.slow
def test_a_model_fitted_with_a_prior_saves_and_loads_as_plain_arrays(tmp_path):
    given = ([t for t, _ in LEANS], [c for _, c in LEANS])
    for prior, recorded in (("builtin", "builtin"), (given, "given"), (None, None)):
        model = FrameClassifier(axis="power", cv=4, prior=prior, prior_weight=0.2)
        model.fit(TEXTS, LABELS)
        path = model.save(tmp_path / "power.model")
        with np.load(path, allow_pickle=False) as archive:
            meta = json.loads(archive["meta"].tobytes().decode("utf-8"))
            assert all(archive[key].dtype != object for key in archive.files)
        assert (meta["params"]["prior"], meta["params"]["prior_weight"]) == (recorded, 0.2)
        assert meta["fitted"]["n_prior"] == model.n_prior_
        loaded = load_model(path)
        assert loaded.prior == (None if recorded == "given" else recorded)
        assert loaded.n_prior_ == model.n_prior_
        probe = [*TEXTS, "Russia leans on China for loans."]
        np.testing.assert_allclose(loaded.predict_proba(probe), model.predict_proba(probe))
        assert loaded.predict(probe).tolist() == model.predict(probe).tolist()
