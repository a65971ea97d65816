"""framing.model: logistic models of a sentence's pole with article-clustered errors.

All sentence tables here are constructed labels (no article text), drawn with an article-level
random effect as in benchmarks/bench_model.py.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing._model import COEFFICIENT_COLUMNS, FEW_ARTICLES, ModelFit, model
from framing.errors import (
    DataQualityWarning,
    InputError,
    InsufficientDataError,
    ParameterError,
    SmallSampleWarning,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INTERCEPT = -0.3


def population_averaged(effect: float, sigma: float) -> float:
    """The outlet effect averaged over articles (what a GLM of sentences estimates): the
    difference of logit E[expit(a + u)], u ~ N(0, sigma), by Gauss-Hermite quadrature."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(60)
    weights = weights / weights.sum()

    def mean_logit(shift: float) -> float:
        p = float(weights @ (1 / (1 + np.exp(-(INTERCEPT + shift + sigma * nodes)))))
        return math.log(p / (1 - p))

    return mean_logit(effect) - mean_logit(0.0)


def simulate(
    rng: np.random.Generator,
    n_articles: int = 40,
    *,
    effect: float = 0.8,
    sigma: float = 0.8,
    sentences: tuple[int, int] = (4, 12),
    none_share: float = 0.3,
    genre_effect: float = 0.4,
) -> pd.DataFrame:
    """Constructed labels: outlets A and B (B shifts the log-odds of 'equal' by ``effect``),
    a genre (opinion shifts them by ``genre_effect``) and a year per article, a random
    intercept per article (sd ``sigma``), a voice per sentence and a share of sentences
    labelled 'none'."""
    rows = []
    for article in range(n_articles):
        outlet = "A" if article % 2 == 0 else "B"
        genre = ("news", "opinion")[(article // 2) % 2]
        year = 2020 + article % 3
        lean = INTERCEPT + effect * (outlet == "B") + genre_effect * (genre == "opinion")
        lean += rng.normal(0, sigma)
        for sent in range(rng.integers(sentences[0], sentences[1] + 1)):
            if rng.random() < none_share:
                label = "none"
            else:
                label = "equal" if rng.random() < 1 / (1 + math.exp(-lean)) else "junior"
            voice = "source" if rng.random() < 0.3 else "narrator"
            rows.append((f"a{article:03d}", sent, outlet, genre, year, voice, label))
    return pd.DataFrame(
        rows, columns=["doc_id", "sent_id", "outlet", "genre", "year", "voice", "power_label"]
    )


@pytest.fixture(scope="module")
def sents() -> pd.DataFrame:
    return simulate(np.random.default_rng(7))


def _quiet_model(*args, **kwargs) -> ModelFit:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return model(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# The same numbers as statsmodels
# --------------------------------------------------------------------------------------------
def _statsmodels_fit(sents: pd.DataFrame, terms: str, pole: str = "equal"):
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    labelled = sents[sents["power_label"].isin(["equal", "junior"])].reset_index(drop=True)
    data = labelled.assign(y=(labelled["power_label"] == pole).astype(float))
    groups = pd.factorize(data["doc_id"])[0]
    glm = smf.glm(f"y ~ {terms}", data=data, family=sm.families.Binomial())
    return glm.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True), data, groups


def test_coefficients_are_statsmodels_glm_with_cluster_errors(sents):
    fit = model(sents, formula="equal ~ outlet + genre + year + voice")
    direct, data, groups = _statsmodels_fit(sents, "outlet + genre + year + voice")
    table = fit.coefficients
    assert list(table.columns) == list(COEFFICIENT_COLUMNS)
    assert list(table["term"]) == list(direct.params.index)
    np.testing.assert_allclose(table["estimate"], direct.params, rtol=1e-10)
    np.testing.assert_allclose(table["std_error"], direct.bse, rtol=1e-10)
    np.testing.assert_allclose(table["statistic"], direct.tvalues, rtol=1e-10)
    np.testing.assert_allclose(table["p_value"], direct.pvalues, rtol=1e-10)
    bounds = np.asarray(direct.conf_int(alpha=0.05))
    np.testing.assert_allclose(table[["ci_low", "ci_high"]], bounds, rtol=1e-10)
    np.testing.assert_allclose(table["odds_ratio"], np.exp(direct.params), rtol=1e-10)
    np.testing.assert_allclose(table["odds_ratio_high"], np.exp(bounds[:, 1]), rtol=1e-10)
    assert fit.n_sentences == len(data) == int(sents["power_label"].ne("none").sum())
    assert fit.n_articles == groups.max() + 1 == sents["doc_id"].nunique()
    assert fit.dof == fit.n_articles - 1


def test_clustered_errors_are_cr1_of_the_gee_independence_sandwich(sents):
    """The same point estimates as GEE with an independence working correlation; the standard
    errors are its robust (sandwich) ones times the CR1 factor sqrt(G/(G-1) (N-1)/(N-K))."""
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    fit = model(sents, formula="equal ~ outlet + voice")
    labelled = sents[sents["power_label"] != "none"].reset_index(drop=True)
    data = labelled.assign(y=(labelled["power_label"] == "equal").astype(float))
    gee = smf.gee(
        "y ~ outlet + voice", groups="doc_id", data=data, family=sm.families.Binomial(),
        cov_struct=sm.cov_struct.Independence(),
    ).fit()  # fmt: skip
    n, k, g = len(data), len(fit.coefficients), fit.n_articles
    factor = math.sqrt(g / (g - 1) * (n - 1) / (n - k))
    np.testing.assert_allclose(fit.coefficients["estimate"], gee.params, rtol=1e-6)
    np.testing.assert_allclose(fit.coefficients["std_error"], gee.bse * factor, rtol=1e-6)


def test_the_other_pole_flips_every_sign_and_keeps_the_errors(sents):
    equal = model(sents, formula="equal ~ outlet + genre")
    junior = model(sents, formula="junior ~ outlet + genre")
    assert (junior.outcome, junior.reference) == ("junior", "equal")
    np.testing.assert_allclose(junior.coefficients["estimate"], -equal.coefficients["estimate"])
    np.testing.assert_allclose(junior.coefficients["std_error"], equal.coefficients["std_error"])
    np.testing.assert_allclose(junior.coefficients["p_value"], equal.coefficients["p_value"])


def test_sentences_without_a_pole_are_not_in_the_model(sents):
    fit = model(sents, formula="equal ~ outlet")
    more = pd.concat([sents, sents.head(50).assign(power_label="none")], ignore_index=True)
    again = model(more, formula="equal ~ outlet")
    assert again.n_sentences == fit.n_sentences
    pd.testing.assert_frame_equal(again.coefficients, fit.coefficients)


def test_missing_labels_count_as_no_pole(sents):
    """A table merged with a coding sheet may have no label for some sentences."""
    gaps = sents.assign(power_label=sents["power_label"].replace("none", None))
    assert model(gaps, formula="equal ~ outlet") == model(sents, formula="equal ~ outlet")


def test_the_call_forms_agree(sents):
    """DESIGN.md's model(sents, "power", formula="outlet + ...") and the formula with its pole."""
    named = model(sents, "power", formula="outlet + genre")
    inferred = model(sents, formula="equal ~ outlet + genre")
    both = model(sents, formula="equal ~ outlet + genre", axis="power")
    assert named == inferred == both
    assert named.formula == "equal ~ outlet + genre"
    assert framing.model is model and framing.ModelFit is ModelFit


def test_input_is_not_modified(sents):
    before = sents.copy()
    model(sents, formula="equal ~ outlet + year")
    pd.testing.assert_frame_equal(sents, before)


def test_a_table_read_back_from_csv_gives_the_same_model(sents, tmp_path):
    path = tmp_path / "sents.csv"
    sents.to_csv(path, index=False)
    again = model(pd.read_csv(path), formula="equal ~ outlet + C(year)")
    assert again == model(sents, formula="equal ~ outlet + C(year)")


# --------------------------------------------------------------------------------------------
# What the fit cannot be trusted with
# --------------------------------------------------------------------------------------------
def test_missing_covariates_stop_with_a_count(sents):
    holes = sents.copy()
    holes["genre"] = holes["genre"].astype(object)
    holes.loc[holes["doc_id"].isin(["a000", "a001"]), "genre"] = None
    n_missing = int((holes["genre"].isna() & (holes["power_label"] != "none")).sum())
    with pytest.raises(
        InputError, match=f"{n_missing} of .* \\(2 articles\\).*'genre' {n_missing}"
    ):
        model(holes, formula="equal ~ outlet + genre")
    with pytest.warns(DataQualityWarning, match=f"{n_missing} of"):
        dropped = model(holes, formula="equal ~ outlet + genre", missing="drop")
    assert dropped.n_dropped == n_missing
    assert dropped.n_articles == sents["doc_id"].nunique() - 2
    complete = model(holes[holes["genre"].notna()], formula="equal ~ outlet + genre")
    pd.testing.assert_frame_equal(dropped.coefficients, complete.coefficients)
    assert "without a covariate left out" in " ".join(dropped.table("plain").split())


def test_missing_values_in_columns_the_formula_does_not_name_do_not_matter(sents):
    other = sents.assign(country=None)
    assert model(other, formula="equal ~ outlet") == model(sents, formula="equal ~ outlet")


def test_few_articles_warn_and_say_so_in_the_table():
    small = simulate(np.random.default_rng(3), n_articles=12)
    with pytest.warns(SmallSampleWarning, match="few_articles: power model: 12 articles"):
        fit = model(small, formula="equal ~ outlet")
    assert set(fit.warnings) == {"few_articles"}
    assert fit.dof == 11
    assert "Warning: few_articles" in fit.table("plain")


def test_enough_articles_give_no_warning(sents):
    assert sents["doc_id"].nunique() >= FEW_ARTICLES
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = model(sents, formula="equal ~ outlet")
    assert fit.warnings == {}
    assert "Warning" not in fit.table("plain")


def test_separation_is_an_error_naming_the_level(sents):
    separated = sents.copy()
    is_b = (separated["outlet"] == "B") & (separated["power_label"] != "none")
    separated.loc[is_b, "power_label"] = "junior"
    with pytest.raises(InsufficientDataError, match=r"separation: every sentence with "
                       r"outlet\[T.B\] = 1 is 'junior'"):  # fmt: skip
        model(separated, formula="equal ~ outlet")


def test_separation_by_a_number_is_an_error(sents):
    numbered = sents.assign(length=np.where(sents["power_label"] == "equal", 2.0, 1.0))
    numbered["length"] += np.random.default_rng(0).uniform(0, 0.5, len(numbered))
    with pytest.raises(InsufficientDataError, match="separation"):
        model(numbered, formula="equal ~ length")


def test_one_pole_only_is_an_error(sents):
    same = sents.assign(power_label=sents["power_label"].replace("junior", "equal"))
    with pytest.raises(InsufficientDataError, match="every one of the .* labelled sentences is"):
        model(same, formula="equal ~ outlet")


def test_a_level_of_one_article_is_an_error(sents):
    lonely = sents.assign(outlet=np.where(sents["doc_id"] == "a005", "C", sents["outlet"]))
    with pytest.raises(InsufficientDataError, match=r"outlet\[T.C\] come from one article"):
        model(lonely, formula="equal ~ outlet")
    reference = sents.assign(outlet=np.where(sents["doc_id"] == "a005", "0", sents["outlet"]))
    with pytest.raises(InsufficientDataError, match="the reference level of outlet"):
        model(reference, formula="equal ~ outlet")


def test_no_more_articles_than_parameters_is_an_error():
    tiny = simulate(np.random.default_rng(1), n_articles=4, sentences=(20, 30))
    with pytest.raises(InsufficientDataError, match="4 articles for 4 parameters") as info:
        model(tiny, formula="equal ~ outlet + genre + year")
    assert (info.value.n, info.value.needed) == (4, 5)


def test_collinear_terms_are_an_error(sents):
    twin = sents.assign(paper=sents["outlet"].map({"A": "x", "B": "y"}))
    with pytest.raises(
        ParameterError, match=r"paper\[T.y\] is determined by the terms before"
    ) as info:
        model(twin, formula="equal ~ outlet + paper")
    assert info.value.value == "equal ~ outlet + paper"


@pytest.mark.parametrize(
    ("formula", "axis", "match"),
    [
        ("", None, "a formula such as"),
        ("equal ~ outlet ~ genre", None, "one '~' at most"),
        ("equal ~ ", None, "terms after '~'"),
        ("friendly ~ outlet", None, "name the axis"),
        ("friendship ~ outlet", "power", "a pole of 'power'"),
        ("equal ~ outlett", None, "outlett.*the table's columns"),
    ],
    ids=["empty", "two-tildes", "no-terms", "unknown-pole", "pole-of-another-axis", "no-column"],
)
def test_bad_formulas_say_what_is_expected(sents, formula, axis, match):
    with pytest.raises(ParameterError, match=match):
        model(sents, axis, formula=formula)


def test_bad_options_are_parameter_errors(sents):
    with pytest.raises(ParameterError, match="missing='keep'"):
        model(sents, formula="equal ~ outlet", missing="keep")
    with pytest.raises(ParameterError, match="confidence"):
        model(sents, formula="equal ~ outlet", confidence=95)
    with pytest.raises(ParameterError, match="cluster='article'"):
        model(sents, formula="equal ~ outlet", cluster="article")
    with pytest.raises(ParameterError, match="sents='list'"):
        model([], formula="equal ~ outlet")


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------
def test_tables_in_every_format(sents):
    fit = model(sents, formula="equal ~ outlet", confidence=0.9)
    github = fit.table("github")
    assert github.startswith("**power** (equal: 1, junior: 0; logistic")
    assert "log-odds [90% CI]" in github and "odds ratio [90% CI]" in github
    assert f"n = {fit.n_sentences:,} sentences labelled on power in 40 articles" in github
    row = fit.coefficients.iloc[1]
    shown = f"{row.odds_ratio:.2f} [{row.odds_ratio_low:.2f}, {row.odds_ratio_high:.2f}]"
    assert shown in github
    assert "\\begin{tabular}" in fit.table("latex")
    assert "<table>" in fit.table("html") and fit._repr_html_() == fit.table("html")
    assert str(fit) == fit.table("plain")
    frame = pd.read_csv(__import__("io").StringIO(fit.table("csv")))
    assert list(frame.columns) == list(COEFFICIENT_COLUMNS)
    np.testing.assert_allclose(frame["estimate"], fit.coefficients["estimate"])
    payload = json.loads(fit.table("json"))
    assert payload["settings"]["n_articles"] == 40 and payload["settings"]["confidence"] == 0.9
    assert [c["term"] for c in payload["coefficients"]] == list(fit.coefficients["term"])
    with pytest.raises(ParameterError, match="fmt='docx'"):
        fit.table("docx")


def test_names_from_the_data_are_text_not_markup(sents):
    marked = sents.assign(outlet=sents["outlet"].map({"A": "<b>A</b>", "B": "<i>B</i>"}))
    fit = model(marked, formula="equal ~ outlet")  # <b>A</b> is the reference level
    assert "<i>" not in fit.table("github") and "&lt;i&gt;B&lt;/i&gt;" in fit.table("github")
    assert "<i>" not in fit.table("html") and "&lt;i&gt;" in fit.table("html")
    # terms start with a column name or 'Intercept', never with a formula character
    assert fit.table("csv", safe_csv=True) == fit.table("csv")


def test_to_frame_carries_the_settings(sents):
    frame = model(sents, formula="equal ~ outlet").to_frame()
    assert frame.attrs["framing"]["kind"] == "model"
    assert frame.attrs["framing"]["n_articles"] == 40
    assert "statsmodels GLM" in frame.attrs["framing"]["method"]


def test_the_seeds_with_their_manifest_covariates():
    """The seed corpus: year and genre come from seeds/manifest.csv; five articles only."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = framing.score(SEEDS)
    with pytest.warns(SmallSampleWarning, match="few_articles: bond model: 5 articles"):
        fit = model(sents, formula="friendship ~ C(year) + voice")
    assert list(fit.coefficients["term"]) == ["Intercept", "C(year)[T.2024]", "voice[T.source]"]
    assert fit.n_sentences == int(sents["bond_label"].isin(["friendship", "convenience"]).sum())
    assert fit.n_articles == 5
    assert "relationship 2.0.0 (content hash" in " ".join(fit.table("plain").split())
    with pytest.raises(InsufficientDataError, match="come from one article"):
        _quiet_model(sents, formula="friendship ~ genre")


def test_command_line_prints_the_table_and_fails_cleanly(capsys):
    from framing.cli import main

    assert main(["model", str(SEEDS), "--formula", "friendship ~ C(year) + voice"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("**bond** (friendship: 1, convenience: 0; logistic")
    assert "voice\\[T.source\\]" in out
    assert "framing: warning: few_articles: bond model: 5 articles" in err
    args = ["model", str(SEEDS), "--formula", "friendship ~ voice", "--format", "csv", "-q"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == ",".join(COEFFICIENT_COLUMNS) and err == ""
    assert main(["model", str(SEEDS), "--formula", "friendship ~ genre", "-q"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("framing: error: bond: the sentences of genre[T.")


def test_import_framing_does_not_import_statsmodels():
    code = "import sys, framing; framing.model; print('statsmodels' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


# --------------------------------------------------------------------------------------------
# Calibration (benchmarks/bench_model.py measures it at more settings)
# --------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_clustered_intervals_cover_the_true_effect_in_a_small_simulation():
    """Article random effect sd 1, 40 articles of 10 to 30 labelled sentences: the clustered 95%
    interval of the outlet effect covers the true (population-averaged) value in about 95% of
    120 draws; the model-based interval, which takes sentences as independent, in far fewer."""
    rng = np.random.default_rng(2024)
    truth = population_averaged(0.5, 1.0)
    hits = naive_hits = 0
    reps = 120
    for _ in range(reps):
        data = simulate(rng, 40, effect=0.5, sigma=1.0, sentences=(10, 30), none_share=0.0,
                        genre_effect=0.0)  # fmt: skip
        row = model(data, formula="equal ~ outlet").coefficients.iloc[1]
        hits += row.ci_low <= truth <= row.ci_high
        direct, _, _ = _statsmodels_fit(data, "outlet")
        low, high = np.asarray(direct.model.fit().conf_int())[1]  # model-based errors
        naive_hits += low <= truth <= high
    assert 0.88 <= hits / reps <= 0.995, hits / reps
    assert naive_hits / reps <= 0.85, naive_hits / reps


@pytest.mark.slow
def test_the_calibration_benchmark_runs(monkeypatch, capsys):
    """benchmarks/bench_model.py, two replications per setting: a row per setting and the
    summary line (the figures themselves are in docs/guide/models.md)."""
    monkeypatch.syspath_prepend(str(SEEDS.parent / "benchmarks"))
    import bench_model

    monkeypatch.setattr(sys, "argv", ["bench_model.py", "--replications", "2"])
    bench_model.main()
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line[:8].strip().isdigit()]
    assert len(rows) == len(bench_model.SETTINGS)
    assert "clustered 95% interval of the outlet effect: coverage" in out
    truth = bench_model.population_averaged(1.0)
    assert 0 < truth["outlet[T.B]"] < bench_model.BETA_OUTLET  # attenuated towards 0
