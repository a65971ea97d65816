"""Figures of a comparison: the framing map and per-axis interval plots.

Built on :class:`matplotlib.figure.Figure` directly (never ``pyplot``), so nothing is shown and
no global state changes; save with ``figure.savefig("map.png")``. Figures are legible in
greyscale: points are black, intervals are lines, groups are labelled by name and sample size.

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
>>> figure = comparison_figure(summary, poles, by="outlet")
>>> len(figure.axes)
3
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["comparison_figure", "framing_map", "interval_plot"]


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


def framing_map(
    ax, summary: pd.DataFrame, poles: Mapping[str, tuple[str, str]], axes: tuple[str, str]
) -> None:
    """Draw each group at (balance on the first axis, balance on the second) with its intervals.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    summary : pandas.DataFrame
        ``Comparison.summary``.
    poles : mapping of axis to (first_pole, second_pole)
    axes : (str, str)
        The horizontal and the vertical axis.
    """
    x_axis, y_axis = axes
    xs, ys = _rows(summary, x_axis), _rows(summary, y_axis)
    groups = [g for g in xs.index if g in ys.index]
    ax.axhline(0, color="0.75", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
    placed: list[tuple[float, float]] = []
    for group in groups:
        x, y = xs.loc[group], ys.loc[group]
        if pd.isna(x["balance"]) or pd.isna(y["balance"]):
            continue
        ax.errorbar(
            x["balance"], y["balance"], xerr=_error(x), yerr=_error(y),
            fmt="o", color="black", ecolor="0.45", elinewidth=1, capsize=3, markersize=6,
        )  # fmt: skip
        # Labels of nearby points are stacked downwards so that they do not overlap.
        point = (float(x["balance"]), float(y["balance"]))
        crowd = sum(1 for p in placed if abs(p[0] - point[0]) < 0.6 and abs(p[1] - point[1]) < 0.12)
        placed.append(point)
        ax.annotate(
            str(group), point, textcoords="offset points", fontsize=8,
            xytext=(-6 if point[0] > 0.5 else 6, 6 - 11 * crowd),
            ha="right" if point[0] > 0.5 else "left",
        )  # fmt: skip
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xticks(np.linspace(-1, 1, 5))
    ax.set_yticks(np.linspace(-1, 1, 5))
    ax.set_aspect("equal")
    ax.set_xlabel(f"{x_axis}: {poles[x_axis][1]} (−1) ↔ {poles[x_axis][0]} (+1)")
    ax.set_ylabel(f"{y_axis}: {poles[y_axis][1]} (−1) ↔ {poles[y_axis][0]} (+1)")
    for text, position, alignment in (
        (poles[x_axis][0], (1.0, 0.02), ("right", "bottom")),
        (poles[x_axis][1], (-1.0, 0.02), ("left", "bottom")),
        (poles[y_axis][0], (0.02, 1.0), ("left", "top")),
        (poles[y_axis][1], (0.02, -1.0), ("left", "bottom")),
    ):
        ax.text(*position, text, ha=alignment[0], va=alignment[1], fontsize=8, style="italic",
                color="0.35")  # fmt: skip
    ax.set_title("Framing map (balance, 95% intervals)", fontsize=10)


def interval_plot(ax, summary: pd.DataFrame, axis: str, poles: tuple[str, str]) -> None:
    """Groups sorted by balance on one axis, with their intervals and labelled sample sizes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    summary : pandas.DataFrame
        ``Comparison.summary``.
    axis : str
    poles : (str, str)
        The axis's poles; the first is +1.
    """
    rows = _rows(summary, axis).sort_values("balance", na_position="first")
    positions = np.arange(len(rows))
    for y, (_, row) in zip(positions, rows.iterrows(), strict=True):
        if pd.isna(row["balance"]):
            continue
        ax.plot([row["ci_low"], row["ci_high"]], [y, y], color="0.45", linewidth=1.5)
        ax.plot([row["balance"]], [y], "o", color="black", markersize=5)
    labels = [f"{group} (n={_labelled(row, poles)})" for group, row in rows.iterrows()]
    ax.set_yticks(positions, labels, fontsize=8)
    ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel(f"{poles[1]} (−1) ↔ {poles[0]} (+1)", fontsize=8)
    ax.set_title(f"{axis}: balance and 95% interval", fontsize=9)


def comparison_figure(
    summary: pd.DataFrame, poles: Mapping[str, tuple[str, str]], *, by: str = "group"
):
    """The framing map (first two axes) beside one interval plot per axis.

    Parameters
    ----------
    summary : pandas.DataFrame
        ``Comparison.summary``.
    poles : mapping of axis to (first_pole, second_pole)
    by : str, default='group'
        What the groups are, for the title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    names = list(poles)
    n_groups = summary["group"].nunique() if len(summary) else 1
    height = max(4.5, 1.2 + 0.35 * n_groups * len(names))
    figure = Figure(figsize=(11, height), layout="constrained")
    if len(names) >= 2:
        grid = figure.add_gridspec(len(names), 2, width_ratios=(1.1, 1))
        framing_map(figure.add_subplot(grid[:, 0]), summary, poles, (names[0], names[1]))
        for i, axis in enumerate(names):
            interval_plot(figure.add_subplot(grid[i, 1]), summary, axis, poles[axis])
    else:
        interval_plot(figure.add_subplot(1, 1, 1), summary, names[0], poles[names[0]])
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
    for method, style in (("classifier", "o-"), ("lexicon", "--")):
        rows = curve[curve["method"] == method].groupby("n_articles")["pole_f1"]
        mean, low, high = rows.mean(), rows.min(), rows.max()
        ax.plot(mean.index, mean.to_numpy(), style, label=method)
        ax.fill_between(mean.index, low.to_numpy(), high.to_numpy(), alpha=0.15)
    ax.set_xlabel("coded articles used for training")
    ax.set_ylabel("pole-F1 on held-out articles")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right")
    ax.set_title(title, fontsize=10)
    return figure
