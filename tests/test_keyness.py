"""Tests of framing.keyness: Fightin' Words (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing._keyness import REST, TOKEN_PATTERN, keyness
from framing.errors import (
    DataQualityWarning,
    InputError,
    InsufficientDataError,
    ParameterError,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COLUMNS = [
    "group",
    "group_b",
    "term",
    "z",
    "delta",
    "variance",
    "count_group",
    "count_rest",
    "rank",
    "p_value",
    "p_adjusted",
    "significant",
]


def _toy() -> pd.DataFrame:
    # Constructed texts. Group A: war 1, peace 2 (n_A = 3). Group B: war 2, trade 1 (n_B = 3).
    return pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "text": ["peace war", "peace", "war trade war"],
        }
    )


def _row(result: pd.DataFrame, group: str, term: str) -> pd.Series:
    hit = result[(result["group"] == group) & (result["term"] == term)]
    assert len(hit) == 1, (group, term, hit)
    return hit.iloc[0]


# --------------------------------------------------------------------------- hand-computed cases


def test_hand_computed_mapping_prior():
    # alpha: peace 1, trade 1, war 2  ->  alpha0 = 4.
    result = keyness(_toy(), prior={"peace": 1.0, "trade": 1.0, "war": 2.0}, top=None)
    # "peace", A against the rest (B): y_A = 2, n_A = 3, y_B = 0, n_B = 3, alpha = 1.
    #   logit_A = log((2 + 1) / (3 + 4 - 2 - 1)) = log(3/4)
    #   logit_B = log((0 + 1) / (3 + 4 - 0 - 1)) = log(1/6)
    #   delta = log(3/4) - log(1/6) = log(4.5) = 1.5040774
    #   variance = 1/(2 + 1) + 1/(0 + 1) = 4/3
    #   z = 1.5040774 / 1.1547005 = 1.3025692
    peace = _row(result, "A", "peace")
    assert peace["delta"] == pytest.approx(math.log(4.5), rel=1e-12)
    assert peace["variance"] == pytest.approx(4 / 3, rel=1e-12)
    assert peace["z"] == pytest.approx(1.3025692, rel=1e-6)
    assert (peace["count_group"], peace["count_rest"], peace["group_b"]) == (2, 0, REST)
    # "war", A against B: y_A = 1, y_B = 2, alpha = 2.
    #   logit_A = log(3 / (3 + 4 - 1 - 2)) = log(3/4)
    #   logit_B = log(4 / (3 + 4 - 2 - 2)) = log(4/3)
    #   delta = log(9/16) = -0.5753641;  variance = 1/3 + 1/4 = 7/12;  z = -0.7533285
    war = _row(result, "A", "war")
    assert war["delta"] == pytest.approx(math.log(9 / 16), rel=1e-12)
    assert war["variance"] == pytest.approx(7 / 12, rel=1e-12)
    assert war["z"] == pytest.approx(-0.7533285, rel=1e-6)
    # B against the rest is A against the rest with the sign flipped (only two groups).
    assert _row(result, "B", "war")["z"] == pytest.approx(0.7533285, rel=1e-6)
    # "trade", A against B: y_A = 0, y_B = 1, alpha = 1.
    #   delta = log(1 / (3 + 4 - 0 - 1)) - log(2 / (3 + 4 - 1 - 1)) = log(5/12) = -0.8754687
    #   variance = 1/1 + 1/2 = 1.5;  z = -0.7148172
    assert _row(result, "A", "trade")["z"] == pytest.approx(-0.7148172, rel=1e-6)
    # Ranks within A follow z: peace (1.30) > trade (-0.71) > war (-0.75).
    a_rows = result[result["group"] == "A"]
    assert a_rows["term"].tolist() == ["peace", "trade", "war"]
    assert a_rows["rank"].tolist() == [1, 2, 3]


def test_hand_computed_corpus_prior():
    # Corpus counts: war 3, peace 2, trade 1; n = 6. With alpha0 = 6: alpha_w = 6 * y_w / 6 = y_w.
    result = keyness(_toy(), prior="corpus", alpha0=6, top=None)
    # "war", A vs rest: y_A = 1, n_A = 3, y_B = 2, n_B = 3, alpha = 3, alpha0 = 6.
    #   logit_A = log((1 + 3) / (3 + 6 - 1 - 3)) = log(4/5)
    #   logit_B = log((2 + 3) / (3 + 6 - 2 - 3)) = log(5/4)
    #   delta = log(16/25) = -0.4462871;  variance = 1/4 + 1/5 = 0.45;  z = -0.6652855
    war = _row(result, "A", "war")
    assert war["delta"] == pytest.approx(math.log(16 / 25), rel=1e-12)
    assert war["variance"] == pytest.approx(0.45, rel=1e-12)
    assert war["z"] == pytest.approx(-0.6652855, rel=1e-6)
    # "trade", B vs rest: y_B = 1, y_A = 0, alpha = 1.
    #   logit_B = log(2 / (3 + 6 - 1 - 1)) = log(2/7)
    #   logit_A = log(1 / (3 + 6 - 0 - 1)) = log(1/8)
    #   delta = log(16/7) = 0.8266786;  variance = 1/2 + 1/1 = 1.5;  z = 0.6749802
    trade = _row(result, "B", "trade")
    assert trade["delta"] == pytest.approx(math.log(16 / 7), rel=1e-12)
    assert trade["z"] == pytest.approx(0.6749802, rel=1e-6)


def test_hand_computed_uniform_prior():
    # alpha_w = 0.01 for 3 terms -> alpha0 = 0.03. "trade", B vs rest: y_B = 1, y_A = 0.
    #   delta = log(1.01 / (3 + 0.03 - 1 - 0.01)) - log(0.01 / (3 + 0.03 - 0 - 0.01))
    #         = log(1.01 / 2.02) - log(0.01 / 3.02) = log(0.5) - log(1/302) = log(151)
    #   variance = 1/1.01 + 1/0.01 = 100.990099...
    trade = _row(keyness(_toy(), prior="uniform", top=None), "B", "trade")
    assert trade["delta"] == pytest.approx(math.log(151), rel=1e-12)
    assert trade["variance"] == pytest.approx(1 / 1.01 + 100, rel=1e-12)
    assert trade["z"] == pytest.approx(math.log(151) / math.sqrt(1 / 1.01 + 100), rel=1e-12)
    # alpha0 with the uniform prior spreads alpha0 evenly: alpha0 = 3 -> alpha_w = 1.
    trade = _row(keyness(_toy(), prior="uniform", alpha0=3, top=None), "B", "trade")
    # delta = log(2 / (3 + 3 - 1 - 1)) - log(1 / (3 + 3 - 0 - 1)) = log(1/2) - log(1/5) = log(2.5)
    assert trade["delta"] == pytest.approx(math.log(2.5), rel=1e-12)


def test_mapping_prior_missing_terms_and_rescaling():
    # "trade" missing from the mapping -> 0.01; alpha0 = 8 rescales (1, 0.01, 2) to sum to 8.
    base = keyness(_toy(), prior={"peace": 1.0, "war": 2.0}, top=None)
    scaled = keyness(_toy(), prior=pd.Series({"peace": 1.0, "war": 2.0}), alpha0=8, top=None)
    # "trade", B vs rest with alpha = 0.01, alpha0 = 3.01:
    #   delta = log(1.01 / (3 + 3.01 - 1.01)) - log(0.01 / (3 + 3.01 - 0.01)) = log(1.01/5 * 600)
    assert _row(base, "B", "trade")["delta"] == pytest.approx(math.log(1.01 / 5 * 600), rel=1e-12)
    factor = 8 / 3.01
    a, a0 = 1.0 * factor, 8.0
    expected = math.log((2 + a) / (3 + a0 - 2 - a)) - math.log(a / (3 + a0 - a))
    assert _row(scaled, "A", "peace")["delta"] == pytest.approx(expected, rel=1e-12)


def _reference(frame: pd.DataFrame, by: str, alpha0: float) -> dict[tuple[str, str], float]:
    """Plain-Python Fightin' Words, one term at a time (the formula, not the implementation)."""
    tokenize = re.compile(TOKEN_PATTERN).findall
    groups: dict[str, Counter] = {}
    for label, text in zip(frame[by], frame["text"], strict=True):
        groups.setdefault(str(label), Counter()).update(tokenize(text.lower()))
    total = sum(groups.values(), Counter())
    n = sum(total.values())
    out = {}
    for name, counts in groups.items():
        n_i = sum(counts.values())
        n_j = n - n_i
        for term, y in total.items():
            a = alpha0 * y / n
            y_i, y_j = counts[term], y - counts[term]
            delta = math.log((y_i + a) / (n_i + alpha0 - y_i - a)) - math.log(
                (y_j + a) / (n_j + alpha0 - y_j - a)
            )
            out[name, term] = delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    return out


