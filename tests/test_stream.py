"""framing._stream.iter_corpus: chunked reading of .jsonl, .csv and .parquet files."""

from __future__ import annotations

import csv
import inspect
import json
import os
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from framing._corpus import load_corpus
from framing._scoring import score
from framing._stream import iter_corpus
from framing.errors import CorpusError, DataQualityWarning, InputEncodingError, ParameterError

from .conftest import SEEDS

# Constructed example sentences (not article text).
TEXTS = [
    "Xi and Putin are old friends.",
    "Russia is China's junior partner.",
    "The two leaders met in Moscow.",
    "A marriage of convenience, said one analyst.",
    "Beijing and Moscow signed a deal.",
]


def _write_jsonl(path: Path, records: list[object], *, blank_after: int | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if blank_after is not None:
        lines.insert(blank_after, "   ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quiet(iterator):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(iterator)


def _key(doc):
    return (doc.doc_id, doc.text, doc.outlet, doc.date, doc.date_precision, dict(doc.metadata))


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory):
    """The seed corpus as .jsonl, .csv and .parquet files (one document per record)."""
    folder = tmp_path_factory.mktemp("seed_files")
    frame = load_corpus(SEEDS).to_frame().drop(columns=["date_precision", "year"])
    _write_jsonl(folder / "seeds.jsonl", frame.to_dict("records"))
    frame.to_csv(folder / "seeds.csv", index=False)
    files = {"jsonl": folder / "seeds.jsonl", "csv": folder / "seeds.csv"}
    try:
        frame.to_parquet(folder / "seeds.parquet")
        files["parquet"] = folder / "seeds.parquet"
    except ImportError:  # pragma: no cover - pyarrow is a test dependency
        pass
    return files


# --------------------------------------------------------------------------------------------
# The same documents as load_corpus, whatever the chunking
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("chunk_size", [1, 2, 7, 1000])
def test_chunks_hold_the_documents_of_load_corpus(seed_files, kind, chunk_size):
    if kind not in seed_files:
        pytest.skip("pyarrow not installed")
    path = seed_files[kind]
    whole = load_corpus(path) if kind != "parquet" else load_corpus(pd.read_parquet(path))
    chunks = list(iter_corpus(path, chunk_size=chunk_size))
    assert [len(c) for c in chunks] == [min(chunk_size, 5 - i) for i in range(0, 5, chunk_size)]
    assert [_key(d) for c in chunks for d in c] == [_key(d) for d in whole]
    assert [d.source for d in chunks[0]][0] == f"{path}:{'line' if kind == 'jsonl' else 'row'} 1"


@pytest.mark.parametrize("chunk_size", [1, 2, 7, 1000])
def test_scoring_the_chunks_gives_the_table_of_the_whole_file(seed_files, chunk_size):
    path = seed_files["jsonl"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = score(path)
        streamed = score(iter_corpus(path, chunk_size=chunk_size))
    pd.testing.assert_frame_equal(streamed, whole)


def test_automatic_ids_follow_load_corpus(tmp_path):
    # Without a doc_id, ids count records (blank lines skipped) as load_corpus does.
    path = _write_jsonl(
        tmp_path / "a.jsonl", [{"text": t, "outlet": "Wire"} for t in TEXTS], blank_after=2
    )
    streamed = [d for c in iter_corpus(path, chunk_size=2) for d in c]
    assert [d.doc_id for d in streamed] == [d.doc_id for d in load_corpus(path)]
    assert [d.doc_id for d in streamed] == ["doc0001", "doc0002", "doc0003", "doc0004", "doc0005"]
    # ... and sources name the physical line: the blank line is line 3.
    assert [d.source.rsplit(":", 1)[1] for d in streamed] == [
        "line 1", "line 2", "line 4", "line 5", "line 6",
    ]  # fmt: skip


def test_dates_metadata_and_late_keys(tmp_path):
    records = [
        {"doc_id": "a", "text": TEXTS[0], "date": 2023, "country": "UK"},
        {"doc_id": "b", "text": TEXTS[1], "date": "2024-5-7"},
        {"doc_id": "c", "text": TEXTS[2], "date": None, "genre": "news", "country": "US"},
    ]
    path = _write_jsonl(tmp_path / "a.jsonl", records)
    docs = [d for c in iter_corpus(path, chunk_size=1) for d in c]
    assert [(d.date, d.date_precision) for d in docs] == [
        ("2023", "year"), ("2024-05-07", "day"), (None, None),
    ]  # fmt: skip
    # A key seen once is kept (as None) for every later document, as load_corpus's columns are.
    assert [dict(d.metadata) for d in docs] == [
        {"country": "UK"},
        {"country": None},
        {"country": "US", "genre": "news"},
    ]


def test_csv_quoted_newlines_blank_lines_and_short_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        'doc_id,text,outlet\na,"Xi met Putin.\n\nThey talked.",Wire\n\nb,Moscow and Beijing.\nc,,X\n',
        encoding="utf-8",
    )
    with pytest.warns(DataQualityWarning, match="1 empty"):
        chunks = list(iter_corpus(path, chunk_size=1))
    docs = [d for c in chunks for d in c]
    with pytest.warns(DataQualityWarning):
        reference = list(load_corpus(path))
    assert [_key(d) for d in docs] == [_key(d) for d in reference]
    assert docs[0].text == "Xi met Putin.\n\nThey talked." and docs[1].outlet is None
    # The empty row c is recorded with the chunk before it.
    assert chunks[-1].skipped.to_dict("records") == [{"source": f"{path}:row 3", "reason": "empty"}]


def test_csv_field_longer_than_the_csv_module_limit(tmp_path):
    long_text = "Xi and Putin met again. " * 8000  # ~190 KiB, above csv's 128 KiB default
    path = tmp_path / "long.csv"
    pd.DataFrame({"doc_id": ["a"], "text": [long_text]}).to_csv(path, index=False)
    limit = csv.field_size_limit()
    (chunk,) = iter_corpus(path)
    assert chunk["a"].text == long_text
    assert csv.field_size_limit() == limit  # the process-wide limit is restored


def test_parquet_dates_and_pandas_index(tmp_path):
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame(
        {"text": TEXTS[:3], "date": pd.to_datetime(["2024-01-02", None, "2023-12-31"])},
        index=[10, 11, 12],  # stored as a column __index_level_0__, which is not metadata
    )
    path = tmp_path / "a.parquet"
    frame.to_parquet(path)
    docs = [d for c in iter_corpus(path, chunk_size=2) for d in c]
    assert [d.date for d in docs] == ["2024-01-02", None, "2023-12-31"]
    assert all(dict(d.metadata) == {} for d in docs)


def test_folder_and_txt_come_as_one_chunk(tmp_path):
    (chunk,) = iter_corpus(SEEDS)
    assert [_key(d) for d in chunk] == [_key(d) for d in load_corpus(SEEDS)]
    (tmp_path / "one.txt").write_text(TEXTS[0], encoding="utf-8")
    (single,) = iter_corpus(tmp_path / "one.txt")
    assert single[0].doc_id == "one"


# --------------------------------------------------------------------------------------------
# Bounded memory: a generator that holds one chunk at a time
# --------------------------------------------------------------------------------------------
def _open_files() -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            found.append(os.readlink(fd))
        except OSError:
            continue
    return found


def test_a_large_file_comes_lazily_in_chunks(tmp_path):
    n = 20_000
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"doc_id": f"d{i}", "text": TEXTS[i % 5], "outlet": "W"}))
            handle.write("\n")
        handle.write("{broken\n")  # the last line: only a reader that reads ahead meets it
    chunks = iter_corpus(path, chunk_size=1000)
    assert inspect.isgenerator(chunks)
    first = next(chunks)  # no error yet: the broken last line has not been read
    assert len(first) == 1000 and first[0].doc_id == "d0" and first[999].doc_id == "d999"
    sizes = [len(first)]
    with pytest.raises(CorpusError, match=rf"line {n + 1}: not valid JSON") as info:
        for chunk in chunks:
            sizes.append(len(chunk))
            assert chunk[0].doc_id == f"d{1000 * (len(sizes) - 1)}"
    # Chunks of exactly chunk_size documents came before the error; the 20th, complete, waits
    # for the next document (or the end of the file) because records up to it belong to it.
    assert sizes == [1000] * 19
    assert info.value.row == n + 1 and info.value.path == str(path)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_file_is_closed_when_the_generator_stops(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", [{"text": t} for t in TEXTS])
    chunks = iter_corpus(path, chunk_size=2)
    assert str(path) not in _open_files()  # nothing is opened before the first chunk
    next(chunks)
    assert str(path) in _open_files()
    chunks.close()
    assert str(path) not in _open_files()
    list(iter_corpus(path, chunk_size=2))
    assert str(path) not in _open_files()


# --------------------------------------------------------------------------------------------
# Malformed input: errors with the line, or skipped and counted
# --------------------------------------------------------------------------------------------
def _mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"doc_id": "a", "text": TEXTS[0]}),  # line 1
                "",  # line 2
                '{"doc_id": "b", "text": ',  # line 3: cut short
                json.dumps({"doc_id": "c", "text": TEXTS[1]}),  # line 4
                json.dumps(["not", "an", "object"]),  # line 5
                json.dumps({"doc_id": "d", "text": 42}),  # line 6: text not a string
                json.dumps({"doc_id": "e", "text": TEXTS[2], "date": "2023-13"}),  # line 7
                json.dumps({"doc_id": "f", "text": "  "}),  # line 8: empty
                json.dumps({"doc_id": "g", "text": TEXTS[3]}),  # line 9
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_a_malformed_line_raises_with_its_line_number(tmp_path):
    path = _mixed(tmp_path)
    with pytest.raises(CorpusError) as info:
        list(iter_corpus(path))
    assert info.value.row == 3 and info.value.path == str(path)
    assert str(info.value).startswith(f"{path}, line 3: not valid JSON")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (5, "a JSON list, expected an object"),
        (6, "text is int, not a string (d)"),
        (7, "'2023-13' is not a valid calendar date (e)"),
    ],
)
def test_each_kind_of_malformed_record_names_its_line(tmp_path, line, message):
    lines = _mixed(tmp_path).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "one.jsonl"
    path.write_text(lines[0] + "\n" + "\n" * (line - 2) + lines[line - 1] + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf", line {line}: ") as info:
        list(iter_corpus(path))
    assert message in str(info.value) and info.value.row == line


