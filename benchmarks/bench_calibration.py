"""Calibration of framing's intervals and tests, by simulation (prints tables; not a test).

Set-up: an outlet publishes k articles (5, 8 or 10); article i has m_i labelled sentences
(uniform on 5..40) and its own share p_i of first-pole sentences, drawn from a Beta distribution
with mean mu and concentration kappa (small kappa: framing varies a lot from article to article).
The true balance of the outlet is 2 mu - 1.

Table 1: coverage of 95 % intervals for the balance of one outlet (and median width), for
  sentence   resampling sentences (what ignoring articles gives),
  art-pct    percentile bootstrap over articles,
  art-bca    BCa bootstrap over articles,
  boot-t     studentised bootstrap over articles (tried here, not in the library),
  t          cluster-robust t interval on the atanh scale, jackknife SE (the default).
Table 2: two outlets from the same process (and, in the last rows, with the same mean but
  different spread): false-positive rate at 0.05 of the article permutation test, of a Welch
  t-test on the cluster-robust standard errors, and coverage of the 95 % interval of the
  difference (MOVER from the t intervals, BCa bootstrap, Welch).
Table 3: four outlets of 8 articles from one process: false-positive rate of the omnibus test
  (article permutation of the chi-square) and of the classical chi-square on sentence counts.

Run: ``python benchmarks/bench_calibration.py`` (about 2 minutes); ``--replications 4000`` for
tighter figures (Monte Carlo standard error of a coverage near 0.95: 0.007 at 1000 replications,
0.0034 at 4000).
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from scipy import stats

from framing._stats import (
    balance_interval,
    chi2_independence,
    difference_interval,
    permutation_test_balance,
    permutation_test_groups,
)

METHODS = ("sentence", "art-pct", "art-bca", "boot-t", "t")


def draw_outlet(rng: np.random.Generator, k: int, mu: float, kappa: float):
    p = rng.beta(mu * kappa, (1 - mu) * kappa, size=k)
    m = rng.integers(5, 41, size=k)
    first = rng.binomial(m, p)
    return first, m - first


def studentised_bootstrap(first, second, n_resamples, rng, confidence=0.95):
    """Bootstrap-t over articles with the linearised standard error (vectorised)."""
    d = (first - second).astype(float)
    t = (first + second).astype(float)
    keep = t > 0
    d, t = d[keep], t[keep]
    k = d.size
    theta = d.sum() / t.sum()
    se = math.sqrt(k / (k - 1) * ((d - theta * t) ** 2).sum()) / t.sum()
    index = rng.integers(0, k, size=(n_resamples, k))
    weights = np.zeros((n_resamples, k))
    np.add.at(weights, (np.repeat(np.arange(n_resamples), k), index.ravel()), 1)
    big_d, big_t = weights @ d, weights @ t
    theta_b = big_d / big_t
    squares = (
        weights @ (d * d) - 2 * theta_b * (weights @ (d * t)) + theta_b**2 * (weights @ (t * t))
    )
    se_b = np.sqrt(k / (k - 1) * np.maximum(squares, 0)) / big_t
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (theta_b - theta) / se_b
    z = z[np.isfinite(z)]
    if z.size == 0 or se == 0:
        return theta, theta
    alpha = (1 - confidence) / 2
    low_q, high_q = np.quantile(z, [alpha, 1 - alpha])
    return max(-1.0, theta - high_q * se), min(1.0, theta - low_q * se)


def coverage_table(reps: int, n_resamples: int, rng: np.random.Generator) -> list[float]:
    print("Table 1. Coverage of 95% intervals for one outlet's balance (median width)")
    header = f"{'k':>3} {'mu':>5} {'kappa':>6} " + " ".join(f"{m:>14}" for m in METHODS)
    print(header)
    print("-" * len(header))
    at_eight = []
    for k in (5, 8, 10):
        for mu in (0.5, 0.7, 0.85):
            for kappa in (2.0, 5.0, 20.0):
                truth = 2 * mu - 1
                hits = {m: 0 for m in METHODS}
                widths: dict[str, list[float]] = {m: [] for m in METHODS}
                for _ in range(reps):
                    first, second = draw_outlet(rng, k, mu, kappa)
                    intervals = {
                        "sentence": balance_interval(
                            first,
                            second,
                            unit="sentence",
                            method="percentile",
                            n_resamples=n_resamples,
                            seed=rng,
                        ),
                        "art-pct": balance_interval(
                            first, second, method="percentile", n_resamples=n_resamples, seed=rng
                        ),
                        "art-bca": balance_interval(
                            first, second, method="bca", n_resamples=n_resamples, seed=rng
                        ),
                        "t": balance_interval(first, second, method="t"),
                    }
                    bounds = {m: (r.ci_low, r.ci_high) for m, r in intervals.items()}
                    bounds["boot-t"] = studentised_bootstrap(first, second, n_resamples, rng)
                    for m, (low, high) in bounds.items():
                        hits[m] += low <= truth <= high
                        widths[m].append(high - low)
                cells = " ".join(
                    f"{hits[m] / reps:6.3f} ({np.median(widths[m]):4.2f})" for m in METHODS
                )
                print(f"{k:>3} {mu:>5} {kappa:>6} {cells}", flush=True)
                if k == 8:
                    at_eight.append(hits["t"] / reps)
    return at_eight


def pairwise_table(reps: int, n_resamples: int, rng: np.random.Generator) -> list[float]:
    print()
    print("Table 2. Two outlets with the same mean balance: false-positive rate at 0.05 and")
    print("         coverage of 95% intervals for the difference (true difference 0)")
    header = (
        f"{'k_a':>3} {'k_b':>3} {'kap_a':>5} {'kap_b':>5} {'mu':>5} | {'perm':>6} {'welch':>6}"
        f" | {'mover':>6} {'bca':>6} {'welch':>6}"
    )
    print(header)
    print("-" * len(header))
    same_process = []
    scenarios = [
        (8, 8, 5, 5),
        (5, 5, 5, 5),
        (10, 10, 2, 2),
        (5, 10, 5, 5),
        (8, 8, 2, 20),
        (5, 10, 2, 20),
        (10, 5, 2, 20),
    ]
    for k_a, k_b, kappa_a, kappa_b in scenarios:
        for mu in (0.5, 0.8):
            false_perm = false_welch = 0
            cover = {"mover": 0, "bca": 0, "welch": 0}
            for _ in range(reps):
                a = draw_outlet(rng, k_a, mu, kappa_a)
                b = draw_outlet(rng, k_b, mu, kappa_b)
                test = permutation_test_balance(a, b, n_resamples=n_resamples, seed=rng)
                false_perm += test.p_value <= 0.05
                ta, tb = balance_interval(*a), balance_interval(*b)
                mover = difference_interval(ta, tb)
                cover["mover"] += mover.ci_low <= 0 <= mover.ci_high
                ba = balance_interval(*a, method="bca", n_resamples=n_resamples, seed=rng)
                bb = balance_interval(*b, method="bca", n_resamples=n_resamples, seed=rng)
                boot = difference_interval(ba, bb)
                cover["bca"] += boot.ci_low <= 0 <= boot.ci_high
                se = math.hypot(ta.standard_error, tb.standard_error)
                if se > 0:
                    dof = se**4 / (
                        ta.standard_error**4 / (ta.n_units - 1)
                        + tb.standard_error**4 / (tb.n_units - 1)
                    )
                    q = stats.t.ppf(0.975, dof)
                    diff = mover.estimate
                    cover["welch"] += diff - q * se <= 0 <= diff + q * se
                    false_welch += 2 * stats.t.sf(abs(diff) / se, dof) <= 0.05
                else:
                    cover["welch"] += 1
            row = (
                f"{k_a:>3} {k_b:>3} {kappa_a:>5} {kappa_b:>5} {mu:>5} |"
                f" {false_perm / reps:6.3f} {false_welch / reps:6.3f} |"
                f" {cover['mover'] / reps:6.3f} {cover['bca'] / reps:6.3f}"
                f" {cover['welch'] / reps:6.3f}"
            )
            print(row, flush=True)
            if kappa_a == kappa_b:
                same_process.append(false_perm / reps)
    return same_process


def omnibus_table(reps: int, n_resamples: int, rng: np.random.Generator) -> float:
    print()
    print("Table 3. Four outlets x 8 articles from one process: false-positive rate at 0.05")
    print(f"{'mu':>5} {'kappa':>6} | {'article permutation':>20} {'sentence chi2':>14}")
    worst = 0.0
    for mu in (0.5, 0.8):
        for kappa in (2.0, 20.0):
            false_perm = false_chi2 = 0
            for _ in range(reps):
                groups = [draw_outlet(rng, 8, mu, kappa) for _ in range(4)]
                res = permutation_test_groups(groups, n_resamples=n_resamples, seed=rng)
                false_perm += res.p_value <= 0.05
                table = [[f.sum(), s.sum()] for f, s in groups]
                false_chi2 += chi2_independence(table, seed=rng).p_value <= 0.05
            worst = max(worst, false_perm / reps)
            print(f"{mu:>5} {kappa:>6} | {false_perm / reps:20.3f} {false_chi2 / reps:14.3f}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=1000, help="per cell (default 1000)")
    parser.add_argument("--resamples", type=int, default=999, help="bootstrap / permutations")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    start = time.perf_counter()
    print(f"replications per cell: {args.replications}; resamples: {args.resamples}")
    print()
    at_eight = coverage_table(args.replications, args.resamples, rng)
    same_process = pairwise_table(args.replications, args.resamples, rng)
    worst_omnibus = omnibus_table(args.replications, args.resamples, rng)
    print()
    print(f"t interval at 8 articles: coverage {min(at_eight):.3f} to {max(at_eight):.3f}")
    print(f"  (target >= 0.92; Monte Carlo SE {math.sqrt(0.95 * 0.05 / args.replications):.3f})")
    print(
        f"pairwise permutation test, same process: false-positive rate up to "
        f"{max(same_process):.3f} (target <= 0.07); omnibus up to {worst_omnibus:.3f}"
    )
    print(f"seconds: {time.perf_counter() - start:.0f}")


if __name__ == "__main__":
    main()