def _seed_table() -> pd.DataFrame:
    manifest = pd.read_csv(SEEDS / "manifest.csv")
    texts = [(SEEDS / f).read_text(encoding="utf-8") for f in manifest["file"]]
    return pd.DataFrame(
        {"outlet": manifest["outlet"], "country": manifest["country"], "text": texts}
    )


@pytest.mark.parametrize("by", ["outlet", "country"])
def test_matches_plain_reference_on_seeds(by):
    table = _seed_table()
    result = keyness(table, by=by, top=None)
    expected = _reference(table, by, 500.0)
    got = {(g, t): z for g, t, z in zip(result["group"], result["term"], result["z"], strict=True)}
    assert got.keys() == expected.keys()
    keys = sorted(expected)
    np.testing.assert_allclose([got[k] for k in keys], [expected[k] for k in keys], rtol=1e-9)
    # The leaders' names are among the terms counted on the seeds.
    assert {"xi", "putin"} <= set(result["term"])


# --------------------------------------------------------------------------- properties


def test_swapping_the_pair_flips_the_sign():
    table = _seed_table()
    a, b = "NPR", "The Independent"
    ab = keyness(table, pair=(a, b), top=None)
    ba = keyness(table, pair=(b, a), top=None)
    a_side = ab[ab["group"] == a].set_index("term")
    b_direct = ba[ba["group"] == b].set_index("term").loc[a_side.index]
    np.testing.assert_array_equal(a_side["z"].to_numpy(), -b_direct["z"].to_numpy())
    np.testing.assert_array_equal(a_side["delta"].to_numpy(), -b_direct["delta"].to_numpy())
    np.testing.assert_array_equal(a_side["count_group"], b_direct["count_rest"])
    # B's side of (A, B) is the direct B-vs-A comparison: swapping only reorders the blocks.
    b_side = ab[ab["group"] == b].reset_index(drop=True)
    pd.testing.assert_frame_equal(b_side, ba[ba["group"] == b].reset_index(drop=True))
    assert set(ab["group_b"][ab["group"] == a]) == {b}
    assert ab["z"][ab["rank"] == 1].gt(0).all()


