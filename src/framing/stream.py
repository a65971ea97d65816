"""Read a large corpus file in chunks, in bounded memory: :func:`iter_corpus`.

A ``.jsonl`` file is read line by line, a ``.csv`` file row by row and a ``.parquet`` file
batch by batch; every ``chunk_size`` documents become one :class:`~framing.Corpus`. Records
become documents as in :func:`framing.load_corpus` (the same columns, dates, metadata,
encodings and empty-text handling), so that scoring the chunks gives the table that scoring the
whole file gives. Memory grows with ``chunk_size``, not with the file (apart from one set of
document ids, kept to check that they are unique across the whole file).

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
import csv
import json
import os
import re
import sys
import warnings
from collections.abc import Generator, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd

from ._validation import check_choice, check_int
from .corpus import (
    _WRITTEN,
    Corpus,
    Document,
    _json_record,
    _listed,
    _read_lines,
    _record_document,
    _RecordError,
    _renamed,
    _warn_empty,
    _warn_renamed,
    load_corpus,
)
from .errors import CorpusError, DataQualityWarning, ParameterError

__all__ = ["iter_corpus"]

Errors = Literal["raise", "skip"]
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv",)
_PARQUET = (".parquet", ".pq")
_WHOLE = (".txt",)
_PANDAS_INDEX = re.compile(r"^__index_level_\d+__$")


class _Bad(NamedTuple):
    """A record that cannot be read (malformed line or row), with the reason."""

    reason: str


class _Item(NamedTuple):
    """One record of a file: its 1-based record index (for automatic ids), its place (JSONL
    line or data row), extra location text for messages, and the record or why it is bad."""

    position: int
    number: int
    detail: str
    value: dict[str, Any] | _Bad


_Records = Generator[_Item, None, None]


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
        whole by :func:`framing.load_corpus` and comes as one chunk.
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
        :func:`framing.corpus.read_text_file`). Lines end at ``\n`` (or ``\r\n``) only, never
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
    framing.scoring.iter_scores : score the chunks as they come.

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
    target = Path(path)
    where = str(path)
    if not target.exists():
        raise CorpusError(
            f"{where}: no such file or folder; give a .jsonl, .csv or .parquet file, or a "
            "folder of .txt files",
            path=target,
        )
    suffix = target.suffix.lower()
    names = {"text": text, "doc_id": doc_id, "outlet": outlet, "date": date}
    if target.is_dir() or suffix in _WHOLE or (not suffix and not target.is_file()):
        # A folder, a .txt file, or a pipe without a name (<(cat x.jsonl)), read once.
        return _whole(target, names, encoding)
    if suffix in _JSONL:
        items: _Records = _jsonl_items(target, where, text, encoding)
        unit = "line"
    elif suffix in _CSV:
        items, unit = _csv_items(target, where, text, encoding), "row"
    elif suffix in _PARQUET:
        _require_pyarrow(where)
        items, unit = _parquet_items(target, where, text, int(chunk_size)), "row"
    else:
        raise CorpusError(
            f"{where}: unsupported file type {suffix or '(none)'}; iter_corpus reads .jsonl, "
            ".csv and .parquet files (and, whole, a .txt file or a folder of .txt files)",
            path=target,
        )
    return _chunks(items, where, unit, names, int(chunk_size), errors)


def _whole(target: Path, names: dict[str, Any], encoding: str | None) -> Iterator[Corpus]:
    """A folder or a .txt file: one chunk, read by load_corpus."""
    yield load_corpus(target, encoding=encoding, **names)


def _require_pyarrow(where: str) -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise CorpusError(
            f"{where}: reading .parquet needs pyarrow; install it with "
            "pip install 'framing[parquet]', or convert the file to .jsonl or .csv",
            path=where,
        ) from exc


# -- chunking -----------------------------------------------------------------------------------
def _chunks(
    items: _Records,
    where: str,
    unit: str,
    names: dict[str, Any],
    chunk_size: int,
    errors: Errors,
) -> Iterator[Corpus]:
    """Turn records into documents and group them into corpora of ``chunk_size`` documents."""
    named = {name for name in names.values() if name is not None}
    # Every metadata key met so far, in first-seen order, with its name in the metadata: a key
    # named like a column framing writes is kept as meta_<key> (warned once, when first met).
    meta_keys: dict[str, str] = {}
    seen: dict[str, int] = {}  # doc_id -> its line (row): ids are unique across the file
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    empty: list[str] = []
    bad: list[str] = []
    with closing(items):
        for item in items:
            place = f"{unit} {item.number}{item.detail}"
            source = f"{where}:{unit} {item.number}"
            value: Document | _Bad
            if isinstance(item.value, _Bad):
                value = item.value
            else:
                new = [key for key in item.value if key not in named and key not in meta_keys]
                if new:
                    renamed = _renamed([*meta_keys, *new], _WRITTEN, where)
                    meta_keys.update((key, renamed.get(key, key)) for key in new)
                    _warn_renamed({k: renamed[k] for k in new if k in renamed}, where, 2)
                try:
                    value = _record_document(item.value, item.position, names, meta_keys, source)
                except _RecordError as exc:
                    value = _Bad(f"{exc.reason} ({exc.ident})")

            if isinstance(value, _Bad):
                if errors == "raise":
                    raise CorpusError(
                        f"{where}, {place}: {value.reason}", path=where, row=item.number
                    )
                skipped.append((source, value.reason))
                bad.append(f"{unit} {item.number}")
                continue
            if not value.text.strip():
                skipped.append((source, "empty"))
                empty.append(source)
                continue
            if value.doc_id in seen:
                raise CorpusError(
                    f"{where}: duplicate doc_id {value.doc_id!r} at {unit} {item.number} and "
                    f"{unit} {seen[value.doc_id]}; give every document a unique id",
                    path=where,
                    row=item.number,
                    doc_id=value.doc_id,
                )
            seen[value.doc_id] = item.number
            if len(documents) == chunk_size:
                yield _corpus(documents, skipped)
                documents, skipped = [], []
            documents.append(value)
    if not documents:
        reason = f"; {len(bad)} malformed {unit}(s) skipped" if bad else ""
        raise CorpusError(
            f"{where}: no document with text ({len(empty)} empty{reason})", path=where
        )
    yield _corpus(documents, skipped)
    if empty:
        _warn_empty(empty, stacklevel=2)
    if bad:
        warnings.warn(
            f"{where}: {len(bad)} malformed {unit}(s) skipped ({_listed(bad)}); "
            "see each chunk's Corpus.skipped for the reasons",
            DataQualityWarning,
            stacklevel=2,
        )


def _corpus(documents: list[Document], skipped: list[tuple[str, str]]) -> Corpus:
    frame = pd.DataFrame(
        {"source": [s for s, _ in skipped], "reason": [r for _, r in skipped]}, dtype=object
    )
    return Corpus(documents, skipped=frame)


# -- readers ------------------------------------------------------------------------------------
# Lines are read (split at "\n" only) and decoded by the reader load_corpus uses for .jsonl and
# .csv files (corpus._read_lines): the same text, the same encoding policy and warnings.
_lines = _read_lines


def _jsonl_items(path: Path, where: str, text: str, encoding: str | None) -> _Records:
    index = 0
    keys_checked = False
    lines = _lines(path, where, encoding)
    with closing(lines):
        for number, line in lines:
            if not line.strip():
                continue
            index += 1
            try:
                record = _json_record(line)
            except json.JSONDecodeError as exc:
                reason = f"not valid JSON ({exc.msg}); each line must be one JSON object"
                yield _Item(index, number, "", _Bad(reason))
                continue
            if not isinstance(record, dict):
                reason = f"a JSON {type(record).__name__}, expected an object"
                yield _Item(index, number, "", _Bad(reason))
                continue
            if not keys_checked and text not in record:
                # The first object without the text key: most likely a wrong column name.
                raise CorpusError(
                    f"{where}, line {number}: no text key {text!r}; its keys are "
                    f"{list(map(str, record))}; pass text='<key>'",
                    path=where,
                    row=number,
                )
            keys_checked = True
            yield _Item(index, number, "", record)
    if index == 0:
        raise CorpusError(f"{where}: no JSON lines, the file is empty", path=where)


class _LineFeed:
    """The lines of a file for :mod:`csv`, noting the line number and whether it ran out."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.number = 0
        self.ended = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        try:
            self.number, line = next(self.lines)
        except StopIteration:
            self.ended = True
            raise
        return line


