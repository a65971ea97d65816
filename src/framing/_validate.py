"""Agreement of labels with human coding: precision, recall, F1, kappa, Krippendorff's alpha.

:func:`evaluate` measures predicted sentence labels (from the lexicon or the classifier) against
gold labels coded by people; :func:`krippendorff_alpha` measures agreement among any number of
coders with missing codes; :func:`cohen_kappa` and :func:`confusion_matrix` are the pieces.
Precision, recall, F1, accuracy, kappa and the confusion matrix are scikit-learn's
(:mod:`sklearn.metrics`), in its argument order ``(y_true, y_pred)``; Krippendorff's alpha is
computed with numpy from a coincidence matrix.

Undefined ratios never raise: precision is NaN for a label that is never predicted, recall is NaN
for a label absent from the gold labels, F1 is NaN only for a label absent from both, and macro
averages skip NaN values (scikit-learn's ``zero_division=np.nan``). Kappa and alpha are NaN when
the chance agreement is perfect (a single label used throughout) or when there is no data.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeAlias, TypeVar, cast

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.exceptions import UndefinedMetricWarning

from ._classify import NONE, FrameClassifier, mean_pole_f1
from ._lexicon import Lexicon, load_lexicon
from ._plain import shown, shown_list
from ._random import as_generator
from ._validation import check_int, check_real
from .errors import FramingWarning, InputError, InsufficientDataError, ParameterError

__all__ = [
    "evaluate",
    "confusion_matrix",
    "cohen_kappa",
    "krippendorff_alpha",
    "learning_curve",
    "pole_f1",
    "MACRO",
]

#: The ``label`` of the summary row of :func:`evaluate`.
MACRO = "macro"

_EVALUATE_COLUMNS = (
    "label",
    "precision",
    "recall",
    "f1",
    "support",
    "accuracy",
    "kappa",
    "alpha",
    "n",
)
_LEVELS = ("nominal", "ordinal", "interval", "ratio")

#: One label per item: a sequence, or a Series (two Series are matched by their index).
Labels: TypeAlias = Iterable[Any] | pd.Series
#: The labels to report, in this order; None for every label that occurs, sorted.
LabelOrder: TypeAlias = Sequence[Any] | None
_Metric = TypeVar("_Metric", bound=Callable[..., Any])
# Series names that show which labels are predictions (framing's `<axis>_label` and
# `<axis>_predicted` columns) and which are the reference, for calls in the order of framing 0.1.
_PREDICTED_NAMES = frozenset({"predicted", "prediction", "predictions", "pred", "y_pred"})
_TRUE_NAMES = frozenset({"gold", "true", "truth", "y_true", "reference", "coded"})
_CODER_NAMES = {"a": "y1", "b": "y2"}  # cohen_kappa's keywords in framing 0.1 -> now


def _sklearn_order(function: _Metric) -> _Metric:
    """Read ``(y_true, y_pred)``, scikit-learn's order; keep framing 0.1's calls working.

    Before, the metric took ``(predicted, gold)``. Calls with those keywords, and positional
    calls whose Series names show the old order, are translated with a FutureWarning. Positional
    calls that do not show their order are read as ``(y_true, y_pred)``, also with a
    FutureWarning, since the same call meant the reverse before.
    """
    name = function.__name__
    write = f"write {name}(y_true=gold, y_pred=predicted)"

    @functools.wraps(function)
    def metric(*args: Any, **kwargs: Any) -> Any:
        old: dict[str, Any] = {k: kwargs.pop(k) for k in ("predicted", "gold") if k in kwargs}
        if old:
            positional = ("predicted", "gold")[: len(args)]
            bound: dict[str, Any] = dict(zip(positional, args[:2], strict=True))
            if len(args) > 2 or {"y_true", "y_pred"} & set(kwargs) or set(positional) & set(old):
                raise TypeError(f"{name}() takes y_true and y_pred; {write}")
            bound.update(old)
            if len(bound) != 2:
                raise TypeError(f"{name}() takes y_true and y_pred; {write}")
            _warn(f"{name}(predicted=..., gold=...) is deprecated: {write}, scikit-learn's order")
            return function(bound["gold"], bound["predicted"], **kwargs)
        if len(args) >= 2:
            first, second = args[0], args[1]
            if _looks_predicted(first) or _looks_true(second):
                _warn(
                    f"{name}() takes (y_true, y_pred), scikit-learn's order; the Series names "
                    f"show the predictions first, as framing 0.1 took them, and they are read "
                    f"so: {write}"
                )
                return function(second, first, *args[2:], **kwargs)
            if not (_looks_true(first) or _looks_predicted(second)):
                _warn(
                    f"{name}() reads positional arguments as (y_true, y_pred), scikit-learn's "
                    "order; framing 0.1 read them as (predicted, gold). Pass them by keyword "
                    f"to confirm the order and silence this warning: {write}"
                )
        return function(*args, **kwargs)

    return cast(_Metric, metric)


def _looks_predicted(values: Any) -> bool:
    """A Series named as predictions: ``predicted``, ``y_pred``, ``power_label`` ..."""
    name = _series_name(values)
    return name in _PREDICTED_NAMES or name.endswith(("_label", "_predicted"))


def _looks_true(values: Any) -> bool:
    """A Series named as reference labels: ``gold``, ``y_true``, ``gold_power`` ..."""
    name = _series_name(values)
    return name in _TRUE_NAMES or name.startswith("gold")


def _series_name(values: Any) -> str:
    name = values.name if isinstance(values, pd.Series) else None
    return name.lower() if isinstance(name, str) else ""


def _renamed_coders(function: _Metric) -> _Metric:
    """``cohen_kappa(y1, y2)``, scikit-learn's names; ``a=`` and ``b=`` warn and still work."""

    @functools.wraps(function)
    def metric(*args: Any, **kwargs: Any) -> Any:
        old = [key for key in _CODER_NAMES if key in kwargs]
        if old:
            if any(_CODER_NAMES[key] in kwargs for key in old):
                raise TypeError("cohen_kappa() takes y1 and y2, not also a or b")
            given = ", ".join(f"{key}=..." for key in old)
            wanted = ", ".join(f"{_CODER_NAMES[key]}=..." for key in old)
            _warn(f"cohen_kappa({given}) is deprecated: write cohen_kappa({wanted})")
        return function(*args, **{_CODER_NAMES.get(k, k): v for k, v in kwargs.items()})

    return cast(_Metric, metric)


