"""Same input, same seed: byte-identical tables, whatever the processes, chunks or partitions.

The tables compared are the CSV bytes of ``score``, ``aggregate`` (by document and by outlet),
``tally`` and ``compare(...).to_frame()``, on the seed articles and on a constructed corpus of
sixty documents (several outlets, dates, metadata with gaps, empty and all-chrome documents).
They must not change with ``n_jobs`` (worker processes), ``chunk_size``, the order in which
streamed chunks arrive, the Dask partitioning, or another Python process with another hash seed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import framing

from .conftest import ROOT, SEEDS

# Constructed sentences (not from articles), combined into documents of two to five sentences.
_SENTENCES = [
    "Xi and Putin are old friends.",
    "Russia is now China's junior partner, Xi and Putin agree.",
    "Xi and Putin: this is a marriage of convenience, not an alliance.",
    'Putin said: "We are equal partners with China."',
    "Beijing and Moscow are not friends but rivals, Xi said.",
    "The weather in Moscow was cold.",
    "Their camaraderie was calculated, a partnership of equals in name only.",
    "Xi called Putin his best friend; Putin called the ties unprecedented.",
    "Moscow has become dependent on Beijing.",
    "SHARE THIS ARTICLE ON",
]
_OUTLETS = ["Daily", "Weekly", "Wire", None]


def _constructed_frame() -> pd.DataFrame:
    rows = []
    for i in range(60):
        picked = [_SENTENCES[(i * 7 + k * 3) % len(_SENTENCES)] for k in range(2 + i % 4)]
        text = " ".join(picked) if i % 17 else ("" if i % 2 else "SHARE THIS ARTICLE ON")
        rows.append(
            {
                "doc_id": f"c{i:03d}",
                "text": text,
                "outlet": _OUTLETS[i % len(_OUTLETS)],
                "date": f"2023-{1 + i % 12:02d}" if i % 5 else None,
                "country": ["UK", "US", None][i % 3],
                "rank": [1, 2.5, None, "x"][i % 4],
            }
        )
    return pd.DataFrame(rows).astype({"rank": object})


def _quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def _tables(sents: pd.DataFrame) -> dict[str, bytes]:
    """Every table derived from a sentence table, as CSV bytes."""
    out = {
        "score": sents.to_csv(index=False).encode("utf-8"),
        "skipped": repr(sents.attrs["framing"]["skipped"]).encode("utf-8"),
        "aggregate_document": framing.aggregate(sents).to_csv(index=False).encode("utf-8"),
        "aggregate_outlet": framing.aggregate(sents, "outlet").to_csv(index=False).encode(),
        "tally": framing.tally(sents).to_csv(index=False).encode("utf-8"),
    }
    comparison = _quietly(framing.compare, sents, by="outlet", seed=3, n_resamples=500)
    out["compare"] = comparison.to_frame().to_csv(index=False).encode("utf-8")
    return out


@pytest.fixture(scope="module")
def constructed() -> framing.Corpus:
    return _quietly(framing.Corpus.from_frame, _constructed_frame())


@pytest.fixture(scope="module")
def reference(constructed) -> dict[str, dict[str, bytes]]:
    """The tables of one plain run (n_jobs=1, the default chunk size)."""
    return {
        "seeds": _tables(_quietly(framing.score, SEEDS)),
        "constructed": _tables(_quietly(framing.score, constructed)),
    }


def _data(name: str, constructed: framing.Corpus):
    return SEEDS if name == "seeds" else constructed


def test_the_constructed_corpus_exercises_what_it_should(constructed, reference):
    sents = pd.read_csv(pd.io.common.BytesIO(reference["constructed"]["score"]))
    assert sents["doc_id"].nunique() > 40 and sents["outlet"].nunique(dropna=False) == 4
    assert len(constructed.skipped) == 2  # the empty documents, recorded
    skipped = reference["constructed"]["skipped"].decode()
    assert "no text after cleaning" in skipped and "empty" in skipped
    for axis in ("power", "bond"):
        assert set(sents[f"{axis}_label"]) == {"none", *framing.load_lexicon().poles[axis]}


@pytest.mark.parametrize("name", ["seeds", "constructed"])
def test_a_second_run_gives_the_same_bytes(name, constructed, reference):
    again = _tables(_quietly(framing.score, _data(name, constructed)))
    assert again == reference[name]


@pytest.mark.parametrize("chunk_size", [1, 7, 200])
@pytest.mark.parametrize("name", ["seeds", "constructed"])
def test_chunk_size_changes_no_number(name, chunk_size, constructed, reference):
    sents = _quietly(framing.score, _data(name, constructed), chunk_size=chunk_size)
    assert _tables(sents) == reference[name]


@pytest.mark.parametrize("name", ["seeds", "constructed"])
def test_worker_processes_change_no_number(name, constructed, reference):
    # n_jobs=2 starts two processes: one run per corpus, with chunks small enough that both work.
    sents = _quietly(framing.score, _data(name, constructed), n_jobs=2, chunk_size=3)
    assert _tables(sents) == reference[name]


def test_a_stream_scored_in_chunks_and_merged_tallies_change_no_number(constructed, reference):
    parts = _quietly(lambda: list(framing.iter_scores(iter(constructed.documents), chunk_size=7)))
    merged = framing.merge_tallies(framing.tally(part) for part in parts)
    assert merged.to_csv(index=False).encode("utf-8") == reference["constructed"]["tally"]
    comparison = _quietly(framing.compare, merged, by="outlet", seed=3, n_resamples=500)
    assert comparison.to_frame().to_csv(index=False).encode() == reference["constructed"]["compare"]


_CHILD = """
import hashlib, sys, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, {root!r})
from tests.test_determinism import _tables
import framing
print(";".join(k + "=" + hashlib.sha256(v).hexdigest()
               for k, v in sorted(_tables(framing.score({seeds!r})).items())))
"""


@pytest.mark.slow
def test_another_process_with_another_hash_seed_gives_the_same_bytes(reference):
    # Set and dict order depend on PYTHONHASHSEED for str keys; no table may depend on it.
    code = _CHILD.format(root=str(ROOT), seeds=str(SEEDS))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    expected = ";".join(
        f"{k}={hashlib.sha256(v).hexdigest()}" for k, v in sorted(reference["seeds"].items())
    )
    assert result.stdout.strip() == expected


# --- Dask partitioning -------------------------------------------------------------------------


@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_dask_partitioning_changes_no_number(npartitions, reference):
    pytest.importorskip("dask.dataframe")
    framing_dask = pytest.importorskip("framing.dask")
    import dask
    import dask.dataframe as dd

    frame = _constructed_frame()
    with dask.config.set(scheduler="synchronous"):
        counts = _quietly(framing_dask.tally, dd.from_pandas(frame, npartitions=npartitions))
        sents = _quietly(
            lambda: framing_dask.score(dd.from_pandas(frame, npartitions=npartitions)).compute()
        )
    assert counts.to_csv(index=False).encode("utf-8") == reference["constructed"]["tally"]
    sents = sents.reset_index(drop=True)
    expected = reference["constructed"]["score"]
    assert sents.to_csv(index=False).encode("utf-8") == expected
    comparison = _quietly(framing.compare, counts, by="outlet", seed=3, n_resamples=500)
    assert comparison.to_frame().to_csv(index=False).encode() == reference["constructed"]["compare"]
