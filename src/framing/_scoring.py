"""Score every sentence of a corpus on every axis of a lexicon, and aggregate the labels.

:func:`score` runs the whole pipeline — clean, split into sentences, voice and speaker, dyad
relevance, cue matching with negation, performance and contrast — and returns one row per
sentence with the evidence behind each label. :func:`aggregate` counts labels per document or
per group; :func:`evidence` lists the sentences behind a pole with their cues marked.

Examples
--------
>>> sents = score(["Xi and Putin are old friends. But Moscow is Beijing's junior partner."])
>>> sents[["sent_id", "bond_label", "power_label"]]
   sent_id   bond_label power_label
0        0   friendship        none
1        1         none      junior
"""

from __future__ import annotations

import json
import logging
import os
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from itertools import compress
from typing import Any, Literal, TypeAlias

import numpy as np
import pandas as pd

from ._clean import clean
from ._corpus import (
    _DERIVED,
    _SENTENCE_HEAD,
    _SENTENCE_TAIL,
    Corpus,
    Document,
    _renamed,
)
from ._dyad import DyadMatcher, DyadResult
from ._engine import ChunkResult as _ChunkResult
from ._engine import _Block, check_jobs, execute
from ._lexicon import Lexicon, load_lexicon
from ._table import AxesLike, cue_list, table_axes
from ._text import split_sentences
from ._validation import check_int
from ._version import __version__
from ._voice import VoiceResult, _attribute_voice
from .errors import FramingError, ParameterError

__all__ = [
    "score",
    "iter_scores",
    "aggregate",
    "evidence",
    "sentence_columns",
    "cues_to_json",
    "cues_from_json",
    "resolve_method",
]

logger = logging.getLogger(__name__)

#: ``'lexicon'``, ``'classifier'`` (the bundled models), a fitted text classifier of one axis,
#: or ``{axis: classifier}``.
Method = Literal["lexicon", "classifier"] | Any
#: What :func:`score` and :func:`iter_scores` read: what :func:`framing.load_corpus` takes, or a
#: stream of documents or of corpora (:func:`framing.iter_corpus`).
ScoreInput: TypeAlias = (
    Corpus | str | os.PathLike[str] | pd.DataFrame | Iterable[str] | Iterable[Document]
    | Iterable[Corpus]
)  # fmt: skip
_BASE_COLUMNS = list(_SENTENCE_HEAD)
_DOC_COLUMNS = list(_DERIVED)


def sentence_columns(lexicon: Lexicon) -> list[str]:
    """The fixed columns of :func:`score` output for a lexicon (metadata columns follow them).

    Examples
    --------
    >>> sentence_columns(load_lexicon("relationship"))[-7:]
    ['power', 'power_label', 'bond', 'bond_label', 'cues', 'evidence', 'flags']
    """
    per_axis = [column for axis in lexicon.axis_names for column in (axis, f"{axis}_label")]
    return [*_BASE_COLUMNS, *per_axis, *_SENTENCE_TAIL]


def _meta_names(meta: Sequence[str], lex: Lexicon) -> dict[str, str]:
    """The metadata keys of a chunk named like a column of the table, with the names they are
    kept under (``meta_power``): the lexicon's axis columns, and any key of a hand-built
    Document that loading would have renamed (``year``)."""
    return _renamed(meta, [*sentence_columns(lex), *_DOC_COLUMNS], "the corpus's metadata")


