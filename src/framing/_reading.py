"""Every input format read into documents, by one path: :func:`read_path` and :func:`read_frame`.

A folder of ``.txt`` files (with its ``manifest.csv``), a ``.txt``, ``.csv``, ``.jsonl`` or
``.parquet`` file, a pipe, a pandas DataFrame and a Dask partition are all read here, lazily,
into :class:`Document` objects. :class:`_Reading` is the one place where what comes out is
checked and recorded: documents without text are left out and listed, ids must be unique
(:class:`_UniqueIds`), and every input left out is one ``(source, reason)`` row of the
``skipped`` table (:func:`_skipped_table`). :func:`framing.load_corpus` collects a reading into
one :class:`~framing.Corpus`; :func:`framing.iter_corpus` cuts it into chunks;
:mod:`framing.dask` reads each partition through it.

Text files are decoded here too (:func:`read_text_file`, :func:`_read_lines`): strict UTF-8
first, then UTF-8 with a few invalid bytes replaced, then the legacy code page that
``charset-normalizer`` finds (cp1252, cp1251 or GB18030; for a text too short for its
statistics, the script the text is written in); a UTF-16 or UTF-32 byte order mark names its
encoding.

Examples
--------
>>> reading = read_frame(pd.DataFrame({"text": ["Xi met Putin.", " "]}))
>>> with warnings.catch_warnings(record=True) as caught:
...     ids = [doc.doc_id for doc in reading]
>>> ids, reading.take_skipped()["source"].tolist(), str(caught[0].message)
(['doc0001'], ['row 2'], '1 empty or whitespace-only document(s) skipped: row 2')
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
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .errors import (
    CorpusError,
    DataQualityWarning,
    FramingWarning,
    InputEncodingError,
)

__all__ = ["Document", "parse_date", "read_frame", "read_path", "read_text_file"]

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
    a warning naming the lines and the count. A file that is not UTF-8 at all is read, with a
    warning, in the code page ``charset-normalizer`` finds among cp1252, cp1251 and GB18030 (a
    text too short for its statistics: cp1251 or GB18030 when it is clean text of that script,
    else cp1252). A UTF-16 or UTF-32 byte order mark names the encoding.

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
        When invalid bytes were replaced, or the file was not UTF-8 and was read in a legacy
        code page.
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
# The punctuation beyond ASCII of short Russian and Chinese text (see _written_in).
_MARKS = {"cp1251": re.compile("[«»„“”‘’–—…№\u00a0]"),
          "gb18030": re.compile("[\u3000-\u303f\uff00-\uffef“”‘’…—·]")}  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]+")  # runs of letters
_LATIN = re.compile("[A-Za-z]")
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
    if best is not None and best.encoding in _SCRIPT:
        text = str(best)
        letters = sum(1 for char in text if char.isalpha() and not char.isascii())
        script = len(_SCRIPT[best.encoding].findall(text))
        if script >= _FOREIGN and script >= 0.8 * letters:
            return best.encoding
    # Too short for charset-normalizer's statistics (a name, a headline): the script of the
    # first code page that reads it as clean text of its own, else cp1252.
    return next((encoding for encoding in _SCRIPT if _written_in(data, encoding)), "cp1252")


def _written_in(data: bytes, encoding: str) -> bool:
    """Whether ``data`` read in ``encoding`` is clean text of that code page's script: at
    least two of its letters, every other character beyond ASCII one of its punctuation marks,
    and no word that mixes its letters with Latin ones (``cafй``: cp1252's ``café``)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    script, marks = _SCRIPT[encoding], _MARKS[encoding]
    beyond = [char for char in text if not char.isascii()]
    letters = sum(1 for char in beyond if script.match(char))
    if letters < 2 or any(not script.match(char) and not marks.match(char) for char in beyond):
        return False
    return all(word.isascii() or not _LATIN.search(word) for word in _WORDS.findall(text))


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


# -- records as documents ---------------------------------------------------------------------
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
    utf8_text: bool = False,
) -> Document:
    """One table row or JSON record as a Document: what :meth:`Corpus.from_frame` and
    :func:`framing.iter_corpus` both read.

    ``names`` maps ``text``, ``doc_id``, ``outlet`` and ``date`` to their column (key) names or
    None; ``number`` (1-based) makes the automatic id ``doc0001`` ...; ``meta_keys`` maps the
    keys that become the metadata to their names in it (see :func:`_renamed`; a missing key is
    None). ``utf8_text``: the text comes from a pyarrow string column, whose UTF-8 holds no
    lone surrogate, so none is looked for. Raises :class:`_RecordError` for a text that is not a
    string or a date that is not a date.
    """
    key_id, key_date, key_outlet = names["doc_id"], names["date"], names["outlet"]
    ident = (_cell_str(record.get(key_id)) if key_id else None) or f"doc{number:04d}"
    body = record.get(names["text"])
    if not (utf8_text and type(body) is str):  # a str decoded from UTF-8 has no surrogate
        body = _clean_cell(body, text=True)
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
    if isinstance(value, str) and (_has_surrogate(value) if text else _UNSAFE_CELL.search(value)):
        # Half an emoji pair (a JSON string cut in the middle) cannot be encoded in any file,
        # and a NUL ends a string in C readers of CSV: mark both with the Unicode replacement
        # character. (In a text, cleaning removes a NUL and flags it.)
        return (_SURROGATE if text else _UNSAFE_CELL).sub("\ufffd", value)
    return value


