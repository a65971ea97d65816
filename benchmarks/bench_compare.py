"""Time framing.compare() on 1 million sentences: 20 outlets x 200 articles, 10,000 resamples.

The sentence table is synthetic (built with numpy in the shape framing.score returns; not
timed): each article has 250 sentences, 70 % of them relevant, and its own share of the first
pole on each axis. compare() then runs 190 pairwise permutation tests and one omnibus
permutation test per axis, each with 10,000 permutations of articles.

Run: ``python benchmarks/bench_compare.py`` (target: compare() under 10 s on one core).
Options: ``--outlets``, ``--articles``, ``--sentences`` (per article), ``--resamples``,
``--interval`` (t, bca, percentile).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import build_corpus, make_sentences  # noqa: E402

from framing._compare import compare  # noqa: E402
from framing._keyness import keyness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=250, help="per article")
    parser.add_argument("--resamples", type=int, default=10_000)
    parser.add_argument("--interval", default="t", choices=["t", "bca", "percentile"])
    parser.add_argument(
        "--keyness-words",
        type=int,
        default=2_000_000,
        help="also time keyness() on a corpus of this many words (0: skip)",
    )
    args = parser.parse_args()
    sents = make_sentences(args.outlets, args.articles, args.sentences)
    print(
        f"{len(sents):,} sentences, {args.outlets} outlets x {args.articles} articles, "
        f"{args.resamples:,} resamples, interval={args.interval!r}, "
        f"OMP/OPENBLAS threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        cmp = compare(sents, n_resamples=args.resamples, interval=args.interval, seed=0)
        seconds = time.perf_counter() - start
    print(f"compare(): {seconds:.2f} s")
    print(
        f"  {len(cmp.summary)} summary rows, {len(cmp.pairwise)} pairwise tests "
        f"({cmp.pairwise['method'].iloc[0]}), omnibus: {cmp.omnibus['test'].iloc[0]}"
    )
    if args.keyness_words:
        documents = build_corpus(args.keyness_words, args.outlets, seed=0)
        start = time.perf_counter()
        keyness(documents, by="outlet", top=20)
        print(f"keyness(): {time.perf_counter() - start:.2f} s on {args.keyness_words:,} words")


if __name__ == "__main__":
    main()