def score(
    data: ScoreInput,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    *,
    method: Method = "lexicon",
    relevant_only: bool = True,
    progress: bool | Callable[[int, int], None] | None = None,
    n_jobs: int = 1,
    chunk_size: int | None = None,
) -> pd.DataFrame:
    """Score every sentence on every axis of the lexicon, with the evidence for each label.

    Parameters
    ----------
    data : Corpus, path, DataFrame, list of str, iterable of Document or of Corpus
        What :func:`framing.load_corpus` accepts, or a stream of documents: a generator of
        :class:`~framing.Document`, or the chunks of :func:`framing.iter_corpus`.
    lexicon : str, path or Lexicon, default='relationship'
        A built-in lexicon name, a TOML file, or a :class:`~framing.Lexicon`.
    method : 'lexicon', 'classifier', a fitted classifier or dict, default='lexicon'
        How sentences are labelled:

        - ``'lexicon'``: by the lexicon's cues and rules;
        - ``'classifier'``: by the bundled models (:func:`framing.bundled_classifier`), which
          exist for the built-in ``relationship`` lexicon only; with another lexicon this is
          an error that says to train a model;
        - a fitted :class:`~framing.FrameClassifier`: its axis is labelled by it, the other
          axes by the lexicon;
        - ``{axis: model}``: each named axis by its model, the others by the lexicon. A model
          is a :class:`~framing.FrameClassifier` of that axis or any fitted scikit-learn
          classifier or ``Pipeline`` that takes a list of sentence strings in ``predict``
          (and optionally ``predict_proba``) and whose ``classes_`` are the axis's poles and
          ``'none'`` (see :func:`framing.check_text_model`).

        With a model, the score is ``P(first pole) - P(second pole)`` (+1/-1 without
        ``predict_proba``) where a pole is predicted, else NaN; the lexicon's cues stay in
        ``cues`` and ``evidence`` as evidence, and ``attrs["framing"]["models"]`` names each
        model (:func:`framing.model_info`: name, training size, content hash).
    relevant_only : bool, default=True
        Label only sentences about the dyad (codebook "Target"); the others get NaN and
        ``'none'`` but keep their cues as evidence.
    progress : bool, callable or None, default=None
        Progress as documents are scored. True: a progress bar on stderr (``tqdm``; in a
        notebook, its widget); a callable: called as ``progress(done, total)`` after each chunk
        (``total`` is ``done`` for a stream of unknown length); None or False: nothing (the
        library prints nothing unless asked).
    n_jobs : int, default=1
        Worker processes. With more than one, chunks of ``chunk_size`` documents are scored in
        parallel; the result is identical to ``n_jobs=1``, rows in the same order. ``-1``: one
        per CPU.
    chunk_size : int or None, default=None
        Documents per chunk at most (the unit of work of a worker, and of memory in
        :func:`iter_scores`). None: as many documents as hold about 1,000,000 characters of
        text (200 articles of 5,000 characters), at most 5,000 (short documents share a
        chunk, so the work per chunk does not dominate). It never changes a number. With
        ``n_jobs > 1`` a corpus that is in memory (not a stream) is cut into smaller chunks
        when it has fewer than eight chunks per worker, so that the workers share the work
        evenly.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in corpus and text order, with columns:

        - ``doc_id, outlet, date`` — the document;
        - ``sent_id`` (0-based within the document), ``paragraph``, ``start, end`` (offsets
          into the document's cleaned text), ``text``;
        - ``voice`` ('narrator' or 'source'), ``speaker`` (str or None);
        - ``relevant`` (bool), ``relevance`` (why: 'both_sides', 'reference', 'counterpart',
          'carried', 'addressed' — one side speaking to the other as "you" — 'framed' — a
          frame cue in a document about the dyad, with one side named or right after a relevant
          sentence — 'continued' — one side named right after a relevant sentence — 'one_side',
          'none', 'no_dyad'), ``actors``
          (sides named, ';'-joined);
        - for each axis ``X``: ``X`` (``(a - b) / (a + b)`` of the pole weights, in [-1, 1],
          NaN when unframed or not relevant) and ``X_label`` (the pole with the larger weight,
          else 'none');
        - ``cues``: a list of dicts, one per matched cue: ``cue, term, axis, pole,
          lexicon_pole, start, end, weight, negated, negator, performance, marker, conceded,
          mention, quoted`` (``mention``: why a cue is mentioned rather than asserted, e.g.
          'so called', 'question', 'scare quotes'; it then counts with weight 0;
          :func:`cues_to_json` turns the column into JSON text for files);
        - ``evidence``: the same cues as readable text, ``'term' -> pole (negated by 'not',
          quoted)``, ';'-joined (for reading in a notebook or a CSV);
        - ``flags``: the document's cleaning flags (e.g. 'html'), ';'-joined;
        - then ``date_precision, year`` and every metadata column of the corpus; a metadata
          column named like one of the columns above (``power``, ``cues``, ``year`` ...) is
          kept as ``meta_<name>``, with a :class:`~framing.FramingWarning`.

        ``attrs["framing"]`` records the axes and their poles, the lexicon name, version and
        content hash (:attr:`Lexicon.content_hash`), the framing version,
        the method, and ``skipped``: every input that gave no sentence, as ``{"source",
        "reason"}`` (empty files, documents that are all page chrome), so that nothing is lost
        without a record. An empty result keeps every column.

    Raises
    ------
    ParameterError
        An unknown ``method``, ``n_jobs`` or ``chunk_size`` below 1 (other than -1), a
        ``progress`` that is neither a bool, None nor a callable.
    CorpusError, LexiconError
        Bad input data or lexicon; documents with the same id in a stream.

    Warns
    -----
    FramingWarning
        When no sentence is relevant to the dyad (all scores are then NaN).
    DataQualityWarning
        From loading (empty files, cp1252), and when a document gives no sentence.
    FramingWarning
        When documents were HTML and their tags were stripped (the ``flags`` column says which).

    See Also
    --------
    iter_scores : the same rows chunk by chunk, in bounded memory.
    aggregate, evidence, framing.compare

    Examples
    --------
    >>> sents = score(["This is no longer a partnership of equals between Xi and Putin."])
    >>> row = sents.iloc[0]
    >>> float(row["power"]), row["power_label"], row["cues"][0]["negated"]
    (-1.0, 'junior', True)
    """
    lex = load_lexicon(lexicon)
    parts = list(
        iter_scores(
            data, lex, method=method, relevant_only=relevant_only, n_jobs=n_jobs,
            chunk_size=chunk_size, progress=progress, _stacklevel=3,
        )
    )  # fmt: skip
    if not parts:  # iter_scores yields at least one (maybe empty) table; keep mypy sure
        raise AssertionError("iter_scores yielded nothing")
    filled = [part for part in parts if len(part)] or parts[:1]
    frame = pd.concat(filled, ignore_index=True) if len(filled) > 1 else filled[0]
    info = dict(parts[0].attrs["framing"])
    info["skipped"] = [record for part in parts for record in part.attrs["framing"]["skipped"]]
    frame.attrs["framing"] = info
    return frame


