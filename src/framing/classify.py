"""A supervised sentence classifier for one framing axis, and the model bundled with the library.

:class:`FrameClassifier` is a scikit-learn estimator: word and character n-gram TF-IDF plus the
cue counts of a lexicon (:class:`LexiconFeatures`), a logistic regression with balanced class
weights, and probabilities calibrated by temperature scaling on cross-validated decision values.
Train it on your own coded sentences (see :func:`framing.read_coding`) or use the bundled model
(:func:`bundled_classifier`), which is trained on first use, deterministically, from the gold
coding of the five seed articles that ships inside the package (``framing/data/seed_coding.csv``);
no pickled model is shipped or loaded.

:func:`classify_sentences` is what the scorer calls: a label and a score in [-1, 1] per sentence.

Examples
--------
>>> labels, scores = classify_sentences(
...     ["Russia has become China's junior partner."], "power"
... )  # constructed sentence
>>> labels[0], bool(scores[0] < 0)
('junior', True)
"""

from __future__ import annotations

import copy
import functools
import numbers
import os
import warnings
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from ._files import atomic_path
from .errors import FramingWarning, InputError, InsufficientDataError, ParameterError
from .lexicon import Lexicon, load_lexicon

__all__ = [
    "LexiconFeatures",
    "FrameClassifier",
    "bundled_classifier",
    "classify_sentences",
    "training_data",
    "NONE",
    "BUNDLED_THRESHOLD",
]

#: The label of a sentence that takes neither pole of an axis.
NONE = "none"
#: Probability below which the bundled model answers ``'none'`` (see :func:`bundled_classifier`).
BUNDLED_THRESHOLD = 0.5
#: The gold columns of ``seeds/annotations/sentences.csv`` that ship as package data.
_SHIPPED_COLUMNS = (
    "doc_id", "sent_id", "start", "end", "text", "gold_relevant", "gold_power", "gold_bond",
)  # fmt: skip
_DATA_FILE = "seed_coding.csv"
_FEATURE_KINDS = ("weight", "count", "negated", "performance", "conceded")


# --------------------------------------------------------------------------- input checks


def _as_texts(values: Any, name: str = "X") -> list[str]:
    """A list of texts from any 1-D collection of strings; a bare string is an error."""
    if isinstance(values, (str, bytes)):
        raise InputError(
            f"{name} must be a list of texts, not a single string {values[:40]!r}; "
            f"wrap it in a list: [{name.lower()}]."
        )
    if isinstance(values, pd.DataFrame):
        raise InputError(
            f"{name} must be a list or Series of texts, not a DataFrame; pass one column, "
            "e.g. frame['text']."
        )
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise InputError(
            f"{name} must be a 1-D collection of texts; got a {values.ndim}-D array of shape "
            f"{values.shape}. FrameClassifier and LexiconFeatures take sentences, not numbers."
        )
    try:
        items = list(values)
    except TypeError as exc:
        raise InputError(f"{name} must be a list of texts; got {type(values).__name__}.") from exc
    for position, item in enumerate(items):
        if not isinstance(item, str):
            raise InputError(
                f"{name} must hold texts (str); position {position} holds "
                f"{type(item).__name__} {item!r}."
            )
    return items


def _as_labels(values: Any, n: int) -> np.ndarray:
    """Labels as a 1-D object array of the same length as the texts."""
    if isinstance(values, (str, bytes)):
        raise InputError(f"y must be a list of labels, not a single string {values!r}.")
    if isinstance(values, pd.DataFrame):
        raise InputError("y must be a list or Series of labels, not a DataFrame.")
    try:
        items = list(values)
    except TypeError as exc:
        raise InputError(f"y must be a list of labels; got {type(values).__name__}.") from exc
    labels = np.empty(len(items), dtype=object)
    labels[:] = items
    if labels.size != n:
        raise InputError(
            f"X and y have different lengths: {n} texts and {labels.size} labels; give one "
            "label per text."
        )
    missing = np.asarray(pd.isna(labels), dtype=bool)
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise InputError(
            f"y has {int(missing.sum())} missing labels, the first at position {first}; code "
            f"those texts or give them the label {NONE!r}."
        )
    return labels


def _check_choice(lexicon: Lexicon, axis: Any) -> tuple[str, str]:
    if not isinstance(axis, str) or axis not in lexicon.poles:
        raise ParameterError("axis", axis, lexicon.axis_names)
    return lexicon.poles[axis]


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


