"""Documents and corpora: loading text from folders, CSV, JSONL, DataFrames and lists of strings.

A :class:`Document` keeps its original text untouched; cleaning (:mod:`framing.clean`) works on a
copy and records what it removed. A :class:`Corpus` is an ordered collection of documents with
unique ids, plus a record of the inputs it skipped (empty files) and why.

Examples
--------
>>> corpus = Corpus.from_texts(["Xi met Putin.", "Putin met Xi again."], outlet="Wire")
>>> len(corpus), corpus[0].doc_id, corpus[1].outlet
(2, 'doc0001', 'Wire')
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

# Document, parse_date and read_text_file are public here; inputs are read in _reading.
from ._reading import _DERIVED as _DERIVED
from ._reading import (
    _RESERVED,
    Document,
    _Names,
    _Placed,
    _Reading,
    _renamed,
    _skipped_table,
    _UniqueIds,
    parse_date,
    read_frame,
    read_path,
    read_text_file,
)
from ._reading import _SENTENCE_HEAD as _SENTENCE_HEAD
from ._reading import _SENTENCE_TAIL as _SENTENCE_TAIL
from ._reading import _listed as _listed
from ._reading import _warn_empty as _warn_empty
from ._reading import _warn_renamed as _warn_renamed
from ._validation import check_int, check_real
from .errors import CorpusError

__all__ = ["Document", "Corpus", "load_corpus", "parse_date", "read_text_file"]


class Corpus:
    """An ordered collection of :class:`Document` objects with unique ids.

    Parameters
    ----------
    documents : iterable of Document
        The documents, in order.
    skipped : pandas.DataFrame or None, default=None
        Inputs that were not loaded as documents, with columns ``source`` and ``reason``.

    Raises
    ------
    CorpusError
        If two documents share an id, or if there is no document with any text.

    See Also
    --------
    load_corpus : build a corpus from a path.

    Examples
    --------
    >>> corpus = Corpus([Document("a", "Xi met Putin."), Document("b", "They met.")])
    >>> [d.doc_id for d in corpus]
    ['a', 'b']
    """

    def __init__(self, documents: Iterable[Document], *, skipped: pd.DataFrame | None = None):
        docs = list(documents)
        ids = _UniqueIds()
        for doc in docs:
            if not isinstance(doc, Document):
                raise CorpusError(f"a Corpus holds Document objects, got {type(doc).__name__}")
            ids.add(doc.doc_id, doc.source)
        if not any(doc.text.strip() for doc in docs):
            raise CorpusError("the corpus has no text: every document is empty")
        self._hold(docs, skipped)

    def _hold(self, documents: Sequence[Document], skipped: pd.DataFrame | None) -> None:
        self._documents = tuple(documents)
        self._index = {doc.doc_id: i for i, doc in enumerate(self._documents)}
        self.skipped = _skipped_table() if skipped is None else skipped.reset_index(drop=True)

    # -- container protocol -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, str):
            try:
                return self._documents[self._index[key]]
            except KeyError:
                raise KeyError(f"no document with doc_id {key!r}") from None
        return self._documents[key]

    def __repr__(self) -> str:
        outlets = {d.outlet for d in self._documents if d.outlet is not None}
        return f"<Corpus: {len(self)} documents, {len(outlets)} outlets>"

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents, in order."""
        return self._documents

    # -- constructors ---------------------------------------------------------------------------
    @classmethod
    def _unchecked(
        cls, documents: Sequence[Document], skipped: pd.DataFrame | None = None
    ) -> Corpus:
        """A part of a corpus whose documents were checked already (a chunk; may be empty)."""
        corpus = cls.__new__(cls)
        corpus._hold(documents, skipped)
        return corpus

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, outlet: str | None = None) -> Corpus:
        """Build a corpus from plain strings, with ids ``doc0001``, ``doc0002`` ...

        Parameters
        ----------
        texts : iterable of str
            One string per document.
        outlet : str or None, default=None
            An outlet name for all of them.

        Returns
        -------
        Corpus

        Raises
        ------
        CorpusError
            If ``texts`` is a single string or holds something other than strings.
        """
        if isinstance(texts, (str, bytes)):
            raise CorpusError("texts must be a list of strings, one per document, not one string")
        docs = []
        for i, text in enumerate(texts, start=1):
            if not isinstance(text, str):
                raise CorpusError(
                    f"item {i} is {type(text).__name__}, not str", row=i, doc_id=f"doc{i:04d}"
                )
            docs.append(Document(f"doc{i:04d}", text, outlet=outlet, source=f"item {i}"))
        placed = (_Placed(doc, f"item {number}") for number, doc in enumerate(docs, start=1))
        return cls._read(_Reading(placed, "the texts"))

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        text: str = "text",
        outlet: str | None = "outlet",
        date: str | None = "date",
        doc_id: str | None = "doc_id",
        source: str | None = None,
    ) -> Corpus:
        """Build a corpus from a DataFrame with one row per document.

        Parameters
        ----------
        frame : pandas.DataFrame
            The documents. Every column other than text, outlet, date and doc_id becomes
            metadata; a metadata column named like a column framing writes (``year``,
            ``text``, ``cues`` ...) is kept as ``meta_<name>``, with a warning.
        text : str, default='text'
            The column with the article text (required).
        outlet, date, doc_id : str or None
            Columns with the outlet, the date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and a
            unique id; missing columns are allowed (ids become ``doc0001`` ...).
        source : str or None, default=None
            A name for error messages (the file the frame was read from).

        Returns
        -------
        Corpus

        Raises
        ------
        CorpusError
            If the text column is missing, two columns have the same name, a text is not a
            string, a date is malformed, or ids repeat; a metadata column named like a column
            framing writes beside one that has its new name (``year`` and ``meta_year``).

        Warns
        -----
        FramingWarning
            Metadata columns kept under a new name (both names are given).

        Examples
        --------
        >>> df = pd.DataFrame({"text": ["Xi met Putin."], "outlet": ["NPR"], "date": ["2024-05"]})
        >>> Corpus.from_frame(df)[0].date_precision
        'month'
        """
        if not isinstance(frame, pd.DataFrame):
            raise CorpusError(f"from_frame needs a pandas DataFrame, got {type(frame).__name__}")
        names = _Names(text, doc_id, outlet, date)
        return cls._read(read_frame(frame, names, source=source))

    @classmethod
    def _read(cls, reading: _Reading) -> Corpus:
        """Every document of a reading, with the inputs it left out in ``skipped``."""
        documents = list(reading)
        names = reading.metadata_names()
        if names:  # a JSON object without a key that others have: None, as in a table's column
            documents = [
                doc if len(doc.metadata) == len(names)
                else replace(doc, metadata={name: doc.metadata.get(name) for name in names})
                for doc in documents
            ]  # fmt: skip
        return cls._unchecked(documents, reading.take_skipped())

    # -- views ----------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per document.

        Returns
        -------
        pandas.DataFrame
            Columns ``doc_id, text, outlet, date, date_precision, year`` and one column per
            metadata key (missing values are None; a key with one of those names, which only a
            hand-built :class:`Document` can hold, as ``meta_<name>``).

        Examples
        --------
        >>> Corpus.from_texts(["A text."]).to_frame().columns.tolist()
        ['doc_id', 'text', 'outlet', 'date', 'date_precision', 'year']
        """
        keys = self.metadata_columns()
        # Documents built by hand may hold a key such as 'year' (loading renames them).
        renamed = _renamed(keys, _RESERVED, "the corpus")
        columns = [renamed.get(k, k) for k in keys]
        rows = [
            {
                "doc_id": d.doc_id,
                "text": d.text,
                "outlet": d.outlet,
                "date": d.date,
                "date_precision": d.date_precision,
                "year": d.year,
                **{c: d.metadata.get(k) for k, c in zip(keys, columns, strict=True)},
            }
            for d in self._documents
        ]
        frame = pd.DataFrame(rows, columns=[*_RESERVED, *columns])
        frame["year"] = frame["year"].astype("Int64")
        return frame

    def metadata_columns(self) -> list[str]:
        """Names of the metadata keys found in any document, in first-seen order."""
        keys: list[str] = []
        for doc in self._documents:
            keys.extend(k for k in doc.metadata if k not in keys)
        return keys

    def duplicates(self, *, threshold: float = 0.5, shingle: int = 5) -> pd.DataFrame:
        """Every pair of exact and near-duplicate documents (deprecated: use
        :meth:`duplicate_clusters`).

        .. deprecated:: 0.2
            A cluster of *n* copies has *n(n-1)/2* pairs, so this table grows with the square
            of the largest cluster (20,000 copies of one text: 200 million rows).
            :meth:`duplicate_clusters` gives one row per cluster, in memory linear in the corpus.

        Parameters
        ----------
        threshold : float, default=0.5
            Smallest containment reported, in (0, 1].
        shingle : int, default=5
            Words per shingle.

        Returns
        -------
        pandas.DataFrame
            Columns ``doc_id_a, doc_id_b, kind`` ('exact' or 'near'), ``jaccard``,
            ``containment``, ``shared_shingles``; one row per pair, most similar first.

        Warns
        -----
        DeprecationWarning
            Always.
        """
        warnings.warn(
            "Corpus.duplicates() lists every pair of copies, which grows with the square of a "
            "cluster; use Corpus.duplicate_clusters(), one row per cluster",
            DeprecationWarning,
            stacklevel=2,
        )
        threshold, shingle = _check_duplicate_options(threshold, shingle)
        columns = ["doc_id_a", "doc_id_b", "kind", "jaccard", "containment", "shared_shingles"]
        ids = [d.doc_id for d in self._documents]
        normalised = [_normalised(d.text) for d in self._documents]
        out = []
        for rows, cols, shared, jaccard, containment in _overlaps(normalised, threshold, shingle):
            for r, c, s, jac, con in zip(rows, cols, shared, jaccard, containment, strict=True):
                kind = "exact" if normalised[r] == normalised[c] else "near"
                out.append((ids[r], ids[c], kind, float(jac), float(con), int(s)))
        frame = pd.DataFrame(out, columns=columns)
        return frame.sort_values(
            ["containment", "jaccard", "doc_id_a", "doc_id_b"],
            ascending=[False, False, True, True],
            ignore_index=True,
        )

    def duplicate_clusters(
        self, *, threshold: float = 0.5, shingle: int = 5, max_ids: int | None = 5
    ) -> pd.DataFrame:
        """Clusters of exact and near-duplicate documents, one row per cluster; nothing is dropped.

        Exact duplicates have the same text after lower-casing and folding white space. Near
        duplicates (the same wire story in two outlets, a republished copy with other page chrome)
        share word ``shingle``-grams: two documents are linked when the containment
        ``|A ∩ B| / min(|A|, |B|)`` reaches ``threshold``. A cluster is a connected group of
        linked documents (single linkage), so a cluster of 20,000 copies of one text is one row.

        Parameters
        ----------
        threshold : float, default=0.5
            Smallest containment that links two documents, in (0, 1].
        shingle : int, default=5
            Words per shingle.
        max_ids : int or None, default=5
            How many ids of each cluster ``doc_ids`` lists, in corpus order; None lists all.

        Returns
        -------
        pandas.DataFrame
            One row per cluster of two or more documents, the largest first (ties in corpus
            order), with columns:

            - ``cluster``: 1, 2, ... in the order of the rows;
            - ``kind``: 'exact' when every document of the cluster has the same text, else
              'near';
            - ``n_documents``: how many documents the cluster holds;
            - ``representative``: the id of its first document in corpus order;
            - ``doc_ids``: a tuple of the first ``max_ids`` ids in corpus order (the
              representative first).

            An empty table, with these columns, when there is no duplicate.

        Raises
        ------
        ParameterError
            ``threshold`` is not in (0, 1], ``shingle`` not a positive integer or ``max_ids``
            not a positive integer or None.

        Notes
        -----
        Exact copies are grouped first, by their normalised text; only one text per group is
        shingled. Shingles are hashed into a sparse binary text-by-shingle matrix ``X``, and
        ``X @ X.T`` is computed a block of rows at a time, each block's links merged into the
        clusters (union-find) and dropped: memory grows with the corpus, not with the number of
        linked pairs.

        Examples
        --------
        >>> text = "Xi and Putin met in Beijing this week to deepen their partnership."
        >>> c = Corpus.from_texts([text, text.upper(), "Something else entirely.", text + " "])
        >>> c.duplicate_clusters()[["kind", "n_documents", "representative", "doc_ids"]]
            kind  n_documents representative                      doc_ids
        0  exact            3        doc0001  (doc0001, doc0002, doc0004)
        """
        threshold, shingle = _check_duplicate_options(threshold, shingle)
        max_ids = check_int(max_ids, "max_ids", min_val=1, allow_none=True)
        columns = ["cluster", "kind", "n_documents", "representative", "doc_ids"]
        # Exact copies: one entry per distinct normalised text, linear in the corpus.
        first_of: dict[str, int] = {}
        text_of = np.empty(len(self._documents), dtype=np.int64)
        for position, doc in enumerate(self._documents):
            text_of[position] = first_of.setdefault(_normalised(doc.text), len(first_of))
        parent = np.arange(len(first_of), dtype=np.int64)
        for rows, cols, *_ in _overlaps(list(first_of), threshold, shingle):
            _union(parent, rows, cols)
        root = _find(parent, np.arange(len(first_of), dtype=np.int64))
        cluster_of = root[text_of]  # per document: the cluster's first distinct text
        sizes = np.bincount(cluster_of, minlength=len(first_of))
        texts_in = np.bincount(root, minlength=len(first_of))
        members: dict[int, list[str]] = {}
        for member in np.flatnonzero(sizes[cluster_of] > 1).tolist():
            listed = members.setdefault(int(cluster_of[member]), [])
            if max_ids is None or len(listed) < max_ids:
                listed.append(self._documents[member].doc_id)
        # Stable: clusters of one size stay in the order of their first document.
        order = sorted(members, key=lambda key: -sizes[key])
        out = [
            (
                number,
                "exact" if texts_in[key] == 1 else "near",
                int(sizes[key]),
                members[key][0],
                tuple(members[key]),
            )
            for number, key in enumerate(order, start=1)
        ]
        frame = pd.DataFrame(out, columns=columns)
        return frame.astype({"cluster": "int64", "n_documents": "int64"})


_OVERLAP_ROWS = 256  # rows of X @ X.T computed at a time: bounds the memory of one block


def _check_duplicate_options(threshold: float, shingle: int) -> tuple[float, int]:
    return (
        check_real(threshold, "threshold", min_val=0, max_val=1, include_boundaries="right"),
        check_int(shingle, "shingle", min_val=1),
    )


def _normalised(text: str) -> str:
    """The text compared for duplicates: its words, lower-cased, one space apart."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _overlaps(
    normalised: Sequence[str], threshold: float, shingle: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Pairs ``i < j`` of texts whose shingle containment reaches ``threshold``, block by block.

    Yields ``(rows, cols, shared, jaccard, containment)`` arrays for one block of
    :data:`_OVERLAP_ROWS` rows of ``X @ X.T`` at a time, so that only one block's pairs are
    held at once.
    """
    if len(normalised) < 2:
        return
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        analyzer="word",
        ngram_range=(shingle, shingle),
        token_pattern=r"\w+",
        n_features=2**22,
        binary=True,
        norm=None,
        alternate_sign=False,
        lowercase=False,
    )
    # Short documents (fewer words than a shingle) get one shingle: their whole text.
    matrix = vectorizer.transform(
        [t if t.count(" ") + 1 >= shingle else (t + " _pad_") * shingle for t in normalised]
    ).tocsr()
    matrix.data[:] = 1
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    transposed = matrix.T.tocsc()
    for begin in range(0, matrix.shape[0], _OVERLAP_ROWS):
        overlap = (matrix[begin : begin + _OVERLAP_ROWS] @ transposed).tocoo()
        rows = overlap.row.astype(np.int64) + begin
        keep = rows < overlap.col
        rows, cols, shared = rows[keep], overlap.col[keep].astype(np.int64), overlap.data[keep]
        smaller = np.minimum(sizes[rows], sizes[cols])
        containment = np.divide(shared, smaller, out=np.zeros(len(shared)), where=smaller > 0)
        jaccard = shared / np.maximum(sizes[rows] + sizes[cols] - shared, 1)
        chosen = containment >= threshold
        if chosen.any():
            yield (rows[chosen], cols[chosen], shared[chosen], jaccard[chosen],
                   containment[chosen])  # fmt: skip


def _find(parent: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The root of each node in a union-find forest (pointers only go to smaller nodes),
    compressing the paths walked."""
    roots = parent[nodes]
    while True:
        up = parent[roots]
        if np.array_equal(up, roots):
            break
        roots = up
    parent[nodes] = roots
    return roots


