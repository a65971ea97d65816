"""framing: how news outlets frame a relationship between two sides, with evidence and stats.

The public names are imported on first use (PEP 562), so ``import framing`` and ``framing --help``
load neither pandas nor scikit-learn, SciPy or matplotlib; ``from framing import score`` works as
before.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING, Any

from ._moved import OldPaths
from ._version import __version__
from .errors import (
    CorpusError,
    DataQualityWarning,
    FramingError,
    FramingWarning,
    InputEncodingError,
    InputError,
    InsufficientDataError,
    LexiconError,
    ModelError,
    OutputError,
    ParameterError,
    SmallSampleWarning,
)

if TYPE_CHECKING:
    from ._classify import (
        FrameClassifier,
        LexiconFeatures,
        bundled_classifier,
        check_text_model,
        load_model,
        model_info,
    )
    from ._clean import clean, clean_corpus, cleaning_report
    from ._coding import read_coding, suggest_for_coding, write_coding_sheet
    from ._compare import Comparison, compare
    from ._concordance import concordance, format_concordance
    from ._corpus import Corpus, Document, load_corpus, parse_date
    from ._dyad import DyadMatcher
    from ._keyness import keyness
    from ._keyness_plots import plot_keyness, plot_keyness_scatter
    from ._lexicon import Lexicon, builtin_lexicons, check_lexicon, load_lexicon
    from ._model import ModelFit, model
    from ._plots import learning_curve_figure
    from ._report import write_report
    from ._scoring import (
        aggregate,
        cues_from_json,
        cues_to_json,
        evidence,
        iter_scores,
        score,
        sentence_columns,
    )
    from ._stats import (
        balance_interval,
        benjamini_hochberg,
        cliffs_delta,
        cohens_h,
        difference_interval,
        holm,
        permutation_test_balance,
        permutation_test_groups,
    )
    from ._stream import iter_corpus
    from ._tally import merge_tallies, tally
    from ._text import punkt_tokenizer, split_sentences
    from ._validate import (
        cohen_kappa,
        confusion_matrix,
        evaluate,
        krippendorff_alpha,
        learning_curve,
        pole_f1,
    )
    from ._voice import attribute_voice
    from ._writers import read_sentences, write_sentences

#: The module each lazily imported public name comes from.
_LAZY = {
    **dict.fromkeys(["read_sentences", "write_sentences"], "_writers"),
    **dict.fromkeys(
        ["FrameClassifier", "LexiconFeatures", "bundled_classifier", "load_model"], "_classify"
    ),  # fmt: skip
    **dict.fromkeys(["clean", "clean_corpus", "cleaning_report"], "_clean"),
    **dict.fromkeys(["read_coding", "suggest_for_coding", "write_coding_sheet"], "_coding"),
    **dict.fromkeys(["Comparison", "compare"], "_compare"),
    **dict.fromkeys(["Corpus", "Document", "load_corpus"], "_corpus"),
    "keyness": "_keyness",
    **dict.fromkeys(["ModelFit", "model"], "_model"),
    **dict.fromkeys(["concordance", "format_concordance"], "_concordance"),
    **dict.fromkeys(["plot_keyness", "plot_keyness_scatter"], "_keyness_plots"),
    **dict.fromkeys(["Lexicon", "check_lexicon", "load_lexicon"], "_lexicon"),
    **dict.fromkeys(["aggregate", "evidence", "iter_scores", "score"], "_scoring"),
    "iter_corpus": "_stream",
    **dict.fromkeys(["merge_tallies", "tally"], "_tally"),
    **dict.fromkeys(
        [
            "cohen_kappa",
            "confusion_matrix",
            "evaluate",
            "krippendorff_alpha",
            "learning_curve",
            "pole_f1",
        ],
        "_validate",
    ),  # fmt: skip
    **dict.fromkeys(["punkt_tokenizer", "split_sentences"], "_text"),
    **dict.fromkeys(["attribute_voice"], "_voice"),
    **dict.fromkeys(["DyadMatcher"], "_dyad"),
    **dict.fromkeys(["cues_from_json", "cues_to_json", "sentence_columns"], "_scoring"),
    **dict.fromkeys(["builtin_lexicons"], "_lexicon"),
    **dict.fromkeys(["write_report"], "_report"),
    **dict.fromkeys(["learning_curve_figure"], "_plots"),
    **dict.fromkeys(["parse_date"], "_corpus"),
    **dict.fromkeys(["check_text_model", "model_info"], "_classify"),
    **dict.fromkeys(
        [
            "balance_interval",
            "benjamini_hochberg",
            "cliffs_delta",
            "cohens_h",
            "difference_interval",
            "holm",
            "permutation_test_balance",
            "permutation_test_groups",
        ],
        "_stats",
    ),
}

__all__ = [
    "__version__",
    "Comparison",
    "Corpus",
    "CorpusError",
    "DataQualityWarning",
    "Document",
    "DyadMatcher",
    "FrameClassifier",
    "FramingError",
    "FramingWarning",
    "InputEncodingError",
    "InputError",
    "InsufficientDataError",
    "Lexicon",
    "LexiconError",
    "LexiconFeatures",
    "ModelError",
    "ModelFit",
    "OutputError",
    "ParameterError",
    "SmallSampleWarning",
    "aggregate",
    "attribute_voice",
    "balance_interval",
    "benjamini_hochberg",
    "builtin_lexicons",
    "bundled_classifier",
    "check_lexicon",
    "check_text_model",
    "clean",
    "clean_corpus",
    "cleaning_report",
    "cliffs_delta",
    "cohen_kappa",
    "cohens_h",
    "compare",
    "concordance",
    "confusion_matrix",
    "cues_from_json",
    "cues_to_json",
    "difference_interval",
    "evaluate",
    "evidence",
    "holm",
    "format_concordance",
    "iter_corpus",
    "iter_scores",
    "keyness",
    "krippendorff_alpha",
    "learning_curve",
    "learning_curve_figure",
    "load_corpus",
    "load_lexicon",
    "load_model",
    "merge_tallies",
    "model_info",
    "parse_date",
    "permutation_test_balance",
    "permutation_test_groups",
    "model",
    "plot_keyness",
    "plot_keyness_scatter",
    "pole_f1",
    "punkt_tokenizer",
    "read_coding",
    "read_sentences",
    "score",
    "sentence_columns",
    "split_sentences",
    "suggest_for_coding",
    "tally",
    "write_coding_sheet",
    "write_report",
    "write_sentences",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use; or a submodule (``framing.dask``)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    elif not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}"):
        # Before, every module was imported with the package: framing._scoring.score still works.
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package, whose functions ``clean``, ``compare``, ``keyness`` and ``tally`` keep their
    names when the deprecated modules of the same names (:mod:`framing._moved`) are imported:
    the import system sets a submodule as an attribute of its package.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _LAZY and _LAZY[name] != name:
            value = getattr(importlib.import_module(f"framing.{_LAZY[name]}"), name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
# The old module paths (framing._scoring, framing.clean ...) still import, with a warning.
if not any(isinstance(finder, OldPaths) for finder in sys.meta_path):
    sys.meta_path.append(OldPaths())
