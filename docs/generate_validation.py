"""Regenerate docs/validation.md: how well the lexicon and the classifier agree with human coding.

Run ``python docs/generate_validation.py`` after changing the lexicon, scoring, the classifier or
the coding, and commit the result. It first refreshes the package's copy of the gold coding
(``src/framing/data/seed_coding.csv``, what the bundled classifier trains on) from
``seeds/annotations/sentences.csv``, then writes ``docs/validation.md``. ``--check`` writes
nothing and exits 1 when either file differs from what the code and data produce now. The page
is deterministic (fixed seeds, no timestamps).

What it measures:

- inter-coder agreement on the seed sentences (``seeds/annotations/sentences.csv``);
- the lexicon against the gold coding of the seeds (in-sample for the lexicon, whose cues were
  written with the seeds in view);
- the classifier against the gold coding by leave-one-article-out cross-validation: trained on
  four seed articles, tested on the fifth, never scored on a sentence it was trained on;
- both methods on the 300 held-out constructed sentences (``tests/data/constructed``), the
  classifier trained on all the seed gold; the set is only measured against, nothing is fitted
  or tuned on it;
- the errors that matter: the worst disagreements, with their sentences and cues;
- a classifier trained on a corpus's own coding against the lexicon, by grouped
  cross-validation over articles on the seeds, the constructed articles and the hard set
  (``docs/validation_classifier.py``);
- the lexicon on every coded set, now and as lexicon 1.0.0 measured
  (``docs/validation_lexicon.py``), including the blind, double-coded hard set of constructed
  articles that frame without labels.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from tabulate import tabulate

import framing
from framing._classify import (
    BUNDLED_SETTINGS,
    FrameClassifier,
    _write_seed_coding,
    bundled_classifier,
)
from framing._validate import confusion_matrix, evaluate, krippendorff_alpha

sys.path.insert(0, str(Path(__file__).resolve().parent))
import validation_classifier  # noqa: E402  (docs/validation_classifier.py, beside this script)
import validation_lexicon  # noqa: E402  (docs/validation_lexicon.py, beside this script)

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "validation.md"
TRAINING_DATA = ROOT / "src" / "framing" / "data" / "seed_coding.csv"
SEED_CODING = ROOT / "seeds" / "annotations" / "sentences.csv"
HELD_OUT = ROOT / "tests" / "data" / "constructed" / "sentences.csv"
KEYS = ["doc_id", "sent_id", "start", "end"]
AXES = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
N_ERRORS = 12


# --------------------------------------------------------------------------- data


def _seeds() -> pd.DataFrame:
    """Seed sentences as scored by the lexicon, joined to both codings and the gold."""
    gold = pd.read_csv(SEED_CODING, dtype=str, keep_default_na=False)
    gold[["sent_id", "start", "end"]] = gold[["sent_id", "start", "end"]].astype("int64")
    sents = framing.score(ROOT / "seeds")
    joined = sents.merge(gold.drop(columns="text"), on=KEYS, how="inner", validate="1:1")
    if len(joined) != len(gold) or len(joined) != len(sents):
        raise SystemExit(
            f"seed coding and score() disagree: {len(gold)} coded, {len(sents)} scored, "
            f"{len(joined)} aligned by {KEYS}"
        )
    joined["system_relevant"] = np.where(joined["relevant"], "yes", "no")
    return joined


def _held_out() -> pd.DataFrame:
    data = pd.read_csv(HELD_OUT, dtype=str, keep_default_na=False)
    sents = framing.score(data["text"].tolist())
    if len(sents) != len(data):
        raise SystemExit("a held-out item was split into several sentences")
    sents = sents.reset_index(drop=True)
    out = data.rename(columns={c: f"gold_{c}" for c in ("relevant", "power", "bond", "voice",
                                                         "speaker")})  # fmt: skip
    for column in ("relevant", "voice", "speaker", "cues", "power_label", "bond_label"):
        out[column] = sents[column]
    out["system_relevant"] = np.where(sents["relevant"], "yes", "no")
    return out


def _loao(seeds: pd.DataFrame, **params: float) -> tuple[dict[str, np.ndarray], pd.DataFrame]:
    """Classifier labels of every seed sentence from a model that never saw its article."""
    predicted = {axis: np.full(len(seeds), "none", dtype=object) for axis in AXES}
    folds = []
    for doc in sorted(seeds["doc_id"].unique()):
        train = seeds[(seeds["doc_id"] != doc) & (seeds["gold_relevant"] == "yes")]
        test = ((seeds["doc_id"] == doc) & seeds["relevant"]).to_numpy()
        row = {
            "held-out article": doc,
            "outlet": seeds.loc[seeds["doc_id"] == doc, "outlet"].iloc[0],
            "test sentences": int((seeds["doc_id"] == doc).sum()),
            "training sentences": len(train),
        }
        for axis in AXES:
            model = FrameClassifier(axis=axis, **{**BUNDLED_SETTINGS, **params})
            model.fit(train["text"].tolist(), train[f"gold_{axis}"].tolist())
            predicted[axis][test] = model.predict(seeds.loc[test, "text"].tolist())
            counts = train[f"gold_{axis}"].value_counts()
            row[f"train {axis}"] = " / ".join(
                f"{counts.get(label, 0)}" for label in (*AXES[axis], "none")
            )
        folds.append(row)
    return predicted, pd.DataFrame(folds)


def _classify(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """The bundled classifier's labels, 'none' where the scorer finds the sentence irrelevant."""
    out = {}
    relevant = frame["relevant"].to_numpy(dtype=bool)
    for axis in AXES:
        labels = np.full(len(frame), "none", dtype=object)
        labels[relevant] = bundled_classifier(axis).predict(frame.loc[relevant, "text"].tolist())
        out[axis] = labels
    return out


