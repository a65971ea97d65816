"""Tests of framing._stats against SciPy and hand-computed values.

Tolerances: results that use the same random draws as SciPy (cluster bootstrap, Monte Carlo
chi-square) or enumerate every permutation must agree to 1e-12; Monte Carlo results that draw
differently from SciPy are compared within a stated Monte Carlo error.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import framing._stats as framing_stats
from framing._stats import (
    balance,
    balance_interval,
    benjamini_hochberg,
    chi2_independence,
    cliffs_delta,
    cohens_h,
    difference_interval,
    holm,
    pairwise_permutation_tests,
    permutation_test_balance,
    permutation_test_groups,
)
from framing.errors import InsufficientDataError, ParameterError

# Per-article counts of two constructed groups (first pole, second pole).
A_FIRST = np.array([6, 2, 5, 0, 7, 3, 4, 1])
A_SECOND = np.array([1, 3, 1, 2, 0, 2, 2, 5])
B_FIRST = np.array([1, 0, 2, 3, 1, 2])
B_SECOND = np.array([3, 4, 2, 1, 5, 2])


def _ratio_statistic(first: np.ndarray, second: np.ndarray):
    """A SciPy statistic on article indices: the ratio estimator of the balance."""
    d = (first - second).astype(float)
    t = (first + second).astype(float)

    def statistic(index: np.ndarray, axis: int = -1) -> np.ndarray:
        index = index.astype(int)
        return d[index].sum(axis=axis) / t[index].sum(axis=axis)

    return statistic


# --------------------------------------------------------------------------------------------
# balance and intervals
# --------------------------------------------------------------------------------------------
def test_balance_hand_computed():
    assert balance(3, 1) == 0.5
    assert balance([3, 0], [1, 4]) == -0.25
    assert math.isnan(balance([0, 0], [0, 0]))


def test_t_interval_hand_computed():
    # d = [5, -1, 4, -2], t = [7, 5, 6, 2], theta = 6 / 20 = 0.3
    # leave-one-out balances (6 - d_i) / (20 - t_i) = 1/13, 7/15, 2/14, 8/18
    res = balance_interval([6, 2, 5, 0], [1, 3, 1, 2])
    loo = np.array([1 / 13, 7 / 15, 2 / 14, 8 / 18])
    se = math.sqrt(3 / 4 * ((loo - loo.mean()) ** 2).sum())
    q = stats.t.ppf(0.975, 3)
    spread = q * se / (1 - 0.3**2)
    assert res.estimate == pytest.approx(0.3)
    assert res.standard_error == pytest.approx(se, rel=1e-12)
    assert res.ci_low == pytest.approx(math.tanh(math.atanh(0.3) - spread), rel=1e-12)
    assert res.ci_high == pytest.approx(math.tanh(math.atanh(0.3) + spread), rel=1e-12)
    assert (res.method, res.unit, res.n_units) == ("t", "article", 4)


def test_t_interval_ignores_articles_without_labels():
    with_empty = balance_interval([6, 2, 0, 5, 0], [1, 3, 0, 1, 2])
    without = balance_interval([6, 2, 5, 0], [1, 3, 1, 2])
    assert with_empty == without


def test_sentence_t_interval_is_logit_wald_with_t():
    # 12 first-pole and 4 second-pole sentences, each sentence its own unit: leaving out a
    # first-pole sentence gives 7/15, a second-pole one 9/15; their mean is 0.5
    res = balance_interval([12], [4], unit="sentence")
    theta, n = 0.5, 16
    se = math.sqrt(15 / 16 * (12 * (7 / 15 - 0.5) ** 2 + 4 * (9 / 15 - 0.5) ** 2))
    q = stats.t.ppf(0.975, n - 1)
    assert res.ci_low == pytest.approx(math.tanh(math.atanh(theta) - q * se / 0.75), rel=1e-12)
    assert res.ci_high == pytest.approx(math.tanh(math.atanh(theta) + q * se / 0.75), rel=1e-12)
    assert (res.unit, res.n_units) == ("sentence", 16)


@pytest.mark.parametrize(
    ("first", "second", "unit"),
    [([5, 3, 4], [0, 0, 0], "article"), ([2, 2], [2, 2], "article"), ([7], [0], "sentence")],
    ids=["all-first-pole", "no-variation-between-articles", "single-document-one-pole"],
)
def test_wilson_fallback_matches_scipy(first, second, unit):
    res = balance_interval(first, second, unit=unit)
    n_first, n = sum(first), sum(first) + sum(second)
    ref = stats.binomtest(n_first, n).proportion_ci(0.95, method="wilson")
    assert res.method == "wilson"
    assert res.ci_low == pytest.approx(2 * ref.low - 1, abs=1e-12)
    assert res.ci_high == pytest.approx(2 * ref.high - 1, abs=1e-12)
    assert res.ci_low <= res.estimate <= res.ci_high
    assert res.ci_high > res.ci_low  # never a zero-width interval


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_cluster_bootstrap_matches_scipy(method):
    res = balance_interval(A_FIRST, A_SECOND, method=method, n_resamples=2000, seed=42)
    ref = stats.bootstrap(
        (np.arange(A_FIRST.size, dtype=float),),
        _ratio_statistic(A_FIRST, A_SECOND),
        n_resamples=2000,
        method="BCa" if method == "bca" else "percentile",
        vectorized=True,
        rng=np.random.default_rng(42),
    )
    np.testing.assert_allclose(res.distribution, ref.bootstrap_distribution, rtol=1e-12)
    assert res.ci_low == pytest.approx(ref.confidence_interval.low, rel=1e-12)
    assert res.ci_high == pytest.approx(ref.confidence_interval.high, rel=1e-12)
    assert res.standard_error == pytest.approx(ref.standard_error, rel=1e-12)
    assert res.method == method


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_sentence_bootstrap_close_to_scipy(method):
    # 30 first-pole and 14 second-pole sentences of one document. SciPy resamples sentences,
    # we draw the count from a binomial: same law, different draws. The bootstrap law sits on
    # atoms 2/44 apart, so with 20,000 resamples the interval ends agree within one atom.
    values = np.r_[np.ones(30), -np.ones(14)]
    ref = stats.bootstrap(
        (values,),
        np.mean,
        n_resamples=20_000,
        method="BCa" if method == "bca" else "percentile",
        rng=np.random.default_rng(1),
    )
    res = balance_interval([30], [14], unit="sentence", method=method, n_resamples=20_000, seed=2)
    atom = 2 / 44 + 1e-9
    assert res.ci_low == pytest.approx(ref.confidence_interval.low, abs=atom)
    assert res.ci_high == pytest.approx(ref.confidence_interval.high, abs=atom)
    # the percentile ends are the binomial quantiles, up to interpolation between neighbours
    if method == "percentile":
        low = 2 * stats.binom.ppf(0.025, 44, 30 / 44) / 44 - 1
        high = 2 * stats.binom.ppf(0.975, 44, 30 / 44) / 44 - 1
        assert res.ci_low == pytest.approx(low, abs=atom)
        assert res.ci_high == pytest.approx(high, abs=atom)


def test_bootstrap_is_reproducible_and_seed_sensitive():
    one = balance_interval(A_FIRST, A_SECOND, method="bca", n_resamples=500, seed=7)
    two = balance_interval(A_FIRST, A_SECOND, method="bca", n_resamples=500, seed=7)
    other = balance_interval(A_FIRST, A_SECOND, method="bca", n_resamples=500, seed=8)
    np.testing.assert_array_equal(one.distribution, two.distribution)
    assert (one.ci_low, one.ci_high) == (two.ci_low, two.ci_high)
    assert not np.array_equal(one.distribution, other.distribution)


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_difference_matches_scipy(method):
    rng = np.random.default_rng(5)
    a = balance_interval(A_FIRST, A_SECOND, method=method, n_resamples=3000, seed=rng)
    b = balance_interval(B_FIRST, B_SECOND, method=method, n_resamples=3000, seed=rng)
    res = difference_interval(a, b)
    stat_a = _ratio_statistic(A_FIRST, A_SECOND)
    stat_b = _ratio_statistic(B_FIRST, B_SECOND)
    ref = stats.bootstrap(
        (np.arange(A_FIRST.size, dtype=float), np.arange(B_FIRST.size, dtype=float)),
        lambda x, y, axis=-1: stat_a(x, axis) - stat_b(y, axis),
        n_resamples=3000,
        method="BCa" if method == "bca" else "percentile",
        vectorized=True,
        rng=np.random.default_rng(5),
    )
    assert res.estimate == pytest.approx(a.estimate - b.estimate)
    assert res.ci_low == pytest.approx(ref.confidence_interval.low, rel=1e-12)
    assert res.ci_high == pytest.approx(ref.confidence_interval.high, rel=1e-12)
    assert res.method == method


def test_mover_difference_hand_computed():
    a = balance_interval(A_FIRST, A_SECOND)
    b = balance_interval(B_FIRST, B_SECOND)
    res = difference_interval(a, b)
    d = a.estimate - b.estimate
    low = d - math.sqrt((a.estimate - a.ci_low) ** 2 + (b.ci_high - b.estimate) ** 2)
    high = d + math.sqrt((a.ci_high - a.estimate) ** 2 + (b.estimate - b.ci_low) ** 2)
    assert (res.ci_low, res.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert res.standard_error == pytest.approx(math.hypot(a.standard_error, b.standard_error))
    assert res.method == "mover"


def test_difference_needs_same_confidence():
    a = balance_interval(A_FIRST, A_SECOND, confidence=0.9)
    b = balance_interval(B_FIRST, B_SECOND)
    with pytest.raises(ParameterError):
        difference_interval(a, b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=2, max_size=12).filter(
        lambda rows: sum(1 for a, b in rows if a + b) >= 2
    )
)
def test_interval_properties(rows):
    first = [a for a, _ in rows]
    second = [b for _, b in rows]
    res = balance_interval(first, second)
    flipped = balance_interval(second, first)
    assert -1 <= res.ci_low <= res.estimate <= res.ci_high <= 1
    # swapping the poles flips the sign of the balance and mirrors the interval
    assert flipped.estimate == pytest.approx(-res.estimate, abs=1e-12)
    assert flipped.ci_low == pytest.approx(-res.ci_high, abs=1e-9)
    assert flipped.ci_high == pytest.approx(-res.ci_low, abs=1e-9)
    # shuffling the articles changes nothing
    order = np.random.default_rng(0).permutation(len(rows))
    shuffled = balance_interval(np.array(first)[order], np.array(second)[order])
    assert shuffled.ci_low == pytest.approx(res.ci_low, abs=1e-12)


# --------------------------------------------------------------------------------------------
# permutation tests
# --------------------------------------------------------------------------------------------
def _scipy_pair_test(first_a, second_a, first_b, second_b, n_resamples):
    first = np.r_[first_a, first_b]
    second = np.r_[second_a, second_b]
    ratio = _ratio_statistic(first, second)
    k = len(first_a)
    return stats.permutation_test(
        (np.arange(k, dtype=float), np.arange(k, len(first), dtype=float)),
        lambda x, y, axis=-1: ratio(x, axis) - ratio(y, axis),
        n_resamples=n_resamples,
        vectorized=True,
        rng=np.random.default_rng(0),
    )


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_article_permutation_exact_matches_scipy(alternative):
    a = ([5, 4, 6, 3, 2], [1, 2, 0, 2, 2])
    b = ([1, 2, 1, 3, 2], [4, 3, 5, 1, 3])
    res = permutation_test_balance(a, b, alternative=alternative)
    first = np.r_[a[0], b[0]]
    second = np.r_[a[1], b[1]]
    ratio = _ratio_statistic(first, second)
    ref = stats.permutation_test(
        (np.arange(5.0), np.arange(5.0, 10.0)),
        lambda x, y, axis=-1: ratio(x, axis) - ratio(y, axis),
        n_resamples=np.inf,
        vectorized=True,
        alternative=alternative,
    )
    assert res.exact and res.n_permutations == math.comb(10, 5) == 252
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    np.testing.assert_allclose(np.sort(res.null_distribution), np.sort(ref.null_distribution))


def test_article_permutation_monte_carlo_close_to_scipy():
    # C(14, 8) = 3003 splits; with 1000 random ones the Monte Carlo standard error of p is
    # at most 0.016, so two independent estimates agree within 0.07 (about 3 SE of the gap).
    res = permutation_test_balance(
        (A_FIRST, A_SECOND), (B_FIRST, B_SECOND), n_resamples=1000, seed=3
    )
    exact = permutation_test_balance((A_FIRST, A_SECOND), (B_FIRST, B_SECOND), n_resamples=3003)
    ref = _scipy_pair_test(A_FIRST, A_SECOND, B_FIRST, B_SECOND, np.inf)
    assert not res.exact and res.n_permutations == 1000
    assert exact.exact and exact.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    assert res.p_value == pytest.approx(ref.pvalue, abs=0.07)


def test_monte_carlo_p_value_is_never_zero():
    # groups that differ completely: no random split is as extreme as the observed one
    a = ([10] * 12, [0] * 12)
    b = ([0] * 12, [10] * 12)
    res = permutation_test_balance(a, b, n_resamples=999, seed=0)
    assert res.p_value == pytest.approx(2 * 1 / 1000)  # two-sided: 2 (0 + 1) / (999 + 1)
    res = permutation_test_balance(a, b, n_resamples=999, seed=0, alternative="greater")
    assert res.p_value == pytest.approx(1 / 1000)


@pytest.mark.slow
def test_sentence_permutation_matches_scipy_exact():
    # sentence level: 15 vs 3 and 3 vs 3 labelled sentences; the exact test is hypergeometric
    res = permutation_test_balance(([9, 6], [2, 1]), ([3], [3]), unit="sentence")
    x = np.r_[np.ones(15), -np.ones(3)]
    y = np.r_[np.ones(3), -np.ones(3)]
    ref = stats.permutation_test(
        (x, y),
        lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
        n_resamples=np.inf,
        vectorized=True,
    )
    assert res.unit == "sentence" and res.exact
    assert res.statistic == pytest.approx(ref.statistic)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_pairwise_tests_choose_unit_and_match_single_tests():
    groups = [(A_FIRST, A_SECOND), (B_FIRST[:3], B_SECOND[:3]), ([4, 0], [1, 0])]
    results = pairwise_permutation_tests(groups, n_resamples=5000, seed=1)
    assert [r.unit for r in results] == ["article", "sentence", "sentence"]
    single = permutation_test_balance(groups[0], groups[1], n_resamples=5000, seed=1)
    assert results[0].p_value == single.p_value
    ref = permutation_test_balance(groups[1], groups[2], unit="sentence")
    assert results[2].p_value == ref.p_value


def test_pairwise_tests_reproducible():
    groups = [(A_FIRST, A_SECOND), (B_FIRST, B_SECOND), (A_SECOND, A_FIRST)]
    one = pairwise_permutation_tests(groups, n_resamples=200, seed=9)
    two = pairwise_permutation_tests(groups, n_resamples=200, seed=9)
    assert [r.p_value for r in one] == [r.p_value for r in two]


def _chi2_of_articles(groups):
    """SciPy statistic: pooled chi-square from article indices of k groups."""
    first = np.concatenate([np.asarray(g[0], float) for g in groups])
    second = np.concatenate([np.asarray(g[1], float) for g in groups])

    def statistic(*indices, axis=-1):
        a = np.stack([first[i.astype(int)].sum(axis=axis) for i in indices], axis=-1)
        b = np.stack([second[i.astype(int)].sum(axis=axis) for i in indices], axis=-1)
        n = a + b
        share = a.sum(axis=-1, keepdims=True) / n.sum(axis=-1, keepdims=True)
        return ((a - n * share) ** 2 / (n * share * (1 - share))).sum(axis=-1)

    offsets = np.cumsum([0] + [len(g[0]) for g in groups])
    data = [np.arange(offsets[i], offsets[i + 1], dtype=float) for i in range(len(groups))]
    return data, statistic


def test_omnibus_exact_matches_scipy():
    groups = [([5, 4, 6], [1, 2, 0]), ([1, 2, 1], [4, 3, 5]), ([3, 2], [3, 2])]
    res = permutation_test_groups(groups)
    data, statistic = _chi2_of_articles(groups)
    ref = stats.permutation_test(
        data, statistic, n_resamples=np.inf, vectorized=True, alternative="greater"
    )
    pooled = [[15, 3], [4, 12], [5, 5]]
    assert res.statistic == pytest.approx(stats.chi2_contingency(pooled, correction=False)[0])
    assert res.exact and res.n_permutations == 560  # 8! / (3! 3! 2!)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-12)


def test_omnibus_monte_carlo_close_to_exact():
    # 12! / (4! 4! 4!) = 34650 assignments; 4000 random ones: SE of p <= 0.008, tolerance 0.03
    groups = [
        ([5, 4, 6, 2], [1, 2, 0, 3]),
        ([1, 2, 1, 4], [4, 3, 5, 2]),
        ([3, 2, 1, 5], [3, 2, 2, 1]),
    ]
    exact = permutation_test_groups(groups, n_resamples=40_000)
    approx = permutation_test_groups(groups, n_resamples=4000, seed=0)
    assert exact.exact and not approx.exact
    assert approx.p_value == pytest.approx(exact.p_value, abs=0.03)
    assert approx.p_value >= 1 / 4001


def test_omnibus_vectorised_over_axes():
    groups_1 = [([5, 4, 6], [1, 2, 0]), ([1, 2, 1], [4, 3, 5]), ([3, 2], [3, 2])]
    groups_2 = [([1, 0, 2], [2, 2, 2]), ([3, 3, 0], [0, 1, 1]), ([0, 4], [1, 1])]
    stacked = [
        (np.column_stack([a1, a2]), np.column_stack([b1, b2]))
        for (a1, b1), (a2, b2) in zip(groups_1, groups_2, strict=True)
    ]
    res = permutation_test_groups(stacked)
    for column, groups in enumerate([groups_1, groups_2]):
        single = permutation_test_groups(groups)
        assert res.statistic[column] == pytest.approx(single.statistic)
        assert res.p_value[column] == pytest.approx(single.p_value)


def test_omnibus_with_one_pole_is_nan():
    res = permutation_test_groups([([3, 2], [0, 0]), ([1, 4], [0, 0])])
    assert math.isnan(res.statistic) and math.isnan(res.p_value)


# --------------------------------------------------------------------------------------------
# chi-square
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "table", [[[30, 10], [15, 25]], [[20, 15, 12], [11, 25, 30]], [[40, 12], [22, 30], [9, 18]]]
)
def test_chi2_asymptotic_matches_scipy(table):
    res = chi2_independence(table)
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    assert res.method == "asymptotic"
    assert res.statistic == pytest.approx(chi2, rel=1e-12)
    assert res.p_value == pytest.approx(p, rel=1e-9)
    assert res.dof == dof
    np.testing.assert_allclose(res.expected, expected)
    assert res.cramers_v == pytest.approx(
        stats.contingency.association(np.array(table), method="cramer"), rel=1e-12
    )


def test_chi2_exact_2x2_matches_scipy_permutation():
    table = [[2, 1], [1, 3]]  # 7 sentences: SciPy enumerates all 7! pairings
    res = chi2_independence(table)
    ref = stats.chi2_contingency(table, correction=False, method=stats.PermutationMethod())
    assert res.method == "exact"
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_chi2_monte_carlo_matches_scipy():
    table = [[3, 1, 0], [1, 2, 4], [0, 1, 2]]
    res = chi2_independence(table, n_resamples=3000, seed=11)
    ref = stats.chi2_contingency(
        table,
        correction=False,
        method=stats.MonteCarloMethod(n_resamples=3000, rng=np.random.default_rng(11)),
    )
    assert res.method == "monte_carlo"
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-12)


def test_chi2_drops_empty_rows_and_needs_two():
    res = chi2_independence([[30, 10], [0, 0], [15, 25]])
    assert res.dof == 1 and res.statistic == pytest.approx(11.428571428571429)
    with pytest.raises(InsufficientDataError) as info:
        chi2_independence([[3, 0], [4, 0]])
    assert info.value.needed == 2


# --------------------------------------------------------------------------------------------
# effect sizes and adjustments
# --------------------------------------------------------------------------------------------
def test_cohens_h_hand_computed():
    assert cohens_h(0.5, 0.25) == pytest.approx(2 * math.asin(math.sqrt(0.5)) - math.pi / 3)
    assert cohens_h(1.0, 0.0) == pytest.approx(math.pi)
    np.testing.assert_allclose(cohens_h([0.2, 0.8], [0.8, 0.2]), [-1.2870022, 1.2870022])
    with pytest.raises(ParameterError):
        cohens_h(1.2, 0.5)


def test_cliffs_delta_against_brute_force_and_mann_whitney():
    rng = np.random.default_rng(0)
    x = rng.integers(-3, 4, 40) / 3  # scores with many ties
    y = rng.integers(-3, 4, 55) / 3
    brute = (np.sign(x[:, None] - y[None, :])).mean()
    u = stats.mannwhitneyu(x, y).statistic
    assert cliffs_delta(x, y) == pytest.approx(brute, abs=1e-12)
    assert cliffs_delta(x, y) == pytest.approx(2 * u / (x.size * y.size) - 1, abs=1e-12)
    assert cliffs_delta([1, np.nan], [0]) == 1.0
    assert math.isnan(cliffs_delta([], [1.0]))


def test_holm_hand_computed():
    # sorted: 0.01 (x3) = 0.03, 0.03 (x2) = 0.06, 0.04 (x1) = 0.04 -> max so far 0.06
    np.testing.assert_allclose(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])
    np.testing.assert_allclose(holm([0.5, 0.9]), [1.0, 1.0])
    out = holm([0.02, np.nan, 0.01])
    assert math.isnan(out[1]) and out[0] == pytest.approx(0.02) and out[2] == pytest.approx(0.02)


def test_benjamini_hochberg_matches_scipy():
    p = np.random.default_rng(4).uniform(0, 0.2, 25)
    np.testing.assert_allclose(
        benjamini_hochberg(p), stats.false_discovery_control(p, method="bh"), rtol=1e-12
    )
    out = benjamini_hochberg([0.01, np.nan, 0.04, 0.03])
    np.testing.assert_allclose(out[[0, 2, 3]], stats.false_discovery_control([0.01, 0.04, 0.03]))
    assert math.isnan(out[1])


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"unit": "paragraph"}, "unit"),
        ({"method": "basic"}, "method"),
        ({"confidence": 95}, "confidence"),
        ({"method": "bca", "n_resamples": 10.5}, "n_resamples"),
        ({"method": "bca", "n_resamples": 0}, "n_resamples"),
    ],
)
def test_interval_rejects_bad_options(kwargs, name):
    with pytest.raises(ParameterError) as info:
        balance_interval(A_FIRST, A_SECOND, **kwargs)
    assert info.value.name == name


def test_interval_rejects_bad_counts_and_seed():
    with pytest.raises(ParameterError) as info:
        balance_interval([1, -2], [0, 1])
    assert info.value.name == "first"
    with pytest.raises(ParameterError):
        balance_interval([1, 2], [0, 1, 2])
    with pytest.raises(ParameterError) as info:
        balance_interval(A_FIRST, A_SECOND, method="bca", seed=1.5)
    assert info.value.name == "seed"


def test_interval_insufficient_data():
    with pytest.raises(InsufficientDataError) as info:
        balance_interval([0, 0], [0, 0])
    assert info.value.n == 0
    with pytest.raises(InsufficientDataError) as info:
        balance_interval([4, 0], [2, 0], unit="article")
    assert (info.value.n, info.value.needed) == (1, 2)


def test_tests_reject_empty_groups_and_too_few_groups():
    with pytest.raises(InsufficientDataError):
        permutation_test_balance(([0], [0]), ([1, 2], [2, 1]))
    with pytest.raises(InsufficientDataError):
        pairwise_permutation_tests([([1, 2], [2, 1])])
    with pytest.raises(InsufficientDataError):
        permutation_test_groups([([1, 2], [2, 1])])


def _two_kinds(n: int, share: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` articles with one or two labelled sentences: few distinct kinds of article."""
    total = rng.integers(1, 3, size=n)
    first = rng.binomial(total, share)
    return first, total - first