# --------------------------------------------------------------------------- lexicon features


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Cue counts of a lexicon as features: one row per sentence, five columns per pole.

    For every axis and pole it counts what :meth:`framing.Lexicon.match` finds after the
    codebook's rules (negation flips, performance turns warmth, conceded clauses weigh less),
    so the columns carry the lexicon's judgement into any scikit-learn pipeline.

    Parameters
    ----------
    lexicon : str, path or Lexicon, default='relationship'
        A built-in lexicon name, a TOML file, or a :class:`~framing.Lexicon`.
    axes : str, sequence of str or None, default=None
        The axes to count; default every axis of the lexicon, in lexicon order.

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    axes_ : tuple of str
        The axes counted.
    feature_names_ : numpy.ndarray of str
        The column names, ``{axis}_{pole}_{kind}`` for kind in ``weight`` (summed weights of
        the cues that count for the pole), ``count`` (how many), ``negated``, ``performance``
        and ``conceded`` (how many of them a negator flipped, a performance marker turned, or a
        contrast set aside).

    See Also
    --------
    FrameClassifier : uses these features beside word and character n-grams.

    Notes
    -----
    Each text is matched as one sentence: negation, contrast and performance scopes end at the
    text's ends. The transformer learns nothing from the data; ``fit`` loads the lexicon and
    checks the axes.

    Examples
    --------
    >>> features = LexiconFeatures(axes="power").fit([])
    >>> X = features.transform(["This is no longer a partnership of equals."])  # constructed
    >>> float(dict(zip(features.get_feature_names_out(), X[0]))["power_junior_negated"])
    1.0
    >>> features.get_feature_names_out()[:5].tolist()
    ['power_equal_weight', 'power_equal_count', 'power_equal_negated', 'power_equal_performance', 'power_equal_conceded']
    """  # noqa: E501

    def __init__(
        self,
        lexicon: str | os.PathLike[str] | Lexicon = "relationship",
        axes: str | Sequence[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.axes = axes

    def fit(self, X: Iterable[str], y: Any = None) -> LexiconFeatures:  # noqa: N803
        """Load the lexicon and check the axes.

        Parameters
        ----------
        X : sequence of str
            Sentences (checked, otherwise unused).
        y : ignored

        Returns
        -------
        LexiconFeatures
            ``self``.

        Raises
        ------
        InputError
            ``X`` is a bare string or holds something other than strings.
        ParameterError
            An axis that the lexicon does not have.
        LexiconError
            The lexicon cannot be loaded.
        """
        _as_texts(X)
        lexicon = load_lexicon(self.lexicon)
        if self.axes is None:
            axes = lexicon.axis_names
        else:
            axes = (self.axes,) if isinstance(self.axes, str) else tuple(self.axes)
            for axis in axes:
                _check_choice(lexicon, axis)
            if not axes:
                raise ParameterError(
                    "axes", self.axes, lexicon.axis_names, "Name one axis at least"
                )
        self.lexicon_ = lexicon
        self.axes_ = tuple(axes)
        names = [
            f"{axis}_{pole}_{kind}"
            for axis in self.axes_
            for pole in lexicon.poles[axis]
            for kind in _FEATURE_KINDS
        ]
        self.feature_names_ = np.asarray(names, dtype=object)
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Count the cues of every text.

        Parameters
        ----------
        X : sequence of str
            Sentences.

        Returns
        -------
        numpy.ndarray of shape (n_texts, n_features)
            Float counts, columns as in ``feature_names_``.

        Raises
        ------
        InputError
            ``X`` is a bare string or holds something other than strings.
        """
        check_is_fitted(self, "feature_names_")
        texts = _as_texts(X)
        slots = {
            (axis, pole): 5 * i
            for i, (axis, pole) in enumerate(
                (axis, pole) for axis in self.axes_ for pole in self.lexicon_.poles[axis]
            )
        }
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, text in enumerate(texts):  # one lexicon match per text
            for match in self.lexicon_.match(text):
                base = slots.get((match.axis, match.pole))
                if base is None:
                    continue
                flags = (1.0, float(match.negated), float(match.performance), float(match.conceded))
                rows.extend([row] * 5)
                cols.extend(range(base, base + 5))
                values.extend((match.weight, *flags))
        out = np.zeros((len(texts), self.feature_names_.size), dtype=np.float64)
        np.add.at(out, (np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)), values)
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The column names, ``{axis}_{pole}_{kind}``.

        Returns
        -------
        numpy.ndarray of str
        """
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = True
        return tags


# --------------------------------------------------------------------------- the classifier


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Label sentences on one framing axis: a pole, or ``'none'``.

    Word and character n-gram TF-IDF and :class:`LexiconFeatures` feed a logistic regression
    with balanced class weights; its probabilities are calibrated by temperature scaling on
    cross-validated decision values. A sentence whose highest probability is below
    ``threshold`` is labelled ``'none'``.

    Parameters
    ----------
    axis : str, default='power'
        The lexicon axis whose poles are the labels (with ``'none'``).
    lexicon : str, path or Lexicon, default='relationship'
        The lexicon that names the poles and supplies the cue features.
    C : float, default=1.0
        Inverse strength of the L2 penalty of the logistic regression.
    ngram_range : tuple of int, default=(1, 2)
        Word n-grams.
    char_ngram_range : tuple of int, default=(2, 5)
        Character n-grams within word boundaries (``analyzer='char_wb'``).
    lexicon_weight : float, default=1.0
        Multiplies the lexicon features against the unit-length TF-IDF rows; 0 leaves them out.
    threshold : float, default=0.0
        ``predict`` answers ``'none'`` when the highest calibrated probability is below it.
    cv : int, default=5
        Folds for the calibration's cross-validated decision values (at most the size of the
        smallest class).
    random_state : int, RandomState or None, default=0
        Shuffles the calibration folds.

    Attributes
    ----------
    classes_ : numpy.ndarray of str
        The labels seen in ``fit``, sorted.
    poles_ : tuple of str
        The axis's two poles; the first is the positive sign of :meth:`score_sentences`.
    pipeline_ : sklearn.pipeline.Pipeline
        Features (``FeatureUnion`` of ``words``, ``characters``, ``lexicon``) and the logistic
        regression (``model``), fitted on all training sentences.
    temperature_ : float
        The calibration temperature ``T``: probabilities are ``softmax(z / T)`` of the decision
        values ``z``.
    calibration_folds_ : int
        Folds used to calibrate; 0 when a class had a single example and the regression's own
        probabilities are used (``T = 1``).

    See Also
    --------
    LexiconFeatures, bundled_classifier, framing.read_coding, framing.suggest_for_coding

    Notes
    -----
    Calibration: ``cross_val_predict`` gives each training sentence a decision vector ``z``
    from a model that did not see it (stratified folds, ``min(cv, smallest class)`` of them);
    ``T`` minimises the mean log loss of ``softmax(z / T)`` (Guo et al. 2017); when every
    held-out sentence is predicted right, that loss only falls as ``T`` shrinks (towards
    probabilities of exactly 1), so ``T`` stays 1, with a warning. One parameter suits a
    few hundred sentences with classes of a handful, where Platt or isotonic
    calibration per class would overfit, and it keeps the ranking, so ``predict`` with
    ``threshold=0`` is the regression's own decision. The balanced class weights are not
    undone: probabilities of rare classes stay on the generous side, which favours recall of
    the poles (and macro-F1) over accuracy. TF-IDF vocabularies are learnt on all training
    sentences before the folds; no label crosses a fold.

    The estimator declares text input (scikit-learn tags ``input_tags.string``, no
    ``two_d_array``), as ``TfidfVectorizer`` does; ``check_estimator`` therefore skips it, and
    the test suite runs its checks with the tag put back, expecting only the checks that feed a
    numeric X to fail.

    References
    ----------
    Guo, C., Pleiss, G., Sun, Y. & Weinberger, K. Q. (2017). On calibration of modern neural
    networks. *ICML*.

    Examples
    --------
    Constructed sentences:

    >>> texts = ["Russia is now China's junior partner.", "Moscow depends on Beijing.",
    ...          "They meet as equals.", "It is a partnership of equals.",
    ...          "Trade rose in May.", "The talks lasted two days."]
    >>> labels = ["junior", "junior", "equal", "equal", "none", "none"]
    >>> clf = FrameClassifier(axis="power").fit(texts, labels)
    >>> clf.classes_
    array(['equal', 'junior', 'none'], dtype=object)
    >>> clf.predict(["Russia has become the junior partner."])
    array(['junior'], dtype=object)
    >>> float(clf.predict_proba(["Russia has become the junior partner."]).sum().round(6))
    1.0
    """

    def __init__(
        self,
        axis: str = "power",
        lexicon: str | os.PathLike[str] | Lexicon = "relationship",
        *,
        C: float = 1.0,  # noqa: N803 - scikit-learn's name
        ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 5),
        lexicon_weight: float = 1.0,
        threshold: float = 0.0,
        cv: int = 5,
        random_state: Any = 0,
    ) -> None:
        self.axis = axis
        self.lexicon = lexicon
        self.C = C
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.lexicon_weight = lexicon_weight
        self.threshold = threshold
        self.cv = cv
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------------------------
    def _check_params(self) -> None:
        if not _is_real(self.C) or not self.C > 0:
            raise ParameterError("C", self.C, "a number > 0")
        if not _is_real(self.threshold) or not 0.0 <= self.threshold <= 1.0:
            raise ParameterError("threshold", self.threshold, "a probability from 0 to 1")
        if not _is_real(self.lexicon_weight) or not self.lexicon_weight >= 0:
            raise ParameterError("lexicon_weight", self.lexicon_weight, "a number >= 0")
        if not isinstance(self.cv, numbers.Integral) or isinstance(self.cv, bool) or self.cv < 2:
            raise ParameterError("cv", self.cv, "an integer >= 2")
        for name in ("ngram_range", "char_ngram_range"):
            value = getattr(self, name)
            if not (
                isinstance(value, (tuple, list))
                and len(value) == 2
                and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value)
                and 1 <= value[0] <= value[1]
            ):
                raise ParameterError(
                    name, value, "a pair of integers (low, high), 1 <= low <= high"
                )

    def _make_pipeline(self) -> Pipeline:
        features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(ngram_range=tuple(self.ngram_range), sublinear_tf=True),
                ),
                (
                    "characters",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=tuple(self.char_ngram_range),
                        sublinear_tf=True,
                    ),
                ),
                ("lexicon", LexiconFeatures(self.lexicon, axes=(self.axis,))),
            ],
            transformer_weights={"lexicon": float(self.lexicon_weight)},
        )
        model = LogisticRegression(
            C=float(self.C), class_weight="balanced", solver="newton-cg", max_iter=1000
        )
        return Pipeline([("features", features), ("model", model)])

    def fit(self, X: Iterable[str], y: Iterable[str]) -> FrameClassifier:  # noqa: N803
        """Learn the labels of coded sentences.

        Parameters
        ----------
        X : sequence of str
            Sentences, one per item (a list, tuple, 1-D array or Series).
        y : sequence of str
            Their labels: the axis's two poles or ``'none'``.

        Returns
        -------
        FrameClassifier
            ``self``, fitted.

        Raises
        ------
        InputError
            ``X`` is a bare string or holds non-strings; ``X`` and ``y`` differ in length; a
            label is missing, or not a pole of the axis nor ``'none'`` (the message lists them).
        InsufficientDataError
            The labels hold fewer than two classes.
        ParameterError
            An unknown axis or an option out of range.

        Warns
        -----
        FramingWarning
            A class has a single example: probabilities are not calibrated.
        """
        texts = _as_texts(X)
        labels = _as_labels(y, len(texts))
        self._check_params()
        lexicon = load_lexicon(self.lexicon)
        poles = _check_choice(lexicon, self.axis)
        allowed = (*poles, NONE)
        known = pd.Index(allowed, dtype=object).get_indexer(labels) >= 0
        if not known.all():
            stray = sorted({str(v) for v in labels[~known]})
            first = int(np.flatnonzero(~known)[0])
            raise InputError(
                f"y has labels that are not poles of axis {self.axis!r} nor {NONE!r}: "
                f"{', '.join(repr(s) for s in stray)} (first at position {first}); "
                f"expected one of {allowed!r}."
            )
        classes, counts = np.unique(labels.astype(str), return_counts=True)
        names = [str(c) for c in classes]
        if classes.size < 2:
            raise InsufficientDataError(
                f"the training labels hold a single class ({', '.join(map(repr, names)) or 'none'}"
                f"{'' if classes.size else ' given'}); a classifier needs examples of at least two "
                f"of {allowed!r}.",
                n=int(classes.size),
                needed=2,
            )
        labels = labels.astype(str).astype(object)
        pipeline = self._make_pipeline()
        folds = int(min(self.cv, counts.min()))
        if folds >= 2:
            splitter = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            logits = cross_val_predict(
                clone(pipeline), texts, labels, cv=splitter, method="decision_function"
            )
            targets = np.searchsorted(classes, labels.astype(str))
            if (_as_logits(logits).argmax(axis=1) == targets).all():
                # Every held-out sentence is right: the log loss keeps falling as T shrinks,
                # so it would pick the smallest T allowed and make every probability 1.0.
                # Nothing measures how sure the model should be: keep its own scale.
                warnings.warn(
                    "every sentence was predicted right in cross-validation, so the "
                    "probabilities cannot be calibrated: they are the logistic regression's "
                    "own. Code more sentences, including hard ones.",
                    FramingWarning,
                    stacklevel=2,
                )
                self.temperature_ = 1.0
            else:
                self.temperature_ = _fit_temperature(_as_logits(logits), targets)
        else:
            warnings.warn(
                f"class {names[int(counts.argmin())]!r} has a single example: probabilities are "
                "the logistic regression's own, not calibrated. Code more sentences of it.",
                FramingWarning,
                stacklevel=2,
            )
            folds, self.temperature_ = 0, 1.0
        pipeline.fit(texts, labels)
        self.pipeline_ = pipeline
        self.classes_ = np.asarray(pipeline.classes_, dtype=object)
        self.poles_ = tuple(poles)
        self.calibration_folds_ = folds
        return self

    # -- prediction ------------------------------------------------------------------------------
    def decision_function(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Calibrated decision values ``z / T``: shape (n,) for two classes, else (n, n_classes).

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        numpy.ndarray
            Empty (shape (0,) or (0, n_classes)) for no texts.
        """
        check_is_fitted(self, "pipeline_")
        texts = _as_texts(X)
        if not texts:  # the vectoriser would refuse an empty list
            n_classes = len(self.classes_)
            return np.zeros((0,) if n_classes == 2 else (0, n_classes))
        return self.pipeline_.decision_function(texts) / self.temperature_

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Calibrated probabilities of the classes, columns in the order of ``classes_``.

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        numpy.ndarray of shape (n_texts, n_classes)
        """
        return softmax(_as_logits(self.decision_function(X)), axis=1)

    def predict_log_proba(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Logarithm of :meth:`predict_proba`."""
        return log_softmax(_as_logits(self.decision_function(X)), axis=1)

    def predict(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """The most probable label, or ``'none'`` when its probability is below ``threshold``.

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        numpy.ndarray of str (object)
        """
        proba = self.predict_proba(X)
        return self._labels(proba)

    def _labels(self, proba: np.ndarray) -> np.ndarray:
        labels = self.classes_[proba.argmax(axis=1)] if len(proba) else self.classes_[:0]
        labels = np.asarray(labels, dtype=object)
        if self.threshold > 0 and len(proba):
            labels[proba.max(axis=1) < self.threshold] = NONE
        return labels

    def score_sentences(self, X: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
        """Labels and scores ``P(first pole) - P(second pole)`` in [-1, 1].

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        labels : numpy.ndarray of str (object)
            As :meth:`predict`.
        scores : numpy.ndarray of float
            A pole missing from ``classes_`` counts with probability 0.
        """
        proba = self.predict_proba(X)
        columns = {label: i for i, label in enumerate(self.classes_)}
        zeros = np.zeros(len(proba))
        first, second = (
            proba[:, columns[pole]] if pole in columns else zeros for pole in self.poles_
        )
        return self._labels(proba), np.clip(first - second, -1.0, 1.0)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _as_logits(values: np.ndarray) -> np.ndarray:
    """Binary decision values ``z`` as the logits ``[0, z]``; multiclass ones as they are."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        return np.column_stack([np.zeros_like(values), values])
    return values


def _fit_temperature(logits: np.ndarray, targets: np.ndarray) -> float:
    """The ``T > 0`` that minimises the mean log loss of ``softmax(logits / T)``."""
    rows = np.arange(len(targets))

    def loss(log_t: float) -> float:
        return float(-log_softmax(logits / np.exp(log_t), axis=1)[rows, targets].mean())

    found = minimize_scalar(loss, bounds=(-5.0, 5.0), method="bounded", options={"xatol": 1e-6})
    return float(np.exp(found.x))


# --------------------------------------------------------------------------- the bundled model


def training_data() -> pd.DataFrame:
    """The gold coding of the seed sentences that ships with the package.

    Returns
    -------
    pandas.DataFrame
        One row per seed sentence (225), with columns ``doc_id, sent_id, start, end, text,
        gold_relevant ('yes'/'no'), gold_power, gold_bond`` — the gold columns of
        ``seeds/annotations/sentences.csv``, adjudicated from two coding passes.

    Examples
    --------
    >>> data = training_data()
    >>> len(data), data["gold_power"].value_counts().to_dict()
    (225, {'none': 187, 'junior': 31, 'equal': 7})
    """
    resource = resources.files("framing") / "data" / _DATA_FILE
    with resource.open("rb") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64"})


def _write_seed_coding(
    source: str | os.PathLike[str], target: str | os.PathLike[str]
) -> pd.DataFrame:
    """Export the shipped columns of the seed annotations: how ``data/seed_coding.csv`` is made."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    missing = [c for c in _SHIPPED_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{os.fspath(source)}: missing columns {missing}")
    shipped = frame.loc[:, list(_SHIPPED_COLUMNS)]
    with atomic_path(target) as temporary:
        shipped.to_csv(temporary, index=False, lineterminator="\n", encoding="utf-8")
    return shipped


@functools.lru_cache(maxsize=4)
def _bundled(axis: str) -> FrameClassifier:
    data = training_data()
    relevant = data[data["gold_relevant"] == "yes"]
    model = FrameClassifier(axis=axis, threshold=BUNDLED_THRESHOLD)
    return model.fit(relevant["text"].tolist(), relevant[f"gold_{axis}"].tolist())


def bundled_classifier(axis: str = "power") -> FrameClassifier:
    """The classifier of an axis of the built-in lexicon, trained on the coded seed sentences.

    Trained on first use (about a second), deterministically, from :func:`training_data`,
    then cached in memory; each call returns a copy, so refitting it changes nothing here.

    Parameters
    ----------
    axis : {'power', 'bond'}, default='power'

    Returns
    -------
    FrameClassifier
        Fitted, with ``threshold=BUNDLED_THRESHOLD`` (0.5) and the other defaults.

    Raises
    ------
    ParameterError
        An axis the built-in lexicon does not have.

    Notes
    -----
    The training set is the seed sentences coded relevant to the dyad (196 of 225), labelled
    with a pole or ``'none'``: the scorer labels only relevant sentences, so the model learns
    the distinction it is used for, and the 29 sentences about one side or another topic
    (all ``'none'`` by the codebook's Target rule) do not teach it that frame words mean
    nothing. Seven sentences are ``equal``: expect that pole to be the weakest.
    ``docs/validation.md`` measures the model by leave-one-article-out cross-validation and on
    300 held-out constructed sentences.

    Examples
    --------
    >>> bundled_classifier("bond").classes_
    array(['convenience', 'friendship', 'none'], dtype=object)
    """
    _check_choice(load_lexicon("relationship"), axis)
    return copy.deepcopy(_bundled(axis))


def classify_sentences(
    texts: Iterable[str], axis: str = "power", *, model: FrameClassifier | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Label sentences on an axis with a classifier: what ``score(method="classifier")`` uses.

    Parameters
    ----------
    texts : sequence of str
        Sentences.
    axis : str, default='power'
        The axis; with the default model, one of the built-in lexicon's.
    model : FrameClassifier or None, default=None
        A fitted classifier of that axis; default the bundled one (:func:`bundled_classifier`).

    Returns
    -------
    labels : numpy.ndarray of str (object)
        A pole or ``'none'`` (highest probability below the model's ``threshold``).
    scores : numpy.ndarray of float
        ``P(first pole) - P(second pole)``, in [-1, 1].

    Raises
    ------
    ParameterError
        An unknown axis, or a model of another axis.
    InputError
        ``texts`` is a bare string or holds non-strings.

    Examples
    --------
    >>> labels, scores = classify_sentences(
    ...     ["The two leaders are old friends.", "Trade rose in May."], "bond"
    ... )  # constructed sentences
    >>> labels.tolist()
    ['friendship', 'none']
    """
    items = _as_texts(texts, "texts")
    if model is None:
        _check_choice(load_lexicon("relationship"), axis)
        model = _bundled(axis)
    else:
        check_is_fitted(model, "pipeline_")
        if model.axis != axis:
            raise ParameterError("axis", axis, (model.axis,), "The model was trained on that axis")
    if not items:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.float64)
    return model.score_sentences(items)
