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
import dataclasses
import functools
import hashlib
import json
import os
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.exceptions import DataConversionWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from ._files import atomic_path
from ._lexicon import Lexicon, builtin_lexicons, load_lexicon
from ._validation import _is_integer, _is_real
from .errors import (
    CorpusError,
    FramingWarning,
    InputError,
    InsufficientDataError,
    ModelError,
    ParameterError,
)

__all__ = [
    "LexiconFeatures",
    "FrameClassifier",
    "bundled_classifier",
    "classify_sentences",
    "training_data",
    "load_model",
    "lexicon_sha256",
    "model_info",
    "check_text_model",
    "predict_axis",
    "MODEL_FORMAT",
    "REBUILD_COMMAND",
    "NONE",
    "BUNDLED_THRESHOLD",
    "BUNDLED_SETTINGS",
    "THRESHOLDS",
    "OVERRIDES",
    "PRIOR_BUILTIN",
    "PRIOR_WEIGHT",
    "builtin_prior",
    "concept_families",
    "CONCEPT_FILE",
]

#: The label of a sentence that takes neither pole of an axis.
NONE = "none"
#: Probability below which the bundled model answers ``'none'`` (see :func:`bundled_classifier`).
BUNDLED_THRESHOLD = 0.5
#: The settings of the bundled models (:func:`bundled_classifier`): the classifier's defaults
#: before ``threshold='auto'`` and the rule and cue features, kept so that
#: ``score(method='classifier')`` labels as it did.
BUNDLED_SETTINGS: dict[str, Any] = {
    "threshold": BUNDLED_THRESHOLD, "C": 1.0, "lexicon_weight": 1.0, "prefer_lexicon": False,
    "prior": None, "rule_features": False, "cue_features": False, "override": 1.0,
}  # fmt: skip
#: The thresholds ``FrameClassifier(threshold='auto')`` chooses from, for the probability of
#: the most probable pole; 1 means the model's labels never stand (with ``prefer_lexicon``,
#: the lexicon's labels are the predictions).
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
#: The overrides ``FrameClassifier(override='auto')`` chooses from, for the probability of the
#: most probable label other than the lexicon's pole; 1 means the lexicon's poles always stand.
OVERRIDES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
#: The gold columns of ``seeds/annotations/sentences.csv`` that ship as package data.
_SHIPPED_COLUMNS = (
    "doc_id", "sent_id", "start", "end", "text", "gold_relevant", "gold_power", "gold_bond",
)  # fmt: skip
_DATA_FILE = "seed_coding.csv"
#: The constructed coded sentences of the built-in prior (written by ``_build_model``).
PRIOR_FILE = "prior_coding.csv"
#: ``FrameClassifier(prior=...)``'s name for the package's own coded sentences.
PRIOR_BUILTIN = "builtin"
#: The default weight of a prior sentence, against 1 for each of the researcher's.
PRIOR_WEIGHT = 0.1
_FEATURE_KINDS = ("weight", "count", "negated", "performance", "conceded")
#: The columns per pole that ``LexiconFeatures(rules=True)`` adds.
_RULE_KINDS = ("mention", "quoted")


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
    if getattr(values, "ndim", 1) == 2 and getattr(values, "shape", (0, 0))[1] == 1:
        # As scikit-learn's estimators do: a column vector of labels is read as a list.
        warnings.warn(
            "y was given as a column vector (shape (n, 1)); it is read as a list of labels. "
            "Give a 1-D list, array or Series to avoid this warning.",
            DataConversionWarning,
            stacklevel=3,
        )
        values = np.asarray(values, dtype=object).ravel()
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


def _as_groups(values: Any, n: int) -> np.ndarray:
    """Group names (e.g. article ids) as a 1-D array of the same length as the texts."""
    if isinstance(values, (str, bytes)) or isinstance(values, pd.DataFrame):
        raise InputError(
            "groups must be one group name per text (e.g. coded['doc_id']), not "
            f"{type(values).__name__}."
        )
    try:
        items = list(values)
    except TypeError as exc:
        raise InputError(f"groups must be a list; got {type(values).__name__}.") from exc
    if len(items) != n:
        raise InputError(
            f"X and groups have different lengths: {n} texts and {len(items)} groups; give "
            "the group (article) of every text."
        )
    missing = np.asarray(pd.isna(np.asarray(items, dtype=object)), dtype=bool)
    if missing.any():
        raise InputError(
            f"groups has {int(missing.sum())} missing values, the first at position "
            f"{int(np.flatnonzero(missing)[0])}; name the article of every text."
        )
    return np.asarray([str(item) for item in items], dtype=object)