def _warn(message: str) -> None:
    warnings.warn(message, FutureWarning, stacklevel=3)


@_sklearn_order
def evaluate(y_true: Labels, y_pred: Labels, *, labels: LabelOrder = None) -> pd.DataFrame:
    """Precision, recall and F1 per label, their macro averages, accuracy, kappa and alpha.

    Parameters
    ----------
    y_true : sequence or pandas.Series
        The reference labels, coded by people (one per item).
    y_pred : sequence or pandas.Series
        The labels to evaluate for the same items (e.g. the ``power_label`` of each sentence).
        When both are Series they are matched by index (the order may differ); otherwise by
        position.
    labels : sequence, optional
        The labels to report, in this order (e.g. ``("equal", "junior", "none")``). Labels listed
        but never used get a row with support 0. Default: every label that occurs, sorted.

    Returns
    -------
    pandas.DataFrame
        One row per label, then a row labelled ``"macro"``, with columns:

        - ``label``: the label, or ``"macro"``;
        - ``precision``, ``recall``, ``f1`` (float): per label; on the macro row, their unweighted
          means over the labels where they are defined;
        - ``support`` (int): items with this true label; on the macro row, all items;
        - ``accuracy``, ``kappa``, ``alpha`` (float): share of items where the labels agree,
          Cohen's kappa and Krippendorff's alpha (nominal, the two label sets taken as two
          coders), the same on every row;
        - ``n`` (int): the number of items, the same on every row.

        Empty input gives the same columns, NaN measures and ``n`` 0.

    Raises
    ------
    InputError
        If the two have different lengths (the message gives both), two Series have different
        ids (the message names the first one missing), a label is missing (None/NaN) or not
        hashable, or labels occur that are not in ``labels`` (the message lists them).
    ParameterError
        If ``labels`` repeats a label or uses the name ``"macro"``.

    Warns
    -----
    FutureWarning
        For the argument order of framing 0.1, ``evaluate(predicted, gold)``: with the keywords
        ``predicted=`` and ``gold=``, with two positional Series whose names show the old
        order (predictions first, such as ``power_label``), which are then read in that order,
        and with two positional arguments that do not show their order, which are read as
        ``(y_true, y_pred)``. Write ``evaluate(y_true=gold, y_pred=predicted)``.

    See Also
    --------
    confusion_matrix, cohen_kappa, krippendorff_alpha
    sklearn.metrics.precision_recall_fscore_support : the per-label measures.

    Notes
    -----
    From the confusion matrix with ``tp`` (items where both say the label), ``n_pred`` and
    ``n_true`` (items each says it): ``precision = tp / n_pred``, ``recall = tp / n_true``,
    ``f1 = 2 tp / (n_pred + n_true)``. A ratio whose denominator is 0 is NaN and is skipped in
    the macro average, so a label that is never predicted has NaN precision, recall 0 and F1 0
    when it occurs in the true labels. This is scikit-learn's ``zero_division=np.nan``.

    Examples
    --------
    Constructed labels:

    >>> gold = ["equal", "equal", "junior", "none", "none", "none"]
    >>> predicted = ["equal", "none", "junior", "none", "none", "junior"]
    >>> evaluate(y_true=gold, y_pred=predicted).round(3)
        label  precision  recall     f1  support  accuracy  kappa  alpha  n
    0   equal      1.000   0.500  0.667        2     0.667  0.478  0.511  6
    1  junior      0.500   1.000  0.667        1     0.667  0.478  0.511  6
    2    none      0.667   0.667  0.667        3     0.667  0.478  0.511  6
    3   macro      0.722   0.722  0.667        6     0.667  0.478  0.511  6
    """
    true, pred, names = _checked(y_true, y_pred, labels)
    if any(isinstance(x, str) and x == MACRO for x in names):
        raise ParameterError(
            "labels", labels, "labels other than 'macro', the name of the summary row"
        )
    k = len(names)
    table = _confusion(true, pred, k)
    n = int(table.sum())
    if n:
        precision, recall, f1, _ = metrics.precision_recall_fscore_support(
            true, pred, labels=np.arange(k), average=None, zero_division=np.nan
        )
        accuracy = float(metrics.accuracy_score(true, pred))
    else:
        precision = recall = f1 = np.full(k, np.nan)
        accuracy = float("nan")
    kappa = _kappa(true, pred, k)
    alpha = _alpha_nominal_two_coders(table)
    return pd.DataFrame(
        {
            "label": pd.array([*names, MACRO], dtype=object),
            "precision": np.append(precision, _nanmean(precision)),
            "recall": np.append(recall, _nanmean(recall)),
            "f1": np.append(f1, _nanmean(f1)),
            "support": np.append(table.sum(axis=1), n).astype(np.int64),
            "accuracy": np.full(k + 1, accuracy),
            "kappa": np.full(k + 1, kappa),
            "alpha": np.full(k + 1, alpha),
            "n": np.full(k + 1, n, dtype=np.int64),
        },
        columns=list(_EVALUATE_COLUMNS),
    )