# --------------------------------------------------------------------------- formatting


def _number(value: float, digits: int = 2) -> str:
    return "–" if value is None or not np.isfinite(value) else f"{value:.{digits}f}"


def _table(frame: pd.DataFrame) -> str:
    return tabulate(
        frame, headers="keys", tablefmt="github", showindex=False, disable_numparse=True
    )


def _scores(predicted, gold, labels) -> pd.DataFrame:
    table = evaluate(y_true=list(gold), y_pred=list(predicted), labels=list(labels))
    shown = pd.DataFrame(
        {
            "label": table["label"],
            "precision": table["precision"].map(_number),
            "recall": table["recall"].map(_number),
            "F1": table["f1"].map(_number),
            "support": table["support"].astype(str),
        }
    )
    return shown


def _summary(predicted, gold, labels) -> dict[str, float]:
    table = evaluate(y_true=list(gold), y_pred=list(predicted), labels=list(labels))
    last = table.iloc[-1]
    return {"macro_f1": last["f1"], "kappa": last["kappa"], "alpha": last["alpha"],
            "accuracy": last["accuracy"]}  # fmt: skip


def _confusion(predicted, gold, labels) -> str:
    matrix = confusion_matrix(y_true=list(gold), y_pred=list(predicted), labels=list(labels))
    frame = matrix.reset_index()
    frame.columns = ["gold \\ predicted", *matrix.columns]
    return _table(frame.astype(str))


def _block(title: str, predicted, gold, labels) -> list[str]:
    s = _summary(predicted, gold, labels)
    return [
        f"**{title}** — macro-F1 {_number(s['macro_f1'])}, accuracy {_number(s['accuracy'])}, "
        f"kappa {_number(s['kappa'])}, alpha {_number(s['alpha'])}",
        "",
        _table(_scores(predicted, gold, labels)),
        "",
        _confusion(predicted, gold, labels),
        "",
    ]


def _cues(cues: list[dict], axis: str) -> str:
    shown = []
    for cue in cues:
        if cue["axis"] != axis:
            continue
        marks = [m for m, on in (("negated", cue["negated"]), ("performance", cue["performance"]),
                                 ("conceded", cue["conceded"])) if on]  # fmt: skip
        shown.append(f"{cue['term']}→{cue['pole']}" + (f" ({', '.join(marks)})" if marks else ""))
    return "; ".join(shown) or "—"


def _severity(gold: str, predicted: str) -> int:
    if gold == predicted:
        return 0
    return 2 if gold != "none" and predicted != "none" else 1


def _errors(frame: pd.DataFrame, classifier: dict[str, np.ndarray], ident: pd.Series) -> str:
    """The worst disagreements: opposite poles first, then both methods wrong."""
    rows = []
    for axis in AXES:
        gold = frame[f"gold_{axis}"].to_numpy()
        lexicon = frame[f"{axis}_label"].to_numpy()
        model = classifier[axis]
        for i in range(len(frame)):  # a few hundred sentences, report only
            severity = (_severity(gold[i], lexicon[i]), _severity(gold[i], model[i]))
            if max(severity) == 0:
                continue
            rows.append(
                {
                    "rank": (-max(severity), -sum(s > 0 for s in severity), -sum(severity), i),
                    "sentence": ident.iloc[i],
                    "axis": axis,
                    "gold": gold[i],
                    "lexicon": lexicon[i],
                    "classifier": model[i],
                    "cues that fired": _cues(frame["cues"].iloc[i], axis),
                    "text": frame["text"].iloc[i].replace("|", "\\|"),
                }
            )
    rows.sort(key=lambda r: r["rank"])
    table = pd.DataFrame(rows[:N_ERRORS]).drop(columns="rank")
    return _table(table)


