"""Tests of framing._validate: precision/recall/F1, Cohen's kappa, Krippendorff's alpha."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import interval_distance
from sklearn.metrics import accuracy_score, cohen_kappa_score, precision_recall_fscore_support
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from framing._validate import (
    MACRO,
    cohen_kappa,
    confusion_matrix,
    evaluate,
    krippendorff_alpha,
)
from framing.errors import InputError, ParameterError

COLUMNS = ["label", "precision", "recall", "f1", "support", "accuracy", "kappa", "alpha", "n"]

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers,
# twelve units, missing values (None). Published: nominal .743, ordinal .815, interval .849,
# ratio .797.
_K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def _nltk_task(data, distance=None) -> AnnotationTask:
    triples = [
        (f"c{c}", f"u{u}", value)
        for c, row in enumerate(data)
        for u, value in enumerate(row)
        if value is not None and not (isinstance(value, float) and np.isnan(value))
    ]
    return AnnotationTask(triples) if distance is None else AnnotationTask(triples, distance)


# --------------------------------------------------------------------------- Krippendorff's alpha


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_worked_example(level, published):
    assert krippendorff_alpha(_K2011, level=level) == pytest.approx(published, abs=5e-4)


def test_krippendorff_2011_against_nltk():
    assert krippendorff_alpha(_K2011) == pytest.approx(_nltk_task(_K2011).alpha(), rel=1e-12)
    assert krippendorff_alpha(_K2011, level="interval") == pytest.approx(
        _nltk_task(_K2011, interval_distance).alpha(), rel=1e-12
    )


def test_krippendorff_hand_computed_small_case():
    # Three coders, four units ("a"/"b"), one code missing.
    data = [
        ["a", "a", "b", "b"],
        ["a", "a", "b", None],
        ["a", "b", "b", "b"],
    ]
    # Pairable codes per unit: u1 a,a,a (m=3); u2 a,a,b (m=3); u3 b,b,b (m=3); u4 b,b (m=2).
    # Coincidences, each unit's ordered pairs divided by m_u - 1:
    #   u1: (a,a) 3*2 = 6 pairs / 2 = 3
    #   u2: (a,a) 2*1 = 2 / 2 = 1;  (a,b) 2*1 = 2 / 2 = 1;  (b,a) 1
    #   u3: (b,b) 6 / 2 = 3
    #   u4: (b,b) 2 / 1 = 2
    # o_aa = 4, o_ab = o_ba = 1, o_bb = 5;  n_a = 5, n_b = 6, n = 11.
    # alpha = 1 - (n - 1) (o_ab + o_ba) / (n_a n_b + n_b n_a) = 1 - 10 * 2 / 60 = 2/3.
    assert krippendorff_alpha(data) == pytest.approx(2 / 3, rel=1e-12)
    assert krippendorff_alpha(data) == pytest.approx(_nltk_task(data).alpha(), rel=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_krippendorff_random_against_nltk(seed):
    rng = np.random.default_rng(seed)
    n_coders, n_units = rng.integers(2, 6), rng.integers(5, 40)
    truth = rng.integers(0, 4, size=n_units)
    codes = np.where(rng.random((n_coders, n_units)) < 0.7, truth, rng.integers(0, 4, n_units))
    data = codes.astype(object)
    data[rng.random(data.shape) < 0.2] = None
    data = [[None if v is None else f"L{v}" for v in row] for row in data]
    assert krippendorff_alpha(data) == pytest.approx(_nltk_task(data).alpha(), rel=1e-9)


def test_krippendorff_dataframe_and_nan_missing():
    frame = pd.DataFrame(_K2011, dtype=float)  # None -> NaN
    assert frame.isna().sum().sum() == 7
    assert krippendorff_alpha(frame) == pytest.approx(krippendorff_alpha(_K2011), rel=1e-12)
    assert krippendorff_alpha(frame.to_numpy(), level="interval") == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_undefined_cases_are_nan():
    assert np.isnan(krippendorff_alpha([["a", "a", "a"], ["a", "a", "a"]]))  # no variation
    assert np.isnan(krippendorff_alpha([["a", None], [None, "b"]]))  # nothing pairable
    assert np.isnan(krippendorff_alpha([[None, None], [None, None]]))
    assert np.isnan(krippendorff_alpha(np.empty((2, 0), dtype=object)))
    assert krippendorff_alpha([["a", "b"], ["a", "b"]]) == 1.0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["x", "y", "z", None]), min_size=6, max_size=6),
        min_size=2,
        max_size=4,
    )
)
def test_krippendorff_properties(rows):
    alpha = krippendorff_alpha(rows)
    reference = _nltk_task(rows)
    if np.isnan(alpha):
        return
    assert alpha <= 1.0 + 1e-12
    assert alpha == pytest.approx(reference.alpha(), rel=1e-9, abs=1e-12)
    # Renaming codes and reordering coders change nothing.
    renamed = [[None if v is None else v.upper() for v in row] for row in rows[::-1]]
    assert krippendorff_alpha(renamed) == pytest.approx(alpha, rel=1e-12, abs=1e-12)


def test_krippendorff_bad_input():
    with pytest.raises(ParameterError) as info:
        krippendorff_alpha(_K2011, level="binary")
    assert info.value.name == "level"
    with pytest.raises(InputError, match="numeric"):
        krippendorff_alpha([["a", "b"], ["a", "c"]], level="interval")
    with pytest.raises(InputError, match="different lengths"):
        krippendorff_alpha([["a", "b"], ["a"]])
    with pytest.raises(InputError):
        krippendorff_alpha("ab")
    with pytest.raises(InputError):
        krippendorff_alpha([1, 2, 3])
    with pytest.raises(InputError, match="ratio"):
        krippendorff_alpha([[-1, 2], [1, 2]], level="ratio")


# --------------------------------------------------------------------------- evaluate


def _random_labels(seed: int, n: int = 200):
    rng = np.random.default_rng(seed)
    poles = np.array(["equal", "junior", "none"])
    gold = poles[rng.choice(3, size=n, p=[0.3, 0.2, 0.5])]
    noise = poles[rng.integers(0, 3, size=n)]
    predicted = np.where(rng.random(n) < 0.6, gold, noise)
    return predicted.tolist(), gold.tolist()


@pytest.mark.parametrize("seed", range(4))
def test_evaluate_against_sklearn_and_nltk(seed):
    predicted, gold = _random_labels(seed)
    labels = ["equal", "junior", "none"]
    result = evaluate(y_true=gold, y_pred=predicted)
    assert list(result.columns) == COLUMNS
    assert result["label"].tolist() == [*labels, MACRO]
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    per_label = result.iloc[:3]
    np.testing.assert_allclose(per_label["precision"], p, rtol=1e-12)
    np.testing.assert_allclose(per_label["recall"], r, rtol=1e-12)
    np.testing.assert_allclose(per_label["f1"], f, rtol=1e-12)
    np.testing.assert_array_equal(per_label["support"], s)
    mp, mr, mf, _ = precision_recall_fscore_support(gold, predicted, average="macro")
    macro = result.iloc[3]
    assert (macro["precision"], macro["recall"], macro["f1"]) == pytest.approx((mp, mr, mf))
    assert macro["support"] == len(gold) == macro["n"]
    assert macro["accuracy"] == pytest.approx(accuracy_score(gold, predicted))
    assert macro["kappa"] == pytest.approx(cohen_kappa_score(predicted, gold), rel=1e-12)
    task = _nltk_task([predicted, gold])
    assert macro["alpha"] == pytest.approx(task.alpha(), rel=1e-12)
    assert macro["kappa"] == pytest.approx(task.kappa(), rel=1e-12)
    assert result["kappa"].nunique() == 1 and result["n"].eq(len(gold)).all()


def test_evaluate_zero_division_rule_matches_sklearn_nan():
    # "junior" is never predicted and "other" is listed but used by nobody.
    gold = ["equal", "junior", "junior", "none", "none"]
    predicted = ["equal", "none", "equal", "none", "none"]
    labels = ["equal", "junior", "none", "other"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = evaluate(y_true=gold, y_pred=predicted, labels=labels).set_index("label")
    junior, other = result.loc["junior"], result.loc["other"]
    assert np.isnan(junior["precision"]) and junior["recall"] == 0 and junior["f1"] == 0
    assert np.isnan(other["precision"]) and np.isnan(other["recall"]) and np.isnan(other["f1"])
    assert other["support"] == 0
    sk = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=np.nan)
    np.testing.assert_allclose(result["precision"].iloc[:4], sk[0], equal_nan=True)
    np.testing.assert_allclose(result["recall"].iloc[:4], sk[1], equal_nan=True)
    np.testing.assert_allclose(result["f1"].iloc[:4], sk[2], equal_nan=True)
    sk_macro = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=np.nan, average="macro"
    )
    # Macro averages skip undefined values: precision over equal (1 of 2) and none (2 of 3).
    assert result.loc[MACRO, "precision"] == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert result.loc[MACRO, "precision"] == pytest.approx(sk_macro[0])
    assert result.loc[MACRO, "recall"] == pytest.approx(sk_macro[1])
    assert result.loc[MACRO, "f1"] == pytest.approx(sk_macro[2])


def test_evaluate_hand_computed():
    # Constructed labels.
    gold = ["a", "a", "a", "b", "b", "c"]
    predicted = ["a", "a", "b", "b", "c", "c"]
    result = evaluate(y_true=gold, y_pred=predicted).set_index("label")
    # a: tp 2, predicted 2, gold 3 -> precision 1, recall 2/3, f1 4/5
    # b: tp 1, predicted 2, gold 2 -> 1/2, 1/2, 1/2;  c: tp 1, predicted 2, gold 1 -> 1/2, 1, 2/3
    np.testing.assert_allclose(result["precision"], [1, 0.5, 0.5, 2 / 3])
    np.testing.assert_allclose(result["recall"], [2 / 3, 0.5, 1, (2 / 3 + 0.5 + 1) / 3])
    np.testing.assert_allclose(result["f1"], [0.8, 0.5, 2 / 3, (0.8 + 0.5 + 2 / 3) / 3])
    # accuracy 4/6; p_e = (2*3 + 2*2 + 2*1) / 36 = 12/36; kappa = (4/6 - 1/3) / (2/3) = 1/2
    assert result["accuracy"].iloc[0] == pytest.approx(4 / 6)
    assert result["kappa"].iloc[0] == pytest.approx(0.5)
    # alpha: coincidences o = C + C^T; n = 12; n_a = 5, n_b = 4, n_c = 3;
    # disagreeing pairs 2 * (1 + 1) = 4;  sum_{c != k} n_c n_k = 144 - 25 - 16 - 9 = 94
    # alpha = 1 - 11 * 4 / 94 = 0.5319149
    assert result["alpha"].iloc[0] == pytest.approx(1 - 44 / 94)


def test_evaluate_series_aligned_by_index():
    predicted, gold = _random_labels(7, n=50)
    ids = [f"s{i}" for i in range(50)]
    gold_s = pd.Series(gold, index=ids)
    pred_s = pd.Series(predicted, index=ids).sample(frac=1.0, random_state=1)
    expected = evaluate(y_true=gold, y_pred=predicted)
    pd.testing.assert_frame_equal(evaluate(y_true=gold_s, y_pred=pred_s), expected)
    # A Series and a list are matched by position.
    shuffled = pd.Series(predicted, index=ids[::-1])
    pd.testing.assert_frame_equal(evaluate(y_true=gold, y_pred=shuffled), expected)


def test_misaligned_ids_name_the_first_mismatch():
    gold = pd.Series(["a", "b", "a"], index=["s1", "s2", "s3"])
    predicted = pd.Series(["a", "b", "a"], index=["s1", "s9", "s3"])
    with pytest.raises(InputError, match="id 's2' is in y_true but not in y_pred"):
        evaluate(y_true=gold, y_pred=predicted)
    with pytest.raises(InputError, match="more than once"):
        evaluate(
            y_true=pd.Series(["a", "b"], index=["s1", "s2"]),
            y_pred=pd.Series(["a", "b"], index=["s1", "s1"]),
        )


def test_different_lengths_name_the_lengths():
    with pytest.raises(InputError, match="different lengths: 2 and 3"):
        evaluate(y_true=["a", "b", "a"], y_pred=["a", "b"])
    with pytest.raises(InputError, match="different lengths: 3 and 2"):
        evaluate(y_true=pd.Series(["a", "b"]), y_pred=pd.Series(["a", "b", "a"]))


def test_labels_outside_the_list_are_listed():
    with pytest.raises(InputError) as info:
        evaluate(
            y_true=["equal", "junior", "none"],
            y_pred=["equal", "junoir", "x"],
            labels=("equal", "junior", "none"),
        )
    assert "y_pred" in str(info.value) and "'junoir', 'x'" in str(info.value)
    with pytest.raises(InputError, match="y_true has labels"):
        evaluate(y_true=["bogus"], y_pred=["equal"], labels=["equal"])


@pytest.mark.parametrize(
    ("predicted", "gold", "match"),
    [
        (["a", None], ["a", "b"], "y_pred has 1 missing labels, the first at position 1"),
        (["a", "b"], ["a", float("nan")], "y_true has 1 missing"),
        ("ab", ["a", "b"], "single string"),
        (["a", "b"], 3, "sequence"),
        ([["a"], ["b"]], ["a", "b"], "hashable"),
    ],
)
def test_bad_label_input(predicted, gold, match):
    with pytest.raises(InputError, match=match):
        evaluate(y_true=gold, y_pred=predicted)


def test_unhashable_labels_with_label_list():
    with pytest.raises(InputError, match="hashable"):
        evaluate(y_true=["a", "b"], y_pred=[["a"], ["b"]], labels=["a", "b"])


def test_missing_label_in_series_names_the_id():
    gold = pd.Series(["a", None], index=["s1", "s2"])
    with pytest.raises(InputError, match="id 's2'"):
        evaluate(y_true=gold, y_pred=pd.Series(["a", "b"], index=["s1", "s2"]))


@pytest.mark.parametrize("labels", [["a", "a"], ["a", "macro"], "ab"])
def test_bad_labels_option(labels):
    with pytest.raises(ParameterError) as info:
        evaluate(y_true=["a"], y_pred=["a"], labels=labels)
    assert info.value.name == "labels"


def test_empty_input_keeps_layout():
    empty = evaluate(y_true=[], y_pred=[])
    assert list(empty.columns) == COLUMNS
    assert empty["label"].tolist() == [MACRO]
    assert empty["n"].tolist() == [0] and empty[["f1", "kappa", "alpha"]].isna().all().all()
    listed = evaluate(y_true=[], y_pred=[], labels=["equal", "junior"])
    assert listed["label"].tolist() == ["equal", "junior", MACRO]
    assert listed["support"].tolist() == [0, 0, 0]
    assert listed["support"].dtype == np.int64 and listed["f1"].dtype == np.float64


def test_single_label_throughout_gives_nan_kappa_and_alpha():
    result = evaluate(y_true=["none"] * 4, y_pred=["none"] * 4)
    assert result["accuracy"].iloc[0] == 1.0
    assert np.isnan(result["kappa"].iloc[0]) and np.isnan(result["alpha"].iloc[0])
    assert np.isnan(cohen_kappa(["x", "x"], ["x", "x"]))


def test_input_not_mutated():
    gold = pd.Series(["a", "b", "a"], index=[3, 1, 2])
    predicted = pd.Series(["a", "a", "a"], index=[1, 2, 3])
    before = (gold.copy(), predicted.copy())
    evaluate(y_true=gold, y_pred=predicted)
    pd.testing.assert_series_equal(gold, before[0])
    pd.testing.assert_series_equal(predicted, before[1])


# --------------------------------------------------------------------------- kappa, confusion


@pytest.mark.parametrize("seed", range(4))
def test_cohen_kappa_against_sklearn_and_nltk(seed):
    a, b = _random_labels(seed, n=80)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), rel=1e-12)
    assert cohen_kappa(a, b) == pytest.approx(_nltk_task([a, b]).kappa(), rel=1e-12)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa(b, a), rel=1e-12)


def test_cohen_kappa_hand_computed():
    # Constructed: a = x x y y, b = x y y y. p_o = 3/4; p_e = (2*1 + 2*3) / 16 = 1/2.
    # kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    assert cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]) == 0.5


def test_confusion_matrix_against_sklearn():
    predicted, gold = _random_labels(3, n=60)
    labels = ["none", "junior", "equal", "other"]
    table = confusion_matrix(y_true=gold, y_pred=predicted, labels=labels)
    np.testing.assert_array_equal(
        table.to_numpy(), sk_confusion_matrix(gold, predicted, labels=labels)
    )
    assert table.index.name == "gold" and table.columns.name == "predicted"
    assert table.index.tolist() == labels == table.columns.tolist()
    assert table.to_numpy().sum() == 60 and table["other"].sum() == 0


def test_swapping_predicted_and_gold_swaps_precision_and_recall():
    predicted, gold = _random_labels(11, n=100)
    forward = evaluate(y_true=gold, y_pred=predicted)
    backward = evaluate(y_true=predicted, y_pred=gold)
    np.testing.assert_allclose(forward["precision"].iloc[:3], backward["recall"].iloc[:3])
    np.testing.assert_allclose(forward["f1"], backward["f1"])
    assert forward["kappa"].iloc[0] == pytest.approx(backward["kappa"].iloc[0], rel=1e-12)
    assert forward["alpha"].iloc[0] == pytest.approx(backward["alpha"].iloc[0], rel=1e-12)


# --------------------------------------------------------------------------- argument order


def test_keywords_of_the_old_order_warn_and_keep_their_meaning():
    predicted, gold = _random_labels(5, n=60)
    expected = evaluate(y_true=gold, y_pred=predicted)
    with pytest.warns(FutureWarning, match=r"write evaluate\(y_true=gold, y_pred=predicted\)"):
        pd.testing.assert_frame_equal(evaluate(predicted=predicted, gold=gold), expected)
    with pytest.warns(FutureWarning, match="deprecated"):
        pd.testing.assert_frame_equal(evaluate(predicted, gold=gold), expected)
    with pytest.warns(FutureWarning, match=r"write confusion_matrix\(y_true=gold"):
        old = confusion_matrix(gold=gold, predicted=predicted, labels=["equal", "junior", "none"])
    new = confusion_matrix(y_true=gold, y_pred=predicted, labels=["equal", "junior", "none"])
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(FutureWarning, match=r"write cohen_kappa\(y1=..., y2=...\)"):
        assert cohen_kappa(a=predicted, b=gold) == cohen_kappa(y1=predicted, y2=gold)


def test_positional_series_named_in_the_old_order_are_read_in_that_order():
    predicted, gold = _random_labels(6, n=60)
    expected = evaluate(y_true=gold, y_pred=predicted)
    for pred_name, gold_name in [("power_label", "power"), ("predicted", "gold"),
                                 ("bond", "gold_bond"), ("power_predicted", None)]:  # fmt: skip
        first, second = pd.Series(predicted, name=pred_name), pd.Series(gold, name=gold_name)
        with pytest.warns(FutureWarning, match="the Series names show the predictions first"):
            pd.testing.assert_frame_equal(evaluate(first, second), expected)
    # Named in the new order: read so, without a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = evaluate(pd.Series(gold, name="gold"), pd.Series(predicted, name="power_label"))
    pd.testing.assert_frame_equal(result, expected)


def test_positional_lists_are_read_in_sklearn_order_with_a_warning():
    predicted, gold = _random_labels(8, n=60)
    with pytest.warns(FutureWarning, match=r"as \(y_true, y_pred\), scikit-learn's order"):
        result = evaluate(gold, predicted)
    pd.testing.assert_frame_equal(result, evaluate(y_true=gold, y_pred=predicted))
    assert not result["precision"].equals(evaluate(y_true=predicted, y_pred=gold)["precision"])
    with warnings.catch_warnings():  # one keyword is enough to state the order
        warnings.simplefilter("error")
        pd.testing.assert_frame_equal(evaluate(gold, y_pred=predicted), result)
        assert cohen_kappa(gold, predicted) == cohen_kappa(y1=gold, y2=predicted)


@pytest.mark.parametrize(
    "call",
    [
        lambda: evaluate(y_true=["a"], gold=["a"]),
        lambda: evaluate(["a"], predicted=["a"]),
        lambda: evaluate(predicted=["a"]),
        lambda: confusion_matrix(["a"], ["a"], gold=["a"]),
    ],
    ids=["new-and-old", "twice", "one-missing", "three"],
)
def test_mixed_or_missing_arguments_are_type_errors(call):
    with pytest.raises(TypeError, match="takes y_true and y_pred"):
        call()