def _union(parent: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """Merge the sets of ``a[k]`` and ``b[k]`` for every k, vectorised: each root points to the
    smallest root it is linked to, until every pair shares its root."""
    while a.size:
        root_a, root_b = _find(parent, a), _find(parent, b)
        apart = root_a != root_b
        a, b = a[apart], b[apart]
        low = np.minimum(root_a[apart], root_b[apart])
        high = np.maximum(root_a[apart], root_b[apart])
        np.minimum.at(parent, high, low)


def load_corpus(
    path: str | os.PathLike[str] | pd.DataFrame | Iterable[str] | Iterable[Document] | Corpus,
    *,
    text: str = "text",
    outlet: str | None = "outlet",
    date: str | None = "date",
    doc_id: str | None = "doc_id",
    encoding: str | None = None,
) -> Corpus:
    """Load a corpus from a folder, a CSV, JSONL or parquet file, a DataFrame or a list of strings.

    A path is read as :func:`framing.iter_corpus` reads it, collected into one corpus: the same
    documents, ``skipped`` records, warnings and errors.

    Parameters
    ----------
    path : str, os.PathLike, pandas.DataFrame, list of str or Corpus
        - a folder of ``.txt`` files, one article each, with an optional ``manifest.csv`` whose
          first column ``file`` names a text file and whose other columns are metadata
          (``outlet`` and ``date`` are recognised); every ``.txt`` file needs a row and every
          row a file;
        - a list of :class:`Document` objects (kept as they are);
        - a ``.csv`` file, a ``.jsonl`` file (one JSON object per line) or a ``.parquet`` file
          (needs ``pyarrow``) with a text column;
        - a DataFrame (see :meth:`Corpus.from_frame`), a list of strings, or a Corpus (returned).
    text, outlet, date, doc_id : str or None
        Column names for tables (CSV, JSONL, parquet, DataFrame).
    encoding : str or None, default=None
        Force an encoding for text files; by default UTF-8 (with or without BOM), with a few
        invalid bytes replaced by U+FFFD, or, for text that is not UTF-8 at all, the code page
        ``charset-normalizer`` finds among cp1252, cp1251 and GB18030, each with a warning (see
        :func:`read_text_file`); a UTF-16 or UTF-32 byte order mark names its encoding.
        A ``.txt`` file or manifest is decoded whole, a ``.csv`` or ``.jsonl`` file line by
        line (lines end at ``\n`` only).

    Returns
    -------
    Corpus
        Documents in file-name order (folders) or row order (tables). For a folder, ``doc_id``
        is the file name without ``.txt``.

    Raises
    ------
    CorpusError
        A missing path, an empty folder, a corpus with no text, manifest rows without files or
        files without manifest rows (all listed in one error), duplicate ids, a malformed JSONL
        line or CSV row, an unsupported file type; ``.parquet`` without ``pyarrow``.
    InputEncodingError
        A binary file, or one in no supported encoding.

    Warns
    -----
    DataQualityWarning
        Empty or whitespace-only files (named; they are skipped and listed in
        ``corpus.skipped``), invalid bytes replaced by U+FFFD (file, lines and count), files
        (or lines) read as cp1252, cp1251 or GB18030.

    Examples
    --------
    >>> corpus = load_corpus(["Xi and Putin met.", "The pair toasted their friendship."])
    >>> len(corpus)
    2
    """
    if isinstance(path, Corpus):
        return path
    names = _Names(text, doc_id, outlet, date)
    if isinstance(path, pd.DataFrame):
        return Corpus._read(read_frame(path, names))
    if isinstance(path, (str, os.PathLike)):
        # The documents framing.iter_corpus reads, in one corpus.
        return Corpus._read(read_path(path, names, encoding=encoding))
    if isinstance(path, Iterable) and not isinstance(path, (bytes, Mapping)):
        items = list(path)
        if items and all(isinstance(item, Document) for item in items):
            return Corpus(items)
        return Corpus.from_texts(items)
    raise CorpusError(
        f"cannot load a corpus from {type(path).__name__}; give a folder of .txt files, a .csv, "
        ".jsonl or .parquet file, a DataFrame with a text column, or a list of strings or "
        "Documents"
    )
