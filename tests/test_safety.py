"""Safety: cues are literal text, nothing loads a pickle, every file write is atomic.

All text here is constructed.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing._text
from framing._coding import write_coding_sheet
from framing._lexicon import Actor, Axis, Cue, Dyad, Lexicon
from framing._text import PhraseMatcher
from framing.errors import LexiconError

from .conftest import ROOT

PACKAGE = ROOT / "src" / "framing"
SOURCES = sorted(PACKAGE.glob("*.py"))
ADVERSARIAL = ["(a|a)+$", "\\", "[", "a+b?", "^x{2}", "(?i)", "\\b", "a|b", ")"]


# --- cues are matched literally ----------------------------------------------------------------


def _lexicon(cues, aliases=("alpha", "beta")):
    return Lexicon(
        "adversarial",
        "1",
        "constructed",
        (Axis("tone", ("warm", "cold")),),
        tuple(Cue(term, "tone", "warm" if i % 2 == 0 else "cold") for i, term in enumerate(cues)),
        actors=(Actor("a", "A", (aliases[0],)), Actor("b", "B", (aliases[1],))),
        dyad=Dyad(sides=("a", "b")),
    )


def test_regex_syntax_in_cues_is_escaped_in_the_compiled_pattern():
    for cue in ADVERSARIAL:  # each cue alone: together they share a trie of prefixes
        assert re.escape(cue) in _lexicon([cue, "cold"])._compiled.cues.pattern.pattern
    lexicon = _lexicon(ADVERSARIAL)
    text = "alpha beta: (a|a)+$ and \\ then [ and a+b? and aaaab and ab and x."
    sents = framing.score([text], lexicon)
    terms = [cue["term"] for cues in sents["cues"] for cue in cues]
    assert terms == ["(a|a)+$", "\\", "[", "a+b?"]  # literal hits only: 'aaaab', 'ab' are not


def test_a_wildcard_that_looks_like_a_regex_is_a_lexicon_error():
    with pytest.raises(LexiconError, match=r"'\.\*'"):
        _lexicon(["warmly", ".*"])


@pytest.mark.slow
def test_adversarial_cues_aliases_and_text_finish():
    # (a|a)+$ against a long run of a's is the textbook catastrophic backtracking case for a
    # regex engine; as literal text it is one failed comparison per position. Run in a child
    # process with a generous timeout, so that a regression fails instead of hanging the suite.
    code = """
import warnings
warnings.simplefilter("ignore")
import framing
import framing._text
from tests.test_safety import ADVERSARIAL, _lexicon
lexicon = _lexicon([*ADVERSARIAL, "aaaa*"], aliases=("(a|a)+$", "[a-z]+"))
text = "(a|a)+$ and [a-z]+ met. " + "a" * 200_000 + "!" + " (a|a)+" * 20_000 + " [ " * 20_000
sents = framing.score([text], lexicon)
print(len(sents), sum(len(c) for c in sents["cues"]))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    n_sentences, n_cues = map(int, result.stdout.split())
    assert n_sentences == 2
    # '(a|a)+$' once, 'aaaa*' on the long run, '[' 20,000 times; '(a|a)+' alone is no cue.
    assert n_cues == 1 + 1 + 20_000


def _words(phrase: str) -> str:
    """A phrase as its words, lower case: separators (spaces, hyphens, dashes) do not count."""
    return " ".join(w for w in re.split(r"[\s\-‐‑–—]+", phrase.lower()) if w)


@settings(max_examples=60, deadline=None)
@given(
    phrases=st.lists(
        st.text(alphabet="a()|+*?.[]{}^$\\-", min_size=1, max_size=6).filter(
            lambda p: "*" not in p
        ),
        min_size=1,
        max_size=4,
    ),
    filler=st.lists(st.text(alphabet="a()|+*?.[]{}^$\\ ", max_size=6), max_size=8),
    data=st.data(),
)
def test_phrase_matches_are_literal_occurrences(phrases, filler, data):
    matcher = PhraseMatcher(phrases)
    words = data.draw(st.permutations([*phrases, *filler]))
    text = " ".join(words)
    keys = {_words(p) for p in phrases}
    for start, end, index in matcher.finditer(text):
        found = _words(text[start:end])
        found = re.sub(r"['’]s$", "", found) if found not in keys else found
        assert found in keys, (text[start:end], phrases[index])


