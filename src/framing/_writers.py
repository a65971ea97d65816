"""Sentence tables written to CSV, JSON lines, JSON or parquet, chunk by chunk and atomically.

:func:`write_sentences` takes one sentence table or a stream of them (``framing.iter_scores``)
and writes each table as it comes, so memory holds one chunk; the file appears only when the
last chunk is written (:func:`framing._files.atomic_path`), a pipe or a character device is
written straight through. The command line's ``framing score -o FILE`` calls it.
"""

from __future__ import annotations

import copy
import json
import os
import warnings
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from ._escape import neutralise_frame
from ._files import atomic_path
from .errors import FramingWarning, InputError, ParameterError

if TYPE_CHECKING:  # pandas is imported on first use: the CLI reads SENTENCE_FORMATS for --help
    import pandas as pd

__all__ = [
    "SENTENCE_FORMATS",
    "SIDECAR_SUFFIX",
    "read_sentences",
    "sentence_format",
    "write_sentences",
]

SentenceFormat = Literal["csv", "json", "jsonl", "parquet"]
#: The formats :func:`write_sentences` writes.
SENTENCE_FORMATS = ("csv", "json", "jsonl", "parquet")
#: The provenance of a CSV, JSON lines or JSON file is written next to it, in ``<file>`` + this.
SIDECAR_SUFFIX = ".framing.json"
#: The key of the provenance in a parquet file's key-value metadata.
PARQUET_KEY = b"framing"
#: The format of a file suffix (lower case).
FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                    ".parquet": "parquet", ".pq": "parquet"}  # fmt: skip


def write_sentences(
    sentences: pd.DataFrame | Iterable[pd.DataFrame],
    path: str | os.PathLike[str] | IO[str],
    format: SentenceFormat | None = None,
    *,
    safe_csv: bool = False,
) -> None:
    """Write a sentence table, or a stream of them, to one CSV, JSONL, JSON or parquet file.

    The tables are written one at a time as they come (``framing.iter_scores`` yields one per
    chunk), so memory holds one chunk however long the corpus. The file is written through a
    temporary file renamed over ``path`` at the end: a reader never sees half a table, and a
    failed or interrupted run leaves what was there before. A named pipe or a character device
    (``/dev/stdout``) is written straight through.

    The provenance of the labels, ``attrs["framing"]`` (axes and poles, lexicon name, version
    and content hash, framing version, method and models, ``relevant_only``, ``skipped`` of
    every table), survives the file: in the key-value metadata of a parquet file (key
    ``framing``), in a JSON sidecar next to a CSV, JSON lines or JSON file
    (``sentences.csv.framing.json``; none for a stream). :func:`read_sentences` reads it back.

    Parameters
    ----------
    sentences : DataFrame or iterable of DataFrame
        A table of :func:`framing.score`, or the tables of :func:`framing.iter_scores`. The
        ``cues`` column (lists of dicts) is written as JSON text in CSV and parquet, as nested
        JSON in JSON and JSON lines; cues that are JSON text already (a table read back from
        CSV) are written as they are.
    path : str, os.PathLike or text stream
        The file, or an open text stream (``sys.stdout``) for CSV, JSONL and JSON.
    format : {'csv', 'jsonl', 'json', 'parquet'} or None, default=None
        None takes it from the suffix of ``path``: ``.csv``, ``.jsonl`` or ``.ndjson``,
        ``.json`` (one array), ``.parquet`` or ``.pq``.
    safe_csv : bool, default=False
        Neutralise text cells of a CSV file that a spreadsheet would run as a formula
        (``=``, ``+``, ``-``, ``@`` ... at the start get a leading ``'``).

    Raises
    ------
    ParameterError
        An unknown ``format`` or suffix, no ``format`` for a stream, parquet to a stream.
    InputError
        The folder of ``path`` does not exist, ``path`` is a folder (or a block device or a
        socket), pyarrow is missing for parquet, or a column of a parquet file holds numbers
        in the first table and other values later.
    OutputError
        The disk is full or the file system read-only: nothing was replaced.

    Warns
    -----
    FramingWarning
        A column first seen after the first table is left out of a CSV or parquet file (which
        have one header); a parquet column whose later values are not of the first table's
        type has them written as JSON text.

    See Also
    --------
    read_sentences : the table back, with its provenance.
    framing.iter_scores : the stream of sentence tables this writes.
    framing.cues_from_json : ``cues`` read back from CSV or parquet as lists.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> from framing import iter_scores
    >>> texts = ["Xi and Putin are old friends.", "Russia is China's junior partner."]
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sentences.jsonl"
    >>> write_sentences(iter_scores(texts, chunk_size=1), out)
    >>> pd.read_json(out, lines=True)[["doc_id", "power_label", "bond_label"]]
        doc_id power_label  bond_label
    0  doc0001        none  friendship
    1  doc0002      junior        none
    """
    import pandas as pd

    provenance = _Provenance()
    frames = provenance.of([sentences] if isinstance(sentences, pd.DataFrame) else sentences)
    stream = _is_stream(path)
    fmt = _format(path, format, stream)
    columns = _Columns()
    if fmt == "parquet":
        if stream:
            raise ParameterError(
                "path", type(path).__name__, "a file path for parquet (a binary format)",
                "Write CSV or JSON lines to a stream",
            )  # fmt: skip
        pa = _pyarrow()
        with _atomic(os.fspath(path)) as temporary:  # type: ignore[arg-type]
            _write_parquet(frames, temporary, columns, pa, provenance)
    else:
        with _text_output(path) as out:
            _write_text(frames, fmt, out, columns, safe_csv=safe_csv)
        if not stream:
            _write_sidecar(os.fspath(path), provenance.info)  # type: ignore[arg-type]
    if columns.dropped:
        warnings.warn(
            f"column(s) {', '.join(map(repr, columns.dropped))} first appear after the first "
            f"chunk and are not in the {fmt} output, which has one header; write .jsonl, or give "
            "them a value (even null) in the first records",
            FramingWarning,
            stacklevel=2,
        )


