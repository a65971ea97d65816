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

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_keyness import build_corpus  # noqa: E402

from framing.compare import compare  # noqa: E402
from framing.keyness import keyness  # noqa: E402

AXES = {"power": ["equal", "junior"], "bond": ["friendship", "convenience"]}


def make_sentences(outlets: int, articles: int, per_article: int, seed: int = 0) -> pd.DataFrame:
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
