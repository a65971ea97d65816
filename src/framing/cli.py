"""The ``framing`` command: compare outlets, score sentences, write reports, check lexicons.

Thin by design: parse the arguments, check them, and call the library: reading a path as a
corpus or a stream, scoring with progress (:mod:`framing._engine`), writing sentence tables
(:func:`framing.write_sentences`), comparing and reporting. Results go to stdout (or ``-o FILE``,
written atomically; its folder must exist, whatever the command); warnings and errors go to
stderr as one line each; progress too, on a terminal only.
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
import os
import re
import sys
import warnings
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import IO, Any, cast

# Only what parsing the arguments needs is imported here, so that `framing --help` is quick;
# the commands import pandas, the scorer and the statistics when they run.
from ._files import Interrupted, interruptible, signals_seen
from ._lexicon import Lexicon, builtin_lexicons, check_lexicon, load_lexicon
from ._writers import (
    FORMAT_BY_SUFFIX,
    SENTENCE_FORMATS,
    SentenceFormat,
    _pyarrow,
    _text_output,
    sentence_format,
    write_sentences,
)
from .errors import FramingError, FramingWarning, InputError

__all__ = ["main", "run"]

_BROKEN_PIPE = 128 + 13  # what a shell reports for a program ended by SIGPIPE
_FORMATS = ("github", "pipe", "plain", "latex", "html", "csv", "json")
_CONCORDANCE_FORMATS = ("plain", "github", "pipe", "latex", "html", "csv", "json")
_EXAMPLES = {
    "compare": "example: framing compare seeds/ --by outlet --format latex -o table.tex",
    "score": "example: framing score seeds/ -o sentences.csv",
    "lexicon": "example: framing lexicon check my_lexicon.toml",
    "report": "example: framing report seeds/ -o seeds-report/",
    "model": "example: framing model seeds/ --formula 'friendship ~ C(year) + voice'",
    "concordance": "example: framing concordance seeds/ 'junior partner' --width 50",
}


#: The column options of the commands that read a corpus: option, keyword, default, content.
_COLUMNS = (
    ("--text", "text", "text", "the article text"),
    ("--id", "doc_id", "doc_id", "each document's unique id"),
    ("--outlet", "outlet", "outlet", "the outlet"),
    ("--date", "date", "date", "the date"),
)


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
            default=None,
            choices=("lexicon", "classifier"),
            help="lexicon cues or the bundled classifier (default: lexicon, or the --model "
            "files when given)",
        )
        sub.add_argument(
            "--model",
            action="append",
            default=[],
            metavar="PATH",
            help="a model saved with FrameClassifier.save(): labels its axis (repeat for "
            "other axes; axes without a model keep the lexicon)",
        )
        columns = sub.add_argument_group(
            "columns", "the columns (keys) of a .csv, .jsonl or .parquet file"
        )
        for option, dest, default, what in _COLUMNS:
            columns.add_argument(
                option, dest=dest, default=default, metavar="COLUMN",
                help=f"the column with {what} (default: {default})",
            )  # fmt: skip
        sub.add_argument("-o", "--output", required=required, help=output)
        if not required:
            sub.add_argument(
                "--safe-csv",
                action="store_true",
                help="CSV output: put a ' before text cells that start with =, +, -, @, a tab "
                "or a carriage return, so that a spreadsheet does not run them as formulas",
            )
        sub.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")

    def streaming(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--jobs",
            type=_jobs,
            default=1,
            metavar="N",
            help="worker processes; -1: one per CPU (default: 1)",
        )
        sub.add_argument(
            "--chunk-size",
            type=_at_least_one,
            default=None,
            metavar="K",
            help="documents read and scored at a time; memory grows with K (default: as many "
            "as hold about 1,000,000 characters, at most 5,000)",
        )
        sub.add_argument(
            "--errors",
            default="raise",
            choices=("raise", "skip"),
            help="a malformed line of a .jsonl/.csv/.parquet file stops the run (raise, the "
            "default) or is skipped, counted and reported (skip)",
        )

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
        pairs = sub.add_mutually_exclusive_group()
        pairs.add_argument(
            "--reference",
            metavar="GROUP",
            help="test each group against this one only (default: every pair of groups)",
        )
        pairs.add_argument(
            "--contrast",
            action="append",
            type=_contrast,
            dest="contrasts",
            metavar="A,B",
            help="test only this pair of groups; repeat for more pairs (a name may hold a "
            "comma followed by a space: 'APP, AFP wire,Xinhua')",
        )
        pairs.add_argument(
            "--no-pairwise",
            action="store_false",
            dest="pairwise",
            help="the omnibus test only, no pairwise tests",
        )

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        """A command's parser, with its example as the epilog."""
        return commands.add_parser(
            name, help=help, description=description, epilog=_EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )  # fmt: skip

    sub = command(
        "compare", "compare groups of documents on every axis",
        "Compare outlets (or any metadata column) on every axis of the lexicon: balance with "
        "confidence intervals, omnibus and pairwise tests, effect sizes.",
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically; '-': stdout)")
    comparison(sub)
    sub.add_argument("--format", default="github", choices=_FORMATS, help="table format")
    streaming(sub)

    sub = command(
        "score", "score every sentence, with the evidence for each label",
        "One row per sentence: voice, speaker, relevance, per-axis score and label, and the "
        "matched cues (as JSON).",
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically, as it goes; '-': stdout)")
    sub.add_argument(
        "--format",
        default=None,
        choices=SENTENCE_FORMATS,
        help="csv, json (an array of objects), jsonl (one object per line) or parquet "
        "(default: from the -o extension, else csv)",
    )
    streaming(sub)

    sub = command(
        "report", "write a Markdown report with figures into a folder",
        "Write report.md, framing_map.png and framing_map.svg: the corpus, the comparison with "
        "its tests, the framing map, the strongest evidence per pole and group, distinctive "
        "terms, and method notes; and comparison.csv, every number of the comparison.",
    )  # fmt: skip
    common(sub, "the report folder (empty or new; the folder it is in must exist)", required=True)
    comparison(sub)
    sub.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty folder, replacing only the report's own files",
    )
    sub.add_argument(
        "--html",
        action="store_true",
        help="also write report.html: one self-contained page with the tables, the framing map "
        "and the sentences behind every label, filterable",
    )

    sub = command(
        "model", "fit a logistic model of an axis's pole on covariates",
        "Score the corpus, then fit a logistic regression of each labelled sentence's pole on "
        "the formula's terms (manifest columns such as outlet, genre, year; voice), with "
        "standard errors clustered by article (framing.model).",
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically; '-': stdout)")
    sub.add_argument(
        "--formula",
        required=True,
        help="'<pole> ~ <terms>', e.g. 'equal ~ outlet + genre + year' (statsmodels formulas)",
    )
    sub.add_argument("--axis", default=None, help="the axis (default: the pole's axis)")
    sub.add_argument(
        "--missing",
        default="raise",
        choices=("raise", "drop"),
        help="sentences without a value in a column of the formula: stop (raise, the "
        "default) or leave them out with a warning (drop)",
    )
    sub.add_argument("--format", default="github", choices=_FORMATS, help="table format")

    sub = command(
        "concordance", "every occurrence of a word, phrase or cue, in its context (KWIC)",
        "Score the corpus and list each occurrence of PATTERN (a word or phrase, matched as "
        "whole words whatever the case; a regular expression with --regex) or of a matched "
        "lexicon cue (--cue), with the text on its left and right, its sentence and labels.",
    )  # fmt: skip
    common(sub, "write here instead of stdout (atomically; '-': stdout)")
    sub.add_argument("pattern", nargs="?", help="a word or phrase (or --regex expression)")
    sub.add_argument("--cue", help="a lexicon cue instead of PATTERN, e.g. 'friendship*'")
    sub.add_argument("--regex", action="store_true", help="read PATTERN as a regular expression")
    sub.add_argument("--case-sensitive", action="store_true", help="match PATTERN's case")
    sub.add_argument(
        "--width", type=int, default=40, help="characters of context on each side (default: 40)"
    )
    sub.add_argument("--format", default="plain", choices=_CONCORDANCE_FORMATS, help="table format")

    sub = command("lexicon", "work with lexicon files")
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", help="validate a lexicon file and report every problem with its line",
        epilog=_EXAMPLES["lexicon"], formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    check.add_argument(
        "file", help=f"a .toml lexicon, or a built-in name ({', '.join(builtin_lexicons())})"
    )
    return parser


