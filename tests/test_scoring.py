"""score(), aggregate() and evidence(): the contract's columns and hand-checked seed sentences.

The seed cases below were checked by hand against the codebook and agree with the adjudicated
human coding in seeds/annotations/sentences.csv (the `gold_*` columns). Known failures are kept
as strict xfails from the register in tests/known_failures.py, so that a fix shows up as an
unexpected pass.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import subprocess
import sys
import threading
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import _engine
from framing import _scoring as scoring
from framing._corpus import Corpus
from framing._lexicon import CueMatch, load_lexicon
from framing._scoring import aggregate, evidence, score, sentence_columns
from framing.errors import FramingWarning, ParameterError

from .conftest import SEEDS
from .known_failures import known_failure


@pytest.fixture(scope="module")
def seed_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return score(SEEDS)


def _row(sents, doc, sent_id):
    rows = sents[sents["doc_id"].str.startswith(doc) & (sents["sent_id"] == sent_id)]
    assert len(rows) == 1
    return rows.iloc[0]


# (doc, sent_id, relevant, power, bond, voice, speaker or None) - what the sentence asserts
# per the codebook; the comment names the rule exercised and quotes the sentence's start.
# Known false positives of the continuation rule: tests/known_failures.py, "continuation_too_far".
_CONTINUED_TOO_FAR = known_failure("continuation_too_far")


CASES = [
    (
        "000",
        0,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # headline "Friends with strategic benefits": longest cue wins over "friends"
    (
        "000",
        1,
        True,
        "none",
        "friendship",
        "narrator",
        None,
    ),  # "overcome ... mistrust": negated convenience cue
    (
        "000",
        3,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "friendship in curated official narratives": performance
    (
        "000",
        5,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "part of the optics to portray a snug friendship": performance
    ("000", 6, True, "none", "friendship", "source", "Dmitry Peskov"),  # apposition speaker
    (
        "000",
        9,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "Calculated camaraderie was put on display." (acceptance)
    ("000", 13, True, "none", "friendship", "source", "Xi"),  # "dear friend" quoted after "saying:"
    (
        "000",
        15,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "friendship ... were put on display": performance
    pytest.param(
        *("000", 19, False, "none", "none", "narrator", None), marks=_CONTINUED_TOO_FAR
    ),  # about the war in Ukraine alone (acceptance)
    (
        "000",
        31,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "shared interests", "shared antipathy"
    (
        "000",
        33,
        True,
        "none",
        "convenience",
        "source",
        "Xi and Putin",
    ),  # "push back against": shared adversary
    (
        "000",
        35,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "counter-balance the US-led alliance": hyphen = space
    ("000", 36, True, "none", "convenience", "narrator", None),  # "shared opposition"
    (
        "000",
        37,
        True,
        "junior",
        "convenience",
        "source",
        "John Kirby",
    ),  # Kirby: both axes (acceptance)
    (
        "000",
        38,
        True,
        "junior",
        "none",
        "source",
        "John Kirby",
    ),  # "He added ...": pronoun resolved to Kirby
    (
        "000",
        39,
        True,
        "junior",
        "convenience",
        "narrator",
        None,
    ),  # "The conveniences ...", "lifeline"
    ("000", 41, True, "none", "convenience", "narrator", None),  # "limits to their alignment"
    ("001", 0, True, "none", "friendship", "narrator", None),  # headline
    (
        "001",
        2,
        True,
        "none",
        "friendship",
        "narrator",
        None,
    ),  # Xi calling Putin his "best friend" (acceptance)
    (
        "001",
        4,
        True,
        "junior",
        "none",
        "narrator",
        None,
    ),  # "pay homage"; "not only ... but also" is no negation
    ("001", 5, True, "none", "none", "source", "Alicja Bachulska"),  # "said X" after the quote
    ("001", 7, True, "none", "friendship", "narrator", None),  # "forged their friendship"
    (
        "001",
        8,
        True,
        "none",
        "friendship",
        "narrator",
        None,
    ),  # "They have since drawn closer": carried subject
    (
        "001",
        16,
        True,
        "equal",
        "friendship",
        "source",
        "The two countries",
    ),  # official formula; "no limits"
    ("001", 17, True, "none", "friendship", "narrator", None),  # "Their amity": carried
    ("001", 24, True, "junior", "none", "narrator", None),  # "lopsided", "relying on", "prop up"
    ("001", 25, True, "junior", "none", "source", "Bjorn Alexander Duben"),  # "dependent on China"
    (
        "001",
        26,
        True,
        "junior",
        "none",
        "source",
        "Bjorn Alexander Duben",
    ),  # "dependence", "client relationship"
    ("001", 27, True, "none", "none", "source", "Analysts"),  # described source
    (
        "001",
        29,
        True,
        "junior",
        "none",
        "source",
        "Alexander Gabuev",
    ),  # "China holds all of these cards." (acceptance)
    (
        "001",
        30,
        True,
        "junior",
        "none",
        "source",
        "Alexander Gabuev",
    ),  # "leverage", "dictate the pace"
    ("002", 2, True, "none", "friendship", "narrator", None),  # "camaraderie between the pair"
    ("002", 4, True, "none", "friendship", "narrator", None),  # "dear friend", "my old friend"
    (
        "002",
        5,
        True,
        "none",
        "friendship",
        "narrator",
        None,
    ),  # "borderless partnership": framed relevance
    (
        "002",
        9,
        True,
        "none",
        "friendship",
        "source",
        "Xi",
    ),  # quote across two sentences, "best friend"
    ("002", 11, True, "junior", "none", "narrator", None),  # "the upper hand"
    pytest.param(
        *("002", 14, False, "none", "none", "narrator", None), marks=_CONTINUED_TOO_FAR
    ),  # Russia and Ukraine only
    ("002", 18, True, "junior", "none", "narrator", None),  # "China has other options"
    (
        "002",
        19,
        True,
        "none",
        "friendship",
        "source",
        "Putin",
    ),  # "Putin said ... his 'good friend'"
    ("002", 24, True, "none", "none", "source", "a Russian official"),  # described source
    ("002", 28, True, "junior", "none", "narrator", None),  # "he needs Xi completely"
    (
        "002",
        30,
        True,
        "none",
        "convenience",
        "narrator",
        None,
    ),  # "as long as it suits his country's interests"
    ("003", 0, True, "none", "convenience", "narrator", None),  # "In Defiance of West"
    (
        "003",
        11,
        True,
        "none",
        "convenience",
        "source",
        "Alicja Bachulska",
    ),  # "fight back against ... existential enemy"
    ("003", 24, True, "none", "convenience", "source", "Yu Jie"),  # "argued that": "uneasy"
    (
        "003",
        25,
        True,
        "none",
        "convenience",
        "source",
        "Yu Jie",
    ),  # "too useful to abandon" (acceptance)
    (
        "003",
        57,
        True,
        "junior",
        "none",
        "source",
        "Alexandra Prokopenko",
    ),  # "lifeline", "dependency", "inequality"
    ("004", 3, True, "junior", "none", "narrator", None),  # "an economic lifeline"
    pytest.param(
        *("004", 6, False, "none", "none", "narrator", None), marks=_CONTINUED_TOO_FAR
    ),  # one side only
    (
        "004",
        13,
        True,
        "none",
        "friendship",
        "narrator",
        None,
    ),  # "no limits": a fixed expression, not a negation
    ("004", 21, True, "none", "none", "source", "analysts"),  # "analysts say"
]


@pytest.mark.parametrize(
    ("doc", "sent_id", "relevant", "power", "bond", "voice", "speaker"),
    CASES,
    ids=[f"{c[0]}-{c[1]}" for c in CASES],
)
def test_seed_sentences(seed_scores, doc, sent_id, relevant, power, bond, voice, speaker):
    row = _row(seed_scores, doc, sent_id)
    assert (row["relevant"], row["power_label"], row["bond_label"], row["voice"]) == (
        relevant,
        power,
        bond,
        voice,
    )
    assert (row["speaker"] if isinstance(row["speaker"], str) else None) == speaker


def test_acceptance_negation(seed_scores):
    row = _row(seed_scores, "003", 45)  # "But in truth, this is no longer a partnership of equals."
    cue = row["cues"][0]
    assert (cue["cue"], cue["pole"], cue["negated"], cue["negator"]) == (
        "partnership of equals",
        "junior",
        True,
        "no longer",
    )


def test_acceptance_it_is_clear_who_has_the_power(seed_scores):
    row = _row(seed_scores, "002", 0)
    assert row["power_label"] == "junior"
    assert [c["cue"] for c in row["cues"] if c["axis"] == "power"] == ["who has the power"]


def test_kirby_cues_are_quoted(seed_scores):
    row = _row(seed_scores, "000", 37)
    assert {(c["cue"], c["quoted"]) for c in row["cues"]} == {
        ("marriage of convenience", True),
        ("junior partner*", True),
    }


def test_conceded_cue_on_another_axis_codes_nothing(seed_scores):
    # Rule 4: "may have a romance, but it's clear who has the power" asserts only power.
    row = _row(seed_scores, "002", 0)
    assert (row["power_label"], row["bond_label"]) == ("junior", "none")
    romance = next(c for c in row["cues"] if c["cue"] == "romance")
    assert romance["conceded"] and romance["weight"] == 0


def test_conceded_negated_bromance_codes_nothing(seed_scores):
    # "don't expect the bromance to end -- but it's clear who's in power": the conceded (and
    # wrongly negated) bromance no longer labels bond, because the sentence asserts power.
    row = _row(seed_scores, "002", 37)
    assert (row["power_label"], row["bond_label"]) == ("junior", "none")


def test_block_quotation_after_a_colon_is_the_speakers(seed_scores):
    # "As David Pierson summarized for The New York Times, ...:" introduces his paragraphs.
    row = _row(seed_scores, "003", 5)
    assert (row["voice"], row["speaker"]) == ("source", "David Pierson")


# --- the contract ------------------------------------------------------------------------------


def test_columns_and_types(seed_scores):
    lexicon = load_lexicon()
    assert seed_scores.columns.tolist()[: len(sentence_columns(lexicon))] == sentence_columns(
        lexicon
    )
    assert {"country", "genre", "title", "date_precision", "year"} <= set(seed_scores.columns)
    assert seed_scores["relevant"].dtype == bool
    assert seed_scores["power"].dtype == np.float64
    assert seed_scores.attrs["framing"]["axes"] == {
        "power": ["equal", "junior"],
        "bond": ["friendship", "convenience"],
    }
    assert seed_scores.attrs["framing"]["lexicon"]["name"] == "relationship"


def test_offsets_and_scores(seed_scores, seeds):
    from framing._clean import clean

    texts = {d.doc_id: clean(d.text).text for d in seeds}
    for row in seed_scores.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        for cue in row.cues:
            assert row.start <= cue["start"] < cue["end"] <= row.end
    for axis in ("power", "bond"):
        values = seed_scores[axis].dropna()
        assert ((values >= -1) & (values <= 1)).all()
        labelled = seed_scores[f"{axis}_label"] != "none"
        assert seed_scores.loc[labelled, axis].notna().all()
        # Unframed or not relevant: NaN and 'none'.
        assert (seed_scores.loc[~seed_scores["relevant"], f"{axis}_label"] == "none").all()


def test_score_formula_on_a_hand_computed_sentence():
    # Constructed: two friendship cues conceded before "but" (weight 1 x contrast_weight 0.3
    # each) and one convenience cue after it (weight 1): (0.6 - 1) / (0.6 + 1) = -0.25.
    assert load_lexicon().settings.contrast_weight == 0.3
    sents = score(["Xi and Putin are old friends and brothers, but the tie is transactional."])
    row = sents.iloc[0]
    assert [(c["pole"], c["weight"], c["conceded"]) for c in row["cues"]] == [
        ("friendship", 0.3, True),
        ("friendship", 0.3, True),
        ("convenience", 1.0, False),
    ]
    assert row["bond"] == pytest.approx(-0.25)
    assert row["bond_label"] == "convenience"


def test_inputs_are_equivalent(tmp_path):
    texts = ["Xi and Putin are old friends.", "Russia is China's junior partner."]
    from_list = score(texts)
    from_frame = score(pd.DataFrame({"text": texts}))
    from_corpus = score(Corpus.from_texts(texts))
    (tmp_path / "a.txt").write_text(texts[0], encoding="utf-8")
    from_folder = score(tmp_path)
    for other in (from_frame, from_corpus):
        pd.testing.assert_frame_equal(from_list, other)
    assert from_folder["bond_label"].tolist() == ["friendship"]


def test_relevant_only_false_labels_every_sentence():
    text = ["Russia and Ukraine are old friends."]  # constructed: not about the dyad
    with pytest.warns(FramingWarning, match="no sentence is about the dyad"):
        only = score(text)
    assert only["bond_label"].tolist() == ["none"] and np.isnan(only["bond"].iloc[0])
    everything = score(text, relevant_only=False)
    assert everything["bond_label"].tolist() == ["friendship"]


def test_no_relevant_sentence_warns_not_raises():
    with pytest.warns(FramingWarning, match="every score is NaN"):
        sents = score(["The weather in Paris was fine."])
    assert sents["power"].isna().all()


def test_html_input_is_flagged():
    with pytest.warns(FramingWarning, match="HTML"):
        sents = score(["<p>Xi and Putin are old friends.</p><p>Share this article</p>"])
    assert sents["flags"].tolist() == ["html"]
    assert sents["bond_label"].tolist() == ["friendship"]


def test_unbalanced_quote_does_not_swallow_the_article():
    text = "Putin said “we are old friends.\n\nXi and Putin met. Analysts call it a marriage of convenience."
    sents = score([text])
    assert sents["voice"].tolist() == ["source", "narrator", "narrator"]
    assert [c["quoted"] for c in sents.iloc[2]["cues"]] == [False]


def test_unknown_method():
    with pytest.raises(ParameterError, match="method"):
        score(["x"], method="magic")


def test_empty_text_keeps_columns():
    with pytest.warns(Warning):
        sents = score(pd.DataFrame({"text": ["   ", "[…]"]}))
    assert sents.columns.tolist()[: len(sentence_columns(load_lexicon()))] == sentence_columns(
        load_lexicon()
    )


# --- aggregate and evidence --------------------------------------------------------------------


def test_aggregate_by_document_hand_counted(seed_scores):
    docs = aggregate(seed_scores)
    row = docs[(docs["doc_id"].str.startswith("001")) & (docs["axis"] == "power")].iloc[0]
    labels = seed_scores[seed_scores["doc_id"].str.startswith("001")]["power_label"]
    n_equal, n_junior = int((labels == "equal").sum()), int((labels == "junior").sum())
    assert (row["n_equal"], row["n_junior"]) == (n_equal, n_junior)
    assert row["balance"] == pytest.approx((n_equal - n_junior) / (n_equal + n_junior))
    assert pd.isna(row["n_friendship"])
    assert len(docs) == 10


def test_aggregate_by_outlet_matches_document_sums(seed_scores):
    outlets = aggregate(seed_scores, "outlet")
    docs = aggregate(seed_scores)
    assert outlets["n_junior"].sum() == docs["n_junior"].sum()
    with pytest.raises(ParameterError, match="level"):
        aggregate(seed_scores, "colour")


def test_aggregate_is_order_free(seed_scores):
    shuffled = seed_scores.sample(frac=1, random_state=1)
    shuffled.attrs = seed_scores.attrs
    pd.testing.assert_frame_equal(aggregate(shuffled, "outlet"), aggregate(seed_scores, "outlet"))


def test_evidence_marks_cues(seed_scores):
    junior = evidence(seed_scores, "power", "junior")
    assert len(junior) == int((seed_scores["power_label"] == "junior").sum())
    kirby = junior[junior["speaker"] == "John Kirby"].iloc[0]
    assert "[junior partner]" in kirby["marked"]
    with pytest.raises(ParameterError, match="pole"):
        evidence(seed_scores, "power", "friendship")


def test_evidence_column_reads_the_cues(seed_scores):
    row = _row(seed_scores, "000", 37)
    assert row["evidence"] == (
        "'marriage of convenience' -> convenience (quoted); 'junior partner' -> junior (quoted)"
    )
    assert _row(seed_scores, "003", 45)["evidence"] == (
        "'partnership of equals' -> junior (negated by 'no longer')"
    )
    assert _row(seed_scores, "000", 19)["evidence"] == ""


def _cue(term, axis, pole, start, weight=1.0, **rules):
    """A cue's record, as the rule engine gives it to _cue_columns: a CueMatch's fields."""
    return vars(CueMatch(term, term, axis, pole, pole, start, start + len(term), weight, **rules))


def test_axis_scores_and_labels_hand_computed():
    axes = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
    sentences = [
        [_cue("equals", "power", "equal", 0), _cue("junior", "power", "junior", 10, 0.5),
         _cue("ally", "power", "junior", 20, 0.25)],  # 1 vs 0.75: (1 - 0.75) / 1.75
        [_cue("friends", "bond", "friendship", 0, 0.5), _cue("convenience", "bond",
         "convenience", 9, 0.5)],  # a tie: score 0, no label
        [_cue("so-called equals", "power", "equal", 0, 0.0, mention="so called")],  # weight 0
        [],
        [_cue("junior", "power", "junior", 0)],  # not relevant: counted nowhere
    ]  # fmt: skip
    relevant = [True, True, True, True, False]
    _, _, scores, labels = scoring._cue_columns(sentences, [], relevant, axes)
    assert scores["power"][0] == pytest.approx(0.25 / 1.75)
    assert labels["power"][0] == "equal" and labels["bond"][0] == "none"
    assert np.isnan(scores["bond"][0])
    assert (scores["bond"][1], labels["bond"][1]) == (0.0, "none")
    assert np.isnan(scores["power"][2]) and labels["power"][2] == "none"
    assert all(np.isnan(scores[axis][i]) for axis in axes for i in (3, 4))
    assert labels["power"][4] == "none"
    # Without relevant_only every sentence is labelled.
    assert scoring._cue_columns(sentences, [], None, axes)[3]["power"][4] == "junior"


def test_cue_records_and_evidence_text():
    sentence = [
        _cue("junior partner", "power", "junior", 5),
        _cue("equals", "power", "junior", 30, negated=True, negator="not"),
        _cue("friends", "bond", "convenience", 50, performance=True, marker="staged"),
        _cue("ally", "power", "equal", 70, 0.5, conceded=True),
        _cue("brothers", "bond", "friendship", 90, 0.0, mention="so called"),
    ]
    quotes = [(0, 20), (85, 100)]  # the first and the last cue are quoted
    axes = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
    fields = [dict(record) for record in sentence]
    cues, evidence, _, _ = scoring._cue_columns([sentence, []], quotes, None, axes)
    assert cues[1] == [] and evidence[1] == ""
    assert [c["quoted"] for c in cues[0]] == [True, False, False, False, True]
    assert [list(c) for c in cues[0]] == [[*CueMatch.__dataclass_fields__, "quoted"]] * 5
    assert cues[0][1] == {**fields[1], "quoted": False}
    assert evidence[0] == (
        "'junior partner' -> junior (quoted); 'equals' -> junior (negated by 'not'); "
        "'friends' -> convenience (performance: 'staged'); 'ally' -> equal (conceded); "
        "'brothers' -> friendship (mention: 'so called', quoted)"
    )
    plain = scoring._cue_columns([[_cue("ally", "power", "equal", 3)]], [], None, axes)[1]
    assert plain == ["'ally' -> equal"]


def test_column_dtypes_with_metadata_and_when_empty(seed_scores):
    strings = pd.Series(["text"]).dtype  # pandas' own choice for a column of strings
    expected = {
        "sent_id": np.int64, "paragraph": np.int64, "start": np.int64, "end": np.int64,
        "relevant": bool, "power": np.float64, "bond": np.float64, "year": pd.Int64Dtype(),
        "outlet": object, "date": object, "speaker": object, "date_precision": object,
        "cues": object, "country": object, "genre": object,
        "doc_id": strings, "text": strings, "voice": strings, "relevance": strings,
        "actors": strings, "power_label": strings, "bond_label": strings, "evidence": strings,
        "flags": strings,
    }  # fmt: skip
    assert {name: seed_scores[name].dtype for name in expected} == expected
    with pytest.warns(Warning):
        empty = score(pd.DataFrame({"text": ["   ", "Leave a comment"], "genre": ["a", "b"]}))
    assert len(empty) == 0
    assert empty["genre"].dtype == object and empty["outlet"].dtype == object
    numbers = {"sent_id": np.int64, "relevant": bool, "power": np.float64, "year": pd.Int64Dtype()}
    assert {name: empty[name].dtype for name in numbers} == numbers


def test_classifier_method_labels_relevant_sentences_and_keeps_cues():
    texts = [  # constructed
        "Xi and Putin are old friends.",
        "Russia has become China's junior partner, dependent on Beijing.",
        "The weather in Paris was fine.",
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score(texts, method="classifier")
    assert sents.attrs["framing"]["method"] == "classifier"
    assert sents["relevant"].tolist() == [True, True, False]
    assert sents.loc[2, "power_label"] == "none" and np.isnan(sents.loc[2, "power"])
    for axis in ("power", "bond"):
        labelled = sents[f"{axis}_label"] != "none"
        assert sents.loc[labelled, axis].between(-1, 1).all()
        assert sents.loc[~labelled, axis].isna().all()
    assert sents.loc[1, "cues"]  # lexicon evidence is kept


def test_hyphenated_axis_names_and_missing_values(tmp_path):
    path = tmp_path / "soft.toml"
    path.write_text(
        '[lexicon]\nname = "soft"\nversion = "1"\ndescription = "constructed"\n'
        '[axes.soft-power]\npoles = ["attractive", "coercive"]\n'
        '[axes.soft-power.cues]\nattractive = [{ cue = "admired" }]\ncoercive = [{ cue = "bullied" }]\n',
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score(["Everyone admired the plan."], path)
    assert sents["soft-power_label"].tolist() == ["attractive"]
    assert evidence(sents, "soft-power", "attractive")["marked"].tolist() == [
        "Everyone [admired] the plan."
    ]
    assert sents["speaker"].tolist() == [None] and sents["outlet"].tolist() == [None]


def test_every_input_document_is_accounted_for(tmp_path):
    (tmp_path / "a.txt").write_text("Xi and Putin are old friends.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("SHARE THIS ARTICLE ON\nLeave a comment", encoding="utf-8")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    with pytest.warns(Warning) as record:
        sents = score(tmp_path)
    messages = " | ".join(str(w.message) for w in record)
    assert "no text once page chrome is removed" in messages and "b" in messages
    assert sents["doc_id"].unique().tolist() == ["a"]
    assert sents.attrs["framing"]["skipped"] == [
        {"source": "c.txt", "reason": "empty"},
        {"source": "b", "reason": "no text after cleaning"},
    ]


# --- chunks, streams and worker processes ------------------------------------------------------


def test_worker_errors_reach_the_caller_with_type_and_document(monkeypatch):
    import framing._scoring as scoring_module

    original = scoring_module.split_sentences

    def broken(text):
        if text == "Putin met Xi.":
            raise ParameterError("text", "unreadable", "a text the scorer can read")
        return original(text)

    monkeypatch.setattr(scoring_module, "split_sentences", broken)
    for n_jobs in (1, 2):  # in this process, and from a worker process (pickled back)
        with pytest.raises(ParameterError, match="^document 'doc0002': text='unreadable'"):
            framing.score(["Xi met Putin.", "Putin met Xi."], chunk_size=1, n_jobs=n_jobs)


def test_a_chunk_goes_through_each_stage_before_the_next(monkeypatch):
    # Stage by stage (each stage's code stays in the caches), with the same rows as one by one.
    import framing._scoring as scoring_module

    calls = []
    for stage in ("clean", "split_sentences", "_attribute_voice", "_cue_columns"):
        original = getattr(scoring_module, stage)

        def logged(*args, _stage=stage, _original=original):
            calls.append(_stage)
            return _original(*args)

        monkeypatch.setattr(scoring_module, stage, logged)
    # constructed; the second is all page chrome: cleaned to nothing, it gives no sentence
    texts = [
        "Xi met Putin. They are old friends.",
        "Leave a comment",
        "Russia is China's junior partner.",
    ]
    together = framing.score(texts)
    assert calls == [*["clean"] * 3, *["split_sentences"] * 3, *["_attribute_voice"] * 2,
                     *["_cue_columns"] * 2]  # fmt: skip
    apart = pd.concat([framing.score([text]) for text in texts[::2]], ignore_index=True)
    columns = ["sent_id", "text", "voice", "relevance", "power_label", "bond_label", "evidence"]
    pd.testing.assert_frame_equal(together[columns], apart[columns])


@pytest.mark.parametrize("stage", ["clean", "split_sentences", "_attribute_voice", "_cue_columns"])
def test_an_error_in_any_stage_names_its_document(monkeypatch, stage):
    # The documents of a chunk go through each stage together: the error names the one at fault.
    import framing._scoring as scoring_module

    original = getattr(scoring_module, stage)
    calls = []

    def broken(*args):
        calls.append(None)
        if len(calls) == 2:
            raise ParameterError("text", "unreadable", "a text the scorer can read")
        return original(*args)

    monkeypatch.setattr(scoring_module, stage, broken)
    texts = ["Xi met Putin.", "Putin met Xi.", "They met again."]
    with pytest.raises(ParameterError, match="^document 'doc0002': text='unreadable'"):
        framing.score(texts)


def test_bugs_keep_their_type_and_name_the_document(monkeypatch):
    import framing._scoring as scoring_module

    def broken(text, *args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(scoring_module, "_attribute_voice", broken)
    with pytest.raises(ZeroDivisionError) as info:
        framing.score(["Xi met Putin."])
    if hasattr(info.value, "__notes__"):
        assert info.value.__notes__ == ["while scoring document 'doc0001'"]


def test_a_stream_of_documents_scores_like_a_corpus_and_records_empty_ones():
    docs = [
        framing.Document("a", "Xi and Putin are old friends.", outlet="X"),
        framing.Document("b", "   ", outlet="X"),
        framing.Document("c", "Russia is China's junior partner.", outlet="Y"),
    ]
    with pytest.warns(framing.DataQualityWarning, match="1 empty"):
        streamed = framing.score(iter(docs), chunk_size=2)
    with pytest.warns(framing.DataQualityWarning):
        whole = framing.score(docs)
    pd.testing.assert_frame_equal(streamed, whole)
    assert streamed.attrs["framing"]["skipped"] == [{"source": "b", "reason": "empty"}]


def test_a_stream_rejects_duplicate_ids_and_foreign_items():
    docs = [framing.Document("a", "Xi met Putin."), framing.Document("a", "Putin met Xi.")]
    with pytest.raises(framing.CorpusError, match="duplicate doc_id 'a' in the stream"):
        framing.score(iter(docs))
    with pytest.raises(framing.CorpusError, match="got int"):
        framing.score(iter([framing.Document("a", "Xi met Putin."), 3]))
    with pytest.raises(framing.CorpusError, match="no document with text"):
        framing.score(iter([framing.Document("a", " ")]))


@pytest.mark.parametrize("name, value", [("n_jobs", 0), ("n_jobs", -2), ("n_jobs", 1.5),
                                         ("chunk_size", 0), ("chunk_size", True)])  # fmt: skip
def test_bad_jobs_and_chunk_sizes_are_parameter_errors(name, value):
    with pytest.raises(ParameterError, match=name):
        framing.score(["Xi met Putin."], **{name: value})


def test_iter_scores_warns_once_at_the_end_of_the_stream():
    texts = ["Ukraine held talks.", "The weather was cold.", "Markets fell."]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parts = list(framing.iter_scores(texts, chunk_size=1))
    assert [len(p) for p in parts] == [1, 1, 1]
    assert sum("no sentence is about the dyad" in str(w.message) for w in caught) == 1


def test_chunks_carry_only_the_public_provenance():
    # Constructed texts; the run's bookkeeping (HTML, emptied documents, progress) travels in
    # a typed chunk result, never in the tables' attrs.
    texts = ["<p>Xi and Putin are old friends.</p>", "Russia is China's junior partner."]
    job = scoring._Job(load_lexicon("relationship"), "lexicon", True)
    result = job(Corpus.from_texts(texts), [])
    assert (result.html, result.emptied, result.documents) == (["doc0001"], [], 2)
    keys = ["axes", "lexicon", "framing_version", "method", "models", "relevant_only", "skipped"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parts = list(framing.iter_scores(texts, chunk_size=1))
    assert [list(part.attrs["framing"]) for part in parts] == [keys, keys]
    assert list(result.table.attrs["framing"]) == keys


def test_cues_round_trip_through_json():
    sents = framing.score(SEEDS)
    back = scoring.cues_from_json(scoring.cues_to_json(sents))
    assert back["cues"].tolist() == sents["cues"].tolist()


def test_workers_share_an_in_memory_corpus_in_small_chunks():
    texts = [f"Xi and Putin met for the {i}th time as old friends." for i in range(8)]  # constructed
    alone = framing.score(texts, n_jobs=1)
    parts = list(framing.iter_scores(texts, n_jobs=2))  # one chunk by size, but 8 documents
    assert [len(part) for part in parts] == [1] * 8  # eight chunks per worker, at least
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), alone, check_like=False)
    assert [len(part) for part in framing.iter_scores(texts, chunk_size=3)] == [3, 3, 2]


def test_automatic_chunks_pack_short_documents_and_split_long_ones(monkeypatch):
    # chunk_size=None: documents are packed up to CHUNK_CHARACTERS of text and at most
    # CHUNK_DOCUMENTS of them; an explicit chunk_size is exact. Constructed texts.
    texts = [f"Xi and Putin met for the {i}th time as old friends." for i in range(7)]
    assert [len(part) for part in framing.iter_scores(texts)] == [7]  # short: one chunk
    monkeypatch.setattr(_engine, "CHUNK_DOCUMENTS", 3)
    assert [len(part) for part in framing.iter_scores(texts)] == [3, 3, 1]
    assert [len(part) for part in framing.iter_scores(iter(framing.load_corpus(texts)))] == [
        3, 3, 1
    ]  # fmt: skip  (a stream of Documents is packed the same way)
    monkeypatch.setattr(_engine, "CHUNK_CHARACTERS", 2 * len(texts[0]) + 1)
    assert [len(part) for part in framing.iter_scores(texts)] == [3, 3, 1]  # full once past it
    stream = framing.iter_scores(iter(framing.load_corpus(texts)))
    assert [len(part) for part in stream] == [3, 3, 1]  # the same rule for a stream
    monkeypatch.setattr(_engine, "CHUNK_CHARACTERS", 1)
    assert [len(part) for part in framing.iter_scores(texts)] == [1] * 7  # at least one each
    assert [len(part) for part in framing.iter_scores(texts, chunk_size=4)] == [4, 3]
    alone = framing.score(texts, chunk_size=1)
    pd.testing.assert_frame_equal(framing.score(texts), alone)


def test_a_long_document_is_scored_in_blocks_with_the_same_rows(monkeypatch):
    """A document whose cleaned text is longer than a block is cleaned whole, then split,
    scored and yielded block by block (memory bounded by a block, not by the document): the
    rows are those of scoring it whole — ids, offsets into the cleaned text, paragraphs, cues."""
    from framing._clean import clean

    line = ("Xi met Putin in Moscow and they spoke as equal partners about old friendship. "
            "Russia is China's junior partner, he said. ")  # fmt: skip
    long_text = "Title\n" + line * 400 + "\n" + line * 300 + "\n\n" + "x" * 5000 + " " + line * 90
    texts = ["Xi met Putin. They are old friends.", long_text, "Putin praised Xi as an equal."]
    columns = ["doc_id", "sent_id", "paragraph", "start", "end", "text", "voice", "relevant",
               "power", "power_label", "bond_label", "evidence", "flags"]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = score(texts)
        monkeypatch.setattr(_engine, "_BLOCK_CHARS", 10_000)
        frames = list(scoring.iter_scores(texts, chunk_size=10))
        in_blocks = score(texts)
        in_workers = score(texts, n_jobs=2, chunk_size=1)
    assert len(frames) > 8  # the long document came in blocks, one table each
    assert max(len(frame) for frame in frames) < len(whole) / 5
    for table in (in_blocks, in_workers):
        pd.testing.assert_frame_equal(table[columns], whole[columns])
        assert table["cues"].tolist() == whole["cues"].tolist()
    cleaned = clean(long_text).text
    rows = in_blocks[in_blocks["doc_id"] == "doc0002"]
    assert rows["sent_id"].tolist() == list(range(len(rows)))
    spans = zip(rows["start"], rows["end"], rows["text"], strict=True)
    assert all(cleaned[start:end] == text for start, end, text in spans)
    assert rows["paragraph"].iloc[-1] == whole.loc[whole["doc_id"] == "doc0002", "paragraph"].max()


def test_cuts_of_a_long_text_fall_at_line_or_sentence_ends(monkeypatch):
    monkeypatch.setattr(_engine, "_BLOCK_CHARS", 100)
    for text in ("One sentence here, and more words. " * 12, "Word. " * 12 + "words\n" + "w " * 80):
        cuts = list(_engine._cuts(text))
        assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
        assert all(end == begin for (_, end, _), (begin, _, _) in zip(cuts, cuts[1:], strict=False))
        assert all(end - begin <= 100 for begin, end, _ in cuts)
    text = "One sentence here, and more words. " * 12
    first_end = next(_engine._cuts(text))[1]
    assert text[first_end - 1 : first_end + 1] == ". "  # after a sentence end, not in a word
    lines = list(_engine._cuts("Word. " * 12 + "words\n" + "w " * 80))
    assert lines[1] == (77, 175, True)  # at the line end, which starts the next block


# --- progress ------------------------------------------------------------------------------------
def test_progress_true_draws_a_bar_on_stderr_and_is_off_by_default(capsys):
    texts = [f"Xi and Putin met for the {i}th time as old friends." for i in range(3)]  # constructed
    quiet = framing.score(texts, chunk_size=1)
    assert capsys.readouterr().err == ""  # off by default: the library prints nothing
    shown = framing.score(texts, chunk_size=1, progress=True)
    err = capsys.readouterr().err
    assert "scoring" in err and "3/3" in err and err.endswith("\n")  # closed at the end
    pd.testing.assert_frame_equal(shown, quiet)
    parts = list(framing.iter_scores(iter(framing.load_corpus(texts)), progress=True, chunk_size=2))
    assert [len(part) for part in parts] == [2, 1]
    err = capsys.readouterr().err
    assert "scoring: 3doc" in err and "3/3" not in err  # a stream: a count, no total


def test_progress_reports_to_a_callable_and_refuses_other_values():
    texts = ["Xi and Putin are old friends.", "Russia is China's junior partner."]  # constructed
    calls = []
    framing.score(texts, chunk_size=1, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    with pytest.raises(ParameterError, match="progress"):
        framing.score(texts, progress="yes")


def test_tqdm_is_imported_only_for_a_progress_bar():
    code = (
        "import sys, framing; framing.score(['Xi met Putin.']); print('tqdm' in sys.modules); "
        "framing.score(['Xi met Putin.'], progress=True); print('tqdm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def _plain_frame(rows, names, axes):
    """The chunk table the simple way: every column a list of one value per row, typed as
    pandas types such lists (the reference for the table built from per-document values)."""
    columns = {name: list(values) for name, values in rows.sentences.items()}
    columns["sent_id"] = [i for count in rows.counts for i in range(count)]
    for name, values in rows.documents.items():
        columns[name] = [
            value for value, count in zip(values, rows.counts, strict=True) for _ in range(count)
        ]
    index = pd.RangeIndex(len(columns["sent_id"]))
    data = {}
    for name in names:
        values = columns[name]
        if name in ("sent_id", "paragraph", "start", "end"):
            data[name] = np.array(values, dtype=np.int64)
        elif name in axes:
            data[name] = np.array(values, dtype=np.float64)
        elif name == "relevant":
            data[name] = np.array(values, dtype=bool)
        elif name == "year":
            data[name] = pd.array(values, dtype="Int64")
        elif name in rows.documents and name not in ("doc_id", "flags") or name == "speaker":
            data[name] = pd.Series(values, dtype=object, index=index)
        else:
            data[name] = values
    return pd.DataFrame(data, index=index, columns=names)


@pytest.mark.parametrize("ids", [["a", "b", "c", "d"], [1, 2, 3, 4], ["a", 2, "c", 4], []], ids=str)
def test_chunk_table_is_what_pandas_makes_of_plain_lists(monkeypatch, ids):
    text = 'Xi and Putin are old friends. Russia is a junior partner, Xi said. "Equals," he said.'
    metadata = [  # every kind of value a metadata column may hold, None and NaN too
        {"country": "UK", "tags": ["x", "y"], "n": 3},
        {"country": None, "tags": {"k": 1}, "n": float("nan")},
        {"country": pd.NA, "tags": None, "n": np.int64(4)},
        {"country": "RU", "tags": [1, 2], "n": None},
    ]
    docs = [
        framing.Document(doc_id, "<p>" + text * (i + 1) if i % 2 else text, outlet=["D", None][i % 2],
                         date=["2023-03-01", None, "2024"][i % 3], metadata=meta)
        for i, (doc_id, meta) in enumerate(zip(ids, metadata, strict=False))
    ]  # fmt: skip
    built = []
    original = scoring._sentence_frame

    def kept(rows, names, axes):
        frame = original(rows, names, axes)
        built.append((frame, _plain_frame(rows, names, axes)))
        return frame

    monkeypatch.setattr(scoring, "_sentence_frame", kept)
    job = scoring._Job(load_lexicon(), "lexicon", True)
    job(Corpus._unchecked(docs), ["country", "tags", "n"])
    ((frame, plain),) = built
    assert frame["doc_id"].unique().tolist() == ids  # each document's rows, in order
    pd.testing.assert_frame_equal(frame, plain, check_dtype=True, check_exact=True)
    for name in ("country", "tags", "n", "outlet", "date", "speaker"):
        assert all(a is b for a, b in zip(frame[name], plain[name], strict=True)), name


class _FreezeProbe:
    """A job that tells, from its worker, how many objects the worker's collections skip."""

    def prepare(self):
        pass

    def __call__(self, chunk, meta, block=None):
        table = pd.DataFrame({"relevant": [False]})
        table.attrs["frozen"] = gc.get_freeze_count()
        return _engine.ChunkResult(table, [], [], len(chunk))


