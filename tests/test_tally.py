"""framing.tally: mergeable counts per (document, voice), and compare() on a tally."""

from __future__ import annotations

import copy
import io
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing._scoring
from framing._compare import compare
from framing._tally import TALLY_COUNTS, merge_tallies, tally
from framing.errors import DataQualityWarning, ParameterError

AXES = {"power": ["equal", "junior"], "bond": ["friendship", "convenience"]}

# Constructed sentences (not from any article), with the labels framing.score gives them.
POOL = [
    "Xi and Putin are old friends.",  # friendship
    "Russia is China's junior partner.",  # junior
    "Xi and Putin meet as equals.",  # equal
    "For Beijing and Moscow this is a marriage of convenience.",  # convenience
    '"China is not our senior partner," Putin said of Xi.',  # equal, quoted (source)
    "The summit took place in Beijing.",  # not relevant
    "Moscow and Beijing share a deep and lasting friendship.",  # friendship
    '"We are equal partners," Xi said of Russia.',  # equal, quoted (source)
    '"Russia and China are true friends," Putin said.',  # friendship, quoted (source)
]


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@pytest.fixture(scope="module")
def seeds_sents(seeds_scores_cached):
    return seeds_scores_cached.copy()


@pytest.fixture(scope="module")
def built_sents():
    """A constructed corpus of 48 articles in 3 outlets and 2 countries, leaning differently."""
    rng = np.random.default_rng(7)
    lean = {"A": [0.35, 0.05, 0.1, 0.05, 0.1, 0.2, 0.05, 0.05, 0.05],
            "B": [0.05, 0.3, 0.05, 0.25, 0.05, 0.15, 0.05, 0.05, 0.05],
            "C": [0.15, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05]}  # fmt: skip
    rows = []
    for i in range(48):
        outlet = "ABC"[i % 3]
        picks = rng.choice(len(POOL), size=int(rng.integers(2, 9)), p=lean[outlet])
        rows.append(
            {
                "doc_id": f"d{i:02d}",
                "text": " ".join(POOL[k] for k in picks),
                "outlet": outlet,
                # doc 5 has no outlet: compare drops its sentences with a warning
                "date": f"2023-0{1 + i % 9}-01",
                "country": "X" if i % 4 else "Y",
            }
        )
    rows[5]["outlet"] = None
    frame = pd.DataFrame(rows)
    return _quiet(framing._scoring.score, frame)


def _constructed_table():
    """A hand-made sentence table: doc b has a source sentence, doc c a label of each pole."""
    frame = pd.DataFrame(
        {
            "doc_id": ["b", "a", "a", "b", "c", "c", "c"],
            "outlet": pd.Series(["X", "X", "X", "X", None, None, None], dtype=object),
            "sent_id": [0, 0, 1, 1, 0, 1, 2],
            "voice": ["narrator", "narrator", "narrator", "source", "narrator", "narrator",
                      "narrator"],
            "relevant": [True, True, False, True, True, True, False],
            "power_label": ["equal", "junior", "none", "equal", "equal", "junior", "none"],
            "bond_label": ["none", "friendship", "none", "convenience", "none", "none", "none"],
            "country": ["P", "Q", "Q", "P", "R", "R", "R"],
        }
    )  # fmt: skip
    frame.attrs["framing"] = {"axes": copy.deepcopy(AXES), "lexicon": {"name": "t", "version": "1"},
                              "method": "lexicon", "relevant_only": True,
                              "skipped": [{"source": "e.txt", "reason": "empty"}]}  # fmt: skip
    return frame


# --------------------------------------------------------------------------------------------
# tally
# --------------------------------------------------------------------------------------------
def test_tally_of_a_hand_made_table():
    out = tally(_constructed_table())
    expected = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b", "c"],
            "voice": ["narrator", "narrator", "source", "narrator"],
            "outlet": pd.Series(["X", "X", "X", None], dtype=object),
            "country": ["Q", "P", "P", "R"],
            "n_sentences": [2, 1, 1, 3],
            "n_relevant": [1, 1, 1, 2],
            "n_equal": [0, 1, 1, 1],
            "n_junior": [1, 0, 0, 1],
            "n_friendship": [1, 0, 0, 0],
            "n_convenience": [0, 0, 1, 0],
        }
    )
    expected = expected.astype({c: "int64" for c in expected.columns if c.startswith("n_")})
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)
    assert all(out[c].dtype == np.int64 for c in out.columns if c.startswith("n_"))
    assert out.loc[3, "outlet"] is None  # a missing value stays as it was
    assert out.attrs["framing"]["kind"] == "tally"
    assert out.attrs["framing"]["skipped"] == [{"source": "e.txt", "reason": "empty"}]