# --- nothing loads a pickle --------------------------------------------------------------------

_UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve",
                   "marshal", "torch"}  # fmt: skip
_UNSAFE_CALLS = {"read_pickle", "load_pickle", "Unpickler"}
_LOADERS = {"pickle", "dill", "cloudpickle", "joblib", "marshal", "shelve", "torch", "np", "numpy"}


def _unsafe(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in _UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in _UNSAFE_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = ast.unparse(node.func.value)
            # numpy's load is safe only when told outright not to unpickle (object arrays)
            refused = any(
                k.arg == "allow_pickle" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            safe_numpy = owner in {"np", "numpy"} and name == "load" and refused
            if name in _UNSAFE_CALLS or (
                name in {"load", "loads", "open"} and owner in _LOADERS and not safe_numpy
            ):
                found.append(f"{owner}.{name} at line {node.lineno}")
            if any(k.arg == "allow_pickle" for k in node.keywords) and not refused:
                found.append(f"allow_pickle at line {node.lineno}")
    return found


def test_no_module_loads_a_pickle():
    assert SOURCES
    unsafe = {path.name: _unsafe(path) for path in SOURCES}
    assert {name: found for name, found in unsafe.items() if found} == {}


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import pickle\nimport joblib.numpy_pickle\nimport numpy as np\nimport pandas as pd\n"
        "np.load('x.npy', allow_pickle=True)\npd.read_pickle('x.pkl')\n"
        "np.load('x.npz', allow_pickle=False)\n",
        encoding="utf-8",
    )
    assert len(_unsafe(sample)) == 5


def test_no_pickled_model_is_shipped():
    shipped = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    suffixes = {p.suffix for p in shipped}
    assert not suffixes & {".pkl", ".pickle", ".joblib", ".npy", ".npz", ".pt", ".bin", ".h5"}
    for model in (p for p in shipped if p.suffix == ".model"):  # plain arrays, read unpickled
        with np.load(model, allow_pickle=False) as archive:
            assert all(archive[name].dtype != object for name in archive.files)


def test_the_bundled_classifier_is_loaded_without_unpickling(monkeypatch):
    import pickle

    import framing._classify as classify

    def refuse(*args, **kwargs):
        raise AssertionError("something tried to unpickle")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pd, "read_pickle", refuse)
    classify._bundled.cache_clear()
    try:
        model = framing.bundled_classifier("power")
        assert model.predict(["Russia has become China's junior partner."])[0] == "junior"
    finally:
        classify._bundled.cache_clear()


# --- file writes are atomic ---------------------------------------------------------------------

_WRITERS = {"write_text", "write_bytes", "to_csv", "to_parquet", "to_json", "to_excel",
            "savefig", "ParquetWriter", "to_feather", "to_pickle"}  # fmt: skip
_ATOMIC = {"atomic_path", "atomic_files", "_atomic", "_text_output", "_replacing"}
# Functions that write only to a temporary path (or staging folder) their caller gives them from
# an atomic helper; _files.py itself is the atomic helper (its copy into a hard-linked file is
# the one write in place, documented there).
_WRITES_TO_A_GIVEN_TEMPORARY = {
    ("_writers.py", "_write_parquet"), ("_writers.py", "_write_text"), ("_report.py", "_write_files"),
}


