"""Tests of framing.compare on synthetic sentence tables (and once on the seed articles)."""

from __future__ import annotations

import io
import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing._compare import Comparison, compare
from framing._stats import (
    balance_interval,
    cohens_h,
    difference_interval,
    holm,
    pairwise_permutation_tests,
    permutation_test_groups,
)
from framing.errors import (
    DataQualityWarning,
    FramingWarning,
    InsufficientDataError,
    ParameterError,
    SmallSampleWarning,
)

AXES = {"power": ["equal", "junior"], "bond": ["friendship", "convenience"]}
POLE_SIGN = {"equal": 1.0, "junior": -1.0, "friendship": 1.0, "convenience": -1.0}
SUMMARY_COLUMNS = [
    "group",
    "axis",
    "n_docs",
    "n_sentences",
    "n_relevant",
    "n_equal",
    "n_junior",
    "n_friendship",
    "n_convenience",
    "balance",
    "ci_low",
    "ci_high",
    "intensity",
    "unit",
    "warnings",
]
PAIRWISE_COLUMNS = [
    "group_a",
    "group_b",
    "axis",
    "n_a",
    "n_b",
    "difference",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "effect_size",
    "method",
]
OMNIBUS_COLUMNS = ["axis", "test", "statistic", "dof", "p_value", "effect_size", "n"]


def make_sents(docs, *, by="outlet", attrs=True):
    """A sentence table like framing.score's from ``(group, doc_id, sentences)`` triples.

    Each sentence is ``(power_label, bond_label)`` or ``(power_label, bond_label, voice)``;
    a sentence is relevant unless both labels are ``"nonrelevant"`` (then both become 'none').
    """
    rows = []
    for group, doc, sentences in docs:
        for sent_id, sentence in enumerate(sentences):
            power, bond, voice = (*sentence, "narrator")[:3]
            relevant = not (power == bond == "nonrelevant")
            if not relevant:
                power = bond = "none"
            rows.append(
                {
                    "doc_id": doc,
                    by: group,
                    "sent_id": sent_id,
                    "voice": voice,
                    "relevant": relevant,
                    "power": POLE_SIGN.get(power, math.nan),
                    "power_label": power,
                    "bond": POLE_SIGN.get(bond, math.nan),
                    "bond_label": bond,
                }
            )
    frame = pd.DataFrame(rows)
    if attrs:
        frame.attrs["framing"] = {
            "axes": AXES,
            "lexicon": {"name": "relationship", "version": "1.0.0"},
            "method": "lexicon",
        }
    return frame


def simulate(shares=(0.7, 0.5, 0.3), n_docs=6, seed=0, names=None):
    """Groups of articles whose share of the first pole varies around the group's share."""
    rng = np.random.default_rng(seed)
    names = names or [f"outlet {chr(97 + i)}" for i in range(len(shares))]
    docs = []
    for name, share in zip(names, shares, strict=True):
        for d in range(n_docs):
            p = rng.beta(4 * share, 4 * (1 - share))
            sentences = []
            for _ in range(rng.integers(4, 20)):
                u = rng.random()
                power = "none" if u < 0.3 else "equal" if rng.random() < p else "junior"
                bond = "none" if rng.random() < 0.5 else rng.choice(["friendship", "convenience"])
                voice = "source" if rng.random() < 0.3 else "narrator"
                sentences.append((power, str(bond), voice))
            docs.append((name, f"{name}-{d}", sentences))
    return make_sents(docs)


