"""framing score / compare on big files: streamed output, bad input and failed runs (issue #7).

Inputs are the seed articles, each repeated under new document ids (``<id>-copy<k>``), written
as .jsonl files; the expected tables come from the library (:func:`framing.score`,
:func:`framing.compare`) on the same file.
"""

from __future__ import annotations

import io
import json
import math
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import framing
from framing._scoring import cues_from_json, cues_to_json
from framing.cli import main

from .conftest import SEEDS

COPIES = 3  # 15 documents, 675 sentences
BAD_LINE = '{"doc_id": "broken", "text": "constructed line, cut off\n'  # not JSON


def _seed_records() -> list[dict[str, Any]]:
    frame = framing.load_corpus(SEEDS).to_frame()
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def _copies(copies: int) -> list[dict[str, Any]]:
    """Every seed article ``copies`` times, under new ids, in copy order."""
    seeds = _seed_records()
    return [
        {**record, "doc_id": f"{record['doc_id']}-copy{k}"}
        for k in range(copies)
        for record in seeds
    ]


def _write_jsonl(path: Path, records: list[dict[str, Any]], *, bad_at: int | None = None) -> Path:
    """One record per line; with ``bad_at``, a malformed line is put at that (1-based) line."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    if bad_at is not None:
        lines.insert(bad_at - 1, BAD_LINE)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _expected(path: Path) -> pd.DataFrame:
    """framing.score() on the file, cues as JSON text (as in csv and parquet files)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cues_to_json(framing.score(path))


def _read(path: Path, fmt: str) -> pd.DataFrame:
    """A written sentence table, cues as JSON text."""
    if fmt == "csv":
        return pd.read_csv(path)
    if fmt == "parquet":
        return pd.read_parquet(path)
    text = path.read_text(encoding="utf-8")
    records = (
        [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
    )
    frame = pd.DataFrame.from_records(records)
    frame["cues"] = [json.dumps(cues, ensure_ascii=False) for cues in frame["cues"]]
    return frame


def _plain(value: Any, *, csv: bool) -> Any:
    """A cell as a plain Python value; every kind of missing is None (in CSV, so is '')."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return None if csv and value == "" else value


def _assert_same_table(got: pd.DataFrame, expected: pd.DataFrame, *, csv: bool = False) -> None:
    """Same columns in the same order, same rows in the same order, same values (floats
    exactly). CSV cannot tell an empty string from a missing value: there both are None."""
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    for column in expected.columns:
        values = [_plain(value, csv=csv) for value in got[column]]
        wanted = [_plain(value, csv=csv) for value in expected[column]]
        assert values == wanted, column


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The seeds three times over as one .jsonl file, and its sentence table."""
    path = _write_jsonl(tmp_path_factory.mktemp("big") / "big.jsonl", _copies(COPIES))
    return path, _expected(path)


# -- every format, every chunking: the table of score() -------------------------------------
@pytest.mark.parametrize(
    "chunking",
    [[], ["--chunk-size", "1"], ["--chunk-size", "3"], ["--jobs", "2", "--chunk-size", "3"]],
    ids=["default", "chunk1", "chunk3", "jobs2"],
)
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "parquet"])
def test_each_format_reads_back_as_the_table_of_score(tmp_path, capsys, big, fmt, chunking):
    path, expected = big
    target = tmp_path / f"sentences.{fmt}"
    assert main(["score", str(path), "-o", str(target), "-q", *chunking]) == 0
    assert capsys.readouterr() == ("", "")
    assert len(expected) == 225 * COPIES
    _assert_same_table(_read(target, fmt), expected, csv=fmt == "csv")
    sidecar = [] if fmt == "parquet" else [f"{target.name}.framing.json"]  # the provenance
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name, *sidecar]


@pytest.mark.parametrize(
    ("fmt", "name"), [("jsonl", "out.txt"), ("parquet", "out.data"), ("csv", "out.json")]
)
def test_format_option_wins_over_the_extension(tmp_path, big, fmt, name):
    path, expected = big
    target = tmp_path / name
    assert main(["score", str(path), "-o", str(target), "--format", fmt, "-q"]) == 0
    _assert_same_table(_read(target, fmt), expected, csv=fmt == "csv")