def iter_scores(
    data: ScoreInput,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    *,
    method: Method = "lexicon",
    relevant_only: bool = True,
    n_jobs: int = 1,
    chunk_size: int | None = None,
    progress: bool | Callable[[int, int], None] | None = None,
    _stacklevel: int = 2,
) -> Generator[pd.DataFrame, None, None]:
    """Score a corpus chunk by chunk: the rows of :func:`score`, one table per chunk, in order.

    Memory grows with a chunk, not with the corpus, when ``data`` is a stream
    (:func:`framing.iter_corpus`, a generator of documents). A document whose cleaned text is
    longer than 4,194,304 characters (a 200 MB single line) is cleaned whole, then scored in
    blocks of at most that size cut at a line end or a sentence end, one table per block: its
    rows (ids, offsets into the cleaned text, paragraphs, cues) are those of scoring it whole,
    and memory grows with a block, not with the document. Each table has the columns and
    ``attrs["framing"]`` of :func:`score` (its ``skipped`` lists that chunk's skipped inputs).
    Warnings about the whole stream (no relevant sentence, HTML, documents with no text) come
    once, when the stream is exhausted.

    Parameters
    ----------
    data, lexicon, method, relevant_only, n_jobs, chunk_size, progress
        As in :func:`score`.

    Yields
    ------
    pandas.DataFrame
        The sentence table of one chunk (an empty table with every column when the input has
        no document with sentences, so that at least one table comes).

    Raises
    ------
    As :func:`score`; an error in a worker process reaches the caller as the same type, with
    the document's id in its message.

    Examples
    --------
    >>> texts = ["Xi and Putin are old friends.", "Russia is China's junior partner."]
    >>> [len(part) for part in iter_scores(texts, chunk_size=1)]
    [1, 1]
    """
    check_jobs(n_jobs)  # the options are checked before the lexicon is read
    chunk_size = check_int(chunk_size, "chunk_size", min_val=1, allow_none=True)
    job = _Job(load_lexicon(lexicon), method, relevant_only)
    run = execute(job, data, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)
    record = yield from run
    record.warn(job, _stacklevel)


class _Job:
    """What a worker needs to score a chunk; pickled once per worker process."""

    def __init__(self, lexicon: Lexicon, method: Method, relevant_only: bool) -> None:
        self.lexicon = lexicon
        self.method, self.models = resolve_method(method, lexicon)
        self.relevant_only = relevant_only
        self.model_info: dict[str, Any] = {}
        if self.models:  # scikit-learn is imported only when a model is there
            from ._classify import model_info

            self.model_info = {axis: model_info(model) for axis, model in self.models.items()}

    def __call__(self, chunk: Corpus, meta: list[str], block: _Block | None = None) -> _ChunkResult:
        result = _score_chunk(
            chunk, meta, self.lexicon, self.method, self.relevant_only, self.models, block
        )
        result.table.attrs["framing"]["models"] = {k: dict(v) for k, v in self.model_info.items()}
        return result

    def prepare(self) -> None:
        """Compile the lexicon's patterns now (cached), before workers fork: those of the
        scan of a chunk, which matches a document's lowered text (``lowered``)."""
        self.lexicon.match_with_actors("x", [(0, 1)], lowered="x")
        self.lexicon.dyad_matcher()

    def renamed(self, meta: Sequence[str]) -> dict[str, str]:
        """The metadata keys of a chunk kept under a new name in its table (``meta_power``)."""
        return _meta_names(meta, self.lexicon)


def resolve_method(method: Any, lexicon: Lexicon) -> tuple[str, dict[str, Any]]:
    """The method's name (``'lexicon'`` or ``'classifier'``) and the model of each axis.

    Raises
    ------
    ParameterError
        An unknown method; ``'classifier'`` with a lexicon that has no bundled model; a dict
        key that is not an axis; a model that does not follow the text-model protocol.
    ModelError
        The bundled models were built with another version of the built-in lexicon.
    """
    axes = lexicon.poles
    if isinstance(method, str) and method == "lexicon":
        return "lexicon", {}
    # scikit-learn and the models load on first use, so the lexicon method never imports them.
    from ._classify import FrameClassifier, _bundled, check_text_model, lexicon_sha256

    if isinstance(method, str):
        if method != "classifier":
            raise ParameterError("method", method, ("lexicon", "classifier"),
                                 "Or pass a fitted classifier, or {axis: classifier}")  # fmt: skip
        if lexicon_sha256(lexicon) != lexicon_sha256("relationship"):
            raise ParameterError(
                "method", "classifier", "'lexicon' or a model trained for this lexicon",
                f"Lexicon {lexicon.name!r} has no classifier of its own (the bundled models "
                "belong to the built-in 'relationship' lexicon). Train one on your coded "
                f"sentences, e.g. framing.FrameClassifier(axis=..., lexicon=...).fit(texts, "
                "labels), then pass method={axis: model} (or save it with model.save(PATH) "
                "and run framing with --model PATH)",
            )  # fmt: skip
        return "classifier", {axis: _bundled(axis) for axis in axes}
    if isinstance(method, FrameClassifier):
        models: dict[str, Any] = {str(method.axis): method}
    elif isinstance(method, Mapping):
        models = {str(axis): model for axis, model in method.items()}
    else:
        raise ParameterError(
            "method", type(method).__name__,
            "'lexicon', 'classifier', a fitted FrameClassifier or {axis: classifier}",
            "A model other than a FrameClassifier does not know its axis: name it, e.g. "
            "method={'power': model}",
        )  # fmt: skip
    if not models:
        raise ParameterError("method", {}, "a dict with at least one axis")
    for axis, model in models.items():
        if axis not in axes:
            raise ParameterError("method", f"a model for axis {axis!r}", tuple(axes),
                                 "The lexicon has these axes")  # fmt: skip
        check_text_model(model, axis, axes[axis])
    return "classifier", models


