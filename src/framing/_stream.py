"""Read a large corpus file in chunks, in bounded memory: :func:`iter_corpus`.

A ``.jsonl`` file is read line by line, a ``.csv`` file row by row and a ``.parquet`` file
batch by batch; every ``chunk_size`` documents become one :class:`~framing.Corpus`. Records
become documents by the reader :func:`framing.load_corpus` collects (the same columns, dates,
metadata, encodings, empty-text handling, warnings and errors), so that scoring the chunks gives
the table that scoring the whole file gives. Memory grows with ``chunk_size``, not with the
file (apart from one set of document ids, kept to check that they are unique across the whole file).

Examples
--------
>>> import json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.jsonl"
>>> records = [{"doc_id": f"a{i}", "text": "Xi met Putin.", "outlet": "Wire"} for i in range(5)]
>>> _ = path.write_text("\\n".join(json.dumps(r) for r in records), encoding="utf-8")
>>> [[doc.doc_id for doc in chunk] for chunk in iter_corpus(path, chunk_size=2)]
[['a0', 'a1'], ['a2', 'a3'], ['a4']]
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from contextlib import closing
from typing import Literal

from ._corpus import Corpus, Document
from ._reading import _Names, _Reading, read_path
from ._validation import check_choice, check_int
from .errors import CorpusError, ParameterError

__all__ = ["iter_corpus"]

Errors = Literal["raise", "skip"]


def iter_corpus(
    path: str | os.PathLike[str],
    *,
    chunk_size: int = 1000,
    text: str = "text",
    doc_id: str | None = "doc_id",
    outlet: str | None = "outlet",
    date: str | None = "date",
    errors: Errors = "raise",
    encoding: str | None = None,
) -> Iterator[Corpus]:
    """Read a corpus file lazily, ``chunk_size`` documents at a time.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.jsonl`` (or ``.ndjson``) file with one JSON object per line, a ``.csv`` file with
        a header row, or a ``.parquet`` file (needs ``pyarrow``: ``pip install
        'framing[parquet]'``). A folder of ``.txt`` files or a single ``.txt`` file is read
        whole and comes as one chunk. A pipe without a suffix (``<(cat x.jsonl)``) is read
        once; its first character ``{`` makes it JSONL, anything else CSV.
    chunk_size : int, default=1000
        Documents (with text) per chunk; the last chunk may be smaller.
    text, doc_id, outlet, date : str or None
        Column (key) names, as in :func:`framing.load_corpus`. Without a ``doc_id`` value a
        document gets the id ``doc0001``, ``doc0002`` ... from its record's position in the file
        (the ids :func:`framing.load_corpus` gives); every other column becomes metadata.
    errors : {'raise', 'skip'}, default='raise'
        What a malformed record does — a JSONL line that is not a JSON object, a CSV row with
        more cells than the header or an unclosed quote, a text that is not a string, a date
        that is not a date: ``'raise'`` stops with a :class:`~framing.CorpusError` naming the
        file and line (row); ``'skip'`` leaves the record out, lists it in the chunk's
        ``Corpus.skipped`` (``source`` ``"file:line 7"``, ``reason``) and warns once, at the
        end, with the count.
    encoding : str or None, default=None
        Force a text encoding. By default each line is read as UTF-8 (a BOM is dropped); a line
        that is UTF-8 apart from a few invalid bytes has them replaced by U+FFFD, and a line
        that is not UTF-8 at all is read as cp1252, each with a warning naming the line (see
        :func:`framing._corpus.read_text_file`). Lines end at ``\n`` (or ``\r\n``) only, never
        at a U+2028 or similar character inside a JSON string or CSV cell.

    Returns
    -------
    iterator of Corpus
        A generator: nothing is read before the first chunk is asked for, and the file is
        closed when the generator is exhausted or closed. Every chunk holds at least one
        document; its ``skipped`` lists the empty documents and skipped records met since the
        previous chunk (those after the last document go with the last chunk). Blank lines are
        ignored.

    Raises
    ------
    ParameterError
        ``chunk_size`` below 1, an unknown ``errors`` or ``encoding``.
    CorpusError
        A missing file, an unsupported file type, a missing text column, a malformed record
        (with ``errors='raise'``), two documents with the same id (naming both places), a file
        with no document with text; ``.parquet`` without ``pyarrow`` installed.
    InputEncodingError
        A binary file (NUL bytes), or a line in neither UTF-8 nor cp1252.

    Warns
    -----
    DataQualityWarning
        Once at the end: the number of empty documents and of skipped records (the first
        ones named). At the first line read as cp1252, and at the first line with invalid
        bytes replaced (with their count; the total follows at the end of the file when more
        lines had some).

    See Also
    --------
    framing.load_corpus : the whole file at once.
    framing.iter_scores : score the chunks as they come.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.csv"
    >>> _ = path.write_text("text,outlet\\nXi met Putin.,A\\nThey met.,B\\nAgain.,A\\n")
    >>> chunks = iter_corpus(path, chunk_size=2)
    >>> [(len(c), c[0].doc_id, c[0].outlet) for c in chunks]
    [(2, 'doc0001', 'A'), (1, 'doc0003', 'A')]

    With ``errors='skip'`` a malformed line is recorded, not lost:

    >>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.jsonl"
    >>> _ = path.write_text('{"text": "Xi met Putin."}\\n{"text": oops}\\n')
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     chunk, = iter_corpus(path, errors="skip")
    >>> chunk.skipped["reason"].tolist()
    ['not valid JSON (Expecting value); each line must be one JSON object']
    """
    chunk_size = check_int(chunk_size, "chunk_size", min_val=1)
    check_choice(errors, "errors", ("raise", "skip"))
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise ParameterError("encoding", encoding, "a Python codec name") from exc
    if not isinstance(path, (str, os.PathLike)):
        raise CorpusError(
            f"iter_corpus reads a file, got {type(path).__name__}; for a DataFrame or a list "
            "use framing.load_corpus"
        )
    names = _Names(text, doc_id, outlet, date)
    reading = read_path(path, names, encoding=encoding, errors=errors, batch_size=int(chunk_size))
    return _chunks(reading, int(chunk_size))


def _chunks(reading: _Reading, chunk_size: int) -> Iterator[Corpus]:
    """The documents of ``reading`` in corpora of ``chunk_size`` (all of them when the reading
    is ``whole``); each chunk's ``skipped`` holds what was left out since the chunk before."""
    documents: list[Document] = []
    with closing(reading.documents()) as read:  # closing the chunks closes the file
        for doc in read:
            if len(documents) == chunk_size and not reading.whole:
                yield Corpus._unchecked(documents, reading.take_skipped())
                documents = []
            documents.append(doc)
    yield Corpus._unchecked(documents, reading.take_skipped())
