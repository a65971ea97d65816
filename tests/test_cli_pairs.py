"""The command line's choice of pairs: --reference, --contrast A,B (repeatable), --no-pairwise."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from framing.cli import main

from .conftest import SEEDS

URDU = "UrduPoint (APP, AFP wire)"


def compare_csv(capsys, *options):
    assert (
        main(["compare", str(SEEDS), "--n-resamples", "200", "-q", "--format", "csv", *options])
        == 0
    )
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    return frame[frame["table"] == "pairwise"]


def test_reference(capsys):
    pairs = compare_csv(capsys, "--reference", "NPR")
    assert len(pairs) == 2 * 4  # two axes, four other outlets
    assert set(pairs["group_b"]) == {"NPR"}
    assert sorted(set(pairs["group_a"])) == sorted(
        ["China Digital Times", "Hindustan Times", "The Independent", URDU]
    )


def test_contrasts_in_their_order_with_a_comma_in_a_name(capsys):
    pairs = compare_csv(capsys, "--contrast", f"{URDU},NPR", "--contrast", "NPR,The Independent")
    power = pairs[pairs["axis"] == "power"]
    assert list(zip(power["group_a"], power["group_b"], strict=True)) == [
        (URDU, "NPR"),
        ("NPR", "The Independent"),
    ]


def test_no_pairwise(capsys):
    assert compare_csv(capsys, "--no-pairwise").empty
    assert main(["compare", str(SEEDS), "--n-resamples", "200", "-q", "--no-pairwise"]) == 0
    out = capsys.readouterr().out
    assert "group a" not in out and "**omnibus**" in out
    assert "no pairwise tests" in " ".join(out.split())


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--reference", "Xinhua"], "reference='Xinhua' is not allowed; expected one of: "),
        (["--contrast", "NPR,Xinhua"], "'China Digital Times', 'Hindustan Times', 'NPR'"),
        (["--contrast", "NPR"], "give two group names separated by a comma"),
        (["--reference", "NPR", "--no-pairwise"], "not allowed with argument"),
        (["--reference", "NPR", "--contrast", "NPR,The Independent"], "not allowed with"),
    ],
    ids=["unknown-reference", "unknown-contrast", "one-name", "with-no-pairwise", "both"],
)
def test_bad_pair_options_exit_2(capsys, options, words):
    assert main(["compare", str(SEEDS), "--n-resamples", "200", "-q", *options]) == 2
    err = capsys.readouterr().err
    assert words in err


def test_report_takes_the_options(tmp_path, capsys):
    target = tmp_path / "report"
    assert main(["report", str(SEEDS), "-o", str(target), "--n-resamples", "200", "-q",
                 "--reference", "NPR"]) == 0  # fmt: skip
    text = (target / "report.md").read_text(encoding="utf-8")
    assert "each group against 'NPR'" in " ".join(text.split())
    assert "| Hindustan Times             | NPR       |" in text
    assert "| China Digital Times | Hindustan Times" not in text
    assert "| China Digital Times         | Hindustan Times" not in text
