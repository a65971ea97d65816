"""A Markdown report of a corpus: what it holds, how its groups compare, and the evidence.

:func:`write_report` writes ``report.md`` with the framing map as PNG and SVG into a folder,
and the comparison's every number into ``comparison.csv`` (report.md folds long tables):
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
import textwrap
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ._clean import cleaning_report
from ._compare import Comparison, _provenance, compare
from ._corpus import Corpus, load_corpus
from ._escape import markdown_text
from ._files import atomic_files
from ._html_report import HTML_FILE, SENTENCES_PER_POLE, render_html_report
from ._keyness import keyness
from ._lexicon import Lexicon, load_lexicon
from ._scoring import evidence, score
from ._table import AxesLike
from ._validation import check_bool, check_int
from ._version import __version__
from .errors import FramingError, InputError

__all__ = ["write_report", "REPORT_FILES", "HTML_FILE"]

#: The files a report writes; with ``force=True`` only these are replaced, nothing is deleted.
#: With ``html=True`` it also writes :data:`HTML_FILE` (``report.html``).
REPORT_FILES = ("report.md", "framing_map.png", "framing_map.svg", "comparison.csv")


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


def _tables_file_line(comparison: Comparison) -> str:
    """Where the comparison's every number is: ``comparison.csv`` beside the report."""
    n_tests = len(comparison.pairwise)
    return textwrap.fill(
        f"Every number of these tables, with all {n_tests:,} pairwise tests, is in "
        "`comparison.csv` beside this file (one row per group and axis, per test, per omnibus "
        "test; column `table` says which).",
        width=100,
    )


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
    progress: bool | Callable[[int, int], None] | None = None,
    html: bool = False,
    reference: Any = None,
    contrasts: Iterable[tuple[Any, Any]] | None = None,
    pairwise: bool = True,
) -> Path:
    """Write ``report.md``, the framing map (PNG, SVG) and ``comparison.csv`` into a folder.

    ``comparison.csv`` holds the comparison's three tables whole (:meth:`Comparison.table`
    with ``fmt="csv"``, formula-safe); ``report.md`` shows at most 30 pairwise tests per axis
    (those with the smallest adjusted p-values) and says where the others are.

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
        (:data:`REPORT_FILES`, and ``report.html`` with ``html=True``); nothing else is touched
        or deleted.
    evidence_per_pole : int, default=2
        Sentences shown per pole and group.
    top_terms : int, default=10
        Distinctive terms shown per group.
    axes : None, list of str or dict, default=None
        The axes compared and shown (as in :func:`framing.compare`); None: every axis of the
        lexicon.
    progress : bool, callable or None, default=None
        Progress while the sentences are scored, as in :func:`framing.score` (True: a progress
        bar on stderr).
    html : bool, default=False
        Also write ``report.html``: one self-contained page (no network needed to view it) with
        the tables, the framing map and, for every group, axis and pole, the sentences behind
        the label with their cues highlighted, voice and speaker, filterable by group, axis,
        pole, voice and words (at most :data:`framing._html_report.SENTENCES_PER_POLE`, the
        strongest, per group and pole). Everything from the input is escaped. Without it, a
        ``report.html`` already in the folder is left as it is.
    reference, contrasts, pairwise
        Which pairs of groups are tested, passed to :func:`framing.compare`: every pair (the
        default), each group against ``reference``, the ``contrasts`` named, or none
        (``pairwise=False``).

    Returns
    -------
    pathlib.Path
        The path of ``report.md``.

    Raises
    ------
    InputError
        The folder is not empty and ``force`` is False, or it cannot be created.
    ParameterError
        ``force`` or ``html`` not a bool, ``evidence_per_pole`` below 0 or ``top_terms`` below 1.
    CorpusError, LexiconError, ParameterError, InsufficientDataError
        From loading, scoring and comparing.

    Warns
    -----
    FramingWarning, DataQualityWarning
        What loading, scoring and comparing warn about (small samples, empty documents ...):
        listed under the report's method notes, and warned here too.
    """
    check_bool(force, "force")
    check_bool(html, "html")
    check_int(evidence_per_pole, "evidence_per_pole", min_val=0)
    check_int(top_terms, "top_terms", min_val=1)
    files = REPORT_FILES + ((HTML_FILE,) if html else ())
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file, not a folder; give a folder for the report")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InputError(
            f"{target} is not empty; choose an empty folder or pass force=True (--force), which "
            f"replaces only {', '.join(files)}"
        )
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {target}: {exc.strerror}") from exc
    try:  # the files are made in a staging folder first: one that fails, fails before the work
        with atomic_files(target, files) as staging:
            _write_files(
                staging, data, by=by, lexicon=lexicon, method=method, voice=voice,
                n_resamples=n_resamples, seed=seed, evidence_per_pole=evidence_per_pole,
                top_terms=top_terms, axes=axes, progress=progress, html=html,
                pairs={"reference": reference, "contrasts": contrasts, "pairwise": pairwise},
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
    progress: bool | Callable[[int, int], None] | None = None,
    html: bool = False,
    pairs: dict[str, Any],
) -> None:
    """The analysis, and the report's files written into ``staging``."""
    corpus = load_corpus(data)
    lex = load_lexicon(lexicon)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sents = score(corpus, lex, method=method, progress=progress)
        comparison = compare(
            sents, by=by, axes=axes, voice=voice, n_resamples=n_resamples, seed=seed, **pairs
        )
    notes = sorted({str(w.message) for w in caught})
    for caught_warning in caught:  # to the caller too (the command line prints them)
        warnings.warn(caught_warning.message, stacklevel=3)
    removed = cleaning_report(corpus)
    clusters = corpus.duplicate_clusters()

    figure = comparison.plot()
    figure.savefig(staging / "framing_map.png", format="png", dpi=200, metadata={"Software": None})
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
        _tables_file_line(comparison),
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
    csv_text = comparison.table("csv", safe_csv=True)
    (staging / "comparison.csv").write_text(csv_text, encoding="utf-8")
    if html:
        facts = [
            f"documents: {len(corpus)}; sentences: {len(sents)}; sentences about the dyad: "
            f"{int(sents['relevant'].sum())}",
            f"lines removed by cleaning: {int((removed['line'] > 0).sum())} "
            f"(reasons: {', '.join(reasons)})",
            f"inputs skipped: {len(corpus.skipped)}",
            f"duplicate clusters: {len(clusters)}, holding {int(clusters['n_documents'].sum())} "
            "documents (reported, not dropped)" if len(clusters) else "duplicate clusters: none",
        ]  # fmt: skip
        page = _html_page(
            staging, sents, comparison, lex, notes, facts=facts, rows=corpus_rows,
            top_terms=top_terms,
        )  # fmt: skip
        (staging / HTML_FILE).write_text(page, encoding="utf-8")


def _html_page(
    staging: Path,
    sents: pd.DataFrame,
    comparison: Comparison,
    lex: Lexicon,
    notes: list[str],
    *,
    facts: list[str],
    rows: list[list[object]],
    top_terms: int,
) -> str:
    """The page of ``report.html``: the facts, tables and figure of ``report.md`` (the figure
    read from ``staging``), and the sentences behind every label."""
    return render_html_report(
        sents, comparison, facts=facts, corpus_rows=rows, notes=notes,
        figure_svg=(staging / "framing_map.svg").read_bytes(),
        lexicon=(lex.name, lex.version, lex.content_hash), top_terms=top_terms,
        per_pole=SENTENCES_PER_POLE,
    )  # fmt: skip
