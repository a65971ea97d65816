"""Loading corpora: the seeds, every loader, and every kind of bad input."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from framing.corpus import Corpus, Document, load_corpus, parse_date
from framing.errors import CorpusError, DataQualityWarning, InputEncodingError

from .conftest import SEEDS


def test_seed_folder_with_manifest(seeds):
    assert len(seeds) == 5
    assert [d.outlet for d in seeds] == [
        "Hindustan Times",
        "UrduPoint (APP, AFP wire)",
        "The Independent",
        "China Digital Times",
        "NPR",
    ]
    first = seeds["000_565a437152e639db"]
    assert (first.date, first.date_precision) == ("2023-03-27", "day")
    assert (seeds[2].date, seeds[2].date_precision) == ("2023-03", "month")
    assert first.metadata["genre"] == "opinion"
    assert first.metadata["country"] == "India"
    # The original text is kept byte for byte.
    assert first.text == (SEEDS / "000_565a437152e639db.txt").read_text(encoding="utf-8")


def test_seed_to_frame_has_metadata_columns(seeds):
    frame = seeds.to_frame()
    assert frame.columns[:6].tolist() == [
        "doc_id",
        "text",
        "outlet",
        "date",
        "date_precision",
        "year",
    ]
    assert {"country", "genre", "title", "author", "copy"} <= set(frame.columns)
    assert frame["year"].tolist() == [2023, 2023, 2023, 2024, 2024]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-27", ("2023-03-27", "day")),
        ("2023-03", ("2023-03", "month")),
        ("2023", ("2023", "year")),
        (2023, ("2023", "year")),
        ("2024-5-7", ("2024-05-07", "day")),
        ("2024-05-17T10:30:00Z", ("2024-05-17", "day")),
        (pd.Timestamp("2024-05-17"), ("2024-05-17", "day")),
        (None, (None, None)),
        (float("nan"), (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_date_keeps_precision(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["27 March 2023", "2023-13", "2023-02-30", "March"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_folder_without_manifest(tmp_path):
    (tmp_path / "b.txt").write_text("Putin met Xi.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a", "b"]
    assert corpus[0].outlet is None


def test_manifest_and_folder_disagree_lists_everything(tmp_path):
    (tmp_path / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Putin met Xi.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,X\nc.txt,Y\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "'c.txt' has no such file" in message
    assert "'b.txt' has no manifest row" in message
    assert info.value.path.endswith("manifest.csv")


def test_manifest_first_column_must_be_file(tmp_path):
    (tmp_path / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("outlet,file\nX,a.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="first column must be 'file'"):
        load_corpus(tmp_path)


def test_manifest_repeated_file(tmp_path):
    (tmp_path / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,X\na.txt,Y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="repeats file 'a.txt'"):
        load_corpus(tmp_path)


def test_missing_path():
    with pytest.raises(CorpusError, match="no such file or folder") as info:
        load_corpus("does/not/exist")
    assert info.value.path == "does/not/exist"


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="no .txt files"):
        load_corpus(tmp_path)


def test_empty_files_are_named_and_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    with pytest.warns(DataQualityWarning, match=r"2 empty .*blank\.txt, empty\.txt"):
        corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a"]
    assert corpus.skipped.to_dict("list") == {
        "source": ["blank.txt", "empty.txt"],
        "reason": ["empty", "empty"],
    }


def test_corpus_without_any_text_raises(tmp_path):
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    with pytest.raises(CorpusError, match="no text"):
        load_corpus(tmp_path)


def test_binary_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputEncodingError, match="binary") as info:
        load_corpus(tmp_path)
    assert info.value.path.endswith("a.txt")


def test_utf8_with_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffXi’s visit.".encode())
    assert load_corpus(tmp_path)[0].text == "Xi’s visit."


def test_cp1252_is_read_with_a_warning_naming_the_file(tmp_path):
    (tmp_path / "a.txt").write_bytes("Xi’s “friend” – Putin".encode("cp1252"))
    with pytest.warns(DataQualityWarning, match=r"a\.txt.*cp1252"):
        corpus = load_corpus(tmp_path)
    assert corpus[0].text == "Xi’s “friend” – Putin"


def test_undecodable_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Xi \x81\x8d\x8f\x90\x9d Putin")  # not UTF-8, not cp1252
    with pytest.raises(InputEncodingError, match="encoding="):
        load_corpus(tmp_path)


def test_explicit_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes("Путин".encode("koi8-r"))
    assert load_corpus(tmp_path, encoding="koi8-r")[0].text == "Путин"


def test_csv_loader(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame(
        {
            "doc_id": ["x", "y"],
            "text": ["Xi met Putin.", "A, b"],
            "outlet": ["A", "B"],
            "date": ["2023", "2023-04"],
            "genre": ["news", None],
        }
    ).to_csv(path, index=False)
    corpus = load_corpus(path)
    assert [d.doc_id for d in corpus] == ["x", "y"]
    assert corpus["y"].text == "A, b"
    assert corpus["y"].date_precision == "month"
    assert corpus["y"].metadata == {"genre": None}


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("body,outlet\nXi,A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no text column 'text'.*\['body', 'outlet'\]"):
        load_corpus(path)
    assert load_corpus(path, text="body")[0].text == "Xi"


def test_csv_bad_date_names_the_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("text,date\nXi met Putin.,2023\nPutin met Xi.,March 2023\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="row 2") as info:
        load_corpus(path)
    assert info.value.row == 2


def test_duplicate_doc_ids(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,text\na,Xi met Putin.\na,Putin met Xi.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate doc_id 'a'") as info:
        load_corpus(path)
    assert info.value.doc_id == "a"


def test_jsonl_loader_and_bad_line(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"text": "Xi met Putin.", "outlet": "A"}), "", json.dumps({"text": "B"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [d.text for d in load_corpus(path)] == ["Xi met Putin.", "B"]
    path.write_text(lines[0] + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2") as info:
        load_corpus(path)
    assert info.value.row == 2
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="expected an object"):
        load_corpus(path)


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "c.docx"
    path.write_bytes(b"PK")
    with pytest.raises(CorpusError, match="unsupported file type .docx"):
        load_corpus(path)


def test_dataframe_and_list_inputs():
    frame = pd.DataFrame({"text": ["Xi met Putin."], "outlet": ["A"], "country": ["UK"]})
    corpus = load_corpus(frame)
    assert corpus[0].doc_id == "doc0001" and corpus[0].metadata == {"country": "UK"}
    assert load_corpus(["one", "two"])[1].text == "two"
    with pytest.raises(CorpusError, match="not one string"):
        Corpus.from_texts("Xi met Putin.")
    with pytest.raises(CorpusError, match="item 2 is int"):
        Corpus.from_texts(["a", 3])
    with pytest.raises(CorpusError, match="text is int"):
        Corpus.from_frame(pd.DataFrame({"text": [3]}))


def test_from_frame_does_not_mutate_input():
    frame = pd.DataFrame({"text": ["Xi met Putin."], "date": ["2023-03"]})
    before = frame.copy()
    Corpus.from_frame(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_documents_are_read_only():
    doc = Document("a", "text", metadata={"genre": "news"})
    with pytest.raises(AttributeError):
        doc.text = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        doc.metadata["genre"] = "opinion"  # type: ignore[index]


def test_duplicates_exact_and_near(seeds):
    wire = seeds[1].text
    republished = "Home | World | Asia\nSHARE\n" + wire.replace("this week", "on Tuesday") + "\nAds"
    corpus = Corpus(
        [
            *seeds.documents,
            Document("copy_exact", seeds[0].text.upper(), outlet="Mirror"),
            Document("copy_near", republished, outlet="Other wire"),
        ]
    )
    found = corpus.duplicates()
    pairs = {(a, b): kind for a, b, kind in found[["doc_id_a", "doc_id_b", "kind"]].values}
    assert pairs == {
        ("000_565a437152e639db", "copy_exact"): "exact",
        ("001_928cbda8d1da483e", "copy_near"): "near",
    }
    near = found.set_index("doc_id_b").loc["copy_near"]
    assert 0.9 < near["containment"] < 1.0
    # The five seeds are different articles: nothing reported among them.
    assert seeds.duplicates().empty
    # Reported, not dropped.
    assert len(corpus) == 7


def test_large_single_line_document_loads(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Xi met Putin in Moscow. " * 420_000, encoding="utf-8")  # about 10 MB
    corpus = load_corpus(tmp_path)
    assert len(corpus[0].text) > 10_000_000


def test_no_warning_on_clean_seed_load():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(SEEDS)


def test_list_of_documents_and_unloadable_input():
    docs = [Document("a", "Xi met Putin.", outlet="X"), Document("b", "Putin met Xi.")]
    corpus = load_corpus(docs)
    assert [d.doc_id for d in corpus] == ["a", "b"] and corpus["a"].outlet == "X"
    with pytest.raises(CorpusError, match="cannot load a corpus from dict; give a folder"):
        load_corpus({"text": "Xi met Putin."})