_WORDS = ["xi", "putin", "friend", "partner", "junior", "equal", "bond"]


@settings(max_examples=30, deadline=None)
@given(
    docs=st.lists(
        st.tuples(st.sampled_from(["p", "q", "r"]), st.lists(st.sampled_from(_WORDS), max_size=8)),
        min_size=2,
        max_size=12,
    )
)
def test_properties_on_random_corpora(docs):
    table = pd.DataFrame({"g": [d[0] for d in docs], "text": [" ".join(d[1]) for d in docs]})
    tokens = table.groupby("g")["text"].apply(lambda s: " ".join(s).split())
    distinct = {word for words in tokens for word in words}
    if len(tokens) < 2 or tokens.map(len).eq(0).any() or len(distinct) < 2:
        with pytest.raises(InsufficientDataError):
            keyness(table, by="g")
        return
    result = keyness(table, by="g", top=None)
    # Counts beside the z-scores add up to the corpus counts of each term.
    corpus = Counter(" ".join(table["text"]).split())
    summed = (result["count_group"] + result["count_rest"]).to_numpy()
    assert summed.tolist() == [corpus[t] for t in result["term"]]
    # Within a group, z decreases with rank.
    for _, block in result.groupby("group"):
        assert block["rank"].tolist() == list(range(1, len(block) + 1))
        assert np.all(np.diff(block["z"].to_numpy()) <= 0)
    # Renaming the groups only renames rows.
    renamed = table.assign(g=table["g"].map({"p": "P", "q": "Q", "r": "R"}))
    again = keyness(renamed, by="g", top=None)
    np.testing.assert_array_equal(again["z"].to_numpy(), result["z"].to_numpy())
    assert again["group"].tolist() == result["group"].str.upper().tolist()
    # A pair comparison gives the same z for a group whichever way round the pair is named.
    names = sorted(tokens.index)
    first, second = names[0], names[1]
    pair = keyness(table, by="g", pair=(first, second), top=None)
    swap = keyness(table, by="g", pair=(second, first), top=None)
    left = pair[pair["group"] == first].set_index("term")["z"].sort_index()
    right = swap[swap["group"] == first].set_index("term")["z"].sort_index()
    np.testing.assert_array_equal(left.to_numpy(), right.to_numpy())


