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

import codecs
import csv
import io
import json
import math
import os
import re
import stat
import sys
import warnings
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._validation import check_int, check_real
from .errors import (
    CorpusError,
    DataQualityWarning,
    FramingWarning,
    InputEncodingError,
)

__all__ = ["Document", "Corpus", "load_corpus", "parse_date", "read_text_file"]

_MANIFEST = "manifest.csv"
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates: not encodable text
_UNSAFE_CELL = re.compile(r"[\ud800-\udfff\x00]")  # and NUL, which ends a C string
_RESERVED = ("doc_id", "text", "outlet", "date", "date_precision", "year")
# The columns framing writes itself: a Document's fields (``to_frame``) and the fixed columns
# of a sentence table, in the order framing.score writes them (it builds its table from these
# and two columns per axis of the lexicon). A metadata key with one of these names is kept
# under _META_PREFIX + its name (see _renamed).
_SENTENCE_HEAD = (
    "doc_id", "outlet", "date", "sent_id", "paragraph", "start", "end", "text", "voice",
    "speaker", "relevant", "relevance", "actors",
)  # fmt: skip
_SENTENCE_TAIL = ("cues", "evidence", "flags")
_DERIVED = ("date_precision", "year")
# ``year`` and ``date_precision`` are checked against the date instead (_check_derived).
_WRITTEN = frozenset((*_RESERVED, *_SENTENCE_HEAD, *_SENTENCE_TAIL)) - set(_DERIVED)
_META_PREFIX = "meta_"
_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$"), "day"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
)


@dataclass(frozen=True)
class Document:
    """One article: its original text, id, outlet, date and any other metadata.

    Parameters
    ----------
    doc_id : str
        Unique id within a corpus (a file's stem, a CSV ``doc_id`` value, or ``doc0001`` ...).
    text : str
        The original text, never modified.
    outlet : str or None, default=None
        The outlet that published it.
    date : str or None, default=None
        ISO date at its own precision: ``2023-03-27``, ``2023-03`` or ``2023``.
    date_precision : {'day', 'month', 'year'} or None, default=None
        How precise ``date`` is.
    metadata : Mapping, default={}
        Any other metadata (country, genre, title ...), read-only.
    source : str or None, default=None
        Where it came from (file name, or ``file.csv:row 3``), for error messages.

    Examples
    --------
    >>> Document("a", "Text.", date="2023-03", date_precision="month").year
    2023
    """

    doc_id: str
    text: str
    outlet: str | None = None
    date: str | None = None
    date_precision: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def __reduce__(self) -> tuple[Any, ...]:
        # The read-only metadata view cannot pickle; worker processes need documents to.
        return (
            Document,
            (self.doc_id, self.text, self.outlet, self.date, self.date_precision,
             dict(self.metadata), self.source),
        )  # fmt: skip

    @property
    def year(self) -> int | None:
        """The year of :attr:`date`, or None."""
        return int(self.date[:4]) if self.date else None


def parse_date(value: Any) -> tuple[str | None, str | None]:
    """Normalise a date to ISO form at its own precision.

    Parameters
    ----------
    value : str, datetime.date, pandas.Timestamp, int or None
        ``2023-03-27``, ``2023-3-7``, ``2023-03``, ``2023``, a date object, or a missing value.

    Returns
    -------
    (date, precision) : tuple of str or None
        For example ``('2023-03', 'month')``; ``(None, None)`` for a missing value.

    Raises
    ------
    ValueError
        If the value is not a date in one of the accepted forms (callers turn this into a
        :class:`~framing.errors.CorpusError` naming the row).

    Examples
    --------
    >>> parse_date("2023-03")
    ('2023-03', 'month')
    >>> parse_date("2024-5-17")
    ('2024-05-17', 'day')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None, None
    if isinstance(value, (datetime, _date, pd.Timestamp)):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}", "day"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = str(int(value))
    text = str(value).strip()
    if not text:
        return None, None
    for pattern, precision in _DATE_FORMS:
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(p) for p in match.groups()]
        try:
            _date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a valid calendar date") from exc
        return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts)), precision
    raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")


def read_text_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """Read a text file as UTF-8 (with or without BOM), falling back as described below.

    A file that is UTF-8 apart from a few invalid bytes (it holds valid multi-byte UTF-8
    sequences, at least as many as invalid bytes: a Russian or Chinese article with one stray
    Windows byte) is read as UTF-8 with each invalid byte replaced by U+FFFD (``\ufffd``), with
    a warning naming the lines and the count. A file that is not UTF-8 at all is read as cp1252,
    with a warning.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    encoding : str or None, default=None
        Force an encoding instead of detecting one.

    Returns
    -------
    str

    Raises
    ------
    InputEncodingError
        If the file is binary (contains NUL bytes) or decodes in none of the encodings.

    Warns
    -----
    DataQualityWarning
        When invalid bytes were replaced, or the file was not UTF-8 and was read as cp1252.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"{path}: cannot be read ({exc.strerror}); check that it is a readable file",
            path=path,
        ) from exc
    encoding = encoding or _bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputEncodingError(
                f"{path}: cannot be decoded as {encoding} ({exc}); {_ENCODING_FIX}", path=path
            ) from exc
        if "\x00" in text:
            raise _binary(path)
        return text.removeprefix("\ufeff")
    if b"\x00" in data:
        raise _binary(path)
    try:
        text, how, replaced = _decode(data)
    except UnicodeDecodeError as exc:
        raise InputEncodingError(
            f"{path}: is not text in UTF-8 or an encoding framing recognises (cp1252, cp1251, "
            "GB18030); pass encoding=... to say what it is",
            path=path,
        ) from exc
    if how == "replaced":
        places = [_bytes_at(n, k) for n, k in _replaced_by_line(text, replaced)]
        warnings.warn(
            f"{path}: {_bytes(len(replaced))} not valid UTF-8, replaced by U+FFFD: "
            f"{_listed(places)}; the rest of the file is UTF-8",
            DataQualityWarning,
            stacklevel=3,
        )
    elif how != "utf-8":
        warnings.warn(
            f"{path}: not UTF-8, read as {_NAMES[how]}; check its {_CHECK[how]} characters",
            DataQualityWarning,
            stacklevel=3,
        )
    return text


