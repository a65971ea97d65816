"""Imports go one way only (STYLE.md): a module imports only from modules to its left."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "framing"

# Each layer may import from the layers before it, never from its own layer or a later one.
LAYERS = [
    {"_plain"},  # numpy scalars as plain values in messages
    {"errors", "_version", "_escape", "_phrases", "_moved"},
    {"_english", "_validation"},  # language data (word lists, chrome tables); option checks
    {"_random", "_files"},
    {"_reading"},  # every input format read into documents; encodings
    {"_corpus"},
    {"_stream"},  # reads big files in chunks of Documents
    {"_clean"},
    {"_text"},
    {"_voice", "_dyad"},
    {"_lexicon_parts"},  # the plain records of a lexicon (Cue, Settings, CueMatch ...)
    {"_rules", "_toml", "_liwc"},  # the rule engine; TOML and LIWC .dic reading
    {"_lexicon"},
    {"_classify"},  # after lexicon: its LexiconFeatures need the lexicon engine
    {"_table"},  # the sentence-table contract: axes and poles from attrs or columns
    {"_engine"},  # chunks, worker processes, long documents in blocks, progress
    {"_scoring"},
    {"_tally"},  # per-document counts of a score() table
    {"_writers"},  # sentence tables to CSV/JSONL/JSON/parquet, streamed and atomic
    {"dask"},  # maps score and tally over Dask partitions (optional extra)
    {"_stats"},
    {"_plots"},
    {"_compare", "_keyness", "_validate"},
    {"_model"},  # covariate models (statsmodels); renders its tables as _compare does
    {"_concordance", "_keyness_plots"},  # keyword in context; keyness figures
    {"_coding"},
    {"_html_report"},  # the explorable HTML page of a report (Jinja2 template)
    {"_report", "_build_model"},
    {"cli"},
    {"__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("framing.")
        ):
            found.add(node.module.split(".")[1])
    return found


MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_imports_point_left(path):
    assert path.stem in RANK, f"{path.stem} has no place in the layering; add it to LAYERS"
    for target in _imports(path):
        assert target in RANK, f"{path.stem} imports unknown module {target}"
        assert RANK[target] < RANK[path.stem], f"{path.stem} imports {target}: upward or sideways"


def test_import_is_light():
    """`import framing` loads neither matplotlib.pyplot nor a lexicon, and downloads nothing."""
    code = (
        "import sys, framing; "
        "print('matplotlib.pyplot' in sys.modules, framing._lexicon._builtin.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "0"]


def test_public_names_exist():
    import framing

    for name in framing.__all__:
        assert hasattr(framing, name), name


def _loaded(code: str, *modules: str) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


HEAVY = ("sklearn", "scipy", "scipy.stats", "scipy.special", "matplotlib", "nltk", "pandas")


def test_import_loads_no_heavy_dependency():
    """`import framing` (issue 17: under 0.5 s) imports the public names on first use only."""
    assert _loaded("import framing", *HEAVY) == []
    # the probe sees them once they are used
    assert _loaded("from framing import FrameClassifier", *HEAVY)[:1] == ["sklearn"]


def test_cli_help_loads_no_heavy_dependency():
    code = (
        "from framing.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0\n"
        "    assert main(['score', '--help']) == 0"
    )
    assert _loaded(code, *HEAVY) == []


def test_lexicon_path_of_compare_loads_no_classifier():
    """`framing compare seeds/` (the README's command, lexicon method): no scikit-learn, no
    matplotlib, no nltk; pandas is loaded, so the probe does see what was imported."""
    seeds = PACKAGE.parents[1] / "seeds"
    code = (
        "from framing.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['compare', {str(seeds)!r}, '--n-resamples', '200', '-q']) == 0"
    )
    assert _loaded(code, "sklearn", "matplotlib", "nltk", "pandas") == ["pandas"]


@pytest.mark.slow
def test_lazy_names_are_the_same_objects_as_before():
    """Every public name resolves, appears in dir(), and is its module's object; the functions
    named like their modules stay functions after those modules are imported."""
    code = (
        "import framing, framing._scoring, framing.clean, framing.compare, framing.keyness\n"
        "import framing.tally, inspect\n"
        "from framing import FrameClassifier, score\n"
        "assert set(framing.__all__) <= set(dir(framing))\n"
        "assert score is framing._scoring.score and framing.score is score\n"
        "assert FrameClassifier is framing._classify.FrameClassifier\n"
        "for name in ('clean', 'compare', 'keyness', 'tally'):\n"
        "    assert inspect.isfunction(getattr(framing, name)), name\n"
        "assert all(getattr(framing, name) is not None for name in framing.__all__)\n"
        "assert framing._text.split_sentences('A b. C d.')\n"
        "try:\n"
        "    framing.no_such_name\n"
        "except AttributeError as exc:\n"
        "    assert 'no_such_name' in str(exc)\n"
        "else:\n"
        "    raise AssertionError('no AttributeError')"
    )
    assert _loaded(code) == []


def test_punkt_tokenizer_without_nltk_says_how_to_install_it():
    """nltk is an extra, not a dependency: only punkt_tokenizer needs it."""
    code = (
        "import sys\n"
        "sys.modules['nltk'] = None\n"
        "from framing._text import punkt_tokenizer, split_sentences\n"
        "assert len(split_sentences('Mr. Xi met Dr. Li. They talked.')) == 2\n"
        "try:\n"
        "    punkt_tokenizer()\n"
        "except ImportError as exc:\n"
        "    assert \"pip install 'framing[nltk]'\" in str(exc), exc\n"
        "else:\n"
        "    raise AssertionError('no ImportError')"
    )
    assert _loaded(code) == []
