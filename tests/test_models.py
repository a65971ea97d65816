"""Scoring with trained models, and saving and loading them without pickle.

Sentences are constructed for these tests (marked ``# constructed``); the seeds are the
project's five articles. The held-out constructed set is never used here.
"""

from __future__ import annotations

import json
import os
import pickle
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import framing
import framing._classify as classify
from framing._classify import (
    REBUILD_COMMAND,
    FrameClassifier,
    bundled_classifier,
    lexicon_sha256,
    load_model,
    model_info,
)
from framing._lexicon import load_lexicon
from framing.cli import main
from framing.errors import ModelError, ParameterError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
US_UK = ROOT / "tests" / "data" / "lexicons" / "us_uk.toml"

POWER = [  # constructed
    ("Russia has become China's junior partner.", "junior"),
    ("Moscow now depends on Beijing for almost everything.", "junior"),
    ("Beijing holds all the cards in its dealings with Moscow.", "junior"),
    ("Xi and Putin meet as equals.", "equal"),
    ("China and Russia describe a partnership of equals.", "equal"),
    ("The two sides stress parity and mutual respect.", "equal"),
    ("Trade between China and Russia rose in May.", "none"),
    ("Xi arrived in Moscow on Monday.", "none"),
    ("The talks between Putin and Xi lasted two days.", "none"),
]
TEXTS = [t for t, _ in POWER]
LABELS = [label for _, label in POWER]
PROBE = [
    "Russia is now the junior partner of China.",  # constructed
    "The two leaders met as equals in Beijing.",  # constructed
    "It rained in Moscow.",  # constructed
]


@pytest.fixture(scope="module")
def power_model() -> FrameClassifier:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        return FrameClassifier(axis="power", cv=3).fit(TEXTS, LABELS)


@pytest.fixture(scope="module")
def seeds() -> framing.Corpus:
    return framing.load_corpus(SEEDS)


