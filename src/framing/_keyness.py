"""Distinctive terms of groups of texts: Fightin' Words keyness.

:func:`keyness` finds the words that set one outlet (or any other group: country, genre, year)
apart from the rest of the corpus, or from one other named group, with the weighted log-odds ratio
with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008). Each term gets a log-odds
ratio, its approximate variance and a z-score, and the counts behind them, so that a reader can see
when a large z rests on a handful of occurrences; and a p-value from the z-score, adjusted for the
number of terms compared, with a mark for the terms that pass a stated significance level.

Counting is vectorised: one sparse document-term matrix from scikit-learn's
:class:`~sklearn.feature_extraction.text.CountVectorizer`, group sums by one sparse
indicator-matrix product, and the statistics as array operations over the whole vocabulary.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import ndtr
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as _ENGLISH_STOP_WORDS
from sklearn.feature_extraction.text import CountVectorizer

from ._plain import shown
from ._stats import benjamini_hochberg, holm
from ._table import AxesLike, table_axes
from ._validation import check_bool, check_choice, check_int, check_real
from .errors import DataQualityWarning, InputError, InsufficientDataError, ParameterError

__all__ = [
    "keyness",
    "TOKEN_PATTERN",
    "DEFAULT_ALPHA0",
    "UNIFORM_ALPHA",
    "REST",
    "ADJUSTMENTS",
]

#: Token pattern used to count terms (a regular expression for ``CountVectorizer``). A token is,
#: in order of preference: a dotted abbreviation of single letters (``U.S.`` -> ``u.s.``); a
#: hyphenated compound, kept whole (``Sino-Russian`` -> ``sino-russian``, ``U.S.-led`` -> ``u.s.``
#: and ``led``); or a run of two or more word characters. Apostrophes end a token and one-letter
#: runs are dropped, so the possessive ``Xi's`` (or ``Xi’s``) counts as ``xi`` and ``don't`` as
#: ``don``; the one-letter words ``a`` and ``I`` are not counted.
TOKEN_PATTERN = r"(?u)(?:\b[^\W\d_]\.){2,}|\b\w+(?:-\w+)+\b|\b\w\w+\b"

#: Default total prior count ``alpha0`` of the corpus prior: the prior is worth 500 pseudo-tokens
#: spread over the vocabulary in proportion to corpus frequency.
DEFAULT_ALPHA0 = 500.0

#: Prior count of every term under ``prior="uniform"`` (and of terms missing from a mapping prior).
UNIFORM_ALPHA = 0.01

#: The ``group_b`` value of rows that compare a group with the rest of the corpus.
REST = "<rest>"

#: The adjustments of p-values for the number of terms compared: Holm's step-down method
#: (family-wise error rate), Benjamini-Hochberg (false discovery rate), or none.
ADJUSTMENTS = ("holm", "bh", "none")

_COLUMNS = (
    "group",
    "group_b",
    "term",
    "z",
    "delta",
    "variance",
    "count_group",
    "count_rest",
    "rank",
    "p_value",
    "p_adjusted",
    "significant",
)
_DTYPES = {
    "group": object,
    "group_b": object,
    "term": object,
    "z": np.float64,
    "delta": np.float64,
    "variance": np.float64,
    "count_group": np.int64,
    "count_rest": np.int64,
    "rank": np.int64,
    "p_value": np.float64,
    "p_adjusted": np.float64,
    "significant": bool,
}
_PRIORS = ("corpus", "uniform")
# Upper bound on the number of cells (groups x vocabulary) densified at once.
_MAX_CELLS = 4_000_000


def keyness(
    data: Any,
    by: str = "outlet",
    *,
    prior: Literal["corpus", "uniform"] | Mapping[str, float] | pd.Series = "corpus",
    top: int | None = 20,
    pair: tuple[Any, Any] | None = None,
    alpha0: float | None = None,
    min_count: int = 1,
    lowercase: bool = True,
    axes: AxesLike = None,
    stop_words: Literal["english"] | Collection[str] | None = None,
    significance: float = 0.05,
    adjustment: Literal["holm", "bh", "none"] = "holm",
) -> pd.DataFrame:
    """Distinctive terms per group by the log-odds ratio with an informative Dirichlet prior.

    For every group of ``data[by]`` and every term, compares the term's use in the group with its
    use in the rest of the corpus (Fightin' Words, Monroe, Colaresi & Quinn 2008) and keeps the
    ``top`` terms with the largest z-score. With ``pair=("A", "B")`` it compares group ``A`` with
    group ``B`` only, and lists the terms most typical of ``A`` and those most typical of ``B``.

    Parameters
    ----------
    data : pandas.DataFrame or object with a ``to_frame()`` method
        A table with a ``text`` column and the ``by`` column: the sentence table of
        :func:`framing.score`, a document table, or a :class:`framing.Corpus` (anything whose
        ``to_frame()`` returns such a table; a ``Corpus`` gives ``doc_id, text, outlet, date`` and
        its metadata). Missing texts count as empty. Rows whose ``by`` value is missing are
        dropped with a :class:`~framing.DataQualityWarning`.
    by : str, default="outlet"
        The column that defines the groups (outlet, country, genre, year, ...).
    prior : {"corpus", "uniform"} or mapping of str to float, default="corpus"
        The Dirichlet prior ``alpha_w``. ``"corpus"``: ``alpha_w = alpha0 * y_w / n``, proportional
        to the term's frequency in the whole corpus, with ``alpha0`` (default
        :data:`DEFAULT_ALPHA0` = 500) pseudo-tokens in all. ``"uniform"``: the same ``alpha_w`` for
        every term, :data:`UNIFORM_ALPHA` = 0.01 by default, or ``alpha0 / V`` when ``alpha0`` is
        given (``V`` the vocabulary size). A mapping (dict or Series, term -> positive number):
        these prior counts, e.g. term counts of a background corpus; terms it lacks get
        :data:`UNIFORM_ALPHA`; with ``alpha0`` the counts are rescaled to sum to ``alpha0``. Keys
        are terms as tokenised (lower case when ``lowercase=True``).
    top : int or None, default=20
        How many terms to keep per group and side, by decreasing z; None keeps all.
    pair : tuple of two group names, optional
        Compare these two groups with each other instead of each group with the rest. Names are
        matched as strings (``2023`` and ``"2023"`` name the same year).
    alpha0 : float, optional
        Total prior count; see ``prior``.
    min_count : int, default=1
        Report only terms used at least this often in the compared texts (the group plus its
        comparison side, so the total over the whole corpus for a group against the rest): a
        term's total, not its count in one group, decides, so a filter never depends on which
        group used the term. The statistics do not depend on it: totals, the prior and the
        adjustment of p-values are always computed over the full vocabulary (stop words
        aside).
    lowercase : bool, default=True
        Lower-case the texts before counting.
    axes : None, list of str or dict, default=None
        None: every row. Axes of a sentence table (a list of names, or ``{axis: (first_pole,
        second_pole)}``, read as in :func:`framing.compare`): only the sentences labelled
        with a pole of one of them, the framed sentences.
    stop_words : None, "english" or collection of str, default=None
        Terms not to count. None counts every term. ``"english"``: scikit-learn's list of 318
        English function words (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``: "the",
        "from", "has", "as", ...). A collection (list, set) of words: these. A term is dropped
        when its lower-case form is in the list (lower-cased too), whatever ``lowercase``
        says. Dropped terms are not counted at all: they leave the token totals ``n^i`` and
        the prior as well as the table.
    significance : float, default=0.05
        The significance level of the ``significant`` column, between 0 and 1 (exclusive).
    adjustment : {"holm", "bh", "none"}, default="holm"
        How p-values are adjusted for the number of terms compared, within each comparison
        (a group against the rest, or one side of ``pair``): Holm's step-down method, which
        bounds the chance of any false mark (family-wise error rate); Benjamini-Hochberg
        (``"bh"``), which bounds the expected share of false marks among the marked terms
        (false discovery rate); or ``"none"``.

    Returns
    -------
    pandas.DataFrame
        One row per (group, term) kept, ordered by group and rank, with columns:

        - ``group`` (str): the group the term is typical of;
        - ``group_b`` (str): what it is compared with, :data:`REST` (``"<rest>"``, every other
          group) or the other group of ``pair``;
        - ``term`` (str);
        - ``z`` (float): ``delta / sqrt(variance)``, positive when the term is more typical of
          ``group`` than of ``group_b``;
        - ``delta`` (float): the log-odds ratio ``group`` minus ``group_b``;
        - ``variance`` (float): its approximate variance;
        - ``count_group``, ``count_rest`` (int): occurrences of the term in ``group`` and in
          ``group_b``;
        - ``rank`` (int): 1 for the largest z within (``group``, ``group_b``);
        - ``p_value`` (float): the two-sided p-value of ``z`` under the standard normal,
          ``2 * (1 - Phi(|z|))``;
        - ``p_adjusted`` (float): ``p_value`` adjusted by ``adjustment`` over every term used in
          the compared texts (not only the rows kept by ``top`` and ``min_count``);
        - ``significant`` (bool): ``p_adjusted <= significance``. A term with a large z but
          ``significant == False`` is not key at that level: it may be a frequent function word
          whose use varies by chance.

        Groups are in sorted order (``pair`` order with ``pair``); ties in z are broken by term.
        An empty result (e.g. no term reaches ``min_count``) keeps these columns.

    Raises
    ------
    ParameterError
        If ``by`` is not a column of the table (the message lists the columns), ``pair`` does not
        name two different groups present in ``data`` (the message lists the groups), or an option
        has a value that is not allowed.
    InputError
        If ``data`` is not a table, has no ``text`` column or holds texts that are not strings.
    InsufficientDataError
        If there is only one group, no token at all, fewer than two distinct terms, or a compared
        group without any token.

    Warns
    -----
    DataQualityWarning
        When rows with a missing ``by`` value are dropped (the message counts them).

    See Also
    --------
    sklearn.feature_extraction.text.CountVectorizer : the counting; :data:`TOKEN_PATTERN`.

    Notes
    -----
    For group ``i`` compared with ``j`` (the rest of the corpus, or the other group of ``pair``),
    with ``y_w^i`` the count of term ``w`` in ``i``, ``n^i = sum_w y_w^i`` the tokens of ``i``,
    ``alpha_w`` the prior count of ``w`` and ``alpha0 = sum_w alpha_w``, Monroe et al. (2008,
    eqs. 16 and 20) estimate

    .. math::

        \\hat\\delta_w^{(i-j)} = \\log\\frac{y_w^i + \\alpha_w}{n^i + \\alpha_0 - y_w^i - \\alpha_w}
            - \\log\\frac{y_w^j + \\alpha_w}{n^j + \\alpha_0 - y_w^j - \\alpha_w},
        \\qquad
        \\sigma^2(\\hat\\delta_w^{(i-j)}) \\approx \\frac{1}{y_w^i + \\alpha_w}
            + \\frac{1}{y_w^j + \\alpha_w},

    and ``z = delta / sigma``. The same prior (from the whole corpus) serves every comparison,
    including ``pair``. Swapping the groups flips the sign of ``delta`` and ``z``.

    The z-score is model-based: it treats tokens as independent draws, so repeated phrases and
    long articles make it overconfident. Use it to rank terms, and read it beside the counts.

    Significance marks follow Monroe et al. (2008), who read ``|z| > 1.96`` as significant at
    5 % for one term, and quanteda's ``textstat_keyness``, which reports a p-value per term:
    ``p_value`` is the normal p-value of ``z``; because a table ranks thousands of terms, the
    mark uses ``p_adjusted`` (Holm by default, over every term in the comparison), so that a
    term ranked first by chance is not marked. With Holm at 5 % and 2,000 terms, a term needs
    about ``|z| > 4.2``. The marks inherit the z-score's overconfidence: a term repeated in one
    long article can pass; read them with ``count_group`` and the number of documents.

    Lower-casing merges words that differ only in case (``US`` and ``us``); pass
    ``lowercase=False`` to keep them apart. Stop words are kept by default: they often carry
    an outlet's style, and the ``significant`` column shows when a frequent function word
    ranks high by chance; ``stop_words="english"`` leaves them out.

    The default ``alpha0 = 500`` is a moderate prior: it shrinks terms seen a few times towards
    the corpus rate while leaving frequent terms nearly untouched. Larger values shrink more.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' Words: Lexical Feature
    Selection and Evaluation for Identifying the Content of Political Conflict. *Political
    Analysis*, 16(4), 372-403.

    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
    Journal of Statistics*, 6, 65-70.

    Examples
    --------
    Constructed sentences (not from any article):

    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "outlet": ["A", "A", "B", "B"],
    ...     "text": ["Xi's friend Putin, a dear friend.", "Friendship without limits.",
    ...              "A partnership of convenience.", "Convenience, not friendship."],
    ... })
    >>> result = keyness(table, by="outlet", top=2)
    >>> result[["group", "group_b", "term", "z", "count_group", "count_rest", "rank"]].round(3)
      group group_b         term      z  count_group  count_rest  rank
    0     A  <rest>       friend  0.166            2           0     1
    1     A  <rest>         dear  0.108            1           0     2
    2     B  <rest>  convenience  0.222            2           0     1
    3     B  <rest>          not  0.145            1           0     2

    On 14 tokens the prior of 500 pseudo-tokens dominates and every z is small; a weaker prior
    lets the counts speak:

    >>> keyness(table, prior="uniform", top=1).loc[:, ["group", "term", "z"]].round(3)
      group         term      z
    0     A       friend  0.529
    1     B  convenience  0.597

    One group against another; each side lists the terms typical of it:

    >>> keyness(table, pair=("B", "A"), top=1)[["group", "group_b", "term", "count_group"]]
      group group_b         term  count_group
    0     B       A  convenience            2
    1     A       B       friend            2

    Stop words left out, and the significance marks (none of these few counts is significant):

    >>> result = keyness(table, prior="uniform", top=2, stop_words="english")
    >>> result[["group", "term", "z", "p_value", "p_adjusted", "significant"]].round(3)
      group         term      z  p_value  p_adjusted  significant
    0     A       friend  0.507    0.612         1.0        False
    1     A         dear  0.419    0.675         1.0        False
    2     B  convenience  0.652    0.515         1.0        False
    3     B  partnership  0.542    0.588         1.0        False
    """
    frame = _as_frame(data)
    if axes is not None:
        frame = _framed(frame, axes)
    by = _check_options(frame, by, prior, top, alpha0, min_count, lowercase)
    stops = _stop_words(stop_words)
    check_real(significance, "significance", min_val=0, max_val=1, include_boundaries="neither")
    check_choice(adjustment, "adjustment", ADJUSTMENTS)
    marks = (float(significance), str(adjustment))
    texts, labels = _texts_and_groups(frame, by)

    groups = np.array(sorted(set(labels.tolist())), dtype=object)
    if groups.size < 2:
        raise InsufficientDataError(
            f"keyness needs at least two groups in column {by!r} to compare; found "
            f"{groups.size}: {', '.join(repr(g) for g in groups)}. Choose a column with several "
            "groups.",
            group=str(groups[0]) if groups.size else None,
            n=int(groups.size),
            needed=2,
        )
    pair_idx = _check_pair(pair, groups)

    counts, terms = _count(texts, lowercase, stops)
    codes = np.searchsorted(groups, labels)
    indicator = sp.csr_matrix(
        (np.ones(codes.size, dtype=np.int64), (codes, np.arange(codes.size))),
        shape=(groups.size, codes.size),
    )
    by_group = (indicator @ counts).tocsr()  # groups x vocabulary, sparse
    totals = np.asarray(by_group.sum(axis=0), dtype=np.float64).ravel()  # y_w
    n_group = np.asarray(by_group.sum(axis=1), dtype=np.float64).ravel()  # n^i
    n_all = float(totals.sum())
    if terms.size < 2:
        raise InsufficientDataError(
            f"keyness needs at least two distinct terms; the texts hold {terms.size}.",
            n=int(terms.size),
            needed=2,
        )
    alpha = _prior(prior, alpha0, terms, totals, n_all)
    a0 = float(alpha.sum())

    compared = pair_idx if pair_idx is not None else tuple(range(groups.size))
    for g in compared:
        if n_group[g] == 0:
            raise InsufficientDataError(
                f"group {groups[g]!r} of column {by!r} has no token to count; drop it or give it "
                "text.",
                group=str(groups[g]),
                n=0,
                needed=1,
            )

    if pair_idx is not None:
        i, j = pair_idx
        y_a = by_group[[i]].toarray().astype(np.float64)  # 1 x vocabulary
        y_b = by_group[[j]].toarray().astype(np.float64)
        delta, variance = _log_odds(y_a, n_group[i], y_b, n_group[j], alpha, a0)
        a_name, b_name = groups[[i]], groups[[j]]
        parts = [  # each side from its own point of view: delta(B - A) = -delta(A - B)
            _top_rows(
                a_name, str(b_name[0]), terms, delta, variance, y_a, y_b, top, min_count, marks
            ),
            _top_rows(
                b_name, str(a_name[0]), terms, -delta, variance, y_b, y_a, top, min_count, marks
            ),
        ]
    else:
        parts = []
        step = max(1, _MAX_CELLS // max(1, terms.size))
        for start in range(0, groups.size, step):  # blocks of groups, never of terms
            rows = slice(start, min(start + step, groups.size))
            y_i = by_group[rows].toarray().astype(np.float64)
            y_j = totals[None, :] - y_i
            n_i = n_group[rows, None]
            delta, variance = _log_odds(y_i, n_i, y_j, n_all - n_i, alpha, a0)
            parts.append(
                _top_rows(
                    groups[rows], REST, terms, delta, variance, y_i, y_j, top, min_count, marks
                )
            )
    result = _frame(parts)
    # A caption for figures and reports; the columns are the contract.
    result.attrs["keyness"] = {"by": by, "significance": marks[0], "adjustment": marks[1]}
    return result


def _as_frame(data: Any) -> pd.DataFrame:
    """The input table: a DataFrame as is, or the result of ``data.to_frame()``."""
    if isinstance(data, pd.DataFrame):
        return data
    to_frame = getattr(data, "to_frame", None)
    if callable(to_frame) and not isinstance(data, (pd.Series, str, bytes)):
        frame = to_frame()
        if isinstance(frame, pd.DataFrame):
            return frame
        raise InputError(
            f"{type(data).__name__}.to_frame() returned {type(frame).__name__}, not a pandas "
            "DataFrame."
        )
    raise InputError(
        f"keyness needs a pandas DataFrame with a 'text' column and a group column, or a "
        f"framing.Corpus; got {type(data).__name__}."
    )


def _framed(frame: pd.DataFrame, axes: AxesLike) -> pd.DataFrame:
    """The rows labelled with a pole of one of ``axes``."""
    resolved = table_axes(frame, axes)
    keep = np.zeros(len(frame), dtype=bool)
    for axis, poles in resolved.items():
        column = f"{axis}_label"
        if column not in frame.columns:
            raise ParameterError(
                "axes", axes, f"axes whose labels are columns of the table (no {column!r})",
                "keyness(axes=...) keeps the sentences labelled on those axes: give the "
                "sentence table of framing.score",
            )  # fmt: skip
        keep |= frame[column].isin(poles).to_numpy(dtype=bool)
    return frame[keep]


def _check_options(
    frame: pd.DataFrame,
    by: Any,
    prior: Any,
    top: Any,
    alpha0: Any,
    min_count: Any,
    lowercase: Any,
) -> str:
    """Validate every option; return ``by``."""
    columns = tuple(str(c) for c in frame.columns)
    if not isinstance(by, str) or by not in frame.columns:
        raise ParameterError("by", by, columns, "Name a column of the table")
    if "text" not in frame.columns:
        raise InputError(
            f"keyness needs a 'text' column; the table has: {', '.join(columns) or 'no columns'}."
        )
    if isinstance(prior, str):
        if prior not in _PRIORS:
            raise ParameterError("prior", prior, (*_PRIORS, "a mapping of term to prior count"))
    elif not isinstance(prior, (Mapping, pd.Series)):
        raise ParameterError("prior", prior, (*_PRIORS, "a mapping of term to prior count"))
    check_int(top, "top", min_val=1, allow_none=True)
    check_int(min_count, "min_count", min_val=1)
    check_real(alpha0, "alpha0", min_val=0, include_boundaries="neither", allow_none=True)
    check_bool(lowercase, "lowercase")
    return by


def _stop_words(stop_words: Any) -> frozenset[str]:
    """The stop words, lower-cased (empty for None)."""
    allowed = (None, "english", "a collection of words")
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise ParameterError(
                "stop_words", stop_words, allowed, "Give a list of words, not one string"
            )
        return frozenset(_ENGLISH_STOP_WORDS)
    if isinstance(stop_words, (bytes, Mapping)) or not isinstance(stop_words, Collection):
        raise ParameterError("stop_words", stop_words, allowed)
    words = list(stop_words)
    bad = [w for w in words if not isinstance(w, str)][:1]
    if bad:
        raise ParameterError("stop_words", stop_words, allowed, f"{bad[0]!r} is not a string")
    return frozenset(w.lower() for w in words)


def _texts_and_groups(frame: pd.DataFrame, by: str) -> tuple[list[str], np.ndarray]:
    """Texts (missing -> "") and group labels as strings, rows with a missing label dropped."""
    labels = frame[by]
    missing = labels.isna().to_numpy()
    if missing.any():
        warnings.warn(
            f"keyness: dropped {int(missing.sum())} of {missing.size} rows with a missing "
            f"{by!r} value.",
            DataQualityWarning,
            stacklevel=3,
        )
    keep = ~missing
    raw = frame["text"].to_numpy(dtype=object)[keep]
    text_missing = pd.isna(raw)
    bad = [i for i in np.flatnonzero(~text_missing) if not isinstance(raw[i], str)][
        :1
    ]  # first offending row only
    if bad:
        value = raw[bad[0]]
        raise InputError(
            f"keyness needs strings in the 'text' column; row {bad[0]} holds "
            f"{type(value).__name__} {shown(value)}."
        )
    texts = ["" if m else t for t, m in zip(raw.tolist(), text_missing.tolist(), strict=True)]
    names = np.array([str(v) for v in labels.to_numpy(dtype=object)[keep]], dtype=object)
    return texts, names


def _check_pair(pair: Any, groups: np.ndarray) -> tuple[int, int] | None:
    """Indices of the two groups of ``pair`` in ``groups``, or None."""
    if pair is None:
        return None
    allowed = tuple(str(g) for g in groups)
    if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise ParameterError(
            "pair", pair, "a tuple of two group names from: " + ", ".join(repr(g) for g in allowed)
        )
    a, b = (str(p) for p in pair)
    for name in (a, b):
        if name not in allowed:
            raise ParameterError("pair", pair, allowed, f"Group {name!r} is not in the data")
    if a == b:
        raise ParameterError("pair", pair, "two different group names")
    return allowed.index(a), allowed.index(b)


def _count(
    texts: list[str], lowercase: bool, stops: frozenset[str]
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sparse document-term counts and the sorted vocabulary, stop words left out."""
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN, lowercase=bool(lowercase), dtype=np.int64
    )
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError as exc:  # empty vocabulary
        raise InsufficientDataError(
            f"keyness found no token to count in {len(texts)} texts; the texts are empty or "
            "hold no words.",
            n=0,
            needed=1,
        ) from exc
    terms = np.asarray(vectorizer.get_feature_names_out(), dtype=object)
    counts = counts.tocsr()
    if stops:
        keep = np.array([term.lower() not in stops for term in terms.tolist()], dtype=bool)
        if not keep.any():
            raise InsufficientDataError(
                f"keyness found no token to count in {len(texts)} texts other than stop words; "
                "give a shorter stop_words list.",
                n=0,
                needed=1,
            )
        counts, terms = counts[:, np.flatnonzero(keep)], terms[keep]
    return counts, terms