def _csv_items(path: Path, where: str, text: str, encoding: str | None) -> _Records:
    lines = _lines(path, where, encoding)
    with closing(lines):
        feed = _LineFeed(lines)
        reader = csv.reader(feed)
        try:
            header = _next_row(reader)
        except csv.Error as exc:
            raise CorpusError(f"{where}: not a readable CSV file ({exc})", path=where) from exc
        if not header:
            raise CorpusError(f"{where}: not a readable CSV file (no header row)", path=where)
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise CorpusError(
                f"{where}, line {feed.number}: the header repeats column(s) "
                f"{', '.join(map(repr, repeated))}; give every column its own name",
                path=where,
                row=feed.number,
            )
        if text not in header:
            raise CorpusError(
                f"{where} has no text column {text!r}; its columns are {header}; pass "
                "text='<column>'",
                path=where,
            )
        width = len(header)
        row = 0
        while True:
            first = feed.number + 1
            try:
                cells = _next_row(reader)
            except csv.Error as exc:
                row += 1
                yield _Item(row, row, f" (line {first})", _Bad(f"not a readable CSV row ({exc})"))
                continue
            if cells is None:
                return
            if not cells:  # a blank line: pandas (load_corpus) skips it too
                continue
            row += 1
            detail = f" (line {first})"
            if feed.ended:
                reason = "a quoted cell is never closed (the file ends inside it)"
                yield _Item(row, row, detail, _Bad(reason))
                return
            if len(cells) > width:
                reason = f"{len(cells)} cells, but the header has {width}"
                yield _Item(row, row, detail, _Bad(reason))
                continue
            # As load_corpus reads a CSV: every cell a string; an empty or absent cell missing.
            cells += [""] * (width - len(cells))
            record = {
                name: (cell if cell != "" else None)
                for name, cell in zip(header, cells, strict=True)
            }
            yield _Item(row, row, detail, record)