def test_json_floats_keep_every_digit(tmp_path, big):
    """A cue weight such as 0.22499999999999998 (not kept by 15 significant digits, where
    pandas' to_json stops) comes back as the same float."""
    path, expected = big
    target = tmp_path / "sentences.jsonl"
    assert main(["score", str(path), "-o", str(target), "-q"]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    weights = [cue["weight"] for line in lines for cue in json.loads(line)["cues"]]
    assert weights == [cue["weight"] for cues in expected["cues"] for cue in json.loads(cues)]
    assert any(float(f"{weight:.15g}") != weight for weight in weights)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_stdout_without_output_file(capsys, big, fmt):
    path, expected = big
    assert main(["score", str(path), "--format", fmt, "--chunk-size", "4", "-q"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if fmt == "csv":
        got = pd.read_csv(io.StringIO(out))
    else:
        got = pd.DataFrame.from_records(json.loads(out))
        got["cues"] = [json.dumps(cues, ensure_ascii=False) for cues in got["cues"]]
    _assert_same_table(got, expected, csv=fmt == "csv")


def test_parquet_to_stdout_is_refused_before_reading(tmp_path, capsys):
    assert main(["score", str(tmp_path / "not-read.jsonl"), "--format", "parquet"]) == 2
    assert capsys.readouterr() == (
        "",
        "framing: error: parquet output is binary: give a file with -o FILE.parquet\n",
    )


def test_seed_folder_to_csv_still_works(tmp_path, capsys, seeds_scores_cached):
    target = tmp_path / "x.csv"
    assert main(["score", f"{SEEDS}/", "-o", str(target), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    _assert_same_table(_read(target, "csv"), cues_to_json(seeds_scores_cached), csv=True)


# -- a column that starts after the first chunk ------------------------------------------------
@pytest.fixture(scope="module")
def late(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """A 'section' key from the sixth record on: absent from the first chunk of 3."""
    records = _copies(2)
    for index, record in enumerate(records):
        if index >= 5:
            record["section"] = f"section {index % 3}"
    path = _write_jsonl(tmp_path_factory.mktemp("late") / "late.jsonl", records)
    return path, _expected(path)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_late_column_is_left_out_of_one_header_formats_with_one_warning(
    tmp_path, capsys, late, fmt
):
    path, expected = late
    target = tmp_path / f"sentences.{fmt}"
    assert main(["score", str(path), "-o", str(target), "--chunk-size", "3"]) == 0
    err = capsys.readouterr().err
    assert (
        err.count("framing: warning: column(s) 'section' first appear after the first chunk") == 1
    )
    assert f"not in the {fmt} output" in err and "Traceback" not in err
    _assert_same_table(_read(target, fmt), expected.drop(columns="section"), csv=fmt == "csv")


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_late_column_is_kept_in_json_lines(tmp_path, capsys, late, fmt):
    path, expected = late
    target = tmp_path / f"sentences.{fmt}"
    assert main(["score", str(path), "-o", str(target), "--chunk-size", "3"]) == 0
    assert "first appear" not in capsys.readouterr().err
    got = _read(target, fmt)
    assert got["section"].notna().sum() == expected["section"].notna().sum() > 0
    _assert_same_table(got, expected)


def test_a_column_empty_in_the_first_chunk_keeps_its_later_values(tmp_path, capsys):
    records = _copies(2)
    for index, record in enumerate(records):
        record["section"] = None if index < 3 else f"section {index}"
    path = _write_jsonl(tmp_path / "nulls.jsonl", records)
    for fmt in ("csv", "parquet"):
        target = tmp_path / f"sentences.{fmt}"
        assert main(["score", str(path), "-o", str(target), "--chunk-size", "3", "-q"]) == 0
        _assert_same_table(_read(target, fmt), _expected(path), csv=fmt == "csv")
    assert capsys.readouterr().err == ""


# -- malformed lines ---------------------------------------------------------------------------
def test_errors_skip_leaves_out_the_bad_line_and_says_where(tmp_path, capsys):
    records = _copies(2)
    path = _write_jsonl(tmp_path / "bad.jsonl", records, bad_at=8)
    good = _write_jsonl(tmp_path / "good.jsonl", records)
    target = tmp_path / "sentences.csv"
    command = ["score", str(path), "-o", str(target), "--errors", "skip", "--chunk-size", "3"]
    assert main(command) == 0
    err = capsys.readouterr().err
    assert err.count("1 malformed line(s) skipped (line 8)") == 1
    _assert_same_table(_read(target, "csv"), _expected(good), csv=True)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "parquet"])
def test_errors_raise_after_chunks_were_written_leaves_nothing(tmp_path, capsys, fmt, jobs):
    """Line 15 fails after chunks of 3 documents have been written to the temporary file:
    no output and no temporary file remain, and an earlier output stays as it was."""
    folder = tmp_path / "out"
    folder.mkdir()
    path = _write_jsonl(tmp_path / "bad.jsonl", _copies(COPIES), bad_at=15)
    target = folder / f"sentences.{fmt}"
    assert main(["score", str(path), "-o", str(target), "--chunk-size", "3", "--jobs", jobs]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and err.count("\n") == 1
    assert "bad.jsonl, line 15: not valid JSON" in err
    assert list(folder.iterdir()) == []

    target.write_bytes(b"an earlier run\n")
    assert main(["score", str(path), "-o", str(target), "--chunk-size", "3", "--jobs", jobs]) == 2
    assert target.read_bytes() == b"an earlier run\n"
    assert [p.name for p in folder.iterdir()] == [target.name]


# -- interrupted run (a real process and a real SIGINT) ----------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.slow
def test_interrupt_leaves_no_output_and_no_temporary_file(tmp_path):
    path = _write_jsonl(tmp_path / "many.jsonl", _copies(200))  # ~10 s to score: never finishes
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "sentences.csv"
    target.write_bytes(b"an earlier run\n")
    command = [sys.executable, "-m", "framing", "score", str(path), "-o", str(target)]
    process = subprocess.Popen(
        [*command, "--chunk-size", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A child inherits an ignored SIGINT (a shell's background job, or a test runner that
        # ignores it), and Python then keeps it ignored: give the child the default, as a
        # terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size for p in folder.glob("*.tmp")):  # chunks are written
            assert process.poll() is None and time.monotonic() < deadline, process.stderr
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert out == "" and err == "framing: interrupted; no output file was written\n"
    assert [p.name for p in folder.iterdir()] == [target.name]
    assert target.read_bytes() == b"an earlier run\n"


# -- compare on a stream: tallies only ---------------------------------------------------------
@pytest.mark.parametrize("chunking", [["--chunk-size", "2"], ["--jobs", "2", "--chunk-size", "4"]])
def test_compare_on_a_big_file_gives_the_whole_file_table(capsys, big, chunking):
    path, expected = big
    command = ["compare", str(path), "--format", "csv", "--n-resamples", "200", "--seed", "3"]
    assert main([*command, "-q", *chunking]) == 0
    out = capsys.readouterr().out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = framing.compare(cues_from_json(expected), n_resamples=200, seed=3)
    assert out == whole.table(fmt="csv").rstrip("\n") + "\n"


# -- bad option values -------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["score", "compare"])
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--chunk-size", "0"),
        ("--chunk-size", "-3"),
        ("--chunk-size", "many"),
        ("--jobs", "0"),
        ("--jobs", "-2"),
        ("--jobs", "1.5"),
        ("--errors", "ignore"),
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path, capsys, big, command, option, value):
    target = tmp_path / "out.csv"
    assert main([command, str(big[0]), "-o", str(target), option, value]) == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: " in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


# -- the output file itself --------------------------------------------------------------------
def test_output_file_has_the_usual_permissions(tmp_path, big):
    """Not the 0600 of the temporary file it was renamed from: as any new file (umask)."""
    usual = tmp_path / "usual.txt"
    usual.write_text("", encoding="utf-8")
    for name in ("sentences.csv", "sentences.parquet"):
        assert main(["score", str(big[0]), "-o", str(tmp_path / name), "-q"]) == 0
        assert (tmp_path / name).stat().st_mode == usual.stat().st_mode
    table = tmp_path / "table.md"
    assert main(["compare", str(SEEDS), "--n-resamples", "100", "-o", str(table), "-q"]) == 0
    assert table.stat().st_mode == usual.stat().st_mode


def test_output_that_is_a_folder_is_a_usage_error(tmp_path, capsys, big):
    (tmp_path / "sentences.csv").mkdir()
    assert main(["score", str(big[0]), "-o", str(tmp_path / "sentences.csv")]) == 2
    assert capsys.readouterr().err == (
        f"framing: error: cannot write {tmp_path / 'sentences.csv'}: it is a folder; give a file "
        "name\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["sentences.csv"]


@pytest.mark.slow
def test_stdout_closed_early_ends_quietly(big):
    """`framing score big.jsonl | head -1`: no BrokenPipeError traceback."""
    command = [sys.executable, "-m", "framing", "score", str(big[0]), "--chunk-size", "1", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline().startswith(b"doc_id,")
        process.stdout.close()  # the table is 400 kB: far more than the pipe holds
        err = process.communicate(timeout=60)[1]
    finally:
        process.kill()
    assert (process.returncode, err) == (141, b"")


# -- progress on a terminal ------------------------------------------------------------------
def test_stream_counter_ends_its_line_before_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    path = _write_jsonl(tmp_path / "bad.jsonl", _copies(12), bad_at=55)
    target = tmp_path / "sentences.csv"
    assert main(["score", str(path), "-o", str(target), "--chunk-size", "10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("\rscoring: 50 documents\nframing: error: ")
    assert "line 55: not valid JSON" in err and err.count("\n") == 2
    assert list(tmp_path.iterdir()) == [path]


def test_progress_bar_ends_its_line_when_interrupted(tmp_path, capsys, monkeypatch):
    """A folder (the total is known: a bar) and a KeyboardInterrupt while the third chunk is
    written: the message starts its own line and nothing is left in the output folder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(60):  # constructed sentence
        (corpus / f"d{index:02d}.txt").write_text("Xi and Putin are old friends.", "utf-8")
    calls = []

    def interrupt_third(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(frame))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return cues_to_json(frame)

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr("framing._scoring.cues_to_json", interrupt_third)
    folder = tmp_path / "out"
    folder.mkdir()
    command = ["score", str(corpus), "-o", str(folder / "s.csv"), "--chunk-size", "10"]
    assert main(command) == 130
    err = capsys.readouterr().err
    assert err.startswith("\rscoring [#####.........................] 10/60\r")
    assert err.endswith("] 30/60\nframing: interrupted; no output file was written\n")
    assert list(folder.iterdir()) == []
