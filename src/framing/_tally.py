"""Mergeable label counts per document: what :func:`framing.compare` needs, without the sentences.

A sentence table holds one row per sentence, with its text and evidence; for a corpus of
millions of articles that does not fit in memory. :func:`tally` reduces it to one row per
(document, voice) with the document's metadata and its counts of sentences, relevant sentences
and sentences labelled with each pole: the sufficient statistics of a comparison. Tallies are
mergeable: :func:`merge_tallies` of the tallies of any partition of the sentences (by chunk of
documents, or by arbitrary rows) is exactly the tally of the whole, so a corpus can be scored
chunk by chunk, on all cores or on a cluster, and compared at the end with
``framing.compare(tally, by="outlet")``, which gives the same numbers as on the sentence table.

Examples
--------
>>> from framing._scoring import score
>>> sents = score(["Xi and Putin are old friends. Russia is China's junior partner."])
>>> tally(sents)[["doc_id", "voice", "n_sentences", "n_relevant", "n_friendship", "n_junior"]]
    doc_id     voice  n_sentences  n_relevant  n_friendship  n_junior
0  doc0001  narrator            2           2             1         1
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from contextlib import closing
from typing import Any

import numpy as np
import pandas as pd

from ._corpus import Corpus
from ._scoring import _BASE_COLUMNS, iter_scores, score
from ._table import AxesLike, is_tally, pole_labels, table_axes, table_info
from .errors import ParameterError

__all__ = ["tally", "merge_tallies", "TALLY_COUNTS"]

TALLY_COUNTS = ("n_sentences", "n_relevant")
"""The fixed count columns of a tally; ``n_<pole>`` for every pole of every axis follow them."""

# Columns of a sentence table that belong to the document, not to one sentence.
_DOCUMENT_COLUMNS = ("doc_id", "outlet", "date")
_KEY = ("doc_id", "voice")
_HOW = "make it with framing.score(), or read it with framing.read_sentences()"


def tally(sents: pd.DataFrame, *, axes: AxesLike = None) -> pd.DataFrame:
    """Count sentences and labels per (document, voice): the mergeable summary of a sentence table.

    Parameters
    ----------
    sents : pandas.DataFrame
        The sentence table of :func:`framing.score` (or one chunk of
        :func:`framing.iter_scores`): ``doc_id``, ``voice``, ``relevant`` and ``X_label`` for
        every axis ``X``; read back from a file or merged with a coding sheet, it works as it
        is (the axes are then read from its columns). Not modified.
    axes : None, list of str or dict, default=None
        The axes to count and their poles (first pole positive). None: every axis of the
        table; a list of names: those axes; a dict ``{axis: (first_pole, second_pole)}``:
        those poles. Read from ``attrs["framing"]`` when the table has it, else from its
        columns (:func:`framing._table.table_axes`).

    Returns
    -------
    pandas.DataFrame
        One row per (``doc_id``, ``voice``) that has at least one sentence, sorted by
        ``doc_id`` then ``voice``, with columns:

        - ``doc_id``, ``voice`` ('narrator' or 'source');
        - every metadata column of the table, in its order and with its dtype (``outlet,
          date``, ``flags``, ``date_precision, year`` and the corpus's own: ``country,
          genre, title`` ...): all columns but the per-sentence ones (``sent_id, paragraph,
          start, end, text, speaker, relevant, relevance, actors``, the axis scores and
          labels, ``cues, evidence``). They are constant within a document in the output of
          :func:`framing.score`; a column that varies within a document (one added by hand)
          splits the document's row, so that a comparison by that column still counts the
          same articles;
        - ``n_sentences``, ``n_relevant`` and ``n_<pole>`` for each pole of each axis, in the
          order of the axes: int64 counts of sentences, relevant sentences and sentences
          labelled with that pole.

        ``attrs["framing"]`` is a copy of the table's (lexicon, method, ``relevant_only``,
        ``skipped``: empty for a table without attrs) with the axes counted and ``"kind":
        "tally"``. A tally of an empty table has every column and no row.

    Raises
    ------
    ParameterError
        ``sents`` is not a sentence table of :func:`framing.score` (not a DataFrame, no axes
        in its attrs or columns, missing columns, already a tally); a label that is
        neither a pole of its axis nor ``'none'``; a metadata column holding unhashable values
        (lists, dicts); a pole whose count column would clash with another column.

    See Also
    --------
    merge_tallies, framing.compare, framing.aggregate

    Notes
    -----
    The counts are sums over sentences, so for two disjoint sets of sentences :math:`A` and
    :math:`B`, ``tally(A ∪ B) == merge_tallies([tally(A), tally(B)])`` exactly (rows, order,
    dtypes): whatever the chunking, the comparison is the same.

    Examples
    --------
    >>> from framing._scoring import score
    >>> sents = score(["Xi and Putin are old friends. Russia is China's junior partner.",
    ...                'China "is not our senior partner," Putin said of Xi.'])
    >>> counts = tally(sents)
    >>> counts[["doc_id", "voice", "n_sentences", "n_equal", "n_junior"]]
        doc_id     voice  n_sentences  n_equal  n_junior
    0  doc0001  narrator            2        0         1
    1  doc0002    source            1        1         0
    >>> counts.attrs["framing"]["kind"]
    'tally'
    """
    axes = _axes_of_table(sents, axes)
    per_sentence = {c for c in _BASE_COLUMNS if c not in _DOCUMENT_COLUMNS} | {"cues", "evidence"}
    per_sentence |= {c for axis in axes for c in (axis, f"{axis}_label")}
    per_sentence -= set(_KEY)
    keys = [*_KEY, *(c for c in sents.columns if c not in per_sentence and c not in _KEY)]
    counts = _count_columns(axes)
    _check_clash(keys, counts)

    codes, first_rows = _group_codes(sents, keys)
    n_groups = first_rows.size
    relevant = sents["relevant"].fillna(False).to_numpy(dtype=bool)
    values: dict[str, np.ndarray] = {
        "n_sentences": np.bincount(codes, minlength=n_groups),
        "n_relevant": np.bincount(codes[relevant], minlength=n_groups),
    }
    for axis, poles in axes.items():
        array = pole_labels(sents, axis, poles, name="sents")
        for pole in poles:
            values[f"n_{pole}"] = np.bincount(codes[array == pole], minlength=n_groups)
    frame = sents[keys].iloc[first_rows].reset_index(drop=True)
    for name in counts:
        frame[name] = values[name].astype(np.int64)
    out = _sorted(frame, keys)
    out.attrs["framing"] = _tally_info(table_info(sents), axes)
    return out


def merge_tallies(tallies: Iterable[pd.DataFrame], *, axes: AxesLike = None) -> pd.DataFrame:
    """Merge tallies of chunks of a corpus into the tally of the whole.

    Rows with the same key (``doc_id``, ``voice`` and metadata) are summed, so a document whose
    sentences were split between chunks is counted once, with all its sentences.

    Parameters
    ----------
    tallies : iterable of pandas.DataFrame
        Outputs of :func:`tally` (or of this function) made with the same axes, lexicon,
        method and ``relevant_only``; read back from a file, a tally is known by its columns.
        Not modified.
    axes : None, list of str or dict, default=None
        The axes to merge and their poles, as in :func:`tally`; the count columns of the
        tallies' other axes are left out.

    Returns
    -------
    pandas.DataFrame
        A tally (columns as in :func:`tally`; metadata columns in the order first seen, a
        column missing from some tallies is missing (NA) in their rows), sorted by ``doc_id``
        then ``voice``. ``attrs["framing"]`` is that of the first tally with the axes merged
        and ``skipped`` concatenated over all of them.

    Raises
    ------
    ParameterError
        No tally given; an input that is not a tally; tallies made with different axes,
        lexicons, methods or ``relevant_only``.

    See Also
    --------
    tally

    Examples
    --------
    >>> from framing._scoring import score
    >>> sents = score(["Xi and Putin are old friends. Russia is China's junior partner.",
    ...                "Xi and Putin: a marriage of convenience."])
    >>> parts = [tally(sents.iloc[:1]), tally(sents.iloc[1:])]  # any split of the rows
    >>> merged = merge_tallies(parts)
    >>> merged[["doc_id", "n_sentences", "n_friendship", "n_convenience"]]
        doc_id  n_sentences  n_friendship  n_convenience
    0  doc0001            2             1              0
    1  doc0002            1             0              1
    >>> merged.equals(tally(sents))
    True
    """
    if isinstance(tallies, pd.DataFrame):
        raise ParameterError(
            "tallies", "a DataFrame", "an iterable of tallies, e.g. [tally_a, tally_b]"
        )
    # Read lazily and summed in batches: a stream of thousands of small chunk tallies is never
    # held whole (each small DataFrame costs far more than its rows once stacked).
    first: pd.DataFrame | None = None
    info: dict[str, Any] = {}
    merged_axes: dict[str, tuple[str, str]] = {}
    skipped: list[dict[str, Any]] = []
    counts: list[str] = []
    keys: list[str] = []
    parts: list[pd.DataFrame] = []
    pending: list[pd.DataFrame] = []
    pending_rows = 0
    for i, frame in enumerate(tallies):
        if not isinstance(frame, pd.DataFrame) or not is_tally(frame):
            raise ParameterError(
                "tallies",
                f"item {i}: {type(frame).__name__} that is not a tally",
                "outputs of framing.tally()",
            )
        frame_info = {**table_info(frame), "axes": table_axes(frame, axes)}
        frame = _without_other_counts(frame, frame_info["axes"])
        if first is None:
            first, info, merged_axes = frame, frame_info, frame_info["axes"]
            counts = _count_columns(merged_axes)
        for name in ("axes", "lexicon", "method", "relevant_only"):
            if frame_info.get(name) != info.get(name):
                raise ParameterError(
                    "tallies",
                    f"item {i} with {name}={frame_info.get(name)!r}",
                    f"tallies made alike ({name}={info.get(name)!r} in item 0)",
                    hint="merge only tallies of one scoring run (same lexicon and options)",
                )
        missing = [c for c in (*_KEY, *counts) if c not in frame.columns]
        if missing:
            raise ParameterError(
                "tallies", f"a tally without {missing}", f"tallies with the columns {counts}"
            )
        keys.extend(c for c in frame.columns if c not in counts and c not in keys)
        skipped.extend(copy.deepcopy(frame_info.get("skipped", [])))
        if len(frame):
            pending.append(frame)
            pending_rows += len(frame)
        if pending_rows >= _BATCH_ROWS:
            parts.append(_summed(pending, keys, counts))
            pending, pending_rows = [], 0
    if first is None:
        raise ParameterError("tallies", "nothing", "at least one tally from framing.tally()")
    parts.extend(pending)
    out = _sorted(_summed(parts or [first], keys, counts), keys)  # empties parts
    out.attrs["framing"] = {**_tally_info(info, merged_axes), "skipped": skipped}
    return out


#: Rows of chunk tallies summed together while merging (a bound on the small frames held).
_BATCH_ROWS = 50_000


def _summed(frames: list[pd.DataFrame], keys: list[str], counts: list[str]) -> pd.DataFrame:
    """The rows of ``frames`` with equal keys summed: one row per key, in order of first
    appearance, columns ``keys`` then ``counts`` (a key column a frame lacks is missing).

    Empties ``frames``: once stacked, the parts are let go, so that a large merge holds its
    rows about twice, not four times.
    """
    columns = [*keys, *counts]
    aligned = [f if list(f.columns) == columns else f.reindex(columns=columns) for f in frames]
    stacked = pd.concat(aligned, ignore_index=True) if len(aligned) > 1 else aligned[0]
    frames.clear()
    del aligned
    stacked = stacked.reset_index(drop=True)
    codes, first_rows = _group_codes(stacked, keys)
    if first_rows.size == len(stacked):  # every key once (the usual stream): nothing to sum
        return stacked.astype(dict.fromkeys(counts, np.int64))
    frame = stacked[keys].iloc[first_rows].reset_index(drop=True)
    summed = stacked[list(counts)].groupby(codes, sort=True).sum()
    for name in counts:
        frame[name] = summed[name].to_numpy(dtype=np.int64)
    return frame


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def _axes_of_table(sents: Any, axes: AxesLike) -> dict[str, tuple[str, str]]:
    """Check that ``sents`` is a sentence table; its axes and poles."""
    if not isinstance(sents, pd.DataFrame):
        raise ParameterError("sents", type(sents).__name__, "a pandas DataFrame", hint=_HOW)
    if is_tally(sents):
        raise ParameterError(
            "sents", "a tally", "a sentence table", hint="to combine tallies use merge_tallies()"
        )
    resolved = table_axes(sents, axes)
    required = [*_KEY, "relevant", *(f"{axis}_label" for axis in resolved)]
    missing = [c for c in required if c not in sents.columns]
    if missing:
        raise ParameterError(
            "sents", f"a table without {missing}", f"a sentence table with the columns {required}",
            hint=_HOW,
        )  # fmt: skip
    return resolved


def _tally_info(info: dict[str, Any], axes: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """``attrs["framing"]`` of a tally: a copy of ``info`` with its axes and kind."""
    out = copy.deepcopy(info)
    out.update(axes={axis: list(poles) for axis, poles in axes.items()}, kind="tally")
    out.setdefault("skipped", [])
    return out


def _without_other_counts(frame: pd.DataFrame, axes: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """A tally without the count columns of the axes it has besides ``axes``."""
    try:
        every = table_axes(frame)
    except ParameterError:  # poles known only from axes=: no other axis to leave out
        return frame
    kept = {f"n_{pole}" for poles in axes.values() for pole in poles}
    other = [f"n_{p}" for poles in every.values() for p in poles if f"n_{p}" not in kept]
    return frame.drop(columns=[c for c in other if c in frame.columns]) if other else frame


def _count_columns(axes: dict[str, tuple[str, str]]) -> list[str]:
    return [*TALLY_COUNTS, *(f"n_{pole}" for poles in axes.values() for pole in poles)]


def _check_clash(keys: list[str], counts: list[str]) -> None:
    clash = sorted({c for c in counts if counts.count(c) > 1 or c in keys})
    if clash:
        raise ParameterError(
            "sents",
            f"count columns {clash} that clash",
            "poles whose n_<pole> columns are distinct from each other and from the table's "
            "columns",
            hint="rename the clashing metadata columns",
        )


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Group number of every row (in order of first appearance) and each group's first row."""
    if frame.empty:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    try:
        codes = frame.groupby(keys, sort=False, dropna=False, observed=True).ngroup()
    except TypeError as exc:
        bad = [c for c in keys if not _hashable(frame[c])]
        raise ParameterError(
            "sents",
            f"unhashable values (lists, dicts) in the columns {bad or keys}",
            "document metadata of strings, numbers, dates or None",
            hint="drop those columns or turn their values into strings before tallying",
        ) from exc
    codes_array = codes.to_numpy(dtype=np.intp)
    _, first_rows = np.unique(codes_array, return_index=True)
    return codes_array, first_rows


def _hashable(column: pd.Series) -> bool:
    try:
        pd.factorize(column)
    except TypeError:
        return False
    return True


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows in one order whatever the input order: by doc_id, voice, then the other keys."""
    try:
        out = frame.sort_values(keys, kind="stable", na_position="last")
    except TypeError:  # mixed types in a column (ids that are numbers and strings)
        out = frame.sort_values(
            keys, kind="stable", na_position="last", key=lambda s: s.astype(str).where(s.notna())
        )
    return out.reset_index(drop=True)


def _comparable(data: Any, lexicon: Any, **options: Any) -> pd.DataFrame:
    """What :func:`framing.compare` takes for ``data`` (the command line's ``compare``): the
    sentence table of a corpus in memory, else the merged tallies of the stream's chunks, so
    that memory does not grow with the text; ``options`` are those of :func:`framing.score`."""
    if isinstance(data, Corpus):
        return score(data, lexicon, **options)
    with closing(iter_scores(data, lexicon, **options)) as frames:
        return merge_tallies(tally(frame) for frame in frames)