def test_skip_mode_records_counts_and_warns_once(tmp_path):
    path = _mixed(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chunks = list(iter_corpus(path, chunk_size=1, errors="skip"))
    assert [[d.doc_id for d in c] for c in chunks] == [["a"], ["c"], ["g"]]
    # Each skipped line goes with the chunk before it (the last chunk takes those after it).
    assert [c.skipped["source"].tolist() for c in chunks] == [
        [f"{path}:line 3"],
        [f"{path}:line {n}" for n in (5, 6, 7, 8)],
        [],
    ]
    assert chunks[1].skipped["reason"].tolist() == [
        "a JSON list, expected an object",
        "text is int, not a string (d)",
        "'2023-13' is not a valid calendar date (e)",
        "empty",
    ]
    messages = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    assert messages == [
        f"1 empty or whitespace-only document(s) skipped: {path}:line 8",
        f"{path}: 4 malformed line(s) skipped (line 3, line 5, line 6, line 7); see each "
        "chunk's Corpus.skipped for the reasons",
    ]


def test_csv_rows_with_too_many_cells_or_an_open_quote(tmp_path):
    path = tmp_path / "a.csv"
    # Row 2 spans lines 3-4; row 3 (line 5) has a cell too many; row 5 opens a quote at line 7.
    path.write_text(
        'doc_id,text\na,Xi met Putin.\nb,"Two\nlines."\nc,Three,cells\nd,Fine.\ne,"never closed\nf,x\n',
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as info:
        list(iter_corpus(path))
    assert str(info.value) == f"{path}, row 3 (line 5): 3 cells, but the header has 2"
    assert info.value.row == 3
    with pytest.warns(DataQualityWarning, match="2 malformed row"):
        (chunk,) = iter_corpus(path, errors="skip")
    assert [d.doc_id for d in chunk] == ["a", "b", "d"]
    assert chunk.skipped.to_dict("records") == [
        {"source": f"{path}:row 3", "reason": "3 cells, but the header has 2"},
        {"source": f"{path}:row 5", "reason": "a quoted cell is never closed (the file ends inside it)"},
    ]  # fmt: skip


def test_duplicate_ids_across_chunks_name_both_lines(tmp_path):
    records = [{"doc_id": f"d{i}", "text": TEXTS[i % 5]} for i in range(6)]
    records.append({"doc_id": "d1", "text": TEXTS[0]})
    path = _write_jsonl(tmp_path / "dup.jsonl", records)
    chunks = iter_corpus(path, chunk_size=2)
    assert len(next(chunks)) == 2
    with pytest.raises(CorpusError) as info:
        list(chunks)
    assert str(info.value) == (
        f"{path}: duplicate doc_id 'd1' at line 7 and line 2; give every document a unique id"
    )
    assert (info.value.doc_id, info.value.row) == ("d1", 7)


def test_no_document_with_text(tmp_path):
    path = _write_jsonl(tmp_path / "e.jsonl", [{"text": ""}, {"text": " "}])
    with pytest.raises(CorpusError, match="no document with text"):
        list(iter_corpus(path))
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="the file is empty"):
        list(iter_corpus(tmp_path / "blank.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n[1]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="2 malformed line"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        list(iter_corpus(bad, errors="skip"))


def test_a_wrong_text_column_fails_at_the_first_record(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", [{"body": t} for t in TEXTS])
    with pytest.raises(CorpusError, match=r"line 1: no text key 'text'; its keys are \['body'\]"):
        next(iter_corpus(path))
    assert len(next(iter_corpus(path, text="body"))) == 5
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("body\nXi met Putin.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has no text column 'text'; its columns are \['body'\]"):
        next(iter_corpus(csv_path))


# --------------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------------
def test_bom_and_cp1252_lines(tmp_path):
    path = tmp_path / "enc.jsonl"
    first = json.dumps({"doc_id": "a", "text": "Xi in Zürich."}, ensure_ascii=False)
    second = json.dumps({"doc_id": "b", "text": "Putin’s café."}, ensure_ascii=False)
    path.write_bytes(
        b"\xef\xbb\xbf" + first.encode("utf-8") + b"\r\n" + second.encode("cp1252") + b"\r\n"
    )
    with pytest.warns(DataQualityWarning, match=r"line 2 is not UTF-8, read as cp1252"):
        (chunk,) = iter_corpus(path)
    assert [d.text for d in chunk] == ["Xi in Zürich.", "Putin’s café."]


def test_binary_and_undecodable_files(tmp_path):
    binary = tmp_path / "b.jsonl"  # UTF-16 without its byte order mark: NUL bytes
    binary.write_bytes(json.dumps({"text": "x"}).encode("utf-16-le"))
    with pytest.raises(InputEncodingError, match="looks binary"):
        list(iter_corpus(binary))
    assert [d.text for c in iter_corpus(binary, encoding="utf-16-le") for d in c] == ["x"]
    marked = tmp_path / "m.jsonl"  # with it: text
    marked.write_bytes("\n".join([json.dumps({"text": "x"})] * 2).encode("utf-16"))
    assert [d.text for c in iter_corpus(marked) for d in c] == ["x", "x"]
    assert [d.text for c in iter_corpus(marked, encoding="utf-16") for d in c] == ["x", "x"]
    undecodable = tmp_path / "u.jsonl"
    undecodable.write_bytes(b'{"text": "ok"}\n{"text": "\x81\x8d\x90"}\n')
    with pytest.raises(InputEncodingError, match="line 2: not text in UTF-8 or an encoding"):
        list(iter_corpus(undecodable))


# Characters str.splitlines() breaks at; none ends a line of a JSONL or CSV file.
LINE_BREAKERS = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


@pytest.mark.parametrize("encoding", [None, "utf-8"])
def test_lines_end_at_newline_only(tmp_path, encoding):
    # Raw inside JSON strings, as some exporters write them; CRLF line ends.
    lines = [
        f'{{"doc_id": "d{i}", "text": "Xi met Putin.{char}They talked."}}'
        for i, char in enumerate(LINE_BREAKERS)
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    docs = [d for c in iter_corpus(path, chunk_size=3, encoding=encoding) for d in c]
    assert [d.text for d in docs] == [f"Xi met Putin.{c}They talked." for c in LINE_BREAKERS]
    assert [_key(d) for d in docs] == [_key(d) for d in load_corpus(path, encoding=encoding)]
    assert docs[-1].source == f"{path}:line {len(lines)}"
    path.write_bytes(("\r\n".join([*lines, "{broken"]) + "\r\n").encode("utf-8"))
    with pytest.raises(CorpusError, match=f", line {len(lines) + 1}: not valid JSON"):
        list(iter_corpus(path, encoding=encoding))
    table = tmp_path / "a.csv"
    frame = pd.DataFrame({"text": [f"Xi met Putin.{c}They talked." for c in LINE_BREAKERS]})
    frame.to_csv(table, index=False)
    (chunk,) = iter_corpus(table, encoding=encoding)
    assert [d.text for d in chunk] == frame["text"].tolist()
    assert [d.source for d in chunk][-1] == f"{table}:row {len(LINE_BREAKERS)}"


def _messages(caught):
    return [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


def test_stray_bytes_in_utf8_lines_are_replaced_as_load_corpus_does(tmp_path):
    good = json.dumps({"text": "Путин met Xi."}, ensure_ascii=False).encode()
    stray = json.dumps({"text": "习近平’s aides"}, ensure_ascii=False).encode()
    stray = stray.replace("’".encode(), b"\x92")
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join([good, stray, good, stray.replace(b"\x92", b"\x92\x81")]) + b"\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = [d for c in iter_corpus(path, chunk_size=1) for d in c]
    assert [d.text for d in docs] == [
        "Путин met Xi.", "习近平\ufffds aides", "Путин met Xi.", "习近平\ufffd\ufffds aides",
    ]  # fmt: skip
    assert _messages(caught) == [
        f"{path}: line 2: 1 byte not valid UTF-8, replaced by U+FFFD; the rest of the line is "
        "UTF-8 (any later such line is read the same way)",
        f"{path}: 3 bytes not valid UTF-8, replaced by U+FFFD, on 2 lines: line 2 (1 byte), "
        "line 4 (2 bytes)",
    ]
    with warnings.catch_warnings(record=True) as whole:
        warnings.simplefilter("always")
        assert [_key(d) for d in docs] == [_key(d) for d in load_corpus(path)]
    assert _messages(whole) == _messages(caught)


def test_the_first_replaced_line_warns_before_the_end_of_the_file(tmp_path):
    stray = json.dumps({"text": "习近平’s aides"}, ensure_ascii=False).encode()
    lines = [stray.replace("’".encode(), b"\x92")] + [
        json.dumps({"text": t}).encode() for t in TEXTS
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chunks = iter_corpus(path, chunk_size=1)
        next(chunks)
        chunks.close()
    assert _messages(caught) == [
        f"{path}: line 1: 1 byte not valid UTF-8, replaced by U+FFFD; the rest of the line is "
        "UTF-8 (any later such line is read the same way)"
    ]


# --------------------------------------------------------------------------------------------
# Arguments, checked when iter_corpus is called
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("option", "value"),
    [("chunk_size", 0), ("chunk_size", -5), ("chunk_size", True), ("chunk_size", 2.5),
     ("errors", "ignore"), ("encoding", "no-such-codec")],
)  # fmt: skip
def test_bad_options_raise_parameter_error_at_once(tmp_path, option, value):
    path = _write_jsonl(tmp_path / "a.jsonl", [{"text": TEXTS[0]}])
    with pytest.raises(ParameterError) as info:
        iter_corpus(path, **{option: value})  # not iterated: the check is eager
    assert info.value.name == option and info.value.value == value


def test_bad_paths(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        iter_corpus(tmp_path / "missing.jsonl")
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match=r"unsupported file type \.xlsx"):
        iter_corpus(tmp_path / "a.xlsx")
    with pytest.raises(CorpusError, match="reads a file, got DataFrame"):
        iter_corpus(pd.DataFrame({"text": ["x"]}))


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "a.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(CorpusError, match=r"pip install 'framing\[parquet\]'"):
        iter_corpus(path)


def test_a_corrupt_parquet_file(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "a.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match="not a readable parquet file"):
        list(iter_corpus(path))
