"""Run every benchmark and write the results to ``benchmarks/RESULTS.md``.

Usage::

    python benchmarks/run.py            # the full run (a few minutes); writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # small sizes: a smoke run of some seconds
    python benchmarks/run.py --output FILE [--repeats 3] [--budget 20] [--replications 1000]

Every figure is in ``\\w+`` tokens (the matches of ``re.findall(r"\\w+")``) and is the fastest of
up to ``--repeats`` runs (fewer when a run is slow: no run starts past ``--budget`` seconds).
Sections of the Markdown file: a summary of every target; throughput of the text stage and of
the full scoring pipeline beside the ``re.findall`` floor and the peers measured in the same
run on the same texts (``liwc`` dictionary counting, ``vaderSentiment``, ``empath``: the
``bench`` extra installs them); scaling with corpus size (0.1, 0.5, 1 and 2 million words) and
the slope of a log-log fit; the ``n_jobs=2`` speed-up; peak memory (``resource.getrusage`` of a
child process) for a 2-million-word JSONL file streamed in chunks and scored in memory;
``compare()`` and ``keyness()`` times; the start-up time of ``import framing`` and ``framing
--help`` (``bench_import.py``); and the calibration of intervals and tests
(``bench_calibration.py``). Progress goes to stderr. The targets are printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import inspect
import io
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from tabulate import tabulate

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_calibration  # noqa: E402
import bench_classifier  # noqa: E402
import bench_import  # noqa: E402
import bench_limits  # noqa: E402
import bench_stages  # noqa: E402
from _corpus import (  # noqa: E402
    PEERS,
    floor,
    make_sentences,
    paired_ratio,
    peers,
    seed_texts,
    text_stage,
    timed,
    write_jsonl,
)

import framing  # noqa: E402
from framing._compare import compare  # noqa: E402
from framing._corpus import load_corpus  # noqa: E402
from framing._keyness import keyness  # noqa: E402
from framing._lexicon import load_lexicon  # noqa: E402
from framing._scoring import score  # noqa: E402

NOT_YET = "not available yet"
RESAMPLES = inspect.signature(compare).parameters["n_resamples"].default
TARGET_RATE = 1_000_000  # tokens/s per core, full pipeline
TARGET_PIPELINE_FLOOR = 0.30
TARGET_TEXT_FLOOR = 0.50
TARGET_SPEEDUP = 1.7
# Issue #17's targets: medians of paired runs (floor and score(), n_jobs=1 and 2, back to back)
TARGET_PAIRED_FLOOR = 0.15
TARGET_PAIRED_SPEEDUP = 1.6
PAIRED_ROUNDS = 5
TARGET_MEMORY_MB = 500
TARGET_SLOPE = (0.9, 1.1)
TARGET_COMPARE_SECONDS = 10.0
TARGET_COVERAGE = 0.92
TARGET_FALSE_POSITIVES = 0.07


@dataclass(frozen=True)
class Settings:
    """Sizes of one run: ``sizes[2]`` is the throughput and ``n_jobs`` corpus, ``sizes[3]`` the
    memory, ``compare()`` and ``keyness()`` corpus."""

    sizes: tuple[int, ...]
    repeats: int
    budget: float
    synthetic: tuple[int, int, int]  # outlets, articles, sentences per article
    replications: int
    iter_chunk: int = 1000
    concurrent_children: bool = False
    limits: tuple[int, float, int] = (2000, 20.0, 100_000)  # copies, MB in one line, tiny docs
    paired_rounds: int = PAIRED_ROUNDS


FULL = Settings((100_000, 500_000, 1_000_000, 2_000_000), 3, 20.0, (20, 200, 250), 1000)
QUICK = Settings(
    (5_000, 10_000, 20_000, 40_000),
    1,
    5.0,
    (5, 20, 50),
    10,
    iter_chunk=20,
    concurrent_children=True,
    paired_rounds=2,
    limits=(40, 0.2, 400),
)


@dataclass
class Section:
    """One section of RESULTS.md: a title, a note and one table."""

    title: str
    note: str
    headers: list[str]
    rows: list[list[str]]
    align: list[str]
    extra: str = ""


@dataclass
class Summary:
    """The targeted figures, collected while the sections run."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def add(self, rank: int, what: str, value: str, target: str, ok: bool | None) -> None:
        """One figure; ``rank`` orders the rows as the sections of the file."""
        self.rows.append((rank, [what, value, target, verdict(ok)]))

    def table(self) -> list[list[str]]:
        return [row for _, row in sorted(self.rows, key=lambda item: item[0])]


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "not met")