def test_tally_of_the_seeds_matches_pandas_counts(seeds_sents):
    out = tally(seeds_sents)
    reference = seeds_sents.groupby(["doc_id", "voice"]).agg(
        n_sentences=("sent_id", "size"),
        n_relevant=("relevant", "sum"),
        n_junior=("power_label", lambda s: int((s == "junior").sum())),
        n_convenience=("bond_label", lambda s: int((s == "convenience").sum())),
    )
    got = out.set_index(["doc_id", "voice"])[list(reference.columns)]
    pd.testing.assert_frame_equal(got, reference, check_dtype=False)
    assert out["n_sentences"].sum() == len(seeds_sents)
    # Document-level columns kept with their values, per-sentence ones gone.
    for column in ("outlet", "date", "date_precision", "year", "country", "genre", "title"):
        assert column in out.columns
        by_doc = seeds_sents.drop_duplicates("doc_id").set_index("doc_id")[column]
        assert out[column].tolist() == by_doc.loc[out["doc_id"]].tolist()
    for column in ("sent_id", "text", "speaker", "relevant", "cues", "evidence", "power",
                   "power_label", "actors", "relevance", "start", "end", "paragraph"):  # fmt: skip
        assert column not in out.columns
    assert out["year"].dtype == seeds_sents["year"].dtype
    assert list(out.columns[-6:]) == [*TALLY_COUNTS, "n_equal", "n_junior", "n_friendship",
                                      "n_convenience"]  # fmt: skip


def test_tally_does_not_modify_its_input(seeds_sents):
    before = seeds_sents.copy()
    attrs = copy.deepcopy(seeds_sents.attrs)
    out = tally(seeds_sents)
    out.attrs["framing"]["skipped"].append("x")
    pd.testing.assert_frame_equal(seeds_sents, before)
    assert seeds_sents.attrs == attrs


def test_tally_of_an_empty_table_keeps_every_column(seeds_sents):
    empty = seeds_sents.iloc[:0]
    out = tally(empty)
    assert len(out) == 0
    assert list(out.columns) == list(tally(seeds_sents).columns)
    assert out["n_sentences"].dtype == np.int64
    assert merge_tallies([out, tally(seeds_sents)]).equals(tally(seeds_sents))


def test_a_column_that_varies_within_a_document_splits_its_row():
    table = _constructed_table()
    table["topic"] = ["t1", "t1", "t2", "t1", "t1", "t1", "t1"]  # doc a: two topics
    out = tally(table)
    assert out[out["doc_id"] == "a"]["topic"].tolist() == ["t1", "t2"]
    assert out["n_sentences"].sum() == len(table)
    # ... so that compare by it counts the same articles as the sentence table.
    table["outlet"] = "X"
    kwargs = {"by": "topic", "n_resamples": 200, "seed": 3}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert compare(tally(table), **kwargs) == compare(table, **kwargs)