def _at_least_one(text: str) -> int:
    """``--chunk-size``: an integer of at least 1 (checked by argparse: a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number; give 1 or more"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not allowed; give 1 or more")
    return value


def _jobs(text: str) -> int:
    """``--jobs``: a number of processes, or -1 for one per CPU."""
    if text.strip() == "-1":
        return -1
    try:
        return _at_least_one(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not allowed; give 1 or more processes, or -1 for one per CPU"
        ) from None


def _contrast(text: str) -> tuple[str, str]:
    """``--contrast A,B``: two group names, split at the comma not followed by a space."""
    parts = re.split(r",(?! )", text)
    if len(parts) != 2 or not all(part.strip() for part in parts):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a pair; give two group names separated by a comma: A,B"
        )
    return parts[0], parts[1]


def _pair_options(args: argparse.Namespace) -> dict[str, Any]:
    """The pairs compare() tests: every pair, against --reference, the --contrast pairs, none."""
    return {"reference": args.reference, "contrasts": args.contrasts, "pairwise": args.pairwise}


def _version() -> str:
    from ._version import __version__

    return f"framing {__version__}"


def _write(text: str, output: str | None) -> None:
    """Write to stdout, or to ``output`` through a temporary file renamed into place."""
    with _text_output(_target(output)) as stream:
        stream.write(text if text.endswith("\n") else text + "\n")


def _target(output: str | None) -> str | IO[str]:
    """Where ``-o`` sends a result: stdout for no ``-o`` or ``-o -``, else the file."""
    return sys.stdout if output is None or output == "-" else output


# -- checks of the arguments -------------------------------------------------------------------
def _check_output(output: str | None) -> None:
    """One rule for ``-o`` in every command: the folder it goes into must exist (nothing is
    created on the way; ``report`` creates only its own folder, ``-o DIR``)."""
    if output is None or output == "-":
        return
    folder = Path(output).parent
    if not folder.is_dir():
        raise _UsageError(f"cannot write {output}: folder {str(folder)!r} does not exist")


def _sentence_format(args: argparse.Namespace) -> str:
    """``--format``, else the format the ``-o`` suffix names; CSV for stdout or no suffix."""
    if args.format is not None:
        return str(args.format)
    if args.output is None or args.output == "-" or not Path(args.output).suffix:
        return "csv"
    if Path(args.output).suffix.lower() not in FORMAT_BY_SUFFIX:
        raise _UsageError(
            f"{args.output}: {Path(args.output).suffix!r} names no sentence table format; end "
            f"the file in {', '.join(FORMAT_BY_SUFFIX)}, or give --format"
        )
    return sentence_format(args.output)


def _parquet_file(output: str | None) -> str:
    """The file a parquet table goes to (it is binary: not stdout), once pyarrow is there."""
    if output is None or output == "-":
        raise _UsageError("parquet output is binary: give a file with -o FILE.parquet")
    _pyarrow()
    return output


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """``--text``, ``--id``, ``--outlet``, ``--date`` as the library's keywords."""
    return {dest: getattr(args, dest) for _, dest, _, _ in _COLUMNS}