# --------------------------------------------------------------------------- the page


def _agreement(seeds: pd.DataFrame) -> tuple[list[str], dict[str, float]]:
    rows, alphas = [], {}
    for variable in ("relevant", "power", "bond", "voice", "speaker"):
        first = seeds[f"coder1_{variable}"].to_numpy(dtype=object)
        second = seeds[f"coder2_{variable}"].to_numpy(dtype=object)
        if variable == "speaker":  # compare names where both coders coded a source
            both = (seeds["coder1_voice"] == "source") & (seeds["coder2_voice"] == "source")
            first, second = first[both.to_numpy()], second[both.to_numpy()]
            first = np.array([s.strip().casefold() or "(unnamed)" for s in first], dtype=object)
            second = np.array([s.strip().casefold() or "(unnamed)" for s in second], dtype=object)
        alpha = krippendorff_alpha([list(first), list(second)])
        alphas[variable] = alpha
        gold = seeds[f"gold_{variable}"].to_numpy(dtype=object)
        rows.append(
            {
                "variable": variable
                + (
                    " (both coded source; case-insensitive)" if variable == "speaker" else ""
                ),  # fmt: skip
                "units": str(len(first)),
                "agreement": _number(float(np.mean(first == second)), 3),
                "Krippendorff's alpha": _number(alpha, 3),
                "disagreements adjudicated": str(int((first != second).sum())),
                "coder 1 = gold": _number(
                    float(np.mean(seeds[f"coder1_{variable}"].to_numpy(dtype=object) == gold)), 3
                ),
                "coder 2 = gold": _number(
                    float(np.mean(seeds[f"coder2_{variable}"].to_numpy(dtype=object) == gold)), 3
                ),
            }
        )
    return [_table(pd.DataFrame(rows)), ""], alphas