def test_workers_freeze_what_they_inherit_and_the_caller_does_not():
    pieces = iter([(Corpus._unchecked([]), [], None)] * 4)
    results = list(_engine._results(_FreezeProbe(), pieces, 2))
    assert len(results) == 4
    # Everything a forked worker inherits (modules, the job) is frozen in the worker ...
    assert all(result.table.attrs["frozen"] > 1000 for result, _ in results)
    assert gc.get_freeze_count() == 0  # ... and nothing in this process


def _sent_to_workers(monkeypatch):
    """What the parent sends a worker for each chunk (its first argument), recorded."""
    sent = []

    class Recording(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            sent.append(args[0])
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(_engine, "ProcessPoolExecutor", Recording)
    return sent


def test_forked_workers_inherit_a_corpus_in_memory_and_are_sent_chunk_numbers(monkeypatch):
    if multiprocessing.get_context().get_start_method() != "fork":
        pytest.skip("workers are not forked here: every chunk is sent")
    texts = [f"Xi and Putin met for the {i}th time as friends." for i in range(6)]  # constructed
    alone = framing.score(texts)
    sent = _sent_to_workers(monkeypatch)
    pd.testing.assert_frame_equal(framing.score(texts, n_jobs=2, chunk_size=2), alone)
    assert sent == [0, 1, 2, 3, 4, 5]  # numbers of the chunks the forked workers hold already
    sent.clear()
    streamed = framing.score(iter(framing.load_corpus(texts)), n_jobs=2, chunk_size=2)
    pd.testing.assert_frame_equal(streamed, alone)
    assert [len(chunk) for chunk in sent] == [2, 2, 2]  # a stream's chunks are sent


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a worker that says it was spawned")
def test_workers_that_are_not_forked_are_sent_every_chunk(monkeypatch):
    from multiprocessing.context import ForkContext

    class SaysSpawn(ForkContext):  # forks (fast), but says it does not: nothing is inherited
        _name = "spawn"

    texts = [f"Xi and Putin met for the {i}th time as friends." for i in range(4)]  # constructed
    alone = framing.score(texts)
    sent = _sent_to_workers(monkeypatch)
    monkeypatch.setattr(_engine.multiprocessing, "get_context", SaysSpawn)
    pd.testing.assert_frame_equal(framing.score(texts, n_jobs=2), alone)
    assert [[doc.text for doc in chunk] for chunk in sent] == [[text] for text in texts]


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)
def test_n_jobs_works_with_a_fork_server(monkeypatch):
    # Python 3.14's default on Linux: the workers' parent is the fork server, not the caller,
    # so a worker that took that for its parent's death ended at once (BrokenProcessPool)
    forkserver = multiprocessing.get_context("forkserver")
    texts = [f"Xi and Putin met for the {i}th time as friends." for i in range(4)]  # constructed
    alone = framing.score(texts)
    monkeypatch.setattr(_engine.multiprocessing, "get_context", lambda *args: forkserver)
    pd.testing.assert_frame_equal(framing.score(texts, n_jobs=2, chunk_size=1), alone)


