"""scikit-learn's estimator checks on the text estimators, chosen by name.

scikit-learn's common checks (``sklearn.utils.estimator_checks``) build numeric 2-D arrays as X.
``FrameClassifier`` and ``LexiconFeatures`` take a list of sentences and declare it in their tags
(``input_tags.string``, no ``two_d_array``), so ``check_estimator`` skips them whole. As libraries
whose estimators take other input do (nilearn keeps a list of the checks valid for images), every
check scikit-learn has for a classifier or a transformer is placed in exactly one of three tables:

- ``APPLICABLE``: scikit-learn's own check functions that hold for a text estimator as written
  (they build no X, or only look at the error an unfitted estimator raises); run unchanged.
- ``ON_TEXT``: checks whose property holds for text but whose data are numbers; the property is
  checked here on constructed sentences, by the test named in the table.
- ``NOT_APPLICABLE``: the rest, each with the reason.

``test_every_check_is_placed`` fails when a scikit-learn release adds a check, until it is placed.
Known failures of the library itself are in ``tests/known_failures.py``, not here.
"""

from __future__ import annotations

import inspect
import pickle
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.exceptions import DataConversionWarning, NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.utils import estimator_checks
from sklearn.utils.validation import check_is_fitted

from framing._classify import FrameClassifier, LexiconFeatures
from framing.errors import FramingWarning, InputError

# constructed: three sentences per class of the power axis
TEXTS = [
    "Russia has become China's junior partner.",
    "Moscow now depends on Beijing for almost everything.",
    "The Kremlin is increasingly a vassal of Beijing.",
    "Xi and Putin meet as equals.",
    "China and Russia describe a partnership of equals.",
    "Moscow and Beijing treat each other as equals.",
    "Trade between China and Russia rose in May.",
    "Xi arrived in Moscow on Monday.",
    "The ministers of both countries signed twelve documents.",
]
LABELS = ["junior"] * 3 + ["equal"] * 3 + ["none"] * 3


def _classifier() -> FrameClassifier:
    # No built-in prior and two calibration folds: the checks are about the contract, not skill.
    return FrameClassifier(axis="power", cv=2, prior=None)


ESTIMATORS = [_classifier(), LexiconFeatures()]
IDS = ["FrameClassifier", "LexiconFeatures"]


def _fit(estimator: BaseEstimator, texts=TEXTS, labels=LABELS) -> BaseEstimator:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        return estimator.fit(texts, labels)


def _outputs(estimator: BaseEstimator, texts) -> dict[str, np.ndarray]:
    """What a fitted estimator gives for ``texts``, by method."""
    methods = ("predict", "predict_proba", "decision_function", "transform")
    return {m: np.asarray(getattr(estimator, m)(texts)) for m in methods if hasattr(estimator, m)}


