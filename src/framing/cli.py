"""The ``framing`` command: compare outlets, score sentences, write reports, check lexicons.

Thin by design: parse the arguments, call the public API, write the result. Results go to
stdout (or ``-o FILE``, written atomically); warnings and errors go to stderr as one line each.
Exit codes: 0 success, 2 bad input (a :class:`~framing.errors.FramingError` or a usage error),
1 internal error.

Examples
--------
>>> main(["lexicon", "check", "relationship"])  # doctest: +ELLIPSIS
relationship: no problems (... cues on 2 axes)
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .compare import compare
from .errors import FramingError, InputError
from .lexicon import builtin_lexicons, check_lexicon, load_lexicon
from .report import write_report
from .scoring import score

__all__ = ["main", "run"]

_PROGRESS_FROM = 50  # documents: smaller corpora finish before a bar would help
_FORMATS = ("github", "pipe", "plain", "latex", "html", "csv", "json")
_EXAMPLES = {
    "compare": "example: framing compare seeds/ --by outlet --format latex -o table.tex",
    "score": "example: framing score seeds/ -o sentences.csv",
    "lexicon": "example: framing lexicon check my_lexicon.toml",
    "report": "example: framing report seeds/ -o seeds-report/",
}


class _UsageError(InputError):
    """A problem with the command line itself (a path that cannot be written ...)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news outlets frame a relationship between two sides.",
        epilog="Run 'framing COMMAND --help' for each command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser, output: str, *, required: bool = False) -> None:
        sub.add_argument(
            "path", help="a folder of .txt files (+ manifest.csv), or a .csv/.jsonl file"
        )
        sub.add_argument(
            "--lexicon",
            default="relationship",
            help="a built-in lexicon name or a .toml file (default: relationship)",
        )
        sub.add_argument(
            "--method",
            default="lexicon",
            choices=("lexicon", "classifier"),
            help="lexicon cues or the bundled classifier (default: lexicon)",
        )
        sub.add_argument("-o", "--output", required=required, help=output)
        sub.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")

    def comparison(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--by", default="outlet", help="metadata column to compare (default: outlet)"
        )
        sub.add_argument(
            "--voice",
            default="all",
            choices=("all", "narrator", "source"),
            help="whose words count: all, the outlet's own (narrator), or quoted sources",
        )
        sub.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
        sub.add_argument(
            "--n-resamples",
            type=int,
            default=10_000,
            help="bootstrap and permutation resamples (default: 10000)",
        )

    sub = commands.add_parser(
        "compare", help="compare groups of documents on every axis",
        description="Compare outlets (or any metadata column) on every axis of the lexicon: "
        "balance with confidence intervals, omnibus and pairwise tests, effect sizes.",
        epilog=_EXAMPLES["compare"], formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically)")
    comparison(sub)
    sub.add_argument("--format", default="github", choices=_FORMATS, help="table format")

    sub = commands.add_parser(
        "score", help="score every sentence, with the evidence for each label",
        description="One row per sentence: voice, speaker, relevance, per-axis score and label, "
        "and the matched cues (as JSON).",
        epilog=_EXAMPLES["score"], formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically)")
    sub.add_argument(
        "--format",
        default="csv",
        choices=("csv", "json"),
        help="csv (default) or json (one object per sentence)",
    )

    sub = commands.add_parser(
        "report", help="write a Markdown report with figures into a folder",
        description="Write report.md, framing_map.png and framing_map.svg: the corpus, the "
        "comparison with its tests, the framing map, the strongest evidence per pole and group, "
        "distinctive terms, and method notes.",
        epilog=_EXAMPLES["report"], formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    common(sub, "the report folder (empty or new)", required=True)
    comparison(sub)
    sub.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty folder, replacing only the report's own files",
    )

    sub = commands.add_parser(
        "lexicon", help="work with lexicon files", epilog=_EXAMPLES["lexicon"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", help="validate a lexicon file and report every problem with its line",
        epilog=_EXAMPLES["lexicon"], formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    check.add_argument(
        "file", help=f"a .toml lexicon, or a built-in name ({', '.join(builtin_lexicons())})"
    )
    return parser


def _version() -> str:
    from ._version import __version__

    return f"framing {__version__}"


def _write(text: str, output: str | None) -> None:
    """Write to stdout, or to ``output`` through a temporary file renamed into place."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise _UsageError(f"cannot write {output}: folder {str(folder)!r} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _UsageError(f"cannot write {output}: {exc.strerror}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text if text.endswith("\n") else text + "\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sentences_text(sents: pd.DataFrame, fmt: str) -> str:
    frame = sents.copy()
    frame["cues"] = [json.dumps(cues, ensure_ascii=False) for cues in frame["cues"]]
    if fmt == "json":
        frame["cues"] = [json.loads(c) for c in frame["cues"]]
        return frame.to_json(orient="records", force_ascii=False, indent=1)
    return frame.to_csv(index=False)


def _progress_bar(args: argparse.Namespace):
    """A progress callback drawing on stderr, or None (not a terminal, or --quiet)."""
    if args.quiet or not sys.stderr.isatty():
        return None

    def draw(done: int, total: int) -> None:
        if total < _PROGRESS_FROM:
            return
        filled = int(30 * done / total)
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rscoring [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{end}")
        sys.stderr.flush()

    return draw


def _run(args: argparse.Namespace) -> int:
    if args.command == "lexicon":
        target = args.file
        if target not in builtin_lexicons():
            if not Path(target).is_file():
                raise _UsageError(f"{target}: no such lexicon file")
            problems = check_lexicon(target)
            for problem in problems:
                print(f"{target}: {problem}")
            if problems:
                print(f"{target}: {len(problems)} problem(s)", file=sys.stderr)
                return 2
        lexicon = load_lexicon(target)
        print(f"{target}: no problems ({len(lexicon.cues)} cues on {len(lexicon.axes)} axes)")
        return 0

    if args.command == "report":
        path = write_report(
            args.path, args.output, by=args.by, lexicon=args.lexicon, method=args.method,
            voice=args.voice, n_resamples=args.n_resamples, seed=args.seed, force=args.force,
        )  # fmt: skip
        if not args.quiet:
            print(f"framing: wrote {path}", file=sys.stderr)
        return 0
    sents = score(args.path, args.lexicon, method=args.method, progress=_progress_bar(args))
    if args.command == "score":
        _write(_sentences_text(sents, args.format), args.output)
        return 0
    comparison = compare(
        sents, by=args.by, voice=args.voice, n_resamples=args.n_resamples, seed=args.seed
    )
    _write(comparison.table(fmt=args.format), args.output)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (never calls ``sys.exit``).

    Parameters
    ----------
    argv : sequence of str or None
        The arguments without the program name; None reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on bad input, 1 on an internal error.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its usage message itself
        return int(exc.code or 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = _run(args)
        except FramingError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"framing: error: {message}", file=sys.stderr)
            status = 2
    if not getattr(args, "quiet", False):
        seen = set()
        for warning in caught:
            text = str(warning.message)
            if text not in seen:
                seen.add(text)
                print(f"framing: warning: {text}", file=sys.stderr)
    return status


def run() -> None:
    """Console-script entry point: ``sys.exit(main())``."""
    sys.exit(main())