def test_the_workers_end_while_the_caller_takes_the_last_table(monkeypatch):
    waits = []

    class Recording(ProcessPoolExecutor):
        def shutdown(self, wait=True, **kwargs):
            waits.append(wait)
            super().shutdown(wait=wait, **kwargs)

    monkeypatch.setattr(_engine, "ProcessPoolExecutor", Recording)
    texts = [f"Xi and Putin met for the {i}th time as friends." for i in range(4)]  # constructed
    run = framing.iter_scores(texts, n_jobs=2)
    assert [len(next(run)) for _ in texts] == [1, 1, 1, 1]
    assert waits == [False]  # every chunk was in before the last table: nobody waits for them
    assert next(run, None) is None
    assert waits == [False, True]  # closing the pool has nothing left to wait for
    waits.clear()
    run = framing.iter_scores(texts, n_jobs=2)
    next(run)
    run.close()  # a reader that stops early waits for the chunks that are running
    assert waits == [True]


def _completed_later(outcome):
    """A future that a thread completes while the caller waits, noting whether the garbage
    collector was enabled at that moment."""
    future = Future()
    seen = []

    def complete():
        seen.append(gc.isenabled())
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)

    threading.Timer(0.05, complete).start()
    return future, seen


def test_the_parent_pauses_its_collections_only_while_it_waits_for_a_worker():
    assert gc.isenabled()
    future, seen = _completed_later("table")
    assert _engine._awaited(future) == "table"
    assert seen == [False]  # paused while the pool's thread unpickles ...
    assert gc.isenabled()  # ... and enabled again once the result is there
    future, seen = _completed_later(ValueError("in the worker"))
    with pytest.raises(ValueError, match="in the worker"):
        _engine._awaited(future)
    assert seen == [False] and gc.isenabled()  # restored on an error too
    gc.disable()
    try:
        assert _engine._awaited(_completed_later("table")[0]) == "table"
        assert not gc.isenabled()  # a caller that paused collections keeps them paused
    finally:
        gc.enable()


def test_a_parallel_run_leaves_the_collector_as_it_found_it():
    texts = ["Xi and Putin are old friends."] * 6
    assert gc.isenabled()
    assert len(score(texts, n_jobs=2, chunk_size=1)) == 6
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(score(texts, n_jobs=2, chunk_size=1)) == 6
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_prepare_compiles_the_scan_a_chunk_uses_so_forked_workers_inherit_it(monkeypatch):
    import re._compiler

    builtin = Path(framing.__file__).parent / "lexicons" / "relationship.toml"
    lexicon = load_lexicon(builtin)  # read again: not the cached lexicon, nothing compiled
    job = scoring._Job(lexicon, "lexicon", True)
    job.prepare()
    compiled = []
    original = re._compiler.compile

    def spy(pattern, flags=0):
        compiled.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(re._compiler, "compile", spy)
    text = "Xi and Putin are old friends. China is the junior partner."  # constructed
    job(Corpus._unchecked([framing.Document("a", text)]), [])
    # Left to compile: a matched cue's own small pattern, at most (the lexicon's scans are
    # thousands of characters long: without prepare() each worker compiled them itself).
    assert all(len(pattern) < 1000 for pattern in compiled)
