"""Hostile and odd corpus inputs: metadata named like framing's columns, repeated headers,
symlinks out of the folder, non-regular files, unreadable files, line ends and encodings.

Every input is constructed here, in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import threading
import warnings

import pandas as pd
import pytest

import framing
from framing import CorpusError, FramingWarning, InputEncodingError
from framing._scoring import _DOC_COLUMNS, sentence_columns
from framing.cli import main

TEXT = "Xi and Putin met as equals. Russia is China's junior partner."  # constructed
# Every column framing.score writes with the built-in lexicon, taken from score itself.
WRITTEN = [*sentence_columns(framing.load_lexicon("relationship")), *_DOC_COLUMNS]
COLLIDING = [c for c in WRITTEN if c not in ("text", "date", "year", "date_precision")]


def _records(n: int = 2) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        row = {"text": TEXT, "date": "2024-05-01", "doc_id": f"d{i}", "outlet": f"O{i}"}
        row.update({c: f"user {c} {i}" for c in COLLIDING if c not in row})
        rows.append(row)
    return rows


def _write(kind: str, tmp_path, rows: list[dict[str, str]]):
    frame = pd.DataFrame(rows)
    if kind == "csv":
        path = tmp_path / "c.csv"
        frame.to_csv(path, index=False)
        return path
    if kind == "jsonl":
        path = tmp_path / "c.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        return path
    if kind == "parquet":
        path = tmp_path / "c.parquet"
        frame.to_parquet(path, index=False)
        return path
    if kind == "folder":
        folder = tmp_path / "corpus"
        folder.mkdir()
        for row in rows:
            (folder / f"{row['doc_id']}.txt").write_text(row["text"], encoding="utf-8")
        manifest = frame.drop(columns=["text"]).rename(columns={"doc_id": "file"})
        manifest["file"] = manifest["file"] + ".txt"
        manifest = manifest[["file", *[c for c in manifest.columns if c != "file"]]]
        manifest.to_csv(folder / "manifest.csv", index=False)
        return folder
    return frame


def _load(kind: str, source):
    """The documents, by each entry point."""
    if kind in ("parquet", "iter_corpus"):
        return [doc for chunk in framing.iter_corpus(source, chunk_size=1) for doc in chunk]
    if kind == "dask":
        return source
    return list(framing.load_corpus(source))


KINDS = ["folder", "csv", "jsonl", "parquet", "frame"]


@pytest.mark.parametrize("kind", KINDS)
def test_metadata_named_like_an_output_column_is_kept_apart(kind, tmp_path):
    """Loading keeps the columns every table has apart; scoring those of the lexicon's axes."""
    source = _write(kind, tmp_path, _records())
    # The folder's ids and outlets are its own: file names and the manifest's outlet column.
    users = [c for c in COLLIDING if c not in ("doc_id", "outlet")]
    axis_columns = [c for c in users if c.split("_")[0] in ("power", "bond")]
    with pytest.warns(FramingWarning, match="kept under new names") as record:
        docs = _load(kind, source)
    message = " ".join(str(w.message) for w in record)
    for i, doc in enumerate(docs):
        for column in users:
            name = column if column in axis_columns else f"meta_{column}"
            assert name == column or f"'{column}' as '{name}'" in message
            assert doc.metadata[name] == f"user {column} {i}"
    with pytest.warns(FramingWarning, match="'power' as 'meta_power', 'power_label' as"):
        sents = framing.score(framing.Corpus(docs))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        framing.compare(sents, by="outlet")
    assert len(sents.columns) == len(set(sents.columns))
    by_doc = sents.groupby("doc_id").first()
    for i, ident in enumerate(["d0", "d1"]):
        for column in users:
            assert by_doc.loc[ident, f"meta_{column}"] == f"user {column} {i}"
    assert sents["power_label"].isin(["equal", "junior", "none"]).all()
    assert set(sents["year"]) == {2024}