def _quiet_score(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        return framing.score(*args, **kwargs)


# --------------------------------------------------------------------------- save and load


def test_save_and_load_round_trip(power_model, tmp_path):
    path = power_model.save(tmp_path / "power.model")
    loaded = load_model(path)
    np.testing.assert_array_equal(loaded.predict_proba(PROBE), power_model.predict_proba(PROBE))
    assert loaded.predict(PROBE).tolist() == power_model.predict(PROBE).tolist()
    assert loaded.get_params() == power_model.get_params()
    assert loaded.classes_.tolist() == ["equal", "junior", "none"]
    assert (loaded.n_train_, loaded.temperature_) == (9, power_model.temperature_)
    # The content hash is of the fitted parameters: a model and its saved copy agree.
    info, original = model_info(loaded), model_info(power_model)
    assert info["sha256"] == original["sha256"] and len(info["sha256"]) == 64
    assert (info["name"], original["name"]) == ("power.model", "FrameClassifier(power)")
    assert info["n_train"] == 9
    # The file holds plain arrays only: numpy reads it without pickle.
    with np.load(path, allow_pickle=False) as archive:
        assert all(archive[name].dtype != object for name in archive.files)


def test_a_pickle_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    for name in ("model.pkl", "model.model", "model.joblib"):
        path = tmp_path / name
        path.write_bytes(pickle.dumps(Payload(), protocol=4))
        with pytest.raises(ModelError, match="pickle or joblib file; framing refuses"):
            load_model(path)
    assert not marker.exists()


def test_an_archive_with_python_objects_is_refused(power_model, tmp_path):
    path = tmp_path / "objects.model"
    np.savez(path.with_suffix(""), meta=np.asarray([{"x": 1}], dtype=object))
    path.with_suffix(".npz").rename(path)
    with pytest.raises(ModelError, match="Python objects"):
        load_model(path)


def _rewrite(source: Path, target: Path, change) -> Path:
    with np.load(source, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    change(meta, arrays)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with open(target, "wb") as handle:
        np.savez(handle, **arrays)
    return target


def test_a_file_from_before_the_automatic_threshold_loads_as_it_was(power_model, tmp_path):
    good = power_model.save(tmp_path / "good.model")

    def older(meta, arrays):  # as files were written before threshold='auto'
        del meta["fitted"]["threshold"], meta["params"]["prefer_lexicon"]
        del meta["fitted"]["decision"]  # written since the threshold on poles
        meta["params"]["threshold"] = 0.0

    old = load_model(_rewrite(good, tmp_path / "old.model", older))
    assert (old.threshold, old.threshold_, old.prefer_lexicon) == (0.0, 0.0, False)
    proba = power_model.predict_proba(TEXTS)
    assert old.predict(TEXTS).tolist() == power_model.classes_[proba.argmax(axis=1)].tolist()

    def out_of_range(meta, arrays):
        meta["fitted"]["threshold"] = 2.0

    with pytest.raises(ModelError, match="malformed model file: threshold 2.0"):
        load_model(_rewrite(good, tmp_path / "bad.model", out_of_range))


def test_a_version_1_file_loads_with_its_five_lexicon_columns(power_model, tmp_path):
    # A file as framing wrote it before the rule and cue features and the override: format
    # version 1, five lexicon columns per pole, no such parameters.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        before = FrameClassifier(
            axis="power", cv=3, rule_features=False, cue_features=False, override=1.0
        ).fit(TEXTS, LABELS)
    good = before.save(tmp_path / "good.model")

    def version_1(meta, arrays):
        meta["format_version"] = 1
        for key in ("rule_features", "cue_features", "override"):
            del meta["params"][key]
        del meta["fitted"]["override"]

    old = load_model(_rewrite(good, tmp_path / "old.model", version_1))
    assert (old.rule_features, old.cue_features, old.override, old.override_) == (
        False, False, 1.0, 1.0
    )  # fmt: skip
    width = before.pipeline_.named_steps["model"].coef_.shape[1]
    assert old.pipeline_.named_steps["model"].coef_.shape[1] == width
    np.testing.assert_array_equal(old.predict_proba(PROBE), before.predict_proba(PROBE))
    assert old.predict(PROBE).tolist() == before.predict(PROBE).tolist()
    # A version 1 file whose coefficients are those of today's wider features is malformed.
    wide = power_model.save(tmp_path / "wide.model")
    with pytest.raises(ModelError, match="malformed model file: coefficients of shape"):
        load_model(_rewrite(wide, tmp_path / "wide1.model", version_1))


def test_unknown_types_and_contents_are_refused(power_model, tmp_path):
    good = power_model.save(tmp_path / "good.model")

    def untrusted(meta, arrays):
        meta["parts"]["model"] = "os.system"

    with pytest.raises(ModelError, match=r"types framing does not trust \(model='os.system'\)"):
        load_model(_rewrite(good, tmp_path / "a.model", untrusted))

    def other_estimator(meta, arrays):
        meta["estimator"] = "sklearn.svm.SVC"

    with pytest.raises(ModelError, match="does not trust"):
        load_model(_rewrite(good, tmp_path / "b.model", other_estimator))

    def extra_array(meta, arrays):
        arrays["payload"] = np.zeros(3)

    with pytest.raises(ModelError, match=r"unknown: \['payload'\]"):
        load_model(_rewrite(good, tmp_path / "c.model", extra_array))

    def newer(meta, arrays):
        meta["format_version"] = 99

    with pytest.raises(ModelError, match="format version 99; this framing reads versions 1, 2"):
        load_model(_rewrite(good, tmp_path / "d.model", newer))

    def wrong_shape(meta, arrays):
        arrays["model_coef"] = arrays["model_coef"][:, :5]

    with pytest.raises(ModelError, match="malformed model file"):
        load_model(_rewrite(good, tmp_path / "e.model", wrong_shape))

    (tmp_path / "text.model").write_text("not a model", encoding="utf-8")
    with pytest.raises(ModelError, match="not a framing model file"):
        load_model(tmp_path / "text.model")
    with zipfile.ZipFile(tmp_path / "zip.model", "w") as archive:
        archive.writestr("other.txt", "x")
    with pytest.raises(ModelError, match="no description"):
        load_model(tmp_path / "zip.model")


def test_the_lexicon_must_be_the_one_trained_with(tmp_path):
    own = load_lexicon(US_UK)
    poles = own.poles[own.axis_names[0]]
    texts = ["Britain is the junior partner.", "They are equals.", "It rained."]  # constructed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        model = FrameClassifier(axis=own.axis_names[0], lexicon=own).fit(
            texts * 2, [poles[1], poles[0], "none"] * 2
        )
    path = model.save(tmp_path / "own.model")
    with pytest.raises(ModelError, match=r"from a file or object; pass it"):
        load_model(path)
    loaded = load_model(path, lexicon=US_UK)
    assert loaded.predict(texts).tolist() == model.predict(texts).tolist()
    with pytest.raises(ModelError, match="train the model again"):
        load_model(bundled_path("power"), lexicon=US_UK)


