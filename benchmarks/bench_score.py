"""Throughput of the whole scoring pipeline, in \\w+ tokens per second, beside its peers.

Run: ``python benchmarks/bench_score.py [--words 2000000]`` (``pip install -e '.[bench]'`` for the
``liwc`` comparison). Prints figures; asserts nothing. In the same run and on the same texts:
``framing.score`` with the built-in lexicon (clean, sentences, voice, dyad, cues, labels); the
``re.findall(r"\\w+")`` floor; and the ``liwc`` package counting a 40-term dictionary over
``\\w+`` tokens (the dictionary is the first 40 one-word cues of the built-in lexicon).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import best_of, write_jsonl  # noqa: E402

from framing.corpus import load_corpus  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402
from framing.scoring import score  # noqa: E402


def _liwc_rate(texts: list[str], n_tokens: int, folder: Path) -> float | None:
    try:
        import liwc
    except ImportError:
        return None
    words = [c.term for c in load_lexicon().cues if " " not in c.term and "-" not in c.term][:40]
    dic = folder / "forty.dic"
    dic.write_text("%\n1\tcue\n%\n" + "".join(f"{w}\t1\n" for w in words), encoding="utf-8")
    parse, _ = liwc.load_token_parser(str(dic))
    start = time.perf_counter()
    for text in texts:
        Counter(category for token in re.findall(r"\w+", text.lower()) for category in parse(token))
    return n_tokens / (time.perf_counter() - start)


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
        floor = best_of(args.repeats, lambda: [re.findall(r"\w+", text) for text in texts])
        floor_rate = n_tokens / floor
        liwc_rate = _liwc_rate(texts, n_tokens, folder)

    rate = n_tokens / seconds
    print(f"documents              {len(corpus):>12,}")
    print(f"tokens (\\w+)           {n_tokens:>12,}")
    print(f"sentences              {len(sents):>12,}")
    print(f"score() seconds        {seconds:>12.2f}   (best of {args.repeats})")
    print(f"score() tokens/s       {rate:>12,.0f}   (target >= 1,000,000)")
    print(f"floor re.findall/s     {floor_rate:>12,.0f}")
    print(f"ratio to floor         {rate / floor_rate:>12.2f}   (target >= 0.30)")
    if liwc_rate is None:
        print("liwc tokens/s          not installed (pip install -e '.[bench]')")
    else:
        print(f"liwc 40 terms tokens/s {liwc_rate:>12,.0f}   (counting only)")


if __name__ == "__main__":
    main()