def build() -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds = _seeds()
        held = _held_out()
        loao, folds = _loao(seeds)
        ablation, _ = _loao(seeds, lexicon_weight=0.0)
        held_classifier = _classify(held)
    agreement, coder_alpha = _agreement(seeds)
    labels = {axis: (*poles, "none") for axis, poles in AXES.items()}

    # Summary: per axis and set, macro-F1 / kappa / alpha of each method.
    summary, numbers = [], {}
    for axis in AXES:
        sets = [
            ("seeds (225)", "lexicon", seeds[f"{axis}_label"], seeds[f"gold_{axis}"]),
            ("seeds (225)", "classifier, leave-one-article-out", loao[axis],
             seeds[f"gold_{axis}"]),
            ("seeds (225)", "n-grams only (no lexicon features), leave-one-article-out",
             ablation[axis], seeds[f"gold_{axis}"]),
            ("held-out constructed (300)", "lexicon", held[f"{axis}_label"], held[f"gold_{axis}"]),
            ("held-out constructed (300)", "classifier, bundled model",
             held_classifier[axis], held[f"gold_{axis}"]),
        ]  # fmt: skip
        for where, method, predicted, gold in sets:
            s = _summary(predicted, gold, labels[axis])
            numbers[(axis, where.split(" ")[0], method.split(",")[0].split(" (")[0])] = s
            summary.append(
                {"axis": axis, "sentences": where, "method": method,
                 "macro-F1": _number(s["macro_f1"]), "kappa": _number(s["kappa"]),
                 "alpha": _number(s["alpha"]), "coders' alpha": _number(coder_alpha[axis])}
            )  # fmt: skip

    lines = [
        "# Validation: the lexicon and the classifier against human coding",
        "",
        "Generated by `python docs/generate_validation.py`; do not edit by hand. Every number",
        "below is recomputed from the code and the coded data; nothing is rounded up or chosen.",
        "",
        f"- **Seeds**: the {len(seeds)} sentences that `framing.score` finds in the five seed",
        "  articles, coded on relevance, power, bond, voice and speaker by two independent coders",
        "  and adjudicated into a gold coding (`seeds/annotations/sentences.csv`; codebook in",
        "  `docs/codebook.md`).",
        "  The lexicon was written with these articles in view, so its seed numbers are in-sample;",
        "  the classifier's leave-one-article-out numbers inherit some of that through its lexicon",
        "  features.",
        "- **Held-out**: 300 constructed sentences coded by one coder, agreement not measured",
        "  (`tests/data/constructed/`), never used to build, tune or train anything here, only",
        "  measured against. It imitates many registers, so it has far more `equal` sentences",
        f"  than the seeds ({int((held['gold_power'] == 'equal').sum())} against "
        f"{int((seeds['gold_power'] == 'equal').sum())}).",
        "- **Lexicon**: `framing.score` with the built-in lexicon. **Classifier**:",
        "  `framing.FrameClassifier` with the bundled model's settings (`BUNDLED_SETTINGS`:",
        "  " + ", ".join(f"`{k}={v!r}`" for k, v in BUNDLED_SETTINGS.items()) + "),",
        "  trained on gold-relevant seed sentences (pole or `none`).",
        "  Both label only sentences the scorer finds relevant; the others are `none`, so",
        "  relevance errors count against both.",
        "- Measures from `framing.evaluate`: per-label precision, recall and F1 over the two poles",
        "  and `none`; macro-F1 is their unweighted mean; kappa is Cohen's; alpha is",
        "  Krippendorff's (nominal) between the method and the gold coding, to set beside the",
        "  coders' alpha with each other.",
        "",
        "## Summary",
        "",
        _table(pd.DataFrame(summary)),
        "",
    ]
    lines += _reading(numbers, coder_alpha, seeds)
    lines += validation_lexicon.section(framing, framing.load_lexicon("relationship").version)
    lines += validation_classifier.section(framing)
    lines += ["## Inter-coder agreement (seeds)", ""]
    lines += agreement
    lines += [
        "Speaker agreement is over the sentences both coders coded as `source`; an unnamed",
        "source is the code `(unnamed)`.",
        "",
        "## Lexicon against the gold coding (seeds)",
        "",
    ]
    for axis in AXES:
        lines += _block(f"{axis}", seeds[f"{axis}_label"], seeds[f"gold_{axis}"], labels[axis])
    lines += _block("relevance", seeds["system_relevant"], seeds["gold_relevant"], ("yes", "no"))
    lines += _block("voice", seeds["voice"], seeds["gold_voice"], ("narrator", "source"))
    source = (seeds["gold_voice"] == "source").to_numpy()
    named = [s if isinstance(s, str) else "" for s in seeds.loc[source, "speaker"]]
    same = np.mean(
        [a.strip().casefold() == b.strip().casefold()
         for a, b in zip(named, seeds.loc[source, "gold_speaker"], strict=True)]
    )  # fmt: skip
    lines += [
        f"Speaker: on the {int(source.sum())} sentences coded `source`, the speaker found by",
        f"`framing.score` equals the gold speaker (case-insensitive, empty = unnamed) in "
        f"{_number(float(same), 3)} of them.",
        "",
        "## Classifier against the gold coding: leave-one-article-out (seeds)",
        "",
        "Five folds, one per article: the classifier is trained on the gold-relevant sentences of",
        "the other four articles and labels the fifth; every sentence is scored by a model that",
        "never saw its article. Training counts per fold (pole / pole / none):",
        "",
        _table(folds.astype(str)),
        "",
    ]
    for axis in AXES:
        lines += _block(axis, loao[axis], seeds[f"gold_{axis}"], labels[axis])
    lines += [
        "## Held-out constructed sentences",
        "",
        "The lexicon as it is; the classifier is the bundled model (trained on the gold-relevant",
        "seed sentences and review constructed articles, `python -m framing._build_model`).",
        "Relevance and voice come from `framing.score` for both.",
        "",
    ]
    for axis in AXES:
        lines += _block(f"{axis}, lexicon", held[f"{axis}_label"], held[f"gold_{axis}"],
                        labels[axis])  # fmt: skip
        lines += _block(f"{axis}, classifier", held_classifier[axis], held[f"gold_{axis}"],
                        labels[axis])  # fmt: skip
    lines += _block("relevance", held["system_relevant"], held["gold_relevant"], ("yes", "no"))
    lines += _block("voice", held["voice"], held["gold_voice"], ("narrator", "source"))
    lines += [
        "## The errors that matter",
        "",
        "Disagreements with the gold coding, worst first: a method giving the opposite pole, then",
        "a pole missed or invented by both methods, then by one. Cues are the lexicon's matches on",
        "the axis after negation, performance and contrast (what the lexicon saw, and what the",
        f"classifier's lexicon features saw). The first {N_ERRORS} of each set.",
        "",
        "**Seeds** (classifier: leave-one-article-out)",
        "",
        _errors(seeds, loao, seeds["doc_id"].str[:3] + "/" + seeds["sent_id"].astype(str)),
        "",
        "**Held-out constructed** (classifier: the bundled model)",
        "",
        _errors(held, held_classifier, held["id"]),
        "",
    ]
    return "\n".join(lines)