def _prior(
    prior: Any, alpha0: float | None, terms: np.ndarray, totals: np.ndarray, n_all: float
) -> np.ndarray:
    """Prior counts ``alpha_w`` over the vocabulary."""
    if isinstance(prior, str) and prior == "corpus":
        scale = DEFAULT_ALPHA0 if alpha0 is None else float(alpha0)
        return scale * totals / n_all
    if isinstance(prior, str):  # "uniform"
        value = UNIFORM_ALPHA if alpha0 is None else float(alpha0) / terms.size
        return np.full(terms.size, value, dtype=np.float64)
    series = pd.Series(prior, dtype=object) if not isinstance(prior, pd.Series) else prior
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        key = series.index[np.flatnonzero(bad)[0]]
        raise ParameterError(
            "prior",
            f"{{{shown(key)}: {shown(series.iloc[np.flatnonzero(bad)[0]])}, ...}}",
            "a mapping of term to a positive finite prior count",
        )
    lookup = pd.Series(values, index=series.index.astype(str))
    lookup = lookup[~lookup.index.duplicated(keep="last")]
    alpha = lookup.reindex(pd.Index(terms.tolist())).to_numpy(dtype=np.float64)
    alpha = np.where(np.isnan(alpha), UNIFORM_ALPHA, alpha)
    if alpha0 is not None:
        alpha = alpha * (float(alpha0) / alpha.sum())
    return alpha