def _progress(args: argparse.Namespace) -> Any:
    """Progress on stderr, only on a terminal and never with --quiet."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from ._engine import TerminalProgress

    return TerminalProgress()


# -- commands -----------------------------------------------------------------------------------
def _method(args: argparse.Namespace, lexicon: Lexicon | None = None) -> Any:
    """``--method``, or the ``--model`` files as ``{axis: model}`` (loaded without pickle)."""
    if not args.model:
        return args.method or "lexicon"
    if args.method == "lexicon":
        raise _UsageError("--model labels with the model: drop --method lexicon")
    from ._classify import load_model

    lex = lexicon if lexicon is not None else load_lexicon(args.lexicon)
    models: dict[str, Any] = {}
    for path in args.model:
        if not Path(path).is_file():
            raise _UsageError(f"{path}: no such model file")
        model = load_model(path, lexicon=lex)
        if model.axis in models:
            raise _UsageError(f"{path}: a second model for axis {model.axis!r}; give one per axis")
        models[model.axis] = model
    return models


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

    _check_output(args.output)
    if args.command == "concordance":
        return _concordance(args)

    if args.command == "report":
        from ._corpus import load_corpus
        from ._report import write_report

        lexicon = load_lexicon(args.lexicon)  # a bad lexicon fails before the corpus is read
        method = _method(args, lexicon)
        path = write_report(
            load_corpus(args.path, **_columns(args)), args.output, by=args.by, lexicon=lexicon,
            method=method, voice=args.voice, n_resamples=args.n_resamples, seed=args.seed,
            force=args.force, progress=_progress(args), html=args.html,
            **_pair_options(args),
        )  # fmt: skip
        if not args.quiet:
            print(f"framing: wrote {path}", file=sys.stderr)
            if args.html:
                print(f"framing: wrote {path.with_name('report.html')}", file=sys.stderr)
        return 0

    if args.command == "model":
        return _model_command(args)

    fmt = _sentence_format(args) if args.command == "score" else None
    if args.safe_csv and (fmt or args.format) != "csv":
        warnings.warn(
            f"--safe-csv applies to CSV output only; the {fmt or args.format} output is written "
            "as it is",
            FramingWarning,
            stacklevel=2,
        )
    if fmt == "parquet":
        _parquet_file(args.output)  # fail before reading and scoring
    from ._compare import compare
    from ._engine import is_streamed, open_corpus
    from ._scoring import iter_scores
    from ._tally import _comparable

    if args.errors == "skip" and not is_streamed(args.path):
        warnings.warn(
            f"--errors skip applies to .jsonl, .csv and .parquet files; {args.path} is read "
            "whole, and a problem in it stops the run",
            FramingWarning,
            stacklevel=2,
        )
    lexicon = load_lexicon(args.lexicon)  # a bad lexicon fails before the corpus is read
    data = open_corpus(
        args.path, chunk_size=args.chunk_size, errors=args.errors, **_columns(args)
    )
    options = {"method": _method(args, lexicon), "n_jobs": args.jobs,
               "chunk_size": args.chunk_size, "progress": _progress(args)}  # fmt: skip
    if fmt is not None:
        with closing(iter_scores(data, lexicon, **options)) as frames:
            target = _target(args.output)
            write_sentences(frames, target, cast(SentenceFormat, fmt), safe_csv=args.safe_csv)
        return 0
    comparison = compare(
        _comparable(data, lexicon, **options), by=args.by, voice=args.voice,
        n_resamples=args.n_resamples, seed=args.seed,
        **_pair_options(args),
    )  # fmt: skip
    _write(comparison.table(fmt=args.format, safe_csv=args.safe_csv), args.output)
    return 0


def _model_command(args: argparse.Namespace) -> int:
    """``framing model``: the corpus scored whole, :func:`framing.model`, its table written."""
    from ._corpus import load_corpus
    from ._model import model
    from ._scoring import score

    lexicon = load_lexicon(args.lexicon)
    sents = score(load_corpus(args.path), lexicon, method=_method(args, lexicon))
    fit = model(sents, args.axis, formula=args.formula, missing=args.missing)
    _write(fit.table(fmt=args.format, safe_csv=args.safe_csv), args.output)
    return 0


def _concordance(args: argparse.Namespace) -> int:
    """``framing concordance``: score, find, write the table."""
    from ._concordance import concordance, format_concordance
    from ._corpus import load_corpus
    from ._scoring import score

    lexicon = load_lexicon(args.lexicon)
    sents = score(load_corpus(args.path), lexicon, method=_method(args, lexicon))
    kwic = concordance(
        sents, args.pattern, cue=args.cue, width=args.width, regex=args.regex,
        ignore_case=not args.case_sensitive,
    )  # fmt: skip
    _write(format_concordance(kwic, args.format, safe_csv=args.safe_csv), args.output)
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
    with warnings.catch_warnings(record=True) as caught, interruptible():
        warnings.simplefilter("always")
        try:
            status = _run(args)
            received = signals_seen()[0]
            if received is not None:  # the signal's exception was swallowed on its way up
                raise Interrupted(received)
        except FramingError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"framing: error: {message}", file=sys.stderr)
            status = 2
        except KeyboardInterrupt as exc:
            return _interrupted(exc)
        except BrokenPipeError:  # stdout's reader stopped early (framing score ... | head)
            _detach_stdout()
            return _BROKEN_PIPE
    if not getattr(args, "quiet", False):
        seen = set()
        for warning in caught:
            text = str(warning.message)
            if text not in seen:
                seen.add(text)
                print(f"framing: warning: {text}", file=sys.stderr)
    return status


def _interrupted(exc: KeyboardInterrupt) -> int:
    """Say what an interrupt (Ctrl-C, SIGTERM, SIGHUP) left behind; the exit code 128 + signal."""
    signum = exc.signum if isinstance(exc, Interrupted) else 2  # SIGINT
    written, streamed = signals_seen()[1:]
    name = "interrupted" if signum == 2 else f"stopped by {Interrupted(signum)}"
    if written:
        print(f"framing: {name} after {', '.join(written)} was written in full", file=sys.stderr)
    elif streamed:
        print(f"framing: {name}; what reached {', '.join(streamed)} is incomplete", file=sys.stderr)
    else:
        print(f"framing: {name}; no output file was written", file=sys.stderr)
    return 128 + signum


def _detach_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit finds no broken
    pipe to complain about (as the :mod:`signal` documentation advises)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (captured in-process)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def run() -> None:
    """Console-script entry point: ``sys.exit(main())``."""
    sys.exit(main())
