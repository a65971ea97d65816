"""Build benchmark corpora from the seed articles (the only real text the project holds)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_texts() -> list[str]:
    """The five seed articles as loaded from disk."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def write_jsonl(path: Path, n_words: int, *, n_outlets: int = 20, seed: int = 0) -> int:
    """Write a JSONL corpus of about ``n_words`` words by repeating the seeds.

    Each document is a seed article; outlets are drawn at random. Returns the exact number of
    ``\\w+`` tokens written, the unit of every throughput figure.
    """
    rng = np.random.default_rng(seed)
    texts = seed_texts()
    counts = [len(re.findall(r"\w+", t)) for t in texts]
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


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest of ``repeats`` runs of ``work`` (as timeit does: the others met
    noise from the machine)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
