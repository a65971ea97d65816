"""framing._reading: one reading path for every input format, and text encodings.

load_corpus(path) is the collected iter_corpus(path): the same documents, skipped records,
warnings and errors on every format. Every text here is constructed.
"""

from __future__ import annotations

import json
import os
import re
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing._reading
from framing import Corpus, iter_corpus, load_corpus
from framing.errors import CorpusError, DataQualityWarning, InputEncodingError

# Constructed records: an empty text, a late metadata key, dates of each precision.
RECORDS = [
    {"doc_id": "a", "text": "Xi and Putin are old friends.", "outlet": "Wire", "date": "2023"},
    {"doc_id": "b", "text": "Russia is China's junior partner.", "outlet": "Daily",
     "date": "2024-05", "genre": "news"},
    {"doc_id": "c", "text": "   ", "outlet": "Wire", "date": None, "genre": "opinion"},
    {"doc_id": "d", "text": "The two leaders met in Moscow.", "outlet": None,
     "date": "2024-05-17", "genre": None, "title": "Constructed"},
    {"doc_id": "e", "text": "Beijing and Moscow signed a deal.", "outlet": "Daily",
     "date": "2022", "genre": "news", "title": None},
]  # fmt: skip
FORMATS = ["folder", "txt", "csv", "jsonl", "parquet", "csv pipe", "jsonl pipe"]


def _write(kind: str, folder: Path) -> Path:
    """The records as a file (or folder) of the given kind."""
    frame = pd.DataFrame(RECORDS)
    if kind == "folder":
        corpus = folder / "corpus"
        corpus.mkdir()
        for record in RECORDS:
            (corpus / f"{record['doc_id']}.txt").write_text(record["text"], encoding="utf-8")
        manifest = frame.drop(columns="text").rename(columns={"doc_id": "file"})
        manifest["file"] += ".txt"
        manifest.to_csv(corpus / "manifest.csv", index=False)
        return corpus
    if kind == "txt":
        path = folder / "a.txt"
        path.write_text(RECORDS[0]["text"], encoding="utf-8")
        return path
    if kind.startswith("csv"):
        path = folder / "a.csv"
        frame.to_csv(path, index=False)
        return path
    if kind.startswith("jsonl"):
        path = folder / "a.jsonl"
        # Late keys: the first record has no genre, the first three no title; a blank line.
        lines = [json.dumps(record) for record in RECORDS]
        path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
        return path
    path = folder / "a.parquet"
    frame.to_parquet(path, index=False)
    return path


class _Pipe:
    """A named pipe (FIFO) that a thread fills with the bytes of ``path``, once per reading."""

    def __init__(self, path: Path, pipe: Path) -> None:
        self.data, self.path = path.read_bytes(), pipe
        self.opened = threading.Event()
        os.mkfifo(self.path)

    def _fill(self) -> None:
        with self.path.open("wb") as pipe:  # waits for a reader
            self.opened.set()
            pipe.write(self.data)

    def __enter__(self) -> Path:
        self.writer = threading.Thread(target=self._fill)
        self.writer.start()
        return self.path

    def __exit__(self, *exc: object) -> None:
        # A reading that failed before it opened the pipe: open it, so the writer can finish.
        # (Asking whether the writer is alive instead races with a writer that has just closed
        # its end: a reader opened then waits for a writer that never comes.)
        if not self.opened.is_set():
            self.path.read_bytes()
        self.writer.join()


def _read(function, source):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = function(source)
        except CorpusError as error:
            result = (type(error), str(error), error.row, error.doc_id)
    return result, [(w.category, str(w.message)) for w in caught]


def _collected(chunks):
    """One DataFrame of the documents of every chunk, and one skipped table."""
    chunks = list(chunks)
    documents = Corpus([doc for chunk in chunks for doc in chunk])
    skipped = pd.concat([chunk.skipped for chunk in chunks], ignore_index=True)
    return documents.to_frame(), skipped, [doc.source for doc in documents]


def _whole(source):
    corpus = load_corpus(source)
    return corpus.to_frame(), corpus.skipped, [doc.source for doc in corpus]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("chunk_size", [1, 2, 1000])
def test_load_corpus_is_the_collected_iter_corpus(kind, chunk_size, tmp_path):
    pytest.importorskip("pyarrow")
    path = _write(kind, tmp_path)
    if kind.endswith("pipe"):
        with _Pipe(path, tmp_path / "one") as pipe:
            whole, told = _read(_whole, pipe)
        with _Pipe(path, tmp_path / "two") as pipe:
            streamed, said = _read(
                lambda p: _collected(iter_corpus(p, chunk_size=chunk_size)), pipe
            )
        told = [(category, message.replace("/one", "/two")) for category, message in told]
    else:
        whole, told = _read(_whole, path)
        streamed, said = _read(lambda p: _collected(iter_corpus(p, chunk_size=chunk_size)), path)
    frame, skipped, sources = whole
    pd.testing.assert_frame_equal(frame, streamed[0])
    if kind.endswith("pipe"):  # two pipes: the sources name each
        skipped["source"] = skipped["source"].str.replace("/one", "/two")
        sources = [source.replace("/one", "/two") for source in sources]
    pd.testing.assert_frame_equal(skipped, streamed[1])
    assert sources == streamed[2]
    assert told == said
    if kind != "txt":
        assert frame["doc_id"].tolist() == ["a", "b", "d", "e"]
        assert skipped["reason"].tolist() == ["empty"]
        assert [category for category, _ in told] == [DataQualityWarning]
    if kind not in ("txt", "folder"):
        assert frame.columns.tolist()[-2:] == ["genre", "title"]
        assert frame["genre"].fillna("-").tolist() == ["-", "news", "-", "news"]


