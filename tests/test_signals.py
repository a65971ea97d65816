"""Signals (issue #18): SIGTERM and SIGHUP stop a run as Ctrl-C does, workers die with their
parent, and a stopped run never replaces an output.

Each test runs the real command in a child process on a generated .jsonl corpus (the seed
articles repeated under new ids) big enough to be still running when the signal comes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import framing
from framing._report import REPORT_FILES

from .conftest import ROOT, SEEDS

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
    pytest.mark.slow,  # every test runs framing in a subprocess and stops it
]
OLD = b"an earlier run\n"


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """The seeds 200 times over (1,000 documents): far longer to score than a test waits."""
    records = framing.load_corpus(SEEDS).to_frame()
    records = records.astype(object).where(records.notna(), None).to_dict("records")
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k in range(200):
            for record in records:
                out.write(json.dumps({**record, "doc_id": f"{record['doc_id']}-{k}"}) + "\n")
    return path


def _descendants(pid: int) -> set[int]:
    """Living (not zombie) descendants of ``pid``, from /proc (Linux)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (a zombie has ended)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _start(command: list[str], folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "framing", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a job in a shell
        # A child inherits ignored signals from the runner (SIGINT from some test runners, SIGHUP
        # under nohup, which framing then rightly leaves ignored); a terminal gives the defaults.
        preexec_fn=_default_stop_signals,
    )


def _default_stop_signals() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _said(err: str) -> str:
    """What framing said on stderr. A signal that lands while Python runs an object's finalizer
    (``__del__``, e.g. of a library's cached pattern) makes Python itself print "Exception
    ignored in ..." before framing's line: framing still stops cleanly (it notes every signal
    it receives), so only framing's own lines are compared."""
    lines = err.splitlines()
    if lines and lines[0].startswith("Exception ignored in"):
        lines = [line for line in lines if line.startswith("framing: ")]
    return "\n".join(lines)


def _wait_for(process: subprocess.Popen[str], ready, what: str) -> None:
    deadline = time.monotonic() + 120
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"never {what}: {process.communicate()}")
        time.sleep(0.02)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@needs_proc
@pytest.mark.parametrize(
    ("signum", "jobs", "group"),
    [
        (signal.SIGTERM, "1", False),
        (signal.SIGHUP, "1", False),
        (signal.SIGTERM, "2", False),
        (signal.SIGHUP, "2", False),
        (signal.SIGINT, "2", True),  # Ctrl-C: the whole process group, workers included
    ],
    ids=["term", "hup", "term-jobs2", "hup-jobs2", "ctrl-c-jobs2"],
)
def test_a_stop_signal_cleans_up_and_leaves_the_old_output(tmp_path, many, signum, jobs, group):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "sentences.csv"
    target.write_bytes(OLD)
    command = ["score", str(many), "-o", str(target), "--chunk-size", "5", "--jobs", jobs]
    process = _start(command, folder)
    try:
        _wait_for(process, lambda: any(p.stat().st_size for p in folder.glob("*.tmp")), "wrote")
        workers = _descendants(process.pid)
        if jobs == "2":
            assert len(workers) >= 2, workers
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    name = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    assert (process.returncode, out) == (128 + signum, "")
    assert _said(err) == f"framing: {name}; no output file was written"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no hidden temporary file
    assert target.read_bytes() == OLD
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive(workers) == set()  # the workers ended with their parent


@needs_proc
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_when_their_parent_is_killed(tmp_path, many):
    """SIGKILL cannot be caught: the workers end anyway (the kernel's parent-death signal)."""
    target = tmp_path / "sentences.csv"
    process = _start(["score", str(many), "-o", str(target), "--jobs", "2"], tmp_path)
    try:
        _wait_for(process, lambda: len(_descendants(process.pid)) >= 2, "started workers")
        workers = _descendants(process.pid)
        process.kill()
        process.communicate(timeout=60)
    finally:
        process.kill()
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive(workers) == set()
    assert not target.exists()


@needs_proc
def test_a_stopped_report_keeps_the_old_set(tmp_path, many):
    folder = tmp_path / "report"
    folder.mkdir()
    old = {name: f"old {name}\n".encode() for name in REPORT_FILES}
    for name, content in old.items():
        (folder / name).write_bytes(content)
    command = ["report", str(many), "-o", str(folder), "--force", "--n-resamples", "100"]
    process = _start(command, folder)
    try:
        _wait_for(process, lambda: any(folder.glob(".framing-*.tmp")), "made its staging folder")
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert _said(err) == "framing: stopped by SIGTERM; no output file was written"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old