def _compare(classifier: float, lexicon: float) -> str:
    """Words for two macro-F1 values, to three decimals when they are close."""
    digits = 3 if abs(classifier - lexicon) < 0.01 else 2
    pair = f"{_number(classifier, digits)} against {_number(lexicon, digits)}"
    if round(classifier, 3) == round(lexicon, 3):
        return f"the classifier and the lexicon are level (macro-F1 {pair})"
    ahead = "the classifier is ahead of" if classifier > lexicon else "the classifier trails"
    return f"{ahead} the lexicon (macro-F1 {pair})"


def _reading(numbers: dict, coder_alpha: dict, seeds: pd.DataFrame) -> list[str]:
    """A short reading of the summary, worded from the numbers themselves."""

    def f1(axis, where, method):
        return numbers[(axis, where, method)]["macro_f1"]

    out = ["**Reading.**", ""]
    for axis in AXES:
        seeds_words = _compare(f1(axis, "seeds", "classifier"), f1(axis, "seeds", "lexicon"))
        held_words = _compare(f1(axis, "held-out", "classifier"), f1(axis, "held-out", "lexicon"))
        out.append(f"- {axis}: on the seeds, {seeds_words}; on held-out text, {held_words}.")
    for axis in AXES:
        unseen = {
            "the classifier by leave-one-article-out": f1(axis, "seeds", "classifier"),
            "the classifier on held-out text": f1(axis, "held-out", "classifier"),
            "the lexicon on held-out text": f1(axis, "held-out", "lexicon"),
        }
        met = [name for name, value in unseen.items() if value >= 0.75]
        missed = [f"{name} ({_number(value)})" for name, value in unseen.items() if value < 0.75]
        out.append(
            f"- {axis}, the bar of macro-F1 0.75 on text the method never saw: "
            + (f"met by {', '.join(met)}" if met else "met by none")
            + (f"; missed by {', '.join(missed)}" if missed else "")
            + "."
        )
    for axis in AXES:
        found = {
            "classifier (leave-one-article-out)": numbers[(axis, "seeds", "classifier")]["alpha"],
            "classifier (held-out)": numbers[(axis, "held-out", "classifier")]["alpha"],
            "lexicon (held-out)": numbers[(axis, "held-out", "lexicon")]["alpha"],
        }
        shown = ", ".join(f"{name} {_number(value)}" for name, value in found.items())
        out.append(
            f"- {axis}, agreement with the gold coding against the coders' with each other "
            f"(alpha {_number(coder_alpha[axis])}): {shown}."
        )
    n_equal = int((seeds["gold_power"] == "equal").sum())
    out += [
        f"- The seeds hold {n_equal} `equal` sentences in all, so a model trained on them has",
        "  almost nothing to learn that pole from. The classifier leans on the lexicon features:",
        "  without them (n-grams only) its leave-one-article-out macro-F1 is "
        f"{_number(f1('power', 'seeds', 'n-grams only'))} on power and "
        f"{_number(f1('bond', 'seeds', 'n-grams only'))} on bond. More coded sentences",
        "  (`framing.suggest_for_coding`) are what would let it add to the lexicon rather than",
        "  echo it.",
        "",
    ]
    return out


def _training_data() -> bytes:
    """The package's copy of the seed gold coding, as exported from the annotations now."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "seed_coding.csv"
        _write_seed_coding(SEED_CODING, target)
        return target.read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args()
    data = _training_data()
    stale = []
    if not TRAINING_DATA.exists() or TRAINING_DATA.read_bytes() != data:
        stale.append(TRAINING_DATA)
        if not args.check:  # the bundled model below must train on the current coding
            TRAINING_DATA.write_bytes(data)
            print(f"wrote {TRAINING_DATA.relative_to(ROOT)}")
    page = build()
    if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != page:
        stale.append(OUTPUT)
        if not args.check:
            OUTPUT.write_text(page, encoding="utf-8")
            print(f"wrote {OUTPUT.relative_to(ROOT)}")
    if args.check:
        for path in stale:
            print(
                f"stale: {path.relative_to(ROOT)} (run: python docs/generate_validation.py)",
                file=sys.stderr,
            )
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