BROKEN = {
    "csv": "doc_id,text,date\na,Xi met Putin.,2023\nb,Putin met Xi.,March 2023\n",
    "csv cells": "doc_id,text\na,Xi met Putin.\nb,Putin,met,Xi.\n",
    "csv quote": 'doc_id,text\na,Xi met Putin.\nb,"Putin met Xi.\n',
    "csv ids": "doc_id,text\na,Xi met Putin.\na,Putin met Xi.\n",
    "csv empty": "doc_id,text\na, \nb,\n",
    "csv text": "doc_id,body\na,Xi met Putin.\n",
    "jsonl": '{"doc_id": "a", "text": "Xi met Putin."}\n{"doc_id": "b", "text": }\n',
    "jsonl list": '{"doc_id": "a", "text": "Xi met Putin."}\n[1, 2]\n',
    "jsonl ids": '{"doc_id": "a", "text": "Xi met Putin."}\n{"doc_id": "a", "text": "Again."}\n',
    "jsonl date": '{"doc_id": "a", "text": "Xi met Putin.", "date": "2023-13"}\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_both_refuse_a_broken_file_alike(name, tmp_path):
    path = tmp_path / f"a.{name.split()[0]}"
    path.write_text(BROKEN[name], encoding="utf-8")
    whole, told = _read(load_corpus, path)
    streamed, said = _read(lambda p: list(iter_corpus(p)), path)
    assert whole == streamed and told == said
    assert whole[0] is CorpusError and str(path) in whole[1]


def test_a_dataframe_and_a_dask_partition_are_read_alike():
    dask_module = pytest.importorskip("framing.dask")
    frame = pd.DataFrame(RECORDS)
    names = dask_module._Names("text", "doc_id", "outlet", "date")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        whole = load_corpus(frame)
    partition, _, _ = dask_module._corpus(frame, 0, names)
    pd.testing.assert_frame_equal(whole.to_frame(), partition.to_frame())
    assert whole.skipped["source"].tolist() == ["row 3"]
    assert partition.skipped["source"].tolist() == ["partition 0:row 3"]


# -- encodings ------------------------------------------------------------------------------------
# Constructed sentences in Russian and Chinese, long enough for charset-normalizer's statistics,
# and short ones (a name, a word) that only the script of their letters tells apart.
LONG_RUSSIAN = "Си Цзиньпин и Владимир Путин встретились в Москве как равные партнёры."
LONG_CHINESE = "习近平与普京在莫斯科会晤，双方称两国是平等的伙伴。"
SHORT = [("Путин", "cp1251"), ("Да", "cp1251"), ("«Мир»", "cp1251"), ("北京", "gb18030"),
         ("中俄", "gb18030"), ("普京：“好”", "gb18030")]  # fmt: skip
NAMED = {"cp1251": "cp1251 (Windows-1251, Cyrillic)", "gb18030": "GB18030 (Chinese)",
         "cp1252": "cp1252 (Windows-1252)"}  # fmt: skip
CASES = [(LONG_RUSSIAN, "cp1251"), (LONG_CHINESE, "gb18030"), *SHORT]


def _files(folder: Path, text: str, encoding: str) -> dict[str, Path]:
    """The text as a .txt file, a CSV cell, a JSONL string and a manifest cell."""
    (folder / "corpus").mkdir()
    article = folder / "corpus" / "a.txt"
    article.write_text("Xi met Putin.", encoding="utf-8")
    (folder / "corpus" / "manifest.csv").write_bytes(f"file,title\na.txt,{text}\n".encode(encoding))
    (folder / "b.txt").write_bytes(text.encode(encoding))
    (folder / "c.csv").write_bytes(f"doc_id,text\nc,{text}\n".encode(encoding))
    record = json.dumps({"doc_id": "d", "text": text}, ensure_ascii=False)
    (folder / "d.jsonl").write_bytes(record.encode(encoding))
    return {"txt": folder / "b.txt", "csv": folder / "c.csv", "jsonl": folder / "d.jsonl",
            "manifest": folder / "corpus"}  # fmt: skip


@pytest.mark.parametrize(("text", "encoding"), CASES, ids=[f"{e}-{t}" for t, e in CASES])
def test_legacy_code_pages_are_read_exactly(text, encoding, tmp_path):
    for kind, path in _files(tmp_path, text, encoding).items():
        with pytest.warns(DataQualityWarning, match=re.escape(f"read as {NAMED[encoding]}")):
            corpus = load_corpus(path)
        got = corpus[0].metadata["title"] if kind == "manifest" else corpus[0].text
        assert got == text, kind
        if kind in ("csv", "jsonl"):
            with pytest.warns(DataQualityWarning, match="line 2 is not UTF-8|line 1 is not UTF-8"):
                assert [d.text for c in iter_corpus(path) for d in c] == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Xi a rencontré Poutine à Moscou.",  # constructed French, German, Spanish
        "Xi à Moscou",
        "Müller sagte: „Gut“.",
        "¿Qué dijo Xi?",
        "Þú",  # Icelandic: two letters that read as Cyrillic too (documented limit)
    ],
)
def test_western_text_stays_cp1252(text, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (doc,) = load_corpus(path)
    if text == "Þú":
        assert doc.text == "Юъ" and "cp1251" in str(caught[0].message)
        return
    assert doc.text == text
    assert [str(w.message) for w in caught] == [
        f"{path}: not UTF-8, read as cp1252 (Windows-1252); check its accented characters"
    ]


@pytest.mark.parametrize("data", [b"Xi \xe9", b"\xd0 Putin"])  # one letter beyond ASCII
def test_too_short_to_tell_is_cp1252(data, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.warns(DataQualityWarning, match="read as cp1252"):
        assert load_corpus(path)[0].text == data.decode("cp1252")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("kind", ["txt", "csv", "jsonl"])
def test_text_with_a_utf16_or_utf32_byte_order_mark_is_text(codec, kind, tmp_path):
    path = tmp_path / f"a.{kind}"
    body = {"txt": LONG_RUSSIAN, "csv": f"text\n{LONG_RUSSIAN}\n",
            "jsonl": json.dumps({"text": LONG_RUSSIAN}, ensure_ascii=False)}[kind]  # fmt: skip
    data = body.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: the mark says what the text is
        assert [d.text for d in load_corpus(path)] == [LONG_RUSSIAN]
        assert [d.text for c in iter_corpus(path) for d in c] == [LONG_RUSSIAN]


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        ("Xi met Putin.".encode("utf-16-le"), InputEncodingError, "looks binary"),  # no mark
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputEncodingError, "looks binary"),
        (b"", CorpusError, "no document with text"),
        (b"Xi \x81\x8d\x8f\x90\x9d Putin", InputEncodingError, "encoding="),
    ],
)
def test_binary_empty_and_undecodable_files_are_still_refused(data, error, match, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(error, match=match):
        load_corpus(path)


def test_utf8_is_the_fast_path(tmp_path, monkeypatch):
    """Valid UTF-8 never reaches charset-normalizer."""

    def refuse(data):
        raise AssertionError("charset-normalizer was asked about UTF-8 text")

    monkeypatch.setattr(framing._reading, "_legacy_encoding", refuse)
    for kind, path in _files(tmp_path, LONG_CHINESE + LONG_RUSSIAN, "utf-8").items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            corpus = load_corpus(path)
        got = corpus[0].metadata["title"] if kind == "manifest" else corpus[0].text
        assert got == LONG_CHINESE + LONG_RUSSIAN


def test_the_surrogate_check_agrees_with_the_pattern_for_every_code_point():
    # _has_surrogate encodes instead of searching; UTF-8 refuses exactly the surrogates.
    check, pattern = framing._reading._has_surrogate, framing._reading._SURROGATE
    for code in range(0x110000):
        text = f"“{chr(code)}x"  # not ASCII, so the encoding is tried
        assert check(text) is bool(pattern.search(text)), hex(code)
    assert not check("plain ASCII text") and not check("")


def test_a_table_marks_lone_surrogates_in_its_text_and_nul_in_its_metadata():
    frame = pd.DataFrame(
        {"text": ["Xi \ud83d and Putin “met”.", "Plain text."], "title": ["a\x00b", "c"]},
        dtype=object,
    )
    docs = list(load_corpus(frame))
    assert [doc.text for doc in docs] == ["Xi \ufffd and Putin “met”.", "Plain text."]
    assert [doc.metadata["title"] for doc in docs] == ["a\ufffdb", "c"]


def test_texts_from_a_pyarrow_string_column_are_not_searched_for_surrogates(monkeypatch):
    pytest.importorskip("pyarrow")
    texts = ["Xi and Putin “met”.", "Plain text.", "Nul\x00 stays for cleaning."]
    by_objects = list(load_corpus(pd.DataFrame({"text": texts}, dtype=object)))
    # UTF-8 cannot hold a lone surrogate: the check is skipped, the documents are the same.
    monkeypatch.setattr(framing._reading, "_has_surrogate", lambda value: pytest.fail(value))
    by_arrow = list(load_corpus(pd.DataFrame({"text": texts}, dtype="string[pyarrow]")))
    assert by_arrow == by_objects
    assert [doc.text for doc in by_arrow] == texts
