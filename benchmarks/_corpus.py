"""Shared pieces of the benchmarks: corpora built from the seed articles (the only real text the
project holds), the best-of timer, the ``re.findall`` floor, the text stage and the peers."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = re.compile(r"\w+")
NOT_INSTALLED = "not installed (pip install -e '.[bench]')"
AXES = {"power": ["equal", "junior"], "bond": ["friendship", "convenience"]}


def seed_texts() -> list[str]:
    """The five seed articles as loaded from disk."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def count_tokens(texts: Sequence[str]) -> int:
    """The number of ``\\w+`` tokens, the unit of every throughput figure."""
    return sum(len(TOKEN.findall(text)) for text in texts)


def write_jsonl(path: Path, n_words: int, *, n_outlets: int = 20, seed: int = 0) -> int:
    """Write a JSONL corpus of about ``n_words`` words by repeating the seeds.

    Each document is a seed article; outlets are drawn at random. Returns the exact number of
    ``\\w+`` tokens written, the unit of every throughput figure.
    """
    rng = np.random.default_rng(seed)
    texts = seed_texts()
    counts = [len(TOKEN.findall(t)) for t in texts]
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        i = 0
        while written < n_words:
            k = i % len(texts)
            record = {
                "doc_id": f"d{i:07d}",
                "outlet": f"outlet{int(rng.integers(n_outlets)):02d}",
                "date": "2024-05",
                "text": texts[k],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += counts[k]
            i += 1
    return written


def build_corpus(n_words: int, n_outlets: int, seed: int) -> pd.DataFrame:
    """Repeat the seed texts to about ``n_words`` (whitespace) words, with random outlets."""
    texts = seed_texts()
    words = np.array([len(t.split()) for t in texts])
    copies = int(np.ceil(n_words / words.sum()))
    rng = np.random.default_rng(seed)
    outlets = np.array([f"outlet_{k:02d}" for k in range(n_outlets)])
    docs = texts * copies
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(docs))],
            "outlet": outlets[rng.integers(0, n_outlets, size=len(docs))],
            "text": docs,
        }
    )


