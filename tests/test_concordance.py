"""Tests of framing.concordance and framing.format_concordance (keyword in context)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import concordance, format_concordance
from framing.errors import InputError, ParameterError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BASE = ["doc_id", "outlet", "sent_id", "left", "keyword", "right"]


def _table() -> pd.DataFrame:
    # Constructed sentences (not from any article).
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d2"],
            "outlet": ["A", "A", "B", "B"],
            "sent_id": [0, 1, 0, 1],
            "text": [
                "Russia is the junior partner of China.",
                "Partners in name, partnership in law.",
                "A JUNIOR\n  partner? No: the junior partners are elsewhere.",
                "The U.S. and the UAS differ.",
            ],
        }
    )


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return framing.score(framing.load_corpus(SEEDS))


# --------------------------------------------------------------------------- hand-computed cases


def test_phrase_matches_whole_words_whatever_case_and_spacing():
    result = concordance(_table(), "junior partner", width=10)
    assert list(result.columns) == BASE
    # Sentence d1/0: "junior partner" at 14..28; 10 characters each side.
    # Sentence d2/0: "JUNIOR\n  partner" at 2..18; "junior partners" is not a whole-word match.
    assert result.to_dict("records") == [
        {"doc_id": "d1", "outlet": "A", "sent_id": 0, "left": "ia is the ",
         "keyword": "junior partner", "right": " of China."},
        {"doc_id": "d2", "outlet": "B", "sent_id": 0, "left": "A ",
         "keyword": "JUNIOR\n  partner", "right": "? No: the "},
    ]  # fmt: skip
    assert result["sent_id"].dtype == _table()["sent_id"].dtype


def test_context_is_the_sentence_around_the_keyword():
    table = _table()
    for width in (0, 3, 40, 500):
        for row in concordance(table, "partner", width=width).itertuples():
            text = table.loc[(table["doc_id"] == row.doc_id) & (table["sent_id"] == row.sent_id),
                             "text"].iloc[0]  # fmt: skip
            piece = row.left + row.keyword + row.right
            start = text.index(piece) + len(row.left)
            assert len(row.left) == min(width, start)
            assert len(row.right) == min(width, len(text) - start - len(row.keyword))


def test_literal_pattern_is_not_a_regular_expression():
    result = concordance(_table(), "U.S.", width=4)
    assert result["keyword"].tolist() == ["U.S."]  # the dots do not match the "A" of "UAS"
    assert result[["left", "right"]].iloc[0].tolist() == ["The ", " and"]


def test_regular_expression():
    result = concordance(_table(), r"partner(s|ship)?\b", regex=True, width=0)
    assert result["keyword"].tolist() == [
        "partner", "Partners", "partnership", "partner", "partners",
    ]  # fmt: skip
    assert result["sent_id"].tolist() == [0, 1, 1, 0, 0]
    assert result["left"].eq("").all() and result["right"].eq("").all()


def test_ignore_case_false():
    assert concordance(_table(), "junior", ignore_case=False)["keyword"].tolist() == [
        "junior",
        "junior",
    ]
    assert len(concordance(_table(), "junior")) == 3


def test_no_match_keeps_columns_and_other_columns_follow():
    table = _table().assign(voice="narrator", speaker=None, relevant=True)
    table["power_label"] = ["junior", "none", "junior", "none"]
    empty = concordance(table, "vodka")
    assert list(empty.columns) == [*BASE, "voice", "speaker", "relevant", "power_label"]
    assert len(empty) == 0
    assert concordance(table, "partner")["power_label"].tolist() == ["junior", "junior"]
    assert "power_label" not in concordance(table, "partner", axes={"bond": ("a", "b")}).columns


def test_table_without_keys():
    result = concordance(pd.DataFrame({"text": ["One junior partner."]}), "junior partner")
    assert result.iloc[0][["doc_id", "outlet", "sent_id"]].isna().all()
    assert result.iloc[0]["left"] == "One "


def test_input_not_mutated():
    table = _table()
    before = table.copy()
    concordance(table, "partner")
    pd.testing.assert_frame_equal(table, before)


# --------------------------------------------------------------------------- cues


def test_cue_on_a_scored_constructed_sentence():
    sents = framing.score(["Xi and Putin: this is not a marriage of convenience."])
    result = concordance(sents, cue="Marriage of Convenience", width=8)
    # "marriage" starts at character 28; the 8 characters before it are "s not a ".
    assert result[["left", "keyword", "right"]].iloc[0].tolist() == [
        "s not a ", "marriage of convenience", ".",
    ]  # fmt: skip
    # The negated cue counts for friendship: the sentence's label says so.
    assert result.iloc[0]["bond_label"] == "friendship"
    assert result.iloc[0]["voice"] == "narrator"


def _cue_matches(sents: pd.DataFrame, name: str) -> list[tuple[str, int, int, int]]:
    """(doc_id, sent_id, start, end) of each match of cue ``name``, offsets in the sentence."""
    found = []
    for row in sents.itertuples():
        for cue in row.cues:
            if cue["cue"] == name:
                found.append((row.doc_id, row.sent_id, cue["start"] - row.start,
                              cue["end"] - row.start))  # fmt: skip
    return sorted(set(found))


@pytest.mark.parametrize("name", ["ice cream", "friendship*", "no limits"])
def test_cue_on_the_seeds(seeds, name):
    expected = _cue_matches(seeds, name)
    assert expected, f"cue {name!r} occurs in the seeds"
    result = concordance(seeds, cue=name, width=30)
    assert len(result) == len(expected)
    texts = seeds.set_index(["doc_id", "sent_id"])["text"]
    for row, (doc_id, sent_id, a, b) in zip(result.itertuples(), expected, strict=True):
        text = texts[doc_id, sent_id]
        assert (row.doc_id, row.sent_id) == (doc_id, sent_id)
        assert row.keyword == text[a:b]
        assert row.left == text[max(0, a - 30) : a]
        assert row.right == text[b : b + 30]
        assert re.sub(r"\W+", " ", row.keyword.lower()).startswith(name.rstrip("*"))
    # The labels of the sentence come along.
    assert {"voice", "speaker", "relevant", "power_label", "bond_label"} <= set(result.columns)


def test_cue_by_matched_text_and_literal_pattern_agree_on_the_seeds(seeds):
    by_cue = concordance(seeds, cue="ice cream")
    by_pattern = concordance(seeds, "ice cream")
    assert len(by_cue) == 5
    pd.testing.assert_frame_equal(by_cue, by_pattern)


def test_cue_after_a_csv_round_trip(seeds, tmp_path):
    path = tmp_path / "sentences.csv"
    framing.write_sentences(seeds, path)
    again = framing.read_sentences(path)
    left = concordance(seeds, cue="friendship*")[["doc_id", "sent_id", "left", "keyword", "right"]]
    right = concordance(again, cue="friendship*")[["doc_id", "sent_id", "left", "keyword",
                                                   "right"]]  # fmt: skip
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def test_unknown_cue_gives_an_empty_table(seeds):
    assert len(concordance(seeds, cue="no such cue")) == 0


# --------------------------------------------------------------------------- rendering


def test_plain_table_aligns_the_keywords():
    text = format_concordance(concordance(_table(), "junior partner", width=12))
    lines = text.splitlines()
    assert lines[0].split() == ["doc_id", "sent_id", "left", "keyword", "right"]
    column = lines[0].index("keyword")
    # Every keyword starts in the keyword column; the line break inside one became spaces.
    assert lines[1][column:].startswith("junior partner  ")
    assert lines[2][column:].startswith("JUNIOR   partner  ")
    assert lines[1][:column].rstrip().endswith("is the") and lines[2][:column].rstrip()[-1] == "A"


def test_github_table_escapes_data_and_csv_is_safe():
    table = pd.DataFrame({"doc_id": ["d|1"], "sent_id": [0],
                          "text": ["=1+1 | the partner <b>here</b>"]})  # fmt: skip
    kwic = concordance(table, "partner")
    github = format_concordance(kwic, "github")
    assert "d\\|1" in github and "&lt;b&gt;" in github and "<b>" not in github
    assert len(github.splitlines()[2].split(" | ")) == 5  # no extra column from the data
    assert format_concordance(kwic, "csv", safe_csv=True).splitlines()[1].split(",")[3] == (
        "'=1+1 | the "
    )
    records = json.loads(format_concordance(kwic, "json"))
    assert records[0]["keyword"] == "partner" and records[0]["doc_id"] == "d|1"
    assert "&lt;b&gt;" in format_concordance(kwic, "html")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({}, "pattern"),
        ({"pattern": "x", "cue": "y"}, "pattern"),
        ({"pattern": "  "}, "pattern"),
        ({"pattern": 3}, "pattern"),
        ({"pattern": "(", "regex": True}, "pattern"),
        ({"pattern": "x*", "regex": True}, "pattern"),
        ({"pattern": "x", "width": -1}, "width"),
        ({"pattern": "x", "width": 2.5}, "width"),
        ({"pattern": "x", "regex": "yes"}, "regex"),
        ({"pattern": "x", "ignore_case": 1}, "ignore_case"),
        ({"cue": ""}, "cue"),
    ],
    ids=[
        "neither",
        "both",
        "blank",
        "not-a-string",
        "bad-regex",
        "empty-match",
        "width",
        "width-float",
        "regex",
        "ignore_case",
        "blank-cue",
    ],  # fmt: skip
)
def test_bad_options(kwargs, name):
    with pytest.raises(ParameterError) as info:
        concordance(_table(), **kwargs)
    assert info.value.name == name


def test_bad_regex_says_why():
    with pytest.raises(ParameterError, match="missing \\), unterminated subpattern"):
        concordance(_table(), "(", regex=True)
    # The same text is fine as a literal pattern.
    assert len(concordance(pd.DataFrame({"text": ["a ( b"]}), "(")) == 1


def test_bad_tables():
    with pytest.raises(InputError, match="DataFrame"):
        concordance(["junior partner"], "partner")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="'text' column"):
        concordance(pd.DataFrame({"body": ["x"]}), "x")
    with pytest.raises(InputError, match="no 'cues' and no 'start' column"):
        concordance(_table().drop(columns="sent_id"), cue="partner")
    with pytest.raises(ParameterError) as info:
        format_concordance(concordance(_table(), "partner"), "xlsx")  # type: ignore[arg-type]
    assert info.value.name == "fmt"
    with pytest.raises(InputError, match="missing: left"):
        format_concordance(_table(), "plain")


# --------------------------------------------------------------------------- command line


def test_cli_cue_as_csv(capsys, seeds):
    from framing.cli import main

    assert main(["concordance", str(SEEDS), "--cue", "ice cream", "--format", "csv"]) == 0
    printed = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    expected = concordance(seeds, cue="ice cream")
    assert printed["keyword"].tolist() == expected["keyword"].tolist()
    assert printed["sent_id"].tolist() == expected["sent_id"].tolist()
    assert printed["bond_label"].tolist() == expected["bond_label"].tolist()


def test_cli_pattern_to_a_file(tmp_path, capsys, seeds):
    from framing.cli import main

    out = tmp_path / "kwic.txt"
    argv = ["concordance", str(SEEDS), "junior partner", "--width", "20", "-o", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out == ""
    expected = format_concordance(concordance(seeds, "junior partner", width=20))
    assert out.read_text(encoding="utf-8").rstrip("\n") == expected
    assert len(expected.splitlines()) == 1 + len(concordance(seeds, "junior partner"))


@pytest.mark.parametrize(
    "argv",
    [["("], ["(", "--regex"], [], ["x", "--cue", "y"], ["x", "--width", "-1"]],
    ids=["literal-paren", "bad-regex", "neither", "both", "width"],
)
def test_cli_bad_input(capsys, argv):
    from framing.cli import main

    status = main(["concordance", str(SEEDS), *argv])
    err = capsys.readouterr().err
    if argv == ["("]:  # a literal parenthesis is a fine pattern
        assert status == 0
        return
    assert status == 2
    assert err.startswith("framing: error: ") and err.count("\n") == 1
