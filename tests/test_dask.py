"""framing.dask on a real LocalCluster: the same sentences, tallies and comparisons as pandas."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import framing  # noqa: E402
import framing.dask  # noqa: E402
from framing.errors import CorpusError, DataQualityWarning, ParameterError  # noqa: E402

from .conftest import SEEDS  # noqa: E402

# a LocalCluster of two worker processes, and some fifty round trips to it
pytestmark = pytest.mark.slow

PARTITIONS = [1, 2, 3, 7]


@pytest.fixture(scope="module")
def client():
    """Two worker processes of one thread each: data and errors really cross processes."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as running,
    ):
        assert dask.base.get_scheduler() == running.get  # compute() runs on the workers
        yield running


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@pytest.fixture(scope="module")
def seeds_frame() -> pd.DataFrame:
    return framing.load_corpus(SEEDS).to_frame()


@pytest.fixture(scope="module")
def large_frame(seeds_frame) -> pd.DataFrame:
    """The seed articles, each five times under new ids and outlets, and three empty documents.

    The empty texts are constructed; the copies keep the seed text and metadata.
    """
    copies = []
    for k in range(5):
        copy = seeds_frame.copy()
        copy["doc_id"] = [f"{ident}-{k}" for ident in seeds_frame["doc_id"]]
        copy["outlet"] = [f"Outlet {(i + k) % 3}" for i in range(len(seeds_frame))]
        copies.append(copy)
    empty = seeds_frame.iloc[:3].copy()
    empty["doc_id"] = ["empty-1", "empty-2", "empty-3"]
    empty["text"] = ["", "   \n", None]
    frame = pd.concat([copies[0], empty.iloc[:1], *copies[1:3], empty.iloc[1:], *copies[3:]])
    return frame.reset_index(drop=True)


@pytest.fixture(scope="module")
def expected(seeds_frame, large_frame):
    """framing.score and framing.tally on each whole pandas frame, in this process."""
    out = {}
    for name, frame in (("seeds", seeds_frame), ("large", large_frame)):
        sents = _quiet(framing.score, frame)
        out[name] = (sents, framing.tally(sents))
    return out


def _collection(frame: pd.DataFrame, kind: str, n: int):
    if kind == "frame":
        data = dd.from_pandas(frame, npartitions=n, sort=False)
    else:
        data = db.from_sequence(frame.to_dict("records"), npartitions=n)
    assert data.npartitions == min(n, len(frame))
    return data


def _by_sentence(sents: pd.DataFrame) -> pd.DataFrame:
    return sents.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)


CASES = [("seeds", 2), ("seeds", 3), *(("large", n) for n in PARTITIONS)]


@pytest.mark.parametrize("kind", ["frame", "bag"])
@pytest.mark.parametrize(("corpus", "n"), CASES, ids=[f"{c}-{n}" for c, n in CASES])
def test_sentences_equal_pandas(client, request, expected, kind, corpus, n):
    frame = request.getfixturevalue(f"{corpus}_frame")
    lazy = framing.dask.score(_collection(frame, kind, n))
    assert lazy.npartitions == min(n, len(frame))
    computed = lazy.compute()
    reference = expected[corpus][0]
    pd.testing.assert_frame_equal(_by_sentence(computed), _by_sentence(reference))
    # The meta is what computing gives: score()'s dtypes, metadata as objects.
    pd.testing.assert_series_equal(lazy.dtypes, reference.dtypes)
    assert str(lazy.dtypes["country"]) == str(lazy.dtypes["outlet"]) == "object"