# --------------------------------------------------------------------------- behaviour


def test_tokens_possessive_hyphen_and_abbreviation():
    # Constructed sentences.
    table = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "text": ["Xi's visit and Xi\u2019s Sino-Russian plan.", "The U.S.-led order. A talk."],
        }
    )
    result = keyness(table, prior="uniform", top=None)
    a_terms = dict(
        zip(
            result.loc[result["group"] == "A", "term"],
            result.loc[result["group"] == "A", "count_group"],
            strict=True,
        )
    )
    assert a_terms["xi"] == 2
    assert a_terms["sino-russian"] == 1
    assert "s" not in a_terms and "sino" not in a_terms and "a" not in a_terms
    assert {"u.s.", "led", "order", "talk"} <= set(a_terms)
    upper = keyness(table, prior="uniform", top=None, lowercase=False)
    assert {"Xi", "U.S.", "Sino-Russian"} <= set(upper["term"])


def test_top_keeps_the_largest_z_per_group():
    table = _seed_table()
    full = keyness(table, top=None)
    short = keyness(table, top=5)
    assert short.groupby("group").size().eq(5).all()
    for name, block in short.groupby("group"):
        best = full[full["group"] == name].nlargest(5, "z", keep="first")
        np.testing.assert_allclose(block["z"].to_numpy(), best["z"].to_numpy())
    assert list(short["group"].unique()) == sorted(table["outlet"].unique())


def test_min_count_filters_without_changing_statistics():
    table = _seed_table()
    full = keyness(table, top=None).set_index(["group", "term"])
    filtered = keyness(table, top=None, min_count=5)
    assert (filtered["count_group"] + filtered["count_rest"]).min() >= 5
    assert len(filtered) < len(full)
    again = full.loc[list(zip(filtered["group"], filtered["term"], strict=True))]
    np.testing.assert_array_equal(again["z"].to_numpy(), filtered["z"].to_numpy())


# --------------------------------------------------------------------------- stop words


def test_stop_words_are_not_counted_at_all():
    # Dropping a stop word is the same as deleting it from the texts: totals and prior follow.
    table = _toy()
    dropped = keyness(table, top=None, stop_words=["WAR"])
    deleted = keyness(table.assign(text=table["text"].str.replace("war", "")), top=None)
    pd.testing.assert_frame_equal(dropped, deleted)
    assert "war" not in set(dropped["term"])
    # Case-insensitive also when the counts keep case.
    kept_case = keyness(table.assign(text=["Peace War", "peace", "war trade WAR"]),
                        top=None, lowercase=False, stop_words={"war"})  # fmt: skip
    assert set(kept_case["term"]) == {"Peace", "peace", "trade"}


def test_english_stop_words_on_the_seeds():
    table = _seed_table()
    plain = keyness(table, top=None)
    english = keyness(table, top=None, stop_words="english")
    function_words = {"from", "has", "as", "the", "its", "be", "was", "were", "one"}
    assert function_words <= set(plain["term"])
    assert not function_words & set(english["term"])
    # Content words keep their counts; the token totals shrink, so their z-scores move.
    mr_plain, mr_english = (
        _row(plain, "China Digital Times", "mr"),
        _row(english, "China Digital Times", "mr"),
    )
    assert (mr_plain["count_group"], mr_english["count_group"]) == (13, 13)
    assert mr_english["z"] != mr_plain["z"]


def test_only_stop_words():
    table = pd.DataFrame({"outlet": ["A", "B"], "text": ["the and of", "from has as"]})
    with pytest.raises(InsufficientDataError, match="other than stop words"):
        keyness(table, stop_words="english")


