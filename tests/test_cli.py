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


# -- column options, one -o rule (issue #16) ------------------------------------------------------
def _own_columns(tmp_path: Path, suffix: str) -> Path:
    """Two constructed articles in a file whose columns are not framing's default names."""
    records = [
        {"body": "Xi and Putin are old friends.", "key": "k1", "source": "Daily",
         "published": "2024-05-01"},
        {"body": "Russia is China's junior partner, Xi and Putin agree.", "key": "k2",
         "source": "Weekly", "published": "2024-06-01"},
    ]  # fmt: skip
    path = tmp_path / f"articles{suffix}"
    if suffix == ".csv":
        pd.DataFrame(records).to_csv(path, index=False)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_column_options_name_the_columns_of_a_file(tmp_path, capsys, suffix):
    path = _own_columns(tmp_path, suffix)
    out = tmp_path / "sentences.csv"
    assert main(["score", str(path), "-o", str(out), "-q"]) == 2  # no 'text' column
    assert "text" in capsys.readouterr().err
    columns = ["--text", "body", "--id", "key", "--outlet", "source", "--date", "published"]
    assert main(["score", str(path), "-o", str(out), "-q", *columns]) == 0
    sents = pd.read_csv(out)
    assert sents["doc_id"].tolist() == ["k1", "k2"]
    assert sents["outlet"].tolist() == ["Daily", "Weekly"]
    assert sents["date"].tolist() == ["2024-05-01", "2024-06-01"]
    assert sents["bond_label"].tolist() == ["friendship", "none"]
    assert main(["compare", str(path), "--format", "csv", "-q", *columns]) == 0
    table = capsys.readouterr().out
    assert "Daily" in table and "Weekly" in table
    report = tmp_path / "report"
    assert main(["report", str(path), "-o", str(report), "-q", "--n-resamples", "100", *columns]) == 0
    assert "| Daily |" in (report / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["compare", "score", "report"])
def test_no_command_creates_a_missing_folder_for_its_output(tmp_path, capsys, command):
    target = tmp_path / "missing" / "deeper" / ("out" if command == "report" else "out.csv")
    assert main([command, str(SEEDS), "-o", str(target), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"framing: error: cannot write {target}: folder {str(target.parent)!r} does not exist\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_report_creates_only_its_own_folder(tmp_path, capsys):
    target = tmp_path / "new"
    assert main(["report", str(SEEDS), "-o", str(target), "-q", "--n-resamples", "100"]) == 0
    assert (target / "report.md").is_file()


def test_an_unknown_output_extension_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    assert main(["score", str(SEEDS), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and err.count("\n") == 1
    assert "'.xlsx'" in err and "--format" in err
    assert list(tmp_path.iterdir()) == []
    assert main(["score", str(SEEDS), "-o", str(target), "--format", "csv", "-q"]) == 0
    assert target.read_text(encoding="utf-8").startswith("doc_id,")  # asked for: CSV it is


# -- report: progress and warnings (issue #16) ---------------------------------------------------
def test_report_prints_its_warnings_unless_quiet(tmp_path, capsys):
    command = ["report", str(SEEDS), "--n-resamples", "100"]
    assert main([*command, "-o", str(tmp_path / "a")]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"framing: wrote {tmp_path / 'a' / 'report.md'}\n")
    assert "framing: warning: single_document" in err  # as `compare` says of the seeds
    assert main([*command, "-o", str(tmp_path / "b"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_report_shows_progress_on_a_terminal(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = ["file,outlet"]
    for i in range(60):  # constructed sentences, from two outlets
        text = "Xi and Putin are old friends." if i % 3 else "Russia is China's junior partner."
        (corpus / f"d{i:02d}.txt").write_text(f"Xi met Putin. {text}", encoding="utf-8")
        rows.append(f"d{i:02d}.txt,{'AB'[i % 2]}")
    (corpus / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    command = ["report", str(corpus), "--n-resamples", "100", "-o"]
    assert main([*command, str(tmp_path / "a")]) == 0
    assert "scoring [" not in capsys.readouterr().err  # captured stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main([*command, str(tmp_path / "b")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("\rscoring [") and "] 60/60\nframing: wrote " in err
    assert main([*command, str(tmp_path / "c"), "-q"]) == 0
    assert capsys.readouterr().err == ""
