"""Benchmark: Fightin' Words keyness on a ~2 million-word corpus.

The corpus repeats the seed articles (``seeds/*.txt``) until it holds about two million words and
gives every copy a random outlet out of 20. Prints the corpus size and the seconds taken by
``framing.keyness`` (tokenising included), for the default settings and for a pair comparison.

Run: ``python benchmarks/bench_keyness.py [--words 2000000] [--outlets 20] [--seed 0]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from framing.keyness import keyness

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def build_corpus(n_words: int, n_outlets: int, seed: int) -> pd.DataFrame:
    """Repeat the seed texts to about ``n_words`` words, with random outlet labels."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2_000_000)
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    table = build_corpus(args.words, args.outlets, args.seed)
    n_words = int(table["text"].str.split().str.len().sum())
    print(f"corpus: {len(table)} documents, {n_words:,} words, {args.outlets} outlets")

    start = time.perf_counter()
    result = keyness(table, by="outlet")
    seconds = time.perf_counter() - start
    print(f"keyness(by='outlet', top=20): {seconds:.2f} s, {len(result)} rows")

    start = time.perf_counter()
    result = keyness(table, by="outlet", top=None)
    seconds = time.perf_counter() - start
    print(f"keyness(by='outlet', top=None): {seconds:.2f} s, {len(result)} rows")

    start = time.perf_counter()
    result = keyness(table, by="outlet", pair=("outlet_00", "outlet_01"))
    seconds = time.perf_counter() - start
    print(f"keyness(pair=('outlet_00', 'outlet_01')): {seconds:.2f} s, {len(result)} rows")


if __name__ == "__main__":
    main()
