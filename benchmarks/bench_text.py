"""Throughput of the text stage: load + clean + split sentences, in \\w+ tokens per second.

Run: ``python benchmarks/bench_text.py [--words 2000000]``. Prints figures; asserts nothing.
The floor is a plain ``re.findall(r"\\w+")`` over the same texts in the same run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import best_of, count_tokens, floor, text_stage, write_jsonl  # noqa: E402

from framing._clean import clean  # noqa: E402
from framing._corpus import load_corpus  # noqa: E402
from framing._text import punkt_tokenizer, split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=2_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n_tokens = write_jsonl(path, args.words)
        corpus = load_corpus(path)
        texts = [doc.text for doc in corpus]
        cleaned = [clean(text).text for text in texts]
        n_sentences = sum(len(split_sentences(text)) for text in cleaned)

        stage = text_stage(path, texts, args.repeats)
        floor_seconds = best_of(args.repeats, lambda: floor(texts))

        punkt = punkt_tokenizer()
        sample = cleaned[:200]
        sample_tokens = count_tokens(sample)
        punkt_seconds = best_of(1, lambda: [list(punkt.span_tokenize(t)) for t in sample])

    rate = n_tokens / stage["total"]
    floor_rate = n_tokens / floor_seconds
    print(f"documents            {len(corpus):>12,}")
    print(f"tokens (\\w+)         {n_tokens:>12,}")
    print(f"sentences            {n_sentences:>12,}")
    print(f"load   s             {stage['load']:>12.2f}   (best of {args.repeats})")
    print(f"clean  s             {stage['clean']:>12.2f}")
    print(f"split  s             {stage['split']:>12.2f}")
    print(f"text stage tokens/s  {rate:>12,.0f}")
    print(f"floor re.findall/s   {floor_rate:>12,.0f}")
    print(f"ratio to floor       {rate / floor_rate:>12.2f}   (target >= 0.50)")
    punkt_rate = sample_tokens / punkt_seconds
    print(f"NLTK Punkt alone /s  {punkt_rate:>12,.0f}   (split only, same parameters)")


if __name__ == "__main__":
    main()
