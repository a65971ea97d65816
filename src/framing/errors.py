"""Errors and warnings raised by :mod:`framing`.

Every deliberate error derives from :class:`FramingError`. Errors caused by the user's input also
derive from :class:`ValueError` (through :class:`InputError`), so code that already catches
``ValueError`` keeps working; the command line turns them into exit code 2. Each error keeps the
offending input as attributes (``path``, ``line``, ``name`` ...) and its message says what came,
what was expected and how to fix it.

Warnings derive from :class:`FramingWarning`, a :class:`UserWarning`.

Examples
--------
>>> try:
...     raise ParameterError("unit", "paragraph", ("auto", "document", "sentence"))
... except ValueError as exc:
...     print(exc)
unit='paragraph' is not allowed; expected one of: 'auto', 'document', 'sentence'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ._plain import shown, shown_list

__all__ = [
    "FramingError",
    "InputError",
    "CorpusError",
    "InputEncodingError",
    "LexiconError",
    "ParameterError",
    "InsufficientDataError",
    "FramingWarning",
    "DataQualityWarning",
    "SmallSampleWarning",
    "ModelError",
    "OutputError",
]


class FramingError(Exception):
    """Base class of every error that :mod:`framing` raises on purpose.

    Errors pickle with their message and attributes intact, so an error raised in a worker
    process (``score(..., n_jobs=2)``, Dask) reaches the caller as the same type.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword attributes in __init__; rebuild without calling it.
        return (_rebuild_error, (type(self), self.args, self.__dict__))


def _rebuild_error(
    cls: type[FramingError], args: tuple[Any, ...], state: dict[str, Any]
) -> FramingError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(FramingError, ValueError):
    """The user's input (data, file, option) cannot be used as given."""


class CorpusError(InputError):
    """A corpus file, folder, row or document cannot be loaded.

    Attributes
    ----------
    path : str or None
        The file or folder concerned.
    row : int or None
        The 1-based row (CSV data row, JSONL line) concerned.
    doc_id : str or None
        The document concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        row: int | None = None,
        doc_id: str | None = None,
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.row = row
        self.doc_id = doc_id
        super().__init__(message)


class InputEncodingError(CorpusError):
    """A file is binary or in a text encoding that cannot be decoded."""


class LexiconError(InputError):
    """A lexicon file or lexicon definition is malformed.

    Attributes
    ----------
    path : str or None
        The lexicon file.
    line : int or None
        The 1-based line of the problem, when known.
    entry : str or None
        The cue, key or category concerned.
    problems : list of tuple
        Every problem found, as ``(line, message)``; the message of the error is the first one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        entry: str | None = None,
        problems: Iterable[tuple[int | None, str]] | None = None,
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.line = line
        self.entry = entry
        self.problems = list(problems) if problems is not None else [(line, message)]
        super().__init__(message)


class ParameterError(InputError):
    """An argument has a value that is not allowed.

    Attributes
    ----------
    name : str
        The argument.
    value : object
        What was given.
    allowed : object
        What is allowed: a tuple of values, or a description.
    """

    def __init__(self, name: str, value: Any, allowed: Any, hint: str = "") -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        if isinstance(allowed, (tuple, list, set, frozenset)):
            listed = shown_list(allowed)
            message = f"{name}={shown(value)} is not allowed; expected one of: {listed}"
        else:
            message = f"{name}={shown(value)} is not allowed; expected {allowed}"
        if hint:
            message += f". {hint}"
        super().__init__(message)


class InsufficientDataError(InputError):
    """There is too little data for the requested computation.

    Attributes
    ----------
    group : str or None
        The group concerned, if any.
    n : int
        How many units there are.
    needed : int
        How many are needed.
    """

    def __init__(self, message: str, *, group: str | None = None, n: int = 0, needed: int = 1):
        self.group = group
        self.n = n
        self.needed = needed
        super().__init__(message)


class ModelError(InputError):
    """A saved model cannot be used: not a framing model file, a pickle, unknown (untrusted)
    contents, or a model whose lexicon differs from the one it was trained with.

    Attributes
    ----------
    path : str or None
        The model file, when there is one.
    """

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(message)


class OutputError(FramingError, OSError):
    """An output could not be written for a reason of the machine, not of the data: the disk or
    the quota is full, the file system is read-only. Nothing was replaced: the old output, if
    any, is as it was, and no temporary file is left.

    Attributes
    ----------
    path : str
        The output that could not be written.

    Examples
    --------
    >>> import errno
    >>> error = OutputError("cannot write out.csv: no space left", path="out.csv")
    >>> isinstance(error, FramingError), error.path
    (True, 'out.csv')
    """

    def __init__(self, message: str, *, path: str):
        self.path = path
        super().__init__(message)


class FramingWarning(UserWarning):
    """Base class of warnings issued by :mod:`framing`."""


class DataQualityWarning(FramingWarning):
    """The input has a quality problem that was handled (empty file, cp1252, HTML, duplicates)."""


class SmallSampleWarning(FramingWarning):
    """A statistic rests on few units: read it with its interval, not as a confident number."""
