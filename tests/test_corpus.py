"""Loading corpora: the seeds, every loader, and every kind of bad input."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from framing._corpus import Corpus, Document, load_corpus, parse_date
from framing.errors import CorpusError, DataQualityWarning, InputEncodingError, ParameterError

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
    with pytest.warns(DeprecationWarning, match="duplicate_clusters"):
        found = corpus.duplicates()
    pairs = {(a, b): kind for a, b, kind in found[["doc_id_a", "doc_id_b", "kind"]].values}
    assert pairs == {
        ("000_565a437152e639db", "copy_exact"): "exact",
        ("001_928cbda8d1da483e", "copy_near"): "near",
    }
    near = found.set_index("doc_id_b").loc["copy_near"]
    assert 0.9 < near["containment"] < 1.0
    # The five seeds are different articles: nothing reported among them.
    assert seeds.duplicate_clusters().empty
    # Reported, not dropped; one row per cluster.
    assert len(corpus) == 7
    clusters = corpus.duplicate_clusters()
    assert clusters[["kind", "n_documents", "doc_ids"]].values.tolist() == [
        ["exact", 2, ("000_565a437152e639db", "copy_exact")],
        ["near", 2, ("001_928cbda8d1da483e", "copy_near")],
    ]


def test_duplicate_clusters_join_exact_and_near_copies_in_one_row():
    base = " ".join(f"word{i}" for i in range(40))
    near = base.replace("word20", "other")  # 5 of 36 shingles differ: containment 0.86
    docs = [
        Document("x", "Something else entirely, nothing alike at all here."),
        Document("a", base),
        Document("b", base.upper()),
        Document("c", near),
        Document("d", "Another unrelated text, with other words in it."),
        Document("e", "ANOTHER unrelated text with other words in it"),
    ]
    clusters = Corpus(docs).duplicate_clusters(max_ids=2)
    assert clusters["cluster"].tolist() == [1, 2]
    assert clusters["kind"].tolist() == ["near", "exact"]
    assert clusters["n_documents"].tolist() == [3, 2]
    assert clusters["representative"].tolist() == ["a", "d"]
    assert clusters["doc_ids"].tolist() == [("a", "b"), ("d", "e")]
    assert Corpus(docs).duplicate_clusters(max_ids=None)["doc_ids"][0] == ("a", "b", "c")
    # a stricter threshold separates the near copy: only the exact pair stays with 'a'
    strict = Corpus(docs).duplicate_clusters(threshold=0.95)
    assert strict["doc_ids"].tolist() == [("a", "b"), ("d", "e")]
    empty = Corpus(docs[:1] + docs[3:4]).duplicate_clusters()
    assert empty.empty and list(empty.columns) == [
        "cluster", "kind", "n_documents", "representative", "doc_ids"
    ]
    with pytest.raises(ParameterError):
        Corpus(docs).duplicate_clusters(max_ids=0)


def test_duplicate_clusters_of_many_copies_are_one_row_each():
    """Thousands of copies give one row per cluster (the pair table had n(n-1)/2 rows), and a
    chain of near copies longer than one block of the overlap is one cluster."""
    text = "Xi and Putin met in Moscow this week to deepen their partnership, officials said."
    copies = [Document(f"c{i:04d}", text) for i in range(3000)]
    words = [f"w{i}" for i in range(700)]
    # each text drops one more word from the front: every neighbour shares nearly all shingles
    chain = [Document(f"n{i:03d}", " ".join(words[i:])) for i in range(300)]
    clusters = Corpus([*copies, *chain]).duplicate_clusters()
    assert clusters[["kind", "n_documents", "representative"]].values.tolist() == [
        ["exact", 3000, "c0000"],
        ["near", 300, "n000"],
    ]
    assert clusters["doc_ids"][0] == ("c0000", "c0001", "c0002", "c0003", "c0004")


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


# --------------------------------------------------------------------------------------------
# Lines end at "\n" only; a few invalid bytes in UTF-8 text are replaced, not the whole file
# re-read as cp1252 (constructed texts)
# --------------------------------------------------------------------------------------------
# Characters str.splitlines() breaks at, none of which ends a line of a JSONL or CSV file.
LINE_BREAKERS = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", [None, "utf-8"])
def test_jsonl_keeps_line_breakers_inside_strings(tmp_path, newline, encoding):
    # Raw, as some exporters write them (json.dumps would escape the control characters).
    lines = [
        f'{{"doc_id": "d{i}", "text": "Xi met Putin.{char}They talked."}}'
        for i, char in enumerate(LINE_BREAKERS)
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    corpus = load_corpus(path, encoding=encoding)
    assert [d.text for d in corpus] == [f"Xi met Putin.{c}They talked." for c in LINE_BREAKERS]
    # Line numbers in errors count "\n" only.
    path.write_bytes((newline.join([*lines, "{broken"]) + newline).encode("utf-8"))
    with pytest.raises(CorpusError, match=f"line {len(lines) + 1}: not valid JSON") as info:
        load_corpus(path, encoding=encoding)
    assert info.value.row == len(lines) + 1


def test_csv_and_manifest_keep_line_breakers_inside_cells(tmp_path):
    path = tmp_path / "a.csv"
    frame = pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(LINE_BREAKERS))],
         "text": [f"Xi met Putin.{c}They talked." for c in LINE_BREAKERS]}
    )  # fmt: skip
    frame.to_csv(path, index=False)
    assert [d.text for d in load_corpus(path)] == frame["text"].tolist()
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Xi met Putin.", encoding="utf-8")
    (folder / "manifest.csv").write_text('file,title\na.txt,"Xi\u2028Putin"\n', encoding="utf-8")
    assert load_corpus(folder)[0].metadata == {"title": "Xi\u2028Putin"}


def _caught(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


def test_a_stray_byte_in_utf8_text_is_replaced_not_the_file_read_as_cp1252(tmp_path):
    path = tmp_path / "a.txt"
    # UTF-8 Cyrillic and Chinese, and one cp1252 apostrophe (0x92) on line 2.
    path.write_bytes("Путин встретил 习近平.\n".encode() + b"Xi\x92s aides smiled.\n")
    corpus, messages = _caught(load_corpus, path)
    assert corpus[0].text == "Путин встретил 习近平.\nXi\ufffds aides smiled.\n"
    assert messages == [
        f"{path}: 1 byte not valid UTF-8, replaced by U+FFFD: line 2 (1 byte); the rest of the "
        "file is UTF-8"
    ]


def test_replaced_bytes_are_counted_by_line(tmp_path):
    path = tmp_path / "a.txt"
    # A BOM, then invalid bytes on lines 2 and 4 (a cut-off Chinese character is two of them).
    path.write_bytes(
        b"\xef\xbb\xbf" + "Путин\n".encode() + b"a\x93b\x94\n\n" + "习近平".encode()[:-1] + b"\n"
    )
    corpus, messages = _caught(load_corpus, path)
    assert corpus[0].text == "Путин\na\ufffdb\ufffd\n\n习近\ufffd\ufffd\n"
    assert messages == [
        f"{path}: 4 bytes not valid UTF-8, replaced by U+FFFD: line 2 (2 bytes), line 4 (2 "
        "bytes); the rest of the file is UTF-8"
    ]


@pytest.mark.parametrize(
    "data",
    [
        "Xi’s “friend” – Putin à Moscou".encode("cp1252"),  # no multi-byte UTF-8 at all
        # More invalid bytes than multi-byte sequences: a cp1252 file with one UTF-8 "é".
        "é".encode() + "Xi’s “friend” – Putin".encode("cp1252"),
    ],
)
def test_text_that_is_not_utf8_stays_cp1252(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    corpus, messages = _caught(load_corpus, path)
    assert corpus[0].text == data.decode("cp1252")
    assert messages == [
        f"{path}: not UTF-8, read as cp1252 (Windows-1252); check its accented characters"
    ]


def test_a_stray_byte_with_no_cp1252_meaning_is_replaced_too(tmp_path):
    # 0x81 is undefined in cp1252: the file used to be an InputEncodingError.
    path = tmp_path / "a.txt"
    path.write_bytes("Путин \x81".encode().replace(b"\xc2\x81", b"\x81"))
    corpus, messages = _caught(load_corpus, path)
    assert corpus[0].text == "Путин \ufffd" and len(messages) == 1


def test_jsonl_and_csv_are_decoded_line_by_line_with_line_numbers(tmp_path):
    good = json.dumps({"text": "Путин met Xi."}, ensure_ascii=False).encode()
    stray = json.dumps({"text": "习近平’s aides"}, ensure_ascii=False).encode()
    stray = stray.replace("’".encode(), b"\x92")
    latin = json.dumps({"text": "Xi’s café"}, ensure_ascii=False).encode("cp1252")
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join([good, stray, latin, stray]) + b"\n")
    corpus, messages = _caught(load_corpus, path)
    assert [d.text for d in corpus] == [
        "Путин met Xi.", "习近平\ufffds aides", "Xi’s café", "习近平\ufffds aides",
    ]  # fmt: skip
    assert messages == [
        f"{path}: line 2: 1 byte not valid UTF-8, replaced by U+FFFD; the rest of the line is "
        "UTF-8 (any later such line is read the same way)",
        f"{path}: line 3 is not UTF-8, read as cp1252 (Windows-1252), as is any later such "
        "line; check its accented characters",
        f"{path}: 2 bytes not valid UTF-8, replaced by U+FFFD, on 2 lines: line 2 (1 byte), "
        "line 4 (1 byte)",
    ]
    table = tmp_path / "a.csv"
    # The policy applies per line: line 3 holds UTF-8 Cyrillic, line 4 none.
    table.write_bytes(
        b"text,outlet\n" + '"Путин и\nСи'.encode() + b'\x92\nXi\x92s",A\n'
    )  # the cell spans lines 2 to 4
    corpus, messages = _caught(load_corpus, table)
    assert corpus[0].text == "Путин и\nСи\ufffd\nXi’s"
    assert messages == [
        f"{table}: line 3: 1 byte not valid UTF-8, replaced by U+FFFD; the rest of the line is "
        "UTF-8 (any later such line is read the same way)",
        f"{table}: line 4 is not UTF-8, read as cp1252 (Windows-1252), as is any later such "
        "line; check its accented characters",
    ]


def test_an_unknown_forced_encoding_for_a_table(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Xi met Putin."}\n', encoding="utf-8")
    with pytest.raises(InputEncodingError, match="cannot be decoded as no-such-codec"):
        load_corpus(path, encoding="no-such-codec")
