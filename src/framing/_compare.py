"""Compare groups of articles (outlets, countries, genres, years) on the framing axes.

:func:`compare` turns the sentence table of :func:`framing.score` into a :class:`Comparison`:
per group and axis the balance with its confidence interval, pairwise tests of balance
differences with Holm-adjusted p-values and Cohen's h, and an omnibus test per axis with
Cramér's V. The statistics live in :mod:`framing._stats`; this module counts labels per article,
chooses the unit, and lays out and renders the tables.
"""

from __future__ import annotations

import html
import json
import math
import numbers
import textwrap
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from tabulate import tabulate

from ._escape import markdown_text, neutralise_frame, one_line
from ._plain import plain, shown
from ._plots import PlotKind, comparison_figure
from ._random import SeedLike, as_generator
from ._stats import (
    INTERVAL_METHODS,
    IntervalResult,
    balance_interval,
    chi2_independence,
    cohens_h,
    difference_interval,
    holm,
    pairwise_permutation_tests,
    permutation_test_groups,
)
from ._table import AxesLike, is_tally, pole_labels, table_axes, table_info
from ._validation import check_bool, check_choice, check_int, check_real
from .errors import (
    DataQualityWarning,
    FramingWarning,
    InsufficientDataError,
    ParameterError,
    SmallSampleWarning,
)

__all__ = ["Comparison", "compare", "TABLE_FORMATS", "WARNING_CODES"]

Voice = Literal["all", "narrator", "source"]
UnitOption = Literal["auto", "article", "sentence"]
TableFormat = Literal["github", "pipe", "latex", "html", "plain", "csv", "json"]

TABLE_FORMATS = ("github", "pipe", "latex", "html", "plain", "csv", "json")
WARNING_CODES = ("single_document", "few_labels", "no_variation", "no_labels")
_VOICES = ("all", "narrator", "source")
_UNITS = ("auto", "article", "sentence")
_FEW_LABELS = 10
#: Columns of a sentence table that are never groups (text and evidence).
_NOT_GROUPS = frozenset({"doc_id", "text", "cues", "speaker", "voice", "title", "date_precision"})
_LISTED = (10, 8)  # beyond 10 groups or pairs, a warning names 8 and counts the others
_MIN_RESAMPLES = 100
_PAIRWISE_COLUMNS = (
    "group_a",
    "group_b",
    "axis",
    "n_a",
    "n_b",
    "difference",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "effect_size",
    "method",
)
_OMNIBUS_COLUMNS = ("axis", "test", "statistic", "dof", "p_value", "effect_size", "n")
_VOICE_NOTES = {
    "all": "all sentences (the outlets' own words and the sources they quote)",
    "narrator": "narrator only (the outlets' own words; quoted sources left out)",
    "source": "sources only (the voices the outlets quote; their own words left out)",
}
_INTERVAL_NOTES = {
    "t": "cluster-robust t on the atanh scale with jackknife standard errors "
    "(Wilson score where the data show no variation)",
    "bca": "BCa bootstrap",
    "percentile": "percentile bootstrap",
}
_MINUS = "\N{MINUS SIGN}"


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------
class _ShownAsTable:
    """How a result with a ``table(fmt)`` method shows itself: ``print`` gives the plain table,
    Jupyter the HTML table, a Markdown renderer the GitHub table."""

    table: Callable[..., str]  # each result's own table(fmt)

    def __str__(self) -> str:
        return self.table("plain")

    def _repr_html_(self) -> str:
        return self.table("html")

    def _repr_markdown_(self) -> str:
        return self.table("github")