# --------------------------------------------------------------------------- lexicon features


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Cue counts of a lexicon as features: one row per sentence, seven columns per pole.

    For every axis and pole it counts what :meth:`framing.Lexicon.match` finds after the
    codebook's rules (negation flips, performance turns warmth, conceded clauses weigh less,
    mentions do not count), so the columns carry the lexicon's judgement into any
    scikit-learn pipeline. With ``cues=True`` it adds one column per cue of the lexicon,
    so that a model can learn that a given cue misleads in a corpus.

    Parameters
    ----------
    lexicon : str, path or Lexicon, default='relationship'
        A built-in lexicon name, a TOML file, or a :class:`~framing.Lexicon`.
    axes : str, sequence of str or None, default=None
        The axes to count; default every axis of the lexicon, in lexicon order.
    rules : bool, default=True
        Add the ``mention`` and ``quoted`` columns of every pole (the layout of framing 0.x
        models saved before them has five columns per pole: ``rules=False``).
    cues : bool, default=False
        Add one column per cue of the counted axes, ``{axis}_cue_{cue}``: the cue's weight
        where it counts for the axis's first pole, minus it for the second (0 for a mention).
        ``transform`` then returns a sparse matrix.
    concepts : bool, default=False
        Add one column per concept family of :func:`concept_families`, ``concept_{family}``:
        how many of the family's terms the text holds. The families are words for behaviour,
        motive and circumstance that are not cues and carry no pole; a model learns their
        direction from the coding.

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    axes_ : tuple of str
        The axes counted.
    feature_names_ : numpy.ndarray of str
        The column names: first ``{axis}_{pole}_{kind}`` for kind in ``weight`` (summed weights
        of the cues that count for the pole), ``count`` (how many), ``negated``,
        ``performance`` and ``conceded`` (how many of them a negator flipped, a performance
        marker turned, or a contrast set aside), and with ``rules``, ``mention`` (how many are
        mentioned rather than asserted: so-called, a question, scare quotes, an appearance;
        they weigh 0) and ``quoted`` (how many stand inside quotation marks, such as a
        source's words); then, with ``cues``, ``{axis}_cue_{cue}`` per cue in lexicon order;
        then, with ``concepts``, ``concept_{family}`` per family in file order.

    See Also
    --------
    FrameClassifier : uses these features beside word and character n-grams.

    Notes
    -----
    Each text is matched as one sentence: negation, contrast and performance scopes end at the
    text's ends. A quotation is a span between paired marks (``"..."``, ``“...”``, ``«...»``,
    ``‘...’``, ``'...'``) that opens after a non-word character; an apostrophe inside a
    single-quoted span ends it early, so such a quotation may be missed. The transformer
    learns nothing from the data; ``fit`` loads the lexicon and checks the axes.

    Examples
    --------
    >>> features = LexiconFeatures(axes="power").fit([])
    >>> X = features.transform(["This is no longer a partnership of equals."])  # constructed
    >>> float(dict(zip(features.get_feature_names_out(), X[0]))["power_junior_negated"])
    1.0
    >>> features.get_feature_names_out()[:7].tolist()
    ['power_equal_weight', 'power_equal_count', 'power_equal_negated', 'power_equal_performance', 'power_equal_conceded', 'power_equal_mention', 'power_equal_quoted']
    >>> X = features.transform(['He called it "a partnership of equals".'])  # constructed
    >>> float(dict(zip(features.get_feature_names_out(), X[0]))["power_equal_quoted"])
    1.0
    >>> cued = LexiconFeatures(axes="power", cues=True).fit([])
    >>> row = cued.transform(["Russia is the junior partner."]).toarray()[0]  # constructed
    >>> [(name, float(v)) for name, v in zip(cued.get_feature_names_out(), row) if "_cue_" in name and v]
    [('power_cue_junior partner*', -1.0)]
    """  # noqa: E501

    def __init__(
        self,
        lexicon: str | os.PathLike[str] | Lexicon = "relationship",
        axes: str | Sequence[str] | None = None,
        *,
        rules: bool = True,
        cues: bool = False,
        concepts: bool = False,
    ) -> None:
        self.lexicon = lexicon
        self.axes = axes
        self.rules = rules
        self.cues = cues
        self.concepts = concepts

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
            An axis that the lexicon does not have, or ``rules``, ``cues`` or ``concepts`` not
            a bool.
        LexiconError
            The lexicon cannot be loaded.
        """
        _as_texts(X)
        for name in ("rules", "cues", "concepts"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ParameterError(name, getattr(self, name), "True or False")
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
        kinds = _FEATURE_KINDS + (_RULE_KINDS if self.rules else ())
        names = [
            f"{axis}_{pole}_{kind}"
            for axis in self.axes_
            for pole in lexicon.poles[axis]
            for kind in kinds
        ]
        self.n_kinds_ = len(kinds)
        # One column per cue term and axis: a term listed under both poles shares it (its
        # sign tells them apart).
        self.cue_columns_: dict[tuple[str, str], int] = {}
        if self.cues:
            for cue in lexicon.cues:
                if cue.axis in self.axes_ and (cue.axis, cue.term) not in self.cue_columns_:
                    self.cue_columns_[(cue.axis, cue.term)] = len(names)
                    names.append(f"{cue.axis}_cue_{cue.term}")
        self.concept_columns_: list[tuple[int, re.Pattern[str]]] = []
        if self.concepts:
            for family, pattern in _concept_patterns():
                self.concept_columns_.append((len(names), pattern))
                names.append(f"concept_{family}")
        self.feature_names_ = np.asarray(names, dtype=object)
        return self

    def transform(self, X: Iterable[str]) -> Any:  # noqa: N803
        """Count the cues of every text.

        Parameters
        ----------
        X : sequence of str
            Sentences.

        Returns
        -------
        numpy.ndarray or scipy.sparse.csr_matrix of shape (n_texts, n_features)
            Float counts, columns as in ``feature_names_``; sparse with ``cues=True``.

        Raises
        ------
        InputError
            ``X`` is a bare string or holds something other than strings.
        """
        check_is_fitted(self, "feature_names_")
        texts = _as_texts(X)
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, text in enumerate(texts):  # one lexicon match per text
            matches = self.lexicon_.match(text)
            if matches:
                self._add_matches(row, text, matches, (rows, cols, values))
            for column, pattern in self.concept_columns_:
                found = len(pattern.findall(text))
                if found:
                    rows.append(row)
                    cols.append(column)
                    values.append(float(found))
        shape = (len(texts), self.feature_names_.size)
        if self.cues:
            from scipy.sparse import csr_matrix  # the only sparse output of the module

            return csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
        out = np.zeros(shape, dtype=np.float64)
        np.add.at(out, (np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)), values)
        return out

    def _add_matches(
        self,
        row: int,
        text: str,
        matches: list[Any],
        cells: tuple[list[int], list[int], list[float]],
    ) -> None:
        """Append the cells of one text's matches to ``cells`` (rows, columns, values)."""
        rows, cols, values = cells
        quotations = _quotations(text) if self.rules else []
        for match in matches:
            slot = self._slot(match.axis, match.pole)
            if slot is None:
                continue
            flags = [match.weight, 1.0, match.negated, match.performance, match.conceded]
            if self.rules:
                quoted = any(s <= match.start and match.end <= e for s, e in quotations)
                flags += [match.mention is not None, quoted]
            rows.extend([row] * len(flags))
            cols.extend(range(slot, slot + len(flags)))
            values.extend(float(v) for v in flags)
            column = self.cue_columns_.get((match.axis, match.cue))
            if column is not None:
                sign = 1.0 if match.pole == self.lexicon_.poles[match.axis][0] else -1.0
                rows.append(row)
                cols.append(column)
                values.append(sign * match.weight)

    def _slot(self, axis: str, pole: str) -> int | None:
        """The first column of a counted axis and pole; None for another axis."""
        if axis not in self.axes_:
            return None
        before = sum(len(self.lexicon_.poles[a]) for a in self.axes_[: self.axes_.index(axis)])
        return (before + self.lexicon_.poles[axis].index(pole)) * self.n_kinds_

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The column names (see ``feature_names_``).

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


#: Quotations in a sentence: paired marks, the opening one after a non-word character (an
#: apostrophe in "Russia's" opens none); the single-quoted kinds must close before a non-word.
_QUOTATION = re.compile(r"(?<!\w)(?:\"[^\"]+\"|“[^”]+”|«[^»]+»|‘[^’]+’(?!\w)|'[^']+'(?!\w))")


def _quotations(text: str) -> list[tuple[int, int]]:
    """The spans of the quotations in ``text`` (see ``_QUOTATION``)."""
    if not any(mark in text for mark in "\"“«‘'"):
        return []
    return [found.span() for found in _QUOTATION.finditer(text)]


#: The classifier's concept families, in ``framing/data`` (see :func:`concept_families`).
CONCEPT_FILE = "concept_families.toml"


@functools.lru_cache(maxsize=1)
def concept_families() -> dict[str, tuple[str, ...]]:
    """The concept families of ``LexiconFeatures(concepts=True)``: family name to its terms.

    Read from ``framing/data/concept_families.toml``, which says how the families were built.
    A family groups words and short phrases for one kind of behaviour, motive or circumstance
    (energy sales, sanctions, ceremony, holding back...) that are not cues of the built-in
    lexicon and carry no pole: a model learns from the coding which way, if any, each points.

    Returns
    -------
    dict of str to tuple of str
        In file order; a term's words match whole, case-insensitively, and a final ``*``
        matches any ending.

    Examples
    --------
    >>> families = concept_families()
    >>> "oil" in families["energy_trade"], "ceremony" in families
    (True, True)
    """
    from ._toml import tomllib  # the standard library's parser, or tomli on Python 3.10

    resource = resources.files("framing") / "data" / CONCEPT_FILE
    table = tomllib.loads(resource.read_text(encoding="utf-8"))
    return {name: tuple(str(term) for term in family["terms"]) for name, family in table.items()}


