"""The lexicon on every coded set, before and after: the real-coverage section of validation.md.

``docs/generate_validation.py`` calls :func:`section` to write the section "The lexicon on
every coded set"; this module measures, it writes nothing. Run on its own it prints the
measures as CSV::

    python docs/validation_lexicon.py                 # the lexicon as it is now
    PYTHONPATH=OLD/src python docs/validation_lexicon.py > before.csv

The second form measures another checkout's framing (its code and its lexicon) on this tree's
coded data: that is how ``docs/data/lexicon_1.0.0.csv``, the "before" figures, was made, from a
checkout of commit f6bc661 (lexicon 1.0.0).

Measures, per set, over all its sentences (a sentence the scorer finds irrelevant counts as
``none``):

- ``relevance_f1``: F1 of ``relevant`` against the coding's ``relevant = yes``;
- ``<axis>_pole_f1``: the mean of the F1 of the axis's two poles (``none`` is no pole: it counts
  in precision and recall but is not averaged), with each pole's precision and recall;
- ``voice_framed``: share of the sentences the coding frames on either axis whose ``voice`` is
  the coding's.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import f1_score, precision_score, recall_score

ROOT = Path(__file__).resolve().parent.parent
CONSTRUCTED = ROOT / "tests" / "data" / "constructed"
BEFORE = ROOT / "docs" / "data" / "lexicon_1.0.0.csv"
AXES = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
SETS = {
    "seeds": "seeds (5 real articles, 225 sentences; double-coded; in-sample)",
    "held_out_sentences": "held-out constructed sentences (300; one coder)",
    "articles_review": "constructed articles, review set (106; one coder; development)",
    "articles_held_out": "constructed articles, held-out set (98; one coder)",
    "hard": "hard constructed articles (249; double-coded blind; measurement only)",
    "coverage": "coverage constructed articles (422; double-coded blind; classifier prior)",
    "dev": "development sentences without labels (300; one coder; development)",
}


def _seeds(framing) -> pd.DataFrame:
    sents = framing.score(framing.load_corpus(ROOT / "seeds"))
    gold = pd.read_csv(ROOT / "seeds" / "annotations" / "sentences.csv", keep_default_na=False)
    gold = gold[["doc_id", "sent_id", *(f"gold_{k}" for k in ("relevant", *AXES, "voice"))]]
    return sents.merge(gold, on=["doc_id", "sent_id"], validate="1:1")


def _sentences(framing, path: Path) -> pd.DataFrame:
    """Single coded sentences, each scored as a document of its own (its first sentence)."""
    coded = pd.read_csv(path, keep_default_na=False)
    sents = framing.score(list(coded["text"]))
    first = sents.groupby("doc_id", sort=False).first().reset_index()
    first = first.drop(columns=["text"]).reset_index(drop=True)
    gold = coded[["relevant", *AXES, "voice"]].add_prefix("gold_")
    return pd.concat([first, gold], axis=1)


def _articles(framing, folder: Path, prefix: str | None = None) -> pd.DataFrame:
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    if prefix is not None:
        articles = articles[articles["doc_id"].str.startswith(prefix)]
    coding = pd.read_csv(folder / "coding.csv", keep_default_na=False)
    coding = coding[["doc_id", "sent_id", "relevant", *AXES, "voice"]]
    coding = coding.rename(columns={c: f"gold_{c}" for c in ("relevant", *AXES, "voice")})
    sents = framing.score(articles[["doc_id", "text"]])
    return sents.merge(coding, on=["doc_id", "sent_id"], validate="1:1")


def scored_sets(framing) -> dict[str, pd.DataFrame]:
    """Every coded set, scored by ``framing`` and joined to its coding (``gold_*`` columns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "seeds": _seeds(framing),
            "held_out_sentences": _sentences(framing, CONSTRUCTED / "sentences.csv"),
            "articles_review": _articles(framing, CONSTRUCTED / "articles", "review-"),
            "articles_held_out": _articles(framing, CONSTRUCTED / "articles", "heldout-"),
            "hard": _articles(framing, CONSTRUCTED / "hard"),
            "coverage": _articles(framing, CONSTRUCTED / "coverage"),
            "dev": _sentences(framing, CONSTRUCTED / "dev" / "dev.csv"),
        }


