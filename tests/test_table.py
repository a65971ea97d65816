"""The sentence-table contract (framing._table): a table read back from a file, or merged with a
coding sheet, gives every consumer the same result as the table in memory."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing._table import table_axes
from framing.errors import ParameterError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SHEET = SEEDS / "annotations" / "sentences.csv"

# How a user reads the file back: plain pandas (the table's attrs are lost) or read_sentences.
READERS = {
    "csv": pd.read_csv,
    "jsonl": lambda path: pd.read_json(path, lines=True, dtype=False),  # no guessed dates
    "parquet": pd.read_parquet,
}


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def _merged(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the gold labels of the seeds' coding sheet, as a user merges them."""
    sheet = pd.read_csv(SHEET, dtype={"doc_id": str})[["doc_id", "sent_id", "gold_power"]]
    return pd.merge(table, sheet, on=["doc_id", "sent_id"], how="left")


@pytest.fixture(scope="module")
def files(seeds_scores_cached, tmp_path_factory) -> dict[str, Path]:
    """The seed table written by framing.write_sentences in every format."""
    folder = tmp_path_factory.mktemp("tables")
    written = {}
    for fmt in READERS:
        written[fmt] = folder / f"sentences.{fmt}"
        framing.write_sentences(seeds_scores_cached, written[fmt])
    return written


def _variants(files: dict[str, Path]):
    """``(name, read_back, in_memory)`` pairs: every reader, alone and merged with the sheet."""
    for fmt, path in files.items():
        yield f"pandas-{fmt}", READERS[fmt](path), False
        yield f"read_sentences-{fmt}", framing.read_sentences(path), False
        yield f"pandas-{fmt}-merged", _merged(READERS[fmt](path)), True
        yield f"read_sentences-{fmt}-merged", _merged(framing.read_sentences(path)), True


def _same(got: pd.DataFrame, expected: pd.DataFrame, name: str) -> None:
    # Plain pandas readers guess their own dtypes (str for object, no nullable integers):
    # the values must be equal, the dtypes only through read_sentences.
    exact = name.startswith("read_sentences")
    if not exact:
        got, expected = _plain(got, name), _plain(expected, name)
    pd.testing.assert_frame_equal(got, expected, check_dtype=exact, obj=name)


def _plain(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Text columns as objects with None for a missing value (pandas' readers give NaN in
    str columns, NaN floats for a column with nothing in it); with CSV, '' as missing too (a CSV cell cannot tell them apart)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].isna().all():  # a column of '' read back from CSV is all NaN floats
            out[column] = pd.Series([None] * len(out), index=out.index, dtype=object)
        elif pd.api.types.is_string_dtype(out[column].dtype) or out[column].dtype == object:
            values = out[column].astype(object)
            missing = values.isna() | ((values == "") if name.startswith("pandas-csv") else False)
            out[column] = values.where(~missing, None)
    return out


CONSUMERS = {
    "aggregate": lambda t: framing.aggregate(t),
    "aggregate-outlet": lambda t: framing.aggregate(t, "outlet", axes=["bond"]),
    "evidence-power": lambda t: framing.evidence(t, "power", "junior"),
    "evidence-bond": lambda t: framing.evidence(t, "bond", "friendship", axes=["bond"]),
    "tally": lambda t: framing.tally(t),
    "merge_tallies": lambda t: framing.merge_tallies(
        [framing.tally(t.iloc[:90]), framing.tally(t.iloc[90:])]
    ),
    "keyness": lambda t: framing.keyness(t, by="outlet", axes=["power", "bond"], top=5),
}


@pytest.mark.parametrize("consumer", list(CONSUMERS))
def test_every_consumer_gives_the_same_result_after_a_round_trip(
    consumer, files, seeds_scores_cached
):
    run = CONSUMERS[consumer]
    expected = _quiet(run, seeds_scores_cached)
    expected_merged = _quiet(run, _merged(seeds_scores_cached))
    assert len(expected) > 0
    for name, table, merged in _variants(files):
        got = _quiet(run, table)
        _same(got, expected_merged if merged else expected, name)


def test_compare_gives_the_same_comparison_after_a_round_trip(files, seeds_scores_cached):
    options = {"by": "outlet", "n_resamples": 200, "seed": 0}
    expected = _quiet(framing.compare, seeds_scores_cached, **options)
    for name, table, merged in _variants(files):
        got = _quiet(framing.compare, table, **options)
        assert got.axes == expected.axes, name
        for part in ("summary", "pairwise", "omnibus"):
            _same(getattr(got, part), getattr(expected, part), f"{name}: {part}")
        if name.startswith("read_sentences") and not merged:  # the provenance survives
            assert got.table() == expected.table(), name
    one = _quiet(framing.compare, pd.read_csv(files["csv"]), axes=["power"], **options)
    alone = _quiet(framing.compare, seeds_scores_cached, axes=["power"], **options)
    assert one.axes == alone.axes == {"power": ("equal", "junior")}
    pd.testing.assert_frame_equal(one.summary, alone.summary, check_dtype=False)
    pd.testing.assert_frame_equal(one.pairwise, alone.pairwise, check_dtype=False)


