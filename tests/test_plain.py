"""Plain numbers in messages: a numpy scalar reads as the value it holds (issue 16's slip)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from framing._compare import compare
from framing._plain import plain, shown, shown_list
from framing._validate import evaluate
from framing._validation import check_int
from framing.errors import ParameterError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.int64(2013), "2013"),
        (np.float32(0.5), "0.5"),
        (np.bool_(True), "True"),
        (np.str_("Xinhua"), "'Xinhua'"),
        (np.datetime64("2013-05-08"), "'2013-05-08'"),
        ("TASS", "'TASS'"),
        (2013, "2013"),
        (None, "None"),
    ],
    ids=["int64", "float32", "bool", "str_", "datetime64", "str", "int", "None"],
)
def test_shown_is_the_python_repr(value, expected):
    assert shown(value) == expected
    assert "np." not in shown(value)


def test_plain_keeps_other_values_and_lists():
    stamp = pd.Timestamp("2013-05-08")
    assert plain(stamp) is stamp
    assert type(plain(np.int64(3))) is int
    assert shown_list([np.int64(1), "a"]) == "1, 'a'"


def test_parameter_error_shows_plain_values():
    with pytest.raises(ParameterError) as info:
        check_int(np.int64(5), "n_resamples", min_val=100)
    assert str(info.value) == "n_resamples=5 is not allowed; expected an integer >= 100"
    assert info.value.value == 5 and isinstance(info.value.value, np.integer)  # kept as given
    error = ParameterError("year", np.int64(2015), (np.int64(2013), np.int64(2014)))
    assert str(error) == "year=2015 is not allowed; expected one of: 2013, 2014"


def test_compare_by_an_integer_column_names_years_plainly():
    """The slip of issue 16: 'no labelled sentence in np.int64(2013)' must read '... in 2013'."""
    labels = {  # constructed: year -> articles -> power labels
        2013: [["none", "none"], ["none"]],
        2014: [["equal", "junior", "equal"], ["junior", "equal"]],
        2015: [["junior", "junior"], ["equal", "junior", "junior"]],
    }
    rows = [
        (year, f"{year}-{d}", label)
        for year, docs in labels.items()
        for d, doc in enumerate(docs)
        for label in doc
    ]
    sents = pd.DataFrame(rows, columns=["year", "doc_id", "power_label"])
    sents = sents.assign(voice="narrator", relevant=True)
    assert isinstance(sents["year"].iloc[0], np.integer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cmp = compare(sents, by="year", axes=["power"], n_resamples=100, seed=0)
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("no_labels: year 2013 (power)") for m in messages), messages
    assert any("2013 vs 2014 (power)" in m for m in messages), messages
    skipped = cmp.pairwise[cmp.pairwise["p_value"].isna()]
    assert set(skipped["method"]) == {"skipped: no labelled sentence in 2013"}
    text = cmp.table("plain") + "".join(messages)
    assert "np." not in text and "int64" not in text


def test_evaluate_names_ids_plainly():
    predicted = pd.Series(["equal", "junior"], index=[1, 2])
    gold = pd.Series(["equal", "junior"], index=[1, 3])
    with pytest.raises(ValueError, match=r"not aligned: id 3 is in y_true but not in y_pred"):
        evaluate(y_true=gold, y_pred=predicted)