def measures(frame: pd.DataFrame) -> dict[str, float]:
    """The measures of one scored and coded set (see the module docstring)."""
    out: dict[str, float] = {"n": len(frame)}
    gold_relevant = frame["gold_relevant"].astype(str).str.lower().isin(["yes", "true"])
    out["relevance_f1"] = f1_score(gold_relevant, frame["relevant"].astype(bool))
    for axis, poles in AXES.items():
        gold, predicted = frame[f"gold_{axis}"], frame[f"{axis}_label"]
        f1 = f1_score(gold, predicted, labels=list(poles), average=None, zero_division=0)
        precision = precision_score(gold, predicted, labels=list(poles), average=None,
                                    zero_division=0)  # fmt: skip
        recall = recall_score(gold, predicted, labels=list(poles), average=None, zero_division=0)
        out[f"{axis}_pole_f1"] = float(np.mean(f1))
        for pole, p, r in zip(poles, precision, recall, strict=True):
            out[f"{pole}_precision"], out[f"{pole}_recall"] = float(p), float(r)
    framed = (frame["gold_power"] != "none") | (frame["gold_bond"] != "none")
    out["n_framed"] = int(framed.sum())
    out["voice_framed"] = float((frame["gold_voice"] == frame["voice"])[framed].mean())
    return out


def outlet_spearman(seeds: pd.DataFrame) -> dict[str, float]:
    """Spearman correlation, over the seed outlets, of each axis's balance from the labels and
    from the gold coding: does the method rank the outlets as the coders do?"""
    out = {}
    for axis, (first, second) in AXES.items():
        balances = []
        for column in (f"{axis}_label", f"gold_{axis}"):
            counts = seeds.groupby("outlet")[column].agg(
                lambda v, a=first, b=second: ((v == a).sum() - (v == b).sum())
                / max(1, (v == a).sum() + (v == b).sum())
            )
            balances.append(counts.sort_index())
        out[axis] = float(spearmanr(*balances).statistic)
    return out


def measure_all(framing) -> pd.DataFrame:
    """One row per set, plus the seeds' outlet correlations as two rows of their own."""
    sets = scored_sets(framing)
    rows = [{"set": name, **measures(frame)} for name, frame in sets.items()]
    spearman = outlet_spearman(sets["seeds"])
    rows += [{"set": f"seeds_outlet_spearman_{axis}", "value": v} for axis, v in spearman.items()]
    return pd.DataFrame(rows)


def coder_agreement(framing, folder: Path) -> list[str]:
    """A double-coded set's two blind codings against each other and the adjudicated coding."""
    read = {
        name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("coder1", "coder2", "coding")
    }
    rows = ["| variable | units | agreement | Krippendorff's alpha | adjudicated | "
            "coder 1 = final | coder 2 = final |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for column in ("relevant", *AXES, "voice"):
        one, two, final = (read[k][column] for k in ("coder1", "coder2", "coding"))
        alpha = framing.krippendorff_alpha([list(one), list(two)])
        agree_one, agree_two = (one == final).mean(), (two == final).mean()
        rows.append(
            f"| {column} | {len(one)} | {(one == two).mean():.3f} | {alpha:.3f} | "
            f"{int((one != two).sum())} | {agree_one:.3f} | {agree_two:.3f} |"
        )
    return rows


def _fmt(value: float) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:.2f}"