def bundled_path(axis: str) -> Path:
    return Path(str(classify.resources.files("framing") / "data" / f"bundled_{axis}.model"))


# --------------------------------------------------------------------------- the bundled model


def test_the_bundled_model_is_loaded_not_trained(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the bundled model was trained or unpickled")

    monkeypatch.setattr(FrameClassifier, "fit", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    classify._bundled.cache_clear()
    try:
        model = bundled_classifier("power")
        assert model.predict(["Russia has become China's junior partner."])[0] == "junior"
        assert model_info(model)["name"] == "bundled_power.model"
    finally:
        classify._bundled.cache_clear()


def test_a_stale_bundled_model_says_how_to_rebuild(monkeypatch):
    real = classify.lexicon_sha256
    monkeypatch.setattr(classify, "lexicon_sha256", lambda lex: "0" * 64 if lex != "x" else real(lex))
    classify._bundled.cache_clear()
    try:
        with pytest.raises(ModelError, match=REBUILD_COMMAND):
            bundled_classifier("bond")
    finally:
        classify._bundled.cache_clear()


def test_the_bundled_models_record_their_training_data():
    from framing._build_model import bundled_training_data

    data = bundled_training_data()
    assert set(data["doc_id"].str.split("-").str[0]) >= {"review"}
    assert not data["doc_id"].str.startswith("heldout").any()
    for axis in ("power", "bond"):
        model = bundled_classifier(axis)
        assert model.n_train_ == len(data)
        with np.load(bundled_path(axis), allow_pickle=False) as archive:
            meta = json.loads(archive["meta"].tobytes().decode("utf-8"))
        assert meta["lexicon"]["sha256"] == lexicon_sha256("relationship")


# --------------------------------------------------------------------------- scoring with models


def test_score_with_one_model_labels_its_axis_only(power_model, seeds):
    lexicon = _quiet_score(seeds)
    sents = _quiet_score(seeds, method=power_model)
    relevant = sents["relevant"].to_numpy()
    expected = power_model.predict(sents.loc[relevant, "text"].tolist())
    assert sents.loc[relevant, "power_label"].tolist() == expected.tolist()
    assert (sents.loc[~relevant, "power_label"] == "none").all()
    pd.testing.assert_series_equal(sents["bond_label"], lexicon["bond_label"])
    info = sents.attrs["framing"]
    assert info["method"] == "classifier" and list(info["models"]) == ["power"]
    assert info["models"]["power"] == model_info(power_model)


def test_any_text_classifier_through_the_protocol(seeds):
    texts = ["Xi and Putin are old friends.", "It is a marriage of convenience.",
             "It rained.", "They are dear friends."]  # fmt: skip  # constructed
    pipe = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(
        texts, ["friendship", "convenience", "none", "friendship"]
    )
    sents = _quiet_score(seeds, method={"bond": pipe})
    relevant = sents["relevant"].to_numpy()
    assert sents.loc[relevant, "bond_label"].tolist() == pipe.predict(
        sents.loc[relevant, "text"].tolist()
    ).tolist()
    labelled = sents[sents["bond_label"] != "none"]
    proba = pipe.predict_proba(labelled["text"].tolist())
    np.testing.assert_allclose(labelled["bond"], proba[:, 1] - proba[:, 0])  # friendship first
    info = sents.attrs["framing"]["models"]["bond"]
    assert info["name"] == "Pipeline(tfidfvectorizer, logisticregression)"
    assert info["n_train"] is None and len(info["sha256"]) == 64


def test_a_model_that_learnt_relevance_labels_every_sentence():
    """relevant_only=False: a model trained with sentences coded not relevant as 'none' labels
    the sentences the scorer finds irrelevant too, and tally counts those poles."""
    texts = ["The two capitals meet as equals.", "The two capitals act as equals.",
             "It rained in May.", "The harvest was late.", "Both sides stand as equals.",
             "The market closed early."]  # fmt: skip  # constructed
    pipe = make_pipeline(TfidfVectorizer(), LogisticRegression(C=100)).fit(
        texts, ["equal", "equal", "none", "none", "equal", "none"]
    )
    # constructed: the last sentence names neither side
    text = "Russia and China signed a deal.\n\nIn sport, the league met. The clubs meet as equals."
    within = _quiet_score([text], method={"power": pipe})
    everywhere = _quiet_score([text], method={"power": pipe}, relevant_only=False)
    assert within["relevant"].tolist() == everywhere["relevant"].tolist() == [True, False, False]
    assert within["power_label"].tolist()[2] == "none"
    assert everywhere["power_label"].tolist()[2] == "equal"
    assert framing.tally(everywhere)["n_equal"].sum() == within["power_label"].eq("equal").sum() + 1


@pytest.mark.parametrize(
    "method, match",
    [
        ({"tone": "x"}, "axis 'tone'"),
        ({"bond": "not a model"}, "predict"),
        ({"power": LogisticRegression()}, "unfitted LogisticRegression"),
        (LogisticRegression(), "does not know its axis"),
        ("classifer", "'lexicon', 'classifier'"),
        ({}, "at least one axis"),
    ],
)
def test_bad_methods(method, match):
    with pytest.raises(ParameterError, match=match):
        framing.score(["Xi and Putin are old friends."], method=method)


def test_a_model_of_the_wrong_axis_or_labels(power_model):
    with pytest.raises(ParameterError, match="axis 'power'"):
        framing.score(["Xi and Putin are old friends."], method={"bond": power_model})
    other = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(
        ["old friends", "trade rose"], ["friendship", "none"]
    )
    with pytest.raises(ParameterError, match="classes"):
        framing.score(["Xi and Putin are old friends."], method={"power": other})


def test_the_classifier_method_needs_a_model_of_the_lexicon():
    with pytest.raises(ParameterError, match="has no classifier of its own.*Train one"):
        framing.score(["The US and the UK are equals."], US_UK, method="classifier")


def test_jobs_and_chunks_give_the_same_rows(power_model, seeds):
    one = _quiet_score(seeds, method={"power": power_model})
    two = _quiet_score(seeds, method={"power": power_model}, n_jobs=2, chunk_size=1)
    pd.testing.assert_frame_equal(one, two)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        parts = list(framing.iter_scores(seeds, method=power_model, chunk_size=2))
    assert all(p.attrs["framing"]["models"]["power"]["n_train"] == 9 for p in parts)
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), one)