def _next_row(reader: Any) -> list[str] | None:
    """The next row of a csv reader (None at the end), without its 128 KiB field limit.

    Articles can be longer than the csv module's default field limit; pandas, which
    load_corpus uses, has none. The process-wide limit is raised only while a row is read.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        return next(reader, None)
    finally:
        csv.field_size_limit(limit)


def _parquet_items(path: Path, where: str, text: str, batch_size: int) -> _Records:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise CorpusError(f"{where}: not a readable parquet file ({exc})", path=where) from exc
    try:
        columns = [name for name in handle.schema_arrow.names if not _PANDAS_INDEX.match(name)]
        repeated = sorted({name for name in columns if columns.count(name) > 1})
        if repeated:
            raise CorpusError(
                f"{where}: more than one column named {', '.join(map(repr, repeated))}; give "
                "every column its own name",
                path=where,
            )
        if text not in columns:
            raise CorpusError(
                f"{where} has no text column {text!r}; its columns are {columns}; pass "
                "text='<column>'",
                path=where,
            )
        row = 0
        try:
            for batch in handle.iter_batches(batch_size=batch_size, columns=columns):
                for record in batch.to_pylist():
                    row += 1
                    yield _Item(row, row, "", record)
        except pa.ArrowException as exc:
            raise CorpusError(
                f"{where}: not a readable parquet file after row {row} ({exc})", path=where
            ) from exc
    finally:
        handle.close()
