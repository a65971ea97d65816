"""Tests of framing._coding: uncertainty sampling, the coding sheet, reading it back.

All sentences here are constructed for the tests (``# constructed``) except the seed corpus.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from framing._classify import FrameClassifier
from framing._coding import read_coding, suggest_for_coding, write_coding_sheet
from framing._scoring import score
from framing.errors import CorpusError, FramingWarning, InputError, ParameterError

# constructed
POWER = [
    ("Russia has become China's junior partner.", "junior"),
    ("Moscow now depends on Beijing for almost everything.", "junior"),
    ("Beijing holds all the cards in its dealings with Moscow.", "junior"),
    ("Xi and Putin meet as equals.", "equal"),
    ("China and Russia describe a partnership of equals.", "equal"),
    ("Moscow and Beijing treat each other as equals.", "equal"),
    ("Trade between China and Russia rose in May.", "none"),
    ("Xi arrived in Moscow on Monday.", "none"),
    ("The ministers of both countries signed twelve documents.", "none"),
]
BOND = [
    ("Xi and Putin are old friends.", "friendship"),
    ("Putin called Xi his dear friend.", "friendship"),
    ("China and Russia share a deep friendship.", "friendship"),
    ("It is a marriage of convenience between Beijing and Moscow.", "convenience"),
    ("Russia and China are bound by pragmatic interests.", "convenience"),
    ("The China-Russia tie is transactional.", "convenience"),
    ("Trade between China and Russia rose in May.", "none"),
    ("Xi arrived in Moscow on Monday.", "none"),
    ("The ministers of both countries signed twelve documents.", "none"),
]
# constructed: a small corpus to suggest from
CORPUS = [
    "Xi and Putin met in Beijing. Russia is China's junior partner. The weather was mild.",
    "Putin and Xi are old friends. Xi needs Putin less than Putin needs Xi.",
    "Russia and China are equals. China and Russia traded more grain.",
]


@pytest.fixture(scope="module")
def models():
    power = FrameClassifier(axis="power", cv=3).fit(*zip(*POWER, strict=True))
    bond = FrameClassifier(axis="bond", cv=3).fit(*zip(*BOND, strict=True))
    return power, bond


@pytest.fixture(scope="module")
def sents():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return score(CORPUS)


def _margins(model, texts):
    proba = np.sort(model.predict_proba(texts), axis=1)
    return proba[:, -1] - proba[:, -2]


def test_smallest_margin_first(models, sents):
    power, _ = models
    picked = suggest_for_coding(sents, power, n=3)
    relevant = sents[sents["relevant"]]
    expected = _margins(power, relevant["text"].tolist())
    order = np.argsort(expected, kind="stable")[:3]
    assert picked["text"].tolist() == relevant["text"].iloc[order].tolist()
    np.testing.assert_allclose(picked["margin"], expected[order])
    assert picked["rank"].tolist() == [1, 2, 3]
    assert (picked["axis"] == "power").all()
    assert picked.columns.tolist() == [
        "rank", "doc_id", "outlet", "sent_id", "start", "end", "text", "margin", "axis",
        "power_predicted", "power_probability",
    ]  # fmt: skip


def test_several_models_take_the_smallest_margin(models, sents):
    power, bond = models
    picked = suggest_for_coding(sents, [power, bond], n=50)
    relevant = sents[sents["relevant"]]["text"].tolist()
    both = np.vstack([_margins(power, relevant), _margins(bond, relevant)])
    assert len(picked) == len(relevant)  # fewer candidates than n: all of them
    np.testing.assert_allclose(np.sort(both.min(axis=0)), picked["margin"])
    for _, row in picked.iterrows():
        i = relevant.index(row["text"])
        assert row["axis"] == ("power", "bond")[int(both[:, i].argmin())]
    assert {"bond_predicted", "bond_probability"} <= set(picked.columns)


def test_only_relevant_uncoded_and_unique(models, sents):
    power, _ = models
    doubled = pd.concat([sents, sents], ignore_index=True)
    picked = suggest_for_coding(doubled, power, n=50)
    assert picked["text"].is_unique
    assert set(picked["text"]) == set(sents.loc[sents["relevant"], "text"])
    assert "The weather was mild." not in set(picked["text"])
    done = ["  russia is CHINA'S junior   partner. "]  # case and spacing do not count
    left = suggest_for_coding(sents, power, n=50, coded=done)
    assert "Russia is China's junior partner." not in set(left["text"])
    assert len(left) == len(picked) - 1
    left_frame = suggest_for_coding(sents, power, n=50, coded=pd.DataFrame({"text": done}))
    pd.testing.assert_frame_equal(left, left_frame)


def test_ties_broken_by_seed(models):
    power, _ = models
    frame = pd.DataFrame({"text": [f"Sentence number {i} about trade." for i in range(30)]})
    # constructed; identical wording apart from the number: near-equal margins
    a = suggest_for_coding(frame, power, n=10, seed=1)
    b = suggest_for_coding(frame, power, n=10, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert np.all(np.diff(a["margin"]) >= 0)


def test_empty_result_keeps_columns(models, sents):
    power, _ = models
    picked = suggest_for_coding(sents, power, coded=sents["text"])
    assert picked.empty and "power_predicted" in picked.columns


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n": 0}, ParameterError),
        ({"n": 2.5}, ParameterError),
        ({"model": "power"}, ParameterError),
        ({"model": [1]}, ParameterError),
        ({"model": FrameClassifier()}, Exception),
        ({"sents": ["not a frame"]}, InputError),
        ({"coded": "one text"}, InputError),
    ],
    ids=["n-zero", "n-float", "model-str", "model-list", "unfitted", "sents-list", "coded-str"],
)
def test_suggest_bad_input(models, sents, kwargs, error):
    arguments = {"sents": sents, "model": models[0], **kwargs}
    with pytest.raises(error):
        suggest_for_coding(**arguments)


# --------------------------------------------------------------------------- sheet round trip


@pytest.mark.slow
def test_round_trip_to_training(models, sents, tmp_path):
    power, bond = models
    picked = suggest_for_coding(sents, [power, bond], n=4)
    path = write_coding_sheet(picked, tmp_path / "sheet.csv")
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert sheet.columns.tolist() == [
        "doc_id", "outlet", "sent_id", "start", "end", "text", "relevant", "power", "bond",
        "voice", "speaker", "note",
    ]  # fmt: skip
    assert (sheet[["relevant", "power", "bond", "voice", "speaker", "note"]] == "").all().all()
    assert sheet["text"].tolist() == picked["text"].tolist()  # no model output in the sheet
    # A coder fills it in (with stray capitals and spaces).
    sheet["relevant"] = ["yes", "Yes ", "yes", "no"]
    sheet["power"] = ["junior", "none", " EQUAL", "none"]
    sheet["bond"] = ["none", "friendship", "none", "none"]
    sheet["voice"] = ["narrator", "source", "narrator", "narrator"]
    sheet["speaker"] = ["", "Putin", "", ""]
    sheet.to_csv(path, index=False)
    coded = read_coding(path)
    assert coded.columns.tolist() == [
        "doc_id", "outlet", "sent_id", "start", "end", "text", "relevant", "power", "bond",
        "voice", "speaker", "note",
    ]  # fmt: skip
    assert coded["relevant"].tolist() == ["yes", "yes", "yes", "no"]
    assert coded["power"].tolist() == ["junior", "none", "equal", "none"]
    assert coded["speaker"].tolist() == [None, "Putin", None, None]
    assert coded["sent_id"].dtype == np.int64
    assert coded["text"].tolist() == picked["text"].tolist()
    # Ready for fit, added to the earlier training set, and no longer suggested.
    texts = [t for t, _ in POWER] + coded["text"].tolist()
    labels = [label for _, label in POWER] + coded["power"].tolist()
    grown = FrameClassifier(axis="power", cv=3).fit(texts, labels)
    assert grown.classes_.tolist() == ["equal", "junior", "none"]
    left = suggest_for_coding(sents, grown, n=50, coded=coded)
    assert not set(left["text"]) & set(coded["text"])


def test_sheet_from_a_list_of_texts(tmp_path):
    path = write_coding_sheet(["Xi met Putin."], tmp_path / "s.csv")  # constructed
    assert path.read_text(encoding="utf-8").splitlines() == [
        "text,relevant,power,bond,voice,speaker,note",
        "Xi met Putin.,,,,,,",
    ]
    with pytest.raises(InputError):
        write_coding_sheet("Xi met Putin.", tmp_path / "t.csv")
    with pytest.raises(InputError):
        write_coding_sheet(pd.DataFrame({"sentence": ["x"]}), tmp_path / "t.csv")


def _sheet(tmp_path, rows, columns=("text", "relevant", "power", "bond", "voice", "speaker")):
    path = tmp_path / "coded.csv"
    pd.DataFrame(rows, columns=list(columns)).to_csv(path, index=False)
    return path


def test_missing_columns_are_named(tmp_path):
    path = _sheet(tmp_path, [["Xi met Putin.", "yes", "none"]], ("text", "relevant", "power"))
    with pytest.raises(CorpusError, match="missing column\\(s\\) 'bond'") as info:
        read_coding(path)
    assert info.value.path == str(path)


def test_stray_values_with_row_numbers(tmp_path):
    rows = [
        ["Xi met Putin.", "yes", "none", "none", "narrator", ""],  # constructed
        ["Russia is the junior partner.", "yes", "junoir", "none", "narrator", ""],
        ["They are friends.", "maybe", "none", "friends", "narrator", ""],
        ["They met.", "yes", "none", "none", "reporter", ""],
    ]
    with pytest.raises(CorpusError) as info:
        read_coding(_sheet(tmp_path, rows))
    message = str(info.value)
    assert info.value.row == 2
    assert "row 2: 'power' is 'junoir', not one of equal, junior, none" in message
    assert "row 3: 'relevant' is 'maybe'" in message and "row 3: 'bond' is 'friends'" in message
    assert "row 4: 'voice' is 'reporter', not one of narrator, source" in message
    assert "4 problem(s)" in message


def test_partly_coded_and_contradictory_rows(tmp_path):
    rows = [
        ["Xi met Putin.", "yes", "", "none", "narrator", ""],  # constructed
        ["Russia and Ukraine are old friends.", "no", "none", "friendship", "narrator", ""],
        ["", "yes", "none", "none", "narrator", ""],
    ]
    with pytest.raises(CorpusError) as info:
        read_coding(_sheet(tmp_path, rows))
    message = str(info.value)
    assert "row 1: 'power' is empty" in message
    assert "row 2: coded relevant 'no' but given a pole" in message
    assert "row 3: 'text' is empty" in message


def test_uncoded_rows_skipped_with_a_warning(tmp_path):
    rows = [
        ["Xi met Putin.", "yes", "none", "none", "narrator", ""],  # constructed
        ["Not coded yet.", "", "", "", "", ""],
    ]
    with pytest.warns(FramingWarning, match="1 row\\(s\\) with no code were skipped"):
        coded = read_coding(_sheet(tmp_path, rows))
    assert coded["text"].tolist() == ["Xi met Putin."]


def test_optional_columns_may_be_absent(tmp_path):
    path = _sheet(
        tmp_path, [["Xi met Putin.", "yes", "none", "none"]], ("text", "relevant", "power", "bond")
    )  # constructed
    coded = read_coding(path)
    assert coded["voice"].tolist() == [None] and coded["speaker"].tolist() == [None]


def test_unreadable_file(tmp_path):
    with pytest.raises(CorpusError, match="cannot read"):
        read_coding(tmp_path / "absent.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CorpusError, match="cannot read"):
        read_coding(empty)