def _binary(path: str | os.PathLike[str], line: int | None = None) -> InputEncodingError:
    where = f", line {line}" if line is not None else ""
    return InputEncodingError(
        f"{path}: looks binary (contains NUL bytes{where}), not text; remove it from the folder "
        "or convert it to UTF-8 text",
        path=path,
    )


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(start: bytes) -> str | None:
    """``'utf-16'`` or ``'utf-32'`` when ``start`` begins with its byte order mark."""
    return next((name for bom, name in _BOMS if start.startswith(bom)), None)


# -- decoding -------------------------------------------------------------------------------------
_ENCODING_FIX = (
    "pass the file's real encoding (a name Python knows, such as 'utf-8', 'cp1252' or "
    "'latin-1'), or leave encoding=None to have UTF-8 tried, then cp1252, cp1251 and GB18030"
)
# Text that is not UTF-8 is one of these, as charset-normalizer judges it: Western European
# (the default), Russian and Chinese, the languages of this field. A short text with one
# accented letter fits every code page; cp1252 wins unless the other reading gives at least
# _FOREIGN letters of the script that code page is for, and hardly any others.
_LEGACY = ("cp1252", "cp1251", "gb18030")
_SCRIPT = {"cp1251": re.compile("[А-яЁёІіЇїЄєҐґ]"), "gb18030": re.compile("[\u4e00-\u9fff]")}
_FOREIGN = 4
_NAMES = {"cp1252": "cp1252 (Windows-1252)", "cp1251": "cp1251 (Windows-1251, Cyrillic)",
          "gb18030": "GB18030 (Chinese)"}  # fmt: skip
_CHECK = {"cp1252": "accented", "cp1251": "Cyrillic", "gb18030": "Chinese"}
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")  # an invalid byte, as 'surrogateescape' reads it