def test_dask_scores_with_a_model(power_model):
    dd = pytest.importorskip("dask.dataframe")
    import framing.dask
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Xi and Putin met as equals.", "Russia is China's junior partner now."]})  # constructed
    lazy = framing.dask.score(dd.from_pandas(frame, npartitions=2), method=power_model)
    computed = lazy.compute(scheduler="synchronous")
    expected = _quiet_score(framing.load_corpus(frame), method=power_model)
    assert computed["power_label"].tolist() == expected["power_label"].tolist()


def test_the_note_names_the_models(power_model, seeds):
    sents = _quiet_score(seeds, method={"power": power_model})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)
        comparison = framing.compare(sents, seed=0, n_resamples=100)
    digest = model_info(power_model)["sha256"]
    note = " ".join(comparison.table(fmt="github").split())
    assert (
        f"Models: power: model FrameClassifier(power) (9 training sentences, sha256 "
        f"{digest[:12]}); bond: lexicon." in note
    )
    lexicon = framing.load_lexicon("relationship")
    assert (
        f"Lexicon: relationship {lexicon.version} (content hash {lexicon.content_hash}); "
        f"framing {framing.__version__}; method: classifier." in note
    )
    settings = json.loads(comparison.table(fmt="json"))["settings"]
    assert settings["models"]["power"]["sha256"] == digest
    assert settings["framing_version"] == framing.__version__
    lexicon_only = framing.compare(_quiet_score(seeds), seed=0, n_resamples=100)
    assert "Models:" not in lexicon_only.table()


