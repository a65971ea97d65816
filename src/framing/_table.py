"""The sentence-table contract: the axes and poles of a table, wherever the table comes from.

A table of :func:`framing.score` names its axes and their poles in ``attrs["framing"]``, but
``attrs`` is a cache, not the contract: a table read back from CSV or JSON lines, or merged with
a coding sheet, has lost it. :func:`table_axes` is the one place every consumer (``aggregate``,
``evidence``, ``tally``, ``merge_tallies``, ``compare``, ``keyness``, ``report``) learns the
axes, in this order:

1. ``axes=`` as a dict ``{axis: (first_pole, second_pole)}``: those, as given;
2. ``attrs["framing"]["axes"]`` when the table still has it;
3. the columns themselves: every ``<axis>_label`` column of a sentence table (every pair of
   ``n_<pole>`` columns of a tally) of a built-in lexicon's axis takes that axis's poles; any
   other ``<axis>_label`` column beside its score column ``<axis>`` takes its poles from the
   labels, the first pole being the one whose sentences score above 0.

``axes=`` as a list of names picks axes among those (a name of a built-in axis that the table
does not name gets the built-in poles). The first pole is the positive sign throughout.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"power_label": ["equal", "none"], "bond_label": ["none", "none"]})
>>> table_axes(table)
{'power': ('equal', 'junior'), 'bond': ('friendship', 'convenience')}
>>> table_axes(table, ["bond"])
{'bond': ('friendship', 'convenience')}
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._lexicon import builtin_lexicons, load_lexicon
from .errors import ParameterError

if TYPE_CHECKING:  # pandas is imported by the callers, which hold a table already
    import pandas as pd

__all__ = [
    "AxesLike", "table_axes", "table_info", "is_tally", "pole_labels", "cue_list",
    "HOW_TO_NAME_AXES",
]  # fmt: skip

#: What ``axes=`` takes: None, an axis name, a list of names, or ``{axis: (first, second)}``.
AxesLike = str | Sequence[str] | Mapping[str, Sequence[str]] | None

#: The fix every error of this module offers.
HOW_TO_NAME_AXES = (
    "pass axes={'power': ('equal', 'junior'), 'bond': ('friendship', 'convenience')} (first "
    "pole positive), or use the output of framing.score or framing.read_sentences, which name "
    "them"
)


def table_info(table: pd.DataFrame) -> dict[str, Any]:
    """``attrs["framing"]`` of a table (the provenance of its labels), or an empty dict."""
    info = table.attrs.get("framing")
    return info if isinstance(info, dict) else {}


def is_tally(table: pd.DataFrame) -> bool:
    """Whether ``table`` is a tally (:func:`framing.tally`) rather than a sentence table: by its
    attrs, or else by its columns (the counts of a tally, no ``sent_id``)."""
    if table_info(table).get("kind") == "tally":
        return True
    columns = set(table.columns)
    return {"n_sentences", "n_relevant"} <= columns and "sent_id" not in columns


def table_axes(
    table: pd.DataFrame, axes: AxesLike = None, *, name: str = "axes"
) -> dict[str, tuple[str, str]]:
    """The axes of a sentence table or a tally and their two poles, first pole positive.

    Parameters
    ----------
    table : pandas.DataFrame
        A sentence table (:func:`framing.score`, maybe read back from a file or merged) or a
        tally (:func:`framing.tally`).
    axes : None, str, list of str or dict, default=None
        None: every axis of the table. A name or a list of names: those axes, in that order. A
        dict ``{axis: (first_pole, second_pole)}``: those axes and poles, as given.
    name : str, default='axes'
        The argument named in errors.

    Returns
    -------
    dict of str to (str, str)

    Raises
    ------
    ParameterError
        ``axes`` is not one of the forms above, names no axis, an axis the table does not have,
        poles that are not two different strings; or ``axes`` is None and the table names no
        axis (no ``attrs``, no ``<axis>_label`` column), or a column's poles cannot be told
        from its labels. The message says what to pass.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"trust": [1.0, -1.0], "trust_label": ["high", "low"]})
    >>> table_axes(table)
    {'trust': ('high', 'low')}
    >>> table_axes(table, {"trust": ("low", "high")})
    {'trust': ('low', 'high')}
    """
    if isinstance(axes, Mapping):
        for poles in axes.values():
            if len(poles) != 2 or not all(isinstance(p, str) for p in poles) or len(set(poles)) < 2:
                raise ParameterError(name, axes, "two different pole names per axis",
                                     hint=HOW_TO_NAME_AXES)  # fmt: skip
        resolved = {str(axis): (poles[0], poles[1]) for axis, poles in axes.items()}
    elif axes is None or isinstance(axes, (str, Sequence)):
        resolved = _named(table, axes, name)
    else:
        raise ParameterError(name, axes, "None, a list of axis names or a dict",
                             hint=HOW_TO_NAME_AXES)  # fmt: skip
    if not resolved:
        raise ParameterError(name, axes, "at least one axis", hint=HOW_TO_NAME_AXES)
    return resolved


def _named(
    table: pd.DataFrame, axes: str | Sequence[str] | None, name: str
) -> dict[str, tuple[str, str]]:
    """The axes named (None: all of the table's), poles from attrs, else from the columns."""
    recorded = table_info(table).get("axes")
    if recorded:
        known: dict[str, tuple[str, str] | None] = {
            str(axis): (str(poles[0]), str(poles[1])) for axis, poles in recorded.items()
        }
    else:
        known = {**_column_axes(table)}
    if axes is None:
        names = list(known)
        if not names:
            raise ParameterError(
                name, None, "the axes and their poles",
                hint="the table has no attrs['framing'] and no <axis>_label column of a known "
                f"axis; {HOW_TO_NAME_AXES}",
            )  # fmt: skip
    else:
        names = [axes] if isinstance(axes, str) else [str(axis) for axis in axes]
        if not recorded:  # a built-in axis the columns do not name keeps its built-in poles
            known = {**_builtin_poles(), **known}
        unknown = [axis for axis in names if axis not in known]
        if unknown:
            raise ParameterError(name, axes, tuple(known), hint=f"unknown axes: {unknown}")
    resolved = {}
    for axis in names:
        poles = known[axis]
        if poles is None:
            raise ParameterError(
                name, axes, f"the poles of axis {axis!r}",
                hint=f"the table has no attrs naming them, and its columns {axis!r} and "
                f"{axis + '_label'!r} do not show which label scores above 0 and which below; "
                f"pass axes={{{axis!r}: ('first_pole', 'second_pole')}} (first pole positive)",
            )  # fmt: skip
        resolved[axis] = poles
    return resolved


def _column_axes(table: pd.DataFrame) -> dict[str, tuple[str, str] | None]:
    """The axes a table's columns show, in column order; None where the poles are unknown."""
    builtin = _builtin_poles()
    columns = [str(column) for column in table.columns]
    if is_tally(table):
        present = set(columns)
        return {
            axis: poles
            for axis, poles in builtin.items()
            if all(f"n_{pole}" in present for pole in poles)
        }
    found: dict[str, tuple[str, str] | None] = {}
    for column in columns:
        axis = column[: -len("_label")]
        if not column.endswith("_label") or not axis:
            continue
        if axis in builtin:
            found[axis] = builtin[axis]
        elif axis in columns:
            found[axis] = _poles_from_scores(table, axis)
    return found


def _poles_from_scores(table: pd.DataFrame, axis: str) -> tuple[str, str] | None:
    """The poles of ``axis`` from its labels and the sign of its scores, or None when the
    labels do not show one pole above 0 and another below."""
    import pandas as pd

    labels = table[f"{axis}_label"]
    scores = pd.to_numeric(table[axis], errors="coerce")
    named = labels.notna() & (labels != "none")
    first = set(labels[named & (scores > 0)])
    second = set(labels[named & (scores < 0)])
    if len(first) != 1 or len(second) != 1 or first == second:
        return None
    if set(labels[named]) != first | second:
        return None
    return str(first.pop()), str(second.pop())


@functools.lru_cache(maxsize=1)
def _builtin_poles() -> dict[str, tuple[str, str]]:
    """The axes of the built-in lexicons and their poles (the first lexicon naming an axis)."""
    poles: dict[str, tuple[str, str]] = {}
    for lexicon in builtin_lexicons():
        for axis, pair in load_lexicon(lexicon).poles.items():
            poles.setdefault(axis, pair)
    return poles


def pole_labels(
    table: pd.DataFrame, axis: str, poles: tuple[str, str], *, name: str = "axes"
) -> Any:
    """The labels of ``axis`` as a numpy array of objects, once checked to be its poles or
    'none' (missing labels are ignored).

    Raises
    ------
    ParameterError
        A label that is neither pole nor 'none' (the poles given, or read, are not those of
        the table's labels); the message lists them.
    """
    import pandas as pd

    labels = table[f"{axis}_label"]
    found = {value for value in pd.unique(labels) if not pd.isna(value)}
    unknown = sorted(str(value) for value in found - {*poles, "none"})
    if unknown:
        raise ParameterError(
            name, {axis: poles}, f"poles that match the labels in {axis}_label",
            hint=f"labels found that are neither pole nor 'none': {unknown}; the table's attrs "
            f"or axes= name other poles than its labels",
        )  # fmt: skip
    return labels.to_numpy(dtype=object)


def cue_list(cues: Any) -> list[dict[str, Any]]:
    """The cues of one sentence as a list of dicts, also when read back from a file as JSON
    text (``[]`` for a missing value)."""
    if isinstance(cues, str):
        return list(json.loads(cues))
    if cues is None or (isinstance(cues, float) and cues != cues):
        return []
    return list(cues)
