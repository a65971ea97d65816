"""Time and peak memory of the command line at the limits: many copies, one huge line, many
tiny documents.

Three cases, each run as the ``framing`` command in a fresh child process (behind a small
launcher, so that this script's own memory does not count); the peak is the child's resident
set, ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``:

- ``report``: ``framing report`` on a JSONL file of N identical documents (two outlets), whose
  duplicate check once listed every pair (target: ≤ 1 GB for 20,000 copies);
- ``line``: ``framing score`` on a folder with one ``.txt`` file that is a single line of X MB
  (target: ≤ 2 GB for 200 MB);
- ``tiny``: ``framing compare`` on a JSONL file of N one-sentence documents in 20 outlets
  (target: ≤ 1 GB and ≤ 5 minutes for 1,000,000).

Run: ``python benchmarks/bench_limits.py`` (defaults: 2,000 copies, 20 MB, 100,000 documents:
about two minutes); the issue's sizes: ``--copies 20000 --line-mb 200 --tiny 1000000``. A size
of 0 skips its case. Prints one table; ``benchmarks/run.py`` includes the same figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

ARTICLE = (
    "Xi Jinping and Vladimir Putin met in Moscow this week. Russia is increasingly China's "
    "junior partner, analysts said. Putin called the relationship a friendship without "
    "limits. Critics describe it as a marriage of convenience. The two leaders signed "
    "agreements on energy and trade."
)
LINE_SENTENCE = "Xi met Putin in Moscow and they spoke as equal partners about old friendship. "
TINY = ("Xi met Putin.", "Russia is China's junior partner.", "Xi and Putin are old friends.")
TARGETS = {"report": 1024.0, "line": 2048.0, "tiny": 1024.0}  # MB
TINY_SECONDS = 300.0

# Runs the command in a grandchild and reports its peak resident set: on Linux a child spawned
# by a big process starts its ru_maxrss at the parent's size, so a small process starts it.
_LAUNCHER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run([sys.executable, "-m", "framing", *sys.argv[1:]], capture_output=True,
                      text=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"returncode": proc.returncode, "stderr": proc.stderr[-2000:],
                  "maxrss": peak, "seconds": seconds}))
"""


@dataclass(frozen=True)
class Result:
    """One case: what ran, its exit code, seconds and peak resident set in MB."""

    case: str
    what: str
    returncode: int
    seconds: float
    peak_mb: float
    stderr: str


def run_framing(case: str, what: str, args: list[str]) -> Result:
    """Run ``python -m framing ARGS`` in a fresh process and measure it."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *args], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout)
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, else KB
    return Result(
        case,
        what,
        report["returncode"],
        report["seconds"],
        report["maxrss"] / per_mb,
        report["stderr"],
    )


def write_copies(path: Path, n: int) -> None:
    """A JSONL file of ``n`` identical documents in two outlets."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = {"doc_id": f"c{i:07d}", "outlet": f"outlet{i % 2}", "text": ARTICLE}
            handle.write(json.dumps(record) + "\n")


def write_line(folder: Path, megabytes: float) -> None:
    """A folder with one .txt file: a single line of about ``megabytes`` MB, no line break."""
    folder.mkdir()
    repeats = max(1, int(megabytes * 1e6 / len(LINE_SENTENCE)))
    with (folder / "line.txt").open("w", encoding="utf-8") as handle:
        for begin in range(0, repeats, 10_000):
            handle.write(LINE_SENTENCE * min(10_000, repeats - begin))


def write_tiny(path: Path, n: int) -> None:
    """A JSONL file of ``n`` one-sentence documents in 20 outlets."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = {"doc_id": f"t{i:07d}", "outlet": f"o{i % 20:02d}", "text": TINY[i % 3]}
            handle.write(json.dumps(record) + "\n")


def measure(copies: int, line_mb: float, tiny: int, folder: Path) -> list[Result]:
    """Build each input in ``folder`` and run its case; a size of 0 skips the case."""
    results = []
    if copies:
        path = folder / "copies.jsonl"
        write_copies(path, copies)
        out = folder / "report"
        what = f"framing report: {copies:,} identical documents"
        results.append(run_framing("report", what, ["report", str(path), "-o", str(out), "-q"]))
    if line_mb:
        path = folder / "line"
        write_line(path, line_mb)
        out = folder / "line.csv"
        what = f"framing score: one line of {line_mb:g} MB"
        results.append(run_framing("line", what, ["score", str(path), "-o", str(out), "-q"]))
    if tiny:
        path = folder / "tiny.jsonl"
        write_tiny(path, tiny)
        out = folder / "tiny.md"
        what = f"framing compare: {tiny:,} one-sentence documents"
        results.append(run_framing("tiny", what, ["compare", str(path), "-o", str(out), "-q"]))
    return results


def rows(results: list[Result]) -> list[list[str]]:
    """The printed table: case, seconds, peak MB, target and verdict (never asserted)."""
    table = []
    for result in results:
        target = TARGETS[result.case]
        limit = f"≤ {target:,.0f} MB" + (
            f", ≤ {TINY_SECONDS:.0f} s" if result.case == "tiny" else ""
        )
        ok = result.returncode == 0 and result.peak_mb <= target
        if result.case == "tiny":
            ok = ok and result.seconds <= TINY_SECONDS
        verdict = "met" if ok else "not met"
        if result.returncode != 0:
            last = result.stderr.strip().splitlines()[-1:] or ["no message"]
            verdict = f"failed (exit {result.returncode}): {last[0][:120]}"
        table.append(
            [result.what, f"{result.seconds:.1f}", f"{result.peak_mb:,.0f}", limit, verdict]
        )
    return table


HEADERS = ["what", "seconds", "peak MB", "target", "result"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2000, help="identical documents (report)")
    parser.add_argument("--line-mb", type=float, default=20.0, help="MB in one line (score)")
    parser.add_argument("--tiny", type=int, default=100_000, help="tiny documents (compare)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(args.copies, args.line_mb, args.tiny, Path(tmp))
    print(tabulate(rows(results), headers=HEADERS, tablefmt="github", disable_numparse=True))
    print(f"\n(took {time.perf_counter() - start:.0f} s)")
    return 0 if all(result.returncode == 0 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
