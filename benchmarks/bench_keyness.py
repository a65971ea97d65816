"""Benchmark: Fightin' Words keyness on a ~2 million-word corpus.

The corpus repeats the seed articles (``seeds/*.txt``) until it holds about two million words and
gives every copy a random outlet out of 20. Prints the corpus size and the seconds taken by
``framing.keyness`` (tokenising included), for the default settings and for a pair comparison.

Run: ``python benchmarks/bench_keyness.py [--words 2000000] [--outlets 20] [--seed 0]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import build_corpus  # noqa: E402

from framing._keyness import keyness  # noqa: E402


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
