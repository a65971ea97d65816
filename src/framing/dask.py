"""Score and tally a corpus on a Dask cluster: :func:`score` and :func:`tally` over partitions.

This module is imported explicitly (``import framing.dask``; ``import framing`` never imports
Dask) and needs the ``dask`` extra: ``pip install 'framing[dask]'``. It takes a
``dask.dataframe.DataFrame`` with the columns :meth:`framing.Corpus.from_frame` takes, or a
``dask.bag.Bag`` of such dicts or of :class:`framing.Document` objects, and runs the scorer of
:func:`framing.score` on every partition, on whatever scheduler is active: the threads of this
process, a ``LocalCluster``, or a cluster of machines behind a ``distributed.Client``.

- :func:`score` is lazy and returns a ``dask.dataframe.DataFrame`` of sentences: one
  partition of sentences per partition of documents.
- :func:`tally` reduces each partition to its tally on the worker (sentence rows never reach
  the client) and merges them with :func:`framing.merge_tallies`: the table that
  :func:`framing.compare` takes, identical to ``framing.tally(framing.score(frame))`` on the
  whole pandas frame.

The lexicon is loaded once, on the client, and shipped to each worker once with the task graph.
Every document needs its own id (a ``doc_id`` column or key): the automatic ids of
:func:`framing.load_corpus` (``doc0001`` ...) number documents by position, which a partition
does not know.

Examples
--------
>>> import dask
>>> import dask.dataframe as dd
>>> frame = pd.DataFrame({
...     "doc_id": ["a", "b", "c"],
...     "outlet": ["Daily", "Daily", "Weekly"],
...     "text": ["Xi and Putin are old friends.",  # constructed sentences
...              "Russia is China's junior partner, Xi and Putin agree.",
...              "Xi and Putin: a marriage of convenience."],
... })
>>> with dask.config.set(scheduler="synchronous"):
...     counts = tally(dd.from_pandas(frame, npartitions=2))
>>> counts[["doc_id", "outlet", "n_friendship", "n_junior", "n_convenience"]]
  doc_id  outlet  n_friendship  n_junior  n_convenience
0      a   Daily             1         0              0
1      b   Daily             0         1              0
2      c  Weekly             0         0              1
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple

# The module is framing.dask: these absolute imports name the Dask package itself.
import dask
import dask.bag
import dask.dataframe
import pandas as pd

from ._corpus import Corpus, Document
from ._engine import Record
from ._lexicon import Lexicon, load_lexicon
from ._reading import (
    _DERIVED,
    _WRITTEN,
    _cell_str,
    _Names,
    _Placed,
    _Reading,
    _renamed,
    _UniqueIds,
    _warn_empty,
    _warn_renamed,
    read_frame,
)
from ._scoring import Method, _Job
from ._tally import merge_tallies
from ._tally import tally as _tally_table
from .errors import CorpusError, FramingWarning, ParameterError

__all__ = ["score", "tally"]

_HOW_TO_ID = (
    "give every document a unique id column (for example the file name and row number); "
    "automatic ids (doc0001 ...) number documents by position, which a partition does not know"
)
_PROBE = "Constructed: Xi and Putin met."  # one constructed sentence: the table's dtypes


class _Part(NamedTuple):
    """What a worker sends back for one partition in :func:`tally`: small, no sentence rows."""

    counts: pd.DataFrame  # its tally
    record: Record  # what scoring it saw, for the warnings at the end (as a run of score())
    renamed: dict[str, str]  # metadata keys kept under new names (loading, then scoring)


def score(
    data: dask.dataframe.DataFrame | dask.bag.Bag,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    *,
    method: Method = "lexicon",
    relevant_only: bool = True,
    text: str = "text",
    doc_id: str = "doc_id",
    outlet: str | None = "outlet",
    date: str | None = "date",
) -> dask.dataframe.DataFrame:
    """Score every sentence of a Dask collection of documents, lazily, partition by partition.

    Parameters
    ----------
    data : dask.dataframe.DataFrame or dask.bag.Bag
        The documents: a Dask DataFrame with one row per document and the columns named by
        ``text``, ``doc_id``, ``outlet`` and ``date`` (every other column is metadata, as in
        :meth:`framing.Corpus.from_frame`), or a Bag of dicts with those keys or of
        :class:`framing.Document` objects. One partition is scored as one chunk of
        :func:`framing.score`: its size bounds a worker's memory, as ``chunk_size`` does.
    lexicon : str, path or Lexicon, default='relationship'
        As in :func:`framing.score`; loaded once, here, and shipped to the workers.
    method : 'lexicon', 'classifier', a fitted classifier or {axis: classifier}, default='lexicon'
        As in :func:`framing.score`; models are shipped to the workers with the lexicon.
    relevant_only : bool, default=True
        As in :func:`framing.score`.
    text, doc_id : str, default='text', 'doc_id'
        The column (key) with the article text and the one with its unique id; both required.
    outlet, date : str or None, default='outlet', 'date'
        The columns (keys) with the outlet and the date, when there are any.

    Returns
    -------
    dask.dataframe.DataFrame
        The columns and dtypes of :func:`framing.score` (metadata columns are object dtype),
        known without computing anything (``meta``). Each partition holds the rows that
        :func:`framing.score` gives for its documents, in the same order, and that
        function's ``attrs["framing"]`` for them (pandas keeps ``attrs`` when partitions are
        concatenated only if they are equal in all of them, so a computed table may lack
        them). For a Bag of dicts the metadata columns are the keys of its first partition,
        which is read once here to learn them, as ``Bag.to_dataframe`` does.

    Raises
    ------
    ParameterError
        ``data`` is not a Dask DataFrame or Bag; an unknown ``method``; no ``doc_id`` name.
    CorpusError
        At once: no ``text`` or ``doc_id`` column. When computed, from the worker, with the
        partition, the row and the document id: a missing id, ids repeated within a
        partition, a text that is not a string, a malformed date, a Bag record whose keys are
        not those of the first partition.

    See Also
    --------
    tally : the counts that :func:`framing.compare` needs, merged on the client.
    framing.score : the same rows for a corpus in memory.

    Notes
    -----
    Ids are checked within each partition only: the rows of a document whose id repeats in
    another partition are kept (:func:`tally` checks across partitions). Documents with no text
    give no row; each partition lists them in its ``attrs["framing"]["skipped"]``, and
    :func:`tally` collects and warns about them, but a lazy table has no place to warn.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Xi and Putin are old friends.",  # constructed sentences
    ...     "Xi and Putin met. Russia is China's junior partner."]})
    >>> sents = score(dd.from_pandas(frame, npartitions=2))
    >>> sents.npartitions, str(sents.dtypes["relevant"])
    (2, 'bool')
    >>> sents.compute(scheduler="synchronous")[["doc_id", "sent_id", "bond_label", "power_label"]]
      doc_id  sent_id  bond_label power_label
    0      a        0  friendship        none
    0      b        0        none        none
    1      b        1        none      junior
    """
    names = _names(text, doc_id, outlet, date)
    parts, columns, renamed = _partitions(data, names)
    job = _job(lexicon, method, relevant_only)
    if columns is None:  # a Bag: its first partition says what the metadata keys are
        ((columns, renamed),) = dask.compute(dask.delayed(_metadata_of)(parts[0], names))
    _warn_renamed({**renamed, **job.renamed(columns)}, "the Dask collection", 2)
    meta = _meta(job, columns)
    shipped = dask.delayed(job, traverse=False)
    tasks = [
        dask.delayed(_score_part)(part, shipped, number, names, columns, meta)
        for number, part in enumerate(parts)
    ]
    # Dask would turn object columns into pyarrow strings; the table keeps score()'s dtypes.
    with dask.config.set({"dataframe.convert-string": False}):
        return dask.dataframe.from_delayed(tasks, meta=meta, verify_meta=False)


def tally(
    data: dask.dataframe.DataFrame | dask.bag.Bag,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    *,
    method: Method = "lexicon",
    relevant_only: bool = True,
    text: str = "text",
    doc_id: str = "doc_id",
    outlet: str | None = "outlet",
    date: str | None = "date",
) -> pd.DataFrame:
    """Score a Dask collection of documents on the workers and bring back only its tally.

    Each partition is scored and reduced to its tally (:func:`framing.tally`) where it lives;
    the client receives one small table per partition and merges them exactly
    (:func:`framing.merge_tallies`). The result is what :func:`framing.compare` takes.

    Parameters
    ----------
    data, lexicon, method, relevant_only, text, doc_id, outlet, date
        As in :func:`score`. A Bag's records may hold different keys: each partition keeps
        its own metadata columns and the merge takes them all.

    Returns
    -------
    pandas.DataFrame
        The tally (columns as in :func:`framing.tally`), equal to
        ``framing.tally(framing.score(frame))`` for the whole corpus as one pandas frame:
        same rows, columns, dtypes and numbers, whatever the partitioning.
        ``attrs["framing"]["skipped"]`` lists every document that gave no sentence, from
        every partition (an empty one's ``source`` is ``partition N:row M``, the row counted
        within its partition).

    Raises
    ------
    ParameterError
        As in :func:`score`.
    CorpusError
        As in :func:`score`, raised here as the worker raised it; the same ``doc_id`` in two
        partitions (naming it: the merge would add up two documents' counts); no document
        with text in any partition.

    Warns
    -----
    DataQualityWarning
        Once, for all partitions: documents with no text, and documents that hold no text
        once page chrome is removed.
    FramingWarning
        Documents that were HTML; no sentence about the dyad (as :func:`framing.score`).

    See Also
    --------
    score, framing.tally, framing.merge_tallies, framing.compare

    Examples
    --------
    >>> import dask
    >>> import dask.bag as db
    >>> records = [{"doc_id": "a", "outlet": "Daily", "text": "Xi and Putin are old friends."},
    ...            {"doc_id": "b", "outlet": "Weekly", "text": "   "}]  # constructed
    >>> with dask.config.set(scheduler="synchronous"), warnings.catch_warnings(record=True) as w:
    ...     counts = tally(db.from_sequence(records, npartitions=2))
    >>> counts[["doc_id", "outlet", "n_sentences", "n_friendship"]]
      doc_id outlet  n_sentences  n_friendship
    0      a  Daily            1             1
    >>> counts.attrs["framing"]["skipped"]
    [{'source': 'partition 1:row 1', 'reason': 'empty'}]
    >>> print(w[0].message)
    1 empty or whitespace-only document(s) skipped: partition 1:row 1
    """
    names = _names(text, doc_id, outlet, date)
    parts, columns, _ = _partitions(data, names)
    job = _job(lexicon, method, relevant_only)
    shipped = dask.delayed(job, traverse=False)
    tasks = [
        dask.delayed(_tally_part)(part, shipped, number, names, columns)
        for number, part in enumerate(parts)
    ]
    results: tuple[_Part, ...] = dask.compute(*tasks)
    seen = _UniqueIds(places=_partitions_of, why=" (merged, their counts would be added up)")
    for number, result in enumerate(results):
        for ident in [*pd.unique(result.counts["doc_id"]), *result.record.emptied]:
            seen.add(str(ident), number)
    kept = {old: new for result in results for old, new in result.renamed.items()}
    _warn_renamed(kept, "the Dask collection", stacklevel=2)
    merged = merge_tallies(result.counts for result in results)
    skipped = merged.attrs["framing"]["skipped"]
    empty = [entry["source"] for entry in skipped if entry["reason"] == "empty"]
    if not len(seen):
        raise CorpusError(
            f"no partition holds a document with text ({len(empty)} empty document(s)); "
            f"check that text={names.text!r} names the column (key) with the article text"
        )
    if empty:
        _warn_empty(empty, stacklevel=2)
    Record.combined(result.record for result in results).warn(job, stacklevel=2)
    return merged


# --------------------------------------------------------------------------------------------
# On the client
# --------------------------------------------------------------------------------------------
def _names(text: str, doc_id: str | None, outlet: str | None, date: str | None) -> _Names:
    if not doc_id:
        raise ParameterError("doc_id", doc_id, "the name of a column (key) with unique ids",
                             hint=_HOW_TO_ID)  # fmt: skip
    return _Names(text, doc_id, outlet, date)


def _partitions_of(first: int, second: int) -> str:
    return f"in partitions {first} and {second}"


def _job(lexicon: str | os.PathLike[str] | Lexicon, method: Method, relevant_only: bool) -> _Job:
    return _Job(load_lexicon(lexicon), method, bool(relevant_only))


def _partitions(
    data: Any, names: _Names
) -> tuple[list[Any], list[str] | None, dict[str, str]]:
    """The partitions of ``data`` as Delayed objects; the metadata columns of a DataFrame (as
    the documents' metadata names them) and those kept under a new name."""
    if isinstance(data, dask.dataframe.DataFrame):
        present = [str(column) for column in data.columns]
        for role, column in (("text", names.text), ("doc_id", names.doc_id)):
            if column not in present:
                how = _HOW_TO_ID if role == "doc_id" else f"pass {role}='<column>'"
                raise CorpusError(
                    f"the Dask DataFrame has no {role} column {column!r}; its columns are "
                    f"{present}; {how}"
                )
        columns, renamed = _metadata_names(present, names, "the Dask DataFrame")
        return list(data.to_delayed()), columns, renamed
    if isinstance(data, dask.bag.Bag):
        return list(data.to_delayed()), None, {}
    if isinstance(data, pd.DataFrame):
        hint = "for a pandas DataFrame use framing.score, or dask.dataframe.from_pandas first"
    else:
        hint = "build one with dask.dataframe.read_parquet or dask.bag.from_sequence"
    raise ParameterError(
        "data", type(data).__name__, "a dask.dataframe.DataFrame or a dask.bag.Bag", hint=hint
    )


def _meta(job: _Job, columns: list[str]) -> pd.DataFrame:
    """The empty table with score()'s columns and the dtypes it gives a scored sentence."""
    return job(Corpus._unchecked([Document("probe", _PROBE)]), columns).table.iloc[:0]


# --------------------------------------------------------------------------------------------
# On the workers
# --------------------------------------------------------------------------------------------
def _score_part(
    part: Any, job: _Job, number: int, names: _Names, columns: list[str], meta: pd.DataFrame
) -> pd.DataFrame:
    """One partition's sentence table, with exactly the columns and dtypes of ``meta``."""
    corpus, found, _ = _corpus(part, number, names)
    extra = [column for column in found if column not in columns]
    if extra:
        raise CorpusError(
            f"partition {number}: records with the keys {extra}, which the first partition "
            f"(it sets the columns: {columns}) lacks; give every record the same keys, or use "
            "framing.dask.tally, which takes any keys",
            path=f"partition {number}",
        )
    frame = job(corpus, columns).table
    if frame.empty:  # pandas cannot tell a column of strings from an empty one
        frame = frame.astype(meta.dtypes.to_dict())
    return frame


def _tally_part(
    part: Any, job: _Job, number: int, names: _Names, columns: list[str] | None
) -> _Part:
    """One partition's tally and what the client needs to check ids and warn."""
    corpus, found, renamed = _corpus(part, number, names)
    keys = columns if columns is not None else found
    result = job(corpus, keys)
    record = Record()
    record.add(result.table, result.html, result.emptied)
    return _Part(_tally_table(result.table), record, {**renamed, **job.renamed(keys)})


def _metadata_of(part: Any, names: _Names) -> tuple[list[str], dict[str, str]]:
    """The metadata columns of a Bag's first partition (before any check of its records), and
    those kept under a new name."""
    return _corpus(part, 0, names)[1:]


def _metadata_names(
    keys: list[str], names: _Names, where: str
) -> tuple[list[str], dict[str, str]]:
    """The metadata columns among ``keys`` as Corpus.from_frame names them (a key named like a
    column framing writes as ``meta_<key>``), and those renamed."""
    named = {name for name in names if name is not None} | set(_DERIVED)  # checked, not kept
    meta = [key for key in keys if key not in named]
    renamed = _renamed(meta, _WRITTEN, where)
    return [renamed.get(key, key) for key in meta], renamed


def _corpus(part: Any, number: int, names: _Names) -> tuple[Corpus, list[str], dict[str, str]]:
    """A partition as a Corpus (empty documents in ``skipped``), its metadata columns (as the
    documents' metadata names them) and those kept under a new name."""
    where = f"partition {number}"
    if isinstance(part, pd.DataFrame):
        return _frame_corpus(part, where, names)
    records = list(part)
    if records and all(isinstance(item, Document) for item in records):
        placed = (_Placed(doc, doc.source or doc.doc_id) for doc in records)
        corpus = Corpus._read(_Reading(placed, where, empty_ok=True, warn=False))
        return corpus, corpus.metadata_columns(), {}
    for item in records:
        if not isinstance(item, Mapping):
            raise CorpusError(
                f"{where}: a Bag of documents holds dicts (one per document) or "
                f"framing.Document objects, got {type(item).__name__}",
                path=where,
            )
    if not records:
        return Corpus._unchecked([]), [], {}
    return _frame_corpus(pd.DataFrame.from_records(records), where, names)


def _frame_corpus(
    frame: pd.DataFrame, where: str, names: _Names
) -> tuple[Corpus, list[str], dict[str, str]]:
    """A partition of rows as Corpus.from_frame reads it; every row needs an id."""
    columns, renamed = _metadata_names([str(c) for c in frame.columns], names, where)
    if names.text not in frame.columns or names.doc_id not in frame.columns:
        missing = names.text if names.text not in frame.columns else names.doc_id
        raise CorpusError(
            f"{where} has no {missing!r} column (key); its columns are "
            f"{list(map(str, frame.columns))}",
            path=where,
        )
    # Dask may hold text as pyarrow strings (missing = pd.NA): back to Python objects and None,
    # as a pandas frame gives them to Corpus.from_frame.
    frame = frame.astype(object).where(frame.notna(), None)
    for row, value in enumerate(frame[names.doc_id], start=1):
        if _cell_str(value) is None:
            raise CorpusError(f"{where}, row {row}: no {names.doc_id}; {_HOW_TO_ID}",
                              path=where, row=row)  # fmt: skip
    # Empty documents and renamed columns: score() and tally() warn once, on the client.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        corpus = Corpus._read(read_frame(frame, names, source=where, empty_ok=True, warn=False))
    return corpus, columns, renamed