@_sklearn_order
def confusion_matrix(y_true: Labels, y_pred: Labels, *, labels: LabelOrder = None) -> pd.DataFrame:
    """Counts of items by true label (rows) and predicted label (columns).

    Parameters
    ----------
    y_true, y_pred : sequence or pandas.Series
        As in :func:`evaluate`.
    labels : sequence, optional
        Row and column labels, in this order. Default: every label that occurs, sorted.

    Returns
    -------
    pandas.DataFrame
        Integer counts (:func:`sklearn.metrics.confusion_matrix`); index named ``gold``,
        columns named ``predicted``.

    Raises
    ------
    InputError
        As :func:`evaluate`.
    ParameterError
        If ``labels`` repeats a label.

    Warns
    -----
    FutureWarning
        For the argument order of framing 0.1, ``confusion_matrix(predicted, gold)``, as in
        :func:`evaluate`.

    Examples
    --------
    >>> confusion_matrix(y_true=["a", "a", "b"], y_pred=["a", "b", "b"])
    predicted  a  b
    gold
    a          1  1
    b          0  1
    """
    true, pred, names = _checked(y_true, y_pred, labels)
    index = pd.Index(names, dtype=object)
    return pd.DataFrame(
        _confusion(true, pred, len(names)),
        index=index.rename("gold"),
        columns=index.rename("predicted"),
    )


