"""Many groups (issue 16): 30 constructed outlets give 435 pairs per axis; tables, reports and
warnings stay readable (they fold), while the API keeps every number."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from framing._compare import compare
from framing._corpus import load_corpus
from framing._report import write_report
from framing._scoring import score
from framing.cli import main

from .many_groups import many_outlets

N_PAIRS = 30 * 29 // 2  # per axis


@pytest.fixture(scope="module")
def many():
    """The constructed corpus scored, compared, and the warnings compare() gave."""
    data = many_outlets()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score(load_corpus(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        comparison = compare(sents, seed=0, n_resamples=200)
    return data, sents, comparison, [str(w.message) for w in caught]


def pairwise_rows(text: str) -> list[str]:
    return [
        line for line in text.splitlines() if line.startswith("| Outlet") and "| Outlet" in line[2:]
    ]


def test_the_api_keeps_every_test(many):
    _, _, comparison, _ = many
    assert len(comparison.pairwise) == 2 * N_PAIRS
    frame = pd.read_csv(io.StringIO(comparison.table("csv")))
    assert (frame["table"] == "pairwise").sum() == 2 * N_PAIRS
    assert len(comparison.table("json")) > 2 * N_PAIRS * 100


def test_tables_fold_to_the_strongest_tests(many):
    _, _, comparison, _ = many
    text = comparison.table("github")
    rows = pairwise_rows(text)
    assert len(rows) == 2 * 30
    assert text.count(f"Showing 30 of {N_PAIRS} pairwise tests on this axis") == 2
    assert "Comparison.pairwise" in text
    # the rows shown are the 30 smallest adjusted p-values (then the largest |h|), in order
    bond = comparison.pairwise[comparison.pairwise["axis"] == "bond"]
    ranked = bond.assign(size=-bond["effect_size"].abs()).sort_values(["p_adjusted", "size"])
    expected = [f"| {a} | {b} |" for a, b in zip(ranked["group_a"], ranked["group_b"], strict=True)]
    shown = ["| " + " | ".join(cell.strip() for cell in row.split("|")[1:3]) + " |" for row in rows]
    assert shown[30:] == expected[:30]
    assert (
        ranked["p_adjusted"].iloc[0]
        <= ranked["p_adjusted"].iloc[29]
        <= ranked["p_adjusted"].iloc[30]
    )
    # every test when asked; a smaller limit; a bad limit
    assert len(pairwise_rows(comparison.table("github", max_pairs=None))) == 2 * N_PAIRS
    assert len(pairwise_rows(comparison.table("github", max_pairs=5))) == 10
    for fmt in ("html", "latex", "plain"):
        assert "Showing 30 of 435" in " ".join(comparison.table(fmt).split())
    with pytest.raises(ValueError, match="max_pairs=0"):
        comparison.table(max_pairs=0)
    assert len(text) < 25_000  # 124,890 characters before folding


def test_warnings_are_summarised(many):
    _, _, _, messages = many
    assert len(messages) == 5
    assert all(len(m) < 600 for m in messages), [len(m) for m in messages]
    few = next(m for m in messages if m.startswith("few_labels"))
    assert few.count("(power)") + few.count("(bond)") == 8
    assert "… and 10 more (18 in all; the warnings column of the summary has them all)" in few
    skipped = next(m for m in messages if m.startswith("tests skipped"))
    assert "… and 21 more (29 in all; the method column of the pairwise table has them all)" in (
        skipped
    )


def test_reference_makes_one_test_per_group(many):
    _, sents, _, _ = many
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comparison = compare(sents, reference="Outlet 15", seed=0, n_resamples=200)
    bond = comparison.pairwise[comparison.pairwise["axis"] == "bond"]
    assert len(bond) == 29 and set(bond["group_b"]) == {"Outlet 15"}
    text = comparison.table("github")
    assert "Showing" not in text and len(pairwise_rows(text)) == 2 * 29
    # power: Outlet 30 has no label there, so 28 tests; bond: 29
    assert "Holm over the tests made on each axis (power 28, bond 29)" in " ".join(text.split())


def test_report_folds_and_writes_every_test_beside_it(many, tmp_path):
    data, _, _, _ = many
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = write_report(data, tmp_path / "report", n_resamples=200, seed=0)
    text = page.read_text(encoding="utf-8")
    assert len(pairwise_rows(text)) == 2 * 30
    assert "all 870 pairwise tests, is in `comparison.csv`" in " ".join(text.split())
    frame = pd.read_csv(page.parent / "comparison.csv")
    assert (frame["table"] == "pairwise").sum() == 2 * N_PAIRS
    assert (frame["table"] == "summary").sum() == 2 * 30
    warning_lines = [line for line in text.splitlines() if line.startswith("  - ")]
    assert warning_lines and all(len(line) < 650 for line in warning_lines)
    assert page.stat().st_size < 80_000  # 164,142 bytes before folding


def test_cli_warnings_are_short_lines(many, tmp_path, capsys):
    data, _, _, _ = many
    path = tmp_path / "many.csv"
    data.to_csv(path, index=False)
    assert main(["compare", str(path), "--n-resamples", "200"]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 5 and all(line.startswith("framing: warning: ") for line in lines)
    assert max(len(line) for line in lines) < 650
    assert f"Showing 30 of {N_PAIRS}" in " ".join(out.split())