@pytest.mark.parametrize("kind", ["frame", "bag"])
@pytest.mark.parametrize(("corpus", "n"), CASES, ids=[f"{c}-{n}" for c, n in CASES])
def test_tallies_equal_pandas(client, request, expected, kind, corpus, n):
    frame = request.getfixturevalue(f"{corpus}_frame")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        counts = framing.dask.tally(_collection(frame, kind, n))
    reference = expected[corpus][1]
    assert counts.equals(reference)
    pd.testing.assert_frame_equal(counts, reference)
    info, wanted = counts.attrs["framing"], reference.attrs["framing"]
    assert {k: v for k, v in info.items() if k != "skipped"} == {
        k: v for k, v in wanted.items() if k != "skipped"
    }
    # Skipped documents are collected from every partition; their source names the partition.
    assert sorted(e["reason"] for e in info["skipped"]) == sorted(
        e["reason"] for e in wanted["skipped"]
    )
    empty = [w for w in caught if issubclass(w.category, DataQualityWarning)]
    if corpus == "large":
        assert len(info["skipped"]) == 3
        assert all(e["source"].startswith("partition ") for e in info["skipped"])
        assert [str(w.message)[:46] for w in empty] == [
            "3 empty or whitespace-only document(s) skipped"
        ]
    else:
        assert not empty and not info["skipped"]


@pytest.mark.parametrize(("kind", "n"), [("frame", 3), ("bag", 7)])
def test_comparison_equals_pandas(client, large_frame, expected, kind, n):
    counts = _quiet(framing.dask.tally, _collection(large_frame, kind, n))
    got = _quiet(framing.compare, counts, by="outlet", seed=0)
    want = _quiet(framing.compare, expected["large"][0], by="outlet", seed=0)
    pd.testing.assert_frame_equal(got.to_frame(), want.to_frame())
    assert got.summary["n_docs"].sum() == 2 * 25  # two axes


def test_bag_of_documents(client, expected):
    corpus = framing.load_corpus(SEEDS)
    bag = db.from_sequence(list(corpus), npartitions=3)
    assert framing.dask.tally(bag).equals(expected["seeds"][1])
    sents = framing.dask.score(bag).compute()
    pd.testing.assert_frame_equal(_by_sentence(sents), _by_sentence(expected["seeds"][0]))


def test_empty_partitions(client, seeds_frame, expected):
    """A partition with no row, and one whose documents are all empty, do not stop the job."""
    blank = pd.DataFrame({"doc_id": ["blank-1", "blank-2"], "text": ["", None]})
    frame = pd.concat([seeds_frame.iloc[:2], blank, seeds_frame.iloc[2:4], seeds_frame.iloc[4:]])
    data = dd.from_pandas(frame.reset_index(drop=True), npartitions=4, sort=False)
    data = data[data["doc_id"] != seeds_frame["doc_id"].iloc[4]]  # the last partition: no row
    assert [len(data.partitions[i]) for i in range(4)] == [2, 2, 2, 0]
    sents = framing.dask.score(data)
    parts = [sents.partitions[i].compute() for i in range(4)]
    assert [len(p) > 0 for p in parts] == [True, False, True, False]
    assert all(p.dtypes.equals(sents.dtypes) for p in parts)
    assert parts[1].attrs["framing"]["skipped"] == [
        {"source": "partition 1:row 1", "reason": "empty"},
        {"source": "partition 1:row 2", "reason": "empty"},
    ]
    with pytest.warns(DataQualityWarning, match="2 empty or whitespace-only"):
        counts = framing.dask.tally(data)
    reference = framing.tally(_quiet(framing.score, seeds_frame.iloc[:4]))
    assert counts.equals(reference)


