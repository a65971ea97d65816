"""The old module paths framing.clean, .compare, .keyness and .tally: private modules now, the
old paths still work with a DeprecationWarning, and the package's names stay the functions."""

import importlib
import inspect

import pytest

import framing

MOVED = {"clean": "clean_corpus", "compare": "Comparison", "keyness": "TOKEN_PATTERN",
         "tally": "TALLY_COUNTS"}  # fmt: skip


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