def _log_odds(
    y_i: np.ndarray,
    n_i: np.ndarray | float,
    y_j: np.ndarray,
    n_j: np.ndarray | float,
    alpha: np.ndarray,
    a0: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) eqs. 16 and 20, broadcast over groups (rows) and terms (columns)."""
    with np.errstate(divide="ignore"):
        logit_i = np.log(y_i + alpha) - np.log(n_i + a0 - y_i - alpha)
        logit_j = np.log(y_j + alpha) - np.log(n_j + a0 - y_j - alpha)
    delta = logit_i - logit_j
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, variance


def _top_rows(
    names: np.ndarray,
    other: str,
    terms: np.ndarray,
    delta: np.ndarray,
    variance: np.ndarray,
    y_i: np.ndarray,
    y_j: np.ndarray,
    top: int | None,
    min_count: int,
    marks: tuple[float, str],
) -> dict[str, np.ndarray]:
    """The ``top`` terms by z of each row (group), as column arrays, with p-values adjusted
    within each row over the terms used in its compared texts."""
    z = delta / np.sqrt(variance)
    used = (y_i + y_j) > 0
    p_value = 2.0 * ndtr(-np.abs(z))
    p_adjusted = _adjust(np.where(used, p_value, np.nan), marks[1])
    eligible = (y_i + y_j) >= min_count  # groups x terms
    # Sort each row by decreasing z; ineligible terms go last, ties keep vocabulary (term) order.
    key = np.where(eligible, -z, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    width = terms.size if top is None else min(top, terms.size)
    order = order[:, :width]
    keep = np.take_along_axis(eligible, order, axis=1)
    row, pos = np.nonzero(keep)
    col = order[row, pos]
    return {
        "group": np.array([str(n) for n in names], dtype=object)[row],
        "group_b": np.full(row.size, other, dtype=object),
        "term": terms[col],
        "z": z[row, col],
        "delta": delta[row, col],
        "variance": variance[row, col],
        "count_group": np.rint(y_i[row, col]).astype(np.int64),
        "count_rest": np.rint(y_j[row, col]).astype(np.int64),
        "rank": (pos + 1).astype(np.int64),
        "p_value": p_value[row, col],
        "p_adjusted": p_adjusted[row, col],
        "significant": p_adjusted[row, col] <= marks[0],
    }


def _adjust(p_values: np.ndarray, adjustment: str) -> np.ndarray:
    """Each row of ``p_values`` adjusted as one family (NaN entries left out)."""
    if adjustment == "none":
        return p_values
    adjust = holm if adjustment == "holm" else benjamini_hochberg
    return np.vstack([adjust(row) for row in p_values]) if len(p_values) else p_values


def _frame(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """Stack the column arrays into the fixed output table."""
    columns = {
        name: (
            np.concatenate([p[name] for p in parts]) if parts else np.empty(0, dtype=_DTYPES[name])
        )
        for name in _COLUMNS
    }
    frame = pd.DataFrame(columns, columns=list(_COLUMNS))
    return frame.astype(_DTYPES).reset_index(drop=True)