@dataclass(frozen=True, eq=False, repr=False)
class Comparison(_ShownAsTable):
    """Groups compared on the framing axes: three tables and the settings that made them.

    Made by :func:`compare`; see there for the columns of the three tables.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per (axis, group): counts, balance with interval, intensity, unit, warnings.
    pairwise : pandas.DataFrame
        One row per (axis, pair of groups tested): difference of balances with interval,
        permutation p-value, Holm-adjusted p-value, Cohen's h. Every pair, each group against
        ``reference``, the ``contrasts``, or none (see ``pairs``).
    omnibus : pandas.DataFrame
        One row per axis: chi-square statistic, p-value, Cramér's V.
    by : str
        The grouping column.
    axes : dict of str to tuple of (str, str)
        Each axis with its poles; the first pole is the positive sign.
    voice : str
        ``"all"``, ``"narrator"`` or ``"source"``: which sentences were counted.
    unit : str
        The ``unit`` option (``"auto"``, ``"article"``, ``"sentence"``); the unit used for each
        row is in the ``unit`` column of ``summary``.
    n_resamples : int
        Resamples of permutation tests (and of bootstrap intervals).
    seed : int, numpy.random.Generator or None
        The seed given.
    confidence : float
        Level of the intervals.
    interval_method : str
        ``"t"``, ``"bca"`` or ``"percentile"`` for the intervals of balances; differences use
        MOVER with ``"t"``.
    test_method : str
        How p-values were obtained.
    adjustment : str
        Multiple-comparison adjustment of pairwise p-values (within each axis).
    lexicon_name, lexicon_version, method : str or None
        Provenance of the labels, from ``sents.attrs["framing"]``.
    lexicon_hash, framing_version : str or None
        The lexicon's content hash (:attr:`framing.Lexicon.content_hash`) and the version of
        framing that scored the sentences, from ``sents.attrs["framing"]``.
    models : dict
        ``{axis: {"name", "n_train", "sha256"}}`` for each axis labelled by a model
        (``sents.attrs["framing"]["models"]``); empty when the lexicon labelled every axis.
    pairs : {"all", "reference", "contrasts", "none"}
        Which pairs of groups were tested: every pair, each group against ``reference``, the
        ``contrasts`` named, or none (``pairwise=False``).
    reference : object or None
        The reference group (``pairs == "reference"``), else None.
    contrasts : tuple of (object, object)
        The pairs named (``pairs == "contrasts"``), else empty.
    """

    summary: pd.DataFrame
    pairwise: pd.DataFrame
    omnibus: pd.DataFrame
    by: str
    axes: dict[str, tuple[str, str]]
    voice: str
    unit: str
    n_resamples: int
    seed: SeedLike
    confidence: float
    interval_method: str
    test_method: str
    adjustment: str
    lexicon_name: str | None
    lexicon_version: str | None
    method: str | None
    lexicon_hash: str | None = None
    framing_version: str | None = None
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    pairs: str = "all"
    reference: Any = None
    contrasts: tuple[tuple[Any, Any], ...] = ()

    # ---------------------------------------------------------------------------------- dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return (
            self.summary.equals(other.summary)
            and self.pairwise.equals(other.pairwise)
            and self.omnibus.equals(other.omnibus)
            and self._settings() == other._settings()
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        groups = self.summary["group"].nunique() if len(self.summary) else 0
        return (
            f"Comparison(by={self.by!r}, groups={groups}, axes={tuple(self.axes)}, "
            f"voice={self.voice!r}, unit={self.unit!r}, n_resamples={self.n_resamples}, "
            f"seed={self._seed_text()})"
        )

    # ---------------------------------------------------------------------------------- output
    def plot(
        self,
        *,
        kind: PlotKind = "auto",
        confidence: float | None = None,
        groups: Sequence[Any] | None = None,
        axes: Sequence[str] | None = None,
        ax: Any = None,
    ):
        """The framing map beside one ranked plot per axis; beyond 8 groups the ranked plots.

        Parameters
        ----------
        kind : {"auto", "both", "map", "ranked"}, default="auto"
            ``"both"``: the framing map (first two axes) beside a ranked dot-and-interval plot
            per axis; ``"map"`` or ``"ranked"`` alone; ``"auto"``: ``"both"`` up to
            :data:`framing._plots.MAP_MAX_GROUPS` groups, else ``"ranked"``.
        confidence : float, optional
            The level of the intervals, stated in the titles: this comparison's ``confidence``.
            Intervals at another level come from ``compare(..., confidence=...)``.
        groups : list of str, optional
            Only these groups.
        axes : list of str, optional
            Only these axes, in this order; the map shows the first two.
        ax : matplotlib.axes.Axes, optional
            Draw one panel (the map, or the ranked plot of the first of ``axes``) into this
            Axes instead of a new figure.

        Returns
        -------
        matplotlib.figure.Figure
            Never shown; save it with ``figure.savefig("map.png")`` (PNG, SVG, PDF). With
            ``ax``, the figure that holds it.

        Raises
        ------
        framing.errors.ParameterError
            An unknown kind, group or axis; a ``confidence`` other than this comparison's.

        Examples
        --------
        >>> import framing
        >>> texts = ["Xi and Putin are old friends.", "Russia is China's junior partner."]
        >>> sents = framing.score(texts)
        >>> sents["outlet"] = ["A", "B"]
        >>> figure = framing.compare(sents, n_resamples=200).plot()  # doctest: +SKIP
        """
        if confidence is not None and not math.isclose(
            check_real(
                confidence, "confidence", min_val=0, max_val=1, include_boundaries="neither"
            ),
            self.confidence,
        ):
            raise ParameterError(
                "confidence", confidence, f"{self.confidence}, the level of these intervals",
                f"compare(..., confidence={confidence}) computes intervals at that level",
            )  # fmt: skip
        return comparison_figure(
            self.summary, self.axes, by=self.by, confidence=self.confidence, kind=kind,
            groups=groups, axes=axes, ax=ax,
        )  # fmt: skip

    def to_frame(self) -> pd.DataFrame:
        """The three tables stacked in one long DataFrame, for pandas users and CSV export.

        Returns
        -------
        pandas.DataFrame
            A first column ``table`` (``"summary"``, ``"pairwise"`` or ``"omnibus"``), then the
            columns of ``summary``, the columns of ``pairwise`` and of ``omnibus`` that
            ``summary`` lacks, in that order; cells a table does not have are missing.

        Examples
        --------
        Constructed labels of two outlets, two articles each; the built-in axis ``power``
        is read from its ``power_label`` column:

        >>> import pandas as pd
        >>> labels = {"a1": ["equal", "equal"], "a2": ["equal", "junior"],
        ...           "b1": ["junior", "junior"], "b2": ["equal", "none"]}
        >>> sents = pd.DataFrame(
        ...     [(doc[0], doc, label) for doc, pair in labels.items() for label in pair],
        ...     columns=["outlet", "doc_id", "power_label"]).assign(voice="narrator", relevant=True)
        >>> cmp = compare(sents, axes=["power"], n_resamples=100, seed=0)
        >>> cmp.to_frame()["table"].value_counts().to_dict()
        {'summary': 2, 'pairwise': 1, 'omnibus': 1}
        """
        columns = ["table", *self.summary.columns]
        for frame in (self.pairwise, self.omnibus):
            columns += [c for c in frame.columns if c not in columns]
        parts = [
            frame.assign(table=name)
            for name, frame in (
                ("summary", self.summary),
                ("pairwise", self.pairwise),
                ("omnibus", self.omnibus),
            )
        ]
        out = pd.concat(parts, ignore_index=True).reindex(columns=columns)
        # Counts stay integers where a table leaves them empty (concat would make them floats).
        for name in ("n_docs", "n_sentences", "n_relevant", "n_a", "n_b", "n"):
            if name in out.columns:
                out[name] = out[name].astype("Int64")
        return out

    def table(
        self, fmt: TableFormat = "github", *, safe_csv: bool = False, max_pairs: int | None = 30
    ) -> str:
        """The comparison as text: balances with intervals, tests, effect sizes and a note.

        Parameters
        ----------
        fmt : {"github", "pipe", "latex", "html", "plain", "csv", "json"}, default="github"
            Table format (tabulate's names). ``"csv"`` gives :meth:`to_frame` as CSV;
            ``"json"`` an object with ``settings``, ``summary``, ``pairwise`` and ``omnibus``.
        safe_csv : bool, default=False
            With ``fmt="csv"``: put a ``'`` before text cells that start with ``=``, ``+``,
            ``-``, ``@``, a tab or a carriage return (group names, say), so that a spreadsheet
            does not run them as formulas. This changes those cells; numbers are never touched.
        max_pairs : int or None, default=30
            The most pairwise tests shown per axis (not in ``csv`` and ``json``, which hold
            them all). Beyond it the table folds: it shows the ``max_pairs`` tests with the
            smallest adjusted p-value (then the largest ``|h|``), in that order, and a line
            says how many there are and where to find them all (:attr:`pairwise`). 29 groups
            make 406 pairs per axis. None: every test.

        Returns
        -------
        str
            For each axis a table of groups (balance ``−0.42 [−0.61, −0.20]``, pole counts,
            intensity, unit, warnings) and a table of pairwise tests (difference with
            interval, p-value, Holm-adjusted p-value, Cohen's h; folded beyond ``max_pairs``);
            then the omnibus tests and a note stating the unit, n, methods, resamples, seed,
            voice and lexicon. No timestamps.
            Names from the data (groups, the ``by`` column, axes, poles, the lexicon) are text,
            never markup: escaped for Markdown in ``github`` and ``pipe`` (HTML, links, images,
            ``|``), for HTML in ``html`` and for LaTeX in ``latex``, and on one line in every
            table.

        Raises
        ------
        ParameterError
            An unknown ``fmt``; ``max_pairs`` not a positive integer or None.

        Examples
        --------
        >>> import pandas as pd
        >>> sents = pd.DataFrame({  # constructed labels: outlet a leans 'equal', b 'junior'
        ...     "outlet": ["a"] * 6 + ["b"] * 6,
        ...     "doc_id": ["a1", "a1", "a2", "a2", "a3", "a3", "b1", "b1", "b2", "b2", "b3", "b3"],
        ...     "power_label": ["equal", "equal", "equal", "junior", "equal", "none",
        ...                     "junior", "junior", "equal", "junior", "junior", "none"],
        ...     "voice": "narrator", "relevant": True})
        >>> cmp = compare(sents, axes={"power": ("equal", "junior")}, seed=0)
        >>> print(cmp.table("github"))  # doctest: +ELLIPSIS
        **power** (equal: +1, junior: −1)
        <BLANKLINE>
        | group   |   docs |   n_equal |   n_junior |    balance [95% CI] |   intensity | unit    | warnings   |
        |---------|--------|-----------|------------|---------------------|-------------|---------|------------|
        | a       |      3 |         4 |          1 |  0.60 [−0.96, 1.00] |        0.83 | article | few_labels |
        | b       |      3 |         1 |          4 | −0.60 [−1.00, 0.96] |        0.83 | article | few_labels |
        <BLANKLINE>
        | group a   | group b   |   n_a |   n_b |    difference [CI] |     p |   p_adj |     h | test                       |
        |-----------|-----------|-------|-------|--------------------|-------|---------|-------|----------------------------|
        | a         | b         |     5 |     5 | 1.20 [−1.01, 1.76] | 0.200 |   0.200 | +1.29 | article permutation, exact |
        <BLANKLINE>
        **omnibus** (groups x poles, per axis)
        <BLANKLINE>
        | axis   | test                             |   chi2 |   dof |     p |    V |   n |
        |--------|----------------------------------|--------|-------|-------|------|-----|
        | power  | chi2, article permutation, exact |   3.60 |     1 | 0.200 | 0.60 |  10 |
        <BLANKLINE>
        Note: 2 groups by 'outlet'; n = 12 sentences in 6 documents; labelled sentences: power 10. Balance =
        ...
        """  # noqa: E501
        if fmt not in TABLE_FORMATS:
            raise ParameterError("fmt", fmt, TABLE_FORMATS)
        max_pairs = check_int(max_pairs, "max_pairs", min_val=1, allow_none=True)
        if fmt == "csv":
            frame = neutralise_frame(self.to_frame()) if safe_csv else self.to_frame()
            return str(frame.to_csv(index=False, lineterminator="\n"))
        if fmt == "json":
            payload = {"settings": self._settings()}
            for name in ("summary", "pairwise", "omnibus"):
                payload[name] = json.loads(getattr(self, name).to_json(orient="records"))
            return json.dumps(payload, indent=2, ensure_ascii=False)
        minus = "-" if fmt == "latex" else _MINUS
        blocks: list[str] = []
        for axis, (pole_a, pole_b) in self.axes.items():
            name, first, second = (_data(n, fmt) for n in (axis, pole_a, pole_b))
            blocks.append(_heading(f"{name} ({first}: +1, {second}: {minus}1)", fmt))
            blocks.append(self._summary_table(axis, pole_a, pole_b, fmt, minus))
            pairs = self.pairwise[self.pairwise["axis"] == axis]
            if len(pairs):
                shown_pairs = _top_pairs(pairs, max_pairs)
                blocks.append(_pairwise_table(shown_pairs, fmt, minus))
                if len(shown_pairs) < len(pairs):
                    blocks.append(_note(_folded_text(len(shown_pairs), len(pairs)), fmt))
        blocks.append(_heading("omnibus (groups x poles, per axis)", fmt))
        blocks.append(_omnibus_table(self.omnibus, fmt, minus))
        blocks.append(_note(self._note_text(lambda name: _data(name, fmt)), fmt))
        return "\n\n".join(blocks)

    # -------------------------------------------------------------------------------- internals
    def _summary_table(self, axis: str, pole_a: str, pole_b: str, fmt: str, minus: str) -> str:
        rows = self.summary[self.summary["axis"] == axis]
        level = f"{round(self.confidence * 100, 1):g}%"
        headers = [
            "group",
            "docs",
            f"n_{_data(pole_a, fmt)}",
            f"n_{_data(pole_b, fmt)}",
            f"balance [{level} CI]",
            "intensity",
            "unit",
            "warnings",
        ]
        body = [
            [
                _data(row.group, fmt),
                str(int(row.n_docs)),
                str(getattr(row, f"n_{pole_a}")),
                str(getattr(row, f"n_{pole_b}")),
                _estimate(row.balance, row.ci_low, row.ci_high, minus),
                _number(row.intensity, minus),
                row.unit,
                row.warnings,
            ]
            for row in rows.itertuples(index=False)
        ]
        return _render(body, headers, fmt, "lrrrrrll")

    def _seed_text(self) -> str:
        if self.seed is None:
            return "None"
        if isinstance(self.seed, np.random.Generator):
            return "a numpy Generator"
        return str(self.seed)

    def _settings(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "axes": {axis: list(poles) for axis, poles in self.axes.items()},
            "voice": self.voice,
            "unit": self.unit,
            "n_resamples": self.n_resamples,
            "seed": self.seed if isinstance(self.seed, int) else self._seed_text(),
            "confidence": self.confidence,
            "interval_method": self.interval_method,
            "test_method": self.test_method,
            "adjustment": self.adjustment,
            "lexicon_name": self.lexicon_name,
            "lexicon_version": self.lexicon_version,
            "lexicon_hash": self.lexicon_hash,
            "framing_version": self.framing_version,
            "method": self.method,
            "models": {axis: dict(info) for axis, info in self.models.items()},
            "pairs": self.pairs,
            "reference": _json_name(self.reference),
            "contrasts": [[_json_name(a), _json_name(b)] for a, b in self.contrasts],
        }

    def _note_text(self, name: Callable[[object], str]) -> str:
        """The note; ``name`` renders names from the data (``by``, the lexicon) for the format."""
        summary = self.summary
        groups = summary["group"].nunique() if len(summary) else 0
        first_axis = next(iter(self.axes))
        per_axis = summary[summary["axis"] == first_axis]
        n_docs = int(per_axis["n_docs"].sum())
        n_sentences = int(per_axis["n_sentences"].sum())
        labelled = ", ".join(f"{axis} {int(self._labelled(axis)):,}" for axis in self.axes)
        units = tuple(sorted(set(summary["unit"])))
        if units == ("sentence",) and self.unit == "auto":
            unit_text = (
                "sentences: no group has two or more articles with labelled sentences "
                "(single_document), so intervals and tests speak for those documents only"
            )
        else:
            unit_text = {
                ("article",): "articles (cluster resampling) in every group",
                ("sentence",): "sentences (unit='sentence')",
                ("article", "sentence"): "articles where a group has two or more labelled "
                "articles, sentences otherwise (single_document)",
            }.get(units, "none")
        seed = self._seed_text()
        if not isinstance(self.seed, int):
            seed += " (not reproducible)"
        lexicon = _provenance(
            self.lexicon_name, self.lexicon_version, self.lexicon_hash, self.framing_version, name
        )
        level = f"{round(self.confidence * 100, 1):g}%"
        return (
            f"Note: {groups} groups by '{name(self.by)}'; n = {n_sentences:,} sentences in "
            f"{n_docs:,} documents; labelled sentences: {labelled}. "
            f"Balance = (n_first - n_second) / (n_first + n_second) over labelled sentences; "
            f"intensity = labelled / relevant sentences. Unit: {unit_text}. "
            f"{level} intervals: {_INTERVAL_NOTES.get(self.interval_method, self.interval_method)}"
            f"; differences: MOVER from the two intervals"
            f"{'' if self.interval_method == 't' else ' or the bootstrap of differences'}. "
            f"Tests: {self.test_method}; {self.n_resamples:,} resamples; seed {seed}; "
            f"{self._family_text(name)}. Effect sizes: Cohen's h "
            f"(pairwise), Cramér's V (omnibus). Voice: {_VOICE_NOTES[self.voice]}. "
            f"Lexicon: {lexicon}; method: {self.method or 'unknown'}."
            f"{_models_note(self.models, self.axes)}"
        )

    def _family_text(self, name: Callable[[object], str]) -> str:
        """Which pairs were tested and the family of the multiple-testing adjustment."""
        if self.pairs == "none":
            return "no pairwise tests (pairwise=False)"
        tested = self.pairwise.groupby("axis", sort=False)["p_value"].count()
        sizes = {axis: int(tested.get(axis, 0)) for axis in self.axes}
        if len(set(sizes.values())) == 1:
            family = f"the {next(iter(sizes.values())):,} tests made on each axis"
        else:
            counts = ", ".join(f"{axis} {n:,}" for axis, n in sizes.items())
            family = f"the tests made on each axis ({counts})"
        chosen = {
            "all": "",
            "reference": f"pairs: each group against '{name(self.reference)}'; ",
            "contrasts": f"pairs: the {len(self.contrasts):,} contrasts named; ",
        }[self.pairs]
        return f"{chosen}p_adj: {self.adjustment.capitalize()} over {family}"

    def _labelled(self, axis: str) -> int:
        rows = self.summary[self.summary["axis"] == axis]
        pole_a, pole_b = self.axes[axis]
        return int(rows[f"n_{pole_a}"].sum() + rows[f"n_{pole_b}"].sum())


