"""Throughput of the whole scoring pipeline, in \\w+ tokens per second, beside its peers.

Run: ``python benchmarks/bench_score.py [--words 2000000]`` (``pip install -e '.[bench]'`` for the
peers). Prints figures; asserts nothing. In the same run and on the same texts:
``framing.score`` with the built-in lexicon (clean, sentences, voice, dyad, cues, labels); the
``re.findall(r"\\w+")`` floor; and the peers: ``liwc`` counting a 40-term dictionary over
``\\w+`` tokens (the first 40 one-word cues of the built-in lexicon), ``vaderSentiment`` and
``empath`` (a slow peer gets fewer runs). ``python benchmarks/run.py`` runs every benchmark.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import best_of, floor, peers, write_jsonl  # noqa: E402

from framing._corpus import load_corpus  # noqa: E402
from framing._lexicon import load_lexicon  # noqa: E402
from framing._scoring import score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=2_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "corpus.jsonl"
        n_tokens = write_jsonl(path, args.words)
        corpus = load_corpus(path)
        texts = [doc.text for doc in corpus]
        load_lexicon()  # parse the lexicon outside the timing, as a session would once

        sents = score(corpus)
        seconds = best_of(args.repeats, lambda: score(corpus))
        floor_rate = n_tokens / best_of(args.repeats, lambda: floor(texts))
        rates: dict[str, float | str] = {}
        for name, count in peers(folder).items():
            if isinstance(count, str):
                rates[name] = count
            else:
                rates[name] = n_tokens / best_of(
                    args.repeats, lambda count=count: [count(t) for t in texts], budget=20
                )

    rate = n_tokens / seconds
    print(f"documents              {len(corpus):>12,}")
    print(f"tokens (\\w+)           {n_tokens:>12,}")
    print(f"sentences              {len(sents):>12,}")
    print(f"score() seconds        {seconds:>12.2f}   (best of {args.repeats})")
    print(f"score() tokens/s       {rate:>12,.0f}   (target >= 1,000,000)")
    print(f"floor re.findall/s     {floor_rate:>12,.0f}")
    print(f"ratio to floor         {rate / floor_rate:>12.2f}   (target >= 0.30)")
    for name, peer in rates.items():
        shown = peer if isinstance(peer, str) else f"{peer:>12,.0f}"
        print(f"{name + ' tokens/s':<22} {shown}")


if __name__ == "__main__":
    main()