@_renamed_coders
def cohen_kappa(y1: Labels, y2: Labels) -> float:
    """Cohen's kappa between two codings of the same items.

    Parameters
    ----------
    y1, y2 : sequence or pandas.Series
        The two codings (the order does not matter); two Series are matched by index, anything
        else by position.

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``, with ``p_o`` the observed share of agreement and ``p_e`` the
        agreement expected from each coding's own label distribution
        (:func:`sklearn.metrics.cohen_kappa_score`). NaN when there are no items or ``p_e = 1``
        (both codings use one and the same label throughout).

    Raises
    ------
    InputError
        As :func:`evaluate`.

    Warns
    -----
    FutureWarning
        For the keywords of framing 0.1, ``a=`` and ``b=``; write ``y1=`` and ``y2=``.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.

    Examples
    --------
    >>> round(cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]), 3)
    0.5
    """
    first, second = _pair(y1, y2, ("y1", "y2"))
    names = _labels(None, first, second, ("y1", "y2"))
    return _kappa(_codes(first, names), _codes(second, names), len(names))


def krippendorff_alpha(
    reliability_data: Any,
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> float:
    """Krippendorff's alpha for any number of coders, with missing codes.

    Parameters
    ----------
    reliability_data : 2-D array-like or pandas.DataFrame
        Coders in rows, units (items) in columns; None, NaN or pandas.NA mark a missing code.
        Codes may be of any hashable type for ``level="nominal"``, sortable for ``"ordinal"``
        and numbers for ``"interval"`` and ``"ratio"``.
    level : {"nominal", "ordinal", "interval", "ratio"}, default="nominal"
        The level of measurement, which sets the difference function.

    Returns
    -------
    float
        ``1 - D_o / D_e``: 1 for perfect agreement, 0 for agreement at chance level, negative
        below it. NaN when fewer than two codes are pairable (in units with at least two codes)
        or the pairable codes show no variation (``D_e = 0``).

    Raises
    ------
    InputError
        If the data are not 2-D, or hold codes that ``level`` cannot use.
    ParameterError
        If ``level`` is not one of the four levels.

    Notes
    -----
    With ``n_uc`` the number of coders who gave code ``c`` to unit ``u`` and ``m_u = sum_c n_uc``,
    only units with ``m_u >= 2`` count. The coincidence matrix is
    ``o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)``, with margins ``n_c = sum_k o_ck`` and
    ``n = sum_c n_c``, and

    .. math::

        \\alpha = 1 - (n - 1) \\frac{\\sum_{c,k} o_{ck} \\, \\delta^2_{ck}}
                                    {\\sum_{c,k} n_c n_k \\, \\delta^2_{ck}}

    with ``delta^2`` 0/1 for nominal codes, ``(c - k)^2`` for interval, ``((c - k)/(c + k))^2``
    for ratio and, for ordinal, ``(sum_{g=c..k} n_g - (n_c + n_k)/2)^2`` over codes in order.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    Communication, University of Pennsylvania.

    Examples
    --------
    Three coders, four units, one code missing:

    >>> data = [["a", "a", "b", "b"],
    ...         ["a", "a", "b", None],
    ...         ["a", "b", "b", "b"]]
    >>> round(krippendorff_alpha(data), 3)
    0.667
    """
    if level not in _LEVELS:
        raise ParameterError("level", level, _LEVELS)
    values = _reliability_matrix(reliability_data)
    missing = np.asarray(pd.isna(values), dtype=bool)
    coder_idx, unit_idx = np.nonzero(~missing)
    codes_raw = values[coder_idx, unit_idx]
    if codes_raw.size == 0:
        return float("nan")
    uniques, codes = _code_values(codes_raw, level)
    n_units = values.shape[1]
    counts = np.bincount(unit_idx * uniques.size + codes, minlength=n_units * uniques.size).reshape(
        n_units, uniques.size
    )
    coincidence = _coincidence(counts.astype(np.float64))
    return _alpha(coincidence, _distance(level, uniques, coincidence.sum(axis=1)))


# --------------------------------------------------------------------------- helpers


def _pair(x: Any, y: Any, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Two label sequences as aligned object arrays; Series matched by index."""
    for value, name in zip((x, y), names, strict=True):
        if isinstance(value, (str, bytes)):
            raise InputError(f"{name} must be a sequence of labels, not a single string {value!r}.")
        if isinstance(value, pd.DataFrame):
            raise InputError(f"{name} must be a sequence or a Series of labels, not a DataFrame.")
    x_s = x if isinstance(x, pd.Series) else None
    y_s = y if isinstance(y, pd.Series) else None
    x_arr = x_s.to_numpy(dtype=object) if x_s is not None else _as_objects(x, names[0])
    y_arr = y_s.to_numpy(dtype=object) if y_s is not None else _as_objects(y, names[1])
    if x_arr.size != y_arr.size:
        raise InputError(
            f"{names[0]} and {names[1]} have different lengths: {x_arr.size} and {y_arr.size}; "
            "they must label the same items."
        )
    ids: pd.Index | None = None
    if x_s is not None and y_s is not None:
        for series, name in ((x_s, names[0]), (y_s, names[1])):
            if not series.index.is_unique:
                dup = series.index[series.index.duplicated()][0]
                raise InputError(f"{name} has the id {shown(dup)} more than once.")
        if not x_s.index.equals(y_s.index):
            only_y = y_s.index[~y_s.index.isin(x_s.index)]
            only_x = x_s.index[~x_s.index.isin(y_s.index)]
            if only_y.size:
                raise InputError(
                    f"{names[0]} and {names[1]} are not aligned: id {shown(only_y[0])} is in "
                    f"{names[1]} but not in {names[0]} ({only_y.size} such ids)."
                )
            if only_x.size:
                raise InputError(
                    f"{names[0]} and {names[1]} are not aligned: id {shown(only_x[0])} is in "
                    f"{names[0]} but not in {names[1]} ({only_x.size} such ids)."
                )
            x_arr = x_s.reindex(y_s.index).to_numpy(dtype=object)
        ids = y_s.index
    for arr, name in ((x_arr, names[0]), (y_arr, names[1])):
        missing = np.asarray(pd.isna(arr), dtype=bool)
        if missing.any():
            first = int(np.flatnonzero(missing)[0])
            where = f"id {shown(ids[first])}" if ids is not None else f"position {first}"
            raise InputError(
                f"{name} has {int(missing.sum())} missing labels, the first at {where}; "
                "drop those items or give them a label such as 'none'."
            )
    return x_arr, y_arr


def _as_objects(values: Any, name: str) -> np.ndarray:
    """Any iterable of labels as a 1-D object array."""
    try:
        items = list(values)
    except TypeError as exc:
        raise InputError(
            f"{name} must be a sequence of labels; got {type(values).__name__}."
        ) from exc
    arr = np.empty(len(items), dtype=object)
    arr[:] = items
    return arr


def _sorted_unique(values: np.ndarray) -> list[Any]:
    """Distinct values, sorted (by their text when they cannot be compared)."""
    try:
        distinct = pd.unique(pd.Series(values, dtype=object)).tolist()
    except TypeError as exc:
        raise InputError(f"labels must be hashable values such as strings: {exc}") from exc
    try:
        return sorted(distinct)
    except TypeError:
        return sorted(distinct, key=lambda v: (type(v).__name__, str(v)))


def _labels(
    labels: Sequence[Any] | None, x: np.ndarray, y: np.ndarray, names: tuple[str, str]
) -> list[Any]:
    """The label set: ``labels`` checked against the data, or every label that occurs."""
    if labels is None:
        return _sorted_unique(np.concatenate([x, y]))
    if isinstance(labels, (str, bytes)):
        raise ParameterError("labels", labels, "a sequence of labels, e.g. ('equal', 'junior')")
    listed = list(labels)
    try:
        index = pd.Index(listed, dtype=object)
        unique = index.is_unique
        found = [index.get_indexer(arr) >= 0 for arr in (x, y)] if unique else []
    except TypeError as exc:
        raise InputError(f"labels must be hashable values such as strings: {exc}") from exc
    if not unique:
        dup = index[index.duplicated()][0]
        raise ParameterError("labels", labels, "distinct labels", f"{shown(dup)} is listed twice")
    for arr, name, known in zip((x, y), names, found, strict=True):
        stray = arr[~known]
        if stray.size:
            stray_labels = shown_list(_sorted_unique(stray))
            raise InputError(
                f"{name} has labels that are not in labels={tuple(listed)!r}: {stray_labels}."
            )
    return listed


def _checked(
    y_true: Any, y_pred: Any, labels: Sequence[Any] | None
) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """True and predicted labels as codes into the label list, and the list."""
    pred, true = _pair(y_pred, y_true, ("y_pred", "y_true"))
    names = _labels(labels, pred, true, ("y_pred", "y_true"))
    return _codes(true, names), _codes(pred, names), names


def _codes(values: np.ndarray, names: list[Any]) -> np.ndarray:
    """Each label's position in ``names``."""
    try:
        return pd.Index(names, dtype=object).get_indexer(values)
    except TypeError as exc:
        raise InputError(f"labels must be hashable values such as strings: {exc}") from exc


def _confusion(true: np.ndarray, pred: np.ndarray, k: int) -> np.ndarray:
    """Counts of label codes, true in rows and predicted in columns."""
    if true.size == 0:
        return np.zeros((k, k), dtype=np.int64)
    with warnings.catch_warnings():  # one label in all: the labels argument keeps the shape
        warnings.filterwarnings("ignore", "A single label", UserWarning)
        return metrics.confusion_matrix(true, pred, labels=np.arange(k)).astype(np.int64)


def _nanmean(values: np.ndarray) -> float:
    """Mean of the defined values; NaN (without a warning) when there are none."""
    defined = values[~np.isnan(values)]
    return float(defined.mean()) if defined.size else float("nan")


def _kappa(first: np.ndarray, second: np.ndarray, k: int) -> float:
    """Cohen's kappa of two codings as label codes; NaN without items or when ``p_e = 1``."""
    if first.size == 0:
        return float("nan")
    with warnings.catch_warnings():  # undefined (p_e = 1) is NaN, as documented
        warnings.filterwarnings("ignore", "A single label", UserWarning)
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return float(metrics.cohen_kappa_score(first, second, labels=np.arange(k)))


def _alpha_nominal_two_coders(table: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) for two coders without missing codes."""
    coincidence = (table + table.T).astype(np.float64)  # each item gives pairs (c, k) and (k, c)
    return _alpha(coincidence, 1.0 - np.eye(table.shape[0]))


def _reliability_matrix(data: Any) -> np.ndarray:
    """Coders x units object array."""
    if isinstance(data, pd.DataFrame):
        values = data.to_numpy(dtype=object)
    elif isinstance(data, np.ndarray):
        values = data.astype(object)
    else:
        if isinstance(data, (str, bytes)):
            raise InputError("reliability_data must be a coders x units table, not a string.")
        try:
            rows = [list(row) for row in data]
        except TypeError as exc:
            raise InputError(
                "reliability_data must be a coders x units table (a list of lists, a 2-D array "
                f"or a DataFrame); got {type(data).__name__}."
            ) from exc
        widths = {len(r) for r in rows}
        if len(widths) > 1:
            raise InputError(
                f"reliability_data rows have different lengths: {sorted(widths)}; every coder "
                "needs one entry per unit (None for a missing code)."
            )
        values = np.empty((len(rows), widths.pop() if widths else 0), dtype=object)
        for i, row in enumerate(rows):  # rows are coders, a handful
            values[i, :] = row
    if values.ndim != 2:
        raise InputError(f"reliability_data must be 2-D (coders x units); got {values.ndim}-D.")
    return values


def _code_values(raw: np.ndarray, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Distinct codes (sorted unless nominal and unsortable) and each value's index."""
    if level in ("interval", "ratio"):
        try:
            numbers = raw.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"level={level!r} needs numeric codes; the data hold {_first_non_number(raw)!r}."
            ) from exc
        if level == "ratio" and (numbers < 0).any():
            raise InputError("level='ratio' needs codes >= 0.")
        uniques, codes = np.unique(numbers, return_inverse=True)
        return uniques, codes.ravel()
    try:
        codes, uniques = pd.factorize(pd.Series(raw, dtype=object), sort=True)
    except TypeError as exc:
        if level == "ordinal":
            raise InputError(
                f"level='ordinal' needs codes that can be put in order: {exc}."
            ) from exc
        codes, uniques = pd.factorize(pd.Series(raw, dtype=object), sort=False)
    return np.asarray(uniques, dtype=object), np.asarray(codes, dtype=np.int64)


def _first_non_number(raw: np.ndarray) -> Any:
    for value in raw:  # only reached on error, to name the offending code
        try:
            float(value)
        except (TypeError, ValueError):
            return value
    return raw[0]


def _coincidence(counts: np.ndarray) -> np.ndarray:
    """Coincidence matrix from unit x code counts; units with fewer than two codes drop out."""
    pairable = counts.sum(axis=1) >= 2
    counts = counts[pairable]
    weights = counts / (counts.sum(axis=1, keepdims=True) - 1.0)
    return weights.T @ counts - np.diag(weights.sum(axis=0))


def _distance(level: str, uniques: np.ndarray, n_c: np.ndarray) -> np.ndarray:
    """Squared difference ``delta^2`` between every pair of codes."""
    k = uniques.size
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        cum = np.cumsum(n_c)
        c = np.arange(k)
        lo = np.minimum(c[:, None], c[None, :])
        hi = np.maximum(c[:, None], c[None, :])
        between = cum[hi] - cum[lo] + n_c[lo]  # sum of n_g for g from lo to hi
        return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2
    v = uniques.astype(np.float64)
    diff = v[:, None] - v[None, :]
    if level == "interval":
        return diff**2
    total = v[:, None] + v[None, :]
    ratio = np.zeros_like(diff)
    np.divide(diff, total, out=ratio, where=total > 0)
    return ratio**2


def _alpha(coincidence: np.ndarray, delta2: np.ndarray) -> float:
    """``1 - (n - 1) sum(o delta2) / sum(n_c n_k delta2)``; NaN when undefined."""
    n_c = coincidence.sum(axis=1)
    n = float(n_c.sum())
    expected = float(n_c @ delta2 @ n_c)
    if n < 2 or expected <= 0:
        return float("nan")
    observed = float((coincidence * delta2).sum())
    return 1.0 - (n - 1.0) * observed / expected


# --------------------------------------------------------------------------------------------
# How much to code
# --------------------------------------------------------------------------------------------
_CURVE_COLUMNS = ("repeat", "n_articles", "n_sentences", "method", "pole_f1", "n_test")


def pole_f1(predicted: Iterable[Any], gold: Iterable[Any], poles: Sequence[str]) -> float:
    """The mean F1 of the two poles (``'none'`` does not count): what a comparison rests on.

    An undefined F1 (a pole neither predicted nor coded) counts as 0.

    Examples
    --------
    >>> pole_f1(["equal", "none", "junior"], ["equal", "junior", "junior"], ("equal", "junior"))
    0.8333333333333333
    """
    x, y = _pair(predicted, gold, ("predicted", "gold"))
    return mean_pole_f1(x, y, poles)


def learning_curve(
    coded: pd.DataFrame,
    axis: str = "power",
    *,
    groups: str = "doc_id",
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    model: FrameClassifier | None = None,
    sizes: Sequence[int] | None = None,
    n_repeats: int = 3,
    test_share: float = 1 / 3,
    seed: int = 0,
) -> pd.DataFrame:
    """Pole-F1 of a classifier trained on more and more coded articles, beside the lexicon's.

    Each repeat shuffles the articles (``groups``), holds out ``test_share`` of them, and trains
    the classifier on the first ``n`` of the others for every ``n`` in ``sizes``; both methods
    are measured on the same held-out articles. Where the classifier's curve still rises at the
    largest size, more coding pays; where it lies flat below the lexicon's line, the lexicon
    is the better instrument for this corpus.

    Parameters
    ----------
    coded : pandas.DataFrame
        One row per coded sentence: ``text``, the axis's gold code in a column named ``axis``
        (a pole or ``'none'``, as :func:`framing.read_coding` gives it) and the article in
        ``groups``. The lexicon's labels are taken from ``{axis}_label`` when the table has
        it (a score table merged with the coding), else the lexicon labels each sentence
        alone. When ``relevant`` is a boolean column (the scorer's relevance, as in a score
        table), the classifier labels only those sentences, as ``framing.score`` does.
    axis : str, default='power'
    groups : str, default='doc_id'
        The column that names the article: splits never cut an article.
    lexicon : str, path or Lexicon, default='relationship'
    model : FrameClassifier or None, default=None
        The classifier to train (cloned with its settings; fitted with the articles as
        ``groups``); default ``FrameClassifier(axis=axis, lexicon=lexicon)``.
    sizes : sequence of int or None, default=None
        Numbers of training articles; default 1, 2, 4, ... up to all that are not held out.
    n_repeats : int, default=3
        Random splits; each gives one row per size and method.
    test_share : float, default=1/3
        Share of the articles held out in each repeat (at least one).
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
        Columns ``repeat, n_articles, n_sentences`` (training sentences), ``method``
        ('classifier' or 'lexicon'), ``pole_f1`` (mean F1 of the two poles on the held-out
        articles; NaN when the training labels had a single class) and ``n_test`` (held-out
        sentences). Average over ``repeat`` to read the curve;
        :func:`framing.learning_curve_figure` draws it.

    Raises
    ------
    InputError
        Missing columns.
    InsufficientDataError
        Fewer than two articles.
    ParameterError
        An unknown axis, or sizes, repeats or share out of range.
    """
    lex = load_lexicon(lexicon)
    if axis not in lex.poles:
        raise ParameterError("axis", axis, lex.axis_names)
    poles = lex.poles[axis]
    missing = [c for c in ("text", axis, groups) if c not in coded.columns]
    if missing:
        raise InputError(
            f"coded has no column(s) {', '.join(map(repr, missing))}; it needs text, the "
            f"axis's codes ({axis!r}) and the article ({groups!r}), as framing.read_coding gives"
        )
    articles = pd.unique(coded[groups].astype(str))
    if len(articles) < 2:
        raise InsufficientDataError(
            f"{len(articles)} article(s) in {groups!r}: a learning curve needs two or more",
            n=len(articles), needed=2,
        )  # fmt: skip
    test_share = check_real(
        test_share, "test_share", min_val=0, max_val=1, include_boundaries="neither"
    )
    n_repeats = check_int(n_repeats, "n_repeats", min_val=1)
    n_test = max(1, int(round(test_share * len(articles))))
    pool = len(articles) - n_test
    if sizes is None:
        sizes = sorted({*(2**i for i in range(pool.bit_length()) if 2**i < pool), pool})
    sizes = list(sizes)
    allowed = f"integers from 1 to {pool} (articles not held out)"
    if not sizes:
        raise ParameterError("sizes", sizes, allowed)
    try:
        sizes = [check_int(n, "sizes", min_val=1, max_val=pool) for n in sizes]
    except ParameterError as exc:
        raise ParameterError("sizes", sizes, allowed) from exc
    if f"{axis}_label" in coded.columns:
        lexicon_labels = coded[f"{axis}_label"].astype(str).to_numpy()
    else:
        lexicon_labels = np.asarray([_lexicon_label(lex, t, axis) for t in coded["text"]],
                                    dtype=object)  # fmt: skip
    template = model if model is not None else FrameClassifier(axis=axis, lexicon=lex)
    gold = coded[axis].astype(str).str.strip().str.lower().to_numpy()
    texts = coded["text"].astype(str).tolist()
    article_of = coded[groups].astype(str).to_numpy()
    gated = "relevant" in coded.columns and pd.api.types.is_bool_dtype(coded["relevant"])
    relevant = coded["relevant"].to_numpy(bool) if gated else np.ones(len(coded), bool)
    rng = as_generator(seed)
    rows = []
    for repeat in range(n_repeats):
        order = rng.permutation(articles)
        test = np.isin(article_of, order[:n_test])
        lexicon_f1 = pole_f1(lexicon_labels[test], gold[test], poles)
        for size in sizes:
            train = np.isin(article_of, order[n_test : n_test + size])
            labels = gold[train]
            score = np.nan
            if len(set(labels)) >= 2:
                clf = FrameClassifier(**template.get_params())
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", FramingWarning)
                    clf.fit([t for t, keep in zip(texts, train, strict=True) if keep], labels,
                            groups=article_of[train])  # fmt: skip
                predicted = np.full(len(texts), NONE, dtype=object)
                chosen = np.flatnonzero(test & relevant)
                if chosen.size:
                    predicted[chosen] = clf.predict([texts[i] for i in chosen])
                score = pole_f1(predicted[test], gold[test], poles)
            common = {"repeat": repeat, "n_articles": size, "n_sentences": int(train.sum()),
                      "n_test": int(test.sum())}  # fmt: skip
            rows.append({**common, "method": "classifier", "pole_f1": score})
            rows.append({**common, "method": "lexicon", "pole_f1": lexicon_f1})
    return pd.DataFrame(rows, columns=list(_CURVE_COLUMNS))


def _lexicon_label(lex: Lexicon, text: str, axis: str) -> str:
    """The lexicon's label of one sentence taken alone: the pole with the larger weight."""
    first, second = lex.poles[axis]
    weights = {first: 0.0, second: 0.0}
    for match in lex.match(text):
        if match.axis == axis:
            weights[match.pole] += match.weight
    if weights[first] == weights[second]:
        return NONE
    return first if weights[first] > weights[second] else second
