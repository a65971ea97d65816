"""Deprecated: the module ``framing.clean`` is private now (``framing._clean``).

Its public names are at the top of the package (``framing.clean`` is the function); the old
import path still works, with a :class:`DeprecationWarning` (:mod:`framing._moved`).
"""

from ._moved import forward

__getattr__ = forward(__name__, "framing._clean")