def _assert_same_outputs(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert a.keys() == b.keys()
    for method, value in a.items():
        if value.dtype.kind in "fc":
            np.testing.assert_allclose(b[method], value, rtol=1e-12, atol=1e-12, err_msg=method)
        else:
            np.testing.assert_array_equal(b[method], value, err_msg=method)


# --------------------------------------------------------------------------- the three tables

APPLICABLE: tuple[str, ...] = (
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_mixin_order",
    "check_no_attributes_set_in_init",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    # An unfitted estimator raises NotFittedError before it looks at X (numeric or not).
    "check_estimators_unfitted",
    "check_transformers_unfitted",
    # fit takes no sample_weight: the check wants the TypeError naming it, before X is read.
    "check_classifiers_one_label_sample_weights",
)

_NUMBERS = "feeds a numeric X"
_NOT_TEXT = "X of numbers is refused as not texts"

NOT_APPLICABLE: dict[str, str] = {
    "check_estimators_dtypes": f"{_NUMBERS} of float32, int32 and int64",
    "check_transformer_preserve_dtypes": "the dtype of a numeric X carried to the output",
    "check_complex_data": f"{_NUMBERS} of complex values",
    "check_dtype_object": f"{_NUMBERS} stored as objects (and strings as numbers)",
    "check_estimators_nan_inf": f"{_NUMBERS} holding NaN and infinity",
    "check_estimator_sparse_array": "a sparse numeric X",
    "check_estimator_sparse_matrix": "a sparse numeric X",
    "check_estimator_sparse_tag": f"a sparse numeric X; {_NOT_TEXT}, whatever the sparse tag",
    "check_readonly_memmap_input": "a read-only memory-mapped numeric X",
    "check_f_contiguous_array_estimator": "the memory order of a numeric X",
    "check_positive_only_tag_during_fit": f"{_NUMBERS} with negative values",
    "check_fit1d": f"a 1-D numeric X must be refused; a 1-D list is what a text estimator takes "
    f"({_NOT_TEXT})",
    "check_fit2d_1sample": "the shape of a numeric X (one sample); one class on text: text_one_label",
    "check_fit2d_1feature": "the shape of a numeric X (one feature)",
    "check_array_api_input": "array API namespaces for numeric arrays",
    "check_estimators_partial_fit_n_features": "the estimators have no partial_fit",
    "check_non_transformer_estimators_n_iter": "no max_iter parameter",
    "check_transformer_n_iter": "no max_iter parameter",
    "check_classifiers_train": f"{_NUMBERS} and asks for training accuracy; the agreement of "
    "predict, predict_proba and decision_function on text is "
    "test_classify.py::test_probabilities_decision_and_predict_agree",
    "check_decision_proba_consistency": f"{_NUMBERS}; on text: test_classify.py::"
    "test_probabilities_decision_and_predict_agree",
    "check_classifiers_classes": f"{_NUMBERS}; classes_ learnt from pole names: "
    "test_classify.py::test_fit_returns_self_and_learns_state",
}


def test_register_is_consistent():
    names = set(APPLICABLE) | set(ON_TEXT) | set(NOT_APPLICABLE)
    total = len(APPLICABLE) + len(ON_TEXT) + len(NOT_APPLICABLE)
    assert len(names) == total, "a check is placed in two tables"
    assert all(hasattr(estimator_checks, name) for name in APPLICABLE)


class _TaggedAs2D:
    """Mixin that puts the 2-D-array input tag back, so that scikit-learn lists its checks."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()  # type: ignore[misc]
        tags.input_tags.two_d_array = True
        return tags


def _sklearn_checks(estimator: BaseEstimator) -> set[str]:
    """Names of the checks scikit-learn runs on ``estimator`` were its input a numeric array."""
    tagged = type(f"{type(estimator).__name__}As2D", (_TaggedAs2D, type(estimator)), {})()
    mark = estimator_checks.parametrize_with_checks([tagged])
    return {getattr(check, "func", check).__name__ for _, check in mark.args[1]}


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=IDS)
def test_every_check_is_placed(estimator):
    placed = set(APPLICABLE) | set(ON_TEXT) | set(NOT_APPLICABLE)
    unplaced = sorted(_sklearn_checks(estimator) - placed)
    assert not unplaced, f"place these scikit-learn checks in a table of this module: {unplaced}"


def test_tags_declare_text_input():
    for estimator in ESTIMATORS:
        tags = estimator.__sklearn_tags__()
        assert tags.input_tags.string and not tags.input_tags.two_d_array


def _applicable(estimator: BaseEstimator) -> list[str]:
    return sorted(set(APPLICABLE) & _sklearn_checks(estimator))


@pytest.mark.parametrize(
    ("estimator", "check"),
    [(e, c) for e in ESTIMATORS for c in _applicable(e)],
    ids=[f"{i}-{c}" for e, i in zip(ESTIMATORS, IDS, strict=True) for c in _applicable(e)],
)
def test_sklearn_check(estimator, check):
    getattr(estimator_checks, check)(type(estimator).__name__, estimator)


# --------------------------------------------------------------------------- the checks on text


def text_fit_returns_self(estimator):
    estimator = clone(estimator)
    assert _fit(estimator) is estimator


def text_fit_idempotent(estimator):
    estimator = clone(estimator)
    first = _outputs(_fit(estimator), TEXTS)
    _assert_same_outputs(first, _outputs(_fit(estimator), TEXTS))
    _assert_same_outputs(first, _outputs(_fit(clone(estimator)), TEXTS))


def text_fit_keeps_parameters(estimator):
    estimator = clone(estimator)
    before = clone(estimator).get_params(deep=False)
    _fit(estimator)
    after = estimator.get_params(deep=False)
    assert after.keys() == before.keys()
    assert all(after[key] is before[key] or after[key] == before[key] for key in before)


def text_fit_adds_only_learnt_attributes(estimator):
    estimator = clone(estimator)
    before = set(vars(estimator))
    added = set(vars(_fit(estimator))) - before
    assert added and all(a.endswith("_") and not a.startswith("_") for a in added), added


def text_methods_leave_the_estimator_alone(estimator):
    estimator = _fit(clone(estimator))
    before = pickle.dumps(vars(estimator))
    _outputs(estimator, TEXTS)
    assert pickle.dumps(vars(estimator)) == before


def text_pickle(estimator):
    estimator = _fit(clone(estimator))
    again = pickle.loads(pickle.dumps(estimator))
    _assert_same_outputs(_outputs(estimator, TEXTS), _outputs(again, TEXTS))


def text_pipeline(estimator):
    alone = _fit(clone(estimator))
    pipe = _fit(make_pipeline(clone(estimator)))
    _assert_same_outputs(_outputs(alone, TEXTS), _outputs(pipe, TEXTS))


def text_sample_order_invariance(estimator):
    estimator = _fit(clone(estimator))
    texts = np.asarray(TEXTS, dtype=object)
    order = np.random.default_rng(0).permutation(len(texts))
    whole = _outputs(estimator, texts)
    _assert_same_outputs({m: v[order] for m, v in whole.items()}, _outputs(estimator, texts[order]))


def text_subset_invariance(estimator):
    estimator = _fit(clone(estimator))
    whole = _outputs(estimator, TEXTS)
    parts = [_outputs(estimator, TEXTS[:4]), _outputs(estimator, TEXTS[4:])]
    joined = {m: np.concatenate([p[m] for p in parts]) for m in whole}
    _assert_same_outputs(whole, joined)


def text_any_sequence_of_texts(estimator):
    # the text counterpart of the checks that wrap a numeric X in a non-array sequence
    expected = _outputs(_fit(clone(estimator)), TEXTS)
    series = pd.Series(TEXTS, index=range(100, 100 + len(TEXTS)))
    for texts, labels in [
        (tuple(TEXTS), tuple(LABELS)),
        (series, pd.Series(LABELS, index=series.index)),
        (np.asarray(TEXTS, dtype=object), np.asarray(LABELS, dtype=object)),
    ]:
        fitted = _fit(clone(estimator), texts, labels)
        _assert_same_outputs(expected, _outputs(fitted, texts))
    assert isinstance(TEXTS, list) and len(TEXTS) == len(LABELS) == 9  # inputs not mutated


def text_check_is_fitted(estimator):
    estimator = clone(estimator)
    with pytest.raises(NotFittedError):
        check_is_fitted(estimator)
    check_is_fitted(_fit(estimator))


def text_not_fitted_error(estimator):
    for method in _outputs(_fit(clone(estimator)), TEXTS):
        with pytest.raises(NotFittedError):
            getattr(clone(estimator), method)(TEXTS)


def text_no_n_features_in(estimator):
    # Text input has no number of features, as with scikit-learn's TfidfVectorizer.
    assert not hasattr(_fit(clone(estimator)), "n_features_in_")


def text_fit_and_score_take_y(estimator):
    for name in ("fit", "score", "fit_transform", "fit_predict", "partial_fit"):
        if hasattr(estimator, name):
            parameters = list(inspect.signature(getattr(estimator, name)).parameters)
            assert parameters[:2] == ["X", "y"], name


def text_bare_string_refused(estimator):
    # a bare str where a list of texts belongs (the text counterpart of a 1-D X to predict)
    with pytest.raises(InputError, match="texts"):
        _fit(clone(estimator), "Xi met Putin.", ["none"])  # constructed
    fitted = _fit(clone(estimator))
    for method in _outputs(fitted, TEXTS):
        with pytest.raises(InputError, match="texts"):
            getattr(fitted, method)("Xi met Putin.")  # constructed


def text_transformer_general(estimator):
    fitted = _fit(clone(estimator))
    X = fitted.transform(TEXTS)
    assert X.shape == (len(TEXTS), len(fitted.get_feature_names_out()))
    np.testing.assert_array_equal(clone(estimator).fit_transform(TEXTS, LABELS), X)


def text_empty_data(estimator):
    with pytest.raises(ValueError, match="none given"):
        _fit(clone(estimator), [], [])


def text_one_label(estimator):
    with pytest.raises(ValueError, match="single class"):
        _fit(clone(estimator), TEXTS[:3], LABELS[:3])


def text_targets_must_be_labels(estimator):
    # NaN, infinity and real numbers are not pole names
    for labels in ([np.nan] * 9, [np.inf] * 9, [0.5] * 5 + [1.5] * 4):
        with pytest.raises(ValueError, match="label"):
            _fit(clone(estimator), TEXTS, labels)


def text_requires_y(estimator):
    with pytest.raises(ValueError, match="y must"):
        _fit(clone(estimator), TEXTS, None)


def text_y_as_column(estimator):
    # scikit-learn ravels a column vector y with a DataConversionWarning
    column = np.asarray(LABELS, dtype=object)[:, None]
    with pytest.warns(DataConversionWarning, match="column vector"):
        fitted = _fit(clone(estimator), TEXTS, column)
    _assert_same_outputs(_outputs(_fit(clone(estimator)), TEXTS), _outputs(fitted, TEXTS))


# scikit-learn check -> the test of its property on sentences, and the estimators it holds for.
_ALL: tuple[type, ...] = (FrameClassifier, LexiconFeatures)
ON_TEXT: dict[str, tuple[Callable, tuple[type, ...]]] = {
    "check_estimators_fit_returns_self": (text_fit_returns_self, _ALL),
    "check_fit_idempotent": (text_fit_idempotent, _ALL),
    "check_estimators_overwrite_params": (text_fit_keeps_parameters, _ALL),
    "check_dont_overwrite_parameters": (text_fit_adds_only_learnt_attributes, _ALL),
    "check_dict_unchanged": (text_methods_leave_the_estimator_alone, _ALL),
    "check_estimators_pickle": (text_pickle, _ALL),
    "check_pipeline_consistency": (text_pipeline, _ALL),
    "check_methods_sample_order_invariance": (text_sample_order_invariance, _ALL),
    "check_methods_subset_invariance": (text_subset_invariance, _ALL),
    "check_classifier_data_not_an_array": (text_any_sequence_of_texts, (FrameClassifier,)),
    "check_transformer_data_not_an_array": (text_any_sequence_of_texts, (LexiconFeatures,)),
    "check_fit_check_is_fitted": (text_check_is_fitted, _ALL),
    "check_n_features_in": (text_no_n_features_in, _ALL),
    "check_n_features_in_after_fitting": (text_no_n_features_in, _ALL),
    "check_fit_score_takes_y": (text_fit_and_score_take_y, _ALL),
    "check_fit2d_predict1d": (text_bare_string_refused, _ALL),
    "check_transformer_general": (text_transformer_general, (LexiconFeatures,)),
    # LexiconFeatures learns nothing from X (its features are the lexicon's); fit([]) is its
    # documented use, so the empty-data and label checks are the classifier's only.
    "check_estimators_empty_data_messages": (text_empty_data, (FrameClassifier,)),
    "check_classifiers_one_label": (text_one_label, (FrameClassifier,)),
    "check_supervised_y_no_nan": (text_targets_must_be_labels, (FrameClassifier,)),
    "check_classifiers_regression_target": (text_targets_must_be_labels, (FrameClassifier,)),
    "check_requires_y_none": (text_requires_y, (FrameClassifier,)),
    "check_supervised_y_2d": (text_y_as_column, (FrameClassifier,)),
}


def _on_text_cases():
    for estimator, name in zip(ESTIMATORS, IDS, strict=True):
        seen = set()
        for function, applies_to in ON_TEXT.values():
            if isinstance(estimator, applies_to) and function not in seen:
                seen.add(function)
                yield pytest.param(estimator, function, id=f"{name}-{function.__name__}")


@pytest.mark.parametrize(("estimator", "function"), list(_on_text_cases()))
def test_on_text(estimator, function):
    function(estimator)
