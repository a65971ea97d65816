"""Start-up time: ``python -c "import framing"`` and ``framing --help``, each a new process.

Run: ``python benchmarks/bench_import.py [--runs 7]``. Prints figures; asserts nothing. Each
figure is the median wall time of ``--runs`` fresh processes; ``python -c pass`` in the same run
is the floor (the interpreter's own start), and each figure is also given as a multiple of it.
The target of issue 17 is under 0.5 s for both.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

TARGET_SECONDS = 0.5
HEADERS = ["command", "median seconds", "× python -c pass", "target", "result"]


def commands() -> dict[str, list[str]]:
    """The commands timed, by the name shown; ``framing --help`` runs through the console
    script when it is on the PATH, else as ``python -m framing --help``."""
    script = shutil.which("framing")
    cli = [script, "--help"] if script else [sys.executable, "-m", "framing", "--help"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import framing"': [sys.executable, "-c", "import framing"],
        "framing --help": cli,
    }


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of ``runs`` new processes of ``command`` (after one unmeasured run that
    warms the file cache)."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(runs: int) -> dict[str, float]:
    """The median seconds of each command of :func:`commands`."""
    return {name: median_seconds(command, runs) for name, command in commands().items()}


def rows(found: dict[str, float]) -> list[list[str]]:
    """Table rows: the floor first, then each command with its ratio to the floor and verdict."""
    floor = found["python -c pass"]
    table = [["python -c pass", f"{floor:.3f}", "1.0", "", ""]]
    for name, seconds in found.items():
        if name == "python -c pass":
            continue
        met = "met" if seconds < TARGET_SECONDS else "not met"
        ratio = f"{seconds / floor:.1f}"
        table.append([name, f"{seconds:.3f}", ratio, f"< {TARGET_SECONDS:g} s", met])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per command (median)")
    args = parser.parse_args()
    for row in rows(measure(args.runs)):
        print(" | ".join(row))


if __name__ == "__main__":
    main()