# --------------------------------------------------------------------------------------------
# merge_tallies: any partition of the sentences gives the tally of the whole
# --------------------------------------------------------------------------------------------
def _assert_same_tally(got, expected):
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.equals(expected)
    assert got.attrs["framing"]["axes"] == expected.attrs["framing"]["axes"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merge_of_documents_in_chunks_is_the_whole(built_sents, seed):
    rng = np.random.default_rng(seed)
    docs = built_sents["doc_id"].unique()
    chunk = rng.integers(0, 4, size=docs.size)
    parts = [built_sents[built_sents["doc_id"].isin(docs[chunk == k])] for k in range(4)]
    parts = [parts[k] for k in rng.permutation(4)]  # in any order
    _assert_same_tally(merge_tallies(tally(p) for p in parts), tally(built_sents))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merge_of_an_arbitrary_row_split_is_the_whole(built_sents, seed):
    rng = np.random.default_rng(seed)
    rows = rng.permutation(len(built_sents))
    cuts = np.sort(rng.choice(np.arange(1, len(rows)), size=5, replace=False))
    parts = [built_sents.iloc[np.sort(part)] for part in np.split(rows, cuts)]
    merged = merge_tallies(tally(p) for p in parts)
    _assert_same_tally(merged, tally(built_sents))
    # merging is associative: merge of merges
    again = merge_tallies([merge_tallies(tally(p) for p in parts[:3]),
                           merge_tallies(tally(p) for p in parts[3:])])  # fmt: skip
    _assert_same_tally(again, tally(built_sents))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.slow
def test_merge_of_any_partition_of_the_seed_sentences_is_the_whole(seeds_sents, data):
    n_parts = data.draw(st.integers(1, 6))
    labels = np.array(
        data.draw(
            st.lists(
                st.integers(0, n_parts - 1), min_size=len(seeds_sents), max_size=len(seeds_sents)
            )
        )  # fmt: skip
    )
    parts = [seeds_sents[labels == k] for k in range(n_parts)]
    _assert_same_tally(merge_tallies(tally(p) for p in parts), tally(seeds_sents))


def test_merge_concatenates_skipped_and_sums_overlaps(seeds_sents):
    a, b = seeds_sents.iloc[:100].copy(), seeds_sents.iloc[100:].copy()
    a.attrs["framing"] = {**a.attrs["framing"], "skipped": [{"source": "x", "reason": "empty"}]}
    b.attrs["framing"] = {**b.attrs["framing"], "skipped": [{"source": "y", "reason": "empty"}]}
    merged = merge_tallies([tally(a), tally(b)])
    assert merged.attrs["framing"]["skipped"] == [
        {"source": "x", "reason": "empty"},
        {"source": "y", "reason": "empty"},
    ]
    assert merged.attrs["framing"]["kind"] == "tally"
    # The same tally twice: every count doubles, the keys stay.
    twice = merge_tallies([tally(seeds_sents), tally(seeds_sents)])
    once = tally(seeds_sents)
    counts = [c for c in once.columns if c.startswith("n_")]
    assert twice[counts].equals(once[counts] * 2)
    assert twice.drop(columns=counts).equals(once.drop(columns=counts))


def test_merge_takes_the_union_of_metadata_columns():
    table = _constructed_table()
    first, second = table.iloc[:4].copy(), table.iloc[4:].drop(columns="country")
    merged = merge_tallies([tally(first), tally(second)])
    assert list(merged.columns[:4]) == ["doc_id", "voice", "outlet", "country"]
    assert merged["country"].isna().tolist() == [False, False, False, True]
    assert merged["n_sentences"].tolist() == [2, 1, 1, 3]


@pytest.mark.parametrize("batch_rows", [1, 3, 7])
def test_merge_in_batches_is_the_merge_in_one_go(built_sents, monkeypatch, batch_rows):
    # A stream of many chunk tallies is summed batch by batch (framing._tally._BATCH_ROWS rows):
    # documents split between batches, a metadata column first met in a later batch and an
    # empty tally in between give what one summation of everything gives.
    module = sys.modules["framing._tally"]
    rows = np.arange(len(built_sents))
    parts = [built_sents.iloc[part] for part in np.array_split(rows, 9)]
    parts[5] = parts[5].assign(wire="AP")  # a key column that only some chunks have
    parts.insert(3, built_sents.iloc[:0])
    whole = merge_tallies(tally(p) for p in parts)
    monkeypatch.setattr(module, "_BATCH_ROWS", batch_rows)
    batched = merge_tallies(tally(p) for p in parts)
    pd.testing.assert_frame_equal(batched, whole, check_exact=True)
    assert batched.attrs == whole.attrs
    assert set(batched.loc[batched["wire"].notna(), "doc_id"]) == set(parts[6]["doc_id"])


def test_merge_names_the_first_bad_item_of_a_stream(seeds_sents):
    def tallies():
        yield tally(seeds_sents.iloc[:50])
        yield seeds_sents.iloc[50:]  # a sentence table, not a tally
        raise AssertionError("read past the bad item")

    with pytest.raises(ParameterError, match="item 1: DataFrame that is not a tally"):
        merge_tallies(tallies())


# --------------------------------------------------------------------------------------------
# compare(tally) == compare(sentences)
# --------------------------------------------------------------------------------------------
def _record(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [(w.category, str(w.message)) for w in caught]


def _assert_same_comparison(from_tally, from_sents):
    (got, got_warnings), (expected, expected_warnings) = from_tally, from_sents
    pd.testing.assert_frame_equal(got.summary, expected.summary, check_exact=True)
    pd.testing.assert_frame_equal(got.pairwise, expected.pairwise, check_exact=True)
    pd.testing.assert_frame_equal(got.omnibus, expected.omnibus, check_exact=True)
    assert got == expected
    assert got.table("plain") == expected.table("plain")
    assert got_warnings == expected_warnings


@pytest.mark.parametrize("by", ["outlet", "country"])
@pytest.mark.parametrize("voice", ["all", "narrator", "source"])
def test_compare_of_the_seed_tally_is_identical(seeds_sents, by, voice):
    kwargs = {"by": by, "voice": voice, "n_resamples": 500, "seed": 11}
    expected = _record(compare, seeds_sents, **kwargs)
    _assert_same_comparison(_record(compare, tally(seeds_sents), **kwargs),
                            expected)  # fmt: skip
    assert expected[0].summary["n_sentences"].sum() > 0


@pytest.mark.parametrize("by", ["outlet", "country"])
@pytest.mark.parametrize("voice", ["all", "narrator", "source"])
def test_compare_of_merged_tallies_of_a_built_corpus_is_identical(built_sents, by, voice):
    rng = np.random.default_rng(5)
    labels = rng.integers(0, 3, size=len(built_sents))
    merged = merge_tallies(tally(built_sents[labels == k]) for k in range(3))
    kwargs = {"by": by, "voice": voice, "n_resamples": 300, "seed": 2}
    expected = _record(compare, built_sents, **kwargs)
    _assert_same_comparison(_record(compare, merged, **kwargs), expected)
    summary = expected[0].summary
    assert (summary["unit"] == "article").any()  # the article-level statistics are exercised
    if by == "outlet":  # doc d05 has no outlet: the warnings (compared above) say so
        assert any(c is DataQualityWarning and "dropped" in m for c, m in expected[1])


def test_compare_of_a_tally_read_back_from_csv(built_sents):
    """Without attrs, a tally is recognised by its columns (with axes given)."""
    buffer = io.StringIO()
    tally(built_sents).to_csv(buffer, index=False)
    buffer.seek(0)
    plain = pd.read_csv(buffer)
    assert plain.attrs == {}
    axes = {axis: tuple(poles) for axis, poles in AXES.items()}
    kwargs = {"by": "outlet", "n_resamples": 300, "seed": 4}
    got = _quiet(compare, plain, axes=axes, **kwargs)
    expected = _quiet(compare, built_sents, **kwargs)
    pd.testing.assert_frame_equal(got.summary, expected.summary, check_exact=True)
    pd.testing.assert_frame_equal(got.pairwise, expected.pairwise, check_exact=True)


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------
def test_tally_rejects_what_is_not_a_sentence_table(seeds_sents):
    with pytest.raises(ParameterError, match="DataFrame") as info:
        tally([1, 2])
    assert info.value.name == "sents"
    with pytest.raises(ParameterError, match="framing.score"):
        tally(pd.DataFrame({"doc_id": ["a"], "voice": ["narrator"]}))
    with pytest.raises(ParameterError, match="power_label"):
        tally(seeds_sents.drop(columns="power_label"))
    with pytest.raises(ParameterError, match="merge_tallies"):
        tally(tally(seeds_sents))


def test_tally_rejects_labels_that_are_not_poles():
    table = _constructed_table()
    table.loc[0, "power_label"] = "junoir"
    with pytest.raises(ParameterError, match="junoir"):
        tally(table)


def test_tally_rejects_unhashable_metadata():
    table = _constructed_table()
    table["tags"] = [["x"]] * len(table)
    with pytest.raises(ParameterError, match="tags"):
        tally(table)


def test_merge_rejects_different_runs_and_non_tallies(seeds_sents):
    good = tally(seeds_sents)
    other = good.copy()
    other.attrs["framing"] = {**good.attrs["framing"], "lexicon": {"name": "mine", "version": "2"}}
    with pytest.raises(ParameterError, match="lexicon") as info:
        merge_tallies([good, other])
    assert info.value.name == "tallies"
    other.attrs["framing"] = {**good.attrs["framing"], "axes": {"power": ["equal", "junior"]}}
    with pytest.raises(ParameterError, match="axes"):
        merge_tallies([good, other])
    with pytest.raises(ParameterError, match="not a tally"):
        merge_tallies([good, seeds_sents])
    with pytest.raises(ParameterError, match="at least one"):
        merge_tallies([])
    with pytest.raises(ParameterError, match="iterable"):
        merge_tallies(good)


def test_compare_of_a_tally_by_a_sentence_column_says_why(seeds_sents):
    with pytest.raises(ParameterError, match="document-level") as info:
        compare(tally(seeds_sents), by="speaker")
    assert info.value.name == "by"
    with pytest.raises(ParameterError, match="n_junior"):
        compare(tally(seeds_sents).drop(columns="n_junior"), by="outlet")