@pytest.mark.parametrize("kind", ["csv", "jsonl", "frame", "folder"])
def test_text_and_id_columns_not_used_are_kept_apart(kind, tmp_path):
    rows = [{"body": TEXT, "text": "user text", "doc_id": "user id", "key": "a"}]
    if kind == "folder":
        rows[0]["doc_id"] = "a"
        rows[0]["body"] = TEXT
    source = _write(kind, tmp_path, rows) if kind != "folder" else None
    if kind == "folder":
        folder = tmp_path / "corpus"
        folder.mkdir()
        (folder / "a.txt").write_text(TEXT, encoding="utf-8")
        (folder / "manifest.csv").write_text("file,text,doc_id\na.txt,user text,user id\n")
        with pytest.warns(FramingWarning, match="'text' as 'meta_text', 'doc_id' as 'meta_doc_id'"):
            (doc,) = framing.load_corpus(folder)
    elif kind == "frame":
        with pytest.warns(FramingWarning, match="'text' as 'meta_text'"):
            (doc,) = framing.Corpus.from_frame(source, text="body", doc_id="key")
    else:
        with pytest.warns(FramingWarning, match="'text' as 'meta_text'"):
            (doc,) = framing.load_corpus(source, text="body", doc_id="key")
    assert doc.text == TEXT
    assert doc.metadata["meta_text"] == "user text"
    assert doc.metadata["meta_doc_id"] == "user id"


@pytest.mark.parametrize("kind", KINDS)
def test_a_year_that_disagrees_with_the_date_is_refused(kind, tmp_path):
    rows = [{"doc_id": "a", "text": TEXT, "date": "2024-05-01", "year": "1999"}]
    source = _write(kind, tmp_path, rows)
    with pytest.raises(CorpusError, match=r"year is '1999', but the record has the date 2024-05-01"
                       r".*rename the column"):  # fmt: skip
        _load(kind, source)