# --------------------------------------------------------------------------------------------
# Rendering helpers
# --------------------------------------------------------------------------------------------
def _number(value: float, minus: str, digits: int = 2, sign: bool = False) -> str:
    if value is None or pd.isna(value):
        return "n/a"
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    if text.lstrip("+-").strip("0.") == "":  # -0.00 and +0.00 read as 0.00
        text = f"{0:.{digits}f}"
    return text.replace("-", minus)


def _estimate(value: float, low: float, high: float, minus: str) -> str:
    if pd.isna(value):
        return "n/a"
    return f"{_number(value, minus)} [{_number(low, minus)}, {_number(high, minus)}]"


def _p_text(p: float) -> str:
    if pd.isna(p):
        return "n/a"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _render(body: list[list[Any]], headers: list[str], fmt: str, align: str) -> str:
    """Tabulate strings as they are; ``align`` has one letter per column (l or r)."""
    columns = tuple("right" if a == "r" else "left" for a in align)
    return str(
        tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=columns)
    )


def _data(value: object, fmt: str) -> str:
    """A name from the data (a group, axis, pole, column) as text of ``fmt``: on one line,
    and escaped for Markdown in github and pipe tables (html and latex escape later)."""
    return markdown_text(value) if fmt in ("github", "pipe") else one_line(value)


def _heading(text: str, fmt: str) -> str:
    if fmt in ("github", "pipe"):
        first, _, rest = text.partition(" ")
        return f"**{first}** {rest}".rstrip()
    if fmt == "html":
        return f"<p><strong>{html.escape(text)}</strong></p>"
    if fmt == "latex":
        return f"\\paragraph{{{_latex_escape(text)}}}"
    return text


def _note(text: str, fmt: str) -> str:
    if fmt in ("plain", "github", "pipe"):
        return textwrap.fill(text, width=100, break_on_hyphens=False)
    if fmt == "html":
        return f"<p><small>{html.escape(text)}</small></p>"
    if fmt == "latex":
        return f"{{\\footnotesize {_latex_escape(text)}}}"
    return text


