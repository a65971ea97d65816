"""The framing command, called in-process through main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main

from .conftest import SEEDS

DATA = Path(__file__).parent / "data" / "lexicons"


def test_compare_seeds_prints_the_table_alone(capsys):
    assert main(["compare", str(SEEDS), "--n-resamples", "200", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "**power**" in out and "**bond**" in out and "single_document" in out
    assert "Hindustan Times" in out
    assert err == ""


def test_compare_warnings_go_to_stderr(capsys):
    assert main(["compare", str(SEEDS), "--n-resamples", "200"]) == 0
    _, err = capsys.readouterr()
    assert err.startswith("framing: warning: single_document")


@pytest.mark.parametrize("fmt", ["csv", "json", "latex", "html"])
def test_compare_formats(capsys, fmt):
    assert main(["compare", str(SEEDS), "--n-resamples", "200", "--format", fmt, "-q"]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        json.loads(out)
    if fmt == "latex":
        assert "\\begin{tabular}" in out


def test_score_writes_csv_atomically(tmp_path, capsys):
    target = tmp_path / "sentences.csv"
    assert main(["score", str(SEEDS), "-o", str(target), "-q"]) == 0
    assert capsys.readouterr().out == ""
    frame = pd.read_csv(target)
    assert len(frame) == 225
    assert json.loads(frame.loc[0, "cues"])[0]["cue"] == "friends with strategic benefits"
    # the table and its provenance (framing.read_sentences reads both); no temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sentences.csv",
        "sentences.csv.framing.json",
    ]


def test_bad_inputs_exit_2_with_one_line(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and err.count("\n") == 1 and "no such file" in err

    assert main(["score", str(SEEDS), "-o", str(tmp_path / "no" / "x.csv")]) == 2
    assert "folder" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()

    assert main(["compare", str(SEEDS), "--format", "docx"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_lexicon_check(capsys):
    assert main(["lexicon", "check", "relationship"]) == 0
    assert "no problems" in capsys.readouterr().out
    assert main(["lexicon", "check", str(DATA / "us_uk.toml")]) == 0
    capsys.readouterr()
    assert main(["lexicon", "check", str(DATA / "bad.toml")]) == 2
    out = capsys.readouterr().out
    assert "line 5: unknown key 'colour'" in out and out.count("\n") == 9


def test_help_has_examples(capsys):
    for command in (["compare"], ["score"], ["lexicon", "check"]):
        assert main([*command, "--help"]) == 0
        assert "example: framing" in capsys.readouterr().out


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("framing ")


def test_progress_bar_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    for i in range(60):
        (tmp_path / f"d{i:02d}.txt").write_text("Xi and Putin are old friends.", encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["score", str(tmp_path), "-o", str(out)]) == 0
    assert "scoring [" not in capsys.readouterr().err  # captured stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["score", str(tmp_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "scoring [" in err and "60/60\n" in err
    assert main(["score", str(tmp_path), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
