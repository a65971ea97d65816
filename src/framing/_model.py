"""Models with covariates: a sentence's pole on outlet, genre, year ..., clustered by article.

:func:`model` fits a logistic regression of a sentence's pole (the first pole named in the
formula against the other) on any columns of the sentence table, with standard errors
clustered by article, and returns a :class:`ModelFit`: a tidy table of coefficients and odds
ratios with intervals and p-values, the n of sentences and of articles, and renderings in every
table format of :meth:`framing.Comparison.table`. The model is statsmodels' GLM (binomial family,
logit link) with a cluster-robust (CR1) covariance and t tests on G - 1 degrees of freedom, G
being the number of articles; this module prepares the rows, checks what the fit cannot be
trusted with (missing covariates, too few articles, collinear terms, separation) and lays out
the tables. statsmodels is imported on first use.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ._compare import (
    _MINUS,
    TABLE_FORMATS,
    TableFormat,
    _data,
    _estimate,
    _heading,
    _models_note,
    _note,
    _number,
    _p_text,
    _provenance,
    _provenance_fields,
    _render,
    _ShownAsTable,
)
from ._escape import neutralise_frame
from ._table import AxesLike, pole_labels, table_axes, table_info
from ._validation import check_choice, check_real
from .errors import (
    DataQualityWarning,
    InputError,
    InsufficientDataError,
    ParameterError,
    SmallSampleWarning,
)

if TYPE_CHECKING:
    from statsmodels.genmod.generalized_linear_model import GLMResults

__all__ = ["ModelFit", "model", "COEFFICIENT_COLUMNS", "FEW_ARTICLES"]

#: The columns of :attr:`ModelFit.coefficients`, in order.
COEFFICIENT_COLUMNS = (
    "term", "estimate", "std_error", "statistic", "p_value", "ci_low", "ci_high",
    "odds_ratio", "odds_ratio_low", "odds_ratio_high",
)  # fmt: skip
#: Below this many articles (clusters), a fit carries the ``few_articles`` warning.
FEW_ARTICLES = 30
METHOD = (
    "logistic regression (statsmodels GLM, binomial family, logit link); standard errors "
    "clustered by {cluster} (CR1 sandwich with the small-sample factor G/(G-1) x (N-1)/(N-K)); "
    "t tests and intervals on G - 1 = {dof} degrees of freedom"
)
_MISSING = ("raise", "drop")
_OUTCOME = "framing_outcome_"  # the 0/1 column the formula's left-hand side becomes
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_QUOTED = re.compile(r"""Q\(\s*(["'])(.+?)\1\s*\)""")
_FITTED_EDGE = 1e-8  # fitted probabilities this close to 0 or 1 mean separation
_FEW_ARTICLES_TEXT = (
    f"fewer than {FEW_ARTICLES} articles (clusters): clustered standard errors are imprecise "
    "with few clusters; read the intervals, not the p-values, and collect more articles"
)


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class ModelFit(_ShownAsTable):
    """A logistic model of one axis's pole with article-clustered errors; made by :func:`model`.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        One row per term of the formula (see :func:`model` for the columns); its
        ``attrs["framing"]`` holds the settings below as well.
    axis : str
        The axis modelled.
    outcome : str
        The pole coded 1 (the left-hand side of the formula).
    reference : str
        The other pole, coded 0.
    formula : str
        The formula fitted, ``"<outcome> ~ <terms>"``.
    cluster : str
        The column whose values are the clusters (articles: ``doc_id``).
    n_sentences : int
        Sentences in the fit: those labelled with either pole, after missing covariates.
    n_articles : int
        Distinct values of ``cluster`` among them (G).
    n_dropped : int
        Labelled sentences left out for a missing covariate (``missing="drop"``), else 0.
    dof : int
        Degrees of freedom of the t tests and intervals: ``n_articles - 1``.
    confidence : float
        Level of the intervals.
    method : str
        The estimator and its standard errors, in words.
    warnings : dict of str to str
        What limits the fit, code to explanation: ``few_articles`` (fewer than
        :data:`FEW_ARTICLES` articles). Empty when nothing does.
    lexicon_name, lexicon_version, lexicon_hash, framing_version, labels : str or None
        Provenance of the labels, from ``sents.attrs["framing"]`` (``labels`` is its
        ``method``: lexicon or classifier).
    models : dict
        ``{axis: {"name", "n_train", "sha256"}}`` for an axis labelled by a model.
    """

    coefficients: pd.DataFrame
    axis: str
    outcome: str
    reference: str
    formula: str
    cluster: str
    n_sentences: int
    n_articles: int
    n_dropped: int
    dof: int
    confidence: float
    method: str
    warnings: dict[str, str] = field(default_factory=dict)
    lexicon_name: str | None = None
    lexicon_version: str | None = None
    lexicon_hash: str | None = None
    framing_version: str | None = None
    labels: str | None = None
    models: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModelFit):
            return NotImplemented
        return self.coefficients.equals(other.coefficients) and self._settings() == (
            other._settings()
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"ModelFit(formula={self.formula!r}, axis={self.axis!r}, "
            f"n_sentences={self.n_sentences}, n_articles={self.n_articles})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The coefficients (a copy), with the settings in ``attrs["framing"]``.

        Returns
        -------
        pandas.DataFrame
        """
        frame = self.coefficients.copy()
        frame.attrs = {"framing": {"kind": "model", **self._settings()}}
        return frame

    def table(self, fmt: TableFormat = "github", *, safe_csv: bool = False) -> str:
        """The model as text: one row per term, log-odds and odds ratio with intervals, a note.

        Parameters
        ----------
        fmt : {"github", "pipe", "latex", "html", "plain", "csv", "json"}, default="github"
            Table format, as in :meth:`framing.Comparison.table`. ``"csv"`` gives
            :attr:`coefficients` as CSV; ``"json"`` an object with ``settings`` and
            ``coefficients``.
        safe_csv : bool, default=False
            With ``fmt="csv"``: put a ``'`` before text cells that start with ``=``, ``+``,
            ``-``, ``@``, a tab or a carriage return (terms name values of the data).

        Returns
        -------
        str
            A heading, the table (term; log-odds [CI]; odds ratio [CI]; standard error; t; p)
            and a note with n, the number of articles, the outcome coding, the method, the
            warnings and the provenance of the labels. Names from the data are escaped for
            the format.

        Raises
        ------
        ParameterError
            An unknown ``fmt``.
        """
        if fmt not in TABLE_FORMATS:
            raise ParameterError("fmt", fmt, TABLE_FORMATS)
        if fmt == "csv":
            frame = neutralise_frame(self.coefficients) if safe_csv else self.coefficients
            return str(frame.to_csv(index=False, lineterminator="\n"))
        if fmt == "json":
            payload = {
                "settings": self._settings(),
                "coefficients": json.loads(self.coefficients.to_json(orient="records")),
            }
            return json.dumps(payload, indent=2, ensure_ascii=False)
        minus = "-" if fmt == "latex" else _MINUS
        level = f"{round(self.confidence * 100, 1):g}%"
        heading = (
            f"{_data(self.axis, fmt)} ({_data(self.outcome, fmt)}: 1, "
            f"{_data(self.reference, fmt)}: 0; logistic, errors clustered by "
            f"{_data(self.cluster, fmt)})"
        )
        headers = ["term", f"log-odds [{level} CI]", f"odds ratio [{level} CI]", "SE", "t", "p"]
        body = [
            [
                _data(row.term, fmt),
                _estimate(row.estimate, row.ci_low, row.ci_high, minus),
                _estimate(row.odds_ratio, row.odds_ratio_low, row.odds_ratio_high, minus),
                _number(row.std_error, minus),
                _number(row.statistic, minus),
                _p_text(row.p_value),
            ]
            for row in self.coefficients.itertuples(index=False)
        ]
        blocks = [
            _heading(heading, fmt),
            _render(body, headers, fmt, "lrrrrr"),
            _note(self._note_text(lambda name: _data(name, fmt)), fmt),
        ]
        return "\n\n".join(blocks)

    def _settings(self) -> dict[str, Any]:
        return {
            "axis": self.axis, "outcome": self.outcome, "reference": self.reference,
            "formula": self.formula, "cluster": self.cluster, "n_sentences": self.n_sentences,
            "n_articles": self.n_articles, "n_dropped": self.n_dropped, "dof": self.dof,
            "confidence": self.confidence, "method": self.method,
            "warnings": dict(self.warnings), "lexicon_name": self.lexicon_name,
            "lexicon_version": self.lexicon_version, "lexicon_hash": self.lexicon_hash,
            "framing_version": self.framing_version, "labels": self.labels,
            "models": {axis: dict(info) for axis, info in self.models.items()},
        }  # fmt: skip

    def _note_text(self, name: Any) -> str:
        dropped = (
            f" ({self.n_dropped:,} labelled sentences without a covariate left out)"
            if self.n_dropped
            else ""
        )
        cautions = "".join(
            f" Warning: {code}: {name(text)}." for code, text in self.warnings.items()
        )
        lexicon = _provenance(
            self.lexicon_name, self.lexicon_version, self.lexicon_hash, self.framing_version, name
        )
        return (
            f"Note: n = {self.n_sentences:,} sentences labelled on {name(self.axis)} in "
            f"{self.n_articles:,} articles{dropped}; outcome {name(self.outcome)} = 1, "
            f"{name(self.reference)} = 0 (sentences with neither pole are not in the model). "
            f"Formula: {name(self.formula)}. Odds ratio = exp(log-odds). "
            f"Method: {METHOD.format(cluster=name(self.cluster), dof=self.dof)}.{cautions} "
            f"Lexicon: {lexicon}; labels: {self.labels or 'unknown'}."
            f"{_models_note(self.models, {self.axis: None})}"
        )


# --------------------------------------------------------------------------------------------
# model()
# --------------------------------------------------------------------------------------------
def model(
    sents: pd.DataFrame,
    axis: str | None = None,
    *,
    formula: str,
    axes: AxesLike = None,
    cluster: str = "doc_id",
    missing: Literal["raise", "drop"] = "raise",
    confidence: float = 0.95,
) -> ModelFit:
    """Logistic regression of a sentence's pole on covariates, errors clustered by article.

    The outcome is the pole of each sentence labelled on ``axis``: 1 for the pole on the left
    of ``~`` (the first pole when the formula has no left-hand side), 0 for the other. As in
    the balance of :func:`framing.compare`, sentences labelled ``none`` (the codebook's "code
    none rather than guess") are not in the model: a coefficient says how a covariate shifts
    the odds of one pole against the other among sentences that take a side, not how often a
    sentence takes one. Sentences of one article are not independent (one author, one angle),
    so the standard errors are clustered by article.

    Parameters
    ----------
    sents : pandas.DataFrame
        A sentence table (:func:`framing.score`, or one read back with
        :func:`framing.read_sentences`): ``<axis>_label``, the ``cluster`` column and the
        columns the formula names (document-level ones such as ``outlet``, ``genre``,
        ``year``, ``country`` come from the corpus manifest; sentence-level ones such as
        ``voice`` work too). Not modified.
    axis : str or None, default=None
        The axis to model. None: the axis whose pole is the formula's left-hand side.
    formula : str
        ``"<pole> ~ <terms>"`` or ``"<terms>"``, in the formula language of statsmodels
        (patsy): text columns become treatment-coded factors (the first level in sorted order
        is the reference), numbers enter linearly; ``C(year)`` makes a number a factor,
        ``C(outlet, Treatment("Xinhua"))`` picks the reference level, ``a:b`` and ``a*b`` add
        interactions.
    axes : None, list of str or dict, default=None
        The axes of the table and their poles (see :func:`framing.compare`); None reads them
        from the table.
    cluster : str, default="doc_id"
        The column whose values are the clusters: articles. Another column (``outlet``)
        clusters more coarsely.
    missing : {"raise", "drop"}, default="raise"
        A labelled sentence with no value in a column the formula names: ``"raise"`` stops
        with an error that counts them; ``"drop"`` leaves them out, with a
        :class:`~framing.errors.DataQualityWarning` that counts them.
    confidence : float, default=0.95
        Level of the intervals.

    Returns
    -------
    ModelFit
        ``coefficients``, one row per term, in the formula's order:

        - ``term``: statsmodels' name (``Intercept``, ``outlet[T.NPR]``, ``year``);
        - ``estimate``: the coefficient on the log-odds scale; ``std_error``: its clustered
          standard error; ``statistic``: ``estimate / std_error`` (t);
        - ``p_value``: two-sided, from the t distribution on ``n_articles - 1`` degrees of
          freedom; ``ci_low``, ``ci_high``: the interval of ``estimate``;
        - ``odds_ratio``, ``odds_ratio_low``, ``odds_ratio_high``: ``exp`` of the three.

        and ``n_sentences``, ``n_articles``, ``method``, ``warnings`` and the rest of the
        settings as attributes; ``table(fmt)`` renders it.

    Raises
    ------
    ParameterError
        ``sents`` is not a DataFrame; the formula is empty, has more than one ``~``, a
        left-hand side that is no pole of ``axis`` (or of any axis), or a term statsmodels
        cannot build from the table (the message gives its reason); collinear terms (a term
        that other terms determine, such as ``genre`` when every outlet has one genre);
        ``cluster`` not a column; a bad ``missing`` or ``confidence``.
    InputError
        ``missing="raise"`` and labelled sentences without a value in a named column.
    InsufficientDataError
        Only one pole among the sentences (nothing to model); no more articles than
        parameters (the clustered covariance cannot be estimated); separation: a level of a
        factor (or a region of a number) whose sentences all carry one pole, so that the
        estimate runs to infinity (the message names the terms: merge or drop those levels,
        or collect more articles).

    Warns
    -----
    SmallSampleWarning
        Fewer than :data:`FEW_ARTICLES` articles (``few_articles``).
    DataQualityWarning
        ``missing="drop"`` left sentences out.

    See Also
    --------
    framing.compare : balances per group with intervals and tests, without covariates.

    Notes
    -----
    With :math:`y_{ij} = 1` when sentence :math:`j` of article :math:`i` carries the outcome
    pole, the model is :math:`\\operatorname{logit} P(y_{ij} = 1) = x_{ij}^\\top \\beta`, fitted
    by maximum likelihood as if sentences were independent (a population-averaged model, the
    same point estimates as GEE with an independence working correlation). The covariance is
    the cluster-robust sandwich :math:`c\\,A^{-1} (\\sum_i s_i s_i^\\top) A^{-1}` over the
    :math:`G` articles' score sums :math:`s_i`, with :math:`c = \\frac{G}{G-1}
    \\frac{N-1}{N-K}` (Stata's CR1), and tests and intervals use :math:`t_{G-1}`, so that few
    articles widen them. The simulation in ``benchmarks/bench_model.py`` measures their
    coverage when framing varies from article to article.

    References
    ----------
    Liang, K.-Y. and Zeger, S. L. (1986). Longitudinal data analysis using generalized linear
    models. Biometrika 73(1), 13-22. Cameron, A. C. and Miller, D. L. (2015). A practitioner's
    guide to cluster-robust inference. Journal of Human Resources 50(2), 317-372.

    Examples
    --------
    Constructed labels: 40 articles of two outlets, with an article-level random effect; one
    outlet leans towards ``equal``.

    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> rows = []
    >>> for article in range(40):
    ...     outlet = "A" if article < 20 else "B"
    ...     lean = (1.0 if outlet == "A" else -0.5) + rng.normal(0, 0.5)
    ...     for _ in range(8):
    ...         pole = "equal" if rng.random() < 1 / (1 + np.exp(-lean)) else "junior"
    ...         rows.append((f"d{article}", outlet, pole))
    >>> sents = pd.DataFrame(rows, columns=["doc_id", "outlet", "power_label"])
    >>> fit = model(sents, formula="equal ~ outlet")
    >>> fit.n_sentences, fit.n_articles, fit.dof
    (320, 40, 39)
    >>> print(fit.table("github"))  # doctest: +ELLIPSIS
    **power** (equal: 1, junior: 0; logistic, errors clustered by doc_id)
    <BLANKLINE>
    | term          |    log-odds [95% CI] |   odds ratio [95% CI] |   SE |     t |      p |
    |---------------|----------------------|-----------------------|------|-------|--------|
    | Intercept     |    0.62 [0.28, 0.95] |     1.86 [1.33, 2.59] | 0.17 |  3.74 | <0.001 |
    | outlet\\[T.B\\] | −1.21 [−1.67, −0.76] |     0.30 [0.19, 0.47] | 0.23 | −5.38 | <0.001 |
    <BLANKLINE>
    Note: n = 320 sentences labelled on power in 40 articles; outcome equal = 1, junior = 0 ...
    """
    if not isinstance(sents, pd.DataFrame):
        raise ParameterError(
            "sents", type(sents).__name__, "a pandas DataFrame from framing.score()"
        )
    check_choice(missing, "missing", _MISSING)
    level = check_real(confidence, "confidence", min_val=0, max_val=1,
                       include_boundaries="neither")  # fmt: skip
    if cluster not in sents.columns:
        raise ParameterError("cluster", cluster, tuple(str(c) for c in sents.columns))
    axis, outcome, reference, terms = _parse(sents, axis, formula, axes)
    pole_labels(sents, axis, (outcome, reference), name="axes")  # labels are poles or 'none'
    labelled = sents.loc[sents[f"{axis}_label"].isin([outcome, reference]).to_numpy()]
    labelled, n_dropped = _complete(labelled, terms, cluster, axis, missing)
    data = _model_data(labelled, terms)
    data[_OUTCOME] = (labelled[f"{axis}_label"].to_numpy(dtype=object) == outcome).astype(float)
    groups = pd.factorize(labelled[cluster])[0]
    glm = _design(data, terms, formula, [str(c) for c in sents.columns])
    _check_identified(glm, outcome, reference, groups, axis, formula)
    result = _fit(glm, groups, axis)
    n_articles = int(groups.max()) + 1
    cautions = _cautions(n_articles)
    for code, text in cautions.items():
        warnings.warn(f"{code}: {axis} model: {text}", SmallSampleWarning, stacklevel=2)
    coefficients = _coefficients(result, level)
    text = f"{outcome} ~ {terms}"
    fit = ModelFit(
        coefficients=coefficients, axis=axis, outcome=outcome, reference=reference,
        formula=text, cluster=cluster, n_sentences=len(data), n_articles=n_articles,
        n_dropped=n_dropped, dof=n_articles - 1, confidence=level,
        method=METHOD.format(cluster=cluster, dof=n_articles - 1), warnings=cautions,
        **_label_provenance(sents),
    )  # fmt: skip
    coefficients.attrs = {"framing": {"kind": "model", **fit._settings()}}
    return fit


def _cautions(n_articles: int) -> dict[str, str]:
    """What limits a fit that can be made: few articles."""
    if n_articles < FEW_ARTICLES:
        return {"few_articles": f"{n_articles} articles; {_FEW_ARTICLES_TEXT}"}
    return {}


def _label_provenance(sents: pd.DataFrame) -> dict[str, Any]:
    fields = _provenance_fields(table_info(sents))
    fields["labels"] = fields.pop("method")
    return fields


def _parse(
    sents: pd.DataFrame, axis: str | None, formula: str, axes: AxesLike
) -> tuple[str, str, str, str]:
    """The axis, the outcome pole, the other pole and the right-hand side of ``formula``."""
    if not isinstance(formula, str) or not formula.strip():
        raise ParameterError(
            "formula", formula, "a formula such as 'equal ~ outlet + genre + year'"
        )
    sides = formula.split("~")
    if len(sides) > 2:
        raise ParameterError("formula", formula, "one '~' at most ('<pole> ~ <terms>')")
    left, terms = (sides[0].strip(), sides[1].strip()) if len(sides) == 2 else ("", sides[0])
    terms = terms.strip()
    if not terms:
        raise ParameterError("formula", formula, "terms after '~' ('1' for the intercept only)")
    known = table_axes(sents, axes)
    if axis is None:
        owners = [name for name, poles in known.items() if left in poles]
        if len(owners) != 1:
            raise ParameterError(
                "axis", None, tuple(known),
                hint=f"name the axis: the formula's left-hand side {left!r} is a pole of "
                f"{len(owners)} of the table's axes ({known})",
            )  # fmt: skip
        axis = owners[0]
    elif axis not in known:
        known = table_axes(sents, [axis] if axes is None else axes)
        if axis not in known:
            raise ParameterError("axis", axis, tuple(known))
    first, second = known[axis]
    if not left:
        return axis, first, second, terms
    if left not in (first, second):
        raise ParameterError(
            "formula", formula, f"a pole of {axis!r} on the left of '~': {first!r} or {second!r}"
        )
    return axis, left, second if left == first else first, terms


def _named_columns(frame: pd.DataFrame, terms: str) -> list[str]:
    """The columns of ``frame`` that ``terms`` names (bare names and ``Q("...")``)."""
    names = set(_NAME.findall(terms)) | {m.group(2) for m in _QUOTED.finditer(terms)}
    return [str(column) for column in frame.columns if str(column) in names]


def _complete(
    labelled: pd.DataFrame, terms: str, cluster: str, axis: str, missing: str
) -> tuple[pd.DataFrame, int]:
    """The labelled rows with a value in every column the formula names (and the cluster)."""
    columns = [*_named_columns(labelled, terms), cluster]
    absent = labelled[columns].isna()
    holes = absent.any(axis=1)
    if not holes.any():
        return labelled, 0
    counts = ", ".join(f"{c!r} {int(n):,}" for c, n in absent.sum().items() if n)
    n_docs = labelled.loc[holes, cluster].nunique()
    text = (
        f"{int(holes.sum()):,} of {len(labelled):,} sentences labelled on {axis} "
        f"({n_docs:,} articles) have no value in a column of the model ({counts})"
    )
    if missing == "raise":
        raise InputError(
            f"{text}: fill them in (the corpus manifest), leave the column out of the formula, "
            "or pass missing='drop' to leave those sentences out"
        )
    warnings.warn(f"{text}: left out (missing='drop')", DataQualityWarning, stacklevel=3)
    return labelled.loc[~holes], int(holes.sum())


def _model_data(labelled: pd.DataFrame, terms: str) -> pd.DataFrame:
    """The columns the formula names, in types the formula engine reads: nullable numbers as
    floats, text (and categories) as Python objects."""
    data = {}
    for column in _named_columns(labelled, terms):
        values = labelled[column]
        if pd.api.types.is_bool_dtype(values):
            data[column] = values.astype(bool).to_numpy()
        elif pd.api.types.is_integer_dtype(values):  # no missing value is left
            data[column] = values.to_numpy(dtype=np.int64)
        elif pd.api.types.is_numeric_dtype(values):
            data[column] = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            data[column] = values.astype(object).to_numpy()
    return pd.DataFrame(data, index=pd.RangeIndex(len(labelled)))


def _design(data: pd.DataFrame, terms: str, formula: str, columns: list[str]) -> Any:
    """statsmodels' GLM of the outcome on ``terms`` (design built, not fitted)."""
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    try:
        return smf.glm(
            f"{_OUTCOME} ~ {terms}", data=data, family=sm.families.Binomial(), missing="raise"
        )
    except _formula_errors() as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParameterError(
            "formula", formula, "terms built from columns of the sentence table",
            hint=f"{reason}; the table's columns: {columns}",
        ) from exc  # fmt: skip


def _formula_errors() -> tuple[type[BaseException], ...]:
    """What statsmodels' formula engine (patsy, or formulaic where chosen) raises for a formula
    it cannot build from the data: its own error classes, and Python's for a bad expression."""
    errors: list[type[BaseException]] = [ValueError, TypeError, KeyError, NameError, SyntaxError]
    try:
        from patsy import PatsyError

        errors.append(PatsyError)
    except ImportError:  # statsmodels runs on formulaic alone
        pass
    try:
        from formulaic.errors import FormulaicError

        errors.append(FormulaicError)
    except ImportError:  # or on patsy alone
        pass
    return tuple(errors)


def _check_identified(
    glm: Any, outcome: str, reference: str, groups: Any, axis: str, formula: str
) -> None:
    """Errors for what no clustered logistic fit can estimate: one pole only, no more
    articles than parameters, collinear terms, and separation by a 0/1 column."""
    y = np.asarray(glm.endog, dtype=float)
    x = np.asarray(glm.exog, dtype=float)
    names = list(glm.exog_names)
    n_articles = int(groups.max()) + 1 if len(groups) else 0
    if len(y) == 0 or y.min() == y.max():
        present = outcome if len(y) and y[0] == 1 else reference
        raise InsufficientDataError(
            f"{axis}: every one of the {len(y):,} labelled sentences is {present!r}"
            if len(y) else f"{axis}: no sentence is labelled {outcome!r} or {reference!r}",
            n=len(y), needed=2,
        )  # fmt: skip
    if n_articles <= x.shape[1]:
        raise InsufficientDataError(
            f"{axis}: {n_articles} articles for {x.shape[1]} parameters ({', '.join(names)}): "
            "clustered standard errors need more articles than parameters; use fewer terms "
            "or more articles",
            n=n_articles, needed=x.shape[1] + 1,
        )  # fmt: skip
    collinear = _dependent_columns(x)
    if collinear:
        raise ParameterError(
            "formula", formula, "terms that the other terms do not determine",
            hint=f"{', '.join(names[j] for j in collinear)} "
            f"{'is' if len(collinear) == 1 else 'are'} determined by the terms before "
            "(e.g. every outlet has one genre); leave one of them out",
        )  # fmt: skip
    lonely = _one_article_levels(x, names, groups)
    if lonely:
        raise InsufficientDataError(
            f"{axis}: the sentences of {'; '.join(lonely)} come from one article (each): a "
            "clustered standard error needs two or more articles behind each level; merge or "
            "drop the levels concerned (a filter such as sents[sents[column] != level]) or "
            "collect more articles",
            n=1, needed=2,
        )  # fmt: skip
    separated = []
    for j, name in enumerate(names):
        column = x[:, j]
        if np.ptp(column) == 0 or not np.isin(column, (0.0, 1.0)).all():
            continue
        for value in (1, 0):
            side = y[column == value]
            if np.ptp(side) == 0:
                pole = outcome if side[0] == 1 else reference
                separated.append(f"every sentence with {name} = {value} is {pole!r}")
                break
    if separated:
        _separation(axis, "; ".join(separated))


def _one_article_levels(x: np.ndarray, names: list[str], groups: np.ndarray) -> list[str]:
    """The levels of factors (0/1 columns such as ``outlet[T.NPR]``, and the reference level:
    the rows where every column of the factor is 0) whose sentences come from one article."""
    binary = [
        j for j in range(x.shape[1]) if np.ptp(x[:, j]) > 0 and np.isin(x[:, j], (0, 1)).all()
    ]
    found = [names[j] for j in binary if len(np.unique(groups[x[:, j] == 1])) == 1]
    factors: dict[str, list[int]] = {}
    for j in binary:
        if names[j].count("[") == 1 and ":" not in names[j]:
            factors.setdefault(names[j].split("[")[0], []).append(j)
    for factor, columns in factors.items():
        reference = (x[:, columns] == 0).all(axis=1)
        if reference.any() and len(np.unique(groups[reference])) == 1:
            found.append(f"the reference level of {factor}")
    return found


def _dependent_columns(x: np.ndarray) -> list[int]:
    """Columns of ``x`` in the span of the columns before them (numerical rank)."""
    dependent, rank = [], 0
    for j in range(x.shape[1]):
        if np.linalg.matrix_rank(x[:, : j + 1]) == rank:
            dependent.append(j)
        else:
            rank += 1
    return dependent


def _separation(axis: str, where: str) -> None:
    raise InsufficientDataError(
        f"{axis}: separation: {where}, so an estimate runs to infinity; "
        "merge or drop the levels concerned, leave the term out, or collect more articles",
        n=0, needed=1,
    )  # fmt: skip


def _fit(glm: Any, groups: Any, axis: str) -> GLMResults:
    """The GLM fitted with article-clustered (CR1) errors and t(G - 1) inference."""
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", PerfectSeparationWarning)
        try:
            result = glm.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
        except PerfectSeparationWarning:
            _separation(
                axis, "the terms tell some sentences' pole for certain (fitted probability 0 or 1)"
            )
    fitted = np.asarray(result.fittedvalues, dtype=float)
    if ((fitted < _FITTED_EDGE) | (fitted > 1 - _FITTED_EDGE)).any():
        _separation(
            axis, "the terms tell some sentences' pole for certain (fitted probability 0 or 1)"
        )
    return result


def _coefficients(result: GLMResults, confidence: float) -> pd.DataFrame:
    bounds = np.asarray(result.conf_int(alpha=1 - confidence), dtype=float)
    estimate = np.asarray(result.params, dtype=float)
    with np.errstate(over="ignore"):
        frame = pd.DataFrame(
            {
                "term": [str(name) for name in result.model.exog_names],
                "estimate": estimate,
                "std_error": np.asarray(result.bse, dtype=float),
                "statistic": np.asarray(result.tvalues, dtype=float),
                "p_value": np.asarray(result.pvalues, dtype=float),
                "ci_low": bounds[:, 0],
                "ci_high": bounds[:, 1],
                "odds_ratio": np.exp(estimate),
                "odds_ratio_low": np.exp(bounds[:, 0]),
                "odds_ratio_high": np.exp(bounds[:, 1]),
            }
        )
    return frame.reindex(columns=list(COEFFICIENT_COLUMNS))
