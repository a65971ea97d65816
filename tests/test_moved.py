"""The old module paths (framing.scoring, framing.clean, ...): private modules now, the old paths
still work with a DeprecationWarning, and the package's names stay the functions."""

import importlib
import inspect
from pathlib import Path

import pytest

import framing
from framing._moved import MOVED as ALL_MOVED

MOVED = {"clean": "clean_corpus", "compare": "Comparison", "keyness": "TOKEN_PATTERN",
         "tally": "TALLY_COUNTS"}  # fmt: skip
#: One name each old path was used for in code written before the move (docs, notebooks).
USED = {
    "classify": "FrameClassifier", "coding": "read_coding", "corpus": "load_corpus",
    "dyad": "DyadMatcher", "lexicon": "Lexicon", "plots": "learning_curve_figure",
    "report": "write_report", "scoring": "cues_from_json", "stats": "benjamini_hochberg",
    "stream": "iter_corpus", "text": "split_sentences", "validate": "evaluate",
    "voice": "attribute_voice",
}  # fmt: skip


@pytest.mark.parametrize(("module", "name"), MOVED.items())
def test_an_old_path_gives_the_same_object_with_a_warning(module, name):
    old = importlib.import_module(f"framing.{module}")
    new = importlib.import_module(f"framing._{module}")
    with pytest.warns(DeprecationWarning, match=rf"framing\.{module}\.{name}: .*private") as seen:
        value = getattr(old, name)
    assert value is getattr(new, name)
    # the warning points at the caller, not at framing's own code
    assert seen[0].filename == __file__
    assert inspect.isfunction(getattr(framing, module))


def test_the_warning_names_the_public_spelling_or_the_new_private_path():
    old = importlib.import_module("framing.tally")
    with pytest.warns(DeprecationWarning, match=r"use framing\.merge_tallies\."):
        old.merge_tallies  # noqa: B018
    with pytest.warns(DeprecationWarning, match=r"use framing\._tally\._BATCH_ROWS \(private\)"):
        old._BATCH_ROWS  # noqa: B018


def test_a_missing_name_is_an_attribute_error_of_the_old_path():
    old = importlib.import_module("framing.clean")
    with pytest.raises(AttributeError, match="module 'framing.clean' has no attribute 'nope'"):
        old.nope  # noqa: B018


def test_clean_corpus_is_public():
    corpus = framing.Corpus.from_texts(["Xi met Putin.\nLeave a comment"])
    assert list(framing.clean_corpus(corpus)) == ["doc0001"]


def test_every_old_path_is_covered_and_has_no_file():
    package = Path(framing.__file__).parent
    assert set(ALL_MOVED) == set(MOVED) | set(USED)
    for old, new in ALL_MOVED.items():
        assert not (package / f"{old}.py").exists(), old
        assert (package / f"{new}.py").exists(), new


@pytest.mark.parametrize(("module", "name"), USED.items())
def test_old_module_paths_give_the_public_object_with_a_warning(module, name):
    with pytest.warns(DeprecationWarning, match=rf"framing\.{module}\.{name}: .* use framing\.{name}\."):
        value = getattr(importlib.import_module(f"framing.{module}"), name)
    assert value is getattr(framing, name)


def test_from_import_of_an_old_path_and_attribute_access_on_the_package():
    with pytest.warns(DeprecationWarning, match=r"framing\.scoring\.score: "):
        from framing.scoring import score
    assert score is framing.score
    with pytest.warns(DeprecationWarning, match=r"framing\.stats\.holm: "):
        assert framing.stats.holm is framing.holm


def test_the_finder_serves_only_the_old_paths():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("framing.no_such_module")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("framing.scoring.deeper")