# --------------------------------------------------------------------------- command line


def test_cli_model_files(power_model, tmp_path, capsys):
    path = power_model.save(tmp_path / "power.model")
    out = tmp_path / "out.json"
    code = main(["compare", str(SEEDS), "--model", str(path), "--format", "json",
                 "--n-resamples", "100", "-q", "-o", str(out)])  # fmt: skip
    assert code == 0
    settings = json.loads(out.read_text(encoding="utf-8"))["settings"]
    assert settings["method"] == "classifier"
    assert settings["models"]["power"] == model_info(load_model(path))
    assert settings["models"]["power"]["name"] == "power.model"
    sentences = tmp_path / "sents.csv"
    assert main(["score", str(SEEDS), "--model", str(path), "-o", str(sentences), "-q"]) == 0
    scored = pd.read_csv(sentences, keep_default_na=False)
    expected = _quiet_score(SEEDS, method=power_model)
    assert scored["power_label"].tolist() == expected["power_label"].tolist()


def test_cli_model_errors(power_model, tmp_path, capsys):
    path = power_model.save(tmp_path / "power.model")
    (tmp_path / "x.pkl").write_bytes(pickle.dumps({"a": 1}))
    cases = [
        (["--model", str(tmp_path / "x.pkl")], "refuses to load it"),
        (["--model", str(path), "--model", str(path)], "a second model for axis 'power'"),
        (["--model", str(path), "--method", "lexicon"], "drop --method lexicon"),
        (["--model", str(tmp_path / "missing.model")], "no such model file"),
        (["--method", "classifier", "--lexicon", str(US_UK)], "Train one"),
    ]
    for extra, message in cases:
        capsys.readouterr()
        assert main(["compare", str(SEEDS), "-q", *extra]) == 2, extra
        assert message in capsys.readouterr().err


# --------------------------------------------------------------------------- learning curve


@pytest.mark.slow
def test_learning_curve_is_grouped_and_measures_both_methods():
    texts, labels, docs = [], [], []
    for i in range(6):  # constructed: six articles of four sentences
        texts += [f"Russia is China's junior partner in deal {i}.", f"They meet as equals {i}.",
                  f"Trade rose {i}.", f"The talks lasted {i} days."]  # fmt: skip
        labels += ["junior", "equal", "none", "none"]
        docs += [f"d{i}"] * 4
    coded = pd.DataFrame({"doc_id": docs, "text": texts, "power": labels})
    curve = framing.learning_curve(coded, "power", sizes=[1, 4], n_repeats=2, seed=1)
    assert list(curve.columns) == ["repeat", "n_articles", "n_sentences", "method", "pole_f1",
                                   "n_test"]  # fmt: skip
    assert len(curve) == 2 * 2 * 2
    assert set(curve["n_sentences"]) == {4, 16} and set(curve["n_test"]) == {8}
    lexicon = curve[curve["method"] == "lexicon"]["pole_f1"]
    expected = framing.pole_f1(["junior", "equal"], ["junior", "equal"], ("equal", "junior"))
    assert (lexicon == expected).all() and expected == 1.0
    assert curve[curve["method"] == "classifier"]["pole_f1"].between(0, 1).all()
    with pytest.raises(ParameterError, match="sizes"):
        framing.learning_curve(coded, "power", sizes=[5])
    with pytest.raises(framing.InputError, match="doc_id"):
        framing.learning_curve(coded.drop(columns="doc_id"), "power")