def _latex_escape(text: str) -> str:
    for char, escaped in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("~", r"\textasciitilde{}"),
        ("^", r"\textasciicircum{}"),
    ):
        text = text.replace(char, escaped)
    return text.replace(_MINUS, "-")


def _pairwise_table(pairs: pd.DataFrame, fmt: str, minus: str) -> str:
    headers = ["group a", "group b", "n_a", "n_b", "difference [CI]", "p", "p_adj", "h", "test"]
    body = [
        [
            _data(row.group_a, fmt),
            _data(row.group_b, fmt),
            str(int(row.n_a)),
            str(int(row.n_b)),
            _estimate(row.difference, row.ci_low, row.ci_high, minus),
            _p_text(row.p_value),
            _p_text(row.p_adjusted),
            _number(row.effect_size, minus, sign=True),
            row.method,
        ]
        for row in pairs.itertuples(index=False)
    ]
    return _render(body, headers, fmt, "llrrrrrrl")


def _json_name(group: Any) -> Any:
    """A group as JSON holds it: a plain number, text, bool or None, else its text."""
    value = plain(group)
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _top_pairs(pairs: pd.DataFrame, max_pairs: int | None) -> pd.DataFrame:
    """All pairs, or the ``max_pairs`` with the smallest adjusted p, then the largest |h|."""
    if max_pairs is None or len(pairs) <= max_pairs:
        return pairs
    ranked = pairs.assign(_size=-pairs["effect_size"].abs())
    ranked = ranked.sort_values(["p_adjusted", "_size"], na_position="last")
    return ranked.head(max_pairs).drop(columns="_size")


def _folded_text(shown: int, total: int) -> str:
    """The line under a folded table of pairwise tests: what it shows, where the rest is."""
    return (
        f"Showing {shown:,} of {total:,} pairwise tests on this axis: those with the smallest "
        "p_adj, then the largest |h|. Every test: Comparison.pairwise, table(fmt='csv'), or "
        "--format csv on the command line; fewer tests: reference= or contrasts= "
        "(--reference, --contrast)."
    )


def _omnibus_table(omnibus: pd.DataFrame, fmt: str, minus: str) -> str:
    headers = ["axis", "test", "chi2", "dof", "p", "V", "n"]
    body = [
        [
            _data(row.axis, fmt),
            row.test,
            _number(row.statistic, minus),
            "n/a" if pd.isna(row.dof) else str(int(row.dof)),
            _p_text(row.p_value),
            _number(row.effect_size, minus),
            str(int(row.n)),
        ]
        for row in omnibus.itertuples(index=False)
    ]
    return _render(body, headers, fmt, "llrrrrr")


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------
def _sorted_groups(values: Sequence[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda v: (type(v).__name__, str(v)))


def _resolve_axes(sents: pd.DataFrame, axes: AxesLike) -> dict[str, tuple[str, str]]:
    """The axes to compare (:func:`framing._table.table_axes`), with count columns that do not
    clash."""
    resolved = table_axes(sents, axes)
    poles_all = [f"n_{p}" for poles in resolved.values() for p in poles]
    clash = [c for c in poles_all if poles_all.count(c) > 1 or c in _FIXED_COUNTS]
    if clash:
        raise ParameterError(
            "axes", axes, "pole names that make distinct columns", hint=f"clashing: {clash}"
        )
    return resolved


_FIXED_COUNTS = ("n_docs", "n_sentences", "n_relevant")


def _check_options(
    sents: Any, by: str, voice: str, unit: str, n_resamples: Any, confidence: Any, interval: str
) -> tuple[int, float]:
    """Validate every option; return ``n_resamples`` and ``confidence`` as Python numbers."""
    if not isinstance(sents, pd.DataFrame):
        raise ParameterError(
            "sents",
            type(sents).__name__,
            "a pandas DataFrame from framing.score() or framing.tally()",
        )
    if by not in sents.columns:
        hint = "a tally keeps only document-level columns" if is_tally(sents) else ""
        raise ParameterError("by", by, tuple(str(c) for c in sents.columns), hint=hint)
    check_choice(voice, "voice", _VOICES)
    check_choice(unit, "unit", _UNITS)
    check_choice(interval, "interval", INTERVAL_METHODS)
    return (
        check_int(n_resamples, "n_resamples", min_val=_MIN_RESAMPLES),
        check_real(confidence, "confidence", min_val=0, max_val=1, include_boundaries="neither"),
    )


def _check_pair_options(reference: Any, contrasts: Any, pairwise: Any) -> None:
    """``reference``, ``contrasts`` and ``pairwise`` exclude one another."""
    check_bool(pairwise, "pairwise")
    if reference is not None and contrasts is not None:
        raise ParameterError(
            "contrasts", contrasts, "None when reference is given",
            hint="test each group against a reference or the contrasts named, not both",
        )  # fmt: skip
    if not pairwise and (reference is not None or contrasts is not None):
        name, value = (
            ("reference", reference) if reference is not None else ("contrasts", contrasts)
        )
        raise ParameterError(
            name, value, "None with pairwise=False", hint="pairwise=False tests no pair"
        )
    if isinstance(contrasts, (str, bytes)) or (
        contrasts is not None and not isinstance(contrasts, Iterable)
    ):
        raise ParameterError("contrasts", contrasts, "a list of pairs of groups, or None")


@dataclass(frozen=True)
class _Pairs:
    """The pairs to test: their kind, positions in the sorted groups, and the names given."""

    kind: str
    pairs: list[tuple[int, int]]
    reference: Any = None
    contrasts: tuple[tuple[Any, Any], ...] = ()


def _group_position(value: Any, groups: list[Any], name: str, by: str) -> int:
    """The position of the group ``value`` (or of the one group whose text it is)."""
    for position, group in enumerate(groups):
        try:
            if bool(group == value):
                return position
        except (TypeError, ValueError):  # a value that compares elementwise (a list ...)
            break
    by_text = [k for k, group in enumerate(groups) if str(plain(group)) == str(plain(value))]
    if len(by_text) == 1:
        return by_text[0]
    raise ParameterError(name, value, tuple(groups), hint=f"name a group of column {by!r}")


def _chosen_pairs(
    groups: list[Any], by: str, reference: Any, contrasts: Iterable[Any] | None, pairwise: bool
) -> _Pairs:
    """The pairs of groups to test (positions in ``groups``) from the options of compare()."""
    if not pairwise:
        return _Pairs("none", [])
    if reference is not None:
        r = _group_position(reference, groups, "reference", by)
        return _Pairs("reference", [(g, r) for g in range(len(groups)) if g != r], groups[r])
    if contrasts is None:
        pairs = [(i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))]
        return _Pairs("all", pairs)
    positions: list[tuple[int, int]] = []
    for contrast in contrasts:
        if (
            isinstance(contrast, (str, bytes))
            or not isinstance(contrast, Sequence)
            or len(contrast) != 2
        ):
            raise ParameterError(
                "contrasts", contrast, "a pair of two groups, e.g. ('Xinhua', 'TASS')"
            )
        i, j = (_group_position(value, groups, "contrasts", by) for value in contrast)
        if i == j:
            raise ParameterError("contrasts", contrast, "a pair of two different groups")
        if (i, j) in positions or (j, i) in positions:
            raise ParameterError(
                "contrasts", contrast, "each pair of groups once",
                hint="a pair and its reverse are one test",
            )  # fmt: skip
        positions.append((i, j))
    named = tuple((groups[i], groups[j]) for i, j in positions)
    return _Pairs("contrasts", positions, contrasts=named)


# --------------------------------------------------------------------------------------------
# compare()
# --------------------------------------------------------------------------------------------

def _no_groups_message(frame: pd.DataFrame, by: str, counted: bool) -> str:
    """Why nothing can be compared when ``by`` is empty in every row, and what to do: the usual
    cause is a folder of .txt files without a manifest, so no document has an outlet."""
    n = int(frame["n_sentences"].sum()) if counted else len(frame)
    usable = [
        str(column) for column in frame.columns
        if column != by and column not in _NOT_GROUPS
        and pd.api.types.is_string_dtype(frame[column])
        and frame[column].nunique(dropna=True) >= 2
        and frame.groupby("doc_id")[column].nunique(dropna=True).max() <= 1
    ]  # fmt: skip
    other = f"; columns that could group: {', '.join(usable)}" if usable else ""
    return (
        f"column {by!r} has no value in any of the {n} sentences "
        f"({frame['doc_id'].nunique()} documents), so there is nothing to compare. "
        f"A folder of .txt files needs a manifest.csv beside them with a column {by!r} "
        f"(file,{by},...); or compare by a column that has values (by=... / --by){other}"
    )