@pytest.mark.parametrize("case", ["pairwise", "omnibus", "bootstrap"])
@pytest.mark.slow
def test_drawing_by_kind_has_the_law_of_drawing_articles(case, monkeypatch):
    """Many articles of few kinds are resampled and permuted by kind (how many of each kind);
    the null and bootstrap distributions match those of drawing every article."""
    rng = np.random.default_rng(5)
    groups = [_two_kinds(3000, 0.5 + 0.02 * g, rng) for g in range(3)]

    def run() -> np.ndarray:
        if case == "pairwise":
            return pairwise_permutation_tests(groups[:2], seed=1)[0].null_distribution
        if case == "omnibus":
            return permutation_test_groups(groups, seed=1).null_distribution
        return balance_interval(*groups[0], method="percentile", seed=1).distribution

    by_kind = run()
    monkeypatch.setattr(framing_stats, "_BY_KIND_FROM", 10**15)  # every article drawn, as before
    direct = run()
    assert not np.array_equal(by_kind, direct)  # the by-kind path was taken
    assert by_kind.mean() == pytest.approx(direct.mean(), abs=0.05 * direct.std() + 1e-3)
    assert by_kind.std() == pytest.approx(direct.std(), rel=0.05)
    assert np.quantile(by_kind, 0.95) == pytest.approx(np.quantile(direct, 0.95), rel=0.1)


def test_a_million_articles_are_tested_in_memory_of_their_kinds():
    """1,000,000 one-sentence articles in 20 groups: every draw is by kind (memory and time of
    the direct draws were articles x resamples: 10^10 here)."""
    rng = np.random.default_rng(0)
    groups = [_two_kinds(50_000, 0.5, rng) for _ in range(20)]
    omnibus = permutation_test_groups(groups, n_resamples=1000, seed=0)
    assert omnibus.n_permutations == 1000 and not omnibus.exact
    assert 0 < omnibus.p_value <= 1 and omnibus.null_distribution.shape == (1000,)
    pair = pairwise_permutation_tests(groups[:2], n_resamples=1000, seed=0)[0]
    assert pair.unit == "article" and 0 < pair.p_value <= 1


def test_n_assignments_is_exact_or_capped():
    assert framing_stats._n_assignments((3, 5), 10**9) == math.comb(8, 3)
    assert framing_stats._n_assignments((3, 5, 4), 10**9) == math.factorial(12) // (6 * 120 * 24)
    assert framing_stats._n_assignments((500_000, 500_000), 10_000) == 10_001