def quiet_compare(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compare(*args, **kwargs)


# Two outlets, constructed labels (power, bond) per sentence.
SMALL = [
    ("a", "a1", [("equal", "friendship")] * 3 + [("junior", "none"), ("none", "none")]),
    ("a", "a2", [("equal", "convenience"), ("equal", "none"), ("nonrelevant", "nonrelevant")]),
    ("a", "a3", [("junior", "friendship"), ("equal", "friendship")]),
    ("b", "b1", [("junior", "convenience")] * 2 + [("equal", "none")]),
    ("b", "b2", [("junior", "none"), ("none", "friendship")]),
    ("b", "b3", [("junior", "convenience"), ("junior", "none"), ("equal", "friendship")]),
]


# --------------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------------
def test_summary_counts_and_balance_by_hand():
    cmp = quiet_compare(make_sents(SMALL), seed=0, n_resamples=1000)
    assert list(cmp.summary.columns) == SUMMARY_COLUMNS
    row = cmp.summary.set_index(["axis", "group"]).loc[("power", "a")]
    # a: equal 3 + 2 + 1 = 6, junior 1 + 0 + 1 = 2; 5 + 3 + 2 = 10 sentences, 9 relevant
    assert (row.n_docs, row.n_sentences, row.n_relevant) == (3, 10, 9)
    assert (row.n_equal, row.n_junior) == (6, 2)
    assert pd.isna(row.n_friendship) and pd.isna(row.n_convenience)
    assert row.balance == pytest.approx((6 - 2) / 8)
    assert row.intensity == pytest.approx(8 / 9)
    ref = balance_interval([3, 2, 1], [1, 0, 1])  # per article: a1, a2, a3
    assert (row.ci_low, row.ci_high) == (pytest.approx(ref.ci_low), pytest.approx(ref.ci_high))
    assert row.unit == "article"
    assert row.warnings == "few_labels"
    bond_b = cmp.summary.set_index(["axis", "group"]).loc[("bond", "b")]
    assert (bond_b.n_friendship, bond_b.n_convenience) == (2, 3)
    assert pd.isna(bond_b.n_equal)
    assert cmp.summary["n_equal"].dtype == "Int64"


def test_pairwise_and_omnibus_match_stats():
    sents = simulate(n_docs=5, seed=1)
    cmp = quiet_compare(sents, seed=3, n_resamples=200)  # C(10, 5) = 252 splits > 200
    assert list(cmp.pairwise.columns) == PAIRWISE_COLUMNS
    assert list(cmp.omnibus.columns) == OMNIBUS_COLUMNS
    groups = sorted(sents["outlet"].unique())
    counts = []
    for group in groups:
        part = sents[sents["outlet"] == group]
        per_doc = part.groupby("doc_id")["power_label"]
        counts.append(
            (
                per_doc.apply(lambda s: (s == "equal").sum()).to_numpy(),
                per_doc.apply(lambda s: (s == "junior").sum()).to_numpy(),
            )
        )
    # the power axis comes first and 't' intervals draw nothing: same generator state
    tests = pairwise_permutation_tests(counts, n_resamples=200, seed=3)
    power = cmp.pairwise[cmp.pairwise["axis"] == "power"]
    np.testing.assert_allclose(power["p_value"], [t.p_value for t in tests], rtol=1e-12)
    np.testing.assert_allclose(power["p_adjusted"], holm([t.p_value for t in tests]))
    first = balance_interval(*counts[0])
    second = balance_interval(*counts[1])
    diff = difference_interval(first, second)
    row = power.iloc[0]
    assert (row.group_a, row.group_b) == (groups[0], groups[1])
    assert row.difference == pytest.approx(first.estimate - second.estimate)
    assert (row.ci_low, row.ci_high) == (pytest.approx(diff.ci_low), pytest.approx(diff.ci_high))
    share = [(r.estimate + 1) / 2 for r in (first, second)]
    assert row.effect_size == pytest.approx(cohens_h(*share))
    assert row.n_a == counts[0][0].sum() + counts[0][1].sum()
    assert row.method == "article permutation, monte carlo"
    # omnibus: chi-square of the pooled table, Cramér's V, p by permuting articles
    omni = cmp.omnibus.set_index("axis").loc["power"]
    table = [[f.sum(), s.sum()] for f, s in counts]
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    assert omni.statistic == pytest.approx(chi2)
    assert omni.dof == 2
    assert omni.effect_size == pytest.approx(
        stats.contingency.association(np.array(table), method="cramer")
    )
    assert omni.n == np.sum(table)
    assert omni.test == "chi2, article permutation, monte carlo"
    assert 1 / 201 <= omni.p_value <= 1


def test_omnibus_exact_when_few_articles():
    cmp = quiet_compare(make_sents(SMALL), seed=0)
    per_article = [([3, 2, 1], [1, 0, 1]), ([1, 0, 1], [2, 1, 2])]
    ref = permutation_test_groups(per_article)
    omni = cmp.omnibus.set_index("axis").loc["power"]
    assert omni.test == "chi2, article permutation, exact"
    assert omni.p_value == pytest.approx(ref.p_value)
    assert cmp.pairwise.iloc[0]["method"] == "article permutation, exact"


# --------------------------------------------------------------------------------------------
# units and warnings
# --------------------------------------------------------------------------------------------
def test_single_document_group_uses_sentences_and_warns_once():
    docs = [*SMALL, ("c", "c1", [("equal", "friendship")] * 6 + [("junior", "convenience")] * 6)]
    with pytest.warns(SmallSampleWarning) as record:
        cmp = compare(make_sents(docs), seed=0, n_resamples=1000)
    single = [w for w in record if str(w.message).startswith("single_document")]
    assert len(single) == 1 and "'c' (power)" in str(single[0].message)
    row = cmp.summary.set_index(["axis", "group"]).loc[("power", "c")]
    assert row.unit == "sentence"
    assert row.warnings == "single_document"
    ref = balance_interval([6], [6], unit="sentence")
    assert (row.ci_low, row.ci_high) == (pytest.approx(ref.ci_low), pytest.approx(ref.ci_high))
    pairs = cmp.pairwise[(cmp.pairwise["group_b"] == "c") & (cmp.pairwise["axis"] == "power")]
    assert set(pairs["method"]) == {"sentence permutation, exact"}
    # a group with one article: the omnibus test counts sentences
    assert cmp.omnibus.set_index("axis").loc["power", "test"].startswith("chi2, ")
    assert "article permutation" not in cmp.omnibus.set_index("axis").loc["power", "test"]


def test_few_labels_still_tested():
    cmp = quiet_compare(make_sents(SMALL), seed=0)
    assert set(cmp.summary["warnings"]) == {"few_labels"}
    assert cmp.pairwise["p_value"].notna().all()


def test_no_labels_group_gets_nan_with_reason_and_tests_skipped():
    docs = [*SMALL, ("c", "c1", [("none", "friendship")] * 4), ("c", "c2", [("none", "none")])]
    with pytest.warns(FramingWarning) as record:
        cmp = compare(make_sents(docs), seed=0, n_resamples=200)
    messages = [str(w.message) for w in record]
    assert any(m.startswith("no_labels") and "'c' (power)" in m for m in messages)
    assert any(m.startswith("tests skipped") for m in messages)
    row = cmp.summary.set_index(["axis", "group"]).loc[("power", "c")]
    assert math.isnan(row.balance) and math.isnan(row.ci_low)
    assert row.warnings == "no_labels"
    assert row.intensity == 0.0
    skipped = cmp.pairwise[(cmp.pairwise["axis"] == "power") & (cmp.pairwise["group_b"] == "c")]
    assert skipped["p_value"].isna().all() and skipped["p_adjusted"].isna().all()
    assert set(skipped["method"]) == {"skipped: no labelled sentence in 'c'"}
    # the remaining pair is tested and Holm counts only the tests that were run
    tested = cmp.pairwise[(cmp.pairwise["axis"] == "power") & cmp.pairwise["p_value"].notna()]
    assert len(tested) == 1
    assert tested["p_adjusted"].iloc[0] == tested["p_value"].iloc[0]
    omni = cmp.omnibus.set_index("axis").loc["power"]
    assert omni.dof == 1 and omni.n == 8 + 7  # groups a and b only


def test_no_variation_falls_back_to_wilson():
    docs = [
        ("a", "a1", [("equal", "none")] * 3),
        ("a", "a2", [("equal", "none")] * 5),
        ("b", "b1", [("junior", "none"), ("equal", "none")] * 3),
        ("b", "b2", [("junior", "none"), ("equal", "none"), ("junior", "none")]),
    ]
    with pytest.warns(SmallSampleWarning, match="no_variation"):
        cmp = compare(make_sents(docs), axes=["power"], seed=0)
    row = cmp.summary.set_index("group").loc["a"]
    assert row.balance == 1.0 and row.ci_high == 1.0 and row.ci_low < 1.0
    assert row.warnings == "few_labels; no_variation"


def test_unit_options():
    sents = simulate(n_docs=4, seed=2)
    by_sentence = quiet_compare(sents, unit="sentence", seed=0, n_resamples=200)
    assert set(by_sentence.summary["unit"]) == {"sentence"}
    assert set(by_sentence.pairwise["method"]) == {"sentence permutation, exact"}
    by_article = quiet_compare(sents, unit="article", seed=0, n_resamples=200)
    assert set(by_article.summary["unit"]) == {"article"}
    # sentences as units give narrower intervals here (they ignore the article effect)
    width = lambda c: (c.summary["ci_high"] - c.summary["ci_low"]).mean()  # noqa: E731
    assert width(by_sentence) < width(by_article)
    docs = [*SMALL, ("c", "c1", [("equal", "friendship")] * 3)]
    with pytest.raises(InsufficientDataError) as info:
        quiet_compare(make_sents(docs), unit="article")
    assert (info.value.group, info.value.n, info.value.needed) == ("c", 1, 2)


def test_bootstrap_interval_option():
    sents = simulate(n_docs=5, seed=4)
    cmp = quiet_compare(sents, interval="bca", seed=0, n_resamples=300)
    assert cmp.interval_method == "bca"
    first = sents[(sents["outlet"] == "outlet a")].groupby("doc_id")["power_label"]
    ref = balance_interval(
        first.apply(lambda s: (s == "equal").sum()).to_numpy(),
        first.apply(lambda s: (s == "junior").sum()).to_numpy(),
        method="bca",
        n_resamples=300,
        seed=0,
    )
    row = cmp.summary.iloc[0]
    assert (row.ci_low, row.ci_high) == (pytest.approx(ref.ci_low), pytest.approx(ref.ci_high))


def test_voice_filter_and_note():
    sents = simulate(seed=5)
    all_voices = quiet_compare(sents, seed=0, n_resamples=200)
    narrator = quiet_compare(sents, voice="narrator", seed=0, n_resamples=200)
    source = quiet_compare(sents, voice="source", seed=0, n_resamples=200)
    total = all_voices.summary["n_sentences"]
    np.testing.assert_array_equal(
        narrator.summary["n_sentences"] + source.summary["n_sentences"], total
    )
    expected = (sents["voice"] == "narrator").groupby(sents["outlet"]).sum()
    power = narrator.summary[narrator.summary["axis"] == "power"]
    np.testing.assert_array_equal(power["n_sentences"], expected.sort_index())
    assert "narrator only" in narrator.table()
    assert "sources only" in source.table()
    assert "all sentences" in all_voices.table()


# --------------------------------------------------------------------------------------------
# reproducibility and invariance
# --------------------------------------------------------------------------------------------
def test_one_seed_one_comparison():
    sents = simulate(n_docs=8, seed=6)
    one = quiet_compare(sents, seed=11, n_resamples=300)
    two = quiet_compare(sents, seed=11, n_resamples=300)
    assert one == two
    assert one.table("latex") == two.table("latex")
    other = quiet_compare(sents, seed=12, n_resamples=300)
    assert not other.pairwise["p_value"].equals(one.pairwise["p_value"])


def test_shuffled_rows_give_the_same_comparison():
    sents = simulate(n_docs=6, seed=7)
    shuffled = sents.sample(frac=1, random_state=0).reset_index(drop=True)
    shuffled.attrs = sents.attrs
    assert quiet_compare(sents, seed=0, n_resamples=300) == quiet_compare(
        shuffled, seed=0, n_resamples=300
    )


def test_renaming_groups_only_renames_rows():
    sents = simulate(n_docs=7, seed=8)
    mapping = {"outlet a": "Alpha", "outlet b": "Beta", "outlet c": "Gamma"}  # same order
    renamed = sents.assign(outlet=sents["outlet"].map(mapping))
    renamed.attrs = sents.attrs
    one = quiet_compare(sents, seed=0, n_resamples=300)
    two = quiet_compare(renamed, seed=0, n_resamples=300)
    pd.testing.assert_frame_equal(
        one.summary.assign(group=one.summary["group"].map(mapping)), two.summary
    )
    pd.testing.assert_frame_equal(
        one.pairwise.assign(
            group_a=one.pairwise["group_a"].map(mapping),
            group_b=one.pairwise["group_b"].map(mapping),
        ),
        two.pairwise,
    )
    pd.testing.assert_frame_equal(one.omnibus, two.omnibus)


def test_renaming_that_reverses_order_flips_pairs():
    # exact tests and t intervals use no random draws: every number is reproduced exactly
    sents = make_sents(SMALL)
    renamed = sents.assign(outlet=sents["outlet"].map({"a": "z", "b": "y"}))
    renamed.attrs = sents.attrs
    one = quiet_compare(sents, seed=0)
    two = quiet_compare(renamed, seed=0)
    s1 = one.summary.set_index(["axis", "group"]).rename(index={"a": "z", "b": "y"})
    s2 = two.summary.set_index(["axis", "group"])
    pd.testing.assert_frame_equal(s1.sort_index(), s2.sort_index(), check_index_type=False)
    for column in ("difference", "effect_size"):
        np.testing.assert_allclose(one.pairwise[column], -two.pairwise[column])
    np.testing.assert_allclose(one.pairwise["ci_low"], -two.pairwise["ci_high"])
    np.testing.assert_allclose(one.pairwise["p_value"], two.pairwise["p_value"])


def test_input_is_not_modified():
    sents = simulate(seed=9)
    before = sents.copy()
    quiet_compare(sents, seed=0, n_resamples=200)
    pd.testing.assert_frame_equal(sents, before)


def test_other_grouping_columns():
    sents = simulate(seed=10)
    sents["year"] = np.where(sents["doc_id"].str.endswith(("0", "1", "2")), 2021, 2022)
    cmp = quiet_compare(sents, by="year", seed=0, n_resamples=200)
    assert cmp.summary["group"].tolist() == [2021, 2022, 2021, 2022]
    assert cmp.by == "year"


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------
def test_single_group_is_an_error():
    sents = make_sents([d for d in SMALL if d[0] == "a"])
    with pytest.raises(InsufficientDataError) as info:
        compare(sents)
    assert (info.value.group, info.value.n, info.value.needed) == ("a", 1, 2)


def test_empty_input_is_an_error():
    empty = make_sents(SMALL).iloc[0:0]
    with pytest.raises(InsufficientDataError) as info:
        compare(empty)
    assert info.value.n == 0
    with pytest.raises(InsufficientDataError, match="voice='source'"):
        compare(make_sents(SMALL), voice="source")


def test_by_not_a_column_lists_the_columns():
    sents = make_sents(SMALL)
    with pytest.raises(ParameterError) as info:
        compare(sents, by="country")
    assert info.value.name == "by" and "outlet" in info.value.allowed
    assert "'doc_id'" in str(info.value)


def test_nan_in_by_is_dropped_with_a_count():
    sents = make_sents(SMALL)
    sents.loc[[0, 1, 2], "outlet"] = None
    with pytest.warns(DataQualityWarning, match=r"dropped 3 sentences \(in 1 documents\)"):
        cmp = compare(sents, seed=0)
    assert cmp.summary.set_index(["axis", "group"]).loc[("power", "a"), "n_sentences"] == 7



def test_a_folder_without_a_manifest_says_what_to_add(tmp_path):
    """No document has an outlet (a folder of .txt files without manifest.csv): the error names
    the cause and the fix first, not "found no sentences" followed by a warning."""
    from framing import load_corpus, score

    for i, text in enumerate(["Xi met Putin in Moscow. They spoke of friendship."] * 2):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")  # constructed
    sents = score(load_corpus(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "dropped ... sentences" warning before the error
        with pytest.raises(InsufficientDataError, match=r"column 'outlet' has no value in any "
                           r"of the 4 sentences \(2 documents\).*manifest\.csv.*--by"):
            compare(sents, seed=0)


def test_when_by_is_empty_the_error_names_the_columns_that_could_group():
    from framing import score

    sents = score("seeds/")
    sents["outlet"] = None  # as if the manifest had no outlet column
    with pytest.raises(InsufficientDataError, match=r"columns that could group: .*country, genre"):
        compare(sents, seed=0)

@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_resamples": 99}, "n_resamples"),
        ({"n_resamples": 1000.5}, "n_resamples"),
        ({"n_resamples": True}, "n_resamples"),
        ({"seed": 1.5}, "seed"),
        ({"seed": "0"}, "seed"),
        ({"voice": "quoted"}, "voice"),
        ({"unit": "document"}, "unit"),
        ({"interval": "basic"}, "interval"),
        ({"confidence": 1.0}, "confidence"),
    ],
)
def test_bad_options(kwargs, name):
    with pytest.raises(ParameterError) as info:
        compare(make_sents(SMALL), **kwargs)
    assert info.value.name == name


def test_axes_without_attrs_come_from_the_columns():
    with_attrs = make_sents(SMALL)
    sents = make_sents(SMALL, attrs=False)
    expected = quiet_compare(with_attrs, seed=0)
    got = quiet_compare(sents, seed=0)
    assert got.axes == expected.axes and got.lexicon_name is None
    pd.testing.assert_frame_equal(got.summary, expected.summary)
    pd.testing.assert_frame_equal(got.pairwise, expected.pairwise)
    cmp = quiet_compare(sents, axes=["power"], seed=0)
    assert cmp.axes == {"power": ("equal", "junior")}
    assert "n_friendship" not in cmp.summary.columns
    cmp = quiet_compare(sents, axes={"power": ("equal", "junior")}, seed=0)
    assert list(cmp.axes) == ["power"]


def test_axes_that_cannot_be_recovered_say_how_to_pass_them():
    sents = make_sents(SMALL, attrs=False).rename(
        columns={"power": "trust", "power_label": "trust_label", "bond_label": "mood"}
    )
    sents["trust_label"] = sents["trust_label"].replace({"junior": "equal"})
    with pytest.raises(ParameterError, match=r"axes=\{'trust': \('first_pole'"):
        compare(sents)
    bare = make_sents(SMALL, attrs=False).drop(columns=["power_label", "bond_label"])
    with pytest.raises(ParameterError, match=r"axes=\{'power': \('equal', 'junior'\)"):
        compare(bare)


def test_axes_by_name_and_bad_axes():
    sents = make_sents(SMALL)
    cmp = quiet_compare(sents, axes=["bond"], seed=0)
    assert cmp.axes == {"bond": ("friendship", "convenience")}
    with pytest.raises(ParameterError, match="unknown axes"):
        compare(sents, axes=["trust"])
    with pytest.raises(ParameterError, match="labels found"):
        compare(sents, axes={"power": ("equal", "senior")})
    with pytest.raises(ParameterError):
        compare(sents, axes={"power": ("equal", "equal")})
    with pytest.raises(ParameterError, match="missing|without"):
        compare(sents.drop(columns="relevant"))
    with pytest.raises(ParameterError):
        compare(sents.to_dict())  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def three():
    return quiet_compare(simulate(n_docs=6, seed=12), seed=0, n_resamples=500)


@pytest.mark.parametrize("fmt", ["github", "pipe", "latex", "html", "plain"])
def test_table_formats_have_tables_and_note(three, fmt):
    text = three.table(fmt)
    assert "seed 0" in text and "relationship 1.0.0" in text and "500 resamples" in text
    assert "articles (cluster resampling)" in text
    row = three.summary.iloc[0]
    minus = "-" if fmt == "latex" else "\N{MINUS SIGN}"
    shown = f"{row.balance:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}]".replace("-", minus)
    assert shown in text
    assert str(int(row.n_equal)) in text
    if fmt == "html":
        assert text.count("<table>") == 5  # 2 axes x (groups, pairs) + omnibus
    if fmt == "latex":
        assert "\\begin{tabular}" in text and "\N{MINUS SIGN}" not in text
    assert "20" + "2" not in text.split("Note")[0][-50:]  # no dates before the note


def test_table_csv_and_json(three):
    frame = pd.read_csv(io.StringIO(three.table("csv")))
    assert frame["table"].value_counts().to_dict() == {"summary": 6, "pairwise": 6, "omnibus": 2}
    assert "Note" not in three.table("csv")
    payload = json.loads(three.table("json"))
    assert set(payload) == {"settings", "summary", "pairwise", "omnibus"}
    assert payload["settings"]["seed"] == 0
    assert payload["summary"][0]["balance"] == pytest.approx(three.summary["balance"].iloc[0])
    with pytest.raises(ParameterError):
        three.table("xlsx")  # type: ignore[arg-type]


def test_to_frame_and_reprs(three):
    frame = three.to_frame()
    assert frame.columns[0] == "table"
    assert list(frame.columns[1:16]) == SUMMARY_COLUMNS
    assert frame["balance"].dtype == "float64"
    assert str(three) == three.table("plain")
    assert three._repr_html_() == three.table("html")
    assert three._repr_markdown_() == three.table("github")
    assert repr(three).startswith("Comparison(by='outlet', groups=3, axes=('power', 'bond')")
    assert isinstance(three, Comparison)
    with pytest.raises(AttributeError):
        three.seed = 1  # type: ignore[misc]


def test_seed_corpus(seeds):
    """On the five seed articles every outlet rests on one document."""
    scoring = pytest.importorskip("framing._scoring")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        sents = scoring.score(seeds)
        cmp = compare(sents, seed=0)
    assert cmp.summary["group"].nunique() == 5
    labelled = cmp.summary[cmp.summary["warnings"] != "no_labels"]
    assert labelled["warnings"].str.contains("single_document").all()
    assert (labelled["unit"] == "sentence").all()
    assert any(str(w.message).startswith("single_document") for w in record)
    assert len(cmp.omnibus) == 2


# --------------------------------------------------------------------------------------------
# many groups: a reference group, chosen contrasts, the omnibus test only
# --------------------------------------------------------------------------------------------
# Four outlets of three articles; constructed (first pole, second pole) counts per article.
FOUR = {
    "a": [(3, 1), (2, 0), (1, 1)],
    "b": [(1, 2), (0, 1), (1, 3)],
    "c": [(2, 2), (1, 1), (3, 1)],
    "d": [(0, 3), (1, 2), (0, 1)],
}


def four_outlets():
    docs = []
    for outlet, articles in FOUR.items():
        for k, (n_equal, n_junior) in enumerate(articles):
            sentences = [("equal", "none")] * n_equal + [("junior", "none")] * n_junior
            docs.append((outlet, f"{outlet}{k}", sentences))
    return make_sents(docs)


def counts_of(outlet):
    first, second = zip(*FOUR[outlet], strict=True)
    return np.array(first), np.array(second)


def scipy_p(outlet_a, outlet_b):
    """Two-sided exact p-value of the balance difference by scipy.stats.permutation_test."""
    (fa, sa), (fb, sb) = counts_of(outlet_a), counts_of(outlet_b)
    first, second = np.concatenate([fa, fb]), np.concatenate([sa, sb])

    def difference(x, y):
        def balance(i):
            return (first[i].sum() - second[i].sum()) / (first[i].sum() + second[i].sum())

        return balance(x) - balance(y)

    result = stats.permutation_test(
        (np.arange(fa.size), np.arange(fa.size, fa.size + fb.size)),
        difference,
        permutation_type="independent",
        vectorized=False,
        n_resamples=np.inf,
        alternative="two-sided",
    )
    return result.pvalue


def test_reference_tests_each_group_against_it_only():
    cmp = quiet_compare(four_outlets(), axes=["power"], reference="a", seed=0)
    pairs = cmp.pairwise
    assert list(zip(pairs["group_a"], pairs["group_b"], strict=True)) == [
        ("b", "a"),
        ("c", "a"),
        ("d", "a"),
    ]
    balance = cmp.summary.set_index("group")["balance"]
    # by hand: a = (6 - 2) / 8 = 0.5; b = (2 - 6) / 8 = -0.5; c = (6 - 4) / 10; d = (1 - 6) / 7
    assert balance["a"] == pytest.approx(0.5) and balance["c"] == pytest.approx(0.2)
    np.testing.assert_allclose(pairs["difference"], [-1.0, 0.2 - 0.5, -5 / 7 - 0.5])
    expected = [scipy_p(g, "a") for g in ("b", "c", "d")]  # C(6, 3) = 20 splits: exact
    np.testing.assert_allclose(pairs["p_value"], expected, rtol=1e-12)
    assert set(pairs["method"]) == {"article permutation, exact"}
    # Holm over the three tests made, not over the six pairs of four groups
    np.testing.assert_allclose(pairs["p_adjusted"], holm(expected))
    p = sorted(expected)
    assert pairs["p_adjusted"].min() == pytest.approx(min(1, 3 * p[0]))
    assert (cmp.pairs, cmp.reference, cmp.contrasts) == ("reference", "a", ())
    note = cmp.table("plain").split("Note:")[1]
    assert "each group against 'a'" in " ".join(note.split())
    assert "Holm over the 3 tests made on each axis" in " ".join(note.split())
    assert cmp.omnibus.equals(quiet_compare(four_outlets(), axes=["power"], seed=0).omnibus)


def test_contrasts_test_only_the_pairs_named_in_their_order():
    cmp = quiet_compare(four_outlets(), axes=["power"], contrasts=[("d", "b"), ("a", "c")], seed=0)
    pairs = cmp.pairwise
    assert list(zip(pairs["group_a"], pairs["group_b"], strict=True)) == [("d", "b"), ("a", "c")]
    np.testing.assert_allclose(pairs["difference"], [-5 / 7 + 0.5, 0.5 - 0.2])
    expected = [scipy_p("d", "b"), scipy_p("a", "c")]
    np.testing.assert_allclose(pairs["p_value"], expected, rtol=1e-12)
    np.testing.assert_allclose(pairs["p_adjusted"], holm(expected))
    assert cmp.contrasts == (("d", "b"), ("a", "c"))
    assert "the 2 contrasts named" in " ".join(cmp.table("plain").split())
    payload = json.loads(cmp.table("json"))["settings"]
    assert payload["pairs"] == "contrasts" and payload["contrasts"] == [["d", "b"], ["a", "c"]]
    # a reversed pair: the difference and h change sign, the p-value stays
    reversed_ = quiet_compare(four_outlets(), axes=["power"], contrasts=[("b", "d")], seed=0)
    row, back = pairs.iloc[0], reversed_.pairwise.iloc[0]
    assert back.difference == pytest.approx(-row.difference)
    assert back.effect_size == pytest.approx(-row.effect_size)
    assert back.p_value == pytest.approx(row.p_value)


def test_contrasts_of_every_pair_give_the_default_numbers():
    sents = simulate(n_docs=5, seed=1)
    default = quiet_compare(sents, seed=3, n_resamples=200)  # Monte Carlo: draws in order
    groups = sorted(sents["outlet"].unique())
    every = [(a, b) for i, a in enumerate(groups) for b in groups[i + 1 :]]
    named = quiet_compare(sents, seed=3, n_resamples=200, contrasts=every)
    pd.testing.assert_frame_equal(default.pairwise, named.pairwise)
    assert default.pairs == "all" and named.pairs == "contrasts"


def test_pairwise_false_gives_the_omnibus_test_only():
    full = quiet_compare(four_outlets(), seed=0)
    cmp = quiet_compare(four_outlets(), pairwise=False, seed=0)
    assert cmp.pairwise.empty and list(cmp.pairwise.columns) == PAIRWISE_COLUMNS
    assert cmp.pairwise["p_value"].dtype == "float64"
    pd.testing.assert_frame_equal(cmp.omnibus, full.omnibus)
    pd.testing.assert_frame_equal(cmp.summary, full.summary)
    text = cmp.table("github")
    assert "group a" not in text and "**omnibus**" in text
    assert "no pairwise tests (pairwise=False)" in " ".join(text.split())
    assert cmp.pairs == "none"


def test_a_reference_that_has_no_labels_skips_its_tests():
    docs = [*SMALL, ("c", "c1", [("none", "friendship")] * 4), ("c", "c2", [("none", "none")])]
    cmp = quiet_compare(make_sents(docs), reference="c", seed=0, n_resamples=200)
    power = cmp.pairwise[cmp.pairwise["axis"] == "power"]
    assert power["p_value"].isna().all()
    assert set(power["method"]) == {"skipped: no labelled sentence in 'c'"}
    bond = cmp.pairwise[cmp.pairwise["axis"] == "bond"]
    assert bond["p_value"].notna().all()
    assert "(power 0, bond 2)" in " ".join(cmp.table("plain").split())


def test_reference_by_its_text_for_the_command_line():
    sents = four_outlets().replace({"outlet": {"a": 2013, "b": 2014, "c": 2015, "d": 2016}})
    cmp = quiet_compare(sents, axes=["power"], reference="2014", seed=0)
    assert cmp.reference == 2014 and set(cmp.pairwise["group_b"]) == {2014}
    assert "each group against '2014'" in " ".join(cmp.table("plain").split())


@pytest.mark.parametrize(
    ("kwargs", "name", "words"),
    [
        ({"reference": "x"}, "reference", "'a', 'b', 'c', 'd'"),
        ({"contrasts": [("a", "x")]}, "contrasts", "'a', 'b', 'c', 'd'"),
        ({"contrasts": [("a", "a")]}, "contrasts", "two different groups"),
        ({"contrasts": [("a", "b"), ("b", "a")]}, "contrasts", "each pair of groups once"),
        ({"contrasts": [("a", "b", "c")]}, "contrasts", "a pair of two groups"),
        ({"contrasts": "a,b"}, "contrasts", "a list of pairs"),
        ({"reference": "a", "contrasts": [("a", "b")]}, "contrasts", "not both"),
        ({"reference": "a", "pairwise": False}, "reference", "pairwise=False"),
        ({"pairwise": "no"}, "pairwise", "pairwise="),
    ],
    ids=["reference", "contrast", "self", "twice", "three", "string", "both", "none", "bool"],
)
def test_bad_pair_options_are_clear_errors(kwargs, name, words):
    with pytest.raises(ParameterError) as info:
        quiet_compare(four_outlets(), axes=["power"], **kwargs)
    assert info.value.name == name
    assert words in str(info.value)


def test_reference_on_a_date_column():
    days = {"a": "2020-01-01", "b": "2020-01-02", "c": "2020-01-03", "d": "2020-01-04"}
    sents = four_outlets().assign(day=lambda f: pd.to_datetime(f["outlet"].map(days)))
    cmp = quiet_compare(sents, by="day", axes=["power"], reference=pd.Timestamp("2020-01-02"))
    assert len(cmp.pairwise) == 3
    assert set(pd.to_datetime(cmp.pairwise["group_b"])) == {pd.Timestamp("2020-01-02")}
    assert json.dumps(cmp._settings()["reference"]).startswith('"2020-01-02')