def _has_surrogate(value: str) -> bool:
    """Whether ``value`` holds a surrogate code point (what :data:`_SURROGATE` matches): the
    only code points UTF-8 refuses. Encoding a text costs a quarter of the pattern's search."""
    if value.isascii():
        return False
    try:
        value.encode()
    except UnicodeEncodeError:
        return True
    return False


def _cell_str(value: Any) -> str | None:
    value = _clean_cell(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# -- files read whole, JSON lines ------------------------------------------------------------
def _read_pipe(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CorpusError(
            f"{path}: cannot be read ({exc.strerror}); check that it is a readable file",
            path=path,
        ) from exc


def _json_record(line: str) -> Any:
    """One JSONL line parsed. Raw control characters (a tab, ``\x1c``) inside a string, which
    strict JSON wants escaped, are taken as they are: their meaning is not in doubt. A key
    repeated in one object (``{"text": "a", "text": "b"}``), which JSON parsers settle by
    keeping the last value, is an error (``JSONDecodeError``): one of the values would be lost
    without a word, as with a repeated column of a CSV header."""
    try:
        if line.startswith("\ufeff"):  # json.loads says why this is not JSON
            return json.loads(line)
        return _DECODER.decode(line)
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


# One decoder for every line (json.loads with options would build one per call).
_DECODER = json.JSONDecoder(strict=False, object_pairs_hook=_unique_keys)


# -- a folder of .txt files and its manifest -----------------------------------------------------
def _folder_entries(folder: Path, *, encoding: str | None) -> Iterator[_Entry]:
    """The ``.txt`` files of ``folder`` in name order as documents (the file name without
    ``.txt`` is the id, the manifest row gives the metadata); first, the entries that are not
    read (a FIFO, a symlink out of the folder ...), each as a :class:`_Skipped`."""
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
        _warn_renamed(renamed, str(manifest_path), stacklevel=5)
    if passed:
        warnings.warn(
            f"{folder}: {len(passed)} .txt entr{'ies' if len(passed) > 1 else 'y'} not read: "
            f"{_listed([f'{n} ({r})' for n, r in passed])}; listed in corpus.skipped",
            DataQualityWarning,
            stacklevel=5,
        )
    for name, reason in passed:
        yield _Skipped(name, reason)
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
        document = Document(
            file.stem,
            body,
            outlet=_cell_str(meta.pop("outlet", None)),
            date=iso,
            date_precision=precision,
            metadata={renamed.get(k, k): v for k, v in meta.items() if k not in _DERIVED},
            source=file.name,
        )
        yield _Placed(document, file.name)


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


def _check_header(header: Sequence[str], where: str | Path, line: int) -> None:
    """Refuse a CSV header that repeats a column name: one of the columns would be lost."""
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise CorpusError(
            f"{where}, line {line}: the header repeats column(s) "
            f"{', '.join(map(repr, repeated))}; give every column its own name",
            path=where,
            row=line,
        )


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
    _check_header(header, path, header_line)
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


# -- what a reading gives: documents in their place, and inputs left out ------------------------
class _Bad(NamedTuple):
    """A record that cannot be read (malformed line or row): why, and its id when it has one."""

    reason: str
    ident: str | None = None


class _Item(NamedTuple):
    """One record of a file: its 1-based record index (for automatic ids), its place (JSONL
    line or data row), extra location text for messages, and the record or why it is bad."""

    position: int
    number: int
    detail: str
    value: Mapping[Any, Any] | _Bad


_Records = Generator[_Item, None, None]


class _Placed(NamedTuple):
    """A document and where it was read: a file name (``a.txt``), or the number of its record
    and its ``unit`` (``7``, ``'line'``), which errors carry as their ``row``."""

    document: Document
    place: str | int
    unit: str | None = None


class _Skipped(NamedTuple):
    """An input that is not a document: its ``source`` and ``reason``, as the ``skipped`` table
    lists it. A malformed record also has its ``unit`` and ``number`` (``line``, 3): those are
    counted and named in the warning at the end."""

    source: str
    reason: str
    unit: str | None = None
    number: int | None = None


_Entry = _Placed | _Skipped


def _skipped_table(records: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
    """The ``skipped`` table of a corpus: one row per input left out, with its ``source`` and
    ``reason`` (object columns, also when empty)."""
    pairs = list(records)
    return pd.DataFrame(
        {"source": [s for s, _ in pairs], "reason": [r for _, r in pairs]}, dtype=object
    )


def _both(first: str | None, second: str | None) -> str:
    return f"({first or 'first'} and {second or 'second'})"


class _UniqueIds:
    """The one check that document ids are unique: each id is kept with the place it was met.

    ``places(first, second)`` says where the two documents are, for the message; ``where``
    (a file, or None) opens it and ``why`` ends it. Without ``keep_places`` only the ids are
    kept (a stream of millions of documents holds just this set) and ``first`` is None.
    """

    def __init__(
        self,
        where: str | None = None,
        *,
        places: Callable[[Any, Any], str] = _both,
        why: str = "",
        keep_places: bool = True,
    ) -> None:
        self._seen: dict[str, Any] = {}
        self._where, self._places, self._why, self._keep = where, places, why, keep_places

    def __len__(self) -> int:
        return len(self._seen)

    def add(self, doc_id: str, place: Any = None, *, row: int | None = None) -> None:
        """Keep ``doc_id``; :class:`~framing.CorpusError` when it was met before."""
        if doc_id in self._seen:
            opening = f"{self._where}: " if self._where else ""
            raise CorpusError(
                f"{opening}duplicate doc_id {doc_id!r} {self._places(self._seen[doc_id], place)}; "
                f"give every document a unique id{self._why}",
                path=self._where,
                row=row,
                doc_id=doc_id,
            )
        self._seen[doc_id] = place if self._keep else None


class _Reading:
    """The documents with text of one input, in order, and a record of what was left out.

    Iterating yields each document with text once, its id checked against every earlier one
    (:class:`_UniqueIds`); an empty document, an entry that is not read and (with
    ``errors='skip'``) a malformed record are recorded instead, and :meth:`take_skipped` hands
    them over as a ``skipped`` table. When the input ends: a :class:`~framing.CorpusError` if
    no document had text (unless ``empty_ok``), else, when ``warn``, one warning for the empty
    documents and one for the malformed records.

    ``whole`` is true for a folder or a ``.txt`` file (one chunk of :func:`framing.iter_corpus`).
    """

    def __init__(
        self,
        entries: Iterable[_Entry],
        where: str,
        *,
        records: _Converter | _Pipe | None = None,
        whole: bool = False,
        empty_ok: bool = False,
        warn: bool = True,
    ) -> None:
        self.where, self.whole = where, whole
        self._entries, self._records = entries, records
        self._empty_ok, self._warn = empty_ok, warn
        self._ids = _UniqueIds(where, places=self._places)
        self._unit: str | None = None  # of the records read
        self._skipped: list[tuple[str, str]] = []

    def __iter__(self) -> Iterator[Document]:
        return self.documents()

    def documents(self) -> Generator[Document, None, None]:
        """The documents with text (what iterating gives), as a generator to close."""
        empty: list[str] = []
        bad: list[_Skipped] = []
        entries = iter(self._entries)
        try:
            for entry in entries:
                if isinstance(entry, _Skipped):
                    self._skipped.append((entry.source, entry.reason))
                    if entry.number is not None:
                        bad.append(entry)
                    continue
                doc = entry.document
                if not doc.text.strip():
                    source = doc.source or doc.doc_id
                    self._skipped.append((source, "empty"))
                    empty.append(source)
                    continue
                self._unit = entry.unit
                row = entry.place if isinstance(entry.place, int) else None
                self._ids.add(doc.doc_id, entry.place, row=row)
                yield doc
        finally:  # a file is closed when the reading is
            close = getattr(entries, "close", None)
            if close is not None:
                close()
        unit = bad[0].unit if bad else ""
        if not len(self._ids) and not self._empty_ok:
            reason = f"; {len(bad)} malformed {unit}(s) skipped" if bad else ""
            raise CorpusError(
                f"{self.where}: no document with text ({len(empty)} empty{reason}), so the "
                "corpus has no text",
                path=self.where,
            )
        if self._warn and empty:
            _warn_empty(empty, stacklevel=3)
        if self._warn and bad:
            warnings.warn(
                f"{self.where}: {len(bad)} malformed {unit}(s) skipped "
                f"({_listed([f'{unit} {entry.number}' for entry in bad])}); see each chunk's "
                "Corpus.skipped for the reasons",
                DataQualityWarning,
                stacklevel=3,
            )

    def _places(self, first: str | int, second: str | int) -> str:
        unit = f"{self._unit} " if self._unit else ""
        return f"at {unit}{second} and {unit}{first}"

    def take_skipped(self) -> pd.DataFrame:
        """The inputs left out since the last call, as a ``skipped`` table."""
        table, self._skipped = _skipped_table(self._skipped), []
        return table

    def metadata_names(self) -> list[str] | None:
        """Every metadata name the records gave, in first-seen order (None for a folder, whose
        manifest gives every document all of them)."""
        return None if self._records is None else self._records.metadata_names()


# -- records (a row, a JSON object) as documents ------------------------------------------------
class _Converter:
    """The records of a table or a JSONL file as documents (:func:`_record_document`).

    Every metadata key met so far is kept in first-seen order with its name in the metadata: a
    key named like a column framing writes as ``meta_<key>`` (warned once, when first met).
    ``columns``, when the table says them up front, are met before the first record. A
    malformed record raises (``errors='raise'``: its place, the reason and the id, after the
    reason or, ``id_first``, with the place) or becomes a :class:`_Skipped`. ``utf8_text``: the
    texts come from a pyarrow string column (see :func:`_record_document`).
    """

    def __init__(
        self,
        items: _Records,
        names: Mapping[str, Any],
        *,
        where: str,
        unit: str,
        label: str,
        path: str | None,
        errors: str = "raise",
        columns: Iterable[Any] = (),
        id_first: bool = False,
        utf8_text: bool = False,
    ) -> None:
        self._items, self._names = items, names
        self._utf8_text = utf8_text
        self._where, self._unit, self._label, self._path = where, unit, label, path
        self._errors, self._id_first = errors, id_first
        self._named = {name for name in names.values() if name is not None}
        self.meta_keys: dict[Any, str] = {}
        self._known = set(self._named)  # the keys named or met so far
        self._learn(list(columns), stacklevel=4)

    def _learn(self, keys: Iterable[Any], stacklevel: int) -> None:
        if self._known.issuperset(keys):
            return
        new = [key for key in keys if key not in self._known]
        self._known.update(new)
        renamed = _renamed([*self.meta_keys, *new], _WRITTEN, self._where)
        self.meta_keys.update((key, renamed.get(str(key), str(key))) for key in new)
        _warn_renamed(
            {str(k): renamed[str(k)] for k in new if str(k) in renamed}, self._where, stacklevel
        )

    def metadata_names(self) -> list[str]:
        return [name for key, name in self.meta_keys.items() if key not in _DERIVED]

    def __iter__(self) -> Iterator[_Entry]:
        unit = self._unit
        with closing(self._items):
            for item in self._items:
                source = f"{self._label}{unit} {item.number}"
                value: Document | _Bad
                if isinstance(item.value, _Bad):
                    value = item.value
                else:
                    self._learn(item.value, stacklevel=5)
                    try:
                        value = _record_document(
                            item.value, item.position, self._names, self.meta_keys, source,
                            self._utf8_text,
                        )  # fmt: skip
                    except _RecordError as exc:
                        value = _Bad(exc.reason, exc.ident)
                if isinstance(value, Document):
                    yield _Placed(value, item.number, unit)
                    continue
                ident = f" ({value.ident})" if value.ident else ""
                if self._errors == "raise":
                    place = f"{unit} {item.number}{item.detail}"
                    told = (
                        f"{place}{ident}: {value.reason}" if self._id_first
                        else f"{place}: {value.reason}{ident}"
                    )  # fmt: skip
                    raise CorpusError(
                        f"{self._where}, {told}",
                        path=self._path,
                        row=item.number,
                        doc_id=value.ident,
                    )
                yield _Skipped(source, f"{value.reason}{ident}", unit, item.number)


# -- every input ----------------------------------------------------------------------------------
class _Names(NamedTuple):
    """The column (key) names of the text, the id, the outlet and the date, or None."""

    text: str
    doc_id: str | None
    outlet: str | None
    date: str | None


_COLUMNS = _Names("text", "doc_id", "outlet", "date")
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv",)
_PARQUET = (".parquet", ".pq")
_PANDAS_INDEX = re.compile(r"^__index_level_\d+__$")


def read_path(
    path: str | os.PathLike[str],
    names: _Names = _COLUMNS,
    *,
    encoding: str | None = None,
    errors: str = "raise",
    batch_size: int = 1000,
) -> _Reading:
    """A reading of a folder of ``.txt`` files, or a ``.txt``, ``.csv``, ``.jsonl`` (``.ndjson``)
    or ``.parquet`` (``.pq``) file, or a pipe without a suffix (``<(cat x.jsonl)``: read once,
    a first character ``{`` makes it JSONL, anything else CSV).

    Whether the path exists and its type are checked at once; nothing is read before the first
    document is asked for. ``batch_size``: rows of a parquet file read at a time.

    Raises
    ------
    CorpusError
        A missing path, an unsupported file type, ``.parquet`` without ``pyarrow``.
    """
    target = Path(path)
    where = str(target)
    if not target.exists():
        raise CorpusError(
            f"{where}: no such file or folder; give a folder of .txt files, or a .csv, .jsonl "
            "or .parquet file",
            path=target,
        )
    if target.is_dir():
        return _Reading(_folder_entries(target, encoding=encoding), where, whole=True)
    suffix = target.suffix.lower()
    if suffix == ".txt":
        return _Reading(_text_file(target, encoding), where, whole=True)
    if not suffix and not target.is_file():
        pipe = _Pipe(target, names, encoding, errors)
        return _Reading(pipe, where, records=pipe)
    if suffix in _JSONL:
        items = _jsonl_items(target, where, names.text, encoding)
        return _table_reading(items, names, where, "line", errors)
    if suffix in _CSV:
        items = _csv_items(target, where, names.text, encoding)
        return _table_reading(items, names, where, "row", errors)
    if suffix in _PARQUET:
        _require_pyarrow(where)
        items = _parquet_items(target, where, names.text, batch_size)
        return _table_reading(items, names, where, "row", errors)
    raise CorpusError(
        f"{where}: unsupported file type {suffix or '(none)'}; give a folder of .txt files, or a "
        ".txt, .csv, .jsonl or .parquet file",
        path=target,
    )


def _converter(items: _Records, names: _Names, where: str, unit: str, errors: str) -> _Converter:
    return _Converter(
        items, names._asdict(), where=where, unit=unit, label=f"{where}:", path=where,
        errors=errors,
    )  # fmt: skip


def _table_reading(items: _Records, names: _Names, where: str, unit: str, errors: str) -> _Reading:
    records = _converter(items, names, where, unit, errors)
    return _Reading(records, where, records=records)


def _text_file(target: Path, encoding: str | None) -> Iterator[_Entry]:
    body = read_text_file(target, encoding=encoding)
    yield _Placed(Document(target.stem, body, source=target.name), target.name)


class _Pipe:
    """The records of a pipe named on purpose (``/dev/fd/3``, ``/dev/stdin``): read once,
    whole, when the first document is asked for; a first character ``{`` makes it JSONL,
    anything else CSV."""

    def __init__(self, target: Path, names: _Names, encoding: str | None, errors: str) -> None:
        self._target, self._names, self._encoding, self._errors = target, names, encoding, errors
        self._records: _Converter | None = None

    def __iter__(self) -> Iterator[_Entry]:
        where = str(self._target)
        data = _read_pipe(self._target)
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            unit, items = "line", _jsonl_items
        else:
            unit, items = "row", _csv_items
        records = _converter(
            items(self._target, where, self._names.text, self._encoding, data),
            self._names, where, unit, self._errors,
        )  # fmt: skip
        self._records = records
        yield from records

    def metadata_names(self) -> list[str]:
        return [] if self._records is None else self._records.metadata_names()


def read_frame(
    frame: pd.DataFrame,
    names: _Names = _COLUMNS,
    *,
    source: str | None = None,
    empty_ok: bool = False,
    warn: bool = True,
) -> _Reading:
    """A reading of a DataFrame with one row per document (see :meth:`framing.Corpus.from_frame`).

    ``source`` names the frame in messages and document sources (``file.csv:row 3``; without
    it, ``the DataFrame`` and ``row 3``). Its columns are checked, and those kept under a new
    name warned about, at once. ``empty_ok``: a frame with no text gives no document instead of
    an error (a Dask partition); ``warn``: warn about empty documents at the end.

    Raises
    ------
    CorpusError
        No text column, two columns with one name, a metadata column named like a column
        framing writes beside one with its new name.
    """
    where = source or "the DataFrame"
    if names.text not in frame.columns:
        raise CorpusError(
            f"{where} has no text column {names.text!r}; its columns are "
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
    # pyarrow stores strings as UTF-8, which cannot hold a lone surrogate: no text to search.
    utf8_text = getattr(frame[names.text].dtype, "storage", None) == "pyarrow"
    records = _Converter(
        _frame_items(frame), names._asdict(), where=where, unit="row",
        label=f"{source}:" if source else "", path=source, columns=frame.columns, id_first=True,
        utf8_text=utf8_text,
    )  # fmt: skip
    return _Reading(records, where, records=records, empty_ok=empty_ok, warn=warn)


def _frame_items(frame: pd.DataFrame) -> _Records:
    for number, record in enumerate(frame.to_dict("records"), start=1):
        yield _Item(number, number, "", record)


# -- JSONL, CSV and parquet records --------------------------------------------------------------
# Lines are split at "\n" only and decoded line by line (_read_lines). ``data``: the bytes of a
# pipe, read already.
def _jsonl_items(
    path: Path, where: str, text: str, encoding: str | None, data: bytes | None = None
) -> _Records:
    index = 0
    keys_checked = False
    lines = _read_lines(path, where, encoding, data)
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


_LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # just after a "\r" that no "\n" follows


class _LineFeed:
    """The lines of a file for :mod:`csv`, noting the line number and whether it ran out.

    A lone ``\r`` also ends a CSV line (old Mac files), as it does for pandas and for a
    manifest; line numbers still count ``\n`` only.
    """

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.number = 0
        self.ended = False
        self.parts: list[str] = []  # the rest of a line cut at lone "\r", last part first

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.parts:
            return self.parts.pop()
        try:
            self.number, line = next(self.lines)
        except StopIteration:
            self.ended = True
            raise
        if "\r" in line and line.count("\r") != line.endswith("\r\n"):  # not just CRLF
            first, *rest = [part for part in _LONE_CR.split(line) if part]
            self.parts = rest[::-1]
            return first
        return line


def _csv_items(
    path: Path, where: str, text: str, encoding: str | None, data: bytes | None = None
) -> _Records:
    lines = _read_lines(path, where, encoding, data)
    with closing(lines):
        feed = _LineFeed(lines)
        reader = csv.reader(feed)
        try:
            header = _next_row(reader)
        except csv.Error as exc:
            raise CorpusError(f"{where}: not a readable CSV file ({exc})", path=where) from exc
        if not header:
            raise CorpusError(f"{where}: not a readable CSV file (no header row)", path=where)
        _check_header(header, where, feed.number)
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


def _require_pyarrow(where: str) -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise CorpusError(
            f"{where}: reading .parquet needs pyarrow; install it with "
            "pip install 'framing[parquet]', or convert the file to .jsonl or .csv",
            path=where,
        ) from exc


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