def compare(
    sents: pd.DataFrame,
    by: str = "outlet",
    *,
    axes: AxesLike = None,
    voice: Voice = "all",
    unit: UnitOption = "auto",
    n_resamples: int = 10_000,
    confidence: float = 0.95,
    interval: Literal["t", "bca", "percentile"] = "t",
    seed: SeedLike = 0,
    reference: Any = None,
    contrasts: Iterable[tuple[Any, Any]] | None = None,
    pairwise: bool = True,
) -> Comparison:
    """Compare groups of articles on each framing axis: balances, intervals, tests, effect sizes.

    Parameters
    ----------
    sents : pandas.DataFrame
        The sentence table of :func:`framing.score`: one row per sentence with ``doc_id``, the
        column ``by``, ``voice``, ``relevant`` and ``X_label`` for every axis ``X`` (a pole
        name or ``"none"``). Or its tally (:func:`framing.tally`, :func:`framing.merge_tallies`,
        :func:`framing.dask.tally`): one row per (document, voice) with ``doc_id``, ``by``,
        ``voice``, ``n_sentences``, ``n_relevant`` and ``n_<pole>`` for every pole, recognised
        by ``attrs["framing"]["kind"] == "tally"`` or by these columns; every number is then
        identical to that of the sentence table. Not modified.
    by : str, default="outlet"
        The column that defines the groups (``outlet``, ``country``, ``genre``, ``year`` ...;
        of a tally, a document-level column). Rows where it is missing are dropped with a
        warning.
    axes : None, list of str or dict, default=None
        The axes to compare and their poles (the first pole is the positive sign). None: every
        axis of the table; a list of names: those axes; a dict ``{axis: (first_pole,
        second_pole)}``: those poles. Read from ``attrs["framing"]`` when the table has it, else
        from its columns (``<axis>_label``, the built-in lexicon's poles), so that a table read
        back from a file or merged with a coding sheet works as it is
        (:func:`framing._table.table_axes`).
    voice : {"all", "narrator", "source"}, default="all"
        ``"narrator"`` counts the outlets' own words only, ``"source"`` only the voices they
        quote, ``"all"`` both.
    unit : {"auto", "article", "sentence"}, default="auto"
        The independent unit of intervals and tests. ``"auto"``: articles in a group with two
        or more articles with labelled sentences, else sentences (and a ``single_document``
        warning); ``"article"``: articles everywhere (an error if a group cannot); ``"sentence"``:
        sentences everywhere (too narrow intervals when framing varies between articles).
    n_resamples : int, default=10_000
        Random permutations of each test (and bootstrap resamples with ``interval="bca"`` or
        ``"percentile"``); a test enumerates all permutations when they are fewer. At least 100.
    confidence : float, default=0.95
        Level of the intervals.
    interval : {"t", "bca", "percentile"}, default="t"
        Interval of balances (see :func:`framing.balance_interval`).
    seed : int, numpy.random.Generator or None, default=0
        Randomness of the Monte Carlo tests (and bootstraps); a fixed integer makes every number
        reproducible.
    reference : object or None, default=None
        Test each group against this group only (``k - 1`` tests per axis instead of
        ``k (k - 1) / 2``): a value of ``by``, or its text (``"2013"`` names the group 2013, as
        the command line's ``--reference`` gives it). None: every pair.
    contrasts : iterable of (object, object) or None, default=None
        Test only these pairs of groups, in this order (``[("Xinhua", "TASS"), ...]``); each
        ``difference`` is the first group's balance minus the second's. Not with ``reference``.
    pairwise : bool, default=True
        False: no pairwise tests, the omnibus test only (``pairwise`` is then empty). Not with
        ``reference`` or ``contrasts``.

    Returns
    -------
    Comparison
        ``summary``, one row per (axis, group), axes in order and groups sorted:

        - ``group``: the value of ``by``; ``axis``: the axis;
        - ``n_docs``, ``n_sentences``, ``n_relevant``: documents, sentences and relevant
          sentences of the group (after the ``voice`` filter);
        - ``n_<pole>`` for every pole of every axis (nullable ``Int64``; ``<NA>`` for the poles
          of the other axes): labelled sentences;
        - ``balance``: ``(nA - nB) / (nA + nB)``, NaN when nothing is labelled;
          ``ci_low``, ``ci_high``: its interval;
        - ``intensity``: ``(nA + nB) / n_relevant``;
        - ``unit``: ``"article"`` or ``"sentence"``, the unit of the interval;
        - ``warnings``: codes separated by ``"; "`` (``""`` when none): ``single_document``
          (fewer than two articles with labelled sentences: sentences were resampled, and the
          interval speaks for that document, not the group), ``few_labels`` (fewer than 10
          labelled sentences; still tested), ``no_variation`` (every unit has the same balance,
          e.g. one pole only: Wilson score interval of the pooled sentences), ``no_labels``
          (no labelled sentence: balance NaN, tests skipped).

        ``pairwise``, one row per (axis, pair of groups tested): every pair in sorted order;
        with ``reference``, each other group (``group_a``, sorted) against the reference
        (``group_b``); with ``contrasts``, the pairs in the order given. Columns ``group_a``,
        ``group_b``, ``axis``, ``n_a``, ``n_b`` (labelled sentences), ``difference``
        (``balance_a - balance_b``), ``ci_low``, ``ci_high``, ``p_value`` (two-sided
        permutation test), ``p_adjusted`` (Holm within the axis, over the tests made: the
        note states their number), ``effect_size`` (Cohen's h on the share of the first pole,
        same sign as ``difference``), ``method``.

        ``omnibus``, one row per axis: ``axis``, ``test``, ``statistic`` (Pearson's
        chi-square of the group x pole table), ``dof``, ``p_value``, ``effect_size``
        (Cramér's V), ``n`` (labelled sentences).

    Raises
    ------
    ParameterError
        ``by`` not a column (the message lists the columns); missing columns; axes that cannot
        be resolved (the message says how to pass them); a bad ``voice``, ``unit``,
        ``interval``, ``confidence``; ``n_resamples`` below 100 or not an integer; a seed that
        is not an integer, a Generator or None; a ``reference`` or a group of ``contrasts``
        that is not a group (the message lists the groups), a contrast of a group with itself
        or named twice, ``reference`` with ``contrasts``, either with ``pairwise=False``.
    InsufficientDataError
        Fewer than two groups (after filters), including an empty table; ``unit="article"``
        with a group that has fewer than two labelled articles.

    Warns
    -----
    DataQualityWarning
        Rows with a missing ``by`` value were dropped (the warning counts them).
    SmallSampleWarning
        Groups with ``single_document``, ``few_labels`` or ``no_variation`` (one warning per
        code, naming the groups).
    FramingWarning
        Groups with ``no_labels`` (their tests are skipped); an axis whose omnibus test
        cannot be computed.

    See Also
    --------
    framing.balance_interval, framing.permutation_test_balance,
    framing.permutation_test_groups, framing._stats.chi2_independence

    Notes
    -----
    For a group with articles :math:`i` having :math:`a_i` and :math:`b_i` sentences labelled
    with the two poles,

    .. math:: \\text{balance} = \\frac{\\sum_i (a_i - b_i)}{\\sum_i (a_i + b_i)}, \\qquad
              h = 2 \\arcsin\\sqrt{p_1} - 2 \\arcsin\\sqrt{p_2}, \\qquad
              V = \\sqrt{X^2 / n}

    with :math:`p = \\sum a_i / \\sum (a_i + b_i)`. Framing varies from article to article,
    so sentences of one article are not independent; the article is the unit wherever a group
    has two or more articles.

    *Why the t interval is the default.* In the simulation of
    ``benchmarks/bench_calibration.py`` (outlets of 5, 8 or 10 articles, each article's share
    of the first pole drawn from a Beta around the outlet mean, 5-40 labelled sentences per
    article, 1000 replications per cell) 95 % intervals covered the true balance: resampling
    sentences 0.42-0.84; percentile bootstrap over articles 0.74-0.91; BCa over articles
    0.75-0.92; studentised bootstrap 0.77-0.98 and twice as wide; the cluster-robust t
    interval on the atanh scale with jackknife standard errors 0.92-0.97 (0.916 at 8 articles
    only for extremely polarised articles, Beta(1.7, 0.3)). So ``interval="t"``; BCa and
    percentile remain available. Differences use MOVER (Newcombe 1998; Zou & Donner 2008),
    which covered 0.94-0.98 (BCa of differences: 0.79-0.92).

    *Tests.* A pair of groups is tested by permuting articles between them (sentences when a
    group has fewer than two labelled articles): exact when all splits are at most
    ``n_resamples``, otherwise :math:`p = (b + 1) / (m + 1)`. Two outlets drawn from one
    process were declared different at 0.05 in 4.3-5.7 % of the simulations (but in up to 16 %
    when the outlets had the same mean and the one with fewer articles varied much more: no
    permutation test is exact for that Behrens-Fisher case). With many groups, ``reference``
    or ``contrasts`` test fewer pairs: the Holm family is the tests made, so each test keeps
    more power. The omnibus statistic is Pearson's chi-square of the pooled group x pole
    table, but its p-value comes
    from permuting articles between groups (false-positive rate 0.047-0.051, where the
    classical chi-square p-value, which treats sentences as independent, gave 0.31-0.87);
    when a group has fewer than two labelled articles the classical test is used (exact for
    2 x 2 tables or Monte Carlo when expected counts are below 5). Pairwise p-values are
    adjusted with Holm's method within each axis.

    References
    ----------
    .. [1] Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
       Chapman & Hall, ch. 11-15.
    .. [2] Holm, S. (1979). A simple sequentially rejective multiple test procedure.
       *Scandinavian Journal of Statistics* 6, 65-70.
    .. [3] Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.
    .. [4] Zou, G. Y. and Donner, A. (2008). Construction of confidence limits about effect
       measures: a general approach. *Statistics in Medicine* 27, 1693-1702.
    .. [5] Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate.
       *JRSS B* 57, 289-300 (:func:`framing.benjamini_hochberg`, for other families).
    .. [6] Cliff, N. (1993). Dominance statistics. *Psychological Bulletin* 114, 494-509
       (:func:`framing.cliffs_delta`, for sentence scores).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [  # constructed: outlet, doc_id, power label of each relevant sentence
    ...     ("a", "a1", "equal"), ("a", "a1", "equal"), ("a", "a1", "junior"),
    ...     ("a", "a2", "equal"), ("a", "a2", "none"), ("a", "a3", "equal"),
    ...     ("b", "b1", "junior"), ("b", "b1", "junior"), ("b", "b2", "equal"),
    ...     ("b", "b2", "junior"), ("b", "b3", "junior"),
    ... ]
    >>> sents = pd.DataFrame(rows, columns=["outlet", "doc_id", "power_label"])
    >>> sents = sents.assign(voice="narrator", relevant=True)
    >>> cmp = compare(sents, axes={"power": ("equal", "junior")}, seed=0)
    >>> cmp.summary[["group", "n_equal", "n_junior", "balance", "ci_low", "warnings"]].round(3)
      group  n_equal  n_junior  balance  ci_low    warnings
    0     a        4         1      0.6  -0.913  few_labels
    1     b        1         4     -0.6  -0.998  few_labels
    >>> cmp.pairwise[["group_a", "group_b", "difference", "p_value", "method"]]
      group_a group_b  difference  p_value                         method
    0       a       b         1.2      0.1  article permutation, exact

    Against a reference group, or the omnibus test only:

    >>> against_b = compare(sents, axes={"power": ("equal", "junior")}, reference="b", seed=0)
    >>> against_b.pairwise[["group_a", "group_b", "difference"]]
      group_a group_b  difference
    0       a       b         1.2
    >>> len(compare(sents, axes={"power": ("equal", "junior")}, pairwise=False).pairwise)
    0
    """
    n_resamples, confidence = _check_options(
        sents, by, voice, unit, n_resamples, confidence, interval
    )
    _check_pair_options(reference, contrasts, pairwise)
    rng = as_generator(seed)
    if isinstance(seed, numbers.Integral):  # a numpy integer is reported as the same seed
        seed = int(seed)
    resolved = _resolve_axes(sents, axes)
    counted = is_tally(sents)
    if counted:
        poles = [f"n_{pole}" for pair in resolved.values() for pole in pair]
        required = ["doc_id", "voice", "n_sentences", "n_relevant", *poles]
    else:
        required = ["doc_id", "voice", "relevant", *(f"{axis}_label" for axis in resolved)]
    missing = [c for c in required if c not in sents.columns]
    if missing:
        raise ParameterError(
            "sents",
            f"a {'tally' if counted else 'table'} without {missing}",
            f"a {'tally' if counted else 'sentence table'} with the columns {required}",
            hint="make it with framing.tally()" if counted else "make it with framing.score()",
        )

    frame = sents
    if voice != "all":
        frame = frame[frame["voice"].to_numpy() == voice]
    missing_by = frame[by].isna().to_numpy()
    if len(frame) and missing_by.all():
        raise InsufficientDataError(_no_groups_message(frame, by, counted), n=0, needed=2)
    if missing_by.any():
        dropped = frame[missing_by]
        n_dropped = int(dropped["n_sentences"].sum()) if counted else int(missing_by.sum())
        warnings.warn(
            f"dropped {n_dropped} sentences (in {dropped['doc_id'].nunique()} "
            f"documents) that have no value in column {by!r}",
            DataQualityWarning,
            stacklevel=2,
        )
        frame = frame[~missing_by]
    groups = _sorted_groups(list(pd.unique(frame[by])))
    if len(groups) < 2:
        where = "" if voice == "all" else f" with voice={voice!r}"
        what = f"only {shown(groups[0])}" if groups else "no sentences"
        raise InsufficientDataError(
            f"a comparison needs at least two groups in column {by!r}{where}; found {what}",
            group=str(groups[0]) if groups else None,
            n=len(groups),
            needed=2,
        )

    if counted:
        counts = _count_tally(frame, by, groups, resolved)
    else:
        counts = _count_articles(frame, by, groups, resolved)
    chosen = _chosen_pairs(groups, by, reference, contrasts, pairwise)
    rows, results = _summarise(counts, groups, resolved, unit, interval, confidence,
                               n_resamples, rng)  # fmt: skip
    summary = _summary_frame(rows, resolved)
    _warn_codes(summary, by)
    tests = _pairwise_frame(counts, groups, resolved, results, unit, n_resamples, rng,
                            chosen.pairs)  # fmt: skip
    omnibus = _omnibus_frame(counts, groups, resolved, results, n_resamples, rng)
    return Comparison(
        summary, tests, omnibus, by=by, axes=resolved, voice=voice, unit=unit,
        n_resamples=int(n_resamples), seed=seed, confidence=float(confidence),
        interval_method=interval, test_method=_describe_tests(tests, omnibus),
        adjustment="holm", **_provenance_fields(table_info(sents)), pairs=chosen.kind,
        reference=chosen.reference, contrasts=chosen.contrasts,
    )  # fmt: skip