def test_no_document_with_text(client):
    data = dd.from_pandas(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", " "]}), npartitions=2)
    with pytest.raises(CorpusError, match="no partition holds a document with text"):
        _quiet(framing.dask.tally, data)


def test_ids_are_required(client, seeds_frame):
    without = dd.from_pandas(seeds_frame.drop(columns="doc_id"), npartitions=2)
    for function in (framing.dask.score, framing.dask.tally):
        with pytest.raises(CorpusError, match="no doc_id column 'doc_id'.*unique id"):
            function(without)
        with pytest.raises(ParameterError, match="doc_id=None"):
            function(dd.from_pandas(seeds_frame, npartitions=2), doc_id=None)
    # A row without an id, and a Bag record without the key: the worker names the row.
    gap = seeds_frame.assign(doc_id=[*seeds_frame["doc_id"].iloc[:3], None, "x"])
    with pytest.raises(CorpusError, match="partition 1, row 1: no doc_id") as info:
        framing.dask.tally(dd.from_pandas(gap, npartitions=2, sort=False))
    assert info.value.row == 1
    records = seeds_frame.drop(columns="doc_id").to_dict("records")
    with pytest.raises(CorpusError, match="partition 0 has no 'doc_id' column"):
        framing.dask.score(db.from_sequence(records, npartitions=2))


def test_duplicate_ids_across_partitions(client, seeds_frame):
    frame = seeds_frame.assign(doc_id=["a", "b", "c", "d", "b"])
    data = dd.from_pandas(frame, npartitions=2, sort=False)  # rows 0-2 and 3-4
    with pytest.raises(CorpusError, match="duplicate doc_id 'b' in partitions 0 and 1") as info:
        framing.dask.tally(data)
    assert info.value.doc_id == "b"
    # score() checks each partition only, as documented: both documents keep their rows.
    sents = framing.dask.score(data).compute()
    assert sents.groupby("doc_id")["sent_id"].apply(lambda s: (s == 0).sum())["b"] == 2
    # Within one partition, the worker's Corpus finds it.
    with pytest.raises(CorpusError, match="duplicate doc_id 'b'"):
        framing.dask.tally(dd.from_pandas(frame, npartitions=1))


def test_worker_error_reaches_the_client(client, seeds_frame):
    """A FramingError raised in a worker process arrives as itself, naming the document."""
    bad = seeds_frame.assign(date=[*seeds_frame["date"].iloc[:4], "2023-13-45"])
    data = dd.from_pandas(bad, npartitions=2, sort=False)
    ident = seeds_frame["doc_id"].iloc[4]
    for run in (framing.dask.tally, lambda d: framing.dask.score(d).compute()):
        with pytest.raises(CorpusError, match=f"partition 1, row 2 \\({ident}\\)") as info:
            run(data)
        assert info.value.doc_id == ident and info.value.row == 2


def test_lexicon_is_shipped_not_reread(client, tmp_path, seeds_frame, expected):
    """The lexicon is read once on the client: the workers never open its file."""
    path = tmp_path / "relationship.toml"
    shutil.copy(SEEDS.parent / "src" / "framing" / "lexicons" / "relationship.toml", path)
    lazy = framing.dask.score(dd.from_pandas(seeds_frame, npartitions=2), path)
    path.unlink()
    sents = lazy.compute()
    pd.testing.assert_frame_equal(_by_sentence(sents), _by_sentence(expected["seeds"][0]))


def test_bag_keys_beyond_the_first_partition(client):
    records = [  # constructed
        {"doc_id": "a", "text": "Xi and Putin are old friends."},
        {"doc_id": "b", "text": "Russia is China's junior partner.", "genre": "news"},
    ]
    bag = db.from_sequence(records, npartitions=2)
    with pytest.raises(CorpusError, match=r"partition 1: records with the keys \['genre'\]"):
        framing.dask.score(bag).compute()
    counts = _quiet(framing.dask.tally, bag)
    assert counts.equals(framing.tally(_quiet(framing.score, pd.DataFrame(records))))


def test_not_a_dask_collection(seeds_frame):
    with pytest.raises(ParameterError, match="use framing.score"):
        framing.dask.tally(seeds_frame)
    with pytest.raises(ParameterError, match="method='rules'"):
        framing.dask.score(dd.from_pandas(seeds_frame, npartitions=1), method="rules")


def test_import_framing_does_not_import_dask():
    code = "import sys, framing; print('dask' in sys.modules, 'framing.dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