def rate(tokens: float, seconds: float) -> str:
    return f"{tokens / seconds:,.0f}"


def words(n: int) -> str:
    return f"{n / 1e6:g} M words" if n >= 100_000 else f"{n:,} words"


def progress(start: float, message: str) -> None:
    print(f"[{time.perf_counter() - start:6.1f} s] {message}", file=sys.stderr, flush=True)


# --- the corpora ---------------------------------------------------------------------------


@dataclass
class Scored:
    """One benchmark corpus, loaded and scored once."""

    n_words: int
    path: Path
    n_tokens: int
    corpus: Any
    sents: Any
    seconds: float
    runs: int


class PairedFigure(NamedTuple):
    """One of issue #17's figures as shown: its value, its runs, its verdict."""

    value: str
    runs: str
    verdict: str


def issue_17_figure(
    settings: Settings,
    summary: Summary,
    clock: float,
    figure: tuple[int, str, float, str],
    first: Callable[[], object],
    second: Callable[[], object],
) -> PairedFigure:
    """The median ratio of ``first``'s seconds to ``second``'s over paired runs (see
    :func:`paired_ratio`), added to the summary; ``figure`` is (summary rank, name, target,
    format)."""
    rank, name, target, fmt = figure
    progress(clock, f"{name}: {settings.paired_rounds} paired rounds")
    median, ratios = paired_ratio(settings.paired_rounds, first, second)
    shown = PairedFigure(
        format(median, fmt), f"median of {len(ratios)} paired runs", verdict(median >= target)
    )
    summary.add(rank, f"{name}, {shown.runs} (issue #17)", shown.value, f"≥ {target:g}",
                median >= target)  # fmt: skip
    return shown


def scaling(
    settings: Settings, folder: Path, summary: Summary, clock: float
) -> tuple[Section, list[Scored]]:
    """score() seconds at every size, and the slope of log(seconds) on log(tokens)."""
    scored = []
    for n_words in settings.sizes:
        path = folder / f"corpus_{n_words}.jsonl"
        n_tokens = write_jsonl(path, n_words)
        corpus = load_corpus(path)
        progress(clock, f"score() on {words(n_words)}")
        seconds, runs, sents = timed(
            settings.repeats, lambda corpus=corpus: score(corpus), budget=settings.budget
        )
        scored.append(Scored(n_words, path, n_tokens, corpus, sents, seconds, runs))
    tokens = np.array([s.n_tokens for s in scored], dtype=float)
    seconds = np.array([s.seconds for s in scored])
    slope = float(np.polyfit(np.log(tokens), np.log(seconds), 1)[0])
    low, high = TARGET_SLOPE
    rows = [
        [
            words(s.n_words),
            f"{len(s.corpus):,}",
            f"{s.n_tokens:,}",
            f"{len(s.sents):,}",
            f"{s.seconds:.2f}",
            str(s.runs),
            rate(s.n_tokens, s.seconds),
            f"{s.seconds / s.n_tokens * 1e6:.3f}",
        ]
        for s in scored
    ]
    ok = low <= slope <= high
    summary.add(
        2,
        "scaling: slope of log(seconds) on log(tokens), 1.0 = linear",
        f"{slope:.3f}",
        f"{low} to {high}",
        ok,
    )
    note = (
        "`framing.score(corpus)` (the whole pipeline, one process) on JSONL corpora of the seed "
        "articles repeated, loaded before timing. The cost must grow linearly: the slope of a "
        f"least-squares fit of log(seconds) on log(tokens) is **{slope:.3f}** (target {low} to "
        f"{high}: {verdict(ok)}); seconds per million tokens should stay flat."
    )
    section = Section(
        "Scaling with corpus size",
        note,
        ["corpus", "documents", "tokens", "sentences", "seconds", "runs", "tokens/s", "s per M"],
        rows,
        ["left", "right", "right", "right", "right", "right", "right", "right"],
    )
    return section, scored


