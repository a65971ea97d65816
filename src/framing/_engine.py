"""The one execution engine of scoring: chunks, worker processes, long documents and progress.

:func:`execute` runs a job (what scores one chunk: :class:`framing._scoring._Job`) over any
input :func:`framing.score` takes, and yields one sentence table per chunk, in order:

- the input is cut into chunks of documents (:func:`chunks`): a corpus in memory by size (and
  into at least eight chunks per worker), a stream as it comes, with unique ids across it;
- a document longer than :data:`_BLOCK_CHARS` is cleaned whole and scored in blocks, whose
  rows are numbered on as if it had been scored whole (:class:`_Carry`);
- with ``n_jobs > 1`` the chunks go to worker processes, a bounded number at a time, and come
  back in order (:func:`_results`); a corpus in memory is cut before the workers start, and
  forked workers inherit its chunks: each is sent to them as its number;
- progress is reported as documents are done: to a callable, a ``tqdm`` bar
  (``progress=True``) or the command line's line on a terminal (:class:`TerminalProgress`);
- what the whole run saw (documents emptied by cleaning, HTML, whether any sentence is about
  the dyad) is kept in a :class:`Record`, whose :meth:`Record.warn` warns once at the end.

:func:`framing.score`, :func:`framing.iter_scores`, the command line and :mod:`framing.dask`
(which leaves chunks and workers to Dask, but keeps the job and the record) all run on it.

Examples
--------
>>> from framing._scoring import _Job
>>> from framing._lexicon import load_lexicon
>>> job = _Job(load_lexicon("relationship"), "lexicon", True)
>>> run = execute(job, ["Xi and Putin are old friends.", "Xi met Putin."], chunk_size=1)
>>> [len(table) for table in run]
[1, 1]
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import multiprocessing
import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from ._clean import clean
from ._corpus import Corpus, Document, _listed, _warn_empty, load_corpus
from ._reading import _CSV, _JSONL, _PARQUET, _skipped_table, _UniqueIds, _warn_renamed
from ._stream import iter_corpus
from ._validation import check_int
from .errors import CorpusError, DataQualityWarning, FramingWarning, ParameterError

if TYPE_CHECKING:
    from ._lexicon import Lexicon

__all__ = [
    "CHUNK_CHARACTERS",
    "CHUNK_DOCUMENTS",
    "ChunkResult",
    "Job",
    "Progress",
    "Record",
    "TerminalProgress",
    "check_jobs",
    "chunks",
    "execute",
    "is_streamed",
    "open_corpus",
]

#: Automatic chunks (``chunk_size=None``): documents up to about this much text, and at most
#: ``CHUNK_DOCUMENTS`` of them.
CHUNK_CHARACTERS = 1_000_000
CHUNK_DOCUMENTS = 5_000
#: A document whose cleaned text is longer than this (in characters) is scored in blocks of at
#: most this size, cut at a line end or else a sentence end, so that memory does not grow with it.
_BLOCK_CHARS = 1 << 22
#: Files read as a stream, chunk by chunk (a folder or a .txt file is read whole).
_STREAMED = _JSONL + _CSV + _PARQUET


@dataclass(frozen=True)
class ChunkResult:
    """What scoring one chunk gives: its sentence table (with the public ``attrs["framing"]``)
    and the bookkeeping of the run that the engine turns into progress and warnings."""

    table: pd.DataFrame
    html: list[str]  # ids of the documents whose HTML tags were stripped
    emptied: list[str]  # ids of the documents with text that gave no sentence
    documents: int  # documents in the chunk


@dataclass(frozen=True)
class _Block:
    """One block of a long document's cleaned text: its document, number and place (``begin``,
    an offset into the cleaned text), whether it is the last, whether it starts a line, and the
    flags of cleaning the whole document."""

    doc_id: str
    index: int
    begin: int
    last: bool
    new_line: bool
    flags: tuple[str, ...]


class Job(Protocol):
    """What scores one chunk (:class:`framing._scoring._Job`); pickled once per worker."""

    lexicon: Lexicon
    relevant_only: bool

    def __call__(
        self, chunk: Corpus, meta: list[str], block: _Block | None = None
    ) -> ChunkResult: ...

    def prepare(self) -> None:
        """Build what every chunk needs once, before the workers fork."""

    def renamed(self, meta: Sequence[str]) -> dict[str, str]:
        """The metadata keys kept under a new name in the table, with that name."""


# -- the record of a run, and its warnings --------------------------------------------------------
@dataclass
class Record:
    """What a whole run saw, for the warnings that come once, at its end."""

    emptied: list[str] = field(default_factory=list)  # documents that cleaning emptied
    html: list[str] = field(default_factory=list)  # documents whose HTML tags were stripped
    any_rows: bool = False
    any_relevant: bool = False

    def add(self, table: pd.DataFrame, html: Iterable[str], emptied: Iterable[str]) -> None:
        """Take in one table and the documents it emptied and stripped of HTML."""
        self.html += html
        self.emptied += emptied
        self.any_rows = self.any_rows or len(table) > 0
        self.any_relevant = self.any_relevant or bool(table["relevant"].any())

    @classmethod
    def combined(cls, records: Iterable[Record]) -> Record:
        """One record of several runs (the partitions of :func:`framing.dask.tally`)."""
        out = cls()
        for record in records:
            out.emptied += record.emptied
            out.html += record.html
            out.any_rows = out.any_rows or record.any_rows
            out.any_relevant = out.any_relevant or record.any_relevant
        return out

    def warn(self, job: Job, stacklevel: int) -> None:
        """The warnings about the whole run: documents that cleaning emptied, documents that
        were HTML, no sentence about the dyad.

        ``stacklevel`` counts as for :func:`warnings.warn` called by the caller itself.
        """
        if self.emptied:
            warnings.warn(
                f"{len(self.emptied)} document(s) hold no text once page chrome is removed and "
                f"give no sentence: {_listed(self.emptied)}; see attrs['framing']['skipped'] "
                "and framing.cleaning_report",
                DataQualityWarning,
                stacklevel=stacklevel + 1,
            )
        if self.html:
            warnings.warn(
                f"{len(self.html)} document(s) were HTML; tags were stripped: {_listed(self.html)}",
                FramingWarning,
                stacklevel=stacklevel + 1,
            )
        if job.relevant_only and self.any_rows and not self.any_relevant:
            sides = " and ".join(job.lexicon.dyad.sides) or "no dyad defined"
            warnings.warn(
                f"no sentence is about the dyad ({sides}): every score is NaN. Check that the "
                "texts name both sides, or the lexicon's actor aliases.",
                FramingWarning,
                stacklevel=stacklevel + 1,
            )


# -- progress ----------------------------------------------------------------------------------
class Progress:
    """Where the engine reports progress: ``update(done, total)`` after each chunk (``total``
    None for a stream of unknown length), ``close()`` once, however the run ends."""

    def update(self, done: int, total: int | None) -> None:
        """``done`` documents are scored, of ``total``."""

    def close(self) -> None:
        """The run has ended (or stopped)."""


class _Callback(Progress):
    """A ``progress(done, total)`` callable of the public API (``total`` is ``done`` for a
    stream, as it always was)."""

    def __init__(self, function: Callable[[int, int], None]) -> None:
        self.function = function

    def update(self, done: int, total: int | None) -> None:
        self.function(done, total if total is not None else done)


class _Bar(Progress):
    """A ``tqdm`` progress bar on stderr (``progress=True``); tqdm is imported here, on use."""

    def __init__(self) -> None:
        self.bar: Any = None

    def update(self, done: int, total: int | None) -> None:
        if self.bar is None:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="scoring", unit="doc")
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class TerminalProgress(Progress):
    """The command line's progress on stderr: a bar when the number of documents is known (a
    folder, loaded whole), else a count of the documents scored so far (a stream), each from
    ``shown_from`` documents on (smaller corpora finish before it would help). :meth:`close`
    ends the line, so that an error or a warning starts its own."""

    def __init__(self, shown_from: int = 50) -> None:
        self.shown_from = shown_from
        self.drawn = False

    def update(self, done: int, total: int | None) -> None:
        if total is not None and total >= self.shown_from:
            filled = int(30 * done / total)
            sys.stderr.write(f"\rscoring [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        elif total is None and done >= self.shown_from:
            sys.stderr.write(f"\rscoring: {done} documents")
        else:
            return
        sys.stderr.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


def _progress(progress: Any) -> Progress:
    """The reporter for ``progress``: None or False (none), True (a tqdm bar), a
    :class:`Progress`, or a callable ``progress(done, total)``."""
    if progress is None or progress is False:
        return Progress()
    if progress is True:
        return _Bar()
    if isinstance(progress, Progress):
        return progress
    if callable(progress):
        return _Callback(progress)
    allowed = "True (a progress bar), False, None or a callable progress(done, total)"
    raise ParameterError("progress", progress, allowed)


# -- the run -------------------------------------------------------------------------------------
def execute(
    job: Job,
    data: Any,
    *,
    n_jobs: int = 1,
    chunk_size: int | None = None,
    progress: Any = None,
) -> Generator[pd.DataFrame, None, Record]:
    """Score ``data`` with ``job``, chunk by chunk: one sentence table per chunk (or per block of
    a long document), in order; the run's :class:`Record` is the generator's return value.

    ``n_jobs``, ``chunk_size`` and ``progress`` are those of :func:`framing.iter_scores`
    (``progress`` may also be a :class:`Progress`, as the command line's); ``n_jobs`` and
    ``progress`` are checked here, when the run starts, ``chunk_size`` by the caller. An input
    that is read whole is loaded first, so that progress knows its total.
    """
    reporter = _progress(progress)
    workers = check_jobs(n_jobs)
    if _in_memory(data):  # loaded whole: progress knows the total
        data = load_corpus(data)
    total = len(data) if isinstance(data, Corpus) else None
    record = Record()
    done = 0
    carry = _Carry()
    try:
        parts, inherited = _cut(data, chunk_size, workers)
        pieces = _blocks_of_long_documents(_warn_meta_names(parts, job))
        for result, block in _results(job, pieces, workers, inherited):
            frame, documents, emptied = result.table, result.documents, result.emptied
            if block is not None:  # one block of a long document: continue its numbering
                carry.shift(frame, block)
                if not block.last:
                    documents = 0
                if not (block.last and carry.empty):
                    emptied = []
                    info = frame.attrs["framing"]
                    info["skipped"] = [r for r in info["skipped"] if r["source"] != block.doc_id]
            record.add(frame, result.html, emptied)
            done += documents
            reporter.update(done, total)
            yield frame
    finally:
        reporter.close()
    return record


def check_jobs(n_jobs: int) -> int:
    """The number of worker processes ``n_jobs`` asks for (-1: one per CPU)."""
    allowed = "a positive integer, or -1 for one per CPU"
    workers = check_int(n_jobs, "n_jobs", min_val=-1, allowed=allowed)
    if workers == 0:
        raise ParameterError("n_jobs", n_jobs, allowed)
    return (os.cpu_count() or 1) if workers == -1 else workers


# -- reading a path as a whole corpus or as a stream ----------------------------------------------
def is_streamed(path: str | os.PathLike[str]) -> bool:
    """Whether the command line reads ``path`` as a stream: a .jsonl, .csv or .parquet file."""
    target = Path(path)
    return target.suffix.lower() in _STREAMED and target.is_file()


def open_corpus(
    path: str | os.PathLike[str],
    *,
    chunk_size: int | None = None,
    errors: str = "raise",
    text: str = "text",
    doc_id: str | None = "doc_id",
    outlet: str | None = "outlet",
    date: str | None = "date",
) -> Corpus | Iterator[Corpus]:
    """What the command line scores: a .jsonl, .csv or .parquet file as a stream
    (:func:`framing.iter_corpus`, read in chunks of ``chunk_size`` or :data:`CHUNK_DOCUMENTS`,
    from which automatic chunks are cut), anything else loaded whole, so that progress knows
    the total. ``errors`` applies to a stream only."""
    if is_streamed(path):
        return iter_corpus(
            path, chunk_size=chunk_size or CHUNK_DOCUMENTS, errors=errors,  # type: ignore[arg-type]
            text=text, doc_id=doc_id, outlet=outlet, date=date,
        )  # fmt: skip
    return load_corpus(path, text=text, doc_id=doc_id, outlet=outlet, date=date)


# -- chunks --------------------------------------------------------------------------------------
def _full(documents: int, characters: int, chunk_size: int | None) -> bool:
    """Whether a chunk holding this many documents and characters of text is complete: at
    ``chunk_size`` documents, or (None) at :data:`CHUNK_DOCUMENTS` or once its text reaches
    :data:`CHUNK_CHARACTERS`."""
    if chunk_size is not None:
        return documents == chunk_size
    return documents == CHUNK_DOCUMENTS or characters >= CHUNK_CHARACTERS


def _packs(documents: list[Document], chunk_size: int | None) -> Iterator[list[Document]]:
    """``documents`` cut in order into the chunks :func:`_full` closes; none when empty."""
    begin = characters = 0
    for i, doc in enumerate(documents, start=1):
        characters += len(doc.text)
        if _full(i - begin, characters, chunk_size):
            yield documents[begin:i]
            begin, characters = i, 0
    if begin < len(documents):
        yield documents[begin:]


def _in_the_stream(first: None, second: str | None) -> str:
    return "in the stream" + (f" (again at {second})" if second else "")


def _in_memory(data: Any) -> bool:
    """Whether ``data`` is read whole (what :func:`framing.load_corpus` takes), not a stream."""
    return isinstance(data, (Corpus, pd.DataFrame, str, os.PathLike)) or (
        isinstance(data, Sequence)
        and not isinstance(data, (bytes, Mapping))
        and not any(isinstance(item, Corpus) for item in data)
    )


def chunks(data: Any, chunk_size: int | None, workers: int) -> Iterator[tuple[Corpus, list[str]]]:
    """Split the input into corpora of at most ``chunk_size`` documents (see :func:`_packs`),
    lazily.

    Yields ``(chunk, metadata_columns)``. A whole corpus gives every chunk the metadata columns
    of the whole, so that chunking never changes the table; a stream takes each chunk's own.
    A whole corpus, which is in memory anyway, gets at least eight chunks per worker when it
    has that many documents. Document ids must be unique across the stream.
    """
    if _in_memory(data):
        corpus = load_corpus(data)
        meta = corpus.metadata_columns()
        documents = list(corpus)
        if workers > 1:
            share = max(1, -(-len(documents) // (8 * workers)))
            chunk_size = share if chunk_size is None else min(chunk_size, share)
        first_skipped: pd.DataFrame | None = corpus.skipped
        for part in _packs(documents, chunk_size):
            yield Corpus._unchecked(part, first_skipped), meta
            first_skipped = None
        return
    if not isinstance(data, Iterable) or isinstance(data, (bytes, Mapping)):
        raise CorpusError(
            f"cannot score {type(data).__name__}; give a folder of .txt files, a .csv or .jsonl "
            "file, a DataFrame, a list of strings or Documents, or framing.iter_corpus(...)"
        )
    # The ids only, not where each came from: a stream of millions keeps this set in memory.
    seen = _UniqueIds(places=_in_the_stream, keep_places=False)
    pending: list[Document] = []
    pending_characters = 0
    empty: list[str] = []
    any_text = False

    def check(doc: Document) -> None:
        seen.add(doc.doc_id, doc.source)

    def documents_chunk(docs: list[Document]) -> tuple[Corpus, list[str]]:
        kept = [doc for doc in docs if doc.text.strip()]
        blank = [doc.source or doc.doc_id for doc in docs if not doc.text.strip()]
        empty.extend(blank)
        chunk = Corpus._unchecked(kept, _skipped_table((source, "empty") for source in blank))
        return chunk, chunk.metadata_columns()

    for item in data:
        if isinstance(item, Corpus):
            for doc in item:
                check(doc)
            documents = list(item)
            skipped: pd.DataFrame | None = item.skipped
            any_text = any_text or bool(documents)
            for part in list(_packs(documents, chunk_size)) or [[]]:
                chunk = Corpus._unchecked(part, skipped)
                yield chunk, chunk.metadata_columns()
                skipped = None
        elif isinstance(item, Document):
            check(item)
            any_text = any_text or bool(item.text.strip())
            pending.append(item)
            pending_characters += len(item.text)
            if _full(len(pending), pending_characters, chunk_size):
                yield documents_chunk(pending)
                pending, pending_characters = [], 0
        else:
            raise CorpusError(
                f"a stream of documents holds Document or Corpus objects, got "
                f"{type(item).__name__}; wrap texts with framing.Document(doc_id, text) or pass "
                "a list of strings"
            )
    if pending:
        yield documents_chunk(pending)
    if not any_text:
        raise CorpusError("the stream holds no document with text")
    if empty:
        _warn_empty(empty, stacklevel=4)


def _cut(
    data: Any, chunk_size: int | None, workers: int
) -> tuple[Iterator[tuple[Corpus, list[str]]], list[Corpus]]:
    """The chunks of ``data`` (:func:`chunks`), and those that workers inherit: every chunk of
    a corpus in memory, cut here before the workers start (none for one process or a stream)."""
    parts = chunks(data, chunk_size, workers)
    if workers == 1 or not isinstance(data, Corpus):
        return parts, []
    listed = list(parts)
    return iter(listed), [chunk for chunk, _ in listed]


def _warn_meta_names(
    pieces: Iterator[tuple[Corpus, list[str]]], job: Job
) -> Iterator[tuple[Corpus, list[str]]]:
    """Pass the chunks on, warning once for each metadata key kept under a new name."""
    warned: set[str] = set()
    for chunk, meta in pieces:
        renamed = {k: v for k, v in job.renamed(meta).items() if k not in warned}
        _warn_renamed(renamed, "the corpus's metadata", stacklevel=4)
        warned.update(renamed)
        yield chunk, meta


# -- long documents, in blocks --------------------------------------------------------------------
def _cuts(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(begin, end, new_line)`` blocks of ``text`` of at most :data:`_BLOCK_CHARS`, each cut
    at the last line end in its second half, else after the last sentence end (``. `` ``! ``
    ``? ``), else at a space, else anywhere; ``new_line``: the block starts a line."""
    begin, new_line = 0, False
    while len(text) - begin > _BLOCK_CHARS:
        low, high = begin + _BLOCK_CHARS // 2, begin + _BLOCK_CHARS
        cut, next_new_line = text.rfind("\n", low, high), True
        if cut < 0:
            ends = [text.rfind(mark, low, high) for mark in (". ", "! ", "? ")]
            cut, next_new_line = max(ends) + 1, False
            if cut <= 0:
                cut = text.rfind(" ", low, high)
                cut = high if cut < 0 else cut
        yield begin, cut, new_line
        begin, new_line = cut, next_new_line
    yield begin, len(text), new_line


def _blocks_of_long_documents(
    pieces: Iterator[tuple[Corpus, list[str]]],
) -> Iterator[tuple[Corpus, list[str], _Block | None]]:
    """The chunks, with every document longer than :data:`_BLOCK_CHARS` cleaned here and its
    cleaned text taken out into chunks of one block each (the other documents keep their
    order)."""
    for chunk, meta in pieces:
        if all(len(doc.text) <= _BLOCK_CHARS for doc in chunk):
            yield chunk, meta, None
            continue
        skipped: pd.DataFrame | None = chunk.skipped
        pending: list[Document] = []
        for doc in chunk:
            cleaned = clean(doc.text) if len(doc.text) > _BLOCK_CHARS else None
            if cleaned is None or len(cleaned.text) <= _BLOCK_CHARS:
                pending.append(doc)
                continue
            if pending:
                yield Corpus._unchecked(pending, skipped), meta, None
                pending, skipped = [], None
            cuts = list(_cuts(cleaned.text))
            for index, (begin, end, new_line) in enumerate(cuts):
                part = dataclasses.replace(doc, text=cleaned.text[begin:end])
                last = index == len(cuts) - 1
                block = _Block(doc.doc_id, index, begin, last, new_line, cleaned.flags)
                yield Corpus._unchecked([part], skipped), meta, block
                skipped = None
        if pending or skipped is not None:
            yield Corpus._unchecked(pending, skipped), meta, None


class _Carry:
    """Sentence ids and paragraphs of a long document, carried from block to block."""

    def __init__(self) -> None:
        self.sentences = self.paragraph = 0
        self.empty = True

    def shift(self, frame: pd.DataFrame, block: _Block) -> None:
        """Number the rows of ``block`` on from the blocks before it, with offsets into the
        whole cleaned text (in place)."""
        if block.index == 0:
            self.sentences, self.paragraph, self.empty = 0, 0, True
        paragraph = self.paragraph + (1 if block.new_line and not self.empty else 0)
        if len(frame) and block.index:
            frame["sent_id"] += self.sentences
            frame["start"] += block.begin
            frame["end"] += block.begin
            frame["paragraph"] += paragraph
            for cues in frame["cues"]:
                for cue in cues:
                    cue["start"] += block.begin
                    cue["end"] += block.begin
        if len(frame):
            self.sentences += len(frame)
            self.paragraph = int(frame["paragraph"].iloc[-1])
            self.empty = False


# -- worker processes ----------------------------------------------------------------------------
_WORKER_JOB: Job | None = None
_WORKER_CHUNKS: Sequence[Corpus] = ()
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(job: Job, parent: int | None, inherited: Sequence[Corpus]) -> None:
    """A worker's set-up: its job, the chunks it inherits, and signals that leave stopping to
    the parent.

    Ctrl-C reaches the whole process group: the worker ignores SIGINT and the parent, which
    gets it too, ends the pool. SIGTERM and SIGHUP end the worker (not the parent's handlers,
    which a forked worker inherits). On Linux the worker is killed when its parent dies, even
    by SIGKILL; elsewhere it ends when the parent closes the pool. ``parent`` is the caller's
    process id, or None when the caller is not the worker's parent (a fork server's workers).

    What a forked worker inherits (modules, the job, its compiled patterns, the chunks of a
    corpus in memory) lives as long as it does: it is frozen out of the worker's garbage
    collections, whose first full pass would otherwise visit all of it and copy every page that
    holds it (copy-on-write).
    """
    global _WORKER_JOB, _WORKER_CHUNKS
    gc.freeze()
    _WORKER_JOB = job
    _WORKER_CHUNKS = inherited
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:  # it died before prctl: nobody will collect
        os._exit(1)


def _in_worker(chunk: Corpus | int, meta: list[str], block: _Block | None) -> ChunkResult:
    """Score ``chunk``: a chunk sent, or the number of one the worker inherited."""
    if _WORKER_JOB is None:  # pragma: no cover - set by the pool's initializer
        raise RuntimeError("worker started without a job")
    if isinstance(chunk, int):
        chunk = _WORKER_CHUNKS[chunk]
    return _WORKER_JOB(chunk, meta, block)


def _awaited(future: Future[ChunkResult]) -> ChunkResult:
    """The result of ``future``, waited for with the garbage collector paused (as it was
    before once it is there, also on an error).

    While the parent waits, its pool thread unpickles the workers' tables: tens of thousands of
    ``cues`` lists, which would trigger a full collection of the caller's whole heap while both
    CPUs score (about 0.04 s of a 0.7 s run). Nothing the parent makes then is cyclic garbage,
    and collections run as usual between chunks, in the caller's code.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return future.result()
    finally:
        if was_enabled:
            gc.enable()


def _results(
    job: Job,
    pieces: Iterator[tuple[Corpus, list[str], _Block | None]],
    workers: int,
    inherited: Sequence[Corpus] = (),
) -> Iterator[tuple[ChunkResult, _Block | None]]:
    """Score the chunks in order, in this process or in ``workers`` processes.

    Forked workers inherit the chunks in ``inherited`` and are sent the number of each: the
    first starts as soon as the workers do, and no chunk's text is pickled, piped through to
    a worker and unpickled there. A piece that is not one of them (a block of a long
    document, a stream's chunk), or a worker that is not forked, gets the chunk itself.
    """
    if workers == 1:
        for chunk, meta, block in pieces:
            yield job(chunk, meta, block), block
        return
    job.prepare()  # once, here: forked workers inherit it instead of each building its own
    # On an error, an interrupt or a reader that stops early, nothing more starts and the
    # workers end once their current chunk is done (they ignore Ctrl-C: the parent decides).
    context = multiprocessing.get_context()
    method = context.get_start_method()
    if method != "fork":  # others would pickle all of them for each worker
        inherited = ()
    # A fork server's workers are its children, not the caller's (Python 3.14's default on Linux).
    parent = None if method == "forkserver" else os.getpid()
    numbers = {id(chunk): i for i, chunk in enumerate(inherited)}  # alive in inherited: ids hold
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(job, parent, inherited),
    ) as pool:
        pending: deque[tuple[Future[ChunkResult], _Block | None]] = deque()
        try:
            for chunk, meta, block in pieces:
                sent = numbers.get(id(chunk), chunk) if block is None else chunk
                pending.append((pool.submit(_in_worker, sent, meta, block), block))
                if len(pending) >= 2 * workers:  # bounded: a stream never piles up in memory
                    future, done = pending.popleft()
                    yield _awaited(future), done
            while pending:
                future, done = pending.popleft()
                result = _awaited(future)
                if not pending:  # all done: the idle workers end while the caller goes on
                    pool.shutdown(wait=False)
                yield result, done
        finally:
            for future, _ in pending:
                future.cancel()