def _provenance_fields(info: dict[str, Any]) -> dict[str, Any]:
    """The provenance fields of a :class:`Comparison` from a table's ``attrs["framing"]``
    (None where the table does not say)."""
    lexicon = info.get("lexicon")
    if not isinstance(lexicon, dict):
        lexicon = {}
    return {
        "lexicon_name": lexicon.get("name"), "lexicon_version": lexicon.get("version"),
        "lexicon_hash": lexicon.get("hash"), "method": info.get("method"),
        "framing_version": info.get("framing_version"), "models": dict(info.get("models") or {}),
    }  # fmt: skip


def _provenance(
    name: str | None,
    version: str | None,
    content_hash: str | None,
    framing_version: str | None,
    escape: Callable[[object], str],
) -> str:
    """``relationship 2.0.0 (content hash 2d8b7d6a95b0); framing 0.1.0``: the lexicon as every
    output names it. Name and version come from the data and are escaped for the format; the
    hash and framing's version are framing's own text (hex digits, dotted numbers)."""
    text = escape(" ".join(v for v in (name, version) if v) or "unknown")
    if content_hash:
        text += f" (content hash {content_hash})"
    if framing_version:
        text += f"; framing {framing_version}"
    return text


def _models_note(models: dict[str, dict[str, Any]], axes: dict[str, Any]) -> str:
    """The note's sentence on the models: name, training size and content hash per axis."""
    if not models:
        return ""
    parts = []
    for axis in axes:
        info = models.get(axis)
        if info is None:
            parts.append(f"{axis}: lexicon")
            continue
        size = "training size unknown" if info.get("n_train") is None else (
            f"{int(info['n_train']):,} training sentences"
        )
        digest = f"sha256 {info['sha256'][:12]}" if info.get("sha256") else "no content hash"
        parts.append(f"{axis}: model {info.get('name')} ({size}, {digest})")
    return f" Models: {'; '.join(parts)}."


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Counts:
    """Per-article counts; articles sorted by group, ``bounds[g]:bounds[g + 1]`` is group g."""

    bounds: np.ndarray
    n_sentences: np.ndarray
    n_relevant: np.ndarray
    first: dict[str, np.ndarray]
    second: dict[str, np.ndarray]