def make_sentences(outlets: int, articles: int, per_article: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic sentence table in the shape ``framing.score`` returns (for ``compare``).

    Each article has ``per_article`` sentences, 70 % of them relevant, 40 % of those labelled,
    and its own share of the first pole on each axis.
    """
    rng = np.random.default_rng(seed)
    n_docs = outlets * articles
    n = n_docs * per_article
    doc = np.repeat(np.arange(n_docs), per_article)
    outlet_of_doc = np.repeat(np.arange(outlets), articles)
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series([f"doc{d:05d}" for d in range(n_docs)]).to_numpy()[doc],
            "outlet": pd.Series([f"outlet {o:02d}" for o in range(outlets)]).to_numpy()[
                outlet_of_doc[doc]
            ],
            "voice": np.where(rng.random(n) < 0.3, "source", "narrator").astype(object),
            "relevant": rng.random(n) < 0.7,
        }
    )
    for axis, (pole_a, pole_b) in AXES.items():
        outlet_mean = rng.uniform(0.3, 0.7, outlets)
        share = rng.beta(4 * outlet_mean[outlet_of_doc], 4 * (1 - outlet_mean[outlet_of_doc]))
        labelled = frame["relevant"].to_numpy() & (rng.random(n) < 0.4)
        first = rng.random(n) < share[doc]
        labels = np.where(labelled, np.where(first, pole_a, pole_b), "none").astype(object)
        frame[axis] = np.where(labelled, np.where(first, 1.0, -1.0), np.nan)
        frame[f"{axis}_label"] = labels
    frame.attrs["framing"] = {
        "axes": AXES,
        "lexicon": {"name": "relationship", "version": "1.0.0"},
        "method": "lexicon",
    }
    return frame


def timed(
    repeats: int, work: Callable[[], object], *, budget: float | None = None
) -> tuple[float, int, object]:
    """Run ``work`` up to ``repeats`` times: (seconds of the fastest run, number of runs, the
    result of the last run).

    The fastest run is the figure, as timeit does: the others met noise from the machine. With
    ``budget`` (seconds), no further run starts once the runs so far plus one more would exceed
    it; there is always at least one run (a slow peer gets one run, fast work all of them).
    """
    times: list[float] = []
    result: object = None
    for _ in range(max(repeats, 1)):
        if budget is not None and times and sum(times) + min(times) > budget:
            break
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), len(times), result


def paired_ratio(
    rounds: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, list[float]]:
    """The median over ``rounds`` of (seconds of ``first``) / (seconds of ``second``), each round
    timing the two back to back, in alternating order: load on a shared machine changes within
    minutes, so each ratio is of two runs that met the same load. Returns the median and every
    round's ratio."""
    ratios = []
    for round_ in range(max(rounds, 1)):
        seconds = {}
        order = [first, second] if round_ % 2 == 0 else [second, first]
        for work in order:
            start = time.perf_counter()
            work()
            seconds[work] = time.perf_counter() - start
        ratios.append(seconds[first] / seconds[second])
    return float(np.median(ratios)), ratios


def best_of(repeats: int, work: Callable[[], object], *, budget: float | None = None) -> float:
    """Seconds of the fastest of ``repeats`` runs of ``work`` (see :func:`timed`)."""
    return timed(repeats, work, budget=budget)[0]


def floor(texts: Sequence[str]) -> list[list[str]]:
    """The floor every throughput figure is set beside: ``re.findall(r"\\w+")`` over each text."""
    return [TOKEN.findall(text) for text in texts]


def text_stage(
    path: Path, texts: Sequence[str], repeats: int, *, budget: float | None = None
) -> dict[str, float]:
    """Best-of seconds of each part of the text stage: load the JSONL file, clean every text,
    split the cleaned texts into sentences (keys ``load``, ``clean``, ``split``, ``total``)."""
    from framing._clean import clean
    from framing._corpus import load_corpus
    from framing._text import split_sentences

    cleaned = [clean(text).text for text in texts]
    seconds = {
        "load": best_of(repeats, lambda: load_corpus(path), budget=budget),
        "clean": best_of(repeats, lambda: [clean(text) for text in texts], budget=budget),
        "split": best_of(
            repeats, lambda: [split_sentences(text) for text in cleaned], budget=budget
        ),
    }
    seconds["total"] = seconds["load"] + seconds["clean"] + seconds["split"]
    return seconds


def _liwc(folder: Path) -> Callable[[str], object]:
    import liwc

    from framing._lexicon import load_lexicon

    words = [c.term for c in load_lexicon().cues if " " not in c.term and "-" not in c.term][:40]
    dic = folder / "forty.dic"
    dic.write_text("%\n1\tcue\n%\n" + "".join(f"{w}\t1\n" for w in words), encoding="utf-8")
    parse, _ = liwc.load_token_parser(str(dic))

    def count(text: str) -> Counter[str]:
        return Counter(
            category for token in TOKEN.findall(text.lower()) for category in parse(token)
        )

    return count


def _vader(folder: Path) -> Callable[[str], object]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores


def _empath(folder: Path) -> Callable[[str], object]:
    from empath import Empath

    lexicon = Empath()
    return lambda text: lexicon.analyze(text, normalize=False)


# name -> (what is measured, set-up returning a function of one text)
PEERS: dict[str, tuple[str, Callable[[Path], Callable[[str], object]]]] = {
    "liwc": ("liwc: count a 40-term dictionary (the first one-word cues) over \\w+ tokens", _liwc),
    "vaderSentiment": ("vaderSentiment: SentimentIntensityAnalyzer().polarity_scores", _vader),
    "empath": ("empath: Empath().analyze(text, normalize=False), 194 categories", _empath),
}


def peers(folder: Path) -> dict[str, Callable[[str], object] | str]:
    """Each peer as a function of one text, or the reason it cannot run.

    A peer that is not installed gives :data:`NOT_INSTALLED`; one that fails on a constructed
    sentence (e.g. it wants the network) gives ``"unavailable: <reason>"``. Never raises.
    """
    found: dict[str, Callable[[str], object] | str] = {}
    for name, (_, setup) in PEERS.items():
        try:
            function = setup(folder)
        except ImportError:
            found[name] = NOT_INSTALLED
            continue
        try:
            function("Xi and Putin met in Moscow.")  # a constructed sentence
        except Exception as exc:  # a third-party peer may fail in any way; report, never crash
            found[name] = f"unavailable: {type(exc).__name__}: {exc}"
            continue
        found[name] = function
    return found