def sentence_format(path: str | os.PathLike[str], *, default: str | None = None) -> str:
    """The format of a file by its suffix; ``default`` (or an error) for an unknown suffix."""
    found = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower(), default)
    if found is None:
        raise ParameterError(
            "format", None, SENTENCE_FORMATS,
            f"the suffix of {os.fspath(path)!r} names no format; give format= or a file ending "
            f"in {', '.join(FORMAT_BY_SUFFIX)}",
        )  # fmt: skip
    return found


def _is_stream(path: object) -> bool:
    return hasattr(path, "write") and not isinstance(path, (str, os.PathLike))


def _format(path: Any, format: str | None, stream: bool) -> str:
    if format is not None:
        if format not in SENTENCE_FORMATS:
            raise ParameterError("format", format, SENTENCE_FORMATS)
        return format
    if stream:
        raise ParameterError(
            "format", None, SENTENCE_FORMATS, "A stream has no suffix: give format= with it"
        )
    return sentence_format(path)


@contextmanager
def _atomic(output: str) -> Iterator[Path]:
    """:func:`framing._files.atomic_path` for ``output``, with an input error when its folder is
    missing or not writable, or it is a folder."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {output}: folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise InputError(f"cannot write {output}: it is a folder; give a file name")
    with ExitStack() as stack:
        try:  # only the temporary file's creation is the user's problem (a read-only folder)
            temporary = stack.enter_context(atomic_path(target))
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror}") from exc
        yield temporary


@contextmanager
def _text_output(output: str | os.PathLike[str] | IO[str]) -> Iterator[IO[str]]:
    """An open text stream as it is, or a text file written through :func:`_atomic`."""
    if _is_stream(output):
        yield output  # type: ignore[misc]
        return
    name = os.fspath(output)  # type: ignore[arg-type]
    with _atomic(name) as temporary, open(temporary, "w", encoding="utf-8", newline="") as out:
        yield out


def _write_text(
    frames: Iterable[pd.DataFrame], fmt: str, out: IO[str], columns: _Columns, *, safe_csv: bool
) -> None:
    if fmt == "csv":
        for frame in frames:
            first = columns.names is None
            table = columns.align(_cues_as_text(frame))
            table = neutralise_frame(table) if safe_csv else table
            table.to_csv(out, header=first, index=False)
    elif fmt == "jsonl":
        for frame in frames:
            out.writelines(_as_json(record) + "\n" for record in _json_records(frame))
    else:  # json: one array, its items written a chunk at a time
        count = 0
        for frame in frames:
            for record in _json_records(frame):
                out.write("[\n " if not count else ",\n ")
                out.write(_as_json(record, indent=1).replace("\n", "\n "))
                count += 1
        out.write("\n]\n" if count else "[]\n")


def _cues_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``cues`` as JSON text for a flat file; a table without cues, or with cues that are JSON
    text already (read back from CSV), as it is."""
    if "cues" not in frame.columns or all(isinstance(v, str) for v in frame["cues"]):
        return frame
    from ._scoring import cues_to_json

    return cues_to_json(frame)


class _Columns:
    """The columns of the first table, kept for the tables after it (CSV and parquet files
    have one header). A later table lacking a column gets None there; a column first seen
    after the first table (a JSONL key that starts late) is left out and reported."""

    def __init__(self) -> None:
        self.names: list[str] | None = None
        self.dropped: list[str] = []

    def align(self, frame: pd.DataFrame) -> pd.DataFrame:
        if self.names is None:
            self.names = list(frame.columns)
            return frame
        if list(frame.columns) == self.names:
            return frame
        self.dropped += [c for c in frame.columns if c not in self.names and c not in self.dropped]
        import pandas as pd

        missing = {
            name: pd.Series([None] * len(frame), index=frame.index, dtype=object)
            for name in self.names
            if name not in frame.columns
        }
        return frame.assign(**missing)[self.names] if missing else frame[self.names]


