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
from framing.cli import main
from framing.scoring import _DOC_COLUMNS, sentence_columns

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
