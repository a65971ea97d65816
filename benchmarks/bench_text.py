"""Throughput of the text stage: load + clean + split sentences, in \\w+ tokens per second.

Run: ``python benchmarks/bench_text.py [--words 2000000]``. Prints figures; asserts nothing.
The floor is a plain ``re.findall(r"\\w+")`` over the same texts in the same run.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_jsonl  # noqa: E402

from framing.clean import clean  # noqa: E402
from framing.corpus import load_corpus  # noqa: E402
from framing.text import punkt_tokenizer, split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=2_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n_tokens = write_jsonl(path, args.words)

        start = time.perf_counter()
        corpus = load_corpus(path)
        loaded = time.perf_counter()
        cleaned = [clean(doc.text).text for doc in corpus]
        cleaned_at = time.perf_counter()
        n_sentences = sum(len(split_sentences(text)) for text in cleaned)
        done = time.perf_counter()

        texts = [doc.text for doc in corpus]
        floor_start = time.perf_counter()
        floor_tokens = sum(len(re.findall(r"\w+", text)) for text in texts)
        floor = time.perf_counter() - floor_start

        punkt = punkt_tokenizer()
        sample = cleaned[:200]
        sample_tokens = sum(len(re.findall(r"\w+", t)) for t in sample)
        punkt_start = time.perf_counter()
        for text in sample:
            list(punkt.span_tokenize(text))
        punkt_rate = sample_tokens / (time.perf_counter() - punkt_start)

    total = done - start
    rate = n_tokens / total
    floor_rate = floor_tokens / floor
    print(f"documents            {len(corpus):>12,}")
    print(f"tokens (\\w+)         {n_tokens:>12,}")
    print(f"sentences            {n_sentences:>12,}")
    print(f"load   s             {loaded - start:>12.2f}")
    print(f"clean  s             {cleaned_at - loaded:>12.2f}")
    print(f"split  s             {done - cleaned_at:>12.2f}")
    print(f"text stage tokens/s  {rate:>12,.0f}")
    print(f"floor re.findall/s   {floor_rate:>12,.0f}")
    print(f"ratio to floor       {rate / floor_rate:>12.2f}   (target >= 0.50)")
    print(f"NLTK Punkt alone /s  {punkt_rate:>12,.0f}   (split only, same parameters)")


if __name__ == "__main__":
    main()
