"""One entry point for randomness: every public function that draws takes ``seed``."""

from __future__ import annotations

import numpy as np

from ._validation import check_int

__all__ = ["as_generator", "SeedLike"]

SeedLike = int | np.random.Generator | None


def as_generator(seed: SeedLike) -> np.random.Generator:
    """Turn ``seed`` into a :class:`numpy.random.Generator`, once.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        An integer seed (reproducible), an existing generator (used as is) or None (fresh entropy).

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    ParameterError
        If ``seed`` is of any other type (a float, a string, a bool).

    Examples
    --------
    >>> rng = as_generator(0)
    >>> float(rng.random()) == float(as_generator(0).random())
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    allowed = "a non-negative integer, a numpy Generator or None"
    return np.random.default_rng(check_int(seed, "seed", min_val=0, allowed=allowed))