def _json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as plain Python values, every missing value None (JSON null)."""
    plain = frame.astype(object)
    return plain.where(frame.notna(), None).to_dict("records")


def _json_default(value: Any) -> Any:
    """JSON for what :mod:`json` does not know: numpy scalars, dates (ISO 8601), else text."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise InputError(
            "writing .parquet needs pyarrow: pip install 'framing[parquet]', or write .csv "
            "or .jsonl"
        ) from exc
    return pyarrow


def _write_parquet(
    frames: Iterable[pd.DataFrame], path: Path, columns: _Columns, pa: Any, provenance: _Provenance
) -> None:
    """One parquet file, a row group per table, with the schema of the first table and the
    provenance in its key-value metadata (the first table's in the schema, the whole run's,
    ``skipped`` included, in the footer).

    Text columns that are empty in the first table are typed as strings, so that a later table
    with values fits; a later value of another type than the first table's is written as JSON
    text (strings) or stops the run with a clear error (numbers).
    """
    writer = None
    schema = None
    retyped: dict[str, None] = {}
    try:
        for frame in frames:
            frame = columns.align(_cues_as_text(frame))
            if writer is None:
                schema = _arrow_schema(frame, pa)
                if provenance.info is not None:
                    known = {k: v for k, v in provenance.info.items() if k != "skipped"}
                    schema = schema.with_metadata(
                        {**(schema.metadata or {}), PARQUET_KEY: _as_json(known)}
                    )
                writer = pa.parquet.ParquetWriter(path, schema)
            writer.write_table(_arrow_table(frame, schema, pa, retyped))
        if writer is not None and provenance.info is not None:
            writer.add_key_value_metadata({PARQUET_KEY.decode(): _as_json(provenance.info)})
    finally:
        if writer is not None:
            writer.close()
    if retyped:
        warnings.warn(
            f"column(s) {', '.join(map(repr, retyped))} mix value types; values not of the "
            "first chunk's type are written as JSON text in the parquet file",
            FramingWarning,
            stacklevel=3,
        )


def _arrow_schema(frame: pd.DataFrame, pa: Any) -> Any:
    """The schema of the first table (with pandas' dtype notes), all-missing columns as text."""
    try:
        schema = pa.Schema.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column mixes types already here
        fields = []
        for name in frame.columns:
            try:
                kind = pa.Array.from_pandas(frame[name]).type
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                kind = pa.string()
            fields.append(pa.field(str(name), kind))
        schema = pa.schema(fields)
    for index, field in enumerate(schema):
        if pa.types.is_null(field.type):  # no value in the first table: most metadata is text
            schema = schema.set(index, pa.field(field.name, pa.string()))
    return schema