def throughput(
    settings: Settings, data: Scored, folder: Path, summary: Summary, clock: float
) -> Section:
    """The text stage, the full pipeline, the floor and the peers, on the same texts."""
    texts = [doc.text for doc in data.corpus]
    n = data.n_tokens
    progress(clock, f"floor, text stage and peers on {words(data.n_words)}")
    floor_seconds, floor_runs, _ = timed(settings.repeats, lambda: floor(texts))
    stage = text_stage(data.path, texts, settings.repeats, budget=settings.budget)
    floor_rate = n / floor_seconds
    text_ratio = (n / stage["total"]) / floor_rate
    pipeline_rate = n / data.seconds
    pipeline_ratio = pipeline_rate / floor_rate

    rows = [
        ['`re.findall(r"\\w+")` floor', f"{floor_seconds:.3f}", str(floor_runs),
         f"{floor_rate:,.0f}", "1.00", "", ""],
        ["text stage: load + clean + split sentences", f"{stage['total']:.3f}",
         str(settings.repeats), rate(n, stage["total"]), f"{text_ratio:.2f}",
         f"≥ {TARGET_TEXT_FLOOR:.2f} × floor", verdict(text_ratio >= TARGET_TEXT_FLOOR)],
        ["full pipeline: `framing.score()`, 1 core", f"{data.seconds:.3f}", str(data.runs),
         f"{pipeline_rate:,.0f}", f"{pipeline_ratio:.2f}",
         f"≥ {TARGET_RATE:,} /s and ≥ {TARGET_PIPELINE_FLOOR:.2f} × floor",
         verdict(pipeline_rate >= TARGET_RATE and pipeline_ratio >= TARGET_PIPELINE_FLOOR)],
    ]  # fmt: skip
    summary.add(
        1, "text stage, × floor", f"{text_ratio:.2f}", f"≥ {TARGET_TEXT_FLOOR:.2f}",
        text_ratio >= TARGET_TEXT_FLOOR,
    )  # fmt: skip
    summary.add(
        1, "full pipeline, tokens/s per core", f"{pipeline_rate:,.0f}", f"≥ {TARGET_RATE:,}",
        pipeline_rate >= TARGET_RATE,
    )  # fmt: skip
    summary.add(
        1, "full pipeline, × floor", f"{pipeline_ratio:.2f}", f"≥ {TARGET_PIPELINE_FLOOR:.2f}",
        pipeline_ratio >= TARGET_PIPELINE_FLOOR,
    )  # fmt: skip
    paired = issue_17_figure(
        settings, summary, clock, (1, "full pipeline, × floor", TARGET_PAIRED_FLOOR, ".3f"),
        lambda: floor(texts), lambda: score(data.corpus),
    )  # fmt: skip
    rows.append(
        [f"full pipeline, × floor: {paired.runs} (issue #17)", "", "", "", paired.value,
         f"≥ {TARGET_PAIRED_FLOOR:.2f} × floor", paired.verdict]
    )  # fmt: skip
    for name, count in peers(folder).items():
        label = PEERS[name][0]
        if isinstance(count, str):
            rows.append([label, "", "", count, "", "", "peer"])
            continue
        progress(clock, f"peer {name}")
        seconds, runs, _ = timed(
            settings.repeats,
            lambda count=count: [count(text) for text in texts],
            budget=settings.budget,
        )
        ratio = n / seconds / floor_rate
        rows.append(
            [label, f"{seconds:.3f}", str(runs), rate(n, seconds), f"{ratio:.2f}", "", "peer"]
        )
    note = (
        f"On the {words(data.n_words)} corpus ({len(data.corpus):,} documents, {n:,} tokens); "
        "every row on the same texts in the same run. Text stage parts (seconds): load "
        f"{stage['load']:.3f}, clean {stage['clean']:.3f}, split {stage['split']:.3f}. The full "
        "pipeline cleans, splits, attributes voice, finds the dyad, matches cues with negation "
        "and labels every sentence. The peers do less: `liwc` counts words of a dictionary, "
        "`vaderSentiment` scores sentiment, `empath` counts 194 word categories."
    )
    return Section(
        "Throughput",
        note,
        ["what", "seconds", "runs", "tokens/s", "× floor", "target", "result"],
        rows,
        ["left", "right", "right", "right", "right", "left", "left"],
    )


