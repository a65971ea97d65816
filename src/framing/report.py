"""A Markdown report of a corpus: what it holds, how its groups compare, and the evidence.

:func:`write_report` writes ``report.md`` with the framing map as PNG and SVG into a folder:
the corpus (documents, sentences, relevant sentences, duplicates, lines removed by cleaning), the
comparison table with its omnibus and pairwise tests, the strongest evidence for each pole in each
group, distinctive terms per group (keyness), and method notes. The same input and seed give the
same ``report.md``, byte for byte (no timestamps, no absolute paths).

Examples
--------
>>> import tempfile
>>> folder = write_report("seeds", tempfile.mkdtemp(), n_resamples=200)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ._clean import cleaning_report
from ._compare import Comparison, _provenance, compare
from ._escape import markdown_text
from ._files import atomic_files
from ._keyness import keyness
from ._table import AxesLike
from ._validation import check_bool, check_int
from ._version import __version__
from .corpus import Corpus, load_corpus
from .errors import FramingError, InputError
from .lexicon import Lexicon, load_lexicon
from .scoring import evidence, score

__all__ = ["write_report", "REPORT_FILES"]

#: The files a report writes; with ``force=True`` only these are replaced, nothing is deleted.
REPORT_FILES = ("report.md", "framing_map.png", "framing_map.svg")


def _cell(text: object, limit: int = 220) -> str:
    """A table cell: at most ``limit`` characters around the first cue, on one line, escaped
    (HTML, links, images, ``|``: data never becomes markup)."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if len(value) > limit:
        start = max(0, min(value.find("[") - limit // 3, len(value) - limit))
        value = ("…" if start else "") + value[start : start + limit - 2] + "…"
    return markdown_text(value)


def _markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _evidence_section(sents: pd.DataFrame, comparison: Comparison, by: str, per_pole: int) -> str:
    parts = []
    groups = sents.set_index(["doc_id", "sent_id"])[by]
    for axis, poles in comparison.axes.items():
        for pole in poles:
            found = evidence(sents, axis, pole, axes=comparison.axes)
            if found.empty:
                parts.append(f"**{_cell(axis)} → {_cell(pole)}**: no sentence.\n")
                continue
            found[by] = [
                groups.get((d, s)) for d, s in zip(found["doc_id"], found["sent_id"], strict=True)
            ]
            rows = []
            for group, chunk in found.groupby(by, sort=True):
                for row in chunk.head(per_pole).itertuples():
                    rows.append([group, row.marked, row.cues, row.voice, row.speaker or ""])
            parts.append(f"**{_cell(axis)} → {_cell(pole)}**\n\n" + _markdown_table(
                [_cell(by), "sentence (cues in [brackets])", "cues", "voice", "speaker"], rows
            ) + "\n")  # fmt: skip
    return "\n".join(parts)


def _keyness_section(sents: pd.DataFrame, by: str, top: int) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = keyness(sents, by=by, top=top, stop_words="english")
    except FramingError as exc:
        return f"Not computed: {_cell(exc, 600)}\n"
    rows = []
    for group, chunk in table.groupby("group", sort=True):
        terms = ", ".join(
            f"{t} ({z:.1f}{', key' if key else ''})"
            for t, z, key in zip(chunk["term"], chunk["z"], chunk["significant"], strict=True)
        )
        rows.append([group, terms])
    n_key = int(table["significant"].sum())
    note = (
        "z-scores; English stop words left out. 'key': significant at 5 % after Holm's "
        "adjustment over every term of the comparison"
        + (f" ({n_key} shown)." if n_key else "; no term shown is: these are ranks, not findings.")
    )
    return _markdown_table([_cell(by), f"top {top} terms (z-score)"], rows) + f"\n\n{note}\n"


def _duplicates_section(clusters: pd.DataFrame, shown: int = 10) -> list[str]:
    """The duplicate clusters of the corpus: a count, and a table of the largest ``shown``."""
    if clusters.empty:
        return ["- duplicate clusters: none"]
    copies = int(clusters["n_documents"].sum())
    lines = [
        f"- duplicate clusters: {len(clusters)}, holding {copies} documents (exact copies, or "
        "near copies sharing half their 5-word shingles; reported, not dropped)",
        "",
        _markdown_table(
            ["cluster", "kind", "documents", "representative", "first documents"],
            [
                [row.cluster, row.kind, row.n_documents, row.representative,
                 ", ".join(row.doc_ids) + (" …" if row.n_documents > len(row.doc_ids) else "")]
                for row in clusters.head(shown).itertuples()
            ],
        ),  # fmt: skip
    ]
    if len(clusters) > shown:
        lines.append(f"\n… and {len(clusters) - shown} more (`Corpus.duplicate_clusters()`)")
    return lines


def write_report(
    data: Corpus | str | os.PathLike[str] | pd.DataFrame,
    directory: str | os.PathLike[str],
    *,
    by: str = "outlet",
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    method: Any = "lexicon",
    voice: Literal["all", "narrator", "source"] = "all",
    n_resamples: int = 10_000,
    seed: int = 0,
    force: bool = False,
    evidence_per_pole: int = 2,
    top_terms: int = 10,
    axes: AxesLike = None,
) -> Path:
    """Write ``report.md`` and the framing map (PNG, SVG) for a corpus into a folder.

    Parameters
    ----------
    data : Corpus, path or DataFrame
        What :func:`framing.load_corpus` accepts.
    directory : str or os.PathLike
        The folder to write; created if missing. It must be empty, unless ``force``.
    by, voice, n_resamples, seed
        Passed to :func:`framing.compare`.
    lexicon : str, path or Lexicon, default='relationship'
    method : 'lexicon', 'classifier', a fitted classifier or {axis: classifier}
        How sentences are labelled (see :func:`framing.score`); the models are named in the
        comparison's note.
    force : bool, default=False
        Write into a folder that is not empty, replacing only the report's own files
        (:data:`REPORT_FILES`); nothing else is touched or deleted.
    evidence_per_pole : int, default=2
        Sentences shown per pole and group.
    top_terms : int, default=10
        Distinctive terms shown per group.
    axes : None, list of str or dict, default=None
        The axes compared and shown (as in :func:`framing.compare`); None: every axis of the
        lexicon.

    Returns
    -------
    pathlib.Path
        The path of ``report.md``.

    Raises
    ------
    InputError
        The folder is not empty and ``force`` is False, or it cannot be created.
    ParameterError
        ``force`` not a bool, ``evidence_per_pole`` below 0 or ``top_terms`` below 1.
    CorpusError, LexiconError, ParameterError, InsufficientDataError
        From loading, scoring and comparing.
    """
    check_bool(force, "force")
    check_int(evidence_per_pole, "evidence_per_pole", min_val=0)
    check_int(top_terms, "top_terms", min_val=1)
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file, not a folder; give a folder for the report")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InputError(
            f"{target} is not empty; choose an empty folder or pass force=True (--force), which "
            f"replaces only {', '.join(REPORT_FILES)}"
        )
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {target}: {exc.strerror}") from exc
    try:  # the files are made in a staging folder first: one that fails, fails before the work
        with atomic_files(target, REPORT_FILES) as staging:
            _write_files(
                staging, data, by=by, lexicon=lexicon, method=method, voice=voice,
                n_resamples=n_resamples, seed=seed, evidence_per_pole=evidence_per_pole,
                top_terms=top_terms, axes=axes,
            )  # fmt: skip
    except BaseException:
        if created and not any(target.iterdir()):
            target.rmdir()  # a folder this call made, left empty: as if never asked
        raise
    return target / "report.md"


def _write_files(
    staging: Path,
    data: Corpus | str | os.PathLike[str] | pd.DataFrame,
    *,
    by: str,
    lexicon: str | os.PathLike[str] | Lexicon,
    method: Literal["lexicon", "classifier"],
    voice: Literal["all", "narrator", "source"],
    n_resamples: int,
    seed: int,
    evidence_per_pole: int,
    top_terms: int,
    axes: AxesLike,
) -> None:
    """The analysis, and the report's files written into ``staging``."""
    corpus = load_corpus(data)
    lex = load_lexicon(lexicon)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sents = score(corpus, lex, method=method)
        comparison = compare(
            sents, by=by, axes=axes, voice=voice, n_resamples=n_resamples, seed=seed
        )
    notes = sorted({str(w.message) for w in caught})
    removed = cleaning_report(corpus)
    clusters = corpus.duplicate_clusters()

    figure = comparison.plot()
    figure.savefig(staging / "framing_map.png", format="png", dpi=120, metadata={"Software": None})
    from matplotlib import rc_context

    # A fixed salt for the SVG's element ids (random by default): the same report, byte for byte.
    with rc_context({"svg.hashsalt": "framing"}):
        svg = {"Date": None, "Creator": None}
        figure.savefig(staging / "framing_map.svg", format="svg", metadata=svg)

    reasons = sorted(set(removed.loc[removed["line"] > 0, "reason"])) or ["none"]
    groups = sents.groupby(by, sort=True)
    corpus_rows = [
        [group, chunk["doc_id"].nunique(), len(chunk), int(chunk["relevant"].sum())]
        for group, chunk in groups
    ]
    lines = [
        f"# Framing report: {len(corpus)} documents by {_cell(by)}",
        "",
        "## Corpus",
        "",
        f"- documents: {len(corpus)}; sentences: {len(sents)}; sentences about the dyad: "
        f"{int(sents['relevant'].sum())}",
        f"- lines removed by cleaning: {int((removed['line'] > 0).sum())} "
        f"(reasons: {', '.join(reasons)})",
        f"- inputs skipped: {len(corpus.skipped)}",
        *_duplicates_section(clusters),
        "",
        _markdown_table([_cell(by), "documents", "sentences", "relevant"], corpus_rows),
        "",
        "## Comparison",
        "",
        "![Framing map](framing_map.png)",
        "",
        comparison.table(fmt="github"),
        "",
        "## Evidence: the strongest sentences for each pole",
        "",
        _evidence_section(sents, comparison, by, evidence_per_pole),
        "## Distinctive terms (Fightin' Words, each group against the rest)",
        "",
        _keyness_section(sents, by, top_terms),
        "## Method notes",
        "",
        f"- lexicon: {_provenance(lex.name, lex.version, lex.content_hash, __version__, _cell)}; "
        f"method: {comparison.method}; voice: {voice}",
        f"- comparison: {comparison.interval_method} intervals, {comparison.test_method}; "
        f"{comparison.n_resamples:,} resamples; seed {seed}; adjustment: {comparison.adjustment}",
        "- warnings:" if notes else "- warnings: none",
        *(f"  - {_cell(note, 600)}" for note in notes),
        "",
    ]  # fmt: skip
    (staging / "report.md").write_text("\n".join(lines), encoding="utf-8")