def _score_chunk(
    corpus: Corpus,
    meta: list[str],
    lex: Lexicon,
    method: str,
    relevant_only: bool,
    models: Mapping[str, Any],
    block: _Block | None = None,
) -> _ChunkResult:
    """The sentence table of one chunk (or of one ``block`` of a long document, the chunk's
    one document), with the bookkeeping for the caller."""
    renamed = _meta_names(meta, lex)
    meta_columns = {key: renamed.get(key, key) for key in meta}
    dyad = lex.dyad_matcher()
    axes = lex.poles
    names = [*sentence_columns(lex), *_DOC_COLUMNS, *meta_columns.values()]
    rows = _Rows(names, [*_DOCUMENT_COLUMNS, *meta_columns.values()])
    flagged: dict[str, list[str]] = {}
    documents = list(corpus)
    cursor = _Cursor()
    try:
        _score_documents(documents, lex, dyad, relevant_only, meta_columns, flagged, rows, block,
                         cursor)  # fmt: skip
    except FramingError as exc:
        doc_id = cursor.doc_id
        if doc_id is not None and doc_id not in str(exc):
            exc.args = (f"document {doc_id!r}: {exc}", *exc.args[1:])
        raise
    except Exception as exc:  # a bug: keep its type and trace, say which document
        if hasattr(exc, "add_note") and cursor.doc_id is not None:
            exc.add_note(f"while scoring document {cursor.doc_id!r}")
        raise
    skipped = [
        {"source": str(source), "reason": str(reason)}
        for source, reason in corpus.skipped[["source", "reason"]].itertuples(index=False)
    ] if len(corpus.skipped) else []  # fmt: skip
    produced = set(rows.documents["doc_id"])
    emptied = [doc.doc_id for doc in documents if doc.doc_id not in produced]
    skipped += [{"source": doc_id, "reason": "no text after cleaning"} for doc_id in emptied]
    if models:
        _classify(rows.sentences, axes, relevant_only, models)
    frame = _sentence_frame(rows, names, axes)
    frame.attrs["framing"] = {
        "axes": {axis: list(poles) for axis, poles in axes.items()},
        "lexicon": {"name": lex.name, "version": lex.version, "hash": lex.content_hash},
        "framing_version": __version__,
        "method": method,
        "models": {},
        "relevant_only": relevant_only,
        "skipped": skipped,
    }
    return _ChunkResult(frame, flagged.get("html", []), emptied, len(documents))


class _Rows:
    """The rows of a chunk as its documents are scored: one list per sentence column, and the
    document's own columns (``doc_id, outlet, date, flags, date_precision, year`` and the
    metadata) once per document with its number of sentences, repeated when the table is built.
    """

    def __init__(self, names: Iterable[str], per_document: Iterable[str]) -> None:
        self.documents: dict[str, list[Any]] = {name: [] for name in per_document}
        self.sentences: dict[str, list[Any]] = {
            name: [] for name in names if name not in self.documents and name != "sent_id"
        }
        self.counts: list[int] = []  # sentences of each document


#: The columns of a document, one value for all its sentences (``_Rows.documents``).
_DOCUMENT_COLUMNS = ("doc_id", "outlet", "date", "flags", "date_precision", "year")
_INT_COLUMNS = ("paragraph", "start", "end")
# Columns that always hold str: pandas' dtype for them is built by pyarrow at once (see _strings).
_STRING_COLUMNS = ("text", "voice", "relevance", "actors", "evidence")


def _sentence_frame(
    rows: _Rows, names: list[str], axes: Mapping[str, tuple[str, str]]
) -> pd.DataFrame:
    """The sentence table of a chunk, each column built once with its final dtype.

    Offsets and ids are int64, ``relevant`` bool, scores float64, ``year`` Int64; the string
    columns and the cues' lists get the dtype pandas infers (object, or its string dtype where
    that is the default); ``speaker``, ``outlet``, ``date``, ``date_precision`` and the
    metadata are object columns whatever a chunk holds (None stays None), so that chunking
    never changes a dtype. A document's columns repeat its values; ``sent_id`` counts from 0 in
    each document.
    """
    counts = np.array(rows.counts, dtype=np.int64)
    total = int(counts.sum())
    # One index shared by the object columns' Series and the frame: nothing to align or copy.
    index = pd.RangeIndex(total)
    repeat = np.repeat(np.arange(len(counts)), counts)  # each row's document
    first_rows = np.cumsum(counts) - counts
    data: dict[str, Any] = {"sent_id": np.arange(total, dtype=np.int64) - first_rows[repeat]}
    strings = _arrow_strings() if total else None  # pandas infers float64 for an empty list
    texts = {*_STRING_COLUMNS, *(f"{axis}_label" for axis in axes)}
    for name, values in rows.sentences.items():
        if name in _INT_COLUMNS:
            data[name] = np.array(values, dtype=np.int64)
        elif name in axes:
            data[name] = np.array(values, dtype=np.float64)
        elif name == "relevant":
            data[name] = np.array(values, dtype=bool)
        elif name == "speaker":
            data[name] = pd.Series(values, dtype=object, index=index, copy=False)
        elif name in texts and strings is not None:
            data[name] = _strings(values, strings)
        else:
            data[name] = values
    for name, values in rows.documents.items():
        if name == "year":
            data[name] = pd.array(values, dtype="Int64").take(repeat)
        elif name in ("doc_id", "flags"):
            data[name] = _repeated_strings(values, repeat, strings)
        else:
            data[name] = pd.Series(_objects(values)[repeat], dtype=object, index=index, copy=False)
    return pd.DataFrame(data, index=index, columns=names, copy=False)