def stages(settings: Settings, data: Scored, clock: float) -> Section:
    """Each stage of score() timed apart (bench_stages.py), in seconds and floor units."""
    progress(clock, f"stages of score() on {words(data.n_words)}")
    texts = [doc.text for doc in data.corpus]
    passes = [bench_stages.stage_seconds(texts) for _ in range(settings.repeats)]
    best = {name: min(spent[name] for spent in passes) for name in bench_stages.STAGES}
    floor_seconds, _, _ = timed(settings.repeats, lambda: floor(texts))
    rest = max(data.seconds - sum(best.values()), 0.0)
    rows = [
        [name, f"{seconds:.3f}", f"{seconds / floor_seconds:.2f}", f"{seconds / data.seconds:.0%}"]
        for name, seconds in [*best.items(), ("rows and table (the rest of score())", rest)]
    ]
    rows.append(["`score()` in all", f"{data.seconds:.3f}",
                 f"{data.seconds / floor_seconds:.2f}", "100%"])  # fmt: skip
    scans = bench_stages.scan_seconds(texts, settings.repeats)
    budget = 1 / TARGET_PIPELINE_FLOOR  # floors a pipeline at the target ratio may spend
    text_floors = (best["clean"] + best["split"]) / floor_seconds
    boundary = scans["boundary"] / floor_seconds
    note = (
        f"On the {words(data.n_words)} corpus: the stages of `framing.score` timed apart, summed "
        f"over its documents (best of {settings.repeats} passes), in seconds and in floor units "
        '(the time of `re.findall(r"\\w+")` on the same texts). `python '
        "benchmarks/bench_stages.py` prints the same table.\n\n"
        "What single scans of the (lower-cased) texts cost here, in floors: `str.lower()` "
        f"{scans['lower'] / floor_seconds:.2f}; the word-boundary test `(?<!\\w)` that every "
        f"phrase pattern starts with, alone, {boundary:.2f}; the 20 contrast markers of the "
        f"built-in lexicon {scans['markers'] / floor_seconds:.2f}. A pipeline at "
        f"{TARGET_PIPELINE_FLOOR:.2f} × floor may spend {budget:.2f} floors in all; cleaning and "
        f"splitting take {text_floors:.2f} here, which leaves room for "
        f"{max(budget - text_floors, 0) / boundary:.1f} bare boundary scans for voice, dyad, cues "
        "and the rows, before any Python work per match or per sentence."
    )
    return Section(
        "Stages of score()",
        note,
        ["stage", "seconds", "floors", "share"],
        rows,
        ["left", "right", "right", "right"],
    )


def parallel(settings: Settings, data: Scored, summary: Summary, clock: float) -> Section:
    """score(n_jobs=2) against n_jobs=1 on the same corpus."""
    progress(clock, f"score(n_jobs=2) on {words(data.n_words)}")
    n = data.n_tokens
    base = [["n_jobs=1", f"{data.seconds:.2f}", str(data.runs), rate(n, data.seconds),
             rate(n, data.seconds), "1.00", "", "", ""]]  # fmt: skip
    try:
        seconds, runs, sents = timed(
            settings.repeats,
            lambda: score(data.corpus, n_jobs=2),
            budget=settings.budget,
        )
    except TypeError as exc:
        summary.add(3, "n_jobs=2 speed-up", NOT_YET, f"≥ {TARGET_SPEEDUP}", None)
        rows = [*base, ["n_jobs=2", "", "", f"{NOT_YET} ({exc})", "", "", "", "", "n/a"]]
    else:
        speedup = data.seconds / seconds
        same = bool(sents.equals(data.sents))
        summary.add(
            3,
            "n_jobs=2 speed-up",
            f"{speedup:.2f}",
            f"≥ {TARGET_SPEEDUP}",
            speedup >= TARGET_SPEEDUP,
        )
        rows = [
            *base,
            ["n_jobs=2", f"{seconds:.2f}", str(runs), rate(n, seconds), rate(n / 2, seconds),
             f"{speedup:.2f}", "yes" if same else "NO", f"≥ {TARGET_SPEEDUP}",
             verdict(speedup >= TARGET_SPEEDUP)],
        ]  # fmt: skip
        paired = issue_17_figure(
            settings, summary, clock, (3, "n_jobs=2 speed-up", TARGET_PAIRED_SPEEDUP, ".2f"),
            lambda: score(data.corpus), lambda: score(data.corpus, n_jobs=2),
        )  # fmt: skip
        rows.append(
            [f"n_jobs=2: {paired.runs} (issue #17)", "", "", "", "", paired.value, "",
             f"≥ {TARGET_PAIRED_SPEEDUP}", paired.verdict]
        )  # fmt: skip
    note = (
        f"`framing.score(corpus, n_jobs=2)` against `n_jobs=1` on the {words(data.n_words)} "
        f"corpus ({n:,} tokens), on a machine with {os.cpu_count()} CPUs; the `n_jobs=1` time "
        "is the one of the scaling table. The result must be identical, rows in the same order."
    )
    return Section(
        "Parallel scoring",
        note,
        ["", "seconds", "runs", "tokens/s", "tokens/s per core", "speed-up", "same rows",
         "target", "result"],
        rows,
        ["left", "right", "right", "right", "right", "right", "left", "left", "left"],
    )  # fmt: skip


