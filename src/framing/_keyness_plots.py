"""Figures of keyness: top terms per group as bars, and two groups' term rates as a scatter.

:func:`plot_keyness` draws the result of :func:`framing.keyness`: one panel per comparison, a
bar per term (its z-score), filled when the term is significant after the adjustment and open
when it is not, so that a ranked but insignificant term never looks key.
:func:`plot_keyness_scatter` is a scattertext-like view of two groups: every term at its rate
in one group against its rate in the other, the key terms of each side coloured and labelled,
with labels moved apart by ``adjustText``.

Both build a :class:`matplotlib.figure.Figure` directly (never ``pyplot``): nothing is shown and
no global state changes; save with ``figure.savefig("terms.png", dpi=200)``. Colours are the
Okabe-Ito colour-blind-safe pair (blue and vermilion); fill and marker shape carry the same
information in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._keyness import REST, keyness
from ._plots import _BLUE, _VERMILLION
from ._validation import check_int
from .errors import InputError, ParameterError

__all__ = ["plot_keyness", "plot_keyness_scatter"]

# The framing map's Okabe-Ito pair (blue, vermilion); grey for terms of neither group.
_FIRST, _SECOND, _NEUTRAL = _BLUE, _VERMILLION, "#999999"
_NEEDED = ("group", "group_b", "term", "z", "rank", "significant")


def plot_keyness(
    result: pd.DataFrame,
    *,
    top: int = 10,
    groups: Sequence[Any] | None = None,
) -> Any:
    """Bars of the top terms of each comparison, filled when significant.

    Parameters
    ----------
    result : pandas.DataFrame
        What :func:`framing.keyness` returns (with its ``significant`` column).
    top : int, default=10
        Terms shown per comparison, by rank.
    groups : sequence of str, optional
        The groups to show (values of ``result["group"]``), in this order; default: every group
        of the result, in its order.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per (``group``, ``group_b``) shown, bars of ``z`` from rank 1 at the top;
        filled bars are significant at the level and adjustment of the call (named in the
        legend), open bars are not; the count in the group and on the other side is written
        beside each bar.

    Raises
    ------
    InputError
        ``result`` is not a keyness table.
    ParameterError
        ``top`` is not a positive integer, or ``groups`` names a group the result lacks.

    Examples
    --------
    Constructed sentences (not from any article):

    >>> import pandas as pd, framing
    >>> table = pd.DataFrame({"outlet": ["A", "B"],
    ...     "text": ["A friend, a dear friend, a true friend.", "Convenience and convenience."]})
    >>> figure = plot_keyness(framing.keyness(table, prior="uniform"), top=3)
    >>> [ax.get_title() for ax in figure.axes]
    ['A vs the rest', 'B vs the rest']
    """
    _check_result(result)
    check_int(top, "top", min_val=1)
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    blocks = _blocks(result, groups)
    n_rows = max([min(top, len(b)) for _, b in blocks] or [1])
    columns = min(3, max(1, len(blocks)))
    rows = -(-max(1, len(blocks)) // columns)
    figure = Figure(
        figsize=(4.2 * columns, 0.6 + rows * (0.8 + 0.28 * n_rows)), layout="constrained"
    )
    if not blocks:
        ax = figure.add_subplot(1, 1, 1)
        ax.text(0.5, 0.5, "no term to show", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return figure
    for index, ((name, other), block) in enumerate(blocks):
        ax = figure.add_subplot(rows, columns, index + 1)
        shown = block.nsmallest(top, "rank").iloc[::-1]
        positions = np.arange(len(shown))
        significant = shown["significant"].to_numpy(dtype=bool)
        z = shown["z"].to_numpy(dtype=float)
        ax.barh(positions, z, color=np.where(significant, _FIRST, "white"),
                edgecolor=_FIRST, linewidth=1.0, height=0.7)  # fmt: skip
        ax.set_yticks(positions, [str(t) for t in shown["term"]], fontsize=8)
        if {"count_group", "count_rest"} <= set(shown.columns):
            for y, (value, a, b) in enumerate(
                zip(z, shown["count_group"], shown["count_rest"], strict=True)
            ):
                ax.annotate(f"{a}/{b}", (value, y), xytext=(3 if value >= 0 else -3, 0),
                            textcoords="offset points", va="center", fontsize=6,
                            ha="left" if value >= 0 else "right", color="#333333")  # fmt: skip
        ax.axvline(0, color="black", linewidth=0.6)
        ax.margins(x=0.25)
        ax.set_xlabel("z (log-odds ratio / its standard error)", fontsize=8)
        ax.set_title(f"{name} vs {'the rest' if other == REST else other}", fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    settings = result.attrs.get("keyness", {})
    level = settings.get("significance")
    how = {"holm": "Holm", "bh": "Benjamini-Hochberg", "none": "no"}.get(
        settings.get("adjustment", ""), ""
    )
    marked = (
        f"significant at {level:g} ({how} adjustment over all terms)"
        if level is not None and how
        else "significant"
    )
    figure.legend(
        handles=[Patch(facecolor=_FIRST, edgecolor=_FIRST, label=marked),
                 Patch(facecolor="white", edgecolor=_FIRST, label="not significant")],
        loc="outside lower center", ncols=2, fontsize=8, frameon=False,
    )  # fmt: skip
    figure.suptitle("Distinctive terms (counts: group / other side)", fontsize=10)
    return figure


def plot_keyness_scatter(
    data: Any,
    pair: tuple[Any, Any],
    *,
    by: str = "outlet",
    label: int = 10,
    ax: Any = None,
    **options: Any,
) -> Any:
    """Two groups' term rates against each other, the key terms of each side labelled.

    A scattertext-like view: each term used by either group is a point at its rate per 1,000
    tokens in the second group (x) and in the first (y), both on log scales; terms typical of
    one side lie away from the diagonal. Terms significantly more typical of the first group
    are blue circles, of the second vermilion squares, the rest small grey dots.

    Parameters
    ----------
    data : pandas.DataFrame or framing.Corpus
        As for :func:`framing.keyness`.
    pair : tuple of two group names
        The first group (y axis) and the second (x axis).
    by : str, default="outlet"
        The column that defines the groups.
    label : int, default=10
        Terms labelled on each side: the ``label`` highest ranked (by z), significant or not;
        significant terms are labelled in bold. 0 labels none. Labels are moved apart; one
        that would still overlap a label of higher priority (significant first, then larger
        ``|z|``) is left out, so no two labels ever overlap; its point stays.
    ax : matplotlib.axes.Axes, optional
        Draw here; default: a new figure.
    **options
        Other options of :func:`framing.keyness` (``prior``, ``alpha0``, ``stop_words``,
        ``min_count``, ``lowercase``, ``axes``, ``significance``, ``adjustment``).

    Returns
    -------
    matplotlib.figure.Figure
        The figure that holds the axes.

    Raises
    ------
    ParameterError
        ``label`` is not an integer >= 0, or ``options`` holds ``top``; as
        :func:`framing.keyness` raises otherwise. An unknown option is a ``TypeError``.

    Notes
    -----
    The rate of a term is ``(count + 0.5) / n * 1000`` with ``n`` the tokens of its group
    counted (stop words left out): the 0.5 places terms a group never uses on the axes of a
    log scale, at the left or bottom edge. Labels are moved apart by ``adjustText``
    (deterministic), with a thin line to their point when moved.

    Examples
    --------
    Constructed sentences (not from any article):

    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B"],
    ...     "text": ["A friend, a dear friend, a true friend.", "Convenience and convenience."]})
    >>> figure = plot_keyness_scatter(table, ("A", "B"), prior="uniform", label=1)
    >>> sorted(t.get_text() for t in figure.axes[0].texts)
    ['convenience', 'friend']
    """
    check_int(label, "label", min_val=0)
    if "top" in options:
        raise ParameterError(
            "top", options["top"], "not given here",
            "plot_keyness_scatter shows every term; label= sets the labels",
        )  # fmt: skip
    result = keyness(data, by, pair=pair, top=None, **options)
    first, second = (str(g) for g in pair)
    side = result[result["group"] == first]
    other = result[result["group"] == second]
    n_first = float(side["count_group"].sum())
    n_second = float(side["count_rest"].sum())
    x = (side["count_rest"].to_numpy(dtype=float) + 0.5) / n_second * 1000
    y = (side["count_group"].to_numpy(dtype=float) + 0.5) / n_first * 1000
    z = side["z"].to_numpy(dtype=float)
    key = side["significant"].to_numpy(dtype=bool)

    if ax is None:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(7, 6.5), layout="constrained")
        ax = figure.add_subplot(1, 1, 1)
    else:
        figure = ax.figure
    plain = ~key
    ax.scatter(x[plain], y[plain], s=8, color=_NEUTRAL, alpha=0.5, linewidths=0,
               label="not significant")  # fmt: skip
    for mask, colour, marker, name in (
        (key & (z > 0), _FIRST, "o", first),
        (key & (z < 0), _SECOND, "s", second),
    ):
        ax.scatter(x[mask], y[mask], s=22, color=colour, marker=marker,
                   label=f"significantly more in {name}")  # fmt: skip
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):  # plain numbers (0.5, 1, 10), not powers of ten
        axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axis.set_minor_formatter(NullFormatter())
    low = min(x.min(), y.min()) / 1.3
    high = max(x.max(), y.max()) * 1.3
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.plot([low, high], [low, high], color="black", linewidth=0.6, linestyle="--")
    ax.set_xlabel(f"{second}: occurrences per 1,000 tokens (n = {int(n_second):,})", fontsize=9)
    ax.set_ylabel(f"{first}: occurrences per 1,000 tokens (n = {int(n_first):,})", fontsize=9)
    ax.set_title(f"Terms of {first} vs {second} by {by}", fontsize=10)
    ax.legend(loc="upper left", fontsize=8, frameon=False)

    if label:
        _label(ax, side, other, x, y, label)
    return figure


def _label(
    ax: Any, side: pd.DataFrame, other: pd.DataFrame, x: np.ndarray, y: np.ndarray, label: int
) -> None:
    """Label the ``label`` top terms of each side, moved apart by adjustText; a label that
    still overlaps one of higher priority (significant first, then larger |z|) is left out."""
    from adjustText import adjust_text

    position = dict(zip(side["term"], zip(x, y, strict=True), strict=True))
    chosen = pd.concat([side.nsmallest(label, "rank"), other.nsmallest(label, "rank")])
    chosen = chosen.assign(strength=chosen["z"].abs()).drop_duplicates("term")
    chosen = chosen.sort_values(["significant", "strength"], ascending=False, kind="stable")
    texts = [
        ax.text(
            *position[term], str(term), fontsize=8, fontweight="bold" if marked else "normal"
        )  # fmt: skip
        for term, marked in zip(chosen["term"], chosen["significant"], strict=True)
    ]
    anchors = np.array([position[term] for term in chosen["term"]])
    _, arrows = adjust_text(
        texts, ax=ax, x=anchors[:, 0], y=anchors[:, 1], expand=(1.3, 1.6),
        force_text=(0.6, 1.2), max_move=None, iter_lim=300, prevent_crossings=False,
        arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5},
    )  # fmt: skip
    kept: list[Any] = []
    for text in texts:  # in order of priority
        box = text.get_window_extent()
        if any(box.overlaps(other_box) for other_box in kept):
            text.remove()
            for arrow in arrows:
                patch = getattr(arrow, "arrow_patch", arrow)  # FancyArrowPatch or annotation
                if getattr(patch, "patchA", None) is text:
                    arrow.remove()
        else:
            kept.append(box)


def _check_result(result: Any) -> None:
    missing = [c for c in _NEEDED if c not in getattr(result, "columns", ())]
    if not isinstance(result, pd.DataFrame) or missing:
        raise InputError(
            "plot_keyness needs the table of framing.keyness; missing: "
            + ", ".join(missing or ["a DataFrame"])
            + "."
        )


def _blocks(
    result: pd.DataFrame, groups: Sequence[Any] | None
) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """The (group, group_b) blocks of the result, in the result's order or that of ``groups``."""
    keys = list(dict.fromkeys(zip(result["group"], result["group_b"], strict=True)))
    if groups is not None:
        if isinstance(groups, str):
            groups = [groups]
        present = {str(g) for g, _ in keys}
        wanted = [str(g) for g in groups]
        unknown = [g for g in wanted if g not in present]
        if unknown:
            raise ParameterError("groups", list(groups), tuple(sorted(present)),
                                 f"{unknown[0]!r} is not a group of the result")  # fmt: skip
        keys = [k for g in wanted for k in keys if k[0] == g]
    return [((g, b), result[(result["group"] == g) & (result["group_b"] == b)]) for g, b in keys]