def _decode(
    data: bytes, *, bom: bool = True, legacy: str | None = None
) -> tuple[str, str, list[int]]:
    """Bytes as text by the loading policy: ``(text, how, replaced)``.

    ``how`` is ``'utf-8'`` (valid UTF-8), ``'replaced'`` (UTF-8 apart from a few invalid bytes:
    the bytes hold valid multi-byte sequences, at least as many as invalid bytes; each invalid
    byte becomes U+FFFD and ``replaced`` lists their offsets in the text) or the legacy code
    page the bytes are in (not UTF-8 at all, the usual case of text saved by older Windows or
    Chinese software): ``legacy`` when given and it decodes them, else ``'cp1252'``,
    ``'cp1251'`` or ``'gb18030'`` (:func:`_legacy_encoding`). A leading UTF-8 byte order mark
    is dropped when ``bom`` (it counts as one multi-byte sequence). Raises
    :class:`UnicodeDecodeError` when the bytes decode in none of them. The same policy decodes
    a whole file (:func:`read_text_file`) and each line of a JSONL or CSV file
    (:func:`_read_lines`).
    """
    try:
        return data.decode("utf-8-sig" if bom else "utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    invalid = [match.start() for match in _ESCAPED_BYTE.finditer(text)]
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - len(invalid)
    if multibyte >= len(invalid):
        text = _ESCAPED_BYTE.sub("\ufffd", text)
        if bom and text.startswith("\ufeff"):
            text = text[1:]
            invalid = [offset - 1 for offset in invalid]
        return text, "replaced", invalid
    if bom and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if legacy is not None:
        try:
            return data.decode(legacy), legacy, []
        except UnicodeDecodeError:
            pass
    encoding = _legacy_encoding(data)
    return data.decode(encoding), encoding, []


def _legacy_encoding(data: bytes) -> str:
    """Which of :data:`_LEGACY` bytes that are not UTF-8 are in (charset-normalizer's guess)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None or best.encoding not in _SCRIPT:
        return "cp1252"
    text = str(best)
    letters = sum(1 for char in text if char.isalpha() and not char.isascii())
    script = len(_SCRIPT[best.encoding].findall(text))
    return best.encoding if script >= _FOREIGN and script >= 0.8 * letters else "cp1252"


def _replaced_by_line(text: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """``(line number, count)`` of the replaced bytes at ``offsets`` (sorted) in ``text``."""
    counts: dict[int, int] = {}
    line, scanned = 1, 0
    for offset in offsets:
        line += text.count("\n", scanned, offset)
        scanned = offset
        counts[line] = counts.get(line, 0) + 1
    return list(counts.items())


def _bytes(count: int) -> str:
    return f"{count} byte{'s' if count > 1 else ''}"


def _bytes_at(line: int, count: int) -> str:
    return f"line {line} ({_bytes(count)})"


class _LineDecoder:
    """Decodes the lines of one file by :func:`_decode`'s policy, warning as it goes.

    The first line read in a legacy code page (which later such lines are read in, when they
    can be) and the first line with replaced bytes each warn at once
    (naming the line); :meth:`finish`, at the end of the file, adds the total when more than
    one line had bytes replaced.
    """

    def __init__(self, where: str) -> None:
        self.where = where
        self.legacy: str | None = None  # the code page of the first line that is not UTF-8
        self.replaced: list[str] = []
        self.total = 0

    def __call__(self, number: int, raw: bytes) -> str:
        if b"\x00" in raw:
            raise _binary(self.where, number)
        try:
            line, how, replaced = _decode(raw, bom=number == 1, legacy=self.legacy)
        except UnicodeDecodeError as exc:
            raise InputEncodingError(
                f"{self.where}, line {number}: not text in UTF-8 or an encoding framing "
                "recognises (cp1252, cp1251, GB18030); pass encoding=... to say what it is",
                path=self.where,
            ) from exc
        if how not in ("utf-8", "replaced") and self.legacy is None:
            self.legacy = how
            warnings.warn(
                f"{self.where}: line {number} is not UTF-8, read as {_NAMES[how]}, as is any "
                f"later such line; check its {_CHECK[how]} characters",
                DataQualityWarning,
                stacklevel=4,
            )
        elif how == "replaced":
            self.total += len(replaced)
            self.replaced.append(_bytes_at(number, len(replaced)))
            if len(self.replaced) == 1:
                warnings.warn(
                    f"{self.where}: line {number}: {_bytes(len(replaced))} not valid UTF-8, "
                    "replaced by U+FFFD; the rest of the line is UTF-8 (any later such line is "
                    "read the same way)",
                    DataQualityWarning,
                    stacklevel=4,
                )
        return line

    def finish(self) -> None:
        """At the end of the file: the total, when more than one line had bytes replaced."""
        if len(self.replaced) > 1:
            warnings.warn(
                f"{self.where}: {_bytes(self.total)} not valid UTF-8, replaced by U+FFFD, on "
                f"{len(self.replaced)} lines: {_listed(self.replaced)}",
                DataQualityWarning,
                stacklevel=4,
            )


def _read_lines(
    path: Path, where: str, encoding: str | None, data: bytes | None = None
) -> Generator[tuple[int, str], None, None]:
    """``(line number, text)`` of a JSONL or CSV file, line endings kept, decoded line by line.

    Lines end at ``\n`` only (``\r\n`` stays whole at the end of its line): never at the
    other characters :meth:`str.splitlines` breaks at (U+2028, U+2029, U+0085, ``\x1c`` to
    ``\x1e``, a lone ``\r``), which may stand inside a JSON string or a CSV cell. Without
    ``encoding`` a file that starts with a UTF-16 or UTF-32 byte order mark is read in that
    encoding, and any other line by line by :func:`_decode`'s policy; a NUL anywhere makes the
    file binary. The file is opened only when the first line is asked for (a pipe is read
    once, as it comes) and closed when the generator ends or is closed. ``data``: the file's
    bytes, read already (a pipe can be read only once).
    """
    try:
        handle = (
            open(path, "rb")  # noqa: SIM115
            if data is None
            else io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
        )
    except OSError as exc:
        raise CorpusError(
            f"{where}: cannot be read ({exc.strerror}); check that it is a readable file",
            path=where,
        ) from exc
    with handle:
        encoding = encoding or _bom_encoding(handle.peek(4)[:4])
        if encoding is None:
            decode = _LineDecoder(where)
            for number, raw in enumerate(handle, start=1):
                yield number, decode(number, raw)
            decode.finish()
            return
        try:
            text_handle = io.TextIOWrapper(handle, encoding=encoding, newline="\n")
        except LookupError as exc:
            raise InputEncodingError(
                f"{where}: cannot be decoded as {encoding} ({exc}); {_ENCODING_FIX}", path=where
            ) from exc
        number = 0
        try:
            for number, line in enumerate(text_handle, start=1):  # noqa: B007
                if "\x00" in line:
                    raise _binary(where, number)
                yield number, line.removeprefix("\ufeff") if number == 1 else line
        except UnicodeDecodeError as exc:
            raise InputEncodingError(
                f"{where}: cannot be decoded as {encoding} (near line {number + 1}: {exc}); "
                f"{_ENCODING_FIX}",
                path=where,
            ) from exc
        finally:
            text_handle.detach()


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
        seen: dict[str, str | None] = {}
        for doc in docs:
            if not isinstance(doc, Document):
                raise CorpusError(f"a Corpus holds Document objects, got {type(doc).__name__}")
            if doc.doc_id in seen:
                raise CorpusError(
                    f"duplicate doc_id {doc.doc_id!r} ({seen[doc.doc_id] or 'first'} and "
                    f"{doc.source or 'second'}); give every document a unique id",
                    doc_id=doc.doc_id,
                )
            seen[doc.doc_id] = doc.source
        if not any(doc.text.strip() for doc in docs):
            raise CorpusError("the corpus has no text: every document is empty")
        self._documents = tuple(docs)
        self._index = {doc.doc_id: i for i, doc in enumerate(docs)}
        self.skipped = (
            skipped.reset_index(drop=True)
            if skipped is not None
            else pd.DataFrame(
                {"source": pd.Series(dtype=object), "reason": pd.Series(dtype=object)}
            )
        )

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
        corpus._documents = tuple(documents)
        corpus._index = {doc.doc_id: i for i, doc in enumerate(corpus._documents)}
        corpus.skipped = (
            skipped.reset_index(drop=True)
            if skipped is not None
            else pd.DataFrame(
                {"source": pd.Series(dtype=object), "reason": pd.Series(dtype=object)}
            )
        )
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
        return cls._with_empty_skipped(docs)

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
        where = source or "the DataFrame"
        if text not in frame.columns:
            raise CorpusError(
                f"{where} has no text column {text!r}; its columns are "
                f"{list(map(str, frame.columns))}"
                "; pass text='<column>'",
                path=source,
            )
        repeated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        if repeated:
            raise CorpusError(
                f"{where} has more than one column named {', '.join(map(repr, repeated))}; give "
                "every column its own name",
                path=source,
            )
        names = {"text": text, "doc_id": doc_id, "outlet": outlet, "date": date}
        named = {text, outlet, date, doc_id} - {None}
        meta_columns = [c for c in frame.columns if c not in named]
        renamed = _renamed(meta_columns, _WRITTEN, where)
        _warn_renamed(renamed, where, stacklevel=2)
        meta_keys = {c: renamed.get(str(c), str(c)) for c in meta_columns}
        docs = []
        for row_number, row in enumerate(frame.to_dict("records"), start=1):
            row_source = f"{source}:row {row_number}" if source else f"row {row_number}"
            try:
                docs.append(_record_document(row, row_number, names, meta_keys, row_source))
            except _RecordError as exc:
                raise CorpusError(
                    f"{where}, row {row_number} ({exc.ident}): {exc.reason}",
                    path=source,
                    row=row_number,
                    doc_id=exc.ident,
                ) from exc
        return cls._with_empty_skipped(docs)

    @classmethod
    def _with_empty_skipped(
        cls, docs: list[Document], passed: Sequence[tuple[str, str]] = ()
    ) -> Corpus:
        """Keep documents with text; record and warn about empty ones. ``passed`` lists the
        inputs never read, as ``(source, reason)``, recorded first."""
        empty = [d for d in docs if not d.text.strip()]
        if empty and len(empty) < len(docs):
            _warn_empty([d.source or d.doc_id for d in empty], stacklevel=3)
        records = [*passed, *((d.source or d.doc_id, "empty") for d in empty)]
        skipped = pd.DataFrame(
            {"source": [s for s, _ in records], "reason": [r for _, r in records]}, dtype=object
        )
        return cls([d for d in docs if d.text.strip()] or docs, skipped=skipped)

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


def _listed(items: Sequence[str], shown: int = 10) -> str:
    """The first ``shown`` items, comma-separated, and how many more: for warnings."""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return f"{', '.join(items[:shown])}{more}"


def _warn_empty(sources: Sequence[str], stacklevel: int) -> None:
    """The one warning about empty documents left out, wherever documents are read.

    ``stacklevel`` counts as for :func:`warnings.warn` called by the caller itself.
    """
    warnings.warn(
        f"{len(sources)} empty or whitespace-only document(s) skipped: {_listed(sources)}",
        DataQualityWarning,
        stacklevel=stacklevel + 1,
    )


def _renamed(keys: Iterable[Any], taken: Iterable[str], where: str) -> dict[str, str]:
    """The metadata keys among ``keys`` that have the name of a column framing writes
    (``taken``), each mapped to the name it is kept under: ``meta_`` and its name.

    Raises :class:`CorpusError` when that name is itself a key or taken (``year`` beside
    ``meta_year``): nothing could keep both apart, so the user renames one.
    """
    names = [str(key) for key in keys]
    taken = set(taken)
    renamed = {name: _META_PREFIX + name for name in names if name in taken}
    clashes = [f"{old!r} (as {new!r})" for old, new in renamed.items()
               if new in taken or new in names]  # fmt: skip
    if clashes:
        raise CorpusError(
            f"{where}: metadata column(s) {', '.join(clashes)} cannot be kept apart from the "
            f"columns framing writes: the new name is taken too; rename the column(s) "
            f"{sorted(renamed)} in the input",
            path=where,
        )
    return renamed


def _warn_renamed(renamed: Mapping[str, str], where: str, stacklevel: int) -> None:
    """The one warning that metadata columns are kept under new names."""
    if renamed:
        pairs = ", ".join(f"{old!r} as {new!r}" for old, new in renamed.items())
        warnings.warn(
            f"{where}: metadata column(s) named like a column framing writes are kept under new "
            f"names: {pairs}; rename them in the input to choose the names",
            FramingWarning,
            stacklevel=stacklevel + 1,
        )


class _RecordError(ValueError):
    """A table row or JSON record that cannot be a document: why, and the document's id."""

    def __init__(self, reason: str, ident: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ident = ident


def _record_document(
    record: Mapping[str, Any],
    number: int,
    names: Mapping[str, Any],
    meta_keys: Mapping[Any, str],
    source: str,
) -> Document:
    """One table row or JSON record as a Document: what :meth:`Corpus.from_frame` and
    :func:`framing.iter_corpus` both read.

    ``names`` maps ``text``, ``doc_id``, ``outlet`` and ``date`` to their column (key) names or
    None; ``number`` (1-based) makes the automatic id ``doc0001`` ...; ``meta_keys`` maps the
    keys that become the metadata to their names in it (see :func:`_renamed`; a missing key is
    None). Raises :class:`_RecordError` for a text that is not a
    string or a date that is not a date.
    """
    key_id, key_date, key_outlet = names["doc_id"], names["date"], names["outlet"]
    ident = (_cell_str(record.get(key_id)) if key_id else None) or f"doc{number:04d}"
    body = _clean_cell(record.get(names["text"]), text=True)
    if body is None:
        body = ""
    if not isinstance(body, str):
        raise _RecordError(f"text is {type(body).__name__}, not a string", ident)
    try:
        iso, precision = parse_date(record.get(key_date)) if key_date else (None, None)
    except ValueError as exc:
        raise _RecordError(str(exc), ident) from exc
    _check_derived(record, meta_keys, iso, precision, ident)
    outlet = _cell_str(record.get(key_outlet)) if key_outlet else None
    return Document(
        ident,
        body,
        # One string object per distinct outlet and date, however many documents share it.
        outlet=sys.intern(outlet) if outlet is not None else None,
        date=sys.intern(iso) if iso is not None else None,
        date_precision=precision,
        metadata={
            name: _clean_cell(record.get(key))
            for key, name in meta_keys.items()
            if key not in _DERIVED
        },
        source=source,
    )


def _check_derived(
    record: Mapping[Any, Any],
    keys: Iterable[Any],
    iso: str | None,
    precision: str | None,
    ident: str,
) -> None:
    """Check a record's own ``year`` and ``date_precision`` against those of its date.

    framing derives both from the date, so the record's values are not kept: one that agrees
    (or is missing) says nothing new (a table from :meth:`Corpus.to_frame` reads back
    unchanged); one that disagrees would be lost, so the record is refused
    (:class:`_RecordError`) with the fix: rename the column.
    """
    derived = {"date_precision": precision, "year": int(iso[:4]) if iso else None}
    for key in keys:
        if key not in derived:
            continue
        value = _cell_str(record.get(key))
        if value is not None and value != str(derived[key]):
            have = f"the date {iso}" if iso else "no date"
            raise _RecordError(
                f"{key} is {value!r}, but the record has {have}: framing derives {key} from the "
                f"date; rename the column (e.g. to 'source_{key}') to keep it as metadata, or "
                f"pass date='{key}' if it is the only date",
                ident,
            )


def _clean_cell(value: Any, *, text: bool = False) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        return value.item()
    unsafe = _SURROGATE if text else _UNSAFE_CELL
    if isinstance(value, str) and unsafe.search(value):
        # Half an emoji pair (a JSON string cut in the middle) cannot be encoded in any file,
        # and a NUL ends a string in C readers of CSV: mark both with the Unicode replacement
        # character. (In a text, cleaning removes a NUL and flags it.)
        return unsafe.sub("\ufffd", value)
    return value


def _cell_str(value: Any) -> str | None:
    value = _clean_cell(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def load_corpus(
    path: str | os.PathLike[str] | pd.DataFrame | Iterable[str] | Iterable[Document] | Corpus,
    *,
    text: str = "text",
    outlet: str | None = "outlet",
    date: str | None = "date",
    doc_id: str | None = "doc_id",
    encoding: str | None = None,
) -> Corpus:
    """Load a corpus from a folder, a CSV or JSONL file, a DataFrame or a list of strings.

    Parameters
    ----------
    path : str, os.PathLike, pandas.DataFrame, list of str or Corpus
        - a folder of ``.txt`` files, one article each, with an optional ``manifest.csv`` whose
          first column ``file`` names a text file and whose other columns are metadata
          (``outlet`` and ``date`` are recognised); every ``.txt`` file needs a row and every
          row a file;
        - a list of :class:`Document` objects (kept as they are);
        - a ``.csv`` file or a ``.jsonl`` file (one JSON object per line) with a text column;
        - a DataFrame (see :meth:`Corpus.from_frame`), a list of strings, or a Corpus (returned).
    text, outlet, date, doc_id : str or None
        Column names for tables (CSV, JSONL, DataFrame).
    encoding : str or None, default=None
        Force an encoding for text files; by default UTF-8 (with or without BOM), with a few
        invalid bytes replaced by U+FFFD, or cp1252 for text that is not UTF-8 at all, each
        with a warning (see :func:`read_text_file`). A ``.txt`` file or manifest is decoded
        whole, a ``.csv`` or ``.jsonl`` file line by line (lines end at ``\n`` only), as
        :func:`framing.iter_corpus` reads it.

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
        line or CSV, an unsupported file type.
    InputEncodingError
        A binary file, or one in no supported encoding.

    Warns
    -----
    DataQualityWarning
        Empty or whitespace-only files (named; they are skipped and listed in
        ``corpus.skipped``), invalid bytes replaced by U+FFFD (file, lines and count), files
        (or lines) read as cp1252.

    Examples
    --------
    >>> corpus = load_corpus(["Xi and Putin met.", "The pair toasted their friendship."])
    >>> len(corpus)
    2
    """
    if isinstance(path, Corpus):
        return path
    if isinstance(path, pd.DataFrame):
        return Corpus.from_frame(path, text=text, outlet=outlet, date=date, doc_id=doc_id)
    if isinstance(path, (str, os.PathLike)):
        target = Path(path)
        if not target.exists():
            raise CorpusError(
                f"{target}: no such file or folder; give a folder of .txt files, or a .csv or "
                ".jsonl file",
                path=target,
            )
        if target.is_dir():
            return _load_folder(target, encoding=encoding)
        suffix = target.suffix.lower()
        data = None
        if not suffix and not target.is_file():
            # A pipe named on purpose: <(cat x.jsonl), /dev/fd/3, /dev/stdin. It can be read
            # once only, so it is read whole here and its first character says the format.
            data = _read_pipe(target)
            suffix = ".jsonl" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else ".csv"
        if suffix == ".csv":
            return Corpus.from_frame(
                _read_csv(target, encoding=encoding, data=data),
                text=text,
                outlet=outlet,
                date=date,
                doc_id=doc_id,
                source=str(target),
            )
        if suffix in (".jsonl", ".ndjson"):
            return Corpus.from_frame(
                _read_jsonl(target, encoding=encoding, data=data),
                text=text,
                outlet=outlet,
                date=date,
                doc_id=doc_id,
                source=str(target),
            )
        if suffix == ".txt":
            body = read_text_file(target, encoding=encoding)
            return Corpus._with_empty_skipped([Document(target.stem, body, source=target.name)])
        raise CorpusError(
            f"{target}: unsupported file type {suffix or '(none)'}; use a folder of .txt files, "
            "a .csv or a .jsonl file",
            path=target,
        )
    if isinstance(path, Iterable) and not isinstance(path, (bytes, Mapping)):
        items = list(path)
        if items and all(isinstance(item, Document) for item in items):
            return Corpus(items)
        return Corpus.from_texts(items)
    raise CorpusError(
        f"cannot load a corpus from {type(path).__name__}; give a folder of .txt files, a .csv "
        "or .jsonl file, a DataFrame with a text column, or a list of strings or Documents"
    )


def _read_pipe(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CorpusError(
            f"{path}: cannot be read ({exc.strerror}); check that it is a readable file",
            path=path,
        ) from exc


def _read_csv(path: Path, *, encoding: str | None, data: bytes | None = None) -> pd.DataFrame:
    # Decoded line by line, as iter_corpus reads it: the same text, the same warnings.
    content = "".join(line for _, line in _read_lines(path, str(path), encoding, data))
    rows = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next((row for row in rows if row), [])
    except csv.Error as exc:
        raise CorpusError(f"{path}: not a readable CSV file ({exc})", path=path) from exc
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:  # pandas would keep both as 'name' and 'name.1'
        raise CorpusError(
            f"{path}, line {rows.line_num}: the header repeats column(s) "
            f"{', '.join(map(repr, repeated))}; give every column its own name",
            path=path,
            row=rows.line_num,
        )
    try:
        return pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: not a readable CSV file ({exc})", path=path) from exc


def _read_jsonl(path: Path, *, encoding: str | None, data: bytes | None = None) -> pd.DataFrame:
    records = []
    # Lines end at "\n" only: a U+2028 (or U+0085 ...) inside a JSON string is part of it.
    for line_number, line in _read_lines(path, str(path), encoding, data):
        if not line.strip():
            continue
        try:
            record = _json_record(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"{path}, line {line_number}: not valid JSON ({exc.msg}); each line must be one "
                "JSON object",
                path=path,
                row=line_number,
            ) from exc
        if not isinstance(record, dict):
            raise CorpusError(
                f"{path}, line {line_number}: a JSON {type(record).__name__}, expected an object",
                path=path,
                row=line_number,
            )
        records.append(record)
    if not records:
        raise CorpusError(f"{path}: no JSON lines, the file is empty", path=path)
    # Object columns keep the values as JSON gave them, as iter_corpus does (and a str column
    # would reject a lone surrogate before _clean_cell could mark it).
    return pd.DataFrame(records, dtype=object)


def _json_record(line: str) -> Any:
    """One JSONL line parsed. Raw control characters (a tab, ``\x1c``) inside a string, which
    strict JSON wants escaped, are taken as they are: their meaning is not in doubt. A key
    repeated in one object (``{"text": "a", "text": "b"}``), which JSON parsers settle by
    keeping the last value, is an error (``JSONDecodeError``): one of the values would be lost
    without a word, as with a repeated column of a CSV header."""
    try:
        return json.loads(line, strict=False, object_pairs_hook=_unique_keys)
    except _RepeatedKey as exc:
        raise json.JSONDecodeError(f"the key {exc.args[0]!r} appears twice", line, 0) from None


class _RepeatedKey(ValueError):
    """A key met twice in one JSON object (its name is the argument)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return record


def _load_folder(folder: Path, *, encoding: str | None) -> Corpus:
    root = folder.resolve()
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")
    except OSError as exc:
        raise CorpusError(
            f"{folder}: the folder cannot be read ({exc.strerror}); check its permissions",
            path=folder,
        ) from exc
    files: list[Path] = []
    passed: list[tuple[str, str]] = []  # (file name, reason): entries never opened
    for entry in entries:
        problem = _entry_problem(entry, root)
        if problem is None:
            files.append(entry)
        else:
            passed.append((entry.name, problem))
    manifest_path = folder / _MANIFEST
    if not files:
        found = f" (skipped: {_listed([f'{n}: {r}' for n, r in passed])})" if passed else ""
        raise CorpusError(
            f"{folder}: no {'readable ' if passed else ''}.txt files in this folder{found}; put "
            "one article per .txt file there",
            path=folder,
        )
    manifest: dict[str, dict[str, Any]] = {}
    renamed: dict[str, str] = {}
    if os.path.lexists(manifest_path):
        problem = _entry_problem(manifest_path, root)
        if problem is not None:
            raise CorpusError(
                f"{manifest_path}: {problem}; the manifest must be a regular file inside the "
                "corpus folder (copy it there, or remove it)",
                path=manifest_path,
            )
        manifest, renamed = _read_manifest(
            manifest_path, [f.name for f in files], {n for n, _ in passed}, encoding=encoding
        )
        _warn_renamed(renamed, str(manifest_path), stacklevel=3)
    if passed:
        warnings.warn(
            f"{folder}: {len(passed)} .txt entr{'ies' if len(passed) > 1 else 'y'} not read: "
            f"{_listed([f'{n} ({r})' for n, r in passed])}; listed in corpus.skipped",
            DataQualityWarning,
            stacklevel=3,
        )
    docs = []
    for file in files:
        body = read_text_file(file, encoding=encoding)
        meta = dict(manifest.get(file.name, {}))
        try:
            iso, precision = parse_date(meta.pop("date", None))
            _check_derived(meta, list(meta), iso, precision, file.stem)
        except ValueError as exc:
            raise CorpusError(
                f"{manifest_path}, row for {file.name}: {exc}",
                path=manifest_path,
                doc_id=file.stem,
            ) from exc
        docs.append(
            Document(
                file.stem,
                body,
                outlet=_cell_str(meta.pop("outlet", None)),
                date=iso,
                date_precision=precision,
                metadata={renamed.get(k, k): v for k, v in meta.items() if k not in _DERIVED},
                source=file.name,
            )
        )
    return Corpus._with_empty_skipped(docs, passed)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _entry_problem(path: Path, root: Path) -> str | None:
    """Why an entry of a corpus folder is not read, or None for a regular file in it.

    Decided from the entry's metadata alone, without opening it: a FIFO would block, a
    device may never end, and a symlink may lead out of the folder (to ``/etc/passwd``).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a symlink whose target does not exist" if path.is_symlink() else "vanished"
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if not path.resolve().is_relative_to(root):
        return "a symlink to a file outside the corpus folder"
    for test, kind in _KINDS:
        if test(mode):
            return f"not a regular file but {kind}"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _read_manifest(
    path: Path, names: list[str], passed: set[str], *, encoding: str | None
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The manifest's rows by file name, and its metadata columns kept under new names.

    ``names`` are the readable .txt files, ``passed`` the .txt entries not read (a row may
    name them; they need none). Lines may end in ``\n``, ``\r\n`` or a lone ``\r``. No
    message quotes a cell other than a file name the folder holds or a column name.
    """
    content = read_text_file(path, encoding=encoding)
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next((row for row in reader if row), None)
        header_line = reader.line_num
        records = [(reader.line_num, row) for row in reader if row]
    except csv.Error as exc:
        raise CorpusError(
            f"{path}, line {reader.line_num}: not a readable CSV file ({exc}); save the manifest "
            "as CSV",
            path=path,
            row=reader.line_num,
        ) from exc
    header = [name.strip() for name in header or []]
    if not header or header[0] != "file":
        raise CorpusError(
            f"{path}: the first column must be 'file' (the .txt file name), and the manifest's "
            "first line must name its columns; add a header line such as file,outlet,date",
            path=path,
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise CorpusError(
            f"{path}, line {header_line}: the header repeats column(s) "
            f"{', '.join(map(repr, repeated))}; give every column its own name",
            path=path,
            row=header_line,
        )
    columns = header[1:]
    renamed = _renamed([c for c in columns if c not in ("outlet", "date")], _WRITTEN, str(path))
    rows: dict[str, dict[str, Any]] = {}
    problems = []
    for line, cells in records:
        name = cells[0].strip()
        if len(cells) > len(header):
            problems.append(f"line {line} has more cells than the header")
            continue
        if name in rows:
            problems.append(f"line {line} repeats file {name!r}")
            continue
        values = [cell.strip() or None for cell in cells[1:]]
        rows[name] = dict(zip(columns, values + [None] * (len(columns) - len(values)), strict=True))
    known = set(names) | passed
    missing_files = [n for n in rows if n not in known]
    unlisted = [n for n in names if n not in rows]
    problems += [f"manifest row for {n!r} has no such file" for n in missing_files]
    problems += [f"file {n!r} has no manifest row" for n in unlisted]
    if problems:
        raise CorpusError(
            f"{path}: manifest and folder disagree: "
            + "; ".join(problems)
            + ". Make every .txt file appear once in the 'file' column, or remove the manifest.",
            path=path,
        )
    return rows, renamed
