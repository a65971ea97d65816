"""Output safety (issue #18): what ``-o`` may replace, escaping of Markdown and tables, CSV
formula injection, and the report's files replaced as a set. All inputs are constructed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import stat
import sys
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
import framing._files
from framing._coding import read_coding, write_coding_sheet
from framing._escape import neutralise_formula, restore_formula
from framing._files import atomic_files
from framing._report import REPORT_FILES, write_report
from framing.cli import main
from framing.errors import InputError

from .conftest import SEEDS

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![](http://remote/x.png)",
    "<!-- hidden -->",
    "a|b",
    "a\nb",
    "a\rb",
]
FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR", "'=quoted", "''+two"]


def _sentences(outlets: list[str]) -> pd.DataFrame:
    """A constructed sentence table: each outlet three articles, two labelled sentences each."""
    rows = []
    for k, outlet in enumerate(outlets):
        for article in range(3):
            labels = ["equal", "junior"] if (k + article) % 2 else ["junior", "junior"]
            for sent, label in enumerate(labels):
                rows.append({"outlet": outlet, "doc_id": f"d{k}-{article}", "sent_id": sent,
                             "power_label": label, "voice": "narrator", "relevant": True})  # fmt: skip
    return pd.DataFrame(rows)


def _comparison(outlets: list[str]) -> framing.Comparison:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.compare(
            _sentences(outlets), axes={"power": ("equal", "junior")}, n_resamples=100, seed=0
        )


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _assert_no_markup(text: str, *, allowed_images: int = 0) -> None:
    assert "<" not in text and ">" not in text.replace("→", ""), text  # no raw tag or comment
    assert text.count("![") == allowed_images and text.count("](") == allowed_images
    assert "javascript:" not in text.lower()


# -- 1. -o never destroys what is not a regular file ----------------------------------------
def _compare_seeds(output: str) -> list[str]:
    return ["compare", str(SEEDS), "--n-resamples", "100", "-q", "-o", output]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_output_into_a_fifo_streams_and_keeps_the_fifo(tmp_path, capsys):
    assert main(["compare", str(SEEDS), "--n-resamples", "100", "-q"]) == 0
    expected = capsys.readouterr().out
    fifo = tmp_path / "table.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert main(_compare_seeds(str(fifo))) == 0
    reader.join(timeout=60)
    assert received == [expected]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["table.fifo"]  # no temporary file


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_output_into_a_symlink_to_dev_null_keeps_the_device(tmp_path):
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    assert main(_compare_seeds(str(link))) == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]
    assert main(_compare_seeds("/dev/null")) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_stdout(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(_compare_seeds("-")) == 0
    assert capsys.readouterr().out.startswith("**power**")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
def test_output_onto_a_socket_is_refused(tmp_path, capsys):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert main(_compare_seeds(str(path))) == 2
    finally:
        server.close()
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error: cannot write {path}: it is a socket;")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_file_replaced_by_root_keeps_its_owner(tmp_path):
    # As root, replacing a user's output (or report file) must not hand it to root.
    target = tmp_path / "table.md"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 4242, 4343)
    assert main(_compare_seeds(str(target))) == 0
    assert target.read_text(encoding="utf-8").startswith("**power**")
    assert (target.stat().st_uid, target.stat().st_gid) == (4242, 4343)
    folder = tmp_path / "report"
    assert main(["report", str(SEEDS), "-o", str(folder), "--quiet"]) == 0
    page = folder / "report.md"
    os.chown(page, 4242, 4343)
    assert main(["report", str(SEEDS), "-o", str(folder), "--force", "--quiet"]) == 0
    assert (page.stat().st_uid, page.stat().st_gid) == (4242, 4343)


def test_a_private_file_stays_private(tmp_path):
    target = tmp_path / "table.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    assert main(_compare_seeds(str(target))) == 0
    assert target.read_text(encoding="utf-8").startswith("**power**")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_hard_linked_file_is_written_in_place(tmp_path):
    target = tmp_path / "table.md"
    target.write_text("old\n", encoding="utf-8")
    other = tmp_path / "link.md"
    os.link(target, other)
    inode = target.stat().st_ino
    assert main(_compare_seeds(str(target))) == 0
    assert target.stat().st_ino == inode and target.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == target.read_text(encoding="utf-8") != "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "table.md"]


def test_a_symlinked_file_is_replaced_behind_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert main(_compare_seeds(str(link))) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("**power**")


# -- 5. Markdown and HTML injection ---------------------------------------------------------
@pytest.mark.parametrize("fmt", ["github", "pipe"])
def test_markdown_tables_escape_names_from_the_data(fmt):
    table = _comparison(HOSTILE).table(fmt)
    _assert_no_markup(table)
    for block in table.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:  # every row has the columns of the header
            assert {_unescaped_pipes(line) for line in lines} == {_unescaped_pipes(lines[0])}
    summary = [line for line in table.split("\n\n")[1].splitlines()][2:]
    assert len(summary) == len(HOSTILE)  # a line break in a name does not add a row


def test_html_and_plain_tables_escape_or_flatten():
    comparison = _comparison(HOSTILE)
    html = comparison.table("html")
    assert "<img" not in html and "<!--" not in html and "&lt;img" in html
    plain = comparison.table("plain").split("\n\n")[1].splitlines()
    assert len(plain) == 1 + len(HOSTILE)  # the header, one line per group


def _hostile_corpus() -> pd.DataFrame:
    texts = [
        f"{name} Russia is China's junior partner, and Xi and Putin met as equals."
        for name in HOSTILE
    ]
    texts.append("&lt;script&gt;alert(1)&lt;/script&gt; Russia is China's junior partner.")
    outlets = [*HOSTILE, "<b>bold</b>"]
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))] * 2,
        "outlet": outlets * 2,
        "title": ["<!-- t -->"] * len(texts) * 2,
        "text": texts + [t.replace("junior partner", "old friend") for t in texts],
    }).assign(doc_id=lambda f: [f"d{i}" for i in range(len(f))])  # fmt: skip


def test_report_md_has_no_markup_from_the_data(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_report(_hostile_corpus(), tmp_path / "r", n_resamples=100)
    text = path.read_text(encoding="utf-8")
    _assert_no_markup(text, allowed_images=1)
    assert "![Framing map](framing_map.png)" in text
    assert "&lt;script&gt;" in text  # the decoded entity is text again
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:
            assert {_unescaped_pipes(line) for line in lines} == {_unescaped_pipes(lines[0])}


# -- 6. CSV formula injection ---------------------------------------------------------------
def test_neutralise_and_restore_round_trip():
    for value in [*FORMULAS, "plain", "'plain", "", "'", "''"]:
        safe = neutralise_formula(value)
        assert safe[:1] not in {"=", "+", "-", "@", "\t", "\r"}
        assert restore_formula(safe) == value
    assert neutralise_formula(-1.5) == -1.5


def test_the_coding_sheet_neutralises_formulas_and_reads_them_back(tmp_path):
    sentences = pd.DataFrame({
        "doc_id": ["=id", *[f"d{i}" for i in range(len(FORMULAS) - 1)], "d-plain"],
        "outlet": ["@outlet", *["X"] * len(FORMULAS)],
        "sent_id": [-1, *range(len(FORMULAS))],
        "text": [*FORMULAS, "plain"],
    })  # fmt: skip
    path = write_coding_sheet(sentences, tmp_path / "sheet.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["text"] for row in rows] == [*("'" + t for t in FORMULAS), "plain"]
    assert rows[0]["doc_id"] == "'=id" and rows[0]["outlet"] == "'@outlet"
    assert rows[0]["sent_id"] == "-1"  # numbers are never changed
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet[["relevant", "power", "bond", "voice"]] = ["yes", "junior", "none", "narrator"]
    sheet.to_csv(path, index=False, lineterminator="\r\n")  # as a spreadsheet saves it
    coded = read_coding(path)
    assert coded["text"].tolist() == [*FORMULAS, "plain"]
    assert coded["doc_id"].tolist() == sentences["doc_id"].tolist()
    assert coded["outlet"].iloc[0] == "@outlet"
    raw = write_coding_sheet(sentences, tmp_path / "raw.csv", safe_csv=False)
    assert pd.read_csv(raw, dtype=str, keep_default_na=False)["text"].iloc[0] == "=1+1"


def _formula_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    records = [
        {"doc_id": "a1", "outlet": "=HYPERLINK(\"http://x\")", "text":
         "=1+1 Russia is China's junior partner. Xi and Putin met as equals."},
        {"doc_id": "b1", "outlet": "-minus", "text": "Russia is China's junior partner."},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_score_safe_csv_neutralises_text_cells_only(tmp_path):
    corpus = _formula_corpus(tmp_path)
    plain, safe = tmp_path / "plain.csv", tmp_path / "safe.csv"
    assert main(["score", str(corpus), "-o", str(plain), "-q"]) == 0
    assert main(["score", str(corpus), "-o", str(safe), "-q", "--safe-csv"]) == 0
    before = pd.read_csv(plain, dtype=str, keep_default_na=False)
    after = pd.read_csv(safe, dtype=str, keep_default_na=False)
    assert before["outlet"].tolist()[0].startswith("=")
    assert after["outlet"].tolist() == ["'" + o for o in before["outlet"]]
    assert after["text"].iloc[0] == "'=1+1 Russia is China's junior partner."
    assert (before["power"] == "-1.0").any()  # negative scores stay numbers
    assert after["power"].tolist() == before["power"].tolist()
    assert after["start"].tolist() == before["start"].tolist()


def test_compare_safe_csv(tmp_path, capsys):
    corpus = _formula_corpus(tmp_path)
    command = ["compare", str(corpus), "--format", "csv", "--n-resamples", "100", "-q"]
    assert main(command) == 0
    before = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert main([*command, "--safe-csv"]) == 0
    after = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert set(before["group"]) - {""} == {"-minus", '=HYPERLINK("http://x")'}
    assert set(after["group"]) - {""} == {"'-minus", '\'=HYPERLINK("http://x")'}
    assert (after["balance"] == "-1.0").any() and after["balance"].tolist() == before[
        "balance"
    ].tolist()
    assert main(["compare", str(corpus), "--format", "json", "-q", "--safe-csv"]) == 0
    assert capsys.readouterr().err == ""  # -q: no warning
    assert main(["compare", str(corpus), "--format", "json", "--safe-csv"]) == 0
    assert "--safe-csv applies to CSV output only" in capsys.readouterr().err


# -- 7. the report's files as a set ---------------------------------------------------------
def _old_set(folder: Path) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    old = {name: f"old {name}\n".encode() for name in REPORT_FILES}
    for name, content in old.items():
        (folder / name).write_bytes(content)
    return old


def test_a_failed_report_leaves_the_old_set_whole(tmp_path, monkeypatch):
    folder = tmp_path / "report"
    old = _old_set(folder)
    from matplotlib.figure import Figure

    real = Figure.savefig

    def fail_on_svg(self, path, *args, **kwargs):
        if str(path).endswith(".svg"):
            raise OSError(28, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", fail_on_svg)
    with pytest.raises(OSError, match="No space"):
        write_report(SEEDS, folder, n_resamples=100, force=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old  # the PNG too, no staging
    monkeypatch.setattr(Figure, "savefig", real)
    write_report(SEEDS, folder, n_resamples=100, force=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted(REPORT_FILES)
    assert all((folder / name).read_bytes() != content for name, content in old.items())


def test_a_failed_report_into_a_new_folder_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(framing._report, "score", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_report(SEEDS, tmp_path / "new", n_resamples=100)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_report_folder_fails_before_the_analysis(tmp_path, monkeypatch, capsys):
    def no_folder(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    def analysis(*args, **kwargs):
        raise AssertionError("the analysis ran")

    _old_set(tmp_path)
    monkeypatch.setattr(framing._files.tempfile, "mkdtemp", no_folder)
    monkeypatch.setattr(framing._report, "load_corpus", analysis)
    assert main(["report", str(SEEDS), "-o", str(tmp_path), "--force"]) == 2
    assert capsys.readouterr().err == (
        f"framing: error: cannot write into {tmp_path}: Permission denied\n"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_report_folder_is_exit_2(tmp_path, capsys):
    _old_set(tmp_path)
    tmp_path.chmod(0o555)
    try:
        assert main(["report", str(SEEDS), "-o", str(tmp_path), "--force", "-q"]) == 2
    finally:
        tmp_path.chmod(0o755)
    assert "cannot write into" in capsys.readouterr().err


def test_a_report_file_that_is_not_a_regular_file_is_refused(tmp_path):
    (tmp_path / "report.md").symlink_to("/etc/hostname")
    with pytest.raises(InputError, match="not a regular file"):
        write_report(SEEDS, tmp_path, n_resamples=100, force=True)
    assert (tmp_path / "report.md").is_symlink()


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_two_writers_into_one_folder_take_turns(tmp_path):
    """The moves happen under an exclusive lock on the folder: a second set waits whole."""
    import fcntl

    _old_set(tmp_path)
    descriptor = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # another writer is moving its set in
    done = threading.Event()

    def write_new_set() -> None:
        with atomic_files(tmp_path, REPORT_FILES) as staging:
            for name in REPORT_FILES:
                (staging / name).write_text("new\n", encoding="utf-8")
        done.set()

    writer = threading.Thread(target=write_new_set)
    writer.start()
    time.sleep(0.3)
    assert not done.is_set()
    assert {(tmp_path / n).read_text(encoding="utf-8") for n in REPORT_FILES} != {"new\n"}
    os.close(descriptor)
    writer.join(timeout=10)
    assert {(tmp_path / n).read_text(encoding="utf-8") for n in REPORT_FILES} == {"new\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(REPORT_FILES)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_signal_during_the_moves_waits_and_the_cli_says_what_was_written(
    tmp_path, monkeypatch, capsys
):
    _old_set(tmp_path)
    real = os.replace
    sent = []

    def replace_and_signal(source, target):
        if not sent and Path(target).parent == tmp_path:  # SIGTERM in the middle of the moves
            sent.append(os.kill(os.getpid(), signal.SIGTERM))
        real(source, target)

    monkeypatch.setattr(framing._files.os, "replace", replace_and_signal)
    command = ["report", str(SEEDS), "-o", str(tmp_path), "--force", "--n-resamples", "100"]
    assert main([*command, "-q"]) == 128 + signal.SIGTERM
    assert capsys.readouterr().err == (
        f"framing: stopped by SIGTERM after {tmp_path} was written in full\n"
    )
    assert all((tmp_path / n).read_bytes() != f"old {n}\n".encode() for n in REPORT_FILES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(REPORT_FILES)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handlers restored
    monkeypatch.undo()
    with warnings.catch_warnings():  # the signal belonged to that run: later writes go ahead
        warnings.simplefilter("ignore")
        assert write_coding_sheet(["Xi met Putin."], tmp_path / "later.csv").exists()


def test_a_full_disk_is_an_output_error_and_replaces_nothing(tmp_path):
    import errno

    from framing._files import atomic_path
    from framing.errors import FramingError, OutputError

    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(OutputError) as info, atomic_path(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert isinstance(info.value, FramingError) and info.value.path == str(target)
    assert "No space left on device" in str(info.value)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_the_cli_reports_a_full_disk_in_one_line(tmp_path, monkeypatch, capsys):
    import errno

    import framing._files as files
    from framing.cli import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    out = tmp_path / "sentences.csv"
    assert main(["score", str(SEEDS), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: cannot write") and "No space left" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