@pytest.mark.parametrize("kind", KINDS)
def test_a_table_from_to_frame_reads_back_unchanged(kind, tmp_path):
    rows = [{"doc_id": "a", "text": TEXT, "date": "2024-05", "outlet": "O", "genre": "news"}]
    corpus = framing.load_corpus(pd.DataFrame(rows))
    frame = corpus.to_frame()
    assert frame["year"].tolist() == [2024]
    source = _write(kind, tmp_path, frame.astype(str).to_dict("records"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (doc,) = _load(kind, source)
    assert dict(doc.metadata) == {"genre": "news"}
    assert (doc.date, doc.date_precision, doc.year) == ("2024-05", "month", 2024)


def test_hand_built_documents_and_lexicon_axes_are_kept_apart():
    doc = framing.Document("a", TEXT, date="2024", metadata={"year": 1999, "bond": "b"})
    with pytest.warns(FramingWarning, match="'year' as 'meta_year', 'bond' as 'meta_bond'"):
        sents = framing.score([doc])
    assert sents["meta_year"].tolist() == [1999, 1999]
    assert sents["year"].tolist() == [2024, 2024]
    assert framing.Corpus([doc]).to_frame()["meta_year"].tolist() == [1999]


def test_a_prefixed_name_that_is_taken_is_refused():
    frame = pd.DataFrame({"text": [TEXT], "cues": ["x"], "meta_cues": ["y"]})
    with pytest.raises(CorpusError, match="'cues' \\(as 'meta_cues'\\).*rename"):
        framing.load_corpus(frame)


def test_dask_keeps_colliding_columns_apart():
    dd = pytest.importorskip("dask.dataframe")
    import dask

    import framing.dask

    frame = pd.DataFrame(_records(4))
    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = framing.score(frame)
    with dask.config.set(scheduler="synchronous"):
        with pytest.warns(FramingWarning, match="'power' as 'meta_power'"):
            lazy = framing.dask.score(dd.from_pandas(frame, npartitions=2))
        got = lazy.compute()
        with pytest.warns(FramingWarning, match="'speaker' as 'meta_speaker'"):
            counts = framing.dask.tally(dd.from_pandas(frame, npartitions=2))
    assert list(got.columns) == list(expected.columns)
    assert got["meta_power"].tolist() == expected["meta_power"].tolist()
    assert "meta_flags" in counts.columns


def test_cli_scores_a_table_with_colliding_columns(tmp_path, capsys):
    path = _write("csv", tmp_path, _records())
    out = tmp_path / "out.csv"
    assert main(["score", str(path), "-o", str(out), "--quiet"]) == 0
    written = pd.read_csv(out)
    assert written["meta_cues"].tolist()[0] == "user cues 0"
    assert main(["compare", str(path), "--quiet"]) == 0
    assert main(["report", str(path), "-o", str(tmp_path / "r"), "--quiet"]) == 0


# -- repeated header columns ----------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["manifest", "csv", "iter_csv", "frame"])
def test_a_repeated_header_column_is_refused(kind, tmp_path):
    if kind == "manifest":
        (tmp_path / "a.txt").write_text(TEXT)
        (tmp_path / "manifest.csv").write_text("\nfile,genre,outlet,genre\na.txt,x,O,y\n")
        call, line = (lambda: framing.load_corpus(tmp_path)), 2
    elif kind == "frame":
        frame = pd.DataFrame([[TEXT, "x", "y"]], columns=["text", "genre", "genre"])
        call, line = (lambda: framing.load_corpus(frame)), None
    else:
        path = tmp_path / "c.csv"
        path.write_text("text,genre,genre\nXi met Putin.,x,y\n")
        if kind == "csv":
            call = lambda: framing.load_corpus(path)  # noqa: E731
        else:
            call = lambda: list(framing.iter_corpus(path))  # noqa: E731
        line = 1
    with pytest.raises(CorpusError, match="'genre'") as info:
        call()
    assert info.value.row == line
    if line is not None:
        assert f"line {line}" in str(info.value)


@pytest.mark.parametrize("reader", ["load_corpus", "iter_corpus", "cli_skip"])
def test_a_key_repeated_in_a_json_line_is_refused(reader, tmp_path, capsys):
    # JSON parsers keep the last of two equal keys; one text would be lost without a word.
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"doc_id": "a", "text": "Xi and Putin are old friends."}\n'
        '{"doc_id": "b", "text": "Xi met Putin.", "meta": {"x": 1, "x": 2}}\n'
        '{"doc_id": "c", "text": "Xi met Putin.", "text": "Russia is a junior partner."}\n'
    )
    if reader == "cli_skip":
        out = tmp_path / "out.csv"
        assert main(["score", str(path), "-o", str(out), "--errors", "skip"]) == 0
        assert pd.read_csv(out)["doc_id"].tolist() == ["a"]
        assert "2 malformed line(s) skipped (line 2, line 3)" in capsys.readouterr().err
        return
    with pytest.raises(CorpusError, match="line 2: not valid JSON \\(the key 'x' appears twice"):
        if reader == "load_corpus":
            framing.load_corpus(path)
        else:
            list(framing.iter_corpus(path))


# -- symlinks, non-regular entries, unreadable files ------------------------------------------------
def _folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_a_txt_symlink_out_of_the_folder_is_skipped_with_its_reason(tmp_path):
    folder = _folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # inside the folder: read
    with pytest.warns(framing.DataQualityWarning, match="passwd.txt \\(a symlink to a file outside"):
        corpus = framing.load_corpus(folder)
    assert [d.doc_id for d in corpus] == ["a", "inside"]
    assert corpus.skipped.values.tolist() == [
        ["passwd.txt", "a symlink to a file outside the corpus folder"]
    ]
    assert all("root:" not in d.text for d in corpus)


def test_a_manifest_symlink_out_of_the_folder_is_refused_without_its_content(tmp_path):
    folder = _folder(tmp_path)
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secrethash:19000:0:99999:7:::\n")
    (folder / "manifest.csv").symlink_to(secret)
    with pytest.raises(CorpusError, match="a symlink to a file outside") as info:
        framing.load_corpus(folder)
    assert "secrethash" not in str(info.value) and "99999" not in str(info.value)


def test_a_manifest_without_file_column_is_not_echoed(tmp_path):
    folder = _folder(tmp_path)
    (folder / "manifest.csv").write_text("root:$6$secrethash:19000\n")
    with pytest.raises(CorpusError, match="first column must be 'file'") as info:
        framing.load_corpus(folder)
    assert "secrethash" not in str(info.value)


