"""Figures of a comparison: the framing map and ranked dot-and-interval plots.

Built on :class:`matplotlib.figure.Figure` directly (never a ``pyplot`` figure), so nothing is
shown and no global state changes; save with ``figure.savefig("map.png")``. Up to
:data:`MAP_MAX_GROUPS` groups, :func:`comparison_figure` draws the framing map (each group at its
balance on two axes, labels placed clear of each other by adjustText) beside one ranked plot per
axis; beyond that, only the ranked plots (groups sorted by balance, one row each, with their
intervals), which stay legible at any number of groups. A group with no labelled sentence on an
axis has no balance there: it is left out, and a note under the plot names it and says why.

Colours are from the Okabe–Ito palette, told apart with every common colour-vision deficiency, and
every figure stays legible in greyscale: a ranked plot marks an interval that lies wholly on one
side of 0 with a filled dot (blue towards the first pole, vermillion towards the second) and one
that spans 0 with an open dot.

Examples
--------
>>> import pandas as pd
>>> summary = pd.DataFrame({
...     "group": ["A", "B", "A", "B"], "axis": ["power", "power", "bond", "bond"],
...     "n_equal": [3, 1, None, None], "n_junior": [1, 3, None, None],
...     "n_friendship": [None, None, 2, 1], "n_convenience": [None, None, 1, 2],
...     "balance": [0.5, -0.5, 0.33, -0.33], "ci_low": [0.1, -0.9, -0.2, -0.8],
...     "ci_high": [0.8, -0.1, 0.7, 0.2]})
>>> poles = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
>>> figure = comparison_figure(summary, poles, by="outlet", confidence=0.9)
>>> [ax.get_title() for ax in figure.axes]  # doctest: +NORMALIZE_WHITESPACE
['Framing map (balance, 90% intervals)', 'power: balance and 90% interval',
 'bond: balance and 90% interval']
>>> figure = comparison_figure(summary, poles, kind="ranked")
>>> len(figure.axes)
2
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._validation import check_choice, check_real
from .errors import ParameterError

__all__ = ["comparison_figure", "framing_map", "interval_plot", "MAP_MAX_GROUPS", "PLOT_KINDS"]

PlotKind = Literal["auto", "both", "map", "ranked"]
PLOT_KINDS = ("auto", "both", "map", "ranked")
#: Beyond this many groups, ``kind="auto"`` draws ranked plots instead of the framing map.
MAP_MAX_GROUPS = 8

# Okabe, M. and Ito, K. (2008). Color Universal Design: blue, vermillion; grey for the rest.
_BLUE, _VERMILLION, _SPANS_ZERO, _FAINT = "#0072B2", "#D55E00", "0.2", "0.6"
_NOTE_NAMES = 12  # names listed in a note before "and N more"
_STYLES: dict[int, dict[str, Any]] = {
    side: {"marker": "o", "linestyle": "none", "markersize": 5, "markeredgewidth": 1.2,
           "color": colour, "markerfacecolor": "white" if side == 0 else colour}
    for side, colour in ((1, _BLUE), (0, _SPANS_ZERO), (-1, _VERMILLION))
}  # fmt: skip


def _level(confidence: float) -> str:
    return f"{round(confidence * 100, 1):g}%"


def _rows(summary: pd.DataFrame, axis: str) -> pd.DataFrame:
    return summary[summary["axis"] == axis].set_index("group")


def _labelled(row: pd.Series, poles: tuple[str, str]) -> int:
    total = 0
    for pole in poles:
        value = row.get(f"n_{pole}")
        total += 0 if value is None or pd.isna(value) else int(value)
    return total


def _error(row: pd.Series) -> list[list[float]]:
    """Error-bar lengths below and above an estimate (never negative from rounding)."""
    low = max(0.0, float(row["balance"] - row["ci_low"])) if pd.notna(row["ci_low"]) else 0.0
    high = max(0.0, float(row["ci_high"] - row["balance"])) if pd.notna(row["ci_high"]) else 0.0
    return [[low], [high]]


def _side(row: pd.Series) -> int:
    """+1 where the whole interval lies above 0, -1 where below, 0 where it spans 0."""
    if pd.notna(row["ci_low"]) and row["ci_low"] > 0:
        return 1
    if pd.notna(row["ci_high"]) and row["ci_high"] < 0:
        return -1
    return 0


def _legend_entries(poles: tuple[str, str] | None = None) -> tuple[list, list[str]]:
    """Marker samples and their meaning, naming the poles when there is one axis."""
    from matplotlib.lines import Line2D

    first, second = poles if poles else ("the +1 pole", "the −1 pole")
    texts = {
        1: f"interval above 0: towards {first}",
        0: "interval spans 0",
        -1: f"interval below 0: towards {second}",
    }
    handles = [Line2D([], [], **_STYLES[side]) for side in texts]
    return handles, list(texts.values())


def _note(ax, missing: Mapping[str, Sequence[Any]]) -> None:
    """Name under the plot the groups left out, per axis on which they have no labelled sentence."""
    parts = []
    for axis, names in missing.items():
        if len(names) == 0:
            continue
        shown = ", ".join(str(name) for name in names[:_NOTE_NAMES])
        more = len(names) - _NOTE_NAMES
        parts.append(f"on {axis}: {shown}" + (f" and {more} more" if more > 0 else ""))
    if not parts:
        return
    text = f"Not shown, no labelled sentence {'; '.join(parts)}."
    ax.annotate(
        textwrap.fill(text, width=int(ax.get_position().width * ax.figure.get_figwidth() * 14)),
        # Under the x axis as laid out at this draw (its ticks and label), whatever the dpi.
        xy=(0.5, 0), xycoords=ax.xaxis.get_tightbbox, xytext=(0, -3), textcoords="offset points",
        ha="center", va="top", fontsize=7, color="0.25", style="italic",
    )  # fmt: skip


def _place_labels(ax, texts: list, xs: list[float], ys: list[float]) -> None:
    """Move the labels of the map's points off each other and the points, inside the frame.

    adjustText's iterations are bounded by count, not by time, so the same figure comes out of
    every run, byte for byte.
    """
    if not texts:
        return
    from adjustText import adjust_text

    adjust_text(
        texts, x=xs, y=ys, ax=ax, iter_lim=500, time_lim=None,
        force_text=(0.3, 0.5), force_static=(0.3, 0.5), expand=(1.1, 1.3),
        arrowprops={"arrowstyle": "-", "color": "0.55", "linewidth": 0.6},
    )  # fmt: skip


def framing_map(
    ax,
    summary: pd.DataFrame,
    poles: Mapping[str, tuple[str, str]],
    axes: tuple[str, str],
    *,
    confidence: float = 0.95,
) -> None:
    """Draw each group at (balance on the first axis, balance on the second) with its intervals.

    Labels are placed clear of each other and of the points, inside the frame (adjustText),
    with a thin line to their point where they had to move; groups at the same point share one
    label, a name a line. Groups with no labelled sentence on
    either axis are named in a note under the map.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    summary : pandas.DataFrame
        ``Comparison.summary``.
    poles : mapping of axis to (first_pole, second_pole)
    axes : (str, str)
        The horizontal and the vertical axis.
    confidence : float, default=0.95
        The level of the intervals in ``summary``, for the title.
    """
    x_axis, y_axis = axes
    xs, ys = _rows(summary, x_axis), _rows(summary, y_axis)
    groups = [g for g in xs.index if g in ys.index]
    ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    shown = [g for g in groups if pd.notna(xs.loc[g, "balance"]) and pd.notna(ys.loc[g, "balance"])]
    at: dict[tuple[float, float], list[str]] = {}  # groups at the same point share one label
    for group in shown:
        x, y = xs.loc[group], ys.loc[group]
        ax.errorbar(
            x["balance"], y["balance"], xerr=_error(x), yerr=_error(y),
            fmt="o", color="black", ecolor=_FAINT, elinewidth=1, capsize=2.5, markersize=5,
        )  # fmt: skip
        at.setdefault((float(x["balance"]), float(y["balance"])), []).append(str(group))
    # Each label starts just above and right of its point; adjustText moves it from there.
    labels = [
        ax.text(x + 0.03, y + 0.03, "\n".join(names), fontsize=8, va="bottom", zorder=5,
                multialignment="left")
        for (x, y), names in at.items()
    ]  # fmt: skip
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xticks(np.linspace(-1, 1, 5))
    ax.set_yticks(np.linspace(-1, 1, 5))
    ax.set_aspect("equal")
    ax.set_xlabel(f"{x_axis}: {poles[x_axis][1]} (−1) ↔ {poles[x_axis][0]} (+1)")
    ax.set_ylabel(f"{y_axis}: {poles[y_axis][1]} (−1) ↔ {poles[y_axis][0]} (+1)")
    # The pole names outside the frame, at the ends of the scales: no label can cover them.
    top, right = ax.secondary_xaxis("top"), ax.secondary_yaxis("right")
    pole_style = {"fontsize": 8, "color": "0.35", "style": "italic"}
    top.set_xticks([-1, 1], [poles[x_axis][1], poles[x_axis][0]], **pole_style)
    right.set_yticks([-1, 1], [poles[y_axis][1], poles[y_axis][0]], rotation=90, va="center",
                     **pole_style)  # fmt: skip
    for scale in (top, right):
        scale.tick_params(length=0)
    ax.set_title(f"Framing map (balance, {_level(confidence)} intervals)", fontsize=10)
    _note(ax, {
        axis: [g for g in groups if pd.isna(rows.loc[g, "balance"])]
        for axis, rows in ((x_axis, xs), (y_axis, ys))
    })  # fmt: skip
    _place_labels(ax, labels, [x for x, _ in at], [y for _, y in at])


def interval_plot(
    ax,
    summary: pd.DataFrame,
    axis: str,
    poles: tuple[str, str],
    *,
    confidence: float = 0.95,
    legend: bool = True,
) -> None:
    """The ranked dot-and-interval plot: groups sorted by balance on one axis, one row each.

    Each row is labelled with the group and its number of labelled sentences. The dot is filled
    blue where the whole interval lies towards the first pole, filled vermillion where it lies
    towards the second, open where it spans 0. Groups with no labelled sentence on the axis are
    named in a note under the plot.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    summary : pandas.DataFrame
        ``Comparison.summary``.
    axis : str
    poles : (str, str)
        The axis's poles; the first is +1.
    confidence : float, default=0.95
        The level of the intervals in ``summary``, for the title.
    legend : bool, default=True
        Say in a legend what the dots' colours mean (:func:`comparison_figure` gives one legend
        for all its plots instead).
    """
    rows = _rows(summary, axis)
    missing = sorted(rows.index[rows["balance"].isna()], key=str)
    rows = rows[rows["balance"].notna()]
    rows = rows.iloc[np.lexsort((rows.index.astype(str), rows["balance"].to_numpy()))]
    positions = np.arange(len(rows))
    for y, (_, row) in zip(positions, rows.iterrows(), strict=True):
        style = _STYLES[_side(row)]
        ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=style["color"], linewidth=1.5)
        ax.plot([row["balance"]], [y], **style)
    labels = [f"{group} (n={_labelled(row, poles)})" for group, row in rows.iterrows()]
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.grid(axis="y", color="0.92", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel(f"{poles[1]} (−1) ↔ {poles[0]} (+1)", fontsize=8)
    ax.set_title(f"{axis}: balance and {_level(confidence)} interval", fontsize=9)
    if legend:
        ax.legend(*_legend_entries(poles), loc="best", fontsize=7, framealpha=0.9)
    _note(ax, {axis: missing})


def _check_groups(summary: pd.DataFrame, groups: Sequence[Any] | None) -> pd.DataFrame:
    if groups is None:
        return summary
    if isinstance(groups, str):
        raise ParameterError(
            "groups", groups, "a list of group names", f"write groups=[{groups!r}]"
        )
    known = list(dict.fromkeys(summary["group"]))
    unknown = [g for g in groups if g not in known]
    if unknown or len(groups) == 0:
        raise ParameterError(
            "groups", list(groups), "a non-empty list of groups of the comparison",
            f"not a group: {', '.join(map(repr, unknown))}; the groups are "
            + ", ".join(map(repr, known[:_NOTE_NAMES]))
            + (" ..." if len(known) > _NOTE_NAMES else ""),
        )  # fmt: skip
    return summary[summary["group"].isin(list(groups))]


def _check_axes(poles: Mapping[str, tuple[str, str]], axes: Sequence[str] | None) -> list[str]:
    if axes is None:
        return list(poles)
    if isinstance(axes, str) or len(axes) == 0 or any(a not in poles for a in axes):
        raise ParameterError("axes", axes, f"a non-empty list of axes from {tuple(poles)}")
    return list(axes)


def comparison_figure(
    summary: pd.DataFrame,
    poles: Mapping[str, tuple[str, str]],
    *,
    by: str = "group",
    confidence: float = 0.95,
    kind: PlotKind = "auto",
    groups: Sequence[Any] | None = None,
    axes: Sequence[str] | None = None,
    ax=None,
):
    """The framing map beside one ranked plot per axis; or the map, or the ranked plots, alone.

    Parameters
    ----------
    summary : pandas.DataFrame
        ``Comparison.summary``.
    poles : mapping of axis to (first_pole, second_pole)
    by : str, default='group'
        What the groups are, for the title.
    confidence : float, default=0.95
        The level of the intervals in ``summary``, for the titles.
    kind : {"auto", "both", "map", "ranked"}, default="auto"
        ``"both"``: the framing map of the first two axes beside a ranked plot per axis;
        ``"map"``: the framing map alone, larger; ``"ranked"``: a ranked dot-and-interval plot
        per axis; ``"auto"``: ``"both"`` up to :data:`MAP_MAX_GROUPS` groups (the map needs two
        axes), else ``"ranked"``.
    groups : list of str, optional
        Only these groups (all by default).
    axes : list of str, optional
        Only these axes, in this order (all by default); the map shows the first two.
    ax : matplotlib.axes.Axes, optional
        Draw one panel into this Axes instead of a new figure: the map (``kind="map"``, or
        ``"auto"`` up to :data:`MAP_MAX_GROUPS` groups) or the ranked plot of the first of
        ``axes``.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure, or the one that holds ``ax``.

    Raises
    ------
    framing.errors.ParameterError
        An unknown ``kind``, group or axis; ``confidence`` outside (0, 1); the map with fewer
        than two axes; ``kind="both"`` with ``ax``.
    """
    check_choice(kind, "kind", PLOT_KINDS)
    confidence = check_real(
        confidence, "confidence", min_val=0, max_val=1, include_boundaries="neither"
    )
    summary = _check_groups(summary, groups)
    names = _check_axes(poles, axes)
    n_groups = summary["group"].nunique() if len(summary) else 1
    if kind in ("both", "map") and len(names) < 2:
        raise ParameterError("kind", kind, ("auto", "ranked"), "the map needs two axes")
    if kind == "both" and ax is not None:
        raise ParameterError("kind", kind, ("auto", "map", "ranked"), "one Axes holds one panel")
    if kind == "auto":
        kind = "both" if len(names) >= 2 and n_groups <= MAP_MAX_GROUPS else "ranked"
        kind = "map" if kind == "both" and ax is not None else kind
    pair = (names[0], names[1] if len(names) > 1 else names[0])  # the map's axes
    if ax is not None:
        if kind == "map":
            framing_map(ax, summary, poles, pair, confidence=confidence)
        else:
            interval_plot(ax, summary, names[0], poles[names[0]], confidence=confidence)
        return ax.figure
    from matplotlib.figure import Figure

    if kind == "map":
        side = min(12.0, 6.5 + 0.12 * n_groups)
        figure = Figure(figsize=(side, side + 1.0), layout="constrained")
        map_ax = figure.add_subplot(1, 1, 1)
        map_ax.set_anchor("N")  # any room to spare goes below the note, not under the title
        framing_map(map_ax, summary, poles, pair, confidence=confidence)
        figure.suptitle(f"Framing by {by}", fontsize=11)
        return figure
    if kind == "both":
        height = max(4.5, 1.6 + 0.3 * n_groups * len(names))
        figure = Figure(figsize=(11, height), layout="constrained")
        grid = figure.add_gridspec(len(names), 2, width_ratios=(1.1, 1))
        map_ax = figure.add_subplot(grid[:, 0])
        panels = [figure.add_subplot(grid[i, 1]) for i in range(len(names))]
    else:
        columns = min(2, len(names))
        rows = math.ceil(len(names) / columns)
        figure = Figure(figsize=(5.5 * columns, rows * (1.6 + 0.24 * n_groups) + 0.4),
                        layout="constrained")  # fmt: skip
        panels = [figure.add_subplot(rows, columns, i + 1) for i in range(len(names))]
    for panel, axis in zip(panels, names, strict=True):
        interval_plot(panel, summary, axis, poles[axis], confidence=confidence, legend=False)
    figure.legend(*_legend_entries(), loc="outside lower center", ncols=3, fontsize=8,
                  frameon=False)  # fmt: skip
    if kind == "both":
        # Last, once the layout is complete: labels are placed in the map's final size.
        framing_map(map_ax, summary, poles, pair, confidence=confidence)
    figure.suptitle(f"Framing by {by}", fontsize=11)
    return figure


def learning_curve_figure(curve: pd.DataFrame, *, title: str = "Learning curve"):
    """Mean pole-F1 (and the range over repeats) by coded articles, classifier and lexicon.

    Parameters
    ----------
    curve : pandas.DataFrame
        What :func:`framing.learning_curve` returns.
    title : str, default='Learning curve'

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 4), layout="constrained")
    ax = figure.add_subplot(1, 1, 1)
    for method, style, colour in (
        ("classifier", "o-", _BLUE),
        ("lexicon", "--", _VERMILLION),
    ):
        rows = curve[curve["method"] == method].groupby("n_articles")["pole_f1"]
        mean, low, high = rows.mean(), rows.min(), rows.max()
        ax.plot(mean.index, mean.to_numpy(), style, color=colour, label=method)
        ax.fill_between(mean.index, low.to_numpy(), high.to_numpy(), color=colour, alpha=0.15)
    ax.set_xlabel("coded articles used for training")
    ax.set_ylabel("pole-F1 on held-out articles")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right")
    ax.set_title(title, fontsize=10)
    return figure
