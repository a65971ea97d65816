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
    from ._clean import clean, clean_corpus, cleaning_report
    from ._compare import Comparison, compare
    from ._concordance import concordance, format_concordance
    from ._keyness import keyness
    from ._keyness_plots import plot_keyness, plot_keyness_scatter
    from ._tally import merge_tallies, tally
    from ._writers import read_sentences, write_sentences
    from .classify import FrameClassifier, LexiconFeatures, bundled_classifier, load_model
    from .coding import read_coding, suggest_for_coding, write_coding_sheet
    from .corpus import Corpus, Document, load_corpus
    from .lexicon import Lexicon, check_lexicon, load_lexicon
    from .scoring import aggregate, evidence, iter_scores, score
    from .stream import iter_corpus
    from .validate import (
        cohen_kappa,
        confusion_matrix,
        evaluate,
        krippendorff_alpha,
        learning_curve,
        pole_f1,
    )

#: The module each lazily imported public name comes from.
_LAZY = {
    **dict.fromkeys(["read_sentences", "write_sentences"], "_writers"),
    **dict.fromkeys(["FrameClassifier", "LexiconFeatures", "bundled_classifier", "load_model"],
                    "classify"),  # fmt: skip
    **dict.fromkeys(["clean", "clean_corpus", "cleaning_report"], "_clean"),
    **dict.fromkeys(["read_coding", "suggest_for_coding", "write_coding_sheet"], "coding"),
    **dict.fromkeys(["Comparison", "compare"], "_compare"),
    **dict.fromkeys(["Corpus", "Document", "load_corpus"], "corpus"),
    "keyness": "_keyness",
    **dict.fromkeys(["concordance", "format_concordance"], "_concordance"),
    **dict.fromkeys(["plot_keyness", "plot_keyness_scatter"], "_keyness_plots"),
    **dict.fromkeys(["Lexicon", "check_lexicon", "load_lexicon"], "lexicon"),
    **dict.fromkeys(["aggregate", "evidence", "iter_scores", "score"], "scoring"),
    "iter_corpus": "stream",
    **dict.fromkeys(["merge_tallies", "tally"], "_tally"),
    **dict.fromkeys(
        ["cohen_kappa", "confusion_matrix", "evaluate", "krippendorff_alpha", "learning_curve",
         "pole_f1"],
        "validate",
    ),  # fmt: skip
}

__all__ = [
    "__version__",
    "Comparison",
    "Corpus",
    "CorpusError",
    "DataQualityWarning",
    "Document",
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
    "OutputError",
    "ParameterError",
    "SmallSampleWarning",
    "aggregate",
    "bundled_classifier",
    "check_lexicon",
    "clean",
    "clean_corpus",
    "cleaning_report",
    "cohen_kappa",
    "compare",
    "concordance",
    "confusion_matrix",
    "evaluate",
    "evidence",
    "format_concordance",
    "iter_corpus",
    "iter_scores",
    "keyness",
    "krippendorff_alpha",
    "learning_curve",
    "load_corpus",
    "load_lexicon",
    "load_model",
    "merge_tallies",
    "plot_keyness",
    "plot_keyness_scatter",
    "pole_f1",
    "read_coding",
    "read_sentences",
    "score",
    "suggest_for_coding",
    "tally",
    "write_coding_sheet",
    "write_sentences",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use; or a submodule (``framing.text``)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    elif not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}"):
        # Before, every module was imported with the package: framing.scoring.score still works.
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