@pytest.mark.parametrize("kind", ["fifo", "socket", "dangling", "folder"])
def test_non_regular_txt_entries_are_skipped_never_opened(kind, tmp_path):
    folder = _folder(tmp_path)
    entry = folder / "odd.txt"
    if kind == "fifo":
        os.mkfifo(entry)  # opening it would block: no writer
    elif kind == "socket":
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(entry))
    elif kind == "dangling":
        entry.symlink_to(folder / "gone.txt")
    else:
        entry.mkdir()
    with pytest.warns(framing.DataQualityWarning, match="odd.txt"):
        corpus = framing.load_corpus(folder)
    assert [d.doc_id for d in corpus] == ["a"]
    ((source, reason),) = corpus.skipped.values.tolist()
    assert source == "odd.txt"
    expected = {"fifo": "FIFO", "socket": "socket", "dangling": "does not exist", "folder": "folder"}
    assert expected[kind] in reason


@pytest.mark.parametrize("kind", ["fifo", "dangling", "folder"])
def test_a_non_regular_manifest_is_refused_never_opened(kind, tmp_path, capsys):
    folder = _folder(tmp_path)
    manifest = folder / "manifest.csv"
    if kind == "fifo":
        os.mkfifo(manifest)
    elif kind == "dangling":
        manifest.symlink_to(folder / "gone.csv")
    else:
        manifest.mkdir()
    assert main(["compare", str(folder), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert "manifest.csv" in error and "regular file" in error


def test_an_explicitly_named_fifo_and_a_process_substitution_are_read(tmp_path, capsys):
    records = "\n".join(json.dumps({"doc_id": f"d{i}", "text": TEXT}) for i in range(3))
    for name in ("named.jsonl", "pipe"):  # the second has no suffix, as /dev/fd/63 has none
        fifo = tmp_path / name
        os.mkfifo(fifo)
        writer = threading.Thread(target=fifo.write_text, args=(records,))
        writer.start()
        out = tmp_path / f"{name}.csv"
        assert main(["score", str(fifo), "-o", str(out), "--quiet"]) == 0
        writer.join(timeout=10)
        assert pd.read_csv(out)["doc_id"].unique().tolist() == ["d0", "d1", "d2"]
    read, write = os.pipe()  # /dev/fd/N: a CSV this time
    os.write(write, f"doc_id,text\nx,{TEXT}\n".encode())
    os.close(write)
    try:
        (doc,) = framing.load_corpus(f"/dev/fd/{read}")
    finally:
        os.close(read)
    assert (doc.doc_id, doc.text) == ("x", TEXT)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt"])
@pytest.mark.parametrize("how", ["library", "iter_corpus", "cli"])
def test_an_unreadable_file_is_a_corpus_error_naming_it(suffix, how, tmp_path, monkeypatch, capsys):
    path = tmp_path / f"locked{suffix}"
    path.write_text('{"text": "x"}\n' if suffix == ".jsonl" else "text\nx\n")
    real_open, real_read = open, type(path).read_bytes

    def denied(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def denied_bytes(self):
        if str(self) == str(path):
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr("builtins.open", denied)
    monkeypatch.setattr(type(path), "read_bytes", denied_bytes)
    if how == "cli":
        assert main(["score", str(path), "--quiet"]) == 2
        assert f"{path}: cannot be read (Permission denied)" in capsys.readouterr().err
        return
    with pytest.raises(CorpusError, match="cannot be read \\(Permission denied\\)") as info:
        if how == "library":
            framing.load_corpus(path)
        else:
            list(framing.iter_corpus(path))
    assert str(info.value.path) == str(path)


def test_an_unreadable_folder_and_a_folder_for_a_file(tmp_path, monkeypatch):
    folder = _folder(tmp_path)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patch:
        patch.setattr(type(folder), "iterdir", denied)
        with pytest.raises(CorpusError, match="the folder cannot be read \\(Permission denied\\)"):
            framing.load_corpus(folder)
    (folder / "manifest.csv").mkdir()  # a folder where the manifest file belongs
    with pytest.raises(CorpusError, match="manifest.csv: not a regular file but a folder"):
        framing.load_corpus(folder)
    jsonl = tmp_path / "dir.jsonl"
    jsonl.mkdir()  # a folder named like a file: read as a folder, which has no .txt file
    with pytest.raises(CorpusError, match="no .txt files"):
        list(framing.iter_corpus(jsonl))


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_manifest_line_ends(ending, tmp_path):
    folder = _folder(tmp_path)
    (folder / "b.txt").write_text(TEXT)
    lines = ["file,outlet,genre", "a.txt,A,news", 'b.txt,B,"two\rlines"']
    (folder / "manifest.csv").write_bytes(ending.join(lines).encode() + ending.encode())
    corpus = framing.load_corpus(folder)
    assert [d.outlet for d in corpus] == ["A", "B"]
    assert corpus["b"].metadata["genre"] == "two\rlines"


# -- encodings and control characters --------------------------------------------------------------
RUSSIAN = "Си Цзиньпин и Владимир Путин встретились в Москве как равные партнёры."
CHINESE = "习近平与普京在莫斯科会晤。俄罗斯已成为中国的小伙伴。"


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [(RUSSIAN, "cp1251", "cp1251"), (CHINESE, "gb18030", "GB18030"),
     ("Xi a rencontré Poutine à Moscou.", "cp1252", "cp1252")],
)  # fmt: skip
def test_legacy_code_pages_are_read(text, encoding, named, tmp_path):
    folder = _folder(tmp_path)
    (folder / "b.txt").write_bytes(text.encode(encoding))
    lines = tmp_path / "c.jsonl"
    lines.write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode(encoding))
    with pytest.warns(framing.DataQualityWarning, match=f"read as {named}"):
        assert framing.load_corpus(folder)["b"].text == text
    with pytest.warns(framing.DataQualityWarning, match=f"line 1 is not UTF-8, read as {named}"):
        assert [d.text for c in framing.iter_corpus(lines) for d in c] == [text]


def test_utf8_with_a_stray_byte_keeps_its_policy(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("utf-8") + b" \x96")
    with pytest.warns(framing.DataQualityWarning, match="1 byte not valid UTF-8, replaced"):
        (doc,) = framing.load_corpus(path)
    assert doc.text == RUSSIAN + " \ufffd"


@pytest.mark.parametrize("encoding", [None, "utf-16"])
def test_utf16_text_files_are_text(encoding, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("utf-16"))
    (doc,) = framing.load_corpus(path, encoding=encoding)
    assert doc.text == RUSSIAN
    bare = tmp_path / "b.txt"  # UTF-16 without a byte order mark: NUL bytes, binary
    bare.write_bytes("Xi met Putin.".encode("utf-16-le"))
    with pytest.raises(InputEncodingError, match="looks binary"):
        framing.load_corpus(bare)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_nul_is_found_past_the_first_64_kib(suffix, tmp_path):
    path = tmp_path / f"a{suffix}"
    line = json.dumps({"text": "Xi met Putin. " * 20}) + "\n"
    path.write_bytes(line.encode() * 800 + b'{"text": "Xi\x00"}\n')
    assert path.stat().st_size > 65536 * 2
    with pytest.raises(InputEncodingError, match="looks binary"):
        list(framing.iter_corpus(path)) if suffix == ".jsonl" else framing.load_corpus(path)


def test_nul_in_json_metadata_and_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Xi and Putin\u0000 met as equals.", "genre": "ne\u0000ws"}))
    (doc,) = framing.load_corpus(path)
    assert doc.metadata["genre"] == "ne\ufffdws"
    sents = framing.score([doc])
    assert sents["text"].tolist() == ["Xi and Putin met as equals."]
    assert sents["flags"].tolist() == ["control_characters"]
    out = tmp_path / "out.csv"
    assert main(["score", str(path), "-o", str(out), "--quiet"]) == 0
    assert "\x00" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\u00ad", "\x07"])
def test_invisible_characters_are_removed_with_the_flag(char):
    (flags,) = set(framing.score([f"Xi and Pu{char}tin met as equals."])["flags"])
    assert flags == "control_characters"
    assert set(framing.score(["Xi and Putin met as equals."])["flags"]) == {""}
