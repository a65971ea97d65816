"""framing.write_sentences: sentence tables to CSV, JSON lines, JSON and parquet, streamed."""

from __future__ import annotations

import io
import json
import warnings

import numpy as np
import pandas as pd
import pytest

import framing
from framing._scoring import cues_from_json
from framing.errors import FramingWarning, InputError, ParameterError

# Constructed sentences: cues of both axes, negation, an unframed sentence, a quotation.
TEXTS = [
    "Xi and Putin are old friends. Russia is not China's junior partner.",
    "Moscow has become Beijing's junior partner, analysts said.",
    "The weather in Harbin was cold. Putin called Xi a dear friend and an equal.",
    '"We are equals," Putin said of China and Russia.',
    "China and Russia signed a deal of pure convenience.",
]


def _corpus() -> framing.Corpus:
    frame = pd.DataFrame(
        {
            "text": TEXTS,
            "outlet": ["A", "B", "A", "C", "B"],
            "date": ["2024-01-0" + str(i) for i in range(1, 6)],
            "country": ["CN", "RU", "CN", "RU", None],
        }
    )
    return framing.Corpus.from_frame(frame)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        return framing.score(_corpus())


def _stream(chunk_size: int = 2):
    return framing.iter_scores(_corpus(), chunk_size=chunk_size)


def _same(back: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The table read back holds the same rows, columns, values and cues as score()'s."""
    assert list(back.columns) == list(expected.columns)
    assert len(back) == len(expected) > 5
    assert back["cues"].tolist() == expected["cues"].tolist()
    for column in ("doc_id", "outlet", "text", "voice", "power_label", "bond_label"):
        assert back[column].astype(str).tolist() == expected[column].astype(str).tolist(), column
    for column in ("sent_id", "start", "end", "power", "bond"):
        np.testing.assert_array_equal(
            back[column].to_numpy(float), expected[column].to_numpy(float), err_msg=column
        )
    assert back["relevant"].astype(bool).tolist() == expected["relevant"].tolist()
    assert back["speaker"].isna().tolist() == expected["speaker"].isna().tolist()
    assert back["country"].isna().tolist() == expected["country"].isna().tolist()


def test_csv_written_chunk_by_chunk_reads_back_as_score(tmp_path, expected):
    path = tmp_path / "sentences.csv"
    framing.write_sentences(_stream(), path)
    _same(cues_from_json(pd.read_csv(path)), expected)


def test_jsonl_written_chunk_by_chunk_reads_back_as_score(tmp_path, expected):
    path = tmp_path / "sentences.jsonl"
    framing.write_sentences(_stream(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected)
    _same(pd.DataFrame([json.loads(line) for line in lines]), expected)


def test_json_array_reads_back_as_score(tmp_path, expected):
    path = tmp_path / "sentences.json"
    framing.write_sentences(expected, path)  # one table, not a stream
    _same(pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))), expected)


def test_parquet_written_chunk_by_chunk_reads_back_as_score(tmp_path, expected):
    pytest.importorskip("pyarrow")
    path = tmp_path / "sentences.parquet"
    framing.write_sentences(_stream(chunk_size=1), path)
    _same(cues_from_json(pd.read_parquet(path)), expected)


def test_a_table_read_back_from_csv_is_written_again_as_it_was(tmp_path, expected):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    framing.write_sentences(expected, first)
    framing.write_sentences(pd.read_csv(first), second, "csv")
    # cues that are JSON text already are not encoded a second time
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_a_text_stream_takes_csv_or_json_lines_with_a_format(expected):
    out = io.StringIO()
    framing.write_sentences(_stream(), out, "jsonl")
    assert [json.loads(line)["text"] for line in out.getvalue().splitlines()] == expected[
        "text"
    ].tolist()
    out = io.StringIO()
    framing.write_sentences(expected, out, "csv", safe_csv=True)
    assert cues_from_json(pd.read_csv(io.StringIO(out.getvalue())))["cues"].tolist() == expected[
        "cues"
    ].tolist()


def test_safe_csv_neutralises_formula_cells(tmp_path):
    table = pd.DataFrame({"doc_id": ["d1"], "text": ["=HYPERLINK(1)"], "cues": [[]]})
    path = tmp_path / "t.csv"
    framing.write_sentences(table, path, safe_csv=True)
    assert pd.read_csv(path)["text"].tolist() == ["'=HYPERLINK(1)"]


def test_a_column_first_seen_in_a_later_chunk_is_left_out_of_csv_with_a_warning(tmp_path):
    chunks = [pd.DataFrame({"a": [1], "cues": [[]]}), pd.DataFrame({"a": [2], "b": [3]})]
    path = tmp_path / "t.csv"
    with pytest.warns(FramingWarning, match="column\\(s\\) 'b' first appear after the first"):
        framing.write_sentences(iter(chunks), path)
    assert pd.read_csv(path).to_dict("list") == {"a": [1, 2], "cues": ["[]", np.nan]}


@pytest.mark.parametrize(
    ("path", "fmt", "match"),
    [
        ("out.xlsx", None, "the suffix of '.*out.xlsx' names no format; give format="),
        ("out", None, "names no format"),
        ("out.csv", "excel", r"format='excel' is not allowed; expected one of: 'csv', 'json'"),
        ("out.csv", "CSV", "format='CSV' is not allowed"),
    ],
)
def test_an_unknown_format_or_suffix_is_a_parameter_error(tmp_path, expected, path, fmt, match):
    with pytest.raises(ParameterError, match=match) as info:
        framing.write_sentences(expected, tmp_path / path, fmt)
    assert info.value.name == "format"
    assert list(tmp_path.iterdir()) == []


def test_a_stream_needs_a_format_and_takes_no_parquet(expected):
    with pytest.raises(ParameterError, match="A stream has no suffix: give format="):
        framing.write_sentences(expected, io.StringIO())
    with pytest.raises(ParameterError, match="a file path for parquet"):
        framing.write_sentences(expected, io.StringIO(), "parquet")


def test_a_missing_folder_or_a_folder_is_an_input_error(tmp_path, expected):
    with pytest.raises(InputError, match="folder '.*nowhere' does not exist"):
        framing.write_sentences(expected, tmp_path / "nowhere" / "t.csv")
    with pytest.raises(InputError, match="it is a folder; give a file name"):
        framing.write_sentences(expected, tmp_path, "csv")


def test_a_failure_in_a_later_chunk_leaves_the_old_file_and_no_temporary(tmp_path, expected):
    path = tmp_path / "sentences.csv"
    path.write_text("the old table\n", encoding="utf-8")

    def failing():
        yield expected
        raise RuntimeError("scoring failed")

    with pytest.raises(RuntimeError, match="scoring failed"):
        framing.write_sentences(failing(), path)
    assert path.read_text(encoding="utf-8") == "the old table\n"
    assert list(tmp_path.iterdir()) == [path]


def test_write_sentences_is_public():
    assert "write_sentences" in framing.__all__
    assert framing.write_sentences.__module__ == "framing._writers"