def _writes(path: Path) -> list[tuple[str, int, bool]]:
    """Every file write in a module: ``(function, line, inside an atomic block)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, function: str, atomic: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and ast.unparse(call.func).split(".")[-1] in _ATOMIC:
                    atomic = True
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func).split(".")[-1]
            mode = next((a for a in node.args[1:2] if isinstance(a, ast.Constant)), None)
            mode = mode or next((k.value for k in node.keywords if k.arg == "mode"), None)
            writes_file = name in _WRITERS and (node.args or node.keywords) and not (
                name in {"to_csv", "to_json"} and not node.args
                and not any(k.arg in {"path_or_buf", "path"} for k in node.keywords)
            )  # fmt: skip
            opens_for_writing = (
                name == "open"
                and isinstance(mode, ast.Constant)
                and any(c in str(mode.value) for c in "wax+")
            )
            if writes_file or opens_for_writing:
                found.append((function, node.lineno, atomic))
        for child in ast.iter_child_nodes(node):
            visit(child, function, atomic)

    visit(tree, "<module>", False)
    return found


def test_every_file_write_in_the_library_is_atomic():
    writes = {path.name: _writes(path) for path in SOURCES}
    assert sum(len(found) for found in writes.values()) >= 5  # the scan sees the writes
    unsafe = [
        f"{name}:{line} in {function}"
        for name, found in writes.items()
        for function, line, atomic in found
        if not atomic and (name, function) not in _WRITES_TO_A_GIVEN_TEMPORARY
    ]
    assert unsafe == [], "write through framing._files.atomic_path (temporary file + os.replace)"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "sheet.csv"
    target.write_text("the coder's work\n", encoding="utf-8")

    def fail_halfway(self, path, *args, **kwargs):
        Path(path).write_text("half a sheet", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail_halfway)
    with pytest.raises(OSError, match="disk full"):
        write_coding_sheet(["Xi met Putin."], target)
    assert target.read_text(encoding="utf-8") == "the coder's work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.csv"]


def test_a_completed_write_replaces_the_file_with_the_usual_mode(tmp_path):
    target = tmp_path / "sheet.csv"
    target.write_text("old\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_coding_sheet(["Xi met Putin."], target)
    assert pd.read_csv(target)["text"].tolist() == ["Xi met Putin."]
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.csv"]
    assert target.stat().st_mode & 0o644 == 0o644  # readable as a new file would be


def test_a_cue_that_is_only_a_separator_matches_nothing_and_is_a_lexicon_error():
    # Found by the random-lexicon property: a cue '-' matched a space and crashed (LookupError).
    # The matcher ignores it; a lexicon reports it, with the reason.
    matcher = PhraseMatcher(["-", ":", "- x"])
    text = "a - b : c -x"
    assert [(text[s:e], matcher.phrases[i]) for s, e, i in matcher.finditer(text)] == [
        (":", ":"),
        ("x", "- x"),
    ]
    with pytest.raises(LexiconError, match="cue '-' is only word separators"):
        _lexicon(["-", ":"])
    sents = framing.score(["alpha beta : friends."], _lexicon([":", "cold"]))
    assert [cue["term"] for cue in sents.loc[0, "cues"]] == [":"]


def test_many_cues_in_one_sentence_stay_linear():
    # 20,000 cues that are also clause breaks ('[') in one sentence: each cue's clause was
    # found by scanning every break before it (quadratic, 45 s); now by bisection.
    lexicon = _lexicon(["[", "cold"])
    text = "alpha beta" + " [ " * 20_000 + "."
    matches = lexicon.match_sentences(text, [(0, len(text), 0)])
    assert len(matches[0]) == 20_000


# The sentence-boundary candidate pattern as it was: correct, but quadratic on a long run of
# marks (40,000 '!' took 15 s), since a match was tried from every mark of the run.
_BACKTRACKING_CANDIDATE = re.compile(r"[.?!…]+[\"”’'»)\]]*(?=[ \t]+\S)")


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=".?!…\"”’'»)] \tab\n", max_size=60))
def test_sentence_candidates_are_those_of_the_backtracking_pattern(text):
    from framing._text import _CANDIDATE

    expected = [m.span() for m in _BACKTRACKING_CANDIDATE.finditer(text)]
    assert [m.span() for m in _CANDIDATE.finditer(text)] == expected


def test_a_megabyte_of_exclamation_marks_ends_one_sentence():
    text = "Xi and Putin " + "!" * 1_000_000 + " Friends."
    spans = framing._text.split_sentences(text)
    assert spans == [(0, 13 + 1_000_000, 0), (14 + 1_000_000, len(text), 0)]
