"""Deprecated: the module ``framing.tally`` is private now (``framing._tally``).

Its public names are at the top of the package (``framing.tally`` is the function); the old
import path still works, with a :class:`DeprecationWarning` (:mod:`framing._moved`).
"""

from ._moved import forward

__getattr__ = forward(__name__, "framing._tally")