def test_read_sentences_gives_the_table_and_its_provenance_back(files, seeds_scores_cached):
    for path in files.values():
        table = framing.read_sentences(path)
        pd.testing.assert_frame_equal(table, seeds_scores_cached, obj=path.name)
        assert table.attrs == seeds_scores_cached.attrs
    sidecar = json.loads(Path(f"{files['csv']}.framing.json").read_text(encoding="utf-8"))
    info = sidecar["framing"]
    assert info["lexicon"]["name"] == "relationship" and len(info["lexicon"]["hash"]) == 12
    assert info["framing_version"] == framing.__version__ and info["method"] == "lexicon"
    assert not Path(f"{files['parquet']}.framing.json").exists()  # parquet keeps it inside
    import pyarrow.parquet as pq

    stored = pq.ParquetFile(files["parquet"]).metadata.metadata[b"framing"]
    assert json.loads(stored) == seeds_scores_cached.attrs["framing"]


def test_the_provenance_of_a_stream_gathers_every_chunk(tmp_path):
    texts = ["Xi and Putin are old friends.", "   ", "Russia is China's junior partner."]
    path = tmp_path / "stream.parquet"
    chunks = framing.iter_scores(texts, chunk_size=1)
    _quiet(framing.write_sentences, chunks, path)
    whole = _quiet(framing.score, texts)
    table = framing.read_sentences(path)
    assert table.attrs == whole.attrs and whole.attrs["framing"]["skipped"]
    pd.testing.assert_frame_equal(table, whole)


def test_a_sidecar_left_from_an_earlier_table_is_removed(tmp_path, seeds_scores_cached):
    path = tmp_path / "sentences.csv"
    framing.write_sentences(seeds_scores_cached, path)
    assert Path(f"{path}.framing.json").exists()
    framing.write_sentences(pd.read_csv(path), path)  # no provenance any more
    assert not Path(f"{path}.framing.json").exists()
    assert framing.read_sentences(path).attrs == {}


def test_score_cli_writes_the_provenance(tmp_path, seeds_scores_cached):
    path = tmp_path / "sentences.jsonl"
    assert framing.cli.main(["score", str(SEEDS), "-o", str(path), "-q"]) == 0
    table = framing.read_sentences(path)
    assert table.attrs == seeds_scores_cached.attrs
    pd.testing.assert_frame_equal(table, seeds_scores_cached)


# --------------------------------------------------------------------------------------------
# The resolver
# --------------------------------------------------------------------------------------------
def test_axes_come_from_attrs_first_then_columns(seeds_scores_cached):
    built_in = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
    assert table_axes(seeds_scores_cached) == built_in
    bare = pd.DataFrame(seeds_scores_cached)
    bare.attrs = {}
    assert table_axes(bare) == built_in
    assert table_axes(bare, "bond") == {"bond": built_in["bond"]}
    assert table_axes(bare, ["bond", "power"]) == {
        "bond": built_in["bond"],
        "power": built_in["power"],
    }
    assert table_axes(framing.tally(bare)) == built_in
    counts = framing.tally(bare)
    counts.attrs = {}
    assert table_axes(counts) == built_in


def test_axes_of_another_lexicon_come_from_the_sign_of_their_scores():
    # Constructed labels of a custom axis: the label of the positive scores is the first pole.
    table = pd.DataFrame({"trust": [-1.0, 0.5, float("nan")],
                          "trust_label": ["low", "high", "none"]})  # fmt: skip
    assert table_axes(table) == {"trust": ("high", "low")}
    one_sided = table.assign(trust=[1.0, 0.5, float("nan")], trust_label=["high", "high", "none"])
    with pytest.raises(ParameterError, match=r"axes=\{'trust': \('first_pole', 'second_pole'\)"):
        table_axes(one_sided)
    assert table_axes(one_sided, {"trust": ["high", "low"]}) == {"trust": ("high", "low")}


@pytest.mark.parametrize(
    ("axes", "match"),
    [
        (["trust"], "unknown axes"),
        ({"power": ("equal", "equal")}, "two different pole names"),
        ({"power": ("equal",)}, "two different pole names"),
        ([], "at least one axis"),
        (3, "a list of axis names or a dict"),
    ],
)
def test_bad_axes_say_what_to_pass(seeds_scores_cached, axes, match):
    with pytest.raises(ParameterError, match=match) as info:
        table_axes(seeds_scores_cached, axes)
    assert info.value.name == "axes"


def test_every_consumer_takes_axes_and_says_how_when_it_cannot_tell():
    bare = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "voice": ["narrator"],
                         "relevant": [True], "text": ["Constructed."], "outlet": ["x"]})  # fmt: skip
    for call in (
        lambda: framing.aggregate(bare),
        lambda: framing.evidence(bare, "power", "junior"),
        lambda: framing.tally(bare),
        lambda: framing.compare(bare),
        lambda: framing.keyness(bare, axes=["power"]),
    ):
        with pytest.raises(ParameterError, match="axes="):
            call()


def test_keyness_with_axes_counts_only_the_framed_sentences(seeds_scores_cached):
    framed = seeds_scores_cached[seeds_scores_cached["power_label"].isin(["equal", "junior"])]
    expected = _quiet(framing.keyness, framed, by="outlet", top=5)
    got = _quiet(framing.keyness, seeds_scores_cached, by="outlet", top=5, axes=["power"])
    pd.testing.assert_frame_equal(got, expected)


def test_report_takes_axes(tmp_path):
    report = _quiet(
        framing._report.write_report, SEEDS, tmp_path / "report", n_resamples=100, axes=["bond"]
    )
    text = report.read_text(encoding="utf-8")
    assert "**bond**" in text and "**power**" not in text
    assert "bond → friendship" in text and "power → junior" not in text