def _arrow_strings() -> Any:
    """The dtype pandas infers for a list of str when pyarrow stores it (pandas 3), else None."""
    dtype = pd.Series(["a"]).dtype
    return dtype if getattr(dtype, "storage", None) == "pyarrow" else None


def _strings(values: Sequence[str], dtype: Any) -> Any:
    """A column of str with pyarrow's string ``dtype``: what pandas makes of the list, without
    its check of every value (pyarrow's own conversion is half the time)."""
    import pyarrow  # pandas stores its strings with it: imported already

    return pd.array(pyarrow.array(values, type=pyarrow.large_string()), dtype=dtype)


def _objects(values: list[Any]) -> np.ndarray:
    """``values`` as a 1-d object array, whatever they are (a list stays one element)."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


def _repeated_strings(values: list[Any], repeat: np.ndarray, dtype: Any) -> Any:
    """The documents' ids or flags, one per sentence (``repeat``: each row's document), with
    the dtype pandas infers: taken from the documents' str by pyarrow when it stores strings,
    else the list (pandas then infers object, int64 ... as it would)."""
    if dtype is not None and all(type(value) is str for value in values):
        return _strings(values, dtype).take(repeat)
    return _objects(values)[repeat].tolist()


def cues_to_json(sents: pd.DataFrame) -> pd.DataFrame:
    """A copy of a sentence table with ``cues`` as JSON text, for CSV, parquet or Dask.

    Examples
    --------
    >>> sents = cues_to_json(score(["Xi and Putin are old friends."]))
    >>> sents.loc[0, "cues"][:40]
    '[{"cue": "old friend*", "term": "old fri'
    >>> cues_from_json(sents).loc[0, "cues"][0]["pole"]
    'friendship'
    """
    out = sents.copy()
    out["cues"] = [json.dumps(cues, ensure_ascii=False) for cues in sents["cues"]]
    return out


def cues_from_json(sents: pd.DataFrame) -> pd.DataFrame:
    """The reverse of :func:`cues_to_json`: ``cues`` back as lists of dicts."""
    out = sents.copy()
    out["cues"] = [json.loads(text) if isinstance(text, str) else [] for text in sents["cues"]]
    return out


class _Cursor:
    """The document a stage of :func:`_score_documents` is working on, for an error to name."""

    def __init__(self) -> None:
        self.doc_id: str | None = None


def _score_documents(
    documents: list[Document],
    lex: Lexicon,
    dyad: DyadMatcher,
    relevant_only: bool,
    meta_columns: Mapping[str, str],
    flagged: dict[str, list[str]],
    rows: _Rows,
    block: _Block | None,
    cursor: _Cursor,
) -> None:
    """Score the documents of a chunk and append their sentences to ``rows``; a ``block`` of a
    long document is cleaned text already, cleaned with ``block.flags``.

    Stage by stage: each stage (clean, split, voice, cues, dyad, rows) runs over every document
    before the next one starts, so that its code, patterns and tables stay in the processor's
    caches (run document by document, the stages evicted one another: score() took 5-10 %
    more CPU time for the same work). A chunk's intermediate results are held at once, which
    its text bounds. ``cursor.doc_id`` names the document being worked on.
    """
    texts: list[str] = []
    kept_flags: list[tuple[str, ...]] = []
    for doc in documents:
        cursor.doc_id = doc.doc_id
        if block is None:
            cleaned = clean(doc.text)
            text, flags = cleaned.text, cleaned.flags
        else:
            text, flags = doc.text, block.flags
        if block is None or block.index == 0:
            for flag in flags:
                flagged.setdefault(flag, []).append(doc.doc_id)
        texts.append(text)
        kept_flags.append(flags)
    kept: list[tuple[Document, str, list[tuple[int, int, int]], tuple[str, ...]]] = []
    for doc, text, flags in zip(documents, texts, kept_flags, strict=True):
        cursor.doc_id = doc.doc_id
        spans = split_sentences(text)
        if spans:  # a document without sentences gives no row
            kept.append((doc, text, spans, flags))
    offsets = []  # each document's sentence starts, ends and paragraphs
    voices = []
    for doc, text, spans, _ in kept:
        cursor.doc_id = doc.doc_id
        starts, ends, paragraphs = (list(values) for values in zip(*spans, strict=True))
        offsets.append((starts, ends, paragraphs))
        voices.append(_attribute_voice(text, starts, ends, paragraphs))  # valid spans: no checks
    lowered = []
    found = []
    for doc, text, spans, _ in kept:
        cursor.doc_id = doc.doc_id
        lowered.append(text.lower())
        # One scan for the cues and the dyad's phrases (dyad is lex's: its phrases' hits).
        found.append(lex._records_with_actors(text, spans, lowered[-1]))
    relevances = []
    for (doc, text, spans, _), low, (all_records, hits), voice in zip(
        kept, lowered, found, voices, strict=True
    ):
        cursor.doc_id = doc.doc_id
        # Codebook, Target: a frame cue in a document about the dyad, with one side named
        # ("China holds all of these cards") or right after a relevant sentence ("Calculated
        # camaraderie was put on display"), is about the relationship: the other side is meant.
        framed = [bool(records) for records in all_records]
        relevances.append(
            dyad.relevance(
                text, spans, lowered=low, framed=framed, speakers=voice.speaker, hits=hits
            )
        )
    for (doc, text, spans, flags), columns, (all_records, _), voice, relevance in zip(
        kept, offsets, found, voices, relevances, strict=True
    ):
        cursor.doc_id = doc.doc_id
        counted = relevance.relevant if relevant_only else None
        cue_columns = _cue_columns(all_records, voice.quotes, counted, lex.poles)
        _append_rows(doc, text, spans, flags, columns, voice, relevance, cue_columns, meta_columns,
                     rows)  # fmt: skip


def _append_rows(
    doc: Document,
    text: str,
    spans: list[tuple[int, int, int]],
    flags: tuple[str, ...],
    offsets: tuple[list[int], list[int], list[int]],
    voice: VoiceResult,
    relevance: DyadResult,
    cue_columns: tuple[
        list[list[dict[str, Any]]], list[str], dict[str, list[float]], dict[str, list[str]]
    ],
    meta_columns: Mapping[str, str],
    rows: _Rows,
) -> None:
    """Append a document's sentences to ``rows`` (``offsets``: their starts, ends and
    paragraphs; ``cue_columns``: what :func:`_cue_columns` gives), and its own columns once."""
    cues, evidence, scores, labels = cue_columns
    columns = rows.sentences
    starts, ends, paragraphs = offsets
    columns["paragraph"].extend(paragraphs)
    columns["start"].extend(starts)
    columns["end"].extend(ends)
    columns["text"].extend([text[start:end] for start, end, _ in spans])
    columns["voice"].extend(voice.voice)
    columns["speaker"].extend(voice.speaker)
    columns["relevant"].extend(relevance.relevant)
    columns["relevance"].extend(relevance.basis)
    columns["actors"].extend(map(";".join, relevance.actors))
    for axis, axis_scores in scores.items():
        columns[axis].extend(axis_scores)
        columns[f"{axis}_label"].extend(labels[axis])
    columns["cues"].extend(cues)
    columns["evidence"].extend(evidence)
    own = rows.documents
    own["doc_id"].append(doc.doc_id)
    own["outlet"].append(doc.outlet)
    own["date"].append(doc.date)
    own["flags"].append(";".join(flags))
    own["date_precision"].append(doc.date_precision)
    own["year"].append(doc.year)
    for key, name in meta_columns.items():
        own[name].append(doc.metadata.get(key))
    rows.counts.append(len(spans))


def _cue_columns(
    all_records: list[list[dict[str, Any]]],
    quotes: Sequence[tuple[int, int]],
    relevant: Sequence[bool] | None,
    axes: dict[str, tuple[str, str]],
) -> tuple[list[list[dict[str, Any]]], list[str], dict[str, list[float]], dict[str, list[str]]]:
    """Each sentence's cues as dicts (the ``cues`` column: the records of
    :meth:`Lexicon._records_with_actors`, each given its ``quoted`` flag in place) and as
    readable text (``evidence``), and each axis's score and label, in one pass over the cues;
    only the ``relevant`` sentences are labelled (None: all of them).

    A cue is quoted when it starts inside a quotation: the quotations' bounds s0, e0, s1, e1 ...
    never descend, so that is when an odd number of them are at or before its start (as
    VoiceResult.quoted tells, without arrays: a document has few cues). An axis's score is
    ``(a - b) / (a + b)`` of the weights of its first and second pole, each summed in text
    order from 0 (as ``sum()`` would), NaN when ``a + b`` is 0; its label is the pole with the
    larger weight, else 'none'.
    """
    n = len(all_records)
    bounds = [bound for quote in quotes for bound in quote]
    evidence = [""] * n
    scores = {axis: [np.nan] * n for axis in axes}
    labels = {axis: ["none"] * n for axis in axes}
    sides = {(axis, pole): (axis, side) for axis, poles in axes.items()
             for side, pole in enumerate(poles)}  # fmt: skip
    for index in compress(range(n), all_records):  # the sentences with a cue
        records = all_records[index]
        notes = []
        weights: dict[str, list[float]] = {}  # axis -> [first pole's, second pole's]
        for cue in records:
            quoted = bool(bounds) and bisect_right(bounds, cue["start"]) % 2 == 1
            cue["quoted"] = quoted
            if cue["negated"] or cue["performance"] or cue["conceded"] or cue["mention"]:
                notes.append(_describe(cue))
            else:  # most cues: no rule applied, written here (a call per cue costs more)
                notes.append(f"'{cue['term']}' -> {cue['pole']}{_QUOTED[quoted]}")
            slot = sides.get((cue["axis"], cue["pole"]))
            if slot is not None:
                weights.setdefault(slot[0], [0, 0])[slot[1]] += cue["weight"]
        evidence[index] = "; ".join(notes)
        if relevant is not None and not relevant[index]:
            continue
        for axis, (weight_first, weight_second) in weights.items():
            total = weight_first + weight_second
            if total:
                scores[axis][index] = (weight_first - weight_second) / total
            if weight_first != weight_second:
                first, second = axes[axis]
                labels[axis][index] = first if weight_first > weight_second else second
    return all_records, evidence, scores, labels


def _classify(
    columns: dict[str, list[Any]],
    axes: dict[str, tuple[str, str]],
    relevant_only: bool,
    models: Mapping[str, Any],
) -> None:
    """Replace the lexicon's labels and scores by each model's, on its axis (in place)."""
    from ._classify import predict_axis

    chosen = [i for i, relevant in enumerate(columns["relevant"]) if relevant or not relevant_only]
    texts = [columns["text"][i] for i in chosen]
    for axis, model in models.items():
        labels = ["none"] * len(columns["text"])
        scores = [np.nan] * len(columns["text"])
        predicted, values = predict_axis(model, texts, axes[axis])
        for i, label, value in zip(chosen, predicted, values, strict=True):
            labels[i] = str(label)
            scores[i] = float(value) if label != "none" else np.nan
        columns[f"{axis}_label"] = labels
        columns[axis] = scores


# The evidence of a cue to which no rule applied: ``'junior partner' -> junior (quoted)``.
_QUOTED = {False: "", True: " (quoted)"}


def _describe(cue: dict[str, Any]) -> str:
    """The record of a cue to which a rule applied as readable text: ``'equals' -> junior
    (negated by 'not', quoted)`` (:func:`_cue_columns` writes the others)."""
    notes = []  # appended one by one: no empty notes made and filtered out again
    if cue["negated"]:
        notes.append(f"negated by '{cue['negator']}'")
    if cue["performance"]:
        notes.append(f"performance: '{cue['marker']}'")
    if cue["conceded"]:
        notes.append("conceded")
    if cue["mention"]:
        notes.append(f"mention: '{cue['mention']}'")
    if cue["quoted"]:
        notes.append("quoted")
    return f"'{cue['term']}' -> {cue['pole']} ({', '.join(notes)})"


def aggregate(
    sents: pd.DataFrame, level: str = "document", *, axes: AxesLike = None
) -> pd.DataFrame:
    """Count sentence labels per document or per group, for every axis.

    Parameters
    ----------
    sents : pandas.DataFrame
        The output of :func:`score`; read back from a file (:func:`framing.read_sentences`,
        ``pandas.read_csv`` ...) or merged with a coding sheet, it works as it is.
    level : str, default='document'
        ``'document'`` (one row per document and axis) or the name of a column to group by
        (``'outlet'``, ``'country'``, ``'year'`` ...).
    axes : None, list of str or dict, default=None
        The axes to count and their poles (first pole positive). None: every axis of the table; a
        list of names: those axes; a dict ``{axis: (first_pole, second_pole)}``: those poles.
        Read from ``attrs["framing"]`` when the table has it, else from its columns
        (:func:`framing._table.table_axes`).

    Returns
    -------
    pandas.DataFrame
        One row per (group, axis), groups in sorted order: the group column(s) (``doc_id`` and
        ``outlet`` for documents), ``axis``, ``n_docs``, ``n_sentences``, ``n_relevant``,
        ``n_<pole>`` for each pole of the axis's two poles (named ``n_first`` and
        ``n_second`` are not used: the pole names are the column names, so a row has the
        counts of its own axis and <NA> for the other axis's poles), ``balance`` =
        ``(nA - nB) / (nA + nB)`` (NaN when nothing is labelled), ``intensity`` =
        ``(nA + nB) / n_relevant`` (NaN when nothing is relevant).

    Raises
    ------
    ParameterError
        ``level`` is not a column, or ``sents`` is not :func:`score` output (no axes in its
        attrs or columns, or ``axes`` names none of them).

    Examples
    --------
    >>> sents = score(["Xi and Putin are old friends. Russia is the junior partner of China."])
    >>> aggregate(sents, "outlet").empty  # no outlet given: nothing to group
    True
    >>> aggregate(sents)[["axis", "n_relevant", "n_friendship", "n_junior", "balance"]]
        axis  n_relevant  n_friendship  n_junior  balance
    0  power           2          <NA>         1     -1.0
    1   bond           2             1      <NA>      1.0
    """
    axes = table_axes(sents, axes)
    if level == "document":
        keys = ["doc_id", "outlet"]
    elif level in sents.columns:
        keys = [level]
    else:
        raise ParameterError("level", level, f"'document' or one of the columns {list(sents)}")
    poles = [pole for pair in axes.values() for pole in pair]
    columns = [*keys, "axis", "n_docs", "n_sentences", "n_relevant",
               *(f"n_{p}" for p in poles), "balance", "intensity"]  # fmt: skip
    frame = sents.dropna(subset=[level]) if level != "document" else sents
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    grouped = frame.groupby(keys, sort=True, dropna=False)
    base = grouped.agg(
        n_docs=("doc_id", "nunique"),
        n_sentences=("sent_id", "size"),
        n_relevant=("relevant", "sum"),
    )
    parts = []
    for axis, (first, second) in axes.items():
        labels = frame[f"{axis}_label"]
        part = base.copy()
        part.insert(0, "axis", axis)
        for pole in poles:
            if pole in (first, second):
                part[f"n_{pole}"] = (
                    (labels == pole).groupby([frame[k] for k in keys], dropna=False).sum()
                )
            else:
                part[f"n_{pole}"] = pd.NA
        n_first, n_second = part[f"n_{first}"].astype(float), part[f"n_{second}"].astype(float)
        labelled = n_first + n_second
        part["balance"] = ((n_first - n_second) / labelled).where(labelled > 0)
        part["intensity"] = (labelled / part["n_relevant"]).where(part["n_relevant"] > 0)
        parts.append(part.reset_index())
    out = pd.concat(parts, ignore_index=True)[columns]
    order = {axis: i for i, axis in enumerate(axes)}
    out = out.sort_values([*keys, "axis"], key=lambda s: s.map(order) if s.name == "axis" else s)
    out = out.reset_index(drop=True)
    for pole in poles:
        out[f"n_{pole}"] = out[f"n_{pole}"].astype("Int64")
    return out.astype({"n_docs": "int64", "n_sentences": "int64", "n_relevant": "int64"})


def evidence(
    sents: pd.DataFrame, axis: str, pole: str, *, mark: str = "[]", axes: AxesLike = None
) -> pd.DataFrame:
    """The sentences labelled with a pole, with the cues that made the label marked in the text.

    Parameters
    ----------
    sents : pandas.DataFrame
        The output of :func:`score`; read back from a file or merged with a coding sheet, it
        works as it is (``cues`` as JSON text are read as lists).
    axis, pole : str
        Which label to show.
    mark : str, default='[]'
        Two characters put around each cue that counted for the pole (KWIC-style reading).
    axes : None, list of str or dict, default=None
        The axes ``axis`` is chosen from, and their poles (first pole positive). None: every
        axis of the table; a list of names: those axes; a dict ``{axis: (first_pole,
        second_pole)}``: those poles. Read from ``attrs["framing"]`` when the table has it,
        else from its columns (:func:`framing._table.table_axes`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sent_id, voice, speaker, text, marked, cues`` (the cue entries that
        counted for the pole, as ``cue (negated: not)`` strings ';'-joined), strongest first
        (by |score|, then corpus order).

    Raises
    ------
    ParameterError
        An unknown axis or pole.

    Examples
    --------
    >>> sents = score(["Xi and Putin: this is not a marriage of convenience."])
    >>> row = evidence(sents, "bond", "friendship").iloc[0]
    >>> row["marked"]
    'Xi and Putin: this is not a [marriage of convenience].'
    >>> row["cues"]
    'marriage of convenience (negated: not)'
    """
    axes = table_axes(sents, axes)
    if axis not in axes:
        raise ParameterError("axis", axis, tuple(axes))
    if pole not in axes[axis]:
        raise ParameterError("pole", pole, axes[axis])
    if len(mark) != 2:
        raise ParameterError("mark", mark, "two characters: an opening and a closing mark")
    chosen = sents[sents[f"{axis}_label"] == pole]
    records = []
    for row in chosen.to_dict("records"):  # records, not tuples: axis names may hold hyphens
        counted = [
            c
            for c in cue_list(row["cues"])
            if c["axis"] == axis and c["pole"] == pole and not c.get("mention")
        ]
        marked = row["text"]
        for cue in sorted(counted, key=lambda c: -c["start"]):
            a, b = cue["start"] - row["start"], cue["end"] - row["start"]
            marked = f"{marked[:a]}{mark[0]}{marked[a:b]}{mark[1]}{marked[b:]}"
        described = [
            cue["cue"]
            + (f" (negated: {cue['negator']})" if cue["negated"] else "")
            + (f" (performance: {cue['marker']})" if cue["performance"] else "")
            + (" (conceded)" if cue["conceded"] else "")
            + (" (quoted)" if cue["quoted"] else "")
            for cue in counted
        ]
        records.append(
            {
                "doc_id": row["doc_id"],
                "outlet": row["outlet"],
                "sent_id": row["sent_id"],
                "voice": row["voice"],
                "speaker": None if pd.isna(row["speaker"]) else row["speaker"],
                "text": row["text"],
                "marked": marked,
                "cues": "; ".join(described),
                "_strength": abs(row[axis]),
            }  # fmt: skip
        )
    columns = ["doc_id", "outlet", "sent_id", "voice", "speaker", "text", "marked", "cues"]
    if not records:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.DataFrame(records)
    out = out.sort_values("_strength", ascending=False, kind="stable")
    return out[columns].reset_index(drop=True)