def _concept_families_sha256() -> str:
    """The SHA-256 of the concept families, recorded by a saved model that uses them."""
    text = json.dumps(concept_families(), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def _concept_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One case-insensitive pattern per concept family, longest terms first."""
    patterns = []
    for name, terms in concept_families().items():
        alternatives = []
        for term in sorted(terms, key=len, reverse=True):
            words = [re.escape(word.rstrip("*")) for word in term.split()]
            ending = r"\w*" if term.endswith("*") else ""
            alternatives.append(r"[\s\-]+".join(words) + ending)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
        patterns.append((name, pattern))
    return tuple(patterns)


# --------------------------------------------------------------------------- the classifier


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Label sentences on one framing axis: a pole, or ``'none'``.

    Word and character n-gram TF-IDF and :class:`LexiconFeatures` feed a logistic regression
    with balanced class weights; its probabilities are calibrated by temperature scaling on
    cross-validated decision values. It learns from the researcher's coding and, with a lower
    weight, from a prior of coded sentences (``prior``; by default the package's own). By
    default the lexicon's own pole stands where it gives one (``prefer_lexicon``), and the
    model labels a sentence the lexicon leaves at ``'none'`` only when its probability reaches
    a threshold chosen in ``fit`` by the same cross-validation (``threshold='auto'``): when the
    coding does not show that the model's labels help, the threshold is 1 and the predictions
    are the lexicon's. A second threshold, chosen the same way (``override='auto'``), lets the
    model replace a pole of the lexicon where the coding shows that it should.

    Parameters
    ----------
    axis : str, default='power'
        The lexicon axis whose poles are the labels (with ``'none'``).
    lexicon : str, path or Lexicon, default='relationship'
        The lexicon that names the poles and supplies the cue features.
    C : float, default=10.0
        Inverse strength of the L2 penalty of the logistic regression.
    ngram_range : tuple of int, default=(1, 2)
        Word n-grams.
    char_ngram_range : tuple of int, default=(2, 5)
        Character n-grams within word boundaries (``analyzer='char_wb'``).
    lexicon_weight : float, default=0.3
        Multiplies the lexicon features against the unit-length TF-IDF rows; 0 leaves them out.
    threshold : float or 'auto', default='auto'
        A number: ``predict`` answers ``'none'`` when the highest calibrated probability is
        below it; at 1 the model's labels never stand (with ``prefer_lexicon``, the
        predictions are the lexicon's). ``'auto'``: ``predict`` answers the most probable
        *pole* when its probability reaches a threshold chosen in ``fit`` from
        :data:`THRESHOLDS`, the one whose labels, on the cross-validated probabilities of the
        training sentences, have the highest pole-F1 (mean F1 of the two poles); ties go to
        the higher threshold. A pole can so stand below ``'none'``'s probability, when the
        coding shows that such poles are right more often than not: a rare pole is seldom the
        most probable label of a sentence without cues. With a class of a single example
        nothing is cross-validated, and ``'auto'`` gives 1 with ``prefer_lexicon`` (trust the
        lexicon), else 0 (the most probable label).
    prefer_lexicon : bool, default=True
        Back off to the lexicon: where the lexicon, matching the sentence alone, gives a pole
        (one pole's cue weight exceeds the other's), ``predict`` answers that pole, and the
        model labels only the sentences the lexicon leaves at ``'none'``. The lexicon is
        precise and misses frames without its cues; the model then adds what the coding
        teaches without undoing what the lexicon gets right. Probabilities are the model's.
    cv : int, default=5
        Folds for the calibration's (and the threshold's) cross-validated decision values (at
        most the size of the smallest class, and the number of groups given to ``fit``).
    random_state : int, RandomState or None, default=0
        Shuffles the cross-validation folds.
    prior : 'builtin', None, DataFrame or (texts, labels), default='builtin'
        Coded sentences learnt together with the researcher's, each with ``prior_weight``,
        so that the model knows frame expressions before it sees the researcher's coding.
        ``'builtin'``: :func:`builtin_prior`, the package's coding of the seed articles and
        of constructed articles and sentences (same codebook), used with the built-in
        ``relationship`` lexicon only (with another lexicon there is no prior). A DataFrame
        needs a ``text`` column and a column named as the axis (rows whose ``relevant`` is
        not ``'yes'`` are left out when it has that column). With ``prefer_lexicon`` only the
        prior sentences the lexicon leaves at ``'none'`` are learnt (the others are the
        lexicon's to label). The prior never chooses the threshold nor calibrates: the
        cross-validation holds out the researcher's sentences only (every fold's model
        learns the whole prior). ``None``: no prior. The prior is training data only; a saved
        model records ``'builtin'`` or ``None`` (``'given'`` for data, reloaded as ``None``).
    prior_weight : float, default=0.1
        The sample weight of a prior sentence, against 1 for each of the researcher's.
    rule_features : bool, default=True
        Give the model what the lexicon's rules know beyond the cue weights: per pole, how
        many cues are mentioned rather than asserted and how many stand in quotation marks
        (``LexiconFeatures(rules=True)``).
    cue_features : bool, default=True
        Give the model one column per cue of the axis, signed by the pole it counts for
        (``LexiconFeatures(cues=True)``), so that the coding can teach it that a cue misleads
        in this corpus.
    override : float or 'auto', default='auto'
        With ``prefer_lexicon``: where the lexicon gives a pole, ``predict`` puts the model's
        most probable other label (the other pole or ``'none'``) in its place when that
        label's probability reaches ``override``; at 1 the lexicon's poles always stand.
        ``'auto'``: chosen in ``fit`` from :data:`OVERRIDES` together with the threshold, by
        the same cross-validated pole-F1; it stays 1 (the lexicon's poles stand) unless an
        override gains more than one standard error there (see Notes).
    concept_features : bool, default=False
        Give the model one column per concept family (:func:`concept_families`: words for
        behaviour, motive and circumstance such as energy sales, sanctions, ceremony or
        holding back, that are not cues and carry no pole; ``LexiconFeatures(concepts=True)``),
        so that it can learn from the coding which way each points. Off by default: on the
        package's coded sets it did not raise the gain over the lexicon (docs/validation.md).

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
    threshold_ : float
        The threshold ``predict`` uses: ``threshold``, or the one ``'auto'`` chose.
    override_ : float
        The override ``predict`` uses: ``override``, or the one ``'auto'`` chose (1 without
        ``prefer_lexicon`` or cross-validation).
    decision_ : {'pole', 'label'}
        What ``threshold_`` applies to: the probability of the most probable pole (``'pole'``,
        a threshold ``'auto'`` chose by cross-validation) or of the most probable label.
    calibration_folds_ : int
        Folds used to calibrate; 0 when a class had a single example and the regression's own
        probabilities are used (``T = 1``).
    n_train_ : int
        The researcher's training sentences.
    n_prior_ : int
        The prior sentences learnt with them (0 without a prior).

    See Also
    --------
    LexiconFeatures, bundled_classifier, framing.read_coding, framing.suggest_for_coding

    Notes
    -----
    Calibration: cross-validation gives each training sentence a decision vector ``z`` from
    a model that did not see it (stratified folds, ``min(cv, smallest class)`` of them; with
    ``groups``, folds that never cut a group, such as an article, so that a sentence is not
    judged by a model trained on its neighbours);
    ``T`` minimises the mean log loss of ``softmax(z / T)`` (Guo et al. 2017); when every
    held-out sentence is predicted right, that loss only falls as ``T`` shrinks (towards
    probabilities of exactly 1), so ``T`` stays 1, with a warning. One parameter suits a
    few hundred sentences with classes of a handful, where Platt or isotonic
    calibration per class would overfit, and it keeps the ranking, so ``predict`` with
    ``threshold=0`` is the regression's own decision. The balanced class weights are not
    undone: probabilities of rare classes stay on the generous side, which favours recall of
    the poles (and macro-F1) over accuracy. Each fold's model learns its own vocabularies;
    no label crosses a fold.

    The automatic threshold reuses those cross-validated probabilities: for each candidate
    it labels the training sentences as ``predict`` would (the lexicon's pole where it gives
    one, with ``prefer_lexicon``) and keeps the best pole-F1. It is the guard of the back-off:
    a model that adds no correct pole to the lexicon's on sentences it did not see gets the
    threshold 1, and the classifier then answers as the lexicon does. The override is chosen
    in the same pass, over every pair of candidates: it stays 1 unless replacing the
    lexicon's poles by the model's more probable alternatives raised that pole-F1 by more
    than one standard error (a paired bootstrap over the training sentences, fixed seed;
    the one-standard-error rule of Hastie et al.): a gain of a sentence or two, which
    another sample of the coding would not show, leaves the lexicon's poles standing.

    The estimator declares text input (scikit-learn tags ``input_tags.string``, no
    ``two_d_array``), as ``TfidfVectorizer`` does; ``check_estimator`` therefore skips it, and
    the test suite runs its checks with the tag put back, expecting only the checks that feed a
    numeric X to fail.

    References
    ----------
    Guo, C., Pleiss, G., Sun, Y. & Weinberger, K. Q. (2017). On calibration of modern neural
    networks. *ICML*.
    Hastie, T., Tibshirani, R. & Friedman, J. (2009). *The Elements of Statistical
    Learning*, 2nd ed., section 7.10 (the one-standard-error rule).

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
        C: float = 10.0,  # noqa: N803 - scikit-learn's name
        ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 5),
        lexicon_weight: float = 0.3,
        threshold: float | str = "auto",
        prefer_lexicon: bool = True,
        cv: int = 5,
        random_state: Any = 0,
        prior: Any = "builtin",
        prior_weight: float = PRIOR_WEIGHT,
        rule_features: bool = True,
        cue_features: bool = True,
        override: float | str = "auto",
        concept_features: bool = False,
    ) -> None:
        self.axis = axis
        self.lexicon = lexicon
        self.C = C
        self.ngram_range = ngram_range
        self.char_ngram_range = char_ngram_range
        self.lexicon_weight = lexicon_weight
        self.threshold = threshold
        self.prefer_lexicon = prefer_lexicon
        self.cv = cv
        self.random_state = random_state
        self.prior = prior
        self.prior_weight = prior_weight
        self.rule_features = rule_features
        self.cue_features = cue_features
        self.override = override
        self.concept_features = concept_features

    # -- fitting ---------------------------------------------------------------------------------
    def _check_params(self) -> None:
        if not _is_real(self.C) or not self.C > 0:
            raise ParameterError("C", self.C, "a number > 0")
        if self.threshold != "auto" and not (
            _is_real(self.threshold) and 0.0 <= float(self.threshold) <= 1.0
        ):
            raise ParameterError("threshold", self.threshold, "a probability from 0 to 1 or 'auto'")
        for name in ("prefer_lexicon", "rule_features", "cue_features", "concept_features"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ParameterError(name, getattr(self, name), "True or False")
        if self.override != "auto" and not (
            _is_real(self.override) and 0.0 < float(self.override) <= 1.0
        ):
            raise ParameterError("override", self.override, "a probability in (0, 1] or 'auto'")
        if not _is_real(self.lexicon_weight) or not self.lexicon_weight >= 0:
            raise ParameterError("lexicon_weight", self.lexicon_weight, "a number >= 0")
        if not _is_real(self.prior_weight) or not self.prior_weight > 0:
            raise ParameterError("prior_weight", self.prior_weight, "a number > 0")
        if not (
            self.prior is None
            or (isinstance(self.prior, str) and self.prior == PRIOR_BUILTIN)
            or isinstance(self.prior, (pd.DataFrame, tuple))
        ):
            raise ParameterError(
                "prior",
                self.prior,
                f"{PRIOR_BUILTIN!r}, None, a DataFrame with columns 'text' and the axis, or a "
                "pair (texts, labels)",
            )
        if not _is_integer(self.cv) or self.cv < 2:
            raise ParameterError("cv", self.cv, "an integer >= 2")
        for name in ("ngram_range", "char_ngram_range"):
            value = getattr(self, name)
            if not (
                isinstance(value, (tuple, list))
                and len(value) == 2
                and all(_is_integer(v) for v in value)
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
                (
                    "lexicon",
                    LexiconFeatures(
                        self.lexicon,
                        axes=(self.axis,),
                        rules=bool(self.rule_features),
                        cues=bool(self.cue_features),
                        concepts=bool(self.concept_features),
                    ),
                ),
            ],
            transformer_weights={"lexicon": float(self.lexicon_weight)},
        )
        model = LogisticRegression(
            C=float(self.C), class_weight="balanced", solver="newton-cg", max_iter=1000
        )
        return Pipeline([("features", features), ("model", model)])

    def fit(
        self,
        X: Iterable[str],  # noqa: N803
        y: Iterable[str],
        groups: Iterable[Any] | None = None,
    ) -> FrameClassifier:
        """Learn the labels of coded sentences.

        Parameters
        ----------
        X : sequence of str
            Sentences, one per item (a list, tuple, 1-D array or Series).
        y : sequence of str
            Their labels: the axis's two poles or ``'none'``.
        groups : sequence or None, default=None
            The article (or any unit) of each sentence, e.g. ``coded["doc_id"]``: the
            cross-validation that calibrates the probabilities and chooses the threshold then
            never cuts a group. Default: stratified folds over sentences.

        Returns
        -------
        FrameClassifier
            ``self``, fitted.

        Raises
        ------
        InputError
            ``X`` is a bare string or holds non-strings; ``X``, ``y`` or ``groups`` differ in
            length; a label is missing, or not a pole of the axis nor ``'none'`` (the message
            lists them); a group is missing.
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
        units = None if groups is None else _as_groups(groups, len(texts))
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
        prior_texts, prior_labels = self._prior_sentences(lexicon, allowed)
        classes = np.unique(np.concatenate([labels, prior_labels]).astype(str))
        prior = (prior_texts, prior_labels, float(self.prior_weight))
        pipeline = self._make_pipeline()
        folds = int(min(self.cv, counts.min()))
        if units is not None:
            folds = min(folds, len(set(units.tolist())))
        probabilities = None
        if folds >= 2:
            if units is None:
                splitter: Any = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            else:
                splitter = StratifiedGroupKFold(
                    folds, shuffle=True, random_state=self.random_state
                )
            with warnings.catch_warnings():  # a class smaller than the folds: sklearn warns
                warnings.simplefilter("ignore", UserWarning)
                splits = list(splitter.split(texts, labels, units))
            logits = _out_of_fold(pipeline, texts, labels, classes, splits, prior)
            targets = np.searchsorted(classes, labels.astype(str))
            if (logits.argmax(axis=1) == targets).all():
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
                self.temperature_ = _fit_temperature(logits, targets)
            probabilities = softmax(logits / self.temperature_, axis=1)
        else:
            warnings.warn(
                f"class {names[int(counts.argmin())]!r} has a single example: probabilities are "
                "the logistic regression's own, not calibrated"
                + (
                    ", and the threshold is not chosen (the lexicon's labels stand)"
                    if self.threshold == "auto" and self.prefer_lexicon
                    else ""
                )
                + ". Code more sentences of it.",
                FramingWarning,
                stacklevel=2,
            )
            folds, self.temperature_ = 0, 1.0
        _fit_with_prior(pipeline, texts, labels, prior)
        self.pipeline_ = pipeline
        self.classes_ = np.asarray(pipeline.classes_, dtype=object)
        self.poles_ = tuple(poles)
        self.calibration_folds_ = folds
        self.decision_ = "label"
        self.threshold_, self.override_ = self._choose_thresholds(probabilities, texts, labels)
        if self.threshold == "auto" and probabilities is not None:
            self.decision_ = "pole"
        self.n_train_ = len(texts)
        self.n_prior_ = len(prior_texts)
        return self

    def _prior_sentences(
        self, lexicon: Lexicon, allowed: tuple[str, ...]
    ) -> tuple[list[str], np.ndarray]:
        """The prior's texts and labels on this axis (none: empty), checked."""
        empty = np.empty(0, dtype=object)
        if self.prior is None:
            return [], empty
        if isinstance(self.prior, str):  # 'builtin': the package's coding, for its lexicon only
            if _lexicon_source(lexicon) != "relationship":
                return [], empty
            frame = _builtin_prior()
            texts = frame["text"].tolist()
            return self._uncued(lexicon, texts, frame[self.axis].to_numpy(dtype=object))
        if isinstance(self.prior, pd.DataFrame):
            missing = [c for c in ("text", self.axis) if c not in self.prior.columns]
            if missing:
                raise InputError(
                    f"prior lacks the column(s) {missing}: give a DataFrame with a 'text' "
                    f"column and a column {self.axis!r} of labels (e.g. framing.read_coding's)."
                )
            frame = self.prior
            if "relevant" in frame.columns:
                frame = frame[frame["relevant"].astype(str) == "yes"]
            texts, values = frame["text"], frame[self.axis]
        else:
            if len(self.prior) != 2:
                raise InputError(
                    f"prior as a tuple must be a pair (texts, labels); got {len(self.prior)} items."
                )
            texts, values = self.prior
        texts = _as_texts(texts, "prior texts")
        labels = _as_labels(values, len(texts)).astype(str).astype(object)
        known = pd.Index(allowed, dtype=object).get_indexer(labels) >= 0
        if not known.all():
            stray = sorted({str(v) for v in labels[~known]})
            raise InputError(
                f"prior has labels that are not poles of axis {self.axis!r} nor {NONE!r}: "
                f"{', '.join(repr(v) for v in stray)}; expected one of {allowed!r}."
            )
        return self._uncued(lexicon, texts, labels)

    def _uncued(
        self, lexicon: Lexicon, texts: list[str], labels: np.ndarray
    ) -> tuple[list[str], np.ndarray]:
        """With ``prefer_lexicon``, the prior sentences whose pole the lexicon does not give
        (the model labels only those); otherwise all of them."""
        if not self.prefer_lexicon or not texts:
            return texts, labels
        features = LexiconFeatures(lexicon, axes=(self.axis,)).fit([])
        keep = np.flatnonzero(_cue_poles(features, texts, lexicon.poles[self.axis]) == NONE)
        return [texts[i] for i in keep], labels[keep]

    # -- saving ----------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the fitted model to a file that :func:`load_model` reads without running code.

        The file is a NumPy ``.npz`` archive: the settings, the labels and a description of
        every part as JSON, and the learned numbers (vocabularies, IDF weights, coefficients,
        intercepts) as plain arrays. Nothing is pickled.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (replaced atomically); ``.model`` is a good suffix.

        Returns
        -------
        pathlib.Path
            ``path``.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            The model is not fitted.
        ModelError
            The lexicon was given as a :class:`~framing.Lexicon` object or a file: it is
            recorded by name and content hash only, and :func:`load_model` then needs it
            again (``lexicon=``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> texts = ["Russia is now China's junior partner.", "Moscow depends on Beijing.",
        ...          "They meet as equals.", "It is a partnership of equals.",
        ...          "Trade rose in May.", "The talks lasted two days."]  # constructed
        >>> labels = ["junior", "junior", "equal", "equal", "none", "none"]
        >>> clf = FrameClassifier(axis="power", cv=2).fit(texts, labels)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = clf.save(pathlib.Path(folder) / "power.model")
        ...     load_model(path).predict(["Russia has become the junior partner."])
        array(['junior'], dtype=object)
        """
        check_is_fitted(self, "pipeline_")
        meta, arrays = _payload(self)
        target = Path(path)
        with atomic_path(target) as temporary:
            with open(temporary, "wb") as handle:
                payload = {**arrays, _META: _json_array(meta)}
                np.savez_compressed(handle, **payload)  # type: ignore[arg-type]
        return target

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
        """The most probable label (pole, with ``threshold='auto'``), ``'none'`` when its
        probability is below ``threshold_``; with ``prefer_lexicon``, the lexicon's pole first.

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        numpy.ndarray of str (object)
        """
        check_is_fitted(self, "pipeline_")
        texts = _as_texts(X)
        return self._labels(self.predict_proba(texts), texts)

    def _labels(self, proba: np.ndarray, texts: list[str]) -> np.ndarray:
        if not len(proba):
            return np.asarray(self.classes_[:0], dtype=object)
        lexicon = self._lexicon_poles(texts) if self.prefer_lexicon else None
        return _decide(
            proba, self.classes_, self.threshold_, lexicon, self.decision_, self.override_
        )

    def _lexicon_poles(self, texts: list[str]) -> np.ndarray:
        """The lexicon's pole of each sentence matched alone, ``'none'`` where the weights tie."""
        lexicon = dict(self.pipeline_.named_steps["features"].transformer_list)["lexicon"]
        return _cue_poles(lexicon, texts, self.poles_)

    def _choose_thresholds(
        self, probabilities: np.ndarray | None, texts: list[str], labels: np.ndarray
    ) -> tuple[float, float]:
        """``threshold_`` and ``override_``: the given ones, else those of :data:`THRESHOLDS`
        and :data:`OVERRIDES` whose labels of the cross-validated ``probabilities`` have the
        best pole-F1 against ``labels`` (ties: the higher override, then the higher
        threshold), an override below 1 only when its gain is beyond noise
        (:func:`_beyond_noise`). Without cross-validated probabilities, 'auto' trusts the
        lexicon (threshold 1 with ``prefer_lexicon``, else 0; override 1)."""
        lexicon = self._lexicon_poles(texts) if self.prefer_lexicon else None
        thresholds = THRESHOLDS if self.threshold == "auto" else (float(self.threshold),)
        overrides = OVERRIDES if self.override == "auto" else (float(self.override),)
        if lexicon is None:  # nothing to override
            overrides = (1.0,)
        if probabilities is None:
            fallback = 1.0 if self.prefer_lexicon else 0.0
            return fallback if self.threshold == "auto" else thresholds[0], max(overrides)
        gold = labels.astype(str)
        decision = "pole" if self.threshold == "auto" else "label"
        scored = {}
        for override in overrides:
            for threshold in thresholds:
                predicted = _decide(
                    probabilities, self.classes_, threshold, lexicon, decision, override
                )
                score = round(mean_pole_f1(predicted, gold, self.poles_), 12)
                scored[(score, override, threshold)] = predicted
        best = max(scored)
        if self.override == "auto" and best[1] < 1.0:
            standing = max(key for key in scored if key[1] == 1.0)
            if not _beyond_noise(scored[best], scored[standing], gold, self.poles_):
                best = standing
        return best[2], best[1]

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
        check_is_fitted(self, "pipeline_")
        texts = _as_texts(X)
        proba = self.predict_proba(texts)
        columns = {label: i for i, label in enumerate(self.classes_)}
        zeros = np.zeros(len(proba))
        first, second = (
            proba[:, columns[pole]] if pole in columns else zeros for pole in self.poles_
        )
        return self._labels(proba, texts), np.clip(first - second, -1.0, 1.0)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _cue_poles(features: LexiconFeatures, texts: list[str], poles: Sequence[str]) -> np.ndarray:
    """The pole whose cue weight is higher in each text, by the fitted one-axis ``features``;
    ``'none'`` where the weights tie."""
    weights = features.transform(texts)[:, [0, features.n_kinds_]]
    if not isinstance(weights, np.ndarray):  # sparse, with cue columns
        weights = weights.toarray()
    first, second = weights[:, 0], weights[:, 1]
    labels = np.full(len(texts), NONE, dtype=object)
    labels[first > second] = poles[0]
    labels[second > first] = poles[1]
    return labels


def _decide(
    proba: np.ndarray,
    classes: np.ndarray,
    threshold: float,
    lexicon: np.ndarray | None,
    decision: str = "label",
    override: float = 1.0,
) -> np.ndarray:
    """Labels from probabilities: the most probable class (``decision='label'``) or pole
    (``'pole'``), ``'none'`` where its probability is below ``threshold`` (at 1, always), and
    the lexicon's pole wherever ``lexicon`` (one per row, or None) has one."""
    columns = np.arange(len(classes))
    if decision == "pole":
        columns = np.flatnonzero(np.asarray(classes, dtype=object) != NONE)
    chosen = proba[:, columns]
    labels = np.asarray(classes[columns[chosen.argmax(axis=1)]], dtype=object)
    if threshold >= 1.0:
        labels[:] = NONE
    elif threshold > 0:
        labels[chosen.max(axis=1) < threshold] = NONE
    if lexicon is not None:
        labels[lexicon != NONE] = lexicon[lexicon != NONE]
        if override < 1.0:
            _override(labels, proba, classes, lexicon, override)
    return labels


def _override(
    labels: np.ndarray, proba: np.ndarray, classes: np.ndarray, lexicon: np.ndarray, at: float
) -> None:
    """Where the lexicon gives a pole, put the most probable other label (the other pole or
    ``'none'``) in its place when its probability reaches ``at``; in place."""
    given = np.flatnonzero(lexicon != NONE)
    if not given.size:
        return
    others = proba[given].copy()
    own = np.searchsorted(classes, lexicon[given].astype(str))
    known = own < len(classes)
    known[known] = np.asarray(classes, dtype=object)[own[known]] == lexicon[given][known]
    others[np.flatnonzero(known), own[known]] = -1.0
    best = others.argmax(axis=1)
    chosen = others[np.arange(given.size), best] >= at
    labels[given[chosen]] = np.asarray(classes, dtype=object)[best[chosen]]


#: Resamples of :func:`_beyond_noise`'s bootstrap.
_BOOTSTRAP = 200


def _beyond_noise(
    chosen: np.ndarray, standing: np.ndarray, gold: np.ndarray, poles: Sequence[str]
) -> bool:
    """Is the pole-F1 gain of the labels ``chosen`` over ``standing`` (both against ``gold``)
    more than one standard error, by a paired bootstrap over the sentences (fixed seed)?

    The one-standard-error rule (Hastie, Tibshirani & Friedman 2009, 7.10): overriding the
    lexicon is the less conservative choice, taken only when the coding shows a gain that
    resampling its sentences does not erase; a gain of a sentence or two is not such.
    """
    rng = np.random.default_rng(0)
    gains = np.empty(_BOOTSTRAP)
    for i in range(_BOOTSTRAP):
        rows = rng.integers(0, gold.size, gold.size)
        gains[i] = mean_pole_f1(chosen[rows], gold[rows], poles) - mean_pole_f1(
            standing[rows], gold[rows], poles
        )
    gain = mean_pole_f1(chosen, gold, poles) - mean_pole_f1(standing, gold, poles)
    return bool(gain > gains.std())


def mean_pole_f1(predicted: np.ndarray, gold: np.ndarray, poles: Sequence[str]) -> float:
    """The mean F1 of the two poles of two label arrays (``'none'`` does not count; an
    undefined F1 counts as 0): :func:`framing.pole_f1` without its input checks."""
    scores = []
    for pole in poles:
        hits = float(np.sum((predicted == pole) & (gold == pole)))
        both = float(np.sum(predicted == pole) + np.sum(gold == pole))
        scores.append(2 * hits / both if both else 0.0)
    return float(np.mean(scores))


#: A prior: its texts, their labels and the weight of each of its sentences.
_Prior = tuple[list[str], np.ndarray, float]


def _fit_with_prior(
    pipeline: Pipeline, texts: list[str], labels: np.ndarray, prior: _Prior
) -> Pipeline:
    """Fit ``pipeline`` on the sentences and the prior's, the prior's with their weight."""
    prior_texts, prior_labels, weight = prior
    if not prior_texts:
        return pipeline.fit(texts, labels)
    weights = np.concatenate([np.ones(len(texts)), np.full(len(prior_texts), weight)])
    return pipeline.fit(
        [*texts, *prior_texts],
        np.concatenate([labels, prior_labels]),
        model__sample_weight=weights,
    )


def _out_of_fold(
    pipeline: Pipeline,
    texts: list[str],
    labels: np.ndarray,
    classes: np.ndarray,
    splits: Sequence[tuple[np.ndarray, np.ndarray]],
    prior: _Prior,
) -> np.ndarray:
    """Logits of every sentence from a copy of ``pipeline`` fitted on the other folds (and
    the whole prior), one column per class of ``classes``. A class absent from a fold's
    training part gets a logit far below the others (probability near 0) for that fold's
    sentences."""
    out = np.zeros((len(texts), len(classes)))
    for train, test in splits:
        fold_labels = labels[train]
        block = np.empty((len(test), len(classes)))
        seen = np.unique(np.concatenate([fold_labels, prior[1]]).astype(str))
        if seen.size >= 2:
            model = _fit_with_prior(clone(pipeline), [texts[i] for i in train], fold_labels, prior)
            logits = _as_logits(model.decision_function([texts[i] for i in test]))
            block[:] = logits.min() - 20.0
            block[:, np.searchsorted(classes, seen)] = logits
        else:  # a fold with a single class: that class, surely
            block[:] = -20.0
            block[:, int(np.searchsorted(classes, seen[0]))] = 0.0
        out[test] = block
    return out


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


# --------------------------------------------------------------------------- saving and loading

#: What the first line of a model file's description says it is.
MODEL_FORMAT = "framing-model"
_FORMAT_VERSION = 2
#: The versions :func:`load_model` reads: 1 before the rule and cue features and the override
#: (its lexicon features are the five of ``rules=False``; the lexicon's poles always stand).
_READABLE_VERSIONS = (1, 2)
_META = "meta"
#: The parts of a saved FrameClassifier, by name: the only types a model file may name. These are
#: the names files have always carried (the module was `framing.classify`), not import paths.
_PARTS = {
    "words": "sklearn.feature_extraction.text.TfidfVectorizer",
    "characters": "sklearn.feature_extraction.text.TfidfVectorizer",
    "lexicon": "framing.classify.LexiconFeatures",
    "model": "sklearn.linear_model.LogisticRegression",
}
_ESTIMATOR = "framing.classify.FrameClassifier"
_ARRAYS = (
    "words_vocabulary", "words_idf", "characters_vocabulary", "characters_idf",
    "model_coef", "model_intercept",
)  # fmt: skip
_ZIP_MAGIC = b"PK\x03\x04"
#: How to rebuild the bundled models (said by every error about them).
REBUILD_COMMAND = "python -m framing._build_model"


def lexicon_sha256(lexicon: str | os.PathLike[str] | Lexicon) -> str:
    """The SHA-256 of a lexicon's content: its axes, cues, actors, dyad, rules and metadata.

    Where the lexicon was read from does not count, so a copy of a file hashes as the file.
    A saved model records the hash of the lexicon it was trained with; :func:`load_model`
    refuses a lexicon with another hash, whose cue features would mean something else.

    Examples
    --------
    >>> lexicon_sha256("relationship") == lexicon_sha256(load_lexicon("relationship"))
    True
    """
    lex = load_lexicon(lexicon)
    content = {f.name: getattr(lex, f.name) for f in dataclasses.fields(lex) if f.name != "path"}
    text = json.dumps(_plain(content), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """Dataclasses, tuples, sets and mappings as JSON values, in a fixed order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def _json_array(meta: dict[str, Any]) -> np.ndarray:
    text = json.dumps(meta, sort_keys=True, ensure_ascii=False)
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _lexicon_source(lex: Lexicon) -> str | None:
    """The name of the built-in lexicon with this content, which a reader can load again;
    None for any other lexicon (then :func:`load_model` needs it given)."""
    if lex.name in builtin_lexicons() and lexicon_sha256(lex) == lexicon_sha256(lex.name):
        return lex.name
    return None


def _payload(model: FrameClassifier) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """A fitted classifier as a JSON description and plain arrays (no object arrays)."""
    lex = model.pipeline_.named_steps["features"].transformer_list[2][1].lexicon_
    union = dict(model.pipeline_.named_steps["features"].transformer_list)
    regression = model.pipeline_.named_steps["model"]
    arrays: dict[str, np.ndarray] = {}
    for part in ("words", "characters"):
        vectorizer = union[part]
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        arrays[f"{part}_vocabulary"] = np.asarray(terms, dtype=np.str_)
        arrays[f"{part}_idf"] = np.asarray(vectorizer.idf_, dtype=np.float64)
    arrays["model_coef"] = np.asarray(regression.coef_, dtype=np.float64)
    arrays["model_intercept"] = np.asarray(regression.intercept_, dtype=np.float64)
    random_state = model.random_state
    meta: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "format_version": _FORMAT_VERSION,
        "estimator": _ESTIMATOR,
        "parts": dict(_PARTS),
        "params": {
            "axis": model.axis,
            "C": float(model.C),
            "ngram_range": [int(v) for v in model.ngram_range],
            "char_ngram_range": [int(v) for v in model.char_ngram_range],
            "lexicon_weight": float(model.lexicon_weight),
            "threshold": model.threshold if model.threshold == "auto" else float(model.threshold),
            "prefer_lexicon": bool(model.prefer_lexicon),
            "cv": int(model.cv),
            "random_state": int(random_state) if _is_integer(random_state) else None,
            "prior": model.prior if isinstance(model.prior, str) or model.prior is None
            else "given",
            "prior_weight": float(model.prior_weight),
            "rule_features": bool(model.rule_features),
            "cue_features": bool(model.cue_features),
            "override": model.override if model.override == "auto" else float(model.override),
        },
        "lexicon": {
            "source": _lexicon_source(lex),
            "name": lex.name,
            "version": lex.version,
            "sha256": lexicon_sha256(lex),
        },
        "fitted": {
            "classes": [str(c) for c in model.classes_],
            "poles": list(model.poles_),
            "temperature": float(model.temperature_),
            "threshold": float(model.threshold_),
            "override": float(model.override_),
            "decision": model.decision_,
            "calibration_folds": int(model.calibration_folds_),
            "n_train": int(model.n_train_),
            "n_prior": int(model.n_prior_),
        },
    }
    if model.concept_features:
        # Written only when on, so that the files of models without them keep their content.
        meta["params"]["concept_features"] = True
        meta["fitted"]["concept_families_sha256"] = _concept_families_sha256()
    return meta, arrays


def _payload_sha256(meta: dict[str, Any], arrays: Mapping[str, np.ndarray]) -> str:
    """SHA-256 of the fitted parameters: the description and every array, in a fixed order."""
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}:{array.dtype.str}:{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def load_model(
    path: str | os.PathLike[str],
    *,
    lexicon: str | os.PathLike[str] | Lexicon | None = None,
) -> FrameClassifier:
    """Read a model written by :meth:`FrameClassifier.save`; no code in the file is run.

    The file must be a ``.npz`` archive of plain arrays (read with ``allow_pickle=False``) and a
    JSON description naming only the parts a :class:`FrameClassifier` is made of. Anything
    else is refused before a model is built: a pickle or joblib file, an archive holding
    Python objects, a description naming other types or another format version.

    Parameters
    ----------
    path : str or os.PathLike
        The model file.
    lexicon : str, path, Lexicon or None, default=None
        The lexicon the model was trained with. Default: the built-in lexicon it names; a
        model trained with a lexicon file or object needs it here. Its content hash must be
        the one recorded in the file.

    Returns
    -------
    FrameClassifier
        Fitted, as saved; ``source_`` holds the file's name (for the notes of comparisons).

    Raises
    ------
    ModelError
        Not a framing model file, a pickle, untrusted or malformed contents, or a lexicon
        whose content hash differs from the one the model was trained with (the message says
        to pass the right one, or to train again), or concept families other than this
        framing's (``concept_features=True``: train again).
    CorpusError
        The file cannot be read.

    Examples
    --------
    See :meth:`FrameClassifier.save`.
    """
    source = Path(path)
    meta, arrays = _read_model_file(source)
    params = meta["params"]
    info = meta["lexicon"]
    if lexicon is None:
        if info["source"] is None:
            raise ModelError(
                f"{source}: the model was trained with the lexicon {info['name']!r} "
                f"{info['version']} from a file or object; pass it: "
                "load_model(path, lexicon=...)",
                path=str(source),
            )
        lexicon = str(info["source"])
    lex = load_lexicon(lexicon)
    found = lexicon_sha256(lex)
    if found != info["sha256"]:
        raise ModelError(
            f"{source}: the model was trained with lexicon {info['name']!r} {info['version']} "
            f"(content sha256 {info['sha256'][:12]}), but the lexicon given is "
            f"{lex.name!r} {lex.version} (sha256 {found[:12]}): its cue features would mean "
            "something else. Pass the lexicon it was trained with, or train the model again "
            "with this one.",
            path=str(source),
        )
    fitted = meta.get("fitted")
    recorded = fitted.get("concept_families_sha256") if isinstance(fitted, dict) else None
    if params.get("concept_features") and recorded != _concept_families_sha256():
        raise ModelError(
            f"{source}: the model was trained with concept families that are not this "
            "framing's (data/concept_families.toml): its concept features would mean something "
            "else. Train it again with this framing.",
            path=str(source),
        )
    model = FrameClassifier(
        axis=params["axis"],
        lexicon=lexicon,
        C=params["C"],
        ngram_range=tuple(params["ngram_range"]),
        char_ngram_range=tuple(params["char_ngram_range"]),
        lexicon_weight=params["lexicon_weight"],
        threshold=params["threshold"],
        prefer_lexicon=bool(params.get("prefer_lexicon", False)),
        cv=params["cv"],
        random_state=params["random_state"],
        # The prior is training data only; a model fitted with one given as data refits
        # without it (files written before the prior have none).
        prior=PRIOR_BUILTIN if params.get("prior") == PRIOR_BUILTIN else None,
        prior_weight=params.get("prior_weight", PRIOR_WEIGHT),
        # Version 1 files: five lexicon columns per pole, no cue columns, no override.
        rule_features=bool(params.get("rule_features", False)),
        cue_features=bool(params.get("cue_features", False)),
        override=params.get("override", 1.0),
        concept_features=bool(params.get("concept_features", False)),
    )
    try:
        _rebuild(model, lex, meta, arrays)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ModelError(f"{source}: malformed model file: {exc}", path=str(source)) from exc
    model.source_ = source.name
    return model


def _read_model_file(source: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The description and arrays of a model file, refusing anything but plain data."""
    try:
        with open(source, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise CorpusError(f"{source}: cannot read the model file: {exc}", path=source) from exc
    if head[:1] == b"\x80" or source.suffix.lower() in {".pkl", ".pickle", ".joblib"}:
        raise ModelError(
            f"{source}: a pickle or joblib file; framing refuses to load it, since loading a "
            "pickle runs whatever code it holds. Save models with FrameClassifier.save().",
            path=str(source),
        )
    if head != _ZIP_MAGIC:
        raise ModelError(
            f"{source}: not a framing model file (expected one written by "
            "FrameClassifier.save()).",
            path=str(source),
        )
    try:
        with np.load(source, allow_pickle=False) as archive:
            names = set(archive.files)
            if _META not in names:
                raise ModelError(
                    f"{source}: not a framing model file (no description).", path=str(source)
                )
            meta = json.loads(archive[_META].tobytes().decode("utf-8"))
            _check_meta(meta, source)
            unknown = names - {_META, *_ARRAYS}
            missing = set(_ARRAYS) - names
            if unknown or missing:
                raise ModelError(
                    f"{source}: unexpected contents (unknown: {sorted(unknown)}, missing: "
                    f"{sorted(missing)}); refused.",
                    path=str(source),
                )
            arrays = {name: archive[name] for name in _ARRAYS}
    except ModelError:
        raise
    except ValueError as exc:  # object arrays need pickle: refused by allow_pickle=False
        raise ModelError(
            f"{source}: holds Python objects, which only pickle could read; refused without "
            f"loading them ({exc}).",
            path=str(source),
        ) from exc
    except (OSError, EOFError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{source}: damaged model file: {exc}", path=str(source)) from exc
    return meta, arrays


def _check_meta(meta: Any, source: Path) -> None:
    """Refuse a description that is not exactly what :func:`_payload` writes."""
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"{source}: not a framing model file.", path=str(source))
    if meta.get("format_version") not in _READABLE_VERSIONS:
        raise ModelError(
            f"{source}: model format version {meta.get('format_version')!r}; this framing "
            f"reads versions {', '.join(map(str, _READABLE_VERSIONS))}. Save the model again "
            "with the framing that reads it, or train it again with this one.",
            path=str(source),
        )
    named = {"estimator": meta.get("estimator"), **(meta.get("parts") or {})}
    expected = {"estimator": _ESTIMATOR, **_PARTS}
    untrusted = sorted(
        f"{key}={value!r}" for key, value in named.items() if expected.get(key) != value
    )
    if untrusted or set(named) != set(expected):
        raise ModelError(
            f"{source}: the file names types framing does not trust "
            f"({', '.join(untrusted) or 'parts missing'}); refused without loading them. "
            "Only models written by FrameClassifier.save() can be loaded.",
            path=str(source),
        )
    for key in ("params", "lexicon", "fitted"):
        if not isinstance(meta.get(key), dict):
            raise ModelError(f"{source}: malformed model file (no {key!r}).", path=str(source))


def _rebuild(
    model: FrameClassifier, lex: Lexicon, meta: dict[str, Any], arrays: dict[str, np.ndarray]
) -> None:
    """Set the learned state of ``model`` from a file's description and arrays."""
    fitted = meta["fitted"]
    model._check_params()
    pipeline = model._make_pipeline()
    union = dict(pipeline.named_steps["features"].transformer_list)
    for part in ("words", "characters"):
        vectorizer = union[part]
        terms = arrays[f"{part}_vocabulary"]
        if terms.dtype.kind != "U" or arrays[f"{part}_idf"].shape != terms.shape:
            raise ValueError(f"{part}: vocabulary and weights do not match")
        vectorizer.vocabulary_ = {str(term): i for i, term in enumerate(terms.tolist())}
        vectorizer.fixed_vocabulary_ = False
        vectorizer.idf_ = arrays[f"{part}_idf"].astype(np.float64)
    union["lexicon"].fit([])
    regression = pipeline.named_steps["model"]
    classes = np.asarray(fitted["classes"], dtype=object)
    coef = arrays["model_coef"].astype(np.float64)
    n_features = sum(arrays[f"{part}_idf"].size for part in ("words", "characters")) + len(
        union["lexicon"].feature_names_
    )
    rows = 1 if classes.size == 2 else classes.size
    if coef.shape != (rows, n_features) or arrays["model_intercept"].shape != (rows,):
        raise ValueError(f"coefficients of shape {coef.shape}, expected {(rows, n_features)}")
    regression.coef_ = coef
    regression.intercept_ = arrays["model_intercept"].astype(np.float64)
    regression.classes_ = classes
    regression.n_features_in_ = n_features
    regression.n_iter_ = np.zeros(1, dtype=np.int32)
    allowed = {*lex.poles[model.axis], NONE}
    if not set(fitted["classes"]) <= allowed or tuple(fitted["poles"]) != lex.poles[model.axis]:
        raise ValueError(f"labels {fitted['classes']} are not those of axis {model.axis!r}")
    model.pipeline_ = pipeline
    model.classes_ = classes
    model.poles_ = tuple(fitted["poles"])
    model.temperature_ = float(fitted["temperature"])
    # Files written before threshold='auto' record only the threshold they were given.
    model.threshold_ = float(fitted.get("threshold", meta["params"]["threshold"]))
    if not 0.0 <= model.threshold_ <= 1.0:
        raise ValueError(f"threshold {model.threshold_} is not a probability")
    # Files written before the threshold on poles apply theirs to the most probable label.
    model.decision_ = str(fitted.get("decision", "label"))
    if model.decision_ not in ("pole", "label"):
        raise ValueError(f"decision {model.decision_!r} is not 'pole' nor 'label'")
    model.override_ = float(fitted.get("override", 1.0))
    if not 0.0 < model.override_ <= 1.0:
        raise ValueError(f"override {model.override_} is not a probability above 0")
    model.calibration_folds_ = int(fitted["calibration_folds"])
    model.n_train_ = int(fitted["n_train"])
    model.n_prior_ = int(fitted.get("n_prior", 0))


# --------------------------------------------------------------------------- any text model


def model_info(model: Any) -> dict[str, Any]:
    """What the notes of a comparison say about a model: name, training size, content hash.

    Parameters
    ----------
    model : FrameClassifier or any fitted text classifier

    Returns
    -------
    dict
        ``name`` (the file's name for a loaded model, else the class, e.g.
        ``'FrameClassifier(power)'`` or ``'Pipeline(tfidf, clf)'``), ``n_train`` (training
        sentences, None when the model does not say), ``sha256`` (of a FrameClassifier's
        fitted parameters as :meth:`FrameClassifier.save` writes them, so a model and its
        saved copy agree; of another model's class, parameters and fitted attributes (those
        ending in ``_``) otherwise).

    Examples
    --------
    >>> info = model_info(bundled_classifier("power"))
    >>> info["name"], info["n_train"] > 100, len(info["sha256"])
    ('bundled_power.model', True, 64)
    """
    if isinstance(model, FrameClassifier):
        check_is_fitted(model, "pipeline_")
        meta, arrays = _payload(model)
        name = getattr(model, "source_", None) or f"FrameClassifier({model.axis})"
        content = _payload_sha256(meta, arrays)
        return {"name": name, "n_train": int(model.n_train_), "sha256": content}
    if isinstance(model, Pipeline):
        name = f"Pipeline({', '.join(step for step, _ in model.steps)})"
    else:
        name = type(model).__name__
    n_train = getattr(model, "n_train_", None)
    digest = hashlib.sha256()
    _fingerprint(model, digest, 0)
    return {
        "name": name,
        "n_train": n_train if _is_integer(n_train) else None,
        "sha256": digest.hexdigest(),
    }


def _fingerprint(value: Any, digest: Any, depth: int) -> None:
    """Feed a model's class, parameters and fitted attributes (ending in ``_``) to ``digest``."""
    if depth > 20:
        digest.update(b"<deep>")
    elif isinstance(value, np.ndarray):
        if value.dtype == object:
            for item in value.ravel().tolist():
                _fingerprint(item, digest, depth + 1)
        else:
            digest.update(f"{value.dtype.str}{value.shape}".encode())
            digest.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        for key in sorted(value, key=repr):
            digest.update(repr(key).encode("utf-8"))
            _fingerprint(value[key], digest, depth + 1)
    elif isinstance(value, (list, tuple)):
        digest.update(f"{type(value).__name__}{len(value)}".encode())
        for item in value:
            _fingerprint(item, digest, depth + 1)
    elif isinstance(value, BaseEstimator):
        digest.update(f"{type(value).__module__}.{type(value).__qualname__}".encode())
        _fingerprint(value.get_params(deep=False), digest, depth + 1)
        fitted = {k: v for k, v in vars(value).items() if k.endswith("_") and not k.startswith("_")}
        _fingerprint(fitted, digest, depth + 1)
    elif hasattr(value, "tocsr") and hasattr(value, "data"):  # a scipy sparse matrix
        _fingerprint(value.toarray(), digest, depth + 1)
    else:
        digest.update(repr(value).encode("utf-8"))


def check_text_model(model: Any, axis: str, poles: tuple[str, str]) -> None:
    """Check that ``model`` can label sentences on ``axis``: the protocol :func:`framing.score`
    accepts.

    A text model is any fitted object with ``predict(list_of_sentences)`` returning labels and
    ``classes_`` whose labels are the axis's two poles and ``'none'`` (at least one pole):
    a :class:`FrameClassifier`, or a scikit-learn classifier or ``Pipeline`` whose first step
    takes raw sentences (``TfidfVectorizer``, an embedding transformer ...). With
    ``predict_proba`` its score is ``P(first pole) - P(second pole)``; without, +1 or -1 for
    the predicted pole.

    Raises
    ------
    ParameterError
        Not such a model, not fitted, labels of another axis, or a FrameClassifier of another
        axis.
    """
    if isinstance(model, FrameClassifier):
        check_is_fitted(model, "pipeline_")
        if model.axis != axis:
            raise ParameterError(
                "method", f"a FrameClassifier of axis {model.axis!r}", (axis,),
                f"Give the model of axis {axis!r} under the key {axis!r}, e.g. "
                f"method={{{model.axis!r}: clf}}",
            )  # fmt: skip
        return
    if not callable(getattr(model, "predict", None)):
        raise ParameterError(
            "method", type(model).__name__, "'lexicon', 'classifier', a fitted text classifier "
            "(with predict() on a list of sentences) or {axis: classifier}",
        )  # fmt: skip
    classes = getattr(model, "classes_", None)
    if classes is None:
        raise ParameterError(
            "method", f"an unfitted {type(model).__name__}", "a fitted classifier",
            "Fit it on coded sentences first (model.fit(texts, labels))",
        )  # fmt: skip
    labels = {str(c) for c in np.asarray(classes).tolist()}
    allowed = {*poles, NONE}
    if not labels <= allowed or not labels & set(poles):
        raise ParameterError(
            "method", f"a classifier with classes {sorted(labels)}",
            f"classes among {sorted(allowed)} for axis {axis!r}",
            "Train it on labels that are the axis's poles and 'none'",
        )  # fmt: skip


def predict_axis(
    model: Any, texts: Sequence[str], poles: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Labels and scores in [-1, 1] of sentences by a text model (see :func:`check_text_model`).

    Returns
    -------
    labels : numpy.ndarray of str (object)
    scores : numpy.ndarray of float
        ``P(first pole) - P(second pole)`` with ``predict_proba``, else +1/-1 for a pole and 0
        for ``'none'``.
    """
    if not texts:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.float64)
    if isinstance(model, FrameClassifier):
        return model.score_sentences(list(texts))
    labels = np.asarray([str(v) for v in np.asarray(model.predict(list(texts))).tolist()],
                        dtype=object)  # fmt: skip
    if callable(getattr(model, "predict_proba", None)):
        proba = np.asarray(model.predict_proba(list(texts)), dtype=np.float64)
        columns = {str(label): i for i, label in enumerate(np.asarray(model.classes_).tolist())}
        zeros = np.zeros(len(texts))
        first, second = (proba[:, columns[p]] if p in columns else zeros for p in poles)
        return labels, np.clip(first - second, -1.0, 1.0)
    signs = {poles[0]: 1.0, poles[1]: -1.0}
    return labels, np.asarray([signs.get(label, 0.0) for label in labels], dtype=np.float64)


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


def builtin_prior() -> pd.DataFrame:
    """The coded sentences ``FrameClassifier(prior='builtin')`` learns from before a
    researcher's coding: the built-in ``relationship`` lexicon's codebook, relevant sentences.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, doc_id, text, power, bond``; ``source`` is ``'seeds'`` (the seed
        sentences coded relevant, :func:`training_data`), ``'articles'`` (the 22 constructed
        articles of ``tests/data/constructed/articles``), ``'coverage'`` (the 24 constructed
        articles of ``tests/data/constructed/coverage``, written the way real coverage states
        frames) or ``'dev'`` (the constructed development sentences of
        ``tests/data/constructed/dev``). The constructed ones ship in
        ``framing/data/prior_coding.csv``, written by ``python -m framing._build_model``.

    Examples
    --------
    >>> prior = builtin_prior()
    >>> sorted(prior["source"].unique())
    ['articles', 'coverage', 'dev', 'seeds']
    """
    return _builtin_prior().copy()


@functools.lru_cache(maxsize=1)
def _builtin_prior() -> pd.DataFrame:
    resource = resources.files("framing") / "data" / PRIOR_FILE
    with resource.open("rb") as handle:
        constructed = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    parts = [
        _relevant_seed_sentences().assign(source="seeds"),
        constructed[["source", "doc_id", "text", "power", "bond"]],
    ]
    return pd.concat(parts, ignore_index=True)[["source", "doc_id", "text", "power", "bond"]]


def _relevant_seed_sentences() -> pd.DataFrame:
    """The seed sentences coded relevant, as ``doc_id, text, power, bond`` (the gold labels):
    what the bundled models and the built-in prior learn from the seeds."""
    seeds = training_data()
    seeds = seeds[seeds["gold_relevant"] == "yes"]
    return pd.DataFrame({"doc_id": seeds["doc_id"], "text": seeds["text"],
                         "power": seeds["gold_power"], "bond": seeds["gold_bond"]})  # fmt: skip


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
    resource = resources.files("framing") / "data" / f"bundled_{axis}.model"
    builtin = load_lexicon("relationship")
    with resources.as_file(resource) as path:
        meta, _ = _read_model_file(path)
        if meta["lexicon"]["sha256"] != lexicon_sha256(builtin):
            raise ModelError(
                f"the bundled {axis} classifier was built with another version of the "
                f"built-in lexicon 'relationship' (sha256 {meta['lexicon']['sha256'][:12]}, "
                f"now {lexicon_sha256(builtin)[:12]}); its cue features no longer mean what "
                f"they did. Rebuild the bundled models: {REBUILD_COMMAND}",
                path=resource.name,
            )
        return load_model(path)


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
        Fitted, with :data:`BUNDLED_SETTINGS` (``threshold=0.5``, ``C=1``,
        ``lexicon_weight=1``, ``prefer_lexicon=False``, ``prior=None``, the five lexicon
        columns per pole of ``rule_features=False, cue_features=False``) and the other
        defaults.

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