def _articles(frame: pd.DataFrame, by: str, groups: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """The article (group, doc_id) of every row, articles sorted by group then doc_id; bounds."""
    group_code = pd.Index(groups).get_indexer(frame[by])
    try:  # articles in doc_id order, so that draws do not depend on the order of rows
        doc_code, doc_values = pd.factorize(frame["doc_id"], sort=True)
    except TypeError:
        doc_code, doc_values = pd.factorize(frame["doc_id"].astype(str), sort=True)
    n_doc_values = max(len(doc_values), 1)
    key = group_code.astype(np.int64) * n_doc_values + doc_code
    article_keys, article = np.unique(key, return_inverse=True)
    article_group = article_keys // n_doc_values
    bounds = np.searchsorted(article_group, np.arange(len(groups) + 1))
    return article, bounds


def _count_articles(
    frame: pd.DataFrame, by: str, groups: list[Any], axes: dict[str, tuple[str, str]]
) -> _Counts:
    article, bounds = _articles(frame, by, groups)
    n_articles = int(bounds[-1])
    relevant = frame["relevant"].fillna(False).to_numpy(dtype=bool)
    first: dict[str, np.ndarray] = {}
    second: dict[str, np.ndarray] = {}
    for axis, (pole_a, pole_b) in axes.items():
        values = pole_labels(frame, axis, (pole_a, pole_b))
        first[axis] = np.bincount(article[values == pole_a], minlength=n_articles)
        second[axis] = np.bincount(article[values == pole_b], minlength=n_articles)
    return _Counts(
        bounds=bounds,
        n_sentences=np.bincount(article, minlength=n_articles),
        n_relevant=np.bincount(article[relevant], minlength=n_articles),
        first=first,
        second=second,
    )


def _count_tally(
    frame: pd.DataFrame, by: str, groups: list[Any], axes: dict[str, tuple[str, str]]
) -> _Counts:
    """The arrays of :func:`_count_articles` from a tally: its counts summed per article."""
    article, bounds = _articles(frame, by, groups)
    n_articles = int(bounds[-1])

    def summed(column: str) -> np.ndarray:
        values = frame[column].to_numpy(dtype=np.int64)
        out = np.zeros(n_articles, dtype=np.int64)
        np.add.at(out, article, values)  # exact integer sums (bincount's weights are floats)
        return out

    return _Counts(
        bounds=bounds,
        n_sentences=summed("n_sentences"),
        n_relevant=summed("n_relevant"),
        first={axis: summed(f"n_{pole_a}") for axis, (pole_a, _) in axes.items()},
        second={axis: summed(f"n_{pole_b}") for axis, (_, pole_b) in axes.items()},
    )


def _summarise(
    counts: _Counts,
    groups: list[Any],
    axes: dict[str, tuple[str, str]],
    unit: str,
    interval: str,
    confidence: float,
    n_resamples: int,
    rng: np.random.Generator,
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], IntervalResult | None]]:
    rows: list[dict[str, Any]] = []
    results: dict[tuple[str, int], IntervalResult | None] = {}
    for axis, (pole_a, pole_b) in axes.items():
        for g, group in enumerate(groups):
            part = slice(counts.bounds[g], counts.bounds[g + 1])
            first, second = counts.first[axis][part], counts.second[axis][part]
            n_first, n_second = int(first.sum()), int(second.sum())
            n_relevant = int(counts.n_relevant[part].sum())
            labelled_articles = int(np.count_nonzero(first + second))
            n_docs = int(part.stop - part.start)
            n_labelled = n_first + n_second
            codes = []
            if n_labelled == 0:
                row_unit = "article" if n_docs >= 2 and unit != "sentence" else "sentence"
            elif unit == "sentence":
                row_unit = "sentence"
            elif labelled_articles >= 2:
                row_unit = "article"
            elif unit == "article":
                raise InsufficientDataError(
                    f"unit='article': group {shown(group)} has {labelled_articles} article with "
                    f"labelled sentences on axis {axis!r}; it needs two. Use unit='auto'.",
                    group=str(group),
                    n=labelled_articles,
                    needed=2,
                )
            else:
                row_unit = "sentence"
                codes.append("single_document")
            result: IntervalResult | None = None
            if n_labelled > 0:
                if n_labelled < _FEW_LABELS:
                    codes.append("few_labels")
                result = balance_interval(
                    first,
                    second,
                    unit=row_unit,  # type: ignore[arg-type]
                    method=interval,  # type: ignore[arg-type]
                    confidence=confidence,
                    n_resamples=n_resamples,
                    seed=rng,
                )
                if result.method == "wilson":
                    codes.append("no_variation")
            else:
                codes.append("no_labels")
            results[(axis, g)] = result
            rows.append(
                {
                    "group": group,
                    "axis": axis,
                    "n_docs": n_docs,
                    "n_sentences": int(counts.n_sentences[part].sum()),
                    "n_relevant": n_relevant,
                    f"n_{pole_a}": n_first,
                    f"n_{pole_b}": n_second,
                    "balance": result.estimate if result else math.nan,
                    "ci_low": result.ci_low if result else math.nan,
                    "ci_high": result.ci_high if result else math.nan,
                    "intensity": (n_first + n_second) / n_relevant if n_relevant else math.nan,
                    "unit": row_unit,
                    "warnings": "; ".join(codes),
                }
            )
    return rows, results


def _summary_frame(rows: list[dict[str, Any]], axes: dict[str, tuple[str, str]]) -> pd.DataFrame:
    poles = [f"n_{p}" for pair in axes.values() for p in pair]
    columns = [
        "group",
        "axis",
        *_FIXED_COUNTS,
        *poles,
        "balance",
        "ci_low",
        "ci_high",
        "intensity",
        "unit",
        "warnings",
    ]
    frame = pd.DataFrame(rows).reindex(columns=columns)
    dtypes: dict[str, Any] = {c: "int64" for c in _FIXED_COUNTS}
    dtypes.update({c: "Int64" for c in poles})
    dtypes.update({c: "float64" for c in ("balance", "ci_low", "ci_high", "intensity")})
    dtypes.update({"axis": object, "unit": object, "warnings": object})
    return frame.astype(dtypes)


def _warn_codes(summary: pd.DataFrame, by: str) -> None:
    explanations = {
        "single_document": (
            SmallSampleWarning,
            "fewer than two articles with labelled sentences: sentences were resampled and "
            "the interval speaks for that document, not for the group",
        ),
        "few_labels": (SmallSampleWarning, "fewer than 10 labelled sentences (still tested)"),
        "no_variation": (
            SmallSampleWarning,
            "every unit has the same balance: Wilson score interval of the pooled sentences",
        ),
        "no_labels": (
            FramingWarning,
            "no labelled sentence: balance is NaN and its tests are skipped",
        ),
    }
    listed = summary["warnings"].str.split("; ")
    for code, (category, text) in explanations.items():
        hit = summary[[code in codes for codes in listed]]
        if len(hit):
            where = _listed(
                [f"{shown(g)} ({a})" for g, a in zip(hit["group"], hit["axis"], strict=True)],
                "the warnings column of the summary has them all",
            )
            warnings.warn(f"{code}: {by} {where}: {text}", category, stacklevel=3)