# --- peak memory, measured in child processes ------------------------------------------------

# Runs in a child of the launcher; prints a JSON line. Constructed from the public API.
_WORK = r"""
import json, sys, time
kind, path, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
from framing._lexicon import load_lexicon
from framing._corpus import load_corpus
from framing._scoring import score
load_lexicon()
start = time.perf_counter()
rows = 0
if kind == "streamed":
    try:
        from framing._scoring import iter_scores
        from framing._stream import iter_corpus
    except ImportError as exc:
        print(json.dumps({"unavailable": f"{type(exc).__name__}: {exc}"}))
        sys.exit(0)
    for part in iter_scores(iter_corpus(path, chunk_size=chunk)):
        rows += len(part)
elif kind == "in_memory":
    rows = len(score(load_corpus(path)))
print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start}))
"""

# A small process between the benchmark and the work: on Linux a child spawned by a big
# process starts its ru_maxrss at the parent's size, so the work is spawned from a small one.
_LAUNCHER = r"""
import json, resource, subprocess, sys
proc = subprocess.run([sys.executable, "-c", *sys.argv[1:]], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout,
                  "stderr": proc.stderr[-3000:], "maxrss": peak}))
"""


def start_child(kind: str, path: Path, chunk: int) -> subprocess.Popen[str]:
    """Start one memory measurement in a fresh process (behind the small launcher)."""
    return subprocess.Popen(
        [sys.executable, "-c", _LAUNCHER, _WORK, kind, str(path), str(chunk)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def child_peak(process: subprocess.Popen[str]) -> dict[str, Any]:
    """Wait for a measurement: its peak resident set in MB, rows and seconds, or the reason
    there is none (``unavailable`` or ``error``)."""
    out, err = process.communicate()
    if process.returncode != 0:
        return {"error": f"launcher failed: {err.strip()[-300:]}"}
    report = json.loads(out)
    if report["returncode"] != 0:
        last = report["stderr"].strip().splitlines()[-1:] or ["no message"]
        return {"error": f"failed: {last[0]}"}
    result: dict[str, Any] = json.loads(report["stdout"].strip().splitlines()[-1])
    if "rows" in result:
        per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, else KB
        result["mb"] = report["maxrss"] / per_mb
    return result


def memory(settings: Settings, data: Scored, summary: Summary, clock: float) -> Section:
    """Peak memory of streamed and in-memory scoring of the largest corpus, and a baseline."""
    size = f"{words(data.n_words)} JSONL file ({data.path.stat().st_size / 2**20:.1f} MB)"
    cases = [
        ("baseline: import framing, load the lexicon", "baseline", "", None),
        (
            f"streamed: `iter_scores(iter_corpus(path, chunk_size={settings.iter_chunk}))`",
            "streamed",
            f"< {TARGET_MEMORY_MB} MB",
            TARGET_MEMORY_MB,
        ),
        ("in memory: `score(load_corpus(path))`", "in_memory", "", None),
    ]
    rows = []
    started: dict[str, subprocess.Popen[str]] = {}
    if settings.concurrent_children:  # a smoke run: memory figures stay right, times do not
        progress(clock, "peak memory: all cases at once")
        started = {kind: start_child(kind, data.path, settings.iter_chunk) for _, kind, *_ in cases}
    for label, kind, target, limit in cases:
        if kind not in started:
            progress(clock, f"peak memory: {kind}")
            started[kind] = start_child(kind, data.path, settings.iter_chunk)
        result = child_peak(started[kind])
        if "mb" not in result:
            reason = result.get("error") or f"{NOT_YET} ({result['unavailable']})"
            rows.append([label, "", "", reason, target, "n/a" if limit else ""])
            if limit:
                summary.add(4, "streamed peak memory, MB", NOT_YET, target, None)
            continue
        peak = result["mb"]
        ok = None if limit is None else peak < limit
        rows.append(
            [label, f"{result['rows']:,}" if kind != "baseline" else "",
             f"{result['seconds']:.2f}" if kind != "baseline" else "", f"{peak:,.0f}", target,
             verdict(ok) if limit else ""]
        )  # fmt: skip
        if limit:
            summary.add(4, f"streamed peak memory ({words(data.n_words)}), MB", f"{peak:,.0f}",
                        target, ok)  # fmt: skip
    note = (
        f"Each case runs in a fresh child process on the {size}; the figure is the peak "
        "resident set, `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`, read by a small "
        "launcher process (so that the benchmark's own memory does not count). Streaming reads "
        f"{settings.iter_chunk} documents at a time and drops each sentence table after "
        "counting its rows; in memory, the whole corpus and its sentence table are held."
    )
    return Section(
        "Peak memory",
        note,
        ["what", "sentences", "seconds", "peak MB", "target", "result"],
        rows,
        ["left", "right", "right", "right", "left", "left"],
    )


# --- compare(), keyness(), calibration --------------------------------------------------------


def analysis(settings: Settings, data: Scored, summary: Summary, clock: float) -> Section:
    """compare() and keyness() on the scored largest corpus, compare() on a synthetic table."""
    rows = []
    sents = data.sents
    n_docs = sents["doc_id"].nunique()
    n_outlets = sents["outlet"].nunique()

    def add(
        what: str, work: Callable[[], object], target: float | None = None, short: str = ""
    ) -> None:
        progress(clock, what.replace("`", ""))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, runs, _ = timed(settings.repeats, work, budget=settings.budget)
        ok = None if target is None else seconds < target
        rows.append([what, f"{seconds:.2f}", str(runs), f"< {target:g} s" if target else "",
                     verdict(ok) if target else ""])  # fmt: skip
        if target:
            summary.add(5, short, f"{seconds:.2f}", f"< {target:g}", ok)

    add(
        f"`compare(sents, by='outlet', seed=0)`: {len(sents):,} sentences, {n_docs:,} "
        f"articles, {n_outlets} outlets, {RESAMPLES:,} resamples (the default)",
        lambda: compare(sents, by="outlet", seed=0),
    )
    try:
        from framing._tally import tally
    except ImportError as exc:
        rows.append(["`tally(sents)`", "", "", "", f"{NOT_YET} ({exc})"])
    else:
        add(f"`tally(sents)`: {len(sents):,} sentences", lambda: tally(sents))
        counts = tally(sents)
        add(
            f"`compare(tally(sents), by='outlet', seed=0)`: {len(counts):,} rows",
            lambda: compare(counts, by="outlet", seed=0),
        )
    add(
        f"`keyness(corpus, by='outlet')`: {data.n_tokens:,} tokens, top 20",
        lambda: keyness(data.corpus, by="outlet"),
    )
    outlets, articles, per_article = settings.synthetic
    synthetic = make_sentences(outlets, articles, per_article)
    add(
        f"`compare()` on a synthetic table: {len(synthetic):,} sentences, {outlets} outlets x "
        f"{articles} articles, 10,000 resamples",
        lambda: compare(synthetic, n_resamples=10_000, seed=0),
        TARGET_COMPARE_SECONDS,
        f"`compare()` of {len(synthetic):,} synthetic sentences, seconds",
    )
    note = (
        f"On the sentence table of the {words(data.n_words)} corpus scored above (default "
        "`n_resamples`: pairwise and omnibus article-permutation tests), and on a synthetic "
        "sentence table built with numpy (`bench_compare.py`, whose target this is)."
    )
    return Section(
        "compare() and keyness()",
        note,
        ["what", "seconds", "runs", "target", "result"],
        rows,
        ["left", "right", "right", "left", "left"],
    )


def limits(settings: Settings, summary: Summary, clock: float) -> Section:
    """The command line at the limits (bench_limits.py): copies, one huge line, tiny documents."""
    copies, line_mb, tiny = settings.limits
    progress(clock, f"limits: {copies:,} copies, a {line_mb:g} MB line, {tiny:,} tiny documents")
    with tempfile.TemporaryDirectory() as tmp:
        results = bench_limits.measure(copies, line_mb, tiny, Path(tmp))
    rows = bench_limits.rows(results)
    for result, row in zip(results, rows, strict=True):
        ok = None if result.returncode != 0 else row[-1] == "met"
        value = f"{result.peak_mb:,.0f}" if result.returncode == 0 else NOT_YET
        summary.add(7, f"{result.what}: peak MB", value, row[3], ok)
    note = (
        "`bench_limits.py`: each case runs the `framing` command in a fresh child process; the "
        "peak is its resident set (`ru_maxrss`). The targets are for the issue's sizes "
        "(`python benchmarks/bench_limits.py --copies 20000 --line-mb 200 --tiny 1000000`): "
        "20,000 identical documents, a 200 MB line, a million one-sentence documents."
    )
    return Section(
        "Limits", note, bench_limits.HEADERS, rows, ["left", "right", "right", "left", "left"]
    )
def classifier(settings: Settings, summary: Summary, clock: float) -> Section:
    """Loading the bundled models, and ``compare`` with them against the lexicon (issue 15)."""
    progress(clock, "the classifier method: loading, framing compare seeds/")
    quick = settings.sizes == QUICK.sizes
    n_resamples = 1_000 if quick else RESAMPLES
    found = bench_classifier.figures(settings.repeats, n_resamples, warm_up=not quick)
    load_ok = found["load"] < bench_classifier.TARGET_LOAD_SECONDS
    ratio_ok = found["ratio"] <= bench_classifier.TARGET_RATIO
    rows = [
        ["load both bundled models (power, bond) from their files", f"{found['load']:.3f}",
         f"< {bench_classifier.TARGET_LOAD_SECONDS:g} s", verdict(load_ok)],
        [f"`framing compare seeds/ --n-resamples {n_resamples}` (lexicon), seconds",
         f"{found['lexicon']:.2f}", "", ""],
        [f"`framing compare seeds/ --n-resamples {n_resamples} --method classifier`, seconds",
         f"{found['classifier']:.2f}", "", ""],
        ["ratio: classifier / lexicon", f"{found['ratio']:.2f}",
         f"≤ {bench_classifier.TARGET_RATIO:g}", verdict(ratio_ok)],
    ]  # fmt: skip
    summary.add(5, "bundled models: load seconds", rows[0][1], rows[0][2], load_ok)
    summary.add(5, "compare seeds/: classifier / lexicon time", rows[3][1], rows[3][2], ratio_ok)
    note = (
        "`bench_classifier.py`: each `compare` is a new `python -m framing` process, end to end "
        "as a user runs it (imports, loading, scoring, resampling); fastest of the runs."
    )
    return Section(
        "The classifier method", note, ["what", "value", "target", "result"], rows,
        ["left", "right", "left", "left"],
    )  # fmt: skip


def startup(settings: Settings, summary: Summary, clock: float) -> Section:
    """``import framing`` and ``framing --help`` in new processes (bench_import.py, issue 17)."""
    runs = 3 if settings.sizes == QUICK.sizes else 7
    progress(clock, f"start-up: import framing, framing --help, {runs} processes each")
    rows = bench_import.rows(bench_import.measure(runs))
    for row in rows[1:]:
        summary.add(8, f"{row[0]}, seconds", row[1], row[3], row[4] == "met")
    note = (
        f"`bench_import.py`: the median of {runs} new processes of each command; "
        "`python -c pass` is the interpreter's own start, the floor."
    )
    return Section(
        "Start-up time", note, bench_import.HEADERS, rows,
        ["left", "right", "right", "left", "left"],
    )  # fmt: skip


def calibration(settings: Settings, summary: Summary, clock: float) -> Section:
    """The three tables of bench_calibration.py, with their headline figures."""
    reps = settings.replications
    progress(clock, f"calibration, {reps} replications per cell")
    rng = np.random.default_rng(20240601)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        at_eight = bench_calibration.coverage_table(reps, 999, rng)
        same_process = bench_calibration.pairwise_table(reps, 999, rng)
        worst_omnibus = bench_calibration.omnibus_table(reps, 999, rng)
    error = math.sqrt(0.95 * 0.05 / reps)
    coverage_ok = min(at_eight) >= TARGET_COVERAGE
    false_ok = max(same_process) <= TARGET_FALSE_POSITIVES
    omnibus_ok = worst_omnibus <= TARGET_FALSE_POSITIVES
    rows = [
        ["coverage of the 95 % t interval, 8 articles (lowest of 9 cells)",
         f"{min(at_eight):.3f}", f"≥ {TARGET_COVERAGE}", verdict(coverage_ok)],
        ["false-positive rate of the pairwise permutation test, same process (highest)",
         f"{max(same_process):.3f}", f"≤ {TARGET_FALSE_POSITIVES}", verdict(false_ok)],
        ["false-positive rate of the omnibus permutation test (highest)",
         f"{worst_omnibus:.3f}", f"≤ {TARGET_FALSE_POSITIVES}", verdict(omnibus_ok)],
    ]  # fmt: skip
    for row, ok in zip(rows, (coverage_ok, false_ok, omnibus_ok), strict=True):
        summary.add(6, "calibration: " + row[0], row[1], row[2], ok)
    note = (
        f"`bench_calibration.py` with {reps:,} replications per cell and 999 resamples (Monte "
        f"Carlo standard error of a coverage near 0.95: {error:.3f}). Its printed tables follow."
    )
    extra = (
        "<details><summary>The calibration tables</summary>\n\n```\n"
        + printed.getvalue().rstrip()
        + "\n```\n\n</details>"
    )
    return Section(
        "Calibration", note, ["what", "value", "target", "result"], rows,
        ["left", "right", "left", "left"], extra,
    )  # fmt: skip


# --- the Markdown file ------------------------------------------------------------------------


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def render(
    sections: Sequence[Section], summary: Summary, command: str, seconds: float, quick: bool
) -> str:
    minutes, rest = divmod(round(seconds), 60)
    peers_installed = ", ".join(f"{name} {_version(name)}" for name in PEERS)
    lines = [
        "# Benchmarks",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {platform.platform()}, {_cpu()}, {os.cpu_count()} CPUs",
        f"- Python {platform.python_version()}, framing {framing.__version__}, numpy "
        f"{np.__version__}, pandas {_version('pandas')}; peers: {peers_installed}",
        f"- command: `{command}` (took {minutes} min {rest} s)",
        '- unit: `\\w+` tokens (the matches of `re.findall(r"\\w+")`); every time is the '
        "fastest of its runs",
        "",
    ]
    if quick:
        lines += [
            "**--quick: small sizes for a smoke run; the figures are not comparable with the "
            "targets.**",
            "",
        ]
    lines += [
        "## Summary",
        "",
        "Every target of issue #7 (and of the earlier benchmarks), printed, never asserted.",
        "",
        tabulate(
            summary.table(),
            headers=["figure", "value", "target", "result"],
            tablefmt="github",
            disable_numparse=True,
            colalign=["left", "right", "left", "left"],
        ),
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", "", section.note, ""]
        lines.append(
            tabulate(
                section.rows,
                headers=section.headers,
                tablefmt="github",
                disable_numparse=True,
                colalign=section.align,
            )
        )
        lines.append("")
        if section.extra:
            lines += [section.extra, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument(
        "--output", type=Path, default=HERE / "RESULTS.md", help="default: benchmarks/RESULTS.md"
    )
    parser.add_argument("--repeats", type=int, help="best of this many runs (3; --quick: 1)")
    parser.add_argument("--budget", type=float, help="seconds per figure (20; --quick: 5)")
    parser.add_argument(
        "--replications", type=int, help="calibration replications per cell (1000; --quick: 20)"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    changes = {
        name: value
        for name, value in (
            ("repeats", args.repeats),
            ("budget", args.budget),
            ("replications", args.replications),
        )
        if value is not None
    }
    if changes:
        settings = Settings(**{**settings.__dict__, **changes})
    command = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    clock = time.perf_counter()
    summary = Summary()
    load_lexicon()  # parsed once, outside every timing, as a session would
    score(seed_texts())  # and the sentence splitter, the dyad and cue patterns are built once
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scaled, scored = scaling(settings, folder, summary, clock)
        middle, largest = scored[2], scored[-1]
        sections = [
            throughput(settings, middle, folder, summary, clock),
            stages(settings, middle, clock),
            scaled,
            parallel(settings, middle, summary, clock),
            memory(settings, largest, summary, clock),
            analysis(settings, largest, summary, clock),
            limits(settings, summary, clock),
            classifier(settings, summary, clock),
            startup(settings, summary, clock),
        ]
        if settings.replications > 0:
            sections.append(calibration(settings, summary, clock))
    seconds = time.perf_counter() - clock
    text = render(sections, summary, command, seconds, args.quick)
    args.output.write_text(text + "\n", encoding="utf-8")
    progress(clock, f"wrote {args.output}")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
