"""Build the bundled classifiers (``framing/data/bundled_{axis}.model``) from the coded data.

Run from a source checkout, after any change to the built-in lexicon (the models' cue features
depend on it, and loading refuses a model built with another version of the lexicon)::

    python -m framing._build_model           # rebuild both models and the prior
    python -m framing._build_model --check   # exit 1 when a shipped file differs (CI)

Training data, gold-relevant sentences only (the scorer labels only relevant sentences):

- the seed coding shipped in the package (``framing/data/seed_coding.csv``, 196 of 225);
- the ``review-*`` constructed articles of ``tests/data/constructed/articles`` (a development
  set by its README).

The same command writes the built-in prior of ``FrameClassifier(prior='builtin')``
(``framing/data/prior_coding.csv``): the gold-relevant sentences of all 22 constructed articles
and of the 24 coverage articles (``tests/data/constructed/coverage``; split as ``framing.score``
splits them) and of the constructed development sentences
(``tests/data/constructed/dev/dev.csv``); the seed coding is read from the package at fit time.
The prior never holds the hard set (``tests/data/constructed/hard``, the blind measure) nor the
held-out sentences (``tests/data/constructed/sentences.csv``, whose README forbids fitting on
them).

Not used by the bundled models: the 300 held-out constructed sentences
(``tests/data/constructed/sentences.csv``, a measurement instrument only) and the
``heldout-*`` articles, kept for measuring the model.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._classify import (
    BUNDLED_SETTINGS,
    PRIOR_FILE,
    FrameClassifier,
    _read_model_file,
    _relevant_seed_sentences,
)
from ._corpus import load_corpus
from ._files import atomic_path
from ._scoring import score
from .errors import FramingWarning

__all__ = ["bundled_training_data", "prior_coding", "build", "main"]

_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = _ROOT / "tests" / "data" / "constructed" / "articles"
COVERAGE = _ROOT / "tests" / "data" / "constructed" / "coverage"
DEV = _ROOT / "tests" / "data" / "constructed" / "dev" / "dev.csv"
AXES = ("power", "bond")


def bundled_training_data() -> pd.DataFrame:
    """The coded sentences the bundled models learn from: ``doc_id, text, power, bond``.

    Raises
    ------
    FileNotFoundError
        Not a source checkout (the constructed articles are not installed with the package).
    """
    review = _coded_articles(ARTICLES, ("review",))
    return pd.concat([_relevant_seed_sentences(), review], ignore_index=True)


def _coded_articles(folder: Path, sets: tuple[str, ...]) -> pd.DataFrame:
    """Gold-relevant sentences of the constructed articles of ``sets`` in ``folder``: ``doc_id,
    text, power, bond``, split as ``framing.score`` splits them."""
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    coding = pd.read_csv(folder / "coding.csv", dtype=str, keep_default_na=False)
    articles = articles[articles["set"].isin(sets)]
    coding = coding[coding["doc_id"].isin(articles["doc_id"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        sents = score(load_corpus(articles[["doc_id", "text"]]))
    coding["sent_id"] = coding["sent_id"].astype("int64")
    coded = sents[["doc_id", "sent_id", "text"]].merge(coding, on=["doc_id", "sent_id"])
    if len(coded) != len(sents) or len(coded) != len(coding):
        raise RuntimeError(
            "the constructed articles no longer split as coded; check "
            "tests/test_constructed_articles.py"
        )
    coded = coded[coded["relevant"] == "yes"]
    return coded[["doc_id", "text", "power", "bond"]].reset_index(drop=True)


def prior_coding() -> pd.DataFrame:
    """The constructed part of the built-in prior: ``source, doc_id, text, power, bond``.

    Raises
    ------
    FileNotFoundError
        Not a source checkout.
    """
    articles = _coded_articles(ARTICLES, ("review", "heldout")).assign(source="articles")
    coverage = _coded_articles(COVERAGE, ("coverage",)).assign(source="coverage")
    dev = pd.read_csv(DEV, dtype=str, keep_default_na=False)
    dev = dev[dev["relevant"] == "yes"].rename(columns={"id": "doc_id"}).assign(source="dev")
    columns = ["source", "doc_id", "text", "power", "bond"]
    return pd.concat([articles[columns], coverage[columns], dev[columns]], ignore_index=True)


def _write_prior(target: Path) -> Path:
    with atomic_path(target) as temporary:
        prior_coding().to_csv(temporary, index=False, lineterminator="\n", encoding="utf-8")
    return target


def build(folder: Path) -> list[Path]:
    """Train the bundled model of every axis and save it into ``folder``."""
    data = bundled_training_data()
    paths = []
    for axis in AXES:
        model = FrameClassifier(axis=axis, **BUNDLED_SETTINGS)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingWarning)
            model.fit(data["text"].tolist(), data[axis].tolist())
        paths.append(model.save(folder / f"bundled_{axis}.model"))
    return paths


def _same(a: Path, b: Path) -> bool:
    """Same description, and numbers equal up to floating-point noise across platforms."""
    meta_a, arrays_a = _read_model_file(a)
    meta_b, arrays_b = _read_model_file(b)
    temperatures = (meta_a["fitted"].pop("temperature"), meta_b["fitted"].pop("temperature"))
    return (
        meta_a == meta_b
        and bool(np.isclose(*temperatures, rtol=1e-6))
        and _arrays_same(arrays_a, arrays_b)
    )


def _arrays_same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    for name in a:
        x, y = a[name], b[name]
        if x.shape != y.shape or x.dtype.kind != y.dtype.kind:
            return False
        if x.dtype.kind == "f":
            if not np.allclose(x, y, rtol=1e-6, atol=1e-9):
                return False
        elif not np.array_equal(x, y):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild the bundled models, or ``--check`` that they are up to date."""
    parser = argparse.ArgumentParser(prog="python -m framing._build_model", description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and compare with the shipped models",
    )
    args = parser.parse_args(argv)
    shipped = Path(str(resources.files("framing") / "data"))
    if not args.check:
        for path in [_write_prior(shipped / PRIOR_FILE), *build(shipped)]:
            print(f"wrote {path.relative_to(_ROOT) if path.is_relative_to(_ROOT) else path}")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        prior = _write_prior(Path(folder) / PRIOR_FILE)
        stale = [
            path.name for path in build(Path(folder))
            if not (shipped / path.name).is_file() or not _same(path, shipped / path.name)
        ]  # fmt: skip
        if not (shipped / PRIOR_FILE).is_file() or (
            (shipped / PRIOR_FILE).read_bytes() != prior.read_bytes()
        ):
            stale.append(PRIOR_FILE)
    if stale:
        print(
            f"bundled model(s) or prior out of date: {', '.join(stale)}; rebuild with "
            "python -m framing._build_model and commit the result",
            file=sys.stderr,
        )
        return 1
    print("bundled models and prior are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