def _arrow_table(frame: pd.DataFrame, schema: Any, pa: Any, retyped: dict[str, None]) -> Any:
    arrays = []
    for field in schema:
        column = frame[field.name]
        try:
            arrays.append(pa.Array.from_pandas(column, type=field.type))
            continue
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
            if not pa.types.is_string(field.type):
                raise InputError(
                    f"column {field.name!r} holds {field.type} values in the first chunk and "
                    f"other values later ({exc}); parquet needs one type per column: write .csv "
                    "or .jsonl, or make the column's values alike"
                ) from exc
        retyped[field.name] = None
        text = [
            None if _missing(value) else value if isinstance(value, str) else _as_json(value)
            for value in column
        ]
        arrays.append(pa.array(text, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _as_json(value: Any, *, indent: int | None = None) -> str:
    """JSON text; floats keep every digit (the shortest text that reads back as the same float,
    where pandas stops at 15 significant digits and 0.30000000000000004 would come back 0.3)."""
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_json_default)


class _Provenance:
    """``attrs["framing"]`` of the tables written: that of the first table with a provenance,
    with ``skipped`` gathered from all of them (as :func:`framing.score` gathers it)."""

    def __init__(self) -> None:
        self.info: dict[str, Any] | None = None

    def of(self, frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """The tables, their provenance noted as they pass."""
        for frame in frames:
            info = frame.attrs.get("framing") if hasattr(frame, "attrs") else None
            if isinstance(info, dict):
                if self.info is None:
                    self.info = copy.deepcopy(info)
                    self.info["skipped"] = list(self.info.get("skipped", []))
                else:
                    self.info["skipped"] += copy.deepcopy(info.get("skipped", []))
            yield frame


def _write_sidecar(path: str, info: dict[str, Any] | None) -> None:
    """The provenance next to a text file, written atomically; a sidecar left from an earlier
    file of that name is removed when the new table has no provenance."""
    sidecar = path + SIDECAR_SUFFIX
    if info is None:
        if os.path.isfile(sidecar):
            os.remove(sidecar)
        return
    if not os.path.isfile(path):  # a pipe or a device: no file to sit next to
        return
    with _atomic(sidecar) as temporary:
        temporary.write_text(_as_json({"framing": info}, indent=1) + "\n", encoding="utf-8")


def read_sentences(
    path: str | os.PathLike[str], format: SentenceFormat | None = None
) -> pd.DataFrame:
    """Read a sentence table written by :func:`write_sentences` (or ``framing score -o``).

    Parameters
    ----------
    path : str or os.PathLike
        A CSV, JSON lines, JSON or parquet file.
    format : {'csv', 'jsonl', 'json', 'parquet'} or None, default=None
        None takes it from the suffix of ``path``, as :func:`write_sentences` does.

    Returns
    -------
    pandas.DataFrame
        The table, ``cues`` as lists of dicts again, and ``attrs["framing"]`` (axes and poles,
        lexicon, framing version, method and models, ``relevant_only``, ``skipped``) from the
        parquet file's metadata or the JSON sidecar next to a text file. Without either (a
        file written by other means), the table has no ``attrs``; every consumer then reads
        the axes from its columns.

    Raises
    ------
    ParameterError
        An unknown ``format`` or suffix.
    InputError
        The file does not exist, pyarrow is missing for parquet, or the sidecar is not JSON.

    See Also
    --------
    write_sentences

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from framing import score
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sentences.csv"
    >>> write_sentences(score(["Xi and Putin are old friends."]), out)
    >>> sorted(p.name for p in out.parent.iterdir())
    ['sentences.csv', 'sentences.csv.framing.json']
    >>> table = read_sentences(out)
    >>> table.attrs["framing"]["lexicon"]["name"], table.loc[0, "cues"][0]["pole"]
    ('relationship', 'friendship')
    """
    import pandas as pd

    fmt = _format(path, format, False)
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InputError(f"cannot read {name}: no such file")
    info: Any = None
    if fmt == "parquet":
        pa = _pyarrow()
        frame = pd.read_parquet(name, engine="pyarrow")
        info = (pa.parquet.ParquetFile(name).metadata.metadata or {}).get(PARQUET_KEY)
    else:
        if fmt == "csv":
            text = {column: "str" for column in _TEXT_COLUMNS}
            frame = pd.read_csv(name, dtype=text, keep_default_na=False, na_values=[""])
        else:  # records as they are: no guessed dates or numbers
            with open(name, encoding="utf-8") as source:
                records = (
                    [json.loads(line) for line in source if line.strip()]
                    if fmt == "jsonl"
                    else json.load(source)
                )
            frame = pd.DataFrame.from_records(records)
        if os.path.isfile(name + SIDECAR_SUFFIX):
            info = Path(name + SIDECAR_SUFFIX).read_text(encoding="utf-8")
    if "cues" in frame.columns:
        from ._table import cue_list

        frame["cues"] = [cue_list(cues) for cues in frame["cues"]]
    _restore_dtypes(frame)
    if info is not None:
        try:
            loaded = json.loads(info)
        except ValueError as exc:
            raise InputError(f"the provenance of {name} is not JSON: {exc}") from exc
        frame.attrs["framing"] = loaded.get("framing", loaded) if fmt != "parquet" else loaded
    return frame


#: Columns of a sentence table read as text from CSV (ids that look like numbers stay ids).
_TEXT_COLUMNS = ("doc_id", "outlet", "date", "text", "voice", "speaker", "relevance", "actors",
                 "evidence", "flags", "date_precision")  # fmt: skip
#: Text columns of :func:`framing.score` that are never missing (an empty CSV cell is "").
_FILLED_TEXT = ("doc_id", "text", "voice", "relevance", "actors", "evidence", "flags")


def _restore_dtypes(frame: pd.DataFrame) -> None:
    """The dtypes of :func:`framing.score` for what a file reader guessed (in place): the
    fixed text columns as strings ('' where a CSV cell was empty), labels as strings, the
    other text columns (``outlet``, ``date``, ``speaker``, metadata) as objects with None for
    a missing value, ``year`` as nullable integers."""
    import pandas as pd

    labels = {c for c in frame.columns if str(c).endswith("_label")}
    for column in frame.columns:
        values = frame[column]
        if column in _FILLED_TEXT or column in labels:
            if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
                frame[column] = values.fillna("").astype("str")
        elif pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
            frame[column] = values.astype(object).where(values.notna(), None)
    if "year" in frame.columns and pd.api.types.is_numeric_dtype(frame["year"].dtype):
        frame["year"] = frame["year"].astype("Int64")