# --------------------------------------------------------------------------- significance


def _holm_reference(p: list[float]) -> list[float]:
    """Holm (1979) step by step: sort, multiply by (m - rank), keep the running maximum."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    adjusted, running = [0.0] * len(p), 0.0
    for step, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - step) * p[i]))
        adjusted[i] = running
    return adjusted


@pytest.mark.parametrize("adjustment", ["holm", "bh", "none"])
def test_p_values_against_scipy(adjustment):
    from scipy import stats

    table = _seed_table()
    result = keyness(table, top=None, adjustment=adjustment)
    np.testing.assert_allclose(
        result["p_value"], 2 * stats.norm.sf(np.abs(result["z"])), rtol=1e-12, atol=1e-300
    )
    for _, block in result.groupby("group"):  # top=None: every term of the vocabulary
        p = block["p_value"].to_numpy()
        expected = {
            "holm": _holm_reference(p.tolist()),
            "bh": stats.false_discovery_control(p, method="bh"),
            "none": p,
        }[adjustment]
        np.testing.assert_allclose(block["p_adjusted"], expected, rtol=1e-12)
        assert block["significant"].tolist() == (block["p_adjusted"] <= 0.05).tolist()


def test_adjustment_family_ignores_top_and_min_count():
    table = _seed_table()
    full = keyness(table, top=None).set_index(["group", "term"])
    short = keyness(table, top=3, min_count=5)
    again = full.loc[list(zip(short["group"], short["term"], strict=True))]
    np.testing.assert_array_equal(again["p_adjusted"], short["p_adjusted"])


def test_seed_function_words_are_not_marked():
    # The seeds' highest-ranked function words (z 2.4 to 3.1) are not key after Holm's
    # adjustment over some 1,600 terms, nor is any other term of five single articles.
    result = keyness(_seed_table(), top=None)
    for group, term in [("The Independent", "has"), ("China Digital Times", "its")]:
        row = _row(result, group, term)
        assert row["z"] > 2.3 and row["p_value"] < 0.05 and not row["significant"]
    assert not result["significant"].any()
    unadjusted = keyness(_seed_table(), top=None, adjustment="none")
    assert unadjusted["significant"].sum() == (unadjusted["p_value"] <= 0.05).sum() > 0


def test_strong_constructed_difference_is_marked():
    # Constructed texts: "sanctions" 40 times in A and twice in B; 40 filler words on each side.
    filler = " ".join(f"word{i}" for i in range(40))
    table = pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["sanctions " * 40 + filler, "sanctions " * 2 + filler]}
    )
    result = keyness(table, prior="uniform", top=1)
    top_a = _row(result, "A", "sanctions")
    # Holm's first step over the 41 terms: the smallest p-value times 41.
    assert top_a["p_adjusted"] == pytest.approx(41 * top_a["p_value"], rel=1e-12)
    assert top_a["z"] > 4 and top_a["p_adjusted"] < 0.005 and top_a["significant"]
    # The level decides: at 0.001 the same term is not marked.
    strict = keyness(table, prior="uniform", top=1, significance=0.001)
    assert not _row(strict, "A", "sanctions")["significant"]
    # Filler words, used equally by both sides, are not marked.
    full = keyness(table, prior="uniform", top=None)
    assert not full.loc[full["term"].str.startswith("word"), "significant"].any()


def test_empty_result_keeps_columns():
    result = keyness(_toy(), min_count=1000)
    assert list(result.columns) == COLUMNS
    assert len(result) == 0
    assert result["z"].dtype == np.float64 and result["rank"].dtype == np.int64
    assert result["significant"].dtype == bool and result["p_adjusted"].dtype == np.float64


def test_corpus_stand_in_with_to_frame():
    class StandIn:
        """Mimics framing.Corpus: to_frame() gives doc_id, text, outlet, date + metadata."""

        def to_frame(self) -> pd.DataFrame:
            return _toy().assign(doc_id=["d1", "d2", "d3"], date=None, genre="news")[
                ["doc_id", "text", "outlet", "date", "genre"]
            ]

    pd.testing.assert_frame_equal(keyness(StandIn()), keyness(_toy()))


def test_numeric_groups_and_pair_by_value():
    table = _toy().assign(year=[2023, 2023, 2024])
    result = keyness(table, by="year", pair=(2024, 2023), top=1)
    assert result["group"].tolist() == ["2024", "2023"]
    assert result["group_b"].tolist() == ["2023", "2024"]
    by_outlet = keyness(table, by="outlet", pair=("B", "A"), top=1)
    np.testing.assert_array_equal(result["z"].to_numpy(), by_outlet["z"].to_numpy())
    assert result["term"].tolist() == by_outlet["term"].tolist()


def test_input_not_mutated_and_missing_group_dropped_with_warning():
    table = pd.concat([_toy(), pd.DataFrame({"outlet": [None], "text": ["trade trade"]})])
    before = table.copy()
    with pytest.warns(DataQualityWarning, match="dropped 1 of 4 rows"):
        result = keyness(table, top=None)
    pd.testing.assert_frame_equal(table, before)
    pd.testing.assert_frame_equal(result, keyness(_toy(), top=None))


def test_missing_text_counts_as_empty():
    table = pd.concat([_toy(), pd.DataFrame({"outlet": ["A"], "text": [None]})])
    pd.testing.assert_frame_equal(keyness(table, top=None), keyness(_toy(), top=None))


# --------------------------------------------------------------------------- bad input


def test_missing_by_column_lists_columns():
    with pytest.raises(ParameterError) as info:
        keyness(_toy(), by="country")
    assert info.value.name == "by"
    assert info.value.allowed == ("outlet", "text")
    assert "'outlet', 'text'" in str(info.value)


def test_missing_text_column():
    with pytest.raises(InputError, match="'text' column"):
        keyness(pd.DataFrame({"outlet": ["A", "B"], "body": ["x y", "z w"]}))


def test_single_group():
    with pytest.raises(InsufficientDataError) as info:
        keyness(_toy().assign(outlet="A"))
    assert (info.value.n, info.value.needed) == (1, 2)


@pytest.mark.parametrize(
    "texts", [["", ""], ["   ", "!!"], ["a I", "- ."]], ids=["empty", "punctuation", "one-letter"]
)
def test_no_tokens(texts):
    with pytest.raises(InsufficientDataError, match="no token"):
        keyness(pd.DataFrame({"outlet": ["A", "B"], "text": texts}))


def test_group_without_tokens():
    table = pd.DataFrame({"outlet": ["A", "B", "C"], "text": ["war peace", "trade war", "!"]})
    with pytest.raises(InsufficientDataError) as info:
        keyness(table)
    assert info.value.group == "C"
    # The pair comparison does not need C.
    assert len(keyness(table, pair=("A", "B"))) > 0


def test_single_term_vocabulary():
    with pytest.raises(InsufficientDataError, match="two distinct terms"):
        keyness(pd.DataFrame({"outlet": ["A", "B"], "text": ["war", "war war"]}))


@pytest.mark.parametrize("pair", [("A", "Z"), ("A", "A"), ("A",), "AB"])
def test_bad_pair(pair):
    with pytest.raises(ParameterError) as info:
        keyness(_toy(), pair=pair)
    assert info.value.name == "pair"


def test_pair_not_present_lists_groups():
    with pytest.raises(ParameterError, match="'A', 'B'"):
        keyness(_toy(), pair=("A", "Z"))


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("top", 0),
        ("top", 2.5),
        ("min_count", 0),
        ("alpha0", -1.0),
        ("alpha0", float("nan")),
        ("prior", "flat"),
        ("prior", 0.01),
        ("prior", {"war": -1.0}),
        ("lowercase", "yes"),
        ("stop_words", "german"),
        ("stop_words", [1, 2]),
        ("stop_words", 3),
        ("significance", 0),
        ("significance", 1.5),
        ("adjustment", "bonferroni"),
    ],
)
def test_bad_options(option, value):
    with pytest.raises(ParameterError) as info:
        keyness(_toy(), **{option: value})
    assert info.value.name == option


@pytest.mark.parametrize("data", [["war", "peace"], "war peace", pd.Series(["war"])])
def test_not_a_table(data):
    with pytest.raises(InputError):
        keyness(data)


def test_non_string_text():
    with pytest.raises(InputError, match="row 1"):
        keyness(pd.DataFrame({"outlet": ["A", "B"], "text": ["war", 3]}))
