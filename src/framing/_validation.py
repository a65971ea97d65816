"""One validation layer for the options of public functions.

In the manner of scikit-learn's ``check_scalar`` and ``validate_params``: every public function
checks its numeric, boolean and choice options with these helpers, so all of them accept and
refuse the same things. Integers include numpy integers (``np.int64(1)`` is an integer), reals
include numpy floats and integers, and a bool is never taken for a number. A refused value
raises :class:`~framing.errors.ParameterError` naming the parameter, the value given and what
is allowed. The helpers return the value as a plain Python ``int``, ``float`` or ``bool``.

Examples
--------
>>> import numpy as np
>>> check_int(np.int64(3), "chunk_size", min_val=1)
3
>>> check_int(True, "chunk_size", min_val=1)
Traceback (most recent call last):
...
framing.errors.ParameterError: chunk_size=True is not allowed; expected an integer >= 1
>>> check_real(0.95, "confidence", min_val=0, max_val=1, include_boundaries="neither")
0.95
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection
from typing import Any, Literal, TypeVar

import numpy as np

from .errors import ParameterError

__all__ = ["check_int", "check_real", "check_bool", "check_choice"]

Boundaries = Literal["both", "left", "right", "neither"]
_T = TypeVar("_T")


def check_int(
    value: Any,
    name: str,
    *,
    min_val: int | None = None,
    max_val: int | None = None,
    allow_none: bool = False,
    allowed: str | None = None,
) -> Any:
    """An integer (Python or numpy, not a bool) from ``min_val`` to ``max_val``, both included.

    Parameters
    ----------
    value : object
        The argument to check.
    name : str
        Its name, for the message.
    min_val, max_val : int or None, default=None
        The smallest and largest allowed values; None for no bound.
    allow_none : bool, default=False
        Whether None is allowed (and returned as is).
    allowed : str or None, default=None
        What is allowed, in words, for the message; default from the bounds.

    Returns
    -------
    int or None
        ``value`` as a Python ``int`` (None when allowed and given).

    Raises
    ------
    ParameterError
        If ``value`` is not an integer or lies outside the bounds.

    Examples
    --------
    >>> check_int(None, "top", min_val=1, allow_none=True) is None
    True
    >>> check_int(0, "top", min_val=1, allow_none=True)
    Traceback (most recent call last):
    ...
    framing.errors.ParameterError: top=0 is not allowed; expected an integer >= 1, or None
    """
    if value is None and allow_none:
        return None
    if not _is_integer(value) or not _within(value, min_val, max_val, "both"):
        described = allowed or _describe("an integer", min_val, max_val, "both", allow_none)
        raise ParameterError(name, value, described)
    return int(value)


def check_real(
    value: Any,
    name: str,
    *,
    min_val: float | None = None,
    max_val: float | None = None,
    include_boundaries: Boundaries = "both",
    allow_none: bool = False,
    allowed: str | None = None,
) -> Any:
    """A finite real number (Python or numpy, integers included, not a bool) within bounds.

    Parameters
    ----------
    value, name, allow_none, allowed
        As in :func:`check_int`.
    min_val, max_val : float or None, default=None
        The bounds; None for no bound.
    include_boundaries : {"both", "left", "right", "neither"}, default="both"
        Which bounds are allowed values themselves, as in scikit-learn's ``check_scalar``.

    Returns
    -------
    float or None
        ``value`` as a Python ``float`` (None when allowed and given).

    Raises
    ------
    ParameterError
        If ``value`` is not a finite real number or lies outside the bounds.

    Examples
    --------
    >>> check_real(1, "alpha0", min_val=0, include_boundaries="neither")
    1.0
    >>> check_real(1.5, "confidence", min_val=0, max_val=1, include_boundaries="neither")
    Traceback (most recent call last):
    ...
    framing.errors.ParameterError: confidence=1.5 is not allowed; expected a number in (0, 1)
    """
    if value is None and allow_none:
        return None
    if (
        not _is_real(value)
        or not math.isfinite(value)
        or not _within(value, min_val, max_val, include_boundaries)
    ):
        described = allowed or _describe(
            "a number", min_val, max_val, include_boundaries, allow_none
        )
        raise ParameterError(name, value, described)
    return float(value)


def check_bool(value: Any, name: str) -> bool:
    """``True`` or ``False`` (a numpy bool too); never a number or a string.

    Examples
    --------
    >>> check_bool(np.True_, "lowercase")
    True
    >>> check_bool(1, "lowercase")
    Traceback (most recent call last):
    ...
    framing.errors.ParameterError: lowercase=1 is not allowed; expected one of: True, False
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(name, value, (True, False))
    return bool(value)


def check_choice(value: _T, name: str, allowed: Collection[Any], hint: str = "") -> _T:
    """One of ``allowed``.

    Examples
    --------
    >>> check_choice("skip", "errors", ("raise", "skip"))
    'skip'
    >>> check_choice("ignore", "errors", ("raise", "skip"))
    Traceback (most recent call last):
    ...
    framing.errors.ParameterError: errors='ignore' is not allowed; expected one of: 'raise', 'skip'
    """
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(name, value, tuple(allowed), hint)
    return value


def _is_integer(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _within(value: Any, low: float | None, high: float | None, closed: Boundaries) -> bool:
    if low is not None and (value < low if closed in ("both", "left") else value <= low):
        return False
    return high is None or (value <= high if closed in ("both", "right") else value < high)


def _describe(
    kind: str, low: float | None, high: float | None, closed: Boundaries, allow_none: bool
) -> str:
    """``an integer >= 1``, ``a number in (0, 1]``, ... for the message."""
    if low is not None and high is not None:
        left = "[" if closed in ("both", "left") else "("
        right = "]" if closed in ("both", "right") else ")"
        text = f"{kind} in {left}{low}, {high}{right}"
    elif low is not None:
        text = f"{kind} {'>=' if closed in ('both', 'left') else '>'} {low}"
    elif high is not None:
        text = f"{kind} {'<=' if closed in ('both', 'right') else '<'} {high}"
    else:
        text = kind
    return f"{text}, or None" if allow_none else text
