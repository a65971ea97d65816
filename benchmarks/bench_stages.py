"""Where the scoring pipeline spends its time: each stage of ``framing.score``, timed apart.

Run: ``python benchmarks/bench_stages.py [--words 1000000]``. Prints figures; asserts nothing.
The documents are cleaned, split into sentences, attributed (voice), matched against the
built-in lexicon and judged for the dyad (with the dyad's phrases found by the cue scan), stage
by stage as ``framing.score`` does, with the time of each stage over the corpus (best of
``--repeats`` passes); ``score()`` itself is timed last, so the rest of its time is building
the rows and the table. Each stage is also given in floor units: its time over that of
``re.findall(r"\\w+")`` on the same texts.

It also prints what single scans of the texts cost in floor units (:func:`scan_seconds`): the
least a stage that searches the text with a Python regular expression can cost. They bound the
pipeline's speed from below: see the "Stages of score()" section of ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import best_of, floor, write_jsonl  # noqa: E402

from framing._clean import clean  # noqa: E402
from framing._corpus import load_corpus  # noqa: E402
from framing._lexicon import load_lexicon  # noqa: E402
from framing._scoring import score  # noqa: E402
from framing._text import split_sentences  # noqa: E402
from framing._voice import _attribute_voice  # noqa: E402

STAGES = ("clean", "split", "voice", "cues", "dyad")


def stage_seconds(texts: list[str]) -> dict[str, float]:
    """One pass over the texts, stage by stage as ``score()`` runs a chunk (each stage over every
    text before the next): the seconds spent in each stage."""
    lexicon = load_lexicon()
    dyad = lexicon.dyad_matcher()
    t0 = time.perf_counter()
    cleaned = [clean(raw).text for raw in texts]
    t1 = time.perf_counter()
    kept = [(text, spans) for text in cleaned if (spans := split_sentences(text))]
    t2 = time.perf_counter()
    for text, spans in kept:
        starts, ends, paragraphs = (list(values) for values in zip(*spans, strict=True))
        _attribute_voice(text, starts, ends, paragraphs)  # as score() calls it: no span checks
    t3 = time.perf_counter()
    lowered = [text.lower() for text, _ in kept]
    # As score() does: the cue scan finds the dyad's phrases too, the dyad takes them.
    found = [
        lexicon._records_with_actors(text, spans, low)[1]
        for (text, spans), low in zip(kept, lowered, strict=True)
    ]
    t4 = time.perf_counter()
    for (text, spans), low, hits in zip(kept, lowered, found, strict=True):
        dyad.relevance(text, spans, lowered=low, hits=hits)
    t5 = time.perf_counter()
    times = (t0, t1, t2, t3, t4, t5)
    return {name: end - begin for name, begin, end in zip(STAGES, times, times[1:], strict=False)}


def scan_seconds(texts: list[str], repeats: int) -> dict[str, float]:
    """Best-of seconds of single scans over the lower-cased texts, each finding (almost) nothing.

    - ``lower``: ``str.lower()`` of every text (the matchers run on lower-cased text);
    - ``boundary``: ``(?<!\\w)`` then a literal that never occurs, the word-boundary test every
      phrase pattern starts with, alone;
    - ``markers``: the built-in lexicon's contrast and concession markers (20 phrases) as one
      pattern, the cheapest real phrase scan.
    """
    lowered = [text.lower() for text in texts]
    boundary = re.compile(r"(?<!\w)\x00never")
    markers = load_lexicon()._compiled.contrast
    scans = {
        "lower": lambda: [text.lower() for text in texts],
        "boundary": lambda: [boundary.findall(text) for text in lowered],
        "markers": lambda: [list(markers.finditer(text, lowered=text)) for text in lowered],
    }
    return {name: best_of(repeats, scan) for name, scan in scans.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many passes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n_tokens = write_jsonl(path, args.words)
        corpus = load_corpus(path)
    texts = [doc.text for doc in corpus]
    lexicon = load_lexicon()
    lexicon.match("")  # compile the patterns outside the timing, as a session would once
    passes = [stage_seconds(texts) for _ in range(args.repeats)]
    best = {name: min(spent[name] for spent in passes) for name in STAGES}
    total = best_of(args.repeats, lambda: score(corpus, lexicon))
    floor_seconds = best_of(args.repeats, lambda: floor(texts))
    rows = [*best.items(), ("rows and table (the rest)", total - sum(best.values()))]
    print(f"tokens (\\w+) {n_tokens:,}; per stage, best of {args.repeats}")
    print(f"{'stage':<28}{'seconds':>9}{'floors':>9}{'share':>8}")
    for name, seconds in rows:
        print(f"{name:<28}{seconds:>9.3f}{seconds / floor_seconds:>9.2f}{seconds / total:>8.0%}")
    print(f"{'score() in all':<28}{total:>9.3f}{total / floor_seconds:>9.2f}{1:>8.0%}")
    print(f"score() tokens/s {n_tokens / total:,.0f}")
    print(f"floor re.findall/s {n_tokens / floor_seconds:,.0f}")
    print("single scans of the texts, in floors:")
    for name, seconds in scan_seconds(texts, args.repeats).items():
        print(f"  {name:<26}{seconds:>9.3f}{seconds / floor_seconds:>9.2f}")


if __name__ == "__main__":
    main()