def section(framing, lexicon_version: str) -> list[str]:
    """Markdown lines of the section, the lexicon now beside the stored 1.0.0 figures."""
    now = measure_all(framing).set_index("set")
    before = pd.read_csv(BEFORE).set_index("set")
    columns = [
        ("relevance_f1", "relevance F1"), ("power_pole_f1", "power pole-F1"),
        ("bond_pole_f1", "bond pole-F1"), ("convenience_recall", "convenience recall"),
        ("friendship_precision", "friendship precision"), ("voice_framed", "voice (framed)"),
    ]  # fmt: skip
    table = ["| set | lexicon | " + " | ".join(label for _, label in columns) + " |",
             "|---|---|" + "---|" * len(columns)]  # fmt: skip
    for name, title in SETS.items():
        for version, frame in (("1.0.0", before), (lexicon_version, now)):
            cells = [_fmt(frame.loc[name, key]) for key, _ in columns]
            table.append(f"| {title} | {version} | " + " | ".join(cells) + " |")
    detail = ["| set | lexicon | equal P / R | junior P / R | friendship P / R | "
              "convenience P / R |", "|---|---|---|---|---|---|"]  # fmt: skip
    for name, title in SETS.items():
        for version, frame in (("1.0.0", before), (lexicon_version, now)):
            row = frame.loc[name]
            pairs = [f"{_fmt(row[f'{p}_precision'])} / {_fmt(row[f'{p}_recall'])}"
                     for poles in AXES.values() for p in poles]  # fmt: skip
            detail.append(f"| {title} | {version} | " + " | ".join(pairs) + " |")
    rho = {v: {axis: frame.loc[f"seeds_outlet_spearman_{axis}", "value"] for axis in AXES}
           for v, frame in (("1.0.0", before), (lexicon_version, now))}  # fmt: skip
    return [
        "## The lexicon on every coded set, before and after",
        "",
        "Issue #14 rebuilt the lexicon for the way real coverage writes about the relationship",
        "(the families are in [coverage.md](coverage.md)). Lexicon 1.0.0 is the one of commit",
        "f6bc661, measured with that commit's code on today's coded data",
        "(`docs/data/lexicon_1.0.0.csv`, made by `docs/validation_lexicon.py`, whose docstring",
        f"gives the command); {lexicon_version} is the lexicon and code of this page. Measures",
        "over all sentences of a set (an irrelevant sentence counts as `none`): relevance F1; per",
        "axis the mean F1 of its two poles (pole-F1); convenience recall and friendship",
        "precision, the two figures that were weakest on real coverage; voice accuracy on the",
        "sentences the coding frames.",
        "",
        "Which sets could shape the lexicon: the **seeds** are in-sample (the cues were written",
        "with them in view); the **development** sets (review articles, development sentences)",
        "had their errors read and fixed; the **held-out** constructed sets had a few choices",
        "checked on them in earlier rounds (their READMEs say which); the **hard** set was",
        "written and double-coded blind for this issue and only measured: its aggregate figures",
        "were printed while the lexicon was built, its sentences and errors were not read.",
        "The **coverage** set was written and double-coded blind for issue #15, after the",
        "lexicon was built, and never used for it (it is part of the classifier's prior).",
        "",
        *table,
        "",
        "The hard set's coders, each blind to the other, the lexicon and every score",
        "(`tests/data/constructed/hard/coder1.csv`, `coder2.csv`; adjudicated `coding.csv`):",
        "",
        *coder_agreement(framing, CONSTRUCTED / "hard"),
        "",
        "The coverage set's coders, likewise (`tests/data/constructed/coverage/`):",
        "",
        *coder_agreement(framing, CONSTRUCTED / "coverage"),
        "",
        "Precision and recall of each pole:",
        "",
        *detail,
        "",
        "Do the labels rank the seed outlets as the coders' labels do? Spearman correlation of",
        "the five outlets' balances (lexicon labels against gold labels, sentence counts):",
        f"power {rho['1.0.0']['power']:.2f} with 1.0.0 and {rho[lexicon_version]['power']:.2f} "
        f"now; bond {rho['1.0.0']['bond']:.2f} and {rho[lexicon_version]['bond']:.2f}. With",
        "five outlets and a handful of power labels each (NPR has two), one sentence moves a",
        "rank: read these as a check, not a measure.",
        "",
    ]


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    import framing  # the one PYTHONPATH finds first: another checkout's, when measuring "before"

    measure_all(framing).to_csv(sys.stdout, index=False, float_format="%.6f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
