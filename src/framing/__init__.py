"""framing: how news outlets frame a relationship between two sides, with evidence and statistics."""

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
    ParameterError,
    SmallSampleWarning,
)

__all__ = [
    "__version__",
    "CorpusError",
    "DataQualityWarning",
    "FramingError",
    "FramingWarning",
    "InputEncodingError",
    "InputError",
    "InsufficientDataError",
    "LexiconError",
    "ParameterError",
    "SmallSampleWarning",
]
