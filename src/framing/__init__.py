"""framing: how news outlets frame a relationship between two sides, with evidence and stats."""

from ._version import __version__
from ._writers import write_sentences
from .classify import FrameClassifier, LexiconFeatures, bundled_classifier, load_model
from .clean import clean, cleaning_report
from .coding import read_coding, suggest_for_coding, write_coding_sheet
from .compare import Comparison, compare
from .corpus import Corpus, Document, load_corpus
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
from .keyness import keyness
from .lexicon import Lexicon, check_lexicon, load_lexicon
from .scoring import aggregate, evidence, iter_scores, score
from .stream import iter_corpus
from .tally import merge_tallies, tally
from .validate import (
    cohen_kappa,
    confusion_matrix,
    evaluate,
    krippendorff_alpha,
    learning_curve,
    pole_f1,
)

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
    "cleaning_report",
    "cohen_kappa",
    "compare",
    "confusion_matrix",
    "evaluate",
    "evidence",
    "iter_corpus",
    "iter_scores",
    "keyness",
    "krippendorff_alpha",
    "learning_curve",
    "load_corpus",
    "load_lexicon",
    "load_model",
    "merge_tallies",
    "pole_f1",
    "read_coding",
    "score",
    "suggest_for_coding",
    "tally",
    "write_coding_sheet",
    "write_sentences",
]