def _listed(entries: list[str], rest: str) -> str:
    """``entries`` joined by commas, the first few only when there are many (a warning stays
    one readable line with 30 groups or 400 pairs); ``rest`` says where the others are."""
    whole, named = _LISTED
    if len(entries) <= whole:
        return ", ".join(entries)
    return (
        f"{', '.join(entries[:named])}, … and {len(entries) - named:,} more "
        f"({len(entries):,} in all; {rest})"
    )


def _pairwise_frame(
    counts: _Counts,
    groups: list[Any],
    axes: dict[str, tuple[str, str]],
    results: dict[tuple[str, int], IntervalResult | None],
    unit: str,
    n_resamples: int,
    rng: np.random.Generator,
    pairs: list[tuple[int, int]],
) -> pd.DataFrame:
    """The pairwise tests of ``pairs`` (positions in ``groups``), Holm-adjusted per axis."""
    records: list[dict[str, Any]] = []
    skipped: list[str] = []
    for axis in axes:
        usable = [g for g in range(len(groups)) if results[(axis, g)] is not None]
        position = {g: k for k, g in enumerate(usable)}
        tested = [(i, j) for i, j in pairs if i in position and j in position]
        tests = {}
        if tested:
            found = pairwise_permutation_tests(
                [
                    (
                        counts.first[axis][counts.bounds[g] : counts.bounds[g + 1]],
                        counts.second[axis][counts.bounds[g] : counts.bounds[g + 1]],
                    )
                    for g in usable
                ],
                unit="sentence" if unit == "sentence" else "auto",
                n_resamples=n_resamples,
                seed=rng,
                pairs=[(position[i], position[j]) for i, j in tested],
            )
            tests = dict(zip(tested, found, strict=True))
        axis_records = []
        for i, j in pairs:
            a, b = results[(axis, i)], results[(axis, j)]
            n_a = _labelled(counts, axis, i)
            n_b = _labelled(counts, axis, j)
            record = {"group_a": groups[i], "group_b": groups[j], "axis": axis,
                      "n_a": n_a, "n_b": n_b}  # fmt: skip
            if a is None or b is None:
                empty = groups[i] if a is None else groups[j]
                skipped.append(f"{shown(groups[i])} vs {shown(groups[j])} ({axis})")
                record.update(
                    difference=math.nan, ci_low=math.nan, ci_high=math.nan,
                    p_value=math.nan, effect_size=math.nan,
                    method=f"skipped: no labelled sentence in {shown(empty)}",
                )  # fmt: skip
            else:
                test = tests[(i, j)]
                diff = difference_interval(a, b)
                share_a = (a.estimate + 1) / 2
                share_b = (b.estimate + 1) / 2
                record.update(
                    difference=diff.estimate,
                    ci_low=diff.ci_low,
                    ci_high=diff.ci_high,
                    p_value=float(test.p_value),
                    effect_size=float(cohens_h(share_a, share_b)),
                    method=f"{test.unit} permutation, {'exact' if test.exact else 'monte carlo'}",
                )
            axis_records.append(record)
        adjusted = holm([r["p_value"] for r in axis_records])
        for record, p in zip(axis_records, adjusted, strict=True):
            record["p_adjusted"] = float(p)
        records.extend(axis_records)
    if skipped:
        listed = _listed(skipped, "the method column of the pairwise table has them all")
        warnings.warn(
            f"tests skipped for want of labelled sentences: {listed}",
            FramingWarning,
            stacklevel=3,
        )
    frame = pd.DataFrame(records).reindex(columns=list(_PAIRWISE_COLUMNS))
    return frame.astype(
        {
            "axis": object,
            "n_a": "int64",
            "n_b": "int64",
            **{c: "float64" for c in _PAIRWISE_COLUMNS[5:11]},
            "method": object,
        }
    )


def _describe_tests(pairwise: pd.DataFrame, omnibus: pd.DataFrame) -> str:
    """What the tests did, for the note: which units were permuted."""
    units = {m.split()[0] for m in pairwise["method"] if "permutation" in m}
    pairs = {
        frozenset({"article"}): "permutation of articles between the two groups",
        frozenset({"sentence"}): "permutation of labelled sentences between the two groups",
        frozenset({"article", "sentence"}): "permutation of articles between the two groups "
        "(of sentences where a group has fewer than two labelled articles)",
    }.get(frozenset(units), "none")
    tests = [t for t in omnibus["test"] if t.startswith("chi2")]
    kinds = set()
    for test in tests:
        kinds.add(
            "p-value by permuting articles between groups"
            if "article" in test
            else "p-value from sentence counts (chi-square distribution; exact or Monte Carlo "
            "when expected counts are below 5)"
        )
    omni = (
        "chi-square of the group x pole table, " + " or ".join(sorted(kinds)) if kinds else "none"
    )
    return f"pairwise {pairs}; omnibus {omni}"


def _labelled(counts: _Counts, axis: str, g: int) -> int:
    part = slice(counts.bounds[g], counts.bounds[g + 1])
    return int(counts.first[axis][part].sum() + counts.second[axis][part].sum())


def _omnibus_frame(
    counts: _Counts,
    groups: list[Any],
    axes: dict[str, tuple[str, str]],
    results: dict[tuple[str, int], IntervalResult | None],
    n_resamples: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    records: dict[str, dict[str, Any]] = {}
    by_articles: dict[tuple[int, ...], list[str]] = {}
    for axis, (pole_a, pole_b) in axes.items():
        usable = tuple(g for g in range(len(groups)) if results[(axis, g)] is not None)
        n = sum(_labelled(counts, axis, g) for g in usable)
        record = {"axis": axis, "n": n}
        table = [
            [
                int(counts.first[axis][counts.bounds[g] : counts.bounds[g + 1]].sum()),
                int(counts.second[axis][counts.bounds[g] : counts.bounds[g + 1]].sum()),
            ]
            for g in usable
        ]
        poles_seen = [
            p
            for p, total in zip(
                (pole_a, pole_b), np.reshape(table, (-1, 2)).sum(axis=0), strict=True
            )
            if total
        ]
        if len(usable) < 2 or len(poles_seen) < 2:
            reason = (
                "fewer than two groups with labelled sentences"
                if len(usable) < 2
                else f"only {poles_seen[0]!r} occurs"
            )
            record.update(test=f"not computed: {reason}", statistic=math.nan, dof=pd.NA,
                          p_value=math.nan, effect_size=math.nan)  # fmt: skip
            warnings.warn(
                f"omnibus test on {axis!r} not computed: {reason}", FramingWarning, stacklevel=3
            )
        elif all(results[(axis, g)].unit == "article" for g in usable):  # type: ignore[union-attr]
            by_articles.setdefault(usable, []).append(axis)
            record.update(dof=len(usable) - 1)
        else:
            chi = chi2_independence(table, n_resamples=n_resamples, seed=rng)
            kind = {"asymptotic": "asymptotic", "exact": "sentence permutation, exact",
                    "monte_carlo": "sentence permutation, monte carlo"}[chi.method]  # fmt: skip
            record.update(test=f"chi2, {kind}", statistic=chi.statistic, dof=chi.dof,
                          p_value=chi.p_value, effect_size=chi.cramers_v)  # fmt: skip
        records[axis] = record
    for usable, names in by_articles.items():
        stacked: list[tuple[np.ndarray, np.ndarray]] = []
        for g in usable:
            part = slice(counts.bounds[g], counts.bounds[g + 1])
            stacked.append(
                (
                    np.column_stack([counts.first[a][part] for a in names]),
                    np.column_stack([counts.second[a][part] for a in names]),
                )
            )
        perm = permutation_test_groups(stacked, n_resamples=n_resamples, seed=rng)
        for column, axis in enumerate(names):
            statistic = float(np.asarray(perm.statistic)[column])
            n = records[axis]["n"]
            records[axis].update(
                test=f"chi2, article permutation, {'exact' if perm.exact else 'monte carlo'}",
                statistic=statistic,
                p_value=float(np.asarray(perm.p_value)[column]),
                effect_size=math.sqrt(statistic / n),
            )
    frame = pd.DataFrame([records[axis] for axis in axes]).reindex(columns=list(_OMNIBUS_COLUMNS))
    return frame.astype(
        {
            "axis": object,
            "test": object,
            "statistic": "float64",
            "dof": "Int64",
            "p_value": "float64",
            "effect_size": "float64",
            "n": "int64",
        }
    )
